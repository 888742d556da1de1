/*
 * ui/sync_files: the Sync screen's mounted drives (the directories under /media/USER and
 * /run/media/USER) and the bundles of a directory (*.kzb regular files), on directories
 * made here.
 */
#include <fcntl.h>
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

#include "ui/sync_files.h"
#include "util/xmalloc.h"

static char *
tmpdir(void)
{
	char *d = xstrdup("/tmp/kz-syncf.XXXXXX");

	assert_non_null(mkdtemp(d));
	return d;
}

static void
touch(const char *dir, const char *name, const char *text)
{
	char *p = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(p, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	free(p);
}

static void
sub(const char *dir, const char *name)
{
	char *p = xasprintf("%s/%s", dir, name);

	assert_int_equal(mkdir(p, 0700), 0);
	free(p);
}

static void
rm_rf(const char *dir)
{
	char *cmd = xasprintf("rm -rf '%s'", dir);

	assert_int_equal(system(cmd), 0);
	free(cmd);
}

static void
roots_of_user(void **state)
{
	char *r[2];

	(void)state;
	syncf_mount_roots("aigerim", r);
	assert_string_equal(r[0], "/media/aigerim");
	assert_string_equal(r[1], "/run/media/aigerim");
	free(r[0]);
	free(r[1]);
	/* no user given: the login's, never a path */
	setenv("USER", "../etc", 1);
	syncf_mount_roots(NULL, r);
	assert_null(strstr(r[0], ".."));
	free(r[0]);
	free(r[1]);
	setenv("USER", "bolat", 1);
	syncf_mount_roots(NULL, r);
	assert_string_equal(r[0], "/media/bolat");
	free(r[0]);
	free(r[1]);
}

static void
mounts_are_directories_of_both_roots(void **state)
{
	char *top = tmpdir(), *roots[3];
	struct syncf_list l;

	(void)state;
	roots[0] = xasprintf("%s/media", top);
	roots[1] = xasprintf("%s/run-media", top);
	roots[2] = xasprintf("%s/missing", top);
	sub(top, "media");
	sub(top, "run-media");
	sub(roots[0], "STICK");
	sub(roots[0], "ФЛЕШКА");
	sub(roots[0], ".hidden");
	touch(roots[0], "not-a-dir", "x");
	sub(roots[1], "USB");
	syncf_mounts(roots, 3, &l);
	assert_int_equal(l.n, 3);
	{
		char *want0 = xasprintf("%s/media/STICK", top);
		char *want1 = xasprintf("%s/media/ФЛЕШКА", top);
		char *want2 = xasprintf("%s/run-media/USB", top);

		assert_string_equal(l.v[0].name, want0);
		assert_string_equal(l.v[1].name, want1);
		assert_string_equal(l.v[2].name, want2);
		free(want0);
		free(want1);
		free(want2);
	}
	syncf_list_free(&l);
	assert_int_equal(l.n, 0);
	/* no root exists: nothing, no error */
	syncf_mounts(roots + 2, 1, &l);
	assert_int_equal(l.n, 0);
	syncf_list_free(&l);
	for (int i = 0; i < 3; i++)
		free(roots[i]);
	rm_rf(top);
	free(top);
}

static void
bundles_of_a_directory(void **state)
{
	char *top = tmpdir(), *missing;
	struct syncf_list l;
	struct kz_error e = { 0 };

	(void)state;
	touch(top, "b-to-613600000.kzb", "12345");
	touch(top, "a.kzb", "");
	touch(top, "notes.txt", "x");
	touch(top, ".hidden.kzb", "x");
	touch(top, "kzb", "x");
	touch(top, ".kzb", "x");
	sub(top, "dir.kzb");
	assert_int_equal(syncf_bundles(top, &l, &e), 0);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.v[0].name, "a.kzb");
	assert_int_equal(l.v[0].size, 0);
	assert_string_equal(l.v[1].name, "b-to-613600000.kzb");
	assert_int_equal(l.v[1].size, 5);
	assert_true(l.v[1].mtime > 0);
	syncf_list_free(&l);
	/* a directory that cannot be read: its name and why */
	missing = xasprintf("%s/nowhere", top);
	assert_int_equal(syncf_bundles(missing, &l, &e), -1);
	assert_non_null(strstr(e.msg, missing));
	assert_non_null(strstr(e.msg, "No such file"));
	assert_int_equal(l.n, 0);
	free(missing);
	rm_rf(top);
	free(top);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(roots_of_user),
		cmocka_unit_test(mounts_are_directories_of_both_roots),
		cmocka_unit_test(bundles_of_a_directory),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
