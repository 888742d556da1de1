/*
 * Calendar dates as days since 1970-01-01 in the proleptic Gregorian calendar. A date is
 * the office's local calendar day; it carries no time zone (see rules.h for the zone).
 */
#ifndef KZ_DATE_H
#define KZ_DATE_H

#include <stdbool.h>
#include <stdint.h>

typedef int32_t kz_date;

#define DATE_NONE INT32_MIN	/* "not set" in records */

kz_date date_from_ymd(int y, int m, int d);
void date_to_ymd(kz_date date, int *y, int *m, int *d);
bool date_valid_ymd(int y, int m, int d);
bool date_is_leap(int y);
int date_days_in_month(int y, int m);
/* 0 = Monday ... 6 = Sunday (ISO). */
int date_weekday(kz_date date);
/* Strict "YYYY-MM-DD"; returns 0 or -1. */
int date_parse(const char *s, kz_date *out);
/* Writes "YYYY-MM-DD" (11 bytes with NUL); "" for DATE_NONE. */
void date_format(kz_date date, char buf[11]);
/* A moment (Unix milliseconds) as "YYYY-MM-DD HH:MM" at a UTC offset in minutes. */
void date_format_time(int64_t unix_ms, int utc_offset_min, char buf[17]);
/* Minutes of a day, "HH:MM" strict; returns 0 or -1. */
int time_parse_hm(const char *s, int *minutes);

#endif
