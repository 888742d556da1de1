/*
 * The proposed calendar (rules_plan): dates of 2026 worked out by hand, full coverage of
 * what it proposes, working days only, and Turkistan region from the whole classifier
 * (read from ../shared/data/kato, or $KZ_SHARED) planned and checked in well under 100 ms.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/date.h"
#include "core/holidays.h"
#include "core/rules.h"
#include "util/xmalloc.h"
#include "rules_fixture.h"

/* ---- Planning --------------------------------------------------------------------- */

struct want_plan {
	const char	*target;
	kz_date		 date, announce;
	enum rules_period period;
};

static void
assert_plan_of(const struct rules_plan *p, const char *akim, const char *rule,
    const struct want_plan *w, size_t n)
{
	size_t k = 0;

	for (size_t i = 0; i < p->n; i++) {
		if (strcmp(p->v[i].akim, akim) != 0)
			continue;
		assert_true(k < n);
		assert_string_equal(p->v[i].rule, rule);
		assert_string_equal(p->v[i].target, w[k].target);
		assert_int_equal(p->v[i].date, w[k].date);
		assert_int_equal(p->v[i].announce_on, w[k].announce);
		assert_int_equal(p->v[i].period, w[k].period);
		k++;
	}
	assert_int_equal(k, n);
}

/*
 * 2026 by hand. Days off on weekdays: 1, 2, 7 Jan; 9 (for 8), 23, 24, 25 Mar (for 21,
 * 22); 1, 7, 11 (for 9) May; 6 Jul; 31 Aug (for 30); 26 Oct (for 25); 16 Dec. With 7
 * days' notice not before the K-1 deadline, 14 January («до 15 января», strict reading),
 * H1 meetings can be from Wednesday 21 January: 8 + 20 + 18 + 22 + 18 + 22 = 108 working
 * days to 30 June; H2: 22 + 20 + 22 + 21 + 21 + 22 = 128. With 14 days, from 28 January:
 * 3 + 20 + 18 + 22 + 18 + 22 = 103, the year 231.
 */
static void
test_plan_hand_worked_2026(void **state)
{
	(void)state;
	struct rules_tree *t = turkistan_tree();
	struct rules_plan p;
	/* One target: the middle day, H1 index 54 = 13 April, H2 index 64 = 1 October. */
	const struct want_plan village[] = {
		{ "612033000", ymd(2026, 4, 13), ymd(2026, 4, 6), RULES_H1 },
		{ "612033000", ymd(2026, 10, 1), ymd(2026, 9, 24), RULES_H2 },
	};
	/* Four: indices 13, 40, 67, 94 of 108 and 16, 48, 80, 112 of 128. */
	const struct want_plan okrug[] = {
		{ "613639100", ymd(2026, 2, 9), ymd(2026, 2, 2), RULES_H1 },
		{ "613639180", ymd(2026, 3, 19), ymd(2026, 3, 12), RULES_H1 },
		{ "613639200", ymd(2026, 4, 30), ymd(2026, 4, 23), RULES_H1 },
		{ "613639300", ymd(2026, 6, 11), ymd(2026, 6, 4), RULES_H1 },
		{ "613639100", ymd(2026, 7, 24), ymd(2026, 7, 17), RULES_H2 },
		{ "613639180", ymd(2026, 9, 9), ymd(2026, 9, 2), RULES_H2 },
		{ "613639200", ymd(2026, 10, 23), ymd(2026, 10, 16), RULES_H2 },
		{ "613639300", ymd(2026, 12, 9), ymd(2026, 12, 2), RULES_H2 },
	};
	/*
	 * C-1, five targets over the year: indices 23, 69, 115, 161, 207 of 231, each one
	 * working day before the same indices of the year from 29 January. 20 July less 14
	 * days is 6 July, a holiday: the notice moves back to Friday 3 July.
	 */
	const struct want_plan region[] = {
		{ "611000000", ymd(2026, 3, 2), ymd(2026, 2, 16), RULES_YEAR },
		{ "611600000", ymd(2026, 5, 14), ymd(2026, 4, 30), RULES_YEAR },
		{ "612000000", ymd(2026, 7, 20), ymd(2026, 7, 3), RULES_YEAR },
		{ "613600000", ymd(2026, 9, 23), ymd(2026, 9, 9), RULES_YEAR },
		{ "613800000", ymd(2026, 11, 27), ymd(2026, 11, 13), RULES_YEAR },
	};

	assert_int_equal(rules_plan(t, "612033000", 2026, NULL, &p), 0);
	assert_int_equal(p.n, 2);
	assert_plan_of(&p, "612033000", "C-5", village, N(village));
	assert_false(p.v[0].field);
	rules_plan_free(&p);
	assert_int_equal(rules_plan(t, "613639000", 2026, NULL, &p), 0);
	assert_plan_of(&p, "613639000", "C-4", okrug, N(okrug));
	assert_true(p.v[0].field);
	rules_plan_free(&p);
	/* 59 as in test_rules.c's test_coverage_subtree_rows. */
	assert_int_equal(rules_plan(t, "610000000", 2026, NULL, &p), 0);
	assert_int_equal(p.n, 59);
	assert_int_equal(p.unplaced.n, 0);
	assert_plan_of(&p, "610000000", "C-1", region, N(region));
	rules_plan_free(&p);
	assert_int_equal(rules_plan(t, "613639100", 2026, NULL, &p), -1);
	rules_tree_free(&t);
}

static void
plan_to_visits(const struct rules_plan *p, struct rules_visit *v)
{
	for (size_t i = 0; i < p->n; i++) {
		v[i] = visit((int)i, p->v[i].akim, p->v[i].target, p->v[i].date,
		    p->v[i].field, RULES_PLANNED);
		v[i].announced_on = p->v[i].announce_on;
	}
}

/* The working days of 2026 by hand, plus Kurban Ait (27 May) given as a day off. */
static bool
off_2026(kz_date d)
{
	static const int off[][2] = {
		{ 1, 1 }, { 1, 2 }, { 1, 7 }, { 3, 9 }, { 3, 23 }, { 3, 24 }, { 3, 25 },
		{ 5, 1 }, { 5, 7 }, { 5, 11 }, { 5, 27 }, { 7, 6 }, { 8, 31 }, { 10, 26 },
		{ 12, 16 },
	};

	if (date_weekday(d) >= 5)
		return true;
	for (size_t i = 0; i < N(off); i++)
		if (d == ymd(2026, off[i][0], off[i][1]))
			return true;
	return false;
}

static void
test_plan_covers_everything_on_working_days(void **state)
{
	(void)state;
	struct rules_tree *t = turkistan_tree();
	struct holidays_day days[1];
	struct holidays_extra extra = { days, 1 };
	struct rules_plan p;
	struct rules_findings f;
	struct rules_visit v[59];

	days[0].date = ymd(2026, 5, 27);
	days[0].kind = HOLIDAYS_OFF;
	assert_int_equal(rules_plan(t, "610000000", 2026, &extra, &p), 0);
	assert_int_equal(p.n, 59);
	for (size_t i = 0; i < p.n; i++) {
		const struct rules_planned *a = &p.v[i];
		enum unit_type type = fixture_type(a->akim);
		int need = type == UNIT_REGION || type == UNIT_DISTRICT ||
		    type == UNIT_CITY_REG ? 14 : 7;

		assert_false(off_2026(a->date));
		assert_false(off_2026(a->announce_on));
		assert_true(a->announce_on >= ymd(2026, 1, 15));
		assert_true(a->date - a->announce_on >= need);
		if (i > 0)
			assert_true(p.v[i - 1].date <= a->date);
		for (size_t j = 0; j < i; j++)
			assert_false(strcmp(p.v[j].akim, a->akim) == 0 &&
			    p.v[j].date == a->date);
	}
	plan_to_visits(&p, v);
	assert_int_equal(rules_check_coverage(t, "610000000", true, 2026,
	    RULES_MODE_PLANNED, v, p.n, &f), 0);
	assert_int_equal(f.n, 59);
	for (size_t i = 0; i < f.n; i++)
		assert_int_equal(f.v[i].status, RULES_OK);
	rules_findings_free(&f);
	/* Nothing is held yet. */
	assert_int_equal(rules_check_coverage(t, "610000000", true, 2026, RULES_MODE_HELD,
	    v, p.n, &f), 0);
	for (size_t i = 0; i < f.n; i++)
		assert_int_equal(f.v[i].status, RULES_MISSING);
	rules_findings_free(&f);
	rules_plan_free(&p);
	rules_tree_free(&t);
}

static void
test_plan_more_targets_than_days(void **state)
{
	(void)state;
	struct rules_unit u[2 + 110];
	struct rules_tree *t;
	struct rules_plan p;
	size_t n = 0;

	/* A city with 110 microdistricts: 103 usable days in H1 (14 days' notice, K-1 strict). */
	u[n++] = (struct rules_unit){ "612000000", "", UNIT_CITY_REG };
	u[n++] = (struct rules_unit){ "612010000", "612000000", UNIT_CITY };
	for (int i = 0; i < 110; i++) {
		u[n] = (struct rules_unit){ "", "612010000", UNIT_MICRODISTRICT };
		snprintf(u[n].code, sizeof u[n].code, "612010%03d", 500 + i);
		n++;
	}
	t = rules_tree_new(u, n);
	assert_int_equal(rules_plan(t, "612000000", 2026, NULL, &p), 0);
	assert_int_equal(p.n, 103 + 110);
	assert_int_equal(p.unplaced.n, 7);
	assert_string_equal(p.unplaced.v[0].target, "612010603");
	assert_int_equal(p.unplaced.v[0].period, RULES_H1);
	assert_int_equal(p.unplaced.v[0].status, RULES_MISSING);
	for (size_t i = 1; i < p.n; i++)
		assert_false(p.v[i].date == p.v[i - 1].date);
	rules_plan_free(&p);
	rules_tree_free(&t);
}

/* ---- Turkistan region from the classifier ------------------------------------------ */

/* The type from KATO's code segments and the Russian abbreviations (see its README). */
static enum unit_type
kato_type(const char *code, const char *rus)
{
	int cd = (code[2] - '0') * 10 + (code[3] - '0');
	int ef = (code[4] - '0') * 10 + (code[5] - '0');
	bool unit = strcmp(code + 6, "000") == 0;

	if (unit && cd == 0 && ef == 0)
		return UNIT_REGION;
	if (unit && ef == 0)
		return cd < 30 ? UNIT_CITY_REG : UNIT_DISTRICT;
	if (unit) {
		if (ef == 10)
			return UNIT_CITY;
		if (ef < 20)
			return UNIT_CITY_DISTRICT;
		if (ef < 30)
			return UNIT_CITY_DIST;
		if (strstr(rus, "п.а.") != NULL)
			return UNIT_SETTLEMENT;
		if (strstr(rus, "с.а.") != NULL)
			return UNIT_VILLAGE;
		return UNIT_RURAL_OKRUG;
	}
	if (strncmp(rus, "г.", strlen("г.")) == 0)
		return UNIT_CITY;
	if (strncmp(rus, "с.", strlen("с.")) == 0)
		return UNIT_VILLAGE_LOC;
	if (strncmp(rus, "п.", strlen("п.")) == 0)
		return UNIT_SETTLEMENT_LOC;
	return UNIT_OTHER_LOC;
}

/* Region 61 of the whole classifier; parents left to the tree (KATO's rule). */
static size_t
load_region_61(struct rules_unit **out)
{
	const char *shared = getenv("KZ_SHARED");
	char path[4096], line[1024];
	size_t n = 0, cap = 0;
	FILE *fp;

	*out = NULL;
	if (shared == NULL)
		shared = "../shared";
	snprintf(path, sizeof path, "%s/data/kato/kato-2026-07-17.csv", shared);
	if ((fp = fopen(path, "r")) == NULL)
		return 0;
	while (fgets(line, sizeof line, fp) != NULL) {
		char *rus;

		if (strncmp(line, "61", 2) != 0 || strlen(line) < 10 || line[9] != ',')
			continue;
		line[strcspn(line, "\r\n")] = '\0';
		rus = strrchr(line, ',') + 1;
		*out = xgrow(*out, &cap, n + 1, sizeof **out);
		memset(&(*out)[n], 0, sizeof **out);
		memcpy((*out)[n].code, line, 9);
		(*out)[n].type = kato_type((*out)[n].code, rus);
		n++;
	}
	fclose(fp);
	/* As kato.c does: a city under a district with no "г.а." row is CITY_DIST itself. */
	for (size_t i = 0; i < n; i++) {
		struct rules_unit *c = &(*out)[i];
		bool admin = false;

		if (c->type != UNIT_CITY || c->code[4] != '2')
			continue;
		for (size_t j = 0; j < n; j++)
			if (strncmp((*out)[j].code, c->code, 6) == 0 &&
			    strcmp((*out)[j].code + 6, "000") == 0)
				admin = true;
		if (!admin)
			c->type = UNIT_CITY_DIST;
	}
	return n;
}

static double
ms_since(const struct timespec *a)
{
	struct timespec b;

	clock_gettime(CLOCK_MONOTONIC, &b);
	return (double)(b.tv_sec - a->tv_sec) * 1e3 + (double)(b.tv_nsec - a->tv_nsec) / 1e6;
}

static void
test_plan_turkistan_region_in_time(void **state)
{
	(void)state;
	struct rules_unit *u;
	struct rules_tree *t;
	struct rules_targets tg;
	struct rules_plan p;
	struct rules_findings f;
	struct rules_visit *v;
	struct timespec t0;
	double ms_tree, ms_plan, ms_check;
	size_t n = load_region_61(&u), akims = 0, okrugs = 0;

	if (n == 0)
		skip();
	clock_gettime(CLOCK_MONOTONIC, &t0);
	t = rules_tree_new(u, n);
	ms_tree = ms_since(&t0);
	assert_int_equal(rules_tree_size(t), 1066);
	for (size_t i = 0; i < n; i++) {
		akims += unit_type_has_akim(u[i].type);
		okrugs += u[i].type == UNIT_RURAL_OKRUG;
	}
	assert_int_equal(okrugs, 171);
	/* The region, 14 districts, 3 cities of regional and 4 of district significance. */
	assert_int_equal(akims, 1 + 14 + 3 + 4 + 171 + 3 + 3);
	/* C-1: the 14 districts and 3 cities of regional significance. */
	assert_int_equal(rules_targets(t, "610000000", &tg), 0);
	assert_int_equal(tg.n, 17);
	rules_targets_free(&tg);
	assert_string_equal(rules_akim_unit(t, "613637103"), "613637000");

	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(rules_plan(t, "610000000", 2026, NULL, &p), 0);
	ms_plan = ms_since(&t0);
	assert_int_equal(p.unplaced.n, 0);
	for (size_t i = 0; i < p.n; i++) {
		assert_true(holidays_is_working_day(p.v[i].date, NULL));
		assert_true(holidays_is_working_day(p.v[i].announce_on, NULL));
		/* Sorted by date then akim: a second meeting of an akim on a day is next. */
		if (i > 0)
			assert_false(p.v[i].date == p.v[i - 1].date &&
			    strcmp(p.v[i].akim, p.v[i - 1].akim) == 0);
	}

	v = xcalloc(p.n, sizeof *v);
	plan_to_visits(&p, v);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(rules_check_coverage(t, "610000000", true, 2026,
	    RULES_MODE_PLANNED, v, p.n, &f), 0);
	ms_check = ms_since(&t0);
	assert_int_equal(f.n, p.n);
	for (size_t i = 0; i < f.n; i++)
		assert_int_equal(f.v[i].status, RULES_OK);
	print_message("# Turkistan region: %zu units, %zu akims, %zu meetings planned; "
	    "tree %.2f ms, plan %.2f ms, check %.2f ms\n", n, akims, p.n, ms_tree, ms_plan,
	    ms_check);
	assert_true(ms_plan < 100.0);
	assert_true(ms_check < 100.0);
	rules_findings_free(&f);
	free(v);
	rules_plan_free(&p);
	rules_tree_free(&t);
	free(u);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plan_hand_worked_2026),
		cmocka_unit_test(test_plan_covers_everything_on_working_days),
		cmocka_unit_test(test_plan_more_targets_than_days),
		cmocka_unit_test(test_plan_turkistan_region_in_time),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
