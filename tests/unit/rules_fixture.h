/*
 * Units typed in by hand from the KATO classifier (2026-07-17 edition) for the rules
 * tests: part of Turkistan region (61) and Almaty (75) with their real codes and types.
 * The microdistrict codes 6120109xx are made up, as offices add their own.
 */
#ifndef KZ_TEST_RULES_FIXTURE_H
#define KZ_TEST_RULES_FIXTURE_H

#include <stdbool.h>
#include <string.h>

#include "core/date.h"
#include "core/rules.h"

#define N(a)	(sizeof (a) / sizeof (a)[0])

static inline const struct rules_unit *
fixture_turkistan(size_t *n)
{
	static const struct rules_unit turkistan[] = {
		{ "610000000", "", UNIT_REGION },			/* Туркестанская область */
		{ "611000000", "610000000", UNIT_CITY_REG },		/* Туркестан Г.А. */
		{ "611010000", "611000000", UNIT_CITY },		/* г.Туркестан */
		{ "611600000", "610000000", UNIT_CITY_REG },		/* Арысь Г.А. */
		{ "611610000", "611600000", UNIT_CITY },		/* г.Арысь */
		{ "611633000", "611600000", UNIT_RURAL_OKRUG },		/* Акдалинский с.о. */
		{ "611633100", "611633000", UNIT_VILLAGE_LOC },		/* с.Акдала */
		{ "612000000", "610000000", UNIT_CITY_REG },		/* Кентау Г.А. */
		{ "612010000", "612000000", UNIT_CITY },		/* г.Кентау */
		{ "612010901", "612010000", UNIT_MICRODISTRICT },	/* made up */
		{ "612010902", "612010000", UNIT_MICRODISTRICT },	/* made up */
		{ "612033000", "612000000", UNIT_VILLAGE },		/* с.а.Ачисай */
		{ "612033100", "612033000", UNIT_VILLAGE_LOC },		/* с.Ачисай */
		{ "612039000", "612000000", UNIT_RURAL_OKRUG },		/* Карнакский с.о. */
		{ "612039100", "612039000", UNIT_VILLAGE_LOC },		/* с.Карнак */
		{ "612039200", "612039000", UNIT_VILLAGE_LOC },		/* с.Бургем */
		{ "613600000", "610000000", UNIT_DISTRICT },		/* район Байдибека */
		{ "613637000", "613600000", UNIT_RURAL_OKRUG },		/* Алгабасский с.о. */
		{ "613637100", "613637000", UNIT_VILLAGE_LOC },		/* с.Шакпак */
		{ "613637103", "613637100", UNIT_OTHER_LOC },		/* Чабанский жил.дом */
		{ "613637200", "613637000", UNIT_VILLAGE_LOC },		/* с.Казата */
		{ "613639000", "613600000", UNIT_RURAL_OKRUG },		/* Алмалинский с.о. */
		{ "613639100", "613639000", UNIT_VILLAGE_LOC },		/* с.Алмалы */
		{ "613639180", "613639100", UNIT_VILLAGE_LOC },		/* с.Байжансай */
		{ "613639200", "613639000", UNIT_VILLAGE_LOC },		/* с.Жарыкбас */
		{ "613639300", "613639000", UNIT_VILLAGE_LOC },		/* с.Байдибек */
		{ "613800000", "610000000", UNIT_DISTRICT },		/* Жетысайский район */
		{ "613820100", "613800000", UNIT_CITY },		/* г.Жетысай */
		{ "613833000", "613800000", UNIT_RURAL_OKRUG },		/* Абайский с.о. */
		{ "613833100", "613833000", UNIT_VILLAGE_LOC },		/* с.Халыктар достыгы */
		{ "613839000", "613800000", UNIT_RURAL_OKRUG },		/* с.о.Жолдасбая Ералиева */
		{ "613839100", "613839000", UNIT_VILLAGE_LOC },		/* с.Абай */
		{ "613843000", "613800000", UNIT_SETTLEMENT },		/* Асыкатинская п.а. */
		{ "613843100", "613843000", UNIT_SETTLEMENT_LOC },	/* п.Асыката */
	};

	*n = N(turkistan);
	return turkistan;
}

static inline const struct rules_unit *
fixture_almaty(size_t *n)
{
	static const struct rules_unit almaty[] = {
		{ "750000000", "", UNIT_CITY_REP },			/* г.Алматы */
		{ "751110000", "750000000", UNIT_CITY_DISTRICT },	/* Алмалинский район */
		{ "751210000", "750000000", UNIT_CITY_DISTRICT },	/* Алатауский район */
		{ "751310000", "750000000", UNIT_CITY_DISTRICT },	/* Ауэзовский район */
		{ "751410000", "750000000", UNIT_CITY_DISTRICT },	/* Бостандыкский район */
		{ "751510000", "750000000", UNIT_CITY_DISTRICT },	/* Жетысуский район */
		{ "751710000", "750000000", UNIT_CITY_DISTRICT },	/* Медеуский район */
		{ "751810000", "750000000", UNIT_CITY_DISTRICT },	/* Наурызбайский район */
		{ "751910000", "750000000", UNIT_CITY_DISTRICT },	/* Турксибский район */
	};

	*n = N(almaty);
	return almaty;
}

/* The type of a fixture unit of Turkistan, or UNIT_UNKNOWN. */
static inline enum unit_type
fixture_type(const char *code)
{
	size_t n;
	const struct rules_unit *u = fixture_turkistan(&n);

	for (size_t i = 0; i < n; i++)
		if (strcmp(u[i].code, code) == 0)
			return u[i].type;
	return UNIT_UNKNOWN;
}

static inline struct rules_tree *
turkistan_tree(void)
{
	size_t n;
	const struct rules_unit *u = fixture_turkistan(&n);

	return rules_tree_new(u, n);
}

static inline kz_date
ymd(int y, int m, int d)
{
	return date_from_ymd(y, m, d);
}

static inline struct rules_visit
visit(int id, const char *akim, const char *target, kz_date date, bool field,
    enum rules_visit_status status)
{
	struct rules_visit v;

	memset(&v, 0, sizeof v);
	v.id = id;
	strcpy(v.akim, akim);
	strcpy(v.target, target);
	v.date = date;
	v.field = field;
	v.status = status;
	v.announced_on = v.receptions_end = v.published_on = DATE_NONE;
	v.planned_min = 0;
	v.report_min = -1;
	return v;
}

/* What one finding about a meeting should be (needs cmocka.h included first). */
struct want_visit {
	int			 visit;
	const char		*rule;
	enum rules_status	 status;
	int			 days;
};

static inline void
assert_visit_findings(const struct rules_findings *f, const struct want_visit *w, size_t n)
{
	assert_int_equal(f->n, n);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(f->v[i].visit, w[i].visit);
		assert_string_equal(f->v[i].rule, w[i].rule);
		assert_int_equal(f->v[i].status, w[i].status);
		assert_int_equal(f->v[i].days, w[i].days);
	}
}

/*
 * What one coverage finding should be; value (the meetings that count) is compared only
 * by assert_states, the tests of assert_cover leaving it out.
 */
struct want_cover {
	const char		*target;
	enum rules_period	 period;
	enum rules_status	 status;
	int			 visit, value;
};

static inline void
assert_cover_findings(const struct rules_findings *f, const char *akim, const char *rule,
    const struct want_cover *w, size_t n, bool with_value)
{
	assert_int_equal(f->n, n);
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(f->v[i].rule, rule);
		assert_string_equal(f->v[i].akim, akim);
		assert_string_equal(f->v[i].target, w[i].target);
		assert_int_equal(f->v[i].period, w[i].period);
		assert_int_equal(f->v[i].status, w[i].status);
		assert_int_equal(f->v[i].visit, w[i].visit);
		if (with_value)
			assert_int_equal(f->v[i].value, w[i].value);
	}
}

static inline void
assert_cover(const struct rules_findings *f, const char *akim, const char *rule,
    const struct want_cover *w, size_t n)
{
	assert_cover_findings(f, akim, rule, w, n, false);
}

static inline void
assert_states(const struct rules_findings *f, const char *akim, const char *rule,
    const struct want_cover *w, size_t n)
{
	assert_cover_findings(f, akim, rule, w, n, true);
}

#endif
