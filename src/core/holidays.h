/*
 * Working days of Kazakhstan: Saturdays and Sundays off, the public holidays fixed by the
 * Law "On holidays in the Republic of Kazakhstan", the days off the law moves when such a
 * holiday falls on a weekend, and the days that change every year (the first day of Kurban
 * Ait, the Government's transfers of days off and working Saturdays), which the caller
 * passes in from its store. Pure functions of dates; no I/O.
 */
#ifndef KZ_HOLIDAYS_H
#define KZ_HOLIDAYS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/date.h"

enum holidays_kind {
	HOLIDAYS_OFF = 1,	/* a day off: Kurban Ait, a day off transferred by the Government */
	HOLIDAYS_WORKDAY,	/* a working day: a Saturday made working by a transfer */
};

/* One day given per year, from the store. */
struct holidays_day {
	kz_date			 date;
	enum holidays_kind	 kind;
};

/*
 * The days given per year (any years, any order). An entry wins over everything computed
 * here, so a working Saturday is a working day and a Government transfer is a day off.
 * Entries do not take part in moving weekend holidays: that move is the law's alone.
 */
struct holidays_extra {
	const struct holidays_day	*v;	/* borrowed */
	size_t				 n;
};

/* True when date is a working day; extra may be NULL. */
bool holidays_is_working_day(kz_date date, const struct holidays_extra *extra);
/* The English name of the fixed public holiday on date ("Nauryz"), or NULL. */
const char *holidays_name(kz_date date);
/* The weekend holiday whose day off the law moved to date, or DATE_NONE. */
kz_date holidays_moved_from(kz_date date);
/* The first working day on or after date (on or before for _prev). */
kz_date holidays_next_working_day(kz_date date, const struct holidays_extra *extra);
kz_date holidays_prev_working_day(kz_date date, const struct holidays_extra *extra);

#endif
