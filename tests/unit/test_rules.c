/*
 * The decree's rules against cases worked out by hand: periods and the local day, the
 * tables, the unit tree and the targets of C-1..C-5, and coverage. Trees are typed in from
 * the KATO classifier (rules_fixture.h); expected targets and findings are written out.
 * Weekdays of 2026 used here: 1 Jan Thu, 30 Jun Tue, 1 Jul Wed, 31 Dec Thu.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>

#include "core/date.h"
#include "core/kato.h"
#include "core/rules.h"
#include "util/xmalloc.h"
#include "rules_fixture.h"

/* ---- Units from the classifier -------------------------------------------------- */

/*
 * The whole classifier (../shared/data/kato, or $KZ_SHARED), parsed and typed by kato.c
 * as `units import` does; read once, never copied into the repository.
 */
static struct kato_table kato;

static int
kato_setup(void **state)
{
	const char *shared = getenv("KZ_SHARED");
	char path[4096];
	struct kz_error e = { 0 };
	char *buf = NULL;
	size_t len = 0, cap = 0, got;
	FILE *fp;

	(void)state;
	snprintf(path, sizeof path, "%s/data/kato/kato-2026-07-17.csv",
	    shared != NULL ? shared : "../shared");
	if ((fp = fopen(path, "rb")) == NULL) {
		print_error("cannot read the classifier %s\n", path);
		return -1;
	}
	do {
		buf = xgrow(buf, &cap, len + 65536, 1);
		got = fread(buf + len, 1, cap - len, fp);
		len += got;
	} while (got > 0);
	fclose(fp);
	if (kato_parse(buf, len, path, &kato, &e) != 0) {
		print_error("%s\n", e.msg);
		free(buf);
		return -1;
	}
	free(buf);
	return 0;
}

static int
kato_teardown(void **state)
{
	(void)state;
	kato_table_free(&kato);
	return 0;
}

/*
 * A tree of the classifier's units whose code starts with one of the prefixes (a list
 * ending in NULL), with the parents and types kato.c gave them. *n gets the rows taken.
 */
static struct rules_tree *
kato_tree(const char *const *prefixes, size_t *n)
{
	struct rules_unit *u = xcalloc(kato.n, sizeof *u);
	struct rules_tree *t;
	size_t k = 0;

	for (size_t i = 0; i < kato.n; i++) {
		const struct kato_unit *ku = &kato.units[i];

		for (const char *const *p = prefixes; *p != NULL; p++) {
			if (strncmp(ku->code, *p, strlen(*p)) != 0)
				continue;
			memcpy(u[k].code, ku->code, sizeof u[k].code);
			memcpy(u[k].parent, ku->parent, sizeof u[k].parent);
			u[k++].type = ku->type;
			break;
		}
	}
	t = rules_tree_new(u, k);
	free(u);
	*n = k;
	return t;
}

/* How many meetings rules_plan proposes for akim and every akim below it in 2026. */
static size_t
planned_2026(const struct rules_tree *t, const char *akim)
{
	struct rules_plan p;
	size_t n;

	assert_int_equal(rules_plan(t, akim, 2026, NULL, &p), 0);
	assert_int_equal(p.unplaced.n, 0);
	n = p.n;
	rules_plan_free(&p);
	return n;
}

/* How many findings of one rule a coverage check has. */
static size_t
count_rule(const struct rules_findings *f, const char *rule)
{
	size_t n = 0;

	for (size_t i = 0; i < f->n; i++)
		n += strcmp(f->v[i].rule, rule) == 0;
	return n;
}

static void
assert_targets(const struct rules_tree *t, const char *akim, const char *rule,
    const char *const *want, size_t n)
{
	struct rules_targets tg;

	assert_int_equal(rules_targets(t, akim, &tg), 0);
	assert_string_equal(tg.rule->id, rule);
	assert_int_equal(tg.n, n);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(tg.v[i]->code, want[i]);
	rules_targets_free(&tg);
}

/* ---- Time and periods ------------------------------------------------------------- */

static void
test_local_date_midnight(void **state)
{
	(void)state;
	/* 2026-03-01 is day 20513; 19:00 UTC that day is midnight in Kazakhstan (UTC+5). */
	const int64_t at19 = INT64_C(1772391600000);

	assert_int_equal(rules_local_date(at19, 0), 20513);
	assert_int_equal(rules_local_date(at19, RULES_UTC_OFFSET_KZ), 20514);
	assert_int_equal(rules_local_date(at19 - 1, RULES_UTC_OFFSET_KZ), 20513);
	assert_int_equal(rules_local_date(0, 0), 0);
	assert_int_equal(rules_local_date(-1, 0), -1);		/* 1969-12-31 23:59:59.999 */
	assert_int_equal(rules_local_date(-86400000, 0), -1);
	assert_int_equal(rules_local_date(-86400001, 0), -2);
	assert_int_equal(rules_local_date(INT64_C(1772391600000) - 5 * 3600000, 0), 20513);
	assert_int_equal(rules_local_date(INT64_C(1772409600000), 0), 20514); /* 00:00Z */
	assert_int_equal(rules_local_date(INT64_C(1772409599999), 0), 20513);
}

static void
test_periods_half_years(void **state)
{
	(void)state;
	kz_date a, b;
	char buf[16];
	int y;
	enum rules_period p;

	assert_int_equal(rules_half_of(ymd(2026, 6, 30)), RULES_H1);
	assert_int_equal(rules_half_of(ymd(2026, 7, 1)), RULES_H2);
	assert_int_equal(rules_half_of(ymd(2026, 1, 1)), RULES_H1);
	assert_int_equal(rules_half_of(ymd(2026, 12, 31)), RULES_H2);
	assert_int_equal(rules_half_of(ymd(2024, 2, 29)), RULES_H1);
	rules_period_range(2024, RULES_H1, &a, &b);
	assert_int_equal(a, ymd(2024, 1, 1));
	assert_int_equal(b, ymd(2024, 6, 30));
	rules_period_range(2026, RULES_H2, &a, &b);
	assert_int_equal(a, ymd(2026, 7, 1));
	assert_int_equal(b, ymd(2026, 12, 31));
	rules_period_range(2026, RULES_YEAR, &a, &b);
	assert_int_equal(b - a, 364);
	rules_period_name(2026, RULES_H1, buf);
	assert_string_equal(buf, "2026-H1");
	rules_period_name(2026, RULES_H2, buf);
	assert_string_equal(buf, "2026-H2");
	rules_period_name(2026, RULES_YEAR, buf);
	assert_string_equal(buf, "2026");
	assert_int_equal(rules_period_parse("2027-H2", &y, &p), 0);
	assert_int_equal(y * 10 + (int)p, 20272);
	assert_int_equal(rules_period_parse("2027", &y, &p), 0);
	assert_int_equal(p, RULES_YEAR);
	assert_int_equal(rules_period_parse("2027-H3", &y, &p), -1);
	assert_int_equal(rules_period_parse("27-H1", &y, &p), -1);
	assert_int_equal(rules_period_parse("2027-H1x", &y, &p), -1);
}

static void
test_tables_cite_rules(void **state)
{
	(void)state;
	const struct rules_deadline *d;
	size_t n;

	assert_string_equal(rules_coverage_for(UNIT_REGION)->id, "C-1");
	assert_false(rules_coverage_for(UNIT_REGION)->half_year);
	assert_string_equal(rules_coverage_for(UNIT_CITY_REP)->id, "C-2");
	assert_string_equal(rules_coverage_for(UNIT_DISTRICT)->id, "C-3");
	assert_true(rules_coverage_for(UNIT_DISTRICT)->half_year);
	assert_string_equal(rules_coverage_for(UNIT_RURAL_OKRUG)->id, "C-4");
	assert_string_equal(rules_coverage_for(UNIT_CITY_REG)->id, "C-4");
	assert_string_equal(rules_coverage_for(UNIT_CITY_DIST)->id, "C-4");
	assert_string_equal(rules_coverage_for(UNIT_VILLAGE)->id, "C-5");
	assert_string_equal(rules_coverage_for(UNIT_SETTLEMENT)->id, "C-5");
	assert_string_equal(rules_coverage_for(UNIT_CITY_DISTRICT)->id, "C-5");
	assert_false(rules_coverage_for(UNIT_CITY_DISTRICT)->field);
	assert_true(rules_coverage_for(UNIT_RURAL_OKRUG)->field);
	assert_null(rules_coverage_for(UNIT_VILLAGE_LOC));
	assert_null(rules_coverage_for(UNIT_MICRODISTRICT));

	assert_int_equal(rules_announce_days(UNIT_REGION), 14);
	assert_int_equal(rules_announce_days(UNIT_CITY_REP), 14);
	assert_int_equal(rules_announce_days(UNIT_DISTRICT), 14);
	assert_int_equal(rules_announce_days(UNIT_CITY_REG), 14);
	assert_int_equal(rules_announce_days(UNIT_CITY_DIST), 14);
	assert_int_equal(rules_announce_days(UNIT_VILLAGE), 7);
	assert_int_equal(rules_announce_days(UNIT_SETTLEMENT), 7);
	assert_int_equal(rules_announce_days(UNIT_RURAL_OKRUG), 7);
	assert_int_equal(rules_announce_days(UNIT_CITY_DISTRICT), 7);
	assert_int_equal(rules_announce_days(UNIT_OTHER_LOC), -1);

	d = rules_deadline_table(&n);
	for (size_t i = 0; i < n; i++) {
		assert_non_null(d[i].id);
		assert_non_null(d[i].what);
		if (strcmp(d[i].id, "K-1") == 0)
			assert_int_equal(d[i].month[0] * 100 + d[i].day, 115);
		if (strcmp(d[i].id, "K-3") == 0)
			assert_int_equal(d[i].month[0] * 100 + d[i].day, 120);
		if (strcmp(d[i].id, "G-1") == 0)
			assert_int_equal(d[i].month[0] * 100 + d[i].day, 201);
		if (strcmp(d[i].id, "G-2") == 0)
			assert_int_equal(d[i].month[0] * 10000 + d[i].month[1] * 100 + d[i].day,
			    20815);
		if (strcmp(d[i].id, "A-3") == 0)
			assert_int_equal(d[i].days, 10);
		if (strcmp(d[i].id, "A-4") == 0)
			assert_int_equal(d[i].day, 25);
		if (strcmp(d[i].id, "T-1") == 0)
			assert_int_equal(d[i].num * 10 + d[i].den, 14);
	}
	assert_string_equal(rules_status_name(RULES_OVERDUE), "overdue");
}

/* ---- The tree and targets --------------------------------------------------------- */

static void
test_tree_walks_up_to_the_akim(void **state)
{
	(void)state;
	struct rules_tree *t = turkistan_tree();
	const int *c;
	size_t n;
	int i;

	assert_int_equal(rules_tree_size(t), 34);
	assert_string_equal(rules_akim_unit(t, "613637103"), "613637000");	/* farm */
	assert_string_equal(rules_akim_unit(t, "613639180"), "613639000");
	assert_string_equal(rules_akim_unit(t, "613820100"), "613800000");	/* city */
	assert_string_equal(rules_akim_unit(t, "612010901"), "612000000");	/* mkr */
	assert_string_equal(rules_akim_unit(t, "612033100"), "612033000");
	assert_string_equal(rules_akim_unit(t, "610000000"), "610000000");
	assert_null(rules_akim_unit(t, "619999999"));
	assert_null(rules_akim_unit(t, "61"));

	i = rules_tree_find(t, "613600000");
	c = rules_tree_children(t, i, &n);
	assert_int_equal(n, 2);
	assert_string_equal(rules_tree_unit(t, c[0])->code, "613637000");
	assert_string_equal(rules_tree_unit(t, c[1])->code, "613639000");
	assert_int_equal(rules_tree_parent(t, rules_tree_find(t, "610000000")), -1);
	rules_tree_free(&t);
	assert_null(t);
}

static void
test_tree_derives_kato_parents(void **state)
{
	(void)state;
	size_t n;
	const struct rules_unit *want = fixture_turkistan(&n);
	struct rules_unit u[64];
	struct rules_tree *t;

	/* Parents left empty are KATO's: the nearest existing H00, EF000, CD00000, AB. */
	assert_true(n <= N(u));
	memcpy(u, want, n * sizeof *u);
	for (size_t i = 0; i < n; i++)
		if (u[i].type != UNIT_MICRODISTRICT)
			u[i].parent[0] = '\0';
	t = rules_tree_new(u, n);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(rules_tree_unit(t, rules_tree_find(t,
		    want[i].code))->parent, want[i].parent);
	rules_tree_free(&t);
}

static void
test_tree_survives_bad_input(void **state)
{
	(void)state;
	const struct rules_unit u[] = {
		{ "613600000", "613637000", UNIT_DISTRICT },	/* a loop of two */
		{ "613637000", "613600000", UNIT_RURAL_OKRUG },
		{ "613637100", "613637100", UNIT_VILLAGE_LOC },	/* its own parent */
		{ "613637200", "", UNIT_VILLAGE_LOC },
		{ "613637200", "", UNIT_OTHER_LOC },		/* duplicate: left out */
		{ "61363720", "", UNIT_VILLAGE_LOC },		/* eight digits: left out */
	};
	struct rules_tree *t = rules_tree_new(u, N(u));

	assert_int_equal(rules_tree_size(t), 4);
	assert_int_equal(rules_tree_unit(t, rules_tree_find(t, "613637200"))->type,
	    UNIT_VILLAGE_LOC);
	assert_int_equal(rules_tree_parent(t, rules_tree_find(t, "613637100")), -1);
	/* The loop is cut somewhere; every walk up ends. */
	assert_non_null(rules_akim_unit(t, "613637200"));
	assert_null(rules_akim_unit(t, "613637100"));
	rules_tree_free(&t);
	t = rules_tree_new(NULL, 0);
	assert_int_equal(rules_tree_size(t), 0);
	assert_int_equal(rules_tree_find(t, "610000000"), -1);
	rules_tree_free(&t);
}

static void
test_c1_c3_c4_c5_targets(void **state)
{
	(void)state;
	struct rules_tree *t = turkistan_tree();
	struct rules_targets tg;
	static const char *const c1[] = {
		"611000000", "611600000", "612000000", "613600000", "613800000",
	};
	/* The city of Zhetysai has no administration in KATO: a target itself. */
	static const char *const c3[] = {
		"613820100", "613833000", "613839000", "613843000",
	};
	/* Every village at any depth; the farm 613637103 is not one. */
	static const char *const c4_okrug1[] = { "613637100", "613637200" };
	static const char *const c4_okrug2[] = {
		"613639100", "613639180", "613639200", "613639300",
	};
	/*
	 * C-4 read literally: the microdistricts, and the villages inside the village
	 * administration and the okrug, not the administration and the okrug themselves.
	 */
	static const char *const c4_kentau[] = {
		"612010901", "612010902", "612033100", "612039100", "612039200",
	};
	/* Arys has no microdistricts recorded: the city proper stands for them. */
	static const char *const c4_arys[] = { "611610000", "611633100" };
	static const char *const c4_turkistan[] = { "611010000" };
	static const char *const c5[] = { "612033000" };
	static const char *const c5s[] = { "613843000" };

	assert_targets(t, "610000000", "C-1", c1, N(c1));
	assert_targets(t, "613800000", "C-3", c3, N(c3));
	assert_targets(t, "613637000", "C-4", c4_okrug1, N(c4_okrug1));
	assert_targets(t, "613639000", "C-4", c4_okrug2, N(c4_okrug2));
	assert_targets(t, "612000000", "C-4", c4_kentau, N(c4_kentau));
	assert_targets(t, "611600000", "C-4", c4_arys, N(c4_arys));
	assert_targets(t, "611000000", "C-4", c4_turkistan, N(c4_turkistan));
	assert_targets(t, "612033000", "C-5", c5, N(c5));
	assert_targets(t, "613843000", "C-5", c5s, N(c5s));
	assert_int_equal(rules_targets(t, "613639100", &tg), -1);	/* a village */
	assert_int_equal(rules_targets(t, "600000000", &tg), -1);
	rules_tree_free(&t);
}

static void
test_c4_city_of_district_significance_without_administration(void **state)
{
	(void)state;
	/* As kato.c types Zhetysai, which KATO lists with no "г.а." row: CITY_DIST. */
	struct rules_unit u[] = {
		{ "613800000", "", UNIT_DISTRICT },
		{ "613820100", "613800000", UNIT_CITY_DIST },
		{ "613833000", "613800000", UNIT_RURAL_OKRUG },
	};
	struct rules_tree *t = rules_tree_new(u, N(u));
	static const char *const c3[] = { "613820100", "613833000" };
	static const char *const itself[] = { "613820100" };
	static const char *const mkr[] = { "613820901" };

	assert_targets(t, "613800000", "C-3", c3, N(c3));
	assert_targets(t, "613820100", "C-4", itself, N(itself));
	assert_string_equal(rules_akim_unit(t, "613820100"), "613820100");
	rules_tree_free(&t);

	/* Once the office adds a microdistrict, that is the target. */
	{
		struct rules_unit u2[] = {
			{ "613800000", "", UNIT_DISTRICT },
			{ "613820100", "613800000", UNIT_CITY_DIST },
			{ "613820901", "613820100", UNIT_MICRODISTRICT },
		};

		t = rules_tree_new(u2, N(u2));
		assert_targets(t, "613820100", "C-4", mkr, N(mkr));
		rules_tree_free(&t);
	}
}

/*
 * Караганда Г.А. (351000000) as the classifier lists it: the city proper 351010000
 * "г.Караганда" and two city districts, each twice, as an administration and a "район"
 * row under it: 351011000 "Әлихан Бөкейхан р.а." with 351011100 "район Әлихан
 * Бөкейхан", 351013000 "р.а. им.Казыбек би" with 351013100 "район им.Казыбек би";
 * nothing else. By hand from RULES.md: one akim per city district ("One akim, one
 * duty"); C-4 of the city akim: 2 city districts x 2 half-years = 4, the city proper is
 * no target (the city is wholly divided into districts); C-5: 2 district akims x 2 = 4.
 * Karaganda city's required meetings: 8 a year (the code before counted 14: the city
 * proper as a third C-4 target, 6, and four C-5 akims, 8).
 */
static void
test_c4_c5_karaganda_one_akim_per_city_district(void **state)
{
	(void)state;
	static const char *const pre[] = { "350000000", "3510", NULL };
	static const char *const c4[] = { "351011000", "351013000" };
	static const char *const c5[] = { "351011000" };
	struct rules_findings f;
	struct rules_visit v[] = {
		/* The city akim at the "район" row: covers the district (C-4). */
		visit(1, "351000000", "351011100", ymd(2026, 3, 10), true, RULES_HELD),
		/* The district akim named by its "район" row: the same akim (C-5). */
		visit(2, "351013100", "351013100", ymd(2026, 9, 15), false, RULES_HELD),
		/* In the city proper: in no district, so no target. */
		visit(3, "351000000", "351010000", ymd(2026, 10, 1), true, RULES_HELD),
	};
	const struct want_cover want_c4[] = {
		{ "351011000", RULES_H1, RULES_OK, 1 },
		{ "351011000", RULES_H2, RULES_MISSING, -1 },
		{ "351013000", RULES_H1, RULES_MISSING, -1 },
		{ "351013000", RULES_H2, RULES_MISSING, -1 },
	};
	size_t n;
	struct rules_tree *t = kato_tree(pre, &n);

	assert_int_equal(n, 7);
	assert_int_equal(rules_tree_size(t), 5);	/* two twins merged */
	assert_int_equal(rules_tree_find(t, "351011100"), rules_tree_find(t, "351011000"));
	assert_int_equal(rules_tree_find(t, "351013100"), rules_tree_find(t, "351013000"));
	assert_string_equal(rules_akim_unit(t, "351013100"), "351013000");
	assert_targets(t, "351000000", "C-4", c4, N(c4));
	assert_targets(t, "351011100", "C-5", c5, N(c5));
	assert_int_equal(planned_2026(t, "351000000"), 8);

	assert_int_equal(rules_check_coverage(t, "351000000", true, 2026, RULES_MODE_HELD,
	    v, N(v), &f), 0);
	assert_int_equal(f.n, 8);
	assert_int_equal(count_rule(&f, "C-4"), 4);
	assert_int_equal(count_rule(&f, "C-5"), 4);
	/* C-5 of 351011000, then of 351013000: H2 held by the akim named 351013100. */
	assert_string_equal(f.v[4].akim, "351011000");
	assert_string_equal(f.v[6].akim, "351013000");
	assert_string_equal(f.v[7].target, "351013000");
	assert_int_equal(f.v[7].status, RULES_OK);
	assert_int_equal(f.v[7].visit, 2);
	f.n = 4;
	assert_cover(&f, "351000000", "C-4", want_c4, N(want_c4));
	rules_findings_free(&f);
	rules_tree_free(&t);
}

/*
 * Aktobe (151000000) and Taraz (311000000): each city district is one "район" row
 * under the city administration. Wholly divided: C-4 has the 2 districts x 2 = 4, C-5
 * 2 x 2 = 4, 8 a year each (the code before: 10, with the city proper a target).
 */
static void
test_c4_aktobe_taraz_wholly_divided(void **state)
{
	(void)state;
	static const char *const pre[] = { "150000000", "1510", "310000000", "3110", NULL };
	static const char *const aktobe[] = { "151011100", "151013100" };
	static const char *const taraz[] = { "311011100", "311013100" };
	/* A microdistrict an office added in Aktobe's city proper (code made up). */
	const struct rules_unit mkr[] = {
		{ "151000000", "", UNIT_CITY_REG },
		{ "151010000", "151000000", UNIT_CITY },
		{ "151010901", "151010000", UNIT_MICRODISTRICT },
		{ "151011100", "151000000", UNIT_CITY_DISTRICT },
		{ "151013100", "151000000", UNIT_CITY_DISTRICT },
	};
	size_t n;
	struct rules_tree *t = kato_tree(pre, &n);

	assert_int_equal(n, 10);
	assert_targets(t, "151000000", "C-4", aktobe, N(aktobe));
	assert_targets(t, "311000000", "C-4", taraz, N(taraz));
	assert_int_equal(planned_2026(t, "151000000"), 8);
	assert_int_equal(planned_2026(t, "311000000"), 8);
	rules_tree_free(&t);

	/* City districts recorded: microdistricts are not the city's targets (C-4). */
	t = rules_tree_new(mkr, N(mkr));
	assert_targets(t, "151000000", "C-4", aktobe, N(aktobe));
	rules_tree_free(&t);
}

/*
 * Villages of a city read literally (C-4): every village and settlement in the city's
 * territory, also inside its okrugs and village and settlement administrations, which
 * are not targets themselves. Степногорск Г.А. (111800000): the city proper 111810000;
 * settlement administrations Аксуская 111833000 (п.Аксу 111833100), Бестобинская
 * 111837000 (п.Бестобе 111837100), Заводская 111841000 (п.Заводской 111841100),
 * Шантобинская 111845000 (п.Шантобе 111845100, с.Новокронштадка 111845200); village
 * administrations Карабулакская 111843000 (с.Карабулак 111843100, and under it
 * с.Коксал 111843105 and с.Первомайка 111843107), Изобильный 111849000 (с.Изобильное
 * 111849100), Кырыккудык 111851000 (с.Кырыккудык 111851100); Богембайский с.о.
 * 111847000 (с.Байконыс 111847100, с.Богембай 111847300). By hand: C-4 of the city 1 +
 * 12 = 13 targets x 2 = 26; C-5 of the 7 administrations x 2 = 14; C-4 of the okrug 2 x
 * 2 = 4: 44 a year (the code before: 9 city targets, 36).
 * Арысь Г.А. (611600000): the city proper and 6 okrugs with 2 + 3 + 7 + 2 + 8 + 5 = 27
 * villages: C-4 of the city (1 + 27) x 2 = 56, of the okrugs 27 x 2 = 54: 110.
 */
static void
test_c4_city_villages_inside_okrugs_and_administrations(void **state)
{
	(void)state;
	static const char *const pre[] = { "110000000", "1118", "610000000", "6116", NULL };
	static const char *const stepnogorsk[] = {
		"111810000", "111833100", "111837100", "111841100", "111843100",
		"111843105", "111843107", "111845100", "111845200", "111847100",
		"111847300", "111849100", "111851100",
	};
	static const char *const okrug[] = { "111847100", "111847300" };
	static const char *const akdala[] = { "611633100", "611633300" };
	/* An administration with no village recorded in it stands for its village. */
	const struct rules_unit bare[] = {
		{ "612000000", "", UNIT_CITY_REG },
		{ "612010000", "612000000", UNIT_CITY },
		{ "612033000", "612000000", UNIT_VILLAGE },
		{ "612039000", "612000000", UNIT_RURAL_OKRUG },
		{ "612039100", "612039000", UNIT_VILLAGE_LOC },
	};
	static const char *const bare_c4[] = { "612010000", "612033000", "612039100" };
	struct rules_targets tg;
	struct rules_findings f;
	struct rules_visit v[] = {
		/* At the okrug, in none of its villages: no target of the city. */
		visit(1, "611600000", "611633000", ymd(2026, 2, 10), true, RULES_HELD),
		visit(2, "611600000", "611633300", ymd(2026, 2, 11), true, RULES_HELD),
	};
	size_t n;
	struct rules_tree *t = kato_tree(pre, &n);

	assert_targets(t, "111800000", "C-4", stepnogorsk, N(stepnogorsk));
	assert_targets(t, "111847000", "C-4", okrug, N(okrug));
	assert_int_equal(planned_2026(t, "111800000"), 44);

	assert_int_equal(rules_targets(t, "611600000", &tg), 0);
	assert_int_equal(tg.n, 28);
	assert_string_equal(tg.v[0]->code, "611610000");
	for (size_t i = 1; i < tg.n; i++)
		assert_int_equal(tg.v[i]->type, UNIT_VILLAGE_LOC);
	rules_targets_free(&tg);
	assert_targets(t, "611633000", "C-4", akdala, N(akdala));
	assert_int_equal(planned_2026(t, "611600000"), 110);

	assert_int_equal(rules_check_coverage(t, "611600000", false, 2026, RULES_MODE_HELD,
	    v, N(v), &f), 0);
	assert_int_equal(f.n, 56);
	for (size_t i = 0; i < f.n; i++) {
		bool held = strcmp(f.v[i].target, "611633300") == 0 && f.v[i].period == RULES_H1;

		assert_true(strcmp(f.v[i].target, "611633000") != 0);
		assert_int_equal(f.v[i].status, held ? RULES_OK : RULES_MISSING);
		assert_int_equal(f.v[i].visit, held ? 2 : -1);
	}
	rules_findings_free(&f);
	rules_tree_free(&t);

	t = rules_tree_new(bare, N(bare));
	assert_targets(t, "612000000", "C-4", bare_c4, N(bare_c4));
	rules_tree_free(&t);
}

/* ---- Coverage --------------------------------------------------------------------- */

static void
test_c1_region_field_meetings_per_year(void **state)
{
	(void)state;
	struct rules_tree *t = turkistan_tree();
	struct rules_findings f;
	struct rules_visit v[] = {
		visit(1, "610000000", "613600000", ymd(2026, 3, 10), true, RULES_HELD),
		/* In a village of the district: counts for the district. */
		visit(2, "610000000", "613833100", ymd(2026, 9, 1), true, RULES_HELD),
		visit(3, "610000000", "611000000", ymd(2026, 4, 1), false, RULES_HELD),
		visit(4, "610000000", "611600000", ymd(2026, 4, 1), true, RULES_CANCELLED),
		visit(5, "610000000", "612010901", ymd(2026, 11, 11), true, RULES_HELD),
		visit(6, "610000000", "613600000", ymd(2026, 2, 10), true, RULES_HELD),
	};
	const struct want_cover want[] = {
		{ "611000000", RULES_YEAR, RULES_MISSING, -1 },	/* not a field meeting */
		{ "611600000", RULES_YEAR, RULES_MISSING, -1 },	/* cancelled */
		{ "612000000", RULES_YEAR, RULES_OK, 5 },
		{ "613600000", RULES_YEAR, RULES_OK, 6 },		/* the earlier of 1, 6 */
		{ "613800000", RULES_YEAR, RULES_OK, 2 },
	};

	assert_int_equal(rules_check_coverage(t, "610000000", false, 2026, RULES_MODE_HELD,
	    v, N(v), &f), 0);
	assert_cover(&f, "610000000", "C-1", want, N(want));
	assert_int_equal(f.v[3].value, 2);
	assert_int_equal(f.v[3].due, ymd(2026, 12, 31));
	assert_int_equal(f.v[3].year, 2026);
	rules_findings_free(&f);
	rules_tree_free(&t);
}

static void
test_c2_city_rep_districts_per_year(void **state)
{
	(void)state;
	size_t nu;
	const struct rules_unit *u = fixture_almaty(&nu);
	struct rules_tree *t = rules_tree_new(u, nu);
	struct rules_findings f;
	struct rules_visit v[] = {
		visit(1, "750000000", "751110000", ymd(2026, 5, 20), true, RULES_HELD),
		visit(2, "750000000", "751910000", ymd(2026, 12, 31), true, RULES_HELD),
		visit(3, "750000000", "751410000", ymd(2027, 1, 1), true, RULES_HELD),
	};
	const struct want_cover want[] = {
		{ "751110000", RULES_YEAR, RULES_OK, 1 },
		{ "751210000", RULES_YEAR, RULES_MISSING, -1 },
		{ "751310000", RULES_YEAR, RULES_MISSING, -1 },
		{ "751410000", RULES_YEAR, RULES_MISSING, -1 },	/* next year's */
		{ "751510000", RULES_YEAR, RULES_MISSING, -1 },
		{ "751710000", RULES_YEAR, RULES_MISSING, -1 },
		{ "751810000", RULES_YEAR, RULES_MISSING, -1 },
		{ "751910000", RULES_YEAR, RULES_OK, 2 },
	};

	assert_int_equal(rules_check_coverage(t, "750000000", true, 2026, RULES_MODE_HELD,
	    v, N(v), &f), 0);
	/* With subtree, the city districts' own C-5 rows follow the city's C-2 ones. */
	assert_int_equal(f.n, 8 + 8 * 2);
	f.n = 8;
	assert_cover(&f, "750000000", "C-2", want, N(want));
	assert_string_equal(f.v[8].rule, "C-5");
	assert_string_equal(f.v[8].akim, "751110000");
	rules_findings_free(&f);
	rules_tree_free(&t);
}

static void
test_c3_district_half_years(void **state)
{
	(void)state;
	struct rules_tree *t = turkistan_tree();
	struct rules_findings f;
	struct rules_visit v[] = {
		visit(1, "613800000", "613833000", ymd(2026, 6, 30), true, RULES_HELD),
		visit(2, "613800000", "613839100", ymd(2026, 7, 1), true, RULES_HELD),
		visit(3, "613800000", "613820100", ymd(2026, 1, 1), true, RULES_HELD),
		visit(4, "613800000", "613843100", ymd(2026, 12, 31), true, RULES_HELD),
		visit(5, "613800000", "613833000", ymd(2026, 3, 10), false, RULES_HELD),
		visit(6, "613800000", "613839000", ymd(2026, 3, 10), true, RULES_CANCELLED),
		visit(7, "613800000", "613839000", ymd(2025, 12, 31), true, RULES_HELD),
		visit(8, "613800000", "613843000", ymd(2026, 5, 5), true, RULES_PLANNED),
		/* At the district itself: not a target. */
		visit(9, "613800000", "613800000", ymd(2026, 4, 1), true, RULES_HELD),
		/* The okrug akim's meeting is not the district akim's. */
		visit(10, "613833000", "613833000", ymd(2026, 4, 1), true, RULES_HELD),
	};
	const struct want_cover held[] = {
		{ "613820100", RULES_H1, RULES_OK, 3 },
		{ "613820100", RULES_H2, RULES_MISSING, -1 },
		{ "613833000", RULES_H1, RULES_OK, 1 },
		{ "613833000", RULES_H2, RULES_MISSING, -1 },
		{ "613839000", RULES_H1, RULES_MISSING, -1 },
		{ "613839000", RULES_H2, RULES_OK, 2 },
		{ "613843000", RULES_H1, RULES_MISSING, -1 },
		{ "613843000", RULES_H2, RULES_OK, 4 },
	};
	const struct want_cover planned[] = {
		{ "613820100", RULES_H1, RULES_OK, 3 },
		{ "613820100", RULES_H2, RULES_MISSING, -1 },
		{ "613833000", RULES_H1, RULES_OK, 1 },
		{ "613833000", RULES_H2, RULES_MISSING, -1 },
		{ "613839000", RULES_H1, RULES_MISSING, -1 },
		{ "613839000", RULES_H2, RULES_OK, 2 },
		{ "613843000", RULES_H1, RULES_OK, 8 },
		{ "613843000", RULES_H2, RULES_OK, 4 },
	};

	assert_int_equal(rules_check_coverage(t, "613800000", false, 2026, RULES_MODE_HELD,
	    v, N(v), &f), 0);
	assert_cover(&f, "613800000", "C-3", held, N(held));
	assert_int_equal(f.v[1].due, ymd(2026, 12, 31));
	assert_int_equal(f.v[0].due, ymd(2026, 6, 30));
	rules_findings_free(&f);
	assert_int_equal(rules_check_coverage(t, "613800000", false, 2026,
	    RULES_MODE_PLANNED, v, N(v), &f), 0);
	assert_cover(&f, "613800000", "C-3", planned, N(planned));
	rules_findings_free(&f);
	rules_tree_free(&t);
}

static void
test_c3_meeting_moved_into_the_next_half_year(void **state)
{
	(void)state;
	struct rules_tree *t = turkistan_tree();
	struct rules_findings f;
	/* Planned for 20 May, moved to 15 July: it carries its new date. */
	struct rules_visit v[] = {
		visit(1, "613600000", "613637000", ymd(2026, 7, 15), true, RULES_MOVED),
		visit(2, "613600000", "613639000", ymd(2026, 5, 20), true, RULES_ANNOUNCED),
	};
	const struct want_cover planned[] = {
		{ "613637000", RULES_H1, RULES_MISSING, -1 },
		{ "613637000", RULES_H2, RULES_OK, 1 },
		{ "613639000", RULES_H1, RULES_OK, 2 },
		{ "613639000", RULES_H2, RULES_MISSING, -1 },
	};
	const struct want_cover held[] = {
		{ "613637000", RULES_H1, RULES_MISSING, -1 },
		{ "613637000", RULES_H2, RULES_MISSING, -1 },
		{ "613639000", RULES_H1, RULES_MISSING, -1 },
		{ "613639000", RULES_H2, RULES_MISSING, -1 },
	};

	assert_int_equal(rules_check_coverage(t, "613600000", false, 2026,
	    RULES_MODE_PLANNED, v, N(v), &f), 0);
	assert_cover(&f, "613600000", "C-3", planned, N(planned));
	rules_findings_free(&f);
	assert_int_equal(rules_check_coverage(t, "613600000", false, 2026, RULES_MODE_HELD,
	    v, N(v), &f), 0);
	assert_cover(&f, "613600000", "C-3", held, N(held));
	rules_findings_free(&f);
	rules_tree_free(&t);
}

/* U-1: a meeting outside the calendar counts for C-3 only on the rule's own terms. */
static void
test_c3_unscheduled_counts_only_as_field_meeting_at_target(void **state)
{
	(void)state;
	struct rules_tree *t = turkistan_tree();
	struct rules_findings f;
	struct rules_visit v[] = {
		visit(1, "613600000", "613637000", ymd(2026, 2, 10), false, RULES_HELD),
		visit(2, "613600000", "613639200", ymd(2026, 2, 10), true, RULES_HELD),
		visit(3, "613600000", "613600000", ymd(2026, 9, 10), true, RULES_HELD),
		visit(4, "613600000", "613800000", ymd(2026, 9, 11), true, RULES_HELD),
	};
	const struct want_cover want[] = {
		{ "613637000", RULES_H1, RULES_MISSING, -1 },	/* not a field meeting */
		{ "613637000", RULES_H2, RULES_MISSING, -1 },
		{ "613639000", RULES_H1, RULES_OK, 2 },		/* in a village of it */
		{ "613639000", RULES_H2, RULES_MISSING, -1 },	/* at the district centre,
								 * or in another district */
	};

	for (size_t i = 0; i < N(v); i++) {
		v[i].unscheduled = true;
		v[i].has_reason = true;
	}
	assert_int_equal(rules_check_coverage(t, "613600000", false, 2026, RULES_MODE_HELD,
	    v, N(v), &f), 0);
	assert_cover(&f, "613600000", "C-3", want, N(want));
	rules_findings_free(&f);
	rules_tree_free(&t);
}

static void
test_c4_okrug_villages_at_any_depth(void **state)
{
	(void)state;
	struct rules_tree *t = turkistan_tree();
	struct rules_findings f;
	struct rules_visit v[] = {
		/* Leap day; Байжансай lies under Алмалы and is a target of its own. */
		visit(1, "613639000", "613639180", ymd(2024, 2, 29), true, RULES_HELD),
		visit(2, "613639000", "613639300", ymd(2024, 7, 1), true, RULES_HELD),
		visit(3, "613639000", "613639300", ymd(2024, 6, 30), false, RULES_HELD),
	};
	const struct want_cover want[] = {
		{ "613639100", RULES_H1, RULES_MISSING, -1 },
		{ "613639100", RULES_H2, RULES_MISSING, -1 },
		{ "613639180", RULES_H1, RULES_OK, 1 },
		{ "613639180", RULES_H2, RULES_MISSING, -1 },
		{ "613639200", RULES_H1, RULES_MISSING, -1 },
		{ "613639200", RULES_H2, RULES_MISSING, -1 },
		{ "613639300", RULES_H1, RULES_MISSING, -1 },	/* not a field meeting */
		{ "613639300", RULES_H2, RULES_OK, 2 },
	};
	struct rules_visit farm[] = {
		/* At the farm of Шакпак: counts for Шакпак. */
		visit(7, "613637000", "613637103", ymd(2026, 8, 3), true, RULES_HELD),
	};
	const struct want_cover want_farm[] = {
		{ "613637100", RULES_H1, RULES_MISSING, -1 },
		{ "613637100", RULES_H2, RULES_OK, 7 },
		{ "613637200", RULES_H1, RULES_MISSING, -1 },
		{ "613637200", RULES_H2, RULES_MISSING, -1 },
	};

	assert_int_equal(rules_check_coverage(t, "613639000", false, 2024, RULES_MODE_HELD,
	    v, N(v), &f), 0);
	assert_cover(&f, "613639000", "C-4", want, N(want));
	rules_findings_free(&f);
	assert_int_equal(rules_check_coverage(t, "613637000", false, 2026, RULES_MODE_HELD,
	    farm, N(farm), &f), 0);
	assert_cover(&f, "613637000", "C-4", want_farm, N(want_farm));
	rules_findings_free(&f);
	rules_tree_free(&t);
}

static void
test_c4_city_microdistricts_and_villages(void **state)
{
	(void)state;
	struct rules_tree *t = turkistan_tree();
	struct rules_findings f;
	struct rules_visit v[] = {
		visit(1, "612000000", "612010902", ymd(2026, 3, 3), true, RULES_HELD),
		visit(2, "612000000", "612039200", ymd(2026, 3, 4), true, RULES_HELD),
		visit(3, "612000000", "612033100", ymd(2026, 10, 5), true, RULES_HELD),
		/* In the city but in no microdistrict: no target. */
		visit(4, "612000000", "612010000", ymd(2026, 10, 6), true, RULES_HELD),
		/* At the okrug, in none of its villages: no target either (C-4). */
		visit(5, "612000000", "612039000", ymd(2026, 10, 7), true, RULES_HELD),
	};
	const struct want_cover want[] = {
		{ "612010901", RULES_H1, RULES_MISSING, -1 },
		{ "612010901", RULES_H2, RULES_MISSING, -1 },
		{ "612010902", RULES_H1, RULES_OK, 1 },
		{ "612010902", RULES_H2, RULES_MISSING, -1 },
		{ "612033100", RULES_H1, RULES_MISSING, -1 },
		{ "612033100", RULES_H2, RULES_OK, 3 },
		{ "612039100", RULES_H1, RULES_MISSING, -1 },
		{ "612039100", RULES_H2, RULES_MISSING, -1 },
		{ "612039200", RULES_H1, RULES_OK, 2 },
		{ "612039200", RULES_H2, RULES_MISSING, -1 },
	};

	assert_int_equal(rules_check_coverage(t, "612000000", false, 2026, RULES_MODE_HELD,
	    v, N(v), &f), 0);
	assert_cover(&f, "612000000", "C-4", want, N(want));
	rules_findings_free(&f);
	rules_tree_free(&t);
}

static void
test_c5_village_itself_field_not_required(void **state)
{
	(void)state;
	struct rules_tree *t = turkistan_tree();
	struct rules_findings f;
	struct rules_visit v[] = {
		/* Unscheduled, not a field meeting, in its own village: counts (C-5). */
		visit(1, "612033000", "612033100", ymd(2026, 1, 20), false, RULES_HELD),
		visit(2, "612033000", "612039100", ymd(2026, 9, 20), false, RULES_HELD),
	};
	const struct want_cover want[] = {
		{ "612033000", RULES_H1, RULES_OK, 1 },
		{ "612033000", RULES_H2, RULES_MISSING, -1 },	/* outside its unit */
	};

	v[0].unscheduled = true;
	assert_int_equal(rules_check_coverage(t, "612033000", false, 2026, RULES_MODE_HELD,
	    v, N(v), &f), 0);
	assert_cover(&f, "612033000", "C-5", want, N(want));
	rules_findings_free(&f);
	rules_tree_free(&t);
}

static void
test_coverage_subtree_rows(void **state)
{
	(void)state;
	struct rules_tree *t = turkistan_tree();
	struct rules_findings f;

	/*
	 * C-1 5 targets x 1; per half-year x 2: Turkistan city 1, Arys 2 (the city proper
	 * and the okrug's village), its okrug 1, Kentau 5 (2 microdistricts, the village
	 * of its village administration, 2 villages of its okrug), its village 1 and okrug
	 * 2, Baidibek 2 and okrugs 2 + 4, Zhetysai 4 and okrugs 1 + 1 and settlement 1:
	 * 5 + 2 * 27 = 59.
	 */
	assert_int_equal(rules_check_coverage(t, "610000000", true, 2026,
	    RULES_MODE_PLANNED, NULL, 0, &f), 0);
	assert_int_equal(f.n, 59);
	for (size_t i = 0; i < f.n; i++)
		assert_int_equal(f.v[i].status, RULES_MISSING);
	assert_string_equal(f.v[0].akim, "610000000");
	assert_string_equal(f.v[5].akim, "611000000");
	rules_findings_free(&f);
	assert_int_equal(rules_check_coverage(t, NULL, true, 2026, RULES_MODE_PLANNED,
	    NULL, 0, &f), 0);
	assert_int_equal(f.n, 59);
	rules_findings_free(&f);
	assert_int_equal(rules_check_coverage(t, "613600000", true, 2026,
	    RULES_MODE_PLANNED, NULL, 0, &f), 0);
	assert_int_equal(f.n, 4 + 4 + 8);
	rules_findings_free(&f);
	assert_int_equal(rules_check_coverage(t, "613639100", true, 2026,
	    RULES_MODE_PLANNED, NULL, 0, &f), -1);
	assert_int_equal(f.n, 0);
	rules_tree_free(&t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_local_date_midnight),
		cmocka_unit_test(test_periods_half_years),
		cmocka_unit_test(test_tables_cite_rules),
		cmocka_unit_test(test_tree_walks_up_to_the_akim),
		cmocka_unit_test(test_tree_derives_kato_parents),
		cmocka_unit_test(test_tree_survives_bad_input),
		cmocka_unit_test(test_c1_c3_c4_c5_targets),
		cmocka_unit_test(test_c4_city_of_district_significance_without_administration),
		cmocka_unit_test(test_c4_c5_karaganda_one_akim_per_city_district),
		cmocka_unit_test(test_c4_aktobe_taraz_wholly_divided),
		cmocka_unit_test(test_c4_city_villages_inside_okrugs_and_administrations),
		cmocka_unit_test(test_c1_region_field_meetings_per_year),
		cmocka_unit_test(test_c2_city_rep_districts_per_year),
		cmocka_unit_test(test_c3_district_half_years),
		cmocka_unit_test(test_c3_meeting_moved_into_the_next_half_year),
		cmocka_unit_test(test_c3_unscheduled_counts_only_as_field_meeting_at_target),
		cmocka_unit_test(test_c4_okrug_villages_at_any_depth),
		cmocka_unit_test(test_c4_city_microdistricts_and_villages),
		cmocka_unit_test(test_c5_village_itself_field_not_required),
		cmocka_unit_test(test_coverage_subtree_rows),
	};
	return cmocka_run_group_tests(tests, kato_setup, kato_teardown);
}
