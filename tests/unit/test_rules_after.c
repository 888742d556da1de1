/*
 * After the meetings (RULES.md 3.2, 3.5, 4): B-1 (broadcast, comments open) and A-1
 * (personal receptions) per meeting held, and the obligations due of A-1, A-2 (the
 * maslikhat's decision on financing) and G-3 (central bodies' quarterly progress), against
 * dates worked out by hand. Weekdays of 2026 used here: 10 April Fri, 20 April Mon,
 * 25 April Sat, 25 July Sat.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "core/date.h"
#include "core/rules.h"
#include "rules_fixture.h"

/* Five meetings of the Sauran district akim at 613833000, each held on Friday 10 April. */
static void
held(struct rules_visit *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		v[i] = visit((int)i + 1, "613800000", "613833000", ymd(2026, 4, 10), true,
		    RULES_HELD);
}

static void
test_b1_held_without_broadcast(void **state)
{
	(void)state;
	struct rules_findings f = { 0 };
	struct rules_visit v[6];
	const struct want_visit want[] = {
		{ 1, "B-1", RULES_MISSING, 0 },		/* neither broadcast nor reason */
		{ 2, "B-1", RULES_OK, 0 },		/* broadcast, comments open */
		{ 3, "B-1", RULES_OK, 0 },		/* not possible, reason recorded */
		{ 4, "B-1", RULES_OK, 0 },		/* broadcast... */
		{ 4, "B-1", RULES_MISSING, 0 },		/* ...comments closed */
		{ 5, "B-1", RULES_OK, 0 },		/* broadcast... */
		{ 5, "B-1", RULES_MISSING, 0 },		/* ...comments not recorded */
	};

	held(v, 5);
	/* Not held: no B-1, nor A-1. */
	v[5] = visit(6, "613800000", "613833000", ymd(2026, 4, 30), true, RULES_PLANNED);
	for (size_t i = 0; i < N(v); i++)
		v[i].receptions = 1;
	v[1].broadcast = true;
	v[1].comments = 1;
	v[2].no_broadcast = true;
	v[3].broadcast = true;
	v[3].comments = 2;
	v[4].broadcast = true;
	rules_check_b1_a1(v, N(v), ymd(2026, 4, 20), &f);
	/* Each held meeting also has its A-1: ok, a reception recorded. */
	assert_int_equal(f.n, N(want) + 5);
	for (size_t i = 0, k = 0; i < f.n; i++) {
		if (strcmp(f.v[i].rule, "A-1") == 0) {
			assert_int_equal(f.v[i].status, RULES_OK);
			continue;
		}
		assert_int_equal(f.v[i].visit, want[k].visit);
		assert_int_equal(f.v[i].status, want[k].status);
		k++;
	}
	assert_non_null(strstr(f.v[0].what, "where technically possible"));
	assert_non_null(strstr(f.v[7].what, "comments were closed"));
	assert_string_equal(f.v[7].target, "613833000");
	rules_findings_free(&f);
}

/*
 * a meeting held on 10 April with no reception recorded is owed one by its A-3 date,
 * 20 April: pending on the 20th (0 days left), missing on the 21st; one with a reception
 * is ok whatever the day.
 */
static void
test_a1_reception_pending_then_missing(void **state)
{
	(void)state;
	struct rules_findings f = { 0 };
	struct rules_visit v[2];
	const struct want_visit on_20[] = {
		{ 1, "B-1", RULES_OK, 0 },
		{ 1, "A-1", RULES_PENDING, 0 },
		{ 2, "B-1", RULES_OK, 0 },
		{ 2, "A-1", RULES_OK, 0 },
	};
	const struct want_visit on_21[] = {
		{ 1, "B-1", RULES_OK, 0 },
		{ 1, "A-1", RULES_MISSING, 0 },
		{ 2, "B-1", RULES_OK, 0 },
		{ 2, "A-1", RULES_OK, 0 },
	};

	held(v, 2);
	v[0].no_broadcast = v[1].no_broadcast = true;
	v[1].receptions = 2;
	v[1].receptions_end = ymd(2026, 4, 14);
	rules_check_b1_a1(v, N(v), ymd(2026, 4, 11), &f);
	assert_int_equal(f.v[1].status, RULES_PENDING);
	assert_int_equal(f.v[1].days, 9);
	assert_int_equal(f.v[1].due, ymd(2026, 4, 20));
	rules_findings_free(&f);
	memset(&f, 0, sizeof f);
	rules_check_b1_a1(v, N(v), ymd(2026, 4, 20), &f);
	assert_visit_findings(&f, on_20, N(on_20));
	rules_findings_free(&f);
	memset(&f, 0, sizeof f);
	rules_check_b1_a1(v, N(v), ymd(2026, 4, 21), &f);
	assert_visit_findings(&f, on_21, N(on_21));
	rules_findings_free(&f);
}

static struct rules_due_ctx
district(void)
{
	struct rules_due_ctx c;

	memset(&c, 0, sizeof c);
	c.office = UNIT_DISTRICT;
	strcpy(c.office_code, "613800000");
	return c;
}

/* The findings of one rule among rules_due's. */
static size_t
only(const struct rules_findings *f, const char *rule, const struct rules_finding **out,
    size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < f->n; i++)
		if (strcmp(f->v[i].rule, rule) == 0 && n < max)
			out[n++] = &f->v[i];
	return n;
}

/* A-1 in due: the meeting of 10 April without a reception, due 20 April; overdue after. */
static void
test_due_a1_reception_by_the_a3_date(void **state)
{
	(void)state;
	struct rules_due_ctx c = district();
	struct rules_findings f;
	const struct rules_finding *a1[4];
	struct rules_visit v[2];

	held(v, 2);
	v[1].receptions = 1;
	c.visits = v;
	c.nvisits = N(v);
	rules_due(ymd(2026, 4, 15), &c, &f);
	assert_int_equal(only(&f, "A-1", a1, 4), 1);
	assert_int_equal(a1[0]->visit, 1);
	assert_int_equal(a1[0]->status, RULES_PENDING);
	assert_int_equal(a1[0]->days, 5);
	assert_int_equal(a1[0]->due, ymd(2026, 4, 20));
	assert_string_equal(a1[0]->target, "613833000");
	rules_findings_free(&f);
	rules_due(ymd(2026, 4, 23), &c, &f);
	assert_int_equal(only(&f, "A-1", a1, 4), 1);
	assert_int_equal(a1[0]->status, RULES_OVERDUE);
	assert_int_equal(a1[0]->days, 3);
	rules_findings_free(&f);
	v[0].receptions = 1;
	rules_due(ymd(2026, 4, 23), &c, &f);
	assert_int_equal(only(&f, "A-1", a1, 4), 0);
	rules_findings_free(&f);
}

/*
 * A-2 in due: the session of 28 April ahead (pending, 8 days), the session of 10 March
 * passed with no decision (overdue by 41 days however long ago: the store's own record),
 * a session far ahead (outside the 30 days) and one with no date: not listed.
 */
static void
test_due_a2_session_decision(void **state)
{
	(void)state;
	struct rules_due_ctx c = district();
	struct rules_findings f;
	const struct rules_finding *a2[4];
	const struct rules_financing fin[] = {
		{ 0, "613833000", 0 },
		{ 1, "613839000", 0 },
		{ 2, "613843000", 0 },
		{ 3, "613843000", DATE_NONE },
	};
	struct rules_financing v[4];

	memcpy(v, fin, sizeof v);
	v[0].session = ymd(2026, 4, 28);
	v[1].session = ymd(2026, 3, 10);
	v[2].session = ymd(2026, 9, 1);
	c.financing = v;
	c.nfinancing = N(v);
	rules_due(ymd(2026, 4, 20), &c, &f);
	assert_int_equal(only(&f, "A-2", a2, 4), 2);
	/* By deadline: the passed session first. */
	assert_int_equal(a2[0]->issue, 1);
	assert_int_equal(a2[0]->status, RULES_OVERDUE);
	assert_int_equal(a2[0]->days, 41);
	assert_string_equal(a2[0]->target, "613839000");
	assert_true(a2[0]->recorded);
	assert_non_null(strstr(a2[0]->what, "maslikhat's decision"));
	assert_int_equal(a2[1]->issue, 0);
	assert_int_equal(a2[1]->status, RULES_PENDING);
	assert_int_equal(a2[1]->days, 8);
	rules_findings_free(&f);
	/* Two years on, the passed session is still owed its decision. */
	c.nfinancing = 2;
	rules_due(ymd(2028, 4, 20), &c, &f);
	assert_int_equal(only(&f, "A-2", a2, 4), 2);
	rules_findings_free(&f);
}

/*
 * G-3 in the Government's store (interpretation: by the same day as A-4): on 20 April
 * 2026 the last quarter ended is 2026-Q1, due 25 April (pending, 5 days); an issue noted
 * for Q1 or later owes nothing, one recorded after 31 March neither; on 26 July Q2 is
 * owed, overdue by a day, by the one noted only for Q1. Not the Government: no G-3.
 */
static void
test_due_g3_quarterly_progress(void **state)
{
	(void)state;
	struct rules_due_ctx c;
	struct rules_findings f;
	const struct rules_finding *g3[4];
	struct rules_central ce[4];

	memset(&c, 0, sizeof c);
	c.office = UNIT_GOVERNMENT;
	strcpy(c.office_code, "000000000");
	c.government = true;
	memset(ce, 0, sizeof ce);
	for (int i = 0; i < 4; i++) {
		ce[i].id = i;
		strcpy(ce[i].unit, "613833000");
		ce[i].created = ymd(2026, 2, 1);
		ce[i].noted = -1;
	}
	ce[1].noted = 2026 * 4 + 0;		/* 2026-Q1 */
	ce[2].noted = 2025 * 4 + 3;		/* 2025-Q4 only */
	ce[3].created = ymd(2026, 4, 2);	/* after Q1 ended */
	c.central = ce;
	c.ncentral = N(ce);
	rules_due(ymd(2026, 4, 20), &c, &f);
	assert_int_equal(only(&f, "G-3", g3, 4), 2);
	assert_int_equal(g3[0]->issue, 0);
	assert_int_equal(g3[1]->issue, 2);
	assert_int_equal(g3[0]->due, ymd(2026, 4, 25));
	assert_int_equal(g3[0]->status, RULES_PENDING);
	assert_int_equal(g3[0]->days, 5);
	assert_int_equal(g3[0]->year, 2026);
	assert_int_equal(g3[0]->quarter, 1);
	assert_string_equal(g3[0]->akim, "000000000");
	rules_findings_free(&f);
	rules_due(ymd(2026, 7, 26), &c, &f);
	assert_int_equal(only(&f, "G-3", g3, 4), 4);
	assert_int_equal(g3[1]->issue, 1);
	assert_int_equal(g3[1]->status, RULES_OVERDUE);
	assert_int_equal(g3[1]->days, 1);
	assert_int_equal(g3[1]->quarter, 2);
	rules_findings_free(&f);
	/* Q4 of 2026 is owed in January 2027. */
	rules_due(ymd(2027, 1, 10), &c, &f);
	assert_int_equal(only(&f, "G-3", g3, 4), 4);
	assert_int_equal(g3[0]->due, ymd(2027, 1, 25));
	assert_int_equal(g3[0]->year, 2026);
	assert_int_equal(g3[0]->quarter, 4);
	rules_findings_free(&f);
	c.government = false;
	c.office = UNIT_REGION;
	rules_due(ymd(2026, 4, 20), &c, &f);
	assert_int_equal(only(&f, "G-3", g3, 4), 0);
	rules_findings_free(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_b1_held_without_broadcast),
		cmocka_unit_test(test_a1_reception_pending_then_missing),
		cmocka_unit_test(test_due_a1_reception_by_the_a3_date),
		cmocka_unit_test(test_due_a2_session_decision),
		cmocka_unit_test(test_due_g3_quarterly_progress),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
