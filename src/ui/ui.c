/*
 * The frame: the terminal (setlocale, ncursesw, wget_wch, Escape and Meta, bracketed
 * paste, SIGWINCH), the main loop, the status, key-hint and message lines, the layout of
 * the panes, the help screen and the keymaps. One thread; the SIGWINCH handler only sets
 * a flag. The loop draws what is dirty once per turn (wnoutrefresh, then one doupdate),
 * and every turn (a key, or the input timeout) compares the store's generation with the
 * one the panes were loaded at, so another process's commit shows within a second.
 */
#include "ui/ui.h"

#include <curses.h>
#include <errno.h>
#include <limits.h>
#include <locale.h>
#include <malloc.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include "core/compliance.h"
#include "core/unit.h"
#include "core/node.h"
#include "core/office.h"
#include "core/peer.h"
#include "core/text.h"
#include "core/view.h"
#include "core/visit.h"
#include "ui/line.h"
#include "ui/pane.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

/* The smallest screen the panes are laid out for (issue 8: usable at 60x20). */
#define UI_MIN_COLS 60
#define UI_MIN_ROWS 20
/* Side by side from this width: Visits beside the other pane. */
#define UI_WIDE_COLS 160
/* The input timeout: the longest another process's commit waits to be shown. */
#define UI_TICK_MS 500
/* The obligations are counted once no key has come for this long. */
#define UI_DUE_QUIET_MS 300
/* How long after Escape a key still makes it Meta (M-x), as terminals send Alt. */
#define UI_META_MS 25

/* curses key codes for the bracketed paste markers (define_key), above its own. */
#define UI_PASTE_BEGIN (KEY_MAX + 1)
#define UI_PASTE_END (KEY_MAX + 2)

static volatile sig_atomic_t ui_winch;
/* SIGHUP (the SSH connection dropped) or SIGTERM: leave, keeping the drafts. */
static volatile sig_atomic_t ui_hangup;

/*
 * make bench (bench/bench_ui.c) measures the real binary in a pseudo-terminal. With
 * KEZDESU_BENCH_KEYS=FILE set, each key's handling is timed inside the program, from
 * get_wch's return to the end of the doupdate that shows it (what the terminal cannot
 * see), and written to FILE at exit, one "KIND CODE NANOSECONDS WRITE_NANOSECONDS" line a
 * key (the second number: the part of the first spent in the store's write, the durable
 * commit, between ui_write_begin and ui_write_done); and the first complete frame is
 * followed by a DCS string that terminals ignore, so that the bench sees when the first
 * screen is done. Unset, nothing is timed or written.
 */
#define UI_BENCH_FRAME "\033Pkezdesu-frame\033\\"
struct ui_bench_key {
	char kind;		/* 'c' a character, 'k' a curses key code */
	uint32_t code;
	uint64_t ns;
	uint64_t write_ns;	/* of ns, in the store's write (ui_write_begin..done) */
};
static struct {
	const char *path;
	bool framed;		/* the first frame's marker written */
	bool pending;		/* a key read, its screen update not yet done */
	struct timespec read_at, write_at;
	struct ui_bench_key key, *v;
	size_t n, cap;
} ui_bench;

/* Called after each ui_draw: the pending key's time, and the first frame's marker. */
static void
ui_bench_drawn(void)
{
	struct timespec t;

	if (ui_bench.path == NULL)
		return;
	if (!ui_bench.framed) {
		ui_bench.framed = true;
		fputs(UI_BENCH_FRAME, stdout);
		fflush(stdout);
	}
	if (!ui_bench.pending)
		return;
	clock_gettime(CLOCK_MONOTONIC, &t);
	ui_bench.pending = false;
	if (ui_bench.n == ui_bench.cap) {
		ui_bench.cap = ui_bench.cap ? 2 * ui_bench.cap : 1024;
		ui_bench.v = xrealloc(ui_bench.v, ui_bench.cap * sizeof *ui_bench.v);
	}
	ui_bench.key.ns = (uint64_t)((t.tv_sec - ui_bench.read_at.tv_sec) * 1000000000LL +
	    (t.tv_nsec - ui_bench.read_at.tv_nsec));
	ui_bench.v[ui_bench.n++] = ui_bench.key;
}

static void
ui_bench_read(int r, wint_t ch)
{
	if (ui_bench.path == NULL || r == ERR)
		return;
	clock_gettime(CLOCK_MONOTONIC, &ui_bench.read_at);
	ui_bench.pending = true;
	ui_bench.key.kind = r == KEY_CODE_YES ? 'k' : 'c';
	ui_bench.key.code = (uint32_t)ch;
	ui_bench.key.write_ns = 0;
}

/* The time a key spends in the store's write (the durable commit), told apart. */
static void
ui_bench_write_begin(void)
{
	if (ui_bench.path != NULL)
		clock_gettime(CLOCK_MONOTONIC, &ui_bench.write_at);
}

static void
ui_bench_write_end(void)
{
	struct timespec t;

	if (ui_bench.path == NULL || !ui_bench.pending)
		return;
	clock_gettime(CLOCK_MONOTONIC, &t);
	ui_bench.key.write_ns += (uint64_t)((t.tv_sec - ui_bench.write_at.tv_sec) *
	    1000000000LL + (t.tv_nsec - ui_bench.write_at.tv_nsec));
}

/* At exit: the times to the bench's file (a bench's tool: a failure is only reported). */
static void
ui_bench_write(void)
{
	FILE *f;

	if (ui_bench.path == NULL)
		return;
	if ((f = fopen(ui_bench.path, "w")) != NULL) {
		for (size_t i = 0; i < ui_bench.n; i++)
			fprintf(f, "%c %u %llu %llu\n", ui_bench.v[i].kind,
			    (unsigned)ui_bench.v[i].code, (unsigned long long)ui_bench.v[i].ns,
			    (unsigned long long)ui_bench.v[i].write_ns);
	}
	if (f == NULL || fclose(f) != 0)
		fprintf(stderr, "kezdesu: KEZDESU_BENCH_KEYS=%s: %s\n", ui_bench.path,
		    strerror(errno));
	free(ui_bench.v);
	ui_bench.v = NULL;
}

static void
ui_on_hangup(int sig)
{
	(void)sig;
	ui_hangup = 1;
}

static void
ui_on_winch(int sig)
{
	(void)sig;
	ui_winch = 1;
}

static void
ui_fatal_hook(void)
{
	/* A broken invariant: give the terminal back before the message is printed. */
	fputs("\033[?2004l", stdout);
	fflush(stdout);
	endwin();
}

static bool msg_long(const struct ui *ui);

void
ui_message(struct ui *ui, bool error, const char *fmt, ...)
{
	bool was_long = msg_long(ui);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ui->msg, sizeof ui->msg, fmt, ap);
	va_end(ap);
	ui->msg_error = error;
	/* a long one drawn over the lines above it leaves them to be drawn again */
	if (was_long)
		ui->all_dirty = true;
	ui->msg_dirty = true;
}

void
ui_confirm(struct ui *ui, const char *what, void (*fn)(struct ui *ui))
{
	ui->confirm_what = what;
	ui->confirm_fn = fn;
	ui_message(ui, false, "%s (y/n)", what);
}

const char *
ui_line_error(int err)
{
	switch (err) {
	case LINE_ETOOLONG:
		return _("too long for this field: nothing of it was added");
	case LINE_EUTF8:
		return _("not UTF-8 text: nothing of it was added");
	case LINE_ECONTROL:
		return _("a control character: not added");
	default:
		return "";
	}
}

struct ui_unit_name {
	char code[10];
	char *name;		/* owned; stays where it is until ui_unit_names_free */
};

static int
name_cmp(const void *a, const void *b)
{
	return strncmp(((const struct ui_unit_name *)a)->code,
	    ((const struct ui_unit_name *)b)->code, sizeof ((struct ui_unit_name *)0)->code);
}

/*
 * A unit's name in the interface's language (unit_name), read from the store the first
 * time it is asked for; its code when the store has no such unit. The pointer holds until
 * the next reload, so that a line may show two names.
 */
const char *
ui_unit_name(struct ui *ui, const char *code)
{
	struct ui_unit_name key, *n;
	struct unit u;
	struct kz_error e = { 0 };
	size_t i;

	snprintf(key.code, sizeof key.code, "%s", code);
	/* bsearch's base may not be NULL, even for no items */
	n = ui->nnames == 0 ? NULL :
	    bsearch(&key, ui->names, ui->nnames, sizeof *ui->names, name_cmp);
	if (n != NULL)
		return n->name;
	if (unit_get(ui->store, key.code, &u, &e) == 0) {
		key.name = xstrdup(unit_name(&u, ui->lang));
		unit_free(&u);
	} else
		key.name = xstrdup(code);
	ui->names = xrealloc(ui->names, (ui->nnames + 1) * sizeof *ui->names);
	for (i = ui->nnames; i > 0 && name_cmp(&ui->names[i - 1], &key) > 0; i--)
		ui->names[i] = ui->names[i - 1];
	ui->names[i] = key;
	ui->nnames++;
	return key.name;
}

static void
ui_unit_names_free(struct ui *ui)
{
	for (size_t i = 0; i < ui->nnames; i++)
		free(ui->names[i].name);
	free(ui->names);
	ui->names = NULL;
	ui->nnames = 0;
}

struct view *
ui_view(struct ui *ui)
{
	struct view *v = NULL;
	struct kz_error e = { 0 };

	if (view_open(ui->store, &v, &e) != 0) {
		ui_message(ui, true, "%s", e.msg);
		return NULL;
	}
	return v;
}

/* Where text_escape writes for ui_put: a growing string. */
struct sbuf {
	char *s;
	size_t n, cap;
};

static void
sbuf_sink(void *arg, const char *s, size_t n)
{
	struct sbuf *b = arg;

	b->s = xgrow(b->s, &b->cap, b->n + n + 1, 1);
	memcpy(b->s + b->n, s, n);
	b->n += n;
	b->s[b->n] = '\0';
}

int
ui_put(WINDOW *w, int y, int x, int width, const char *s, attr_t attr)
{
	struct sbuf b = { 0 };
	const char *p;
	size_t left;
	int used = 0;

	if (width <= 0 || s == NULL)
		return 0;
	/* Text from the store never reaches the terminal raw (core/text.h). */
	text_escape(s, strlen(s), TEXT_ESC_TEXT, sbuf_sink, &b);
	if (b.s == NULL)
		return 0;
	wmove(w, y, x);
	wattr_on(w, attr, NULL);
	for (p = b.s, left = b.n; left > 0;) {
		uint32_t cp;
		size_t n = text_utf8_next(p, left, &cp);
		wchar_t wc[2];
		int cw;

		if (n == 0)
			break;
		cw = wcwidth((wchar_t)cp);
		wc[0] = (wchar_t)cp;
		wc[1] = L'\0';
		if (cw < 0) {
			/* a character this locale cannot show: one column, a '?' */
			cw = 1;
			wc[0] = L'?';
		}
		if (used + cw > width)
			break;
		waddnwstr(w, wc, 1);
		used += cw;
		p += n;
		left -= n;
	}
	wattr_off(w, attr, NULL);
	free(b.s);
	return used;
}

void
ui_visit_marks(const struct ui *ui, const struct kz_uuid *id, char *buf, size_t len)
{
	size_t n = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < ui->findings.n && n + 1 < len; i++) {
		const struct rules_finding *f = &ui->findings.v[i];
		const char *state;
		char days[32] = "";

		if (uid_cmp(&ui->finding_visit[i], id) != 0)
			continue;
		switch (f->status) {
		case RULES_OVERDUE:
			/* M-1 is a past meeting not marked held: say so in words */
			state = strcmp(f->rule, RULES_PAST_NOT_HELD_RULE) == 0 ? _("not held") :
			    _("OVERDUE");
			/* TRANSLATORS: days, after a state: " 11d" */
			snprintf(days, sizeof days, _(" %dd"), f->days);
			break;
		case RULES_LATE:
			state = _("late");
			break;
		case RULES_PENDING:
			state = _("due");
			snprintf(days, sizeof days, f->days == 0 ? _(" today") : _(" %dd"), f->days);
			break;
		default:
			continue;
		}
		n += (size_t)snprintf(buf + n, len - n, "%s[%s %s%s]", n > 0 ? " " : "", f->rule,
		    state, days);
	}
}

static int64_t
ui_mono_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* compliance_due_count's stop: a key waits (it is read first, the count comes back). */
static bool
ui_key_waits(void *arg)
{
	struct pollfd p = { .fd = STDIN_FILENO, .events = POLLIN };

	(void)arg;
	return poll(&p, 1, 0) != 0;
}

/*
 * The obligations for the status line and the visits' marks: compliance_due_count, which
 * counts the open issues and visits one at a time instead of holding them (compliance_due:
 * 150 MiB on the bench's store), and stops when a key comes: false then, and the counts
 * shown stay until it is done. The findings kept are those that concern no issue.
 */
static bool
ui_load_due(struct ui *ui)
{
	struct compliance c;
	struct compliance_count n;
	struct rules_findings f;
	struct kz_error e = { 0 };
	int rc;

	rc = compliance_due_count(ui->store, ui->today, RULES_DUE_AHEAD, ui_key_waits, NULL, &c,
	    &f, &n, &e);
	if (rc == 1)
		return false;	/* a key waits: counted in the next pause */
	rules_findings_free(&ui->findings);
	free(ui->finding_visit);
	ui->finding_visit = NULL;
	ui->due = ui->overdue = 0;
	ui->due_stale = false;
	/* the status line's counts and the Visits pane's marks */
	ui->all_dirty = true;
	ui->panes[PANE_VISITS].dirty = true;
	if (rc != 0) {
		ui_message(ui, true, "%s", e.msg);
		return true;
	}
	ui->findings = f;
	ui->overdue = (int)n.status[RULES_OVERDUE];
	ui->due = (int)n.status[RULES_PENDING];
	ui->finding_visit = xcalloc(f.n + 1, sizeof *ui->finding_visit);
	for (size_t i = 0; i < f.n; i++)
		if (f.v[i].visit >= 0 && (size_t)f.v[i].visit < c.nvisit_ids)
			ui->finding_visit[i] = c.visit_ids[f.v[i].visit];
	compliance_free(&c);
	/* What the count read, given back to the system for the rest of the session. */
	malloc_trim(0);
	return true;
}

/*
 * The status line's "sent up": the exchange state of the peers above (core/peer.h; a few
 * values of meta, read at each reload, so that an export in another process shows too).
 */
static void
ui_load_sync(struct ui *ui)
{
	struct peer *ps;
	struct kz_error e = { 0 };
	size_t n;

	ui->sync_up = -1;
	ui->sent_up_ms = 0;
	if (peer_list(ui->store, &ps, &n, &e) != 0) {
		ui_message(ui, true, "%s", e.msg);
		return;
	}
	if (n > 0)
		ui->sync_up = 0;
	for (size_t i = 0; i < n; i++)
		if (peer_direction(&ps[i], ui->unit) == SCOPE_UP) {
			ui->sync_up = 1;
			if (ps[i].sent_ms > ui->sent_up_ms)
				ui->sent_up_ms = ps[i].sent_ms;
		}
	peer_list_free(&ps, n);
}

/*
 * Everything read from the store again: another process committed (or this one, in a
 * write not told through ui_write_done). The panes on the screen are reloaded before the
 * next frame (ui_reload_shown), the others when they are shown.
 */
static void
ui_reload(struct ui *ui)
{
	ui->generation = office_generation(ui->office);
	ui->today = compliance_today();
	ui_load_sync(ui);
	ui_unit_names_free(ui);	/* a unit renamed by an import shows its new name */
	/*
	 * The obligations' count reads every open issue and visit (a tenth of a second or
	 * more on bench_store's store), so it is not done here, in the turn of the key whose
	 * save caused the reload, nor before the first frame: the loop counts in a pause of
	 * the keys (ui_due_idle), and a key that comes meanwhile stops it.
	 */
	ui->due_stale = true;
	for (int i = 0; i < PANE_COUNT; i++)
		ui->panes[i].stale = true;
	ui->all_dirty = true;
}

uint64_t
ui_write_begin(struct ui *ui)
{
	ui_bench_write_begin();
	return office_generation(ui->office);
}

/*
 * A write commits one transaction: LMDB's transaction id, the generation, moves by one.
 * Then only what the write changed is reloaded, and the Enter of a question costs its
 * commit and the lines it changed, not every pane read and drawn again (issue 8: p99 per
 * key under 1 ms). Any other difference is left to the loop's generation check.
 */
void
ui_write_done(struct ui *ui, uint64_t before, unsigned stale, bool due)
{
	uint64_t now = office_generation(ui->office);

	ui_bench_write_end();
	if (before != ui->generation || now != before + 1)
		return;
	ui->generation = now;
	for (int i = 0; i < PANE_COUNT; i++)
		if (stale & 1u << i)
			ui->panes[i].stale = true;
	if (due)
		ui->due_stale = true;
}

/* ---- drawing ---- */

struct layout {
	bool small;
	int cols, rows;
	int main_y, main_h;
	int left_w;		/* wide: Visits' width; else 0 */
};

static void
ui_layout(struct layout *l)
{
	getmaxyx(stdscr, l->rows, l->cols);
	l->small = l->cols < UI_MIN_COLS || l->rows < UI_MIN_ROWS;
	l->main_y = 1;
	l->main_h = l->rows - 3;
	l->left_w = l->cols >= UI_WIDE_COLS ? l->cols / 2 : 0;
}

/* Whether pane i is on the screen: the focused one, and Visits' neighbour when wide. */
static bool
ui_shown(const struct ui *ui, const struct layout *l, int i)
{
	if (l->small)
		return false;
	if (i == ui->focus)
		return true;
	return l->left_w > 0 && (i == PANE_VISITS ||
	    (ui->focus == PANE_VISITS && i == ui->other));
}

/* Before a frame: the panes on the screen that a commit left stale, read again. */
static void
ui_reload_shown(struct ui *ui)
{
	struct layout l;

	ui_layout(&l);
	for (int i = 0; i < PANE_COUNT; i++) {
		struct pane *p = &ui->panes[i];

		if (!p->stale || !ui_shown(ui, &l, i))
			continue;
		p->stale = false;
		p->rows = l.main_h - 1;		/* as draw_pane will draw it */
		p->ops->reload(p, ui);
		p->dirty = true;
	}
}

/*
 * The sync state for the status line: when this office last sent up ("never"), the time
 * alone when it was today (the date is beside it), else the day; short, so that it shows
 * in 80 columns after a long unit name.
 */
void
ui_sync_state(const struct ui *ui, char *buf, size_t len)
{
	char when[17], date[11];
	bool today;

	if (ui->sync_up < 0) {
		snprintf(buf, len, "%s", _("sync: none"));
		return;
	}
	if (ui->sync_up == 0) {
		snprintf(buf, len, "%s", _("sync: no peer above"));
		return;
	}
	if (ui->sent_up_ms == 0) {
		snprintf(buf, len, "%s", _("sent up: never"));
		return;
	}
	date_format_time(ui->sent_up_ms, RULES_UTC_OFFSET_KZ, when);
	date_format(ui->today, date);
	/* today's date is beside it on the status line: the time alone, else the day */
	today = strncmp(when, date, 10) == 0;
	when[10] = '\0';
	snprintf(buf, len, _("sent up: %s"), today ? when + 11 : when);
}

static void
draw_status(struct ui *ui, const struct layout *l)
{
	char line[512], date[11], sync[96];

	date_format(ui->today, date);
	ui_sync_state(ui, sync, sizeof sync);
	/* short enough for 80 columns with a long unit name: the sync state must show */
	if (ui->due < 0)	/* the first frame, before the first count */
		snprintf(line, sizeof line, _("%s %s | %s | due ..., overdue ... | %s%s"),
		    ui->unit, ui_unit_name(ui, ui->unit), date, sync,
		    ui->read_only ? _(" | READ-ONLY") : "");
	else
		snprintf(line, sizeof line, _("%s %s | %s | due %d, overdue %d | %s%s"),
		    ui->unit, ui_unit_name(ui, ui->unit), date, ui->due, ui->overdue, sync,
		    ui->read_only ? _(" | READ-ONLY") : "");
	move(0, 0);
	attron(A_REVERSE);
	for (int x = 0; x < l->cols; x++)
		addch(' ');
	ui_put(stdscr, 0, 0, l->cols, line, A_REVERSE);
	attroff(A_REVERSE);
}

static enum km_context
ui_context(const struct ui *ui)
{
	const struct pane *p = &ui->panes[ui->focus];

	if (ui->help)
		return KM_HELP;
	if (ui->choose.open)
		return KM_CHOOSE;
	if (ui->form.open)
		return KM_FORM;
	return p->ops->context_now != NULL ? p->ops->context_now(p) : p->ops->context;
}

/*
 * Whether a printable key is typed where the user is now (a form's field, meeting mode's
 * editor), so that a binding of one cannot be offered: `q quit` is a letter there.
 */
static bool
typing(enum km_context ctx)
{
	return ctx == KM_FORM || ctx == KM_EDITOR;
}

/* Whether action a does something in ctx: a form refuses to leave its pane (ui_do). */
static bool
offered(enum km_context ctx, int a)
{
	return ctx != KM_FORM || !(a == A_PANE_VISITS || a == A_PANE_INTAKE ||
	    a == A_PANE_TRIAGE || a == A_PANE_OBLIGATIONS || a == A_PANE_SYNC ||
	    a == A_NEXT_PANE ||
	    a == A_PREV_PANE);
}

/* The first key bound to action a reachable from ctx (not a typed one), or K_NONE. */
static key_code
first_key(const struct ui *ui, enum km_context ctx, int a)
{
	for (int c = (int)ctx; c >= 0; c = keymap_parent((enum km_context)c))
		for (size_t i = 0; i < ui->keymap.n; i++) {
			const struct km_binding *b = &ui->keymap.v[i];

			if ((int)b->ctx == c && b->action == a &&
			    !(typing(ctx) && key_is_text(b->key)) &&
			    keymap_lookup(&ui->keymap, ctx, b->key) == a)
				return b->key;
		}
	return K_NONE;
}

/*
 * The hint line: help's key first (so that it shows at 60 columns in any language), then
 * the hinted actions of the current context by their first key and their short labels
 * (action_label: words in the user's language, not the kebab-case names keymaps use).
 */
static void
draw_hints(struct ui *ui, const struct layout *l)
{
	enum km_context ctx = ui_context(ui);
	char line[1024], key[K_NAME_MAX];
	size_t n = 0;
	key_code k;

	line[0] = '\0';
	if ((k = first_key(ui, ctx, A_HELP)) != K_NONE)
		n += (size_t)snprintf(line, sizeof line, "%s %s", key_format(k, key),
		    action_label(A_HELP));
	for (int c = (int)ctx; c >= 0; c = keymap_parent((enum km_context)c))
		for (int a = 0; a < A_COUNT && n + 1 < sizeof line; a++) {
			if (a == A_HELP || action_table[a].context != (enum km_context)c ||
			    !offered(ctx, a) ||
			    !(action_table[a].flags & ACT_HINT) ||
			    (k = first_key(ui, ctx, a)) == K_NONE)
				continue;
			n += (size_t)snprintf(line + n, sizeof line - n, "%s%s %s",
			    n > 0 ? "  " : "", key_format(k, key), action_label(a));
		}
	move(l->rows - 2, 0);
	clrtoeol();
	ui_put(stdscr, l->rows - 2, 0, l->cols, line, A_NORMAL);
}

/* The message line's text: "error: " before an error. */
static void
msg_text(const struct ui *ui, char *buf, size_t len)
{
	snprintf(buf, len, "%s%s", ui->msg_error && ui->msg[0] ? _("error: ") : "", ui->msg);
}

/*
 * s cut into lines of at most cols columns, at a space where there is one (a refusal
 * from core is often longer than a 60-column terminal is wide, and must be read whole):
 * each line's start and length in bytes into at[] and len[]; returns their number, at
 * most max (the last one then takes the rest, clipped where it is drawn).
 */
static int
msg_wrap(const char *s, int cols, size_t *at, size_t *len, int max)
{
	size_t pos = 0, all = strlen(s);
	int n = 0;

	while (pos < all && n < max) {
		size_t i, space = 0;
		int width = 0;

		if (n > 0)
			while (s[pos] == ' ')
				pos++;
		for (i = pos; i < all;) {
			uint32_t cp;
			size_t k = text_utf8_next(s + i, all - i, &cp);
			int cw;

			if (k == 0)
				break;
			cw = wcwidth((wchar_t)cp);
			if (cw < 0)
				cw = 1;
			if (width + cw > cols && n < max - 1)
				break;
			if (cp == ' ')
				space = i;
			width += cw;
			i += k;
		}
		at[n] = pos;
		/* the end, or no progress (a character wider than the line): the rest */
		if (i >= all || i == pos) {
			len[n++] = all - pos;
			break;
		}
		if (space > pos) {
			len[n++] = space - pos;
			pos = space + 1;
		} else {
			len[n++] = i - pos;
			pos = i;
		}
	}
	return n;
}

/* The lines a message needs at this width (1 when it fits on the message line). */
static int
msg_rows(const struct ui *ui, int cols, int max, size_t *at, size_t *len)
{
	char text[600];

	msg_text(ui, text, sizeof text);
	if (text[0] == '\0')
		return 1;
	return msg_wrap(text, cols, at, len, max);
}

#define MSG_ROWS_MAX 12

/* Whether the message is shown over the lines above the message line (and them). */
static bool
msg_long(const struct ui *ui)
{
	size_t at[MSG_ROWS_MAX], len[MSG_ROWS_MAX];

	/* no screen: a form's unit test */
	return ui->msg[0] != '\0' && stdscr != NULL &&
	    msg_rows(ui, getmaxx(stdscr), MSG_ROWS_MAX, at, len) > 1;
}

static void
draw_message(struct ui *ui, const struct layout *l)
{
	char line[600];
	size_t at[MSG_ROWS_MAX], len[MSG_ROWS_MAX];

	move(l->rows - 1, 0);
	clrtoeol();
	/* a longer one is drawn over the lines above it, after the panes (draw_long_message) */
	if (msg_rows(ui, l->cols, MSG_ROWS_MAX, at, len) > 1)
		return;
	msg_text(ui, line, sizeof line);
	ui_put(stdscr, l->rows - 1, 0, l->cols, line,
	    ui->msg_error ? (ui->color ? COLOR_PAIR(1) | A_BOLD : A_BOLD) : A_NORMAL);
}

/*
 * A message longer than the message line, whole, on as many lines as it needs at the
 * bottom, over the hint line and the pane's last lines, until the next key (ui_key
 * clears it, and the panes are drawn again). Drawn after the panes, every frame it lasts.
 */
static bool
draw_long_message(struct ui *ui, const struct layout *l)
{
	char text[600];
	size_t at[MSG_ROWS_MAX], len[MSG_ROWS_MAX];
	int max = l->rows - 1 < MSG_ROWS_MAX ? l->rows - 1 : MSG_ROWS_MAX;
	int n = msg_rows(ui, l->cols, max, at, len);
	WINDOW *w;

	if (n <= 1 || (w = newwin(n, l->cols, l->rows - n, 0)) == NULL)
		return false;
	msg_text(ui, text, sizeof text);
	werase(w);
	for (int i = 0; i < n; i++) {
		char *part = xstrndup(text + at[i], len[i]);

		ui_put(w, i, 0, l->cols, part, ui->msg_error ? (ui->color ? COLOR_PAIR(1) |
		    A_BOLD : A_BOLD) : A_NORMAL);
		free(part);
	}
	wnoutrefresh(w);
	delwin(w);
	return true;
}

/*
 * Shown at once, before a write that may wait behind another process's (LMDB has one
 * writer at a time: another SSH user saving, an import): the screen says it is saving
 * while the text stays where it was typed, until the commit returns.
 */
void
ui_saving(struct ui *ui)
{
	struct layout l;

	if (stdscr == NULL)	/* no screen: a form's unit test */
		return;
	ui_layout(&l);
	if (l.small)
		return;
	snprintf(ui->msg, sizeof ui->msg, "%s", _("saving..."));
	ui->msg_error = false;
	draw_message(ui, &l);
	/* the cursor back where the text is typed */
	if (ui->cursor_pane == ui->focus && ui->cursor_y >= 0)
		move(ui->cursor_y, ui->cursor_x);
	wnoutrefresh(stdscr);
	doupdate();
}

/*
 * An editing action of context editor bound to k that a form's field does (form_edit):
 * a form's text fields edit with the keys meeting mode's line has, the user's keymap
 * included; a key the form context binds itself (Tab) stays the form's. -1 when none.
 */
static int
form_editing_action(const struct ui *ui, key_code k)
{
	int a = keymap_lookup(&ui->keymap, KM_EDITOR, k), f;

	if (a < A_ED_LEFT || a > A_ED_KILL_END)
		return -1;
	f = keymap_lookup(&ui->keymap, KM_FORM, k);
	return f >= 0 && action_table[f].context == KM_FORM ? -1 : a;
}

/* One line of help: key, label, what it does, (the action's name, for keymaps). */
static void
help_line(struct ui *ui, WINDOW *w, int *y, int *line, key_code k, int a)
{
	int rows, cols, x;
	char key[K_NAME_MAX], text[512];

	getmaxyx(w, rows, cols);
	if ((*line)++ < ui->help_top || *y >= rows)
		return;
	/* columns, not printf's bytes: a Cyrillic label is two bytes a letter */
	ui_put(w, *y, 0, 10, key_format(k, key), A_NORMAL);
	x = cols > 40 ? 11 : 0;
	if (x > 0)
		ui_put(w, *y, x, 18, action_label(a), A_BOLD);
	snprintf(text, sizeof text, "%s%s (%s)", _(action_table[a].help),
	    (action_table[a].flags & ACT_WRITES) && ui->read_only ?
	    _(" (refused: read-only)") : "", action_table[a].name);
	if (cols > x + 19)
		ui_put(w, *y, x > 0 ? x + 19 : 11, cols - (x > 0 ? x + 19 : 11), text, A_NORMAL);
	(*y)++;
}

/*
 * The help screen: the keys of where the user is, from the action table and the
 * bindings: the focused pane's (meeting mode's are the editor's), or the form's or the
 * chooser's over it. Keys typed there (a letter in a field) are not offered; a form adds
 * the editing keys its fields take (the editor's bindings, form_editing_action).
 */
static void
draw_help(struct ui *ui, WINDOW *w)
{
	const struct pane *p = &ui->panes[ui->focus];
	enum km_context ctx = ui->form.open ? KM_FORM : ui->choose.open ? KM_CHOOSE :
	    p->ops->context_now != NULL ? p->ops->context_now(p) : p->ops->context;
	int rows, cols, y = 0, line = 0;
	char text[512];

	getmaxyx(w, rows, cols);
	werase(w);
	if (ctx == KM_FORM)
		snprintf(text, sizeof text, _("Keys of the form «%s» (close: Escape or q)"),
		    ui->form.title);
	else if (ctx == KM_CHOOSE)
		snprintf(text, sizeof text, _("Keys of the choice over the %s pane (close: "
		    "Escape or q)"), _(p->ops->title));
	else
		snprintf(text, sizeof text, _("Keys of the %s pane (close: Escape or q)"),
		    _(p->ops->title));
	ui_put(w, y++, 0, cols, text, A_BOLD);
	for (int c = (int)ctx; c >= 0; c = keymap_parent((enum km_context)c))
		for (int a = 0; a < A_COUNT; a++) {
			if (action_table[a].context != (enum km_context)c || !offered(ctx, a))
				continue;
			for (size_t i = 0; i < ui->keymap.n; i++) {
				const struct km_binding *b = &ui->keymap.v[i];

				if (b->action != a || keymap_lookup(&ui->keymap, ctx, b->key) != a ||
				    (typing(ctx) && key_is_text(b->key)))
					continue;
				help_line(ui, w, &y, &line, b->key, a);
			}
		}
	if (ctx != KM_FORM)
		return;
	if (line++ >= ui->help_top && y < rows)
		ui_put(w, y++, 0, cols, _("In a text field (the editor's keys):"), A_BOLD);
	for (int a = A_ED_LEFT; a <= A_ED_KILL_END; a++)
		for (size_t i = 0; i < ui->keymap.n; i++) {
			const struct km_binding *b = &ui->keymap.v[i];

			if (b->action == a && b->ctx == KM_EDITOR && !key_is_text(b->key) &&
			    form_editing_action(ui, b->key) == a)
				help_line(ui, w, &y, &line, b->key, a);
		}
	if (line++ >= ui->help_top && y < rows)
		ui_put(w, y++, 0, cols, _("In a choice: Space, Right or Left changes it; y or n "
		    "answers a yes/no field."), A_NORMAL);
}

static void
pane_windows_free(struct pane *p)
{
	if (p->body != NULL)
		delwin(p->body);
	if (p->win != NULL)
		delwin(p->win);
	p->body = p->win = NULL;
}

/* The pane's window at (y, x), h x w, and its body below the title: kept while it fits. */
static bool
pane_windows(struct pane *p, int y, int x, int h, int w)
{
	int by, bx, mh, mw;

	if (p->win != NULL && p->body != NULL) {
		getbegyx(p->win, by, bx);
		getmaxyx(p->win, mh, mw);
		if (by == y && bx == x && mh == h && mw == w) {
			getbegyx(p->body, by, bx);
			getmaxyx(p->body, mh, mw);
			if (by == y + 1 && bx == x && mh == h - 1 && mw == w)
				return true;
		}
	}
	pane_windows_free(p);
	if ((p->win = newwin(h, w, y, x)) == NULL ||
	    (p->body = derwin(p->win, h - 1, w, 1, 0)) == NULL) {
		pane_windows_free(p);
		return false;
	}
	return true;
}

/*
 * Draws pane i: all of it when dirty (or the frame is), else only the parts its handlers
 * marked (p->part: a typed character redraws the editor's line, not the pane). The
 * windows are kept between frames, so that a part drawn leaves the rest as it was and
 * curses compares only the lines it touched.
 */
static void
draw_pane(struct ui *ui, int i, int y, int x, int h, int w)
{
	struct pane *p = &ui->panes[i];
	bool over = i == ui->focus && (ui->help || ui->choose.open || ui->form.open);
	char title[128];

	if (!ui->all_dirty && !p->dirty) {
		if (p->part == 0)
			return;
		if (!over && p->ops->draw_part != NULL && p->win != NULL) {
			p->ops->draw_part(p, ui, p->body);
			p->part = 0;
			wnoutrefresh(p->body);
			return;
		}
	}
	p->part = 0;
	if (!pane_windows(p, y, x, h, w)) {
		p->dirty = false;
		return;
	}
	p->rows = h - 1;
	werase(p->win);
	snprintf(title, sizeof title, "%s %s", i == ui->focus ? "▶" : " ", _(p->ops->title));
	if (ui->help && i == ui->focus) {
		draw_help(ui, p->win);
	} else if (ui->choose.open && i == ui->focus) {
		choose_draw(&ui->choose, p->win);
	} else if (ui->form.open && i == ui->focus) {
		form_draw(&ui->form, p->win);
	} else {
		ui_put(p->win, 0, 0, w, title, i == ui->focus ? A_BOLD | A_UNDERLINE : A_UNDERLINE);
		p->ops->draw(p, ui, p->body);
	}
	wnoutrefresh(p->win);
	/* the body shares the window's cells: what it marked is on the screen now */
	untouchwin(p->body);
	p->dirty = false;
}

static void
ui_draw(struct ui *ui)
{
	struct layout l;
	bool long_msg;

	ui_layout(&l);
	if (l.small) {
		char line[128];

		if (!ui->all_dirty)
			return;
		erase();
		curs_set(0);
		snprintf(line, sizeof line, _("kezdesu needs at least %dx%d (now %dx%d)"),
		    UI_MIN_COLS, UI_MIN_ROWS, l.cols, l.rows);
		ui_put(stdscr, 0, 0, l.cols, line, A_BOLD);
		wnoutrefresh(stdscr);
		doupdate();
		ui->all_dirty = false;
		return;
	}
	if (ui->all_dirty) {
		draw_status(ui, &l);
		draw_hints(ui, &l);
		draw_message(ui, &l);
		wnoutrefresh(stdscr);
	} else if (ui->msg_dirty) {
		draw_message(ui, &l);
		wnoutrefresh(stdscr);
	}
	ui->msg_dirty = false;
	if (l.left_w > 0) {
		int other = ui->focus != PANE_VISITS ? ui->focus : ui->other;

		draw_pane(ui, PANE_VISITS, l.main_y, 0, l.main_h, l.left_w - 1);
		if (ui->all_dirty || ui->panes[other].dirty) {
			mvvline(l.main_y, l.left_w - 1, ACS_VLINE, l.main_h);
			wnoutrefresh(stdscr);
		}
		draw_pane(ui, other, l.main_y, l.left_w, l.main_h, l.cols - l.left_w);
	} else {
		draw_pane(ui, ui->focus, l.main_y, 0, l.main_h, l.cols);
	}
	ui->all_dirty = false;
	long_msg = draw_long_message(ui, &l);
	/* the editor's cursor, shown only where the focused pane has one (not under a message) */
	if (!long_msg && ui->cursor_pane == ui->focus && ui->cursor_y >= 0 && !ui->help &&
	    !ui->choose.open && ui->confirm_fn == NULL) {
		curs_set(1);
		move(ui->cursor_y, ui->cursor_x);
		wnoutrefresh(stdscr);
	} else {
		curs_set(0);
	}
	doupdate();
}

/* ---- actions ---- */

void
ui_show(struct ui *ui, int pane)
{
	ui->focus = pane;
	ui->cursor_pane = -1;
	ui->choose.open = false;
	if (pane != PANE_VISITS)
		ui->other = pane;
	ui->help = false;
	ui->all_dirty = true;
	ui->panes[pane].dirty = true;
}

/*
 * A pane's handler, run by pane_action or pane_key (did: it took the key or the action):
 * the whole pane is drawn again, unless the handler marked only parts of it (p->part,
 * set during the call; had, the parts marked before it and not drawn yet, stay marked).
 */
static bool
pane_handled(struct pane *p, bool did, unsigned had)
{
	if (did && p->part == 0)
		p->dirty = true;
	p->part |= had;
	return did;
}

static bool
pane_action(struct pane *p, struct ui *ui, enum action_id a)
{
	unsigned had = p->part;

	p->part = 0;
	return pane_handled(p, p->ops->action(p, ui, a), had);
}

static bool
pane_key(struct pane *p, struct ui *ui, key_code k)
{
	unsigned had = p->part;

	p->part = 0;
	return pane_handled(p, p->ops->key(p, ui, k), had);
}

static void
ui_do(struct ui *ui, int a)
{
	struct pane *p = &ui->panes[ui->focus];

	if ((action_table[a].flags & ACT_WRITES) && ui->read_only) {
		ui_message(ui, true, _("%s: refused, the store is open read-only (--read-only)"),
		    action_table[a].name);
		return;
	}
	if (ui->form.open && !ui->help && (a == A_PANE_VISITS || a == A_PANE_INTAKE ||
	    a == A_PANE_TRIAGE || a == A_PANE_OBLIGATIONS || a == A_PANE_SYNC ||
	    a == A_NEXT_PANE || a == A_PREV_PANE)) {
		/* the form is drawn in this pane: leaving would hide what was typed */
		ui_message(ui, false, _("a form is open: Enter saves it, Escape leaves it"));
		return;
	}
	switch ((enum action_id)a) {
	case A_QUIT:
		ui->quit = true;
		return;
	case A_HELP:
		ui->help = true;
		ui->help_top = 0;
		ui->all_dirty = true;
		return;
	case A_CLOSE_HELP:
		ui->help = false;
		ui->all_dirty = true;
		return;
	case A_PANE_VISITS:
		ui_show(ui, PANE_VISITS);
		return;
	case A_PANE_INTAKE:
		ui_show(ui, PANE_INTAKE);
		return;
	case A_PANE_TRIAGE:
		ui_show(ui, PANE_TRIAGE);
		return;
	case A_PANE_OBLIGATIONS:
		ui_show(ui, PANE_OBLIGATIONS);
		return;
	case A_PANE_SYNC:
		ui_show(ui, PANE_SYNC);
		return;
	case A_NEXT_PANE:
		ui_show(ui, (ui->focus + 1) % PANE_COUNT);
		return;
	case A_PREV_PANE:
		ui_show(ui, (ui->focus + PANE_COUNT - 1) % PANE_COUNT);
		return;
	case A_REDRAW:
		clearok(curscr, TRUE);
		ui->all_dirty = true;
		return;
	default:
		break;
	}
	if (ui->help) {
		if (a == A_UP && ui->help_top > 0)
			ui->help_top--;
		else if (a == A_DOWN)
			ui->help_top++;
		else if (a == A_FIRST)
			ui->help_top = 0;
		ui->all_dirty = true;
		return;
	}
	if (ui->choose.open) {
		choose_action(&ui->choose, ui, (enum action_id)a);
		p->dirty = true;
		return;
	}
	if (ui->form.open) {
		form_action(&ui->form, ui, (enum action_id)a);
		p->dirty = true;
		ui->all_dirty = true;	/* the hint line: the form's keys, or the pane's again */
		return;
	}
	pane_action(p, ui, (enum action_id)a);
	/* another pane, or a form or chooser opened: the hint line has other keys */
	if (ui->focus != (int)(p - ui->panes) || ui->form.open || ui->choose.open)
		ui->all_dirty = true;
}

static void
ui_key(struct ui *ui, key_code k)
{
	struct pane *p = &ui->panes[ui->focus];
	char name[K_NAME_MAX];
	int a;

	if (ui->confirm_fn != NULL) {
		void (*fn)(struct ui *) = ui->confirm_fn;

		ui->confirm_fn = NULL;
		ui->msg[0] = '\0';
		ui->all_dirty = true;
		if (k == 'y' || k == 'Y')
			fn(ui);
		else
			ui_message(ui, false, _("%s: not done"), ui->confirm_what);
		return;
	}
	/* a message shown over the lines above it lasts until this key (draw_long_message) */
	if (ui->msg[0] != '\0') {
		size_t at[MSG_ROWS_MAX], len[MSG_ROWS_MAX];

		if (msg_rows(ui, getmaxx(stdscr), MSG_ROWS_MAX, at, len) > 1) {
			ui->msg[0] = '\0';
			ui->all_dirty = true;
		}
	}
	if (!ui->help && !ui->choose.open && ui->form.open) {
		int err;

		if ((a = form_editing_action(ui, k)) >= 0 && form_edit(&ui->form, a)) {
			p->dirty = true;
			return;
		}
		if (form_key(&ui->form, k, &err)) {
			if (err != 0)
				ui_message(ui, true, "%s", ui_line_error(err));
			p->dirty = true;
			return;
		}
	} else if (!ui->help && !ui->choose.open && p->ops->key != NULL &&
	    pane_key(p, ui, k)) {
		return;
	}
	a = keymap_lookup(&ui->keymap, ui_context(ui), k);
	if (a < 0) {
		ui_message(ui, false, _("%s: no action here (F1: the keys)"), key_format(k, name));
		return;
	}
	if (ui->msg[0] != '\0' && !ui->msg_error) {
		ui->msg[0] = '\0';
		ui->msg_dirty = true;
	}
	ui_do(ui, a);
}

/* ---- input ---- */

/* A curses key code as our key, or K_NONE. */
static key_code
from_curses(int code)
{
	if (code >= KEY_F(1) && code <= KEY_F(12))
		return K_F1 + (key_code)(code - KEY_F(1));
	switch (code) {
	case KEY_ENTER:
		return K_ENTER;
	case KEY_BTAB:
		return K_BTAB;
	case KEY_BACKSPACE:
		return K_BACKSPACE;
	case KEY_DC:
		return K_DELETE;
	case KEY_IC:
		return K_INSERT;
	case KEY_HOME:
		return K_HOME;
	case KEY_END:
		return K_END;
	case KEY_PPAGE:
		return K_PAGEUP;
	case KEY_NPAGE:
		return K_PAGEDOWN;
	case KEY_UP:
		return K_UP;
	case KEY_DOWN:
		return K_DOWN;
	case KEY_LEFT:
		return K_LEFT;
	case KEY_RIGHT:
		return K_RIGHT;
	}
	return K_NONE;
}

/* Reads the pasted text up to the end marker and gives it to the focused pane. */
static void
ui_paste(struct ui *ui)
{
	struct sbuf b = { 0 };
	struct pane *p = &ui->panes[ui->focus];
	wint_t ch;
	int r;

	timeout(UI_TICK_MS);
	while ((r = get_wch(&ch)) != ERR) {
		char mb[MB_LEN_MAX];
		mbstate_t ps;
		size_t n;

		if (r == KEY_CODE_YES) {
			if (ch == UI_PASTE_END)
				break;
			if (ch == KEY_ENTER)
				sbuf_sink(&b, "\n", 1);
			continue;
		}
		memset(&ps, 0, sizeof ps);
		n = wcrtomb(mb, (wchar_t)(ch == L'\r' ? L'\n' : ch), &ps);
		if (n != (size_t)-1)
			sbuf_sink(&b, mb, n);
	}
	if (ui->form.open && !ui->help) {
		int err = form_paste(&ui->form, b.s != NULL ? b.s : "", b.n);

		if (err != 0)
			ui_message(ui, true, "%s", ui_line_error(err));
		p->dirty = true;
	} else if (p->ops->paste != NULL && !ui->help)
		p->ops->paste(p, ui, b.s != NULL ? b.s : "");
	else
		ui_message(ui, false, _("pasted %zu bytes: nothing here takes text"), b.n);
	free(b.s);
}

/*
 * Counts the obligations again after a commit, when no key is waiting and none came in the
 * last UI_DUE_QUIET_MS (a pause in typing; the input's timeout wakes the loop for it): a
 * key that arrives during the count stops it, so typing is never slowed, and the first
 * frame is drawn before it. 1 when it counted (the caller draws before reading).
 */
static bool
ui_due_idle(struct ui *ui)
{
	if (!ui->due_stale || ui_key_waits(NULL) || ui_mono_ms() < ui->due_quiet_ms)
		return false;
	return ui_load_due(ui);
}

/*
 * The panes' timers (Intake's clock and draft), once a turn, after the screen shows the
 * key: a draft written to the disk (an fsync) is not part of the key's time. True when
 * a pane on the screen has something new to draw (drawn before the next key is read).
 */
static bool
ui_turns(struct ui *ui)
{
	struct layout l;
	bool draw = false;

	ui_layout(&l);
	for (int i = 0; i < PANE_COUNT; i++) {
		struct pane *p = &ui->panes[i];

		if (p->ops->turn == NULL)
			continue;
		if (p->ops->turn(p, ui))
			p->dirty = true;
		if ((p->dirty || p->part != 0) && ui_shown(ui, &l, i))
			draw = true;
	}
	return draw;
}

/* One turn's input: a key handled, or the timeout (K_NONE). */
static void
ui_input(struct ui *ui)
{
	wint_t ch;
	int r;
	key_code k;

	timeout(UI_TICK_MS);
	r = get_wch(&ch);
	ui_bench_read(r, ch);
	if (r == ERR)
		return;
	/* the obligations are counted in a pause of the keys (ui_due_idle) */
	ui->due_quiet_ms = ui_mono_ms() + UI_DUE_QUIET_MS;
	if (r == KEY_CODE_YES) {
		if (ch == KEY_RESIZE) {
			ui->all_dirty = true;
			return;
		}
		if (ch == UI_PASTE_BEGIN) {
			ui_paste(ui);
			return;
		}
		if ((k = from_curses((int)ch)) != K_NONE)
			ui_key(ui, k);
		return;
	}
	k = key_from_char((uint32_t)ch);
	if (k == K_ESCAPE) {
		/* Escape, or Meta: Escape then a key within a moment (Alt on most terminals) */
		wint_t ch2;

		timeout(UI_META_MS);
		r = get_wch(&ch2);
		if (r == OK && (ch2 == L'[' || ch2 == L'O')) {
			/*
			 * A key sequence the terminal description does not know (its TERM is
			 * not the terminal's): swallowed to its final byte, so that its bytes
			 * do not arrive as keys.
			 */
			while (get_wch(&ch2) == OK && !(ch2 >= 0x40 && ch2 <= 0x7e))
				;
			ui_message(ui, true, _("a key this terminal description does not know "
			    "(is TERM right?)"));
			return;
		}
		if (r == OK)
			k = K_META | key_from_char((uint32_t)ch2);
		else if (r == KEY_CODE_YES && from_curses((int)ch2) != K_NONE)
			k = K_META | from_curses((int)ch2);
	}
	ui_key(ui, k);
}

void
ui_progress(struct ui *ui, const char *what, uint64_t done, uint64_t total)
{
	struct timespec t;
	int64_t ms;
	char bar[21];
	int pct, fill;

	if (stdscr == NULL)
		return;
	clock_gettime(CLOCK_MONOTONIC, &t);
	ms = (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
	if (ui_winch) {
		struct winsize ws;

		/*
		 * The new size now, the whole frame drawn from what the panes hold; ui_winch
		 * stays set, so that the loop's next turn reads them again (ui_resize).
		 */
		if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0)
			resizeterm(ws.ws_row, ws.ws_col);
		clear();
		ui->all_dirty = true;
		for (int i = 0; i < PANE_COUNT; i++)
			ui->panes[i].dirty = true;
	} else if (ms - ui->progress_ms < 100 && done < total) {
		return;
	}
	ui->progress_ms = ms;
	pct = total > 0 ? (int)(done >= total ? 100 : done * 100 / total) : 0;
	fill = pct / 5;
	for (int i = 0; i < 20; i++)
		bar[i] = i < fill ? '#' : '.';
	bar[20] = '\0';
	snprintf(ui->msg, sizeof ui->msg, "%s [%s] %d%% (%llu/%llu)", what, bar, pct,
	    (unsigned long long)done, (unsigned long long)total);
	ui->msg_error = false;
	if (ui->all_dirty) {
		ui_draw(ui);
		return;
	}
	/* only the message line: a bar must not cost a redraw of the panes */
	{
		struct layout l;

		ui_layout(&l);
		if (l.small)
			return;
		draw_message(ui, &l);
		wnoutrefresh(stdscr);
		doupdate();
	}
}

/* A resize noticed by the flag: the new size from the terminal, the screen redone. */
static void
ui_resize(struct ui *ui)
{
	struct winsize ws;

	ui_winch = 0;
	/* made again at the new size: resizeterm need not move windows with subwindows */
	for (int i = 0; i < PANE_COUNT; i++)
		pane_windows_free(&ui->panes[i]);
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0)
		resizeterm(ws.ws_row, ws.ws_col);
	clear();
	/* a page as tall as the pane: read again at the new height, when shown */
	for (int i = 0; i < PANE_COUNT; i++)
		ui->panes[i].stale = true;
	ui->all_dirty = true;
}

char *
ui_keymap_path(const char *given)
{
	const char *x = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");

	if (given != NULL)
		return xstrdup(given);
	if (x != NULL && x[0] == '/')
		return xasprintf("%s/kezdesu/keymap", x);
	if (home != NULL && home[0] != '\0')
		return xasprintf("%s/.config/kezdesu/keymap", home);
	return NULL;
}

/* The defaults, then the user's keymap; an error there: the defaults and its message. */
static void
ui_keymaps(struct ui *ui, const char *given)
{
	struct km_errors errs = { 0 };
	char *path = ui_keymap_path(given);

	action_keymap_defaults(&ui->keymap);
	if (path != NULL && (given != NULL || access(path, F_OK) == 0) &&
	    keymap_load_file(&ui->keymap, path, &errs) != 0)
		ui_message(ui, true, _("%s (and %zu more); the default keys are used"),
		    errs.v[0], errs.n - 1);
	if (errs.n == 1)
		ui_message(ui, true, _("%s; the default keys are used"), errs.v[0]);
	keymap_errors_free(&errs);
	free(path);
}

/*
 * `kezdesu meet [VISIT-UUID]`: that meeting, else today's first meeting of the office
 * that is not cancelled, in Intake's meeting mode; without one, Visits (paged around
 * today) to choose from with Enter.
 */
static void
ui_meet(struct ui *ui, const char *id)
{
	struct rec_array today = { 0 };
	struct kz_error e = { 0 };
	struct kz_uuid u = { 0 };
	bool found = false;

	if (id[0] != '\0') {
		found = uid_parse(id, &u) == 0;
		if (!found)
			ui_message(ui, true, _("meet: %s is not a meeting's UUID"), id);
	} else if (visit_list(ui->store, ui->today, ui->today + 1, &today,
	    &e) != 0) {
		ui_message(ui, true, "%s", e.msg);
	} else {
		for (size_t i = 0; i < today.n && !found; i++) {
			const struct visit *v = (const struct visit *)today.items + i;

			if (v->status != VISIT_CANCELLED && !v->withdrawn) {
				u = v->id;
				found = true;
			}
		}
		if (!found)
			ui_message(ui, false, _("no meeting of the office today: choose one "
			    "(Enter opens it in meeting mode)"));
	}
	rec_array_free(&visit_kind, &today);
	if (!found)
		return;
	ui->visit = u;
	ui->panes[PANE_INTAKE].ops->reload(&ui->panes[PANE_INTAKE], ui);
	ui->panes[PANE_INTAKE].stale = false;
	ui_show(ui, PANE_INTAKE);
}

int
ui_run(struct office *o, const struct ui_options *opt, struct kz_error *e)
{
	struct ui *ui = xcalloc(1, sizeof *ui);
	struct sigaction sa;
	struct node n;
	SCREEN *scr;
	bool turned = false;	/* the timers ran since the last key or timeout */

	/*
	 * The store's text is UTF-8: a locale named but not installed (kk_KZ.UTF-8 on a
	 * machine without it) would leave the C locale, where every Kazakh letter is a '?'.
	 */
	if (setlocale(LC_ALL, "") == NULL)
		setlocale(LC_ALL, "C.UTF-8");
	ui->office = o;
	ui->store = office_store(o);
	ui->read_only = office_read_only(o);
	ui->due = -1;
	ui->focus = PANE_VISITS;
	ui->other = PANE_INTAKE;
	ui->cursor_pane = -1;
	if (office_node(o, &n, e) != 0) {
		free(ui);
		return 1;
	}
	memcpy(ui->unit, n.unit, sizeof ui->unit);
	ui->lang = opt->lang;
	ui_keymaps(ui, opt->keymap);
	if (office_warning(o) != NULL && ui->msg[0] == '\0')
		ui_message(ui, true, "%s", office_warning(o));

	if ((scr = newterm(NULL, stdout, stdin)) == NULL) {
		kz_fail(e, KZ_EINVAL, "cannot use the terminal (TERM=%s)",
		    getenv("TERM") ? getenv("TERM") : "");
		keymap_clear(&ui->keymap);
		free(ui);
		return 1;
	}
	fatal_set_hook(ui_fatal_hook);
	set_escdelay(UI_META_MS);
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	curs_set(0);
	ui->color = getenv("NO_COLOR") == NULL && has_colors();
	if (ui->color) {
		start_color();
		use_default_colors();
		init_pair(1, COLOR_RED, -1);
		init_pair(2, COLOR_YELLOW, -1);
	}
	define_key("\033[200~", UI_PASTE_BEGIN);
	define_key("\033[201~", UI_PASTE_END);
	/* Bracketed paste: a paste arrives between markers, as one text, not as keys. */
	fputs("\033[?2004h", stdout);
	fflush(stdout);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = ui_on_winch;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGWINCH, &sa, NULL);
	sa.sa_handler = ui_on_hangup;
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);

	ui_bench.path = getenv("KEZDESU_BENCH_KEYS");
	if (ui_bench.path != NULL && ui_bench.path[0] == '\0')
		ui_bench.path = NULL;
	ui->panes[PANE_VISITS].ops = &pane_visits_ops;
	ui->panes[PANE_INTAKE].ops = &pane_intake_ops;
	ui->panes[PANE_TRIAGE].ops = &pane_triage_ops;
	ui->panes[PANE_OBLIGATIONS].ops = &pane_obligations_ops;
	ui->panes[PANE_SYNC].ops = &pane_sync_ops;
	{
		struct layout l;

		ui_layout(&l);
		for (int i = 0; i < PANE_COUNT; i++)
			ui->panes[i].rows = l.main_h - 1;
	}
	ui_reload(ui);
	if (opt->meet != NULL)
		ui_meet(ui, opt->meet);
	while (!ui->quit && !ui_hangup) {
		if (ui_winch)
			ui_resize(ui);
		ui_reload_shown(ui);
		ui_draw(ui);
		ui_bench_drawn();
		/* the timers once a turn, what they changed drawn before the next key */
		if (!turned) {
			turned = true;
			if (ui_turns(ui))
				continue;
		}
		if (ui_due_idle(ui))
			continue;
		turned = false;
		ui_input(ui);
		if (office_generation(o) != ui->generation)
			ui_reload(ui);
	}

	fputs("\033[?2004l", stdout);
	fflush(stdout);
	for (int i = 0; i < PANE_COUNT; i++)
		pane_windows_free(&ui->panes[i]);
	endwin();
	delscreen(scr);
	fatal_set_hook(NULL);
	ui_bench_write();
	for (int i = 0; i < PANE_COUNT; i++)
		if (ui->panes[i].ops->free != NULL)
			ui->panes[i].ops->free(&ui->panes[i]);
	form_close(&ui->form);
	rules_findings_free(&ui->findings);
	free(ui->finding_visit);
	ui_unit_names_free(ui);
	keymap_clear(&ui->keymap);
	free(ui);
	return 0;
}
