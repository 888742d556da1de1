/* kezdesu visit: add, list, show and change meetings. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "core/compliance.h"
#include "core/unit.h"
#include "core/visit.h"
#include "store/store.h"
#include "util/xmalloc.h"

static const char *const visit_cols[] = {
	"id", "date", "time", "akim", "target", "status", "field", "unscheduled", "announced_on",
	"published_on", NULL
};

enum {
	O_AKIM = 256, O_TARGET, O_DATE, O_TIME, O_DURATION, O_FIELD, O_NO_FIELD, O_UNSCHEDULED,
	O_VENUE, O_STATUS, O_ANNOUNCED, O_CHANNELS, O_BROADCAST, O_PUBLISHED, O_RECEPTIONS_END,
	O_ATTENDANCE, O_COMMISSION, O_STARTED, O_REPORT_END, O_ENDED, O_FROM, O_TO, O_FORMAT
};

static const struct option visit_opts[] = {
	{ "akim", required_argument, NULL, O_AKIM },
	{ "target", required_argument, NULL, O_TARGET },
	{ "date", required_argument, NULL, O_DATE },
	{ "time", required_argument, NULL, O_TIME },
	{ "duration", required_argument, NULL, O_DURATION },
	{ "field", no_argument, NULL, O_FIELD },
	{ "no-field", no_argument, NULL, O_NO_FIELD },
	{ "unscheduled", required_argument, NULL, O_UNSCHEDULED },
	{ "venue", required_argument, NULL, O_VENUE },
	{ "status", required_argument, NULL, O_STATUS },
	{ "announced", required_argument, NULL, O_ANNOUNCED },
	{ "channels", required_argument, NULL, O_CHANNELS },
	{ "broadcast", required_argument, NULL, O_BROADCAST },
	{ "published", required_argument, NULL, O_PUBLISHED },
	{ "receptions-end", required_argument, NULL, O_RECEPTIONS_END },
	{ "attendance", required_argument, NULL, O_ATTENDANCE },
	{ "commission", required_argument, NULL, O_COMMISSION },
	{ "started", required_argument, NULL, O_STARTED },
	{ "report-end", required_argument, NULL, O_REPORT_END },
	{ "ended", required_argument, NULL, O_ENDED },
	{ NULL, 0, NULL, 0 }
};

static void
set_str(char **dst, const char *s)
{
	free(*dst);
	*dst = xstrdup(s);
}

/* "citizen=40,deputy=2": M-2 attendance by category. */
static int
parse_attendance(const char *cmd, const char *s, struct visit *v)
{
	char *copy = xstrdup(s), *save = NULL;
	int rc = 0;

	for (size_t i = 0; i < v->nattendance; i++)
		free(v->attendance[i].extra.p);
	free(v->attendance);
	v->attendance = NULL;
	v->nattendance = 0;
	for (char *tok = strtok_r(copy, ",", &save); tok != NULL && rc == 0;
	    tok = strtok_r(NULL, ",", &save)) {
		char *eq = strchr(tok, '=');
		int cat;
		long n;

		if (eq == NULL) {
			rc = cli_usage(cmd, "--attendance: '%s' is not CATEGORY=COUNT", tok);
			break;
		}
		*eq = '\0';
		if (arg_enum(cmd, "--attendance", tok, audience_names, AUD_COUNT, &cat) != 0 ||
		    arg_int(cmd, "--attendance", eq + 1, 0, 1000000, &n) != 0) {
			rc = EXIT_USAGE;
			break;
		}
		v->attendance = xrealloc(v->attendance, (v->nattendance + 1) *
		    sizeof *v->attendance);
		memset(&v->attendance[v->nattendance], 0, sizeof *v->attendance);
		v->attendance[v->nattendance].category = cat;
		v->attendance[v->nattendance].count = (int)n;
		v->nattendance++;
	}
	free(copy);
	return rc;
}

/*
 * Applies the options of visit add / visit set to v. Returns 0, or EXIT_USAGE after a
 * message. field_set tells whether --field/--no-field was given.
 */
static int
apply_opts(const char *cmd, int argc, char **argv, struct visit *v, bool *field_set)
{
	kz_date d;
	long n;
	int ch, m, st;

	*field_set = false;
	optind = 0;
	while ((ch = cli_getopt(cmd, argc, argv, visit_opts)) != -1) {
		switch (ch) {
		case O_AKIM:
		case O_TARGET:
			if (!unit_code_valid(optarg))
				return cli_usage(cmd, "%s: '%s' is not a nine-digit KATO code",
				    ch == O_AKIM ? "--akim" : "--target", optarg);
			memcpy(ch == O_AKIM ? v->akim : v->target, optarg, 10);
			break;
		case O_DATE:
			if (arg_date(cmd, "--date", optarg, &d) != 0)
				return EXIT_USAGE;
			/* Changing the date of a stored visit moves it: keep where from. */
			if (v->date != DATE_NONE && v->date != d && v->created_ms != 0)
				v->moved_from = v->date;
			v->date = d;
			break;
		case O_TIME:
			if (time_parse_hm(optarg, &m) != 0)
				return cli_usage(cmd, "--time: '%s' is not a time (HH:MM)", optarg);
			set_str(&v->time, optarg);
			break;
		case O_DURATION:
			if (arg_int(cmd, "--duration", optarg, 1, 24 * 60, &n) != 0)
				return EXIT_USAGE;
			v->duration_min = (int)n;
			break;
		case O_FIELD:
		case O_NO_FIELD:
			v->field = ch == O_FIELD;
			*field_set = true;
			break;
		case O_UNSCHEDULED:
			v->unscheduled = true;
			set_str(&v->reason, optarg);
			break;
		case O_VENUE:
			set_str(&v->venue, optarg);
			break;
		case O_STATUS:
			if (arg_enum(cmd, "--status", optarg, visit_status_names,
			    VISIT_STATUS_COUNT, &st) != 0)
				return EXIT_USAGE;
			v->status = st;
			break;
		case O_ANNOUNCED:
		case O_PUBLISHED:
		case O_RECEPTIONS_END:
			if (arg_date(cmd, ch == O_ANNOUNCED ? "--announced" : ch == O_PUBLISHED ?
			    "--published" : "--receptions-end", optarg, &d) != 0)
				return EXIT_USAGE;
			*(ch == O_ANNOUNCED ? &v->announced_on : ch == O_PUBLISHED ?
			    &v->published_on : &v->receptions_end) = d;
			if (ch == O_ANNOUNCED && v->status == VISIT_PLANNED)
				v->status = VISIT_ANNOUNCED;
			break;
		case O_CHANNELS:
			set_str(&v->channels, optarg);
			break;
		case O_BROADCAST:
			set_str(&v->broadcast, optarg);
			break;
		case O_ATTENDANCE:
			if (parse_attendance(cmd, optarg, v) != 0)
				return EXIT_USAGE;
			break;
		case O_COMMISSION:
			set_str(&v->commission, optarg);
			break;
		case O_STARTED:
		case O_REPORT_END:
		case O_ENDED:
			/* Times of the meeting's day, in the office's local time (T-1). */
			if (time_parse_hm(optarg, &m) != 0)
				return cli_usage(cmd, "%s: '%s' is not a time (HH:MM)", ch == O_STARTED ?
				    "--started" : ch == O_ENDED ? "--ended" : "--report-end", optarg);
			if (v->date == DATE_NONE)
				return cli_usage(cmd, "give --date before the times of the meeting");
			*(ch == O_STARTED ? &v->started_ms : ch == O_ENDED ? &v->ended_ms :
			    &v->report_end_ms) = compliance_instant(v->date, m);
			break;
		default:
			return EXIT_USAGE;
		}
	}
	return 0;
}

static int
visit_add_cmd(struct cli *c, int argc, char **argv)
{
	struct visit v;
	char id[UID_STRLEN];
	bool field_set;
	int rc;

	visit_init(&v);
	v.duration_min = 90;
	if ((rc = apply_opts("visit add", argc, argv, &v, &field_set)) != 0)
		goto out;
	if (optind != argc) {
		rc = cli_usage("visit add", "unexpected argument '%s'", argv[optind]);
		goto out;
	}
	if (v.akim[0] == '\0' || v.target[0] == '\0' || v.date == DATE_NONE) {
		rc = cli_usage("visit add", "usage: kezdesu visit add --akim CODE --target CODE "
		    "--date YYYY-MM-DD [--time HH:MM] [--duration MIN] [--field|--no-field] "
		    "[--unscheduled REASON]");
		goto out;
	}
	/* A meeting held away from the akim's own unit is a field meeting unless told. */
	if (!field_set)
		v.field = strcmp(v.akim, v.target) != 0;
	if (cli_open(c, 0) != 0 || visit_add(c->store, &v, &c->err) != 0) {
		rc = cli_fail(c);
		goto out;
	}
	uid_format(&v.id, id);
	printf("%s\n", id);
out:
	visit_free(&v);
	return rc;
}

static int
visit_set_cmd(struct cli *c, int argc, char **argv)
{
	struct kz_uuid id;
	struct visit v;
	bool field_set;
	int rc;

	if (argc < 2 || argv[1][0] == '-')
		return cli_usage("visit set", "usage: kezdesu visit set UUID [--date D] "
		    "[--status S] [--announced D] [--published D] ...");
	if (arg_uuid("visit set", "visit", argv[1], &id) != 0)
		return EXIT_USAGE;
	if (cli_open(c, 0) != 0 || visit_get(c->store, &id, &v, &c->err) != 0)
		return cli_fail(c);
	rc = apply_opts("visit set", argc - 1, argv + 1, &v, &field_set);
	if (rc == 0 && optind != argc - 1)
		rc = cli_usage("visit set", "unexpected argument '%s'", argv[optind + 1]);
	if (rc == 0 && visit_update(c->store, &v, &c->err) != 0)
		rc = cli_fail(c);
	visit_free(&v);
	return rc;
}

static int
visit_list_cmd(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "from", required_argument, NULL, O_FROM },
		{ "to", required_argument, NULL, O_TO },
		{ "format", required_argument, NULL, O_FORMAT },
		{ NULL, 0, NULL, 0 }
	};
	enum out_format fmt = OUT_TSV;
	kz_date from = DATE_NONE, to = DATE_NONE;
	struct rec_array a = { 0 };
	int ch;

	optind = 0;
	while ((ch = cli_getopt("visit list", argc, argv, opts)) != -1) {
		if (ch == O_FROM && arg_date("visit list", "--from", optarg, &from) == 0)
			continue;
		if (ch == O_TO && arg_date("visit list", "--to", optarg, &to) == 0) {
			to++;	/* --to is inclusive */
			continue;
		}
		if (ch == O_FORMAT && arg_format("visit list", optarg, &fmt) == 0)
			continue;
		return EXIT_USAGE;
	}
	if (optind != argc)
		return cli_usage("visit list", "unexpected argument '%s'", argv[optind]);
	if (cli_open(c, 0) != 0 || visit_list(c->store, from, to, &a, &c->err) != 0)
		return cli_fail(c);
	out_records(stdout, fmt, visit_kind.desc, a.items, a.n, visit_cols);
	rec_array_free(&visit_kind, &a);
	return 0;
}

static int
visit_show_cmd(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, O_FORMAT },
		{ NULL, 0, NULL, 0 }
	};
	enum out_format fmt = OUT_TEXT;
	struct kz_uuid id;
	struct visit v;
	int ch;

	optind = 0;
	while ((ch = cli_getopt("visit show", argc, argv, opts)) != -1)
		if (ch != O_FORMAT || arg_format("visit show", optarg, &fmt) != 0)
			return EXIT_USAGE;
	if (optind + 1 != argc)
		return cli_usage("visit show", "usage: kezdesu visit show UUID [--format F]");
	if (arg_uuid("visit show", "visit", argv[optind], &id) != 0)
		return EXIT_USAGE;
	if (cli_open(c, 0) != 0 || visit_get(c->store, &id, &v, &c->err) != 0)
		return cli_fail(c);
	out_records(stdout, fmt, visit_kind.desc, &v, 1, visit_cols);
	visit_free(&v);
	return 0;
}

int
cmd_visit(struct cli *c, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "add") == 0)
		return visit_add_cmd(c, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "set") == 0)
		return visit_set_cmd(c, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "list") == 0)
		return visit_list_cmd(c, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "show") == 0)
		return visit_show_cmd(c, argc - 1, argv + 1);
	return cli_usage("visit", "usage: kezdesu visit add|list|show|set ...");
}
