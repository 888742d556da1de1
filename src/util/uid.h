/*
 * Record identifiers: 16-byte UUIDs in the version 7 layout (48 bits of Unix milliseconds,
 * then random bits from libuuid), so that keys of new records sort after older ones and
 * land at the end of LMDB's B-trees instead of splitting pages all over them.
 */
#ifndef KZ_UID_H
#define KZ_UID_H

#include <stdbool.h>
#include <stdint.h>

struct kz_uuid {
	uint8_t b[16];
};

#define UID_STRLEN 37	/* 36 characters and the NUL */

/* A new identifier for the time ms; strictly increasing within a process for equal ms. */
void uid_new(struct kz_uuid *u, int64_t ms);
void uid_format(const struct kz_uuid *u, char out[UID_STRLEN]);
/* 0 and *u on a well-formed UUID string, else -1. */
int uid_parse(const char *s, struct kz_uuid *u);
bool uid_is_nil(const struct kz_uuid *u);
int uid_cmp(const struct kz_uuid *a, const struct kz_uuid *b);
/* The milliseconds of a version 7 UUID. */
int64_t uid_ms(const struct kz_uuid *u);

#endif
