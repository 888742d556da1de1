/* The record encoding: round trips, unknown fields, corrupt input, field diffs. */
#include "testutil.h"

#include "core/date.h"
#include "core/issue.h"
#include "core/question.h"
#include "store/codec.h"
#include "core/schema.h"

static void
test_varint_round_trip(void **state)
{
	static const uint64_t values[] = { 0, 1, 127, 128, 300, 16383, 16384, UINT32_MAX,
		(uint64_t)1 << 56, UINT64_MAX };
	struct codec_buf b = { 0 };
	struct codec_reader r;
	struct codec_field f;

	(void)state;
	for (size_t i = 0; i < sizeof values / sizeof values[0]; i++)
		codec_put_uint(&b, (unsigned)i + 1, values[i]);
	codec_put_sint(&b, 99, -5);
	codec_put_sint(&b, 100, INT64_MIN);
	/* Little-endian base-128: 300 is AC 02 whatever the host. */
	assert_memory_equal(b.p + 9, "\x28\xac\x02", 3);
	codec_reader_init(&r, b.p, b.len);
	for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
		assert_int_equal(codec_next(&r, &f), 1);
		assert_int_equal(f.tag, i + 1);
		assert_true(f.u == values[i]);
	}
	assert_int_equal(codec_next(&r, &f), 1);
	assert_true(codec_unzigzag(f.u) == -5);
	assert_int_equal(codec_next(&r, &f), 1);
	assert_true(codec_unzigzag(f.u) == INT64_MIN);
	assert_int_equal(codec_next(&r, &f), 0);
	codec_buf_free(&b);
}

static void
test_corrupt_input_is_refused(void **state)
{
	/* A length running past the end, a bad wire type, a varint that never ends. */
	static const uint8_t past[] = { 0x01, 0x22, 0x10, 'a' };
	static const uint8_t wire[] = { 0x01, 0x0d, 0x00 };
	/* The question's text in KZ-1048 with a byte that code page leaves undefined. */
	static const uint8_t kz[] = { 0x01, 0x23, 0x01, 0x98 };
	static const uint8_t endless[] = { 0x01, 0x08, 0xff, 0xff };
	struct question q;

	(void)state;
	question_init(&q);
	assert_int_equal(schema_decode(question_kind.desc, &q, past, sizeof past), -1);
	assert_int_equal(schema_decode(question_kind.desc, &q, wire, sizeof wire), -1);
	assert_int_equal(schema_decode(question_kind.desc, &q, kz, sizeof kz), -1);
	assert_int_equal(schema_decode(question_kind.desc, &q, endless, sizeof endless), -1);
	assert_int_equal(schema_decode(question_kind.desc, &q, past, 0), -1);
	question_free(&q);
}

static void
fill_issue(struct issue *i)
{
	issue_init(i);
	uid_new(&i->id, 1764000000000);
	i->title = strdup("Ауыз су: Шаян а.");
	i->topic = strdup("су");
	memcpy(i->unit, "613630100", 10);
	i->level = LEVEL_REGION;
	i->executor = strdup("ТКШ бөлімі");
	i->deadline = date_from_ymd(2026, 12, 31);
	i->amount = 125000000;
	i->status = ISSUE_IN_WORK;
	issue_add_step(i, "Жоба әзірлеу", "Құрылыс бөлімі", date_from_ymd(2026, 3, 1));
	issue_add_step(i, "Мердігер таңдау", NULL, DATE_NONE);
	issue_add_progress(i, "2026-Q1", "Жоба дайын.", 1764000000000);
}

static void
test_issue_round_trip(void **state)
{
	struct codec_buf a = { 0 }, b = { 0 };
	struct issue i, back;

	(void)state;
	fill_issue(&i);
	schema_encode(issue_kind.desc, &i, &a);
	issue_init(&back);
	assert_int_equal(schema_decode(issue_kind.desc, &back, a.p, a.len), 0);
	assert_string_equal(back.title, "Ауыз су: Шаян а.");
	assert_string_equal(back.unit, "613630100");
	assert_int_equal(back.level, LEVEL_REGION);
	assert_int_equal(back.deadline, date_from_ymd(2026, 12, 31));
	assert_true(back.amount == 125000000);
	assert_int_equal(back.nsteps, 2);
	assert_string_equal(back.steps[0].executor, "Құрылыс бөлімі");
	assert_null(back.steps[1].executor);
	assert_int_equal(back.steps[1].deadline, DATE_NONE);
	assert_int_equal(back.nprogress, 1);
	assert_memory_equal(back.id.b, i.id.b, 16);
	/* Encoding again gives the same bytes: no field lost or reordered. */
	schema_encode(issue_kind.desc, &back, &b);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.p, b.p, a.len);
	issue_free(&i);
	issue_free(&back);
	codec_buf_free(&a);
	codec_buf_free(&b);
}

static void
test_unknown_fields_survive_read_modify_write(void **state)
{
	struct codec_buf a = { 0 }, b = { 0 };
	struct question q;
	struct codec_reader r;
	struct codec_field f;
	int seen_str = 0, seen_int = 0, seen_nested = 0;

	(void)state;
	question_init(&q);
	q.text = strdup("Жол қашан жөнделеді?");
	schema_encode(question_kind.desc, &q, &a);
	question_free(&q);
	/* What a newer version might add: a string, a number, and a known tag in a new shape. */
	codec_put_str(&a, 200, "жаңа өріс");
	codec_put_uint(&a, 201, 42);
	codec_put_bytes(&a, 3 /* asked_ms, once a varint */, "xy", 2);
	a.p[0] = 2;	/* written by format version 2 */

	question_init(&q);
	assert_int_equal(schema_decode(question_kind.desc, &q, a.p, a.len), 0);
	free(q.text);
	q.text = strdup("Жол қашан жөнделеді? (толықтырылды)");
	schema_encode(question_kind.desc, &q, &b);
	assert_int_equal(b.p[0], 2);
	codec_reader_init(&r, b.p + 1, b.len - 1);
	while (codec_next(&r, &f) == 1) {
		if (f.tag == 200 && f.n == strlen("жаңа өріс") && memcmp(f.p, "жаңа өріс", f.n) == 0)
			seen_str++;
		if (f.tag == 201 && f.u == 42)
			seen_int++;
		if (f.tag == 3 && f.wire == CODEC_WIRE_BYTES && f.n == 2)
			seen_nested++;
	}
	assert_int_equal(seen_str, 1);
	assert_int_equal(seen_int, 1);
	assert_int_equal(seen_nested, 1);
	question_free(&q);
	codec_buf_free(&a);
	codec_buf_free(&b);
}

static void
test_diff_names_changed_and_removed_fields(void **state)
{
	struct codec_buf a = { 0 }, b = { 0 }, changed = { 0 }, removed = { 0 };
	struct codec_reader r;
	struct codec_field f;
	struct issue i;
	int n;

	(void)state;
	fill_issue(&i);
	schema_encode(issue_kind.desc, &i, &a);
	/* Same record: no difference at all. */
	assert_int_equal(codec_diff(a.p, a.len, a.p, a.len, &changed, &removed), 0);
	i.status = ISSUE_RESOLVED;
	free(i.executor);
	i.executor = NULL;
	issue_add_step(&i, "Салу", NULL, DATE_NONE);
	schema_encode(issue_kind.desc, &i, &b);
	n = codec_diff(a.p, a.len, b.p, b.len, &changed, &removed);
	/* status changed, the steps list changed (as a whole), executor removed. */
	assert_int_equal(n, 3);
	codec_reader_init(&r, changed.p, changed.len);
	assert_int_equal(codec_next(&r, &f), 1);
	assert_int_equal(f.tag, 8);	/* steps: all three, as the list is one field */
	assert_int_equal(codec_next(&r, &f), 1);
	assert_int_equal(f.tag, 8);
	assert_int_equal(codec_next(&r, &f), 1);
	assert_int_equal(f.tag, 8);
	assert_int_equal(codec_next(&r, &f), 1);
	assert_int_equal(f.tag, 13);	/* status */
	assert_int_equal(f.u, ISSUE_RESOLVED * 2);	/* zigzag */
	assert_int_equal(codec_next(&r, &f), 0);
	assert_int_equal(removed.len, 1);
	assert_int_equal(removed.p[0], 6);	/* executor */
	issue_free(&i);
	codec_buf_free(&a);
	codec_buf_free(&b);
	codec_buf_free(&changed);
	codec_buf_free(&removed);
}

/* The wire type and length of the question text's field in an encoded question. */
static void
text_field(const char *text, unsigned *wire, size_t *n, char **back)
{
	struct codec_buf b = { 0 };
	struct codec_reader r;
	struct codec_field f;
	struct question q, d;

	question_init(&q);
	q.text = strdup(text);
	schema_encode(question_kind.desc, &q, &b);
	codec_reader_init(&r, b.p + 1, b.len - 1);
	while (codec_next(&r, &f) == 1)
		if (f.tag == 4) {
			*wire = f.wire;
			*n = f.n;
		}
	question_init(&d);
	assert_int_equal(schema_decode(question_kind.desc, &d, b.p, b.len), 0);
	*back = strdup(d.text);
	question_free(&q);
	question_free(&d);
	codec_buf_free(&b);
}

static void
test_kazakh_and_russian_text_take_a_byte_a_letter(void **state)
{
	static const char *const kk = "Ауыз су қашан келеді? Әңгіме, ғимарат, Өзен, ҰҮҺІ һі ё Ё";
	unsigned wire = 0;
	size_t n = 0, chars = 0;
	char *back;

	(void)state;
	for (const char *p = kk; *p != '\0'; p++)
		chars += ((unsigned char)*p & 0xc0) != 0x80;
	text_field(kk, &wire, &n, &back);
	assert_int_equal(wire, CODEC_WIRE_KZTEXT);
	assert_int_equal(n, chars);
	assert_string_equal(back, kk);
	free(back);
	/* Text the code page cannot hold, and plain ASCII, stay UTF-8 as they were. */
	text_field("Жол \xf0\x9f\x9a\xa7 ремонт", &wire, &n, &back);
	assert_int_equal(wire, CODEC_WIRE_BYTES);
	assert_string_equal(back, "Жол \xf0\x9f\x9a\xa7 ремонт");
	free(back);
	text_field("Road", &wire, &n, &back);
	assert_int_equal(wire, CODEC_WIRE_BYTES);
	assert_int_equal(n, 4);
	free(back);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_varint_round_trip),
		cmocka_unit_test(test_corrupt_input_is_refused),
		cmocka_unit_test(test_kazakh_and_russian_text_take_a_byte_a_letter),
		cmocka_unit_test(test_issue_round_trip),
		cmocka_unit_test(test_unknown_fields_survive_read_modify_write),
		cmocka_unit_test(test_diff_names_changed_and_removed_fields),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
