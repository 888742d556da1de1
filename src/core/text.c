#include "core/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/i18n.h"
#include "util/xmalloc.h"

size_t
text_utf8_next(const char *str, size_t n, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t len;
	uint32_t v, min;

	if (n == 0)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xe0) == 0xc0) {
		len = 2;
		v = s[0] & 0x1f;
		min = 0x80;
	} else if ((s[0] & 0xf0) == 0xe0) {
		len = 3;
		v = s[0] & 0x0f;
		min = 0x800;
	} else if ((s[0] & 0xf8) == 0xf0) {
		len = 4;
		v = s[0] & 0x07;
		min = 0x10000;
	} else
		return 0;
	if (len > n)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		v = (v << 6) | (s[i] & 0x3f);
	}
	/* Overlong forms, surrogates and values past U+10FFFF are not UTF-8. */
	if (v < min || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
		return 0;
	*cp = v;
	return len;
}

bool
text_utf8_valid(const char *s, size_t n, size_t *bad)
{
	size_t i = 0, len;
	uint32_t cp;

	while (i < n) {
		if ((len = text_utf8_next(s + i, n - i, &cp)) == 0) {
			if (bad != NULL)
				*bad = i;
			return false;
		}
		i += len;
	}
	return true;
}

bool
text_is_control(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp == 0x061c || cp == 0x200e ||
	    cp == 0x200f || cp == 0x2028 || cp == 0x2029 || (cp >= 0x202a && cp <= 0x202e) ||
	    (cp >= 0x2066 && cp <= 0x2069);
}

int
text_check(const char *what, const char *s, bool required, size_t max, struct kz_error *e)
{
	size_t n, bad;
	const char *p;

	if (s == NULL)
		s = "";
	n = strlen(s);
	for (p = s; *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'; p++)
		;
	if (required && *p == '\0')
		return kz_fail(e, KZ_EINVAL, _("%s is empty"), _(what));
	if (n > max)
		return kz_fail(e, KZ_EINVAL, _("%s is too long (%zu bytes, at most %zu)"), _(what), n, max);
	if (!text_utf8_valid(s, n, &bad))
		return kz_fail(e, KZ_EINVAL, _("%s is not valid UTF-8 at byte %zu"), _(what), bad + 1);
	return 0;
}

int
text_check_name(const char *what, const char *s, size_t n, size_t max, struct kz_error *e)
{
	size_t i = 0, len;
	uint32_t cp;

	if (n == 0)
		return kz_fail(e, KZ_EINVAL, _("%s is empty"), _(what));
	if (n > max)
		return kz_fail(e, KZ_EINVAL, _("%s is too long (%zu bytes, at most %zu)"), _(what), n, max);
	while (i < n) {
		if ((len = text_utf8_next(s + i, n - i, &cp)) == 0)
			return kz_fail(e, KZ_EINVAL, _("%s is not valid UTF-8 at byte %zu"), _(what),
			    i + 1);
		if (text_is_control(cp))
			return kz_fail(e, KZ_EINVAL, _("%s has control character U+%04X at byte %zu"),
			    _(what), (unsigned)cp, i + 1);
		i += len;
	}
	return 0;
}

/* ---- display ---------------------------------------------------------------------- */

/* The escape for one character (cp) or one bad byte (bad), into buf; its length. */
static size_t
escape_one(uint32_t cp, bool bad, enum text_escape_mode mode, char buf[16])
{
	const char *lit = NULL;

	if (bad)
		return mode == TEXT_ESC_JSON ? (size_t)snprintf(buf, 16, "\\uFFFD") :
		    (size_t)snprintf(buf, 16, "\\x%02X", (unsigned)cp);
	switch (cp) {
	case '\\':
		lit = "\\\\";
		break;
	case '"':
		lit = "\\\"";
		break;
	case '\t':
		lit = "\\t";
		break;
	case '\n':
		lit = "\\n";
		break;
	case '\r':
		lit = "\\r";
		break;
	case '\b':
		lit = mode == TEXT_ESC_JSON ? "\\b" : NULL;
		break;
	case '\f':
		lit = mode == TEXT_ESC_JSON ? "\\f" : NULL;
		break;
	}
	if (lit != NULL)
		return (size_t)snprintf(buf, 16, "%s", lit);
	if (mode != TEXT_ESC_JSON && cp <= 0x7f)
		return (size_t)snprintf(buf, 16, "\\x%02X", (unsigned)cp);
	return (size_t)snprintf(buf, 16, "\\u%04X", (unsigned)cp);
}

/* Whether the character needs an escape in this form, beyond text_is_control. */
static bool
escape_also(uint32_t cp, enum text_escape_mode mode)
{
	return (cp == '\\' && mode != TEXT_ESC_TEXT) || (cp == '"' && mode == TEXT_ESC_JSON);
}

void
text_escape(const char *s, size_t n, enum text_escape_mode mode, text_sink *out, void *arg)
{
	size_t i = 0, run = 0, len, elen;
	uint32_t cp;
	char buf[16];
	bool bad;

	while (i < n) {
		if ((unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x7f &&
		    !escape_also((unsigned char)s[i], mode)) {
			i++;	/* printable ASCII, the common case */
			continue;
		}
		len = text_utf8_next(s + i, n - i, &cp);
		if ((bad = len == 0)) {
			cp = (unsigned char)s[i];
			len = 1;
		}
		if (!bad && !text_is_control(cp) && !escape_also(cp, mode)) {
			i += len;
			continue;
		}
		if (i > run)
			out(arg, s + run, i - run);
		elen = escape_one(cp, bad, mode, buf);
		out(arg, buf, elen);
		i += len;
		run = i;
	}
	if (n > run)
		out(arg, s + run, n - run);
}

struct dup_buf {
	char *p;
	size_t n, cap;
};

static void
dup_sink(void *arg, const char *s, size_t n)
{
	struct dup_buf *b = arg;

	b->p = xgrow(b->p, &b->cap, b->n + n + 1, 1);
	memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = '\0';
}

char *
text_escape_dup(const char *s, enum text_escape_mode mode)
{
	struct dup_buf b = { NULL, 0, 0 };

	b.p = xgrow(NULL, &b.cap, 1, 1);
	b.p[0] = '\0';
	text_escape(s, strlen(s), mode, dup_sink, &b);
	return b.p;
}

/* ---- folding and words -------------------------------------------------------------- */

/*
 * Upper to lower case: lo..hi map by +delta, every one (FOLD_ALL) or only the even or the
 * odd code points (the rest of such a range are the lower-case letters of the pairs).
 */
enum { FOLD_ALL, FOLD_EVEN, FOLD_ODD };
static const struct {
	uint32_t lo, hi;
	int32_t delta;
	int which;
} fold_ranges[] = {
	{ 0x0041, 0x005a, 0x20, FOLD_ALL },	/* A-Z */
	{ 0x00c0, 0x00d6, 0x20, FOLD_ALL },	/* À-Ö */
	{ 0x00d8, 0x00de, 0x20, FOLD_ALL },	/* Ø-Þ */
	{ 0x0100, 0x012f, 1, FOLD_EVEN },	/* Ā-į */
	{ 0x0130, 0x0130, 0x69 - 0x130, FOLD_ALL },	/* İ to i */
	{ 0x0132, 0x0137, 1, FOLD_EVEN },	/* Ĳ-ķ */
	{ 0x0139, 0x0148, 1, FOLD_ODD },	/* Ĺ-ň */
	{ 0x014a, 0x0177, 1, FOLD_EVEN },	/* Ŋ-ŷ (Ş, Ū) */
	{ 0x0178, 0x0178, 0xff - 0x178, FOLD_ALL },	/* Ÿ to ÿ */
	{ 0x0179, 0x017e, 1, FOLD_ODD },	/* Ź-ž */
	{ 0x018f, 0x018f, 0x259 - 0x18f, FOLD_ALL },	/* Ə to ə */
	{ 0x0400, 0x040f, 0x50, FOLD_ALL },	/* Ѐ-Џ: Ё Є І Ї Ў ... */
	{ 0x0410, 0x042f, 0x20, FOLD_ALL },	/* А-Я */
	{ 0x0460, 0x0481, 1, FOLD_EVEN },	/* Ѡ-ҁ */
	{ 0x048a, 0x04bf, 1, FOLD_EVEN },	/* Ҋ-ҿ: Ґ Ғ Қ Ң Ү Ұ Һ */
	{ 0x04c0, 0x04c0, 0x04cf - 0x04c0, FOLD_ALL },	/* Ӏ to ӏ */
	{ 0x04c1, 0x04ce, 1, FOLD_ODD },	/* Ӂ-ӎ */
	{ 0x04d0, 0x052f, 1, FOLD_EVEN },	/* Ӑ-ԯ: Ә Ө */
};

uint32_t
text_fold_char(uint32_t cp)
{
	/* The common cases first: ASCII, small Russian and Kazakh letters. */
	if (cp < 0x80)
		return cp >= 'A' && cp <= 'Z' ? cp + 0x20 : cp;
	if (cp > 0x052f || (cp >= 0x0430 && cp <= 0x045f && cp != 0x0451))
		return cp;
	for (size_t i = 0; i < sizeof fold_ranges / sizeof fold_ranges[0]; i++) {
		if (cp < fold_ranges[i].lo || cp > fold_ranges[i].hi)
			continue;
		if (fold_ranges[i].which == FOLD_ALL ||
		    (cp % 2 == 0) == (fold_ranges[i].which == FOLD_EVEN))
			cp = (uint32_t)((int32_t)cp + fold_ranges[i].delta);
		break;
	}
	return cp == 0x0451 ? 0x0435 : cp;	/* ё to е: see text.h */
}

/* Writes cp as UTF-8 at out; its length. */
static size_t
utf8_put(uint32_t cp, char *out)
{
	unsigned char *o = (unsigned char *)out;

	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xc0 | cp >> 6);
		o[1] = (unsigned char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xe0 | cp >> 12);
		o[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3f));
		o[2] = (unsigned char)(0x80 | (cp & 0x3f));
		return 3;
	}
	o[0] = (unsigned char)(0xf0 | cp >> 18);
	o[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3f));
	o[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3f));
	o[3] = (unsigned char)(0x80 | (cp & 0x3f));
	return 4;
}

size_t
text_fold(const char *s, size_t n, char *out)
{
	size_t i = 0, o = 0, len;
	uint32_t cp;

	while (i < n) {
		if ((len = text_utf8_next(s + i, n - i, &cp)) == 0) {
			out[o++] = s[i++];
			continue;
		}
		i += len;
		/*
		 * Every fold of the table is to a character as long in UTF-8 or shorter (İ to
		 * i), so the output never overtakes the input and out may be s.
		 */
		o += utf8_put(text_fold_char(cp), out + o);
	}
	out[o] = '\0';
	return o;
}

#include "core/text_wordchars.h"

bool
text_is_word_char(uint32_t cp)
{
	size_t lo = 0, hi = sizeof text_wordchars / sizeof text_wordchars[0];

	if (cp < 0x80)
		return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') ||
		    (cp >= 'A' && cp <= 'Z');
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (cp < text_wordchars[mid][0])
			hi = mid;
		else if (cp > text_wordchars[mid][1])
			lo = mid + 1;
		else
			return true;
	}
	return false;
}

int
text_words(const char *s, size_t n, text_word_fn *fn, void *arg)
{
	char *buf = xmalloc(n + 1);
	size_t len = text_fold(s, n, buf), i = 0, start, cl;
	uint32_t cp;
	int rc = 0;

	while (i < len && rc == 0) {
		/* Skip to a word, then find its end: the first byte that is not of it. */
		while (i < len && ((cl = text_utf8_next(buf + i, len - i, &cp)) == 0 ||
		    !text_is_word_char(cp)))
			i += cl == 0 ? 1 : cl;
		start = i;
		while (i < len && (cl = text_utf8_next(buf + i, len - i, &cp)) != 0 &&
		    text_is_word_char(cp))
			i += cl;
		if (i > start) {
			char keep = buf[i];

			buf[i] = '\0';
			rc = fn(arg, buf + start, i - start);
			buf[i] = keep;
		}
	}
	free(buf);
	return rc;
}

/*
 * KZ-1048 (STRK1048-2002), the Kazakh code page: ASCII below 0x80, above it Windows-1251
 * with the nine Kazakh letters in place of rarely used ones. The character at 0x80 + i;
 * 0 where the byte is undefined.
 */
static const uint16_t kz1048[128] = {
	0x0402, 0x0403, 0x201A, 0x0453, 0x201E, 0x2026, 0x2020, 0x2021,
	0x20AC, 0x2030, 0x0409, 0x2039, 0x040A, 0x049A, 0x04BA, 0x040F,
	0x0452, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x0000, 0x2122, 0x0459, 0x203A, 0x045A, 0x049B, 0x04BB, 0x045F,
	0x00A0, 0x04B0, 0x04B1, 0x04D8, 0x00A4, 0x04E8, 0x00A6, 0x00A7,
	0x0401, 0x00A9, 0x0492, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x04AE,
	0x00B0, 0x00B1, 0x0406, 0x0456, 0x04E9, 0x00B5, 0x00B6, 0x00B7,
	0x0451, 0x2116, 0x0493, 0x00BB, 0x04D9, 0x04A2, 0x04A3, 0x04AF,
	0x0410, 0x0411, 0x0412, 0x0413, 0x0414, 0x0415, 0x0416, 0x0417,
	0x0418, 0x0419, 0x041A, 0x041B, 0x041C, 0x041D, 0x041E, 0x041F,
	0x0420, 0x0421, 0x0422, 0x0423, 0x0424, 0x0425, 0x0426, 0x0427,
	0x0428, 0x0429, 0x042A, 0x042B, 0x042C, 0x042D, 0x042E, 0x042F,
	0x0430, 0x0431, 0x0432, 0x0433, 0x0434, 0x0435, 0x0436, 0x0437,
	0x0438, 0x0439, 0x043A, 0x043B, 0x043C, 0x043D, 0x043E, 0x043F,
	0x0440, 0x0441, 0x0442, 0x0443, 0x0444, 0x0445, 0x0446, 0x0447,
	0x0448, 0x0449, 0x044A, 0x044B, 0x044C, 0x044D, 0x044E, 0x044F,

};

/* Bytes by character: the Cyrillic block directly, the few others by search. */
static uint8_t kz_cyr[256];
static bool kz_ready;

static void
kz_init(void)
{
	for (int i = 0; i < 128; i++)
		if (kz1048[i] >= 0x400 && kz1048[i] < 0x500)
			kz_cyr[kz1048[i] - 0x400] = (uint8_t)(0x80 + i);
	kz_ready = true;
}

static int
kz_byte(uint32_t cp)
{
	if (cp < 0x80)
		return (int)cp;
	if (cp >= 0x400 && cp < 0x500)
		return kz_cyr[cp - 0x400] != 0 ? kz_cyr[cp - 0x400] : -1;
	for (int i = 0; i < 128; i++)
		if (kz1048[i] == cp)
			return 0x80 + i;
	return -1;
}

size_t
text_kz1048_encode(const char *s, size_t n, uint8_t *out)
{
	size_t i = 0, o = 0;
	bool wide = false;

	if (!kz_ready)
		kz_init();
	while (i < n) {
		uint32_t cp;
		size_t len = text_utf8_next(s + i, n - i, &cp);
		int b;

		if (len == 0 || (b = kz_byte(cp)) < 0)
			return 0;
		wide |= b >= 0x80;
		out[o++] = (uint8_t)b;
		i += len;
	}
	return wide ? o : 0;
}

char *
text_kz1048_decode(const uint8_t *p, size_t n)
{
	char *out = xmalloc(3 * n + 1), *q = out;

	for (size_t i = 0; i < n; i++) {
		uint32_t cp = p[i] < 0x80 ? p[i] : kz1048[p[i] - 0x80];

		if (cp == 0 && p[i] != 0) {
			free(out);
			return NULL;
		}
		if (cp < 0x80) {
			*q++ = (char)cp;
		} else if (cp < 0x800) {
			*q++ = (char)(0xc0 | cp >> 6);
			*q++ = (char)(0x80 | (cp & 0x3f));
		} else {
			*q++ = (char)(0xe0 | cp >> 12);
			*q++ = (char)(0x80 | (cp >> 6 & 0x3f));
			*q++ = (char)(0x80 | (cp & 0x3f));
		}
	}
	*q = '\0';
	return out;
}

bool
text_folded_has(const char *text, const char *part)
{
	char *t;
	bool found;

	if (text == NULL)
		return false;
	t = xmalloc(strlen(text) + 1);
	t[text_fold(text, strlen(text), t)] = '\0';
	found = strstr(t, part) != NULL;
	free(t);
	return found;
}
