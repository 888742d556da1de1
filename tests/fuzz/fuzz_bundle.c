/*
 * libFuzzer target for the bundle reader (sync/bundle.c), built and run by `make fuzz`
 * (clang -fsanitize=fuzzer,address,undefined; FUZZ_SECONDS bounds the run).
 *
 * Each input is read twice: as it is, with the key its header carries, so that every
 * check before the signature is fuzzed; and with its last 96 bytes replaced by a fresh
 * hash and a signature of the fuzzer's own key, which the key callback trusts, so that
 * the header, the features, the zip-bomb guards, the compressed body, the framing and the
 * decoding of changes are reached too (a mutated byte could never match a BLAKE2b hash).
 * Every change handed out is also described as `bundle show` would (sync/bundle_show.h).
 * The seed corpus is tests/fuzz/corpus/bundle/ (tests/fuzz/mkcorpus.c writes it).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "sync/bundle.h"
#include "sync/bundle_show.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint8_t fuzz_pk[32], fuzz_sk[64];

static int
fuzz_key(void *ctx, const struct bundle_header *h, uint8_t pk[32], struct kz_error *e)
{
	(void)ctx;
	(void)h;
	(void)e;
	memcpy(pk, fuzz_pk, 32);
	return 0;
}

static void
read_one(const uint8_t *p, size_t n, bundle_key_fn key)
{
	struct bundle_reader *r = NULL;
	struct rec_change c = { 0 };
	struct kz_error e;
	FILE *fp;

	if (n == 0 || (fp = fmemopen((void *)p, n, "rb")) == NULL)
		return;
	if (bundle_open_file(fp, "fuzz.kzb", key, NULL, &r, &e) == BUNDLE_OK) {
		while (bundle_next(r, &c, &e) == 1) {
			for (size_t i = 0; i < c.np; i++) {
				struct bundle_path_info pi;
				const struct schema_record *d;
				const struct schema_field *f;
				void *obj;

				(void)bundle_show_path(c.e.kind, c.p[i].path, c.p[i].plen, &pi);
				if (!c.p[i].present)
					continue;
				obj = bundle_show_value(c.e.kind, c.p[i].path, c.p[i].plen, c.p[i].val,
				    c.p[i].vlen, &d, &f);
				bundle_show_free(d, obj);
			}
		}
		bundle_close(&r);
	}
	rec_change_free(&c);
	fclose(fp);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	uint8_t *copy, msg[8 + BUNDLE_HASH];

	if (!ready) {
		uint8_t seed[32] = "kezdesu fuzz key, not a secret.";

		if (sodium_init() < 0)
			abort();
		crypto_sign_ed25519_seed_keypair(fuzz_pk, fuzz_sk, seed);
		ready = 1;
	}
	read_one(data, size, NULL);
	if (size < BUNDLE_TRAILER)
		return 0;
	copy = malloc(size);
	memcpy(copy, data, size);
	crypto_generichash(copy + size - BUNDLE_TRAILER, BUNDLE_HASH, copy, size - BUNDLE_TRAILER,
	    NULL, 0);
	memcpy(msg, BUNDLE_MAGIC, 8);
	memcpy(msg + 8, copy + size - BUNDLE_TRAILER, BUNDLE_HASH);
	crypto_sign_ed25519_detached(copy + size - BUNDLE_SIG, NULL, msg, sizeof msg, fuzz_sk);
	read_one(copy, size, fuzz_key);
	free(copy);
	return 0;
}
