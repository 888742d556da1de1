/* The annual calendar of meetings of a region or city of republican significance (K-1..K-3). */
#ifndef KZ_CALENDAR_H
#define KZ_CALENDAR_H

#include "core/date.h"
#include "core/record.h"
#include "util/log.h"

enum calendar_status {
	CAL_DRAFT, CAL_APPROVED, CAL_NOTIFIED, CAL_SUBMITTED, CAL_STATUS_COUNT
};

struct calendar_revision {	/* K-2: a correction, notified to the maslikhat afterwards */
	int number;
	kz_date date;
	char *reason;
	kz_date notified_on;
	struct schema_extra extra;
};

struct calendar {
	char unit[10];
	int year;
	int status;		/* enum calendar_status */
	kz_date approved_on;	/* K-1 */
	kz_date notified_on;	/* K-1: maslikhat notified */
	kz_date submitted_on;	/* K-3 */
	struct calendar_revision *revisions;
	size_t nrevisions;
	struct schema_extra extra;
};

extern const struct rec_kind calendar_kind;
extern const char *const calendar_status_names[CAL_STATUS_COUNT];

void calendar_init(struct calendar *c);
void calendar_free(struct calendar *c);
/* 0, 1 when the unit has no calendar for the year, -1 on error. */
int calendar_get_tx(struct store_txn *t, const char *unit, int year, struct calendar *c);
int calendar_save_tx(struct store_txn *t, const struct calendar *c);

#endif
