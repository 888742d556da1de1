/*
 * Every action of the interface, one row each (STYLE.md, "The interface"): its kebab-case
 * name, the context it belongs to, one line of help and flags. Keymaps name actions; help,
 * the hint line, `kezdesu keys` and the man page's KEYS are generated from the rows and
 * the bindings. No curses here.
 *
 * To add an action: a name in enum action_id, its row in action.c, its default key in
 * keymaps/default.keymap and, when its context is a pane's, its case in that pane's
 * action handler.
 */
#ifndef KZ_ACTION_H
#define KZ_ACTION_H

#include <stdio.h>

#include "ui/keymap.h"

enum action_id {
	/* global */
	A_HELP, A_PANE_VISITS, A_PANE_INTAKE, A_PANE_TRIAGE, A_NEXT_PANE, A_PREV_PANE,
	A_PANE_OBLIGATIONS,	/* Obligations */
	A_QUIT, A_REDRAW,
	/* list */
	A_UP, A_DOWN, A_PAGE_UP, A_PAGE_DOWN, A_FIRST, A_LAST, A_OPEN,
	/* visits */
	A_YEAR_VIEW, A_VISIT_CANCEL, A_VISIT_ANNOUNCE, A_VISIT_ADD, A_VISIT_EDIT, A_VISIT_MOVE,
	A_VISIT_HELD, A_VISIT_ATTENDANCE, A_VISIT_RECEPTION, A_VISIT_POOL, A_VISIT_COMMENTS,
	/* Triage */
	A_TRIAGE_SEARCH, A_TRIAGE_BACK, A_TRIAGE_MARK, A_TRIAGE_NEW_ISSUE, A_TRIAGE_ADD_TO,
	A_TRIAGE_EDIT, A_TRIAGE_STATUS, A_TRIAGE_ESCALATE, A_TRIAGE_FILTER, A_TRIAGE_STEP,
	A_TRIAGE_STEP_DONE, A_TRIAGE_PROGRESS,
	/* help */
	A_CLOSE_HELP,
	/* choose */
	A_CHOOSE_MARK, A_CHOOSE_ACCEPT, A_CHOOSE_CANCEL,
	/* Intake: meeting mode's editor (context editor) */
	A_ED_LEFT, A_ED_RIGHT, A_ED_WORD_LEFT, A_ED_WORD_RIGHT, A_ED_HOME, A_ED_END,
	A_ED_BACKSPACE, A_ED_DELETE, A_ED_KILL_WORD_BACK, A_ED_KILL_WORD, A_ED_KILL_START,
	A_ED_KILL_END, A_ED_CANCEL,
	A_Q_SAVE, A_Q_UNDO, A_Q_POOL, A_Q_RECEPTION, A_Q_ASKER_FORM, A_MEET_CLOCK,
	A_TOPIC_1, A_TOPIC_2, A_TOPIC_3, A_TOPIC_4,
	A_ASKER_1, A_ASKER_2, A_ASKER_3, A_ASKER_4, A_ASKER_5, A_ASKER_6, A_ASKER_7,
	A_ASKER_8, A_ASKER_9,
	/* form */
	A_FORM_NEXT, A_FORM_PREV, A_FORM_SAVE, A_FORM_CANCEL,
	/* publications (issue 9): ui/report_key.c */
	A_VISIT_REPORT, A_TRIAGE_REPORT,
	A_COUNT
};

#define ACT_WRITES 0x1	/* saves something: refused with --read-only */
#define ACT_HINT 0x2	/* shown on the key-hint line */

struct action {
	const char *name;
	/*
	 * N_(): a word or two for the key-hint line and help ("search"); "key|WORD" where WORD
	 * alone means something else elsewhere (action_label drops the prefix in English)
	 */
	const char *label;
	enum km_context context;
	const char *help;	/* N_(): translated where shown */
	unsigned flags;
};

extern const struct action action_table[A_COUNT];

/* Action a's label in the user's language (its name when the row has none). */
const char *action_label(int a);

/* keymap_find_fn over action_table. */
int action_keymap_find(void *arg, const char *name, enum km_context *ctx);
/* The built-in keymap ("default") read into km; errors there are a bug (fatal). */
void action_keymap_defaults(struct keymap *km);
/*
 * Prints the bindings of km reachable in each context, one a line, "CONTEXT KEY ACTION
 * HELP" separated by tabs (`kezdesu keys`), or as man page lines (man != 0).
 */
void action_print_bindings(FILE *f, const struct keymap *km, int man);

#endif
