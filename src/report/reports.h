/*
 * The decree's publications built on report.h (issue 9):
 *  - A-3, the results of meetings and receptions: the meetings held, attendance by
 *    category (M-2), questions by topic with their shares and how many were answered on
 *    the spot, the problem issues and the action plan (measures, deadlines, executors);
 *  - A-4, the quarter's progress on the problem issues raised at meetings.
 *
 * They read the store through core's functions only, build the document in its own
 * language (report/lang.h) and leave the store as it was: marking a publication is a
 * separate core call (publish_results in core/publish.h, calendar_apply for A-4).
 *
 * Personal data: citizens' names and contacts are never read into a document, nor the
 * questions' texts (where a name may have been typed); counts of one rural unit follow
 * report_count (<3), and totals and shares over such counts are taken without the hidden
 * ones (marked *), so that a hidden count cannot be recovered as a difference.
 */
#ifndef KZ_REPORT_REPORTS_H
#define KZ_REPORT_REPORTS_H

#include <stddef.h>

#include "core/date.h"
#include "report/report.h"
#include "util/log.h"
#include "util/uid.h"

struct store;

/* What report results covers: the meetings given, or those held in a period. */
struct report_results_scope {
	const struct kz_uuid *visits;	/* these meetings (each must be held), or */
	size_t nvisits;
	kz_date from, to;		/* when nvisits is 0: every meeting held from..to */
};

/*
 * builds the results document in lang ("kk", "ru", "en") as of today into *doc, and
 * the meetings it covers into *ids (n of them; malloc'd, for publish_results). 0, or -1
 * with e set (a meeting not found, not held, none in the period); nothing is returned then.
 */
int report_results(struct store *s, const struct report_results_scope *sc, const char *lang,
    kz_date today, struct report_doc **doc, struct kz_uuid **ids, size_t *n,
    struct kz_error *e);

/* "YYYY-Qn" (n 1 to 4): 0, or -1. */
int report_parse_quarter(const char *s, int *year, int *q);

/*
 * the progress document of quarter q of year, in lang, published today: every problem
 * issue raised at a meeting held by the quarter's end that was not closed before the
 * quarter began, its status, what was done in the quarter (steps done, the quarter's
 * progress note, status changes), what remains (steps not done), overdue ones marked;
 * solved, in work, explained and rejected counted; all as at the quarter's last day, a
 * change after it noted beside the status. 0, or -1 with e set.
 *
 * The issues' table is streamed (report_table_stream): *doc holds a read view of s and a
 * small key per issue, and reads each issue again as the table is rendered; free the
 * document before s is closed.
 */
int report_quarterly(struct store *s, int year, int q, const char *lang, kz_date today,
    struct report_doc **doc, struct kz_error *e);

#endif
