#include "core/date.h"

#include <stdio.h>
#include <string.h>

/* Days from civil, after the well-known era-based algorithm (400-year cycles). */
kz_date
date_from_ymd(int y, int m, int d)
{
	int era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void
date_to_ymd(kz_date date, int *y, int *m, int *d)
{
	int z = date + 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;

	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

bool
date_is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int
date_days_in_month(int y, int m)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m == 2 && date_is_leap(y))
		return 29;
	return days[m - 1];
}

bool
date_valid_ymd(int y, int m, int d)
{
	return y >= 1900 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 &&
	    d <= date_days_in_month(y, m);
}

int
date_weekday(kz_date date)
{
	/* 1970-01-01 was a Thursday (3 in ISO order from Monday = 0). */
	int w = (date + 3) % 7;

	return w < 0 ? w + 7 : w;
}

static int
digits(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int
date_parse(const char *s, kz_date *out)
{
	int y, m, d;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	y = digits(s, 4);
	m = digits(s + 5, 2);
	d = digits(s + 8, 2);
	if (y < 0 || m < 0 || d < 0 || !date_valid_ymd(y, m, d))
		return -1;
	*out = date_from_ymd(y, m, d);
	return 0;
}

void
date_format(kz_date date, char buf[11])
{
	int y, m, d;

	if (date == DATE_NONE) {
		buf[0] = '\0';
		return;
	}
	date_to_ymd(date, &y, &m, &d);
	/* Written by hand: the compiler cannot see that y, m and d fit 4+2+2 digits. */
	y = y < 0 ? 0 : y % 10000;
	buf[0] = (char)('0' + y / 1000);
	buf[1] = (char)('0' + y / 100 % 10);
	buf[2] = (char)('0' + y / 10 % 10);
	buf[3] = (char)('0' + y % 10);
	buf[4] = '-';
	buf[5] = (char)('0' + m / 10);
	buf[6] = (char)('0' + m % 10);
	buf[7] = '-';
	buf[8] = (char)('0' + d / 10);
	buf[9] = (char)('0' + d % 10);
	buf[10] = '\0';
}

int
time_parse_hm(const char *s, int *minutes)
{
	int h, m;

	if (strlen(s) != 5 || s[2] != ':')
		return -1;
	h = digits(s, 2);
	m = digits(s + 3, 2);
	if (h < 0 || m < 0 || h > 23 || m > 59)
		return -1;
	*minutes = h * 60 + m;
	return 0;
}

void
date_format_time(int64_t unix_ms, int utc_offset_min, char buf[17])
{
	int64_t min = unix_ms / 60000 + utc_offset_min, day, mod;
	char d[11];

	/* Floor division: moments before 1970 keep their time of day. */
	if (unix_ms < 0 && unix_ms % 60000 != 0)
		min--;
	day = min / 1440;
	mod = min % 1440;
	if (mod < 0) {
		mod += 1440;
		day--;
	}
	date_format((kz_date)day, d);
	snprintf(buf, 17, "%s %02d:%02d", d, (int)(mod / 60), (int)(mod % 60));
}
