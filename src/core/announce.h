/*
 * P-3: where a meeting was announced, from the decree's list of mass media (point 3.4):
 * regional print, radio, official web resources, the e-government portal, the open data
 * portal, the akimats' social accounts and public places. A visit keeps them in its
 * `channels` field as names of announce_channel_names, comma-separated, each once, in the
 * list's order.
 */
#ifndef KZ_ANNOUNCE_H
#define KZ_ANNOUNCE_H

#include <stdbool.h>
#include <stddef.h>

#include "util/log.h"

enum announce_channel {
	AC_PRINT,		/* regional print */
	AC_RADIO,
	AC_WEB,			/* official web resources */
	AC_EGOV,		/* the e-government portal */
	AC_OPEN_DATA,		/* the open data portal */
	AC_SOCIAL,		/* the akimat's official social accounts */
	AC_PUBLIC_PLACES,	/* public places */
	AC_OTHER,		/* other mass media («в том числе»: the list is not closed) */
	AC_COUNT
};

/* The names a user types and the store keeps, and the words people read. */
extern const char *const announce_channel_names[AC_COUNT];
extern const char *const announce_channel_titles[AC_COUNT];

/*
 * Puts a list the user typed ("radio, print") in the store's form ("print,radio"): each
 * name of announce_channel_names once, in its order. An empty list or an unknown name is
 * refused with one line naming the valid ones. *channels is replaced.
 */
int announce_channels_normalise(char **channels, struct kz_error *e);
/* The channel named by s[0..n) (surrounding blanks ignored), or -1 for none of the list. */
int announce_channel_find(const char *s, size_t n);

#endif
