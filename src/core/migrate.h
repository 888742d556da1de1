/*
 * A store of format 1 (kezdesu 0.1.0: values were the bare record, the change log held the
 * values) rewritten in format 2 in one transaction, after a whole copy of it is taken:
 * every record read and saved again as a change of this office, the indexes rebuilt, the
 * signing key moved out of data.mdb into node.key. The old change log stays in the store,
 * unread, as the history of what came before.
 */
#ifndef KZ_MIGRATE_H
#define KZ_MIGRATE_H

#include <stddef.h>

#include "core/record.h"
#include "util/log.h"

struct migrate_stats {
	size_t records;
};

/*
 * s must have been opened with STORE_MIGRATE (office_open's OFFICE_MIGRATE). backup: a new
 * directory for the copy of the old store. On failure the store is as it was.
 */
int migrate_store(struct store *s, const char *backup, struct migrate_stats *st,
    struct kz_error *e);

#endif
