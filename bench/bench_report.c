/*
 * The publications at the size of a region (issue 9): Turkistan region (61) from the whole
 * classifier, a year of meetings of the region's akim at its rural okrugs and 100,000
 * problem issues with Cyrillic titles of real places, each with an action plan.
 *
 *  - report quarterly of the region's store: target under 1 s;
 *  - report results of one meeting with 60 questions: target under 20 ms;
 *
 * each in process (build + render HTML into a file) and as the command a user runs
 * (process start to exit, the document to /dev/null), beside an anchor measured in the
 * same run on the same store: `kezdesu issue list --format tsv` (every issue read and
 * printed) for the quarterly report, `kezdesu visit show UUID` for one meeting's. The
 * commands' peak resident set (the largest ru_maxrss of their runs, store pages read
 * included) is printed beside their time and the anchor's: the quarterly report streams
 * its table (issue 9), so its memory stays flat as the store grows.
 *
 * Usage: bench_report DIR KEZDESU_BINARY KATO_CSV (bench/run.sh passes them).
 * BENCH_REPORT_ISSUES and BENCH_REPORT_VISITS set the sizes; KEEP=1 keeps the store.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/issue.h"
#include "core/kato.h"
#include "core/node.h"
#include "core/question.h"
#include "core/sample_text.h"
#include "core/unit.h"
#include "core/visit.h"
#include "report/report.h"
#include "report/reports.h"
#include "store/store.h"
#include "util/xmalloc.h"

#define REGION "610000000"
#define QRUNS 5
#define RRUNS 21
#define BATCH 10000
#define MEETING_QUESTIONS 60

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double
median(double *ms, int n)
{
	qsort(ms, (size_t)n, sizeof *ms, cmp_double);
	return ms[n / 2];
}

/* The largest peak resident set of the commands run so far (KiB): run() raises it. */
static long peak_kib;

/* Runs the binary with args, its output to /dev/null; wall ms, or -1. */
static double
run(const char *const argv[])
{
	struct rusage ru;
	double t0;
	pid_t pid;
	int st;

	fflush(stdout);
	t0 = now_ms();
	pid = fork();
	if (pid == 0) {
		if (freopen("/dev/null", "w", stdout) == NULL)
			_exit(127);
		execv(argv[0], (char *const *)(uintptr_t)argv);
		_exit(127);
	}
	if (pid < 0 || wait4(pid, &st, 0, &ru) != pid || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		fprintf(stderr, "bench_report: %s %s %s failed\n", argv[0], argv[3], argv[4]);
		return -1;
	}
	if (ru.ru_maxrss > peak_kib)
		peak_kib = ru.ru_maxrss;
	return now_ms() - t0;
}

static char *
slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *buf;
	long n;

	if (fp == NULL || fseek(fp, 0, SEEK_END) != 0 || (n = ftell(fp)) < 0) {
		fprintf(stderr, "bench_report: %s: %s\n", path, strerror(errno));
		exit(1);
	}
	rewind(fp);
	buf = xmalloc((size_t)n + 1);
	if (fread(buf, 1, (size_t)n, fp) != (size_t)n)
		exit(1);
	fclose(fp);
	*len = (size_t)n;
	return buf;
}

static size_t
env_size(const char *name, size_t def)
{
	const char *v = getenv(name);

	return v != NULL && atol(v) > 0 ? (size_t)atol(v) : def;
}

static uint64_t seed = 0x243f6a8885a308d3u;

static unsigned
rnd(unsigned n)
{
	seed ^= seed << 13;
	seed ^= seed >> 7;
	seed ^= seed << 17;
	return n == 0 ? 0 : (unsigned)(seed % n);
}

struct okrug {
	char code[10];
	char *name;	/* as people say it, in Kazakh */
};

struct bench {
	struct store *s;
	struct okrug *ok;
	size_t nok;
	size_t nvisits, nissues;
	struct kz_uuid *visit_ids;
	kz_date *visit_dates;
	size_t *visit_okrug;
	struct kz_uuid *issue_ids;
	size_t next;
};

static int
visits_fn(struct store_txn *t, void *arg)
{
	struct bench *b = arg;
	kz_date first = date_from_ymd(2026, 1, 5);
	size_t end = b->next + BATCH < b->nvisits ? b->next + BATCH : b->nvisits;

	for (size_t i = b->next; i < end; i++) {
		struct visit v;
		size_t o = rnd((unsigned)b->nok);
		int rc;

		visit_init(&v);
		memcpy(v.akim, REGION, 10);
		memcpy(v.target, b->ok[o].code, 10);
		v.date = first + (kz_date)((uint64_t)i * 290 / b->nvisits);
		v.time = xstrdup("10:00");
		v.duration_min = 120;
		v.field = true;
		v.status = VISIT_HELD;
		visit_set_attendance(&v, AUD_CITIZEN, 40 + (int)rnd(120));
		visit_set_attendance(&v, AUD_DEPUTY, 1 + (int)rnd(4));
		visit_set_attendance(&v, AUD_PUBLIC_ORG, (int)rnd(6));
		rc = visit_add_tx(t, &v);
		b->visit_ids[i] = v.id;
		b->visit_dates[i] = v.date;
		b->visit_okrug[i] = o;
		visit_free(&v);
		if (rc != 0)
			return rc;
	}
	return 0;
}

static int
issues_fn(struct store_txn *t, void *arg)
{
	struct bench *b = arg;
	size_t end = b->next + BATCH < b->nissues ? b->next + BATCH : b->nissues;

	for (size_t i = b->next; i < end; i++) {
		size_t v = (size_t)((uint64_t)i * b->nvisits / b->nissues);
		const struct sample_question *tp = &sample_questions[rnd((unsigned)sample_nquestions)];
		struct issue is;
		int rc;

		issue_init(&is);
		is.title = xasprintf("%s: %s", b->ok[b->visit_okrug[v]].name, tp->topic);
		is.topic = xstrdup(tp->topic);
		memcpy(is.unit, b->ok[b->visit_okrug[v]].code, 10);
		is.executor = xstrdup(tp->executor);
		is.deadline = b->visit_dates[v] + 30 + (int)rnd(300);
		is.visit = b->visit_ids[v];
		is.status = (int)rnd(ISSUE_REJECTED + 1);
		issue_add_step(&is, sample_steps[rnd(SAMPLE_NSTEPS)], is.executor,
		    b->visit_dates[v] + 20 + (int)rnd(40));
		issue_add_step(&is, sample_steps[rnd(SAMPLE_NSTEPS)], is.executor,
		    b->visit_dates[v] + 60 + (int)rnd(90));
		if (rnd(2) == 0) {
			is.steps[0].done = true;
			is.steps[0].done_on = is.steps[0].deadline - (int)rnd(10);
		}
		if (is.status == ISSUE_IN_WORK)
			issue_add_progress(&is, "2026-Q2", "Мердігер анықталды, жұмыс басталды.", 0);
		rc = issue_add_tx(t, &is);
		b->issue_ids[i] = is.id;
		issue_free(&is);
		if (rc != 0)
			return rc;
	}
	return 0;
}

/* One meeting's questions: topics of the samples, every fourth tied to its issues. */
static int
questions_fn(struct store_txn *t, void *arg)
{
	struct bench *b = arg;
	size_t v = b->next;
	size_t first = (size_t)(((uint64_t)v * b->nissues + b->nvisits - 1) / b->nvisits);

	for (size_t k = 0; k < MEETING_QUESTIONS; k++) {
		const struct sample_question *tp = &sample_questions[rnd((unsigned)sample_nquestions)];
		struct question q;
		int rc;

		question_init(&q);
		q.visit = b->visit_ids[v];
		q.text = sample_fill(tp->text, b->ok[b->visit_okrug[v]].name);
		q.topic = xstrdup(tp->topic);
		q.asker = k % 7 == 0 ? AUD_DEPUTY : AUD_CITIZEN;
		q.asker_name = xstrdup("Айгүл Сейітқызы");
		q.answered = k % 3 == 0;
		q.asked_ms = (int64_t)b->visit_dates[v] * 86400000 + 5 * 3600000 + (int64_t)k * 60000;
		if (k % 4 == 0 && first < b->nissues &&
		    (size_t)((uint64_t)first * b->nvisits / b->nissues) == v)
			q.issue = b->issue_ids[first];
		rc = question_add_tx(t, &q);
		question_free(&q);
		if (rc != 0)
			return rc;
	}
	return 0;
}

static int
load(struct bench *b, const char *kato, struct kz_error *e)
{
	struct kato_table kt = { 0 };
	struct unit_import_stats st;
	struct rec_array units = { 0 };
	size_t len;
	char *csv = slurp(kato, &len);

	if (kato_parse(csv, len, kato, &kt, e) != 0 || node_init(b->s, REGION, e) != 0 ||
	    unit_import(b->s, &kt, "2026-07-17", false, &st, e) != 0 ||
	    unit_list(b->s, REGION, &units, e) != 0)
		return -1;
	kato_table_free(&kt);
	free(csv);
	b->ok = xcalloc(units.n, sizeof *b->ok);
	for (size_t i = 0; i < units.n; i++) {
		const struct unit *u = (const struct unit *)units.items + i;

		if (u->type != UNIT_RURAL_OKRUG || u->retired)
			continue;
		memcpy(b->ok[b->nok].code, u->code, 10);
		b->ok[b->nok++].name = sample_plain_name(u->name_kk != NULL ? u->name_kk : u->code);
	}
	printf("Turkistan region: %zu units, %zu rural okrugs\n", units.n, b->nok);
	rec_array_free(&unit_kind, &units);
	if (b->nok == 0)
		return kz_fail(e, KZ_EINVAL, "no rural okrug under %s", REGION);
	b->visit_ids = xcalloc(b->nvisits, sizeof *b->visit_ids);
	b->visit_dates = xcalloc(b->nvisits, sizeof *b->visit_dates);
	b->visit_okrug = xcalloc(b->nvisits, sizeof *b->visit_okrug);
	b->issue_ids = xcalloc(b->nissues, sizeof *b->issue_ids);
	for (b->next = 0; b->next < b->nvisits; b->next += BATCH)
		if (store_write(b->s, visits_fn, b, e) != 0)
			return -1;
	for (b->next = 0; b->next < b->nissues; b->next += BATCH)
		if (store_write(b->s, issues_fn, b, e) != 0)
			return -1;
	b->next = b->nvisits / 3;	/* the meeting of the results report */
	return store_write(b->s, questions_fn, b, e);
}

/*
 * Renders the document into a new temporary file, as the command writes -o FILE (the
 * quarterly report's table is made as it is written: rendered into memory it would be
 * held whole): its size, or 0.
 */
static size_t
render(struct report_doc *d)
{
	FILE *fp = tmpfile();
	long n;

	if (fp == NULL || report_render(d, REPORT_HTML, NULL, fp) != 0 || fflush(fp) != 0 ||
	    (n = ftell(fp)) < 0) {
		if (fp != NULL)
			fclose(fp);
		return 0;
	}
	fclose(fp);
	return (size_t)n;
}

/* The peak resident set of the runs since the last call, in MiB, and starts again. */
static double
peak_mib(void)
{
	double m = peak_kib / 1024.0;

	peak_kib = 0;
	return m;
}

static void
line(const char *what, double ms, double target)
{
	if (target > 0)
		printf("%-58s median %8.2f ms  (target < %.0f ms: %s)\n", what, ms, target,
		    ms < target ? "PASS" : "MISS");
	else
		printf("%-58s median %8.2f ms\n", what, ms);
}

int
main(int argc, char **argv)
{
	struct bench b = { 0 };
	struct kz_error e = { 0 };
	double ms[RRUNS], t0;
	char cmd[600], id[UID_STRLEN];
	kz_date today;
	size_t size = 0, nids;
	double t_load;

	if (argc != 4) {
		fprintf(stderr, "usage: bench_report DIR KEZDESU_BINARY KATO_CSV\n");
		return 2;
	}
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", argv[1]);
	if (system(cmd) != 0)
		return 1;
	setenv("KEZDESU_NOW", "2026-11-20T10:00", 1);
	today = date_from_ymd(2026, 11, 20);
	b.nvisits = env_size("BENCH_REPORT_VISITS", 20000);
	b.nissues = env_size("BENCH_REPORT_ISSUES", 100000);
	t0 = now_ms();
	if (store_open(argv[1], STORE_CREATE, &b.s, &e) != 0 || load(&b, argv[3], &e) != 0) {
		fprintf(stderr, "bench_report: %s\n", e.msg);
		return 1;
	}
	t_load = now_ms() - t0;
	printf("store: %zu meetings held, %zu issues, %d questions at one meeting; built in %.1f s\n",
	    b.nvisits, b.nissues, MEETING_QUESTIONS, t_load / 1e3);

	/* A-4 in process: every issue read, the quarter's chosen, the document rendered. */
	for (int i = 0; i < QRUNS; i++) {
		struct report_doc *d;

		t0 = now_ms();
		if (report_quarterly(b.s, 2026, 2, "ru", today, &d, &e) != 0) {
			fprintf(stderr, "bench_report: %s\n", e.msg);
			return 1;
		}
		size = render(d);
		ms[i] = now_ms() - t0;
		report_doc_free(&d);
	}
	printf("report quarterly 2026-Q2: %.1f MiB of HTML\n", size / 1048576.0);
	line("report_quarterly + HTML (in process)", median(ms, QRUNS), 1000);

	/* A-3 of one meeting in process. */
	for (int i = 0; i < RRUNS; i++) {
		struct report_results_scope sc = { .visits = &b.visit_ids[b.nvisits / 3],
			.nvisits = 1 };
		struct report_doc *d;
		struct kz_uuid *ids;

		t0 = now_ms();
		if (report_results(b.s, &sc, "kk", today, &d, &ids, &nids, &e) != 0) {
			fprintf(stderr, "bench_report: %s\n", e.msg);
			return 1;
		}
		size = render(d);
		ms[i] = now_ms() - t0;
		report_doc_free(&d);
		free(ids);
	}
	printf("report results of one meeting: %.1f KiB of HTML\n", size / 1024.0);
	line("report_results, one meeting + HTML (in process)", median(ms, RRUNS), 20);
	store_close(&b.s);

	/* The commands as a user runs them, with their anchors, in this run. */
	uid_format(&b.visit_ids[b.nvisits / 3], id);
	{
		const char *q[] = { argv[2], "--db", argv[1], "report", "quarterly", "2026-Q2",
			"--format", "html", "--lang", "ru", NULL };
		const char *anchor[] = { argv[2], "--db", argv[1], "issue", "list", "--format",
			"tsv", NULL };
		const char *r[] = { argv[2], "--db", argv[1], "report", "results", id, "--format",
			"html", NULL };
		const char *ranchor[] = { argv[2], "--db", argv[1], "visit", "show", id, NULL };

		double qrss, arss;

		for (int i = 0; i < QRUNS; i++)
			if ((ms[i] = run(q)) < 0)
				return 1;
		qrss = peak_mib();
		line("kezdesu report quarterly 2026-Q2 --format html", median(ms, QRUNS), 1000);
		printf("%-58s peak RSS %6.1f MiB\n", "", qrss);
		for (int i = 0; i < QRUNS; i++)
			if ((ms[i] = run(anchor)) < 0)
				return 1;
		arss = peak_mib();
		line("  anchor: kezdesu issue list --format tsv (every issue)", median(ms, QRUNS), 0);
		printf("%-58s peak RSS %6.1f MiB\n", "", arss);
		peak_mib();
		for (int i = 0; i < RRUNS; i++)
			if ((ms[i] = run(r)) < 0)
				return 1;
		line("kezdesu report results VISIT --format html", median(ms, RRUNS), 20);
		for (int i = 0; i < RRUNS; i++)
			if ((ms[i] = run(ranchor)) < 0)
				return 1;
		line("  anchor: kezdesu visit show VISIT", median(ms, RRUNS), 0);
	}
	for (size_t i = 0; i < b.nok; i++)
		free(b.ok[i].name);
	free(b.ok);
	free(b.visit_ids);
	free(b.visit_dates);
	free(b.visit_okrug);
	free(b.issue_ids);
	if (getenv("KEEP") == NULL && system(cmd) != 0)
		return 1;
	return 0;
}
