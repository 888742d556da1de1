/*
 * Key names, parsed and printed: one name per key (canonical), a few aliases accepted on
 * input (tmux's BSpace, PPage, NPage, DC, IC; Esc, PgUp, PgDn, Return). No curses, so
 * that the keymap parser and `kezdesu keys` use it without a terminal.
 */
#include "ui/key.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/text.h"

static const struct {
	const char *name;
	key_code key;
} key_names[] = {
	/* canonical names first: key_format prints the first match */
	{ "Enter", K_ENTER }, { "Tab", K_TAB }, { "BTab", K_BTAB }, { "Space", K_SPACE },
	{ "Escape", K_ESCAPE }, { "Backspace", K_BACKSPACE }, { "Delete", K_DELETE },
	{ "Home", K_HOME }, { "End", K_END }, { "PageUp", K_PAGEUP },
	{ "PageDown", K_PAGEDOWN }, { "Up", K_UP }, { "Down", K_DOWN }, { "Left", K_LEFT },
	{ "Right", K_RIGHT }, { "Insert", K_INSERT },
	/* aliases */
	{ "Return", K_ENTER }, { "Esc", K_ESCAPE }, { "BSpace", K_BACKSPACE },
	{ "DC", K_DELETE }, { "Del", K_DELETE }, { "IC", K_INSERT }, { "PgUp", K_PAGEUP },
	{ "PPage", K_PAGEUP }, { "PgDn", K_PAGEDOWN }, { "NPage", K_PAGEDOWN },
};

key_code
key_from_char(uint32_t cp)
{
	switch (cp) {
	case 0x09:
		return K_TAB;
	case 0x0a:
	case 0x0d:
		return K_ENTER;
	case 0x1b:
		return K_ESCAPE;
	case 0x08:
	case 0x7f:
		return K_BACKSPACE;
	case 0x00:
		return K_CTRL | ' ';
	}
	if (cp >= 0x01 && cp <= 0x1a)
		return K_CTRL | (cp - 1 + 'a');
	if (cp >= 0x1c && cp <= 0x1f)
		return K_CTRL | (cp + 0x40);	/* C-\ C-] C-^ C-_ */
	return cp;
}

int
key_is_text(key_code k)
{
	return k >= 0x20 && k < K_SPECIAL && !text_is_control(k);
}

/* One UTF-8 character making the whole of s: its code point, or 0. */
static uint32_t
one_char(const char *s)
{
	size_t n = strlen(s), used;
	uint32_t cp;

	if (n == 0 || !text_utf8_valid(s, n, NULL))
		return 0;
	used = text_utf8_next(s, n, &cp);
	return used == n ? cp : 0;
}

/* The base key named by s (no modifiers), or K_NONE with why set. */
static key_code
parse_base(const char *s, char *why, size_t whylen)
{
	uint32_t cp;
	int f;
	char end;

	for (size_t i = 0; i < sizeof key_names / sizeof key_names[0]; i++)
		if (strcasecmp(s, key_names[i].name) == 0)
			return key_names[i].key;
	if ((s[0] == 'F' || s[0] == 'f') && sscanf(s + 1, "%d%c", &f, &end) == 1 &&
	    s[1] >= '1' && s[1] <= '9') {
		if (f >= 1 && f <= 12)
			return K_F1 + (key_code)(f - 1);
		snprintf(why, whylen, "no function key %s (F1 to F12)", s);
		return K_NONE;
	}
	cp = one_char(s);
	if (cp == 0)
		snprintf(why, whylen, "unknown key name '%s'", s);
	else if (text_is_control(cp))
		snprintf(why, whylen, "a control character is no key name (write C-x, Tab, Enter ...)");
	else
		return cp;
	return K_NONE;
}

int
key_parse(const char *name, key_code *k, char *why, size_t whylen)
{
	key_code mods = 0, base;
	const char *s = name;

	/* Modifiers, in any order, each once: "C-M-x", "M-C-x". */
	while ((s[0] == 'C' || s[0] == 'M') && s[1] == '-' && s[2] != '\0') {
		key_code m = s[0] == 'C' ? K_CTRL : K_META;

		if (mods & m) {
			snprintf(why, whylen, "'%s': %c- given twice", name, s[0]);
			return -1;
		}
		mods |= m;
		s += 2;
	}
	if (s[0] == '\0') {
		snprintf(why, whylen, "empty key name");
		return -1;
	}
	if ((base = parse_base(s, why, whylen)) == K_NONE) {
		if (s != name) {
			char inner[128];

			snprintf(inner, sizeof inner, "%s", why);
			snprintf(why, whylen, "'%s': %s", name, inner);
		}
		return -1;
	}
	if (mods & K_CTRL) {
		/* The control keys a terminal can send: C-a..C-z, C-Space and C-\ ] ^ _. */
		if (base >= 'A' && base <= 'Z')
			base += 'a' - 'A';
		if (base == '@')
			base = ' ';
		if (base == 'i' || base == 'm' || base == '[' || base == '?' || base == 'h') {
			base = key_from_char(base == '?' ? 0x7f : (base & 0x1f));
			mods &= ~K_CTRL;
		} else if (!((base >= 'a' && base <= 'z') || base == ' ' || base == '\\' ||
		    base == ']' || base == '^' || base == '_')) {
			snprintf(why, whylen, "'%s': no such control key (C-a to C-z, C-Space, "
			    "C-\\, C-], C-^, C-_)", name);
			return -1;
		}
	}
	*k = mods | base;
	return 0;
}

char *
key_format(key_code k, char *buf)
{
	key_code base = k & K_BASE_MASK;
	size_t n = 0;

	buf[0] = '\0';
	if (k & K_CTRL)
		n += (size_t)snprintf(buf + n, K_NAME_MAX - n, "C-");
	if (k & K_META)
		n += (size_t)snprintf(buf + n, K_NAME_MAX - n, "M-");
	if (base >= K_F1 && base < K_F1 + 12) {
		snprintf(buf + n, K_NAME_MAX - n, "F%u", (unsigned)(base - K_F1 + 1));
		return buf;
	}
	for (size_t i = 0; i < sizeof key_names / sizeof key_names[0]; i++)
		if (key_names[i].key == base) {
			snprintf(buf + n, K_NAME_MAX - n, "%s", key_names[i].name);
			return buf;
		}
	if (base >= 0x20 && base < 0x110000 && !text_is_control(base)) {
		unsigned char *b = (unsigned char *)buf + n;

		if (base < 0x80) {
			*b++ = (unsigned char)base;
		} else if (base < 0x800) {
			*b++ = (unsigned char)(0xc0 | base >> 6);
			*b++ = (unsigned char)(0x80 | (base & 0x3f));
		} else if (base < 0x10000) {
			*b++ = (unsigned char)(0xe0 | base >> 12);
			*b++ = (unsigned char)(0x80 | (base >> 6 & 0x3f));
			*b++ = (unsigned char)(0x80 | (base & 0x3f));
		} else {
			*b++ = (unsigned char)(0xf0 | base >> 18);
			*b++ = (unsigned char)(0x80 | (base >> 12 & 0x3f));
			*b++ = (unsigned char)(0x80 | (base >> 6 & 0x3f));
			*b++ = (unsigned char)(0x80 | (base & 0x3f));
		}
		*b = '\0';
		return buf;
	}
	snprintf(buf + n, K_NAME_MAX - n, "U+%04X", (unsigned)base);
	return buf;
}
