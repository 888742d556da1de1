/* The form (form.h): the model first, then its drawing; states in words, never only colour. */
#include "ui/form.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/line.h"
#include "ui/pane.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

#define FORM_DEFAULT_MAX 256
/* The labels' column: wide enough for "Financing decision", narrow enough for 60 columns. */
#define FORM_LABEL_COLS 22

void
form_close(struct form *f)
{
	for (int i = 0; i < f->n; i++)
		line_free(&f->fields[i].line);
	if (f->free_arg != NULL && f->arg != NULL)
		f->free_arg(f->arg);
	memset(f, 0, sizeof *f);
}

void
form_open(struct form *f, const char *title, form_save_fn *save, void *arg,
    void (*free_arg)(void *arg))
{
	form_close(f);
	f->open = true;
	snprintf(f->title, sizeof f->title, "%s", title);
	f->save = save;
	f->arg = arg;
	f->free_arg = free_arg;
}

static bool
is_line(enum form_kind k)
{
	return k == FORM_TEXT || k == FORM_DATE || k == FORM_TIME || k == FORM_NUMBER;
}

int
form_add(struct form *f, const char *label, enum form_kind kind, const char *initial,
    size_t max)
{
	struct form_field *fl;

	if (f->n >= FORM_MAX || !is_line(kind))
		return -1;
	fl = &f->fields[f->n];
	memset(fl, 0, sizeof *fl);
	fl->label = label;
	fl->kind = kind;
	fl->line = line_new(max > 0 ? max : FORM_DEFAULT_MAX);
	if (initial != NULL && line_set(fl->line, initial, strlen(initial), NULL) != LINE_OK) {
		line_free(&fl->line);
		return -1;
	}
	return f->n++;
}

int
form_add_choice(struct form *f, const char *label, const char *const *items, int n, int cur)
{
	struct form_field *fl;

	if (f->n >= FORM_MAX || n <= 0 || n > FORM_CHOICES_MAX)
		return -1;
	fl = &f->fields[f->n];
	memset(fl, 0, sizeof *fl);
	fl->label = label;
	fl->kind = FORM_CHOICE;
	for (int i = 0; i < n; i++)
		fl->items[i] = items[i];
	fl->nitems = n;
	fl->choice = cur >= 0 && cur < n ? cur : 0;
	return f->n++;
}

int
form_add_yesno(struct form *f, const char *label, bool yes)
{
	struct form_field *fl;

	if (f->n >= FORM_MAX)
		return -1;
	fl = &f->fields[f->n];
	memset(fl, 0, sizeof *fl);
	fl->label = label;
	fl->kind = FORM_YESNO;
	fl->choice = yes;
	return f->n++;
}

void
form_next(struct form *f)
{
	if (f->n > 0)
		f->cur = (f->cur + 1) % f->n;
}

void
form_prev(struct form *f)
{
	if (f->n > 0)
		f->cur = (f->cur + f->n - 1) % f->n;
}

bool
form_line_key(struct line *l, key_code k, int *err)
{
	switch (k) {
	case K_LEFT:
		line_left(l);
		return true;
	case K_RIGHT:
		line_right(l);
		return true;
	case K_HOME:
	case K_CTRL | 'a':
		line_home(l);
		return true;
	case K_END:
	case K_CTRL | 'e':
		line_end(l);
		return true;
	case K_BACKSPACE:
		line_delete_back(l);
		return true;
	case K_DELETE:
		line_delete_forward(l);
		return true;
	case K_CTRL | 'w':
		line_delete_word_back(l);
		return true;
	case K_CTRL | 'u':
		line_delete_to_start(l);
		return true;
	case K_CTRL | 'k':
		line_delete_to_end(l);
		return true;
	case K_META | K_LEFT:
	case K_META | 'b':
		line_word_left(l);
		return true;
	case K_META | K_RIGHT:
	case K_META | 'f':
		line_word_right(l);
		return true;
	default:
		break;
	}
	if (key_is_text(k)) {
		*err = line_insert(l, k);
		return true;
	}
	return false;
}

bool
form_edit(struct form *f, enum action_id a)
{
	struct line *l;

	if (!f->open || f->n == 0 || !is_line(f->fields[f->cur].kind))
		return false;
	l = f->fields[f->cur].line;
	switch (a) {
	case A_ED_LEFT:
		line_left(l);
		return true;
	case A_ED_RIGHT:
		line_right(l);
		return true;
	case A_ED_WORD_LEFT:
		line_word_left(l);
		return true;
	case A_ED_WORD_RIGHT:
		line_word_right(l);
		return true;
	case A_ED_HOME:
		line_home(l);
		return true;
	case A_ED_END:
		line_end(l);
		return true;
	case A_ED_BACKSPACE:
		line_delete_back(l);
		return true;
	case A_ED_DELETE:
		line_delete_forward(l);
		return true;
	case A_ED_KILL_WORD_BACK:
		line_delete_word_back(l);
		return true;
	case A_ED_KILL_WORD:
		line_delete_word_forward(l);
		return true;
	case A_ED_KILL_START:
		line_delete_to_start(l);
		return true;
	case A_ED_KILL_END:
		line_delete_to_end(l);
		return true;
	default:
		return false;
	}
}

bool
form_key(struct form *f, key_code k, int *err)
{
	struct form_field *fl;

	*err = LINE_OK;
	if (!f->open || f->n == 0)
		return false;
	fl = &f->fields[f->cur];
	switch (fl->kind) {
	case FORM_CHOICE:
		if (k == K_SPACE || k == K_RIGHT) {
			fl->choice = (fl->choice + 1) % fl->nitems;
			return true;
		}
		if (k == K_LEFT) {
			fl->choice = (fl->choice + fl->nitems - 1) % fl->nitems;
			return true;
		}
		/* a printable key is not a command here: swallowed, so q does not quit */
		return key_is_text(k);
	case FORM_YESNO:
		if (k == K_SPACE || k == K_LEFT || k == K_RIGHT)
			fl->choice = !fl->choice;
		else if (k == 'y' || k == 'Y')
			fl->choice = 1;
		else if (k == 'n' || k == 'N')
			fl->choice = 0;
		else
			return key_is_text(k);
		return true;
	default:
		return form_line_key(fl->line, k, err);
	}
}

int
form_paste(struct form *f, const char *s, size_t n)
{
	if (!f->open || f->n == 0 || !is_line(f->fields[f->cur].kind))
		return LINE_OK;
	return line_paste(f->fields[f->cur].line, s, n, NULL);
}

char *
form_dup(const struct form *f, int i)
{
	size_t n;
	const char *s;

	if (i < 0 || i >= f->n || !is_line(f->fields[i].kind))
		return NULL;
	s = line_text(f->fields[i].line, &n);
	if (n == 0)
		return NULL;
	return xstrndup(s, n);
}

bool
form_empty(const struct form *f, int i)
{
	size_t n = 0;

	if (i >= 0 && i < f->n && is_line(f->fields[i].kind))
		line_text(f->fields[i].line, &n);
	return n == 0;
}

int
form_date(const struct form *f, int i, kz_date *d)
{
	char *s = form_dup(f, i);
	int r = 0;

	*d = DATE_NONE;
	if (s != NULL)
		r = date_parse(s, d);
	free(s);
	return r;
}

int
form_number(const struct form *f, int i, int64_t *v)
{
	char *s = form_dup(f, i), *end;
	long long x;

	*v = 0;
	if (s == NULL)
		return 0;
	errno = 0;
	x = strtoll(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || !((s[0] >= '0' && s[0] <= '9') ||
	    s[0] == '-')) {
		free(s);
		return -1;
	}
	free(s);
	*v = (int64_t)x;
	return 0;
}

int
form_choice(const struct form *f, int i)
{
	return i >= 0 && i < f->n ? f->fields[i].choice : -1;
}

int
form_check(struct form *f, char *why, size_t len)
{
	for (int i = 0; i < f->n; i++) {
		const struct form_field *fl = &f->fields[i];
		const char *bad = NULL;
		char *s = form_dup(f, i);
		kz_date d;
		int64_t v;
		int m;

		if (s == NULL)
			continue;
		if (fl->kind == FORM_DATE && form_date(f, i, &d) != 0)
			bad = _("not a date (YYYY-MM-DD)");
		else if (fl->kind == FORM_TIME && time_parse_hm(s, &m) != 0)
			bad = _("not a time (HH:MM)");
		else if (fl->kind == FORM_NUMBER && form_number(f, i, &v) != 0)
			bad = _("not a whole number");
		if (bad != NULL) {
			snprintf(why, len, "%s: '%s' %s", fl->label, s, bad);
			free(s);
			f->cur = i;
			return -1;
		}
		free(s);
	}
	return 0;
}

bool
form_action(struct form *f, struct ui *ui, enum action_id a)
{
	char why[512];
	int rc;

	switch (a) {
	case A_FORM_NEXT:
	case A_DOWN:
		form_next(f);
		return true;
	case A_FORM_PREV:
	case A_UP:
		form_prev(f);
		return true;
	case A_FORM_SAVE:
		why[0] = '\0';
		rc = form_check(f, why, sizeof why);
		if (rc == 0) {
			/* the write may wait behind another writer: say so, the form as typed */
			ui_saving(ui);
			rc = f->save(ui, f, why, sizeof why);
		}
		if (rc < 0) {
			/* the form stays, everything typed in it; core's line says why */
			ui_message(ui, true, "%s", why[0] != '\0' ? why : _("not saved"));
			return true;
		}
		if (rc != FORM_KEEP)
			form_close(f);
		return true;
	case A_FORM_CANCEL:
		form_close(f);
		ui_message(ui, false, _("left: nothing saved"));
		return true;
	default:
		return false;
	}
}

static void
draw_line_field(struct form_field *fl, WINDOW *w, int y, int x, int width, bool cur)
{
	struct line_view v;
	const char *s = line_bytes(fl->line, NULL);
	char *part;

	line_visible(fl->line, width - 2, &v);
	mvwaddstr(w, y, x, v.more_left ? "<" : "[");
	part = xstrndup(s + v.start, v.end - v.start);
	ui_put(w, y, x + 1, width - 2, part, A_NORMAL);
	free(part);
	mvwaddstr(w, y, x + width - 1, v.more_right ? ">" : "]");
	if (cur)
		mvwchgat(w, y, x + 1 + v.cursor_col, 1, A_REVERSE, 0, NULL);
}

void
form_draw(struct form *f, WINDOW *w)
{
	int rows, cols, top = 0, y;
	int lw, fw;
	char text[256];

	getmaxyx(w, rows, cols);
	werase(w);
	ui_put(w, 0, 0, cols, f->title, A_BOLD);
	ui_put(w, 1, 0, cols, _("Tab next field, Enter saves, Escape leaves; Space changes a "
	    "choice"), A_NORMAL);
	lw = cols >= 60 ? FORM_LABEL_COLS : cols / 3;
	fw = cols - lw - 1;
	if (fw < 4)
		fw = 4;
	/* the current field stays visible in a short pane */
	if (rows > 2 && f->cur >= rows - 2)
		top = f->cur - (rows - 3);
	for (int i = top, y0 = 2; i < f->n && (y = y0 + i - top) < rows; i++) {
		struct form_field *fl = &f->fields[i];
		bool cur = i == f->cur;

		ui_put(w, y, 0, lw, fl->label, cur ? A_BOLD : A_NORMAL);
		if (cur)
			mvwaddstr(w, y, lw - 1 > 0 ? lw - 1 : 0, ">");
		switch (fl->kind) {
		case FORM_CHOICE:
			snprintf(text, sizeof text, "< %s >", fl->items[fl->choice]);
			ui_put(w, y, lw, fw, text, cur ? A_REVERSE : A_NORMAL);
			break;
		case FORM_YESNO:
			snprintf(text, sizeof text, "[%s] %s", fl->choice ? "x" : " ",
			    fl->choice ? _("yes") : _("no"));
			ui_put(w, y, lw, fw, text, cur ? A_REVERSE : A_NORMAL);
			break;
		default:
			draw_line_field(fl, w, y, lw, fw, cur);
			break;
		}
	}
}
