/*
 * Working days of Kazakhstan, against calendars worked out by hand from the Law "On
 * holidays" (weekend holidays move to the next working day, religious ones do not) and
 * the production calendars published for past years.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/date.h"
#include "core/dayoff.h"
#include "core/holidays.h"

static bool
working(int y, int m, int d)
{
	return holidays_is_working_day(date_from_ymd(y, m, d), NULL);
}

static void
test_holidays_fixed_days_2026(void **state)
{
	(void)state;
	assert_false(working(2026, 1, 1));	/* Thursday, New Year */
	assert_false(working(2026, 1, 2));	/* Friday */
	assert_false(working(2026, 1, 3));	/* Saturday */
	assert_true(working(2026, 1, 5));	/* Monday */
	assert_false(working(2026, 1, 7));	/* Wednesday, Orthodox Christmas */
	assert_true(working(2026, 1, 8));
	assert_false(working(2026, 5, 1));	/* Friday, Unity Day */
	assert_false(working(2026, 5, 7));	/* Thursday, Defender of the Fatherland */
	assert_false(working(2026, 7, 6));	/* Monday, Capital Day */
	assert_false(working(2026, 12, 16));	/* Wednesday, Independence Day */
	assert_true(working(2026, 12, 17));	/* one day only since 2022 */
	assert_true(working(2026, 12, 1));	/* First President's Day abolished in 2022 */
	assert_true(working(2026, 6, 30));	/* Tuesday */
	assert_true(working(2026, 7, 1));	/* Wednesday */
	assert_true(working(2026, 12, 31));	/* Thursday */
	assert_string_equal(holidays_name(date_from_ymd(2026, 3, 22)), "Nauryz");
	assert_string_equal(holidays_name(date_from_ymd(2026, 10, 25)), "Republic Day");
	assert_null(holidays_name(date_from_ymd(2026, 3, 24)));
	assert_null(holidays_name(DATE_NONE));
}

static void
test_holidays_weekend_holiday_moves_2026(void **state)
{
	(void)state;
	/* 8 March is a Sunday: Monday 9 March is off, Tuesday works. */
	assert_false(working(2026, 3, 9));
	assert_true(working(2026, 3, 10));
	assert_int_equal(holidays_moved_from(date_from_ymd(2026, 3, 9)),
	    date_from_ymd(2026, 3, 8));
	/* Nauryz: 21 Sat, 22 Sun, 23 Mon holiday; the two weekend days move to 24, 25. */
	assert_false(working(2026, 3, 23));
	assert_false(working(2026, 3, 24));
	assert_false(working(2026, 3, 25));
	assert_true(working(2026, 3, 26));
	assert_int_equal(holidays_moved_from(date_from_ymd(2026, 3, 24)),
	    date_from_ymd(2026, 3, 21));
	assert_int_equal(holidays_moved_from(date_from_ymd(2026, 3, 25)),
	    date_from_ymd(2026, 3, 22));
	/* Victory Day on Saturday 9 May: Monday 11 May off. */
	assert_false(working(2026, 5, 11));
	assert_true(working(2026, 5, 12));
	/* Constitution Day Sunday 30 August: Monday 31 August off. */
	assert_false(working(2026, 8, 31));
	assert_true(working(2026, 9, 1));
	/* Republic Day Sunday 25 October: Monday 26 October off. */
	assert_false(working(2026, 10, 26));
	assert_true(working(2026, 10, 27));
	assert_int_equal(holidays_moved_from(date_from_ymd(2026, 10, 27)), DATE_NONE);
}

static void
test_holidays_past_years_as_published(void **state)
{
	(void)state;
	/* 2020: Nauryz 21-22 on the weekend, days off 21-25 March. */
	assert_false(working(2020, 3, 24));
	assert_false(working(2020, 3, 25));
	assert_true(working(2020, 3, 26));
	/* 2021: Victory Day on Sunday, Monday 10 May off; the old December days. */
	assert_false(working(2021, 5, 10));
	assert_false(working(2021, 12, 1));
	assert_false(working(2021, 12, 17));
	assert_true(working(2021, 10, 25));	/* Monday: Republic Day not yet restored */
	/* 2022: Republic Day back, First President's Day gone. */
	assert_false(working(2022, 10, 25));
	assert_true(working(2022, 12, 1));
	/* 2023: 1 January Sunday, 2 January Monday: Tuesday 3 January off. */
	assert_false(working(2023, 1, 3));
	assert_true(working(2023, 1, 4));
	/* 2023: Christmas on Saturday 7 January is religious: no day moves. */
	assert_true(working(2023, 1, 9));
	/* 2024: Christmas on Sunday: Monday 8 January works. */
	assert_true(working(2024, 1, 8));
	/* 2025: 8 March Saturday, 6 July Sunday, 25 October Saturday. */
	assert_false(working(2025, 3, 10));
	assert_false(working(2025, 7, 7));
	assert_false(working(2025, 10, 27));
	assert_true(working(2025, 10, 28));
	/* 2028: 1-2 January on the weekend: 3 and 4 January off, 5 January works. */
	assert_false(working(2028, 1, 3));
	assert_false(working(2028, 1, 4));
	assert_true(working(2028, 1, 5));
	/* A leap day is an ordinary Thursday. */
	assert_true(working(2024, 2, 29));
}

static void
test_holidays_given_per_year(void **state)
{
	(void)state;
	const struct holidays_day days[] = {
		{ date_from_ymd(2026, 5, 27), HOLIDAYS_OFF },		/* Kurban Ait */
		{ date_from_ymd(2026, 1, 3), HOLIDAYS_WORKDAY },	/* a working Saturday */
		{ date_from_ymd(2026, 1, 5), HOLIDAYS_OFF },		/* moved to it */
		{ date_from_ymd(2024, 6, 16), HOLIDAYS_OFF },		/* Kurban Ait, Sunday */
	};
	const struct holidays_extra extra = { days, sizeof days / sizeof days[0] };

	assert_true(working(2026, 5, 27));
	assert_false(holidays_is_working_day(date_from_ymd(2026, 5, 27), &extra));
	assert_true(holidays_is_working_day(date_from_ymd(2026, 5, 28), &extra));
	assert_true(holidays_is_working_day(date_from_ymd(2026, 1, 3), &extra));
	assert_false(holidays_is_working_day(date_from_ymd(2026, 1, 5), &extra));
	/* Kurban Ait on a Sunday moves nothing. */
	assert_true(holidays_is_working_day(date_from_ymd(2024, 6, 17), &extra));

	/* From Tuesday 20 March 2026 forward past Nauryz: Thursday 26 March. */
	assert_int_equal(holidays_next_working_day(date_from_ymd(2026, 3, 21), &extra),
	    date_from_ymd(2026, 3, 26));
	assert_int_equal(holidays_prev_working_day(date_from_ymd(2026, 3, 25), &extra),
	    date_from_ymd(2026, 3, 20));
	assert_int_equal(holidays_next_working_day(date_from_ymd(2026, 3, 20), &extra),
	    date_from_ymd(2026, 3, 20));
	/* The working Saturday is found, the day off given for it skipped. */
	assert_int_equal(holidays_next_working_day(date_from_ymd(2026, 1, 1), &extra),
	    date_from_ymd(2026, 1, 3));
	assert_int_equal(holidays_next_working_day(date_from_ymd(2026, 1, 4), &extra),
	    date_from_ymd(2026, 1, 6));
	assert_false(holidays_is_working_day(DATE_NONE, NULL));
}

/*
 * Issue 7: plan and due ask for a year's first day of Kurban Ait (a day off named so, in
 * Kazakh, Russian or Latin letters) and for its transfers (any other recorded day).
 */
static void
test_dayoff_year_missing_kurban_and_transfers(void **state)
{
	char kk[] = "Құрбан айт", ru[] = "Курбан айт", lat[] = "KURBAN AIT", other[] = "ауыстыру";
	struct dayoff d[5] = {
		{ .date = date_from_ymd(2026, 5, 27), .kind = HOLIDAYS_OFF, .name = kk },
		{ .date = date_from_ymd(2027, 5, 16), .kind = HOLIDAYS_OFF, .name = ru },
		{ .date = date_from_ymd(2027, 1, 2), .kind = HOLIDAYS_WORKDAY, .name = NULL },
		{ .date = date_from_ymd(2028, 5, 5), .kind = HOLIDAYS_OFF, .name = lat,
		  .removed = true },
		{ .date = date_from_ymd(2028, 1, 2), .kind = HOLIDAYS_OFF, .name = other },
	};
	struct rec_array a = { d, 5, 5 };

	(void)state;
	assert_int_equal(dayoff_year_missing(&a, 2026), DAYOFF_NO_TRANSFER);
	assert_int_equal(dayoff_year_missing(&a, 2027), 0);
	/* A removed record counts for nothing; a day off with another name is a transfer. */
	assert_int_equal(dayoff_year_missing(&a, 2028), DAYOFF_NO_KURBAN);
	assert_int_equal(dayoff_year_missing(&a, 2025), DAYOFF_NO_KURBAN | DAYOFF_NO_TRANSFER);
	/* A working day is no Kurban Ait, whatever its name. */
	d[0].kind = HOLIDAYS_WORKDAY;
	assert_int_equal(dayoff_year_missing(&a, 2026), DAYOFF_NO_KURBAN);
	/* Upper case in Cyrillic too, and Latin in any case («Kurban», «КУРБАН АЙТ»). */
	{
		char up[] = "КУРБАН АЙТ", kkup[] = "ҚҰРБАН АЙТ", mixed[] = "Kurban ait";

		d[1].name = up;
		assert_int_equal(dayoff_year_missing(&a, 2027), 0);
		d[1].name = kkup;
		assert_int_equal(dayoff_year_missing(&a, 2027), 0);
		d[1].name = mixed;
		assert_int_equal(dayoff_year_missing(&a, 2027), 0);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_holidays_fixed_days_2026),
		cmocka_unit_test(test_holidays_weekend_holiday_moves_2026),
		cmocka_unit_test(test_holidays_past_years_as_published),
		cmocka_unit_test(test_holidays_given_per_year),
		cmocka_unit_test(test_dayoff_year_missing_kurban_and_transfers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
