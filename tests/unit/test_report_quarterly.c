/*
 * report quarterly without holding the quarter's issues (issue 9): a region's quarter
 * is 100,000 issues of long text, which the first version read all at once (232 MiB on the
 * bench's store). It now reads them a page at a time and writes the table's rows as they
 * are made (report_table_stream): its private memory stays flat as the store grows.
 */
#include "testutil.h"
#include "district.h"
#include "memlimit.h"

#include "core/issue.h"
#include "core/visit.h"
#include "report/report.h"
#include "report/reports.h"
#include "util/xmalloc.h"

#define OKRUG "613633000"

struct big {
	struct kz_uuid visit;
	size_t n;
};

/* n issues raised at the meeting, each with a quarter's note of 7 KB and two steps. */
static int
add_big_fn(struct store_txn *t, void *arg)
{
	struct big *b = arg;
	char *note = xmalloc(7001);

	memset(note, 'a', 7000);
	note[7000] = '\0';
	for (size_t i = 0; i < b->n; i++) {
		struct issue is;
		int rc;

		issue_init(&is);
		is.title = xasprintf("Мәселе %zu", i);
		memcpy(is.unit, OKRUG, sizeof is.unit);
		is.status = ISSUE_IN_WORK;
		is.visit = b->visit;
		is.deadline = date_from_ymd(2026, 6, 1) + (kz_date)(i % 60);
		issue_add_step(&is, "Жобалау-сметалық құжаттаманы әзірлеу", "ТҚШ бөлімі",
		    date_from_ymd(2026, 5, 1));
		issue_add_step(&is, "Мемлекеттік сатып алу конкурсын өткізу", "ТҚШ бөлімі",
		    date_from_ymd(2026, 9, 1));
		issue_add_progress(&is, "2026-Q2", note, 0);
		rc = issue_add_tx(t, &is);
		issue_free(&is);
		if (rc != 0) {
			free(note);
			return -1;
		}
	}
	free(note);
	return 0;
}

/* The rows of the issues' table in a CSV report: lines that start with their number. */
static size_t
csv_rows(FILE *f)
{
	char buf[65536];
	size_t rows = 0;
	bool line_start = true;

	rewind(f);
	while (fgets(buf, sizeof buf, f) != NULL) {
		size_t len = strlen(buf), d = strspn(buf, "0123456789");

		if (line_start && d > 0 && buf[d] == ',')
			rows++;
		line_start = len > 0 && buf[len - 1] == '\n';
	}
	return rows;
}

/*
 * 4,000 issues of 7 KB each (28 MB held at once the way the first version read them, and
 * as much again in the document's cells) made into the quarter's report under a limit of
 * 12 MiB more private memory than the process has (RLIMIT_DATA), in a child so that the
 * limit ends with it; every issue is a row of the CSV written. Under AddressSanitizer
 * (its shadow and quarantine are private memory too) without the limit: the rows are still
 * checked there.
 */
static void
test_quarterly_memory_is_flat(void **state)
{
	struct big b = { .n = 4000 };
	struct kz_error e = { 0 };
	struct visit v;
	struct store *s;
	char *dir;
	pid_t pid;

	(void)state;
	setenv("KEZDESU_NOW", "2026-05-10T10:00", 1);
	s = test_district_store(&dir);
	visit_init(&v);
	memcpy(v.akim, TEST_DISTRICT, 10);
	memcpy(v.target, OKRUG, 10);
	v.date = date_from_ymd(2026, 4, 15);
	v.duration_min = 120;
	if (visit_add(s, &v, &e) != 0)
		fail_msg("visit_add: %s", e.msg);
	b.visit = v.id;
	visit_free(&v);
	if (store_write(s, add_big_fn, &b, &e) != 0)
		fail_msg("%s", e.msg);
	unsetenv("KEZDESU_NOW");
	/* LMDB's environment is not used across fork: the child opens the store itself. */
	store_close(&s);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct report_doc *doc = NULL;
		FILE *out;

		if (store_open(dir, 0, &s, &e) != 0 || (out = tmpfile()) == NULL)
			_exit(4);
		if (test_limit_data((rlim_t)12 << 20) != 0)
			_exit(3);
		if (report_quarterly(s, 2026, 2, "ru", date_from_ymd(2026, 7, 20), &doc, &e) != 0 ||
		    report_render(doc, REPORT_CSV, NULL, out) != 0 || fflush(out) != 0)
			_exit(2);
		report_doc_free(&doc);
		_exit(csv_rows(out) == b.n ? 0 : 1);
	}
	test_wait_ok(pid);
	test_rmdir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_quarterly_memory_is_flat),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
