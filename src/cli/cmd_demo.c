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

int
cmd_demo(struct cli *c)
{
	struct node n;

	if (cli_open(c, 0) != 0 || office_node(c->office, &n, &c->err) != 0) {
		cli_close(c);
		if (office_create_dir(c->db, NULL, &c->err) != 0 ||
		    cli_open(c, OFFICE_CREATE) != 0 || demo_build(c->store, &c->err) != 0)
			return cli_fail(c);
		out_textf(stdout, "demo store made in %s", c->db);
		fputs("\n\n", stdout);
	}
	return cmd_overview(c);
}

int
cmd_overview(struct cli *c)
{
	struct rec_array visits = { 0 }, issues = { 0 };
	struct rules_findings due = { 0 };
	struct compliance cp;
	struct unit_names nm;
	kz_date today = compliance_today();
	struct node n;
	char date[11];
	size_t shown = 0;

	if (cli_open(c, 0) != 0 || office_node(c->office, &n, &c->err) != 0 ||
	    visit_list(c->store, today, today + 60, &visits, &c->err) != 0 ||
	    issue_list_by_deadline(c->store, DATE_NONE, &issues, &c->err) != 0)
		return cli_fail(c);
	unit_names_load(c->store, n.unit, c->lang, &nm);
	date_format(today, date);
	out_textf(stdout, "Store %s, office of %s (%s), today %s", c->db,
	    unit_names_get(&nm, n.unit), n.unit, date);
	printf("\n\nUpcoming visits (60 days):\n");
	for (size_t i = 0; i < visits.n && shown < 15; i++, shown++) {
		const struct visit *v = (const struct visit *)visits.items + i;

		date_format(v->date, date);
		out_textf(stdout, "  %s %-5s %-9s %s → %s", date, v->time ? v->time : "",
		    visit_status_names[v->status], unit_names_get(&nm, v->akim),
		    unit_names_get(&nm, v->target));
		putchar('\n');
	}
	if (visits.n > shown)
		printf("  … and %zu more (kezdesu visit list)\n", visits.n - shown);
	printf("\nOpen issues by deadline:\n");
	shown = 0;
	for (size_t i = 0; i < issues.n && shown < 15; i++) {
		const struct issue *is = (const struct issue *)issues.items + i;

		if (is->status != ISSUE_NEW && is->status != ISSUE_IN_WORK &&
		    is->status != ISSUE_ESCALATED)
			continue;
		date_format(is->deadline, date);
		out_textf(stdout, "  %s %-9s %s — %s", date, issue_status_names[is->status],
		    is->title, is->executor ? is->executor : "");
		putchar('\n');
		shown++;
	}
	if (compliance_due(c->store, today, RULES_DUE_AHEAD, &cp, &due, &c->err) != 0) {
		unit_names_free(&nm);
		rec_array_free(&visit_kind, &visits);
		rec_array_free(&issue_kind, &issues);
		return cli_fail(c);
	}
	printf("\nDue in %d days or overdue (kezdesu due):\n", RULES_DUE_AHEAD);
	cli_due_text(&nm, &cp, &due, 8);
	rules_findings_free(&due);
	compliance_free(&cp);
	unit_names_free(&nm);
	printf("\nkezdesu --help lists the commands.\n");
	rec_array_free(&visit_kind, &visits);
	rec_array_free(&issue_kind, &issues);
	return 0;
}
