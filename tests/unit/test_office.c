/* core/office: the context clients open instead of the store. */
#include "testutil.h"

#include "core/node.h"
#include "core/office.h"

struct author {
	char user[64], official[128];
};

/* Reads who this write transaction's changes are recorded under. */
static int
author_fn(struct store_txn *t, void *arg)
{
	struct author *a = arg;
	const char *u = store_txn_user(t), *o = store_txn_official(t);

	snprintf(a->user, sizeof a->user, "%s", u != NULL ? u : "(none)");
	snprintf(a->official, sizeof a->official, "%s", o != NULL ? o : "(none)");
	return 0;
}

static void
test_office_open_author_identity(void **state)
{
	char *dir = test_tmpdir();
	struct kz_error e = { 0 };
	struct office *o = NULL;
	struct author a;
	struct node n;
	uint64_t gen;

	(void)state;
	/* Without OFFICE_CREATE an empty directory is no store. */
	assert_int_equal(office_open(dir, 0, &o, &e), -1);
	assert_null(o);
	assert_int_equal(office_open(dir, OFFICE_CREATE, &o, &e), 0);
	assert_non_null(office_store(o));
	assert_false(office_read_only(o));
	assert_non_null(office_user(o));
	assert_null(office_official(o));
	assert_string_equal(office_dir(o), dir);
	assert_int_equal(office_node(o, &n, &e), -1);
	assert_non_null(strstr(e.msg, "not initialised"));

	gen = office_generation(o);
	assert_int_equal(node_init(office_store(o), "613600000", &e), 0);
	assert_true(office_generation(o) > gen);
	assert_int_equal(office_node(o, &n, &e), 0);
	assert_memory_equal(n.unit, "613600000", 10);

	/* The official's name is the author of the office's next changes at once. */
	assert_int_equal(office_set_official(o, "Айгерім Серікқызы", &e), 0);
	assert_string_equal(office_official(o), "Айгерім Серікқызы");
	assert_int_equal(store_write(office_store(o), author_fn, &a, &e), 0);
	assert_string_equal(a.user, office_user(o));
	assert_string_equal(a.official, "Айгерім Серікқызы");
	office_close(&o);
	assert_null(o);
	office_close(&o);

	/* ... and of every later session of the same user. */
	assert_int_equal(office_open(dir, OFFICE_RDONLY, &o, &e), 0);
	assert_true(office_read_only(o));
	assert_string_equal(office_official(o), "Айгерім Серікқызы");
	assert_int_equal(office_node(o, &n, &e), 0);
	assert_int_equal(office_set_official(o, "", &e), -1);
	office_close(&o);

	assert_int_equal(office_open(dir, 0, &o, &e), 0);
	assert_int_equal(office_set_official(o, "", &e), 0);
	assert_true(office_official(o) == NULL || office_official(o)[0] == '\0');
	assert_int_equal(store_write(office_store(o), author_fn, &a, &e), 0);
	assert_true(strcmp(a.official, "(none)") == 0 || a.official[0] == '\0');
	office_close(&o);
	test_rmdir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_office_open_author_identity),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
