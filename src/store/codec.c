#include "store/codec.h"

#include <stdlib.h>
#include <string.h>

#include "util/xmalloc.h"

void
codec_buf_free(struct codec_buf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}

void
codec_put_raw(struct codec_buf *b, const void *p, size_t n)
{
	b->p = xgrow(b->p, &b->cap, b->len + n, 1);
	if (n > 0)
		memcpy(b->p + b->len, p, n);
	b->len += n;
}

size_t
codec_varint_encode(uint8_t out[10], uint64_t v)
{
	size_t n = 0;

	do {
		out[n] = (uint8_t)(v & 0x7f);
		v >>= 7;
		if (v != 0)
			out[n] |= 0x80;
		n++;
	} while (v != 0);
	return n;
}

void
codec_put_varint(struct codec_buf *b, uint64_t v)
{
	uint8_t tmp[10];

	codec_put_raw(b, tmp, codec_varint_encode(tmp, v));
}

void
codec_put_uint(struct codec_buf *b, unsigned tag, uint64_t v)
{
	codec_put_varint(b, (uint64_t)tag << 3 | CODEC_WIRE_VARINT);
	codec_put_varint(b, v);
}

void
codec_put_sint(struct codec_buf *b, unsigned tag, int64_t v)
{
	/* Zigzag, so that small negative numbers (dates before 1970, offsets) stay short. */
	codec_put_uint(b, tag, ((uint64_t)v << 1) ^ (uint64_t)(v >> 63));
}

int64_t
codec_unzigzag(uint64_t u)
{
	return (int64_t)(u >> 1) ^ -(int64_t)(u & 1);
}

void
codec_put_bytes(struct codec_buf *b, unsigned tag, const void *p, size_t n)
{
	codec_put_varint(b, (uint64_t)tag << 3 | CODEC_WIRE_BYTES);
	codec_put_varint(b, n);
	codec_put_raw(b, p, n);
}

void
codec_put_str(struct codec_buf *b, unsigned tag, const char *s)
{
	codec_put_bytes(b, tag, s, strlen(s));
}

void
codec_reader_init(struct codec_reader *r, const void *p, size_t n)
{
	r->p = p;
	r->end = r->p + n;
}

int
codec_get_varint(const uint8_t **p, const uint8_t *end, uint64_t *v)
{
	uint64_t x = 0;
	unsigned shift = 0;

	while (*p < end) {
		uint8_t c = *(*p)++;

		if (shift == 63 && (c & 0x7e) != 0)
			return -1;
		x |= (uint64_t)(c & 0x7f) << shift;
		if ((c & 0x80) == 0) {
			*v = x;
			return 0;
		}
		shift += 7;
		if (shift > 63)
			return -1;
	}
	return -1;
}

int
codec_next(struct codec_reader *r, struct codec_field *f)
{
	const uint8_t *start = r->p;
	uint64_t key, n;

	if (r->p >= r->end)
		return 0;
	if (codec_get_varint(&r->p, r->end, &key) != 0 || key >> 3 > 0xffffffu)
		return -1;
	f->tag = (unsigned)(key >> 3);
	f->wire = (unsigned)(key & 7);
	f->p = NULL;
	f->n = 0;
	f->u = 0;
	switch (f->wire) {
	case CODEC_WIRE_VARINT:
		if (codec_get_varint(&r->p, r->end, &f->u) != 0)
			return -1;
		break;
	case CODEC_WIRE_BYTES:
	case CODEC_WIRE_KZTEXT:
		if (codec_get_varint(&r->p, r->end, &n) != 0 || n > (uint64_t)(r->end - r->p))
			return -1;
		f->p = r->p;
		f->n = (size_t)n;
		r->p += n;
		break;
	default:
		return -1;
	}
	f->raw = start;
	f->rawlen = (size_t)(r->p - start);
	return 1;
}

/* All raw bytes of the fields with this tag, concatenated in order. */
static int
collect_tag(const uint8_t *rec, size_t len, unsigned tag, struct codec_buf *out)
{
	struct codec_reader r;
	struct codec_field f;
	int rc;

	out->len = 0;
	codec_reader_init(&r, rec, len);
	while ((rc = codec_next(&r, &f)) == 1)
		if (f.tag == tag)
			codec_put_raw(out, f.raw, f.rawlen);
	return rc;
}

static int
diff_side(const uint8_t *a, size_t alen, const uint8_t *b, size_t blen, struct codec_buf *out,
    int removed)
{
	struct codec_buf ga = { 0 }, gb = { 0 }, seen = { 0 };
	struct codec_reader r;
	struct codec_field f;
	int rc, count = 0;

	codec_reader_init(&r, a, alen);
	while ((rc = codec_next(&r, &f)) == 1) {
		int dup = 0;

		/* A tag is handled once, at its first occurrence. */
		for (size_t i = 0; i + sizeof(unsigned) <= seen.len; i += sizeof(unsigned)) {
			unsigned t;

			memcpy(&t, seen.p + i, sizeof t);
			if (t == f.tag)
				dup = 1;
		}
		if (dup)
			continue;
		codec_put_raw(&seen, &f.tag, sizeof f.tag);
		if (collect_tag(a, alen, f.tag, &ga) < 0 ||
		    (b != NULL && collect_tag(b, blen, f.tag, &gb) < 0)) {
			rc = -1;
			break;
		}
		if (b == NULL)
			gb.len = 0;
		if (removed) {
			if (gb.len == 0) {
				codec_put_varint(out, f.tag);
				count++;
			}
		} else if (ga.len != gb.len || memcmp(ga.p, gb.p, ga.len) != 0) {
			codec_put_raw(out, ga.p, ga.len);
			count++;
		}
	}
	codec_buf_free(&ga);
	codec_buf_free(&gb);
	codec_buf_free(&seen);
	return rc < 0 ? -1 : count;
}

int
codec_diff(const uint8_t *old_rec, size_t old_len, const uint8_t *new_rec, size_t new_len,
    struct codec_buf *changed, struct codec_buf *removed)
{
	int a, b = 0;

	/* Skip the version bytes: a version change alone is not a change of fields. */
	if (new_len < 1 || (old_rec != NULL && old_len < 1))
		return -1;
	a = diff_side(new_rec + 1, new_len - 1, old_rec ? old_rec + 1 : NULL,
	    old_rec ? old_len - 1 : 0, changed, 0);
	if (a < 0)
		return -1;
	if (old_rec != NULL)
		b = diff_side(old_rec + 1, old_len - 1, new_rec + 1, new_len - 1, removed, 1);
	return b < 0 ? -1 : a + b;
}
