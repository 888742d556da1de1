/* kezdesu init, official and units: the store's identity and its administrative units. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cmd.h"
#include "core/compliance.h"
#include "core/kato.h"
#include "core/node.h"
#include "core/office.h"
#include "core/unit.h"
#include "util/xmalloc.h"
#include "util/i18n.h"

int
cmd_init(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "unit", required_argument, NULL, 'u' },
		{ "group", required_argument, NULL, 'g' },
		{ NULL, 0, NULL, 0 }
	};
	const char *unit = NULL, *group = NULL;
	struct node n;
	char id[UID_STRLEN];
	int ch;

	optind = 0;
	while ((ch = cli_getopt("init", argc, argv, opts)) != -1) {
		if (ch == 'u')
			unit = optarg;
		else if (ch == 'g')
			group = optarg;
		else
			return EXIT_USAGE;
	}
	if (unit == NULL || optind != argc)
		return cmd_table_usage("init");
	if (!unit_code_valid(unit))
		return cli_usage("init", _("--unit: '%s' is not a nine-digit KATO code"), unit);
	if (office_create_dir(c->db, group, &c->err) != 0 || cli_open(c, OFFICE_CREATE) != 0 ||
	    node_init(c->store, unit, &c->err) != 0 || office_node(c->office, &n, &c->err) != 0)
		return cli_fail(c);
	uid_format(&n.id, id);
	out_textf(stdout, _("initialised store %s for unit %s (node %s)%s%s"), c->db, unit, id,
	    group ? _(", shared by group ") : "", group ? group : "");
	putchar('\n');
	return 0;
}

int
cmd_official(struct cli *c, int argc, char **argv)
{
	const char *name;

	if (argc > 2)
		return cmd_table_usage("official");
	if (cli_open(c, 0) != 0)
		return cli_fail(c);
	if (office_user(c->office) == NULL)
		return cli_usage("official", _("cannot tell which Unix user you are"));
	if (argc == 2)
		return office_set_official(c->office, argv[1], &c->err) != 0 ? cli_fail(c) : 0;
	name = office_official(c->office);
	out_text_string(stdout, name != NULL ? name : "");
	putchar('\n');
	return 0;
}

/* Reads a whole file; NULL with the reason in e. */
static char *
read_file(const char *path, size_t *len, struct kz_error *e)
{
	FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0, got;

	if (fp == NULL) {
		kz_fail(e, KZ_EIO, "%s: %s", path, strerror(errno));
		return NULL;
	}
	do {
		buf = xgrow(buf, &cap, n + 65536, 1);
		got = fread(buf + n, 1, cap - n, fp);
		n += got;
	} while (got > 0);
	if (ferror(fp)) {
		kz_fail(e, KZ_EIO, "%s: %s", path, strerror(errno));
		free(buf);
		buf = NULL;
	}
	if (fp != stdin)
		fclose(fp);
	*len = n;
	return buf;
}

/* The edition: --edition, else a YYYY-MM-DD found in the file name, else today's date. */
static char *
guess_edition(const char *path)
{
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	char tmp[11];
	kz_date d;

	for (const char *p = base; strlen(p) >= 10; p++) {
		memcpy(tmp, p, 10);
		tmp[10] = '\0';
		if (date_parse(tmp, &d) == 0)
			return xstrdup(tmp);
	}
	date_format(compliance_today(), tmp);
	return xstrdup(tmp);
}

static int
units_import(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "edition", required_argument, NULL, 'e' },
		{ "force", no_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 }
	};
	struct kato_table kt = { 0 };
	struct unit_import_stats st = { 0 };
	const char *edition = NULL;
	char *buf, *ed;
	size_t len;
	int ch, rc = 0;
	bool force = false;

	optind = 0;
	while ((ch = cli_getopt("units import", argc, argv, opts)) != -1) {
		if (ch == 'e')
			edition = optarg;
		else if (ch == 'f')
			force = true;
		else
			return EXIT_USAGE;
	}
	if (optind + 1 != argc)
		return cmd_table_usage("units import");
	if (cli_open(c, 0) != 0)
		return cli_fail(c);
	if ((buf = read_file(argv[optind], &len, &c->err)) == NULL)
		return cli_fail(c);
	ed = edition != NULL ? xstrdup(edition) : guess_edition(argv[optind]);
	if (kato_parse(buf, len, argv[optind], &kt, &c->err) != 0)
		rc = cli_fail(c);
	else if (unit_import(c->store, &kt, ed, force, &st, &c->err) != 0) {
		if (st.too_many) {
			kz_fail(&c->err, KZ_EINVAL, _("%s: this edition would retire %zu of the %zu "
			    "units in the store, more than a tenth; nothing was imported. If the "
			    "file is right, import it with --force"), argv[optind], st.retired,
			    st.current);
		} else {
			/* A message about a row starts with its line number: FILE:LINE: reason. */
			kz_prefix(&c->err, c->err.msg[0] >= '0' && c->err.msg[0] <= '9' ? "%s:" :
			    "%s: ", argv[optind]);
		}
		rc = cli_fail(c);
	} else {
		out_textf(stdout, _("imported %zu units of edition %s: %zu new, %zu changed, "
		    "%zu unchanged, %zu retired"), kt.n, ed, st.added, st.updated, st.unchanged,
		    st.retired);
		putchar('\n');
	}
	kato_table_free(&kt);
	free(buf);
	free(ed);
	return rc;
}

static const char *const unit_cols[] = { "code", "parent", "type", "name_kk", "name_ru", NULL };

static int
units_list(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "under", required_argument, NULL, 'u' },
		{ "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 }
	};
	enum out_format fmt = OUT_TSV;
	const char *under = NULL;
	struct rec_array a = { 0 };
	int ch;

	optind = 0;
	while ((ch = cli_getopt("units list", argc, argv, opts)) != -1) {
		if (ch == 'u')
			under = optarg;
		else if (ch == 'f') {
			if (arg_format("units list", optarg, &fmt) != 0)
				return EXIT_USAGE;
		} else
			return EXIT_USAGE;
	}
	if (optind != argc)
		return cli_usage("units list", _("unexpected argument '%s'"), argv[optind]);
	if (cli_open(c, 0) != 0 || unit_list(c->store, under, &a, &c->err) != 0)
		return cli_fail(c);
	out_records(stdout, fmt, unit_kind.desc, a.items, a.n, unit_cols);
	rec_array_free(&unit_kind, &a);
	return 0;
}

static int
units_add(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "parent", required_argument, NULL, 'p' },
		{ "type", required_argument, NULL, 't' },
		{ "name-kk", required_argument, NULL, 'k' },
		{ "name-ru", required_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 }
	};
	const char *parent = NULL, *kk = NULL, *ru = NULL;
	int type = UNIT_UNKNOWN, ch;
	char code[10];

	optind = 0;
	while ((ch = cli_getopt("units add", argc, argv, opts)) != -1) {
		switch (ch) {
		case 'p':
			parent = optarg;
			break;
		case 't':
			if (arg_enum("units add", "--type", optarg, unit_type_names,
			    UNIT_TYPE_COUNT, &type) != 0)
				return EXIT_USAGE;
			break;
		case 'k':
			kk = optarg;
			break;
		case 'r':
			ru = optarg;
			break;
		default:
			return EXIT_USAGE;
		}
	}
	if (parent == NULL || kk == NULL || ru == NULL || type == UNIT_UNKNOWN || optind != argc)
		return cmd_table_usage("units add");
	if (cli_open(c, 0) != 0 ||
	    unit_add_local(c->store, parent, (enum unit_type)type, kk, ru, code, &c->err) != 0)
		return cli_fail(c);
	out_text_string(stdout, code);
	putchar('\n');
	return 0;
}

int
cmd_units(struct cli *c, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "import") == 0)
		return units_import(c, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "list") == 0)
		return units_list(c, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "add") == 0)
		return units_add(c, argc - 1, argv + 1);
	return cmd_table_usage("units");
}
