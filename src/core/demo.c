/*
 * The demo store: a real district of Turkistan region (data/sample-district.csv, compiled
 * in), a year of meetings around today, questions in Kazakh and Russian and problem
 * issues in several states, all written through core's functions.
 */
#include "core/demo.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/compliance.h"
#include "core/issue.h"
#include "core/kato.h"
#include "core/node.h"
#include "core/question.h"
#include "core/sample_text.h"
#include "core/unit.h"
#include "core/visit.h"
#include "store/store.h"
#include "util/xmalloc.h"

extern const char demo_units_csv[];

/* A fixed-seed generator: the same demo for everyone, which makes it reproducible. */
static uint64_t demo_seed = 0x9e3779b97f4a7c15u;

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

/* One meeting, with its questions and issues when it is in the past. */
static int
demo_visit(struct store_txn *t, struct demo_ctx *dc, const char *akim, const char *target,
    kz_date date, int announce_days)
{
	struct visit v;
	char *place;
	int rc, nq;

	visit_init(&v);
	memcpy(v.akim, akim, 10);
	memcpy(v.target, target, 10);
	v.date = working_day(date);
	v.time = xstrdup(rnd(2) ? "10:00" : "15:00");
	v.duration_min = 90 + 30 * (int)rnd(3);
	v.field = strcmp(akim, target) != 0;
	place = place_name(dc, target, false);
	v.venue = xasprintf("%s ауылы, мәдениет үйі", place);
	free(place);
	if (v.date - announce_days <= dc->today) {
		v.announced_on = v.date - announce_days - (int)rnd(3);
		v.status = VISIT_ANNOUNCED;
		v.channels = xstrdup("print,egov,social");	/* P-3 */
	}
	if (v.date < dc->today) {
		v.status = rnd(20) == 0 ? VISIT_CANCELLED : VISIT_HELD;
		v.started_ms = compliance_instant(v.date, 10 * 60);	/* 10:00 local */
		v.report_end_ms = v.started_ms + (int64_t)v.duration_min * 60000 / 5;
		v.ended_ms = v.started_ms + (int64_t)v.duration_min * 60000;
		v.attendance = xcalloc(3, sizeof *v.attendance);
		v.nattendance = 3;
		v.attendance[0].category = AUD_CITIZEN;
		v.attendance[0].count = 40 + (int)rnd(120);
		v.attendance[1].category = AUD_DEPUTY;
		v.attendance[1].count = 1 + (int)rnd(3);
		v.attendance[2].category = AUD_PUBLIC_COUNCIL;
		v.attendance[2].count = (int)rnd(4);
		if (v.date + 10 < dc->today)
			v.published_on = v.date + 3 + (int)rnd(6);
	}
	if ((rc = visit_add_tx(t, &v)) != 0 || v.status != VISIT_HELD)
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
		/* Every third question becomes a problem issue of its own. */
		if (k % 3 == 0) {
			struct issue is;

			issue_init(&is);
			is.title = xasprintf("%s: %s", place, tp->topic);
			is.topic = xstrdup(tp->topic);
			memcpy(is.unit, target, 10);
			is.level = rnd(6) == 0 ? LEVEL_REGION : LEVEL_OWN;
			is.executor = xstrdup(tp->executor);
			is.deadline = v.date + 30 + (int)rnd(300);
			is.visit = v.id;
			is.status = (int)rnd(ISSUE_REJECTED + 1);
			if (is.level == LEVEL_REGION)
				is.status = ISSUE_ESCALATED;
			issue_add_step(&is, sample_steps[rnd(SAMPLE_NSTEPS)], is.executor,
			    v.date + 20);
			if (is.status == ISSUE_IN_WORK)
				issue_add_progress(&is, "2026-Q3", "Мердігер анықталды, жұмыс басталды.",
				    q.asked_ms);
			rc = issue_add_tx(t, &is);
			q.issue = is.id;
			issue_free(&is);
		}
		if (rc == 0)
			rc = question_add_tx(t, &q);
		question_free(&q);
		free(place);
	}
out:
	visit_free(&v);
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
	if (kato_parse(demo_units_csv, strlen(demo_units_csv), "sample-district.csv", &kt,
	    e) != 0)
		return -1;
	for (size_t i = 0; i < kt.n; i++)
		if (kt.units[i].type == UNIT_DISTRICT)
			memcpy(dc.district, kt.units[i].code, 10);
	if (dc.district[0] == '\0') {
		kz_fail(e, KZ_EINVAL, "demo: the sample has no district");
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
