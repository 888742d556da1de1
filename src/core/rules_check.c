/*
 * Checks of a year's visits against the coverage table (C-1..C-5), of each visit against
 * the rules about one meeting (U-1, P-4, T-1, M-2, A-3), and the obligations due on a date.
 */
#include "core/rules.h"

#include <stdlib.h>
#include <string.h>

#include "util/xmalloc.h"
#include "util/i18n.h"

struct ivec {
	int	*v;
	size_t	 n, cap;
};

static void
ivec_push(struct ivec *a, int x)
{
	a->v = xgrow(a->v, &a->cap, a->n + 1, sizeof *a->v);
	a->v[a->n++] = x;
}

/* Codes are copied into findings' char[10] from arrays and from literals alike. */
static void
code_copy(char dst[10], const char *src)
{
	size_t n = strnlen(src, UNIT_CODE_LEN);

	memcpy(dst, src, n);
	dst[n] = '\0';
}

static bool
has_akim(const struct rules_tree *t, int i)
{
	return unit_type_has_akim(rules_tree_unit(t, i)->type);
}

/* The akims at and below i, parents before children, children in code order. */
static void
collect_akims(const struct rules_tree *t, int i, struct ivec *out)
{
	const int *c;
	size_t n;

	if (has_akim(t, i))
		ivec_push(out, i);
	c = rules_tree_children(t, i, &n);
	for (size_t k = 0; k < n; k++)
		collect_akims(t, c[k], out);
}

struct root {
	const char	*code;
	int		 i;
};

static int
cmp_root(const void *a, const void *b)
{
	return strcmp(((const struct root *)a)->code, ((const struct root *)b)->code);
}

/* The roots in code order: regions and cities of republican significance, usually. */
static void
collect_roots(const struct rules_tree *t, struct ivec *out)
{
	size_t n = rules_tree_size(t), nr = 0;
	struct root *r = xmalloc((n ? n : 1) * sizeof *r);

	for (size_t i = 0; i < n; i++)
		if (rules_tree_parent(t, (int)i) < 0) {
			r[nr].code = rules_tree_unit(t, (int)i)->code;
			r[nr++].i = (int)i;
		}
	qsort(r, nr, sizeof *r, cmp_root);
	for (size_t k = 0; k < nr; k++)
		ivec_push(out, r[k].i);
	free(r);
}

/*
 * Interpretation: whether a visit can count for a rule at all, before asking where and
 * when it was. Cancelled covers nothing; a moved meeting carries its new date and counts
 * like a planned one; an unscheduled meeting (U-1) is a meeting with the population like
 * any other, so it counts on the rule's own terms: for C-1..C-4 only as a field meeting,
 * for C-5 (no field meeting required) also when it is not one.
 */
static bool
visit_counts(const struct rules_visit *v, const struct rules_coverage *r, enum rules_mode mode)
{
	switch (v->status) {
	case RULES_CANCELLED:
		return false;
	case RULES_HELD:
		break;
	case RULES_PLANNED:
	case RULES_ANNOUNCED:
	case RULES_MOVED:
		if (mode == RULES_MODE_HELD)
			return false;
		break;
	default:
		return false;
	}
	if (v->date == DATE_NONE)
		return false;
	if (r->field && !v->field)
		return false;
	return true;
}

/* What the meetings of one target and period are, by state: the earliest and how many. */
struct tally {
	kz_date	 first[3];
	int	 visit[3], n[3];
};

enum { T_HELD, T_AHEAD, T_PAST };

static void
tally_add(struct tally *t, int state, const struct rules_visit *v)
{
	if (t->n[state]++ == 0 || v->date < t->first[state]) {
		t->first[state] = v->date;
		t->visit[state] = v->id;
	}
}

/*
 * Interpretation (RULES.md, under C-1..C-5): a past date covers only when the meeting is
 * marked held; a meeting still planned on its day is not past yet (it may be this
 * afternoon); a period still running is open, not missing.
 */
static void
tally_finding(const struct tally *t, kz_date today, struct rules_finding *f)
{
	static const enum rules_status states[3] = { RULES_COV_HELD, RULES_COV_PLANNED,
		RULES_COV_PAST };

	for (int s = 0; s < 3; s++)
		if (t->n[s] > 0) {
			f->status = states[s];
			f->visit = t->visit[s];
			f->value = t->n[s];
			return;
		}
	f->status = today <= f->due ? RULES_COV_OPEN : RULES_MISSING;
}

/* today DATE_NONE: OK or MISSING by mode; else the five states of rules_check_coverage_on. */
static int
coverage(const struct rules_tree *t, const char *akim, bool subtree, int year,
    enum rules_mode mode, kz_date today, const struct rules_visit *visits, size_t nvisits,
    struct rules_findings *out)
{
	struct ivec akims = { 0 }, roots = { 0 };
	size_t ntree = rules_tree_size(t);
	int *vakim, *first, *byakim, *slot;
	struct tally *tl = NULL;
	size_t ntl = 0;

	memset(out, 0, sizeof *out);
	if (today != DATE_NONE)
		mode = RULES_MODE_PLANNED;	/* every meeting not cancelled, sorted below */
	if (akim == NULL) {
		collect_roots(t, &roots);
		for (size_t k = 0; k < roots.n; k++)
			collect_akims(t, roots.v[k], &akims);
		free(roots.v);
	} else {
		int i = rules_tree_find(t, akim);

		/* The Government has no akim; its subtree is every akim of the republic. */
		if (i < 0 || !(has_akim(t, i) || (subtree &&
		    rules_tree_unit(t, i)->type == UNIT_GOVERNMENT)))
			return -1;
		if (subtree)
			collect_akims(t, i, &akims);
		else
			ivec_push(&akims, i);
	}

	/* Visits grouped by their akim's index: byakim[first[a] .. first[a + 1]). */
	vakim = xmalloc((nvisits ? nvisits : 1) * sizeof *vakim);
	first = xcalloc(ntree + 2, sizeof *first);
	for (size_t v = 0; v < nvisits; v++) {
		vakim[v] = rules_tree_find(t, visits[v].akim);
		if (vakim[v] >= 0)
			first[vakim[v] + 1]++;
	}
	for (size_t i = 0; i < ntree; i++)
		first[i + 1] += first[i];
	byakim = xmalloc((nvisits ? nvisits : 1) * sizeof *byakim);
	{
		int *fill = xcalloc(ntree + 1, sizeof *fill);

		for (size_t v = 0; v < nvisits; v++)
			if (vakim[v] >= 0)
				byakim[first[vakim[v]] + fill[vakim[v]]++] = (int)v;
		free(fill);
	}

	slot = xmalloc((ntree ? ntree : 1) * sizeof *slot);
	for (size_t i = 0; i < ntree; i++)
		slot[i] = -1;

	for (size_t k = 0; k < akims.n; k++) {
		int a = akims.v[k];
		const struct rules_unit *au = rules_tree_unit(t, a);
		struct rules_targets tg;
		const struct rules_coverage *r;
		enum rules_period periods[2];
		size_t nper, base;

		if (rules_targets(t, au->code, &tg) != 0)
			continue;
		r = tg.rule;
		nper = r->half_year ? 2 : 1;
		periods[0] = r->half_year ? RULES_H1 : RULES_YEAR;
		periods[1] = RULES_H2;
		base = out->n;
		tl = xgrow(tl, &ntl, tg.n * nper, sizeof *tl);
		memset(tl, 0, tg.n * nper * sizeof *tl);
		for (size_t j = 0; j < tg.n; j++) {
			slot[rules_tree_find(t, tg.v[j]->code)] = (int)j;
			for (size_t p = 0; p < nper; p++) {
				struct rules_finding *f = rules_findings_add(out);
				kz_date from;

				f->rule = r->id;
				f->what = r->what;
				f->status = RULES_MISSING;
				code_copy(f->akim, au->code);
				code_copy(f->target, tg.v[j]->code);
				f->year = year;
				f->period = periods[p];
				rules_period_range(year, periods[p], &from, &f->due);
			}
		}

		for (int x = first[a]; x < first[a + 1]; x++) {
			const struct rules_visit *v = &visits[byakim[x]];
			int y, m, d, node, state;
			size_t p;

			if (!visit_counts(v, r, mode))
				continue;
			date_to_ymd(v->date, &y, &m, &d);
			if (y != year)
				continue;
			p = r->half_year && m > 6 ? 1 : 0;
			/* A meeting at a place inside a target counts for that target. */
			node = rules_tree_find(t, v->target);
			while (node >= 0 && slot[node] < 0 && node != a)
				node = rules_tree_parent(t, node);
			if (node < 0 || slot[node] < 0)
				continue;
			/* Without a day, every meeting that counts in mode is one state. */
			state = today == DATE_NONE || v->status == RULES_HELD ? T_HELD :
			    v->date >= today ? T_AHEAD : T_PAST;
			tally_add(&tl[(size_t)slot[node] * nper + p], state, v);
		}

		for (size_t j = 0; j < tg.n * nper; j++) {
			struct rules_finding *f = &out->v[base + j];

			if (today != DATE_NONE)
				tally_finding(&tl[j], today, f);
			else if (tl[j].n[T_HELD] > 0) {
				f->status = RULES_OK;
				f->visit = tl[j].visit[T_HELD];
				f->value = tl[j].n[T_HELD];
			}
		}
		for (size_t j = 0; j < tg.n; j++)
			slot[rules_tree_find(t, tg.v[j]->code)] = -1;
		rules_targets_free(&tg);
	}

	free(tl);
	free(slot);
	free(byakim);
	free(first);
	free(vakim);
	free(akims.v);
	return 0;
}

int
rules_check_coverage(const struct rules_tree *t, const char *akim, bool subtree, int year,
    enum rules_mode mode, const struct rules_visit *visits, size_t nvisits,
    struct rules_findings *out)
{
	return coverage(t, akim, subtree, year, mode, DATE_NONE, visits, nvisits, out);
}

int
rules_check_coverage_on(const struct rules_tree *t, const char *akim, bool subtree, int year,
    kz_date today, const struct rules_visit *visits, size_t nvisits,
    struct rules_findings *out)
{
	if (today == DATE_NONE) {
		memset(out, 0, sizeof *out);
		return -1;
	}
	return coverage(t, akim, subtree, year, RULES_MODE_PLANNED, today, visits, nvisits,
	    out);
}

bool
rules_coverage_covered(enum rules_status s, enum rules_mode mode)
{
	return s == RULES_OK || s == RULES_COV_HELD ||
	    (mode == RULES_MODE_PLANNED && s == RULES_COV_PLANNED);
}

/* ---- One visit -------------------------------------------------------------------- */

/* The row of a rule for an akim's type; UNIT_TYPE_COUNT: the first row of that rule. */
static const struct rules_deadline *
deadline_row(const char *id, enum unit_type akim)
{
	const struct rules_deadline *d;
	size_t n;

	d = rules_deadline_table(&n);
	for (size_t i = 0; i < n; i++)
		if (strcmp(d[i].id, id) == 0 &&
		    ((unsigned)akim >= UNIT_TYPE_COUNT || (d[i].akims & RULES_T(akim))))
			return &d[i];
	return NULL;
}

static int
year_of(kz_date date)
{
	int y, m, d;

	date_to_ymd(date, &y, &m, &d);
	return y;
}

static struct rules_finding *
visit_finding(struct rules_findings *out, const struct rules_visit *v, const char *rule,
    const char *what)
{
	struct rules_finding *f = rules_findings_add(out);

	f->rule = rule;
	f->what = what;
	code_copy(f->akim, v->akim);
	code_copy(f->target, v->target);
	f->visit = v->id;
	if (v->date != DATE_NONE) {
		f->year = year_of(v->date);
		f->period = rules_half_of(v->date);
	}
	return f;
}

/* The status of something due on `due`, done on `done` (DATE_NONE: not yet). */
static void
deadline_status(struct rules_finding *f, kz_date due, kz_date done, kz_date today)
{
	f->due = due;
	if (done != DATE_NONE) {
		f->status = done <= due ? RULES_OK : RULES_LATE;
		f->days = done <= due ? 0 : done - due;
	} else if (today > due) {
		f->status = RULES_OVERDUE;
		f->days = today - due;
	} else {
		f->status = RULES_PENDING;
		f->days = due - today;
	}
}

static void
check_p4(const struct rules_tree *t, const struct rules_visit *v, kz_date today,
    struct rules_findings *out)
{
	const struct rules_deadline *row;
	struct rules_finding *f;
	int i, need;

	if (t == NULL || (i = rules_tree_find(t, v->akim)) < 0)
		return;
	need = rules_announce_days(rules_tree_unit(t, i)->type);
	row = deadline_row("P-4", rules_tree_unit(t, i)->type);
	if (need < 0 || row == NULL || v->date == DATE_NONE)
		return;
	f = visit_finding(out, v, row->id, row->what);
	deadline_status(f, v->date - need, v->announced_on, today);
	/*
	 * Notice never given for a meeting already held or past cannot be given any more;
	 * a meeting marked announced without the day cannot be shown to be on time.
	 */
	if (v->announced_on == DATE_NONE && (v->status == RULES_HELD ||
	    v->status == RULES_ANNOUNCED || today > v->date)) {
		f->status = RULES_MISSING;
		f->days = 0;
	}
}

/* M-2's notice: the four categories neither invited (visit's invited) nor present. */
#define M2_BROAD_WHAT N_("maslikhat deputies, parties, public organisations or the " \
	"opposition neither invited nor present")

/* the later of the meeting and its last reception, plus 10 calendar days. */
static kz_date
a3_due(const struct rules_visit *v)
{
	const struct rules_deadline *row = deadline_row("A-3", UNIT_TYPE_COUNT);
	kz_date end = v->date;

	if (v->receptions_end != DATE_NONE && v->receptions_end > end)
		end = v->receptions_end;
	return end + row->days;
}

/*
 * M-1: a meeting not cancelled whose date is before today and that is not marked held:
 * it was held and not recorded, or not held; either way the office must say which. A
 * moved meeting carries its new date.
 */
static bool
past_not_held(const struct rules_visit *v, kz_date today)
{
	return v->status != RULES_HELD && v->status != RULES_CANCELLED &&
	    v->date != DATE_NONE && v->date < today;
}

void
rules_check_visits(const struct rules_tree *t, const struct rules_visit *visits,
    size_t nvisits, kz_date today, struct rules_findings *out)
{
	const struct rules_deadline *t1 = deadline_row("T-1", UNIT_TYPE_COUNT);
	const struct rules_deadline *a3 = deadline_row("A-3", UNIT_TYPE_COUNT);

	memset(out, 0, sizeof *out);
	for (size_t k = 0; k < nvisits; k++) {
		const struct rules_visit *v = &visits[k];
		struct rules_finding *f;

		if (v->status == RULES_CANCELLED)
			continue;
		if (past_not_held(v, today)) {
			f = visit_finding(out, v, RULES_PAST_NOT_HELD_RULE,
			    RULES_PAST_NOT_HELD_WHAT);
			deadline_status(f, v->date, DATE_NONE, today);
		}
		if (v->unscheduled) {
			f = visit_finding(out, v, "U-1",
			    "an unscheduled meeting has its reason recorded");
			f->status = v->has_reason ? RULES_OK : RULES_MISSING;
		} else {
			/*
			 * Interpretation: P-4's notice applies to calendar meetings; one held
			 * at the population's request or when necessary (U-1) often cannot
			 * wait 7 or 14 days.
			 */
			check_p4(t, v, today, out);
		}
		if (v->status != RULES_HELD)
			continue;

		f = visit_finding(out, v, t1->id, t1->what);
		f->value = v->report_min;
		f->limit = v->planned_min;
		if (v->planned_min <= 0 || v->report_min < 0)
			f->status = RULES_MISSING;
		else if ((long long)v->report_min * t1->den <= (long long)v->planned_min * t1->num)
			f->status = RULES_OK;
		else
			f->status = RULES_OVER;

		f = visit_finding(out, v, "M-2", "attendance recorded by category");
		f->status = v->attendance_recorded ? RULES_OK : RULES_MISSING;
		/*
		 * M-2 asks for a broad audience: maslikhat deputies, parties, public
		 * organisations, the opposition. The office records who came (attendance) and
		 * whom it invited; a meeting where none of the four was present and none was
		 * invited gets a notice (MISSING) for the office to answer. Inviting them is
		 * what the office can do: one invited who did not come is no breach. Without
		 * attendance the finding above already says MISSING.
		 */
		if (v->no_broad_audience && !v->broad_invited) {
			f = visit_finding(out, v, "M-2", M2_BROAD_WHAT);
			f->status = RULES_MISSING;
		}

		if (v->date != DATE_NONE) {
			f = visit_finding(out, v, a3->id, a3->what);
			deadline_status(f, a3_due(v), v->published_on, today);
		}
	}
}

/* ---- Before the meeting (P-1..P-3) ------------------------------------------------ */

/*
 * Interpretation (P-3): the decree lists where the public is informed («в том числе»: the
 * list is not closed, so other mass media count too); a meeting recorded as announced with
 * no channel cannot show that it was. A channel written as free text before the list
 * existed (an older store) is a channel recorded.
 */
#define P3_WHAT N_("the announcement's channels recorded (P-3: print, radio, web, e-government, " \
	"open data, social accounts, public places)")
/*
 * Interpretation (P-2): requests and proposals are collected before every calendar
 * meeting; a held one with none recorded in its pool gets a notice (MISSING) for the
 * office to answer, as M-2's does: a village may send none. Unscheduled meetings (U-1),
 * called at the population's request, have no pool of their own.
 */
#define P2_WHAT N_("requests and proposals collected before the meeting (P-2: the pool)")

void
rules_check_prep(const struct rules_visit *visits, size_t nvisits, struct rules_findings *out)
{
	for (size_t k = 0; k < nvisits; k++) {
		const struct rules_visit *v = &visits[k];
		struct rules_finding *f;

		if (v->status == RULES_CANCELLED)
			continue;
		if (v->announced_on != DATE_NONE) {
			f = visit_finding(out, v, "P-3", P3_WHAT);
			f->status = v->channels_recorded ? RULES_OK : RULES_MISSING;
		}
		if (v->status == RULES_HELD && !v->unscheduled) {
			f = visit_finding(out, v, "P-2", P2_WHAT);
			f->value = v->requests;
			f->status = v->requests > 0 ? RULES_OK : RULES_MISSING;
		}
	}
}

/*
 * Interpretation (P-2, «до проведения встреч»): requests are collected before the meeting;
 * one that came after it is a question for a later meeting, so a request may come on the
 * meeting's day at the latest. A meeting with no date yet takes any.
 */
bool
rules_request_in_time(kz_date came, kz_date meeting)
{
	return meeting == DATE_NONE || came <= meeting;
}

/* P-1's line, by the RULES_P1_* bits the commission lacks. */
static const char *const p1_what[4] = {
	N_("the commission collecting requests has members of community assemblies and public "
	    "councils (P-1)"),
	N_("form the commission before the meeting: no member of a community assembly (P-1)"),
	N_("form the commission before the meeting: no member of a public council (P-1)"),
	N_("form the commission before the meeting: no member of a community assembly nor of a "
	    "public council (P-1)"),
};

static const struct rules_done *done_for(const struct rules_due_ctx *c, int year);

/*
 * The earliest meeting of the office's own akim in year, not cancelled, with its date on
 * or after from (DATE_NONE: any) and, with ahead, not held yet. Interpretation (P-1): the
 * commission recorded in a store is its office's; the akims below keep theirs in their own
 * stores, so only the office's own meetings need it.
 */
static const struct rules_visit *
p1_first_meeting(const struct rules_due_ctx *c, int year, kz_date from, bool ahead)
{
	const struct rules_visit *first = NULL;

	for (size_t k = 0; k < c->nvisits; k++) {
		const struct rules_visit *v = &c->visits[k];

		if (v->status == RULES_CANCELLED || v->date == DATE_NONE ||
		    year_of(v->date) != year || strncmp(v->akim, c->office_code, 9) != 0 ||
		    (from != DATE_NONE && v->date < from) || (ahead && v->status == RULES_HELD))
			continue;
		if (first == NULL || v->date < first->date)
			first = v;
	}
	return first;
}

static unsigned
p1_lacking(const struct rules_due_ctx *c, int year)
{
	const struct rules_done *d = done_for(c, year);

	return RULES_P1_BOTH & ~(d != NULL ? d->commission : 0u);
}

static struct rules_finding *
p1_finding(struct rules_findings *out, const struct rules_due_ctx *c, int year, unsigned lack,
    const struct rules_visit *first)
{
	struct rules_finding *f = rules_findings_add(out);

	f->rule = "P-1";
	f->what = p1_what[lack];
	code_copy(f->akim, c->office_code);
	f->year = year;
	f->value = (int)lack;
	if (first != NULL) {
		f->visit = first->id;
		f->due = first->date;
		f->period = rules_half_of(first->date);
	}
	return f;
}

/*
 * Interpretation (P-1): the decree asks for the commission «до проведения встреч», with
 * members of community assemblies and public councils among its members; the period is
 * the calendar year. It is owed by the year's first meeting; the store keeps who sits on
 * it now, not since when, so members recorded later make the year OK.
 */
void
rules_check_commission(int year, kz_date today, const struct rules_due_ctx *c,
    struct rules_findings *out)
{
	const struct rules_visit *first;
	struct rules_finding *f;
	unsigned lack;

	if (c->government || c->office_code[0] == '\0')
		return;
	lack = p1_lacking(c, year);
	first = p1_first_meeting(c, year, DATE_NONE, false);
	f = p1_finding(out, c, year, lack, first);
	if (lack == 0) {
		f->status = RULES_OK;
	} else if (first != NULL ? first->date >= today : today <= date_from_ymd(year, 12, 31)) {
		f->status = RULES_PENDING;
		f->days = first != NULL ? first->date - today : 0;
	} else {
		f->status = RULES_MISSING;
	}
}

/* ---- Obligations due -------------------------------------------------------------- */

static const struct rules_done *
done_for(const struct rules_due_ctx *c, int year)
{
	for (size_t i = 0; i < c->ndone; i++)
		if (c->done[i].year == year)
			return &c->done[i];
	return NULL;
}

static kz_date
done_date(const struct rules_done *d, enum rules_done_field field, int which)
{
	if (d == NULL)
		return DATE_NONE;
	switch (field) {
	case RULES_DONE_APPROVED:
		return d->approved;
	case RULES_DONE_NOTIFIED:
		return d->notified;
	case RULES_DONE_SUBMITTED:
		return d->submitted;
	case RULES_DONE_FORWARDED:
		return d->forwarded;
	case RULES_DONE_COLLECTED:
		return d->collected[which];
	case RULES_DONE_QUARTERLY:
		return d->quarterly[which];
	case RULES_DONE_NONE:
		break;
	}
	return DATE_NONE;
}

struct window {
	kz_date	 today, lo, hi;
};

static struct rules_finding *
add_due(struct rules_findings *out, const struct window *w, const struct rules_deadline *row,
    const char *akim, kz_date due)
{
	struct rules_finding *f = rules_findings_add(out);

	f->rule = row->id;
	f->what = row->what;
	code_copy(f->akim, akim);
	deadline_status(f, due, DATE_NONE, w->today);
	return f;
}

/* The Government's rows are its own; an office's are those of its akim's level. */
static bool
row_is_mine(const struct rules_deadline *row, const struct rules_due_ctx *c)
{
	if (row->government)
		return c->government;
	return (unsigned)c->office < UNIT_TYPE_COUNT && (row->akims & RULES_T(c->office));
}

/* quarter q (1..4) of year y, by the 25th of the month after it (Q4 in January). */
static kz_date
quarter_due(const struct rules_deadline *row, int y, int q)
{
	return q < 4 ? date_from_ymd(y, 3 * q + 1, row->day) :
	    date_from_ymd(y + 1, 1, row->day);
}

/*
 * The dated rows of the table: K-1 and K-3 of a region's or a city's office, A-4 of every
 * akim's, G-1 and G-2 of the Government's. A step done late stays listed as LATE (days late) while its deadline is in the window,
 * so that it leaves a trace (issue 7: a calendar submitted on 21 January must not simply
 * disappear); a step done on time is no longer owed and is not listed.
 */
static void
due_dated(const struct rules_deadline *row, const struct rules_due_ctx *c,
    const struct window *w, int ylo, int yhi, struct rules_findings *out)
{
	struct rules_finding *f;
	kz_date due, done;

	if (row->kind == RULES_DL_DATE) {
		/* y is the year concerned; its deadline may fall in the next one (G-2). */
		for (int y = ylo - row->year_after; y <= yhi - row->year_after; y++)
			for (int k = 0; k < 2; k++) {
				if (row->month[k] == 0)
					continue;
				due = rules_deadline_date(row, y + row->year_after, k);
				done = done_date(done_for(c, y), row->done, k);
				if (due < w->lo || due > w->hi ||
				    (done != DATE_NONE && done <= due))
					continue;
				f = add_due(out, w, row, c->office_code,
				    due);
				deadline_status(f, due, done, w->today);
				f->year = y;
			}
		return;
	}
	/* QUARTERLY: the quarter's year is the year concerned, Q4 falls due in January. */
	for (int y = ylo - 1; y <= yhi; y++)
		for (int q = 1; q <= 4; q++) {
			due = quarter_due(row, y, q);
			done = done_date(done_for(c, y), row->done, q - 1);
			if (due < w->lo || due > w->hi || (done != DATE_NONE && done <= due))
				continue;
			f = add_due(out, w, row, c->office_code, due);
			deadline_status(f, due, done, w->today);
			f->year = y;
			f->quarter = q;
		}
}

/* add_due takes a table row; M-1's is not a deadline of the table. */
static const struct rules_deadline past_row = {
	.id = RULES_PAST_NOT_HELD_RULE, .kind = RULES_DL_DATE, .what = RULES_PAST_NOT_HELD_WHAT,
};

/*
 * the action plan is published "with concrete deadlines", so each is a promise the
 * office owes. An open one stays listed once overdue however long ago (unlike the yearly
 * obligations, it does not lapse); one with no deadline is owed a deadline (MISSING).
 */
static void
due_issues(const struct rules_due_ctx *c, const struct window *w, struct rules_findings *out)
{
	static const struct rules_deadline issue_row = {
		.id = "A-3", .kind = RULES_DL_DATE,
		.what = N_("the problem issue is solved by its deadline (A-3: the published plan)"),
	};
	static const struct rules_deadline step_row = {
		.id = "A-3", .kind = RULES_DL_DATE,
		.what = N_("the action plan's step is done by its deadline (A-3)"),
	};
	static const struct rules_deadline none_row = {
		.id = "A-3", .kind = RULES_DL_DATE,
		.what = N_("the problem issue has no deadline: A-3 publishes concrete deadlines"),
	};

	for (size_t k = 0; k < c->nissues; k++) {
		const struct rules_issue *is = &c->issues[k];
		struct rules_finding *f;

		if (is->deadline == DATE_NONE) {
			if (is->step >= 0)
				continue;	/* the issue's own deadline stands for it */
			f = rules_findings_add(out);
			f->rule = none_row.id;
			f->what = none_row.what;
			f->status = RULES_MISSING;
			code_copy(f->akim, c->office_code);
		} else {
			if (is->deadline > w->hi)
				continue;
			f = add_due(out, w, is->step >= 0 ? &step_row : &issue_row,
			    c->office_code, is->deadline);
			f->year = year_of(is->deadline);
			f->period = rules_half_of(is->deadline);
		}
		code_copy(f->target, is->unit);
		f->issue = is->id;
		f->step = is->step;
		f->recorded = true;
	}
}

static void
due_visits(const struct rules_due_ctx *c, const struct window *w, struct rules_findings *out)
{
	for (size_t k = 0; k < c->nvisits; k++) {
		const struct rules_visit *v = &c->visits[k];
		const struct rules_deadline *row;
		struct rules_finding *f;
		kz_date due, done;
		int i;

		if (v->date == DATE_NONE || v->status == RULES_CANCELLED)
			continue;
		if (past_not_held(v, w->today)) {
			if (v->date >= w->lo) {
				f = add_due(out, w, &past_row, v->akim, v->date);
				code_copy(f->target, v->target);
				f->visit = v->id;
				f->recorded = true;
				f->year = year_of(v->date);
				f->period = rules_half_of(v->date);
			}
			continue;
		}
		if (v->status == RULES_HELD) {
			row = deadline_row("A-3", UNIT_TYPE_COUNT);
			due = a3_due(v);
			done = v->published_on;
		} else {
			/*
			 * Notice is owed for a calendar meeting still ahead (see check_p4); one
			 * given late is listed late while the meeting is ahead.
			 */
			if (v->unscheduled || v->date < w->today ||
			    (v->announced_on == DATE_NONE && v->status == RULES_ANNOUNCED) ||
			    c->tree == NULL || (i = rules_tree_find(c->tree, v->akim)) < 0)
				continue;
			row = deadline_row("P-4", rules_tree_unit(c->tree, i)->type);
			if (row == NULL)
				continue;
			due = v->date - row->days;
			done = v->announced_on;
		}
		if (due < w->lo || due > w->hi || (done != DATE_NONE && done <= due))
			continue;
		f = add_due(out, w, row, v->akim, due);
		deadline_status(f, due, done, w->today);
		code_copy(f->target, v->target);
		f->visit = v->id;
		f->year = year_of(v->date);
		f->period = rules_half_of(v->date);
	}
}

struct seq {
	kz_date	 due;
	size_t	 i;
};

static int
cmp_seq(const void *a, const void *b)
{
	const struct seq *x = a, *y = b;

	if (x->due != y->due)
		return x->due < y->due ? -1 : 1;
	return (x->i > y->i) - (x->i < y->i);
}

/*
 * K-2: «с последующим уведомлением маслихата» sets no term, so a revision is owed its
 * notice from its own day (PENDING then, OVERDUE by the days since) until the notice is
 * recorded, however long ago (RULES.md K-2: open until it is notified). Like an issue's
 * deadline it is the store's own record, so it does not lapse.
 */
static struct rules_finding *
add_revision(struct rules_findings *out, const struct rules_due_ctx *c,
    const struct rules_revision *r, kz_date today)
{
	static const char what[] = "notify the maslikhat of the calendar's revision (K-2)";
	struct rules_finding *f = rules_findings_add(out);

	f->rule = "K-2";
	f->what = what;
	f->recorded = true;
	code_copy(f->akim, c->office_code);
	f->year = r->year;
	f->step = r->number;
	deadline_status(f, r->date, DATE_NONE, today);
	if (r->notified != DATE_NONE) {
		f->status = RULES_OK;
		f->days = 0;
	}
	return f;
}

void
rules_check_dated(int year, kz_date today, const struct rules_due_ctx *c,
    struct rules_findings *out)
{
	const struct rules_deadline *rows;
	const struct rules_done *d = done_for(c, year);
	size_t nrows;

	memset(out, 0, sizeof *out);
	rows = rules_deadline_table(&nrows);
	for (size_t r = 0; r < nrows; r++) {
		const struct rules_deadline *row = &rows[r];
		int n = row->kind == RULES_DL_QUARTERLY ? 4 : row->kind == RULES_DL_DATE ? 2 : 0;

		if (!row_is_mine(row, c))
			continue;
		for (int k = 0; k < n; k++) {
			struct rules_finding *f;
			kz_date due;

			if (row->kind == RULES_DL_DATE && row->month[k] == 0)
				continue;
			due = row->kind == RULES_DL_QUARTERLY ? quarter_due(row, year, k + 1) :
			    rules_deadline_date(row, year + row->year_after, k);
			f = rules_findings_add(out);
			f->rule = row->id;
			f->what = row->what;
			code_copy(f->akim, c->office_code);
			f->year = year;
			f->quarter = row->kind == RULES_DL_QUARTERLY ? k + 1 : 0;
			deadline_status(f, due, done_date(d, row->done, k), today);
		}
	}
	for (size_t i = 0; i < c->nrevisions; i++)
		if (c->revisions[i].year == year)
			add_revision(out, c, &c->revisions[i], today);
}

/*
 * The years whose struct rules_done rules_due reads on today: those of the window and the
 * year before its first, as A-4 of Q4 falls due in the January after its year and G-2
 * in the year after its reporting year (due_dated's loops). A caller that passes fewer
 * makes a step recorded as done look owed again (A-4 of Q4 after New Year).
 */
void
rules_due_years(kz_date today, int ahead, int *y0, int *y1)
{
	int m, d;

	date_to_ymd(today - RULES_DUE_BEHIND, y0, &m, &d);
	date_to_ymd(today + (ahead > 0 ? ahead : RULES_DUE_AHEAD), y1, &m, &d);
	*y0 -= 1;
}

/* P-1 in due: a meeting of the office's akim ahead, in the window, with no commission yet. */
static void
due_commission(const struct rules_due_ctx *c, const struct window *w, int ylo, int yhi,
    struct rules_findings *out)
{
	if (!c->commission || c->government || c->office_code[0] == '\0')
		return;
	for (int y = ylo; y <= yhi; y++) {
		const struct rules_visit *first;
		struct rules_finding *f;
		unsigned lack = p1_lacking(c, y);

		if (lack == 0 || (first = p1_first_meeting(c, y, w->today, true)) == NULL ||
		    first->date > w->hi)
			continue;
		f = p1_finding(out, c, y, lack, first);
		f->status = RULES_PENDING;
		f->days = first->date - w->today;
		code_copy(f->target, first->target);
	}
}

/* ---- After the meetings: B-1, A-1 (per meeting), A-2, G-3 (due) ------------------ */

#define B1_WHAT N_("broadcast online where technically possible, comments open (B-1)")
#define B1_CLOSED_WHAT N_("the broadcast's comments were closed to the population (B-1)")
#define B1_UNSAID_WHAT N_("the broadcast is recorded, but not whether its comments were " \
	"open (B-1: visit set --comments open|closed)")
#define A1_WHAT N_("a personal reception of citizens after the meeting (A-1)")

/*
 * Interpretation (B-1): "where technically possible" makes a broadcast owed unless the
 * office records why it was not possible; a recorded reason is as good as a broadcast.
 * Comments closed, or not recorded either way, is a notice of its own: the decree asks
 * for commenting open to the population.
 * Interpretation: the decree sets no term for the receptions; A-3 publishes the
 * results ten days after "the meetings and receptions", so a meeting held is owed its
 * reception by its A-3 date (counted from the meeting alone, as none is recorded): pending
 * until then, missing (overdue in due) after. In due it is listed, as A-3 of a meeting,
 * while its day is within the year behind; a reception withdrawn counts for nothing.
 */
void
rules_check_b1_a1(const struct rules_visit *visits, size_t nvisits, kz_date today,
    struct rules_findings *out)
{
	for (size_t k = 0; k < nvisits; k++) {
		const struct rules_visit *v = &visits[k];
		struct rules_finding *f;

		if (v->status != RULES_HELD)
			continue;
		f = visit_finding(out, v, "B-1", B1_WHAT);
		f->status = v->broadcast || v->no_broadcast ? RULES_OK : RULES_MISSING;
		if (v->broadcast && v->comments != 1) {
			f = visit_finding(out, v, "B-1", v->comments == 2 ? B1_CLOSED_WHAT :
			    B1_UNSAID_WHAT);
			f->status = RULES_MISSING;
		}
		if (v->date == DATE_NONE)
			continue;
		f = visit_finding(out, v, "A-1", A1_WHAT);
		if (v->receptions > 0)
			f->status = RULES_OK;
		else {
			deadline_status(f, a3_due(v), DATE_NONE, today);
			if (f->status == RULES_OVERDUE) {
				f->status = RULES_MISSING;
				f->days = 0;
			}
		}
	}
}

/* The last quarter ended before today: its year and number (1..4). */
static void
last_quarter(kz_date today, int *y, int *q)
{
	int m, d;

	date_to_ymd(today, y, &m, &d);
	*q = (m - 1) / 3;
	if (*q == 0) {
		*q = 4;
		(*y)--;
	}
}

/*
 * Interpretation (G-3): "update quarterly" sets no day; the Government's store owes each
 * open issue in central competence a progress note for the last quarter ended by the
 * same day as A-4, the 25th of the month after it. An issue recorded after that quarter
 * ended owes nothing for it; a note of a later quarter covers it.
 * Interpretation: the list is for the next session; once its day has passed, the
 * session's decision is owed to the record (OVERDUE) however long ago, like an issue's
 * deadline. An issue that needs financing and has no session date set is not listed
 * here (kezdesu financing shows it). A decision is recorded with the date of the session
 * that took it, a session on or before today (issue.c refuses it otherwise), so a decision
 * answers the session it names. Only open issues are owed one.
 * Interpretation (G-3): an issue's central body names whose competence it is, so it is
 * given only to an issue of level central (naming one on issue add|set makes it central);
 * resolved, explained and rejected issues owe no further progress.
 */
static void
due_after(const struct rules_due_ctx *c, const struct window *w, struct rules_findings *out)
{
	static const struct rules_deadline a1_row = {
		.id = "A-1", .kind = RULES_DL_AFTER, .what = A1_WHAT,
	};
	struct rules_finding *f;

	for (size_t k = 0; k < c->nvisits; k++) {
		const struct rules_visit *v = &c->visits[k];
		kz_date due;

		if (v->status != RULES_HELD || v->date == DATE_NONE || v->receptions > 0)
			continue;
		due = a3_due(v);
		if (due < w->lo || due > w->hi)
			continue;
		f = add_due(out, w, &a1_row, v->akim, due);
		code_copy(f->target, v->target);
		f->visit = v->id;
		f->year = year_of(v->date);
		f->period = rules_half_of(v->date);
	}
}

/* A-2 and G-3: what the open issues owe after the meetings (see due_after). */
static void
due_after_issues(const struct rules_due_ctx *c, const struct window *w,
    struct rules_findings *out)
{
	static const struct rules_deadline a2_row = {
		.id = "A-2", .kind = RULES_DL_DATE,
		.what = N_("record the maslikhat's decision on financing the issue (A-2)"),
	};
	static const struct rules_deadline g3_row = {
		.id = "G-3", .kind = RULES_DL_QUARTERLY,
		.what = N_("progress of the issue in central competence, updated quarterly (G-3)"),
	};
	const struct rules_deadline *a4 = deadline_row("A-4", UNIT_TYPE_COUNT);
	struct rules_finding *f;

	for (size_t k = 0; k < c->nfinancing; k++) {
		const struct rules_financing *fi = &c->financing[k];

		if (fi->session == DATE_NONE || fi->session > w->hi)
			continue;
		f = add_due(out, w, &a2_row, c->office_code, fi->session);
		code_copy(f->target, fi->unit);
		f->issue = fi->id;
		f->year = year_of(fi->session);
		f->period = rules_half_of(fi->session);
		f->recorded = true;
	}
	if (c->government && a4 != NULL) {
		int y, q;
		kz_date end, due;

		last_quarter(w->today, &y, &q);
		end = q < 4 ? date_from_ymd(y, 3 * q + 1, 1) - 1 : date_from_ymd(y, 12, 31);
		due = quarter_due(a4, y, q);
		for (size_t k = 0; k < c->ncentral; k++) {
			const struct rules_central *ce = &c->central[k];

			if (ce->created > end || ce->noted >= y * 4 + q - 1)
				continue;
			f = add_due(out, w, &g3_row, c->office_code, due);
			code_copy(f->target, ce->unit);
			f->issue = ce->id;
			f->year = y;
			f->quarter = q;
			f->recorded = true;
		}
	}
}

/* rules_due's window of today and ctx->ahead. */
static void
due_window(kz_date today, const struct rules_due_ctx *c, struct window *w)
{
	w->today = today;
	w->lo = today - RULES_DUE_BEHIND;
	w->hi = today + (c->ahead > 0 ? c->ahead : RULES_DUE_AHEAD);
}

void
rules_due_issues(kz_date today, const struct rules_due_ctx *c, struct rules_findings *out)
{
	struct window w;

	due_window(today, c, &w);
	due_issues(c, &w, out);
	due_after_issues(c, &w, out);
}

void
rules_due_visits(kz_date today, const struct rules_due_ctx *c, struct rules_findings *out)
{
	struct window w;

	due_window(today, c, &w);
	due_visits(c, &w, out);
	due_after(c, &w, out);
}

void
rules_due(kz_date today, const struct rules_due_ctx *c, struct rules_findings *out)
{
	const struct rules_deadline *rows;
	struct window w;
	struct rules_finding *sorted;
	struct seq *s;
	size_t nrows;
	int ylo, yhi, m, d;

	memset(out, 0, sizeof *out);
	due_window(today, c, &w);
	date_to_ymd(w.lo, &ylo, &m, &d);
	date_to_ymd(w.hi, &yhi, &m, &d);

	rows = rules_deadline_table(&nrows);
	for (size_t r = 0; r < nrows; r++)
		if ((rows[r].kind == RULES_DL_DATE || rows[r].kind == RULES_DL_QUARTERLY) &&
		    row_is_mine(&rows[r], c))
			due_dated(&rows[r], c, &w, ylo, yhi, out);
	due_visits(c, &w, out);
	due_issues(c, &w, out);
	due_commission(c, &w, ylo, yhi, out);	/* P-1 */
	due_after(c, &w, out);		/* */
	due_after_issues(c, &w, out);	/* A-2, G-3 */
	for (size_t i = 0; i < c->nrevisions; i++)
		if (c->revisions[i].notified == DATE_NONE && c->revisions[i].date <= w.hi)
			add_revision(out, c, &c->revisions[i], today);

	/*
	 * By deadline, no deadline last; ties keep the table's order, then the visits' and
	 * the issues' order.
	 */
	s = xmalloc((out->n ? out->n : 1) * sizeof *s);
	for (size_t i = 0; i < out->n; i++) {
		s[i].due = out->v[i].due == DATE_NONE ? INT32_MAX : out->v[i].due;
		s[i].i = i;
	}
	qsort(s, out->n, sizeof *s, cmp_seq);
	sorted = xmalloc((out->n ? out->n : 1) * sizeof *sorted);
	for (size_t i = 0; i < out->n; i++)
		sorted[i] = out->v[s[i].i];
	free(out->v);
	out->v = sorted;
	out->cap = out->n;
	free(s);
}
