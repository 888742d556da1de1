#include "store/state.h"

#include <stdlib.h>
#include <string.h>

#include "util/xmalloc.h"

int
stamp_cmp(const struct stamp *a, const struct stamp *b)
{
	if (a->hlc != b->hlc)
		return a->hlc < b->hlc ? -1 : 1;
	return memcmp(a->origin, b->origin, 16);
}

bool
stamp_is_zero(const struct stamp *s)
{
	static const uint8_t zero[16];

	return s->hlc == 0 && memcmp(s->origin, zero, 16) == 0;
}

void
state_free(struct state *s)
{
	free(s->e);
	codec_buf_free(&s->mem);
	memset(s, 0, sizeof *s);
}

void
state_reset(struct state *s)
{
	s->n = 0;
	s->mem.len = 0;
	s->version = 1;
}

size_t
state_path_tag(uint8_t *out, unsigned tag)
{
	return codec_varint_encode(out, (uint64_t)tag << 1);
}

size_t
state_path_elem(uint8_t *out, unsigned tag, const uint8_t eid[16], unsigned sub)
{
	size_t n = codec_varint_encode(out, (uint64_t)tag << 1 | 1);

	memcpy(out + n, eid, 16);
	n += 16;
	return n + codec_varint_encode(out + n, sub);
}

int
state_path_parse(const uint8_t *p, size_t n, unsigned *tag, bool *in_set, const uint8_t **eid,
    unsigned *sub)
{
	const uint8_t *q = p, *end = p + n;
	uint64_t h, s = 0;

	/* The common case, a top-level tag below 64: one byte with its low bit clear. */
	if (n == 1 && (p[0] & 0x81) == 0) {
		*tag = p[0] >> 1;
		*in_set = false;
		*eid = NULL;
		*sub = 0;
		return 0;
	}
	if (codec_get_varint(&q, end, &h) != 0 || h >> 1 > 0xffffffu)
		return -1;
	*tag = (unsigned)(h >> 1);
	*in_set = (h & 1) != 0;
	*eid = NULL;
	*sub = 0;
	if (!*in_set)
		return q == end ? 0 : -1;
	if (end - q < 16)
		return -1;
	*eid = q;
	q += 16;
	if (codec_get_varint(&q, end, &s) != 0 || q != end || s > 0xffffffu)
		return -1;
	*sub = (unsigned)s;
	return 0;
}

/* Appends bytes to mem, also when they already live in mem (realloc would move them). */
static size_t
mem_put(struct state *s, const uint8_t *p, size_t n)
{
	size_t off = s->mem.len;

	if (n > 0 && s->mem.p != NULL && p >= s->mem.p && p < s->mem.p + s->mem.len) {
		size_t from = (size_t)(p - s->mem.p);

		s->mem.p = xgrow(s->mem.p, &s->mem.cap, s->mem.len + n, 1);
		memmove(s->mem.p + s->mem.len, s->mem.p + from, n);
		s->mem.len += n;
	} else {
		codec_put_raw(&s->mem, p, n);
	}
	return off;
}

static int
path_cmp(const uint8_t *a, size_t an, const uint8_t *b, size_t bn)
{
	int c;

	/* Most paths are one byte: a call to memcmp for them was a tenth of applying. */
	if (an > 0 && bn > 0 && a[0] != b[0])
		return a[0] < b[0] ? -1 : 1;
	c = memcmp(a, b, an < bn ? an : bn);

	if (c != 0)
		return c;
	return an < bn ? -1 : an > bn;
}

static int
ent_cmp(const struct state *s, const struct state_ent *a, const struct state_ent *b)
{
	return path_cmp(state_path(s, a), a->path_len, state_path(s, b), b->path_len);
}

static struct state_ent *
push(struct state *s)
{
	struct state_ent *e;

	s->e = xgrow(s->e, &s->cap, s->n + 1, sizeof *s->e);
	e = &s->e[s->n++];
	memset(e, 0, sizeof *e);
	e->present = true;
	return e;
}

/*
 * Adds a path during explode, or appends to the value of the same path seen before (a
 * repeated tag: the items of a list that is not a set). Paths are looked up from `from`.
 */
static void
add_or_append(struct state *s, size_t from, const uint8_t *path, size_t plen,
    const uint8_t *raw, size_t rawlen)
{
	for (size_t i = s->n; i-- > from;) {
		struct state_ent *e = &s->e[i];

		if (e->path_len != plen || memcmp(state_path(s, e), path, plen) != 0)
			continue;
		if (e->val_off + e->val_len == s->mem.len) {
			/* The value is the last thing in mem: extend it in place. */
			mem_put(s, raw, rawlen);
		} else {
			size_t off = mem_put(s, s->mem.p + e->val_off, e->val_len);

			mem_put(s, raw, rawlen);
			e->val_off = off;
		}
		e->val_len += rawlen;
		return;
	}
	struct state_ent *e = push(s);

	e->path_off = mem_put(s, path, plen);
	e->path_len = plen;
	e->val_off = mem_put(s, raw, rawlen);
	e->val_len = rawlen;
}

static void
sort_entries(struct state *s)
{
	/* Insertion sort: explode produces nearly sorted paths (tags in table order). */
	for (size_t i = 1; i < s->n; i++) {
		struct state_ent x = s->e[i];
		size_t j = i;

		while (j > 0 && ent_cmp(s, &s->e[j - 1], &x) > 0) {
			s->e[j] = s->e[j - 1];
			j--;
		}
		s->e[j] = x;
	}
}

static int
explode_set_elem(struct state *s, unsigned tag, const struct codec_field *f)
{
	struct codec_reader r;
	struct codec_field g;
	const uint8_t *eid = NULL;
	uint8_t path[STATE_PATH_MAX];
	size_t from = s->n;
	int rc;

	if (f->wire != CODEC_WIRE_BYTES)
		return -1;
	codec_reader_init(&r, f->p, f->n);
	while ((rc = codec_next(&r, &g)) == 1)
		if (g.tag == STATE_EID_TAG && g.wire == CODEC_WIRE_BYTES && g.n == 16)
			eid = g.p;
	if (rc < 0 || eid == NULL)
		return -1;
	codec_reader_init(&r, f->p, f->n);
	while ((rc = codec_next(&r, &g)) == 1) {
		size_t pl = state_path_elem(path, tag, eid, g.tag);

		add_or_append(s, from, path, pl, g.raw, g.rawlen);
	}
	return rc;
}

int
state_explode(struct state *s, const uint8_t *rec, size_t len, uint64_t sets)
{
	struct codec_reader r;
	struct codec_field f;
	uint8_t path[STATE_PATH_MAX];
	int rc;

	state_reset(s);
	if (len < 1 || rec[0] == 0)
		return -1;
	s->version = rec[0];
	codec_reader_init(&r, rec + 1, len - 1);
	while ((rc = codec_next(&r, &f)) == 1) {
		if (f.tag < 64 && (sets >> f.tag & 1)) {
			if (explode_set_elem(s, f.tag, &f) != 0)
				return -1;
		} else {
			size_t pl = state_path_tag(path, f.tag);

			add_or_append(s, 0, path, pl, f.raw, f.rawlen);
		}
	}
	if (rc < 0)
		return -1;
	sort_entries(s);
	return 0;
}

ssize_t
state_find(const struct state *s, const uint8_t *path, size_t plen)
{
	size_t lo = 0, hi = s->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct state_ent *e = &s->e[mid];
		int c = path_cmp(state_path(s, e), e->path_len, path, plen);

		if (c == 0)
			return (ssize_t)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -(ssize_t)lo - 1;
}

void
state_set(struct state *s, const uint8_t *path, size_t plen, bool present, const uint8_t *val,
    size_t vlen, const struct stamp *st, const struct stamp *prev)
{
	struct state_ent *e;
	size_t voff = 0;
	ssize_t at;

	/* Paths mostly come in order (a change's, a record's): past the last, no search. */
	if (s->n == 0 || path_cmp(state_path(s, &s->e[s->n - 1]), s->e[s->n - 1].path_len, path,
	    plen) < 0)
		at = -(ssize_t)s->n - 1;
	else
		at = state_find(s, path, plen);

	/* Copy the bytes in first: path and val may point into mem. */
	if (present)
		voff = mem_put(s, val, vlen);
	if (at >= 0) {
		e = &s->e[at];
	} else {
		size_t pos = (size_t)(-at - 1), poff = mem_put(s, path, plen);

		push(s);
		memmove(&s->e[pos + 1], &s->e[pos], (s->n - 1 - pos) * sizeof *s->e);
		e = &s->e[pos];
		memset(e, 0, sizeof *e);
		e->path_off = poff;
		e->path_len = plen;
	}
	e->present = present;
	e->val_off = present ? voff : 0;
	e->val_len = present ? vlen : 0;
	e->st = *st;
	e->has_prev = prev != NULL && !stamp_is_zero(prev);
	if (e->has_prev)
		e->prev = *prev;
	else
		memset(&e->prev, 0, sizeof e->prev);
}

/* The length of the path's first part: the tag, or the tag and the element id. */
static size_t
group_len(const uint8_t *p, size_t n)
{
	size_t h = 0;

	while (h < n && (p[h] & 0x80))
		h++;
	h++;
	if (h <= n && (p[h - 1] & 1) != 0 && n >= h + 16)
		return h + 16;
	return h;
}

void
state_record(const struct state *s, struct codec_buf *out)
{
	uint8_t v = s->version ? s->version : 1;

	codec_put_raw(out, &v, 1);
	for (size_t i = 0; i < s->n;) {
		const struct state_ent *e = &s->e[i];
		const uint8_t *p = state_path(s, e);
		unsigned tag, sub;
		const uint8_t *eid;
		bool in_set;
		size_t g, j, total = 0;
		bool exists = false;

		if (state_path_parse(p, e->path_len, &tag, &in_set, &eid, &sub) != 0 || !in_set) {
			if (e->present)
				codec_put_raw(out, state_val(s, e), e->val_len);
			i++;
			continue;
		}
		/* One element: the entries that share the tag and the element id. */
		g = group_len(p, e->path_len);
		for (j = i; j < s->n && s->e[j].path_len >= g &&
		    memcmp(state_path(s, &s->e[j]), p, g) == 0; j++) {
			const struct state_ent *x = &s->e[j];

			if (!x->present)
				continue;
			total += x->val_len;
			if (x->path_len == g + 1 && state_path(s, x)[g] == STATE_EID_TAG)
				exists = true;
		}
		if (exists) {
			codec_put_varint(out, (uint64_t)tag << 3 | CODEC_WIRE_BYTES);
			codec_put_varint(out, total);
			for (size_t k = i; k < j; k++)
				if (s->e[k].present)
					codec_put_raw(out, state_val(s, &s->e[k]), s->e[k].val_len);
		}
		i = j;
	}
}

/* The stamps table of a stored value: distinct stamps, the most used first. */
struct stamp_table {
	struct stamp *st;
	size_t *uses;
	size_t n, cap, ucap;
};

static size_t
table_index(struct stamp_table *t, const struct stamp *st, bool count)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (stamp_cmp(&t->st[i], st) == 0)
			break;
	if (i == t->n) {
		t->st = xgrow(t->st, &t->cap, t->n + 1, sizeof *t->st);
		t->uses = xgrow(t->uses, &t->ucap, t->n + 1, sizeof *t->uses);
		t->st[i] = *st;
		t->uses[i] = 0;
		t->n++;
	}
	if (count)
		t->uses[i]++;
	return i;
}

/*
 * Whether a present entry is in the record: everything but the fields of a set element
 * whose id is absent (removed, or its creation not arrived yet). Those are kept with the
 * stamps, values and all, so that nothing a change brought is lost.
 */
static bool
in_record(const struct state *s, const struct state_ent *e)
{
	uint8_t marker[STATE_PATH_MAX];
	unsigned tag, sub;
	const uint8_t *eid;
	bool in_set;
	ssize_t m;

	if (!e->present)
		return false;
	if (state_path_parse(state_path(s, e), e->path_len, &tag, &in_set, &eid, &sub) != 0 ||
	    !in_set)
		return true;
	m = state_find(s, marker, state_path_elem(marker, tag, eid, STATE_EID_TAG));
	return m >= 0 && s->e[m].present;
}

int
state_store(const struct state *s, struct codec_buf *out, const struct state_nodes *nodes)
{
	struct codec_buf rec = { 0 };
	int rc;

	state_record(s, &rec);
	rc = state_store_record(s, rec.p, rec.len, out, nodes);
	codec_buf_free(&rec);
	return rc;
}

int
state_store_record(const struct state *s, const uint8_t *rec, size_t rlen,
    struct codec_buf *out, const struct state_nodes *nodes)
{
	struct stamp_table tab = { 0 };
	size_t best = 0, nexc = 0;
	int rc = 0;

	codec_put_varint(out, rlen);
	codec_put_raw(out, rec, rlen);

	for (size_t i = 0; i < s->n; i++)
		table_index(&tab, &s->e[i].st, s->e[i].present && !s->e[i].has_prev);
	for (size_t i = 0; i < s->n; i++)
		if (s->e[i].has_prev)
			table_index(&tab, &s->e[i].prev, false);
	for (size_t i = 1; i < tab.n; i++)
		if (tab.uses[i] > tab.uses[best])
			best = i;
	if (best != 0) {
		struct stamp x = tab.st[0];

		tab.st[0] = tab.st[best];
		tab.st[best] = x;
	}
	codec_put_varint(out, tab.n);
	for (size_t i = 0; i < tab.n; i++) {
		uint64_t num = 0;

		if (nodes->number(nodes->ctx, tab.st[i].origin, &num) != 0)
			rc = -1;
		codec_put_varint(out, tab.st[i].hlc);
		codec_put_varint(out, num);
	}
	/*
	 * Exceptions: paths that are not "in the record, with the first stamp, no prev".
	 * Flags: stamp index << 3 | value inline << 2 | present << 1 | has prev.
	 */
	for (size_t i = 0; i < s->n; i++) {
		const struct state_ent *e = &s->e[i];

		if (!in_record(s, e) || e->has_prev || stamp_cmp(&e->st, &tab.st[0]) != 0)
			nexc++;
	}
	codec_put_varint(out, nexc);
	for (size_t i = 0; i < s->n; i++) {
		const struct state_ent *e = &s->e[i];
		bool inrec = in_record(s, e), inl = e->present && !inrec;
		size_t idx;

		if (inrec && !e->has_prev && stamp_cmp(&e->st, &tab.st[0]) == 0)
			continue;
		codec_put_varint(out, e->path_len);
		codec_put_raw(out, state_path(s, e), e->path_len);
		idx = table_index(&tab, &e->st, false);
		codec_put_varint(out, (uint64_t)idx << 3 | (uint64_t)inl << 2 |
		    (uint64_t)e->present << 1 | e->has_prev);
		if (e->has_prev)
			codec_put_varint(out, table_index(&tab, &e->prev, false));
		if (inl) {
			codec_put_varint(out, e->val_len);
			codec_put_raw(out, state_val(s, e), e->val_len);
		}
	}
	free(tab.st);
	free(tab.uses);
	return rc;
}

int
state_load(struct state *s, const uint8_t *val, size_t len, uint64_t sets,
    const struct state_nodes *nodes)
{
	const uint8_t *p = val, *end = val + len;
	struct stamp small[8], *st = small;
	uint64_t reclen, nst, nexc;
	int rc = -1;

	if (codec_get_varint(&p, end, &reclen) != 0 || reclen > (uint64_t)(end - p))
		return -1;
	if (state_explode(s, p, (size_t)reclen, sets) != 0)
		return -1;
	p += reclen;
	if (codec_get_varint(&p, end, &nst) != 0 || nst > (uint64_t)(end - p) / 2)
		return -1;
	if (nst > 8)
		st = xmalloc(nst * sizeof *st);
	for (uint64_t i = 0; i < nst; i++) {
		uint64_t num;

		if (codec_get_varint(&p, end, &st[i].hlc) != 0 ||
		    codec_get_varint(&p, end, &num) != 0 ||
		    nodes->origin(nodes->ctx, num, st[i].origin) != 0)
			goto out;
	}
	if (nst > 0)
		for (size_t i = 0; i < s->n; i++)
			s->e[i].st = st[0];
	if (codec_get_varint(&p, end, &nexc) != 0 || nexc > (uint64_t)(end - p))
		goto out;
	for (uint64_t i = 0; i < nexc; i++) {
		uint64_t plen, flags, pi = 0;
		const uint8_t *path;
		ssize_t at;

		if (codec_get_varint(&p, end, &plen) != 0 || plen > (uint64_t)(end - p) ||
		    plen > STATE_PATH_MAX)
			goto out;
		path = p;
		p += plen;
		if (codec_get_varint(&p, end, &flags) != 0 || flags >> 3 >= nst)
			goto out;
		if ((flags & 1) && (codec_get_varint(&p, end, &pi) != 0 || pi >= nst))
			goto out;
		at = state_find(s, path, (size_t)plen);
		if (flags & 4) {
			uint64_t vlen;

			if (!(flags & 2) || codec_get_varint(&p, end, &vlen) != 0 ||
			    vlen > (uint64_t)(end - p))
				goto out;
			state_set(s, path, (size_t)plen, true, p, (size_t)vlen, &st[flags >> 3],
			    (flags & 1) ? &st[pi] : NULL);
			p += vlen;
		} else if (flags & 2) {
			if (at < 0)
				goto out;
			s->e[at].st = st[flags >> 3];
			s->e[at].has_prev = (flags & 1) != 0;
			if (flags & 1)
				s->e[at].prev = st[pi];
		} else {
			state_set(s, path, (size_t)plen, false, NULL, 0, &st[flags >> 3],
			    (flags & 1) ? &st[pi] : NULL);
		}
	}
	rc = p == end ? 0 : -1;
out:
	if (st != small)
		free(st);
	return rc;
}
