/*
 * The keymap language's parser and the bindings it makes (keymap.h). Every file is read
 * into a copy of the keymap, so that a file with an error changes nothing: the program
 * keeps the keys it had (the defaults) and says FILE:LINE of each error.
 */
#include "ui/keymap.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xmalloc.h"

const char *const km_context_names[KM_CONTEXT_COUNT] = {
	[KM_GLOBAL] = "global", [KM_LIST] = "list", [KM_VISITS] = "visits",
	[KM_INTAKE] = "intake", [KM_TRIAGE] = "triage", [KM_HELP] = "help",
	[KM_EDITOR] = "editor", [KM_CHOOSE] = "choose", [KM_FORM] = "form",
};

/* Built-in keymaps: generated from keymaps/ by the Makefile (build/gen/keymaps.c). */
extern const char keymap_default_text[];
extern const char keymap_vi_text[];
const char *const keymap_builtin_names[] = { "default", "vi", NULL };

/* Nesting of source: deeper than this is surely a loop the names did not show. */
#define KM_MAX_DEPTH 16
/* A keymap file is a few hundred lines; a larger one is not a keymap. */
#define KM_MAX_FILE (1024 * 1024)

/*
 * The editor (meeting mode) chains through list too: Up, Down and the pages scroll the
 * meeting's questions while the line keeps the focus; its own Enter, Home and End come
 * first. A form's fields chain straight to global.
 */
int
keymap_parent(enum km_context ctx)
{
	switch (ctx) {
	case KM_GLOBAL:
		return -1;
	case KM_LIST:
	case KM_FORM:
		return KM_GLOBAL;
	default:
		return KM_LIST;
	}
}

bool
keymap_in_chain(enum km_context ctx, enum km_context want)
{
	for (int c = (int)ctx; c >= 0; c = keymap_parent((enum km_context)c))
		if (c == (int)want)
			return true;
	return false;
}

const char *
keymap_builtin(const char *name)
{
	if (strcmp(name, "default") == 0)
		return keymap_default_text;
	if (strcmp(name, "vi") == 0)
		return keymap_vi_text;
	return NULL;
}

void
keymap_init(struct keymap *km, keymap_find_fn *find, void *arg)
{
	memset(km, 0, sizeof *km);
	km->find = find;
	km->find_arg = arg;
}

void
keymap_clear(struct keymap *km)
{
	free(km->v);
	km->v = NULL;
	km->n = km->cap = 0;
}

void
keymap_copy(struct keymap *dst, const struct keymap *src)
{
	keymap_init(dst, src->find, src->find_arg);
	if (src->n > 0) {
		dst->v = xcalloc(src->n, sizeof *dst->v);
		memcpy(dst->v, src->v, src->n * sizeof *dst->v);
	}
	dst->n = dst->cap = src->n;
}

void
keymap_errors_free(struct km_errors *e)
{
	for (size_t i = 0; i < e->n; i++)
		free(e->v[i]);
	free(e->v);
	e->v = NULL;
	e->n = 0;
}

static void __attribute__((format(printf, 4, 5)))
add_error(struct km_errors *e, const char *file, int line, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	e->v = xrealloc(e->v, (e->n + 1) * sizeof *e->v);
	e->v[e->n++] = line > 0 ? xasprintf("%s:%d: %s", file, line, msg) :
	    xasprintf("%s: %s", file, msg);
}

const struct km_binding *
keymap_find(const struct keymap *km, enum km_context ctx, key_code key)
{
	for (size_t i = 0; i < km->n; i++)
		if (km->v[i].ctx == ctx && km->v[i].key == key)
			return &km->v[i];
	return NULL;
}

int
keymap_lookup(const struct keymap *km, enum km_context ctx, key_code key)
{
	const struct km_binding *b;

	for (int c = (int)ctx; c >= 0; c = keymap_parent((enum km_context)c))
		if ((b = keymap_find(km, (enum km_context)c, key)) != NULL)
			return b->action;
	return -1;
}

static void
km_bind(struct keymap *km, enum km_context ctx, key_code key, int action)
{
	struct km_binding *b = (struct km_binding *)keymap_find(km, ctx, key);

	if (b != NULL) {
		b->action = action;
		return;
	}
	if (km->n == km->cap) {
		km->cap = km->cap ? km->cap * 2 : 64;
		km->v = xrealloc(km->v, km->cap * sizeof *km->v);
	}
	km->v[km->n++] = (struct km_binding){ .ctx = ctx, .key = key, .action = action };
}

static void
km_unbind(struct keymap *km, enum km_context ctx, key_code key)
{
	for (size_t i = 0; i < km->n; i++)
		if (km->v[i].ctx == ctx && km->v[i].key == key) {
			memmove(&km->v[i], &km->v[i + 1], (km->n - i - 1) * sizeof *km->v);
			km->n--;
			return;
		}
}

/* What one load has in hand: the files open (for loops) and this file's bindings. */
struct km_load {
	struct keymap *km;
	struct km_errors *errs;
	const char *stack[KM_MAX_DEPTH];
	int depth;
};

static int load_text(struct km_load *l, const char *name, const char *dir, const char *text,
    const char *id);

/*
 * Splits line into words (at most max): whitespace between them, '...' or "..." to
 * quote one (a key named '#'), # outside quotes starts a comment. -1 with why on bad
 * quoting or too many words.
 */
static int
split(char *line, char **w, int max, const char **why)
{
	int n = 0;
	char *p = line, *o;

	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\r')
			p++;
		if (*p == '\0' || *p == '#')
			return n;
		if (n == max) {
			*why = "too many words";
			return -1;
		}
		w[n++] = o = p;
		while (*p != '\0' && *p != ' ' && *p != '\t' && *p != '\r') {
			if (*p == '\'' || *p == '"') {
				char q = *p++;

				while (*p != '\0' && *p != q)
					*o++ = *p++;
				if (*p != q) {
					*why = "a quote is not closed";
					return -1;
				}
				p++;
			} else
				*o++ = *p++;
		}
		if (*p != '\0')
			p++;
		*o = '\0';
	}
}

static int
find_context(const char *s, enum km_context *ctx)
{
	for (int i = 0; i < KM_CONTEXT_COUNT; i++)
		if (strcmp(s, km_context_names[i]) == 0) {
			*ctx = (enum km_context)i;
			return 0;
		}
	return -1;
}

static const char context_list[] = "global, list, visits, intake, triage, help, editor, "
    "choose, form";

/* A file to source: a built-in's bare name, ~/..., absolute, or relative to dir. */
static char *
source_path(const char *arg, const char *dir)
{
	const char *home = getenv("HOME");

	if (strncmp(arg, "~/", 2) == 0 && home != NULL)
		return xasprintf("%s/%s", home, arg + 2);
	if (arg[0] == '/' || dir == NULL)
		return xstrdup(arg);
	return xasprintf("%s/%s", dir, arg);
}

static int
load_source(struct km_load *l, const char *file, int line, const char *arg, const char *dir)
{
	const char *text;
	char *path, *buf, *real, *d, *slash;
	FILE *f;
	size_t n;
	int rc;

	if (l->depth >= KM_MAX_DEPTH) {
		add_error(l->errs, file, line, "source %s: nested too deeply", arg);
		return -1;
	}
	if (strchr(arg, '/') == NULL && strchr(arg, '.') == NULL &&
	    (text = keymap_builtin(arg)) != NULL) {
		for (int i = 0; i < l->depth; i++)
			if (strcmp(l->stack[i], arg) == 0) {
				add_error(l->errs, file, line, "source %s: recursive (it is being "
				    "read already)", arg);
				return -1;
			}
		return load_text(l, arg, NULL, text, arg);
	}
	path = source_path(arg, dir);
	if ((f = fopen(path, "r")) == NULL) {
		if (line == 0)
			add_error(l->errs, path, 0, "cannot read it: %s", strerror(errno));
		else
			add_error(l->errs, file, line, "source %s: cannot read it: %s", path,
			    strerror(errno));
		free(path);
		return -1;
	}
	real = realpath(path, NULL);
	for (int i = 0; real != NULL && i < l->depth; i++)
		if (strcmp(l->stack[i], real) == 0) {
			add_error(l->errs, file, line, "source %s: recursive (it is being read "
			    "already)", path);
			fclose(f);
			free(path);
			free(real);
			return -1;
		}
	buf = xmalloc(KM_MAX_FILE + 1);
	n = fread(buf, 1, KM_MAX_FILE + 1, f);
	if (ferror(f) || n > KM_MAX_FILE) {
		add_error(l->errs, file, line, "source %s: %s", path,
		    ferror(f) ? "cannot read it" : "larger than 1 MiB: not a keymap");
		fclose(f);
		free(buf);
		free(path);
		free(real);
		return -1;
	}
	fclose(f);
	buf[n] = '\0';
	if (memchr(buf, '\0', n) != NULL) {
		add_error(l->errs, file, line, "source %s: a binary file, not a keymap", path);
		rc = -1;
	} else {
		d = xstrdup(path);
		slash = strrchr(d, '/');
		if (slash != NULL)
			*slash = '\0';
		rc = load_text(l, path, slash != NULL ? d : NULL, buf, real != NULL ? real : path);
		free(d);
	}
	free(buf);
	free(path);
	free(real);
	return rc;
}

/* This file's bindings so far, for "bound twice in this file". */
struct seen {
	enum km_context ctx;
	key_code key;
	int line;
};

static int
load_text(struct km_load *l, const char *name, const char *dir, const char *text,
    const char *id)
{
	struct seen *seen = NULL;
	size_t nseen = 0;
	const char *p = text, *eol, *why;
	int line = 0, errors = 0;
	char *w[8], *buf;

	l->stack[l->depth++] = id;
	while (*p != '\0') {
		enum km_context ctx, actx;
		key_code key;
		char kwhy[160];
		int nw, action;

		line++;
		eol = strchr(p, '\n');
		if (eol == NULL)
			eol = p + strlen(p);
		buf = xstrndup(p, (size_t)(eol - p));
		p = *eol != '\0' ? eol + 1 : eol;
		why = NULL;
		nw = split(buf, w, 8, &why);
		if (nw < 0) {
			add_error(l->errs, name, line, "%s", why);
			goto bad;
		}
		if (nw == 0)
			goto next;
		if (strcmp(w[0], "source") == 0) {
			if (nw != 2) {
				add_error(l->errs, name, line, "usage: source FILE");
				goto bad;
			}
			if (load_source(l, name, line, w[1], dir) != 0)
				errors++;
			goto next;
		}
		if (strcmp(w[0], "bind") != 0 && strcmp(w[0], "unbind") != 0) {
			add_error(l->errs, name, line, "unknown command '%s' (bind, unbind, source)",
			    w[0]);
			goto bad;
		}
		if ((w[0][0] == 'b' && nw != 4) || (w[0][0] == 'u' && nw != 3)) {
			add_error(l->errs, name, line, "usage: %s", w[0][0] == 'b' ?
			    "bind CONTEXT KEY ACTION" : "unbind CONTEXT KEY");
			goto bad;
		}
		if (find_context(w[1], &ctx) != 0) {
			add_error(l->errs, name, line, "unknown context '%s' (%s)", w[1],
			    context_list);
			goto bad;
		}
		if (key_parse(w[2], &key, kwhy, sizeof kwhy) != 0) {
			add_error(l->errs, name, line, "%s", kwhy);
			goto bad;
		}
		if (w[0][0] == 'u') {
			km_unbind(l->km, ctx, key);
			for (size_t i = 0; i < nseen; i++)
				if (seen[i].ctx == ctx && seen[i].key == key)
					seen[i] = seen[--nseen];
			goto next;
		}
		action = l->km->find(l->km->find_arg, w[3], &actx);
		if (action < 0) {
			add_error(l->errs, name, line, "unknown action '%s' (kezdesu keys lists "
			    "them)", w[3]);
			goto bad;
		}
		if (!keymap_in_chain(ctx, actx)) {
			add_error(l->errs, name, line, "action %s belongs to context %s, not %s",
			    w[3], km_context_names[actx], km_context_names[ctx]);
			goto bad;
		}
		for (size_t i = 0; i < nseen; i++)
			if (seen[i].ctx == ctx && seen[i].key == key) {
				add_error(l->errs, name, line, "%s %s is bound already on line %d",
				    km_context_names[ctx], w[2], seen[i].line);
				goto bad;
			}
		seen = xrealloc(seen, (nseen + 1) * sizeof *seen);
		seen[nseen++] = (struct seen){ ctx, key, line };
		km_bind(l->km, ctx, key, action);
		goto next;
bad:
		errors++;
next:
		free(buf);
	}
	free(seen);
	l->depth--;
	return errors > 0 ? -1 : 0;
}

int
keymap_load_string(struct keymap *km, const char *name, const char *text,
    struct km_errors *errs)
{
	struct keymap tmp;
	struct km_load l = { .km = &tmp, .errs = errs };
	size_t before = errs->n;

	keymap_copy(&tmp, km);
	load_text(&l, name, NULL, text, name);
	if (errs->n > before) {
		keymap_clear(&tmp);
		return (int)(errs->n - before);
	}
	keymap_clear(km);
	*km = tmp;
	return 0;
}

int
keymap_load_file(struct keymap *km, const char *path, struct km_errors *errs)
{
	struct keymap tmp;
	struct km_load l = { .km = &tmp, .errs = errs };
	size_t before = errs->n;

	keymap_copy(&tmp, km);
	/* The top file goes through source's code: a built-in's name, ~/, loops. */
	load_source(&l, path, 0, path, NULL);
	if (errs->n > before) {
		keymap_clear(&tmp);
		return (int)(errs->n - before);
	}
	keymap_clear(km);
	*km = tmp;
	return 0;
}
