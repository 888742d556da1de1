/*
 * The interface (issue 8): kezdesu's full-screen program on ncursesw. Its entry points
 * need no curses, so that cli/ can start it and main() decide when.
 */
#ifndef KZ_UI_H
#define KZ_UI_H

#include <stdbool.h>

#include "core/unit_names.h"
#include "util/log.h"

struct office;

struct ui_options {
	const char *keymap;	/* --keymap FILE (a built-in's name too), else the user's
				 * $XDG_CONFIG_HOME/kezdesu/keymap when it exists */
	enum lang lang;		/* of unit names */
	/*
	 * `kezdesu meet [VISIT-UUID]`: open straight into meeting mode, on this meeting
	 * ("": today's of the office, else the Visits list around today to choose from).
	 */
	const char *meet;
};

/*
 * Runs the interface on an open office until the user quits: 0, or 1 with e set when the
 * terminal cannot be used.
 */
int ui_run(struct office *o, const struct ui_options *opt, struct kz_error *e);
/* The user's keymap file: --keymap's, else the XDG one; owned by the caller. */
char *ui_keymap_path(const char *given);

#endif
