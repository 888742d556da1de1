/*
 * A pane's list: one page of records at a time through core/view.h, as tall as the
 * pane, so that a store of a million questions costs a page, not the store.
 */
#include <string.h>

#include "core/schema.h"
#include "core/view.h"
#include "ui/pane.h"

void
list_init(struct list *l, const struct rec_kind *kind, list_page_fn *page)
{
	memset(l, 0, sizeof *l);
	l->kind = kind;
	l->page = page;
	l->sel = -1;
}

void
list_free(struct list *l)
{
	rec_array_free(l->kind, &l->items);
	l->sel = -1;
}

void *
list_selected(struct list *l)
{
	if (l->sel < 0 || (size_t)l->sel >= l->items.n)
		return NULL;
	return (char *)l->items.items + (size_t)l->sel * l->kind->desc->size;
}

bool
list_load(struct list *l, struct ui *ui, enum rec_page_dir dir, size_t limit)
{
	struct rec_array page = { 0 };
	struct rec_cursor cur = l->cur;
	struct view *v;

	if (limit == 0)
		limit = 1;
	if ((dir == PAGE_BEFORE || dir == PAGE_AFTER) && !cur.valid)
		return false;
	if ((v = ui_view(ui)) == NULL)
		return false;
	if (l->page(ui, v, &cur, dir, limit, &page) != 0) {
		view_close(&v);
		return false;
	}
	view_close(&v);
	if (page.n == 0 && (dir == PAGE_BEFORE || dir == PAGE_AFTER)) {
		rec_array_free(l->kind, &page);
		return false;
	}
	rec_array_free(l->kind, &l->items);
	l->items = page;
	l->cur = cur;
	if (l->sel >= (int)l->items.n)
		l->sel = (int)l->items.n - 1;
	if (l->sel < 0 && l->items.n > 0)
		l->sel = 0;
	return true;
}

bool
list_more(struct list *l, struct ui *ui, enum rec_page_dir dir)
{
	struct rec_array page = { 0 };
	struct rec_cursor cur = l->cur;
	struct view *v;
	bool more;

	if (!cur.valid || (v = ui_view(ui)) == NULL)
		return false;
	more = l->page(ui, v, &cur, dir, 1, &page) == 0 && page.n > 0;
	view_close(&v);
	rec_array_free(l->kind, &page);
	return more;
}

bool
list_action(struct list *l, struct ui *ui, enum action_id a, size_t limit)
{
	switch (a) {
	case A_UP:
		if (l->sel > 0)
			l->sel--;
		else if (list_load(l, ui, PAGE_BEFORE, limit))
			l->sel = (int)l->items.n - 1;
		return true;
	case A_DOWN:
		if (l->sel + 1 < (int)l->items.n)
			l->sel++;
		else if (list_load(l, ui, PAGE_AFTER, limit))
			l->sel = 0;
		return true;
	case A_PAGE_UP:
		if (!list_load(l, ui, PAGE_BEFORE, limit))
			l->sel = 0;
		return true;
	case A_PAGE_DOWN:
		if (!list_load(l, ui, PAGE_AFTER, limit))
			l->sel = (int)l->items.n - 1;
		return true;
	case A_FIRST:
		list_load(l, ui, PAGE_FIRST, limit);
		l->sel = l->items.n > 0 ? 0 : -1;
		return true;
	case A_LAST:
		list_load(l, ui, PAGE_LAST, limit);
		l->sel = (int)l->items.n - 1;
		return true;
	default:
		return false;
	}
}
