/*
 * The rules about one meeting (U-1, P-4, T-1, M-2, A-3) and the obligations due on a date
 * (K-1, K-3, G-1, G-2, A-4, P-4, A-3), against dates worked out by hand. Weekdays of 2026
 * used here: 2 Mar Mon, 16 Mar Mon, 25 Apr Sat, 25 Oct Sun.
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

/* ---- One visit -------------------------------------------------------------------- */

static void
test_p4_announced_14_and_7_days_before(void **state)
{
	(void)state;
	struct rules_tree *t = turkistan_tree();
	struct rules_findings f;
	struct rules_visit v[] = {
		/* District akim, meeting on Monday 16 March 2026. */
		visit(1, "613800000", "613833000", ymd(2026, 3, 16), true, RULES_ANNOUNCED),
		visit(2, "613800000", "613833000", ymd(2026, 3, 16), true, RULES_ANNOUNCED),
		/* Okrug akim, same day. */
		visit(3, "613833000", "613833100", ymd(2026, 3, 16), true, RULES_ANNOUNCED),
		visit(4, "613833000", "613833100", ymd(2026, 3, 16), true, RULES_ANNOUNCED),
	};
	const struct want_visit want[] = {
		{ 1, "P-4", RULES_OK, 0 },		/* 2 March: 14 days */
		{ 2, "P-4", RULES_LATE, 1 },		/* 3 March: 13 days */
		{ 3, "P-4", RULES_OK, 0 },		/* 9 March: 7 days */
		{ 4, "P-4", RULES_LATE, 1 },		/* 10 March: 6 days */
	};

	v[0].announced_on = ymd(2026, 3, 2);
	v[1].announced_on = ymd(2026, 3, 3);
	v[2].announced_on = ymd(2026, 3, 9);
	v[3].announced_on = ymd(2026, 3, 10);
	rules_check_visits(t, v, N(v), ymd(2026, 3, 12), &f);
	assert_visit_findings(&f, want, N(want));
	assert_int_equal(f.v[0].due, ymd(2026, 3, 2));
	assert_int_equal(f.v[2].due, ymd(2026, 3, 9));
	assert_string_equal(f.v[0].what, "announce the meeting 14 days before it");
	rules_findings_free(&f);
	rules_tree_free(&t);
}

static void
test_p4_not_announced_pending_overdue_missing(void **state)
{
	(void)state;
	struct rules_tree *t = turkistan_tree();
	struct rules_findings f;
	struct rules_visit v[] = {
		visit(1, "613800000", "613833000", ymd(2026, 3, 16), true, RULES_PLANNED),
	};
	const struct want_visit pending[] = { { 1, "P-4", RULES_PENDING, 1 } };
	const struct want_visit today[] = { { 1, "P-4", RULES_PENDING, 0 } };
	const struct want_visit overdue[] = { { 1, "P-4", RULES_OVERDUE, 3 } };
	const struct want_visit missing[] = { { 1, "P-4", RULES_MISSING, 0 } };
	const struct want_visit on_the_day[] = { { 1, "P-4", RULES_OVERDUE, 14 } };
	/* The day after: never announced, and its date passed still planned (M-1). */
	const struct want_visit past[] = {
		{ 1, "M-1", RULES_OVERDUE, 1 },
		{ 1, "P-4", RULES_MISSING, 0 },
	};

	rules_check_visits(t, v, N(v), ymd(2026, 3, 1), &f);
	assert_visit_findings(&f, pending, 1);
	rules_findings_free(&f);
	rules_check_visits(t, v, N(v), ymd(2026, 3, 2), &f);
	assert_visit_findings(&f, today, 1);
	rules_findings_free(&f);
	rules_check_visits(t, v, N(v), ymd(2026, 3, 5), &f);
	assert_visit_findings(&f, overdue, 1);
	rules_findings_free(&f);
	rules_check_visits(t, v, N(v), ymd(2026, 3, 16), &f);
	assert_visit_findings(&f, on_the_day, 1);	/* on its day: no M-1 yet */
	rules_findings_free(&f);
	rules_check_visits(t, v, N(v), ymd(2026, 3, 17), &f);
	assert_visit_findings(&f, past, N(past));
	rules_findings_free(&f);
	/* Marked announced, but on which day is not recorded. */
	v[0].status = RULES_ANNOUNCED;
	rules_check_visits(t, v, N(v), ymd(2026, 3, 1), &f);
	assert_visit_findings(&f, missing, 1);
	rules_findings_free(&f);
	/* Cancelled: nothing at all. */
	v[0].status = RULES_CANCELLED;
	rules_check_visits(t, v, N(v), ymd(2026, 3, 5), &f);
	assert_int_equal(f.n, 0);
	rules_findings_free(&f);
	rules_tree_free(&t);
}

static void
test_a3_published_on_day_10_and_11(void **state)
{
	(void)state;
	struct rules_tree *t = turkistan_tree();
	struct rules_findings f;
	struct rules_visit v[5];
	const struct want_visit want[] = {
		{ 1, "A-3", RULES_OK, 0 },		/* 11 April: day 10 */
		{ 2, "A-3", RULES_LATE, 1 },		/* 12 April: day 11 */
		{ 3, "A-3", RULES_OK, 0 },		/* receptions to 3 April: due 13 */
		{ 4, "A-3", RULES_PENDING, 0 },		/* not yet, due today */
		{ 5, "A-3", RULES_PENDING, 2 },		/* receptions to 3 April */
	};
	const struct want_visit later[] = {
		{ 4, "A-3", RULES_OVERDUE, 1 },
		{ 5, "A-3", RULES_PENDING, 1 },
	};

	for (int i = 0; i < 5; i++) {
		v[i] = visit(i + 1, "613800000", "613833000", ymd(2026, 4, 1), true,
		    RULES_HELD);
		v[i].announced_on = ymd(2026, 3, 18);
		v[i].planned_min = 120;
		v[i].report_min = 30;
		v[i].attendance_recorded = true;
	}
	v[0].published_on = ymd(2026, 4, 11);
	v[1].published_on = ymd(2026, 4, 12);
	v[2].receptions_end = ymd(2026, 4, 3);
	v[2].published_on = ymd(2026, 4, 13);
	v[4].receptions_end = ymd(2026, 4, 3);
	rules_check_visits(t, v, N(v), ymd(2026, 4, 11), &f);
	/* Each held visit: P-4, T-1, M-2, A-3. */
	assert_int_equal(f.n, 5 * 4);
	for (size_t i = 0; i < 5; i++) {
		assert_string_equal(f.v[4 * i].rule, "P-4");
		assert_int_equal(f.v[4 * i].status, RULES_OK);
		assert_string_equal(f.v[4 * i + 1].rule, "T-1");
		assert_int_equal(f.v[4 * i + 1].status, RULES_OK);
		assert_string_equal(f.v[4 * i + 2].rule, "M-2");
		assert_int_equal(f.v[4 * i + 2].status, RULES_OK);
		assert_int_equal(f.v[4 * i + 3].visit, want[i].visit);
		assert_string_equal(f.v[4 * i + 3].rule, want[i].rule);
		assert_int_equal(f.v[4 * i + 3].status, want[i].status);
		assert_int_equal(f.v[4 * i + 3].days, want[i].days);
	}
	assert_int_equal(f.v[3].due, ymd(2026, 4, 11));
	assert_int_equal(f.v[11].due, ymd(2026, 4, 13));
	rules_findings_free(&f);
	rules_check_visits(t, v + 3, 2, ymd(2026, 4, 12), &f);
	assert_int_equal(f.n, 8);
	assert_int_equal(f.v[3].status, later[0].status);
	assert_int_equal(f.v[3].days, later[0].days);
	assert_int_equal(f.v[7].status, later[1].status);
	assert_int_equal(f.v[7].days, later[1].days);
	rules_findings_free(&f);
	rules_tree_free(&t);
}

static void
test_t1_report_a_quarter_of_planned_time(void **state)
{
	(void)state;
	struct rules_findings f;
	struct rules_visit v[6];
	const int planned[] = { 60, 60, 90, 90, 0, 60 };
	const int report[] = { 15, 16, 22, 23, 10, -1 };
	const enum rules_status want[] = {
		RULES_OK,	/* exactly 25% */
		RULES_OVER,	/* 16 of 60 */
		RULES_OK,	/* 22 of 90: 24.4% */
		RULES_OVER,	/* 23 of 90: 25.6% */
		RULES_MISSING,	/* planned time unknown */
		RULES_MISSING,	/* report time unknown */
	};

	for (int i = 0; i < 6; i++) {
		v[i] = visit(i, "613800000", "613833000", ymd(2026, 4, 1), true, RULES_HELD);
		v[i].unscheduled = true;	/* no P-4: T-1 is the second finding */
		v[i].has_reason = true;
		v[i].planned_min = planned[i];
		v[i].report_min = report[i];
		v[i].attendance_recorded = true;
		v[i].published_on = ymd(2026, 4, 2);
	}
	/* Without a tree P-4 is not checked at all. */
	rules_check_visits(NULL, v, 6, ymd(2026, 4, 5), &f);
	assert_int_equal(f.n, 6 * 4);
	for (int i = 0; i < 6; i++) {
		assert_string_equal(f.v[4 * i].rule, "U-1");
		assert_int_equal(f.v[4 * i].status, RULES_OK);
		assert_string_equal(f.v[4 * i + 1].rule, "T-1");
		assert_int_equal(f.v[4 * i + 1].status, want[i]);
		assert_int_equal(f.v[4 * i + 1].value, report[i]);
		assert_int_equal(f.v[4 * i + 1].limit, planned[i]);
	}
	rules_findings_free(&f);
}

static void
test_u1_m2_reason_and_attendance(void **state)
{
	(void)state;
	struct rules_tree *t = turkistan_tree();
	struct rules_findings f;
	struct rules_visit v[] = {
		visit(1, "613833000", "613833100", ymd(2026, 4, 1), true, RULES_PLANNED),
		visit(2, "613833000", "613833100", ymd(2026, 4, 1), true, RULES_HELD),
	};
	const struct want_visit want[] = {
		{ 1, "M-1", RULES_OVERDUE, 5 },		/* 1 April, still planned on the 6th */
		{ 1, "U-1", RULES_MISSING, 0 },
		{ 2, "U-1", RULES_OK, 0 },
		{ 2, "T-1", RULES_OK, 0 },
		{ 2, "M-2", RULES_MISSING, 0 },
		{ 2, "A-3", RULES_PENDING, 5 },
	};

	v[0].unscheduled = true;
	v[1].unscheduled = true;
	v[1].has_reason = true;
	v[1].planned_min = 60;
	v[1].report_min = 10;
	rules_check_visits(t, v, N(v), ymd(2026, 4, 6), &f);
	assert_visit_findings(&f, want, N(want));
	rules_findings_free(&f);
	rules_tree_free(&t);
}

/*
 * M-2: a held meeting whose recorded attendance has no maslikhat deputy, party, public
 * organisation or opposition, and that invited none of them, gets a second M-2 finding,
 * missing; one that had any of them, or invited any, or has no attendance recorded (the
 * first finding says so), gets none.
 */
static void
test_m2_broad_audience(void **state)
{
	(void)state;
	struct rules_tree *t = turkistan_tree();
	struct rules_findings f;
	struct rules_visit v[] = {
		visit(1, "613833000", "613833100", ymd(2026, 4, 1), true, RULES_HELD),
		visit(2, "613833000", "613833100", ymd(2026, 4, 2), true, RULES_HELD),
		visit(3, "613833000", "613833100", ymd(2026, 4, 10), true, RULES_PLANNED),
		visit(4, "613833000", "613833100", ymd(2026, 4, 3), true, RULES_HELD),
	};
	const struct want_visit want[] = {
		{ 1, "U-1", RULES_OK, 0 },
		{ 1, "T-1", RULES_OK, 0 },
		{ 1, "M-2", RULES_OK, 0 },
		{ 1, "M-2", RULES_MISSING, 0 },
		{ 1, "A-3", RULES_PENDING, 5 },
		{ 2, "U-1", RULES_OK, 0 },
		{ 2, "T-1", RULES_OK, 0 },
		{ 2, "M-2", RULES_OK, 0 },
		{ 2, "A-3", RULES_PENDING, 6 },
		{ 3, "U-1", RULES_OK, 0 },
		{ 4, "U-1", RULES_OK, 0 },
		{ 4, "T-1", RULES_OK, 0 },
		{ 4, "M-2", RULES_OK, 0 },
		{ 4, "A-3", RULES_PENDING, 7 },
	};

	for (size_t i = 0; i < N(v); i++) {
		v[i].unscheduled = true;
		v[i].has_reason = true;
		v[i].planned_min = 60;
		v[i].report_min = 10;
		v[i].attendance_recorded = true;
	}
	v[0].no_broad_audience = true;
	/* A meeting not held yet owes no attendance: no M-2 at all. */
	v[2].no_broad_audience = true;
	/* None of the four came, but the office invited them: no notice (M-2). */
	v[3].no_broad_audience = true;
	v[3].broad_invited = true;
	rules_check_visits(t, v, N(v), ymd(2026, 4, 6), &f);
	assert_visit_findings(&f, want, N(want));
	assert_non_null(strstr(f.v[3].what, "opposition neither invited nor present"));
	rules_findings_free(&f);
	rules_tree_free(&t);
}

/* ---- Deadlines due ---------------------------------------------------------------- */

struct want_due {
	const char		*rule;
	kz_date			 due;
	enum rules_status	 status;
	int			 days;
	int			 year, quarter, visit;
};

static void
assert_due(const struct rules_findings *f, const struct want_due *w, size_t n)
{
	assert_int_equal(f->n, n);
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(f->v[i].rule, w[i].rule);
		assert_int_equal(f->v[i].due, w[i].due);
		assert_int_equal(f->v[i].status, w[i].status);
		assert_int_equal(f->v[i].days, w[i].days);
		assert_int_equal(f->v[i].year, w[i].year);
		assert_int_equal(f->v[i].quarter, w[i].quarter);
		assert_int_equal(f->v[i].visit, w[i].visit);
	}
}

static struct rules_due_ctx
region_office(const struct rules_done *done, size_t ndone)
{
	struct rules_due_ctx c;

	memset(&c, 0, sizeof c);
	c.office = UNIT_REGION;
	strcpy(c.office_code, "610000000");
	c.done = done;
	c.ndone = ndone;
	return c;
}

static void
test_due_k1_k3_in_january(void **state)
{
	(void)state;
	struct rules_done done[3];
	struct rules_due_ctx c;
	struct rules_findings f;
	const struct want_due want[] = {
		/* K-1, K-3: «до 15 января», «до 20 января», strict: 14 and 19 January. */
		{ "K-1", ymd(2026, 1, 14), RULES_PENDING, 4, 2026, 0, -1 },
		{ "K-1", ymd(2026, 1, 14), RULES_PENDING, 4, 2026, 0, -1 },
		{ "K-3", ymd(2026, 1, 19), RULES_PENDING, 9, 2026, 0, -1 },
		{ "A-4", ymd(2026, 1, 25), RULES_PENDING, 15, 2025, 4, -1 },
	};

	/*
	 * 10 January 2026: everything of the last 365 days done (the 2024 Q4 report in
	 * January 2025, 2025's calendar and three quarters), nothing yet of 2026.
	 */
	rules_done_init(&done[0], 2024);
	done[0].quarterly[3] = ymd(2025, 1, 24);
	rules_done_init(&done[1], 2025);
	done[1].approved = done[1].notified = ymd(2025, 1, 10);
	done[1].submitted = ymd(2025, 1, 18);
	for (int q = 0; q < 3; q++)
		done[1].quarterly[q] = ymd(2025, 3 * q + 4, 20);
	rules_done_init(&done[2], 2026);
	c = region_office(done, 3);
	rules_due(ymd(2026, 1, 10), &c, &f);
	assert_due(&f, want, N(want));
	assert_string_equal(f.v[0].what, "approve the annual calendar of meetings");
	assert_string_equal(f.v[1].what, "notify the maslikhat of the calendar");
	assert_string_equal(f.v[0].akim, "610000000");
	rules_findings_free(&f);

	/* On 21 January with approval and notice done: K-3 two days late, A-4 ahead. */
	done[2].approved = ymd(2026, 1, 13);
	done[2].notified = ymd(2026, 1, 14);
	rules_due(ymd(2026, 1, 21), &c, &f);
	assert_int_equal(f.n, 2);
	assert_string_equal(f.v[0].rule, "K-3");
	assert_int_equal(f.v[0].status, RULES_OVERDUE);
	assert_int_equal(f.v[0].days, 2);
	assert_string_equal(f.v[1].rule, "A-4");
	rules_findings_free(&f);

	/* A district office has no K-1 or K-3. */
	c.office = UNIT_DISTRICT;
	rules_due(ymd(2026, 1, 10), &c, &f);
	assert_int_equal(f.n, 1);
	assert_string_equal(f.v[0].rule, "A-4");
	rules_findings_free(&f);
}

static void
test_due_quarterly_on_the_25th_even_on_a_weekend(void **state)
{
	(void)state;
	struct rules_tree *t = turkistan_tree();
	struct rules_done done[2];
	struct rules_due_ctx c;
	struct rules_findings f;
	struct rules_visit v[] = {
		/* District meeting on Tuesday 5 May: notice due 21 April. */
		visit(1, "613800000", "613833000", ymd(2026, 5, 5), true, RULES_PLANNED),
		/* Held 10 April, not published: due 20 April. */
		visit(2, "613800000", "613839000", ymd(2026, 4, 10), true, RULES_HELD),
		/* Already announced, and one cancelled: nothing. */
		visit(3, "613800000", "613843000", ymd(2026, 5, 6), true, RULES_ANNOUNCED),
		visit(4, "613800000", "613843000", ymd(2026, 5, 7), true, RULES_CANCELLED),
		/* Far ahead: outside the 30 days. */
		visit(5, "613800000", "613843000", ymd(2026, 9, 7), true, RULES_PLANNED),
	};
	const struct want_due want[] = {
		{ "A-3", ymd(2026, 4, 20), RULES_PENDING, 0, 2026, 0, 2 },
		/* No reception recorded after it: A-1 by the same day. */
		{ "A-1", ymd(2026, 4, 20), RULES_PENDING, 0, 2026, 0, 2 },
		{ "P-4", ymd(2026, 4, 21), RULES_PENDING, 1, 2026, 0, 1 },
		/* 25 April 2026 is a Saturday: still the 25th. */
		{ "A-4", ymd(2026, 4, 25), RULES_PENDING, 5, 2026, 1, -1 },
	};
	const struct want_due autumn[] = {
		/* 25 October 2026 is a Sunday. */
		{ "A-4", ymd(2026, 10, 25), RULES_PENDING, 5, 2026, 3, -1 },
	};

	rules_done_init(&done[0], 2025);
	for (int q = 0; q < 4; q++)
		done[0].quarterly[q] = ymd(2025 + (q == 3), q == 3 ? 1 : 3 * q + 4, 24);
	rules_done_init(&done[1], 2026);
	done[1].approved = done[1].notified = ymd(2026, 1, 12);
	done[1].submitted = ymd(2026, 1, 19);
	v[2].announced_on = ymd(2026, 4, 1);
	c = region_office(done, 2);
	c.office = UNIT_DISTRICT;
	strcpy(c.office_code, "613800000");
	c.tree = t;
	c.visits = v;
	c.nvisits = N(v);
	rules_due(ymd(2026, 4, 20), &c, &f);
	assert_due(&f, want, N(want));
	assert_string_equal(f.v[0].akim, "613800000");
	assert_string_equal(f.v[0].target, "613839000");
	rules_findings_free(&f);

	done[1].quarterly[0] = ymd(2026, 4, 24);
	done[1].quarterly[1] = ymd(2026, 7, 24);
	c.nvisits = 0;
	rules_due(ymd(2026, 10, 20), &c, &f);
	assert_due(&f, autumn, N(autumn));
	rules_findings_free(&f);
	rules_tree_free(&t);
}

/*
 * G-1 and G-2 in the Government's store. G-1 of year Y: the calendars of Y by 1 February
 * of Y. G-2 of reporting year Y: the lists collected by 15 February and 15 August of Y + 1,
 * labelled Y (RULES.md, G-2's interpretation), recorded in the calendar of Y.
 */
/*
 * A step done late leaves a trace (issue 7). 2026: approved 12 January, the maslikhat
 * notified 15 January (K-1 by the 14th: 1 day late), submitted 21 January (K-3 by the
 * 19th: 2 days late), Q1 published 24 April (on time). On 22 January due lists K-1's
 * notice and K-3 as LATE; check lists every deadline of the year with its status.
 */
static void
test_done_late_is_listed(void **state)
{
	(void)state;
	struct rules_done done[3];
	struct rules_due_ctx c;
	struct rules_findings f;
	const struct want_due due22[] = {
		{ "K-1", ymd(2026, 1, 14), RULES_LATE, 1, 2026, 0, -1 },
		{ "K-3", ymd(2026, 1, 19), RULES_LATE, 2, 2026, 0, -1 },
		{ "A-4", ymd(2026, 1, 25), RULES_PENDING, 3, 2025, 4, -1 },
	};
	const struct want_due check[] = {
		{ "K-1", ymd(2026, 1, 14), RULES_OK, 0, 2026, 0, -1 },
		{ "K-1", ymd(2026, 1, 14), RULES_LATE, 1, 2026, 0, -1 },
		{ "K-3", ymd(2026, 1, 19), RULES_LATE, 2, 2026, 0, -1 },
		{ "A-4", ymd(2026, 4, 25), RULES_OK, 0, 2026, 1, -1 },
		/* 1 August: Q2 by 25 July not recorded, 7 days overdue. */
		{ "A-4", ymd(2026, 7, 25), RULES_OVERDUE, 7, 2026, 2, -1 },
		{ "A-4", ymd(2026, 10, 25), RULES_PENDING, 85, 2026, 3, -1 },
		{ "A-4", ymd(2027, 1, 25), RULES_PENDING, 177, 2026, 4, -1 },
	};

	/* The year before on time: Q4 2024 and Q1..Q3 2025 published on the 20th. */
	rules_done_init(&done[0], 2024);
	done[0].quarterly[3] = ymd(2025, 1, 20);
	rules_done_init(&done[1], 2025);
	for (int q = 0; q < 3; q++)
		done[1].quarterly[q] = ymd(2025, 3 * q + 4, 20);
	rules_done_init(&done[2], 2026);
	done[2].approved = ymd(2026, 1, 12);
	done[2].notified = ymd(2026, 1, 15);
	done[2].submitted = ymd(2026, 1, 21);
	done[2].quarterly[0] = ymd(2026, 4, 24);
	c = region_office(done, 3);
	rules_due(ymd(2026, 1, 22), &c, &f);
	assert_due(&f, due22, N(due22));
	rules_findings_free(&f);
	rules_check_dated(2026, ymd(2026, 8, 1), &c, &f);
	assert_due(&f, check, N(check));
	assert_string_equal(f.v[0].what, "approve the annual calendar of meetings");
	rules_findings_free(&f);
}

/*
 * K-2: revision 1 of 2026 made on 2 March and never notified, revision 2 on 10 March
 * notified on the 11th. On 5 March due lists revision 1's notice 3 days overdue (owed
 * from its day); check of 2026 on 20 March: revision 1 overdue 18, revision 2 ok.
 */
static void
test_due_k2_revision_not_notified(void **state)
{
	(void)state;
	const struct rules_revision rev[] = {
		{ 2026, 1, ymd(2026, 3, 2), DATE_NONE },
		{ 2026, 2, ymd(2026, 3, 10), ymd(2026, 3, 11) },
	};
	struct rules_done done[1];
	struct rules_due_ctx c;
	struct rules_findings f;

	rules_done_init(&done[0], 2026);
	c = region_office(done, 1);
	/* No K-1, K-3; A-4 of Q1..Q4 2025, none recorded, fall due before 2 March 2026. */
	c.office = UNIT_DISTRICT;
	c.revisions = rev;
	c.nrevisions = 2;
	rules_due(ymd(2026, 3, 5), &c, &f);
	assert_int_equal(f.n, 5);
	assert_string_equal(f.v[3].rule, "A-4");
	assert_string_equal(f.v[4].rule, "K-2");
	assert_int_equal(f.v[4].due, ymd(2026, 3, 2));
	assert_int_equal(f.v[4].status, RULES_OVERDUE);
	assert_int_equal(f.v[4].days, 3);
	assert_int_equal(f.v[4].step, 1);
	rules_findings_free(&f);
	rules_check_dated(2026, ymd(2026, 3, 20), &c, &f);
	assert_int_equal(f.n, 4 + 2);
	assert_string_equal(f.v[4].rule, "K-2");
	assert_int_equal(f.v[4].status, RULES_OVERDUE);
	assert_int_equal(f.v[4].days, 18);
	assert_int_equal(f.v[5].status, RULES_OK);
	assert_int_equal(f.v[5].step, 2);
	rules_findings_free(&f);
}

/*
 * The years of struct rules_done rules_due reads: on 10 January 2027 the window starts
 * on 10 January 2026, and A-4 of Q4 2025 falls due on 25 January 2026, inside it; G-2
 * of reporting year 2025 falls due in 2026 too. A caller loading fewer years made Q4
 * 2025, recorded as published, overdue again after New Year.
 */
static void
test_due_years_reach_the_quarter_before_new_year(void **state)
{
	(void)state;
	int y0, y1;

	rules_due_years(ymd(2027, 1, 10), 0, &y0, &y1);
	assert_int_equal(y0, 2025);
	assert_int_equal(y1, 2027);
	rules_due_years(ymd(2027, 12, 10), 30, &y0, &y1);
	assert_int_equal(y0, 2025);
	assert_int_equal(y1, 2028);
}

static void
test_due_government_g1_g2(void **state)
{
	(void)state;
	struct rules_done done[3];
	struct rules_due_ctx c;
	struct rules_findings f;
	const struct want_due want[] = {
		/* «до 1 февраля», «до 15 февраля»: strict, 31 January and 14 February. */
		{ "G-1", ymd(2026, 1, 31), RULES_OVERDUE, 10, 2026, 0, -1 },
		{ "G-2", ymd(2026, 2, 14), RULES_PENDING, 4, 2025, 0, -1 },
	};
	const struct want_due august[] = {
		{ "G-2", ymd(2026, 8, 14), RULES_PENDING, 29, 2025, 0, -1 },
	};
	/* 2027-01-05 is 144 days after 2026-08-14 and 26 before 2027-01-31. */
	const struct want_due january[] = {
		{ "G-2", ymd(2026, 8, 14), RULES_OVERDUE, 144, 2025, 0, -1 },
		{ "G-1", ymd(2027, 1, 31), RULES_PENDING, 26, 2027, 0, -1 },
	};

	/* The lists of reporting year 2024 were collected in 2025, 2025's calendars forwarded. */
	rules_done_init(&done[0], 2024);
	done[0].collected[0] = ymd(2025, 2, 14);
	done[0].collected[1] = ymd(2025, 8, 14);
	rules_done_init(&done[1], 2025);
	done[1].forwarded = ymd(2025, 1, 30);
	rules_done_init(&done[2], 2026);
	memset(&c, 0, sizeof c);
	c.office = UNIT_GOVERNMENT;
	c.government = true;
	c.done = done;
	c.ndone = 3;
	rules_due(ymd(2026, 2, 10), &c, &f);
	assert_due(&f, want, N(want));
	assert_string_equal(f.v[0].akim, "");
	rules_findings_free(&f);

	done[2].forwarded = ymd(2026, 1, 30);
	done[1].collected[0] = ymd(2026, 2, 13);
	rules_due(ymd(2026, 7, 16), &c, &f);
	assert_due(&f, august, N(august));
	rules_findings_free(&f);
	rules_due(ymd(2026, 7, 14), &c, &f);
	assert_int_equal(f.n, 0);	/* 31 days ahead */
	rules_findings_free(&f);

	/* A G-2 of the reporting year before the window's first year is still seen. */
	rules_due(ymd(2027, 1, 5), &c, &f);
	assert_due(&f, january, N(january));
	rules_findings_free(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_p4_announced_14_and_7_days_before),
		cmocka_unit_test(test_p4_not_announced_pending_overdue_missing),
		cmocka_unit_test(test_a3_published_on_day_10_and_11),
		cmocka_unit_test(test_t1_report_a_quarter_of_planned_time),
		cmocka_unit_test(test_u1_m2_reason_and_attendance),
		cmocka_unit_test(test_m2_broad_audience),
		cmocka_unit_test(test_due_k1_k3_in_january),
		cmocka_unit_test(test_due_quarterly_on_the_25th_even_on_a_weekend),
		cmocka_unit_test(test_due_years_reach_the_quarter_before_new_year),
		cmocka_unit_test(test_done_late_is_listed),
		cmocka_unit_test(test_due_k2_revision_not_notified),
		cmocka_unit_test(test_due_government_g1_g2),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
