/*
 * core/identity.c and core/peer.c: the identity file's text read back, and the per-peer
 * exchange state that export and import keep (set in a write transaction, read back, and
 * merged into what the peer is known to hold), which peer add and remove never log.
 */
#include "testutil.h"

#include "core/identity.h"
#include "core/dayoff.h"
#include "core/node.h"
#include "core/peer.h"
#include "sync/outbox.h"
#include "util/xmalloc.h"

static void
make_identity(struct identity *id, const char *unit, uint8_t seed)
{
	memset(id, 0, sizeof *id);
	for (int i = 0; i < 16; i++)
		id->node.b[i] = (uint8_t)(seed + i);
	id->node.b[6] = 0x70 | (id->node.b[6] & 0x0f);
	id->node.b[8] = 0x80 | (id->node.b[8] & 0x3f);
	memcpy(id->unit, unit, 10);
	for (int i = 0; i < 32; i++)
		id->key[i] = (uint8_t)(seed * 7 + i);
}

static void
test_identity_round_trip(void **state)
{
	struct identity id, back;
	struct kz_error e = { 0 };
	char fp[IDENTITY_FP_LEN], fp2[IDENTITY_FP_LEN], *text;

	(void)state;
	make_identity(&id, "613633000", 3);
	id.name_kk = xstrdup("Ағыбет а.о.");
	text = identity_format(&id);
	if (identity_parse(text, strlen(text), "o.id", &back, &e) != 0)
		fail_msg("%s", e.msg);
	assert_memory_equal(back.node.b, id.node.b, 16);
	assert_string_equal(back.unit, id.unit);
	assert_memory_equal(back.key, id.key, 32);
	assert_string_equal(back.name_kk, "Ағыбет а.о.");
	assert_null(back.name_ru);
	identity_fingerprint(&id, fp);
	identity_fingerprint(&back, fp2);
	assert_string_equal(fp, fp2);
	/* One bit of the key changes the fingerprint. */
	back.key[31] ^= 1;
	identity_fingerprint(&back, fp2);
	assert_string_not_equal(fp, fp2);
	/* Cut anywhere before the end: refused with a reason, never a crash. */
	for (size_t n = 0; n + 1 < strlen(text); n++) {
		struct identity cut;

		assert_int_equal(identity_parse(text, n, "o.id", &cut, &e), -1);
		assert_true(strncmp(e.msg, "o.id", 4) == 0);
		assert_null(cut.name_kk);
	}
	free(text);
	identity_clear(&id);
	identity_clear(&back);
}

static struct store *
district(char **dir)
{
	struct store *s = NULL;
	struct kz_error e = { 0 };

	*dir = test_tmpdir();
	if (store_open(*dir, STORE_CREATE, &s, &e) != 0 || node_init(s, "613600000", &e) != 0)
		fail_msg("%s", e.msg);
	return s;
}

struct note {
	const struct kz_uuid *node;
	struct store_vv vv, acks;
	bool sent;
};

static int
note_fn(struct store_txn *t, void *arg)
{
	struct note *a = arg;

	if (a->sent)
		return peer_note_sent_tx(t, a->node, 1000, &a->vv);
	return peer_note_received_tx(t, a->node, 2000, &a->vv, &a->acks);
}

static void
vv_add(struct store_vv *vv, uint8_t origin, uint64_t seq)
{
	vv->v = xgrow(vv->v, &vv->cap, vv->n + 1, sizeof *vv->v);
	memset(vv->v[vv->n].origin, origin, 16);
	vv->v[vv->n].seq = seq;
	vv->n++;
}

static uint64_t
vv_seq(const struct store_vv *vv, uint8_t origin)
{
	for (size_t i = 0; i < vv->n; i++)
		if (vv->v[i].origin[0] == origin)
			return vv->v[i].seq;
	return 0;
}

static void
test_exchange_state(void **state)
{
	struct identity id;
	struct peer_verdict v;
	struct kz_error e = { 0 };
	struct store_vv before = { 0 }, known;
	struct note a = { 0 };
	struct peer *ps;
	size_t n;
	char *dir;
	struct store *s = district(&dir);

	(void)state;
	make_identity(&id, "613633000", 9);
	if (peer_add(s, &id, &v, &e) != 0)
		fail_msg("%s", e.msg);
	assert_int_equal(v.dir, SCOPE_DOWN);
	assert_false(v.known);
	assert_int_equal(peer_list(s, &ps, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_int_equal(ps[0].sent_ms, 0);
	assert_int_equal(ps[0].recv_vv.n, 0);
	peer_list_free(&ps, n);

	a.node = &id.node;
	a.sent = true;
	vv_add(&a.vv, 1, 40);
	assert_int_equal(store_write(s, note_fn, &a, &e), 0);
	store_vv_free(&a.vv);
	a.sent = false;
	vv_add(&a.vv, 1, 30);	/* the peer holds 30 of origin 1, acknowledges 35 */
	vv_add(&a.vv, 2, 7);
	vv_add(&a.acks, 1, 35);
	vv_add(&a.acks, 3, 4);
	assert_int_equal(store_write(s, note_fn, &a, &e), 0);

	assert_int_equal(peer_list(s, &ps, &n, &e), 0);
	assert_int_equal(ps[0].sent_ms, 1000);
	assert_int_equal(ps[0].recv_ms, 2000);
	peer_vv_get(&ps[0].sent_vv, &before);
	assert_int_equal(before.n, 1);
	assert_int_equal(vv_seq(&before, 1), 40);
	/*
	 * Known to hold: its acknowledgements and its own changes, not its version vector
	 * (origin 2: scope filtering leaves holes under it).
	 */
	peer_known_vv(&ps[0], &known);
	assert_int_equal(known.n, 3);
	assert_int_equal(vv_seq(&known, 1), 35);
	assert_int_equal(vv_seq(&known, 2), 0);
	assert_int_equal(vv_seq(&known, 3), 4);
	assert_int_equal(vv_seq(&known, 9), INT64_MAX);
	store_vv_free(&known);
	store_vv_free(&before);
	peer_list_free(&ps, n);

	/* The same identity again is known; adding it changes nothing it kept. */
	assert_int_equal(peer_add(s, &id, &v, &e), 0);
	assert_true(v.known);
	assert_int_equal(peer_list(s, &ps, &n, &e), 0);
	assert_int_equal(ps[0].recv_ms, 2000);
	peer_list_free(&ps, n);

	/* No peer: refused, nothing written. */
	make_identity(&id, "613633000", 77);
	assert_int_equal(store_write(s, note_fn, &a, &e), -1);
	assert_non_null(strstr(e.msg, "no peer"));
	store_vv_free(&a.vv);
	store_vv_free(&a.acks);
	store_close(&s);
	test_rmdir(dir);
}

static int
vv_fn(struct store_txn *t, void *arg)
{
	return store_vv_read(t, arg);
}

static void
test_peers_are_not_logged(void **state)
{
	struct identity id;
	struct peer_verdict v;
	struct kz_error e = { 0 };
	struct store_vv vv = { 0 };
	char *dir;
	struct store *s = district(&dir);

	(void)state;
	make_identity(&id, "610000000", 5);
	assert_int_equal(peer_add(s, &id, &v, &e), 0);
	assert_int_equal(v.dir, SCOPE_UP);
	assert_int_equal(peer_remove(s, "610000000", NULL, &e), 0);
	assert_int_equal(store_read(s, vv_fn, &vv, &e), 0);
	assert_int_equal(vv.n, 0);
	store_vv_free(&vv);
	store_close(&s);
	test_rmdir(dir);
}

static int
own_fn(struct store_txn *t, void *arg)
{
	return store_node(t, arg);
}

/*
 * What waits to go: the Government's days off go down to a region, each once; what the
 * region acknowledged no longer waits, whatever its version vector says (a change that
 * reached it by another path raises it over ones that did not: issue 10); nothing goes up
 * from the Government (there is no above).
 */
static void
test_outbox_waits_above_known(void **state)
{
	struct identity id;
	struct peer_verdict v;
	struct kz_error e = { 0 };
	struct note a = { 0 };
	struct store *s = NULL;
	struct peer *ps;
	uint64_t waiting;
	uint8_t me[16];
	size_t n;
	char *dir = test_tmpdir();

	(void)state;
	if (store_open(dir, STORE_CREATE, &s, &e) != 0 || node_init(s, "000000000", &e) != 0)
		fail_msg("%s", e.msg);
	for (int d = 0; d < 5; d++)
		if (dayoff_set(s, 20820 + d, HOLIDAYS_OFF, "x", &e) != 0)
			fail_msg("%s", e.msg);
	make_identity(&id, "610000000", 4);
	assert_int_equal(peer_add(s, &id, &v, &e), 0);
	assert_int_equal(v.dir, SCOPE_DOWN);
	assert_int_equal(peer_list(s, &ps, &n, &e), 0);
	assert_int_equal(outbox_count(s, &ps[0], &waiting, &e), 0);
	assert_int_equal(waiting, 5);
	peer_list_free(&ps, n);

	assert_int_equal(store_read(s, own_fn, me, &e), 0);
	a.node = &id.node;
	a.vv.v = xgrow(a.vv.v, &a.vv.cap, 1, sizeof *a.vv.v);
	memcpy(a.vv.v[0].origin, me, 16);
	a.vv.v[0].seq = 4;	/* its store holds four (some from elsewhere) */
	a.vv.n = 1;
	a.acks.v = xgrow(a.acks.v, &a.acks.cap, 1, sizeof *a.acks.v);
	memcpy(a.acks.v[0].origin, me, 16);
	a.acks.v[0].seq = 3;	/* and acknowledges the third */
	a.acks.n = 1;
	assert_int_equal(store_write(s, note_fn, &a, &e), 0);
	assert_int_equal(peer_list(s, &ps, &n, &e), 0);
	assert_int_equal(outbox_count(s, &ps[0], &waiting, &e), 0);
	assert_int_equal(waiting, 2);
	peer_list_free(&ps, n);
	store_vv_free(&a.vv);
	store_vv_free(&a.acks);
	store_close(&s);
	test_rmdir(dir);
}

struct applied_args {
	const struct kz_uuid *node, *except;
	struct store_vv got, late;
	uint8_t digest[32];
};

static int
applied_fn(struct store_txn *t, void *arg)
{
	struct applied_args *a = arg;

	if (a->got.n > 0 && peer_note_applied_tx(t, a->node, &a->got, a->digest) != 0)
		return -1;
	return peer_note_late_tx(t, a->except, &a->late);
}

/*
 * Import's state: the last PEER_APPLIED_MAX bundles' hashes ("already here" exactly), the
 * receipt raised per origin and never lowered; a change arriving late lowers the other
 * peers' acknowledgements over it, so that export sends it (issue 10: nothing lost).
 */
static void
test_applied_and_late(void **state)
{
	struct identity up, down;
	struct peer_verdict v;
	struct kz_error e = { 0 };
	struct applied_args a = { 0 };
	struct note nt = { 0 };
	struct store_vv known;
	struct peer *ps;
	size_t n;
	char *dir;
	struct store *s = district(&dir);

	(void)state;
	make_identity(&up, "610000000", 20);
	make_identity(&down, "613633000", 40);
	assert_int_equal(peer_add(s, &up, &v, &e), 0);
	assert_int_equal(peer_add(s, &down, &v, &e), 0);
	/* the okrug acknowledged origin 1 up to 10 */
	nt.node = &down.node;
	vv_add(&nt.acks, 1, 10);
	assert_int_equal(store_write(s, note_fn, &nt, &e), 0);

	a.node = &up.node;
	a.except = &up.node;
	for (int i = 0; i < PEER_APPLIED_MAX + 1; i++) {
		memset(a.digest, i + 1, sizeof a.digest);
		store_vv_free(&a.got);
		vv_add(&a.got, 1, (uint64_t)(i == 3 ? 1 : 20 + i));
		assert_int_equal(store_write(s, applied_fn, &a, &e), 0);
	}
	assert_int_equal(peer_list(s, &ps, &n, &e), 0);
	assert_int_equal(n, 2);
	assert_int_equal(ps[0].unit[2], '0');	/* the region first */
	assert_int_equal(ps[0].napplied, PEER_APPLIED_MAX);
	memset(a.digest, 1, sizeof a.digest);
	assert_false(peer_applied_has(&ps[0], a.digest));	/* the oldest went */
	memset(a.digest, 2, sizeof a.digest);
	assert_true(peer_applied_has(&ps[0], a.digest));
	memset(a.digest, PEER_APPLIED_MAX + 1, sizeof a.digest);
	assert_true(peer_applied_has(&ps[0], a.digest));
	assert_int_equal(ps[0].got_vv.n, 1);
	assert_int_equal(ps[0].got_vv.v[0].seq, 20 + PEER_APPLIED_MAX);
	assert_false(peer_applied_has(&ps[1], a.digest));
	peer_list_free(&ps, n);

	/* From the region, origin 1's sequence 7 added here late: the okrug gets it again. */
	store_vv_free(&a.got);
	vv_add(&a.late, 1, 7);
	vv_add(&a.late, 2, 1);
	assert_int_equal(store_write(s, applied_fn, &a, &e), 0);
	assert_int_equal(peer_list(s, &ps, &n, &e), 0);
	peer_known_vv(&ps[1], &known);
	assert_int_equal(vv_seq(&known, 1), 6);
	assert_int_equal(vv_seq(&known, 2), 0);
	store_vv_free(&known);
	peer_list_free(&ps, n);
	/* Above its acknowledgement: nothing lowered. */
	store_vv_free(&a.late);
	vv_add(&a.late, 1, 9);
	assert_int_equal(store_write(s, applied_fn, &a, &e), 0);
	assert_int_equal(peer_list(s, &ps, &n, &e), 0);
	peer_known_vv(&ps[1], &known);
	assert_int_equal(vv_seq(&known, 1), 6);
	store_vv_free(&known);
	peer_list_free(&ps, n);

	store_vv_free(&a.got);
	store_vv_free(&a.late);
	store_vv_free(&nt.acks);
	store_close(&s);
	test_rmdir(dir);
}

/* recv_acks raised to acks, as import does (sync/import.c, note_received), then noted. */
struct recv_args {
	const struct kz_uuid *node;
	struct store_vv acks;
	bool answers;
	uint8_t digest[32];
};

static int
recv_fn(struct store_txn *t, void *arg)
{
	struct recv_args *a = arg;
	struct store_vv vv = { 0 }, acks;
	struct peer p;
	int rc;

	if (peer_get_tx(t, a->node, &p) != 0)
		return -1;
	peer_vv_get(&p.recv_acks, &acks);
	for (size_t i = 0; i < a->acks.n; i++) {
		size_t k;

		for (k = 0; k < acks.n; k++)
			if (memcmp(acks.v[k].origin, a->acks.v[i].origin, 16) == 0)
				break;
		if (k == acks.n)
			vv_add(&acks, a->acks.v[i].origin[0], 0);
		if (a->acks.v[i].seq > acks.v[k].seq)
			acks.v[k].seq = a->acks.v[i].seq;
	}
	rc = peer_note_received_tx(t, a->node, 3000, &vv, &acks);
	store_vv_free(&acks);
	peer_free(&p);
	return rc;
}

static uint64_t
known_of(struct store *s, size_t which, uint8_t origin)
{
	struct kz_error e = { 0 };
	struct store_vv known;
	struct peer *ps;
	size_t n;
	uint64_t seq;

	assert_int_equal(peer_list(s, &ps, &n, &e), 0);
	peer_known_vv(&ps[which], &known);
	seq = vv_seq(&known, origin);
	store_vv_free(&known);
	peer_list_free(&ps, n);
	return seq;
}

/*
 * Issue 10, the stale acknowledgement: the okrug acknowledged origin 1 up to 10 from here;
 * origin 1's sequence 7 then arrives late from the region, lowering the okrug's
 * acknowledgement to 6; then the okrug's next bundle, answering a bundle this office made
 * before the late change, acknowledges 10 again. Taken as it comes, the acknowledgement
 * rose over 7, which then never went to the okrug; capped, it stays at 6.
 */
static void
test_stale_ack_after_late(void **state)
{
	struct identity up, down;
	struct peer_verdict v;
	struct kz_error e = { 0 };
	struct applied_args a = { 0 };
	struct recv_args r = { 0 };
	char *dir;
	struct store *s = district(&dir);

	(void)state;
	make_identity(&up, "610000000", 20);
	make_identity(&down, "613633000", 40);
	assert_int_equal(peer_add(s, &up, &v, &e), 0);
	assert_int_equal(peer_add(s, &down, &v, &e), 0);
	r.node = &down.node;
	vv_add(&r.acks, 1, 10);
	assert_int_equal(store_write(s, recv_fn, &r, &e), 0);
	assert_int_equal(known_of(s, 1, 1), 10);

	a.except = &up.node;
	vv_add(&a.late, 1, 7);
	assert_int_equal(store_write(s, applied_fn, &a, &e), 0);
	assert_int_equal(known_of(s, 1, 1), 6);
	/* the okrug's acknowledgement of the older bundle, again: 7 must still go */
	assert_int_equal(store_write(s, recv_fn, &r, &e), 0);
	assert_int_equal(known_of(s, 1, 1), 6);
	/* higher still: the same */
	store_vv_free(&r.acks);
	vv_add(&r.acks, 1, 12);
	assert_int_equal(store_write(s, recv_fn, &r, &e), 0);
	assert_int_equal(known_of(s, 1, 1), 6);

	store_vv_free(&a.late);
	store_vv_free(&r.acks);
	store_close(&s);
	test_rmdir(dir);
}

struct made_args {
	const struct kz_uuid *node;
	uint8_t digest[32];
	int64_t late_n;
	bool answer;
};

static int
made_fn(struct store_txn *t, void *arg)
{
	struct made_args *a = arg;

	if (a->answer)
		return peer_note_answer_tx(t, a->node, a->digest);
	return peer_note_made_tx(t, a->node, a->digest, a->late_n);
}

static int64_t
late_n_of(struct store *s, size_t which)
{
	struct kz_error e = { 0 };
	struct peer *ps;
	size_t n;
	int64_t late_n;

	assert_int_equal(peer_list(s, &ps, &n, &e), 0);
	late_n = ps[which].late_n;
	peer_list_free(&ps, n);
	return late_n;
}

/*
 * The cap goes when the peer answers a bundle made after the late change (its late number
 * at least the cap's), not for one made before, nor for a hash this office never made.
 */
static void
test_answer_lifts_cap(void **state)
{
	struct identity up, down;
	struct peer_verdict v;
	struct kz_error e = { 0 };
	struct applied_args a = { 0 };
	struct recv_args r = { 0 };
	struct made_args m = { 0 };
	struct peer *ps;
	size_t n;
	uint8_t last[32];
	char *dir;
	struct store *s = district(&dir);

	(void)state;
	make_identity(&up, "610000000", 20);
	make_identity(&down, "613633000", 40);
	assert_int_equal(peer_add(s, &up, &v, &e), 0);
	assert_int_equal(peer_add(s, &down, &v, &e), 0);
	m.node = r.node = &down.node;
	/* bundle 0xaa made for the okrug before anything arrived late */
	memset(m.digest, 0xaa, 32);
	m.late_n = late_n_of(s, 1);
	assert_int_equal(store_write(s, made_fn, &m, &e), 0);
	a.except = &up.node;
	vv_add(&a.late, 1, 7);
	assert_int_equal(store_write(s, applied_fn, &a, &e), 0);
	assert_int_equal(late_n_of(s, 1), m.late_n + 1);
	/* bundle 0xbb made from the peer as read before the late change (a race): old number */
	memset(m.digest, 0xbb, 32);
	assert_int_equal(store_write(s, made_fn, &m, &e), 0);
	vv_add(&r.acks, 1, 10);
	m.answer = true;
	for (int d = 0xaa; d <= 0xcc; d += 0x11) {
		memset(m.digest, d, 32);	/* 0xcc: never made here */
		assert_int_equal(store_write(s, made_fn, &m, &e), 0);
		assert_int_equal(store_write(s, recv_fn, &r, &e), 0);
		assert_int_equal(known_of(s, 1, 1), 6);
	}
	/* bundle 0xdd made after it, answered: the acknowledgement is taken whole */
	m.answer = false;
	memset(m.digest, 0xdd, 32);
	m.late_n = late_n_of(s, 1);
	assert_int_equal(store_write(s, made_fn, &m, &e), 0);
	m.answer = true;
	assert_int_equal(store_write(s, made_fn, &m, &e), 0);
	assert_int_equal(store_write(s, recv_fn, &r, &e), 0);
	assert_int_equal(known_of(s, 1, 1), 10);
	/* the region, which the change came from, was never capped */
	assert_int_equal(peer_list(s, &ps, &n, &e), 0);
	assert_int_equal(ps[0].ncaps, 0);
	assert_int_equal(ps[1].ncaps, 0);
	assert_int_equal(ps[1].nmade, 3);
	/* the last bundle applied from a peer, for the answer export writes */
	assert_false(peer_last_applied(&ps[0], last));
	peer_list_free(&ps, n);
	memset(a.digest, 0x5a, 32);
	a.node = &up.node;
	store_vv_free(&a.late);
	vv_add(&a.got, 1, 3);
	assert_int_equal(store_write(s, applied_fn, &a, &e), 0);
	assert_int_equal(peer_list(s, &ps, &n, &e), 0);
	assert_true(peer_last_applied(&ps[0], last));
	assert_memory_equal(last, a.digest, 32);
	peer_list_free(&ps, n);

	store_vv_free(&a.got);
	store_vv_free(&r.acks);
	store_close(&s);
	test_rmdir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_identity_round_trip),
		cmocka_unit_test(test_exchange_state),
		cmocka_unit_test(test_peers_are_not_logged),
		cmocka_unit_test(test_outbox_waits_above_known),
		cmocka_unit_test(test_applied_and_late),
		cmocka_unit_test(test_stale_ack_after_late),
		cmocka_unit_test(test_answer_lifts_cap),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
