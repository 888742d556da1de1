/*
 * Administrative units: KATO's regions, districts, okrugs, villages and localities, plus
 * microdistricts that offices add by hand. Keyed by the 9-digit KATO code.
 */
#ifndef KZ_UNIT_H
#define KZ_UNIT_H

#include <stdbool.h>
#include <stddef.h>

enum unit_type {
	UNIT_UNKNOWN = 0,
	/* Units with an akim of their own (RULES.md, "Levels of akim"). */
	UNIT_REGION,		/* oblys */
	UNIT_CITY_REP,		/* Astana, Almaty, Shymkent */
	UNIT_DISTRICT,		/* audan */
	UNIT_CITY_REG,		/* city of regional significance (its administration) */
	UNIT_CITY_DIST,		/* city of district significance (its administration) */
	UNIT_CITY_DISTRICT,	/* district within a city */
	UNIT_RURAL_OKRUG,	/* с.о. / а.о. */
	UNIT_VILLAGE,		/* village administration: с.а. / а.ә. */
	UNIT_SETTLEMENT,	/* settlement administration: п.а. / к.ә. */
	/* Places without an akim of their own. */
	UNIT_CITY,		/* the city proper under a city administration (г. / қ.) */
	UNIT_VILLAGE_LOC,	/* a village (с. / а.) */
	UNIT_SETTLEMENT_LOC,	/* a settlement (п. / к.) */
	UNIT_OTHER_LOC,		/* station, siding, farm, wintering ground: never a target */
	UNIT_MICRODISTRICT,	/* added by an office under its city; not in KATO */
	UNIT_TYPE_COUNT
};

#define UNIT_CODE_LEN 9

/* The type's stable name as written in tsv/json and on the command line ("RURAL_OKRUG"). */
const char *unit_type_name(enum unit_type t);
/* The inverse of unit_type_name; UNIT_UNKNOWN when s names no type. */
enum unit_type unit_type_from_name(const char *s);
/* True for the types whose head is an akim (the levels of RULES.md). */
bool unit_type_has_akim(enum unit_type t);
/* True when s is exactly nine ASCII digits. */
bool unit_code_valid(const char *s);

#endif
