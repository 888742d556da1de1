/* core/unit_names: names of units in Kazakh or Russian. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/unit.h"
#include "core/unit_names.h"

static void
test_unit_names_lang(void **state)
{
	(void)state;
	assert_int_equal(unit_names_lang(NULL), LANG_KK);
	assert_int_equal(unit_names_lang(""), LANG_KK);
	assert_int_equal(unit_names_lang("C"), LANG_KK);
	assert_int_equal(unit_names_lang("C.UTF-8"), LANG_KK);
	assert_int_equal(unit_names_lang("kk_KZ.UTF-8"), LANG_KK);
	assert_int_equal(unit_names_lang("en_US.UTF-8"), LANG_KK);
	assert_int_equal(unit_names_lang("ru"), LANG_RU);
	assert_int_equal(unit_names_lang("ru_RU.UTF-8"), LANG_RU);
	assert_int_equal(unit_names_lang("ru_KZ"), LANG_RU);
	assert_int_equal(unit_names_lang("ru.UTF-8"), LANG_RU);
	assert_int_equal(unit_names_lang("ru@latin"), LANG_RU);
	assert_int_equal(unit_names_lang("rue_UA"), LANG_KK);	/* Rusyn */
	assert_int_equal(unit_names_lang("RU_RU"), LANG_KK);	/* locale names are case-sensitive */
}

static void
test_unit_name_falls_back(void **state)
{
	struct unit u;
	char kk[] = "Бәйдібек ауданы", ru[] = "район Байдибека", none[] = "";

	(void)state;
	memset(&u, 0, sizeof u);
	memcpy(u.code, "613600000", 10);
	u.name_kk = kk;
	u.name_ru = ru;
	assert_string_equal(unit_name(&u, LANG_KK), kk);
	assert_string_equal(unit_name(&u, LANG_RU), ru);
	u.name_ru = none;
	assert_string_equal(unit_name(&u, LANG_RU), kk);
	u.name_ru = ru;
	u.name_kk = NULL;
	assert_string_equal(unit_name(&u, LANG_KK), ru);
	u.name_ru = NULL;
	assert_string_equal(unit_name(&u, LANG_RU), "613600000");
	assert_string_equal(unit_name(&u, LANG_KK), "613600000");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_unit_names_lang),
		cmocka_unit_test(test_unit_name_falls_back),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
