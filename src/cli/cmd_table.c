/*
 * The commands, one row each (STYLE.md "A command is a table row"): `kezdesu --help`,
 * `kezdesu COMMAND [SUBCOMMAND] --help`, the usage line of bad usage and the man page's
 * synopsis (`kezdesu help --man-synopsis`, checked against docs/kezdesu.1 by
 * tests/cli/help.sh) all come from here, so the usage is written once.
 *
 * To add a command: add its rows (one per subcommand, in the order --help lists them) and
 * its entry in docs/kezdesu.1's COMMANDS.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cmd.h"
#include "util/i18n.h"

const struct cmd_entry cmd_table[] = {
	{ .name = "init", .usage = "--unit CODE [--group NAME]",
	  .help = N_("make a store for the office of unit CODE"), .exec = cmd_init },
	{ .name = "official", .usage = "[NAME]",
	  .help = N_("show or set your name in the change log (\"\" clears it)"),
	  .exec = cmd_official },
	{ .name = "units", .sub = "import", .usage = "FILE [--edition E] [--force]",
	  .help = N_("import the KATO classifier (CSV)"), .exec = cmd_units },
	{ .name = "units", .sub = "list", .usage = "[--under CODE] [--format tsv|json]",
	  .help = N_("units in code order"), .exec = cmd_units },
	{ .name = "units", .sub = "add",
	  .usage = "--parent CODE --type MICRODISTRICT --name-kk NAME --name-ru NAME",
	  .help = N_("add a microdistrict under a city; prints its code"), .exec = cmd_units },
	{ .name = "visit", .sub = "add",
	  .usage = "--akim CODE --target CODE --date YYYY-MM-DD [--time HH:MM] [--duration MIN] "
	      "[--field|--no-field] [--unscheduled REASON | --revise REASON] [--venue V]",
	  .help = N_("add a meeting with the population; prints its UUID"), .exec = cmd_visit },
	{ .name = "visit", .sub = "list", .usage = "[--from D] [--to D] [--format tsv|json]",
	  .help = N_("meetings by date"), .exec = cmd_visit },
	{ .name = "visit", .sub = "show", .usage = "UUID [--format text|tsv|json]",
	  .help = N_("one meeting, every field"), .exec = cmd_visit },
	{ .name = "visit", .sub = "set",
	  .usage = "UUID [--date D [--reason TEXT]] [--time HH:MM] [--duration MIN] "
	      "[--field|--no-field] [--venue V] [--status S] [--announced D] [--channels LIST] "
	      "[--broadcast URL[,URL] | --no-broadcast REASON] [--comments open|closed] "
	      "[--videoconf yes|no] [--published D] [--receptions-end D] [--attendance CAT=N,...] "
	      "[--invited LIST] [--started T] [--report-end T] [--ended T] [--clear FIELD]",
	  .help = N_("change a meeting: the fields given, and no other"), .exec = cmd_visit },
	{ .name = "question", .sub = "add",
	  .usage = "--visit UUID|--reception UUID [--topic T] [--asker CATEGORY] [--source S] "
	      "[--channel C] [--name NAME] [--contact C] TEXT|-",
	  .help = N_("log a question (TEXT, or - for stdin); prints its UUID"), .exec = cmd_question },
	{ .name = "question", .sub = "list",
	  .usage = "[--visit UUID | --issue UUID] [--limit N] [--format tsv|json]",
	  .help = N_("the newest questions first, or one meeting's or issue's"), .exec = cmd_question },
	{ .name = "question", .sub = "show", .usage = "UUID [--format F]",
	  .help = N_("one question, every field"), .exec = cmd_question },
	{ .name = "question", .sub = "set",
	  .usage = "UUID [--topic T] [--asker CAT] [--answered yes|no] [--answer TEXT] "
	      "[--clear topic|answer]",
	  .help = N_("change a question: the fields given, and no other"), .exec = cmd_question },
	{ .name = "question", .sub = "withdraw", .usage = "UUID",
	  .help = N_("withdraw a question logged by mistake"), .exec = cmd_question },
	{ .name = "reception", .sub = "add",
	  .usage = "--visit UUID --date YYYY-MM-DD --received-by CAT[,CAT...] --citizens N",
	  .help = N_("record a personal reception after a meeting held (A-1); prints its UUID"),
	  .exec = cmd_reception },
	{ .name = "reception", .sub = "list", .usage = "[--visit UUID] [--format text|tsv|json]",
	  .help = N_("personal receptions after the meetings, by date"), .exec = cmd_reception },
	{ .name = "reception", .sub = "set",
	  .usage = "UUID [--visit UUID] [--date D] [--received-by CAT[,CAT...]] [--citizens N]",
	  .help = N_("correct a reception: the fields given, and no other (A-1)"),
	  .exec = cmd_reception },
	{ .name = "reception", .sub = "withdraw", .usage = "UUID",
	  .help = N_("withdraw a reception entered by mistake (A-1)"), .exec = cmd_reception },
	/* P-1, P-2: before the meetings */
	{ .name = "commission", .sub = "add", .usage = "YEAR --category CATEGORY NAME",
	  .help = N_("P-1: a member of the year's commission that collects requests"),
	  .exec = cmd_commission },
	{ .name = "commission", .sub = "list", .usage = "[YEAR] [--format text|tsv|json]",
	  .help = N_("P-1: the commission of YEAR (this year), and what it lacks"),
	  .exec = cmd_commission },
	{ .name = "commission", .sub = "remove", .usage = "YEAR NAME|N",
	  .help = N_("P-1: a member leaves the commission"), .exec = cmd_commission },
	{ .name = "request", .sub = "add",
	  .usage = "--visit UUID|--unit CODE --channel C [--date D] [--topic T] [--asker CAT] "
	      "[--name NAME] [--contact C] TEXT|-",
	  .help = N_("P-2: a request for the pool before a meeting; prints its UUID"),
	  .exec = cmd_request },
	{ .name = "request", .sub = "list",
	  .usage = "[--visit UUID | --unassigned] [--format text|tsv|json]",
	  .help = N_("P-2: the requests of the pool, in the order they were saved"),
	  .exec = cmd_request },
	{ .name = "request", .sub = "assign", .usage = "REQUEST --visit UUID",
	  .help = N_("P-2: give a request taken before its meeting was chosen its meeting"),
	  .exec = cmd_request },
	{ .name = "issue", .sub = "add",
	  .usage = "--title TEXT [--unit CODE] [--level own|district|region|central] "
	      "[--body NAME] [--executor E] [--deadline D] [--visit UUID] "
	      "[--needs-session yes|no] [--amount N] [--session-date D]",
	  .help = N_("add a problem issue; prints its UUID"), .exec = cmd_issue },
	{ .name = "issue", .sub = "list",
	  .usage = "[--status S] [--visit UUID] [--unit CODE] [--executor TEXT] [--overdue] "
	      "[--level L] [--body NAME] [--format tsv|json]",
	  .help = N_("problem issues"), .exec = cmd_issue },
	{ .name = "issue", .sub = "show", .usage = "UUID [--format F]",
	  .help = N_("one issue, every field, and its questions"), .exec = cmd_issue },
	{ .name = "issue", .sub = "link", .usage = "[--move] ISSUE QUESTION...",
	  .help = N_("tie questions to an issue, all of them or none"), .exec = cmd_issue },
	{ .name = "issue", .sub = "set",
	  .usage = "UUID [--status S] [--note TEXT] [--title TEXT] [--topic T] [--unit CODE] "
	      "[--level L] [--body NAME] [--executor E] [--deadline D] [--visit UUID] "
	      "[--step TEXT [--step-executor E] [--step-deadline D]]... [--step-done N] "
	      "[--progress YYYY-QN:TEXT] [--needs-session yes|no] [--amount N] "
	      "[--session-date D] [--decision TEXT] [--clear FIELD]",
	  .help = N_("change an issue: the fields given, and no other"), .exec = cmd_issue },
	{ .name = "financing", .usage = "[--session D] [--format text|tsv|json]",
	  .help = N_("A-2: the issues that need financing by the maslikhat, and its decisions"),
	  .exec = cmd_financing },
	{ .name = "central", .usage = "[--body NAME] [--format text|tsv|json]",
	  .help = N_("G-3: open issues of central bodies' competence, by body, with progress"),
	  .exec = cmd_central },
	/* Publications (issue 9): cmd_report.c */
	{ .name = "report", .sub = "results",
	  .usage = "VISIT...|--period FROM..TO [--format md|html|csv] [-o FILE] "
	      "[--lang kk|ru|en] [--bom] [--publish [D]]",
	  .help = N_("A-3: the results of meetings held, ready to publish"), .exec = cmd_report },
	{ .name = "report", .sub = "quarterly",
	  .usage = "YYYY-Qn [--format md|html|csv] [-o FILE] [--lang kk|ru|en] [--bom] "
	      "[--publish [D]]",
	  .help = N_("A-4: the quarter's progress on the problem issues, ready to publish"),
	  .exec = cmd_report },
	{ .name = "report", .sub = "calendar",
	  .usage = "YEAR [--revision N] [--format md|html|csv] [-o FILE] [--lang kk|ru|en] [--bom]",
	  .help = N_("K-1, K-3, G-1: the calendar by akim and target, its coverage and "
	      "revisions"), .exec = cmd_report },
	{ .name = "report", .sub = "central",
	  .usage = "REPORTING-YEAR [--format md|html|csv] [-o FILE] [--lang kk|ru|en] [--bom]",
	  .help = N_("G-2, G-3: the year's issues of central bodies' competence, by body"),
	  .exec = cmd_report },
	{ .name = "report", .sub = "financing",
	  .usage = "[--session D] [--format md|html|csv] [-o FILE] [--lang kk|ru|en] [--bom]",
	  .help = N_("A-2: the issues that need the maslikhat's financing, for its next session"),
	  .exec = cmd_report },
	{ .name = "search", .usage = "TEXT... [--format text|tsv|json] [--limit N] [--before POS]",
	  .help = N_("questions and issues with these words, newest first"), .exec = cmd_search },
	{ .name = "plan", .usage = "YEAR",
	  .help = N_("propose the meetings C-1..C-5 require"), .exec = cmd_plan },
	{ .name = "check", .usage = "YEAR [--planned|--held] [--format text|tsv|json]",
	  .help = N_("coverage and per-meeting rules of the decree"), .exec = cmd_check },
	{ .name = "due", .usage = "[--date YYYY-MM-DD] [--ahead DAYS] [--format text|tsv|json]",
	  .help = N_("obligations due or overdue, and those done late"), .exec = cmd_due },
	{ .name = "calendar", .sub = "show",
	  .usage = "YEAR [--revision N] [--format text|tsv|json]",
	  .help = N_("the office's calendar of YEAR (K-1)"), .exec = cmd_calendar },
	{ .name = "calendar", .sub = "approve", .usage = "YEAR [--date D]",
	  .help = N_("K-1: the calendar was approved"), .exec = cmd_calendar },
	{ .name = "calendar", .sub = "notify", .usage = "YEAR [--revision N] [--date D]",
	  .help = N_("K-1, K-2: the maslikhat was notified"), .exec = cmd_calendar },
	{ .name = "calendar", .sub = "submit", .usage = "YEAR [--date D]",
	  .help = N_("K-3: the calendar was submitted"), .exec = cmd_calendar },
	{ .name = "calendar", .sub = "revise", .usage = "YEAR --reason TEXT [--date D]",
	  .help = N_("K-2: a correction of the approved calendar"), .exec = cmd_calendar },
	{ .name = "calendar", .sub = "progress", .usage = "YEAR --quarter N [--date D]",
	  .help = N_("A-4: the progress of quarter N was published"), .exec = cmd_calendar },
	{ .name = "calendar", .sub = "forward", .usage = "YEAR [--date D]",
	  .help = N_("G-1: the regions' calendars were submitted (the Government's store)"),
	  .exec = cmd_calendar },
	{ .name = "calendar", .sub = "collect", .usage = "YEAR --half N [--date D]",
	  .help = N_("G-2: the issues that need a central decision were collected"),
	  .exec = cmd_calendar },
	{ .name = "holiday", .sub = "list", .usage = "[--year YEAR]",
	  .help = N_("the year's holidays and days off"), .exec = cmd_holiday },
	{ .name = "holiday", .sub = "add", .usage = "DATE --off|--workday [--name NAME]",
	  .help = N_("record a day off that changes every year, or a working Saturday"),
	  .exec = cmd_holiday },
	{ .name = "holiday", .sub = "remove", .usage = "DATE",
	  .help = N_("forget a recorded day"), .exec = cmd_holiday },
	{ .name = "export-open",
	  .usage = "--format csv|jsonl [--table issues|meetings|obligations] [-o DIR] "
	      "[--date D] [--ahead DAYS]",
	  .help = N_("issues, meetings and obligations as open data, no personal data "
	      "(docs/open-data.md)"),
	  .exec = cmd_export_open },
	{ .name = "identity", .sub = "export", .usage = "[-o FILE]",
	  .help = N_("this office's node, unit and public key, for the offices it exchanges with"),
	  .exec = cmd_identity },
	{ .name = "peer", .sub = "add", .usage = "FILE [--yes]",
	  .help = N_("trust the office of an identity file after checking its fingerprint"),
	  .exec = cmd_peer },
	{ .name = "peer", .sub = "list", .usage = "",
	  .help = N_("the trusted offices: unit, up or down, node, fingerprint, name"),
	  .exec = cmd_peer },
	{ .name = "peer", .sub = "remove", .usage = "UNIT|NODE",
	  .help = N_("stop trusting an office"), .exec = cmd_peer },
	{ .name = "sync", .sub = "status", .usage = "[--format text|tsv]",
	  .help = N_("per peer: the last exchange each way and what waits to go"),
	  .exec = cmd_sync },
	{ .name = "export", .usage = "--to CODE|up [-o FILE] [--full] [--include-personal]",
	  .help = N_("a bundle for a peer: what it is not known to hold, in its scope"),
	  .exec = cmd_export },
	{ .name = "import", .usage = "FILE...",
	  .help = N_("apply bundles from trusted peers, each whole or not at all"),
	  .exec = cmd_import },
	{ .name = "dump", .usage = "",
	  .help = N_("the whole state, canonical sorted text"), .exec = cmd_dump },
	{ .name = "migrate", .usage = "",
	  .help = N_("rewrite a store of format 1 (made before the replicated log) in format 2"), .exec = cmd_migrate },
	{ .name = "conflicts", .usage = "",
	  .help = N_("concurrent edits kept for review"), .exec = cmd_conflicts },
	{ .name = "conflicts", .sub = "resolve", .usage = "ID --keep mine|theirs|VALUE",
	  .help = N_("settle a conflict by choosing its value (a change that syncs)"),
	  .exec = cmd_conflicts },
	{ .name = "undo", .usage = "",
	  .help = N_("take back your last change"), .exec = cmd_undo },
	{ .name = "bundle", .sub = "show", .usage = "FILE [--key PUBKEY-HEX]",
	  .help = N_("a bundle's header and changes as JSON lines, once it is verified"),
	  .exec = cmd_bundle },
	{ .name = "bundle", .sub = "verify", .usage = "FILE [--key PUBKEY-HEX]",
	  .help = N_("check a bundle without importing it; the exit status says why it fails"),
	  .exec = cmd_bundle },
	{ .name = "bundle", .sub = "write-all", .usage = "-o FILE|- [--to CODE]",
	  .help = N_("write every change of the store's log into one bundle (tests, recovery)"),
	  .exec = cmd_bundle },
	{ .name = "meet", .usage = "[VISIT-UUID]",
	  .help = N_("the interface in meeting mode: the meeting given, else today's"),
	  .exec = cmd_meet },
	{ .name = "keys", .usage = "[--check FILE]",
	  .help = N_("the interface's keys (context, key, action, help), or check a keymap file"),
	  .exec = cmd_keys },
	{ .name = "help", .usage = "[COMMAND [SUBCOMMAND]] | --man-synopsis | --man-keys",
	  .help = N_("this help, a command's, or the man page's synopsis lines or KEYS"),
	  .exec = cmd_help },
};
const size_t cmd_table_n = sizeof cmd_table / sizeof cmd_table[0];

const struct cmd_entry *
cmd_table_find(const char *name, const char *sub)
{
	for (size_t i = 0; i < cmd_table_n; i++) {
		const struct cmd_entry *e = &cmd_table[i];

		if (strcmp(e->name, name) != 0)
			continue;
		if (sub == NULL || (e->sub != NULL && strcmp(e->sub, sub) == 0))
			return e;
	}
	return NULL;
}

/* The columns of UTF-8 text of one-column letters (a translated "usage:"). */
static size_t
columns(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

/* "visit add --akim CODE ...": the words and the usage, as one line. */
static void
entry_line(FILE *f, const char *prefix, const struct cmd_entry *e)
{
	fprintf(f, "%s%s%s%s%s%s", prefix, e->name, e->sub != NULL ? " " : "",
	    e->sub != NULL ? e->sub : "", e->usage[0] != '\0' ? " " : "", e->usage);
}

/*
 * The same for a terminal: broken at blanks outside brackets before the 80th column, the
 * lines after the first indented, so that an option's brackets never split.
 */
static void
entry_lines(FILE *f, const char *prefix, const struct cmd_entry *e)
{
	char line[1024];
	size_t col, start = 0, brk = 0, width = 79;
	int depth = 0;

	snprintf(line, sizeof line, "%s%s%s%s%s%s", prefix, e->name, e->sub != NULL ? " " : "",
	    e->sub != NULL ? e->sub : "", e->usage[0] != '\0' ? " " : "", e->usage);
	col = 0;
	for (size_t i = 0; line[i] != '\0'; i++, col++) {
		if (((unsigned char)line[i] & 0xc0) == 0x80)
			col--;	/* a letter's continuation byte takes no column */
		if (line[i] == '[')
			depth++;
		else if (line[i] == ']' && depth > 0)
			depth--;
		else if (line[i] == ' ' && depth == 0 && i > start)
			brk = i;
		if (col >= width && brk > start) {
			fprintf(f, "%.*s\n%16s", (int)(brk - start), line + start, "");
			start = brk + 1;
			col = 16 + (i - start);
		}
	}
	fprintf(f, "%s\n", line + start);
}

void
cmd_table_list(FILE *f)
{
	char words[64];

	for (size_t i = 0; i < cmd_table_n; i++) {
		const struct cmd_entry *e = &cmd_table[i];

		snprintf(words, sizeof words, "%s%s%s", e->name, e->sub != NULL ? " " : "",
		    e->sub != NULL ? e->sub : "");
		fprintf(f, "  %-20s %s\n", words, _(e->help));
	}
}

int
cmd_table_help(const char *name, const char *sub)
{
	const struct cmd_entry *e = cmd_table_find(name, sub);
	bool first = true;
	char usage[64], indent[64], sentence[512];

	/* "usage: kezdesu " and "       kezdesu " under it, in the language shown. */
	snprintf(usage, sizeof usage, "%s kezdesu ", _("usage:"));
	snprintf(indent, sizeof indent, "%*s kezdesu ", (int)columns(_("usage:")), "");

	if (e == NULL)
		return cli_usage(NULL, _("unknown command '%s%s%s' (kezdesu --help lists them)"), name,
		    sub != NULL ? " " : "", sub != NULL ? sub : "");
	if (sub != NULL || e->sub == NULL) {
		entry_lines(stdout, usage, e);
		/* The one line as a sentence. */
		printf("\n%s.\n", i18n_capitalise(_(e->help), sentence, sizeof sentence));
	} else {
		/* A command with subcommands: each of them, its usage and what it does. */
		for (size_t i = 0; i < cmd_table_n; i++) {
			if (strcmp(cmd_table[i].name, name) != 0)
				continue;
			entry_lines(stdout, first ? usage : indent,
			    &cmd_table[i]);
			first = false;
		}
		putchar('\n');
		for (size_t i = 0; i < cmd_table_n; i++)
			if (strcmp(cmd_table[i].name, name) == 0)
				printf("  %-10s %s\n", cmd_table[i].sub, _(cmd_table[i].help));
	}
	putchar('\n');
	printf(_("The global options (--db, --read-only, --lang, -v) go before %s.\n"
	    "See kezdesu(1).\n"), name);
	return 0;
}

int
cmd_table_usage(const char *cmd)
{
	char name[32];
	const char *sp = strchr(cmd, ' ');
	const struct cmd_entry *e;

	snprintf(name, sizeof name, "%.*s", sp != NULL ? (int)(sp - cmd) : (int)strlen(cmd), cmd);
	e = cmd_table_find(name, sp != NULL ? sp + 1 : NULL);
	if (e == NULL)
		return cli_usage(cmd, "%s", _("bad usage (kezdesu --help)"));
	fprintf(stderr, "kezdesu: %s: %s kezdesu ", cmd, _("usage:"));
	if (sp != NULL || e->sub == NULL) {
		entry_line(stderr, "", e);
	} else {
		/* The subcommands: "visit add|list|show|set ...". */
		fprintf(stderr, "%s ", name);
		for (size_t i = 0, n = 0; i < cmd_table_n; i++)
			if (strcmp(cmd_table[i].name, name) == 0)
				fprintf(stderr, "%s%s", n++ > 0 ? "|" : "", cmd_table[i].sub);
		fputs(" ...", stderr);
	}
	fprintf(stderr, " (kezdesu %s --help)\n", cmd);
	return EXIT_USAGE;
}

int
cmd_help(struct cli *c, int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "--man-synopsis") == 0) {
		for (size_t i = 0; i < cmd_table_n; i++) {
			entry_line(stdout, "kezdesu ", &cmd_table[i]);
			putchar('\n');
		}
		return 0;
	}
	if (argc == 2 && strcmp(argv[1], "--man-keys") == 0)
		return cmd_keys(c, argc, argv);
	if (argc == 1)
		return cli_help();
	if (argc > 3 || argv[1][0] == '-')
		return cmd_table_usage("help");
	return cmd_table_help(argv[1], argc == 3 ? argv[2] : NULL);
}
