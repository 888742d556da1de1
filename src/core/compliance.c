#include "core/compliance.h"

#include <stdlib.h>
#include <string.h>

#include "core/calendar.h"
#include "core/commission.h"
#include "core/dayoff.h"
#include "core/issue.h"
#include "core/node.h"
#include "core/reception.h"
#include "core/request.h"
#include "core/unit.h"
#include "core/visit.h"
#include "store/store.h"
#include "util/clock.h"
#include "util/xmalloc.h"
#include "util/i18n.h"

kz_date
compliance_today(void)
{
	return rules_local_date(clock_now_ms(), RULES_UTC_OFFSET_KZ);
}

int64_t
compliance_instant(kz_date day, int minutes)
{
	return ((int64_t)day * 1440 + minutes - RULES_UTC_OFFSET_KZ) * 60000;
}

static void
to_rules_visit(const struct visit *v, int id, struct rules_visit *r)
{
	memset(r, 0, sizeof *r);
	r->id = id;
	memcpy(r->akim, v->akim, 10);
	memcpy(r->target, v->target, 10);
	r->date = v->date;
	r->field = v->field;
	/* enum visit_status and enum rules_visit_status list the same states in one order. */
	r->status = (enum rules_visit_status)v->status;
	r->unscheduled = v->unscheduled;
	r->has_reason = v->reason != NULL && v->reason[0] != '\0';
	r->announced_on = v->announced_on;
	r->receptions_end = v->receptions_end;
	r->published_on = v->published_on;
	r->planned_min = v->duration_min;
	r->report_min = v->started_ms != 0 && v->report_end_ms > v->started_ms ?
	    (int)((v->report_end_ms - v->started_ms) / 60000) : -1;
	r->attendance_recorded = v->nattendance > 0;
	r->no_broad_audience = r->attendance_recorded;
	for (size_t i = 0; i < v->nattendance; i++) {
		int cat = v->attendance[i].category;

		/* M-2's broad audience: a count of 0 recorded is nobody there. */
		if ((cat == AUD_DEPUTY || cat == AUD_PARTY || cat == AUD_PUBLIC_ORG ||
		    cat == AUD_OPPOSITION) && v->attendance[i].count > 0)
			r->no_broad_audience = false;
	}
	/* M-2: normalised by visit.c, so any value names one of the four invited. */
	r->broad_invited = v->invited != NULL && v->invited[0] != '\0';
	/* P-3: free text of an older store is a channel recorded too (rules_check.c). */
	r->channels_recorded = v->channels != NULL && v->channels[0] != '\0';
	/* B-1 (A-1's receptions are counted by count_receptions) */
	r->broadcast = v->broadcast != NULL && v->broadcast[0] != '\0';
	r->comments = v->comments == COMMENTS_OPEN ? 1 : v->comments == COMMENTS_CLOSED ? 2 : 0;
	r->no_broadcast = v->no_broadcast != NULL && v->no_broadcast[0] != '\0';
}

struct by_id {
	const uint8_t *id;
	size_t i;
};

static int
cmp_by_id(const void *a, const void *b)
{
	return memcmp(((const struct by_id *)a)->id, ((const struct by_id *)b)->id, 16);
}

/*
 * how many receptions (not withdrawn) follow each loaded visit. Receptions are few
 * and unindexed: one pass over them, each found among the visits sorted by id.
 * A-3 counts from the last of them: the meeting's stored receptions_end is what
 * reception add, set and withdraw keep, but an undo takes back the reception's change
 * without its meeting's (written first), so where receptions are recorded the rules read
 * their latest date; the stored date stands only for a meeting with none recorded.
 */
static int
count_receptions(struct store_txn *t, struct compliance *c)
{
	struct rec_array rs = { 0 };
	struct by_id *ix;

	if (reception_list_tx(t, NULL, &rs) != 0)
		return -1;
	ix = xmalloc((c->nrv ? c->nrv : 1) * sizeof *ix);
	for (size_t i = 0; i < c->nrv; i++) {
		ix[i].id = c->visit_ids[i].b;
		ix[i].i = i;
	}
	if (c->nrv > 1)
		qsort(ix, c->nrv, sizeof *ix, cmp_by_id);
	for (size_t k = 0; k < rs.n; k++) {
		const struct reception *r = (const struct reception *)rs.items + k;
		struct by_id key = { r->visit.b, 0 };
		const struct by_id *hit = c->nrv == 0 ? NULL :
		    bsearch(&key, ix, c->nrv, sizeof *ix, cmp_by_id);
		struct rules_visit *rv;

		if (hit == NULL)
			continue;
		rv = &c->rv[hit->i];
		if (rv->receptions++ == 0 || r->date > rv->receptions_end)
			rv->receptions_end = r->date;
	}
	free(ix);
	rec_array_free(&reception_kind, &rs);
	return 0;
}

/* The tags of the fields of d named in names (NULL-terminated), as bits. */
static uint64_t
tags_of(const struct schema_record *d, const char *const *names)
{
	uint64_t m = 0;

	for (size_t i = 0; names[i] != NULL; i++) {
		const struct schema_field *f = schema_field_named(d, names[i]);

		if (f == NULL || f->tag >= 64)
			fatal("%s: no field %s to read", d->name, names[i]);
		m |= 1ULL << f->tag;
	}
	return m;
}

/*
 * The Government's units as the rules see them, as unit_list_tx gives them: itself, then
 * every unit of the store, the roots under it. Read through one cursor, each unit decoded
 * with its code, parent and type only: the names of the classifier's 15,594 units (3 MiB
 * with their records) are not read.
 */
static int
load_units_all(struct store_txn *t, struct compliance *c)
{
	static const char *const fields[] = { "code", "parent", "type", NULL };
	uint64_t tags = tags_of(unit_kind.desc, fields);
	struct store_cursor *cur;
	size_t cap = 1;
	int rc;

	c->units = xcalloc(1, sizeof *c->units);
	memcpy(c->units[0].code, UNIT_GOVERNMENT_CODE, 10);
	c->units[0].type = UNIT_GOVERNMENT;
	c->nunits = 1;
	if (store_cursor_open(t, DB_UNITS, &cur) != 0)
		return -1;
	for (rc = store_cursor_seek(cur, NULL, 0); rc == 0; rc = store_cursor_next(cur)) {
		struct rules_unit *r;
		struct unit u;
		const void *v;
		size_t vn;

		store_cursor_get(cur, NULL, NULL, &v, &vn);
		if ((rc = rec_decode_only(t, &unit_kind, v, vn, tags, &u)) != 0)
			break;
		c->units = xgrow(c->units, &cap, c->nunits + 1, sizeof *c->units);
		r = &c->units[c->nunits++];
		memcpy(r->code, u.code, 10);
		memcpy(r->parent, u.parent[0] != '\0' ? u.parent : UNIT_GOVERNMENT_CODE, 10);
		r->type = (enum unit_type)u.type;
		unit_free(&u);
	}
	store_cursor_close(&cur);
	return rc < 0 ? -1 : 0;
}

/*
 * Whether compliance_due lists a finding of rules_due: not one that fell due before the
 * store was made, unless it is owed for something the store records.
 */
static bool
due_kept(const struct rules_finding *f, kz_date created)
{
	return f->due == DATE_NONE || f->due >= created || f->recorded;
}

/* The office's part of the rules' deadline context: who it is and what it recorded. */
static void
due_ctx(const struct compliance *c, struct rules_due_ctx *ctx)
{
	memset(ctx, 0, sizeof *ctx);
	ctx->office = c->office_type;
	memcpy(ctx->office_code, c->office, 10);
	ctx->government = unit_is_government(c->office);
	ctx->done = c->done;
	ctx->ndone = c->ndone;
	ctx->revisions = c->rev;
	ctx->nrevisions = c->nrev;
}

struct load_args {
	kz_date from, to;
	int y0, y1;
	struct compliance *c;
	bool issues;		/* also the open issues, into c->issues (compliance_due) */
	bool lean;		/* no visits, no receptions: compliance_due_count walks them */
	bool named;		/* the visits as compliance_due keeps them (named_visits) */
	kz_date today;		/* named: the day and the window of the findings */
	int ahead;
	int *at;		/* named: out, each rv's index in c->visits (-1: none) */
};

/* compliance_due_count's read: what it reads, what it gives, and whether to stop. */
struct due_count_args {
	struct load_args la;
	kz_date today;
	int ahead;
	compliance_stop_fn stop;
	void *stop_arg;
	bool stopped;		/* stop said so: nothing is given */
	size_t seen;		/* records read, to ask stop every COUNT_ASK_EVERY */
	struct rules_findings *out;
	struct compliance_count *n;
};

/* 64 records read take about a tenth of a millisecond; asking costs a system call. */
#define COUNT_ASK_EVERY 64

static bool
count_stopped(struct due_count_args *d)
{
	if (d == NULL)
		return false;
	if (!d->stopped && d->stop != NULL && ++d->seen % COUNT_ASK_EVERY == 0)
		d->stopped = d->stop(d->stop_arg);
	return d->stopped;
}

/* A reception not withdrawn, by its visit: what read of it. */
struct rcpt {
	uint8_t visit[16];
	kz_date date;
};

static int
cmp_rcpt(const void *a, const void *b)
{
	return memcmp(((const struct rcpt *)a)->visit, ((const struct rcpt *)b)->visit, 16);
}

/* What count_receptions gives a visit, from the receptions sorted by visit. */
static void
visit_receptions(const struct rcpt *r, size_t n, struct rules_visit *rv, const uint8_t *id)
{
	struct rcpt key;
	const struct rcpt *hit;

	memcpy(key.visit, id, 16);
	if (n == 0 || (hit = bsearch(&key, r, n, sizeof *r, cmp_rcpt)) == NULL)
		return;
	while (hit > r && memcmp(hit[-1].visit, id, 16) == 0)
		hit--;
	for (; hit < r + n && memcmp(hit->visit, id, 16) == 0; hit++)
		if (rv->receptions++ == 0 || hit->date > rv->receptions_end)
			rv->receptions_end = hit->date;
}

/* Whether P-1 may count v as the first meeting ahead (p1_first_meeting in rules_check.c). */
static bool
p1_candidate(const struct rules_visit *v, const char office[10], kz_date today)
{
	return v->date != DATE_NONE && v->date >= today && v->status != RULES_CANCELLED &&
	    v->status != RULES_HELD && strncmp(v->akim, office, 9) == 0;
}

/*
 * One visit as walk_visits hands it: decoded with the fields the rules read (v, which the
 * callee frees), as the rules see it (rv, id 0, its receptions counted), and its stored
 * value (val, valid in t) for a callee that keeps it whole.
 */
typedef int (*visit_take_fn)(struct store_txn *t, struct visit *v, struct rules_visit *rv,
    const void *val, size_t vn, void *arg);

/*
 * Hands each visit with from <= date < to to fn, one at a time, read through the index by
 * date; with stop, a count that stops when asked (count_stopped).
 */
static int
walk_visits(struct store_txn *t, kz_date from, kz_date to, struct due_count_args *stop,
    visit_take_fn fn, void *arg)
{
	/* What to_rules_visit reads: not the venue, the time, the notes. */
	static const char *const fields[] = { "id", "akim", "target", "date", "duration_min",
		"field", "unscheduled", "reason", "announced_on", "channels", "broadcast",
		"attendance", "receptions_end", "published_on", "status", "started_ms",
		"report_end_ms", "comments", "no_broadcast", "invited", NULL };
	uint64_t tags = tags_of(visit_kind.desc, fields);
	struct rec_array rs = { 0 };
	struct rcpt *r;
	struct store_cursor *cur = NULL;
	size_t nr = 0;
	uint8_t lo[4], hi[4];
	int rc;

	/* The receptions are few and unindexed (count_receptions): by visit, in memory. */
	if (reception_list_tx(t, NULL, &rs) != 0)
		return -1;
	r = xmalloc((rs.n ? rs.n : 1) * sizeof *r);
	for (size_t k = 0; k < rs.n; k++) {
		const struct reception *x = (const struct reception *)rs.items + k;

		memcpy(r[nr].visit, x->visit.b, 16);
		r[nr++].date = x->date;
	}
	rec_array_free(&reception_kind, &rs);
	if (nr > 1)
		qsort(r, nr, sizeof *r, cmp_rcpt);
	store_key_date(lo, from);
	store_key_date(hi, to);
	rc = store_cursor_open(t, DB_VISITS_BY_DATE, &cur) != 0 ? -1 :
	    store_cursor_seek(cur, lo, 4);
	for (; rc == 0; rc = store_cursor_next(cur)) {
		struct rules_visit rv;
		struct visit v;
		const void *k, *val;
		size_t kn, vn;

		store_cursor_get(cur, &k, &kn, NULL, NULL);
		if (kn < 4 || memcmp(k, hi, 4) >= 0 || count_stopped(stop))
			break;
		if (kn < 20) {
			rc = kz_fail(store_txn_error(t), KZ_EIO, _("store %s: an index of %s "
			    "holds a key of %zu bytes, shorter than a record's key (%zu): the "
			    "index is damaged"), store_dir(store_txn_store(t)),
			    visit_kind.desc->name, kn, (size_t)16);
			break;
		}
		if ((rc = store_get(t, DB_VISITS, (const uint8_t *)k + kn - 16, 16, &val,
		    &vn)) != 0) {
			if (rc == 1)
				rc = kz_fail(store_txn_error(t), KZ_EIO, _("store %s: an index of "
				    "%s names a missing record"), store_dir(store_txn_store(t)),
				    visit_kind.desc->name);
			break;
		}
		if ((rc = rec_decode_only(t, &visit_kind, val, vn, tags, &v)) != 0)
			break;
		to_rules_visit(&v, 0, &rv);
		visit_receptions(r, nr, &rv, v.id.b);
		if ((rc = fn(t, &v, &rv, val, vn, arg)) != 0)
			break;
	}
	store_cursor_close(&cur);
	free(r);
	return rc < 0 ? -1 : 0;
}

/* Appends rv and its id to c->rv and c->visit_ids (caps in *cap, *icap); rv's id set. */
static void
push_rv(struct compliance *c, struct rules_visit *rv, const struct kz_uuid *id, size_t *cap,
    size_t *icap)
{
	rv->id = (int)c->nrv;
	c->rv = xgrow(c->rv, cap, c->nrv + 1, sizeof *c->rv);
	c->rv[c->nrv] = *rv;
	c->visit_ids = xgrow(c->visit_ids, icap, c->nrv + 1, sizeof *c->visit_ids);
	c->visit_ids[c->nrv++] = *id;
}

/*
 * compliance_due's visits: every one as the rules see it (c->rv, so that rules_due sees
 * them all, in their order), and as a record in c->visits only when a finding due lists
 * may name it (what it owes on its own, or a meeting P-1 may look at): at[i] is rv i's
 * index in c->visits, -1 for none. A year's meetings held and done owe nothing and are
 * not kept (36 MiB of records on bench_store's store).
 */
struct named_visits {
	struct compliance *c;
	kz_date today;
	struct rules_due_ctx ctx;	/* the office's, one visit at a time */
	struct rules_findings one;
	int *at;
	size_t cap, icap, acap;
};

static int
name_visit(struct store_txn *t, struct visit *v, struct rules_visit *rv, const void *val,
    size_t vn, void *arg)
{
	struct named_visits *a = arg;
	struct compliance *c = a->c;
	bool named = p1_candidate(rv, c->office, a->today);

	if (!named) {
		a->ctx.visits = rv;
		a->ctx.nvisits = 1;
		a->one.n = 0;
		rules_due_visits(a->today, &a->ctx, &a->one);
		for (size_t i = 0; i < a->one.n && !named; i++)
			named = due_kept(&a->one.v[i], c->created);
	}
	a->at = xgrow(a->at, &a->acap, c->nrv + 1, sizeof *a->at);
	a->at[c->nrv] = -1;
	if (named) {
		struct visit *w = rec_array_push(&visit_kind, &c->visits);

		if (rec_decode(t, &visit_kind, val, vn, w) != 0) {
			c->visits.n--;
			visit_free(v);
			return -1;
		}
		a->at[c->nrv] = (int)c->visits.n - 1;
	}
	push_rv(c, rv, &v->id, &a->cap, &a->icap);
	visit_free(v);
	return 0;
}

/* Takes an issue: keeps it (its fields move) or frees it. */
typedef int (*issue_take_fn)(struct issue *is, void *arg);

/*
 * Hands each open issue (not withdrawn; new, in work or escalated) to fn, one at a time,
 * through one cursor over the issues in t, decoded with only the fields in tags (0: all).
 * Its status is decoded first, so a closed issue costs two fields. The cursor walks the
 * issues' tree in key order: the index by status would cost a lookup per open issue.
 */
static int
walk_open_issues(struct store_txn *t, uint64_t tags, issue_take_fn fn, void *arg)
{
	static const char *const state[] = { "status", "withdrawn", NULL };
	uint64_t st = tags_of(issue_kind.desc, state);
	struct store_cursor *cur;
	int rc;

	if (store_cursor_open(t, DB_ISSUES, &cur) != 0)
		return -1;
	for (rc = store_cursor_seek(cur, NULL, 0); rc == 0; rc = store_cursor_next(cur)) {
		struct issue is;
		const void *v;
		size_t vn;
		bool open;

		store_cursor_get(cur, NULL, NULL, &v, &vn);
		if ((rc = rec_decode_only(t, &issue_kind, v, vn, st, &is)) != 0)
			break;
		open = !is.withdrawn && issue_is_open(is.status);
		issue_free(&is);
		if (!open)
			continue;
		rc = tags != 0 ? rec_decode_only(t, &issue_kind, v, vn, tags, &is) :
		    rec_decode(t, &issue_kind, v, vn, &is);
		if (rc != 0 || (rc = fn(&is, arg)) != 0)
			break;
	}
	store_cursor_close(&cur);
	return rc < 0 ? -1 : 0;
}

static int
keep_issue(struct issue *is, void *arg)
{
	struct issue *slot = rec_array_push(&issue_kind, arg);

	*slot = *is;	/* moved: the array owns its fields now */
	return 0;
}

/* What compliance_due keeps of an open issue: the rules' fields and what due shows. */
static const char *const due_fields[] = { "id", "title", "unit", "level", "executor",
	"deadline", "steps", "needs_session", "session_date", "decision", "status", "progress",
	"created_ms", "withdrawn", NULL };


static int
load_fn(struct store_txn *t, void *arg)
{
	struct load_args *a = arg;
	struct compliance *c = a->c;
	struct rec_array units = { 0 };
	struct node n;
	size_t revcap = 0;
	int rc = -1;

	if (node_get_tx(t, &n) != 0)
		return -1;
	memcpy(c->office, n.unit, 10);
	c->created = rules_local_date(n.created_ms, RULES_UTC_OFFSET_KZ);
	if (unit_is_government(c->office)) {
		if (load_units_all(t, c) != 0)
			goto out;
	} else {
		if (unit_list_tx(t, c->office, &units) != 0)
			goto out;
		c->units = xcalloc(units.n ? units.n : 1, sizeof *c->units);
		for (size_t i = 0; i < units.n; i++) {
			const struct unit *u = (const struct unit *)units.items + i;

			memcpy(c->units[i].code, u->code, 10);
			memcpy(c->units[i].parent, u->parent, 10);
			c->units[i].type = (enum unit_type)u->type;
		}
		c->nunits = units.n;
	}
	c->office_type = c->nunits > 0 ? c->units[0].type : UNIT_UNKNOWN;
	c->tree = rules_tree_new(c->units, c->nunits);
	if (a->named) {
		struct named_visits nv;

		memset(&nv, 0, sizeof nv);
		nv.c = c;
		nv.today = a->today;
		due_ctx(c, &nv.ctx);
		nv.ctx.tree = c->tree;
		nv.ctx.ahead = a->ahead;
		rc = walk_visits(t, a->from, a->to, NULL, name_visit, &nv);
		rules_findings_free(&nv.one);
		a->at = nv.at;
		c->nvisit_ids = c->nrv;
		if (rc != 0)
			goto out;
		rc = -1;
	} else if (!a->lean) {
		if (visit_list_tx(t, a->from, a->to, &c->visits) != 0)
			goto out;
		c->nrv = c->nvisit_ids = c->visits.n;
		c->rv = xcalloc(c->nrv ? c->nrv : 1, sizeof *c->rv);
		c->visit_ids = xcalloc(c->nrv ? c->nrv : 1, sizeof *c->visit_ids);
		for (size_t i = 0; i < c->nrv; i++) {
			const struct visit *v = (const struct visit *)c->visits.items + i;

			to_rules_visit(v, (int)i, &c->rv[i]);
			c->visit_ids[i] = v->id;
		}
		if (count_receptions(t, c) != 0)
			goto out;
	}
	if (dayoff_list_tx(t, &c->dayoffs) != 0)
		goto out;
	dayoff_to_extra(&c->dayoffs, &c->days, &c->extra.n);
	c->extra.v = c->days;
	c->ndone = (size_t)(a->y1 - a->y0 + 1);
	c->done = xcalloc(c->ndone, sizeof *c->done);
	for (int y = a->y0; y <= a->y1; y++) {
		struct rules_done *d = &c->done[y - a->y0];
		struct calendar cal;

		rules_done_init(d, y);
		if (calendar_get_tx(t, c->office, y, &cal) < 0)
			goto out;
		d->approved = cal.approved_on;
		d->notified = cal.notified_on;
		d->submitted = cal.submitted_on;
		d->forwarded = cal.forwarded_on;
		d->collected[0] = cal.collected_on[0];
		d->collected[1] = cal.collected_on[1];
		for (int q = 0; q < 4; q++)
			d->quarterly[q] = cal.progress_on[q];
		/* P-1: which of the decree's bodies the year's commission has members of. */
		{
			unsigned cats = commission_categories(&cal);

			d->commission = (cats & 1u << CM_COMMUNITY ? RULES_P1_COMMUNITY : 0) |
			    (cats & 1u << CM_PUBLIC_COUNCIL ? RULES_P1_COUNCIL : 0);
		}
		for (size_t r = 1; r < cal.nrevisions; r++) {
			struct rules_revision *rv;

			c->rev = xgrow(c->rev, &revcap, c->nrev + 1, sizeof *c->rev);
			rv = &c->rev[c->nrev++];
			rv->year = y;
			rv->number = (int)r;
			rv->date = cal.revisions[r].date;
			rv->notified = cal.revisions[r].notified_on;
		}
		calendar_free(&cal);
	}
	/*
	 * Only the open ones, each freed as soon as it is seen to be closed, and only what
	 * the rules and the lists of due read: not the history, the topic, the later
	 * meetings (a third of an issue's memory on bench_store's store).
	 */
	if (a->issues && walk_open_issues(t, tags_of(issue_kind.desc, due_fields), keep_issue,
	    &c->issues) != 0)
		goto out;
	rc = 0;
out:
	rec_array_free(&unit_kind, &units);
	return rc;
}

static int
load(struct store *s, struct load_args *a, struct kz_error *e)
{
	struct compliance *c = a->c;

	memset(c, 0, sizeof *c);
	if (store_read(s, load_fn, a, e) != 0) {
		compliance_free(c);
		return -1;
	}
	return 0;
}

int
compliance_load(struct store *s, kz_date from, kz_date to, int y0, int y1,
    struct compliance *c, struct kz_error *e)
{
	struct load_args a = { from, to, y0, y1, c, false, false };

	return load(s, &a, e);
}

void
compliance_free(struct compliance *c)
{
	rules_tree_free(&c->tree);
	free(c->units);
	rec_array_free(&visit_kind, &c->visits);
	free(c->rv);
	free(c->visit_ids);
	rec_array_free(&dayoff_kind, &c->dayoffs);
	free(c->days);
	free(c->done);
	free(c->rev);
	rec_array_free(&issue_kind, &c->issues);
	free(c->ri);
	free(c->fin);
	free(c->cen);
	memset(c, 0, sizeof *c);
}

static int
cmp_issue(const void *a, const void *b)
{
	const struct issue *x = a, *y = b;
	int64_t dx = x->deadline == DATE_NONE ? INT64_MAX : x->deadline;
	int64_t dy = y->deadline == DATE_NONE ? INT64_MAX : y->deadline;

	if (dx != dy)
		return dx < dy ? -1 : 1;
	if (x->created_ms != y->created_ms)
		return x->created_ms < y->created_ms ? -1 : 1;
	return memcmp(x->id.b, y->id.b, sizeof x->id.b);
}

/* The year * 4 + quarter - 1 of a progress note's "2026-Q3"; -1 when it is not one. */
static int
quarter_index(const char *q)
{
	if (q == NULL || strlen(q) != 7 || q[4] != '-' || q[5] != 'Q' || q[6] < '1' ||
	    q[6] > '4')
		return -1;
	for (int k = 0; k < 4; k++)
		if (q[k] < '0' || q[k] > '9')
			return -1;
	return atoi(q) * 4 + (q[6] - '1');
}

/* an open issue's deadline and its steps' not done, as the rules see them, appended. */
static void
add_rules_issue(const struct issue *is, int id, struct rules_issue **v, size_t *n,
    size_t *cap)
{
	for (int st = -1; st < (int)is->nsteps; st++) {
		struct rules_issue *r;

		if (st >= 0 && is->steps[st].done)
			continue;
		*v = xgrow(*v, cap, *n + 1, sizeof **v);
		r = &(*v)[(*n)++];
		r->id = id;
		r->step = st;
		memcpy(r->unit, is->unit, 10);
		r->deadline = st >= 0 ? is->steps[st].deadline : is->deadline;
	}
}

/* whether an open issue waits for the maslikhat's decision; then *f says on what. */
static bool
rules_financing_of(const struct issue *is, int id, struct rules_financing *f)
{
	if (!is->needs_session || (is->decision != NULL && is->decision[0] != '\0'))
		return false;
	f->id = id;
	memcpy(f->unit, is->unit, 10);
	f->session = is->session_date;
	return true;
}

/* G-3: whether an open issue is in central competence; then *ce says its progress. */
static bool
rules_central_of(const struct issue *is, int id, struct rules_central *ce)
{
	if (is->level != LEVEL_CENTRAL)
		return false;
	ce->id = id;
	memcpy(ce->unit, is->unit, 10);
	ce->created = rules_local_date(is->created_ms, RULES_UTC_OFFSET_KZ);
	ce->noted = -1;
	for (size_t p = 0; p < is->nprogress; p++) {
		int qi = quarter_index(is->progress[p].quarter);

		if (qi > ce->noted)
			ce->noted = qi;
	}
	return true;
}

/* A-2 and G-3 as the rules see the open issues (c->issues). */
static void
after_issues(struct compliance *c)
{
	const struct issue *is = c->issues.items;
	size_t fcap = 0, ccap = 0;

	for (size_t k = 0; k < c->issues.n; k++) {
		c->fin = xgrow(c->fin, &fcap, c->nfin + 1, sizeof *c->fin);
		c->nfin += rules_financing_of(&is[k], (int)k, &c->fin[c->nfin]);
		c->cen = xgrow(c->cen, &ccap, c->ncen + 1, sizeof *c->cen);
		c->ncen += rules_central_of(&is[k], (int)k, &c->cen[c->ncen]);
	}
}

/*
 * Of c->issues (the open ones, as load_fn read them) keeps the open ones by deadline, and
 * their deadlines and their steps' as the rules see them.
 */
static void
open_issues(struct compliance *c)
{
	struct issue *is;
	size_t keep = 0, cap = 0;

	is = c->issues.items;
	for (size_t k = 0; k < c->issues.n; k++) {
		if (issue_is_open(is[k].status))
			is[keep++] = is[k];
		else
			issue_free(&is[k]);
	}
	c->issues.n = keep;
	if (keep > 1)
		qsort(is, keep, sizeof *is, cmp_issue);
	for (size_t k = 0; k < keep; k++)
		add_rules_issue(&is[k], (int)k, &c->ri, &c->nri, &cap);
	after_issues(c);
}

int
compliance_due(struct store *s, kz_date today, int ahead, struct compliance *c,
    struct rules_findings *out, struct kz_error *e)
{
	struct rules_due_ctx ctx;
	struct load_args a;
	size_t keep = 0;
	int y0, y1;

	/*
	 * Visits far enough back for A-3 of a year ago, and the calendars of every year whose
	 * steps rules_due reads (A-4 of Q4 is due in the next January, G-2 in the year after
	 * its reporting year): one missing makes what was recorded look owed again.
	 */
	rules_due_years(today, ahead, &y0, &y1);
	/* The issues in the same read as the visits and calendars: one moment's store. */
	a = (struct load_args){ today - RULES_DUE_BEHIND - 31, today + ahead + 31, y0, y1, c,
		true, false, true, today, ahead, NULL };
	if (load(s, &a, e) != 0) {
		free(a.at);
		return -1;
	}
	open_issues(c);
	due_ctx(c, &ctx);
	ctx.tree = c->tree;
	ctx.visits = c->rv;
	ctx.nvisits = c->nrv;
	ctx.issues = c->ri;
	ctx.nissues = c->nri;
	ctx.financing = c->fin;
	ctx.nfinancing = c->nfin;
	ctx.central = c->cen;
	ctx.ncentral = c->ncen;
	ctx.ahead = ahead;
	ctx.commission = true;	/* P-1: the calendars loaded hold the commissions */
	rules_due(today, &ctx, out);
	for (size_t i = 0; i < out->n; i++) {
		struct rules_finding *f = &out->v[i];

		if (!due_kept(f, c->created))
			continue;
		/* a finding's visit is the record kept for it in c->visits */
		if (f->visit >= 0)
			f->visit = (size_t)f->visit < c->nrv ? a.at[f->visit] : -1;
		out->v[keep++] = *f;
	}
	out->n = keep;
	free(a.at);
	return 0;
}

/*
 * Counting one open issue at a time (compliance_due_count): its parts as the rules see
 * them (id 0: nothing points back at it), its findings in a scratch list.
 */
struct count_args {
	struct due_count_args *d;
	struct rules_due_ctx ctx;	/* the office's, with this issue's parts only */
	kz_date today, created;
	struct rules_issue *ri;
	size_t cap;
	struct rules_financing fin;
	struct rules_central cen;
	struct rules_findings f;
	struct compliance_count *n;
};

static void
count_add(struct compliance_count *n, const struct rules_finding *f)
{
	if ((size_t)f->status < sizeof n->status / sizeof n->status[0])
		n->status[f->status]++;
	n->n++;
}

static int
count_issue(struct issue *is, void *arg)
{
	struct count_args *a = arg;

	if (count_stopped(a->d)) {
		issue_free(is);
		return 1;	/* ends the walk */
	}
	a->ctx.nissues = 0;
	add_rules_issue(is, 0, &a->ri, &a->ctx.nissues, &a->cap);
	a->ctx.issues = a->ri;
	a->ctx.nfinancing = rules_financing_of(is, 0, &a->fin);
	a->ctx.ncentral = rules_central_of(is, 0, &a->cen);
	a->f.n = 0;
	rules_due_issues(a->today, &a->ctx, &a->f);
	for (size_t i = 0; i < a->f.n; i++)
		if (due_kept(&a->f.v[i], a->created))
			count_add(a->n, &a->f.v[i]);
	issue_free(is);
	return 0;
}

/*
 * The count's visits: each one's own obligations (rules_due_visits) counted at once and
 * kept in mine only when listed, its id then in ids (the findings' visit is its index
 * there); only the meetings P-1 may look at stay in c->rv, for rules_due with the rest.
 */
struct count_visits {
	struct due_count_args *d;
	struct rules_due_ctx ctx;	/* the office's, one visit at a time */
	struct rules_findings one, mine;
	struct kz_uuid *ids;
	size_t nids, cap, icap, mcap;
};

static int
count_visit(struct store_txn *t, struct visit *v, struct rules_visit *rv, const void *val,
    size_t vn, void *arg)
{
	struct count_visits *a = arg;
	struct compliance *c = a->d->la.c;
	bool listed = false;

	(void)t;
	(void)val;
	(void)vn;
	if (p1_candidate(rv, c->office, a->d->today)) {
		/* rules_due lists its own obligations with P-1's */
		push_rv(c, rv, &v->id, &a->cap, &a->icap);
		visit_free(v);
		return 0;
	}
	rv->id = (int)a->nids;
	a->ctx.visits = rv;
	a->ctx.nvisits = 1;
	a->one.n = 0;
	rules_due_visits(a->d->today, &a->ctx, &a->one);
	for (size_t i = 0; i < a->one.n; i++) {
		if (!due_kept(&a->one.v[i], c->created))
			continue;
		count_add(a->d->n, &a->one.v[i]);
		*rules_findings_add(&a->mine) = a->one.v[i];
		listed = true;
	}
	if (listed) {
		a->ids = xgrow(a->ids, &a->mcap, a->nids + 1, sizeof *a->ids);
		a->ids[a->nids++] = v->id;
	}
	visit_free(v);
	return 0;
}

static int
due_count_fn(struct store_txn *t, void *arg)
{
	/* What rules_due reads of an issue (open_issues, after_issues): no texts but steps'. */
	static const char *const fields[] = { "unit", "level", "deadline", "steps",
		"needs_session", "session_date", "decision", "status", "progress", "created_ms",
		"withdrawn", NULL };
	struct due_count_args *d = arg;
	struct compliance *c = d->la.c;
	struct count_visits cv;
	size_t keep = 0;
	struct count_args a;
	struct rules_due_ctx ctx;
	int rc = -1;

	/* A rerun starts from nothing (store_read runs fn once, but fn does not rely on it). */
	compliance_free(c);
	rules_findings_free(d->out);
	memset(d->n, 0, sizeof *d->n);
	memset(&cv, 0, sizeof cv);
	cv.d = d;
	if (load_fn(t, &d->la) != 0)
		goto out;
	due_ctx(c, &cv.ctx);
	cv.ctx.tree = c->tree;
	cv.ctx.ahead = d->ahead;
	if (walk_visits(t, d->la.from, d->la.to, d, count_visit, &cv) != 0)
		goto out;
	if (d->stopped) {
		rc = 0;
		goto out;
	}
	/* The rest but the issues, as compliance_due gives it, with P-1's meetings. */
	due_ctx(c, &ctx);
	ctx.tree = c->tree;
	ctx.visits = c->rv;
	ctx.nvisits = c->nrv;
	ctx.ahead = d->ahead;
	ctx.commission = true;
	rules_due(d->today, &ctx, d->out);
	for (size_t i = 0; i < d->out->n; i++)
		if (due_kept(&d->out->v[i], c->created)) {
			d->out->v[keep++] = d->out->v[i];
			count_add(d->n, &d->out->v[i]);
		}
	d->out->n = keep;
	/* The other visits' findings follow, their ids after P-1's meetings'. */
	c->visit_ids = xrealloc(c->visit_ids, (c->nrv + cv.nids + 1) * sizeof *c->visit_ids);
	if (cv.nids > 0)
		memcpy(c->visit_ids + c->nrv, cv.ids, cv.nids * sizeof *cv.ids);
	c->nvisit_ids = c->nrv + cv.nids;
	for (size_t i = 0; i < cv.mine.n; i++) {
		struct rules_finding *f = rules_findings_add(d->out);

		*f = cv.mine.v[i];
		if (f->visit >= 0)
			f->visit += (int)c->nrv;
	}
	/* The issues' part, one issue at a time, in the same snapshot. */
	memset(&a, 0, sizeof a);
	a.d = d;
	due_ctx(c, &a.ctx);
	a.ctx.ahead = d->ahead;
	a.ctx.financing = &a.fin;
	a.ctx.central = &a.cen;
	a.today = d->today;
	a.created = c->created;
	a.n = d->n;
	rc = walk_open_issues(t, tags_of(issue_kind.desc, fields), count_issue, &a);
	free(a.ri);
	rules_findings_free(&a.f);
out:
	rules_findings_free(&cv.one);
	rules_findings_free(&cv.mine);
	free(cv.ids);
	return rc;
}

int
compliance_due_count(struct store *s, kz_date today, int ahead, compliance_stop_fn stop,
    void *stop_arg, struct compliance *c, struct rules_findings *out,
    struct compliance_count *n, struct kz_error *e)
{
	struct due_count_args d;
	int y0, y1;

	/* The same visits and calendars as compliance_due. */
	rules_due_years(today, ahead, &y0, &y1);
	memset(c, 0, sizeof *c);
	memset(out, 0, sizeof *out);
	d = (struct due_count_args){ { today - RULES_DUE_BEHIND - 31, today + ahead + 31, y0, y1,
		c, false, true }, today, ahead, stop, stop_arg, false, 0, out, n };
	if (store_read(s, due_count_fn, &d, e) != 0 || d.stopped) {
		compliance_free(c);
		rules_findings_free(out);
		memset(n, 0, sizeof *n);
		return d.stopped ? 1 : -1;
	}
	return 0;
}

int
compliance_check_dated(const struct compliance *c, int year, kz_date today,
    struct rules_findings *out)
{
	struct rules_due_ctx ctx;
	size_t keep = 0;

	due_ctx(c, &ctx);
	rules_check_dated(year, today, &ctx, out);
	for (size_t i = 0; i < out->n; i++) {
		struct rules_finding *f = &out->v[i];

		/* As in compliance_due: what was owed before the store existed is unknown. */
		if (f->due >= c->created || f->status == RULES_OK || f->status == RULES_LATE)
			out->v[keep++] = *f;
	}
	out->n = keep;
	return 0;
}

void
compliance_check_commission(const struct compliance *c, int year, kz_date today,
    struct rules_findings *out)
{
	struct rules_due_ctx ctx;

	/*
	 * Unlike the dated steps, nothing is left out for the store's age: the commission is
	 * who sits on it now, which the office can record at any time.
	 */
	due_ctx(c, &ctx);
	ctx.visits = c->rv;
	ctx.nvisits = c->nrv;
	memset(out, 0, sizeof *out);
	rules_check_commission(year, today, &ctx, out);
}

struct requests_args {
	struct compliance *c;
};

static int
requests_fn(struct store_txn *t, void *arg)
{
	struct compliance *c = ((struct requests_args *)arg)->c;

	for (size_t i = 0; i < c->visits.n; i++) {
		const struct visit *v = (const struct visit *)c->visits.items + i;

		/* P-2 asks about held calendar meetings only: the others need no count. */
		if (v->status != VISIT_HELD || v->unscheduled)
			continue;
		if (request_count_tx(t, &v->id, &c->rv[i].requests) != 0)
			return -1;
	}
	return 0;
}

int
compliance_count_requests(struct store *s, struct compliance *c, struct kz_error *e)
{
	struct requests_args a = { c };

	return store_read(s, requests_fn, &a, e);
}

struct plan_args {
	int year;
	struct compliance_plan *out;
};

/* Whether a finding of the coverage check says (akim, target, period) is covered. */
static bool
covered(const struct rules_findings *cov, const struct rules_planned *p)
{
	for (size_t i = 0; i < cov->n; i++) {
		const struct rules_finding *f = &cov->v[i];

		if (f->status == RULES_OK && f->period == p->period &&
		    strcmp(f->akim, p->akim) == 0 && strcmp(f->target, p->target) == 0)
			return true;
	}
	return false;
}

static int
plan_fn(struct store_txn *t, void *arg)
{
	struct plan_args *a = arg;
	struct compliance c;
	struct load_args la = { date_from_ymd(a->year, 1, 1), date_from_ymd(a->year + 1, 1, 1),
		a->year, a->year, &c };
	struct rules_findings cov = { 0 };
	struct rules_plan plan = { 0 };
	struct calendar cal;
	struct node n;
	int rc = -1;

	memset(&c, 0, sizeof c);
	/* A rerun after the map grew starts over. */
	rules_findings_free(&a->out->unplaced);
	a->out->proposed = a->out->added = 0;
	if (node_get_tx(t, &n) != 0)
		goto out;
	/* The Government holds no meetings of its own: C-1..C-5 are the akims'. */
	if (unit_is_government(n.unit)) {
		rc = kz_fail(store_txn_error(t), KZ_EINVAL, _("plan %d: the Government's store "
		    "plans no meetings (C-1..C-5 are the akims'); the regions plan theirs and the "
		    "Government forwards their calendars (G-1)"), a->year);
		goto out;
	}
	if (calendar_get_tx(t, n.unit, a->year, &cal) < 0)
		goto out;
	rc = cal.status == CAL_DRAFT ? 0 : kz_fail(store_txn_error(t), KZ_EINVAL, _("calendar %d "
	    "is already approved: change it with visits and record the change with kezdesu "
	    "calendar revise (K-2)"), a->year);
	calendar_free(&cal);
	if (rc != 0 || (rc = load_fn(t, &la)) != 0)
		goto out;
	if (rules_plan(c.tree, c.office, a->year, &c.extra, &plan) != 0 ||
	    rules_check_coverage(c.tree, c.office, true, a->year, RULES_MODE_PLANNED, c.rv,
	    c.visits.n, &cov) != 0) {
		rc = kz_fail(store_txn_error(t), KZ_EINVAL, _("unit %s: the office's unit is not "
		    "an akim's unit, or its units are not imported"), c.office);
		goto out;
	}
	a->out->proposed = plan.n;
	for (size_t i = 0; i < plan.n && rc == 0; i++) {
		const struct rules_planned *p = &plan.v[i];
		struct visit v;

		if (covered(&cov, p))
			continue;
		visit_init(&v);
		memcpy(v.akim, p->akim, 10);
		memcpy(v.target, p->target, 10);
		v.date = p->date;
		v.announce_by = p->announce_on;
		v.field = p->field;
		v.duration_min = 120;
		v.status = VISIT_PLANNED;
		rc = visit_add_tx(t, &v);
		visit_free(&v);
		a->out->added++;
	}
	/* The unplaced findings move to the caller. */
	a->out->unplaced = plan.unplaced;
	memset(&plan.unplaced, 0, sizeof plan.unplaced);
out:
	rules_findings_free(&cov);
	rules_plan_free(&plan);
	compliance_free(&c);
	return rc;
}

int
compliance_plan_year(struct store *s, int year, struct compliance_plan *out,
    struct kz_error *e)
{
	struct plan_args a = { year, out };

	memset(out, 0, sizeof *out);
	if (year < 2000 || year > 2999)
		return kz_fail(e, KZ_EINVAL, _("year %d is out of range"), year);
	return store_write(s, plan_fn, &a, e);
}

void
compliance_plan_free(struct compliance_plan *p)
{
	rules_findings_free(&p->unplaced);
}
