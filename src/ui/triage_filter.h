/*
 * The Triage pane's filters as a pure model (no curses, no store), so that they are
 * unit-tested (tests/unit/test_triage_filter.c): which issues a page shows. The status
 * filter is also the view's index (core/view.h view_issues); the others are tested here on
 * each issue of the page, as `kezdesu issue list` does.
 */
#ifndef KZ_UI_TRIAGE_FILTER_H
#define KZ_UI_TRIAGE_FILTER_H

#include <stdbool.h>

#include "core/date.h"
#include "core/issue.h"

struct triage_filter {
	int status;		/* enum issue_status, -1: any */
	int level;		/* enum issue_level, -1: any */
	bool overdue;		/* only open issues past a deadline (issue_overdue) */
	char *topic;		/* folded (core/text.h); NULL: any. A part of the topic */
	char unit[10];		/* a KATO code's own digits (the unit and all under it); "": any */
	char *executor;		/* folded; NULL: any. A part of the executor's name */
};

/*
 * Sets f from what a user typed: topic and executor folded (any case, Kazakh and
 * Russian), unit a KATO code of nine digits ("" or NULL: any). 0, or -1 with why
 * ("unit: ...") when the unit is not a code; f is then unchanged.
 */
int triage_filter_set(struct triage_filter *f, int status, int level, bool overdue,
    const char *topic, const char *unit, const char *executor, char *why, size_t len);
void triage_filter_free(struct triage_filter *f);
/* Whether the issue passes every filter, as of today. */
bool triage_filter_match(const struct triage_filter *f, const struct issue *i, kz_date today);
/* Whether any filter is set. */
bool triage_filter_any(const struct triage_filter *f);
/* The filters in words ("status new, overdue, executor асан"), for the pane's head line. */
void triage_filter_describe(const struct triage_filter *f, char *buf, size_t len);

#endif
