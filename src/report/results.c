/*
 * the results of meetings and receptions, as published within 10 days of them
 * (report/reports.h). The data is read first, then the document is built in its language.
 */
#include "report/reports.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/issue.h"
#include "core/node.h"
#include "core/question.h"
#include "core/reception.h"
#include "core/visit.h"
#include "report/lang.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

/* M-2's categories as a publication names them. */
static const char *const audience_labels[AUD_COUNT] = {
	N_("citizens"), N_("maslikhat deputies"), N_("political parties"),
	N_("public organisations"), N_("the opposition"), N_("public council members"),
	N_("community assembly members"), N_("business"), N_("others"),
};

/* who received the citizens. */
static const char *const reception_labels[RC_COUNT] = {
	N_("akimat"), N_("prosecutor's office"), N_("police"), N_("maslikhat deputies"),
	N_("public council"), N_("local intelligentsia"),
};

struct meeting {
	struct visit *v;		/* in the array of visits */
	struct rec_array questions;	/* struct question, in the order asked */
	struct rec_array receptions;	/* struct reception, by date */
	bool rural;			/* its place is one rural unit: counts are personal */
};

struct tally {			/* one line of a breakdown: a category or a topic */
	const char *key;	/* points into the records */
	long n;
};

struct results {
	struct rec_array visits;
	struct meeting *m;
	size_t nm;
	struct rec_array issues;
	bool one_rural;		/* every meeting at the same rural unit */
	char office[10];
};

static void
results_free(struct results *r)
{
	for (size_t i = 0; i < r->nm; i++) {
		rec_array_free(&question_kind, &r->m[i].questions);
		rec_array_free(&reception_kind, &r->m[i].receptions);
	}
	free(r->m);
	rec_array_free(&visit_kind, &r->visits);
	rec_array_free(&issue_kind, &r->issues);
}

static int
by_date(const void *a, const void *b)
{
	const struct visit *x = a, *y = b;

	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	return memcmp(x->id.b, y->id.b, sizeof x->id.b);
}

/* The meetings of the scope into r->visits, in date order. */
static int
load_visits(struct store *s, const struct report_results_scope *sc, struct results *r,
    struct kz_error *e)
{
	struct visit *v;
	char id[UID_STRLEN], d1[11], d2[11];
	size_t keep = 0;

	if (sc->nvisits > 0) {
		for (size_t i = 0; i < sc->nvisits; i++) {
			bool dup = false;

			for (size_t k = 0; k < i; k++)
				dup = dup || uid_cmp(&sc->visits[k], &sc->visits[i]) == 0;
			if (dup)
				continue;
			v = rec_array_push(&visit_kind, &r->visits);
			uid_format(&sc->visits[i], id);
			if (visit_get(s, &sc->visits[i], v, e) != 0)
				return -1;
			if (v->withdrawn)
				return kz_fail(e, KZ_ENOTFOUND, _("visit %s: not found"), id);
			if (v->status != VISIT_HELD)
				return kz_fail(e, KZ_EINVAL, _("visit %s: not held (%s): results are "
				    "published for meetings held (A-3)"), id,
				    _(visit_status_names[v->status]));
		}
	} else {
		if (visit_list(s, sc->from, sc->to + 1, &r->visits, e) != 0)
			return -1;
		v = r->visits.items;
		for (size_t i = 0; i < r->visits.n; i++) {
			if (v[i].status == VISIT_HELD && !v[i].withdrawn)
				v[keep++] = v[i];
			else
				visit_free(&v[i]);
		}
		r->visits.n = keep;
		if (keep == 0) {
			date_format(sc->from, d1);
			date_format(sc->to, d2);
			return kz_fail(e, KZ_ENOTFOUND, _("no meeting held from %s to %s"), d1, d2);
		}
	}
	qsort(r->visits.items, r->visits.n, sizeof(struct visit), by_date);
	return 0;
}

static int
by_uid(const void *a, const void *b)
{
	return uid_cmp(a, b);
}

/* By place, then title: the list as a reader looks a village up. */
static int
by_place(const void *a, const void *b)
{
	const struct issue *x = a, *y = b;
	int c = strcmp(x->unit, y->unit);

	if (c == 0)
		c = strcmp(x->title != NULL ? x->title : "", y->title != NULL ? y->title : "");
	return c != 0 ? c : memcmp(x->id.b, y->id.b, sizeof x->id.b);
}

/*
 * The problem issues of the meetings, each once: those raised at them (their `visit`, read
 * through core's index of issues by meeting: an issue added with --visit and no question
 * linked is one), and those the meetings' questions are linked to (raised at another
 * meeting and asked about again at these).
 */
static int
load_issues(struct store *s, struct results *r, struct kz_error *e)
{
	struct kz_uuid *ids = NULL, *have;
	size_t n = 0, cap = 0, u = 0, nhave;

	for (size_t i = 0; i < r->nm; i++) {
		struct rec_array a = { 0 };

		if (issue_list_visit(s, &r->m[i].v->id, &a, e) != 0)
			return -1;
		/* Moved into the list: the records' contents change owner, not their copies. */
		for (size_t k = 0; k < a.n; k++)
			memcpy(rec_array_push(&issue_kind, &r->issues), (struct issue *)a.items + k,
			    sizeof(struct issue));
		free(a.items);
	}
	nhave = r->issues.n;
	have = xcalloc(nhave + 1, sizeof *have);
	for (size_t i = 0; i < nhave; i++)
		have[i] = ((const struct issue *)r->issues.items)[i].id;
	if (nhave > 1)
		qsort(have, nhave, sizeof *have, by_uid);
	for (size_t i = 0; i < r->nm; i++) {
		const struct question *q = r->m[i].questions.items;

		for (size_t k = 0; k < r->m[i].questions.n; k++)
			if (!uid_is_nil(&q[k].issue)) {
				ids = xgrow(ids, &cap, n + 1, sizeof *ids);
				ids[n++] = q[k].issue;
			}
	}
	if (n > 1)
		qsort(ids, n, sizeof *ids, by_uid);
	for (size_t i = 0; i < n; i++) {
		struct issue *is;

		if (i > 0 && uid_cmp(&ids[i], &ids[u - 1]) == 0)
			continue;
		ids[u++] = ids[i];
		if (bsearch(&ids[i], have, nhave, sizeof *have, by_uid) != NULL)
			continue;
		is = rec_array_push(&issue_kind, &r->issues);
		if (issue_get(s, &ids[i], is, e) != 0) {
			free(have);
			free(ids);
			return -1;
		}
		if (is->withdrawn) {
			issue_free(is);
			r->issues.n--;
		}
	}
	free(have);
	free(ids);
	if (r->issues.n > 1)
		qsort(r->issues.items, r->issues.n, sizeof(struct issue), by_place);
	return 0;
}

static int
load(struct store *s, const struct report_results_scope *sc, struct report_units *un,
    struct results *r, struct kz_error *e)
{
	struct node nd;

	if (node_get(s, &nd, e) != 0)
		return -1;
	memcpy(r->office, nd.unit, sizeof r->office);
	if (load_visits(s, sc, r, e) != 0)
		return -1;
	r->nm = r->visits.n;
	r->m = xcalloc(r->nm, sizeof *r->m);
	r->one_rural = true;
	for (size_t i = 0; i < r->nm; i++) {
		struct meeting *m = &r->m[i];

		m->v = (struct visit *)r->visits.items + i;
		m->rural = report_units_rural(un, m->v->target);
		if (!m->rural || strcmp(m->v->target, r->m[0].v->target) != 0)
			r->one_rural = false;
		if (question_list(s, &m->v->id, 0, &m->questions, e) != 0 ||
		    reception_list(s, &m->v->id, &m->receptions, e) != 0)
			return -1;
	}
	return load_issues(s, r, e);
}

/* ---- counting ---- */

static void
tally_add(struct tally **t, size_t *n, size_t *cap, const char *key, long count)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp((*t)[i].key, key) == 0) {
			(*t)[i].n += count;
			return;
		}
	*t = xgrow(*t, cap, *n + 1, sizeof **t);
	(*t)[*n].key = key;
	(*t)[(*n)++].n = count;
}

/* Most first, then by name: the order offices publish shares in. */
static int
by_count(const void *a, const void *b)
{
	const struct tally *x = a, *y = b;

	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	return strcmp(x->key, y->key);
}

/*
 * The total of a breakdown as it may be published: with hide (one rural unit), without
 * the hidden lines, so that no hidden count is a difference of published numbers.
 * *hidden tells whether any line was left out.
 */
static long
published_total(const struct tally *t, size_t n, bool hide, bool *hidden)
{
	long sum = 0;

	*hidden = false;
	for (size_t i = 0; i < n; i++) {
		if (report_count_hidden(t[i].n, hide))
			*hidden = true;
		else
			sum += t[i].n;
	}
	return sum;
}

/* "12", or "12*" when hidden lines were left out of it. */
static const char *
total_text(long n, bool hidden, char *buf, size_t size)
{
	snprintf(buf, size, "%ld%s", n, hidden ? "*" : "");
	return buf;
}

static const char *no_topic = N_("(no topic)");

static const char *
topic_of(const struct question *q)
{
	return q->topic != NULL && q->topic[0] != '\0' ? q->topic : no_topic;
}

/* The attendance of one meeting, or of all (m NULL), by category; recorded ones only. */
static size_t
attendance(const struct results *r, const struct meeting *only, struct tally **t)
{
	size_t n = 0, cap = 0;

	*t = NULL;
	for (size_t i = 0; i < r->nm; i++) {
		const struct visit *v = r->m[i].v;

		if (only != NULL && only != &r->m[i])
			continue;
		for (size_t k = 0; k < v->nattendance; k++) {
			int c = v->attendance[k].category;

			if (c >= 0 && c < AUD_COUNT && v->attendance[k].count > 0)
				tally_add(t, &n, &cap, audience_names[c], v->attendance[k].count);
		}
	}
	return n;
}

/* The questions of one meeting, or of all, by topic. */
static size_t
topics(const struct results *r, const struct meeting *only, struct tally **t)
{
	size_t n = 0, cap = 0;

	*t = NULL;
	for (size_t i = 0; i < r->nm; i++) {
		const struct question *q = r->m[i].questions.items;

		if (only != NULL && only != &r->m[i])
			continue;
		for (size_t k = 0; k < r->m[i].questions.n; k++)
			tally_add(t, &n, &cap, topic_of(&q[k]), 1);
	}
	if (n > 1)
		qsort(*t, n, sizeof **t, by_count);
	return n;
}

static int
audience_index(const char *name)
{
	for (int i = 0; i < AUD_COUNT; i++)
		if (strcmp(audience_names[i], name) == 0)
			return i;
	return AUD_OTHER;
}

/* ---- the document ---- */

/*
 * A meeting's total of a breakdown (attendance, questions) as its cell. One village's
 * breakdowns are published when the document is of one village (r->one_rural): its totals
 * then leave the hidden lines out. Otherwise only the total of each meeting is, a count
 * like any other.
 */
static void
meeting_total(const struct results *r, const struct meeting *m, const struct tally *t,
    size_t n, char *buf, size_t size, bool *any_hidden)
{
	bool hidden;
	long sum = published_total(t, n, r->one_rural, &hidden);

	if (r->one_rural) {
		total_text(sum, hidden, buf, size);
		*any_hidden = *any_hidden || hidden;
	} else {
		report_count(sum, m->rural, buf, size);
		*any_hidden = *any_hidden || report_count_hidden(sum, m->rural);
	}
}

static void
section_meetings(struct report_doc *d, const struct results *r, struct report_units *un,
    bool *any_hidden)
{
	const char *head[] = { _("Date"), _("Akim"), _("Place"), _("Field meeting"),
		_("Present"), _("Questions"), _("Answered on the spot") };
	const char *rhead[] = { _("Date"), _("After the meeting in"), _("Received by"),
		_("Citizens received") };
	struct report_table *t, *rt = NULL;
	char date[64], present[32], nq[32], na[32], cit[32];

	report_section(d, _("Meetings and receptions held"));
	t = report_table_new(d, 7, head, REPORT_COL(4) | REPORT_COL(5) | REPORT_COL(6));
	for (size_t i = 0; i < r->nm; i++) {
		const struct meeting *m = &r->m[i];
		const struct question *q = m->questions.items;
		struct tally *t1;
		size_t n;
		long answered = 0;
		const char *row[7];

		for (size_t k = 0; k < m->questions.n; k++)
			answered += q[k].answered;
		n = attendance(r, m, &t1);
		meeting_total(r, m, t1, n, present, sizeof present, any_hidden);
		free(t1);
		if (n == 0)
			snprintf(present, sizeof present, "%s", "—");
		n = topics(r, m, &t1);
		meeting_total(r, m, t1, n, nq, sizeof nq, any_hidden);
		free(t1);
		report_count(answered, m->rural, na, sizeof na);
		*any_hidden = *any_hidden || report_count_hidden(answered, m->rural);
		row[0] = report_date(m->v->date, date, sizeof date);
		row[1] = report_units_name(un, m->v->akim);
		row[2] = report_units_name(un, m->v->target);
		row[3] = m->v->field ? _("yes") : _("no");
		row[4] = present;
		row[5] = nq;
		row[6] = na;
		report_row(t, row);
	}
	for (size_t i = 0; i < r->nm; i++) {
		const struct meeting *m = &r->m[i];
		const struct reception *rc = m->receptions.items;

		for (size_t k = 0; k < m->receptions.n; k++) {
			char *by = report_names_list(rc[k].received_by,
			    reception_category_names, reception_labels, RC_COUNT);
			const char *row[4];

			if (rt == NULL) {
				report_para(d, _("Personal receptions of citizens held after the "
				    "meetings (A-1):"));
				rt = report_table_new(d, 4, rhead, REPORT_COL(3));
			}
			row[0] = report_date(rc[k].date, date, sizeof date);
			row[1] = report_units_name(un, m->v->target);
			row[2] = by;
			row[3] = report_count(rc[k].citizens, m->rural, cit, sizeof cit);
			*any_hidden = *any_hidden || report_count_hidden(rc[k].citizens, m->rural);
			report_row(rt, row);
			free(by);
		}
	}
	if (rt == NULL)
		report_para(d, _("No personal reception after these meetings is recorded (A-1)."));
}

static void
section_attendance(struct report_doc *d, const struct results *r, bool *any_hidden)
{
	const char *head[] = { _("Category"), _("People"), _("Share") };
	struct tally *t;
	size_t n = attendance(r, NULL, &t);
	struct report_table *tb;
	char c[32], sh[32], tot[32];
	long total;
	bool hidden;

	report_section(d, _("Attendance by category (M-2)"));
	if (n == 0) {
		report_para(d, _("No attendance was recorded."));
		free(t);
		return;
	}
	/* M-2's order: citizens, then the broad audience, as the decree lists it. */
	for (size_t i = 1; i < n; i++)
		for (size_t k = i; k > 0 && audience_index(t[k - 1].key) >
		    audience_index(t[k].key); k--) {
			struct tally x = t[k];

			t[k] = t[k - 1];
			t[k - 1] = x;
		}
	total = published_total(t, n, r->one_rural, &hidden);
	*any_hidden = *any_hidden || hidden;
	tb = report_table_new(d, 3, head, REPORT_COL(1) | REPORT_PCT(2));
	for (size_t i = 0; i < n; i++) {
		bool h = report_count_hidden(t[i].n, r->one_rural);
		const char *row[] = { _(audience_labels[audience_index(t[i].key)]),
			report_count(t[i].n, r->one_rural, c, sizeof c),
			h ? "" : report_share(t[i].n, total, sh, sizeof sh) };

		report_row(tb, row);
	}
	{
		const char *row[] = { _("Total"), total_text(total, hidden, tot, sizeof tot),
			total > 0 ? "100 %" : "" };

		report_total(tb, row);
	}
	free(t);
}

static void
section_topics(struct report_doc *d, const struct results *r, bool *any_hidden)
{
	const char *head[] = { _("Topic"), _("Questions"), _("Share") };
	const char *chead[] = { _("Topic"), _("Questions"), _("Share") };
	long src[QS_COUNT] = { 0 }, answered = 0, total;
	struct tally *t;
	size_t n = topics(r, NULL, &t), all = 0;
	struct report_table *tb;
	struct report_chart *ch;
	char c[32], sh[32], tot[32], buf[96];
	bool hidden, hide = r->one_rural;

	report_section(d, _("Questions by topic"));
	for (size_t i = 0; i < r->nm; i++) {
		const struct question *q = r->m[i].questions.items;

		for (size_t k = 0; k < r->m[i].questions.n; k++) {
			if (q[k].source >= 0 && q[k].source < QS_COUNT)
				src[q[k].source]++;
			answered += q[k].answered;
			all++;
		}
	}
	if (n == 0) {
		report_para(d, _("No question was recorded."));
		free(t);
		return;
	}
	total = published_total(t, n, hide, &hidden);
	*any_hidden = *any_hidden || hidden;
	tb = report_table_new(d, 3, head, REPORT_COL(1) | REPORT_PCT(2));
	for (size_t i = 0; i < n; i++) {
		bool h = report_count_hidden(t[i].n, hide);
		/* Only the placeholder of no topic is ours to translate; topics are stored text. */
		const char *row[] = { t[i].key == no_topic ? _(no_topic) : t[i].key,
			report_count(t[i].n, hide, c, sizeof c),
			h ? "" : report_share(t[i].n, total, sh, sizeof sh) };

		report_row(tb, row);
	}
	{
		const char *row[] = { _("Total"), total_text(total, hidden, tot, sizeof tot),
			total > 0 ? "100 %" : "" };

		report_total(tb, row);
	}
	ch = report_chart_new(d, _("Shares of the questions by topic"), chead);
	for (size_t i = 0; i < n; i++) {
		bool h = report_count_hidden(t[i].n, hide);

		report_bar(ch, t[i].key == no_topic ? _(no_topic) : t[i].key,
		    report_count(t[i].n, hide, c, sizeof c),
		    h ? "" : report_share(t[i].n, total, sh, sizeof sh),
		    h || total == 0 ? -1 : (double)t[i].n / (double)total);
	}
	/* One village: the number answered of a total that leaves the hidden topics out. */
	if (hide) {
		report_kvf(d, _("Answered on the spot"), "%s", report_count(answered, true, c,
		    sizeof c));
		*any_hidden = *any_hidden || report_count_hidden(answered, true);
	} else {
		snprintf(buf, sizeof buf, _("%ld of %zu (%s)"), answered, all,
		    report_share(answered, (long)all, sh, sizeof sh));
		report_kv(d, _("Answered on the spot"), buf);
	}
	/*
	 * Where the questions came from is another breakdown of the same total: of one
	 * village, its exact counts would give back the total the hidden topics were left
	 * out of, so it is published only for several places.
	 */
	if (!hide) {
		static const char *const src_labels[QS_COUNT] = {
			N_("Asked at the meeting"), N_("Collected before it (P-2)"),
			N_("Comments on its online broadcast (B-1)"),
			N_("Asked at the personal receptions (A-1)"),
		};

		for (int k = 0; k < QS_COUNT; k++)
			if (src[k] > 0) {
				report_kvf(d, _(src_labels[k]), "%ld", src[k]);
			}
	}
	free(t);
}

static void
section_issues(struct report_doc *d, const struct results *r, struct report_units *un,
    kz_date today)
{
	const char *head[] = { _("No."), _("Problem issue"), _("Place"), _("Topic"),
		_("Status"), _("Deadline"), _("Executor") };
	const char *phead[] = { _("Problem issue"), _("Measure"), _("Deadline"),
		_("Executor"), _("Done") };
	const struct issue *is = r->issues.items;
	struct report_table *t;
	char no[16], dl[96], sd[64], done[64];

	report_section(d, _("Problem issues"));
	if (r->issues.n == 0) {
		report_para(d, _("No problem issue was raised at these meetings."));
		report_section(d, _("Action plan"));
		report_para(d, _("There is no problem issue to plan for."));
		return;
	}
	t = report_table_new(d, 7, head, REPORT_COL(0));
	for (size_t i = 0; i < r->issues.n; i++) {
		const char *row[7];

		snprintf(no, sizeof no, "%zu", i + 1);
		row[0] = no;
		row[1] = is[i].title != NULL ? is[i].title : "";
		row[2] = report_units_name(un, is[i].unit);
		row[3] = is[i].topic != NULL ? is[i].topic : "";
		row[4] = report_status(is[i].status);
		row[5] = report_deadline(&is[i], today, dl, sizeof dl);
		row[6] = is[i].executor != NULL ? is[i].executor : "";
		report_row(t, row);
	}
	report_section(d, _("Action plan"));
	t = report_table_new(d, 5, phead, 0);
	for (size_t i = 0; i < r->issues.n; i++) {
		char title[600];

		snprintf(title, sizeof title, "%zu. %s", i + 1, is[i].title != NULL ?
		    is[i].title : "");
		if (is[i].nsteps == 0) {
			const char *row[] = { title, _("(no measures recorded yet)"),
				report_date(is[i].deadline, sd, sizeof sd),
				is[i].executor != NULL ? is[i].executor : "", "" };

			report_row(t, row);
		}
		for (size_t k = 0; k < is[i].nsteps; k++) {
			const struct issue_step *st = &is[i].steps[k];
			const char *row[] = { title, st->text != NULL ? st->text : "",
				report_date(st->deadline, sd, sizeof sd),
				st->executor != NULL ? st->executor :
				    is[i].executor != NULL ? is[i].executor : "",
				st->done ? st->done_on != DATE_NONE ? report_date(st->done_on, done,
				    sizeof done) : _("yes") : "" };

			report_row(t, row);
		}
	}
}

static struct report_doc *
build(const struct results *r, struct report_units *un, const char *lang, kz_date today)
{
	struct report_doc *d = report_doc_new(lang, _("Results of the meetings of the akim with "
	    "the population"));
	char d1[64], d2[64], sub[512];
	bool hidden = false;

	report_subtitle(d, report_units_name(un, r->office));
	if (r->nm == 1)
		snprintf(sub, sizeof sub, _("Meeting held on %s in %s"), report_date(r->m[0].v->date,
		    d1, sizeof d1), report_units_name(un, r->m[0].v->target));
	else
		snprintf(sub, sizeof sub, _("%zu meetings held from %s to %s"), r->nm,
		    report_date(r->m[0].v->date, d1, sizeof d1),
		    report_date(r->m[r->nm - 1].v->date, d2, sizeof d2));
	report_subtitle(d, sub);
	snprintf(sub, sizeof sub, _("Published under point 4 of Decree No. 826 (A-3) on %s"),
	    report_date(today, d1, sizeof d1));
	report_subtitle(d, sub);
	section_meetings(d, r, un, &hidden);
	section_attendance(d, r, &hidden);
	section_topics(d, r, &hidden);
	section_issues(d, r, un, today);
	if (hidden) {
		report_section(d, _("Notes"));
		report_para(d, _("Personal data: a count below 3 for one village is shown as <3, so "
		    "that no one can be singled out; a total marked * leaves such counts out, and "
		    "the shares are of that total."));
	}
	return d;
}

int
report_results(struct store *s, const struct report_results_scope *sc, const char *lang,
    kz_date today, struct report_doc **doc, struct kz_uuid **ids, size_t *n,
    struct kz_error *e)
{
	struct results r = { 0 };
	struct report_units *un;

	*doc = NULL;
	*ids = NULL;
	*n = 0;
	if (report_lang_valid(lang) != 0)
		return kz_fail(e, KZ_EINVAL, _("language '%s': kk, ru or en"), lang);
	un = report_units_new(s, report_lang_units(lang));
	if (load(s, sc, un, &r, e) != 0) {
		results_free(&r);
		report_units_free(&un);
		return -1;
	}
	report_lang_push(lang);
	*doc = build(&r, un, lang, today);
	report_lang_pop();
	*ids = xcalloc(r.nm, sizeof **ids);
	for (size_t i = 0; i < r.nm; i++)
		(*ids)[i] = r.m[i].v->id;
	*n = r.nm;
	results_free(&r);
	report_units_free(&un);
	return 0;
}
