/*
 * Sources: Law of the Republic of Kazakhstan of 13 December 2001 No. 267-II "On holidays in
 * the Republic of Kazakhstan" as amended (articles 1-2 list the national and state holidays,
 * article 5 the days off), and the Labour Code of 23 November 2015, article 85 (holidays are
 * days off; the Government may transfer days off). The amendments of 2022 restored Republic
 * Day (25 October) and removed the Day of the First President (1 December) and the second
 * day of Independence Day (17 December). Orthodox Christmas (7 January) and the first day
 * of Kurban Ait are religious holidays and days off too, but the move of a day off when a
 * holiday falls on a weekend does not apply to them (article 5); Kurban Ait follows the
 * lunar calendar and is given per year by the caller.
 */
#include "core/holidays.h"
#include "util/i18n.h"

#include <stddef.h>

struct fixed {
	int		 month, day;
	int		 from, to;	/* years it is a day off; 0: no limit */
	bool		 moves;		/* moved to the next working day when on a weekend */
	const char	*name;
};

/* In date order within the year: move_days relies on it. */
static const struct fixed fixed[] = {
	{ 1, 1, 0, 0, true, N_("New Year") },
	{ 1, 2, 0, 0, true, N_("New Year") },
	{ 1, 7, 0, 0, false, N_("Orthodox Christmas") },
	{ 3, 8, 0, 0, true, N_("International Women's Day") },
	{ 3, 21, 0, 0, true, N_("Nauryz") },
	{ 3, 22, 0, 0, true, N_("Nauryz") },
	{ 3, 23, 0, 0, true, N_("Nauryz") },
	{ 5, 1, 0, 0, true, N_("Kazakhstan People's Unity Day") },
	{ 5, 7, 0, 0, true, N_("Defender of the Fatherland Day") },
	{ 5, 9, 0, 0, true, N_("Victory Day") },
	{ 7, 6, 0, 0, true, N_("Capital Day") },
	{ 8, 30, 0, 0, true, N_("Constitution Day") },
	{ 10, 25, 2022, 0, true, N_("Republic Day") },
	{ 12, 1, 2012, 2021, true, N_("Day of the First President") },
	{ 12, 16, 0, 0, true, N_("Independence Day") },
	{ 12, 17, 0, 2021, true, N_("Independence Day") },
};

#define NFIXED (sizeof fixed / sizeof fixed[0])

static bool
fixed_applies(const struct fixed *f, int year)
{
	return (f->from == 0 || year >= f->from) && (f->to == 0 || year <= f->to);
}

static bool
is_weekend(kz_date date)
{
	return date_weekday(date) >= 5;
}

static const struct fixed *
fixed_on(kz_date date)
{
	int y, m, d;

	date_to_ymd(date, &y, &m, &d);
	for (size_t i = 0; i < NFIXED; i++)
		if (fixed[i].month == m && fixed[i].day == d && fixed_applies(&fixed[i], y))
			return &fixed[i];
	return NULL;
}

/*
 * The weekdays of year that are off because a holiday fell on a Saturday or Sunday: each
 * such holiday gives the next day that is neither a weekend, nor a holiday, nor already
 * given (21-22 March on a weekend and 23 March a Monday give the Tuesday and the Wednesday).
 * Returns how many were written to to[] and from[].
 */
static size_t
move_days(int year, kz_date to[NFIXED], kz_date from[NFIXED])
{
	size_t n = 0;

	for (size_t i = 0; i < NFIXED; i++) {
		const struct fixed *f = &fixed[i];
		kz_date h, t;
		bool taken;

		if (!f->moves || !fixed_applies(f, year))
			continue;
		h = date_from_ymd(year, f->month, f->day);
		if (!is_weekend(h))
			continue;
		for (t = h + 1;; t++) {
			if (is_weekend(t) || fixed_on(t) != NULL)
				continue;
			taken = false;
			for (size_t j = 0; j < n; j++)
				if (to[j] == t)
					taken = true;
			if (!taken)
				break;
		}
		to[n] = t;
		from[n] = h;
		n++;
	}
	return n;
}

kz_date
holidays_moved_from(kz_date date)
{
	kz_date to[NFIXED], from[NFIXED];
	size_t n;
	int y, m, d;

	if (date == DATE_NONE)
		return DATE_NONE;
	date_to_ymd(date, &y, &m, &d);
	n = move_days(y, to, from);
	for (size_t i = 0; i < n; i++)
		if (to[i] == date)
			return from[i];
	return DATE_NONE;
}

const char *
holidays_name(kz_date date)
{
	const struct fixed *f;

	if (date == DATE_NONE)
		return NULL;
	f = fixed_on(date);
	return f != NULL ? f->name : NULL;
}

bool
holidays_is_working_day(kz_date date, const struct holidays_extra *extra)
{
	if (date == DATE_NONE)
		return false;
	if (extra != NULL)
		for (size_t i = 0; i < extra->n; i++)
			if (extra->v[i].date == date)
				return extra->v[i].kind == HOLIDAYS_WORKDAY;
	if (is_weekend(date) || fixed_on(date) != NULL)
		return false;
	return holidays_moved_from(date) == DATE_NONE;
}

kz_date
holidays_next_working_day(kz_date date, const struct holidays_extra *extra)
{
	if (date == DATE_NONE)
		return DATE_NONE;
	while (!holidays_is_working_day(date, extra))
		date++;
	return date;
}

kz_date
holidays_prev_working_day(kz_date date, const struct holidays_extra *extra)
{
	if (date == DATE_NONE)
		return DATE_NONE;
	while (!holidays_is_working_day(date, extra))
		date--;
	return date;
}
