/* kezdesu export: see sync/export.h. */
#include "sync/export.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "core/conflict.h"
#include "core/node.h"
#include "core/rules.h"
#include "core/scope.h"
#include "core/unit.h"
#include "store/codec.h"
#include "store/state.h"
#include "store/store.h"
#include "sync/bundle.h"
#include "sync/outbox.h"
#include "util/clock.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

/* The wire form of a change (docs/bundle-format.md, "Changes"): its path field, and a path's. */
enum { CH_PATH = 8, CP_PATH = 1 };
#define PERSONAL_TAGS 64	/* the field tags export.c remembers scope_tag_personal for */

static int
find_fn(struct store_txn *t, void *arg)
{
	void **a = arg;
	const char *to = a[0];
	struct peer *out = a[1];
	struct peer *ps = NULL;
	struct node me;
	struct kz_uuid node;
	size_t n, found = 0, hit = 0;
	bool up = strcmp(to, "up") == 0, by_node = false;
	int rc = 0;

	if (!up && !unit_code_valid(to)) {
		if (uid_parse(to, &node) != 0)
			return kz_fail(store_txn_error(t), KZ_EINVAL, _("'%s' is neither 'up', a "
			    "unit's nine digits nor a node's UUID"), to);
		by_node = true;
	}
	if (node_get_tx(t, &me) != 0 || peer_list_tx(t, &ps, &n) != 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		bool hit_i = up ? peer_direction(&ps[i], me.unit) == SCOPE_UP :
		    by_node ? uid_cmp(&ps[i].node, &node) == 0 : strcmp(ps[i].unit, to) == 0;

		if (hit_i && found++ == 0)
			hit = i;
	}
	if (found == 0) {
		rc = up ? kz_fail(store_txn_error(t), KZ_ENOTFOUND, _("no peer above this office "
		    "(kezdesu peer add FILE)")) : kz_fail(store_txn_error(t), KZ_ENOTFOUND,
		    _("no peer %s (kezdesu peer list)"), to);
	} else if (found > 1) {
		char units[64] = "";

		for (size_t i = 0; i < n; i++)
			if (peer_direction(&ps[i], me.unit) == SCOPE_UP && strlen(units) + 12 < sizeof units)
				snprintf(units + strlen(units), sizeof units - strlen(units), "%s%s",
				    units[0] ? ", " : "", ps[i].unit);
		rc = kz_fail(store_txn_error(t), KZ_EINVAL, _("several peers above this office: "
		    "name one (%s)"), units);
	} else {
		*out = ps[hit];
		memset(&ps[hit], 0, sizeof ps[hit]);
	}
	peer_list_free(&ps, n);
	return rc;
}

int
export_find_peer(struct store *s, const char *to, struct peer *p, struct kz_error *e)
{
	void *a[2] = { (void *)(uintptr_t)to, p };

	memset(p, 0, sizeof *p);
	return store_read(s, find_fn, a, e);
}

char *
export_default_name(struct store *s, const struct peer *p, const char *dir,
    struct kz_error *e)
{
	struct node me;
	time_t secs;
	struct tm tm;
	char when[32];

	if (node_get(s, &me, e) != 0)
		return NULL;
	/* The office's local time: what the people handing the stick over read on it. */
	secs = (time_t)(clock_now_ms() / 1000) + RULES_UTC_OFFSET_KZ * 60;
	gmtime_r(&secs, &tm);
	strftime(when, sizeof when, "%Y%m%d-%H%M%S", &tm);
	return xasprintf("%s%s%s-to-%s-%s.kzb", dir ? dir : "", dir && dir[0] &&
	    dir[strlen(dir) - 1] != '/' ? "/" : "", me.unit, p->unit, when);
}

struct exp {
	const struct export_opts *o;
	const struct peer *p;
	struct bundle_header h;
	struct bundle_writer *w;
	FILE *out;
	const char *name;
	const uint8_t *sk;
	struct codec_buf ch, kept, sub;
	struct store_vv vv, known;
	struct export_result *r;
	unsigned loser_tag;		/* the conflict's loser_value tag */
	/* progress: the entries looked at, of about total */
	uint64_t total, base, done;
	size_t cur;			/* the origin being walked (index in vv) */
	uint64_t since_release;		/* changes added since the map's pages were released */
	/*
	 * scope_tag_personal's answers per kind and field tag, asked once: it looks the
	 * personal fields up by name, a string comparison per path of every change otherwise
	 * (some 7 % of an export's time). 0 not asked yet, 1 personal, -1 not.
	 */
	signed char personal[DB_COUNT][PERSONAL_TAGS];
};

/*
 * The changes between two releases of the map's pages (store_release_pages): the walk reads
 * the whole log and its records once, and those pages, left resident, made the export's
 * peak RSS the store's size (331 MiB for a million changes). Dropping them every so many
 * changes keeps it at a few MiB; they are clean pages of a read transaction, read again
 * from the page cache when touched (the tree's upper pages), nothing lost.
 */
#define EXPORT_RELEASE_EVERY 8192

/* scope_path_personal, remembered per kind and tag. */
static bool
path_personal_tag(struct exp *x, unsigned kind, const uint8_t *p, size_t n)
{
	const uint8_t *eid;
	unsigned tag, sub;
	bool in_set;
	signed char *m;

	if (kind >= DB_COUNT || state_path_parse(p, n, &tag, &in_set, &eid, &sub) != 0 ||
	    tag >= PERSONAL_TAGS)
		return scope_path_personal(kind, p, n);
	m = &x->personal[kind][tag];
	if (*m == 0)
		*m = scope_tag_personal(kind, tag) ? 1 : -1;
	return *m > 0;
}

/*
 * Whether a path (a change's CH_PATH field) is personal data the peer does not get: a
 * personal field of the record, or the losing value of a conflict about one.
 */
static bool
path_personal(struct exp *x, unsigned kind, bool conflict_personal, const uint8_t *p,
    size_t n)
{
	struct codec_reader r;
	struct codec_field f;
	const uint8_t *eid;
	unsigned tag, sub;
	bool in_set;

	codec_reader_init(&r, p, n);
	while (codec_next(&r, &f) == 1) {
		if (f.tag != CP_PATH || f.wire != CODEC_WIRE_BYTES)
			continue;
		if (kind == DB_CONFLICTS)
			return conflict_personal && state_path_parse(f.p, f.n, &tag, &in_set, &eid,
			    &sub) == 0 && !in_set && tag == x->loser_tag;
		return path_personal_tag(x, kind, f.p, f.n);
	}
	return false;
}

/* The change in x->ch without its personal paths, into x->kept: true when any was left out. */
static bool
strip_personal(struct exp *x, unsigned kind, bool conflict_personal)
{
	struct codec_reader r;
	struct codec_field f;
	bool any = false;

	x->kept.len = 0;
	codec_put_raw(&x->kept, x->ch.p, 1);
	codec_reader_init(&r, x->ch.p + 1, x->ch.len - 1);
	while (codec_next(&r, &f) == 1) {
		if (f.tag == CH_PATH && f.wire == CODEC_WIRE_BYTES &&
		    path_personal(x, kind, conflict_personal, f.p, f.n)) {
			any = true;
			continue;
		}
		codec_put_raw(&x->kept, f.raw, f.rawlen);
	}
	return any;
}

/* Whether the conflict record key names is about a personal field. */
static int
conflict_is_personal(struct store_txn *t, const uint8_t *key, size_t klen, bool *personal)
{
	struct rec_key k = { .n = 0 };
	struct conflict c;
	int rc;

	*personal = false;
	if (klen > REC_KEY_MAX)
		return 0;
	rec_key_bytes(&k, key, klen);
	if ((rc = rec_load(t, &conflict_kind, &k, &c)) != 0)
		return rc < 0 ? -1 : 0;
	*personal = c.kind >= 0 && scope_conflict_personal((unsigned)c.kind, c.field);
	conflict_free(&c);
	return 0;
}

static void
progress(struct exp *x, const uint8_t origin[16], uint64_t seq, bool force)
{
	if (x->o->progress == NULL)
		return;
	if (origin != NULL) {
		while (x->cur < x->vv.n && memcmp(x->vv.v[x->cur].origin, origin, 16) != 0) {
			x->base += x->vv.v[x->cur].seq;
			x->cur++;
		}
		x->done = x->base + seq;
	}
	if (force || (x->done & 0xfff) == 0)
		x->o->progress(x->o->progress_ctx, x->done, x->total);
}

static int
add_fn(struct store_txn *t, const struct store_log_entry *le, const struct scope_place *pl,
    void *arg)
{
	struct exp *x = arg;
	const struct codec_buf *b = &x->ch;
	bool cp = false;
	int rc;

	(void)pl;
	progress(x, le->origin, le->seq, false);
	if (++x->since_release == EXPORT_RELEASE_EVERY) {
		store_release_pages(store_txn_store(t));
		x->since_release = 0;
	}
	if ((rc = rec_change_export(t, le->origin, le->seq, &x->ch)) != 0)
		return rc < 0 ? -1 : kz_fail(store_txn_error(t), KZ_EIO, _("store %s: a log entry "
		    "vanished while it was read"), store_dir(store_txn_store(t)));
	if (!x->o->include_personal) {
		if (le->kind == DB_CONFLICTS && conflict_is_personal(t, le->key, le->klen, &cp) != 0)
			return -1;
		if (strip_personal(x, le->kind, cp)) {
			b = &x->kept;
			x->r->personal++;
		}
	}
	return bundle_writer_add(x->w, b->p, b->len, store_txn_error(t));
}

static int
write_fn(struct store_txn *t, void *arg)
{
	struct exp *x = arg;
	struct node me;
	struct store_vv none = { 0 };

	store_vv_free(&x->vv);
	store_vv_free(&x->known);
	free(x->h.vv);
	x->h.vv = NULL;
	if (node_get_tx(t, &me) != 0 || store_vv_read(t, &x->vv) != 0)
		return -1;
	memcpy(x->h.origin, me.id.b, 16);
	memcpy(x->h.origin_unit, me.unit, sizeof x->h.origin_unit);
	memcpy(x->h.origin_pk, me.sign_pk, 32);
	x->h.vv = xcalloc(x->vv.n + 1, sizeof *x->h.vv);
	x->h.nvv = x->vv.n;
	for (size_t i = 0; i < x->vv.n; i++) {
		memcpy(x->h.vv[i].origin, x->vv.v[i].origin, 16);
		x->h.vv[i].seq = x->vv.v[i].seq;
	}
	if (x->o->full)
		x->known = none;
	else
		peer_known_vv(x->p, &x->known);
	x->total = 0;
	for (size_t i = 0; i < x->vv.n; i++)
		x->total += x->vv.v[i].seq;
	x->base = x->done = 0;
	x->cur = 0;
	if (bundle_writer_open(&x->w, x->out, x->name, &x->h, x->sk, x->o->level,
	    store_txn_error(t)) != 0)
		return -1;
	if (outbox_walk_tx(t, me.unit, x->p->unit, scope_direction(me.unit, x->p->unit),
	    &x->known, add_fn, x) != 0)
		return -1;
	x->done = x->total;
	progress(x, NULL, 0, true);
	return 0;
}

/* The export into out; vv gets this store's version vector that the bundle carries. */
static int
export_run(struct store *s, const struct peer *p, FILE *out, const char *name,
    const struct export_opts *o, struct export_result *r, struct store_vv *vv,
    struct kz_error *e)
{
	static const struct export_opts defaults = { 0 };
	struct exp x = { .o = o ? o : &defaults, .p = p, .out = out, .name = name, .r = r };
	const struct schema_field *lf = schema_field_named(conflict_kind.desc, "loser_value");
	uint8_t sk[crypto_sign_SECRETKEYBYTES];
	struct store_vv acks;
	int rc;

	memset(r, 0, sizeof *r);
	x.loser_tag = lf != NULL ? lf->tag : 0;
	if (node_secret_key(s, sk, e) != 0)
		return -1;
	x.h.major = BUNDLE_MAJOR;
	x.h.minor = BUNDLE_MINOR;
	memcpy(x.h.dest_unit, p->unit, sizeof x.h.dest_unit);
	x.h.has_dest_node = true;
	memcpy(x.h.dest_node, p->node.b, 16);
	/*
	 * The receipts: per origin, the highest sequence among the changes that arrived here in
	 * the peer's bundles (got_vv, raised by each import, whole or nothing). Not the peer's
	 * version vector: that is what its store held, not what it sent this office, and scope
	 * filtering leaves holes under it (core/peer.c, peer_known_vv, says why the peer may
	 * count on this).
	 */
	peer_vv_get(&p->got_vv, &acks);
	x.h.acks = xcalloc(acks.n + 1, sizeof *x.h.acks);
	x.h.nacks = acks.n;
	for (size_t i = 0; i < acks.n; i++) {
		memcpy(x.h.acks[i].origin, acks.v[i].origin, 16);
		x.h.acks[i].seq = acks.v[i].seq;
	}
	store_vv_free(&acks);
	/* And which bundle of this office they answer (core/peer.c, peer_note_answer_tx). */
	x.h.has_answers = peer_last_applied(p, x.h.answers);
	x.h.created_ms = (uint64_t)clock_now_ms();
	r->at_ms = (int64_t)x.h.created_ms;
	x.sk = sk;
	rc = store_read(s, write_fn, &x, e);
	if (rc == 0)
		rc = bundle_writer_finish(x.w, e);
	if (rc == 0) {
		r->changes = bundle_writer_count(x.w);
		memcpy(r->digest, bundle_writer_digest(x.w), sizeof r->digest);
	}
	bundle_writer_free(&x.w);
	sodium_memzero(sk, sizeof sk);
	codec_buf_free(&x.ch);
	codec_buf_free(&x.kept);
	codec_buf_free(&x.sub);
	store_vv_free(&x.known);
	free(x.h.vv);
	free(x.h.acks);
	if (rc == 0 && vv != NULL)
		*vv = x.vv;
	else
		store_vv_free(&x.vv);
	return rc;
}

int
export_write(struct store *s, const struct peer *p, FILE *out, const char *name,
    const struct export_opts *o, struct export_result *r, struct kz_error *e)
{
	return export_run(s, p, out, name, o, r, NULL, e);
}

struct note_args {
	const struct peer *p;
	int64_t at_ms;
	const struct store_vv *vv;
	const uint8_t *digest;
};

static int
note_fn(struct store_txn *t, void *arg)
{
	struct note_args *a = arg;

	/* With the late number it was made from (a->p, read before the walk): core/peer.c. */
	if (peer_note_made_tx(t, &a->p->node, a->digest, a->p->late_n) != 0)
		return -1;
	return peer_note_sent_tx(t, &a->p->node, a->at_ms, a->vv);
}

int
export_to_file(struct store *s, const struct peer *p, const char *path,
    const struct export_opts *o, struct export_result *r, struct kz_error *e)
{
	char *tmp = xasprintf("%s.part", path);
	struct store_vv vv = { 0 };
	FILE *fp;
	off_t size;
	int rc;

	/* Written beside it and renamed: a bundle half written is never found as PATH. */
	if ((fp = fopen(tmp, "wb")) == NULL) {
		kz_fail(e, KZ_EIO, _("%s: cannot write: %s"), tmp, strerror(errno));
		free(tmp);
		return -1;
	}
	rc = export_run(s, p, fp, path, o, r, &vv, e);
	if (rc == 0 && (fflush(fp) != 0 || fsync(fileno(fp)) != 0))
		rc = kz_fail(e, KZ_EIO, _("%s: cannot write: %s"), tmp, strerror(errno));
	if (rc == 0 && (size = ftello(fp)) >= 0)
		r->bytes = (uint64_t)size;
	if (fclose(fp) != 0 && rc == 0)
		rc = kz_fail(e, KZ_EIO, _("%s: cannot write: %s"), tmp, strerror(errno));
	if (rc == 0 && rename(tmp, path) != 0)
		rc = kz_fail(e, KZ_EIO, _("%s: cannot write: %s"), path, strerror(errno));
	if (rc != 0)
		unlink(tmp);
	free(tmp);
	if (rc == 0) {
		struct note_args a = { p, r->at_ms, &vv, r->digest };

		/* The file is in place: only now is it "sent" (sync status shows it). */
		if (store_write(s, note_fn, &a, e) != 0) {
			kz_prefix(e, _("%s written, but the exchange could not be noted: "), path);
			rc = -1;
		}
	}
	store_vv_free(&vv);
	return rc;
}
