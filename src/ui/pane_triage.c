/*
 * The Triage pane: problem issues, one page at a time through core/view.h, with filters
 * (ui/triage_filter.h); search as you type across questions and issues (core/search.h);
 * questions marked in the search made a new issue or added to one; an issue opened with
 * its history, plan steps and progress notes; the issue form (ui/form.h) and the smaller
 * forms for a status change with its note, a plan step, a step done, a quarter's progress
 * note, and escalation to the level above. Every write is one call of core, one
 * transaction; a refusal is core's one line on the message line and the form keeps what
 * was typed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/issue.h"
#include "core/labels.h"
#include "core/question.h"
#include "core/search.h"
#include "core/view.h"
#include "core/visit.h"
#include "cli/out.h"
#include "ui/form.h"
#include "ui/line.h"
#include "ui/pane.h"
#include "ui/report_out.h"
#include "ui/triage_filter.h"
#include "util/clock.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

/* A search query is a line of a few words. */
#define TRIAGE_QUERY_MAX 200
/* The office's offset from UTC for the history's times (Kazakhstan, UTC+5; core/rules.h). */
#define TRIAGE_UTC_OFFSET_MIN (5 * 60)
/* Questions marked at once: a meeting's worth. */
#define TRIAGE_MARK_MAX 256

enum triage_mode { TM_LIST, TM_SEARCH, TM_ISSUE };

struct triage {
	enum triage_mode mode;
	struct list list;			/* the issues that pass the filters */
	struct triage_filter filter;
	/* search */
	struct line *query;
	bool typing;				/* the query line has the keys */
	struct search_result hits;
	int hsel;
	/* marked questions, kept while the user looks around */
	struct kz_uuid marked[TRIAGE_MARK_MAX];
	size_t nmarked;
	/* the issue opened */
	struct issue issue;
	bool have_issue;
	int top;				/* its first line shown */
};

static struct triage *triage_of(struct pane *p);

/* ---- the list: pages of issues that pass the filters ---- */

/* The pane's state for the page loader, which gets the ui only. */
static struct triage *
triage_ui(struct ui *ui)
{
	return triage_of(&ui->panes[PANE_TRIAGE]);
}

/* Moves the elements of from that pass into to, at its end; frees the rest. */
static void
keep_passing(struct ui *ui, struct rec_array *from, struct rec_array *to)
{
	const struct triage_filter *f = &triage_ui(ui)->filter;
	size_t size = issue_kind.desc->size;

	for (size_t i = 0; i < from->n; i++) {
		struct issue *is = (struct issue *)((char *)from->items + i * size);

		if (!is->withdrawn && triage_filter_match(f, is, ui->today))
			memcpy(rec_array_push(&issue_kind, to), is, size);
		else
			issue_free(is);
	}
	from->n = 0;
	rec_array_free(&issue_kind, from);
}

/* Appends b's elements to a (ownership moves); b is left empty. */
static void
append_all(struct rec_array *a, struct rec_array *b)
{
	size_t size = issue_kind.desc->size;

	for (size_t i = 0; i < b->n; i++)
		memcpy(rec_array_push(&issue_kind, a), (char *)b->items + i * size, size);
	b->n = 0;
	rec_array_free(&issue_kind, b);
}

/*
 * A page of the issues that pass: pages of the index are read, in the direction asked,
 * until limit issues pass or the index ends; each read asks for what is still missing,
 * so that no more than limit pass and the cursor spans exactly what is shown.
 */
static int
triage_page(struct ui *ui, struct view *v, struct rec_cursor *cur, enum rec_page_dir dir,
    size_t limit, struct rec_array *out)
{
	struct triage *t = triage_ui(ui);
	bool back = dir == PAGE_LAST || dir == PAGE_BEFORE;
	struct rec_cursor c = *cur, span = { 0 };
	enum rec_page_dir d = dir;
	struct kz_error e = { 0 };

	while (out->n < limit) {
		struct rec_array page = { 0 }, kept = { 0 };
		size_t want = limit - out->n, got;

		if (view_issues(v, t->filter.status, &c, d, want, &page, &e) != 0) {
			ui_message(ui, true, "%s", e.msg);
			rec_array_free(&issue_kind, out);
			return -1;
		}
		got = page.n;
		if (got > 0 && c.valid) {
			if (!span.valid)
				span = c;
			else if (back)
				span.first = c.first;
			else
				span.last = c.last;
		}
		keep_passing(ui, &page, &kept);
		if (back) {
			append_all(&kept, out);
			*out = kept;
		} else {
			append_all(out, &kept);
		}
		if (got < want)
			break;
		d = back ? PAGE_BEFORE : PAGE_AFTER;
	}
	*cur = span;
	return 0;
}

static struct triage *
triage_of(struct pane *p)
{
	if (p->data == NULL) {
		struct triage *t = xcalloc(1, sizeof *t);

		list_init(&t->list, &issue_kind, triage_page);
		t->filter.status = t->filter.level = -1;
		t->query = line_new(TRIAGE_QUERY_MAX);
		issue_init(&t->issue);
		p->data = t;
	}
	return p->data;
}

/* Rows for the list: the pane less its head line and the filter line. */
static size_t
triage_rows(const struct pane *p)
{
	return p->rows > 3 ? (size_t)p->rows - 2 : 1;
}

/* The opened issue read again (after a save, or another process's commit). */
static void
issue_reload(struct triage *t, struct ui *ui)
{
	struct kz_uuid id = t->issue.id;
	struct kz_error e = { 0 };

	if (!t->have_issue)
		return;
	issue_free(&t->issue);
	issue_init(&t->issue);
	if (issue_get(ui->store, &id, &t->issue, &e) != 0) {
		ui_message(ui, true, "%s", e.msg);
		t->have_issue = false;
		t->mode = TM_LIST;
	}
}

static void search_run_now(struct triage *t, struct ui *ui);

static void
triage_refresh(struct pane *p, struct ui *ui)
{
	struct triage *t = triage_of(p);
	int sel = t->list.sel;

	list_free(&t->list);
	memset(&t->list.cur, 0, sizeof t->list.cur);
	list_load(&t->list, ui, PAGE_LAST, triage_rows(p));
	t->list.sel = sel >= 0 && (size_t)sel < t->list.items.n ? sel :
	    (int)t->list.items.n - 1;
	issue_reload(t, ui);
	if (t->mode == TM_SEARCH)
		search_run_now(t, ui);
}

/* ---- search as you type ---- */

static void
search_run_now(struct triage *t, struct ui *ui)
{
	struct kz_error e = { 0 };
	size_t n;
	const char *q = line_text(t->query, &n);
	char *query;
	size_t rows = triage_rows(&ui->panes[PANE_TRIAGE]);

	search_result_free(&t->hits);
	memset(&t->hits, 0, sizeof t->hits);
	t->hsel = 0;
	if (n == 0)
		return;
	query = xstrndup(q, n);
	/* a query of punctuation only has no words: nothing found, nothing wrong */
	if (search_run(ui->store, query, 0, rows, &t->hits, &e) != 0 && e.code != KZ_EINVAL)
		ui_message(ui, true, "%s", e.msg);
	free(query);
}

static int
marked_index(const struct triage *t, const struct kz_uuid *id)
{
	for (size_t i = 0; i < t->nmarked; i++)
		if (uid_cmp(&t->marked[i], id) == 0)
			return (int)i;
	return -1;
}

static void
mark_toggle(struct triage *t, struct ui *ui, const struct search_hit *h)
{
	int k;

	if (h->kind != SEARCH_QUESTION) {
		ui_message(ui, false, _("only questions are marked: Enter opens an issue"));
		return;
	}
	if ((k = marked_index(t, &h->id)) >= 0) {
		t->marked[k] = t->marked[--t->nmarked];
		return;
	}
	if (t->nmarked >= TRIAGE_MARK_MAX) {
		ui_message(ui, true, _("%d questions are marked already: make an issue of them "
		    "first"), TRIAGE_MARK_MAX);
		return;
	}
	t->marked[t->nmarked++] = h->id;
}

/* ---- opening an issue ---- */

static void
issue_open_id(struct triage *t, struct ui *ui, const struct kz_uuid *id)
{
	struct kz_error e = { 0 };

	issue_free(&t->issue);
	issue_init(&t->issue);
	t->have_issue = false;
	if (issue_get(ui->store, id, &t->issue, &e) != 0) {
		ui_message(ui, true, "%s", e.msg);
		return;
	}
	t->have_issue = true;
	t->mode = TM_ISSUE;
	t->top = 0;
}

void
triage_show_issue(struct ui *ui, const struct kz_uuid *id)
{
	struct triage *t = triage_ui(ui);

	ui_show(ui, PANE_TRIAGE);
	issue_open_id(t, ui, id);
}

/*
 * The issue an action is about: the opened one, else the selected line's; a search hit
 * that is an issue is opened first, so that the form's save shows it changed.
 */
static const struct issue *
target(struct triage *t, struct ui *ui)
{
	const struct issue *is;

	if (t->mode == TM_ISSUE && t->have_issue)
		return &t->issue;
	if (t->mode == TM_LIST && (is = list_selected(&t->list)) != NULL)
		return is;
	if (t->mode == TM_SEARCH && t->hsel < (int)t->hits.n &&
	    t->hits.hits[t->hsel].kind == SEARCH_ISSUE) {
		issue_open_id(t, ui, &t->hits.hits[t->hsel].id);
		if (t->have_issue)
			return &t->issue;
		return NULL;
	}
	ui_message(ui, false, _("no issue selected"));
	return NULL;
}

/* What the forms' callbacks need: the issue's id (freed with the form). */
static struct kz_uuid *
id_arg(const struct issue *is)
{
	struct kz_uuid *id = xmalloc(sizeof *id);

	*id = is->id;
	return id;
}

static void
set_str(char **dst, char *s)
{
	free(*dst);
	*dst = s;
}

/* ---- the issue form ---- */

enum { IF_TITLE, IF_TOPIC, IF_EXECUTOR, IF_DEADLINE, IF_LEVEL, IF_BODY, IF_NEEDS,
	IF_AMOUNT, IF_SESSION, IF_DECISION };

static int
issue_form_apply(struct issue *i, void *arg, struct kz_error *e)
{
	const struct form *f = arg;
	kz_date d;
	int64_t amount;

	(void)e;
	set_str(&i->title, form_dup(f, IF_TITLE));
	set_str(&i->topic, form_dup(f, IF_TOPIC));
	set_str(&i->executor, form_dup(f, IF_EXECUTOR));
	if (form_date(f, IF_DEADLINE, &d) == 0)
		i->deadline = d;
	i->level = form_choice(f, IF_LEVEL);
	set_str(&i->body, form_dup(f, IF_BODY));
	i->needs_session = form_choice(f, IF_NEEDS) == 1;
	if (form_number(f, IF_AMOUNT, &amount) == 0)
		i->amount = amount;
	if (form_date(f, IF_SESSION, &d) == 0)
		i->session_date = d;
	set_str(&i->decision, form_dup(f, IF_DECISION));
	return 0;
}

static void
refused(struct kz_error *e, char *why, size_t len)
{
	snprintf(why, len, "%s", e->msg);
}

static int
issue_form_save(struct ui *ui, struct form *f, char *why, size_t len)
{
	struct kz_error e = { 0 };

	/* a financing at the maslikhat is told in full or not at all */
	if (form_choice(f, IF_NEEDS) == 1 && form_empty(f, IF_AMOUNT)) {
		snprintf(why, len, _("A-2: a session's financing needs its amount"));
		f->cur = IF_AMOUNT;
		return -1;
	}
	if (issue_modify(ui->store, f->arg, issue_form_apply, f, NULL, &e) != 0) {
		refused(&e, why, len);
		return -1;
	}
	ui_message(ui, false, _("issue saved"));
	return 0;
}

static void
date_or_empty(kz_date d, char buf[11])
{
	buf[0] = '\0';
	if (d != DATE_NONE)
		date_format(d, buf);
}

static void
issue_form_open(struct ui *ui, const struct issue *is)
{
	static const char *levels[LEVEL_COUNT];
	struct form *f = &ui->form;
	char deadline[11], session[11], amount[32] = "";

	for (int k = 0; k < LEVEL_COUNT; k++)
		levels[k] = label_enum(issue_level_names, k);
	date_or_empty(is->deadline, deadline);
	date_or_empty(is->session_date, session);
	if (is->amount != 0)
		snprintf(amount, sizeof amount, "%lld", (long long)is->amount);
	form_open(f, _("Issue (Enter saves, Escape leaves)"), issue_form_save, id_arg(is), free);
	form_add(f, _("Title"), FORM_TEXT, is->title, 1000);
	form_add(f, _("Topic"), FORM_TEXT, is->topic, 200);
	form_add(f, _("Executor"), FORM_TEXT, is->executor, 500);
	form_add(f, _("Deadline"), FORM_DATE, deadline, 10);
	form_add_choice(f, _("Level of competence"), levels, LEVEL_COUNT, is->level);
	form_add(f, _("Central body (G-3)"), FORM_TEXT, is->body, 500);
	form_add_yesno(f, _("Needs session (A-2)"), is->needs_session);
	form_add(f, _("Amount, tenge (A-2)"), FORM_NUMBER, amount, 16);
	form_add(f, _("Session date (A-2)"), FORM_DATE, session, 10);
	form_add(f, _("Decision (A-2)"), FORM_TEXT, is->decision, 4000);
	/* the executor first: what triage is most about */
	f->cur = IF_EXECUTOR;
}

/* ---- the status and its note ---- */

static int
status_apply(struct issue *i, void *arg, struct kz_error *e)
{
	const struct form *f = arg;
	int s = form_choice(f, 0);

	if (s == i->status)
		return kz_fail(e, KZ_EINVAL, _("issue: the status is %s already"),
		    label_enum(issue_status_names, s));
	i->status = s;
	return 0;
}

static int
status_save(struct ui *ui, struct form *f, char *why, size_t len)
{
	struct kz_error e = { 0 };
	char *note = form_dup(f, 1);
	int rc;

	rc = issue_modify(ui->store, f->arg, status_apply, f, note, &e);
	free(note);
	if (rc != 0) {
		refused(&e, why, len);
		return -1;
	}
	ui_message(ui, false, _("status changed to %s (in the history, with the note)"),
	    label_enum(issue_status_names, form_choice(f, 0)));
	return 0;
}

static void
status_open(struct ui *ui, const struct issue *is)
{
	static const char *names[ISSUE_STATUS_COUNT];
	struct form *f = &ui->form;

	for (int k = 0; k < ISSUE_STATUS_COUNT; k++)
		names[k] = label_enum(issue_status_names, k);
	form_open(f, _("Status of the issue: the note goes into its history"), status_save,
	    id_arg(is), free);
	form_add_choice(f, _("Status"), names, ISSUE_STATUS_COUNT, is->status);
	form_add(f, _("Note (why)"), FORM_TEXT, NULL, 2000);
}

/* ---- escalation: the level above, status escalated ---- */

static struct kz_uuid escalate_id;

static int
escalate_apply(struct issue *i, void *arg, struct kz_error *e)
{
	(void)arg;
	if (i->level + 1 >= LEVEL_COUNT)
		return kz_fail(e, KZ_EINVAL, _("issue: %s has no level above"),
		    label_enum(issue_level_names, i->level));
	i->level++;
	i->status = ISSUE_ESCALATED;
	return 0;
}

static void
escalate_yes(struct ui *ui)
{
	struct kz_error e = { 0 };
	struct issue is;

	if (issue_modify(ui->store, &escalate_id, escalate_apply, NULL,
	    _("escalated to the level above"), &e) != 0) {
		ui_message(ui, true, "%s", e.msg);
		return;
	}
	issue_init(&is);
	if (issue_get(ui->store, &escalate_id, &is, &e) == 0)
		ui_message(ui, false, _("escalated: %s, status escalated"),
		    label_enum(issue_level_names, is.level));
	issue_free(&is);
}

static void
escalate_ask(struct ui *ui, const struct issue *is)
{
	if (is->level + 1 >= LEVEL_COUNT) {
		ui_message(ui, true, _("issue: %s has no level above"),
		    label_enum(issue_level_names, is->level));
		return;
	}
	escalate_id = is->id;
	ui_confirm(ui, is->level + 1 == LEVEL_DISTRICT ? _("escalate to the district?") :
	    is->level + 1 == LEVEL_REGION ? _("escalate to the region?") :
	    _("escalate to the central level?"), escalate_yes);
}

/* ---- plan steps and progress notes ---- */

static int
step_apply(struct issue *i, void *arg, struct kz_error *e)
{
	const struct form *f = arg;
	char *text = form_dup(f, 0), *ex = form_dup(f, 1);
	kz_date d;

	(void)e;
	form_date(f, 2, &d);
	issue_add_step(i, text != NULL ? text : "", ex, d);
	free(text);
	free(ex);
	return 0;
}

static int
step_save(struct ui *ui, struct form *f, char *why, size_t len)
{
	struct kz_error e = { 0 };

	if (issue_modify(ui->store, f->arg, step_apply, f, NULL, &e) != 0) {
		refused(&e, why, len);
		return -1;
	}
	ui_message(ui, false, _("step added to the plan"));
	return 0;
}

struct done_arg {
	const struct form *f;
	kz_date today;
};

static int
done_apply(struct issue *i, void *arg, struct kz_error *e)
{
	struct done_arg *a = arg;
	int64_t n;

	if (form_number(a->f, 0, &n) != 0 || n < 1 || (size_t)n > i->nsteps)
		return kz_fail(e, KZ_EINVAL, "issue: there is no step %lld (it has %zu)",
		    (long long)n, i->nsteps);
	if (i->steps[n - 1].done)
		return kz_fail(e, KZ_EINVAL, "issue: step %lld is done already", (long long)n);
	i->steps[n - 1].done = true;
	i->steps[n - 1].done_on = a->today;
	return 0;
}

static int
done_save(struct ui *ui, struct form *f, char *why, size_t len)
{
	struct kz_error e = { 0 };
	struct done_arg a = { f, ui->today };

	if (issue_modify(ui->store, f->arg, done_apply, &a, NULL, &e) != 0) {
		refused(&e, why, len);
		return -1;
	}
	ui_message(ui, false, _("step marked done today"));
	return 0;
}

static bool
quarter_valid(const char *q)
{
	return q != NULL && strlen(q) == 7 && q[0] >= '1' && q[0] <= '9' && q[1] >= '0' &&
	    q[1] <= '9' && q[2] >= '0' && q[2] <= '9' && q[3] >= '0' && q[3] <= '9' &&
	    q[4] == '-' && q[5] == 'Q' && q[6] >= '1' && q[6] <= '4';
}

static int
progress_apply(struct issue *i, void *arg, struct kz_error *e)
{
	const struct form *f = arg;
	char *q = form_dup(f, 0), *text = form_dup(f, 1);
	int rc = 0;

	if (!quarter_valid(q))
		rc = kz_fail(e, KZ_EINVAL, "progress: the quarter '%s' is not YYYY-Qn",
		    q != NULL ? q : "");
	else
		issue_add_progress(i, q, text != NULL ? text : "", clock_now_ms());
	free(q);
	free(text);
	return rc;
}

static int
progress_save(struct ui *ui, struct form *f, char *why, size_t len)
{
	struct kz_error e = { 0 };

	if (issue_modify(ui->store, f->arg, progress_apply, f, NULL, &e) != 0) {
		refused(&e, why, len);
		return -1;
	}
	ui_message(ui, false, _("progress note saved (A-4)"));
	return 0;
}

/* ---- new issue of the marked questions, or added to one ---- */

static int
new_issue_save(struct ui *ui, struct form *f, char *why, size_t len)
{
	struct triage *t = triage_ui(ui);
	struct kz_error e = { 0 };
	struct question q;
	struct visit v;
	struct issue is;
	int rc;

	issue_init(&is);
	is.title = form_dup(f, 0);
	is.executor = form_dup(f, 1);
	form_date(f, 2, &is.deadline);
	is.level = form_choice(f, 3);
	is.topic = form_dup(f, 4);
	/* raised at the first marked question's meeting, about its place */
	question_init(&q);
	visit_init(&v);
	if (question_get(ui->store, &t->marked[0], &q, &e) == 0) {
		if (!uid_is_nil(&q.visit) && visit_get(ui->store, &q.visit, &v, &e) == 0) {
			is.visit = q.visit;
			memcpy(is.unit, v.target, sizeof is.unit);
		} else if (q.unit[0] != '\0') {
			memcpy(is.unit, q.unit, sizeof is.unit);
		}
		if (is.topic == NULL && q.topic != NULL)
			is.topic = xstrdup(q.topic);
	}
	question_free(&q);
	visit_free(&v);
	memset(&e, 0, sizeof e);
	rc = issue_add_linked(ui->store, &is, t->marked, t->nmarked, &e);
	if (rc != 0) {
		refused(&e, why, len);
		issue_free(&is);
		return -1;
	}
	ui_message(ui, false, _("new issue of %zu questions saved"), t->nmarked);
	t->nmarked = 0;
	t->mode = TM_ISSUE;
	issue_free(&t->issue);
	t->issue = is;
	t->have_issue = true;
	t->top = 0;
	return 0;
}

static void
new_issue_open(struct triage *t, struct ui *ui)
{
	static const char *levels[LEVEL_COUNT];
	struct form *f = &ui->form;
	struct kz_error e = { 0 };
	struct question q;
	char title[121] = "";

	if (t->nmarked == 0) {
		ui_message(ui, false, _("no questions marked: search (/), then Space marks"));
		return;
	}
	for (int k = 0; k < LEVEL_COUNT; k++)
		levels[k] = label_enum(issue_level_names, k);
	/* the first marked question's words as the title to start from */
	question_init(&q);
	if (question_get(ui->store, &t->marked[0], &q, &e) == 0 && q.text != NULL) {
		size_t n = strlen(q.text);

		if (n > 120) {
			n = 120;
			while (n > 0 && ((unsigned char)q.text[n] & 0xc0) == 0x80)
				n--;
		}
		memcpy(title, q.text, n);
		title[n] = '\0';
	}
	question_free(&q);
	form_open(f, _("New issue of the marked questions"), new_issue_save, NULL, NULL);
	form_add(f, _("Title"), FORM_TEXT, title, 1000);
	form_add(f, _("Executor"), FORM_TEXT, NULL, 500);
	form_add(f, _("Deadline"), FORM_DATE, NULL, 10);
	form_add_choice(f, _("Level of competence"), levels, LEVEL_COUNT, LEVEL_OWN);
	form_add(f, _("Topic"), FORM_TEXT, NULL, 200);
}

static struct kz_uuid add_to_id;

static void
add_to_yes(struct ui *ui)
{
	struct triage *t = triage_ui(ui);
	struct kz_error e = { 0 };

	if (issue_link(ui->store, &add_to_id, t->marked, t->nmarked, false, &e) != 0) {
		ui_message(ui, true, "%s", e.msg);
		return;
	}
	ui_message(ui, false, _("%zu questions added to the issue"), t->nmarked);
	t->nmarked = 0;
}

static void
add_to_ask(struct triage *t, struct ui *ui, const struct issue *is)
{
	static char what[200];

	if (t->nmarked == 0) {
		ui_message(ui, false, _("no questions marked: search (/), then Space marks"));
		return;
	}
	add_to_id = is->id;
	snprintf(what, sizeof what, _("add the %zu marked questions to this issue?"),
	    t->nmarked);
	ui_confirm(ui, what, add_to_yes);
}

/* ---- filters ---- */

static int
filter_save(struct ui *ui, struct form *f, char *why, size_t len)
{
	struct triage *t = triage_ui(ui);
	char *topic = form_dup(f, 3), *unit = form_dup(f, 4), *ex = form_dup(f, 5);
	int rc = triage_filter_set(&t->filter, form_choice(f, 0) - 1, form_choice(f, 1) - 1,
	    form_choice(f, 2) == 1, topic, unit, ex, why, len);

	free(topic);
	free(unit);
	free(ex);
	if (rc != 0) {
		f->cur = 4;
		return -1;
	}
	t->mode = TM_LIST;
	triage_refresh(&ui->panes[PANE_TRIAGE], ui);
	ui_message(ui, false, triage_filter_any(&t->filter) ? _("filtered") :
	    _("no filters: every issue"));
	return 0;
}

static void
filter_open(struct triage *t, struct ui *ui)
{
	static const char *st[ISSUE_STATUS_COUNT + 1], *lv[LEVEL_COUNT + 1];
	struct form *f = &ui->form;
	char unit[10] = "";

	st[0] = lv[0] = _("any");
	for (int k = 0; k < ISSUE_STATUS_COUNT; k++)
		st[k + 1] = label_enum(issue_status_names, k);
	for (int k = 0; k < LEVEL_COUNT; k++)
		lv[k + 1] = label_enum(issue_level_names, k);
	if (t->filter.unit[0] != '\0')
		snprintf(unit, sizeof unit, "%-9.9s", t->filter.unit);
	for (int k = 0; unit[0] != '\0' && k < 9; k++)
		if (unit[k] == ' ')
			unit[k] = '0';
	form_open(f, _("Filters of the issues (empty: any)"), filter_save, NULL, NULL);
	form_add_choice(f, _("Status"), st, ISSUE_STATUS_COUNT + 1, t->filter.status + 1);
	form_add_choice(f, _("Level"), lv, LEVEL_COUNT + 1, t->filter.level + 1);
	form_add_yesno(f, _("Overdue only"), t->filter.overdue);
	form_add(f, _("Topic (a part)"), FORM_TEXT, t->filter.topic, 200);
	form_add(f, _("Unit (KATO code)"), FORM_TEXT, unit, 9);
	form_add(f, _("Executor (a part)"), FORM_TEXT, t->filter.executor, 500);
}

/* ---- drawing ---- */

static void
draw_head(struct triage *t, WINDOW *w, int cols)
{
	char line[512], words[300];

	triage_filter_describe(&t->filter, words, sizeof words);
	snprintf(line, sizeof line, _("%s%s%s | %zu marked"), t->mode == TM_SEARCH ?
	    _("search") : t->mode == TM_ISSUE ? _("issue") : _("issues"),
	    words[0] != '\0' ? _(" | filters: ") : "", words, t->nmarked);
	ui_put(w, 0, 0, cols, line, A_NORMAL);
}

static void
draw_list(struct triage *t, struct ui *ui, WINDOW *w, int rows, int cols)
{
	char line[1024], date[11], st[64], od[64];

	ui_put(w, 1, 0, cols, _("status     deadline           executor / unit / title"),
	    A_BOLD);
	if (t->list.items.n == 0)
		ui_put(w, 2, 0, cols, triage_filter_any(&t->filter) ?
		    _("no problem issues pass the filters (f: filters)") :
		    _("no problem issues"), A_NORMAL);
	for (size_t i = 0; i < t->list.items.n && (int)i + 2 < rows; i++) {
		const struct issue *is = (const struct issue *)t->list.items.items + i;
		bool overdue = issue_overdue(is, ui->today);
		attr_t a = (int)i == t->list.sel ? A_REVERSE : A_NORMAL;

		if (is->deadline != DATE_NONE)
			date_format(is->deadline, date);
		else
			snprintf(date, sizeof date, "-");
		/* padded by columns, not bytes: a status is Cyrillic in Kazakh and Russian */
		snprintf(line, sizeof line, "%s %-10s %s %s | %s | %s",
		    out_pad(is->status >= 0 && is->status < ISSUE_STATUS_COUNT ?
		    label_enum(issue_status_names, is->status) : "?", 10, st, sizeof st), date,
		    out_pad(overdue ? _("OVERDUE") : "", 8, od, sizeof od),
		    is->executor != NULL ? is->executor : "-", ui_unit_name(ui, is->unit),
		    is->title != NULL ? is->title : "");
		ui_put(w, (int)i + 2, 0, cols, line,
		    a | (overdue ? A_BOLD | (ui->color ? COLOR_PAIR(1) : 0) : 0));
	}
}

static void
draw_search(struct triage *t, WINDOW *w, int rows, int cols)
{
	struct line_view v;
	const char *s = line_bytes(t->query, NULL);
	char *part, line[1024];
	size_t qn;
	int x;

	x = ui_put(w, 1, 0, cols, _("Search: "), A_BOLD);
	line_visible(t->query, cols - x - 1, &v);
	part = xstrndup(s + v.start, v.end - v.start);
	ui_put(w, 1, x, cols - x, part, A_NORMAL);
	free(part);
	if (t->typing)
		mvwchgat(w, 1, x + v.cursor_col, 1, A_REVERSE, 0, NULL);
	line_text(t->query, &qn);
	if (t->hits.n == 0)
		ui_put(w, 2, 0, cols, qn == 0 ?
		    _("type words: questions and issues that have them show here") :
		    _("nothing found"), A_NORMAL);
	for (size_t i = 0; i < t->hits.n && (int)i + 2 < rows; i++) {
		const struct search_hit *h = &t->hits.hits[i];
		bool sel = (int)i == t->hsel && !t->typing;

		snprintf(line, sizeof line, "%s %-8s %s", h->kind == SEARCH_QUESTION ?
		    (marked_index(t, &h->id) >= 0 ? "[x]" : "[ ]") : "   ",
		    h->kind == SEARCH_QUESTION ? _("question") : _("issue"),
		    h->text != NULL ? h->text : "");
		ui_put(w, (int)i + 2, 0, cols, line, sel ? A_REVERSE : A_NORMAL);
	}
}

/* One line of the opened issue at *y, if it is among those shown. */
static void
issue_line(WINDOW *w, int *y, int *n, int top, int rows, int cols, const char *s, attr_t a)
{
	if (*n >= top && *y < rows)
		ui_put(w, (*y)++, 0, cols, s, a);
	(*n)++;
}

static void
draw_issue(struct triage *t, struct ui *ui, WINDOW *w, int rows, int cols)
{
	const struct issue *is = &t->issue;
	char line[1200], d1[11], d2[11], when[17];
	int y = 1, n = 0;

	if (!t->have_issue)
		return;
	snprintf(line, sizeof line, "%s", is->title != NULL ? is->title : "");
	issue_line(w, &y, &n, t->top, rows, cols, line, A_BOLD);
	date_or_empty(is->deadline, d1);
	/* "| district level |": the level's label says it is one */
	snprintf(line, sizeof line, _("status %s%s | %s | deadline %s | executor %s"),
	    label_enum(issue_status_names, is->status), issue_overdue(is, ui->today) ?
	    _(" (OVERDUE)") : "", label_enum(issue_level_names, is->level), d1[0] ? d1 : "-",
	    is->executor != NULL ? is->executor : "-");
	issue_line(w, &y, &n, t->top, rows, cols, line, A_NORMAL);
	snprintf(line, sizeof line, _("unit %s | topic %s%s%s"), is->unit[0] ?
	    ui_unit_name(ui, is->unit) : "-", is->topic != NULL ? is->topic : "-",
	    is->body != NULL ? _(" | central body (G-3): ") : "", is->body != NULL ? is->body : "");
	issue_line(w, &y, &n, t->top, rows, cols, line, A_NORMAL);
	if (is->needs_session || is->amount != 0 || is->decision != NULL) {
		date_or_empty(is->session_date, d2);
		snprintf(line, sizeof line, _("A-2 financing: %s session, %lld tenge, session %s, "
		    "decision %s"), is->needs_session ? _("needs a") : _("no"),
		    (long long)is->amount, d2[0] ? d2 : "-",
		    is->decision != NULL ? is->decision : _("none yet"));
		issue_line(w, &y, &n, t->top, rows, cols, line, A_NORMAL);
	}
	issue_line(w, &y, &n, t->top, rows, cols, _("History:"), A_UNDERLINE);
	for (size_t k = 0; k < is->nhistory; k++) {
		const struct issue_event *ev = &is->history[k];

		date_format_time(ev->at_ms, TRIAGE_UTC_OFFSET_MIN, when);
		snprintf(line, sizeof line, "  %s %s%s%s%s", when,
		    ev->status >= 0 && ev->status < ISSUE_STATUS_COUNT ?
		    label_enum(issue_status_names, ev->status) : "?", ev->user != NULL ? " (" : "",
		    ev->user != NULL ? ev->user : "", ev->user != NULL ? ")" : "");
		if (ev->deadline != DATE_NONE && ev->deadline != ev->deadline_was) {
			date_or_empty(ev->deadline_was, d1);
			date_or_empty(ev->deadline, d2);
			snprintf(line + strlen(line), sizeof line - strlen(line),
			    _(" deadline %s -> %s"), d1[0] ? d1 : "-", d2);
		}
		if (ev->note != NULL)
			snprintf(line + strlen(line), sizeof line - strlen(line), ": %s", ev->note);
		issue_line(w, &y, &n, t->top, rows, cols, line, A_NORMAL);
	}
	issue_line(w, &y, &n, t->top, rows, cols, _("Plan steps:"), A_UNDERLINE);
	if (is->nsteps == 0)
		issue_line(w, &y, &n, t->top, rows, cols, _("  none (p adds one)"), A_NORMAL);
	for (size_t k = 0; k < is->nsteps; k++) {
		const struct issue_step *st = &is->steps[k];

		date_or_empty(st->deadline, d1);
		date_or_empty(st->done_on, d2);
		snprintf(line, sizeof line, "  %zu. [%s] %s | %s | %s%s%s", k + 1,
		    st->done ? "x" : " ", st->text != NULL ? st->text : "",
		    st->executor != NULL ? st->executor : "-", d1[0] ? d1 : "-",
		    st->done ? _(" | done ") : issue_step_overdue(st, ui->today) ?
		    _(" | OVERDUE") : "", st->done ? d2 : "");
		issue_line(w, &y, &n, t->top, rows, cols, line, A_NORMAL);
	}
	issue_line(w, &y, &n, t->top, rows, cols, _("Progress notes (A-4):"), A_UNDERLINE);
	if (is->nprogress == 0)
		issue_line(w, &y, &n, t->top, rows, cols, _("  none (r adds one)"), A_NORMAL);
	for (size_t k = 0; k < is->nprogress; k++) {
		snprintf(line, sizeof line, "  %s %s", is->progress[k].quarter,
		    is->progress[k].text != NULL ? is->progress[k].text : "");
		issue_line(w, &y, &n, t->top, rows, cols, line, A_NORMAL);
	}
}

static void
triage_draw(struct pane *p, struct ui *ui, WINDOW *w)
{
	struct triage *t = triage_of(p);
	int rows, cols;

	getmaxyx(w, rows, cols);
	draw_head(t, w, cols);
	switch (t->mode) {
	case TM_SEARCH:
		draw_search(t, w, rows, cols);
		break;
	case TM_ISSUE:
		draw_issue(t, ui, w, rows, cols);
		break;
	default:
		draw_list(t, ui, w, rows, cols);
		break;
	}
}

/* ---- keys and actions ---- */

/* While the query line has the keys: text and editing keys, each a new search. */
static bool
triage_key(struct pane *p, struct ui *ui, key_code k)
{
	struct triage *t = triage_of(p);
	char before[TRIAGE_QUERY_MAX];
	const char *q;
	size_t bn, n;
	int err = 0;

	if (t->mode != TM_SEARCH || !t->typing)
		return false;
	q = line_text(t->query, &bn);
	memcpy(before, q, bn);
	if (!form_line_key(t->query, k, &err))
		return false;
	if (err != 0)
		ui_message(ui, true, "%s", ui_line_error(err));
	/* a cursor move, or a space at an end, leaves the query as it was: no new search */
	q = line_text(t->query, &n);
	if (n != bn || memcmp(q, before, n) != 0)
		search_run_now(t, ui);
	return true;
}

static void
triage_paste(struct pane *p, struct ui *ui, const char *text)
{
	struct triage *t = triage_of(p);
	int err;

	if (t->mode != TM_SEARCH || !t->typing) {
		ui_message(ui, false, _("pasted text goes into the search: / first"));
		return;
	}
	if ((err = line_paste(t->query, text, strlen(text), NULL)) != LINE_OK)
		ui_message(ui, true, "%s", ui_line_error(err));
	search_run_now(t, ui);
}

static bool
search_action(struct triage *t, struct ui *ui, enum action_id a)
{
	const struct search_hit *h = t->hsel < (int)t->hits.n ? &t->hits.hits[t->hsel] : NULL;

	switch (a) {
	case A_UP:
		if (t->hsel > 0)
			t->hsel--;
		else
			t->typing = true;
		return true;
	case A_DOWN:
	case A_OPEN:
		if (t->typing) {
			t->typing = t->hits.n == 0;
			t->hsel = 0;
			return true;
		}
		if (a == A_DOWN) {
			if (t->hsel + 1 < (int)t->hits.n)
				t->hsel++;
			return true;
		}
		if (h != NULL && h->kind == SEARCH_ISSUE)
			issue_open_id(t, ui, &h->id);
		else if (h != NULL)
			mark_toggle(t, ui, h);
		return true;
	case A_FIRST:
	case A_PAGE_UP:
		t->hsel = 0;
		return true;
	case A_LAST:
	case A_PAGE_DOWN:
		t->hsel = t->hits.n > 0 ? (int)t->hits.n - 1 : 0;
		return true;
	case A_TRIAGE_MARK:
		if (h != NULL && !t->typing)
			mark_toggle(t, ui, h);
		if (h != NULL && t->hsel + 1 < (int)t->hits.n)
			t->hsel++;
		return true;
	case A_TRIAGE_SEARCH:
		t->typing = true;
		return true;
	default:
		return false;
	}
}

static bool
triage_action(struct pane *p, struct ui *ui, enum action_id a)
{
	struct triage *t = triage_of(p);
	const struct issue *is;

	switch (a) {
	case A_TRIAGE_SEARCH:
		t->mode = TM_SEARCH;
		t->typing = true;
		ui->all_dirty = true;
		return true;
	case A_TRIAGE_BACK:
		if (t->mode == TM_SEARCH && !t->typing && t->hits.n > 0) {
			t->typing = true;
			return true;
		}
		t->mode = TM_LIST;
		t->typing = false;
		ui->all_dirty = true;
		return true;
	case A_TRIAGE_FILTER:
		filter_open(t, ui);
		return true;
	case A_TRIAGE_NEW_ISSUE:
		new_issue_open(t, ui);
		return true;
	default:
		break;
	}
	if (t->mode == TM_SEARCH && search_action(t, ui, a))
		return true;
	if (t->mode == TM_ISSUE) {
		if (a == A_UP && t->top > 0) {
			t->top--;
			return true;
		}
		if (a == A_DOWN) {
			t->top++;
			return true;
		}
		if (a == A_FIRST || a == A_PAGE_UP) {
			t->top = 0;
			return true;
		}
	}
	switch (a) {
	case A_OPEN:
	case A_TRIAGE_EDIT:
		if (a == A_OPEN && t->mode == TM_LIST) {
			if ((is = list_selected(&t->list)) != NULL)
				issue_open_id(t, ui, &is->id);
			return true;
		}
		if ((is = target(t, ui)) != NULL)
			issue_form_open(ui, is);
		return true;
	case A_TRIAGE_STATUS:
		if ((is = target(t, ui)) != NULL)
			status_open(ui, is);
		return true;
	case A_TRIAGE_ESCALATE:
		if ((is = target(t, ui)) != NULL)
			escalate_ask(ui, is);
		return true;
	case A_TRIAGE_ADD_TO:
		if ((is = target(t, ui)) != NULL)
			add_to_ask(t, ui, is);
		return true;
	case A_TRIAGE_STEP:
		if ((is = target(t, ui)) != NULL) {
			form_open(&ui->form, _("A step of the action plan"), step_save, id_arg(is),
			    free);
			form_add(&ui->form, _("Step"), FORM_TEXT, NULL, 2000);
			form_add(&ui->form, _("Executor"), FORM_TEXT, is->executor, 500);
			form_add(&ui->form, _("Deadline"), FORM_DATE, NULL, 10);
		}
		return true;
	case A_TRIAGE_STEP_DONE:
		if ((is = target(t, ui)) != NULL) {
			form_open(&ui->form, _("A step done today"), done_save, id_arg(is), free);
			form_add(&ui->form, _("Step number"), FORM_NUMBER, NULL, 6);
		}
		return true;
	case A_TRIAGE_REPORT:	/* the last quarter ended, to a file */
		ui_report_quarterly(ui);
		return true;
	case A_TRIAGE_PROGRESS:
		if ((is = target(t, ui)) != NULL) {
			int y, m, d;
			char q[16];

			date_to_ymd(ui->today, &y, &m, &d);
			snprintf(q, sizeof q, "%04d-Q%d", y, (m - 1) / 3 + 1);
			form_open(&ui->form, _("A quarter's progress note (A-4)"), progress_save,
			    id_arg(is), free);
			form_add(&ui->form, _("Quarter (YYYY-Qn)"), FORM_TEXT, q, 7);
			form_add(&ui->form, _("Progress note"), FORM_TEXT, NULL, 8000);
			ui->form.cur = 1;
		}
		return true;
	default:
		break;
	}
	if (t->mode == TM_LIST)
		return list_action(&t->list, ui, a, triage_rows(p));
	return false;
}

static void
triage_free(struct pane *p)
{
	struct triage *t = p->data;

	if (t == NULL)
		return;
	list_free(&t->list);
	triage_filter_free(&t->filter);
	line_free(&t->query);
	search_result_free(&t->hits);
	issue_free(&t->issue);
	free(t);
	p->data = NULL;
}

const struct pane_ops pane_triage_ops = {
	.title = N_("Triage"),
	.context = KM_TRIAGE,
	.draw = triage_draw,
	.action = triage_action,
	.reload = triage_refresh,
	.paste = triage_paste,
	.key = triage_key,
	.free = triage_free,
};
