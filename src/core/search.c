/*
 * The search index (docs/architecture.md, "The search index").
 *
 * Every question and issue indexed gets a document number, in the order the index meets
 * them; numbers grow, so "newest first" is "highest number first". Three databases:
 *
 *  search_docs   number / DOCS_PER_CHUNK (4) -> slots of 17 bytes: kind + 1, record UUID
 *  search_words  block (4) + folded word + 0 + first offset (2) -> the chunk's postings
 *  search_moved  kind + UUID (17) -> the record's newest number (4), for records indexed
 *                more than once
 *
 * A block is BLOCK_DOCS numbers; a posting is a number's offset in its block, the first
 * in the key and the rest as varint deltas, a chunk at most CHUNK_BYTES so that it stays
 * inside a leaf page. Within a block the words are in key order, so the postings of every
 * word with a given prefix are one range: a search walks the blocks from the newest, ORs
 * the postings of each query word's range into a bitmap, ANDs the words' bitmaps, and
 * checks the candidates from the highest down against the records themselves.
 *
 * A record changed after it was indexed is indexed again under a new number and noted in
 * search_moved; its old postings are stale and the check skips them. Checking every
 * candidate against the current record is also what makes the answer exact whatever the
 * index holds.
 */
#include "core/search.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/issue.h"
#include "core/question.h"
#include "core/text.h"
#include "store/state.h"
#include "store/store.h"
#include "util/xmalloc.h"
#include "util/i18n.h"

const char *const search_kind_names[SEARCH_KIND_COUNT] = { N_("question"), N_("issue") };

#define BLOCK_BITS 16
#define BLOCK_DOCS (1u << BLOCK_BITS)
#define CHUNK_BYTES 1000	/* a posting chunk: well inside a 4 KiB leaf page */
#define DOCS_PER_CHUNK 56	/* 56 slots of 17 bytes: four chunks fill a 4 KiB page */
#define SLOT 17
#define WORD_MAX 200		/* longer words are indexed by their first 200 bytes */
#define BATCH_RECORDS 50000	/* records indexed in one write transaction */
#define KEY_MAX (4 + WORD_MAX + 1 + 2)

/* ---- records ---- */

static int
kind_of_db(unsigned db)
{
	return db == DB_QUESTIONS ? SEARCH_QUESTION : db == DB_ISSUES ? SEARCH_ISSUE : -1;
}

static const struct rec_kind *
rec_kind_for(int kind)
{
	return kind == SEARCH_QUESTION ? &question_kind : &issue_kind;
}

/* A record decoded for indexing or checking: its searchable fields and what a hit shows. */
struct doc {
	int kind;
	struct question q;
	struct issue is;
	const char *field[3];
	size_t nfield;
	const char *show;
};

static void
doc_clear(struct doc *d)
{
	if (d->kind == SEARCH_QUESTION)
		question_free(&d->q);
	else if (d->kind == SEARCH_ISSUE)
		issue_free(&d->is);
	d->kind = -1;
	d->nfield = 0;
}

/*
 * Decodes a stored record. A question's text and topic are searched, an issue's title,
 * topic and executor; a hit shows the question's text or the issue's title.
 */
static int
doc_decode(struct store_txn *t, int kind, const void *val, size_t len, struct doc *d)
{
	d->kind = -1;
	if (rec_decode(t, rec_kind_for(kind), val, len, kind == SEARCH_QUESTION ?
	    (void *)&d->q : (void *)&d->is) != 0)
		return -1;
	d->kind = kind;
	d->nfield = 0;
	if (kind == SEARCH_QUESTION) {
		d->field[d->nfield++] = d->q.text;
		d->field[d->nfield++] = d->q.topic;
		d->show = d->q.text;
	} else {
		d->field[d->nfield++] = d->is.title;
		d->field[d->nfield++] = d->is.topic;
		d->field[d->nfield++] = d->is.executor;
		d->show = d->is.title;
	}
	return 0;
}

/* Whether a record is shown at all: a question withdrawn (logged by mistake) is no hit. */
static bool
doc_visible(const struct doc *d)
{
	return d->kind != SEARCH_QUESTION || question_listed(&d->q);
}

/* The length of a word cut to WORD_MAX bytes at a character boundary. */
static size_t
word_cut(const char *w, size_t n)
{
	if (n <= WORD_MAX)
		return n;
	n = WORD_MAX;
	while (n > 0 && ((unsigned char)w[n] & 0xc0) == 0x80)
		n--;
	return n;
}

/* ---- small hash sets and maps of byte strings ---- */

static uint64_t
hash_bytes(const void *p, size_t n)
{
	const uint8_t *b = p;
	uint64_t h = 14695981039346656037ull;

	for (size_t i = 0; i < n; i++)
		h = (h ^ b[i]) * 1099511628211ull;
	return h;
}

/* Keys of SLOT bytes (kind + UUID): the records met in one pass. */
struct keyset {
	uint8_t (*k)[SLOT];
	uint32_t *tab;		/* index + 1 into k; 0: empty */
	size_t n, cap, tcap;
};

static void
keyset_free(struct keyset *s)
{
	free(s->k);
	free(s->tab);
	memset(s, 0, sizeof *s);
}

static bool
keyset_has(const struct keyset *s, const uint8_t *key)
{
	if (s->tcap == 0)
		return false;
	for (size_t i = hash_bytes(key, SLOT) & (s->tcap - 1);; i = (i + 1) & (s->tcap - 1)) {
		if (s->tab[i] == 0)
			return false;
		if (memcmp(s->k[s->tab[i] - 1], key, SLOT) == 0)
			return true;
	}
}

/* Adds key; false when it was there already. */
static bool
keyset_add(struct keyset *s, const uint8_t *key)
{
	size_t i;

	if (keyset_has(s, key))
		return false;
	if ((s->n + 1) * 2 > s->tcap) {
		size_t tcap = s->tcap ? s->tcap * 2 : 64;

		free(s->tab);
		s->tab = xcalloc(tcap, sizeof *s->tab);
		s->tcap = tcap;
		for (size_t j = 0; j < s->n; j++) {
			for (i = hash_bytes(s->k[j], SLOT) & (tcap - 1); s->tab[i] != 0;
			    i = (i + 1) & (tcap - 1))
				;
			s->tab[i] = (uint32_t)j + 1;
		}
	}
	s->k = xgrow(s->k, &s->cap, s->n + 1, sizeof *s->k);
	memcpy(s->k[s->n], key, SLOT);
	for (i = hash_bytes(key, SLOT) & (s->tcap - 1); s->tab[i] != 0; i = (i + 1) & (s->tcap - 1))
		;
	s->tab[i] = (uint32_t)++s->n;
	return true;
}

static void
slot_key(uint8_t key[SLOT], int kind, const uint8_t uuid[16])
{
	key[0] = (uint8_t)(kind + 1);
	memcpy(key + 1, uuid, 16);
}

/* ---- the checkpoint ---- */

/* The version vector the index has caught up to (meta "search_vv") and the next number. */
static int
checkpoint_read(struct store_txn *t, struct store_vv *ck, uint64_t *next)
{
	const void *v;
	size_t n;
	int rc;

	ck->n = 0;
	*next = 0;
	if ((rc = store_meta_get(t, "search_vv", &v, &n)) < 0)
		return -1;
	if (rc == 0) {
		if (n % 24 != 0)
			return kz_fail(store_txn_error(t), KZ_EIO, _("store %s: meta search_vv is "
			    "corrupt"), store_dir(store_txn_store(t)));
		for (size_t i = 0; i < n / 24; i++) {
			const uint8_t *p = (const uint8_t *)v + 24 * i;

			ck->v = xgrow(ck->v, &ck->cap, ck->n + 1, sizeof *ck->v);
			memcpy(ck->v[ck->n].origin, p, 16);
			ck->v[ck->n++].seq = store_get_be64(p + 16);
		}
	}
	if ((rc = store_meta_get(t, "search_next", &v, &n)) < 0)
		return -1;
	if (rc == 0 && n == 8)
		*next = store_get_be64(v);
	return 0;
}

static uint64_t
vv_seq(const struct store_vv *vv, const uint8_t origin[16])
{
	for (size_t i = 0; i < vv->n; i++)
		if (memcmp(vv->v[i].origin, origin, 16) == 0)
			return vv->v[i].seq;
	return 0;
}

static void
vv_set(struct store_vv *vv, const uint8_t origin[16], uint64_t seq)
{
	for (size_t i = 0; i < vv->n; i++)
		if (memcmp(vv->v[i].origin, origin, 16) == 0) {
			vv->v[i].seq = seq;
			return;
		}
	vv->v = xgrow(vv->v, &vv->cap, vv->n + 1, sizeof *vv->v);
	memcpy(vv->v[vv->n].origin, origin, 16);
	vv->v[vv->n++].seq = seq;
}

static int
checkpoint_write(struct store_txn *t, const struct store_vv *ck, uint64_t next)
{
	uint8_t *buf = xmalloc(ck->n * 24 + 1), nb[8];
	int rc;

	for (size_t i = 0; i < ck->n; i++) {
		memcpy(buf + 24 * i, ck->v[i].origin, 16);
		store_be64(buf + 24 * i + 16, ck->v[i].seq);
	}
	store_be64(nb, next);
	rc = store_meta_put(t, "search_vv", buf, ck->n * 24);
	if (rc == 0)
		rc = store_meta_put(t, "search_next", nb, 8);
	free(buf);
	return rc;
}

/*
 * Walks the log entries past the checkpoint that change a question or an issue, calling
 * fn(arg, origin index, seq, entry, kind); a positive return stops the walk there (the
 * entry is not consumed) and is returned.
 */
typedef int (*pending_fn)(struct store_txn *t, void *arg, size_t oi, uint64_t seq,
    const struct store_log_entry *le, int kind);

struct walk {
	const struct store_vv *cur;
	size_t oi;
	pending_fn fn;
	void *arg;
};

static int
walk_entry(struct store_txn *t, const struct store_log_entry *le, void *arg)
{
	struct walk *w = arg;
	int kind = kind_of_db(le->kind);

	/* Entries appended since the version vector was read wait for the next walk. */
	if (le->seq > w->cur->v[w->oi].seq)
		return 1;
	if (kind < 0 || le->klen != 16)
		return 0;
	return w->fn(t, w->arg, w->oi, le->seq, le, kind);
}

static int
pending_walk(struct store_txn *t, const struct store_vv *cur, const struct store_vv *ck,
    pending_fn fn, void *arg)
{
	struct walk w = { cur, 0, fn, arg };

	for (w.oi = 0; w.oi < cur->n; w.oi++) {
		uint64_t from = vv_seq(ck, cur->v[w.oi].origin) + 1;
		int rc;

		if (from > cur->v[w.oi].seq)
			continue;
		rc = store_log_walk(t, cur->v[w.oi].origin, from, walk_entry, &w);
		/* 1 is the end of the origin's entries; -1 an error, 2 and up fn's stop. */
		if (rc < 0 || rc > 1)
			return rc;
	}
	return 0;
}

/* ---- building the index ---- */

struct plist {			/* a word's postings in the block in hand */
	char *word;
	size_t wlen;
	uint16_t *off;
	size_t n, cap;
};

struct builder {
	struct store_txn *t;
	struct store_vv cur, ck;
	uint64_t next;			/* the next document number */
	uint64_t block;			/* the block of the postings in hand */
	struct plist *pl;
	size_t npl, cappl;
	uint32_t *tab;			/* index + 1 into pl; 0: empty */
	size_t tcap;
	uint64_t chunk;			/* the docs chunk in hand */
	bool chunk_live;
	size_t chunk_used;		/* slots of it used */
	uint8_t slots[DOCS_PER_CHUNK * SLOT];
	struct keyset done;		/* the records indexed in this batch */
	struct state st;
	size_t budget;			/* records this batch may still index */
	bool more;			/* stopped with work left */
	uint64_t indexed;
	struct doc doc;
};

static void
builder_reset_words(struct builder *b)
{
	for (size_t i = 0; i < b->npl; i++) {
		free(b->pl[i].word);
		free(b->pl[i].off);
	}
	b->npl = 0;
	if (b->tab != NULL)
		memset(b->tab, 0, b->tcap * sizeof *b->tab);
}

static void
builder_free(struct builder *b)
{
	builder_reset_words(b);
	free(b->pl);
	free(b->tab);
	store_vv_free(&b->cur);
	store_vv_free(&b->ck);
	keyset_free(&b->done);
	state_free(&b->st);
}

static struct plist *
builder_list(struct builder *b, const char *w, size_t n)
{
	uint64_t h = hash_bytes(w, n);
	size_t i;

	if ((b->npl + 1) * 2 > b->tcap) {
		size_t tcap = b->tcap ? b->tcap * 2 : 1024;

		free(b->tab);
		b->tab = xcalloc(tcap, sizeof *b->tab);
		b->tcap = tcap;
		for (size_t j = 0; j < b->npl; j++) {
			for (i = hash_bytes(b->pl[j].word, b->pl[j].wlen) & (tcap - 1);
			    b->tab[i] != 0; i = (i + 1) & (tcap - 1))
				;
			b->tab[i] = (uint32_t)j + 1;
		}
	}
	for (i = h & (b->tcap - 1); b->tab[i] != 0; i = (i + 1) & (b->tcap - 1)) {
		struct plist *p = &b->pl[b->tab[i] - 1];

		if (p->wlen == n && memcmp(p->word, w, n) == 0)
			return p;
	}
	b->pl = xgrow(b->pl, &b->cappl, b->npl + 1, sizeof *b->pl);
	b->pl[b->npl] = (struct plist){ .word = xstrndup(w, n), .wlen = n };
	b->tab[i] = (uint32_t)++b->npl;
	return &b->pl[b->npl - 1];
}

static int
add_word(void *arg, const char *w, size_t n)
{
	struct builder *b = arg;
	uint16_t off = (uint16_t)((b->next - 1) & (BLOCK_DOCS - 1));
	struct plist *p = builder_list(b, w, word_cut(w, n));

	/* A word twice in one record is one posting. */
	if (p->n > 0 && p->off[p->n - 1] == off)
		return 0;
	p->off = xgrow(p->off, &p->cap, p->n + 1, sizeof *p->off);
	p->off[p->n++] = off;
	return 0;
}

static int
cmp_plist(const void *a, const void *b)
{
	const struct plist *x = a, *y = b;
	size_t n = x->wlen < y->wlen ? x->wlen : y->wlen;
	int c = memcmp(x->word, y->word, n);

	return c != 0 ? c : (x->wlen > y->wlen) - (x->wlen < y->wlen);
}

static size_t
varint_len(uint64_t v)
{
	size_t n = 1;

	while (v >= 0x80) {
		v >>= 7;
		n++;
	}
	return n;
}

/* The last posting of a chunk (its first is in the key). */
static int
chunk_last(const uint8_t *v, size_t n, uint16_t first, uint32_t *last)
{
	const uint8_t *p = v, *end = v + n;
	uint64_t d;

	*last = first;
	while (p < end) {
		if (codec_get_varint(&p, end, &d) != 0 || *last + d >= BLOCK_DOCS)
			return -1;
		*last += (uint32_t)d;
	}
	return 0;
}

/* Appends a word's postings of the block in hand to its chunks. */
static int
write_postings(struct builder *b, const struct plist *p)
{
	struct store_txn *t = b->t;
	uint8_t key[KEY_MAX];
	size_t plen = 4 + p->wlen + 1;
	struct codec_buf buf = { 0 };
	struct store_cursor *c;
	uint32_t last = 0;
	uint16_t first = 0;
	bool open = false;
	int rc;

	store_be32(key, (uint32_t)b->block);
	memcpy(key + 4, p->word, p->wlen);
	key[4 + p->wlen] = 0;
	if (store_cursor_open(t, DB_SEARCH_WORDS, &c) != 0)
		return -1;
	/* The word's last chunk in this block takes more postings while it has room. */
	rc = store_cursor_seek_last(c, key, plen);
	if (rc == 0) {
		const void *k, *v;
		size_t kn, vn;

		store_cursor_get(c, &k, &kn, &v, &vn);
		if (kn != plen + 2)
			rc = kz_fail(store_txn_error(t), KZ_EIO, _("store %s: a search key is "
			    "corrupt"), store_dir(store_txn_store(t)));
		else if (vn < CHUNK_BYTES) {
			first = (uint16_t)(((const uint8_t *)k)[plen] << 8 |
			    ((const uint8_t *)k)[plen + 1]);
			if (chunk_last(v, vn, first, &last) != 0)
				rc = kz_fail(store_txn_error(t), KZ_EIO, _("store %s: a search "
				    "posting list is corrupt"), store_dir(store_txn_store(t)));
			else {
				codec_put_raw(&buf, v, vn);
				open = true;
			}
		}
	}
	store_cursor_close(&c);
	if (rc < 0) {
		codec_buf_free(&buf);
		return -1;
	}
	rc = 0;
	for (size_t i = 0; i < p->n && rc == 0; i++) {
		uint32_t off = p->off[i];

		if (open && buf.len + varint_len(off - last) > CHUNK_BYTES) {
			key[plen] = (uint8_t)(first >> 8);
			key[plen + 1] = (uint8_t)first;
			rc = store_put(t, DB_SEARCH_WORDS, key, plen + 2, buf.p ? buf.p :
			    (const uint8_t *)"", buf.len);
			open = false;
		}
		if (!open) {
			buf.len = 0;
			first = (uint16_t)off;
			open = true;
		} else
			codec_put_varint(&buf, off - last);
		last = off;
	}
	if (open && rc == 0) {
		key[plen] = (uint8_t)(first >> 8);
		key[plen + 1] = (uint8_t)first;
		rc = store_put(t, DB_SEARCH_WORDS, key, plen + 2, buf.p ? buf.p :
		    (const uint8_t *)"", buf.len);
	}
	codec_buf_free(&buf);
	return rc;
}

static int
flush_words(struct builder *b)
{
	int rc = 0;

	/* In key order: the pages fill as an append would fill them. */
	if (b->npl > 0)
		qsort(b->pl, b->npl, sizeof *b->pl, cmp_plist);
	for (size_t i = 0; i < b->npl && rc == 0; i++)
		rc = write_postings(b, &b->pl[i]);
	builder_reset_words(b);
	return rc;
}

static int
flush_chunk(struct builder *b)
{
	uint8_t key[4];

	if (!b->chunk_live)
		return 0;
	b->chunk_live = false;
	store_be32(key, (uint32_t)b->chunk);
	return store_put(b->t, DB_SEARCH_DOCS, key, 4, b->slots, b->chunk_used * SLOT);
}

/* Gives the record the next document number and its postings. */
static int
index_doc(struct builder *b, const uint8_t key[SLOT])
{
	uint64_t d = b->next, chunk = d / DOCS_PER_CHUNK;
	size_t slot = (size_t)(d % DOCS_PER_CHUNK);

	if (d >> BLOCK_BITS != b->block) {
		if (flush_words(b) != 0)
			return -1;
		b->block = d >> BLOCK_BITS;
	}
	if (!b->chunk_live || chunk != b->chunk) {
		const void *v;
		size_t n;
		uint8_t k[4];
		int rc;

		if (flush_chunk(b) != 0)
			return -1;
		store_be32(k, (uint32_t)chunk);
		memset(b->slots, 0, sizeof b->slots);
		b->chunk_used = 0;
		if ((rc = store_get(b->t, DB_SEARCH_DOCS, k, 4, &v, &n)) < 0)
			return -1;
		if (rc == 0 && (n == 0 || n > sizeof b->slots || n % SLOT != 0))
			return kz_fail(store_txn_error(b->t), KZ_EIO, _("store %s: a chunk of the "
			    "search index's documents is corrupt (%zu bytes)"),
			    store_dir(store_txn_store(b->t)), n);
		if (rc == 0) {
			memcpy(b->slots, v, n);
			b->chunk_used = n / SLOT;
		}
		b->chunk = chunk;
		b->chunk_live = true;
	}
	memcpy(b->slots + slot * SLOT, key, SLOT);
	if (slot + 1 > b->chunk_used)
		b->chunk_used = slot + 1;
	b->next++;
	for (size_t i = 0; i < b->doc.nfield; i++)
		if (b->doc.field[i] != NULL)
			text_words(b->doc.field[i], strlen(b->doc.field[i]), add_word, b);
	b->indexed++;
	return 0;
}

/*
 * Whether log entry le made the record: the stamp of the record's identity (its key
 * field, set once when it was made) is the entry's. A record met by any other entry may
 * have been indexed before.
 */
static bool
is_creation(struct store_txn *t, struct state *st, const struct rec_kind *rk, const void *val,
    size_t len, const struct store_log_entry *le)
{
	uint8_t path[STATE_PATH_MAX];
	struct state_nodes nodes;
	unsigned tag = 1;
	ssize_t i;

	for (unsigned k = 1; k < 64; k++)
		if (rk->identity & (1ull << k)) {
			tag = k;
			break;
		}
	state_reset(st);
	store_state_nodes(t, &nodes);
	if (state_load(st, val, len, rec_set_mask(rk->desc), &nodes) != 0)
		return false;
	i = state_find(st, path, state_path_tag(path, tag));
	return i >= 0 && st->e[i].st.hlc == le->hlc &&
	    memcmp(st->e[i].st.origin, le->origin, 16) == 0;
}

/*
 * Whether log entry le set or cleared a searched field: one of them still carries its
 * stamp (st holds the record's state, loaded by is_creation). A change that only
 * linked a question or moved an issue's status leaves the index as it is; a change whose
 * field a later one overwrote needs nothing either, since the later one is indexed.
 */
static bool
touches_search_fields(const struct state *st, int kind, const struct store_log_entry *le)
{
	static const char *const fields[SEARCH_KIND_COUNT][4] = {
		{ "text", "topic", NULL },
		{ "title", "topic", "executor", NULL },
	};
	const struct schema_record *d = rec_kind_for(kind)->desc;
	uint8_t path[STATE_PATH_MAX];

	for (size_t i = 0; fields[kind][i] != NULL; i++) {
		const struct schema_field *f = schema_field_named(d, fields[kind][i]);
		ssize_t k;

		if (f == NULL)
			continue;
		k = state_find(st, path, state_path_tag(path, f->tag));
		if (k >= 0 && st->e[k].st.hlc == le->hlc &&
		    memcmp(st->e[k].st.origin, le->origin, 16) == 0)
			return true;
	}
	return false;
}

static int
build_entry(struct store_txn *t, void *arg, size_t oi, uint64_t seq,
    const struct store_log_entry *le, int kind)
{
	struct builder *b = arg;
	const struct rec_kind *rk = rec_kind_for(kind);
	uint8_t key[SLOT], nb[4];
	const void *val, *mv;
	size_t len, mn;
	bool creation;
	int rc;

	if (b->budget == 0) {
		b->more = true;
		return 2;
	}
	vv_set(&b->ck, b->cur.v[oi].origin, seq);
	slot_key(key, kind, le->key);
	/* The record as it is now: one indexing covers every change made so far. */
	if (keyset_has(&b->done, key))
		return 0;
	if ((rc = store_get(t, rk->db, le->key, 16, &val, &len)) != 0)
		return rc < 0 ? -1 : 0;
	creation = is_creation(t, &b->st, rk, val, len, le);
	if (!creation && !touches_search_fields(&b->st, kind, le))
		return 0;
	keyset_add(&b->done, key);
	if ((rc = store_get(t, DB_SEARCH_MOVED, key, SLOT, &mv, &mn)) < 0)
		return -1;
	if (rc == 0)
		creation = false;
	if (doc_decode(t, kind, val, len, &b->doc) != 0)
		return -1;
	b->budget--;
	/* Indexed before: its old number's postings are stale from now on. */
	if (!creation) {
		store_be32(nb, (uint32_t)b->next);
		if (store_put(t, DB_SEARCH_MOVED, key, SLOT, nb, 4) != 0) {
			doc_clear(&b->doc);
			return -1;
		}
	}
	rc = index_doc(b, key);
	doc_clear(&b->doc);
	return rc;
}

struct catch_up {
	bool more;
	uint64_t indexed;
};

static int
catch_up_fn(struct store_txn *t, void *arg)
{
	struct catch_up *cu = arg;
	struct builder b = { .t = t, .budget = BATCH_RECORDS, .doc.kind = -1 };
	int rc;

	/* A retry after the map grew starts again from the store: nothing is carried over. */
	cu->more = false;
	cu->indexed = 0;
	if (checkpoint_read(t, &b.ck, &b.next) != 0 || store_vv_read(t, &b.cur) != 0) {
		builder_free(&b);
		return -1;
	}
	b.block = b.next >> BLOCK_BITS;
	rc = pending_walk(t, &b.cur, &b.ck, build_entry, &b);
	if (rc >= 0)
		rc = flush_words(&b);
	if (rc == 0)
		rc = flush_chunk(&b);
	if (rc == 0 && !b.more)
		for (size_t i = 0; i < b.cur.n; i++)
			vv_set(&b.ck, b.cur.v[i].origin, b.cur.v[i].seq);
	if (rc == 0)
		rc = checkpoint_write(t, &b.ck, b.next);
	cu->more = b.more;
	cu->indexed = b.indexed;
	builder_free(&b);
	return rc;
}

/* ---- what is pending ---- */

struct pending {
	struct keyset keys;	/* in the order met */
	struct state st;
};

/* The records the index would take in, as the catch-up would choose them. */
static int
pending_entry(struct store_txn *t, void *arg, size_t oi, uint64_t seq,
    const struct store_log_entry *le, int kind)
{
	struct pending *p = arg;
	const struct rec_kind *rk = rec_kind_for(kind);
	uint8_t key[SLOT];
	const void *val;
	size_t len;
	int rc;

	(void)oi;
	(void)seq;
	slot_key(key, kind, le->key);
	if (keyset_has(&p->keys, key))
		return 0;
	if ((rc = store_get(t, rk->db, le->key, 16, &val, &len)) != 0)
		return rc < 0 ? -1 : 0;
	if (is_creation(t, &p->st, rk, val, len, le) ||
	    touches_search_fields(&p->st, kind, le))
		keyset_add(&p->keys, key);
	return 0;
}

static bool
vv_behind(const struct store_vv *ck, const struct store_vv *cur)
{
	for (size_t i = 0; i < cur->n; i++)
		if (vv_seq(ck, cur->v[i].origin) < cur->v[i].seq)
			return true;
	return false;
}

static int
behind_fn(struct store_txn *t, void *arg)
{
	struct store_vv ck = { 0 }, cur = { 0 };
	uint64_t next;
	int rc = checkpoint_read(t, &ck, &next);

	if (rc == 0)
		rc = store_vv_read(t, &cur);
	if (rc == 0)
		*(bool *)arg = vv_behind(&ck, &cur);
	store_vv_free(&ck);
	store_vv_free(&cur);
	return rc;
}

int
search_catch_up(struct store *s, struct kz_error *e)
{
	struct catch_up cu = { .more = true };
	bool behind = false;

	if (store_read_only(s))
		return 0;
	/* Nothing to do takes no writer's lock. */
	if (store_read(s, behind_fn, &behind, e) != 0)
		return -1;
	while (behind && cu.more)
		if (store_write(s, catch_up_fn, &cu, e) != 0)
			return -1;
	return 0;
}

/* ---- searching ---- */

struct query {
	char *w[SEARCH_WORDS_MAX];
	size_t len[SEARCH_WORDS_MAX];
	size_t n;
	bool too_many;
};

static int
query_word(void *arg, const char *w, size_t n)
{
	struct query *q = arg;

	n = word_cut(w, n);
	for (size_t i = 0; i < q->n; i++)
		if (q->len[i] == n && memcmp(q->w[i], w, n) == 0)
			return 0;
	if (q->n == SEARCH_WORDS_MAX) {
		q->too_many = true;
		return 1;
	}
	q->w[q->n] = xstrndup(w, n);
	q->len[q->n++] = n;
	return 0;
}

static void
query_free(struct query *q)
{
	for (size_t i = 0; i < q->n; i++)
		free(q->w[i]);
	q->n = 0;
}

struct match {
	const struct query *q;
	uint64_t seen;
};

static int
match_word(void *arg, const char *w, size_t n)
{
	struct match *m = arg;

	for (size_t i = 0; i < m->q->n; i++)
		if (m->q->len[i] <= n && memcmp(w, m->q->w[i], m->q->len[i]) == 0)
			m->seen |= 1ull << i;
	return m->seen == (1ull << m->q->n) - 1 ? 1 : 0;
}

/* Every query word begins a word of the record. */
static bool
doc_matches(const struct doc *d, const struct query *q)
{
	struct match m = { q, 0 };

	for (size_t i = 0; i < d->nfield && m.seen != (1ull << q->n) - 1; i++)
		if (d->field[i] != NULL)
			text_words(d->field[i], strlen(d->field[i]), match_word, &m);
	return m.seen == (1ull << q->n) - 1;
}

struct run {
	const struct query *q;
	uint64_t before;
	size_t limit;
	struct search_result *out;
	struct pending pend;
	struct doc doc;
	uint64_t bm[BLOCK_DOCS / 64], acc[BLOCK_DOCS / 64];
};

/* Checks the record against the query and adds it as a hit at pos: 1 added, 0 not, -1. */
static int
try_hit(struct store_txn *t, struct run *r, const uint8_t key[SLOT], uint64_t pos)
{
	int kind = key[0] - 1, rc;
	const void *val;
	size_t len;
	struct search_hit *h;
	struct search_result *out = r->out;

	if (kind < 0 || kind >= SEARCH_KIND_COUNT)
		return 0;
	if ((rc = store_get(t, rec_kind_for(kind)->db, key + 1, 16, &val, &len)) != 0)
		return rc < 0 ? -1 : 0;
	if (doc_decode(t, kind, val, len, &r->doc) != 0)
		return -1;
	rc = doc_visible(&r->doc) && doc_matches(&r->doc, r->q);
	if (rc) {
		out->hits = xgrow(out->hits, &out->cap, out->n + 1, sizeof *out->hits);
		h = &out->hits[out->n++];
		h->kind = kind;
		memcpy(h->id.b, key + 1, 16);
		h->text = xstrdup(r->doc.show != NULL ? r->doc.show : "");
		h->pos = pos;
	}
	doc_clear(&r->doc);
	return rc;
}

/* ORs the postings of every word with prefix w in block blk into bm. */
static int
block_postings(struct store_txn *t, uint64_t blk, const char *w, size_t wn, uint64_t *bm)
{
	uint8_t key[4 + WORD_MAX];
	struct store_cursor *c;
	int rc;

	memset(bm, 0, BLOCK_DOCS / 8);
	store_be32(key, (uint32_t)blk);
	memcpy(key + 4, w, wn);
	if (store_cursor_open(t, DB_SEARCH_WORDS, &c) != 0)
		return -1;
	rc = store_cursor_seek(c, key, 4 + wn);
	while (rc == 0) {
		const void *k, *v;
		size_t kn, vn;
		const uint8_t *p, *end;
		uint64_t d;
		uint32_t off;

		store_cursor_get(c, &k, &kn, &v, &vn);
		if (kn < 4 + wn + 3 || memcmp(k, key, 4 + wn) != 0)
			break;
		off = (uint32_t)((const uint8_t *)k)[kn - 2] << 8 | ((const uint8_t *)k)[kn - 1];
		bm[off >> 6] |= 1ull << (off & 63);
		for (p = v, end = p + vn; p < end;) {
			if (codec_get_varint(&p, end, &d) != 0 || off + d >= BLOCK_DOCS) {
				store_cursor_close(&c);
				return kz_fail(store_txn_error(t), KZ_EIO, _("store %s: a search "
				    "posting list is corrupt"), store_dir(store_txn_store(t)));
			}
			off += (uint32_t)d;
			bm[off >> 6] |= 1ull << (off & 63);
		}
		rc = store_cursor_next(c);
	}
	store_cursor_close(&c);
	return rc < 0 ? -1 : 0;
}

/* The slot of document d: 0 with key filled, 1 when there is none, -1 on error. */
static int
doc_slot(struct store_txn *t, uint64_t d, uint8_t key[SLOT])
{
	uint8_t k[4];
	const void *v;
	size_t n;
	int rc;

	store_be32(k, (uint32_t)(d / DOCS_PER_CHUNK));
	if ((rc = store_get(t, DB_SEARCH_DOCS, k, 4, &v, &n)) != 0)
		return rc;
	if ((d % DOCS_PER_CHUNK + 1) * SLOT > n)
		return 1;
	memcpy(key, (const uint8_t *)v + d % DOCS_PER_CHUNK * SLOT, SLOT);
	return key[0] == 0 ? 1 : 0;
}

/* Whether document d is the record's newest number (not a stale one). */
static int
doc_current(struct store_txn *t, const uint8_t key[SLOT], uint64_t d)
{
	const void *v;
	size_t n;
	int rc = store_get(t, DB_SEARCH_MOVED, key, SLOT, &v, &n);

	if (rc < 0)
		return -1;
	return rc == 1 || (n == 4 && store_get_be32(v) == d);
}

static int
search_index(struct store_txn *t, struct run *r, uint64_t bound)
{
	struct search_result *out = r->out;

	/* Documents [0, bound), newest first, a block at a time. */
	for (uint64_t blk = (bound - 1) >> BLOCK_BITS; bound > 0 && out->n < r->limit; blk--) {
		uint64_t base = blk << BLOCK_BITS;
		uint32_t hi = bound - base > BLOCK_DOCS ? BLOCK_DOCS : (uint32_t)(bound - base);
		bool any = true;

		for (size_t i = 0; i < r->q->n && any; i++) {
			if (block_postings(t, blk, r->q->w[i], r->q->len[i], i ? r->bm : r->acc))
				return -1;
			any = false;
			for (size_t j = 0; j < BLOCK_DOCS / 64; j++) {
				if (i > 0)
					r->acc[j] &= r->bm[j];
				any |= r->acc[j] != 0;
			}
		}
		for (uint32_t off = hi; any && off-- > 0 && out->n < r->limit;) {
			uint8_t key[SLOT];
			int rc;

			if (!(r->acc[off >> 6] & (1ull << (off & 63)))) {
				/* Skip a word of zero bits at once. */
				if (r->acc[off >> 6] == 0)
					off &= ~63u;
				continue;
			}
			if ((rc = doc_slot(t, base + off, key)) < 0)
				return -1;
			if (rc == 1 || keyset_has(&r->pend.keys, key))
				continue;
			if ((rc = doc_current(t, key, base + off)) < 0)
				return -1;
			if (rc == 1 && try_hit(t, r, key, base + off + 1) < 0)
				return -1;
		}
		if (blk == 0)
			break;
	}
	return 0;
}

static int
run_fn(struct store_txn *t, void *arg)
{
	struct run *r = arg;
	struct store_vv ck = { 0 }, cur = { 0 };
	uint64_t next, bound;
	int rc;

	/* A retry starts clean. */
	for (size_t i = 0; i < r->out->n; i++)
		free(r->out->hits[i].text);
	r->out->n = 0;
	r->out->next = 0;
	keyset_free(&r->pend.keys);
	if (checkpoint_read(t, &ck, &next) != 0 || store_vv_read(t, &cur) != 0) {
		rc = -1;
		goto out;
	}
	/*
	 * What the index has not caught up with (a read-only store, or a save made since the
	 * catch-up) is matched here, record by record, above every indexed number: pending
	 * record i is at pos next + i + 1.
	 */
	if ((rc = pending_walk(t, &cur, &ck, pending_entry, &r->pend)) != 0)
		goto out;
	for (size_t i = r->pend.keys.n; i-- > 0 && r->out->n < r->limit;) {
		uint64_t pos = next + i + 1;

		if (r->before != 0 && pos >= r->before)
			continue;
		if ((rc = try_hit(t, r, r->pend.keys.k[i], pos)) < 0)
			goto out;
	}
	rc = 0;
	bound = r->before != 0 && r->before - 1 < next ? r->before - 1 : next;
	if (r->out->n < r->limit)
		rc = search_index(t, r, bound);
	if (rc == 0 && r->out->n == r->limit)
		r->out->next = r->out->hits[r->out->n - 1].pos;
out:
	store_vv_free(&ck);
	store_vv_free(&cur);
	return rc < 0 ? -1 : 0;
}

int
search_run(struct store *s, const char *query, uint64_t before, size_t limit,
    struct search_result *out, struct kz_error *e)
{
	struct query q = { .n = 0 };
	struct run *r;
	int rc;

	search_result_free(out);
	text_words(query, strlen(query), query_word, &q);
	if (q.too_many) {
		query_free(&q);
		return kz_fail(e, KZ_EINVAL, _("search: at most %d words in a query"),
		    SEARCH_WORDS_MAX);
	}
	if (q.n == 0)
		return kz_fail(e, KZ_EINVAL, _("search: the query has no words (letters or digits)"));
	if (search_catch_up(s, e) != 0) {
		query_free(&q);
		return -1;
	}
	r = xcalloc(1, sizeof *r);
	r->q = &q;
	r->before = before;
	r->limit = limit ? limit : SEARCH_LIMIT;
	r->out = out;
	r->doc.kind = -1;
	rc = store_read(s, run_fn, r, e);
	keyset_free(&r->pend.keys);
	state_free(&r->pend.st);
	free(r);
	query_free(&q);
	if (rc != 0)
		search_result_free(out);
	return rc;
}

void
search_result_free(struct search_result *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->hits[i].text);
	free(r->hits);
	memset(r, 0, sizeof *r);
}
