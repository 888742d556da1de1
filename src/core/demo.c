/*
 * The demo store: a real district of Turkistan region (data/sample-district.csv, compiled
 * in), a year of meetings around today, questions in Kazakh and Russian and problem
 * issues in several states, all written through core's functions.
 */
#include "core/demo.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/commission.h"
#include "core/compliance.h"
#include "core/issue.h"
#include "core/kato.h"
#include "core/node.h"
#include "core/question.h"
#include "core/reception.h"
#include "core/request.h"
#include "core/sample_text.h"
#include "core/unit.h"
#include "core/visit.h"
#include "store/store.h"
#include "util/xmalloc.h"
#include "util/i18n.h"

extern const char demo_units_csv[];

/* A fixed-seed generator: the same demo for everyone, which makes it reproducible. */
#define DEMO_SEED 0x9e3779b97f4a7c15u
static uint64_t demo_seed = DEMO_SEED;

static unsigned
rnd(unsigned n)
{
	demo_seed ^= demo_seed << 13;
	demo_seed ^= demo_seed >> 7;
	demo_seed ^= demo_seed << 17;
	return n == 0 ? 0 : (unsigned)(demo_seed % n);
}

struct demo_ctx {
	kz_date today;
	char district[10];
	struct rec_array units;
	int nheld;		/* meetings held so far (B-1: one without a network) */
	int ncentral;		/* issues of level central made (G-3) */
	const char *central_topic;	/* the last one's topic (sample text, static) */
	int nfinancing;		/* issues that need the maslikhat's financing */
};

static kz_date
working_day(kz_date d)
{
	while (date_weekday(d) >= 5)
		d++;
	return d;
}

static const struct unit *
unit_at(const struct demo_ctx *dc, size_t i)
{
	return (const struct unit *)dc->units.items + i;
}

/* The place's name as people say it, in Kazakh or Russian; malloc'd. */
static char *
place_name(const struct demo_ctx *dc, const char *code, bool ru)
{
	for (size_t i = 0; i < dc->units.n; i++)
		if (strcmp(unit_at(dc, i)->code, code) == 0)
			/* "Шаянский с.о." is an adjective, no place name: okrugs by the Kazakh. */
			return sample_plain_name(ru && !unit_type_has_akim(unit_at(dc, i)->type) ?
			    unit_at(dc, i)->name_ru : unit_at(dc, i)->name_kk);
	return xstrdup(code);
}

/* P-3: where a meeting was announced, names of the decree's list (core/announce.h). */
static char *
demo_channels(void)
{
	static const char *const extra[] = { "print", "radio", "egov", "open-data",
	    "public-places" };
	char *s = xstrdup("web,social");

	for (size_t k = 0; k < sizeof extra / sizeof extra[0]; k++)
		if (rnd(3) == 0) {
			char *t = xasprintf("%s,%s", s, extra[k]);

			free(s);
			s = t;
		}
	return s;
}

/*
 * M-2: who was in the hall. Deputies on most meetings, public organisations on half,
 * parties and the opposition now and then; the office invites deputies, parties and
 * public organisations, and a rare meeting nobody of the four was asked to.
 */
static void
demo_attendance(struct visit *v)
{
	bool deputy = rnd(8) != 0;

	visit_set_attendance(v, AUD_CITIZEN, 40 + (int)rnd(120));
	visit_set_attendance(v, AUD_DEPUTY, deputy ? 1 + (int)rnd(3) : 0);
	if (rnd(3) == 0)
		visit_set_attendance(v, AUD_PARTY, 1 + (int)rnd(2));
	if (rnd(2) == 0)
		visit_set_attendance(v, AUD_PUBLIC_ORG, 1 + (int)rnd(4));
	if (rnd(6) == 0)
		visit_set_attendance(v, AUD_OPPOSITION, 1);
	visit_set_attendance(v, AUD_PUBLIC_COUNCIL, (int)rnd(4));
	if (deputy || rnd(4) != 0)
		v->invited = xstrdup(rnd(3) == 0 ? "deputy,party,public-org,opposition" :
		    "deputy,party,public-org");
}

/*
 * B-1: most meetings broadcast with comments open, sometimes a videoconference too; the
 * fourth meeting held was in a village with no network (its reason recorded), and a rare
 * one has nothing recorded (check says so).
 */
static void
demo_broadcast(struct demo_ctx *dc, struct visit *v)
{
	if (dc->nheld++ == 3) {
		v->no_broadcast = xstrdup("Ауылда мобильді интернет жоқ: трансляция техникалық "
		    "тұрғыдан мүмкін болмады");
		return;
	}
	if (rnd(25) == 0)
		return;
	v->broadcast = xasprintf("https://www.instagram.com/baydibek_audany/live/%d",
	    1000 + dc->nheld);
	v->comments = COMMENTS_OPEN;
	v->videoconf = rnd(10) == 0;
}

/* P-2: requests collected into the pool before a meeting, each with its channel. */
static int
demo_requests(struct store_txn *t, struct demo_ctx *dc, const struct visit *v, int n)
{
	static const int channels[] = { QC_OPEN_DATA, QC_BLOG, QC_EOTINISH, QC_LETTER,
	    QC_IN_PERSON, QC_EOTINISH };
	int rc = 0;

	for (int k = 0; k < n && rc == 0; k++) {
		const struct sample_question *tp = &sample_questions[rnd((unsigned)sample_nquestions)];
		kz_date on = v->date - 1 - (int)rnd(12);
		struct question q;
		char *place;

		if (on > dc->today)
			on = dc->today;
		question_init(&q);
		q.visit = v->id;
		q.channel = channels[rnd(sizeof channels / sizeof channels[0])];
		place = place_name(dc, v->target, tp->ru);
		q.text = sample_fill(tp->text, place);
		q.topic = xstrdup(tp->topic);
		rc = request_add_tx(t, &q, on);
		question_free(&q);
		free(place);
	}
	return rc;
}

/*
 * a personal reception after the meeting (on its day or within three days, never
 * after today) with the questions asked there; the asker's name is personal data.
 */
static int
demo_reception(struct store_txn *t, struct demo_ctx *dc, const struct visit *v, kz_date on)
{
	static const char *const also[] = { "prosecutor", "police", "public-council",
	    "intelligentsia" };
	struct reception r;
	int rc, nq = 1 + (int)rnd(3);

	reception_init(&r);
	r.visit = v->id;
	r.date = on;
	r.citizens = 3 + (int)rnd(12);
	r.received_by = xstrdup("akimat,deputies");
	for (size_t k = 0; k < sizeof also / sizeof also[0]; k++)
		if (rnd(3) == 0) {
			char *s = xasprintf("%s,%s", r.received_by, also[k]);

			free(r.received_by);
			r.received_by = s;
		}
	rc = reception_add_tx(t, &r);
	for (int k = 0; k < nq && rc == 0; k++) {
		const struct sample_question *tp = &sample_questions[rnd((unsigned)sample_nquestions)];
		struct question q;
		char *place = place_name(dc, v->target, tp->ru);

		question_init(&q);
		q.visit = v->id;
		q.reception = r.id;
		q.source = QS_RECEPTION;
		q.asked_ms = compliance_instant(on, 15 * 60 + 20 * k);
		q.text = sample_fill(tp->text, place);
		q.topic = xstrdup(tp->topic);
		if (rnd(2) == 0)
			q.asker_name = xstrdup(sample_askers[rnd(SAMPLE_NASKERS)]);
		rc = question_add_tx(t, &q);
		question_free(&q);
		free(place);
	}
	reception_free(&r);
	return rc;
}

/* The last day of the quarter holding d, and its name ("2026-Q3"). */
static kz_date
quarter_end(kz_date d, char name[8])
{
	int y, m, day;

	date_to_ymd(d, &y, &m, &day);
	m = (m - 1) / 3 * 3 + 3;
	snprintf(name, 8, "%04d-Q%d", y, m / 3);
	return m == 12 ? date_from_ymd(y, 12, 31) : date_from_ymd(y, m + 1, 1) - 1;
}

/*
 * G-3: an issue in central competence, with the body and a progress note for every
 * quarter ended since the meeting, written in the month after it.
 */
static void
demo_central(struct demo_ctx *dc, struct issue *is, kz_date met, const char *topic)
{
	char q[8];

	is->level = LEVEL_CENTRAL;
	is->status = ISSUE_ESCALATED;
	is->body = xstrdup(strcmp(topic, "газ") == 0 ? "ҚР Энергетика министрлігі" :
	    strcmp(topic, "интернет") == 0 || strcmp(topic, "связь") == 0 ?
	    "«Қазақтелеком» АҚ" : "ҚР Көлік министрлігі, «ҚазАвтоЖол» ҰК АҚ");
	is->deadline = dc->today + 200 + (int)rnd(100);
	for (kz_date end = quarter_end(met, q); end + 20 < dc->today;
	    end = quarter_end(end + 1, q))
		issue_add_progress(is, q, dc->ncentral % 2 == 0 ?
		    "Жоба республикалық бюджеттік бағдарламаға енгізілді, ЖСҚ сараптамада." :
		    "Мердігер анықталды, жұмыс кестесі облыс әкімдігімен келісілді.",
		    compliance_instant(end + 20, 11 * 60));
	dc->central_topic = topic;
	dc->ncentral++;
}

/*
 * an issue that needs the maslikhat's financing, with the amount; the first one the
 * session has decided, the next are on the list of the coming session, one has no session
 * set yet.
 */
static void
demo_financing(struct demo_ctx *dc, struct issue *is)
{
	is->needs_session = true;
	is->amount = (int64_t)(20 + rnd(180)) * 1000000;
	is->status = ISSUE_IN_WORK;
	if (is->deadline <= dc->today)
		is->deadline = dc->today + 120 + (int)rnd(120);
	if (dc->nfinancing == 0) {
		is->session_date = working_day(dc->today - 40);	/* a session held */
		is->decision = xstrdup("Мәслихат сессиясының шешімімен келесі жылғы аудан "
		    "бюджетіне енгізілді");
	} else if (dc->nfinancing < 3) {
		is->session_date = working_day(dc->today + 18);
	}
	dc->nfinancing++;
}

/*
 * The action plan of an issue raised at a meeting on `met` and where it stands
 * today: most steps done on time, some late, a rare one overdue; most issues whose
 * deadline has passed resolved or explained, a handful still in work (overdue).
 */
static void
demo_issue_state(struct demo_ctx *dc, struct issue *is, kz_date met)
{
	kz_date last;
	bool closed;
	unsigned r;

	issue_add_step(is, sample_steps[rnd(SAMPLE_NSTEPS)], is->executor,
	    met + 20 + (int)rnd(20));
	if (rnd(3) == 0)
		issue_add_step(is, sample_steps[rnd(SAMPLE_NSTEPS)], is->executor,
		    is->steps[0].deadline + 30 + (int)rnd(60));
	last = is->steps[is->nsteps - 1].deadline;
	is->deadline = last + 30 + (int)rnd(200);
	for (size_t k = 0; k < is->nsteps; k++) {
		struct issue_step *st = &is->steps[k];

		/* A step ahead is often done already, before its deadline. */
		if (st->deadline >= dc->today) {
			if (met + 5 < dc->today && rnd(5) < 3) {
				st->done = true;
				st->done_on = dc->today - 1 - (int)rnd(6);
			}
			continue;
		}
		if ((r = rnd(100)) < 2)
			continue;
		st->done = true;
		st->done_on = r < 15 ? st->deadline + 1 + (int)rnd(20) :
		    st->deadline - (int)rnd(10);
		if (st->done_on > dc->today)
			st->done_on = dc->today;
		if (st->done_on < met)
			st->done_on = met;
	}
	r = rnd(100);
	if (is->deadline < dc->today)
		is->status = r < 3 ? ISSUE_IN_WORK : r < 74 ? ISSUE_RESOLVED :
		    r < 92 ? ISSUE_EXPLAINED : ISSUE_REJECTED;
	else if (met + 14 > dc->today)
		is->status = r < 50 ? ISSUE_NEW : ISSUE_IN_WORK;
	else
		is->status = r < 30 ? ISSUE_RESOLVED : r < 34 ? ISSUE_ESCALATED : ISSUE_IN_WORK;
	closed = !issue_is_open(is->status);
	for (size_t k = 0; closed && k < is->nsteps; k++) {
		struct issue_step *st = &is->steps[k];

		/* A closed issue's plan is finished: the steps ahead were done early. */
		if (!st->done) {
			st->done = true;
			st->done_on = st->deadline < dc->today ? st->deadline : dc->today;
		}
	}
	if (is->status == ISSUE_ESCALATED)
		is->level = LEVEL_REGION;
	/* an issue in work for a while has the last quarter's progress noted. */
	if (is->status == ISSUE_IN_WORK && met + 100 < dc->today) {
		char q[8];
		kz_date noted = quarter_end(dc->today - 92, q) + 20;

		issue_add_progress(is, q, "Мердігер анықталды, жұмыс басталды.",
		    compliance_instant(noted < dc->today ? noted : dc->today, 11 * 60));
	}
}

/* A problem issue made of a question asked at meeting v (A-2, A-3, G-3). */
static int
demo_issue(struct store_txn *t, struct demo_ctx *dc, const struct visit *v,
    const struct sample_question *tp, const char *place, struct kz_uuid *id)
{
	struct issue is;
	int rc;

	issue_init(&is);
	is.title = xasprintf("%s: %s", place, tp->topic);
	is.topic = xstrdup(tp->topic);
	memcpy(is.unit, v->target, 10);
	is.level = LEVEL_OWN;
	is.executor = xstrdup(tp->executor);
	is.visit = v->id;
	demo_issue_state(dc, &is, v->date);
	/* G-3: two issues of two bodies, raised at meetings some months ago. */
	if (dc->ncentral < 2 && v->date + 120 < dc->today && (strcmp(tp->topic, "газ") == 0 ||
	    strcmp(tp->topic, "интернет") == 0 || strcmp(tp->topic, "связь") == 0 ||
	    strcmp(tp->topic, "дороги") == 0) && (dc->central_topic == NULL ||
	    strcmp(dc->central_topic, tp->topic) != 0))
		demo_central(dc, &is, v->date, tp->topic);
	else if (dc->nfinancing < 4 && v->date + 30 < dc->today && issue_is_open(is.status) &&
	    (strcmp(tp->topic, "су") == 0 || strcmp(tp->topic, "вода") == 0 ||
	    strcmp(tp->topic, "мектеп") == 0 || strcmp(tp->topic, "балабақша") == 0))
		demo_financing(dc, &is);
	rc = issue_add_tx(t, &is);
	*id = is.id;
	issue_free(&is);
	return rc;
}

/*
 * One meeting; when it is in the past, what an office records of it: attendance and whom
 * it invited, the broadcast, the questions and the issues made of them, the requests
 * collected before it, the personal reception after it and the results published.
 */
static int
demo_visit(struct store_txn *t, struct demo_ctx *dc, const char *akim, const char *target,
    kz_date date, int announce_days)
{
	struct visit v;
	kz_date reception = DATE_NONE, pub;
	char *place;
	int rc, nq, start = rnd(2) ? 10 * 60 : 15 * 60;

	visit_init(&v);
	memcpy(v.akim, akim, 10);
	memcpy(v.target, target, 10);
	v.date = working_day(date);
	v.time = xstrdup(start == 10 * 60 ? "10:00" : "15:00");
	v.duration_min = 90 + 30 * (int)rnd(3);
	v.field = strcmp(akim, target) != 0;
	place = place_name(dc, target, false);
	v.venue = xasprintf("%s ауылы, мәдениет үйі", place);
	free(place);
	if (v.date - announce_days <= dc->today) {
		v.announced_on = v.date - announce_days - (int)rnd(3);
		v.status = VISIT_ANNOUNCED;
		v.channels = demo_channels();	/* P-3 */
	}
	if (v.date < dc->today) {
		v.status = rnd(30) == 0 ? VISIT_CANCELLED : VISIT_HELD;
		v.started_ms = compliance_instant(v.date, start);	/* local time */
		v.report_end_ms = v.started_ms + (int64_t)v.duration_min * 60000 / 5;
		v.ended_ms = v.started_ms + (int64_t)v.duration_min * 60000;
	}
	if (v.status == VISIT_HELD) {
		demo_attendance(&v);
		demo_broadcast(dc, &v);
		if (rnd(10) != 0 && v.date + 3 <= dc->today)
			reception = v.date + (int)rnd(4);
		/* ten days from the later of the meeting and the reception; a few late. */
		pub = (reception != DATE_NONE ? reception : v.date) +
		    (rnd(15) == 0 ? 11 + (int)rnd(4) : 2 + (int)rnd(7));
		if (pub <= dc->today)
			v.published_on = pub;
	}
	if ((rc = visit_add_tx(t, &v)) != 0 || v.status == VISIT_CANCELLED)
		goto out;
	/* P-2: requests before most meetings, also before those announced ahead. */
	if (v.status != VISIT_PLANNED && rnd(6) != 0)
		rc = demo_requests(t, dc, &v, 1 + (int)rnd(3));
	if (rc != 0 || v.status != VISIT_HELD)
		goto out;
	nq = 4 + (int)rnd(8);
	for (int k = 0; k < nq && rc == 0; k++) {
		const struct sample_question *tp = &sample_questions[rnd((unsigned)sample_nquestions)];
		struct question q;

		question_init(&q);
		q.visit = v.id;
		q.asked_ms = v.report_end_ms + (int64_t)k * 240000;
		place = place_name(dc, target, tp->ru);
		q.text = sample_fill(tp->text, place);
		q.topic = xstrdup(tp->topic);
		q.asker = rnd(5) == 0 ? (int)rnd(AUD_COUNT) : AUD_CITIZEN;
		q.answered = rnd(3) == 0;
		/* Every fourth question becomes a problem issue of its own. */
		if (k % 4 == 0)
			rc = demo_issue(t, dc, &v, tp, place, &q.issue);
		if (rc == 0)
			rc = question_add_tx(t, &q);
		question_free(&q);
		free(place);
	}
	if (rc == 0 && reception != DATE_NONE)
		rc = demo_reception(t, dc, &v, reception);
out:
	visit_free(&v);
	return rc;
}

/* P-1: the year's commission, with members of a community assembly and a public council. */
static int
demo_commission(struct store_txn *t, int year)
{
	static const struct { const char *name; int category; } members[] = {
		{ "Айгүл Сейітқызы", CM_COMMUNITY },
		{ "Нұрлан Әбенов", CM_COMMUNITY },
		{ "Ерлан Жұмабаев", CM_PUBLIC_COUNCIL },
		{ "Динара Оспанова", CM_PUBLIC_COUNCIL },
		{ "Бауыржан Төлеуов", CM_AKIMAT },
	};
	int rc = 0;

	for (size_t k = 0; k < sizeof members / sizeof members[0] && rc == 0; k++)
		rc = commission_add_tx(t, year, members[k].name, members[k].category);
	return rc;
}

static int
demo_fill(struct store_txn *t, void *arg)
{
	struct demo_ctx *dc = arg;
	int rc = 0;
	int y, m, d;
	kz_date h1, h2;

	date_to_ymd(dc->today, &y, &m, &d);
	/* Half-years around today: the current one and the one before (C-3, C-4). */
	h2 = date_from_ymd(m <= 6 ? y : y, m <= 6 ? 1 : 7, 1);
	h1 = date_from_ymd(m <= 6 ? y - 1 : y, 7 - (m <= 6 ? 0 : 6), 1);
	/* P-1: each year's commission, formed before its meetings. */
	for (int yr = m <= 6 ? y - 1 : y; yr <= y && rc == 0; yr++)
		rc = demo_commission(t, yr);
	for (size_t i = 0; i < dc->units.n && rc == 0; i++) {
		const struct unit *u = unit_at(dc, i);
		int off = (int)(i * 3 % 170);

		/* C-3: the district akim in every okrug and village administration. */
		if (strcmp(u->parent, dc->district) == 0 && unit_type_has_akim(u->type)) {
			rc = demo_visit(t, dc, dc->district, u->code, h1 + off, 14);
			if (rc == 0)
				rc = demo_visit(t, dc, dc->district, u->code, h2 + off, 14);
		}
		/* C-4: the okrug akim in each of its villages. */
		if (rc == 0 && u->type == UNIT_VILLAGE_LOC) {
			char akim[10];

			memcpy(akim, u->parent, 10);
			for (size_t k = 0; k < dc->units.n; k++)
				if (strcmp(unit_at(dc, k)->code, akim) == 0 &&
				    !unit_type_has_akim(unit_at(dc, k)->type))
					memcpy(akim, unit_at(dc, k)->parent, 10);
			rc = demo_visit(t, dc, akim, u->code, h1 + 20 + off, 7);
			if (rc == 0)
				rc = demo_visit(t, dc, akim, u->code, h2 + 20 + off, 7);
		}
	}
	return rc;
}

int
demo_build(struct store *s, struct kz_error *e)
{
	struct kato_table kt = { 0 };
	struct unit_import_stats st;
	struct demo_ctx dc = { 0 };
	int rc = -1;

	dc.today = compliance_today();
	/* The same demo on every build, also a second one in one process (the tests). */
	demo_seed = DEMO_SEED;
	if (kato_parse(demo_units_csv, strlen(demo_units_csv), "sample-district.csv", &kt,
	    e) != 0)
		return -1;
	for (size_t i = 0; i < kt.n; i++)
		if (kt.units[i].type == UNIT_DISTRICT)
			memcpy(dc.district, kt.units[i].code, 10);
	if (dc.district[0] == '\0') {
		kz_fail(e, KZ_EINVAL, _("demo: the sample has no district"));
		goto out;
	}
	if (node_init(s, dc.district, e) != 0 ||
	    unit_import(s, &kt, "2026-07-17", false, &st, e) != 0 ||
	    unit_list(s, dc.district, &dc.units, e) != 0)
		goto out;
	rc = store_write(s, demo_fill, &dc, e);
out:
	rec_array_free(&unit_kind, &dc.units);
	kato_table_free(&kt);
	return rc;
}
