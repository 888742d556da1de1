/*
 * A form over a pane: a small dialog of labelled one-line fields, each a ui/line.h editor
 * (text, a date YYYY-MM-DD, a time HH:MM, a number) or a pick (a choice from a list, yes
 * or no). Tab and BTab move between fields, Enter saves through the caller's callback,
 * Escape leaves without saving (context "form"). The callback calls core; when core
 * refuses, its one line goes on the message line and the form stays open with everything
 * typed, so nothing is lost. The frame (ui.c) owns one form, as it owns the chooser: any
 * pane opens it, the frame draws it inside the focused pane and routes keys to it.
 *
 * The model (fields, keys, checks by kind) needs no terminal and is unit-tested
 * (tests/unit/test_form.c); only form_draw uses curses.
 */
#ifndef KZ_FORM_H
#define KZ_FORM_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "ui/action.h"
#include "ui/key.h"

struct ui;
struct line;

#define FORM_MAX 16		/* fields in one form */
#define FORM_CHOICES_MAX 16	/* items of one choice */

enum form_kind { FORM_TEXT, FORM_DATE, FORM_TIME, FORM_NUMBER, FORM_CHOICE, FORM_YESNO };

struct form_field {
	const char *label;		/* translated */
	enum form_kind kind;
	struct line *line;		/* text, date, time, number: owned */
	const char *items[FORM_CHOICES_MAX];	/* choice: the words (translated) */
	int nitems;
	int choice;			/* choice: the index; yes/no: 1 yes, 0 no */
};

struct form;
/*
 * Enter: saves what the form holds (through core). 0 when saved (the form closes), -1
 * with core's one line in why when refused (the form stays open, as typed), FORM_KEEP
 * when saved and the form stays open for the next one (the callback cleared what it
 * saved and said so: the broadcast's comments, one save each).
 */
#define FORM_KEEP 1
typedef int form_save_fn(struct ui *ui, struct form *f, char *why, size_t len);

struct form {
	bool open;
	char title[160];
	struct form_field fields[FORM_MAX];
	int n, cur;
	form_save_fn *save;
	void *arg;			/* the caller's, freed by free_arg on close */
	void (*free_arg)(void *arg);
};

/* Opens f empty (closing what it held); fields are added after. */
void form_open(struct form *f, const char *title, form_save_fn *save, void *arg,
    void (*free_arg)(void *arg));
/* Closes f and frees its fields and arg; a closed form is fine. */
void form_close(struct form *f);
/*
 * Adds a field of kind text, date, time or number holding initial (NULL: empty), at most
 * max bytes (0: 256). Returns its index, or -1 when the form is full or initial is not
 * one line of UTF-8 text (a bug of the caller's).
 */
int form_add(struct form *f, const char *label, enum form_kind kind, const char *initial,
    size_t max);
/* Adds a choice of n items (cur selected), or a yes/no field. Returns its index or -1. */
int form_add_choice(struct form *f, const char *label, const char *const *items, int n,
    int cur);
int form_add_yesno(struct form *f, const char *label, bool yes);

/* Moves to the next or the previous field, round. */
void form_next(struct form *f);
void form_prev(struct form *f);
/*
 * A key for the current field: a printable character or an editing key (Left, Right,
 * Home, End, Backspace, Delete, C-a, C-e, C-w, C-u, C-k) for a line; Space, Left and
 * Right for a choice (and y, n for yes/no). True when the form took it. *err is the
 * line's refusal (LINE_E*, 0 when none), e.g. a control character or a full field.
 */
bool form_key(struct form *f, key_code k, int *err);
/*
 * The editing keys of one line (the search line uses them too): true when k was one or a
 * printable character, *err the line's refusal (LINE_E*) or 0.
 */
bool form_line_key(struct line *l, key_code k, int *err);
/*
 * An editing action of the editor's (A_ED_LEFT .. A_ED_KILL_END: the keys the user bound
 * in context editor, so that a form's field edits as meeting mode's line does) on the
 * current field: true when it is a line and a is one of them.
 */
bool form_edit(struct form *f, enum action_id a);
/* Pasted text into the current line field (a paste is one line): LINE_OK or LINE_E*. */
int form_paste(struct form *f, const char *s, size_t n);

/*
 * Each field by its kind: a date YYYY-MM-DD, a time HH:MM, a whole number (an empty
 * field is fine: the callback decides what is required). 0, or -1 with "LABEL: reason"
 * in why and the current field moved to the bad one.
 */
int form_check(struct form *f, char *why, size_t len);
/* Field i's text without the spaces at either end, as an owned string; NULL when empty. */
char *form_dup(const struct form *f, int i);
/* Whether field i holds nothing (spaces only). */
bool form_empty(const struct form *f, int i);
/* Field i as a date (DATE_NONE when empty), a number (0 when empty): 0, or -1 when bad. */
int form_date(const struct form *f, int i, kz_date *d);
int form_number(const struct form *f, int i, int64_t *v);
/* A choice's index; yes/no: 1 yes, 0 no. */
int form_choice(const struct form *f, int i);

/* The form's actions (next, previous, save, cancel): true when it was one of them. */
bool form_action(struct form *f, struct ui *ui, enum action_id a);
/* Draws f into w (the pane's window); keeps the current field visible when w is short. */
void form_draw(struct form *f, WINDOW *w);

#endif
