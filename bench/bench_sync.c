/*
 * make bench: a bundle of a million changes (issue 10, "Benchmark"), through the real
 * binary, beside the bare operations in the same run. A district office (Бәйдібек,
 * BENCH_DISTRICT) holds meetings in its rural okrugs, with questions in Kazakh and Russian
 * naming their real villages (core/sample_text.h, as bench_store makes them; some with a
 * citizen's name and contact, which stay home) and problem issues with a plan step; then:
 *
 *   - `kezdesu export --to up`: changes a second and peak RSS, beside `bundle write-all`
 *     of the same store (the whole log as one bundle: no scope, no peer);
 *   - `kezdesu import` of that bundle into the region's store (verification, then every
 *     change applied in one transaction): changes a second and peak RSS, beside a bare
 *     LMDB bulk load of the same keys in one transaction (liblmdb directly, as bench_store's
 *     anchor: each change's record key and its bytes, and its log key (origin, sequence));
 *   - the same bundle imported again (already applied: it must say so fast);
 *   - the bundle's size beside the text it carries (the UTF-8 bytes of the texts the
 *     records were given) and beside its change stream unpacked.
 *
 * Each measured process is a child forked from this small parent, so that the peak RSS
 * that wait4 reports is its own (bench_store explains why); the disk is synced before each.
 * Peak RSS (VmHWM) counts the store's map pages a process touched as well as its heap:
 * /proc/PID/status is sampled every 10 ms meanwhile, and the peaks of RssAnon (heap, and
 * the dirty pages LMDB keeps in memory for a write transaction) and RssFile (the map, the
 * binary) are printed beside it, to say which one a missed target is made of.
 *
 * Usage: bench_sync DIR KEZDESU_BIN KATO_CSV (bench/run.sh passes them; DIR is scratch,
 * removed at the end unless BENCH_SYNC_KEEP=1). BENCH_QUESTIONS (950,000; the meetings are
 * a 47th of them and the issues 3 in 95, so that the default makes a million records, each
 * one change), BENCH_BATCH (records a write transaction while building, 10,000).
 */
#include <errno.h>
#include <fcntl.h>
#include <lmdb.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/issue.h"
#include "core/kato.h"
#include "core/question.h"
#include "core/sample_text.h"
#include "core/unit.h"
#include "core/visit.h"
#include "store/store.h"
#include "sync/bundle.h"
#include "util/clock.h"
#include "util/xmalloc.h"

/* Issue 10's targets; informational: the bench exits 0 whether they are met or not. */
#define TARGET_EXPORT_RATE 350000.0
#define TARGET_IMPORT_RATE 350000.0
#define TARGET_IMPORT_VS_BARE 3.0
#define TARGET_REIMPORT_S 1.0
#define TARGET_SIZE_RATIO 0.3
#define TARGET_RSS_MIB 64.0

#define TEXT_MIN 60
#define TEXT_MAX 400
#define REGION_UNIT "610000000"

struct config {
	const char *dir, *bin, *kato, *district;
	size_t questions, visits, issues, batch;
	bool keep;
};

struct place {
	char code[10];		/* the okrug */
	char *kk, *ru;		/* a village's name as people say it */
};

struct builder {
	const struct config *cf;
	struct place *places;
	size_t nplaces;
	struct kz_uuid *visit_ids;
	uint32_t *visit_place;
	int64_t *visit_ms;
	uint64_t seed;
	uint64_t text_bytes;	/* UTF-8 bytes of the texts given to the records */
	size_t personal;	/* questions with a citizen's name and contact */
	kz_date first_day;
};

struct batch {
	struct builder *b;
	size_t first, n;
	uint64_t seed, text_bytes;
	size_t personal;
};

/* What the building child hands back; in a shared anonymous mapping. */
struct shared {
	bool built;
	uint64_t text_bytes;
	size_t records, personal, nplaces;
	double build_secs;
	size_t bare_n;
	double bare_secs;
	char error[512];
};

static double
now_secs(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static unsigned
rnd(struct builder *b, unsigned n)
{
	b->seed = b->seed * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned)((b->seed >> 33) % n);
}

static size_t
env_size(const char *name, size_t def)
{
	const char *v = getenv(name);
	char *end;
	unsigned long long n;

	if (v == NULL || *v == '\0')
		return def;
	errno = 0;
	n = strtoull(v, &end, 10);
	if (errno != 0 || *end != '\0')
		fatal("%s=%s: not a number", name, v);
	return (size_t)n;
}

static char *
read_whole(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0, got;

	if (fp == NULL)
		return NULL;
	do {
		buf = xgrow(buf, &cap, n + 65536, 1);
		got = fread(buf + n, 1, cap - n, fp);
		n += got;
	} while (got > 0);
	fclose(fp);
	*len = n;
	return buf;
}

/* Removes DIR's files (one level: stores, bundles) and DIR itself. */
static void
remove_tree(const char *dir)
{
	char *cmd = xasprintf("rm -rf '%s'", dir);

	if (system(cmd) != 0)
		fprintf(stderr, "bench_sync: could not remove %s\n", dir);
	free(cmd);
}

/* ---- running the program ---- */

/* The peaks of a child's resident memory by kind, sampled from /proc/PID/status. */
struct mem_peak {
	double anon_mib;	/* RssAnon: heap, stacks, LMDB's dirty pages of a write */
	double file_mib;	/* RssFile: the store's map pages touched, the binary */
};

static void
sample_status(pid_t pid, struct mem_peak *mp)
{
	char path[64], line[256];
	FILE *fp;

	snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
	if ((fp = fopen(path, "r")) == NULL)
		return;
	while (fgets(line, sizeof line, fp) != NULL) {
		unsigned long kib;

		if (sscanf(line, "RssAnon: %lu", &kib) == 1 && kib / 1024.0 > mp->anon_mib)
			mp->anon_mib = kib / 1024.0;
		else if (sscanf(line, "RssFile: %lu", &kib) == 1 && kib / 1024.0 > mp->file_mib)
			mp->file_mib = kib / 1024.0;
	}
	fclose(fp);
}

/*
 * Waits for pid, sampling its memory every 10 ms: ru_maxrss (VmHWM) is the target's
 * measure; the samples say what it is made of.
 */
static pid_t
wait_watched(pid_t pid, int *st, struct rusage *ru, struct mem_peak *mp)
{
	struct timespec ten = { 0, 10000000 };
	pid_t got;

	memset(mp, 0, sizeof *mp);
	while ((got = wait4(pid, st, WNOHANG, ru)) == 0) {
		sample_status(pid, mp);
		nanosleep(&ten, NULL);
	}
	return got;
}

/*
 * Runs BIN ARGS... with stdout and stderr to log (appended), times it, and gives its peak
 * RSS (wait4). 0, or -1 when it failed.
 */
static int
run_measured(const struct config *cf, const char *const argv[], const char *log, double *secs,
    double *rss_mib, struct mem_peak *mp)
{
	struct mem_peak ignored;
	struct rusage ru;
	double t0;
	pid_t pid;
	int st;

	fflush(stdout);
	sync();
	t0 = now_secs();
	if ((pid = fork()) < 0)
		return -1;
	if (pid == 0) {
		int fd = open(log, O_WRONLY | O_CREAT | O_APPEND, 0600);

		if (fd < 0 || dup2(fd, 1) < 0 || dup2(fd, 2) < 0)
			_exit(127);
		unsetenv("KEZDESU_NOW");
		execv(cf->bin, (char *const *)(uintptr_t)argv);
		_exit(127);
	}
	if (wait_watched(pid, &st, &ru, mp != NULL ? mp : &ignored) != pid)
		return -1;
	*secs = now_secs() - t0;
	if (rss_mib != NULL)
		*rss_mib = (double)ru.ru_maxrss / 1024;
	return WIFEXITED(st) && WEXITSTATUS(st) == 0 ? 0 : -1;
}

static int
run_quiet(const struct config *cf, const char *log, const char *a0, const char *a1,
    const char *a2, const char *a3, const char *a4, const char *a5, const char *a6)
{
	const char *argv[] = { cf->bin, a0, a1, a2, a3, a4, a5, a6, NULL };
	double secs;

	return run_measured(cf, argv, log, &secs, NULL, NULL);
}

/* ---- building the district's store ---- */

static bool
is_target_type(enum unit_type t)
{
	return t == UNIT_RURAL_OKRUG || t == UNIT_VILLAGE || t == UNIT_SETTLEMENT;
}

/* The okrugs of the district and their villages: the real names of its territory. */
static void
collect_places(struct builder *b, const struct kato_table *kt, const char *district)
{
	for (size_t i = 0; i < kt->n; i++) {
		const struct kato_unit *u = &kt->units[i];
		const struct kato_unit *okrug = u;
		struct place *p;

		/* A village names its okrug's meeting; the okrug itself when it has none. */
		if (u->type == UNIT_VILLAGE_LOC || u->type == UNIT_SETTLEMENT_LOC)
			okrug = u->parent[0] ? kato_find(kt, u->parent) : NULL;
		else if (!is_target_type(u->type))
			continue;
		if (okrug == NULL || !is_target_type(okrug->type) ||
		    strcmp(okrug->parent, district) != 0)
			continue;
		b->places = xrealloc(b->places, (b->nplaces + 1) * sizeof *b->places);
		p = &b->places[b->nplaces++];
		memcpy(p->code, okrug->code, 10);
		p->kk = sample_plain_name(u->name_kk);
		p->ru = sample_plain_name(u->name_ru);
	}
}

static char *
question_text(struct builder *b, const struct sample_question *tp, const char *place)
{
	const char *const *more = tp->ru ? sample_more_ru : sample_more_kk;
	size_t want = TEXT_MIN + rnd(b, TEXT_MAX - TEXT_MIN + 1);
	size_t start = rnd(b, SAMPLE_NMORE);
	char *s = sample_fill(tp->text, place);
	size_t n = strlen(s);

	for (size_t k = 0; k < SAMPLE_NMORE && n < want; k++) {
		const char *m = more[(start + k) % SAMPLE_NMORE];
		size_t mn = strlen(m);

		if (n + 1 + mn > TEXT_MAX || (n + 1 + mn > want && n >= TEXT_MIN))
			continue;
		s = xrealloc(s, n + mn + 2);
		s[n++] = ' ';
		memcpy(s + n, m, mn + 1);
		n += mn;
	}
	return s;
}

static size_t
text_len(const char *s)
{
	return s != NULL ? strlen(s) : 0;
}

static int
visits_fn(struct store_txn *t, void *arg)
{
	struct batch *bt = arg;
	struct builder *b = bt->b;
	int rc = 0;

	/* Run again after the map grew: the same records again. */
	b->seed = bt->seed;
	bt->text_bytes = 0;
	for (size_t i = bt->first; i < bt->first + bt->n && rc == 0; i++) {
		uint32_t pi = rnd(b, (unsigned)b->nplaces);
		const struct place *p = &b->places[pi];
		struct visit v;

		visit_init(&v);
		memcpy(v.akim, b->cf->district, 10);
		memcpy(v.target, p->code, 10);
		v.date = b->first_day + (kz_date)((uint64_t)i * 360 / b->cf->visits);
		v.time = xstrdup(rnd(b, 2) ? "10:00" : "15:00");
		v.duration_min = 90;
		v.venue = xasprintf("%s, мәдениет үйі", p->kk);
		v.status = VISIT_HELD;
		v.started_ms = (int64_t)v.date * 86400000 + 5 * 3600000;
		v.report_end_ms = v.started_ms + 20 * 60000;
		v.ended_ms = v.started_ms + 90 * 60000;
		bt->text_bytes += text_len(v.venue);
		rc = visit_add_tx(t, &v);
		b->visit_ids[i] = v.id;
		b->visit_place[i] = pi;
		b->visit_ms[i] = v.report_end_ms;
		visit_free(&v);
	}
	return rc;
}

static int
issues_fn(struct store_txn *t, void *arg)
{
	struct batch *bt = arg;
	struct builder *b = bt->b;
	int rc = 0;

	b->seed = bt->seed;
	bt->text_bytes = 0;
	for (size_t i = bt->first; i < bt->first + bt->n && rc == 0; i++) {
		size_t vi = (size_t)((uint64_t)i * b->cf->visits / b->cf->issues);
		const struct place *p = &b->places[b->visit_place[vi]];
		const struct sample_question *tp = &sample_questions[rnd(b, sample_nquestions)];
		struct issue is;

		issue_init(&is);
		is.title = xasprintf("%s: %s", tp->ru ? p->ru : p->kk, tp->topic);
		is.topic = xstrdup(tp->topic);
		memcpy(is.unit, p->code, 10);
		is.executor = xstrdup(tp->executor);
		is.deadline = b->first_day + 400 + (kz_date)rnd(b, 300);
		is.visit = b->visit_ids[vi];
		issue_add_step(&is, sample_steps[rnd(b, SAMPLE_NSTEPS)], is.executor,
		    b->first_day + 380 + (kz_date)rnd(b, 40));
		bt->text_bytes += text_len(is.title) + text_len(is.executor) +
		    text_len(is.steps[0].text);
		rc = issue_add_tx(t, &is);
		issue_free(&is);
	}
	return rc;
}

static int
questions_fn(struct store_txn *t, void *arg)
{
	struct batch *bt = arg;
	struct builder *b = bt->b;
	int rc = 0;

	b->seed = bt->seed;
	bt->text_bytes = 0;
	bt->personal = 0;
	for (size_t j = bt->first; j < bt->first + bt->n && rc == 0; j++) {
		size_t vi = (size_t)((uint64_t)j * b->cf->visits / b->cf->questions);
		const struct place *p = &b->places[b->visit_place[vi]];
		const struct sample_question *tp = &sample_questions[rnd(b, sample_nquestions)];
		struct question q;

		question_init(&q);
		q.visit = b->visit_ids[vi];
		q.asked_ms = b->visit_ms[vi] + (int64_t)(j % 60) * 60000;
		q.text = question_text(b, tp, tp->ru ? p->ru : p->kk);
		q.topic = xstrdup(tp->topic);
		q.asker = AUD_CITIZEN;
		q.source = QS_MEETING;
		if (rnd(b, 10) == 0) {
			/* A citizen's name and contact: kept by this office, never sent up. */
			q.asker_name = xstrdup(sample_askers[rnd(b, SAMPLE_NASKERS)]);
			q.asker_contact = xasprintf("+7 70%u %03u %04u", rnd(b, 10),
			    rnd(b, 1000), rnd(b, 10000));
			bt->personal++;
		}
		if (rnd(b, 3) == 0) {
			q.answered = true;
			q.answer = xstrdup(tp->ru ? "Вопрос включён в план на следующий год." :
			    "Мәселе аудандық бюджетке енгізілді.");
		}
		/* The text that travels: the name and contact stay home. */
		bt->text_bytes += text_len(q.text) + text_len(q.topic) + text_len(q.answer);
		rc = question_add_tx(t, &q);
		question_free(&q);
	}
	return rc;
}

static int
load_kind(struct builder *b, struct store *s, const char *name, size_t total, store_fn fn,
    struct kz_error *e)
{
	double t0 = now_secs();

	for (size_t first = 0; first < total; first += b->cf->batch) {
		struct batch bt = { .b = b, .first = first, .seed = b->seed };

		bt.n = total - first < b->cf->batch ? total - first : b->cf->batch;
		if (store_write(s, fn, &bt, e) != 0)
			return kz_prefix(e, "%s %zu-%zu: ", name, first, first + bt.n);
		b->text_bytes += bt.text_bytes;
		b->personal += bt.personal;
	}
	printf("  %-9s %8zu in %6.1f s\n", name, total, now_secs() - t0);
	return 0;
}

/* In the building child: the district's records, through core's own *_add_tx. */
static int
build(const struct config *cf, const char *office, struct shared *sh, struct kz_error *e)
{
	struct builder b = { .cf = cf, .seed = 0x9e3779b97f4a7c15u };
	struct kato_table kt = { 0 };
	struct store *s = NULL;
	double t0 = now_secs();
	char *csv;
	size_t len;
	int rc = -1;

	if ((csv = read_whole(cf->kato, &len)) == NULL) {
		kz_fail(e, KZ_EIO, "%s: %s", cf->kato, strerror(errno));
		return -1;
	}
	if (kato_parse(csv, len, cf->kato, &kt, e) != 0)
		goto out;
	collect_places(&b, &kt, cf->district);
	if (b.nplaces == 0) {
		kz_fail(e, KZ_EINVAL, "BENCH_DISTRICT=%s: no okrug under it in %s", cf->district,
		    cf->kato);
		goto out;
	}
	b.first_day = (kz_date)(clock_now_ms() / 86400000) - 368;
	b.visit_ids = xcalloc(cf->visits, sizeof *b.visit_ids);
	b.visit_place = xcalloc(cf->visits, sizeof *b.visit_place);
	b.visit_ms = xcalloc(cf->visits, sizeof *b.visit_ms);
	if (store_open(office, 0, &s, e) != 0 ||
	    load_kind(&b, s, "meetings", cf->visits, visits_fn, e) != 0 ||
	    load_kind(&b, s, "issues", cf->issues, issues_fn, e) != 0 ||
	    load_kind(&b, s, "questions", cf->questions, questions_fn, e) != 0)
		goto out;
	sh->text_bytes = b.text_bytes;
	sh->records = cf->visits + cf->issues + cf->questions;
	sh->personal = b.personal;
	sh->nplaces = b.nplaces;
	sh->build_secs = now_secs() - t0;
	sh->built = true;
	rc = 0;
out:
	store_close(&s);
	for (size_t i = 0; i < b.nplaces; i++) {
		free(b.places[i].kk);
		free(b.places[i].ru);
	}
	free(b.places);
	free(b.visit_ids);
	free(b.visit_place);
	free(b.visit_ms);
	kato_table_free(&kt);
	free(csv);
	return rc;
}

/* ---- the anchor: a bare LMDB bulk load of the same keys ---- */

/* The bundle's changes as a flat file (u32 length, bytes), read outside the timing. */
static int
flatten(const char *bundle, const char *flat, struct kz_error *e)
{
	struct bundle_reader *r = NULL;
	struct rec_change c = { 0 };
	FILE *out = fopen(flat, "wb");
	int rc;

	if (out == NULL)
		return kz_fail(e, KZ_EIO, "%s: %s", flat, strerror(errno));
	if (bundle_open(bundle, NULL, NULL, &r, e) != BUNDLE_OK) {
		fclose(out);
		return -1;
	}
	while ((rc = bundle_next(r, &c, e)) == 1) {
		size_t n;
		const uint8_t *p = bundle_change_bytes(r, &n);
		uint8_t lb[4];

		store_be32(lb, (uint32_t)n);
		if (fwrite(lb, 1, 4, out) != 4 || fwrite(p, 1, n, out) != n) {
			rc = kz_fail(e, KZ_EIO, "%s: %s", flat, strerror(errno));
			break;
		}
	}
	bundle_close(&r);
	rec_change_free(&c);
	if (fclose(out) != 0 && rc == 0)
		rc = kz_fail(e, KZ_EIO, "%s: %s", flat, strerror(errno));
	return rc;
}

static int
bare_put(MDB_txn *txn, MDB_dbi dbi, MDB_val *k, MDB_val *v)
{
	int rc = mdb_put(txn, dbi, k, v, MDB_APPEND);

	return rc == MDB_KEYEXIST ? mdb_put(txn, dbi, k, v, 0) : rc;
}

/*
 * In a child: every change of the flat file into a fresh bare LMDB in one transaction, as
 * import applies a bundle: the record key with the change's bytes, and the log key
 * (origin, sequence) with 40 bytes, an append where the key allows (as the store does).
 */
static int
bare_load(const char *flat, const char *dir, struct shared *sh)
{
	MDB_env *env;
	MDB_txn *txn;
	MDB_dbi dbi;
	struct rec_change c = { 0 };
	struct kz_error e;
	FILE *fp = fopen(flat, "rb");
	uint8_t *buf = NULL, lb[4];
	size_t cap = 0, n = 0;
	double t0;
	int rc;

	mkdir(dir, 0700);
	if (fp == NULL || mdb_env_create(&env) != 0 || mdb_env_set_mapsize(env, 16ULL << 30) != 0 ||
	    mdb_env_set_maxdbs(env, 2) != 0 || mdb_env_open(env, dir, MDB_NORDAHEAD, 0600) != 0)
		return -1;
	t0 = now_secs();
	if ((rc = mdb_txn_begin(env, NULL, 0, &txn)) != 0 ||
	    (rc = mdb_dbi_open(txn, "bare", MDB_CREATE, &dbi)) != 0)
		return -1;
	while (rc == 0 && fread(lb, 1, 4, fp) == 4) {
		size_t len = store_get_be32(lb);
		uint8_t lk[24];
		MDB_val k1, v1, k2, v2;

		buf = xgrow(buf, &cap, len, 1);
		if (fread(buf, 1, len, fp) != len || rec_change_decode(buf, len, &c, &e) != 0) {
			rc = -1;
			break;
		}
		memcpy(lk, c.e.origin, 16);
		store_be64(lk + 16, c.e.seq);
		k1.mv_size = c.e.klen;
		k1.mv_data = (void *)(uintptr_t)c.e.key;
		v1.mv_size = len;
		v1.mv_data = buf;
		k2.mv_size = 24;
		k2.mv_data = lk;
		v2.mv_size = 40;
		v2.mv_data = buf;
		if (bare_put(txn, dbi, &k1, &v1) != 0 || bare_put(txn, dbi, &k2, &v2) != 0)
			rc = -1;
		else
			n++;
	}
	if (rc == 0)
		rc = mdb_txn_commit(txn);
	else
		mdb_txn_abort(txn);
	sh->bare_secs = now_secs() - t0;
	sh->bare_n = n;
	mdb_env_close(env);
	rec_change_free(&c);
	free(buf);
	fclose(fp);
	return rc == 0 ? 0 : -1;
}

/* ---- the run ---- */

static void
row(const char *what, const char *value, const char *anchor, const char *target, bool pass)
{
	printf("  %-36s %-20s %-30s %-12s %s\n", what, value, anchor, target,
	    pass ? "ok" : "MISSED");
}

int
main(int argc, char **argv)
{
	struct config cf = { 0 };
	struct kz_error e = { 0 };
	struct shared *sh;
	struct utsname un;
	char *office, *region, *bundle, *all, *flat, *bare, *log, *oid, *rid;
	struct mem_peak all_m, exp_m, imp_m, re_m, bare_m;
	double all_s = 0, all_rss = 0, exp_s = 0, exp_rss = 0, imp_s = 0, imp_rss = 0;
	double re_s = 0, re_rss = 0, bare_rss = 0;
	struct rusage ru;
	struct stat st;
	struct bundle_reader *br = NULL;
	uint64_t changes = 0, raw = 0, size = 0;
	pid_t pid;
	int status, rc = 0;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc != 4) {
		fprintf(stderr, "usage: bench_sync DIR KEZDESU_BIN KATO_CSV\n");
		return 2;
	}
	cf.dir = argv[1];
	cf.bin = argv[2];
	cf.kato = argv[3];
	cf.district = getenv("BENCH_DISTRICT") ? getenv("BENCH_DISTRICT") : "613600000";
	cf.questions = env_size("BENCH_QUESTIONS", 950000);
	cf.visits = cf.questions / 47 > 0 ? cf.questions / 47 : 1;
	cf.issues = cf.questions * 3 / 95;
	cf.batch = env_size("BENCH_BATCH", 10000);
	cf.keep = getenv("BENCH_SYNC_KEEP") && strcmp(getenv("BENCH_SYNC_KEEP"), "1") == 0;
	if (cf.questions == 0 || cf.batch == 0)
		fatal("BENCH_QUESTIONS and BENCH_BATCH must be above 0");
	unsetenv("KEZDESU_NOW");
	unsetenv("KEZDESU_DB");
	if (access(cf.kato, R_OK) != 0 || access(cf.bin, X_OK) != 0) {
		fprintf(stderr, "bench_sync: %s or %s is missing\n", cf.kato, cf.bin);
		return 1;
	}
	uname(&un);
	printf("bench_sync: %s %s, %ld CPUs; district %s: %zu meetings, %zu issues, %zu "
	    "questions\n", un.sysname, un.release, sysconf(_SC_NPROCESSORS_ONLN), cf.district,
	    cf.visits, cf.issues, cf.questions);
	remove_tree(cf.dir);
	if (mkdir(cf.dir, 0700) != 0)
		fatal("%s: %s", cf.dir, strerror(errno));
	office = xasprintf("%s/district", cf.dir);
	region = xasprintf("%s/region", cf.dir);
	bundle = xasprintf("%s/up.kzb", cf.dir);
	all = xasprintf("%s/all.kzb", cf.dir);
	flat = xasprintf("%s/changes.bin", cf.dir);
	bare = xasprintf("%s/bare", cf.dir);
	log = xasprintf("%s/kezdesu.log", cf.dir);
	oid = xasprintf("%s/district.id", cf.dir);
	rid = xasprintf("%s/region.id", cf.dir);

	/* Two offices that trust each other, made as a user makes them. */
	printf("\n1. the district's store and the region's, peers of each other\n");
	if (run_quiet(&cf, log, "--db", office, "init", "--unit", cf.district, NULL, NULL) != 0 ||
	    run_quiet(&cf, log, "--db", office, "units", "import", cf.kato, NULL, NULL) != 0 ||
	    run_quiet(&cf, log, "--db", region, "init", "--unit", REGION_UNIT, NULL, NULL) != 0 ||
	    run_quiet(&cf, log, "--db", office, "identity", "export", "-o", oid, NULL) != 0 ||
	    run_quiet(&cf, log, "--db", region, "identity", "export", "-o", rid, NULL) != 0 ||
	    run_quiet(&cf, log, "--db", office, "peer", "add", rid, "--yes", NULL) != 0 ||
	    run_quiet(&cf, log, "--db", region, "peer", "add", oid, "--yes", NULL) != 0) {
		fprintf(stderr, "bench_sync: setup failed; see %s\n", log);
		return 1;
	}
	sh = mmap(NULL, sizeof *sh, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (sh == MAP_FAILED)
		fatal("mmap: %s", strerror(errno));
	memset(sh, 0, sizeof *sh);
	if ((pid = fork()) < 0)
		fatal("fork: %s", strerror(errno));
	if (pid == 0) {
		if (build(&cf, office, sh, &e) != 0)
			snprintf(sh->error, sizeof sh->error, "%s", e.msg);
		fflush(stdout);
		_exit(sh->built ? 0 : 1);
	}
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (!sh->built) {
		fprintf(stderr, "bench_sync: building failed: %s\n", sh->error);
		return 1;
	}
	printf("  %zu records in %.1f s (villages and okrugs named: %zu; %zu questions with a "
	    "citizen's name and contact)\n", sh->records, sh->build_secs, sh->nplaces,
	    sh->personal);

	printf("\n2. export --to up, import into the region's store, import again; the bare "
	    "load\n");
	{
		const char *ex[] = { cf.bin, "--db", office, "export", "--to", "up", "-o", bundle,
			NULL };
		const char *im[] = { cf.bin, "--db", region, "import", bundle, NULL };
		const char *wa[] = { cf.bin, "--db", office, "bundle", "write-all", "-o", all,
			NULL };

		/* Export's anchor: the whole log as one bundle, no scope, no peer. */
		if (run_measured(&cf, wa, log, &all_s, &all_rss, &all_m) != 0) {
			fprintf(stderr, "bench_sync: bundle write-all failed; see %s\n", log);
			return 1;
		}
		printf("  bundle write-all (the whole log, units too): %.2f s, peak RSS %.1f MiB "
		    "(anon %.1f, file %.1f)\n", all_s, all_rss, all_m.anon_mib, all_m.file_mib);
		unlink(all);

		if (run_measured(&cf, ex, log, &exp_s, &exp_rss, &exp_m) != 0) {
			fprintf(stderr, "bench_sync: export failed; see %s\n", log);
			return 1;
		}
		if (bundle_open(bundle, NULL, NULL, &br, &e) != BUNDLE_OK) {
			fprintf(stderr, "bench_sync: %s\n", e.msg);
			return 1;
		}
		changes = bundle_header_of(br)->changes;
		raw = bundle_header_of(br)->raw_bytes;
		bundle_close(&br);
		if (stat(bundle, &st) == 0)
			size = (uint64_t)st.st_size;
		printf("  export: %llu changes, %.1f MiB, in %.2f s, peak RSS %.1f MiB (anon %.1f, "
		    "file %.1f)\n", (unsigned long long)changes, (double)size / 1048576, exp_s,
		    exp_rss, exp_m.anon_mib, exp_m.file_mib);
		if (run_measured(&cf, im, log, &imp_s, &imp_rss, &imp_m) != 0) {
			fprintf(stderr, "bench_sync: import failed; see %s\n", log);
			return 1;
		}
		printf("  import: %.2f s, peak RSS %.1f MiB (anon %.1f, file %.1f)\n", imp_s,
		    imp_rss, imp_m.anon_mib, imp_m.file_mib);
		if (run_measured(&cf, im, log, &re_s, &re_rss, &re_m) != 0) {
			fprintf(stderr, "bench_sync: import again failed; see %s\n", log);
			return 1;
		}
		printf("  import again: %.3f s, peak RSS %.1f MiB (anon %.1f, file %.1f)\n", re_s,
		    re_rss, re_m.anon_mib, re_m.file_mib);
	}
	if (flatten(bundle, flat, &e) != 0) {
		fprintf(stderr, "bench_sync: %s\n", e.msg);
		return 1;
	}
	fflush(stdout);
	sync();
	if ((pid = fork()) < 0)
		fatal("fork: %s", strerror(errno));
	if (pid == 0)
		_exit(bare_load(flat, bare, sh) == 0 ? 0 : 1);
	if (wait_watched(pid, &status, &ru, &bare_m) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 0) {
		fprintf(stderr, "bench_sync: the bare load failed\n");
		return 1;
	}
	bare_rss = (double)ru.ru_maxrss / 1024;
	printf("  bare LMDB, the same keys in one transaction: %zu changes in %.2f s, peak RSS "
	    "%.1f MiB (anon %.1f, file %.1f)\n", sh->bare_n, sh->bare_secs, bare_rss,
	    bare_m.anon_mib, bare_m.file_mib);
	{
		char v[64], a[96];
		double er = exp_s > 0 ? (double)changes / exp_s : 0;
		double ir = imp_s > 0 ? (double)changes / imp_s : 0;
		double br_rate = sh->bare_secs > 0 ? (double)sh->bare_n / sh->bare_secs : 0;
		double ratio = sh->bare_secs > 0 ? imp_s / sh->bare_secs : 0;
		double sz = sh->text_bytes > 0 ? (double)size / (double)sh->text_bytes : 0;

		printf("\nsummary (%llu changes; every number measured in this run)\n",
		    (unsigned long long)changes);
		printf("  %-36s %-20s %-30s %-12s\n", "", "measured", "anchor", "target");
		snprintf(v, sizeof v, "%.0f changes/s", er);
		snprintf(a, sizeof a, "write-all %.2f s", all_s);
		row("export --to up", v, a, ">= 350000/s", er >= TARGET_EXPORT_RATE);
		snprintf(v, sizeof v, "%.0f changes/s", ir);
		snprintf(a, sizeof a, "bare load %.0f changes/s", br_rate);
		row("import (verified, one txn)", v, a, ">= 350000/s",
		    ir >= TARGET_IMPORT_RATE);
		snprintf(v, sizeof v, "%.2f x", ratio);
		snprintf(a, sizeof a, "bare load %.2f s", sh->bare_secs);
		row("import time / bare LMDB load", v, a, "<= 3 x", ratio > 0 &&
		    ratio <= TARGET_IMPORT_VS_BARE);
		snprintf(v, sizeof v, "%.3f s", re_s);
		snprintf(a, sizeof a, "first import %.2f s", imp_s);
		row("import of the bundle again", v, a, "< 1 s", re_s < TARGET_REIMPORT_S);
		snprintf(v, sizeof v, "%.3f", sz);
		snprintf(a, sizeof a, "text %.1f MiB; unpacked %.3f", (double)sh->text_bytes /
		    1048576, raw > 0 ? (double)size / (double)raw : 0);
		row("bundle size / text it carries", v, a, "<= 0.3", sz > 0 &&
		    sz <= TARGET_SIZE_RATIO);
		snprintf(v, sizeof v, "%.1f MiB", exp_rss);
		snprintf(a, sizeof a, "write-all %.1f MiB", all_rss);
		row("peak RSS of export", v, a, "< 64 MiB", exp_rss < TARGET_RSS_MIB);
		snprintf(a, sizeof a, "bare load %.1f MiB", bare_rss);
		snprintf(v, sizeof v, "%.1f MiB", imp_rss);
		row("peak RSS of import", v, a, "< 64 MiB", imp_rss < TARGET_RSS_MIB);
		snprintf(v, sizeof v, "%.1f MiB", re_rss);
		row("peak RSS of import again", v, "", "< 64 MiB", re_rss < TARGET_RSS_MIB);
	}
	if (changes < sh->records)
		fprintf(stderr, "bench_sync: the bundle holds %llu changes of %zu records made\n",
		    (unsigned long long)changes, sh->records), rc = 1;
	if (cf.keep) {
		printf("\nkept in %s (BENCH_SYNC_KEEP=1)\n", cf.dir);
	} else {
		remove_tree(cf.dir);
		printf("\n%s removed (BENCH_SYNC_KEEP=1 keeps it)\n", cf.dir);
	}
	munmap(sh, sizeof *sh);
	free(office);
	free(region);
	free(bundle);
	free(all);
	free(flat);
	free(bare);
	free(log);
	free(oid);
	free(rid);
	return rc;
}
