#include "cli/out.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/labels.h"
#include "core/rules.h"
#include "core/text.h"
#include "util/i18n.h"
#include "util/uid.h"
#include "util/log.h"
#include "util/xmalloc.h"

#define CAT(obj, off, T) ((const T *)(const void *)((const char *)(obj) + (off)))

int
out_parse_format(const char *s, enum out_format *f)
{
	if (strcmp(s, "text") == 0)
		*f = OUT_TEXT;
	else if (strcmp(s, "tsv") == 0)
		*f = OUT_TSV;
	else if (strcmp(s, "json") == 0)
		*f = OUT_JSON;
	else
		return -1;
	return 0;
}

/* text_escape's sink for a stream. */
static void
file_sink(void *arg, const char *s, size_t n)
{
	fwrite(s, 1, n, arg);
}

void
out_tsv_string(FILE *fp, const char *s)
{
	text_escape(s, strlen(s), TEXT_ESC_TSV, file_sink, fp);
}

void
out_text_string(FILE *fp, const char *s)
{
	text_escape(s, strlen(s), TEXT_ESC_TEXT, file_sink, fp);
}

void
out_json_string(FILE *fp, const char *s)
{
	fputc('"', fp);
	text_escape(s, strlen(s), TEXT_ESC_JSON, file_sink, fp);
	fputc('"', fp);
}

void
out_vtextf(FILE *fp, const char *fmt, va_list ap)
{
	char buf[512], *p = buf;
	va_list aq;
	int n;

	va_copy(aq, ap);
	n = vsnprintf(buf, sizeof buf, fmt, aq);
	va_end(aq);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof buf) {
		p = xmalloc((size_t)n + 1);
		vsnprintf(p, (size_t)n + 1, fmt, ap);
	}
	text_escape(p, (size_t)n, TEXT_ESC_TEXT, file_sink, fp);
	if (p != buf)
		free(p);
}

void
out_textf(FILE *fp, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	out_vtextf(fp, fmt, ap);
	va_end(ap);
}

/* Fields of moments: int64 milliseconds named *_ms. */
static bool
is_time(const struct schema_field *f)
{
	size_t n = strlen(f->name);

	return f->type == SF_I64 && n > 3 && strcmp(f->name + n - 3, "_ms") == 0;
}

/* Whether a field holds a value; absent ones are empty in tsv and left out of JSON. */
static bool
present(const struct schema_field *f, const void *obj)
{
	switch (f->type) {
	case SF_DATE:
		return *CAT(obj, f->off, kz_date) != DATE_NONE;
	case SF_STR:
		return *CAT(obj, f->off, char *) != NULL;
	case SF_CODE:
		return *CAT(obj, f->off, char) != '\0';
	case SF_I64:
		/* A moment not recorded (a meeting's start before it is held) is 0, not 1970. */
		return !is_time(f) || *CAT(obj, f->off, int64_t) != 0;
	case SF_INT: {
		/* An enum whose value is named "" is not recorded (B-1's comments, P-2's channel). */
		int v = *CAT(obj, f->off, int);

		return f->names == NULL || v < 0 || v >= f->nnames || f->names[v][0] != '\0';
	}
	case SF_UUID:
		return !uid_is_nil(CAT(obj, f->off, struct kz_uuid));
	case SF_LIST:
		return *CAT(obj, f->off, size_t) != 0 || *CAT(obj, f->count_off, size_t) != 0;
	default:
		return true;
	}
}

/* A scalar as plain text into buf; strings are returned as they are through *str. */
static void
scalar(const struct schema_field *f, const void *obj, char *buf, size_t len, const char **str)
{
	int v;

	*str = buf;
	buf[0] = '\0';
	if (!present(f, obj))
		return;
	switch (f->type) {
	case SF_INT:
		v = *CAT(obj, f->off, int);
		if (f->names != NULL && v >= 0 && v < f->nnames)
			*str = f->names[v];
		else
			snprintf(buf, len, "%d", v);
		break;
	case SF_I64:
		snprintf(buf, len, "%" PRId64, *CAT(obj, f->off, int64_t));
		break;
	case SF_BOOL:
		*str = *CAT(obj, f->off, bool) ? "yes" : "no";
		break;
	case SF_DATE:
		date_format(*CAT(obj, f->off, kz_date), buf);
		break;
	case SF_STR:
		*str = *CAT(obj, f->off, char *);
		break;
	case SF_CODE:
		*str = CAT(obj, f->off, char);
		break;
	case SF_UUID:
		uid_format(CAT(obj, f->off, struct kz_uuid), buf);
		break;
	case SF_LIST:
		snprintf(buf, len, "%zu", *CAT(obj, f->count_off, size_t));
		break;
	}
}

static out_namer_fn namer;
static void *namer_ctx;

void
out_set_namer(out_namer_fn fn, void *ctx)
{
	namer = fn;
	namer_ctx = ctx;
}

/* The name of the unit a code field holds, or NULL (no namer, or a unit not known here). */
static const char *
code_name(const char *d_name, const struct schema_field *f, const void *obj)
{
	const char *code;

	/* A unit's own list shows its names already. */
	if (f->type != SF_CODE || namer == NULL || strcmp(d_name, "unit") == 0)
		return NULL;
	code = CAT(obj, f->off, char);
	return code[0] != '\0' ? namer(namer_ctx, code) : NULL;
}

void
out_json_field(FILE *fp, const struct schema_field *f, const void *obj)
{
	char buf[64];
	const char *s;

	if (f->type == SF_LIST) {
		const char *items = *CAT(obj, f->off, char *const);
		size_t n = *CAT(obj, f->count_off, size_t);

		fputc('[', fp);
		for (size_t k = 0; k < n; k++) {
			if (k > 0)
				fputc(',', fp);
			out_json_record(fp, f->sub, items + k * f->sub->size);
		}
		fputc(']', fp);
		return;
	}
	if (!present(f, obj)) {
		fputs("null", fp);
		return;
	}
	scalar(f, obj, buf, sizeof buf, &s);
	if (f->type == SF_BOOL)
		fputs(*CAT(obj, f->off, bool) ? "true" : "false", fp);
	else if (f->type == SF_I64 || (f->type == SF_INT && f->names == NULL))
		fputs(s, fp);
	else
		out_json_string(fp, s);
}

void
out_json_record(FILE *fp, const struct schema_record *d, const void *obj)
{
	const char *s;
	bool first = true;

	fputc('{', fp);
	for (size_t i = 0; i < d->nfields; i++) {
		const struct schema_field *f = &d->fields[i];

		if (!present(f, obj))
			continue;
		if (!first)
			fputc(',', fp);
		first = false;
		out_json_string(fp, f->name);
		fputc(':', fp);
		out_json_field(fp, f, obj);
		if (f->type == SF_LIST)
			continue;
		/* A moment's local time beside it: "asked_ms":…,"asked":"2026-12-01 14:00". */
		if (is_time(f)) {
			char when[17];

			date_format_time(*CAT(obj, f->off, int64_t), RULES_UTC_OFFSET_KZ, when);
			fprintf(fp, ",\"%.*s\":\"%s\"", (int)(strlen(f->name) - 3), f->name, when);
		}
		/* A unit's name beside its code: "akim":"613600000","akim_name":"…". */
		if ((s = code_name(d->name, f, obj)) != NULL) {
			fputc(',', fp);
			fputc('"', fp);
			fputs(f->name, fp);
			fputs("_name\":", fp);
			out_json_string(fp, s);
		}
	}
	fputc('}', fp);
}

static void
text_record(FILE *fp, const struct schema_record *d, const void *obj, const char *indent)
{
	char buf[64], list[512];
	const char *s, *const *codes;
	int ncodes;

	for (size_t i = 0; i < d->nfields; i++) {
		const struct schema_field *f = &d->fields[i];

		/* A set element's id is for programs (JSON); people see its number. */
		if (!present(f, obj) || strcmp(f->name, "eid") == 0)
			continue;
		if (f->type == SF_LIST) {
			const char *items = *CAT(obj, f->off, char *const);
			size_t n = *CAT(obj, f->count_off, size_t);
			char *sub = xasprintf("%s  ", indent);

			for (size_t k = 0; k < n; k++) {
				fprintf(fp, "%s%s %zu:\n", indent, label_field(d->name, f->name), k + 1);
				text_record(fp, f->sub, items + k * f->sub->size, sub);
			}
			free(sub);
			continue;
		}
		scalar(f, obj, buf, sizeof buf, &s);
		/*
		 * Codes for people in their language (a status: "in-work" is «в работе», a level
		 * "own" «свой уровень», a list of channels their names): core/labels.h, the
		 * interface's words too. json and tsv keep the codes.
		 */
		if (f->type == SF_INT && f->names != NULL && s[0] != '\0')
			s = label_enum(f->names, *CAT(obj, f->off, int));
		else if (f->type == SF_BOOL)
			s = _(s);
		else if (f->type == SF_STR && (codes = label_list_names(d->name, f->name,
		    &ncodes)) != NULL)
			s = label_list(codes, ncodes, s, list, sizeof list);
		/* A moment, for people: its local date and time in Kazakhstan, not milliseconds. */
		if (is_time(f))
			date_format_time(*CAT(obj, f->off, int64_t), RULES_UTC_OFFSET_KZ, buf);
		/* The field's name for people (json and tsv keep the name as their key). */
		fprintf(fp, "%s%s: ", indent, label_field(d->name, f->name));
		out_text_string(fp, s);
		if ((s = code_name(d->name, f, obj)) != NULL) {
			fputc(' ', fp);
			out_text_string(fp, s);
		}
		fputc('\n', fp);
	}
}

void
out_stream_begin(struct out_stream *st, FILE *fp, enum out_format f,
    const struct schema_record *d, const char *const *cols)
{
	st->ncols = 0;
	/* The columns' fields once, not for every row of a million. */
	for (size_t c = 0; cols != NULL && cols[c] != NULL; c++) {
		if (c >= OUT_MAX_COLS)
			fatal("more than %d columns for %s", OUT_MAX_COLS, d->name);
		if ((st->fields[c] = schema_field_named(d, cols[c])) == NULL)
			fatal("no field %s in %s", cols[c], d->name);
		st->ncols = c + 1;
	}
	st->fp = fp;
	st->fmt = f;
	st->d = d;
	st->cols = cols;
	st->n = 0;
	if (f == OUT_JSON)
		fputs("[\n", fp);
}

static void
stream_one(struct out_stream *st, const void *obj)
{
	FILE *fp = st->fp;
	char buf[64];
	const char *s;

	switch (st->fmt) {
	case OUT_JSON:
		if (st->n > 0)
			fputs(",\n", fp);
		out_json_record(fp, st->d, obj);
		break;
	case OUT_TEXT:
		if (st->n > 0)
			fputc('\n', fp);
		text_record(fp, st->d, obj, "");
		break;
	case OUT_TSV:
		for (size_t c = 0; c < st->ncols; c++) {
			const struct schema_field *f = st->fields[c];

			if (c > 0)
				fputc('\t', fp);
			/*
			 * A moment as its local date and time, as in the text, never raw
			 * milliseconds (issue 7); an unset one is empty.
			 */
			if (is_time(f)) {
				if (*CAT(obj, f->off, int64_t) != 0) {
					date_format_time(*CAT(obj, f->off, int64_t),
					    RULES_UTC_OFFSET_KZ, buf);
					fputs(buf, fp);
				}
				continue;
			}
			scalar(f, obj, buf, sizeof buf, &s);
			out_tsv_string(fp, s);
		}
		/* Then the names of the units whose codes are among the columns, in order. */
		for (size_t c = 0; namer != NULL && strcmp(st->d->name, "unit") != 0 &&
		    c < st->ncols; c++) {
			const struct schema_field *f = st->fields[c];

			if (f->type != SF_CODE)
				continue;
			fputc('\t', fp);
			if ((s = code_name(st->d->name, f, obj)) != NULL)
				out_tsv_string(fp, s);
		}
		fputc('\n', fp);
		break;
	}
	st->n++;
}

void
out_stream_records(struct out_stream *st, const void *items, size_t n, bool reverse)
{
	for (size_t i = 0; i < n; i++)
		stream_one(st, (const char *)items + (reverse ? n - 1 - i : i) * st->d->size);
}

void
out_stream_end(struct out_stream *st)
{
	if (st->fmt == OUT_JSON)
		fputs(st->n > 0 ? "\n]\n" : "]\n", st->fp);
}

void
out_records(FILE *fp, enum out_format fmt, const struct schema_record *d, const void *items,
    size_t n, const char *const *cols)
{
	struct out_stream st;

	out_stream_begin(&st, fp, fmt, d, cols);
	out_stream_records(&st, items, n, false);
	out_stream_end(&st);
}

const char *
out_pad(const char *s, size_t width, char *buf, size_t size)
{
	size_t cols = 0;

	for (const char *p = s; *p != '\0'; p++)
		cols += ((unsigned char)*p & 0xc0) != 0x80;
	snprintf(buf, size, "%s%*s", s, cols < width ? (int)(width - cols) : 0, "");
	return buf;
}
