/* kezdesu question: log questions from the hall, one by one or a line at a time from stdin. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "core/question.h"
#include "core/reception.h"
#include "core/view.h"
#include "util/xmalloc.h"
#include "util/i18n.h"

static const char *const question_cols[] = {
	"id", "asked_ms", "visit", "asker", "topic", "issue", "text", NULL
};

enum { O_VISIT = 256, O_TOPIC, O_ASKER, O_SOURCE, O_CHANNEL, O_NAME, O_CONTACT, O_LIMIT,
	O_FORMAT, O_ISSUE, O_ANSWERED, O_ANSWER, O_CLEAR, O_RECEPTION };

/* Adds q, as asked at reception when reception is not NULL. */
static int
add_one(struct cli *c, struct question *q, const void *reception)
{
	if (reception != NULL)
		return reception_question_add(c->store, reception, q, &c->err);
	return question_add(c->store, q, &c->err);
}

static int
question_add_cmd(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "visit", required_argument, NULL, O_VISIT },
		{ "topic", required_argument, NULL, O_TOPIC },
		{ "asker", required_argument, NULL, O_ASKER },
		{ "source", required_argument, NULL, O_SOURCE },
		{ "channel", required_argument, NULL, O_CHANNEL },
		{ "name", required_argument, NULL, O_NAME },
		{ "contact", required_argument, NULL, O_CONTACT },
		{ "reception", required_argument, NULL, O_RECEPTION },
		{ NULL, 0, NULL, 0 }
	};
	const char *cmd = "question add";
	struct kz_uuid reception;
	bool by_reception = false;
	struct question q;
	char id[UID_STRLEN];
	int ch, rc = 0;

	question_init(&q);
	optind = 0;
	while ((ch = cli_getopt(cmd, argc, argv, opts)) != -1) {
		switch (ch) {
		case O_VISIT:
			if (arg_uuid(cmd, "--visit", optarg, &q.visit) != 0)
				goto usage;
			break;
		case O_TOPIC:
			free(q.topic);	/* given twice: the last one */
			q.topic = xstrdup(optarg);
			break;
		case O_ASKER:
			if (arg_enum(cmd, "--asker", optarg, audience_names, AUD_COUNT, &q.asker))
				goto usage;
			break;
		case O_SOURCE:
			if (arg_enum(cmd, "--source", optarg, question_source_names, QS_COUNT,
			    &q.source))
				goto usage;
			break;
		case O_CHANNEL:
			if (arg_enum(cmd, "--channel", optarg, question_channel_names, QC_COUNT,
			    &q.channel))
				goto usage;
			break;
		case O_NAME:
			free(q.asker_name);	/* given twice: the last one */
			q.asker_name = xstrdup(optarg);
			break;
		case O_CONTACT:
			free(q.asker_contact);	/* given twice: the last one */
			q.asker_contact = xstrdup(optarg);
			break;
		case O_RECEPTION:
			if (arg_uuid(cmd, "--reception", optarg, &reception) != 0)
				goto usage;
			by_reception = true;
			break;
		default:
			goto usage;
		}
	}
	if (optind + 1 != argc) {
		cmd_table_usage(cmd);
		goto usage;
	}
	/* a question asked at a reception is of that reception, nothing else. */
	if (by_reception && q.source != QS_MEETING && q.source != QS_RECEPTION) {
		cli_usage(cmd, _("--reception: the question's source is the reception, not %s"),
		    question_source_names[q.source]);
		goto usage;
	}
	if (q.source == QS_RECEPTION && !by_reception) {
		cli_usage(cmd, _("--source reception needs --reception UUID (reception list)"));
		goto usage;
	}
	if (uid_is_nil(&q.visit) && q.source == QS_MEETING && !by_reception) {
		cli_usage(cmd, _("--visit is required for a question asked at a meeting"));
		goto usage;
	}
	/* B-1: a comment from the broadcast of a meeting held. */
	if (uid_is_nil(&q.visit) && q.source == QS_BROADCAST) {
		cli_usage(cmd, _("--source broadcast needs --visit UUID: the meeting whose broadcast "
		    "it was a comment on (B-1)"));
		goto usage;
	}
	if (cli_open(c, 0) != 0) {
		rc = cli_fail(c);
		goto out;
	}
	if (strcmp(argv[optind], "-") != 0) {
		q.text = xstrdup(argv[optind]);
		if (add_one(c, &q, by_reception ? &reception : NULL) != 0)
			rc = cli_fail(c);
		else {
			uid_format(&q.id, id);
			printf("%s\n", id);
		}
		goto out;
	}
	rc = cli_add_lines(c, &q, add_one, by_reception ? &reception : NULL);
	goto out;
usage:
	rc = EXIT_USAGE;
out:
	question_free(&q);
	return rc;
}

#define PAGE 512

/*
 * A list printed a page at a time from one read view, so that a million questions never
 * sit in memory at once: a meeting's in the order asked, all of them newest first.
 */
static int
list_paged(struct cli *c, const struct kz_uuid *visit, size_t limit, enum out_format fmt)
{
	struct rec_cursor cur = { .valid = false };
	enum rec_page_dir dir = visit != NULL ? PAGE_FIRST : PAGE_LAST;
	struct out_stream st;
	struct view *v;
	int rc = 0;

	if (view_open(c->store, &v, &c->err) != 0)
		return cli_fail(c);
	out_stream_begin(&st, stdout, fmt, question_kind.desc, question_cols);
	for (;;) {
		struct rec_array a = { 0 };
		size_t want = PAGE;

		if (limit > 0 && limit - st.n < want)
			want = limit - st.n;
		if (want == 0)
			break;
		if (view_questions(v, visit, &cur, dir, want, &a, &c->err) != 0) {
			rc = -1;
			break;
		}
		size_t got = a.n;

		out_stream_records(&st, a.items, got, visit == NULL);
		rec_array_free(&question_kind, &a);
		if (st.n % (64 * PAGE) == 0)
			view_release_pages(v);
		if (got < want)
			break;
		dir = visit != NULL ? PAGE_AFTER : PAGE_BEFORE;
	}
	out_stream_end(&st);
	view_close(&v);
	return rc == 0 ? 0 : cli_fail(c);
}

static int
question_list_cmd(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "visit", required_argument, NULL, O_VISIT },
		{ "issue", required_argument, NULL, O_ISSUE },
		{ "limit", required_argument, NULL, O_LIMIT },
		{ "format", required_argument, NULL, O_FORMAT },
		{ NULL, 0, NULL, 0 }
	};
	const char *cmd = "question list";
	enum out_format fmt = OUT_TSV;
	struct kz_uuid visit, issue;
	bool by_visit = false, by_issue = false;
	struct rec_array a = { 0 };
	long limit = 0;
	int ch;

	optind = 0;
	while ((ch = cli_getopt(cmd, argc, argv, opts)) != -1) {
		if (ch == O_VISIT && arg_uuid(cmd, "--visit", optarg, &visit) == 0)
			by_visit = true;
		else if (ch == O_ISSUE && arg_uuid(cmd, "--issue", optarg, &issue) == 0)
			by_issue = true;
		else if (ch == O_LIMIT && arg_int(cmd, "--limit", optarg, 1, 100000000, &limit) == 0)
			;
		else if (ch == O_FORMAT && arg_format(cmd, optarg, &fmt) == 0)
			;
		else
			return EXIT_USAGE;
	}
	if (optind != argc)
		return cli_usage(cmd, _("unexpected argument '%s'"), argv[optind]);
	if (by_issue && (by_visit || limit > 0))
		return cli_usage(cmd, _("--issue lists all of an issue's questions: not with --visit "
		    "or --limit"));
	if (cli_open(c, 0) != 0)
		return cli_fail(c);
	if (by_issue) {
		if (question_list_issue(c->store, &issue, &a, &c->err) != 0)
			return cli_fail(c);
		out_records(stdout, fmt, question_kind.desc, a.items, a.n, question_cols);
		rec_array_free(&question_kind, &a);
		return 0;
	}
	if (by_visit && limit > 0) {
		/* A meeting's newest `limit`, in the order asked: bounded by what was asked. */
		if (question_list(c->store, &visit, (size_t)limit, &a, &c->err) != 0)
			return cli_fail(c);
		out_records(stdout, fmt, question_kind.desc, a.items, a.n, question_cols);
		rec_array_free(&question_kind, &a);
		return 0;
	}
	return list_paged(c, by_visit ? &visit : NULL, (size_t)limit, fmt);
}

static int
question_withdraw_cmd(struct cli *c, int argc, char **argv)
{
	struct kz_uuid id;

	if (argc != 2 || argv[1][0] == '-')
		return cmd_table_usage("question withdraw");
	if (arg_uuid("question withdraw", "question", argv[1], &id) != 0)
		return EXIT_USAGE;
	if (cli_open(c, 0) != 0 || question_withdraw(c->store, &id, &c->err) != 0)
		return cli_fail(c);
	return 0;
}

static int
question_show_cmd(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, O_FORMAT },
		{ NULL, 0, NULL, 0 }
	};
	enum out_format fmt = OUT_TEXT;
	struct kz_uuid id;
	struct question q;
	int ch;

	optind = 0;
	while ((ch = cli_getopt("question show", argc, argv, opts)) != -1)
		if (ch != O_FORMAT || arg_format("question show", optarg, &fmt) != 0)
			return EXIT_USAGE;
	if (optind + 1 != argc)
		return cmd_table_usage("question show");
	if (arg_uuid("question show", "question", argv[optind], &id) != 0)
		return EXIT_USAGE;
	if (cli_open(c, 0) != 0 || question_get(c->store, &id, &q, &c->err) != 0)
		return cli_fail(c);
	out_records(stdout, fmt, question_kind.desc, &q, 1, question_cols);
	question_free(&q);
	return 0;
}

/* What question set changes: only the options given. */
struct question_edit {
	const char *topic, *answer;
	int asker, answered;	/* -1: not given */
	const char *clear[8];
	size_t nclear;
};

static int
apply_edit(struct question *q, void *arg, struct kz_error *e)
{
	const struct question_edit *ed = arg;

	if (ed->topic != NULL) {
		free(q->topic);
		q->topic = xstrdup(ed->topic);
	}
	if (ed->answer != NULL) {
		free(q->answer);
		q->answer = xstrdup(ed->answer);
		q->answered = true;	/* an answer given on the spot */
	}
	if (ed->asker >= 0)
		q->asker = ed->asker;
	if (ed->answered >= 0)
		q->answered = ed->answered != 0;
	for (size_t i = 0; i < ed->nclear; i++) {
		char **f = strcmp(ed->clear[i], "topic") == 0 ? &q->topic :
		    strcmp(ed->clear[i], "answer") == 0 ? &q->answer : NULL;

		if (f == NULL)
			return kz_fail(e, KZ_EINVAL, _("question set --clear: '%s' cannot be cleared "
			    "(topic or answer)"), ed->clear[i]);
		free(*f);
		*f = NULL;
	}
	return 0;
}

static int
question_set_cmd(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "topic", required_argument, NULL, O_TOPIC },
		{ "asker", required_argument, NULL, O_ASKER },
		{ "answered", required_argument, NULL, O_ANSWERED },
		{ "answer", required_argument, NULL, O_ANSWER },
		{ "clear", required_argument, NULL, O_CLEAR },
		{ NULL, 0, NULL, 0 }
	};
	static const char *const yesno[] = { "no", "yes" };
	const char *cmd = "question set";
	struct question_edit ed = { .asker = -1, .answered = -1 };
	struct kz_uuid id;
	int ch, v;

	optind = 0;
	while ((ch = cli_getopt(cmd, argc, argv, opts)) != -1) {
		if (ch == O_TOPIC)
			ed.topic = optarg;
		else if (ch == O_ANSWER)
			ed.answer = optarg;
		else if (ch == O_ASKER && arg_enum(cmd, "--asker", optarg, audience_names, AUD_COUNT,
		    &ed.asker) == 0)
			;
		else if (ch == O_ANSWERED && arg_enum(cmd, "--answered", optarg, yesno, 2, &v) == 0)
			ed.answered = v;
		else if (ch == O_CLEAR && ed.nclear < sizeof ed.clear / sizeof ed.clear[0])
			ed.clear[ed.nclear++] = optarg;
		else
			return EXIT_USAGE;
	}
	if (optind + 1 != argc)
		return cmd_table_usage(cmd);
	if (arg_uuid(cmd, "question", argv[optind], &id) != 0)
		return EXIT_USAGE;
	if (cli_open(c, 0) != 0 || question_modify(c->store, &id, apply_edit, &ed, &c->err) != 0)
		return cli_fail(c);
	return 0;
}

int
cmd_question(struct cli *c, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "add") == 0)
		return question_add_cmd(c, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "list") == 0)
		return question_list_cmd(c, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "withdraw") == 0)
		return question_withdraw_cmd(c, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "show") == 0)
		return question_show_cmd(c, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "set") == 0)
		return question_set_cmd(c, argc - 1, argv + 1);
	return cmd_table_usage("question");
}
