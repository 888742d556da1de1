/*
 * ui/meet: meeting mode's pure parts (issue 8): the topic keys' choice of the office's
 * most used topics, and the draft file's format (parse(format(x)) == x, and what is not
 * a draft is refused with its line), written 0600 and read back.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "ui/meet.h"
#include "util/xmalloc.h"

static void
topics_most_used_first(void **state)
{
	const char *t[] = { "жол", "су", NULL, "жол", "", "газ", "су", "жол", "мектеп", "свет" };
	struct meet_topics m = { 0 };

	(void)state;
	meet_topics_rank(t, sizeof t / sizeof t[0], &m);
	assert_int_equal(m.n, MEET_TOPIC_KEYS);
	assert_string_equal(m.v[0], "жол");	/* 3 */
	assert_string_equal(m.v[1], "су");	/* 2 */
	/* once each: the one used last first */
	assert_string_equal(m.v[2], "свет");
	assert_string_equal(m.v[3], "мектеп");
	meet_topics_free(&m);
	assert_int_equal(m.n, 0);
}

static void
topics_few_and_none(void **state)
{
	const char *t[] = { NULL, "", "су", "су" };
	struct meet_topics m = { 0 };

	(void)state;
	meet_topics_rank(t, 4, &m);
	assert_int_equal(m.n, 1);
	assert_string_equal(m.v[0], "су");
	meet_topics_rank(t, 2, &m);	/* replaces, frees the old */
	assert_int_equal(m.n, 0);
	meet_topics_rank(NULL, 0, &m);
	assert_int_equal(m.n, 0);
}

static void
draft_round_trip(void **state)
{
	struct kz_uuid v, back;
	const char *text = "Жолды жөндеу керек — дорогу ремонтировать";
	size_t len;
	int64_t ms;
	char *buf, *got, why[128];

	(void)state;
	uid_new(&v, 1764568800000);
	buf = meet_draft_format(&v, 1764568800123, text, strlen(text), &len);
	assert_int_equal(meet_draft_parse(buf, len, &back, &ms, &got, why, sizeof why), 0);
	assert_memory_equal(&v, &back, sizeof v);
	assert_int_equal(ms, 1764568800123);
	assert_string_equal(got, text);
	free(got);
	free(buf);
	/* an empty line is a draft too, of nothing */
	buf = meet_draft_format(&v, 5, "", 0, &len);
	assert_int_equal(meet_draft_parse(buf, len, &back, &ms, &got, why, sizeof why), 0);
	assert_string_equal(got, "");
	free(got);
	free(buf);
}

static void
draft_refused(void **state)
{
	static const struct {
		const char *s, *why;
	} bad[] = {
		{ "", "1: " },
		{ "kezdesu-draft 2\n", "1: " },
		{ "kezdesu-draft 1\nvisit nope\nsaved 1\ntext x\n", "2: " },
		{ "kezdesu-draft 1\nvisit 0190d6a2-7e9c-7abc-8def-0123456789zz\nsaved 1\ntext x\n",
		  "2: not a UUID" },
		{ "kezdesu-draft 1\nvisit 0190d6a2-7e9c-7abc-8def-0123456789ab\nsaved -4\ntext x\n",
		  "3: " },
		{ "kezdesu-draft 1\nvisit 0190d6a2-7e9c-7abc-8def-0123456789ab\nsaved 1x\ntext x\n",
		  "3: " },
		{ "kezdesu-draft 1\nvisit 0190d6a2-7e9c-7abc-8def-0123456789ab\nsaved 1\n", "4: " },
		{ "kezdesu-draft 1\nvisit 0190d6a2-7e9c-7abc-8def-0123456789ab\nsaved 1\ntext x\ny\n",
		  "5: " },
	};
	struct kz_uuid v;
	int64_t ms;
	char *got = NULL, why[128];

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		why[0] = '\0';
		assert_int_equal(meet_draft_parse(bad[i].s, strlen(bad[i].s), &v, &ms, &got, why,
		    sizeof why), -1);
		assert_null(got);
		assert_memory_equal(why, bad[i].why, strlen(bad[i].why));
	}
	assert_int_equal(meet_draft_parse("kezdesu-draft 1\0", 16, &v, &ms, &got, why,
	    sizeof why), -1);
}

static void
draft_file_private(void **state)
{
	char dir[] = "/tmp/kz-meet-XXXXXX", why[256], *path, *buf;
	struct kz_uuid v;
	struct stat st;
	size_t n;

	(void)state;
	assert_non_null(mkdtemp(dir));
	setenv("XDG_STATE_HOME", dir, 1);
	uid_new(&v, 1764568800000);
	path = meet_draft_path(&v);
	assert_non_null(path);
	assert_memory_equal(path, dir, strlen(dir));
	assert_int_equal(meet_draft_read(path, &buf, &n, why, sizeof why), 1);
	assert_int_equal(meet_draft_write(path, "abc", 3, why, sizeof why), 0);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(meet_draft_read(path, &buf, &n, why, sizeof why), 0);
	assert_int_equal(n, 3);
	assert_string_equal(buf, "abc");
	free(buf);
	/* written again: replaced whole */
	assert_int_equal(meet_draft_write(path, "x", 1, why, sizeof why), 0);
	assert_int_equal(meet_draft_read(path, &buf, &n, why, sizeof why), 0);
	assert_string_equal(buf, "x");
	free(buf);
	unlink(path);
	*strrchr(path, '/') = '\0';
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);
	rmdir(path);
	rmdir(dir);
	free(path);
	/* a relative XDG_STATE_HOME is ignored (XDG): HOME's */
	setenv("XDG_STATE_HOME", "rel", 1);
	setenv("HOME", "/home/x", 1);
	path = meet_draft_path(&v);
	assert_memory_equal(path, "/home/x/.local/state/kezdesu/draft-", 35);
	free(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(topics_most_used_first),
		cmocka_unit_test(topics_few_and_none),
		cmocka_unit_test(draft_round_trip),
		cmocka_unit_test(draft_refused),
		cmocka_unit_test(draft_file_private),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
