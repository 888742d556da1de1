/* Checks on text that users type or files bring in, before it reaches the store. */
#ifndef KZ_TEXT_H
#define KZ_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/log.h"

/* Decodes the character at s (n bytes left): its length and *cp, or 0 when malformed. */
size_t text_utf8_next(const char *s, size_t n, uint32_t *cp);
/*
 * Characters that steer a terminal rather than show: C0, DEL and C1, the line and
 * paragraph separators, and the bidirectional embeddings, overrides and isolates.
 */
bool text_is_control(uint32_t cp);
/* True when s[0..n) is well-formed UTF-8 (no overlongs, surrogates or values > U+10FFFF);
 * otherwise *bad (if not NULL) is the offset of the first bad byte. */
bool text_utf8_valid(const char *s, size_t n, size_t *bad);
/*
 * A field of free text: required (non-empty after trimming blanks) or not, valid UTF-8,
 * at most max bytes. what names the field in the message ("question text").
 */
int text_check(const char *what, const char *s, bool required, size_t max, struct kz_error *e);
/*
 * A name (of a unit): s[0..n) not empty, at most max bytes, valid UTF-8 and without
 * control characters, since names are shown on one line everywhere.
 */
int text_check_name(const char *what, const char *s, size_t n, size_t max, struct kz_error *e);

#endif
