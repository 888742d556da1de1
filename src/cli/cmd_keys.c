/*
 * The interface from the command line: `kezdesu` on a terminal opens it (ui/ui.h), and
 * `kezdesu keys` lists its bindings or checks a keymap file with the interface's own
 * parser (ui/keymap.h), so that a keymap can be tried before the interface starts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cmd.h"
#include "core/office.h"
#include "ui/action.h"
#include "ui/keymap.h"
#include "ui/ui.h"

int
cli_interface(struct cli *c)
{
	struct ui_options opt = { .keymap = c->keymap, .lang = c->lang };

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return -1;
	if (cli_open(c, 0) != 0)
		return cli_fail(c);
	if (ui_run(c->office, &opt, &c->err) != 0)
		return cli_fail(c);
	return 0;
}

/* kezdesu meet [VISIT-UUID]: the interface, straight into Intake's meeting mode. */
int
cmd_meet(struct cli *c, int argc, char **argv)
{
	struct ui_options opt = { .keymap = c->keymap, .lang = c->lang, .meet = "" };

	if (argc > 2 || (argc == 2 && argv[1][0] == '-'))
		return cmd_table_usage("meet");
	if (argc == 2)
		opt.meet = argv[1];
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fputs("kezdesu: meet: the interface needs a terminal (standard input and output)\n",
		    stderr);
		return EXIT_USAGE;
	}
	if (cli_open(c, 0) != 0)
		return cli_fail(c);
	if (ui_run(c->office, &opt, &c->err) != 0)
		return cli_fail(c);
	return 0;
}

int
cmd_keys(struct cli *c, int argc, char **argv)
{
	struct keymap km;
	struct km_errors errs = { 0 };
	const char *check = NULL;
	char *path;
	bool man = argc == 2 && strcmp(argv[1], "--man-keys") == 0;
	int rc = 0;

	(void)c;
	if (!man && argc == 3 && strcmp(argv[1], "--check") == 0)
		check = argv[2];
	else if (!man && argc != 1)
		return cmd_table_usage("keys");
	action_keymap_defaults(&km);
	if (man) {
		action_print_bindings(stdout, &km, 1);
		keymap_clear(&km);
		return 0;
	}
	/* the bindings the interface would have: the defaults and the user's keymap */
	path = ui_keymap_path(check != NULL ? check : c->keymap);
	if (path != NULL && (check != NULL || c->keymap != NULL || access(path, F_OK) == 0) &&
	    keymap_load_file(&km, path, &errs) != 0) {
		for (size_t i = 0; i < errs.n; i++) {
			out_text_string(stderr, errs.v[i]);
			fputc('\n', stderr);
		}
		rc = EXIT_FAIL;
	} else if (check == NULL)
		action_print_bindings(stdout, &km, 0);
	keymap_errors_free(&errs);
	free(path);
	keymap_clear(&km);
	return rc;
}
