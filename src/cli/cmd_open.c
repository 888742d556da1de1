/*
 * kezdesu export-open: the office's issues, meetings and obligations as open data, in the
 * layout of docs/open-data.md (report/open.c writes them; this file reads the options).
 *
 * With -o DIR every table (or the one --table names) goes into DIR as NAME.csv or
 * NAME.jsonl, all of them or none; without it, the one table --table names goes to
 * standard output, so that a pipe can take it.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cmd.h"
#include "core/compliance.h"
#include "core/rules.h"
#include "report/open.h"
#include "util/i18n.h"

enum { O_FORMAT = 256, O_TABLE, O_DATE, O_AHEAD };

int
cmd_export_open(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, O_FORMAT },
		{ "table", required_argument, NULL, O_TABLE },
		{ "output", required_argument, NULL, 'o' },
		{ "date", required_argument, NULL, O_DATE },
		{ "ahead", required_argument, NULL, O_AHEAD },
		{ NULL, 0, NULL, 0 }
	};
	const char *cmd = "export-open", *dir = NULL;
	struct open_options o = { .format = OPEN_FORMAT_COUNT, .today = compliance_today(),
		.ahead = RULES_DUE_AHEAD };
	int ch, v, table = -1;
	long ahead;

	optind = 0;
	opterr = 0;
	/* cli_getopt's rules, with -o as the short form of --output. */
	while ((ch = getopt_long(argc, argv, ":o:", opts, NULL)) != -1) {
		if (ch == O_FORMAT && arg_enum(cmd, "--format", optarg, open_format_names,
		    OPEN_FORMAT_COUNT, &v) == 0) {
			o.format = (enum open_format)v;
			continue;
		}
		if (ch == O_TABLE && arg_enum(cmd, "--table", optarg, open_table_names,
		    OPEN_TABLE_COUNT, &table) == 0)
			continue;
		if (ch == 'o' && dir == NULL) {
			dir = optarg;
			continue;
		}
		if (ch == 'o')
			return cli_usage(cmd, _("-o given twice"));
		if (ch == O_DATE && arg_date(cmd, "--date", optarg, &o.today) == 0)
			continue;
		if (ch == O_AHEAD && arg_int(cmd, "--ahead", optarg, 1, 366, &ahead) == 0) {
			o.ahead = (int)ahead;
			continue;
		}
		if (ch == '?')
			return cli_usage(cmd, _("unknown option '%s'"), argv[optind - 1]);
		if (ch == ':')
			return cli_usage(cmd, _("option '%s' needs a value"), argv[optind - 1]);
		return EXIT_USAGE;
	}
	if (optind != argc)
		return cli_usage(cmd, _("unexpected argument '%s'"), argv[optind]);
	if (o.format == OPEN_FORMAT_COUNT)
		return cli_usage(cmd, _("--format csv or --format jsonl is needed"));
	if (dir == NULL && table < 0)
		return cli_usage(cmd, _("name the table for standard output (--table issues|"
		    "meetings|obligations), or a directory for every table (-o DIR)"));
	if (dir != NULL && dir[0] == '\0')
		return cli_usage(cmd, _("-o: an empty directory name"));
	if (cli_open(c, 0) != 0)
		return cli_fail(c);
	if (dir != NULL) {
		unsigned mask = table >= 0 ? 1u << table : (1u << OPEN_TABLE_COUNT) - 1;

		if (open_export_dir(c->store, mask, &o, dir, &c->err) != 0)
			return cli_fail(c);
		return 0;
	}
	if (open_export(c->store, (enum open_table)table, &o, stdout, &c->err) != 0)
		return cli_fail(c);
	return 0;
}
