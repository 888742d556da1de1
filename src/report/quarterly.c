/*
 * the quarter's progress on the problem issues raised at meetings, published by the
 * 25th of the month after the quarter (report/reports.h).
 *
 * Which issues: those raised at a meeting (their `visit`) held by the quarter's end, not
 * withdrawn, and not closed (solved, explained, rejected) before the quarter began: every
 * issue that was still to be solved at some time in the quarter. Their status is the one
 * they have when the report is made (after the quarter: what the public is told is the
 * latest), and so is "overdue" (issue_overdue as of the day the report is made).
 */
#include "report/reports.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/issue.h"
#include "core/node.h"
#include "core/rules.h"
#include "core/visit.h"
#include "report/lang.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

int
report_parse_quarter(const char *s, int *year, int *q)
{
	int y = 0;

	if (s == NULL || strlen(s) != 7 || s[4] != '-' || s[5] != 'Q' || s[6] < '1' ||
	    s[6] > '4')
		return -1;
	for (int i = 0; i < 4; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		y = y * 10 + (s[i] - '0');
	}
	if (y < 1970)
		return -1;
	*year = y;
	*q = s[6] - '0';
	return 0;
}

struct visit_day {
	struct kz_uuid id;
	kz_date date;
};

static int
by_id(const void *a, const void *b)
{
	return uid_cmp(&((const struct visit_day *)a)->id, &((const struct visit_day *)b)->id);
}

struct row {
	struct issue *i;
	kz_date raised;
};

static int
by_raised(const void *a, const void *b)
{
	const struct row *x = a, *y = b;
	int c;

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

static kz_date
local_day(int64_t ms)
{
	return rules_local_date(ms, RULES_UTC_OFFSET_KZ);
}

/* The day the issue was closed: its last change to the status it has; DATE_NONE: unknown. */
static kz_date
closed_on(const struct issue *i)
{
	kz_date d = DATE_NONE;

	for (size_t k = 0; k < i->nhistory; k++)
		if (i->history[k].status == i->status && i->history[k].at_ms != 0)
			d = local_day(i->history[k].at_ms);
	return d;
}

/* Appends "; " and the formatted text to *s. */
static void
append(char **s, const char *text)
{
	char *n = xasprintf("%s%s%s", *s, (*s)[0] != '\0' ? "; " : "", text);

	free(*s);
	*s = n;
}

/* What was done in the quarter: steps done, the quarter's note, changes of status. */
static char *
done_in(const struct issue *i, const char *quarter, kz_date from, kz_date to)
{
	char *s = xstrdup(""), buf[1200], d1[64], d2[64];
	int prev = ISSUE_NEW;

	for (size_t k = 0; k < i->nsteps; k++) {
		const struct issue_step *st = &i->steps[k];

		if (st->done && st->done_on >= from && st->done_on <= to) {
			snprintf(buf, sizeof buf, _("%s (done %s)"), st->text != NULL ? st->text : "",
			    report_date(st->done_on, d1, sizeof d1));
			append(&s, buf);
		}
	}
	for (size_t k = 0; k < i->nprogress; k++)
		if (i->progress[k].quarter != NULL && strcmp(i->progress[k].quarter, quarter) == 0 &&
		    i->progress[k].text != NULL)
			append(&s, i->progress[k].text);
	for (size_t k = 0; k < i->nhistory; k++) {
		const struct issue_event *ev = &i->history[k];
		kz_date day = ev->at_ms != 0 ? local_day(ev->at_ms) : DATE_NONE;
		bool in = day != DATE_NONE && day >= from && day <= to;

		if (in && ev->deadline_was != DATE_NONE && ev->deadline != DATE_NONE) {
			snprintf(buf, sizeof buf, _("deadline moved from %s to %s"),
			    report_date(ev->deadline_was, d1, sizeof d1),
			    report_date(ev->deadline, d2, sizeof d2));
			append(&s, buf);
		} else if (in && ev->status != prev) {
			snprintf(buf, sizeof buf, _("status: %s (%s)"), report_status(ev->status),
			    report_date(day, d1, sizeof d1));
			append(&s, buf);
		}
		prev = ev->status;
	}
	if (s[0] == '\0') {
		free(s);
		s = xstrdup("—");
	}
	return s;
}

/* What remains: the steps not done, with their deadlines. */
static char *
remains(const struct issue *i)
{
	char *s = xstrdup(""), buf[1200], d[64];

	if (closed(i->status)) {
		free(s);
		return xstrdup("—");
	}
	for (size_t k = 0; k < i->nsteps; k++) {
		const struct issue_step *st = &i->steps[k];

		if (st->done)
			continue;
		if (st->deadline != DATE_NONE)
			snprintf(buf, sizeof buf, _("%s (by %s)"), st->text != NULL ? st->text : "",
			    report_date(st->deadline, d, sizeof d));
		else
			snprintf(buf, sizeof buf, "%s", st->text != NULL ? st->text : "");
		append(&s, buf);
	}
	if (s[0] == '\0') {
		free(s);
		s = xstrdup(_("to be solved; no further measure recorded"));
	}
	return s;
}

static struct report_doc *
build(struct row *rows, size_t n, struct report_units *un, const char *office, int year,
    int q, const char *lang, kz_date today)
{
	const char *head[] = { _("No."), _("Problem issue"), _("Place"), _("Executor"),
		_("Deadline"), _("Status"), _("Done in the quarter"), _("What remains") };
	struct report_doc *d = report_doc_new(lang, _("Progress on the problem issues raised at "
	    "the meetings with the population"));
	kz_date from = date_from_ymd(year, 3 * q - 2, 1);
	kz_date to = (q == 4 ? date_from_ymd(year + 1, 1, 1) : date_from_ymd(year, 3 * q + 1, 1)) - 1;
	char quarter[16], qname[64], sub[512], d1[64], d2[64], no[16], dl[96];
	long solved = 0, work = 0, explained = 0, rejected = 0, overdue = 0;
	struct report_table *t;

	snprintf(quarter, sizeof quarter, "%d-Q%d", year, q);
	report_subtitle(d, report_units_name(un, office));
	snprintf(sub, sizeof sub, _("%s: from %s to %s"), report_quarter(year, q, qname,
	    sizeof qname), report_date(from, d1, sizeof d1), report_date(to, d2, sizeof d2));
	report_subtitle(d, sub);
	snprintf(sub, sizeof sub, _("Published under point 4 of Decree No. 826 (A-4) on %s"),
	    report_date(today, d1, sizeof d1));
	report_subtitle(d, sub);

	for (size_t k = 0; k < n; k++) {
		int st = rows[k].i->status;

		solved += st == ISSUE_RESOLVED;
		explained += st == ISSUE_EXPLAINED;
		rejected += st == ISSUE_REJECTED;
		work += !closed(st);
		overdue += issue_overdue(rows[k].i, today);
	}
	report_section(d, _("Summary"));
	report_kvf(d, _("Problem issues"), "%zu", n);
	report_kvf(d, _("Solved"), "%ld", solved);
	report_kvf(d, _("In work"), "%ld", work);
	report_kvf(d, _("Explained"), "%ld", explained);
	if (rejected > 0)
		report_kvf(d, _("Rejected"), "%ld", rejected);
	report_kvf(d, _("Overdue"), "%ld", overdue);

	report_section(d, _("Problem issues and their progress"));
	if (n == 0) {
		report_para(d, _("No problem issue raised at a meeting was to be solved in this "
		    "quarter."));
		return d;
	}
	t = report_table_new(d, 8, head, REPORT_COL(0));
	for (size_t k = 0; k < n; k++) {
		const struct issue *i = rows[k].i;
		char *done = done_in(i, quarter, from, to), *rest = remains(i);
		const char *row[8];

		snprintf(no, sizeof no, "%zu", k + 1);
		row[0] = no;
		row[1] = i->title != NULL ? i->title : "";
		row[2] = report_units_name(un, i->unit);
		row[3] = i->executor != NULL ? i->executor : "";
		row[4] = report_deadline(i, today, dl, sizeof dl);
		row[5] = report_status(i->status);
		row[6] = done;
		row[7] = rest;
		report_row(t, row);
		free(done);
		free(rest);
	}
	return d;
}

int
report_quarterly(struct store *s, int year, int q, const char *lang, kz_date today,
    struct report_doc **doc, struct kz_error *e)
{
	struct rec_array visits = { 0 }, issues = { 0 };
	struct visit_day *days;
	struct row *rows;
	struct report_units *un;
	struct node nd;
	kz_date from, to;
	size_t n = 0, nvisits;

	*doc = NULL;
	if (report_lang_valid(lang) != 0)
		return kz_fail(e, KZ_EINVAL, _("language '%s': kk, ru or en"), lang);
	if (q < 1 || q > 4)
		return kz_fail(e, KZ_EINVAL, _("quarter %d: quarters are 1 to 4"), q);
	from = date_from_ymd(year, 3 * q - 2, 1);
	to = (q == 4 ? date_from_ymd(year + 1, 1, 1) : date_from_ymd(year, 3 * q + 1, 1)) - 1;
	if (node_get(s, &nd, e) != 0 || visit_list(s, DATE_NONE, to + 1, &visits, e) != 0)
		return -1;
	if (issue_list(s, -1, &issues, e) != 0) {
		rec_array_free(&visit_kind, &visits);
		return -1;
	}
	/* The meetings' days by id, for the day each issue was raised. */
	days = xcalloc(visits.n + 1, sizeof *days);
	for (size_t k = 0; k < visits.n; k++) {
		const struct visit *v = (const struct visit *)visits.items + k;

		days[k].id = v->id;
		days[k].date = v->withdrawn ? DATE_NONE : v->date;
	}
	nvisits = visits.n;
	qsort(days, nvisits, sizeof *days, by_id);
	rec_array_free(&visit_kind, &visits);

	rows = xcalloc(issues.n + 1, sizeof *rows);
	for (size_t k = 0; k < issues.n; k++) {
		struct issue *i = (struct issue *)issues.items + k;
		struct visit_day key, *vd;
		kz_date c;

		if (i->withdrawn || uid_is_nil(&i->visit))
			continue;
		key.id = i->visit;
		vd = bsearch(&key, days, nvisits, sizeof *days, by_id);
		if (vd == NULL || vd->date == DATE_NONE || vd->date > to)
			continue;
		if (closed(i->status) && (c = closed_on(i)) != DATE_NONE && c < from)
			continue;
		rows[n].i = i;
		rows[n++].raised = vd->date;
	}
	free(days);
	if (n > 1)
		qsort(rows, n, sizeof *rows, by_raised);

	un = report_units_new(s, report_lang_units(lang));
	report_lang_push(lang);
	*doc = build(rows, n, un, nd.unit, year, q, lang, today);
	report_lang_pop();
	report_units_free(&un);
	free(rows);
	rec_array_free(&issue_kind, &issues);
	return 0;
}
