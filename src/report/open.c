/*
 * kezdesu export-open: issues, meetings and obligations as open data (issue 9).
 *
 * The layout is docs/open-data.md, and it is a promise: each file's columns are the
 * tables below, in this order; a later version only adds columns at the end (and raises
 * OPEN_LAYOUT_VERSION), never renames, removes, retypes or reorders one. Every row is
 * built cell by cell against its table, and a cell of the wrong type or a row of the
 * wrong length is a broken invariant (fatal), so that the header and the values cannot
 * drift apart.
 *
 * Personal data stays in the office (DESIGN.md; issue 9: "Citizens' names and contacts
 * never appear in any report or export"): no question is exported, only counts of them per
 * meeting and issue; no name or contact of an asker; no official's name from the change
 * log (the issue's history is exported as the date its status was set, nothing else).
 * Counts of people (a meeting's attendance) below 3 are withheld, so that a person cannot
 * be singled out in a small village: the column is empty and another one says why.
 *
 * Decisions for loaders (docs/open-data.md, "Loading"): CSV is UTF-8 without a BOM, one
 * header line, fields separated by commas, lines ended by LF (PostgreSQL's COPY finds the
 * line end from the first line and accepts LF; python's csv reads either); text columns
 * are always quoted, with " doubled, so that line breaks, commas and quotes inside stay
 * data, and a line of the file never begins with \. (PostgreSQL's end-of-data marker);
 * other columns are never quoted. A value that is absent is an empty unquoted field,
 * which COPY reads as NULL; an empty text is absent too. JSON Lines: one object a line,
 * the same keys in the same order, absent values null, numbers and booleans as JSON's.
 */
#include "report/open.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <sodium.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/compliance.h"
#include "core/issue.h"
#include "core/node.h"
#include "core/question.h"
#include "core/rules.h"
#include "core/text.h"
#include "core/unit.h"
#include "core/view.h"
#include "core/visit.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

const char *const open_table_names[OPEN_TABLE_COUNT] = { "issues", "meetings", "obligations" };
const char *const open_format_names[OPEN_FORMAT_COUNT] = { "csv", "jsonl" };

/* The types of docs/open-data.md; SQL's names for them are the documentation's. */
enum col_type { T_INT, T_BOOL, T_TEXT, T_DATE, T_TIME, T_TIMESTAMP, T_UUID };

struct col {
	const char *name;
	enum col_type type;
};

/* ---- the layout (docs/open-data.md): append only ---------------------------------- */

static const struct col issue_cols[] = {
	{ "layout_version", T_INT },
	{ "id", T_UUID },
	{ "office_kato", T_TEXT },
	{ "unit_kato", T_TEXT },
	{ "unit_name_kk", T_TEXT },
	{ "unit_name_ru", T_TEXT },
	{ "title", T_TEXT },
	{ "topic", T_TEXT },
	{ "status", T_TEXT },
	{ "status_since", T_DATE },
	{ "level", T_TEXT },
	{ "body", T_TEXT },
	{ "executor", T_TEXT },
	{ "deadline", T_DATE },
	{ "deadline_original", T_DATE },
	{ "overdue", T_BOOL },
	{ "created_on", T_DATE },
	{ "meeting_id", T_UUID },
	{ "meetings_later", T_INT },
	{ "questions", T_INT },
	{ "plan_steps", T_INT },
	{ "plan_steps_done", T_INT },
	{ "needs_session", T_BOOL },
	{ "amount_kzt", T_INT },
	{ "session_date", T_DATE },
	{ "decision", T_TEXT },
	{ "progress_quarter", T_TEXT },
	{ "progress", T_TEXT },
	{ "as_of", T_DATE },
};

static const struct col meeting_cols[] = {
	{ "layout_version", T_INT },
	{ "id", T_UUID },
	{ "office_kato", T_TEXT },
	{ "akim_kato", T_TEXT },
	{ "akim_name_kk", T_TEXT },
	{ "akim_name_ru", T_TEXT },
	{ "target_kato", T_TEXT },
	{ "target_name_kk", T_TEXT },
	{ "target_name_ru", T_TEXT },
	{ "date", T_DATE },
	{ "time", T_TIME },
	{ "duration_min", T_INT },
	{ "status", T_TEXT },
	{ "field", T_BOOL },
	{ "unscheduled", T_BOOL },
	{ "unscheduled_reason", T_TEXT },
	{ "venue", T_TEXT },
	{ "announce_by", T_DATE },
	{ "announced_on", T_DATE },
	{ "channels", T_TEXT },
	{ "broadcast", T_TEXT },
	{ "comments", T_TEXT },
	{ "no_broadcast_reason", T_TEXT },
	{ "videoconf", T_BOOL },
	{ "started_at", T_TIMESTAMP },
	{ "report_end_at", T_TIMESTAMP },
	{ "ended_at", T_TIMESTAMP },
	{ "invited", T_TEXT },
	{ "attendance", T_INT },
	{ "attendance_below_3", T_BOOL },
	{ "questions", T_INT },
	{ "questions_answered", T_INT },
	{ "requests", T_INT },
	{ "receptions_end", T_DATE },
	{ "published_on", T_DATE },
	{ "moved_from", T_DATE },
	{ "moved_reason", T_TEXT },
};

static const struct col obligation_cols[] = {
	{ "layout_version", T_INT },
	{ "id", T_UUID },
	{ "office_kato", T_TEXT },
	{ "rule", T_TEXT },
	{ "status", T_TEXT },
	{ "akim_kato", T_TEXT },
	{ "akim_name_kk", T_TEXT },
	{ "akim_name_ru", T_TEXT },
	{ "target_kato", T_TEXT },
	{ "target_name_kk", T_TEXT },
	{ "target_name_ru", T_TEXT },
	{ "period", T_TEXT },
	{ "meeting_id", T_UUID },
	{ "meeting_date", T_DATE },
	{ "issue_id", T_UUID },
	{ "step", T_INT },
	{ "due", T_DATE },
	{ "days", T_INT },
	{ "what", T_TEXT },
	{ "as_of", T_DATE },
};

#define NCOLS(a) (sizeof(a) / sizeof((a)[0]))

static const struct {
	const struct col *cols;
	size_t n;
} tables[OPEN_TABLE_COUNT] = {
	[OPEN_ISSUES] = { issue_cols, NCOLS(issue_cols) },
	[OPEN_MEETINGS] = { meeting_cols, NCOLS(meeting_cols) },
	[OPEN_OBLIGATIONS] = { obligation_cols, NCOLS(obligation_cols) },
};

/* ---- rows ------------------------------------------------------------------------ */

/* One row being written: the next cell's column is checked against the table. */
struct row {
	FILE *f;
	enum open_format fmt;
	const struct col *cols;
	size_t ncols, i;
};

static void
row_begin(struct row *r, FILE *f, enum open_format fmt, enum open_table t)
{
	r->f = f;
	r->fmt = fmt;
	r->cols = tables[t].cols;
	r->ncols = tables[t].n;
	r->i = 0;
	if (fmt == OPEN_JSONL)
		putc('{', f);
}

static void
row_end(struct row *r)
{
	if (r->i != r->ncols)
		fatal("open data: a row of %zu cells for %zu columns", r->i, r->ncols);
	if (r->fmt == OPEN_JSONL)
		putc('}', r->f);
	putc('\n', r->f);
}

static void
json_sink(void *arg, const char *s, size_t n)
{
	fwrite(s, 1, n, arg);
}

/*
 * Starts the next cell, of type type (the column's must be the same): the separator and,
 * for JSON, its key.
 */
static void
cell_start(struct row *r, enum col_type type)
{
	const struct col *c;

	if (r->i >= r->ncols)
		fatal("open data: a cell after the last column");
	c = &r->cols[r->i];
	if (c->type != type)
		fatal("open data: column %s given a value of another type", c->name);
	if (r->i > 0)
		putc(',', r->f);
	if (r->fmt == OPEN_JSONL)
		fprintf(r->f, "\"%s\":", c->name);
	r->i++;
}

/* An absent value: an empty unquoted CSV field (NULL to COPY), null in JSON. */
static void
cell_none(struct row *r, enum col_type type)
{
	cell_start(r, type);
	if (r->fmt == OPEN_JSONL)
		fputs("null", r->f);
}

static void
cell_text(struct row *r, const char *s)
{
	if (s == NULL || s[0] == '\0') {
		cell_none(r, T_TEXT);
		return;
	}
	cell_start(r, T_TEXT);
	if (r->fmt == OPEN_JSONL) {
		putc('"', r->f);
		text_escape(s, strlen(s), TEXT_ESC_JSON, json_sink, r->f);
		putc('"', r->f);
		return;
	}
	/* RFC 4180: always quoted, a quote doubled; everything else as stored. */
	putc('"', r->f);
	for (; *s != '\0'; s++) {
		if (*s == '"')
			putc('"', r->f);
		putc(*s, r->f);
	}
	putc('"', r->f);
}

/* A value of a non-text type, already formatted: never quoted in CSV; JSON: quoted or not. */
static void
cell_raw(struct row *r, enum col_type type, const char *s, bool json_quoted)
{
	cell_start(r, type);
	if (r->fmt == OPEN_JSONL && json_quoted)
		fprintf(r->f, "\"%s\"", s);
	else
		fputs(s, r->f);
}

static void
cell_int(struct row *r, int64_t n)
{
	char b[24];

	snprintf(b, sizeof b, "%" PRId64, n);
	cell_raw(r, T_INT, b, false);
}

static void
cell_bool(struct row *r, bool b)
{
	cell_raw(r, T_BOOL, b ? "true" : "false", false);
}

static void
cell_date(struct row *r, kz_date d)
{
	char b[11];

	if (d == DATE_NONE) {
		cell_none(r, T_DATE);
		return;
	}
	date_format(d, b);
	cell_raw(r, T_DATE, b, true);
}

static void
cell_uuid(struct row *r, const struct kz_uuid *u)
{
	char b[UID_STRLEN];

	if (u == NULL || uid_is_nil(u)) {
		cell_none(r, T_UUID);
		return;
	}
	uid_format(u, b);
	cell_raw(r, T_UUID, b, true);
}

/* A moment as ISO 8601 in the office's time (UTC+5, rules.h), with its offset. */
static void
cell_timestamp(struct row *r, int64_t ms)
{
	char b[40];
	struct tm tm;
	time_t t;

	if (ms == 0) {
		cell_none(r, T_TIMESTAMP);
		return;
	}
	t = (time_t)(ms / 1000) + RULES_UTC_OFFSET_KZ * 60;
	gmtime_r(&t, &tm);
	snprintf(b, sizeof b, "%04d-%02d-%02dT%02d:%02d:%02d+%02d:%02d", tm.tm_year + 1900,
	    tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
	    RULES_UTC_OFFSET_KZ / 60, RULES_UTC_OFFSET_KZ % 60);
	cell_raw(r, T_TIMESTAMP, b, true);
}

static void
header(FILE *f, enum open_table t)
{
	for (size_t i = 0; i < tables[t].n; i++)
		fprintf(f, "%s%s", i > 0 ? "," : "", tables[t].cols[i].name);
	putc('\n', f);
}

/* An enum's stable English name (never translated: a code), or NULL out of range. */
static const char *
name_of(const char *const *names, int n, int v)
{
	return v >= 0 && v < n ? names[v] : NULL;
}

/* ---- what the rows need beside the records ---------------------------------------- */

/* Questions counted per meeting or issue (the texts never leave the store). */
struct count {
	struct kz_uuid id;
	int hall, answered, pool;	/* asked in the hall, answered on the spot, requests (P-2) */
	int all;			/* any source, not withdrawn */
};

struct counts {
	struct count *v;
	size_t n, cap;
};

struct ctx {
	struct store *s;
	const struct open_options *o;
	char office[10];
	struct rec_array units;		/* struct unit under the office, by code */
	struct counts by_visit, by_issue;
	bool counted;
};

static int
unit_cmp(const void *a, const void *b)
{
	return strcmp(((const struct unit *)a)->code, ((const struct unit *)b)->code);
}

static int
count_cmp(const void *a, const void *b)
{
	return uid_cmp(&((const struct count *)a)->id, &((const struct count *)b)->id);
}

/* The unit of code: under the office (loaded once), else read (a unit elsewhere, rare). */
static void
names_of_unit(struct ctx *x, const char *code, char **kk, char **ru)
{
	struct unit key, *u, one;
	struct kz_error e;

	*kk = *ru = NULL;
	if (code == NULL || code[0] == '\0')
		return;
	memset(&key, 0, sizeof key);
	snprintf(key.code, sizeof key.code, "%s", code);
	u = x->units.n == 0 ? NULL : bsearch(&key, x->units.items, x->units.n,
	    sizeof(struct unit), unit_cmp);
	if (u != NULL) {
		*kk = u->name_kk != NULL ? xstrdup(u->name_kk) : NULL;
		*ru = u->name_ru != NULL ? xstrdup(u->name_ru) : NULL;
		return;
	}
	if (unit_get(x->s, code, &one, &e) != 0)
		return;		/* no such unit: the code alone */
	*kk = one.name_kk != NULL ? xstrdup(one.name_kk) : NULL;
	*ru = one.name_ru != NULL ? xstrdup(one.name_ru) : NULL;
	unit_free(&one);
}

/* The code and its names in Kazakh and Russian: three cells. */
static void
cells_unit(struct row *r, struct ctx *x, const char *code)
{
	char *kk, *ru;

	names_of_unit(x, code, &kk, &ru);
	cell_text(r, code);
	cell_text(r, kk);
	cell_text(r, ru);
	free(kk);
	free(ru);
}

static struct count *
count_find(const struct counts *c, const struct kz_uuid *id)
{
	struct count key = { .id = *id };

	if (c->n == 0)
		return NULL;	/* bsearch's base must not be NULL, even for no element */
	return bsearch(&key, c->v, c->n, sizeof *c->v, count_cmp);
}

static struct count *
count_push(struct counts *c, const struct kz_uuid *id)
{
	struct count *n;

	c->v = xgrow(c->v, &c->cap, c->n + 1, sizeof *c->v);
	n = &c->v[c->n++];
	memset(n, 0, sizeof *n);
	n->id = *id;
	return n;
}

/* Sorts and merges the counts of one id into one element. */
static void
counts_merge(struct counts *c)
{
	size_t w = 0;

	if (c->n == 0)
		return;
	qsort(c->v, c->n, sizeof *c->v, count_cmp);
	for (size_t i = 1; i < c->n; i++) {
		if (uid_cmp(&c->v[i].id, &c->v[w].id) == 0) {
			c->v[w].hall += c->v[i].hall;
			c->v[w].answered += c->v[i].answered;
			c->v[w].pool += c->v[i].pool;
			c->v[w].all += c->v[i].all;
		} else
			c->v[++w] = c->v[i];
	}
	c->n = w + 1;
}

/*
 * One pass over every question listed (withdrawn ones are in no list), a page at a time
 * from the view, keeping only counts per meeting and issue: questions are never held
 * whole, and their texts, askers' names and contacts are read by the decoder and dropped.
 */
static int
count_questions(struct ctx *x, struct view *v, struct kz_error *e)
{
	struct rec_cursor cur = { .valid = false };
	enum rec_page_dir dir = PAGE_FIRST;
	struct rec_array a = { 0 };
	size_t got, pages = 0;

	do {
		const struct question *q;

		rec_array_free(&question_kind, &a);
		if (view_questions(v, NULL, &cur, dir, 1024, &a, e) != 0) {
			rec_array_free(&question_kind, &a);
			return -1;
		}
		got = a.n;
		q = a.items;
		for (size_t k = 0; k < a.n; k++) {
			/* A run of one meeting's questions adds to its last element. */
			if (!uid_is_nil(&q[k].visit)) {
				struct count *c = x->by_visit.n > 0 &&
				    uid_cmp(&x->by_visit.v[x->by_visit.n - 1].id, &q[k].visit) == 0 ?
				    &x->by_visit.v[x->by_visit.n - 1] : count_push(&x->by_visit,
				    &q[k].visit);

				c->all++;
				c->hall += q[k].source == QS_MEETING;
				c->answered += q[k].source == QS_MEETING && q[k].answered;
				c->pool += q[k].source == QS_POOL;
			}
			if (!uid_is_nil(&q[k].issue))
				count_push(&x->by_issue, &q[k].issue)->all++;
		}
		if (++pages % 64 == 0) {
			view_release_pages(v);
			counts_merge(&x->by_visit);
			counts_merge(&x->by_issue);
		}
		dir = PAGE_AFTER;
	} while (got == 1024);
	rec_array_free(&question_kind, &a);
	counts_merge(&x->by_visit);
	counts_merge(&x->by_issue);
	x->counted = true;
	return 0;
}

/* ---- issues ---------------------------------------------------------------------- */

/* The day the issue's present status was set: the start of the last run of it. */
static kz_date
status_since(const struct issue *is)
{
	int64_t since = is->created_ms, last = INT64_MIN;
	int prev = -1;

	/*
	 * The history is a set merged from offices: walk it by time. n is small (a few
	 * changes an issue), so the smallest later event is looked for each time.
	 */
	for (size_t done = 0; done < is->nhistory; done++) {
		const struct issue_event *ev = NULL;

		for (size_t k = 0; k < is->nhistory; k++) {
			const struct issue_event *h = &is->history[k];

			if (h->at_ms > last && (ev == NULL || h->at_ms < ev->at_ms))
				ev = h;
		}
		if (ev == NULL)
			break;
		last = ev->at_ms;
		if (ev->status != prev)
			since = ev->at_ms;
		prev = ev->status;
	}
	if (prev != -1 && prev != is->status)
		return DATE_NONE;	/* a history that does not end in it: not known */
	return since != 0 ? rules_local_date(since, RULES_UTC_OFFSET_KZ) : DATE_NONE;
}

/* The deadline first set, before any extension (the earliest event's deadline_was). */
static kz_date
deadline_original(const struct issue *is)
{
	const struct issue_event *first = NULL;

	for (size_t k = 0; k < is->nhistory; k++) {
		const struct issue_event *h = &is->history[k];

		if (h->deadline_was != DATE_NONE && (first == NULL || h->at_ms < first->at_ms))
			first = h;
	}
	return first != NULL ? first->deadline_was : is->deadline;
}

static void
issue_row(struct ctx *x, FILE *f, const struct issue *is)
{
	const struct issue_progress *p = issue_latest_progress(is);
	const struct count *c = count_find(&x->by_issue, &is->id);
	struct row r;
	size_t done = 0;

	for (size_t k = 0; k < is->nsteps; k++)
		done += is->steps[k].done;
	row_begin(&r, f, x->o->format, OPEN_ISSUES);
	cell_int(&r, OPEN_LAYOUT_VERSION);
	cell_uuid(&r, &is->id);
	cell_text(&r, x->office);
	cells_unit(&r, x, is->unit);
	cell_text(&r, is->title);
	cell_text(&r, is->topic);
	cell_text(&r, name_of(issue_status_names, ISSUE_STATUS_COUNT, is->status));
	cell_date(&r, status_since(is));
	cell_text(&r, name_of(issue_level_names, LEVEL_COUNT, is->level));
	cell_text(&r, is->body);
	cell_text(&r, is->executor);
	cell_date(&r, is->deadline);
	cell_date(&r, deadline_original(is));
	cell_bool(&r, issue_overdue(is, x->o->today));
	cell_date(&r, is->created_ms != 0 ?
	    rules_local_date(is->created_ms, RULES_UTC_OFFSET_KZ) : DATE_NONE);
	cell_uuid(&r, &is->visit);
	cell_int(&r, (int64_t)is->nvisits);
	cell_int(&r, c != NULL ? c->all : 0);
	cell_int(&r, (int64_t)is->nsteps);
	cell_int(&r, (int64_t)done);
	cell_bool(&r, is->needs_session);
	if (is->amount != 0)
		cell_int(&r, is->amount);
	else
		cell_none(&r, T_INT);
	cell_date(&r, is->session_date);
	cell_text(&r, is->decision);
	cell_text(&r, p != NULL ? p->quarter : NULL);
	cell_text(&r, p != NULL ? p->text : NULL);
	cell_date(&r, x->o->today);
	row_end(&r);
}

/* ---- meetings -------------------------------------------------------------------- */

static void
meeting_row(struct ctx *x, FILE *f, const struct visit *m)
{
	const struct count *c = count_find(&x->by_visit, &m->id);
	struct row r;
	int64_t people = 0;

	for (size_t k = 0; k < m->nattendance; k++)
		people += m->attendance[k].count;
	row_begin(&r, f, x->o->format, OPEN_MEETINGS);
	cell_int(&r, OPEN_LAYOUT_VERSION);
	cell_uuid(&r, &m->id);
	cell_text(&r, x->office);
	cells_unit(&r, x, m->akim);
	cells_unit(&r, x, m->target);
	cell_date(&r, m->date);
	if (m->time != NULL && m->time[0] != '\0')
		cell_raw(&r, T_TIME, m->time, true);
	else
		cell_none(&r, T_TIME);
	if (m->duration_min > 0)
		cell_int(&r, m->duration_min);
	else
		cell_none(&r, T_INT);
	cell_text(&r, name_of(visit_status_names, VISIT_STATUS_COUNT, m->status));
	cell_bool(&r, m->field);
	cell_bool(&r, m->unscheduled);
	cell_text(&r, m->reason);
	cell_text(&r, m->venue);
	cell_date(&r, m->announce_by);
	cell_date(&r, m->announced_on);
	cell_text(&r, m->channels);
	cell_text(&r, m->broadcast);
	cell_text(&r, name_of(visit_comments_names, COMMENTS_COUNT, m->comments));
	cell_text(&r, m->no_broadcast);
	cell_bool(&r, m->videoconf);
	cell_timestamp(&r, m->started_ms);
	cell_timestamp(&r, m->report_end_ms);
	cell_timestamp(&r, m->ended_ms);
	cell_text(&r, m->invited);
	/*
	 * M-2's attendance, all categories together; fewer than 3 people is withheld (issue 9:
	 * a count below 3 for one village is not shown, so that no one is singled out).
	 */
	if (m->nattendance > 0 && people >= 3)
		cell_int(&r, people);
	else
		cell_none(&r, T_INT);
	cell_bool(&r, m->nattendance > 0 && people < 3);
	cell_int(&r, c != NULL ? c->hall : 0);
	cell_int(&r, c != NULL ? c->answered : 0);
	cell_int(&r, c != NULL ? c->pool : 0);
	cell_date(&r, m->receptions_end);
	cell_date(&r, m->published_on);
	cell_date(&r, m->moved_from);
	cell_text(&r, m->moved_reason);
	row_end(&r);
}

/*
 * The issues or the meetings (t), a page of 512 at a time from the view, each page's
 * rows written before the next is read; the view's pages are let go every 64.
 */
static int
write_paged(struct ctx *x, struct view *v, enum open_table t, FILE *f, struct kz_error *e)
{
	const struct rec_kind *kind = t == OPEN_ISSUES ? &issue_kind : &visit_kind;
	struct rec_cursor cur = { .valid = false };
	enum rec_page_dir dir = PAGE_FIRST;
	struct rec_array a = { 0 };
	size_t got, pages = 0;

	do {
		rec_array_free(kind, &a);
		if ((t == OPEN_ISSUES ? view_issues(v, -1, &cur, dir, 512, &a, e) :
		    view_visits(v, &cur, dir, 512, &a, e)) != 0) {
			rec_array_free(kind, &a);
			return -1;
		}
		got = a.n;
		for (size_t k = 0; k < a.n; k++)
			if (t == OPEN_ISSUES)
				issue_row(x, f, (const struct issue *)a.items + k);
			else
				meeting_row(x, f, (const struct visit *)a.items + k);
		if (++pages % 64 == 0)
			view_release_pages(v);
		dir = PAGE_AFTER;
	} while (got == 512);
	rec_array_free(kind, &a);
	return 0;
}

/* ---- obligations ----------------------------------------------------------------- */

/*
 * An obligation has no record of its own: its id is a hash of what makes it that
 * obligation, in the UUID version 8 layout, so that the same obligation has the same id
 * in every export while its status and days change. That is the rule and what is owed
 * (K-1 owes two things a year), the akim, the target, the period, the meeting, the issue
 * and the step; and for a deadline of the calendar (no meeting, no issue: K-1, K-3, A-4,
 * G-1, G-2, which owes two lists a reporting year) its date, which the rule fixes. A
 * meeting's or an issue's due date moves with it (a meeting moved, a deadline extended)
 * and is left out.
 */
static void
obligation_id(const struct rules_finding *f, const char *per, const struct kz_uuid *visit,
    const struct kz_uuid *issue, struct kz_uuid *out)
{
	crypto_generichash_state h;
	int32_t due = uid_is_nil(visit) && uid_is_nil(issue) ? f->due : DATE_NONE;
	uint8_t n[8] = { (uint8_t)(f->step >> 24), (uint8_t)(f->step >> 16),
		(uint8_t)(f->step >> 8), (uint8_t)f->step, (uint8_t)((uint32_t)due >> 24),
		(uint8_t)((uint32_t)due >> 16), (uint8_t)((uint32_t)due >> 8), (uint8_t)due };

	crypto_generichash_init(&h, (const uint8_t *)"kezdesu-open", 12, 16);
	crypto_generichash_update(&h, (const uint8_t *)f->rule, strlen(f->rule) + 1);
	crypto_generichash_update(&h, (const uint8_t *)f->what, strlen(f->what) + 1);
	crypto_generichash_update(&h, (const uint8_t *)f->akim, strlen(f->akim) + 1);
	crypto_generichash_update(&h, (const uint8_t *)f->target, strlen(f->target) + 1);
	crypto_generichash_update(&h, (const uint8_t *)per, strlen(per) + 1);
	crypto_generichash_update(&h, visit->b, 16);
	crypto_generichash_update(&h, issue->b, 16);
	crypto_generichash_update(&h, n, 8);
	crypto_generichash_final(&h, out->b, 16);
	out->b[6] = (uint8_t)((out->b[6] & 0x0f) | 0x80);	/* version 8 */
	out->b[8] = (uint8_t)((out->b[8] & 0x3f) | 0x80);	/* RFC 9562 variant */
}

static void
obligation_row(struct ctx *x, FILE *f, const struct compliance *cp,
    const struct rules_finding *fi)
{
	const struct visit *m = fi->visit >= 0 && (size_t)fi->visit < cp->visits.n ?
	    (const struct visit *)cp->visits.items + fi->visit : NULL;
	const struct issue *is = fi->issue >= 0 && (size_t)fi->issue < cp->issues.n ?
	    (const struct issue *)cp->issues.items + fi->issue : NULL;
	struct kz_uuid nil = { { 0 } }, id;
	char per[16];
	struct row r;

	rules_finding_period(fi, m != NULL ? m->date : DATE_NONE, per);
	obligation_id(fi, per, m != NULL ? &m->id : &nil, is != NULL ? &is->id : &nil, &id);
	row_begin(&r, f, x->o->format, OPEN_OBLIGATIONS);
	cell_int(&r, OPEN_LAYOUT_VERSION);
	cell_uuid(&r, &id);
	cell_text(&r, x->office);
	cell_text(&r, fi->rule);
	cell_text(&r, rules_status_name(fi->status));
	cells_unit(&r, x, fi->akim);
	cells_unit(&r, x, fi->target);
	cell_text(&r, per);
	cell_uuid(&r, m != NULL ? &m->id : NULL);
	cell_date(&r, m != NULL ? m->date : DATE_NONE);
	cell_uuid(&r, is != NULL ? &is->id : NULL);
	/* the action plan's step, 1, 2, ...; K-2: the revision's number. */
	if (is != NULL && fi->step >= 0)
		cell_int(&r, fi->step + 1);
	else if (is == NULL && strcmp(fi->rule, "K-2") == 0 && fi->step > 0)
		cell_int(&r, fi->step);
	else
		cell_none(&r, T_INT);
	cell_date(&r, fi->due);
	if (fi->status == RULES_PENDING || fi->status == RULES_LATE ||
	    fi->status == RULES_OVERDUE)
		cell_int(&r, fi->days);
	else
		cell_none(&r, T_INT);
	cell_text(&r, fi->what);
	cell_date(&r, x->o->today);
	row_end(&r);
}

static int
write_obligations(struct ctx *x, FILE *f, struct kz_error *e)
{
	struct rules_findings out = { 0 };
	struct compliance cp;

	/* What `kezdesu due` lists, as of the same day and as far ahead. */
	if (compliance_due(x->s, x->o->today, x->o->ahead, &cp, &out, e) != 0)
		return -1;
	for (size_t i = 0; i < out.n; i++)
		obligation_row(x, f, &cp, &out.v[i]);
	rules_findings_free(&out);
	compliance_free(&cp);
	return 0;
}

/* ---- putting it together --------------------------------------------------------- */

static int
ctx_open(struct ctx *x, struct store *s, const struct open_options *o, struct kz_error *e)
{
	struct node n;

	memset(x, 0, sizeof *x);
	x->s = s;
	x->o = o;
	if (node_get(s, &n, e) != 0)
		return -1;
	snprintf(x->office, sizeof x->office, "%s", n.unit);
	if (unit_list(s, x->office, &x->units, e) != 0)
		return -1;
	if (x->units.n > 0)
		qsort(x->units.items, x->units.n, sizeof(struct unit), unit_cmp);
	return 0;
}

static void
ctx_close(struct ctx *x)
{
	rec_array_free(&unit_kind, &x->units);
	free(x->by_visit.v);
	free(x->by_issue.v);
}

/* Table t on f, from the view v (issues, meetings) or compliance_due (obligations). */
static int
write_table(struct ctx *x, struct view *v, enum open_table t, FILE *f, struct kz_error *e)
{
	int rc;

	if (t != OPEN_OBLIGATIONS && !x->counted && count_questions(x, v, e) != 0)
		return -1;
	if (x->o->format == OPEN_CSV)
		header(f, t);
	if (t == OPEN_OBLIGATIONS)
		rc = write_obligations(x, f, e);
	else
		rc = write_paged(x, v, t, f, e);
	return rc;
}

int
open_export(struct store *s, enum open_table t, const struct open_options *o, FILE *f,
    struct kz_error *e)
{
	struct view *v = NULL;
	struct ctx x;
	int rc = -1;

	if (ctx_open(&x, s, o, e) == 0 && view_open(s, &v, e) == 0)
		rc = write_table(&x, v, t, f, e);
	view_close(&v);
	ctx_close(&x);
	if (rc == 0 && (fflush(f) != 0 || ferror(f)))
		rc = kz_fail(e, errno == ENOSPC ? KZ_EFULL : KZ_EIO, _("%s: cannot write the "
		    "export: %s"), open_table_names[t], strerror(errno != 0 ? errno : EIO));
	return rc;
}

/* Removes the temporary files made so far. */
static void
unlink_all(char **tmp, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (tmp[i] != NULL)
			unlink(tmp[i]);
}

/* Writes table t into a new temporary file in dir, synced; its name in *tmp. */
static int
write_temp(struct ctx *x, struct view *v, const char *dir, enum open_table t, mode_t mode,
    char **tmp, struct kz_error *e)
{
	FILE *f;
	int fd, err;

	*tmp = xasprintf("%s/.%s.%s.XXXXXX", dir, open_table_names[t],
	    open_format_names[x->o->format]);
	if ((fd = mkstemp(*tmp)) < 0) {
		err = errno;
		free(*tmp);
		*tmp = NULL;
		return kz_fail(e, err == EACCES || err == EROFS ? KZ_EPERM : KZ_EIO,
		    _("%s: cannot write there: %s"), dir, strerror(err));
	}
	/* Open data: readable by all, as far as the umask lets (mkstemp makes it 0600). */
	if (fchmod(fd, mode) != 0 || (f = fdopen(fd, "w")) == NULL) {
		err = errno;
		close(fd);
		return kz_fail(e, KZ_EIO, _("%s: cannot write the export: %s"), *tmp,
		    strerror(err));
	}
	if (write_table(x, v, t, f, e) != 0) {
		fclose(f);
		return -1;
	}
	errno = 0;
	if (fflush(f) != 0 || ferror(f) || fsync(fileno(f)) != 0) {
		err = errno != 0 ? errno : EIO;
		fclose(f);
		return kz_fail(e, err == ENOSPC ? KZ_EFULL : KZ_EIO, _("%s: cannot write the "
		    "export: %s"), *tmp, strerror(err));
	}
	if (fclose(f) != 0) {
		err = errno;
		return kz_fail(e, KZ_EIO, _("%s: cannot write the export: %s"), *tmp,
		    strerror(err));
	}
	return 0;
}

int
open_export_dir(struct store *s, unsigned mask, const struct open_options *o,
    const char *dir, struct kz_error *e)
{
	char *tmp[OPEN_TABLE_COUNT] = { NULL };
	struct view *v = NULL;
	struct ctx x;
	struct stat st;
	mode_t um;
	int rc = -1, dfd;
	bool made = false;

	um = umask(0);
	umask(um);
	if (stat(dir, &st) != 0) {
		if (errno != ENOENT || mkdir(dir, 0777) != 0)
			return kz_fail(e, errno == EACCES ? KZ_EPERM : KZ_EIO,
			    _("%s: cannot make the directory: %s"), dir, strerror(errno));
		made = true;
	} else if (!S_ISDIR(st.st_mode))
		return kz_fail(e, KZ_EINVAL, _("%s: not a directory"), dir);
	if (ctx_open(&x, s, o, e) != 0 || view_open(s, &v, e) != 0)
		goto out;
	for (int t = 0; t < OPEN_TABLE_COUNT; t++)
		if ((mask & (1u << t)) != 0 &&
		    write_temp(&x, v, dir, (enum open_table)t, 0666 & ~um, &tmp[t], e) != 0)
			goto out;
	/* Every file is complete: now they take their names, one rename each. */
	for (int t = 0; t < OPEN_TABLE_COUNT; t++) {
		char *final;

		if (tmp[t] == NULL)
			continue;
		final = xasprintf("%s/%s.%s", dir, open_table_names[t],
		    open_format_names[o->format]);
		if (rename(tmp[t], final) != 0) {
			kz_fail(e, KZ_EIO, _("%s: cannot write the export: %s"), final,
			    strerror(errno));
			free(final);
			goto out;
		}
		free(final);
		free(tmp[t]);
		tmp[t] = NULL;
	}
	/* The names are durable once the directory is synced. */
	if ((dfd = open(dir, O_RDONLY | O_DIRECTORY)) >= 0) {
		fsync(dfd);
		close(dfd);
	}
	rc = 0;
out:
	unlink_all(tmp, OPEN_TABLE_COUNT);
	for (int t = 0; t < OPEN_TABLE_COUNT; t++)
		free(tmp[t]);
	view_close(&v);
	ctx_close(&x);
	if (rc != 0 && made)
		rmdir(dir);	/* made here and left empty: gone again */
	return rc;
}
