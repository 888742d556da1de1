#include "util/clock.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/date.h"

int
clock_parse(const char *s, int64_t *ms)
{
	kz_date d;
	int hh = 0, mi = 0, ss = 0, n = 0;
	char buf[11];

	if (strlen(s) < 10)
		return -1;
	memcpy(buf, s, 10);
	buf[10] = '\0';
	if (date_parse(buf, &d) != 0)
		return -1;
	s += 10;
	if (*s == 'T' || *s == ' ') {
		if (sscanf(s + 1, "%2d:%2d%n", &hh, &mi, &n) != 2)
			return -1;
		s += 1 + n;
		if (*s == ':') {
			if (sscanf(s + 1, "%2d%n", &ss, &n) != 1)
				return -1;
			s += 1 + n;
		}
		if (hh > 23 || mi > 59 || ss > 59)
			return -1;
	}
	if (*s == 'Z')
		s++;
	if (*s != '\0')
		return -1;
	*ms = ((int64_t)d * 86400 + hh * 3600 + mi * 60 + ss) * 1000;
	return 0;
}

int64_t
clock_now_ms(void)
{
	const char *fixed = getenv("KEZDESU_NOW");
	struct timespec ts;
	int64_t ms;

	if (fixed != NULL && *fixed != '\0' && clock_parse(fixed, &ms) == 0)
		return ms;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}
