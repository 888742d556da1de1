/*
 * An office's identity as another office receives it: the node UUID (the origin of its
 * changes), its unit and the Ed25519 public key that signs its bundles, in a small text file
 * (`kezdesu identity export`, docs/user-guide.md "Exchanging with other offices"), and the
 * fingerprint people read to each other over the phone before trusting it (`peer add`).
 * Pure: the CLI reads and writes the file; no store here.
 *
 * The file, UTF-8 text, one field a line ("NAME VALUE"), LF or CRLF:
 *
 *   kezdesu-identity 1                        the format and its version: always first
 *   node 0190f3a2-7c41-7d2e-9a3b-5e8f21c4d7a0
 *   unit 613600000
 *   name-kk Бәйдібек ауданы                   optional: the unit's names, for people
 *   name-ru Байдибекский район                optional
 *   key ed25519 <64 lower-case hex digits>    the public key
 *   fingerprint 04182 99310 57734 00212 83145 of node, unit and key (identity_fingerprint)
 *
 * Blank lines and lines starting with # are skipped, and so are fields of other names (a
 * later version's optional additions); node, unit, key and fingerprint are required, once
 * each. A newer version is refused naming it: its fields may mean something else.
 */
#ifndef KZ_IDENTITY_H
#define KZ_IDENTITY_H

#include <stddef.h>
#include <stdint.h>

#include "util/log.h"
#include "util/uid.h"

#define IDENTITY_MAGIC "kezdesu-identity"
#define IDENTITY_VERSION 1
#define IDENTITY_MAX_BYTES 65536	/* a longer file is no identity */

struct identity {
	struct kz_uuid node;
	char unit[10];
	char *name_kk, *name_ru;	/* owned; NULL when the file names none */
	uint8_t key[32];		/* Ed25519 public key */
};

/*
 * The fingerprint: five groups of five decimal digits, "04182 99310 57734 00212 83145".
 * Decision: digits, because they read aloud the same in Kazakh, Russian and English over
 * a bad line, where Latin letters of hex do not. BLAKE2b-256 of "kezdesu-identity-1", the
 * node's 16 bytes, the unit's nine digits and the key's 32 bytes; each group is five bytes
 * of it (big-endian) modulo 100000, 83 bits in all (Signal's safety numbers are made the
 * same way): finding another key with the same fingerprint costs about 2^83 tries.
 */
#define IDENTITY_FP_LEN 30	/* 29 characters and the NUL */
void identity_fingerprint(const struct identity *id, char out[IDENTITY_FP_LEN]);

/* The file's text (malloc'd, NUL-terminated). */
char *identity_format(const struct identity *id);
/*
 * Reads an identity file held in memory (buf need not end in NUL). On bad input returns -1
 * with "FNAME:LINE: reason" (or "FNAME: reason" for what no line holds) and id empty;
 * on success 0 and id filled (free it with identity_clear).
 */
int identity_parse(const char *buf, size_t len, const char *fname, struct identity *id,
    struct kz_error *e);
void identity_clear(struct identity *id);

#endif
