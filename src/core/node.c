#include "core/node.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "core/unit.h"
#include "store/store.h"
#include "util/xmalloc.h"
#include "util/i18n.h"

/* The signing key's file beside data.mdb (store_secret_write): never in the store itself. */
#define NODE_KEY_FILE "node.key"

struct init_args {
	const char *unit;
	const unsigned char *pk;
};

static int
init_fn(struct store_txn *t, void *arg)
{
	struct init_args *a = arg;
	struct kz_uuid id;
	const void *v;
	size_t n;
	uint8_t ms[8];
	int rc;

	if ((rc = store_meta_get(t, "unit", &v, &n)) < 0)
		return -1;
	if (rc == 0)
		return kz_fail(store_txn_error(t), KZ_EEXIST, _("store %s: already initialised for "
		    "unit %.*s"), store_dir(store_txn_store(t)), (int)n, (const char *)v);
	uid_new(&id, store_txn_now(t));
	store_be64(ms, (uint64_t)store_txn_now(t));
	rc = store_meta_put(t, "node", id.b, 16) || store_meta_put(t, "unit", a->unit, 9) ||
	    store_meta_put(t, "sign_pk", a->pk, crypto_sign_PUBLICKEYBYTES) ||
	    store_meta_put(t, "created", ms, 8) ||
	    store_meta_put(t, "format", STORE_FORMAT, strlen(STORE_FORMAT));
	return rc ? -1 : 0;
}

int
node_init(struct store *s, const char *unit, struct kz_error *e)
{
	unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
	struct init_args a = { unit, pk };
	struct node n;
	int rc;

	if (!unit_code_valid(unit))
		return kz_fail(e, KZ_EINVAL, _("unit %s: a KATO code has nine digits"), unit);
	if (sodium_init() < 0)
		return kz_fail(e, KZ_EIO, _("libsodium cannot start"));
	/* An initialised store keeps its key: refuse before touching the key file. */
	if (node_get(s, &n, e) == 0)
		return kz_fail(e, KZ_EEXIST, _("store %s: already initialised for unit %s"),
		    store_dir(s), n.unit);
	if (e != NULL && e->code != KZ_ENOTFOUND)
		return -1;
	crypto_sign_keypair(pk, sk);
	rc = store_secret_write(s, NODE_KEY_FILE, sk, sizeof sk, e);
	sodium_memzero(sk, sizeof sk);
	if (rc != 0)
		return -1;
	if ((rc = store_write(s, init_fn, &a, e)) != 0)
		store_secret_remove(s, NODE_KEY_FILE);
	return rc;
}

int
node_get_tx(struct store_txn *t, struct node *nd)
{
	const void *v;
	size_t n;
	int rc;

	memset(nd, 0, sizeof *nd);
	if ((rc = store_meta_get(t, "node", &v, &n)) != 0 || n != 16)
		goto missing;
	memcpy(nd->id.b, v, 16);
	if ((rc = store_meta_get(t, "unit", &v, &n)) != 0 || n != 9)
		goto missing;
	memcpy(nd->unit, v, 9);
	if (store_meta_get(t, "sign_pk", &v, &n) == 0 && n == 32)
		memcpy(nd->sign_pk, v, 32);
	if (store_meta_get(t, "created", &v, &n) == 0 && n == 8)
		nd->created_ms = (int64_t)store_get_be64(v);
	return 0;
missing:
	if (rc < 0)
		return -1;
	return kz_fail(store_txn_error(t), KZ_ENOTFOUND, _("store %s: not initialised (run: "
	    "kezdesu init --unit CODE)"), store_dir(store_txn_store(t)));
}

static int
get_fn(struct store_txn *t, void *arg)
{
	return node_get_tx(t, arg);
}

int
node_get(struct store *s, struct node *n, struct kz_error *e)
{
	return store_read(s, get_fn, n, e);
}

struct official_args {
	const char *user, *name;
	char *out;
};

static int
set_official_fn(struct store_txn *t, void *arg)
{
	struct official_args *a = arg;
	char *key = xasprintf("official:%s", a->user);
	int rc;

	if (a->name == NULL || a->name[0] == '\0')
		rc = store_del(t, DB_META, key, strlen(key));
	else
		rc = store_meta_put(t, key, a->name, strlen(a->name));
	free(key);
	return rc;
}

int
node_set_official(struct store *s, const char *user, const char *name, struct kz_error *e)
{
	struct official_args a = { user, name, NULL };

	if (name != NULL && text_check("official's name", name, false, 200, e) != 0)
		return -1;
	return store_write(s, set_official_fn, &a, e);
}

static int
get_official_fn(struct store_txn *t, void *arg)
{
	struct official_args *a = arg;
	char *key = xasprintf("official:%s", a->user);
	const void *v;
	size_t n;

	if (store_meta_get(t, key, &v, &n) == 0)
		a->out = xstrndup(v, n);
	free(key);
	return 0;
}

char *
node_official(struct store *s, const char *user)
{
	struct official_args a = { user, NULL, NULL };

	store_read(s, get_official_fn, &a, NULL);
	return a.out;
}

int
node_secret_key(struct store *s, unsigned char *sk, struct kz_error *e)
{
	unsigned char pk[crypto_sign_PUBLICKEYBYTES];
	struct node n;

	if (node_get(s, &n, e) != 0 ||
	    store_secret_read(s, NODE_KEY_FILE, sk, crypto_sign_SECRETKEYBYTES, e) != 0)
		return -1;
	crypto_sign_ed25519_sk_to_pk(pk, sk);
	if (sodium_memcmp(pk, n.sign_pk, sizeof pk) != 0) {
		sodium_memzero(sk, crypto_sign_SECRETKEYBYTES);
		return kz_fail(e, KZ_EINVAL, _("store %s: %s is not the key of this office's node "
		    "(copied from another store?)"), store_dir(s), NODE_KEY_FILE);
	}
	return 0;
}
