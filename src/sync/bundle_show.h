/*
 * What a change's paths mean, for `kezdesu bundle show`: the record kind, the field (and a
 * set element's id and field) a path names, and its value decoded by the record's field
 * table, so that the command line prints them without reaching into the store's encoding.
 */
#ifndef KZ_BUNDLE_SHOW_H
#define KZ_BUNDLE_SHOW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/schema.h"

struct bundle_path_info {
	const char *kind;	/* the record kind's name, NULL when this version lacks it */
	unsigned tag;		/* the top-level field's tag */
	const char *field;	/* its name, NULL when unknown */
	bool in_set;		/* one field of one element of a set */
	uint8_t eid[16];	/* the element's id */
	unsigned sub;		/* the element's field's tag */
	const char *sub_field;	/* its name, NULL when unknown */
};

/* 0 and *pi, or -1 when the path is malformed. */
int bundle_show_path(unsigned kind, const uint8_t *path, size_t plen,
    struct bundle_path_info *pi);
/*
 * The value of a path decoded into a record of *d holding that one field, *f (a set
 * element's field: an element of *d): malloc'd, freed by bundle_show_free; NULL when the
 * kind or the field is unknown here or the bytes do not decode.
 */
void *bundle_show_value(unsigned kind, const uint8_t *path, size_t plen, const uint8_t *val,
    size_t vlen, const struct schema_record **d, const struct schema_field **f);
void bundle_show_free(const struct schema_record *d, void *obj);
/* The name of record kind `kind`, or NULL. */
const char *bundle_show_kind(unsigned kind);

#endif
