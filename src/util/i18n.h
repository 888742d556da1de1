/*
 * Messages for people in Kazakh, Russian or English (gettext, domain "kezdesu").
 *
 * _("...") translates where the text is used; N_("...") only marks a string of a static
 * table (a command's help, a status's description) for extraction, and the code that shows
 * it calls _() on it then; ngettext for counts. Machine formats (tsv, json, dump) never go
 * through these: their keys, codes and status names are the same in every language.
 * The catalogs are po/LANG.po, compiled into BUILD/locale (see i18n_init).
 */
#ifndef KZ_I18N_H
#define KZ_I18N_H

#include <libintl.h>
#include <stddef.h>

#define _(s) gettext(s)
#define N_(s) (s)

/*
 * Sets the locale from the environment and chooses the language of messages: `lang`
 * ("kk", "ru" or "en", from --lang) when not NULL, else the first of kk/ru/en in LANGUAGE
 * (unless the locale is C or POSIX, as gettext does), else the locale of messages (LC_ALL,
 * LC_MESSAGES, LANG, the first set). The choice holds even when the locale asked for is not
 * installed (LANGUAGE is set and LC_MESSAGES is made C.UTF-8 if it was C). The catalogs are
 * looked for in locale/ beside the binary (the build tree), else in LOCALEDIR.
 * Returns "kk", "ru", "en", or "" when no language of ours was asked (messages in English);
 * NULL when `lang` is none of ours.
 */
const char *i18n_init(const char *lang);

/* The language i18n_init chose ("" before it or when none of ours). */
const char *i18n_lang(void);

/*
 * Messages in `lang` ("kk", "ru" or "en") from now until i18n_pop, whatever the user's
 * language: a document written in a language of its own (report --lang) while the
 * program's messages stay in the user's. One level: a push while pushed is refused.
 * 0, or -1 for a language not ours or a second push (nothing changed).
 */
int i18n_push(const char *lang);
/* Back to the language before i18n_push (nothing when none is pushed). */
void i18n_pop(void);

/*
 * s with its first letter capitalised into buf (UTF-8: Cyrillic letters too, whatever the
 * locale); a help line shown as a sentence. Returns buf.
 */
char *i18n_capitalise(const char *s, char *buf, size_t size);

#endif
