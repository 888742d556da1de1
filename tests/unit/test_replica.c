/*
 * The replicated log as a property: three to five simulated offices make random changes
 * (concurrent edits of one field, appends to sets, withdrawals of elements, fields cleared,
 * clocks set wrong), exchange their log entries in random orders with duplicates, losses
 * and re-sends; in the end every office's dump is identical, nothing a user saved is
 * missing, and every office lists the same conflicts. Over many seeds
 * (KZ_REPLICA_SEEDS, default 1000).
 */
#include "testutil.h"

#include <stdbool.h>
#include <time.h>
#include <unistd.h>

#include "core/conflict.h"
#include "core/dump.h"
#include "core/issue.h"
#include "store/state.h"
#include "util/xmalloc.h"

#define MAX_OFFICES 5
#define MAX_ISSUES 64
#define MAX_ELEMS 512

struct office {
	struct store *s;
	char *dir;
	int64_t skew_ms;	/* this laptop's clock error */
};

/* What users saved, to be found everywhere at the end. */
struct world {
	struct office o[MAX_OFFICES];
	int n;
	struct kz_uuid issues[MAX_ISSUES];
	int nissues;
	struct kz_uuid elems[MAX_ELEMS];	/* progress notes added */
	bool withdrawn[MAX_ELEMS];
	int nelems;
	unsigned rng;
	int64_t now;
};

static unsigned
rnd(struct world *w, unsigned n)
{
	w->rng = w->rng * 1103515245u + 12345u;
	return (w->rng >> 8) % n;
}

static void
set_clock(struct world *w, int office)
{
	char buf[32];
	time_t secs;
	struct tm tm;

	/* Whole seconds: KEZDESU_NOW's resolution; the clock's counter orders within. */
	w->now += 1000 * (1 + rnd(w, 3));
	secs = (time_t)((w->now + w->o[office].skew_ms) / 1000);
	gmtime_r(&secs, &tm);
	strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
	setenv("KEZDESU_NOW", buf, 1);
}

/* What one operation did, recorded in the world only once its transaction committed. */
struct op {
	struct world *w;
	int kind;
	int issue;	/* index into w->issues */
	bool made_issue, made_elem, dropped_elem;
	struct kz_uuid id, elem;
};

static int
op_fn(struct store_txn *t, void *arg)
{
	struct op *op = arg;
	struct world *w = op->w;
	struct issue i;
	char text[64];
	int rc;

	/* Run again after the map grew: what the failed try did never happened. */
	op->made_issue = op->made_elem = op->dropped_elem = false;
	if (op->kind == 0) {
		issue_init(&i);
		snprintf(text, sizeof text, "Мәселе %u", rnd(w, 1000));
		i.title = xstrdup(text);
		if ((rc = issue_add_tx(t, &i)) == 0) {
			op->made_issue = true;
			op->id = i.id;
		}
		issue_free(&i);
		return rc;
	}
	/* Only an issue this office has received can be edited here. */
	struct rec_key key = { .n = 0 };

	rec_key_bytes(&key, w->issues[op->issue].b, 16);
	if ((rc = rec_load(t, &issue_kind, &key, &i)) != 0)
		return rc == 1 ? 0 : -1;
	switch (op->kind) {
	case 1:	/* concurrent edits of one field are likely: few titles, many offices */
		free(i.title);
		snprintf(text, sizeof text, "Жол %u", rnd(w, 4));
		i.title = xstrdup(text);
		break;
	case 2:
		free(i.executor);
		i.executor = rnd(w, 4) == 0 ? NULL : xstrdup(rnd(w, 2) ? "ТКШ бөлімі" : "Аким");
		break;
	case 3:
		i.deadline = rnd(w, 3) == 0 ? DATE_NONE : (kz_date)(20800 + rnd(w, 400));
		break;
	case 4:
		snprintf(text, sizeof text, "Орындалды %u", rnd(w, 100000));
		issue_add_progress(&i, "2026-Q4", text, store_txn_now(t));
		break;
	case 5:
		if (i.nprogress > 0) {
			size_t k = rnd(w, (unsigned)i.nprogress);

			/* A note withdrawn: the element goes, the rest of the set stays. */
			op->dropped_elem = true;
			op->elem = i.progress[k].eid;
			schema_clear(schema_field_named(issue_kind.desc, "progress")->sub,
			    &i.progress[k]);
			memmove(&i.progress[k], &i.progress[k + 1],
			    (i.nprogress - k - 1) * sizeof *i.progress);
			i.nprogress--;
		}
		break;
	case 6:
		i.status = (int)rnd(w, ISSUE_STATUS_COUNT);
		break;
	}
	rc = rec_save(t, &issue_kind, &i);
	if (rc == 0 && op->kind == 4) {
		op->made_elem = true;
		op->elem = i.progress[i.nprogress - 1].eid;
	}
	issue_free(&i);
	return rc;
}

/* Every change of office `from`, as it would travel, in log order. */
struct batch {
	struct codec_buf *ch;
	size_t n, cap;
};

static int
export_fn(struct store_txn *t, void *arg)
{
	struct batch *b = arg;
	struct store_cursor *c;
	const void *k, *v;
	size_t kn, vn;
	int rc;

	assert_int_equal(store_cursor_open(t, DB_LOG, &c), 0);
	for (rc = store_cursor_seek(c, NULL, 0); rc == 0; rc = store_cursor_next(c)) {
		struct store_log_entry e;

		store_cursor_get(c, &k, &kn, &v, &vn);
		assert_int_equal(store_log_decode(t, k, kn, v, vn, &e), 0);
		b->ch = xgrow(b->ch, &b->cap, b->n + 1, sizeof *b->ch);
		memset(&b->ch[b->n], 0, sizeof b->ch[b->n]);
		assert_int_equal(rec_change_export(t, e.origin, e.seq, &b->ch[b->n]), 0);
		b->n++;
	}
	store_cursor_close(&c);
	return rc < 0 ? -1 : 0;
}

struct deliver {
	struct batch *b;
	size_t *order;
	size_t n;
};

static int
apply_fn(struct store_txn *t, void *arg)
{
	struct deliver *d = arg;
	struct rec_change c = { 0 };
	struct kz_error e;
	int rc = 0;

	for (size_t i = 0; rc == 0 && i < d->n; i++) {
		struct codec_buf *x = &d->b->ch[d->order[i]];

		assert_int_equal(rec_change_decode(x->p, x->len, &c, &e), 0);
		rc = rec_apply(t, &c) < 0 ? -1 : 0;
	}
	rec_change_free(&c);
	return rc;
}

static void
batch_free(struct batch *b)
{
	for (size_t i = 0; i < b->n; i++)
		codec_buf_free(&b->ch[i]);
	free(b->ch);
}

/* Sends from's log to to: shuffled, some lost, some twice (unless reliable). */
static void
exchange(struct world *w, int from, int to, bool reliable)
{
	struct batch b = { 0 };
	struct deliver d = { &b, NULL, 0 };
	struct kz_error e;

	assert_int_equal(store_read(w->o[from].s, export_fn, &b, &e), 0);
	d.order = xmalloc((2 * b.n + 1) * sizeof *d.order);
	for (size_t i = 0; i < b.n; i++) {
		if (!reliable && rnd(w, 5) == 0)
			continue;	/* lost */
		d.order[d.n++] = i;
		if (!reliable && rnd(w, 6) == 0)
			d.order[d.n++] = i;	/* sent twice */
	}
	for (size_t i = d.n; i > 1; i--) {
		size_t j = rnd(w, (unsigned)i), x = d.order[i - 1];

		d.order[i - 1] = d.order[j];
		d.order[j] = x;
	}
	set_clock(w, to);
	if (store_write(w->o[to].s, apply_fn, &d, &e) != 0)
		fail_msg("apply: %s", e.msg);
	free(d.order);
	batch_free(&b);
}

static int
collect_line(void *arg, const char *line, size_t n)
{
	struct codec_buf *b = arg;

	codec_put_raw(b, line, n);
	codec_put_raw(b, "\n", 1);
	return 0;
}

static int
conflicts_fn(struct store_txn *t, void *arg)
{
	struct codec_buf *b = arg;
	struct rec_array a = { 0 };

	if (conflict_list_tx(t, &a) != 0)
		return -1;
	for (size_t i = 0; i < a.n; i++) {
		const struct conflict *c = (const struct conflict *)a.items + i;

		codec_put_raw(b, c->id.b, 16);
		codec_put_raw(b, c->field, strlen(c->field));
	}
	rec_array_free(&conflict_kind, &a);
	return 0;
}

static size_t
count_conflicts(struct store *s)
{
	struct rec_array a = { 0 };
	struct kz_error e;
	size_t n;

	assert_int_equal(conflict_list(s, &a, &e), 0);
	n = a.n;
	rec_array_free(&conflict_kind, &a);
	return n;
}

/* The progress note elem of issue is in office o's store. */
static bool
has_elem(struct store *s, const struct kz_uuid *issue, const struct kz_uuid *elem)
{
	struct issue i;
	struct kz_error e;
	bool found = false;

	if (issue_get(s, issue, &i, &e) != 0)
		return false;
	for (size_t k = 0; k < i.nprogress; k++)
		if (memcmp(i.progress[k].eid.b, elem->b, 16) == 0)
			found = true;
	issue_free(&i);
	return found;
}

static size_t total_conflicts, total_changes;

static void
run_seed(unsigned seed)
{
	struct world *w = xcalloc(1, sizeof *w);
	struct codec_buf first = { 0 }, firstc = { 0 };
	struct kz_error e;
	int steps;

	w->rng = seed * 2654435761u + 1;
	w->n = 3 + (int)rnd(w, 3);
	w->now = 1795600800000LL;	/* 2026-11-25T10:00Z */
	for (int k = 0; k < w->n; k++) {
		w->o[k].s = test_store(&w->o[k].dir);
		/* Clocks set wrong: hours behind, or more than a day ahead. */
		switch (rnd(w, 4)) {
		case 0: w->o[k].skew_ms = -3 * 3600 * 1000LL; break;
		case 1: w->o[k].skew_ms = 30 * 3600 * 1000LL; break;
		default: w->o[k].skew_ms = (int64_t)rnd(w, 5000); break;
		}
	}
	steps = 20 + (int)rnd(w, 30);
	for (int i = 0; i < steps; i++) {
		int k = (int)rnd(w, (unsigned)w->n);

		if (rnd(w, 3) == 0) {
			int to = (int)rnd(w, (unsigned)w->n);

			if (to != k)
				exchange(w, k, to, false);
			continue;
		}
		struct op op = { w, w->nissues == 0 ? 0 : (int)rnd(w, 7),
			w->nissues ? (int)rnd(w, (unsigned)w->nissues) : 0 };

		set_clock(w, k);
		if (store_write(w->o[k].s, op_fn, &op, &e) != 0)
			fail_msg("seed %u: op %d: %s", seed, op.kind, e.msg);
		if (op.made_issue && w->nissues < MAX_ISSUES)
			w->issues[w->nissues++] = op.id;
		if (op.made_elem && w->nelems < MAX_ELEMS)
			w->elems[w->nelems++] = op.elem;
		for (int x = 0; op.dropped_elem && x < w->nelems; x++)
			if (memcmp(w->elems[x].b, op.elem.b, 16) == 0)
				w->withdrawn[x] = true;
	}
	/* Then everyone talks to everyone until nothing is missing: twice round, reliably. */
	for (int round = 0; round < 2; round++)
		for (int a = 0; a < w->n; a++)
			for (int b = 0; b < w->n; b++)
				if (a != b)
					exchange(w, a, b, true);
	for (int k = 0; k < w->n; k++) {
		struct codec_buf d = { 0 }, c = { 0 };

		assert_int_equal(dump_store(w->o[k].s, collect_line, &d, &e), 0);
		assert_int_equal(store_read(w->o[k].s, conflicts_fn, &c, &e), 0);
		if (k == 0) {
			first = d;
			firstc = c;
			total_conflicts += count_conflicts(w->o[k].s);
			continue;
		}
		if (d.len != first.len || (d.len > 0 && memcmp(d.p, first.p, d.len) != 0)) {
			fprintf(stderr, "office 0:\n%.*s\noffice %d:\n%.*s\n", (int)first.len,
			    (const char *)first.p, k, (int)d.len, (const char *)d.p);
			fail_msg("seed %u: office %d's dump differs from office 0's", seed, k);
		}
		if (c.len != firstc.len || (c.len > 0 && memcmp(c.p, firstc.p, c.len) != 0))
			fail_msg("seed %u: office %d lists other conflicts than office 0", seed, k);
		codec_buf_free(&d);
		codec_buf_free(&c);
	}
	/* Nothing a user saved is missing anywhere. */
	for (int k = 0; k < w->n; k++) {
		for (int i = 0; i < w->nissues; i++) {
			struct issue is;

			if (issue_get(w->o[k].s, &w->issues[i], &is, &e) != 0)
				fail_msg("seed %u: office %d lacks an issue: %s", seed, k, e.msg);
			issue_free(&is);
		}
		for (int x = 0; x < w->nelems; x++)
			if (!w->withdrawn[x] && !has_elem(w->o[k].s, &w->issues[0], &w->elems[x])) {
				/* The note may belong to another issue: look in all of them. */
				bool found = false;

				for (int i = 0; i < w->nissues && !found; i++)
					found = has_elem(w->o[k].s, &w->issues[i], &w->elems[x]);
				if (!found && getenv("KZ_REPLICA_DEBUG")) {
					struct codec_buf d = { 0 };

					dump_store(w->o[k].s, collect_line, &d, &e);
					fprintf(stderr, "%.*s\nmissing eid:", (int)d.len, (const char *)d.p);
					for (int q = 0; q < 16; q++)
						fprintf(stderr, "%02x", w->elems[x].b[q]);
					fprintf(stderr, "\n");
				}
				if (!found)
					fail_msg("seed %u: office %d lost a progress note", seed, k);
			}
	}
	total_changes += (size_t)steps;
	codec_buf_free(&first);
	codec_buf_free(&firstc);
	for (int k = 0; k < w->n; k++) {
		store_close(&w->o[k].s);
		test_rmdir(w->o[k].dir);
	}
	free(w);
}

static void
test_offices_converge_over_many_seeds(void **state)
{
	const char *env = getenv("KZ_REPLICA_SEEDS");
	unsigned n = env != NULL ? (unsigned)atoi(env) : 1000;

	(void)state;
	/* Stores in memory when the machine has it: a thousand seeds of durable commits. */
	if (getenv("TMPDIR") == NULL && access("/dev/shm", W_OK) == 0)
		setenv("TMPDIR", "/dev/shm", 1);
	for (unsigned seed = 1; seed <= n; seed++)
		run_seed(seed);
	unsetenv("KEZDESU_NOW");
	printf("# %u seeds converged; %zu conflicts listed alike\n", n, total_conflicts);
	assert_true(total_conflicts > 0);	/* the property was tested with conflicts */
}

/* Everything in from's log, applied to to, in log order. */
static void
send_all(struct store *from, struct store *to)
{
	struct batch b = { 0 };
	struct deliver d = { &b, NULL, 0 };
	struct kz_error e;

	assert_int_equal(store_read(from, export_fn, &b, &e), 0);
	d.order = xmalloc((b.n + 1) * sizeof *d.order);
	for (size_t i = 0; i < b.n; i++)
		d.order[d.n++] = i;
	if (store_write(to, apply_fn, &d, &e) != 0)
		fail_msg("apply: %s", e.msg);
	free(d.order);
	batch_free(&b);
}

static char title_road[] = "Жол жөндеу", title_water[] = "Ауыз су",
    title_pipe[] = "Ауыз су құбыры", title_pipe2[] = "Су құбыры";

static int
retitle(struct issue *i, void *arg, struct kz_error *e)
{
	(void)e;
	free(i->title);
	i->title = xstrdup(arg);
	return 0;
}

struct last_stamp {
	uint64_t hlc;
};

static int
last_own_fn(struct store_txn *t, void *arg)
{
	struct last_stamp *ls = arg;
	struct store_log_entry le;
	uint8_t node[16];
	uint64_t seq;

	if (store_node(t, node) != 0 || store_log_last(t, node, &seq) != 0 ||
	    store_log_get(t, node, seq, &le) != 0)
		return -1;
	ls->hlc = le.hlc;
	return 0;
}

/*
 * A laptop whose clock is two days ahead: its changes are applied, listed for review, and
 * the clock here moves past them, so that a later change made here still wins over them.
 */
static void
test_a_clock_far_ahead_is_applied_noted_and_followed(void **state)
{
	struct clock_review *rv;
	struct last_stamp ls;
	struct kz_uuid id;
	struct kz_error e;
	struct issue i;
	char *da, *db;
	struct store *a = test_store(&da), *b = test_store(&db);
	size_t n;

	(void)state;
	setenv("KEZDESU_NOW", "2026-12-03T10:00:00", 1);
	issue_init(&i);
	i.title = xstrdup("Жол");
	assert_int_equal(issue_add(a, &i, &e), 0);
	setenv("KEZDESU_NOW", "2026-12-01T10:00:00", 1);
	send_all(a, b);
	assert_int_equal(conflict_clock_reviews(b, &rv, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_int_equal(rv[0].wall_ms, 1796292000000LL);	/* 2026-12-03T10:00Z */
	free(rv);
	/* The change made here now, by the wall clock two days earlier, still comes after. */
	assert_int_equal(issue_modify(b, &i.id, retitle, title_road, NULL, &e), 0);
	assert_int_equal(store_read(b, last_own_fn, &ls, &e), 0);
	assert_true(ls.hlc >> 16 >= 1796292000000ULL);
	send_all(b, a);
	id = i.id;
	issue_free(&i);
	assert_int_equal(issue_get(a, &id, &i, &e), 0);
	assert_string_equal(i.title, "Жол жөндеу");
	/*
	 * b's change carries the clock it took over from a's, ahead of this machine's wall
	 * clock too: a (back on the right time here) notes it as well.
	 */
	assert_int_equal(conflict_clock_reviews(a, &rv, &n, &e), 0);
	assert_int_equal(n, 1);
	free(rv);
	issue_free(&i);
	unsetenv("KEZDESU_NOW");
	store_close(&a);
	store_close(&b);
	test_rmdir(da);
	test_rmdir(db);
}

/* Two offices retitle one issue without seeing each other: one title wins, one is kept. */
static void
test_concurrent_edits_keep_the_loser_everywhere(void **state)
{
	struct rec_array ca = { 0 }, cb = { 0 };
	struct kz_error e;
	struct issue i, ga, gb;
	char *da, *db;
	struct store *a = test_store(&da), *b = test_store(&db);

	(void)state;
	setenv("KEZDESU_NOW", "2026-12-01T10:00:00", 1);
	issue_init(&i);
	i.title = xstrdup("Су");
	assert_int_equal(issue_add(a, &i, &e), 0);
	send_all(a, b);
	setenv("KEZDESU_NOW", "2026-12-01T11:00:00", 1);
	assert_int_equal(issue_modify(a, &i.id, retitle, title_water, NULL, &e), 0);
	setenv("KEZDESU_NOW", "2026-12-01T12:00:00", 1);
	assert_int_equal(issue_modify(b, &i.id, retitle, title_pipe, NULL, &e), 0);
	send_all(a, b);
	send_all(b, a);
	assert_int_equal(issue_get(a, &i.id, &ga, &e), 0);
	assert_int_equal(issue_get(b, &i.id, &gb, &e), 0);
	/* The later clock wins in both, and both keep the other title as the loser. */
	assert_string_equal(ga.title, "Ауыз су құбыры");
	assert_string_equal(gb.title, "Ауыз су құбыры");
	assert_int_equal(conflict_list(a, &ca, &e), 0);
	assert_int_equal(conflict_list(b, &cb, &e), 0);
	assert_int_equal(ca.n, 1);
	assert_int_equal(cb.n, 1);
	assert_string_equal(((struct conflict *)ca.items)->field, "title");
	assert_memory_equal(((struct conflict *)ca.items)->id.b, ((struct conflict *)cb.items)->id.b,
	    16);
	/* The loser's bytes: the field "Ауыз су", tag 2, in KZ-1048 (schema.c), 7 bytes. */
	assert_string_equal(((struct conflict *)ca.items)->loser_value, "1307c0f3fbe720f1f3");
	/* A later edit made after seeing both is no conflict. */
	setenv("KEZDESU_NOW", "2026-12-01T13:00:00", 1);
	assert_int_equal(issue_modify(a, &i.id, retitle, title_pipe2, NULL, &e), 0);
	send_all(a, b);
	rec_array_free(&conflict_kind, &cb);
	assert_int_equal(conflict_list(b, &cb, &e), 0);
	assert_int_equal(cb.n, 1);
	unsetenv("KEZDESU_NOW");
	rec_array_free(&conflict_kind, &ca);
	rec_array_free(&conflict_kind, &cb);
	issue_free(&i);
	issue_free(&ga);
	issue_free(&gb);
	store_close(&a);
	store_close(&b);
	test_rmdir(da);
	test_rmdir(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_a_clock_far_ahead_is_applied_noted_and_followed),
		cmocka_unit_test(test_concurrent_edits_keep_the_loser_everywhere),
		cmocka_unit_test(test_offices_converge_over_many_seeds),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
