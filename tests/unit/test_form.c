/*
 * ui/form: the generic form's model (issue 8): fields by kind, keys into the current
 * field, Tab round the fields, checks of dates, times and numbers, and a save refused by
 * the callback keeping everything typed. No terminal: form_draw is not called.
 */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "ui/form.h"
#include "ui/line.h"
#include "ui/pane.h"

static void
type(struct form *f, const char *s)
{
	int err;

	while (*s != '\0') {
		assert_true(form_key(f, (key_code)(unsigned char)*s, &err));
		assert_int_equal(err, LINE_OK);
		s++;
	}
}

static char *
dup_of(const struct form *f, int i)
{
	static char buf[512];
	char *s = form_dup(f, i);

	snprintf(buf, sizeof buf, "%s", s != NULL ? s : "(null)");
	free(s);
	return buf;
}

static void
test_fields_and_keys(void **state)
{
	struct form f = { 0 };
	const char *levels[] = { "own", "district", "region" };
	int err;

	(void)state;
	form_open(&f, "Issue", NULL, NULL, NULL);
	assert_int_equal(form_add(&f, "Executor", FORM_TEXT, "  Асанов ", 0), 0);
	assert_int_equal(form_add(&f, "Deadline", FORM_DATE, NULL, 10), 1);
	assert_int_equal(form_add_choice(&f, "Level", levels, 3, 1), 2);
	assert_int_equal(form_add_yesno(&f, "Needs session", false), 3);
	/* the initial text is kept, the spaces at either end are not part of the value */
	assert_string_equal(dup_of(&f, 0), "Асанов");
	assert_null(form_dup(&f, 1));
	assert_true(form_empty(&f, 1));
	/* q and ? are typed, not taken as commands */
	type(&f, " q?");
	assert_string_equal(dup_of(&f, 0), "Асанов  q?");
	assert_true(form_key(&f, K_BACKSPACE, &err));
	assert_true(form_key(&f, K_CTRL | 'w', &err));
	assert_string_equal(dup_of(&f, 0), "Асанов");
	/* a control character (a bidi override) is no text: not taken, the text stays */
	assert_false(form_key(&f, 0x202e, &err));
	assert_string_equal(dup_of(&f, 0), "Асанов");
	/* Tab and BTab go round */
	form_next(&f);
	assert_int_equal(f.cur, 1);
	type(&f, "2026-12-31");
	/* the date field is 10 bytes: an eleventh is refused, nothing cut */
	assert_true(form_key(&f, '9', &err));
	assert_int_equal(err, LINE_ETOOLONG);
	assert_string_equal(dup_of(&f, 1), "2026-12-31");
	form_next(&f);
	assert_true(form_key(&f, K_SPACE, &err));
	assert_int_equal(form_choice(&f, 2), 2);
	assert_true(form_key(&f, K_SPACE, &err));
	assert_int_equal(form_choice(&f, 2), 0);
	assert_true(form_key(&f, K_LEFT, &err));
	assert_int_equal(form_choice(&f, 2), 2);
	/* a letter on a choice is swallowed (q does not quit) and changes nothing */
	assert_true(form_key(&f, 'q', &err));
	assert_int_equal(form_choice(&f, 2), 2);
	/* Enter, Tab, Escape are not the field's: the bindings have them */
	assert_false(form_key(&f, K_ENTER, &err));
	assert_false(form_key(&f, K_TAB, &err));
	assert_false(form_key(&f, K_ESCAPE, &err));
	form_next(&f);
	assert_true(form_key(&f, 'y', &err));
	assert_int_equal(form_choice(&f, 3), 1);
	assert_true(form_key(&f, K_SPACE, &err));
	assert_int_equal(form_choice(&f, 3), 0);
	form_next(&f);
	assert_int_equal(f.cur, 0);
	form_prev(&f);
	assert_int_equal(f.cur, 3);
	form_close(&f);
	assert_false(f.open);
	assert_int_equal(f.n, 0);
}

static void
test_check_kinds(void **state)
{
	struct form f = { 0 };
	char why[256];
	kz_date d;
	int64_t v;

	(void)state;
	form_open(&f, "Kinds", NULL, NULL, NULL);
	form_add(&f, "Title", FORM_TEXT, "anything at all", 0);
	form_add(&f, "Deadline", FORM_DATE, "2026-02-30", 0);
	form_add(&f, "Time", FORM_TIME, "25:00", 0);
	form_add(&f, "Amount", FORM_NUMBER, "12x", 0);
	form_add(&f, "Empty date", FORM_DATE, "", 0);
	assert_int_equal(form_check(&f, why, sizeof why), -1);
	assert_string_equal(why, "Deadline: '2026-02-30' not a date (YYYY-MM-DD)");
	assert_int_equal(f.cur, 1);
	line_set(f.fields[1].line, "2026-02-28", 10, NULL);
	assert_int_equal(form_check(&f, why, sizeof why), -1);
	assert_string_equal(why, "Time: '25:00' not a time (HH:MM)");
	assert_int_equal(f.cur, 2);
	line_set(f.fields[2].line, "09:30", 5, NULL);
	assert_int_equal(form_check(&f, why, sizeof why), -1);
	assert_string_equal(why, "Amount: '12x' not a whole number");
	assert_int_equal(f.cur, 3);
	line_set(f.fields[3].line, " 1500000 ", 9, NULL);
	assert_int_equal(form_check(&f, why, sizeof why), 0);
	assert_int_equal(form_date(&f, 1, &d), 0);
	assert_int_equal(d, date_from_ymd(2026, 2, 28));
	/* an empty date is none, not an error: the callback says whether it is required */
	assert_int_equal(form_date(&f, 4, &d), 0);
	assert_int_equal(d, DATE_NONE);
	assert_int_equal(form_number(&f, 3, &v), 0);
	assert_int_equal(v, 1500000);
	line_set(f.fields[3].line, "+5", 2, NULL);
	assert_int_equal(form_number(&f, 3, &v), -1);
	form_close(&f);
}

/* The callback: refuses until the executor is "ok", as core would with its one line. */
static int saves;
static int freed;

static int
save_cb(struct ui *ui, struct form *f, char *why, size_t len)
{
	char *s = form_dup(f, 0);
	int r = 0;

	(void)ui;
	saves++;
	if (s == NULL || strcmp(s, "ok") != 0) {
		snprintf(why, len, "issue: executor '%s' refused", s != NULL ? s : "");
		r = -1;
	}
	free(s);
	return r;
}

static void
free_arg(void *arg)
{
	freed++;
	free(arg);
}

static void
test_save_refused_keeps_text(void **state)
{
	static struct ui ui;
	struct form f = { 0 };

	(void)state;
	saves = freed = 0;
	form_open(&f, "Issue", save_cb, malloc(8), free_arg);
	form_add(&f, "Executor", FORM_TEXT, "no", 0);
	form_add(&f, "Deadline", FORM_DATE, "2026-13-01", 0);
	/* a bad date: refused before the callback, the current field moved to it */
	assert_true(form_action(&f, &ui, A_FORM_SAVE));
	assert_int_equal(saves, 0);
	assert_true(f.open);
	assert_int_equal(f.cur, 1);
	assert_true(ui.msg_error);
	assert_string_equal(ui.msg, "Deadline: '2026-13-01' not a date (YYYY-MM-DD)");
	line_set(f.fields[1].line, "2026-12-01", 10, NULL);
	/* core refuses: its line on the message line, the form open with what was typed */
	assert_true(form_action(&f, &ui, A_FORM_SAVE));
	assert_int_equal(saves, 1);
	assert_true(f.open);
	assert_string_equal(ui.msg, "issue: executor 'no' refused");
	assert_string_equal(dup_of(&f, 0), "no");
	assert_string_equal(dup_of(&f, 1), "2026-12-01");
	assert_int_equal(freed, 0);
	line_set(f.fields[0].line, "ok", 2, NULL);
	assert_true(form_action(&f, &ui, A_FORM_SAVE));
	assert_int_equal(saves, 2);
	assert_false(f.open);
	assert_int_equal(freed, 1);
	/* Escape: nothing saved, the caller's arg freed */
	form_open(&f, "Issue", save_cb, malloc(8), free_arg);
	form_add(&f, "Executor", FORM_TEXT, "ok", 0);
	assert_true(form_action(&f, &ui, A_FORM_CANCEL));
	assert_false(f.open);
	assert_int_equal(saves, 2);
	assert_int_equal(freed, 2);
	/* not a form action */
	form_open(&f, "Issue", save_cb, NULL, NULL);
	assert_false(form_action(&f, &ui, A_YEAR_VIEW));
	form_close(&f);
}

/* Saves each line typed and clears it: the form stays for the next (FORM_KEEP). */
static int
keep_cb(struct ui *ui, struct form *f, char *why, size_t len)
{
	char *s = form_dup(f, 0);

	if (s == NULL) {
		snprintf(why, len, "Comment: the text is needed");
		return -1;
	}
	saves++;
	ui_message(ui, false, "saved: %s", s);
	free(s);
	line_clear(f->fields[0].line);
	return FORM_KEEP;
}

/* B-1's comments from the broadcast: one save per line, the form open between them. */
static void
test_save_keeps_form_open(void **state)
{
	static struct ui ui;
	struct form f = { 0 };

	(void)state;
	saves = freed = 0;
	form_open(&f, "Comments", keep_cb, malloc(8), free_arg);
	form_add(&f, "Comment", FORM_TEXT, NULL, 0);
	type(&f, "one");
	assert_true(form_action(&f, &ui, A_FORM_SAVE));
	assert_int_equal(saves, 1);
	assert_true(f.open);
	assert_int_equal(freed, 0);
	assert_string_equal(dup_of(&f, 0), "(null)");
	/* what the callback said stays: a save is no refusal */
	assert_false(ui.msg_error);
	assert_string_equal(ui.msg, "saved: one");
	type(&f, "two");
	assert_true(form_action(&f, &ui, A_FORM_SAVE));
	assert_int_equal(saves, 2);
	assert_true(f.open);
	assert_string_equal(ui.msg, "saved: two");
	/* an empty line is refused by the callback: the form stays, nothing saved */
	assert_true(form_action(&f, &ui, A_FORM_SAVE));
	assert_int_equal(saves, 2);
	assert_true(f.open);
	assert_true(ui.msg_error);
	assert_string_equal(ui.msg, "Comment: the text is needed");
	assert_true(form_action(&f, &ui, A_FORM_CANCEL));
	assert_false(f.open);
	assert_int_equal(freed, 1);
}

static void
test_full(void **state)
{
	struct form f = { 0 };
	const char *one[] = { "x" };

	(void)state;
	form_open(&f, "Full", NULL, NULL, NULL);
	for (int i = 0; i < FORM_MAX; i++)
		assert_int_equal(form_add(&f, "F", FORM_TEXT, NULL, 0), i);
	assert_int_equal(form_add(&f, "F", FORM_TEXT, NULL, 0), -1);
	assert_int_equal(form_add_choice(&f, "C", one, 1, 0), -1);
	assert_int_equal(form_add_yesno(&f, "Y", true), -1);
	form_close(&f);
	/* initial text that is no line of text is the caller's bug: refused */
	form_open(&f, "Bad", NULL, NULL, NULL);
	assert_int_equal(form_add(&f, "F", FORM_TEXT, "a\x01" "b", 0), -1);
	assert_int_equal(form_add(&f, "F", FORM_CHOICE, NULL, 0), -1);
	assert_int_equal(f.n, 0);
	form_close(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fields_and_keys),
		cmocka_unit_test(test_check_kinds),
		cmocka_unit_test(test_save_refused_keeps_text),
		cmocka_unit_test(test_save_keeps_form_open),
		cmocka_unit_test(test_full),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
