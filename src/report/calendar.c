/*
 * K-1, K-3, G-1: the annual calendar of meetings as it is approved, notified, submitted
 * and published (report/reports_more.h).
 *
 * What it shows:
 *  - the approval, the maslikhat's notice and the submission (K-1, K-3; G-1 in the
 *    Government's store), each with its deadline and state as `check` judges them
 *    (compliance_check_dated), and the calendar's status;
 *  - the coverage of C-1..C-5: without --revision as of today, the states `check` gives
 *    (rules_check_coverage_on: held, planned ahead, past its date and not held, open,
 *    missing); with --revision N, whether the revision's meetings plan every target and
 *    period (rules_check_coverage in planned mode on the revision's copy), which is what
 *    K-1 asks of the calendar approved. A summary by rule, then every target and period not
 *    covered, by akim;
 *  - the revision history (K-2): each revision's date, reason, meetings and the day the
 *    maslikhat was notified;
 *  - the meetings by akim and target: the calendar's now (calendar_meetings: not
 *    unscheduled, not cancelled) or the revision's.
 * In the Government's store (its tree is the republic) the regions' calendars are put
 * together: the coverage summarised region by region, and a section of meetings for each
 * region that has any; the list of targets not covered, thousands there, is left to each
 * region's own report.
 */
#include "report/reports_more.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/calendar.h"
#include "core/compliance.h"
#include "core/node.h"
#include "core/rules.h"
#include "core/unit.h"
#include "core/visit.h"
#include "report/lang.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

/* A meeting of the calendar, as it is now or as a revision recorded it. */
struct meeting {
	char akim[10];
	char target[10];
	kz_date date;
	int status;		/* enum visit_status; -1: a revision's copy */
};

static const char *const status_labels[VISIT_STATUS_COUNT] = {
	N_("planned"), N_("announced"), N_("held"), N_("cancelled"), N_("moved"),
};

static int
by_akim(const void *a, const void *b)
{
	const struct meeting *x = a, *y = b;
	int c;

	if ((c = strcmp(x->akim, y->akim)) != 0)
		return c;
	if ((c = strcmp(x->target, y->target)) != 0)
		return c;
	return (x->date > y->date) - (x->date < y->date);
}

/* The region (or city of republican significance) a unit is in: its first two digits. */
static void
region_of(const char *code, char out[10])
{
	snprintf(out, 10, "%.2s0000000", code);
}

struct visit_field {
	struct kz_uuid id;
	bool field;
	bool unscheduled;
};

static int
by_id(const void *a, const void *b)
{
	return uid_cmp(&((const struct visit_field *)a)->id, &((const struct visit_field *)b)->id);
}

/*
 * The revision's meetings as the rules see them, planned: whether each is a field meeting
 * is the visit's (the revision keeps akim, target and date only); a visit no longer in the
 * store counts as the field meeting a calendar plans.
 */
static struct rules_visit *
revision_visits(const struct calendar_revision *r, const struct compliance *cp)
{
	struct rules_visit *rv = xcalloc(r->nmeetings + 1, sizeof *rv);
	struct visit_field *vf = xcalloc(cp->visits.n + 1, sizeof *vf);

	for (size_t k = 0; k < cp->visits.n; k++) {
		const struct visit *v = (const struct visit *)cp->visits.items + k;

		vf[k].id = v->id;
		vf[k].field = v->field;
		vf[k].unscheduled = v->unscheduled;
	}
	qsort(vf, cp->visits.n, sizeof *vf, by_id);
	for (size_t k = 0; k < r->nmeetings; k++) {
		const struct calendar_meeting *m = &r->meetings[k];
		struct visit_field key = { .id = m->visit }, *f;

		f = bsearch(&key, vf, cp->visits.n, sizeof *vf, by_id);
		rv[k].id = (int)k;
		memcpy(rv[k].akim, m->akim, sizeof rv[k].akim);
		memcpy(rv[k].target, m->target, sizeof rv[k].target);
		rv[k].date = m->date;
		rv[k].field = f != NULL ? f->field : true;
		rv[k].unscheduled = f != NULL && f->unscheduled;
		rv[k].status = RULES_PLANNED;
		rv[k].announced_on = rv[k].receptions_end = rv[k].published_on = DATE_NONE;
		rv[k].planned_min = 0;
		rv[k].report_min = -1;
	}
	free(vf);
	return rv;
}

/* The states counted, in the order of the summary's columns. */
enum { S_HELD, S_AHEAD, S_PAST, S_OPEN, S_MISSING, S_COUNT };

static int
state_of(enum rules_status st)
{
	switch (st) {
	case RULES_COV_HELD:
		return S_HELD;
	case RULES_OK:		/* a revision's planned coverage */
	case RULES_COV_PLANNED:
		return S_AHEAD;
	case RULES_COV_PAST:
		return S_PAST;
	case RULES_COV_OPEN:
		return S_OPEN;
	default:
		return S_MISSING;
	}
}

static const char *
state_label(int s, bool revision)
{
	switch (s) {
	case S_HELD:
		return _("held, covered");
	case S_AHEAD:
		return revision ? _("planned") : _("planned ahead");
	case S_PAST:
		return _("past its date, not marked held");
	case S_OPEN:
		return _("open: nothing planned yet");
	default:
		return revision ? _("not planned") : _("missing: the period is over");
	}
}

/* A period for people: the year, or its half. */
static const char *
period_name(int year, enum rules_period p, char *buf, size_t size)
{
	if (p == RULES_H1)
		snprintf(buf, size, _("first half of %d"), year);
	else if (p == RULES_H2)
		snprintf(buf, size, _("second half of %d"), year);
	else
		snprintf(buf, size, "%d", year);
	return buf;
}

/*
 * A summary table of the coverage, one row per group: by rule (group_region false) or by
 * region. A revision's coverage has two states, planned and not.
 */
static void
coverage_table(struct report_doc *d, const struct rules_findings *cov, bool revision,
    bool group_region, struct report_units *un)
{
	const char *head[8];
	size_t nc = 0, ngroups = 0;
	struct group {
		char key[10];
		const char *rule, *what;
		long c[S_COUNT], n;
	} *g = xcalloc(cov->n + 1, sizeof *g);
	long tot[S_COUNT] = { 0 };
	struct report_table *t;
	unsigned numeric = 0;
	char b[S_COUNT + 1][24];

	head[nc++] = group_region ? _("Region") : _("Rule");
	if (!group_region)
		head[nc++] = _("What it asks");
	head[nc++] = _("Targets and periods");
	if (revision) {
		head[nc++] = _("planned");
		head[nc++] = _("not planned");
	} else
		for (int s = 0; s < S_COUNT; s++)
			head[nc++] = state_label(s, false);
	for (size_t c = group_region ? 1 : 2; c < nc; c++)
		numeric |= REPORT_COL(c);
	for (size_t k = 0; k < cov->n; k++) {
		const struct rules_finding *f = &cov->v[k];
		char key[10];
		size_t j;

		if (group_region)
			region_of(f->akim, key);
		else
			snprintf(key, sizeof key, "%s", f->rule);
		for (j = 0; j < ngroups && strcmp(g[j].key, key) != 0; j++)
			;
		if (j == ngroups) {
			memcpy(g[j].key, key, sizeof key);
			g[j].rule = f->rule;
			g[j].what = f->what;
			ngroups++;
		}
		g[j].c[state_of(f->status)]++;
		g[j].n++;
		tot[state_of(f->status)]++;
	}
	/* By rule in C-1..C-5 order, by region in code order. */
	for (size_t i = 1; i < ngroups; i++)
		for (size_t j = i; j > 0 && strcmp(g[j - 1].key, g[j].key) > 0; j--) {
			struct group tmp = g[j];

			g[j] = g[j - 1];
			g[j - 1] = tmp;
		}
	t = report_table_new(d, nc, head, numeric);
	for (size_t i = 0; i <= ngroups; i++) {
		const char *row[8];
		const long *c = i < ngroups ? g[i].c : tot;
		size_t o = 0;

		if (i < ngroups) {
			row[o++] = group_region ? report_units_name(un, g[i].key) : g[i].rule;
			if (!group_region)
				row[o++] = g[i].what != NULL ? _(g[i].what) : "";
			snprintf(b[S_COUNT], sizeof b[S_COUNT], "%ld", g[i].n);
		} else {
			row[o++] = _("Total");
			if (!group_region)
				row[o++] = NULL;
			snprintf(b[S_COUNT], sizeof b[S_COUNT], "%zu", cov->n);
		}
		row[o++] = b[S_COUNT];
		if (revision) {
			snprintf(b[0], sizeof b[0], "%ld", c[S_AHEAD]);
			snprintf(b[1], sizeof b[1], "%ld", c[S_MISSING]);
			row[o++] = b[0];
			row[o++] = b[1];
		} else
			for (int s = 0; s < S_COUNT; s++) {
				snprintf(b[s], sizeof b[s], "%ld", c[s]);
				row[o++] = b[s];
			}
		if (i < ngroups)
			report_row(t, row);
		else
			report_total(t, row);
	}
	free(g);
}

static void
section_coverage(struct report_doc *d, const struct rules_findings *cov, int covrc,
    bool revision, bool gov, struct report_units *un)
{
	const char *head[] = { _("Rule"), _("Akim"), _("Target"), _("Period"), _("State") };
	struct report_table *t = NULL;
	char per[64];
	size_t gaps = 0;

	report_section(d, _("Coverage of C-1..C-5"));
	if (covrc != 0) {
		report_para(d, _("The coverage cannot be judged: the office's unit is not an "
		    "akim's unit, or its units are not imported (kezdesu units import FILE)."));
		return;
	}
	if (revision)
		report_para(d, _("Whether the meetings of this revision plan a meeting for every "
		    "target and period that C-1..C-5 require."));
	else
		report_para(d, _("Each target and period that C-1..C-5 require, as of the day this "
		    "document was made: a meeting whose date has passed covers its target only "
		    "when it is marked held."));
	coverage_table(d, cov, revision, gov, un);
	if (gov)
		return;
	for (size_t k = 0; k < cov->n; k++) {
		const struct rules_finding *f = &cov->v[k];
		int s = state_of(f->status);
		const char *row[5];

		if (s == S_HELD || s == S_AHEAD)
			continue;
		if (t == NULL) {
			report_para(d, revision ? _("Targets and periods this revision plans no "
			    "meeting for:") : _("Targets and periods not covered yet:"));
			t = report_table_new(d, 5, head, 0);
		}
		row[0] = f->rule;
		row[1] = report_units_name(un, f->akim);
		row[2] = report_units_name(un, f->target);
		row[3] = period_name(f->year, f->period, per, sizeof per);
		row[4] = state_label(s, revision);
		report_row(t, row);
		gaps++;
	}
	if (gaps == 0 && cov->n > 0)
		report_para(d, _("Every target and period is covered."));
}

/* The calendar's steps with their deadlines (K-1, K-3; G-1), from the calendar record. */
static void
section_approval(struct report_doc *d, const struct calendar *cal,
    const struct rules_findings *dl, bool gov, kz_date today)
{
	static const char *const cal_status[CAL_STATUS_COUNT] = {
		N_("draft, not approved yet"), N_("approved"), N_("approved, the maslikhat "
		"notified"), N_("approved and submitted to the Government"),
	};
	const char *head[] = { _("Step"), _("Deadline"), _("Done on"), _("State") };
	const struct rules_deadline *tab;
	struct report_table *t = NULL;
	size_t nt;
	char d1[64], d2[64], st[128];

	(void)today;
	report_section(d, gov ? _("Submission of the regions' calendars") :
	    _("Approval and submission"));
	if (!gov && cal->status >= 0 && cal->status < CAL_STATUS_COUNT)
		report_kv(d, _("Status of the calendar"), _(cal_status[cal->status]));
	tab = rules_deadline_table(&nt);
	for (size_t k = 0; k < nt; k++) {
		const struct rules_deadline *row = &tab[k];
		const struct rules_finding *f = NULL;
		const char *what, *cells[4];
		kz_date done;

		switch (row->done) {
		case RULES_DONE_APPROVED:
			what = _("The calendar approved (K-1)");
			done = cal->approved_on;
			break;
		case RULES_DONE_NOTIFIED:
			what = _("The maslikhat notified of the approval (K-1)");
			done = cal->notified_on;
			break;
		case RULES_DONE_SUBMITTED:
			what = _("The calendar submitted to the Government (K-3)");
			done = cal->submitted_on;
			break;
		case RULES_DONE_FORWARDED:
			what = _("The regions' calendars submitted to the Administration of the "
			    "President (G-1)");
			done = cal->forwarded_on;
			break;
		default:
			continue;
		}
		for (size_t j = 0; j < dl->n && f == NULL; j++)
			if (dl->v[j].what == row->what)
				f = &dl->v[j];
		/* A step the rules do not ask of this office, and not recorded: not shown. */
		if (f == NULL && done == DATE_NONE)
			continue;
		if (f == NULL)
			snprintf(st, sizeof st, "%s", "—");
		else if (f->status == RULES_OK)
			snprintf(st, sizeof st, "%s", _("on time"));
		else if (f->status == RULES_LATE)
			/* "days: N", not a plural: the same form for any N in every language. */
			snprintf(st, sizeof st, _("done late (days: %d)"), f->days);
		else if (f->status == RULES_OVERDUE)
			snprintf(st, sizeof st, _("overdue (days: %d)"), f->days);
		else if (f->days == 0)
			snprintf(st, sizeof st, "%s", _("due today"));
		else
			snprintf(st, sizeof st, _("pending (days left: %d)"), f->days);
		if (t == NULL)
			t = report_table_new(d, 4, head, 0);
		cells[0] = what;
		cells[1] = f != NULL && f->due != DATE_NONE ? report_date(f->due, d1, sizeof d1) :
		    "—";
		cells[2] = done != DATE_NONE ? report_date(done, d2, sizeof d2) : _("not yet");
		cells[3] = st;
		report_row(t, cells);
	}
	if (t == NULL)
		report_para(d, gov ? _("The submission of the regions' calendars is not recorded "
		    "yet.") : _("No step of the calendar is recorded yet."));
}

static void
section_revisions(struct report_doc *d, const struct calendar *cal)
{
	const char *head[] = { _("No."), _("Date"), _("Reason"), _("Meetings"),
		_("The maslikhat notified") };
	struct report_table *t;

	report_section(d, _("Revisions (K-2)"));
	if (cal->nrevisions == 0) {
		report_para(d, _("The calendar is not approved: it has no revision yet."));
		return;
	}
	t = report_table_new(d, 5, head, REPORT_COL(0) | REPORT_COL(3));
	for (size_t k = 0; k < cal->nrevisions; k++) {
		const struct calendar_revision *r = &cal->revisions[k];
		char no[16], n[24], d1[64], d2[64];
		const char *row[5];

		snprintf(no, sizeof no, "%d", r->number);
		snprintf(n, sizeof n, "%zu", r->nmeetings);
		row[0] = no;
		row[1] = report_date(r->date, d1, sizeof d1);
		row[2] = r->number == 0 ? _("the approval of the calendar") :
		    r->reason != NULL ? r->reason : "";
		row[3] = n;
		row[4] = r->notified_on != DATE_NONE ? report_date(r->notified_on, d2, sizeof d2) :
		    _("not yet");
		report_row(t, row);
	}
}

/* The table of meetings m[0..n), by akim, target and date. */
static void
meetings_table(struct report_doc *d, const struct meeting *m, size_t n, bool revision,
    struct report_units *un)
{
	const char *head[] = { _("No."), _("Akim"), _("Place"), _("Date"), _("Status") };
	struct report_table *t = report_table_new(d, revision ? 4 : 5, head, REPORT_COL(0));

	for (size_t k = 0; k < n; k++) {
		char no[16], date[64];
		const char *row[5];

		snprintf(no, sizeof no, "%zu", k + 1);
		row[0] = no;
		row[1] = report_units_name(un, m[k].akim);
		row[2] = report_units_name(un, m[k].target);
		row[3] = report_date(m[k].date, date, sizeof date);
		row[4] = m[k].status >= 0 && m[k].status < VISIT_STATUS_COUNT ?
		    _(status_labels[m[k].status]) : "";
		report_row(t, row);
	}
}

static void
section_meetings(struct report_doc *d, const struct meeting *m, size_t n, bool revision,
    bool gov, struct report_units *un)
{
	char sub[512], reg[10];
	size_t akims = 0;

	for (size_t k = 0; k < n; k++)
		akims += k == 0 || strcmp(m[k].akim, m[k - 1].akim) != 0;
	if (!gov) {
		report_section(d, _("Meetings by akim and target"));
		report_kvf(d, _("Meetings"), "%zu", n);
		report_kvf(d, _("Akims"), "%zu", akims);
		if (n == 0)
			report_para(d, _("The calendar has no meeting."));
		else
			meetings_table(d, m, n, revision, un);
		return;
	}
	if (n == 0) {
		report_section(d, _("Meetings by akim and target"));
		report_para(d, _("No region's meeting of this year is in this store."));
		return;
	}
	/* The regions' calendars together: the meetings are sorted by akim, so by region. */
	for (size_t k = 0; k < n;) {
		size_t j = k, na = 0;

		region_of(m[k].akim, reg);
		for (; j < n && strncmp(m[j].akim, reg, 2) == 0; j++)
			na += j == k || strcmp(m[j].akim, m[j - 1].akim) != 0;
		snprintf(sub, sizeof sub, _("%s: the calendar"), report_units_name(un, reg));
		report_section(d, sub);
		report_kvf(d, _("Meetings"), "%zu", j - k);
		report_kvf(d, _("Akims"), "%zu", na);
		meetings_table(d, m + k, j - k, revision, un);
		k = j;
	}
}

int
report_calendar(struct store *s, int year, int revision, const char *lang, kz_date today,
    struct report_doc **doc, struct kz_error *e)
{
	struct rules_findings cov = { 0 }, dl = { 0 };
	struct rec_array vs = { 0 };
	struct compliance cp;
	struct calendar cal;
	struct report_units *un;
	struct meeting *m;
	struct report_doc *d;
	struct node nd;
	size_t n = 0;
	bool gov;
	int covrc;
	char title[256], sub[512], d1[64];

	*doc = NULL;
	if (report_lang_valid(lang) != 0)
		return kz_fail(e, KZ_EINVAL, _("language '%s': kk, ru or en"), lang);
	if (node_get(s, &nd, e) != 0 || calendar_get(s, year, &cal, e) != 0)
		return -1;
	gov = unit_is_government(nd.unit);
	if (revision >= 0 && (size_t)revision >= cal.nrevisions) {
		kz_fail(e, KZ_ENOTFOUND, _("calendar %d: there is no revision %d (it has %zu)"),
		    year, revision, cal.nrevisions);
		calendar_free(&cal);
		return -1;
	}
	if (compliance_load(s, date_from_ymd(year, 1, 1), date_from_ymd(year + 1, 1, 1), year,
	    year, &cp, e) != 0) {
		calendar_free(&cal);
		return -1;
	}
	if (revision < 0 && calendar_meetings(s, year, &vs, e) != 0) {
		compliance_free(&cp);
		calendar_free(&cal);
		return -1;
	}
	if (revision >= 0) {
		const struct calendar_revision *r = &cal.revisions[revision];
		struct rules_visit *rv = revision_visits(r, &cp);

		covrc = rules_check_coverage(cp.tree, cp.office, true, year, RULES_MODE_PLANNED,
		    rv, r->nmeetings, &cov);
		free(rv);
		m = xcalloc(r->nmeetings + 1, sizeof *m);
		for (size_t k = 0; k < r->nmeetings; k++) {
			memcpy(m[n].akim, r->meetings[k].akim, sizeof m[n].akim);
			memcpy(m[n].target, r->meetings[k].target, sizeof m[n].target);
			m[n].date = r->meetings[k].date;
			m[n++].status = -1;
		}
	} else {
		covrc = rules_check_coverage_on(cp.tree, cp.office, true, year, today, cp.rv,
		    cp.visits.n, &cov);
		m = xcalloc(vs.n + 1, sizeof *m);
		for (size_t k = 0; k < vs.n; k++) {
			const struct visit *v = (const struct visit *)vs.items + k;

			memcpy(m[n].akim, v->akim, sizeof m[n].akim);
			memcpy(m[n].target, v->target, sizeof m[n].target);
			m[n].date = v->date;
			m[n++].status = v->status;
		}
		rec_array_free(&visit_kind, &vs);
	}
	if (n > 1)
		qsort(m, n, sizeof *m, by_akim);
	compliance_check_dated(&cp, year, today, &dl);

	un = report_units_new(s, report_lang_units(lang));
	report_lang_push(lang);
	snprintf(title, sizeof title, _("Calendar of the akims' meetings with the population "
	    "for %d"), year);
	d = report_doc_new(lang, title);
	report_subtitle(d, report_units_name(un, nd.unit));
	if (revision == 0)
		snprintf(sub, sizeof sub, _("As approved on %s (revision 0)"),
		    report_date(cal.revisions[0].date, d1, sizeof d1));
	else if (revision > 0)
		snprintf(sub, sizeof sub, _("As corrected by revision %d of %s"), revision,
		    report_date(cal.revisions[revision].date, d1, sizeof d1));
	else
		snprintf(sub, sizeof sub, _("As it stands on %s"), report_date(today, d1,
		    sizeof d1));
	report_subtitle(d, sub);
	snprintf(sub, sizeof sub, gov ? _("Prepared under point 5 of Decree No. 826 (G-1) on %s") :
	    _("Prepared under point 2 of Decree No. 826 (K-1, K-3) on %s"),
	    report_date(today, d1, sizeof d1));
	report_subtitle(d, sub);
	section_approval(d, &cal, &dl, gov, today);
	section_coverage(d, &cov, covrc, revision >= 0, gov, un);
	if (!gov)
		section_revisions(d, &cal);
	section_meetings(d, m, n, revision >= 0, gov, un);
	report_lang_pop();
	*doc = d;

	report_units_free(&un);
	free(m);
	rules_findings_free(&cov);
	rules_findings_free(&dl);
	compliance_free(&cp);
	calendar_free(&cal);
	return 0;
}
