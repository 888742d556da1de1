/* kezdesu reception: personal receptions of citizens after a meeting. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "core/reception.h"
#include "util/xmalloc.h"
#include "util/i18n.h"

static const char *const reception_cols[] = {
	"id", "visit", "date", "received_by", "citizens", NULL
};

enum { O_VISIT = 256, O_DATE, O_RECEIVED_BY, O_CITIZENS, O_FORMAT };

static int
reception_add_cmd(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "visit", required_argument, NULL, O_VISIT },
		{ "date", required_argument, NULL, O_DATE },
		{ "received-by", required_argument, NULL, O_RECEIVED_BY },
		{ "citizens", required_argument, NULL, O_CITIZENS },
		{ NULL, 0, NULL, 0 }
	};
	const char *cmd = "reception add";
	struct reception r;
	char id[UID_STRLEN];
	bool has_visit = false, has_citizens = false;
	long n;
	int ch, rc = 0;

	reception_init(&r);
	optind = 0;
	while ((ch = cli_getopt(cmd, argc, argv, opts)) != -1) {
		if (ch == O_VISIT && arg_uuid(cmd, "--visit", optarg, &r.visit) == 0)
			has_visit = true;
		else if (ch == O_DATE && arg_date(cmd, "--date", optarg, &r.date) == 0)
			;
		else if (ch == O_RECEIVED_BY) {
			free(r.received_by);
			r.received_by = xstrdup(optarg);
		} else if (ch == O_CITIZENS && arg_int(cmd, "--citizens", optarg, 0, 1000000,
		    &n) == 0) {
			r.citizens = (int)n;
			has_citizens = true;
		} else
			goto usage;
	}
	if (optind != argc) {
		cli_usage(cmd, _("unexpected argument '%s'"), argv[optind]);
		goto usage;
	}
	if (!has_visit || r.date == DATE_NONE || r.received_by == NULL || !has_citizens) {
		cli_usage(cmd, _("missing:%s%s%s%s (kezdesu reception add --help)"), !has_visit ? " --visit" : "",
		    r.date == DATE_NONE ? " --date" : "", r.received_by == NULL ?
		    " --received-by" : "", !has_citizens ? " --citizens" : "");
		goto usage;
	}
	if (cli_open(c, 0) != 0 || reception_add(c->store, &r, &c->err) != 0) {
		rc = cli_fail(c);
		goto out;
	}
	uid_format(&r.id, id);
	printf("%s\n", id);
	goto out;
usage:
	rc = EXIT_USAGE;
out:
	reception_free(&r);
	return rc;
}

static int
reception_list_cmd(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "visit", required_argument, NULL, O_VISIT },
		{ "format", required_argument, NULL, O_FORMAT },
		{ NULL, 0, NULL, 0 }
	};
	const char *cmd = "reception list";
	enum out_format fmt = OUT_TSV;
	struct kz_uuid visit;
	bool by_visit = false;
	struct rec_array a = { 0 };
	int ch;

	optind = 0;
	while ((ch = cli_getopt(cmd, argc, argv, opts)) != -1) {
		if (ch == O_VISIT && arg_uuid(cmd, "--visit", optarg, &visit) == 0)
			by_visit = true;
		else if (ch == O_FORMAT && arg_format(cmd, optarg, &fmt) == 0)
			;
		else
			return EXIT_USAGE;
	}
	if (optind != argc)
		return cli_usage(cmd, _("unexpected argument '%s'"), argv[optind]);
	if (cli_open(c, 0) != 0 ||
	    reception_list(c->store, by_visit ? &visit : NULL, &a, &c->err) != 0)
		return cli_fail(c);
	out_records(stdout, fmt, reception_kind.desc, a.items, a.n, reception_cols);
	rec_array_free(&reception_kind, &a);
	return 0;
}

/* reception set: the fields given, checked as reception add checks them. */
struct set_opts {
	struct reception set;
	bool visit, date, received_by, citizens;
};

static int
apply(struct reception *r, void *arg, struct kz_error *e)
{
	const struct set_opts *o = arg;

	(void)e;
	if (o->visit)
		r->visit = o->set.visit;
	if (o->date)
		r->date = o->set.date;
	if (o->received_by) {
		free(r->received_by);
		r->received_by = xstrdup(o->set.received_by);
	}
	if (o->citizens)
		r->citizens = o->set.citizens;
	return 0;
}

static int
reception_set_cmd(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "visit", required_argument, NULL, O_VISIT },
		{ "date", required_argument, NULL, O_DATE },
		{ "received-by", required_argument, NULL, O_RECEIVED_BY },
		{ "citizens", required_argument, NULL, O_CITIZENS },
		{ NULL, 0, NULL, 0 }
	};
	const char *cmd = "reception set";
	struct set_opts o = { 0 };
	struct kz_uuid id;
	long n;
	int ch, rc = 0;

	if (argc < 2 || argv[1][0] == '-')
		return cmd_table_usage(cmd);
	if (arg_uuid(cmd, "reception", argv[1], &id) != 0)
		return EXIT_USAGE;
	reception_init(&o.set);
	optind = 0;
	while ((ch = cli_getopt(cmd, argc - 1, argv + 1, opts)) != -1) {
		if (ch == O_VISIT && arg_uuid(cmd, "--visit", optarg, &o.set.visit) == 0)
			o.visit = true;
		else if (ch == O_DATE && arg_date(cmd, "--date", optarg, &o.set.date) == 0)
			o.date = true;
		else if (ch == O_RECEIVED_BY) {
			free(o.set.received_by);
			o.set.received_by = xstrdup(optarg);
			o.received_by = true;
		} else if (ch == O_CITIZENS && arg_int(cmd, "--citizens", optarg, 0, 1000000,
		    &n) == 0) {
			o.set.citizens = (int)n;
			o.citizens = true;
		} else {
			rc = EXIT_USAGE;
			goto out;
		}
	}
	if (optind != argc - 1)
		rc = cli_usage(cmd, _("unexpected argument '%s'"), argv[optind + 1]);
	else if (!o.visit && !o.date && !o.received_by && !o.citizens)
		rc = cli_usage(cmd, _("nothing to change (--visit, --date, --received-by, "
		    "--citizens)"));
	else if (cli_open(c, 0) != 0 || reception_modify(c->store, &id, apply, &o,
	    &c->err) != 0)
		rc = cli_fail(c);
out:
	reception_free(&o.set);
	return rc;
}

static int
reception_withdraw_cmd(struct cli *c, int argc, char **argv)
{
	const char *cmd = "reception withdraw";
	struct kz_uuid id;

	if (argc != 2 || argv[1][0] == '-')
		return cmd_table_usage(cmd);
	if (arg_uuid(cmd, "reception", argv[1], &id) != 0)
		return EXIT_USAGE;
	if (cli_open(c, 0) != 0 || reception_withdraw(c->store, &id, &c->err) != 0)
		return cli_fail(c);
	return 0;
}

int
cmd_reception(struct cli *c, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "set") == 0)
		return reception_set_cmd(c, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "withdraw") == 0)
		return reception_withdraw_cmd(c, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "add") == 0)
		return reception_add_cmd(c, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "list") == 0)
		return reception_list_cmd(c, argc - 1, argv + 1);
	return cmd_table_usage("reception");
}
