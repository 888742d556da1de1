/*
 * Conflicts: concurrent edits of one field by offices that had not seen each other's
 * change. The higher stamp wins everywhere (rec_apply); the losing value is kept here, as
 * a record of its own that travels like any other, so that every office lists the same
 * conflicts for review whichever of them noticed it first.
 */
#ifndef KZ_CONFLICT_H
#define KZ_CONFLICT_H

#include <stdbool.h>
#include <stdint.h>

#include "core/record.h"

struct conflict {
	struct kz_uuid id;	/* a hash of the record, the field and the losing stamp */
	int kind;		/* the record's database (enum store_db) */
	char *record;		/* its key, in hex */
	char *field;		/* the field: "title", or "steps[EID].done" for a set element's */
	char *path;		/* the path (store/state.h), in hex */
	int64_t loser_hlc;
	struct kz_uuid loser_origin;
	bool loser_removed;	/* the losing change cleared the field */
	char *loser_value;	/* the losing field's bytes, in hex */
	bool resolved;		/* someone chose a value (conflict_resolve) */
	char *kept;		/* what was chosen: "mine", "theirs" or "value" */
	struct schema_extra extra;
};

extern const struct rec_kind conflict_kind;

void conflict_free(struct conflict *c);
/* The name of the record kind stored in database db ("issue"), or "?". */
const char *conflict_kind_name(int db);
/* Keeps the losing value of (kind, key, path) with its stamp, once. */
int conflict_note_tx(struct store_txn *t, const struct rec_kind *kind, const struct rec_key *k,
    const uint8_t *path, size_t plen, const struct stamp *loser, bool present,
    const uint8_t *val, size_t vlen);
/*
 * Resolves conflict id by choosing a value, as one local change that syncs like any other:
 * mine keeps the value here (the winner: only the conflict is marked resolved), theirs
 * writes the losing value back, value writes value (text, a date YYYY-MM-DD, a KATO code,
 * yes/no, a number or an enum's name, as the field takes; "" clears it). The conflict is
 * marked resolved in the same transaction, so that `kezdesu conflicts` leaves it out in
 * every office the change reaches. 0, or -1 with e.
 */
enum conflict_keep { CONFLICT_KEEP_MINE, CONFLICT_KEEP_THEIRS, CONFLICT_KEEP_VALUE };
int conflict_resolve(struct store *s, const struct kz_uuid *id, enum conflict_keep keep,
    const char *value, struct kz_error *e);

/* Every conflict, in the order of their ids. */
int conflict_list_tx(struct store_txn *t, struct rec_array *out);
int conflict_list(struct store *s, struct rec_array *out, struct kz_error *e);

/*
 * Changes whose clock was more than a day ahead of this machine's when they arrived
 * (rec_apply applies them all the same: village laptops' clocks are often wrong), for
 * review. The whole list, in the order of their origin and sequence.
 */
struct clock_review {
	struct kz_uuid origin;
	uint64_t seq;
	int64_t wall_ms;	/* the clock's wall time */
};

int conflict_clock_reviews(struct store *s, struct clock_review **out, size_t *n,
    struct kz_error *e);

#endif
