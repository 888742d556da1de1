/*
 * Names of units for people: loaded once per command (one read of the office's units)
 * rather than a store lookup per line printed.
 */
#include "core/unit_names.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/unit.h"

enum lang
unit_names_lang(const char *locale)
{
	/* "ru" alone, or followed by a territory, codeset or modifier: not "rue" or "rus". */
	if (locale != NULL && strncmp(locale, "ru", 2) == 0 &&
	    (locale[2] == '\0' || strchr("_.@", locale[2]) != NULL))
		return LANG_RU;
	return LANG_KK;
}

const char *
unit_name(const struct unit *u, enum lang lang)
{
	const char *first = lang == LANG_RU ? u->name_ru : u->name_kk;
	const char *other = lang == LANG_RU ? u->name_kk : u->name_ru;

	if (first != NULL && first[0] != '\0')
		return first;
	if (other != NULL && other[0] != '\0')
		return other;
	return u->code;
}

static int
names_cmp(const void *a, const void *b)
{
	return strcmp(((const struct unit *)a)->code, ((const struct unit *)b)->code);
}

void
unit_names_load(struct store *s, const char *under, enum lang lang, struct unit_names *nm)
{
	memset(nm, 0, sizeof *nm);
	nm->lang = lang;
	if (unit_list(s, under, &nm->units, NULL) == 0)
		qsort(nm->units.items, nm->units.n, sizeof(struct unit), names_cmp);
}

const char *
unit_names_get(const struct unit_names *nm, const char *code)
{
	struct unit key;
	const struct unit *u;

	/* code may be shorter than the field: copy what it holds, NUL-terminated. */
	snprintf(key.code, sizeof key.code, "%s", code);
	u = bsearch(&key, nm->units.items, nm->units.n, sizeof(struct unit), names_cmp);
	return u != NULL ? unit_name(u, nm->lang) : code;
}

void
unit_names_free(struct unit_names *nm)
{
	rec_array_free(&unit_kind, &nm->units);
}
