#include "core/schema.h"

#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/text.h"
#include "util/uid.h"
#include "util/xmalloc.h"

#define AT(obj, off, T) ((T *)(void *)((char *)(obj) + (off)))
#define CAT(obj, off, T) ((const T *)(const void *)((const char *)(obj) + (off)))

void
schema_init(const struct schema_record *d, void *obj)
{
	memset(obj, 0, d->size);
	for (size_t i = 0; i < d->nfields; i++)
		if (d->fields[i].type == SF_DATE)
			*AT(obj, d->fields[i].off, kz_date) = DATE_NONE;
	AT(obj, d->extra_off, struct schema_extra)->version = SCHEMA_FORMAT_VERSION;
}

void
schema_clear(const struct schema_record *d, void *obj)
{
	for (size_t i = 0; i < d->nfields; i++) {
		const struct schema_field *f = &d->fields[i];

		if (f->type == SF_STR) {
			free(*AT(obj, f->off, char *));
		} else if (f->type == SF_LIST) {
			char *items = *AT(obj, f->off, char *);
			size_t n = *AT(obj, f->count_off, size_t);

			for (size_t k = 0; k < n; k++)
				schema_clear(f->sub, items + k * f->sub->size);
			free(items);
		}
	}
	free(AT(obj, d->extra_off, struct schema_extra)->p);
	schema_init(d, obj);
}

/*
 * Text in Kazakh or Russian is kept at one byte a letter (KZ-1048, wire 3): Cyrillic takes
 * two bytes in UTF-8, and questions are mostly Cyrillic. Text KZ-1048 cannot hold, and
 * ASCII, stay UTF-8 (wire 2).
 */
static void
put_text(struct codec_buf *out, unsigned tag, const char *s)
{
	size_t n = strlen(s), k;
	uint8_t small[512], *buf = n <= sizeof small ? small : xmalloc(n);

	if ((k = text_kz1048_encode(s, n, buf)) > 0) {
		codec_put_varint(out, (uint64_t)tag << 3 | CODEC_WIRE_KZTEXT);
		codec_put_varint(out, k);
		codec_put_raw(out, buf, k);
	} else {
		codec_put_bytes(out, tag, s, n);
	}
	if (buf != small)
		free(buf);
}

static void
encode_fields(const struct schema_record *d, const void *obj, struct codec_buf *out)
{
	const struct schema_extra *x = CAT(obj, d->extra_off, struct schema_extra);

	for (size_t i = 0; i < d->nfields; i++) {
		const struct schema_field *f = &d->fields[i];

		switch (f->type) {
		/*
		 * Zero, false and "no date" are absent: a record pays only for what it holds
		 * (a question's many flags and enums are mostly zero), and setting a field back
		 * to zero is a tombstone like any field cleared.
		 */
		case SF_INT:
			if (*CAT(obj, f->off, int) != 0)
				codec_put_sint(out, f->tag, *CAT(obj, f->off, int));
			break;
		case SF_I64:
			if (*CAT(obj, f->off, int64_t) != 0)
				codec_put_sint(out, f->tag, *CAT(obj, f->off, int64_t));
			break;
		case SF_BOOL:
			if (*CAT(obj, f->off, bool))
				codec_put_uint(out, f->tag, 1);
			break;
		case SF_DATE:
			if (*CAT(obj, f->off, kz_date) != DATE_NONE)
				codec_put_sint(out, f->tag, *CAT(obj, f->off, kz_date));
			break;
		case SF_STR:
			if (*CAT(obj, f->off, char *) != NULL)
				put_text(out, f->tag, *CAT(obj, f->off, char *));
			break;
		case SF_CODE:
			if (*CAT(obj, f->off, char) != '\0')
				codec_put_str(out, f->tag, CAT(obj, f->off, char));
			break;
		case SF_UUID:
			if (!uid_is_nil(CAT(obj, f->off, struct kz_uuid)))
				codec_put_bytes(out, f->tag, CAT(obj, f->off, struct kz_uuid)->b, 16);
			break;
		case SF_LIST: {
			const char *items = *CAT(obj, f->off, char *const);
			size_t n = *CAT(obj, f->count_off, size_t);
			struct codec_buf sub = { 0 };

			for (size_t k = 0; k < n; k++) {
				sub.len = 0;
				encode_fields(f->sub, items + k * f->sub->size, &sub);
				codec_put_bytes(out, f->tag, sub.p, sub.len);
			}
			codec_buf_free(&sub);
			break;
		}
		}
	}
	if (x->len > 0)
		codec_put_raw(out, x->p, x->len);
}

void
schema_encode(const struct schema_record *d, const void *obj, struct codec_buf *out)
{
	uint8_t v = CAT(obj, d->extra_off, struct schema_extra)->version;

	if (v < SCHEMA_FORMAT_VERSION)
		v = SCHEMA_FORMAT_VERSION;
	codec_put_raw(out, &v, 1);
	encode_fields(d, obj, out);
}

const struct schema_field *
schema_field_tagged(const struct schema_record *d, unsigned tag)
{
	for (size_t i = 0; i < d->nfields; i++)
		if (d->fields[i].tag == tag)
			return &d->fields[i];
	return NULL;
}

const struct schema_field *
schema_field_named(const struct schema_record *d, const char *name)
{
	for (size_t i = 0; i < d->nfields; i++)
		if (strcmp(d->fields[i].name, name) == 0)
			return &d->fields[i];
	return NULL;
}

static void
keep_unknown(const struct schema_record *d, void *obj, const struct codec_field *cf)
{
	struct schema_extra *x = AT(obj, d->extra_off, struct schema_extra);

	x->p = xrealloc(x->p, x->len + cf->rawlen);
	memcpy(x->p + x->len, cf->raw, cf->rawlen);
	x->len += cf->rawlen;
}

static int
decode_fields(const struct schema_record *d, void *obj, const uint8_t *p, size_t n,
    uint64_t only)
{
	struct codec_reader r;
	struct codec_field cf;
	int rc;

	codec_reader_init(&r, p, n);
	while ((rc = codec_next(&r, &cf)) == 1) {
		const struct schema_field *f;
		unsigned want;

		/* Only some top-level fields wanted (schema_decode_only): skip the rest. */
		if (only != 0 && (cf.tag >= 64 || !(only >> cf.tag & 1)))
			continue;
		f = schema_field_tagged(d, cf.tag);

		if (f == NULL) {
			keep_unknown(d, obj, &cf);
			continue;
		}
		want = (f->type <= SF_DATE) ? CODEC_WIRE_VARINT : CODEC_WIRE_BYTES;
		if (f->type == SF_STR && cf.wire == CODEC_WIRE_KZTEXT) {
			char *text = text_kz1048_decode(cf.p, cf.n);

			if (text == NULL)
				return -1;
			free(*AT(obj, f->off, char *));
			*AT(obj, f->off, char *) = text;
			continue;
		}
		if (cf.wire != want || (f->type == SF_UUID && cf.n != 16) ||
		    (f->type == SF_CODE && cf.n > 9)) {
			/* A later version may have changed this field's shape: keep it as it was. */
			keep_unknown(d, obj, &cf);
			continue;
		}
		switch (f->type) {
		case SF_INT:
			*AT(obj, f->off, int) = (int)codec_unzigzag(cf.u);
			break;
		case SF_I64:
			*AT(obj, f->off, int64_t) = codec_unzigzag(cf.u);
			break;
		case SF_BOOL:
			*AT(obj, f->off, bool) = cf.u != 0;
			break;
		case SF_DATE:
			*AT(obj, f->off, kz_date) = (kz_date)codec_unzigzag(cf.u);
			break;
		case SF_STR:
			free(*AT(obj, f->off, char *));
			*AT(obj, f->off, char *) = xstrndup((const char *)cf.p, cf.n);
			break;
		case SF_CODE:
			memcpy(AT(obj, f->off, char), cf.p, cf.n);
			AT(obj, f->off, char)[cf.n] = '\0';
			break;
		case SF_UUID:
			memcpy(AT(obj, f->off, struct kz_uuid)->b, cf.p, 16);
			break;
		case SF_LIST: {
			char **items = AT(obj, f->off, char *);
			size_t *cnt = AT(obj, f->count_off, size_t);
			void *el;

			*items = xrealloc(*items, (*cnt + 1) * f->sub->size);
			el = *items + *cnt * f->sub->size;
			schema_init(f->sub, el);
			(*cnt)++;
			if (decode_fields(f->sub, el, cf.p, cf.n, 0) != 0)
				return -1;
			break;
		}
		}
	}
	return rc;
}

int
schema_decode(const struct schema_record *d, void *obj, const uint8_t *p, size_t n)
{
	if (n < 1 || p[0] == 0 || decode_fields(d, obj, p + 1, n - 1, 0) != 0) {
		schema_clear(d, obj);
		return -1;
	}
	AT(obj, d->extra_off, struct schema_extra)->version = p[0];
	return 0;
}

int
schema_decode_only(const struct schema_record *d, void *obj, const uint8_t *p, size_t n,
    uint64_t tags)
{
	if (n < 1 || p[0] == 0 || decode_fields(d, obj, p + 1, n - 1, tags ? tags : ~0ULL) != 0) {
		schema_clear(d, obj);
		return -1;
	}
	return 0;
}

void
schema_copy(const struct schema_record *d, void *dst, const void *src)
{
	struct codec_buf b = { 0 };

	/* Through the encoding: one path to keep right, and copies are not on a hot path. */
	schema_init(d, dst);
	schema_encode(d, src, &b);
	if (schema_decode(d, dst, b.p, b.len) != 0)
		abort();
	codec_buf_free(&b);
}
