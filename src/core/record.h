/*
 * What every record kind shares: its description (schema.h), its primary key and its
 * secondary index entries. rec_save() writes a record, its change-log entry and keeps
 * every index consistent with it, in the caller's write transaction.
 */
#ifndef KZ_RECORD_H
#define KZ_RECORD_H

#include <stddef.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/schema.h"
#include "store/store.h"
#include "util/uid.h"

#define REC_KEY_MAX 64

struct rec_key {
	uint8_t b[REC_KEY_MAX];
	size_t n;
};

/* Calls emit for each index entry of obj (index database and key). */
typedef void (*rec_emit_fn)(void *ctx, enum store_db idx, const struct rec_key *k);

struct rec_kind {
	enum store_db db;
	const struct schema_record *desc;
	void (*key)(const void *obj, struct rec_key *k);
	void (*indexes)(const void *obj, rec_emit_fn emit, void *ctx);	/* may be NULL */
	/*
	 * The tags the key is made of (bits; 0: tag 1). Every change of the record carries
	 * them, so that a change that arrives before the record's creation still makes a
	 * record that knows its own key.
	 */
	uint64_t identity;
	/*
	 * The fields `indexes` reads (NULL: all): a change applied decodes only these to find
	 * the index entries. tests/unit/test_records.c checks them against a full decode.
	 */
	const char *const *index_fields;
};

/* The tags of kind's index_fields as bits (0: every field). */
uint64_t rec_index_tags(const struct rec_kind *kind);

/*
 * Writes obj (new or changed) as a local change: the paths that differ from the stored state
 * (store/state.h) get this change's stamp, fields no longer there become tombstones, set
 * elements without an id get one; one log entry records it, with the replaced values (for
 * undo); the indexes follow. Nothing differs: nothing is written.
 */
int rec_save(struct store_txn *t, const struct rec_kind *kind, void *obj);
/* rec_save as if nothing were stored under obj's key (the migration from format 1). */
int rec_save_fresh(struct store_txn *t, const struct rec_kind *kind, void *obj);
/* The tags of d's lists that are sets (their elements carry STATE_EID_TAG), as bits. */
uint64_t rec_set_mask(const struct schema_record *d);
/* The record kind stored in database db, or NULL (core/kinds.c). */
const struct rec_kind *rec_kind_of(unsigned db);

/*
 * A change as offices exchange it: the log entry (origin, sequence, clock, record, author)
 * and the paths that still carry its stamp, each with its value (none: a tombstone) and
 * the stamp it replaced at its origin.
 */
struct rec_change_path {
	bool has_stamp;		/* a stamp of its own (an identity path), not the entry's */
	struct stamp st;
	const uint8_t *path;
	size_t plen;
	bool present;
	const uint8_t *val;
	size_t vlen;
	bool has_prev;
	struct stamp prev;
};

struct rec_change {
	struct store_log_entry e;	/* pointers into the decoded bytes */
	struct rec_change_path *p;
	size_t np, cap;
};

/* Writes the change of log entry (origin, seq) into out: 0, 1 no such entry, -1 error. */
int rec_change_export(struct store_txn *t, const uint8_t origin[16], uint64_t seq,
    struct codec_buf *out);
/* Reads a change; c points into p[0..n). */
int rec_change_decode(const uint8_t *p, size_t n, struct rec_change *c, struct kz_error *e);
void rec_change_free(struct rec_change *c);
/*
 * Applies a change from elsewhere: per path, the higher stamp (clock, then origin) wins;
 * concurrent edits of one field keep the loser as a conflict (core/conflict.h); the entry
 * is logged under its own origin and sequence. 0 applied, 1 already here, -1 error.
 */
int rec_apply(struct store_txn *t, const struct rec_change *c);
/*
 * Undoes a local change of record (kind, k): writes back the values its log entry's
 * `before` holds (store.h) as a new change. A path whose stamp is none of of[0..nof) (the
 * change's own, and those of the changes undone since; nof 0: no check) was set again by a
 * later change, and refuses the undo. A change that made the record is undone by setting
 * its `withdrawn` field (*withdrew then true); a kind without one is refused. 0, or -1 with
 * the error in t.
 */
int rec_restore_tx(struct store_txn *t, const struct rec_kind *kind, const struct rec_key *k,
    const struct stamp *of, size_t nof, const uint8_t *before, size_t blen, bool *withdrew);

/*
 * Clears the date or text field `name` of obj (a tombstone once saved): 0, or -1 with "KIND
 * has no date or text field 'NAME' to clear". Whether the record may lack it is its
 * validation's say.
 */
int rec_clear_field(const struct rec_kind *kind, void *obj, const char *name, struct kz_error *e);
/* Reads the record with key k into obj (initialised by this call): 0, 1 absent, -1 error. */
int rec_load(struct store_txn *t, const struct rec_kind *kind, const struct rec_key *k, void *obj);
/* Decodes a value read from kind's database into obj (initialised by this call). */
int rec_decode(struct store_txn *t, const struct rec_kind *kind, const void *val, size_t len,
    void *obj);

/*
 * rec_decode of the top-level fields whose tags are set in tags only (schema_decode_only):
 * for reading many records without copying the texts nobody reads; never written back.
 */
int rec_decode_only(struct store_txn *t, const struct rec_kind *kind, const void *val,
    size_t len, uint64_t tags, void *obj);

void rec_key_bytes(struct rec_key *k, const void *p, size_t n);
void rec_key_date(struct rec_key *k, int32_t date);



/* A growable array of records of one kind (items owned, freed by rec_array_free). */
struct rec_array {
	void *items;
	size_t n, cap;
};

void rec_array_free(const struct rec_kind *kind, struct rec_array *a);
/* A new zero element at the end, initialised for kind. */
void *rec_array_push(const struct rec_kind *kind, struct rec_array *a);

/*
 * Walks index idx from the first key >= from (to the last key < to, when to is not NULL;
 * backwards from the last key < to when reverse), loading the record whose primary key is
 * the last keylen bytes of each index key, at most limit records (0: all).
 */
struct rec_scan {
	enum store_db idx;
	const void *from, *to;
	size_t from_n, to_n;
	size_t keylen;
	bool reverse;
	size_t limit;
	struct rec_key *first;	/* if not NULL: the index key of the first record read */
	struct rec_key *last;	/* if not NULL: the index key of the last record read */
};
int rec_scan(struct store_txn *t, const struct rec_kind *kind, const struct rec_scan *sc,
    struct rec_array *out);

/*
 * Paging through an index without loading all matches: the index keys that start with
 * prefix (plen 0: all), the record's key the last keylen bytes of each. A page is returned
 * in index order (oldest first for time-ordered keys); the cursor remembers its bounds, so
 * that the next call can step to the page before or after it.
 */
enum rec_page_dir { PAGE_LAST, PAGE_BEFORE, PAGE_AFTER, PAGE_FIRST };

struct rec_cursor {
	struct rec_key first, last;	/* the index keys at the current page's ends */
	bool valid;			/* false: no page yet (or it was empty) */
};

int rec_page(struct store_txn *t, const struct rec_kind *kind, enum store_db idx,
    const void *prefix, size_t plen, size_t keylen, struct rec_cursor *cur,
    enum rec_page_dir dir, size_t limit, struct rec_array *out);

/*
 * rec_page for records that pass keep (NULL: all): index pages are read until limit records
 * pass or the index ends, so that leaving records out never makes a page look like the last.
 */
typedef bool (*rec_keep_fn)(const void *obj);
int rec_page_kept(struct store_txn *t, const struct rec_kind *kind, enum store_db idx,
    const void *prefix, size_t plen, size_t keylen, rec_keep_fn keep, struct rec_cursor *cur,
    enum rec_page_dir dir, size_t limit, struct rec_array *out);

/* store_read(s, fn, arg) for a function that fills out; on failure out is left empty. */
int rec_read_list(struct store *s, store_fn fn, void *arg, const struct rec_kind *kind,
    struct rec_array *out, struct kz_error *e);

/* Records keyed by a UUID: read one, a missing one an error "KIND UUID: not found". */
int rec_get_uuid_tx(struct store_txn *t, const struct rec_kind *kind, const struct kz_uuid *id,
    void *obj);
int rec_get_uuid(struct store *s, const struct rec_kind *kind, const struct kz_uuid *id,
    void *obj, struct kz_error *e);

/*
 * Whether the record a field refers to exists (nil: nothing to check): 0, or -1 with
 * "KIND UUID: not found" (the database is kind's; the record is not decoded).
 */
int rec_require_uuid(struct store_txn *t, enum store_db db, const char *kind,
    const struct kz_uuid *id);

/* Reads one record by key in its own read transaction: 0, or -1 with "NAME ID: not found". */
int rec_get(struct store *s, const struct rec_kind *kind, const struct rec_key *k,
    const char *label, void *obj, struct kz_error *e);
#endif
