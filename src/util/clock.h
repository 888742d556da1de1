/* The wall clock, which tests fix with KEZDESU_NOW. */
#ifndef KZ_CLOCK_H
#define KZ_CLOCK_H

#include <stdint.h>

/*
 * Milliseconds since the Unix epoch. KEZDESU_NOW, when set, fixes "now" for tests:
 * "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM[:SS]", read as UTC, or with an offset from it
 * ("Z", "+05:00"). The command line refuses a value it cannot read (cli.c).
 */
int64_t clock_now_ms(void);

/* Parses a KEZDESU_NOW-style timestamp; returns 0 and sets *ms, or -1. */
int clock_parse(const char *s, int64_t *ms);

#endif
