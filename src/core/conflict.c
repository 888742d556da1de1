#include "core/conflict.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xmalloc.h"
#include "util/i18n.h"

enum { C_ID = 1, C_KIND, C_RECORD, C_FIELD, C_PATH, C_LOSER_HLC, C_LOSER_ORIGIN, C_REMOVED,
	C_VALUE };

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
