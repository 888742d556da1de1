/*
 * Keys as the interface and the keymaps name them: a Unicode character, a control key
 * (C-a), a special key (F1..F12, Enter, Tab, BTab, Space, Escape, Backspace, Delete, Home,
 * End, PageUp, PageDown, Up, Down, Left, Right, Insert), any of them with Meta (M-x: Alt,
 * or Escape then the key). No curses here: keymaps and `kezdesu keys` use it too.
 */
#ifndef KZ_KEY_H
#define KZ_KEY_H

#include <stddef.h>
#include <stdint.h>

/*
 * A key is one number: the base (a code point, or K_SPECIAL + n) and flags. Control
 * keys are K_CTRL with the lower-case letter (C-a) or the punctuation (C-\), since a
 * terminal sends C-a and C-A alike. Tab, Enter, Escape and Backspace are special keys,
 * never C-i, C-m, C-[ or C-?, so that each key has one number and one name.
 */
typedef uint32_t key_code;

#define K_NONE	((key_code)0)
#define K_META	((key_code)0x80000000u)
#define K_CTRL	((key_code)0x40000000u)
#define K_BASE_MASK	((key_code)0x003fffffu)
#define K_SPECIAL	((key_code)0x00110000u)	/* above every code point */

/* K_ rather than KEY_: curses defines KEY_ENTER, KEY_HOME and the rest as macros. */
enum key_special {
	K_F1 = K_SPECIAL + 1,	/* .. K_F1 + 11 = F12 */
	K_ENTER = K_SPECIAL + 20,
	K_TAB,
	K_BTAB,
	K_ESCAPE,
	K_BACKSPACE,
	K_DELETE,
	K_HOME,
	K_END,
	K_PAGEUP,
	K_PAGEDOWN,
	K_UP,
	K_DOWN,
	K_LEFT,
	K_RIGHT,
	K_INSERT,
	K_SPECIAL_END
};
#define K_SPACE ((key_code)' ')

/*
 * The key a terminal byte or character stands for: 0x09 Tab, 0x0d and 0x0a Enter, 0x1b
 * Escape, 0x7f and 0x08 Backspace, other C0 controls C-x, printable characters themselves.
 */
key_code key_from_char(uint32_t cp);
/*
 * Parses a key name ("C-x", "M-Enter", "F5", "ä", "Space"): 0 and *k, or -1 with a
 * reason in why (at least 128 bytes).
 */
int key_parse(const char *name, key_code *k, char *why, size_t whylen);
/* The canonical name of k into buf (not key_name: curses has one) (at least K_NAME_MAX bytes); returns buf. */
#define K_NAME_MAX 32
char *key_format(key_code k, char *buf);
/* A printable character with no modifier (what an editor takes as text). */
int key_is_text(key_code k);

#endif
