/*
 * An office as the clients see it (cli/, and the ui/ to come): its store, who works in it
 * (the Unix user and the official's name, recorded in every change) and its identity.
 * Clients hold a struct office and never include store/: they hand office_store()'s
 * handle, opaque to them, to core's functions (docs/architecture.md, "Layers").
 */
#ifndef KZ_OFFICE_H
#define KZ_OFFICE_H

#include <stdbool.h>
#include <stdint.h>

#include "util/log.h"

struct node;
struct office;
struct store;

#define OFFICE_CREATE 0x1	/* create the store in the directory when it has none */
#define OFFICE_RDONLY 0x2	/* read only: nothing can be saved */

/* Makes DIR for a new store (mode 0700); with group != NULL, shared by that Unix group. */
int office_create_dir(const char *dir, const char *group, struct kz_error *e);
/*
 * Opens the office's store in dir. The author of its changes is the effective Unix user
 * (else $USER) with the official's name set for that user (`kezdesu official`).
 */
int office_open(const char *dir, int flags, struct office **out, struct kz_error *e);
/* Closes the store and frees o; clears the caller's pointer. NULL is fine. */
void office_close(struct office **o);

/* The store, for core's functions; owned by the office. */
struct store *office_store(struct office *o);
const char *office_dir(const struct office *o);
/*
 * Opened with OFFICE_RDONLY. (A store whose files this user cannot write opens read-only
 * by itself, and a write then says which file and what to do.)
 */
bool office_read_only(const struct office *o);
/* A line about loose permissions found at open (for the user to see), or NULL. */
const char *office_warning(const struct office *o);
/*
 * Changes whenever any process commits to the store; one call, no transaction: a screen
 * compares it with the one it drew from.
 */
uint64_t office_generation(struct office *o);

/* The Unix user making the changes (NULL when it cannot be told). */
const char *office_user(const struct office *o);
/* The official's name set for that user, or NULL. */
const char *office_official(const struct office *o);
/*
 * Sets (NULL or "": clears) the official's name of this office's Unix user, saved in the
 * store; the office's later changes carry it.
 */
int office_set_official(struct office *o, const char *name, struct kz_error *e);
/* The office's identity: 0, or -1 with "store DIR: not initialised". */
int office_node(struct office *o, struct node *n, struct kz_error *e);

#endif
