/*
 * The one-line editor of meeting mode, as a model without curses (as calcurse keeps
 * todo.c apart from ui-todo.c), so that every operation is unit-tested.
 *
 * The text is UTF-8 and always valid: every way in checks it. It is edited by cluster: a
 * character (a Unicode scalar value) followed by the characters wcwidth gives 0 columns
 * (combining marks, U+200D ZWJ, variation selectors), so that moving or deleting over a
 * base character takes its marks with it and nothing removes half a character. A run of
 * zero-width characters at the very start of the line, with no base before it, is one
 * cluster. This is simpler than Unicode's grapheme clusters (UAX #29): an emoji joined by
 * ZWJ is edited piece by piece, as most terminals also draw it.
 *
 * Columns come from wcwidth, so the program must have called setlocale(LC_ALL, "") (in a
 * UTF-8 locale) first. A character wcwidth cannot measure (-1: unassigned code points,
 * U+FFFE) counts one column; the caller shows it as '?' (line_char_cols).
 *
 * What is refused (the line is then unchanged and the caller says why):
 *  - bytes that are not UTF-8 (LINE_EUTF8): a paste is refused whole, never half-guessed;
 *  - control characters, as core/text.h's text_is_control defines them (C0, DEL, C1,
 *    the bidirectional controls, U+2028, U+2029): LINE_ECONTROL. A typed character that
 *    is one is refused; in a paste, the white space among them (tab, newline, CR, VT, FF,
 *    NEL, U+2028, U+2029) becomes a space first, so that multi-line text is one line;
 *  - text that would make the line longer than its maximum in bytes (LINE_ETOOLONG):
 *    nothing of it is inserted, the line is never cut silently.
 * Positions are byte offsets into the text, always at a cluster's start.
 */
#ifndef KZ_UI_LINE_H
#define KZ_UI_LINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define LINE_OK 0
#define LINE_ETOOLONG (-1) /* would pass the maximum length in bytes */
#define LINE_EUTF8 (-2)    /* not UTF-8, or not a Unicode scalar value */
#define LINE_ECONTROL (-3) /* a control character */

struct line;

/* An empty line holding at most max bytes of text (e.g. QUESTION_TEXT_MAX). */
struct line *line_new(size_t max);
/* Frees *lp and sets it to NULL; NULL is fine. */
void line_free(struct line **lp);
/* Empties the text (after Enter saved it). */
void line_clear(struct line *l);

/* Inserts the character cp at the cursor, which moves past it; LINE_OK or an error. */
int line_insert(struct line *l, uint32_t cp);
/*
 * Inserts s[0..n) at the cursor as one line (a paste): each run of white space (the
 * space and the white space controls above) becomes one space, and the pasted text is
 * trimmed at both ends. LINE_OK, or an error with *bad (if not NULL) the offset in s of
 * the offending byte (for LINE_ETOOLONG: n).
 */
int line_paste(struct line *l, const char *s, size_t n, size_t *bad);
/*
 * Replaces the text by s[0..n) as it is (a draft offered back), the cursor at its end.
 * Refused like a paste, but nothing is collapsed or trimmed, and no control is mapped.
 */
int line_set(struct line *l, const char *s, size_t n, size_t *bad);

/* Moves; each returns false when the cursor could not move (at an end). */
bool line_left(struct line *l);
bool line_right(struct line *l);
/*
 * By word, a word being a run of clusters whose first character is a word character of
 * core/text.h (letters of any script, Kazakh and Russian included, marks and digits):
 * left goes to the start of the word before the cursor, right to the end of the word after
 * it, over any punctuation and spaces between (as Emacs and readline do).
 */
bool line_word_left(struct line *l);
bool line_word_right(struct line *l);
bool line_home(struct line *l);
bool line_end(struct line *l);

/* Deletes; each returns false when there was nothing to delete. */
bool line_delete_back(struct line *l);      /* Backspace: the cluster before the cursor */
bool line_delete_forward(struct line *l);   /* Delete: the cluster at the cursor */
bool line_delete_word_back(struct line *l); /* C-w: to where line_word_left would go */
bool line_delete_word_forward(struct line *l); /* M-d: to where line_word_right would go */
bool line_delete_to_start(struct line *l);  /* C-u */
bool line_delete_to_end(struct line *l);    /* C-k */

/* The whole text, NUL-terminated, *n (if not NULL) its length; valid until the next edit. */
const char *line_bytes(const struct line *l, size_t *n);
/*
 * The text to save on Enter: line_bytes without the spaces at either end; *n == 0 when
 * there is nothing to save. Not NUL-terminated where a space was trimmed: use *n.
 */
const char *line_text(const struct line *l, size_t *n);
/* The cursor's byte offset in line_bytes. */
size_t line_cursor(const struct line *l);
/* The maximum length in bytes given to line_new. */
size_t line_max(const struct line *l);

/*
 * The columns the model gives a character: wcwidth's, and 1 where wcwidth says -1 (the
 * caller draws '?' for those, wcwidth(cp) < 0, and never the character itself).
 */
int line_char_cols(uint32_t cp);

/*
 * What to draw in a field width columns wide: the bytes [start, end) of line_bytes, cols
 * columns wide (at most width), and the cursor at column cursor_col (0 .. width - 1).
 * The window scrolls sideways only as far as needed to keep the cursor and the cell it
 * stands on visible, and comes back left as soon as the rest of the line fits; it never
 * splits a wide character at either edge (a field one column wide shows no wide
 * character, only the cursor). more_left and more_right say whether text lies beyond an
 * edge, for a marker. Not const: the window's position is kept between calls.
 */
struct line_view {
	size_t start, end;
	int cols;
	int cursor_col;
	bool more_left, more_right;
};
void line_visible(struct line *l, int width, struct line_view *v);

#endif
