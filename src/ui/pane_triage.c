/*
 * The Triage pane, read-only in this version: the problem issues, one page at a time
 * through core/view.h, each with its status, deadline (OVERDUE in words when past and
 * still open), executor and unit. The second wave adds filters, search and the forms.
 */
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/issue.h"
#include "core/view.h"
#include "ui/pane.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

static int
triage_page(struct ui *ui, struct view *v, struct rec_cursor *cur, enum rec_page_dir dir,
    size_t limit, struct rec_array *out)
{
	struct kz_error e = { 0 };

	if (view_issues(v, -1, cur, dir, limit, out, &e) != 0) {
		ui_message(ui, true, "%s", e.msg);
		return -1;
	}
	return 0;
}

static struct list *
triage_of(struct pane *p)
{
	if (p->data == NULL) {
		struct list *l = xcalloc(1, sizeof *l);

		list_init(l, &issue_kind, triage_page);
		p->data = l;
	}
	return p->data;
}

static size_t
triage_rows(const struct pane *p)
{
	return p->rows > 2 ? (size_t)p->rows - 1 : 1;
}

static void
triage_refresh(struct pane *p, struct ui *ui)
{
	struct list *l = triage_of(p);
	int sel = l->sel;

	memset(&l->cur, 0, sizeof l->cur);
	list_load(l, ui, PAGE_LAST, triage_rows(p));
	l->sel = sel >= 0 && (size_t)sel < l->items.n ? sel : (int)l->items.n - 1;
}

static bool
issue_open(int status)
{
	return status == ISSUE_NEW || status == ISSUE_IN_WORK;
}

static void
triage_draw(struct pane *p, struct ui *ui, WINDOW *w)
{
	struct list *l = triage_of(p);
	int rows, cols;
	char line[1024], date[11];

	getmaxyx(w, rows, cols);
	ui_put(w, 0, 0, cols, _("status     deadline           executor / unit / title"), A_BOLD);
	if (l->items.n == 0)
		ui_put(w, 1, 0, cols, _("no problem issues"), A_NORMAL);
	for (size_t i = 0; i < l->items.n && (int)i + 1 < rows; i++) {
		const struct issue *is = (const struct issue *)l->items.items + i;
		bool overdue = is->deadline != DATE_NONE && is->deadline < ui->today &&
		    issue_open(is->status);
		attr_t a = (int)i == l->sel ? A_REVERSE : A_NORMAL;

		if (is->deadline != DATE_NONE)
			date_format(is->deadline, date);
		else
			snprintf(date, sizeof date, "-");
		snprintf(line, sizeof line, "%-10s %-10s %-8s %s | %s | %s",
		    is->status >= 0 && is->status < ISSUE_STATUS_COUNT ?
		    issue_status_names[is->status] : "?", date, overdue ? _("OVERDUE") : "",
		    is->executor != NULL ? is->executor : "-", ui_unit_name(ui, is->unit),
		    is->title != NULL ? is->title : "");
		ui_put(w, (int)i + 1, 0, cols, line,
		    a | (overdue ? A_BOLD | (ui->color ? COLOR_PAIR(1) : 0) : 0));
	}
}

static bool
triage_action(struct pane *p, struct ui *ui, enum action_id a)
{
	if (a == A_OPEN) {
		ui_message(ui, false, _("the issue form comes with the second version of Triage"));
		return false;
	}
	return list_action(triage_of(p), ui, a, triage_rows(p));
}

static void
triage_free(struct pane *p)
{
	if (p->data == NULL)
		return;
	list_free(p->data);
	free(p->data);
	p->data = NULL;
}

const struct pane_ops pane_triage_ops = {
	.title = N_("Triage"),
	.context = KM_TRIAGE,
	.draw = triage_draw,
	.action = triage_action,
	.reload = triage_refresh,
	.free = triage_free,
};
