#include "core/unit.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/kato.h"
#include "core/text.h"
#include "util/xmalloc.h"
#include "util/i18n.h"

enum {
	U_CODE = 1, U_PARENT, U_TYPE, U_NAME_KK, U_NAME_RU, U_K, U_EDITION, U_LOCAL, U_RETIRED
};

static const struct schema_field unit_fields[] = {
	{ U_CODE, SF_CODE, offsetof(struct unit, code), "code" },
	{ U_PARENT, SF_CODE, offsetof(struct unit, parent), "parent" },
	SCHEMA_ENUM(U_TYPE, struct unit, type, unit_type_names, UNIT_TYPE_COUNT),
	{ U_NAME_KK, SF_STR, offsetof(struct unit, name_kk), "name_kk" },
	{ U_NAME_RU, SF_STR, offsetof(struct unit, name_ru), "name_ru" },
	{ U_K, SF_INT, offsetof(struct unit, k), "k" },
	{ U_EDITION, SF_STR, offsetof(struct unit, edition), "edition" },
	{ U_LOCAL, SF_BOOL, offsetof(struct unit, local), "local" },
	{ U_RETIRED, SF_BOOL, offsetof(struct unit, retired), "retired" },
};

static const struct schema_record unit_desc = {
	"unit", sizeof(struct unit), offsetof(struct unit, extra), SCHEMA_FIELDS(unit_fields)
};

static void
unit_key(const void *obj, struct rec_key *k)
{
	const struct unit *u = obj;

	rec_key_bytes(k, u->code, UNIT_CODE_LEN);
}

static void
unit_indexes(const void *obj, rec_emit_fn emit, void *ctx)
{
	const struct unit *u = obj;
	struct rec_key k = { .n = 0 };

	if (u->parent[0] == '\0')
		return;
	rec_key_bytes(&k, u->parent, UNIT_CODE_LEN);
	rec_key_bytes(&k, u->code, UNIT_CODE_LEN);
	emit(ctx, DB_UNITS_BY_PARENT, &k);
}

/* What unit_indexes reads. */
static const char *const unit_index_fields[] = { "code", "parent", NULL };

const struct rec_kind unit_kind = {
	DB_UNITS, &unit_desc, unit_key, unit_indexes, 0, unit_index_fields
};

void
unit_free(struct unit *u)
{
	schema_clear(&unit_desc, u);
}

/*
 * The Government as a unit (RULES.md, levels: a unit above the regions, built in; its store
 * holds G-1..G-3): made
 * here on every read and never stored, so no edition of KATO and no exchange between
 * offices can change or lose it.
 */
static void
government_unit(struct unit *u)
{
	schema_init(&unit_desc, u);
	memcpy(u->code, UNIT_GOVERNMENT_CODE, sizeof u->code);
	u->type = UNIT_GOVERNMENT;
	u->k = -1;
	u->name_kk = xstrdup(UNIT_GOVERNMENT_KK);
	u->name_ru = xstrdup(UNIT_GOVERNMENT_RU);
}

int
unit_get_tx(struct store_txn *t, const char *code, struct unit *u)
{
	struct rec_key k = { .n = 0 };

	if (unit_is_government(code)) {
		government_unit(u);
		return 0;
	}
	if (!unit_code_valid(code)) {
		schema_init(&unit_desc, u);
		return 1;
	}
	rec_key_bytes(&k, code, UNIT_CODE_LEN);
	return rec_load(t, &unit_kind, &k, u);
}

int
unit_get(struct store *s, const char *code, struct unit *u, struct kz_error *e)
{
	struct rec_key k = { .n = 0 };

	if (!unit_code_valid(code)) {
		schema_init(&unit_desc, u);
		return kz_fail(e, KZ_EINVAL, _("unit %s: a KATO code has nine digits"), code);
	}
	if (unit_is_government(code)) {
		government_unit(u);
		return 0;
	}
	rec_key_bytes(&k, code, UNIT_CODE_LEN);
	return rec_get(s, &unit_kind, &k, code, u, e);
}

int
unit_is_within_tx(struct store_txn *t, const char *code, const char *anc)
{
	char cur[10];
	struct unit u;
	int depth = 0, rc;

	snprintf(cur, sizeof cur, "%s", code);
	while (cur[0] != '\0' && depth++ < 16) {
		if (strcmp(cur, anc) == 0)
			return 1;
		if ((rc = unit_get_tx(t, cur, &u)) != 0)
			return rc < 0 ? -1 : 0;
		memcpy(cur, u.parent, sizeof cur);
		unit_free(&u);
	}
	/* A unit of the store whose chain of parents ends at a root: the Government's. */
	return cur[0] == '\0' && depth <= 16 && unit_is_government(anc);
}

struct list_args {
	const char *under;
	struct rec_array *out;
};

static int
list_children(struct store_txn *t, const char *code, struct rec_array *out, int depth)
{
	struct rec_array kids = { 0 };
	char to[10];
	int rc;
	struct rec_scan sc = { .idx = DB_UNITS_BY_PARENT, .from = code, .from_n = UNIT_CODE_LEN,
		.to = to, .to_n = UNIT_CODE_LEN, .keylen = UNIT_CODE_LEN };

	if (depth > 16)
		return 0;
	/* The children of code are the index keys that start with it. */
	memcpy(to, code, UNIT_CODE_LEN);
	to[UNIT_CODE_LEN - 1]++;
	if ((rc = rec_scan(t, &unit_kind, &sc, &kids)) != 0)
		return rc;
	for (size_t i = 0; i < kids.n && rc == 0; i++) {
		struct unit *u = rec_array_push(&unit_kind, out);

		schema_copy(&unit_desc, u, (struct unit *)kids.items + i);
		rc = list_children(t, u->code, out, depth + 1);
	}
	rec_array_free(&unit_kind, &kids);
	return rc;
}

int
unit_list_tx(struct store_txn *t, const char *under, struct rec_array *out)
{
	struct rec_scan all = { .idx = DB_UNITS, .keylen = UNIT_CODE_LEN };
	struct unit *u;
	int rc;

	if (under == NULL)
		return rec_scan(t, &unit_kind, &all, out);
	if (unit_is_government(under)) {
		/* Everything is under it: the roots become its children (RULES.md). */
		government_unit(rec_array_push(&unit_kind, out));
		if ((rc = rec_scan(t, &unit_kind, &all, out)) != 0)
			return rc;
		for (size_t i = 1; i < out->n; i++) {
			u = (struct unit *)out->items + i;
			if (u->parent[0] == '\0')
				memcpy(u->parent, UNIT_GOVERNMENT_CODE, sizeof u->parent);
		}
		return 0;
	}
	u = rec_array_push(&unit_kind, out);
	if ((rc = unit_get_tx(t, under, u)) != 0) {
		out->n--;
		if (rc == 1)
			return kz_fail(store_txn_error(t), KZ_ENOTFOUND, _("unit %s: not found "
			    "(import the classifier: kezdesu units import FILE)"), under);
		return -1;
	}
	return list_children(t, under, out, 0);
}

static int
list_fn(struct store_txn *t, void *arg)
{
	struct list_args *a = arg;

	return unit_list_tx(t, a->under, a->out);
}

int
unit_list(struct store *s, const char *under, struct rec_array *out, struct kz_error *e)
{
	struct list_args a = { under, out };

	return rec_read_list(s, list_fn, &a, &unit_kind, out, e);
}

struct import_args {
	const struct kato_table *kt;
	const char *edition;
	bool force;
	struct unit_import_stats *st;
};

static int
str_differs(const char *a, const char *b)
{
	return a == NULL || b == NULL ? a != b : strcmp(a, b) != 0;
}

static int
import_fn(struct store_txn *t, void *arg)
{
	struct import_args *a = arg;
	struct rec_scan all = { .idx = DB_UNITS, .keylen = UNIT_CODE_LEN };
	struct rec_array known = { 0 };
	size_t current = 0, gone = 0;
	int rc = 0;

	memset(a->st, 0, sizeof *a->st);
	/*
	 * The units this edition lacks, counted before anything is written: a file cut short
	 * or the wrong file would otherwise retire most of the tree in one go. The copies
	 * stay valid for the retiring below, as the loop over the edition touches none of them.
	 */
	if (rec_scan(t, &unit_kind, &all, &known) != 0)
		return -1;
	for (size_t i = 0; i < known.n; i++) {
		const struct unit *u = (const struct unit *)known.items + i;

		if (u->local || u->retired)
			continue;
		current++;
		gone += kato_find(a->kt, u->code) == NULL;
	}
	a->st->current = current;
	a->st->retired = gone;
	if (!a->force && gone * 10 > current) {
		a->st->too_many = true;
		rec_array_free(&unit_kind, &known);
		return kz_fail(store_txn_error(t), KZ_EINVAL, _("this edition would retire %zu "
		    "of the %zu units in the store (more than a tenth)"), gone, current);
	}
	a->st->retired = 0;
	for (size_t i = 0; i < a->kt->n && rc == 0; i++) {
		const struct kato_unit *ku = &a->kt->units[i];
		struct unit u;
		int found = unit_get_tx(t, ku->code, &u);

		if (found < 0) {
			rec_array_free(&unit_kind, &known);
			return -1;
		}
		if (found == 0 && u.local) {
			/* Starts with the line, for the caller's "FILE:" in front. */
			kz_fail(store_txn_error(t), KZ_EEXIST, _("%u: code %s is already used by the "
			    "local unit %s (%s); move that unit first"), ku->line, ku->code,
			    u.name_kk ? u.name_kk : "", u.name_ru ? u.name_ru : "");
			unit_free(&u);
			rec_array_free(&unit_kind, &known);
			return -1;
		}
		if (found == 0 && u.type == (int)ku->type && strcmp(u.parent, ku->parent) == 0 &&
		    !str_differs(u.name_kk, ku->name_kk) && !str_differs(u.name_ru, ku->name_ru) &&
		    !u.retired && u.k == ku->k) {
			/*
			 * Unchanged: not rewritten, so that a re-import of a new edition logs
			 * only what the edition changed. u.edition stays the edition that last
			 * changed the unit; the store's meta "kato_edition" names the newest.
			 */
			a->st->unchanged++;
			unit_free(&u);
			continue;
		}
		a->st->added += found == 1;
		a->st->updated += found == 0;
		memcpy(u.code, ku->code, sizeof u.code);
		memcpy(u.parent, ku->parent, sizeof u.parent);
		u.type = (int)ku->type;
		u.k = ku->k;
		free(u.name_kk);
		free(u.name_ru);
		free(u.edition);
		u.name_kk = xstrdup(ku->name_kk);
		u.name_ru = xstrdup(ku->name_ru);
		u.edition = xstrdup(a->edition);
		u.retired = false;
		rc = rec_save(t, &unit_kind, &u);
		unit_free(&u);
	}
	if (rc == 0 && store_meta_put(t, "kato_edition", a->edition, strlen(a->edition)) != 0)
		rc = -1;
	/* Units of earlier editions that this one lacks: keep them, marked retired. */
	for (size_t i = 0; i < known.n && rc == 0; i++) {
		struct unit *u = (struct unit *)known.items + i;

		if (u->local || u->retired || kato_find(a->kt, u->code) != NULL)
			continue;
		u->retired = true;
		a->st->retired++;
		rc = rec_save(t, &unit_kind, u);
	}
	rec_array_free(&unit_kind, &known);
	return rc;
}

int
unit_import(struct store *s, const struct kato_table *kt, const char *edition, bool force,
    struct unit_import_stats *st, struct kz_error *e)
{
	struct import_args a = { kt, edition, force, st };

	if (text_check("edition", edition, true, 64, e) != 0)
		return -1;
	return store_write(s, import_fn, &a, e);
}

/*
 * Two names the same but for case (text_fold_char: the same in every locale) and blanks at
 * their ends ("мкр. Шугыла " = "МКР. шугыла").
 */
static bool
unit_same_name(const char *a, const char *b)
{
	size_t na, nb, la, lb;
	uint32_t ca, cb;

	if (a == NULL || b == NULL)
		return false;
	while (*a == ' ' || *a == '\t')
		a++;
	while (*b == ' ' || *b == '\t')
		b++;
	na = strlen(a);
	nb = strlen(b);
	while (na > 0 && (a[na - 1] == ' ' || a[na - 1] == '\t'))
		na--;
	while (nb > 0 && (b[nb - 1] == ' ' || b[nb - 1] == '\t'))
		nb--;
	while (na > 0 && nb > 0) {
		la = text_utf8_next(a, na, &ca);
		lb = text_utf8_next(b, nb, &cb);
		if (la == 0 || lb == 0)		/* not UTF-8: compare the bytes */
			return na == nb && memcmp(a, b, na) == 0;
		if (text_fold_char(ca) != text_fold_char(cb))
			return false;
		a += la;
		na -= la;
		b += lb;
		nb -= lb;
	}
	return na == 0 && nb == 0;
}

/*
 * A unit already under parent by either name: the same microdistrict added twice would
 * split its visits and questions between two codes. Retired units do not count.
 */
static int
local_duplicate(struct store_txn *t, const char *parent, const char *kk, const char *ru)
{
	struct rec_array kids = { 0 };
	char to[10];
	int rc = 0;
	struct rec_scan sc = { .idx = DB_UNITS_BY_PARENT, .from = parent,
		.from_n = UNIT_CODE_LEN, .to = to, .to_n = UNIT_CODE_LEN,
		.keylen = UNIT_CODE_LEN };

	memcpy(to, parent, UNIT_CODE_LEN);
	to[UNIT_CODE_LEN - 1]++;
	if (rec_scan(t, &unit_kind, &sc, &kids) != 0)
		return -1;
	for (size_t i = 0; i < kids.n && rc == 0; i++) {
		const struct unit *u = (const struct unit *)kids.items + i;
		bool same_kk = unit_same_name(u->name_kk, kk);

		if (u->retired || (!same_kk && !unit_same_name(u->name_ru, ru)))
			continue;
		rc = kz_fail(store_txn_error(t), KZ_EEXIST, _("unit %s already has %s %s (%s / %s) "
		    "with the same %s name"), parent, u->local ? "the local unit" : "the unit",
		    u->code, u->name_kk != NULL ? u->name_kk : "",
		    u->name_ru != NULL ? u->name_ru : "", same_kk ? "Kazakh" : "Russian");
	}
	rec_array_free(&unit_kind, &kids);
	return rc;
}

struct local_args {
	const char *parent;
	enum unit_type type;
	const char *kk, *ru;
	char *code;
};

static int
local_fn(struct store_txn *t, void *arg)
{
	struct local_args *a = arg;
	struct unit p, u;
	int rc;

	if ((rc = unit_get_tx(t, a->parent, &p)) != 0)
		return rc < 0 ? -1 : kz_fail(store_txn_error(t), KZ_ENOTFOUND,
		    _("parent unit %s: not found"), a->parent);
	rc = p.type == UNIT_CITY_REP || p.type == UNIT_CITY_REG || p.type == UNIT_CITY_DIST ||
	    p.type == UNIT_CITY || p.type == UNIT_CITY_DISTRICT;
	unit_free(&p);
	if (!rc)
		return kz_fail(store_txn_error(t), KZ_EINVAL, _("parent unit %s is not a city or a "
		    "district of a city: microdistricts belong to cities"), a->parent);
	if (local_duplicate(t, a->parent, a->kk, a->ru) != 0)
		return -1;
	/*
	 * Local units take codes from the top of the parent's HIJ range (999 down), where
	 * KATO puts the fewest localities; a later KATO edition that claims such a code is
	 * refused by unit_import rather than silently merged.
	 */
	for (int hij = 999; hij >= 900; hij--) {
		char code[10];

		snprintf(code, sizeof code, "%.6s%03d", a->parent, hij);
		if ((rc = unit_get_tx(t, code, &u)) < 0)
			return -1;
		if (rc == 0) {
			unit_free(&u);
			continue;
		}
		memcpy(u.code, code, sizeof u.code);
		memcpy(u.parent, a->parent, sizeof u.parent);
		u.type = (int)a->type;
		u.k = -1;
		u.local = true;
		u.name_kk = xstrdup(a->kk);
		u.name_ru = xstrdup(a->ru);
		rc = rec_save(t, &unit_kind, &u);
		unit_free(&u);
		memcpy(a->code, code, 10);
		return rc;
	}
	return kz_fail(store_txn_error(t), KZ_EFULL, _("unit %s: no free code for another local "
	    "unit (100 in use)"), a->parent);
}

int
unit_add_local(struct store *s, const char *parent, enum unit_type type, const char *name_kk,
    const char *name_ru, char code[10], struct kz_error *e)
{
	struct local_args a = { parent, type, name_kk, name_ru, code };

	if (type != UNIT_MICRODISTRICT)
		return kz_fail(e, KZ_EINVAL, _("only MICRODISTRICT units can be added by hand; "
		    "the others come from KATO (kezdesu units import)"));
	if (!unit_code_valid(parent))
		return kz_fail(e, KZ_EINVAL, _("parent %s: a KATO code has nine digits"), parent);
	if (text_check_name("Kazakh name", name_kk, strlen(name_kk), 200, e) != 0 ||
	    text_check_name("Russian name", name_ru, strlen(name_ru), 200, e) != 0)
		return -1;
	return store_write(s, local_fn, &a, e);
}

void
unit_own_digits(const char *code, char out[UNIT_CODE_LEN + 1])
{
	static const int ends[] = { 9, 6, 4, 2 };
	size_t keep = 9;

	for (size_t i = 0; i + 1 < sizeof ends / sizeof ends[0]; i++) {
		bool zeros = true;

		for (int k = ends[i + 1]; k < ends[i]; k++)
			zeros = zeros && code[k] == '0';
		if (!zeros)
			break;
		keep = (size_t)ends[i + 1];
	}
	memcpy(out, code, keep);
	out[keep] = '\0';
}
