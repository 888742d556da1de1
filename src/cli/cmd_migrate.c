/*
 * kezdesu migrate: a store of format 1 (made before the replicated log) rewritten in format 2, after a
 * whole copy of it is kept beside it, in DIR/format-1-copy (core/migrate.h).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/cmd.h"
#include "core/migrate.h"
#include "core/office.h"
#include "util/xmalloc.h"
#include "util/i18n.h"

int
cmd_migrate(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = { { NULL, 0, NULL, 0 } };
	struct migrate_stats st;
	char *copy;
	int rc;

	if (cli_getopt("migrate", argc, argv, opts) != -1)
		return EXIT_USAGE;
	if (optind != argc)
		return cli_usage("migrate", _("takes no operands"));
	if (c->read_only)
		return cli_usage("migrate", _("rewrites the store: not with --read-only"));
	if (cli_open(c, OFFICE_MIGRATE) != 0)
		return cli_fail(c);
	copy = xasprintf("%s/format-1-copy", c->db);
	rc = migrate_store(c->store, copy, &st, &c->err);
	if (rc == 0) {
		out_textf(stdout, _("migrated %s to format 2: %zu records; the store as it was is "
		    "kept in %s"), c->db, st.records, copy);
		fputc('\n', stdout);
	}
	free(copy);
	return rc == 0 ? 0 : cli_fail(c);
}
