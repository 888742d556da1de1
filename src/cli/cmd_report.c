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
#include "util/i18n.h"
#include "util/xmalloc.h"

enum { O_FORMAT = 256, O_OUTPUT, O_LANG, O_BOM, O_PUBLISH, O_PERIOD };

struct report_opts {
	enum report_format fmt;
	const char *output;	/* -o FILE, or NULL: standard output */
	const char *lang;
	bool bom;
	bool publish;
	kz_date publish_on;
	const char *period;
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

static const struct {
	const char *sub;
	build_fn build;
	publish_fn publish;
} reports[] = {
	{ "results", build_results, publish_results_of },	/* */
	{ "quarterly", build_quarterly, publish_quarter },	/* */
};

/* The document into a new string (report_render into memory). */
static char *
render(const struct report_doc *d, const struct report_opts *o, size_t *len)
{
	struct report_options ro = { .bom = o->bom };
	char *buf = NULL;
	FILE *fp = open_memstream(&buf, len);

	if (fp == NULL)
		return NULL;
	if (report_render(d, o->fmt, &ro, fp) != 0) {
		fclose(fp);
		free(buf);
		return NULL;
	}
	if (fclose(fp) != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

/* Writes buf to a new temporary file beside path: its name (malloc'd), or NULL, errno set. */
static char *
write_temp(const char *path, const char *buf, size_t len)
{
	char *tmp = xasprintf("%s.XXXXXX", path);
	mode_t mask = umask(0);
	int fd, saved;
	size_t done = 0;

	umask(mask);
	if ((fd = mkstemp(tmp)) < 0) {
		free(tmp);
		return NULL;
	}
	/* A published document is for others to read: the mode a new file gets. */
	if (fchmod(fd, 0666 & ~mask) != 0)
		goto fail;
	while (done < len) {
		ssize_t w = write(fd, buf + done, len - done);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			goto fail;
		done += (size_t)w;
	}
	if (fsync(fd) != 0)
		goto fail;
	if (close(fd) != 0) {
		fd = -1;
		goto fail;
	}
	return tmp;
fail:
	saved = errno;
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	free(tmp);
	errno = saved;
	return NULL;
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
		{ NULL, 0, NULL, 0 }
	};
	struct stat st;
	int ch;

	o->fmt = REPORT_MD;
	o->lang = report_lang_default();
	o->publish_on = compliance_today();
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

int
cmd_report(struct cli *c, int argc, char **argv)
{
	struct report_opts o = { 0 };
	struct built b = { 0 };
	char cmd[64], *buf = NULL, *tmp = NULL;
	size_t len = 0, k;
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
	if ((rc = reports[k].build(c, cmd, &o, &b)) != 0)
		goto out;
	if ((buf = render(b.doc, &o, &len)) == NULL) {
		rc = EXIT_FAIL;
		fprintf(stderr, "kezdesu: %s: %s\n", cmd, strerror(errno));
		goto out;
	}
	if (o.output != NULL && (tmp = write_temp(o.output, buf, len)) == NULL) {
		rc = EXIT_FAIL;
		out_textf(stderr, _("kezdesu: %s: cannot write %s: %s"), cmd, o.output,
		    strerror(errno));
		fputc('\n', stderr);
		goto out;
	}
	/* Marked once the document is made, before it is put in place: refused, no file. */
	if (o.publish && reports[k].publish(c, &b, o.publish_on) != 0) {
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
	} else if (fwrite(buf, 1, len, stdout) != len) {
		rc = EXIT_FAIL;	/* cli_main says it cannot write the output */
	}
out:
	if (tmp != NULL) {
		unlink(tmp);
		free(tmp);
	}
	free(buf);
	free(b.visits);
	report_doc_free(&b.doc);
	return rc;
}
