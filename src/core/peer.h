/*
 * The offices this one exchanges bundles with (issue 10): each trusted by its node UUID,
 * unit and Ed25519 key, read from its identity file (core/identity.h) and confirmed by its
 * fingerprint; and, per peer, the state of the exchange that export and import keep.
 *
 * Local state, never exchanged: peers live in the store's `meta` database (one value per
 * peer, key "peer:" and the node's UUID), like the node's own identity. Nothing writes
 * `meta` through rec_save, so no change-log entry names a peer, and a bundle, made of log
 * entries (rec_change_export), cannot carry one; tests/cli/peer.sh checks `dump` and the
 * log (version vector) are unchanged by peer add and remove.
 *
 * A peer is above or below this office in the KATO tree (core/scope.h); one beside it, or
 * this office itself, is refused. One peer per node and per unit: the same node with the
 * same key again changes nothing; a known node or unit with another key (a reinstalled
 * laptop makes a new node and key) is refused until the peer is removed and added again.
 * Key rotation (a new key announced in a bundle signed with the old one) is not built.
 */
#ifndef KZ_PEER_H
#define KZ_PEER_H

#include <stdbool.h>
#include <stdint.h>

#include "core/identity.h"
#include "core/schema.h"
#include "core/scope.h"
#include "util/log.h"
#include "util/uid.h"

struct store;
struct store_txn;
struct store_vv;

/* One origin's sequence in a version vector as a peer record keeps it. */
struct peer_seq {
	struct kz_uuid origin;
	int64_t seq;
	struct schema_extra extra;
};

struct peer_vv {
	struct peer_seq *v;
	size_t n;
};

/* The hash of a bundle applied from a peer (64 hex digits), for "already here". */
struct peer_digest {
	char *hex;
	struct schema_extra extra;
};

/* How many of the last bundles applied from a peer are remembered by their hash. */
#define PEER_APPLIED_MAX 16

/*
 * A cap on a peer's acknowledgement of one origin (peer_note_late_tx): acknowledgements
 * of that origin are taken only up to seq until the peer answers a bundle made after the
 * cap was set (late number n; see core/peer.c, "What a peer holds").
 */
struct peer_cap {
	struct kz_uuid origin;
	int64_t seq;
	int64_t n;
	struct schema_extra extra;
};

/* A bundle made for a peer: its hash (64 hex digits) and the peer's late number then. */
struct peer_made {
	char *hex;
	int64_t n;
	struct schema_extra extra;
};

struct peer {
	struct kz_uuid node;
	char unit[10];
	char *name_kk, *name_ru;	/* as its identity file named its unit; may be NULL */
	char *key;		/* its Ed25519 public key, 64 hex digits (peer_key) */
	int64_t added_ms;
	/*
	 * The exchange, set by export and import (sync/) through peer_note_sent_tx and
	 * peer_note_received_tx; 0 and empty until the first bundle each way.
	 *  sent_ms, sent_vv: when this office last made a bundle for the peer, and this
	 *    office's version vector then (what the bundle could at most carry).
	 *  recv_ms, recv_vv: when the last bundle from the peer was imported, and the peer's
	 *    version vector in it (what the peer's own store held then: shown, never taken
	 *    for what it holds, see peer_known_vv).
	 *  recv_acks: the acknowledgements the peer's bundles carried (raised, never lowered
	 *    by a bundle; lowered by peer_note_late_tx): per origin, the highest sequence among
	 *    the changes this office sent the peer that arrived there.
	 *  got_vv: per origin, the highest sequence among the changes that arrived here in
	 *    bundles from the peer: the acknowledgements this office's bundles to it carry.
	 *  applied: the hashes of the last PEER_APPLIED_MAX bundles applied from the peer,
	 *    oldest first (import's "already here").
	 * What the peer lacks is what is in scope above peer_known_vv (sync/outbox.h).
	 */
	int64_t sent_ms;
	struct peer_vv sent_vv;
	int64_t recv_ms;
	struct peer_vv recv_vv;
	struct peer_vv recv_acks;
	struct peer_vv got_vv;
	struct peer_digest *applied;
	size_t napplied;
	/*
	 *  caps, late_n: the caps on its acknowledgements set by late arrivals, and how many
	 *    times one was set (a counter: a bundle made after the cap has a higher one).
	 *  made: the last PEER_APPLIED_MAX bundles made for it (export), each with the late_n
	 *    it was made with, oldest first: what its answers are checked against.
	 */
	struct peer_cap *caps;
	size_t ncaps;
	int64_t late_n;
	struct peer_made *made;
	size_t nmade;
	struct schema_extra extra;
};

void peer_free(struct peer *p);
/* The peer's key as 32 bytes: 0, or -1 when the stored text is not 64 hex digits. */
int peer_key(const struct peer *p, uint8_t key[32]);
/* Its identity (for the fingerprint): id->name_* point into p (do not clear id). */
void peer_identity(const struct peer *p, struct identity *id);
/* Its direction from this office's unit. */
enum scope_dir peer_direction(const struct peer *p, const char *office);

/* What peer_add would do with id; filled by peer_check. */
struct peer_verdict {
	enum scope_dir dir;	/* up or down when acceptable */
	bool known;		/* this node is a peer already, with this key: nothing to do */
};

/*
 * Whether id may be trusted: 0 with v filled, or -1 with the reason: this office's own
 * node, a unit beside this one ("unit U is neither above nor below this office's unit O"),
 * "key changed: remove the peer and add it again" for a known node or unit with another
 * key, a known node under another unit.
 */
int peer_check(struct store *s, const struct identity *id, struct peer_verdict *v,
    struct kz_error *e);
/* peer_check, then saves the peer (nothing when known). */
int peer_add(struct store *s, const struct identity *id, struct peer_verdict *v,
    struct kz_error *e);
/* Removes the peer whose unit (nine digits) or node UUID is which; -1 "no peer WHICH". */
int peer_remove(struct store *s, const char *which, struct peer *removed, struct kz_error *e);
/* Every peer, in unit order (owned: peer_list_free). */
int peer_list(struct store *s, struct peer **out, size_t *n, struct kz_error *e);
int peer_list_tx(struct store_txn *t, struct peer **out, size_t *n);
void peer_list_free(struct peer **ps, size_t n);
/* The peer of node: 0, 1 none, -1 error. */
int peer_get_tx(struct store_txn *t, const struct kz_uuid *node, struct peer *p);

/*
 * The exchange state (for sync/): in the caller's write transaction, so that it commits
 * with the bundle's import, or after the bundle's file is written. -1 "no peer NODE" when
 * node is not a peer.
 */
int peer_note_sent_tx(struct store_txn *t, const struct kz_uuid *node, int64_t at_ms,
    const struct store_vv *vv);
/*
 * The peer's bundle imported: its version vector and acknowledgements kept as given (the
 * caller raises them), each acknowledgement cut down to the peer's caps that remain.
 */
int peer_note_received_tx(struct store_txn *t, const struct kz_uuid *node, int64_t at_ms,
    const struct store_vv *vv, const struct store_vv *acks);
/*
 * A bundle made for the peer (export, once its file is in place): its hash (32 bytes) and
 * the late_n of the peer record it was made from, remembered among the last
 * PEER_APPLIED_MAX.
 */
int peer_note_made_tx(struct store_txn *t, const struct kz_uuid *node,
    const uint8_t digest[32], int64_t late_n);
/*
 * The peer's bundle names the last bundle from this office that it applied (its hash, 32
 * bytes; before peer_note_received_tx): the caps set before that bundle was made go.
 * A hash not among those made (too old, from a copy made by export_write, or unknown)
 * removes none: the acknowledgements stay capped.
 */
int peer_note_answer_tx(struct store_txn *t, const struct kz_uuid *node,
    const uint8_t answers[32]);
/* The hash (32 bytes) of the last bundle applied from p; false when none. */
bool peer_last_applied(const struct peer *p, uint8_t digest[32]);
/*
 * A bundle from the peer applied here (import, in its transaction): got_vv raised to got
 * (per origin, the highest sequence among the bundle's changes), and the bundle's hash
 * (32 bytes) remembered among the last PEER_APPLIED_MAX.
 */
int peer_note_applied_tx(struct store_txn *t, const struct kz_uuid *node,
    const struct store_vv *got, const uint8_t digest[32]);
/* Whether the bundle of this hash (32 bytes) is among the last applied from p. */
bool peer_applied_has(const struct peer *p, const uint8_t digest[32]);
/*
 * Changes that arrived here late (import, in its transaction): late gives per origin the
 * lowest sequence among the changes the import added to this store. Every peer but
 * except (the one they came from; NULL: none) whose acknowledgement for that origin is at
 * or above it has it lowered to just below, so that the next export to it sends them, and
 * capped there (late_n raised) until it answers a bundle made after this (see
 * peer_known_vv).
 */
int peer_note_late_tx(struct store_txn *t, const struct kz_uuid *except,
    const struct store_vv *late);
/* A kept vector as the store's (store_vv_free it). */
void peer_vv_get(const struct peer_vv *pv, struct store_vv *out);
/*
 * What the peer is known to hold, for export: its acknowledgements (recv_acks), and all
 * of its own changes (its node's sequence INT64_MAX). Its version vector is not used: see
 * core/peer.c.
 */
void peer_known_vv(const struct peer *p, struct store_vv *out);

#endif
