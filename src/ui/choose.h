/*
 * A chooser over a pane: a short list of named items, one or several marked, moved with
 * the list keys, Space to mark, Enter to accept, Escape to leave (context "choose"). No
 * text is typed, so it needs no editor: the announcement's channels (P-3) use it.
 */
#ifndef KZ_CHOOSE_H
#define KZ_CHOOSE_H

#include <curses.h>
#include <stdbool.h>

#include "ui/action.h"

struct ui;

#define CHOOSE_MAX 16

struct chooser {
	bool open;
	const char *title;		/* shown above the items (translated) */
	const char *items[CHOOSE_MAX];	/* their words (translated) */
	bool marked[CHOOSE_MAX];
	int n, cur;
	bool multi;			/* several may be marked; else Enter takes the current */
	/* Enter: the marks are in c; the chooser closes after it */
	void (*accept)(struct ui *ui, struct chooser *c);
};

/* Opens c with n items, none marked. */
void choose_open(struct chooser *c, const char *title, const char *const *items, int n,
    bool multi, void (*accept)(struct ui *ui, struct chooser *c));
void choose_draw(const struct chooser *c, WINDOW *w);
/* An action while c is open: true when it was the chooser's (all list moves are). */
bool choose_action(struct chooser *c, struct ui *ui, enum action_id a);

#endif
