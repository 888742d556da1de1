/*
 * kezdesu export: a bundle for one peer (issue 10, "Export"), the changes in its scope
 * (core/scope.h) that it is not known to hold (sync/outbox.h), streamed into the bundle
 * writer (sync/bundle.h) so that memory stays flat.
 *
 * What the peer is known to hold is what it acknowledged receiving from this office, and
 * its own changes (peer_known_vv; core/peer.c says why not its version vector). What was
 * sent and never acknowledged does not count: every bundle to a peer carries again
 * whatever the peer has not acknowledged, so bundles to one peer are cumulative, a lost or
 * unread bundle is made good by the next, and any one of them brings the peer up to date.
 * The cost is the size of the repeated changes until the peer's receipt arrives
 * (docs/user-guide.md, "Exchanging with other offices").
 */
#ifndef KZ_EXPORT_H
#define KZ_EXPORT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "core/peer.h"
#include "util/log.h"

struct store;

/* Progress of a long export or import: done of about total units (changes looked at). */
typedef void (*sync_progress_fn)(void *ctx, uint64_t done, uint64_t total);

struct export_opts {
	bool full;			/* everything in scope, whatever the peer holds */
	bool include_personal;		/* citizens' names and contacts too (core/scope.h) */
	int level;			/* zstd's level (0: its default) */
	sync_progress_fn progress;	/* NULL: none */
	void *progress_ctx;
};

struct export_result {
	uint64_t changes;		/* changes in the bundle */
	uint64_t personal;		/* of them, changes whose personal fields were left out */
	uint64_t bytes;			/* the file's size */
	int64_t at_ms;			/* when it was made (its header's created time) */
	uint8_t digest[32];		/* its hash (the trailer's) */
};

/*
 * The peer `to` names: a unit's nine digits, a node's UUID, or "up" for the one peer above
 * this office. 0 with p filled (peer_free it), or -1 with e: "no peer UNIT", "no peer
 * above this office", "several peers above this office: name one (UNIT, UNIT)".
 */
int export_find_peer(struct store *s, const char *to, struct peer *p, struct kz_error *e);

/*
 * The name of a bundle from this office to p when none is given:
 * "OFFICE-to-PEER-YYYYMMDD-HHMMSS.kzb" (local time of Kazakhstan), in dir (NULL: the
 * current directory). Owned by the caller.
 */
char *export_default_name(struct store *s, const struct peer *p, const char *dir,
    struct kz_error *e);

/*
 * Writes the bundle for p to out (name for messages), in one read transaction: 0 with r
 * filled, or -1 with e. Does not note the exchange in the peer (export_to_file does, once
 * the file is in place): for a bundle that is only looked at.
 */
int export_write(struct store *s, const struct peer *p, FILE *out, const char *name,
    const struct export_opts *o, struct export_result *r, struct kz_error *e);

/*
 * The whole export to path: written to PATH.part, synced, renamed into place, then the
 * exchange noted in the peer (peer_note_sent_tx). Nothing is left at path or PATH.part on
 * failure.
 */
int export_to_file(struct store *s, const struct peer *p, const char *path,
    const struct export_opts *o, struct export_result *r, struct kz_error *e);

#endif
