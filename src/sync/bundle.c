/*
 * The bundle file (docs/bundle-format.md): a fixed preamble, a header in the record
 * encoding (store/codec.h), a zstd body of length-framed changes, and a trailer holding a
 * BLAKE2b-256 hash of everything before it and an Ed25519 signature of that hash.
 */
#include "sync/bundle.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>
#include <zstd.h>

#include "store/codec.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

/* Header field tags (docs/bundle-format.md, "Header"). */
enum {
	BH_REQUIRED = 1, BH_OPTIONAL, BH_ORIGIN, BH_ORIGIN_UNIT, BH_ORIGIN_KEY, BH_DEST_UNIT,
	BH_DEST_NODE, BH_VV, BH_ACK, BH_CHANGES, BH_RAW_BYTES, BH_CREATED, BH_ANSWERS
};
enum { BS_ORIGIN = 1, BS_SEQ };

#define FEATURE_MAX 64		/* bytes of a feature's name */
#define IO_CHUNK (64u << 10)
#define ULL(x) ((unsigned long long)(x))

static void
put_be16(uint8_t *p, unsigned v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static void
put_be32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (24 - 8 * i));
}

static void
put_be64(uint8_t *p, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		p[i] = (uint8_t)(v >> (56 - 8 * i));
}

static uint64_t
get_be(const uint8_t *p, int n)
{
	uint64_t v = 0;

	for (int i = 0; i < n; i++)
		v = v << 8 | p[i];
	return v;
}

/* The message the origin signs: the magic (a domain for the key's signatures), then the hash. */
static void
sig_message(uint8_t msg[8 + BUNDLE_HASH], const uint8_t hash[BUNDLE_HASH])
{
	memcpy(msg, BUNDLE_MAGIC, 8);
	memcpy(msg + 8, hash, BUNDLE_HASH);
}

void
bundle_header_clear(struct bundle_header *h)
{
	for (size_t i = 0; i < h->nrequired; i++)
		free(h->required[i]);
	for (size_t i = 0; i < h->noptional; i++)
		free(h->optional[i]);
	free(h->required);
	free(h->optional);
	free(h->vv);
	free(h->acks);
	memset(h, 0, sizeof *h);
}

static void
put_seqs(struct codec_buf *b, unsigned tag, const struct bundle_seq *s, size_t n)
{
	struct codec_buf sub = { 0 };

	for (size_t i = 0; i < n; i++) {
		sub.len = 0;
		codec_put_bytes(&sub, BS_ORIGIN, s[i].origin, 16);
		codec_put_uint(&sub, BS_SEQ, s[i].seq);
		codec_put_bytes(b, tag, sub.p, sub.len);
	}
	codec_buf_free(&sub);
}

static void
encode_header(struct codec_buf *b, const struct bundle_header *h)
{
	for (size_t i = 0; i < h->nrequired; i++)
		codec_put_str(b, BH_REQUIRED, h->required[i]);
	for (size_t i = 0; i < h->noptional; i++)
		codec_put_str(b, BH_OPTIONAL, h->optional[i]);
	codec_put_bytes(b, BH_ORIGIN, h->origin, 16);
	codec_put_bytes(b, BH_ORIGIN_UNIT, h->origin_unit, strlen(h->origin_unit));
	codec_put_bytes(b, BH_ORIGIN_KEY, h->origin_pk, 32);
	if (h->dest_unit[0] != '\0')
		codec_put_bytes(b, BH_DEST_UNIT, h->dest_unit, strlen(h->dest_unit));
	if (h->has_dest_node)
		codec_put_bytes(b, BH_DEST_NODE, h->dest_node, 16);
	put_seqs(b, BH_VV, h->vv, h->nvv);
	put_seqs(b, BH_ACK, h->acks, h->nacks);
	codec_put_uint(b, BH_CHANGES, h->changes);
	codec_put_uint(b, BH_RAW_BYTES, h->raw_bytes);
	codec_put_uint(b, BH_CREATED, h->created_ms);
	if (h->has_answers)
		codec_put_bytes(b, BH_ANSWERS, h->answers, 32);
}

static bool
is_unit(const uint8_t *p, size_t n)
{
	if (n != 9)
		return false;
	for (size_t i = 0; i < n; i++)
		if (p[i] < '0' || p[i] > '9')
			return false;
	return true;
}

static int
decode_seq(const uint8_t *p, size_t n, struct bundle_seq **v, size_t *nv, size_t *cap)
{
	struct codec_reader r;
	struct codec_field f;
	struct bundle_seq s = { .seq = 0 };
	bool has_origin = false;
	int rc;

	codec_reader_init(&r, p, n);
	while ((rc = codec_next(&r, &f)) == 1) {
		if (f.tag == BS_ORIGIN && f.wire == CODEC_WIRE_BYTES && f.n == 16) {
			memcpy(s.origin, f.p, 16);
			has_origin = true;
		} else if (f.tag == BS_SEQ && f.wire == CODEC_WIRE_VARINT) {
			s.seq = f.u;
		}
	}
	if (rc < 0 || !has_origin)
		return -1;
	*v = xgrow(*v, cap, *nv + 1, sizeof **v);
	(*v)[(*nv)++] = s;
	return 0;
}

static int
add_name(char ***v, size_t *n, size_t *cap, const struct codec_field *f)
{
	if (f->wire != CODEC_WIRE_BYTES || f->n == 0 || f->n > FEATURE_MAX)
		return -1;
	for (size_t i = 0; i < f->n; i++)
		if (f->p[i] <= ' ' || f->p[i] > '~')
			return -1;	/* printable ASCII: it is named in messages */
	*v = xgrow(*v, cap, *n + 1, sizeof **v);
	(*v)[(*n)++] = xstrndup((const char *)f->p, f->n);
	return 0;
}

/* 0, or -1 when the header is malformed (h then holds what was read, for clearing). */
static int
decode_header(const uint8_t *p, size_t n, struct bundle_header *h)
{
	struct codec_reader r;
	struct codec_field f;
	size_t rcap = 0, ocap = 0, vcap = 0, acap = 0;
	bool origin = false, unit = false, key = false, changes = false, raw = false;
	int rc;

	codec_reader_init(&r, p, n);
	while ((rc = codec_next(&r, &f)) == 1) {
		bool bytes = f.wire == CODEC_WIRE_BYTES, num = f.wire == CODEC_WIRE_VARINT;
		int bad = 0;

		switch (f.tag) {
		case BH_REQUIRED:
			bad = add_name(&h->required, &h->nrequired, &rcap, &f);
			break;
		case BH_OPTIONAL:
			bad = add_name(&h->optional, &h->noptional, &ocap, &f);
			break;
		case BH_ORIGIN:
			if (!(bad = !bytes || f.n != 16))
				memcpy(h->origin, f.p, 16);
			origin = true;
			break;
		case BH_ORIGIN_UNIT:
			if (!(bad = !bytes || !is_unit(f.p, f.n)))
				memcpy(h->origin_unit, f.p, 9);
			unit = true;
			break;
		case BH_ORIGIN_KEY:
			if (!(bad = !bytes || f.n != 32))
				memcpy(h->origin_pk, f.p, 32);
			key = true;
			break;
		case BH_DEST_UNIT:
			if (!(bad = !bytes || !is_unit(f.p, f.n)))
				memcpy(h->dest_unit, f.p, 9);
			break;
		case BH_DEST_NODE:
			if (!(bad = !bytes || f.n != 16))
				memcpy(h->dest_node, f.p, 16);
			h->has_dest_node = true;
			break;
		case BH_VV:
			bad = !bytes || decode_seq(f.p, f.n, &h->vv, &h->nvv, &vcap) != 0;
			break;
		case BH_ACK:
			bad = !bytes || decode_seq(f.p, f.n, &h->acks, &h->nacks, &acap) != 0;
			break;
		case BH_CHANGES:
			bad = !num;
			h->changes = f.u;
			changes = true;
			break;
		case BH_RAW_BYTES:
			bad = !num;
			h->raw_bytes = f.u;
			raw = true;
			break;
		case BH_CREATED:
			bad = !num;
			h->created_ms = f.u;
			break;
		case BH_ANSWERS:
			if (!(bad = !bytes || f.n != 32))
				memcpy(h->answers, f.p, 32);
			h->has_answers = true;
			break;
		default:
			break;	/* a later minor version's addition: skipped */
		}
		if (bad)
			return -1;
	}
	return rc < 0 || !origin || !unit || !key || !changes || !raw ? -1 : 0;
}

/* ---- writing ---- */

struct bundle_writer {
	FILE *out;
	const char *name;
	const struct bundle_header *h;
	uint8_t sk[64];
	FILE *spool;		/* the compressed body until finish */
	ZSTD_CStream *z;
	uint8_t *zbuf;
	size_t zcap;
	uint64_t count, raw, body;
	uint8_t hash[BUNDLE_HASH];	/* set by finish */
	bool failed;
};

static int
write_fail(struct bundle_writer *w, struct kz_error *e)
{
	w->failed = true;
	return kz_fail(e, KZ_EIO, _("%s: cannot write the bundle: %s"), w->name, strerror(errno));
}

int
bundle_writer_open(struct bundle_writer **out, FILE *fp, const char *name,
    const struct bundle_header *h, const uint8_t sk[64], int level, struct kz_error *e)
{
	struct bundle_writer *w;

	if (sodium_init() < 0)
		return kz_fail(e, KZ_EIO, _("libsodium cannot start"));
	w = xcalloc(1, sizeof *w);
	w->out = fp;
	w->name = name;
	w->h = h;
	memcpy(w->sk, sk, 64);
	if ((w->spool = tmpfile()) == NULL) {
		bundle_writer_free(&w);
		return kz_fail(e, KZ_EIO, _("%s: cannot make a temporary file for the bundle: %s"),
		    name, strerror(errno));
	}
	w->z = ZSTD_createCStream();
	if (w->z == NULL ||
	    ZSTD_isError(ZSTD_CCtx_setParameter(w->z, ZSTD_c_compressionLevel,
	    level > 0 ? level : 3)) ||
	    ZSTD_isError(ZSTD_CCtx_setParameter(w->z, ZSTD_c_windowLog, 21)) ||
	    ZSTD_isError(ZSTD_CCtx_setParameter(w->z, ZSTD_c_checksumFlag, 0)))
		fatal("zstd: cannot set up a compression stream");
	w->zcap = ZSTD_CStreamOutSize();
	w->zbuf = xmalloc(w->zcap);
	*out = w;
	return 0;
}

/* Compresses in[0..n) (mode: continue or end) into the spool. */
static int
compress(struct bundle_writer *w, const void *p, size_t n, ZSTD_EndDirective mode,
    struct kz_error *e)
{
	ZSTD_inBuffer in = { p, n, 0 };
	size_t left;

	do {
		ZSTD_outBuffer ob = { w->zbuf, w->zcap, 0 };

		left = ZSTD_compressStream2(w->z, &ob, &in, mode);
		if (ZSTD_isError(left))
			fatal("zstd: %s", ZSTD_getErrorName(left));
		if (ob.pos > 0 && fwrite(w->zbuf, 1, ob.pos, w->spool) != ob.pos)
			return write_fail(w, e);
		w->body += ob.pos;
	} while (mode == ZSTD_e_end ? left != 0 : in.pos < in.size);
	return 0;
}

int
bundle_writer_add(struct bundle_writer *w, const uint8_t *change, size_t n, struct kz_error *e)
{
	uint8_t len[4];

	if (w->failed)
		return kz_fail(e, KZ_EIO, _("%s: cannot write the bundle"), w->name);
	if (n == 0 || n > BUNDLE_CHANGE_MAX)
		return kz_fail(e, KZ_EINVAL, _("%s: a change of %zu bytes cannot go into a bundle "
		    "(at most %u)"), w->name, n, BUNDLE_CHANGE_MAX);
	put_be32(len, (uint32_t)n);
	if (compress(w, len, 4, ZSTD_e_continue, e) != 0 ||
	    compress(w, change, n, ZSTD_e_continue, e) != 0)
		return -1;
	w->count++;
	w->raw += 4 + n;
	return 0;
}

static int
put_out(struct bundle_writer *w, crypto_generichash_state *hs, const void *p, size_t n,
    struct kz_error *e)
{
	if (hs != NULL)
		crypto_generichash_update(hs, p, n);
	if (fwrite(p, 1, n, w->out) != n)
		return write_fail(w, e);
	return 0;
}

int
bundle_writer_finish(struct bundle_writer *w, struct kz_error *e)
{
	struct bundle_header h = *w->h;
	struct codec_buf hb = { 0 };
	crypto_generichash_state hs;
	uint8_t pre[BUNDLE_PREAMBLE], hash[BUNDLE_HASH], sig[BUNDLE_SIG];
	uint8_t msg[8 + BUNDLE_HASH], *buf = NULL;
	int rc;

	if (w->failed)
		return kz_fail(e, KZ_EIO, _("%s: cannot write the bundle"), w->name);
	if (compress(w, NULL, 0, ZSTD_e_end, e) != 0)
		return -1;
	if (fflush(w->spool) != 0 || fseeko(w->spool, 0, SEEK_SET) != 0)
		return write_fail(w, e);
	h.changes = w->count;
	h.raw_bytes = w->raw;
	encode_header(&hb, &h);
	if (hb.len > BUNDLE_HEADER_MAX) {
		codec_buf_free(&hb);
		w->failed = true;
		return kz_fail(e, KZ_EINVAL, _("%s: the bundle's header would take %zu bytes "
		    "(at most %u)"), w->name, hb.len, BUNDLE_HEADER_MAX);
	}
	memcpy(pre, BUNDLE_MAGIC, 8);
	put_be16(pre + 8, BUNDLE_MAJOR);
	put_be16(pre + 10, BUNDLE_MINOR);
	put_be32(pre + 12, (uint32_t)hb.len);
	put_be64(pre + 16, w->body);
	crypto_generichash_init(&hs, NULL, 0, BUNDLE_HASH);
	rc = put_out(w, &hs, pre, sizeof pre, e);
	if (rc == 0)
		rc = put_out(w, &hs, hb.p, hb.len, e);
	buf = xmalloc(IO_CHUNK);
	for (uint64_t left = w->body; rc == 0 && left > 0;) {
		size_t n = left < IO_CHUNK ? (size_t)left : IO_CHUNK;

		if (fread(buf, 1, n, w->spool) != n) {
			rc = kz_fail(e, KZ_EIO, _("%s: cannot read back the bundle's temporary file"),
			    w->name);
			break;
		}
		rc = put_out(w, &hs, buf, n, e);
		left -= n;
	}
	free(buf);
	codec_buf_free(&hb);
	if (rc != 0) {
		w->failed = true;
		return -1;
	}
	crypto_generichash_final(&hs, hash, sizeof hash);
	memcpy(w->hash, hash, sizeof hash);
	sig_message(msg, hash);
	crypto_sign_ed25519_detached(sig, NULL, msg, sizeof msg, w->sk);
	if (put_out(w, NULL, hash, sizeof hash, e) != 0 || put_out(w, NULL, sig, sizeof sig, e) != 0)
		return -1;
	if (fflush(w->out) != 0)
		return write_fail(w, e);
	return 0;
}

const uint8_t *
bundle_writer_digest(const struct bundle_writer *w)
{
	return w->hash;
}

uint64_t
bundle_writer_count(const struct bundle_writer *w)
{
	return w->count;
}

void
bundle_writer_free(struct bundle_writer **wp)
{
	struct bundle_writer *w = *wp;

	if (w == NULL)
		return;
	sodium_memzero(w->sk, sizeof w->sk);
	if (w->spool != NULL)
		fclose(w->spool);
	ZSTD_freeCStream(w->z);
	free(w->zbuf);
	free(w);
	*wp = NULL;
}

/* ---- reading ---- */

struct bundle_reader {
	FILE *fp;
	bool own_fp;
	char *name;
	struct bundle_header h;
	uint8_t pre[BUNDLE_PREAMBLE];
	uint8_t *hdr;			/* the header's bytes, as hashed */
	size_t hdr_len;
	uint8_t hash[BUNDLE_HASH];	/* verified by bundle_open */
	/* The second pass: the body read again, unpacked and hashed again. */
	crypto_generichash_state hs;
	ZSTD_DStream *z;
	uint8_t *in;
	size_t in_cap;
	ZSTD_inBuffer zin;
	uint8_t *out;
	size_t out_cap;
	size_t out_pos, out_len;	/* unpacked bytes not yet taken */
	uint64_t body_left;		/* compressed bytes not yet read */
	uint64_t unpacked;		/* bytes unpacked so far */
	size_t zret;			/* zstd's last return: 0 when a frame is complete */
	uint8_t *ch;			/* the current change */
	size_t ch_len, ch_cap;
	uint64_t handed;		/* changes handed out */
	enum bundle_err failed;
	bool done;
};

static int
fail(struct bundle_reader *r, enum bundle_err why, struct kz_error *e, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Sets why and "NAME: message" in e; returns -1. */
static int
fail(struct bundle_reader *r, enum bundle_err why, struct kz_error *e, const char *fmt, ...)
{
	char msg[sizeof e->msg];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	r->failed = why;
	kz_fail(e, why == BUNDLE_EIO ? KZ_EIO : KZ_EINVAL, "%s: %s", r->name, msg);
	return -1;
}

static int
read_exact(struct bundle_reader *r, void *p, size_t n, struct kz_error *e)
{
	if (fread(p, 1, n, r->fp) == n)
		return 0;
	if (ferror(r->fp))
		return fail(r, BUNDLE_EIO, e, _("cannot read: %s"), strerror(errno));
	return fail(r, BUNDLE_ETRUNCATED, e, _("truncated: the file ended while it was read"));
}

/* Magic, version and sizes from the preamble; the file's size is size. */
static int
check_preamble(struct bundle_reader *r, uint64_t size, uint64_t *hlen, uint64_t *blen,
    struct kz_error *e)
{
	size_t have = size < BUNDLE_PREAMBLE ? (size_t)size : BUNDLE_PREAMBLE;
	unsigned major, minor;
	uint64_t want;

	if (have > 0 && read_exact(r, r->pre, have, e) != 0)
		return -1;
	if (memcmp(r->pre, BUNDLE_MAGIC, have < 8 ? have : 8) != 0)
		return fail(r, BUNDLE_ENOTBUNDLE, e, _("not a kezdesu bundle (no bundle magic)"));
	if (have < BUNDLE_PREAMBLE)
		return fail(r, BUNDLE_ETRUNCATED, e, _("truncated: %zu bytes, shorter than a bundle's "
		    "preamble"), have);
	major = (unsigned)get_be(r->pre + 8, 2);
	minor = (unsigned)get_be(r->pre + 10, 2);
	if (major != BUNDLE_MAJOR)
		return fail(r, BUNDLE_EVERSION, e, major > BUNDLE_MAJOR ?
		    _("bundle format %u.%u is newer than this program reads (%u.x): update kezdesu") :
		    _("bundle format %u.%u is unknown (this program reads %u.x)"), major, minor,
		    BUNDLE_MAJOR);
	r->h.major = major;
	r->h.minor = minor;
	*hlen = get_be(r->pre + 12, 4);
	*blen = get_be(r->pre + 16, 8);
	if (*hlen > BUNDLE_HEADER_MAX)
		return fail(r, BUNDLE_EHEADER, e, _("its header of %llu bytes is larger than "
		    "the %u a bundle may have"), ULL(*hlen), BUNDLE_HEADER_MAX);
	if (*blen > size)
		return fail(r, BUNDLE_ETRUNCATED, e, _("truncated: %llu bytes, but its body "
		    "alone is %llu"), ULL(size), ULL(*blen));
	want = BUNDLE_PREAMBLE + *hlen + *blen + BUNDLE_TRAILER;
	if (size < want)
		return fail(r, BUNDLE_ETRUNCATED, e, _("truncated: %llu bytes of the %llu"
		    " it declares"), ULL(size), ULL(want));
	if (size > want)
		return fail(r, BUNDLE_ECORRUPT, e, _("corrupted: %llu bytes after the end of "
		    "the bundle"), ULL(size - want));
	return 0;
}

/* Hashes the preamble, the header and the body as they are in the file now. */
static int
hash_file(struct bundle_reader *r, uint64_t blen, uint8_t hash[BUNDLE_HASH], struct kz_error *e)
{
	crypto_generichash_state hs;
	uint8_t *buf = xmalloc(IO_CHUNK);
	int rc = 0;

	crypto_generichash_init(&hs, NULL, 0, BUNDLE_HASH);
	crypto_generichash_update(&hs, r->pre, BUNDLE_PREAMBLE);
	crypto_generichash_update(&hs, r->hdr, r->hdr_len);
	while (rc == 0 && blen > 0) {
		size_t n = blen < IO_CHUNK ? (size_t)blen : IO_CHUNK;

		if ((rc = read_exact(r, buf, n, e)) == 0) {
			crypto_generichash_update(&hs, buf, n);
			blen -= n;
		}
	}
	free(buf);
	crypto_generichash_final(&hs, hash, BUNDLE_HASH);
	return rc;
}

static int
verify(struct bundle_reader *r, uint64_t size, bundle_key_fn key, void *ctx, struct kz_error *e)
{
	uint64_t hlen = 0, blen = 0;
	uint8_t trailer[BUNDLE_TRAILER], msg[8 + BUNDLE_HASH], pk[32];

	if (check_preamble(r, size, &hlen, &blen, e) != 0)
		return -1;
	r->hdr_len = (size_t)hlen;
	r->hdr = xmalloc(r->hdr_len + 1);
	if (read_exact(r, r->hdr, r->hdr_len, e) != 0 || hash_file(r, blen, r->hash, e) != 0 ||
	    read_exact(r, trailer, sizeof trailer, e) != 0)
		return -1;
	if (sodium_memcmp(trailer, r->hash, BUNDLE_HASH) != 0)
		return fail(r, BUNDLE_ECORRUPT, e, _("corrupted: its hash does not match its "
		    "content"));
	if (decode_header(r->hdr, r->hdr_len, &r->h) != 0)
		return fail(r, BUNDLE_ECORRUPT, e, _("corrupted: a malformed header"));
	r->h.body_bytes = blen;
	/* This version knows no feature yet: any required one is beyond it. */
	if (r->h.nrequired > 0)
		return fail(r, BUNDLE_EFEATURE, e, _("it requires the feature '%s', which this "
		    "program lacks: update kezdesu"), r->h.required[0]);
	if (key == NULL) {
		memcpy(pk, r->h.origin_pk, 32);
	} else if (key(ctx, &r->h, pk, e) != 0) {
		r->failed = BUNDLE_EUNTRUSTED;
		return kz_prefix(e, "%s: ", r->name);
	}
	sig_message(msg, r->hash);
	if (crypto_sign_ed25519_verify_detached(trailer + BUNDLE_HASH, msg, sizeof msg, pk) != 0)
		return fail(r, BUNDLE_EBADSIG, e, _("bad signature: not signed by the key of its "
		    "origin"));
	if (r->h.raw_bytes > blen * BUNDLE_RATIO_MAX + BUNDLE_RATIO_SLACK)
		return fail(r, BUNDLE_EZIPBOMB, e, _("refused as a zip bomb: it declares %llu"
		    " bytes unpacked from %llu (more than %d times)"), ULL(r->h.raw_bytes), ULL(blen),
		    BUNDLE_RATIO_MAX);
	if (r->h.changes > r->h.raw_bytes / 5)
		return fail(r, BUNDLE_ECORRUPT, e, _("corrupted: %llu changes cannot fit in "
		    "%llu bytes"), ULL(r->h.changes), ULL(r->h.raw_bytes));
	return 0;
}

/* Sets up the second pass: the body from its start, hashed again from the start. */
static int
rewind_body(struct bundle_reader *r, struct kz_error *e)
{
	if (fseeko(r->fp, (off_t)(BUNDLE_PREAMBLE + r->hdr_len), SEEK_SET) != 0)
		return fail(r, BUNDLE_EIO, e, _("cannot read: %s"), strerror(errno));
	crypto_generichash_init(&r->hs, NULL, 0, BUNDLE_HASH);
	crypto_generichash_update(&r->hs, r->pre, BUNDLE_PREAMBLE);
	crypto_generichash_update(&r->hs, r->hdr, r->hdr_len);
	if ((r->z = ZSTD_createDStream()) == NULL ||
	    ZSTD_isError(ZSTD_DCtx_setParameter(r->z, ZSTD_d_windowLogMax, BUNDLE_WINDOW_LOG_MAX)))
		fatal("zstd: cannot set up a decompression stream");
	r->in_cap = ZSTD_DStreamInSize();
	r->in = xmalloc(r->in_cap);
	r->zin = (ZSTD_inBuffer){ r->in, 0, 0 };
	r->out_cap = ZSTD_DStreamOutSize();
	r->out = xmalloc(r->out_cap);
	r->body_left = r->h.body_bytes;
	return 0;
}

int
bundle_open_file(FILE *fp, const char *name, bundle_key_fn key, void *ctx,
    struct bundle_reader **out, struct kz_error *e)
{
	struct bundle_reader *r = xcalloc(1, sizeof *r);
	off_t size;

	*out = NULL;
	r->fp = fp;
	r->name = xstrdup(name);
	if (sodium_init() < 0)
		fatal("libsodium cannot start");
	if (fseeko(fp, 0, SEEK_END) != 0 || (size = ftello(fp)) < 0 ||
	    fseeko(fp, 0, SEEK_SET) != 0) {
		fail(r, BUNDLE_EIO, e, _("cannot read: %s"), strerror(errno));
	} else if (verify(r, (uint64_t)size, key, ctx, e) == 0 && rewind_body(r, e) == 0) {
		*out = r;
		return BUNDLE_OK;
	}
	{
		int why = (int)r->failed;

		bundle_close(&r);
		return why;
	}
}

int
bundle_open(const char *path, bundle_key_fn key, void *ctx, struct bundle_reader **out,
    struct kz_error *e)
{
	FILE *fp = fopen(path, "rb");
	int rc;

	*out = NULL;
	if (fp == NULL) {
		kz_fail(e, KZ_EIO, _("%s: cannot open: %s"), path, strerror(errno));
		return BUNDLE_EIO;
	}
	if ((rc = bundle_open_file(fp, path, key, ctx, out, e)) != BUNDLE_OK)
		fclose(fp);
	else
		(*out)->own_fp = true;
	return rc;
}

const struct bundle_header *
bundle_header_of(const struct bundle_reader *r)
{
	return &r->h;
}

const uint8_t *
bundle_digest(const struct bundle_reader *r)
{
	return r->hash;
}

enum bundle_err
bundle_failure(const struct bundle_reader *r)
{
	return r->failed;
}

/*
 * Unpacks more of the body into r->out: 1 some bytes, 0 the body's end (every frame
 * complete), -1 corrupt or a zip bomb.
 */
static int
unpack(struct bundle_reader *r, struct kz_error *e)
{
	for (;;) {
		ZSTD_outBuffer ob = { r->out, r->out_cap, 0 };
		bool no_input;

		if (r->zin.pos == r->zin.size && r->body_left > 0) {
			size_t n = r->body_left < r->in_cap ? (size_t)r->body_left : r->in_cap;

			if (read_exact(r, r->in, n, e) != 0)
				return -1;
			crypto_generichash_update(&r->hs, r->in, n);
			r->zin = (ZSTD_inBuffer){ r->in, n, 0 };
			r->body_left -= n;
		}
		no_input = r->zin.pos == r->zin.size && r->body_left == 0;
		if (no_input && r->zret == 0)
			return 0;	/* every frame ended, nothing more: the end */
		r->zret = ZSTD_decompressStream(r->z, &ob, &r->zin);
		if (ZSTD_isError(r->zret))
			return fail(r, BUNDLE_ECORRUPT, e, _("corrupted: its compressed changes do not "
			    "unpack (%s)"), ZSTD_getErrorName(r->zret));
		if (ob.pos > 0) {
			r->unpacked += ob.pos;
			if (r->unpacked > r->h.raw_bytes)
				return fail(r, BUNDLE_EZIPBOMB, e, _("refused as a zip bomb: it unpacks "
				    "beyond the %llu bytes it declares"), ULL(r->h.raw_bytes));
			r->out_pos = 0;
			r->out_len = ob.pos;
			return 1;
		}
		if (no_input && r->zret != 0)
			return fail(r, BUNDLE_ECORRUPT, e, _("corrupted: its compressed changes are cut "
			    "short"));
	}
}

/* Takes n unpacked bytes into p: 1, 0 at the body's end before any byte, -1 error. */
static int
take(struct bundle_reader *r, uint8_t *p, size_t n, struct kz_error *e)
{
	size_t got = 0;

	while (got < n) {
		size_t k;
		int rc;

		if (r->out_pos == r->out_len) {
			if ((rc = unpack(r, e)) < 0)
				return -1;
			if (rc == 0) {
				if (got == 0)
					return 0;
				return fail(r, BUNDLE_ECORRUPT, e, _("corrupted: its changes end in "
				    "the middle of one"));
			}
		}
		k = r->out_len - r->out_pos;
		if (k > n - got)
			k = n - got;
		memcpy(p + got, r->out + r->out_pos, k);
		r->out_pos += k;
		got += k;
	}
	return 1;
}

/* After the last change: nothing more, the sizes as declared, the same hash as verified. */
static int
finish(struct bundle_reader *r, struct kz_error *e)
{
	uint8_t b, hash[BUNDLE_HASH];
	int rc;

	if ((rc = take(r, &b, 1, e)) != 0)
		return rc < 0 ? -1 : fail(r, BUNDLE_ECORRUPT, e, _("corrupted: more data after its "
		    "%llu changes"), ULL(r->h.changes));
	if (r->unpacked != r->h.raw_bytes)
		return fail(r, BUNDLE_ECORRUPT, e, _("corrupted: %llu bytes unpacked, %llu"
		    " declared"), ULL(r->unpacked), ULL(r->h.raw_bytes));
	crypto_generichash_final(&r->hs, hash, sizeof hash);
	if (sodium_memcmp(hash, r->hash, sizeof hash) != 0)
		return fail(r, BUNDLE_ECORRUPT, e, _("corrupted: the file changed while it was "
		    "read"));
	r->done = true;
	return 0;
}

int
bundle_next(struct bundle_reader *r, struct rec_change *c, struct kz_error *e)
{
	uint8_t len[4];
	uint64_t n;
	int rc;

	if (r->failed != BUNDLE_OK)
		return kz_fail(e, KZ_EINVAL, _("%s: already refused"), r->name);
	if (r->done)
		return 0;
	if (r->handed == r->h.changes)
		return finish(r, e);
	if ((rc = take(r, len, 4, e)) <= 0)
		return rc < 0 ? -1 : fail(r, BUNDLE_ECORRUPT, e, _("corrupted: it ends after %llu"
		    " of its %llu changes"), ULL(r->handed), ULL(r->h.changes));
	n = get_be(len, 4);
	if (n == 0 || n > BUNDLE_CHANGE_MAX)
		return fail(r, BUNDLE_ECORRUPT, e, _("corrupted: change %llu declares %llu"
		    " bytes"), ULL(r->handed + 1), ULL(n));
	r->ch = xgrow(r->ch, &r->ch_cap, (size_t)n, 1);
	if ((rc = take(r, r->ch, (size_t)n, e)) <= 0)
		return rc < 0 ? -1 : fail(r, BUNDLE_ECORRUPT, e, _("corrupted: its changes end in "
		    "the middle of one"));
	r->ch_len = (size_t)n;
	r->handed++;
	if (rec_change_decode(r->ch, r->ch_len, c, e) != 0) {
		char why[sizeof e->msg];

		snprintf(why, sizeof why, "%s", e->msg);
		return fail(r, BUNDLE_ECORRUPT, e, _("corrupted: change %llu: %s"), ULL(r->handed),
		    why);
	}
	return 1;
}

const uint8_t *
bundle_change_bytes(const struct bundle_reader *r, size_t *n)
{
	*n = r->ch_len;
	return r->ch;
}

void
bundle_close(struct bundle_reader **rp)
{
	struct bundle_reader *r = *rp;

	if (r == NULL)
		return;
	if (r->own_fp)
		fclose(r->fp);
	bundle_header_clear(&r->h);
	ZSTD_freeDStream(r->z);
	free(r->name);
	free(r->hdr);
	free(r->in);
	free(r->out);
	free(r->ch);
	free(r);
	*rp = NULL;
}
