/*
 * kezdesu central (G-3): the open problem issues in the competence of central executive
 * bodies, national holdings and companies (level central), grouped by body, each with the
 * way of solving it (its action plan's steps) and its latest quarterly progress note.
 * The body is recorded with issue add|set --body NAME, progress with --progress.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "core/compliance.h"
#include "core/issue.h"
#include "core/text.h"
#include "core/unit_names.h"
#include "util/xmalloc.h"
#include "util/i18n.h"

enum { O_BODY = 256, O_FORMAT };

#define NO_BODY N_("(no body recorded: issue set UUID --body NAME)")

/* By body (none last), unit, then when recorded. */
static int
by_body(const void *a, const void *b)
{
	const struct issue *x = a, *y = b;
	int c;

	if ((c = issue_cmp_body(x->body, y->body)) != 0)
		return c;
	if ((c = strcmp(x->unit, y->unit)) != 0)
		return c;
	return (x->created_ms > y->created_ms) - (x->created_ms < y->created_ms);
}

static char *
fold(const char *s)
{
	char *f = xmalloc(strlen(s) + 1);

	f[text_fold(s, strlen(s), f)] = '\0';
	return f;
}

static void
print_text(const struct unit_names *nm, const struct issue *is, size_t n, kz_date today)
{
	const char *body = NULL;
	char d[11], id[UID_STRLEN];

	for (size_t k = 0; k < n; k++) {
		const struct issue *i = &is[k];
		const struct issue_progress *p = issue_latest_progress(i);

		if (k == 0 || issue_cmp_body(i->body, body) != 0) {
			size_t m = 0;

			body = i->body;
			for (size_t j = k; j < n && issue_cmp_body(is[j].body, body) == 0; j++)
				m++;
			if (k > 0)
				putchar('\n');
			out_textf(stdout, ngettext("%s (%zu issue)", "%s (%zu issues)", m),
			    body != NULL ? body : _(NO_BODY), m);
			putchar('\n');
		}
		uid_format(&i->id, id);
		date_format(i->deadline, d);
		out_textf(stdout, _("  %s %s  %s  «%s», deadline %s"), i->unit,
		    unit_names_get(nm, i->unit), _(issue_status_names[i->status]),
		    i->title ? i->title : "", d[0] ? d : _("none"));
		if (issue_overdue(i, today))
			fputs(_(" (overdue)"), stdout);
		printf("\n    %s\n", id);
		for (size_t s = 0; s < i->nsteps; s++) {
			const struct issue_step *st = &i->steps[s];

			date_format(st->deadline, d);
			out_textf(stdout, _("    step %zu: %s"), s + 1, st->text ? st->text : "");
			if (st->executor != NULL)
				out_textf(stdout, " — %s", st->executor);
			if (d[0] != '\0')
				printf(", by %s", d);
			if (st->done) {
				date_format(st->done_on, d);
				printf(_(", done %s"), d);
			}
			putchar('\n');
		}
		if (i->nsteps == 0)
			printf(_("    no way of solving recorded (issue set UUID --step TEXT)\n"));
		if (p != NULL) {
			out_textf(stdout, _("    progress %s: %s"), p->quarter, p->text ? p->text : "");
			putchar('\n');
		} else
			printf(_("    no progress note yet (issue set UUID --progress YYYY-QN:TEXT)\n"));
	}
}

/*
 * tsv: body, id, unit, unit's name, status, deadline, steps, quarter and text of the
 * latest progress note, title.
 */
static void
print_tsv(const struct unit_names *nm, const struct issue *is, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		const struct issue *i = &is[k];
		const struct issue_progress *p = issue_latest_progress(i);
		char id[UID_STRLEN], d[11], steps[16];
		const char *vals[] = { i->body ? i->body : "", id, i->unit,
			i->unit[0] ? unit_names_get(nm, i->unit) : "", issue_status_names[i->status],
			d, steps, p ? p->quarter : "", p && p->text ? p->text : "",
			i->title ? i->title : "" };

		/* vals points at the buffers, filled here. */
		uid_format(&i->id, id);
		date_format(i->deadline, d);
		snprintf(steps, sizeof steps, "%zu", i->nsteps);

		for (size_t v = 0; v < sizeof vals / sizeof vals[0]; v++) {
			if (v > 0)
				putchar('\t');
			out_tsv_string(stdout, vals[v]);
		}
		putchar('\n');
	}
}

int
cmd_central(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "body", required_argument, NULL, O_BODY },
		{ "format", required_argument, NULL, O_FORMAT },
		{ NULL, 0, NULL, 0 }
	};
	const char *cmd = "central";
	enum out_format fmt = OUT_TEXT;
	struct rec_array a = { 0 };
	struct issue *is;
	char *body = NULL;
	size_t keep = 0;
	int ch;

	optind = 0;
	while ((ch = cli_getopt(cmd, argc, argv, opts)) != -1) {
		if (ch == O_BODY && body == NULL) {
			body = fold(optarg);
			continue;
		}
		if (ch == O_FORMAT && arg_format(cmd, optarg, &fmt) == 0)
			continue;
		if (ch == O_BODY)
			cli_usage(cmd, _("--body given twice"));
		free(body);
		return EXIT_USAGE;
	}
	if (optind != argc) {
		free(body);
		return cli_usage(cmd, _("unexpected argument '%s'"), argv[optind]);
	}
	if (cli_open(c, 0) != 0 || issue_list(c->store, -1, &a, &c->err) != 0) {
		free(body);
		return cli_fail(c);
	}
	is = a.items;
	for (size_t k = 0; k < a.n; k++) {
		bool match = is[k].level == LEVEL_CENTRAL && issue_is_open(is[k].status);

		if (match && body != NULL) {
			char *b = is[k].body != NULL ? fold(is[k].body) : NULL;

			match = b != NULL && strstr(b, body) != NULL;
			free(b);
		}
		if (match)
			is[keep++] = is[k];
		else
			issue_free(&is[k]);
	}
	a.n = keep;
	free(body);
	if (keep > 1)
		qsort(is, keep, sizeof *is, by_body);
	if (fmt == OUT_JSON) {
		out_records(stdout, OUT_JSON, issue_kind.desc, a.items, a.n, NULL);
	} else if (fmt == OUT_TSV) {
		print_tsv(cli_names(c), is, keep);
	} else {
		printf(_("Open issues in the competence of central executive bodies, national "
		    "holdings and companies (G-3), by body:\n"));
		if (keep == 0)
			printf(_("  none (issue add|set --level central --body NAME)\n"));
		else
			print_text(cli_names(c), is, keep, compliance_today());
	}
	rec_array_free(&issue_kind, &a);
	return 0;
}
