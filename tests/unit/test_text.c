/*
 * core/text: the display sanitiser (text_escape) and its predicate (text_is_control).
 */
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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_control_classes),
		cmocka_unit_test(test_escape_is_the_predicate),
		cmocka_unit_test(test_escape_forms),
		cmocka_unit_test(test_escape_invalid_utf8),
		cmocka_unit_test(test_escape_runs_and_dup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
