/*
 * report/report: the document model and its renderers. Each format's escaping (HTML
 * entities; Markdown's punctuation and | in tables; CSV's quoting and formula injection)
 * and core's display sanitiser on the way in, on hostile text in every place text goes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "report/report.h"

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
		cmocka_unit_test(test_formats),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
