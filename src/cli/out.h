/*
 * Output of records as tsv, JSON or text, driven by the records' field tables, so that
 * every command prints every kind the same way. Text never reaches the terminal raw:
 * every string printed goes through core's one sanitiser (text_escape).
 */
#ifndef KZ_OUT_H
#define KZ_OUT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

#include "core/schema.h"

enum out_format { OUT_TEXT, OUT_TSV, OUT_JSON };

/* "text", "tsv" or "json"; -1 for anything else. */
int out_parse_format(const char *s, enum out_format *f);

/*
 * Strings through core's one display sanitiser (text_escape in core/text.h): a tsv field,
 * a JSON string with its quotes, and text for people on one line.
 */
void out_tsv_string(FILE *fp, const char *s);
void out_json_string(FILE *fp, const char *s);
void out_text_string(FILE *fp, const char *s);
/*
 * printf for people: the whole formatted text goes through the sanitiser as text, so that
 * arguments holding stored or given text cannot steer the terminal. A newline in fmt is
 * escaped too: write line ends apart (fputc).
 */
void out_textf(FILE *fp, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void out_vtextf(FILE *fp, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));

/*
 * Prints records: tsv prints the named columns of each, one record a line, no header;
 * json prints an array with one complete object a line; text prints "name: value" lines
 * of every field, records separated by a blank line.
 */
void out_records(FILE *fp, enum out_format f, const struct schema_record *d, const void *items,
    size_t n, const char *const *cols);
/*
 * The same, a page at a time, so that a list of a million records is printed without
 * holding it: begin, then records as many times as there are pages, then end.
 */
#define OUT_MAX_COLS 16

struct out_stream {
	FILE *fp;
	enum out_format fmt;
	const struct schema_record *d;
	const char *const *cols;
	const struct schema_field *fields[OUT_MAX_COLS];	/* cols', looked up once */
	size_t ncols;
	size_t n;		/* records printed so far */
};

void out_stream_begin(struct out_stream *st, FILE *fp, enum out_format f,
    const struct schema_record *d, const char *const *cols);
/* Prints n records from items; reverse: from the last to the first. */
void out_stream_records(struct out_stream *st, const void *items, size_t n, bool reverse);
void out_stream_end(struct out_stream *st);

/*
 * Units' names beside their codes: in text after the code, in JSON as FIELD_name, in tsv
 * as a column after the others for each code column. fn gives a code's name or NULL.
 */
typedef const char *(*out_namer_fn)(void *ctx, const char *code);
void out_set_namer(out_namer_fn fn, void *ctx);

/* One record as a JSON object (no newline). */
void out_json_record(FILE *fp, const struct schema_record *d, const void *obj);
/* The value of one field of obj as JSON: a list as an array of objects, absent as null. */
void out_json_field(FILE *fp, const struct schema_field *f, const void *obj);

/*
 * s padded with blanks to `width` columns into buf (a translated status: printf's %-9s
 * counts bytes, and a Cyrillic letter is two). Returns buf.
 */
const char *out_pad(const char *s, size_t width, char *buf, size_t size);

#endif
