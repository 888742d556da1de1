/*
 * Search (core/search.c) against a brute-force scan of the same records: random words of
 * Kazakh, Russian and Latin in random case, random queries (one-letter prefixes and
 * several words), edits, paging, a block boundary, other store handles and read-only ones.
 */
#include "testutil.h"

#include <lmdb.h>

#include "core/issue.h"
#include "core/question.h"
#include "core/search.h"
#include "core/text.h"
#include "util/xmalloc.h"

/* Lower-case words; shared prefixes on purpose (жол, жолы, жолдар; қала, қалалық). */
static const char *const vocab[] = {
	"жол", "жолы", "жолдар", "жөндеу", "жөнделеді", "қала", "қалалық", "қазақ",
	"көше", "көпір", "ауыл", "ауылдық", "әкім", "әкімдік", "ғимарат", "ұя", "үй",
	"үйлер", "һәм", "іс", "ішкі", "өзен", "ңғ", "су", "сулы", "құбыр",
	"дорога", "дорожный", "вода", "водопровод", "ёлка", "елка", "школа", "шкаф",
	"свет", "светофор", "село", "семья", "щебень", "эхо", "юг", "январь",
	"internet", "inter", "almaty", "alem", "bus", "bússola", "çay", "öz",
	"2026", "20", "m3",
};
#define NVOCAB (sizeof vocab / sizeof vocab[0])

/* Upper case of a lower-case letter of the vocabulary (the test's own table). */
static uint32_t
upper(uint32_t cp)
{
	if ((cp >= 'a' && cp <= 'z') || (cp >= 0xe0 && cp <= 0xfe && cp != 0xf7) ||
	    (cp >= 0x430 && cp <= 0x44f))
		return cp - 0x20;
	if (cp >= 0x450 && cp <= 0x45f)
		return cp - 0x50;
	if (cp >= 0x460 && cp <= 0x52f && (cp & 1))
		return cp - 1;
	return cp;
}

static size_t
put_utf8(char *out, uint32_t cp)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	out[0] = (char)(0xe0 | cp >> 12);
	out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[2] = (char)(0x80 | (cp & 0x3f));
	return 3;
}

/* Appends the first nchars characters of w (all: SIZE_MAX), each in a random case. */
static void
put_word(char **buf, size_t *len, const char *w, size_t nchars)
{
	size_t n = strlen(w), i = 0, cl;
	uint32_t cp;

	*buf = realloc(*buf, *len + n * 2 + 2);
	while (i < n && nchars-- > 0) {
		cl = text_utf8_next(w + i, n - i, &cp);
		assert_true(cl > 0);
		*len += put_utf8(*buf + *len, rand() % 2 ? upper(cp) : cp);
		i += cl;
	}
	(*buf)[*len] = '\0';
}

static size_t
nchars_of(const char *w)
{
	size_t n = 0;

	for (; *w; w++)
		n += ((unsigned char)*w & 0xc0) != 0x80;
	return n;
}

/* Random text: 1-8 words, separated by spaces and punctuation. */
static char *
random_text(void)
{
	static const char *const sep[] = { " ", ", ", " - ", "? ", "«", "» " };
	char *s = NULL;
	size_t len = 0, n = 1 + (size_t)rand() % 8;

	for (size_t i = 0; i < n; i++) {
		if (i > 0) {
			const char *p = sep[rand() % 6];

			s = realloc(s, len + strlen(p) + 1);
			memcpy(s + len, p, strlen(p) + 1);
			len += strlen(p);
		}
		put_word(&s, &len, vocab[rand() % NVOCAB], SIZE_MAX);
	}
	return s;
}

/* The test's model of what is stored: kind, id and the searchable fields. */
struct rec {
	int kind;
	struct kz_uuid id;
	char *f[3];
	bool withdrawn;		/* a question logged by mistake: no hit */
};

struct model {
	struct rec *r;
	size_t n;
};

/* Brute force: every folded query word begins a folded word of a field. */
struct bf {
	char words[64][256];
	size_t n;
};

static int
bf_word(void *arg, const char *w, size_t n)
{
	struct bf *b = arg;

	(void)n;
	if (b->n < 64)
		snprintf(b->words[b->n++], sizeof b->words[0], "%s", w);
	return 0;
}

static bool
bf_match(const struct rec *r, const char *query)
{
	struct bf q = { .n = 0 }, d = { .n = 0 };

	if (r->withdrawn)
		return false;
	text_words(query, strlen(query), bf_word, &q);
	for (int i = 0; i < 3; i++)
		if (r->f[i] != NULL)
			text_words(r->f[i], strlen(r->f[i]), bf_word, &d);
	for (size_t i = 0; i < q.n; i++) {
		bool found = false;

		for (size_t j = 0; j < d.n && !found; j++)
			found = strncmp(d.words[j], q.words[i], strlen(q.words[i])) == 0;
		if (!found)
			return false;
	}
	return q.n > 0;
}

static struct rec *
model_add(struct model *m, int kind)
{
	m->r = realloc(m->r, (m->n + 1) * sizeof *m->r);
	memset(&m->r[m->n], 0, sizeof m->r[0]);
	m->r[m->n].kind = kind;
	return &m->r[m->n++];
}

static void
model_free(struct model *m)
{
	for (size_t i = 0; i < m->n; i++)
		for (int k = 0; k < 3; k++)
			free(m->r[i].f[k]);
	free(m->r);
}

static void
add_question(struct store *s, struct model *m, char *text, char *topic)
{
	struct question q;
	struct kz_error e;
	struct rec *r = model_add(m, SEARCH_QUESTION);

	question_init(&q);
	q.source = QS_POOL;
	q.channel = QC_BLOG;	/* P-2: a request says how it came */
	q.text = strdup(text);
	q.topic = topic ? strdup(topic) : NULL;
	if (question_add(s, &q, &e) != 0)
		fail_msg("question_add: %s", e.msg);
	r->id = q.id;
	r->f[0] = text;
	r->f[1] = topic;
	question_free(&q);
}

static void
add_issue(struct store *s, struct model *m, char *title, char *topic, char *executor)
{
	struct issue is;
	struct kz_error e;
	struct rec *r = model_add(m, SEARCH_ISSUE);

	issue_init(&is);
	is.title = strdup(title);
	is.topic = topic ? strdup(topic) : NULL;
	is.executor = executor ? strdup(executor) : NULL;
	if (issue_add(s, &is, &e) != 0)
		fail_msg("issue_add: %s", e.msg);
	r->id = is.id;
	r->f[0] = title;
	r->f[1] = topic;
	r->f[2] = executor;
	issue_free(&is);
}

static const struct rec *
model_find(const struct model *m, int kind, const struct kz_uuid *id)
{
	for (size_t i = 0; i < m->n; i++)
		if (m->r[i].kind == kind && memcmp(m->r[i].id.b, id->b, 16) == 0)
			return &m->r[i];
	return NULL;
}

/* Every page of the search, limit hits at a time, into one result. */
static void
search_all(struct store *s, const char *query, size_t limit, struct search_result *all)
{
	struct search_result r = { 0 };
	struct kz_error e;
	uint64_t before = 0;

	memset(all, 0, sizeof *all);
	do {
		if (search_run(s, query, before, limit, &r, &e) != 0)
			fail_msg("search_run %s: %s", query, e.msg);
		assert_true(r.n <= limit);
		for (size_t i = 0; i < r.n; i++) {
			all->hits = realloc(all->hits, (all->n + 1) * sizeof *all->hits);
			all->hits[all->n] = r.hits[i];
			all->hits[all->n++].text = strdup(r.hits[i].text);
		}
		assert_true(r.next == 0 || r.n == limit);
		before = r.next;
		search_result_free(&r);
	} while (before != 0);
}

/*
 * The search's hits are exactly the brute force's matches, each once, newest first
 * (pos descending); with `ordered`, in the order the records were made (no edits yet).
 */
static void
check_query(struct store *s, const struct model *m, const char *query, bool ordered)
{
	struct search_result all;
	size_t want = 0, got_i = 0;

	search_all(s, query, 1 + (size_t)rand() % 40, &all);
	for (size_t i = 0; i < all.n; i++) {
		const struct rec *r = model_find(m, all.hits[i].kind, &all.hits[i].id);

		if (r == NULL)
			fail_msg("%s: a hit that is no record", query);
		if (!bf_match(r, query))
			fail_msg("%s: hit '%s' does not match", query, all.hits[i].text);
		assert_string_equal(all.hits[i].text, r->f[0]);
		if (i > 0)
			assert_true(all.hits[i].pos < all.hits[i - 1].pos);
		for (size_t j = 0; j < i; j++)
			if (all.hits[j].kind == all.hits[i].kind &&
			    memcmp(all.hits[j].id.b, all.hits[i].id.b, 16) == 0)
				fail_msg("%s: '%s' found twice", query, all.hits[i].text);
	}
	for (size_t i = m->n; i-- > 0;) {
		if (!bf_match(&m->r[i], query))
			continue;
		want++;
		if (ordered) {
			if (got_i >= all.n || memcmp(all.hits[got_i].id.b, m->r[i].id.b, 16) != 0)
				fail_msg("%s: hit %zu is not '%s'", query, got_i, m->r[i].f[0]);
			got_i++;
		}
	}
	if (want != all.n)
		fail_msg("%s: %zu hits, the brute force finds %zu", query, all.n, want);
	search_result_free(&all);
}

/* A query: 1-3 words, each a random prefix of a vocabulary word in random case. */
static char *
random_query(void)
{
	char *s = NULL;
	size_t len = 0, n = 1 + (size_t)(rand() % 4 == 0) + (size_t)(rand() % 8 == 0);

	for (size_t i = 0; i < n; i++) {
		const char *w = vocab[rand() % NVOCAB];
		size_t nc = nchars_of(w);
		/* One letter a third of the time. */
		size_t take = rand() % 3 == 0 ? 1 : 1 + (size_t)rand() % nc;

		if (i > 0) {
			s = realloc(s, len + 2);
			s[len++] = ' ';
			s[len] = '\0';
		}
		put_word(&s, &len, w, take);
	}
	return s;
}

static void
fill_random(struct store *s, struct model *m, size_t nq, size_t ni)
{
	for (size_t i = 0; i < nq + ni; i++) {
		if ((size_t)rand() % (nq + ni) < ni)
			add_issue(s, m, random_text(), rand() % 2 ? random_text() : NULL,
			    rand() % 2 ? random_text() : NULL);
		else
			add_question(s, m, random_text(), rand() % 2 ? random_text() : NULL);
	}
}

static void
test_random_against_brute_force(void **state)
{
	char *dir;
	struct store *s = test_store(&dir);
	struct model m = { 0 };

	(void)state;
	srand(20261201);
	fill_random(s, &m, 300, 60);
	for (int i = 0; i < 150; i++) {
		char *q = random_query();

		check_query(s, &m, q, true);
		free(q);
	}
	/* More records after the index was built: they join it at the next search. */
	fill_random(s, &m, 100, 20);
	for (int i = 0; i < 100; i++) {
		char *q = random_query();

		check_query(s, &m, q, true);
		free(q);
	}
	model_free(&m);
	store_close(&s);
	test_rmdir(dir);
}

struct edit {
	struct kz_uuid id;
	const char *text;
};

static int
edit_fn(struct store_txn *t, void *arg)
{
	struct edit *ed = arg;
	struct question q;
	int rc;

	if (question_get_tx(t, &ed->id, &q) != 0)
		return -1;
	free(q.text);
	q.text = strdup(ed->text);
	rc = rec_save(t, &question_kind, &q);
	question_free(&q);
	return rc;
}

static void
edit_question(struct store *s, struct model *m, size_t i, const char *text)
{
	struct edit ed = { m->r[i].id, text };
	struct kz_error e;

	if (store_write(s, edit_fn, &ed, &e) != 0)
		fail_msg("edit: %s", e.msg);
	free(m->r[i].f[0]);
	m->r[i].f[0] = strdup(text);
}

static int
set_title(struct issue *is, void *arg, struct kz_error *e)
{
	(void)e;
	free(is->title);
	is->title = strdup(arg);
	return 0;
}

static void
test_edits_and_search_again(void **state)
{
	char *dir;
	struct store *s = test_store(&dir);
	struct model m = { 0 };
	struct search_result r = { 0 };
	struct kz_error e;
	char title[] = "Аялдама салу";

	(void)state;
	srand(7);
	add_question(s, &m, strdup("Кәріз құбыры жарылды"), NULL);
	add_issue(s, &m, strdup("Көше жарығы"), NULL, NULL);
	fill_random(s, &m, 80, 10);
	assert_int_equal(search_run(s, "КӘРІЗ", 0, 0, &r, &e), 0);
	assert_int_equal(r.n, 1);
	assert_memory_equal(r.hits[0].id.b, m.r[0].id.b, 16);
	/* The edited text is found, the old one no more, and the record only once. */
	edit_question(s, &m, 0, "Жол жөндеу керек, құбыр емес: ЖАРЫҚ");
	assert_int_equal(search_run(s, "жарылды", 0, 0, &r, &e), 0);
	assert_int_equal(r.n, 0);
	check_query(s, &m, "жарық", false);
	check_query(s, &m, "құбыр", false);
	assert_int_equal(issue_modify(s, &m.r[1].id, set_title, title, NULL, &e), 0);
	free(m.r[1].f[0]);
	m.r[1].f[0] = strdup("Аялдама салу");
	check_query(s, &m, "көше", false);
	check_query(s, &m, "аялдама", false);
	/* A question withdrawn is found no more. */
	assert_int_equal(question_withdraw(s, &m.r[0].id, &e), 0);
	m.r[0].withdrawn = true;
	assert_int_equal(search_run(s, "ЖАРЫҚ емес", 0, 0, &r, &e), 0);
	assert_int_equal(r.n, 0);
	check_query(s, &m, "жарық", false);
	/* Random edits and withdrawals, searched between them. */
	for (int round = 0; round < 40; round++) {
		size_t i = (size_t)rand() % m.n;
		char *q;

		if (m.r[i].kind == SEARCH_QUESTION && !m.r[i].withdrawn && rand() % 4 == 0) {
			assert_int_equal(question_withdraw(s, &m.r[i].id, &e), 0);
			m.r[i].withdrawn = true;
		} else if (m.r[i].kind == SEARCH_QUESTION) {
			char *t = random_text();

			edit_question(s, &m, i, t);
			free(t);
		}
		q = random_query();
		check_query(s, &m, q, false);
		free(q);
	}
	search_result_free(&r);
	model_free(&m);
	store_close(&s);
	test_rmdir(dir);
}

static int
set_status(struct issue *is, void *arg, struct kz_error *e)
{
	(void)arg;
	(void)e;
	is->status = ISSUE_IN_WORK;
	return 0;
}

/* The pos of the one hit of query. */
static uint64_t
pos_of(struct store *s, const char *query)
{
	struct search_result r = { 0 };
	struct kz_error e;
	uint64_t pos;

	if (search_run(s, query, 0, 0, &r, &e) != 0)
		fail_msg("search_run: %s", e.msg);
	assert_int_equal(r.n, 1);
	pos = r.hits[0].pos;
	search_result_free(&r);
	return pos;
}

/*
 * Changes of fields nobody searches (a question linked to an issue, an issue's status)
 * leave the record where it was: it is not indexed again, and it does not jump to the top.
 */
static void
test_unsearched_changes_keep_the_place(void **state)
{
	char *dir;
	struct store *s = test_store(&dir), *ro = NULL;
	struct model m = { 0 };
	struct kz_error e;
	uint64_t q_pos, i_pos;

	(void)state;
	add_question(s, &m, strdup("Кәріз құбыры жарылды"), NULL);
	add_issue(s, &m, strdup("Кәріз жүйесін жөндеу"), NULL, NULL);
	add_question(s, &m, strdup("Көше жарығы жоқ"), NULL);
	q_pos = pos_of(s, "құбыр");
	i_pos = pos_of(s, "жүйе");
	assert_int_equal(issue_link(s, &m.r[1].id, &m.r[0].id, 1, false, &e), 0);
	assert_int_equal(issue_modify(s, &m.r[1].id, set_status, NULL, "басталды", &e), 0);
	/* A read-only handle, which matches what is pending in memory, agrees. */
	assert_int_equal(store_open(dir, STORE_RDONLY, &ro, &e), 0);
	assert_int_equal(pos_of(ro, "құбыр"), q_pos);
	assert_int_equal(pos_of(ro, "жүйе"), i_pos);
	/* (Two handles on one store in one process: the one opened last closes last.) */
	assert_int_equal(pos_of(s, "құбыр"), q_pos);
	assert_int_equal(pos_of(s, "жүйе"), i_pos);
	check_query(s, &m, "кәріз", true);
	model_free(&m);
	store_close(&ro);
	store_close(&s);
	test_rmdir(dir);
}

static void
test_other_handles_and_read_only(void **state)
{
	char *dir;
	struct store *s = test_store(&dir), *s2 = NULL, *ro = NULL;
	struct model m = { 0 };
	struct search_result r = { 0 };
	struct kz_error e;

	(void)state;
	add_question(s, &m, strdup("Мектептің шатыры ағады"), NULL);
	assert_int_equal(search_run(s, "шатыр", 0, 0, &r, &e), 0);
	assert_int_equal(r.n, 1);
	/* A save through another handle (another process, as far as LMDB knows). */
	assert_int_equal(store_open(dir, 0, &s2, &e), 0);
	store_set_author(s2, "other", NULL);
	add_question(s2, &m, strdup("Спортзалдың шатыры ағады"), NULL);
	assert_int_equal(search_run(s, "ШАТЫР", 0, 0, &r, &e), 0);
	assert_int_equal(r.n, 2);
	assert_memory_equal(r.hits[0].id.b, m.r[1].id.b, 16);
	/* A read-only handle cannot catch up: it matches what is pending in memory. */
	add_question(s2, &m, strdup("Шатырды жөндеу"), NULL);
	add_question(s2, &m, strdup("Ауруханаға жол"), NULL);
	edit_question(s2, &m, 0, "Мектептің есігі сынған");
	assert_int_equal(store_open(dir, STORE_RDONLY, &ro, &e), 0);
	check_query(ro, &m, "шатыр", true);
	check_query(ro, &m, "мектеп", false);
	check_query(ro, &m, "ж", false);
	assert_int_equal(search_run(ro, "шатыр", 0, 1, &r, &e), 0);
	assert_int_equal(r.n, 1);
	assert_memory_equal(r.hits[0].id.b, m.r[2].id.b, 16);
	assert_true(r.next != 0);
	assert_int_equal(search_run(ro, "шатыр", r.next, 1, &r, &e), 0);
	assert_int_equal(r.n, 1);
	assert_memory_equal(r.hits[0].id.b, m.r[1].id.b, 16);
	/* And the writer's next search indexes them. */
	check_query(s, &m, "шатыр", true);
	check_query(s, &m, "мектеп", false);
	check_query(ro, &m, "шатыр", true);
	/* No words, too many words. */
	assert_int_equal(search_run(s, " ,.- ", 0, 0, &r, &e), -1);
	assert_int_equal(e.code, KZ_EINVAL);
	search_result_free(&r);
	model_free(&m);
	store_close(&ro);
	store_close(&s2);
	store_close(&s);
	test_rmdir(dir);
}

static int
first_doc_fn(struct store_txn *t, void *arg)
{
	uint8_t b[8];

	store_be64(b, *(uint64_t *)arg);
	return store_meta_put(t, "search_next", b, 8);
}

struct bulk {
	struct model *m;
	size_t n, base;
};

static int
bulk_fn(struct store_txn *t, void *arg)
{
	struct bulk *bk = arg;

	/* Run again after the map grew: the records of the try before were not saved. */
	while (bk->m->n > bk->base)
		free(bk->m->r[--bk->m->n].f[0]);
	for (size_t i = 0; i < bk->n; i++) {
		struct question q;
		struct rec *r = model_add(bk->m, SEARCH_QUESTION);
		char text[64];

		question_init(&q);
		q.source = QS_POOL;
		q.channel = QC_BLOG;
		/* Every record has "common"; every 7th "seventh", in random case. */
		snprintf(text, sizeof text, "%s %zu%s", rand() % 2 ? "COMMON" : "common", i,
		    i % 7 == 0 ? " SevenTH" : "");
		q.text = strdup(text);
		if (question_add_tx(t, &q) != 0)
			return -1;
		r->id = q.id;
		r->f[0] = strdup(text);
		question_free(&q);
	}
	return 0;
}

/*
 * A posting list longer than one chunk, across a block boundary: numbering starts just
 * below 65536 (meta search_next is where an empty index starts), so that the records
 * fall into two blocks.
 */
static void
test_long_lists_across_blocks(void **state)
{
	char *dir;
	struct store *s = test_store(&dir);
	struct model m = { 0 };
	struct bulk bk = { &m, 2500, 0 };
	uint64_t first = 65536 - 1200;
	struct kz_error e;
	struct search_result r = { 0 };

	(void)state;
	srand(99);
	assert_int_equal(store_write(s, first_doc_fn, &first, &e), 0);
	assert_int_equal(store_write(s, bulk_fn, &bk, &e), 0);
	check_query(s, &m, "common", true);
	check_query(s, &m, "c", true);
	check_query(s, &m, "seventh", true);
	check_query(s, &m, "co 1", true);
	check_query(s, &m, "s 12", true);
	/* A page that ends right below the boundary. */
	assert_int_equal(search_run(s, "common", 65536 + 1, 3, &r, &e), 0);
	assert_int_equal(r.n, 3);
	assert_true(r.hits[0].pos == 65536 && r.hits[2].pos == 65534);
	search_result_free(&r);
	model_free(&m);
	store_close(&s);
	test_rmdir(dir);
}

/*
 * Makes dir look like a store last written before the search index existed: its
 * databases and checkpoint gone (through LMDB itself: no kezdesu function removes them).
 */
static void
drop_index(const char *dir)
{
	static const char *const dbs[] = { "search_words", "search_docs", "search_moved" };
	static const char *const metas[] = { "search_vv", "search_next" };
	MDB_env *env;
	MDB_txn *txn;
	MDB_dbi dbi;

	assert_int_equal(mdb_env_create(&env), 0);
	assert_int_equal(mdb_env_set_maxdbs(env, 64), 0);
	assert_int_equal(mdb_env_open(env, dir, 0, 0600), 0);
	assert_int_equal(mdb_txn_begin(env, NULL, 0, &txn), 0);
	for (size_t i = 0; i < 3; i++) {
		assert_int_equal(mdb_dbi_open(txn, dbs[i], 0, &dbi), 0);
		assert_int_equal(mdb_drop(txn, dbi, 1), 0);
	}
	assert_int_equal(mdb_dbi_open(txn, "meta", 0, &dbi), 0);
	for (size_t i = 0; i < 2; i++) {
		MDB_val k = { strlen(metas[i]), (void *)(uintptr_t)metas[i] };

		assert_int_equal(mdb_del(txn, dbi, &k, NULL), 0);
	}
	assert_int_equal(mdb_txn_commit(txn), 0);
	mdb_env_close(env);
}

/* A store without the index, opened read-only, is searched in memory; a writer makes it. */
static void
test_read_only_store_without_the_index(void **state)
{
	char *dir;
	struct store *s = test_store(&dir), *ro = NULL;
	struct model m = { 0 };
	struct kz_error e;

	(void)state;
	srand(5);
	fill_random(s, &m, 40, 10);
	check_query(s, &m, "ж", true);
	store_close(&s);
	drop_index(dir);
	if (store_open(dir, STORE_RDONLY, &ro, &e) != 0)
		fail_msg("store_open read-only: %s", e.msg);
	check_query(ro, &m, "ж", true);
	check_query(ro, &m, "Қ", true);
	store_close(&ro);
	assert_int_equal(store_open(dir, 0, &s, &e), 0);
	check_query(s, &m, "ж", true);
	check_query(s, &m, "су", true);
	model_free(&m);
	store_close(&s);
	test_rmdir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_random_against_brute_force),
		cmocka_unit_test(test_edits_and_search_again),
		cmocka_unit_test(test_unsearched_changes_keep_the_place),
		cmocka_unit_test(test_other_handles_and_read_only),
		cmocka_unit_test(test_long_lists_across_blocks),
		cmocka_unit_test(test_read_only_store_without_the_index),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
