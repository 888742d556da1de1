/* kezdesu visit: add, list, show and change meetings. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "core/announce.h"
#include "core/calendar.h"
#include "core/compliance.h"
#include "core/namelist.h"
#include "core/unit.h"
#include "core/visit.h"
#include "util/xmalloc.h"
#include "util/i18n.h"

static const char *const visit_cols[] = {
	"id", "date", "time", "akim", "target", "status", "field", "unscheduled", "announced_on",
	"published_on", NULL
};

enum {
	O_AKIM = 256, O_TARGET, O_DATE, O_TIME, O_DURATION, O_FIELD, O_NO_FIELD, O_UNSCHEDULED,
	O_VENUE, O_STATUS, O_ANNOUNCED, O_CHANNELS, O_BROADCAST, O_PUBLISHED, O_RECEPTIONS_END,
	O_ATTENDANCE, O_COMMISSION, O_STARTED, O_REPORT_END, O_ENDED, O_FROM, O_TO, O_FORMAT,
	O_CLEAR, O_REVISE, O_REASON,
	O_COMMENTS, O_VIDEOCONF, O_NO_BROADCAST,	/* B-1 */
	O_INVITED	/* M-2 */
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
	/* Gone (P-1 is the year's members): known only to say where it went. */
	{ "commission", required_argument, NULL, O_COMMISSION },
	{ "started", required_argument, NULL, O_STARTED },
	{ "report-end", required_argument, NULL, O_REPORT_END },
	{ "ended", required_argument, NULL, O_ENDED },
	{ "clear", required_argument, NULL, O_CLEAR },
	{ "revise", required_argument, NULL, O_REVISE },
	{ "reason", required_argument, NULL, O_REASON },
	{ "comments", required_argument, NULL, O_COMMENTS },
	{ "videoconf", required_argument, NULL, O_VIDEOCONF },
	{ "no-broadcast", required_argument, NULL, O_NO_BROADCAST },
	{ "invited", required_argument, NULL, O_INVITED },
	{ NULL, 0, NULL, 0 }
};

/*
 * The options of visit add / visit set, parsed once; apply() puts them on the visit inside
 * the write transaction (visit_modify), so that only the fields given change.
 */
struct visit_opts {
	struct visit set;	/* the values given; `given` tells which */
	uint32_t given;		/* bit (O_x - 256) for each option given */
	int times[3];		/* --started, --report-end, --ended: minutes of the day */
	const char **clear;	/* --clear FIELD, each (into argv) */
	const char *revise;	/* visit add --revise REASON (K-2), into argv */
	size_t nclear;
};

#define GIVEN(o, opt) (((o)->given >> ((opt) - 256)) & 1u)

static void
set_str(char **dst, const char *s)
{
	free(*dst);
	*dst = xstrdup(s);
}

/* "citizen=40,deputy=2": M-2 attendance by category; a category given again replaces. */
static int
parse_attendance(const char *cmd, const char *s, struct visit *v)
{
	char *copy = xstrdup(s), *save = NULL;
	int rc = 0;

	for (char *tok = strtok_r(copy, ",", &save); tok != NULL && rc == 0;
	    tok = strtok_r(NULL, ",", &save)) {
		char *eq = strchr(tok, '=');
		int cat;
		long n;

		if (eq == NULL) {
			rc = cli_usage(cmd, _("--attendance: '%s' is not CATEGORY=COUNT"), tok);
			break;
		}
		*eq = '\0';
		if (arg_enum(cmd, "--attendance", tok, audience_names, AUD_COUNT, &cat) != 0 ||
		    arg_int(cmd, "--attendance", eq + 1, 0, 1000000, &n) != 0) {
			rc = EXIT_USAGE;
			break;
		}
		visit_set_attendance(v, cat, (int)n);
	}
	free(copy);
	return rc;
}

/* B-1: --comments open|closed, --videoconf yes|no, --no-broadcast REASON. */
static int
parse_b1(const char *cmd, int ch, const char *arg, struct visit *v)
{
	static const char *const yes_no[] = { "no", "yes" };
	int yes;

	if (ch == O_NO_BROADCAST) {
		if (arg[0] == '\0') {
			cli_usage(cmd, _("--no-broadcast: say why broadcasting was not technically "
			    "possible (B-1)"));
			return -1;
		}
		set_str(&v->no_broadcast, arg);
		return 0;
	}
	if (ch == O_COMMENTS)
		return arg_enum(cmd, "--comments", arg, visit_comments_names, COMMENTS_COUNT,
		    &v->comments);
	if (arg_enum(cmd, "--videoconf", arg, yes_no, 2, &yes) != 0)
		return -1;
	v->videoconf = yes;
	return 0;
}

/* Parses the options of visit add / visit set into o. Returns 0, or EXIT_USAGE after a message. */
static int
parse_opts(const char *cmd, int argc, char **argv, struct visit_opts *o)
{
	static const char *const time_opts[3] = { "--started", "--report-end", "--ended" };
	long n;
	int ch, st;

	visit_init(&o->set);
	o->given = 0;
	o->clear = NULL;
	o->nclear = 0;
	o->revise = NULL;
	optind = 0;
	while ((ch = cli_getopt(cmd, argc, argv, visit_opts)) != -1) {
		if (ch < 256)
			return EXIT_USAGE;
		o->given |= 1u << (ch - 256);
		switch (ch) {
		case O_AKIM:
		case O_TARGET:
			if (!unit_code_valid(optarg))
				return cli_usage(cmd, _("%s: '%s' is not a nine-digit KATO code"),
				    ch == O_AKIM ? "--akim" : "--target", optarg);
			memcpy(ch == O_AKIM ? o->set.akim : o->set.target, optarg, 10);
			break;
		case O_DATE:
			if (arg_date(cmd, "--date", optarg, &o->set.date) != 0)
				return EXIT_USAGE;
			break;
		case O_TIME:
			if (time_parse_hm(optarg, &st) != 0)
				return cli_usage(cmd, _("--time: '%s' is not a time (HH:MM)"), optarg);
			set_str(&o->set.time, optarg);
			break;
		case O_DURATION:
			if (arg_int(cmd, "--duration", optarg, 1, 24 * 60, &n) != 0)
				return EXIT_USAGE;
			o->set.duration_min = (int)n;
			break;
		case O_FIELD:
		case O_NO_FIELD:
			o->set.field = ch == O_FIELD;
			o->given |= 1u << (O_FIELD - 256);
			break;
		case O_UNSCHEDULED:
			set_str(&o->set.reason, optarg);
			break;
		case O_VENUE:
			set_str(&o->set.venue, optarg);
			break;
		case O_STATUS:
			if (arg_enum(cmd, "--status", optarg, visit_status_names,
			    VISIT_STATUS_COUNT, &o->set.status) != 0)
				return EXIT_USAGE;
			break;
		case O_ANNOUNCED:
		case O_PUBLISHED:
		case O_RECEPTIONS_END:
			if (arg_date(cmd, ch == O_ANNOUNCED ? "--announced" : ch == O_PUBLISHED ?
			    "--published" : "--receptions-end", optarg, ch == O_ANNOUNCED ?
			    &o->set.announced_on : ch == O_PUBLISHED ? &o->set.published_on :
			    &o->set.receptions_end) != 0)
				return EXIT_USAGE;
			break;
		case O_CHANNELS:
			set_str(&o->set.channels, optarg);
			break;
		case O_BROADCAST:
			set_str(&o->set.broadcast, optarg);
			break;
		case O_ATTENDANCE:
			if (parse_attendance(cmd, optarg, &o->set) != 0)
				return EXIT_USAGE;
			break;
		case O_COMMISSION:
			/*
			 * A per-meeting note read as P-1's commission, which is the year's
			 * members by category: one place for it.
			 */
			return cli_usage(cmd, _("--commission is no longer a meeting's field: the "
			    "year's commission (P-1) is its members, kezdesu commission add YEAR "
			    "--category CATEGORY NAME"));
		case O_INVITED:
			set_str(&o->set.invited, optarg);
			break;
		case O_REVISE:
			o->revise = optarg;
			break;
		case O_REASON:
			set_str(&o->set.moved_reason, optarg);
			break;
		case O_COMMENTS:
		case O_VIDEOCONF:
		case O_NO_BROADCAST:
			if (parse_b1(cmd, ch, optarg, &o->set) != 0)
				return EXIT_USAGE;
			break;
		case O_CLEAR:
			if (strcmp(optarg, "commission") == 0)
				return cli_usage(cmd, _("--clear commission: a meeting has no "
				    "commission; the year's commission (P-1) is its members, kezdesu "
				    "commission add|remove (an older version's note: --clear "
				    "old-commission-note)"));
			o->clear = xrealloc(o->clear, (o->nclear + 1) * sizeof *o->clear);
			o->clear[o->nclear++] = optarg;
			break;
		case O_STARTED:
		case O_REPORT_END:
		case O_ENDED:
			/* Times of the meeting's day, in the office's local time (T-1). */
			if (time_parse_hm(optarg, &o->times[ch - O_STARTED]) != 0)
				return cli_usage(cmd, _("%s: '%s' is not a time (HH:MM)"),
				    time_opts[ch - O_STARTED], optarg);
			break;
		default:
			return EXIT_USAGE;
		}
	}
	return 0;
}

static void
put_copy(char **dst, const char *s)
{
	free(*dst);
	*dst = s != NULL ? xstrdup(s) : NULL;
}

/* Puts the options given on v (inside the write transaction of visit_modify). */
static int
apply(struct visit *v, void *arg, struct kz_error *e)
{
	const struct visit_opts *o = arg;

	if (GIVEN(o, O_AKIM))
		memcpy(v->akim, o->set.akim, 10);
	if (GIVEN(o, O_TARGET))
		memcpy(v->target, o->set.target, 10);
	if (GIVEN(o, O_DATE)) {
		/* Changing the date of a stored visit moves it: keep where from. */
		if (v->date != DATE_NONE && v->date != o->set.date && v->created_ms != 0) {
			v->moved_from = v->date;
			/* This move's reason, never an earlier one's (K-2, checked by core). */
			put_copy(&v->moved_reason, o->set.moved_reason);
		}
		v->date = o->set.date;
	}
	if (GIVEN(o, O_TIME))
		put_copy(&v->time, o->set.time);
	if (GIVEN(o, O_DURATION))
		v->duration_min = o->set.duration_min;
	if (GIVEN(o, O_FIELD))
		v->field = o->set.field;
	if (GIVEN(o, O_UNSCHEDULED)) {
		v->unscheduled = true;
		put_copy(&v->reason, o->set.reason);
	}
	if (GIVEN(o, O_VENUE))
		put_copy(&v->venue, o->set.venue);
	/* An announcement date announces a planned meeting, unless --status says otherwise. */
	if (GIVEN(o, O_ANNOUNCED) && v->status == VISIT_PLANNED)
		v->status = VISIT_ANNOUNCED;
	if (GIVEN(o, O_STATUS))
		v->status = o->set.status;
	if (GIVEN(o, O_ANNOUNCED))
		v->announced_on = o->set.announced_on;
	if (GIVEN(o, O_PUBLISHED))
		v->published_on = o->set.published_on;
	if (GIVEN(o, O_RECEPTIONS_END))
		v->receptions_end = o->set.receptions_end;
	if (GIVEN(o, O_CHANNELS))
		put_copy(&v->channels, o->set.channels);
	/* B-1: a broadcast and the reason there was none replace each other. */
	if (GIVEN(o, O_BROADCAST)) {
		put_copy(&v->broadcast, o->set.broadcast);
		put_copy(&v->no_broadcast, NULL);
	}
	if (GIVEN(o, O_NO_BROADCAST)) {
		put_copy(&v->no_broadcast, o->set.no_broadcast);
		put_copy(&v->broadcast, NULL);
		v->comments = COMMENTS_UNKNOWN;
	}
	if (GIVEN(o, O_COMMENTS))
		v->comments = o->set.comments;
	if (GIVEN(o, O_VIDEOCONF))
		v->videoconf = o->set.videoconf;
	if (GIVEN(o, O_INVITED))
		put_copy(&v->invited, o->set.invited);
	for (size_t i = 0; i < o->set.nattendance; i++)
		visit_set_attendance(v, o->set.attendance[i].category, o->set.attendance[i].count);
	if (GIVEN(o, O_STARTED))
		v->started_ms = compliance_instant(v->date, o->times[0]);
	if (GIVEN(o, O_REPORT_END))
		v->report_end_ms = compliance_instant(v->date, o->times[1]);
	if (GIVEN(o, O_ENDED))
		v->ended_ms = compliance_instant(v->date, o->times[2]);
	for (size_t i = 0; i < o->nclear; i++)
		if (arg_clear(&visit_kind, v, o->clear[i], e) != 0)
			return -1;
	return 0;
}

static int
visit_add_cmd(struct cli *c, int argc, char **argv)
{
	struct visit_opts o;
	struct visit v;
	char id[UID_STRLEN];
	int rc;

	visit_init(&v);
	v.duration_min = 90;
	if ((rc = parse_opts("visit add", argc, argv, &o)) != 0)
		goto out;
	if (optind != argc) {
		rc = cli_usage("visit add", _("unexpected argument '%s'"), argv[optind]);
		goto out;
	}
	if (!GIVEN(&o, O_AKIM) || !GIVEN(&o, O_TARGET) || !GIVEN(&o, O_DATE)) {
		rc = cmd_table_usage("visit add");
		goto out;
	}
	if (o.nclear > 0 || GIVEN(&o, O_REASON)) {
		rc = cli_usage("visit add", _("%s is for visit set"), o.nclear > 0 ? "--clear" :
		    "--reason (of a move)");
		goto out;
	}
	if (o.revise != NULL && GIVEN(&o, O_UNSCHEDULED)) {
		rc = cli_usage("visit add", _("--revise (a correction of the calendar, K-2) and "
		    "--unscheduled (a meeting outside it, U-1) exclude each other"));
		goto out;
	}
	if (apply(&v, &o, &c->err) != 0) {
		rc = cli_fail(c);
		goto out;
	}
	/* A meeting held away from the akim's own unit is a field meeting unless told. */
	if (!GIVEN(&o, O_FIELD))
		v.field = strcmp(v.akim, v.target) != 0;
	if (cli_open(c, 0) != 0 || calendar_add_meeting(c->store, &v, o.revise,
	    compliance_today(), &c->err) != 0) {
		rc = cli_fail(c);
		goto out;
	}
	uid_format(&v.id, id);
	printf("%s\n", id);
out:
	visit_free(&o.set);
	free(o.clear);
	visit_free(&v);
	return rc;
}

static int
visit_set_cmd(struct cli *c, int argc, char **argv)
{
	struct visit_opts o;
	struct kz_uuid id;
	int rc;

	if (argc < 2 || argv[1][0] == '-')
		return cmd_table_usage("visit set");
	if (arg_uuid("visit set", "visit", argv[1], &id) != 0)
		return EXIT_USAGE;
	rc = parse_opts("visit set", argc - 1, argv + 1, &o);
	if (rc == 0 && optind != argc - 1)
		rc = cli_usage("visit set", _("unexpected argument '%s'"), argv[optind + 1]);
	if (rc == 0 && o.revise != NULL)
		rc = cli_usage("visit set", _("--revise is for visit add; a moved meeting gives "
		    "--date D --reason TEXT (K-2)"));
	if (rc == 0 && GIVEN(&o, O_REASON) && !GIVEN(&o, O_DATE))
		rc = cli_usage("visit set", _("--reason is why the meeting moves: give it with "
		    "--date D (K-2)"));
	if (rc == 0 && (cli_open(c, 0) != 0 || visit_modify(c->store, &id, apply, &o,
	    &c->err) != 0))
		rc = cli_fail(c);
	visit_free(&o.set);
	free(o.clear);
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
		return cli_usage("visit list", _("unexpected argument '%s'"), argv[optind]);
	if (cli_open(c, 0) != 0 || visit_list(c->store, from, to, &a, &c->err) != 0)
		return cli_fail(c);
	out_records(stdout, fmt, visit_kind.desc, a.items, a.n, visit_cols);
	rec_array_free(&visit_kind, &a);
	return 0;
}

/*
 * P-3 for people: the channels' names as words. A value an older store holds as free text
 * (names outside the decree's list) is shown as it is, and said to be so.
 */
static void
show_channels(const struct visit *v)
{
	const char *bad;
	size_t badlen;
	unsigned mask;
	bool first = true;

	if (v->channels == NULL || v->channels[0] == '\0')
		return;
	fputs(_("announced through (P-3): "), stdout);
	/* The reader visit set --channels stores through (announce_channels_normalise). */
	if (namelist_parse(v->channels, announce_channel_names, AC_COUNT, &mask, &bad,
	    &badlen) != 0) {
		out_text_string(stdout, v->channels);
		fputs(_(" (free text, not names of the decree's list: visit set --channels LIST)\n"),
		    stdout);
		return;
	}
	for (int k = 0; k < AC_COUNT; k++) {
		if (!(mask & 1u << k))
			continue;
		fputs(first ? "" : ", ", stdout);
		fputs(_(announce_channel_titles[k]), stdout);
		first = false;
	}
	putchar('\n');
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
		return cmd_table_usage("visit show");
	if (arg_uuid("visit show", "visit", argv[optind], &id) != 0)
		return EXIT_USAGE;
	if (cli_open(c, 0) != 0 || visit_get(c->store, &id, &v, &c->err) != 0)
		return cli_fail(c);
	out_records(stdout, fmt, visit_kind.desc, &v, 1, visit_cols);
	if (fmt == OUT_TEXT)
		show_channels(&v);
	/* P-1: a clerk reading an older store's note should not take it for the commission. */
	if (fmt == OUT_TEXT && v.old_commission_note != NULL && v.old_commission_note[0] != '\0')
		fputs(_("old_commission_note is a note an older version kept per meeting; the year's "
		    "commission (P-1) is kezdesu commission list\n"), stdout);
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
	return cmd_table_usage("visit");
}
