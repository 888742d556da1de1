/* Trusted offices and their exchange state, in meta: see core/peer.h. */
#include "core/peer.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/node.h"
#include "core/unit.h"
#include "store/store.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

#define PEER_PREFIX "peer:"

static const struct schema_field seq_fields[] = {
	{ 1, SF_UUID, offsetof(struct peer_seq, origin), "origin" },
	{ 2, SF_I64, offsetof(struct peer_seq, seq), "seq" },
};

static const struct schema_record seq_desc = {
	"seq", sizeof(struct peer_seq), offsetof(struct peer_seq, extra), SCHEMA_FIELDS(seq_fields)
};

static const struct schema_field digest_fields[] = {
	{ 1, SF_STR, offsetof(struct peer_digest, hex), "hex" },
};

static const struct schema_record digest_desc = {
	"digest", sizeof(struct peer_digest), offsetof(struct peer_digest, extra),
	SCHEMA_FIELDS(digest_fields)
};

static const struct schema_field cap_fields[] = {
	{ 1, SF_UUID, offsetof(struct peer_cap, origin), "origin" },
	{ 2, SF_I64, offsetof(struct peer_cap, seq), "seq" },
	{ 3, SF_I64, offsetof(struct peer_cap, n), "n" },
};

static const struct schema_record cap_desc = {
	"cap", sizeof(struct peer_cap), offsetof(struct peer_cap, extra), SCHEMA_FIELDS(cap_fields)
};

static const struct schema_field made_fields[] = {
	{ 1, SF_STR, offsetof(struct peer_made, hex), "hex" },
	{ 2, SF_I64, offsetof(struct peer_made, n), "n" },
};

static const struct schema_record made_desc = {
	"made", sizeof(struct peer_made), offsetof(struct peer_made, extra),
	SCHEMA_FIELDS(made_fields)
};

#define F(tag, type, member) { tag, type, offsetof(struct peer, member), #member }
#define VV(tag, member) { tag, SF_LIST, offsetof(struct peer, member.v), #member, &seq_desc, \
	offsetof(struct peer, member.n) }
static const struct schema_field peer_fields[] = {
	F(1, SF_UUID, node),
	F(2, SF_CODE, unit),
	F(3, SF_STR, name_kk),
	F(4, SF_STR, name_ru),
	F(5, SF_STR, key),
	F(6, SF_I64, added_ms),
	F(7, SF_I64, sent_ms),
	VV(8, sent_vv),
	F(9, SF_I64, recv_ms),
	VV(10, recv_vv),
	VV(11, recv_acks),
	VV(12, got_vv),
	{ 13, SF_LIST, offsetof(struct peer, applied), "applied", &digest_desc,
	    offsetof(struct peer, napplied) },
	{ 14, SF_LIST, offsetof(struct peer, caps), "caps", &cap_desc,
	    offsetof(struct peer, ncaps) },
	F(15, SF_I64, late_n),
	{ 16, SF_LIST, offsetof(struct peer, made), "made", &made_desc,
	    offsetof(struct peer, nmade) },
};
#undef F
#undef VV

static const struct schema_record peer_desc = {
	"peer", sizeof(struct peer), offsetof(struct peer, extra), SCHEMA_FIELDS(peer_fields)
};

void
peer_free(struct peer *p)
{
	schema_clear(&peer_desc, p);
}

static int
hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

int
peer_key(const struct peer *p, uint8_t key[32])
{
	if (p->key == NULL || strlen(p->key) != 64)
		return -1;
	for (int i = 0; i < 32; i++) {
		int hi = hexval(p->key[2 * i]), lo = hexval(p->key[2 * i + 1]);

		if (hi < 0 || lo < 0)
			return -1;
		key[i] = (uint8_t)(hi << 4 | lo);
	}
	return 0;
}

void
peer_identity(const struct peer *p, struct identity *id)
{
	memset(id, 0, sizeof *id);
	id->node = p->node;
	memcpy(id->unit, p->unit, sizeof id->unit);
	id->name_kk = p->name_kk;
	id->name_ru = p->name_ru;
	peer_key(p, id->key);
}

enum scope_dir
peer_direction(const struct peer *p, const char *office)
{
	return scope_direction(office, p->unit);
}

/* "peer:" and the node's UUID as text: readable in a look at meta. */
static void
peer_meta_key(const struct kz_uuid *node, char out[sizeof PEER_PREFIX + UID_STRLEN])
{
	char id[UID_STRLEN];

	uid_format(node, id);
	snprintf(out, sizeof PEER_PREFIX + UID_STRLEN, "%s%s", PEER_PREFIX, id);
}

static int
peer_decode(const void *v, size_t n, struct peer *p)
{
	schema_init(&peer_desc, p);
	return schema_decode(&peer_desc, p, v, n);
}

int
peer_get_tx(struct store_txn *t, const struct kz_uuid *node, struct peer *p)
{
	char key[sizeof PEER_PREFIX + UID_STRLEN];
	const void *v;
	size_t n;
	int rc;

	schema_init(&peer_desc, p);
	peer_meta_key(node, key);
	if ((rc = store_meta_get(t, key, &v, &n)) != 0)
		return rc;
	if (peer_decode(v, n, p) != 0)
		return kz_fail(store_txn_error(t), KZ_EIO, _("store %s: the record of peer %s is "
		    "damaged"), store_dir(store_txn_store(t)), key + strlen(PEER_PREFIX));
	return 0;
}

static int
peer_put_tx(struct store_txn *t, const struct peer *p)
{
	char key[sizeof PEER_PREFIX + UID_STRLEN];
	struct codec_buf b = { 0 };
	int rc;

	peer_meta_key(&p->node, key);
	schema_encode(&peer_desc, p, &b);
	rc = store_meta_put(t, key, b.p, b.len);
	codec_buf_free(&b);
	return rc;
}

static int
cmp_unit(const void *a, const void *b)
{
	const struct peer *pa = a, *pb = b;

	return strcmp(pa->unit, pb->unit);
}

void
peer_list_free(struct peer **ps, size_t n)
{
	for (size_t i = 0; *ps != NULL && i < n; i++)
		peer_free(&(*ps)[i]);
	free(*ps);
	*ps = NULL;
}

int
peer_list_tx(struct store_txn *t, struct peer **out, size_t *n)
{
	struct store_cursor *c;
	const void *k, *v;
	size_t kn, vn, cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (store_cursor_open(t, DB_META, &c) != 0)
		return -1;
	for (rc = store_cursor_seek(c, PEER_PREFIX, strlen(PEER_PREFIX)); rc == 0;
	    rc = store_cursor_next(c)) {
		store_cursor_get(c, &k, &kn, &v, &vn);
		if (kn < strlen(PEER_PREFIX) || memcmp(k, PEER_PREFIX, strlen(PEER_PREFIX)) != 0)
			break;
		*out = xgrow(*out, &cap, *n + 1, sizeof **out);
		if (peer_decode(v, vn, &(*out)[*n]) != 0) {
			store_cursor_close(&c);
			peer_list_free(out, *n);
			*n = 0;
			return kz_fail(store_txn_error(t), KZ_EIO, _("store %s: the record of peer "
			    "%.*s is damaged"), store_dir(store_txn_store(t)),
			    (int)(kn - strlen(PEER_PREFIX)), (const char *)k + strlen(PEER_PREFIX));
		}
		(*n)++;
	}
	store_cursor_close(&c);
	if (rc < 0) {
		peer_list_free(out, *n);
		*n = 0;
		return -1;
	}
	if (*n > 1)
		qsort(*out, *n, sizeof **out, cmp_unit);
	return 0;
}

struct list_args {
	struct peer **out;
	size_t *n;
};

static int
list_fn(struct store_txn *t, void *arg)
{
	struct list_args *a = arg;

	return peer_list_tx(t, a->out, a->n);
}

int
peer_list(struct store *s, struct peer **out, size_t *n, struct kz_error *e)
{
	struct list_args a = { out, n };

	return store_read(s, list_fn, &a, e);
}

struct add_args {
	const struct identity *id;
	struct peer_verdict *v;
	bool save;
};

static void
key_hex(const uint8_t key[32], char out[65])
{
	for (int i = 0; i < 32; i++)
		snprintf(out + 2 * i, 3, "%02x", key[i]);
}

static int
check_tx(struct store_txn *t, struct add_args *a)
{
	struct kz_error *e = store_txn_error(t);
	const struct identity *id = a->id;
	char hex[65], node_s[UID_STRLEN];
	struct peer *ps = NULL;
	struct node me;
	size_t n;
	int rc = 0;

	memset(a->v, 0, sizeof *a->v);
	if (node_get_tx(t, &me) != 0)
		return -1;
	uid_format(&id->node, node_s);
	if (uid_cmp(&me.id, &id->node) == 0)
		return kz_fail(e, KZ_EINVAL, _("node %s is this office's own: give the other "
		    "office's identity file"), node_s);
	a->v->dir = scope_direction(me.unit, id->unit);
	if (a->v->dir == SCOPE_BESIDE)
		return kz_fail(e, KZ_EINVAL, strcmp(me.unit, id->unit) == 0 ?
		    _("unit %s is this office's own unit: a peer is an office above or below it") :
		    _("unit %s is neither above nor below this office's unit %s in the KATO tree"),
		    id->unit, me.unit);
	key_hex(id->key, hex);
	if (peer_list_tx(t, &ps, &n) != 0)
		return -1;
	for (size_t i = 0; i < n && rc == 0; i++) {
		const struct peer *p = &ps[i];
		bool same_node = uid_cmp(&p->node, &id->node) == 0;
		bool same_key = p->key != NULL && strcmp(p->key, hex) == 0;

		if (!same_node && strcmp(p->unit, id->unit) != 0)
			continue;
		if (same_node && same_key && strcmp(p->unit, id->unit) == 0)
			a->v->known = true;
		else if (same_node && same_key)
			rc = kz_fail(e, KZ_EINVAL, _("node %s is the peer of unit %s, not %s: "
			    "remove the peer and add it again"), node_s, p->unit, id->unit);
		else
			rc = kz_fail(e, KZ_EINVAL, _("unit %s, node %s: key changed: remove the "
			    "peer and add it again"), id->unit, node_s);
	}
	peer_list_free(&ps, n);
	return rc;
}

static int
add_fn(struct store_txn *t, void *arg)
{
	struct add_args *a = arg;
	struct peer p;
	char hex[65];
	int rc;

	if (check_tx(t, a) != 0)
		return -1;
	if (!a->save || a->v->known)
		return 0;
	schema_init(&peer_desc, &p);
	p.node = a->id->node;
	memcpy(p.unit, a->id->unit, sizeof p.unit);
	p.name_kk = a->id->name_kk ? xstrdup(a->id->name_kk) : NULL;
	p.name_ru = a->id->name_ru ? xstrdup(a->id->name_ru) : NULL;
	key_hex(a->id->key, hex);
	p.key = xstrdup(hex);
	p.added_ms = store_txn_now(t);
	rc = peer_put_tx(t, &p);
	peer_free(&p);
	return rc;
}

int
peer_check(struct store *s, const struct identity *id, struct peer_verdict *v,
    struct kz_error *e)
{
	struct add_args a = { id, v, false };

	return store_read(s, add_fn, &a, e);
}

int
peer_add(struct store *s, const struct identity *id, struct peer_verdict *v,
    struct kz_error *e)
{
	struct add_args a = { id, v, true };

	return store_write(s, add_fn, &a, e);
}

struct remove_args {
	const char *which;
	struct peer *removed;
};

static int
remove_fn(struct store_txn *t, void *arg)
{
	struct remove_args *a = arg;
	char key[sizeof PEER_PREFIX + UID_STRLEN];
	struct kz_uuid node;
	bool by_unit = unit_code_valid(a->which);
	struct peer *ps = NULL;
	size_t n, i;
	int rc = 0;

	if (!by_unit && uid_parse(a->which, &node) != 0)
		return kz_fail(store_txn_error(t), KZ_EINVAL, _("'%s' is neither a unit's nine "
		    "digits nor a node's UUID"), a->which);
	if (peer_list_tx(t, &ps, &n) != 0)
		return -1;
	for (i = 0; i < n; i++)
		if (by_unit ? strcmp(ps[i].unit, a->which) == 0 : uid_cmp(&ps[i].node, &node) == 0)
			break;
	if (i == n)
		rc = kz_fail(store_txn_error(t), KZ_ENOTFOUND, _("no peer %s (kezdesu peer list)"),
		    a->which);
	else {
		peer_meta_key(&ps[i].node, key);
		rc = store_del(t, DB_META, key, strlen(key));
		if (rc == 0 && a->removed != NULL)
			schema_copy(&peer_desc, a->removed, &ps[i]);
	}
	peer_list_free(&ps, n);
	return rc;
}

int
peer_remove(struct store *s, const char *which, struct peer *removed, struct kz_error *e)
{
	struct remove_args a = { which, removed };

	if (removed != NULL)
		schema_init(&peer_desc, removed);
	return store_write(s, remove_fn, &a, e);
}

/* Keeps vv as the peer record's list. */
static void
vv_keep(struct peer_vv *pv, const struct store_vv *vv)
{
	for (size_t i = 0; i < pv->n; i++)
		schema_clear(&seq_desc, &pv->v[i]);
	free(pv->v);
	pv->v = vv->n ? xcalloc(vv->n, sizeof *pv->v) : NULL;
	pv->n = vv->n;
	for (size_t i = 0; i < vv->n; i++) {
		schema_init(&seq_desc, &pv->v[i]);
		memcpy(pv->v[i].origin.b, vv->v[i].origin, 16);
		pv->v[i].seq = (int64_t)vv->v[i].seq;
	}
}

void
peer_vv_get(const struct peer_vv *pv, struct store_vv *out)
{
	memset(out, 0, sizeof *out);
	for (size_t i = 0; i < pv->n; i++) {
		out->v = xgrow(out->v, &out->cap, out->n + 1, sizeof *out->v);
		memcpy(out->v[out->n].origin, pv->v[i].origin.b, 16);
		out->v[out->n].seq = (uint64_t)pv->v[i].seq;
		out->n++;
	}
}

/*
 * Why the acknowledgements alone, and why they can be trusted (docs/architecture.md,
 * "What a peer holds").
 *
 * A peer's version vector says, per origin, the highest sequence its store holds. Scope
 * filtering makes an office's sequences of an origin a set with holes (a district holds
 * the Government's changes about its subtree, not those about the rest of the region), and
 * when an origin's changes reach an office by two paths a later change relayed by one path
 * raises the vector over an earlier one the other path has not brought yet. So the vector
 * cannot tell what the peer holds once there is filtering or more than one path: counting
 * it lost the Government's calendar at a region whose district also exchanged with the
 * Government directly (issue 10, tests/cli/sync_prop.py SHORTCUT).
 *
 * The acknowledgements are what arrived at the peer from this office: per origin, the
 * highest sequence among the changes of this office's bundles the peer applied (its
 * got_vv). A bundle to the peer is cumulative: it carries every change of this store in the
 * peer's scope above what was acknowledged when it was made, each origin's in sequence
 * order, and it is applied whole or not at all. So when a bundle made at time T arrived,
 * the peer holds every change in its scope that this store held at T with a sequence at or
 * below the highest of that origin in the bundle: those above the acknowledgement then
 * were in it, those below were acknowledged before (by induction, from the empty start).
 * The bundles are applied in any order and the acknowledgement is the highest over them:
 * each bundle's claim holds for its own T, and the claims add up.
 *
 * What the claim does not cover is a change that reached this store after T with a
 * sequence below the acknowledgement (an origin's changes arriving late by another path):
 * import lowers the acknowledgements over such a change (peer_note_late_tx), so that it
 * goes with the next bundle. A change the peer got elsewhere may so be sent again (once:
 * its receipt then covers it), even one relayed to this office by the peer itself; its
 * import skips it by the log lookup. The peer's own changes (its node as their origin)
 * are the exception: it holds every one of them, and they are never sent back.
 *
 * The stale acknowledgement: the peer's acknowledgement is the highest over every bundle
 * it applied, so one made before the late change (at T < the arrival) and acknowledged
 * after the lowering would raise it over the late change again, which then never went.
 * So peer_note_late_tx also caps the acknowledgement of that origin just below the late
 * change, with the peer's late_n raised and kept in the cap; each bundle to the peer is
 * remembered with the late_n of the peer record its walk started from (peer_note_made_tx);
 * each bundle from the peer names the last bundle from here it applied (header tag 13,
 * answers), and peer_note_answer_tx drops the caps whose number is at most that bundle's;
 * peer_note_received_tx cuts the acknowledgements to the caps that remain.
 * Claim: a change L held here, in the peer's scope and not its own, with a sequence at or
 * below the acknowledgement kept for its origin O, is held by the peer.
 *  - L here when the bundle B that earned the acknowledgement A was made: the argument
 *    above (B's claim for its T).
 *  - L arrived after B was made: its import capped O below L at number c (or L came from
 *    the peer itself, which then holds it). With the cap in place the acknowledgement stays
 *    below L. The cap (or a later merged one: lower sequence, higher number) goes only when
 *    the peer answers a bundle D made from a record with late_n >= c, that is a record
 *    written with or after L's import, so D's walk (a later read transaction) saw L, and
 *    started from an acknowledgement at or below the cap (below L): D carried L, and the
 *    peer, answering D, applied it.
 * An answer not found among the last PEER_APPLIED_MAX made, or none (an older program),
 * leaves the caps: the changes above them are sent again, nothing is lost. Caps set for
 * changes above anything acknowledged never bite and go with the next answer.
 */
void
peer_known_vv(const struct peer *p, struct store_vv *out)
{
	size_t k;

	peer_vv_get(&p->recv_acks, out);
	/* And its own changes, all of which it holds: never sent back to it. */
	for (k = 0; k < out->n; k++)
		if (memcmp(out->v[k].origin, p->node.b, 16) == 0)
			break;
	if (k == out->n) {
		out->v = xgrow(out->v, &out->cap, out->n + 1, sizeof *out->v);
		memcpy(out->v[k].origin, p->node.b, 16);
		out->n++;
	}
	out->v[k].seq = INT64_MAX;
}

static int
note_tx(struct store_txn *t, const struct kz_uuid *node, struct peer *p)
{
	char id[UID_STRLEN];
	int rc;

	if ((rc = peer_get_tx(t, node, p)) == 1) {
		uid_format(node, id);
		return kz_fail(store_txn_error(t), KZ_ENOTFOUND, _("no peer %s (kezdesu peer "
		    "list)"), id);
	}
	return rc;
}

int
peer_note_sent_tx(struct store_txn *t, const struct kz_uuid *node, int64_t at_ms,
    const struct store_vv *vv)
{
	struct peer p;
	int rc;

	if (note_tx(t, node, &p) != 0)
		return -1;
	p.sent_ms = at_ms;
	vv_keep(&p.sent_vv, vv);
	rc = peer_put_tx(t, &p);
	peer_free(&p);
	return rc;
}

int
peer_note_received_tx(struct store_txn *t, const struct kz_uuid *node, int64_t at_ms,
    const struct store_vv *vv, const struct store_vv *acks)
{
	struct peer p;
	int rc;

	if (note_tx(t, node, &p) != 0)
		return -1;
	p.recv_ms = at_ms;
	vv_keep(&p.recv_vv, vv);
	vv_keep(&p.recv_acks, acks);
	/* No further than the caps that remain (peer_note_answer_tx, peer_known_vv). */
	for (size_t i = 0; i < p.recv_acks.n; i++)
		for (size_t k = 0; k < p.ncaps; k++)
			if (uid_cmp(&p.recv_acks.v[i].origin, &p.caps[k].origin) == 0 &&
			    p.recv_acks.v[i].seq > p.caps[k].seq)
				p.recv_acks.v[i].seq = p.caps[k].seq;
	rc = peer_put_tx(t, &p);
	peer_free(&p);
	return rc;
}

/* Raises pv to vv per origin (origins not in pv added). */
static void
vv_raise_kept(struct peer_vv *pv, const struct store_vv *vv)
{
	struct store_vv cur;
	bool rose = false;

	peer_vv_get(pv, &cur);
	for (size_t i = 0; i < vv->n; i++) {
		size_t k;

		for (k = 0; k < cur.n; k++)
			if (memcmp(cur.v[k].origin, vv->v[i].origin, 16) == 0)
				break;
		if (k == cur.n) {
			cur.v = xgrow(cur.v, &cur.cap, cur.n + 1, sizeof *cur.v);
			memcpy(cur.v[k].origin, vv->v[i].origin, 16);
			cur.v[k].seq = 0;
			cur.n++;
		}
		if (vv->v[i].seq > cur.v[k].seq) {
			cur.v[k].seq = vv->v[i].seq;
			rose = true;
		}
	}
	if (rose)
		vv_keep(pv, &cur);
	store_vv_free(&cur);
}

int
peer_note_applied_tx(struct store_txn *t, const struct kz_uuid *node,
    const struct store_vv *got, const uint8_t digest[32])
{
	struct peer p;
	char hex[65];
	int rc;

	if (note_tx(t, node, &p) != 0)
		return -1;
	vv_raise_kept(&p.got_vv, got);
	key_hex(digest, hex);
	if (!peer_applied_has(&p, digest)) {
		if (p.napplied >= PEER_APPLIED_MAX) {
			/* the oldest goes */
			schema_clear(&digest_desc, &p.applied[0]);
			memmove(p.applied, p.applied + 1, --p.napplied * sizeof *p.applied);
		}
		p.applied = xrealloc(p.applied, (p.napplied + 1) * sizeof *p.applied);
		schema_init(&digest_desc, &p.applied[p.napplied]);
		p.applied[p.napplied++].hex = xstrdup(hex);
	}
	rc = peer_put_tx(t, &p);
	peer_free(&p);
	return rc;
}

int
peer_note_made_tx(struct store_txn *t, const struct kz_uuid *node, const uint8_t digest[32],
    int64_t late_n)
{
	struct peer p;
	char hex[65];
	int rc;

	if (note_tx(t, node, &p) != 0)
		return -1;
	key_hex(digest, hex);
	if (p.nmade >= PEER_APPLIED_MAX) {
		/* the oldest goes */
		schema_clear(&made_desc, &p.made[0]);
		memmove(p.made, p.made + 1, --p.nmade * sizeof *p.made);
	}
	p.made = xrealloc(p.made, (p.nmade + 1) * sizeof *p.made);
	schema_init(&made_desc, &p.made[p.nmade]);
	p.made[p.nmade].hex = xstrdup(hex);
	p.made[p.nmade++].n = late_n;
	rc = peer_put_tx(t, &p);
	peer_free(&p);
	return rc;
}

int
peer_note_answer_tx(struct store_txn *t, const struct kz_uuid *node, const uint8_t answers[32])
{
	struct peer p;
	char hex[65];
	int64_t n = -1;
	size_t kept = 0;
	int rc = 0;

	if (note_tx(t, node, &p) != 0)
		return -1;
	key_hex(answers, hex);
	for (size_t i = 0; i < p.nmade; i++)
		if (p.made[i].hex != NULL && strcmp(p.made[i].hex, hex) == 0)
			n = p.made[i].n;
	/* A cap set at late number c goes when the bundle answered was made with n >= c. */
	for (size_t k = 0; k < p.ncaps; k++) {
		if (p.caps[k].n <= n)
			schema_clear(&cap_desc, &p.caps[k]);
		else
			p.caps[kept++] = p.caps[k];
	}
	if (kept != p.ncaps) {
		p.ncaps = kept;
		rc = peer_put_tx(t, &p);
	}
	peer_free(&p);
	return rc;
}

bool
peer_last_applied(const struct peer *p, uint8_t digest[32])
{
	const char *hex;

	if (p->napplied == 0 || (hex = p->applied[p->napplied - 1].hex) == NULL ||
	    strlen(hex) != 64)
		return false;
	for (int i = 0; i < 32; i++) {
		int hi = hexval(hex[2 * i]), lo = hexval(hex[2 * i + 1]);

		if (hi < 0 || lo < 0)
			return false;
		digest[i] = (uint8_t)(hi << 4 | lo);
	}
	return true;
}

bool
peer_applied_has(const struct peer *p, const uint8_t digest[32])
{
	char hex[65];

	key_hex(digest, hex);
	for (size_t i = 0; i < p->napplied; i++)
		if (p->applied[i].hex != NULL && strcmp(p->applied[i].hex, hex) == 0)
			return true;
	return false;
}

int
peer_note_late_tx(struct store_txn *t, const struct kz_uuid *except,
    const struct store_vv *late)
{
	struct peer *ps = NULL;
	size_t n;
	int rc = 0;

	if (late->n == 0)
		return 0;
	if (peer_list_tx(t, &ps, &n) != 0)
		return -1;
	for (size_t i = 0; i < n && rc == 0; i++) {
		struct peer *p = &ps[i];

		if (except != NULL && uid_cmp(&p->node, except) == 0)
			continue;
		for (size_t k = 0; k < p->recv_acks.n; k++) {
			struct peer_seq *a = &p->recv_acks.v[k];

			for (size_t j = 0; j < late->n; j++)
				if (memcmp(late->v[j].origin, a->origin.b, 16) == 0 &&
				    (uint64_t)a->seq >= late->v[j].seq)
					a->seq = (int64_t)late->v[j].seq - 1;
		}
		/*
		 * And capped there, whatever the acknowledgement now: a bundle made before this
		 * may be acknowledged later, and its acknowledgement would rise over the late
		 * change. One cap per origin: the lowest sequence, the latest number.
		 */
		p->late_n++;
		for (size_t j = 0; j < late->n; j++) {
			int64_t seq = (int64_t)late->v[j].seq - 1;
			size_t k;

			for (k = 0; k < p->ncaps; k++)
				if (memcmp(late->v[j].origin, p->caps[k].origin.b, 16) == 0)
					break;
			if (k == p->ncaps) {
				p->caps = xrealloc(p->caps, (p->ncaps + 1) * sizeof *p->caps);
				schema_init(&cap_desc, &p->caps[k]);
				memcpy(p->caps[k].origin.b, late->v[j].origin, 16);
				p->caps[k].seq = seq;
				p->ncaps++;
			} else if (seq < p->caps[k].seq)
				p->caps[k].seq = seq;
			p->caps[k].n = p->late_n;
		}
		rc = peer_put_tx(t, p);
	}
	peer_list_free(&ps, n);
	return rc;
}
