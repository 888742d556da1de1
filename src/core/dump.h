/*
 * The store's whole current state as canonical sorted text: every record of every kind in
 * key order, each path with its stamp, the stamp it replaced and its value. Two stores
 * with the same state print the same bytes, whatever order their changes arrived in.
 */
#ifndef KZ_DUMP_H
#define KZ_DUMP_H

#include <stddef.h>

#include "util/log.h"

struct store;
struct store_txn;

/* Called with each line (no newline; printable ASCII only). */
typedef int (*dump_line_fn)(void *arg, const char *line, size_t n);

int dump_tx(struct store_txn *t, dump_line_fn fn, void *arg);
int dump_store(struct store *s, dump_line_fn fn, void *arg, struct kz_error *e);

#endif
