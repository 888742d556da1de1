/* Meeting mode's parts without curses (ui/meet.h): topic keys and drafts. */
#include "ui/meet.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/xmalloc.h"

#define DRAFT_MAGIC "kezdesu-draft 1"
/* A line is at most QUESTION_TEXT_MAX bytes; a file much larger is not a draft. */
#define DRAFT_MAX (64 * 1024)

void
meet_topics_free(struct meet_topics *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->v[i]);
	t->n = 0;
}

void
meet_topics_rank(const char *const *topics, size_t n, struct meet_topics *out)
{
	/* Few distinct topics on a page: counting them pairwise is plenty. */
	size_t *count = xcalloc(n + 1, sizeof *count), *last = xcalloc(n + 1, sizeof *last);
	size_t *uniq = xcalloc(n + 1, sizeof *uniq), nu = 0;

	meet_topics_free(out);
	for (size_t i = 0; i < n; i++) {
		size_t j;

		if (topics[i] == NULL || topics[i][0] == '\0')
			continue;
		for (j = 0; j < nu && strcmp(topics[uniq[j]], topics[i]) != 0; j++)
			;
		if (j == nu)
			uniq[nu++] = i;
		count[j]++;
		last[j] = i;
	}
	while (out->n < MEET_TOPIC_KEYS) {
		size_t best = nu;

		for (size_t j = 0; j < nu; j++)
			if (count[j] > 0 && (best == nu || count[j] > count[best] ||
			    (count[j] == count[best] && last[j] > last[best])))
				best = j;
		if (best == nu)
			break;
		out->v[out->n++] = xstrdup(topics[uniq[best]]);
		count[best] = 0;
	}
	free(count);
	free(last);
	free(uniq);
}

char *
meet_draft_format(const struct kz_uuid *visit, int64_t saved_ms, const char *text, size_t n,
    size_t *len)
{
	char id[UID_STRLEN], *s;

	uid_format(visit, id);
	s = xasprintf(DRAFT_MAGIC "\nvisit %s\nsaved %" PRId64 "\ntext %.*s\n", id, saved_ms,
	    (int)n, text);
	*len = strlen(s);
	return s;
}

/* The next line of buf (without its newline) into *line, *len; false at the end. */
static bool
next_line(const char **p, const char *end, const char **line, size_t *len)
{
	const char *nl;

	if (*p >= end)
		return false;
	nl = memchr(*p, '\n', (size_t)(end - *p));
	*line = *p;
	*len = (size_t)((nl != NULL ? nl : end) - *p);
	*p = nl != NULL ? nl + 1 : end;
	return true;
}

int
meet_draft_parse(const char *buf, size_t n, struct kz_uuid *visit, int64_t *saved_ms,
    char **text, char *why, size_t whylen)
{
	const char *p = buf, *end = buf + n, *l;
	size_t len;
	char tmp[64], *e;

	if (memchr(buf, '\0', n) != NULL) {
		snprintf(why, whylen, "1: not a draft (a NUL byte)");
		return -1;
	}
	if (!next_line(&p, end, &l, &len) || len != strlen(DRAFT_MAGIC) ||
	    memcmp(l, DRAFT_MAGIC, len) != 0) {
		snprintf(why, whylen, "1: not a draft (\"" DRAFT_MAGIC "\" expected)");
		return -1;
	}
	if (!next_line(&p, end, &l, &len) || len != 6 + UID_STRLEN - 1 ||
	    memcmp(l, "visit ", 6) != 0) {
		snprintf(why, whylen, "2: \"visit UUID\" expected");
		return -1;
	}
	memcpy(tmp, l + 6, UID_STRLEN - 1);
	tmp[UID_STRLEN - 1] = '\0';
	if (uid_parse(tmp, visit) != 0) {
		snprintf(why, whylen, "2: not a UUID");
		return -1;
	}
	if (!next_line(&p, end, &l, &len) || len < 7 || len >= sizeof tmp ||
	    memcmp(l, "saved ", 6) != 0) {
		snprintf(why, whylen, "3: \"saved MILLISECONDS\" expected");
		return -1;
	}
	memcpy(tmp, l + 6, len - 6);
	tmp[len - 6] = '\0';
	errno = 0;
	*saved_ms = strtoll(tmp, &e, 10);
	if (errno != 0 || *e != '\0' || *saved_ms < 0) {
		snprintf(why, whylen, "3: not a time in milliseconds");
		return -1;
	}
	if (!next_line(&p, end, &l, &len) || len < 5 || memcmp(l, "text ", 5) != 0) {
		snprintf(why, whylen, "4: \"text ...\" expected");
		return -1;
	}
	if (p != end) {
		snprintf(why, whylen, "5: more than four lines");
		return -1;
	}
	*text = xstrndup(l + 5, len - 5);
	return 0;
}

char *
meet_draft_path(const struct kz_uuid *visit)
{
	const char *x = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
	char id[UID_STRLEN];

	uid_format(visit, id);
	if (x != NULL && x[0] == '/')
		return xasprintf("%s/kezdesu/draft-%s", x, id);
	if (home != NULL && home[0] != '\0')
		return xasprintf("%s/.local/state/kezdesu/draft-%s", home, id);
	return NULL;
}

/* mkdir -p of path's directory, the last ones 0700. */
static int
make_dirs(const char *path)
{
	char *d = xstrdup(path);
	int rc = 0;

	for (char *s = d + 1; *s != '\0' && rc == 0; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(d, 0700) != 0 && errno != EEXIST)
			rc = -1;
		*s = '/';
	}
	free(d);
	return rc;
}

int
meet_draft_write(const char *path, const char *buf, size_t n, char *why, size_t whylen)
{
	char *tmp = xasprintf("%s.tmp%ld", path, (long)getpid());
	int fd = -1, rc = -1;
	size_t off = 0;

	if (make_dirs(path) != 0) {
		snprintf(why, whylen, "%s: cannot make its directory: %s", path, strerror(errno));
		goto out;
	}
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600)) < 0) {
		snprintf(why, whylen, "%s: %s", tmp, strerror(errno));
		goto out;
	}
	while (off < n) {
		ssize_t w = write(fd, buf + off, n - off);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			snprintf(why, whylen, "%s: %s", tmp, strerror(errno));
			goto out;
		}
		off += (size_t)w;
	}
	if (fsync(fd) != 0 || close(fd) != 0) {
		snprintf(why, whylen, "%s: %s", tmp, strerror(errno));
		fd = -1;
		goto out;
	}
	fd = -1;
	if (rename(tmp, path) != 0) {
		snprintf(why, whylen, "%s: %s", path, strerror(errno));
		goto out;
	}
	rc = 0;
out:
	if (fd >= 0)
		close(fd);
	if (rc != 0)
		unlink(tmp);
	free(tmp);
	return rc;
}

int
meet_draft_read(const char *path, char **buf, size_t *n, char *why, size_t whylen)
{
	FILE *f = fopen(path, "rb");
	char *b;
	size_t got;

	*buf = NULL;
	*n = 0;
	if (f == NULL) {
		if (errno == ENOENT)
			return 1;
		snprintf(why, whylen, "%s: %s", path, strerror(errno));
		return -1;
	}
	b = xmalloc(DRAFT_MAX + 1);
	got = fread(b, 1, DRAFT_MAX + 1, f);
	if (ferror(f) || got > DRAFT_MAX) {
		snprintf(why, whylen, "%s: %s", path, ferror(f) ? "cannot read it" :
		    "too large for a draft");
		fclose(f);
		free(b);
		return -1;
	}
	fclose(f);
	b[got] = '\0';
	*buf = b;
	*n = got;
	return 0;
}
