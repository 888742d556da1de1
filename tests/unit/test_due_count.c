/*
 * compliance_due_count (the interface's status line: due and overdue) counts exactly what
 * compliance_due lists (`kezdesu due`'s rows), on the demo store and on stores with issues
 * in every state (A-3 deadlines overdue, pending, beyond the window and none; steps done
 * and not; A-2 financing before and after its session, decided or not; G-3 central issues
 * with and without the last quarter's note, in the Government's store; closed and
 * withdrawn issues), and does so without holding the issues: its memory stays flat. It
 * stops when asked to (a key comes in the interface).
 */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

#include "core/compliance.h"
#include "core/demo.h"
#include "core/issue.h"
#include "core/node.h"
#include "core/reception.h"
#include "core/unit.h"
#include "core/visit.h"
#include "district.h"
#include "memlimit.h"
#include "util/xmalloc.h"

#define NSTATUS (RULES_COV_OPEN + 1)

/* What a store's due holds, by rule and status, to say which cases a test covered. */
struct seen {
	size_t a3_overdue, a3_pending, a3_missing, a2_overdue, a2_pending, g3, visits;
	size_t rule[5];		/* of a meeting: M-1, P-4, A-3, A-1, P-1 */
};

static const char *const visit_rules[] = { RULES_PAST_NOT_HELD_RULE, "P-4", "A-3", "A-1",
	"P-1" };

/* A finding as a line, its visit named by id: what the count's and due's must share. */
static char *
finding_line(const struct rules_finding *f, const struct kz_uuid *visit)
{
	char id[UID_STRLEN] = "-";

	if (visit != NULL)
		uid_format(visit, id);
	return xasprintf("%s %d %d %d %s %s %d %d %d %d %s", f->rule, (int)f->status, f->due,
	    f->days, f->akim, f->target, f->year, (int)f->period, f->quarter, f->step, id);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Compares compliance_due_count with compliance_due on today: the counts by status, and
 * the findings that concern no issue, the same ones (in another order) about the same
 * visits.
 */
static void
assert_count_is_due(struct store *s, kz_date today, int ahead, struct seen *seen)
{
	struct compliance c, lc;
	struct rules_findings f, lf;
	struct compliance_count n;
	struct kz_error e = { 0 };
	size_t want[NSTATUS] = { 0 }, j = 0;
	char **a, **b;

	if (compliance_due(s, today, ahead, &c, &f, &e) != 0 ||
	    compliance_due_count(s, today, ahead, NULL, NULL, &lc, &lf, &n, &e) != 0)
		fail_msg("%s", e.msg);
	assert_int_equal(lc.visits.n, 0);	/* no struct visit held */
	assert_int_equal(lc.issues.n, 0);
	a = xcalloc(f.n + 1, sizeof *a);
	b = xcalloc(lf.n + 1, sizeof *b);
	for (size_t i = 0; i < f.n; i++) {
		const struct rules_finding *x = &f.v[i];

		assert_true((size_t)x->status < NSTATUS);
		want[x->status]++;
		if (seen != NULL) {
			bool a3 = strcmp(x->rule, "A-3") == 0 && x->issue >= 0;
			bool a2 = strcmp(x->rule, "A-2") == 0;

			seen->a3_overdue += a3 && x->status == RULES_OVERDUE;
			seen->a3_pending += a3 && x->status == RULES_PENDING;
			seen->a3_missing += a3 && x->status == RULES_MISSING;
			seen->a2_overdue += a2 && x->status == RULES_OVERDUE;
			seen->a2_pending += a2 && x->status == RULES_PENDING;
			seen->g3 += strcmp(x->rule, "G-3") == 0;
			seen->visits += x->visit >= 0;
			for (size_t k = 0; k < 5; k++)
				seen->rule[k] += x->visit >= 0 &&
				    strcmp(x->rule, visit_rules[k]) == 0;
		}
		if (x->issue >= 0)
			continue;
		assert_true(x->visit < (int)c.visits.n);
		a[j++] = finding_line(x, x->visit >= 0 ?
		    &((const struct visit *)c.visits.items)[x->visit].id : NULL);
	}
	assert_int_equal(j, lf.n);
	for (size_t i = 0; i < lf.n; i++) {
		assert_int_equal(lf.v[i].issue, -1);
		assert_true(lf.v[i].visit < (int)lc.nvisit_ids);
		b[i] = finding_line(&lf.v[i], lf.v[i].visit >= 0 ? &lc.visit_ids[lf.v[i].visit] :
		    NULL);
	}
	qsort(a, j, sizeof *a, cmp_str);
	qsort(b, lf.n, sizeof *b, cmp_str);
	for (size_t i = 0; i < j; i++) {
		assert_string_equal(b[i], a[i]);
		free(a[i]);
		free(b[i]);
	}
	free(a);
	free(b);
	assert_int_equal(n.n, f.n);
	for (int k = 0; k < NSTATUS; k++)
		assert_int_equal(n.status[k], want[k]);
	rules_findings_free(&f);
	rules_findings_free(&lf);
	compliance_free(&c);
	compliance_free(&lc);
}

static kz_date
day(const char *ymd)
{
	kz_date d;

	assert_int_equal(date_parse(ymd, &d), 0);
	return d;
}

static void
test_due_count_demo(void **state)
{
	static const char *const days[] = { "2026-03-16", "2026-07-01", "2026-12-01" };

	(void)state;
	for (size_t k = 0; k < sizeof days / sizeof days[0]; k++) {
		char *dir = test_tmpdir(), now[32];
		struct kz_error e = { 0 };
		struct store *s = NULL;
		struct seen seen = { 0 };
		kz_date today = day(days[k]);

		snprintf(now, sizeof now, "%sT10:00:00", days[k]);
		setenv("KEZDESU_NOW", now, 1);
		assert_int_equal(store_open(dir, STORE_CREATE, &s, &e), 0);
		if (demo_build(s, &e) != 0)
			fail_msg("demo_build: %s", e.msg);
		assert_count_is_due(s, today, 0, &seen);
		assert_count_is_due(s, today + 40, 90, NULL);
		/* the demo owes something of each kind the count walks */
		assert_true(seen.a3_overdue > 0 && seen.visits > 0);
		store_close(&s);
		test_rmdir(dir);
	}
	unsetenv("KEZDESU_NOW");
}

static int
add_fn(struct store_txn *t, void *arg)
{
	return issue_add_tx(t, arg);
}

/* The local day base + d as "YYYY-MM-DDT10:00:00" in KEZDESU_NOW: the clock of a save. */
static void
set_now(kz_date d)
{
	char buf[32];

	date_format(d, buf);
	strcat(buf, "T10:00:00");
	setenv("KEZDESU_NOW", buf, 1);
}

/*
 * n issues of unit in every state the rules tell apart, made on days from base on (the
 * clock of each save), by rand() seeded by the caller.
 */
static void
add_issues(struct store *s, const char *unit, kz_date base, size_t n, bool central)
{
	for (size_t i = 0; i < n; i++) {
		struct kz_error e = { 0 };
		kz_date made = base + (kz_date)(rand() % 200);
		struct issue is;
		int nsteps = rand() % 4;

		set_now(made);
		issue_init(&is);
		is.title = xasprintf("Мәселе %zu: жол жөндеу", i);
		memcpy(is.unit, unit, 10);
		is.status = rand() % ISSUE_STATUS_COUNT;
		/* none, long past, just past, in the window, beyond it */
		switch (rand() % 5) {
		case 0:
			is.deadline = DATE_NONE;
			break;
		case 1:
			is.deadline = made - 300 + rand() % 100;
			break;
		default:
			is.deadline = made + rand() % 300;
			break;
		}
		for (int k = 0; k < nsteps; k++) {
			issue_add_step(&is, "Жобалау-сметалық құжат", NULL, rand() % 4 == 0 ?
			    DATE_NONE : made - 50 + rand() % 300);
			is.steps[k].done = rand() % 3 == 0;
		}
		if (rand() % 3 == 0) {
			is.needs_session = true;
			is.amount = 1000000;
			is.session_date = rand() % 4 == 0 ? DATE_NONE : made - 60 + rand() % 200;
			if (is.session_date != DATE_NONE && is.session_date <= made &&
			    rand() % 2 == 0)
				is.decision = xstrdup("Қаржыландыру бөлінді");
		}
		if (central && rand() % 2 == 0) {
			static const char *const q[] = { "2025-Q4", "2026-Q1", "2026-Q2",
				"2026-Q3" };

			is.level = LEVEL_CENTRAL;
			if (rand() % 3 != 0)
				issue_add_progress(&is, q[rand() % 4], "Жұмыс жүріп жатыр.",
				    (int64_t)made * 86400000);
		} else
			is.level = rand() % LEVEL_CENTRAL;
		is.withdrawn = rand() % 20 == 0;
		if (store_write(s, add_fn, &is, &e) != 0)
			fail_msg("issue add: %s", e.msg);
		issue_free(&is);
	}
}

/*
 * n meetings of the district's akim and of a rural okrug's around now (the clock of the
 * saves): held (published or not, with a reception or not), planned and announced ahead
 * (P-4, P-1) or past (M-1), cancelled.
 */
static void
add_visits(struct store *s, kz_date now, size_t n)
{
	static const char *const akims[] = { TEST_DISTRICT, "613633000" };

	set_now(now);
	for (size_t i = 0; i < n; i++) {
		struct kz_error e = { 0 };
		struct visit v;
		struct reception r;

		visit_init(&v);
		memcpy(v.akim, akims[rand() % 2], 10);
		memcpy(v.target, "613633000", 10);
		v.date = now - 250 + rand() % 400;
		v.field = true;
		v.duration_min = 120;
		v.status = rand() % VISIT_STATUS_COUNT;
		if (v.status == VISIT_HELD && v.date > now)
			v.status = VISIT_PLANNED;
		if (v.status != VISIT_PLANNED && rand() % 2 == 0) {
			kz_date on = v.date - 20 + rand() % 15;

			v.announced_on = on < now ? on : now;
		}
		if (v.status == VISIT_HELD && rand() % 2 == 0 && v.date + 15 <= now)
			v.published_on = v.date + rand() % 15;
		if (visit_add(s, &v, &e) != 0)
			fail_msg("visit_add: %s", e.msg);
		if (v.status == VISIT_HELD && rand() % 3 == 0 && v.date + 5 <= now) {
			reception_init(&r);
			r.visit = v.id;
			r.date = v.date + rand() % 5;
			r.citizens = 3;
			r.received_by = xstrdup("akimat");
			if (reception_add(s, &r, &e) != 0)
				fail_msg("reception_add: %s", e.msg);
			reception_free(&r);
		}
		visit_free(&v);
	}
}

/* A stop that says yes at its n-th question (counted in *arg: n, then the questions). */
static bool
stop_at(void *arg)
{
	int *q = arg;

	return ++q[1] >= q[0];
}

/*
 * The interface's count stops when a key comes (stop says so) and then gives nothing;
 * a stop that never says so changes nothing.
 */
static void
assert_count_stops(struct store *s, kz_date today)
{
	struct compliance c;
	struct rules_findings f;
	struct compliance_count n;
	struct kz_error e = { 0 };

	for (int at = 1; at <= 2; at++) {
		int q[2] = { at, 0 };

		assert_int_equal(compliance_due_count(s, today, 0, stop_at, q, &c, &f, &n, &e), 1);
		assert_int_equal(q[1], at);
		assert_int_equal(n.n, 0);
		assert_int_equal(f.n, 0);
		assert_null(c.visit_ids);
		assert_int_equal(c.nunits, 0);
	}
	{
		int q[2] = { 1000000, 0 };
		struct compliance c0;
		struct rules_findings f0;
		struct compliance_count n0;

		assert_int_equal(compliance_due_count(s, today, 0, stop_at, q, &c, &f, &n, &e), 0);
		assert_true(q[1] >= 2);	/* asked while the visits and the issues were read */
		assert_int_equal(compliance_due_count(s, today, 0, NULL, NULL, &c0, &f0, &n0, &e),
		    0);
		assert_memory_equal(&n, &n0, sizeof n);
		assert_int_equal(f.n, f0.n);
		rules_findings_free(&f);
		rules_findings_free(&f0);
		compliance_free(&c);
		compliance_free(&c0);
	}
}

/* A district's store: in every state, on days before, among and after them. */
static void
test_due_count_district_issues(void **state)
{
	char *dir;
	struct store *s;
	struct seen seen = { 0 };
	kz_date base = day("2026-01-12");

	(void)state;
	srand(826);
	set_now(base - 5);
	s = test_district_store(&dir);
	add_issues(s, "613633100", base, 400, false);
	add_visits(s, base + 150, 150);
	for (int k = 0; k < 5; k++)
		assert_count_is_due(s, base + 60 * k, 0, &seen);
	assert_count_is_due(s, base + 100, 120, &seen);
	assert_true(seen.a3_overdue > 0 && seen.a3_pending > 0 && seen.a3_missing > 0);
	assert_true(seen.a2_overdue > 0 && seen.a2_pending > 0);
	/* each rule of a meeting: M-1, P-4, A-3 of a meeting held, A-1, and P-1 */
	for (size_t k = 0; k < sizeof seen.rule / sizeof seen.rule[0]; k++)
		assert_true(seen.rule[k] > 0);
	assert_count_stops(s, base + 100);
	store_close(&s);
	test_rmdir(dir);
	unsetenv("KEZDESU_NOW");
}

/*
 * The Government's units as compliance reads them (code, parent and type through a
 * cursor) are unit_list's: itself, then every unit, the roots under it.
 */
static void
assert_units_are_listed(struct store *s)
{
	struct rec_array all = { 0 };
	struct compliance c;
	struct kz_error e = { 0 };

	if (unit_list(s, UNIT_GOVERNMENT_CODE, &all, &e) != 0 ||
	    compliance_load(s, 0, 1, 2026, 2026, &c, &e) != 0)
		fail_msg("%s", e.msg);
	assert_true(all.n > 50);
	assert_int_equal(c.nunits, all.n);
	assert_int_equal(c.office_type, UNIT_GOVERNMENT);
	for (size_t i = 0; i < all.n; i++) {
		const struct unit *u = (const struct unit *)all.items + i;

		assert_string_equal(c.units[i].code, u->code);
		assert_string_equal(c.units[i].parent, u->parent);
		assert_int_equal(c.units[i].type, u->type);
	}
	rec_array_free(&unit_kind, &all);
	compliance_free(&c);
}

/* The Government's store: G-3 for central issues, beside. */
static void
test_due_count_government(void **state)
{
	char *dir;
	struct store *s;
	struct kz_error e = { 0 };
	struct seen seen = { 0 };
	struct kato_table kt = { 0 };
	struct unit_import_stats st;
	kz_date base = day("2026-01-05");

	(void)state;
	srand(2026);
	set_now(base);
	s = test_store(&dir);
	if (node_init(s, "000000000", &e) != 0 ||
	    kato_parse(demo_units_csv, strlen(demo_units_csv), "sample", &kt, &e) != 0 ||
	    unit_import(s, &kt, "2026-07-17", false, &st, &e) != 0)
		fail_msg("%s", e.msg);
	kato_table_free(&kt);
	assert_units_are_listed(s);
	add_issues(s, "000000000", base + 5, 300, true);
	for (int k = 0; k < 6; k++)
		assert_count_is_due(s, base + 45 * k, 0, &seen);
	assert_true(seen.g3 > 0 && seen.a3_overdue > 0 && seen.a2_overdue > 0);
	store_close(&s);
	test_rmdir(dir);
	unsetenv("KEZDESU_NOW");
}

static int
add_big_fn(struct store_txn *t, void *arg)
{
	size_t n = *(size_t *)arg;
	char *note = xmalloc(7001);

	memset(note, 'a', 7000);
	note[7000] = '\0';
	for (size_t i = 0; i < n; i++) {
		struct issue is;
		int rc;

		issue_init(&is);
		is.title = xasprintf("Мәселе %zu", i);
		is.status = ISSUE_IN_WORK;
		is.deadline = day("2026-02-01") + (kz_date)(i % 50);	/* all within the window */
		issue_add_progress(&is, "2026-Q1", note, 0);
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

/*
 * Memory stays flat: 4,000 open issues of 7 KB each (28 MB held at once, the way
 * compliance_due reads them) are counted under a limit of 12 MiB more private memory than
 * the process has (RLIMIT_DATA), in a child so that the limit ends with it. Under
 * AddressSanitizer, whose shadow and quarantine are private memory too, without the limit:
 * the count is still checked there.
 */
static void
test_due_count_memory_is_flat(void **state)
{
	char *dir;
	struct store *s;
	struct kz_error e = { 0 };
	size_t n = 4000;
	pid_t pid;

	(void)state;
	set_now(day("2026-01-10"));
	s = test_district_store(&dir);
	if (store_write(s, add_big_fn, &n, &e) != 0)
		fail_msg("%s", e.msg);
	unsetenv("KEZDESU_NOW");
	/* LMDB's environment is not used across fork: the child opens the store itself. */
	store_close(&s);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct compliance c;
		struct rules_findings f;
		struct compliance_count cn;

		if (store_open(dir, 0, &s, &e) != 0)
			_exit(4);
		if (test_limit_data((rlim_t)12 << 20) != 0)
			_exit(3);
		if (compliance_due_count(s, day("2026-03-01"), 0, NULL, NULL, &c, &f, &cn,
		    &e) != 0)
			_exit(2);
		/* every issue counted: 4,000 overdue or pending, and the office's A-4 */
		_exit(cn.status[RULES_OVERDUE] + cn.status[RULES_PENDING] >= n &&
		    cn.status[RULES_OVERDUE] + cn.status[RULES_PENDING] <= n + 4 ? 0 : 1);
	}
	test_wait_ok(pid);
	test_rmdir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_due_count_demo),
		cmocka_unit_test(test_due_count_district_issues),
		cmocka_unit_test(test_due_count_government),
		cmocka_unit_test(test_due_count_memory_is_flat),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
