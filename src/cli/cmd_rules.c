/*
 * kezdesu plan, check, due, calendar and holiday: the decree's rules (RULES.md) on the
 * office's store. The rules themselves are in core/rules*.c; this file only asks and
 * prints.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "core/calendar.h"
#include "core/compliance.h"
#include "core/dayoff.h"
#include "core/holidays.h"
#include "core/issue.h"
#include "core/node.h"
#include "core/rules.h"
#include "core/unit.h"
#include "core/unit_names.h"
#include "core/visit.h"
#include "util/xmalloc.h"
#include "util/i18n.h"

enum { O_PLANNED = 256, O_HELD, O_FORMAT, O_DATE, O_AHEAD, O_REVISION, O_REASON, O_QUARTER,
	O_HALF, O_OFF, O_WORKDAY, O_NAME, O_YEAR };

static int
parse_year(const char *cmd, const char *s, int *year)
{
	long y;

	if (arg_int(cmd, "YEAR", s, 2000, 2999, &y) != 0)
		return -1;
	*year = (int)y;
	return 0;
}

/*
 * The days that change every year (issue 7): Kurban Ait's first day and the Government's
 * transfers are not in the law, so until the office records them, plan may put a meeting
 * and due a deadline on a day off. Says so for each year from y0 to y1 of the recorded
 * days (dayoff_list), on f, each line after prefix.
 */
static void
say_missing_days(FILE *f, const char *prefix, const struct rec_array *days, int y0, int y1)
{
	for (int y = y0; y <= y1; y++) {
		int missing = dayoff_year_missing(days, y);

		if (missing & DAYOFF_NO_KURBAN)
			fprintf(f, _("%s%d: the first day of Kurban Ait is not recorded, so a meeting "
			    "or a deadline may fall on it (kezdesu holiday add DATE --off --name "
			    "\"Құрбан айт\")\n"), prefix, y);
		if (missing & DAYOFF_NO_TRANSFER)
			fprintf(f, _("%s%d: no day off transferred by the Government (nor working "
			    "Saturday) is recorded, so a meeting or a deadline may fall on one "
			    "(kezdesu holiday add DATE --off|--workday)\n"), prefix, y);
	}
}

/* ---- plan ----------------------------------------------------------------------- */

int
cmd_plan(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = { { NULL, 0, NULL, 0 } };
	struct compliance_plan p;
	struct rec_array days = { 0 };
	int year;

	optind = 0;
	if (cli_getopt("plan", argc, argv, opts) != -1)
		return EXIT_USAGE;
	if (optind + 1 != argc)
		return cmd_table_usage("plan");
	if (parse_year("plan", argv[optind], &year) != 0)
		return EXIT_USAGE;
	/*
	 * Interpretation (issue 7): a plan proposes meetings ahead; for a year already over
	 * it would only propose meetings that were never held. Its meetings are recorded as
	 * they were, with visit add --status held.
	 */
	{
		int ty, tm, td;

		date_to_ymd(compliance_today(), &ty, &tm, &td);
		if (year < ty) {
			kz_fail(&c->err, KZ_EINVAL, _("plan %d: the year is over (today is "
			    "%d-%02d-%02d); record its meetings as they were (kezdesu visit add "
			    "... --status held)"), year, ty, tm, td);
			return cli_fail(c);
		}
	}
	if (cli_open(c, 0) != 0 || compliance_plan_year(c->store, year, &p, &c->err) != 0)
		return cli_fail(c);
	printf(_("plan %d: %zu meetings required by C-1..C-5, %zu added as planned visits, "
	    "%zu already planned\n"), year, p.proposed, p.added, p.proposed - p.added);
	for (size_t i = 0; i < p.unplaced.n; i++) {
		char per[16];

		rules_period_name(year, p.unplaced.v[i].period, per);
		out_textf(stdout, _("no working day left: %s akim %s target %s %s"),
		    p.unplaced.v[i].rule, p.unplaced.v[i].akim, p.unplaced.v[i].target, per);
		putchar('\n');
	}
	compliance_plan_free(&p);
	if (dayoff_list(c->store, &days, &c->err) != 0)
		return cli_fail(c);
	say_missing_days(stdout, "notice: ", &days, year, year);
	rec_array_free(&dayoff_kind, &days);
	printf(_("see them with: kezdesu visit list --from %d-01-01 --to %d-12-31; "
	    "check with: kezdesu check %d --planned\n"), year, year, year);
	return 0;
}

/* ---- check ---------------------------------------------------------------------- */

static bool
is_violation(enum rules_status s)
{
	return s == RULES_MISSING || s == RULES_LATE || s == RULES_OVERDUE || s == RULES_OVER ||
	    s == RULES_COV_PAST;
}

/* The issue of an issue's finding (A-3 deadlines), or NULL. */
static const struct issue *
finding_issue(const struct compliance *cp, const struct rules_finding *f)
{
	return f->issue >= 0 && (size_t)f->issue < cp->issues.n ?
	    (const struct issue *)cp->issues.items + f->issue : NULL;
}

/* One finding as a tsv row or a JSON object; the columns are the same. */
static void
print_finding(enum out_format fmt, const struct compliance *cp, const struct rules_finding *f,
    bool first)
{
	const struct visit *v = f->visit >= 0 && (size_t)f->visit < cp->visits.n ?
	    (const struct visit *)cp->visits.items + f->visit : NULL;
	const struct issue *is = finding_issue(cp, f);
	char per[16], vid[UID_STRLEN] = "", date[11] = "", due[11] = "", days[16] = "";
	char iid[UID_STRLEN] = "", step[16] = "";
	/*
	 * The buffers are filled below; json names every value, tsv all but the last. issue
	 * and step (1, 2, ...: the action plan's step) came after the first nine columns.
	 */
	const char *keys[] = { "rule", "akim", "target", "period", "status", "visit", "date",
		"due", "days", "issue", "step", "what" };
	const char *vals[] = { f->rule, f->akim, f->target, per, rules_status_name(f->status),
		vid, date, due, days, iid, step, f->what };

	rules_finding_period(f, v != NULL ? v->date : DATE_NONE, per);
	if (v != NULL) {
		uid_format(&v->id, vid);
		date_format(v->date, date);
	}
	if (is != NULL) {
		uid_format(&is->id, iid);
		if (f->step >= 0)
			snprintf(step, sizeof step, "%d", f->step + 1);
	} else if (strcmp(f->rule, "K-2") == 0 && f->step > 0)
		snprintf(step, sizeof step, "%d", f->step);	/* the revision's number */
	date_format(f->due, due);
	if (f->status == RULES_PENDING || f->status == RULES_LATE ||
	    f->status == RULES_OVERDUE)
		snprintf(days, sizeof days, "%d", f->days);
	if (fmt == OUT_JSON) {
		fputs(first ? "" : ",\n", stdout);
		putchar('{');
		for (size_t k = 0, n = 0; k < sizeof keys / sizeof keys[0]; k++) {
			if (vals[k] == NULL || vals[k][0] == '\0')
				continue;
			if (n++ > 0)
				putchar(',');
			out_json_string(stdout, keys[k]);
			putchar(':');
			out_json_string(stdout, vals[k]);
		}
		/* P-2: how many requests the meeting's pool has, a number (json only: tsv
		 * keeps its columns). */
		if (strcmp(f->rule, "P-2") == 0)
			printf(",\"requests\":%d", f->value);
		putchar('}');
		return;
	}
	for (size_t k = 0; k + 1 < sizeof keys / sizeof keys[0]; k++) {
		if (k > 0)
			putchar('\t');
		out_tsv_string(stdout, vals[k] != NULL ? vals[k] : "");
	}
	putchar('\n');
}

static void
print_finding_text(const struct unit_names *nm, const struct compliance *cp,
    const struct rules_finding *f)
{
	const struct visit *v = f->visit >= 0 && (size_t)f->visit < cp->visits.n ?
	    (const struct visit *)cp->visits.items + f->visit : NULL;
	const struct issue *is = finding_issue(cp, f);
	bool past = strcmp(f->rule, RULES_PAST_NOT_HELD_RULE) == 0;
	char per[16], date[11], pad[64];

	rules_finding_period(f, v != NULL ? v->date : DATE_NONE, per);
	out_textf(stdout, "  %-4s %-8s %s ", f->rule, per,
	    out_pad(_(rules_status_name(f->status)), 8, pad, sizeof pad));
	if (f->akim[0] != '\0')
		out_text_string(stdout, unit_names_get(nm, f->akim));
	if (f->target[0] != '\0' && strcmp(f->target, f->akim) != 0) {
		fputs(" → ", stdout);
		out_text_string(stdout, unit_names_get(nm, f->target));
	}
	if (v != NULL) {
		date_format(v->date, date);
		printf(_(", meeting of %s"), date);
	}
	if (strcmp(f->rule, "K-2") == 0 && f->step > 0)
		printf(_(", revision %d"), f->step);
	if (is != NULL) {
		fputs(_(", issue «"), stdout);
		out_text_string(stdout, is->title ? is->title : "");
		fputs("»", stdout);
		if (f->step >= 0 && (size_t)f->step < is->nsteps) {
			printf(_(", step %d «"), f->step + 1);
			out_text_string(stdout, is->steps[f->step].text ?
			    is->steps[f->step].text : "");
			fputs("»", stdout);
		}
	}
	if (past) {
		/* M-1: the meeting's own date has passed; it is not a deadline of its own. */
		printf(ngettext(" (%d day ago, still %s)\n", " (%d days ago, still %s)\n", f->days),
		    f->days, _(v != NULL ? visit_status_names[v->status] : "planned"));
		return;
	}
	if (f->due != DATE_NONE) {
		date_format(f->due, date);
		printf(_(", due %s"), date);
	} else if (is != NULL)
		printf(_(", no deadline"));
	if (f->status == RULES_PENDING && f->due == DATE_NONE)
		;	/* P-1 of a year with no meeting yet: nothing to count down to */
	else if (f->status == RULES_PENDING && f->days == 0)
		printf(_(" (today)"));
	else if (f->status == RULES_PENDING)
		printf(ngettext(" (%d day left)", " (%d days left)", f->days), f->days);
	else if (f->status == RULES_LATE || f->status == RULES_OVERDUE)
		printf(ngettext(" (%d day late)", " (%d days late)", f->days), f->days);
	else if (f->status == RULES_OVER)
		printf(_(" (report %d of %d planned minutes)"), f->value, f->limit);
	putchar('\n');
}

int
cmd_check(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "planned", no_argument, NULL, O_PLANNED },
		{ "held", no_argument, NULL, O_HELD },
		{ "format", required_argument, NULL, O_FORMAT },
		{ NULL, 0, NULL, 0 }
	};
	enum out_format fmt = OUT_TEXT;
	struct rules_findings cov = { 0 }, vis = { 0 }, dl = { 0 }, p1 = { 0 };
	struct compliance cp;
	const struct unit_names *nm = NULL;
	kz_date today = compliance_today();
	int year, ty, tm, td, mode = -1, ch, rc = 0;
	size_t held = 0, ahead = 0, past = 0, open = 0, missing = 0, bad = 0, dlbad = 0;
	char ds[11];

	optind = 0;
	while ((ch = cli_getopt("check", argc, argv, opts)) != -1) {
		if (ch == O_PLANNED || ch == O_HELD)
			mode = ch == O_PLANNED ? RULES_MODE_PLANNED : RULES_MODE_HELD;
		else if (ch != O_FORMAT || arg_format("check", optarg, &fmt) != 0)
			return EXIT_USAGE;
	}
	if (optind + 1 != argc)
		return cmd_table_usage("check");
	if (parse_year("check", argv[optind], &year) != 0)
		return EXIT_USAGE;
	/*
	 * A year still running is checked against its plan, a past one against what was
	 * held; either way a past date counts only when held (rules_check_coverage_on).
	 */
	date_to_ymd(today, &ty, &tm, &td);
	if (mode < 0)
		mode = year >= ty ? RULES_MODE_PLANNED : RULES_MODE_HELD;
	if (cli_open(c, 0) != 0 || compliance_load(c->store, date_from_ymd(year, 1, 1),
	    date_from_ymd(year + 1, 1, 1), year, year, &cp, &c->err) != 0)
		return cli_fail(c);
	if (rules_check_coverage_on(cp.tree, cp.office, true, year, today, cp.rv, cp.visits.n,
	    &cov) != 0) {
		compliance_free(&cp);
		kz_fail(&c->err, KZ_EINVAL, _("unit %s: the office's unit is not an akim's unit, or "
		    "its units are not imported (kezdesu units import FILE)"), cp.office);
		return cli_fail(c);
	}
	rules_check_visits(cp.tree, cp.rv, cp.visits.n, today, &vis);
	/* P-2, P-3: the requests of each held meeting, the announcement's channels. */
	if (compliance_count_requests(c->store, &cp, &c->err) != 0) {
		rules_findings_free(&cov);
		rules_findings_free(&vis);
		compliance_free(&cp);
		return cli_fail(c);
	}
	rules_check_prep(cp.rv, cp.visits.n, &vis);
	rules_check_b1_a1(cp.rv, cp.visits.n, today, &vis);
	compliance_check_dated(&cp, year, today, &dl);
	if (fmt == OUT_TEXT) {
		nm = cli_names(c);
		date_format(today, ds);
		printf(_("Coverage %d as of %s, C-1..C-5 (%s; a past date counts only when "
		    "held):\n"), year, ds, mode == RULES_MODE_PLANNED ?
		    _("held and planned ahead are covered") : _("only held is covered"));
	} else if (fmt == OUT_JSON)
		fputs("[\n", stdout);
	for (size_t i = 0; i < cov.n; i++) {
		enum rules_status st = cov.v[i].status;

		held += st == RULES_COV_HELD;
		ahead += st == RULES_COV_PLANNED;
		past += st == RULES_COV_PAST;
		open += st == RULES_COV_OPEN;
		missing += st == RULES_MISSING;
		if (fmt == OUT_TEXT) {
			if (!rules_coverage_covered(st, (enum rules_mode)mode))
				print_finding_text(nm, &cp, &cov.v[i]);
		} else
			print_finding(fmt, &cp, &cov.v[i], i == 0);
	}
	if (fmt == OUT_TEXT)
		printf(_("  %zu targets and periods: %zu held, %zu planned ahead, %zu past their "
		    "date and not marked held, %zu open, %zu missing\n\nMeetings (M-1, P-4, T-1, "
		    "U-1, M-2, A-3, B-1, A-1; P-2, P-3), as of today:\n"), cov.n, held, ahead, past, open, missing);
	for (size_t i = 0; i < vis.n; i++) {
		bad += is_violation(vis.v[i].status);
		if (fmt != OUT_TEXT)
			print_finding(fmt, &cp, &vis.v[i], cov.n == 0 && i == 0);
		else if (vis.v[i].status != RULES_OK) {
			/* What is owed: M-2's two findings of a meeting differ only here. */
			print_finding_text(nm, &cp, &vis.v[i]);
			out_textf(stdout, "         %s", _(vis.v[i].what));
			putchar('\n');
		}
	}
	if (fmt == OUT_TEXT)
		printf(_("  %zu findings, %zu of them breaches\n\nDeadlines of the office "
		    "(K-1, K-2, K-3, A-4; G-1, G-2), as of today:\n"), vis.n, bad);
	/* Done on time, done late (days late), pending (days left) or overdue. */
	for (size_t i = 0; i < dl.n; i++) {
		dlbad += is_violation(dl.v[i].status);
		if (fmt != OUT_TEXT)
			print_finding(fmt, &cp, &dl.v[i], cov.n == 0 && vis.n == 0 && i == 0);
		else {
			print_finding_text(nm, &cp, &dl.v[i]);
			out_textf(stdout, "         %s", _(dl.v[i].what));
			putchar('\n');
		}
	}
	if (fmt == OUT_TEXT) {
		if (dl.n == 0)
			printf(_("  none\n"));
		else
			printf(_("  %zu deadlines, %zu of them breaches\n"), dl.n, dlbad);
	}
	bad += dlbad;
	/* P-1: the year's commission, before its meetings. */
	compliance_check_commission(&cp, year, today, &p1);
	if (fmt == OUT_TEXT && p1.n > 0)
		printf(_("\nBefore the meetings (P-1), as of today:\n"));
	for (size_t i = 0; i < p1.n; i++) {
		bad += is_violation(p1.v[i].status);
		if (fmt != OUT_TEXT)
			print_finding(fmt, &cp, &p1.v[i], cov.n + vis.n + dl.n + i == 0);
		else {
			print_finding_text(nm, &cp, &p1.v[i]);
			out_textf(stdout, "         %s", _(p1.v[i].what));
			putchar('\n');
		}
	}
	if (fmt == OUT_JSON)
		fputs("\n]\n", stdout);
	/*
	 * A breach: a target missing or covered only by meetings past their date and not
	 * held; checking a plan (--planned), also a period still running with nothing held
	 * or planned in it.
	 */
	if (missing > 0 || past > 0 || bad > 0 || (mode == RULES_MODE_PLANNED && open > 0))
		rc = EXIT_FAIL;
	rules_findings_free(&cov);
	rules_findings_free(&vis);
	rules_findings_free(&dl);
	rules_findings_free(&p1);
	compliance_free(&cp);
	return rc;
}

/* ---- due ------------------------------------------------------------------------ */

int
cmd_due(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "date", required_argument, NULL, O_DATE },
		{ "ahead", required_argument, NULL, O_AHEAD },
		{ "format", required_argument, NULL, O_FORMAT },
		{ NULL, 0, NULL, 0 }
	};
	enum out_format fmt = OUT_TEXT;
	kz_date today = compliance_today();
	struct rules_findings out = { 0 };
	struct compliance cp;
	long ahead = RULES_DUE_AHEAD;
	int ch, y0, y1, m, d;

	optind = 0;
	while ((ch = cli_getopt("due", argc, argv, opts)) != -1) {
		if (ch == O_DATE && arg_date("due", "--date", optarg, &today) == 0)
			continue;
		if (ch == O_AHEAD && arg_int("due", "--ahead", optarg, 1, 366, &ahead) == 0)
			continue;
		if (ch == O_FORMAT && arg_format("due", optarg, &fmt) == 0)
			continue;
		return EXIT_USAGE;
	}
	if (optind != argc)
		return cmd_table_usage("due");
	if (cli_open(c, 0) != 0 ||
	    compliance_due(c->store, today, (int)ahead, &cp, &out, &c->err) != 0)
		return cli_fail(c);
	date_to_ymd(today, &y0, &m, &d);
	date_to_ymd(today + (kz_date)ahead, &y1, &m, &d);
	/* The days compliance_due read with the rest: not a second read of the store. */
	say_missing_days(fmt == OUT_TEXT ? stdout : stderr, fmt == OUT_TEXT ? "notice: " :
	    "kezdesu: notice: ", &cp.dayoffs, y0, y1);
	if (fmt == OUT_TEXT) {
		char ds[11];

		date_format(today, ds);
		printf(_("Due on %s (the next %ld days, everything overdue, and what was done "
		    "late):\n"), ds, ahead);
		cli_due_text(cli_names(c), &cp, &out, out.n);
	} else {
		if (fmt == OUT_JSON)
			fputs("[\n", stdout);
		for (size_t i = 0; i < out.n; i++)
			print_finding(fmt, &cp, &out.v[i], i == 0);
		if (fmt == OUT_JSON)
			fputs("\n]\n", stdout);
	}
	rules_findings_free(&out);
	compliance_free(&cp);
	return 0;
}

void
cli_due_text(const struct unit_names *nm, const struct compliance *cp, const struct rules_findings *f,
    size_t max)
{
	for (size_t i = 0; i < f->n && i < max; i++) {
		print_finding_text(nm, cp, &f->v[i]);
		out_textf(stdout, "         %s", _(f->v[i].what));
		putchar('\n');
	}
	if (f->n == 0)
		printf(_("  nothing\n"));
	else if (f->n > max)
		printf(_("  … and %zu more (kezdesu due)\n"), f->n - max);
}

/* ---- calendar ------------------------------------------------------------------- */

static int
calendar_show(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "revision", required_argument, NULL, O_REVISION },
		{ "format", required_argument, NULL, O_FORMAT },
		{ NULL, 0, NULL, 0 }
	};
	static const char *const cols[] = { "date", "akim", "target", "visit", NULL };
	enum out_format fmt = OUT_TEXT;
	struct rec_array vs = { 0 };
	struct calendar cal;
	long rev = -1;
	int year, ch;

	optind = 0;
	while ((ch = cli_getopt("calendar show", argc, argv, opts)) != -1) {
		if (ch == O_REVISION && arg_int("calendar show", "--revision", optarg, 0, 10000,
		    &rev) == 0)
			continue;
		if (ch == O_FORMAT && arg_format("calendar show", optarg, &fmt) == 0)
			continue;
		return EXIT_USAGE;
	}
	if (optind + 1 != argc)
		return cmd_table_usage("calendar show");
	if (parse_year("calendar show", argv[optind], &year) != 0)
		return EXIT_USAGE;
	if (cli_open(c, 0) != 0 || calendar_get(c->store, year, &cal, &c->err) != 0)
		return cli_fail(c);
	if (rev >= 0) {
		const struct calendar_revision *r;

		if ((size_t)rev >= cal.nrevisions) {
			kz_fail(&c->err, KZ_ENOTFOUND, _("calendar %d: there is no revision %ld (it "
			    "has %zu)"), year, rev, cal.nrevisions);
			calendar_free(&cal);
			return cli_fail(c);
		}
		r = &cal.revisions[rev];
		if (fmt == OUT_JSON) {
			out_json_record(stdout, revision_kind_desc(), r);
			putchar('\n');
		} else if (fmt == OUT_TSV)
			out_records(stdout, OUT_TSV, meeting_kind_desc(), r->meetings, r->nmeetings,
			    cols);
		else {
			char d1[11], d2[11];

			date_format(r->date, d1);
			date_format(r->notified_on, d2);
			out_textf(stdout, _("calendar %d, revision %ld of %s%s%s; maslikhat notified: %s"),
			    year, rev, d1, r->reason ? _(", reason: ") : "", r->reason ? r->reason : "",
			    d2[0] ? d2 : _("not yet"));
			putchar('\n');
			out_records(stdout, OUT_TSV, meeting_kind_desc(), r->meetings,
			    r->nmeetings, cols);
		}
		calendar_free(&cal);
		return 0;
	}
	if (fmt == OUT_JSON) {
		out_json_record(stdout, calendar_kind.desc, &cal);
		putchar('\n');
	} else if (fmt == OUT_TEXT) {
		out_records(stdout, OUT_TEXT, calendar_kind.desc, &cal, 1, NULL);
	}
	if (fmt != OUT_JSON) {
		if (calendar_meetings(c->store, year, &vs, &c->err) != 0) {
			calendar_free(&cal);
			return cli_fail(c);
		}
		if (fmt == OUT_TEXT)
			printf(_("meetings now: %zu\n"), vs.n);
		{
			static const char *const vcols[] = { "date", "akim", "target", "id",
				"status", NULL };

			out_records(stdout, OUT_TSV, visit_kind.desc, vs.items, vs.n, vcols);
		}
		rec_array_free(&visit_kind, &vs);
	}
	calendar_free(&cal);
	return 0;
}

static int
calendar_step_cmd(struct cli *c, const char *cmd, enum calendar_action action, int argc,
    char **argv)
{
	static const struct option opts[] = {
		{ "date", required_argument, NULL, O_DATE },
		{ "revision", required_argument, NULL, O_REVISION },
		{ "reason", required_argument, NULL, O_REASON },
		{ "quarter", required_argument, NULL, O_QUARTER },
		{ "half", required_argument, NULL, O_HALF },
		{ NULL, 0, NULL, 0 }
	};
	struct calendar_step st = { action, compliance_today(), 0, NULL };
	long n;
	int year, ch;
	bool has_number = false;

	optind = 0;
	while ((ch = cli_getopt(cmd, argc, argv, opts)) != -1) {
		switch (ch) {
		case O_DATE:
			if (arg_date(cmd, "--date", optarg, &st.date) != 0)
				return EXIT_USAGE;
			break;
		case O_REASON:
			st.reason = optarg;
			break;
		case O_REVISION:
		case O_QUARTER:
		case O_HALF:
			if (arg_int(cmd, ch == O_REVISION ? "--revision" : ch == O_QUARTER ?
			    "--quarter" : "--half", optarg, 0, 10000, &n) != 0)
				return EXIT_USAGE;
			st.number = (int)n;
			has_number = true;
			break;
		default:
			return EXIT_USAGE;
		}
	}
	if (optind + 1 != argc)
		return cmd_table_usage(cmd);
	if (parse_year(cmd, argv[optind], &year) != 0)
		return EXIT_USAGE;
	if (action == CAL_REVISE && st.reason == NULL)
		return cli_usage(cmd, _("--reason is required: K-2 keeps why the calendar changed"));
	if ((action == CAL_PROGRESS || action == CAL_COLLECT) && !has_number)
		return cli_usage(cmd, _("%s is required"), action == CAL_PROGRESS ? "--quarter" :
		    "--half");
	if (cli_open(c, 0) != 0 || calendar_apply(c->store, year, &st, &c->err) != 0)
		return cli_fail(c);
	return 0;
}

int
cmd_calendar(struct cli *c, int argc, char **argv)
{
	static const struct {
		const char *name;
		enum calendar_action action;
	} steps[] = {
		{ "approve", CAL_APPROVE }, { "notify", CAL_NOTIFY }, { "submit", CAL_SUBMIT },
		{ "revise", CAL_REVISE }, { "progress", CAL_PROGRESS }, { "forward", CAL_FORWARD },
		{ "collect", CAL_COLLECT },
	};
	char cmd[64];

	if (argc >= 2 && strcmp(argv[1], "show") == 0)
		return calendar_show(c, argc - 1, argv + 1);
	for (size_t i = 0; argc >= 2 && i < sizeof steps / sizeof steps[0]; i++) {
		if (strcmp(argv[1], steps[i].name) != 0)
			continue;
		snprintf(cmd, sizeof cmd, "calendar %s", steps[i].name);
		return calendar_step_cmd(c, cmd, steps[i].action, argc - 1, argv + 1);
	}
	return cmd_table_usage("calendar");
}

/* ---- holiday -------------------------------------------------------------------- */

static int
holiday_list(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "year", required_argument, NULL, O_YEAR },
		{ NULL, 0, NULL, 0 }
	};
	struct rec_array days = { 0 };
	struct holidays_day *hd;
	struct holidays_extra ex;
	kz_date today = compliance_today();
	int year, m, d, ch;
	char ds[11];

	date_to_ymd(today, &year, &m, &d);
	optind = 0;
	while ((ch = cli_getopt("holiday list", argc, argv, opts)) != -1)
		if (ch != O_YEAR || parse_year("holiday list", optarg, &year) != 0)
			return EXIT_USAGE;
	if (optind != argc)
		return cmd_table_usage("holiday list");
	if (cli_open(c, 0) != 0 || dayoff_list(c->store, &days, &c->err) != 0)
		return cli_fail(c);
	dayoff_to_extra(&days, &hd, &ex.n);
	ex.v = hd;
	/* Every day of the year that is not a plain weekday or weekend: date kind name. */
	for (kz_date t = date_from_ymd(year, 1, 1); t < date_from_ymd(year + 1, 1, 1); t++) {
		const struct dayoff *rec = NULL;
		const char *name = holidays_name(t), *kind = NULL;

		name = name != NULL ? _(name) : NULL;	/* the law's name, in the language shown */

		for (size_t i = 0; i < days.n; i++)
			if (((const struct dayoff *)days.items)[i].date == t)
				rec = (const struct dayoff *)days.items + i;
		if (rec != NULL) {
			kind = rec->kind == HOLIDAYS_OFF ? "off (recorded)" : "workday (recorded)";
			name = rec->name ? rec->name : name;
		} else if (name != NULL) {
			kind = date_weekday(t) >= 5 ? "holiday (weekend)" : "holiday";
		} else if (holidays_moved_from(t) != DATE_NONE) {
			kind = "off (moved)";
			name = holidays_name(holidays_moved_from(t));
			name = name != NULL ? _(name) : NULL;
		}
		if (kind == NULL)
			continue;
		date_format(t, ds);
		printf("%s\t%s\t", ds, kind);	/* a date and a fixed word */
		out_tsv_string(stdout, name ? name : "");
		putchar('\n');
	}
	free(hd);
	rec_array_free(&dayoff_kind, &days);
	return 0;
}

static int
holiday_set(struct cli *c, int argc, char **argv, bool remove)
{
	static const struct option opts[] = {
		{ "off", no_argument, NULL, O_OFF },
		{ "workday", no_argument, NULL, O_WORKDAY },
		{ "name", required_argument, NULL, O_NAME },
		{ NULL, 0, NULL, 0 }
	};
	const char *cmd = remove ? "holiday remove" : "holiday add", *name = NULL;
	enum holidays_kind kind = 0;
	kz_date date;
	int ch;

	optind = 0;
	while ((ch = cli_getopt(cmd, argc, argv, opts)) != -1) {
		if (ch == O_OFF || ch == O_WORKDAY)
			kind = ch == O_OFF ? HOLIDAYS_OFF : HOLIDAYS_WORKDAY;
		else if (ch == O_NAME)
			name = optarg;
		else
			return EXIT_USAGE;
	}
	if (optind + 1 != argc || (!remove && kind == 0))
		return cmd_table_usage(cmd);
	if (arg_date(cmd, "DATE", argv[optind], &date) != 0)
		return EXIT_USAGE;
	if (cli_open(c, 0) != 0 || (remove ? dayoff_remove(c->store, date, &c->err) :
	    dayoff_set(c->store, date, kind, name, &c->err)) != 0)
		return cli_fail(c);
	return 0;
}

int
cmd_holiday(struct cli *c, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "list") == 0)
		return holiday_list(c, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "add") == 0)
		return holiday_set(c, argc - 1, argv + 1, false);
	if (argc >= 2 && strcmp(argv[1], "remove") == 0)
		return holiday_set(c, argc - 1, argv + 1, true);
	return cmd_table_usage("holiday");
}
