#include "core/record.h"

#include <stdlib.h>
#include <string.h>

#include "core/conflict.h"
#include "core/date.h"
#include "util/xmalloc.h"
#include "util/i18n.h"

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

/* The record inside a stored value (state.h: its length, the record, then the stamps). */
static int
stored_record(const void *val, size_t len, const uint8_t **rec, size_t *rlen)
{
	const uint8_t *p = val, *end = p + len;
	uint64_t n;

	if (codec_get_varint(&p, end, &n) != 0 || n > (uint64_t)(end - p))
		return -1;
	*rec = p;
	*rlen = (size_t)n;
	return 0;
}

int
rec_decode(struct store_txn *t, const struct rec_kind *kind, const void *val, size_t len,
    void *obj)
{
	const uint8_t *rec = NULL;
	size_t rlen = 0;

	schema_init(kind->desc, obj);
	if (stored_record(val, len, &rec, &rlen) != 0 ||
	    schema_decode(kind->desc, obj, rec, rlen) != 0)
		return kz_fail(store_txn_error(t), KZ_EIO, _("store %s: a %s record is corrupt"),
		    store_dir(store_txn_store(t)), kind->desc->name);
	return 0;
}

int
rec_decode_only(struct store_txn *t, const struct rec_kind *kind, const void *val, size_t len,
    uint64_t tags, void *obj)
{
	const uint8_t *rec = NULL;
	size_t rlen = 0;

	schema_init(kind->desc, obj);
	if (stored_record(val, len, &rec, &rlen) != 0 ||
	    schema_decode_only(kind->desc, obj, rec, rlen, tags) != 0)
		return kz_fail(store_txn_error(t), KZ_EIO, _("store %s: a %s record is corrupt"),
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

uint64_t
rec_index_tags(const struct rec_kind *kind)
{
	static uint64_t cache[DB_COUNT];
	static bool known[DB_COUNT];
	uint64_t m = 0;

	if (kind->index_fields == NULL)
		return 0;
	if (kind->db < DB_COUNT && known[kind->db])
		return cache[kind->db];
	for (size_t i = 0; kind->index_fields[i] != NULL; i++) {
		const struct schema_field *f = schema_field_named(kind->desc, kind->index_fields[i]);

		if (f == NULL || f->tag >= 64)
			fatal("%s: no field %s to index", kind->desc->name, kind->index_fields[i]);
		m |= 1ULL << f->tag;
	}
	if (kind->db < DB_COUNT) {
		cache[kind->db] = m;
		known[kind->db] = true;
	}
	return m;
}

uint64_t
rec_set_mask(const struct schema_record *d)
{
	uint64_t m = 0;

	for (size_t i = 0; i < d->nfields; i++) {
		const struct schema_field *f = &d->fields[i];

		if (f->type == SF_LIST && f->tag < 64 &&
		    schema_field_tagged(f->sub, STATE_EID_TAG) != NULL)
			m |= 1ULL << f->tag;
	}
	return m;
}

/*
 * Makes u sort after max: its time and counter bits (the first 64 but the version nibble)
 * become max's plus one, its random bits stay.
 */
static void
eid_after(struct kz_uuid *u, const struct kz_uuid *max)
{
	uint64_t x = store_get_be64(max->b), v;

	if (memcmp(u->b, max->b, 16) > 0)
		return;
	v = ((x >> 16) << 12 | (x & 0xfff)) + 1;	/* 48 bits of ms, 12 of counter */
	x = (v >> 12) << 16 | (x & 0xf000) | (v & 0xfff);
	store_be64(u->b, x);
}

/*
 * Gives every element of a set that has none its id, so that it can be told apart. Sets are
 * stored in id order, which is the order they are shown and numbered in: a new element's
 * id sorts after those already there, even when another process made them in the same
 * millisecond or the clock went back.
 */
static void
assign_eids(struct store_txn *t, const struct schema_record *d, void *obj)
{
	for (size_t i = 0; i < d->nfields; i++) {
		const struct schema_field *f = &d->fields[i], *eid;
		struct kz_uuid max = { { 0 } };
		char *items;
		size_t n;

		if (f->type != SF_LIST || (eid = schema_field_tagged(f->sub, STATE_EID_TAG)) == NULL)
			continue;
		items = *(char **)(void *)((char *)obj + f->off);
		n = *(size_t *)(void *)((char *)obj + f->count_off);
		for (size_t k = 0; k < n; k++) {
			struct kz_uuid *u = (void *)(items + k * f->sub->size + eid->off);

			if (!uid_is_nil(u) && memcmp(u->b, max.b, 16) > 0)
				max = *u;
		}
		for (size_t k = 0; k < n; k++) {
			struct kz_uuid *u = (void *)(items + k * f->sub->size + eid->off);

			if (!uid_is_nil(u))
				continue;
			uid_new(u, store_txn_now(t));
			eid_after(u, &max);
			max = *u;
		}
	}
}

/* Keeps the index entries of a record in step with it: old (NULL: new record) to cur. */
static int
update_indexes(struct store_txn *t, const struct rec_kind *kind, const void *oldobj,
    const void *obj)
{
	struct index_set old = { 0 }, cur = { 0 };
	int rc = 0;

	if (kind->indexes == NULL)
		return 0;
	if (oldobj != NULL)
		kind->indexes(oldobj, collect, &old);
	if (obj != NULL)
		kind->indexes(obj, collect, &cur);
	/* Drop the entries that no longer hold, add the new ones. */
	for (size_t i = 0; rc == 0 && i < old.n; i++)
		if (!index_has(&cur, old.e[i].db, &old.e[i].k))
			rc = store_del(t, old.e[i].db, old.e[i].k.b, old.e[i].k.n);
	for (size_t i = 0; rc == 0 && i < cur.n; i++)
		if (!index_has(&old, cur.e[i].db, &cur.e[i].k))
			rc = store_put(t, cur.e[i].db, cur.e[i].k.b, cur.e[i].k.n, "", 0);
	free(old.e);
	free(cur.e);
	return rc;
}

static int
corrupt(struct store_txn *t, const struct rec_kind *kind)
{
	return kz_fail(store_txn_error(t), KZ_EIO, _("store %s: a stored %s record is corrupt"),
	    store_dir(store_txn_store(t)), kind->desc->name);
}

/* Loads the stored state of (kind, key): 0, 1 when there is none, -1 on error. */
static int
load_state(struct store_txn *t, const struct rec_kind *kind, const struct rec_key *k,
    struct state *st, void *oldobj)
{
	struct state_nodes nodes;
	const uint8_t *rec;
	const void *v;
	size_t n, rlen;
	int rc;

	state_reset(st);
	if ((rc = store_get(t, kind->db, k->b, k->n, &v, &n)) != 0)
		return rc;
	store_state_nodes(t, &nodes);
	if (state_load(st, v, n, rec_set_mask(kind->desc), &nodes) != 0)
		return corrupt(t, kind);
	/* The stored record is read only for its index entries (rec_save and rec_apply). */
	if (oldobj != NULL && (stored_record(v, n, &rec, &rlen) != 0 ||
	    schema_decode_only(kind->desc, oldobj, rec, rlen, rec_index_tags(kind)) != 0))
		return corrupt(t, kind);
	return 0;
}

static bool
same_value(const struct state *a, const struct state_ent *x, const struct state *b,
    const struct state_ent *y)
{
	if (x->present != y->present)
		return false;
	return !x->present || (x->val_len == y->val_len &&
	    memcmp(state_val(a, x), state_val(b, y), x->val_len) == 0);
}

/* An element's id path: the path of the same element with field STATE_EID_TAG. */
static bool
is_elem_field(const uint8_t *p, size_t n, uint8_t *marker, size_t *mlen)
{
	unsigned tag, sub;
	const uint8_t *eid;
	bool in_set;

	if (state_path_parse(p, n, &tag, &in_set, &eid, &sub) != 0 || !in_set)
		return false;
	*mlen = state_path_elem(marker, tag, eid, STATE_EID_TAG);
	return true;
}

/* The undo record of a change: each replaced path with its old value (or absence). */
static void
put_before(struct codec_buf *b, const struct state *s, const uint8_t *path, size_t plen,
    ssize_t at)
{
	codec_put_varint(b, plen);
	codec_put_raw(b, path, plen);
	if (at >= 0 && s->e[at].present) {
		codec_put_varint(b, 1 + s->e[at].val_len);
		codec_put_raw(b, state_val(s, &s->e[at]), s->e[at].val_len);
	} else {
		codec_put_varint(b, 0);
	}
}

static int save(struct store_txn *t, const struct rec_kind *kind, void *obj, bool fresh);

int
rec_save(struct store_txn *t, const struct rec_kind *kind, void *obj)
{
	return save(t, kind, obj, false);
}

int
rec_save_fresh(struct store_txn *t, const struct rec_kind *kind, void *obj)
{
	return save(t, kind, obj, true);
}

static int
save(struct store_txn *t, const struct rec_kind *kind, void *obj, bool fresh)
{
	struct state old = { 0 }, nw = { 0 };
	struct codec_buf val = { 0 }, before = { 0 };
	struct rec_key k = { .n = 0 };
	uint64_t sets = rec_set_mask(kind->desc);
	void *prev = xmalloc(kind->desc->size);
	struct stamp st;
	size_t *changed = NULL, nchanged = 0, cap = 0;
	int rc, found;

	kind->key(obj, &k);
	assign_eids(t, kind->desc, obj);
	schema_init(kind->desc, prev);
	/* A fresh save (the migration) writes over a value of the old format, unread. */
	found = fresh ? 1 : load_state(t, kind, &k, &old, prev);
	rc = found < 0 ? -1 : 0;
	if (rc == 0) {
		schema_encode(kind->desc, obj, &val);
		if (state_explode(&nw, val.p, val.len, sets) != 0)
			rc = corrupt(t, kind);
	}
	/* Paths set or changed: in the new record and not the same in the stored one. */
	for (size_t i = 0; rc == 0 && i < nw.n; i++) {
		ssize_t at = state_find(&old, state_path(&nw, &nw.e[i]), nw.e[i].path_len);

		if (at >= 0 && same_value(&old, &old.e[at], &nw, &nw.e[i]))
			continue;
		changed = xgrow(changed, &cap, nchanged + 1, sizeof *changed);
		changed[nchanged++] = i;
		if (found != 1)
			put_before(&before, &old, state_path(&nw, &nw.e[i]), nw.e[i].path_len, at);
	}
	/*
	 * Paths removed: a field cleared, or a set element dropped (its id's path only, so that
	 * an element's fields edited elsewhere at the same time do not bring it back).
	 */
	size_t nremoved = 0, rcap = 0, *removed = NULL;

	for (size_t i = 0; rc == 0 && i < old.n; i++) {
		const uint8_t *p = state_path(&old, &old.e[i]);
		uint8_t marker[STATE_PATH_MAX];
		size_t mlen;
		ssize_t m;

		if (!old.e[i].present || state_find(&nw, p, old.e[i].path_len) >= 0)
			continue;
		if (is_elem_field(p, old.e[i].path_len, marker, &mlen) &&
		    (mlen != old.e[i].path_len || memcmp(marker, p, mlen) != 0) &&
		    ((m = state_find(&nw, marker, mlen)) < 0 || !nw.e[m].present))
			continue;	/* the element is gone: its id's tombstone says so */
		removed = xgrow(removed, &rcap, nremoved + 1, sizeof *removed);
		removed[nremoved++] = i;
		put_before(&before, &old, p, old.e[i].path_len, (ssize_t)i);
	}
	if (rc == 0 && nchanged + nremoved > 0) {
		/* A new record's undo needs no list of absent paths: one byte says it was new. */
		if (found == 1) {
			before.len = 0;
			codec_put_raw(&before, "", 1);
		}
		rc = store_log_local(t, kind->db, k.b, k.n, before.p, before.len, &st);
		for (size_t i = 0; rc == 0 && i < nremoved; i++) {
			struct state_ent *e = &old.e[removed[i]];
			struct stamp was = e->st;

			e->present = false;
			e->val_len = 0;
			e->st = st;
			e->prev = was;
			e->has_prev = !stamp_is_zero(&was);
		}
		for (size_t i = 0; rc == 0 && i < nchanged; i++) {
			const struct state_ent *e = &nw.e[changed[i]];
			ssize_t at = state_find(&old, state_path(&nw, e), e->path_len);
			struct stamp was = { 0 };

			if (at >= 0)
				was = old.e[at].st;
			state_set(&old, state_path(&nw, e), e->path_len, true, state_val(&nw, e),
			    e->val_len, &st, &was);
		}
		if (rc == 0)
			old.version = nw.version > old.version ? nw.version : old.version;
		if (rc == 0)
			rc = update_indexes(t, kind, found == 0 ? prev : NULL, obj);
		if (rc == 0) {
			struct state_nodes nodes;

			store_state_nodes(t, &nodes);
			val.len = 0;
			if ((rc = state_store(&old, &val, &nodes)) == 0)
				rc = store_put(t, kind->db, k.b, k.n, val.p, val.len);
		}
	}
	schema_clear(kind->desc, prev);
	free(prev);
	free(changed);
	free(removed);
	state_free(&old);
	state_free(&nw);
	codec_buf_free(&val);
	codec_buf_free(&before);
	return rc;
}

/* Whether path is one of the tags the record's key is made of. */
static bool
is_identity(const struct rec_kind *kind, const uint8_t *path, size_t plen)
{
	uint64_t mask = kind->identity ? kind->identity : 1ULL << 1;
	unsigned tag, sub;
	const uint8_t *eid;
	bool in_set;

	return state_path_parse(path, plen, &tag, &in_set, &eid, &sub) == 0 && !in_set &&
	    tag < 64 && (mask >> tag & 1);
}

/* The wire form of a change (docs/architecture.md, "Changes between offices"). */
enum { CH_ORIGIN = 1, CH_SEQ, CH_HLC, CH_KIND, CH_KEY, CH_USER, CH_OFFICIAL, CH_PATH };
enum { CP_PATH = 1, CP_VALUE, CP_PREV_HLC, CP_PREV_ORIGIN, CP_HLC, CP_ORIGIN };

int
rec_change_export(struct store_txn *t, const uint8_t origin[16], uint64_t seq,
    struct codec_buf *out)
{
	const struct rec_kind *kind;
	struct store_log_entry e;
	struct state st = { 0 };
	struct codec_buf sub = { 0 };
	struct stamp me;
	struct rec_key k = { .n = 0 };
	int rc;

	if ((rc = store_log_get(t, origin, seq, &e)) != 0)
		return rc;
	if ((kind = rec_kind_of(e.kind)) == NULL || e.klen > REC_KEY_MAX)
		return kz_fail(store_txn_error(t), KZ_EIO, _("store %s: a log entry names an "
		    "unknown record kind %u"), store_dir(store_txn_store(t)), e.kind);
	out->len = 0;
	codec_put_raw(out, "\x01", 1);
	codec_put_bytes(out, CH_ORIGIN, e.origin, 16);
	codec_put_uint(out, CH_SEQ, e.seq);
	codec_put_uint(out, CH_HLC, e.hlc);
	codec_put_uint(out, CH_KIND, e.kind);
	codec_put_bytes(out, CH_KEY, e.key, e.klen);
	if (e.user_len > 0)
		codec_put_bytes(out, CH_USER, e.user, e.user_len);
	if (e.official_len > 0)
		codec_put_bytes(out, CH_OFFICIAL, e.official, e.official_len);
	rec_key_bytes(&k, e.key, e.klen);
	rc = load_state(t, kind, &k, &st, NULL);
	me.hlc = e.hlc;
	memcpy(me.origin, e.origin, 16);
	/*
	 * The paths that still carry this entry's stamp: those a later change overwrote travel
	 * with that change instead.
	 */
	for (size_t i = 0; rc == 0 && i < st.n; i++) {
		const struct state_ent *x = &st.e[i];
		bool own = stamp_cmp(&x->st, &me) == 0;

		if (!own && !is_identity(kind, state_path(&st, x), x->path_len))
			continue;
		sub.len = 0;
		codec_put_bytes(&sub, CP_PATH, state_path(&st, x), x->path_len);
		if (!own) {
			codec_put_uint(&sub, CP_HLC, x->st.hlc);
			codec_put_bytes(&sub, CP_ORIGIN, x->st.origin, 16);
		}
		if (x->present)
			codec_put_bytes(&sub, CP_VALUE, state_val(&st, x), x->val_len);
		if (x->has_prev) {
			codec_put_uint(&sub, CP_PREV_HLC, x->prev.hlc);
			codec_put_bytes(&sub, CP_PREV_ORIGIN, x->prev.origin, 16);
		}
		codec_put_bytes(out, CH_PATH, sub.p, sub.len);
	}
	if (rc == 1)
		rc = 0;	/* no state: nothing of it is left to send, but the entry still counts */
	state_free(&st);
	codec_buf_free(&sub);
	return rc;
}

void
rec_change_free(struct rec_change *c)
{
	free(c->p);
	memset(c, 0, sizeof *c);
}

static int
decode_path(struct rec_change *c, const uint8_t *p, size_t n)
{
	struct codec_reader r;
	struct codec_field f;
	struct rec_change_path *x;
	int rc;

	c->p = xgrow(c->p, &c->cap, c->np + 1, sizeof *c->p);
	x = &c->p[c->np];
	memset(x, 0, sizeof *x);
	codec_reader_init(&r, p, n);
	while ((rc = codec_next(&r, &f)) == 1) {
		if (f.tag == CP_PATH && f.wire == CODEC_WIRE_BYTES) {
			x->path = f.p;
			x->plen = f.n;
		} else if (f.tag == CP_VALUE && f.wire == CODEC_WIRE_BYTES) {
			x->present = true;
			x->val = f.p;
			x->vlen = f.n;
		} else if (f.tag == CP_PREV_HLC && f.wire == CODEC_WIRE_VARINT) {
			x->has_prev = true;
			x->prev.hlc = f.u;
		} else if (f.tag == CP_PREV_ORIGIN && f.wire == CODEC_WIRE_BYTES && f.n == 16) {
			memcpy(x->prev.origin, f.p, 16);
		} else if (f.tag == CP_HLC && f.wire == CODEC_WIRE_VARINT) {
			x->has_stamp = true;
			x->st.hlc = f.u;
		} else if (f.tag == CP_ORIGIN && f.wire == CODEC_WIRE_BYTES && f.n == 16) {
			memcpy(x->st.origin, f.p, 16);
		}
	}
	if (rc < 0 || x->path == NULL || x->plen == 0 || x->plen > STATE_PATH_MAX)
		return -1;
	c->np++;
	return 0;
}

int
rec_change_decode(const uint8_t *p, size_t n, struct rec_change *c, struct kz_error *e)
{
	struct codec_reader r;
	struct codec_field f;
	bool has_origin = false, has_key = false;
	int rc;

	c->np = 0;
	memset(&c->e, 0, sizeof c->e);
	if (n < 1 || p[0] == 0)
		return kz_fail(e, KZ_EINVAL, _("change: empty or of an unknown format"));
	codec_reader_init(&r, p + 1, n - 1);
	while ((rc = codec_next(&r, &f)) == 1) {
		bool bytes = f.wire == CODEC_WIRE_BYTES;

		switch (f.tag) {
		case CH_ORIGIN:
			if (!bytes || f.n != 16)
				return kz_fail(e, KZ_EINVAL, _("change: bad origin"));
			memcpy(c->e.origin, f.p, 16);
			has_origin = true;
			break;
		case CH_SEQ: c->e.seq = f.u; break;
		case CH_HLC: c->e.hlc = f.u; break;
		case CH_KIND: c->e.kind = (unsigned)f.u; break;
		case CH_KEY:
			if (!bytes || f.n == 0 || f.n > REC_KEY_MAX)
				return kz_fail(e, KZ_EINVAL, _("change: bad record key"));
			c->e.key = f.p;
			c->e.klen = f.n;
			has_key = true;
			break;
		case CH_USER:
			c->e.user = (const char *)f.p;
			c->e.user_len = f.n;
			break;
		case CH_OFFICIAL:
			c->e.official = (const char *)f.p;
			c->e.official_len = f.n;
			break;
		case CH_PATH:
			if (!bytes || decode_path(c, f.p, f.n) != 0)
				return kz_fail(e, KZ_EINVAL, _("change: a bad field path"));
			break;
		default:
			break;	/* an optional addition of a later version */
		}
	}
	if (rc < 0 || !has_origin || !has_key || c->e.seq == 0 || c->e.hlc == 0)
		return kz_fail(e, KZ_EINVAL, _("change: truncated or missing its origin, sequence, "
		    "clock or key"));
	return 0;
}

int
rec_apply(struct store_txn *t, const struct rec_change *c)
{
	const struct rec_kind *kind = rec_kind_of(c->e.kind);
	/*
	 * Kept from one change to the next: a bulk import applies a million of them, and
	 * their allocations were a sixth of its time. rec_apply does not call itself.
	 */
	static struct state st;
	static struct codec_buf val, rec;
	static void *obj_buf[2];
	static size_t obj_cap[2];
	struct rec_key k = { .n = 0 };
	struct stamp ein;	/* the entry's stamp: its paths' unless they carry their own */
	struct store_log_entry have;
	void *oldobj = NULL, *newobj = NULL;
	bool dirty = false;
	int rc, found, far;

	if ((rc = store_log_get(t, c->e.origin, c->e.seq, &have)) <= 0)
		return rc == 0 ? 1 : -1;	/* already here: skipped by one lookup */
	if (kind == NULL)
		return kz_fail(store_txn_error(t), KZ_EINVAL, _("change: unknown record kind %u"),
		    c->e.kind);
	if ((far = store_clock_observe(t, c->e.hlc)) < 0)
		return -1;
	if (far) {
		uint8_t rk[24], hv[8];

		/* Applied all the same (a village laptop's clock is often wrong), but noted. */
		memcpy(rk, c->e.origin, 16);
		store_be64(rk + 16, c->e.seq);
		store_be64(hv, c->e.hlc);
		if (store_put(t, DB_CLOCK_REVIEW, rk, 24, hv, 8) != 0)
			return -1;
	}
	ein.hlc = c->e.hlc;
	memcpy(ein.origin, c->e.origin, 16);
	rec_key_bytes(&k, c->e.key, c->e.klen);
	oldobj = obj_buf[0] = xgrow(obj_buf[0], &obj_cap[0], kind->desc->size, 1);
	newobj = obj_buf[1] = xgrow(obj_buf[1], &obj_cap[1], kind->desc->size, 1);
	schema_init(kind->desc, oldobj);
	schema_init(kind->desc, newobj);
	found = load_state(t, kind, &k, &st, oldobj);
	rc = found < 0 ? -1 : 0;
	for (size_t i = 0; rc == 0 && i < c->np; i++) {
		const struct rec_change_path *x = &c->p[i];
		ssize_t at = state_find(&st, x->path, x->plen);
		struct state_ent inc = { .present = x->present, .val_len = x->vlen };
		struct state tmp = { 0 };
		struct stamp in = x->has_stamp ? x->st : ein;
		int cmp;

		if (at < 0) {
			state_set(&st, x->path, x->plen, x->present, x->val, x->vlen, &in,
			    x->has_prev ? &x->prev : NULL);
			dirty = true;
			continue;
		}
		if ((cmp = stamp_cmp(&in, &st.e[at].st)) == 0)
			continue;
		/* For comparing values: the incoming one as an entry of a one-value state. */
		tmp.mem.p = (uint8_t *)(uintptr_t)x->val;
		tmp.mem.len = x->vlen;
		if (cmp > 0) {
			/*
			 * The incoming change wins. Its origin had not seen the value it overwrites
			 * here when that value is newer than what it replaced there: concurrent
			 * edits, and the value here is kept as the conflict's loser.
			 */
			if ((!x->has_prev || stamp_cmp(&st.e[at].st, &x->prev) > 0) &&
			    !same_value(&st, &st.e[at], &tmp, &inc) &&
			    conflict_note_tx(t, kind, &k, x->path, x->plen, &st.e[at].st,
			    st.e[at].present, state_val(&st, &st.e[at]), st.e[at].val_len) != 0) {
				rc = -1;
				break;
			}
			state_set(&st, x->path, x->plen, x->present, x->val, x->vlen, &in,
			    x->has_prev ? &x->prev : NULL);
			dirty = true;
		} else if ((!st.e[at].has_prev || stamp_cmp(&st.e[at].prev, &in) < 0) &&
		    !same_value(&st, &st.e[at], &tmp, &inc)) {
			/* The value here wins, and its writer had not seen the incoming one. */
			rc = conflict_note_tx(t, kind, &k, x->path, x->plen, &in, x->present,
			    x->val, x->vlen);
		}
	}
	if (rc == 0 && dirty) {
		rec.len = 0;
		state_record(&st, &rec);
		/* The new record is read only for its index entries: those fields, no texts. */
		if (schema_decode_only(kind->desc, newobj, rec.p, rec.len, rec_index_tags(kind)) != 0) {
			rc = kz_fail(store_txn_error(t), KZ_EINVAL, _("change: the %s it makes does "
			    "not decode"), kind->desc->name);
		} else {
			struct state_nodes nodes;

			store_state_nodes(t, &nodes);
			val.len = 0;
			rc = state_store_record(&st, rec.p, rec.len, &val, &nodes);
			if (rc == 0)
				rc = update_indexes(t, kind, found == 0 ? oldobj : NULL, newobj);
			if (rc == 0)
				rc = store_put(t, kind->db, k.b, k.n, val.p, val.len);
		}
	}
	if (rc == 0)
		rc = store_log_put(t, &c->e);
	schema_clear(kind->desc, oldobj);
	schema_clear(kind->desc, newobj);
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
			rc = kz_fail(store_txn_error(t), KZ_EIO, _("store %s: an index of %s holds a "
			    "key of %zu bytes, shorter than a record's key (%zu): the index is "
			    "damaged"), store_dir(store_txn_store(t)), kind->desc->name, kn,
			    sc->keylen);
			break;
		}
		rec_key_bytes(&pk, (const uint8_t *)k + kn - sc->keylen, sc->keylen);
		obj = rec_array_push(kind, out);
		if ((rc = rec_load(t, kind, &pk, obj)) != 0) {
			if (rc == 1)
				rc = kz_fail(store_txn_error(t), KZ_EIO, _("store %s: an index of %s "
				    "names a missing record"), store_dir(store_txn_store(t)),
				    kind->desc->name);
			out->n--;
			break;
		}
		if (got == 0 && sc->first != NULL && kn <= REC_KEY_MAX) {
			sc->first->n = 0;
			rec_key_bytes(sc->first, k, kn);
		}
		got++;
		if (sc->last != NULL && kn <= REC_KEY_MAX) {
			sc->last->n = 0;
			rec_key_bytes(sc->last, k, kn);
		}
		rc = sc->reverse ? store_cursor_prev(c) : store_cursor_next(c);
	}
	store_cursor_close(&c);
	return rc < 0 ? -1 : 0;
}

/* The first key after every key that starts with p[0..n): p with its last byte counted up. */
static size_t
prefix_end(uint8_t *out, const uint8_t *p, size_t n)
{
	memcpy(out, p, n);
	while (n > 0 && out[n - 1] == 0xff)
		n--;
	if (n > 0)
		out[n - 1]++;
	return n;
}

/* Reverses the records of a page read backwards, so that pages are in index order. */
static void
reverse_items(const struct rec_kind *kind, struct rec_array *a, size_t from)
{
	size_t sz = kind->desc->size;
	char *tmp = xmalloc(sz), *items = a->items;

	for (size_t i = from, j = a->n; j > i + 1; i++, j--) {
		memcpy(tmp, items + i * sz, sz);
		memcpy(items + i * sz, items + (j - 1) * sz, sz);
		memcpy(items + (j - 1) * sz, tmp, sz);
	}
	free(tmp);
}

int
rec_page(struct store_txn *t, const struct rec_kind *kind, enum store_db idx, const void *prefix,
    size_t plen, size_t keylen, struct rec_cursor *cur, enum rec_page_dir dir, size_t limit,
    struct rec_array *out)
{
	uint8_t end[REC_KEY_MAX], after[REC_KEY_MAX + 1];
	struct rec_key first = { .n = 0 }, last = { .n = 0 };
	struct rec_scan sc = { .idx = idx, .keylen = keylen, .limit = limit, .first = &first,
		.last = &last };
	size_t endn = plen > 0 ? prefix_end(end, prefix, plen) : 0, from = out->n;
	int rc;

	if (plen > REC_KEY_MAX)
		return kz_fail(store_txn_error(t), KZ_EINVAL, _("a page prefix of %zu bytes"), plen);
	if ((dir == PAGE_BEFORE || dir == PAGE_AFTER) && !cur->valid)
		dir = dir == PAGE_BEFORE ? PAGE_LAST : PAGE_FIRST;
	sc.from = plen > 0 ? prefix : NULL;
	sc.from_n = plen;
	sc.to = endn > 0 ? end : NULL;
	sc.to_n = endn;
	switch (dir) {
	case PAGE_LAST:
		sc.reverse = true;
		break;
	case PAGE_BEFORE:
		sc.reverse = true;
		sc.to = cur->first.b;	/* exclusive: the keys before the page */
		sc.to_n = cur->first.n;
		break;
	case PAGE_AFTER:
		/* The first key after the page's last: that key with a zero byte appended. */
		memcpy(after, cur->last.b, cur->last.n);
		after[cur->last.n] = 0;
		sc.from = after;
		sc.from_n = cur->last.n + 1;
		break;
	case PAGE_FIRST:
		break;
	}
	if ((rc = rec_scan(t, kind, &sc, out)) != 0)
		return rc;
	if (out->n == from)
		return 0;	/* nothing there: the cursor stays on the page it was on */
	if (sc.reverse) {
		reverse_items(kind, out, from);
		cur->first = last;
		cur->last = first;
	} else {
		cur->first = first;
		cur->last = last;
	}
	cur->valid = true;
	return 0;
}

/*
 * A page of records that pass keep: pages of the index are read until limit records pass or
 * the index ends, so that leaving records out never makes a page look like the last one.
 */
int
rec_page_kept(struct store_txn *t, const struct rec_kind *kind, enum store_db idx,
    const void *prefix, size_t plen, size_t keylen, rec_keep_fn keep, struct rec_cursor *cur,
    enum rec_page_dir dir, size_t limit, struct rec_array *out)
{
	bool back = dir == PAGE_LAST || dir == PAGE_BEFORE;
	struct rec_cursor c = *cur, bounds = *cur;
	size_t start = out->n, sz = kind->desc->size;
	int rc = 0;

	for (bool first = true; rc == 0 && (limit == 0 || out->n - start < limit); first = false) {
		struct rec_array chunk = { 0 };
		size_t want = limit == 0 ? 0 : limit - (out->n - start), kept = 0;

		rc = rec_page(t, kind, idx, prefix, plen, keylen, &c, dir, want, &chunk);
		if (rc != 0 || chunk.n == 0) {
			rec_array_free(kind, &chunk);
			break;
		}
		if (first)
			bounds = c;
		else if (back)
			bounds.first = c.first;
		else
			bounds.last = c.last;
		/* Keep the chunk's records that pass, in order; free the others. */
		for (size_t i = 0; i < chunk.n; i++) {
			char *obj = (char *)chunk.items + i * sz;

			if (keep != NULL && !keep(obj)) {
				schema_clear(kind->desc, obj);
				continue;
			}
			memmove((char *)chunk.items + kept * sz, obj, sz);
			kept++;
		}
		/* Older chunks go before what was read so far, newer ones after. */
		for (size_t i = 0; i < kept; i++) {
			void *dst = rec_array_push(kind, out);

			memcpy(dst, (char *)chunk.items + i * sz, sz);
		}
		if (back && kept > 0 && out->n - kept > start) {
			char *items = out->items, *tmp = xmalloc(kept * sz);
			size_t before = out->n - kept - start;

			memcpy(tmp, items + (out->n - kept) * sz, kept * sz);
			memmove(items + (start + kept) * sz, items + start * sz, before * sz);
			memcpy(items + start * sz, tmp, kept * sz);
			free(tmp);
		}
		free(chunk.items);
		if (limit == 0)
			break;	/* rec_page read everything there was */
		dir = back ? PAGE_BEFORE : PAGE_AFTER;
	}
	if (rc != 0)
		return -1;
	*cur = bounds;
	return 0;
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
		return kz_fail(store_txn_error(t), KZ_ENOTFOUND, _("%s %s: not found"),
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
		return kz_fail(store_txn_error(t), KZ_ENOTFOUND, _("%s %s: not found"),
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
	return kz_fail(store_txn_error(t), KZ_ENOTFOUND, _("%s %s: not found"), kind, str);
}

/*
 * Undo: the values a change replaced (its log entry's `before`, put_before's encoding) are
 * written back as a new change. A path set again since by a later change (one whose stamp
 * is not among of[]) is not taken back behind its writer's back: the undo is refused. A
 * change that made the record (every path was absent before, or `before` is the one byte
 * that says so) is undone by withdrawing the record, for the kinds that have a `withdrawn`
 * field.
 */
int
rec_restore_tx(struct store_txn *t, const struct rec_kind *kind, const struct rec_key *k,
    const struct stamp *of, size_t nof, const uint8_t *before, size_t blen, bool *withdrew)
{
	struct state st = { 0 };
	struct codec_buf rec = { 0 };
	const uint8_t *p = before, *end = before + blen;
	const struct schema_field *wf;
	void *obj = xmalloc(kind->desc->size);
	bool present = false;
	int rc;

	*withdrew = false;
	schema_init(kind->desc, obj);
	if ((rc = load_state(t, kind, k, &st, NULL)) == 1)
		rc = kz_fail(store_txn_error(t), KZ_ENOTFOUND, _("undo: the %s is not in the store"),
		    kind->desc->name);
	if (rc == 0 && blen == 1 && before[0] == 0) {
		/*
		 * The change made the record (REC_BEFORE_NEW): every path it holds must still be
		 * that change's or this undo's own, or someone has built on it since.
		 */
		for (size_t i = 0; rc == 0 && i < st.n; i++) {
			bool mine = nof == 0;

			for (size_t j = 0; j < nof && !mine; j++)
				mine = stamp_cmp(&st.e[i].st, &of[j]) == 0;
			if (!mine)
				rc = kz_fail(store_txn_error(t), KZ_EINVAL, _("undo: the %s was changed "
				    "again since it was added; nothing was undone"), kind->desc->name);
			st.e[i].present = false;
		}
		p = end;
	}
	while (rc == 0 && p < end) {
		uint64_t plen, v;
		const uint8_t *path;
		struct stamp keep = { 0 };
		ssize_t at;

		if (codec_get_varint(&p, end, &plen) != 0 || plen == 0 ||
		    plen > STATE_PATH_MAX || plen > (uint64_t)(end - p)) {
			rc = corrupt(t, kind);
			break;
		}
		path = p;
		p += plen;
		if (codec_get_varint(&p, end, &v) != 0 || (v > 0 && v - 1 > (uint64_t)(end - p))) {
			rc = corrupt(t, kind);
			break;
		}
		if ((at = state_find(&st, path, (size_t)plen)) >= 0) {
			bool mine = nof == 0;

			for (size_t j = 0; j < nof && !mine; j++)
				mine = stamp_cmp(&st.e[at].st, &of[j]) == 0;
			if (!mine) {
				const struct schema_field *f = NULL;
				const uint8_t *eid;
				unsigned tag, sub;
				bool in_set;

				if (state_path_parse(path, (size_t)plen, &tag, &in_set, &eid,
				    &sub) == 0)
					f = schema_field_tagged(kind->desc, tag);
				rc = kz_fail(store_txn_error(t), KZ_EINVAL, _("undo: the %s's %s was "
				    "changed again since; nothing was undone"), kind->desc->name,
				    f != NULL ? f->name : "field");
				break;
			}
			keep = st.e[at].st;
		}
		state_set(&st, path, (size_t)plen, v > 0, v > 0 ? p : NULL,
		    v > 0 ? (size_t)(v - 1) : 0, &keep, NULL);
		if (v > 0)
			p += v - 1;
	}
	for (size_t i = 0; rc == 0 && i < st.n; i++)
		present = present || st.e[i].present;
	if (rc == 0 && !present) {
		/* The change made the record: withdraw it, keeping it in the store. */
		wf = schema_field_named(kind->desc, "withdrawn");
		if (wf == NULL || wf->type != SF_BOOL)
			rc = kz_fail(store_txn_error(t), KZ_EINVAL, _("undo: adding a %s cannot be "
			    "undone"), kind->desc->name);
		else if ((rc = rec_load(t, kind, k, obj)) == 0) {
			*(bool *)(void *)((char *)obj + wf->off) = true;
			*withdrew = true;
			rc = rec_save(t, kind, obj);
		}
	} else if (rc == 0) {
		state_record(&st, &rec);
		schema_clear(kind->desc, obj);
		if (schema_decode(kind->desc, obj, rec.p, rec.len) != 0)
			rc = corrupt(t, kind);
		else
			rc = rec_save(t, kind, obj);
	}
	schema_clear(kind->desc, obj);
	free(obj);
	state_free(&st);
	codec_buf_free(&rec);
	return rc;
}

int
rec_clear_field(const struct rec_kind *kind, void *obj, const char *name, struct kz_error *e)
{
	const struct schema_field *f = schema_field_named(kind->desc, name);

	if (f == NULL || (f->type != SF_STR && f->type != SF_DATE))
		return kz_fail(e, KZ_EINVAL, _("%s has no date or text field '%s' to clear"),
		    kind->desc->name, name);
	if (f->type == SF_STR) {
		char **p = (char **)(void *)((char *)obj + f->off);

		free(*p);
		*p = NULL;
	} else {
		*(kz_date *)(void *)((char *)obj + f->off) = DATE_NONE;
	}
	return 0;
}
