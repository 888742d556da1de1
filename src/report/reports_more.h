/*
 * The decree's other publications built on report.h (issue 9), beside reports.h's A-3 and
 *
 *  - K-1, K-3, G-1: the annual calendar of meetings by akim and target, its coverage of
 *    C-1..C-5, its approval, submission and revisions with the maslikhat's notices; in the
 *    Government's store, the regions' calendars together, region by region;
 *  - G-2, G-3: the problem issues of a reporting year in the competence of central
 *    executive bodies, national holdings and companies, by body, with the ways of solving
 *    them and their progress;
 *  - the problem issues that need the maslikhat's financing, with their amounts, for
 *    its next session.
 *
 * As in reports.h: read through core's functions only, the document built in its own
 * language (report/lang.h), the store left as it was. None of them holds personal data:
 * they name units, bodies, executors (officials' offices) and issues, never a citizen.
 */
#ifndef KZ_REPORT_REPORTS_MORE_H
#define KZ_REPORT_REPORTS_MORE_H

#include "core/date.h"
#include "report/report.h"
#include "util/log.h"

struct store;

/*
 * K-1, K-3, G-1: the calendar of year in lang as of today: revision < 0, the calendar's
 * meetings now, their coverage as of today (rules_check_coverage_on, as `check` judges
 * it); revision >= 0, the meetings as that revision recorded them and the coverage they
 * planned. 0, or -1 with e set (no such revision).
 */
int report_calendar(struct store *s, int year, int revision, const char *lang, kz_date today,
    struct report_doc **doc, struct kz_error *e);

/*
 * G-2, G-3: the problem issues of level central raised in reporting year (at a meeting of
 * that year, or recorded in it when raised at none), grouped by body, with their steps and
 * progress notes. 0, or -1 with e set.
 */
int report_central(struct store *s, int year, const char *lang, kz_date today,
    struct report_doc **doc, struct kz_error *e);

/*
 * the open problem issues that need financing at a session of the maslikhat and have
 * no decision yet, for the session of session (DATE_NONE: the next one, the earliest
 * session date from today on), with their amounts and totals; those of earlier or later
 * sessions and those with no session date set listed apart. 0, or -1 with e set.
 */
int report_financing(struct store *s, kz_date session, const char *lang, kz_date today,
    struct report_doc **doc, struct kz_error *e);

#endif
