/*
 * The Obligations view: what `kezdesu due` lists (core compliance_due: what falls due
 * within RULES_DUE_AHEAD days, and everything overdue), one line each with its rule, its
 * state in words and what it concerns. Reached from any pane (pane-obligations); Enter
 * leads to what a line concerns: the issue (Triage, opened), the meeting (selected in
 * Visits), or the calendar year (the Visits year view).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/compliance.h"
#include "core/date.h"
#include "core/issue.h"
#include "core/visit.h"
#include "ui/pane.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

struct obligations {
	struct compliance c;
	bool loaded;
	struct rules_findings f;
	int sel, top;
	bool stale;		/* the store changed: load again when next shown */
};

static struct obligations *
ob_of(struct pane *p)
{
	if (p->data == NULL) {
		struct obligations *o = xcalloc(1, sizeof *o);

		o->stale = true;
		p->data = o;
	}
	return p->data;
}

static void
ob_clear(struct obligations *o)
{
	rules_findings_free(&o->f);
	memset(&o->f, 0, sizeof o->f);
	if (o->loaded)
		compliance_free(&o->c);
	o->loaded = false;
}

/*
 * The frame reloads every pane on each commit; compliance_due reads the office's year, so
 * it is read when the view is shown, not for every commit while another pane is.
 */
static void
ob_reload(struct pane *p, struct ui *ui)
{
	(void)ui;
	ob_of(p)->stale = true;
}

static void
ob_load(struct obligations *o, struct ui *ui)
{
	struct kz_error e = { 0 };

	if (!o->stale)
		return;
	o->stale = false;
	ob_clear(o);
	if (compliance_due(ui->store, ui->today, RULES_DUE_AHEAD, &o->c, &o->f, &e) != 0) {
		ui_message(ui, true, "%s", e.msg);
		return;
	}
	o->loaded = true;
	if (o->sel >= (int)o->f.n)
		o->sel = (int)o->f.n - 1;
	if (o->sel < 0)
		o->sel = 0;
}

static const struct issue *
ob_issue(const struct obligations *o, const struct rules_finding *f)
{
	return f->issue >= 0 && (size_t)f->issue < o->c.issues.n ?
	    (const struct issue *)o->c.issues.items + f->issue : NULL;
}

static const struct visit *
ob_visit(const struct obligations *o, const struct rules_finding *f)
{
	return f->visit >= 0 && (size_t)f->visit < o->c.visits.n ?
	    (const struct visit *)o->c.visits.items + f->visit : NULL;
}

/* A coverage finding (C-*) concerns its year, even when a meeting counts for it. */
static bool
ob_is_year(const struct rules_finding *f)
{
	return f->rule[0] == 'C';
}

/* The state in words, never only in colour. */
static void
ob_state(const struct rules_finding *f, char *buf, size_t len)
{
	switch (f->status) {
	case RULES_OVERDUE:
		snprintf(buf, len, _("OVERDUE %dd"), f->days);
		break;
	case RULES_LATE:
		snprintf(buf, len, _("late %dd"), f->days);
		break;
	case RULES_PENDING:
		if (f->due == DATE_NONE)
			snprintf(buf, len, _("due"));
		else if (f->days == 0)
			snprintf(buf, len, _("due today"));
		else
			snprintf(buf, len, _("due in %dd"), f->days);
		break;
	default:
		snprintf(buf, len, "%s", rules_status_name(f->status));
		break;
	}
}

static void
ob_line(const struct obligations *o, struct ui *ui, const struct rules_finding *f,
    char *line, size_t len)
{
	const struct issue *is = ob_issue(o, f);
	const struct visit *v = ob_visit(o, f);
	char state[32], due[11] = "", about[600] = "";

	ob_state(f, state, sizeof state);
	if (f->due != DATE_NONE)
		date_format(f->due, due);
	if (is != NULL && f->step >= 0 && (size_t)f->step < is->nsteps)
		snprintf(about, sizeof about, _("issue «%s», step %d «%s»"),
		    is->title != NULL ? is->title : "", f->step + 1,
		    is->steps[f->step].text != NULL ? is->steps[f->step].text : "");
	else if (is != NULL)
		snprintf(about, sizeof about, _("issue «%s»"), is->title != NULL ? is->title : "");
	else if (v != NULL && !ob_is_year(f)) {
		char d[11];

		date_format(v->date, d);
		snprintf(about, sizeof about, _("meeting %s at %s"), d,
		    ui_unit_name(ui, v->target));
	} else if (f->year > 0)
		snprintf(about, sizeof about, _("year %d%s%s"), f->year,
		    f->target[0] != '\0' ? ", " : "",
		    f->target[0] != '\0' ? ui_unit_name(ui, f->target) : "");
	snprintf(line, len, "%-4s %-12s %-10s %s | %s", f->rule, state, due[0] ? due : "-",
	    about, f->what != NULL ? _(f->what) : "");
}

static void
ob_draw(struct pane *p, struct ui *ui, WINDOW *w)
{
	struct obligations *o = ob_of(p);
	int rows, cols;
	char line[1200];

	ob_load(o, ui);
	getmaxyx(w, rows, cols);
	snprintf(line, sizeof line, _("Obligations due within %d days and overdue: %zu "
	    "(Enter: what it concerns)"), RULES_DUE_AHEAD, o->f.n);
	ui_put(w, 0, 0, cols, line, A_BOLD);
	if (o->f.n == 0) {
		ui_put(w, 1, 0, cols, _("nothing due: every obligation is done"), A_NORMAL);
		return;
	}
	if (o->sel < o->top)
		o->top = o->sel;
	if (rows > 1 && o->sel >= o->top + rows - 1)
		o->top = o->sel - (rows - 2);
	for (int i = o->top, y = 1; i < (int)o->f.n && y < rows; i++, y++) {
		const struct rules_finding *f = &o->f.v[i];

		ob_line(o, ui, f, line, sizeof line);
		ui_put(w, y, 0, cols, line, (i == o->sel ? A_REVERSE : A_NORMAL) |
		    (f->status == RULES_OVERDUE ? A_BOLD | (ui->color ? COLOR_PAIR(1) : 0) : 0));
	}
}

static void
ob_open(struct obligations *o, struct ui *ui)
{
	const struct rules_finding *f;
	const struct issue *is;
	const struct visit *v;
	int y, m, d;

	if (o->sel < 0 || (size_t)o->sel >= o->f.n)
		return;
	f = &o->f.v[o->sel];
	if ((is = ob_issue(o, f)) != NULL) {
		struct kz_uuid id = is->id;

		triage_show_issue(ui, &id);
		return;
	}
	if ((v = ob_visit(o, f)) != NULL && !ob_is_year(f)) {
		struct kz_uuid id = v->id;

		visits_show_visit(ui, &id, v->date);
		return;
	}
	date_to_ymd(ui->today, &y, &m, &d);
	visits_show_year(ui, f->year > 0 ? f->year : y);
}

static bool
ob_action(struct pane *p, struct ui *ui, enum action_id a)
{
	struct obligations *o = ob_of(p);
	int rows = p->rows > 2 ? p->rows - 1 : 1;

	ob_load(o, ui);
	switch (a) {
	case A_UP:
		if (o->sel > 0)
			o->sel--;
		return true;
	case A_DOWN:
		if (o->sel + 1 < (int)o->f.n)
			o->sel++;
		return true;
	case A_PAGE_UP:
		o->sel = o->sel > rows ? o->sel - rows : 0;
		return true;
	case A_PAGE_DOWN:
		o->sel = o->sel + rows < (int)o->f.n ? o->sel + rows : (int)o->f.n - 1;
		if (o->sel < 0)
			o->sel = 0;
		return true;
	case A_FIRST:
		o->sel = 0;
		return true;
	case A_LAST:
		o->sel = o->f.n > 0 ? (int)o->f.n - 1 : 0;
		return true;
	case A_OPEN:
		ob_open(o, ui);
		return true;
	default:
		return false;
	}
}

static void
ob_free(struct pane *p)
{
	struct obligations *o = p->data;

	if (o == NULL)
		return;
	ob_clear(o);
	free(o);
	p->data = NULL;
}

const struct pane_ops pane_obligations_ops = {
	.title = N_("Obligations"),
	.context = KM_LIST,
	.draw = ob_draw,
	.action = ob_action,
	.reload = ob_reload,
	.free = ob_free,
};
