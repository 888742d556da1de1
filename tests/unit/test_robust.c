/*
 * What the rest of the suite could not see: a save that never reaches the disk, and error
 * paths that failed without saying why.
 */
#include "testutil.h"

#include <sys/syscall.h>
#include <unistd.h>

#include "cli/cmd.h"
#include "core/issue.h"
#include "core/question.h"

/*
 * LMDB (a shared library) calls fdatasync through the PLT, so this definition takes its
 * place: the test counts the syncs of one save.
 */
static int syncs;

int fdatasync(int fd);

int
fdatasync(int fd)
{
	syncs++;
	return (int)syscall(SYS_fdatasync, fd);
}

static int
put_fn(struct store_txn *t, void *arg)
{
	(void)arg;
	return store_meta_put(t, "probe", "1", 1);
}

static void
test_a_save_reaches_the_disk(void **state)
{
	struct kz_error e = { 0 };
	char *dir;
	struct store *s = test_store(&dir);

	(void)state;
	/* The environment is opened durable (no MDB_NOSYNC, NOMETASYNC or MAPASYNC) ... */
	assert_true(store_durable(s));
	/* ... and a save syncs before it returns. */
	syncs = 0;
	assert_int_equal(store_write(s, put_fn, NULL, &e), 0);
	assert_true(syncs >= 1);
	store_close(&s);
	/* So is a store opened again, as every command opens it. */
	assert_int_equal(store_open(dir, 0, &s, &e), 0);
	assert_true(store_durable(s));
	syncs = 0;
	assert_int_equal(store_write(s, put_fn, NULL, &e), 0);
	assert_true(syncs >= 1);
	store_close(&s);
	test_rmdir(dir);
}

static int
seek_long_fn(struct store_txn *t, void *arg)
{
	uint8_t prefix[600];
	struct store_cursor *c;
	int rc;

	(void)arg;
	memset(prefix, 'k', sizeof prefix);
	assert_int_equal(store_cursor_open(t, DB_META, &c), 0);
	rc = store_cursor_seek_last(c, prefix, sizeof prefix);
	store_cursor_close(&c);
	return rc;
}

static void
test_a_too_long_seek_says_why(void **state)
{
	struct kz_error e = { 0 };
	char *dir;
	struct store *s = test_store(&dir);

	(void)state;
	assert_int_equal(store_read(s, seek_long_fn, NULL, &e), -1);
	assert_non_null(strstr(e.msg, dir));
	assert_non_null(strstr(e.msg, "600 bytes"));
	store_close(&s);
	test_rmdir(dir);
}

/* An index entry shorter than a record key, as a damaged store might hold. */
static int
plant_short_key_fn(struct store_txn *t, void *arg)
{
	(void)arg;
	return store_put(t, DB_ISSUES_BY_STATUS, "\x00\x7f", 2, "", 0);
}

static void
test_a_damaged_index_says_which(void **state)
{
	struct kz_error e = { 0 };
	struct rec_array a = { 0 };
	char *dir;
	struct store *s = test_store(&dir);

	(void)state;
	assert_int_equal(store_write(s, plant_short_key_fn, NULL, &e), 0);
	assert_int_equal(issue_list(s, ISSUE_NEW, &a, &e), -1);
	assert_non_null(strstr(e.msg, dir));
	assert_non_null(strstr(e.msg, "index of issue"));
	rec_array_free(&issue_kind, &a);
	store_close(&s);
	test_rmdir(dir);
}

/* What cli_fail prints for a message, read back from stderr sent to a file. */
static void
cli_fail_prints(const char *msg, char *out, size_t n)
{
	struct cli c = { 0 };
	char *dir = test_tmpdir(), path[600];
	FILE *fp;
	int saved = dup(2);

	snprintf(path, sizeof path, "%s/err", dir);
	snprintf(c.cmd, sizeof c.cmd, "question list");
	snprintf(c.err.msg, sizeof c.err.msg, "%s", msg);
	fflush(stderr);
	assert_non_null(freopen(path, "w", stderr));
	assert_int_equal(cli_fail(&c), EXIT_FAIL);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	fp = fopen(path, "r");
	assert_non_null(fp);
	out[0] = '\0';
	assert_non_null(fgets(out, (int)n, fp));
	fclose(fp);
	test_rmdir(dir);
}

static void
test_no_error_is_printed_empty(void **state)
{
	char out[1024];

	(void)state;
	cli_fail_prints("store /x: cannot read", out, sizeof out);
	assert_string_equal(out, "kezdesu: store /x: cannot read\n");
	/* A path that forgot its message: the command is named, not a bare "kezdesu: ". */
	cli_fail_prints("", out, sizeof out);
	assert_non_null(strstr(out, "kezdesu: question list: failed, and no reason"));
	cli_fail_prints("stdin:3: ", out, sizeof out);
	assert_non_null(strstr(out, "kezdesu: stdin:3: question list: failed"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_a_save_reaches_the_disk),
		cmocka_unit_test(test_a_too_long_seek_says_why),
		cmocka_unit_test(test_a_damaged_index_says_which),
		cmocka_unit_test(test_no_error_is_printed_empty),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
