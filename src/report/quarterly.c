/*
 * the quarter's progress on the problem issues raised at meetings, published by the
 * 25th of the month after the quarter (report/reports.h).
 *
 * Which issues: those raised at a meeting (their `visit`) held by the quarter's end, not
 * withdrawn, and not closed (solved, explained, rejected) before the quarter began: every
 * issue that was still to be solved at some time in the quarter.
 *
 * As at the quarter's end (decision, issue 9): the report is of the quarter, so each
 * issue's status, deadline, "overdue" and what remains are those of the quarter's last day,
 * read from its dated history (each change of status or deadline is an event with its
 * time); a change after the quarter is written beside the status («in work; after the
 * quarter: solved (12 January 2027)»), so that what the public is told is not out of date
 * either. An issue with no dated history (imported) is taken as it is now.
 *
 * Memory (issue 9): a region's quarter is 100,000 issues of long text. One read view;
 * the issues are read a page at a time for the summary's counts and a small key each (the
 * order: the day raised, the place, the title's first bytes, then the order recorded), then
 * the table is a streamed one (report_table_stream): each issue is read again by id and
 * written as its row is made. The document holds the view and the keys, not the issues.
 */
#include "report/reports.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/issue.h"
#include "core/node.h"
#include "core/rules.h"
#include "core/view.h"
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

/* What is kept of an issue between its two reads: its place in the table. */
struct key {
	struct kz_uuid id;
	kz_date raised;
	char unit[10];
	char title[40];		/* the title's first bytes (to order by; never shown) */
};

static int
by_raised(const void *a, const void *b)
{
	const struct key *x = a, *y = b;
	int c;

	if (x->raised != y->raised)
		return x->raised < y->raised ? -1 : 1;
	if ((c = strcmp(x->unit, y->unit)) != 0)
		return c;
	if ((c = strncmp(x->title, y->title, sizeof x->title)) != 0)
		return c;
	return uid_cmp(&x->id, &y->id);
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

/*
 * The issue's status at the end of day: that of its last event dated by then. Before its
 * first event (it was recorded later): the status it was recorded with when first, else
 * -1. -1 too when it has no dated history (not known).
 */
static int
status_on(const struct issue *i, kz_date day, bool first)
{
	int st = -1;
	bool dated = false;

	for (size_t k = 0; k < i->nhistory; k++) {
		const struct issue_event *ev = &i->history[k];

		if (ev->at_ms == 0)
			continue;
		if (!dated && first)
			st = ev->status;
		dated = true;
		if (local_day(ev->at_ms) <= day)
			st = ev->status;
	}
	return st;
}

/* The deadline at the end of day: a later move keeps the one it replaced. */
static kz_date
deadline_on(const struct issue *i, kz_date day)
{
	for (size_t k = 0; k < i->nhistory; k++) {
		const struct issue_event *ev = &i->history[k];

		if (ev->at_ms != 0 && local_day(ev->at_ms) > day && ev->deadline_was != DATE_NONE &&
		    ev->deadline != DATE_NONE)
			return ev->deadline_was;
	}
	return i->deadline;
}

/* A step not done by the end of day (done on an unknown day: done). */
static bool
step_open_on(const struct issue_step *st, kz_date day)
{
	return !st->done || (st->done_on != DATE_NONE && st->done_on > day);
}

/* Overdue at the end of day, as issue_overdue says of the day after it. */
static bool
overdue_on(const struct issue *i, int status, kz_date day)
{
	kz_date dl = deadline_on(i, day);

	if (!issue_is_open(status))
		return false;
	if (dl != DATE_NONE && dl <= day)
		return true;
	for (size_t k = 0; k < i->nsteps; k++)
		if (step_open_on(&i->steps[k], day) && i->steps[k].deadline != DATE_NONE &&
		    i->steps[k].deadline <= day)
			return true;
	return false;
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

/* What remained at the quarter's end: the steps not done by then, with their deadlines. */
static char *
remains(const struct issue *i, int status, kz_date to)
{
	char *s = xstrdup(""), buf[1200], d[64];

	if (closed(status)) {
		free(s);
		return xstrdup("—");
	}
	for (size_t k = 0; k < i->nsteps; k++) {
		const struct issue_step *st = &i->steps[k];

		if (!step_open_on(st, to))
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

/*
 * The status cell: the status at the quarter's end, and what changed after it (the
 * status now and the day it was set; a deadline moved), so that the reader is not told
 * something out of date.
 */
static char *
status_cell(const struct issue *i, int status, kz_date to)
{
	char *s = xstrdup(report_status(status)), *after = xstrdup(""), buf[256], d[64];
	int prev = status;
	kz_date changed = DATE_NONE, moved = DATE_NONE;

	for (size_t k = 0; k < i->nhistory; k++) {
		const struct issue_event *ev = &i->history[k];

		if (ev->at_ms == 0 || local_day(ev->at_ms) <= to)
			continue;
		if (ev->status != prev)
			changed = local_day(ev->at_ms);
		if (ev->deadline_was != DATE_NONE && ev->deadline != DATE_NONE)
			moved = ev->deadline;
		prev = ev->status;
	}
	if (changed != DATE_NONE && i->status != status) {
		snprintf(buf, sizeof buf, _("%s (%s)"), report_status(i->status),
		    report_date(changed, d, sizeof d));
		append(&after, buf);
	}
	if (moved != DATE_NONE && i->deadline == moved && issue_is_open(i->status)) {
		snprintf(buf, sizeof buf, _("deadline %s"), report_date(moved, d, sizeof d));
		append(&after, buf);
	}
	if (after[0] != '\0') {
		char *n = xasprintf(_("%s; after the quarter: %s"), s, after);

		free(s);
		s = n;
	}
	free(after);
	return s;
}

/* What the streamed table's rows are read from; the document owns it. */
struct quarter {
	struct view *v;
	struct key *keys;
	size_t n;
	struct report_units *un;
	char lang[8], quarter[16];
	kz_date from, to;
};

static void
quarter_free(void *arg)
{
	struct quarter *q = arg;

	view_close(&q->v);
	report_units_free(&q->un);
	free(q->keys);
	free(q);
}

/* The table's rows: each issue read again through the view, written, and freed. */
static int
quarter_rows(void *arg, struct report_table *t, struct kz_error *e)
{
	struct quarter *q = arg;
	char no[24], dl[128], d[64];
	int rc = 0;

	report_lang_push(q->lang);
	for (size_t k = 0; k < q->n && rc == 0; k++) {
		struct issue i;
		const char *row[8];
		char *done, *rest, *st;
		int status;
		kz_date deadline;

		if ((rc = view_issue(q->v, &q->keys[k].id, &i, e)) != 0)
			break;
		if ((status = status_on(&i, q->to, true)) < 0)
			status = i.status;
		deadline = deadline_on(&i, q->to);
		if (deadline == DATE_NONE)
			snprintf(dl, sizeof dl, "%s", _("not set"));
		else if (overdue_on(&i, status, q->to))
			snprintf(dl, sizeof dl, _("%s (overdue)"), report_date(deadline, d,
			    sizeof d));
		else
			report_date(deadline, dl, sizeof dl);
		done = done_in(&i, q->quarter, q->from, q->to);
		rest = remains(&i, status, q->to);
		st = status_cell(&i, status, q->to);
		snprintf(no, sizeof no, "%zu", k + 1);
		row[0] = no;
		row[1] = i.title != NULL ? i.title : "";
		row[2] = report_units_name(q->un, i.unit);
		row[3] = i.executor != NULL ? i.executor : "";
		row[4] = dl;
		row[5] = st;
		row[6] = done;
		row[7] = rest;
		report_row(t, row);
		free(done);
		free(rest);
		free(st);
		issue_free(&i);
		/* The store's pages read so far let go now and then: the resident set stays small. */
		if ((k + 1) % 4096 == 0)
			view_release_pages(q->v);
	}
	report_lang_pop();
	return rc;
}

/* The summary's counts, as at the quarter's end. */
struct counts {
	long solved, work, explained, rejected, overdue;
};

static struct report_doc *
build(struct quarter *qt, const struct counts *c, const char *office, int year, int q,
    kz_date today)
{
	const char *head[] = { _("No."), _("Problem issue"), _("Place"), _("Executor"),
		_("Deadline"), _("Status"), _("Done in the quarter"), _("What remains") };
	struct report_doc *d = report_doc_new(qt->lang, _("Progress on the problem issues "
	    "raised at the meetings with the population"));
	char qname[64], sub[512], d1[64], d2[64];

	report_subtitle(d, report_units_name(qt->un, office));
	snprintf(sub, sizeof sub, _("%s: from %s to %s"), report_quarter(year, q, qname,
	    sizeof qname), report_date(qt->from, d1, sizeof d1), report_date(qt->to, d2,
	    sizeof d2));
	report_subtitle(d, sub);
	snprintf(sub, sizeof sub, _("Published under point 4 of Decree No. 826 (A-4) on %s"),
	    report_date(today, d1, sizeof d1));
	report_subtitle(d, sub);

	report_section(d, _("Summary"));
	report_paraf(d, _("As at %s, the quarter's last day."), report_date(qt->to, d1,
	    sizeof d1));
	report_kvf(d, _("Problem issues"), "%zu", qt->n);
	report_kvf(d, _("Solved"), "%ld", c->solved);
	report_kvf(d, _("In work"), "%ld", c->work);
	report_kvf(d, _("Explained"), "%ld", c->explained);
	if (c->rejected > 0)
		report_kvf(d, _("Rejected"), "%ld", c->rejected);
	report_kvf(d, _("Overdue"), "%ld", c->overdue);

	report_section(d, _("Problem issues and their progress"));
	if (qt->n == 0) {
		report_para(d, _("No problem issue raised at a meeting was to be solved in this "
		    "quarter."));
		quarter_free(qt);
		return d;
	}
	report_paraf(d, _("Statuses, deadlines and what remains are as at %s; a change after "
	    "the quarter is written beside the status."), report_date(qt->to, d1, sizeof d1));
	report_table_stream(d, 8, head, REPORT_COL(0), quarter_rows, qt, quarter_free);
	return d;
}

/* The meetings held by the quarter's end, by id, with their days: *n of them. */
static struct visit_day *
quarter_visits(struct view *v, kz_date to, size_t *n, struct kz_error *e)
{
	struct rec_cursor cur = { .valid = false };
	enum rec_page_dir dir = PAGE_FIRST;
	struct rec_array a = { 0 };
	struct visit_day *days = NULL;
	size_t got, cap = 0;
	bool past = false;

	*n = 0;
	do {
		rec_array_free(&visit_kind, &a);
		if (view_visits(v, &cur, dir, 512, &a, e) != 0) {
			rec_array_free(&visit_kind, &a);
			free(days);
			return NULL;
		}
		got = a.n;
		for (size_t k = 0; k < a.n; k++) {
			const struct visit *m = (const struct visit *)a.items + k;

			/* By date: the first after the quarter ends the walk. */
			if (m->date > to) {
				past = true;
				break;
			}
			if (m->withdrawn || m->date == DATE_NONE)
				continue;
			days = xgrow(days, &cap, *n + 1, sizeof *days);
			days[*n].id = m->id;
			days[(*n)++].date = m->date;
		}
		dir = PAGE_AFTER;
	} while (got == 512 && !past);
	rec_array_free(&visit_kind, &a);
	if (*n > 1)
		qsort(days, *n, sizeof *days, by_id);
	return days != NULL ? days : xcalloc(1, sizeof *days);
}

/* Each issue of the quarter counted and its key kept (a page of issues at a time). */
static int
quarter_issues(struct quarter *qt, const struct visit_day *days, size_t nvisits,
    struct counts *c, struct kz_error *e)
{
	struct rec_cursor cur = { .valid = false };
	enum rec_page_dir dir = PAGE_FIRST;
	struct rec_array a = { 0 };
	size_t got, cap = 0, pages = 0;

	do {
		rec_array_free(&issue_kind, &a);
		if (view_issues(qt->v, -1, &cur, dir, 256, &a, e) != 0) {
			rec_array_free(&issue_kind, &a);
			return -1;
		}
		got = a.n;
		for (size_t k = 0; k < a.n; k++) {
			const struct issue *i = (const struct issue *)a.items + k;
			struct visit_day vk;
			const struct visit_day *vd;
			struct key *key;
			int before, end;

			if (i->withdrawn || uid_is_nil(&i->visit))
				continue;
			vk.id = i->visit;
			vd = bsearch(&vk, days, nvisits, sizeof *days, by_id);
			if (vd == NULL)
				continue;
			/* Closed before the quarter began: not of this quarter. */
			before = status_on(i, qt->from - 1, false);
			if (before >= 0 && closed(before))
				continue;
			if ((end = status_on(i, qt->to, true)) < 0)
				end = i->status;
			c->solved += end == ISSUE_RESOLVED;
			c->explained += end == ISSUE_EXPLAINED;
			c->rejected += end == ISSUE_REJECTED;
			c->work += !closed(end);
			c->overdue += overdue_on(i, end, qt->to);
			qt->keys = xgrow(qt->keys, &cap, qt->n + 1, sizeof *qt->keys);
			key = &qt->keys[qt->n++];
			memset(key, 0, sizeof *key);
			key->id = i->id;
			key->raised = vd->date;
			memcpy(key->unit, i->unit, sizeof key->unit);
			key->unit[sizeof key->unit - 1] = '\0';
			snprintf(key->title, sizeof key->title, "%s", i->title != NULL ? i->title :
			    "");
		}
		if (++pages % 16 == 0)
			view_release_pages(qt->v);
		dir = PAGE_AFTER;
	} while (got == 256);
	rec_array_free(&issue_kind, &a);
	return 0;
}

int
report_quarterly(struct store *s, int year, int q, const char *lang, kz_date today,
    struct report_doc **doc, struct kz_error *e)
{
	struct visit_day *days;
	struct quarter *qt;
	struct counts c = { 0 };
	struct node nd;
	size_t nvisits;

	*doc = NULL;
	if (report_lang_valid(lang) != 0)
		return kz_fail(e, KZ_EINVAL, _("language '%s': kk, ru or en"), lang);
	if (q < 1 || q > 4)
		return kz_fail(e, KZ_EINVAL, _("quarter %d: quarters are 1 to 4"), q);
	if (node_get(s, &nd, e) != 0)
		return -1;
	qt = xcalloc(1, sizeof *qt);
	snprintf(qt->lang, sizeof qt->lang, "%s", lang);
	snprintf(qt->quarter, sizeof qt->quarter, "%d-Q%d", year, q);
	qt->from = date_from_ymd(year, 3 * q - 2, 1);
	qt->to = (q == 4 ? date_from_ymd(year + 1, 1, 1) : date_from_ymd(year, 3 * q + 1, 1)) - 1;
	if (view_open(s, &qt->v, e) != 0) {
		free(qt);
		return -1;
	}
	if ((days = quarter_visits(qt->v, qt->to, &nvisits, e)) == NULL) {
		quarter_free(qt);
		return -1;
	}
	if (quarter_issues(qt, days, nvisits, &c, e) != 0) {
		free(days);
		quarter_free(qt);
		return -1;
	}
	free(days);
	if (qt->n > 1)
		qsort(qt->keys, qt->n, sizeof *qt->keys, by_raised);
	qt->un = report_units_new(s, report_lang_units(lang));
	report_lang_push(lang);
	*doc = build(qt, &c, nd.unit, year, q, today);
	report_lang_pop();
	return 0;
}
