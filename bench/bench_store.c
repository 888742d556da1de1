/*
 * make bench: a store of a busy office's size, built through the code paths the program
 * itself uses, and the numbers an office feels: how fast a bulk import goes, what one
 * durable save costs next to the disk's own fdatasync, and how long `kezdesu question list`
 * takes from a cold start. Every number printed is measured in this run.
 *
 * Usage: bench_store STORE_DIR KEZDESU_BIN KATO_CSV (bench/run.sh passes them).
 * The environment sets the sizes (BENCH_VISITS, BENCH_QUESTIONS, BENCH_ISSUES, BENCH_BATCH,
 * BENCH_SAVES, BENCH_RUNS, BENCH_APPLY_BATCH), the office (BENCH_DISTRICT),
 * BENCH_DROP_CACHES=0 to leave the machine's page cache alone, and KEEP=1 to keep the store
 * afterwards.
 *
 * The store is loaded in a child process: the parent stays small, so that the peak RSS
 * that wait4 reports for the listings it forks is theirs, not an inherited high-water mark
 * of a process that touched a gigabyte of map (Linux copies hiwater_rss into a forked mm
 * and records it at exec).
 */
#include <dirent.h>
#include <lmdb.h>
#include <errno.h>
#include <fcntl.h>
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

#include "core/sample_text.h"
#include "core/issue.h"
#include "core/kato.h"
#include "core/node.h"
#include "core/question.h"
#include "core/search.h"
#include "core/text.h"
#include "core/unit.h"
#include "core/view.h"
#include "core/visit.h"
#include "store/store.h"
#include "util/clock.h"
#include "util/xmalloc.h"

#define TEXT_MIN 60
#define TEXT_MAX 400
#define LIST_LIMIT "50"

/* What an office needs; informational: the bench exits 0 whether they are met or not. */
#define TARGET_SYNC_RATIO 2.5	/* LMDB syncs the data, then the meta page */
#define TARGET_LIST_MS 20.0
#define TARGET_RSS_MIB 32.0
#define TARGET_TOTAL_S 600.0
#define TARGET_INDEX_B 100.0	/* the search index, per question */
#define TARGET_STORE_B 600.0	/* the whole store, per question */
#define TARGET_WORD_MS 20.0	/* search of a word */
#define TARGET_LETTER_MS 50.0	/* search of a one-letter prefix */

struct config {
	const char *dir, *bin, *kato;
	const char *district;
	size_t visits, questions, issues, batch, saves, runs;
	size_t apply_batch;	/* changes a transaction when applying them (BENCH_APPLY_BATCH) */
	bool keep, drop_caches;
};

struct kind_stats {
	size_t n, batches, tries;
	double secs;		/* wall time of the whole kind */
	double gen_secs;	/* making the records in memory (the bench's own work) */
	double add_secs;	/* the *_add_tx calls: validation, encoding, B-tree puts */
	double wasted_secs;	/* tries thrown away because the map was full */
};

/* What the loading child hands back; lives in a shared anonymous mapping. */
struct results {
	bool done;
	char district[200];
	size_t units, targets, places;
	double import_secs;
	struct kind_stats visits, issues, questions;
	size_t linked;
	size_t text_min, text_max;
	double text_mean;
	double save_p50, save_p99, sync_p50, sync_p99;
	double save_kib;	/* KiB LMDB writes per durable save (/proc/self/io) */
	double commit_p50, commit_p99;	/* the same I/O done by hand */
	double commit_part[3];	/* its medians: the page writes, fdatasync, the meta write */
	uint64_t map_bytes, file_bytes;
	/* Issue 6: beside a bare LMDB doing the same work, in the same run. */
	double newest_p50_us, newest_p99_us;
	double save2_p50, save2_p99, bare_commit_p50, bare_commit_p99, bare_bulk_rate;
	uint64_t bare_bytes;
	size_t export_n, apply_n, bare_apply_n;
	uint64_t export_bytes;
	double export_secs, apply_secs, apply_rss_mib, bare_apply_secs, bare_apply_rss_mib;
	double all_ms, all_mib;		/* question list of everything */
	char error[600];
};

struct target {			/* a district akim's okrug or village administration */
	char akim[10], code[10];
	char *kk, *ru;		/* its name without the classifier's abbreviations */
	size_t first, n;	/* its villages: places[first .. first + n) */
};

struct place {
	char *kk, *ru;
};

struct visit_ref {		/* what the questions and issues of a visit need from it */
	struct kz_uuid id;
	kz_date date;
	int64_t report_end_ms, ended_ms;
	uint32_t target;
};

struct bench {
	const struct config *cf;
	struct results *r;
	struct store *s;
	struct target *targets;
	size_t ntargets;
	struct place *places;
	size_t nplaces;
	struct visit_ref *visits;
	struct kz_uuid *issue_ids;
	uint8_t *issue_tpl;
	kz_date first_day;
	uint64_t seed;
};

/* One write transaction of records [first, first + n) of a kind. */
struct batch {
	struct bench *b;
	size_t first, n;
	uint64_t seed;		/* the generator at the start: a retry makes the same records */
	int tries;
	double t0, fn_secs, gen_secs, add_secs, wasted_secs;
	size_t tmin, tmax, tsum, linked;
};

/* ---- small helpers ---- */

static double
now_secs(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* xorshift64 with a fixed seed: the same store on every run, so runs compare. */
static unsigned
rnd(struct bench *b, unsigned n)
{
	b->seed ^= b->seed << 13;
	b->seed ^= b->seed >> 7;
	b->seed ^= b->seed << 17;
	return n == 0 ? 0 : (unsigned)(b->seed % n);
}

static size_t
env_size(const char *name, size_t def, size_t min)
{
	const char *v = getenv(name);
	char *end;
	unsigned long long n;

	if (v == NULL || v[0] == '\0')
		return def;
	errno = 0;
	n = strtoull(v, &end, 10);
	if (errno != 0 || *end != '\0' || n < min || n > 100000000ull) {
		fprintf(stderr, "bench_store: %s=%s: a number from %zu to 100000000 is needed\n",
		    name, v, min);
		exit(2);
	}
	return (size_t)n;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* The nearest-rank percentile q (0..1] of n values (sorted in place). */
static double
percentile(double *v, size_t n, double q)
{
	size_t k;

	if (n == 0)
		return 0;
	qsort(v, n, sizeof *v, cmp_double);
	k = (size_t)(q * (double)n + 0.999999);
	return v[k == 0 ? 0 : k - 1];
}

static double
maxof(const double *v, size_t n)
{
	double m = 0;

	for (size_t i = 0; i < n; i++)
		if (v[i] > m)
			m = v[i];
	return m;
}

static char *
read_whole(const char *path, size_t *len, struct kz_error *e)
{
	struct stat st;
	char *buf;
	ssize_t got;
	size_t off = 0;
	int fd = open(path, O_RDONLY);

	if (fd < 0 || fstat(fd, &st) != 0) {
		kz_fail(e, KZ_EIO, "%s: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	buf = xmalloc((size_t)st.st_size + 1);
	while (off < (size_t)st.st_size &&
	    (got = read(fd, buf + off, (size_t)st.st_size - off)) > 0)
		off += (size_t)got;
	close(fd);
	buf[off] = '\0';
	*len = off;
	return buf;
}

/*
 * Bytes this process has handed to write(2) and its kin so far (wchar), or 0 when unknown:
 * what LMDB writes for a commit. (write_bytes, the block layer's count, also charges
 * writeback that other commits left behind, so it says less about one save.)
 */
static uint64_t
proc_write_bytes(void)
{
	FILE *f = fopen("/proc/self/io", "r");
	char line[128];
	unsigned long long v = 0;

	if (f == NULL)
		return 0;
	while (fgets(line, sizeof line, f) != NULL)
		if (sscanf(line, "wchar: %llu", &v) == 1)
			break;
	fclose(f);
	return v;
}

/*
 * Removes a store directory left by an earlier run. Only the files a bench store holds
 * are removed: anything else there means the path is not ours, and we stop.
 */
static int
remove_store(const char *dir, struct kz_error *e)
{
	static const char *const ours[] = { "data.mdb", "lock.mdb", "node.key", "bench-sync.tmp" };
	struct dirent *de;
	DIR *d = opendir(dir);
	int rc = 0;

	if (d == NULL)
		return errno == ENOENT ? 0 : kz_fail(e, KZ_EIO, "%s: %s", dir, strerror(errno));
	while (rc == 0 && (de = readdir(d)) != NULL) {
		bool known = false;
		char *p;

		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		for (size_t i = 0; i < sizeof ours / sizeof ours[0]; i++)
			known |= strcmp(de->d_name, ours[i]) == 0;
		if (!known) {
			rc = kz_fail(e, KZ_EEXIST, "%s holds %s: not a bench store, not removing it",
			    dir, de->d_name);
			break;
		}
		p = xasprintf("%s/%s", dir, de->d_name);
		if (unlink(p) != 0)
			rc = kz_fail(e, KZ_EIO, "%s: %s", p, strerror(errno));
		free(p);
	}
	closedir(d);
	if (rc == 0 && rmdir(dir) != 0)
		rc = kz_fail(e, KZ_EIO, "%s: %s", dir, strerror(errno));
	return rc;
}

/* ---- names from the classifier ---- */

static bool
is_target_type(enum unit_type t)
{
	return t == UNIT_RURAL_OKRUG || t == UNIT_VILLAGE || t == UNIT_SETTLEMENT;
}

static struct target *
find_target(struct bench *b, const char *code)
{
	size_t lo = 0, hi = b->ntargets;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(b->targets[mid].code, code);

		if (c == 0)
			return &b->targets[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* The okrug or village administration whose akim a locality has, or NULL. */
static struct target *
locality_target(struct bench *b, const struct kato_table *kt, const struct kato_unit *u)
{
	for (int depth = 0; u != NULL && depth < 8; depth++) {
		if (unit_type_has_akim(u->type))
			return is_target_type(u->type) ? find_target(b, u->code) : NULL;
		u = u->parent[0] != '\0' ? kato_find(kt, u->parent) : NULL;
	}
	return NULL;
}

/*
 * Every district akim with the okrugs and village administrations under him, and their
 * villages: the whole country, so that names vary as much as real text does.
 */
static void
collect_places(struct bench *b, const struct kato_table *kt)
{
	size_t *fill;

	for (size_t i = 0; i < kt->n; i++) {
		const struct kato_unit *u = &kt->units[i];
		const struct kato_unit *p = u->parent[0] ? kato_find(kt, u->parent) : NULL;
		struct target *tg;

		if (!is_target_type(u->type) || p == NULL || p->type != UNIT_DISTRICT)
			continue;
		b->targets = xrealloc(b->targets, (b->ntargets + 1) * sizeof *b->targets);
		tg = &b->targets[b->ntargets++];
		memset(tg, 0, sizeof *tg);
		memcpy(tg->akim, p->code, 10);
		memcpy(tg->code, u->code, 10);
		tg->kk = sample_plain_name(u->name_kk);
		tg->ru = sample_plain_name(u->name_kk);	/* "Шаянский с.о." is no place name */
	}
	/* Two passes over the localities: count each target's villages, then place them. */
	for (size_t i = 0; i < kt->n; i++) {
		const struct kato_unit *u = &kt->units[i];
		struct target *tg;

		if (u->type != UNIT_VILLAGE_LOC && u->type != UNIT_SETTLEMENT_LOC)
			continue;
		if ((tg = locality_target(b, kt, u)) != NULL) {
			tg->n++;
			b->nplaces++;
		}
	}
	for (size_t i = 0, at = 0; i < b->ntargets; i++) {
		b->targets[i].first = at;
		at += b->targets[i].n;
	}
	b->places = xcalloc(b->nplaces ? b->nplaces : 1, sizeof *b->places);
	fill = xcalloc(b->ntargets ? b->ntargets : 1, sizeof *fill);
	for (size_t i = 0; i < kt->n; i++) {
		const struct kato_unit *u = &kt->units[i];
		const struct target *tg;
		struct place *pl;

		if (u->type != UNIT_VILLAGE_LOC && u->type != UNIT_SETTLEMENT_LOC)
			continue;
		if ((tg = locality_target(b, kt, u)) == NULL)
			continue;
		pl = &b->places[tg->first + fill[tg - b->targets]++];
		pl->kk = sample_plain_name(u->name_kk);
		pl->ru = sample_plain_name(u->name_ru);
	}
	free(fill);
}

/* A village of the target (the target itself when KATO lists none under it). */
static const char *
village(struct bench *b, const struct target *tg, bool ru)
{
	const struct place *p;

	if (tg->n == 0)
		return ru ? tg->ru : tg->kk;
	p = &b->places[tg->first + rnd(b, (unsigned)tg->n)];
	return ru ? p->ru : p->kk;
}

/* A question's text: the template, then sentences of context up to 60-400 bytes. */
static char *
question_text(struct bench *b, const struct sample_question *tp, const char *place, size_t *len)
{
	const char *const *more = tp->ru ? sample_more_ru : sample_more_kk;
	size_t nmore = SAMPLE_NMORE;
	size_t want = TEXT_MIN + rnd(b, TEXT_MAX - TEXT_MIN + 1);
	size_t start = rnd(b, (unsigned)nmore);
	char *s = sample_fill(tp->text, place);
	size_t n = strlen(s);

	for (size_t k = 0; k < nmore && n < want; k++) {
		const char *m = more[(start + k) % nmore];
		size_t mn = strlen(m);

		if (n + 1 + mn > TEXT_MAX || (n + 1 + mn > want && n >= TEXT_MIN))
			continue;
		s = xrealloc(s, n + mn + 2);
		s[n++] = ' ';
		memcpy(s + n, m, mn + 1);
		n += mn;
	}
	*len = n;
	return s;
}

static kz_date
working_day(kz_date d)
{
	while (date_weekday(d) >= 5)
		d++;
	return d;
}

/* ---- bulk load ---- */

static void
batch_begin(struct batch *bt)
{
	bt->t0 = now_secs();
	/* A second call is a retry after the map grew: the first one's work was lost. */
	if (bt->tries++ > 0)
		bt->wasted_secs += bt->fn_secs;
	bt->gen_secs = bt->add_secs = 0;
	bt->tmin = SIZE_MAX;
	bt->tmax = bt->tsum = bt->linked = 0;
	bt->b->seed = bt->seed;
}

static int
batch_end(struct batch *bt, int rc)
{
	bt->fn_secs = now_secs() - bt->t0;
	return rc;
}

static void
make_visit(struct bench *b, size_t i, struct visit *v, struct visit_ref *vr)
{
	const struct target *tg = &b->targets[rnd(b, (unsigned)b->ntargets)];
	bool morning = rnd(b, 2) == 0;
	int64_t start;

	visit_init(v);
	memcpy(v->akim, tg->akim, 10);
	memcpy(v->target, tg->code, 10);
	/* Visits in date order over the year before today, as an office makes them. */
	v->date = working_day(b->first_day +
	    (kz_date)((uint64_t)i * 365 / b->cf->visits));
	v->time = xstrdup(morning ? "10:00" : "15:00");
	v->duration_min = 90 + 30 * (int)rnd(b, 3);
	v->field = true;
	v->venue = xasprintf("%s, мәдениет үйі", tg->kk);
	v->announced_on = v->date - 14 - (int)rnd(b, 3);
	v->channels = xstrdup("print, social, egov");	/* P-3: names of the decree's list */
	v->status = VISIT_HELD;
	/* B-1: a held meeting was broadcast, open to comments (some questions come from it). */
	v->broadcast = xasprintf("https://www.instagram.com/akimat_%s/live", tg->code);
	v->comments = COMMENTS_OPEN;
	/* Local time is UTC+5: 10:00 is 05:00 UTC. */
	start = (int64_t)v->date * 86400000 + (morning ? 5 : 10) * 3600000;
	v->started_ms = start;
	v->report_end_ms = start + (int64_t)v->duration_min * 60000 / 5;
	v->ended_ms = start + (int64_t)v->duration_min * 60000;
	v->attendance = xcalloc(3, sizeof *v->attendance);
	v->nattendance = 3;
	v->attendance[0].category = AUD_CITIZEN;
	v->attendance[0].count = 40 + (int)rnd(b, 120);
	v->attendance[1].category = AUD_DEPUTY;
	v->attendance[1].count = 1 + (int)rnd(b, 3);
	v->attendance[2].category = AUD_PUBLIC_COUNCIL;
	v->attendance[2].count = (int)rnd(b, 4);
	v->published_on = v->date + 3 + (int)rnd(b, 6);
	vr->date = v->date;
	vr->report_end_ms = v->report_end_ms;
	vr->ended_ms = v->ended_ms;
	vr->target = (uint32_t)(tg - b->targets);
}

static int
visits_fn(struct store_txn *t, void *arg)
{
	struct batch *bt = arg;
	struct bench *b = bt->b;
	int rc = 0;

	batch_begin(bt);
	for (size_t i = bt->first; i < bt->first + bt->n && rc == 0; i++) {
		double t0 = now_secs(), t1;
		struct visit v;

		make_visit(b, i, &v, &b->visits[i]);
		t1 = now_secs();
		rc = visit_add_tx(t, &v);
		bt->add_secs += now_secs() - t1;
		bt->gen_secs += t1 - t0;
		b->visits[i].id = v.id;
		visit_free(&v);
	}
	return batch_end(bt, rc);
}

static int
issues_fn(struct store_txn *t, void *arg)
{
	struct batch *bt = arg;
	struct bench *b = bt->b;
	int rc = 0;

	batch_begin(bt);
	for (size_t i = bt->first; i < bt->first + bt->n && rc == 0; i++) {
		double t0 = now_secs(), t1;
		const struct visit_ref *vr = &b->visits[(uint64_t)i * b->cf->visits / b->cf->issues];
		const struct target *tg = &b->targets[vr->target];
		unsigned k = rnd(b, sample_nquestions);
		const struct sample_question *tp = &sample_questions[k];
		struct issue is;

		issue_init(&is);
		is.title = xasprintf("%s: %s", village(b, tg, tp->ru), tp->topic);
		is.topic = xstrdup(tp->topic);
		memcpy(is.unit, tg->code, 10);
		is.level = rnd(b, 6) == 0 ? LEVEL_REGION : LEVEL_OWN;
		is.executor = xstrdup(tp->executor);
		is.deadline = vr->date + 30 + (int)rnd(b, 300);
		is.visit = vr->id;
		is.status = is.level == LEVEL_REGION ? ISSUE_ESCALATED :
		    (int)rnd(b, ISSUE_REJECTED + 1);
		if (rnd(b, 4) == 0) {
			is.needs_session = true;
			is.amount = 1000000 * (1 + (int64_t)rnd(b, 300));
		}
		issue_add_step(&is, sample_steps[rnd(b, SAMPLE_NSTEPS)], is.executor,
		    vr->date + 20 + (int)rnd(b, 40));
		if (is.status == ISSUE_IN_WORK)
			issue_add_progress(&is, "2026-Q3", "Мердігер анықталды, жұмыс басталды.",
			    vr->ended_ms);
		t1 = now_secs();
		rc = issue_add_tx(t, &is);
		bt->add_secs += now_secs() - t1;
		bt->gen_secs += t1 - t0;
		b->issue_ids[i] = is.id;
		b->issue_tpl[i] = (uint8_t)k;
		issue_free(&is);
	}
	return batch_end(bt, rc);
}

/* The first record of a kind spread n_of over n_by parents that belongs to parent p. */
static size_t
first_of(size_t p, size_t n_of, size_t n_by)
{
	return (size_t)(((uint64_t)p * n_of + n_by - 1) / n_by);
}

/*
 * Question k of the nq asked at visit v; linked to the visit's issues when link is set
 * (the saves of part 3 are new questions that no issue knows yet).
 */
static void
make_question(struct bench *b, size_t v, size_t k, size_t nq, bool link, struct question *q,
    struct batch *bt)
{
	const struct config *cf = b->cf;
	const struct visit_ref *vr = &b->visits[v];
	size_t i0 = cf->issues && link ? first_of(v, cf->issues, cf->visits) : 0;
	size_t ni = cf->issues && link ? first_of(v + 1, cf->issues, cf->visits) - i0 : 0;
	const struct sample_question *tp = &sample_questions[rnd(b, sample_nquestions)];
	size_t len;

	question_init(q);
	q->visit = vr->id;
	/* Spread over the meeting after the akim's report. */
	q->asked_ms = vr->report_end_ms +
	    (vr->ended_ms - vr->report_end_ms) * (int64_t)k / (int64_t)(nq + 1);
	/* The question that raised each issue of the meeting, and now and then another. */
	if (ni > 0 && (k < ni || rnd(b, 8) == 0)) {
		size_t ii = i0 + (k < ni ? k : rnd(b, (unsigned)ni));

		q->issue = b->issue_ids[ii];
		tp = &sample_questions[b->issue_tpl[ii]];
		bt->linked++;
	}
	q->text = question_text(b, tp, village(b, &b->targets[vr->target], tp->ru), &len);
	q->topic = xstrdup(tp->topic);
	q->asker = rnd(b, 4) == 0 ? (int)rnd(b, AUD_COUNT) : AUD_CITIZEN;
	switch (rnd(b, 20)) {
	case 0:
	case 1:
		q->source = QS_POOL;
		q->channel = 1 + (int)rnd(b, QC_COUNT - 1);
		q->asker_name = xstrdup(sample_askers[rnd(b, SAMPLE_NASKERS)]);
		q->asker_contact = xasprintf("+7 70%u %03u %04u", rnd(b, 10), rnd(b, 1000),
		    rnd(b, 10000));
		break;
	case 2:
		q->source = QS_BROADCAST;
		break;
	default:
		q->source = QS_MEETING;
	}
	if (rnd(b, 3) == 0) {
		q->answered = true;
		q->answer = xstrdup(tp->ru ? "Вопрос включён в план на следующий год, ответственный "
		    "отдел доложит о сроках." : "Мәселе аудандық бюджетке енгізілді, жұмыс келесі "
		    "жылы басталады.");
	}
	bt->tmin = len < bt->tmin ? len : bt->tmin;
	bt->tmax = len > bt->tmax ? len : bt->tmax;
	bt->tsum += len;
}

static int
questions_fn(struct store_txn *t, void *arg)
{
	struct batch *bt = arg;
	struct bench *b = bt->b;
	int rc = 0;

	batch_begin(bt);
	for (size_t j = bt->first; j < bt->first + bt->n && rc == 0; j++) {
		const struct config *cf = b->cf;
		size_t v = (size_t)((uint64_t)j * cf->visits / cf->questions);
		size_t first = first_of(v, cf->questions, cf->visits);
		size_t nq = first_of(v + 1, cf->questions, cf->visits) - first;
		double t0 = now_secs(), t1;
		struct question q;

		make_question(b, v, j - first, nq, true, &q, bt);
		t1 = now_secs();
		rc = question_add_tx(t, &q);
		bt->add_secs += now_secs() - t1;
		bt->gen_secs += t1 - t0;
		question_free(&q);
	}
	return batch_end(bt, rc);
}

static int
load_kind(struct bench *b, const char *name, size_t total, store_fn fn, struct kind_stats *ks,
    struct kz_error *e)
{
	double t0 = now_secs();
	size_t next_report = total / 10;

	memset(ks, 0, sizeof *ks);
	for (size_t first = 0; first < total; first += b->cf->batch) {
		struct batch bt = { .b = b, .first = first, .seed = b->seed };

		bt.n = total - first < b->cf->batch ? total - first : b->cf->batch;
		if (store_write(b->s, fn, &bt, e) != 0)
			return kz_prefix(e, "%s %zu-%zu: ", name, first, first + bt.n);
		ks->n += bt.n;
		ks->batches++;
		ks->tries += (size_t)bt.tries;
		ks->gen_secs += bt.gen_secs;
		ks->add_secs += bt.add_secs;
		ks->wasted_secs += bt.wasted_secs;
		if (fn == questions_fn) {
			struct results *r = b->r;

			r->text_min = bt.tmin < r->text_min ? bt.tmin : r->text_min;
			r->text_max = bt.tmax > r->text_max ? bt.tmax : r->text_max;
			r->text_mean += (double)bt.tsum;
			r->linked += bt.linked;
		}
		if (ks->n >= next_report && ks->n < total) {
			printf("  %-9s %8zu / %zu  %6.1f s  (map %zu MiB)\n", name, ks->n, total,
			    now_secs() - t0, store_map_size(b->s) >> 20);
			next_report += total / 10;
		}
	}
	ks->secs = now_secs() - t0;
	printf("  %-9s %8zu in %7.2f s = %8.0f records/s; %zu transactions, %zu redone after "
	    "the map grew\n", name, ks->n, ks->secs, ks->secs > 0 ? (double)ks->n / ks->secs : 0,
	    ks->batches, ks->tries - ks->batches);
	printf("            where the time went: making records %.2f s, *_add_tx %.2f s, "
	    "commit+sync+growth %.2f s, lost tries %.2f s\n", ks->gen_secs, ks->add_secs,
	    ks->secs - ks->gen_secs - ks->add_secs - ks->wasted_secs, ks->wasted_secs);
	return 0;
}

/* ---- durable single saves against the disk's own fdatasync ---- */

/*
 * The I/O of one LMDB commit done by hand: npages 4 KiB pages at scattered offsets (the
 * pages a commit reuses lie all over the file), one fdatasync, then the meta page written
 * through an O_DSYNC descriptor, as LMDB does; ms gets the three parts. A pessimistic copy:
 * LMDB writes runs of adjacent pages with one writev, here every page is its own pwrite.
 */
#define COMMIT_SPAN 16384	/* pages of the file the hand-made commits write into: 64 MiB */

static int
commit_by_hand(struct bench *b, int fd, int mfd, const char *block, size_t npages,
    double ms[3])
{
	double t0 = now_secs(), t1, t2;

	for (size_t k = 0; k < npages; k++) {
		off_t off = (off_t)(1 + rnd(b, COMMIT_SPAN - 1)) * 4096;

		if (pwrite(fd, block, 4096, off) != 4096)
			return -1;
	}
	t1 = now_secs();
	if (fdatasync(fd) != 0)
		return -1;
	t2 = now_secs();
	if (pwrite(mfd, block, 120, 32) != 120)
		return -1;
	ms[0] = (t1 - t0) * 1000;
	ms[1] = (t2 - t1) * 1000;
	ms[2] = (now_secs() - t2) * 1000;
	return 0;
}

static int
bench_saves(struct bench *b, struct kz_error *e)
{
	const struct config *cf = b->cf;
	struct results *r = b->r;
	double *save = xcalloc(cf->saves, sizeof *save);
	double *sync = xcalloc(cf->saves, sizeof *sync);
	double *commit = xcalloc(cf->saves, sizeof *commit);
	double *part[3];
	char *path = xasprintf("%s/bench-sync.tmp", cf->dir);
	char *block = xmalloc(1 << 20);
	uint64_t written = 0;
	int fd, mfd = -1, rc = 0;

	for (int k = 0; k < 3; k++)
		part[k] = xcalloc(cf->saves, sizeof *part[k]);
	memset(block, 'k', 1 << 20);
	/*
	 * The file is allocated and on disk before timing, as data.mdb is: each write
	 * overwrites blocks in place and no fdatasync has to commit an allocation.
	 */
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	for (off_t off = 0; fd >= 0 && rc == 0 && off < (off_t)COMMIT_SPAN * 4096; off += 1 << 20)
		if (pwrite(fd, block, 1 << 20, off) != 1 << 20)
			rc = -1;
	if (fd < 0 || rc != 0 || fsync(fd) != 0 || (mfd = open(path, O_WRONLY | O_DSYNC)) < 0) {
		rc = kz_fail(e, KZ_EIO, "%s: %s", path, strerror(errno));
		goto out;
	}
	/* Interleaved, so that all three see the same disk (its cache, other tenants' load). */
	for (size_t i = 0; i < cf->saves && rc == 0; i++) {
		struct batch bt = { .b = b };
		struct question q;
		uint64_t w;
		double t0, parts[3] = { 0 };

		make_question(b, cf->visits - 1, 0, 1, false, &q, &bt);
		q.asked_ms = 0;		/* now: these are the newest questions */
		w = proc_write_bytes();
		t0 = now_secs();
		rc = question_add(b->s, &q, e);
		save[i] = (now_secs() - t0) * 1000;
		w = proc_write_bytes() - w;
		written += w;
		question_free(&q);
		if (rc != 0)
			break;

		t0 = now_secs();
		if (pwrite(fd, block, 4096, 0) != 4096 || fdatasync(fd) != 0)
			rc = kz_fail(e, KZ_EIO, "%s: %s", path, strerror(errno));
		sync[i] = (now_secs() - t0) * 1000;

		t0 = now_secs();
		if (rc == 0 && commit_by_hand(b, fd, mfd, block, w > 4096 ? w / 4096 : 1,
		    parts) != 0)
			rc = kz_fail(e, KZ_EIO, "%s: %s", path, strerror(errno));
		commit[i] = (now_secs() - t0) * 1000;
		for (int k = 0; k < 3; k++)
			part[k][i] = parts[k];
	}
	if (rc != 0)
		goto out;
	r->save_kib = (double)written / 1024 / (double)cf->saves;
	r->save_p50 = percentile(save, cf->saves, 0.5);
	r->save_p99 = percentile(save, cf->saves, 0.99);
	r->sync_p50 = percentile(sync, cf->saves, 0.5);
	r->sync_p99 = percentile(sync, cf->saves, 0.99);
	r->commit_p50 = percentile(commit, cf->saves, 0.5);
	r->commit_p99 = percentile(commit, cf->saves, 0.99);
	printf("  question_add               median %6.2f ms, p99 %6.2f ms, max %6.2f ms "
	    "(LMDB wrote %.1f KiB each)\n", r->save_p50, r->save_p99, maxof(save, cf->saves),
	    r->save_kib);
	printf("  4 KiB pwrite + fdatasync   median %6.2f ms, p99 %6.2f ms, max %6.2f ms\n",
	    r->sync_p50, r->sync_p99, maxof(sync, cf->saves));
	printf("  the save's I/O by hand     median %6.2f ms, p99 %6.2f ms, max %6.2f ms "
	    "(as many scattered pages, fdatasync, O_DSYNC meta)\n", r->commit_p50,
	    r->commit_p99, maxof(commit, cf->saves));
	for (int k = 0; k < 3; k++)
		r->commit_part[k] = percentile(part[k], cf->saves, 0.5);
	printf("    its parts, medians: %.0f pwrites %.2f ms, fdatasync %.2f ms, O_DSYNC meta "
	    "%.2f ms\n", r->save_kib / 4, r->commit_part[0], r->commit_part[1],
	    r->commit_part[2]);
out:
	if (fd >= 0)
		close(fd);
	if (mfd >= 0)
		close(mfd);
	unlink(path);
	free(path);
	free(block);
	free(save);
	free(sync);
	free(commit);
	for (int k = 0; k < 3; k++)
		free(part[k]);
	return rc;
}

/* ---- issue 6: the store beside a bare LMDB doing the same work, in the same run ---- */

/* A bare LMDB environment of one database, as a program with no log or stamps would keep. */
static int
bare_open(const char *dir, MDB_env **env, MDB_dbi *dbi, struct kz_error *e)
{
	MDB_txn *txn;
	int rc;

	mkdir(dir, 0700);
	if ((rc = mdb_env_create(env)) != 0 || (rc = mdb_env_set_mapsize(*env, 8ULL << 30)) != 0 ||
	    (rc = mdb_env_set_maxdbs(*env, 2)) != 0 ||
	    (rc = mdb_env_open(*env, dir, MDB_NORDAHEAD, 0600)) != 0 ||
	    (rc = mdb_txn_begin(*env, NULL, 0, &txn)) != 0)
		return kz_fail(e, KZ_EIO, "bare LMDB %s: %s", dir, mdb_strerror(rc));
	if ((rc = mdb_dbi_open(txn, "q", MDB_CREATE, dbi)) != 0 || (rc = mdb_txn_commit(txn)) != 0)
		return kz_fail(e, KZ_EIO, "bare LMDB %s: %s", dir, mdb_strerror(rc));
	return 0;
}

static void
bare_remove(const char *dir)
{
	char *p = xasprintf("%s/data.mdb", dir);

	unlink(p);
	free(p);
	p = xasprintf("%s/lock.mdb", dir);
	unlink(p);
	free(p);
	rmdir(dir);
}

/* Copies the question records (the record part of each stored state) into a bare LMDB. */
struct bare_copy {
	MDB_env *env;
	MDB_dbi dbi;
	size_t n, batch;
	double put_secs;
	int rc;
};

static int
bare_copy_fn(struct store_txn *t, void *arg)
{
	struct bare_copy *bc = arg;
	struct store_cursor *c;
	MDB_txn *txn = NULL;
	const void *k, *v;
	size_t kn, vn;
	int rc;

	if (store_cursor_open(t, DB_QUESTIONS, &c) != 0)
		return -1;
	for (rc = store_cursor_seek(c, NULL, 0); rc == 0 && bc->rc == 0; rc = store_cursor_next(c)) {
		const uint8_t *p, *end;
		uint64_t rlen = 0;
		MDB_val mk, mv;
		double t0;

		store_cursor_get(c, &k, &kn, &v, &vn);
		p = v;
		end = p + vn;
		if (codec_get_varint(&p, end, &rlen) != 0 || rlen > (uint64_t)(end - p))
			break;
		mk.mv_size = kn;
		mk.mv_data = (void *)(uintptr_t)k;
		mv.mv_size = (size_t)rlen;
		mv.mv_data = (void *)(uintptr_t)p;
		t0 = now_secs();
		if (txn == NULL && (bc->rc = mdb_txn_begin(bc->env, NULL, 0, &txn)) != 0)
			break;
		bc->rc = mdb_put(txn, bc->dbi, &mk, &mv, MDB_APPEND);
		if (bc->rc == 0 && ++bc->n % bc->batch == 0) {
			bc->rc = mdb_txn_commit(txn);
			txn = NULL;
		}
		bc->put_secs += now_secs() - t0;
	}
	if (txn != NULL && bc->rc == 0) {
		double t0 = now_secs();

		bc->rc = mdb_txn_commit(txn);
		bc->put_secs += now_secs() - t0;
	} else if (txn != NULL) {
		mdb_txn_abort(txn);
	}
	store_cursor_close(&c);
	return rc < 0 ? -1 : 0;
}

/* The newest 50 questions of a visit, in process, warm: what the meeting screen reads. */
static int
bench_newest(struct bench *b, struct kz_error *e)
{
	struct results *r = b->r;
	size_t n = 2000;
	double *us = xcalloc(n, sizeof *us);
	size_t *pick = xcalloc(n, sizeof *pick);
	struct view *v;
	int rc = 0;

	for (size_t i = 0; i < n; i++)
		pick[i] = rnd(b, (unsigned)b->cf->visits);
	if (view_open(b->s, &v, e) != 0) {
		free(us);
		free(pick);
		return -1;
	}
	/* A first pass warms the pages; the second is timed. */
	for (int pass = 0; pass < 2 && rc == 0; pass++)
		for (size_t i = 0; i < n && rc == 0; i++) {
			struct rec_cursor cur = { .valid = false };
			struct rec_array a = { 0 };
			double t0 = now_secs();

			rc = view_questions(v, &b->visits[pick[i]].id, &cur, PAGE_LAST, 50, &a, e);
			us[i] = (now_secs() - t0) * 1e6;
			rec_array_free(&question_kind, &a);
		}
	view_close(&v);
	if (rc == 0) {
		r->newest_p50_us = percentile(us, n, 0.5);
		r->newest_p99_us = percentile(us, n, 0.99);
		printf("  newest 50 of a visit, warm, in process: median %.0f us, p99 %.0f us "
		    "(%zu visits)\n", r->newest_p50_us, r->newest_p99_us, n);
	}
	free(us);
	free(pick);
	return rc;
}

/*
 * Durable saves beside one-tree LMDB commits of a record of the same size, interleaved so
 * that both see the same disk; and the store's size beside a bare LMDB of the same records.
 */
static int
bench_bare(struct bench *b, struct kz_error *e)
{
	const struct config *cf = b->cf;
	struct results *r = b->r;
	struct bare_copy bc = { .batch = cf->batch };
	char *dir = xasprintf("%s-bare", cf->dir);
	double *save = xcalloc(cf->saves, sizeof *save);
	double *bare = xcalloc(cf->saves, sizeof *bare);
	struct stat sb;
	char *data;
	int rc;

	bare_remove(dir);
	if ((rc = bare_open(dir, &bc.env, &bc.dbi, e)) != 0)
		goto out;
	if ((rc = store_read(b->s, bare_copy_fn, &bc, e)) != 0 || bc.rc != 0) {
		rc = rc ? rc : kz_fail(e, KZ_EIO, "bare LMDB: %s", mdb_strerror(bc.rc));
		goto out;
	}
	r->bare_bulk_rate = bc.put_secs > 0 ? (double)bc.n / bc.put_secs : 0;
	for (size_t i = 0; i < cf->saves && rc == 0; i++) {
		struct batch bt = { .b = b };
		struct codec_buf enc = { 0 };
		struct question q;
		struct kz_uuid id;
		MDB_txn *txn;
		MDB_val mk, mv;
		double t0;

		make_question(b, cf->visits - 1, 0, 1, false, &q, &bt);
		q.asked_ms = 0;
		t0 = now_secs();
		rc = question_add(b->s, &q, e);
		save[i] = (now_secs() - t0) * 1000;
		/* The same record, as bytes, into the one tree of the bare LMDB. */
		schema_encode(question_kind.desc, &q, &enc);
		uid_new(&id, clock_now_ms());
		mk.mv_size = 16;
		mk.mv_data = id.b;
		mv.mv_size = enc.len;
		mv.mv_data = enc.p;
		t0 = now_secs();
		if (rc == 0 && (mdb_txn_begin(bc.env, NULL, 0, &txn) != 0 ||
		    mdb_put(txn, bc.dbi, &mk, &mv, 0) != 0 || mdb_txn_commit(txn) != 0))
			rc = kz_fail(e, KZ_EIO, "bare LMDB commit failed");
		bare[i] = (now_secs() - t0) * 1000;
		codec_buf_free(&enc);
		question_free(&q);
	}
	if (rc != 0)
		goto out;
	r->save2_p50 = percentile(save, cf->saves, 0.5);
	r->save2_p99 = percentile(save, cf->saves, 0.99);
	r->bare_commit_p50 = percentile(bare, cf->saves, 0.5);
	r->bare_commit_p99 = percentile(bare, cf->saves, 0.99);
	data = xasprintf("%s/data.mdb", dir);
	if (stat(data, &sb) == 0)
		r->bare_bytes = (uint64_t)sb.st_size;
	free(data);
	printf("  bare LMDB, the same %zu question records in one tree: %.0f MiB, bulk put "
	    "%.0f records/s\n", bc.n, (double)r->bare_bytes / 1048576, r->bare_bulk_rate);
	printf("  question_add %.2f ms median (p99 %.2f) beside a one-tree LMDB commit of the "
	    "same record %.2f ms (p99 %.2f): %.2f x\n", r->save2_p50, r->save2_p99,
	    r->bare_commit_p50, r->bare_commit_p99,
	    r->bare_commit_p50 > 0 ? r->save2_p50 / r->bare_commit_p50 : 0);
out:
	if (bc.env != NULL)
		mdb_env_close(bc.env);
	if (!cf->keep)
		bare_remove(dir);
	free(dir);
	free(save);
	free(bare);
	return rc;
}

/* Every change in the store's log, as offices exchange them: a u32 length, then the bytes. */
struct export_args {
	FILE *fp;
	size_t n;
	uint64_t bytes;
};

static int
export_fn(struct store_txn *t, void *arg)
{
	struct export_args *a = arg;
	struct codec_buf ch = { 0 };
	struct store_cursor *c;
	const void *k, *v;
	size_t kn, vn;
	int rc;

	if (store_cursor_open(t, DB_LOG, &c) != 0)
		return -1;
	for (rc = store_cursor_seek(c, NULL, 0); rc == 0; rc = store_cursor_next(c)) {
		struct store_log_entry le;
		uint8_t len[4];

		store_cursor_get(c, &k, &kn, &v, &vn);
		if (store_log_decode(t, k, kn, v, vn, &le) != 0 ||
		    rec_change_export(t, le.origin, le.seq, &ch) != 0) {
			rc = -1;
			break;
		}
		store_be32(len, (uint32_t)ch.len);
		if (fwrite(len, 1, 4, a->fp) != 4 || fwrite(ch.p, 1, ch.len, a->fp) != ch.len) {
			rc = kz_fail(store_txn_error(t), KZ_EIO, "export: %s", strerror(errno));
			break;
		}
		a->n++;
		a->bytes += 4 + ch.len;
	}
	codec_buf_free(&ch);
	store_cursor_close(&c);
	return rc < 0 ? -1 : 0;
}

/* Applies the changes of the export file in batches, to a fresh store or a bare LMDB. */
struct apply_args {
	FILE *fp;
	long batch_start;	/* where this transaction's changes start in the file */
	size_t n_start;
	size_t batch, n;
	uint8_t *buf;
	size_t cap;
	bool eof;
	MDB_env *env;		/* the bare anchor: two puts a change, record and log entry */
	MDB_dbi dbi;
};

static int
read_change(struct apply_args *a, size_t *len)
{
	uint8_t lb[4];

	if (fread(lb, 1, 4, a->fp) != 4) {
		a->eof = true;
		return 1;
	}
	*len = store_get_be32(lb);
	a->buf = xgrow(a->buf, &a->cap, *len, 1);
	return fread(a->buf, 1, *len, a->fp) == *len ? 0 : -1;
}

static int
apply_fn(struct store_txn *t, void *arg)
{
	struct apply_args *a = arg;
	struct rec_change c = { 0 };
	struct kz_error e;
	size_t len;
	int rc = 0;

	/* Run again after the map grew: the same changes again. */
	if (fseek(a->fp, a->batch_start, SEEK_SET) != 0)
		return -1;
	a->n = a->n_start;
	a->eof = false;
	for (size_t i = 0; i < a->batch && rc == 0; i++) {
		if ((rc = read_change(a, &len)) != 0)
			break;
		if (rec_change_decode(a->buf, len, &c, &e) != 0 || rec_apply(t, &c) < 0)
			rc = -1;
		else
			a->n++;
	}
	rec_change_free(&c);
	return rc < 0 ? -1 : 0;
}

static int
bare_put(MDB_txn *txn, MDB_dbi dbi, MDB_val *k, MDB_val *v)
{
	int rc = mdb_put(txn, dbi, k, v, MDB_APPEND);

	return rc == MDB_KEYEXIST ? mdb_put(txn, dbi, k, v, 0) : rc;
}

static int
bare_apply(struct apply_args *a)
{
	MDB_txn *txn;
	struct rec_change c = { 0 };
	struct kz_error e;
	size_t len;
	int rc = 0;

	while (!a->eof && rc == 0) {
		if (mdb_txn_begin(a->env, NULL, 0, &txn) != 0)
			return -1;
		for (size_t i = 0; i < a->batch && rc == 0; i++) {
			uint8_t lk[24];
			MDB_val k1, v1, k2, v2;

			if ((rc = read_change(a, &len)) != 0)
				break;
			if (rec_change_decode(a->buf, len, &c, &e) != 0) {
				rc = -1;
				break;
			}
			/* The record (its change's bytes stand for its value) and the log entry. */
			memcpy(lk, c.e.origin, 16);
			store_be64(lk + 16, c.e.seq);
			k1.mv_size = c.e.klen;
			k1.mv_data = (void *)(uintptr_t)c.e.key;
			v1.mv_size = len;
			v1.mv_data = a->buf;
			k2.mv_size = 24;
			k2.mv_data = lk;
			v2.mv_size = 40;
			v2.mv_data = a->buf;
			/* As the store does: an append where the key allows, else a put. */
			if (bare_put(txn, a->dbi, &k1, &v1) != 0 ||
			    bare_put(txn, a->dbi, &k2, &v2) != 0)
				rc = -1;
			else
				a->n++;
		}
		if (mdb_txn_commit(txn) != 0)
			rc = -1;
	}
	rec_change_free(&c);
	return rc < 0 ? -1 : 0;
}

static int
node_fn(struct store_txn *t, void *arg)
{
	(void)arg;
	return store_meta_put(t, "node", "apply-bench-node", 16);
}

/*
 * Runs in a child forked from the small parent, so that its peak RSS is its own. bare:
 * the anchor. Prints nothing; hands back the count and time through r.
 */
static int
apply_child(const struct config *cf, const char *file, bool bare, struct results *r)
{
	struct apply_args a = { .batch = cf->apply_batch };
	struct kz_error e = { 0 };
	char *dir = xasprintf("%s-%s", cf->dir, bare ? "bare-apply" : "apply");
	struct store *s = NULL;
	double t0;
	int rc = 0;

	bare_remove(dir);
	remove_store(dir, &e);
	if ((a.fp = fopen(file, "rb")) == NULL)
		return -1;
	if (bare)
		rc = bare_open(dir, &a.env, &a.dbi, &e);
	else if ((rc = store_open(dir, STORE_CREATE, &s, &e)) == 0)
		rc = store_write(s, node_fn, NULL, &e);
	t0 = now_secs();
	if (rc == 0 && bare)
		rc = bare_apply(&a);
	while (rc == 0 && !bare && !a.eof) {
		a.batch_start = ftell(a.fp);
		a.n_start = a.n;
		rc = store_write(s, apply_fn, &a, &e);
	}
	if (bare) {
		r->bare_apply_secs = now_secs() - t0;
		r->bare_apply_n = a.n;
	} else {
		r->apply_secs = now_secs() - t0;
		r->apply_n = a.n;
	}
	if (rc != 0)
		snprintf(r->error, sizeof r->error, "apply: %s", e.msg);
	if (a.env != NULL)
		mdb_env_close(a.env);
	store_close(&s);
	fclose(a.fp);
	free(a.buf);
	if (!cf->keep) {
		bare_remove(dir);
		remove_store(dir, &e);
	}
	free(dir);
	return rc;
}

/* Forks fn's child and returns its peak RSS in MiB, or -1. */
static double
fork_measured(const struct config *cf, const char *file, bool bare, struct results *r)
{
	struct rusage ru;
	pid_t pid;
	int st;

	/*
	 * The dirty pages of what ran before are written back first: otherwise the kernel
	 * flushes them in the middle of the measured run, and the two runs, ours and the
	 * anchor's, each pay for the other's writes at random (seen: 157k/s one run, 271k/s
	 * the next).
	 */
	sync();
	fflush(stdout);
	if ((pid = fork()) < 0)
		return -1;
	if (pid == 0)
		_exit(apply_child(cf, file, bare, r) == 0 ? 0 : 1);
	if (wait4(pid, &st, 0, &ru) != pid || !WIFEXITED(st) || WEXITSTATUS(st) != 0)
		return -1;
	return (double)ru.ru_maxrss / 1024;
}

static int
export_child(const struct config *cf, const char *file, struct results *r)
{
	struct export_args a = { 0 };
	struct kz_error e = { 0 };
	struct store *s;
	double t0 = now_secs();
	int rc;

	if ((a.fp = fopen(file, "wb")) == NULL)
		return -1;
	if ((rc = store_open(cf->dir, STORE_RDONLY, &s, &e)) == 0) {
		rc = store_read(s, export_fn, &a, &e);
		store_close(&s);
	}
	if (fclose(a.fp) != 0)
		rc = -1;
	r->export_n = a.n;
	r->export_bytes = a.bytes;
	r->export_secs = now_secs() - t0;
	if (rc != 0)
		snprintf(r->error, sizeof r->error, "export: %s", e.msg);
	return rc;
}

/* Exports every change of the loaded store, then applies them to a fresh one and to a bare LMDB. */
static int
bench_apply(const struct config *cf, struct results *r)
{
	char *file = xasprintf("%s-changes.bin", cf->dir);
	pid_t pid;
	int st, rc = -1;

	printf("\n5. every change of the store exported as offices exchange them, then applied "
	    "to a fresh store, %zu a transaction\n", cf->apply_batch);
	fflush(stdout);
	if ((pid = fork()) < 0)
		goto out;
	if (pid == 0)
		_exit(export_child(cf, file, r) == 0 ? 0 : 1);
	if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st) || WEXITSTATUS(st) != 0)
		goto out;
	printf("  exported %zu changes, %.0f MiB, in %.1f s\n", r->export_n,
	    (double)r->export_bytes / 1048576, r->export_secs);
	if ((r->apply_rss_mib = fork_measured(cf, file, false, r)) < 0)
		goto out;
	printf("  applied %zu in %.1f s = %.0f changes/s, peak RSS %.1f MiB\n", r->apply_n,
	    r->apply_secs, r->apply_secs > 0 ? (double)r->apply_n / r->apply_secs : 0,
	    r->apply_rss_mib);
	if ((r->bare_apply_rss_mib = fork_measured(cf, file, true, r)) < 0)
		goto out;
	printf("  bare LMDB, the same changes as two puts each: %.1f s = %.0f changes/s, peak "
	    "RSS %.1f MiB\n", r->bare_apply_secs, r->bare_apply_secs > 0 ?
	    (double)r->bare_apply_n / r->bare_apply_secs : 0, r->bare_apply_rss_mib);
	rc = 0;
out:
	if (!cf->keep)
		unlink(file);
	free(file);
	return rc;
}

/* ---- the loading child ---- */

static int
load(const struct config *cf, struct results *r, struct kz_error *e)
{
	struct bench b = { .cf = cf, .r = r, .seed = 0x9e3779b97f4a7c15u };
	struct kato_table kt = { 0 };
	struct unit_import_stats st;
	const struct kato_unit *d;
	struct stat sb;
	char *csv = NULL, *data;
	size_t len;
	double t0;
	int rc = -1;

	printf("\n1. setup: store %s, classifier %s\n", cf->dir, cf->kato);
	if (remove_store(cf->dir, e) != 0 || (csv = read_whole(cf->kato, &len, e)) == NULL)
		goto out;
	t0 = now_secs();
	if (kato_parse(csv, len, cf->kato, &kt, e) != 0)
		goto out;
	if ((d = kato_find(&kt, cf->district)) == NULL || d->type != UNIT_DISTRICT) {
		kz_fail(e, KZ_EINVAL, "BENCH_DISTRICT=%s: no such district in %s", cf->district,
		    cf->kato);
		goto out;
	}
	snprintf(r->district, sizeof r->district, "%s %s", d->code, d->name_kk);
	if (store_create_dir(cf->dir, NULL, e) != 0 ||
	    store_open(cf->dir, STORE_CREATE, &b.s, e) != 0 ||
	    /*
	     * The meetings are spread over the okrugs of every district of the country (the
	     * names stay varied), so the store is the Government's: an office may record
	     * meetings of its own territory only (core/territory.h).
	     */
	    node_init(b.s, "000000000", e) != 0 ||
	    unit_import(b.s, &kt, "2026-07-17", false, &st, e) != 0)
		goto out;
	r->import_secs = now_secs() - t0;
	r->units = st.added;
	collect_places(&b, &kt);
	r->targets = b.ntargets;
	r->places = b.nplaces;
	printf("  office %s; %zu units parsed and imported in %.2f s; %zu okrugs and village "
	    "administrations of district akims, %zu villages under them\n", r->district,
	    r->units, r->import_secs, b.ntargets, b.nplaces);
	if (b.ntargets == 0) {
		kz_fail(e, KZ_EINVAL, "%s: no okrug under any district", cf->kato);
		goto out;
	}

	b.first_day = (kz_date)(clock_now_ms() / 86400000) - 368;
	b.visits = xcalloc(cf->visits, sizeof *b.visits);
	b.issue_ids = xcalloc(cf->issues ? cf->issues : 1, sizeof *b.issue_ids);
	b.issue_tpl = xcalloc(cf->issues ? cf->issues : 1, 1);
	r->text_min = SIZE_MAX;
	printf("\n2. bulk load, %zu records a write transaction\n", cf->batch);
	if (load_kind(&b, "visits", cf->visits, visits_fn, &r->visits, e) != 0 ||
	    load_kind(&b, "issues", cf->issues, issues_fn, &r->issues, e) != 0 ||
	    load_kind(&b, "questions", cf->questions, questions_fn, &r->questions, e) != 0)
		goto out;
	if (cf->questions > 0)
		r->text_mean /= (double)cf->questions;
	else
		r->text_min = 0;
	printf("  question text %zu-%zu bytes, mean %.0f; %zu questions linked to an issue\n",
	    r->text_min, r->text_max, r->text_mean, r->linked);

	printf("\n3. durable single saves into the loaded store, %zu each\n", cf->saves);
	if (bench_saves(&b, e) != 0)
		goto out;
	printf("\n3b. beside a bare LMDB; the meeting screen's read\n");
	if (bench_bare(&b, e) != 0 || bench_newest(&b, e) != 0)
		goto out;
	r->map_bytes = store_map_size(b.s);
	store_close(&b.s);
	data = xasprintf("%s/data.mdb", cf->dir);
	if (stat(data, &sb) == 0)
		r->file_bytes = (uint64_t)sb.st_size;
	free(data);
	r->done = true;
	rc = 0;
out:
	store_close(&b.s);
	for (size_t i = 0; i < b.ntargets; i++) {
		free(b.targets[i].kk);
		free(b.targets[i].ru);
	}
	for (size_t i = 0; i < b.nplaces; i++) {
		free(b.places[i].kk);
		free(b.places[i].ru);
	}
	free(b.targets);
	free(b.places);
	free(b.visits);
	free(b.issue_ids);
	free(b.issue_tpl);
	kato_table_free(&kt);
	free(csv);
	return rc;
}

/* ---- cold start of the listing ---- */

struct listing {
	const char *name;
	bool readahead;		/* KEZDESU_READAHEAD=1 */
	bool cold;		/* the store's pages dropped before each run */
	bool drop_all;		/* and the whole page cache (drop_caches) */
	bool floor;		/* kezdesu --version instead of the listing */
	double *ms, *mib, *read_kib;
	size_t n;
	double p50, p99, rss_max, read_p50;
};

/* Pages of path in the page cache, in KiB (mincore on a mapping that is never touched). */
static double
resident_kib(const char *path)
{
	long pg = sysconf(_SC_PAGESIZE);
	struct stat st;
	unsigned char *vec;
	size_t npages, n = 0;
	void *p;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return -1;
	if (fstat(fd, &st) != 0 || st.st_size == 0) {
		close(fd);
		return -1;
	}
	p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_SHARED, fd, 0);
	close(fd);
	if (p == MAP_FAILED)
		return -1;
	npages = ((size_t)st.st_size + (size_t)pg - 1) / (size_t)pg;
	vec = xmalloc(npages);
	if (mincore(p, (size_t)st.st_size, vec) == 0)
		for (size_t i = 0; i < npages; i++)
			n += vec[i] & 1;
	free(vec);
	munmap(p, (size_t)st.st_size);
	return (double)n * (double)pg / 1024;
}

static int
drop_file(const char *dir, const char *name, struct kz_error *e)
{
	char *path = xasprintf("%s/%s", dir, name);
	int fd = open(path, O_RDONLY), rc = 0, err;

	/* Written back first: DONTNEED leaves dirty pages in the cache. */
	if (fd < 0 || fdatasync(fd) != 0)
		rc = kz_fail(e, KZ_EIO, "%s: %s", path, strerror(errno));
	else if ((err = posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED)) != 0)
		rc = kz_fail(e, KZ_EIO, "%s: posix_fadvise: %s", path, strerror(err));
	if (fd >= 0)
		close(fd);
	free(path);
	return rc;
}

/* Writes 1 to drop_caches (the whole page cache, binary and libraries too): 0 or errno. */
static int
drop_all_caches(void)
{
	int fd, err = 0;

	sync();
	if ((fd = open("/proc/sys/vm/drop_caches", O_WRONLY)) < 0)
		return errno;
	if (write(fd, "1", 1) != 1)
		err = errno;
	close(fd);
	return err;
}

/*
 * Runs argv with stdout to out_fd and returns its wall time from before fork to after
 * wait4, and its peak RSS. -1 when it could not run or did not exit 0.
 */
static int
run_timed(const char *const argv[], bool readahead, int out_fd, double *ms, double *mib,
    struct kz_error *e)
{
	struct rusage ru;
	double t0 = now_secs();
	pid_t pid;
	int status;

	if ((pid = fork()) < 0)
		return kz_fail(e, KZ_EIO, "fork: %s", strerror(errno));
	if (pid == 0) {
		if (readahead)
			setenv("KEZDESU_READAHEAD", "1", 1);
		else
			unsetenv("KEZDESU_READAHEAD");
		if (dup2(out_fd, STDOUT_FILENO) < 0)
			_exit(126);
		/* execv's argv is char *const[] for old reasons: it does not write them. */
		execv(argv[0], (char *const *)argv);
		_exit(127);
	}
	while (wait4(pid, &status, 0, &ru) < 0)
		if (errno != EINTR)
			return kz_fail(e, KZ_EIO, "wait4: %s", strerror(errno));
	*ms = (now_secs() - t0) * 1000;
	*mib = (double)ru.ru_maxrss / 1024;	/* KiB on Linux */
	if (WIFSIGNALED(status))
		return kz_fail(e, KZ_EIO, "%s: killed by signal %d", argv[0], WTERMSIG(status));
	if (WEXITSTATUS(status) != 0)
		return kz_fail(e, KZ_EIO, "%s: exit status %d", argv[0], WEXITSTATUS(status));
	return 0;
}

/* Lines the listing prints: that it lists what we think it does. */
static int
count_lines(const char *const argv[], size_t *lines, struct kz_error *e)
{
	char path[] = "/tmp/bench-list-XXXXXX";
	char buf[8192];
	double ms, mib;
	ssize_t got;
	int fd = mkstemp(path), rc;

	if (fd < 0)
		return kz_fail(e, KZ_EIO, "mkstemp: %s", strerror(errno));
	unlink(path);
	rc = run_timed(argv, false, fd, &ms, &mib, e);
	*lines = 0;
	lseek(fd, 0, SEEK_SET);
	while ((got = read(fd, buf, sizeof buf)) > 0)
		for (ssize_t i = 0; i < got; i++)
			*lines += buf[i] == '\n';
	close(fd);
	return rc;
}

static void
listing_stats(struct listing *l)
{
	l->rss_max = maxof(l->mib, l->n);
	l->p50 = percentile(l->ms, l->n, 0.5);
	l->p99 = percentile(l->ms, l->n, 0.99);
	l->read_p50 = l->cold ? percentile(l->read_kib, l->n, 0.5) : 0;
}

/*
 * The modes, in the order of the table: the process floor (the same binary doing nothing
 * with the store: on a VM, fork+exec alone is a good part of the budget), warm, then cold
 * with MDB_NORDAHEAD (the default) and with read-ahead, after dropping the store's pages
 * and, when drop_caches may be written, after dropping the whole page cache too.
 */
static int
bench_listing(const struct config *cf, struct listing *ls, size_t *nls, char *note,
    size_t notesz, struct kz_error *e)
{
	const char *list_argv[] = { cf->bin, "--db", cf->dir, "question", "list", "--limit",
		LIST_LIMIT, NULL };
	const char *version_argv[] = { cf->bin, "--version", NULL };
	char *data = xasprintf("%s/data.mdb", cf->dir);
	size_t lines = 0;
	int devnull = open("/dev/null", O_WRONLY), err, rc = 0;

	if (devnull < 0)
		return kz_fail(e, KZ_EIO, "/dev/null: %s", strerror(errno));
	err = cf->drop_caches ? drop_all_caches() : -1;
	if (err == 0)
		snprintf(note, notesz, "drop_caches: allowed; written before each \"cold all\" run");
	else if (err < 0)
		snprintf(note, notesz, "drop_caches: not tried (BENCH_DROP_CACHES=0)");
	else
		snprintf(note, notesz, "drop_caches: not possible (%s%s); only the store's pages "
		    "were dropped", strerror(err), geteuid() != 0 ? ", not root" : "");
	printf("  %s\n", note);

	*nls = 0;
	ls[(*nls)++] = (struct listing){ .name = "kezdesu --version (floor)", .floor = true };
	ls[(*nls)++] = (struct listing){ .name = "warm" };
	ls[(*nls)++] = (struct listing){ .name = "cold store, NORDAHEAD", .cold = true };
	ls[(*nls)++] = (struct listing){ .name = "cold store, READAHEAD=1", .cold = true,
	    .readahead = true };
	if (err == 0) {
		ls[(*nls)++] = (struct listing){ .name = "cold all, NORDAHEAD",
		    .cold = true, .drop_all = true };
		ls[(*nls)++] = (struct listing){ .name = "cold all, READAHEAD=1", .cold = true,
		    .drop_all = true, .readahead = true };
	}
	for (size_t i = 0; i < *nls; i++) {
		ls[i].ms = xcalloc(cf->runs, sizeof *ls[i].ms);
		ls[i].mib = xcalloc(cf->runs, sizeof *ls[i].mib);
		ls[i].read_kib = xcalloc(cf->runs, sizeof *ls[i].read_kib);
	}

	if ((rc = count_lines(list_argv, &lines, e)) == 0)
		printf("  %s --db %s question list --limit %s: %zu lines of output\n", cf->bin,
		    cf->dir, LIST_LIMIT, lines);
	/* Warm ones first: their pages stay cached from the run before. */
	for (size_t i = 0; i < *nls && rc == 0; i++)
		for (size_t r = 0; r < cf->runs && rc == 0 && !ls[i].cold; r++, ls[i].n++)
			rc = run_timed(ls[i].floor ? version_argv : list_argv, false, devnull,
			    &ls[i].ms[r], &ls[i].mib[r], e);
	/* Cold: the modes take turns, so that a drift of the disk hits them alike. */
	for (size_t r = 0; r < cf->runs && rc == 0; r++) {
		for (size_t i = 0; i < *nls && rc == 0; i++) {
			struct listing *l = &ls[i];

			if (!l->cold)
				continue;
			if ((rc = drop_file(cf->dir, "data.mdb", e)) != 0 ||
			    (rc = drop_file(cf->dir, "lock.mdb", e)) != 0)
				break;
			if (l->drop_all && (err = drop_all_caches()) != 0) {
				rc = kz_fail(e, KZ_EIO, "drop_caches: %s", strerror(err));
				break;
			}
			if (r == 0 && resident_kib(data) > 64)
				printf("  note: %.0f KiB of data.mdb still cached after the drop\n",
				    resident_kib(data));
			rc = run_timed(list_argv, l->readahead, devnull, &l->ms[r], &l->mib[r], e);
			l->read_kib[r] = resident_kib(data);
			l->n++;
		}
	}
	for (size_t i = 0; i < *nls; i++)
		listing_stats(&ls[i]);
	close(devnull);
	free(data);
	return rc;
}

/* ---- search, beside SQLite FTS5 on the same texts ---- */

#define SEARCH_QUERIES 6

struct squery {
	const char *name;
	char q[256];
	double p50, p99;
	size_t hits;
	double fts_p50, fts_p99;
	size_t fts_hits;
	bool fts;
};

struct search_bench {
	double catch_up_secs;
	uint64_t index_bytes, file_bytes;
	double fts_load_secs;
	uint64_t fts_bytes;
	size_t fts_rows, rows;
	double after_save_p50, after_save_p99;
	char fts_version[32];
	bool fts;
	struct squery q[SEARCH_QUERIES];
};

/* One line of the texts file: the shown text, a tab, the other searched fields. */
static void
put_field(FILE *f, const char *s)
{
	for (; s != NULL && *s; s++)
		fputc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s, f);
}

#define RARE_CANDIDATES 40

struct dump {
	FILE *f;
	size_t rows;
	/* Village names (the word before «ауылында») from the middle on, for a rare word. */
	char rare[RARE_CANDIDATES][128];
	size_t nrare;
	size_t rare_from;	/* the row from which to take them */
};

static int
rare_word(void *arg, const char *w, size_t n)
{
	char *prev = arg;

	if (strcmp(w, "ауылында") == 0 && prev[0] != '\0')
		return 1;
	snprintf(prev, 128, "%.*s", (int)n, w);
	return 0;
}

/* One question or issue of the log as a line of the texts file. */
static int
dump_entry(struct store_txn *t, const struct store_log_entry *le, void *arg)
{
	struct dump *d = arg;
	const void *val;
	size_t len;
	int rc;

	if (le->kind != DB_QUESTIONS && le->kind != DB_ISSUES)
		return 0;
	if ((rc = store_get(t, le->kind, le->key, le->klen, &val, &len)) != 0)
		return rc < 0 ? -1 : 0;
	if (le->kind == DB_QUESTIONS) {
		struct question q;

		if (rec_decode(t, &question_kind, val, len, &q) != 0)
			return -1;
		put_field(d->f, q.text);
		fputc('\t', d->f);
		put_field(d->f, q.topic);
		if (d->rows >= d->rare_from && d->nrare < RARE_CANDIDATES) {
			char prev[128] = "";

			if (text_words(q.text, strlen(q.text), rare_word, prev))
				snprintf(d->rare[d->nrare++], sizeof d->rare[0], "%s", prev);
		}
		question_free(&q);
	} else {
		struct issue is;

		if (rec_decode(t, &issue_kind, val, len, &is) != 0)
			return -1;
		put_field(d->f, is.title);
		fputc('\t', d->f);
		put_field(d->f, is.topic);
		fputc(' ', d->f);
		put_field(d->f, is.executor);
		issue_free(&is);
	}
	fputc('\n', d->f);
	d->rows++;
	return 0;
}

/*
 * The questions and issues in the order of this office's log, which is the order the index
 * numbers them, so that FTS5's rowid order is the same "newest first".
 */
static int
dump_fn(struct store_txn *t, void *arg)
{
	uint8_t node[16];

	if (store_node(t, node) != 0)
		return -1;
	return store_log_walk(t, node, 1, dump_entry, arg);
}

static int
index_bytes_fn(struct store_txn *t, void *arg)
{
	*(uint64_t *)arg = store_db_bytes(t, DB_SEARCH_WORDS) + store_db_bytes(t, DB_SEARCH_DOCS) +
	    store_db_bytes(t, DB_SEARCH_MOVED);
	return 0;
}

/* Runs bench/fts5.py on the texts and reads its numbers. */
static void
bench_fts5(const struct config *cf, struct search_bench *sb, const char *texts)
{
	const char *script = getenv("BENCH_FTS5") ? getenv("BENCH_FTS5") : "bench/fts5.py";
	char *db = xasprintf("%s-fts5.db", cf->dir), *cmd, *more, line[512], name[64];
	double a, b2;
	unsigned long long bytes;
	size_t rows, hits;
	FILE *p;

	cmd = xasprintf("python3 '%s' '%s' '%s' %zu 50", script, texts, db, cf->runs);
	for (size_t i = 0; i < SEARCH_QUERIES; i++) {
		more = xasprintf("%s '%s=%s'", cmd, sb->q[i].name, sb->q[i].q);
		free(cmd);
		cmd = more;
	}
	if ((p = popen(cmd, "r")) == NULL) {
		printf("  FTS5: cannot run python3: %s\n", strerror(errno));
		goto out;
	}
	while (fgets(line, sizeof line, p) != NULL) {
		if (sscanf(line, "load %lf %llu %zu %31s", &a, &bytes, &rows, sb->fts_version) == 4) {
			sb->fts = true;
			sb->fts_load_secs = a;
			sb->fts_bytes = bytes;
			sb->fts_rows = rows;
		} else if (sscanf(line, "query %63s %lf %lf %zu", name, &a, &b2, &hits) == 4) {
			for (size_t i = 0; i < SEARCH_QUERIES; i++)
				if (strcmp(name, sb->q[i].name) == 0) {
					sb->q[i].fts = true;
					sb->q[i].fts_p50 = a;
					sb->q[i].fts_p99 = b2;
					sb->q[i].fts_hits = hits;
				}
		}
	}
	if (pclose(p) != 0)
		printf("  FTS5: %s did not finish cleanly\n", script);
out:
	unlink(db);
	free(db);
	free(cmd);
}

/*
 * The index catching up with the whole store at once (what the first search after an
 * upgrade does), its size, and queries warm in this process, newest 50 with their texts,
 * each beside FTS5 doing the same.
 */
static int
bench_search(const struct config *cf, struct search_bench *sb, struct kz_error *e)
{
	static const char *const names[SEARCH_QUERIES] = {
		"word", "common-word", "rare-word", "one-letter", "two-words", "none-of-two"
	};
	struct store *s = NULL;
	struct dump d = { 0 };
	struct search_result res = { 0 };
	char *texts = xasprintf("%s-texts.tsv", cf->dir), *data;
	double t0, *ms = xcalloc(cf->runs, sizeof *ms);
	struct stat st;
	int rc = -1;

	memset(sb, 0, sizeof *sb);
	if (store_open(cf->dir, 0, &s, e) != 0)
		goto out;
	t0 = now_secs();
	if (search_catch_up(s, e) != 0)
		goto out;
	sb->catch_up_secs = now_secs() - t0;
	if (store_read(s, index_bytes_fn, &sb->index_bytes, e) != 0)
		goto out;
	data = xasprintf("%s/data.mdb", cf->dir);
	if (stat(data, &st) == 0)
		sb->file_bytes = (uint64_t)st.st_size;
	free(data);
	printf("  index caught up with the store in %.1f s: %.1f MiB, %.1f B a question; "
	    "data.mdb now %.0f MiB, %.0f B a question\n", sb->catch_up_secs,
	    (double)sb->index_bytes / 1048576, cf->questions ? (double)sb->index_bytes /
	    (double)cf->questions : 0, (double)sb->file_bytes / 1048576,
	    cf->questions ? (double)sb->file_bytes / (double)cf->questions : 0);

	if ((d.f = fopen(texts, "w")) == NULL) {
		kz_fail(e, KZ_EIO, "%s: %s", texts, strerror(errno));
		goto out;
	}
	d.rare_from = (cf->questions + cf->issues) / 2;
	rc = store_read(s, dump_fn, &d, e);
	if (fclose(d.f) != 0 && rc == 0)
		rc = kz_fail(e, KZ_EIO, "%s: %s", texts, strerror(errno));
	if (rc != 0)
		goto out;
	rc = -1;
	sb->rows = d.rows;
	for (size_t i = 0; i < SEARCH_QUERIES; i++)
		sb->q[i].name = names[i];
	snprintf(sb->q[0].q, sizeof sb->q[0].q, "жол");
	snprintf(sb->q[1].q, sizeof sb->q[1].q, "ауыл");
	/* The rare word: the first village name with fewer hits than a page, 1 at least. */
	snprintf(sb->q[2].q, sizeof sb->q[2].q, "Алғабас");
	for (size_t i = 0; i < d.nrare; i++) {
		if (search_run(s, d.rare[i], 0, 1000, &res, e) != 0)
			goto out;
		if (res.n > 0 && res.n < 50) {
			snprintf(sb->q[2].q, sizeof sb->q[2].q, "%s", d.rare[i]);
			break;
		}
	}
	snprintf(sb->q[3].q, sizeof sb->q[3].q, "ж");
	snprintf(sb->q[4].q, sizeof sb->q[4].q, "ауыл жол");
	/* The worst case: two common words never in one text, so every block is read. */
	snprintf(sb->q[5].q, sizeof sb->q[5].q, "ауыл дорога");

	for (size_t i = 0; i < SEARCH_QUERIES; i++) {
		struct squery *q = &sb->q[i];

		for (size_t r = 0; r < cf->runs; r++) {
			t0 = now_secs();
			if (search_run(s, q->q, 0, 50, &res, e) != 0)
				goto out;
			ms[r] = (now_secs() - t0) * 1000;
			q->hits = res.n;
		}
		q->p50 = percentile(ms, cf->runs, 0.5);
		q->p99 = percentile(ms, cf->runs, 0.99);
	}
	/* As the interface will: a question saved, then searched for at once. */
	for (size_t r = 0; r < cf->runs; r++) {
		struct question q;

		question_init(&q);
		q.source = QS_POOL;
		q.channel = QC_BLOG;	/* P-2: a request says how it came */
		q.text = xstrdup("Жолаушылар аялдамасы жоқ, жаңбырда күтеміз.");
		rc = question_add(s, &q, e);
		question_free(&q);
		if (rc != 0)
			goto out;
		rc = -1;
		t0 = now_secs();
		if (search_run(s, "жолаушы", 0, 50, &res, e) != 0)
			goto out;
		ms[r] = (now_secs() - t0) * 1000;
	}
	sb->after_save_p50 = percentile(ms, cf->runs, 0.5);
	sb->after_save_p99 = percentile(ms, cf->runs, 0.99);
	store_close(&s);
	bench_fts5(cf, sb, texts);
	rc = 0;
out:
	search_result_free(&res);
	store_close(&s);
	unlink(texts);
	free(texts);
	free(ms);
	return rc;
}

/* Characters, not bytes, for the columns of a table of Cyrillic text. */
static size_t
chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

static void
print_search(const struct search_bench *sb)
{
	if (sb->fts)
		printf("  FTS5 (python3's sqlite3, SQLite %s) loaded the same %zu texts in %.1f s: "
		    "%.0f MiB, %.1f B a row\n", sb->fts_version, sb->fts_rows, sb->fts_load_secs,
		    (double)sb->fts_bytes / 1048576, sb->fts_rows ? (double)sb->fts_bytes /
		    (double)sb->fts_rows : 0);
	else
		printf("  FTS5: no numbers (python3 with sqlite3's FTS5 is needed)\n");
	printf("  %-12s %-28s %17s %17s %13s\n", "query", "text", "kezdesu p50/p99",
	    "FTS5 p50/p99", "hits (50 max)");
	for (size_t i = 0; i < SEARCH_QUERIES; i++) {
		const struct squery *q = &sb->q[i];
		char fts[32] = "-", hits[32];

		if (q->fts)
			snprintf(fts, sizeof fts, "%.2f/%.2f ms", q->fts_p50, q->fts_p99);
		snprintf(hits, sizeof hits, "%zu / %s", q->hits, q->fts ? "" : "-");
		if (q->fts)
			snprintf(hits, sizeof hits, "%zu / %zu", q->hits, q->fts_hits);
		printf("  %-12s %s%*s %8.2f/%.2f ms %17s %13s\n", q->name, q->q,
		    (int)(28 - chars(q->q)), "", q->p50, q->p99, fts, hits);
	}
	printf("  a search right after a durable save (the index catches up one question in a "
	    "write transaction): median %.2f ms, p99 %.2f ms\n", sb->after_save_p50,
	    sb->after_save_p99);
}

/* ---- the report ---- */

static void
row(const char *metric, const char *value, const char *target, int pass)
{
	printf("  %-50s %-22s %-10s %s\n", metric, value, target,
	    pass < 0 ? "" : pass ? "PASS" : "MISS");
}

static void
summary(const struct config *cf, const struct results *r, const struct listing *ls, size_t nls,
    const struct search_bench *sb, double total_secs)
{
	const struct kind_stats *k[] = { &r->visits, &r->issues, &r->questions };
	const char *kn[] = { "visits", "issues", "questions" };
	char m[128], v[64], tg[32];
	double ratio = r->sync_p50 > 0 ? r->save_p50 / r->sync_p50 : 0;
	double ratio99 = r->sync_p99 > 0 ? r->save_p99 / r->sync_p99 : 0;

	printf("\nSummary (%zu visits, %zu questions, %zu issues, %zu saves, %zu runs a mode)\n",
	    cf->visits, cf->questions, cf->issues, cf->saves, cf->runs);
	printf("  %-50s %-22s %-10s %s\n", "metric", "value", "target", "");
	snprintf(v, sizeof v, "%zu in %.2f s", r->units, r->import_secs);
	row("units: parse + unit_import (one transaction)", v, "", -1);
	for (int i = 0; i < 3; i++) {
		snprintf(m, sizeof m, "bulk load %s (%zu a transaction)", kn[i], cf->batch);
		snprintf(v, sizeof v, "%.0f rec/s, %.1f s", k[i]->secs > 0 ?
		    (double)k[i]->n / k[i]->secs : 0, k[i]->secs);
		row(m, v, "", -1);
	}
	snprintf(v, sizeof v, "%.2f / %.2f ms", r->save_p50, r->save_p99);
	row("durable save question_add: median / p99", v, "", -1);
	snprintf(v, sizeof v, "%.2f / %.2f ms", r->sync_p50, r->sync_p99);
	row("4 KiB pwrite + fdatasync: median / p99", v, "", -1);
	snprintf(tg, sizeof tg, "<= %.1f x", TARGET_SYNC_RATIO);
	snprintf(v, sizeof v, "%.2f x", ratio);
	row("save / fdatasync, medians", v, tg, ratio <= TARGET_SYNC_RATIO);
	snprintf(v, sizeof v, "%.2f x", ratio99);
	row("save / fdatasync, p99s", v, tg, ratio99 <= TARGET_SYNC_RATIO);
	snprintf(v, sizeof v, "%.1f KiB", r->save_kib);
	row("written by LMDB per save", v, "", -1);
	snprintf(v, sizeof v, "%.2f / %.2f ms", r->commit_p50, r->commit_p99);
	row("the save's I/O by hand: median / p99", v, "", -1);
	snprintf(v, sizeof v, "%.2f+%.2f+%.2f ms", r->commit_part[0], r->commit_part[1],
	    r->commit_part[2]);
	row("  by hand: pwrites + fdatasync + meta (medians)", v, "", -1);
	snprintf(v, sizeof v, "%.2f x", r->commit_p50 > 0 ? r->save_p50 / r->commit_p50 : 0);
	row("save / its I/O by hand, medians", v, "", -1);
	for (size_t i = 0; i < nls; i++) {
		const struct listing *l = &ls[i];
		const char *pre = l->floor ? "" : "list 50, ";
		int ok;

		/* The floor has no target: it is what any command costs here. */
		snprintf(tg, sizeof tg, "< %.0f ms", TARGET_LIST_MS);
		snprintf(m, sizeof m, "%s%s: median", pre, l->name);
		snprintf(v, sizeof v, "%.2f ms", l->p50);
		ok = l->p50 < TARGET_LIST_MS;
		row(m, v, l->floor ? "" : tg, l->floor ? -1 : ok);
		snprintf(m, sizeof m, "%s%s: p99", pre, l->name);
		snprintf(v, sizeof v, "%.2f ms", l->p99);
		ok = l->p99 < TARGET_LIST_MS;
		row(m, v, l->floor ? "" : tg, l->floor ? -1 : ok);
		snprintf(tg, sizeof tg, "< %.0f MiB", TARGET_RSS_MIB);
		snprintf(m, sizeof m, "%s%s: peak RSS", pre, l->name);
		snprintf(v, sizeof v, "%.1f MiB", l->rss_max);
		ok = l->rss_max < TARGET_RSS_MIB;
		row(m, v, l->floor ? "" : tg, l->floor ? -1 : ok);
		if (l->cold) {
			snprintf(m, sizeof m, "list 50, %s: read in", l->name);
			snprintf(v, sizeof v, "%.0f KiB (median)", l->read_p50);
			row(m, v, "", -1);
		}
	}
	snprintf(v, sizeof v, "%.0f MiB, map %.0f MiB", (double)r->file_bytes / 1048576,
	    (double)r->map_bytes / 1048576);
	row("store size: data.mdb", v, "", -1);
	snprintf(v, sizeof v, "%.0f bytes",
	    cf->questions ? (double)r->file_bytes / (double)cf->questions : 0);
	row("store size per question", v, "", -1);
	printf("  -- issue 6, each beside a bare LMDB doing the same work in this run --\n");
	ratio = r->bare_commit_p50 > 0 ? r->save2_p50 / r->bare_commit_p50 : 0;
	snprintf(v, sizeof v, "%.2f / %.2f ms", r->save2_p50, r->bare_commit_p50);
	row("durable save / one-tree LMDB commit, medians", v, "", -1);
	snprintf(v, sizeof v, "%.2f x", ratio);
	row("  ratio", v, "<= 1.4 x", ratio <= 1.4);
	snprintf(v, sizeof v, "%.0f B (bare %.0f B)",
	    cf->questions ? (double)r->file_bytes / (double)cf->questions : 0,
	    cf->questions ? (double)r->bare_bytes / (double)cf->questions : 0);
	row("store per question (bare LMDB of the records)", v, "<= 600 B",
	    cf->questions && (double)r->file_bytes / (double)cf->questions <= 600);
	snprintf(v, sizeof v, "%.0f/s (bare %.0f/s)", r->apply_secs > 0 ?
	    (double)r->apply_n / r->apply_secs : 0, r->bare_apply_secs > 0 ?
	    (double)r->bare_apply_n / r->bare_apply_secs : 0);
	row("apply foreign changes (bare: 2 puts each)", v, ">= 350000/s",
	    r->apply_secs > 0 && (double)r->apply_n / r->apply_secs >= 350000);
	snprintf(v, sizeof v, "%.1f MiB (bare %.1f)", r->apply_rss_mib, r->bare_apply_rss_mib);
	row("apply: peak RSS", v, "< 64 MiB", r->apply_rss_mib < 64);
	snprintf(v, sizeof v, "%.0f / %.0f us", r->newest_p50_us, r->newest_p99_us);
	row("newest 50 of a visit, warm, in process: med / p99", v, "<= 1000 us",
	    r->newest_p50_us <= 1000);
	snprintf(v, sizeof v, "%.1f MiB, %.1f s", r->all_mib, r->all_ms / 1000);
	row("question list of every question: peak RSS", v, "", -1);
	if (sb->index_bytes > 0) {
		double perq = cf->questions ? (double)sb->index_bytes / (double)cf->questions : 0;

		snprintf(v, sizeof v, "%.1f s", sb->catch_up_secs);
		row("search index: catching up with the whole store", v, "", -1);
		snprintf(v, sizeof v, "%.1f bytes", perq);
		snprintf(tg, sizeof tg, "< %.0f B", TARGET_INDEX_B);
		row("search index per question", v, tg, perq < TARGET_INDEX_B);
		perq = cf->questions ? (double)sb->file_bytes / (double)cf->questions : 0;
		snprintf(v, sizeof v, "%.0f bytes", perq);
		snprintf(tg, sizeof tg, "<= %.0f B", TARGET_STORE_B);
		row("store size per question, with the index", v, tg, perq <= TARGET_STORE_B);
		for (size_t i = 0; i < SEARCH_QUERIES; i++) {
			const struct squery *q = &sb->q[i];
			double target = q->name[0] == 'w' ? TARGET_WORD_MS :
			    q->name[0] == 'o' ? TARGET_LETTER_MS : 0;

			snprintf(m, sizeof m, "search %s (table 6), newest 50: median / p99",
			    q->name);
			snprintf(v, sizeof v, "%.2f / %.2f ms", q->p50, q->p99);
			snprintf(tg, sizeof tg, "<= %.0f ms", target);
			row(m, v, target > 0 ? tg : "", target > 0 ? q->p50 <= target : -1);
			if (!q->fts)
				continue;
			snprintf(m, sizeof m, "  FTS5 the same: median / p99");
			snprintf(v, sizeof v, "%.2f / %.2f ms", q->fts_p50, q->fts_p99);
			row(m, v, "", -1);
		}
	}
	snprintf(v, sizeof v, "%.1f s", total_secs);
	snprintf(tg, sizeof tg, "< %.0f s", TARGET_TOTAL_S);
	row("whole benchmark", v, tg, total_secs < TARGET_TOTAL_S);
}

static void
print_listings(const struct listing *ls, size_t nls)
{
	printf("  %-32s %9s %9s %9s %10s %13s\n", "mode", "median", "p99", "max", "peak RSS",
	    "read in (med)");
	for (size_t i = 0; i < nls; i++)
		printf("  %-32s %6.2f ms %6.2f ms %6.2f ms %6.1f MiB %9.0f KiB\n", ls[i].name,
		    ls[i].p50, ls[i].p99, maxof(ls[i].ms, ls[i].n), ls[i].rss_max, ls[i].read_p50);
}

int
main(int argc, char **argv)
{
	struct config cf = { 0 };
	struct results *r;
	struct listing ls[6];
	struct search_bench sb = { 0 };
	struct kz_error e = { 0 };
	struct utsname un;
	char note[256] = "";
	double t0 = now_secs();
	size_t nls = 0;
	pid_t pid;
	int status, rc = 0;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc != 4) {
		fprintf(stderr, "usage: bench_store STORE_DIR KEZDESU_BIN KATO_CSV\n");
		return 2;
	}
	cf.dir = argv[1];
	cf.bin = argv[2];
	cf.kato = argv[3];
	cf.district = getenv("BENCH_DISTRICT") ? getenv("BENCH_DISTRICT") : "613600000";
	cf.visits = env_size("BENCH_VISITS", 50000, 1);
	cf.questions = env_size("BENCH_QUESTIONS", 1000000, 0);
	cf.issues = env_size("BENCH_ISSUES", 100000, 0);
	cf.batch = env_size("BENCH_BATCH", 10000, 1);
	cf.apply_batch = env_size("BENCH_APPLY_BATCH", cf.batch, 1);
	cf.saves = env_size("BENCH_SAVES", 200, 1);
	cf.runs = env_size("BENCH_RUNS", 30, 1);
	cf.keep = getenv("KEEP") != NULL && strcmp(getenv("KEEP"), "1") == 0;
	cf.drop_caches = getenv("BENCH_DROP_CACHES") == NULL ||
	    strcmp(getenv("BENCH_DROP_CACHES"), "0") != 0;
	/* The program under test reads these; the bench decides them. */
	unsetenv("KEZDESU_NOW");
	unsetenv("KEZDESU_DB");
	unsetenv("KEZDESU_READAHEAD");
	if (access(cf.kato, R_OK) != 0) {
		fprintf(stderr, "bench_store: the classifier %s is missing (%s): set KZ_SHARED to "
		    "the shared directory that holds data/kato/\n", cf.kato, strerror(errno));
		return 1;
	}
	if (access(cf.bin, X_OK) != 0) {
		fprintf(stderr, "bench_store: %s: %s\n", cf.bin, strerror(errno));
		return 1;
	}
	uname(&un);
	printf("bench_store: %s %s, %ld CPUs; %zu visits, %zu questions, %zu issues\n",
	    un.sysname, un.release, sysconf(_SC_NPROCESSORS_ONLN), cf.visits, cf.questions,
	    cf.issues);

	r = mmap(NULL, sizeof *r, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (r == MAP_FAILED)
		fatal("mmap: %s", strerror(errno));
	memset(r, 0, sizeof *r);
	fflush(stdout);
	if ((pid = fork()) < 0)
		fatal("fork: %s", strerror(errno));
	if (pid == 0) {
		struct kz_error le = { 0 };

		rc = load(&cf, r, &le);
		if (rc != 0)
			snprintf(r->error, sizeof r->error, "%s", le.msg);
		fflush(stdout);
		_exit(rc == 0 ? 0 : 1);
	}
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (!r->done) {
		fprintf(stderr, "bench_store: loading failed: %s\n", r->error[0] ? r->error :
		    WIFSIGNALED(status) ? strsignal(WTERMSIG(status)) : "no reason given");
		return 1;
	}

	if (bench_apply(&cf, r) != 0) {
		fprintf(stderr, "bench_store: export and apply failed: %s\n", r->error);
		rc = 1;
	}
	printf("\n4. cold start: %s --db DIR question list --limit %s, %zu runs a mode\n"
	    "  (NORDAHEAD is the default; READAHEAD=1 is KEZDESU_READAHEAD=1; \"read in\": "
	    "data.mdb in the page cache after the run)\n", cf.bin, LIST_LIMIT, cf.runs);
	if (bench_listing(&cf, ls, &nls, note, sizeof note, &e) != 0) {
		fprintf(stderr, "bench_store: listing failed: %s\n", e.msg);
		rc = 1;
	}
	print_listings(ls, nls);
	{
		/* The whole list, a page at a time: memory must not grow with the store. */
		const char *const all[] = { cf.bin, "--db", cf.dir, "question", "list", NULL };
		int devnull = open("/dev/null", O_WRONLY);

		if (devnull < 0 || run_timed(all, false, devnull, &r->all_ms, &r->all_mib, &e) != 0)
			fprintf(stderr, "bench_store: question list (all): %s\n", e.msg);
		else
			printf("  question list, all %zu questions, to /dev/null: %.0f ms, peak RSS "
			    "%.1f MiB\n", cf.questions, r->all_ms, r->all_mib);
		if (devnull >= 0)
			close(devnull);
	}
	printf("\n6. search: the index catching up, then queries warm in this process, "
	    "%zu runs each, beside SQLite FTS5\n", cf.runs);
	if (rc == 0 && bench_search(&cf, &sb, &e) != 0) {
		fprintf(stderr, "bench_store: search failed: %s\n", e.msg);
		rc = 1;
	}
	print_search(&sb);
	summary(&cf, r, ls, nls, &sb, now_secs() - t0);
	printf("  %s\n", note);
	if (cf.keep) {
		printf("\nstore kept in %s (KEEP=1)\n", cf.dir);
	} else if (remove_store(cf.dir, &e) != 0) {
		fprintf(stderr, "bench_store: %s\n", e.msg);
		rc = 1;
	} else
		printf("\nstore %s removed (KEEP=1 keeps it)\n", cf.dir);
	for (size_t i = 0; i < nls; i++) {
		free(ls[i].ms);
		free(ls[i].mib);
		free(ls[i].read_kib);
	}
	munmap(r, sizeof *r);
	return rc;
}
