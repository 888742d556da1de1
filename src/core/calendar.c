#include "core/calendar.h"

#include <string.h>

#include "core/unit.h"

const char *const calendar_status_names[CAL_STATUS_COUNT] = {
	"draft", "approved", "notified", "submitted"
};

static const struct schema_field revision_fields[] = {
	{ 1, SF_INT, offsetof(struct calendar_revision, number), "number" },
	{ 2, SF_DATE, offsetof(struct calendar_revision, date), "date" },
	{ 3, SF_STR, offsetof(struct calendar_revision, reason), "reason" },
	{ 4, SF_DATE, offsetof(struct calendar_revision, notified_on), "notified_on" },
};

static const struct schema_record revision_desc = {
	"revision", sizeof(struct calendar_revision), offsetof(struct calendar_revision, extra),
	SCHEMA_FIELDS(revision_fields)
};

#define F(tag, type, member) { tag, type, offsetof(struct calendar, member), #member }
static const struct schema_field calendar_fields[] = {
	F(1, SF_CODE, unit),
	F(2, SF_INT, year),
	SCHEMA_ENUM(3, struct calendar, status, calendar_status_names, CAL_STATUS_COUNT),
	F(4, SF_DATE, approved_on),
	F(5, SF_DATE, notified_on),
	F(6, SF_DATE, submitted_on),
	{ 7, SF_LIST, offsetof(struct calendar, revisions), "revisions", &revision_desc,
	  offsetof(struct calendar, nrevisions) },
};
#undef F

static const struct schema_record calendar_desc = {
	"calendar", sizeof(struct calendar), offsetof(struct calendar, extra),
	SCHEMA_FIELDS(calendar_fields)
};

static void
calendar_key(const void *obj, struct rec_key *k)
{
	const struct calendar *c = obj;
	uint8_t y[2] = { (uint8_t)(c->year >> 8), (uint8_t)c->year };

	rec_key_bytes(k, c->unit, UNIT_CODE_LEN);
	rec_key_bytes(k, y, 2);
}

const struct rec_kind calendar_kind = { DB_CALENDARS, &calendar_desc, calendar_key, NULL };

void
calendar_init(struct calendar *c)
{
	schema_init(&calendar_desc, c);
}

void
calendar_free(struct calendar *c)
{
	schema_clear(&calendar_desc, c);
}

int
calendar_get_tx(struct store_txn *t, const char *unit, int year, struct calendar *c)
{
	struct rec_key k = { .n = 0 };

	calendar_init(c);
	memcpy(c->unit, unit, sizeof c->unit);
	c->year = year;
	calendar_key(c, &k);
	return rec_load(t, &calendar_kind, &k, c);
}

int
calendar_save_tx(struct store_txn *t, const struct calendar *c)
{
	return rec_save(t, &calendar_kind, c);
}
