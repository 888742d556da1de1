/* kezdesu search: questions and issues whose words begin with the words given, newest first. */
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "core/search.h"
#include "util/xmalloc.h"
#include "util/i18n.h"

enum { O_LIMIT = 256, O_FORMAT, O_BEFORE };

static void
print_hits(enum out_format fmt, const struct search_result *r)
{
	char id[UID_STRLEN];

	if (fmt == OUT_JSON)
		fputs("[\n", stdout);
	for (size_t i = 0; i < r->n; i++) {
		const struct search_hit *h = &r->hits[i];

		uid_format(&h->id, id);
		switch (fmt) {
		case OUT_JSON:
			fputs("{\"kind\":", stdout);
			out_json_string(stdout, search_kind_names[h->kind]);
			fputs(",\"id\":", stdout);
			out_json_string(stdout, id);
			fputs(",\"text\":", stdout);
			out_json_string(stdout, h->text);
			printf(",\"pos\":%" PRIu64 "}%s\n", h->pos, i + 1 < r->n ? "," : "");
			break;
		case OUT_TEXT:
			out_textf(stdout, "%s %s: %s", _(search_kind_names[h->kind]), id, h->text);
			fputc('\n', stdout);
			break;
		case OUT_TSV:
			out_tsv_string(stdout, search_kind_names[h->kind]);
			fputc('\t', stdout);
			out_tsv_string(stdout, id);
			fputc('\t', stdout);
			out_tsv_string(stdout, h->text);
			printf("\t%" PRIu64 "\n", h->pos);
			break;
		}
	}
	if (fmt == OUT_JSON)
		fputs("]\n", stdout);
}

int
cmd_search(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "limit", required_argument, NULL, O_LIMIT },
		{ "format", required_argument, NULL, O_FORMAT },
		{ "before", required_argument, NULL, O_BEFORE },
		{ NULL, 0, NULL, 0 }
	};
	const char *cmd = "search";
	enum out_format fmt = OUT_TSV;
	struct search_result r = { 0 };
	long limit = SEARCH_LIMIT, before = 0;
	char *query;
	size_t qlen = 0;
	int ch;

	optind = 0;
	while ((ch = cli_getopt(cmd, argc, argv, opts)) != -1) {
		if (ch == O_LIMIT && arg_int(cmd, "--limit", optarg, 1, 100000, &limit) == 0)
			;
		else if (ch == O_BEFORE && arg_int(cmd, "--before", optarg, 1, LONG_MAX,
		    &before) == 0)
			;
		else if (ch == O_FORMAT && arg_format(cmd, optarg, &fmt) == 0)
			;
		else
			return EXIT_USAGE;
	}
	if (optind >= argc)
		return cmd_table_usage(cmd);
	/* The words of every operand: `kezdesu search жол жөндеу` needs no quotes. */
	for (int i = optind; i < argc; i++)
		qlen += strlen(argv[i]) + 1;
	query = xmalloc(qlen + 1);
	query[0] = '\0';
	for (int i = optind; i < argc; i++) {
		strcat(query, argv[i]);
		strcat(query, " ");
	}
	if (cli_open(c, 0) != 0) {
		free(query);
		return cli_fail(c);
	}
	if (search_run(c->store, query, (uint64_t)before, (size_t)limit, &r, &c->err) != 0) {
		free(query);
		return c->err.code == KZ_EINVAL ? (cli_fail(c), EXIT_USAGE) : cli_fail(c);
	}
	free(query);
	print_hits(fmt, &r);
	search_result_free(&r);
	return 0;
}
