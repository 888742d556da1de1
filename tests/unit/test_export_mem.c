/*
 * sync/export.c's memory (issue 10, "Benchmark": peak RSS under 64 MiB): the walk reads the
 * whole log and its records once, and the map's pages it touched stayed resident, so an
 * export's RSS grew to the store's size (331 MiB for a million changes). The pages are
 * released as the walk goes: after an export of a store of some 30 MiB, the store's mapping
 * holds a fraction of it, and the bundle is whole.
 */
#include "testutil.h"

#include <stdbool.h>
#include <sys/stat.h>

#include "core/demo.h"
#include "core/identity.h"
#include "core/node.h"
#include "core/peer.h"
#include "core/question.h"
#include "core/visit.h"
#include "sync/bundle.h"
#include "sync/export.h"
#include "util/xmalloc.h"

#define NQUESTIONS 24000
#define BATCH 4000

struct fill {
	struct kz_uuid visit;
	size_t first;
};

static int
fill_fn(struct store_txn *t, void *arg)
{
	struct fill *f = arg;
	int rc = 0;

	for (size_t i = f->first; i < f->first + BATCH && rc == 0; i++) {
		struct question q;
		char *text = xmalloc(1201);

		/* Varied text, about 1 KB: the store keeps it whole, zstd packs it. */
		for (size_t k = 0; k < 1200; k++)
			text[k] = (char)('a' + (i * 7 + k * k) % 26);
		text[1200] = '\0';
		question_init(&q);
		q.visit = f->visit;
		q.text = text;
		rc = question_add_tx(t, &q);
		question_free(&q);
	}
	return rc;
}

/* The resident bytes of this process's mapping of path (/proc/self/smaps). */
static size_t
mapped_rss(const char *path)
{
	char *real = realpath(path, NULL), line[4096], perms[8];
	FILE *fp = fopen("/proc/self/smaps", "r");
	unsigned long lo, hi;
	bool in = false;
	size_t kib, total = 0;

	assert_non_null(real);
	assert_non_null(fp);
	while (fgets(line, sizeof line, fp) != NULL) {
		if (sscanf(line, "%lx-%lx %7s", &lo, &hi, perms) == 3) {
			char *slash = strchr(line, '/');
			size_t n = slash != NULL ? strlen(slash) : 0;

			if (n > 0 && slash[n - 1] == '\n')
				slash[n - 1] = '\0';
			in = slash != NULL && strcmp(slash, real) == 0;
		} else if (in && sscanf(line, "Rss: %zu kB", &kib) == 1) {
			total += kib * 1024;
		}
	}
	fclose(fp);
	free(real);
	return total;
}

static void
test_export_releases_the_map_as_it_walks(void **state)
{
	char *dir = test_tmpdir(), *data;
	struct store *s = NULL;
	struct kz_error e = { 0 };
	struct identity id = { .unit = "610000000" };
	struct peer_verdict v;
	struct peer *ps = NULL;
	struct export_opts o = { .full = true };
	struct export_result r;
	struct visit vi;
	struct fill f = { .first = 0 };
	struct bundle_reader *br;
	struct stat st;
	size_t n = 0, rss;
	FILE *fp = tmpfile();

	(void)state;
	assert_int_equal(store_open(dir, STORE_CREATE, &s, &e), 0);
	if (demo_build(s, &e) != 0)
		fail_msg("demo_build: %s", e.msg);
	for (int i = 0; i < 16; i++)
		id.node.b[i] = (uint8_t)(0x41 + i);
	id.node.b[6] = 0x70 | (id.node.b[6] & 0x0f);
	id.node.b[8] = 0x80 | (id.node.b[8] & 0x3f);
	for (int i = 0; i < 32; i++)
		id.key[i] = (uint8_t)(9 + i);
	if (peer_add(s, &id, &v, &e) != 0)
		fail_msg("peer_add: %s", e.msg);
	assert_int_equal(peer_list(s, &ps, &n, &e), 0);
	assert_int_equal(n, 1);
	visit_init(&vi);
	memcpy(vi.akim, "613600000", 10);
	memcpy(vi.target, "613633000", 10);
	vi.date = 20800;
	vi.time = xstrdup("10:00");
	if (visit_add(s, &vi, &e) != 0)
		fail_msg("visit_add: %s", e.msg);
	f.visit = vi.id;
	visit_free(&vi);
	for (f.first = 0; f.first < NQUESTIONS; f.first += BATCH)
		if (store_write(s, fill_fn, &f, &e) != 0)
			fail_msg("questions: %s", e.msg);
	data = xasprintf("%s/data.mdb", dir);
	assert_int_equal(stat(data, &st), 0);
	assert_true(st.st_size > 24 << 20);

	store_release_pages(s);
	if (export_write(s, &ps[0], fp, "up.kzb", &o, &r, &e) != 0)
		fail_msg("export_write: %s", e.msg);
	rss = mapped_rss(data);
	/* Old code: the whole store resident, well over 24 MiB. */
	if (rss * 3 > (size_t)st.st_size)
		fail_msg("after the export %zu bytes of the %lld-byte store are resident", rss,
		    (long long)st.st_size);
	assert_true(r.changes > NQUESTIONS);
	rewind(fp);
	assert_int_equal(bundle_open_file(fp, "up.kzb", NULL, NULL, &br, &e), BUNDLE_OK);
	assert_int_equal(bundle_header_of(br)->changes, r.changes);
	bundle_close(&br);
	fclose(fp);
	peer_list_free(&ps, n);
	free(data);
	store_close(&s);
	test_rmdir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_export_releases_the_map_as_it_walks),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
