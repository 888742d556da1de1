#include "core/dayoff.h"

#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "util/xmalloc.h"
#include "util/i18n.h"

const char *const dayoff_kind_names[3] = { "", "off", "workday" };

#define F(tag, type, member) { tag, type, offsetof(struct dayoff, member), #member }
static const struct schema_field dayoff_fields[] = {
	F(1, SF_DATE, date),
	SCHEMA_ENUM(2, struct dayoff, kind, dayoff_kind_names, 3),
	F(3, SF_STR, name),
	F(4, SF_BOOL, removed),
};
#undef F

static const struct schema_record dayoff_desc = {
	"day", sizeof(struct dayoff), offsetof(struct dayoff, extra), SCHEMA_FIELDS(dayoff_fields)
};

static void
dayoff_key(const void *obj, struct rec_key *k)
{
	rec_key_date(k, ((const struct dayoff *)obj)->date);
}

const struct rec_kind dayoff_kind = { DB_HOLIDAYS, &dayoff_desc, dayoff_key, NULL };

struct set_args {
	kz_date date;
	int kind;
	const char *name;
	bool remove;
};

static int
set_fn(struct store_txn *t, void *arg)
{
	struct set_args *a = arg;
	struct rec_key k = { .n = 0 };
	struct dayoff d;
	int rc;

	rec_key_date(&k, a->date);
	if ((rc = rec_load(t, &dayoff_kind, &k, &d)) < 0)
		return -1;
	if (a->remove && (rc == 1 || d.removed)) {
		char buf[11];

		schema_clear(&dayoff_desc, &d);
		date_format(a->date, buf);
		return kz_fail(store_txn_error(t), KZ_ENOTFOUND, _("day %s: nothing is recorded "
		    "for it"), buf);
	}
	d.date = a->date;
	d.removed = a->remove;
	if (!a->remove) {
		d.kind = a->kind;
		free(d.name);
		d.name = a->name != NULL && a->name[0] != '\0' ? xstrdup(a->name) : NULL;
	}
	rc = rec_save(t, &dayoff_kind, &d);
	schema_clear(&dayoff_desc, &d);
	return rc;
}

int
dayoff_set(struct store *s, kz_date date, enum holidays_kind kind, const char *name,
    struct kz_error *e)
{
	struct set_args a = { date, (int)kind, name, false };

	if (kind != HOLIDAYS_OFF && kind != HOLIDAYS_WORKDAY)
		return kz_fail(e, KZ_EINVAL, _("day: unknown kind %d"), (int)kind);
	if (text_check("name of the day", name, false, 200, e) != 0)
		return -1;
	return store_write(s, set_fn, &a, e);
}

int
dayoff_remove(struct store *s, kz_date date, struct kz_error *e)
{
	struct set_args a = { date, 0, NULL, true };

	return store_write(s, set_fn, &a, e);
}

int
dayoff_list_tx(struct store_txn *t, struct rec_array *out)
{
	struct rec_scan sc = { .idx = DB_HOLIDAYS, .keylen = 4 };
	size_t keep = 0;

	if (rec_scan(t, &dayoff_kind, &sc, out) != 0)
		return -1;
	/* Removed days stay in the store for sync; callers see only the live ones. */
	for (size_t i = 0; i < out->n; i++) {
		struct dayoff *d = (struct dayoff *)out->items + i;

		if (d->removed) {
			schema_clear(&dayoff_desc, d);
			continue;
		}
		if (keep != i)
			memcpy((struct dayoff *)out->items + keep, d, sizeof *d);
		keep++;
	}
	out->n = keep;
	return 0;
}

static int
list_fn(struct store_txn *t, void *arg)
{
	return dayoff_list_tx(t, arg);
}

int
dayoff_list(struct store *s, struct rec_array *out, struct kz_error *e)
{
	return rec_read_list(s, list_fn, out, &dayoff_kind, out, e);
}

void
dayoff_to_extra(const struct rec_array *a, struct holidays_day **days, size_t *n)
{
	*days = xcalloc(a->n, sizeof **days);
	for (size_t i = 0; i < a->n; i++) {
		const struct dayoff *d = (const struct dayoff *)a->items + i;

		(*days)[i].date = d->date;
		(*days)[i].kind = (enum holidays_kind)d->kind;
	}
	*n = a->n;
}

/* The name of a day off that names Kurban Ait, in Kazakh, Russian or Latin letters. */
static bool
names_kurban(const char *name)
{
	char *f;
	bool found;

	if (name == NULL)
		return false;
	/* Folded (text_fold: any case, in every locale) before it is looked at. */
	f = xmalloc(strlen(name) + 1);
	f[text_fold(name, strlen(name), f)] = '\0';
	found = strstr(f, "ұрбан") != NULL || strstr(f, "урбан") != NULL ||
	    strstr(f, "urban") != NULL;
	free(f);
	return found;
}

int
dayoff_year_missing(const struct rec_array *days, int year)
{
	int missing = DAYOFF_NO_KURBAN | DAYOFF_NO_TRANSFER;

	for (size_t i = 0; i < days->n; i++) {
		const struct dayoff *d = (const struct dayoff *)days->items + i;
		int y, m, dd;

		if (d->removed || d->date == DATE_NONE)
			continue;
		date_to_ymd(d->date, &y, &m, &dd);
		if (y != year)
			continue;
		if (d->kind == HOLIDAYS_OFF && names_kurban(d->name))
			missing &= ~DAYOFF_NO_KURBAN;
		else
			missing &= ~DAYOFF_NO_TRANSFER;
	}
	return missing;
}
