/*
 * The record encoding, shared by the store and (later) sync bundles.
 *
 * A value is one format-version byte followed by fields. A field is a varint key
 * (tag << 3 | wire) and its payload: wire 0 is an unsigned varint, wire 2 a varint length
 * and that many bytes (strings, UUIDs, nested records). Varints are LEB128, so the encoding
 * is little-endian by construction and independent of any struct layout. Readers keep the
 * raw bytes of fields they do not know and write them back (see core/schema.h).
 */
#ifndef KZ_CODEC_H
#define KZ_CODEC_H

#include <stddef.h>
#include <stdint.h>

#define CODEC_WIRE_VARINT 0
#define CODEC_WIRE_BYTES 2
/*
 * Length-delimited like wire 2: text at one byte a letter in the KZ-1048 code page, for
 * Kazakh and Russian (core/schema.c turns it back into UTF-8).
 */
#define CODEC_WIRE_KZTEXT 3

/* A growable output buffer. Owns p. */
struct codec_buf {
	uint8_t *p;
	size_t len, cap;
};

void codec_buf_free(struct codec_buf *b);
void codec_put_raw(struct codec_buf *b, const void *p, size_t n);
void codec_put_varint(struct codec_buf *b, uint64_t v);
/* Writes v as a varint into out (at most 10 bytes); returns its length. */
size_t codec_varint_encode(uint8_t out[10], uint64_t v);
void codec_put_uint(struct codec_buf *b, unsigned tag, uint64_t v);
void codec_put_sint(struct codec_buf *b, unsigned tag, int64_t v);
void codec_put_bytes(struct codec_buf *b, unsigned tag, const void *p, size_t n);
void codec_put_str(struct codec_buf *b, unsigned tag, const char *s);

/* One field as read; p/n point into the input for wire 2, raw/rawlen span the whole field. */
struct codec_field {
	unsigned tag;
	unsigned wire;
	uint64_t u;
	const uint8_t *p;
	size_t n;
	const uint8_t *raw;
	size_t rawlen;
};

struct codec_reader {
	const uint8_t *p, *end;
};

void codec_reader_init(struct codec_reader *r, const void *p, size_t n);
/* 1 and *f filled, 0 at the end, -1 when the input is corrupt (truncated, bad wire type). */
int codec_next(struct codec_reader *r, struct codec_field *f);
int64_t codec_unzigzag(uint64_t u);
int codec_get_varint(const uint8_t **p, const uint8_t *end, uint64_t *v);

/*
 * The fields of new_rec (a whole value, version byte first) that differ from old_rec
 * (NULL when the record is new), written as a field sequence into changed; the tags present
 * in old and absent from new as varints into removed. Fields with the same tag (lists)
 * compare as a group. Returns the number of tags that differ, or -1 if either is corrupt.
 */
int codec_diff(const uint8_t *old_rec, size_t old_len, const uint8_t *new_rec, size_t new_len,
    struct codec_buf *changed, struct codec_buf *removed);

#endif
