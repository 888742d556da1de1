/*
 * What the frame (ui.c) and the panes (pane_*.c) share: a pane is a struct of function
 * pointers and a dirty flag (htop's Panel, tmux's window modes): its handlers change its
 * state and mark it dirty, and the main loop draws what is dirty once per turn. Drawing
 * reads what the last refresh loaded and never writes to the store.
 */
#ifndef KZ_PANE_H
#define KZ_PANE_H

#include <curses.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/record.h"
#include "core/rules.h"
#include "core/unit_names.h"
#include "ui/action.h"
#include "ui/choose.h"
#include "ui/form.h"
#include "ui/keymap.h"
#include "util/uid.h"

struct ui;
struct pane;
struct view;

struct pane_ops {
	const char *title;		/* N_() */
	enum km_context context;
	/* Draws the pane into w (its whole size); reads, never writes. */
	void (*draw)(struct pane *p, struct ui *ui, WINDOW *w);
	/*
	 * Optional: redraws only the parts of the pane its handlers marked in p->part (a
	 * typed character: the editor's line), into the same w as draw, which still holds
	 * the rest as it was drawn; each part clears its own lines first.
	 */
	void (*draw_part)(struct pane *p, struct ui *ui, WINDOW *w);
	/* An action of the pane's context chain: true when the pane did it. */
	bool (*action)(struct pane *p, struct ui *ui, enum action_id a);
	/* The store changed (another process, or this one), or the pane's size: reload. */
	void (*reload)(struct pane *p, struct ui *ui);
	/* Pasted text (bracketed paste), as one string; NULL: the pane takes no text. */
	void (*paste)(struct pane *p, struct ui *ui, const char *text);
	/*
	 * Optional, for panes with an editor (the second wave's Intake): a key before the
	 * bindings are looked up, true when the pane took it (a printable key typed into the
	 * editor, so that q types q and does not quit); and the context the pane is in now
	 * (editor or its own), when it changes.
	 */
	bool (*key)(struct pane *p, struct ui *ui, key_code k);
	enum km_context (*context_now)(const struct pane *p);
	/*
	 * Optional: called once every turn of the main loop (after a key, or the input
	 * timeout): the pane's timers (Intake's clock and draft); true marks it dirty.
	 */
	bool (*turn)(struct pane *p, struct ui *ui);
	void (*free)(struct pane *p);
};

struct pane {
	const struct pane_ops *ops;
	bool dirty;			/* all of it is drawn again */
	/*
	 * Only these parts (bits the pane defines) are drawn again, by draw_part: a handler
	 * that sets them keeps the frame from redrawing the whole pane (ui.c).
	 */
	unsigned part;
	/*
	 * Reloaded the next time it is shown: a commit it may show changed while it was
	 * hidden (the frame reloads only the panes on the screen).
	 */
	bool stale;
	int rows;			/* the height it was last drawn or loaded at */
	/* the frame's windows for it, kept between frames (NULL until first drawn) */
	WINDOW *win, *body;
	void *data;			/* the pane's own, owned */
};

enum { PANE_VISITS, PANE_INTAKE, PANE_TRIAGE, PANE_OBLIGATIONS, PANE_SYNC, PANE_COUNT };

struct ui_unit_name;

/* What every pane can reach: the office, names, the selected meeting, the message line. */
struct ui {
	struct office *office;
	struct store *store;		/* office_store(): for core's functions, opaque here */
	/*
	 * The names of the units shown so far, by code (ui_unit_name reads each once), in the
	 * language enum lang: not every unit under the office at the start (a Government
	 * store names 15,000: most of the first frame's time).
	 */
	struct ui_unit_name *names;
	size_t nnames;
	enum lang lang;
	char unit[10];			/* the office's own unit */
	struct keymap keymap;
	struct pane panes[PANE_COUNT];
	int focus;			/* PANE_* */
	int other;			/* the pane beside Visits when wide */
	bool help;			/* the help screen is over the focused pane */
	struct chooser choose;		/* a chooser over the focused pane, when open */
	struct form form;		/* a form over the focused pane, when open (form.h) */
	int help_top;
	bool quit;
	bool color;
	bool read_only;
	uint64_t generation;		/* office_generation() the panes were loaded at */
	kz_date today;
	int due, overdue;		/* obligations (compliance_due); -1 before the first count */
	/*
	 * The status line's sync state (issue 10): when this office last made a bundle for
	 * the peer above (peer sent_ms, the latest of them; 0: never), read at each reload;
	 * sync_up is -1 with no peer at all, 0 with none above (the Government), 1 with one.
	 */
	int sync_up;
	int64_t sent_up_ms;
	bool due_stale;			/* a commit since: counted again when no key waits */
	int64_t due_quiet_ms;		/* a key stopped the count: not again before then */
	struct rules_findings findings;	/* of compliance_due_count: marks on the visits */
	struct kz_uuid *finding_visit;	/* the visit of each finding (nil: none) */
	struct kz_uuid visit;		/* the selected meeting (nil: none) */
	char msg[512];			/* the message line */
	bool msg_error;
	/* the terminal's cursor: where the pane cursor_pane drew its editor's (-1: hidden) */
	int cursor_y, cursor_x, cursor_pane;
	bool all_dirty;			/* everything: status, hint, message lines and panes */
	bool msg_dirty;			/* the message line alone */
	int64_t progress_ms;		/* ui_progress's last drawing (monotonic ms) */
	/* a yes/no question waiting for its key */
	const char *confirm_what;
	void (*confirm_fn)(struct ui *ui);
};

/* Says "saving..." on the message line at once, before a write that may wait (ui.c). */
void ui_saving(struct ui *ui);
/*
 * A write of this process told to the frame, so that it reloads only what the write
 * changed instead of every pane: ui_write_begin before the write (its result is the
 * generation then), ui_write_done after it with that number, the panes (1 << PANE_*) to
 * reload when next shown, and whether the obligations may have changed (the status
 * line's count). The pane that wrote shows its change itself. When another process
 * committed too (the generation moved by more than this write's one commit), nothing is
 * spared: every pane is reloaded, as for any other process's commit.
 */
uint64_t ui_write_begin(struct ui *ui);
void ui_write_done(struct ui *ui, uint64_t before, unsigned stale, bool due);
/* The message line (printf-like); error lines are marked, not only coloured. */
void ui_message(struct ui *ui, bool error, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Asks "WHAT (y/n)"; y runs fn. */
void ui_confirm(struct ui *ui, const char *what, void (*fn)(struct ui *ui));
/* The line editor's refusal (LINE_E*) in words, for the message line. */
const char *ui_line_error(int err);
/* A unit's name in the interface's language, or its code when it has none. */
const char *ui_unit_name(struct ui *ui, const char *code);
/*
 * Writes s at (y, x) of w in at most width columns: sanitised (core/text.h's display
 * escapes, so a control character or a bidi override shows as \uXXXX), clipped by
 * display width (wcwidth; -1 counts as one column and is shown as '?'). Returns the
 * columns written.
 */
int ui_put(WINDOW *w, int y, int x, int width, const char *s, attr_t attr);
/* The marks of the meeting id (P-4, A-3, M-1: near, past or breached) into buf, words. */
void ui_visit_marks(const struct ui *ui, const struct kz_uuid *id, char *buf, size_t len);
/* The status line's sync state in words: "sent up: never", "sent up: today 11:00" ... */
void ui_sync_state(const struct ui *ui, char *buf, size_t len);
/*
 * A long export or import's progress (sync/export.h's callback): a bar on the message line
 * ("WHAT [#####.....] 50% (DONE/TOTAL)"), drawn at most every 100 ms; a resize meanwhile is
 * followed at once (the panes drawn from what they hold: nothing is read while the bundle's
 * transaction runs), and the panes are read again by the loop's next turn.
 */
void ui_progress(struct ui *ui, const char *what, uint64_t done, uint64_t total);
/* Moves the focus to pane (PANE_*). */
void ui_show(struct ui *ui, int pane);
/* Opens a snapshot for a page; NULL with a message on the message line. */
struct view *ui_view(struct ui *ui);

/* The panes' operations (pane_*.c). */
extern const struct pane_ops pane_visits_ops;
extern const struct pane_ops pane_intake_ops;
extern const struct pane_ops pane_triage_ops;
extern const struct pane_ops pane_obligations_ops;
extern const struct pane_ops pane_sync_ops;
/* Shows the Visits year view of year (the Obligations view's Enter on a year's rule). */
void visits_show_year(struct ui *ui, int year);
/* Shows Visits with the meeting id (of day) selected. */
void visits_show_visit(struct ui *ui, const struct kz_uuid *id, kz_date day);
/* Shows Triage with the issue id opened (the Obligations view's Enter). */
void triage_show_issue(struct ui *ui, const struct kz_uuid *id);

/*
 * A pane's page of records through core/view.h (list.c): never the whole list loaded,
 * the page as tall as the pane. The loader reads one page in direction dir.
 */
typedef int list_page_fn(struct ui *ui, struct view *v, struct rec_cursor *cur,
    enum rec_page_dir dir, size_t limit, struct rec_array *out);
struct list {
	const struct rec_kind *kind;
	list_page_fn *page;
	struct rec_array items;	/* the page shown */
	struct rec_cursor cur;
	int sel;		/* index in items, or -1 */
};
void list_init(struct list *l, const struct rec_kind *kind, list_page_fn *page);
void list_free(struct list *l);
/* Loads the page in dir (limit rows); an empty page in a direction keeps the old one. */
bool list_load(struct list *l, struct ui *ui, enum rec_page_dir dir, size_t limit);
/*
 * Whether there is a record beyond the page in dir (PAGE_BEFORE or PAGE_AFTER): one
 * record read, the page kept.
 */
bool list_more(struct list *l, struct ui *ui, enum rec_page_dir dir);
/* The list actions (up, down, pages, first, last); true when handled. */
bool list_action(struct list *l, struct ui *ui, enum action_id a, size_t limit);
/* The selected record, or NULL. */
void *list_selected(struct list *l);

#endif
