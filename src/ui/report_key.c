/*
 * The interface's report key (ui/report_out.h): Visits writes the selected meeting's
 * results, Triage the progress of the last quarter ended, as HTML in the
 * interface's language, into the documents folder; the message line says where.
 */
#include <stdio.h>
#include <stdlib.h>

#include "report/lang.h"
#include "report/reports.h"
#include "ui/pane.h"
#include "ui/report_out.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

/* Writes doc under name and says where, or why not. Frees doc. */
static void
write_doc(struct ui *ui, struct report_doc *doc, const char *name)
{
	struct kz_error e = { 0 };
	char *dir = report_out_dir(), *path = NULL;

	if (report_out_write(doc, dir, name, &path, &e) != 0)
		ui_message(ui, true, "%s", e.msg);
	else
		ui_message(ui, false, _("written to %s (open it in a browser to print)"), path);
	free(path);
	free(dir);
	report_doc_free(&doc);
}

void
ui_report_results(struct ui *ui, const struct kz_uuid *visit, kz_date day)
{
	struct report_results_scope sc = { .visits = visit, .nvisits = 1 };
	struct report_doc *doc = NULL;
	struct kz_uuid *ids = NULL;
	struct kz_error e = { 0 };
	size_t n = 0;
	char name[64], d[11];

	if (report_results(ui->store, &sc, report_lang_default(), ui->today, &doc, &ids, &n,
	    &e) != 0) {
		ui_message(ui, true, "%s", e.msg);
		return;
	}
	free(ids);
	/* The results of one meeting, named by its day. */
	date_format(day, d);
	snprintf(name, sizeof name, "kezdesu-results-%s", d);
	write_doc(ui, doc, name);
}

void
ui_report_quarterly(struct ui *ui)
{
	struct report_doc *doc = NULL;
	struct kz_error e = { 0 };
	char name[64];
	int y, m, d, q;

	/*
	 * A-4 publishes the quarter that ended, by the 25th of the month after it: the last
	 * quarter ended before today is the one a clerk has to publish (the current one is not
	 * over and cannot be; `kezdesu report quarterly` writes any quarter).
	 */
	date_to_ymd(ui->today, &y, &m, &d);
	q = (m - 1) / 3;
	if (q == 0) {
		q = 4;
		y--;
	}
	if (report_quarterly(ui->store, y, q, report_lang_default(), ui->today, &doc, &e) != 0) {
		ui_message(ui, true, "%s", e.msg);
		return;
	}
	snprintf(name, sizeof name, "kezdesu-quarterly-%d-Q%d", y, q);
	write_doc(ui, doc, name);
}
