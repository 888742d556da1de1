#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/date.h"

static void
test_date_round_trip_and_weekday(void **state)
{
	(void)state;
	int y, m, d;
	kz_date t;

	assert_int_equal(date_from_ymd(1970, 1, 1), 0);
	assert_int_equal(date_parse("2024-02-29", &t), 0);
	date_to_ymd(t, &y, &m, &d);
	assert_int_equal(y * 10000 + m * 100 + d, 20240229);
	assert_int_equal(date_parse("2026-02-29", &t), -1);	/* not a leap year */
	assert_int_equal(date_parse("2026-1-01", &t), -1);
	assert_int_equal(date_parse("2026-11-25", &t), 0);
	assert_int_equal(date_weekday(t), 2);			/* a Wednesday */
	assert_int_equal(date_weekday(date_from_ymd(2026, 3, 22)), 6);	/* Sunday */
	assert_int_equal(date_from_ymd(2027, 1, 1) - date_from_ymd(2026, 1, 1), 365);
	assert_int_equal(date_from_ymd(2025, 1, 1) - date_from_ymd(2024, 1, 1), 366);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_date_round_trip_and_weekday),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
