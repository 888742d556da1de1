/*
 * Meeting mode's parts without curses, unit-tested (tests/unit/test_meet.c): the topic
 * keys' choice of the office's most used topics, and the draft, the line being typed kept
 * in a small file so that a dropped SSH connection loses nothing of it.
 *
 * A draft file (one per user, through $XDG_STATE_HOME or ~/.local/state, and per meeting)
 * is four lines of text:
 *	kezdesu-draft 1
 *	visit UUID
 *	saved MILLISECONDS
 *	text THE LINE
 * The line never holds a newline (ui/line.h refuses control characters), so the text is
 * the rest of the fourth line. A draft is personal data (what an asker said): written 0600
 * in a 0700 directory, removed as soon as its line is saved or emptied.
 */
#ifndef KZ_UI_MEET_H
#define KZ_UI_MEET_H

#include <stddef.h>
#include <stdint.h>

#include "util/uid.h"

/* Topic keys (F5..F8 by default): the office's most used topics. */
#define MEET_TOPIC_KEYS 4

struct meet_topics {
	char *v[MEET_TOPIC_KEYS];	/* owned, most used first */
	size_t n;
};

/*
 * The MEET_TOPIC_KEYS most frequent of topics[0..n) (NULL and "" skipped, compared
 * byte for byte), most used first; a tie goes to the one used last (the later index), so
 * that the keys follow what the meeting is talking about. Replaces *out's topics.
 */
void meet_topics_rank(const char *const *topics, size_t n, struct meet_topics *out);
void meet_topics_free(struct meet_topics *t);

/* The draft's text as a file's contents (malloc'd, NUL-terminated), *len its length. */
char *meet_draft_format(const struct kz_uuid *visit, int64_t saved_ms, const char *text,
    size_t n, size_t *len);
/*
 * Parses a draft file's contents: 0 with *visit, *saved_ms and *text (malloc'd), or -1
 * with the reason in why (the file's line number first: "LINE: reason").
 */
int meet_draft_parse(const char *buf, size_t n, struct kz_uuid *visit, int64_t *saved_ms,
    char **text, char *why, size_t whylen);
/*
 * The draft file of visit for this user: $XDG_STATE_HOME/kezdesu/draft-UUID (an absolute
 * XDG_STATE_HOME only), else $HOME/.local/state/kezdesu/draft-UUID; NULL without either.
 * Malloc'd.
 */
char *meet_draft_path(const struct kz_uuid *visit);
/*
 * Writes buf[0..n) to path atomically (a temporary file 0600 beside it, fsync, rename),
 * making its directory (0700) when missing: 0, or -1 with why.
 */
int meet_draft_write(const char *path, const char *buf, size_t n, char *why, size_t whylen);
/* Reads path whole: 0 with *buf (malloc'd, NUL-terminated) and *n, 1 when there is no file, -1 on an error (why). */
int meet_draft_read(const char *path, char **buf, size_t *n, char *why, size_t whylen);

#endif
