/*
 * The Intake pane, read-only in this version: the selected meeting (Enter in Visits) with
 * its details, and its questions with the time each was asked, one page at a time
 * through core/view.h, the newest last. The second wave adds the editor and meeting mode.
 */
#include <stdlib.h>
#include <string.h>

#include "core/compliance.h"
#include "core/date.h"
#include "core/question.h"
#include "core/view.h"
#include "core/visit.h"
#include "ui/pane.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

/* The office's offset from UTC (Kazakhstan, UTC+5 since 1 March 2024; core/rules.h). */
#define INTAKE_UTC_OFFSET_MIN (5 * 60)
/* Lines above the questions: the meeting's details. */
#define INTAKE_HEAD 3

struct intake {
	struct list list;
	struct visit visit;
	bool have_visit;
	struct kz_uuid loaded;
};

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
		p->data = in;
	}
	return p->data;
}

static size_t
intake_rows(const struct pane *p)
{
	return p->rows > INTAKE_HEAD + 1 ? (size_t)p->rows - INTAKE_HEAD : 1;
}

static void
intake_refresh(struct pane *p, struct ui *ui)
{
	struct intake *in = intake_of(p);
	struct kz_error e = { 0 };

	visit_free(&in->visit);
	visit_init(&in->visit);
	in->have_visit = false;
	list_free(&in->list);
	memset(&in->list.cur, 0, sizeof in->list.cur);
	if (uid_is_nil(&ui->visit))
		return;
	if (visit_get(ui->store, &ui->visit, &in->visit, &e) != 0) {
		ui_message(ui, true, "%s", e.msg);
		return;
	}
	in->have_visit = true;
	/* the newest page, the newest question selected: where the meeting is now */
	list_load(&in->list, ui, PAGE_LAST, intake_rows(p));
	in->list.sel = (int)in->list.items.n - 1;
}

static void
intake_draw(struct pane *p, struct ui *ui, WINDOW *w)
{
	struct intake *in = intake_of(p);
	const struct visit *v = &in->visit;
	int rows, cols, y;
	char line[1024], date[11], when[17];

	getmaxyx(w, rows, cols);
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
	ui_put(w, 2, 0, cols, _("time   question"), A_UNDERLINE);
	if (in->list.items.n == 0)
		ui_put(w, INTAKE_HEAD, 0, cols, _("no questions logged at this meeting"), A_NORMAL);
	y = INTAKE_HEAD;
	for (size_t i = 0; i < in->list.items.n && y < rows; i++, y++) {
		const struct question *q = (const struct question *)in->list.items.items + i;
		attr_t a = (int)i == in->list.sel ? A_REVERSE : A_NORMAL;

		date_format_time(q->asked_ms, INTAKE_UTC_OFFSET_MIN, when);
		snprintf(line, sizeof line, "%-6.5s %s%s%s", when + 11, q->text,
		    q->topic != NULL ? " #" : "", q->topic != NULL ? q->topic : "");
		ui_put(w, y, 0, cols, line, a);
	}
}

static bool
intake_action(struct pane *p, struct ui *ui, enum action_id a)
{
	struct intake *in = intake_of(p);

	if (a == A_OPEN) {
		ui_message(ui, false, _("editing questions comes with meeting mode"));
		return false;
	}
	return list_action(&in->list, ui, a, intake_rows(p));
}

static void
intake_free(struct pane *p)
{
	struct intake *in = p->data;

	if (in == NULL)
		return;
	list_free(&in->list);
	visit_free(&in->visit);
	free(in);
	p->data = NULL;
}

const struct pane_ops pane_intake_ops = {
	.title = N_("Intake"),
	.context = KM_INTAKE,
	.draw = intake_draw,
	.action = intake_action,
	.reload = intake_refresh,
	.free = intake_free,
};
