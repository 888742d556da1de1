/* util/clock: KEZDESU_NOW timestamps, read without core/ (util/ sits below it). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>

#include "core/date.h"
#include "util/clock.h"

/* Every day from year 0 to 2400 gives the day core/date.c counts, at midnight UTC. */
static void
test_clock_parse_agrees_with_date(void **state)
{
	char s[32];
	int64_t ms;
	int y, m, d;

	(void)state;
	for (kz_date t = date_from_ymd(0, 1, 1); t <= date_from_ymd(2400, 12, 31); t++) {
		date_to_ymd(t, &y, &m, &d);
		snprintf(s, sizeof s, "%04d-%02d-%02d", y, m, d);
		assert_int_equal(clock_parse(s, &ms), 0);
		assert_int_equal(ms, (int64_t)t * 86400000);
	}
}

static void
test_clock_parse_times_and_refusals(void **state)
{
	int64_t ms;

	(void)state;
	assert_int_equal(clock_parse("2026-11-25T09:30", &ms), 0);
	assert_int_equal(ms, ((int64_t)date_from_ymd(2026, 11, 25) * 86400 + 9 * 3600 + 1800) * 1000);
	assert_int_equal(clock_parse("2026-11-25 23:59:58Z", &ms), 0);
	assert_int_equal(ms, ((int64_t)date_from_ymd(2026, 11, 25) * 86400 + 86398) * 1000);
	assert_int_equal(clock_parse("2024-02-29", &ms), 0);
	assert_int_equal(clock_parse("2026-02-29", &ms), -1);	/* not a leap year */
	assert_int_equal(clock_parse("1900-02-29", &ms), -1);
	assert_int_equal(clock_parse("2000-02-29", &ms), 0);
	assert_int_equal(clock_parse("2026-04-31", &ms), -1);
	assert_int_equal(clock_parse("2026-13-01", &ms), -1);
	assert_int_equal(clock_parse("2026-00-01", &ms), -1);
	assert_int_equal(clock_parse("2026-1-011", &ms), -1);
	assert_int_equal(clock_parse("2026+01-01", &ms), -1);
	assert_int_equal(clock_parse("2026-01-01T24:00", &ms), -1);
	assert_int_equal(clock_parse("2026-01-01x", &ms), -1);
	assert_int_equal(clock_parse("2026-01", &ms), -1);
}

/* An offset from UTC: Kazakhstan's 10:00 (+05:00) is 05:00 UTC. */
static void
test_clock_parse_offsets(void **state)
{
	int64_t ms, utc;

	(void)state;
	assert_int_equal(clock_parse("2026-12-01T05:00", &utc), 0);
	assert_int_equal(clock_parse("2026-12-01T10:00:00+05:00", &ms), 0);
	assert_int_equal(ms, utc);
	assert_int_equal(clock_parse("2026-12-01T02:00-03:00", &ms), 0);
	assert_int_equal(ms, utc);
	assert_int_equal(clock_parse("2026-12-01T05:00Z", &ms), 0);
	assert_int_equal(ms, utc);
	assert_int_equal(clock_parse("2026-12-01T10:00+5:00", &ms), -1);
	assert_int_equal(clock_parse("2026-12-01T10:00+15:00", &ms), -1);
	assert_int_equal(clock_parse("2026-12-01T10:00+05:60", &ms), -1);
	assert_int_equal(clock_parse("2026-12-01T10:00+05:00x", &ms), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_clock_parse_agrees_with_date),
		cmocka_unit_test(test_clock_parse_times_and_refusals),
		cmocka_unit_test(test_clock_parse_offsets),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
