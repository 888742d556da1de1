#include "core/dump.h"

#include <stdio.h>
#include <string.h>

#include "core/record.h"
#include "util/xmalloc.h"
#include "util/i18n.h"

static void
put_hex(struct codec_buf *b, const uint8_t *p, size_t n)
{
	static const char digits[] = "0123456789abcdef";

	for (size_t i = 0; i < n; i++) {
		char h[2] = { digits[p[i] >> 4], digits[p[i] & 15] };

		codec_put_raw(b, h, 2);
	}
}

static void
put_stamp(struct codec_buf *b, const struct stamp *st)
{
	char num[24];

	codec_put_raw(b, num, (size_t)snprintf(num, sizeof num, "%llu.",
	    (unsigned long long)st->hlc));
	put_hex(b, st->origin, 16);
}

/* One record: "KIND KEY PATH STAMP[<PREV] VALUE|-" per path, in path order. */
static int
dump_record(struct store_txn *t, const struct rec_kind *kind, const void *key, size_t klen,
    const void *val, size_t vlen, struct codec_buf *line, dump_line_fn fn, void *arg)
{
	struct state st = { 0 };
	struct state_nodes nodes;
	int rc = 0;

	store_state_nodes(t, &nodes);
	if (state_load(&st, val, vlen, rec_set_mask(kind->desc), &nodes) != 0) {
		state_free(&st);
		return kz_fail(store_txn_error(t), KZ_EIO, _("store %s: a stored %s record is "
		    "corrupt"), store_dir(store_txn_store(t)), kind->desc->name);
	}
	for (size_t i = 0; rc == 0 && i < st.n; i++) {
		const struct state_ent *x = &st.e[i];

		line->len = 0;
		codec_put_raw(line, kind->desc->name, strlen(kind->desc->name));
		codec_put_raw(line, " ", 1);
		put_hex(line, key, klen);
		codec_put_raw(line, " ", 1);
		put_hex(line, state_path(&st, x), x->path_len);
		codec_put_raw(line, " ", 1);
		put_stamp(line, &x->st);
		if (x->has_prev) {
			codec_put_raw(line, "<", 1);
			put_stamp(line, &x->prev);
		}
		codec_put_raw(line, " ", 1);
		if (x->present)
			put_hex(line, state_val(&st, x), x->val_len);
		else
			codec_put_raw(line, "-", 1);
		rc = fn(arg, (const char *)line->p, line->len);
	}
	state_free(&st);
	return rc;
}

int
dump_tx(struct store_txn *t, dump_line_fn fn, void *arg)
{
	struct codec_buf line = { 0 };
	int rc = 0;

	for (unsigned db = 0; rc == 0 && db < DB_COUNT; db++) {
		const struct rec_kind *kind = rec_kind_of(db);
		struct store_cursor *c;
		const void *k, *v;
		size_t kn, vn;

		if (kind == NULL)
			continue;
		if (store_cursor_open(t, db, &c) != 0) {
			rc = -1;
			break;
		}
		for (rc = store_cursor_seek(c, NULL, 0); rc == 0; rc = store_cursor_next(c)) {
			store_cursor_get(c, &k, &kn, &v, &vn);
			if ((rc = dump_record(t, kind, k, kn, v, vn, &line, fn, arg)) != 0)
				break;
		}
		store_cursor_close(&c);
		rc = rc < 0 ? -1 : 0;
	}
	codec_buf_free(&line);
	return rc;
}

struct dump_args {
	dump_line_fn fn;
	void *arg;
};

static int
dump_fn(struct store_txn *t, void *arg)
{
	struct dump_args *a = arg;

	return dump_tx(t, a->fn, a->arg);
}

int
dump_store(struct store *s, dump_line_fn fn, void *arg, struct kz_error *e)
{
	struct dump_args a = { fn, arg };

	return store_read(s, dump_fn, &a, e);
}
