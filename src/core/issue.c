#include "core/issue.h"

#include <stdlib.h>
#include <string.h>

#include "core/question.h"
#include "core/rules.h"
#include "core/territory.h"
#include "core/text.h"
#include "core/unit.h"
#include "util/xmalloc.h"
#include "util/i18n.h"

const char *const issue_status_names[ISSUE_STATUS_COUNT] = {
	N_("new"), N_("in-work"), N_("resolved"), N_("explained"), N_("rejected"), N_("escalated")
};

const char *const issue_level_names[LEVEL_COUNT] = { "own", "district", "region", "central" };

static const struct schema_field step_fields[] = {
	{ 1, SF_STR, offsetof(struct issue_step, text), "text" },
	{ 2, SF_STR, offsetof(struct issue_step, executor), "executor" },
	{ 3, SF_DATE, offsetof(struct issue_step, deadline), "deadline" },
	{ 4, SF_BOOL, offsetof(struct issue_step, done), "done" },
	{ 5, SF_DATE, offsetof(struct issue_step, done_on), "done_on" },
	{ STATE_EID_TAG, SF_UUID, offsetof(struct issue_step, eid), "eid" },
};

static const struct schema_record step_desc = {
	"step", sizeof(struct issue_step), offsetof(struct issue_step, extra),
	SCHEMA_FIELDS(step_fields)
};

static const struct schema_field event_fields[] = {
	SCHEMA_ENUM(1, struct issue_event, status, issue_status_names, ISSUE_STATUS_COUNT),
	{ 2, SF_I64, offsetof(struct issue_event, at_ms), "at_ms" },
	{ 3, SF_STR, offsetof(struct issue_event, note), "note" },
	{ 4, SF_STR, offsetof(struct issue_event, user), "user" },
	{ 5, SF_DATE, offsetof(struct issue_event, deadline_was), "deadline_was" },
	{ 6, SF_DATE, offsetof(struct issue_event, deadline), "deadline" },
	{ STATE_EID_TAG, SF_UUID, offsetof(struct issue_event, eid), "eid" },
};

static const struct schema_record event_desc = {
	"event", sizeof(struct issue_event), offsetof(struct issue_event, extra),
	SCHEMA_FIELDS(event_fields)
};

static const struct schema_field progress_fields[] = {
	{ 1, SF_STR, offsetof(struct issue_progress, quarter), "quarter" },
	{ 2, SF_STR, offsetof(struct issue_progress, text), "text" },
	{ 3, SF_I64, offsetof(struct issue_progress, at_ms), "at_ms" },
	{ STATE_EID_TAG, SF_UUID, offsetof(struct issue_progress, eid), "eid" },
};

static const struct schema_record progress_desc = {
	"progress", sizeof(struct issue_progress), offsetof(struct issue_progress, extra),
	SCHEMA_FIELDS(progress_fields)
};

/* The element id is the visit's UUID: two offices adding the same meeting add one element. */
static const struct schema_field visit_ref_fields[] = {
	{ STATE_EID_TAG, SF_UUID, offsetof(struct issue_visit, eid), "visit" },
};

static const struct schema_record visit_ref_desc = {
	"visit", sizeof(struct issue_visit), offsetof(struct issue_visit, extra),
	SCHEMA_FIELDS(visit_ref_fields)
};

enum {
	I_ID = 1, I_TITLE, I_TOPIC, I_UNIT, I_LEVEL, I_EXECUTOR, I_DEADLINE, I_STEPS,
	I_NEEDS_SESSION, I_AMOUNT, I_SESSION_DATE, I_DECISION, I_STATUS, I_HISTORY, I_PROGRESS,
	I_CREATED, I_VISIT, I_VISITS, I_WITHDRAWN,
	/* G-3, from 40: clear of the tags other parts of issue 7 add beside them. */
	I_BODY = 40
};

#define F(tag, type, member) { tag, type, offsetof(struct issue, member), #member }
#define L(tag, member, desc, count) \
	{ tag, SF_LIST, offsetof(struct issue, member), #member, desc, \
	  offsetof(struct issue, count) }
static const struct schema_field issue_fields[] = {
	F(I_ID, SF_UUID, id),
	F(I_TITLE, SF_STR, title),
	F(I_TOPIC, SF_STR, topic),
	F(I_UNIT, SF_CODE, unit),
	SCHEMA_ENUM(I_LEVEL, struct issue, level, issue_level_names, LEVEL_COUNT),
	F(I_EXECUTOR, SF_STR, executor),
	F(I_DEADLINE, SF_DATE, deadline),
	L(I_STEPS, steps, &step_desc, nsteps),
	F(I_NEEDS_SESSION, SF_BOOL, needs_session),
	F(I_AMOUNT, SF_I64, amount),
	F(I_SESSION_DATE, SF_DATE, session_date),
	F(I_DECISION, SF_STR, decision),
	SCHEMA_ENUM(I_STATUS, struct issue, status, issue_status_names, ISSUE_STATUS_COUNT),
	L(I_HISTORY, history, &event_desc, nhistory),
	L(I_PROGRESS, progress, &progress_desc, nprogress),
	F(I_CREATED, SF_I64, created_ms),
	F(I_VISIT, SF_UUID, visit),
	L(I_VISITS, visits, &visit_ref_desc, nvisits),
	F(I_WITHDRAWN, SF_BOOL, withdrawn),
	F(I_BODY, SF_STR, body),
};
#undef F
#undef L

static const struct schema_record issue_desc = {
	"issue", sizeof(struct issue), offsetof(struct issue, extra), SCHEMA_FIELDS(issue_fields)
};

static void
issue_key(const void *obj, struct rec_key *k)
{
	rec_key_bytes(k, ((const struct issue *)obj)->id.b, 16);
}

static void
issue_indexes(const void *obj, rec_emit_fn emit, void *ctx)
{
	const struct issue *i = obj;
	struct rec_key k = { .n = 0 };
	uint8_t st = (uint8_t)i->status;

	if (i->withdrawn)
		return;
	rec_key_bytes(&k, &st, 1);
	rec_key_bytes(&k, i->id.b, 16);
	emit(ctx, DB_ISSUES_BY_STATUS, &k);
	if (i->deadline != DATE_NONE) {
		k.n = 0;
		rec_key_date(&k, i->deadline);
		rec_key_bytes(&k, i->id.b, 16);
		emit(ctx, DB_ISSUES_BY_DEADLINE, &k);
	}
	/* The issues raised at a meeting, for its results, whether a question is linked. */
	if (!uid_is_nil(&i->visit)) {
		k.n = 0;
		rec_key_bytes(&k, i->visit.b, 16);
		rec_key_bytes(&k, i->id.b, 16);
		emit(ctx, DB_ISSUES_BY_VISIT, &k);
	}
}

/* What issue_indexes reads. */
static const char *const issue_index_fields[] = { "id", "status", "deadline", "withdrawn",
	"visit", NULL };

const struct rec_kind issue_kind = {
	DB_ISSUES, &issue_desc, issue_key, issue_indexes, 0, issue_index_fields
};

void
issue_init(struct issue *i)
{
	schema_init(&issue_desc, i);
}

void
issue_free(struct issue *i)
{
	schema_clear(&issue_desc, i);
}

/*
 * the maslikhat's decision is recorded with the date of the session that took it, a
 * session held (not one ahead). G-3: a central body names whose competence an issue of
 * level central is; another level has none.
 */
static int
check_after(struct store_txn *t, const struct issue *i)
{
	struct kz_error *e = store_txn_error(t);
	kz_date today = rules_local_date(store_txn_now(t), RULES_UTC_OFFSET_KZ);
	char d[11];

	if (i->decision != NULL && i->decision[0] != '\0') {
		if (i->session_date == DATE_NONE)
			return kz_fail(e, KZ_EINVAL, _("issue: the maslikhat's decision is recorded "
			    "with the date of its session (--session-date D, A-2)"));
		if (i->session_date > today) {
			date_format(i->session_date, d);
			return kz_fail(e, KZ_EINVAL, _("issue: a decision of the session of %s, "
			    "which is after today (A-2: record it once the session has decided)"),
			    d);
		}
	}
	if (i->body != NULL && i->body[0] != '\0' && i->level != LEVEL_CENTRAL)
		return kz_fail(e, KZ_EINVAL, _("issue: a central body (%s) names the competence of "
		    "an issue of level central, not %s (G-3)"), i->body,
		    issue_level_names[i->level]);
	return 0;
}

static int
validate(struct store_txn *t, const struct issue *i)
{
	struct kz_error *e = store_txn_error(t);
	struct unit u;
	int rc;

	if (text_check("issue title", i->title, true, 1000, e) != 0 ||
	    text_check("issue topic", i->topic, false, 200, e) != 0 ||
	    text_check("executor", i->executor, false, 500, e) != 0 ||
	    text_check("decision", i->decision, false, 4000, e) != 0 ||
	    text_check("central body", i->body, false, 500, e) != 0)
		return -1;
	if (i->status < 0 || i->status >= ISSUE_STATUS_COUNT)
		return kz_fail(e, KZ_EINVAL, _("issue: unknown status %d"), i->status);
	if (i->level < 0 || i->level >= LEVEL_COUNT)
		return kz_fail(e, KZ_EINVAL, _("issue: unknown level %d"), i->level);
	if (i->amount < 0)
		return kz_fail(e, KZ_EINVAL, _("issue: a negative amount"));
	if (check_after(t, i) != 0)
		return -1;
	for (size_t k = 0; k < i->nsteps; k++)
		if (text_check("action plan step", i->steps[k].text, true, 2000, e) != 0 ||
		    text_check("step executor", i->steps[k].executor, false, 500, e) != 0)
			return kz_prefix(e, "step %zu: ", k + 1);
	for (size_t k = 0; k < i->nprogress; k++)
		if (text_check("progress note", i->progress[k].text, true, 8000, e) != 0)
			return -1;
	if (rec_require_uuid(t, DB_VISITS, "visit", &i->visit) != 0)
		return kz_prefix(e, "issue: ");
	for (size_t k = 0; k < i->nvisits; k++)
		if (rec_require_uuid(t, DB_VISITS, "visit", &i->visits[k].eid) != 0)
			return kz_prefix(e, "issue: ");
	if (i->unit[0] != '\0') {
		if ((rc = unit_get_tx(t, i->unit, &u)) != 0)
			return rc < 0 ? -1 : kz_fail(e, KZ_ENOTFOUND, _("issue: unit %s: not found"),
			    i->unit);
		unit_free(&u);
		if (territory_check_tx(t, "issue: unit", i->unit) != 0)
			return -1;
	}
	return 0;
}

/* Who made a change, as history shows it: the official's name when one is set. */
static const char *
author(struct store_txn *t)
{
	const char *official = store_txn_official(t);

	return official != NULL && official[0] != '\0' ? official : store_txn_user(t);
}

static struct issue_event *
add_event(struct issue *i, int status, int64_t at, const char *note, const char *user)
{
	struct issue_event *ev;

	i->history = xrealloc(i->history, (i->nhistory + 1) * sizeof *i->history);
	ev = &i->history[i->nhistory++];
	schema_init(&event_desc, ev);
	ev->status = status;
	ev->at_ms = at;
	ev->note = note != NULL && note[0] != '\0' ? xstrdup(note) : NULL;
	ev->user = user != NULL ? xstrdup(user) : NULL;
	return ev;
}

int
issue_add_tx(struct store_txn *t, struct issue *i)
{
	uid_new(&i->id, store_txn_now(t));
	i->created_ms = store_txn_now(t);
	if (i->nhistory == 0)
		add_event(i, i->status, i->created_ms, NULL, author(t));
	if (validate(t, i) != 0)
		return -1;
	return rec_save(t, &issue_kind, i);
}

static int
add_fn(struct store_txn *t, void *arg)
{
	return issue_add_tx(t, arg);
}

int
issue_add(struct store *s, struct issue *i, struct kz_error *e)
{
	return store_write(s, add_fn, i, e);
}

int
issue_get_tx(struct store_txn *t, const struct kz_uuid *id, struct issue *i)
{
	return rec_get_uuid_tx(t, &issue_kind, id, i);
}

int
issue_get(struct store *s, const struct kz_uuid *id, struct issue *i, struct kz_error *e)
{
	return rec_get_uuid(s, &issue_kind, id, i, e);
}

struct modify_args {
	const struct kz_uuid *id;
	issue_modify_fn fn;
	void *arg;
	const char *note;
};

static int
modify_fn(struct store_txn *t, void *arg)
{
	struct modify_args *a = arg;
	struct issue i;
	struct issue_event *ev;
	kz_date deadline;
	int before, rc;
	bool moved;

	if (issue_get_tx(t, a->id, &i) != 0)
		return -1;
	before = i.status;
	deadline = i.deadline;
	rc = a->fn(&i, a->arg, store_txn_error(t));
	/* A deadline moved (extended, usually) keeps the one it replaces in the history. */
	moved = deadline != DATE_NONE && i.deadline != deadline;
	if (rc == 0 && (i.status != before || moved || (a->note != NULL && a->note[0] != '\0'))) {
		ev = add_event(&i, i.status, store_txn_now(t), a->note, author(t));
		if (moved) {
			ev->deadline_was = deadline;
			ev->deadline = i.deadline;
		}
	}
	if (rc == 0)
		rc = validate(t, &i);
	if (rc == 0)
		rc = rec_save(t, &issue_kind, &i);
	issue_free(&i);
	return rc;
}

int
issue_modify(struct store *s, const struct kz_uuid *id, issue_modify_fn fn, void *arg,
    const char *note, struct kz_error *e)
{
	struct modify_args a = { id, fn, arg, note };

	if (text_check("note", note, false, 4000, e) != 0)
		return -1;
	return store_write(s, modify_fn, &a, e);
}

void
issue_add_step(struct issue *i, const char *text, const char *executor, kz_date deadline)
{
	struct issue_step *st;

	i->steps = xrealloc(i->steps, (i->nsteps + 1) * sizeof *i->steps);
	st = &i->steps[i->nsteps++];
	schema_init(&step_desc, st);
	st->text = xstrdup(text);
	st->executor = executor != NULL ? xstrdup(executor) : NULL;
	st->deadline = deadline;
}

void
issue_add_visit(struct issue *i, const struct kz_uuid *visit)
{
	if (uid_is_nil(&i->visit)) {
		i->visit = *visit;
		return;
	}
	if (memcmp(i->visit.b, visit->b, 16) == 0)
		return;
	for (size_t k = 0; k < i->nvisits; k++)
		if (memcmp(i->visits[k].eid.b, visit->b, 16) == 0)
			return;
	i->visits = xrealloc(i->visits, (i->nvisits + 1) * sizeof *i->visits);
	schema_init(&visit_ref_desc, &i->visits[i->nvisits]);
	i->visits[i->nvisits++].eid = *visit;
}

void
issue_add_progress(struct issue *i, const char *quarter, const char *text, int64_t at_ms)
{
	struct issue_progress *p;

	i->progress = xrealloc(i->progress, (i->nprogress + 1) * sizeof *i->progress);
	p = &i->progress[i->nprogress++];
	schema_init(&progress_desc, p);
	p->quarter = xstrdup(quarter);
	p->text = xstrdup(text);
	p->at_ms = at_ms;
}

struct link_args {
	const struct kz_uuid *issue;
	const struct kz_uuid *q;
	size_t n;
	bool move;
};

static int
link_fn(struct store_txn *t, void *arg)
{
	struct link_args *a = arg;
	struct issue i;

	if (issue_get_tx(t, a->issue, &i) != 0)
		return -1;
	issue_free(&i);
	for (size_t k = 0; k < a->n; k++) {
		struct question q;
		int rc;

		if (question_get_tx(t, &a->q[k], &q) != 0)
			return -1;
		/* A question belongs to one issue: moving it elsewhere is said, never silent. */
		if (!a->move && !uid_is_nil(&q.issue) && memcmp(q.issue.b, a->issue->b, 16) != 0) {
			char qs[UID_STRLEN], is[UID_STRLEN];

			uid_format(&q.id, qs);
			uid_format(&q.issue, is);
			question_free(&q);
			return kz_fail(store_txn_error(t), KZ_EINVAL, _("question %s is linked to "
			    "issue %s: give --move to move it"), qs, is);
		}
		q.issue = *a->issue;
		rc = rec_save(t, &question_kind, &q);
		question_free(&q);
		if (rc != 0)
			return -1;
	}
	return 0;
}

int
issue_link(struct store *s, const struct kz_uuid *issue, const struct kz_uuid *questions,
    size_t n, bool move, struct kz_error *e)
{
	struct link_args a = { issue, questions, n, move };

	return store_write(s, link_fn, &a, e);
}

struct add_linked_args {
	struct issue *i;
	const struct kz_uuid *q;
	size_t n;
};

static int
add_linked_fn(struct store_txn *t, void *arg)
{
	struct add_linked_args *a = arg;
	struct link_args l;

	if (issue_add_tx(t, a->i) != 0)
		return -1;
	l = (struct link_args){ &a->i->id, a->q, a->n, false };
	return link_fn(t, &l);
}

int
issue_add_linked(struct store *s, struct issue *i, const struct kz_uuid *questions, size_t n,
    struct kz_error *e)
{
	struct add_linked_args a = { i, questions, n };

	return store_write(s, add_linked_fn, &a, e);
}

struct list_args {
	int status;
	kz_date before;
	struct rec_array *out;
};

static int
list_fn(struct store_txn *t, void *arg)
{
	struct list_args *a = arg;
	uint8_t from = (uint8_t)a->status, to = (uint8_t)(a->status + 1);
	struct rec_scan sc = { .idx = DB_ISSUES, .keylen = 16 };

	struct issue *items;
	size_t keep = 0;

	if (a->status >= 0) {
		sc.idx = DB_ISSUES_BY_STATUS;
		sc.from = &from;
		sc.from_n = 1;
		sc.to = &to;
		sc.to_n = 1;
	}
	if (rec_scan(t, &issue_kind, &sc, a->out) != 0)
		return -1;
	/* All issues are read from the records themselves: leave the withdrawn ones out. */
	items = a->out->items;
	for (size_t k = 0; k < a->out->n; k++) {
		if (items[k].withdrawn)
			issue_free(&items[k]);
		else
			items[keep++] = items[k];
	}
	a->out->n = keep;
	return 0;
}

int
issue_list_tx(struct store_txn *t, int status, struct rec_array *out)
{
	struct list_args a = { status, DATE_NONE, out };

	return list_fn(t, &a);
}

int
issue_list(struct store *s, int status, struct rec_array *out, struct kz_error *e)
{
	struct list_args a = { status, DATE_NONE, out };

	return rec_read_list(s, list_fn, &a, &issue_kind, out, e);
}

struct visit_args {
	const struct kz_uuid *visit;
	struct rec_array *out;
};

static int
by_visit_fn(struct store_txn *t, void *arg)
{
	struct visit_args *a = arg;
	struct rec_cursor cur = { .valid = false };

	return rec_page(t, &issue_kind, DB_ISSUES_BY_VISIT, a->visit->b, 16, 16, &cur,
	    PAGE_FIRST, 0, a->out);
}

int
issue_list_visit(struct store *s, const struct kz_uuid *visit, struct rec_array *out,
    struct kz_error *e)
{
	struct visit_args a = { visit, out };

	return rec_read_list(s, by_visit_fn, &a, &issue_kind, out, e);
}

/* meta: set once the issues-by-meeting index holds every issue of the store */
#define VISIT_INDEX_DONE "issues_by_visit"

static int
visit_index_done_fn(struct store_txn *t, void *arg)
{
	const void *v;
	size_t n;
	int rc = store_meta_get(t, VISIT_INDEX_DONE, &v, &n);

	if (rc < 0)
		return -1;
	*(bool *)arg = rc == 0;
	return 0;
}

static int
visit_index_fill_fn(struct store_txn *t, void *arg)
{
	uint64_t tags = rec_index_tags(&issue_kind);
	struct store_cursor *cur;
	int rc;

	(void)arg;
	if (store_cursor_open(t, DB_ISSUES, &cur) != 0)
		return -1;
	for (rc = store_cursor_seek(cur, NULL, 0); rc == 0; rc = store_cursor_next(cur)) {
		struct issue is;
		struct rec_key k = { .n = 0 };
		const void *v;
		size_t vn;

		store_cursor_get(cur, NULL, NULL, &v, &vn);
		if ((rc = rec_decode_only(t, &issue_kind, v, vn, tags, &is)) != 0)
			break;
		if (!is.withdrawn && !uid_is_nil(&is.visit)) {
			rec_key_bytes(&k, is.visit.b, 16);
			rec_key_bytes(&k, is.id.b, 16);
			rc = store_put(t, DB_ISSUES_BY_VISIT, k.b, k.n, "", 0);
		}
		issue_free(&is);
		if (rc != 0)
			break;
	}
	store_cursor_close(&cur);
	if (rc < 0)
		return -1;
	return store_meta_put(t, VISIT_INDEX_DONE, "1", 1);
}

/*
 * The issues-by-meeting index came after stores were in use: a store written by an earlier
 * build has its issues but not their entries, and a meeting's results would leave out
 * the issues raised there with no question linked. The first writable open fills it from
 * the issues, once (one read of each issue's indexed fields, in one transaction; a new
 * store does it with no issue), and marks it done in meta; later opens cost one lookup.
 * A read-only open leaves it as it is.
 */
int
issue_visit_index_catch_up(struct store *s, struct kz_error *e)
{
	bool done = false;

	if (store_read_only(s))
		return 0;
	if (store_read(s, visit_index_done_fn, &done, e) != 0)
		return -1;
	if (done)
		return 0;
	return store_write(s, visit_index_fill_fn, NULL, e);
}

static int
deadline_fn(struct store_txn *t, void *arg)
{
	struct list_args *a = arg;
	uint8_t to[4];
	struct rec_scan sc = { .idx = DB_ISSUES_BY_DEADLINE, .keylen = 16 };

	if (a->before != DATE_NONE) {
		store_key_date(to, a->before);
		sc.to = to;
		sc.to_n = 4;
	}
	return rec_scan(t, &issue_kind, &sc, a->out);
}

int
issue_list_by_deadline(struct store *s, kz_date before, struct rec_array *out,
    struct kz_error *e)
{
	struct list_args a = { -1, before, out };

	return rec_read_list(s, deadline_fn, &a, &issue_kind, out, e);
}

bool
issue_is_open(int status)
{
	return status == ISSUE_NEW || status == ISSUE_IN_WORK || status == ISSUE_ESCALATED;
}

bool
issue_step_overdue(const struct issue_step *st, kz_date today)
{
	return !st->done && st->deadline != DATE_NONE && st->deadline < today;
}

bool
issue_overdue(const struct issue *i, kz_date today)
{
	if (!issue_is_open(i->status))
		return false;
	if (i->deadline != DATE_NONE && i->deadline < today)
		return true;
	for (size_t k = 0; k < i->nsteps; k++)
		if (issue_step_overdue(&i->steps[k], today))
			return true;
	return false;
}

bool
issue_needs_decision(const struct issue *i)
{
	return issue_is_open(i->status) && i->needs_session &&
	    (i->decision == NULL || i->decision[0] == '\0');
}

int
issue_cmp_session(const struct issue *x, const struct issue *y)
{
	int64_t sx = x->session_date == DATE_NONE ? INT64_MAX : x->session_date;
	int64_t sy = y->session_date == DATE_NONE ? INT64_MAX : y->session_date;
	int c;

	if (sx != sy)
		return sx < sy ? -1 : 1;
	if ((c = strcmp(x->unit, y->unit)) != 0)
		return c;
	if (x->created_ms != y->created_ms)
		return x->created_ms < y->created_ms ? -1 : 1;
	return uid_cmp(&x->id, &y->id);
}

static int
by_session(const void *a, const void *b)
{
	return issue_cmp_session(a, b);
}

size_t
issue_financing(struct rec_array *a, kz_date session)
{
	struct issue *is = a->items;
	size_t keep = 0, unset = 0;

	for (size_t k = 0; k < a->n; k++) {
		bool owed = !is[k].withdrawn && issue_needs_decision(&is[k]);
		bool in_session = session == DATE_NONE || is[k].session_date == session;
		bool took = session != DATE_NONE && !is[k].withdrawn && is[k].needs_session &&
		    is[k].session_date == session && !owed && is[k].decision != NULL;

		unset += owed && session != DATE_NONE && is[k].session_date == DATE_NONE;
		if ((owed && in_session) || took)
			is[keep++] = is[k];
		else
			issue_free(&is[k]);
	}
	a->n = keep;
	if (keep > 1)
		qsort(is, keep, sizeof *is, by_session);
	return unset;
}

int
issue_cmp_body(const char *x, const char *y)
{
	if (x == NULL || y == NULL)
		return (x == NULL) - (y == NULL);
	return strcmp(x, y);
}

const struct issue_progress *
issue_latest_progress(const struct issue *i)
{
	const struct issue_progress *best = NULL;

	for (size_t k = 0; k < i->nprogress; k++) {
		const struct issue_progress *p = &i->progress[k];
		int c;

		if (p->quarter == NULL)
			continue;
		c = best == NULL ? 1 : strcmp(p->quarter, best->quarter);
		if (c > 0 || (c == 0 && p->at_ms > best->at_ms))
			best = p;
	}
	return best;
}
