#include "core/identity.h"

#include <sodium.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "core/unit.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

#define NAME_MAX_BYTES 200

void
identity_fingerprint(const struct identity *id, char out[IDENTITY_FP_LEN])
{
	static const char domain[] = "kezdesu-identity-1";
	crypto_generichash_state h;
	uint8_t d[32];
	size_t o = 0;

	crypto_generichash_init(&h, NULL, 0, sizeof d);
	crypto_generichash_update(&h, (const uint8_t *)domain, sizeof domain - 1);
	crypto_generichash_update(&h, id->node.b, 16);
	crypto_generichash_update(&h, (const uint8_t *)id->unit, UNIT_CODE_LEN);
	crypto_generichash_update(&h, id->key, 32);
	crypto_generichash_final(&h, d, sizeof d);
	for (int g = 0; g < 5; g++) {
		uint64_t v = 0;

		for (int k = 0; k < 5; k++)
			v = v << 8 | d[g * 5 + k];
		o += (size_t)snprintf(out + o, IDENTITY_FP_LEN - o, "%s%05u", g ? " " : "",
		    (unsigned)(v % 100000));
	}
}

char *
identity_format(const struct identity *id)
{
	char node[UID_STRLEN], fp[IDENTITY_FP_LEN], key[65];
	char *s;

	uid_format(&id->node, node);
	identity_fingerprint(id, fp);
	for (int i = 0; i < 32; i++)
		snprintf(key + 2 * i, 3, "%02x", id->key[i]);
	s = xasprintf("%s %d\nnode %s\nunit %s\n%s%s%s%s%s%skey ed25519 %s\nfingerprint %s\n",
	    IDENTITY_MAGIC, IDENTITY_VERSION, node, id->unit,
	    id->name_kk ? "name-kk " : "", id->name_kk ? id->name_kk : "", id->name_kk ? "\n" : "",
	    id->name_ru ? "name-ru " : "", id->name_ru ? id->name_ru : "", id->name_ru ? "\n" : "",
	    key, fp);
	return s;
}

void
identity_clear(struct identity *id)
{
	free(id->name_kk);
	free(id->name_ru);
	memset(id, 0, sizeof *id);
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* The fields seen, so that each required one is there once. */
enum { SEEN_NODE = 1, SEEN_UNIT = 2, SEEN_KEY = 4, SEEN_FP = 8, SEEN_KK = 16, SEEN_RU = 32 };

struct parse {
	const char *fname;
	unsigned line;
	struct kz_error *e;
};

static int bad(struct parse *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* "FNAME:LINE: reason" for the line being read. */
static int
bad(struct parse *p, const char *fmt, ...)
{
	char msg[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return kz_fail(p->e, KZ_EINVAL, "%s:%u: %s", p->fname, p->line, msg);
}

/* One "NAME VALUE" line (val NUL-terminated, without its line end). */
static int
field(struct parse *p, const char *name, const char *val, unsigned *seen, struct identity *id,
    char fp[IDENTITY_FP_LEN])
{
	struct { const char *name; unsigned bit; } known[] = {
		{ "node", SEEN_NODE }, { "unit", SEEN_UNIT }, { "key", SEEN_KEY },
		{ "fingerprint", SEEN_FP }, { "name-kk", SEEN_KK }, { "name-ru", SEEN_RU },
	};
	unsigned bit = 0;

	for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
		if (strcmp(name, known[i].name) == 0)
			bit = known[i].bit;
	if (bit == 0)
		return 0;	/* a later version's optional field */
	if (*seen & bit)
		return bad(p, _("a second '%s' line"), name);
	*seen |= bit;
	switch (bit) {
	case SEEN_NODE:
		if (uid_parse(val, &id->node) != 0 || uid_is_nil(&id->node))
			return bad(p, _("node '%s' is not a UUID"), val);
		return 0;
	case SEEN_UNIT:
		if (!unit_code_valid(val))
			return bad(p, _("unit '%s' is not a nine-digit KATO code"), val);
		memcpy(id->unit, val, sizeof id->unit);
		return 0;
	case SEEN_KEY:
		if (strncmp(val, "ed25519 ", 8) != 0)
			return bad(p, _("key '%s': only \"ed25519 HEX\" keys are known"), val);
		val += 8;
		if (strlen(val) != 64)
			return bad(p, _("key: '%s' is not 64 hex digits"), val);
		for (int i = 0; i < 32; i++) {
			int hi = hexval(val[2 * i]), lo = hexval(val[2 * i + 1]);

			if (hi < 0 || lo < 0)
				return bad(p, _("key: '%s' is not 64 hex digits"), val);
			id->key[i] = (uint8_t)(hi << 4 | lo);
		}
		return 0;
	case SEEN_FP:
		if (strlen(val) != IDENTITY_FP_LEN - 1)
			return bad(p, _("fingerprint '%s' is not five groups of five digits"), val);
		for (int i = 0; i < IDENTITY_FP_LEN - 1; i++)
			if (i % 6 == 5 ? val[i] != ' ' : (val[i] < '0' || val[i] > '9'))
				return bad(p, _("fingerprint '%s' is not five groups of five digits"),
				    val);
		memcpy(fp, val, IDENTITY_FP_LEN);
		return 0;
	default:
		if (text_check_name(bit == SEEN_KK ? "name-kk" : "name-ru", val, strlen(val),
		    NAME_MAX_BYTES, p->e) != 0)
			return kz_prefix(p->e, "%s:%u: ", p->fname, p->line);
		if (bit == SEEN_KK)
			id->name_kk = xstrdup(val);
		else
			id->name_ru = xstrdup(val);
		return 0;
	}
}

static int
parse(struct parse *p, const char *buf, size_t len, struct identity *id)
{
	char fp[IDENTITY_FP_LEN] = "", want[IDENTITY_FP_LEN], line[1024];
	unsigned seen = 0, fp_line = 0;
	size_t off = 0, bad_at;
	bool first = true;

	if (len > IDENTITY_MAX_BYTES)
		return kz_fail(p->e, KZ_EINVAL, _("%s: more than %d bytes: not an identity file"),
		    p->fname, IDENTITY_MAX_BYTES);
	if (!text_utf8_valid(buf, len, &bad_at))
		return kz_fail(p->e, KZ_EINVAL, _("%s: byte %zu is not UTF-8: not an identity "
		    "file"), p->fname, bad_at + 1);
	while (off < len) {
		const char *nl = memchr(buf + off, '\n', len - off);
		size_t n = (nl != NULL ? (size_t)(nl - buf) : len) - off;
		char *sp, *v;
		unsigned ver;
		char extra;

		p->line++;
		if (n > 0 && buf[off + n - 1] == '\r')
			n--;
		if (n >= sizeof line || memchr(buf + off, '\0', n) != NULL) {
			if (n >= sizeof line)
				return bad(p, _("a line longer than %zu bytes"), sizeof line - 1);
			return bad(p, _("a NUL byte"));
		}
		memcpy(line, buf + off, n);
		line[n] = '\0';
		off = nl != NULL ? (size_t)(nl - buf) + 1 : len;
		if (first) {
			first = false;
			if (strncmp(line, IDENTITY_MAGIC " ", sizeof IDENTITY_MAGIC) != 0 ||
			    sscanf(line + sizeof IDENTITY_MAGIC, "%u%c", &ver, &extra) != 1)
				return bad(p, _("not a kezdesu identity file (the first line is not "
				    "\"%s 1\")"), IDENTITY_MAGIC);
			if (ver != IDENTITY_VERSION)
				return bad(p, _("identity format %u is not one this kezdesu reads "
				    "(it reads %d)"), ver, IDENTITY_VERSION);
			continue;
		}
		if (line[0] == '\0' || line[0] == '#')
			continue;
		if ((sp = strchr(line, ' ')) == NULL)
			return bad(p, _("'%s' is no \"NAME VALUE\" line"), line);
		*sp = '\0';
		v = sp + 1;
		if (field(p, line, v, &seen, id, fp) != 0)
			return -1;
		if (strcmp(line, "fingerprint") == 0)
			fp_line = p->line;
	}
	if (first)
		return kz_fail(p->e, KZ_EINVAL, _("%s: empty: not an identity file"), p->fname);
	for (unsigned b = SEEN_NODE; b <= SEEN_FP; b <<= 1)
		if (!(seen & b))
			return kz_fail(p->e, KZ_EINVAL, _("%s: no '%s' line"), p->fname,
			    b == SEEN_NODE ? "node" : b == SEEN_UNIT ? "unit" : b == SEEN_KEY ? "key" :
			    "fingerprint");
	identity_fingerprint(id, want);
	if (strcmp(fp, want) != 0) {
		p->line = fp_line;
		return bad(p, _("the fingerprint does not match the node, unit and key: the file "
		    "was changed or damaged"));
	}
	return 0;
}

int
identity_parse(const char *buf, size_t len, const char *fname, struct identity *id,
    struct kz_error *e)
{
	struct parse p = { fname, 0, e };

	memset(id, 0, sizeof *id);
	if (parse(&p, buf, len, id) != 0) {
		identity_clear(id);
		return -1;
	}
	return 0;
}
