/* Personal receptions of citizens held after a meeting. */
#ifndef KZ_RECEPTION_H
#define KZ_RECEPTION_H

#include "core/date.h"
#include "core/record.h"
#include "util/log.h"
#include "util/uid.h"

struct reception {
	struct kz_uuid id;
	struct kz_uuid visit;
	kz_date date;
	char *participants;	/* leadership, prosecutor's office, police, deputies ... */
	int citizens;		/* how many citizens were received */
	struct schema_extra extra;
};

extern const struct rec_kind reception_kind;

void reception_init(struct reception *r);
void reception_free(struct reception *r);
/* Adds a reception and moves its visit's receptions_end (A-3 counts from it). */
int reception_add(struct store *s, struct reception *r, struct kz_error *e);

#endif
