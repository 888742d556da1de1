/*
 * A record's replicated state: its fields as paths, each with the stamp (hybrid logical
 * clock, origin node) of the change that last set or removed it, and the stamp of the
 * value that change replaced (its "prev", which tells concurrent edits from later ones).
 *
 * A path names either a top-level tag (its fields, all occurrences together: a list that
 * is not a set is one value) or one field of one element of a set: a list whose elements
 * carry a 16-byte element id in tag STATE_EID_TAG. An element exists while its id field
 * (path tag, eid, STATE_EID_TAG) is present; removing the element is a tombstone there, so
 * that two offices adding elements at once keep both, and a removal is carried like any
 * other change. A field cleared is a tombstone too: a path with a stamp and no value.
 *
 * The stored value is the record (version byte first, decodable as it is) followed by the
 * stamps: a table of distinct stamps (clock and the origin's number in this store) and the
 * paths whose stamp is not the most common one, that have a prev, or that are tombstones. A
 * record written in one change costs one stamp (about 12 bytes). This file knows no record kind: which tags are sets is the caller's mask.
 */
#ifndef KZ_STATE_H
#define KZ_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "store/codec.h"

#define STATE_EID_TAG 15	/* the element id of a set element: 16 bytes */
#define STATE_PATH_MAX 40

struct stamp {
	uint64_t hlc;
	uint8_t origin[16];
};

/* Total order: by clock, then by origin UUID bytes. */
int stamp_cmp(const struct stamp *a, const struct stamp *b);
bool stamp_is_zero(const struct stamp *s);

struct state_ent {
	size_t path_off, path_len;	/* in mem */
	size_t val_off, val_len;	/* raw field bytes (key and payload) in mem */
	bool present;			/* false: a tombstone */
	bool has_prev;
	struct stamp st, prev;
};

/* Entries sorted by path bytes; all bytes live in mem. */
struct state {
	struct state_ent *e;
	size_t n, cap;
	struct codec_buf mem;
	uint8_t version;
};

void state_free(struct state *s);
/* Empties s and keeps its buffers for reuse. */
void state_reset(struct state *s);

/* Paths of a top-level tag and of a set element's field. */
size_t state_path_tag(uint8_t *out, unsigned tag);
size_t state_path_elem(uint8_t *out, unsigned tag, const uint8_t eid[16], unsigned sub);
/* Describes a path: its tag, whether it is in a set, the element id and field. */
int state_path_parse(const uint8_t *p, size_t n, unsigned *tag, bool *in_set,
    const uint8_t **eid, unsigned *sub);

/* How a stored value names its stamps' origins: by a small number the caller maps. */
struct state_nodes {
	int (*number)(void *ctx, const uint8_t origin[16], uint64_t *n);	/* adds if new */
	int (*origin)(void *ctx, uint64_t n, uint8_t origin[16]);
	void *ctx;
};

/*
 * Splits a record (version byte first) into paths with zero stamps. sets has bit t set when
 * tag t (< 64) is a set. -1 when the record is corrupt or a set element lacks its id.
 */
int state_explode(struct state *s, const uint8_t *rec, size_t len, uint64_t sets);
/* Reads a stored value (record and stamps). -1 when corrupt or an origin is unknown. */
int state_load(struct state *s, const uint8_t *val, size_t len, uint64_t sets,
    const struct state_nodes *nodes);
/* Appends the record (version byte first) made of the present paths. */
void state_record(const struct state *s, struct codec_buf *out);
/* Appends the stored value: the record, then the stamps. -1 when an origin cannot be numbered. */
int state_store(const struct state *s, struct codec_buf *out, const struct state_nodes *nodes);
/* The same with the record already made by state_record (rec must not point into out). */
int state_store_record(const struct state *s, const uint8_t *rec, size_t rlen,
    struct codec_buf *out, const struct state_nodes *nodes);

/* The index of the entry with this path, or -1. */
ssize_t state_find(const struct state *s, const uint8_t *path, size_t plen);
/* Sets (adds or replaces) the entry of path; val NULL with present false is a tombstone. */
void state_set(struct state *s, const uint8_t *path, size_t plen, bool present,
    const uint8_t *val, size_t vlen, const struct stamp *st, const struct stamp *prev);

static inline const uint8_t *
state_path(const struct state *s, const struct state_ent *e)
{
	return s->mem.p + e->path_off;
}

static inline const uint8_t *
state_val(const struct state *s, const struct state_ent *e)
{
	return s->mem.p + e->val_off;
}

#endif
