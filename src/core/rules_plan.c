/*
 * A proposed annual calendar: for each akim of an office's subtree, one meeting per target
 * and period that its coverage rule (C-1..C-5) asks for, on working days, spread over the period.
 */
#include "core/rules.h"

#include <stdlib.h>
#include <string.h>

#include "util/xmalloc.h"

/* The working days of the planned year. */
struct year_days {
	kz_date		 jan1;
	int		 n;
	bool		*work;
	kz_date		 not_before;	/* no notice before the K-1 deadline */
};

static void
year_days_init(struct year_days *yd, int year, const struct holidays_extra *h)
{
	const struct rules_deadline *rows;
	size_t nrows;

	yd->jan1 = date_from_ymd(year, 1, 1);
	yd->n = date_from_ymd(year + 1, 1, 1) - yd->jan1;
	yd->work = xmalloc((size_t)yd->n * sizeof *yd->work);
	for (int i = 0; i < yd->n; i++)
		yd->work[i] = holidays_is_working_day(yd->jan1 + i, h);
	yd->not_before = date_from_ymd(year, 1, 15);
	rows = rules_deadline_table(&nrows);
	for (size_t r = 0; r < nrows; r++)
		if (strcmp(rows[r].id, "K-1") == 0) {
			yd->not_before = rules_deadline_date(&rows[r], year, 0);
			break;
		}
}

/*
 * Interpretation (P-4): the notice day of a meeting on date is `need` days before it,
 * moved back to the previous working day when that is a day off (more notice is still
 * notice), and never before the K-1 deadline: a calendar is announced once approved.
 * Returns DATE_NONE when no such day exists, which makes date unusable.
 */
static kz_date
notice_day(const struct year_days *yd, kz_date date, int need)
{
	kz_date a = date - need;

	while (a >= yd->not_before && !yd->work[a - yd->jan1])
		a--;
	return a >= yd->not_before ? a : DATE_NONE;
}

static bool
has_akim(const struct rules_tree *t, int i)
{
	return unit_type_has_akim(rules_tree_unit(t, i)->type);
}

static void
collect_akims(const struct rules_tree *t, int i, int **v, size_t *n, size_t *cap)
{
	const int *c;
	size_t nc;

	if (has_akim(t, i)) {
		*v = xgrow(*v, cap, *n + 1, sizeof **v);
		(*v)[(*n)++] = i;
	}
	c = rules_tree_children(t, i, &nc);
	for (size_t k = 0; k < nc; k++)
		collect_akims(t, c[k], v, n, cap);
}

static int
cmp_planned(const void *a, const void *b)
{
	const struct rules_planned *x = a, *y = b;
	int c;

	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	if ((c = strcmp(x->akim, y->akim)) != 0)
		return c;
	return strcmp(x->target, y->target);
}

/* The usable days of one period for one notice length, with their notice days. */
struct usable {
	enum rules_period	 p;
	int			 need;
	kz_date			*days, *notice;
	size_t			 n;
};

static const struct usable *
usable_get(struct usable **cache, size_t *n, size_t *cap, const struct year_days *yd,
    int year, enum rules_period p, int need)
{
	struct usable *u;
	kz_date first, last;

	for (size_t k = 0; k < *n; k++)
		if ((*cache)[k].p == p && (*cache)[k].need == need)
			return &(*cache)[k];
	*cache = xgrow(*cache, cap, *n + 1, sizeof **cache);
	u = &(*cache)[(*n)++];
	u->p = p;
	u->need = need;
	u->n = 0;
	rules_period_range(year, p, &first, &last);
	u->days = xmalloc((size_t)(last - first + 1) * sizeof *u->days);
	u->notice = xmalloc((size_t)(last - first + 1) * sizeof *u->notice);
	for (kz_date d = first; d <= last; d++) {
		kz_date a;

		if (!yd->work[d - yd->jan1] || (a = notice_day(yd, d, need)) == DATE_NONE)
			continue;
		u->days[u->n] = d;
		u->notice[u->n++] = a;
	}
	return u;
}

/*
 * Places the targets of one akim in one period: N targets on L usable days each get the
 * middle day of their share, day (2k + 1) L / 2N; two targets never share a day while
 * N <= L. The targets beyond L (a city with more microdistricts than working days in a
 * half-year) are reported unplaced.
 */
static void
place(struct rules_plan *out, const struct rules_unit *akim, const struct rules_targets *tg,
    const struct usable *u, int year)
{
	size_t nplace = tg->n < u->n ? tg->n : u->n;
	struct rules_planned *pl;
	struct rules_finding *f;
	kz_date from;
	size_t d;

	for (size_t k = 0; k < tg->n; k++) {
		if (k >= nplace) {
			f = rules_findings_add(&out->unplaced);
			f->rule = tg->rule->id;
			f->what = tg->rule->what;
			f->status = RULES_MISSING;
			memcpy(f->akim, akim->code, sizeof f->akim);
			memcpy(f->target, tg->v[k]->code, sizeof f->target);
			f->year = year;
			f->period = u->p;
			rules_period_range(year, u->p, &from, &f->due);
			continue;
		}
		d = ((2 * k + 1) * u->n) / (2 * nplace);
		out->v = xgrow(out->v, &out->cap, out->n + 1, sizeof *out->v);
		pl = &out->v[out->n++];
		memset(pl, 0, sizeof *pl);
		memcpy(pl->akim, akim->code, sizeof pl->akim);
		memcpy(pl->target, tg->v[k]->code, sizeof pl->target);
		pl->rule = tg->rule->id;
		pl->period = u->p;
		pl->date = u->days[d];
		pl->announce_on = u->notice[d];
		pl->field = tg->rule->field;
	}
}

int
rules_plan(const struct rules_tree *t, const char *office, int year,
    const struct holidays_extra *holidays, struct rules_plan *out)
{
	struct year_days yd;
	struct usable *cache = NULL;
	int *akims = NULL, i;
	size_t nakims = 0, cakims = 0, ncache = 0, ccache = 0;

	memset(out, 0, sizeof *out);
	i = rules_tree_find(t, office);
	if (i < 0 || !has_akim(t, i))
		return -1;
	collect_akims(t, i, &akims, &nakims, &cakims);
	year_days_init(&yd, year, holidays);

	for (size_t k = 0; k < nakims; k++) {
		const struct rules_unit *u = rules_tree_unit(t, akims[k]);
		struct rules_targets tg;
		int need = rules_announce_days(u->type);

		if (rules_targets(t, u->code, &tg) != 0)
			continue;
		if (tg.rule->half_year) {
			place(out, u, &tg, usable_get(&cache, &ncache, &ccache, &yd, year,
			    RULES_H1, need), year);
			place(out, u, &tg, usable_get(&cache, &ncache, &ccache, &yd, year,
			    RULES_H2, need), year);
		} else
			place(out, u, &tg, usable_get(&cache, &ncache, &ccache, &yd, year,
			    RULES_YEAR, need), year);
		rules_targets_free(&tg);
	}

	for (size_t k = 0; k < ncache; k++) {
		free(cache[k].days);
		free(cache[k].notice);
	}
	free(cache);
	free(yd.work);
	free(akims);
	qsort(out->v, out->n, sizeof *out->v, cmp_planned);
	return 0;
}

void
rules_plan_free(struct rules_plan *plan)
{
	free(plan->v);
	rules_findings_free(&plan->unplaced);
	memset(plan, 0, sizeof *plan);
}
