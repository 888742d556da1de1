/* kezdesu issue: problem issues, their executors, deadlines, action plans and status. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "core/compliance.h"
#include "core/issue.h"
#include "core/question.h"
#include "core/view.h"
#include "core/text.h"
#include "core/unit.h"
#include "util/clock.h"
#include "util/xmalloc.h"
#include "util/i18n.h"

static const char *const issue_cols[] = {
	"id", "status", "deadline", "level", "unit", "executor", "title", NULL
};

enum {
	O_TITLE = 256, O_TOPIC, O_UNIT, O_LEVEL, O_EXECUTOR, O_DEADLINE, O_VISIT, O_STATUS,
	O_NOTE, O_STEP, O_STEP_EXECUTOR, O_STEP_DEADLINE, O_STEP_DONE, O_PROGRESS,
	O_NEEDS_SESSION, O_AMOUNT, O_SESSION_DATE, O_DECISION, O_FORMAT, O_MOVE, O_CLEAR,
	O_OVERDUE,
	O_BODY		/* G-3 */
};

static const struct option issue_opts[] = {
	{ "title", required_argument, NULL, O_TITLE },
	{ "topic", required_argument, NULL, O_TOPIC },
	{ "unit", required_argument, NULL, O_UNIT },
	{ "level", required_argument, NULL, O_LEVEL },
	{ "executor", required_argument, NULL, O_EXECUTOR },
	{ "deadline", required_argument, NULL, O_DEADLINE },
	{ "visit", required_argument, NULL, O_VISIT },
	{ "status", required_argument, NULL, O_STATUS },
	{ "note", required_argument, NULL, O_NOTE },
	{ "step", required_argument, NULL, O_STEP },
	{ "step-executor", required_argument, NULL, O_STEP_EXECUTOR },
	{ "step-deadline", required_argument, NULL, O_STEP_DEADLINE },
	{ "step-done", required_argument, NULL, O_STEP_DONE },
	{ "progress", required_argument, NULL, O_PROGRESS },
	{ "needs-session", required_argument, NULL, O_NEEDS_SESSION },
	{ "amount", required_argument, NULL, O_AMOUNT },
	{ "session-date", required_argument, NULL, O_SESSION_DATE },
	{ "decision", required_argument, NULL, O_DECISION },
	{ "clear", required_argument, NULL, O_CLEAR },
	{ "body", required_argument, NULL, O_BODY },
	{ NULL, 0, NULL, 0 }
};

/* The options of issue add / issue set, parsed once and applied inside the transaction. */
struct issue_opts {
	struct issue set;	/* values given; the has_* flags tell which */
	bool has_title, has_topic, has_unit, has_level, has_executor, has_deadline, has_visit;
	bool has_status, has_needs_session, has_amount, has_session_date, has_decision;
	bool has_body;		/* G-3 */
	const char *note;
	struct new_step {	/* each --step TEXT with the options that follow it */
		const char *text, *executor;
		kz_date deadline;
	} *steps;
	size_t nsteps;
	const char **clear;	/* --clear FIELD, each (into argv) */
	size_t nclear;
	long step_done;		/* 1-based number of a step to mark done, 0 none */
	const char *progress;	/* "2026-Q1:text" */
	kz_date today;		/* the office's local day, for a step done */
	int64_t now_ms;		/* when a progress note is written */
};

static void
put_str(char **dst, const char *s)
{
	free(*dst);
	*dst = s != NULL && s[0] != '\0' ? xstrdup(s) : NULL;
}

static int
parse_opts(const char *cmd, int argc, char **argv, struct issue_opts *o)
{
	long n;
	int ch;

	issue_init(&o->set);
	optind = 0;
	while ((ch = cli_getopt(cmd, argc, argv, issue_opts)) != -1) {
		switch (ch) {
		case O_TITLE:
			put_str(&o->set.title, optarg);
			o->has_title = true;
			break;
		case O_TOPIC:
			put_str(&o->set.topic, optarg);
			o->has_topic = true;
			break;
		case O_UNIT:
			if (!unit_code_valid(optarg))
				return cli_usage(cmd, _("--unit: '%s' is not a nine-digit KATO code"),
				    optarg);
			memcpy(o->set.unit, optarg, 10);
			o->has_unit = true;
			break;
		case O_LEVEL:
			if (arg_enum(cmd, "--level", optarg, issue_level_names, LEVEL_COUNT,
			    &o->set.level) != 0)
				return EXIT_USAGE;
			o->has_level = true;
			break;
		case O_EXECUTOR:
			put_str(&o->set.executor, optarg);
			o->has_executor = true;
			break;
		case O_DEADLINE:
			if (arg_date(cmd, "--deadline", optarg, &o->set.deadline) != 0)
				return EXIT_USAGE;
			o->has_deadline = true;
			break;
		case O_VISIT:
			if (arg_uuid(cmd, "--visit", optarg, &o->set.visit) != 0)
				return EXIT_USAGE;
			o->has_visit = true;
			break;
		case O_STATUS:
			if (arg_enum(cmd, "--status", optarg, issue_status_names,
			    ISSUE_STATUS_COUNT, &o->set.status) != 0)
				return EXIT_USAGE;
			o->has_status = true;
			break;
		case O_NOTE:
			o->note = optarg;
			break;
		case O_STEP:
			o->steps = xrealloc(o->steps, (o->nsteps + 1) * sizeof *o->steps);
			o->steps[o->nsteps++] = (struct new_step){ optarg, NULL, DATE_NONE };
			break;
		case O_STEP_EXECUTOR:
		case O_STEP_DEADLINE: {
			/* Each belongs to the --step before it: never mixed into another step. */
			const char *opt = ch == O_STEP_EXECUTOR ? "--step-executor" :
			    "--step-deadline";
			struct new_step *st = o->nsteps > 0 ? &o->steps[o->nsteps - 1] : NULL;

			if (st == NULL)
				return cli_usage(cmd, _("%s goes after the --step TEXT it belongs to"),
				    opt);
			if (ch == O_STEP_EXECUTOR ? st->executor != NULL :
			    st->deadline != DATE_NONE)
				return cli_usage(cmd, _("%s given twice for step '%s' (each step is "
				    "--step TEXT followed by its own options)"), opt, st->text);
			if (ch == O_STEP_EXECUTOR)
				st->executor = optarg;
			else if (arg_date(cmd, "--step-deadline", optarg, &st->deadline) != 0)
				return EXIT_USAGE;
			break;
		}
		case O_STEP_DONE:
			if (arg_int(cmd, "--step-done", optarg, 1, 1000, &o->step_done) != 0)
				return EXIT_USAGE;
			break;
		case O_PROGRESS:
			if (strlen(optarg) < 9 || optarg[4] != '-' || optarg[5] != 'Q' ||
			    optarg[6] < '1' || optarg[6] > '4' || optarg[7] != ':')
				return cli_usage(cmd, _("--progress: '%s' is not YYYY-QN:TEXT"), optarg);
			o->progress = optarg;
			break;
		case O_NEEDS_SESSION: {
			/* whether financing needs a session of the maslikhat. */
			static const char *const yes_no[] = { "no", "yes" };
			int yes;

			if (arg_enum(cmd, "--needs-session", optarg, yes_no, 2, &yes) != 0)
				return EXIT_USAGE;
			o->set.needs_session = yes;
			o->has_needs_session = true;
			break;
		}
		case O_BODY:
			if (optarg[0] == '\0')
				return cli_usage(cmd, _("--body: the name of the central executive "
				    "body, national holding or company (G-3); --clear body removes it"));
			put_str(&o->set.body, optarg);
			o->has_body = true;
			break;
		case O_AMOUNT:
			if (arg_int(cmd, "--amount", optarg, 0, 1000000000000L, &n) != 0)
				return EXIT_USAGE;
			o->set.amount = n;
			o->has_amount = true;
			break;
		case O_SESSION_DATE:
			if (arg_date(cmd, "--session-date", optarg, &o->set.session_date) != 0)
				return EXIT_USAGE;
			o->has_session_date = true;
			break;
		case O_DECISION:
			put_str(&o->set.decision, optarg);
			o->has_decision = true;
			break;
		case O_CLEAR:
			o->clear = xrealloc(o->clear, (o->nclear + 1) * sizeof *o->clear);
			o->clear[o->nclear++] = optarg;
			break;
		default:
			return EXIT_USAGE;
		}
	}
	return 0;
}

/* Applies the parsed options to i (inside the write transaction of issue_modify). */
static int
apply(struct issue *i, void *arg, struct kz_error *e)
{
	struct issue_opts *o = arg;
	char quarter[8];

	if (o->has_title)
		put_str(&i->title, o->set.title);
	if (o->has_topic)
		put_str(&i->topic, o->set.topic);
	if (o->has_unit)
		memcpy(i->unit, o->set.unit, 10);
	if (o->has_level)
		i->level = o->set.level;
	if (o->has_executor)
		put_str(&i->executor, o->set.executor);
	if (o->has_deadline)
		i->deadline = o->set.deadline;
	if (o->has_visit)
		issue_add_visit(i, &o->set.visit);
	if (o->has_status)
		i->status = o->set.status;
	if (o->has_needs_session)
		i->needs_session = o->set.needs_session;
	/* G-3: naming a central body makes the issue one of central competence, unless told. */
	if (o->has_body) {
		put_str(&i->body, o->set.body);
		if (!o->has_level)
			i->level = LEVEL_CENTRAL;
	}
	if (o->has_amount)
		i->amount = o->set.amount;
	if (o->has_session_date)
		i->session_date = o->set.session_date;
	if (o->has_decision)
		put_str(&i->decision, o->set.decision);
	/* New steps come after the existing ones, in the order given (issue show's numbers). */
	for (size_t k = 0; k < o->nsteps; k++)
		issue_add_step(i, o->steps[k].text, o->steps[k].executor, o->steps[k].deadline);
	if (o->step_done > 0) {
		if ((size_t)o->step_done > i->nsteps)
			return kz_fail(e, KZ_EINVAL, _("issue: there is no step %ld (it has %zu)"),
			    o->step_done, i->nsteps);
		i->steps[o->step_done - 1].done = true;
		i->steps[o->step_done - 1].done_on = o->today;
	}
	if (o->progress != NULL) {
		memcpy(quarter, o->progress, 7);
		quarter[7] = '\0';
		issue_add_progress(i, quarter, o->progress + 8, o->now_ms);
	}
	for (size_t k = 0; k < o->nclear; k++)
		if (arg_clear(&issue_kind, i, o->clear[k], e) != 0)
			return -1;
	return 0;
}

static int
issue_add_cmd(struct cli *c, int argc, char **argv)
{
	struct issue_opts o = { 0 };
	struct issue i;
	char id[UID_STRLEN];
	int rc;

	issue_init(&i);
	if ((rc = parse_opts("issue add", argc, argv, &o)) != 0)
		goto out;
	if (!o.has_title || optind != argc) {
		rc = cmd_table_usage("issue add");
		goto out;
	}
	if (o.step_done > 0 || o.progress != NULL || o.note != NULL || o.nclear > 0) {
		rc = cli_usage("issue add", _("--step-done, --progress, --note and --clear are for "
		    "issue set"));
		goto out;
	}
	if (apply(&i, &o, &c->err) != 0 || cli_open(c, 0) != 0 ||
	    issue_add(c->store, &i, &c->err) != 0) {
		rc = cli_fail(c);
		goto out;
	}
	uid_format(&i.id, id);
	printf("%s\n", id);
out:
	issue_free(&o.set);
	free(o.steps);
	free(o.clear);
	issue_free(&i);
	return rc;
}

static int
issue_set_cmd(struct cli *c, int argc, char **argv)
{
	struct issue_opts o = { 0 };
	struct kz_uuid id;
	int rc;

	if (argc < 2 || argv[1][0] == '-')
		return cmd_table_usage("issue set");
	if (arg_uuid("issue set", "issue", argv[1], &id) != 0)
		return EXIT_USAGE;
	if ((rc = parse_opts("issue set", argc - 1, argv + 1, &o)) == 0) {
		if (optind != argc - 1)
			rc = cli_usage("issue set", _("unexpected argument '%s'"), argv[optind + 1]);
		else if (cli_open(c, 0) != 0)
			rc = cli_fail(c);
		else {
			o.today = compliance_today();
			o.now_ms = clock_now_ms();
			if (issue_modify(c->store, &id, apply, &o, o.note, &c->err) != 0)
				rc = cli_fail(c);
		}
	}
	issue_free(&o.set);
	free(o.steps);
	free(o.clear);
	return rc;
}

/* What issue list shows: every filter given must hold. */
struct issue_filter {
	bool by_visit, overdue;
	int level;		/* enum issue_level, -1: any (G-3: central) */
	struct kz_uuid visit;
	char unit_prefix[10];	/* the unit and what lies under it in the classifier */
	char *executor;		/* folded: a part of the executor's name, any case */
	char *body;		/* G-3, folded: a part of the central body's name */
	kz_date today;
};

static bool
issue_passes(const struct issue *i, const struct issue_filter *f)
{
	if (f->by_visit) {
		bool seen = uid_cmp(&i->visit, &f->visit) == 0;

		for (size_t k = 0; k < i->nvisits && !seen; k++)
			seen = uid_cmp(&i->visits[k].eid, &f->visit) == 0;
		if (!seen)
			return false;
	}
	if (f->unit_prefix[0] != '\0' &&
	    strncmp(i->unit, f->unit_prefix, strlen(f->unit_prefix)) != 0)
		return false;
	if (f->executor != NULL && !text_folded_has(i->executor, f->executor))
		return false;
	if (f->level >= 0 && i->level != f->level)
		return false;
	if (f->body != NULL && !text_folded_has(i->body, f->body))
		return false;
	return !f->overdue || issue_overdue(i, f->today);
}

static int
issue_list_cmd(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "status", required_argument, NULL, O_STATUS },
		{ "visit", required_argument, NULL, O_VISIT },
		{ "unit", required_argument, NULL, O_UNIT },
		{ "executor", required_argument, NULL, O_EXECUTOR },
		{ "overdue", no_argument, NULL, O_OVERDUE },
		{ "level", required_argument, NULL, O_LEVEL },
		{ "body", required_argument, NULL, O_BODY },
		{ "format", required_argument, NULL, O_FORMAT },
		{ NULL, 0, NULL, 0 }
	};
	const char *cmd = "issue list";
	enum out_format fmt = OUT_TSV;
	struct issue_filter f = { .today = compliance_today(), .level = -1 };
	struct rec_array a = { 0 };
	struct rec_cursor cur = { .valid = false };
	enum rec_page_dir dir = PAGE_FIRST;
	struct out_stream st;
	struct view *v;
	size_t got, pages = 0;
	int ch, status = -1, rc = 0;

	optind = 0;
	while ((ch = cli_getopt(cmd, argc, argv, opts)) != -1) {
		if (ch == O_STATUS && arg_enum(cmd, "--status", optarg, issue_status_names,
		    ISSUE_STATUS_COUNT, &status) == 0)
			continue;
		if (ch == O_VISIT && arg_uuid(cmd, "--visit", optarg, &f.visit) == 0) {
			f.by_visit = true;
			continue;
		}
		/* Every unit lies under the Government: no filter (RULES.md). */
		if (ch == O_UNIT && unit_is_government(optarg))
			continue;
		if (ch == O_UNIT && unit_code_valid(optarg)) {
			unit_own_digits(optarg, f.unit_prefix);
			continue;
		}
		if (ch == O_UNIT) {
			free(f.executor);
			return cli_usage(cmd, _("--unit: '%s' is not a KATO code (nine digits)"), optarg);
		}
		if (ch == O_EXECUTOR && f.executor != NULL) {
			free(f.executor);
			return cli_usage(cmd, _("--executor given twice"));
		}
		if (ch == O_EXECUTOR) {
			f.executor = xmalloc(strlen(optarg) + 1);
			f.executor[text_fold(optarg, strlen(optarg), f.executor)] = '\0';
			continue;
		}
		if (ch == O_OVERDUE) {
			f.overdue = true;
			continue;
		}
		/* G-3: the Government lists the issues in central bodies' competence. */
		if (ch == O_LEVEL && arg_enum(cmd, "--level", optarg, issue_level_names,
		    LEVEL_COUNT, &f.level) == 0)
			continue;
		if (ch == O_FORMAT && arg_format(cmd, optarg, &fmt) == 0)
			continue;
		/* G-3: the issues of one central body, by a part of its name in any case. */
		if (ch == O_BODY && f.body == NULL) {
			f.body = xmalloc(strlen(optarg) + 1);
			f.body[text_fold(optarg, strlen(optarg), f.body)] = '\0';
			continue;
		}
		if (ch == O_BODY)
			cli_usage(cmd, _("--body given twice"));
		free(f.executor);
		free(f.body);
		return EXIT_USAGE;
	}
	if (optind != argc) {
		free(f.executor);
		free(f.body);
		return cli_usage(cmd, _("unexpected argument '%s'"), argv[optind]);
	}
	if (cli_open(c, 0) != 0 || view_open(c->store, &v, &c->err) != 0) {
		free(f.executor);
		free(f.body);
		return cli_fail(c);
	}
	/* A page at a time from one read view, oldest first: no list is held whole. */
	out_stream_begin(&st, stdout, fmt, issue_kind.desc, issue_cols);
	do {
		struct issue *items;

		rec_array_free(&issue_kind, &a);
		if (view_issues(v, status, &cur, dir, 512, &a, &c->err) != 0) {
			rc = -1;
			break;
		}
		got = a.n;
		items = a.items;
		for (size_t k = 0; k < a.n; k++)
			if (issue_passes(&items[k], &f))
				out_stream_records(&st, &items[k], 1, false);
		if (++pages % 64 == 0)
			view_release_pages(v);
		dir = PAGE_AFTER;
	} while (got == 512);
	rec_array_free(&issue_kind, &a);
	out_stream_end(&st);
	view_close(&v);
	free(f.executor);
	free(f.body);
	return rc == 0 ? 0 : cli_fail(c);
}

static int
issue_show_cmd(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, O_FORMAT },
		{ NULL, 0, NULL, 0 }
	};
	enum out_format fmt = OUT_TEXT;
	struct kz_uuid id;
	struct issue i;
	int ch;

	optind = 0;
	while ((ch = cli_getopt("issue show", argc, argv, opts)) != -1)
		if (ch != O_FORMAT || arg_format("issue show", optarg, &fmt) != 0)
			return EXIT_USAGE;
	if (optind + 1 != argc)
		return cmd_table_usage("issue show");
	if (arg_uuid("issue show", "issue", argv[optind], &id) != 0)
		return EXIT_USAGE;
	if (cli_open(c, 0) != 0 || issue_get(c->store, &id, &i, &c->err) != 0)
		return cli_fail(c);
	out_records(stdout, fmt, issue_kind.desc, &i, 1, issue_cols);
	issue_free(&i);
	/* For people, the questions it was made of; programs ask question list --issue. */
	if (fmt == OUT_TEXT) {
		struct rec_array qs = { 0 };

		if (question_list_issue(c->store, &id, &qs, &c->err) != 0)
			return cli_fail(c);
		for (size_t k = 0; k < qs.n; k++) {
			const struct question *q = (const struct question *)qs.items + k;
			char qid[UID_STRLEN];

			uid_format(&q->id, qid);
			printf(_("question %zu: %s\n  "), k + 1, qid);
			out_text_string(stdout, q->text);
			fputc('\n', stdout);
		}
		rec_array_free(&question_kind, &qs);
	}
	return 0;
}

static int
issue_link_cmd(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "move", no_argument, NULL, O_MOVE },
		{ NULL, 0, NULL, 0 }
	};
	struct kz_uuid issue, *qs;
	bool move = false;
	int ch, rc = 0, n;

	optind = 0;
	while ((ch = cli_getopt("issue link", argc, argv, opts)) != -1) {
		if (ch != O_MOVE)
			return EXIT_USAGE;
		move = true;
	}
	if (argc - optind < 2)
		return cmd_table_usage("issue link");
	if (arg_uuid("issue link", "issue", argv[optind], &issue) != 0)
		return EXIT_USAGE;
	n = argc - optind - 1;
	qs = xcalloc((size_t)n, sizeof *qs);
	for (int k = 0; k < n && rc == 0; k++)
		if (arg_uuid("issue link", "question", argv[optind + 1 + k], &qs[k]) != 0)
			rc = EXIT_USAGE;
	if (rc == 0 && (cli_open(c, 0) != 0 ||
	    issue_link(c->store, &issue, qs, (size_t)n, move, &c->err) != 0))
		rc = cli_fail(c);
	free(qs);
	return rc;
}

int
cmd_issue(struct cli *c, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "add") == 0)
		return issue_add_cmd(c, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "set") == 0)
		return issue_set_cmd(c, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "list") == 0)
		return issue_list_cmd(c, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "show") == 0)
		return issue_show_cmd(c, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "link") == 0)
		return issue_link_cmd(c, argc - 1, argv + 1);
	return cmd_table_usage("issue");
}
