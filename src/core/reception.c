#include "core/reception.h"

#include "core/text.h"
#include "core/visit.h"

#define F(tag, type, member) { tag, type, offsetof(struct reception, member), #member }
static const struct schema_field reception_fields[] = {
	F(1, SF_UUID, id),
	F(2, SF_UUID, visit),
	F(3, SF_DATE, date),
	F(4, SF_STR, participants),
	F(5, SF_INT, citizens),
};
#undef F

static const struct schema_record reception_desc = {
	"reception", sizeof(struct reception), offsetof(struct reception, extra),
	SCHEMA_FIELDS(reception_fields)
};

static void
reception_key(const void *obj, struct rec_key *k)
{
	rec_key_bytes(k, ((const struct reception *)obj)->id.b, 16);
}

const struct rec_kind reception_kind = { DB_RECEPTIONS, &reception_desc, reception_key, NULL };

void
reception_init(struct reception *r)
{
	schema_init(&reception_desc, r);
}

void
reception_free(struct reception *r)
{
	schema_clear(&reception_desc, r);
}

static int
add_fn(struct store_txn *t, void *arg)
{
	struct reception *r = arg;
	struct visit v;
	int rc;

	if (r->date == DATE_NONE || r->citizens < 0)
		return kz_fail(store_txn_error(t), KZ_EINVAL, "reception: a date is required");
	if (text_check("participants", r->participants, false, 4000, store_txn_error(t)) != 0)
		return -1;
	if (visit_get_tx(t, &r->visit, &v) != 0)
		return -1;
	uid_new(&r->id, store_txn_now(t));
	rc = rec_save(t, &reception_kind, r);
	if (rc == 0 && (v.receptions_end == DATE_NONE || v.receptions_end < r->date)) {
		v.receptions_end = r->date;
		rc = rec_save(t, &visit_kind, &v);
	}
	visit_free(&v);
	return rc;
}

int
reception_add(struct store *s, struct reception *r, struct kz_error *e)
{
	return store_write(s, add_fn, r, e);
}
