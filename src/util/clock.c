#include "util/clock.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/*
 * Days since 1970-01-01 of a strict "YYYY-MM-DD" at s, or -1 when it is none. util/ sits
 * below core/, so this does not borrow core/date.c: the civil-from-days arithmetic is
 * the usual one (years counted from March, so the leap day ends a year).
 */
static int
parse_day(const char *s, int64_t *days)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y = 0, m, d, era, yoe, doy;
	bool leap;

	for (int i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
			return -1;
	for (int i = 0; i < 4; i++)
		y = y * 10 + (s[i] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1] + (m == 2 && leap))
		return -1;
	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	*days = (int64_t)era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
	return 0;
}

int
clock_parse(const char *s, int64_t *ms)
{
	int64_t d;
	int hh = 0, mi = 0, ss = 0, n = 0, off = 0;

	if (strlen(s) < 10 || parse_day(s, &d) != 0)
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
	/* UTC ("Z", or nothing), or an offset from it: "+05:00" is Kazakhstan's time */
	if (*s == 'Z') {
		s++;
	} else if ((*s == '+' || *s == '-') && s[1] >= '0' && s[1] <= '9' && s[2] >= '0' &&
	    s[2] <= '9' && s[3] == ':' && s[4] >= '0' && s[4] <= '9' && s[5] >= '0' &&
	    s[5] <= '9') {
		int oh = (s[1] - '0') * 10 + (s[2] - '0'), om = (s[4] - '0') * 10 + (s[5] - '0');

		if (oh > 14 || om > 59)
			return -1;
		off = (*s == '+' ? 1 : -1) * (oh * 3600 + om * 60);
		s += 6;
	}
	if (*s != '\0')
		return -1;
	*ms = (d * 86400 + hh * 3600 + mi * 60 + ss - off) * 1000;
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
