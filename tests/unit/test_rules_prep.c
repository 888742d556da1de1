/*
 * The rules before a meeting (P-1 the commission, P-2 the request pool, P-3 the
 * announcement's channels), against dates worked out by hand. The office is the akim's
 * office of Жетысай district (613800000, Turkistan region); 16 March 2026 is a Monday.
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

#define OFFICE "613800000"

static struct rules_due_ctx
office_ctx(const struct rules_done *done, const struct rules_visit *v, size_t nv)
{
	struct rules_due_ctx c;

	memset(&c, 0, sizeof c);
	c.office = UNIT_DISTRICT;
	strcpy(c.office_code, OFFICE);
	c.done = done;
	c.ndone = 1;
	c.visits = v;
	c.nvisits = nv;
	c.commission = true;
	return c;
}

/* The one finding of rules_check_commission for 2026 on today. */
static struct rules_finding
p1_on(const struct rules_due_ctx *c, kz_date today)
{
	struct rules_findings f = { 0 };
	struct rules_finding got;

	rules_check_commission(2026, today, c, &f);
	assert_int_equal(f.n, 1);
	got = f.v[0];
	assert_string_equal(got.rule, "P-1");
	assert_string_equal(got.akim, OFFICE);
	assert_int_equal(got.year, 2026);
	rules_findings_free(&f);
	return got;
}

static void
test_p1_commission_before_the_first_meeting(void **state)
{
	(void)state;
	struct rules_done done;
	struct rules_visit v[] = {
		/* An okrug akim's meeting comes first, but its commission is its own store's. */
		visit(1, "613833000", "613833100", ymd(2026, 2, 10), true, RULES_HELD),
		visit(2, OFFICE, "613839000", ymd(2026, 6, 1), true, RULES_PLANNED),
		visit(3, OFFICE, "613833000", ymd(2026, 3, 16), true, RULES_PLANNED),
		/* A cancelled meeting needs no commission. */
		visit(4, OFFICE, "613843000", ymd(2026, 3, 2), true, RULES_CANCELLED),
	};
	struct rules_due_ctx c;
	struct rules_finding f;

	rules_done_init(&done, 2026);
	c = office_ctx(&done, v, N(v));
	/* Nobody yet: pending until the first meeting, 16 March, then missing. */
	f = p1_on(&c, ymd(2026, 3, 1));
	assert_int_equal(f.status, RULES_PENDING);
	assert_int_equal(f.due, ymd(2026, 3, 16));
	assert_int_equal(f.days, 15);
	assert_int_equal(f.visit, 3);
	assert_int_equal(f.value, (int)RULES_P1_BOTH);
	assert_non_null(strstr(f.what, "community assembly nor of a public council"));
	f = p1_on(&c, ymd(2026, 3, 16));
	assert_int_equal(f.status, RULES_PENDING);
	assert_int_equal(f.days, 0);
	f = p1_on(&c, ymd(2026, 3, 17));
	assert_int_equal(f.status, RULES_MISSING);
	/* Community assembly members only: the public council is what lacks. */
	done.commission = RULES_P1_COMMUNITY;
	f = p1_on(&c, ymd(2026, 3, 17));
	assert_int_equal(f.status, RULES_MISSING);
	assert_int_equal(f.value, (int)RULES_P1_COUNCIL);
	assert_non_null(strstr(f.what, "no member of a public council"));
	done.commission = RULES_P1_COUNCIL;
	f = p1_on(&c, ymd(2026, 3, 1));
	assert_int_equal(f.value, (int)RULES_P1_COMMUNITY);
	assert_non_null(strstr(f.what, "no member of a community assembly"));
	/* Both bodies: ok, before and after the meeting. */
	done.commission = RULES_P1_BOTH;
	assert_int_equal(p1_on(&c, ymd(2026, 3, 1)).status, RULES_OK);
	assert_int_equal(p1_on(&c, ymd(2026, 12, 31)).status, RULES_OK);
}

static void
test_p1_year_without_meetings_and_the_government(void **state)
{
	(void)state;
	struct rules_done done;
	struct rules_findings f = { 0 };
	struct rules_due_ctx c;
	struct rules_finding got;

	rules_done_init(&done, 2026);
	c = office_ctx(&done, NULL, 0);
	/* No meeting of the akim yet: owed while the year runs, with no date to count to. */
	got = p1_on(&c, ymd(2026, 12, 31));
	assert_int_equal(got.status, RULES_PENDING);
	assert_int_equal(got.due, DATE_NONE);
	assert_int_equal(got.visit, -1);
	got = p1_on(&c, ymd(2027, 1, 1));
	assert_int_equal(got.status, RULES_MISSING);
	/* The Government holds no meetings and no commission. */
	c.government = true;
	rules_check_commission(2026, ymd(2026, 5, 1), &c, &f);
	assert_int_equal(f.n, 0);
	rules_findings_free(&f);
}

/* The P-1 findings of rules_due on today. */
static size_t
p1_due(const struct rules_due_ctx *c, kz_date today, struct rules_finding *first)
{
	struct rules_findings f = { 0 };
	size_t n = 0;

	rules_due(today, c, &f);
	for (size_t i = 0; i < f.n; i++)
		if (strcmp(f.v[i].rule, "P-1") == 0 && n++ == 0)
			*first = f.v[i];
	rules_findings_free(&f);
	return n;
}

static void
test_p1_due_form_the_commission_before_the_meeting(void **state)
{
	(void)state;
	struct rules_done done;
	struct rules_visit v[] = {
		visit(1, OFFICE, "613833000", ymd(2026, 3, 2), true, RULES_HELD),
		visit(2, OFFICE, "613839000", ymd(2026, 3, 16), true, RULES_ANNOUNCED),
		visit(3, OFFICE, "613843000", ymd(2026, 4, 20), true, RULES_PLANNED),
	};
	struct rules_due_ctx c;
	struct rules_finding f;

	rules_done_init(&done, 2026);
	c = office_ctx(&done, v, N(v));
	/* 10 March: the next meeting not held yet is 16 March, once a year. */
	assert_int_equal(p1_due(&c, ymd(2026, 3, 10), &f), 1);
	assert_int_equal(f.status, RULES_PENDING);
	assert_int_equal(f.due, ymd(2026, 3, 16));
	assert_int_equal(f.days, 6);
	assert_int_equal(f.visit, 2);
	assert_string_equal(f.target, "613839000");
	assert_non_null(strstr(f.what, "form the commission before the meeting"));
	/* 17 March: the 20 April meeting is 34 days ahead, beyond the 30 days shown. */
	assert_int_equal(p1_due(&c, ymd(2026, 3, 17), &f), 0);
	assert_int_equal(p1_due(&c, ymd(2026, 3, 21), &f), 1);
	assert_int_equal(f.due, ymd(2026, 4, 20));
	/* Formed with both bodies: nothing owed. One body is not enough. */
	done.commission = RULES_P1_COUNCIL;
	assert_int_equal(p1_due(&c, ymd(2026, 3, 10), &f), 1);
	done.commission = RULES_P1_BOTH;
	assert_int_equal(p1_due(&c, ymd(2026, 3, 10), &f), 0);
	/* A caller that records no commissions asks nothing about them. */
	done.commission = 0;
	c.commission = false;
	assert_int_equal(p1_due(&c, ymd(2026, 3, 10), &f), 0);
}

/* The findings of rules_check_prep of rule for visit id, at most one. */
static const struct rules_finding *
prep_finding(const struct rules_findings *f, int id, const char *rule)
{
	const struct rules_finding *got = NULL;

	for (size_t i = 0; i < f->n; i++)
		if (f->v[i].visit == id && strcmp(f->v[i].rule, rule) == 0) {
			assert_null(got);
			got = &f->v[i];
		}
	return got;
}

static void
test_p2_requests_before_a_held_calendar_meeting(void **state)
{
	(void)state;
	struct rules_findings f = { 0 };
	struct rules_visit v[] = {
		visit(1, OFFICE, "613833000", ymd(2026, 3, 2), true, RULES_HELD),
		visit(2, OFFICE, "613839000", ymd(2026, 3, 3), true, RULES_HELD),
		visit(3, OFFICE, "613843000", ymd(2026, 3, 4), true, RULES_HELD),
		visit(4, OFFICE, "613833000", ymd(2026, 5, 4), true, RULES_PLANNED),
		visit(5, OFFICE, "613833000", ymd(2026, 3, 5), true, RULES_CANCELLED),
	};

	v[1].requests = 3;
	v[2].unscheduled = true;	/* U-1: held at the population's request */
	v[2].has_reason = true;
	v[4].requests = 0;
	rules_check_prep(v, N(v), &f);
	assert_int_equal(prep_finding(&f, 1, "P-2")->status, RULES_MISSING);
	assert_int_equal(prep_finding(&f, 2, "P-2")->status, RULES_OK);
	assert_int_equal(prep_finding(&f, 2, "P-2")->value, 3);
	assert_null(prep_finding(&f, 3, "P-2"));
	assert_null(prep_finding(&f, 4, "P-2"));	/* not held yet */
	assert_null(prep_finding(&f, 5, "P-2"));
	assert_int_equal(f.n, 2);
	rules_findings_free(&f);
}

static void
test_p3_announced_without_channels(void **state)
{
	(void)state;
	struct rules_findings f = { 0 };
	struct rules_visit v[] = {
		visit(1, OFFICE, "613833000", ymd(2026, 3, 16), true, RULES_ANNOUNCED),
		visit(2, OFFICE, "613839000", ymd(2026, 3, 16), true, RULES_ANNOUNCED),
		visit(3, OFFICE, "613843000", ymd(2026, 3, 16), true, RULES_PLANNED),
		visit(4, OFFICE, "613843000", ymd(2026, 3, 17), true, RULES_CANCELLED),
	};

	v[0].announced_on = ymd(2026, 3, 2);
	v[1].announced_on = ymd(2026, 3, 2);
	v[1].channels_recorded = true;
	v[3].announced_on = ymd(2026, 3, 2);
	rules_check_prep(v, N(v), &f);
	assert_int_equal(prep_finding(&f, 1, "P-3")->status, RULES_MISSING);
	assert_int_equal(prep_finding(&f, 2, "P-3")->status, RULES_OK);
	assert_null(prep_finding(&f, 3, "P-3"));	/* not announced: P-4's matter */
	assert_null(prep_finding(&f, 4, "P-3"));	/* cancelled */
	assert_int_equal(f.n, 2);
	rules_findings_free(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_p1_commission_before_the_first_meeting),
		cmocka_unit_test(test_p1_year_without_meetings_and_the_government),
		cmocka_unit_test(test_p1_due_form_the_commission_before_the_meeting),
		cmocka_unit_test(test_p2_requests_before_a_held_calendar_meeting),
		cmocka_unit_test(test_p3_announced_without_channels),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
