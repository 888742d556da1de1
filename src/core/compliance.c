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
	const struct visit *vs = c->visits.items;
	struct by_id *ix;

	if (reception_list_tx(t, NULL, &rs) != 0)
		return -1;
	ix = xmalloc((c->visits.n ? c->visits.n : 1) * sizeof *ix);
	for (size_t i = 0; i < c->visits.n; i++) {
		ix[i].id = vs[i].id.b;
		ix[i].i = i;
	}
	if (c->visits.n > 1)
		qsort(ix, c->visits.n, sizeof *ix, cmp_by_id);
	for (size_t k = 0; k < rs.n; k++) {
		const struct reception *r = (const struct reception *)rs.items + k;
		struct by_id key = { r->visit.b, 0 };
		const struct by_id *hit = c->visits.n == 0 ? NULL :
		    bsearch(&key, ix, c->visits.n, sizeof *ix, cmp_by_id);
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

struct load_args {
	kz_date from, to;
	int y0, y1;
	struct compliance *c;
	bool issues;		/* also all the issues, into c->issues (compliance_due) */
};

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
	c->office_type = units.n > 0 ? (enum unit_type)((struct unit *)units.items)->type :
	    UNIT_UNKNOWN;
	c->tree = rules_tree_new(c->units, c->nunits);
	if (visit_list_tx(t, a->from, a->to, &c->visits) != 0)
		goto out;
	c->rv = xcalloc(c->visits.n ? c->visits.n : 1, sizeof *c->rv);
	for (size_t i = 0; i < c->visits.n; i++)
		to_rules_visit((const struct visit *)c->visits.items + i, (int)i, &c->rv[i]);
	if (count_receptions(t, c) != 0)
		goto out;
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
	if (a->issues && issue_list_tx(t, -1, &c->issues) != 0)
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
	struct load_args a = { from, to, y0, y1, c, false };

	return load(s, &a, e);
}

void
compliance_free(struct compliance *c)
{
	rules_tree_free(&c->tree);
	free(c->units);
	rec_array_free(&visit_kind, &c->visits);
	free(c->rv);
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

/* A-2 and G-3 as the rules see the open issues (c->issues). */
static void
after_issues(struct compliance *c)
{
	const struct issue *is = c->issues.items;
	size_t fcap = 0, ccap = 0;

	for (size_t k = 0; k < c->issues.n; k++) {
		if (is[k].needs_session && (is[k].decision == NULL || is[k].decision[0] == '\0')) {
			struct rules_financing *f;

			c->fin = xgrow(c->fin, &fcap, c->nfin + 1, sizeof *c->fin);
			f = &c->fin[c->nfin++];
			f->id = (int)k;
			memcpy(f->unit, is[k].unit, 10);
			f->session = is[k].session_date;
		}
		if (is[k].level == LEVEL_CENTRAL) {
			struct rules_central *ce;

			c->cen = xgrow(c->cen, &ccap, c->ncen + 1, sizeof *c->cen);
			ce = &c->cen[c->ncen++];
			ce->id = (int)k;
			memcpy(ce->unit, is[k].unit, 10);
			ce->created = rules_local_date(is[k].created_ms, RULES_UTC_OFFSET_KZ);
			ce->noted = -1;
			for (size_t p = 0; p < is[k].nprogress; p++) {
				int qi = quarter_index(is[k].progress[p].quarter);

				if (qi > ce->noted)
					ce->noted = qi;
			}
		}
	}
}

/*
 * Of c->issues (all of them, as load_fn read them) keeps the open ones by deadline, and
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
	for (size_t k = 0; k < keep; k++) {
		for (int st = -1; st < (int)is[k].nsteps; st++) {
			struct rules_issue *r;

			if (st >= 0 && is[k].steps[st].done)
				continue;
			c->ri = xgrow(c->ri, &cap, c->nri + 1, sizeof *c->ri);
			r = &c->ri[c->nri++];
			r->id = (int)k;
			r->step = st;
			memcpy(r->unit, is[k].unit, 10);
			r->deadline = st >= 0 ? is[k].steps[st].deadline : is[k].deadline;
		}
	}
	after_issues(c);
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
		true };
	if (load(s, &a, e) != 0)
		return -1;
	open_issues(c);
	due_ctx(c, &ctx);
	ctx.tree = c->tree;
	ctx.visits = c->rv;
	ctx.nvisits = c->visits.n;
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
		if (out->v[i].due == DATE_NONE || out->v[i].due >= c->created ||
		    out->v[i].recorded)
			out->v[keep++] = out->v[i];
	}
	out->n = keep;
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
	ctx.nvisits = c->visits.n;
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
