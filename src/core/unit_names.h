/*
 * Names of units for people, in Kazakh or Russian as asked: loaded once per screen or
 * command (one read of the office's units) rather than a store lookup per line shown.
 */
#ifndef KZ_UNIT_NAMES_H
#define KZ_UNIT_NAMES_H

#include "core/record.h"

struct unit;

enum lang {
	LANG_KK,	/* Kazakh, the default */
	LANG_RU,
};

/*
 * The language a locale name asks for: Russian for "ru" and "ru_*" (ru_RU.UTF-8, ru_KZ),
 * else Kazakh. NULL or "" is Kazakh.
 */
enum lang unit_names_lang(const char *locale);

/* u's name in lang; else in the other language; else its code. */
const char *unit_name(const struct unit *u, enum lang lang);

/* The units under a code, sorted by code (owned), and the language they are shown in. */
struct unit_names {
	struct rec_array units;
	enum lang lang;
};

/* Loads the names of `under` and everything below it; on error the set is empty. */
void unit_names_load(struct store *s, const char *under, enum lang lang, struct unit_names *nm);
/* The name of code in the set's language (unit_name), or code itself when it is not in the set. */
const char *unit_names_get(const struct unit_names *nm, const char *code);
void unit_names_free(struct unit_names *nm);

#endif
