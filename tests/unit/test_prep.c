/*
 * Before the meeting, on a store (RULES.md P-1..P-3): the commission as a set in the
 * year's calendar record, requests of the pool with their channels, and the announcement's
 * channels from the decree's list, also as an older store holds them.
 */
#include "testutil.h"
#include "district.h"

#include "core/calendar.h"
#include "core/commission.h"
#include "core/compliance.h"
#include "core/issue.h"
#include "core/office.h"
#include "core/question.h"
#include "core/request.h"
#include "core/visit.h"
#include "util/clock.h"

#define DISTRICT "613600000"	/* Бәйдібек ауданы */
#define OKRUG "613633000"	/* Ағыбет а.о. */

struct fixture {
	char *dir;
	struct store *s;
};

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);

	setenv("KEZDESU_NOW", "2026-04-20", 1);
	f->s = test_district_store(&f->dir);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	store_close(&f->s);
	test_rmdir(f->dir);
	free(f);
	unsetenv("KEZDESU_NOW");
	return 0;
}

static struct kz_uuid
add_visit(struct store *s, int m, int d, int status, const char *channels)
{
	struct visit v;
	struct kz_error e;
	struct kz_uuid id;

	visit_init(&v);
	memcpy(v.akim, DISTRICT, 10);
	memcpy(v.target, OKRUG, 10);
	v.date = date_from_ymd(2026, m, d);
	v.field = true;
	v.status = status;
	v.channels = channels != NULL ? strdup(channels) : NULL;
	if (visit_add(s, &v, &e) != 0)
		fail_msg("visit_add: %s", e.msg);
	id = v.id;
	visit_free(&v);
	return id;
}

static void
test_p1_commission_members_are_a_set_of_the_year(void **state)
{
	struct fixture *f = *state;
	struct calendar c;
	struct kz_error e;

	assert_int_equal(commission_add(f->s, 2026, "Асанов Серік", CM_COMMUNITY, &e), 0);
	assert_int_equal(commission_add(f->s, 2026, "Бекова Айгүл", CM_AKIMAT, &e), 0);
	assert_int_equal(commission_add(f->s, 2026, "Омаров Ерлан", CM_PUBLIC_COUNCIL, &e), 0);
	/* The same name in another case is the same member. */
	assert_int_equal(commission_add(f->s, 2026, "АСАНОВ СЕРІК", CM_OTHER, &e), -1);
	assert_non_null(strstr(e.msg, "a member already (number 1, community)"));
	assert_int_equal(commission_add(f->s, 2026, " ", CM_OTHER, &e), -1);
	assert_int_equal(commission_add(f->s, 2026, "Бір\nекі", CM_OTHER, &e), -1);
	/* Another year is another commission. */
	assert_int_equal(commission_add(f->s, 2027, "Асанов Серік", CM_COMMUNITY, &e), 0);

	assert_int_equal(commission_list(f->s, 2026, &c, &e), 0);
	assert_int_equal(c.ncommission, 3);
	assert_string_equal(c.commission[0].name, "Асанов Серік");
	assert_string_equal(c.commission[2].name, "Омаров Ерлан");
	assert_int_equal(commission_categories(&c), 1u << CM_COMMUNITY | 1u << CM_AKIMAT |
	    1u << CM_PUBLIC_COUNCIL);
	assert_int_equal(c.status, CAL_DRAFT);	/* the calendar itself is untouched */
	calendar_free(&c);

	/* Removed by number and by name; a member not there is refused. */
	assert_int_equal(commission_remove(f->s, 2026, "2", &e), 0);
	assert_int_equal(commission_remove(f->s, 2026, "омаров ерлан", &e), 0);
	assert_int_equal(commission_remove(f->s, 2026, "3", &e), -1);
	assert_non_null(strstr(e.msg, "no member 3 (it has 1)"));
	assert_int_equal(commission_remove(f->s, 2026, "Нұрлан", &e), -1);
	assert_int_equal(commission_list(f->s, 2026, &c, &e), 0);
	assert_int_equal(c.ncommission, 1);
	assert_string_equal(c.commission[0].name, "Асанов Серік");
	calendar_free(&c);
	/* A removed member may join again. */
	assert_int_equal(commission_add(f->s, 2026, "Омаров Ерлан", CM_PUBLIC_COUNCIL, &e), 0);
	assert_int_equal(commission_list(f->s, 2026, &c, &e), 0);
	assert_int_equal(c.ncommission, 2);
	calendar_free(&c);
}

static void
test_p1_commission_reaches_the_rules(void **state)
{
	struct fixture *f = *state;
	struct compliance cp;
	struct kz_error e;

	assert_int_equal(commission_add(f->s, 2026, "Асанов Серік", CM_COMMUNITY, &e), 0);
	assert_int_equal(compliance_load(f->s, date_from_ymd(2026, 1, 1),
	    date_from_ymd(2027, 1, 1), 2026, 2026, &cp, &e), 0);
	assert_int_equal(cp.done[0].commission, RULES_P1_COMMUNITY);
	compliance_free(&cp);
	assert_int_equal(commission_add(f->s, 2026, "Омаров Ерлан", CM_PUBLIC_COUNCIL, &e), 0);
	assert_int_equal(compliance_load(f->s, date_from_ymd(2026, 1, 1),
	    date_from_ymd(2027, 1, 1), 2026, 2026, &cp, &e), 0);
	assert_int_equal(cp.done[0].commission, RULES_P1_BOTH);
	compliance_free(&cp);
}

static void
test_p2_requests_need_a_channel_and_come_before_the_meeting(void **state)
{
	struct fixture *f = *state;
	struct kz_uuid v = add_visit(f->s, 4, 10, VISIT_HELD, NULL), later;
	struct rec_array a = { 0 };
	struct question q;
	struct compliance cp;
	struct kz_error e;
	struct issue is;
	struct kz_uuid ids[2];

	question_init(&q);
	q.visit = v;
	q.text = strdup("Ауылға су керек");
	/* P-2: no channel, no request. */
	assert_int_equal(request_add(f->s, &q, date_from_ymd(2026, 4, 1), &e), -1);
	assert_non_null(strstr(e.msg, "how it came is required"));
	q.channel = QC_BLOG;
	/* After its meeting of 10 April, and in the future: refused. */
	assert_int_equal(request_add(f->s, &q, date_from_ymd(2026, 4, 11), &e), -1);
	assert_non_null(strstr(e.msg, "after its meeting of 2026-04-10"));
	assert_int_equal(request_add(f->s, &q, date_from_ymd(2026, 4, 21), &e), -1);
	assert_non_null(strstr(e.msg, "a date in the future"));
	assert_int_equal(request_add(f->s, &q, date_from_ymd(2026, 4, 1), &e), 0);
	ids[0] = q.id;
	assert_int_equal(request_date(&q), date_from_ymd(2026, 4, 1));
	/* Before the meeting is chosen: a unit, later its meeting. */
	memset(&q.visit, 0, sizeof q.visit);
	q.channel = QC_IN_PERSON;
	assert_int_equal(request_add(f->s, &q, DATE_NONE, &e), -1);
	assert_non_null(strstr(e.msg, "--unit CODE"));
	memcpy(q.unit, OKRUG, 10);
	assert_int_equal(request_add(f->s, &q, DATE_NONE, &e), 0);
	ids[1] = q.id;
	question_free(&q);
	assert_int_equal(request_list(f->s, NULL, true, &a, &e), 0);
	assert_int_equal(a.n, 1);
	rec_array_free(&question_kind, &a);
	/* Dated today, it cannot belong to the meeting of 10 April; to a later one it can. */
	assert_int_equal(request_assign(f->s, &ids[1], &v, &e), -1);
	assert_non_null(strstr(e.msg, "after its meeting"));
	later = add_visit(f->s, 5, 12, VISIT_PLANNED, NULL);
	assert_int_equal(request_assign(f->s, &ids[1], &later, &e), 0);
	assert_int_equal(request_list(f->s, NULL, true, &a, &e), 0);
	assert_int_equal(a.n, 0);
	rec_array_free(&question_kind, &a);
	assert_int_equal(request_list(f->s, NULL, false, &a, &e), 0);
	assert_int_equal(a.n, 2);
	rec_array_free(&question_kind, &a);

	/* A question of the pool added as a question still needs its channel. */
	question_init(&q);
	q.source = QS_POOL;
	q.text = strdup("Жол");
	assert_int_equal(question_add(f->s, &q, &e), -1);
	question_free(&q);

	/* Requests link to a problem issue as questions do. */
	issue_init(&is);
	is.title = strdup("Ағыбет: су");
	assert_int_equal(issue_add(f->s, &is, &e), 0);
	assert_int_equal(issue_link(f->s, &is.id, ids, 2, false, &e), 0);
	assert_int_equal(question_list_issue(f->s, &is.id, &a, &e), 0);
	assert_int_equal(a.n, 2);
	rec_array_free(&question_kind, &a);
	issue_free(&is);

	/* P-2 in check: the held meeting has one request. */
	assert_int_equal(compliance_load(f->s, date_from_ymd(2026, 1, 1),
	    date_from_ymd(2027, 1, 1), 2026, 2026, &cp, &e), 0);
	assert_int_equal(compliance_count_requests(f->s, &cp, &e), 0);
	assert_int_equal(cp.rv[0].requests, 1);
	compliance_free(&cp);
}

/* Many questions of a meeting in one transaction, then one request without a meeting. */
static int
many_fn(struct store_txn *t, void *arg)
{
	const struct kz_uuid *v = arg;
	struct question q;
	int rc = 0;

	for (int k = 0; k < 2100 && rc == 0; k++) {
		question_init(&q);
		q.visit = *v;
		q.text = strdup("Сұрақ");
		rc = question_add_tx(t, &q);
		question_free(&q);
	}
	question_init(&q);
	q.source = QS_POOL;
	q.channel = QC_OTHER;
	memcpy(q.unit, OKRUG, 10);
	q.text = strdup("Соңғы өтініш");
	if (rc == 0)
		rc = question_add_tx(t, &q);
	question_free(&q);
	return rc;
}

/* request_list reads every question a page at a time: the request after two pages shows. */
static void
test_p2_unassigned_requests_past_a_page_of_questions(void **state)
{
	struct fixture *f = *state;
	struct kz_uuid v = add_visit(f->s, 4, 10, VISIT_HELD, NULL);
	struct rec_array a = { 0 };
	struct kz_error e;

	assert_int_equal(store_write(f->s, many_fn, &v, &e), 0);
	assert_int_equal(request_list(f->s, NULL, true, &a, &e), 0);
	assert_int_equal(a.n, 1);
	assert_string_equal(((struct question *)a.items)[0].text, "Соңғы өтініш");
	rec_array_free(&question_kind, &a);
	assert_int_equal(request_list(f->s, &v, false, &a, &e), 0);
	assert_int_equal(a.n, 0);	/* the hall's questions are no requests */
	rec_array_free(&question_kind, &a);
}

/* What an older store holds: free text in channels, written past today's check. */
static int
old_channels_fn(struct store_txn *t, void *arg)
{
	struct visit v;
	int rc;

	if (visit_get_tx(t, arg, &v) != 0)
		return -1;
	free(v.channels);
	v.channels = strdup("аудандық газет");
	rc = rec_save(t, &visit_kind, &v);
	visit_free(&v);
	return rc;
}

static int
set_venue(struct visit *v, void *arg, struct kz_error *e)
{
	(void)e;
	free(v->venue);
	v->venue = strdup(arg);
	return 0;
}

static int
set_channels(struct visit *v, void *arg, struct kz_error *e)
{
	(void)e;
	free(v->channels);
	v->channels = strdup(arg);
	return 0;
}

static void
test_p3_channels_from_the_decrees_list(void **state)
{
	struct fixture *f = *state;
	struct kz_uuid v = add_visit(f->s, 5, 20, VISIT_PLANNED, "social, print,social");
	struct visit got;
	struct compliance cp;
	struct kz_error e;

	assert_int_equal(visit_get(f->s, &v, &got, &e), 0);
	assert_string_equal(got.channels, "print,social");
	visit_free(&got);
	assert_int_equal(visit_modify(f->s, &v, set_channels, (char *)"радио", &e), -1);
	assert_non_null(strstr(e.msg, "'радио' is not in the decree's list (P-3: print, radio"));
	/* a doubled comma names nothing more (core/namelist.h), as A-1's and M-2's lists */
	assert_int_equal(visit_modify(f->s, &v, set_channels, (char *)"print,,radio", &e), 0);
	assert_int_equal(visit_get(f->s, &v, &got, &e), 0);
	assert_string_equal(got.channels, "print,radio");
	visit_free(&got);
	assert_int_equal(visit_modify(f->s, &v, set_channels, (char *)" , ", &e), -1);
	assert_non_null(strstr(e.msg, "names no channel"));
	assert_int_equal(visit_modify(f->s, &v, set_channels, (char *)"egov,radio", &e), 0);

	/* An older store's free text: kept through other edits, refused once changed. */
	assert_int_equal(store_write(f->s, old_channels_fn, &v, &e), 0);
	assert_int_equal(visit_modify(f->s, &v, set_venue, (char *)"Мектеп", &e), 0);
	assert_int_equal(visit_get(f->s, &v, &got, &e), 0);
	assert_string_equal(got.channels, "аудандық газет");
	assert_string_equal(got.venue, "Мектеп");
	visit_free(&got);
	assert_int_equal(visit_modify(f->s, &v, set_channels, (char *)"облыстық газет", &e), -1);
	/* The rules count it as channels recorded. */
	assert_int_equal(compliance_load(f->s, date_from_ymd(2026, 1, 1),
	    date_from_ymd(2027, 1, 1), 2026, 2026, &cp, &e), 0);
	assert_true(cp.rv[0].channels_recorded);
	compliance_free(&cp);
}

/* the issues raised at a meeting are read through an index that came after stores
 * were in use; a store written before it gets it filled at its first writable open. */
static int
forget_visit_index_fn(struct store_txn *t, void *arg)
{
	(void)arg;
	if (store_clear(t, DB_ISSUES_BY_VISIT) != 0)
		return -1;
	return store_del(t, DB_META, "issues_by_visit", strlen("issues_by_visit"));
}

static void
test_a3_issues_by_meeting_filled_for_a_store_written_before_the_index(void **state)
{
	struct fixture *f = *state;
	struct kz_uuid v = add_visit(f->s, 4, 10, VISIT_HELD, NULL);
	struct kz_error e = { 0 };
	struct rec_array a = { 0 };
	struct office *o = NULL;
	struct issue is;

	issue_init(&is);
	is.title = strdup("Ағыбет: көпір");
	is.visit = v;
	assert_int_equal(issue_add(f->s, &is, &e), 0);
	issue_free(&is);
	assert_int_equal(issue_list_visit(f->s, &v, &a, &e), 0);
	assert_int_equal(a.n, 1);
	rec_array_free(&issue_kind, &a);

	/* As an earlier build left it: the issue, no entry in the index, no mark. */
	assert_int_equal(store_write(f->s, forget_visit_index_fn, NULL, &e), 0);
	assert_int_equal(issue_list_visit(f->s, &v, &a, &e), 0);
	assert_int_equal(a.n, 0);
	rec_array_free(&issue_kind, &a);
	store_close(&f->s);

	/* Read-only, it stays as it is; the first writable open fills it. */
	assert_int_equal(office_open(f->dir, OFFICE_RDONLY, &o, &e), 0);
	assert_int_equal(issue_list_visit(office_store(o), &v, &a, &e), 0);
	assert_int_equal(a.n, 0);
	rec_array_free(&issue_kind, &a);
	office_close(&o);
	assert_int_equal(office_open(f->dir, 0, &o, &e), 0);
	assert_int_equal(issue_list_visit(office_store(o), &v, &a, &e), 0);
	assert_int_equal(a.n, 1);
	rec_array_free(&issue_kind, &a);
	office_close(&o);
	assert_int_equal(store_open(f->dir, 0, &f->s, &e), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_p1_commission_members_are_a_set_of_the_year,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_p1_commission_reaches_the_rules, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    test_p2_requests_need_a_channel_and_come_before_the_meeting, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_p2_unassigned_requests_past_a_page_of_questions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_p3_channels_from_the_decrees_list, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    test_a3_issues_by_meeting_filled_for_a_store_written_before_the_index, setup,
		    teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
