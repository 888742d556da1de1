/* Record operations in core/: units, visits, questions, issues, receptions, calendars, node. */
#include "testutil.h"
#include "district.h"

#include <sodium.h>
#include <stdbool.h>
#include <sys/stat.h>

#include "core/calendar.h"
#include "core/demo.h"
#include "core/issue.h"
#include "core/kato.h"
#include "core/node.h"
#include "core/question.h"
#include "core/reception.h"
#include "core/undo.h"
#include "core/unit.h"
#include "core/visit.h"
#include "store/codec.h"

#define DISTRICT "613600000"	/* Бәйдібек ауданы */
#define OKRUG "613633000"	/* Ағыбет а.о. */
#define VILLAGE "613633200"	/* Алғабас а. (in Ағыбет а.о.) */
#define OTHER_OKRUG "613630000"	/* Шаян а.о. */
#define OTHER_VILLAGE "613630100"	/* Шаян а. */

struct fixture {
	char *dir;
	struct store *s;
};

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);

	f->s = test_district_store(&f->dir);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	store_close(&f->s);
	test_rmdir(f->dir);
	free(f);
	return 0;
}

/* Whether the n bytes of needle occur in the file at path. */
static bool
file_contains(const char *path, const unsigned char *needle, size_t n)
{
	FILE *fp = fopen(path, "rb");
	unsigned char *buf;
	long len;
	bool found = false;

	assert_non_null(fp);
	fseek(fp, 0, SEEK_END);
	len = ftell(fp);
	rewind(fp);
	buf = malloc((size_t)len);
	assert_int_equal(fread(buf, 1, (size_t)len, fp), (size_t)len);
	fclose(fp);
	for (long i = 0; i + (long)n <= len && !found; i++)
		found = memcmp(buf + i, needle, n) == 0;
	free(buf);
	return found;
}

static void
test_signing_key_lives_beside_the_store_not_in_it(void **state)
{
	unsigned char sk[64], pk[32];
	struct kz_error e;
	struct node n;
	struct stat st;
	char *dir, path[512];
	struct store *s;

	(void)state;
	dir = test_tmpdir();
	assert_int_equal(store_open(dir, STORE_CREATE, &s, &e), 0);
	assert_int_equal(node_init(s, "613600000", &e), 0);
	assert_int_equal(node_get(s, &n, &e), 0);
	assert_int_equal(node_secret_key(s, sk, &e), 0);
	crypto_sign_ed25519_sk_to_pk(pk, sk);
	assert_memory_equal(pk, n.sign_pk, 32);
	store_close(&s);
	snprintf(path, sizeof path, "%s/node.key", dir);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	/* A copied or backed-up data.mdb carries no secret: not a piece of the key in it. */
	snprintf(path, sizeof path, "%s/data.mdb", dir);
	assert_false(file_contains(path, sk, 32));
	assert_true(file_contains(path, n.sign_pk, 32));
	/* A key file from another store is not taken for this one's. */
	sk[0] ^= 1;
	snprintf(path, sizeof path, "%s/node.key", dir);
	FILE *fp = fopen(path, "wb");
	unsigned char other_pk[32], other_sk[64];

	crypto_sign_keypair(other_pk, other_sk);
	fwrite(other_sk, 1, 64, fp);
	fclose(fp);
	assert_int_equal(store_open(dir, 0, &s, &e), 0);
	assert_int_equal(node_secret_key(s, sk, &e), -1);
	assert_non_null(strstr(e.msg, "not the key of this office"));
	store_close(&s);
	test_rmdir(dir);
}

static void
test_units_import_again_and_newer_edition(void **state)
{
	struct fixture *f = *state;
	struct kato_table kt = { 0 };
	struct unit_import_stats st;
	struct rec_array a = { 0 };
	struct kz_error e;
	struct unit u;
	char *csv = strdup(demo_units_csv), *p;

	/* The same edition again: nothing changes. */
	assert_int_equal(kato_parse(csv, strlen(csv), "sample", &kt, &e), 0);
	assert_int_equal(unit_import(f->s, &kt, "2026-07-17", false, &st, &e), 0);
	assert_int_equal(st.added + st.updated + st.retired, 0);
	assert_int_equal(st.unchanged, kt.n);
	kato_table_free(&kt);
	/* A newer edition renames a village and drops another one. */
	p = strstr(csv, "Алғабас а.,с.Алгабас");
	memcpy(p, "Алгабас а.", strlen("Алгабас а."));	/* same byte length */
	p = strstr(csv, "613633300");
	memmove(p, strchr(p, '\n') + 1, strlen(strchr(p, '\n') + 1) + 1);	/* gone */
	assert_int_equal(kato_parse(csv, strlen(csv), "sample", &kt, &e), 0);
	assert_int_equal(unit_import(f->s, &kt, "2027-01-01", false, &st, &e), 0);
	assert_int_equal(st.updated, 1);
	assert_int_equal(st.retired, 1);
	assert_int_equal(unit_get(f->s, VILLAGE, &u, &e), 0);
	assert_string_equal(u.name_kk, "Алгабас а.");
	assert_string_equal(u.edition, "2027-01-01");
	unit_free(&u);
	/* The dropped unit is kept for the visits that name it, marked retired. */
	assert_int_equal(unit_get(f->s, "613633300", &u, &e), 0);
	assert_true(u.retired);
	unit_free(&u);
	kato_table_free(&kt);
	/* units under an okrug: itself first, then its villages in code order. */
	assert_int_equal(unit_list(f->s, OKRUG, &a, &e), 0);
	assert_int_equal(a.n, 5);
	assert_string_equal(((struct unit *)a.items)[0].code, OKRUG);
	assert_string_equal(((struct unit *)a.items)[1].code, "613633100");
	assert_string_equal(((struct unit *)a.items)[1].parent, OKRUG);
	assert_int_equal(((struct unit *)a.items)[1].type, UNIT_VILLAGE_LOC);
	rec_array_free(&unit_kind, &a);
	assert_int_equal(unit_list(f->s, "999999999", &a, &e), -1);
	assert_int_equal(e.code, KZ_ENOTFOUND);
	free(csv);
}

static void
test_local_units_only_under_cities(void **state)
{
	struct fixture *f = *state;
	struct kz_error e;
	char code[10];

	assert_int_equal(unit_add_local(f->s, VILLAGE, UNIT_MICRODISTRICT, "Шағын аудан",
	    "Микрорайон", code, &e), -1);
	assert_non_null(strstr(e.msg, "not a city"));
	assert_int_equal(unit_add_local(f->s, VILLAGE, UNIT_VILLAGE_LOC, "а", "б", code, &e), -1);
	assert_int_equal(unit_add_local(f->s, VILLAGE, UNIT_MICRODISTRICT, "", "б", code, &e), -1);
}

static void
make_visit(struct visit *v, const char *akim, const char *target, int y, int m, int d)
{
	visit_init(v);
	memcpy(v->akim, akim, 10);
	memcpy(v->target, target, 10);
	v->date = date_from_ymd(y, m, d);
	v->duration_min = 120;
	v->field = true;
}

static void
test_visit_validation_leaves_store_unchanged(void **state)
{
	struct fixture *f = *state;
	struct rec_array a = { 0 };
	struct kz_error e;
	struct visit v;

	/* A village (locality) has no akim of its own. */
	make_visit(&v, VILLAGE, VILLAGE, 2026, 3, 10);
	assert_int_equal(visit_add(f->s, &v, &e), -1);
	assert_non_null(strstr(e.msg, "no akim"));
	visit_free(&v);
	/* An okrug akim meets in his own okrug, not in the next one. */
	make_visit(&v, OKRUG, OTHER_VILLAGE, 2026, 3, 10);
	assert_int_equal(visit_add(f->s, &v, &e), -1);
	assert_non_null(strstr(e.msg, "not in the territory"));
	visit_free(&v);
	/* U-1: an unscheduled meeting needs its reason. */
	make_visit(&v, DISTRICT, OKRUG, 2026, 3, 10);
	v.unscheduled = true;
	assert_int_equal(visit_add(f->s, &v, &e), -1);
	assert_non_null(strstr(e.msg, "U-1"));
	visit_free(&v);
	make_visit(&v, DISTRICT, "613699999", 2026, 3, 10);
	assert_int_equal(visit_add(f->s, &v, &e), -1);
	assert_int_equal(e.code, KZ_ENOTFOUND);
	visit_free(&v);
	assert_int_equal(visit_list(f->s, DATE_NONE, DATE_NONE, &a, &e), 0);
	assert_int_equal(a.n, 0);
}

static int
move_to_2_july(struct visit *v, void *arg, struct kz_error *e)
{
	(void)arg;
	(void)e;
	v->moved_from = v->date;
	v->date = date_from_ymd(2026, 7, 2);
	return 0;
}

/* One person's edit of a visit: a field and its new value. */
struct visit_edit {
	const char *field;	/* "venue" or "channels" */
	const char *value;
};

static int
edit_visit(struct visit *v, void *arg, struct kz_error *e)
{
	const struct visit_edit *ed = arg;
	char **dst = strcmp(ed->field, "venue") == 0 ? &v->venue : &v->channels;

	(void)e;
	free(*dst);
	*dst = strdup(ed->value);
	return 0;
}

/*
 * Two clients (say two screens) show the same visit, each from its own earlier read; one
 * changes the venue, the other the channels. The second edit must not revert the first:
 * each edit is applied to the record as stored when it is written, not to the client's copy.
 */
static void
test_visit_edits_by_two_clients_both_survive(void **state)
{
	struct fixture *f = *state;
	struct visit v, seen_a, seen_b, got;
	struct visit_edit ea = { "venue", "Мәдениет үйі" }, eb = { "channels", "print" };
	struct kz_error e;

	make_visit(&v, DISTRICT, OKRUG, 2026, 9, 1);
	v.venue = strdup("Мектеп");
	assert_int_equal(visit_add(f->s, &v, &e), 0);
	/* Both clients read the visit before either writes. */
	assert_int_equal(visit_get(f->s, &v.id, &seen_a, &e), 0);
	assert_int_equal(visit_get(f->s, &v.id, &seen_b, &e), 0);
	assert_int_equal(visit_modify(f->s, &seen_a.id, edit_visit, &ea, &e), 0);
	assert_int_equal(visit_modify(f->s, &seen_b.id, edit_visit, &eb, &e), 0);
	assert_int_equal(visit_get(f->s, &v.id, &got, &e), 0);
	assert_non_null(got.venue);
	assert_string_equal(got.venue, "Мәдениет үйі");
	assert_non_null(got.channels);
	assert_string_equal(got.channels, "print");
	/* An edit that fails validation changes nothing. */
	ea.value = "bad \xff venue";
	assert_int_equal(visit_modify(f->s, &v.id, edit_visit, &ea, &e), -1);
	visit_free(&got);
	assert_int_equal(visit_get(f->s, &v.id, &got, &e), 0);
	assert_string_equal(got.venue, "Мәдениет үйі");
	visit_free(&got);
	visit_free(&seen_a);
	visit_free(&seen_b);
	visit_free(&v);
}

/*
 * P-1: a store of an older version may hold a free-text commission per meeting (tag 20).
 * It still decodes, under a name that says it is an old note, and survives an edit of
 * another field; nothing else reads it as the year's commission.
 */
static void
test_visit_old_commission_note_still_decodes(void **state)
{
	struct fixture *f = *state;
	struct codec_buf b = { 0 };
	const struct schema_field *field;
	struct visit v, got;
	struct visit_edit ed = { "venue", "Кітапхана" };
	struct kz_error e;
	uint8_t version = SCHEMA_FORMAT_VERSION;

	field = schema_field_tagged(visit_kind.desc, 20);
	assert_non_null(field);
	assert_string_equal(field->name, "old_commission_note");
	assert_null(schema_field_named(visit_kind.desc, "commission"));
	codec_put_raw(&b, &version, 1);
	codec_put_str(&b, 20, "Асанов, Бекова");
	visit_init(&v);
	assert_int_equal(schema_decode(visit_kind.desc, &v, b.p, b.len), 0);
	assert_non_null(v.old_commission_note);
	assert_string_equal(v.old_commission_note, "Асанов, Бекова");
	codec_buf_free(&b);
	visit_free(&v);

	/* Kept by the store and through an edit of another field. */
	make_visit(&v, DISTRICT, OKRUG, 2026, 9, 1);
	v.old_commission_note = strdup("Асанов, Бекова");
	assert_int_equal(visit_add(f->s, &v, &e), 0);
	assert_int_equal(visit_modify(f->s, &v.id, edit_visit, &ed, &e), 0);
	assert_int_equal(visit_get(f->s, &v.id, &got, &e), 0);
	assert_non_null(got.old_commission_note);
	assert_string_equal(got.old_commission_note, "Асанов, Бекова");
	assert_string_equal(got.venue, "Кітапхана");
	visit_free(&got);
	visit_free(&v);
}

/*
 * M-2: invited is kept as names of the broad audience, each once, in audience_names'
 * order, whatever a client typed; anything else is refused and the store keeps its value.
 */
static void
test_visit_invited_normalised(void **state)
{
	struct fixture *f = *state;
	struct visit v, got;
	struct kz_error e;
	char *s = strdup(" opposition,deputy ,opposition");

	assert_int_equal(visit_invited_normalise(&s, &e), 0);
	assert_string_equal(s, "deputy,opposition");
	free(s);
	s = strdup("deputy,citizen");
	assert_int_equal(visit_invited_normalise(&s, &e), -1);
	assert_non_null(strstr(e.msg, "'citizen'"));
	free(s);
	make_visit(&v, DISTRICT, OKRUG, 2026, 9, 1);
	v.invited = strdup("public-org,party");
	assert_int_equal(visit_add(f->s, &v, &e), 0);
	assert_int_equal(visit_get(f->s, &v.id, &got, &e), 0);
	assert_string_equal(got.invited, "party,public-org");
	visit_free(&got);
	visit_free(&v);
}

/*
 * undo takes back the user's own last change, not another user's, and never a field that
 * someone else set again since.
 */
static void
test_undo_own_changes_only(void **state)
{
	struct fixture *f = *state;
	struct visit v, got;
	struct visit_edit venue = { "venue", "Кітапхана" }, ch = { "channels", "radio" };
	struct undo_result r;
	struct kz_error e;

	make_visit(&v, DISTRICT, OKRUG, 2026, 10, 1);
	v.venue = strdup("Мектеп");
	assert_int_equal(visit_add(f->s, &v, &e), 0);
	assert_int_equal(visit_modify(f->s, &v.id, edit_visit, &venue, &e), 0);
	/* Another user changes another field afterwards. */
	store_set_author(f->s, "other", NULL);
	assert_int_equal(visit_modify(f->s, &v.id, edit_visit, &ch, &e), 0);
	store_set_author(f->s, "tester", "Тестов Т.");
	assert_int_equal(undo_last(f->s, &r, &e), 0);
	assert_string_equal(r.kind, "visit");
	assert_string_equal(r.fields, "venue");
	assert_false(r.withdrew);
	assert_int_equal(visit_get(f->s, &v.id, &got, &e), 0);
	assert_string_equal(got.venue, "Мектеп");
	assert_string_equal(got.channels, "radio");	/* the other user's edit stays */
	visit_free(&got);
	/* tester's edit again, then the other user overwrites that very field: tester's undo
	 * would take the other's value back, so it is refused and nothing changes. */
	assert_int_equal(visit_modify(f->s, &v.id, edit_visit, &venue, &e), 0);
	store_set_author(f->s, "other", NULL);
	venue.value = "Әкімдік";
	assert_int_equal(visit_modify(f->s, &v.id, edit_visit, &venue, &e), 0);
	store_set_author(f->s, "tester", "Тестов Т.");
	assert_int_equal(undo_last(f->s, &r, &e), -1);
	assert_non_null(strstr(e.msg, "changed again since"));
	assert_int_equal(visit_get(f->s, &v.id, &got, &e), 0);
	assert_string_equal(got.venue, "Әкімдік");
	visit_free(&got);
	/* A user without changes has nothing to undo. */
	store_set_author(f->s, "nobody", NULL);
	assert_int_equal(undo_last(f->s, &r, &e), -1);
	assert_int_equal(e.code, KZ_ENOTFOUND);
	store_set_author(f->s, "tester", "Тестов Т.");
	visit_free(&v);
}

static void
test_visits_by_date_and_moves(void **state)
{
	struct fixture *f = *state;
	struct rec_array a = { 0 };
	struct kz_error e;
	struct visit v1, v2, got;

	make_visit(&v1, DISTRICT, OKRUG, 2026, 6, 30);
	make_visit(&v2, OKRUG, VILLAGE, 2026, 7, 1);
	v2.unscheduled = true;
	v2.reason = strdup("тұрғындардың өтініші бойынша");
	assert_int_equal(visit_add(f->s, &v1, &e), 0);
	assert_int_equal(visit_add(f->s, &v2, &e), 0);
	/* The first half-year holds only the 30 June meeting. */
	assert_int_equal(visit_list(f->s, date_from_ymd(2026, 1, 1), date_from_ymd(2026, 7, 1),
	    &a, &e), 0);
	assert_int_equal(a.n, 1);
	assert_memory_equal(((struct visit *)a.items)[0].id.b, v1.id.b, 16);
	rec_array_free(&visit_kind, &a);
	/* Moved into July: the date index follows. */
	assert_int_equal(visit_modify(f->s, &v1.id, move_to_2_july, NULL, &e), 0);
	assert_int_equal(visit_list(f->s, date_from_ymd(2026, 1, 1), date_from_ymd(2026, 7, 1),
	    &a, &e), 0);
	assert_int_equal(a.n, 0);
	rec_array_free(&visit_kind, &a);
	assert_int_equal(visit_list(f->s, date_from_ymd(2026, 7, 1), DATE_NONE, &a, &e), 0);
	assert_int_equal(a.n, 2);
	assert_memory_equal(((struct visit *)a.items)[0].id.b, v2.id.b, 16);
	rec_array_free(&visit_kind, &a);
	assert_int_equal(visit_get(f->s, &v1.id, &got, &e), 0);
	assert_int_equal(got.moved_from, date_from_ymd(2026, 6, 30));
	visit_free(&got);
	visit_free(&v1);
	visit_free(&v2);
}

static void
test_questions_by_visit_and_newest(void **state)
{
	struct fixture *f = *state;
	static const char *const texts[] = {
		"Ауыз су қашан келеді?", "Когда отремонтируют дорогу?", "Мектепке автобус керек.",
	};
	struct rec_array a = { 0 };
	struct kz_uuid ids[3];
	struct kz_error e;
	struct visit v;
	struct question q;

	make_visit(&v, DISTRICT, OKRUG, 2026, 4, 14);
	assert_int_equal(visit_add(f->s, &v, &e), 0);
	for (int i = 0; i < 3; i++) {
		question_init(&q);
		q.visit = v.id;
		q.asked_ms = 1776153600000 + i * 60000;
		q.text = strdup(texts[i]);
		q.asker = i == 1 ? AUD_DEPUTY : AUD_CITIZEN;
		assert_int_equal(question_add(f->s, &q, &e), 0);
		ids[i] = q.id;
		question_free(&q);
	}
	/* A question needs text, valid UTF-8, and an existing visit. */
	question_init(&q);
	q.visit = v.id;
	q.text = strdup("  ");
	assert_int_equal(question_add(f->s, &q, &e), -1);
	free(q.text);
	q.text = strdup("bad \xd0 byte");
	assert_int_equal(question_add(f->s, &q, &e), -1);
	assert_non_null(strstr(e.msg, "UTF-8"));
	free(q.text);
	q.text = strdup("ok");
	uid_new(&q.visit, 1);
	assert_int_equal(question_add(f->s, &q, &e), -1);
	assert_int_equal(e.code, KZ_ENOTFOUND);
	question_free(&q);

	assert_int_equal(question_list(f->s, &v.id, 0, &a, &e), 0);
	assert_int_equal(a.n, 3);
	for (int i = 0; i < 3; i++) {
		assert_memory_equal(((struct question *)a.items)[i].id.b, ids[i].b, 16);
		assert_string_equal(((struct question *)a.items)[i].text, texts[i]);
	}
	rec_array_free(&question_kind, &a);
	assert_int_equal(question_list(f->s, NULL, 2, &a, &e), 0);
	assert_int_equal(a.n, 2);
	assert_memory_equal(((struct question *)a.items)[0].id.b, ids[2].b, 16);
	assert_memory_equal(((struct question *)a.items)[1].id.b, ids[1].b, 16);
	rec_array_free(&question_kind, &a);
	visit_free(&v);
}

/* The interface's new issue of marked questions: the issue and the links, all or none. */
static void
test_issue_add_linked_is_all_or_nothing(void **state)
{
	struct fixture *f = *state;
	struct kz_uuid qs[2];
	struct kz_error e;
	struct question q;
	struct issue i, other;
	struct rec_array a = { 0 };

	for (int k = 0; k < 2; k++) {
		question_init(&q);
		q.source = QS_POOL;
		q.channel = QC_EOTINISH;
		q.text = strdup(k == 0 ? "Жол жоқ" : "Жол жаман");
		assert_int_equal(question_add(f->s, &q, &e), 0);
		qs[k] = q.id;
		question_free(&q);
	}
	/* the second question belongs to another issue: refused, and no issue is made */
	issue_init(&other);
	other.title = strdup("Басқа мәселе");
	assert_int_equal(issue_add(f->s, &other, &e), 0);
	assert_int_equal(issue_link(f->s, &other.id, &qs[1], 1, false, &e), 0);
	issue_init(&i);
	i.title = strdup("Жол");
	assert_int_equal(issue_add_linked(f->s, &i, qs, 2, &e), -1);
	assert_non_null(strstr(e.msg, "is linked to issue"));
	assert_int_equal(issue_list(f->s, -1, &a, &e), 0);
	assert_int_equal(a.n, 1);
	rec_array_free(&issue_kind, &a);
	assert_int_equal(question_get(f->s, &qs[0], &q, &e), 0);
	assert_true(uid_is_nil(&q.issue));
	question_free(&q);
	issue_free(&i);
	/* the first alone is free: one issue, the question linked to it */
	issue_init(&i);
	i.title = strdup("Жол");
	assert_int_equal(issue_add_linked(f->s, &i, qs, 1, &e), 0);
	assert_int_equal(question_get(f->s, &qs[0], &q, &e), 0);
	assert_memory_equal(q.issue.b, i.id.b, 16);
	question_free(&q);
	assert_int_equal(issue_list(f->s, -1, &a, &e), 0);
	assert_int_equal(a.n, 2);
	rec_array_free(&issue_kind, &a);
	issue_free(&i);
	issue_free(&other);
}

static void
test_issue_link_is_all_or_nothing(void **state)
{
	struct fixture *f = *state;
	struct kz_uuid qs[2];
	struct kz_error e;
	struct question q;
	struct issue i;
	struct rec_array a = { 0 };

	question_init(&q);
	q.source = QS_POOL;
	q.channel = QC_EOTINISH;
	q.text = strdup("Көше жарығы жоқ");
	assert_int_equal(question_add(f->s, &q, &e), 0);
	qs[0] = q.id;
	question_free(&q);
	uid_new(&qs[1], 5);	/* no such question */
	issue_init(&i);
	i.title = strdup("Көше жарығы");
	memcpy(i.unit, VILLAGE, 10);
	i.deadline = date_from_ymd(2026, 9, 1);
	assert_int_equal(issue_add(f->s, &i, &e), 0);
	assert_int_equal(issue_link(f->s, &i.id, qs, 2, false, &e), -1);
	assert_int_equal(question_get(f->s, &qs[0], &q, &e), 0);
	assert_true(uid_is_nil(&q.issue));
	question_free(&q);
	assert_int_equal(issue_link(f->s, &i.id, qs, 1, false, &e), 0);
	assert_int_equal(question_get(f->s, &qs[0], &q, &e), 0);
	assert_memory_equal(q.issue.b, i.id.b, 16);
	question_free(&q);
	/* Linked elsewhere: refused without move, naming the issue it is linked to. */
	{
		struct issue other;
		char want[UID_STRLEN];

		issue_init(&other);
		other.title = strdup("Басқа мәселе");
		assert_int_equal(issue_add(f->s, &other, &e), 0);
		assert_int_equal(issue_link(f->s, &other.id, qs, 1, false, &e), -1);
		uid_format(&i.id, want);
		assert_non_null(strstr(e.msg, want));
		assert_int_equal(question_get(f->s, &qs[0], &q, &e), 0);
		assert_memory_equal(q.issue.b, i.id.b, 16);
		question_free(&q);
		assert_int_equal(issue_link(f->s, &other.id, qs, 1, true, &e), 0);
		assert_int_equal(question_get(f->s, &qs[0], &q, &e), 0);
		assert_memory_equal(q.issue.b, other.id.b, 16);
		question_free(&q);
		issue_free(&other);
	}
	/* Listing by status and by deadline. */
	assert_int_equal(issue_list(f->s, ISSUE_NEW, &a, &e), 0);
	assert_int_equal(a.n, 2);
	rec_array_free(&issue_kind, &a);
	assert_int_equal(issue_list(f->s, ISSUE_RESOLVED, &a, &e), 0);
	assert_int_equal(a.n, 0);
	rec_array_free(&issue_kind, &a);
	assert_int_equal(issue_list_by_deadline(f->s, date_from_ymd(2026, 9, 1), &a, &e), 0);
	assert_int_equal(a.n, 0);
	rec_array_free(&issue_kind, &a);
	assert_int_equal(issue_list_by_deadline(f->s, date_from_ymd(2026, 9, 2), &a, &e), 0);
	assert_int_equal(a.n, 1);
	rec_array_free(&issue_kind, &a);
	/* An issue about a unit that does not exist is refused. */
	issue_free(&i);
	issue_init(&i);
	i.title = strdup("x");
	memcpy(i.unit, "613699999", 10);
	assert_int_equal(issue_add(f->s, &i, &e), -1);
	issue_free(&i);
}

static void
test_reception_moves_the_a3_start(void **state)
{
	struct fixture *f = *state;
	struct kz_error e;
	struct reception r;
	struct visit v, got;

	make_visit(&v, DISTRICT, OKRUG, 2026, 5, 12);
	v.status = VISIT_HELD;
	assert_int_equal(visit_add(f->s, &v, &e), 0);
	reception_init(&r);
	r.visit = v.id;
	r.date = date_from_ymd(2026, 5, 13);
	r.citizens = 12;
	r.received_by = strdup("deputies,police,prosecutor");
	assert_int_equal(reception_add(f->s, &r, &e), 0);
	/* A-1's list in the decree's order, whatever order it was given in. */
	assert_string_equal(r.received_by, "prosecutor,police,deputies");
	assert_int_equal(visit_get(f->s, &v.id, &got, &e), 0);
	assert_int_equal(got.receptions_end, date_from_ymd(2026, 5, 13));
	visit_free(&got);
	reception_free(&r);
	visit_free(&v);
}

/* a reception follows a meeting held, on its day or after, and is not in the future. */
static void
test_reception_refused(void **state)
{
	struct fixture *f = *state;
	struct kz_error e;
	struct reception r;
	struct visit v, planned, got;
	struct rec_array a = { 0 };

	make_visit(&v, DISTRICT, OKRUG, 2026, 5, 12);
	v.status = VISIT_HELD;
	assert_int_equal(visit_add(f->s, &v, &e), 0);
	make_visit(&planned, DISTRICT, OKRUG, 2026, 5, 20);
	assert_int_equal(visit_add(f->s, &planned, &e), 0);
	reception_init(&r);
	r.visit = v.id;
	r.citizens = 3;
	r.received_by = strdup("akimat");
	r.date = date_from_ymd(2026, 5, 11);
	assert_int_equal(reception_add(f->s, &r, &e), -1);
	assert_non_null(strstr(e.msg, "before its meeting"));
	r.date = date_from_ymd(2100, 1, 1);
	assert_int_equal(reception_add(f->s, &r, &e), -1);
	assert_non_null(strstr(e.msg, "future"));
	r.date = date_from_ymd(2026, 5, 21);
	r.visit = planned.id;
	assert_int_equal(reception_add(f->s, &r, &e), -1);
	assert_non_null(strstr(e.msg, "not held"));
	r.visit = v.id;
	free(r.received_by);
	r.received_by = strdup("akimat,,nobody");
	assert_int_equal(reception_add(f->s, &r, &e), -1);
	assert_non_null(strstr(e.msg, "'nobody'"));
	assert_int_equal(reception_list(f->s, NULL, &a, &e), 0);
	assert_int_equal(a.n, 0);
	assert_int_equal(visit_get(f->s, &v.id, &got, &e), 0);
	assert_int_equal(got.receptions_end, DATE_NONE);
	visit_free(&got);
	reception_free(&r);
	visit_free(&planned);
	visit_free(&v);
}

struct cal_args {
	struct calendar c;
	int found;
};

static int
cal_save(struct store_txn *t, void *arg)
{
	return calendar_save_tx(t, &((struct cal_args *)arg)->c);
}

static int
cal_load(struct store_txn *t, void *arg)
{
	struct cal_args *a = arg;

	a->found = calendar_get_tx(t, "610000000", 2026, &a->c);
	return a->found < 0 ? -1 : 0;
}

static void
test_calendar_and_node(void **state)
{
	struct fixture *f = *state;
	struct cal_args a;
	struct kz_error e;
	struct node n;

	calendar_init(&a.c);
	memcpy(a.c.unit, "610000000", 10);
	a.c.year = 2026;
	a.c.status = CAL_APPROVED;
	a.c.approved_on = date_from_ymd(2026, 1, 14);
	assert_int_equal(store_write(f->s, cal_save, &a, &e), 0);
	calendar_free(&a.c);
	assert_int_equal(store_read(f->s, cal_load, &a, &e), 0);
	assert_int_equal(a.found, 0);
	assert_int_equal(a.c.status, CAL_APPROVED);
	assert_int_equal(a.c.approved_on, date_from_ymd(2026, 1, 14));
	calendar_free(&a.c);
	/* The node exists once; a second init is refused and changes nothing. */
	assert_int_equal(node_get(f->s, &n, &e), 0);
	assert_string_equal(n.unit, DISTRICT);
	assert_int_equal(node_init(f->s, "610000000", &e), -1);
	assert_int_equal(e.code, KZ_EEXIST);
	assert_int_equal(node_get(f->s, &n, &e), 0);
	assert_string_equal(n.unit, DISTRICT);
	assert_int_equal(node_set_official(f->s, "aigerim", "Айгерім Серікқызы", &e), 0);
	{
		char *name = node_official(f->s, "aigerim");

		assert_string_equal(name, "Айгерім Серікқызы");
		free(name);
	}
}

static void
collect_index(void *ctx, enum store_db idx, const struct rec_key *k)
{
	struct codec_buf *b = ctx;
	uint8_t db = (uint8_t)idx;

	codec_put_raw(b, &db, 1);
	codec_put_raw(b, k->b, k->n);
}

static int
index_fields_fn(struct store_txn *t, void *arg)
{
	const struct rec_kind *const kinds[] = { &unit_kind, &visit_kind, &question_kind,
		&issue_kind };
	size_t *checked = arg;

	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		const struct rec_kind *kind = kinds[i];
		struct store_cursor *c;
		const void *k, *v;
		size_t kn, vn;
		int rc;

		assert_non_null(kind->index_fields);
		assert_int_equal(store_cursor_open(t, kind->db, &c), 0);
		for (rc = store_cursor_seek(c, NULL, 0); rc == 0; rc = store_cursor_next(c)) {
			struct codec_buf full = { 0 }, part = { 0 };
			void *a = malloc(kind->desc->size), *b = malloc(kind->desc->size);
			const uint8_t *p, *end;
			uint64_t rlen;

			store_cursor_get(c, &k, &kn, &v, &vn);
			assert_int_equal(rec_decode(t, kind, v, vn, a), 0);
			p = v;
			end = p + vn;
			assert_int_equal(codec_get_varint(&p, end, &rlen), 0);
			schema_init(kind->desc, b);
			assert_int_equal(schema_decode_only(kind->desc, b, p, (size_t)rlen,
			    rec_index_tags(kind)), 0);
			kind->indexes(a, collect_index, &full);
			kind->indexes(b, collect_index, &part);
			assert_int_equal(full.len, part.len);
			assert_memory_equal(full.p, part.p, full.len);
			(*checked)++;
			schema_clear(kind->desc, a);
			schema_clear(kind->desc, b);
			free(a);
			free(b);
			codec_buf_free(&full);
			codec_buf_free(&part);
		}
		store_cursor_close(&c);
	}
	return 0;
}

/*
 * A change applied reads only the fields its record's indexes use (rec_kind.index_fields):
 * for every record of the demo store, those fields alone give the same index entries as
 * the whole record. An index that reads a field not listed fails here.
 */
static void
test_index_fields_are_all_the_indexes_read(void **state)
{
	struct kz_error e;
	size_t checked = 0;
	char *dir;
	struct store *s = test_store(&dir);

	(void)state;
	if (demo_build(s, &e) != 0)
		fail_msg("demo_build: %s", e.msg);
	assert_int_equal(store_read(s, index_fields_fn, &checked, &e), 0);
	assert_true(checked > 1000);
	store_close(&s);
	test_rmdir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_signing_key_lives_beside_the_store_not_in_it),
		cmocka_unit_test(test_index_fields_are_all_the_indexes_read),
		cmocka_unit_test_setup_teardown(test_units_import_again_and_newer_edition, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_local_units_only_under_cities, setup, teardown),
		cmocka_unit_test_setup_teardown(test_visit_validation_leaves_store_unchanged, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_visits_by_date_and_moves, setup, teardown),
		cmocka_unit_test_setup_teardown(test_visit_edits_by_two_clients_both_survive, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_undo_own_changes_only, setup, teardown),
		cmocka_unit_test_setup_teardown(test_visit_old_commission_note_still_decodes, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_visit_invited_normalised, setup, teardown),
		cmocka_unit_test_setup_teardown(test_questions_by_visit_and_newest, setup, teardown),
		cmocka_unit_test_setup_teardown(test_issue_link_is_all_or_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_issue_add_linked_is_all_or_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reception_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reception_moves_the_a3_start, setup, teardown),
		cmocka_unit_test_setup_teardown(test_calendar_and_node, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
