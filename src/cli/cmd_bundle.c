/*
 * kezdesu bundle show|verify|write-all: bundle files (sync/bundle.h, docs/bundle-format.md)
 * inspected without a store, and a store's whole log written as one.
 *
 * Until trusted peers exist (`kezdesu peer`), a bundle is checked with the public key its
 * own header carries: that proves it whole and signed by that key, not who sent it.
 * `--key HEX` checks it against a key known some other way.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cmd.h"
#include "core/date.h"
#include "core/office.h"
#include "core/rules.h"
#include "sync/bundle.h"
#include "sync/bundle_log.h"
#include "sync/bundle_show.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

/*
 * The exit status for each reason a bundle is refused (docs/kezdesu.1, "bundle verify"):
 * 1 for a file that cannot be read, 3 and up for what is wrong with its content.
 */
static int
exit_for(int why)
{
	return why == BUNDLE_OK ? 0 : why == BUNDLE_EIO ? EXIT_FAIL : why + 1;
}

static void
put_hex(FILE *fp, const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		fprintf(fp, "%02x", p[i]);
}

static void
put_uuid(FILE *fp, const uint8_t b[16])
{
	struct kz_uuid u;
	char s[UID_STRLEN];

	memcpy(u.b, b, 16);
	uid_format(&u, s);
	fprintf(fp, "\"%s\"", s);
}

static void
put_names(FILE *fp, const char *key, char *const *v, size_t n)
{
	fprintf(fp, ",\"%s\":[", key);
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			fputc(',', fp);
		out_json_string(fp, v[i]);
	}
	fputc(']', fp);
}

static void
put_seqs(FILE *fp, const char *key, const struct bundle_seq *v, size_t n)
{
	fprintf(fp, ",\"%s\":[", key);
	for (size_t i = 0; i < n; i++) {
		fprintf(fp, "%s{\"origin\":", i > 0 ? "," : "");
		put_uuid(fp, v[i].origin);
		fprintf(fp, ",\"seq\":%llu}", (unsigned long long)v[i].seq);
	}
	fputc(']', fp);
}

/* A moment as the office's local time, beside the number it comes from. */
static void
put_when(FILE *fp, const char *key, uint64_t ms)
{
	char when[17];

	date_format_time((int64_t)ms, RULES_UTC_OFFSET_KZ, when);
	fprintf(fp, ",\"%s\":\"%s\"", key, when);
}

static void
show_header(FILE *fp, const struct bundle_header *h, const uint8_t *digest)
{
	fprintf(fp, "{\"format\":\"%u.%u\"", h->major, h->minor);
	put_names(fp, "required", h->required, h->nrequired);
	put_names(fp, "optional", h->optional, h->noptional);
	fputs(",\"origin\":", fp);
	put_uuid(fp, h->origin);
	fprintf(fp, ",\"origin_unit\":\"%s\",\"origin_key\":\"", h->origin_unit);
	put_hex(fp, h->origin_pk, 32);
	fputc('"', fp);
	if (h->dest_unit[0] != '\0')
		fprintf(fp, ",\"destination_unit\":\"%s\"", h->dest_unit);
	if (h->has_dest_node) {
		fputs(",\"destination_node\":", fp);
		put_uuid(fp, h->dest_node);
	}
	put_seqs(fp, "version_vector", h->vv, h->nvv);
	put_seqs(fp, "acks", h->acks, h->nacks);
	if (h->has_answers) {
		fputs(",\"answers\":\"", fp);
		put_hex(fp, h->answers, 32);
		fputc('"', fp);
	}
	fprintf(fp, ",\"changes\":%llu,\"bytes\":%llu,\"compressed\":%llu,\"created_ms\":%llu",
	    (unsigned long long)h->changes, (unsigned long long)h->raw_bytes,
	    (unsigned long long)h->body_bytes, (unsigned long long)h->created_ms);
	put_when(fp, "created", h->created_ms);
	fputs(",\"hash\":\"", fp);
	put_hex(fp, digest, BUNDLE_HASH);
	fputs("\"}\n", fp);
}

static void
put_stamp(FILE *fp, const char *key, const struct stamp *st)
{
	fprintf(fp, ",\"%s\":{\"hlc\":%llu,\"origin\":", key, (unsigned long long)st->hlc);
	put_uuid(fp, st->origin);
	fputc('}', fp);
}

static void
put_text(FILE *fp, const char *key, const char *p, size_t n)
{
	char *s = xstrndup(p, n);

	fprintf(fp, ",\"%s\":", key);
	out_json_string(fp, s);
	free(s);
}

/* One path: what it names, its stamps, and its value decoded where the schema says how. */
static void
show_path(FILE *fp, unsigned kind, const struct rec_change_path *x)
{
	struct bundle_path_info pi;

	fputs("{\"path\":\"", fp);
	put_hex(fp, x->path, x->plen);
	fputc('"', fp);
	if (bundle_show_path(kind, x->path, x->plen, &pi) == 0) {
		if (pi.field != NULL)
			fprintf(fp, ",\"field\":\"%s\"", pi.field);
		else
			fprintf(fp, ",\"tag\":%u", pi.tag);
		if (pi.in_set) {
			fputs(",\"element\":\"", fp);
			put_hex(fp, pi.eid, 16);
			fputc('"', fp);
			if (pi.sub_field != NULL)
				fprintf(fp, ",\"element_field\":\"%s\"", pi.sub_field);
			else
				fprintf(fp, ",\"element_tag\":%u", pi.sub);
		}
	}
	if (x->has_stamp)
		put_stamp(fp, "stamp", &x->st);
	if (x->has_prev)
		put_stamp(fp, "prev", &x->prev);
	if (x->present) {
		const struct schema_record *d;
		const struct schema_field *f;
		void *obj = bundle_show_value(kind, x->path, x->plen, x->val, x->vlen, &d, &f);

		if (obj != NULL) {
			fputs(",\"value\":", fp);
			out_json_field(fp, f, obj);
			bundle_show_free(d, obj);
		}
		fputs(",\"hex\":\"", fp);
		put_hex(fp, x->val, x->vlen);
		fputc('"', fp);
	} else {
		fputs(",\"removed\":true", fp);
	}
	fputc('}', fp);
}

static void
show_change(FILE *fp, const struct rec_change *c)
{
	const char *kind = bundle_show_kind(c->e.kind);

	fputs("{\"origin\":", fp);
	put_uuid(fp, c->e.origin);
	fprintf(fp, ",\"seq\":%llu,\"hlc\":%llu", (unsigned long long)c->e.seq,
	    (unsigned long long)c->e.hlc);
	put_when(fp, "time", c->e.hlc >> 16);
	if (kind != NULL)
		fprintf(fp, ",\"kind\":\"%s\"", kind);
	else
		fprintf(fp, ",\"kind_number\":%u", c->e.kind);
	fputs(",\"key\":\"", fp);
	put_hex(fp, c->e.key, c->e.klen);
	fputc('"', fp);
	if (c->e.klen == 16) {
		fputs(",\"id\":", fp);
		put_uuid(fp, c->e.key);
	}
	if (c->e.user_len > 0)
		put_text(fp, "user", c->e.user, c->e.user_len);
	if (c->e.official_len > 0)
		put_text(fp, "official", c->e.official, c->e.official_len);
	fputs(",\"paths\":[", fp);
	for (size_t i = 0; i < c->np; i++) {
		if (i > 0)
			fputc(',', fp);
		show_path(fp, c->e.kind, &c->p[i]);
	}
	fputs("]}\n", fp);
}

/* --key HEX: the only key the bundle may be signed with. */
static int
given_key(void *ctx, const struct bundle_header *h, uint8_t pk[32], struct kz_error *e)
{
	memcpy(pk, ctx, 32);
	if (memcmp(h->origin_pk, pk, 32) != 0)
		return kz_fail(e, KZ_EINVAL, _("signed by another key than the one given"));
	return 0;
}

static int
parse_key(const char *cmd, const char *s, uint8_t pk[32])
{
	if (strlen(s) != 64)
		return cli_usage(cmd, _("--key takes the public key as 64 hex digits")), -1;
	for (int i = 0; i < 32; i++) {
		unsigned v;

		if (sscanf(s + 2 * i, "%2x", &v) != 1 || !strchr("0123456789abcdefABCDEF", s[2 * i]) ||
		    !strchr("0123456789abcdefABCDEF", s[2 * i + 1]))
			return cli_usage(cmd, _("--key takes the public key as 64 hex digits")), -1;
		pk[i] = (uint8_t)v;
	}
	return 0;
}

/* show (print: true) or verify: the whole file read and checked. */
static int
bundle_read(struct cli *c, const char *cmd, int argc, char **argv, bool print)
{
	static const struct option opts[] = {
		{ "key", required_argument, NULL, 'k' },
		{ NULL, 0, NULL, 0 }
	};
	struct bundle_reader *r;
	struct rec_change ch = { 0 };
	uint8_t pk[32];
	bool have_key = false;
	const char *file;
	int k, why;

	optind = 0;
	while ((k = cli_getopt(cmd, argc, argv, opts)) != -1) {
		if (k != 'k' || parse_key(cmd, optarg, pk) != 0)
			return EXIT_USAGE;
		have_key = true;
	}
	if (optind + 1 != argc)
		return cmd_table_usage(cmd);
	file = argv[optind];
	why = bundle_open(file, have_key ? given_key : NULL, pk, &r, &c->err);
	if (why != BUNDLE_OK) {
		cli_fail(c);
		return exit_for(why);
	}
	if (print)
		show_header(stdout, bundle_header_of(r), bundle_digest(r));
	while ((k = bundle_next(r, &ch, &c->err)) == 1)
		if (print)
			show_change(stdout, &ch);
	rec_change_free(&ch);
	if (k != 0) {
		why = bundle_failure(r);
		bundle_close(&r);
		fflush(stdout);
		cli_fail(c);
		return exit_for(why);
	}
	if (!print) {
		const struct bundle_header *h = bundle_header_of(r);
		char origin[UID_STRLEN];
		struct kz_uuid u;

		memcpy(u.b, h->origin, 16);
		uid_format(&u, origin);
		/* A count after a colon: no plural forms to choose in any language. */
		printf(_("%s: ok: changes: %llu, from %s (unit %s)"), file,
		    (unsigned long long)h->changes, origin, h->origin_unit);
		fputs("; ", stdout);
		fputs(have_key ? _("signed with the key given") : _("signed with the key in its "
		    "header (whom to trust comes with kezdesu peer)"), stdout);
		fputc('\n', stdout);
	}
	bundle_close(&r);
	return fflush(stdout) == 0 ? 0 : EXIT_FAIL;
}

/* cli_getopt with -o as --output's short form, as the issue spells the commands that write. */
static int
getopt_output(const char *cmd, int argc, char **argv, const struct option *opts)
{
	int ch;

	opterr = 0;
	ch = getopt_long(argc, argv, ":o:", opts, NULL);
	if (ch == '?')
		cli_usage(cmd, _("unknown option '%s'"), argv[optind - 1]);
	else if (ch == ':')
		cli_usage(cmd, _("option '%s' needs a value"), argv[optind - 1]);
	return ch == ':' ? '?' : ch;
}

static int
bundle_write_all(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "to", required_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 }
	};
	struct bundle_log_opts o = { 0 };
	const char *out = NULL;
	char *tmp = NULL;
	uint64_t n = 0;
	FILE *fp;
	int k, rc;

	optind = 0;
	while ((k = getopt_output("bundle write-all", argc, argv, opts)) != -1) {
		if (k == 'o')
			out = optarg;
		else if (k == 't')
			o.dest_unit = optarg;
		else
			return EXIT_USAGE;
	}
	if (optind != argc || out == NULL)
		return cmd_table_usage("bundle write-all");
	if (o.dest_unit != NULL && (strlen(o.dest_unit) != 9 ||
	    strspn(o.dest_unit, "0123456789") != 9))
		return cli_usage("bundle write-all", _("--to takes a unit's nine-digit KATO code"));
	if (cli_open(c, 0) != 0)
		return cli_fail(c);
	if (strcmp(out, "-") == 0) {
		fp = stdout;
	} else {
		/* Written beside it and renamed: a bundle half written is never found as FILE. */
		tmp = xasprintf("%s.part", out);
		if ((fp = fopen(tmp, "wb")) == NULL) {
			kz_fail(&c->err, KZ_EIO, _("%s: cannot write: %s"), tmp, strerror(errno));
			free(tmp);
			return cli_fail(c);
		}
	}
	rc = bundle_log_write(c->store, fp, out, &o, &n, &c->err);
	if (fp != stdout) {
		if (rc == 0 && (fflush(fp) != 0 || fsync(fileno(fp)) != 0))
			rc = kz_fail(&c->err, KZ_EIO, _("%s: cannot write: %s"), tmp, strerror(errno));
		if (fclose(fp) != 0 && rc == 0)
			rc = kz_fail(&c->err, KZ_EIO, _("%s: cannot write: %s"), tmp, strerror(errno));
		if (rc == 0 && rename(tmp, out) != 0)
			rc = kz_fail(&c->err, KZ_EIO, _("%s: cannot write: %s"), out, strerror(errno));
		if (rc != 0)
			unlink(tmp);
		free(tmp);
	}
	if (rc != 0)
		return cli_fail(c);
	fprintf(stderr, _("changes written: %llu\n"), (unsigned long long)n);
	return 0;
}

int
cmd_bundle(struct cli *c, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "show") == 0)
		return bundle_read(c, "bundle show", argc - 1, argv + 1, true);
	if (argc >= 2 && strcmp(argv[1], "verify") == 0)
		return bundle_read(c, "bundle verify", argc - 1, argv + 1, false);
	if (argc >= 2 && strcmp(argv[1], "write-all") == 0)
		return bundle_write_all(c, argc - 1, argv + 1);
	return cmd_table_usage("bundle");
}
