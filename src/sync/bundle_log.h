/*
 * A bundle of a store's whole change log, every origin's entries in sequence order, signed
 * by the store's node: what tests feed the reader, and the body of a full export.
 */
#ifndef KZ_BUNDLE_LOG_H
#define KZ_BUNDLE_LOG_H

#include <stdint.h>
#include <stdio.h>

#include "sync/bundle.h"
#include "util/log.h"

struct store;

struct bundle_log_opts {
	const char *dest_unit;		/* NULL or "": for anyone */
	const uint8_t *dest_node;	/* 16 bytes, or NULL */
	const struct bundle_seq *acks;	/* the acknowledgements to carry */
	size_t nacks;
	int level;			/* zstd's level (0: its default) */
};

/*
 * Writes every change of s's log to out (name for messages) as one bundle: 0 and *count,
 * or -1 with e set. One read transaction; memory does not grow with the log.
 */
int bundle_log_write(struct store *s, FILE *out, const char *name,
    const struct bundle_log_opts *o, uint64_t *count, struct kz_error *e);

#endif
