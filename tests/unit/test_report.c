/*
 * report/report: the document model and its renderers. Each format's escaping (HTML
 * entities; Markdown's punctuation and | in tables; CSV's quoting and formula injection)
 * and core's display sanitiser on the way in, on hostile text in every place text goes.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "report/report.h"
#include "util/log.h"

/* The same hostile text in a title, a subtitle, a heading, a paragraph, a key/value, a table
 * and a chart. */
#define EVIL "<script>alert(\"x\")</script> & 'q' | =SUM(A1) \x1b[31m\n*b* [l](u) #h"

static struct report_doc *
evil_doc(void)
{
	struct report_doc *d = report_doc_new("ru", EVIL);
	const char *head[] = { EVIL, "n" };
	const char *row[] = { EVIL, "3" };
	const char *formula[] = { "=1+1", "+7" };
	const char *chead[] = { "t", "n", "%" };
	struct report_table *t;
	struct report_chart *c;

	report_subtitle(d, EVIL);
	report_section(d, EVIL);
	report_para(d, EVIL);
	report_kv(d, EVIL, EVIL);
	t = report_table_new(d, 2, head, REPORT_COL(1));
	report_row(t, row);
	report_row(t, formula);
	report_total(t, row);
	c = report_chart_new(d, EVIL, chead);
	report_bar(c, EVIL, "12", "20 %", 0.2);
	report_bar(c, "@cmd", "<3", "", -1);
	return d;
}

/* The document rendered in f, as a string (freed by the caller). */
static char *
render(struct report_doc *d, enum report_format f, bool bom)
{
	struct report_options o = { .bom = bom };
	char *buf = NULL;
	size_t n = 0;
	FILE *fp = open_memstream(&buf, &n);

	assert_non_null(fp);
	assert_int_equal(report_render(d, f, &o, fp), 0);
	assert_int_equal(fclose(fp), 0);
	return buf;
}

static size_t
count(const char *hay, const char *needle)
{
	size_t n = 0;

	for (const char *p = hay; (p = strstr(p, needle)) != NULL; p += strlen(needle))
		n++;
	return n;
}

static void
test_html_escapes(void **state)
{
	struct report_doc *d = evil_doc();
	char *h = render(d, REPORT_HTML, false);

	(void)state;
	assert_null(strstr(h, "<script"));
	assert_null(strstr(h, "\x1b"));
	assert_non_null(strstr(h, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; "
	    "&#39;q&#39;"));
	/* The sanitiser ran first: the escape and the line end are visible, not raw. */
	assert_non_null(strstr(h, "\\x1B[31m\\n"));
	/* Self-contained: no link, script or reference to another file. */
	assert_null(strstr(h, "<link"));
	assert_null(strstr(h, "src="));
	assert_null(strstr(h, "href="));
	assert_null(strstr(h, "url("));
	/* Print CSS: headers repeat, sections break pages; the chart is inline SVG. */
	assert_non_null(strstr(h, "thead { display: table-header-group; }"));
	assert_non_null(strstr(h, "break-before: page"));
	assert_non_null(strstr(h, "<svg xmlns=\"http://www.w3.org/2000/svg\""));
	assert_non_null(strstr(h, "12 (20 %)"));
	assert_int_equal(count(h, "<rect"), 1);	/* no bar for "<3" */
	assert_non_null(strstr(h, "<html lang=\"ru\">"));
	free(h);
	report_doc_free(&d);
	assert_null(d);
}

static void
test_md_escapes(void **state)
{
	struct report_doc *d = evil_doc();
	char *m = render(d, REPORT_MD, false);
	const char *p;

	(void)state;
	/* No < reaches a Markdown renderer unescaped (raw HTML). */
	for (p = m; (p = strchr(p, '<')) != NULL; p++)
		assert_true(p > m && p[-1] == '\\');
	assert_non_null(strstr(m, "\\<script\\>"));
	assert_non_null(strstr(m, "\\*b\\* \\[l\\](u) \\#h"));
	assert_non_null(strstr(m, "\\& 'q' \\| =SUM"));
	/* Every table line of the document keeps its number of cells: no | unescaped inside. */
	for (p = m; (p = strstr(p, "\n|")) != NULL; p++) {
		const char *end = strchr(p + 1, '\n');
		size_t bars = 0;

		for (const char *q = p + 1; q < end; q++)
			bars += *q == '|' && q[-1] != '\\';
		assert_true(bars == 3 || bars == 5);
	}
	assert_non_null(strstr(m, "| =1+1 | +7 |"));
	free(m);
	report_doc_free(&d);
}

static void
test_csv_quoting(void **state)
{
	struct report_doc *d = evil_doc();
	char *c = render(d, REPORT_CSV, true), *nb = render(d, REPORT_CSV, false);

	(void)state;
	assert_memory_equal(c, "\xef\xbb\xbf", 3);
	assert_int_equal(strncmp(nb, "\xef\xbb\xbf", 3) != 0, 1);
	/* Quoted (it holds a quote), quotes doubled; the sanitiser made \n visible text. */
	assert_non_null(strstr(c, "\"<script>alert(\"\"x\"\")</script> & 'q' | =SUM(A1) "
	    "\\x1B[31m\\n*b* [l](u) #h\""));
	/* Formula injection: the cells starting with = + @ are inert. */
	assert_non_null(strstr(c, "\r\n'=1+1,'+7\r\n"));
	assert_non_null(strstr(c, "\r\n'@cmd,<3,\r\n"));
	assert_null(strstr(c, ",=1"));
	/* Every line ends in CRLF. */
	for (const char *p = c; (p = strchr(p, '\n')) != NULL; p++)
		assert_int_equal(p[-1], '\r');
	free(c);
	free(nb);
	report_doc_free(&d);
}

/*
 * CSV numbers (issue 9): a spreadsheet reads "44 000 000" as text. In CSV the numbers of
 * numeric columns, key/value lines and charts lose their group separators, shares are the
 * percentage under a heading with ", %"; Markdown and HTML keep what a reader reads.
 */
static void
test_csv_numbers(void **state)
{
	struct report_doc *d = report_doc_new("ru", "t");
	const char *head[] = { "Item", "Amount", "Share", "Note" };
	const char *rows[][4] = {
		{ "a", "44 000 000", "96 %", "1 000" },
		{ "b", "-1 500", "0 %", "x" },
		{ "c", "<3", "", "" },
		{ "d", "12 34", "5%", "" },	/* not numbers as written: left as they are */
		{ "e", "1089*", "100 %", "" },
	};
	const char *chead[] = { "t", "n", "Share" };
	struct report_table *t;
	struct report_chart *c;
	char *csv, *md, *html;

	(void)state;
	report_section(d, "s");
	report_kv(d, "Amount, tenge", "240 000 000");
	report_kv(d, "Answered", "26 of 113 (23 %)");
	t = report_table_new(d, 4, head, REPORT_COL(1) | REPORT_PCT(2));
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
		report_row(t, rows[i]);
	c = report_chart_new(d, "cap", chead);
	report_bar(c, "roads", "1 200", "20 %", 0.2);
	csv = render(d, REPORT_CSV, false);
	md = render(d, REPORT_MD, false);
	html = render(d, REPORT_HTML, false);
	assert_non_null(strstr(csv, "\r\n\"Amount, tenge\",240000000\r\n"));
	assert_non_null(strstr(csv, "\r\nAnswered,26 of 113 (23 %)\r\n"));
	assert_non_null(strstr(csv, "\r\nItem,Amount,\"Share, %\",Note\r\n"));
	/* The text column keeps its text; the minus of a number is no formula. */
	assert_non_null(strstr(csv, "\r\na,44000000,96,1 000\r\n"));
	assert_non_null(strstr(csv, "\r\nb,-1500,0,x\r\n"));
	assert_non_null(strstr(csv, "\r\nc,<3,,\r\n"));
	assert_non_null(strstr(csv, "\r\nd,12 34,5%,\r\n"));
	assert_non_null(strstr(csv, "\r\ne,1089*,100,\r\n"));
	assert_non_null(strstr(csv, "\r\nt,n,\"Share, %\"\r\nroads,1200,20\r\n"));
	assert_non_null(strstr(md, "| a | 44 000 000 | 96 % | 1 000 |"));
	assert_non_null(strstr(md, "| --- | ---: | ---: | --- |"));
	assert_non_null(strstr(html, "<td class=\"num\">44 000 000</td><td class=\"num\">96 %</td>"));
	free(csv);
	free(md);
	free(html);
	report_doc_free(&d);
}

/* A streamed table's rows: made while it is written, each render again (issue 9). */
struct rows_ctx {
	int calls;
	bool fail;
	bool *freed;
};

static int
make_rows(void *arg, struct report_table *t, struct kz_error *e)
{
	struct rows_ctx *x = arg;
	const char *a[] = { "1", "<b>a</b>", "44 000 000" };
	const char *b[] = { "2", "=b", "5" };
	const char *tot[] = { NULL, "Total", "44 000 005" };

	x->calls++;
	report_row(t, a);
	if (x->fail)
		return kz_fail(e, KZ_EIO, "the store could not be read");
	report_row(t, b);
	report_total(t, tot);
	return 0;
}

static void
free_rows(void *arg)
{
	*((struct rows_ctx *)arg)->freed = true;
}

static void
test_streamed_table(void **state)
{
	const char *head[] = { "No.", "Issue", "Amount" };
	bool freed = false;
	struct rows_ctx x = { .freed = &freed };
	struct report_doc *d = report_doc_new("en", "t");
	struct report_table *t;
	char *md, *html, *csv, *md2;

	(void)state;
	report_section(d, "before");
	report_para(d, "above the table");
	t = report_table_stream(d, 3, head, REPORT_COL(0) | REPORT_COL(2), make_rows, &x,
	    free_rows);
	report_row(t, head);	/* outside the rows: nothing */
	report_section(d, "after");
	report_para(d, "below the table");
	assert_int_equal(x.calls, 0);
	md = render(d, REPORT_MD, false);
	assert_int_equal(x.calls, 1);
	assert_int_equal(report_table_rows(t), 3);
	assert_non_null(strstr(md, "above the table\n\n| No. | Issue | Amount |\n| ---: | --- | ---: |\n"
	    "| 1 | \\<b\\>a\\</b\\> | 44 000 000 |\n| 2 | =b | 5 |\n|  | **Total** | **44 000 005** |\n\n"
	    "## after"));
	html = render(d, REPORT_HTML, false);
	assert_non_null(strstr(html, "<tbody>\n<tr><td class=\"num\">1</td><td>&lt;b&gt;a&lt;/b&gt;</td>"
	    "<td class=\"num\">44 000 000</td></tr>\n"));
	assert_non_null(strstr(html, "<tr class=\"total\"><td class=\"num\"></td><td>Total</td>"));
	assert_non_null(strstr(html, "</tbody>\n</table>\n</section>\n<section>\n<h2>after</h2>"));
	csv = render(d, REPORT_CSV, false);
	assert_non_null(strstr(csv, "No.,Issue,Amount\r\n1,<b>a</b>,44000000\r\n2,'=b,5\r\n,Total,44000005\r\n"));
	/* Each render makes the rows again, the same. */
	md2 = render(d, REPORT_MD, false);
	assert_string_equal(md, md2);
	assert_int_equal(x.calls, 4);
	assert_null(report_doc_error(d));

	/* Rows that fail: the render fails, saying why; the next one that works clears it. */
	{
		char *buf = NULL;
		size_t n = 0;
		FILE *fp = open_memstream(&buf, &n);

		x.fail = true;
		errno = 0;
		assert_int_equal(report_render(d, REPORT_HTML, NULL, fp), -1);
		assert_int_equal(errno, EIO);
		assert_string_equal(report_doc_error(d), "the store could not be read");
		fclose(fp);
		free(buf);
		x.fail = false;
		free(render(d, REPORT_CSV, false));
		assert_null(report_doc_error(d));
	}
	free(md);
	free(md2);
	free(html);
	free(csv);
	assert_false(freed);
	report_doc_free(&d);
	assert_true(freed);
}

static void
test_formats(void **state)
{
	enum report_format f;

	(void)state;
	assert_int_equal(report_format_parse("md", &f), 0);
	assert_int_equal(f, REPORT_MD);
	assert_int_equal(report_format_parse("html", &f), 0);
	assert_int_equal(f, REPORT_HTML);
	assert_int_equal(report_format_parse("csv", &f), 0);
	assert_int_equal(f, REPORT_CSV);
	assert_int_equal(report_format_parse("pdf", &f), -1);
	assert_string_equal(report_format_name(REPORT_HTML), "html");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_html_escapes),
		cmocka_unit_test(test_md_escapes),
		cmocka_unit_test(test_csv_quoting),
		cmocka_unit_test(test_csv_numbers),
		cmocka_unit_test(test_streamed_table),
		cmocka_unit_test(test_formats),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
