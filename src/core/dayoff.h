/*
 * Days off and working days that change from year to year (the first day of Kurban Ait,
 * the Government's transfers of days off): kept in the store, editable, and later carried
 * down to lower offices in bundles. The fixed holidays are built into holidays.c.
 */
#ifndef KZ_DAYOFF_H
#define KZ_DAYOFF_H

#include "core/date.h"
#include "core/holidays.h"
#include "core/record.h"
#include "util/log.h"

struct dayoff {
	kz_date date;
	int kind;		/* enum holidays_kind */
	char *name;
	bool removed;		/* kept as a record so that the removal travels in bundles */
	struct schema_extra extra;
};

extern const struct rec_kind dayoff_kind;
extern const char *const dayoff_kind_names[3];	/* "", "off", "workday" */

/* Records date as a day off or a working day (replacing what was recorded for it). */
int dayoff_set(struct store *s, kz_date date, enum holidays_kind kind, const char *name,
    struct kz_error *e);
/* Forgets what was recorded for date; an error when nothing was. */
int dayoff_remove(struct store *s, kz_date date, struct kz_error *e);
/* The recorded days (not removed), in date order. */
int dayoff_list_tx(struct store_txn *t, struct rec_array *out);
int dayoff_list(struct store *s, struct rec_array *out, struct kz_error *e);
/*
 * What is not recorded of year's days that change every year, for plan and due to say:
 * no day off named as the first day of Kurban Ait («Құрбан айт», «Курбан айт», "Kurban
 * Ait"), no other recorded day of the year (the Government's transfers of days off and
 * working Saturdays). days: the recorded days (dayoff_list). A mask of enum dayoff_missing.
 */
enum dayoff_missing { DAYOFF_NO_KURBAN = 1, DAYOFF_NO_TRANSFER = 2 };
int dayoff_year_missing(const struct rec_array *days, int year);

/* The recorded days as the rules take them; free days->v with free(). */
void dayoff_to_extra(const struct rec_array *a, struct holidays_day **days, size_t *n);

#endif
