/*
 * What waits to go to a peer: the change-log entries in scope (core/scope.h) for the
 * peer's direction that the peer is not known to hold (above peer_known_vv, core/peer.h).
 * This is export's "what is new"; `kezdesu sync status` shows its count.
 */
#ifndef KZ_OUTBOX_H
#define KZ_OUTBOX_H

#include <stdbool.h>
#include <stdint.h>

#include "core/peer.h"
#include "core/scope.h"
#include "store/store.h"

/*
 * Places the record a log entry changed (kind, key): the units that decide its scope. A
 * question by its meeting's akim and target (a request without one by its unit), a
 * reception by its meeting's, a conflict by the record it is about (pl->kind is that
 * record's; a conflict about a conflict by the record the chain ends at). A record that cannot be placed (its meeting not here yet) gets owner "":
 * it goes nowhere but down with the holidays. 0, or -1 on a store error.
 */
struct outbox_cache;
int outbox_place_tx(struct store_txn *t, unsigned kind, const uint8_t *key, size_t klen,
    struct outbox_cache **cache, struct scope_place *pl);
void outbox_cache_free(struct outbox_cache **cache);

/* Called for each entry waiting; a non-zero return stops the walk and is returned. */
typedef int (*outbox_fn)(struct store_txn *t, const struct store_log_entry *e,
    const struct scope_place *pl, void *arg);
/*
 * Walks the log entries in scope for a peer of unit peer (direction dir from office) with a
 * sequence above known's for their origin (0 when absent), origin by origin in the order of
 * this store's version vector, each origin's in sequence order.
 */
int outbox_walk_tx(struct store_txn *t, const char *office, const char *peer,
    enum scope_dir dir, const struct store_vv *known, outbox_fn fn, void *arg);
/* The number of entries waiting for peer p, in one read transaction. */
int outbox_count(struct store *s, const struct peer *p, uint64_t *n, struct kz_error *e);

#endif
