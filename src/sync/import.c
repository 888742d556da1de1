/* kezdesu import: see sync/import.h. */
#include "sync/import.h"

#include <stdlib.h>
#include <string.h>

#include "core/node.h"
#include "core/peer.h"
#include "core/record.h"
#include "store/store.h"
#include "util/clock.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

struct imp {
	const char *path;
	const struct import_opts *o;
	struct node me;
	struct peer *ps;
	size_t nps;
	const struct peer *from;	/* the peer the bundle is from (set by trusted_key) */
	struct bundle_reader *r;
	int attempts;
	int why;			/* the reason a change could not be read */
	struct import_result *res;
	/*
	 * Per origin: got, the highest sequence among the bundle's changes (the receipt this
	 * office sends back); late, the lowest among those it added here (core/peer.h's
	 * peer_note_late_tx).
	 */
	struct store_vv got, late;
};

/* The sequence of origin in vv, added as init when absent. */
static uint64_t *
vv_slot(struct store_vv *vv, const uint8_t origin[16], uint64_t init)
{
	for (size_t k = 0; k < vv->n; k++)
		if (memcmp(vv->v[k].origin, origin, 16) == 0)
			return &vv->v[k].seq;
	vv->v = xgrow(vv->v, &vv->cap, vv->n + 1, sizeof *vv->v);
	memcpy(vv->v[vv->n].origin, origin, 16);
	vv->v[vv->n].seq = init;
	return &vv->v[vv->n++].seq;
}

static void
uuid_text(const uint8_t b[16], char out[UID_STRLEN])
{
	struct kz_uuid u;

	memcpy(u.b, b, 16);
	uid_format(&u, out);
}

/* The key of the peer the header names (bundle_key_fn): the trust store. */
static int
trusted_key(void *ctx, const struct bundle_header *h, uint8_t pk[32], struct kz_error *e)
{
	struct imp *x = ctx;
	char node[UID_STRLEN];

	uuid_text(h->origin, node);
	for (size_t i = 0; i < x->nps; i++) {
		const struct peer *p = &x->ps[i];

		if (memcmp(p->node.b, h->origin, 16) != 0)
			continue;
		if (peer_key(p, pk) != 0)
			return kz_fail(e, KZ_EINVAL, _("untrusted: the key kept for peer %s is "
			    "damaged: remove the peer and add it again"), p->unit);
		if (memcmp(pk, h->origin_pk, 32) != 0)
			return kz_fail(e, KZ_EINVAL, _("untrusted: peer %s (unit %s) signs with another "
			    "key now: key changed: remove the peer and add it again"), node, p->unit);
		if (strcmp(p->unit, h->origin_unit) != 0)
			return kz_fail(e, KZ_EINVAL, _("untrusted: peer %s is unit %s, but the bundle "
			    "says %s"), node, p->unit, h->origin_unit);
		x->from = p;
		return 0;
	}
	for (size_t i = 0; i < x->nps; i++)
		if (strcmp(x->ps[i].unit, h->origin_unit) == 0)
			return kz_fail(e, KZ_EINVAL, _("untrusted: unit %s's peer is another node and "
			    "key (a laptop set up again?): key changed: remove the peer and add it "
			    "again"), h->origin_unit);
	return kz_fail(e, KZ_EINVAL, _("untrusted: node %s (unit %s) is not a peer of this "
	    "office (kezdesu peer add)"), node, h->origin_unit);
}

/* This office's bundle: its unit, and its node when the bundle names one. */
static int
check_dest(struct imp *x, const struct bundle_header *h, struct kz_error *e)
{
	char node[UID_STRLEN];

	if (h->dest_unit[0] != '\0' && strcmp(h->dest_unit, x->me.unit) != 0)
		return kz_fail(e, KZ_EINVAL, _("%s: addressed to unit %s, not to this office "
		    "(%s)"), x->path, h->dest_unit, x->me.unit);
	if (h->has_dest_node && memcmp(h->dest_node, x->me.id.b, 16) != 0) {
		uuid_text(h->dest_node, node);
		return kz_fail(e, KZ_EINVAL, _("%s: addressed to node %s of unit %s, not to this "
		    "office's node (made for an earlier installation?)"), x->path, node,
		    h->dest_unit);
	}
	return 0;
}

/* v as a store_vv. */
static void
seqs_vv(const struct bundle_seq *v, size_t n, struct store_vv *out)
{
	memset(out, 0, sizeof *out);
	out->v = xcalloc(n + 1, sizeof *out->v);
	out->cap = n + 1;
	for (size_t i = 0; i < n; i++) {
		memcpy(out->v[i].origin, v[i].origin, 16);
		out->v[i].seq = v[i].seq;
	}
	out->n = n;
}

/* Raises a to b per origin: true when anything rose. */
static bool
vv_raise(struct store_vv *a, const struct store_vv *b)
{
	bool rose = false;

	for (size_t i = 0; i < b->n; i++) {
		size_t k;

		for (k = 0; k < a->n; k++)
			if (memcmp(a->v[k].origin, b->v[i].origin, 16) == 0)
				break;
		if (k == a->n) {
			a->v = xgrow(a->v, &a->cap, a->n + 1, sizeof *a->v);
			memcpy(a->v[k].origin, b->v[i].origin, 16);
			a->v[k].seq = 0;
			a->n++;
		}
		if (b->v[i].seq > a->v[k].seq) {
			a->v[k].seq = b->v[i].seq;
			rose = true;
		}
	}
	return rose;
}

/*
 * The receipt: the peer's version vector and acknowledgements, each raised to the bundle's
 * (never lowered: an older bundle replayed moves nothing back). Nothing written when
 * nothing rises.
 */
static int
note_received(struct store_txn *t, struct imp *x, const struct bundle_header *h)
{
	struct store_vv vv, acks, in;
	struct peer p;
	bool rose;
	int rc;

	/* What the acknowledgements answer: the caps set before that bundle was made go. */
	if (h->has_answers && peer_note_answer_tx(t, &x->from->node, h->answers) != 0)
		return -1;
	if ((rc = peer_get_tx(t, &x->from->node, &p)) != 0)
		return rc < 0 ? -1 : kz_fail(store_txn_error(t), KZ_ENOTFOUND, _("%s: its peer "
		    "was removed meanwhile"), x->path);
	peer_vv_get(&p.recv_vv, &vv);
	peer_vv_get(&p.recv_acks, &acks);
	seqs_vv(h->vv, h->nvv, &in);
	rose = vv_raise(&vv, &in);
	store_vv_free(&in);
	seqs_vv(h->acks, h->nacks, &in);
	rose |= vv_raise(&acks, &in);
	store_vv_free(&in);
	/* The first bundle from the peer is noted even when it brought nothing. */
	rose |= p.recv_ms == 0;
	rc = rose ? peer_note_received_tx(t, &x->from->node, clock_now_ms(), &vv, &acks) : 0;
	store_vv_free(&vv);
	store_vv_free(&acks);
	peer_free(&p);
	return rc;
}

/*
 * Whether the bundle is here already: its hash among the last bundles applied from the
 * same peer (core/peer.h, PEER_APPLIED_MAX). Exact, not by version vectors: a bundle
 * applied twice says so without reading its changes, and any other bundle, a --full one
 * included, is read and applied, the changes already here skipped by the log lookup
 * (rec_apply). Vectors cannot decide it: an origin's changes can arrive by a narrower path
 * first, and its sequences would then cover changes that are not here.
 */
static int
held_fn(struct store_txn *t, void *arg)
{
	struct imp *x = arg;

	(void)t;
	x->res->already = peer_applied_has(x->from, bundle_digest(x->r));
	return 0;
}

static int
receipt_fn(struct store_txn *t, void *arg)
{
	struct imp *x = arg;

	return note_received(t, x, bundle_header_of(x->r));
}

static int
apply_fn(struct store_txn *t, void *arg)
{
	struct imp *x = arg;
	struct import_result *res = x->res;
	struct rec_change ch = { 0 };
	size_t conflicts, ahead;
	uint64_t total;
	int rc;

	/* The map grew and this runs again: the changes from the start, verified again. */
	if (x->attempts++ > 0) {
		bundle_close(&x->r);
		if ((x->why = bundle_open(x->path, trusted_key, x, &x->r, store_txn_error(t))) !=
		    BUNDLE_OK)
			return -1;
	}
	total = bundle_header_of(x->r)->changes;
	res->added = res->changed = res->skipped = 0;
	x->got.n = x->late.n = 0;
	conflicts = store_count(t, DB_CONFLICTS);
	ahead = store_count(t, DB_CLOCK_REVIEW);
	while ((rc = bundle_next(x->r, &ch, store_txn_error(t))) == 1) {
		const void *val;
		size_t vlen;
		uint64_t *got, *late;
		int had = 1;

		if (rec_kind_of(ch.e.kind) != NULL &&
		    (had = store_get(t, (enum store_db)ch.e.kind, ch.e.key, ch.e.klen, &val,
		    &vlen)) < 0)
			break;
		if ((rc = rec_apply(t, &ch)) < 0)
			break;
		got = vv_slot(&x->got, ch.e.origin, 0);
		if (ch.e.seq > *got)
			*got = ch.e.seq;
		if (rc == 0 && ch.e.seq < *(late = vv_slot(&x->late, ch.e.origin, UINT64_MAX)))
			*late = ch.e.seq;
		if (rc == 1)
			res->skipped++;
		else if (had == 0)
			res->changed++;
		else
			res->added++;
		if (x->o->progress != NULL) {
			uint64_t done = res->added + res->changed + res->skipped;

			if ((done & 0xfff) == 0)
				x->o->progress(x->o->progress_ctx, done, total);
		}
	}
	rec_change_free(&ch);
	if (rc != 0) {
		if (bundle_failure(x->r) != BUNDLE_OK)
			x->why = (int)bundle_failure(x->r);
		return -1;
	}
	res->conflicts = store_count(t, DB_CONFLICTS) - conflicts;
	res->clock_ahead = store_count(t, DB_CLOCK_REVIEW) - ahead;
	if (x->o->progress != NULL)
		x->o->progress(x->o->progress_ctx, total, total);
	if (note_received(t, x, bundle_header_of(x->r)) != 0 ||
	    peer_note_applied_tx(t, &x->from->node, &x->got, bundle_digest(x->r)) != 0)
		return -1;
	return peer_note_late_tx(t, &x->from->node, &x->late);
}

/*
 * The map room the bundle's changes take once applied: the records, their log entries and
 * the indexes, about twice the unpacked stream (bench_sync: 58 MB unpacked, 71 MB of store).
 * Reserved before the one transaction so that it runs once, not again at each doubling of
 * the map (store_write starts fn over on MDB_MAP_FULL).
 */
static size_t
reserve_for(const struct bundle_header *h)
{
	uint64_t want = h->raw_bytes * 2 + (8u << 20);

	return want > SIZE_MAX / 4 ? SIZE_MAX / 4 : (size_t)want;
}

int
import_file(struct store *s, const char *path, const struct import_opts *o,
    struct import_result *r, struct kz_error *e)
{
	static const struct import_opts defaults = { 0 };
	struct imp x = { .path = path, .o = o ? o : &defaults, .res = r };
	const struct bundle_header *h;
	int why;

	memset(r, 0, sizeof *r);
	if (node_get(s, &x.me, e) != 0 || peer_list(s, &x.ps, &x.nps, e) != 0)
		return BUNDLE_EIO;
	why = bundle_open(path, trusted_key, &x, &x.r, e);
	if (why == BUNDLE_OK) {
		h = bundle_header_of(x.r);
		memcpy(r->origin_unit, h->origin_unit, sizeof r->origin_unit);
		r->changes = h->changes;
		if (check_dest(&x, h, e) != 0)
			why = BUNDLE_EDEST;
		else if (store_read(s, held_fn, &x, e) != 0)
			why = BUNDLE_EIO;
		else if (r->already)
			why = store_write(s, receipt_fn, &x, e) == 0 ? BUNDLE_OK : BUNDLE_EIO;
		else if (store_reserve(s, reserve_for(h), e) != 0 ||
		    store_write(s, apply_fn, &x, e) != 0)
			why = x.why != BUNDLE_OK ? x.why : BUNDLE_EIO;
	}
	bundle_close(&x.r);
	peer_list_free(&x.ps, x.nps);
	store_vv_free(&x.got);
	store_vv_free(&x.late);
	return why;
}
