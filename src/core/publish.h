/*
 * Marking what an office published (issue 9): the results of meetings, in one
 * transaction for all the meetings a document covers. The quarterly progress is
 * calendar_apply's CAL_PROGRESS step (core/calendar.h).
 */
#ifndef KZ_PUBLISH_H
#define KZ_PUBLISH_H

#include <stddef.h>

#include "core/date.h"
#include "util/log.h"
#include "util/uid.h"

struct store;

/*
 * the results of the meetings ids[0..n) were published on `on`: each meeting not yet
 * marked gets published_on = on; one marked before keeps its date (the first publication
 * is what A-3's ten days are judged by). All or nothing, in one transaction; refused like
 * visit set --published: a date after today or before a meeting. *marked (if not NULL) is
 * how many were marked now.
 */
int publish_results(struct store *s, const struct kz_uuid *ids, size_t n, kz_date on,
    size_t *marked, struct kz_error *e);

#endif
