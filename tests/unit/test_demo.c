/* core/demo: the demo store is built through core alone, no command line involved. */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

#include "core/announce.h"
#include "core/commission.h"
#include "core/compliance.h"
#include "core/demo.h"
#include "core/issue.h"
#include "core/node.h"
#include "core/question.h"
#include "core/reception.h"
#include "core/request.h"
#include "core/unit.h"
#include "core/visit.h"

static void
test_demo_build(void **state)
{
	char *dir = test_tmpdir();
	struct kz_error e = { 0 };
	struct rec_array units = { 0 }, visits = { 0 }, issues = { 0 }, qs = { 0 };
	struct store *s = NULL;
	struct node n;
	kz_date today = compliance_today();
	size_t held = 0;

	(void)state;
	assert_int_equal(store_open(dir, STORE_CREATE, &s, &e), 0);
	if (demo_build(s, &e) != 0)
		fail_msg("demo_build: %s", e.msg);
	assert_int_equal(node_get(s, &n, &e), 0);
	assert_string_equal(n.unit, "613600000");	/* Tolebi district, data/sample-district.csv */
	assert_int_equal(unit_list(s, n.unit, &units, &e), 0);
	assert_true(units.n > 10);
	assert_int_equal(visit_list(s, today - 400, today + 400, &visits, &e), 0);
	assert_true(visits.n > 10);
	for (size_t i = 0; i < visits.n; i++)
		held += ((const struct visit *)visits.items)[i].status == VISIT_HELD;
	assert_true(held > 0 && held < visits.n);	/* a year around today: past and future */
	assert_int_equal(question_list(s, NULL, 0, &qs, &e), 0);
	assert_true(qs.n >= 4 * held);
	assert_int_equal(issue_list(s, -1, &issues, &e), 0);
	assert_true(issues.n > 0);
	rec_array_free(&unit_kind, &units);
	rec_array_free(&visit_kind, &visits);
	rec_array_free(&question_kind, &qs);
	rec_array_free(&issue_kind, &issues);
	store_close(&s);
	test_rmdir(dir);
}

/* The count of category among a visit's attendance (M-2). */
static int
attended(const struct visit *v, int category)
{
	for (size_t i = 0; i < v->nattendance; i++)
		if (v->attendance[i].category == category)
			return v->attendance[i].count;
	return 0;
}

/*
 * The meetings held: M-2 attendance with deputies on most and whom the office invited,
 * P-3 channels of the decree's list, B-1 broadcasts with comments open on most and one
 * with the reason there was none, A-1 receptions after most, A-3 results published.
 */
static void
assert_meetings(struct store *s, kz_date today)
{
	struct rec_array visits = { 0 }, receptions = { 0 }, qs = { 0 };
	struct kz_error e = { 0 };
	size_t held = 0, deputies = 0, invited = 0, open = 0, no_broadcast = 0, received = 0;
	size_t announced = 0, listed = 0, from_reception = 0;

	assert_int_equal(visit_list(s, DATE_NONE, DATE_NONE, &visits, &e), 0);
	for (size_t i = 0; i < visits.n; i++) {
		const struct visit *v = (const struct visit *)visits.items + i;

		if (v->channels != NULL) {
			char *c = strdup(v->channels);

			announced++;
			/* P-3: names of the list, in its order: normalising changes nothing. */
			if (announce_channels_normalise(&c, &e) == 0 && strcmp(c, v->channels) == 0)
				listed++;
			free(c);
		}
		if (v->status != VISIT_HELD)
			continue;
		held++;
		deputies += attended(v, AUD_DEPUTY) > 0;
		invited += v->invited != NULL;
		open += v->broadcast != NULL && v->comments == COMMENTS_OPEN;
		no_broadcast += v->no_broadcast != NULL;
		received += v->receptions_end != DATE_NONE;
		assert_true(v->date < today);
	}
	assert_true(held > 50);
	assert_int_equal(listed, announced);
	assert_true(deputies * 4 > held * 3);		/* M-2: deputies on most */
	assert_true(invited * 4 > held * 3);
	assert_true(open * 5 > held * 4);		/* B-1: most broadcast, comments open */
	assert_int_equal(no_broadcast, 1);		/* B-1: one not possible, with why */
	assert_true(received * 4 > held * 3);		/* receptions after most */
	assert_int_equal(reception_list(s, NULL, &receptions, &e), 0);
	assert_int_equal(receptions.n, received);
	assert_int_equal(question_list(s, NULL, 0, &qs, &e), 0);
	for (size_t i = 0; i < qs.n; i++)
		from_reception += ((const struct question *)qs.items)[i].source == QS_RECEPTION;
	assert_true(from_reception >= received);	/* questions asked there */
	rec_array_free(&visit_kind, &visits);
	rec_array_free(&reception_kind, &receptions);
	rec_array_free(&question_kind, &qs);
}

/*
 * The issues: most of those past their deadline resolved or explained, a handful overdue;
 * most steps done on time, some late; A-2 financing with amounts and one session's
 * decision; G-3 issues of level central with the body and quarterly progress.
 */
static void
assert_issues(struct store *s, kz_date today)
{
	struct rec_array issues = { 0 };
	struct kz_error e = { 0 };
	size_t past = 0, closed = 0, overdue = 0, steps = 0, on_time = 0, late = 0;
	size_t financing = 0, decided = 0, central = 0;

	assert_int_equal(issue_list(s, -1, &issues, &e), 0);
	for (size_t i = 0; i < issues.n; i++) {
		const struct issue *is = (const struct issue *)issues.items + i;

		if (is->deadline < today) {
			past++;
			closed += is->status == ISSUE_RESOLVED || is->status == ISSUE_EXPLAINED;
		}
		overdue += issue_overdue(is, today);
		for (size_t k = 0; k < is->nsteps; k++) {
			const struct issue_step *st = &is->steps[k];

			if (st->deadline >= today)
				continue;
			steps++;
			on_time += st->done && st->done_on <= st->deadline;
			late += st->done && st->done_on > st->deadline;
		}
		if (is->needs_session) {
			financing++;
			assert_true(is->amount > 0);
			decided += is->decision != NULL && is->session_date <= today;
		}
		if (is->level == LEVEL_CENTRAL) {
			central++;
			assert_non_null(is->body);
			assert_true(is->nprogress > 0);
			assert_true(issue_is_open(is->status));
		}
	}
	assert_true(past > 20 && closed * 4 > past * 3);
	assert_true(overdue > 0 && overdue <= 12);	/* a handful, not hundreds */
	assert_true(on_time * 5 > steps * 4);
	assert_true(late > 0);
	assert_true(financing >= 2);
	assert_int_equal(decided, 1);
	assert_true(central >= 1 && central <= 2);
	rec_array_free(&issue_kind, &issues);
}

/*
 * What the office has to do (due): a believable list, mostly ahead, a handful overdue;
 * the old demo, whose every step of a plan was never done, owed some 240.
 */
static void
assert_due(struct store *s, kz_date today)
{
	struct compliance c;
	struct rules_findings f;
	struct kz_error e = { 0 };
	size_t overdue = 0;

	assert_int_equal(compliance_due(s, today, 0, &c, &f, &e), 0);
	for (size_t i = 0; i < f.n; i++)
		overdue += f.v[i].status == RULES_OVERDUE;
	assert_true(f.n < 60);
	assert_true(overdue > 0 && overdue <= 12);
	rules_findings_free(&f);
	compliance_free(&c);
}

/* P-1: the year's commission with community-assembly and public-council members. */
static void
assert_prep(struct store *s, kz_date today)
{
	struct rec_array requests = { 0 };
	struct calendar cal;
	struct kz_error e = { 0 };
	int y, m, d;
	unsigned cats;

	date_to_ymd(today, &y, &m, &d);
	assert_int_equal(commission_list(s, y, &cal, &e), 0);
	cats = commission_categories(&cal);
	assert_true(cats & 1u << CM_COMMUNITY);
	assert_true(cats & 1u << CM_PUBLIC_COUNCIL);
	calendar_free(&cal);
	/* P-2: requests in the pool, each with its channel and its meeting. */
	assert_int_equal(request_list(s, NULL, false, &requests, &e), 0);
	assert_true(requests.n > 20);
	for (size_t i = 0; i < requests.n; i++) {
		const struct question *q = (const struct question *)requests.items + i;

		assert_int_not_equal(q->channel, QC_NONE);
		assert_false(uid_is_nil(&q->visit));
	}
	rec_array_free(&question_kind, &requests);
}

/*
 * The demo is an office that works: P-1, P-2, P-3, M-2, B-1, A-1, A-2, A-3 and G-3 each
 * present, and as much to do as a real district office has. Checked on several days of
 * the year, as the demo is built around today.
 */
static void
test_demo_holds_the_whole_decree(void **state)
{
	static const char *const days[] = { "2026-03-16", "2026-07-01", "2026-12-01" };

	(void)state;
	for (size_t k = 0; k < sizeof days / sizeof days[0]; k++) {
		char *dir = test_tmpdir();
		struct kz_error e = { 0 };
		struct store *s = NULL;
		kz_date today;

		setenv("KEZDESU_NOW", days[k], 1);
		today = compliance_today();
		assert_int_equal(store_open(dir, STORE_CREATE, &s, &e), 0);
		if (demo_build(s, &e) != 0)
			fail_msg("demo_build on %s: %s", days[k], e.msg);
		assert_meetings(s, today);
		assert_issues(s, today);
		assert_due(s, today);
		assert_prep(s, today);
		store_close(&s);
		test_rmdir(dir);
	}
	unsetenv("KEZDESU_NOW");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_demo_build),
		cmocka_unit_test(test_demo_holds_the_whole_decree),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
