/*
 * Output of records as tsv, JSON or text, driven by the records' field tables, so that
 * every command prints every kind the same way. Text never reaches the terminal raw:
 * control characters are escaped in every format.
 */
#ifndef KZ_OUT_H
#define KZ_OUT_H

#include <stdio.h>

#include "store/schema.h"

enum out_format { OUT_TEXT, OUT_TSV, OUT_JSON };

/* "text", "tsv" or "json"; -1 for anything else. */
int out_parse_format(const char *s, enum out_format *f);

void out_tsv_string(FILE *fp, const char *s);
void out_json_string(FILE *fp, const char *s);
/* Text for people: control characters shown as \xNN, the rest as it is. */
void out_text_string(FILE *fp, const char *s);

/*
 * Prints records: tsv prints the named columns of each, one record a line, no header;
 * json prints an array with one complete object a line; text prints "name: value" lines
 * of every field, records separated by a blank line.
 */
void out_records(FILE *fp, enum out_format f, const struct schema_record *d, const void *items,
    size_t n, const char *const *cols);
/* One record as a JSON object (no newline). */
void out_json_record(FILE *fp, const struct schema_record *d, const void *obj);

#endif
