#include "core/unit.h"

#include <string.h>

const char *const unit_type_names[UNIT_TYPE_COUNT] = {
	[UNIT_UNKNOWN] = "UNKNOWN",
	[UNIT_REGION] = "REGION",
	[UNIT_CITY_REP] = "CITY_REP",
	[UNIT_DISTRICT] = "DISTRICT",
	[UNIT_CITY_REG] = "CITY_REG",
	[UNIT_CITY_DIST] = "CITY_DIST",
	[UNIT_CITY_DISTRICT] = "CITY_DISTRICT",
	[UNIT_RURAL_OKRUG] = "RURAL_OKRUG",
	[UNIT_VILLAGE] = "VILLAGE",
	[UNIT_SETTLEMENT] = "SETTLEMENT",
	[UNIT_CITY] = "CITY",
	[UNIT_VILLAGE_LOC] = "VILLAGE_LOC",
	[UNIT_SETTLEMENT_LOC] = "SETTLEMENT_LOC",
	[UNIT_OTHER_LOC] = "OTHER_LOC",
	[UNIT_MICRODISTRICT] = "MICRODISTRICT",
	[UNIT_GOVERNMENT] = "GOVERNMENT",
};

const char *
unit_type_name(enum unit_type t)
{
	if ((unsigned)t >= UNIT_TYPE_COUNT)
		return unit_type_names[UNIT_UNKNOWN];
	return unit_type_names[t];
}

bool
unit_type_has_akim(enum unit_type t)
{
	return t >= UNIT_REGION && t <= UNIT_SETTLEMENT;
}

bool
unit_code_valid(const char *s)
{
	for (int i = 0; i < UNIT_CODE_LEN; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return s[UNIT_CODE_LEN] == '\0';
}

bool
unit_is_government(const char *code)
{
	return code != NULL && strcmp(code, UNIT_GOVERNMENT_CODE) == 0;
}
