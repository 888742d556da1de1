#include "core/reception.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/namelist.h"
#include "core/question.h"
#include "core/rules.h"
#include "core/text.h"
#include "core/visit.h"
#include "util/xmalloc.h"
#include "util/i18n.h"

#define RC_LIST "akimat, prosecutor, police, deputies, public-council, intelligentsia"

const char *const reception_category_names[RC_COUNT] = {
	[RC_AKIMAT] = "akimat",
	[RC_PROSECUTOR] = "prosecutor",
	[RC_POLICE] = "police",
	[RC_DEPUTIES] = "deputies",
	[RC_PUBLIC_COUNCIL] = "public-council",
	[RC_INTELLIGENTSIA] = "intelligentsia",
};

/* Tag 4 held a free-text "participants" before A-1's list; no command ever wrote it. */
#define F(tag, type, member) { tag, type, offsetof(struct reception, member), #member }
static const struct schema_field reception_fields[] = {
	F(1, SF_UUID, id),
	F(2, SF_UUID, visit),
	F(3, SF_DATE, date),
	F(4, SF_STR, received_by),
	F(5, SF_INT, citizens),
	F(6, SF_DATE, withdrawn_on),
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

/*
 * A-1's list of who receives: "deputies,akimat" becomes "akimat,deputies" (the decree's
 * order, each once), so that dump and lists read the same whatever order a clerk typed.
 */
static int
normalise_received_by(struct reception *r, struct kz_error *e)
{
	const char *bad;
	size_t badlen;
	unsigned mask;

	if (namelist_parse(r->received_by, reception_category_names, RC_COUNT, &mask, &bad,
	    &badlen) != 0) {
		if (badlen == 0)
			return kz_fail(e, KZ_EINVAL, _("reception: who received is required (A-1: "
			    "one or more of %s)"), RC_LIST);
		return kz_fail(e, KZ_EINVAL, _("reception: '%.*s' is not one of those who "
		    "receive (A-1: %s)"), (int)badlen, bad, RC_LIST);
	}
	free(r->received_by);
	r->received_by = namelist_format(reception_category_names, RC_COUNT, mask);
	return 0;
}

/*
 * What reception_add and reception_modify check: a date, citizens not negative, who
 * received from the list, a meeting held and not withdrawn, on its day or after, not in
 * the future. Loads the meeting into *v (freed by the caller, also on failure).
 */
static int
check_tx(struct store_txn *t, struct reception *r, struct visit *v)
{
	struct kz_error *e = store_txn_error(t);
	kz_date today = rules_local_date(store_txn_now(t), RULES_UTC_OFFSET_KZ);
	char id[UID_STRLEN], d[11], vd[11];

	visit_init(v);
	if (r->date == DATE_NONE)
		return kz_fail(e, KZ_EINVAL, _("reception: a date is required"));
	if (r->citizens < 0)
		return kz_fail(e, KZ_EINVAL, _("reception: the number of citizens cannot be "
		    "negative"));
	if (normalise_received_by(r, e) != 0)
		return -1;
	if (visit_get_tx(t, &r->visit, v) != 0)
		return -1;
	uid_format(&r->visit, id);
	date_format(r->date, d);
	date_format(v->date, vd);
	/* receptions follow a meeting that took place, on its day or after. */
	if (v->withdrawn)
		return kz_fail(e, KZ_EINVAL, _("visit %s was withdrawn: a reception follows a "
		    "meeting held"), id);
	if (v->status != VISIT_HELD)
		return kz_fail(e, KZ_EINVAL, _("visit %s is %s, not held: a reception (A-1) "
		    "follows a meeting held (visit set %s --status held)"), id,
		    visit_status_names[v->status], id);
	if (v->date != DATE_NONE && r->date < v->date)
		return kz_fail(e, KZ_EINVAL, _("reception on %s: before its meeting of %s (A-1: "
		    "receptions follow the meeting)"), d, vd);
	if (r->date > today)
		return kz_fail(e, KZ_EINVAL, _("reception on %s: a date in the future (record it "
		    "when it has been held)"), d);
	return 0;
}

static int
add_fn(struct store_txn *t, void *arg)
{
	struct reception *r = arg;
	struct visit v;
	int rc = -1;

	if (check_tx(t, r, &v) == 0) {
		/*
		 * A-3's ten days count from the later of the meeting and its last reception.
		 * The visit is written first: undo takes back the newest change only, and
		 * refuses a reception's addition, so it never leaves the reception without
		 * the receptions_end it moved.
		 */
		rc = 0;
		if (v.receptions_end == DATE_NONE || v.receptions_end < r->date) {
			v.receptions_end = r->date;
			rc = rec_save(t, &visit_kind, &v);
		}
		uid_new(&r->id, store_txn_now(t));
		r->withdrawn_on = DATE_NONE;
		if (rc == 0)
			rc = rec_save(t, &reception_kind, r);
	}
	visit_free(&v);
	return rc;
}

int
reception_add(struct store *s, struct reception *r, struct kz_error *e)
{
	return store_write(s, add_fn, r, e);
}

int
reception_add_tx(struct store_txn *t, struct reception *r)
{
	return add_fn(t, r);
}

struct list_args {
	const struct kz_uuid *visit;
	struct rec_array *out;
};

static int
by_date(const void *a, const void *b)
{
	const struct reception *x = a, *y = b;

	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	return memcmp(x->id.b, y->id.b, 16);
}

int
reception_list_tx(struct store_txn *t, const struct kz_uuid *visit, struct rec_array *out)
{
	struct rec_scan sc = { .idx = DB_RECEPTIONS, .keylen = 16 };
	struct reception *items;
	size_t keep = 0;

	/* Receptions are a few per meeting: no index by visit, one pass over them all. */
	if (rec_scan(t, &reception_kind, &sc, out) != 0)
		return -1;
	items = out->items;
	for (size_t k = 0; k < out->n; k++) {
		if ((visit != NULL && memcmp(items[k].visit.b, visit->b, 16) != 0) ||
		    items[k].withdrawn_on != DATE_NONE)
			reception_free(&items[k]);
		else
			items[keep++] = items[k];
	}
	out->n = keep;
	if (keep > 1)	/* an empty list has no array: qsort wants one */
		qsort(items, keep, sizeof *items, by_date);
	return 0;
}

static int
list_fn(struct store_txn *t, void *arg)
{
	struct list_args *a = arg;

	return reception_list_tx(t, a->visit, a->out);
}

/*
 * A-3 counts from the last reception: the meeting's receptions_end becomes the latest date
 * of its receptions not withdrawn, with `changed` in place of its stored version (it is
 * written after the meeting), unset when none is left. Writes the meeting if it changed.
 */
static int
recompute_end(struct store_txn *t, const struct kz_uuid *visit, const struct reception *changed)
{
	struct rec_array a = { 0 };
	const struct reception *items;
	kz_date end = DATE_NONE;
	struct visit v;
	int rc;

	if (reception_list_tx(t, visit, &a) != 0)
		return -1;
	items = a.items;
	for (size_t k = 0; k < a.n; k++)
		if (memcmp(items[k].id.b, changed->id.b, 16) != 0 &&
		    (end == DATE_NONE || items[k].date > end))
			end = items[k].date;
	rec_array_free(&reception_kind, &a);
	if (changed->withdrawn_on == DATE_NONE &&
	    memcmp(changed->visit.b, visit->b, 16) == 0 &&
	    (end == DATE_NONE || changed->date > end))
		end = changed->date;
	if ((rc = visit_get_tx(t, visit, &v)) != 0)
		return rc;
	rc = 0;
	if (v.receptions_end != end) {
		v.receptions_end = end;
		rc = rec_save(t, &visit_kind, &v);
	}
	visit_free(&v);
	return rc;
}

struct modify_args {
	const struct kz_uuid *id;
	reception_modify_fn fn;
	void *arg;
};

static int
modify_fn(struct store_txn *t, void *arg)
{
	struct modify_args *a = arg;
	struct kz_error *e = store_txn_error(t);
	struct reception r;
	struct kz_uuid was;
	struct visit v;
	char id[UID_STRLEN];
	int rc;

	if (rec_get_uuid_tx(t, &reception_kind, a->id, &r) != 0)
		return -1;
	uid_format(a->id, id);
	was = r.visit;
	visit_init(&v);
	if (r.withdrawn_on != DATE_NONE)
		rc = kz_fail(e, KZ_EINVAL, _("reception %s was withdrawn"), id);
	else if ((rc = a->fn(&r, a->arg, e)) == 0 && (rc = check_tx(t, &r, &v)) != 0)
		kz_prefix(e, "reception %s: ", id);
	/* The meetings first, as in add_fn; the one it left too. */
	if (rc == 0)
		rc = recompute_end(t, &r.visit, &r);
	if (rc == 0 && memcmp(was.b, r.visit.b, 16) != 0)
		rc = recompute_end(t, &was, &r);
	if (rc == 0)
		rc = rec_save(t, &reception_kind, &r);
	visit_free(&v);
	reception_free(&r);
	return rc;
}

int
reception_modify(struct store *s, const struct kz_uuid *id, reception_modify_fn fn, void *arg,
    struct kz_error *e)
{
	struct modify_args a = { id, fn, arg };

	return store_write(s, modify_fn, &a, e);
}

static int
withdraw_fn(struct store_txn *t, void *arg)
{
	const struct kz_uuid *id = arg;
	struct reception r;
	char ids[UID_STRLEN];
	int rc;

	if (rec_get_uuid_tx(t, &reception_kind, id, &r) != 0)
		return -1;
	uid_format(id, ids);
	if (r.withdrawn_on != DATE_NONE)
		rc = kz_fail(store_txn_error(t), KZ_EINVAL, _("reception %s is withdrawn already"),
		    ids);
	else {
		r.withdrawn_on = rules_local_date(store_txn_now(t), RULES_UTC_OFFSET_KZ);
		rc = recompute_end(t, &r.visit, &r);
		if (rc == 0)
			rc = rec_save(t, &reception_kind, &r);
	}
	reception_free(&r);
	return rc;
}

int
reception_withdraw(struct store *s, const struct kz_uuid *id, struct kz_error *e)
{
	return store_write(s, withdraw_fn, (void *)(uintptr_t)id, e);
}

int
reception_list(struct store *s, const struct kz_uuid *visit, struct rec_array *out,
    struct kz_error *e)
{
	struct list_args a = { visit, out };

	return rec_read_list(s, list_fn, &a, &reception_kind, out, e);
}

struct question_args {
	const struct kz_uuid *reception;
	struct question *q;
};

static int
question_fn(struct store_txn *t, void *arg)
{
	struct question_args *a = arg;
	struct reception r;
	char id[UID_STRLEN];
	int rc;

	if (rec_get_uuid_tx(t, &reception_kind, a->reception, &r) != 0)
		return -1;
	if (r.withdrawn_on != DATE_NONE) {
		uid_format(a->reception, id);
		rc = kz_fail(store_txn_error(t), KZ_EINVAL, _("reception %s was withdrawn: its "
		    "questions go to the reception they were asked at"), id);
	} else if (!uid_is_nil(&a->q->visit) && memcmp(a->q->visit.b, r.visit.b, 16) != 0) {
		uid_format(a->reception, id);
		rc = kz_fail(store_txn_error(t), KZ_EINVAL, _("reception %s followed another "
		    "meeting than --visit names"), id);
	} else {
		/* the question belongs to the reception and, through it, to its meeting. */
		a->q->source = QS_RECEPTION;
		a->q->reception = *a->reception;
		a->q->visit = r.visit;
		rc = question_add_tx(t, a->q);
	}
	reception_free(&r);
	return rc;
}

int
reception_question_add(struct store *s, const struct kz_uuid *reception, struct question *q,
    struct kz_error *e)
{
	struct question_args a = { reception, q };

	return store_write(s, question_fn, &a, e);
}
