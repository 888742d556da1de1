/* Personal receptions of citizens held after a meeting. */
#ifndef KZ_RECEPTION_H
#define KZ_RECEPTION_H

#include "core/date.h"
#include "core/record.h"
#include "util/log.h"
#include "util/uid.h"

struct question;

/* Who received the citizens: the decree's list, several per reception. */
enum reception_category {
	RC_AKIMAT,		/* leadership of the local executive bodies */
	RC_PROSECUTOR,		/* the prosecutor's office */
	RC_POLICE,		/* internal affairs bodies */
	RC_DEPUTIES,		/* maslikhat deputies */
	RC_PUBLIC_COUNCIL,	/* public council members */
	RC_INTELLIGENTSIA,	/* local intelligentsia */
	RC_COUNT
};

struct reception {
	struct kz_uuid id;
	struct kz_uuid visit;	/* the held meeting it follows */
	kz_date date;
	/*
	 * Who received: category names of reception_category_names, comma-separated,
	 * each once, in the list's order (reception_add puts them in it).
	 */
	char *received_by;
	int citizens;		/* how many citizens were received */
	/*
	 * Entered by mistake and withdrawn on this day (reception withdraw): kept, in no list,
	 * moving no receptions_end. A date, not the bool `withdrawn`, which undo would set on
	 * an added reception without moving its meeting's receptions_end back.
	 */
	kz_date withdrawn_on;
	struct schema_extra extra;
};

extern const struct rec_kind reception_kind;
extern const char *const reception_category_names[RC_COUNT];

void reception_init(struct reception *r);
void reception_free(struct reception *r);
/*
 * Adds a reception and moves its visit's receptions_end (A-3 counts from it). Refused:
 * a meeting not held or withdrawn, a date before the meeting's or after today, received_by
 * empty or naming a category outside the list. Sets r->id and puts received_by in order.
 */
int reception_add(struct store *s, struct reception *r, struct kz_error *e);
/* The same in the caller's transaction (the demo's bulk work). */
int reception_add_tx(struct store_txn *t, struct reception *r);
/* The receptions not withdrawn (of one visit when visit is not NULL), by date. */
int reception_list(struct store *s, const struct kz_uuid *visit, struct rec_array *out,
    struct kz_error *e);
int reception_list_tx(struct store_txn *t, const struct kz_uuid *visit, struct rec_array *out);
/*
 * Changes a reception entered with a mistake in one transaction: reads it, lets fn change
 * it (fn returns 0, or -1 after kz_fail), checks it as reception_add does and writes it;
 * the receptions_end of its meeting (and of the meeting it left) is recomputed from the
 * receptions not withdrawn. A withdrawn one is refused.
 */
typedef int (*reception_modify_fn)(struct reception *r, void *arg, struct kz_error *e);
int reception_modify(struct store *s, const struct kz_uuid *id, reception_modify_fn fn,
    void *arg, struct kz_error *e);
/*
 * Withdraws a reception entered by mistake: kept in the store, in no list, and its
 * meeting's receptions_end recomputed without it (the last of the others; none: unset).
 */
int reception_withdraw(struct store *s, const struct kz_uuid *id, struct kz_error *e);
/*
 * Adds a question asked at reception `reception`: its source becomes "reception" and
 * its visit the reception's meeting. Sets q->id.
 */
int reception_question_add(struct store *s, const struct kz_uuid *reception,
    struct question *q, struct kz_error *e);

#endif
