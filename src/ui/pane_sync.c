/*
 * The Sync screen (issue 10, "Interface"): the offices this one exchanges bundles with
 * (core/peer.h: unit, name, direction), the last exchange each way, what waits to go to
 * each (sync/outbox.h) and the conflicts kept for review (core/conflict.h); export of a
 * bundle for the selected peer to a chosen directory (a mounted USB stick, or one typed)
 * and import of a directory's bundles, both through sync/'s API (sync/export.h,
 * sync/import.h: the interface never writes a bundle or the store itself), with a
 * progress bar on the message line (ui_progress) and the outcome in one line.
 *
 * Reached from any pane (pane-sync: F6 and S; M-s in meeting mode, whose F-keys are
 * topics). What waits is counted by walking the log (outbox_count), so it is read when
 * the screen is shown, not on every commit while another pane is (as Obligations).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/out.h"
#include "core/conflict.h"
#include "core/node.h"
#include "core/office.h"
#include "core/peer.h"
#include "core/rules.h"
#include "sync/bundle_show.h"
#include "sync/export.h"
#include "sync/import.h"
#include "sync/outbox.h"
#include "ui/form.h"
#include "ui/pane.h"
#include "ui/sync_files.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

/* A directory path typed in the form. */
#define SYNC_DIR_MAX 4000

enum sync_mode {
	SM_PEERS,	/* the peers, two lines each */
	SM_CONFLICTS,	/* the conflicts kept for review */
	SM_FILES,	/* the bundles of a directory, to import one */
};

enum sync_op { OP_EXPORT, OP_IMPORT };

struct sync {
	enum sync_mode mode;
	bool stale;		/* the store changed: read again when next shown */
	bool busy;		/* an export or import runs: draw what is loaded, read nothing */
	uint64_t generation;	/* office_generation() when it was read */
	struct kz_uuid self;	/* this office's node */
	struct peer *peers;
	size_t npeers;
	uint64_t *waiting;	/* per peer: changes waiting to go (outbox_count) */
	bool *counted;		/* per peer: waiting is known */
	struct rec_array conflicts;
	size_t nclock;		/* changes from a clock more than a day ahead */
	int sel, top;		/* the mode's list: the selected line and the first shown */
	/* the chooser of directories: the mounts found, and the typed path's line */
	enum sync_op op;
	struct syncf_list mounts;
	struct kz_uuid peer;	/* export: the node of the peer chosen */
	char *dir;		/* the directory last used (offered again when typing) */
	struct syncf_list files;	/* SM_FILES: the bundles of dir */
	struct kz_uuid conflict;	/* the conflict being resolved */
	char confirm[700];		/* the question asked before resolving it */
};

static struct sync *
sync_of(struct pane *p)
{
	if (p->data == NULL) {
		struct sync *s = xcalloc(1, sizeof *s);

		s->stale = true;
		p->data = s;
	}
	return p->data;
}

static struct sync *
sync_ui(struct ui *ui)
{
	return sync_of(&ui->panes[PANE_SYNC]);
}

static void
sync_clear(struct sync *s)
{
	peer_list_free(&s->peers, s->npeers);
	s->npeers = 0;
	free(s->waiting);
	free(s->counted);
	s->waiting = NULL;
	s->counted = NULL;
	rec_array_free(&conflict_kind, &s->conflicts);
	memset(&s->conflicts, 0, sizeof s->conflicts);
	s->nclock = 0;
}

/*
 * The frame reloads every pane on each commit and on a resize; what waits is a walk of the
 * log, so it is read again only when the store changed since (not for a new size).
 */
static void
sync_reload(struct pane *p, struct ui *ui)
{
	struct sync *s = sync_of(p);

	if (office_generation(ui->office) != s->generation)
		s->stale = true;
}

/* The peers, their counts and the conflicts, when the screen is shown after a change. */
static void
sync_load(struct sync *s, struct ui *ui)
{
	struct kz_error e = { 0 };
	struct clock_review *rv = NULL;
	struct node me;
	int rows;

	if (!s->stale || s->busy)
		return;
	s->stale = false;
	s->generation = office_generation(ui->office);
	sync_clear(s);
	if (office_node(ui->office, &me, &e) != 0 ||
	    peer_list(ui->store, &s->peers, &s->npeers, &e) != 0 ||
	    conflict_list(ui->store, &s->conflicts, &e) != 0 ||
	    conflict_clock_reviews(ui->store, &rv, &s->nclock, &e) != 0) {
		ui_message(ui, true, "%s", e.msg);
		sync_clear(s);	/* nothing half read is drawn */
		return;
	}
	free(rv);
	s->self = me.id;
	/* the settled ones (conflicts resolve) are no longer for review, as kezdesu conflicts */
	{
		struct conflict *c = s->conflicts.items;
		size_t k = 0;

		for (size_t i = 0; i < s->conflicts.n; i++) {
			if (c[i].resolved)
				conflict_free(&c[i]);
			else
				c[k++] = c[i];
		}
		s->conflicts.n = k;
	}
	s->waiting = xcalloc(s->npeers + 1, sizeof *s->waiting);
	s->counted = xcalloc(s->npeers + 1, sizeof *s->counted);
	for (size_t i = 0; i < s->npeers; i++) {
		if (outbox_count(ui->store, &s->peers[i], &s->waiting[i], &e) != 0) {
			ui_message(ui, true, "%s", e.msg);
			continue;
		}
		s->counted[i] = true;
	}
	rows = s->mode == SM_PEERS ? (int)s->npeers : s->mode == SM_CONFLICTS ?
	    (int)s->conflicts.n : (int)s->files.n;
	if (s->sel >= rows)
		s->sel = rows - 1;
	if (s->sel < 0)
		s->sel = 0;
}

/* ---- drawing ---- */

/* A moment in Kazakhstan's time, or "never". */
static void
when(int64_t ms, char *buf, size_t len)
{
	char t[17];

	if (ms == 0) {
		snprintf(buf, len, "%s", _("never"));
		return;
	}
	date_format_time(ms, RULES_UTC_OFFSET_KZ, t);
	snprintf(buf, len, "%s", t);
}

/* A peer's unit named as this store knows it, else as its identity file named it. */
static const char *
peer_name(struct ui *ui, const struct peer *p)
{
	const char *n = ui_unit_name(ui, p->unit);

	if (strcmp(n, p->unit) != 0)
		return n;
	if (ui->lang == LANG_RU && p->name_ru != NULL)
		return p->name_ru;
	return p->name_kk != NULL ? p->name_kk : p->name_ru != NULL ? p->name_ru : "";
}

static const char *
dir_words(enum scope_dir d)
{
	return d == SCOPE_UP ? _("above") : d == SCOPE_DOWN ? _("below") : _("beside");
}

/* Keeps the selected line of n inside the rows shown, each line `per` rows tall. */
static void
sync_scroll(struct sync *s, int n, int rows, int per)
{
	int fit = rows / per > 0 ? rows / per : 1;

	if (s->sel >= n)
		s->sel = n - 1;
	if (s->sel < 0)
		s->sel = 0;
	if (s->sel < s->top)
		s->top = s->sel;
	if (s->sel >= s->top + fit)
		s->top = s->sel - fit + 1;
}

static void
draw_peers(struct sync *s, struct ui *ui, WINDOW *w, int y, int rows, int cols)
{
	uint64_t up = 0, down = 0;
	bool all = true;
	char line[1024], sent[32], recv[32], wait[32];

	for (size_t i = 0; i < s->npeers; i++) {
		enum scope_dir d = peer_direction(&s->peers[i], ui->unit);

		if (!s->counted[i])
			all = false;
		else if (d == SCOPE_UP)
			up += s->waiting[i];
		else if (d == SCOPE_DOWN)
			down += s->waiting[i];
	}
	if (all)
		snprintf(line, sizeof line, _("Waiting to go up: %llu, down: %llu. Conflicts to "
		    "review: %zu (c lists them)."), (unsigned long long)up,
		    (unsigned long long)down, s->conflicts.n);
	else
		snprintf(line, sizeof line, _("Conflicts to review: %zu (c lists them)."),
		    s->conflicts.n);
	ui_put(w, y++, 0, cols, line, A_NORMAL);
	if (s->npeers == 0) {
		ui_put(w, y + 1, 0, cols, _("No peers yet: offices trust each other with kezdesu "
		    "identity export and kezdesu peer add FILE (user guide, \"Exchanging with "
		    "other offices\")."), A_NORMAL);
		return;
	}
	y++;
	sync_scroll(s, (int)s->npeers, rows - y, 2);
	for (int i = s->top; i < (int)s->npeers && y < rows; i++) {
		const struct peer *p = &s->peers[i];
		attr_t a = i == s->sel ? A_REVERSE : A_NORMAL;

		snprintf(line, sizeof line, "%s %s %s (%s)", i == s->sel ? ">" : " ", p->unit,
		    peer_name(ui, p), dir_words(peer_direction(p, ui->unit)));
		ui_put(w, y++, 0, cols, line, a | A_BOLD);
		if (y >= rows)
			break;
		when(p->sent_ms, sent, sizeof sent);
		when(p->recv_ms, recv, sizeof recv);
		if (s->counted[i])
			snprintf(wait, sizeof wait, "%llu", (unsigned long long)s->waiting[i]);
		else
			snprintf(wait, sizeof wait, "?");
		snprintf(line, sizeof line, _("    sent %s | received %s | waiting %s"), sent, recv,
		    wait);
		ui_put(w, y++, 0, cols, line, a);
	}
}

/* "4.2 KiB": a file's size for people. */
static void
size_words(int64_t n, char *buf, size_t len)
{
	if (n < 1024)
		snprintf(buf, len, _("%lld B"), (long long)n);
	else if (n < 1024 * 1024)
		snprintf(buf, len, _("%.1f KiB"), (double)n / 1024);
	else
		snprintf(buf, len, _("%.1f MiB"), (double)n / (1024 * 1024));
}

static void
draw_files(struct sync *s, WINDOW *w, int y, int rows, int cols)
{
	char line[1200], size[32], t[17];

	snprintf(line, sizeof line, _("Bundles in %s: %zu (Enter imports, Escape goes back)"),
	    s->dir != NULL ? s->dir : "", s->files.n);
	ui_put(w, y++, 0, cols, line, A_NORMAL);
	y++;
	sync_scroll(s, (int)s->files.n, rows - y, 1);
	for (int i = s->top; i < (int)s->files.n && y < rows; i++, y++) {
		const struct syncf_file *f = &s->files.v[i];

		size_words(f->size, size, sizeof size);
		date_format_time((int64_t)f->mtime * 1000, RULES_UTC_OFFSET_KZ, t);
		snprintf(line, sizeof line, "%s %s  %s  %s", i == s->sel ? ">" : " ", t, size,
		    f->name);
		ui_put(w, y, 0, cols, line, i == s->sel ? A_REVERSE : A_NORMAL);
	}
}

/* Hex digits to bytes: the length, or -1 when s is not hex. */
static ssize_t
unhex(const char *s, uint8_t *out, size_t max)
{
	size_t n = s != NULL ? strlen(s) : 0;

	if (n % 2 != 0 || n / 2 > max)
		return -1;
	for (size_t i = 0; i < n / 2; i++) {
		unsigned v;

		if (sscanf(s + 2 * i, "%2x", &v) != 1)
			return -1;
		out[i] = (uint8_t)v;
	}
	return (ssize_t)(n / 2);
}

/*
 * The losing value as `bundle show` gives it (the record's field table: text, a date, a
 * number, as JSON), or "(cleared)"; its hex when this version cannot decode it.
 */
static char *
conflict_value(const struct conflict *c)
{
	size_t vmax = c->loser_value != NULL ? strlen(c->loser_value) / 2 + 1 : 1;
	uint8_t path[256], *val = xmalloc(vmax);
	ssize_t plen, vlen;
	const struct schema_record *d;
	const struct schema_field *f;
	void *obj;
	char *buf = NULL;
	size_t len = 0;
	FILE *fp;

	if (c->loser_removed) {
		free(val);
		return xstrdup(_("(cleared)"));
	}
	plen = unhex(c->path, path, sizeof path);
	vlen = unhex(c->loser_value, val, vmax);
	obj = plen < 0 || vlen < 0 ? NULL : bundle_show_value((unsigned)c->kind, path,
	    (size_t)plen, val, (size_t)vlen, &d, &f);
	free(val);
	if (obj == NULL)
		return xstrdup(c->loser_value != NULL ? c->loser_value : "");
	if ((fp = open_memstream(&buf, &len)) == NULL) {
		bundle_show_free(d, obj);
		return xstrdup(c->loser_value != NULL ? c->loser_value : "");
	}
	out_json_field(fp, f, obj);
	fclose(fp);
	bundle_show_free(d, obj);
	return buf;
}

/* Who made a change: this office, a peer's unit, else the node's UUID. */
static void
origin_words(const struct sync *s, const struct kz_uuid *node, char *buf, size_t len)
{
	if (uid_cmp(&s->self, node) == 0) {
		snprintf(buf, len, "%s", _("this office"));
		return;
	}
	for (size_t i = 0; i < s->npeers; i++)
		if (uid_cmp(&s->peers[i].node, node) == 0) {
			snprintf(buf, len, "%s", s->peers[i].unit);
			return;
		}
	uid_format(node, buf);
}

/* A record's key as conflicts keep it (hex): a UUID's 32 digits shown as a UUID. */
static void
record_words(const char *hex, char *buf, size_t len)
{
	uint8_t b[16];
	struct kz_uuid u;

	if (hex != NULL && strlen(hex) == 32 && unhex(hex, b, sizeof b) == 16) {
		memcpy(u.b, b, 16);
		if (len >= UID_STRLEN) {
			uid_format(&u, buf);
			return;
		}
	}
	snprintf(buf, len, "%s", hex != NULL ? hex : "");
}

static void
draw_conflicts(struct sync *s, WINDOW *w, int y, int rows, int cols)
{
	char line[1400], t[17], who[UID_STRLEN + 64], rec[80];

	if (s->nclock > 0)
		snprintf(line, sizeof line, _("Conflicts kept for review: %zu; changes from a clock "
		    "a day ahead: %zu (Escape: back)"), s->conflicts.n, s->nclock);
	else
		snprintf(line, sizeof line, _("Conflicts kept for review: %zu (Escape: back)"),
		    s->conflicts.n);
	ui_put(w, y++, 0, cols, line, A_NORMAL);
	ui_put(w, y++, 0, cols, _("The record and field; the value that lost, who wrote it, "
	    "when. t: write it back, m: keep the record's, v: another value."), A_NORMAL);
	sync_scroll(s, (int)s->conflicts.n, rows - y, 2);
	for (int i = s->top; i < (int)s->conflicts.n && y < rows; i++) {
		const struct conflict *c = (const struct conflict *)s->conflicts.items + i;
		attr_t a = i == s->sel ? A_REVERSE : A_NORMAL;
		char *v = conflict_value(c);

		record_words(c->record, rec, sizeof rec);
		snprintf(line, sizeof line, "%s %s %s %s", i == s->sel ? ">" : " ",
		    conflict_kind_name(c->kind), rec, c->field != NULL ? c->field : "");
		ui_put(w, y++, 0, cols, line, a | A_BOLD);
		if (y < rows) {
			date_format_time(c->loser_hlc >> 16, RULES_UTC_OFFSET_KZ, t);
			origin_words(s, &c->loser_origin, who, sizeof who);
			snprintf(line, sizeof line, _("    lost: %s (%s, %s)"), v, who, t);
			ui_put(w, y++, 0, cols, line, a);
		}
		free(v);
	}
}

static void
sync_draw(struct pane *p, struct ui *ui, WINDOW *w)
{
	struct sync *s = sync_of(p);
	int rows, cols;
	char state[96], line[256];

	sync_load(s, ui);
	getmaxyx(w, rows, cols);
	ui_sync_state(ui, state, sizeof state);
	snprintf(line, sizeof line, _("Exchange with other offices: %s"), state);
	ui_put(w, 0, 0, cols, line, A_BOLD);
	if (s->mode == SM_FILES)
		draw_files(s, w, 1, rows, cols);
	else if (s->mode == SM_CONFLICTS)
		draw_conflicts(s, w, 1, rows, cols);
	else
		draw_peers(s, ui, w, 1, rows, cols);
}

/* ---- export and import ---- */

struct progress {
	struct ui *ui;
	const char *what;
};

static void
on_progress(void *ctx, uint64_t done, uint64_t total)
{
	struct progress *pr = ctx;

	ui_progress(pr->ui, pr->what, done, total);
}

static bool
is_dir(const char *path, char *why, size_t len)
{
	struct stat st;

	if (stat(path, &st) != 0) {
		snprintf(why, len, "%s: %s", path, strerror(errno));
		return false;
	}
	if (!S_ISDIR(st.st_mode)) {
		snprintf(why, len, _("%s: not a directory"), path);
		return false;
	}
	return true;
}

/* The bundle for the peer chosen, into dir: 0, or -1 with why. */
static int
run_export(struct ui *ui, struct sync *s, const char *dir, char *why, size_t len)
{
	struct export_opts o = { 0 };
	struct export_result r = { 0 };
	struct kz_error e = { 0 };
	struct progress pr = { ui, NULL };
	const struct peer *p = NULL;
	char *path, what[128], size[32];
	int rc;

	/* by its node: the list may have been read again while the directory was chosen */
	for (size_t i = 0; i < s->npeers && p == NULL; i++)
		if (uid_cmp(&s->peers[i].node, &s->peer) == 0)
			p = &s->peers[i];
	if (p == NULL) {
		snprintf(why, len, "%s", _("export: the peer is gone (removed meanwhile)"));
		return -1;
	}
	if (!is_dir(dir, why, len))
		return -1;
	free(s->dir);
	s->dir = xstrdup(dir);
	if ((path = export_default_name(ui->store, p, dir, &e)) == NULL) {
		snprintf(why, len, "%s", e.msg);
		return -1;
	}
	snprintf(what, sizeof what, _("exporting for %s"), p->unit);
	pr.what = what;
	o.progress = on_progress;
	o.progress_ctx = &pr;
	s->busy = true;
	rc = export_to_file(ui->store, p, path, &o, &r, &e);
	s->busy = false;
	s->stale = true;
	if (rc != 0) {
		snprintf(why, len, "%s", e.msg);
		free(path);
		return -1;
	}
	size_words((int64_t)r.bytes, size, sizeof size);
	ui_message(ui, false, _("exported %llu changes for %s to %s (%s)"),
	    (unsigned long long)r.changes, p->unit, path, size);
	free(path);
	return 0;
}

/* The bundles of dir listed to choose from: 0, or -1 with why. */
static int
open_files(struct ui *ui, struct sync *s, const char *dir, char *why, size_t len)
{
	struct syncf_list l;
	struct kz_error e = { 0 };

	if (!is_dir(dir, why, len))
		return -1;
	if (syncf_bundles(dir, &l, &e) != 0) {
		snprintf(why, len, "%s", e.msg);
		return -1;
	}
	free(s->dir);
	s->dir = xstrdup(dir);
	if (l.n == 0) {
		snprintf(why, len, _("no bundles (*.kzb) in %s"), dir);
		return -1;
	}
	syncf_list_free(&s->files);
	s->files = l;
	s->mode = SM_FILES;
	s->sel = s->top = 0;
	ui->panes[PANE_SYNC].dirty = true;
	ui->all_dirty = true;	/* the hint line: Enter imports */
	return 0;
}

/* Imports the selected bundle and says what it did, or why it was refused, in one line. */
static void
run_import(struct ui *ui, struct sync *s)
{
	struct import_opts o = { 0 };
	struct import_result r = { 0 };
	struct kz_error e = { 0 };
	struct progress pr = { ui, NULL };
	char *path, what[600];
	int rc;

	if (s->sel < 0 || (size_t)s->sel >= s->files.n || s->dir == NULL)
		return;
	path = xasprintf("%s/%s", s->dir, s->files.v[s->sel].name);
	snprintf(what, sizeof what, _("importing %s"), s->files.v[s->sel].name);
	pr.what = what;
	o.progress = on_progress;
	o.progress_ctx = &pr;
	ui_saving(ui);
	s->busy = true;
	rc = import_file(ui->store, path, &o, &r, &e);
	s->busy = false;
	s->stale = true;
	if (rc != BUNDLE_OK)
		ui_message(ui, true, "%s", e.msg);
	else if (r.already)
		ui_message(ui, false, _("%s from %s: already here, nothing changed"),
		    s->files.v[s->sel].name, r.origin_unit);
	else
		ui_message(ui, false, _("%s from %s: added %llu, changed %llu, skipped %llu, "
		    "conflicts %llu"), s->files.v[s->sel].name, r.origin_unit,
		    (unsigned long long)r.added, (unsigned long long)r.changed,
		    (unsigned long long)r.skipped, (unsigned long long)r.conflicts);
	free(path);
}

/* The typed directory (the form's one field). */
static int
dir_form_save(struct ui *ui, struct form *f, char *why, size_t len)
{
	struct sync *s = sync_ui(ui);
	char *dir = form_dup(f, 0);
	int rc;

	if (dir == NULL) {
		snprintf(why, len, "%s", _("Directory: empty"));
		return -1;
	}
	rc = s->op == OP_EXPORT ? run_export(ui, s, dir, why, len) :
	    open_files(ui, s, dir, why, len);
	free(dir);
	return rc;
}

static void
dir_form_open(struct ui *ui, struct sync *s)
{
	const char *home = getenv("HOME");

	form_open(&ui->form, s->op == OP_EXPORT ? _("Export: the directory to write the "
	    "bundle to (Enter writes, Escape leaves)") : _("Import: the directory holding "
	    "the bundles (Enter lists them, Escape leaves)"), dir_form_save, NULL, NULL);
	form_add(&ui->form, _("Directory"), FORM_TEXT, s->dir != NULL ? s->dir : home,
	    SYNC_DIR_MAX);
}

/* The chooser of directories: a mount, or the last line, a path to type. */
static void
dir_accept(struct ui *ui, struct chooser *c)
{
	struct sync *s = sync_ui(ui);
	char why[1024] = "";
	int rc;

	if (c->cur >= (int)s->mounts.n) {
		dir_form_open(ui, s);
		return;
	}
	rc = s->op == OP_EXPORT ? run_export(ui, s, s->mounts.v[c->cur].name, why, sizeof why) :
	    open_files(ui, s, s->mounts.v[c->cur].name, why, sizeof why);
	if (rc != 0)
		ui_message(ui, true, "%s", why);
}

static void
dir_choose(struct ui *ui, struct sync *s, const char *title)
{
	static const char *items[CHOOSE_MAX];
	char *roots[2];
	int n = 0;

	syncf_list_free(&s->mounts);
	syncf_mount_roots(NULL, roots);
	syncf_mounts(roots, 2, &s->mounts);
	free(roots[0]);
	free(roots[1]);
	if (s->mounts.n == 0) {
		/* no stick mounted: straight to the path */
		dir_form_open(ui, s);
		return;
	}
	/* the last line is the typed path's: the mounts beyond the chooser's room are left */
	while (s->mounts.n > CHOOSE_MAX - 1)
		free(s->mounts.v[--s->mounts.n].name);
	for (size_t i = 0; i < s->mounts.n; i++)
		items[n++] = s->mounts.v[i].name;
	items[n++] = _("another directory (type its path)");
	choose_open(&ui->choose, title, items, n, false, dir_accept);
}

static void
start_export(struct ui *ui, struct sync *s)
{
	static char title[256];

	if (s->npeers == 0) {
		ui_message(ui, true, "%s", _("export: no peers (kezdesu peer add FILE)"));
		return;
	}
	if (s->sel < 0 || (size_t)s->sel >= s->npeers)
		s->sel = 0;
	s->op = OP_EXPORT;
	s->peer = s->peers[s->sel].node;
	snprintf(title, sizeof title, _("Export for %s: where to write the bundle"),
	    s->peers[s->sel].unit);
	dir_choose(ui, s, title);
}

/* ---- resolving a conflict (core/conflict.h: one change that syncs, one transaction) ---- */

static const struct conflict *
selected_conflict(struct sync *s, struct ui *ui)
{
	if (s->mode != SM_CONFLICTS) {
		ui_message(ui, false, "%s", _("c lists the conflicts first"));
		return NULL;
	}
	if (s->sel < 0 || (size_t)s->sel >= s->conflicts.n) {
		ui_message(ui, false, "%s", _("no conflict to resolve"));
		return NULL;
	}
	return (const struct conflict *)s->conflicts.items + s->sel;
}

static int
resolve(struct ui *ui, enum conflict_keep keep, const char *value, char *why, size_t len)
{
	struct sync *s = sync_ui(ui);
	struct kz_error e = { 0 };

	ui_saving(ui);
	if (conflict_resolve(ui->store, &s->conflict, keep, value, &e) != 0) {
		snprintf(why, len, "%s", e.msg);
		return -1;
	}
	s->stale = true;
	ui_message(ui, false, "%s", keep == CONFLICT_KEEP_THEIRS ?
	    _("conflict resolved: the value that lost is written back (it goes with the next "
	    "bundles)") : keep == CONFLICT_KEEP_MINE ? _("conflict resolved: the record's value "
	    "is kept") : _("conflict resolved: the value given is written (it goes with the "
	    "next bundles)"));
	return 0;
}

static void
resolve_confirmed(struct ui *ui, enum conflict_keep keep)
{
	char why[600];

	if (resolve(ui, keep, NULL, why, sizeof why) != 0)
		ui_message(ui, true, "%s", why);
}

static void
keep_theirs(struct ui *ui)
{
	resolve_confirmed(ui, CONFLICT_KEEP_THEIRS);
}

static void
keep_mine(struct ui *ui)
{
	resolve_confirmed(ui, CONFLICT_KEEP_MINE);
}

static int
value_form_save(struct ui *ui, struct form *f, char *why, size_t len)
{
	char *v = form_dup(f, 0);
	int rc = resolve(ui, CONFLICT_KEEP_VALUE, v != NULL ? v : "", why, len);

	free(v);
	return rc;
}

static void
start_resolve(struct sync *s, struct ui *ui, enum action_id a)
{
	const struct conflict *c = selected_conflict(s, ui);
	char rec[80], *v;

	if (c == NULL)
		return;
	s->conflict = c->id;
	record_words(c->record, rec, sizeof rec);
	if (a == A_SYNC_KEEP_VALUE) {
		static char title[300];

		snprintf(title, sizeof title, _("Another value for %s %s (empty: cleared; Enter "
		    "writes, Escape leaves)"), conflict_kind_name(c->kind),
		    c->field != NULL ? c->field : "");
		form_open(&ui->form, title, value_form_save, NULL, NULL);
		form_add(&ui->form, _("Value"), FORM_TEXT, NULL, 4000);
		return;
	}
	v = conflict_value(c);
	if (a == A_SYNC_KEEP_THEIRS)
		snprintf(s->confirm, sizeof s->confirm, _("write back %s into %s %s?"), v,
		    c->field != NULL ? c->field : "", rec);
	else
		snprintf(s->confirm, sizeof s->confirm, _("keep the value %s %s has now, and "
		    "drop %s?"), rec, c->field != NULL ? c->field : "", v);
	free(v);
	ui_confirm(ui, s->confirm, a == A_SYNC_KEEP_THEIRS ? keep_theirs : keep_mine);
}

/* ---- actions ---- */

static bool
sync_action(struct pane *p, struct ui *ui, enum action_id a)
{
	struct sync *s = sync_of(p);
	int n, page = p->rows > 4 ? (p->rows - 3) / (s->mode == SM_FILES ? 1 : 2) : 1;

	sync_load(s, ui);
	n = s->mode == SM_PEERS ? (int)s->npeers : s->mode == SM_CONFLICTS ?
	    (int)s->conflicts.n : (int)s->files.n;
	switch (a) {
	case A_UP:
		if (s->sel > 0)
			s->sel--;
		return true;
	case A_DOWN:
		if (s->sel + 1 < n)
			s->sel++;
		return true;
	case A_PAGE_UP:
		s->sel = s->sel > page ? s->sel - page : 0;
		return true;
	case A_PAGE_DOWN:
		s->sel = s->sel + page < n ? s->sel + page : n - 1;
		if (s->sel < 0)
			s->sel = 0;
		return true;
	case A_FIRST:
		s->sel = 0;
		return true;
	case A_LAST:
		s->sel = n > 0 ? n - 1 : 0;
		return true;
	case A_OPEN:
		if (s->mode == SM_FILES)
			run_import(ui, s);
		else if (s->mode == SM_PEERS)
			ui_message(ui, false, "%s", _("e exports for the selected peer, i imports, "
			    "c lists the conflicts"));
		return true;
	case A_SYNC_EXPORT:
		if (s->mode != SM_PEERS) {
			s->mode = SM_PEERS;
			s->sel = s->top = 0;
		}
		start_export(ui, s);
		return true;
	case A_SYNC_IMPORT:
		s->op = OP_IMPORT;
		dir_choose(ui, s, _("Import: where are the bundles"));
		return true;
	case A_SYNC_CONFLICTS:
		s->mode = SM_CONFLICTS;
		s->sel = s->top = 0;
		ui->all_dirty = true;
		return true;
	case A_SYNC_KEEP_THEIRS:
	case A_SYNC_KEEP_MINE:
	case A_SYNC_KEEP_VALUE:
		start_resolve(s, ui, a);
		return true;
	case A_SYNC_BACK:
		if (s->mode != SM_PEERS) {
			s->mode = SM_PEERS;
			s->sel = s->top = 0;
			ui->all_dirty = true;
		}
		return true;
	default:
		return false;
	}
}

static void
sync_free(struct pane *p)
{
	struct sync *s = p->data;

	if (s == NULL)
		return;
	sync_clear(s);
	syncf_list_free(&s->mounts);
	syncf_list_free(&s->files);
	free(s->dir);
	free(s);
	p->data = NULL;
}

const struct pane_ops pane_sync_ops = {
	.title = N_("Sync"),
	.context = KM_SYNC,
	.draw = sync_draw,
	.action = sync_action,
	.reload = sync_reload,
	.free = sync_free,
};
