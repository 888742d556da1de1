/* What goes to which office: see core/scope.h. */
#include "core/scope.h"

#include <string.h>

#include "core/record.h"
#include "core/unit.h"
#include "store/state.h"

const char *
scope_dir_name(enum scope_dir d)
{
	return d == SCOPE_UP ? "up" : d == SCOPE_DOWN ? "down" : "beside";
}

/*
 * The digits of code its subtree shares: the code without the zero groups at KATO's
 * ends (HIJ's IJ, H, EF, CD, AB), which are the parent rule's candidates (kato.h). Not
 * unit_own_digits, which keeps an H00 locality's 00: a village under it starts with ABCDEFH.
 */
static size_t
own_len(const char *code)
{
	static const size_t ends[] = { 9, 7, 6, 4, 2, 0 };
	size_t keep = UNIT_CODE_LEN;

	for (size_t i = 0; i + 1 < sizeof ends / sizeof ends[0]; i++) {
		for (size_t k = ends[i + 1]; k < ends[i]; k++)
			if (code[k] != '0')
				return keep;
		keep = ends[i + 1];
	}
	return keep;
}

bool
scope_within(const char *code, const char *anc)
{
	if (!unit_code_valid(code) || !unit_code_valid(anc))
		return false;
	return memcmp(code, anc, own_len(anc)) == 0;
}

enum scope_dir
scope_direction(const char *office, const char *peer)
{
	if (!unit_code_valid(office) || !unit_code_valid(peer) || strcmp(office, peer) == 0)
		return SCOPE_BESIDE;
	if (scope_within(office, peer))
		return SCOPE_UP;
	if (scope_within(peer, office))
		return SCOPE_DOWN;
	return SCOPE_BESIDE;
}

bool
scope_sends(const struct scope_place *pl, const char *office, const char *peer,
    enum scope_dir dir)
{
	bool owner = pl->owner[0] != '\0', where = pl->where[0] != '\0';

	if (pl->kind == DB_UNITS && pl->kato)
		return false;	/* every office imports the classifier itself */
	if (dir == SCOPE_UP) {
		/* The country's days off are decided above and come down; nothing goes back. */
		if (pl->kind == DB_HOLIDAYS)
			return false;
		return owner && scope_within(pl->owner, office);
	}
	if (dir != SCOPE_DOWN)
		return false;
	if (pl->kind == DB_HOLIDAYS)
		return true;
	if ((owner && scope_within(pl->owner, peer)) || (where && scope_within(pl->where, peer)))
		return true;
	/* The calendar of an office above the peer lists the peer's meetings (K-1, K-2). */
	return pl->kind == DB_CALENDARS && owner && scope_within(peer, pl->owner);
}

const struct scope_personal scope_personal_fields[] = {
	{ DB_QUESTIONS, "asker_name" },
	{ DB_QUESTIONS, "asker_contact" },
};
const size_t scope_personal_n = sizeof scope_personal_fields / sizeof scope_personal_fields[0];

bool
scope_conflict_personal(unsigned kind, const char *field)
{
	for (size_t i = 0; i < scope_personal_n; i++)
		if (scope_personal_fields[i].kind == kind && field != NULL &&
		    strcmp(scope_personal_fields[i].field, field) == 0)
			return true;
	return false;
}

bool
scope_tag_personal(unsigned kind, unsigned tag)
{
	const struct rec_kind *k = rec_kind_of(kind);

	for (size_t i = 0; k != NULL && i < scope_personal_n; i++) {
		const struct schema_field *f;

		if (scope_personal_fields[i].kind != kind)
			continue;
		f = schema_field_named(k->desc, scope_personal_fields[i].field);
		if (f != NULL && f->tag == tag)
			return true;
	}
	return false;
}

bool
scope_path_personal(unsigned kind, const uint8_t *path, size_t plen)
{
	const uint8_t *eid;
	unsigned tag, sub;
	bool in_set;

	if (state_path_parse(path, plen, &tag, &in_set, &eid, &sub) != 0)
		return false;
	/* Personal fields are top-level: a set element's field is its list's. */
	return scope_tag_personal(kind, tag);
}
