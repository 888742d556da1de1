/* Unit names for what the command line prints. */
#ifndef KZ_NAMES_H
#define KZ_NAMES_H

#include "core/record.h"

/* The units under a code, sorted by code (owned). */
struct names {
	struct rec_array units;
};

/* Loads the names of `under` and everything below it; on error the set is empty. */
void names_load(struct store *s, const char *under, struct names *nm);
/* The Kazakh name of code, or code itself when it is not in the set. */
const char *names_get(const struct names *nm, const char *code);
void names_free(struct names *nm);

#endif
