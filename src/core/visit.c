#include "core/visit.h"

#include <stdlib.h>
#include <string.h>

#include "core/announce.h"
#include "core/calendar.h"
#include "core/rules.h"
#include "core/namelist.h"
#include "core/territory.h"
#include "core/text.h"
#include "core/unit.h"
#include "util/xmalloc.h"
#include "util/i18n.h"

const char *const visit_status_names[VISIT_STATUS_COUNT] = {
	N_("planned"), N_("announced"), N_("held"), N_("cancelled"), N_("moved")
};

/* "" is not recorded: dump and show leave it out. */
const char *const visit_comments_names[COMMENTS_COUNT] = { "", "open", "closed" };

const char *const audience_names[AUD_COUNT] = {
	"citizen", "deputy", "party", "public-org", "opposition", "public-council",
	"community", "business", "other"
};

enum {
	V_ID = 1, V_AKIM, V_TARGET, V_DATE, V_TIME, V_DURATION, V_FIELD, V_UNSCHEDULED,
	V_REASON, V_VENUE, V_STATUS, V_ANNOUNCED, V_CHANNELS, V_BROADCAST, V_VIDEOCONF,
	V_STARTED, V_REPORT_END, V_ENDED, V_ATTENDANCE, V_COMMISSION, V_RECEPTIONS_END,
	V_PUBLISHED, V_MOVED_FROM, V_CREATED, V_ANNOUNCE_BY, V_WITHDRAWN, V_MOVED_REASON,
	/* B-1, from 40: clear of the tags other parts of issue 7 add beside them. */
	V_COMMENTS = 40, V_NO_BROADCAST,
	/* M-2, from 42 (40, 41 are B-1's). */
	V_INVITED = 42
};

static const struct schema_field attendance_fields[] = {
	SCHEMA_ENUM(1, struct visit_attendance, category, audience_names, AUD_COUNT),
	{ 2, SF_INT, offsetof(struct visit_attendance, count), "count" },
	{ STATE_EID_TAG, SF_UUID, offsetof(struct visit_attendance, eid), "eid" },
};

static const struct schema_record attendance_desc = {
	"attendance", sizeof(struct visit_attendance), offsetof(struct visit_attendance, extra),
	SCHEMA_FIELDS(attendance_fields)
};

#define F(tag, type, member) { tag, type, offsetof(struct visit, member), #member }
static const struct schema_field visit_fields[] = {
	F(V_ID, SF_UUID, id),
	F(V_AKIM, SF_CODE, akim),
	F(V_TARGET, SF_CODE, target),
	F(V_DATE, SF_DATE, date),
	F(V_TIME, SF_STR, time),
	F(V_DURATION, SF_INT, duration_min),
	F(V_FIELD, SF_BOOL, field),
	F(V_UNSCHEDULED, SF_BOOL, unscheduled),
	F(V_REASON, SF_STR, reason),
	F(V_VENUE, SF_STR, venue),
	SCHEMA_ENUM(V_STATUS, struct visit, status, visit_status_names, VISIT_STATUS_COUNT),
	F(V_ANNOUNCED, SF_DATE, announced_on),
	F(V_CHANNELS, SF_STR, channels),
	F(V_BROADCAST, SF_STR, broadcast),
	F(V_VIDEOCONF, SF_BOOL, videoconf),
	F(V_STARTED, SF_I64, started_ms),
	F(V_REPORT_END, SF_I64, report_end_ms),
	F(V_ENDED, SF_I64, ended_ms),
	{ V_ATTENDANCE, SF_LIST, offsetof(struct visit, attendance), "attendance",
	  &attendance_desc, offsetof(struct visit, nattendance) },
	/* Was "commission" (P-1 before the year's members): renamed so people read it as old. */
	F(V_COMMISSION, SF_STR, old_commission_note),
	F(V_RECEPTIONS_END, SF_DATE, receptions_end),
	F(V_PUBLISHED, SF_DATE, published_on),
	F(V_MOVED_FROM, SF_DATE, moved_from),
	F(V_CREATED, SF_I64, created_ms),
	F(V_ANNOUNCE_BY, SF_DATE, announce_by),
	F(V_WITHDRAWN, SF_BOOL, withdrawn),
	F(V_MOVED_REASON, SF_STR, moved_reason),
	SCHEMA_ENUM(V_COMMENTS, struct visit, comments, visit_comments_names, COMMENTS_COUNT),
	F(V_NO_BROADCAST, SF_STR, no_broadcast),
	F(V_INVITED, SF_STR, invited),
};
#undef F

static const struct schema_record visit_desc = {
	"visit", sizeof(struct visit), offsetof(struct visit, extra), SCHEMA_FIELDS(visit_fields)
};

static void
visit_key(const void *obj, struct rec_key *k)
{
	rec_key_bytes(k, ((const struct visit *)obj)->id.b, 16);
}

static void
visit_indexes(const void *obj, rec_emit_fn emit, void *ctx)
{
	const struct visit *v = obj;
	struct rec_key k = { .n = 0 };

	if (v->withdrawn)
		return;
	rec_key_date(&k, v->date);
	rec_key_bytes(&k, v->id.b, 16);
	emit(ctx, DB_VISITS_BY_DATE, &k);
}

/* What visit_indexes reads. */
static const char *const visit_index_fields[] = { "id", "date", "withdrawn", NULL };

const struct rec_kind visit_kind = {
	DB_VISITS, &visit_desc, visit_key, visit_indexes, 0, visit_index_fields
};

void
visit_init(struct visit *v)
{
	schema_init(&visit_desc, v);
}

void
visit_free(struct visit *v)
{
	schema_clear(&visit_desc, v);
}

static int
check_unit(struct store_txn *t, const char *what, const char *code, struct unit *u)
{
	int rc = unit_get_tx(t, code, u);

	if (rc == 1)
		return kz_fail(store_txn_error(t), KZ_ENOTFOUND, _("%s unit %s: not found (import "
		    "the classifier: kezdesu units import FILE)"), what, code);
	return rc;
}

/*
 * What a clerk may have typed wrong: times out of order (T-1), held before its day (M-1),
 * results published before the meeting, an announcement or a publication dated after
 * today.
 */
static int
check_times(struct store_txn *t, const struct visit *v)
{
	struct kz_error *e = store_txn_error(t);
	kz_date today = rules_local_date(store_txn_now(t), RULES_UTC_OFFSET_KZ);
	char d1[11];

	if (v->started_ms != 0 && v->report_end_ms != 0 && v->report_end_ms < v->started_ms)
		return kz_fail(e, KZ_EINVAL, _("visit: the report ends before the meeting starts (T-1)"));
	if (v->ended_ms != 0 && ((v->started_ms != 0 && v->ended_ms < v->started_ms) ||
	    (v->report_end_ms != 0 && v->ended_ms < v->report_end_ms)))
		return kz_fail(e, KZ_EINVAL, _("visit: the meeting ends before it starts or before "
		    "its report ends (T-1)"));
	date_format(v->date, d1);
	/*
	 * Interpretation (issue 7): a meeting is held on its day; one marked held while its
	 * date is still ahead is a slip of the status or of the date, refused.
	 */
	if (v->status == VISIT_HELD && v->date > today) {
		char d2[11];

		date_format(today, d2);
		return kz_fail(e, KZ_EINVAL, _("visit: marked held, but its date %s is after today "
		    "(%s, M-1): mark it held on or after its day, or correct the date"), d1, d2);
	}
	if (v->published_on != DATE_NONE && v->published_on < v->date)
		return kz_fail(e, KZ_EINVAL, _("visit: results published before the meeting of %s "
		    "(A-3)"), d1);
	/*
	 * An announcement (P-4) or a publication is recorded once it is made: a day
	 * after today is a slip of the date, and would make a deadline look kept.
	 */
	if ((v->announced_on != DATE_NONE && v->announced_on > today) ||
	    (v->published_on != DATE_NONE && v->published_on > today)) {
		bool ann = v->announced_on != DATE_NONE && v->announced_on > today;
		char d2[11], d3[11];

		date_format(ann ? v->announced_on : v->published_on, d2);
		date_format(today, d3);
		if (ann)
			return kz_fail(e, KZ_EINVAL, _("visit: announced on %s, after today (%s, "
			    "P-4): record an announcement once it is made"), d2, d3);
		return kz_fail(e, KZ_EINVAL, _("visit: results published on %s, after today (%s, "
		    "A-3): record a publication once it is made"), d2, d3);
	}
	return 0;
}

/*
 * B-1: a broadcast is recorded with its links, or its absence with why it was not
 * technically possible, never both; whether comments were open belongs to a broadcast.
 */
static int
check_broadcast(const struct visit *v, struct kz_error *e)
{
	bool links = v->broadcast != NULL && v->broadcast[0] != '\0';

	if (v->comments < 0 || v->comments >= COMMENTS_COUNT)
		return kz_fail(e, KZ_EINVAL, _("visit: unknown comments value %d"), v->comments);
	if (links && v->no_broadcast != NULL && v->no_broadcast[0] != '\0')
		return kz_fail(e, KZ_EINVAL, _("visit: a broadcast is recorded and also why there "
		    "was none (B-1): keep one (--broadcast URL or --no-broadcast REASON)"));
	if (!links && v->comments != COMMENTS_UNKNOWN)
		return kz_fail(e, KZ_EINVAL, _("visit: comments %s, but no broadcast is recorded "
		    "(B-1: --broadcast URL[,URL] first)"), visit_comments_names[v->comments]);
	return 0;
}

int
visit_validate_tx(struct store_txn *t, const struct visit *v)
{
	struct kz_error *e = store_txn_error(t);
	struct unit akim, target;
	char akim_parent[10];
	int rc, akim_type, target_type;

	if (v->date == DATE_NONE)
		return kz_fail(e, KZ_EINVAL, _("visit: a date is required"));
	if (v->duration_min < 0 || v->duration_min > 24 * 60)
		return kz_fail(e, KZ_EINVAL, _("visit: duration %d minutes is out of range (0-1440)"),
		    v->duration_min);
	if (v->status < 0 || v->status >= VISIT_STATUS_COUNT)
		return kz_fail(e, KZ_EINVAL, _("visit: unknown status %d"), v->status);
	/* U-1: a meeting outside the calendar records why it was held. */
	if (v->unscheduled && (v->reason == NULL || v->reason[0] == '\0'))
		return kz_fail(e, KZ_EINVAL, _("visit: an unscheduled meeting needs its reason (U-1)"));
	if (text_check("visit reason", v->reason, false, 2000, e) != 0 ||
	    text_check("visit venue", v->venue, false, 500, e) != 0 ||
	    text_check("visit channels", v->channels, false, 2000, e) != 0 ||
	    text_check("visit broadcast", v->broadcast, false, 2000, e) != 0 ||
	    text_check("visit commission note", v->old_commission_note, false, 4000, e) != 0 ||
	    text_check("visit invited", v->invited, false, 200, e) != 0 ||
	    text_check("visit moved reason", v->moved_reason, false, 2000, e) != 0 ||
	    text_check("visit no-broadcast reason", v->no_broadcast, false, 2000, e) != 0)
		return -1;
	if (check_broadcast(v, e) != 0)
		return -1;
	for (size_t i = 0; i < v->nattendance; i++)
		if (v->attendance[i].category < 0 || v->attendance[i].category >= AUD_COUNT ||
		    v->attendance[i].count < 0)
			return kz_fail(e, KZ_EINVAL, _("visit: bad attendance entry %zu"), i + 1);
	if ((rc = check_unit(t, "akim's", v->akim, &akim)) != 0)
		return rc;
	akim_type = akim.type;
	memcpy(akim_parent, akim.parent, sizeof akim_parent);
	unit_free(&akim);
	if (!unit_type_has_akim(akim_type))
		return kz_fail(e, KZ_EINVAL, _("akim's unit %s is a %s, which has no akim of its own"),
		    v->akim, unit_type_name(akim_type));
	if ((rc = check_unit(t, "target", v->target, &target)) != 0)
		return rc;
	target_type = target.type;
	unit_free(&target);
	rc = unit_is_within_tx(t, v->target, v->akim);
	/* The akim named by a city district's "район" row, at its administration's code. */
	if (rc == 0 && strcmp(akim_parent, v->target) == 0 &&
	    rules_twin_types(akim_type, target_type))
		rc = 1;
	if (rc <= 0)
		return rc < 0 ? -1 : kz_fail(e, KZ_EINVAL, _("target unit %s is not in the "
		    "territory of unit %s"), v->target, v->akim);
	if (territory_check_tx(t, "visit: akim's unit", v->akim) != 0)
		return -1;
	return check_times(t, v);
}

/*
 * Attendance is a set with one element per category: two offices recording the same
 * category write the same element (its count merges field by field), different categories
 * never replace each other (M-2).
 */
void
visit_attendance_ids(struct visit *v)
{
	for (size_t i = 0; i < v->nattendance; i++) {
		memset(&v->attendance[i].eid, 0, sizeof v->attendance[i].eid);
		memcpy(v->attendance[i].eid.b, "M-2 attendance", 14);
		v->attendance[i].eid.b[15] = (uint8_t)v->attendance[i].category;
	}
}

void
visit_set_attendance(struct visit *v, int category, int count)
{
	struct visit_attendance *a;

	for (size_t i = 0; i < v->nattendance; i++)
		if (v->attendance[i].category == category) {
			v->attendance[i].count = count;
			return;
		}
	v->attendance = xrealloc(v->attendance, (v->nattendance + 1) * sizeof *v->attendance);
	a = &v->attendance[v->nattendance++];
	schema_init(&attendance_desc, a);
	a->category = category;
	a->count = count;
}

/*
 * P-3: channels given now are names of the decree's list (core/announce.h). A value written
 * before the list existed (free text of an older store) is left as it is until someone
 * changes the channels: refusing every other edit of such a meeting would lose work.
 */
static int
check_channels(struct store_txn *t, struct visit *v, const char *before)
{
	if (v->channels == NULL || (before != NULL && strcmp(before, v->channels) == 0))
		return 0;
	return announce_channels_normalise(&v->channels, store_txn_error(t));
}

/* M-2's broad audience, in audience_names' order. */
static const int broad_audience[] = { AUD_DEPUTY, AUD_PARTY, AUD_PUBLIC_ORG, AUD_OPPOSITION };
#define BROAD_LIST "deputy, party, public-org, opposition"

/* One spelling, one order, as P-3's channels (core/namelist.h). */
int
visit_invited_normalise(char **invited, struct kz_error *e)
{
	enum { NB = sizeof broad_audience / sizeof broad_audience[0] };
	const char *names[NB], *bad;
	size_t badlen;
	unsigned mask;

	for (size_t i = 0; i < NB; i++)
		names[i] = audience_names[broad_audience[i]];
	if (namelist_parse(*invited, names, NB, &mask, &bad, &badlen) != 0) {
		if (badlen == 0)
			return kz_fail(e, KZ_EINVAL, _("visit: --invited names no one (M-2: one "
			    "or more of %s)"), BROAD_LIST);
		return kz_fail(e, KZ_EINVAL, _("visit: invited '%.*s' is not of the broad "
		    "audience (M-2: %s)"), (int)badlen, bad, BROAD_LIST);
	}
	free(*invited);
	*invited = namelist_format(names, NB, mask);
	return 0;
}

int
visit_add_tx(struct store_txn *t, struct visit *v)
{
	if (check_channels(t, v, NULL) != 0)
		return -1;
	if (v->invited != NULL && visit_invited_normalise(&v->invited, store_txn_error(t)) != 0)
		return -1;
	visit_attendance_ids(v);
	if (uid_is_nil(&v->id))
		uid_new(&v->id, store_txn_now(t));
	v->created_ms = store_txn_now(t);
	if (visit_validate_tx(t, v) != 0)
		return -1;
	return rec_save(t, &visit_kind, v);
}

static int
add_fn(struct store_txn *t, void *arg)
{
	struct visit *v = arg;

	/* A retry after the map grew makes a new id: clear the one of the failed try. */
	memset(&v->id, 0, sizeof v->id);
	return visit_add_tx(t, v);
}

int
visit_add(struct store *s, struct visit *v, struct kz_error *e)
{
	return store_write(s, add_fn, v, e);
}

struct modify_args {
	const struct kz_uuid *id;
	visit_modify_fn fn;
	void *arg;
};

/*
 * K-2: a meeting of an approved calendar (of akim, once on date) moved to v->date keeps
 * why (v->moved_reason, which the caller sets for this move) and is shown as moved.
 * Moves within a draft are the draft's editing and need nothing.
 */
static int
check_move(struct store_txn *t, const char *akim, kz_date date, struct visit *v)
{
	struct calendar c;
	char d[11];
	int fixed, rc = 0;

	if ((fixed = calendar_fixed_tx(t, akim, date, &c)) < 0)
		return -1;
	if (fixed && (v->moved_reason == NULL || v->moved_reason[0] == '\0')) {
		date_format(c.approved_on, d);
		rc = kz_fail(store_txn_error(t), KZ_EINVAL, _("visit: a meeting of the calendar of "
		    "%d, approved on %s, is moved with its reason (--reason TEXT, K-2)"), c.year, d);
	} else if (fixed && (v->status == VISIT_PLANNED || v->status == VISIT_ANNOUNCED)) {
		v->status = VISIT_MOVED;
	}
	calendar_free(&c);
	return rc;
}

/*
 * K-2, U-1: an edit neither slips a meeting into an approved calendar (an unscheduled or
 * cancelled one made a calendar meeting again: a new meeting is added as a revision) nor
 * takes one out of it by calling it unscheduled (it is cancelled, or the calendar revised).
 * Cancelling stays allowed: a cancelled meeting is shown as such.
 */
static int
check_membership(struct store_txn *t, const char *akim, kz_date date, bool leaves)
{
	struct calendar c;
	char d[11];
	int fixed, rc = 0;

	if ((fixed = calendar_fixed_tx(t, akim, date, &c)) < 0)
		return -1;
	date_format(c.approved_on, d);
	if (fixed && leaves)
		rc = kz_fail(store_txn_error(t), KZ_EINVAL, _("visit: a meeting of the calendar of "
		    "%d, approved on %s, does not become unscheduled: cancel it (--status "
		    "cancelled) or correct the calendar (kezdesu calendar revise, K-2)"), c.year, d);
	else if (fixed)
		rc = kz_fail(store_txn_error(t), KZ_EINVAL, _("visit: an edit does not add a meeting "
		    "to the calendar of %d, approved on %s: add it as a revision (kezdesu visit "
		    "add --revise REASON, K-2)"), c.year, d);
	calendar_free(&c);
	return rc;
}

/* Reads, changes, checks and writes in one transaction, so that no edit reverts another. */
static int
modify_fn(struct store_txn *t, void *arg)
{
	struct modify_args *a = arg;
	struct visit v;
	char akim[10], *channels;
	kz_date date;
	bool in_calendar;
	int rc;

	if ((rc = visit_get_tx(t, a->id, &v)) != 0)
		return rc;
	channels = v.channels != NULL ? xstrdup(v.channels) : NULL;	/* P-3 */
	memcpy(akim, v.akim, sizeof akim);
	date = v.date;
	in_calendar = !v.unscheduled && v.status != VISIT_CANCELLED;
	rc = a->fn(&v, a->arg, store_txn_error(t));
	if (rc == 0 && in_calendar && v.date != date)
		rc = check_move(t, akim, date, &v);
	if (rc == 0 && in_calendar != (!v.unscheduled && v.status != VISIT_CANCELLED) &&
	    v.status != VISIT_CANCELLED)
		rc = check_membership(t, in_calendar ? akim : v.akim, in_calendar ? date : v.date,
		    in_calendar);
	if (rc == 0)
		rc = check_channels(t, &v, channels);
	if (rc == 0 && v.invited != NULL)
		rc = visit_invited_normalise(&v.invited, store_txn_error(t));
	if (rc == 0) {
		visit_attendance_ids(&v);
		rc = visit_validate_tx(t, &v);
	}
	if (rc == 0)
		rc = rec_save(t, &visit_kind, &v);
	free(channels);
	visit_free(&v);
	return rc;
}

int
visit_modify(struct store *s, const struct kz_uuid *id, visit_modify_fn fn, void *arg,
    struct kz_error *e)
{
	struct modify_args a = { id, fn, arg };

	return store_write(s, modify_fn, &a, e);
}

int
visit_get_tx(struct store_txn *t, const struct kz_uuid *id, struct visit *v)
{
	return rec_get_uuid_tx(t, &visit_kind, id, v);
}

int
visit_get(struct store *s, const struct kz_uuid *id, struct visit *v, struct kz_error *e)
{
	return rec_get_uuid(s, &visit_kind, id, v, e);
}

int
visit_list_tx(struct store_txn *t, kz_date from, kz_date to, struct rec_array *out)
{
	uint8_t f[4], u[4];
	struct rec_scan sc = { .idx = DB_VISITS_BY_DATE, .keylen = 16 };

	if (from != DATE_NONE) {
		store_key_date(f, from);
		sc.from = f;
		sc.from_n = 4;
	}
	if (to != DATE_NONE) {
		store_key_date(u, to);
		sc.to = u;
		sc.to_n = 4;
	}
	return rec_scan(t, &visit_kind, &sc, out);
}

struct list_args {
	kz_date from, to;
	struct rec_array *out;
};

static int
list_fn(struct store_txn *t, void *arg)
{
	struct list_args *a = arg;

	return visit_list_tx(t, a->from, a->to, a->out);
}

int
visit_list(struct store *s, kz_date from, kz_date to, struct rec_array *out, struct kz_error *e)
{
	struct list_args a = { from, to, out };

	return rec_read_list(s, list_fn, &a, &visit_kind, out, e);
}
