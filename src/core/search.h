/*
 * Search across questions and issues: every word of the query, folded (core/text.h, so
 * «ЖОЛ» finds «жол» in any locale), must begin a word of the record; newest first, a page
 * at a time.
 *
 * The answer comes from a word-prefix index that is derived state: saves never touch it
 * (the durable save stays cheap); it catches up from the replicated log, up to the version
 * vector it keeps in meta "search_vv". Every search catches up first, and what a read-only
 * store cannot write down is matched in memory for that search, so a search always sees
 * every saved question. See docs/architecture.md ("The search index").
 */
#ifndef KZ_SEARCH_H
#define KZ_SEARCH_H

#include <stddef.h>
#include <stdint.h>

#include "util/log.h"
#include "util/uid.h"

struct store;

enum search_kind { SEARCH_QUESTION, SEARCH_ISSUE, SEARCH_KIND_COUNT };
extern const char *const search_kind_names[SEARCH_KIND_COUNT];	/* "question", "issue" */

#define SEARCH_LIMIT 50		/* hits a page when the caller says 0 */
#define SEARCH_WORDS_MAX 32	/* words in one query */

struct search_hit {
	int kind;		/* enum search_kind */
	struct kz_uuid id;
	char *text;		/* the question's text or the issue's title (owned) */
	uint64_t pos;		/* its place, newest highest: `before` for the page after it */
};

struct search_result {
	struct search_hit *hits;
	size_t n, cap;
	uint64_t next;		/* `before` for the next page; 0 when this was the last */
};

/*
 * Brings the index up to the log, in write transactions of a bounded size. Nothing to do
 * costs one read transaction; a read-only store is left as it is (0).
 */
int search_catch_up(struct store *s, struct kz_error *e);
/*
 * The newest `limit` (0: SEARCH_LIMIT) records matching query, among those whose pos is
 * below `before` (0: no bound), newest first, into out (emptied first). A query without
 * words is an error (KZ_EINVAL).
 */
int search_run(struct store *s, const char *query, uint64_t before, size_t limit,
    struct search_result *out, struct kz_error *e);
void search_result_free(struct search_result *r);

#endif
