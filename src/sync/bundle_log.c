#include "sync/bundle_log.h"

#include <string.h>

#include <sodium.h>

#include "core/node.h"
#include "core/record.h"
#include "store/store.h"
#include "util/clock.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

struct log_args {
	struct bundle_header *h;
	struct bundle_writer *w;
	FILE *out;
	const char *name;
	const uint8_t *sk;
	int level;
	struct codec_buf ch;
};

static int
add_entry(struct store_txn *t, const struct store_log_entry *le, void *arg)
{
	struct log_args *a = arg;
	int rc = rec_change_export(t, le->origin, le->seq, &a->ch);

	if (rc != 0)
		return rc < 0 ? -1 : kz_fail(store_txn_error(t), KZ_EIO, _("store %s: a log entry "
		    "vanished while it was read"), store_dir(store_txn_store(t)));
	return bundle_writer_add(a->w, a->ch.p, a->ch.len, store_txn_error(t));
}

static int
log_fn(struct store_txn *t, void *arg)
{
	struct log_args *a = arg;
	struct store_vv vv = { 0 };
	int rc;

	if (store_vv_read(t, &vv) != 0)
		return -1;
	a->h->vv = xcalloc(vv.n + 1, sizeof *a->h->vv);
	a->h->nvv = vv.n;
	for (size_t i = 0; i < vv.n; i++) {
		memcpy(a->h->vv[i].origin, vv.v[i].origin, 16);
		a->h->vv[i].seq = vv.v[i].seq;
	}
	store_vv_free(&vv);
	rc = bundle_writer_open(&a->w, a->out, a->name, a->h, a->sk, a->level, store_txn_error(t));
	for (size_t i = 0; rc == 0 && i < a->h->nvv; i++)
		rc = store_log_walk(t, a->h->vv[i].origin, 1, add_entry, a);
	return rc;
}

int
bundle_log_write(struct store *s, FILE *out, const char *name,
    const struct bundle_log_opts *o, uint64_t *count, struct kz_error *e)
{
	struct bundle_header h = { .major = BUNDLE_MAJOR, .minor = BUNDLE_MINOR };
	struct log_args a = { .h = &h, .out = out, .name = name, .level = o->level };
	struct node n;
	uint8_t sk[crypto_sign_SECRETKEYBYTES];
	int rc;

	if (node_get(s, &n, e) != 0 || node_secret_key(s, sk, e) != 0)
		return -1;
	memcpy(h.origin, n.id.b, 16);
	memcpy(h.origin_unit, n.unit, sizeof h.origin_unit);
	memcpy(h.origin_pk, n.sign_pk, 32);
	if (o->dest_unit != NULL)
		snprintf(h.dest_unit, sizeof h.dest_unit, "%s", o->dest_unit);
	if ((h.has_dest_node = o->dest_node != NULL))
		memcpy(h.dest_node, o->dest_node, 16);
	h.acks = (struct bundle_seq *)o->acks;
	h.nacks = o->nacks;
	h.created_ms = (uint64_t)clock_now_ms();
	a.sk = sk;
	rc = store_read(s, log_fn, &a, e);
	if (rc == 0)
		rc = bundle_writer_finish(a.w, e);
	if (rc == 0 && count != NULL)
		*count = bundle_writer_count(a.w);
	bundle_writer_free(&a.w);
	sodium_memzero(sk, sizeof sk);
	codec_buf_free(&a.ch);
	free(h.vv);
	return rc;
}
