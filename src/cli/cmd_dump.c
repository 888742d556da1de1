/*
 * kezdesu dump: the store's whole current state as canonical sorted text (core/dump.h), so
 * that two offices can tell whether they hold the same state; kezdesu conflicts: the
 * concurrent edits kept for review, then the changes that came with a clock more than a day
 * ahead.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

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

int
cmd_conflicts(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = { { NULL, 0, NULL, 0 } };
	struct rec_array a = { 0 };
	struct clock_review *rv;
	size_t nrv;

	if (cli_getopt("conflicts", argc, argv, opts) != -1)
		return EXIT_USAGE;
	if (optind != argc)
		return cli_usage("conflicts", _("takes no operands"));
	if (cli_open(c, 0) != 0 || conflict_list(c->store, &a, &c->err) != 0)
		return cli_fail(c);
	for (size_t i = 0; i < a.n; i++) {
		const struct conflict *x = (const struct conflict *)a.items + i;
		char origin[UID_STRLEN];

		uid_format(&x->loser_origin, origin);
		/* tsv: each field escaped on its own; the tabs and the line end are the rows'. */
		printf("%s\t%s\t", conflict_kind_name(x->kind), x->record);
		out_tsv_string(stdout, x->field);
		printf("\tlost\t%s\t%lld\t%s\n", origin, (long long)x->loser_hlc,
		    x->loser_removed ? "(cleared)" : x->loser_value);
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
