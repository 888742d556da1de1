/*
 * KATO, the official classifier of administrative-territorial units: parsing the CSV the
 * Bureau of National Statistics publishes (columns te,ab,cd,ef,hij,k,kaz_name,rus_name) and
 * typing each row as one of the levels of RULES.md. Pure: no files, no printing.
 */
#ifndef KZ_KATO_H
#define KZ_KATO_H

#include <stddef.h>

#include "core/unit.h"
#include "util/log.h"

struct kato_unit {
	char code[10];		/* nine digits */
	char parent[10];	/* nearest existing ancestor's code; "" for a region / CITY_REP */
	enum unit_type type;
	int k;			/* the classifier's locality-type column, 0..4 */
	char *name_kk, *name_ru;	/* owned, UTF-8, as in the file (abbreviations kept) */
	unsigned line;		/* line number in the file, for messages */
};

struct kato_table {
	struct kato_unit *units;	/* owned; sorted by code */
	size_t n, cap;
};

/*
 * Parses a whole classifier CSV held in memory (buf need not end in NUL). *t is
 * overwritten: pass an empty table. On any bad row returns -1 with e->msg
 * "FNAME:LINE: reason", leaving *t empty; on success returns 0 and the caller frees *t
 * with kato_table_free.
 */
int kato_parse(const char *buf, size_t len, const char *fname, struct kato_table *t,
    struct kz_error *e);
/* Frees the units and their names and leaves *t empty. */
void kato_table_free(struct kato_table *t);
/* The type of one row, from the code and the names' abbreviations (UNIT_UNKNOWN if none fits). */
enum unit_type kato_classify(const char *code, int k, const char *name_kk, const char *name_ru);
/*
 * The codes a unit's parent may have, nearest first: AB CD EF H00, AB CD EF 000,
 * AB CD 00 000, AB 00 00 000, without the code itself and without repeats. The parent is
 * the first of them that exists. Returns how many were written.
 */
size_t kato_parent_candidates(const char *code, char cand[4][10]);
/* Binary search in a parsed table; NULL if absent. */
const struct kato_unit *kato_find(const struct kato_table *t, const char *code);

#endif
