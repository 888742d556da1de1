#include "core/view.h"

#include <stdlib.h>
#include <string.h>

#include "core/issue.h"
#include "core/question.h"
#include "core/visit.h"
#include "util/xmalloc.h"

struct view {
	struct store *s;
	struct store_txn *t;
	uint64_t gen;
};

int
view_open(struct store *s, struct view **vp, struct kz_error *e)
{
	struct view *v = xcalloc(1, sizeof *v);

	*vp = NULL;
	v->s = s;
	/* The generation first: a commit between the two makes the view look stale, not new. */
	v->gen = store_generation(s);
	if (store_snapshot_begin(s, &v->t, e) != 0) {
		free(v);
		return -1;
	}
	*vp = v;
	return 0;
}

void
view_close(struct view **vp)
{
	if (*vp == NULL)
		return;
	store_snapshot_end(&(*vp)->t);
	free(*vp);
	*vp = NULL;
}

void
view_release_pages(struct view *v)
{
	store_release_pages(v->s);
}

bool
view_stale(const struct view *v)
{
	return store_generation(v->s) != v->gen;
}

/* A page through the view's snapshot; the error is the caller's. */
static int
page(struct view *v, const struct rec_kind *kind, enum store_db idx, const void *prefix,
    size_t plen, size_t keylen, rec_keep_fn keep, struct rec_cursor *cur, enum rec_page_dir dir,
    size_t limit, struct rec_array *out, struct kz_error *e)
{
	if (rec_page_kept(v->t, kind, idx, prefix, plen, keylen, keep, cur, dir, limit, out) == 0)
		return 0;
	if (e != NULL)
		*e = *store_txn_error(v->t);
	return -1;
}

int
view_questions(struct view *v, const struct kz_uuid *visit, struct rec_cursor *cur,
    enum rec_page_dir dir, size_t limit, struct rec_array *out, struct kz_error *e)
{
	if (visit != NULL)
		return page(v, &question_kind, DB_QUESTIONS_BY_VISIT, visit->b, 16, 16, NULL, cur,
		    dir, limit, out, e);
	return page(v, &question_kind, DB_QUESTIONS, NULL, 0, 16, question_listed, cur, dir,
	    limit, out, e);
}

static bool
issue_kept(const void *obj)
{
	return !((const struct issue *)obj)->withdrawn;
}

int
view_issues(struct view *v, int status, struct rec_cursor *cur, enum rec_page_dir dir,
    size_t limit, struct rec_array *out, struct kz_error *e)
{
	uint8_t st = (uint8_t)status;

	if (status >= 0)
		return page(v, &issue_kind, DB_ISSUES_BY_STATUS, &st, 1, 16, NULL, cur, dir, limit,
		    out, e);
	/* Issue ids are time-ordered: the records themselves are the order they were made. */
	return page(v, &issue_kind, DB_ISSUES, NULL, 0, 16, issue_kept, cur, dir, limit, out, e);
}

int
view_issue(struct view *v, const struct kz_uuid *id, struct issue *i, struct kz_error *e)
{
	if (issue_get_tx(v->t, id, i) == 0)
		return 0;
	if (e != NULL)
		*e = *store_txn_error(v->t);
	return -1;
}

int
view_visits(struct view *v, struct rec_cursor *cur, enum rec_page_dir dir, size_t limit,
    struct rec_array *out, struct kz_error *e)
{
	/* Withdrawn meetings are in no index: the index by date holds only those listed. */
	return page(v, &visit_kind, DB_VISITS_BY_DATE, NULL, 0, 16, NULL, cur, dir, limit, out,
	    e);
}
