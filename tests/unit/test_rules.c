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

#include "core/date.h"
#include "core/rules.h"
#include "rules_fixture.h"

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

struct want_cover {
	const char		*target;
	enum rules_period	 period;
	enum rules_status	 status;
	int			 visit;
};

static void
assert_cover(const struct rules_findings *f, const char *akim, const char *rule,
    const struct want_cover *w, size_t n)
{
	assert_int_equal(f->n, n);
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(f->v[i].rule, rule);
		assert_string_equal(f->v[i].akim, akim);
		assert_string_equal(f->v[i].target, w[i].target);
		assert_int_equal(f->v[i].period, w[i].period);
		assert_int_equal(f->v[i].status, w[i].status);
		assert_int_equal(f->v[i].visit, w[i].visit);
	}
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
	/* Microdistricts, village administrations and okrugs, not inside those. */
	static const char *const c4_kentau[] = {
		"612010901", "612010902", "612033000", "612039000",
	};
	/* Arys has no microdistricts recorded: the city proper stands for them. */
	static const char *const c4_arys[] = { "611610000", "611633000" };
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
	};
	const struct want_cover want[] = {
		{ "612010901", RULES_H1, RULES_MISSING, -1 },
		{ "612010901", RULES_H2, RULES_MISSING, -1 },
		{ "612010902", RULES_H1, RULES_OK, 1 },
		{ "612010902", RULES_H2, RULES_MISSING, -1 },
		{ "612033000", RULES_H1, RULES_MISSING, -1 },
		{ "612033000", RULES_H2, RULES_OK, 3 },
		{ "612039000", RULES_H1, RULES_OK, 2 },
		{ "612039000", RULES_H2, RULES_MISSING, -1 },
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
	 * C-1 5 targets x 1; per half-year x 2: Turkistan city 1, Arys 2, its okrug 1,
	 * Kentau 4, its village 1 and okrug 2, Baidibek 2 and okrugs 2 + 4, Zhetysai 4 and
	 * okrugs 1 + 1 and settlement 1: 5 + 2 * 26 = 57.
	 */
	assert_int_equal(rules_check_coverage(t, "610000000", true, 2026,
	    RULES_MODE_PLANNED, NULL, 0, &f), 0);
	assert_int_equal(f.n, 57);
	for (size_t i = 0; i < f.n; i++)
		assert_int_equal(f.v[i].status, RULES_MISSING);
	assert_string_equal(f.v[0].akim, "610000000");
	assert_string_equal(f.v[5].akim, "611000000");
	rules_findings_free(&f);
	assert_int_equal(rules_check_coverage(t, NULL, true, 2026, RULES_MODE_PLANNED,
	    NULL, 0, &f), 0);
	assert_int_equal(f.n, 57);
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
	return cmocka_run_group_tests(tests, NULL, NULL);
}
