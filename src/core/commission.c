/* P-1: the commission of a year, its members added and removed one transaction each. */
#include "core/commission.h"

#include <stdlib.h>
#include <string.h>

#include "core/node.h"
#include "core/text.h"
#include "util/xmalloc.h"
#include "util/i18n.h"

#define NAME_MAX_BYTES 300

/* Whether two names are the same person's as typed: folded, so «СЕРІК» is «Серік». */
static bool
same_name(const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b);
	char *fa = xmalloc(na + 1), *fb = xmalloc(nb + 1);
	bool same;

	text_fold(a, na, fa);
	text_fold(b, nb, fb);
	same = strcmp(fa, fb) == 0;
	free(fa);
	free(fb);
	return same;
}

struct add_args {
	int year;
	const char *name;
	int category;
};

static int
add_fn(struct store_txn *t, void *arg)
{
	struct add_args *a = arg;
	struct kz_error *e = store_txn_error(t);
	struct calendar_member *m;
	struct calendar c;
	struct node n;
	int rc = 0;

	if (node_get_tx(t, &n) != 0 || calendar_get_tx(t, n.unit, a->year, &c) < 0)
		return -1;
	for (size_t k = 0; k < c.ncommission && rc == 0; k++)
		if (c.commission[k].name != NULL && same_name(c.commission[k].name, a->name))
			rc = kz_fail(e, KZ_EINVAL, _("commission %d: %s is a member already (number "
			    "%zu, %s)"), a->year, c.commission[k].name, k + 1,
			    commission_category_names[c.commission[k].category]);
	if (rc == 0) {
		c.commission = xrealloc(c.commission, (c.ncommission + 1) * sizeof *c.commission);
		m = &c.commission[c.ncommission++];
		schema_init(member_kind_desc(), m);
		m->name = xstrdup(a->name);
		m->category = a->category;
		rc = calendar_save_tx(t, &c);
	}
	calendar_free(&c);
	return rc;
}

/* What commission_add and commission_add_tx refuse before reading the store. */
static int
check_add(int year, const char *name, int category, struct kz_error *e)
{
	if (year < 2000 || year > 2999)
		return kz_fail(e, KZ_EINVAL, _("commission: year %d is out of range"), year);
	if (category < 0 || category >= CM_COUNT)
		return kz_fail(e, KZ_EINVAL, _("commission: unknown category %d"), category);
	if (name == NULL)
		return kz_fail(e, KZ_EINVAL, _("commission: a name is required"));
	/* A name is shown on one line everywhere, like a unit's. */
	if (text_check("member's name", name, true, NAME_MAX_BYTES, e) != 0 ||
	    text_check_name("member's name", name, strlen(name), NAME_MAX_BYTES, e) != 0)
		return kz_prefix(e, "commission %d: ", year);
	return 0;
}

int
commission_add(struct store *s, int year, const char *name, int category,
    struct kz_error *e)
{
	struct add_args a = { year, name, category };

	if (check_add(year, name, category, e) != 0)
		return -1;
	return store_write(s, add_fn, &a, e);
}

int
commission_add_tx(struct store_txn *t, int year, const char *name, int category)
{
	struct add_args a = { year, name, category };

	if (check_add(year, name, category, store_txn_error(t)) != 0)
		return -1;
	return add_fn(t, &a);
}

struct remove_args {
	int year;
	const char *which;
};

/* The member which names: its number (1, 2, ...) or its name; -1 with e set. */
static long
find_member(const struct calendar *c, int year, const char *which, struct kz_error *e)
{
	char *end;
	long n = strtol(which, &end, 10);
	long found = -1;

	if (which[0] >= '0' && which[0] <= '9' && *end == '\0') {
		if (n < 1 || (size_t)n > c->ncommission)
			return kz_fail(e, KZ_ENOTFOUND, _("commission %d: there is no member %s (it "
			    "has %zu)"), year, which, c->ncommission);
		return n - 1;
	}
	for (size_t k = 0; k < c->ncommission; k++)
		if (c->commission[k].name != NULL && same_name(c->commission[k].name, which))
			found = (long)k;
	if (found < 0)
		return kz_fail(e, KZ_ENOTFOUND, _("commission %d: no member named %s (kezdesu "
		    "commission list %d)"), year, which, year);
	return found;
}

static int
remove_fn(struct store_txn *t, void *arg)
{
	struct remove_args *a = arg;
	struct calendar c;
	struct node n;
	long k;
	int rc = -1;

	if (node_get_tx(t, &n) != 0 || calendar_get_tx(t, n.unit, a->year, &c) < 0)
		return -1;
	if ((k = find_member(&c, a->year, a->which, store_txn_error(t))) >= 0) {
		/* Dropped from the set: a tombstone on its id (store/state.h), carried like any
		 * other change, so the removal reaches the other offices. */
		schema_clear(member_kind_desc(), &c.commission[k]);
		memmove(&c.commission[k], &c.commission[k + 1],
		    (c.ncommission - (size_t)k - 1) * sizeof *c.commission);
		c.ncommission--;
		rc = calendar_save_tx(t, &c);
	}
	calendar_free(&c);
	return rc;
}

int
commission_remove(struct store *s, int year, const char *which, struct kz_error *e)
{
	struct remove_args a = { year, which };

	if (which == NULL || which[0] == '\0')
		return kz_fail(e, KZ_EINVAL, _("commission remove: name the member or give its "
		    "number"));
	return store_write(s, remove_fn, &a, e);
}

int
commission_list(struct store *s, int year, struct calendar *c, struct kz_error *e)
{
	return calendar_get(s, year, c, e);
}

unsigned
commission_categories(const struct calendar *c)
{
	unsigned bits = 0;

	for (size_t k = 0; k < c->ncommission; k++)
		if (c->commission[k].category >= 0 && c->commission[k].category < CM_COUNT)
			bits |= 1u << c->commission[k].category;
	return bits;
}
