/* The store: change log, HLC, map growth, indexes, processes, permissions. */
#include "testutil.h"

#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/issue.h"
#include "core/node.h"
#include "core/question.h"
#include "store/codec.h"
#include "util/uid.h"

static void
test_hlc_never_goes_backwards(void **state)
{
	uint64_t h;

	(void)state;
	h = hlc_next(0, 1000);
	assert_true(h == (uint64_t)1000 << 16);
	/* The wall clock stands still, then steps back an hour: the counter moves on. */
	assert_true(hlc_next(h, 1000) == h + 1);
	assert_true(hlc_next(h + 1, 1000 - 3600000) == h + 2);
	/* It moves forward again: the physical part takes over, the counter resets. */
	assert_true(hlc_next(h + 2, 2000) == (uint64_t)2000 << 16);
}

static void
test_uuids_are_time_ordered_version_7(void **state)
{
	struct kz_uuid a, b, c;
	char s[UID_STRLEN];

	(void)state;
	uid_new(&a, 1764000000000);
	uid_new(&b, 1764000000000);	/* same millisecond */
	uid_new(&c, 1764000000001);
	assert_true(uid_cmp(&a, &b) < 0);
	assert_true(uid_cmp(&b, &c) < 0);
	assert_true(uid_ms(&a) == 1764000000000);
	uid_format(&a, s);
	assert_int_equal(s[14], '7');	/* version */
	assert_true(strchr("89ab", s[19]) != NULL);	/* RFC 9562 variant */
	assert_int_equal(uid_parse(s, &b), 0);
	assert_memory_equal(a.b, b.b, 16);
	assert_int_equal(uid_parse("not-a-uuid", &b), -1);
}

struct entry {
	uint64_t seq, hlc, kind;
	uint8_t node[16], key[64];
	size_t keylen;
	char user[64], official[64];
	int has_text;
};

static int
read_changes(struct store_txn *t, void *arg)
{
	struct entry *out = arg;
	struct store_cursor *c;
	struct codec_buf ch = { 0 };
	const void *k, *v;
	size_t kn, vn, i = 0;
	int rc;

	assert_int_equal(store_cursor_open(t, DB_LOG, &c), 0);
	for (rc = store_cursor_seek(c, NULL, 0); rc == 0; rc = store_cursor_next(c), i++) {
		struct store_log_entry le;
		struct rec_change rc_ = { 0 };
		struct kz_error e;

		store_cursor_get(c, &k, &kn, &v, &vn);
		assert_int_equal(kn, 12);	/* the origin's number (4) and the sequence (8) */
		assert_int_equal(store_log_decode(t, k, kn, v, vn, &le), 0);
		/* The entry's bytes as docs/architecture.md gives them: tag 3 is the record key. */
		{
			struct codec_reader r;
			struct codec_field f;
			int has_key = 0, has_hlc = 0;

			codec_reader_init(&r, (const uint8_t *)v + 1, vn - 1);
			while (codec_next(&r, &f) == 1) {
				if (f.tag == 3 && f.n == le.klen && memcmp(f.p, le.key, f.n) == 0)
					has_key = 1;
				if (f.tag == 1 && f.u == le.hlc)
					has_hlc = 1;
			}
			assert_true(has_key && has_hlc);
		}
		memset(&out[i], 0, sizeof out[i]);
		memcpy(out[i].node, le.origin, 16);
		out[i].seq = le.seq;
		out[i].hlc = le.hlc;
		out[i].kind = le.kind;
		memcpy(out[i].key, le.key, le.klen);
		out[i].keylen = le.klen;
		if (le.user_len > 0)
			memcpy(out[i].user, le.user, le.user_len);
		if (le.official_len > 0)
			memcpy(out[i].official, le.official, le.official_len);
		/* The change as sent to other offices carries the question's text. */
		assert_int_equal(rec_change_export(t, le.origin, le.seq, &ch), 0);
		assert_int_equal(rec_change_decode(ch.p, ch.len, &rc_, &e), 0);
		for (size_t p = 0; p < rc_.np; p++)
			if (rc_.p[p].plen == 1 && rc_.p[p].path[0] == 4 << 1)	/* question text */
				out[i].has_text = 1;
		rec_change_free(&rc_);
	}
	codec_buf_free(&ch);
	store_cursor_close(&c);
	out[i].seq = 0;
	return 0;
}

static void
add_question(struct store *s, const char *text, struct kz_uuid *id)
{
	struct question q;
	struct kz_error e;

	question_init(&q);
	q.source = QS_POOL;	/* no visit needed */
	q.channel = QC_LETTER;	/* P-2: a request says how it came */
	q.text = strdup(text);
	if (question_add(s, &q, &e) != 0)
		fail_msg("question_add: %s", e.msg);
	if (id != NULL)
		*id = q.id;
	question_free(&q);
}

static void
test_change_log_and_hlc_across_clock_step_back(void **state)
{
	struct entry log[8];
	struct kz_uuid id;
	struct node n;
	struct kz_error e;
	char *dir;
	struct store *s = test_store(&dir);

	(void)state;
	assert_int_equal(node_init(s, "613600000", &e), 0);
	assert_int_equal(node_get(s, &n, &e), 0);
	setenv("KEZDESU_NOW", "2026-11-25T10:00:00", 1);
	add_question(s, "Су қашан болады?", &id);
	/* The wall clock is set back an hour (a laptop with a flat CMOS battery). */
	setenv("KEZDESU_NOW", "2026-11-25T09:00:00", 1);
	add_question(s, "Жол қашан жөнделеді?", NULL);
	unsetenv("KEZDESU_NOW");
	assert_int_equal(store_read(s, read_changes, log, &e), 0);
	assert_true(log[0].seq == 1);
	assert_true(log[1].seq == 2);
	assert_true(log[2].seq == 0);	/* exactly two entries */
	assert_true(log[1].hlc > log[0].hlc);
	assert_true(log[0].hlc >> 16 == 1795600800000u);	/* 2026-11-25T10:00Z */
	assert_true(log[0].kind == DB_QUESTIONS);
	assert_int_equal(log[0].keylen, 16);
	assert_memory_equal(log[0].key, id.b, 16);
	assert_memory_equal(log[0].node, n.id.b, 16);
	assert_true(log[0].has_text);
	assert_string_equal(log[0].user, "tester");
	assert_string_equal(log[0].official, "Тестов Т.");
	store_close(&s);
	test_rmdir(dir);
}

struct bulk {
	int n;
	size_t len;
};

static int
bulk_fn(struct store_txn *t, void *arg)
{
	struct bulk *b = arg;
	char *text = malloc(b->len + 1);

	memset(text, 'a', b->len);
	text[b->len] = '\0';
	for (int i = 0; i < b->n; i++) {
		struct question q;
		int rc;

		question_init(&q);
		q.source = QS_POOL;
		q.channel = QC_LETTER;
		q.text = strdup(text);
		rc = question_add_tx(t, &q);
		question_free(&q);
		if (rc != 0) {
			free(text);
			return -1;
		}
	}
	free(text);
	return 0;
}

static int
count_fn(struct store_txn *t, void *arg)
{
	size_t *n = arg;

	n[0] = store_count(t, DB_QUESTIONS);
	n[1] = store_count(t, DB_QUESTIONS_BY_VISIT);
	n[2] = store_count(t, DB_LOG);
	return 0;
}

static void
test_map_grows_past_its_initial_size(void **state)
{
	struct bulk b = { 3000, 2000 };	/* about 12 MB with the change log */
	struct kz_error e;
	size_t n[3];
	char *dir;
	struct store *s = test_store(&dir);
	size_t before = store_map_size(s);

	(void)state;
	assert_true(before <= 1u << 20);
	if (store_write(s, bulk_fn, &b, &e) != 0)
		fail_msg("store_write: %s", e.msg);
	assert_true(store_map_size(s) > 8u << 20);
	assert_int_equal(store_read(s, count_fn, n, &e), 0);
	assert_int_equal(n[0], 3000);
	assert_int_equal(n[1], 0);	/* pool questions: in no meeting's index */
	assert_int_equal(n[2], 3000);
	/* A second process (here: a second open) sees the grown map and the data. */
	store_close(&s);
	assert_int_equal(store_open(dir, 0, &s, &e), 0);
	add_question(s, "after reopen", NULL);
	assert_int_equal(store_read(s, count_fn, n, &e), 0);
	assert_int_equal(n[0], 3001);
	store_close(&s);
	test_rmdir(dir);
}

static void
test_two_processes_write_at_once(void **state)
{
	struct kz_error e;
	struct entry *log = calloc(1000, sizeof *log);
	size_t n[3];
	pid_t pids[2];
	char *dir;
	struct store *s = test_store(&dir);

	(void)state;
	store_close(&s);
	for (int p = 0; p < 2; p++) {
		if ((pids[p] = fork()) == 0) {
			struct store *cs;

			if (store_open(dir, 0, &cs, &e) != 0)
				_exit(2);
			for (int i = 0; i < 150; i++)
				add_question(cs, p ? "екінші процесс" : "первый процесс", NULL);
			store_close(&cs);
			_exit(0);
		}
	}
	for (int p = 0; p < 2; p++) {
		int st;

		assert_int_equal(waitpid(pids[p], &st, 0), pids[p]);
		assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	}
	assert_int_equal(store_open(dir, 0, &s, &e), 0);
	assert_int_equal(store_read(s, count_fn, n, &e), 0);
	assert_int_equal(n[0], 300);
	assert_int_equal(n[2], 300);
	/* The change log's sequence has no gap and no duplicate. */
	assert_int_equal(store_read(s, read_changes, log, &e), 0);
	for (int i = 0; i < 300; i++)
		assert_true(log[i].seq == (uint64_t)i + 1);
	store_close(&s);
	free(log);
	test_rmdir(dir);
}

struct idx_probe {
	enum store_db db;
	size_t n;
	uint8_t first[64];
};

static int
probe_fn(struct store_txn *t, void *arg)
{
	struct idx_probe *p = arg;
	struct store_cursor *c;
	const void *k;
	size_t kn;

	p->n = store_count(t, p->db);
	assert_int_equal(store_cursor_open(t, p->db, &c), 0);
	if (store_cursor_seek(c, NULL, 0) == 0) {
		store_cursor_get(c, &k, &kn, NULL, NULL);
		memcpy(p->first, k, kn < 64 ? kn : 64);
	}
	store_cursor_close(&c);
	return 0;
}

static int
set_resolved(struct issue *i, void *arg, struct kz_error *e)
{
	(void)arg;
	(void)e;
	i->status = ISSUE_RESOLVED;
	i->deadline = date_from_ymd(2027, 3, 1);
	return 0;
}

static void
test_indexes_follow_changes(void **state)
{
	struct idx_probe p = { DB_ISSUES_BY_STATUS };
	struct kz_error e;
	struct kz_uuid id;
	struct issue i;
	char *dir;
	struct store *s = test_store(&dir);

	(void)state;
	issue_init(&i);
	i.title = strdup("Жарық жоқ");
	i.deadline = date_from_ymd(2026, 12, 1);
	assert_int_equal(issue_add(s, &i, &e), 0);
	id = i.id;
	assert_int_equal(store_read(s, probe_fn, &p, &e), 0);
	assert_int_equal(p.n, 1);
	assert_int_equal(p.first[0], ISSUE_NEW);
	assert_int_equal(issue_modify(s, &i.id, set_resolved, NULL, "шешілді", &e), 0);
	assert_int_equal(store_read(s, probe_fn, &p, &e), 0);
	assert_int_equal(p.n, 1);	/* the old entry is gone, not doubled */
	assert_int_equal(p.first[0], ISSUE_RESOLVED);
	p.db = DB_ISSUES_BY_DEADLINE;
	assert_int_equal(store_read(s, probe_fn, &p, &e), 0);
	assert_int_equal(p.n, 1);
	assert_int_equal(store_get_key_date(p.first), date_from_ymd(2027, 3, 1));
	issue_free(&i);
	/* The history records the change with its note and author. */
	assert_int_equal(issue_get(s, &id, &i, &e), 0);
	assert_int_equal(i.nhistory, 2);
	assert_int_equal(i.history[1].status, ISSUE_RESOLVED);
	assert_string_equal(i.history[1].note, "шешілді");
	/* The official's name, set by test_store beside the Unix user "tester". */
	assert_string_equal(i.history[1].user, "Тестов Т.");
	issue_free(&i);
	store_close(&s);
	test_rmdir(dir);
}

static void
test_files_are_private_and_loose_modes_are_reported(void **state)
{
	struct kz_error e;
	struct stat st;
	char path[600];
	char *dir;
	struct store *s = test_store(&dir);
	mode_t old = umask(0);

	(void)state;
	umask(old);
	snprintf(path, sizeof path, "%s/data.mdb", dir);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 077, 0);
	assert_null(store_warning(s));
	store_close(&s);
	assert_int_equal(chmod(path, 0644), 0);
	assert_int_equal(store_open(dir, 0, &s, &e), 0);
	assert_non_null(store_warning(s));
	assert_non_null(strstr(store_warning(s), "data.mdb"));
	store_close(&s);
	/* A store that does not exist is not made by accident. */
	snprintf(path, sizeof path, "%s/nothing-here", dir);
	assert_int_equal(store_open(path, 0, &s, &e), -1);
	assert_int_equal(e.code, KZ_ENOTFOUND);
	assert_non_null(strstr(e.msg, "kezdesu init"));
	test_rmdir(dir);
}

static int
contains(const uint8_t *p, size_t n, const char *s)
{
	size_t m = strlen(s);

	for (size_t i = 0; i + m <= n; i++)
		if (memcmp(p + i, s, m) == 0)
			return 1;
	return 0;
}

static int
raw_fn(struct store_txn *t, void *arg)
{
	struct codec_buf *b = arg;
	const void *v;
	size_t n;
	struct store_cursor *c;
	const void *k;
	size_t kn;

	assert_int_equal(store_cursor_open(t, DB_ISSUES, &c), 0);
	assert_int_equal(store_cursor_seek(c, NULL, 0), 0);
	store_cursor_get(c, &k, &kn, &v, &n);
	if (b->len == 0) {
		/* A newer version's field, written with the record's own stamp. */
		struct state st = { 0 };
		struct codec_buf f = { 0 };
		uint8_t path[8];
		int rc;

		struct state_nodes nodes;

		store_state_nodes(t, &nodes);
		assert_int_equal(state_load(&st, v, n, rec_set_mask(issue_kind.desc), &nodes), 0);
		codec_put_str(&f, 300, "from a newer version");
		state_set(&st, path, state_path_tag(path, 300), true, f.p, f.len, &st.e[0].st, NULL);
		assert_int_equal(state_store(&st, b, &nodes), 0);
		store_cursor_close(&c);
		rc = store_put(t, DB_ISSUES, k, kn, b->p, b->len);
		state_free(&st);
		codec_buf_free(&f);
		return rc;
	}
	b->len = 0;
	codec_put_raw(b, v, n);
	store_cursor_close(&c);
	return 0;
}

static void
test_unknown_field_survives_a_change_in_the_store(void **state)
{
	struct codec_buf b = { 0 };
	struct kz_error e;
	struct issue i;
	char *dir;
	struct store *s = test_store(&dir);

	(void)state;
	issue_init(&i);
	i.title = strdup("Мектеп");
	assert_int_equal(issue_add(s, &i, &e), 0);
	assert_int_equal(store_write(s, raw_fn, &b, &e), 0);
	assert_int_equal(issue_modify(s, &i.id, set_resolved, NULL, NULL, &e), 0);
	assert_int_equal(store_read(s, raw_fn, &b, &e), 0);
	assert_true(contains(b.p, b.len, "from a newer version"));
	issue_free(&i);
	codec_buf_free(&b);
	store_close(&s);
	test_rmdir(dir);
}

static int
hold_fn(struct store_txn *t, void *arg)
{
	int *fds = arg;
	char c = 'w';

	(void)t;
	/* Tell the parent the writer's lock is held, then keep it for a while. */
	if (write(fds[1], &c, 1) != 1)
		return -1;
	sleep(2);
	return 0;
}

static void
test_readers_do_not_wait_for_a_writer(void **state)
{
	struct kz_error e;
	struct timespec t0, t1;
	size_t n[3];
	int fds[2], st;
	char c;
	pid_t pid;
	char *dir;
	struct store *s = test_store(&dir);

	(void)state;
	add_question(s, "Су", NULL);
	store_close(&s);
	assert_int_equal(pipe(fds), 0);
	if ((pid = fork()) == 0) {
		struct store *ws;

		if (store_open(dir, 0, &ws, &e) != 0 || store_write(ws, hold_fn, fds, &e) != 0)
			_exit(1);
		store_close(&ws);
		_exit(0);
	}
	assert_int_equal(read(fds[0], &c, 1), 1);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(store_open(dir, 0, &s, &e), 0);
	assert_int_equal(store_read(s, count_fn, n, &e), 0);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	assert_int_equal(n[0], 1);
	/* The writer holds its lock for 2 s; opening and reading must not wait for it. */
	assert_true((t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000 < 1000);
	store_close(&s);
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	close(fds[0]);
	close(fds[1]);
	test_rmdir(dir);
}

static int
old_format_fn(struct store_txn *t, void *arg)
{
	(void)arg;
	return store_meta_put(t, "format", "1", 1);
}

static void
test_a_store_of_another_format_is_refused_not_misread(void **state)
{
	struct kz_error e = { 0 };
	char *dir;
	struct store *s = test_store(&dir);

	(void)state;
	assert_int_equal(store_write(s, old_format_fn, NULL, &e), 0);
	store_close(&s);
	assert_int_equal(store_open(dir, 0, &s, &e), -1);
	assert_null(s);
	assert_non_null(strstr(e.msg, "made in format 1"));
	assert_non_null(strstr(e.msg, "left as it was"));
	test_rmdir(dir);
}

static void
test_full_disk_loses_nothing(void **state)
{
	struct bulk b = { 2000, 1500 };	/* about 6 MB: more than the disk has room for */
	struct kz_error e;
	struct stat st;
	size_t n[3];
	char path[600];
	int status;
	pid_t pid;
	char *dir;
	struct store *s = test_store(&dir);

	(void)state;
	for (int i = 0; i < 20; i++)
		add_question(s, "Бұл сұрақ сақталуы керек", NULL);
	store_close(&s);
	snprintf(path, sizeof path, "%s/data.mdb", dir);
	assert_int_equal(stat(path, &st), 0);
	if ((pid = fork()) == 0) {
		/* The file may not grow: as on a full disk, the write fails with an error. */
		struct rlimit rl = { (rlim_t)st.st_size, (rlim_t)st.st_size };

		signal(SIGXFSZ, SIG_IGN);
		if (setrlimit(RLIMIT_FSIZE, &rl) != 0 || store_open(dir, 0, &s, &e) != 0)
			_exit(2);
		if (store_write(s, bulk_fn, &b, &e) == 0)
			_exit(3);
		_exit(strstr(e.msg, "nothing was saved") != NULL ? 0 : 4);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	/* The store opens and holds exactly what it held before. */
	assert_int_equal(store_open(dir, 0, &s, &e), 0);
	assert_int_equal(store_read(s, count_fn, n, &e), 0);
	assert_int_equal(n[0], 20);
	assert_int_equal(n[2], 20);
	add_question(s, "және одан кейін де жұмыс істейді", NULL);
	store_close(&s);
	test_rmdir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hlc_never_goes_backwards),
		cmocka_unit_test(test_uuids_are_time_ordered_version_7),
		cmocka_unit_test(test_change_log_and_hlc_across_clock_step_back),
		cmocka_unit_test(test_map_grows_past_its_initial_size),
		cmocka_unit_test(test_two_processes_write_at_once),
		cmocka_unit_test(test_indexes_follow_changes),
		cmocka_unit_test(test_files_are_private_and_loose_modes_are_reported),
		cmocka_unit_test(test_unknown_field_survives_a_change_in_the_store),
		cmocka_unit_test(test_readers_do_not_wait_for_a_writer),
		cmocka_unit_test(test_full_disk_loses_nothing),
		cmocka_unit_test(test_a_store_of_another_format_is_refused_not_misread),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
