/* The chooser (choose.h): marks in words ([x] and [ ]), never only in colour. */
#include "ui/choose.h"

#include <stdio.h>
#include <string.h>

#include "ui/pane.h"
#include "util/i18n.h"

void
choose_open(struct chooser *c, const char *title, const char *const *items, int n,
    bool multi, void (*accept)(struct ui *ui, struct chooser *c))
{
	memset(c, 0, sizeof *c);
	c->open = true;
	c->title = title;
	c->n = n < CHOOSE_MAX ? n : CHOOSE_MAX;
	for (int i = 0; i < c->n; i++)
		c->items[i] = items[i];
	c->multi = multi;
	c->accept = accept;
}

void
choose_draw(const struct chooser *c, WINDOW *w)
{
	int rows, cols, y = 0;
	char line[256];

	getmaxyx(w, rows, cols);
	werase(w);
	ui_put(w, y++, 0, cols, c->title, A_BOLD);
	ui_put(w, y++, 0, cols, c->multi ? _("Space marks, Enter saves, Escape leaves") :
	    _("Enter chooses, Escape leaves"), A_NORMAL);
	for (int i = 0; i < c->n && y < rows; i++, y++) {
		snprintf(line, sizeof line, "%s %s", c->multi ? (c->marked[i] ? "[x]" : "[ ]") :
		    (i == c->cur ? ">" : " "), c->items[i]);
		ui_put(w, y, 0, cols, line, i == c->cur ? A_REVERSE : A_NORMAL);
	}
}

bool
choose_action(struct chooser *c, struct ui *ui, enum action_id a)
{
	switch (a) {
	case A_UP:
		c->cur = c->cur > 0 ? c->cur - 1 : c->n - 1;
		return true;
	case A_DOWN:
		c->cur = c->cur + 1 < c->n ? c->cur + 1 : 0;
		return true;
	case A_FIRST:
	case A_PAGE_UP:
		c->cur = 0;
		return true;
	case A_LAST:
	case A_PAGE_DOWN:
		c->cur = c->n - 1;
		return true;
	case A_CHOOSE_MARK:
		if (c->multi)
			c->marked[c->cur] = !c->marked[c->cur];
		return true;
	case A_OPEN:
	case A_CHOOSE_ACCEPT:
		if (!c->multi)
			c->marked[c->cur] = true;
		c->open = false;
		c->accept(ui, c);
		return true;
	case A_CHOOSE_CANCEL:
		c->open = false;
		ui_message(ui, false, _("left: nothing saved"));
		return true;
	default:
		return false;
	}
}
