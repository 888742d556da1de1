#include "core/conflict.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "util/xmalloc.h"
#include "util/i18n.h"

enum { C_ID = 1, C_KIND, C_RECORD, C_FIELD, C_PATH, C_LOSER_HLC, C_LOSER_ORIGIN, C_REMOVED,
	C_VALUE, C_RESOLVED, C_KEPT };

#define F(tag, type, member) { tag, type, offsetof(struct conflict, member), #member }
static const struct schema_field conflict_fields[] = {
	F(C_ID, SF_UUID, id),
	F(C_KIND, SF_INT, kind),
	F(C_RECORD, SF_STR, record),
	F(C_FIELD, SF_STR, field),
	F(C_PATH, SF_STR, path),
	F(C_LOSER_HLC, SF_I64, loser_hlc),
	F(C_LOSER_ORIGIN, SF_UUID, loser_origin),
	F(C_REMOVED, SF_BOOL, loser_removed),
	F(C_VALUE, SF_STR, loser_value),
	F(C_RESOLVED, SF_BOOL, resolved),
	F(C_KEPT, SF_STR, kept),
};
#undef F

static const struct schema_record conflict_desc = {
	"conflict", sizeof(struct conflict), offsetof(struct conflict, extra),
	SCHEMA_FIELDS(conflict_fields)
};

static void
conflict_key(const void *obj, struct rec_key *k)
{
	rec_key_bytes(k, ((const struct conflict *)obj)->id.b, 16);
}

const struct rec_kind conflict_kind = { DB_CONFLICTS, &conflict_desc, conflict_key, NULL };

void
conflict_free(struct conflict *c)
{
	schema_clear(&conflict_desc, c);
}

const char *
conflict_kind_name(int db)
{
	const struct rec_kind *k = db >= 0 ? rec_kind_of((unsigned)db) : NULL;

	return k != NULL ? k->desc->name : "?";
}

static char *
hex(const uint8_t *p, size_t n)
{
	char *s = xmalloc(2 * n + 1);

	sodium_bin2hex(s, 2 * n + 1, p, n);
	return s;
}

/* "title", or "steps[0123abcd].done": the field's name from the record kind's table. */
static char *
field_name(const struct schema_record *d, const uint8_t *path, size_t plen)
{
	const struct schema_field *f, *g = NULL;
	const uint8_t *eid;
	unsigned tag, sub;
	bool in_set;

	if (state_path_parse(path, plen, &tag, &in_set, &eid, &sub) != 0)
		return xstrdup("?");
	f = schema_field_tagged(d, tag);
	if (!in_set)
		return f != NULL ? xstrdup(f->name) : xasprintf("tag %u", tag);
	if (f != NULL && f->sub != NULL)
		g = schema_field_tagged(f->sub, sub);
	return xasprintf("%s[%02x%02x%02x%02x%02x%02x%02x%02x].%s", f ? f->name : "?",
	    eid[8], eid[9], eid[10], eid[11], eid[12], eid[13], eid[14], eid[15],
	    g != NULL ? g->name : "?");
}

int
conflict_note_tx(struct store_txn *t, const struct rec_kind *kind, const struct rec_key *k,
    const uint8_t *path, size_t plen, const struct stamp *loser, bool present,
    const uint8_t *val, size_t vlen)
{
	crypto_generichash_state h;
	struct conflict c;
	uint8_t kb = (uint8_t)kind->db, hb[8];
	int rc;

	schema_init(&conflict_desc, &c);
	/* The same conflict noticed by two offices is one record: its id is its content's. */
	crypto_generichash_init(&h, NULL, 0, 16);
	crypto_generichash_update(&h, &kb, 1);
	crypto_generichash_update(&h, k->b, k->n);
	crypto_generichash_update(&h, path, plen);
	store_be64(hb, loser->hlc);
	crypto_generichash_update(&h, hb, 8);
	crypto_generichash_update(&h, loser->origin, 16);
	crypto_generichash_final(&h, c.id.b, 16);
	/*
	 * Noticed again (the same change applied here from a second path, or a relayed copy):
	 * the record is there, perhaps resolved since; saving it afresh would clear that.
	 */
	{
		struct rec_key ck = { .n = 0 };
		struct conflict have;

		rec_key_bytes(&ck, c.id.b, 16);
		if ((rc = rec_load(t, &conflict_kind, &ck, &have)) <= 0) {
			if (rc == 0)
				conflict_free(&have);
			return rc;
		}
	}
	c.kind = kind->db;
	c.record = hex(k->b, k->n);
	c.field = field_name(kind->desc, path, plen);
	c.path = hex(path, plen);
	c.loser_hlc = (int64_t)loser->hlc;
	memcpy(c.loser_origin.b, loser->origin, 16);
	c.loser_removed = !present;
	if (present)
		c.loser_value = hex(val, vlen);
	rc = rec_save(t, &conflict_kind, &c);
	conflict_free(&c);
	return rc;
}

/* hex (2n digits) into out: 0, or -1. */
static int
unhex(const char *s, struct codec_buf *out)
{
	size_t n = s ? strlen(s) : 0;

	out->len = 0;
	if (n % 2 != 0)
		return -1;
	for (size_t i = 0; i < n; i += 2) {
		unsigned v;
		uint8_t b;

		if (sscanf(s + i, "%2x", &v) != 1)
			return -1;
		b = (uint8_t)v;
		codec_put_raw(out, &b, 1);
	}
	return 0;
}

/*
 * obj (of d) with every occurrence of tag replaced by the field bytes val (none when
 * !present), into out (initialised here): 0, or -1 when the result does not decode.
 */
static int
replace_field(const struct schema_record *d, const void *obj, unsigned tag, bool present,
    const uint8_t *val, size_t vlen, void *out)
{
	struct codec_buf enc = { 0 }, kept = { 0 };
	struct codec_reader r;
	struct codec_field f;
	int rc;

	schema_encode(d, obj, &enc);
	codec_put_raw(&kept, enc.p, 1);
	codec_reader_init(&r, enc.p + 1, enc.len - 1);
	while (codec_next(&r, &f) == 1)
		if (f.tag != tag)
			codec_put_raw(&kept, f.raw, f.rawlen);
	if (present)
		codec_put_raw(&kept, val, vlen);
	schema_init(d, out);
	rc = schema_decode(d, out, kept.p, kept.len);
	codec_buf_free(&enc);
	codec_buf_free(&kept);
	return rc;
}

/* The field bytes of f set to text s ("" clears it: *present false): 0, or -1 with e. */
static int
typed_value(const struct schema_field *f, const char *s, struct codec_buf *out, bool *present,
    struct kz_error *e)
{
	kz_date day;
	char *end;
	long long v;

	out->len = 0;
	*present = s[0] != '\0';
	if (!*present)
		return 0;
	switch (f->type) {
	case SF_STR:
		codec_put_str(out, f->tag, s);
		return 0;
	case SF_CODE:
		if (strlen(s) != 9 || strspn(s, "0123456789") != 9)
			break;
		codec_put_str(out, f->tag, s);
		return 0;
	case SF_DATE:
		if (date_parse(s, &day) != 0)
			break;
		codec_put_sint(out, f->tag, day);
		return 0;
	case SF_BOOL:
		if (strcmp(s, "yes") == 0)
			codec_put_uint(out, f->tag, 1);
		else if (strcmp(s, "no") == 0)
			*present = false;
		else
			break;
		return 0;
	case SF_INT:
	case SF_I64:
		for (int i = 0; f->names != NULL && i < f->nnames; i++)
			if (f->names[i] != NULL && strcmp(f->names[i], s) == 0) {
				codec_put_sint(out, f->tag, i);
				return 0;
			}
		v = strtoll(s, &end, 10);
		if (f->names != NULL || *end != '\0' || end == s)
			break;
		codec_put_sint(out, f->tag, v);
		return 0;
	default:
		return kz_fail(e, KZ_EINVAL, _("field '%s' takes no typed value: keep mine or "
		    "theirs"), f->name);
	}
	return kz_fail(e, KZ_EINVAL, _("'%s' is not a value of field '%s'"), s, f->name);
}

struct resolve_args {
	const struct kz_uuid *id;
	enum conflict_keep keep;
	const char *value;
};

/* The record's field at path set to the bytes chosen, saved as a local change. */
static int
set_path(struct store_txn *t, const struct rec_kind *kind, const struct rec_key *k,
    const uint8_t *path, size_t plen, const struct resolve_args *a, const struct conflict *c)
{
	const struct schema_record *d = kind->desc;
	const struct schema_field *f, *sf = NULL;
	struct codec_buf val = { 0 };
	void *obj = xcalloc(1, d->size), *nobj = xcalloc(1, d->size);
	const uint8_t *eid;
	unsigned tag, sub;
	bool in_set, present = !c->loser_removed;
	int rc;

	if (state_path_parse(path, plen, &tag, &in_set, &eid, &sub) != 0 ||
	    (f = schema_field_tagged(d, tag)) == NULL ||
	    (in_set && (f->sub == NULL || (sf = schema_field_tagged(f->sub, sub)) == NULL))) {
		rc = kz_fail(store_txn_error(t), KZ_EINVAL, _("conflict: the field it names is "
		    "not one this version knows"));
		goto out;
	}
	if ((rc = rec_load(t, kind, k, obj)) != 0) {
		rc = rc < 0 ? -1 : kz_fail(store_txn_error(t), KZ_ENOTFOUND, _("conflict: its %s "
		    "is not here"), d->name);
		goto out;
	}
	if (a->keep == CONFLICT_KEEP_THEIRS)
		rc = unhex(c->loser_value, &val) != 0 ? kz_fail(store_txn_error(t), KZ_EINVAL,
		    _("conflict: its value is damaged")) : 0;
	else
		rc = typed_value(in_set ? sf : f, a->value, &val, &present, store_txn_error(t));
	if (rc != 0)
		goto out_obj;
	if (!in_set) {
		rc = replace_field(d, obj, tag, present, val.p, val.len, nobj);
	} else {
		/* One field of one element: the element rebuilt, the record otherwise as it is. */
		char *items = *(char **)((char *)obj + f->off);
		size_t n = *(size_t *)((char *)obj + f->count_off), i;
		const struct schema_field *idf = schema_field_tagged(f->sub, STATE_EID_TAG);

		for (i = 0; idf != NULL && i < n; i++)
			if (memcmp((char *)items + i * f->sub->size + idf->off, eid, 16) == 0)
				break;
		if (idf == NULL || i == n) {
			rc = kz_fail(store_txn_error(t), KZ_ENOTFOUND, _("conflict: the element it "
			    "names is no longer in the %s"), d->name);
			goto out_obj;
		}
		{
			void *el = xcalloc(1, f->sub->size);

			rc = replace_field(f->sub, items + i * f->sub->size, sub, present, val.p,
			    val.len, el);
			if (rc == 0) {
				schema_clear(f->sub, items + i * f->sub->size);
				memcpy(items + i * f->sub->size, el, f->sub->size);
			}
			free(el);
			if (rc == 0) {
				schema_copy(d, nobj, obj);
			}
		}
	}
	if (rc != 0)
		rc = kz_fail(store_txn_error(t), KZ_EINVAL, _("conflict: the value does not fit "
		    "the field"));
	else
		rc = rec_save(t, kind, nobj);
	schema_clear(d, nobj);
out_obj:
	schema_clear(d, obj);
out:
	codec_buf_free(&val);
	free(obj);
	free(nobj);
	return rc;
}

static int
resolve_fn(struct store_txn *t, void *arg)
{
	struct resolve_args *a = arg;
	const struct rec_kind *kind;
	struct codec_buf key = { 0 }, path = { 0 };
	struct rec_key k = { .n = 0 };
	struct conflict c;
	int rc;

	if (rec_get_uuid_tx(t, &conflict_kind, a->id, &c) != 0)
		return -1;
	if (c.resolved) {
		rc = kz_fail(store_txn_error(t), KZ_EINVAL, _("conflict %s: already resolved (%s)"),
		    c.record, c.kept ? c.kept : "?");
	} else if (c.kind < 0 || (kind = rec_kind_of((unsigned)c.kind)) == NULL ||
	    kind->db == DB_CONFLICTS || unhex(c.record, &key) != 0 || key.len == 0 ||
	    key.len > REC_KEY_MAX || unhex(c.path, &path) != 0 || path.len == 0) {
		rc = kz_fail(store_txn_error(t), KZ_EINVAL, _("conflict: damaged or about a record "
		    "kind this version does not know"));
	} else {
		rec_key_bytes(&k, key.p, key.len);
		/* Mine: what is here stays; only the conflict is marked. */
		rc = a->keep == CONFLICT_KEEP_MINE ? 0 : set_path(t, kind, &k, path.p, path.len, a,
		    &c);
		if (rc == 0) {
			c.resolved = true;
			free(c.kept);
			c.kept = xstrdup(a->keep == CONFLICT_KEEP_MINE ? "mine" :
			    a->keep == CONFLICT_KEEP_THEIRS ? "theirs" : "value");
			rc = rec_save(t, &conflict_kind, &c);
		}
	}
	codec_buf_free(&key);
	codec_buf_free(&path);
	conflict_free(&c);
	return rc;
}

int
conflict_resolve(struct store *s, const struct kz_uuid *id, enum conflict_keep keep,
    const char *value, struct kz_error *e)
{
	struct resolve_args a = { id, keep, value ? value : "" };

	return store_write(s, resolve_fn, &a, e);
}

int
conflict_list_tx(struct store_txn *t, struct rec_array *out)
{
	struct rec_scan sc = { .idx = DB_CONFLICTS, .keylen = 16 };

	return rec_scan(t, &conflict_kind, &sc, out);
}

static int
list_fn(struct store_txn *t, void *arg)
{
	return conflict_list_tx(t, arg);
}

int
conflict_list(struct store *s, struct rec_array *out, struct kz_error *e)
{
	return rec_read_list(s, list_fn, out, &conflict_kind, out, e);
}

struct review_args {
	struct clock_review *v;
	size_t n, cap;
};

static int
review_fn(struct store_txn *t, void *arg)
{
	struct review_args *a = arg;
	struct store_cursor *c;
	const void *k, *v;
	size_t kn, vn;
	int rc;

	if (store_cursor_open(t, DB_CLOCK_REVIEW, &c) != 0)
		return -1;
	for (rc = store_cursor_seek(c, NULL, 0); rc == 0; rc = store_cursor_next(c)) {
		store_cursor_get(c, &k, &kn, &v, &vn);
		if (kn != 24 || vn != 8) {
			rc = kz_fail(store_txn_error(t), KZ_EIO, _("store %s: a clock review entry is "
			    "damaged"), store_dir(store_txn_store(t)));
			break;
		}
		a->v = xgrow(a->v, &a->cap, a->n + 1, sizeof *a->v);
		memcpy(a->v[a->n].origin.b, k, 16);
		a->v[a->n].seq = store_get_be64((const uint8_t *)k + 16);
		a->v[a->n].wall_ms = (int64_t)(store_get_be64(v) >> 16);
		a->n++;
	}
	store_cursor_close(&c);
	return rc < 0 ? -1 : 0;
}

int
conflict_clock_reviews(struct store *s, struct clock_review **out, size_t *n,
    struct kz_error *e)
{
	struct review_args a = { 0 };

	*out = NULL;
	*n = 0;
	if (store_read(s, review_fn, &a, e) != 0) {
		free(a.v);
		return -1;
	}
	*out = a.v;
	*n = a.n;
	return 0;
}
