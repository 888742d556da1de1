/*
 * The decree's rules at the size of a region: Turkistan region (61) from the whole
 * classifier, its plan for a year (about two thousand meetings of the region's, districts',
 * cities' and okrugs' akims) and the check of that year, each timed as the command a user
 * runs (`kezdesu plan`, `kezdesu check`: process start to exit) and as the functions inside
 * it. Target: each under 100 ms.
 *
 * Usage: bench_rules DIR KEZDESU_BINARY KATO_CSV
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/compliance.h"
#include "core/kato.h"
#include "core/node.h"
#include "core/rules.h"
#include "core/unit.h"
#include "store/store.h"
#include "util/xmalloc.h"

#define RUNS 21

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

/* Runs the binary with args, output to /dev/null; returns wall ms, or -1. */
static double
run(const char *const argv[], int want_rc)
{
	double t0;
	pid_t pid;
	int st;

	/* Nothing buffered may be copied into the child and written twice. */
	fflush(stdout);
	t0 = now_ms();
	pid = fork();

	if (pid == 0) {
		if (freopen("/dev/null", "w", stdout) == NULL)
			_exit(127);
		/* execv takes char *const[]: the strings are not written to. */
		execv(argv[0], (char *const *)(uintptr_t)argv);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &st, 0) != pid || !WIFEXITED(st) ||
	    WEXITSTATUS(st) != want_rc) {
		fprintf(stderr, "bench_rules: %s %s %s exited %d\n", argv[0], argv[3], argv[4],
		    WIFEXITED(st) ? WEXITSTATUS(st) : -1);
		return -1;
	}
	return now_ms() - t0;
}

static void
report(const char *what, double *ms, int n)
{
	qsort(ms, (size_t)n, sizeof *ms, cmp_double);
	printf("%-44s median %7.2f ms   p99 %7.2f ms   (target < 100 ms: %s)\n", what,
	    ms[n / 2], ms[n - 1], ms[n / 2] < 100 ? "PASS" : "MISS");
}

static char *
slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *buf;
	long n;

	if (fp == NULL || fseek(fp, 0, SEEK_END) != 0 || (n = ftell(fp)) < 0) {
		fprintf(stderr, "bench_rules: %s: %s\n", path, strerror(errno));
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

int
main(int argc, char **argv)
{
	struct kato_table kt = { 0 };
	struct unit_import_stats st;
	struct kz_error e;
	struct store *s;
	struct compliance cp;
	struct rules_findings cov = { 0 }, vis = { 0 };
	struct rules_plan plan = { 0 };
	double ms[RUNS], t0;
	size_t len;
	char *csv, *dir, cmd[600];

	if (argc != 4) {
		fprintf(stderr, "usage: bench_rules DIR KEZDESU_BINARY KATO_CSV\n");
		return 2;
	}
	dir = argv[1];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		return 1;
	/* The store of Turkistan region's akimat, made on 1 January so nothing is overdue. */
	setenv("KEZDESU_NOW", "2026-01-01", 1);
	csv = slurp(argv[3], &len);
	if (kato_parse(csv, len, argv[3], &kt, &e) != 0 ||
	    store_open(dir, STORE_CREATE, &s, &e) != 0 || node_init(s, "610000000", &e) != 0 ||
	    unit_import(s, &kt, "2026-07-17", false, &st, &e) != 0) {
		fprintf(stderr, "bench_rules: %s\n", e.msg);
		return 1;
	}
	kato_table_free(&kt);
	free(csv);

	/* In-process: the rules on what the store holds (load, plan, check). */
	t0 = now_ms();
	if (compliance_load(s, date_from_ymd(2026, 1, 1), date_from_ymd(2027, 1, 1), 2026, 2026,
	    &cp, &e) != 0) {
		fprintf(stderr, "bench_rules: %s\n", e.msg);
		return 1;
	}
	printf("Turkistan region: %zu units loaded from the store in %.2f ms\n", cp.nunits,
	    now_ms() - t0);
	for (int i = 0; i < RUNS; i++) {
		t0 = now_ms();
		rules_plan(cp.tree, cp.office, 2026, &cp.extra, &plan);
		ms[i] = now_ms() - t0;
	}
	printf("rules_plan: %zu meetings proposed, %zu unplaced\n", plan.n, plan.unplaced.n);
	report("rules_plan (in process)", ms, RUNS);
	rules_plan_free(&plan);
	compliance_free(&cp);
	store_close(&s);

	/* The commands, as a user runs them: plan once (it writes), then check. */
	{
		const char *plan_argv[] = { argv[2], "--db", dir, "plan", "2026", NULL };
		const char *check_argv[] = { argv[2], "--db", dir, "check", "2026", "--format", "tsv",
			NULL };
		const char *replan_argv[] = { argv[2], "--db", dir, "plan", "2026", NULL };
		double first = run(plan_argv, 0);

		if (first < 0)
			return 1;
		printf("%-44s %7.2f ms (writes the meetings, one durable transaction)\n",
		    "kezdesu plan 2026 (first run)", first);
		for (int i = 0; i < RUNS; i++)
			if ((ms[i] = run(replan_argv, 0)) < 0)
				return 1;
		report("kezdesu plan 2026 (again: all planned)", ms, RUNS);
		for (int i = 0; i < RUNS; i++)
			if ((ms[i] = run(check_argv, 0)) < 0)
				return 1;
		report("kezdesu check 2026 (whole process)", ms, RUNS);
	}

	/* In-process check of the planned year. */
	if (store_open(dir, 0, &s, &e) != 0 || compliance_load(s, date_from_ymd(2026, 1, 1),
	    date_from_ymd(2027, 1, 1), 2026, 2026, &cp, &e) != 0) {
		fprintf(stderr, "bench_rules: %s\n", e.msg);
		return 1;
	}
	for (int i = 0; i < RUNS; i++) {
		t0 = now_ms();
		rules_check_coverage(cp.tree, cp.office, true, 2026, RULES_MODE_PLANNED, cp.rv,
		    cp.visits.n, &cov);
		rules_check_visits(cp.tree, cp.rv, cp.visits.n, date_from_ymd(2026, 1, 1), &vis);
		ms[i] = now_ms() - t0;
	}
	{
		size_t missing = 0;

		for (size_t i = 0; i < cov.n; i++)
			missing += cov.v[i].status != RULES_OK;
		printf("check: %zu visits, %zu coverage rows (%zu missing), %zu meeting findings\n",
		    cp.visits.n, cov.n, missing, vis.n);
	}
	report("rules_check_coverage + _visits (in process)", ms, RUNS);
	for (int i = 0; i < RUNS; i++) {
		struct compliance c2;

		t0 = now_ms();
		compliance_load(s, date_from_ymd(2026, 1, 1), date_from_ymd(2027, 1, 1), 2026, 2026,
		    &c2, &e);
		ms[i] = now_ms() - t0;
		compliance_free(&c2);
	}
	report("compliance_load (units, visits, calendar)", ms, RUNS);
	rules_findings_free(&cov);
	rules_findings_free(&vis);
	compliance_free(&cp);
	store_close(&s);
	if (getenv("KEEP") == NULL) {
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
		if (system(cmd) != 0)
			return 1;
	}
	return 0;
}
