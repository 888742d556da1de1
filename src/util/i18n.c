/*
 * The language of messages (util/i18n.h). A laptop in a village may have neither
 * kk_KZ.UTF-8 nor ru_RU.UTF-8 generated: the choice is made here from the names alone and
 * forced through LANGUAGE, which glibc honours whenever LC_MESSAGES is not "C"/"POSIX".
 */
#include "util/i18n.h"

#include <limits.h>
#include <stdbool.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef LOCALEDIR
#define LOCALEDIR "/usr/local/share/locale"
#endif

static const char *const langs[] = { "kk", "ru", "en" };
static const char *chosen = "";

/* "kk", "ru" or "en" when the locale or LANGUAGE entry `name` is one of them, else NULL. */
static const char *
lang_of(const char *name, size_t len)
{
	for (size_t i = 0; i < sizeof langs / sizeof langs[0]; i++)
		if (len >= 2 && strncmp(name, langs[i], 2) == 0 &&
		    (len == 2 || strchr("_.@", name[2]) != NULL))
			return langs[i];
	return NULL;
}

/* The locale of messages as POSIX orders the variables: LC_ALL, LC_MESSAGES, LANG. */
static const char *
locale_messages(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	const char *v;

	for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++)
		if ((v = getenv(vars[i])) != NULL && v[0] != '\0')
			return v;
	return NULL;
}

static const char *
lang_from_env(void)
{
	const char *loc = locale_messages(), *l = getenv("LANGUAGE"), *r;

	/* gettext ignores LANGUAGE in the C locale; so do we, to agree with it. */
	if (loc != NULL && strcmp(loc, "C") != 0 && strcmp(loc, "POSIX") != 0 && l != NULL) {
		while (*l != '\0') {
			size_t n = strcspn(l, ":");

			if ((r = lang_of(l, n)) != NULL)
				return r;
			l += n + (l[n] == ':');
		}
	}
	return loc != NULL ? lang_of(loc, strcspn(loc, ":")) : NULL;
}

/* BUILD/locale when the binary runs from the build tree, else the installed catalogs. */
static void
bind_catalogs(void)
{
	char exe[PATH_MAX], dir[PATH_MAX + 8];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	struct stat st;
	char *slash;

	if (n > 0) {
		exe[n] = '\0';
		if ((slash = strrchr(exe, '/')) != NULL) {
			*slash = '\0';
			snprintf(dir, sizeof dir, "%s/locale", exe);
			if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode)) {
				bindtextdomain("kezdesu", dir);
				return;
			}
		}
	}
	bindtextdomain("kezdesu", LOCALEDIR);
}

const char *
i18n_init(const char *lang)
{
	const char *l = NULL, *cur;

	if (lang != NULL) {
		if ((l = lang_of(lang, strlen(lang))) == NULL || strlen(lang) != 2)
			return NULL;
	}
	if (setlocale(LC_ALL, "") == NULL)
		setlocale(LC_ALL, "C.UTF-8");	/* a locale asked for but not installed */
	if (l == NULL)
		l = lang_from_env();
	bind_catalogs();
	/* Stored text is UTF-8 whatever the locale's charset: so are the messages. */
	bind_textdomain_codeset("kezdesu", "UTF-8");
	textdomain("kezdesu");
	if (l != NULL) {
		setenv("LANGUAGE", l, 1);
		cur = setlocale(LC_MESSAGES, NULL);
		if (cur == NULL || strcmp(cur, "C") == 0 || strcmp(cur, "POSIX") == 0)
			setlocale(LC_MESSAGES, "C.UTF-8");
	}
	chosen = l != NULL ? l : "";
	return chosen;
}

const char *
i18n_lang(void)
{
	return chosen;
}

/* What i18n_push changed, to be put back by i18n_pop. */
static struct {
	bool on;
	char *language;		/* LANGUAGE before, or NULL when it was unset */
	char *messages;		/* the locale of LC_MESSAGES before */
	const char *chosen;
} pushed;

/* gettext caches what it found: a change of LANGUAGE is announced by setting the domain. */
static void
catalogs_changed(void)
{
	const char *d = textdomain(NULL);

	textdomain(d != NULL ? d : "kezdesu");
}

int
i18n_push(const char *lang)
{
	const char *l = lang != NULL && strlen(lang) == 2 ? lang_of(lang, 2) : NULL;
	const char *v = getenv("LANGUAGE"), *cur = setlocale(LC_MESSAGES, NULL);

	if (l == NULL || pushed.on)
		return -1;
	pushed.on = true;
	pushed.language = v != NULL ? strdup(v) : NULL;
	pushed.messages = cur != NULL ? strdup(cur) : NULL;
	pushed.chosen = chosen;
	setenv("LANGUAGE", l, 1);
	/* glibc ignores LANGUAGE in the C locale (see i18n_init). */
	if (cur == NULL || strcmp(cur, "C") == 0 || strcmp(cur, "POSIX") == 0)
		setlocale(LC_MESSAGES, "C.UTF-8");
	chosen = l;
	catalogs_changed();
	return 0;
}

void
i18n_pop(void)
{
	if (!pushed.on)
		return;
	if (pushed.language != NULL)
		setenv("LANGUAGE", pushed.language, 1);
	else
		unsetenv("LANGUAGE");
	if (pushed.messages != NULL)
		setlocale(LC_MESSAGES, pushed.messages);
	chosen = pushed.chosen;
	free(pushed.language);
	free(pushed.messages);
	memset(&pushed, 0, sizeof pushed);
	catalogs_changed();
}

char *
i18n_capitalise(const char *s, char *buf, size_t size)
{
	/* Cyrillic lower case (U+0430..U+044F, U+0450..U+045F) and Kazakh letters. */
	static const struct { const char *lo, *up; } pairs[] = {
		{ "ә", "Ә" }, { "ғ", "Ғ" }, { "қ", "Қ" }, { "ң", "Ң" }, { "ө", "Ө" },
		{ "ұ", "Ұ" }, { "ү", "Ү" }, { "һ", "Һ" }, { "і", "І" }, { "ё", "Ё" },
	};
	const unsigned char *u = (const unsigned char *)s;

	snprintf(buf, size, "%s", s);
	if (size < 3)
		return buf;
	if (u[0] >= 'a' && u[0] <= 'z') {
		buf[0] = (char)(u[0] - 'a' + 'A');
	} else if (u[0] == 0xd0 && u[1] >= 0xb0 && u[1] <= 0xbf) {	/* а..п */
		buf[1] = (char)(u[1] - 0x20);
	} else if (u[0] == 0xd1 && u[1] >= 0x80 && u[1] <= 0x8f) {	/* р..я */
		buf[0] = (char)0xd0;
		buf[1] = (char)(u[1] + 0x20);
	} else {
		for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++)
			if (strncmp(s, pairs[i].lo, 2) == 0) {
				memcpy(buf, pairs[i].up, 2);
				break;
			}
	}
	return buf;
}
