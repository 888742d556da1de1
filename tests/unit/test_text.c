/*
 * core/text: the display sanitiser (text_escape) and its predicate (text_is_control), and
 * folding and words for search (text_fold, text_words), without the locale.
 */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/text.h"

/* cp as UTF-8 into buf (at least 5 bytes), NUL-terminated; its length. */
static size_t
utf8(uint32_t cp, char *buf)
{
	unsigned char *b = (unsigned char *)buf;
	size_t n;

	if (cp < 0x80) {
		b[0] = (unsigned char)cp;
		n = 1;
	} else if (cp < 0x800) {
		b[0] = (unsigned char)(0xc0 | cp >> 6);
		b[1] = (unsigned char)(0x80 | (cp & 0x3f));
		n = 2;
	} else if (cp < 0x10000) {
		b[0] = (unsigned char)(0xe0 | cp >> 12);
		b[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3f));
		b[2] = (unsigned char)(0x80 | (cp & 0x3f));
		n = 3;
	} else {
		b[0] = (unsigned char)(0xf0 | cp >> 18);
		b[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3f));
		b[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3f));
		b[3] = (unsigned char)(0x80 | (cp & 0x3f));
		n = 4;
	}
	buf[n] = '\0';
	return n;
}

struct collect {
	char buf[4096];
	size_t n, calls;
};

static void
collect_sink(void *arg, const char *s, size_t n)
{
	struct collect *c = arg;

	assert_true(c->n + n < sizeof c->buf);
	memcpy(c->buf + c->n, s, n);
	c->n += n;
	c->buf[c->n] = '\0';
	c->calls++;
}

/* The escaped form of s[0..n) in mode m. */
static const char *
esc(const char *s, size_t n, enum text_escape_mode m)
{
	static struct collect c;

	c.n = c.calls = 0;
	c.buf[0] = '\0';
	text_escape(s, n, m, collect_sink, &c);
	return c.buf;
}

#define ESC(lit, m) esc(lit, sizeof(lit) - 1, m)

/* Every character the issue names is a control, and nothing ordinary is. */
static void
test_control_classes(void **state)
{
	static const uint32_t yes[] = { 0x00, 0x07, 0x09, 0x0a, 0x0d, 0x1b, 0x1f, 0x7f, 0x80,
		0x85, 0x9b, 0x9f, 0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e,
		0x2066, 0x2067, 0x2068, 0x2069, 0x2028, 0x2029 };
	static const uint32_t no[] = { 0x20, 'a', '\\', '"', 0xa0, 0x49a, 0x4d9, 0x200b,
		0x200d, 0x2027, 0x202f, 0x2065, 0x206a, 0xfeff, 0x1f600 };

	(void)state;
	for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
		if (!text_is_control(yes[i]))
			fail_msg("U+%04X is not a control", (unsigned)yes[i]);
	for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
		if (text_is_control(no[i]))
			fail_msg("U+%04X is a control", (unsigned)no[i]);
}

/*
 * The sanitiser and the predicate are one: over every code point, a character is written
 * changed exactly when text_is_control says so (or it is the form's own quote or
 * backslash), and what is written is then pure printable ASCII.
 */
static void
test_escape_is_the_predicate(void **state)
{
	static const enum text_escape_mode modes[] = { TEXT_ESC_TEXT, TEXT_ESC_TSV,
		TEXT_ESC_JSON };
	char buf[8];
	size_t n;

	(void)state;
	for (uint32_t cp = 0; cp <= 0x10ffff; cp++) {
		if (cp >= 0xd800 && cp <= 0xdfff)
			continue;
		n = utf8(cp, buf);
		for (size_t m = 0; m < 3; m++) {
			const char *out = esc(buf, n, modes[m]);
			bool own = (cp == '\\' && modes[m] != TEXT_ESC_TEXT) ||
			    (cp == '"' && modes[m] == TEXT_ESC_JSON);
			bool changed = strcmp(out, buf) != 0;

			if (changed != (text_is_control(cp) || own))
				fail_msg("U+%04X in mode %zu: written as '%s'", (unsigned)cp, m, out);
			for (const char *p = out; changed && *p != '\0'; p++)
				if (*p < 0x20 || *p > 0x7e)
					fail_msg("U+%04X in mode %zu: escape holds byte 0x%02x",
					    (unsigned)cp, m, (unsigned char)*p);
		}
	}
}

static void
test_escape_forms(void **state)
{
	static const char s[] = "a\tb\nc\rd\x01\x1b[31m\x7f\xc2\x85\xe2\x80\xae\xe2\x80\xa8"
	    "\xd8\x9c\\\"Қ";

	(void)state;
	assert_string_equal(ESC(s, TEXT_ESC_TEXT),
	    "a\\tb\\nc\\rd\\x01\\x1B[31m\\x7F\\u0085\\u202E\\u2028\\u061C\\\"Қ");
	assert_string_equal(ESC(s, TEXT_ESC_TSV),
	    "a\\tb\\nc\\rd\\x01\\x1B[31m\\x7F\\u0085\\u202E\\u2028\\u061C\\\\\"Қ");
	assert_string_equal(ESC(s, TEXT_ESC_JSON),
	    "a\\tb\\nc\\rd\\u0001\\u001B[31m\\u007F\\u0085\\u202E\\u2028\\u061C\\\\\\\"Қ");
	assert_string_equal(ESC("\b\f", TEXT_ESC_JSON), "\\b\\f");
	assert_string_equal(ESC("\b\f", TEXT_ESC_TEXT), "\\x08\\x0C");
	/* A NUL inside the given length is shown, not taken for the end. */
	assert_string_equal(ESC("a\0b", TEXT_ESC_TEXT), "a\\x00b");
	assert_string_equal(ESC("", TEXT_ESC_TSV), "");
	assert_string_equal(ESC("Ауыз су қашан келеді?", TEXT_ESC_JSON),
	    "Ауыз су қашан келеді?");
}

/* Bytes that are not UTF-8, each shown on its own: \xNN, or U+FFFD in JSON. */
static void
test_escape_invalid_utf8(void **state)
{
	(void)state;
	assert_string_equal(ESC("a\xff" "b", TEXT_ESC_TEXT), "a\\xFFb");
	assert_string_equal(ESC("\xc3", TEXT_ESC_TSV), "\\xC3");	/* cut short */
	assert_string_equal(ESC("\xe2\x80" "x", TEXT_ESC_TEXT), "\\xE2\\x80x");
	assert_string_equal(ESC("\xc0\xaf", TEXT_ESC_TEXT), "\\xC0\\xAF");	/* overlong */
	assert_string_equal(ESC("\xed\xa0\x80", TEXT_ESC_TEXT), "\\xED\\xA0\\x80"); /* surrogate */
	assert_string_equal(ESC("\xf4\x90\x80\x80", TEXT_ESC_TEXT),
	    "\\xF4\\x90\\x80\\x80");	/* past U+10FFFF */
	assert_string_equal(ESC("a\xff\xc3" "b", TEXT_ESC_JSON), "a\\uFFFD\\uFFFDb");
	/* A control hidden behind a bad byte is still found. */
	assert_string_equal(ESC("\xc3\xe2\x80\xae", TEXT_ESC_TEXT), "\\xC3\\u202E");
}

/* Plain text goes out in one piece: the sanitiser costs no call per character. */
static void
test_escape_runs_and_dup(void **state)
{
	static struct collect c;
	char *d;

	(void)state;
	text_escape("plain ascii and Қазақша", strlen("plain ascii and Қазақша"),
	    TEXT_ESC_TSV, collect_sink, &c);
	assert_int_equal(c.calls, 1);
	d = text_escape_dup("x\x1b" "y\xe2\x80\xaez", TEXT_ESC_TEXT);
	assert_string_equal(d, "x\\x1By\\u202Ez");
	free(d);
	d = text_escape_dup("", TEXT_ESC_JSON);
	assert_string_equal(d, "");
	free(d);
}

/* ---- folding ---------------------------------------------------------------------- */

static const char *
fold(const char *s)
{
	static char buf[1024];

	assert_true(strlen(s) < sizeof buf);
	text_fold(s, strlen(s), buf);
	return buf;
}

/* The 42 letters of the Kazakh Cyrillic alphabet, upper and lower case, in order. */
static const char kk_upper[] = "АӘБВГҒДЕЁЖЗИЙКҚЛМНҢОӨПРСТУҰҮФХҺЦЧШЩЪЫІЬЭЮЯ";
static const char kk_lower[] = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя";

static void
test_fold_kazakh_alphabet(void **state)
{
	const char *u = kk_upper, *l = kk_lower;
	uint32_t cu, cl;
	size_t nu, nl, count = 0;

	(void)state;
	while (*u != '\0') {
		assert_int_not_equal(nu = text_utf8_next(u, strlen(u), &cu), 0);
		assert_int_not_equal(nl = text_utf8_next(l, strlen(l), &cl), 0);
		/* Every capital folds to its small letter; ё (and so Ё) folds on to е. */
		if (text_fold_char(cu) != text_fold_char(cl) ||
		    text_fold_char(cl) != (cl == 0x451 ? 0x435 : cl))
			fail_msg("U+%04X folds to U+%04X, U+%04X to U+%04X", (unsigned)cu,
			    (unsigned)text_fold_char(cu), (unsigned)cl, (unsigned)text_fold_char(cl));
		assert_int_not_equal(cu, cl);
		u += nu;
		l += nl;
		count++;
	}
	assert_int_equal(count, 42);
	assert_string_equal(fold(kk_upper), "аәбвгғдеежзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя");
	assert_string_equal(fold(kk_lower), fold(kk_upper));
	/* The nine letters Kazakh adds to the Russian alphabet, by code point. */
	assert_int_equal(text_fold_char(0x4d8), 0x4d9);	/* Ә */
	assert_int_equal(text_fold_char(0x492), 0x493);	/* Ғ */
	assert_int_equal(text_fold_char(0x49a), 0x49b);	/* Қ */
	assert_int_equal(text_fold_char(0x4a2), 0x4a3);	/* Ң */
	assert_int_equal(text_fold_char(0x4e8), 0x4e9);	/* Ө */
	assert_int_equal(text_fold_char(0x4b0), 0x4b1);	/* Ұ */
	assert_int_equal(text_fold_char(0x4ae), 0x4af);	/* Ү */
	assert_int_equal(text_fold_char(0x4ba), 0x4bb);	/* Һ */
	assert_int_equal(text_fold_char(0x406), 0x456);	/* І */
}

static void
test_fold_russian_latin_and_others(void **state)
{
	char az[27], AZ[27];

	(void)state;
	assert_string_equal(fold("ЁЛКА ёлка Елка"), "елка елка елка");
	assert_string_equal(fold("СЪЕЗД Щука ЭХО"), "съезд щука эхо");
	for (int i = 0; i < 26; i++) {
		AZ[i] = (char)('A' + i);
		az[i] = (char)('a' + i);
	}
	AZ[26] = az[26] = '\0';
	assert_string_equal(fold(AZ), az);
	assert_string_equal(fold(az), az);
	/* Latin-1 and Extended-A (Kazakh in Latin letters: Ä Ğ Ñ Ö Ş Ū Ü İ), the schwa. */
	assert_string_equal(fold("ÄĞÑÖŞŪÜİ Ə ÀÞŸŽĹ"), "äğñöşūüi ə àþÿžĺ");
	assert_string_equal(fold("ı ß × ÷"), "ı ß × ÷");
	/* Ukrainian and Belarusian look-alikes: Є Ї Ґ Ў fold, and І is Kazakh's own І. */
	assert_string_equal(fold("ЄЇҐЎІ"), "єїґўі");
	/* Scripts outside the table, digits and signs stay as they are; bad bytes too. */
	assert_string_equal(fold("ΣΑ 2026 №5 — «жол»"), "ΣΑ 2026 №5 — «жол»");
	assert_string_equal(fold("A\xff" "Б\xc3"), "a\xff" "б\xc3");
}

/* Folding does not depend on the locale: the same in "C" as in any other. */
static void
test_fold_in_c_locale(void **state)
{
	(void)state;
	assert_non_null(setlocale(LC_ALL, "C"));
	assert_string_equal(fold("ҚАЗАҚСТАН ЖОЛ Ұлы Өзен Ғылым Һ"), "қазақстан жол ұлы өзен ғылым һ");
	assert_int_equal(text_fold_char(0x49a), 0x49b);
}

/* Over every code point: never longer in UTF-8, folding twice is folding once. */
static void
test_fold_every_code_point(void **state)
{
	char a[8], b[8], buf[8];
	size_t n;

	(void)state;
	for (uint32_t cp = 0; cp <= 0x10ffff; cp++) {
		uint32_t f = text_fold_char(cp);

		if (cp >= 0xd800 && cp <= 0xdfff)
			continue;
		if (utf8(f, b) > utf8(cp, a))
			fail_msg("U+%04X folds to the longer U+%04X", (unsigned)cp, (unsigned)f);
		if (text_fold_char(f) != f)
			fail_msg("U+%04X folds to U+%04X, which folds on", (unsigned)cp, (unsigned)f);
		n = text_fold(a, strlen(a) + (cp == 0), buf);
		if (n != strlen(b) + (cp == 0) || memcmp(buf, b, n) != 0)
			fail_msg("text_fold of U+%04X disagrees with text_fold_char", (unsigned)cp);
	}
	/* In place. */
	memcpy(buf, "ҚҰ", sizeof "ҚҰ");
	assert_int_equal(text_fold(buf, strlen(buf), buf), strlen("құ"));
	assert_string_equal(buf, "құ");
}

/* ---- words ------------------------------------------------------------------------ */

struct words {
	char list[1024];
	int n, stop_at;
};

static int
add_word(void *arg, const char *w, size_t len)
{
	struct words *ws = arg;

	assert_int_equal(strlen(w), len);
	if (ws->n > 0)
		strcat(ws->list, "|");
	strcat(ws->list, w);
	ws->n++;
	return ws->n == ws->stop_at ? 7 : 0;
}

static const char *
words(const char *s)
{
	static struct words ws;

	memset(&ws, 0, sizeof ws);
	assert_int_equal(text_words(s, strlen(s), add_word, &ws), 0);
	return ws.list;
}

static void
test_words(void **state)
{
	struct words ws = { .stop_at = 2 };

	(void)state;
	assert_string_equal(words("ЖОЛ-жөндеу, 2026 ж.  Ёлка!Ауыз\tсу"),
	    "жол|жөндеу|2026|ж|елка|ауыз|су");
	assert_string_equal(words("Kezdesu—кездесу «Ақ жол» (No.5) don't"),
	    "kezdesu|кездесу|ақ|жол|no|5|don|t");
	/* A combining mark stays in its word; symbols, emoji, NBSP and bad bytes split. */
	assert_string_equal(words("и\xcc\x86ш су\xf0\x9f\x9a\xb0жол a\xc2\xa0" "b c\xff" "d №7"),
	    "и\xcc\x86ш|су|жол|a|b|c|d|7");
	/* Letters and digits of other scripts are words too. */
	assert_string_equal(words("中文 عربي ١٢٣ Σοφία"), "中文|عربي|١٢٣|Σοφία");
	assert_string_equal(words(""), "");
	assert_string_equal(words(" ,.- "), "");
	/* The callback stops the split with its own value. */
	assert_int_equal(text_words("бір екі үш", strlen("бір екі үш"), add_word, &ws), 7);
	assert_string_equal(ws.list, "бір|екі");
	/* Only up to n: the rest of the string is not read. */
	memset(&ws, 0, sizeof ws);
	assert_int_equal(text_words("ЖОЛ жоқ", 3, add_word, &ws), 0);
	assert_string_equal(ws.list, "\xd0\xb6");	/* the first letter, whole */
	assert_true(text_is_word_char(0x49b) && text_is_word_char('7') && !text_is_word_char('-'));
	assert_true(!text_is_word_char(0x2014) && !text_is_word_char(0xa0));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_control_classes),
		cmocka_unit_test(test_escape_is_the_predicate),
		cmocka_unit_test(test_escape_forms),
		cmocka_unit_test(test_escape_invalid_utf8),
		cmocka_unit_test(test_escape_runs_and_dup),
		cmocka_unit_test(test_fold_kazakh_alphabet),
		cmocka_unit_test(test_fold_russian_latin_and_others),
		cmocka_unit_test(test_fold_in_c_locale),
		cmocka_unit_test(test_fold_every_code_point),
		cmocka_unit_test(test_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
