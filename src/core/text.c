#include "core/text.h"

#include <string.h>

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
	return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp == 0x2028 || cp == 0x2029 ||
	    (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
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
