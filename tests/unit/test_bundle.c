/*
 * sync/bundle: the bundle file (docs/bundle-format.md). Random changes go through a writer
 * and come back byte for byte; a demo store's whole log goes into a bundle and out into a
 * fresh store with the same dump; and every bad bundle is refused with its own reason:
 * truncated at every offset, a bit flipped in every byte, a bad signature, a newer major
 * version, an unknown required feature, zip bombs, an oversize header, a file changed
 * between the reader's two passes. An unknown optional feature is read.
 */
#include "testutil.h"

#include <fcntl.h>
#include <unistd.h>

#include <sodium.h>
#include <zstd.h>

#include "core/demo.h"
#include "core/dump.h"
#include "core/node.h"
#include "store/codec.h"
#include "sync/bundle.h"
#include "sync/bundle_log.h"
#include "util/xmalloc.h"

static uint8_t pk[32], sk[64];
static unsigned rng = 12345;

static unsigned
rnd(unsigned n)
{
	rng = rng * 1103515245u + 12345u;
	return (rng >> 8) % n;
}

/* A change in the wire form rec_change_decode reads (core/record.c), with random content. */
static void
random_change(struct codec_buf *b, uint64_t seq)
{
	uint8_t origin[16], key[16], v[64];
	struct codec_buf path = { 0 };
	unsigned np = 1 + rnd(5);

	for (int i = 0; i < 16; i++) {
		origin[i] = (uint8_t)rnd(3);	/* a few origins */
		key[i] = (uint8_t)rnd(256);
	}
	b->len = 0;
	codec_put_raw(b, "\x01", 1);
	codec_put_bytes(b, 1, origin, 16);
	codec_put_uint(b, 2, seq);
	codec_put_uint(b, 3, (uint64_t)1 << 40 | rnd(1u << 30));
	codec_put_uint(b, 4, 1 + rnd(8));
	codec_put_bytes(b, 5, key, 1 + rnd(16));
	for (unsigned p = 0; p < np; p++) {
		size_t vn = rnd(sizeof v);

		for (size_t i = 0; i < vn; i++)
			v[i] = (uint8_t)rnd(256);
		path.len = 0;
		codec_put_bytes(&path, 1, v, 1 + rnd(3));
		if (rnd(4) != 0)
			codec_put_bytes(&path, 2, v, vn);
		codec_put_bytes(b, 8, path.p, path.len);
	}
	codec_buf_free(&path);
}

static void
header_for(struct bundle_header *h)
{
	memset(h, 0, sizeof *h);
	memset(h->origin, 0xab, 16);
	memcpy(h->origin_unit, "613600000", 10);
	memcpy(h->origin_pk, pk, 32);
	memcpy(h->dest_unit, "610000000", 10);
	h->created_ms = 1764547200000ULL;
}

/* The whole file of a FILE as bytes. */
static uint8_t *
slurp(FILE *fp, size_t *n)
{
	long size;
	uint8_t *p;

	assert_int_equal(fseek(fp, 0, SEEK_END), 0);
	size = ftell(fp);
	p = xmalloc((size_t)size + 1);
	rewind(fp);
	assert_int_equal(fread(p, 1, (size_t)size, fp), (size_t)size);
	*n = (size_t)size;
	return p;
}

/* A bundle of n random changes written with header h; the changes' bytes in *ch. */
static uint8_t *
make_bundle(const struct bundle_header *h, size_t n, struct codec_buf **ch, size_t *len)
{
	struct bundle_writer *w;
	struct kz_error e;
	FILE *fp = tmpfile();
	uint8_t *p;

	*ch = xcalloc(n + 1, sizeof **ch);
	assert_int_equal(bundle_writer_open(&w, fp, "test.kzb", h, sk, 0, &e), 0);
	for (size_t i = 0; i < n; i++) {
		random_change(&(*ch)[i], i + 1);
		assert_int_equal(bundle_writer_add(w, (*ch)[i].p, (*ch)[i].len, &e), 0);
	}
	assert_int_equal(bundle_writer_finish(w, &e), 0);
	bundle_writer_free(&w);
	p = slurp(fp, len);
	fclose(fp);
	return p;
}

static void
free_changes(struct codec_buf *ch, size_t n)
{
	for (size_t i = 0; i < n; i++)
		codec_buf_free(&ch[i]);
	free(ch);
}

/* A FILE holding p[0..n) (tmpfile: fmemopen refuses zero bytes). */
static FILE *
file_of(const uint8_t *p, size_t n)
{
	FILE *fp = tmpfile();

	assert_non_null(fp);
	if (n > 0)
		assert_int_equal(fwrite(p, 1, n, fp), n);
	rewind(fp);
	return fp;
}

static int
key_given(void *ctx, const struct bundle_header *h, uint8_t out[32], struct kz_error *e)
{
	(void)h;
	(void)e;
	memcpy(out, ctx, 32);
	return 0;
}

static int
key_refused(void *ctx, const struct bundle_header *h, uint8_t out[32], struct kz_error *e)
{
	(void)ctx;
	(void)h;
	(void)out;
	return kz_fail(e, KZ_EINVAL, "origin not trusted");
}

/*
 * Reads p[0..n) through to the end: BUNDLE_OK, or the reason it was refused (at open or
 * at some change); *changes counts what was handed out; the message in e.
 */
static int
read_all(const uint8_t *p, size_t n, bundle_key_fn key, void *ctx, size_t *changes,
    struct kz_error *e)
{
	FILE *fp = file_of(p, n);
	struct bundle_reader *r;
	struct rec_change c = { 0 };
	int rc;

	*changes = 0;
	e->msg[0] = '\0';
	if ((rc = bundle_open_file(fp, "t.kzb", key, ctx, &r, e)) == BUNDLE_OK) {
		int k;

		while ((k = bundle_next(r, &c, e)) == 1)
			(*changes)++;
		rc = k == 0 ? BUNDLE_OK : (int)bundle_failure(r);
		assert_true(k == 0 || rc != BUNDLE_OK);
		bundle_close(&r);
	} else {
		assert_null(r);
		assert_true(e->msg[0] != '\0');
	}
	rec_change_free(&c);
	fclose(fp);
	return rc;
}

/* Puts a fresh hash and signature (by key) on p[0..n), as its origin would. */
static void
resign(uint8_t *p, size_t n, const uint8_t *key)
{
	uint8_t msg[8 + 32];

	crypto_generichash(p + n - 96, 32, p, n - 96, NULL, 0);
	memcpy(msg, BUNDLE_MAGIC, 8);
	memcpy(msg + 8, p + n - 96, 32);
	crypto_sign_ed25519_detached(p + n - 64, NULL, msg, sizeof msg, key);
}

/*
 * A bundle put together by hand: major.minor, header bytes, body bytes, signed by sk.
 * What a writer of another program (or a newer one) might send.
 */
static uint8_t *
assemble(unsigned major, unsigned minor, const struct codec_buf *hdr, const void *body,
    size_t blen, size_t *n)
{
	uint8_t *p;

	*n = BUNDLE_PREAMBLE + hdr->len + blen + BUNDLE_TRAILER;
	p = xcalloc(1, *n);
	memcpy(p, BUNDLE_MAGIC, 8);
	p[8] = (uint8_t)(major >> 8);
	p[9] = (uint8_t)major;
	p[10] = (uint8_t)(minor >> 8);
	p[11] = (uint8_t)minor;
	for (int i = 0; i < 4; i++)
		p[12 + i] = (uint8_t)(hdr->len >> (24 - 8 * i));
	for (int i = 0; i < 8; i++)
		p[16 + i] = (uint8_t)((uint64_t)blen >> (56 - 8 * i));
	memcpy(p + BUNDLE_PREAMBLE, hdr->p, hdr->len);
	if (blen > 0)
		memcpy(p + BUNDLE_PREAMBLE + hdr->len, body, blen);
	resign(p, *n, sk);
	return p;
}

/* The header fields of docs/bundle-format.md, for hand-made bundles. */
static void
hand_header(struct codec_buf *b, uint64_t changes, uint64_t raw)
{
	b->len = 0;
	codec_put_bytes(b, 3, "0123456789abcdef", 16);
	codec_put_bytes(b, 4, "613600000", 9);
	codec_put_bytes(b, 5, pk, 32);
	codec_put_uint(b, 10, changes);
	codec_put_uint(b, 11, raw);
}

static void
test_random_changes_round_trip(void **state)
{
	struct bundle_header h;
	struct codec_buf *ch;
	struct rec_change c = { 0 };
	struct bundle_reader *r;
	struct kz_error e;
	struct bundle_seq vv[2] = { { { 1 }, 7 }, { { 2 }, 9 } }, ack = { { 3 }, 4 };
	size_t len, n = 2000;
	uint8_t *p;
	FILE *fp;

	(void)state;
	header_for(&h);
	h.vv = vv;
	h.nvv = 2;
	h.acks = &ack;
	h.nacks = 1;
	h.has_answers = true;
	memset(h.answers, 0x77, sizeof h.answers);
	p = make_bundle(&h, n, &ch, &len);
	fp = file_of(p, len);
	if (bundle_open_file(fp, "t.kzb", NULL, NULL, &r, &e) != BUNDLE_OK)
		fail_msg("open: %s", e.msg);
	const struct bundle_header *g = bundle_header_of(r);

	assert_int_equal(g->major, BUNDLE_MAJOR);
	assert_int_equal(g->changes, n);
	assert_memory_equal(g->origin, h.origin, 16);
	assert_string_equal(g->origin_unit, "613600000");
	assert_string_equal(g->dest_unit, "610000000");
	assert_false(g->has_dest_node);
	assert_int_equal(g->nvv, 2);
	assert_int_equal(g->vv[1].seq, 9);
	assert_int_equal(g->vv[1].origin[0], 2);
	assert_int_equal(g->nacks, 1);
	assert_int_equal(g->acks[0].seq, 4);
	assert_true(g->has_answers);
	assert_memory_equal(g->answers, h.answers, 32);
	assert_int_equal(g->created_ms, h.created_ms);
	assert_true(g->body_bytes < g->raw_bytes);	/* compressed */
	for (size_t i = 0; i < n; i++) {
		const uint8_t *b;
		size_t bn;

		assert_int_equal(bundle_next(r, &c, &e), 1);
		b = bundle_change_bytes(r, &bn);
		assert_int_equal(bn, ch[i].len);
		assert_memory_equal(b, ch[i].p, bn);
		assert_int_equal(c.e.seq, i + 1);
	}
	assert_int_equal(bundle_next(r, &c, &e), 0);
	assert_int_equal(bundle_next(r, &c, &e), 0);
	bundle_close(&r);
	fclose(fp);
	rec_change_free(&c);
	free_changes(ch, n);
	free(p);
}

static int
apply_fn(struct store_txn *t, void *arg)
{
	struct bundle_reader *r = arg;
	struct rec_change c = { 0 };
	int rc;

	while ((rc = bundle_next(r, &c, store_txn_error(t))) == 1)
		if (rec_apply(t, &c) < 0) {
			rc = -1;
			break;
		}
	rec_change_free(&c);
	return rc;
}

static int
collect(void *arg, const char *line, size_t n)
{
	struct codec_buf *b = arg;

	codec_put_raw(b, line, n);
	codec_put_raw(b, "\n", 1);
	return 0;
}

/* The whole-log writer: a demo store's log into a fresh store gives the same dump. */
static void
test_whole_log_into_a_fresh_store(void **state)
{
	char *dir = test_tmpdir(), *dir2;
	struct store *s = NULL, *s2;
	struct bundle_log_opts o = { .dest_unit = "610000000" };
	struct bundle_reader *r;
	struct codec_buf d1 = { 0 }, d2 = { 0 };
	struct kz_error e;
	struct node nd;
	uint64_t count = 0;
	FILE *fp = tmpfile();

	(void)state;
	assert_int_equal(store_open(dir, STORE_CREATE, &s, &e), 0);
	if (demo_build(s, &e) != 0)
		fail_msg("demo_build: %s", e.msg);
	assert_int_equal(node_get(s, &nd, &e), 0);
	if (bundle_log_write(s, fp, "all.kzb", &o, &count, &e) != 0)
		fail_msg("bundle_log_write: %s", e.msg);
	assert_true(count > 100);
	rewind(fp);
	if (bundle_open_file(fp, "all.kzb", NULL, NULL, &r, &e) != BUNDLE_OK)
		fail_msg("open: %s", e.msg);
	assert_memory_equal(bundle_header_of(r)->origin, nd.id.b, 16);
	assert_memory_equal(bundle_header_of(r)->origin_pk, nd.sign_pk, 32);
	assert_int_equal(bundle_header_of(r)->changes, count);
	assert_int_equal(bundle_header_of(r)->nvv, 1);
	assert_int_equal(bundle_header_of(r)->vv[0].seq, count);
	s2 = test_store(&dir2);
	if (store_write(s2, apply_fn, r, &e) != 0)
		fail_msg("apply: %s", e.msg);
	bundle_close(&r);
	assert_int_equal(dump_store(s, collect, &d1, &e), 0);
	assert_int_equal(dump_store(s2, collect, &d2, &e), 0);
	assert_true(d1.len > 1000);
	assert_int_equal(d1.len, d2.len);
	assert_memory_equal(d1.p, d2.p, d1.len);
	codec_buf_free(&d1);
	codec_buf_free(&d2);
	fclose(fp);
	store_close(&s);
	store_close(&s2);
	test_rmdir(dir);
	test_rmdir(dir2);
}

/* A small bundle for the bad cases: 3 changes. */
static uint8_t *
small_bundle(size_t *len, struct bundle_header *h)
{
	struct codec_buf *ch;
	uint8_t *p;

	header_for(h);
	p = make_bundle(h, 3, &ch, len);
	free_changes(ch, 3);
	return p;
}

static void
test_truncated_at_every_offset(void **state)
{
	struct bundle_header h;
	struct kz_error e;
	size_t len, got;
	uint8_t *p = small_bundle(&len, &h);

	(void)state;
	assert_int_equal(read_all(p, len, NULL, NULL, &got, &e), BUNDLE_OK);
	assert_int_equal(got, 3);
	for (size_t k = 0; k < len; k++) {
		int rc = read_all(p, k, NULL, NULL, &got, &e);

		if (rc != BUNDLE_ETRUNCATED)
			fail_msg("cut at %zu of %zu: reason %d (%s)", k, len, rc, e.msg);
		assert_int_equal(got, 0);
		assert_non_null(strstr(e.msg, "t.kzb: truncated"));
	}
	free(p);
}

static void
test_a_flipped_bit_in_each_part(void **state)
{
	struct bundle_header h;
	struct kz_error e;
	size_t len, got, hlen;
	uint8_t *p = small_bundle(&len, &h);

	(void)state;
	hlen = (size_t)p[12] << 24 | (size_t)p[13] << 16 | (size_t)p[14] << 8 | p[15];
	for (size_t i = 0; i < len; i++) {
		int rc, want;

		p[i] ^= (uint8_t)(1u << (i % 8));
		rc = read_all(p, len, NULL, NULL, &got, &e);
		p[i] ^= (uint8_t)(1u << (i % 8));
		if (i < 8)
			want = BUNDLE_ENOTBUNDLE;
		else if (i < 10)
			want = BUNDLE_EVERSION;
		else if (i < 12)
			want = BUNDLE_ECORRUPT;	/* a minor version: the hash covers it */
		else if (i < BUNDLE_PREAMBLE)
			want = -1;		/* a length: truncated, extra bytes or oversize */
		else if (i < len - BUNDLE_SIG)
			want = BUNDLE_ECORRUPT;	/* header, body, hash */
		else
			want = BUNDLE_EBADSIG;
		if (want == -1)
			assert_true(rc == BUNDLE_ETRUNCATED || rc == BUNDLE_ECORRUPT ||
			    rc == BUNDLE_EHEADER);
		else if (rc != want)
			fail_msg("bit flipped at %zu (header %zu bytes, file %zu): reason %d, want %d "
			    "(%s)", i, hlen, len, rc, want, e.msg);
		assert_int_equal(got, 0);
	}
	/* Every byte back as it was: read whole again. */
	assert_int_equal(read_all(p, len, NULL, NULL, &got, &e), BUNDLE_OK);
	free(p);
}

static void
test_bad_signature_and_untrusted(void **state)
{
	struct bundle_header h;
	struct kz_error e;
	uint8_t opk[32], osk[64];
	size_t len, got;
	uint8_t *p = small_bundle(&len, &h);

	(void)state;
	crypto_sign_keypair(opk, osk);
	/* Whole, but signed by another key than the one its header names. */
	resign(p, len, osk);
	assert_int_equal(read_all(p, len, NULL, NULL, &got, &e), BUNDLE_EBADSIG);
	assert_non_null(strstr(e.msg, "bad signature"));
	/* The key the trust store gives is the one that counts, not the header's. */
	assert_int_equal(read_all(p, len, key_given, opk, &got, &e), BUNDLE_OK);
	resign(p, len, sk);
	assert_int_equal(read_all(p, len, key_given, opk, &got, &e), BUNDLE_EBADSIG);
	assert_int_equal(read_all(p, len, key_refused, NULL, &got, &e), BUNDLE_EUNTRUSTED);
	assert_string_equal(e.msg, "t.kzb: origin not trusted");
	free(p);
}

static void
test_versions_and_features(void **state)
{
	struct codec_buf hdr = { 0 };
	struct kz_error e;
	size_t len, got;
	uint8_t *p;

	(void)state;
	hand_header(&hdr, 0, 0);
	p = assemble(1, 0, &hdr, NULL, 0, &len);
	assert_int_equal(read_all(p, len, NULL, NULL, &got, &e), BUNDLE_OK);
	free(p);
	/* A later minor version with a header field and an optional feature of its own. */
	codec_put_str(&hdr, 2, "future-optional");
	codec_put_uint(&hdr, 99, 42);
	p = assemble(1, 7, &hdr, NULL, 0, &len);
	assert_int_equal(read_all(p, len, NULL, NULL, &got, &e), BUNDLE_OK);
	free(p);
	p = assemble(2, 0, &hdr, NULL, 0, &len);
	assert_int_equal(read_all(p, len, NULL, NULL, &got, &e), BUNDLE_EVERSION);
	assert_non_null(strstr(e.msg, "bundle format 2.0 is newer"));
	free(p);
	p = assemble(0, 3, &hdr, NULL, 0, &len);
	assert_int_equal(read_all(p, len, NULL, NULL, &got, &e), BUNDLE_EVERSION);
	assert_non_null(strstr(e.msg, "0.3 is unknown"));
	free(p);
	codec_put_str(&hdr, 1, "teleport");
	p = assemble(1, 1, &hdr, NULL, 0, &len);
	assert_int_equal(read_all(p, len, NULL, NULL, &got, &e), BUNDLE_EFEATURE);
	assert_non_null(strstr(e.msg, "'teleport'"));
	free(p);
	/* The writer writes features too: an optional one is read, a required one refused. */
	{
		struct bundle_header h;
		struct codec_buf *ch;
		static char later[] = "later-thing", travel[] = "time-travel";
		char *opt[] = { later }, *req[] = { travel };

		header_for(&h);
		h.optional = opt;
		h.noptional = 1;
		p = make_bundle(&h, 4, &ch, &len);
		free_changes(ch, 4);
		assert_int_equal(read_all(p, len, NULL, NULL, &got, &e), BUNDLE_OK);
		assert_int_equal(got, 4);
		free(p);
		h.required = req;
		h.nrequired = 1;
		p = make_bundle(&h, 4, &ch, &len);
		free_changes(ch, 4);
		assert_int_equal(read_all(p, len, NULL, NULL, &got, &e), BUNDLE_EFEATURE);
		assert_non_null(strstr(e.msg, "'time-travel'"));
		free(p);
	}
	/* A malformed header, hashed and signed as it is. */
	hdr.len = 0;
	codec_put_bytes(&hdr, 3, "short", 5);
	p = assemble(1, 0, &hdr, NULL, 0, &len);
	assert_int_equal(read_all(p, len, NULL, NULL, &got, &e), BUNDLE_ECORRUPT);
	free(p);
	codec_buf_free(&hdr);
}

static void
test_zip_bombs_and_oversize_header(void **state)
{
	struct codec_buf hdr = { 0 }, raw = { 0 }, one = { 0 };
	struct kz_error e;
	size_t len, got, zn;
	uint8_t *p, *z;

	(void)state;
	/* A tiny file that declares a terabyte: refused before anything is unpacked. */
	z = xmalloc(ZSTD_compressBound(16));
	zn = ZSTD_compress(z, ZSTD_compressBound(16), "0123456789abcdef", 16, 3);
	hand_header(&hdr, 1, (uint64_t)1 << 40);
	p = assemble(1, 0, &hdr, z, zn, &len);
	assert_int_equal(read_all(p, len, NULL, NULL, &got, &e), BUNDLE_EZIPBOMB);
	assert_non_null(strstr(e.msg, "zip bomb"));
	free(p);
	free(z);
	/* One change declared, a hundred megabytes of them inside: stopped as it unpacks. */
	random_change(&one, 1);
	{
		uint8_t l[4] = { 0, 0, (uint8_t)(one.len >> 8), (uint8_t)one.len };

		while (raw.len < (100u << 20)) {
			codec_put_raw(&raw, l, 4);
			codec_put_raw(&raw, one.p, one.len);
		}
	}
	z = xmalloc(ZSTD_compressBound(raw.len));
	zn = ZSTD_compress(z, ZSTD_compressBound(raw.len), raw.p, raw.len, 3);
	assert_false(ZSTD_isError(zn));
	assert_true(zn < raw.len / 100);
	hand_header(&hdr, 1, 4 + one.len);
	p = assemble(1, 0, &hdr, z, zn, &len);
	assert_int_equal(read_all(p, len, NULL, NULL, &got, &e), BUNDLE_EZIPBOMB);
	assert_non_null(strstr(e.msg, "unpacks beyond"));
	free(p);
	/* The same stream declared whole is read whole (and the limit is the ratio's). */
	hand_header(&hdr, raw.len / (4 + one.len), raw.len);
	p = assemble(1, 0, &hdr, z, zn, &len);
	assert_int_equal(read_all(p, len, NULL, NULL, &got, &e),
	    raw.len > zn * BUNDLE_RATIO_MAX + BUNDLE_RATIO_SLACK ? BUNDLE_EZIPBOMB : BUNDLE_OK);
	free(p);
	free(z);
	/* A header of 4 MiB + 1 declared by a file of 24 bytes. */
	{
		uint8_t pre[BUNDLE_PREAMBLE] = { 0 };
		uint32_t hl = BUNDLE_HEADER_MAX + 1;

		memcpy(pre, BUNDLE_MAGIC, 8);
		pre[9] = 1;
		for (int i = 0; i < 4; i++)
			pre[12 + i] = (uint8_t)(hl >> (24 - 8 * i));
		assert_int_equal(read_all(pre, sizeof pre, NULL, NULL, &got, &e), BUNDLE_EHEADER);
		assert_non_null(strstr(e.msg, "header of 4194305 bytes"));
	}
	/* Not a bundle at all. */
	assert_int_equal(read_all((const uint8_t *)"question,text\n", 14, NULL, NULL, &got, &e),
	    BUNDLE_ENOTBUNDLE);
	codec_buf_free(&hdr);
	codec_buf_free(&raw);
	codec_buf_free(&one);
}

static void
test_bad_framing_inside_a_signed_bundle(void **state)
{
	struct codec_buf hdr = { 0 }, raw = { 0 }, one = { 0 };
	struct kz_error e;
	size_t len, got, zn;
	uint8_t *p, z[4096];
	uint8_t l[4];

	(void)state;
	random_change(&one, 1);
	l[0] = l[1] = 0;
	l[2] = (uint8_t)(one.len >> 8);
	l[3] = (uint8_t)one.len;
	codec_put_raw(&raw, l, 4);
	codec_put_raw(&raw, one.p, one.len);
	zn = ZSTD_compress(z, sizeof z, raw.p, raw.len, 3);
	/* Two changes declared, one inside. */
	hand_header(&hdr, 2, raw.len);
	p = assemble(1, 0, &hdr, z, zn, &len);
	assert_int_equal(read_all(p, len, NULL, NULL, &got, &e), BUNDLE_ECORRUPT);
	assert_int_equal(got, 1);
	assert_non_null(strstr(e.msg, "ends after 1 of its 2 changes"));
	free(p);
	/* One declared, but more bytes than it declares: counted as more data. */
	hand_header(&hdr, 0, raw.len);
	p = assemble(1, 0, &hdr, z, zn, &len);
	assert_int_equal(read_all(p, len, NULL, NULL, &got, &e), BUNDLE_ECORRUPT);
	assert_non_null(strstr(e.msg, "more data after its 0 changes"));
	free(p);
	/* The compressed stream cut short (and signed so). */
	hand_header(&hdr, 1, raw.len);
	p = assemble(1, 0, &hdr, z, zn - 3, &len);
	assert_int_equal(read_all(p, len, NULL, NULL, &got, &e), BUNDLE_ECORRUPT);
	free(p);
	/* A change that does not decode. */
	raw.len = 0;
	codec_put_raw(&raw, "\0\0\0\x05\x01zzzz", 9);
	zn = ZSTD_compress(z, sizeof z, raw.p, raw.len, 3);
	hand_header(&hdr, 1, raw.len);
	p = assemble(1, 0, &hdr, z, zn, &len);
	assert_int_equal(read_all(p, len, NULL, NULL, &got, &e), BUNDLE_ECORRUPT);
	assert_non_null(strstr(e.msg, "change 1:"));
	free(p);
	codec_buf_free(&hdr);
	codec_buf_free(&raw);
	codec_buf_free(&one);
}

/*
 * The file changed between the verifying pass and the reading one: the change still
 * decodes (a byte inside a value, stored verbatim by zstd since random bytes do not
 * compress), and the second hash at the end refuses the whole.
 */
static void
test_a_file_changed_between_the_passes(void **state)
{
	struct codec_buf hdr = { 0 }, raw = { 0 }, one = { 0 }, path = { 0 }, big = { 0 };
	struct bundle_reader *r;
	struct rec_change c = { 0 };
	struct kz_error e;
	uint8_t val[200], l[4], *p, *at, *z, *filler = xmalloc(100000);
	size_t len, zn;
	FILE *fp;

	(void)state;
	for (size_t i = 0; i < sizeof val; i++)
		val[i] = (uint8_t)rnd(256);
	/* First a change larger than stdio's buffer, so that the second pass reads anew. */
	for (size_t i = 0; i < 100000; i++)
		filler[i] = (uint8_t)rnd(256);
	codec_put_raw(&big, "\x01", 1);
	codec_put_bytes(&big, 1, "0123456789abcdef", 16);
	codec_put_uint(&big, 2, 1);
	codec_put_uint(&big, 3, 1000);
	codec_put_bytes(&big, 5, "k", 1);
	codec_put_bytes(&path, 1, "\x08", 1);
	codec_put_bytes(&path, 2, filler, 100000);
	codec_put_bytes(&big, 8, path.p, path.len);
	path.len = 0;
	l[0] = 0;
	l[1] = (uint8_t)(big.len >> 16);
	l[2] = (uint8_t)(big.len >> 8);
	l[3] = (uint8_t)big.len;
	codec_put_raw(&raw, l, 4);
	codec_put_raw(&raw, big.p, big.len);
	codec_put_raw(&one, "\x01", 1);
	codec_put_bytes(&one, 1, "0123456789abcdef", 16);
	codec_put_uint(&one, 2, 2);
	codec_put_uint(&one, 3, 1000);
	codec_put_bytes(&one, 5, "k", 1);
	codec_put_bytes(&path, 1, "\x08", 1);
	codec_put_bytes(&path, 2, val, sizeof val);
	codec_put_bytes(&one, 8, path.p, path.len);
	l[0] = l[1] = 0;
	l[2] = (uint8_t)(one.len >> 8);
	l[3] = (uint8_t)one.len;
	codec_put_raw(&raw, l, 4);
	codec_put_raw(&raw, one.p, one.len);
	z = xmalloc(ZSTD_compressBound(raw.len));
	zn = ZSTD_compress(z, ZSTD_compressBound(raw.len), raw.p, raw.len, 3);
	hand_header(&hdr, 2, raw.len);
	p = assemble(1, 0, &hdr, z, zn, &len);
	at = NULL;
	for (uint8_t *q = p + BUNDLE_PREAMBLE + hdr.len; at == NULL && q + 16 <= p + len; q++)
		if (memcmp(q, val + 100, 16) == 0)
			at = q;
	assert_non_null(at);
	fp = file_of(p, len);
	assert_int_equal(bundle_open_file(fp, "t.kzb", NULL, NULL, &r, &e), BUNDLE_OK);
	*at ^= 1;	/* behind the reader's back */
	assert_int_equal(pwrite(fileno(fp), at, 1, (off_t)(at - p)), 1);
	assert_int_equal(bundle_next(r, &c, &e), 1);
	assert_int_equal(bundle_next(r, &c, &e), 1);
	assert_int_equal(c.np, 1);
	assert_int_equal(c.p[0].val[100], val[100] ^ 1);
	assert_int_equal(bundle_next(r, &c, &e), -1);
	assert_int_equal(bundle_failure(r), BUNDLE_ECORRUPT);
	assert_non_null(strstr(e.msg, "changed while it was read"));
	bundle_close(&r);
	rec_change_free(&c);
	fclose(fp);
	free(p);
	codec_buf_free(&hdr);
	codec_buf_free(&raw);
	codec_buf_free(&one);
	codec_buf_free(&path);
	codec_buf_free(&big);
	free(filler);
	free(z);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_random_changes_round_trip),
		cmocka_unit_test(test_whole_log_into_a_fresh_store),
		cmocka_unit_test(test_truncated_at_every_offset),
		cmocka_unit_test(test_a_flipped_bit_in_each_part),
		cmocka_unit_test(test_bad_signature_and_untrusted),
		cmocka_unit_test(test_versions_and_features),
		cmocka_unit_test(test_zip_bombs_and_oversize_header),
		cmocka_unit_test(test_bad_framing_inside_a_signed_bundle),
		cmocka_unit_test(test_a_file_changed_between_the_passes),
	};

	if (sodium_init() < 0)
		return 1;
	crypto_sign_keypair(pk, sk);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
