/*
 * Key bindings by context, and the language they are written in (as tmux's key tables):
 *
 *   bind CONTEXT KEY ACTION     KEY does ACTION in CONTEXT
 *   unbind CONTEXT KEY          KEY does nothing of its own in CONTEXT any more
 *   source FILE                 reads FILE (relative to this file's directory; ~/ is
 *                               $HOME); a bare name of a built-in keymap ("vi") reads it
 *   # ...                       a comment (also after a line's words)
 *
 * Contexts chain: a pane's (visits, intake, triage, sync, help) or a chooser's (choose), then
 * list, then global; the editor's or a form's, then global. A key is looked up along the chain, the first binding wins.
 * The default bindings (keymaps/default.keymap, compiled in) are read by this same parser.
 * Errors are "FILE:LINE: reason"; a file with an error is applied not at all. No curses.
 */
#ifndef KZ_KEYMAP_H
#define KZ_KEYMAP_H

#include <stdbool.h>
#include <stddef.h>

#include "ui/key.h"

enum km_context {
	KM_GLOBAL,
	KM_LIST,
	KM_VISITS,
	KM_INTAKE,
	KM_TRIAGE,
	KM_HELP,
	KM_EDITOR,
	KM_CHOOSE,	/* a chooser over a pane (ui/choose.h) */
	KM_FORM,	/* a form over a pane (ui/form.h): its fields take the text */
	KM_SYNC,	/* the Sync screen (ui/pane_sync.c) */
	KM_CONTEXT_COUNT
};
extern const char *const km_context_names[KM_CONTEXT_COUNT];
/* The context after ctx in its chain, or -1 after global. */
int keymap_parent(enum km_context ctx);
/* Whether want is ctx or comes after it in ctx's chain. */
bool keymap_in_chain(enum km_context ctx, enum km_context want);

/*
 * What the keymap knows of actions (the interface's action table): the number of the
 * action named name and the context it belongs to, or -1 when there is none.
 */
typedef int keymap_find_fn(void *arg, const char *name, enum km_context *ctx);

struct km_binding {
	enum km_context ctx;
	key_code key;
	int action;
};

struct keymap {
	struct km_binding *v;	/* owned; in the order bound */
	size_t n, cap;
	keymap_find_fn *find;
	void *find_arg;
};

/* Errors of a load: each "FILE:LINE: reason", owned. */
struct km_errors {
	char **v;
	size_t n;
};
void keymap_errors_free(struct km_errors *e);

void keymap_init(struct keymap *km, keymap_find_fn *find, void *arg);
void keymap_clear(struct keymap *km);
/* A copy of src into dst (initialised here). */
void keymap_copy(struct keymap *dst, const struct keymap *src);

/*
 * The built-in keymaps compiled from keymaps/NAME.keymap: the text of name ("default",
 * "vi"), or NULL.
 */
const char *keymap_builtin(const char *name);
/* The names of the built-in keymaps, NULL-terminated. */
extern const char *const keymap_builtin_names[];

/*
 * Reads text (named name in messages) into km: on any error km is left as it was and the
 * errors are appended to errs; returns their number (0: applied).
 */
int keymap_load_string(struct keymap *km, const char *name, const char *text,
    struct km_errors *errs);
/* The same for a file, or a built-in keymap's bare name. */
int keymap_load_file(struct keymap *km, const char *path, struct km_errors *errs);

/* The action bound to key in ctx or the contexts after it, or -1. */
int keymap_lookup(const struct keymap *km, enum km_context ctx, key_code key);
/* The binding of key in exactly ctx, or NULL. */
const struct km_binding *keymap_find(const struct keymap *km, enum km_context ctx,
    key_code key);

#endif
