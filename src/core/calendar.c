#include "core/calendar.h"

#include <stdlib.h>
#include <string.h>

#include "core/node.h"
#include "core/rules.h"
#include "core/text.h"
#include "core/unit.h"
#include "core/visit.h"
#include "util/clock.h"
#include "util/xmalloc.h"
#include "util/i18n.h"

const char *const calendar_status_names[CAL_STATUS_COUNT] = {
	N_("draft"), N_("approved"), N_("notified"), N_("submitted")
};

const char *const commission_category_names[CM_COUNT] = {
	[CM_COMMUNITY] = "community",
	[CM_PUBLIC_COUNCIL] = "public-council",
	[CM_AKIMAT] = "akimat",
	[CM_OTHER] = "other",
};

/* P-1: a set, so that a member added here and one added at another office are both kept. */
static const struct schema_field member_fields[] = {
	{ 1, SF_STR, offsetof(struct calendar_member, name), "name" },
	SCHEMA_ENUM(2, struct calendar_member, category, commission_category_names, CM_COUNT),
	{ STATE_EID_TAG, SF_UUID, offsetof(struct calendar_member, eid), "eid" },
};

static const struct schema_record member_desc = {
	"member", sizeof(struct calendar_member), offsetof(struct calendar_member, extra),
	SCHEMA_FIELDS(member_fields)
};

static const struct schema_field meeting_fields[] = {
	{ 1, SF_UUID, offsetof(struct calendar_meeting, visit), "visit" },
	{ 2, SF_CODE, offsetof(struct calendar_meeting, akim), "akim" },
	{ 3, SF_CODE, offsetof(struct calendar_meeting, target), "target" },
	{ 4, SF_DATE, offsetof(struct calendar_meeting, date), "date" },
};

static const struct schema_record meeting_desc = {
	"meeting", sizeof(struct calendar_meeting), offsetof(struct calendar_meeting, extra),
	SCHEMA_FIELDS(meeting_fields)
};

static const struct schema_field revision_fields[] = {
	{ 1, SF_INT, offsetof(struct calendar_revision, number), "number" },
	{ 2, SF_DATE, offsetof(struct calendar_revision, date), "date" },
	{ 3, SF_STR, offsetof(struct calendar_revision, reason), "reason" },
	{ 4, SF_DATE, offsetof(struct calendar_revision, notified_on), "notified_on" },
	{ 5, SF_LIST, offsetof(struct calendar_revision, meetings), "meetings", &meeting_desc,
	  offsetof(struct calendar_revision, nmeetings) },
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
	{ 8, SF_DATE, offsetof(struct calendar, progress_on[0]), "progress_q1" },
	{ 9, SF_DATE, offsetof(struct calendar, progress_on[1]), "progress_q2" },
	{ 10, SF_DATE, offsetof(struct calendar, progress_on[2]), "progress_q3" },
	{ 11, SF_DATE, offsetof(struct calendar, progress_on[3]), "progress_q4" },
	F(12, SF_DATE, forwarded_on),
	{ 13, SF_DATE, offsetof(struct calendar, collected_on[0]), "collected_feb" },
	{ 14, SF_DATE, offsetof(struct calendar, collected_on[1]), "collected_aug" },
	/* Tag 15 is left alone: it is the element id's tag inside sets. */
	{ 16, SF_LIST, offsetof(struct calendar, commission), "commission", &member_desc,
	  offsetof(struct calendar, ncommission) },
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

const struct rec_kind calendar_kind = {
	DB_CALENDARS, &calendar_desc, calendar_key, NULL, 1ULL << 1 | 1ULL << 2
};

const struct schema_record *
revision_kind_desc(void)
{
	return &revision_desc;
}

const struct schema_record *
member_kind_desc(void)
{
	return &member_desc;
}

const struct schema_record *
meeting_kind_desc(void)
{
	return &meeting_desc;
}

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
	int rc;

	calendar_init(c);
	memcpy(c->unit, unit, sizeof c->unit);
	c->year = year;
	calendar_key(c, &k);
	if ((rc = rec_load(t, &calendar_kind, &k, c)) == 1) {
		/* A fresh draft, as the caller may go on to save it. */
		memcpy(c->unit, unit, sizeof c->unit);
		c->year = year;
	}
	return rc;
}

int
calendar_save_tx(struct store_txn *t, struct calendar *c)
{
	return rec_save(t, &calendar_kind, c);
}

struct get_args {
	int year;
	struct calendar *c;
};

static int
get_fn(struct store_txn *t, void *arg)
{
	struct get_args *a = arg;
	struct node n;

	if (node_get_tx(t, &n) != 0)
		return -1;
	return calendar_get_tx(t, n.unit, a->year, a->c) < 0 ? -1 : 0;
}

int
calendar_get(struct store *s, int year, struct calendar *c, struct kz_error *e)
{
	struct get_args a = { year, c };

	calendar_init(c);
	if (store_read(s, get_fn, &a, e) != 0) {
		calendar_free(c);
		return -1;
	}
	return 0;
}

/* The calendar's meetings of year for the office of unit, into out (struct visit). */
static int
meetings_tx(struct store_txn *t, const char *office, int year, struct rec_array *out)
{
	struct rec_array all = { 0 };
	int rc;

	if (visit_list_tx(t, date_from_ymd(year, 1, 1), date_from_ymd(year + 1, 1, 1), &all) != 0)
		return -1;
	rc = 0;
	for (size_t i = 0; i < all.n && rc == 0; i++) {
		struct visit *v = (struct visit *)all.items + i;
		int in;

		if (v->unscheduled || v->status == VISIT_CANCELLED)
			continue;
		if ((in = unit_is_within_tx(t, v->akim, office)) < 0)
			rc = -1;
		else if (in)
			schema_copy(visit_kind.desc, rec_array_push(&visit_kind, out), v);
	}
	rec_array_free(&visit_kind, &all);
	return rc;
}

struct meetings_args {
	int year;
	struct rec_array *out;
};

static int
meetings_fn(struct store_txn *t, void *arg)
{
	struct meetings_args *a = arg;
	struct node n;

	if (node_get_tx(t, &n) != 0)
		return -1;
	return meetings_tx(t, n.unit, a->year, a->out);
}

int
calendar_meetings(struct store *s, int year, struct rec_array *visits, struct kz_error *e)
{
	struct meetings_args a = { year, visits };

	return rec_read_list(s, meetings_fn, &a, &visit_kind, visits, e);
}

/* Adds a revision holding the calendar's meetings as they are now. */
static int
snapshot(struct store_txn *t, struct calendar *c, kz_date date, const char *reason)
{
	struct rec_array vs = { 0 };
	struct calendar_revision *r;

	if (meetings_tx(t, c->unit, c->year, &vs) != 0) {
		rec_array_free(&visit_kind, &vs);
		return -1;
	}
	c->revisions = xrealloc(c->revisions, (c->nrevisions + 1) * sizeof *c->revisions);
	r = &c->revisions[c->nrevisions];
	schema_init(&revision_desc, r);
	r->number = (int)c->nrevisions++;
	r->date = date;
	r->reason = reason != NULL ? xstrdup(reason) : NULL;
	r->meetings = xcalloc(vs.n ? vs.n : 1, sizeof *r->meetings);
	r->nmeetings = vs.n;
	for (size_t i = 0; i < vs.n; i++) {
		const struct visit *v = (const struct visit *)vs.items + i;
		struct calendar_meeting *m = &r->meetings[i];

		schema_init(&meeting_desc, m);
		m->visit = v->id;
		memcpy(m->akim, v->akim, 10);
		memcpy(m->target, v->target, 10);
		m->date = v->date;
	}
	rec_array_free(&visit_kind, &vs);
	return 0;
}

int
calendar_fixed_tx(struct store_txn *t, const char *akim, kz_date date, struct calendar *c)
{
	struct node n;
	int y, m, d, rc;

	calendar_init(c);
	if (date == DATE_NONE)
		return 0;
	if (node_get_tx(t, &n) != 0)
		return -1;
	date_to_ymd(date, &y, &m, &d);
	calendar_free(c);
	if (calendar_get_tx(t, n.unit, y, c) < 0)
		return -1;
	if (c->status == CAL_DRAFT)
		return 0;
	if ((rc = unit_is_within_tx(t, akim, n.unit)) < 0)
		calendar_free(c);
	return rc < 0 ? -1 : rc > 0;
}

struct add_args {
	struct visit *v;
	const char *revise;
	kz_date today;
};

static int
add_meeting_fn(struct store_txn *t, void *arg)
{
	struct add_args *a = arg;
	struct kz_error *e = store_txn_error(t);
	struct calendar c;
	char d[11];
	int fixed, rc;

	/* A retry after the map grew makes a new id: clear the one of the failed try. */
	memset(&a->v->id, 0, sizeof a->v->id);
	if (visit_add_tx(t, a->v) != 0)
		return -1;
	if (a->v->unscheduled || a->v->status == VISIT_CANCELLED) {
		if (a->revise != NULL)
			return kz_fail(e, KZ_EINVAL, _("visit: an unscheduled or cancelled meeting is "
			    "no correction of the calendar: --revise is not for it (U-1, K-2)"));
		return 0;
	}
	if ((fixed = calendar_fixed_tx(t, a->v->akim, a->v->date, &c)) < 0)
		return -1;
	rc = 0;
	date_format(c.approved_on, d);
	if (fixed && a->revise == NULL)
		rc = kz_fail(e, KZ_EINVAL, _("visit: the calendar of %d was approved on %s: a "
		    "meeting added to it is a revision (--revise REASON, recorded as kezdesu "
		    "calendar revise does, K-2) or unscheduled (--unscheduled REASON, U-1)"),
		    c.year, d);
	else if (!fixed && a->revise != NULL)
		rc = kz_fail(e, KZ_EINVAL, _("visit: --revise is for a meeting added to an "
		    "approved calendar; the calendar of %d is %s"), c.year,
		    c.status == CAL_DRAFT ? _("a draft, changed freely") :
		    _("not the one of this akim's office"));
	else if (fixed) {
		if (text_check("reason of the revision", a->revise, true, 2000, e) != 0)
			rc = -1;
		if (rc == 0)
			rc = snapshot(t, &c, a->today, a->revise);
		if (rc == 0)
			rc = calendar_save_tx(t, &c);
	}
	calendar_free(&c);
	return rc;
}

int
calendar_add_meeting(struct store *s, struct visit *v, const char *revise, kz_date today,
    struct kz_error *e)
{
	struct add_args a = { v, revise, today };

	return store_write(s, add_meeting_fn, &a, e);
}

struct apply_args {
	int year;
	const struct calendar_step *st;
};

static int
apply_fn(struct store_txn *t, void *arg)
{
	struct apply_args *a = arg;
	const struct calendar_step *st = a->st;
	struct kz_error *e = store_txn_error(t);
	struct calendar c;
	struct node n;
	char d[11];
	int rc = 0;

	if (node_get_tx(t, &n) != 0)
		return -1;
	/* G-1 and G-2 are the Government's (point 5 of the decree), no akim's office's. */
	if ((st->action == CAL_FORWARD || st->action == CAL_COLLECT) &&
	    !unit_is_government(n.unit))
		return kz_fail(e, KZ_EINVAL, _("calendar %s: %s is the Government's; only its store "
		    "(kezdesu init --unit %s) records it, this store is unit %s"),
		    st->action == CAL_FORWARD ? "forward" : "collect",
		    st->action == CAL_FORWARD ? "G-1" : "G-2", UNIT_GOVERNMENT_CODE, n.unit);
	if (calendar_get_tx(t, n.unit, a->year, &c) < 0)
		return -1;
	switch (st->action) {
	case CAL_APPROVE:	/* K-1 */
		if (c.status != CAL_DRAFT) {
			date_format(c.approved_on, d);
			rc = kz_fail(e, KZ_EINVAL, _("calendar %d: already approved on %s; corrections "
			    "are revisions (kezdesu calendar revise)"), a->year, d);
			break;
		}
		c.status = CAL_APPROVED;
		c.approved_on = st->date;
		rc = snapshot(t, &c, st->date, NULL);
		/* The maslikhat notified before the approval (K-1: allowed). */
		if (rc == 0 && c.notified_on != DATE_NONE) {
			c.revisions[0].notified_on = c.notified_on;
			c.status = CAL_NOTIFIED;
		}
		break;
	case CAL_NOTIFY:	/* K-1, K-2 */
		/*
		 * Interpretation (K-1, RULES.md): «с уведомлением маслихата утверждать» sets
		 * no order, so the approval's notice may come on its day or before it, even
		 * while the calendar is a draft; approve then takes it over. A correction's
		 * notice is «последующее» (K-2): not before the revision.
		 */
		if (c.status == CAL_DRAFT && st->number == 0) {
			c.notified_on = st->date;
			break;
		}
		if (st->number < 0 || (size_t)st->number >= c.nrevisions) {
			rc = kz_fail(e, KZ_EINVAL, _("calendar %d: there is no revision %d (it has "
			    "%zu)"), a->year, st->number, c.nrevisions);
			break;
		}
		if (st->number > 0 && st->date < c.revisions[st->number].date) {
			rc = kz_fail(e, KZ_EINVAL, _("calendar %d: the maslikhat cannot be notified of "
			    "revision %d before it was made"), a->year, st->number);
			break;
		}
		c.revisions[st->number].notified_on = st->date;
		if (st->number == 0) {
			c.notified_on = st->date;
			if (c.status == CAL_APPROVED)
				c.status = CAL_NOTIFIED;
		}
		break;
	case CAL_SUBMIT:	/* K-3 */
		if (c.status == CAL_DRAFT) {
			rc = kz_fail(e, KZ_EINVAL, _("calendar %d: only an approved calendar is "
			    "submitted to the Government (K-3)"), a->year);
			break;
		}
		c.submitted_on = st->date;
		c.status = CAL_SUBMITTED;
		break;
	case CAL_REVISE:	/* K-2 */
		if (c.status == CAL_DRAFT) {
			rc = kz_fail(e, KZ_EINVAL, _("calendar %d: a draft is changed freely; "
			    "revisions are for an approved calendar"), a->year);
			break;
		}
		if (text_check("reason of the revision", st->reason, true, 2000, e) != 0) {
			rc = -1;
			break;
		}
		rc = snapshot(t, &c, st->date, st->reason);
		break;
	case CAL_PROGRESS:	/* */
		if (st->number < 1 || st->number > 4) {
			rc = kz_fail(e, KZ_EINVAL, _("quarter %d: quarters are 1 to 4"), st->number);
			break;
		}
		c.progress_on[st->number - 1] = st->date;
		break;
	case CAL_FORWARD:	/* G-1 */
		c.forwarded_on = st->date;
		break;
	case CAL_COLLECT:	/* G-2 */
		if (st->number < 1 || st->number > 2) {
			rc = kz_fail(e, KZ_EINVAL, _("half %d: G-2 is due twice a year (1 or 2)"),
			    st->number);
			break;
		}
		c.collected_on[st->number - 1] = st->date;
		break;
	}
	if (rc == 0)
		rc = calendar_save_tx(t, &c);
	calendar_free(&c);
	return rc;
}

int
calendar_apply(struct store *s, int year, const struct calendar_step *st, struct kz_error *e)
{
	struct apply_args a = { year, st };

	if (st->date == DATE_NONE)
		return kz_fail(e, KZ_EINVAL, _("calendar: a date is required"));
	/*
	 * Interpretation (issue 7): every step records something done (approved, notified,
	 * submitted, published): a date after today is a typing slip, refused.
	 */
	if (st->date > rules_local_date(clock_now_ms(), RULES_UTC_OFFSET_KZ)) {
		char d[11], t[11];

		date_format(st->date, d);
		date_format(rules_local_date(clock_now_ms(), RULES_UTC_OFFSET_KZ), t);
		return kz_fail(e, KZ_EINVAL, _("calendar %d: %s is after today (%s): a step is "
		    "recorded when it was done"), year, d, t);
	}
	return store_write(s, apply_fn, &a, e);
}
