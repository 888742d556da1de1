/*
 * core/scope.c: the KATO tree as code prefixes (checked against the classifier's own
 * parent rule on the whole real classifier), the direction of a peer, what goes up and
 * what goes down per record kind (issue 10, DESIGN.md "Sync by bundles"), and citizens'
 * personal data named per kind, with every text field of every kind reviewed.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/kato.h"
#include "core/record.h"
#include "core/scope.h"
#include "store/state.h"
#include "store/store.h"

#define KATO_FILE "/data/kato/kato-2026-07-17.csv"

#define GOV "000000000"
#define REGION "610000000"	/* Түркістан облысы */
#define DISTRICT "613600000"	/* Бәйдібек ауданы */
#define OKRUG "613633000"	/* Ағыбет а.о. */
#define VILLAGE "613633100"	/* a village of the okrug */
#define OKRUG2 "613630000"	/* Шаян а.о., beside OKRUG */
#define VILLAGE2 "613630100"
#define DISTRICT2 "613800000"	/* another district of the region */

static void
test_within(void **state)
{
	(void)state;
	assert_true(scope_within(VILLAGE, OKRUG));
	assert_true(scope_within(VILLAGE, DISTRICT));
	assert_true(scope_within(VILLAGE, REGION));
	assert_true(scope_within(OKRUG, OKRUG));
	assert_false(scope_within(OKRUG, VILLAGE));
	assert_false(scope_within(DISTRICT, OKRUG));
	assert_false(scope_within(VILLAGE2, OKRUG));
	assert_false(scope_within(OKRUG, DISTRICT2));
	/* An H00 locality holds the codes of its hundred: KATO's first parent candidate. */
	assert_true(scope_within("613633105", "613633100"));
	assert_false(scope_within("613633205", "613633100"));
	/* A local unit (a microdistrict, 999 downwards under a city) is its parent's. */
	assert_true(scope_within("613633999", OKRUG));
	/* The Government holds every unit (RULES.md, the levels' interpretation). */
	assert_true(scope_within(REGION, GOV));
	assert_true(scope_within("751000000", GOV));
	assert_false(scope_within(GOV, REGION));
	/* Not codes: nothing. */
	assert_false(scope_within("61363", DISTRICT));
	assert_false(scope_within(VILLAGE, "6136x0000"));
}

static char *
read_shared(const char *rel, size_t *len)
{
	const char *top = getenv("KZ_SHARED");
	char path[1024];
	FILE *f;
	char *buf;
	long n;

	if (top == NULL)
		fail_msg("KZ_SHARED is not set (tests/run.sh sets it)");
	snprintf(path, sizeof path, "%s%s", top, rel);
	if ((f = fopen(path, "rb")) == NULL)
		fail_msg("cannot open %s: the shared data is required", path);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n > 0);
	rewind(f);
	buf = malloc((size_t)n);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return buf;
}

static int
cmp_code(const void *a, const void *b)
{
	return strcmp(a, b);
}

/*
 * The prefix rule is KATO's parent rule: on the whole classifier, every unit's ancestors
 * (by the parents kato_parse found) hold it, and each unit's subtree by prefix has exactly
 * as many units as by the parents.
 */
static void
test_within_is_the_tree(void **state)
{
	struct kato_table t = { 0 };
	struct kz_error e = { 0 };
	size_t len, *count, mismatches = 0;
	char (*codes)[10];
	char *buf = read_shared(KATO_FILE, &len);

	(void)state;
	if (kato_parse(buf, len, "kato.csv", &t, &e) != 0)
		fail_msg("kato_parse: %s", e.msg);
	free(buf);
	assert_true(t.n > 15000);
	count = calloc(t.n, sizeof *count);
	codes = calloc(t.n, sizeof *codes);
	for (size_t i = 0; i < t.n; i++) {
		const struct kato_unit *u = &t.units[i];

		memcpy(codes[i], u->code, 10);
		/* The unit itself and each ancestor: a subtree counts its root. */
		for (int depth = 0; u != NULL && depth < 16; depth++) {
			if (!scope_within(t.units[i].code, u->code))
				fail_msg("%s is under %s by its parents, not by prefix",
				    t.units[i].code, u->code);
			count[u - t.units]++;
			u = u->parent[0] != '\0' ? kato_find(&t, u->parent) : NULL;
		}
		assert_true(scope_within(t.units[i].code, GOV));
	}
	qsort(codes, t.n, sizeof *codes, cmp_code);
	for (size_t i = 0; i < t.n; i++) {
		size_t n = 0;
		const char *anc = t.units[i].code;
		/* Codes in a subtree are one run of the sorted list, starting at its root. */
		const char (*p)[10] = bsearch(anc, codes, t.n, sizeof *codes, cmp_code);

		assert_non_null(p);
		for (size_t k = (size_t)(p - codes); k < t.n && scope_within(codes[k], anc); k++)
			n++;
		if (n != count[i] && mismatches++ < 5)
			print_message("# %s: %zu by prefix, %zu by parents\n", anc, n, count[i]);
	}
	assert_int_equal(mismatches, 0);
	free(count);
	free(codes);
	kato_table_free(&t);
}

static void
test_direction(void **state)
{
	(void)state;
	assert_int_equal(scope_direction(DISTRICT, REGION), SCOPE_UP);
	assert_int_equal(scope_direction(DISTRICT, GOV), SCOPE_UP);
	assert_int_equal(scope_direction(OKRUG, REGION), SCOPE_UP);
	assert_int_equal(scope_direction(DISTRICT, OKRUG), SCOPE_DOWN);
	assert_int_equal(scope_direction(GOV, VILLAGE), SCOPE_DOWN);
	assert_int_equal(scope_direction(DISTRICT, DISTRICT2), SCOPE_BESIDE);
	assert_int_equal(scope_direction(OKRUG, OKRUG2), SCOPE_BESIDE);
	assert_int_equal(scope_direction(DISTRICT, DISTRICT), SCOPE_BESIDE);
	assert_int_equal(scope_direction(GOV, GOV), SCOPE_BESIDE);
	assert_int_equal(scope_direction(DISTRICT, "nonsense!"), SCOPE_BESIDE);
	assert_string_equal(scope_dir_name(SCOPE_UP), "up");
	assert_string_equal(scope_dir_name(SCOPE_DOWN), "down");
	assert_string_equal(scope_dir_name(SCOPE_BESIDE), "beside");
}

static struct scope_place
at(unsigned kind, const char *owner, const char *where, bool kato)
{
	struct scope_place pl;

	memset(&pl, 0, sizeof pl);
	pl.kind = kind;
	snprintf(pl.owner, sizeof pl.owner, "%s", owner);
	snprintf(pl.where, sizeof pl.where, "%s", where);
	pl.kato = kato;
	return pl;
}

/* The district's store: what goes up to the region, what goes down to the okrug. */
struct send_case {
	const char *what;
	unsigned kind;
	const char *owner, *where;
	bool kato;
	bool up, down;	/* to REGION, to OKRUG */
};

static const struct send_case cases[] = {
	{ "the district akim's meeting in its own seat", DB_VISITS, DISTRICT, "", false, true, false },
	{ "the district akim's meeting in the okrug's village (C-3)", DB_VISITS, DISTRICT, VILLAGE,
	  false, true, true },
	{ "the district akim's meeting in another okrug", DB_VISITS, DISTRICT, VILLAGE2, false, true,
	  false },
	{ "the okrug akim's meeting, relayed up", DB_VISITS, OKRUG, VILLAGE, false, true, true },
	{ "the other okrug's meeting: not the okrug's", DB_VISITS, OKRUG2, "", false, true, false },
	{ "the region akim's meeting held here (came down)", DB_VISITS, REGION, VILLAGE, false, false,
	  true },
	{ "a question of the okrug's meeting", DB_QUESTIONS, OKRUG, VILLAGE, false, true, true },
	{ "a P-2 request for the other okrug", DB_QUESTIONS, OKRUG2, "", false, true, false },
	{ "an A-1 reception after the district's meeting", DB_RECEPTIONS, DISTRICT, "", false, true,
	  false },
	{ "an issue of the okrug's village: its decision goes down", DB_ISSUES, VILLAGE, "", false,
	  true, true },
	{ "an issue of the other okrug", DB_ISSUES, VILLAGE2, "", false, true, false },
	{ "an issue of the region's own, came down", DB_ISSUES, REGION, "", false, false, false },
	{ "the district's K-1 calendar: up, and down to the okrugs it lists", DB_CALENDARS, DISTRICT,
	  "", false, true, true },
	{ "the region's calendar, came down, relayed down", DB_CALENDARS, REGION, "", false, false,
	  true },
	{ "the Government's calendar (G-1), relayed down", DB_CALENDARS, GOV, "", false, false,
	  true },
	{ "the okrug's calendar (P-1 commission in it)", DB_CALENDARS, OKRUG, "", false, true, true },
	{ "the other okrug's calendar", DB_CALENDARS, OKRUG2, "", false, true, false },
	{ "a day off: decided above, goes down only", DB_HOLIDAYS, "", "", false, false, true },
	{ "a classifier unit: never (units import)", DB_UNITS, VILLAGE, "", true, false, false },
	{ "a microdistrict of the okrug (local unit)", DB_UNITS, "613633999", "", false, true, true },
	{ "a conflict about the okrug's issue goes where the issue goes", DB_ISSUES, VILLAGE, "",
	  false, true, true },
	{ "a record that could not be placed goes nowhere", DB_QUESTIONS, "", "", false, false,
	  false },
};

static void
test_sends(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const struct send_case *c = &cases[i];
		struct scope_place pl = at(c->kind, c->owner, c->where, c->kato);
		bool up = scope_sends(&pl, DISTRICT, REGION, SCOPE_UP);
		bool down = scope_sends(&pl, DISTRICT, OKRUG, SCOPE_DOWN);

		if (up != c->up || down != c->down)
			fail_msg("%s: up %d down %d, want up %d down %d", c->what, up, down, c->up,
			    c->down);
		/* Nothing goes to an office beside. */
		assert_false(scope_sends(&pl, DISTRICT, DISTRICT2, SCOPE_BESIDE));
	}
}

static void
test_sends_government_and_relay(void **state)
{
	struct scope_place okrug_visit = at(DB_VISITS, OKRUG, VILLAGE, false);
	struct scope_place cal = at(DB_CALENDARS, GOV, "", false);

	(void)state;
	/* The okrug's record relayed by the district to the region, by the region up. */
	assert_true(scope_sends(&okrug_visit, OKRUG, DISTRICT, SCOPE_UP));
	assert_true(scope_sends(&okrug_visit, REGION, GOV, SCOPE_UP));
	/* The Government sends down what concerns each region, never up (it has no above). */
	assert_true(scope_sends(&okrug_visit, GOV, REGION, SCOPE_DOWN));
	assert_false(scope_sends(&okrug_visit, GOV, "710000000", SCOPE_DOWN));
	assert_true(scope_sends(&cal, GOV, VILLAGE, SCOPE_DOWN));
	assert_false(scope_sends(&cal, DISTRICT, REGION, SCOPE_UP));
}

static unsigned
tag_of(unsigned kind, const char *field)
{
	const struct schema_field *f = schema_field_named(rec_kind_of(kind)->desc, field);

	if (f == NULL)
		fail_msg("no field %s", field);
	return f->tag;
}

static void
test_personal(void **state)
{
	uint8_t path[STATE_PATH_MAX], eid[16] = { 1 };
	size_t n;

	(void)state;
	/* Every field the table names exists in its kind (a rename must update it). */
	for (size_t i = 0; i < scope_personal_n; i++)
		assert_non_null(schema_field_named(rec_kind_of(scope_personal_fields[i].kind)->desc,
		    scope_personal_fields[i].field));
	assert_true(scope_tag_personal(DB_QUESTIONS, tag_of(DB_QUESTIONS, "asker_name")));
	assert_true(scope_tag_personal(DB_QUESTIONS, tag_of(DB_QUESTIONS, "asker_contact")));
	assert_false(scope_tag_personal(DB_QUESTIONS, tag_of(DB_QUESTIONS, "text")));
	assert_false(scope_tag_personal(DB_QUESTIONS, tag_of(DB_QUESTIONS, "asker")));
	assert_false(scope_tag_personal(DB_ISSUES, tag_of(DB_QUESTIONS, "asker_name")));
	assert_false(scope_tag_personal(DB_HOLIDAYS, 3));
	n = state_path_tag(path, tag_of(DB_QUESTIONS, "asker_name"));
	assert_true(scope_path_personal(DB_QUESTIONS, path, n));
	n = state_path_tag(path, tag_of(DB_QUESTIONS, "topic"));
	assert_false(scope_path_personal(DB_QUESTIONS, path, n));
	n = state_path_elem(path, tag_of(DB_CALENDARS, "commission"), eid, 1);
	assert_false(scope_path_personal(DB_CALENDARS, path, n));
	assert_true(scope_conflict_personal(DB_QUESTIONS, "asker_contact"));
	assert_false(scope_conflict_personal(DB_QUESTIONS, "topic"));
	assert_false(scope_conflict_personal(DB_ISSUES, "asker_contact"));
	assert_false(scope_conflict_personal(DB_QUESTIONS, NULL));
}

/*
 * Every text field of every kind, as reviewed for personal data (core/scope.h says why
 * each is or is not): a kind that gains a text field fails here until it is classified.
 */
static const char reviewed[] =
    "unit.name_kk unit.name_ru unit.edition "
    "visit.time visit.reason visit.venue visit.channels visit.broadcast "
    "visit.old_commission_note visit.moved_reason visit.no_broadcast visit.invited "
    "question.text question.asker_name* question.asker_contact* question.topic question.answer "
    "issue.title issue.topic issue.executor issue.steps.text issue.steps.executor "
    "issue.decision issue.history.note issue.history.user issue.progress.quarter "
    "issue.progress.text issue.body "
    "calendar.revisions.reason calendar.commission.name "
    "reception.received_by day.name "
    "conflict.record conflict.field conflict.path conflict.loser_value conflict.kept ";

/* "kind.field " for each text field ("kind.list.field" inside lists), "*" when personal. */
static void
texts(unsigned kind, const char *pre, bool top, const struct schema_record *d, char *out,
    size_t cap)
{
	for (size_t i = 0; i < d->nfields; i++) {
		const struct schema_field *f = &d->fields[i];
		size_t o = strlen(out);

		if (f->type == SF_STR)
			snprintf(out + o, cap - o, "%s%s%s ", pre, f->name,
			    top && scope_tag_personal(kind, f->tag) ? "*" : "");
		else if (f->type == SF_LIST) {
			char sub[128];

			snprintf(sub, sizeof sub, "%s%s.", pre, f->name);
			texts(kind, sub, false, f->sub, out, cap);
		}
	}
}

static void
test_every_text_field_reviewed(void **state)
{
	char got[4096] = "";

	(void)state;
	for (unsigned db = 0; db < DB_COUNT; db++) {
		const struct rec_kind *k = rec_kind_of(db);
		char pre[64];

		if (k == NULL)
			continue;
		snprintf(pre, sizeof pre, "%s.", k->desc->name);
		texts(db, pre, true, k->desc, got, sizeof got);
	}
	assert_string_equal(got, reviewed);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_within),
		cmocka_unit_test(test_within_is_the_tree),
		cmocka_unit_test(test_direction),
		cmocka_unit_test(test_sends),
		cmocka_unit_test(test_sends_government_and_relay),
		cmocka_unit_test(test_personal),
		cmocka_unit_test(test_every_text_field_reviewed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
