/*
 * Administrative units: KATO's regions, districts, okrugs, villages and localities, plus
 * microdistricts that offices add by hand. Keyed by the 9-digit KATO code.
 */
#ifndef KZ_UNIT_H
#define KZ_UNIT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/record.h"
#include "core/schema.h"
#include "util/log.h"

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
	/* Above the regions: built into the program, never stored, no akim (RULES.md). */
	UNIT_GOVERNMENT,
	UNIT_TYPE_COUNT
};

#define UNIT_CODE_LEN 9

/*
 * The Government of the Republic of Kazakhstan (point 5 of the decree: G-1..G-3). KATO has
 * no row for it; RULES.md builds it in with this code, above the 17 regions and the 3 cities
 * of republican significance, so that its office can make a store of its own.
 */
#define UNIT_GOVERNMENT_CODE	"000000000"
#define UNIT_GOVERNMENT_KK	"Қазақстан Республикасының Үкіметі"
#define UNIT_GOVERNMENT_RU	"Правительство Республики Казахстан"

struct store;
struct store_txn;
struct kato_table;

/* A unit as stored (tags in unit.c). */
struct unit {
	char code[10];
	char parent[10];	/* "" for a region or a city of republican significance */
	int type;		/* enum unit_type */
	int k;			/* KATO's locality-type column; -1 for local units */
	char *name_kk, *name_ru;
	char *edition;		/* the KATO edition the unit was last imported from */
	bool local;		/* added by the office (microdistricts), not from KATO */
	bool retired;		/* absent from the newest edition imported; kept for old visits */
	struct schema_extra extra;
};

extern const struct rec_kind unit_kind;

/*
 * Reads a unit: 0, 1 when there is none, -1 on error. The Government (UNIT_GOVERNMENT_CODE)
 * is always there, built in; the roots of the classifier (regions, cities of republican
 * significance) keep their stored parent "".
 */
int unit_get_tx(struct store_txn *t, const char *code, struct unit *u);
/* Reads a unit; a missing one is an error "unit CODE: not found". */
int unit_get(struct store *s, const char *code, struct unit *u, struct kz_error *e);
void unit_free(struct unit *u);
/*
 * True when code is the unit anc or lies inside it (walking up the parents); every unit
 * in the store lies inside the Government.
 */
int unit_is_within_tx(struct store_txn *t, const char *code, const char *anc);

/*
 * The units under `under` (the unit itself first), or all units when under is NULL,
 * in code order. Under the Government: the Government, then every unit in the store, the
 * roots shown with the Government as their parent (they are its children for the rules).
 */
int unit_list(struct store *s, const char *under, struct rec_array *out, struct kz_error *e);
int unit_list_tx(struct store_txn *t, const char *under, struct rec_array *out);

struct unit_import_stats {
	size_t added, updated, unchanged, retired;
	size_t current;		/* KATO units in the store before, not retired */
	bool too_many;		/* refused: it would retire more than a tenth of them */
};

/*
 * Imports a parsed classifier in one transaction: new units are added, names and types of
 * known ones updated, units missing from this edition marked retired (never deleted, so
 * that visits and issues that name them keep their place). Local units are left alone.
 * An edition that would retire more than a tenth of the current units is refused, with
 * st->too_many set and st->retired of st->current saying how many, unless force is set.
 */
int unit_import(struct store *s, const struct kato_table *t, const char *edition, bool force,
    struct unit_import_stats *st, struct kz_error *e);

/* Adds a local unit (a microdistrict) under parent; writes its new code into code. */
int unit_add_local(struct store *s, const char *parent, enum unit_type type,
    const char *name_kk, const char *name_ru, char code[10], struct kz_error *e);

extern const char *const unit_type_names[UNIT_TYPE_COUNT];

/* The type's stable name as written in tsv/json and on the command line ("RURAL_OKRUG"). */
const char *unit_type_name(enum unit_type t);
/* True for the types whose head is an akim (the levels of RULES.md). */
bool unit_type_has_akim(enum unit_type t);
/* True when s is exactly nine ASCII digits. */
bool unit_code_valid(const char *s);
/* True when code is the Government's (UNIT_GOVERNMENT_CODE). */
bool unit_is_government(const char *code);
/*
 * A valid code's own digits: the code without the zero groups of the levels below it
 * (AB CD EF HHH), so that the codes starting with them are the unit and all under it
 * (filters by unit: issue list, the Triage pane).
 */
void unit_own_digits(const char *code, char out[UNIT_CODE_LEN + 1]);

#endif
