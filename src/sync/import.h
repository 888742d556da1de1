/*
 * kezdesu import: a bundle from a trusted peer applied to this store (issue 10, "Import").
 *
 * Before anything is written: the file is verified (sync/bundle.h: magic, version, sizes,
 * hash, header, features, zip-bomb guards) with the key of the peer its header names (an
 * origin that is not a peer is untrusted; a peer whose node or key changed is refused
 * until it is removed and added again), and its destination must be this office (its unit,
 * and its node when the bundle names one). Then every change is applied in one write
 * transaction (rec_apply), with the receipt (peer_note_received_tx): all of it, or nothing.
 *
 * A bundle applied here before (its hash among the last PEER_APPLIED_MAX applied from the
 * same peer, core/peer.h) is not read past its verification: it changes nothing and says
 * so. Any other bundle, an older one or a --full one, is read and applied, its changes
 * already here skipped (rec_apply's log lookup); its receipt never moves the peer's state
 * back (the highest per origin is kept). The import notes what arrived from the peer
 * (peer_note_applied_tx: the receipt sent back to it) and lowers other peers'
 * acknowledgements over changes that arrived late (peer_note_late_tx). A bundle addressed
 * to another office is refused (BUNDLE_EDEST); one for anyone (`bundle write-all` without
 * --to) is accepted from a peer.
 */
#ifndef KZ_IMPORT_H
#define KZ_IMPORT_H

#include <stdbool.h>
#include <stdint.h>

#include "sync/bundle.h"
#include "sync/export.h"
#include "util/log.h"

struct store;

struct import_opts {
	sync_progress_fn progress;	/* NULL: none */
	void *progress_ctx;
};

struct import_result {
	char origin_unit[10];		/* the office it came from */
	uint64_t changes;		/* in the bundle */
	uint64_t added;			/* changes that made a record new here */
	uint64_t changed;		/* changes to records already here */
	uint64_t skipped;		/* changes already here */
	uint64_t conflicts;		/* concurrent edits kept for review (kezdesu conflicts) */
	uint64_t clock_ahead;		/* changes stamped more than a day ahead of this clock */
	bool already;			/* the whole bundle was here: not read past verification */
};

/*
 * Imports the bundle at path: BUNDLE_OK with r filled, or why it was refused (enum
 * bundle_err: BUNDLE_EDEST for another office's bundle, BUNDLE_EUNTRUSTED for an origin
 * not trusted or a changed key, BUNDLE_EIO also for a store that cannot be written) with e
 * holding "PATH: reason". The store is unchanged on refusal.
 */
int import_file(struct store *s, const char *path, const struct import_opts *o,
    struct import_result *r, struct kz_error *e);

#endif
