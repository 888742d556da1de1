#include "core/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
		return kz_fail(e, KZ_EINVAL, "%s is empty", what);
	if (n > max)
		return kz_fail(e, KZ_EINVAL, "%s is too long (%zu bytes, at most %zu)", what, n, max);
	if (!text_utf8_valid(s, n, &bad))
		return kz_fail(e, KZ_EINVAL, "%s is not valid UTF-8 at byte %zu", what, bad + 1);
	return 0;
}

int
text_check_name(const char *what, const char *s, size_t n, size_t max, struct kz_error *e)
{
	size_t i = 0, len;
	uint32_t cp;

	if (n == 0)
		return kz_fail(e, KZ_EINVAL, "%s is empty", what);
	if (n > max)
		return kz_fail(e, KZ_EINVAL, "%s is too long (%zu bytes, at most %zu)", what, n, max);
	while (i < n) {
		if ((len = text_utf8_next(s + i, n - i, &cp)) == 0)
			return kz_fail(e, KZ_EINVAL, "%s is not valid UTF-8 at byte %zu", what,
			    i + 1);
		if (text_is_control(cp))
			return kz_fail(e, KZ_EINVAL, "%s has control character U+%04X at byte %zu",
			    what, (unsigned)cp, i + 1);
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
