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

uint64_t
view_generation_of(struct store *s)
{
	return store_generation(s);
}

bool
view_stale(const struct view *v)
{
	return store_generation(v->s) != v->gen;
}

typedef bool (*keep_fn)(const void *obj);

/*
 * A page of records that pass keep: pages of the index are read until limit records pass or
 * the index ends, so that leaving records out never makes a page look like the last one.
 */
static int
page(struct view *v, const struct rec_kind *kind, enum store_db idx, const void *prefix,
    size_t plen, size_t keylen, keep_fn keep, struct rec_cursor *cur, enum rec_page_dir dir,
    size_t limit, struct rec_array *out, struct kz_error *e)
{
	bool back = dir == PAGE_LAST || dir == PAGE_BEFORE;
	struct rec_cursor c = *cur, bounds = *cur;
	size_t start = out->n, sz = kind->desc->size;
	int rc = 0;

	for (bool first = true; rc == 0 && (limit == 0 || out->n - start < limit); first = false) {
		struct rec_array chunk = { 0 };
		size_t want = limit == 0 ? 0 : limit - (out->n - start), kept = 0;

		rc = rec_page(v->t, kind, idx, prefix, plen, keylen, &c, dir, want, &chunk);
		if (rc != 0 || chunk.n == 0) {
			rec_array_free(kind, &chunk);
			break;
		}
		if (first)
			bounds = c;
		else if (back)
			bounds.first = c.first;
		else
			bounds.last = c.last;
		/* Keep the chunk's records that pass, in order; free the others. */
		for (size_t i = 0; i < chunk.n; i++) {
			char *obj = (char *)chunk.items + i * sz;

			if (keep != NULL && !keep(obj)) {
				schema_clear(kind->desc, obj);
				continue;
			}
			memmove((char *)chunk.items + kept * sz, obj, sz);
			kept++;
		}
		/* Older chunks go before what was read so far, newer ones after. */
		for (size_t i = 0; i < kept; i++) {
			void *dst = rec_array_push(kind, out);

			memcpy(dst, (char *)chunk.items + i * sz, sz);
		}
		if (back && kept > 0 && out->n - kept > start) {
			char *items = out->items, *tmp = xmalloc(kept * sz);
			size_t before = out->n - kept - start;

			memcpy(tmp, items + (out->n - kept) * sz, kept * sz);
			memmove(items + (start + kept) * sz, items + start * sz, before * sz);
			memcpy(items + start * sz, tmp, kept * sz);
			free(tmp);
		}
		free(chunk.items);
		if (limit == 0)
			break;	/* rec_page read everything there was */
		dir = back ? PAGE_BEFORE : PAGE_AFTER;
	}
	if (rc != 0) {
		if (e != NULL)
			*e = *store_txn_error(v->t);
		return -1;
	}
	*cur = bounds;
	return 0;
}

int
view_questions(struct view *v, const struct kz_uuid *visit, struct rec_cursor *cur,
    enum rec_page_dir dir, size_t limit, struct rec_array *out, struct kz_error *e)
{
	if (visit != NULL)
		return page(v, &question_kind, DB_QUESTIONS_BY_VISIT, visit->b, 16, 16, NULL, cur,
		    dir, limit, out, e);
	return page(v, &question_kind, DB_QUESTIONS_BY_TIME, NULL, 0, 16, NULL, cur, dir, limit,
	    out, e);
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

static bool
visit_kept(const void *obj)
{
	return !((const struct visit *)obj)->withdrawn;
}

int
view_visits(struct view *v, struct rec_cursor *cur, enum rec_page_dir dir, size_t limit,
    struct rec_array *out, struct kz_error *e)
{
	return page(v, &visit_kind, DB_VISITS_BY_DATE, NULL, 0, 16, visit_kept, cur, dir, limit,
	    out, e);
}
