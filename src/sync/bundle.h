/*
 * Bundle files (*.kzb): the changes one office sends another, signed by its node
 * (docs/bundle-format.md gives every byte). A writer streams changes into a file with flat
 * memory; a reader checks the magic, the version, the sizes, the hash, the header, its
 * required features and the signature before it hands out a single change, then reads the
 * changes one at a time.
 *
 * The reader reads the file twice: once to hash and verify it, once to hand out the
 * changes, hashing again as it goes. Buffering a verified bundle would cost memory that
 * grows with it (a million changes are some 100 MB unpacked); a second read costs a pass
 * over a file the page cache holds. The second hash is compared with the first at the end,
 * so that a file changed between the two reads (a USB stick written meanwhile) is refused
 * by the last bundle_next: an import that applies inside one transaction and commits only
 * when bundle_next returned 0 applies exactly what was verified, or nothing.
 */
#ifndef KZ_BUNDLE_H
#define KZ_BUNDLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/record.h"
#include "util/log.h"

#define BUNDLE_MAGIC "\x89KZB\r\n\x1a\n"	/* 8 bytes */
#define BUNDLE_MAJOR 1
#define BUNDLE_MINOR 0
#define BUNDLE_PREAMBLE 24	/* magic 8, major 2, minor 2, header length 4, body length 8 */
#define BUNDLE_HASH 32		/* BLAKE2b-256 */
#define BUNDLE_SIG 64		/* Ed25519 */
#define BUNDLE_TRAILER (BUNDLE_HASH + BUNDLE_SIG)
#define BUNDLE_HEADER_MAX (4u << 20)	/* bytes of the header */
#define BUNDLE_CHANGE_MAX (8u << 20)	/* bytes of one change */
/* The zip-bomb guard: unpacked bytes at most 1 MiB + 100 times the compressed body. */
#define BUNDLE_RATIO_MAX 100
#define BUNDLE_RATIO_SLACK (1u << 20)
#define BUNDLE_WINDOW_LOG_MAX 23	/* zstd window: at most 8 MiB to unpack */

/* Why a bundle is refused: each reason its own code (and exit status of bundle verify). */
enum bundle_err {
	BUNDLE_OK = 0,
	BUNDLE_EIO,		/* the file could not be read or written */
	BUNDLE_ENOTBUNDLE,	/* no bundle magic */
	BUNDLE_ETRUNCATED,	/* shorter than its sizes say */
	BUNDLE_ECORRUPT,	/* the hash does not match, or the content is malformed */
	BUNDLE_EBADSIG,		/* the signature does not verify with the origin's key */
	BUNDLE_EVERSION,	/* a major version this program does not read */
	BUNDLE_EFEATURE,	/* a required feature this program lacks */
	BUNDLE_EZIPBOMB,	/* unpacks beyond what it declares, or declares beyond the limit */
	BUNDLE_EHEADER,		/* a header larger than BUNDLE_HEADER_MAX */
	BUNDLE_EUNTRUSTED,	/* no key to check it with (bundle_key_fn refused the origin) */
	BUNDLE_EDEST,		/* addressed to another office (sync/import.h) */
};

/* An origin and a sequence: a version vector's entry, or an acknowledgement. */
struct bundle_seq {
	uint8_t origin[16];
	uint64_t seq;
};

struct bundle_header {
	unsigned major, minor;		/* as read; the writer writes BUNDLE_MAJOR.BUNDLE_MINOR */
	char **required, **optional;	/* feature names */
	size_t nrequired, noptional;
	uint8_t origin[16];		/* the origin node */
	char origin_unit[10];
	uint8_t origin_pk[32];		/* its Ed25519 public key */
	char dest_unit[10];		/* "" when the bundle is for anyone */
	bool has_dest_node;
	uint8_t dest_node[16];
	struct bundle_seq *vv;		/* the origin's version vector */
	size_t nvv;
	/*
	 * Acknowledgements: per origin, the highest sequence among the changes that arrived at
	 * the origin of this bundle in bundles from the destination (the receipts; core/peer.c,
	 * peer_known_vv, says what they prove).
	 */
	struct bundle_seq *acks;
	size_t nacks;
	/*
	 * What the acknowledgements answer (optional, tag 13): the hash of the last bundle from
	 * the destination that the origin applied (core/peer.c, peer_note_answer_tx: the
	 * destination takes the acknowledgements only as far as that bundle can vouch for).
	 */
	bool has_answers;
	uint8_t answers[32];
	uint64_t changes;		/* number of changes */
	uint64_t raw_bytes;		/* bytes of the change stream unpacked (framing included) */
	uint64_t created_ms;		/* Unix milliseconds */
	uint64_t body_bytes;		/* read only: the compressed body's length */
};

/* Frees the names and lists of a header the reader filled (not one the caller built). */
void bundle_header_clear(struct bundle_header *h);

/* ---- writing ---- */

struct bundle_writer;

/*
 * Starts a bundle that bundle_writer_finish writes to out (name for messages). h gives
 * everything but the counts and must stay valid until finish; sk is the origin's Ed25519
 * secret key (64 bytes, copied and wiped at free). The changes are compressed into an
 * unnamed temporary file meanwhile, so memory stays flat and out is written in one
 * sequential pass (a pipe will do). level: zstd's (0: the default, 3).
 */
int bundle_writer_open(struct bundle_writer **w, FILE *out, const char *name,
    const struct bundle_header *h, const uint8_t sk[64], int level, struct kz_error *e);
/* Adds one change in the store's encoding (rec_change_export's bytes). */
int bundle_writer_add(struct bundle_writer *w, const uint8_t *change, size_t n,
    struct kz_error *e);
/* Writes preamble, header, body and trailer to out and flushes it. */
int bundle_writer_finish(struct bundle_writer *w, struct kz_error *e);
uint64_t bundle_writer_count(const struct bundle_writer *w);
/* The hash of the bundle written (its trailer's, what bundle_digest reads), after finish. */
const uint8_t *bundle_writer_digest(const struct bundle_writer *w);
void bundle_writer_free(struct bundle_writer **w);

/* ---- reading ---- */

struct bundle_reader;

/*
 * The origin's public key, for the signature: 0 with pk filled, or -1 with e set (an
 * origin not trusted, or a key that changed: core/peer.c). NULL instead of a function:
 * the key the header carries, which proves the bundle whole, not who sent it.
 */
typedef int (*bundle_key_fn)(void *ctx, const struct bundle_header *h, uint8_t pk[32],
    struct kz_error *e);

/*
 * Opens and verifies a bundle: BUNDLE_OK and *out, or the reason (enum bundle_err) with e
 * holding "NAME: what". fp must be seekable; it stays the caller's.
 */
int bundle_open_file(FILE *fp, const char *name, bundle_key_fn key, void *ctx,
    struct bundle_reader **out, struct kz_error *e);
/* The same on the file at path (opened and closed by the reader). */
int bundle_open(const char *path, bundle_key_fn key, void *ctx, struct bundle_reader **out,
    struct kz_error *e);
const struct bundle_header *bundle_header_of(const struct bundle_reader *r);
/* The verified hash: what identifies the bundle (a replay is the same hash again). */
const uint8_t *bundle_digest(const struct bundle_reader *r);
/*
 * The next change, decoded into c (pointing into the reader's buffer until the next call):
 * 1; 0 at the end, when every check passed (the count, the sizes, the second hash); -1
 * with e set and bundle_failure telling why.
 */
int bundle_next(struct bundle_reader *r, struct rec_change *c, struct kz_error *e);
/* The raw bytes of the change bundle_next last returned. */
const uint8_t *bundle_change_bytes(const struct bundle_reader *r, size_t *n);
enum bundle_err bundle_failure(const struct bundle_reader *r);
void bundle_close(struct bundle_reader **r);

#endif
