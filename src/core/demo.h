/* The demo store, for trying the program out (kezdesu --demo). */
#ifndef KZ_DEMO_H
#define KZ_DEMO_H

#include "util/log.h"

struct store;

/*
 * Fills a new, empty store: the office of the sample district, its units, and a year of
 * meetings around today with questions and issues (the same for everyone: fixed seed).
 * 0, or -1 with e set.
 */
int demo_build(struct store *s, struct kz_error *e);

#endif
