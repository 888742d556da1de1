/*
 * Read views for screens: several lists read from one snapshot of the store, pages that
 * step backwards and forwards from where the last one ended without loading every match,
 * and whether another process has committed since (view_stale; office_generation gives the
 * number itself), for the cost of one call and no transaction.
 */
#ifndef KZ_VIEW_H
#define KZ_VIEW_H

#include <stdbool.h>
#include <stdint.h>

#include "core/date.h"
#include "core/record.h"
#include "util/log.h"
#include "util/uid.h"

struct view;

/* A snapshot of s: every read through the view sees the state it was opened at. */
int view_open(struct store *s, struct view **v, struct kz_error *e);
void view_close(struct view **v);
/*
 * Lets go of the store's pages read so far, so that a listing of the whole store keeps a
 * small resident set; they are read again when needed.
 */
void view_release_pages(struct view *v);
/* Whether the store has moved on since the view was opened (time to reopen and redraw). */
bool view_stale(const struct view *v);

/*
 * Pages (record.h: PAGE_LAST the newest, PAGE_BEFORE the page before *cur, PAGE_AFTER the
 * one after, PAGE_FIRST the oldest), each in time order, oldest first; *cur follows.
 * Questions of one visit (visit NULL: all questions by the time asked); withdrawn ones are
 * not in the indexes and so not in the pages.
 */
int view_questions(struct view *v, const struct kz_uuid *visit, struct rec_cursor *cur,
    enum rec_page_dir dir, size_t limit, struct rec_array *out, struct kz_error *e);
/* Issues of one status (-1: all), in the order they were made. */
int view_issues(struct view *v, int status, struct rec_cursor *cur, enum rec_page_dir dir,
    size_t limit, struct rec_array *out, struct kz_error *e);
/*
 * One issue by id through the view's snapshot, into *i (issue_free it). A report that reads
 * issues in its own order (report quarterly) gets them one at a time, not all at once.
 */
struct issue;
int view_issue(struct view *v, const struct kz_uuid *id, struct issue *i, struct kz_error *e);
/* Visits by date, from the day from (DATE_NONE: all). */
int view_visits(struct view *v, struct rec_cursor *cur, enum rec_page_dir dir, size_t limit,
    struct rec_array *out, struct kz_error *e);

#endif
