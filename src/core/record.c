#include "core/record.h"

#include <stdlib.h>
#include <string.h>

#include "util/xmalloc.h"

void
rec_key_bytes(struct rec_key *k, const void *p, size_t n)
{
	if (k->n + n > REC_KEY_MAX)
		fatal("record key longer than %d bytes", REC_KEY_MAX);
	memcpy(k->b + k->n, p, n);
	k->n += n;
}

void
rec_key_date(struct rec_key *k, int32_t date)
{
	uint8_t b[4];

	store_key_date(b, date);
	rec_key_bytes(k, b, 4);
}

void
rec_key_u64(struct rec_key *k, uint64_t v)
{
	uint8_t b[8];

	store_be64(b, v);
	rec_key_bytes(k, b, 8);
}

struct index_set {
	struct {
		enum store_db db;
		struct rec_key k;
	} *e;
	size_t n, cap;
};

static void
collect(void *ctx, enum store_db idx, const struct rec_key *k)
{
	struct index_set *set = ctx;

	set->e = xgrow(set->e, &set->cap, set->n + 1, sizeof *set->e);
	set->e[set->n].db = idx;
	set->e[set->n].k = *k;
	set->n++;
}

static int
index_has(const struct index_set *set, enum store_db db, const struct rec_key *k)
{
	for (size_t i = 0; i < set->n; i++)
		if (set->e[i].db == db && set->e[i].k.n == k->n &&
		    memcmp(set->e[i].k.b, k->b, k->n) == 0)
			return 1;
	return 0;
}

int
rec_decode(struct store_txn *t, const struct rec_kind *kind, const void *val, size_t len,
    void *obj)
{
	schema_init(kind->desc, obj);
	if (schema_decode(kind->desc, obj, val, len) != 0)
		return kz_fail(store_txn_error(t), KZ_EIO, "store %s: a %s record is corrupt",
		    store_dir(store_txn_store(t)), kind->desc->name);
	return 0;
}

int
rec_load(struct store_txn *t, const struct rec_kind *kind, const struct rec_key *k, void *obj)
{
	const void *v;
	size_t n;
	int rc;

	schema_init(kind->desc, obj);
	if ((rc = store_get(t, kind->db, k->b, k->n, &v, &n)) != 0)
		return rc;
	return rec_decode(t, kind, v, n, obj);
}

int
rec_save(struct store_txn *t, const struct rec_kind *kind, const void *obj)
{
	struct index_set old = { 0 }, cur = { 0 };
	struct codec_buf val = { 0 };
	struct rec_key k = { .n = 0 };
	void *prev = xmalloc(kind->desc->size);
	int rc, found;

	kind->key(obj, &k);
	found = rec_load(t, kind, &k, prev);
	rc = found < 0 ? -1 : 0;
	if (rc == 0 && kind->indexes != NULL) {
		if (found == 0)
			kind->indexes(prev, collect, &old);
		kind->indexes(obj, collect, &cur);
		/* Drop the entries that no longer hold, add the new ones. */
		for (size_t i = 0; rc == 0 && i < old.n; i++)
			if (!index_has(&cur, old.e[i].db, &old.e[i].k))
				rc = store_del(t, old.e[i].db, old.e[i].k.b, old.e[i].k.n);
		for (size_t i = 0; rc == 0 && i < cur.n; i++)
			if (!index_has(&old, cur.e[i].db, &cur.e[i].k))
				rc = store_put(t, cur.e[i].db, cur.e[i].k.b, cur.e[i].k.n, "", 0);
	}
	if (rc == 0) {
		schema_encode(kind->desc, obj, &val);
		rc = store_save(t, kind->db, k.b, k.n, val.p, val.len);
	}
	if (found == 0)
		schema_clear(kind->desc, prev);
	free(prev);
	free(old.e);
	free(cur.e);
	codec_buf_free(&val);
	return rc;
}

void
rec_array_free(const struct rec_kind *kind, struct rec_array *a)
{
	for (size_t i = 0; i < a->n; i++)
		schema_clear(kind->desc, (char *)a->items + i * kind->desc->size);
	free(a->items);
	a->items = NULL;
	a->n = a->cap = 0;
}

void *
rec_array_push(const struct rec_kind *kind, struct rec_array *a)
{
	void *el;

	a->items = xgrow(a->items, &a->cap, a->n + 1, kind->desc->size);
	el = (char *)a->items + a->n++ * kind->desc->size;
	schema_init(kind->desc, el);
	return el;
}

static int
in_range(const struct rec_scan *sc, const uint8_t *k, size_t kn)
{
	size_t m;
	int c;

	if (sc->to != NULL) {
		m = kn < sc->to_n ? kn : sc->to_n;
		c = memcmp(k, sc->to, m);
		if (c > 0 || (c == 0 && kn >= sc->to_n))
			return 0;
	}
	if (sc->from != NULL) {
		m = kn < sc->from_n ? kn : sc->from_n;
		c = memcmp(k, sc->from, m);
		if (c < 0 || (c == 0 && kn < sc->from_n))
			return 0;
	}
	return 1;
}

int
rec_scan(struct store_txn *t, const struct rec_kind *kind, const struct rec_scan *sc,
    struct rec_array *out)
{
	struct store_cursor *c;
	const void *k;
	size_t kn, got = 0;
	int rc;

	if (store_cursor_open(t, sc->idx, &c) != 0)
		return -1;
	if (!sc->reverse) {
		rc = store_cursor_seek(c, sc->from, sc->from_n);
	} else if (sc->to == NULL) {
		rc = store_cursor_seek_last(c, NULL, 0);
	} else {
		/* The last key < to: seek to `to` and step back. */
		rc = store_cursor_seek(c, sc->to, sc->to_n);
		rc = rc == 0 ? store_cursor_prev(c) : rc == 1 ? store_cursor_seek_last(c, NULL, 0) : rc;
	}
	while (rc == 0 && (sc->limit == 0 || got < sc->limit)) {
		struct rec_key pk = { .n = 0 };
		void *obj;

		store_cursor_get(c, &k, &kn, NULL, NULL);
		/* Keys come in order, so the first one out of range ends the walk. */
		if (!in_range(sc, k, kn))
			break;
		if (kn < sc->keylen) {
			rc = kz_fail(store_txn_error(t), KZ_EIO, "store %s: an index of %s holds a "
			    "key of %zu bytes, shorter than a record's key (%zu): the index is "
			    "damaged", store_dir(store_txn_store(t)), kind->desc->name, kn,
			    sc->keylen);
			break;
		}
		rec_key_bytes(&pk, (const uint8_t *)k + kn - sc->keylen, sc->keylen);
		obj = rec_array_push(kind, out);
		if ((rc = rec_load(t, kind, &pk, obj)) != 0) {
			if (rc == 1)
				rc = kz_fail(store_txn_error(t), KZ_EIO, "store %s: an index of %s "
				    "names a missing record", store_dir(store_txn_store(t)),
				    kind->desc->name);
			out->n--;
			break;
		}
		got++;
		rc = sc->reverse ? store_cursor_prev(c) : store_cursor_next(c);
	}
	store_cursor_close(&c);
	return rc < 0 ? -1 : 0;
}

struct get_args {
	const struct rec_kind *kind;
	const struct rec_key *k;
	const char *label;
	void *obj;
};

static int
get_fn(struct store_txn *t, void *arg)
{
	struct get_args *a = arg;
	int rc = rec_load(t, a->kind, a->k, a->obj);

	if (rc == 1)
		return kz_fail(store_txn_error(t), KZ_ENOTFOUND, "%s %s: not found",
		    a->kind->desc->name, a->label);
	return rc;
}

int
rec_get(struct store *s, const struct rec_kind *kind, const struct rec_key *k, const char *label,
    void *obj, struct kz_error *e)
{
	struct get_args a = { kind, k, label, obj };

	return store_read(s, get_fn, &a, e);
}

int
rec_read_list(struct store *s, store_fn fn, void *arg, const struct rec_kind *kind,
    struct rec_array *out, struct kz_error *e)
{
	if (store_read(s, fn, arg, e) == 0)
		return 0;
	rec_array_free(kind, out);
	return -1;
}

int
rec_get_uuid_tx(struct store_txn *t, const struct rec_kind *kind, const struct kz_uuid *id,
    void *obj)
{
	struct rec_key k = { .n = 0 };
	char str[UID_STRLEN];
	int rc;

	rec_key_bytes(&k, id->b, 16);
	if ((rc = rec_load(t, kind, &k, obj)) == 1) {
		uid_format(id, str);
		return kz_fail(store_txn_error(t), KZ_ENOTFOUND, "%s %s: not found",
		    kind->desc->name, str);
	}
	return rc;
}

int
rec_get_uuid(struct store *s, const struct rec_kind *kind, const struct kz_uuid *id, void *obj,
    struct kz_error *e)
{
	struct rec_key k = { .n = 0 };
	char str[UID_STRLEN];

	rec_key_bytes(&k, id->b, 16);
	uid_format(id, str);
	return rec_get(s, kind, &k, str, obj, e);
}

int
rec_require_uuid(struct store_txn *t, enum store_db db, const char *kind,
    const struct kz_uuid *id)
{
	char str[UID_STRLEN];
	const void *v;
	size_t n;
	int rc;

	if (uid_is_nil(id) || (rc = store_get(t, db, id->b, 16, &v, &n)) == 0)
		return 0;
	if (rc < 0)
		return -1;
	uid_format(id, str);
	return kz_fail(store_txn_error(t), KZ_ENOTFOUND, "%s %s: not found", kind, str);
}
