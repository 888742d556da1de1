/* What the subcommands share: the context, the store opener and argument helpers. */
#ifndef KZ_CMD_H
#define KZ_CMD_H

#include <stdbool.h>
#include <stdio.h>

#include "cli/out.h"
#include "core/date.h"
#include "core/unit_names.h"
#include "util/log.h"
#include "util/uid.h"

struct office;
struct store;

struct cli {
	const char *db;		/* --db, KEZDESU_DB or the XDG default; owned by db_buf */
	char *db_buf;
	bool read_only;
	const char *keymap;	/* --keymap FILE (the interface), or NULL */
	enum lang lang;		/* of unit names: --lang, else the locale's (cli_main) */
	char cmd[64];		/* the command's first words, for a message that lacks them */
	struct office *office;	/* opened by cli_open */
	struct store *store;	/* office_store(office), for core's functions; opaque here */
	struct kz_error err;
	struct unit_names names;	/* the office's units, loaded when a code is first shown */
	bool names_loaded;
};

/* Exit statuses: 0 done, 1 the work failed (message on stderr), 2 bad usage. */
#define EXIT_FAIL 1
#define EXIT_USAGE 2

/* Opens the office (flags: OFFICE_CREATE) unless it is open; -1 with c->err set. */
int cli_open(struct cli *c, int flags);
/* The names of the office's units, read once per command when first needed. */
const struct unit_names *cli_names(struct cli *c);
void cli_close(struct cli *c);
/* Prints "kezdesu: MSG" for c->err and returns EXIT_FAIL. */
int cli_fail(struct cli *c);
/* Prints "kezdesu: CMD: ..." and returns EXIT_USAGE. */
int cli_usage(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

struct option;
/*
 * getopt_long for a subcommand (options may follow operands; "--" ends them). Returns the
 * option's value, -1 at the end, or '?' after printing "kezdesu: CMD: ..." for an unknown
 * option or a missing value.
 */
int cli_getopt(const char *cmd, int argc, char **argv, const struct option *opts);

/* Argument parsers: on bad input they print what and where and return -1. */
int arg_date(const char *cmd, const char *opt, const char *s, kz_date *d);
int arg_uuid(const char *cmd, const char *what, const char *s, struct kz_uuid *u);
int arg_int(const char *cmd, const char *opt, const char *s, long min, long max, long *v);
int arg_enum(const char *cmd, const char *opt, const char *s, const char *const *names, int n,
    int *v);
int arg_format(const char *cmd, const char *s, enum out_format *f);
struct rec_kind;
/*
 * Clears the field --clear named on obj: a field name as `show` prints it, or an option's
 * spelling ("receptions-end", "published" for published_on). 0, or -1 with e set.
 */
int arg_clear(const struct rec_kind *kind, void *obj, const char *name, struct kz_error *e);

struct question;
/*
 * Adds one question a line from stdin with add(c, q, arg), q's other fields kept from the
 * options: each line committed before "saved UUID" is printed and flushed, so whatever was
 * reported saved survives a crash right after. A bad line ("stdin:N: ...") is refused and
 * the rest go on; a failing store stops. 0, or EXIT_FAIL when some line was not saved.
 */
int cli_add_lines(struct cli *c, struct question *q,
    int (*add)(struct cli *c, struct question *q, const void *arg), const void *arg);

int cmd_init(struct cli *c, int argc, char **argv);
int cmd_official(struct cli *c, int argc, char **argv);
int cmd_units(struct cli *c, int argc, char **argv);
int cmd_visit(struct cli *c, int argc, char **argv);
int cmd_question(struct cli *c, int argc, char **argv);
int cmd_reception(struct cli *c, int argc, char **argv);
int cmd_commission(struct cli *c, int argc, char **argv);	/* P-1 */
int cmd_request(struct cli *c, int argc, char **argv);		/* P-2 */
int cmd_issue(struct cli *c, int argc, char **argv);
int cmd_search(struct cli *c, int argc, char **argv);
int cmd_financing(struct cli *c, int argc, char **argv);	/* */
int cmd_central(struct cli *c, int argc, char **argv);	/* G-3 */
int cmd_report(struct cli *c, int argc, char **argv);	/* publications */
int cmd_plan(struct cli *c, int argc, char **argv);
int cmd_check(struct cli *c, int argc, char **argv);
int cmd_due(struct cli *c, int argc, char **argv);
int cmd_calendar(struct cli *c, int argc, char **argv);
int cmd_holiday(struct cli *c, int argc, char **argv);
int cmd_dump(struct cli *c, int argc, char **argv);
int cmd_export_open(struct cli *c, int argc, char **argv);	/* issue 9: open data */
int cmd_migrate(struct cli *c, int argc, char **argv);
int cmd_conflicts(struct cli *c, int argc, char **argv);
int cmd_identity(struct cli *c, int argc, char **argv);	/* issue 10: sync */
int cmd_peer(struct cli *c, int argc, char **argv);
int cmd_sync(struct cli *c, int argc, char **argv);
int cmd_export(struct cli *c, int argc, char **argv);
int cmd_import(struct cli *c, int argc, char **argv);
int cmd_undo(struct cli *c, int argc, char **argv);
int cmd_bundle(struct cli *c, int argc, char **argv);
int cmd_help(struct cli *c, int argc, char **argv);
int cmd_keys(struct cli *c, int argc, char **argv);
int cmd_meet(struct cli *c, int argc, char **argv);
/* The interface on the open office when stdin and stdout are terminals; else -1. */
int cli_interface(struct cli *c);

/*
 * A command is a table row (cmd_table.c): the command's name, its subcommand (NULL for a
 * command without), the usage after those words, one line saying what it does, and the
 * handler (the command's, which reads its subcommand itself). --help, the usage line of bad
 * usage and the man page's synopsis all come from the row.
 */
struct cmd_entry {
	const char *name;
	const char *sub;
	const char *usage;
	const char *help;
	int (*exec)(struct cli *c, int argc, char **argv);
};
extern const struct cmd_entry cmd_table[];
extern const size_t cmd_table_n;
/* The row of NAME SUB, or with sub NULL the command's first row; NULL if there is none. */
const struct cmd_entry *cmd_table_find(const char *name, const char *sub);
/* Each row's words and what it does, one line each (kezdesu --help). */
void cmd_table_list(FILE *f);
/* `kezdesu NAME [SUB] --help` on stdout: 0, or EXIT_USAGE for an unknown command. */
int cmd_table_help(const char *name, const char *sub);
/*
 * For bad usage of CMD ("visit add", or "visit" for a missing or unknown subcommand):
 * prints "kezdesu: CMD: usage: kezdesu CMD ..." from the table; returns EXIT_USAGE.
 */
int cmd_table_usage(const char *cmd);
/* kezdesu --help: the global usage and every row; returns 0. */
int cli_help(void);
struct compliance;
struct unit_names;
struct rules_findings;
/* The obligations due (at most max of them) as text lines naming akims and places. */
void cli_due_text(const struct unit_names *nm, const struct compliance *cp,
    const struct rules_findings *f, size_t max);
/* Builds the demo store (when empty) and shows its overview. */
int cmd_demo(struct cli *c);
/* The overview of a store: upcoming visits and open issues, as text. */
int cmd_overview(struct cli *c);

#endif
