/*
 * ui/key and ui/keymap: key names parsed and printed canonically, the bind language and
 * each of its errors (FILE:LINE), contexts and their chain, source, duplicates, and the
 * built-in keymaps read through the same parser.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "ui/action.h"
#include "ui/key.h"
#include "ui/keymap.h"

static key_code
parse(const char *s)
{
	key_code k = K_NONE;
	char why[160];

	assert_int_equal(key_parse(s, &k, why, sizeof why), 0);
	return k;
}

static void
parse_fails(const char *s, const char *want)
{
	key_code k;
	char why[160] = "";

	assert_int_equal(key_parse(s, &k, why, sizeof why), -1);
	if (strstr(why, want) == NULL)
		fail_msg("key '%s': got '%s', want '%s'", s, why, want);
}

static void
test_key_names_round_trip(void **state)
{
	static const char *const names[] = {
		"a", "Z", "?", "/", "ә", "Қ", "ң", "і", "ё", "Enter", "Tab", "BTab", "Space",
		"Escape", "Backspace", "Delete", "Home", "End", "PageUp", "PageDown", "Up",
		"Down", "Left", "Right", "Insert", "F1", "F5", "F12", "C-a", "C-x", "C-z",
		"C-Space", "C-\\", "C-]", "M-x", "M-Enter", "M-F5", "C-M-x", "M-ә", "M-Tab",
	};
	char buf[K_NAME_MAX];

	(void)state;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		assert_string_equal(key_format(parse(names[i]), buf), names[i]);
}

static void
test_key_aliases_print_canonically(void **state)
{
	static const char *const pairs[][2] = {
		{ "Return", "Enter" }, { "Esc", "Escape" }, { "BSpace", "Backspace" },
		{ "DC", "Delete" }, { "IC", "Insert" }, { "PgUp", "PageUp" }, { "NPage", "PageDown" },
		{ "C-i", "Tab" }, { "C-m", "Enter" }, { "C-[", "Escape" }, { "C-h", "Backspace" },
		{ "C-X", "C-x" }, { "M-C-x", "C-M-x" }, { " ", "Space" }, { "enter", "Enter" },
		{ "C-@", "C-Space" },
	};
	char buf[K_NAME_MAX];

	(void)state;
	for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++)
		assert_string_equal(key_format(parse(pairs[i][0]), buf), pairs[i][1]);
}

static void
test_key_from_terminal_chars(void **state)
{
	(void)state;
	assert_int_equal(key_from_char(0x09), K_TAB);
	assert_int_equal(key_from_char(0x0d), K_ENTER);
	assert_int_equal(key_from_char(0x0a), K_ENTER);
	assert_int_equal(key_from_char(0x7f), K_BACKSPACE);
	assert_int_equal(key_from_char(0x01), parse("C-a"));
	assert_int_equal(key_from_char(0x18), parse("C-x"));
	assert_int_equal(key_from_char(0x04d9), parse("ә"));
	assert_true(key_is_text(parse("ә")));
	assert_true(key_is_text(parse("Space")));
	assert_false(key_is_text(parse("M-a")));
	assert_false(key_is_text(parse("C-a")));
	assert_false(key_is_text(parse("F1")));
}

static void
test_key_bad_names(void **state)
{
	(void)state;
	parse_fails("Foo", "unknown key name 'Foo'");
	parse_fails("ab", "unknown key name 'ab'");
	parse_fails("F13", "no function key F13");
	parse_fails("F0", "unknown key name");
	parse_fails("C-1", "no such control key");
	parse_fails("C-C-x", "C- given twice");
	parse_fails("", "empty key name");
	parse_fails("M-Foo", "'M-Foo': unknown key name 'Foo'");
	parse_fails("\xd0", "unknown key name");
}

/* A keymap with the real action table and the defaults. */
static void
defaults(struct keymap *km)
{
	action_keymap_defaults(km);
}

static int
lookup(const struct keymap *km, enum km_context ctx, const char *key)
{
	return keymap_lookup(km, ctx, parse(key));
}

static void
test_defaults_and_chain(void **state)
{
	struct keymap km;

	(void)state;
	defaults(&km);
	/* global from everywhere, list from the panes, a pane's own key only there */
	assert_int_equal(lookup(&km, KM_VISITS, "F10"), A_QUIT);
	assert_int_equal(lookup(&km, KM_TRIAGE, "F1"), A_HELP);
	assert_int_equal(lookup(&km, KM_GLOBAL, "?"), A_HELP);
	assert_int_equal(lookup(&km, KM_VISITS, "Down"), A_DOWN);
	assert_int_equal(lookup(&km, KM_INTAKE, "Enter"), A_OPEN);
	assert_int_equal(lookup(&km, KM_VISITS, "y"), A_YEAR_VIEW);
	assert_int_equal(lookup(&km, KM_TRIAGE, "y"), -1);
	assert_int_equal(lookup(&km, KM_GLOBAL, "Down"), -1);
	/*
	 * the editor's own keys come before list's: Enter there is not "open" but saves the
	 * question, Home is the line's; the list keys scroll the meeting's questions
	 */
	assert_int_equal(lookup(&km, KM_EDITOR, "Enter"), A_Q_SAVE);
	assert_int_equal(lookup(&km, KM_EDITOR, "Home"), A_ED_HOME);
	assert_int_equal(lookup(&km, KM_EDITOR, "Down"), A_DOWN);
	assert_int_equal(lookup(&km, KM_EDITOR, "PageUp"), A_PAGE_UP);
	assert_int_equal(lookup(&km, KM_EDITOR, "F10"), A_QUIT);
	/* a pane's binding comes before global's: q closes help, quits elsewhere */
	assert_int_equal(lookup(&km, KM_HELP, "q"), A_CLOSE_HELP);
	assert_int_equal(lookup(&km, KM_VISITS, "q"), A_QUIT);
	assert_true(keymap_in_chain(KM_VISITS, KM_GLOBAL));
	assert_true(keymap_in_chain(KM_EDITOR, KM_LIST));
	assert_false(keymap_in_chain(KM_FORM, KM_LIST));
	keymap_clear(&km);
}

/* Loads text named "user.keymap" into the defaults: the number of errors; the first in err. */
static int
load(struct keymap *km, const char *text, char *err, size_t errlen)
{
	struct km_errors errs = { 0 };
	int n = keymap_load_string(km, "user.keymap", text, &errs);

	err[0] = '\0';
	if (errs.n > 0)
		snprintf(err, errlen, "%s", errs.v[0]);
	assert_int_equal((size_t)n, errs.n);
	keymap_errors_free(&errs);
	return n;
}

static void
test_user_rebinds_and_unbinds(void **state)
{
	struct keymap km;
	char err[512];

	(void)state;
	defaults(&km);
	assert_int_equal(load(&km, "# my keys\n\nbind global x quit # x too\n"
	    "unbind global q\n  bind visits 'q' year-view\nbind list '#' down\n", err,
	    sizeof err), 0);
	assert_int_equal(lookup(&km, KM_VISITS, "x"), A_QUIT);
	assert_int_equal(lookup(&km, KM_TRIAGE, "q"), -1);
	assert_int_equal(lookup(&km, KM_VISITS, "q"), A_YEAR_VIEW);
	assert_int_equal(lookup(&km, KM_VISITS, "#"), A_DOWN);
	/* a file may bind again what an earlier file bound: F10 becomes help */
	assert_int_equal(load(&km, "bind global F10 help\n", err, sizeof err), 0);
	assert_int_equal(lookup(&km, KM_VISITS, "F10"), A_HELP);
	keymap_clear(&km);
}

/* Each error: its FILE:LINE and reason, and the keymap exactly as before. */
static void
load_fails(const char *text, const char *want)
{
	struct keymap km, before;
	char err[512];

	defaults(&km);
	keymap_copy(&before, &km);
	assert_true(load(&km, text, err, sizeof err) > 0);
	if (strstr(err, want) == NULL)
		fail_msg("got '%s', want '%s'", err, want);
	assert_int_equal(km.n, before.n);
	assert_memory_equal(km.v, before.v, km.n * sizeof *km.v);
	keymap_clear(&km);
	keymap_clear(&before);
}

static void
test_errors_file_line(void **state)
{
	(void)state;
	load_fails("bind global x quit\nbind global Foo quit\n",
	    "user.keymap:2: unknown key name 'Foo'");
	load_fails("\nbind global x explode\n", "user.keymap:2: unknown action 'explode'");
	load_fails("bind kitchen x quit\n", "user.keymap:1: unknown context 'kitchen'");
	load_fails("bind global x quit\n#\nbind global x help\n",
	    "user.keymap:3: global x is bound already on line 1");
	load_fails("bind global x\n", "user.keymap:1: usage: bind CONTEXT KEY ACTION");
	load_fails("unbind global\n", "user.keymap:1: usage: unbind CONTEXT KEY");
	load_fails("bindd global x quit\n", "user.keymap:1: unknown command 'bindd'");
	load_fails("bind global 'x quit\n", "user.keymap:1: a quote is not closed");
	load_fails("bind global x year-view\n",
	    "user.keymap:1: action year-view belongs to context visits, not global");
	load_fails("source /nonexistent/kz.keymap\n",
	    "user.keymap:1: source /nonexistent/kz.keymap: cannot read it");
	/* a good line before a bad one is not applied either (checked by load_fails) */
	load_fails("bind global x quit\nbind global y\n", "user.keymap:2:");
}

static void
test_errors_all_reported(void **state)
{
	struct keymap km;
	struct km_errors errs = { 0 };

	(void)state;
	defaults(&km);
	assert_int_equal(keymap_load_string(&km, "k", "bind a b c\nbind global x quit\n"
	    "bind global Nope quit\n", &errs), 2);
	assert_string_equal(errs.v[0], "k:1: unknown context 'a' (global, list, visits, intake, "
	    "triage, help, editor, choose, form)");
	assert_string_equal(errs.v[1], "k:3: unknown key name 'Nope'");
	keymap_errors_free(&errs);
	keymap_clear(&km);
}

static char *
write_file(const char *dir, const char *name, const char *text)
{
	char *path = malloc(strlen(dir) + strlen(name) + 2);
	FILE *f;

	sprintf(path, "%s/%s", dir, name);
	assert_non_null(f = fopen(path, "w"));
	fputs(text, f);
	fclose(f);
	return path;
}

static void
test_source_files(void **state)
{
	char dir[] = "/tmp/kz-keymap-XXXXXX", *a, *b, *c, *loop;
	struct keymap km;
	struct km_errors errs = { 0 };

	(void)state;
	assert_non_null(mkdtemp(dir));
	/* relative to the sourcing file's directory, not the working directory */
	b = write_file(dir, "b.keymap", "bind global z quit\n");
	a = write_file(dir, "a.keymap", "source b.keymap\nbind global w help\n");
	defaults(&km);
	assert_int_equal(keymap_load_file(&km, a, &errs), 0);
	assert_int_equal(lookup(&km, KM_GLOBAL, "z"), A_QUIT);
	assert_int_equal(lookup(&km, KM_GLOBAL, "w"), A_HELP);
	/* a duplicate is per file: a sourced file's binding may be bound again */
	c = write_file(dir, "c.keymap", "source b.keymap\nbind global z help\n");
	assert_int_equal(keymap_load_file(&km, c, &errs), 0);
	assert_int_equal(lookup(&km, KM_GLOBAL, "z"), A_HELP);
	/* an error in a sourced file names that file and its line */
	free(write_file(dir, "bad.keymap", "\n\nbind global Nope quit\n"));
	free(c);
	c = write_file(dir, "c.keymap", "source bad.keymap\n");
	assert_int_equal(keymap_load_file(&km, c, &errs), 1);
	assert_non_null(strstr(errs.v[0], "/bad.keymap:3: unknown key name 'Nope'"));
	keymap_errors_free(&errs);
	/* a loop */
	loop = write_file(dir, "loop.keymap", "bind global v quit\nsource loop2.keymap\n");
	free(write_file(dir, "loop2.keymap", "source loop.keymap\n"));
	assert_true(keymap_load_file(&km, loop, &errs) > 0);
	assert_non_null(strstr(errs.v[0], "/loop2.keymap:1: source"));
	assert_non_null(strstr(errs.v[0], "recursive"));
	assert_int_equal(lookup(&km, KM_GLOBAL, "v"), -1);
	keymap_errors_free(&errs);
	/* the top file unreadable */
	assert_int_equal(keymap_load_file(&km, "/nonexistent/keymap", &errs), 1);
	assert_string_equal(errs.v[0], "/nonexistent/keymap: cannot read it: No such file or "
	    "directory");
	keymap_errors_free(&errs);
	keymap_clear(&km);
	free(a);
	free(b);
	free(c);
	free(loop);
	{
		char cmd[64];

		snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
		assert_int_equal(system(cmd), 0);
	}
}

static void
test_builtin_vi(void **state)
{
	struct keymap km;
	struct km_errors errs = { 0 };

	(void)state;
	defaults(&km);
	assert_int_equal(lookup(&km, KM_VISITS, "j"), -1);
	assert_int_equal(keymap_load_file(&km, "vi", &errs), 0);
	assert_int_equal(lookup(&km, KM_VISITS, "j"), A_DOWN);
	assert_int_equal(lookup(&km, KM_TRIAGE, "k"), A_UP);
	assert_int_equal(lookup(&km, KM_VISITS, "G"), A_LAST);
	assert_int_equal(lookup(&km, KM_VISITS, "F10"), A_QUIT);
	/* source vi from a user's text; a built-in sourcing itself is a loop */
	assert_int_equal(keymap_load_string(&km, "u", "source vi\nbind list x down\n", &errs), 0);
	assert_int_equal(keymap_load_string(&km, "vi", "source vi\n", &errs), 1);
	assert_non_null(strstr(errs.v[0], "vi:1: source vi: recursive"));
	keymap_errors_free(&errs);
	keymap_clear(&km);
}

static void
test_every_action_has_a_default_key_or_is_reachable(void **state)
{
	struct keymap km;

	(void)state;
	defaults(&km);
	for (int a = 0; a < A_COUNT; a++) {
		bool bound = false;

		assert_non_null(action_table[a].name);
		assert_non_null(action_table[a].help);
		for (size_t i = 0; i < km.n; i++)
			bound |= km.v[i].action == a;
		if (!bound)
			fail_msg("action %s has no default key", action_table[a].name);
	}
	keymap_clear(&km);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_key_names_round_trip),
		cmocka_unit_test(test_key_aliases_print_canonically),
		cmocka_unit_test(test_key_from_terminal_chars),
		cmocka_unit_test(test_key_bad_names),
		cmocka_unit_test(test_defaults_and_chain),
		cmocka_unit_test(test_user_rebinds_and_unbinds),
		cmocka_unit_test(test_errors_file_line),
		cmocka_unit_test(test_errors_all_reported),
		cmocka_unit_test(test_source_files),
		cmocka_unit_test(test_builtin_vi),
		cmocka_unit_test(test_every_action_has_a_default_key_or_is_reachable),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
