/*
 * kezdesu --demo: builds the demo store (core/demo.c) when there is none and shows it; and
 * the overview that `kezdesu` shows without a command until the interface takes that over.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "core/compliance.h"
#include "core/demo.h"
#include "core/issue.h"
#include "core/node.h"
#include "core/office.h"
#include "core/unit_names.h"
#include "core/visit.h"
#include "util/i18n.h"

int
cmd_demo(struct cli *c)
{
	struct node n;
	int rc;

	if (cli_open(c, 0) != 0 || office_node(c->office, &n, &c->err) != 0) {
		cli_close(c);
		if (office_create_dir(c->db, NULL, &c->err) != 0 ||
		    cli_open(c, OFFICE_CREATE) != 0 || demo_build(c->store, &c->err) != 0)
			return cli_fail(c);
		out_textf(stdout, _("demo store made in %s"), c->db);
		fputs("\n\n", stdout);
	}
	/* c->err may still hold why the first open failed (no store yet): not this one's */
	if ((rc = cli_interface(c)) >= 0)
		return rc;
	return cmd_overview(c);
}

/* The meetings past their date and not marked held (M-1), from the obligations due. */
static void
overview_past(const struct unit_names *nm, const struct compliance *cp,
    const struct rules_findings *due)
{
	size_t n = 0, shown = 0;
	char date[11], pad[64];

	for (size_t i = 0; i < due->n; i++)
		n += strcmp(due->v[i].rule, RULES_PAST_NOT_HELD_RULE) == 0;
	if (n == 0)
		return;
	printf(_("\nMeetings past their date, not marked held (mark them held, moved or "
	    "cancelled):\n"));
	for (size_t i = 0; i < due->n && shown < 5; i++) {
		const struct rules_finding *f = &due->v[i];
		const struct visit *v;

		if (strcmp(f->rule, RULES_PAST_NOT_HELD_RULE) != 0 || f->visit < 0 ||
		    (size_t)f->visit >= cp->visits.n)
			continue;
		v = (const struct visit *)cp->visits.items + f->visit;
		date_format(v->date, date);
		out_textf(stdout, ngettext("  %s %s %s → %s, %d day ago",
		    "  %s %s %s → %s, %d days ago", f->days), date,
		    out_pad(_(visit_status_names[v->status]), 9, pad, sizeof pad), unit_names_get(nm, v->akim),
		    unit_names_get(nm, v->target), f->days);
		putchar('\n');
		shown++;
	}
	if (n > shown)
		printf(_("  … and %zu more (kezdesu due)\n"), n - shown);
}

/* the meetings held and not yet followed by a personal reception, from the due list. */
static void
overview_receptions(const struct unit_names *nm, const struct compliance *cp,
    const struct rules_findings *due)
{
	size_t n = 0, shown = 0;
	char date[11], by[11];

	for (size_t i = 0; i < due->n; i++)
		n += strcmp(due->v[i].rule, "A-1") == 0;
	if (n == 0)
		return;
	printf(_("\nReceptions due after meetings held (A-1; kezdesu reception add):\n"));
	for (size_t i = 0; i < due->n && shown < 5; i++) {
		const struct rules_finding *f = &due->v[i];
		const struct visit *v;

		if (strcmp(f->rule, "A-1") != 0 || f->visit < 0 ||
		    (size_t)f->visit >= cp->visits.n)
			continue;
		v = (const struct visit *)cp->visits.items + f->visit;
		date_format(v->date, date);
		date_format(f->due, by);
		out_textf(stdout, _("  meeting of %s %s → %s, reception by %s"), date,
		    unit_names_get(nm, v->akim), unit_names_get(nm, v->target), by);
		if (f->status == RULES_OVERDUE)
			printf(ngettext(" (%d day late)", " (%d days late)", f->days), f->days);
		else if (f->days == 0)
			printf(_(" (today)"));
		else
			printf(ngettext(" (%d day left)", " (%d days left)", f->days), f->days);
		putchar('\n');
		shown++;
	}
	if (n > shown)
		printf(_("  … and %zu more (kezdesu due)\n"), n - shown);
}

/*
 * The open issues by deadline (those without one last, and said so), each overdue one
 * marked with its days, and so each step overdue; how many were not shown.
 */
static void
overview_issues(const struct compliance *cp, kz_date today)
{
	size_t shown = 0, late = 0, nodl = 0;
	char date[11], pad[64], pad2[64];

	printf(_("\nOpen issues by deadline:\n"));
	for (size_t i = 0; i < cp->issues.n; i++) {
		const struct issue *is = (const struct issue *)cp->issues.items + i;
		bool over = is->deadline != DATE_NONE && is->deadline < today;

		late += over;
		nodl += is->deadline == DATE_NONE;
		if (shown >= 15)
			continue;
		date_format(is->deadline, date);
		out_textf(stdout, "  %s %s %s", out_pad(is->deadline == DATE_NONE ?
		    _("no deadline") : date, 11, pad2, sizeof pad2),
		    out_pad(_(issue_status_names[is->status]), 9, pad, sizeof pad), is->title);
		if (is->executor != NULL && is->executor[0] != '\0')
			out_textf(stdout, " — %s", is->executor);
		if (over)
			printf(ngettext(" (overdue by %d day)", " (overdue by %d days)",
			    (unsigned long)(today - is->deadline)), today - is->deadline);
		for (size_t k = 0; k < is->nsteps; k++)
			if (issue_step_overdue(&is->steps[k], today))
				printf(ngettext(" (step %zu overdue by %d day)",
				    " (step %zu overdue by %d days)",
				    (unsigned long)(today - is->steps[k].deadline)), k + 1,
				    today - is->steps[k].deadline);
		putchar('\n');
		shown++;
	}
	if (cp->issues.n == 0)
		printf(_("  none\n"));
	else if (cp->issues.n > shown)
		printf(_("  … and %zu more (kezdesu issue list); of all %zu open, %zu overdue, "
		    "%zu without a deadline\n"), cp->issues.n - shown, cp->issues.n, late, nodl);
	else
		printf(_("  %zu open, %zu overdue, %zu without a deadline\n"), cp->issues.n, late,
		    nodl);
}

int
cmd_overview(struct cli *c)
{
	struct rec_array visits = { 0 };
	struct rules_findings due = { 0 };
	struct compliance cp;
	const struct unit_names *nm;
	kz_date today = compliance_today();
	struct node n;
	char date[11], pad[64];
	size_t shown = 0;

	if (cli_open(c, 0) != 0 || office_node(c->office, &n, &c->err) != 0 ||
	    visit_list(c->store, today, today + 60, &visits, &c->err) != 0)
		return cli_fail(c);
	if (compliance_due(c->store, today, RULES_DUE_AHEAD, &cp, &due, &c->err) != 0) {
		rec_array_free(&visit_kind, &visits);
		return cli_fail(c);
	}
	nm = cli_names(c);
	date_format(today, date);
	out_textf(stdout, _("Store %s, office of %s (%s), today %s"), c->db,
	    unit_names_get(nm, n.unit), n.unit, date);
	printf(_("\n\nUpcoming visits (60 days):\n"));
	for (size_t i = 0; i < visits.n && shown < 15; i++, shown++) {
		const struct visit *v = (const struct visit *)visits.items + i;

		date_format(v->date, date);
		out_textf(stdout, "  %s %-5s %s %s → %s", date, v->time ? v->time : "",
		    out_pad(_(visit_status_names[v->status]), 9, pad, sizeof pad), unit_names_get(nm, v->akim),
		    unit_names_get(nm, v->target));
		putchar('\n');
	}
	if (visits.n > shown)
		printf(_("  … and %zu more (kezdesu visit list)\n"), visits.n - shown);
	overview_past(nm, &cp, &due);
	overview_receptions(nm, &cp, &due);
	overview_issues(&cp, today);
	printf(_("\nDue in %d days or overdue (kezdesu due):\n"), RULES_DUE_AHEAD);
	cli_due_text(nm, &cp, &due, 8);
	rules_findings_free(&due);
	compliance_free(&cp);
	printf(_("\nkezdesu --help lists the commands.\n"));
	rec_array_free(&visit_kind, &visits);
	return 0;
}
