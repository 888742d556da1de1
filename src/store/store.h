/*
 * The store: one LMDB environment (a directory) with a named database per record kind,
 * the secondary indexes, the change log and the metadata. The only code that includes
 * lmdb.h. Every user action is one call to store_write(): one durable write transaction,
 * retried after growing the map when it is full.
 */
#ifndef KZ_STORE_H
#define KZ_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/codec.h"
#include "store/state.h"
#include "util/log.h"

enum store_db {
	DB_META,
	DB_UNITS,		/* KATO code -> unit */
	DB_UNITS_BY_PARENT,	/* parent code + code -> "" */
	DB_VISITS,		/* uuid -> visit */
	DB_VISITS_BY_DATE,	/* date (4, big-endian, biased) + uuid -> "" */
	DB_QUESTIONS,		/* uuid -> question */
	DB_QUESTIONS_BY_VISIT,	/* visit uuid + question uuid -> "" */
	DB_ISSUES,		/* uuid -> issue */
	DB_ISSUES_BY_STATUS,	/* status (1) + uuid -> "" */
	DB_ISSUES_BY_DEADLINE,	/* date (4) + uuid -> "" */
	DB_CALENDARS,		/* unit code + year (2, big-endian) -> calendar */
	DB_RECEPTIONS,		/* uuid -> reception */
	DB_HOLIDAYS,		/* date (4) -> movable holiday or transferred day */
	DB_LOG,			/* origin's number (4, DB_NODES) + its sequence (8) -> entry */
	DB_CONFLICTS,		/* conflict records (core/conflict.c) */
	DB_CLOCK_REVIEW,	/* origin (16) + sequence (8) -> clock far ahead, for review */
	DB_NODES,		/* origin node UUID (16) -> its number in this store (4) */
	DB_NODE_IDS,		/* that number (4, big-endian) -> the origin node UUID (16) */
	/*
	 * Derived state, rebuilt from the log: a store opened read-only that lacks these
	 * (last written before they existed) reads them as empty.
	 */
	DB_SEARCH_WORDS,	/* search index (core/search.c): block + word + chunk -> postings */
	DB_SEARCH_DOCS,		/* search index: document chunk -> the records it numbers */
	DB_SEARCH_MOVED,	/* search index: record -> its newest document number */
	DB_QUESTIONS_BY_ISSUE,	/* issue uuid + question uuid -> "" */
	DB_ISSUES_BY_VISIT,	/* visit uuid + issue uuid -> "" (the meeting it was raised at) */
	DB_COUNT
};

struct store;
struct store_txn;

/*
 * The store's format, in meta "format": 2 is the replicated log with per-field stamps. A
 * store of another format is refused at open, never misread.
 */
#define STORE_FORMAT "2"

#define STORE_CREATE 0x1	/* create the directory and the environment if missing */
#define STORE_RDONLY 0x2
#define STORE_MIGRATE 0x4	/* open a store of format 1, for core/migrate.c only */

/* The format of a store opened with STORE_MIGRATE that is not STORE_FORMAT, else NULL. */
const char *store_format_found(const struct store *s);
/* A compact, consistent copy of the store into the new directory dir. */
int store_backup(struct store *s, const char *dir, struct kz_error *e);

/* Creates DIR for a new store; with group != NULL, shared by that Unix group. */
int store_create_dir(const char *dir, const char *group, struct kz_error *e);
int store_open(const char *dir, int flags, struct store **out, struct kz_error *e);
void store_close(struct store **s);
const char *store_dir(const struct store *s);
/* A line about loose permissions found at open, or NULL. */
const char *store_warning(const struct store *s);
/* Drops the map's pages from this process's resident set (after a long listing's pages). */
void store_release_pages(struct store *s);
/* The current map size in bytes (it grows by itself). */
size_t store_map_size(const struct store *s);
/*
 * Grows the map, outside any transaction, so that `extra` bytes beyond the pages in use fit
 * before a large write: store_write then need not run its function again from the start at
 * each doubling (a bulk import redid its work some ten times). Only address space: the file
 * grows as pages are written. An estimate too small is still grown on MDB_MAP_FULL.
 */
int store_reserve(struct store *s, size_t extra, struct kz_error *e);
/*
 * Whether a commit reaches the disk before store_write returns: none of LMDB's flags that
 * trade durability for speed (MDB_NOSYNC, MDB_NOMETASYNC, MDB_MAPASYNC) is set.
 */
bool store_durable(const struct store *s);

/* Whether writes are refused: opened with STORE_RDONLY, or files this user can only read. */
bool store_read_only(const struct store *s);

/* Who makes the changes: recorded in every change-log entry. Strings are copied. */
void store_set_author(struct store *s, const char *user, const char *official);

/* The Unix user making this transaction's changes (NULL when unset). */
const char *store_txn_user(struct store_txn *t);
/* The official's name set for that user (NULL when none). */
const char *store_txn_official(struct store_txn *t);

/*
 * Runs fn in one write transaction and commits it durably. fn reports its own errors by
 * returning -1 after kz_fail(store_txn_error(t), ...). When the map is full, the
 * transaction is aborted, the map grown and fn run again from the start, so fn must do
 * all its work through t. Returns 0 or -1 with e set; on -1 nothing was written.
 */
typedef int (*store_fn)(struct store_txn *t, void *arg);
int store_write(struct store *s, store_fn fn, void *arg, struct kz_error *e);
/* Runs fn in a read transaction (a consistent snapshot). */
int store_read(struct store *s, store_fn fn, void *arg, struct kz_error *e);

/*
 * A read snapshot held open across calls (a screen's read view): every read through it
 * sees one state. End it soon: LMDB keeps the pages it sees from being reused meanwhile.
 */
int store_snapshot_begin(struct store *s, struct store_txn **t, struct kz_error *e);
void store_snapshot_end(struct store_txn **t);

struct kz_error *store_txn_error(struct store_txn *t);
struct store *store_txn_store(struct store_txn *t);
/* The wall clock at the start of the transaction (KEZDESU_NOW in tests). */
int64_t store_txn_now(struct store_txn *t);

/*
 * Gets a value: 0 with val and len pointing into the map (valid until the transaction ends),
 * 1 when absent, -1 on error. Keys are at most 511 bytes.
 */
int store_get(struct store_txn *t, enum store_db db, const void *key, size_t klen,
    const void **val, size_t *len);
int store_put(struct store_txn *t, enum store_db db, const void *key, size_t klen,
    const void *val, size_t len);
/* 0, also when the key was absent; -1 on error. */
int store_del(struct store_txn *t, enum store_db db, const void *key, size_t klen);
/* Empties a database (the migration rebuilds indexes from scratch). */
int store_clear(struct store_txn *t, enum store_db db);
/* Number of entries in a database. */
size_t store_count(struct store_txn *t, enum store_db db);
/* The bytes of the pages a database occupies (branch, leaf and overflow pages). */
uint64_t store_db_bytes(struct store_txn *t, enum store_db db);

/*
 * The replicated change log, keyed by (origin node, origin sequence), so that an office's
 * own entries and those received from others live side by side with their origins and
 * clocks unchanged. An entry says which record changed and when; the values are in the
 * record's state (store/state.h), whose paths carry the entry's stamp while nothing later
 * has overwritten them. Own entries also keep the values they replaced (for undo).
 */
struct store_log_entry {
	uint8_t origin[16];
	uint64_t seq;
	uint64_t hlc;
	unsigned kind;			/* the record database (enum store_db) */
	const uint8_t *key;
	size_t klen;
	const char *user, *official;	/* not NUL-terminated: with their lengths */
	size_t user_len, official_len;
	const uint8_t *before;		/* own entries: the replaced paths (state.h encoding) */
	size_t before_len;
};

/*
 * Origins are named in stored stamps and log keys by a small number of this store's own
 * (DB_NODES), not by their 16-byte UUID: the few offices a store hears of are numbered as
 * they first appear. The numbers never leave the store; changes exchanged carry UUIDs.
 */
void store_state_nodes(struct store_txn *t, struct state_nodes *n);

/* Stamps a local change of record (kind, key) and appends its log entry. */
int store_log_local(struct store_txn *t, enum store_db kind, const void *key, size_t klen,
    const uint8_t *before, size_t before_len, struct stamp *st);
/* Appends an entry received from elsewhere, origin, sequence and clock unchanged. */
int store_log_put(struct store_txn *t, const struct store_log_entry *e);
/* 0 and *e (pointing into the map until the transaction ends), 1 absent, -1 error. */
int store_log_get(struct store_txn *t, const uint8_t origin[16], uint64_t seq,
    struct store_log_entry *e);
/* Decodes a log value read by a cursor on DB_LOG. */
int store_log_decode(struct store_txn *t, const void *key, size_t klen, const void *val,
    size_t vlen, struct store_log_entry *e);
/*
 * Calls fn for each entry of origin with a sequence from `from` on, in order; a non-zero
 * return of fn stops the walk and is returned. 0 when all were seen, -1 on error.
 */
typedef int (*store_log_fn)(struct store_txn *t, const struct store_log_entry *e, void *arg);
int store_log_walk(struct store_txn *t, const uint8_t origin[16], uint64_t from,
    store_log_fn fn, void *arg);
/* The highest sequence number of origin in the log (0: none). */
int store_log_last(struct store_txn *t, const uint8_t origin[16], uint64_t *seq);
/* This store's node UUID. */
int store_node(struct store_txn *t, uint8_t node[16]);

/*
 * The clock's receive rule: the next local stamp is above every stamp seen, local or
 * imported. Returns 1 when hlc is more than a day ahead of this machine's wall clock (the
 * caller applies it and records it for review), 0 otherwise, -1 on error.
 */
int store_clock_observe(struct store_txn *t, uint64_t hlc);

/* The version vector: for each origin in the log, its highest sequence number. */
struct store_vv {
	struct {
		uint8_t origin[16];
		uint64_t seq;
	} *v;
	size_t n, cap;
};
int store_vv_read(struct store_txn *t, struct store_vv *vv);
void store_vv_free(struct store_vv *vv);

/*
 * The generation: LMDB's last committed transaction id, read without a transaction, so that
 * a screen notices another process's commit for the cost of one call.
 */
uint64_t store_generation(struct store *s);

/*
 * Secrets in files beside data.mdb (the node's signing key), never inside it: 0600, or 0640
 * in a group store. Reading needs exactly n bytes.
 */
int store_secret_write(struct store *s, const char *name, const void *p, size_t n,
    struct kz_error *e);
int store_secret_read(struct store *s, const char *name, void *p, size_t n, struct kz_error *e);
void store_secret_remove(struct store *s, const char *name);

/* Metadata: small named values. */
int store_meta_get(struct store_txn *t, const char *name, const void **val, size_t *len);
int store_meta_put(struct store_txn *t, const char *name, const void *val, size_t len);

/* Cursors: iteration in key order within one transaction. */
struct store_cursor;
int store_cursor_open(struct store_txn *t, enum store_db db, struct store_cursor **c);
void store_cursor_close(struct store_cursor **c);
/*
 * Positions at the first key >= key (key NULL: the first key), or, with `last`, at the last
 * key with the given prefix (key NULL: the last key). Returns 0 positioned, 1 none, -1 error.
 */
int store_cursor_seek(struct store_cursor *c, const void *key, size_t klen);
int store_cursor_seek_last(struct store_cursor *c, const void *prefix, size_t plen);
/* The current entry; then step with next/prev: 0 moved, 1 at the end, -1 error. */
int store_cursor_get(struct store_cursor *c, const void **key, size_t *klen, const void **val,
    size_t *vlen);
int store_cursor_next(struct store_cursor *c);
int store_cursor_prev(struct store_cursor *c);

/* The hybrid logical clock: wall milliseconds << 16 | counter. */
uint64_t hlc_next(uint64_t prev, int64_t wall_ms);

/* Big-endian key pieces, so that LMDB's byte order is numeric order. */
void store_be32(uint8_t *p, uint32_t v);
void store_be64(uint8_t *p, uint64_t v);
uint64_t store_get_be64(const uint8_t *p);
uint32_t store_get_be32(const uint8_t *p);
/* A date as a key: biased so that negative days sort before positive ones. */
void store_key_date(uint8_t *p, int32_t days);
int32_t store_get_key_date(const uint8_t *p);

#endif
