#include "core/text.h"

#include <string.h>

bool
text_utf8_valid(const char *str, size_t n, size_t *bad)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	while (i < n) {
		unsigned c = s[i], need, min, cp;

		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			need = 1;
			min = 0x80;
			cp = c & 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			need = 2;
			min = 0x800;
			cp = c & 0x0f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			need = 3;
			min = 0x10000;
			cp = c & 0x07;
		} else {
			goto fail;
		}
		if (i + need >= n)
			goto fail;
		for (unsigned k = 1; k <= need; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				goto fail;
			cp = cp << 6 | (s[i + k] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			goto fail;
		i += need + 1;
	}
	return true;
fail:
	if (bad != NULL)
		*bad = i;
	return false;
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
		return kz_fail(e, KZ_EINVAL, "%s is not valid UTF-8 (byte %zu)", what, bad + 1);
	return 0;
}
