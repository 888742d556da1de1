/*
 * core/conflict.c: a resolved conflict stays resolved when the same conflict is noticed
 * again (the same change met a second time, from another office), and resolving twice is
 * refused.
 */
#include "testutil.h"

#include "core/conflict.h"
#include "core/issue.h"
#include "store/state.h"

struct note_args {
	uint8_t key[16];
};

static int
note_fn(struct store_txn *t, void *arg)
{
	struct note_args *a = arg;
	struct rec_key k = { .n = 0 };
	struct stamp loser = { .hlc = (uint64_t)1796155280440 << 16 };
	uint8_t path[8];
	size_t plen = state_path_tag(path, 4);

	memset(loser.origin, 0x42, 16);
	rec_key_bytes(&k, a->key, 16);
	return conflict_note_tx(t, &issue_kind, &k, path, plen, &loser, true,
	    (const uint8_t *)"\x22\x01x", 3);
}

static struct conflict *
only_conflict(struct store *s, struct rec_array *a)
{
	struct kz_error e = { 0 };

	memset(a, 0, sizeof *a);
	if (conflict_list(s, a, &e) != 0)
		fail_msg("conflict_list: %s", e.msg);
	assert_int_equal(a->n, 1);
	return (struct conflict *)a->items;
}

static void
test_resolved_stays_resolved(void **state)
{
	struct note_args na;
	struct kz_error e = { 0 };
	struct rec_array a;
	struct conflict *c;
	struct kz_uuid id;
	char *dir;
	struct store *s = test_store(&dir);

	(void)state;
	for (int i = 0; i < 16; i++)
		na.key[i] = (uint8_t)(0x10 + i);
	if (store_write(s, note_fn, &na, &e) != 0)
		fail_msg("note: %s", e.msg);
	c = only_conflict(s, &a);
	assert_false(c->resolved);
	id = c->id;
	rec_array_free(&conflict_kind, &a);

	if (conflict_resolve(s, &id, CONFLICT_KEEP_MINE, NULL, &e) != 0)
		fail_msg("resolve: %s", e.msg);
	c = only_conflict(s, &a);
	assert_true(c->resolved);
	assert_string_equal(c->kept, "mine");
	rec_array_free(&conflict_kind, &a);

	/* Noticed again: the mark must survive. */
	if (store_write(s, note_fn, &na, &e) != 0)
		fail_msg("note again: %s", e.msg);
	c = only_conflict(s, &a);
	assert_true(c->resolved);
	assert_string_equal(c->kept, "mine");
	rec_array_free(&conflict_kind, &a);

	assert_int_equal(conflict_resolve(s, &id, CONFLICT_KEEP_THEIRS, NULL, &e), -1);
	assert_non_null(strstr(e.msg, "already resolved (mine)"));
	store_close(&s);
	test_rmdir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_resolved_stays_resolved),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
