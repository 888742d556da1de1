/*
 * ui/triage_filter: the Triage pane's filters (issue 8, "Triage": status, level, overdue,
 * topic, unit, executor), on issues built in memory.
 */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "ui/triage_filter.h"
#include "util/xmalloc.h"

static void
make(struct issue *i, int status, int level, const char *topic, const char *unit,
    const char *executor, kz_date deadline)
{
	issue_init(i);
	i->title = xstrdup("Жол");
	i->status = status;
	i->level = level;
	i->topic = topic != NULL ? xstrdup(topic) : NULL;
	snprintf(i->unit, sizeof i->unit, "%s", unit);
	i->executor = executor != NULL ? xstrdup(executor) : NULL;
	i->deadline = deadline;
}

static void
test_filters(void **state)
{
	struct triage_filter f = { .status = -1, .level = -1 };
	kz_date today = date_from_ymd(2026, 12, 1);
	struct issue a, b, c;
	char why[200], words[200];

	(void)state;
	/* a: new, district, roads, a village of the district, Асанов, past its deadline */
	make(&a, ISSUE_NEW, LEVEL_DISTRICT, "Жолдар", "613633100", "Асанов Қ.",
	    date_from_ymd(2026, 11, 1));
	/* b: resolved, own, water, another rural district, Петров, past (but closed) */
	make(&b, ISSUE_RESOLVED, LEVEL_OWN, "Вода", "613635000", "ПЕТРОВ И.",
	    date_from_ymd(2026, 10, 1));
	/* c: in work, region, no topic, the district itself, no executor, no deadline */
	make(&c, ISSUE_IN_WORK, LEVEL_REGION, NULL, "613600000", NULL, DATE_NONE);
	assert_false(triage_filter_any(&f));
	assert_true(triage_filter_match(&f, &a, today) && triage_filter_match(&f, &b, today) &&
	    triage_filter_match(&f, &c, today));

	/* executor: a part of the name in any case, Kazakh letters folded too */
	assert_int_equal(triage_filter_set(&f, -1, -1, false, NULL, NULL, "асанов қ", why,
	    sizeof why), 0);
	assert_true(triage_filter_match(&f, &a, today));
	assert_false(triage_filter_match(&f, &b, today));
	assert_false(triage_filter_match(&f, &c, today));
	assert_int_equal(triage_filter_set(&f, -1, -1, false, NULL, NULL, "петров", why,
	    sizeof why), 0);
	assert_true(triage_filter_match(&f, &b, today));
	assert_false(triage_filter_match(&f, &a, today));

	/* topic: Russian upper case finds lower case */
	assert_int_equal(triage_filter_set(&f, -1, -1, false, "ВОД", NULL, NULL, why,
	    sizeof why), 0);
	assert_true(triage_filter_match(&f, &b, today));
	assert_false(triage_filter_match(&f, &a, today));
	assert_false(triage_filter_match(&f, &c, today));
	assert_int_equal(triage_filter_set(&f, -1, -1, false, "ЖОЛ", NULL, NULL, why,
	    sizeof why), 0);
	assert_true(triage_filter_match(&f, &a, today));

	/* overdue: open and past its deadline; a closed one past its deadline is not */
	assert_int_equal(triage_filter_set(&f, -1, -1, true, NULL, NULL, NULL, why,
	    sizeof why), 0);
	assert_true(triage_filter_match(&f, &a, today));
	assert_false(triage_filter_match(&f, &b, today));
	assert_false(triage_filter_match(&f, &c, today));
	/* on the deadline's own day it is not overdue yet */
	assert_false(triage_filter_match(&f, &a, date_from_ymd(2026, 11, 1)));

	/* status and level */
	assert_int_equal(triage_filter_set(&f, ISSUE_IN_WORK, -1, false, NULL, NULL, NULL,
	    why, sizeof why), 0);
	assert_true(triage_filter_match(&f, &c, today));
	assert_false(triage_filter_match(&f, &a, today));
	assert_int_equal(triage_filter_set(&f, -1, LEVEL_DISTRICT, false, NULL, NULL, NULL,
	    why, sizeof why), 0);
	assert_true(triage_filter_match(&f, &a, today));
	assert_false(triage_filter_match(&f, &c, today));

	/* unit: the unit and everything under it */
	assert_int_equal(triage_filter_set(&f, -1, -1, false, NULL, "613633000", NULL, why,
	    sizeof why), 0);
	assert_true(triage_filter_match(&f, &a, today));
	assert_false(triage_filter_match(&f, &b, today));
	assert_false(triage_filter_match(&f, &c, today));
	assert_int_equal(triage_filter_set(&f, -1, -1, false, NULL, "613600000", NULL, why,
	    sizeof why), 0);
	assert_true(triage_filter_match(&f, &a, today) && triage_filter_match(&f, &b, today) &&
	    triage_filter_match(&f, &c, today));
	assert_int_equal(triage_filter_set(&f, -1, -1, false, NULL, "613633100", NULL, why,
	    sizeof why), 0);
	assert_true(triage_filter_match(&f, &a, today));
	assert_false(triage_filter_match(&f, &c, today));

	/* filters combine */
	assert_int_equal(triage_filter_set(&f, ISSUE_NEW, LEVEL_DISTRICT, true, "жол",
	    "613633000", "асан", why, sizeof why), 0);
	assert_true(triage_filter_any(&f));
	assert_true(triage_filter_match(&f, &a, today));
	triage_filter_describe(&f, words, sizeof words);
	assert_string_equal(words, "status new, district level, overdue, topic жол, "
	    "unit 613633*, executor асан");
	assert_int_equal(triage_filter_set(&f, ISSUE_IN_WORK, LEVEL_DISTRICT, true, "жол",
	    "613633000", "асан", why, sizeof why), 0);
	assert_false(triage_filter_match(&f, &a, today));

	/* a bad unit is refused and the filters stay as they were */
	assert_int_equal(triage_filter_set(&f, -1, -1, false, NULL, "6136", NULL, why,
	    sizeof why), -1);
	assert_string_equal(why, "unit: '6136' is not a KATO code (nine digits)");
	assert_int_equal(f.status, ISSUE_IN_WORK);

	triage_filter_free(&f);
	assert_false(triage_filter_any(&f));
	issue_free(&a);
	issue_free(&b);
	issue_free(&c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_filters),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
