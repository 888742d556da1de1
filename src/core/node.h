/*
 * This installation's identity: its UUID (the origin of its change-log entries), the
 * office's own unit, the Ed25519 key pair that will sign its bundles, and the names of
 * the officials who work in it.
 */
#ifndef KZ_NODE_H
#define KZ_NODE_H

#include <stdint.h>

#include "util/log.h"
#include "util/uid.h"

struct store;
struct store_txn;

struct node {
	struct kz_uuid id;
	char unit[10];
	uint8_t sign_pk[32];
	int64_t created_ms;
};

/* Makes the identity of a new store for the office of unit (nine digits). */
int node_init(struct store *s, const char *unit, struct kz_error *e);
/* 0, or -1 with "store DIR: not initialised" when the store has no identity yet. */
int node_get(struct store *s, struct node *n, struct kz_error *e);
int node_get_tx(struct store_txn *t, struct node *n);
/*
 * The node's Ed25519 secret key, from its file beside data.mdb (never stored inside it),
 * checked against the public key in the store. sk is 64 bytes.
 */
int node_secret_key(struct store *s, unsigned char *sk, struct kz_error *e);
/* The official's name recorded with the changes made by Unix user `user` (NULL to clear). */
int node_set_official(struct store *s, const char *user, const char *name, struct kz_error *e);
/* The name set for user, malloc'd, or NULL. */
char *node_official(struct store *s, const char *user);

#endif
