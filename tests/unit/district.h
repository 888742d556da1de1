/* A test store for the office of Бәйдібек district, with the 75 units of the demo's sample. */
#ifndef KZ_TEST_DISTRICT_H
#define KZ_TEST_DISTRICT_H

#include "testutil.h"

#include "core/kato.h"
#include "core/node.h"
#include "core/unit.h"

extern const char demo_units_csv[];

#define TEST_DISTRICT "613600000"

static inline struct store *
test_district_store(char **dir)
{
	struct kato_table kt = { 0 };
	struct unit_import_stats st;
	struct kz_error e;
	struct store *s = test_store(dir);

	if (kato_parse(demo_units_csv, strlen(demo_units_csv), "sample", &kt, &e) != 0 ||
	    node_init(s, TEST_DISTRICT, &e) != 0 ||
	    unit_import(s, &kt, "2026-07-17", false, &st, &e) != 0)
		fail_msg("%s", e.msg);
	assert_int_equal(st.added, kt.n);
	kato_table_free(&kt);
	return s;
}

#endif
