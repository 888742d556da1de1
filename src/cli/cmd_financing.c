/*
 * kezdesu financing: the problem issues that need financing at a session of the
 * maslikhat and have no decision yet, with their amounts and the total, and the decisions
 * a session took. The issues are recorded with issue set --needs-session yes --amount N
 * --session-date D, and the session's decision with --decision TEXT.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "core/issue.h"
#include "core/unit_names.h"
#include "util/i18n.h"

enum { O_SESSION = 256, O_FORMAT };

static const char *const financing_cols[] = {
	"id", "unit", "amount", "session_date", "status", "title", "decision", NULL
};

/* 12500000 as "12 500 000": tenge as a clerk reads them. */
static void
print_tenge(int64_t n)
{
	char d[32];
	int len = snprintf(d, sizeof d, "%lld", (long long)n);

	for (int i = 0; i < len; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			putchar(' ');
		putchar(d[i]);
	}
	fputs(_(" tenge"), stdout);
}

static void
print_issue_line(const struct unit_names *nm, const struct issue *is, bool decision)
{
	char sd[11];

	fputs("  ", stdout);
	if (is->unit[0] != '\0')
		out_textf(stdout, "%s %s%s", is->unit, unit_names_get(nm, is->unit),
		    decision ? "" : "  ");
	if (!decision) {
		print_tenge(is->amount);
		date_format(is->session_date, sd);
		printf(_(", session %s"), sd[0] ? sd : "not set");
	}
	out_textf(stdout, "  «%s»", is->title ? is->title : "");
	if (decision)
		out_textf(stdout, ": %s", is->decision);
	putchar('\n');
	{
		char id[UID_STRLEN];

		uid_format(&is->id, id);
		printf("    %s\n", id);
	}
}

int
cmd_financing(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "session", required_argument, NULL, O_SESSION },
		{ "format", required_argument, NULL, O_FORMAT },
		{ NULL, 0, NULL, 0 }
	};
	const char *cmd = "financing";
	enum out_format fmt = OUT_TEXT;
	kz_date session = DATE_NONE;
	struct rec_array a = { 0 };
	struct issue *is;
	size_t pending = 0, unset, decided = 0;
	int64_t total = 0;
	int ch;

	optind = 0;
	while ((ch = cli_getopt(cmd, argc, argv, opts)) != -1) {
		if (ch == O_SESSION && arg_date(cmd, "--session", optarg, &session) == 0)
			continue;
		if (ch == O_FORMAT && arg_format(cmd, optarg, &fmt) == 0)
			continue;
		return EXIT_USAGE;
	}
	if (optind != argc)
		return cli_usage(cmd, _("unexpected argument '%s'"), argv[optind]);
	if (cli_open(c, 0) != 0 || issue_list(c->store, -1, &a, &c->err) != 0)
		return cli_fail(c);
	/*
	 * The list: the issues still owed a decision (of the session given, or of any);
	 * with --session also the decisions that session took.
	 */
	unset = issue_financing(&a, session);
	is = a.items;
	if (fmt != OUT_TEXT) {
		out_records(stdout, fmt, issue_kind.desc, a.items, a.n, financing_cols);
		rec_array_free(&issue_kind, &a);
		return 0;
	}
	{
		const struct unit_names *nm = cli_names(c);
		char sd[11];

		date_format(session, sd);
		if (session != DATE_NONE)
			printf(_("Financing for the maslikhat's session of %s (A-2):\n"), sd);
		else
			printf(_("Problem issues that need financing by the maslikhat, no decision "
			    "yet (A-2):\n"));
		for (size_t k = 0; k < a.n; k++)
			if (issue_needs_decision(&is[k])) {
				print_issue_line(nm, &is[k], false);
				pending++;
				total += is[k].amount;
			}
		if (pending == 0)
			printf(_("  none\n"));
		else {
			printf(ngettext("  %zu issue, total ", "  %zu issues, total ", pending), pending);
			print_tenge(total);
			putchar('\n');
		}
		if (unset > 0)
			printf(_("  %zu more need financing with no session date set (kezdesu "
			    "financing lists them; issue set UUID --session-date D)\n"), unset);
		if (session != DATE_NONE) {
			printf(_("\nDecisions of the session of %s:\n"), sd);
			for (size_t k = 0; k < a.n; k++)
				if (!issue_needs_decision(&is[k])) {
					print_issue_line(nm, &is[k], true);
					decided++;
				}
			if (decided == 0)
				printf(_("  none recorded (issue set UUID --decision TEXT)\n"));
		}
	}
	rec_array_free(&issue_kind, &a);
	return 0;
}
