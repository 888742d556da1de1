/* What waits to go to a peer: see sync/outbox.h. */
#include "sync/outbox.h"

#include <stdlib.h>
#include <string.h>

#include "core/conflict.h"
#include "core/issue.h"
#include "core/node.h"
#include "core/question.h"
#include "core/reception.h"
#include "core/unit.h"
#include "core/visit.h"
#include "util/xmalloc.h"

/* Conflicts about conflicts followed to the record they end at, at most this deep. */
#define OUTBOX_CONFLICT_DEPTH 8

/*
 * The last meeting placed: questions are saved meeting by meeting, so consecutive log
 * entries mostly name the same one, and a walk of a million questions reads each meeting
 * about once.
 */
struct outbox_cache {
	struct kz_uuid visit;
	int found;		/* 0 found, 1 absent */
	char akim[10], target[10];
};

void
outbox_cache_free(struct outbox_cache **cache)
{
	free(*cache);
	*cache = NULL;
}

static int
place_visit(struct store_txn *t, const struct kz_uuid *id, struct outbox_cache **cache,
    struct scope_place *pl)
{
	struct outbox_cache *c;
	struct rec_key k = { .n = 0 };
	struct visit v;
	int rc;

	if (*cache == NULL)
		*cache = xcalloc(1, sizeof **cache);
	c = *cache;
	if (uid_is_nil(&c->visit) || uid_cmp(&c->visit, id) != 0) {
		rec_key_bytes(&k, id->b, 16);
		if ((rc = rec_load(t, &visit_kind, &k, &v)) < 0)
			return -1;
		c->visit = *id;
		c->found = rc;
		memcpy(c->akim, rc == 0 ? v.akim : "", rc == 0 ? sizeof c->akim : 1);
		memcpy(c->target, rc == 0 ? v.target : "", rc == 0 ? sizeof c->target : 1);
		visit_free(&v);
	}
	if (c->found == 0) {
		memcpy(pl->owner, c->akim, sizeof pl->owner);
		if (strcmp(c->target, c->akim) != 0)
			memcpy(pl->where, c->target, sizeof pl->where);
	}
	return 0;
}

static int hexbytes(const char *s, uint8_t *out, size_t max, size_t *n);

static int
place(struct store_txn *t, unsigned kind, const uint8_t *key, size_t klen,
    struct outbox_cache **cache, struct scope_place *pl, int depth)
{
	const struct rec_kind *rk = rec_kind_of(kind);
	struct rec_key k = { .n = 0 };
	int rc = 0;

	memset(pl, 0, sizeof *pl);
	pl->kind = kind;
	if (rk == NULL || klen > REC_KEY_MAX)
		return 0;
	rec_key_bytes(&k, key, klen);
	switch (kind) {
	case DB_UNITS: {
		struct unit u;

		if ((rc = rec_load(t, &unit_kind, &k, &u)) == 0) {
			memcpy(pl->owner, u.code, sizeof pl->owner);
			pl->kato = !u.local;
			unit_free(&u);
		}
		break;
	}
	case DB_VISITS: {
		struct kz_uuid id;

		if (klen == 16) {
			memcpy(id.b, key, 16);
			rc = place_visit(t, &id, cache, pl);
		}
		break;
	}
	case DB_QUESTIONS: {
		struct question q;

		if ((rc = rec_load(t, &question_kind, &k, &q)) == 0) {
			if (!uid_is_nil(&q.visit))
				rc = place_visit(t, &q.visit, cache, pl);
			else
				memcpy(pl->owner, q.unit, sizeof pl->owner);
			question_free(&q);
		}
		break;
	}
	case DB_RECEPTIONS: {
		struct reception r;

		if ((rc = rec_load(t, &reception_kind, &k, &r)) == 0) {
			rc = place_visit(t, &r.visit, cache, pl);
			reception_free(&r);
		}
		break;
	}
	case DB_ISSUES: {
		struct issue i;

		if ((rc = rec_load(t, &issue_kind, &k, &i)) == 0) {
			memcpy(pl->owner, i.unit, sizeof pl->owner);
			issue_free(&i);
		}
		break;
	}
	case DB_CALENDARS:
		/* The key is the office's unit and the year. */
		if (klen == UNIT_CODE_LEN + 2) {
			memcpy(pl->owner, key, UNIT_CODE_LEN);
			pl->owner[UNIT_CODE_LEN] = '\0';
		}
		break;
	case DB_CONFLICTS: {
		struct conflict c;
		uint8_t rkey[REC_KEY_MAX];
		size_t rn;

		/*
		 * Two offices settling one conflict at once (conflicts resolve) make a conflict
		 * about that conflict, which goes where the record at the end of the chain goes;
		 * the depth bounds a chain that would loop.
		 */
		if (depth >= OUTBOX_CONFLICT_DEPTH ||
		    (rc = rec_load(t, &conflict_kind, &k, &c)) != 0)
			break;
		if (c.kind >= 0 && c.record != NULL &&
		    hexbytes(c.record, rkey, sizeof rkey, &rn) == 0)
			rc = place(t, (unsigned)c.kind, rkey, rn, cache, pl, depth + 1);
		conflict_free(&c);
		break;
	}
	default:
		break;
	}
	return rc < 0 ? -1 : 0;
}

static int
hexbytes(const char *s, uint8_t *out, size_t max, size_t *n)
{
	size_t len = strlen(s);

	if (len % 2 != 0 || len / 2 > max)
		return -1;
	for (size_t i = 0; i < len / 2; i++) {
		unsigned v = 0;

		for (int h = 0; h < 2; h++) {
			char ch = s[2 * i + (size_t)h];

			v <<= 4;
			if (ch >= '0' && ch <= '9')
				v |= (unsigned)(ch - '0');
			else if (ch >= 'a' && ch <= 'f')
				v |= (unsigned)(ch - 'a' + 10);
			else
				return -1;
		}
		out[i] = (uint8_t)v;
	}
	*n = len / 2;
	return 0;
}

int
outbox_place_tx(struct store_txn *t, unsigned kind, const uint8_t *key, size_t klen,
    struct outbox_cache **cache, struct scope_place *pl)
{
	return place(t, kind, key, klen, cache, pl, 0);
}

struct walk {
	const char *office, *peer;
	enum scope_dir dir;
	outbox_fn fn;
	void *arg;
	struct outbox_cache *cache;
};

static int
walk_entry(struct store_txn *t, const struct store_log_entry *e, void *arg)
{
	struct walk *w = arg;
	struct scope_place pl;

	if (place(t, e->kind, e->key, e->klen, &w->cache, &pl, 0) != 0)
		return -1;
	if (!scope_sends(&pl, w->office, w->peer, w->dir))
		return 0;
	return w->fn(t, e, &pl, w->arg);
}

int
outbox_walk_tx(struct store_txn *t, const char *office, const char *peer,
    enum scope_dir dir, const struct store_vv *known, outbox_fn fn, void *arg)
{
	struct walk w = { office, peer, dir, fn, arg, NULL };
	struct store_vv vv = { 0 };
	int rc;

	if ((rc = store_vv_read(t, &vv)) != 0)
		return -1;
	for (size_t i = 0; i < vv.n && rc == 0; i++) {
		uint64_t from = 1;

		for (size_t k = 0; known != NULL && k < known->n; k++)
			if (memcmp(known->v[k].origin, vv.v[i].origin, 16) == 0)
				from = known->v[k].seq + 1;
		if (from <= vv.v[i].seq)
			rc = store_log_walk(t, vv.v[i].origin, from, walk_entry, &w);
	}
	outbox_cache_free(&w.cache);
	store_vv_free(&vv);
	return rc;
}

struct count_args {
	const struct peer *p;
	uint64_t *n;
};

static int
count_one(struct store_txn *t, const struct store_log_entry *e, const struct scope_place *pl,
    void *arg)
{
	(void)t;
	(void)e;
	(void)pl;
	(*(uint64_t *)arg)++;
	return 0;
}

static int
count_fn(struct store_txn *t, void *arg)
{
	struct count_args *a = arg;
	struct store_vv known;
	struct node me;
	int rc;

	if (node_get_tx(t, &me) != 0)
		return -1;
	peer_known_vv(a->p, &known);
	rc = outbox_walk_tx(t, me.unit, a->p->unit, scope_direction(me.unit, a->p->unit),
	    &known, count_one, a->n);
	store_vv_free(&known);
	return rc;
}

int
outbox_count(struct store *s, const struct peer *p, uint64_t *n, struct kz_error *e)
{
	struct count_args a = { p, n };

	*n = 0;
	return store_read(s, count_fn, &a, e);
}
