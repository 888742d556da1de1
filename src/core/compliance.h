/*
 * The decree's rules (rules.h, pure) applied to what the store holds: the office's units
 * as a tree, its visits, the recorded days off and its calendars. This is where records
 * become the rules' plain inputs, and where a plan becomes visits.
 */
#ifndef KZ_COMPLIANCE_H
#define KZ_COMPLIANCE_H

#include "core/record.h"
#include "core/rules.h"
#include "util/log.h"

struct compliance {
	char office[10];		/* the store's own unit */
	kz_date created;		/* the local day the store was made */
	enum unit_type office_type;
	struct rules_unit *units;	/* the office's unit and everything under it */
	size_t nunits;
	struct rules_tree *tree;
	struct rec_array visits;	/* struct visit, loaded by date (compliance_due: those
					 * the findings name; compliance_due_count: none) */
	struct rules_visit *rv;		/* the same visits as the rules see them; id = index
					 * (compliance_due_count: those P-1 may read only) */
	size_t nrv;
	struct kz_uuid *visit_ids;	/* the id of each of rv; compliance_due_count: then of
					 * each other visit a finding names */
	size_t nvisit_ids;
	struct rec_array dayoffs;	/* struct dayoff: the recorded days, by date */
	struct holidays_day *days;	/* the same as the rules see them */
	struct holidays_extra extra;
	struct rules_done *done;	/* the calendars' recorded steps, per year loaded */
	size_t ndone;
	struct rec_array issues;	/* struct issue: the open ones (compliance_due), by
					 * deadline, those without one last */
	struct rules_issue *ri;		/* their deadlines and their steps' not done */
	size_t nri;
	struct rules_revision *rev;	/* K-2: the loaded calendars' revisions 1.. */
	size_t nrev;
	/* A-2, G-3 (compliance_due): of c->issues, ids are their indexes */
	struct rules_financing *fin;	/* needing a session, no decision yet */
	size_t nfin;
	struct rules_central *cen;	/* level central */
	size_t ncen;
};

/* Today in the office's calendar: the local day of the clock (KEZDESU_NOW in tests). */
kz_date compliance_today(void);

/* The instant (Unix ms) of a local time of day on a local date of the office. */
int64_t compliance_instant(kz_date day, int minutes);

/*
 * Loads, in one read transaction, the units of the office, its visits with
 * from <= date < to, the recorded days and the calendars of the years y0..y1.
 */
int compliance_load(struct store *s, kz_date from, kz_date to, int y0, int y1,
    struct compliance *c, struct kz_error *e);
void compliance_free(struct compliance *c);

/*
 * The obligations not done that fall due within `ahead` days of today or are overdue
 * (rules_due), for the office's store: loads *c (free it with compliance_free) and fills
 * *out. Obligations that fell due before the store was made are left out: the office did
 * that work, or did not, before it used kezdesu, and nothing here records which; the
 * store's own records (a meeting past its date still planned, M-1, and the deadlines of
 * its open issues and their steps, A-3) are listed whenever they fell due. The
 * Government's store is the one made for its built-in unit, UNIT_GOVERNMENT_CODE
 * (G-1, G-2); its own findings carry that code as their akim.
 * Also loads c->issues (the open ones: closed ones are freed as the walk meets them;
 * without their history, topic and later meetings, which nothing here shows) and c->ri.
 * c->rv holds every visit read; c->visits only those a finding names, f->visit indexing
 * it (a meeting that owes nothing listed is not kept as a record).
 */
int compliance_due(struct store *s, kz_date today, int ahead, struct compliance *c,
    struct rules_findings *out, struct kz_error *e);

/* compliance_due's findings counted by status, for a status line. */
struct compliance_count {
	size_t status[RULES_COV_OPEN + 1];	/* by enum rules_status */
	size_t n;				/* all of them: the rows `due` lists */
};

/*
 * Asked every 64 records a count reads (compliance_due_count): true stops it.
 * The interface asks whether a key waits, so that the count never delays one.
 */
typedef bool (*compliance_stop_fn)(void *arg);

/*
 * What compliance_due(s, today, ahead) lists, counted into *n, without holding the issues
 * or the visits: *out gets the findings that concern no issue (the visits', the calendar's:
 * c->visit_ids[f->visit] names a finding's visit, c->visits stays empty; not in
 * compliance_due's order), and the open issues' (A-3, A-2, G-3) are only counted. In one
 * read transaction, as compliance_due: each visit is read, its own obligations counted
 * (rules_due_visits) and freed before the next, only the few meetings P-1 reads kept;
 * each open issue is decoded (only the fields the rules read), counted and freed. Free c
 * with compliance_free and *out with rules_findings_free. 0 counted; 1 stopped by stop
 * (NULL: never), nothing loaded; -1 with e set.
 *
 * Why a walk and not an index of due dates kept by core: every open issue past its
 * deadline counts (71,000 of 100,000 on the bench's store), so even an index must be read
 * to its end before today; the count would need counters kept per day, and an index
 * would need a new database in the store, its catch-up from the log (as search.c's) and
 * a migration, and would have to follow every field the rules read (steps, financing,
 * progress notes, status). The walk keeps memory flat and reads what `due` reads.
 */
int compliance_due_count(struct store *s, kz_date today, int ahead, compliance_stop_fn stop,
    void *stop_arg, struct compliance *c, struct rules_findings *out,
    struct compliance_count *n, struct kz_error *e);

/*
 * The office's dated obligations concerning year (rules_check_dated: K-1, K-3, A-4, or
 * G-1, G-2 in the Government's store) as of today, each done on time, done late, pending
 * or overdue, from c as compliance_load loaded it with year among its calendars. Those
 * not done that fell due before the store was made are left out, as in compliance_due.
 */
int compliance_check_dated(const struct compliance *c, int year, kz_date today,
    struct rules_findings *out);

/* P-1: the office's commission of year as of today (rules_check_commission); overwrites out. */
void compliance_check_commission(const struct compliance *c, int year, kz_date today,
    struct rules_findings *out);

/*
 * P-2: counts the requests of the pool of each held calendar meeting c holds into its
 * rules_visit (requests), in one read transaction; c as compliance_load loaded it.
 */
int compliance_count_requests(struct store *s, struct compliance *c, struct kz_error *e);

struct compliance_plan {
	size_t proposed;		/* meetings the rules ask for */
	size_t added;			/* new planned visits written */
	struct rules_findings unplaced;	/* targets for which no day was left */
};

/*
 * Plans year: proposes one meeting per target and period that C-1..C-5 require for the
 * office's akim and every akim below it (rules_plan), and adds, in one transaction, those
 * whose akim, target and period no existing meeting covers yet, as planned visits with
 * their announcement date (P-4). Planning again adds nothing; a calendar already
 * approved is refused (its corrections are revisions, K-2), and so is planning in the
 * Government's store, which holds no meetings of its own.
 */
int compliance_plan_year(struct store *s, int year, struct compliance_plan *out,
    struct kz_error *e);
void compliance_plan_free(struct compliance_plan *p);

#endif
