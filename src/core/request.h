/*
 * P-2: the requests and proposals of the population collected before a meeting (the pool
 * of problem issues, P-1's commission collects it). A request is a question with source
 * "pool" and the channel it came through; it belongs to the meeting it is for, or, taken
 * before that meeting is chosen, to a unit, and is assigned to its meeting later. Problem
 * issues link requests as they link questions (issue_link).
 */
#ifndef KZ_REQUEST_H
#define KZ_REQUEST_H

#include <stdbool.h>

#include "core/date.h"
#include "core/question.h"
#include "core/record.h"
#include "util/log.h"
#include "util/uid.h"

/*
 * Adds q as a request received on `date` (DATE_NONE: today): its source becomes the pool.
 * Refused: no channel, neither a meeting (q->visit) nor a unit (q->unit), a unit not in
 * the office's territory, a date in the future, a date after the meeting's (the pool is
 * collected before it), a cancelled meeting. Sets q->id.
 */
int request_add(struct store *s, struct question *q, kz_date date, struct kz_error *e);
/* The same in the caller's transaction (the demo's bulk work). */
int request_add_tx(struct store_txn *t, struct question *q, kz_date date);
/*
 * Gives a request its meeting (also another one than it had): refused for a question that
 * is not a request, a cancelled or withdrawn meeting, and a meeting held before the
 * request came.
 */
int request_assign(struct store *s, const struct kz_uuid *request, const struct kz_uuid *visit,
    struct kz_error *e);
/*
 * The requests in the order they were saved: of one meeting (visit not NULL), without a
 * meeting yet (unassigned), or all. Without a meeting they have no index of their own, so
 * all questions are read, a page at a time.
 */
int request_list(struct store *s, const struct kz_uuid *visit, bool unassigned,
    struct rec_array *out, struct kz_error *e);
/* The requests of one meeting (P-2 in check), in the caller's read transaction. */
int request_count_tx(struct store_txn *t, const struct kz_uuid *visit, int *n);
/* The local day a request came (its asked_ms). */
kz_date request_date(const struct question *q);

#endif
