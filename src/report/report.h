/*
 * Publication documents (issue 9): a small document model and its renderers.
 *
 * A report is built as a document, then rendered in one of three formats:
 *
 *   struct report_doc *d = report_doc_new("ru", _("Results of the meetings"));
 *   report_subtitle(d, office_name);
 *   report_section(d, _("Questions by topic"));
 *   report_kv(d, _("Questions"), "42");
 *   struct report_table *t = report_table_new(d, 3, head, REPORT_COL(1) | REPORT_COL(2));
 *   report_row(t, cells);            (cells: 3 strings; NULL is an empty cell)
 *   report_total(t, cells);          (a row that sums the rows above)
 *   struct report_chart *c = report_chart_new(d, caption, heads);
 *   report_bar(c, "дороги", "12", "20 %", 0.20);
 *   report_render(d, REPORT_HTML, &opt, fp);
 *   report_doc_free(&d);
 *
 * Every string handed to the model is copied, and passes through core's display sanitiser
 * (text_escape, TEXT_ESC_TEXT) as it is copied: control characters, bidirectional marks and
 * bytes that are not UTF-8 become visible escapes, and a newline becomes "\n", so that
 * nothing from the store can steer a reader or break a format. The renderers then escape
 * the text for their format (HTML entities; Markdown's punctuation, | in tables; CSV's
 * quoting and a cell starting with = + - @ made inert). Callers never escape anything.
 *
 * The model knows no words of its own: every heading and label comes from the caller, in
 * the document's language (report_lang_push in report/lang.h). It prints nothing and opens
 * no files: report_render writes to the FILE* it is given (a file, stdout, or a buffer
 * from open_memstream).
 *
 * Formats:
 *  - Markdown (CommonMark with pipe tables): # title, ## sections, key/value lines as a
 *    list, tables as pipe tables, a chart as a table with a bar of █ characters.
 *  - HTML: one self-contained file (no external resources: the style and the charts are
 *    inside), with print CSS for A4: a page break before each section after the first,
 *    table headers repeated on every page, rows not split, black on white. A chart is inline
 *    SVG: a grey bar per item with its number and share written beside it, readable printed
 *    without colour.
 *  - CSV: UTF-8, RFC 4180 (fields quoted when they hold a comma, a quote or a line end;
 *    CRLF line ends), optionally with a byte order mark so that Excel reads it as UTF-8.
 *    Decision (what opens best in Excel and LibreOffice, which show one sheet of a CSV):
 *    one sheet, read from the top: the title in the first row, then each section as a row
 *    holding its heading, its key/value lines as two-cell rows, each table as its header
 *    row and its rows, a chart as a table (label, value, share); an empty row between
 *    sections. Every row of a table has the table's number of cells.
 *    Numbers are written for a spreadsheet to compute with: a value of a numeric column, a
 *    key/value line's value and a chart's value that is a whole number written in groups
 *    ("44 000 000", for a reader of Markdown and HTML) loses its group separators in CSV
 *    (44000000); a share ("96 %", a REPORT_PCT column, a chart's share) is written as the
 *    whole percentage (96) under a heading that ends in ", %". Anything else in those
 *    cells stays text: "<3" (a count not published) is not a number, deliberately, and
 *    neither is a total marked "*".
 */
#ifndef KZ_REPORT_H
#define KZ_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum report_format { REPORT_MD, REPORT_HTML, REPORT_CSV, REPORT_FORMAT_COUNT };

/* "md", "html", "csv": 0, or -1 for anything else. */
int report_format_parse(const char *s, enum report_format *f);
/* The file name extension of a format ("md", "html", "csv"). */
const char *report_format_name(enum report_format f);

struct report_doc;
struct report_table;
struct report_chart;

/*
 * A new document. lang ("kk", "ru", "en") is the document's language, written into the
 * HTML (<html lang>); the title is its first heading. Both are copied.
 */
struct report_doc *report_doc_new(const char *lang, const char *title);
/* Frees the document and everything in it; clears the caller's pointer. NULL is fine. */
void report_doc_free(struct report_doc **d);

/* A line under the title (the office, the period, the date it was made). */
void report_subtitle(struct report_doc *d, const char *text);
/* Starts a new section with its heading: what follows belongs to it. */
void report_section(struct report_doc *d, const char *heading);
/* A paragraph of the current section (before any section: under the title). */
void report_para(struct report_doc *d, const char *text);
void report_paraf(struct report_doc *d, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* A "key: value" line. */
void report_kv(struct report_doc *d, const char *key, const char *value);
void report_kvf(struct report_doc *d, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Bit of column i (from 0) in a table's mask of numeric columns (right-aligned). */
#define REPORT_COL(i) (1u << (i))
/*
 * Bit of column i in the same mask for a column of shares written "20 %" (report_share):
 * numeric too. CSV writes its cells as the number (20) and its heading with ", %".
 */
#define REPORT_PCT(i) (1u << (16 + (i)))
#define REPORT_MAX_COLS 16

/*
 * A table of ncols columns (at most REPORT_MAX_COLS) with the header row head[0..ncols),
 * in the current section. numeric: REPORT_COL bits of the columns aligned right. The table
 * belongs to the document; the pointer is valid until the document is freed.
 */
struct report_table *report_table_new(struct report_doc *d, size_t ncols,
    const char *const *head, unsigned numeric);
/* A row: cells[0..ncols), NULL for an empty cell. */
void report_row(struct report_table *t, const char *const *cells);
/* A total row (shown apart: bold in HTML and Markdown), after the rows it sums. */
void report_total(struct report_table *t, const char *const *cells);
/* The number of rows so far (totals included). */
size_t report_table_rows(const struct report_table *t);

/*
 * A streamed table: its rows are made as it is written, not held (a quarter's issues of a
 * region: 100,000 rows of long text). Where a renderer reaches the table it writes the
 * header row, calls rows(ctx, t, e), in which each report_row and report_total is written
 * there and then, and closes the table; each render calls rows again. rows returns 0, or
 * -1 with e set: report_render then fails (errno EIO; report_doc_error says why).
 * free_ctx(ctx), if not NULL, is called when the document is freed: ctx may hold what the
 * rows are read from (a read view of the store) until then. Outside rows, report_row on a
 * streamed table does nothing.
 */
struct kz_error;
typedef int (*report_rows_fn)(void *ctx, struct report_table *t, struct kz_error *e);
struct report_table *report_table_stream(struct report_doc *d, size_t ncols,
    const char *const *head, unsigned numeric, report_rows_fn rows, void *ctx,
    void (*free_ctx)(void *ctx));
/* Why the last report_render of d failed in a streamed table's rows; NULL otherwise. */
const char *report_doc_error(const struct report_doc *d);

/*
 * A bar chart of shares in the current section: caption, and the headings of its three
 * columns where it is shown as a table (Markdown, CSV): head[0] the label, head[1] the
 * value, head[2] the share.
 */
struct report_chart *report_chart_new(struct report_doc *d, const char *caption,
    const char *const head[3]);
/*
 * One bar: its label, the value and the share as they are written ("12", "20 %"; "<3" and
 * "" are fine), and the length of the bar as a fraction of the whole (0..1; a negative
 * fraction draws no bar, for a value that is not published). The bars are drawn in
 * proportion to each other: the largest fraction of the chart takes the full width.
 */
void report_bar(struct report_chart *c, const char *label, const char *value,
    const char *share, double fraction);

struct report_options {
	bool bom;	/* CSV: start with a UTF-8 byte order mark (for Excel) */
};

/*
 * Writes the document in format f to fp. 0, or -1 when writing failed (ferror(fp); errno
 * as the stream left it). opt may be NULL.
 */
int report_render(const struct report_doc *d, enum report_format f,
    const struct report_options *opt, FILE *fp);

#endif
