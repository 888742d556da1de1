/* Shared by the unit tests: temporary stores and cmocka's includes. */
#ifndef KZ_TESTUTIL_H
#define KZ_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "store/store.h"

/* A fresh directory under $TMPDIR; the caller removes it with test_rmdir. */
static inline char *
test_tmpdir(void)
{
	const char *base = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	char *dir = malloc(strlen(base) + 32);

	sprintf(dir, "%s/kz-test-XXXXXX", base);
	assert_non_null(mkdtemp(dir));
	return dir;
}

static inline void
test_rmdir(char *dir)
{
	char cmd[512];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	free(dir);
}

static inline int
test_node_fn(struct store_txn *t, void *arg)
{
	uint8_t node[16];

	(void)arg;
	for (int i = 0; i < 16; i++)
		node[i] = (uint8_t)rand();
	return store_meta_put(t, "node", node, 16);
}

/* Opens (creating) a store in a fresh directory, with a node identity of its own. */
static inline struct store *
test_store(char **dir)
{
	struct store *s = NULL;
	struct kz_error e = { 0 };

	*dir = test_tmpdir();
	if (store_open(*dir, STORE_CREATE, &s, &e) != 0)
		fail_msg("store_open: %s", e.msg);
	if (store_write(s, test_node_fn, NULL, &e) != 0)
		fail_msg("store_write: %s", e.msg);
	store_set_author(s, "tester", "Тестов Т.");
	return s;
}

#endif
