#include "core/migrate.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/calendar.h"
#include "core/dayoff.h"
#include "core/issue.h"
#include "core/question.h"
#include "core/reception.h"
#include "core/unit.h"
#include "core/visit.h"
#include "util/xmalloc.h"
#include "util/i18n.h"

#define BATCH 4096

/* The record kinds of format 1, in the order they refer to each other. */
static const struct rec_kind *const kinds[] = {
	&unit_kind, &visit_kind, &issue_kind, &question_kind, &calendar_kind, &reception_kind,
	&dayoff_kind,
};

/* Indexes are rebuilt from the records: emptied first, filled by the saves. */
static const enum store_db indexes[] = {
	DB_UNITS_BY_PARENT, DB_VISITS_BY_DATE, DB_QUESTIONS_BY_VISIT, DB_ISSUES_BY_STATUS,
	DB_ISSUES_BY_DEADLINE, DB_ISSUES_BY_VISIT,
};

struct pair {
	uint8_t key[REC_KEY_MAX];
	size_t klen;
	uint8_t *val;
	size_t vlen;
};

/* Up to BATCH (key, value) copies after the key `after` (NULL: from the start). */
static int
read_batch(struct store_txn *t, enum store_db db, const struct pair *after, struct pair *out,
    size_t *n)
{
	struct store_cursor *c;
	const void *k, *v;
	size_t kn, vn;
	int rc;

	*n = 0;
	if (store_cursor_open(t, db, &c) != 0)
		return -1;
	rc = store_cursor_seek(c, after ? after->key : NULL, after ? after->klen : 0);
	if (rc == 0 && after != NULL) {
		store_cursor_get(c, &k, &kn, NULL, NULL);
		if (kn == after->klen && memcmp(k, after->key, kn) == 0)
			rc = store_cursor_next(c);
	}
	for (; rc == 0 && *n < BATCH; rc = store_cursor_next(c)) {
		struct pair *p = &out[*n];

		store_cursor_get(c, &k, &kn, &v, &vn);
		if (kn > REC_KEY_MAX) {
			rc = kz_fail(store_txn_error(t), KZ_EIO, _("migrate: a key of %zu bytes"), kn);
			break;
		}
		memcpy(p->key, k, kn);
		p->klen = kn;
		p->val = xmalloc(vn > 0 ? vn : 1);
		memcpy(p->val, v, vn);
		p->vlen = vn;
		(*n)++;
	}
	store_cursor_close(&c);
	return rc < 0 ? -1 : 0;
}

/* Rewrites every record of a kind in format 2, a batch at a time. */
static int
migrate_kind(struct store_txn *t, const struct rec_kind *kind, size_t *count)
{
	struct pair *b = xcalloc(BATCH, sizeof *b), last = { .klen = 0 };
	void *obj = xmalloc(kind->desc->size);
	bool started = false;
	size_t n;
	int rc = 0;

	do {
		if ((rc = read_batch(t, kind->db, started ? &last : NULL, b, &n)) != 0)
			break;
		for (size_t i = 0; i < n; i++) {
			/* A value of format 1 is the record alone: its encoding is unchanged. */
			schema_init(kind->desc, obj);
			if (rc == 0 && schema_decode(kind->desc, obj, b[i].val, b[i].vlen) != 0)
				rc = kz_fail(store_txn_error(t), KZ_EIO, _("migrate: a %s record of "
				    "format 1 is corrupt"), kind->desc->name);
			if (rc == 0 && kind == &visit_kind)
				visit_attendance_ids(obj);
			if (rc == 0)
				rc = rec_save_fresh(t, kind, obj);
			schema_clear(kind->desc, obj);
			free(b[i].val);
			(*count) += rc == 0;
		}
		if (n > 0) {
			memcpy(last.key, b[n - 1].key, b[n - 1].klen);
			last.klen = b[n - 1].klen;
			started = true;
		}
	} while (rc == 0 && n == BATCH);
	free(obj);
	free(b);
	return rc;
}

struct migrate_args {
	struct migrate_stats *st;
};

static int
migrate_fn(struct store_txn *t, void *arg)
{
	struct migrate_args *a = arg;
	int rc = 0;

	memset(a->st, 0, sizeof *a->st);
	for (size_t i = 0; rc == 0 && i < sizeof indexes / sizeof indexes[0]; i++)
		rc = store_clear(t, indexes[i]);
	for (size_t i = 0; rc == 0 && i < sizeof kinds / sizeof kinds[0]; i++)
		rc = migrate_kind(t, kinds[i], &a->st->records);
	/* The secret key is in node.key now (written before this transaction). */
	if (rc == 0)
		rc = store_del(t, DB_META, "sign_sk", 7);
	if (rc == 0)
		rc = store_meta_put(t, "format", STORE_FORMAT, strlen(STORE_FORMAT));
	return rc;
}

static int
secret_fn(struct store_txn *t, void *arg)
{
	unsigned char *sk = arg;
	const void *v;
	size_t n;
	int rc;

	if ((rc = store_meta_get(t, "sign_sk", &v, &n)) < 0)
		return -1;
	if (rc != 0 || n != crypto_sign_SECRETKEYBYTES)
		return kz_fail(store_txn_error(t), KZ_EIO, _("migrate: the store of format 1 has "
		    "no signing key"));
	memcpy(sk, v, n);
	return 0;
}

int
migrate_store(struct store *s, const char *backup, struct migrate_stats *st,
    struct kz_error *e)
{
	unsigned char sk[crypto_sign_SECRETKEYBYTES];
	struct migrate_args a = { st };
	const char *from = store_format_found(s);
	int rc;

	memset(st, 0, sizeof *st);
	if (from == NULL)
		return kz_fail(e, KZ_EINVAL, _("store %s: already in format %s: nothing to migrate"),
		    store_dir(s), STORE_FORMAT);
	if (strcmp(from, "1") != 0)
		return kz_fail(e, KZ_EINVAL, _("store %s: format %s cannot be migrated"),
		    store_dir(s), from);
	/* The old store, whole, before anything changes: the migration can be taken back. */
	if (store_backup(s, backup, e) != 0)
		return -1;
	if (store_read(s, secret_fn, sk, e) != 0)
		return -1;
	rc = store_secret_write(s, "node.key", sk, sizeof sk, e);
	sodium_memzero(sk, sizeof sk);
	if (rc != 0)
		return -1;
	if (store_write(s, migrate_fn, &a, e) != 0) {
		store_secret_remove(s, "node.key");
		return -1;
	}
	return 0;
}
