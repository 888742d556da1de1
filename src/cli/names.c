/*
 * Names of units for people: loaded once per command (one read of the office's units)
 * rather than a store lookup per line printed.
 */
#include "cli/names.h"

#include <stdlib.h>
#include <string.h>

#include "core/unit.h"

/* Unit names for people: the office's units, sorted by code. */
static int
names_cmp(const void *a, const void *b)
{
	return strcmp(((const struct unit *)a)->code, ((const struct unit *)b)->code);
}

void
names_load(struct store *s, const char *under, struct names *nm)
{
	memset(nm, 0, sizeof *nm);
	if (unit_list(s, under, &nm->units, NULL) == 0)
		qsort(nm->units.items, nm->units.n, sizeof(struct unit), names_cmp);
}

const char *
names_get(const struct names *nm, const char *code)
{
	struct unit key;
	const struct unit *u;

	memcpy(key.code, code, 10);
	u = bsearch(&key, nm->units.items, nm->units.n, sizeof(struct unit), names_cmp);
	return u != NULL && u->name_kk != NULL ? u->name_kk : code;
}

void
names_free(struct names *nm)
{
	rec_array_free(&unit_kind, &nm->units);
}
