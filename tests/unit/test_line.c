/*
 * ui/line: the one-line editor's model (issue 8, meeting mode). Lines are written with a
 * '|' where the cursor stands: "ab|c" is the text "abc" with the cursor before 'c'.
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
#include <wchar.h>
#include <cmocka.h>

#include "core/question.h"
#include "core/text.h"
#include "ui/line.h"

#define ACUTE "\xcc\x81" /* U+0301 COMBINING ACUTE ACCENT */
#define ZWJ "\xe2\x80\x8d"
#define VS16 "\xef\xb8\x8f"

/* The line's text with '|' at the cursor, in a static buffer. */
static const char *
shown(const struct line *l)
{
	static char buf[4096];
	size_t n, cur = line_cursor(l);
	const char *s = line_bytes(l, &n);

	assert_true(n + 2 <= sizeof buf);
	assert_true(cur <= n);
	assert_int_equal(strlen(s), n);
	memcpy(buf, s, cur);
	buf[cur] = '|';
	memcpy(buf + cur + 1, s + cur, n - cur + 1);
	return buf;
}

/* A line of QUESTION_TEXT_MAX bytes holding marked ("ab|c"), its cursor at the '|'. */
static struct line *
mk(const char *marked)
{
	const char *bar = strchr(marked, '|');
	size_t at = (size_t)(bar - marked);
	char *s = malloc(strlen(marked) + 1);
	struct line *l = line_new(QUESTION_TEXT_MAX);

	assert_non_null(bar);
	memcpy(s, marked, at);
	strcpy(s + at, bar + 1);
	assert_int_equal(line_set(l, s, strlen(s), NULL), LINE_OK);
	free(s);
	line_home(l);
	while (line_cursor(l) < at && line_right(l))
		;
	assert_int_equal(line_cursor(l), at);
	return l;
}

#define IS(l, want) assert_string_equal(shown(l), want)

/* Runs op on a line made from before and checks the result and its return value. */
#define EDIT(op, before, after, moved)                                                  \
	do {                                                                            \
		struct line *l_ = mk(before);                                           \
		bool r_ = op(l_);                                                       \
		if (strcmp(shown(l_), after) != 0 || r_ != (moved))                     \
			fail_msg("%s on \"%s\": \"%s\" (%d), want \"%s\" (%d)", #op, before, \
			    shown(l_), r_, after, moved);                                   \
		line_free(&l_);                                                         \
	} while (0)

static void
insert_str(struct line *l, const char *s)
{
	uint32_t cp;
	size_t k;

	for (; *s != '\0'; s += k) {
		k = text_utf8_next(s, strlen(s), &cp);
		assert_true(k > 0);
		assert_int_equal(line_insert(l, cp), LINE_OK);
	}
}

/* ---- inserting ---------------------------------------------------------------- */

static void
test_new_is_empty(void **state)
{
	struct line *l = line_new(100);
	size_t n = 1;

	(void)state;
	IS(l, "|");
	assert_string_equal(line_bytes(l, NULL), "");
	line_text(l, &n);
	assert_int_equal(n, 0);
	assert_int_equal(line_max(l), 100);
	line_free(&l);
	assert_null(l);
	line_free(&l);
}

static void
test_insert_start_middle_end(void **state)
{
	struct line *l = line_new(QUESTION_TEXT_MAX);

	(void)state;
	insert_str(l, "ac");
	IS(l, "ac|");
	line_left(l);
	insert_str(l, "b");
	IS(l, "ab|c");
	line_home(l);
	insert_str(l, "_");
	IS(l, "_|abc");
	line_end(l);
	insert_str(l, "!");
	IS(l, "_abc!|");
	line_free(&l);
}

/* The nine Kazakh letters, both cases, and Russian: two bytes each, the cursor after. */
static void
test_insert_kazakh_russian(void **state)
{
	static const char kk[] = "әғқңөұүһі ӘҒҚҢӨҰҮҺІ";
	static const char ru[] = "Ёлка и щётка";
	struct line *l = line_new(QUESTION_TEXT_MAX);
	size_t n;

	(void)state;
	insert_str(l, kk);
	assert_string_equal(line_bytes(l, &n), kk);
	assert_int_equal(n, strlen(kk));
	assert_int_equal(line_cursor(l), 37);
	line_left(l);
	assert_int_equal(line_cursor(l), 35);
	line_clear(l);
	IS(l, "|");
	insert_str(l, ru);
	IS(l, "Ёлка и щётка|");
	for (int i = 0; i < 5; i++)
		line_left(l);
	insert_str(l, "ң");
	IS(l, "Ёлка и ң|щётка");
	line_free(&l);
}

/* Controls are refused as typed characters (tab and newline too: a key, not text), and
 * so are values that are not scalar values; the line stays as it was. */
static void
test_insert_refuses_controls(void **state)
{
	static const uint32_t ctl[] = { 0, '\t', '\n', '\r', 0x1b, 0x7f, 0x85, 0x9b, 0x200e,
		0x202e, 0x2028, 0x2066 };
	static const uint32_t bad[] = { 0xd800, 0xdfff, 0x110000, 0xffffffff };
	struct line *l = mk("а|б");

	(void)state;
	for (size_t i = 0; i < sizeof ctl / sizeof ctl[0]; i++)
		assert_int_equal(line_insert(l, ctl[i]), LINE_ECONTROL);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(line_insert(l, bad[i]), LINE_EUTF8);
	IS(l, "а|б");
	/* Neighbours of the refused ones are fine. */
	assert_int_equal(line_insert(l, 0xd7ff), LINE_OK);
	assert_int_equal(line_insert(l, 0x10ffff), LINE_OK);
	assert_int_equal(line_insert(l, 0xa0), LINE_OK);
	IS(l, "а\xed\x9f\xbf\xf4\x8f\xbf\xbf\xc2\xa0|б");
	line_free(&l);
}

/* ---- clusters: combining marks, wide characters, emoji -------------------------- */

static void
test_combining_kept_with_base(void **state)
{
	struct line *l = line_new(QUESTION_TEXT_MAX);

	(void)state;
	insert_str(l, "ке" ACUTE "з");
	IS(l, "ке" ACUTE "з|");
	line_left(l);
	IS(l, "ке" ACUTE "|з");
	line_left(l); /* over е and its accent at once */
	IS(l, "к|е" ACUTE "з");
	line_right(l);
	IS(l, "ке" ACUTE "|з");
	assert_true(line_delete_back(l)); /* never half: base and mark go together */
	IS(l, "к|з");
	/* A mark typed after a letter joins it. */
	insert_str(l, "а" ACUTE);
	IS(l, "ка" ACUTE "|з");
	line_home(l);
	line_right(l);
	assert_true(line_delete_forward(l));
	IS(l, "к|з");
	line_free(&l);

	EDIT(line_left, "a" ACUTE ACUTE "|", "|a" ACUTE ACUTE, true);
	EDIT(line_right, "|a" ACUTE ACUTE "b", "a" ACUTE ACUTE "|b", true);
	EDIT(line_delete_back, "xa" ACUTE ACUTE "|b", "x|b", true);
	EDIT(line_delete_forward, "x|a" ACUTE ACUTE "b", "x|b", true);
	EDIT(line_delete_back, "a" ACUTE "|", "|", true);
}

/* Marks at the very start have no base: they are one cluster of their own, and a
 * letter typed before them becomes their base (the cursor then goes past them). */
static void
test_leading_marks(void **state)
{
	struct line *l = mk("|" ACUTE ACUTE "б");
	struct line_view v;

	(void)state;
	assert_true(line_right(l));
	IS(l, ACUTE ACUTE "|б");
	assert_true(line_left(l));
	IS(l, "|" ACUTE ACUTE "б");
	line_visible(l, 5, &v);
	assert_int_equal(v.cursor_col, 0);
	assert_int_equal(v.cols, 1);
	assert_int_equal(v.end, 6);
	line_visible(l, 1, &v); /* the marks have no width: they and б fit in one column */
	assert_int_equal(v.start, 0);
	assert_int_equal(v.end, 6);
	insert_str(l, "а");
	IS(l, "а" ACUTE ACUTE "|б");
	line_home(l);
	assert_int_equal(line_paste(l, ACUTE, strlen(ACUTE), NULL), LINE_OK);
	IS(l, ACUTE "|а" ACUTE ACUTE "б");
	line_free(&l);

	EDIT(line_delete_forward, "|" ACUTE ACUTE "б", "|б", true);
	EDIT(line_delete_back, ACUTE ACUTE "|б", "|б", true);
}

static void
test_wide_and_emoji(void **state)
{
	struct line *l = line_new(QUESTION_TEXT_MAX);

	(void)state;
	insert_str(l, "a中😀b");
	IS(l, "a中😀b|");
	line_left(l);
	IS(l, "a中😀|b");
	line_left(l);
	IS(l, "a中|😀b");
	assert_true(line_delete_forward(l));
	IS(l, "a中|b");
	assert_true(line_delete_back(l));
	IS(l, "a|b");
	line_free(&l);

	/* A variation selector and a ZWJ have no width: they go with what precedes them. */
	EDIT(line_left, "x❤" VS16 "|", "x|❤" VS16, true);
	EDIT(line_delete_back, "x❤" VS16 "|", "x|", true);
	EDIT(line_left, "👨" ZWJ "👩|", "👨" ZWJ "|👩", true);
	EDIT(line_left, "👨" ZWJ "|👩", "|👨" ZWJ "👩", true);
	EDIT(line_right, "|👨" ZWJ "👩", "👨" ZWJ "|👩", true);
}

static void
test_char_cols(void **state)
{
	(void)state;
	assert_int_equal(line_char_cols('a'), 1);
	assert_int_equal(line_char_cols(' '), 1);
	assert_int_equal(line_char_cols(0x4d9), 1);   /* ә */
	assert_int_equal(line_char_cols(0x4e2d), 2);  /* 中 */
	assert_int_equal(line_char_cols(0x1f600), 2); /* 😀 */
	assert_int_equal(line_char_cols(0x301), 0);
	assert_int_equal(line_char_cols(0x200d), 0);
	/* Unassigned: wcwidth cannot say, the caller draws one '?'. */
	assert_int_equal(wcwidth(0x378), -1);
	assert_int_equal(line_char_cols(0x378), 1);
	assert_int_equal(line_char_cols(0xfffe), 1);
	assert_int_equal(line_char_cols(0x1b), 1); /* never stored, but never 0 or -1 */
}

/* ---- moving ------------------------------------------------------------------- */

static void
test_move_by_character(void **state)
{
	(void)state;
	EDIT(line_left, "|әб", "|әб", false);
	EDIT(line_left, "ә|б", "|әб", true);
	EDIT(line_left, "әб|", "ә|б", true);
	EDIT(line_right, "|әб", "ә|б", true);
	EDIT(line_right, "ә|б", "әб|", true);
	EDIT(line_right, "әб|", "әб|", false);
	EDIT(line_left, "|", "|", false);
	EDIT(line_right, "|", "|", false);
}

static void
test_home_end(void **state)
{
	(void)state;
	EDIT(line_home, "|қаз", "|қаз", false);
	EDIT(line_home, "қа|з", "|қаз", true);
	EDIT(line_home, "қаз|", "|қаз", true);
	EDIT(line_end, "|қаз", "қаз|", true);
	EDIT(line_end, "қа|з", "қаз|", true);
	EDIT(line_end, "қаз|", "қаз|", false);
}

/* Words as core/text.h has them: letters of any script (Kazakh, Russian, with marks) and
 * digits; punctuation and spaces, dashes included, are between words. */
static void
test_word_moves_across_punctuation(void **state)
{
	static const char *right[] = { "|Алматы-Астана, 2024 ж. «Өскемен»!",
		"Алматы|-Астана, 2024 ж. «Өскемен»!", "Алматы-Астана|, 2024 ж. «Өскемен»!",
		"Алматы-Астана, 2024| ж. «Өскемен»!", "Алматы-Астана, 2024 ж|. «Өскемен»!",
		"Алматы-Астана, 2024 ж. «Өскемен|»!", "Алматы-Астана, 2024 ж. «Өскемен»!|" };
	size_t n = sizeof right / sizeof right[0];
	struct line *l = mk(right[0]);

	(void)state;
	for (size_t i = 1; i < n; i++) {
		assert_true(line_word_right(l));
		IS(l, right[i]);
	}
	assert_false(line_word_right(l));
	/* Back: to the start of each word. */
	static const char *left[] = { "Алматы-Астана, 2024 ж. «|Өскемен»!",
		"Алматы-Астана, 2024 |ж. «Өскемен»!", "Алматы-Астана, |2024 ж. «Өскемен»!",
		"Алматы-|Астана, 2024 ж. «Өскемен»!", "|Алматы-Астана, 2024 ж. «Өскемен»!" };
	for (size_t i = 0; i < sizeof left / sizeof left[0]; i++) {
		assert_true(line_word_left(l));
		IS(l, left[i]);
	}
	assert_false(line_word_left(l));
	line_free(&l);

	/* From the middle of a word; marks and wide letters are word characters. */
	EDIT(line_word_left, "сәл|ем", "|сәлем", true);
	EDIT(line_word_right, "сәл|ем", "сәлем|", true);
	EDIT(line_word_left, "x ке" ACUTE "з|", "x |ке" ACUTE "з", true);
	EDIT(line_word_right, "|ке" ACUTE "з y", "ке" ACUTE "з| y", true);
	EDIT(line_word_right, "|中文 x", "中文| x", true);
	/* Only punctuation: to the end. */
	EDIT(line_word_right, "a|, - !", "a, - !|", true);
	EDIT(line_word_left, ", - !|", "|, - !", true);
	EDIT(line_word_left, "|", "|", false);
	EDIT(line_word_right, "|", "|", false);
}

/* ---- deleting ----------------------------------------------------------------- */

static void
test_delete_by_character(void **state)
{
	(void)state;
	EDIT(line_delete_back, "|үй", "|үй", false);
	EDIT(line_delete_back, "ү|й", "|й", true);
	EDIT(line_delete_back, "үй|", "ү|", true);
	EDIT(line_delete_forward, "|үй", "|й", true);
	EDIT(line_delete_forward, "ү|й", "ү|", true);
	EDIT(line_delete_forward, "үй|", "үй|", false);
}

static void
test_delete_words(void **state)
{
	(void)state;
	EDIT(line_delete_word_back, "|жол жөндеу", "|жол жөндеу", false);
	EDIT(line_delete_word_back, "жол жөн|деу", "жол |деу", true);
	EDIT(line_delete_word_back, "жол жөндеу|", "жол |", true);
	EDIT(line_delete_word_back, "жол |жөндеу", "|жөндеу", true);
	EDIT(line_delete_word_back, "Астана, |", "|", true);
	EDIT(line_delete_word_forward, "|жол жөндеу", "| жөндеу", true);
	EDIT(line_delete_word_forward, "жол| жөндеу", "жол|", true);
	EDIT(line_delete_word_forward, "жо|л жөндеу", "жо| жөндеу", true);
	EDIT(line_delete_word_forward, "жол жөндеу|", "жол жөндеу|", false);
	EDIT(line_delete_word_forward, "a|!? ", "a|", true);
}

static void
test_delete_to_start_end(void **state)
{
	(void)state;
	EDIT(line_delete_to_start, "|мектеп", "|мектеп", false);
	EDIT(line_delete_to_start, "мек|теп", "|теп", true);
	EDIT(line_delete_to_start, "мектеп|", "|", true);
	EDIT(line_delete_to_end, "|мектеп", "|", true);
	EDIT(line_delete_to_end, "мек|теп", "мек|", true);
	EDIT(line_delete_to_end, "мектеп|", "мектеп|", false);
}

/* Enter: the caller takes the text without its outer spaces, saves it, then clears. */
static void
test_take_and_clear(void **state)
{
	struct line *l = mk("  Жол қашан жөнделеді?  |");
	const char *s;
	size_t n;

	(void)state;
	s = line_text(l, &n);
	assert_int_equal(n, strlen("Жол қашан жөнделеді?"));
	assert_memory_equal(s, "Жол қашан жөнделеді?", n);
	line_clear(l);
	IS(l, "|");
	line_text(l, &n);
	assert_int_equal(n, 0);
	insert_str(l, "   ");
	line_text(l, &n);
	assert_int_equal(n, 0); /* blank: nothing to save */
	line_free(&l);
}

/* ---- paste and set ------------------------------------------------------------ */

static void
test_paste_multiline(void **state)
{
	static const char text[] = "\r\n  Бірінші жол,\r\n\tвторая   строка\n\n"
				   "third\xc2\x85" "line\xe2\x80\xa8" "end \xe2\x80\xa9\x0b\x0c \n";
	struct line *l = mk("Сұрақ: | (1)");
	size_t bad = 99;

	(void)state;
	assert_int_equal(line_paste(l, text, strlen(text), &bad), LINE_OK);
	assert_int_equal(bad, 99);
	IS(l, "Сұрақ: Бірінші жол, вторая строка third line end| (1)");
	line_free(&l);

	/* Only white space: nothing, and that is fine. */
	l = mk("a|b");
	assert_int_equal(line_paste(l, " \n\t ", 4, NULL), LINE_OK);
	assert_int_equal(line_paste(l, "", 0, NULL), LINE_OK);
	IS(l, "a|b");
	/* No-break space and wide space are text, not white space to collapse. */
	assert_int_equal(line_paste(l, "\xc2\xa0\xc2\xa0\xe3\x80\x80", 7, NULL), LINE_OK);
	IS(l, "a\xc2\xa0\xc2\xa0\xe3\x80\x80|b");
	line_free(&l);
}

/* A paste holding something that cannot be shown or is not UTF-8 is refused whole, with
 * the offset of the first bad byte; the line is unchanged. */
static void
test_paste_refused(void **state)
{
	static const struct {
		const char *s;
		size_t n, bad;
		int rc;
	} cases[] = {
		{ "ok \x1b[31mred", 11, 3, LINE_ECONTROL },
		{ "ab\x7f", 3, 2, LINE_ECONTROL },
		{ "x\xe2\x80\xaey", 5, 1, LINE_ECONTROL }, /* bidi override */
		{ "nul\0z", 5, 3, LINE_ECONTROL },
		{ "ab\xff", 3, 2, LINE_EUTF8 },
		{ "қ\xd0", 3, 2, LINE_EUTF8 },          /* cut in half */
		{ "\xc0\xaf", 2, 0, LINE_EUTF8 },       /* overlong */
		{ "a\xed\xa0\x80", 4, 1, LINE_EUTF8 },  /* surrogate */
		{ "\xf4\x90\x80\x80", 4, 0, LINE_EUTF8 }, /* past U+10FFFF */
		{ "\x80", 1, 0, LINE_EUTF8 },
	};
	struct line *l = mk("әрі |бері");

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		size_t bad = 99;

		assert_int_equal(line_paste(l, cases[i].s, cases[i].n, &bad), cases[i].rc);
		assert_int_equal(bad, cases[i].bad);
		assert_int_equal(line_paste(l, cases[i].s, cases[i].n, NULL), cases[i].rc);
		assert_int_equal(line_set(l, cases[i].s, cases[i].n, &bad), cases[i].rc);
		assert_int_equal(bad, cases[i].bad);
		IS(l, "әрі |бері");
	}
	line_free(&l);
}

/* A draft offered back is set as it was typed (double spaces too), cursor at the end;
 * what a paste would turn into a space is a control here. */
static void
test_set(void **state)
{
	static const char draft[] = "  екі  бос орын ";
	struct line *l = mk("ескі| мәтін");
	struct line_view v;
	size_t bad = 0;

	(void)state;
	line_visible(l, 3, &v);
	assert_int_equal(line_set(l, draft, strlen(draft), NULL), LINE_OK);
	IS(l, "  екі  бос орын |");
	line_visible(l, 40, &v);
	assert_int_equal(v.start, 0);
	assert_int_equal(line_set(l, "a\nb", 3, &bad), LINE_ECONTROL);
	assert_int_equal(bad, 1);
	assert_int_equal(line_set(l, "a\tb", 3, NULL), LINE_ECONTROL);
	IS(l, "  екі  бос орын |");
	assert_int_equal(line_set(l, "", 0, NULL), LINE_OK);
	IS(l, "|");
	line_free(&l);
}

/* ---- the length limit --------------------------------------------------------- */

static void
test_length_limit(void **state)
{
	struct line *l = line_new(10);
	size_t bad = 0;

	(void)state;
	insert_str(l, "әәәә"); /* 8 bytes */
	assert_int_equal(line_insert(l, 0x4e2d), LINE_ETOOLONG); /* 3 more: no */
	assert_int_equal(line_insert(l, 0x4d9), LINE_OK);        /* 2 more: exactly 10 */
	assert_int_equal(line_insert(l, 'x'), LINE_ETOOLONG);
	IS(l, "әәәәә|");
	line_delete_back(l);
	line_home(l);
	assert_int_equal(line_paste(l, "abc", 3, &bad), LINE_ETOOLONG);
	assert_int_equal(bad, 3);
	line_end(l);
	line_delete_back(l);
	line_home(l);
	/* What counts is the length once the white space is collapsed (3, not 8). */
	assert_int_equal(line_paste(l, "\n a \n b\n", 8, NULL), LINE_OK);
	IS(l, "a b|әәә");
	assert_int_equal(line_set(l, "12345678901", 11, &bad), LINE_ETOOLONG);
	assert_int_equal(bad, 11);
	IS(l, "a b|әәә");
	assert_int_equal(line_set(l, "1234567890", 10, NULL), LINE_OK);
	line_free(&l);

	/* The question's own limit: a long paste fills it exactly, one byte more is refused. */
	char *big = malloc(QUESTION_TEXT_MAX + 2);
	memset(big, 'q', QUESTION_TEXT_MAX + 1);
	big[QUESTION_TEXT_MAX + 1] = '\0';
	l = line_new(QUESTION_TEXT_MAX);
	assert_int_equal(line_paste(l, big, QUESTION_TEXT_MAX + 1, &bad), LINE_ETOOLONG);
	assert_int_equal(line_cursor(l), 0);
	assert_int_equal(line_paste(l, big, QUESTION_TEXT_MAX, NULL), LINE_OK);
	assert_int_equal(line_cursor(l), QUESTION_TEXT_MAX);
	assert_int_equal(line_insert(l, 'q'), LINE_ETOOLONG);
	assert_memory_equal(line_bytes(l, NULL), big, QUESTION_TEXT_MAX);
	line_free(&l);
	free(big);
}

/* ---- the visible window ------------------------------------------------------- */

/* The test's own count of columns, straight from wcwidth. */
static int
ref_cols(const char *s, size_t a, size_t b)
{
	int c = 0;

	while (a < b) {
		uint32_t cp;
		size_t k = text_utf8_next(s + a, b - a, &cp);
		int w = wcwidth((wchar_t)cp);

		assert_true(k > 0);
		c += w < 0 ? 1 : w;
		a += k;
	}
	return c;
}

/* True when p is where a cluster starts in s[0..n). */
static bool
ref_boundary(const char *s, size_t n, size_t p)
{
	uint32_t cp;

	if (p == 0 || p == n)
		return true;
	if (((unsigned char)s[p] & 0xc0) == 0x80)
		return false;
	text_utf8_next(s + p, n - p, &cp);
	return wcwidth((wchar_t)cp) != 0;
}

/* The cluster that starts at p < n: its end. */
static size_t
ref_next(const char *s, size_t n, size_t p)
{
	do
		p++;
	while (!ref_boundary(s, n, p));
	return p;
}

/* The window's promises, checked against the text for one cursor and width. */
static void
check_view(struct line *l, int width, const char *where)
{
	struct line_view v;
	size_t n, cur = line_cursor(l);
	const char *s = line_bytes(l, &n);
	int cw;

	line_visible(l, width, &v);
	cw = cur < n ? ref_cols(s, cur, ref_next(s, n, cur)) : 1;
	if (cw == 0)
		cw = 1;
	if (!(v.start <= cur && cur <= v.end && v.end <= n))
		fail_msg("%s width %d: [%zu,%zu) cursor %zu", where, width, v.start, v.end, cur);
	if (!ref_boundary(s, n, v.start) || !ref_boundary(s, n, v.end))
		fail_msg("%s width %d: [%zu,%zu) splits a character", where, width, v.start,
		    v.end);
	if (v.cols != ref_cols(s, v.start, v.end) || v.cols > width)
		fail_msg("%s width %d: %d columns", where, width, v.cols);
	if (v.more_left != (v.start > 0) || v.more_right != (v.end < n))
		fail_msg("%s width %d: more flags", where, width);
	if (cw > width) {
		/* Not even the character under the cursor fits: nothing shown. */
		if (v.start != cur || v.end != cur || v.cursor_col != 0)
			fail_msg("%s width %d: a wide char in too narrow a field", where, width);
		return;
	}
	if (v.cursor_col != ref_cols(s, v.start, cur) || v.cursor_col + cw > width)
		fail_msg("%s width %d: cursor column %d", where, width, v.cursor_col);
	/* The window is full: the next cluster would not fit... */
	if (v.end < n && v.cols + ref_cols(s, v.end, ref_next(s, n, v.end)) <= width)
		fail_msg("%s width %d: room left at the right", where, width);
	/* ...and it is not scrolled further than needed: one cluster more on the left and
	 * the rest of the line with the cursor would not fit. */
	if (v.start > 0 && v.end == n) {
		size_t p = v.start;

		do
			p--;
		while (!ref_boundary(s, n, p));
		if (ref_cols(s, p, n) + (cur == n) <= width)
			fail_msg("%s width %d: scrolled further than needed", where, width);
	}
}

/* Every cursor position, widths 1..10, around wide characters, marks and emoji, moving
 * right and then left so that the window's kept position is exercised both ways. */
static void
test_visible_window_properties(void **state)
{
	static const char *texts[] = { "a中b文字c😀d", "中文中文中文", "әк" ACUTE "中x😀" VS16 "y",
		"жол жөндеу керек", "", "中", "ab" };

	(void)state;
	for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++) {
		for (int width = 1; width <= 10; width++) {
			struct line *l = line_new(QUESTION_TEXT_MAX);

			assert_int_equal(line_set(l, texts[t], strlen(texts[t]), NULL), LINE_OK);
			check_view(l, width, texts[t]);
			line_home(l);
			do
				check_view(l, width, texts[t]);
			while (line_right(l));
			do
				check_view(l, width, texts[t]);
			while (line_left(l));
			line_free(&l);
		}
	}
}

static void
test_visible_window_cases(void **state)
{
	struct line *l = mk("|中文");
	struct line_view v;

	(void)state;
	line_visible(l, 1, &v); /* a wide character in one column: only the cursor */
	assert_int_equal(v.start, 0);
	assert_int_equal(v.end, 0);
	assert_int_equal(v.cols, 0);
	assert_false(v.more_left);
	assert_true(v.more_right);
	line_visible(l, 2, &v);
	assert_int_equal(v.end, 3); /* 中 */
	assert_int_equal(v.cols, 2);
	line_visible(l, 3, &v);
	assert_int_equal(v.end, 3); /* 文 would be split */
	line_end(l);
	line_visible(l, 3, &v); /* 文 and the cursor after it */
	assert_int_equal(v.start, 3);
	assert_int_equal(v.end, 6);
	assert_int_equal(v.cursor_col, 2);
	assert_true(v.more_left);
	assert_false(v.more_right);
	line_visible(l, 5, &v); /* all of it and the cursor */
	assert_int_equal(v.start, 0);
	assert_int_equal(v.cursor_col, 4);
	line_visible(l, 0, &v);
	assert_int_equal(v.start, 6);
	assert_int_equal(v.end, 6);
	assert_int_equal(v.cursor_col, 0);
	line_visible(l, -3, &v);
	assert_int_equal(v.cols, 0);
	line_free(&l);
}

/* Typing past the right edge scrolls; Home shows the start; the window stays put while
 * the cursor moves inside it; deleting at the end brings the hidden start back. */
static void
test_visible_window_scrolling(void **state)
{
	struct line *l = line_new(QUESTION_TEXT_MAX);
	struct line_view v;

	(void)state;
	insert_str(l, "әкімдік"); /* seven letters, two bytes each */
	line_visible(l, 5, &v);
	assert_int_equal(v.start, 6); /* мдік and the cursor */
	assert_int_equal(v.cursor_col, 4);
	line_left(l);
	line_left(l);
	line_visible(l, 5, &v); /* the end's cell is free now: one more letter shows */
	assert_int_equal(v.start, 4);
	assert_int_equal(v.cursor_col, 3);
	line_left(l);
	line_visible(l, 5, &v); /* inside the window: it stays */
	assert_int_equal(v.start, 4);
	assert_int_equal(v.cursor_col, 2);
	line_home(l);
	line_visible(l, 5, &v);
	assert_int_equal(v.start, 0);
	assert_int_equal(v.end, 10);
	assert_true(v.more_right);
	line_end(l);
	line_visible(l, 5, &v);
	assert_int_equal(v.start, 6);
	line_delete_back(l);
	line_delete_back(l);
	line_visible(l, 5, &v); /* "әкімд": four fit with the cursor */
	assert_int_equal(v.start, 2);
	assert_int_equal(v.cursor_col, 4);
	line_delete_back(l);
	line_visible(l, 5, &v);
	assert_int_equal(v.start, 0);
	assert_false(v.more_left);
	line_free(&l);
}

/*
 * Edits before the window's start keep it on the same text: in Cyrillic, a window left
 * where it was after a byte went in or out before it would start inside a letter.
 */
static void
test_visible_window_follows_edits(void **state)
{
	struct line *l = mk("әкімдік|"); /* ә0 к2 і4 м6 д8 і10 к12 */
	struct line_view v;

	(void)state;
	line_visible(l, 4, &v);
	assert_int_equal(v.start, 8);
	line_home(l); /* the cursor left of the window, not yet redrawn */
	insert_str(l, "ab");
	line_visible(l, 4, &v); /* the window comes back to the cursor */
	assert_int_equal(v.start, 2);
	assert_int_equal(v.cursor_col, 0);
	line_end(l);
	line_visible(l, 4, &v);
	assert_int_equal(v.start, 10);
	line_home(l);
	insert_str(l, "c"); /* one byte before the window: it moves with its text */
	line_end(l);
	line_visible(l, 4, &v);
	assert_int_equal(v.start, 11);
	assert_int_equal(v.cursor_col, 3);
	line_delete_to_start(l); /* the window's start inside what went */
	IS(l, "|");
	line_visible(l, 4, &v);
	assert_int_equal(v.start, 0);
	line_free(&l);

	l = mk("aәкімдік|"); /* a0 ә1 к3 і5 м7 д9 і11 к13 */
	line_visible(l, 4, &v);
	assert_int_equal(v.start, 9);
	line_home(l);
	line_delete_forward(l); /* one byte before the window's start */
	line_end(l);
	line_visible(l, 4, &v);
	assert_int_equal(v.start, 8);
	assert_int_equal(v.cursor_col, 3);
	/* The cursor at the window's left edge, deleting back. */
	for (int i = 0; i < 4; i++)
		line_left(l);
	line_visible(l, 4, &v);
	assert_int_equal(line_cursor(l), 6);
	assert_int_equal(v.start, 6);
	line_delete_back(l);
	IS(l, "әк|мдік");
	line_visible(l, 4, &v);
	assert_int_equal(v.start, 4);
	assert_int_equal(v.cursor_col, 0);
	/* C-w with the window's start inside the word that goes. */
	line_end(l);
	line_visible(l, 4, &v);
	assert_int_equal(v.start, 6);
	line_word_left(l);
	line_word_right(l);
	line_delete_word_back(l);
	IS(l, "|");
	line_visible(l, 4, &v);
	assert_int_equal(v.start, 0);
	line_free(&l);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_new_is_empty),
		cmocka_unit_test(test_insert_start_middle_end),
		cmocka_unit_test(test_insert_kazakh_russian),
		cmocka_unit_test(test_insert_refuses_controls),
		cmocka_unit_test(test_combining_kept_with_base),
		cmocka_unit_test(test_leading_marks),
		cmocka_unit_test(test_wide_and_emoji),
		cmocka_unit_test(test_char_cols),
		cmocka_unit_test(test_move_by_character),
		cmocka_unit_test(test_home_end),
		cmocka_unit_test(test_word_moves_across_punctuation),
		cmocka_unit_test(test_delete_by_character),
		cmocka_unit_test(test_delete_words),
		cmocka_unit_test(test_delete_to_start_end),
		cmocka_unit_test(test_take_and_clear),
		cmocka_unit_test(test_paste_multiline),
		cmocka_unit_test(test_paste_refused),
		cmocka_unit_test(test_set),
		cmocka_unit_test(test_length_limit),
		cmocka_unit_test(test_visible_window_properties),
		cmocka_unit_test(test_visible_window_cases),
		cmocka_unit_test(test_visible_window_scrolling),
		cmocka_unit_test(test_visible_window_follows_edits),
	};

	/* Widths come from wcwidth, which needs a UTF-8 locale (the interface sets the
	 * user's; C.UTF-8 is always there on Debian). */
	if (setlocale(LC_ALL, "C.UTF-8") == NULL) {
		printf("not ok 1 - setlocale C.UTF-8\n");
		return 1;
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
