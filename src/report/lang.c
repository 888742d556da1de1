/*
 * A document's language (report/lang.h): gettext pushed to it for the time the document
 * is built, its dates and quarters, counts as they may be published, units' names.
 */
#include "report/lang.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/issue.h"
#include "core/unit.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

int
report_lang_valid(const char *code)
{
	return code != NULL && (strcmp(code, "kk") == 0 || strcmp(code, "ru") == 0 ||
	    strcmp(code, "en") == 0) ? 0 : -1;
}

const char *
report_lang_default(void)
{
	const char *l = i18n_lang();

	return l != NULL && report_lang_valid(l) == 0 ? l : "kk";
}

int
report_lang_push(const char *code)
{
	if (report_lang_valid(code) != 0)
		return -1;
	return i18n_push(code);
}

void
report_lang_pop(void)
{
	i18n_pop();
}

enum lang
report_lang_units(const char *code)
{
	return code != NULL && strcmp(code, "kk") == 0 ? LANG_KK : LANG_RU;
}

/*
 * One message a month, the day and the year its arguments, so that each language puts the
 * month in its own form (Russian in the genitive) and adds its own mark of the year. Each
 * is a literal where it is used, so that the compiler checks the arguments.
 */
const char *
report_date(kz_date d, char *buf, size_t size)
{
	int y, m, day;

	if (d == DATE_NONE) {
		snprintf(buf, size, "%s", "");
		return buf;
	}
	date_to_ymd(d, &y, &m, &day);
	switch (m) {
	case 1: snprintf(buf, size, _("%d January %d"), day, y); break;
	case 2: snprintf(buf, size, _("%d February %d"), day, y); break;
	case 3: snprintf(buf, size, _("%d March %d"), day, y); break;
	case 4: snprintf(buf, size, _("%d April %d"), day, y); break;
	case 5: snprintf(buf, size, _("%d May %d"), day, y); break;
	case 6: snprintf(buf, size, _("%d June %d"), day, y); break;
	case 7: snprintf(buf, size, _("%d July %d"), day, y); break;
	case 8: snprintf(buf, size, _("%d August %d"), day, y); break;
	case 9: snprintf(buf, size, _("%d September %d"), day, y); break;
	case 10: snprintf(buf, size, _("%d October %d"), day, y); break;
	case 11: snprintf(buf, size, _("%d November %d"), day, y); break;
	default: snprintf(buf, size, _("%d December %d"), day, y); break;
	}
	return buf;
}

const char *
report_quarter(int year, int q, char *buf, size_t size)
{
	/* TRANSLATORS: a quarter of a year: %1$d the quarter (1 to 4), %2$d the year. */
	snprintf(buf, size, _("Q%1$d %2$d"), q, year);
	return buf;
}

bool
report_count_hidden(long n, bool hide)
{
	return hide && n > 0 && n < REPORT_SMALL;
}

const char *
report_count(long n, bool hide, char *buf, size_t size)
{
	if (report_count_hidden(n, hide))
		snprintf(buf, size, "<%d", REPORT_SMALL);
	else
		snprintf(buf, size, "%ld", n);
	return buf;
}

const char *
report_share(long part, long whole, char *buf, size_t size)
{
	if (whole <= 0)
		snprintf(buf, size, "%s", "");
	else
		snprintf(buf, size, "%ld %%", (part * 100 + whole / 2) / whole);
	return buf;
}

/* The statuses of core/issue.h as a reader understands them. */
static const char *const status_labels[ISSUE_STATUS_COUNT] = {
	N_("new"), N_("in work"), N_("solved"), N_("explained"), N_("rejected"),
	N_("passed to a higher level"),
};

const char *
report_status(int status)
{
	return status >= 0 && status < ISSUE_STATUS_COUNT ? _(status_labels[status]) : "";
}

const char *
report_deadline(const struct issue *i, kz_date today, char *buf, size_t size)
{
	char d[64];

	if (i->deadline == DATE_NONE)
		snprintf(buf, size, "%s", _("not set"));
	else if (issue_overdue(i, today))
		snprintf(buf, size, _("%s (overdue)"), report_date(i->deadline, d, sizeof d));
	else
		snprintf(buf, size, "%s", report_date(i->deadline, d, sizeof d));
	return buf;
}

char *
report_names_list(const char *list, const char *const *names, const char *const *labels,
    size_t n)
{
	char *out = xstrdup("");
	const char *p = list != NULL ? list : "";

	while (*p != '\0') {
		size_t len = strcspn(p, ",");
		const char *label = NULL;
		char *next;

		for (size_t k = 0; k < n && label == NULL; k++)
			if (strlen(names[k]) == len && strncmp(names[k], p, len) == 0)
				label = _(labels[k]);
		if (len > 0) {
			next = label != NULL ? xasprintf("%s%s%s", out, out[0] ? ", " : "", label) :
			    xasprintf("%s%s%.*s", out, out[0] ? ", " : "", (int)len, p);
			free(out);
			out = next;
		}
		p += len + (p[len] == ',');
	}
	return out;
}

/* ---- units ---- */

struct unit_entry {
	char code[10];
	char *name;
	int type;
};

struct report_units {
	struct store *s;
	enum lang lang;
	struct unit_entry *e;	/* open addressing, cap a power of two */
	size_t n, cap;
};

struct report_units *
report_units_new(struct store *s, enum lang lang)
{
	struct report_units *u = xcalloc(1, sizeof *u);

	u->s = s;
	u->lang = lang;
	u->cap = 64;
	u->e = xcalloc(u->cap, sizeof *u->e);
	return u;
}

void
report_units_free(struct report_units **up)
{
	struct report_units *u = up != NULL ? *up : NULL;

	if (u == NULL)
		return;
	for (size_t i = 0; i < u->cap; i++)
		free(u->e[i].name);
	free(u->e);
	free(u);
	*up = NULL;
}

static size_t
code_hash(const char *code)
{
	size_t h = 5381;

	for (const char *p = code; *p != '\0'; p++)
		h = h * 33 + (unsigned char)*p;
	return h;
}

static struct unit_entry *
slot(struct unit_entry *e, size_t cap, const char *code)
{
	size_t i = code_hash(code) & (cap - 1);

	while (e[i].code[0] != '\0' && strcmp(e[i].code, code) != 0)
		i = (i + 1) & (cap - 1);
	return &e[i];
}

static const struct unit_entry *
lookup(struct report_units *u, const char *code)
{
	struct unit_entry *e = slot(u->e, u->cap, code);
	struct unit un;

	if (e->code[0] != '\0')
		return e;
	if ((u->n + 1) * 2 > u->cap) {
		size_t cap = u->cap * 2;
		struct unit_entry *ne = xcalloc(cap, sizeof *ne);

		for (size_t i = 0; i < u->cap; i++)
			if (u->e[i].code[0] != '\0')
				*slot(ne, cap, u->e[i].code) = u->e[i];
		free(u->e);
		u->e = ne;
		u->cap = cap;
		e = slot(u->e, u->cap, code);
	}
	snprintf(e->code, sizeof e->code, "%s", code);
	u->n++;
	if (unit_get(u->s, code, &un, NULL) == 0) {
		e->name = xstrdup(unit_name(&un, u->lang));
		e->type = un.type;
		unit_free(&un);
	} else {
		e->name = xstrdup(code);
		e->type = UNIT_UNKNOWN;
	}
	return e;
}

const char *
report_units_name(struct report_units *u, const char *code)
{
	if (code == NULL || code[0] == '\0')
		return "";
	if (strlen(code) > UNIT_CODE_LEN)	/* no unit's: kept out of the table */
		return code;
	return lookup(u, code)->name;
}

bool
report_units_rural(struct report_units *u, const char *code)
{
	int t;

	if (code == NULL || code[0] == '\0' || strlen(code) > UNIT_CODE_LEN)
		return false;
	t = lookup(u, code)->type;
	return t == UNIT_RURAL_OKRUG || t == UNIT_VILLAGE || t == UNIT_SETTLEMENT ||
	    t == UNIT_VILLAGE_LOC || t == UNIT_SETTLEMENT_LOC || t == UNIT_OTHER_LOC;
}
