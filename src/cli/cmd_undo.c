/* kezdesu undo: takes back your last change in this store. */
#include <stdio.h>

#include "cli/cmd.h"
#include "core/undo.h"
#include "util/i18n.h"

int
cmd_undo(struct cli *c, int argc, char **argv)
{
	struct undo_result r;

	(void)argv;
	if (argc != 1)
		return cmd_table_usage("undo");
	if (cli_open(c, 0) != 0 || undo_last(c->store, &r, &c->err) != 0)
		return cli_fail(c);
	fputs(_("undone: "), stdout);
	out_text_string(stdout, r.kind);
	printf(" %s", r.key);
	if (r.withdrew)
		fputs(_(" added: now withdrawn"), stdout);
	else {
		fputs(": ", stdout);
		out_text_string(stdout, r.fields[0] != '\0' ? r.fields : "(no field)");
		fputs(_(" restored"), stdout);
	}
	putchar('\n');
	return 0;
}
