/*
 * Text: checks on what users type or files bring in before it reaches the store, the one
 * display sanitiser every output goes through, and case folding and words for search.
 */
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
 * paragraph separators (U+2028, U+2029), and the bidirectional marks (U+200E, U+200F,
 * U+061C), embeddings and overrides (U+202A..U+202E) and isolates (U+2066..U+2069).
 * Names refuse them, and text_escape shows exactly these (and bytes that are not UTF-8)
 * as escapes: one predicate, so that what is refused and what is escaped cannot differ.
 */
bool text_is_control(uint32_t cp);
/* True when s[0..n) is well-formed UTF-8 (no overlongs, surrogates or values > U+10FFFF);
 * otherwise *bad (if not NULL) is the offset of the first bad byte. */
bool text_utf8_valid(const char *s, size_t n, size_t *bad);
/*
 * A field of free text: required (non-empty after trimming blanks) or not, valid UTF-8,
 * at most max bytes. what names the field in the message ("question text").
 */
/* what is translated where the message is made: xgettext's keyword text_check:1 marks it. */
int text_check(const char *what, const char *s, bool required, size_t max, struct kz_error *e);
/*
 * A name (of a unit): s[0..n) not empty, at most max bytes, valid UTF-8 and without
 * control characters, since names are shown on one line everywhere.
 */
int text_check_name(const char *what, const char *s, size_t n, size_t max, struct kz_error *e);

/*
 * Display. Every string the program shows (records, messages, echoed arguments) passes
 * through text_escape, which writes the characters of text_is_control and the bytes that
 * are not UTF-8 as visible escapes, in one of three forms:
 *
 *  TEXT_ESC_TEXT  for people, on one line: \t \n \r; \xNN for the other C0 controls,
 *                 DEL and each byte that is not UTF-8; \uXXXX for C1 controls, the
 *                 separators and the bidirectional controls. A backslash stays as it is.
 *  TEXT_ESC_TSV   the same, and a backslash doubled, so that a field unescapes to exactly
 *                 the bytes stored (tabs and newlines are left for the format's own use).
 *  TEXT_ESC_JSON  the inside of a JSON string: \" \\ \b \f \n \r \t, \u00XX for the
 *                 other C0 controls and DEL, \uXXXX for the rest of text_is_control; a
 *                 byte that is not UTF-8 becomes U+FFFD (\uFFFD), since a JSON string is
 *                 characters. Any JSON reader gets back the original valid text.
 *
 * Everything else, the letters of any script included, is written as it is.
 */
enum text_escape_mode { TEXT_ESC_TEXT, TEXT_ESC_TSV, TEXT_ESC_JSON };
/* Where text_escape writes: called with runs of bytes, in order. */
typedef void text_sink(void *arg, const char *s, size_t n);
void text_escape(const char *s, size_t n, enum text_escape_mode mode, text_sink *out,
    void *arg);
/* The escaped form of the string s as a new string (the caller frees it). */
char *text_escape_dup(const char *s, enum text_escape_mode mode);

/*
 * Folding for search, independent of the locale (no towlower, no setlocale): a table maps
 * upper case to lower case for Latin (A-Z, Latin-1, Latin Extended-A, and the schwa
 * U+018F used in Kazakh written in Latin letters; U+0130 İ folds to i) and for the whole
 * Cyrillic block with its supplement (U+0400..U+052F): Russian, the nine Kazakh letters
 * Ә Ғ Қ Ң Ө Ұ Ү Һ І, Ukrainian Є Ї Ґ, Belarusian Ў and the rest.
 *
 * Decision: ё and Ё fold to е. Russian print mostly leaves out the dots and people type
 * е, so a search for «елка» must find «Ёлка» and «ёлка» (and the other way round); the
 * price, «все» finding «всё», is what every Russian search engine pays too. Kazakh
 * writes ё only in Russian loan words. No other letter is merged: Kazakh Қ and Russian К
 * are different letters, and Latin and Cyrillic look-alikes (Latin i in a Kazakh word)
 * stay different, so folding never changes a letter's script.
 *
 * The folded text is for comparing and indexing only, never for showing.
 */
uint32_t text_fold_char(uint32_t cp);
/*
 * Folds s[0..n) into out, which has room for n + 1 bytes (the result is never longer than
 * the input; out may be s itself), and NUL-terminates it; returns its length. Bytes that
 * are not UTF-8 are copied as they are.
 */
size_t text_fold(const char *s, size_t n, char *out);
/* Whether text, folded, holds part (already folded): the filters' "a part of the name, any
 * case" (issue list, the Triage pane). text NULL: no. */
bool text_folded_has(const char *text, const char *part);
/*
 * Words for search. A word is a run of word characters: letters, combining marks and
 * digits of any script (and code points Unicode has not assigned yet), by a table made from
 * Unicode's categories, not by the locale. Everything else splits: spaces, punctuation
 * (dashes and hyphens too: «Алматы-Астана» is two words), symbols, controls and bytes that
 * are not UTF-8.
 */
bool text_is_word_char(uint32_t cp);
/*
 * Called for each word, folded (text_fold) and NUL-terminated, len bytes long; the word
 * lives only during the call. A non-zero return stops the split and is returned by
 * text_words.
 */
typedef int text_word_fn(void *arg, const char *word, size_t len);
/* Splits s[0..n) into folded words, in order, calling fn for each; 0 when all were seen. */
int text_words(const char *s, size_t n, text_word_fn *fn, void *arg);

/*
 * Kazakh and Russian text at one byte a letter, in the KZ-1048 code page (ASCII, the 42
 * letters of the Kazakh Cyrillic alphabet, Russian, common punctuation): how the store
 * keeps text (core/schema.c). Writes s[0..n) into out (n bytes are enough) and returns
 * its length; 0 when s holds a character KZ-1048 lacks, or nothing but ASCII (no gain).
 */
size_t text_kz1048_encode(const char *s, size_t n, uint8_t *out);
/* The UTF-8 text of n KZ-1048 bytes, malloc'd; NULL when a byte is undefined there. */
char *text_kz1048_decode(const uint8_t *p, size_t n);

#endif
