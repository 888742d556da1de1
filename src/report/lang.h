/*
 * A document's language and what it is written with: dates with their months, quarters,
 * counts and shares, units' names (report --lang kk|ru|en), whatever the language of the
 * program's messages.
 *
 * Build a document between report_lang_push and report_lang_pop: every _() in between is
 * in the document's language; what is said to the user (errors, "written to FILE") is
 * said after the pop, in theirs.
 */
#ifndef KZ_REPORT_LANG_H
#define KZ_REPORT_LANG_H

#include <stdbool.h>
#include <stddef.h>

#include "core/date.h"
#include "core/unit_names.h"

struct store;

/* "kk", "ru", "en": 0, else -1. */
int report_lang_valid(const char *code);
/* The language of a document when --lang is not given: the messages', else Kazakh. */
const char *report_lang_default(void);
/* Messages in the document's language until report_lang_pop (util/i18n.h). 0 or -1. */
int report_lang_push(const char *code);
void report_lang_pop(void);
/*
 * The language units are named in: Kazakh for kk, Russian for ru and en (KATO names units
 * in Kazakh and Russian only; en takes the Russian names, written in Cyrillic).
 */
enum lang report_lang_units(const char *code);

/* A date for people, in the current messages' language: «15 наурыз 2026 ж.», «15 марта
 * 2026 г.», "15 March 2026"; "" for DATE_NONE. Returns buf. */
const char *report_date(kz_date d, char *buf, size_t size);
/* A quarter for people: «2026 жылғы 3-тоқсан», «3-й квартал 2026 г.», "Q3 2026". */
const char *report_quarter(int year, int q, char *buf, size_t size);

/*
 * Personal data (issue 9): a count of people or of their questions that belongs to one
 * village (a rural unit) is published only from 3 up; 1 and 2 are shown as "<3" (0 is
 * shown: it singles no one out). hide: the count is of one rural unit.
 */
#define REPORT_SMALL 3
bool report_count_hidden(long n, bool hide);
/* n as it is published ("12", "<3"). Returns buf. */
const char *report_count(long n, bool hide, char *buf, size_t size);
/* part of whole as a whole percentage, "20 %" ("" when whole is 0). Returns buf. */
const char *report_share(long part, long whole, char *buf, size_t size);

/* An issue's status as a publication names it ("solved", "in work"), translated. */
const char *report_status(int status);
/* An issue's deadline for people, "(overdue)" added when it is overdue today. Returns buf. */
struct issue;
const char *report_deadline(const struct issue *i, kz_date today, char *buf, size_t size);
/*
 * A stored list of names ("akimat,police") as its labels, translated and joined by ", "
 * (labels[k] for names[k]; a name not in the list as it is). malloc'd.
 */
char *report_names_list(const char *list, const char *const *names,
    const char *const *labels, size_t n);

/*
 * Units' names and types, read as they are needed and kept (a report names a few units,
 * or thousands: one read each, never the whole classifier for one meeting).
 */
struct report_units;
struct report_units *report_units_new(struct store *s, enum lang lang);
void report_units_free(struct report_units **u);
/* The unit's name in the set's language (unit_name), or its code when it is not known. */
const char *report_units_name(struct report_units *u, const char *code);
/* Whether the unit is rural: a rural okrug, a village or a settlement (administration or
 * locality) or another locality; counts of one such unit are personal data below 3. */
bool report_units_rural(struct report_units *u, const char *code);

#endif
