/*
 * The Intake pane and meeting mode (issue 8): the selected meeting (Enter in Visits, or
 * `kezdesu meet`) with its clock (T-1), its questions with the time each was asked, one
 * page through core/view.h, the newest last, and at the bottom the one-line editor
 * (ui/line.h), which has the focus whenever a meeting is open: every printable key is
 * typed into it (the pane's key hook, before the bindings), the editing keys and the
 * meeting's actions are bindings of the editor context.
 *
 * Each save is one durable transaction through core (question_add, request_add,
 * reception_question_add, visit_modify); the line is kept as a draft (ui/meet.h) while it
 * is typed, so that a dropped connection loses nothing of it.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/compliance.h"
#include "core/date.h"
#include "core/labels.h"
#include "core/question.h"
#include "core/reception.h"
#include "core/request.h"
#include "core/view.h"
#include "core/visit.h"
#include "ui/line.h"
#include "ui/meet.h"
#include "ui/pane.h"
#include "util/clock.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

/* The office's offset from UTC (Kazakhstan, UTC+5 since 1 March 2024; core/rules.h). */
#define INTAKE_UTC_OFFSET_MIN (5 * 60)
/* Lines above the questions: the meeting, its venue and state, the clock, the heading. */
#define INTAKE_HEAD 4
/* Lines below them in meeting mode: the keys of topics and categories, what the next
 * question carries, the editor. */
#define INTAKE_FOOT 3
/* The draft is written at most this often while typing (and at every exit). */
#define INTAKE_DRAFT_MS 300
/* The questions the topic keys are chosen from: the office's newest. */
#define INTAKE_TOPIC_SAMPLE 200

/*
 * The parts of the pane a handler may mark (struct pane's part) instead of all of it:
 * a typed character changes the editor's line (and, in the name or contact, the line
 * above it that shows them), the clock's second its line.
 */
enum {
	PART_EDITOR = 1 << 0,
	PART_NEXT = 1 << 1,
	PART_CLOCK = 1 << 2,
	PART_KEYS = 1 << 3,	/* the topic keys' line (the topic chosen is marked) */
	PART_APPEND = 1 << 4,	/* a question added at the bottom of the list */
};

enum { F_QUESTION, F_NAME, F_CONTACT, F_COUNT };

struct intake {
	/*
	 * The meeting's questions: the newest page while following (the newest at the
	 * bottom, each one saved here added to it without reading it again), or a page
	 * scrolled back to with the list keys, its selected line shown, while the editor
	 * keeps the focus.
	 */
	struct list list;
	bool follow;
	/* questions added to the page since it was read: its cursor's end is behind them */
	size_t appended;
	/* a question added, not drawn yet (PART_APPEND); the list moved up a line for it */
	bool append_undrawn, append_scrolled;
	struct visit visit;
	bool have_visit;
	/* meeting mode: the editor belongs to this meeting (nil: none opened yet) */
	struct kz_uuid meeting;
	struct line *line[F_COUNT];	/* the question, the asker's name and contact */
	int field;			/* F_*: the line being typed */
	int topic;			/* index in topics, or -1 */
	int asker;			/* enum audience, or -1 (citizen) */
	struct meet_topics topics;
	struct kz_uuid last;		/* the last question saved here, for undo */
	bool have_last;
	/* the draft file of the meeting, and whether the line changed since it was written */
	char *draft;
	bool draft_dirty;
	int64_t draft_mono_ms;
	long clock_shown;		/* the clock's second drawn last */
	int loaded_rows;		/* the pane's height the page was loaded for */
};

static int64_t
mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int
intake_page(struct ui *ui, struct view *v, struct rec_cursor *cur, enum rec_page_dir dir,
    size_t limit, struct rec_array *out)
{
	struct kz_error e = { 0 };

	if (uid_is_nil(&ui->visit))
		return 0;
	if (view_questions(v, &ui->visit, cur, dir, limit, out, &e) != 0) {
		ui_message(ui, true, "%s", e.msg);
		return -1;
	}
	return 0;
}

static struct intake *
intake_of(struct pane *p)
{
	if (p->data == NULL) {
		struct intake *in = xcalloc(1, sizeof *in);

		list_init(&in->list, &question_kind, intake_page);
		visit_init(&in->visit);
		in->line[F_QUESTION] = line_new(QUESTION_TEXT_MAX);
		in->line[F_NAME] = line_new(256);
		in->line[F_CONTACT] = line_new(256);
		in->topic = in->asker = -1;
		in->clock_shown = -1;
		p->data = in;
	}
	return p->data;
}

static size_t
intake_rows(const struct pane *p)
{
	int n = p->rows - INTAKE_HEAD - INTAKE_FOOT;

	return n > 1 ? (size_t)n : 1;
}

/* ---- drafts ---- */

/*
 * Writes the question's line as the meeting's draft, or removes the draft when empty;
 * ui NULL (at exit): no message.
 */
static void
draft_flush(struct intake *in, struct ui *ui)
{
	size_t n, len;
	const char *s;
	char *buf, why[512];

	if (!in->draft_dirty || in->draft == NULL)
		return;
	in->draft_dirty = false;
	in->draft_mono_ms = mono_ms();
	s = line_bytes(in->line[F_QUESTION], &n);
	if (line_text(in->line[F_QUESTION], &len), len == 0) {
		if (unlink(in->draft) != 0 && errno != ENOENT && ui != NULL)
			ui_message(ui, true, _("the draft %s: %s"), in->draft, strerror(errno));
		return;
	}
	buf = meet_draft_format(&in->meeting, clock_now_ms(), s, n, &len);
	if (meet_draft_write(in->draft, buf, len, why, sizeof why) != 0 && ui != NULL)
		ui_message(ui, true, _("the draft is not kept: %s"), why);
	free(buf);
}

/* The meeting's draft into the empty line, with a message. */
static void
draft_offer(struct intake *in, struct ui *ui)
{
	char *buf = NULL, *text = NULL, why[512], when[17];
	struct kz_uuid v;
	int64_t saved;
	size_t n, bad;
	int rc;

	if (in->draft == NULL)
		return;
	rc = meet_draft_read(in->draft, &buf, &n, why, sizeof why);
	if (rc == 1)
		return;
	if (rc == 0 && meet_draft_parse(buf, n, &v, &saved, &text, why + 2, sizeof why - 2) != 0)
		rc = -1, memmove(why, why + 2, strlen(why + 2) + 1);
	if (rc != 0) {
		ui_message(ui, true, _("the draft %s:%s; left as it is"), in->draft, why);
	} else if (uid_cmp(&v, &in->meeting) != 0) {
		ui_message(ui, true, _("the draft %s is of another meeting; left as it is"),
		    in->draft);
	} else if (line_set(in->line[F_QUESTION], text, strlen(text), &bad) != LINE_OK) {
		ui_message(ui, true, _("the draft %s: its text is refused at byte %zu; left as "
		    "it is"), in->draft, bad);
	} else if (text[0] != '\0') {
		date_format_time(saved, INTAKE_UTC_OFFSET_MIN, when);
		ui_message(ui, false, _("the line typed at %s was kept as a draft: it is back "
		    "(Enter saves it, C-u clears it)"), when + 11);
	}
	free(text);
	free(buf);
}

static void
line_changed(struct intake *in)
{
	in->draft_dirty = true;
}

/* ---- loading ---- */

/* The office's most used topics among its newest questions, for the topic keys. */
static void
load_topics(struct intake *in, struct ui *ui)
{
	struct rec_array page = { 0 };
	struct rec_cursor cur = { 0 };
	struct kz_error e = { 0 };
	struct view *v = ui_view(ui);
	const char **t;

	if (v == NULL)
		return;
	if (view_questions(v, NULL, &cur, PAGE_LAST, INTAKE_TOPIC_SAMPLE, &page, &e) != 0) {
		ui_message(ui, true, "%s", e.msg);
		view_close(&v);
		return;
	}
	view_close(&v);
	t = xcalloc(page.n + 1, sizeof *t);
	for (size_t i = 0; i < page.n; i++)
		t[i] = ((const struct question *)page.items)[i].topic;
	meet_topics_rank(t, page.n, &in->topics);
	free(t);
	rec_array_free(&question_kind, &page);
}

/* A meeting opened in the editor: its draft, its topic keys, nothing of the last one. */
static void
open_meeting(struct intake *in, struct ui *ui)
{
	size_t n;

	draft_flush(in, ui);
	if (line_text(in->line[F_QUESTION], &n), n > 0)
		ui_message(ui, false, _("the line typed at the other meeting is kept as its "
		    "draft"));
	for (int f = 0; f < F_COUNT; f++)
		line_clear(in->line[f]);
	in->field = F_QUESTION;
	in->topic = in->asker = -1;
	in->have_last = false;
	in->meeting = ui->visit;
	free(in->draft);
	in->draft = meet_draft_path(&in->meeting);
	load_topics(in, ui);
	draft_offer(in, ui);
}

/* The newest page of the meeting's questions, followed from now on. */
static void
page_newest(struct intake *in, struct ui *ui, size_t rows)
{
	list_free(&in->list);
	memset(&in->list.cur, 0, sizeof in->list.cur);
	list_load(&in->list, ui, PAGE_LAST, rows);
	in->list.sel = (int)in->list.items.n - 1;
	in->follow = true;
	in->appended = 0;
}

/*
 * A question saved here, shown without reading the page again: moved to the end of the
 * page (the oldest line dropped when it is full), as a page read now would show it (a
 * question's place is its time, and this one is the newest; one that another process
 * saved with a later time, a clock ahead, comes after it at the next read). *q is left
 * empty.
 */
static void
page_append(struct pane *p, struct question *q, size_t rows)
{
	struct intake *in = intake_of(p);
	struct rec_array *a = &in->list.items;
	struct question *v, *dst;
	bool scrolled = false;

	dst = rec_array_push(&question_kind, a);
	question_free(dst);
	*dst = *q;
	question_init(q);
	in->appended++;
	v = a->items;
	if (a->n > rows) {
		question_free(&v[0]);
		memmove(&v[0], &v[1], (a->n - 1) * sizeof *v);
		a->n--;
		scrolled = true;
	}
	in->list.sel = (int)a->n - 1;
	/*
	 * Drawn as the list moving up a line and the new one at the bottom, not the whole
	 * pane again; two before a draw: all of it.
	 */
	if (in->append_undrawn)
		p->dirty = true;
	in->append_undrawn = true;
	in->append_scrolled = scrolled;
	p->part |= PART_APPEND | PART_KEYS | PART_NEXT | PART_EDITOR;
}

static void
intake_refresh(struct pane *p, struct ui *ui)
{
	struct intake *in = intake_of(p);
	struct kz_error e = { 0 };
	/* scrolled back in the same meeting, at the same height: the page stays */
	bool keep = in->have_visit && !in->follow && p->rows == in->loaded_rows &&
	    uid_cmp(&in->meeting, &ui->visit) == 0;

	visit_free(&in->visit);
	visit_init(&in->visit);
	in->have_visit = false;
	if (!keep) {
		list_free(&in->list);
		memset(&in->list.cur, 0, sizeof in->list.cur);
	}
	if (uid_is_nil(&ui->visit))
		return;
	if (visit_get(ui->store, &ui->visit, &in->visit, &e) != 0) {
		ui_message(ui, true, "%s", e.msg);
		return;
	}
	in->have_visit = true;
	/* Another process's commit reloads too: the line being typed stays as it is. */
	if (uid_cmp(&in->meeting, &ui->visit) != 0)
		open_meeting(in, ui);
	/* the newest page, the newest question selected: where the meeting is now */
	in->loaded_rows = p->rows;
	if (!keep)
		page_newest(in, ui, intake_rows(p));
}

/* ---- drawing ---- */

/* The clock's second now (since the start), or -1 when it does not run. */
static long
clock_second(const struct visit *v)
{
	if (v->started_ms == 0 || v->ended_ms != 0)
		return -1;
	return (long)((clock_now_ms() - v->started_ms) / 1000);
}

static void
fmt_hms(char *buf, size_t len, int64_t ms)
{
	long s = ms > 0 ? (long)(ms / 1000) : 0;

	snprintf(buf, len, "%02ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
}

/*
 * T-1: the clock line; *warn when the report has passed a quarter of the planned time.
 * The share is of the planned time (duration_min), as the decree counts it.
 */
static void
clock_line(const struct visit *v, char *buf, size_t len, bool *warn)
{
	int64_t now = clock_now_ms(), planned = (int64_t)v->duration_min * 60000, rep;
	char el[16];
	int pct;

	*warn = false;
	if (v->started_ms == 0) {
		snprintf(buf, len, _("clock: not started (C-t records the start) | planned %d min"),
		    v->duration_min);
		return;
	}
	fmt_hms(el, sizeof el, (v->ended_ms != 0 ? v->ended_ms : now) - v->started_ms);
	rep = (v->report_end_ms != 0 ? v->report_end_ms : now) - v->started_ms;
	if (rep < 0)
		rep = 0;
	pct = planned > 0 ? (int)(rep * 100 / planned) : 0;
	*warn = planned > 0 && rep * 4 > planned;
	/* the warning first, so that a narrow screen shows it too */
	if (*warn)
		snprintf(buf, len, v->report_end_ms == 0 ?
		    _("T-1 WARNING: the report is past a quarter | clock %s / %d min | report %d "
		    "min = %d%%") : _("T-1 WARNING: the report took more than a quarter | clock "
		    "%s / %d min | report %d min = %d%%"), el, v->duration_min, (int)(rep / 60000),
		    pct);
	else
		snprintf(buf, len, v->report_end_ms == 0 ? _("clock %s / %d min | report running "
		    "%d min = %d%% (T-1: 25%% at most; C-t: its end)") : _("clock %s / %d min | "
		    "report %d min = %d%%: T-1 kept"), el, v->duration_min, (int)(rep / 60000), pct);
}

static const char *
field_prompt(int f)
{
	return f == F_NAME ? _("name> ") : f == F_CONTACT ? _("contact> ") : _("question> ");
}

static void
draw_editor(struct intake *in, struct ui *ui, WINDOW *w, int y, int cols)
{
	struct line *l = in->line[in->field];
	const char *prompt = field_prompt(in->field), *s;
	struct line_view lv;
	int px, by, bx;
	char *part;

	px = ui_put(w, y, 0, cols, prompt, A_BOLD);
	if (cols - px < 2)
		return;
	line_visible(l, cols - px - 1, &lv);
	s = line_bytes(l, NULL);
	part = xstrndup(s + lv.start, lv.end - lv.start);
	if (lv.more_left)
		ui_put(w, y, px - 1, 1, "<", A_BOLD);
	ui_put(w, y, px, lv.cols + 1, part, A_NORMAL);
	if (lv.more_right)
		ui_put(w, y, cols - 1, 1, ">", A_BOLD);
	free(part);
	getbegyx(w, by, bx);
	ui->cursor_y = by + y;
	ui->cursor_x = bx + px + lv.cursor_col;
	ui->cursor_pane = PANE_INTAKE;
}

/* T-1's clock line (line 2). */
static void
draw_clock(struct intake *in, struct ui *ui, WINDOW *w, int cols)
{
	char line[1024];
	bool warn;

	clock_line(&in->visit, line, sizeof line, &warn);
	in->clock_shown = clock_second(&in->visit);
	ui_put(w, 2, 0, cols, line, warn ? (ui->color ? COLOR_PAIR(1) | A_BOLD : A_BOLD) :
	    A_NORMAL);
}

/* The keys of the topics and categories, as the keymap binds them. */
static void
draw_keys(struct intake *in, WINDOW *w, int y, int cols)
{
	char line[512];
	int x = 0;

	for (int i = 0; i < MEET_TOPIC_KEYS; i++) {
		snprintf(line, sizeof line, "F%d %s  ", 5 + i,
		    (size_t)i < in->topics.n ? in->topics.v[i] : "-");
		x += ui_put(w, y, x, cols - x, line, (size_t)i < in->topics.n &&
		    in->topic == i ? A_REVERSE : A_NORMAL);
	}
	ui_put(w, y, x, cols - x, _("| M-1..M-9 asker: citizen deputy party public-org "
	    "opposition public-council community business other"), A_NORMAL);
}

/* What the next question carries: its topic, its asker, the name and contact typed. */
static void
draw_next(struct intake *in, WINDOW *w, int y, int cols)
{
	const char *name = line_bytes(in->line[F_NAME], NULL);
	const char *contact = line_bytes(in->line[F_CONTACT], NULL);
	char line[1024];

	snprintf(line, sizeof line, _("next question: topic %s | asker %s%s%s%s%s"),
	    in->topic >= 0 ? in->topics.v[in->topic] : "-",
	    label_enum(audience_names, in->asker >= 0 ? in->asker : AUD_CITIZEN),
	    name[0] != '\0' ? _(" | name ") : "", name,
	    contact[0] != '\0' ? _(" | contact ") : "", contact);
	ui_put(w, y, 0, cols, line, A_DIM);
}

/*
 * The questions: while following, the newest at the bottom; scrolled back, the page read
 * with its selected line marked (reverse, and '>' after its time for a screen without
 * attributes).
 */
static void
draw_question(struct intake *in, WINDOW *w, int y, int cols, size_t i)
{
	const struct question *q = (const struct question *)in->list.items.items + i;
	bool sel = !in->follow && (int)i == in->list.sel;
	char line[1024], when[17];

	date_format_time(q->asked_ms, INTAKE_UTC_OFFSET_MIN, when);
	snprintf(line, sizeof line, "%-5.5s%s %s%s%s%s%s%s", when + 11, sel ? ">" : " ",
	    q->text, q->topic != NULL ? " #" : "", q->topic != NULL ? q->topic : "",
	    q->asker != AUD_CITIZEN ? " [" : "",
	    q->asker != AUD_CITIZEN ? label_enum(audience_names, q->asker) : "",
	    q->asker != AUD_CITIZEN ? "]" : "");
	if (sel) {
		wmove(w, y, 0);
		wattron(w, A_REVERSE);
		for (int x = 0; x < cols; x++)
			waddch(w, ' ');
		wattroff(w, A_REVERSE);
	}
	ui_put(w, y, 0, cols, line, sel ? A_REVERSE : A_NORMAL);
}

static void
draw_questions(struct intake *in, WINDOW *w, int cols, int n)
{
	size_t first = in->list.items.n > (size_t)n ? in->list.items.n - (size_t)n : 0;
	int y = INTAKE_HEAD;

	ui_put(w, 3, 0, cols, in->follow ? _("time   question") :
	    _("time   question (scrolled back: Down and PageDown go to the newest)"),
	    A_UNDERLINE);
	if (in->list.items.n == 0)
		ui_put(w, INTAKE_HEAD, 0, cols, _("no questions logged at this meeting"), A_NORMAL);
	for (size_t i = first; i < in->list.items.n && y < INTAKE_HEAD + n; i++, y++)
		draw_question(in, w, y, cols, i);
}

static void
intake_draw(struct pane *p, struct ui *ui, WINDOW *w)
{
	struct intake *in = intake_of(p);
	const struct visit *v = &in->visit;
	int rows, cols;
	char line[1024], date[11];

	getmaxyx(w, rows, cols);
	in->append_undrawn = false;
	if (!in->have_visit) {
		ui_put(w, 0, 0, cols, _("no meeting selected: choose one in Visits (F2) and "
		    "press Enter"), A_NORMAL);
		return;
	}
	date_format(v->date, date);
	snprintf(line, sizeof line, _("Meeting %s %s at %s (%s), akim %s"), date,
	    v->time != NULL ? v->time : "", ui_unit_name(ui, v->target), v->target,
	    ui_unit_name(ui, v->akim));
	ui_put(w, 0, 0, cols, line, A_BOLD);
	snprintf(line, sizeof line, _("venue: %s | duration %d min | %s"),
	    v->venue != NULL ? v->venue : "-", v->duration_min,
	    v->status == VISIT_HELD ? _("held") : v->status == VISIT_CANCELLED ?
	    _("cancelled") : _("not held yet"));
	ui_put(w, 1, 0, cols, line, A_NORMAL);
	draw_clock(in, ui, w, cols);
	draw_questions(in, w, cols, rows - INTAKE_HEAD - INTAKE_FOOT);
	draw_keys(in, w, rows - 3, cols);
	draw_next(in, w, rows - 2, cols);
	draw_editor(in, ui, w, rows - 1, cols);
}

/*
 * Only the lines marked (p->part), each cleared first; the rest of w is as the last
 * draw left it. A typed character costs its line, not the pane (issue 8: p99 per key).
 */
static void
intake_draw_part(struct pane *p, struct ui *ui, WINDOW *w)
{
	struct intake *in = intake_of(p);
	int rows, cols;

	getmaxyx(w, rows, cols);
	if (!in->have_visit || rows < INTAKE_HEAD + INTAKE_FOOT)
		return;
	if (p->part & PART_CLOCK) {
		wmove(w, 2, 0);
		wclrtoeol(w);
		draw_clock(in, ui, w, cols);
	}
	if (p->part & PART_APPEND) {
		int n = rows - INTAKE_HEAD - INTAKE_FOOT, y;

		in->append_undrawn = false;
		if (in->append_scrolled) {
			/* the list's lines up by one, as they are: curses moves them */
			wsetscrreg(w, INTAKE_HEAD, INTAKE_HEAD + n - 1);
			scrollok(w, TRUE);
			wscrl(w, 1);
			scrollok(w, FALSE);
			wsetscrreg(w, 0, rows - 1);
		}
		y = INTAKE_HEAD + (int)in->list.items.n - 1;
		if (in->list.items.n > 0 && y < INTAKE_HEAD + n) {
			wmove(w, y, 0);
			wclrtoeol(w);
			draw_question(in, w, y, cols, in->list.items.n - 1);
		}
	}
	if (p->part & PART_KEYS) {
		wmove(w, rows - 3, 0);
		wclrtoeol(w);
		draw_keys(in, w, rows - 3, cols);
	}
	if (p->part & PART_NEXT) {
		wmove(w, rows - 2, 0);
		wclrtoeol(w);
		draw_next(in, w, rows - 2, cols);
	}
	if (p->part & PART_EDITOR) {
		wmove(w, rows - 1, 0);
		wclrtoeol(w);
		draw_editor(in, ui, w, rows - 1, cols);
	}
}

/* ---- actions ---- */

/* Every question saved here carries what was chosen for it; then the choices clear. */
static void
fill_question(struct intake *in, struct question *q, const char *text, size_t n)
{
	const char *name, *contact;
	size_t nn, cn;

	question_init(q);
	q->text = xstrndup(text, n);
	q->asker = in->asker >= 0 ? in->asker : AUD_CITIZEN;
	if (in->topic >= 0)
		q->topic = xstrdup(in->topics.v[in->topic]);
	name = line_text(in->line[F_NAME], &nn);
	contact = line_text(in->line[F_CONTACT], &cn);
	if (nn > 0)
		q->asker_name = xstrndup(name, nn);
	if (cn > 0)
		q->asker_contact = xstrndup(contact, cn);
}

static void
saved(struct intake *in, const struct question *q)
{
	for (int f = 0; f < F_COUNT; f++)
		line_clear(in->line[f]);
	in->field = F_QUESTION;
	in->topic = in->asker = -1;
	in->last = q->id;
	in->have_last = true;
	line_changed(in);
}

enum dest { TO_MEETING, TO_POOL, TO_RECEPTION };

static void
save_line(struct pane *p, struct ui *ui, enum dest d)
{
	struct intake *in = intake_of(p);
	struct kz_error e = { 0 };
	struct question q;
	struct rec_array recs = { 0 };
	const char *text;
	size_t n;
	uint64_t gen;
	int rc;

	text = line_text(in->line[F_QUESTION], &n);
	if (n == 0) {
		if (d != TO_MEETING)
			ui_message(ui, false, _("the line is empty: nothing saved"));
		return;
	}
	fill_question(in, &q, text, n);
	/* the write may wait behind another writer: say so, the line stays as typed */
	ui_saving(ui);
	if (d == TO_MEETING) {
		q.visit = in->meeting;
		q.source = QS_MEETING;
		/*
		 * Told to the frame: a question of the meeting changes this list (shown here
		 * below) and Triage's search, nothing the other panes or the obligations'
		 * count read (compliance_due reads no questions).
		 */
		gen = ui_write_begin(ui);
		rc = question_add(ui->store, &q, &e);
		ui_write_done(ui, gen, 1u << PANE_TRIAGE, false);
	} else if (d == TO_POOL) {
		/* P-2: a request taken in person at the meeting, for the target's pool */
		q.channel = QC_IN_PERSON;
		memcpy(q.unit, in->visit.target, sizeof q.unit);
		rc = request_add(ui->store, &q, DATE_NONE, &e);
	} else {
		rc = reception_list(ui->store, &in->meeting, &recs, &e);
		if (rc == 0 && recs.n == 0)
			rc = kz_fail(&e, KZ_EINVAL, _("this meeting has no personal reception "
			    "(A-1): kezdesu reception add"));
		if (rc == 0)
			rc = reception_question_add(ui->store,
			    &((const struct reception *)recs.items)[recs.n - 1].id, &q, &e);
		rec_array_free(&reception_kind, &recs);
	}
	if (rc != 0) {
		/* nothing lost: the line stays as it was typed */
		ui_message(ui, true, _("not saved: %s"), e.msg);
	} else {
		saved(in, &q);
		if (d == TO_MEETING && in->follow && uid_cmp(&q.visit, &ui->visit) == 0)
			page_append(p, &q, intake_rows(p));
		else if (d == TO_MEETING)
			page_newest(in, ui, intake_rows(p));
		ui_message(ui, false, d == TO_MEETING ? _("question saved") : d == TO_POOL ?
		    _("saved to the request pool (P-2, in person)") :
		    _("saved to the personal reception (A-1)"));
	}
	question_free(&q);
}

static void
undo_last(struct pane *p, struct ui *ui)
{
	struct intake *in = intake_of(p);
	struct kz_error e = { 0 };
	uint64_t gen;
	int rc;

	if (!in->have_last) {
		ui_message(ui, true, _("no question saved here to take back"));
		return;
	}
	/* as a save: this list (read again: a page one shorter) and Triage's search */
	gen = ui_write_begin(ui);
	rc = question_withdraw(ui->store, &in->last, &e);
	ui_write_done(ui, gen, 1u << PANE_TRIAGE, false);
	if (rc != 0) {
		ui_message(ui, true, _("not withdrawn: %s"), e.msg);
		return;
	}
	page_newest(in, ui, intake_rows(p));
	in->have_last = false;
	ui_message(ui, false, _("the last question is withdrawn (kept, in no list)"));
}

struct clock_arg {
	int64_t now;
	int marked;	/* 1 the start, 2 the end of the report */
};

/* T-1, in visit_modify's transaction: the start if not recorded, else the report's end. */
static int
clock_mark(struct visit *v, void *arg, struct kz_error *e)
{
	struct clock_arg *a = arg;

	if (v->started_ms == 0) {
		v->started_ms = a->now;
		a->marked = 1;
	} else if (v->report_end_ms == 0) {
		if (a->now < v->started_ms)
			return kz_fail(e, KZ_EINVAL, _("T-1: the end of the report is before the "
			    "start"));
		v->report_end_ms = a->now;
		a->marked = 2;
	} else {
		return kz_fail(e, KZ_EINVAL, _("T-1: the start and the end of the report are "
		    "recorded already (kezdesu visit set --started/--report-end to change them)"));
	}
	return 0;
}

static void
mark_clock(struct intake *in, struct ui *ui)
{
	struct clock_arg a = { .now = clock_now_ms() };
	struct kz_error e = { 0 };
	char when[17];

	if (visit_modify(ui->store, &in->meeting, clock_mark, &a, &e) != 0) {
		ui_message(ui, true, "%s", e.msg);
		return;
	}
	date_format_time(a.now, INTAKE_UTC_OFFSET_MIN, when);
	ui_message(ui, false, a.marked == 1 ? _("T-1: the meeting started at %s (saved)") :
	    _("T-1: the report ended at %s (saved)"), when + 11);
}

/* An edit of the line being typed: true when it changed. */
static bool
edit(struct line *l, enum action_id a)
{
	switch (a) {
	case A_ED_LEFT:
		return line_left(l);
	case A_ED_RIGHT:
		return line_right(l);
	case A_ED_WORD_LEFT:
		return line_word_left(l);
	case A_ED_WORD_RIGHT:
		return line_word_right(l);
	case A_ED_HOME:
		return line_home(l);
	case A_ED_END:
		return line_end(l);
	case A_ED_BACKSPACE:
		return line_delete_back(l);
	case A_ED_DELETE:
		return line_delete_forward(l);
	case A_ED_KILL_WORD_BACK:
		return line_delete_word_back(l);
	case A_ED_KILL_WORD:
		return line_delete_word_forward(l);
	case A_ED_KILL_START:
		return line_delete_to_start(l);
	case A_ED_KILL_END:
		return line_delete_to_end(l);
	default:
		return false;
	}
}

/*
 * The page before the one shown (PAGE_BEFORE), as a full page: pages are cut from the
 * newest back, so the oldest may be short, and a full page from the first question is
 * shown instead. The number of questions the page before held, or 0 when there was none.
 */
static size_t
page_before(struct intake *in, struct ui *ui, size_t rows)
{
	size_t m;

	if (!list_load(&in->list, ui, PAGE_BEFORE, rows))
		return 0;
	m = in->list.items.n;
	if (m < rows)
		list_load(&in->list, ui, PAGE_FIRST, rows);
	return m;
}

/*
 * The list keys in meeting mode (the editor keeps the focus): up, down, pages, first and
 * last scroll the meeting's questions, a line marked; past the newest, the list follows
 * the meeting again.
 */
static bool
page_scroll(struct pane *p, struct ui *ui, enum action_id a)
{
	struct intake *in = intake_of(p);
	struct list *l = &in->list;
	size_t rows = intake_rows(p), m;

	if (a != A_UP && a != A_DOWN && a != A_PAGE_UP && a != A_PAGE_DOWN && a != A_FIRST &&
	    a != A_LAST)
		return false;
	/* questions added since the page was read: its cursor is behind them */
	if (in->appended > 0)
		page_newest(in, ui, rows);
	if (a == A_LAST || (in->follow && (a == A_DOWN || a == A_PAGE_DOWN))) {
		page_newest(in, ui, rows);
		return true;
	}
	switch (a) {
	case A_UP:
		if (in->follow)		/* the first Up marks the newest line */
			l->sel = (int)l->items.n - 1;
		else if (l->sel > 0)
			l->sel--;
		else if ((m = page_before(in, ui, rows)) > 0)
			l->sel = (int)m - 1;	/* the line above the old first */
		break;
	case A_PAGE_UP:
		page_before(in, ui, rows);
		l->sel = 0;
		break;
	case A_FIRST:
		list_load(l, ui, PAGE_FIRST, rows);
		l->sel = 0;
		break;
	case A_DOWN:
		if (l->sel + 1 < (int)l->items.n) {
			l->sel++;
			break;
		}
		if (!list_load(l, ui, PAGE_AFTER, rows)) {
			page_newest(in, ui, rows);	/* below the newest: following */
			return true;
		}
		m = l->items.n;
		l->sel = 0;
		if (m < rows) {
			/* the last page, short: the newest full page, the same line marked */
			page_newest(in, ui, rows);
			in->follow = false;
			l->sel = l->items.n >= m ? (int)(l->items.n - m) : 0;
		}
		break;
	case A_PAGE_DOWN:
		/* the page after; when it is the last, the list follows the meeting again */
		if (!list_load(l, ui, PAGE_AFTER, rows) || !list_more(l, ui, PAGE_AFTER)) {
			page_newest(in, ui, rows);
			return true;
		}
		l->sel = (int)l->items.n - 1;
		break;
	default:
		break;
	}
	in->follow = false;
	return true;
}

static bool
meeting_action(struct pane *p, struct ui *ui, enum action_id a)
{
	struct intake *in = intake_of(p);

	if (a >= A_ED_LEFT && a <= A_ED_KILL_END) {
		bool moved = a <= A_ED_END;

		if (edit(in->line[in->field], a)) {
			if (!moved && in->field == F_QUESTION)
				line_changed(in);
			/* its line only (and the name or contact shown above it) */
			p->part |= PART_EDITOR | (in->field != F_QUESTION ? PART_NEXT : 0);
			return true;
		}
		return false;
	}
	if (page_scroll(p, ui, a))
		return true;
	if (a >= A_TOPIC_1 && a <= A_TOPIC_4) {
		int t = (int)(a - A_TOPIC_1);

		if ((size_t)t >= in->topics.n) {
			ui_message(ui, true, _("F%d: no topic yet (the keys take the office's most "
			    "used topics)"), 5 + t);
			return false;
		}
		in->topic = in->topic == t ? -1 : t;
		return true;
	}
	if (a >= A_ASKER_1 && a <= A_ASKER_9) {
		int c = (int)(a - A_ASKER_1);

		in->asker = in->asker == c ? -1 : c;
		return true;
	}
	switch (a) {
	case A_Q_SAVE:
		if (in->field != F_QUESTION) {
			in->field = in->field == F_NAME ? F_CONTACT : F_QUESTION;
			return true;
		}
		save_line(p, ui, TO_MEETING);
		return true;
	case A_Q_POOL:
		save_line(p, ui, TO_POOL);
		return true;
	case A_Q_RECEPTION:
		save_line(p, ui, TO_RECEPTION);
		return true;
	case A_Q_UNDO:
		undo_last(p, ui);
		return true;
	case A_Q_ASKER_FORM:
		in->field = in->field == F_QUESTION ? F_NAME : F_QUESTION;
		return true;
	case A_ED_CANCEL:
		if (in->field != F_QUESTION)
			in->field = F_QUESTION;
		else
			in->topic = in->asker = -1;
		return true;
	case A_MEET_CLOCK:
		mark_clock(in, ui);
		return true;
	default:
		return false;
	}
}

static bool
intake_action(struct pane *p, struct ui *ui, enum action_id a)
{
	struct intake *in = intake_of(p);

	if (in->have_visit)
		return meeting_action(p, ui, a);
	if (a == A_OPEN) {
		ui_message(ui, false, _("no meeting open: choose one in Visits (F2), Enter"));
		return false;
	}
	return list_action(&in->list, ui, a, intake_rows(p));
}

static const char *
line_error(int rc)
{
	return rc == LINE_ETOOLONG ? _("the line would be longer than a question can be") :
	    rc == LINE_EUTF8 ? _("not UTF-8 text") : _("a control character");
}

/* In meeting mode every printable key is typed into the line, before the bindings. */
static bool
intake_key(struct pane *p, struct ui *ui, key_code k)
{
	struct intake *in = intake_of(p);
	int rc;

	if (!in->have_visit || !key_is_text(k))
		return false;
	rc = line_insert(in->line[in->field], (uint32_t)k);
	if (rc != LINE_OK)
		ui_message(ui, true, _("refused: %s"), line_error(rc));
	else if (in->field == F_QUESTION)
		line_changed(in);
	p->part |= PART_EDITOR | (in->field != F_QUESTION ? PART_NEXT : 0);
	return true;
}

static void
intake_paste(struct pane *p, struct ui *ui, const char *text)
{
	struct intake *in = intake_of(p);
	size_t bad;
	int rc;

	if (!in->have_visit) {
		ui_message(ui, false, _("pasted %zu bytes: open a meeting to type into"),
		    strlen(text));
		return;
	}
	rc = line_paste(in->line[in->field], text, strlen(text), &bad);
	if (rc != LINE_OK) {
		ui_message(ui, true, _("paste refused (nothing of it inserted): %s at byte %zu"),
		    line_error(rc), bad);
		return;
	}
	if (in->field == F_QUESTION)
		line_changed(in);
	p->part |= PART_EDITOR | (in->field != F_QUESTION ? PART_NEXT : 0);
}

static enum km_context
intake_context(const struct pane *p)
{
	const struct intake *in = p->data;

	return in != NULL && in->have_visit ? KM_EDITOR : KM_INTAKE;
}

/* Each turn: the draft written when due, the clock redrawn when its second changed. */
static bool
intake_turn(struct pane *p, struct ui *ui)
{
	struct intake *in = intake_of(p);

	if (in->draft_dirty && mono_ms() - in->draft_mono_ms >= INTAKE_DRAFT_MS)
		draft_flush(in, ui);
	/* the frame learns a new height when it draws: a page for it */
	if (in->have_visit && p->rows != in->loaded_rows) {
		intake_refresh(p, ui);
		return true;
	}
	/* the clock's line alone */
	if (in->have_visit && clock_second(&in->visit) != in->clock_shown)
		p->part |= PART_CLOCK;
	return false;
}

static void
intake_free(struct pane *p)
{
	struct intake *in = p->data;

	if (in == NULL)
		return;
	/*
	 * At every exit (F10, SIGHUP, SIGTERM): the line typed since the draft was last
	 * written is kept. An unchanged line leaves the file as it is (a draft refused at
	 * the start stays for its owner to look at).
	 */
	draft_flush(in, NULL);
	list_free(&in->list);
	visit_free(&in->visit);
	for (int f = 0; f < F_COUNT; f++)
		line_free(&in->line[f]);
	meet_topics_free(&in->topics);
	free(in->draft);
	free(in);
	p->data = NULL;
}

const struct pane_ops pane_intake_ops = {
	.title = N_("Intake"),
	.context = KM_INTAKE,
	.draw = intake_draw,
	.draw_part = intake_draw_part,
	.action = intake_action,
	.reload = intake_refresh,
	.paste = intake_paste,
	.key = intake_key,
	.context_now = intake_context,
	.turn = intake_turn,
	.free = intake_free,
};
