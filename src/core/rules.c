/*
 * The decree's tables, its periods and the unit tree the rules walk. The checks and the
 * deadlines due are in rules_check.c and the plan in rules_plan.c; the readings of
 * RULES.md that its text leaves open are marked "Interpretation" in these three files.
 */
#include "core/rules.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/kato.h"
#include "util/xmalloc.h"
#include "util/i18n.h"

/* ---- Tables ----------------------------------------------------------------------- */

static const struct rules_coverage coverage[] = {
	{
		.id = "C-1",
		.akims = RULES_T(UNIT_REGION),
		.half_year = false,
		.select = RULES_SEL_BELOW,
		.targets = RULES_T(UNIT_DISTRICT) | RULES_T(UNIT_CITY_REG),
		.field = true,
		.what = N_("a field meeting in each district and city of regional significance "
		    "every year"),
	},
	{
		.id = "C-2",
		.akims = RULES_T(UNIT_CITY_REP),
		.half_year = false,
		.select = RULES_SEL_BELOW,
		.targets = RULES_T(UNIT_CITY_DISTRICT),
		.field = true,
		.what = N_("a field meeting in each district of the city every year"),
	},
	{
		/*
		 * Interpretation: a city directly under the district is a city of district
		 * significance whose administration the classifier does not list (Zhetysai,
		 * Saryagash, Lenger, Shardara in Turkistan region); leaving it out would leave
		 * a district's largest town without meetings. kato.c already types such a
		 * city CITY_DIST; this keeps a tree typed otherwise right too.
		 */
		.id = "C-3",
		.akims = RULES_T(UNIT_DISTRICT),
		.half_year = true,
		.select = RULES_SEL_BELOW,
		.targets = RULES_T(UNIT_RURAL_OKRUG) | RULES_T(UNIT_VILLAGE) |
		    RULES_T(UNIT_SETTLEMENT) | RULES_T(UNIT_CITY_DIST) | RULES_T(UNIT_CITY),
		.field = true,
		.what = N_("a field meeting in each rural okrug, village, settlement and city of "
		    "district significance every half-year"),
	},
	{
		/* Every village and settlement at any depth; stations and farms are not. */
		.id = "C-4",
		.akims = RULES_T(UNIT_RURAL_OKRUG),
		.half_year = true,
		.select = RULES_SEL_BELOW,
		.targets = RULES_T(UNIT_VILLAGE_LOC) | RULES_T(UNIT_SETTLEMENT_LOC),
		.field = true,
		.what = N_("a field meeting in each village and settlement of the okrug every "
		    "half-year"),
	},
	{
		/*
		 * The city's urban part (rules_targets: city districts, else microdistricts,
		 * else the city proper) and, at any depth, every village and settlement of
		 * its territory, also those inside its rural okrugs and village and
		 * settlement administrations.
		 */
		.id = "C-4",
		.akims = RULES_T(UNIT_CITY_REG) | RULES_T(UNIT_CITY_DIST),
		.half_year = true,
		.select = RULES_SEL_CITY,
		.targets = RULES_T(UNIT_VILLAGE_LOC) | RULES_T(UNIT_SETTLEMENT_LOC),
		.field = true,
		.what = N_("a field meeting in each district (microdistrict) of the city and each "
		    "village and settlement in its territory every half-year"),
	},
	{
		.id = "C-5",
		.akims = RULES_T(UNIT_VILLAGE) | RULES_T(UNIT_SETTLEMENT) |
		    RULES_T(UNIT_CITY_DISTRICT),
		.half_year = true,
		.select = RULES_SEL_SELF,
		.field = false,
		.what = N_("a meeting in the akim's own village, settlement or city district every "
		    "half-year"),
	},
};

#define P4_14	(RULES_T(UNIT_REGION) | RULES_T(UNIT_CITY_REP) | RULES_T(UNIT_DISTRICT) | \
	RULES_T(UNIT_CITY_REG) | RULES_T(UNIT_CITY_DIST))
#define P4_7	(RULES_T(UNIT_VILLAGE) | RULES_T(UNIT_SETTLEMENT) | \
	RULES_T(UNIT_RURAL_OKRUG) | RULES_T(UNIT_CITY_DISTRICT))
#define K_OFFICES (RULES_T(UNIT_REGION) | RULES_T(UNIT_CITY_REP))

static const struct rules_deadline deadlines[] = {
	{ .id = "K-1", .kind = RULES_DL_DATE, .akims = K_OFFICES, .month = { 1 }, .day = 15,
	  .before = true, .done = RULES_DONE_APPROVED,
	  .what = N_("approve the annual calendar of meetings") },
	{ .id = "K-1", .kind = RULES_DL_DATE, .akims = K_OFFICES, .month = { 1 }, .day = 15,
	  .before = true, .done = RULES_DONE_NOTIFIED,
	  .what = N_("notify the maslikhat of the calendar") },
	{ .id = "K-3", .kind = RULES_DL_DATE, .akims = K_OFFICES, .month = { 1 }, .day = 20,
	  .before = true, .done = RULES_DONE_SUBMITTED,
	  .what = N_("submit the approved calendar to the Government") },
	{ .id = "G-1", .kind = RULES_DL_DATE, .government = true, .month = { 2 }, .day = 1,
	  .before = true, .done = RULES_DONE_FORWARDED,
	  .what = N_("submit the regional calendars to the Administration of the President") },
	/*
	 * Interpretation (G-2): «года, следующего за отчетным годом»: the lists collected in
	 * February and August of Y + 1 concern the issues of reporting year Y, labelled Y.
	 */
	{ .id = "G-2", .kind = RULES_DL_DATE, .government = true, .month = { 2, 8 },
	  .year_after = 1, .day = 15, .before = true, .done = RULES_DONE_COLLECTED,
	  .what = N_("collect the problem issues that need a central decision, with proposals") },
	{ .id = "P-4", .kind = RULES_DL_BEFORE, .akims = P4_14, .days = 14,
	  .what = N_("announce the meeting 14 days before it") },
	{ .id = "P-4", .kind = RULES_DL_BEFORE, .akims = P4_7, .days = 7,
	  .what = N_("announce the meeting 7 days before it") },
	{ .id = "A-3", .kind = RULES_DL_AFTER, .akims = RULES_T_AKIMS, .days = 10,
	  .what = N_("publish the results, the problem issues and the action plan") },
	{ .id = "A-4", .kind = RULES_DL_QUARTERLY, .akims = RULES_T_AKIMS, .day = 25,
	  .done = RULES_DONE_QUARTERLY,
	  .what = N_("publish the quarter's progress on the problem issues") },
	{ .id = "T-1", .kind = RULES_DL_SHARE, .akims = RULES_T_AKIMS, .num = 1, .den = 4,
	  .what = N_("the report takes at most a quarter of the planned time") },
};

const struct rules_coverage *
rules_coverage_table(size_t *n)
{
	*n = sizeof coverage / sizeof coverage[0];
	return coverage;
}

const struct rules_coverage *
rules_coverage_for(enum unit_type akim)
{
	if ((unsigned)akim >= UNIT_TYPE_COUNT)
		return NULL;
	for (size_t i = 0; i < sizeof coverage / sizeof coverage[0]; i++)
		if (coverage[i].akims & RULES_T(akim))
			return &coverage[i];
	return NULL;
}

const struct rules_deadline *
rules_deadline_table(size_t *n)
{
	*n = sizeof deadlines / sizeof deadlines[0];
	return deadlines;
}

/*
 * Interpretation (K-1, RULES.md): «до 15 января» is before 15 January, so the last day
 * on time is the 14th; the same for K-3, G-1 and G-2. This is the one switch: false reads
 * the named day itself as still on time (the inclusive reading).
 */
static const bool strict_before = true;

kz_date
rules_deadline_date(const struct rules_deadline *row, int year, int k)
{
	kz_date d = date_from_ymd(year, row->month[k], row->day);

	return row->before && strict_before ? d - 1 : d;
}

int
rules_announce_days(enum unit_type akim)
{
	if ((unsigned)akim >= UNIT_TYPE_COUNT)
		return -1;
	for (size_t i = 0; i < sizeof deadlines / sizeof deadlines[0]; i++)
		if (deadlines[i].kind == RULES_DL_BEFORE && (deadlines[i].akims & RULES_T(akim)))
			return deadlines[i].days;
	return -1;
}

/* ---- Time ------------------------------------------------------------------------- */

kz_date
rules_local_date(int64_t unix_ms, int utc_offset_min)
{
	const int64_t day = 86400000;
	int64_t ms = unix_ms + (int64_t)utc_offset_min * 60000;
	int64_t d = ms / day;

	/* Division truncates towards zero; a day starts at its midnight, so floor. */
	if (ms % day < 0)
		d--;
	return (kz_date)d;
}

enum rules_period
rules_half_of(kz_date date)
{
	int y, m, d;

	date_to_ymd(date, &y, &m, &d);
	return m <= 6 ? RULES_H1 : RULES_H2;
}

void
rules_period_range(int year, enum rules_period p, kz_date *first, kz_date *last)
{
	*first = date_from_ymd(year, p == RULES_H2 ? 7 : 1, 1);
	*last = p == RULES_H1 ? date_from_ymd(year, 6, 30) : date_from_ymd(year, 12, 31);
}

void
rules_period_name(int year, enum rules_period p, char buf[16])
{
	if (p == RULES_YEAR)
		snprintf(buf, 16, "%04d", year);
	else
		snprintf(buf, 16, "%04d-H%d", year, p == RULES_H1 ? 1 : 2);
}

int
rules_period_parse(const char *s, int *year, enum rules_period *p)
{
	int y = 0;

	for (int i = 0; i < 4; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		y = y * 10 + (s[i] - '0');
	}
	if (s[4] == '\0')
		*p = RULES_YEAR;
	else if (strcmp(s + 4, "-H1") == 0)
		*p = RULES_H1;
	else if (strcmp(s + 4, "-H2") == 0)
		*p = RULES_H2;
	else
		return -1;
	*year = y;
	return 0;
}

/* ---- Findings --------------------------------------------------------------------- */

const char *
rules_status_name(enum rules_status s)
{
	switch (s) {
	case RULES_OK:
		return N_("ok");
	case RULES_MISSING:
		return N_("missing");
	case RULES_LATE:
		return N_("late");
	case RULES_OVERDUE:
		return N_("overdue");
	case RULES_PENDING:
		return N_("pending");
	case RULES_OVER:
		return N_("over");
	case RULES_COV_HELD:
		return N_("held");
	case RULES_COV_PLANNED:
		return N_("planned");
	case RULES_COV_PAST:
		return N_("past-not-held");
	case RULES_COV_OPEN:
		return N_("open");
	}
	return N_("?");
}

struct rules_finding *
rules_findings_add(struct rules_findings *f)
{
	struct rules_finding *r;

	f->v = xgrow(f->v, &f->cap, f->n + 1, sizeof *f->v);
	r = &f->v[f->n++];
	memset(r, 0, sizeof *r);
	r->visit = -1;
	r->issue = -1;
	r->step = -1;
	r->due = DATE_NONE;
	return r;
}

void
rules_findings_free(struct rules_findings *f)
{
	free(f->v);
	f->v = NULL;
	f->n = f->cap = 0;
}

void
rules_finding_period(const struct rules_finding *f, kz_date date, char per[16])
{
	per[0] = '\0';
	if (f->rule[0] == 'C' || date == DATE_NONE) {
		if (f->year == 0)
			return;		/* an issue with no deadline */
		if (f->quarter > 0)	/* which quarter's progress */
			snprintf(per, 16, "%d-Q%d", f->year, f->quarter);
		else
			rules_period_name(f->year, f->period, per);
		return;
	}
	{
		int y, m, d;

		date_to_ymd(date, &y, &m, &d);
		rules_period_name(y, rules_half_of(date), per);
	}
}

void
rules_done_init(struct rules_done *d, int year)
{
	d->year = year;
	d->approved = d->notified = d->submitted = d->forwarded = DATE_NONE;
	d->collected[0] = d->collected[1] = DATE_NONE;
	for (int q = 0; q < 4; q++)
		d->quarterly[q] = DATE_NONE;
	d->commission = 0;	/* P-1: no member recorded */
}

/* ---- The tree --------------------------------------------------------------------- */

struct rules_tree {
	struct rules_unit	*u;
	uint32_t		*key;		/* the code as a number, by index */
	int			*parent;
	int			*first;		/* children of i: child[first[i] .. first[i+1]) */
	int			*child;
	int			*slot;		/* hash slots: index or -1 */
	uint32_t		*skey;		/* the code of each slot: a merged unit's
						 * code leads to the unit it is merged into */
	size_t			 nslot;		/* a power of two */
	size_t			 n;
};

static uint32_t
code_key(const char *code)
{
	uint32_t k = 0;

	for (int i = 0; i < UNIT_CODE_LEN; i++)
		k = k * 10 + (uint32_t)(code[i] - '0');
	return k;
}

static size_t
key_hash(uint32_t k, size_t nslot)
{
	return (size_t)((k * 2654435761u) & (nslot - 1));
}

static int
find_key(const struct rules_tree *t, uint32_t k)
{
	for (size_t h = key_hash(k, t->nslot);; h = (h + 1) & (t->nslot - 1)) {
		if (t->slot[h] < 0)
			return -1;
		if (t->skey[h] == k)
			return t->slot[h];
	}
}

/* qsort has no context argument in C11: sort pairs of (key, index) instead. */
struct keyed {
	uint32_t	 key;
	int		 i;
};

static int
cmp_keyed(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;

	return (x->key > y->key) - (x->key < y->key);
}

/* KATO's parent (kato_parent_candidates): the nearest of its candidates in the tree. */
static int
derive_parent(const struct rules_tree *t, const char *code)
{
	char cand[4][10];
	size_t n = kato_parent_candidates(code, cand);
	int i;

	for (size_t j = 0; j < n; j++)
		if ((i = find_key(t, code_key(cand[j]))) >= 0)
			return i;
	return -1;
}

/* A chain of parents that loops would make every walk up endless: cut it. */
static void
break_cycles(struct rules_tree *t)
{
	unsigned char *state = xcalloc(t->n ? t->n : 1, 1);	/* 0 new, 1 on path, 2 done */

	for (size_t s = 0; s < t->n; s++) {
		int i = (int)s, last = -1;

		while (i >= 0 && state[i] == 0) {
			state[i] = 1;
			last = i;
			i = t->parent[i];
		}
		if (i >= 0 && state[i] == 1)
			t->parent[last] = -1;
		for (i = (int)s; i >= 0 && state[i] == 1; i = t->parent[i])
			state[i] = 2;
	}
	free(state);
}

/*
 * Interpretation ("One akim, one duty", RULES.md): a city district listed twice, as its
 * administration and as a "район" row under it (Karaganda: 351011000 "Әлихан Бөкейхан
 * р.а." and 351011100 "район Әлихан Бөкейхан"), is one unit with one akim, so one C-5
 * duty and one C-4 target of the city. A CITY_DISTRICT whose parent is a CITY_DISTRICT
 * is merged into that parent: its code leads to the parent's index, and its children
 * become the parent's. The classifier has no other city district inside a city district.
 */
bool
rules_twin_types(enum unit_type child, enum unit_type parent)
{
	return child == UNIT_CITY_DISTRICT && parent == UNIT_CITY_DISTRICT;
}

static void
merge_twins(struct rules_tree *t)
{
	int *into = xmalloc((t->n ? t->n : 1) * sizeof *into), *idx;
	size_t n = 0;
	bool any = false;

	for (size_t i = 0; i < t->n; i++) {
		int p = t->parent[i];

		into[i] = (int)i;
		if (p >= 0 && rules_twin_types(t->u[i].type, t->u[p].type)) {
			into[i] = p;
			any = true;
		}
	}
	if (!any) {
		free(into);
		return;
	}
	/* Parents have no cycles left: following into[] ends at a unit kept. */
	for (size_t i = 0; i < t->n; i++)
		while (into[into[i]] != into[i])
			into[i] = into[into[i]];
	/* Kept units keep their order; a merged one takes its keeper's new index. */
	idx = xmalloc((t->n ? t->n : 1) * sizeof *idx);
	for (size_t i = 0; i < t->n; i++)
		if (into[i] == (int)i)
			idx[i] = (int)n++;
	for (size_t i = 0; i < t->n; i++)
		idx[i] = idx[into[i]];
	for (size_t i = 0; i < t->n; i++) {
		int p = t->parent[i];

		if (into[i] != (int)i)
			continue;
		t->u[idx[i]] = t->u[i];
		t->key[idx[i]] = t->key[i];
		/* A child of a merged unit hangs under its keeper. */
		t->parent[idx[i]] = p < 0 ? -1 : idx[p];
	}
	for (size_t h = 0; h < t->nslot; h++)
		if (t->slot[h] >= 0)
			t->slot[h] = idx[t->slot[h]];
	t->n = n;
	free(idx);
	free(into);
}

struct rules_tree *
rules_tree_new(const struct rules_unit *units, size_t n)
{
	struct rules_tree *t = xcalloc(1, sizeof *t);
	struct keyed *order;
	int *fill;

	t->u = xcalloc(n ? n : 1, sizeof *t->u);
	t->key = xcalloc(n ? n : 1, sizeof *t->key);
	for (t->nslot = 16; t->nslot < 2 * n; t->nslot *= 2)
		;
	t->slot = xmalloc(t->nslot * sizeof *t->slot);
	t->skey = xcalloc(t->nslot, sizeof *t->skey);
	for (size_t h = 0; h < t->nslot; h++)
		t->slot[h] = -1;
	for (size_t s = 0; s < n; s++) {
		uint32_t k;
		size_t h;

		if (!unit_code_valid(units[s].code))
			continue;
		k = code_key(units[s].code);
		if (find_key(t, k) >= 0)
			continue;
		t->u[t->n] = units[s];
		t->key[t->n] = k;
		for (h = key_hash(k, t->nslot); t->slot[h] >= 0; h = (h + 1) & (t->nslot - 1))
			;
		t->skey[h] = k;
		t->slot[h] = (int)t->n++;
	}

	t->parent = xmalloc((t->n ? t->n : 1) * sizeof *t->parent);
	for (size_t i = 0; i < t->n; i++) {
		const char *p = t->u[i].parent;

		if (p[0] == '\0')
			t->parent[i] = derive_parent(t, t->u[i].code);
		else
			t->parent[i] = unit_code_valid(p) ? find_key(t, code_key(p)) : -1;
	}
	break_cycles(t);
	merge_twins(t);
	for (size_t i = 0; i < t->n; i++) {
		if (t->parent[i] >= 0)
			memcpy(t->u[i].parent, t->u[t->parent[i]].code, sizeof t->u[i].parent);
		else
			t->u[i].parent[0] = '\0';
	}

	/* Children in code order: fill them walking all units in code order. */
	order = xmalloc((t->n ? t->n : 1) * sizeof *order);
	for (size_t i = 0; i < t->n; i++) {
		order[i].key = t->key[i];
		order[i].i = (int)i;
	}
	qsort(order, t->n, sizeof *order, cmp_keyed);
	t->first = xcalloc(t->n + 2, sizeof *t->first);
	for (size_t i = 0; i < t->n; i++)
		if (t->parent[i] >= 0)
			t->first[t->parent[i] + 1]++;
	for (size_t i = 0; i < t->n; i++)
		t->first[i + 1] += t->first[i];
	t->child = xmalloc((t->n ? t->n : 1) * sizeof *t->child);
	fill = xcalloc(t->n ? t->n : 1, sizeof *fill);
	for (size_t s = 0; s < t->n; s++) {
		int i = order[s].i, p = t->parent[i];

		if (p >= 0)
			t->child[t->first[p] + fill[p]++] = i;
	}
	free(fill);
	free(order);
	return t;
}

void
rules_tree_free(struct rules_tree **tp)
{
	struct rules_tree *t = *tp;

	if (t == NULL)
		return;
	free(t->u);
	free(t->key);
	free(t->parent);
	free(t->first);
	free(t->child);
	free(t->slot);
	free(t->skey);
	free(t);
	*tp = NULL;
}

size_t
rules_tree_size(const struct rules_tree *t)
{
	return t->n;
}

int
rules_tree_find(const struct rules_tree *t, const char *code)
{
	if (code == NULL || !unit_code_valid(code))
		return -1;
	return find_key(t, code_key(code));
}

const struct rules_unit *
rules_tree_unit(const struct rules_tree *t, int i)
{
	return &t->u[i];
}

int
rules_tree_parent(const struct rules_tree *t, int i)
{
	return t->parent[i];
}

const int *
rules_tree_children(const struct rules_tree *t, int i, size_t *n)
{
	*n = (size_t)(t->first[i + 1] - t->first[i]);
	return &t->child[t->first[i]];
}

const char *
rules_akim_unit(const struct rules_tree *t, const char *code)
{
	int i = rules_tree_find(t, code);

	while (i >= 0 && !unit_type_has_akim(t->u[i].type))
		i = t->parent[i];
	return i >= 0 ? t->u[i].code : NULL;
}

/* ---- Targets ---------------------------------------------------------------------- */

struct ivec {
	int	*v;
	size_t	 n, cap;
};

static void
ivec_push(struct ivec *a, int x)
{
	a->v = xgrow(a->v, &a->cap, a->n + 1, sizeof *a->v);
	a->v[a->n++] = x;
}

/*
 * Walks down from i through places without an akim; a unit with an akim of its own is a
 * target or the end of the walk, because what lies inside it is that akim's to cover.
 * A place that is a target is walked into too: a village under a main village is a
 * target of its okrug in its own right (C-4, "at any depth").
 */
static void
walk_below(const struct rules_tree *t, int i, const struct rules_coverage *r,
    struct ivec *out)
{
	for (int c = t->first[i]; c < t->first[i + 1]; c++) {
		int j = t->child[c];
		enum unit_type type = t->u[j].type;

		if (r->targets & RULES_T(type))
			ivec_push(out, j);
		if (!unit_type_has_akim(type))
			walk_below(t, j, r, out);
	}
}

/* What a city's territory holds, as walk_city finds it. */
struct city_walk {
	struct ivec	 districts;	/* CITY_DISTRICT */
	struct ivec	 micro;		/* MICRODISTRICT */
	struct ivec	 proper;	/* CITY: the city proper */
	struct ivec	 villages;	/* the rule's targets at any depth */
};

/*
 * C-4 of a city, read literally (RULES.md: «в каждом районе (микрорайоне), селе,
 * поселке, входящем в состав города»). Walks the city's whole territory: through places,
 * and through the rural okrugs and village and settlement administrations under the city,
 * whose villages are part of the city too (their own akims have their own duties for the
 * same villages; the okrug or administration itself is no target of the city akim). It
 * stops at a city district, which is a target as a whole with an akim of its own, and at
 * any other unit with an akim (a city of district significance is not a "район, село,
 * поселок" of the city).
 */
static void
walk_city(const struct rules_tree *t, int i, const struct rules_coverage *r,
    struct city_walk *w)
{
	for (int c = t->first[i]; c < t->first[i + 1]; c++) {
		int j = t->child[c];
		enum unit_type type = t->u[j].type;
		size_t before = w->villages.n;

		switch (type) {
		case UNIT_CITY_DISTRICT:
			ivec_push(&w->districts, j);
			continue;
		case UNIT_MICRODISTRICT:
			ivec_push(&w->micro, j);
			break;
		case UNIT_CITY:
			ivec_push(&w->proper, j);
			break;
		case UNIT_RURAL_OKRUG:
		case UNIT_VILLAGE:
		case UNIT_SETTLEMENT:
			break;
		default:
			if (r->targets & RULES_T(type))
				ivec_push(&w->villages, j);
			else if (unit_type_has_akim(type))
				continue;
			break;
		}
		walk_city(t, j, r, w);
		/*
		 * Interpretation (C-4): a village or settlement administration with no
		 * village or settlement recorded in it stands for its own village, as the
		 * city proper stands for a city with no districts recorded.
		 */
		if ((type == UNIT_VILLAGE || type == UNIT_SETTLEMENT) && w->villages.n == before)
			ivec_push(&w->villages, j);
	}
}

/*
 * Interpretation (C-4): the urban part of a city is its city districts; while none are
 * recorded, its microdistricts; while neither is, the city proper; and a city with no
 * city proper row either (a city of district significance that KATO lists without a
 * "г.а." row: kato.c types the city's own row CITY_DIST) is its own target. A city wholly
 * divided into city districts (Karaganda, Aktobe, Taraz) is thus not itself a target.
 */
static void
city_targets(const struct rules_tree *t, int i, const struct rules_coverage *r,
    struct ivec *out)
{
	struct city_walk w = { { 0 }, { 0 }, { 0 }, { 0 } };
	const struct ivec *urban;

	walk_city(t, i, r, &w);
	urban = w.districts.n ? &w.districts : w.micro.n ? &w.micro : &w.proper;
	for (size_t k = 0; k < urban->n; k++)
		ivec_push(out, urban->v[k]);
	if (urban->n == 0)
		ivec_push(out, i);
	for (size_t k = 0; k < w.villages.n; k++)
		ivec_push(out, w.villages.v[k]);
	free(w.districts.v);
	free(w.micro.v);
	free(w.proper.v);
	free(w.villages.v);
}

static int
cmp_unit_ptr(const void *a, const void *b)
{
	const struct rules_unit *x = *(const struct rules_unit *const *)a;
	const struct rules_unit *y = *(const struct rules_unit *const *)b;

	return strcmp(x->code, y->code);
}

int
rules_targets(const struct rules_tree *t, const char *akim, struct rules_targets *out)
{
	struct ivec v = { 0 };
	int i = rules_tree_find(t, akim);

	memset(out, 0, sizeof *out);
	if (i < 0 || (out->rule = rules_coverage_for(t->u[i].type)) == NULL)
		return -1;
	switch (out->rule->select) {
	case RULES_SEL_SELF:
		ivec_push(&v, i);
		break;
	case RULES_SEL_BELOW:
		walk_below(t, i, out->rule, &v);
		break;
	case RULES_SEL_CITY:
		city_targets(t, i, out->rule, &v);
		break;
	}
	out->v = xcalloc(v.n ? v.n : 1, sizeof *out->v);
	for (size_t k = 0; k < v.n; k++)
		out->v[k] = &t->u[v.v[k]];
	out->n = v.n;
	qsort(out->v, out->n, sizeof *out->v, cmp_unit_ptr);
	free(v.v);
	return 0;
}

void
rules_targets_free(struct rules_targets *tg)
{
	free(tg->v);
	memset(tg, 0, sizeof *tg);
}
