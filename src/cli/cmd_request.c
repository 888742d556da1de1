/*
 * kezdesu request: the pool of requests and proposals collected before a meeting (P-2),
 * each with the channel it came through.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "core/request.h"
#include "core/unit.h"
#include "util/xmalloc.h"
#include "util/i18n.h"

static const char *const request_cols[] = {
	"id", "asked_ms", "visit", "unit", "channel", "asker", "topic", "issue", "text", NULL
};

enum { O_VISIT = 256, O_UNIT, O_CHANNEL, O_DATE, O_TOPIC, O_ASKER, O_NAME, O_CONTACT,
	O_UNASSIGNED, O_FORMAT };

/* Adds q as a request received on the date *day points to (DATE_NONE: today). */
static int
add_one(struct cli *c, struct question *q, const void *day)
{
	return request_add(c->store, q, *(const kz_date *)day, &c->err);
}

static int
request_add_cmd(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "visit", required_argument, NULL, O_VISIT },
		{ "unit", required_argument, NULL, O_UNIT },
		{ "channel", required_argument, NULL, O_CHANNEL },
		{ "date", required_argument, NULL, O_DATE },
		{ "topic", required_argument, NULL, O_TOPIC },
		{ "asker", required_argument, NULL, O_ASKER },
		{ "name", required_argument, NULL, O_NAME },
		{ "contact", required_argument, NULL, O_CONTACT },
		{ NULL, 0, NULL, 0 }
	};
	const char *cmd = "request add";
	kz_date date = DATE_NONE;
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
		case O_UNIT:
			if (!unit_code_valid(optarg)) {
				cli_usage(cmd, _("--unit: '%s' is not a nine-digit KATO code"), optarg);
				goto usage;
			}
			memcpy(q.unit, optarg, 10);
			break;
		case O_CHANNEL:
			if (arg_enum(cmd, "--channel", optarg, question_channel_names, QC_COUNT,
			    &q.channel) != 0)
				goto usage;
			break;
		case O_DATE:
			if (arg_date(cmd, "--date", optarg, &date) != 0)
				goto usage;
			break;
		case O_TOPIC:
			free(q.topic);
			q.topic = xstrdup(optarg);
			break;
		case O_ASKER:
			if (arg_enum(cmd, "--asker", optarg, audience_names, AUD_COUNT, &q.asker))
				goto usage;
			break;
		case O_NAME:
			free(q.asker_name);
			q.asker_name = xstrdup(optarg);
			break;
		case O_CONTACT:
			free(q.asker_contact);
			q.asker_contact = xstrdup(optarg);
			break;
		default:
			goto usage;
		}
	}
	if (optind + 1 != argc) {
		cmd_table_usage(cmd);
		goto usage;
	}
	if (cli_open(c, 0) != 0) {
		rc = cli_fail(c);
		goto out;
	}
	if (strcmp(argv[optind], "-") != 0) {
		q.text = xstrdup(argv[optind]);
		if (add_one(c, &q, &date) != 0) {
			rc = cli_fail(c);
		} else {
			uid_format(&q.id, id);
			printf("%s\n", id);
		}
		goto out;
	}
	rc = cli_add_lines(c, &q, add_one, &date);
	goto out;
usage:
	rc = EXIT_USAGE;
out:
	question_free(&q);
	return rc;
}

static int
request_list_cmd(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "visit", required_argument, NULL, O_VISIT },
		{ "unassigned", no_argument, NULL, O_UNASSIGNED },
		{ "format", required_argument, NULL, O_FORMAT },
		{ NULL, 0, NULL, 0 }
	};
	const char *cmd = "request list";
	enum out_format fmt = OUT_TSV;
	struct rec_array a = { 0 };
	struct kz_uuid visit;
	bool by_visit = false, unassigned = false;
	int ch;

	optind = 0;
	while ((ch = cli_getopt(cmd, argc, argv, opts)) != -1) {
		if (ch == O_VISIT && arg_uuid(cmd, "--visit", optarg, &visit) == 0)
			by_visit = true;
		else if (ch == O_UNASSIGNED)
			unassigned = true;
		else if (ch == O_FORMAT && arg_format(cmd, optarg, &fmt) == 0)
			;
		else
			return EXIT_USAGE;
	}
	if (optind != argc)
		return cli_usage(cmd, _("unexpected argument '%s'"), argv[optind]);
	if (by_visit && unassigned)
		return cli_usage(cmd, _("--visit lists one meeting's requests, --unassigned those "
		    "with no meeting yet: not both"));
	if (cli_open(c, 0) != 0 ||
	    request_list(c->store, by_visit ? &visit : NULL, unassigned, &a, &c->err) != 0)
		return cli_fail(c);
	out_records(stdout, fmt, question_kind.desc, a.items, a.n, request_cols);
	rec_array_free(&question_kind, &a);
	return 0;
}

static int
request_assign_cmd(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "visit", required_argument, NULL, O_VISIT },
		{ NULL, 0, NULL, 0 }
	};
	const char *cmd = "request assign";
	struct kz_uuid req, visit;
	bool by_visit = false;
	int ch;

	optind = 0;
	while ((ch = cli_getopt(cmd, argc, argv, opts)) != -1) {
		if (ch == O_VISIT && arg_uuid(cmd, "--visit", optarg, &visit) == 0)
			by_visit = true;
		else
			return EXIT_USAGE;
	}
	if (optind + 1 != argc || !by_visit)
		return cmd_table_usage(cmd);
	if (arg_uuid(cmd, "request", argv[optind], &req) != 0)
		return EXIT_USAGE;
	if (cli_open(c, 0) != 0 || request_assign(c->store, &req, &visit, &c->err) != 0)
		return cli_fail(c);
	return 0;
}

int
cmd_request(struct cli *c, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "add") == 0)
		return request_add_cmd(c, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "list") == 0)
		return request_list_cmd(c, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "assign") == 0)
		return request_assign_cmd(c, argc - 1, argv + 1);
	return cmd_table_usage("request");
}
