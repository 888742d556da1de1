#include "core/undo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/record.h"
#include "util/xmalloc.h"
#include "util/i18n.h"

/* Whether the comma-separated list has name. */
static bool
has_name(const char *list, const char *name)
{
	size_t n = strlen(name);

	for (const char *p = list; p != NULL && *p != '\0'; p = strchr(p, ',')) {
		if (*p == ',')
			p++;
		if (strncmp(p, name, n) == 0 && (p[n] == ',' || p[n] == '\0'))
			return true;
	}
	return false;
}

/* The names of the top-level fields a `before` names, each once, into r->fields. */
static void
field_names(const struct rec_kind *kind, const uint8_t *p, size_t n, struct undo_result *r)
{
	const uint8_t *end = p + n;
	size_t len = 0;

	r->fields[0] = '\0';
	while (p < end) {
		const struct schema_field *f = NULL;
		const uint8_t *path, *eid;
		uint64_t plen, v;
		unsigned tag, sub;
		bool in_set;

		if (codec_get_varint(&p, end, &plen) != 0 || plen > (uint64_t)(end - p))
			return;
		path = p;
		p += plen;
		if (codec_get_varint(&p, end, &v) != 0 || (v > 0 && v - 1 > (uint64_t)(end - p)))
			return;
		if (v > 0)
			p += v - 1;
		if (state_path_parse(path, (size_t)plen, &tag, &in_set, &eid, &sub) == 0)
			f = schema_field_tagged(kind->desc, tag);
		if (f == NULL)
			continue;
		/* Each name once: a set's elements all go under the set's name. */
		if (!has_name(r->fields, f->name) && len + strlen(f->name) + 2 < sizeof r->fields)
			len += (size_t)snprintf(r->fields + len, sizeof r->fields - len, "%s%s",
			    len > 0 ? "," : "", f->name);
	}
}

static void
key_text(const struct store_log_entry *le, struct undo_result *r)
{
	if (le->klen == 16) {
		struct kz_uuid u;

		memcpy(u.b, le->key, 16);
		uid_format(&u, r->key);
		return;
	}
	/* Other keys (a KATO code, a code and a year) as text where printable, else hex. */
	size_t o = 0;

	for (size_t i = 0; i < le->klen && o + 3 < sizeof r->key; i++) {
		uint8_t c = le->key[i];

		if (c >= 0x20 && c < 0x7f)
			r->key[o++] = (char)c;
		else
			o += (size_t)snprintf(r->key + o, sizeof r->key - o, "%02x", c);
	}
	r->key[o] = '\0';
}

/* Meta "undo.SEQ": the own change SEQ undid the own change whose sequence it holds. */
static void
undo_name(char *out, size_t n, uint64_t seq)
{
	snprintf(out, n, "undo.%llu", (unsigned long long)seq);
}

static bool
in_list(const uint64_t *v, size_t n, uint64_t x)
{
	for (size_t i = 0; i < n; i++)
		if (v[i] == x)
			return true;
	return false;
}

static int
undo_fn(struct store_txn *t, void *arg)
{
	struct undo_result *r = arg;
	struct kz_error *e = store_txn_error(t);
	const char *user = store_txn_user(t);
	const struct rec_kind *kind = NULL;
	struct store_log_entry le;
	struct rec_key k = { .n = 0 };
	struct stamp *of = NULL;
	uint64_t *skip = NULL, seq, last, now;
	size_t nskip = 0, skipcap = 0, nof = 0, ofcap = 0, blen = 0, vn;
	uint8_t node[16], *before = NULL, b[8];
	const void *v;
	char name[40];
	int rc = 1;

	if (user == NULL || user[0] == '\0')
		return kz_fail(e, KZ_EINVAL, _("undo: who you are is not known (no Unix user name)"));
	if (store_node(t, node) != 0 || store_log_last(t, node, &last) != 0)
		return -1;
	/*
	 * The newest own entry by this user that is neither an undo nor undone already, so that
	 * undo again goes one change further back. The office's own sequence has no gaps.
	 */
	for (seq = last; seq > 0; seq--) {
		if ((rc = store_log_get(t, node, seq, &le)) < 0)
			goto out;
		if (rc != 0 || le.user_len != strlen(user) || memcmp(le.user, user, le.user_len) != 0)
			continue;
		undo_name(name, sizeof name, seq);
		if ((rc = store_meta_get(t, name, &v, &vn)) < 0)
			goto out;
		if (rc == 0 && vn == 8) {
			/* An undo: it and the change it undid are behind us; their stamps may
			 * stand on the paths of the change to undo. */
			skip = xgrow(skip, &skipcap, nskip + 1, sizeof *skip);
			skip[nskip++] = store_get_be64(v);
		}
		if (rc == 0 || in_list(skip, nskip, seq)) {
			of = xgrow(of, &ofcap, nof + 1, sizeof *of);
			of[nof].hlc = le.hlc;
			memcpy(of[nof++].origin, le.origin, 16);
			continue;
		}
		break;
	}
	if (seq == 0) {
		rc = kz_fail(e, KZ_ENOTFOUND, _("undo: %s has no change left to undo in this store"),
		    user);
		goto out;
	}
	rc = -1;
	if ((kind = rec_kind_of(le.kind)) == NULL || le.klen > REC_KEY_MAX) {
		kz_fail(e, KZ_EINVAL, _("undo: the last change (number %llu) is of a kind that "
		    "cannot be undone"), (unsigned long long)seq);
		goto out;
	}
	if (le.before_len == 0) {
		kz_fail(e, KZ_EINVAL, _("undo: the last change (number %llu) kept nothing to undo"),
		    (unsigned long long)seq);
		goto out;
	}
	/* The entry points into the map, which the writes below may move: copy it first. */
	snprintf(r->kind, sizeof r->kind, "%s", kind->desc->name);
	key_text(&le, r);
	rec_key_bytes(&k, le.key, le.klen);
	of = xgrow(of, &ofcap, nof + 1, sizeof *of);
	of[nof].hlc = le.hlc;
	memcpy(of[nof++].origin, le.origin, 16);
	blen = le.before_len;
	before = xmalloc(blen);
	memcpy(before, le.before, blen);
	field_names(kind, before, blen, r);
	if (rec_restore_tx(t, kind, &k, of, nof, before, blen, &r->withdrew) != 0 ||
	    store_log_last(t, node, &now) != 0)
		goto out;
	rc = 0;
	if (now > last) {
		/* Remember which change this undo took back. */
		store_be64(b, seq);
		undo_name(name, sizeof name, now);
		rc = store_meta_put(t, name, b, 8);
	}
out:
	free(before);
	free(skip);
	free(of);
	return rc;
}

int
undo_last(struct store *s, struct undo_result *r, struct kz_error *e)
{
	memset(r, 0, sizeof *r);
	return store_write(s, undo_fn, r, e);
}
