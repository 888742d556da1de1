/* Problem issues: questions grouped into a problem with an executor and a deadline. */
#ifndef KZ_ISSUE_H
#define KZ_ISSUE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/date.h"
#include "core/record.h"
#include "util/log.h"
#include "util/uid.h"

enum issue_status {
	ISSUE_NEW, ISSUE_IN_WORK, ISSUE_RESOLVED, ISSUE_EXPLAINED, ISSUE_REJECTED,
	ISSUE_ESCALATED, ISSUE_STATUS_COUNT
};

/* Whose competence the decision is (G-2, G-3). */
enum issue_level { LEVEL_OWN, LEVEL_DISTRICT, LEVEL_REGION, LEVEL_CENTRAL, LEVEL_COUNT };

struct issue_step {		/* one step of the action plan */
	struct kz_uuid eid;	/* its id in the set (store/state.h) */
	char *text;
	char *executor;
	kz_date deadline;
	bool done;
	kz_date done_on;
	struct schema_extra extra;
};

struct issue_event {		/* one change of status, of deadline, or a note */
	struct kz_uuid eid;	/* its id in the set (store/state.h) */
	int status;
	int64_t at_ms;
	char *note;
	char *user;		/* the official's name when one is set, else the Unix user */
	kz_date deadline_was;	/* a deadline changed: the old one and the new one */
	kz_date deadline;
	struct schema_extra extra;
};

struct issue_progress {		/* quarterly progress note */
	struct kz_uuid eid;	/* its id in the set (store/state.h) */
	char *quarter;		/* "2026-Q1" */
	char *text;
	int64_t at_ms;
	struct schema_extra extra;
};

struct issue_visit {		/* a later meeting where the issue came up again */
	struct kz_uuid eid;	/* the visit's UUID, which is also its id in the set */
	struct schema_extra extra;
};

struct issue {
	struct kz_uuid id;
	char *title;
	char *topic;
	char unit[10];		/* the unit it concerns */
	int level;		/* enum issue_level */
	char *executor;
	kz_date deadline;
	struct issue_step *steps;
	size_t nsteps;
	bool needs_session;	/* financing needs a maslikhat session */
	int64_t amount;		/* tenge */
	kz_date session_date;
	char *decision;
	int status;		/* enum issue_status */
	struct issue_event *history;
	size_t nhistory;
	struct issue_progress *progress;
	size_t nprogress;
	int64_t created_ms;
	struct kz_uuid visit;	/* the meeting where it was raised: kept once set */
	struct issue_visit *visits;	/* later meetings where it came up (in visit id order) */
	size_t nvisits;
	bool withdrawn;		/* added by mistake (kezdesu undo): kept, in no list */
	/* G-3: the central executive body, national holding or company whose competence it is */
	char *body;
	struct schema_extra extra;
};

extern const struct rec_kind issue_kind;
extern const char *const issue_status_names[ISSUE_STATUS_COUNT];
extern const char *const issue_level_names[LEVEL_COUNT];

void issue_init(struct issue *i);
void issue_free(struct issue *i);
int issue_add(struct store *s, struct issue *i, struct kz_error *e);
int issue_add_tx(struct store_txn *t, struct issue *i);
int issue_get(struct store *s, const struct kz_uuid *id, struct issue *i, struct kz_error *e);
int issue_get_tx(struct store_txn *t, const struct kz_uuid *id, struct issue *i);

/*
 * Changes an issue in one transaction: reads it, lets fn change it, validates and writes
 * it. A change of status or of a deadline set before (an extension: old and new deadline)
 * is added to the history with the author and the note.
 */
typedef int (*issue_modify_fn)(struct issue *i, void *arg, struct kz_error *e);
int issue_modify(struct store *s, const struct kz_uuid *id, issue_modify_fn fn, void *arg,
    const char *note, struct kz_error *e);

/*
 * Records that the issue came up at a meeting: the first one is where it was raised
 * (i->visit), later ones are listed beside it (i->visits); one already there is not added.
 */
void issue_add_visit(struct issue *i, const struct kz_uuid *visit);
/* Adds a step to the action plan; a progress note for a quarter ("2026-Q1"). */
void issue_add_step(struct issue *i, const char *text, const char *executor, kz_date deadline);
void issue_add_progress(struct issue *i, const char *quarter, const char *text, int64_t at_ms);

/*
 * Ties the questions to the issue, all or none, in one transaction. A question linked to
 * another issue is refused (naming it) unless move is true.
 */
int issue_link(struct store *s, const struct kz_uuid *issue, const struct kz_uuid *questions,
    size_t n, bool move, struct kz_error *e);

/*
 * Adds the issue and ties the questions to it in one transaction, all or none (the
 * interface's "new issue from the marked questions"); a question linked to another issue
 * is refused, naming it, and then no issue is made.
 */
int issue_add_linked(struct store *s, struct issue *i, const struct kz_uuid *questions,
    size_t n, struct kz_error *e);

/* Issues of one status (-1: all), oldest first. */
int issue_list(struct store *s, int status, struct rec_array *out, struct kz_error *e);
/* The same inside t (compliance_due reads them with the visits and calendars). */
int issue_list_tx(struct store_txn *t, int status, struct rec_array *out);
/*
 * Issues raised at a meeting (their `visit`), in the order they were made, read through an
 * index: a meeting's results list them whether or not a question is linked. A store
 * written before the index had it filled at its first writable open
 * (issue_visit_index_catch_up, which office_open calls).
 */
int issue_list_visit(struct store *s, const struct kz_uuid *visit, struct rec_array *out,
    struct kz_error *e);
/* Fills the issues-by-meeting index of a store written before it, once: 0 or -1 with e. */
int issue_visit_index_catch_up(struct store *s, struct kz_error *e);
/* Issues with a deadline before `before` (DATE_NONE: any), earliest first. */
int issue_list_by_deadline(struct store *s, kz_date before, struct rec_array *out,
    struct kz_error *e);

/* Still to be solved: new, in work or escalated (their deadlines are owed, A-3). */
bool issue_is_open(int status);
/* A step not done whose deadline is before today. */
bool issue_step_overdue(const struct issue_step *st, kz_date today);
/* Open, and past its deadline or with a step past its own. */
bool issue_overdue(const struct issue *i, kz_date today);
/* open, needs financing at a maslikhat session, and no decision recorded yet. */
bool issue_needs_decision(const struct issue *i);
/*
 * the order of a session's agenda: by session date (none last), unit, when recorded,
 * then id (the same order however the issues were read).
 */
int issue_cmp_session(const struct issue *x, const struct issue *y);
/*
 * keeps in a (issues, from issue_list) those owed a decision (issue_needs_decision)
 * of session, or of any session when session is DATE_NONE; with a session, also those
 * whose decision that session took. Frees the others and sorts what is kept by
 * issue_cmp_session. Returns how many owed a decision have no session date set yet
 * (counted only when a session is given: they are not kept then).
 */
size_t issue_financing(struct rec_array *a, kz_date session);
/*
 * G-3: two issues' bodies (their `body`) in the order the central issues are grouped by
 * body, those with no body recorded (NULL) last; 0 when the same body.
 */
int issue_cmp_body(const char *x, const char *y);
/* G-3: the latest progress note (by quarter, then time), or NULL. */
const struct issue_progress *issue_latest_progress(const struct issue *i);

#endif
