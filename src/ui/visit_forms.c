/* The Visits pane's forms (visit_forms.h): the model in ui/form.h, the writes in core. */
#include "ui/visit_forms.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/calendar.h"
#include "core/compliance.h"
#include "core/date.h"
#include "core/visit.h"
#include "ui/pane.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

/* A planned meeting's length when none is typed: what `visit add` takes too. */
#define DEFAULT_DURATION 90

static void *
id_arg(const struct visit *v)
{
	struct kz_uuid *id = xmalloc(sizeof *id);

	*id = v->id;
	return id;
}

static void
put(char **dst, char *s)
{
	free(*dst);
	*dst = s;
}

/* A unit's code into a visit's field: at most 9 digits; core checks that it exists. */
static int
unit_field(const struct form *f, int i, char dst[10], char *why, size_t len)
{
	char *s = form_dup(f, i);

	if (s == NULL || strlen(s) > 9) {
		snprintf(why, len, _("%s: a unit's code of 9 digits is needed"), f->fields[i].label);
		free(s);
		return -1;
	}
	memcpy(dst, s, strlen(s) + 1);
	free(s);
	return 0;
}

static int
hm_field(const struct form *f, int i)
{
	char *s = form_dup(f, i);
	int m = -1;

	if (s != NULL && time_parse_hm(s, &m) != 0)
		m = -1;
	free(s);
	return m;
}

/* ---- add ---- */

enum { AF_AKIM, AF_TARGET, AF_DATE, AF_TIME, AF_DURATION, AF_FIELD, AF_CALENDAR, AF_REASON };
/* AF_FIELD's choice */
enum { FIELD_AUTO, FIELD_YES, FIELD_NO };
/* AF_CALENDAR's choice: what a meeting is to an approved calendar (K-2, U-1) */
enum { CAL_IN, CAL_REVISION, CAL_UNSCHEDULED };

static int
add_save(struct ui *ui, struct form *f, char *why, size_t len)
{
	struct kz_error e = { 0 };
	struct visit v;
	char *reason = form_dup(f, AF_REASON);
	int64_t dur;
	int cal = form_choice(f, AF_CALENDAR), rc = -1;

	visit_init(&v);
	if (unit_field(f, AF_AKIM, v.akim, why, len) != 0 ||
	    unit_field(f, AF_TARGET, v.target, why, len) != 0)
		goto out;
	form_date(f, AF_DATE, &v.date);
	if (v.date == DATE_NONE) {
		snprintf(why, len, _("%s: the meeting's date is needed"),
		    f->fields[AF_DATE].label);
		goto out;
	}
	v.time = form_dup(f, AF_TIME);
	form_number(f, AF_DURATION, &dur);
	if (form_empty(f, AF_DURATION))
		dur = DEFAULT_DURATION;
	if (dur <= 0 || dur > 24 * 60) {
		snprintf(why, len, _("%s: minutes, from 1 to 1440"), f->fields[AF_DURATION].label);
		goto out;
	}
	v.duration_min = (int)dur;
	/* a meeting held away from the akim's own unit is a field meeting unless told */
	v.field = form_choice(f, AF_FIELD) == FIELD_AUTO ? strcmp(v.akim, v.target) != 0 :
	    form_choice(f, AF_FIELD) == FIELD_YES;
	if (cal != CAL_IN && reason == NULL) {
		snprintf(why, len, _("%s: a revision (K-2) or an unscheduled meeting (U-1) needs "
		    "its reason"), f->fields[AF_REASON].label);
		goto out;
	}
	if (cal == CAL_UNSCHEDULED) {
		v.unscheduled = true;
		v.reason = xstrdup(reason);
	}
	/* core keeps the calendar's discipline and says what is missing (K-2, U-1) */
	if (calendar_add_meeting(ui->store, &v, cal == CAL_REVISION ? reason : NULL, ui->today,
	    &e) != 0) {
		snprintf(why, len, "%s", e.msg);
		goto out;
	}
	ui_message(ui, false, _("the meeting is added (saved)"));
	ui->visit = v.id;
	rc = 0;
out:
	free(reason);
	visit_free(&v);
	return rc;
}

void
visit_form_add(struct ui *ui)
{
	static const char *field[3], *cal[3];
	struct form *f = &ui->form;
	char dur[16];

	field[FIELD_AUTO] = _("if away from the akim's unit");
	field[FIELD_YES] = _("yes");
	field[FIELD_NO] = _("no");
	cal[CAL_IN] = _("in the calendar");
	cal[CAL_REVISION] = _("a revision (K-2)");
	cal[CAL_UNSCHEDULED] = _("unscheduled (U-1)");
	snprintf(dur, sizeof dur, "%d", DEFAULT_DURATION);
	form_open(f, _("New meeting (Enter saves, Escape leaves)"), add_save, NULL, NULL);
	form_add(f, _("Akim's unit (code)"), FORM_TEXT, ui->unit, 9);
	form_add(f, _("Where: unit (code)"), FORM_TEXT, NULL, 9);
	form_add(f, _("Date"), FORM_DATE, NULL, 10);
	form_add(f, _("Time"), FORM_TIME, NULL, 5);
	form_add(f, _("Duration, minutes"), FORM_NUMBER, dur, 4);
	form_add_choice(f, _("Field meeting"), field, 3, FIELD_AUTO);
	form_add_choice(f, _("Approved calendar"), cal, 3, CAL_IN);
	form_add(f, _("Reason (K-2, U-1)"), FORM_TEXT, NULL, 1000);
	f->cur = AF_TARGET;
}

/* ---- edit: time, duration, venue ---- */

enum { EF_TIME, EF_DURATION, EF_VENUE };

static int
edit_apply(struct visit *v, void *arg, struct kz_error *e)
{
	const struct form *f = arg;
	int64_t dur;

	form_number(f, EF_DURATION, &dur);
	if (dur <= 0 || dur > 24 * 60)
		return kz_fail(e, KZ_EINVAL, _("%s: minutes, from 1 to 1440"),
		    f->fields[EF_DURATION].label);
	put(&v->time, form_dup(f, EF_TIME));
	v->duration_min = (int)dur;
	put(&v->venue, form_dup(f, EF_VENUE));
	return 0;
}

static int
edit_save(struct ui *ui, struct form *f, char *why, size_t len)
{
	struct kz_error e = { 0 };

	if (visit_modify(ui->store, f->arg, edit_apply, f, &e) != 0) {
		snprintf(why, len, "%s", e.msg);
		return -1;
	}
	ui_message(ui, false, _("the meeting is changed (saved)"));
	return 0;
}

void
visit_form_edit(struct ui *ui, const struct visit *v)
{
	struct form *f = &ui->form;
	char dur[16];

	snprintf(dur, sizeof dur, "%d", v->duration_min);
	form_open(f, _("The meeting's time, duration and venue"), edit_save, id_arg(v), free);
	form_add(f, _("Time"), FORM_TIME, v->time, 5);
	form_add(f, _("Duration, minutes"), FORM_NUMBER, dur, 4);
	form_add(f, _("Venue"), FORM_TEXT, v->venue, 500);
}

/* ---- move: a new date, and within an approved calendar its reason (K-2) ---- */

enum { MF_DATE, MF_REASON };

static int
move_apply(struct visit *v, void *arg, struct kz_error *e)
{
	const struct form *f = arg;
	kz_date d;

	form_date(f, MF_DATE, &d);
	if (d == DATE_NONE)
		return kz_fail(e, KZ_EINVAL, _("%s: the new date is needed"),
		    f->fields[MF_DATE].label);
	if (d == v->date)
		return kz_fail(e, KZ_EINVAL, _("the meeting is on that date already"));
	v->moved_from = v->date;
	/* this move's reason, never an earlier one's: core checks K-2 */
	put(&v->moved_reason, form_dup(f, MF_REASON));
	v->date = d;
	return 0;
}

static int
move_save(struct ui *ui, struct form *f, char *why, size_t len)
{
	struct kz_error e = { 0 };
	char date[11];
	kz_date d;

	if (visit_modify(ui->store, f->arg, move_apply, f, &e) != 0) {
		snprintf(why, len, "%s", e.msg);
		return -1;
	}
	form_date(f, MF_DATE, &d);
	date_format(d, date);
	ui_message(ui, false, _("the meeting is moved to %s (saved)"), date);
	return 0;
}

void
visit_form_move(struct ui *ui, const struct visit *v)
{
	struct form *f = &ui->form;

	form_open(f, _("Move the meeting (K-2: a calendar's meeting gives its reason)"),
	    move_save, id_arg(v), free);
	form_add(f, _("New date"), FORM_DATE, NULL, 10);
	form_add(f, _("Reason of the move"), FORM_TEXT, NULL, 1000);
}

/* ---- mark held: T-1 times, B-1 broadcast, A-3 publication ---- */

enum { HF_START, HF_REPORT_END, HF_END, HF_BROADCAST, HF_COMMENTS, HF_NO_BROADCAST,
	HF_PUBLISHED };

static int
held_apply(struct visit *v, void *arg, struct kz_error *e)
{
	const struct form *f = arg;
	int m[3] = { hm_field(f, HF_START), hm_field(f, HF_REPORT_END), hm_field(f, HF_END) };
	int64_t *at[3] = { &v->started_ms, &v->report_end_ms, &v->ended_ms };
	char *bc = form_dup(f, HF_BROADCAST), *nobc = form_dup(f, HF_NO_BROADCAST);

	if (bc != NULL && nobc != NULL) {
		free(bc);
		free(nobc);
		return kz_fail(e, KZ_EINVAL, _("B-1: a broadcast's links or the reason there was "
		    "none, not both"));
	}
	v->status = VISIT_HELD;
	/* T-1: the times of the meeting's day, in the office's local time */
	for (int i = 0; i < 3; i++)
		*at[i] = m[i] < 0 ? 0 : compliance_instant(v->date, m[i]);
	put(&v->broadcast, bc);
	put(&v->no_broadcast, nobc);
	v->comments = nobc != NULL ? COMMENTS_UNKNOWN : form_choice(f, HF_COMMENTS);
	form_date(f, HF_PUBLISHED, &v->published_on);
	return 0;
}

static int
held_save(struct ui *ui, struct form *f, char *why, size_t len)
{
	struct kz_error e = { 0 };
	struct visit v;
	int start = hm_field(f, HF_START), rep = hm_field(f, HF_REPORT_END);

	if (visit_modify(ui->store, f->arg, held_apply, f, &e) != 0) {
		snprintf(why, len, "%s", e.msg);
		return -1;
	}
	visit_init(&v);
	/* T-1: the report's share of the planned time, said at once */
	if (start >= 0 && rep >= start && visit_get(ui->store, f->arg, &v, &e) == 0 &&
	    v.duration_min > 0) {
		int share = (rep - start) * 100 / v.duration_min;

		ui_message(ui, share > 25, share > 25 ? _("marked held (saved); T-1: the report "
		    "took %d%% of the planned time, more than a quarter") : _("marked held "
		    "(saved); T-1: the report took %d%% of the planned time"), share);
	} else {
		ui_message(ui, false, _("marked held (saved)"));
	}
	visit_free(&v);
	return 0;
}

/* A stored instant as HH:MM of the meeting's day, in the office's time as it was typed. */
static void
ms_hm(const struct visit *v, int64_t ms, char buf[6])
{
	int64_t m = (ms - compliance_instant(v->date, 0)) / 60000;

	buf[0] = '\0';
	if (ms != 0 && m >= 0 && m < 24 * 60)
		snprintf(buf, 6, "%02d:%02d", (int)(m / 60), (int)(m % 60));
}

void
visit_form_held(struct ui *ui, const struct visit *v)
{
	static const char *comments[COMMENTS_COUNT];
	struct form *f = &ui->form;
	char t[3][6], pub[11] = "";

	comments[COMMENTS_UNKNOWN] = _("not told");
	comments[COMMENTS_OPEN] = _("open to comments");
	comments[COMMENTS_CLOSED] = _("closed to comments");
	ms_hm(v, v->started_ms, t[0]);
	ms_hm(v, v->report_end_ms, t[1]);
	ms_hm(v, v->ended_ms, t[2]);
	if (v->published_on != DATE_NONE)
		date_format(v->published_on, pub);
	form_open(f, _("Mark the meeting held (T-1, B-1, A-3)"), held_save, id_arg(v), free);
	form_add(f, _("Started at"), FORM_TIME, t[0], 5);
	form_add(f, _("Report ended at"), FORM_TIME, t[1], 5);
	form_add(f, _("Ended at"), FORM_TIME, t[2], 5);
	form_add(f, _("Broadcast links (B-1)"), FORM_TEXT, v->broadcast, 1000);
	form_add_choice(f, _("Comments (B-1)"), comments, COMMENTS_COUNT, v->comments);
	form_add(f, _("No broadcast: why"), FORM_TEXT, v->no_broadcast, 1000);
	form_add(f, _("Published on (A-3)"), FORM_DATE, pub, 10);
}
