/* Meetings of an akim with the population (DESIGN.md "visit"). */
#ifndef KZ_VISIT_H
#define KZ_VISIT_H

#include <stdbool.h>
#include <stdint.h>

#include "core/date.h"
#include "core/record.h"
#include "util/log.h"
#include "util/uid.h"

enum visit_status {
	VISIT_PLANNED, VISIT_ANNOUNCED, VISIT_HELD, VISIT_CANCELLED, VISIT_MOVED,
	VISIT_STATUS_COUNT
};

/* Who was in the hall (M-2), also who asked a question. */
enum audience {
	AUD_CITIZEN, AUD_DEPUTY, AUD_PARTY, AUD_PUBLIC_ORG, AUD_OPPOSITION,
	AUD_PUBLIC_COUNCIL, AUD_COMMUNITY, AUD_BUSINESS, AUD_OTHER,
	AUD_COUNT
};

/* B-1: whether the online broadcast was open to the population's comments. */
enum visit_comments { COMMENTS_UNKNOWN, COMMENTS_OPEN, COMMENTS_CLOSED, COMMENTS_COUNT };

struct visit_attendance {
	struct kz_uuid eid;	/* its id in the set: one per category (visit_attendance_eid) */
	int category;		/* enum audience */
	int count;
	struct schema_extra extra;
};

struct visit {
	struct kz_uuid id;
	char akim[10];		/* the akim's unit */
	char target[10];	/* the unit the meeting is held at */
	kz_date date;		/* planned day, in the office's local calendar */
	char *time;		/* planned start "HH:MM", or NULL */
	int duration_min;	/* planned length (T-1 counts a quarter of it) */
	bool field;		/* a field meeting (выездная) */
	bool unscheduled;	/* outside the calendar (U-1) */
	char *reason;		/* U-1: why, for an unscheduled meeting */
	char *venue;
	int status;		/* enum visit_status */
	kz_date announced_on;	/* P-4: when it was announced */
	kz_date announce_by;	/* P-4: when the plan says to announce it */
	char *channels;		/* P-3: where it was announced: names of the decree's list,
				 * comma-separated (core/announce.h); an older store may hold
				 * free text, kept as it is */
	char *broadcast;	/* B-1: links of the online broadcast */
	bool videoconf;
	int64_t started_ms;	/* actual start, end of the report (T-1) and end */
	int64_t report_end_ms;
	int64_t ended_ms;
	struct visit_attendance *attendance;	/* M-2 */
	size_t nattendance;
	/*
	 * A free-text note an older version kept per meeting; P-1's commission is now the
	 * year's members (core/commission.h). Decoded and shown, never set by a command.
	 */
	char *old_commission_note;
	kz_date receptions_end;	/* the last personal reception after the meeting */
	kz_date published_on;	/* */
	kz_date moved_from;	/* the date before a move */
	char *moved_reason;	/* why it was moved, for a meeting of an approved calendar (K-2) */
	int64_t created_ms;
	bool withdrawn;		/* added by mistake (kezdesu undo): kept, in no list */
	/* B-1 */
	int comments;		/* enum visit_comments: of the broadcast */
	char *no_broadcast;	/* why it was not technically possible to broadcast */
	/*
	 * M-2: whom the office invited of the broad audience: names of audience_names among
	 * deputy, party, public-org, opposition, comma-separated, each once, in that order.
	 */
	char *invited;
	struct schema_extra extra;
};

extern const struct rec_kind visit_kind;
extern const char *const visit_status_names[VISIT_STATUS_COUNT];
extern const char *const visit_comments_names[COMMENTS_COUNT];
extern const char *const audience_names[AUD_COUNT];

/* Gives each attendance element the id of its category (M-2: one element a category). */
void visit_attendance_ids(struct visit *v);
void visit_init(struct visit *v);
void visit_free(struct visit *v);
/* Checks v against the store (units exist, the target is in the akim's territory, U-1). */
int visit_validate_tx(struct store_txn *t, const struct visit *v);
/* Adds a new visit; sets v->id and v->created_ms. */
int visit_add(struct store *s, struct visit *v, struct kz_error *e);
int visit_add_tx(struct store_txn *t, struct visit *v);
/*
 * M-2: puts the invited categories a user typed ("opposition, deputy") in the store's form
 * ("deputy,opposition"); an empty list or a category outside the broad audience (deputy,
 * party, public-org, opposition) is refused with one line naming them. *invited is replaced.
 */
int visit_invited_normalise(char **invited, struct kz_error *e);
/* Sets the count of one attendance category (M-2), keeping the other categories. */
void visit_set_attendance(struct visit *v, int category, int count);
/*
 * Changes a visit in one write transaction: reads it, lets fn change it (fn returns 0, or -1
 * after kz_fail(e, ...)), validates and writes the fields that differ. fn may run more than
 * once (store_write retries after growing the map), each time on a fresh read.
 */
typedef int (*visit_modify_fn)(struct visit *v, void *arg, struct kz_error *e);
int visit_modify(struct store *s, const struct kz_uuid *id, visit_modify_fn fn, void *arg,
    struct kz_error *e);
int visit_get(struct store *s, const struct kz_uuid *id, struct visit *v, struct kz_error *e);
int visit_get_tx(struct store_txn *t, const struct kz_uuid *id, struct visit *v);
/* Visits with from <= date < to (DATE_NONE: open), in date order. */
int visit_list(struct store *s, kz_date from, kz_date to, struct rec_array *out,
    struct kz_error *e);
int visit_list_tx(struct store_txn *t, kz_date from, kz_date to, struct rec_array *out);

#endif
