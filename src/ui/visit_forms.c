/* The Visits pane's forms and the pool's chooser (visit_forms.h): the model in ui/form.h, the writes in core. */
#include "ui/visit_forms.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/calendar.h"
#include "core/compliance.h"
#include "core/date.h"
#include "core/labels.h"
#include "core/question.h"
#include "core/reception.h"
#include "core/request.h"
#include "core/visit.h"
#include "ui/line.h"
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

enum { HF_START, HF_REPORT_END, HF_END, HF_BROADCAST, HF_COMMENTS, HF_VIDEOCONF,
	HF_NO_BROADCAST, HF_PUBLISHED };

/* A stored instant's minute of the meeting's day in the office's time; -1: none. */
static int
ms_minute(const struct visit *v, int64_t ms)
{
	int64_t m = (ms - compliance_instant(v->date, 0)) / 60000;

	return ms != 0 && ms >= compliance_instant(v->date, 0) && m < 24 * 60 ? (int)m : -1;
}

/* A stored instant as HH:MM of the meeting's day, as it is typed in the form. */
static void
ms_hm(const struct visit *v, int64_t ms, char buf[6])
{
	int m = ms_minute(v, ms);

	buf[0] = '\0';
	if (m >= 0)
		snprintf(buf, 6, "%02d:%02d", m / 60, m % 60);
}

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
	/*
	 * T-1: the times of the meeting's day, in the office's local time; a time shown and
	 * left as it was keeps its stored instant (meeting mode's C-t has its seconds)
	 */
	for (int i = 0; i < 3; i++)
		if (m[i] < 0)
			*at[i] = 0;
		else if (ms_minute(v, *at[i]) != m[i])
			*at[i] = compliance_instant(v->date, m[i]);
	put(&v->broadcast, bc);
	put(&v->no_broadcast, nobc);
	v->comments = nobc != NULL ? COMMENTS_UNKNOWN : form_choice(f, HF_COMMENTS);
	/* B-1: "videoconference when necessary", with a broadcast or without one */
	v->videoconf = form_choice(f, HF_VIDEOCONF) == 1;
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
	form_add_yesno(f, _("Videoconference (B-1)"), v->videoconf);
	form_add(f, _("No broadcast: why"), FORM_TEXT, v->no_broadcast, 1000);
	form_add(f, _("Published on (A-3)"), FORM_DATE, pub, 10);
}

/* ---- comments from the broadcast taken as questions (B-1) ---- */

enum { CF_TEXT, CF_NAME };

struct comments {
	struct kz_uuid visit;
	int saved;		/* saved through this form, for its title and message */
};

/* s cut to at most max bytes on a character's boundary, "..." when cut: for one line. */
static void
clip(const char *s, char *buf, size_t max)
{
	size_t n = strlen(s);

	if (n < max) {
		memcpy(buf, s, n + 1);
		return;
	}
	n = max - 4;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	memcpy(buf, s, n);
	memcpy(buf + n, "...", 4);
}

/*
 * One comment, one question of source broadcast, one durable save (as meeting mode saves a
 * question); core refuses a meeting not held or with no broadcast recorded. The form stays
 * open, emptied, for the next comment.
 */
static int
comment_save(struct ui *ui, struct form *f, char *why, size_t len)
{
	struct comments *c = f->arg;
	struct kz_error e = { 0 };
	struct question q;
	char shown[80];

	question_init(&q);
	q.visit = c->visit;
	q.source = QS_BROADCAST;
	q.asker = AUD_CITIZEN;
	q.text = form_dup(f, CF_TEXT);
	/* the commenter's name or account: personal data, optional */
	q.asker_name = form_dup(f, CF_NAME);
	if (q.text == NULL) {
		snprintf(why, len, _("%s: empty, nothing saved"), f->fields[CF_TEXT].label);
		f->cur = CF_TEXT;
		question_free(&q);
		return -1;
	}
	if (question_add(ui->store, &q, &e) != 0) {
		snprintf(why, len, "%s", e.msg);
		question_free(&q);
		return -1;
	}
	c->saved++;
	clip(q.text, shown, sizeof shown);
	ui_message(ui, false, _("saved as a question from the broadcast (B-1), %d here: %s"),
	    c->saved, shown);
	snprintf(f->title, sizeof f->title, _("Comments from the broadcast (B-1), %d saved: "
	    "Enter saves each, Escape leaves"), c->saved);
	line_clear(f->fields[CF_TEXT].line);
	line_clear(f->fields[CF_NAME].line);
	f->cur = CF_TEXT;
	question_free(&q);
	return FORM_KEEP;
}

void
visit_form_comments(struct ui *ui, const struct visit *v)
{
	struct form *f = &ui->form;
	struct comments *c = xcalloc(1, sizeof *c);

	c->visit = v->id;
	form_open(f, _("Comments from the broadcast (B-1) as questions: Enter saves each, "
	    "Escape leaves"), comment_save, c, free);
	form_add(f, _("Comment"), FORM_TEXT, NULL, QUESTION_TEXT_MAX);
	form_add(f, _("Commenter (optional)"), FORM_TEXT, NULL, 200);
}

/* ---- attendance by category (M-2) and whom the office invited ---- */

/* M-2: the broad audience the office invites, in the store's order (visit.h) */
static const int invitable[] = { AUD_DEPUTY, AUD_PARTY, AUD_PUBLIC_ORG, AUD_OPPOSITION };
#define NINVITABLE ((int)(sizeof invitable / sizeof invitable[0]))

static const char *
audience_label(int a)
{
	static const char *const labels[AUD_COUNT] = {
		[AUD_CITIZEN] = N_("Citizens"), [AUD_DEPUTY] = N_("Maslikhat deputies"),
		[AUD_PARTY] = N_("Political parties"), [AUD_PUBLIC_ORG] = N_("Public organisations"),
		[AUD_OPPOSITION] = N_("Opposition"), [AUD_PUBLIC_COUNCIL] = N_("Public council"),
		[AUD_COMMUNITY] = N_("Community assembly"), [AUD_BUSINESS] = N_("Business"),
		[AUD_OTHER] = N_("Others"),
	};

	return _(labels[a]);
}

static int
attendance_apply(struct visit *v, void *arg, struct kz_error *e)
{
	const struct form *f = arg;
	char *invited = xstrdup("");
	size_t len = 0;

	for (int a = 0; a < AUD_COUNT; a++) {
		int64_t n;

		/* an empty field keeps what is stored: 0 says nobody came, empty says nothing */
		if (form_empty(f, a))
			continue;
		form_number(f, a, &n);
		if (n < 0 || n > 1000000) {
			free(invited);
			return kz_fail(e, KZ_EINVAL, _("%s: a count from 0 to 1000000"),
			    f->fields[a].label);
		}
		visit_set_attendance(v, a, (int)n);
	}
	for (int i = 0; i < NINVITABLE; i++) {
		const char *name = audience_names[invitable[i]];

		if (form_choice(f, AUD_COUNT + i) != 1)
			continue;
		invited = xrealloc(invited, len + strlen(name) + 2);
		len += (size_t)sprintf(invited + len, "%s%s", len > 0 ? "," : "", name);
	}
	if (len == 0) {
		free(invited);
		invited = NULL;
	} else if (visit_invited_normalise(&invited, e) != 0) {
		free(invited);
		return -1;
	}
	put(&v->invited, invited);
	return 0;
}

static int
attendance_save(struct ui *ui, struct form *f, char *why, size_t len)
{
	struct kz_error e = { 0 };

	if (visit_modify(ui->store, f->arg, attendance_apply, f, &e) != 0) {
		snprintf(why, len, "%s", e.msg);
		return -1;
	}
	ui_message(ui, false, _("attendance saved (M-2)"));
	return 0;
}

void
visit_form_attendance(struct ui *ui, const struct visit *v)
{
	struct form *f = &ui->form;
	static const char *const labels[NINVITABLE] = {
		N_("Invited: deputies"), N_("Invited: parties"), N_("Invited: public orgs"),
		N_("Invited: opposition"),
	};

	form_open(f, _("Attendance by category (M-2) and whom the office invited"),
	    attendance_save, id_arg(v), free);
	for (int a = 0; a < AUD_COUNT; a++) {
		char n[16] = "";

		for (size_t k = 0; k < v->nattendance; k++)
			if (v->attendance[k].category == a)
				snprintf(n, sizeof n, "%d", v->attendance[k].count);
		form_add(f, audience_label(a), FORM_NUMBER, n, 7);
	}
	for (int i = 0; i < NINVITABLE; i++) {
		const char *name = audience_names[invitable[i]];
		const char *p = v->invited != NULL ? strstr(v->invited, name) : NULL;
		size_t n = strlen(name);
		/* a whole name of the list, not a part of another ("party" in no other) */
		bool yes = p != NULL && (p == v->invited || p[-1] == ',') &&
		    (p[n] == '\0' || p[n] == ',');

		form_add_yesno(f, _(labels[i]), yes);
	}
}

/* ---- a personal reception after the meeting (A-1) ---- */

enum { RF_DATE, RF_BY, RF_CITIZENS = RF_BY + RC_COUNT };

static int
reception_save(struct ui *ui, struct form *f, char *why, size_t len)
{
	struct kz_error e = { 0 };
	struct reception r;
	size_t n = 0;
	int64_t citizens;
	int rc = -1;

	reception_init(&r);
	r.visit = *(const struct kz_uuid *)f->arg;
	form_date(f, RF_DATE, &r.date);
	if (r.date == DATE_NONE)
		r.date = ui->today;
	r.received_by = xstrdup("");
	for (int k = 0; k < RC_COUNT; k++) {
		if (form_choice(f, RF_BY + k) != 1)
			continue;
		r.received_by = xrealloc(r.received_by, n + strlen(reception_category_names[k]) + 2);
		n += (size_t)sprintf(r.received_by + n, "%s%s", n > 0 ? "," : "",
		    reception_category_names[k]);
	}
	form_number(f, RF_CITIZENS, &citizens);
	if (form_empty(f, RF_CITIZENS)) {
		snprintf(why, len, _("%s: how many citizens were received (A-1)"),
		    f->fields[RF_CITIZENS].label);
		f->cur = RF_CITIZENS;
		goto out;
	}
	if (citizens < 0 || citizens > 1000000) {
		snprintf(why, len, _("%s: a count from 0 to 1000000"),
		    f->fields[RF_CITIZENS].label);
		goto out;
	}
	r.citizens = (int)citizens;
	/* core refuses a meeting not held, a date before it or after today, nobody marked */
	if (reception_add(ui->store, &r, &e) != 0) {
		snprintf(why, len, "%s", e.msg);
		goto out;
	}
	ui_message(ui, false, _("the personal reception is saved (A-1)"));
	rc = 0;
out:
	reception_free(&r);
	return rc;
}

void
visit_form_reception(struct ui *ui, const struct visit *v)
{
	static const char *const by[RC_COUNT] = {
		[RC_AKIMAT] = N_("Akimat's leadership"),
		[RC_PROSECUTOR] = N_("Prosecutor's office"),
		[RC_POLICE] = N_("Internal affairs"),
		[RC_DEPUTIES] = N_("Maslikhat deputies"),
		[RC_PUBLIC_COUNCIL] = N_("Public council"),
		[RC_INTELLIGENTSIA] = N_("Intelligentsia"),
	};
	struct form *f = &ui->form;
	char today[11];

	date_format(ui->today, today);
	/* the labels fit the form's label column: the title says what the marks mean */
	form_open(f, _("Personal reception after the meeting (A-1): who received, yes or no"),
	    reception_save, id_arg(v), free);
	form_add(f, _("Date"), FORM_DATE, today, 10);
	for (int k = 0; k < RC_COUNT; k++)
		form_add_yesno(f, _(by[k]), false);
	form_add(f, _("Citizens received"), FORM_NUMBER, NULL, 7);
}

/* ---- the request pool before the meeting (P-2) ---- */

enum { PF_TEXT, PF_CHANNEL, PF_DATE };

static int
request_save(struct ui *ui, struct form *f, char *why, size_t len)
{
	struct kz_error e = { 0 };
	struct question q;
	kz_date d;
	int rc = -1;

	question_init(&q);
	q.visit = *(const struct kz_uuid *)f->arg;
	q.text = form_dup(f, PF_TEXT);
	/* the choice's first item is "none": core names the channel as missing */
	q.channel = form_choice(f, PF_CHANNEL);
	form_date(f, PF_DATE, &d);
	if (q.text == NULL) {
		snprintf(why, len, _("%s: the request's text is needed"), f->fields[PF_TEXT].label);
		goto out;
	}
	if (request_add(ui->store, &q, d, &e) != 0) {
		snprintf(why, len, "%s", e.msg);
		goto out;
	}
	ui_message(ui, false, _("the request is saved to the meeting's pool (P-2)"));
	rc = 0;
out:
	question_free(&q);
	return rc;
}

static void
request_form(struct ui *ui, const struct kz_uuid *id)
{
	static const char *channels[QC_COUNT];
	struct form *f = &ui->form;
	struct kz_uuid *arg = xmalloc(sizeof *arg);

	for (int k = 0; k < QC_COUNT; k++)
		channels[k] = question_channel_names[k][0] != '\0' ?
		    label_enum(question_channel_names, k) : _("none");
	*arg = *id;
	form_open(f, _("A request for the meeting's pool (P-2); no date: today"), request_save,
	    arg, free);
	form_add(f, _("Request"), FORM_TEXT, NULL, QUESTION_TEXT_MAX);
	form_add_choice(f, _("Channel"), channels, QC_COUNT, QC_EOTINISH);
	form_add(f, _("Received on"), FORM_DATE, NULL, 10);
}

/*
 * The pool's chooser: its first item adds a request, the others are the last requests;
 * Enter on a request opens a second chooser, the meetings it may move to (P-2).
 */
static struct {
	struct kz_uuid visit;
	char *lines[CHOOSE_MAX];
	struct kz_uuid req[CHOOSE_MAX];	/* the request of each line after the first */
	kz_date came[CHOOSE_MAX];	/* the day it came */
	char title[160];	/* the chooser keeps the pointer */
	/* the meetings a request may move to */
	int moving;		/* the pool's line of the request being moved */
	char *to_lines[CHOOSE_MAX];
	struct kz_uuid to[CHOOSE_MAX];
	char to_title[200];
} pool;

static void
pool_clear(void)
{
	for (int i = 0; i < CHOOSE_MAX; i++) {
		free(pool.lines[i]);
		pool.lines[i] = NULL;
		free(pool.to_lines[i]);
		pool.to_lines[i] = NULL;
	}
}

void
visit_forms_free(void)
{
	pool_clear();
}

/* How far ahead a request's meetings are looked for: a year holds the office's calendar. */
#define MOVE_DAYS 366

static void
move_accept(struct ui *ui, struct chooser *c)
{
	struct kz_error e = { 0 };

	/* core refuses a cancelled meeting, one held before the request came, not a request */
	if (request_assign(ui->store, &pool.req[pool.moving], &pool.to[c->cur], &e) != 0) {
		ui_message(ui, true, "%s", e.msg);
		c->open = true;	/* another meeting may be chosen, or Escape */
		return;
	}
	/* the meeting as the chooser showed it: date, time, place */
	ui_message(ui, false, _("the request is moved (P-2, saved) to the meeting %s"),
	    c->items[c->cur]);
}

/* P-2: the meetings from the later of today and the day the request came, but its own. */
static void
move_open(struct ui *ui, int line)
{
	struct kz_error e = { 0 };
	struct rec_array a = { 0 };
	const char *items[CHOOSE_MAX];
	kz_date from = pool.came[line] > ui->today ? pool.came[line] : ui->today;
	char date[11];
	int n = 0;

	if (visit_list(ui->store, from, from + MOVE_DAYS, &a, &e) != 0) {
		ui_message(ui, true, "%s", e.msg);
		return;
	}
	for (int i = 0; i < CHOOSE_MAX; i++) {
		free(pool.to_lines[i]);
		pool.to_lines[i] = NULL;
	}
	for (size_t i = 0; i < a.n && n < CHOOSE_MAX; i++) {
		const struct visit *v = (const struct visit *)a.items + i;
		char name[256];
		size_t len;

		if (uid_cmp(&v->id, &pool.visit) == 0 || v->withdrawn ||
		    v->status == VISIT_CANCELLED)
			continue;
		date_format(v->date, date);
		/* ui_unit_name's buffer is reused: copied */
		snprintf(name, sizeof name, "%s", ui_unit_name(ui, v->target));
		len = strlen(name) + 40;
		pool.to_lines[n] = xmalloc(len);
		snprintf(pool.to_lines[n], len, "%s %-5s %s (%s)", date,
		    v->time != NULL ? v->time : "", name, v->target);
		pool.to[n] = v->id;
		items[n] = pool.to_lines[n];
		n++;
	}
	rec_array_free(&visit_kind, &a);
	date_format(from, date);
	if (n == 0) {
		ui_message(ui, true, _("no other meeting from %s to move the request to: add one "
		    "first"), date);
		return;
	}
	pool.moving = line;
	snprintf(pool.to_title, sizeof pool.to_title, _("Move the request to which meeting "
	    "(P-2)? From %s; Enter moves it"), date);
	choose_open(&ui->choose, pool.to_title, items, n, false, move_accept);
}

static void
pool_accept(struct ui *ui, struct chooser *c)
{
	if (c->cur == 0)
		request_form(ui, &pool.visit);
	else
		move_open(ui, c->cur);
}

void
visit_pool_open(struct ui *ui, const struct visit *v)
{
	struct kz_error e = { 0 };
	struct rec_array a = { 0 };
	const char *items[CHOOSE_MAX];
	int n = 0;
	size_t first;

	if (request_list(ui->store, &v->id, false, &a, &e) != 0) {
		ui_message(ui, true, "%s", e.msg);
		return;
	}
	pool_clear();
	pool.visit = v->id;
	items[n++] = _("+ add a request");
	/* the newest that fit: a chooser holds CHOOSE_MAX lines */
	first = a.n > CHOOSE_MAX - 1 ? a.n - (CHOOSE_MAX - 1) : 0;
	for (size_t i = first; i < a.n; i++) {
		const struct question *q = (const struct question *)a.items + i;
		const char *channel = label_enum(question_channel_names,
		    q->channel < QC_COUNT && q->channel >= 0 ? q->channel : 0);
		char date[11];
		size_t len;

		date_format(request_date(q), date);
		len = strlen(date) + strlen(channel) + strlen(q->text) + 8;
		pool.lines[n] = xmalloc(len);
		snprintf(pool.lines[n], len, "%s %s: %s", date, channel, q->text);
		pool.req[n] = q->id;
		pool.came[n] = request_date(q);
		items[n] = pool.lines[n];
		n++;
	}
	snprintf(pool.title, sizeof pool.title, _("Request pool of the meeting (P-2): %zu "
	    "requests (Enter on one moves it)"), a.n);
	rec_array_free(&question_kind, &a);
	choose_open(&ui->choose, pool.title, items, n, false, pool_accept);
}
