/* core/demo: the demo store is built through core alone, no command line involved. */
#include "testutil.h"

#include "core/compliance.h"
#include "core/demo.h"
#include "core/issue.h"
#include "core/node.h"
#include "core/question.h"
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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_demo_build),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
