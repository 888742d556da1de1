/*
 * The document model of report/report.h and its three renderers (Markdown, HTML, CSV).
 * Text is sanitised once, when it enters the model (core's text_escape), and escaped for
 * its format when it is written.
 */
#include "report/report.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "util/log.h"
#include "util/xmalloc.h"

enum block_kind { B_PARA, B_KV, B_TABLE, B_CHART };

struct report_table {
	size_t ncols;
	unsigned numeric;
	char *head[REPORT_MAX_COLS];
	char **cells;		/* nrows * ncols */
	bool *total;		/* per row */
	size_t nrows, cap;
	/* A streamed table (report_table_stream): rows made while it is written. */
	report_rows_fn rows;
	void *ctx;
	void (*free_ctx)(void *ctx);
	FILE *out;		/* while rows runs: where a row goes, in format fmt */
	enum report_format fmt;
	bool failed;		/* the last render's rows failed: err says why */
	struct kz_error err;
};

struct bar {
	char *label, *value, *share;
	double fraction;
};

struct report_chart {
	char *caption;
	char *head[3];
	struct bar *bars;
	size_t n, cap;
};

struct block {
	enum block_kind kind;
	char *text;		/* a paragraph; a key */
	char *value;		/* a key's value */
	struct report_table *table;
	struct report_chart *chart;
};

struct section {
	char *heading;		/* NULL: what comes before the first section */
	struct block *b;
	size_t n, cap;
};

struct report_doc {
	char *lang, *title;
	char **sub;
	size_t nsub, subcap;
	struct section *s;	/* s[0]: the part under the title */
	size_t ns, scap;
};

static const char *const format_names[REPORT_FORMAT_COUNT] = { "md", "html", "csv" };

int
report_format_parse(const char *s, enum report_format *f)
{
	for (int i = 0; i < REPORT_FORMAT_COUNT; i++)
		if (s != NULL && strcmp(s, format_names[i]) == 0) {
			*f = (enum report_format)i;
			return 0;
		}
	return -1;
}

const char *
report_format_name(enum report_format f)
{
	return f >= 0 && f < REPORT_FORMAT_COUNT ? format_names[f] : "";
}

/* The text as it enters the model: through core's one display sanitiser. */
static char *
clean(const char *s)
{
	return text_escape_dup(s != NULL ? s : "", TEXT_ESC_TEXT);
}

struct report_doc *
report_doc_new(const char *lang, const char *title)
{
	struct report_doc *d = xcalloc(1, sizeof *d);

	d->lang = clean(lang);
	d->title = clean(title);
	d->s = xgrow(d->s, &d->scap, 1, sizeof *d->s);
	memset(&d->s[0], 0, sizeof d->s[0]);
	d->ns = 1;
	return d;
}

static void
table_free(struct report_table *t)
{
	for (size_t i = 0; i < t->ncols; i++)
		free(t->head[i]);
	/* A streamed table holds no cells: nrows counts the rows written. */
	for (size_t i = 0; t->rows == NULL && i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	free(t->total);
	if (t->free_ctx != NULL)
		t->free_ctx(t->ctx);
	free(t);
}

static void
chart_free(struct report_chart *c)
{
	free(c->caption);
	for (size_t i = 0; i < 3; i++)
		free(c->head[i]);
	for (size_t i = 0; i < c->n; i++) {
		free(c->bars[i].label);
		free(c->bars[i].value);
		free(c->bars[i].share);
	}
	free(c->bars);
	free(c);
}

void
report_doc_free(struct report_doc **dp)
{
	struct report_doc *d = dp != NULL ? *dp : NULL;

	if (d == NULL)
		return;
	for (size_t i = 0; i < d->ns; i++) {
		struct section *s = &d->s[i];

		for (size_t k = 0; k < s->n; k++) {
			free(s->b[k].text);
			free(s->b[k].value);
			if (s->b[k].table != NULL)
				table_free(s->b[k].table);
			if (s->b[k].chart != NULL)
				chart_free(s->b[k].chart);
		}
		free(s->b);
		free(s->heading);
	}
	for (size_t i = 0; i < d->nsub; i++)
		free(d->sub[i]);
	free(d->sub);
	free(d->s);
	free(d->lang);
	free(d->title);
	free(d);
	*dp = NULL;
}

void
report_subtitle(struct report_doc *d, const char *text)
{
	d->sub = xgrow(d->sub, &d->subcap, d->nsub + 1, sizeof *d->sub);
	d->sub[d->nsub++] = clean(text);
}

void
report_section(struct report_doc *d, const char *heading)
{
	d->s = xgrow(d->s, &d->scap, d->ns + 1, sizeof *d->s);
	memset(&d->s[d->ns], 0, sizeof d->s[d->ns]);
	d->s[d->ns++].heading = clean(heading);
}

static struct block *
add_block(struct report_doc *d, enum block_kind kind)
{
	struct section *s = &d->s[d->ns - 1];
	struct block *b;

	s->b = xgrow(s->b, &s->cap, s->n + 1, sizeof *s->b);
	b = &s->b[s->n++];
	memset(b, 0, sizeof *b);
	b->kind = kind;
	return b;
}

/* vsnprintf into a new string. */
void
report_para(struct report_doc *d, const char *text)
{
	add_block(d, B_PARA)->text = clean(text);
}

void
report_paraf(struct report_doc *d, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	report_para(d, s);
	free(s);
}

void
report_kv(struct report_doc *d, const char *key, const char *value)
{
	struct block *b = add_block(d, B_KV);

	b->text = clean(key);
	b->value = clean(value);
}

void
report_kvf(struct report_doc *d, const char *key, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	report_kv(d, key, s);
	free(s);
}

struct report_table *
report_table_new(struct report_doc *d, size_t ncols, const char *const *head,
    unsigned numeric)
{
	struct report_table *t = xcalloc(1, sizeof *t);

	if (ncols == 0 || ncols > REPORT_MAX_COLS)
		ncols = ncols == 0 ? 1 : REPORT_MAX_COLS;
	t->ncols = ncols;
	t->numeric = numeric;
	for (size_t i = 0; i < ncols; i++)
		t->head[i] = clean(head != NULL ? head[i] : NULL);
	add_block(d, B_TABLE)->table = t;
	return t;
}

static void stream_row(struct report_table *t, const char *const *cells, bool total);

static void
add_row(struct report_table *t, const char *const *cells, bool total)
{
	if (t->rows != NULL) {
		if (t->out != NULL)
			stream_row(t, cells, total);
		return;
	}
	t->cells = xgrow(t->cells, &t->cap, (t->nrows + 1) * t->ncols, sizeof *t->cells);
	t->total = xrealloc(t->total, (t->nrows + 1) * sizeof *t->total);
	for (size_t i = 0; i < t->ncols; i++)
		t->cells[t->nrows * t->ncols + i] = clean(cells != NULL ? cells[i] : NULL);
	t->total[t->nrows++] = total;
}

void
report_row(struct report_table *t, const char *const *cells)
{
	add_row(t, cells, false);
}

void
report_total(struct report_table *t, const char *const *cells)
{
	add_row(t, cells, true);
}

size_t
report_table_rows(const struct report_table *t)
{
	return t->nrows;
}

struct report_table *
report_table_stream(struct report_doc *d, size_t ncols, const char *const *head,
    unsigned numeric, report_rows_fn rows, void *ctx, void (*free_ctx)(void *ctx))
{
	struct report_table *t = report_table_new(d, ncols, head, numeric);

	t->rows = rows;
	t->ctx = ctx;
	t->free_ctx = free_ctx;
	return t;
}

/* The streamed table whose rows failed in the last render, or NULL. */
static const struct report_table *
failed_table(const struct report_doc *d)
{
	for (size_t i = 0; i < d->ns; i++)
		for (size_t k = 0; k < d->s[i].n; k++)
			if (d->s[i].b[k].table != NULL && d->s[i].b[k].table->failed)
				return d->s[i].b[k].table;
	return NULL;
}

const char *
report_doc_error(const struct report_doc *d)
{
	const struct report_table *t = failed_table(d);

	return t != NULL ? t->err.msg : NULL;
}

struct report_chart *
report_chart_new(struct report_doc *d, const char *caption, const char *const head[3])
{
	struct report_chart *c = xcalloc(1, sizeof *c);

	c->caption = clean(caption);
	for (size_t i = 0; i < 3; i++)
		c->head[i] = clean(head != NULL ? head[i] : NULL);
	add_block(d, B_CHART)->chart = c;
	return c;
}

void
report_bar(struct report_chart *c, const char *label, const char *value, const char *share,
    double fraction)
{
	struct bar *b;

	c->bars = xgrow(c->bars, &c->cap, c->n + 1, sizeof *c->bars);
	b = &c->bars[c->n++];
	b->label = clean(label);
	b->value = clean(value);
	b->share = clean(share);
	b->fraction = fraction > 1 ? 1 : fraction;
}

/* ---- Markdown ---- */

/*
 * Text in Markdown: ASCII punctuation that means something there is escaped with a
 * backslash (CommonMark lets any be), < and & too, so that no raw HTML or entity reaches a
 * renderer; a line end becomes a blank (a table row is one line). At the start of a line
 * a '-', '+' or a number followed by '.' would start a list: the punctuation is escaped.
 */
static void
md_text(FILE *fp, const char *s, bool line_start)
{
	static const char special[] = "\\`*_[]<>|#~&!\n\r";
	const char *p = s;

	/* At the start of a line: a list's mark, or a number and a dot. */
	if (line_start && (*p == '-' || *p == '+' || *p == '=')) {
		fputc('\\', fp);
		fputc(*p++, fp);
	} else if (line_start) {
		size_t digits = strspn(p, "0123456789");

		if (digits > 0 && (p[digits] == '.' || p[digits] == ')')) {
			fwrite(p, 1, digits, fp);
			fputc('\\', fp);
			p += digits;
			fputc(*p++, fp);
		}
	}
	while (*p != '\0') {
		size_t n = strcspn(p, special);

		fwrite(p, 1, n, fp);
		p += n;
		if (*p == '\0')
			break;
		if (*p == '\n' || *p == '\r') {
			fputc(' ', fp);
		} else {
			fputc('\\', fp);
			fputc(*p, fp);
		}
		p++;
	}
}

static void
md_row(FILE *fp, char *const *cells, size_t n, bool bold)
{
	fputc('|', fp);
	for (size_t i = 0; i < n; i++) {
		fputc(' ', fp);
		if (bold && cells[i][0] != '\0')
			fputs("**", fp);
		md_text(fp, cells[i], false);
		if (bold && cells[i][0] != '\0')
			fputs("**", fp);
		fputs(" |", fp);
	}
	fputc('\n', fp);
}

static void
md_rule(FILE *fp, size_t n, unsigned numeric)
{
	fputc('|', fp);
	for (size_t i = 0; i < n; i++)
		fputs(numeric & (REPORT_COL(i) | REPORT_PCT(i)) ? " ---: |" : " --- |", fp);
	fputc('\n', fp);
}

static int fill(struct report_table *t, FILE *fp, enum report_format f);

static void
md_table(FILE *fp, struct report_table *t)
{
	md_row(fp, t->head, t->ncols, false);
	md_rule(fp, t->ncols, t->numeric);
	if (t->rows != NULL)
		fill(t, fp, REPORT_MD);
	for (size_t r = 0; t->rows == NULL && r < t->nrows; r++)
		md_row(fp, t->cells + r * t->ncols, t->ncols, t->total[r]);
}

/* A bar of up to 20 full blocks, in eighths, so that a text file shows the shares too. */
static void
text_bar(FILE *fp, double fraction)
{
	static const char *const eighth[8] = { "", "▏", "▎", "▍", "▌", "▋", "▊", "▉" };
	int n = fraction <= 0 ? 0 : (int)(fraction * 160 + 0.5);

	for (int i = 0; i < n / 8; i++)
		fputs("█", fp);
	fputs(eighth[n % 8], fp);
}

/* The largest fraction of a chart: its bar is drawn full length, the others in proportion. */
static double
chart_max(const struct report_chart *c)
{
	double m = 0;

	for (size_t i = 0; i < c->n; i++)
		if (c->bars[i].fraction > m)
			m = c->bars[i].fraction;
	return m;
}

static void
md_chart(FILE *fp, const struct report_chart *c)
{
	double max = chart_max(c);

	fputs("**", fp);
	md_text(fp, c->caption, false);
	fputs("**\n\n", fp);
	fputs("| ", fp);
	md_text(fp, c->head[0], false);
	fputs(" | ", fp);
	md_text(fp, c->head[1], false);
	fputs(" | ", fp);
	md_text(fp, c->head[2], false);
	fputs(" | |\n| --- | ---: | ---: | --- |\n", fp);
	for (size_t i = 0; i < c->n; i++) {
		const struct bar *b = &c->bars[i];

		fputs("| ", fp);
		md_text(fp, b->label, false);
		fputs(" | ", fp);
		md_text(fp, b->value, false);
		fputs(" | ", fp);
		md_text(fp, b->share, false);
		fputs(" | ", fp);
		text_bar(fp, max > 0 ? b->fraction / max : 0);
		fputs(" |\n", fp);
	}
}

static void
md_blocks(FILE *fp, const struct section *s)
{
	for (size_t i = 0; i < s->n; i++) {
		const struct block *b = &s->b[i];

		switch (b->kind) {
		case B_PARA:
			md_text(fp, b->text, true);
			fputs("\n\n", fp);
			break;
		case B_KV:
			/* Key/value lines in a row make one list. */
			fputs("- **", fp);
			md_text(fp, b->text, false);
			fputs(":** ", fp);
			md_text(fp, b->value, false);
			fputc('\n', fp);
			if (i + 1 == s->n || s->b[i + 1].kind != B_KV)
				fputc('\n', fp);
			break;
		case B_TABLE:
			md_table(fp, b->table);
			fputc('\n', fp);
			break;
		case B_CHART:
			md_chart(fp, b->chart);
			fputc('\n', fp);
			break;
		}
	}
}

static void
render_md(const struct report_doc *d, FILE *fp)
{
	fputs("# ", fp);
	md_text(fp, d->title, false);
	fputs("\n\n", fp);
	for (size_t i = 0; i < d->nsub; i++) {
		md_text(fp, d->sub[i], true);
		/* Two blanks: a line break inside the paragraph of subtitles. */
		fputs(i + 1 < d->nsub ? "  \n" : "\n\n", fp);
	}
	md_blocks(fp, &d->s[0]);
	for (size_t i = 1; i < d->ns; i++) {
		fputs("## ", fp);
		md_text(fp, d->s[i].heading, false);
		fputs("\n\n", fp);
		md_blocks(fp, &d->s[i]);
	}
}

/* ---- HTML ---- */

/* Text in HTML (elements and attribute values alike): the five characters as entities. */
static void
html_text(FILE *fp, const char *s)
{
	/* Runs without a special character are written whole: a quarter's report is MiBs. */
	while (*s != '\0') {
		size_t n = strcspn(s, "&<>\"'");

		fwrite(s, 1, n, fp);
		s += n;
		switch (*s) {
		case '&': fputs("&amp;", fp); break;
		case '<': fputs("&lt;", fp); break;
		case '>': fputs("&gt;", fp); break;
		case '"': fputs("&quot;", fp); break;
		case '\'': fputs("&#39;", fp); break;
		default: return;
		}
		s++;
	}
}

/*
 * Print CSS for A4: black on white, thin black rules, headers repeated (thead as a header
 * group), rows kept whole, each section after the first on a new page; shades of grey
 * only, so that a print without colour loses nothing.
 */
static const char html_style[] =
    "@page { size: A4; margin: 18mm 15mm 18mm 20mm; }\n"
    "body { font-family: \"DejaVu Sans\", Arial, sans-serif; font-size: 11pt; color: #000; "
    "background: #fff; max-width: 180mm; margin: 1em auto; line-height: 1.35; }\n"
    "h1 { font-size: 16pt; margin: 0 0 0.3em; }\n"
    "h2 { font-size: 13pt; margin: 1.2em 0 0.5em; border-bottom: 1px solid #000; }\n"
    "p.sub { margin: 0.1em 0; }\n"
    "table { border-collapse: collapse; width: 100%; margin: 0.5em 0 1em; }\n"
    "th, td { border: 1px solid #000; padding: 2pt 4pt; vertical-align: top; text-align: left; }\n"
    "thead th { background: #e6e6e6; }\n"
    "thead { display: table-header-group; }\n"
    "tr { page-break-inside: avoid; break-inside: avoid; }\n"
    ".num { text-align: right; white-space: nowrap; }\n"
    "tr.total td { font-weight: bold; }\n"
    "dl.kv { display: grid; grid-template-columns: max-content auto; gap: 0.15em 1em; }\n"
    "dl.kv dt { font-weight: bold; }\n"
    "dl.kv dd { margin: 0; }\n"
    "figure { margin: 0.5em 0 1em; page-break-inside: avoid; break-inside: avoid; }\n"
    "figcaption { font-weight: bold; margin-bottom: 0.3em; }\n"
    "svg text { fill: #000; }\n"
    "@media print {\n"
    "  body { margin: 0; max-width: none; }\n"
    "  section + section { page-break-before: always; break-before: page; }\n"
    "  h2 { page-break-after: avoid; break-after: avoid; }\n"
    "}\n";

static void
html_row(FILE *fp, const struct report_table *t, char *const *cells, bool total)
{
	fputs(total ? "<tr class=\"total\">" : "<tr>", fp);
	for (size_t i = 0; i < t->ncols; i++) {
		fputs(t->numeric & (REPORT_COL(i) | REPORT_PCT(i)) ? "<td class=\"num\">" :
		    "<td>", fp);
		html_text(fp, cells[i]);
		fputs("</td>", fp);
	}
	fputs("</tr>\n", fp);
}

static void
html_table(FILE *fp, struct report_table *t)
{
	fputs("<table>\n<thead>\n<tr>", fp);
	for (size_t i = 0; i < t->ncols; i++) {
		fputs(t->numeric & (REPORT_COL(i) | REPORT_PCT(i)) ? "<th class=\"num\">" : "<th>", fp);
		html_text(fp, t->head[i]);
		fputs("</th>", fp);
	}
	fputs("</tr>\n</thead>\n<tbody>\n", fp);
	if (t->rows != NULL)
		fill(t, fp, REPORT_HTML);
	for (size_t r = 0; t->rows == NULL && r < t->nrows; r++)
		html_row(fp, t, t->cells + r * t->ncols, t->total[r]);
	fputs("</tbody>\n</table>\n", fp);
}

/* A coordinate in tenths, written without the locale's decimal separator. */
static void
svg_num(FILE *fp, long tenths)
{
	fprintf(fp, "%ld.%ld", tenths / 10, tenths % 10);
}

/* At most max characters of s (UTF-8), with "…" when cut. */
static char *
cut_label(const char *s, size_t max)
{
	size_t chars = 0, i = 0, n = strlen(s);

	while (i < n && chars < max) {
		uint32_t cp;
		size_t len = text_utf8_next(s + i, n - i, &cp);

		i += len > 0 ? len : 1;
		chars++;
	}
	if (i >= n)
		return xstrdup(s);
	return xasprintf("%.*s…", (int)i, s);
}

enum { SVG_W = 640, SVG_LABEL = 250, SVG_BAR = 290, SVG_ROW = 22 };

static void
html_chart(FILE *fp, const struct report_chart *c)
{
	int h = (int)c->n * SVG_ROW + 6;
	double max = chart_max(c);

	fputs("<figure>\n<figcaption>", fp);
	html_text(fp, c->caption);
	fputs("</figcaption>\n", fp);
	fprintf(fp, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
	    "viewBox=\"0 0 %d %d\" font-family=\"DejaVu Sans, Arial, sans-serif\" "
	    "font-size=\"12\" role=\"img\" aria-label=\"", SVG_W, h, SVG_W, h);
	html_text(fp, c->caption);
	fputs("\">\n", fp);
	for (size_t i = 0; i < c->n; i++) {
		const struct bar *b = &c->bars[i];
		long w = b->fraction <= 0 || max <= 0 ? 0 :
		    (long)(b->fraction / max * SVG_BAR * 10 + 0.5);
		int y = (int)i * SVG_ROW;
		char *label = cut_label(b->label, 34);

		fprintf(fp, "<text x=\"0\" y=\"%d\">", y + 16);
		html_text(fp, label);
		fputs("</text>\n", fp);
		free(label);
		if (w > 0) {
			fprintf(fp, "<rect x=\"%d\" y=\"%d\" width=\"", SVG_LABEL, y + 4);
			svg_num(fp, w);
			fputs("\" height=\"15\" fill=\"#555\" stroke=\"#000\" stroke-width=\"0.5\"/>\n",
			    fp);
		}
		/* The number and the share beside the bar: the chart reads without colour. */
		fputs("<text x=\"", fp);
		svg_num(fp, SVG_LABEL * 10 + w + 60);
		fprintf(fp, "\" y=\"%d\">", y + 16);
		html_text(fp, b->value);
		if (b->share[0] != '\0') {
			fputs(" (", fp);
			html_text(fp, b->share);
			fputc(')', fp);
		}
		fputs("</text>\n", fp);
	}
	fputs("</svg>\n</figure>\n", fp);
}

static void
html_blocks(FILE *fp, const struct section *s)
{
	for (size_t i = 0; i < s->n; i++) {
		const struct block *b = &s->b[i];

		switch (b->kind) {
		case B_PARA:
			fputs("<p>", fp);
			html_text(fp, b->text);
			fputs("</p>\n", fp);
			break;
		case B_KV:
			if (i == 0 || s->b[i - 1].kind != B_KV)
				fputs("<dl class=\"kv\">\n", fp);
			fputs("<dt>", fp);
			html_text(fp, b->text);
			fputs("</dt><dd>", fp);
			html_text(fp, b->value);
			fputs("</dd>\n", fp);
			if (i + 1 == s->n || s->b[i + 1].kind != B_KV)
				fputs("</dl>\n", fp);
			break;
		case B_TABLE:
			html_table(fp, b->table);
			break;
		case B_CHART:
			html_chart(fp, b->chart);
			break;
		}
	}
}

static void
render_html(const struct report_doc *d, FILE *fp)
{
	fputs("<!DOCTYPE html>\n<html lang=\"", fp);
	html_text(fp, d->lang);
	fputs("\">\n<head>\n<meta charset=\"utf-8\">\n"
	    "<meta name=\"generator\" content=\"kezdesu\">\n<title>", fp);
	html_text(fp, d->title);
	fprintf(fp, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<header>\n<h1>", html_style);
	html_text(fp, d->title);
	fputs("</h1>\n", fp);
	for (size_t i = 0; i < d->nsub; i++) {
		fputs("<p class=\"sub\">", fp);
		html_text(fp, d->sub[i]);
		fputs("</p>\n", fp);
	}
	html_blocks(fp, &d->s[0]);
	fputs("</header>\n", fp);
	for (size_t i = 1; i < d->ns; i++) {
		fputs("<section>\n<h2>", fp);
		html_text(fp, d->s[i].heading);
		fputs("</h2>\n", fp);
		html_blocks(fp, &d->s[i]);
		fputs("</section>\n", fp);
	}
	fputs("</body>\n</html>\n", fp);
}

/* ---- CSV ---- */

/*
 * One field (RFC 4180): quoted when it holds a comma, a quote, a line end or a semicolon
 * (the separator of spreadsheets set for Russian), quotes doubled. A field starting with
 * = + - @ would be read by a spreadsheet as a formula (formula injection): it is written
 * after an apostrophe, which spreadsheets show as text and do not evaluate.
 */
static void
csv_field(FILE *fp, const char *s)
{
	bool formula = s[0] != '\0' && strchr("=+-@", s[0]) != NULL;
	bool quote = strpbrk(s, ",\";\r\n") != NULL;

	if (quote)
		fputc('"', fp);
	if (formula)
		fputc('\'', fp);
	for (const char *p = s; *p != '\0';) {
		size_t n = strcspn(p, "\"");

		fwrite(p, 1, n, fp);
		p += n;
		if (*p == '"') {
			fputs("\"\"", fp);
			p++;
		}
	}
	if (quote)
		fputc('"', fp);
}

/*
 * A number as a reader sees it ("44 000 000", "-1 500", "96 %" when pct) as a spreadsheet
 * reads it: the digits alone, into out (size > strlen(s)). false, out untouched, when s
 * is not such a number: digits in groups of three after the first (1 to 3 digits) joined
 * by single spaces, or digits alone; then " %" when pct.
 */
static bool
csv_number(const char *s, bool pct, char *out)
{
	const char *p = s;
	size_t o = 0, group = 0, len = strlen(s);
	bool grouped = false;

	if (pct) {
		if (len < 3 || strcmp(s + len - 2, " %") != 0)
			return false;
		len -= 2;
	}
	if (len > 0 && *p == '-') {
		p++;
		len--;
	}
	if (len == 0 || *p < '0' || *p > '9')
		return false;
	for (size_t i = 0; i < len; i++) {
		if (p[i] >= '0' && p[i] <= '9') {
			group++;
			continue;
		}
		/* A separator: after 1 to 3 digits (the first group) or exactly 3. */
		if (p[i] != ' ' || group == 0 || group > 3 || (grouped && group != 3))
			return false;
		grouped = true;
		group = 0;
	}
	if (grouped && group != 3)
		return false;
	if (s[0] == '-')
		out[o++] = '-';
	for (size_t i = 0; i < len; i++)
		if (p[i] != ' ')
			out[o++] = p[i];
	out[o] = '\0';
	return true;
}

/* A cell that may be a number (see csv_number): the number, else the text as it is. */
static void
csv_value(FILE *fp, const char *s, bool pct)
{
	size_t len = strlen(s);
	char small[64], *buf = len < sizeof small ? small : xmalloc(len + 1);

	/* A number needs no quoting, and a minus before digits alone is no formula. */
	if (csv_number(s, pct, buf))
		fputs(buf, fp);
	else
		csv_field(fp, s);
	if (buf != small)
		free(buf);
}

/* A heading of a column of shares: ", %" added. */
static void
csv_pct_head(FILE *fp, const char *head)
{
	char *h = xasprintf("%s, %%", head);

	csv_field(fp, h);
	free(h);
}

/* A row of a table: numeric columns (mask) as numbers, REPORT_PCT ones as shares. */
static void
csv_cells(FILE *fp, char *const *cells, size_t n, unsigned numeric)
{
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			fputc(',', fp);
		if (numeric & (REPORT_COL(i) | REPORT_PCT(i)))
			csv_value(fp, cells[i], (numeric & REPORT_PCT(i)) != 0);
		else
			csv_field(fp, cells[i]);
	}
	fputs("\r\n", fp);
}

static void
csv_head(FILE *fp, char *const *head, size_t n, unsigned numeric)
{
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			fputc(',', fp);
		if (numeric & REPORT_PCT(i))
			csv_pct_head(fp, head[i]);
		else
			csv_field(fp, head[i]);
	}
	fputs("\r\n", fp);
}

static void
csv_one(FILE *fp, const char *s)
{
	csv_field(fp, s);
	fputs("\r\n", fp);
}

static void
csv_blocks(FILE *fp, const struct section *s)
{
	for (size_t i = 0; i < s->n; i++) {
		const struct block *b = &s->b[i];
		char *kv[2];
		/* A chart as a table: a label, a number, a share. */
		const unsigned chart_cols = REPORT_COL(1) | REPORT_PCT(2);

		switch (b->kind) {
		case B_PARA:
			csv_one(fp, b->text);
			break;
		case B_KV:
			kv[0] = b->text;
			kv[1] = b->value;
			csv_cells(fp, kv, 2, REPORT_COL(1));
			break;
		case B_TABLE:
			csv_head(fp, b->table->head, b->table->ncols, b->table->numeric);
			if (b->table->rows != NULL)
				fill(b->table, fp, REPORT_CSV);
			for (size_t r = 0; b->table->rows == NULL && r < b->table->nrows; r++)
				csv_cells(fp, b->table->cells + r * b->table->ncols, b->table->ncols,
				    b->table->numeric);
			break;
		case B_CHART:
			csv_one(fp, b->chart->caption);
			csv_head(fp, b->chart->head, 3, chart_cols);
			for (size_t r = 0; r < b->chart->n; r++) {
				char *row[3] = { b->chart->bars[r].label, b->chart->bars[r].value,
					b->chart->bars[r].share };

				csv_cells(fp, row, 3, chart_cols);
			}
			break;
		}
	}
}

static void
render_csv(const struct report_doc *d, const struct report_options *opt, FILE *fp)
{
	if (opt != NULL && opt->bom)
		fputs("\xef\xbb\xbf", fp);
	csv_one(fp, d->title);
	for (size_t i = 0; i < d->nsub; i++)
		csv_one(fp, d->sub[i]);
	csv_blocks(fp, &d->s[0]);
	for (size_t i = 1; i < d->ns; i++) {
		fputs("\r\n", fp);
		csv_one(fp, d->s[i].heading);
		csv_blocks(fp, &d->s[i]);
	}
}

/* ---- streamed tables ---- */

/* A row of a streamed table, written where the table is being rendered. */
static void
stream_row(struct report_table *t, const char *const *cells, bool total)
{
	char *c[REPORT_MAX_COLS];

	for (size_t i = 0; i < t->ncols; i++)
		c[i] = clean(cells != NULL ? cells[i] : NULL);
	switch (t->fmt) {
	case REPORT_MD:
		md_row(t->out, c, t->ncols, total);
		break;
	case REPORT_HTML:
		html_row(t->out, t, c, total);
		break;
	case REPORT_CSV:
	default:
		csv_cells(t->out, c, t->ncols, t->numeric);
		break;
	}
	for (size_t i = 0; i < t->ncols; i++)
		free(c[i]);
	t->nrows++;
}

/* Makes a streamed table's rows, written to fp in f as they come. */
static int
fill(struct report_table *t, FILE *fp, enum report_format f)
{
	t->out = fp;
	t->fmt = f;
	t->nrows = 0;
	memset(&t->err, 0, sizeof t->err);
	t->failed = t->rows(t->ctx, t, &t->err) != 0;
	t->out = NULL;
	return t->failed ? -1 : 0;
}

int
report_render(const struct report_doc *d, enum report_format f,
    const struct report_options *opt, FILE *fp)
{
	switch (f) {
	case REPORT_MD:
		render_md(d, fp);
		break;
	case REPORT_HTML:
		render_html(d, fp);
		break;
	case REPORT_CSV:
	default:
		render_csv(d, opt, fp);
		break;
	}
	if (failed_table(d) != NULL) {
		errno = EIO;
		return -1;
	}
	return ferror(fp) ? -1 : 0;
}
