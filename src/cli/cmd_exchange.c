/*
 * kezdesu export and import: bundles for and from the trusted peers (sync/export.h,
 * sync/import.h); the work is in sync/, which the interface's sync screen calls too.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cmd.h"
#include "core/office.h"
#include "sync/export.h"
#include "sync/import.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

/* A bar on stderr, for a terminal and a large bundle only: a script's stderr stays clean. */
struct bar {
	const char *what;
	int shown;		/* the last percentage drawn, -1 none */
};

#define BAR_MIN 20000	/* changes: below this an export or import takes under a second */

static void
bar_fn(void *ctx, uint64_t done, uint64_t total)
{
	struct bar *b = ctx;
	int pct, fill;

	if (total < BAR_MIN)
		return;
	pct = (int)(done >= total ? 100 : done * 100 / total);
	if (pct == b->shown)
		return;
	b->shown = pct;
	fill = pct * 30 / 100;
	fprintf(stderr, "\r%s [%.*s%*s] %3d%%", b->what, fill, "##############################",
	    30 - fill, "", pct);
	if (pct == 100)
		fputc('\n', stderr);
	fflush(stderr);
}

static void
bar_end(struct bar *b)
{
	if (b->shown >= 0 && b->shown < 100)
		fputc('\n', stderr);
}

int
cmd_export(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "to", required_argument, NULL, 't' },
		{ "output", required_argument, NULL, 'o' },
		{ "full", no_argument, NULL, 'f' },
		{ "include-personal", no_argument, NULL, 'p' },
		{ NULL, 0, NULL, 0 }
	};
	struct export_opts o = { 0 };
	struct export_result r;
	struct bar b = { _("export"), -1 };
	struct peer p;
	const char *to = NULL, *out = NULL;
	char *name = NULL;
	int k, rc;

	optind = 0;
	opterr = 0;
	while ((k = getopt_long(argc, argv, ":o:", opts, NULL)) != -1) {
		switch (k) {
		case 't': to = optarg; break;
		case 'o': out = optarg; break;
		case 'f': o.full = true; break;
		case 'p': o.include_personal = true; break;
		case ':':
			return cli_usage("export", _("option '%s' needs a value"), argv[optind - 1]);
		default:
			return cli_usage("export", _("unknown option '%s'"), argv[optind - 1]);
		}
	}
	if (optind != argc || to == NULL)
		return cmd_table_usage("export");
	if (out != NULL && strcmp(out, "-") == 0)
		return cli_usage("export", _("-o takes a file: a bundle is written beside it and "
		    "renamed into place"));
	if (cli_open(c, 0) != 0 || export_find_peer(c->store, to, &p, &c->err) != 0)
		return cli_fail(c);
	if (out == NULL && (name = export_default_name(c->store, &p, NULL, &c->err)) == NULL) {
		peer_free(&p);
		return cli_fail(c);
	}
	if (isatty(STDERR_FILENO)) {
		o.progress = bar_fn;
		o.progress_ctx = &b;
	}
	rc = export_to_file(c->store, &p, out ? out : name, &o, &r, &c->err);
	bar_end(&b);
	if (rc == 0) {
		/* A count after a colon: no plural forms to choose in any language. */
		printf(_("%s: for unit %s: changes: %llu, bytes: %llu"), out ? out : name, p.unit,
		    (unsigned long long)r.changes, (unsigned long long)r.bytes);
		if (r.personal > 0)
			printf(_("; personal data left out of changes: %llu (--include-personal "
			    "sends it)"), (unsigned long long)r.personal);
		putchar('\n');
	}
	peer_free(&p);
	free(name);
	if (rc != 0)
		return cli_fail(c);
	return fflush(stdout) == 0 ? 0 : EXIT_FAIL;
}

/* The exit status of a refused bundle: bundle verify's (docs/kezdesu.1, EXIT STATUS). */
static int
exit_for(int why)
{
	return why == BUNDLE_OK ? 0 : why == BUNDLE_EIO ? EXIT_FAIL : why + 1;
}

int
cmd_import(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = { { NULL, 0, NULL, 0 } };
	struct import_opts o = { 0 };
	struct bar b = { _("import"), -1 };
	int k, status = 0;

	optind = 0;
	while ((k = cli_getopt("import", argc, argv, opts)) != -1)
		return EXIT_USAGE;
	if (optind == argc)
		return cmd_table_usage("import");
	if (cli_open(c, 0) != 0)
		return cli_fail(c);
	if (isatty(STDERR_FILENO)) {
		o.progress = bar_fn;
		o.progress_ctx = &b;
	}
	/* Each file on its own: one refused does not hold back the others. */
	for (int i = optind; i < argc; i++) {
		struct import_result r;
		int why;

		b.shown = -1;
		why = import_file(c->store, argv[i], &o, &r, &c->err);
		bar_end(&b);
		if (why != BUNDLE_OK) {
			cli_fail(c);
			if (status == 0)
				status = exit_for(why);
			continue;
		}
		if (r.already)
			printf(_("%s: from unit %s: already here, nothing changed (changes: %llu)\n"),
			    argv[i], r.origin_unit, (unsigned long long)r.changes);
		else
			printf(_("%s: from unit %s: added: %llu, changed: %llu, skipped (already "
			    "here): %llu, conflicts held: %llu, clock ahead: %llu\n"), argv[i],
			    r.origin_unit, (unsigned long long)r.added, (unsigned long long)r.changed,
			    (unsigned long long)r.skipped, (unsigned long long)r.conflicts,
			    (unsigned long long)r.clock_ahead);
		fflush(stdout);
	}
	return status;
}
