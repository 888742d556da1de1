/*
 * The Visits pane: the meetings with the population by date, one page at a time around
 * today (upcoming and recent), each with its place named and its obligations marked in
 * words (P-4 announcement, A-3 publication, M-1 a past meeting not marked held); Enter
 * opens the meeting in Intake; c cancels it (one write through core); y shows the year's
 * coverage C-1..C-5, targets by period, each state a word; the forms are visit_forms.c's.
 */
#include <stdlib.h>
#include <string.h>

#include "core/announce.h"
#include "core/compliance.h"
#include "core/date.h"
#include "core/labels.h"
#include "core/view.h"
#include "core/visit.h"
#include "cli/out.h"
#include "ui/pane.h"
#include "ui/report_out.h"
#include "ui/visit_forms.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

struct visits {
	struct list list;
	bool year;			/* the year view instead of the list */
	int top;			/* the year view's first line */
	struct rules_findings cov;	/* the year view's coverage */
	int cov_year;
	/* the meeting to select at the next refresh (the Obligations view's Enter) */
	struct kz_uuid go_id;
	kz_date go_day;
};

static void year_load(struct visits *vs, struct ui *ui, int y);

static int
visits_page(struct ui *ui, struct view *v, struct rec_cursor *cur, enum rec_page_dir dir,
    size_t limit, struct rec_array *out)
{
	struct kz_error e = { 0 };

	if (view_visits(v, cur, dir, limit, out, &e) != 0) {
		ui_message(ui, true, "%s", e.msg);
		return -1;
	}
	return 0;
}

static struct visits *
visits_of(struct pane *p)
{
	if (p->data == NULL) {
		struct visits *vs = xcalloc(1, sizeof *vs);

		list_init(&vs->list, &visit_kind, visits_page);
		p->data = vs;
	}
	return p->data;
}

static const struct visit *
visit_at(struct visits *vs, size_t i)
{
	return (const struct visit *)vs->list.items.items + i;
}

/* The page that holds day (or the selected meeting), the meeting selected on it. */
static void
visits_refresh(struct pane *p, struct ui *ui)
{
	struct visits *vs = visits_of(p);
	struct list *l = &vs->list;
	size_t rows = p->rows > 1 ? (size_t)p->rows - 1 : 1;
	kz_date day = ui->today;
	const struct visit *sel = list_selected(l);
	struct kz_uuid want = { 0 };
	int guard = 0;

	if (sel != NULL) {
		day = sel->date;
		want = sel->id;
	}
	if (!uid_is_nil(&vs->go_id)) {
		day = vs->go_day;
		want = vs->go_id;
		memset(&vs->go_id, 0, sizeof vs->go_id);
	}
	l->sel = -1;
	memset(&l->cur, 0, sizeof l->cur);
	if (!list_load(l, ui, PAGE_LAST, rows))
		return;
	/* Meetings are a few hundred a year: stepping back page by page is cheap. */
	while (l->items.n > 0 && visit_at(vs, 0)->date > day && guard++ < 10000)
		if (!list_load(l, ui, PAGE_BEFORE, rows))
			break;
	if (l->items.n > 0 && visit_at(vs, l->items.n - 1)->date < day)
		list_load(l, ui, PAGE_AFTER, rows);
	/*
	 * Pages are cut from the newest back, so the oldest is the one that may be short:
	 * from the first meeting instead, a full page that still holds the day.
	 */
	if (l->items.n < rows)
		list_load(l, ui, PAGE_FIRST, rows);
	l->sel = l->items.n > 0 ? 0 : -1;
	for (size_t i = 0; i < l->items.n; i++)
		if (uid_cmp(&visit_at(vs, i)->id, &want) == 0 ||
		    (uid_is_nil(&want) && visit_at(vs, i)->date >= day)) {
			l->sel = (int)i;
			break;
		}
	if (vs->year)
		year_load(vs, ui, vs->cov_year);
}

void
visits_show_year(struct ui *ui, int year)
{
	struct visits *vs = visits_of(&ui->panes[PANE_VISITS]);

	year_load(vs, ui, year);
	vs->year = true;
	ui_show(ui, PANE_VISITS);
}

void
visits_show_visit(struct ui *ui, const struct kz_uuid *id, kz_date day)
{
	struct pane *p = &ui->panes[PANE_VISITS];
	struct visits *vs = visits_of(p);

	vs->go_id = *id;
	vs->go_day = day;
	vs->year = false;
	visits_refresh(p, ui);
	ui->visit = *id;
	ui_show(ui, PANE_VISITS);
}

static const char *
visit_status_word(int status)
{
	static const char *const words[VISIT_STATUS_COUNT] = {
		[VISIT_PLANNED] = N_("planned"), [VISIT_ANNOUNCED] = N_("announced"),
		[VISIT_HELD] = N_("held"), [VISIT_CANCELLED] = N_("cancelled"),
		[VISIT_MOVED] = N_("moved"),
	};

	return status >= 0 && status < VISIT_STATUS_COUNT ? _(words[status]) : "?";
}

static const char *
cov_word(enum rules_status s)
{
	switch (s) {
	case RULES_COV_HELD:
		return _("held");
	case RULES_COV_PLANNED:
		return _("planned");
	case RULES_COV_PAST:
		return _("PAST, NOT HELD");
	case RULES_COV_OPEN:
		return _("open");
	case RULES_MISSING:
		return _("MISSING");
	default:
		return rules_status_name(s);
	}
}

/* One line of the year view: a rule's target, its state in each period (-1: none). */
struct year_row {
	const char *rule;
	const char *target;
	const char *akim;
	int state[3];	/* RULES_YEAR, RULES_H1, RULES_H2 */
};

/* The coverage findings as a grid: targets down, the year and its halves across. */
static size_t
year_rows(const struct rules_findings *cov, struct year_row *rows, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < cov->n; i++) {
		const struct rules_finding *f = &cov->v[i];
		size_t r;

		for (r = 0; r < n; r++)
			if (strcmp(rows[r].rule, f->rule) == 0 &&
			    strcmp(rows[r].target, f->target) == 0 &&
			    strcmp(rows[r].akim, f->akim) == 0)
				break;
		if (r == n) {
			if (n == max)
				break;
			rows[n++] = (struct year_row){ .rule = f->rule, .target = f->target,
			    .akim = f->akim, .state = { -1, -1, -1 } };
		}
		if (f->period >= RULES_YEAR && f->period <= RULES_H2)
			rows[r].state[f->period] = (int)f->status;
	}
	return n;
}

static void
draw_year(struct visits *vs, struct ui *ui, WINDOW *w)
{
	int rows, cols, y = 0;
	char line[512], cell[3][64], pad[4][96];
	struct year_row *grid = xcalloc(vs->cov.n + 1, sizeof *grid);
	size_t n = year_rows(&vs->cov, grid, vs->cov.n);

	getmaxyx(w, rows, cols);
	snprintf(line, sizeof line, _("Coverage %d (C-1..C-5) as of today; y: back to the list"),
	    vs->cov_year);
	ui_put(w, y++, 0, cols, line, A_BOLD);
	/* columns padded by letters, not bytes: the words are Cyrillic in Kazakh and Russian */
	snprintf(line, sizeof line, "%s %s %s %s %s", out_pad(_("rule"), 4, pad[0], sizeof pad[0]),
	    out_pad(_("year"), 15, pad[1], sizeof pad[1]),
	    out_pad(_("1st half"), 15, pad[2], sizeof pad[2]),
	    out_pad(_("2nd half"), 15, pad[3], sizeof pad[3]), _("target"));
	ui_put(w, y++, 0, cols, line, A_UNDERLINE);
	for (size_t i = (size_t)vs->top; i < n && y < rows; i++) {
		bool bad = false;

		for (int c = 0; c < 3; c++) {
			snprintf(cell[c], sizeof cell[c], "%s", grid[i].state[c] < 0 ? "-" :
			    cov_word((enum rules_status)grid[i].state[c]));
			bad |= grid[i].state[c] == RULES_MISSING || grid[i].state[c] == RULES_COV_PAST;
		}
		char akim[256];

		/* ui_unit_name's buffer is reused: the akim's name copied first */
		snprintf(akim, sizeof akim, "%s", ui_unit_name(ui, grid[i].akim));
		snprintf(line, sizeof line, "%-4s %s %s %s %s (%s)", grid[i].rule,
		    out_pad(cell[0], 15, pad[1], sizeof pad[1]),
		    out_pad(cell[1], 15, pad[2], sizeof pad[2]),
		    out_pad(cell[2], 15, pad[3], sizeof pad[3]), ui_unit_name(ui, grid[i].target),
		    grid[i].target);
		snprintf(line + strlen(line), sizeof line - strlen(line), _("  akim: %s"), akim);
		ui_put(w, y++, 0, cols, line, bad ? A_BOLD : A_NORMAL);
	}
	if (n == 0)
		ui_put(w, y, 0, cols, _("no coverage to show: are the units imported?"), A_NORMAL);
	free(grid);
}

static void
visits_draw(struct pane *p, struct ui *ui, WINDOW *w)
{
	struct visits *vs = visits_of(p);
	int rows, cols;
	char line[1024], date[11], marks[256], st[64];

	getmaxyx(w, rows, cols);
	if (vs->year) {
		draw_year(vs, ui, w);
		return;
	}
	ui_put(w, 0, 0, cols, _("date       time  status     place, marks; akim"), A_BOLD);
	if (vs->list.items.n == 0)
		ui_put(w, 1, 0, cols, _("no meetings yet (kezdesu plan, or kezdesu visit add)"),
		    A_NORMAL);
	for (size_t i = 0; i < vs->list.items.n && (int)i + 1 < rows; i++) {
		const struct visit *v = visit_at(vs, i);
		attr_t a = (int)i == vs->list.sel ? A_REVERSE : A_NORMAL;

		date_format(v->date, date);
		ui_visit_marks(ui, &v->id, marks, sizeof marks);
		/* padded by letters, not bytes: a status is Cyrillic in Kazakh and Russian */
		snprintf(line, sizeof line, "%s %-5s %s %s (%s)%s%s", date,
		    v->time != NULL ? v->time : "",
		    out_pad(visit_status_word(v->status), 10, st, sizeof st),
		    ui_unit_name(ui, v->target), v->target, v->date == ui->today ?
		    _(" TODAY") : "", marks[0] ? " " : "");
		wmove(w, (int)i + 1, 0);
		if (a != A_NORMAL) {
			wattron(w, a);
			for (int x = 0; x < cols; x++)
				waddch(w, ' ');
			wattroff(w, a);
		}
		{
			int used = ui_put(w, (int)i + 1, 0, cols, line, a);
			char akim[256];

			used += ui_put(w, (int)i + 1, used, cols - used, marks,
			    a | (ui->color && strstr(marks, _("OVERDUE")) ? COLOR_PAIR(1) : 0) |
			    (marks[0] ? A_BOLD : 0));
			/*
			 * Who holds it, after the marks so that a narrow pane keeps those: a
			 * district's list mixes its own akim's and the okrug akims' meetings.
			 */
			snprintf(akim, sizeof akim, _("  akim: %s"), ui_unit_name(ui, v->akim));
			ui_put(w, (int)i + 1, used, cols - used, akim, a);
		}
		/* the venue is text from the store: sanitised by ui_put like the rest */
		if (v->venue != NULL && v->venue[0] != '\0' && cols > 60 &&
		    (int)i == vs->list.sel) {
			char venue[600];

			snprintf(venue, sizeof venue, _("venue: %s"), v->venue);
			ui_put(w, rows - 1, 0, cols, venue, A_NORMAL);
		}
	}
}

static int
cancel_fn(struct visit *v, void *arg, struct kz_error *e)
{
	(void)arg;
	(void)e;
	v->status = VISIT_CANCELLED;
	return 0;
}

static void
cancel_confirmed(struct ui *ui)
{
	struct kz_error e = { 0 };

	if (visit_modify(ui->store, &ui->visit, cancel_fn, NULL, &e) != 0)
		ui_message(ui, true, "%s", e.msg);
	else
		ui_message(ui, false, _("the meeting is cancelled (saved)"));
}

/*
 * P-3, P-4: the announcement: its channels marked in a chooser, then its day in a form
 * (today to start with, another when it is recorded late), saved inside visit_modify.
 */
struct announce {
	char *channels;
	kz_date on;
};

static void
announce_free(void *arg)
{
	struct announce *an = arg;

	free(an->channels);
	free(an);
}

static int
announce_fn(struct visit *v, void *arg, struct kz_error *e)
{
	struct announce *an = arg;

	(void)e;
	if (v->status == VISIT_PLANNED)
		v->status = VISIT_ANNOUNCED;
	v->announced_on = an->on;
	free(v->channels);
	v->channels = xstrdup(an->channels);
	return 0;
}

static int
announce_save(struct ui *ui, struct form *f, char *why, size_t len)
{
	struct announce *an = f->arg;
	struct kz_error e = { 0 };
	char date[11], words[400];

	form_date(f, 0, &an->on);
	if (an->on == DATE_NONE)
		an->on = ui->today;
	/* the day it went out: one to come has not happened (P-4 counts what was done) */
	if (an->on > ui->today) {
		snprintf(why, len, _("%s: a day ahead of today; the announcement is recorded "
		    "when it went out"), f->fields[0].label);
		return -1;
	}
	if (visit_modify(ui->store, &ui->visit, announce_fn, an, &e) != 0) {
		snprintf(why, len, "%s", e.msg);
		return -1;
	}
	date_format(an->on, date);
	label_list(announce_channel_names, AC_COUNT, an->channels, words, sizeof words);
	if (an->on == ui->today)
		ui_message(ui, false, _("announced today through %s (saved)"), words);
	else
		ui_message(ui, false, _("announced on %s through %s (saved)"), date, words);
	return 0;
}

static void
announce_accept(struct ui *ui, struct chooser *c)
{
	struct announce *an = xcalloc(1, sizeof *an);
	struct kz_error e = { 0 };
	size_t len = 0;
	char today[11];

	an->channels = xstrdup("");
	for (int i = 0; i < c->n; i++) {
		if (!c->marked[i])
			continue;
		an->channels = xrealloc(an->channels, len + strlen(announce_channel_names[i]) + 2);
		len += (size_t)sprintf(an->channels + len, "%s%s", len > 0 ? "," : "",
		    announce_channel_names[i]);
	}
	/* core's one line for an empty list or a bad name: the chooser stays for another try */
	if (announce_channels_normalise(&an->channels, &e) != 0) {
		ui_message(ui, true, "%s", e.msg);
		c->open = true;
		announce_free(an);
		return;
	}
	date_format(ui->today, today);
	form_open(&ui->form, _("Announced (P-4) on: Enter saves"), announce_save, an,
	    announce_free);
	form_add(&ui->form, _("Announced on"), FORM_DATE, today, 10);
}

static void
announce_open(struct ui *ui, const struct visit *v)
{
	const char *titles[AC_COUNT];

	for (int i = 0; i < AC_COUNT; i++)
		titles[i] = _(announce_channel_titles[i]);
	ui->visit = v->id;
	choose_open(&ui->choose, _("Announced through (P-3): Space marks, Enter then asks the day"), titles, AC_COUNT, true,
	    announce_accept);
	/* the channels recorded already are marked */
	for (const char *p = v->channels; p != NULL && *p != '\0';) {
		const char *end = strchr(p, ',');
		size_t n = end != NULL ? (size_t)(end - p) : strlen(p);
		int ch = announce_channel_find(p, n);

		if (ch >= 0 && ch < ui->choose.n)
			ui->choose.marked[ch] = true;
		p += n + (end != NULL);
	}
}

static void
year_load(struct visits *vs, struct ui *ui, int y)
{
	struct compliance c;
	struct kz_error e = { 0 };

	rules_findings_free(&vs->cov);
	vs->cov_year = y;
	vs->top = 0;
	if (compliance_load(ui->store, date_from_ymd(y, 1, 1), date_from_ymd(y + 1, 1, 1), y, y,
	    &c, &e) != 0) {
		ui_message(ui, true, "%s", e.msg);
		return;
	}
	if (rules_check_coverage_on(c.tree, c.office, true, y, ui->today, c.rv, c.visits.n,
	    &vs->cov) != 0)
		ui_message(ui, true, _("unit %s: not an akim's unit, or its units are not imported"),
		    c.office);
	compliance_free(&c);
}

static bool
visits_action(struct pane *p, struct ui *ui, enum action_id a)
{
	struct visits *vs = visits_of(p);
	size_t rows = p->rows > 1 ? (size_t)p->rows - 1 : 1;
	const struct visit *v;

	if (vs->year) {
		if (a == A_YEAR_VIEW) {
			vs->year = false;
		} else if (a == A_UP || a == A_PAGE_UP) {
			vs->top = vs->top > (int)(a == A_UP ? 1 : rows) ? vs->top -
			    (int)(a == A_UP ? 1 : rows) : 0;
		} else if (a == A_DOWN || a == A_PAGE_DOWN) {
			if ((size_t)vs->top + (a == A_DOWN ? 1 : rows) < vs->cov.n)
				vs->top += (int)(a == A_DOWN ? 1 : rows);
		} else if (a == A_FIRST) {
			vs->top = 0;
		} else
			return false;
		return true;
	}
	if (list_action(&vs->list, ui, a, rows))
		return true;
	switch (a) {
	case A_YEAR_VIEW: {
		int y, m, d;

		date_to_ymd(ui->today, &y, &m, &d);
		year_load(vs, ui, y);
		vs->year = true;
		return true;
	}
	case A_OPEN:
		if ((v = list_selected(&vs->list)) == NULL)
			return false;
		ui->visit = v->id;
		ui->panes[PANE_INTAKE].ops->reload(&ui->panes[PANE_INTAKE], ui);
		ui_show(ui, PANE_INTAKE);
		return true;
	case A_VISIT_ANNOUNCE:
		if ((v = list_selected(&vs->list)) == NULL) {
			ui_message(ui, true, _("no meeting selected"));
			return false;
		}
		if (v->status == VISIT_HELD || v->status == VISIT_CANCELLED) {
			ui_message(ui, true, _("this meeting is %s: there is nothing to announce"),
			    visit_status_word(v->status));
			return false;
		}
		announce_open(ui, v);
		return true;
	case A_VISIT_ADD:
		visit_form_add(ui);
		return true;
	case A_VISIT_EDIT:
	case A_VISIT_MOVE:
	case A_VISIT_HELD:
	case A_VISIT_ATTENDANCE:
	case A_VISIT_RECEPTION:
	case A_VISIT_POOL:
		if ((v = list_selected(&vs->list)) == NULL) {
			ui_message(ui, true, _("no meeting selected"));
			return false;
		}
		/* core refuses the rest (a reception before the meeting is held...) */
		if (v->status == VISIT_CANCELLED || (v->status == VISIT_HELD &&
		    (a == A_VISIT_EDIT || a == A_VISIT_MOVE))) {
			ui_message(ui, true, _("this meeting is %s: it cannot be changed so"),
			    visit_status_word(v->status));
			return false;
		}
		ui->visit = v->id;
		if (a == A_VISIT_EDIT)
			visit_form_edit(ui, v);
		else if (a == A_VISIT_MOVE)
			visit_form_move(ui, v);
		else if (a == A_VISIT_HELD)
			visit_form_held(ui, v);
		else if (a == A_VISIT_ATTENDANCE)
			visit_form_attendance(ui, v);
		else if (a == A_VISIT_RECEPTION)
			visit_form_reception(ui, v);
		else
			visit_pool_open(ui, v);
		return true;
	case A_VISIT_COMMENTS:
		if ((v = list_selected(&vs->list)) == NULL) {
			ui_message(ui, true, _("no meeting selected"));
			return false;
		}
		/* B-1: core says the same on each save; said here before anything is typed */
		if (v->status != VISIT_HELD) {
			ui_message(ui, true, _("this meeting is %s: comments from its broadcast "
			    "come once it is held (B-1)"), visit_status_word(v->status));
			return false;
		}
		if (v->broadcast == NULL || v->broadcast[0] == '\0') {
			ui_message(ui, true, _("this meeting has no broadcast recorded: its links "
			    "go in the held form first (B-1)"));
			return false;
		}
		ui->visit = v->id;
		visit_form_comments(ui, v);
		return true;
	case A_VISIT_REPORT:	/* the results of the selected meeting, to a file */
		if ((v = list_selected(&vs->list)) == NULL) {
			ui_message(ui, true, _("no meeting selected"));
			return false;
		}
		ui_report_results(ui, &v->id, v->date);
		return true;
	case A_VISIT_CANCEL:
		if ((v = list_selected(&vs->list)) == NULL) {
			ui_message(ui, true, _("no meeting selected"));
			return false;
		}
		if (v->status == VISIT_HELD || v->status == VISIT_CANCELLED) {
			ui_message(ui, true, _("this meeting is %s: it cannot be cancelled"),
			    visit_status_word(v->status));
			return false;
		}
		ui->visit = v->id;
		ui_confirm(ui, _("Cancel the selected meeting?"), cancel_confirmed);
		return true;
	default:
		return false;
	}
}

static void
visits_free(struct pane *p)
{
	struct visits *vs = p->data;

	visit_forms_free();
	if (vs == NULL)
		return;
	list_free(&vs->list);
	rules_findings_free(&vs->cov);
	free(vs);
	p->data = NULL;
}

const struct pane_ops pane_visits_ops = {
	.title = N_("Visits"),
	.context = KM_VISITS,
	.draw = visits_draw,
	.action = visits_action,
	.reload = visits_refresh,
	.free = visits_free,
};
