/*
 * Writes the seed corpus of tests/fuzz/fuzz_bundle.c into DIR (`make fuzz-corpus` puts it
 * in tests/fuzz/corpus/bundle/): small valid bundles and one of each kind of bad one,
 * signed by a fixed key so that the files are the same on every run. tests/cli/bundle.sh
 * uses the ones a store cannot make (a newer major version, an unknown required feature,
 * zip bombs) to check `bundle verify`'s exit statuses.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>
#include <zstd.h>

#include "store/codec.h"
#include "sync/bundle.h"
#include "util/xmalloc.h"

static uint8_t pk[32], sk[64];
static unsigned rng = 2026;
static const char *dir;

static unsigned
rnd(unsigned n)
{
	rng = rng * 1103515245u + 12345u;
	return (rng >> 8) % n;
}

/* A change in rec_change_decode's wire form: a question's text and a few random paths. */
static void
change(struct codec_buf *b, uint64_t seq)
{
	static const char text[] = "\x01\x08\x23\x05\xc0\xf3\xfb\xe7\x21";	/* version, tag 4 */
	struct codec_buf path = { 0 };
	uint8_t key[16], v[24];

	for (int i = 0; i < 16; i++)
		key[i] = (uint8_t)rnd(256);
	b->len = 0;
	codec_put_raw(b, "\x01", 1);
	codec_put_bytes(b, 1, "corpus-origin-01", 16);
	codec_put_uint(b, 2, seq);
	codec_put_uint(b, 3, (uint64_t)1796153624820 << 16 | seq);
	codec_put_uint(b, 4, 3 + rnd(3));
	codec_put_bytes(b, 5, key, 16);
	codec_put_bytes(b, 6, "clerk", 5);
	codec_put_bytes(&path, 1, "\x08", 1);
	codec_put_bytes(&path, 2, text + 2, sizeof text - 3);
	codec_put_bytes(b, 8, path.p, path.len);
	for (unsigned p = rnd(3); p > 0; p--) {
		size_t vn = rnd(sizeof v);

		for (size_t i = 0; i < vn; i++)
			v[i] = (uint8_t)rnd(256);
		path.len = 0;
		codec_put_bytes(&path, 1, v, 1 + rnd(2));
		if (rnd(3) != 0)
			codec_put_bytes(&path, 2, v, vn);
		else
			codec_put_uint(&path, 3, seq);
		codec_put_bytes(b, 8, path.p, path.len);
	}
	codec_buf_free(&path);
}

static void
put(const char *name, const uint8_t *p, size_t n)
{
	char path[512];
	FILE *fp;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	if ((fp = fopen(path, "wb")) == NULL || fwrite(p, 1, n, fp) != n || fclose(fp) != 0) {
		perror(path);
		exit(1);
	}
}

static void
header(struct bundle_header *h)
{
	memset(h, 0, sizeof *h);
	memcpy(h->origin, "corpus-origin-01", 16);
	memcpy(h->origin_unit, "613600000", 10);
	memcpy(h->origin_pk, pk, 32);
	memcpy(h->dest_unit, "610000000", 10);
	h->created_ms = 1796153624820;
}

/* A bundle of n changes by the writer, into *len bytes. */
static uint8_t *
written(struct bundle_header *h, size_t n, size_t *len)
{
	struct bundle_writer *w;
	struct codec_buf ch = { 0 };
	struct kz_error e;
	char *p = NULL;
	FILE *fp = open_memstream(&p, len);

	if (bundle_writer_open(&w, fp, "corpus", h, sk, 0, &e) != 0)
		exit(1);
	for (size_t i = 0; i < n; i++) {
		change(&ch, i + 1);
		if (bundle_writer_add(w, ch.p, ch.len, &e) != 0)
			exit(1);
	}
	if (bundle_writer_finish(w, &e) != 0)
		exit(1);
	bundle_writer_free(&w);
	fclose(fp);
	codec_buf_free(&ch);
	return (uint8_t *)p;
}

static void
sign(uint8_t *p, size_t n)
{
	uint8_t msg[8 + BUNDLE_HASH];

	crypto_generichash(p + n - BUNDLE_TRAILER, BUNDLE_HASH, p, n - BUNDLE_TRAILER, NULL, 0);
	memcpy(msg, BUNDLE_MAGIC, 8);
	memcpy(msg + 8, p + n - BUNDLE_TRAILER, BUNDLE_HASH);
	crypto_sign_ed25519_detached(p + n - BUNDLE_SIG, NULL, msg, sizeof msg, sk);
}

/* Preamble (major.minor), header fields, body, then a trailer signed by the corpus key. */
static void
assemble(const char *name, unsigned major, const struct codec_buf *hdr, const void *body,
    size_t blen)
{
	size_t n = BUNDLE_PREAMBLE + hdr->len + blen + BUNDLE_TRAILER;
	uint8_t *p = xcalloc(1, n);

	memcpy(p, BUNDLE_MAGIC, 8);
	p[9] = (uint8_t)major;
	for (int i = 0; i < 4; i++)
		p[12 + i] = (uint8_t)(hdr->len >> (24 - 8 * i));
	for (int i = 0; i < 8; i++)
		p[16 + i] = (uint8_t)((uint64_t)blen >> (56 - 8 * i));
	memcpy(p + BUNDLE_PREAMBLE, hdr->p, hdr->len);
	if (blen > 0)
		memcpy(p + BUNDLE_PREAMBLE + hdr->len, body, blen);
	sign(p, n);
	put(name, p, n);
	free(p);
}

static void
hand_header(struct codec_buf *b, uint64_t changes, uint64_t raw)
{
	b->len = 0;
	codec_put_bytes(b, 3, "corpus-origin-01", 16);
	codec_put_bytes(b, 4, "613600000", 9);
	codec_put_bytes(b, 5, pk, 32);
	codec_put_uint(b, 10, changes);
	codec_put_uint(b, 11, raw);
}

int
main(int argc, char **argv)
{
	static char later[] = "later-thing", travel[] = "time-travel";
	char *opt[] = { later }, *req[] = { travel };
	uint8_t seed[32] = "kezdesu corpus key, not secret.";
	struct bundle_header h;
	struct codec_buf hdr = { 0 }, raw = { 0 }, one = { 0 };
	uint8_t *p, *z, l[4];
	size_t n, zn;

	if (argc != 2 || sodium_init() < 0) {
		fprintf(stderr, "usage: mkcorpus DIR\n");
		return 2;
	}
	dir = argv[1];
	crypto_sign_ed25519_seed_keypair(pk, sk, seed);
	header(&h);
	p = written(&h, 0, &n);
	put("empty.kzb", p, n);
	free(p);
	p = written(&h, 3, &n);
	put("three.kzb", p, n);
	put("truncated.kzb", p, n / 2);
	p[n - 1] ^= 1;
	put("bad-signature.kzb", p, n);
	p[n - 1] ^= 1;
	p[n - BUNDLE_TRAILER - 5] ^= 0x10;
	put("corrupted.kzb", p, n);
	free(p);
	h.optional = opt;
	h.noptional = 1;
	p = written(&h, 2, &n);
	put("optional-feature.kzb", p, n);
	free(p);
	h.required = req;
	h.nrequired = 1;
	p = written(&h, 2, &n);
	put("required-feature.kzb", p, n);
	free(p);
	hand_header(&hdr, 0, 0);
	assemble("major-2.kzb", 2, &hdr, NULL, 0);
	/* A tiny file that declares a terabyte. */
	z = xmalloc(ZSTD_compressBound(1 << 24));
	zn = ZSTD_compress(z, ZSTD_compressBound(16), "0123456789abcdef", 16, 3);
	hand_header(&hdr, 1, (uint64_t)1 << 40);
	assemble("zip-bomb-declared.kzb", 1, &hdr, z, zn);
	/* One change declared, sixteen megabytes of copies of it inside. */
	change(&one, 1);
	l[0] = l[1] = 0;
	l[2] = (uint8_t)(one.len >> 8);
	l[3] = (uint8_t)one.len;
	while (raw.len < (16u << 20)) {
		codec_put_raw(&raw, l, 4);
		codec_put_raw(&raw, one.p, one.len);
	}
	zn = ZSTD_compress(z, ZSTD_compressBound(1 << 24), raw.p, raw.len, 19);
	hand_header(&hdr, 1, 4 + one.len);
	assemble("zip-bomb-inflates.kzb", 1, &hdr, z, zn);
	free(z);
	codec_buf_free(&hdr);
	codec_buf_free(&raw);
	codec_buf_free(&one);
	return 0;
}
