/*
 * kezdesu identity export, peer add|list|remove and sync status: the offices this one
 * exchanges bundles with (core/identity.h, core/peer.h) and what waits to go to each
 * (sync/outbox.h).
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cmd.h"
#include "core/identity.h"
#include "core/node.h"
#include "core/office.h"
#include "core/peer.h"
#include "core/unit.h"
#include "sync/outbox.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

/* The office's unit names for the identity file, when its store knows the unit. */
static void
own_identity(struct cli *c, const struct node *n, struct identity *id)
{
	struct unit u;
	struct kz_error e;

	memset(id, 0, sizeof *id);
	id->node = n->id;
	memcpy(id->unit, n->unit, sizeof id->unit);
	memcpy(id->key, n->sign_pk, sizeof id->key);
	if (unit_get(c->store, n->unit, &u, &e) == 0) {
		id->name_kk = u.name_kk ? xstrdup(u.name_kk) : NULL;
		id->name_ru = u.name_ru ? xstrdup(u.name_ru) : NULL;
		unit_free(&u);
	}
}

static int
identity_export(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 }
	};
	const char *path = NULL;
	char fp[IDENTITY_FP_LEN], *text;
	struct identity id;
	struct node n;
	FILE *f;
	int ch, rc = 0;

	optind = 0;
	opterr = 0;
	/* cli_getopt's rules, with -o as the short form of --output. */
	while ((ch = getopt_long(argc, argv, ":o:", opts, NULL)) != -1) {
		if (ch == 'o')
			path = optarg;
		else if (ch == ':')
			return cli_usage("identity export", _("option '%s' needs a value"),
			    argv[optind - 1]);
		else
			return cli_usage("identity export", _("unknown option '%s'"),
			    argv[optind - 1]);
	}
	if (optind != argc)
		return cmd_table_usage("identity export");
	if (cli_open(c, 0) != 0 || office_node(c->office, &n, &c->err) != 0)
		return cli_fail(c);
	own_identity(c, &n, &id);
	text = identity_format(&id);
	identity_fingerprint(&id, fp);
	if (path == NULL || strcmp(path, "-") == 0) {
		fputs(text, stdout);
	} else if ((f = fopen(path, "w")) == NULL ||
	    fputs(text, f) == EOF || fclose(f) != 0) {
		kz_fail(&c->err, KZ_EIO, "%s: %s", path, strerror(errno));
		rc = cli_fail(c);
	} else {
		out_textf(stdout, _("identity of unit %s written to %s"), id.unit, path);
		putchar('\n');
		printf(_("fingerprint: %s\n"), fp);
	}
	free(text);
	identity_clear(&id);
	return rc;
}

int
cmd_identity(struct cli *c, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "export") == 0)
		return identity_export(c, argc - 1, argv + 1);
	return cmd_table_usage("identity");
}

/* Reads at most IDENTITY_MAX_BYTES + 1 bytes of path (the parser refuses more). */
static char *
read_identity(const char *path, size_t *len, struct kz_error *e)
{
	FILE *f = fopen(path, "rb");
	char *buf;

	if (f == NULL) {
		kz_fail(e, KZ_EIO, "%s: %s", path, strerror(errno));
		return NULL;
	}
	buf = xmalloc(IDENTITY_MAX_BYTES + 1);
	*len = fread(buf, 1, IDENTITY_MAX_BYTES + 1, f);
	if (ferror(f)) {
		kz_fail(e, KZ_EIO, "%s: %s", path, strerror(errno));
		free(buf);
		buf = NULL;
	}
	fclose(f);
	return buf;
}

/* The name of a peer's unit: the store's, else the one its identity file gave, else "". */
static char *
peer_unit_name(struct cli *c, const char *code, const char *kk, const char *ru)
{
	struct unit u;
	struct kz_error e;
	char *name;

	if (unit_get(c->store, code, &u, &e) == 0) {
		name = xstrdup(unit_name(&u, c->lang));
		unit_free(&u);
		return name;
	}
	if (c->lang == LANG_RU && ru != NULL)
		return xstrdup(ru);
	return xstrdup(kk != NULL ? kk : ru != NULL ? ru : "");
}

static const char *
dir_text(enum scope_dir d)
{
	return d == SCOPE_UP ? _("above this office") : _("below this office");
}

/* Asks on the terminal; true for yes. */
static bool
confirmed(void)
{
	char line[64];
	size_t n;

	fputs(_("Does the other office read you the same fingerprint? [y/N] "), stdout);
	fflush(stdout);
	if (fgets(line, sizeof line, stdin) == NULL)
		return false;
	n = strcspn(line, "\r\n");
	line[n] = '\0';
	return strcmp(line, "y") == 0 || strcmp(line, "Y") == 0 || strcmp(line, "yes") == 0 ||
	    strcmp(line, _("yes")) == 0 || strcmp(line, _("y")) == 0;
}

static int
peer_add_cmd(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "yes", no_argument, NULL, 'y' },
		{ NULL, 0, NULL, 0 }
	};
	struct peer_verdict v;
	struct identity id;
	char fp[IDENTITY_FP_LEN], node[UID_STRLEN], *buf, *name;
	bool yes = false;
	size_t len;
	int ch, rc;

	optind = 0;
	while ((ch = cli_getopt("peer add", argc, argv, opts)) != -1) {
		if (ch == 'y')
			yes = true;
		else
			return EXIT_USAGE;
	}
	if (optind + 1 != argc)
		return cmd_table_usage("peer add");
	if (cli_open(c, 0) != 0)
		return cli_fail(c);
	if ((buf = read_identity(argv[optind], &len, &c->err)) == NULL)
		return cli_fail(c);
	rc = identity_parse(buf, len, argv[optind], &id, &c->err);
	free(buf);
	if (rc != 0 || peer_check(c->store, &id, &v, &c->err) != 0) {
		if (rc == 0)
			identity_clear(&id);
		return cli_fail(c);
	}
	uid_format(&id.node, node);
	if (v.known) {
		out_textf(stdout, _("unit %s (node %s) is a peer already, with this key: nothing "
		    "changed"), id.unit, node);
		putchar('\n');
		identity_clear(&id);
		return 0;
	}
	if (!yes && !isatty(STDIN_FILENO)) {
		identity_clear(&id);
		return cli_usage("peer add", _("no terminal to confirm the fingerprint on: check it "
		    "with the other office by phone, then pass --yes"));
	}
	identity_fingerprint(&id, fp);
	name = peer_unit_name(c, id.unit, id.name_kk, id.name_ru);
	out_textf(stdout, _("unit:        %s %s (%s)"), id.unit, name, dir_text(v.dir));
	putchar('\n');
	out_textf(stdout, _("node:        %s"), node);
	putchar('\n');
	out_textf(stdout, _("fingerprint: %s"), fp);
	putchar('\n');
	free(name);
	if (!yes && !confirmed()) {
		identity_clear(&id);
		kz_fail(&c->err, KZ_EINVAL, _("peer add: not confirmed: nothing changed"));
		return cli_fail(c);
	}
	rc = peer_add(c->store, &id, &v, &c->err);
	if (rc == 0) {
		out_textf(stdout, _("peer added: unit %s, %s"), id.unit, dir_text(v.dir));
		putchar('\n');
	}
	identity_clear(&id);
	return rc != 0 ? cli_fail(c) : 0;
}

static int
peer_list_cmd(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = { { NULL, 0, NULL, 0 } };
	struct peer *ps;
	struct node me;
	size_t n;

	optind = 0;
	if (cli_getopt("peer list", argc, argv, opts) != -1)
		return EXIT_USAGE;
	if (optind != argc)
		return cmd_table_usage("peer list");
	if (cli_open(c, 0) != 0 || office_node(c->office, &me, &c->err) != 0 ||
	    peer_list(c->store, &ps, &n, &c->err) != 0)
		return cli_fail(c);
	for (size_t i = 0; i < n; i++) {
		struct identity id;
		char fp[IDENTITY_FP_LEN], node[UID_STRLEN], *name;

		peer_identity(&ps[i], &id);
		identity_fingerprint(&id, fp);
		uid_format(&ps[i].node, node);
		name = peer_unit_name(c, ps[i].unit, ps[i].name_kk, ps[i].name_ru);
		printf("%s\t%s\t%s\t%s\t", ps[i].unit,
		    scope_dir_name(peer_direction(&ps[i], me.unit)), node, fp);
		out_tsv_string(stdout, name);
		putchar('\n');
		free(name);
	}
	peer_list_free(&ps, n);
	return 0;
}

static int
peer_remove_cmd(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = { { NULL, 0, NULL, 0 } };
	struct peer p;
	char node[UID_STRLEN];

	optind = 0;
	if (cli_getopt("peer remove", argc, argv, opts) != -1)
		return EXIT_USAGE;
	if (optind + 1 != argc)
		return cmd_table_usage("peer remove");
	if (cli_open(c, 0) != 0 || peer_remove(c->store, argv[optind], &p, &c->err) != 0)
		return cli_fail(c);
	uid_format(&p.node, node);
	out_textf(stdout, _("peer removed: unit %s (node %s)"), p.unit, node);
	putchar('\n');
	peer_free(&p);
	return 0;
}

int
cmd_peer(struct cli *c, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "add") == 0)
		return peer_add_cmd(c, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "list") == 0)
		return peer_list_cmd(c, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "remove") == 0)
		return peer_remove_cmd(c, argc - 1, argv + 1);
	return cmd_table_usage("peer");
}

/* A moment in Kazakhstan's time (UTC+5 everywhere since 1 March 2024), or "never". */
static void
when(char *out, size_t n, int64_t ms)
{
	time_t t = (time_t)(ms / 1000) + 5 * 3600;
	struct tm tm;

	if (ms == 0 || gmtime_r(&t, &tm) == NULL)
		snprintf(out, n, "%s", _("never"));
	else
		strftime(out, n, "%Y-%m-%d %H:%M", &tm);
}

static int
sync_status(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 }
	};
	enum out_format fmt = OUT_TEXT;
	struct peer *ps;
	struct node me;
	size_t n;
	int ch, rc = 0;

	optind = 0;
	while ((ch = cli_getopt("sync status", argc, argv, opts)) != -1) {
		if (ch != 'f' || arg_format("sync status", optarg, &fmt) != 0)
			return EXIT_USAGE;
	}
	if (optind != argc || fmt == OUT_JSON)
		return cmd_table_usage("sync status");
	if (cli_open(c, 0) != 0 || office_node(c->office, &me, &c->err) != 0 ||
	    peer_list(c->store, &ps, &n, &c->err) != 0)
		return cli_fail(c);
	if (n == 0 && fmt == OUT_TEXT)
		puts(_("no peers (kezdesu peer add FILE)"));
	for (size_t i = 0; i < n && rc == 0; i++) {
		enum scope_dir d = peer_direction(&ps[i], me.unit);
		char sent[32], recv[32], *name;
		uint64_t waiting;

		if (outbox_count(c->store, &ps[i], &waiting, &c->err) != 0) {
			rc = cli_fail(c);
			break;
		}
		name = peer_unit_name(c, ps[i].unit, ps[i].name_kk, ps[i].name_ru);
		if (fmt == OUT_TSV) {
			printf("%s\t%s\t%lld\t%lld\t%llu\t", ps[i].unit, scope_dir_name(d),
			    (long long)ps[i].sent_ms, (long long)ps[i].recv_ms,
			    (unsigned long long)waiting);
			out_tsv_string(stdout, name);
			putchar('\n');
		} else {
			when(sent, sizeof sent, ps[i].sent_ms);
			when(recv, sizeof recv, ps[i].recv_ms);
			out_textf(stdout, "%s %s (%s)", ps[i].unit, name, dir_text(d));
			putchar('\n');
			out_textf(stdout, _("  last sent:     %s"), sent);
			putchar('\n');
			out_textf(stdout, _("  last received: %s"), recv);
			putchar('\n');
			printf(_("  changes waiting to go: %llu\n"), (unsigned long long)waiting);
		}
		free(name);
	}
	peer_list_free(&ps, n);
	return rc;
}

int
cmd_sync(struct cli *c, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "status") == 0)
		return sync_status(c, argc - 1, argv + 1);
	return cmd_table_usage("sync");
}
