/*
 * P-1: the commission that collects the population's requests and proposals into the pool
 * of problem issues before the meetings. Its members are a set in the office's calendar
 * record of the year (core/calendar.h): the period is the calendar year, and two offices
 * adding members at once keep both.
 */
#ifndef KZ_COMMISSION_H
#define KZ_COMMISSION_H

#include "core/calendar.h"
#include "util/log.h"

/* Adds a member of category (enum commission_category) to the commission of year. */
int commission_add(struct store *s, int year, const char *name, int category,
    struct kz_error *e);
/* The same in the caller's transaction (the demo's bulk work). */
int commission_add_tx(struct store_txn *t, int year, const char *name, int category);
/*
 * Removes a member of the commission of year (a tombstone in the set): which is the
 * member's number as commission_list shows it (1, 2, ...) or the name, compared without
 * regard to case. A name that matches nobody is refused, naming the year.
 */
int commission_remove(struct store *s, int year, const char *which, struct kz_error *e);
/*
 * The office's calendar of year with its commission in the order members were added (the
 * set's order): c->commission[0..c->ncommission). Free with calendar_free.
 */
int commission_list(struct store *s, int year, struct calendar *c, struct kz_error *e);
/* The categories the commission has members of, as bits (1 << enum commission_category). */
unsigned commission_categories(const struct calendar *c);

#endif
