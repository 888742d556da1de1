/*
 * The rules of Decree No. 826 (../shared/decree/RULES.md; rule IDs such as C-3 refer to
 * it): coverage (C-1..C-5), deadlines (K-1, K-3, G-1, G-2, P-4, A-3, A-4), the report's
 * share of a meeting (T-1), unscheduled meetings (U-1), attendance (M-2), the broadcast
 * (B-1), receptions, financing, central bodies' progress (G-3), the calendar's
 * periods and a proposed plan. Pure functions of units, visits and dates: no store, no
 * I/O, no printing. Every reading of the decree where its text is silent is made in
 * rules*.c and nowhere else; the header says what was chosen.
 *
 * Dates are the office's local calendar days (rules_local_date turns a clock into one).
 * Inputs are plain arrays the caller owns; outputs are arrays this module allocates and
 * the matching *_free releases.
 */
#ifndef KZ_RULES_H
#define KZ_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/holidays.h"
#include "core/unit.h"
#include "util/i18n.h"

/* All of Kazakhstan is UTC+5 since 1 March 2024; a parameter, not a constant in code. */
#define RULES_UTC_OFFSET_KZ	300

/* The local calendar day of a Unix time in milliseconds at a UTC offset in minutes. */
kz_date rules_local_date(int64_t unix_ms, int utc_offset_min);

/* A set of unit types, for the tables. */
#define RULES_T(t)		(1u << (t))
#define RULES_T_AKIMS		(RULES_T(UNIT_REGION) | RULES_T(UNIT_CITY_REP) | \
	RULES_T(UNIT_DISTRICT) | RULES_T(UNIT_CITY_REG) | RULES_T(UNIT_CITY_DIST) | \
	RULES_T(UNIT_CITY_DISTRICT) | RULES_T(UNIT_RURAL_OKRUG) | RULES_T(UNIT_VILLAGE) | \
	RULES_T(UNIT_SETTLEMENT))

/* ---- Periods ---------------------------------------------------------------------- */

enum rules_period {
	RULES_YEAR = 0,		/* "2026": C-1, C-2 */
	RULES_H1,		/* "2026-H1": 1 January - 30 June */
	RULES_H2,		/* "2026-H2": 1 July - 31 December */
};

/* The half-year that contains date. */
enum rules_period rules_half_of(kz_date date);
/* First and last day of a period of a year. */
void rules_period_range(int year, enum rules_period p, kz_date *first, kz_date *last);
/* Writes "2026", "2026-H1" or "2026-H2" (at most 8 bytes with the NUL). */
void rules_period_name(int year, enum rules_period p, char buf[16]);
/* The inverse of rules_period_name: 0, or -1 when s is none of those forms. */
int rules_period_parse(const char *s, int *year, enum rules_period *p);

/* ---- The tables ------------------------------------------------------------------- */

enum rules_select {
	RULES_SEL_SELF,		/* the akim's own unit (C-5) */
	RULES_SEL_BELOW,	/* units below of target_types, not inside another akim's unit */
	RULES_SEL_CITY,		/* C-4 of a city: its urban part and its villages (rules_targets) */
};

/* One row of the coverage table: "at least one meeting per period per target". */
struct rules_coverage {
	const char		*id;		/* "C-1" .. "C-5" */
	unsigned		 akims;		/* RULES_T() of the akim's unit types */
	bool			 half_year;	/* per half-year, else per year */
	enum rules_select	 select;
	unsigned		 targets;	/* RULES_SEL_BELOW: RULES_T() of target types;
						 * RULES_SEL_CITY: of the villages and
						 * settlements, at any depth */
	bool			 field;		/* only field meetings count */
	const char		*what;		/* one line in English */
};

/* The coverage table, and the row for an akim's unit type (NULL for a place). */
const struct rules_coverage *rules_coverage_table(size_t *n);
const struct rules_coverage *rules_coverage_for(enum unit_type akim);

enum rules_deadline_kind {
	RULES_DL_DATE,		/* fixed day(s) of each year */
	RULES_DL_QUARTERLY,	/* the day of the month after each quarter */
	RULES_DL_BEFORE,	/* days before a meeting */
	RULES_DL_AFTER,		/* calendar days after a meeting and its receptions end */
	RULES_DL_SHARE,		/* a share of a meeting's planned time */
};

/* What an office records as done for a RULES_DL_DATE or _QUARTERLY row (struct rules_done). */
enum rules_done_field {
	RULES_DONE_NONE = 0,
	RULES_DONE_APPROVED,		/* K-1 */
	RULES_DONE_NOTIFIED,		/* K-1 */
	RULES_DONE_SUBMITTED,		/* K-3 */
	RULES_DONE_FORWARDED,		/* G-1 */
	RULES_DONE_COLLECTED,		/* G-2 */
	RULES_DONE_QUARTERLY,		/* */
};

/* One row of the deadline table. */
struct rules_deadline {
	const char		*id;		/* "K-1", "P-4", ... */
	enum rules_deadline_kind kind;
	unsigned		 akims;		/* RULES_T() of the offices concerned */
	bool			 government;	/* the Government's obligation (point 5) */
	int			 month[2];	/* DATE: months of the year (0: unused) */
	int			 year_after;	/* DATE: 1 when the deadline falls in the year
						 * after the year concerned (G-2) */
	int			 day;		/* DATE, QUARTERLY: day of the month */
	bool			 before;	/* DATE: the text says «до» the day: see
						 * rules_deadline_date */
	int			 days;		/* BEFORE, AFTER: days */
	int			 num, den;	/* SHARE: at most num/den */
	enum rules_done_field	 done;
	const char		*what;		/* one line in English */
};

const struct rules_deadline *rules_deadline_table(size_t *n);
/*
 * The last day on time of a RULES_DL_DATE row's k-th date (month[k], day) falling in
 * year. Interpretation (K-1, K-3, G-1, G-2: «до 15 января»): with the strict reading,
 * the default, that is the day before the named date; rules.c holds the one switch.
 */
kz_date rules_deadline_date(const struct rules_deadline *row, int year, int k);
/* P-4: days of notice before a meeting of an akim of this type; -1 for a place. */
int rules_announce_days(enum unit_type akim);

/* ---- The unit tree ---------------------------------------------------------------- */

struct rules_unit {
	char		 code[10];	/* 9 digits */
	char		 parent[10];	/* "": derived from the code, as KATO does */
	enum unit_type	 type;
};

/*
 * Built from an array of units (copied). A parent that is not in the array, or a cycle,
 * makes a root; an empty parent is the nearest existing code among AB CD EF H00,
 * AB CD EF 000, AB CD 00 000 and AB 00 00 000. Units whose code is not nine digits, and
 * later duplicates of a code, are left out. A city district listed twice (a CITY_DISTRICT
 * whose parent is a CITY_DISTRICT: Karaganda's "район" rows under their administrations)
 * is one unit with one akim (RULES.md, "One akim, one duty"): its code finds its parent's
 * index, whose code is the parent's, and its children hang under the parent.
 */
struct rules_tree;

struct rules_tree *rules_tree_new(const struct rules_unit *units, size_t n);
void rules_tree_free(struct rules_tree **tree);
size_t rules_tree_size(const struct rules_tree *tree);
/* Index of a code (of the unit it is merged into, for a merged one), or -1. */
int rules_tree_find(const struct rules_tree *tree, const char *code);
/*
 * Whether a unit of type child directly under a unit of type parent is that unit's twin:
 * a city district's "район" row under its administration (Karaganda), one unit with one
 * akim ("One akim, one duty"), so that either code names the same akim and target.
 */
bool rules_twin_types(enum unit_type child, enum unit_type parent);
/* The unit at an index; its parent field is the one resolved. */
const struct rules_unit *rules_tree_unit(const struct rules_tree *tree, int i);
int rules_tree_parent(const struct rules_tree *tree, int i);
/* Children in code order; *n is set to their count. */
const int *rules_tree_children(const struct rules_tree *tree, int i, size_t *n);
/* The nearest unit with an akim at or above code, or NULL (a pointer into the tree). */
const char *rules_akim_unit(const struct rules_tree *tree, const char *code);

/*
 * The coverage rule of an akim and its targets, in code order. Targets point into the
 * tree. Returns 0, or -1 when akim is not in the tree or is a place without an akim.
 * C-3 also counts a city directly under the district (a city of district significance
 * whose administration the classifier does not list, as in Turkistan region) as a
 * target. C-4 of a city, read literally: its city districts (not looking inside them:
 * each has its own akim), or while none are recorded its microdistricts, or while neither
 * is the city proper, or with no city proper row either the city's own unit (a city of
 * district significance without a "г.а." row in KATO); and every village and settlement
 * in its territory at any depth, also inside its rural okrugs and village and settlement
 * administrations, which are not targets themselves (an administration with no village
 * or settlement recorded in it stands for its village). A city wholly divided into city
 * districts (Karaganda, Aktobe, Taraz) is not itself a target.
 */
struct rules_targets {
	const struct rules_coverage	 *rule;
	const struct rules_unit		**v;	/* owned array, borrowed units */
	size_t				  n;
};

int rules_targets(const struct rules_tree *tree, const char *akim, struct rules_targets *out);
void rules_targets_free(struct rules_targets *t);

/* ---- Visits and findings ---------------------------------------------------------- */

/* In the order of enum visit_status (core/visit.h), which callers may cast. */
enum rules_visit_status {
	RULES_PLANNED,
	RULES_ANNOUNCED,
	RULES_HELD,
	RULES_CANCELLED,
	RULES_MOVED,		/* rescheduled: date is the new date; counts as planned */
};

/* A meeting as the rules see it. */
struct rules_visit {
	int			 id;		/* the caller's, copied into findings */
	char			 akim[10];	/* the akim's unit */
	char			 target[10];	/* where it is held: a target or a place in one */
	kz_date			 date;
	bool			 field;
	enum rules_visit_status	 status;
	bool			 unscheduled;	/* U-1: outside the calendar */
	bool			 has_reason;	/* U-1 */
	kz_date			 announced_on;	/* P-4; DATE_NONE: not announced */
	kz_date			 receptions_end; /* last reception after it; DATE_NONE */
	kz_date			 published_on;	/* A-3; DATE_NONE: not published */
	int			 planned_min;	/* T-1; <= 0: unknown */
	int			 report_min;	/* T-1; < 0: unknown */
	bool			 attendance_recorded;	/* M-2 */
	/*
	 * M-2: attendance recorded, and no maslikhat deputy, party, public organisation or
	 * opposition among it (false when any was there or nothing was recorded).
	 */
	bool			 no_broad_audience;
	/* M-2: the office recorded that it invited one or more of those four. */
	bool			 broad_invited;
	/* P-1..P-3 (rules_check_prep) */
	int			 requests;	/* P-2: requests in the pool for it */
	bool			 channels_recorded;	/* P-3: where it was announced */
	/* B-1, A-1 */
	bool			 broadcast;	/* B-1: its links recorded */
	int			 comments;	/* B-1: 0 not recorded, 1 open, 2 closed */
	bool			 no_broadcast;	/* B-1: why not possible, recorded */
	int			 receptions;	/* receptions recorded after it */
};

enum rules_status {
	RULES_OK,
	RULES_MISSING,		/* not done and no longer possible, or not recorded */
	RULES_LATE,		/* done after the deadline */
	RULES_OVERDUE,		/* not done, the deadline past */
	RULES_PENDING,		/* not done, the deadline ahead or today */
	RULES_OVER,		/* T-1: the report took more than its share */
	/* Coverage as of a day (rules_check_coverage_on); RULES_MISSING is the fifth state. */
	RULES_COV_HELD,		/* a meeting at the target in the period is marked held */
	RULES_COV_PLANNED,	/* none held; one is planned on today or later */
	RULES_COV_PAST,		/* none held or ahead; one's date has passed, still planned */
	RULES_COV_OPEN,		/* nothing held or planned, the period not over yet */
};

const char *rules_status_name(enum rules_status s);	/* "ok", "missing", ... */

struct rules_finding {
	const char		*rule;		/* "C-3", "P-4", ...: static */
	const char		*what;		/* the table row's line: static */
	enum rules_status	 status;
	char			 akim[10];	/* the akim's unit; G-1, G-2: the Government's */
	char			 target[10];	/* coverage: the target; visits: the place */
	int			 year;
	enum rules_period	 period;	/* coverage */
	int			 quarter;	/* 1..4; else 0 */
	int			 visit;		/* coverage: earliest visit that counts; visit
						 * rules: the visit; else -1 (rules_visit.id) */
	kz_date			 due;		/* the deadline, or DATE_NONE */
	int			 days;		/* pending: days left; late, overdue: days late */
	int			 value;		/* coverage: visits that count; T-1: report min */
	int			 limit;		/* T-1: planned minutes (value * 4 <= limit) */
	int			 issue;		/* issue deadlines: rules_issue.id; else -1 */
	int			 step;		/* the step's index in its issue; the issue: -1 */
	bool			 recorded;	/* owed for something this store records (a
						 * meeting, an issue, a revision): listed however
						 * long ago it fell due */
};

struct rules_findings {
	struct rules_finding	*v;	/* owned */
	size_t			 n, cap;
};

/* Appends a zeroed finding (visit, issue and step -1, due DATE_NONE) and returns it. */
struct rules_finding *rules_findings_add(struct rules_findings *f);
void rules_findings_free(struct rules_findings *f);
/*
 * The period a finding is owed in, as `kezdesu due` and the open data name it: the
 * rule's ("2026", "2026-H1", A-4's quarter "2026-Q3") for coverage (C-*) and where there
 * is no meeting (date DATE_NONE), else the half-year of the meeting's date. "" for an
 * issue with no deadline, which falls in no period.
 */
void rules_finding_period(const struct rules_finding *f, kz_date date, char per[16]);

/* ---- Coverage (C-1..C-5) ---------------------------------------------------------- */

enum rules_mode {
	RULES_MODE_PLANNED,	/* planned, announced, moved and held visits count */
	RULES_MODE_HELD,	/* only held visits count */
};

/*
 * One finding per akim x target x period of year, OK or MISSING, for akim (or, with
 * subtree, akim and every akim below it, akim may then be the Government; akim NULL:
 * every akim in the tree), in tree
 * order. A visit counts for a target when it is the akim's, its status counts in mode,
 * its date is in the period, it is held at the target or a place inside it, and it is a
 * field meeting where the rule requires one (C-1..C-4). Cancelled visits cover nothing.
 * An unscheduled meeting (U-1) counts on the same terms, so for C-1..C-4 only as a field
 * meeting at the target; for C-5, where no field meeting is required, it counts when held
 * in the akim's own unit. Overwrites *out; returns 0, or -1 when akim is unknown or not
 * an akim's unit.
 */
int rules_check_coverage(const struct rules_tree *tree, const char *akim, bool subtree,
    int year, enum rules_mode mode, const struct rules_visit *visits, size_t nvisits,
    struct rules_findings *out);

/*
 * The same rows as rules_check_coverage, with the state of each target and period as of
 * today (RULES.md, the interpretation under C-1..C-5): RULES_COV_HELD when a meeting that
 * counts for it is marked held; else RULES_COV_PLANNED when one planned, announced or
 * moved has its date today or later; else RULES_COV_PAST when one has its date before
 * today and is still not marked held (it covers nothing); else RULES_COV_OPEN while the
 * period has not ended (today <= its last day), RULES_MISSING after. A finding's visit is
 * the earliest meeting of its state and value how many meetings are in that state.
 */
int rules_check_coverage_on(const struct rules_tree *tree, const char *akim, bool subtree,
    int year, kz_date today, const struct rules_visit *visits, size_t nvisits,
    struct rules_findings *out);

/* Whether a coverage status counts as covered: held, and with planned also planned ahead. */
bool rules_coverage_covered(enum rules_status s, enum rules_mode mode);

/* M-1: the line of a meeting whose date has passed and which is not marked held. */
#define RULES_PAST_NOT_HELD_RULE	"M-1"
#define RULES_PAST_NOT_HELD_WHAT \
	N_("its date has passed and it is still planned: mark it held, moved or cancelled")

/*
 * Per-visit rules on a date, for every visit not cancelled, in visit order:
 * M-1 (planned, announced or moved with its date before today: OVERDUE by the days since
 *     its date, the meeting neither marked held nor moved nor cancelled);
 * U-1 (unscheduled: OK or MISSING reason);
 * P-4 (calendar meetings of a known akim: announced >= 14 or 7 days before is OK, fewer
 *     is LATE by the difference; not announced: PENDING until the day of notice,
 *     OVERDUE after it, MISSING once held or past, or when marked announced with no day);
 * T-1 (held: report_min * 4 <= planned_min OK, else OVER; either unknown MISSING);
 * M-2 (held: attendance by category recorded, else MISSING; recorded with no deputy,
 *     party, public organisation or opposition present, and none of them invited
 *     (broad_invited false): a second M-2 finding, MISSING);
 * A-3 (held: published within 10 calendar days after the later of the meeting and its
 *     receptions OK, later LATE; not published PENDING or OVERDUE).
 * Overwrites *out.
 */
void rules_check_visits(const struct rules_tree *tree, const struct rules_visit *visits,
    size_t nvisits, kz_date today, struct rules_findings *out);

/*
 * B-1 and A-1 for each meeting held, appended to *out (check shows them beside
 * rules_check_visits'):
 * B-1 (broadcast with comments open: OK; not broadcast with the reason it was not
 *     technically possible: OK; neither: MISSING, "where technically possible";
 *     broadcast with comments closed, or not said which: a MISSING of its own);
 * A-1 (a personal reception recorded after it: OK; none: PENDING while its A-3 date
 *     is ahead or today, MISSING after).
 */
void rules_check_b1_a1(const struct rules_visit *visits, size_t nvisits, kz_date today,
    struct rules_findings *out);

/* ---- Deadlines due (K-1, K-3, G-1, G-2, A-4, P-4, A-3) --------------------------- */

/* What an office (or the Government) has done for one year's obligations; DATE_NONE: not. */
struct rules_done {
	int		 year;
	kz_date		 approved;	/* K-1: calendar approved */
	kz_date		 notified;	/* K-1: maslikhat notified */
	kz_date		 submitted;	/* K-3: calendar submitted to the Government */
	kz_date		 forwarded;	/* G-1: calendars to the Administration */
	kz_date		 collected[2];	/* G-2: before 15 February, 15 August */
	kz_date		 quarterly[4];	/* progress for Q1..Q4 of year published */
	unsigned	 commission;	/* P-1: RULES_P1_* of the members of the year's
					 * commission */
};

/* P-1: the bodies the decree names among the commission's members. */
#define RULES_P1_COMMUNITY	1u	/* a community assembly */
#define RULES_P1_COUNCIL	2u	/* a public council */
#define RULES_P1_BOTH		(RULES_P1_COMMUNITY | RULES_P1_COUNCIL)

/*
 * A deadline of a problem issue or of one step of its action plan (A-3 publishes the plan
 * "with concrete deadlines"), for rules_due. The caller passes the open ones only: issues
 * not yet resolved, explained or rejected, and their steps not done.
 */
struct rules_issue {
	int		 id;		/* the caller's, copied into findings' issue */
	int		 step;		/* the step's index; -1: the issue's own deadline */
	char		 unit[10];	/* the unit it concerns (findings' target) */
	kz_date		 deadline;	/* DATE_NONE: none set */
};

/*
 * A correction of an approved calendar (K-2: revision 1, 2, ...; 0 is the approval, K-1)
 * and the day the maslikhat was notified of it, DATE_NONE while it was not.
 */
struct rules_revision {
	int		 year;		/* the calendar's */
	int		 number;	/* >= 1 */
	kz_date		 date;		/* the revision's */
	kz_date		 notified;
};

/*
 * an open problem issue that needs financing at a session of the maslikhat and has
 * no decision recorded yet, for rules_due.
 */
struct rules_financing {
	int		 id;		/* the caller's, copied into findings' issue */
	char		 unit[10];	/* findings' target */
	kz_date		 session;	/* the session's date; DATE_NONE: none set */
};

/*
 * G-3: an open problem issue in the competence of a central executive body, national
 * holding or company (level central), for rules_due in the Government's store.
 */
struct rules_central {
	int		 id;		/* the caller's, copied into findings' issue */
	char		 unit[10];	/* findings' target */
	kz_date		 created;	/* the local day it was recorded */
	int		 noted;		/* the latest quarter with a progress note, as
					 * year * 4 + quarter - 1; -1: none */
};

/* Sets every date of d to DATE_NONE, and records no commission (P-1). */
void rules_done_init(struct rules_done *d, int year);

#define RULES_DUE_AHEAD		30	/* days ahead shown by default */
#define RULES_DUE_BEHIND	365	/* days an obligation stays listed once overdue */

struct rules_due_ctx {
	enum unit_type			 office;	/* the office's akim level; UNKNOWN: none */
	char				 office_code[10]; /* copied into findings' akim */
	bool				 government;	/* G-1, G-2 */
	const struct rules_done		*done;		/* any years; missing: nothing done */
	size_t				 ndone;
	const struct rules_tree		*tree;		/* for the visits' akims (P-4) */
	const struct rules_visit	*visits;
	size_t				 nvisits;
	const struct rules_issue	*issues;	/* open issues and steps */
	size_t				 nissues;
	const struct rules_revision	*revisions;	/* K-2: calendars' corrections */
	size_t				 nrevisions;
	int				 ahead;		/* days; 0: RULES_DUE_AHEAD */
	bool				 commission;	/* P-1: done[].commission is
							 * what the store holds: check it */
	/* A-2, G-3 */
	const struct rules_financing	*financing;	/* */
	size_t				 nfinancing;
	const struct rules_central	*central;	/* G-3: read when government */
	size_t				 ncentral;
};

/*
 * The office's dated obligations concerning year (K-1, K-3, A-4's four quarters; G-1, G-2
 * for the Government; G-2 of reporting year Y falls in Y + 1), each OK (done on time),
 * LATE (done, days late), PENDING (days left) or OVERDUE (days late) as of today, in the
 * table's order; then K-2 for each of ctx->revisions of year: OK once notified, else
 * PENDING on its day and OVERDUE after it (step: its number). Reads ctx->done of year
 * only, and neither visits nor issues. Overwrites *out.
 */
void rules_check_dated(int year, kz_date today, const struct rules_due_ctx *ctx,
    struct rules_findings *out);

/*
 * P-1 for year, appended to *out: one finding for the commission of the office's akim
 * (ctx->office_code; none for the Government), OK when ctx->done of year has members of
 * a community assembly and of a public council; else, with due the date of the year's
 * first meeting of that akim not cancelled (ctx->visits), PENDING while that date is
 * today or later (or, with no meeting, while the year runs), MISSING after; value holds
 * the RULES_P1_* bits lacking.
 */
void rules_check_commission(int year, kz_date today, const struct rules_due_ctx *ctx,
    struct rules_findings *out);

/*
 * P-2 and P-3 of each visit not cancelled, appended to *out in visit order: P-3 for a
 * meeting announced (announced_on set), OK with its channels recorded, else MISSING; P-2
 * for a calendar meeting held (not unscheduled), OK with requests collected for it (value:
 * how many), else MISSING (a notice: none recorded).
 */
void rules_check_prep(const struct rules_visit *visits, size_t nvisits,
    struct rules_findings *out);

/* P-2: whether a request that came on `came` is in time for a meeting on `meeting`. */
bool rules_request_in_time(kz_date came, kz_date meeting);

/* The years rules_due(today, ctx with ahead) reads ctx->done of: pass at least these. */
void rules_due_years(kz_date today, int ahead, int *y0, int *y1);
/*
 * Every obligation not done whose deadline is within ctx->ahead days after today or
 * RULES_DUE_BEHIND days before it: PENDING (days left, 0 on the day) or OVERDUE (days
 * late), and every one done late with its deadline in that window: LATE (days late),
 * sorted by deadline. K-1 (approval, maslikhat notice) and K-3 for REGION and
 * CITY_REP offices; A-4 for every akim's office (the 25th even when it is a weekend: the
 * decree counts calendar dates); G-1 and G-2 for the Government (G-2 of reporting year Y
 * falls due before 15 February and 15 August of Y + 1 and is labelled Y); P-4 for calendar
 * meetings not announced whose date is today or later; A-3 for held meetings not
 * published; M-1 for meetings whose date has passed and that are still planned (OVERDUE
 * since their date); A-3 for the open issues' and steps' deadlines, OVERDUE however long
 * ago (an issue does not stop being owed after a year), and an issue with no deadline
 * at all as MISSING, after the dated ones; K-2 for each revision whose maslikhat notice
 * is not recorded, due on the revision's day and listed until it is notified (finding's
 * step: the revision's number); with ctx->commission, P-1 for each year whose first
 * meeting of the office's akim still ahead falls in the window while its commission lacks
 * members of a community assembly or a public council (PENDING: form it before that
 * meeting). Overwrites *out.
 */
void rules_due(kz_date today, const struct rules_due_ctx *ctx, struct rules_findings *out);
/*
 * Also in rules_due, after the above (rules_check.c, "After the meetings"):
 * A-1 for each meeting held with no reception recorded, due on its A-3 date (PENDING,
 * then OVERDUE while in the window);
 * A-2 for each of ctx->financing with a session date: PENDING while the session is
 * ahead within the window or today, OVERDUE once it has passed with no decision recorded,
 * however long ago;
 * G-3 in the Government's store, for each of ctx->central recorded before the last
 * quarter ended and with no progress note for it: due on the 25th of the month after
 * that quarter, as A-4 (PENDING, then OVERDUE until the next quarter ends).
 */

/*
 * Only the part of rules_due that concerns the issues: A-3 of ctx->issues, A-2 of
 * ctx->financing, G-3 of ctx->central (with ctx->government), in that order, appended to
 * *out unsorted; of the rest of ctx only office_code and ahead are read. A caller may
 * give the issues a few at a time (compliance_due_count counts them one by one, never
 * holding them all) and get, in all, the findings of these rules that rules_due gives.
 */
void rules_due_issues(kz_date today, const struct rules_due_ctx *ctx,
    struct rules_findings *out);
/*
 * The same for what each visit owes on its own: M-1, P-4 (ctx->tree), A-3 of a meeting
 * held and A-1, of ctx->visits, appended unsorted. P-1 is not among them: it looks at
 * every meeting of the year (the first of the office's akim ahead: today or later, neither
 * cancelled nor held), so rules_due must see those meetings together.
 */
void rules_due_visits(kz_date today, const struct rules_due_ctx *ctx,
    struct rules_findings *out);

/* ---- Planning --------------------------------------------------------------------- */

struct rules_planned {
	char			 akim[10];
	char			 target[10];
	const char		*rule;		/* "C-1" .. "C-5" */
	enum rules_period	 period;
	kz_date			 date;
	kz_date			 announce_on;	/* P-4 */
	bool			 field;
};

struct rules_plan {
	struct rules_planned	*v;		/* owned; by date, akim, target */
	size_t			 n, cap;
	struct rules_findings	 unplaced;	/* MISSING: more targets than days */
};

/*
 * Proposes for the office's akim and every akim below it one meeting per target and
 * period that C-1..C-5 require in year. Meetings fall on working days only, never two of
 * one akim on a day, each target in the middle of an equal share of the period's usable
 * days (targets in code order). Usable: the announcement P-4 asks for falls on or after
 * the K-1 deadline (rules_deadline_date: 14 January with the strict reading; a calendar
 * is announced once approved), and is moved back to the previous working day when it
 * would fall on a day off (earlier notice is still notice); so a district's first
 * meeting is not before 28 January. Overwrites *out;
 * returns 0, or -1 when office is unknown or not an akim's unit.
 */
int rules_plan(const struct rules_tree *tree, const char *office, int year,
    const struct holidays_extra *holidays, struct rules_plan *out);
void rules_plan_free(struct rules_plan *plan);

#endif
