/* P-3: the announcement's channels, names of the decree's list (announce.h). */
#include "core/announce.h"

#include <stdlib.h>
#include <string.h>

#include "core/namelist.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

const char *const announce_channel_names[AC_COUNT] = {
	[AC_PRINT] = "print",
	[AC_RADIO] = "radio",
	[AC_WEB] = "web",
	[AC_EGOV] = "egov",
	[AC_OPEN_DATA] = "open-data",
	[AC_SOCIAL] = "social",
	[AC_PUBLIC_PLACES] = "public-places",
	[AC_OTHER] = "other",
};

const char *const announce_channel_titles[AC_COUNT] = {
	[AC_PRINT] = N_("regional print"),
	[AC_RADIO] = N_("radio"),
	[AC_WEB] = N_("official web resources"),
	[AC_EGOV] = N_("e-government portal"),
	[AC_OPEN_DATA] = N_("open data portal"),
	[AC_SOCIAL] = N_("akimat's social accounts"),
	[AC_PUBLIC_PLACES] = N_("public places"),
	[AC_OTHER] = N_("other mass media"),
};

#define AC_LIST "print, radio, web, egov, open-data, social, public-places, other"

int
announce_channel_find(const char *s, size_t n)
{
	while (n > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	for (int k = 0; k < AC_COUNT; k++)
		if (strlen(announce_channel_names[k]) == n &&
		    memcmp(announce_channel_names[k], s, n) == 0)
			return k;
	return -1;
}

/*
 * One spelling, one order, so that dump and lists read the same whatever order a clerk
 * typed, as reception's received_by does.
 */
int
announce_channels_normalise(char **channels, struct kz_error *e)
{
	const char *bad;
	size_t badlen;
	unsigned mask;

	if (namelist_parse(*channels, announce_channel_names, AC_COUNT, &mask, &bad,
	    &badlen) != 0) {
		if (badlen == 0)
			return kz_fail(e, KZ_EINVAL, _("visit: --channels names no channel (P-3: "
			    "one or more of %s)"), AC_LIST);
		return kz_fail(e, KZ_EINVAL, _("visit: channel '%.*s' is not in the decree's "
		    "list (P-3: %s)"), (int)badlen, bad, AC_LIST);
	}
	free(*channels);
	*channels = namelist_format(announce_channel_names, AC_COUNT, mask);
	return 0;
}
