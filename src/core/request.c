/* P-2: requests in the pool before a meeting, as questions of source pool (request.h). */
#include "core/request.h"

#include <string.h>

#include "core/compliance.h"
#include "core/rules.h"
#include "core/territory.h"
#include "core/unit.h"
#include "core/visit.h"
#include "util/i18n.h"

kz_date
request_date(const struct question *q)
{
	return rules_local_date(q->asked_ms, RULES_UTC_OFFSET_KZ);
}

/* A request belongs to a meeting that takes place, and came in time for it (P-2). */
static int
check_before(struct store_txn *t, const struct question *q, const struct visit *v)
{
	struct kz_error *e = store_txn_error(t);
	char id[UID_STRLEN], d[11], vd[11];
	kz_date day = request_date(q);

	uid_format(&v->id, id);
	if (v->withdrawn)
		return kz_fail(e, KZ_EINVAL, _("visit %s was withdrawn"), id);
	if (v->status == VISIT_CANCELLED)
		return kz_fail(e, KZ_EINVAL, _("visit %s was cancelled: a request is for a meeting "
		    "that takes place"), id);
	if (!rules_request_in_time(day, v->date)) {
		date_format(day, d);
		date_format(v->date, vd);
		return kz_fail(e, KZ_EINVAL, _("request of %s: after its meeting of %s (P-2: the "
		    "pool is collected before the meeting)"), d, vd);
	}
	return 0;
}

struct add_args {
	struct question *q;
	kz_date date;
};

static int
add_fn(struct store_txn *t, void *arg)
{
	struct add_args *a = arg;
	struct question *q = a->q;
	struct kz_error *e = store_txn_error(t);
	kz_date today = rules_local_date(store_txn_now(t), RULES_UTC_OFFSET_KZ);
	char d[11];
	int rc;

	q->source = QS_POOL;
	if (a->date == DATE_NONE || a->date == today) {
		q->asked_ms = store_txn_now(t);
	} else if (a->date > today) {
		date_format(a->date, d);
		return kz_fail(e, KZ_EINVAL, _("request of %s: a date in the future (record it when "
		    "it has come)"), d);
	} else {
		q->asked_ms = compliance_instant(a->date, 0);
	}
	if (uid_is_nil(&q->visit) && q->unit[0] == '\0')
		return kz_fail(e, KZ_EINVAL, _("request: say which meeting it is for (--visit UUID) "
		    "or, before the meeting is chosen, which unit it concerns (--unit CODE)"));
	if (q->unit[0] != '\0') {
		struct unit u;

		if ((rc = unit_get_tx(t, q->unit, &u)) != 0)
			return rc < 0 ? -1 : kz_fail(e, KZ_ENOTFOUND, _("request: unit %s: not found"),
			    q->unit);
		unit_free(&u);
		if (territory_check_tx(t, "request: unit", q->unit) != 0)
			return -1;
	}
	if (!uid_is_nil(&q->visit)) {
		struct visit v;

		if (visit_get_tx(t, &q->visit, &v) != 0)
			return -1;
		rc = check_before(t, q, &v);
		visit_free(&v);
		if (rc != 0)
			return -1;
	}
	return question_add_tx(t, q);
}

int
request_add(struct store *s, struct question *q, kz_date date, struct kz_error *e)
{
	struct add_args a = { q, date };

	return store_write(s, add_fn, &a, e);
}

int
request_add_tx(struct store_txn *t, struct question *q, kz_date date)
{
	struct add_args a = { q, date };

	return add_fn(t, &a);
}

struct assign_args {
	const struct kz_uuid *request, *visit;
};

static int
assign_fn(struct store_txn *t, void *arg)
{
	struct assign_args *a = arg;
	struct question q;
	struct visit v;
	char id[UID_STRLEN];
	int rc;

	if (question_get_tx(t, a->request, &q) != 0)
		return -1;
	uid_format(&q.id, id);
	if (q.withdrawn || q.source != QS_POOL) {
		rc = kz_fail(store_txn_error(t), KZ_EINVAL, _("question %s is %s, not a request of "
		    "the pool (P-2)"), id, q.withdrawn ? "withdrawn" :
		    question_source_names[q.source]);
		question_free(&q);
		return rc;
	}
	if (visit_get_tx(t, a->visit, &v) != 0) {
		question_free(&q);
		return -1;
	}
	rc = check_before(t, &q, &v);
	visit_free(&v);
	if (rc == 0) {
		q.visit = *a->visit;
		rc = rec_save(t, &question_kind, &q);
	}
	question_free(&q);
	return rc;
}

int
request_assign(struct store *s, const struct kz_uuid *request, const struct kz_uuid *visit,
    struct kz_error *e)
{
	struct assign_args a = { request, visit };

	return store_write(s, assign_fn, &a, e);
}

static bool
is_request(const struct question *q)
{
	return q->source == QS_POOL && !q->withdrawn;
}

/* Keeps the requests of in[from..) that pass, in order, and frees the rest. */
static void
keep_requests(struct rec_array *a, size_t from, bool unassigned)
{
	struct question *items = a->items;
	size_t keep = from;

	for (size_t k = from; k < a->n; k++) {
		if (is_request(&items[k]) && (!unassigned || uid_is_nil(&items[k].visit)))
			items[keep++] = items[k];
		else
			question_free(&items[k]);
	}
	a->n = keep;
}

struct list_args {
	const struct kz_uuid *visit;
	bool unassigned;
	struct rec_array *out;
};

#define LIST_PAGE 1024

static int
list_fn(struct store_txn *t, void *arg)
{
	struct list_args *a = arg;
	struct rec_cursor cur = { .valid = false };
	enum rec_page_dir dir = PAGE_FIRST;

	if (a->visit != NULL) {
		if (rec_page(t, &question_kind, DB_QUESTIONS_BY_VISIT, a->visit->b, 16, 16, &cur,
		    PAGE_FIRST, 0, a->out) != 0)
			return -1;
		keep_requests(a->out, 0, false);
		return 0;
	}
	/* A page at a time, so that only the requests stay in memory, not every question. */
	for (;;) {
		size_t from = a->out->n, got;

		if (rec_page(t, &question_kind, DB_QUESTIONS, NULL, 0, 16, &cur, dir, LIST_PAGE,
		    a->out) != 0)
			return -1;
		got = a->out->n - from;
		keep_requests(a->out, from, a->unassigned);
		if (got < LIST_PAGE)
			return 0;
		dir = PAGE_AFTER;
	}
}

int
request_list(struct store *s, const struct kz_uuid *visit, bool unassigned,
    struct rec_array *out, struct kz_error *e)
{
	struct list_args a = { visit, unassigned, out };

	return rec_read_list(s, list_fn, &a, &question_kind, out, e);
}

int
request_count_tx(struct store_txn *t, const struct kz_uuid *visit, int *n)
{
	struct rec_array a = { 0 };
	struct rec_cursor cur = { .valid = false };

	*n = 0;
	if (rec_page(t, &question_kind, DB_QUESTIONS_BY_VISIT, visit->b, 16, 16, &cur,
	    PAGE_FIRST, 0, &a) != 0) {
		rec_array_free(&question_kind, &a);
		return -1;
	}
	for (size_t k = 0; k < a.n; k++)
		*n += is_request((const struct question *)a.items + k);
	rec_array_free(&question_kind, &a);
	return 0;
}
