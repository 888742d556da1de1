/*
 * Coverage as of a day (C-1..C-5 with RULES.md's interpretation: a past date counts only
 * when held, a period still running is open), the meeting past its date and still
 * planned (M-1), and the deadlines of problem issues and their plans' steps among
 * the obligations due. Dates worked out by hand; today is Wednesday 15 July 2026 unless
 * said otherwise.
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

/* Жетысайский район (C-3): г.Жетысай, two okrugs and a settlement, per half-year. */
static void
test_c3_states_mid_year(void **state)
{
	(void)state;
	struct rules_tree *t = turkistan_tree();
	struct rules_findings f;
	struct rules_visit v[] = {
		visit(1, "613800000", "613833000", ymd(2026, 3, 10), true, RULES_HELD),
		/* A second, past and still planned: the held one decides. */
		visit(2, "613800000", "613833100", ymd(2026, 5, 20), true, RULES_PLANNED),
		visit(3, "613800000", "613839000", ymd(2026, 5, 20), true, RULES_PLANNED),
		visit(4, "613800000", "613839100", ymd(2026, 6, 1), true, RULES_ANNOUNCED),
		/* Moved to yesterday, not held; and one planned for today (not past). */
		visit(5, "613800000", "613839000", ymd(2026, 7, 14), true, RULES_MOVED),
		visit(6, "613800000", "613839000", ymd(2026, 7, 15), true, RULES_PLANNED),
		visit(7, "613800000", "613843000", ymd(2026, 9, 1), true, RULES_PLANNED),
		visit(8, "613800000", "613843000", ymd(2026, 2, 1), true, RULES_CANCELLED),
		/* Held but not a field meeting: C-3 wants one. */
		visit(9, "613800000", "613820100", ymd(2026, 4, 1), false, RULES_HELD),
	};
	const struct want_cover july[] = {
		{ "613820100", RULES_H1, RULES_MISSING, -1, 0 },
		{ "613820100", RULES_H2, RULES_COV_OPEN, -1, 0 },
		{ "613833000", RULES_H1, RULES_COV_HELD, 1, 1 },
		{ "613833000", RULES_H2, RULES_COV_OPEN, -1, 0 },
		{ "613839000", RULES_H1, RULES_COV_PAST, 3, 2 },
		{ "613839000", RULES_H2, RULES_COV_PLANNED, 6, 1 },
		{ "613843000", RULES_H1, RULES_MISSING, -1, 0 },
		{ "613843000", RULES_H2, RULES_COV_PLANNED, 7, 1 },
	};
	/* 30 June is the first half-year's last day: still open; 4, planned for 1 June, past. */
	const struct want_cover june30[] = {
		{ "613820100", RULES_H1, RULES_COV_OPEN, -1, 0 },
		{ "613820100", RULES_H2, RULES_COV_OPEN, -1, 0 },
		{ "613833000", RULES_H1, RULES_COV_HELD, 1, 1 },
		{ "613833000", RULES_H2, RULES_COV_OPEN, -1, 0 },
		{ "613839000", RULES_H1, RULES_COV_PAST, 3, 2 },
		{ "613839000", RULES_H2, RULES_COV_PLANNED, 5, 2 },
		{ "613843000", RULES_H1, RULES_COV_OPEN, -1, 0 },
		{ "613843000", RULES_H2, RULES_COV_PLANNED, 7, 1 },
	};
	/* After the year: whatever was not held is past or missing, nothing planned or open. */
	const struct want_cover after[] = {
		{ "613820100", RULES_H1, RULES_MISSING, -1, 0 },
		{ "613820100", RULES_H2, RULES_MISSING, -1, 0 },
		{ "613833000", RULES_H1, RULES_COV_HELD, 1, 1 },
		{ "613833000", RULES_H2, RULES_MISSING, -1, 0 },
		{ "613839000", RULES_H1, RULES_COV_PAST, 3, 2 },
		{ "613839000", RULES_H2, RULES_COV_PAST, 5, 2 },
		{ "613843000", RULES_H1, RULES_MISSING, -1, 0 },
		{ "613843000", RULES_H2, RULES_COV_PAST, 7, 1 },
	};

	assert_int_equal(rules_check_coverage_on(t, "613800000", false, 2026, ymd(2026, 7, 15),
	    v, N(v), &f), 0);
	assert_states(&f, "613800000", "C-3", july, N(july));
	assert_string_equal(rules_status_name(f.v[4].status), "past-not-held");
	assert_string_equal(rules_status_name(f.v[1].status), "open");
	assert_string_equal(rules_status_name(f.v[2].status), "held");
	assert_string_equal(rules_status_name(f.v[5].status), "planned");
	rules_findings_free(&f);
	assert_int_equal(rules_check_coverage_on(t, "613800000", false, 2026, ymd(2026, 6, 30),
	    v, N(v), &f), 0);
	assert_states(&f, "613800000", "C-3", june30, N(june30));
	rules_findings_free(&f);
	assert_int_equal(rules_check_coverage_on(t, "613800000", false, 2026, ymd(2027, 1, 1),
	    v, N(v), &f), 0);
	assert_states(&f, "613800000", "C-3", after, N(after));
	rules_findings_free(&f);
	/* Without a day there are no states to give. */
	assert_int_equal(rules_check_coverage_on(t, "613800000", false, 2026, DATE_NONE, v,
	    N(v), &f), -1);
	assert_int_equal(f.n, 0);
	rules_tree_free(&t);
}

/* C-1 per year: open until 31 December, missing from 1 January. */
static void
test_c1_year_open_until_its_last_day(void **state)
{
	(void)state;
	struct rules_tree *t = turkistan_tree();
	struct rules_findings f;
	struct rules_visit v[] = {
		visit(1, "610000000", "613600000", ymd(2026, 3, 10), true, RULES_PLANNED),
	};

	assert_int_equal(rules_check_coverage_on(t, "610000000", false, 2026, ymd(2026, 12, 31),
	    v, N(v), &f), 0);
	assert_int_equal(f.n, 5);
	assert_int_equal(f.v[0].status, RULES_COV_OPEN);	/* 611000000 */
	assert_int_equal(f.v[3].status, RULES_COV_PAST);	/* 613600000 */
	rules_findings_free(&f);
	assert_int_equal(rules_check_coverage_on(t, "610000000", false, 2026, ymd(2027, 1, 1),
	    v, N(v), &f), 0);
	assert_int_equal(f.v[0].status, RULES_MISSING);
	assert_int_equal(f.v[3].status, RULES_COV_PAST);
	rules_findings_free(&f);
	rules_tree_free(&t);
}

static void
test_covered_by_mode(void **state)
{
	(void)state;
	assert_true(rules_coverage_covered(RULES_COV_HELD, RULES_MODE_HELD));
	assert_true(rules_coverage_covered(RULES_COV_HELD, RULES_MODE_PLANNED));
	assert_true(rules_coverage_covered(RULES_COV_PLANNED, RULES_MODE_PLANNED));
	assert_false(rules_coverage_covered(RULES_COV_PLANNED, RULES_MODE_HELD));
	/* A past meeting not held never covers, whatever is asked. */
	assert_false(rules_coverage_covered(RULES_COV_PAST, RULES_MODE_PLANNED));
	assert_false(rules_coverage_covered(RULES_COV_OPEN, RULES_MODE_PLANNED));
	assert_false(rules_coverage_covered(RULES_MISSING, RULES_MODE_PLANNED));
}

/* ---- Obligations due -------------------------------------------------------------- */

static struct rules_due_ctx
district_office(const struct rules_tree *t, struct rules_done done[2])
{
	struct rules_due_ctx c;

	/* Every A-4 of the window recorded, so that only what is tested is listed. */
	rules_done_init(&done[0], 2025);
	rules_done_init(&done[1], 2026);
	for (int q = 0; q < 4; q++)
		done[0].quarterly[q] = done[1].quarterly[q] = ymd(2025, 1, 1);
	memset(&c, 0, sizeof c);
	c.office = UNIT_DISTRICT;
	strcpy(c.office_code, "613800000");
	c.tree = t;
	c.done = done;
	c.ndone = 2;
	return c;
}

static void
test_m1_due_for_meetings_past_and_not_held(void **state)
{
	(void)state;
	struct rules_tree *t = turkistan_tree();
	struct rules_done done[2];
	struct rules_due_ctx c = district_office(t, done);
	struct rules_findings f;
	struct rules_visit v[] = {
		visit(1, "613800000", "613833000", ymd(2026, 7, 14), true, RULES_PLANNED),
		/* 366 days ago: out of the year that due looks back. */
		visit(2, "613800000", "613839000", ymd(2025, 7, 14), true, RULES_PLANNED),
		/* 365 days ago: still listed. */
		visit(3, "613800000", "613839000", ymd(2025, 7, 15), true, RULES_ANNOUNCED),
		visit(4, "613800000", "613843000", ymd(2026, 7, 10), true, RULES_CANCELLED),
		/* An okrug akim's, moved to 1 July and not held. */
		visit(5, "613833000", "613833100", ymd(2026, 7, 1), true, RULES_MOVED),
	};

	for (size_t i = 0; i < N(v); i++)
		v[i].announced_on = v[i].date - 20;
	c.visits = v;
	c.nvisits = N(v);
	rules_due(ymd(2026, 7, 15), &c, &f);
	assert_int_equal(f.n, 3);
	assert_string_equal(f.v[0].rule, "M-1");
	assert_int_equal(f.v[0].visit, 3);
	assert_int_equal(f.v[0].status, RULES_OVERDUE);
	assert_int_equal(f.v[0].days, 365);
	assert_int_equal(f.v[0].due, ymd(2025, 7, 15));
	assert_int_equal(f.v[0].issue, -1);
	assert_int_equal(f.v[1].visit, 5);
	assert_int_equal(f.v[1].days, 14);
	assert_string_equal(f.v[1].akim, "613833000");
	assert_string_equal(f.v[1].target, "613833100");
	assert_int_equal(f.v[2].visit, 1);
	assert_int_equal(f.v[2].days, 1);
	assert_string_equal(f.v[2].what, RULES_PAST_NOT_HELD_WHAT);
	rules_findings_free(&f);
	/* On the meeting's own day it is not past: nothing for it. */
	c.nvisits = 1;
	rules_due(ymd(2026, 7, 14), &c, &f);
	assert_int_equal(f.n, 0);
	rules_findings_free(&f);
	rules_tree_free(&t);
}

static void
test_a3_due_issue_and_step_deadlines(void **state)
{
	(void)state;
	struct rules_tree *t = turkistan_tree();
	struct rules_done done[2];
	struct rules_due_ctx c = district_office(t, done);
	struct rules_findings f;
	const struct rules_issue is[] = {
		{ 0, -1, "613833000", ymd(2026, 6, 1) },	/* 44 days ago */
		{ 0, 0, "613833000", ymd(2026, 5, 1) },	/* 75 days ago */
		{ 0, 1, "613833000", ymd(2026, 8, 10) },	/* 26 days left */
		{ 1, -1, "613839000", ymd(2026, 8, 20) },	/* 36 days: beyond 30 */
		{ 2, -1, "613843000", DATE_NONE },	/* no deadline at all */
		{ 2, 0, "613843000", DATE_NONE },	/* a step without one: the issue's stands */
		/* 731 days of 2024 and 2025, 195 of 2026: overdue for long, still owed. */
		{ 3, -1, "613820100", ymd(2024, 1, 1) },
	};
	const struct {
		int issue, step;
		enum rules_status status;
		int days;
		kz_date due;
	} want[] = {
		{ 3, -1, RULES_OVERDUE, 926, ymd(2024, 1, 1) },
		{ 0, 0, RULES_OVERDUE, 75, ymd(2026, 5, 1) },
		{ 0, -1, RULES_OVERDUE, 44, ymd(2026, 6, 1) },
		{ 0, 1, RULES_PENDING, 26, ymd(2026, 8, 10) },
		{ 2, -1, RULES_MISSING, 0, DATE_NONE },
	};

	c.issues = is;
	c.nissues = N(is);
	rules_due(ymd(2026, 7, 15), &c, &f);
	assert_int_equal(f.n, N(want));
	for (size_t i = 0; i < N(want); i++) {
		assert_string_equal(f.v[i].rule, "A-3");
		assert_string_equal(f.v[i].akim, "613800000");
		assert_int_equal(f.v[i].issue, want[i].issue);
		assert_int_equal(f.v[i].step, want[i].step);
		assert_int_equal(f.v[i].status, want[i].status);
		assert_int_equal(f.v[i].days, want[i].days);
		assert_int_equal(f.v[i].due, want[i].due);
		assert_int_equal(f.v[i].visit, -1);
	}
	assert_string_equal(f.v[0].target, "613820100");
	assert_string_equal(f.v[4].target, "613843000");
	rules_findings_free(&f);
	/* With 40 days ahead the issue due on 20 August is listed, pending 36. */
	c.ahead = 40;
	rules_due(ymd(2026, 7, 15), &c, &f);
	assert_int_equal(f.n, N(want) + 1);
	assert_int_equal(f.v[4].issue, 1);
	assert_int_equal(f.v[4].days, 36);
	rules_findings_free(&f);
	rules_tree_free(&t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_c3_states_mid_year),
		cmocka_unit_test(test_c1_year_open_until_its_last_day),
		cmocka_unit_test(test_covered_by_mode),
		cmocka_unit_test(test_m1_due_for_meetings_past_and_not_held),
		cmocka_unit_test(test_a3_due_issue_and_step_deadlines),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
