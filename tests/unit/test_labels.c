/*
 * core/labels: the words for people of codes and field names (issue 8, "Languages"), in
 * English (no catalog bound: the msgids), where each is its own table's and a code list
 * keeps what it does not know.
 */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "core/announce.h"
#include "core/calendar.h"
#include "core/issue.h"
#include "core/labels.h"
#include "core/question.h"
#include "core/visit.h"

static void
test_enums(void **state)
{
	(void)state;
	assert_string_equal(label_enum(issue_level_names, LEVEL_DISTRICT), "district level");
	assert_string_equal(label_enum(audience_names, AUD_PUBLIC_ORG), "public organisation");
	/* "other" means three things: each table its own word */
	assert_string_equal(label_enum(audience_names, AUD_OTHER), "other category");
	assert_string_equal(label_enum(question_channel_names, QC_OTHER), "other channel");
	assert_string_equal(label_enum(announce_channel_names, AC_OTHER), "other mass media");
	/* statuses are their own msgids; no channel is no word */
	assert_string_equal(label_enum(issue_status_names, ISSUE_IN_WORK), "in-work");
	assert_string_equal(label_enum(question_channel_names, 0), "");
	/* a value a later version added is not read past the table */
	assert_string_equal(label_enum(issue_level_names, LEVEL_COUNT), "?");
	assert_string_equal(label_enum(issue_level_names, -1), "?");
	assert_string_equal(label_code(commission_category_names, CM_COUNT, "community"),
	    "community assembly");
	assert_string_equal(label_code(commission_category_names, CM_COUNT, "nobody"), "nobody");
}

static void
test_lists(void **state)
{
	char buf[64], small[20];
	const char *const *names;
	int n;

	(void)state;
	names = label_list_names("visit", "invited", &n);
	assert_ptr_equal(names, audience_names);
	assert_int_equal(n, AUD_COUNT);
	assert_null(label_list_names("visit", "venue", &n));
	assert_string_equal(label_list(audience_names, AUD_COUNT, "deputy,opposition", buf,
	    sizeof buf), "maslikhat deputy, opposition");
	/* an unknown word and empty parts: kept and skipped, never lost or doubled */
	assert_string_equal(label_list(audience_names, AUD_COUNT, ",party,,somebody,", buf,
	    sizeof buf), "political party, somebody");
	assert_string_equal(label_list(audience_names, AUD_COUNT, "", buf, sizeof buf), "");
	/* too long for the buffer: whole words only, always terminated */
	assert_string_equal(label_list(audience_names, AUD_COUNT, "party,public-org", small,
	    sizeof small), "political party");
}

static void
test_fields(void **state)
{
	(void)state;
	/* English keeps the json key; a name meaning two things drops its RECORD| prefix */
	assert_string_equal(label_field("visit", "announced_on"), "announced_on");
	assert_string_equal(label_field("visit", "started_ms"), "started");
	assert_string_equal(label_field("member", "name"), "name");
	assert_string_equal(label_field("visit", "field"), "field");
	assert_string_equal(label_field("conflict", "loser_hlc"), "loser_hlc");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_enums),
		cmocka_unit_test(test_lists),
		cmocka_unit_test(test_fields),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
