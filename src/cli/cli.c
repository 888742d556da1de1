#include "cli/cli.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cmd.h"
#include "core/node.h"
#include "core/office.h"
#include "core/question.h"
#include "core/record.h"
#include "util/clock.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

int
cli_help(void)
{
	/* The syntax stays as it is; the words around it are translated. */
	printf("%s kezdesu [--db DIR] [--read-only] [--lang kk|ru|en] [--keymap FILE] [-v LOGFILE]\n"
	    "               [COMMAND ...]\n"
	    "       kezdesu --demo | --help | --version\n"
	    "\n", _("usage:"));
	fputs(_("commands (kezdesu COMMAND --help shows one's usage):\n"), stdout);
	cmd_table_list(stdout);
	fputs("\n", stdout);
	fputs(_("Without a command, opens the interface on a terminal, else shows the store's\n"
	    "upcoming visits and open issues.\n"
	    "The store is --db DIR, else $KEZDESU_DB, else $XDG_DATA_HOME/kezdesu.\n"
	    "Messages are in Kazakh, Russian or English: --lang kk|ru|en, else the locale\n"
	    "(LANGUAGE, LC_ALL, LC_MESSAGES, LANG). Units are named in Kazakh, or in Russian\n"
	    "with --lang ru or en or a Russian or English locale.\n"
	    "See kezdesu(1).\n"), stdout);
	return 0;
}

int
cli_usage(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	/* The message echoes what was given: it goes through the sanitiser like any text. */
	fputs("kezdesu: ", stderr);
	if (cmd != NULL)
		out_textf(stderr, "%s: ", cmd);
	va_start(ap, fmt);
	out_vtextf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return EXIT_USAGE;
}

int
cli_fail(struct cli *c)
{
	size_t n = strlen(c->err.msg);

	/* Messages embed stored and given text (names, file names, arguments). */
	fputs("kezdesu: ", stderr);
	out_text_string(stderr, c->err.msg);
	/*
	 * An error path that forgot to say why (empty, or only a "FILE:LINE: " prefix) still
	 * tells the user which command failed, rather than a bare "kezdesu: ".
	 */
	if (n == 0 || c->err.msg[n - 1] == ' ' || c->err.msg[n - 1] == ':') {
		if (n > 0 && c->err.msg[n - 1] == ':')
			fputc(' ', stderr);
		out_text_string(stderr, c->cmd[0] != '\0' ? c->cmd : "kezdesu");
		fputs(_(": failed, and no reason was recorded (a bug: please report it; "
		    "-v LOGFILE may tell more)"), stderr);
	}
	fputc('\n', stderr);
	return EXIT_FAIL;
}

int
cli_getopt(const char *cmd, int argc, char **argv, const struct option *opts)
{
	int ch;

	opterr = 0;
	ch = getopt_long(argc, argv, ":", opts, NULL);
	if (ch == '?')
		cli_usage(cmd, _("unknown option '%s'"), argv[optind - 1]);
	else if (ch == ':')
		cli_usage(cmd, _("option '%s' needs a value"), argv[optind - 1]);
	return ch == ':' ? '?' : ch;
}

int
arg_date(const char *cmd, const char *opt, const char *s, kz_date *d)
{
	if (date_parse(s, d) == 0)
		return 0;
	cli_usage(cmd, _("%s: '%s' is not a date (YYYY-MM-DD)"), opt, s);
	return -1;
}

int
arg_uuid(const char *cmd, const char *what, const char *s, struct kz_uuid *u)
{
	if (uid_parse(s, u) == 0)
		return 0;
	cli_usage(cmd, _("%s: '%s' is not a UUID"), what, s);
	return -1;
}

int
arg_int(const char *cmd, const char *opt, const char *s, long min, long max, long *v)
{
	char *end;

	errno = 0;
	*v = strtol(s, &end, 10);
	if (errno == 0 && end != s && *end == '\0' && *v >= min && *v <= max)
		return 0;
	cli_usage(cmd, _("%s: '%s' is not a number from %ld to %ld"), opt, s, min, max);
	return -1;
}

int
arg_enum(const char *cmd, const char *opt, const char *s, const char *const *names, int n,
    int *v)
{
	char list[512] = "";

	for (int i = 0; i < n; i++) {
		if (strcmp(s, names[i]) == 0 && names[i][0] != '\0') {
			*v = i;
			return 0;
		}
		if (names[i][0] != '\0') {
			strncat(list, i > 0 && list[0] ? ", " : "", sizeof list - strlen(list) - 1);
			strncat(list, names[i], sizeof list - strlen(list) - 1);
		}
	}
	cli_usage(cmd, _("%s: unknown value '%s' (one of: %s)"), opt, s, list);
	return -1;
}

int
arg_format(const char *cmd, const char *s, enum out_format *f)
{
	if (out_parse_format(s, f) == 0)
		return 0;
	cli_usage(cmd, _("--format: unknown format '%s' (text, tsv or json)"), s);
	return -1;
}

static char *
default_db(void)
{
	const char *x = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
	struct passwd *pw;

	if (x != NULL && x[0] == '/')
		return xasprintf("%s/kezdesu", x);
	if (home == NULL || home[0] == '\0') {
		pw = getpwuid(getuid());
		home = pw != NULL ? pw->pw_dir : "/tmp";
	}
	return xasprintf("%s/.local/share/kezdesu", home);
}

int
arg_clear(const struct rec_kind *kind, void *obj, const char *name, struct kz_error *e)
{
	char *n = xstrdup(name), *on;
	int rc;

	for (char *p = n; *p != '\0'; p++)
		if (*p == '-')
			*p = '_';
	on = xasprintf("%s_on", n);
	if (schema_field_named(kind->desc, n) == NULL && schema_field_named(kind->desc, on) != NULL)
		rc = rec_clear_field(kind, obj, on, e);
	else
		rc = rec_clear_field(kind, obj, n, e);
	free(n);
	free(on);
	return rc;
}

const struct unit_names *
cli_names(struct cli *c)
{
	struct node n;

	if (!c->names_loaded) {
		c->names_loaded = true;
		memset(&c->names, 0, sizeof c->names);
		c->names.lang = c->lang;
		if (c->office != NULL && office_node(c->office, &n, NULL) == 0)
			unit_names_load(c->store, n.unit, c->lang, &c->names);
	}
	return &c->names;
}

/* The name of a unit shown by code (out_set_namer), or NULL when it is not known here. */
static const char *
unit_namer(void *ctx, const char *code)
{
	const char *name = unit_names_get(cli_names(ctx), code);

	return name == code ? NULL : name;
}

int
cli_open(struct cli *c, int flags)
{
	if (c->office != NULL)
		return 0;
	if (c->read_only)
		flags = (flags & ~OFFICE_CREATE) | OFFICE_RDONLY;
	if (office_open(c->db, flags, &c->office, &c->err) != 0)
		return -1;
	c->store = office_store(c->office);
	out_set_namer(unit_namer, c);
	if (office_warning(c->office) != NULL) {
		out_textf(stderr, _("kezdesu: warning: %s"), office_warning(c->office));
		fputc('\n', stderr);
	}
	return 0;
}

void
cli_close(struct cli *c)
{
	out_set_namer(NULL, NULL);
	if (c->names_loaded)
		unit_names_free(&c->names);
	c->names_loaded = false;
	office_close(&c->office);
	c->store = NULL;
}

/* --help or -h: what `kezdesu COMMAND --help` and `kezdesu COMMAND SUB --help` ask for. */
static bool
is_help(const char *a)
{
	return a != NULL && (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0);
}

int
cli_main(int argc, char **argv)
{
	struct cli c = { 0 };
	static const char *const lang_names[] = { "kk", "ru", "en" };
	bool demo = false;
	int i, rc = -1;
	const char *env, *lang = NULL, *chosen;

	/* --lang first, so that everything said from here on (--help too) is in its language. */
	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1] != '\0'; i++) {
		if (strcmp(argv[i], "--") == 0)
			break;
		if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc)
			lang = argv[++i];
		else if (strncmp(argv[i], "--lang=", 7) == 0)
			lang = argv[i] + 7;
		else if (strcmp(argv[i], "--db") == 0 || strcmp(argv[i], "-v") == 0)
			i++;
	}
	/*
	 * Messages in the language chosen; unit names too, in Russian for English (the
	 * classifier names units in Kazakh and Russian only), in Kazakh when no language of
	 * ours was asked.
	 */
	if ((chosen = i18n_init(lang)) == NULL) {
		int l;

		chosen = i18n_init(NULL);
		if (arg_enum(NULL, "--lang", lang, lang_names, 3, &l) != 0)
			return EXIT_USAGE;
	}
	c.lang = chosen != NULL && (strcmp(chosen, "ru") == 0 || strcmp(chosen, "en") == 0) ?
	    LANG_RU : LANG_KK;
	/* A fixed clock that cannot be read would silently be the real one: refused. */
	if ((env = getenv("KEZDESU_NOW")) != NULL && env[0] != '\0') {
		int64_t ms;

		if (clock_parse(env, &ms) != 0)
			return cli_usage(NULL, _("KEZDESU_NOW: '%s' is not a date and time "
			    "(YYYY-MM-DD[THH:MM[:SS]][Z|+HH:MM])"), env);
	}
	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1] != '\0'; i++) {
		const char *a = argv[i];

		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			return cli_help();
		} else if (strcmp(a, "--version") == 0) {
			puts("kezdesu " KZ_VERSION);
			return 0;
		} else if (strcmp(a, "--demo") == 0) {
			demo = true;
		} else if (strcmp(a, "--read-only") == 0) {
			c.read_only = true;
		} else if (strcmp(a, "--db") == 0 || strcmp(a, "-v") == 0 ||
		    strcmp(a, "--lang") == 0 || strcmp(a, "--keymap") == 0) {
			if (i + 1 >= argc)
				return cli_usage(NULL, _("%s needs a value"), a);
			if (a[2] == 'k')
				c.keymap = argv[++i];
			else if (a[1] == 'v')
				log_open(argv[++i]);
			else if (a[2] == 'l')
				i++;	/* read above */
			else
				c.db = argv[++i];
		} else if (strncmp(a, "--db=", 5) == 0) {
			c.db = a + 5;
		} else if (strncmp(a, "--keymap=", 9) == 0) {
			c.keymap = a + 9;
		} else if (strncmp(a, "--lang=", 7) == 0) {
			continue;
		} else if (strcmp(a, "--") == 0) {
			i++;
			break;
		} else {
			return cli_usage(NULL, _("unknown option '%s' (kezdesu --help lists them)"), a);
		}
	}
	if (c.db == NULL && (env = getenv("KEZDESU_DB")) != NULL && env[0] != '\0')
		c.db = env;
	if (c.db == NULL) {
		char *base = default_db();

		/* The demo never takes the place of the office's own store. */
		c.db = c.db_buf = demo ? xasprintf("%s-demo", base) : base;
		if (demo)
			free(base);
	}
	if (c.db[0] == '\0')
		return cli_usage(NULL, "%s", _("--db: empty directory name"));

	snprintf(c.cmd, sizeof c.cmd, "%s", demo ? "--demo" : _("the overview"));
	if (demo)
		rc = cmd_demo(&c);
	else if (i >= argc) {
		/* a terminal gets the interface, a pipe or a file the overview */
		if ((rc = cli_interface(&c)) < 0)
			rc = cmd_overview(&c);
	} else {
		snprintf(c.cmd, sizeof c.cmd, "%s%s%s", argv[i], i + 1 < argc &&
		    argv[i + 1][0] >= 'a' && argv[i + 1][0] <= 'z' ? " " : "",
		    i + 1 < argc && argv[i + 1][0] >= 'a' && argv[i + 1][0] <= 'z' ? argv[i + 1] : "");
		const struct cmd_entry *e = cmd_table_find(argv[i], NULL);
		const char *sub = i + 1 < argc ? argv[i + 1] : NULL;

		if (e != NULL && is_help(sub))
			rc = cmd_table_help(argv[i], NULL);
		else if (e != NULL && sub != NULL && cmd_table_find(argv[i], sub) != NULL &&
		    i + 2 < argc && is_help(argv[i + 2]))
			rc = cmd_table_help(argv[i], sub);
		else if (e != NULL)
			rc = e->exec(&c, argc - i, argv + i);
		if (rc == -1)
			rc = cli_usage(NULL, _("unknown command '%s' (kezdesu --help lists them)"),
			    argv[i]);
	}
	if (fflush(stdout) != 0 && rc == 0) {
		out_textf(stderr, _("kezdesu: cannot write the output: %s"), strerror(errno));
		fputc('\n', stderr);
		rc = EXIT_FAIL;
	}
	cli_close(&c);
	free(c.db_buf);
	return rc;
}

/* The column of p in line, counted in UTF-8 characters from 1, as editors show it. */
static size_t
column_of(const char *line, const char *p)
{
	size_t col = 1;

	for (const char *q = line; q < p; q++)
		if (((unsigned char)*q & 0xc0) != 0x80)
			col++;
	return col;
}

int
cli_add_lines(struct cli *c, struct question *q,
    int (*add)(struct cli *c, struct question *q, const void *arg), const void *arg)
{
	char id[UID_STRLEN], *line = NULL;
	size_t cap = 0, lineno = 0;
	const char *nul;
	ssize_t len;
	int rc = 0;

	while ((len = getline(&line, &cap, stdin)) != -1) {
		lineno++;
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (len == 0)
			continue;
		/* C strings end at a NUL: saving the line would cut the text there. */
		if ((nul = memchr(line, '\0', (size_t)len)) != NULL) {
			fprintf(stderr, _("kezdesu: stdin:%zu: a NUL byte at column %zu; the line "
			    "was not saved\n"), lineno, column_of(line, nul));
			rc = EXIT_FAIL;
			continue;
		}
		free(q->text);
		q->text = xstrdup(line);
		memset(&q->id, 0, sizeof q->id);
		q->asked_ms = 0;
		if (add(c, q, arg) != 0) {
			kz_prefix(&c->err, "stdin:%zu: ", lineno);
			rc = cli_fail(c);
			/* A bad line is refused and the hall goes on; a failing store stops. */
			if (c->err.code == KZ_EINVAL)
				continue;
			break;
		}
		uid_format(&q->id, id);
		printf("saved %s\n", id);
		fflush(stdout);
	}
	free(line);
	return rc;
}
