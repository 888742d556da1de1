/*
 * The office's territory: the units an office's meetings and issues may name. Its own unit
 * and everything under it in the classifier; the Government's store (unit 000000000)
 * covers the country. Checked where users give input, never when changes from other
 * offices are applied (they may name units of a wider territory).
 */
#ifndef KZ_TERRITORY_H
#define KZ_TERRITORY_H

struct store_txn;

/* 0 when code lies in the office's territory (or the store has no unit yet), else -1 with
 * "WHAT CODE is outside the territory of this office (unit U)". */
int territory_check_tx(struct store_txn *t, const char *what, const char *code);

#endif
