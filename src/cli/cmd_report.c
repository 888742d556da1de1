/*
 * kezdesu report SUBCOMMAND: the decree's publications (issue 9), built by report/ and
 * written here: to standard output, or with -o FILE atomically (a temporary file beside
 * FILE, synced, then renamed over it: a failure leaves no half file and FILE as it was).
 *
 * --publish [D] marks the publication in the store (A-3: the meetings' publication date;
 * the calendar's progress date of the quarter), one core call, after the document is
 * made and before it is put in place: a refused date writes nothing.
 *
 * A new report is a row of `reports` below with its builder, and a row in cmd_table.c.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cmd.h"
#include "core/calendar.h"
#include "core/compliance.h"
#include "core/publish.h"
#include "report/lang.h"
#include "report/report.h"
#include "report/reports.h"
#include "report/reports_more.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

enum { O_FORMAT = 256, O_OUTPUT, O_LANG, O_BOM, O_PUBLISH, O_PERIOD, O_REVISION, O_SESSION };

struct report_opts {
	enum report_format fmt;
	const char *output;	/* -o FILE, or NULL: standard output */
	const char *lang;
	bool bom;
	bool publish;
	kz_date publish_on;
	const char *period;
	long revision;		/* report calendar --revision N; -1: the calendar now */
	kz_date session;	/* report financing --session D; DATE_NONE: the next */
	char **operands;
	int noperands;
};

/* What a report's builder returns: the document, and what --publish marks. */
struct built {
	struct report_doc *doc;
	struct kz_uuid *visits;	/* */
	size_t nvisits;
	int year, quarter;	/* */
};

typedef int (*build_fn)(struct cli *c, const char *cmd, const struct report_opts *o,
    struct built *b);
typedef int (*publish_fn)(struct cli *c, const struct built *b, kz_date on);

/* "FROM..TO", both dates, FROM not after TO. */
static int
parse_period(const char *cmd, const char *s, kz_date *from, kz_date *to)
{
	const char *dots = strstr(s, "..");
	char a[16];

	if (dots == NULL || (size_t)(dots - s) >= sizeof a) {
		cli_usage(cmd, _("--period: '%s' is not FROM..TO (YYYY-MM-DD..YYYY-MM-DD)"), s);
		return -1;
	}
	snprintf(a, sizeof a, "%.*s", (int)(dots - s), s);
	if (arg_date(cmd, "--period", a, from) != 0 || arg_date(cmd, "--period", dots + 2, to) != 0)
		return -1;
	if (*from > *to) {
		cli_usage(cmd, _("--period: %s is after %s"), a, dots + 2);
		return -1;
	}
	return 0;
}

static int
build_results(struct cli *c, const char *cmd, const struct report_opts *o, struct built *b)
{
	struct report_results_scope sc = { 0 };
	struct kz_uuid *ids = NULL;
	int rc;

	if ((o->period != NULL) == (o->noperands > 0))
		return cli_usage(cmd, "%s", o->period != NULL ?
		    _("give meetings or --period, not both") :
		    _("which meetings? VISIT... or --period FROM..TO"));
	if (o->period != NULL && parse_period(cmd, o->period, &sc.from, &sc.to) != 0)
		return EXIT_USAGE;
	if (o->noperands > 0) {
		ids = xcalloc((size_t)o->noperands, sizeof *ids);
		for (int i = 0; i < o->noperands; i++)
			if (arg_uuid(cmd, _("meeting"), o->operands[i], &ids[i]) != 0) {
				free(ids);
				return EXIT_USAGE;
			}
		sc.visits = ids;
		sc.nvisits = (size_t)o->noperands;
	}
	rc = cli_open(c, 0) != 0 || report_results(c->store, &sc, o->lang, compliance_today(),
	    &b->doc, &b->visits, &b->nvisits, &c->err) != 0 ? cli_fail(c) : 0;
	free(ids);
	return rc;
}

static int
publish_results_of(struct cli *c, const struct built *b, kz_date on)
{
	size_t marked;
	char d[11];

	if (publish_results(c->store, b->visits, b->nvisits, on, &marked, &c->err) != 0)
		return -1;
	date_format(on, d);
	fprintf(stderr, _("kezdesu: results published on %s (A-3), meetings marked: %zu"), d,
	    marked);
	if (marked < b->nvisits)
		fprintf(stderr, _("; %zu published before keep their date"), b->nvisits - marked);
	fputc('\n', stderr);
	return 0;
}

static int
build_quarterly(struct cli *c, const char *cmd, const struct report_opts *o, struct built *b)
{
	if (o->period != NULL)
		return cli_usage(cmd, "%s", _("--period is for report results"));
	if (o->noperands != 1)
		return cli_usage(cmd, "%s", o->noperands == 0 ? _("which quarter? YYYY-Qn") :
		    _("one quarter at a time"));
	if (report_parse_quarter(o->operands[0], &b->year, &b->quarter) != 0)
		return cli_usage(cmd, _("'%s' is not a quarter (YYYY-Qn, n from 1 to 4)"),
		    o->operands[0]);
	if (cli_open(c, 0) != 0 || report_quarterly(c->store, b->year, b->quarter, o->lang,
	    compliance_today(), &b->doc, &c->err) != 0)
		return cli_fail(c);
	return 0;
}

static int
publish_quarter(struct cli *c, const struct built *b, kz_date on)
{
	struct calendar_step st = { .action = CAL_PROGRESS, .date = on, .number = b->quarter };
	char d[11];

	if (calendar_apply(c->store, b->year, &st, &c->err) != 0)
		return -1;
	date_format(on, d);
	fprintf(stderr, _("kezdesu: the progress of %d-Q%d marked published on %s (A-4)\n"),
	    b->year, b->quarter, d);
	return 0;
}

/* ---- report calendar, central, financing (K-1, K-3, G-1; G-2, G-3; A-2) ---- */

/*
 * What these three do not take: --publish (they mark nothing in the store: the calendar's
 * steps are recorded with kezdesu calendar approve|notify|submit|forward|collect), --period,
 * and each other's options.
 */
static int
refuse_others(const char *cmd, const struct report_opts *o, bool revision, bool session)
{
	if (o->publish)
		return cli_usage(cmd, "%s", _("--publish is for report results and report "
		    "quarterly"));
	if (o->period != NULL)
		return cli_usage(cmd, "%s", _("--period is for report results"));
	if (o->revision >= 0 && !revision)
		return cli_usage(cmd, "%s", _("--revision is for report calendar"));
	if (o->session != DATE_NONE && !session)
		return cli_usage(cmd, "%s", _("--session is for report financing"));
	return 0;
}

/* YEAR, the one operand of report calendar and report central. */
static int
one_year(const char *cmd, const struct report_opts *o, int *year)
{
	long y;

	if (o->noperands != 1)
		return cli_usage(cmd, "%s", o->noperands == 0 ? _("which year? YEAR") :
		    _("one year at a time"));
	if (arg_int(cmd, "YEAR", o->operands[0], 2000, 2999, &y) != 0)
		return EXIT_USAGE;
	*year = (int)y;
	return 0;
}

static int
build_calendar(struct cli *c, const char *cmd, const struct report_opts *o, struct built *b)
{
	int rc;

	if ((rc = refuse_others(cmd, o, true, false)) != 0 ||
	    (rc = one_year(cmd, o, &b->year)) != 0)
		return rc;
	if (cli_open(c, 0) != 0 || report_calendar(c->store, b->year, (int)o->revision, o->lang,
	    compliance_today(), &b->doc, &c->err) != 0)
		return cli_fail(c);
	return 0;
}

static int
build_central(struct cli *c, const char *cmd, const struct report_opts *o, struct built *b)
{
	int rc;

	if ((rc = refuse_others(cmd, o, false, false)) != 0 ||
	    (rc = one_year(cmd, o, &b->year)) != 0)
		return rc;
	if (cli_open(c, 0) != 0 || report_central(c->store, b->year, o->lang,
	    compliance_today(), &b->doc, &c->err) != 0)
		return cli_fail(c);
	return 0;
}

static int
build_financing(struct cli *c, const char *cmd, const struct report_opts *o, struct built *b)
{
	int rc;

	if ((rc = refuse_others(cmd, o, false, true)) != 0)
		return rc;
	if (o->noperands > 0)
		return cli_usage(cmd, _("unexpected argument '%s'"), o->operands[0]);
	if (cli_open(c, 0) != 0 || report_financing(c->store, o->session, o->lang,
	    compliance_today(), &b->doc, &c->err) != 0)
		return cli_fail(c);
	return 0;
}

static const struct {
	const char *sub;
	build_fn build;
	publish_fn publish;
} reports[] = {
	{ "results", build_results, publish_results_of },	/* */
	{ "quarterly", build_quarterly, publish_quarter },	/* */
	{ "calendar", build_calendar, NULL },			/* K-1, K-3, G-1 */
	{ "central", build_central, NULL },			/* G-2, G-3 */
	{ "financing", build_financing, NULL },			/* */
};

/*
 * A new temporary file beside path, for others to read (the mode a new file gets): its
 * stream, and its name in *tmp (malloc'd); NULL with errno set.
 */
static FILE *
open_temp(const char *path, char **tmp)
{
	mode_t mask = umask(0);
	FILE *fp;
	int fd, saved;

	umask(mask);
	*tmp = xasprintf("%s.XXXXXX", path);
	if ((fd = mkstemp(*tmp)) < 0)
		goto fail;
	if (fchmod(fd, 0666 & ~mask) != 0 || (fp = fdopen(fd, "w")) == NULL) {
		saved = errno;
		close(fd);
		unlink(*tmp);
		errno = saved;
		goto fail;
	}
	return fp;
fail:
	free(*tmp);
	*tmp = NULL;
	return NULL;
}

/* Flushes, syncs and closes a temporary file: 0, or -1 with errno set. */
static int
close_temp(FILE *fp)
{
	int saved;

	if (fflush(fp) != 0 || fsync(fileno(fp)) != 0) {
		saved = errno;
		fclose(fp);
		errno = saved;
		return -1;
	}
	return fclose(fp);
}

/* The rest of fp, from its start, to standard output: 0, or -1. */
static int
copy_out(FILE *fp)
{
	char buf[65536];
	size_t n;

	rewind(fp);
	while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
		if (fwrite(buf, 1, n, stdout) != n)
			return -1;
	return ferror(fp) ? -1 : 0;
}

static int
parse_opts(const char *cmd, int argc, char **argv, struct report_opts *o)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, O_FORMAT },
		{ "output", required_argument, NULL, O_OUTPUT },
		{ "lang", required_argument, NULL, O_LANG },
		{ "bom", no_argument, NULL, O_BOM },
		{ "publish", optional_argument, NULL, O_PUBLISH },
		{ "period", required_argument, NULL, O_PERIOD },
		{ "revision", required_argument, NULL, O_REVISION },
		{ "session", required_argument, NULL, O_SESSION },
		{ NULL, 0, NULL, 0 }
	};
	struct stat st;
	int ch;

	o->fmt = REPORT_MD;
	o->lang = report_lang_default();
	o->publish_on = compliance_today();
	o->revision = -1;
	o->session = DATE_NONE;
	/* -o FILE is --output FILE (the commands take long options only). */
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			break;
		if (strcmp(argv[i], "-o") == 0)
			argv[i] = (char *)"--output";
	}
	optind = 0;
	while ((ch = cli_getopt(cmd, argc, argv, opts)) != -1) {
		switch (ch) {
		case O_FORMAT:
			if (report_format_parse(optarg, &o->fmt) != 0)
				return cli_usage(cmd, _("--format: '%s' is not md, html or csv"),
				    optarg);
			break;
		case O_OUTPUT:
			if (optarg[0] == '\0')
				return cli_usage(cmd, "%s", _("-o: empty file name"));
			o->output = optarg;
			break;
		case O_LANG:
			if (report_lang_valid(optarg) != 0)
				return cli_usage(cmd, _("--lang: '%s' is not kk, ru or en"), optarg);
			o->lang = optarg;
			break;
		case O_BOM:
			o->bom = true;
			break;
		case O_PUBLISH:
			o->publish = true;
			/* --publish D: the date may follow as the next word. */
			if (optarg == NULL && optind < argc && date_parse(argv[optind],
			    &o->publish_on) == 0)
				optind++;
			else if (optarg != NULL && arg_date(cmd, "--publish", optarg,
			    &o->publish_on) != 0)
				return EXIT_USAGE;
			break;
		case O_PERIOD:
			o->period = optarg;
			break;
		case O_REVISION:
			if (arg_int(cmd, "--revision", optarg, 0, 10000, &o->revision) != 0)
				return EXIT_USAGE;
			break;
		case O_SESSION:
			if (arg_date(cmd, "--session", optarg, &o->session) != 0)
				return EXIT_USAGE;
			break;
		default:
			return EXIT_USAGE;
		}
	}
	if (o->bom && o->fmt != REPORT_CSV)
		return cli_usage(cmd, "%s", _("--bom is for --format csv"));
	/* Known before anything is marked published: rename would refuse it only after. */
	if (o->output != NULL && stat(o->output, &st) == 0 && S_ISDIR(st.st_mode))
		return cli_usage(cmd, _("-o: %s is a directory"), o->output);
	o->operands = argv + optind;
	o->noperands = argc - optind;
	return 0;
}

/*
 * Where the document is written as it is rendered, never whole in memory (a region's
 * quarter is tens of MiB): -o FILE, a temporary file beside it; standard output when
 * nothing is to be marked, else a temporary file copied out once the mark is made.
 */
int
cmd_report(struct cli *c, int argc, char **argv)
{
	struct report_opts o = { 0 };
	struct report_options ro;
	struct built b = { 0 };
	char cmd[64], *tmp = NULL;
	FILE *fp = NULL;
	size_t k;
	int rc;

	if (argc < 2)
		return cmd_table_usage("report");
	for (k = 0; k < sizeof reports / sizeof reports[0]; k++)
		if (strcmp(argv[1], reports[k].sub) == 0)
			break;
	if (k == sizeof reports / sizeof reports[0])
		return cmd_table_usage("report");
	snprintf(cmd, sizeof cmd, "report %s", reports[k].sub);
	if ((rc = parse_opts(cmd, argc - 1, argv + 1, &o)) != 0)
		return rc;
	ro.bom = o.bom;
	if ((rc = reports[k].build(c, cmd, &o, &b)) != 0)
		goto out;
	if (o.output != NULL)
		fp = open_temp(o.output, &tmp);
	else if (o.publish && reports[k].publish != NULL)
		fp = tmpfile();
	else
		fp = stdout;
	if (fp == NULL) {
		rc = EXIT_FAIL;
		out_textf(stderr, _("kezdesu: %s: cannot write %s: %s"), cmd, o.output != NULL ?
		    o.output : _("a temporary file"), strerror(errno));
		fputc('\n', stderr);
		goto out;
	}
	if (report_render(b.doc, o.fmt, &ro, fp) != 0) {
		rc = EXIT_FAIL;
		if (report_doc_error(b.doc) != NULL)
			out_textf(stderr, "kezdesu: %s: %s", cmd, report_doc_error(b.doc));
		else
			out_textf(stderr, "kezdesu: %s: %s", cmd, strerror(errno));
		fputc('\n', stderr);
		goto out;
	}
	if (tmp != NULL) {
		rc = close_temp(fp);
		fp = NULL;
		if (rc != 0) {
			rc = EXIT_FAIL;
			out_textf(stderr, _("kezdesu: %s: cannot write %s: %s"), cmd, o.output,
			    strerror(errno));
			fputc('\n', stderr);
			goto out;
		}
	}
	/* Marked once the document is made, before it is put in place: refused, no file. */
	if (o.publish && reports[k].publish != NULL && reports[k].publish(c, &b,
	    o.publish_on) != 0) {
		rc = cli_fail(c);
		goto out;
	}
	if (tmp != NULL) {
		if (rename(tmp, o.output) != 0) {
			rc = EXIT_FAIL;
			out_textf(stderr, _("kezdesu: %s: cannot write %s: %s"), cmd, o.output,
			    strerror(errno));
			fputc('\n', stderr);
			goto out;
		}
		free(tmp);
		tmp = NULL;
	} else if (fp != stdout && copy_out(fp) != 0) {
		rc = EXIT_FAIL;	/* cli_main says it cannot write the output */
	}
out:
	if (fp != NULL && fp != stdout)
		fclose(fp);
	if (tmp != NULL) {
		unlink(tmp);
		free(tmp);
	}
	free(b.visits);
	report_doc_free(&b.doc);
	return rc;
}
