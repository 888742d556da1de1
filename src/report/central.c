/*
 * G-2, G-3: the problem issues of a reporting year in the competence of central executive
 * bodies, national holdings and companies, by body (report/reports_more.h).
 *
 * Which issues: level central, not withdrawn, raised in the reporting year: the day of the
 * meeting where each was raised (its `visit`), or the day it was recorded when it was
 * raised at none. Interpretation (RULES.md G-2): the lists collected in February and
 * August of Y+1 are of the issues raised in reporting year Y, so the year names the
 * issues, not the day the list is made. Solved ones stay in, with their status: G-3 asks
 * for the progress of the year's list, and a solved issue is its best news.
 * The proposals are the issue's action plan (its steps: the ways of solving it); the
 * progress is every quarterly note (issue set --progress), oldest quarter first.
 */
#include "report/reports_more.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/calendar.h"
#include "core/issue.h"
#include "core/node.h"
#include "core/rules.h"
#include "core/unit.h"
#include "core/visit.h"
#include "report/lang.h"
#include "report/reports.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

struct row {
	struct issue *i;
	kz_date raised;
};

/* By body (none last), then the day raised, the unit, the title. */
static int
by_body(const void *a, const void *b)
{
	const struct row *x = a, *y = b;
	int c;

	if ((c = issue_cmp_body(x->i->body, y->i->body)) != 0)
		return c;
	if (x->raised != y->raised)
		return x->raised < y->raised ? -1 : 1;
	if ((c = strcmp(x->i->unit, y->i->unit)) != 0)
		return c;
	if ((c = strcmp(x->i->title != NULL ? x->i->title : "", y->i->title != NULL ?
	    y->i->title : "")) != 0)
		return c;
	return uid_cmp(&x->i->id, &y->i->id);
}

static bool
closed(int status)
{
	return status == ISSUE_RESOLVED || status == ISSUE_EXPLAINED || status == ISSUE_REJECTED;
}

/* Appends "; " and text to *s. */
static void
append(char **s, const char *text)
{
	char *n = xasprintf("%s%s%s", *s, (*s)[0] != '\0' ? "; " : "", text);

	free(*s);
	*s = n;
}

/* The ways of solving it: its steps with executor, deadline and when done. */
static char *
proposals(const struct issue *i)
{
	char *s = xstrdup(""), buf[1400], d[64];

	for (size_t k = 0; k < i->nsteps; k++) {
		const struct issue_step *st = &i->steps[k];
		int o = snprintf(buf, sizeof buf, "%s", st->text != NULL ? st->text : "");

		if (st->executor != NULL && o < (int)sizeof buf)
			o += snprintf(buf + o, sizeof buf - (size_t)o, " — %s", st->executor);
		if (st->done && o < (int)sizeof buf)
			snprintf(buf + o, sizeof buf - (size_t)o, _(" (done %s)"),
			    report_date(st->done_on, d, sizeof d));
		else if (st->deadline != DATE_NONE && o < (int)sizeof buf)
			snprintf(buf + o, sizeof buf - (size_t)o, _(" (by %s)"),
			    report_date(st->deadline, d, sizeof d));
		append(&s, buf);
	}
	if (s[0] == '\0') {
		free(s);
		s = xstrdup(_("no way of solving recorded yet"));
	}
	return s;
}

static int
by_quarter(const void *a, const void *b)
{
	const struct issue_progress *x = *(const struct issue_progress *const *)a;
	const struct issue_progress *y = *(const struct issue_progress *const *)b;
	int c = strcmp(x->quarter != NULL ? x->quarter : "", y->quarter != NULL ? y->quarter : "");

	if (c != 0)
		return c;
	return (x->at_ms > y->at_ms) - (x->at_ms < y->at_ms);
}

/* Every progress note, by quarter: «Q3 2026: text». */
static char *
progress(const struct issue *i)
{
	const struct issue_progress **p = xcalloc(i->nprogress + 1, sizeof *p);
	char *s = xstrdup(""), buf[1400], qn[64];
	int y, q;

	for (size_t k = 0; k < i->nprogress; k++)
		p[k] = &i->progress[k];
	if (i->nprogress > 1)
		qsort(p, i->nprogress, sizeof *p, by_quarter);
	for (size_t k = 0; k < i->nprogress; k++) {
		const char *name = p[k]->quarter != NULL ? p[k]->quarter : "";

		if (report_parse_quarter(name, &y, &q) == 0)
			name = report_quarter(y, q, qn, sizeof qn);
		snprintf(buf, sizeof buf, "%s: %s", name, p[k]->text != NULL ? p[k]->text : "");
		append(&s, buf);
	}
	free(p);
	if (s[0] == '\0') {
		free(s);
		s = xstrdup(_("no progress note yet"));
	}
	return s;
}

/* G-2 in the Government's store: the lists of the reporting year collected, or not. */
static void
collected(struct report_doc *d, const struct calendar *cal, int year)
{
	const struct rules_deadline *tab, *g2 = NULL;
	size_t nt;
	char d1[64], d2[64];

	tab = rules_deadline_table(&nt);
	for (size_t k = 0; k < nt; k++)
		if (tab[k].done == RULES_DONE_COLLECTED)
			g2 = &tab[k];
	if (g2 == NULL)
		return;
	for (int h = 0; h < 2; h++) {
		kz_date due = rules_deadline_date(g2, year + g2->year_after, h);
		const char *key = h == 0 ? _("List collected in February (G-2)") :
		    _("List collected in August (G-2)");

		if (cal->collected_on[h] != DATE_NONE)
			report_kvf(d, key, _("%s (due by %s)"), report_date(cal->collected_on[h], d1,
			    sizeof d1), report_date(due, d2, sizeof d2));
		else
			report_kvf(d, key, _("not yet (due by %s)"), report_date(due, d2, sizeof d2));
	}
}

static void
summary(struct report_doc *d, const struct row *rows, size_t n, kz_date today)
{
	const char *head[] = { _("Body"), _("Issues"), _("Solved"), _("In work"),
		_("Explained or rejected"), _("Overdue") };
	long solved = 0, work = 0, other = 0, overdue = 0, bodies = 0;
	struct report_table *t;

	for (size_t k = 0; k < n; k++) {
		int st = rows[k].i->status;

		solved += st == ISSUE_RESOLVED;
		work += !closed(st);
		other += st == ISSUE_EXPLAINED || st == ISSUE_REJECTED;
		overdue += issue_overdue(rows[k].i, today);
		bodies += k == 0 || issue_cmp_body(rows[k].i->body, rows[k - 1].i->body) != 0;
	}
	report_kvf(d, _("Problem issues"), "%zu", n);
	report_kvf(d, _("Bodies"), "%ld", bodies);
	report_kvf(d, _("Solved"), "%ld", solved);
	report_kvf(d, _("In work"), "%ld", work);
	report_kvf(d, _("Explained or rejected"), "%ld", other);
	report_kvf(d, _("Overdue"), "%ld", overdue);
	if (n == 0)
		return;
	t = report_table_new(d, 6, head, REPORT_COL(1) | REPORT_COL(2) | REPORT_COL(3) |
	    REPORT_COL(4) | REPORT_COL(5));
	for (size_t k = 0; k < n;) {
		long c[5] = { 0 };
		char b[5][24];
		const char *row[6];
		size_t j = k;

		for (; j < n && issue_cmp_body(rows[j].i->body, rows[k].i->body) == 0; j++) {
			int st = rows[j].i->status;

			c[0]++;
			c[1] += st == ISSUE_RESOLVED;
			c[2] += !closed(st);
			c[3] += st == ISSUE_EXPLAINED || st == ISSUE_REJECTED;
			c[4] += issue_overdue(rows[j].i, today);
		}
		row[0] = rows[k].i->body != NULL ? rows[k].i->body : _("No body recorded");
		for (int m = 0; m < 5; m++) {
			snprintf(b[m], sizeof b[m], "%ld", c[m]);
			row[m + 1] = b[m];
		}
		report_row(t, row);
		k = j;
	}
	{
		char b[5][24];
		const char *row[6] = { _("Total") };
		long tot[5] = { (long)n, solved, work, other, overdue };

		for (int m = 0; m < 5; m++) {
			snprintf(b[m], sizeof b[m], "%ld", tot[m]);
			row[m + 1] = b[m];
		}
		report_total(t, row);
	}
}

static struct report_doc *
build(struct row *rows, size_t n, struct report_units *un, const char *office,
    const struct calendar *cal, int year, const char *lang, kz_date today)
{
	const char *head[] = { _("No."), _("Problem issue"), _("Place"), _("Raised"),
		_("Deadline"), _("Status"), _("Ways of solving (proposals)"), _("Progress") };
	struct report_doc *d = report_doc_new(lang, _("Problem issues in the competence of "
	    "central executive bodies, national holdings and companies"));
	char sub[512], d1[64], no[16], dl[96], raised[64];

	report_subtitle(d, report_units_name(un, office));
	snprintf(sub, sizeof sub, _("Reporting year %d: the issues raised at the meetings of "
	    "%d"), year, year);
	report_subtitle(d, sub);
	snprintf(sub, sizeof sub, _("Prepared under point 5 of Decree No. 826 (G-2, G-3) on %s"),
	    report_date(today, d1, sizeof d1));
	report_subtitle(d, sub);

	report_section(d, _("Summary"));
	if (cal != NULL)
		collected(d, cal, year);
	summary(d, rows, n, today);
	if (n == 0) {
		report_section(d, _("Problem issues"));
		report_para(d, _("No problem issue of this year is in the competence of a central "
		    "executive body, national holding or company."));
		return d;
	}
	for (size_t k = 0; k < n;) {
		struct report_table *t;
		size_t j = k, no_in = 0;

		report_section(d, rows[k].i->body != NULL ? rows[k].i->body :
		    _("No body recorded"));
		if (rows[k].i->body == NULL)
			report_para(d, _("The body whose competence these issues are is not recorded "
			    "yet."));
		t = report_table_new(d, 8, head, REPORT_COL(0));
		for (; j < n && issue_cmp_body(rows[j].i->body, rows[k].i->body) == 0; j++) {
			const struct issue *i = rows[j].i;
			char *prop = proposals(i), *prog = progress(i);
			const char *row[8];

			snprintf(no, sizeof no, "%zu", ++no_in);
			row[0] = no;
			row[1] = i->title != NULL ? i->title : "";
			row[2] = report_units_name(un, i->unit);
			row[3] = report_date(rows[j].raised, raised, sizeof raised);
			row[4] = report_deadline(i, today, dl, sizeof dl);
			row[5] = report_status(i->status);
			row[6] = prop;
			row[7] = prog;
			report_row(t, row);
			free(prop);
			free(prog);
		}
		k = j;
	}
	return d;
}

int
report_central(struct store *s, int year, const char *lang, kz_date today,
    struct report_doc **doc, struct kz_error *e)
{
	struct rec_array a = { 0 };
	struct report_units *un;
	struct calendar cal;
	bool gov;
	struct row *rows;
	struct node nd;
	size_t n = 0;

	*doc = NULL;
	if (report_lang_valid(lang) != 0)
		return kz_fail(e, KZ_EINVAL, _("language '%s': kk, ru or en"), lang);
	if (node_get(s, &nd, e) != 0 || issue_list(s, -1, &a, e) != 0)
		return -1;
	/* G-2 is kept in the Government's calendar of the reporting year. */
	gov = unit_is_government(nd.unit);
	if (gov && calendar_get(s, year, &cal, e) != 0) {
		rec_array_free(&issue_kind, &a);
		return -1;
	}
	rows = xcalloc(a.n + 1, sizeof *rows);
	for (size_t k = 0; k < a.n; k++) {
		struct issue *i = (struct issue *)a.items + k;
		kz_date raised = rules_local_date(i->created_ms, RULES_UTC_OFFSET_KZ);
		int y, m, dd;

		if (i->withdrawn || i->level != LEVEL_CENTRAL)
			continue;
		/* A few issues: each one's meeting read, not every meeting. */
		if (!uid_is_nil(&i->visit)) {
			struct visit v;

			if (visit_get(s, &i->visit, &v, NULL) == 0) {
				if (!v.withdrawn)
					raised = v.date;
				visit_free(&v);
			}
		}
		date_to_ymd(raised, &y, &m, &dd);
		if (y != year)
			continue;
		rows[n].i = i;
		rows[n++].raised = raised;
	}
	if (n > 1)
		qsort(rows, n, sizeof *rows, by_body);
	un = report_units_new(s, report_lang_units(lang));
	report_lang_push(lang);
	*doc = build(rows, n, un, nd.unit, gov ? &cal : NULL, year, lang, today);
	report_lang_pop();
	report_units_free(&un);
	if (gov)
		calendar_free(&cal);
	free(rows);
	rec_array_free(&issue_kind, &a);
	return 0;
}
