/*
 * Lists of names from a fixed table, as the decree's lists are kept: P-3's channels, A-1's
 * who received, M-2's groups invited. Typed comma-separated in any order, each item trimmed
 * of spaces; kept each once in the table's order, so that dump and lists read the same
 * whatever order a clerk typed.
 */
#ifndef KZ_NAMELIST_H
#define KZ_NAMELIST_H

#include <stddef.h>

/*
 * Reads s into *mask (bit k: names[k]; at most 32 names); empty items (a doubled comma)
 * are skipped. Returns 0, or -1 with *bad and *badlen the first item that is none of names
 * (*badlen 0: s names nothing at all).
 */
int namelist_parse(const char *s, const char *const *names, size_t n, unsigned *mask,
    const char **bad, size_t *badlen);
/* The names of mask, in names' order, comma-separated; malloc'd ("" for none). */
char *namelist_format(const char *const *names, size_t n, unsigned mask);

#endif
