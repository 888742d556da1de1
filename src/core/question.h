/* Questions asked by the population: in the hall, in the request pool, online, at a reception. */
#ifndef KZ_QUESTION_H
#define KZ_QUESTION_H

#include <stdbool.h>
#include <stdint.h>

#include "core/record.h"
#include "core/visit.h"
#include "util/log.h"
#include "util/uid.h"

enum question_source {
	QS_MEETING,	/* asked in the hall */
	QS_POOL,	/* P-2: collected before the meeting */
	QS_BROADCAST,	/* B-1: a comment on the online broadcast */
	QS_RECEPTION,	/* at a personal reception */
	QS_COUNT
};

/* P-2: how a request reached the pool; new channels go last, as stored numbers keep meaning. */
enum question_channel {
	QC_NONE, QC_OPEN_DATA, QC_BLOG, QC_EOTINISH, QC_LETTER, QC_OTHER, QC_IN_PERSON,
	QC_COUNT
};

#define QUESTION_TEXT_MAX 16384

struct question {
	struct kz_uuid id;
	struct kz_uuid visit;	/* nil for a pool question not yet tied to a meeting */
	int64_t asked_ms;
	char *text;
	int source;		/* enum question_source */
	int channel;		/* enum question_channel, for the pool (P-2) */
	int asker;		/* enum audience */
	char *asker_name;	/* personal data: never published, not sent up unless asked */
	char *asker_contact;	/* personal data */
	char *topic;
	bool answered;		/* answered on the spot */
	char *answer;
	struct kz_uuid issue;	/* the problem issue it belongs to */
	struct kz_uuid reception;
	bool withdrawn;		/* logged by mistake: kept, but in no list or index */
	char unit[10];		/* P-2: the unit a request concerns, while it has no meeting */
	struct schema_extra extra;
};

extern const struct rec_kind question_kind;
extern const char *const question_source_names[QS_COUNT];
extern const char *const question_channel_names[QC_COUNT];

/*
 * Changes a question in one transaction: reads it, lets fn change it, validates and saves
 * the fields that changed.
 */
typedef int (*question_modify_fn)(struct question *q, void *arg, struct kz_error *e);
int question_modify(struct store *s, const struct kz_uuid *id, question_modify_fn fn, void *arg,
    struct kz_error *e);
/* The questions linked to an issue, in the order they were asked. */
int question_list_issue(struct store *s, const struct kz_uuid *issue, struct rec_array *out,
    struct kz_error *e);
/* Whether a question is in the lists (not withdrawn). */
bool question_listed(const void *obj);
void question_init(struct question *q);
void question_free(struct question *q);
/* Adds q in one durable transaction; sets q->id (and asked_ms when 0). */
int question_add(struct store *s, struct question *q, struct kz_error *e);
int question_add_tx(struct store_txn *t, struct question *q);
int question_get(struct store *s, const struct kz_uuid *id, struct question *q,
    struct kz_error *e);
int question_get_tx(struct store_txn *t, const struct kz_uuid *id, struct question *q);
/* Withdraws a question logged by mistake (refused when it is withdrawn already). */
int question_withdraw(struct store *s, const struct kz_uuid *id, struct kz_error *e);
/*
 * The newest `limit` questions (0: all), newest first; of one visit (visit not NULL), its
 * newest `limit` in the order asked. Screens page with view_questions (core/view.h).
 */
int question_list(struct store *s, const struct kz_uuid *visit, size_t limit,
    struct rec_array *out, struct kz_error *e);

#endif
