/* kezdesu undo: takes back the last change a Unix user made in this store. */
#ifndef KZ_UNDO_H
#define KZ_UNDO_H

#include <stdbool.h>

#include "util/log.h"

struct store;

struct undo_result {
	char kind[32];		/* the record kind: "visit", "issue", ... */
	char key[64];		/* its UUID, or its key as text */
	char fields[512];	/* the fields written back, comma-separated (may be cut short) */
	bool withdrew;		/* the change added the record: it is now withdrawn */
};

/*
 * Finds the newest change this store made for the store's Unix user (store_set_author) and
 * writes back the values it replaced, as a new change, in one transaction. Undo again goes
 * one change further back (undos and the changes they took back are skipped). 0, or -1 with e set (nothing to undo, a field changed
 * again since by a later change, ...).
 */
int undo_last(struct store *s, struct undo_result *r, struct kz_error *e);

#endif
