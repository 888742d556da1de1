/*
 * Records described by tables of fields, so that every record kind is encoded, decoded,
 * copied and freed by one piece of code (and unknown fields are kept by it alone).
 *
 * A record struct holds a `struct schema_extra` with the raw bytes of the fields this
 * version does not know: they are written back after the known ones, so a newer
 * version's data survives an older version's read-modify-write.
 */
#ifndef KZ_SCHEMA_H
#define KZ_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/codec.h"

#define SCHEMA_FORMAT_VERSION 1

enum schema_type {
	SF_INT,		/* int, zigzag varint */
	SF_I64,		/* int64_t, zigzag varint */
	SF_BOOL,	/* bool */
	SF_DATE,	/* kz_date (int32_t); DATE_NONE is "absent" */
	SF_STR,		/* char *, owned; NULL is "absent" */
	SF_CODE,	/* char[10], a KATO code; "" is "absent" */
	SF_UUID,	/* struct kz_uuid; all zero is "absent" */
	SF_LIST,	/* an array of sub-records: `T *items; size_t n;` at off and count_off */
};

struct schema_extra {
	uint8_t *p;	/* owned raw bytes of unknown fields */
	size_t len;
	uint8_t version;	/* the highest format version this record was read from */
};

struct schema_record;

struct schema_field {
	unsigned tag;
	enum schema_type type;
	size_t off;
	const char *name;	/* for JSON and the change log */
	const struct schema_record *sub;	/* SF_LIST: the element's description */
	size_t count_off;	/* SF_LIST: offset of the size_t count */
	const char *const *names;	/* SF_INT holding an enum: its values' names */
	int nnames;
};

/* An SF_INT field that holds an enum, with the names its values print as. */
#define SCHEMA_ENUM(tag, T, member, names_, n) \
	{ (tag), SF_INT, offsetof(T, member), #member, NULL, 0, (names_), (n) }

struct schema_record {
	const char *name;
	size_t size;
	size_t extra_off;	/* offset of the struct schema_extra */
	const struct schema_field *fields;
	size_t nfields;
};

#define SCHEMA_FIELDS(arr) (arr), (sizeof(arr) / sizeof((arr)[0]))

/* Sets every field to "absent" (dates to DATE_NONE). */
void schema_init(const struct schema_record *d, void *obj);
/* Frees owned strings, lists and unknown fields; leaves obj initialised. */
void schema_clear(const struct schema_record *d, void *obj);
/* Appends the whole value (version byte first) to out. */
void schema_encode(const struct schema_record *d, const void *obj, struct codec_buf *out);
/* Decodes a whole value into an initialised obj; -1 when corrupt (obj is then cleared). */
int schema_decode(const struct schema_record *d, void *obj, const uint8_t *p, size_t n);
/*
 * Decodes only the top-level fields whose tags are set in tags (bits, tags below 64): what
 * a record's index entries need, without copying its texts. Unknown fields are not kept,
 * so such an object is never written back.
 */
int schema_decode_only(const struct schema_record *d, void *obj, const uint8_t *p, size_t n,
    uint64_t tags);
/* A deep copy: dst is initialised by this call. */
void schema_copy(const struct schema_record *d, void *dst, const void *src);
/* Looks a field up by its name; NULL if there is none. */
const struct schema_field *schema_field_named(const struct schema_record *d, const char *name);
const struct schema_field *schema_field_tagged(const struct schema_record *d, unsigned tag);

#endif
