/*
 * The one-line editor's model (line.h): a UTF-8 buffer, a cursor and a sideways scroll,
 * with no curses, so that meeting mode's editor is tested without a terminal.
 *
 * Invariants, kept by every function here: buf[0..len) is valid UTF-8 without control
 * characters, buf[len] is NUL, len <= max, and cur and scroll are cluster starts (0, len,
 * or the offset of a character of non-zero width) with scroll <= len.
 */
#include "ui/line.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "core/text.h"
#include "util/log.h"
#include "util/xmalloc.h"

struct line {
	char *buf;     /* owned; cap bytes, NUL-terminated */
	size_t len;    /* bytes of text */
	size_t cap;    /* bytes allocated */
	size_t cur;    /* the cursor */
	size_t max;    /* the most bytes of text */
	size_t scroll; /* the first byte shown by line_visible */
};

struct line *
line_new(size_t max)
{
	struct line *l = xcalloc(1, sizeof *l);

	l->max = max;
	l->cap = 64;
	l->buf = xmalloc(l->cap);
	l->buf[0] = '\0';
	return l;
}

void
line_free(struct line **lp)
{
	if (*lp == NULL)
		return;
	free((*lp)->buf);
	free(*lp);
	*lp = NULL;
}

void
line_clear(struct line *l)
{
	l->len = l->cur = l->scroll = 0;
	l->buf[0] = '\0';
}

int
line_char_cols(uint32_t cp)
{
	int w;

	/* Most of what is typed is ASCII: no need to ask the locale. */
	if (cp >= 0x20 && cp < 0x7f)
		return 1;
	w = wcwidth((wchar_t)cp);
	return w < 0 ? 1 : w;
}

/* ---- characters and clusters ---------------------------------------------------- */

/* The character at p (< len): its length, and *cp. The buffer is valid UTF-8 throughout. */
static size_t
char_at(const struct line *l, size_t p, uint32_t *cp)
{
	size_t n = text_utf8_next(l->buf + p, l->len - p, cp);

	if (n == 0)
		fatal("line: invalid UTF-8 at byte %zu of the line", p);
	return n;
}

/* The columns of the character at p (< len). */
static int
cols_at(const struct line *l, size_t p)
{
	uint32_t cp;

	char_at(l, p, &cp);
	return line_char_cols(cp);
}

/* p (> 0) moved forward over marks to a cluster start: after a character (next_cluster),
 * and where a base was put before a line's leading marks (they then belong to it). */
static size_t
snap(const struct line *l, size_t p)
{
	uint32_t cp;

	while (p < l->len && cols_at(l, p) == 0)
		p += char_at(l, p, &cp);
	return p;
}

/* The start of the cluster after the one at p (p itself at the end). */
static size_t
next_cluster(const struct line *l, size_t p)
{
	uint32_t cp;

	if (p >= l->len)
		return l->len;
	return snap(l, p + char_at(l, p, &cp));
}

/* The start of the cluster before p (0 at the start). */
static size_t
prev_cluster(const struct line *l, size_t p)
{
	while (p > 0) {
		/* Back to the lead byte of the character before p. */
		do
			p--;
		while (p > 0 && ((unsigned char)l->buf[p] & 0xc0) == 0x80);
		if (cols_at(l, p) != 0)
			break;
	}
	return p;
}

/* True when the cluster at p (< len) is part of a word: its first character decides. */
static bool
word_at(const struct line *l, size_t p)
{
	uint32_t cp;

	char_at(l, p, &cp);
	return text_is_word_char(cp);
}

/* The columns of [a, b), two cluster starts, counted no further than past limit. */
static int
cols_between(const struct line *l, size_t a, size_t b, int limit)
{
	uint32_t cp;
	int c = 0;

	while (a < b && c <= limit) {
		a += char_at(l, a, &cp);
		c += line_char_cols(cp);
	}
	return c;
}

static size_t
word_left_pos(const struct line *l)
{
	size_t p = l->cur, q;

	while (p > 0 && !word_at(l, q = prev_cluster(l, p)))
		p = q;
	while (p > 0 && word_at(l, q = prev_cluster(l, p)))
		p = q;
	return p;
}

static size_t
word_right_pos(const struct line *l)
{
	size_t p = l->cur;

	while (p < l->len && !word_at(l, p))
		p = next_cluster(l, p);
	while (p < l->len && word_at(l, p))
		p = next_cluster(l, p);
	return p;
}

/* ---- editing primitives --------------------------------------------------------- */

/* Removes [a, b), one end of which is the cursor (every deletion starts or ends there, so
 * the cursor ends at a), and keeps the scroll on the same text. */
static bool
cut(struct line *l, size_t a, size_t b)
{
	size_t n = b - a;

	if (n == 0)
		return false;
	memmove(l->buf + a, l->buf + b, l->len - b + 1);
	l->len -= n;
	l->cur = a;
	if (l->scroll >= b)
		l->scroll -= n;
	else if (l->scroll > a)
		l->scroll = a;
	return true;
}

/* Opens n bytes at the cursor (the caller fills them); LINE_ETOOLONG when over max. */
static int
open_gap(struct line *l, size_t n)
{
	if (n > l->max - l->len)
		return LINE_ETOOLONG;
	l->buf = xgrow(l->buf, &l->cap, l->len + n + 1, 1);
	memmove(l->buf + l->cur + n, l->buf + l->cur, l->len - l->cur + 1);
	l->len += n;
	if (l->scroll > l->cur)
		l->scroll += n;
	return LINE_OK;
}

/* Ends an insertion of n bytes at the cursor, filled by the caller. */
static void
close_gap(struct line *l, size_t n)
{
	l->cur = snap(l, l->cur + n);
}

/* cp (a scalar value) as UTF-8 in b; its length. */
static size_t
encode(uint32_t cp, char b[4])
{
	if (cp < 0x80) {
		b[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		b[0] = (char)(0xc0 | cp >> 6);
		b[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		b[0] = (char)(0xe0 | cp >> 12);
		b[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		b[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	b[0] = (char)(0xf0 | cp >> 18);
	b[1] = (char)(0x80 | (cp >> 12 & 0x3f));
	b[2] = (char)(0x80 | (cp >> 6 & 0x3f));
	b[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/* The white space a paste turns into one space: what separates lines and words in text
 * copied from a document, an e-mail or a spreadsheet cell. */
static bool
paste_space(uint32_t cp)
{
	return cp == ' ' || (cp >= '\t' && cp <= '\r') || cp == 0x85 || cp == 0x2028 ||
	    cp == 0x2029;
}

/*
 * Checks s[0..n) and, when out is not NULL, writes it there as it will be inserted: with
 * collapse, a paste's white space runs as one space and none at the ends. The length
 * written (or that would be), or an error with *bad the offending offset.
 */
static int
prepare(const char *s, size_t n, bool collapse, char *out, size_t *outn, size_t *bad)
{
	size_t i = 0, o = 0, k;
	bool gap = false;
	uint32_t cp;

	while (i < n) {
		if ((k = text_utf8_next(s + i, n - i, &cp)) == 0) {
			*bad = i;
			return LINE_EUTF8;
		}
		if (collapse && paste_space(cp)) {
			gap = true;
		} else if (text_is_control(cp)) {
			*bad = i;
			return LINE_ECONTROL;
		} else {
			if (gap && o > 0) {
				if (out != NULL)
					out[o] = ' ';
				o++;
			}
			gap = false;
			if (out != NULL)
				memcpy(out + o, s + i, k);
			o += k;
		}
		i += k;
	}
	*outn = o;
	return LINE_OK;
}

/* ---- the operations ------------------------------------------------------------- */

int
line_insert(struct line *l, uint32_t cp)
{
	char b[4];
	size_t n;
	int rc;

	if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return LINE_EUTF8;
	if (text_is_control(cp))
		return LINE_ECONTROL;
	n = encode(cp, b);
	if ((rc = open_gap(l, n)) != LINE_OK)
		return rc;
	memcpy(l->buf + l->cur, b, n);
	close_gap(l, n);
	return LINE_OK;
}

int
line_paste(struct line *l, const char *s, size_t n, size_t *bad)
{
	size_t want, dummy;
	int rc;

	if (bad == NULL)
		bad = &dummy;
	/* Checked and measured first, so that a refused paste changes nothing. */
	if ((rc = prepare(s, n, true, NULL, &want, bad)) != LINE_OK)
		return rc;
	if ((rc = open_gap(l, want)) != LINE_OK) {
		*bad = n;
		return rc;
	}
	prepare(s, n, true, l->buf + l->cur, &want, bad);
	close_gap(l, want);
	return LINE_OK;
}

int
line_set(struct line *l, const char *s, size_t n, size_t *bad)
{
	size_t want, dummy;
	int rc;

	if (bad == NULL)
		bad = &dummy;
	if ((rc = prepare(s, n, false, NULL, &want, bad)) != LINE_OK)
		return rc;
	if (want > l->max) {
		*bad = n;
		return LINE_ETOOLONG;
	}
	line_clear(l);
	/* Cannot fail: the line is empty and the text fits. */
	open_gap(l, want);
	memcpy(l->buf, s, want);
	l->cur = l->len;
	return LINE_OK;
}

/* Moves the cursor to p; whether it moved. */
static bool
move_to(struct line *l, size_t p)
{
	if (p == l->cur)
		return false;
	l->cur = p;
	return true;
}

bool
line_left(struct line *l)
{
	return move_to(l, prev_cluster(l, l->cur));
}

bool
line_right(struct line *l)
{
	return move_to(l, next_cluster(l, l->cur));
}

bool
line_word_left(struct line *l)
{
	return move_to(l, word_left_pos(l));
}

bool
line_word_right(struct line *l)
{
	return move_to(l, word_right_pos(l));
}

bool
line_home(struct line *l)
{
	return move_to(l, 0);
}

bool
line_end(struct line *l)
{
	return move_to(l, l->len);
}

bool
line_delete_back(struct line *l)
{
	return cut(l, prev_cluster(l, l->cur), l->cur);
}

bool
line_delete_forward(struct line *l)
{
	return cut(l, l->cur, next_cluster(l, l->cur));
}

bool
line_delete_word_back(struct line *l)
{
	return cut(l, word_left_pos(l), l->cur);
}

bool
line_delete_word_forward(struct line *l)
{
	return cut(l, l->cur, word_right_pos(l));
}

bool
line_delete_to_start(struct line *l)
{
	return cut(l, 0, l->cur);
}

bool
line_delete_to_end(struct line *l)
{
	return cut(l, l->cur, l->len);
}

const char *
line_bytes(const struct line *l, size_t *n)
{
	if (n != NULL)
		*n = l->len;
	return l->buf;
}

const char *
line_text(const struct line *l, size_t *n)
{
	size_t a = 0, b = l->len;

	while (a < b && l->buf[a] == ' ')
		a++;
	while (b > a && l->buf[b - 1] == ' ')
		b--;
	*n = b - a;
	return l->buf + a;
}

size_t
line_cursor(const struct line *l)
{
	return l->cur;
}

size_t
line_max(const struct line *l)
{
	return l->max;
}

/* ---- the visible window --------------------------------------------------------- */

void
line_visible(struct line *l, int width, struct line_view *v)
{
	size_t e;
	int c, cw, total, w;

	if (l->scroll > l->cur)
		l->scroll = l->cur;
	/* The cell under the cursor: the cluster there, or one blank cell at the end. (Only a
	 * leading run of marks has no width, and at the line's start there is no scrolling.) */
	cw = l->cur < l->len ? cols_at(l, l->cur) : 1;
	if (width < cw) {
		/* No room for the character under the cursor: show none, only the cursor. */
		l->scroll = l->cur;
		*v = (struct line_view){ .start = l->cur, .end = l->cur, .cols = 0,
			.cursor_col = 0, .more_left = l->cur > 0, .more_right = l->cur < l->len };
		return;
	}
	/* Right as far as needed for the cursor's cell to fit... */
	c = cols_between(l, l->scroll, l->cur, INT_MAX);
	while (c + cw > width) {
		c -= cols_at(l, l->scroll);
		l->scroll = next_cluster(l, l->scroll);
	}
	/* ...and back left while everything from there to the end (and the cursor's cell
	 * past it) still fits, so that no column is left empty with text hidden on the left.
	 * Counted only up to the width: a long line's rest is not measured on every key. */
	total = cols_between(l, l->scroll, l->len, width) + (l->cur == l->len);
	while (l->scroll > 0) {
		size_t p = prev_cluster(l, l->scroll);

		w = cols_at(l, p);
		if (total + w > width)
			break;
		total += w;
		l->scroll = p;
	}
	/* What fits from there, whole clusters only. */
	v->cursor_col = 0;
	for (c = 0, e = l->scroll; e < l->len; e = next_cluster(l, e)) {
		if (e == l->cur)
			v->cursor_col = c;
		w = cols_at(l, e);
		if (c + w > width)
			break;
		c += w;
	}
	if (e == l->cur)
		v->cursor_col = c;
	v->start = l->scroll;
	v->end = e;
	v->cols = c;
	v->more_left = l->scroll > 0;
	v->more_right = e < l->len;
}
