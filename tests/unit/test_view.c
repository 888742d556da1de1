/*
 * Read views: the newest questions of a meeting first (what the meeting screen shows),
 * pages that step backwards and forwards through a long list without loading it, several
 * lists from one snapshot, and the generation that tells a screen another process wrote.
 */
#include "testutil.h"
#include "district.h"

#include <sys/wait.h>
#include <unistd.h>

#include "core/issue.h"
#include "core/kato.h"
#include "core/node.h"
#include "core/question.h"
#include "core/unit.h"
#include "core/view.h"
#include "core/visit.h"

#define DISTRICT TEST_DISTRICT
#define OKRUG "613633000"
#define NQ 137

struct fixture {
	struct store *s;
	char *dir;
	struct kz_uuid visit, other;
	struct kz_uuid q[NQ];	/* the visit's questions, in the order asked */
};

static void
add_visit(struct store *s, struct kz_uuid *id)
{
	struct visit v;
	struct kz_error e;

	visit_init(&v);
	memcpy(v.akim, DISTRICT, 10);
	memcpy(v.target, OKRUG, 10);
	v.date = date_from_ymd(2026, 12, 8);
	v.duration_min = 120;
	if (visit_add(s, &v, &e) != 0)
		fail_msg("visit_add: %s", e.msg);
	*id = v.id;
	visit_free(&v);
}

static void
add_question(struct store *s, const struct kz_uuid *visit, int n, struct kz_uuid *id)
{
	struct question q;
	struct kz_error e;
	char text[64];

	question_init(&q);
	q.visit = *visit;
	snprintf(text, sizeof text, "Сұрақ %d: жол қашан жөнделеді?", n);
	q.text = strdup(text);
	if (question_add(s, &q, &e) != 0)
		fail_msg("question_add: %s", e.msg);
	if (id != NULL)
		*id = q.id;
	question_free(&q);
}

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);

	f->s = test_district_store(&f->dir);
	add_visit(f->s, &f->visit);
	add_visit(f->s, &f->other);
	/* Another meeting's questions interleaved: a page must not stray into them. */
	for (int i = 0; i < NQ; i++) {
		add_question(f->s, &f->visit, i, &f->q[i]);
		if (i % 3 == 0)
			add_question(f->s, &f->other, 1000 + i, NULL);
	}
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	store_close(&f->s);
	test_rmdir(f->dir);
	free(f);
	return 0;
}

static const struct question *
qat(const struct rec_array *a, size_t i)
{
	return (const struct question *)a->items + i;
}

static void
test_question_list_gives_the_newest_of_a_visit(void **state)
{
	struct fixture *f = *state;
	struct rec_array a = { 0 };
	struct kz_error e;

	assert_int_equal(question_list(f->s, &f->visit, 5, &a, &e), 0);
	assert_int_equal(a.n, 5);
	/* The newest five, in the order asked (the meeting screen shows the newest last). */
	for (size_t i = 0; i < 5; i++)
		assert_memory_equal(qat(&a, i)->id.b, f->q[NQ - 5 + i].b, 16);
	rec_array_free(&question_kind, &a);
}

static void
test_pages_walk_back_and_forth(void **state)
{
	struct fixture *f = *state;
	struct rec_cursor cur = { .valid = false };
	struct rec_array a = { 0 };
	struct view *v;
	struct kz_error e;
	size_t seen = 0, pages = 0;

	assert_int_equal(view_open(f->s, &v, &e), 0);
	/* Backwards from the newest, ten at a time, to the first question. */
	assert_int_equal(view_questions(v, &f->visit, &cur, PAGE_LAST, 10, &a, &e), 0);
	while (a.n > 0) {
		pages++;
		for (size_t i = 0; i < a.n; i++)
			assert_memory_equal(qat(&a, i)->id.b, f->q[NQ - seen - a.n + i].b, 16);
		seen += a.n;
		rec_array_free(&question_kind, &a);
		assert_int_equal(view_questions(v, &f->visit, &cur, PAGE_BEFORE, 10, &a, &e), 0);
	}
	assert_int_equal(seen, NQ);
	assert_int_equal(pages, (NQ + 9) / 10);
	/* At the start the cursor stays on the first page: forwards from there, to the end. */
	assert_int_equal(view_questions(v, &f->visit, &cur, PAGE_FIRST, 10, &a, &e), 0);
	seen = 0;
	while (a.n > 0) {
		for (size_t i = 0; i < a.n; i++)
			assert_memory_equal(qat(&a, i)->id.b, f->q[seen + i].b, 16);
		seen += a.n;
		rec_array_free(&question_kind, &a);
		assert_int_equal(view_questions(v, &f->visit, &cur, PAGE_AFTER, 10, &a, &e), 0);
	}
	assert_int_equal(seen, NQ);
	/* Back one page from the end: the page before the last. */
	assert_int_equal(view_questions(v, &f->visit, &cur, PAGE_BEFORE, 10, &a, &e), 0);
	assert_int_equal(a.n, 10);
	assert_memory_equal(qat(&a, 0)->id.b, f->q[NQ - 7 - 10].b, 16);
	rec_array_free(&question_kind, &a);
	view_close(&v);
}

static void
test_a_view_is_one_snapshot_and_notices_commits(void **state)
{
	struct fixture *f = *state;
	struct rec_cursor cur = { .valid = false };
	struct rec_array a = { 0 };
	struct view *v;
	struct kz_error e;

	assert_int_equal(view_open(f->s, &v, &e), 0);
	assert_false(view_stale(v));
	/* Another process saves a question meanwhile. */
	pid_t pid = fork();
	int st;

	if (pid == 0) {
		struct store *other;

		if (store_open(f->dir, 0, &other, &e) != 0)
			_exit(2);
		add_question(other, &f->visit, 9999, NULL);
		store_close(&other);
		_exit(0);
	}
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	assert_true(view_stale(v));
	/* And this one too, through the same handle, while its view is open (a screen). */
	add_question(f->s, &f->visit, 10000, NULL);
	/* The view still reads the state it was opened at. */
	assert_int_equal(view_questions(v, &f->visit, &cur, PAGE_LAST, 1, &a, &e), 0);
	assert_memory_equal(qat(&a, 0)->id.b, f->q[NQ - 1].b, 16);
	rec_array_free(&question_kind, &a);
	view_close(&v);
	/* A new view sees it. */
	cur.valid = false;
	assert_int_equal(view_open(f->s, &v, &e), 0);
	assert_false(view_stale(v));
	assert_int_equal(view_questions(v, &f->visit, &cur, PAGE_LAST, 2, &a, &e), 0);
	/* Two processes in one millisecond: either may sort first. */
	assert_int_equal(a.n, 2);
	assert_true((strstr(qat(&a, 0)->text, "9999") && strstr(qat(&a, 1)->text, "10000")) ||
	    (strstr(qat(&a, 0)->text, "10000") && strstr(qat(&a, 1)->text, "9999")));
	rec_array_free(&question_kind, &a);
	view_close(&v);
}

/* Visits page by their date, not by when they were added. */
static void
test_visits_page_by_date(void **state)
{
	struct fixture *f = *state;
	struct rec_cursor cur = { .valid = false };
	struct rec_array a = { 0 };
	struct kz_uuid late, early;
	struct view *v;
	struct kz_error e;
	struct visit vi;

	(void)state;
	visit_init(&vi);
	memcpy(vi.akim, DISTRICT, 10);
	memcpy(vi.target, OKRUG, 10);
	vi.date = date_from_ymd(2027, 3, 1);
	assert_int_equal(visit_add(f->s, &vi, &e), 0);
	late = vi.id;
	visit_free(&vi);
	visit_init(&vi);
	memcpy(vi.akim, DISTRICT, 10);
	memcpy(vi.target, OKRUG, 10);
	vi.date = date_from_ymd(2026, 1, 15);
	assert_int_equal(visit_add(f->s, &vi, &e), 0);
	early = vi.id;
	visit_free(&vi);
	assert_int_equal(view_open(f->s, &v, &e), 0);
	/* The fixture's two meetings are on 8 December 2026: between these two. */
	assert_int_equal(view_visits(v, &cur, PAGE_FIRST, 2, &a, &e), 0);
	assert_int_equal(a.n, 2);
	assert_memory_equal(((struct visit *)a.items)[0].id.b, early.b, 16);
	rec_array_free(&visit_kind, &a);
	assert_int_equal(view_visits(v, &cur, PAGE_AFTER, 2, &a, &e), 0);
	assert_int_equal(a.n, 2);
	assert_memory_equal(((struct visit *)a.items)[1].id.b, late.b, 16);
	rec_array_free(&visit_kind, &a);
	assert_int_equal(view_visits(v, &cur, PAGE_AFTER, 2, &a, &e), 0);
	assert_int_equal(a.n, 0);
	view_close(&v);
}

static int
withdraw_issue(struct issue *i, void *arg, struct kz_error *e)
{
	(void)arg;
	(void)e;
	i->withdrawn = true;
	return 0;
}

static void
test_issue_pages_leave_withdrawn_out_without_short_pages(void **state)
{
	struct fixture *f = *state;
	struct rec_cursor cur = { .valid = false };
	struct rec_array a = { 0 };
	struct kz_uuid ids[30];
	struct view *v;
	struct kz_error e;
	char title[32];

	for (int i = 0; i < 30; i++) {
		struct issue is;

		issue_init(&is);
		snprintf(title, sizeof title, "Мәселе %d", i);
		is.title = strdup(title);
		assert_int_equal(issue_add(f->s, &is, &e), 0);
		ids[i] = is.id;
		issue_free(&is);
	}
	/* The newest eight withdrawn: the newest page must still hold five live issues. */
	for (int i = 22; i < 30; i++)
		assert_int_equal(issue_modify(f->s, &ids[i], withdraw_issue, NULL, NULL, &e), 0);
	assert_int_equal(view_open(f->s, &v, &e), 0);
	assert_int_equal(view_issues(v, -1, &cur, PAGE_LAST, 5, &a, &e), 0);
	assert_int_equal(a.n, 5);
	for (size_t i = 0; i < 5; i++)
		assert_memory_equal(((struct issue *)a.items)[i].id.b, ids[17 + i].b, 16);
	rec_array_free(&issue_kind, &a);
	assert_int_equal(view_issues(v, -1, &cur, PAGE_BEFORE, 5, &a, &e), 0);
	assert_int_equal(a.n, 5);
	assert_memory_equal(((struct issue *)a.items)[0].id.b, ids[12].b, 16);
	rec_array_free(&issue_kind, &a);
	/* By status: the index, in the order made. */
	cur.valid = false;
	assert_int_equal(view_issues(v, ISSUE_NEW, &cur, PAGE_FIRST, 3, &a, &e), 0);
	assert_int_equal(a.n, 3);
	assert_memory_equal(((struct issue *)a.items)[0].id.b, ids[0].b, 16);
	rec_array_free(&issue_kind, &a);
	view_close(&v);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_question_list_gives_the_newest_of_a_visit,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_pages_walk_back_and_forth, setup, teardown),
		cmocka_unit_test_setup_teardown(test_a_view_is_one_snapshot_and_notices_commits,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_issue_pages_leave_withdrawn_out_without_short_pages,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_visits_page_by_date, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
