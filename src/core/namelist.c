/* Lists of names from a fixed table: P-3's channels, A-1's who received, M-2's invited. */
#include "core/namelist.h"

#include <string.h>

#include "util/xmalloc.h"

static int
find(const char *s, size_t len, const char *const *names, size_t n)
{
	for (size_t k = 0; k < n; k++)
		if (strlen(names[k]) == len && memcmp(names[k], s, len) == 0)
			return (int)k;
	return -1;
}

int
namelist_parse(const char *s, const char *const *names, size_t n, unsigned *mask,
    const char **bad, size_t *badlen)
{
	*mask = 0;
	for (const char *p = s != NULL ? s : "";;) {
		const char *comma = strchr(p, ',');
		size_t len = comma != NULL ? (size_t)(comma - p) : strlen(p);
		int k = -1;

		while (len > 0 && (*p == ' ' || *p == '\t')) {
			p++;
			len--;
		}
		while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t'))
			len--;
		/* an empty item (a doubled or trailing comma) names nothing: skipped */
		if (len > 0 && (k = find(p, len, names, n)) < 0) {
			*bad = p;
			*badlen = len;
			return -1;
		}
		if (len > 0)
			*mask |= 1u << k;
		if (comma == NULL) {
			if (*mask != 0)
				return 0;
			*bad = p;	/* no name at all */
			*badlen = 0;
			return -1;
		}
		p = comma + 1;
	}
}

char *
namelist_format(const char *const *names, size_t n, unsigned mask)
{
	size_t len = 1;
	char *out;

	for (size_t k = 0; k < n; k++)
		if (mask & (1u << k))
			len += strlen(names[k]) + 1;
	out = xmalloc(len);
	out[0] = '\0';
	for (size_t k = 0; k < n; k++)
		if (mask & (1u << k)) {
			if (out[0] != '\0')
				strcat(out, ",");
			strcat(out, names[k]);
		}
	return out;
}
