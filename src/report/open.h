/*
 * Open data (issue 9, "Open data"): the office's problem issues, meetings and obligations
 * as files for the open data portal and a national analytics database, in the column
 * layout of docs/open-data.md. No personal data: no citizen's name or contact, no
 * question text, no official's name from the change log.
 */
#ifndef KZ_REPORT_OPEN_H
#define KZ_REPORT_OPEN_H

#include <stdio.h>

#include "core/date.h"
#include "util/log.h"

struct store;

enum open_table { OPEN_ISSUES, OPEN_MEETINGS, OPEN_OBLIGATIONS, OPEN_TABLE_COUNT };
enum open_format { OPEN_CSV, OPEN_JSONL, OPEN_FORMAT_COUNT };

/* "issues", "meetings", "obligations"; "csv", "jsonl" (also the files' extensions). */
extern const char *const open_table_names[OPEN_TABLE_COUNT];
extern const char *const open_format_names[OPEN_FORMAT_COUNT];

/* The layout's version, the first column of every row (docs/open-data.md). */
#define OPEN_LAYOUT_VERSION 1

struct open_options {
	enum open_format format;
	kz_date today;		/* as of: overdue issues and the obligations due (compliance_today) */
	int ahead;		/* obligations falling due within this many days (as `due`) */
};

/* Writes one table to f (header first for CSV). 0, or -1 with e set (a write error too). */
int open_export(struct store *s, enum open_table t, const struct open_options *o, FILE *f,
    struct kz_error *e);

/*
 * Writes the tables of mask (bit 1 << t) into dir as NAME.csv or NAME.jsonl, making dir
 * when it does not exist (its parent must). Every file is written and synced under a
 * temporary name in dir first and renamed into place only when all are complete, so a
 * failure leaves dir as it was, with no temporary file. 0, or -1 with e set.
 */
int open_export_dir(struct store *s, unsigned mask, const struct open_options *o,
    const char *dir, struct kz_error *e);

#endif
