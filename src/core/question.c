#include "core/question.h"

#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "util/i18n.h"

const char *const question_source_names[QS_COUNT] = {
	"meeting", "pool", "broadcast", "reception"
};

const char *const question_channel_names[QC_COUNT] = {
	"", "open-data", "blog", "e-otinish", "letter", "other", "in-person"
};

enum {
	Q_ID = 1, Q_VISIT, Q_ASKED, Q_TEXT, Q_SOURCE, Q_CHANNEL, Q_ASKER, Q_NAME, Q_CONTACT,
	Q_TOPIC, Q_ANSWERED, Q_ANSWER, Q_ISSUE, Q_RECEPTION, Q_WITHDRAWN = 16,
	Q_UNIT = 17	/* P-2 */
};

#define F(tag, type, member) { tag, type, offsetof(struct question, member), #member }
static const struct schema_field question_fields[] = {
	F(Q_ID, SF_UUID, id),
	F(Q_VISIT, SF_UUID, visit),
	F(Q_ASKED, SF_I64, asked_ms),
	F(Q_TEXT, SF_STR, text),
	SCHEMA_ENUM(Q_SOURCE, struct question, source, question_source_names, QS_COUNT),
	SCHEMA_ENUM(Q_CHANNEL, struct question, channel, question_channel_names, QC_COUNT),
	SCHEMA_ENUM(Q_ASKER, struct question, asker, audience_names, AUD_COUNT),
	F(Q_NAME, SF_STR, asker_name),
	F(Q_CONTACT, SF_STR, asker_contact),
	F(Q_TOPIC, SF_STR, topic),
	F(Q_ANSWERED, SF_BOOL, answered),
	F(Q_ANSWER, SF_STR, answer),
	F(Q_ISSUE, SF_UUID, issue),
	F(Q_RECEPTION, SF_UUID, reception),
	F(Q_WITHDRAWN, SF_BOOL, withdrawn),
	F(Q_UNIT, SF_CODE, unit),
};
#undef F

static const struct schema_record question_desc = {
	"question", sizeof(struct question), offsetof(struct question, extra),
	SCHEMA_FIELDS(question_fields)
};

static void
question_key(const void *obj, struct rec_key *k)
{
	rec_key_bytes(k, ((const struct question *)obj)->id.b, 16);
}

static void
question_indexes(const void *obj, rec_emit_fn emit, void *ctx)
{
	const struct question *q = obj;
	struct rec_key k = { .n = 0 };

	if (q->withdrawn)
		return;	/* kept in the store, listed nowhere */
	if (!uid_is_nil(&q->visit)) {
		rec_key_bytes(&k, q->visit.b, 16);
		rec_key_bytes(&k, q->id.b, 16);
		emit(ctx, DB_QUESTIONS_BY_VISIT, &k);
	}
	/* An issue's questions (issue show): only linked questions pay for this index. */
	if (!uid_is_nil(&q->issue)) {
		k.n = 0;
		rec_key_bytes(&k, q->issue.b, 16);
		rec_key_bytes(&k, q->id.b, 16);
		emit(ctx, DB_QUESTIONS_BY_ISSUE, &k);
	}
	/*
	 * No index by time: ids are time-ordered, so the questions' own tree is already in the
	 * order they were saved, and a save dirties one B-tree fewer (measured in make bench).
	 */
}

bool
question_listed(const void *obj)
{
	return !((const struct question *)obj)->withdrawn;
}

/* What question_indexes reads. */
static const char *const question_index_fields[] = { "id", "visit", "issue", "withdrawn", NULL };

const struct rec_kind question_kind = {
	DB_QUESTIONS, &question_desc, question_key, question_indexes, 0, question_index_fields
};

void
question_init(struct question *q)
{
	schema_init(&question_desc, q);
}

void
question_free(struct question *q)
{
	schema_clear(&question_desc, q);
}

static int
validate(struct store_txn *t, const struct question *q)
{
	struct kz_error *e = store_txn_error(t);

	if (text_check("question text", q->text, true, QUESTION_TEXT_MAX, e) != 0 ||
	    text_check("question topic", q->topic, false, 200, e) != 0 ||
	    text_check("asker's name", q->asker_name, false, 500, e) != 0 ||
	    text_check("asker's contact", q->asker_contact, false, 500, e) != 0 ||
	    text_check("answer", q->answer, false, QUESTION_TEXT_MAX, e) != 0)
		return -1;
	if (q->source < 0 || q->source >= QS_COUNT || q->channel < 0 || q->channel >= QC_COUNT ||
	    q->asker < 0 || q->asker >= AUD_COUNT)
		return kz_fail(e, KZ_EINVAL, _("question: unknown source, channel or asker category"));
	/* A question names only a meeting and an issue that exist. */
	if (rec_require_uuid(t, DB_VISITS, "visit", &q->visit) != 0 ||
	    rec_require_uuid(t, DB_ISSUES, "issue", &q->issue) != 0)
		return -1;
	return 0;
}

/* A new question goes to a meeting that takes place: not to a cancelled one. */
static int
check_meeting(struct store_txn *t, const struct question *q)
{
	struct visit v;
	char id[UID_STRLEN];
	int rc;

	if (uid_is_nil(&q->visit))
		return 0;
	if ((rc = visit_get_tx(t, &q->visit, &v)) != 0)
		return rc;
	rc = v.status == VISIT_CANCELLED;
	visit_free(&v);
	if (!rc)
		return 0;
	uid_format(&q->visit, id);
	return kz_fail(store_txn_error(t), KZ_EINVAL, _("visit %s was cancelled: a question "
	    "asked since belongs to another meeting, or to the request pool (--source pool)"), id);
}

/*
 * P-2: the pool is analysed by where requests came from (the open data portal, the akims'
 * blog platform, other forms), so a request says how it came; only new ones are asked,
 * as older stores hold pool questions without a channel.
 */
static int
check_pool(struct store_txn *t, const struct question *q)
{
	if (q->source != QS_POOL || q->channel != QC_NONE)
		return 0;
	return kz_fail(store_txn_error(t), KZ_EINVAL, _("request: how it came is required (P-2: "
	    "--channel open-data, blog, e-otinish, letter, in-person or other)"));
}

/*
 * B-1: a comment taken from the online broadcast is a question of a meeting held whose
 * broadcast is recorded; without one there were no comments to take.
 */
static int
check_broadcast(struct store_txn *t, const struct question *q)
{
	struct kz_error *e = store_txn_error(t);
	struct visit v;
	char id[UID_STRLEN];
	int rc = 0;

	if (q->source != QS_BROADCAST)
		return 0;
	if (uid_is_nil(&q->visit))
		return kz_fail(e, KZ_EINVAL, _("question: a comment from the broadcast (B-1) "
		    "names its meeting (--visit UUID)"));
	if (visit_get_tx(t, &q->visit, &v) != 0)
		return -1;
	uid_format(&q->visit, id);
	if (v.status != VISIT_HELD)
		rc = kz_fail(e, KZ_EINVAL, _("visit %s is %s, not held: comments from its broadcast "
		    "(B-1) come once it is held"), id, visit_status_names[v.status]);
	else if (v.broadcast == NULL || v.broadcast[0] == '\0')
		rc = kz_fail(e, KZ_EINVAL, _("visit %s has no broadcast recorded: record it first "
		    "(kezdesu visit set %s --broadcast URL, B-1)"), id, id);
	visit_free(&v);
	return rc;
}

int
question_add_tx(struct store_txn *t, struct question *q)
{
	if (q->asked_ms == 0)
		q->asked_ms = store_txn_now(t);
	uid_new(&q->id, store_txn_now(t));
	if (validate(t, q) != 0 || check_pool(t, q) != 0 || check_meeting(t, q) != 0 ||
	    check_broadcast(t, q) != 0)
		return -1;
	return rec_save(t, &question_kind, q);
}

static int
add_fn(struct store_txn *t, void *arg)
{
	return question_add_tx(t, arg);
}

int
question_add(struct store *s, struct question *q, struct kz_error *e)
{
	return store_write(s, add_fn, q, e);
}

int
question_get_tx(struct store_txn *t, const struct kz_uuid *id, struct question *q)
{
	return rec_get_uuid_tx(t, &question_kind, id, q);
}

int
question_get(struct store *s, const struct kz_uuid *id, struct question *q,
    struct kz_error *e)
{
	return rec_get_uuid(s, &question_kind, id, q, e);
}

static int
withdraw_fn(struct store_txn *t, void *arg)
{
	struct question q;
	char id[UID_STRLEN];
	int rc;

	if (question_get_tx(t, arg, &q) != 0)
		return -1;
	if (q.withdrawn) {
		uid_format(&q.id, id);
		rc = kz_fail(store_txn_error(t), KZ_EINVAL, _("question %s is withdrawn already"),
		    id);
	} else {
		q.withdrawn = true;
		rc = rec_save(t, &question_kind, &q);
	}
	question_free(&q);
	return rc;
}

int
question_withdraw(struct store *s, const struct kz_uuid *id, struct kz_error *e)
{
	return store_write(s, withdraw_fn, (void *)(uintptr_t)id, e);
}

struct modify_args {
	const struct kz_uuid *id;
	question_modify_fn fn;
	void *arg;
};

static int
modify_fn(struct store_txn *t, void *arg)
{
	struct modify_args *a = arg;
	struct question q;
	int rc;

	if (question_get_tx(t, a->id, &q) != 0)
		return -1;
	rc = a->fn(&q, a->arg, store_txn_error(t));
	if (rc == 0)
		rc = validate(t, &q);
	if (rc == 0)
		rc = rec_save(t, &question_kind, &q);
	question_free(&q);
	return rc;
}

int
question_modify(struct store *s, const struct kz_uuid *id, question_modify_fn fn, void *arg,
    struct kz_error *e)
{
	struct modify_args a = { id, fn, arg };

	return store_write(s, modify_fn, &a, e);
}

struct issue_list_args {
	const struct kz_uuid *issue;
	struct rec_array *out;
};

static int
by_issue_fn(struct store_txn *t, void *arg)
{
	struct issue_list_args *a = arg;
	struct rec_cursor cur = { .valid = false };

	return rec_page(t, &question_kind, DB_QUESTIONS_BY_ISSUE, a->issue->b, 16, 16, &cur,
	    PAGE_FIRST, 0, a->out);
}

int
question_list_issue(struct store *s, const struct kz_uuid *issue, struct rec_array *out,
    struct kz_error *e)
{
	struct issue_list_args a = { issue, out };

	return rec_read_list(s, by_issue_fn, &a, &question_kind, out, e);
}

struct list_args {
	const struct kz_uuid *visit;
	size_t limit;
	struct rec_array *out;
};

static int
list_fn(struct store_txn *t, void *arg)
{
	struct list_args *a = arg;
	struct rec_cursor cur = { .valid = false };
	size_t from = a->out->n;
	int rc;

	/* A meeting's screen and its list want the newest: the last `limit`, in the order asked. */
	if (a->visit != NULL)
		return rec_page(t, &question_kind, DB_QUESTIONS_BY_VISIT, a->visit->b, 16, 16, &cur,
		    PAGE_LAST, a->limit, a->out);
	rc = rec_page_kept(t, &question_kind, DB_QUESTIONS, NULL, 0, 16, question_listed, &cur,
	    PAGE_LAST, a->limit, a->out);
	/* All questions: newest first. */
	for (size_t i = from, j = a->out->n; rc == 0 && j > i + 1; i++, j--) {
		struct question tmp, *items = a->out->items;

		tmp = items[i];
		items[i] = items[j - 1];
		items[j - 1] = tmp;
	}
	return rc;
}

int
question_list(struct store *s, const struct kz_uuid *visit, size_t limit, struct rec_array *out,
    struct kz_error *e)
{
	struct list_args a = { visit, limit, out };

	return rec_read_list(s, list_fn, &a, &question_kind, out, e);
}
