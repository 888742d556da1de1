/*
 * The annual calendar of meetings (K-1..K-3) and the office's yearly publications: its
 * status, the approval and its notice to the maslikhat, the submission to the Government,
 * corrections as revisions that keep what the calendar was, the quarterly progress
 * publications and, for the Government, G-1 and G-2.
 *
 * The calendar's meetings are visits: those of akims in the office's territory, in the
 * year, in the calendar (not unscheduled) and not cancelled. Approving and revising keep a
 * copy of that list in the revision, so earlier revisions stay readable.
 */
#ifndef KZ_CALENDAR_H
#define KZ_CALENDAR_H

#include "core/date.h"
#include "core/record.h"
#include "util/log.h"
#include "util/uid.h"

enum calendar_status {
	CAL_DRAFT, CAL_APPROVED, CAL_NOTIFIED, CAL_SUBMITTED, CAL_STATUS_COUNT
};

struct calendar_meeting {	/* a meeting as a revision recorded it */
	struct kz_uuid visit;
	char akim[10];
	char target[10];
	kz_date date;
	struct schema_extra extra;
};

struct calendar_revision {	/* 0: the approved calendar; 1..: corrections (K-2) */
	int number;
	kz_date date;
	char *reason;
	kz_date notified_on;	/* the maslikhat's notice, after the fact (K-2) */
	struct calendar_meeting *meetings;
	size_t nmeetings;
	struct schema_extra extra;
};

/* P-1: who sits on the commission that collects the requests, by the body they come from. */
enum commission_category {
	CM_COMMUNITY,		/* a community assembly (собрание местного сообщества) */
	CM_PUBLIC_COUNCIL,	/* a public council (общественный совет) */
	CM_AKIMAT,		/* the akimat's staff */
	CM_OTHER,
	CM_COUNT
};

struct calendar_member {	/* P-1: one member of the year's commission */
	struct kz_uuid eid;	/* its id in the set (store/state.h) */
	char *name;		/* an official's name, not a citizen's personal data */
	int category;		/* enum commission_category */
	struct schema_extra extra;
};

struct calendar {
	char unit[10];
	int year;
	int status;		/* enum calendar_status */
	kz_date approved_on;	/* K-1 */
	kz_date notified_on;	/* K-1: maslikhat notified of the approval */
	kz_date submitted_on;	/* K-3 */
	struct calendar_revision *revisions;
	size_t nrevisions;
	kz_date progress_on[4];	/* progress of Q1..Q4 published */
	kz_date forwarded_on;	/* G-1 (the Government) */
	kz_date collected_on[2];	/* G-2 of this reporting year: by 15 February and
					 * 15 August of the next year */
	struct calendar_member *commission;	/* P-1: the year's commission, a set */
	size_t ncommission;
	struct schema_extra extra;
};

extern const struct rec_kind calendar_kind;
/* The descriptions of a revision and of one of its meetings, for printing. */
const struct schema_record *revision_kind_desc(void);
const struct schema_record *meeting_kind_desc(void);
extern const char *const calendar_status_names[CAL_STATUS_COUNT];
extern const char *const commission_category_names[CM_COUNT];
/* The description of a commission member, for printing. */
const struct schema_record *member_kind_desc(void);

void calendar_init(struct calendar *c);
void calendar_free(struct calendar *c);
/* 0, 1 when the unit has no calendar for the year (c is then a fresh draft), -1. */
int calendar_get_tx(struct store_txn *t, const char *unit, int year, struct calendar *c);
int calendar_save_tx(struct store_txn *t, struct calendar *c);
/* The office's calendar for year: a draft when none was recorded. */
int calendar_get(struct store *s, int year, struct calendar *c, struct kz_error *e);

enum calendar_action {
	CAL_APPROVE,	/* K-1: date */
	CAL_NOTIFY,	/* K-1 / K-2: date, revision (0: the approval) */
	CAL_SUBMIT,	/* K-3: date */
	CAL_REVISE,	/* K-2: date, reason */
	CAL_PROGRESS,	/* date, quarter 1..4 */
	CAL_FORWARD,	/* G-1: date; the Government's store only */
	CAL_COLLECT,	/* G-2: date, half 1..2 (February, August of the next year); the
			 * Government's store only */
};

struct calendar_step {
	enum calendar_action action;
	kz_date date;
	int number;		/* revision for NOTIFY, quarter for PROGRESS, half for COLLECT */
	const char *reason;	/* REVISE */
};

/* Applies one step of the lifecycle to the office's calendar of year, in one transaction. */
int calendar_apply(struct store *s, int year, const struct calendar_step *st,
    struct kz_error *e);

struct visit;

/*
 * K-2, U-1: 1 when a meeting of akim on date belongs to an approved calendar, i.e. the
 * office has approved its calendar of date's year and akim is in the office's territory;
 * 0 when not; -1. On 0 and 1, *c holds that calendar (free it with calendar_free).
 */
int calendar_fixed_tx(struct store_txn *t, const char *akim, kz_date date, struct calendar *c);

/*
 * Adds v as visit_add does, keeping the calendar's discipline (K-2, U-1): once the
 * calendar of v's year is approved, a meeting in it (not unscheduled) is refused unless
 * revise gives the reason of a correction; the meeting and the revision of that reason,
 * dated today, are then written in one transaction. revise is refused for a meeting that
 * needs none (a draft calendar, an unscheduled meeting).
 */
int calendar_add_meeting(struct store *s, struct visit *v, const char *revise, kz_date today,
    struct kz_error *e);

/* The calendar's meetings now (see above), in date order. */
int calendar_meetings(struct store *s, int year, struct rec_array *visits, struct kz_error *e);

#endif
