#include "util/uid.h"

#include <string.h>
#include <uuid/uuid.h>

void
uid_new(struct kz_uuid *u, int64_t ms)
{
	static int64_t last_ms = -1;
	static uint16_t last_seq;
	uuid_t r;
	uint16_t seq;

	uuid_generate_random(r);
	memcpy(u->b, r, 16);
	/*
	 * The 12 bits after the version nibble count up within one millisecond (RFC 9562's
	 * method 1), so that ids made in a burst, or under a clock fixed by tests, still sort
	 * in the order they were made.
	 */
	if (ms <= last_ms) {
		ms = last_ms;
		seq = (uint16_t)(last_seq + 1);
		if (seq > 0xfff) {
			ms++;
			seq = (uint16_t)(r[6] & 0x07);
		}
	} else {
		seq = (uint16_t)(((r[6] & 0x07) << 8) | r[7]);	/* random start, room to count */
	}
	last_ms = ms;
	last_seq = seq;
	for (int i = 0; i < 6; i++)
		u->b[i] = (uint8_t)((uint64_t)ms >> (40 - 8 * i));
	u->b[6] = (uint8_t)(0x70 | (seq >> 8));
	u->b[7] = (uint8_t)(seq & 0xff);
	u->b[8] = (uint8_t)((u->b[8] & 0x3f) | 0x80);
}

void
uid_format(const struct kz_uuid *u, char out[UID_STRLEN])
{
	uuid_unparse_lower(u->b, out);
}

int
uid_parse(const char *s, struct kz_uuid *u)
{
	if (strlen(s) != 36)
		return -1;
	return uuid_parse(s, u->b) == 0 ? 0 : -1;
}

bool
uid_is_nil(const struct kz_uuid *u)
{
	static const uint8_t zero[16];

	return memcmp(u->b, zero, 16) == 0;
}

int
uid_cmp(const struct kz_uuid *a, const struct kz_uuid *b)
{
	return memcmp(a->b, b->b, 16);
}

int64_t
uid_ms(const struct kz_uuid *u)
{
	int64_t ms = 0;

	for (int i = 0; i < 6; i++)
		ms = ms << 8 | u->b[i];
	return ms;
}
