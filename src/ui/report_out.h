/*
 * The interface's report key (issue 9, "In the interface"): a publication written to a
 * file the office finds, and its path said on the message line. No curses here: the
 * folder, the name and the write are tested from the shell (tests/tui/report-key.sh).
 *
 * Where (a decision, docs/user-guide.md "Publishing"): the documents folder of the XDG
 * user directories: $XDG_DOCUMENTS_DIR when it is set, else XDG_DOCUMENTS_DIR of
 * $XDG_CONFIG_HOME/user-dirs.dirs (~/.config/user-dirs.dirs: what a desktop sets, e.g.
 * ~/Documents or ~/Құжаттар), when that folder exists; else the home folder. The file is
 * HTML, the format to open in a browser and print (or save as PDF) for the signed copy;
 * its language is the interface's. A new file each time: NAME.html, else NAME-2.html ...,
 * never over an earlier copy the office may have edited or signed.
 */
#ifndef KZ_UI_REPORT_OUT_H
#define KZ_UI_REPORT_OUT_H

#include "core/date.h"
#include "report/report.h"
#include "util/log.h"

/* The folder the interface writes documents into (see above); malloc'd. */
char *report_out_dir(void);

/*
 * Writes d as HTML to a new file dir/NAME.html (NAME-2.html ... when taken): created
 * exclusively, written, synced; on failure removed. 0 with its path in *path (malloc'd),
 * or -1 with e set naming the file.
 */
int report_out_write(const struct report_doc *d, const char *dir, const char *name,
    char **path, struct kz_error *e);


/*
 * The keys themselves (ui/report_key.c): the results of the meeting from Visits,
 * the last ended quarter's progress from Triage, each built in the interface's
 * language, written as above, and the path (or core's refusal) said on the message line.
 * Neither marks anything published: that is `kezdesu report ... --publish`.
 */
struct ui;
struct kz_uuid;
void ui_report_results(struct ui *ui, const struct kz_uuid *visit, kz_date day);
void ui_report_quarterly(struct ui *ui);

#endif
