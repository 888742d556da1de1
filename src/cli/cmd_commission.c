/* kezdesu commission: who collects the requests before the meetings (P-1), per year. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "core/commission.h"
#include "core/compliance.h"
#include "core/labels.h"
#include "util/i18n.h"

enum { O_CATEGORY = 256, O_FORMAT };

static int
year_arg(const char *cmd, const char *s, int *year)
{
	long y;

	if (arg_int(cmd, "YEAR", s, 2000, 2999, &y) != 0)
		return -1;
	*year = (int)y;
	return 0;
}

static int
commission_add_cmd(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "category", required_argument, NULL, O_CATEGORY },
		{ NULL, 0, NULL, 0 }
	};
	const char *cmd = "commission add";
	int year, ch, cat = -1;

	optind = 0;
	while ((ch = cli_getopt(cmd, argc, argv, opts)) != -1)
		if (ch != O_CATEGORY || arg_enum(cmd, "--category", optarg,
		    commission_category_names, CM_COUNT, &cat) != 0)
			return EXIT_USAGE;
	if (optind + 2 != argc)
		return cmd_table_usage(cmd);
	if (cat < 0)
		return cli_usage(cmd, _("--category is required (P-1: community, public-council, "
		    "akimat or other)"));
	if (year_arg(cmd, argv[optind], &year) != 0)
		return EXIT_USAGE;
	if (cli_open(c, 0) != 0 ||
	    commission_add(c->store, year, argv[optind + 1], cat, &c->err) != 0)
		return cli_fail(c);
	return 0;
}

static int
commission_remove_cmd(struct cli *c, int argc, char **argv)
{
	const char *cmd = "commission remove";
	int year;

	optind = 0;
	if (cli_getopt(cmd, argc, argv, (const struct option[]){ { NULL, 0, NULL, 0 } }) != -1)
		return EXIT_USAGE;
	if (optind + 2 != argc)
		return cmd_table_usage(cmd);
	if (year_arg(cmd, argv[optind], &year) != 0)
		return EXIT_USAGE;
	if (cli_open(c, 0) != 0 ||
	    commission_remove(c->store, year, argv[optind + 1], &c->err) != 0)
		return cli_fail(c);
	return 0;
}

/* A category's name; one a later version added is shown as a number's stand-in. */
static const char *
category_name(int cat)
{
	return cat >= 0 && cat < CM_COUNT ? commission_category_names[cat] : "unknown";
}

/* The decree's bodies (P-1) the commission has no member of, as words; "" when none. */
static const char *
lacking(unsigned cats)
{
	bool community = cats & 1u << CM_COMMUNITY, council = cats & 1u << CM_PUBLIC_COUNCIL;

	if (community && council)
		return "";
	if (community)
		return _("a member of a public council");
	if (council)
		return _("a member of a community assembly");
	return _("members of a community assembly and of a public council");
}

static int
commission_list_cmd(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, O_FORMAT },
		{ NULL, 0, NULL, 0 }
	};
	const char *cmd = "commission list";
	enum out_format fmt = OUT_TEXT;
	struct calendar cal;
	int year, m, d, ch;

	date_to_ymd(compliance_today(), &year, &m, &d);
	optind = 0;
	while ((ch = cli_getopt(cmd, argc, argv, opts)) != -1)
		if (ch != O_FORMAT || arg_format(cmd, optarg, &fmt) != 0)
			return EXIT_USAGE;
	if (optind + 1 < argc)
		return cmd_table_usage(cmd);
	if (optind < argc && year_arg(cmd, argv[optind], &year) != 0)
		return EXIT_USAGE;
	if (cli_open(c, 0) != 0 || commission_list(c->store, year, &cal, &c->err) != 0)
		return cli_fail(c);
	if (fmt == OUT_TEXT) {
		const char *lack = lacking(commission_categories(&cal));

		printf(ngettext("Commission of %d (P-1): %zu member\n",
		    "Commission of %d (P-1): %zu members\n", cal.ncommission), year, cal.ncommission);
		for (size_t k = 0; k < cal.ncommission; k++) {
			int cat = cal.commission[k].category;
			char pad[128];

			/* the category in words, in the user's language (core/labels.h) */
			printf("  %zu. %s ", k + 1, out_pad(cat >= 0 && cat < CM_COUNT ?
			    label_enum(commission_category_names, cat) : "unknown", 20, pad,
			    sizeof pad));
			out_text_string(stdout, cal.commission[k].name ? cal.commission[k].name : "");
			putchar('\n');
		}
		if (lack[0] != '\0')
			printf(_("missing: %s (P-1: kezdesu commission add %d --category ...)\n"), lack,
			    year);
	} else {
		if (fmt == OUT_JSON)
			fputs("[\n", stdout);
		for (size_t k = 0; k < cal.ncommission; k++) {
			const struct calendar_member *mb = &cal.commission[k];
			const char *name = mb->name ? mb->name : "";

			if (fmt == OUT_TSV) {
				printf("%d\t%zu\t%s\t", year, k + 1, category_name(mb->category));
				out_tsv_string(stdout, name);
				putchar('\n');
				continue;
			}
			printf("%s{\"year\":%d,\"n\":%zu,\"category\":\"%s\",\"name\":",
			    k > 0 ? ",\n" : "", year, k + 1, category_name(mb->category));
			out_json_string(stdout, name);
			putchar('}');
		}
		if (fmt == OUT_JSON)
			fputs(cal.ncommission > 0 ? "\n]\n" : "]\n", stdout);
	}
	calendar_free(&cal);
	return 0;
}

int
cmd_commission(struct cli *c, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "add") == 0)
		return commission_add_cmd(c, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "list") == 0)
		return commission_list_cmd(c, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "remove") == 0)
		return commission_remove_cmd(c, argc - 1, argv + 1);
	return cmd_table_usage("commission");
}
