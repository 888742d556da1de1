/*
 * kezdesu dump: the store's whole current state as canonical sorted text (core/dump.h), so
 * that two offices can tell whether they hold the same state; kezdesu conflicts: the
 * concurrent edits kept for review, then the changes that came with a clock more than a day
 * ahead.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "core/conflict.h"
#include "core/dump.h"
#include "util/i18n.h"

static int
print_line(void *arg, const char *line, size_t n)
{
	(void)arg;
	/* Lines are hex and digits only: nothing of them can steer the terminal. */
	fwrite(line, 1, n, stdout);
	putchar('\n');
	return ferror(stdout) ? -1 : 0;
}

int
cmd_dump(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = { { NULL, 0, NULL, 0 } };

	if (cli_getopt("dump", argc, argv, opts) != -1)
		return EXIT_USAGE;
	if (optind != argc)
		return cli_usage("dump", _("takes no operands"));
	if (cli_open(c, 0) != 0 || dump_store(c->store, print_line, NULL, &c->err) != 0)
		return cli_fail(c);
	return 0;
}

/* conflicts resolve ID --keep mine|theirs|VALUE */
static int
conflicts_resolve(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "keep", required_argument, NULL, 'k' },
		{ NULL, 0, NULL, 0 }
	};
	enum conflict_keep keep = CONFLICT_KEEP_VALUE;
	const char *value = NULL;
	struct kz_uuid id;
	int ch;

	optind = 0;
	while ((ch = cli_getopt("conflicts resolve", argc, argv, opts)) != -1) {
		if (ch != 'k')
			return EXIT_USAGE;
		value = optarg;
	}
	if (optind + 1 != argc || value == NULL)
		return cmd_table_usage("conflicts resolve");
	if (arg_uuid("conflicts resolve", "ID", argv[optind], &id) != 0)
		return EXIT_USAGE;
	if (strcmp(value, "mine") == 0)
		keep = CONFLICT_KEEP_MINE;
	else if (strcmp(value, "theirs") == 0)
		keep = CONFLICT_KEEP_THEIRS;
	if (cli_open(c, 0) != 0 || conflict_resolve(c->store, &id, keep, value, &c->err) != 0)
		return cli_fail(c);
	printf(_("conflict %s resolved\n"), argv[optind]);
	return 0;
}

int
cmd_conflicts(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = { { NULL, 0, NULL, 0 } };
	struct rec_array a = { 0 };
	struct clock_review *rv;
	size_t nrv;

	if (argc >= 2 && strcmp(argv[1], "resolve") == 0)
		return conflicts_resolve(c, argc - 1, argv + 1);
	if (cli_getopt("conflicts", argc, argv, opts) != -1)
		return EXIT_USAGE;
	if (optind != argc)
		return cli_usage("conflicts", _("takes no operands"));
	if (cli_open(c, 0) != 0 || conflict_list(c->store, &a, &c->err) != 0)
		return cli_fail(c);
	for (size_t i = 0; i < a.n; i++) {
		const struct conflict *x = (const struct conflict *)a.items + i;
		char origin[UID_STRLEN], id[UID_STRLEN];

		if (x->resolved)
			continue;	/* settled (conflicts resolve): no longer for review */
		uid_format(&x->loser_origin, origin);
		uid_format(&x->id, id);
		/* tsv: each field escaped on its own; the tabs and the line end are the rows'. */
		printf("%s\t%s\t", conflict_kind_name(x->kind), x->record);
		out_tsv_string(stdout, x->field);
		printf("\tlost\t%s\t%lld\t%s\t%s\n", origin, (long long)x->loser_hlc,
		    x->loser_removed ? "(cleared)" : x->loser_value, id);
	}
	rec_array_free(&conflict_kind, &a);
	if (conflict_clock_reviews(c->store, &rv, &nrv, &c->err) != 0)
		return cli_fail(c);
	for (size_t i = 0; i < nrv; i++) {
		char origin[UID_STRLEN];

		uid_format(&rv[i].origin, origin);
		printf("clock-ahead\t%s\t%llu\t%lld\n", origin, (unsigned long long)rv[i].seq,
		    (long long)rv[i].wall_ms);
	}
	free(rv);
	return 0;
}
