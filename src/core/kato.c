/*
 * KATO, the classifier of administrative-territorial units, as the Bureau of National
 * Statistics publishes it (see ../shared/data/kato/README.md): a CSV with the columns
 * te,ab,cd,ef,hij,k,kaz_name,rus_name, one row per unit, the 9-digit code AB CD EF HIJ
 * placing the unit in the tree and the abbreviation in its names saying what kind of unit
 * it is.
 *
 * How a row gets its type (the levels of RULES.md, "Levels of akim"); the decisions below
 * were checked against every row of the 17.07.2026 edition:
 *
 * - The code says the level, the abbreviation says the kind. Code alone cannot tell a rural
 *   okrug from a village administration, nor a village from a station; the abbreviation
 *   alone cannot tell a district of a city from a district of a region (both "район"), nor
 *   a village administration "а.ә." from a city district's "а.ә." in Kazakh.
 * - The Russian name decides and the Kazakh name is only asked when the Russian one has no
 *   abbreviation we know: the Russian abbreviations are the regular ones (the Kazakh names
 *   write "а.Ақтас", "атын.с.", "ауылы" for a village in places where the Russian says
 *   "с."), and in this edition the two never disagree where both have one.
 * - An abbreviation may be written before the name ("с.о.Байыркумский", "п. Асыката") or
 *   after it ("Шаянский с.о."), and its final dot may be missing ("Тоқтамысский с.о",
 *   "Бурыл а.о ."). Case matters: "с.о" is an okrug, "с.О.Жандосова" is not.
 * - CD 00: a region (k 0, "область"/"облысы") or, with a city's abbreviation, a city of
 *   republican significance (Astana 71, Almaty 75, Shymkent 79).
 * - EF 00 HIJ 000: a city administration "Г.А."/"Қ.Ә." (CITY_REG, CD 10-29) or a district
 *   "район"/"ауданы" (CD 30 and above); we go by the names, which agree with the CD ranges.
 * - EF 10 HIJ 000: the city proper "г." under its administration (CITY), or in Astana,
 *   Almaty and Shymkent a district of the city (CITY_DISTRICT, C-2).
 * - EF 11-19: districts inside Karaganda, Aktobe and Taraz (CITY_DISTRICT). Aktobe's and
 *   Taraz's are only rows "район X" at HIJ 100 under the city administration. Karaganda
 *   has both a district administration "р.а." (Kazakh "а.ә.") at HIJ 000 and the district
 *   "район X" at HIJ 100 under it: one akim, two rows. Both are CITY_DISTRICT, as the
 *   classifier calls both a district and the enum has no type for a district's own
 *   territory; the rules' tree (rules.c, merge_twins) makes the pair one unit with one
 *   akim, as RULES.md's "One akim, one duty" asks, so either code names the same akim
 *   and the same C-4 target of the city, with one C-5 duty.
 * - EF 20 and above, HIJ 000: an administration with an akim of its own: "г.а." city of
 *   district significance (CITY_DIST), "с.о." rural okrug, "с.а." village administration,
 *   "п.а." settlement administration. A Russian name starting with "с." at HIJ 000 is one
 *   of these ("с.о.X", "с.а.X"), never a village: the longer abbreviation wins.
 * - HIJ not 000: a locality with no akim of its own: "г." CITY, "с." VILLAGE_LOC, "п."
 *   SETTLEMENT_LOC, and anything else (stations "ст.", sidings "рзд.", "уч.", farms,
 *   wintering grounds, "Поселок ХПП" with the word spelled out, names with no abbreviation
 *   at all) OTHER_LOC, which RULES.md's C-4 interpretation excludes from the targets. A
 *   locality row carrying an administration's abbreviation contradicts its code: unknown.
 * - One refinement needs the parent, so kato_parse makes it and kato_classify cannot: a
 *   "г." row whose parent is a DISTRICT is that district's city of district significance
 *   itself (CITY_DIST), not the city proper of an administration. Sixteen cities (Atbasar,
 *   Saryagash, Shardara, Zhetysai, ...) have no "г.а." row in KATO, yet each has an akim
 *   and C-3 makes it a target of the district's akim; typed CITY they would silently drop
 *   out of the district's calendar.
 */
#include "core/kato.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "util/xmalloc.h"
#include "util/i18n.h"

#define KATO_NCOL	8
/* Longest name shown in a message, in bytes; the message buffer is 512. */
#define KATO_SHOWN	120
/* Longest name accepted: the classifier's longest is under 100 bytes. */
#define KATO_NAME_MAX	1000

static const char *const kato_columns[KATO_NCOL] = {
	"te", "ab", "cd", "ef", "hij", "k", "kaz_name", "rus_name"
};

/* What an abbreviation in a name says about the unit. */
enum kato_abbr {
	ABBR_NONE = 0,
	ABBR_CITY_ADM,		/* Г.А., г.а., Қ.Ә., қ.ә. */
	ABBR_DISTRICT_ADM,	/* р.а.: a district administration inside a city */
	ABBR_OKRUG,		/* с.о., а.о. */
	ABBR_VILLAGE_ADM,	/* с.а., а.ә. (also a city district's in Kazakh) */
	ABBR_SETTLEMENT_ADM,	/* п.а., к.ә. */
	ABBR_CITY,		/* г., қ. */
	ABBR_VILLAGE,		/* с., а. */
	ABBR_SETTLEMENT,	/* п., к. */
	ABBR_STATION,		/* ст., рзд. */
};

struct kato_abbr_entry {
	const char	*s;	/* without its final dot */
	enum kato_abbr	 a;
};

/* Longer ones first: "с.о.X" must not be read as the village abbreviation "с.". */
static const struct kato_abbr_entry kato_abbr_ru[] = {
	{ "с.о", ABBR_OKRUG },
	{ "с.а", ABBR_VILLAGE_ADM },
	{ "п.а", ABBR_SETTLEMENT_ADM },
	{ "г.а", ABBR_CITY_ADM },
	{ "Г.А", ABBR_CITY_ADM },
	{ "р.а", ABBR_DISTRICT_ADM },
	{ "рзд", ABBR_STATION },
	{ "ст", ABBR_STATION },
	{ "г", ABBR_CITY },
	{ "с", ABBR_VILLAGE },
	{ "п", ABBR_SETTLEMENT },
	{ NULL, ABBR_NONE }
};

/* Aktau's Kazakh name carries the Russian "Г.А.", so the Kazakh list has it too. */
static const struct kato_abbr_entry kato_abbr_kk[] = {
	{ "а.о", ABBR_OKRUG },
	{ "а.ә", ABBR_VILLAGE_ADM },
	{ "к.ә", ABBR_SETTLEMENT_ADM },
	{ "қ.ә", ABBR_CITY_ADM },
	{ "Қ.Ә", ABBR_CITY_ADM },
	{ "Г.А", ABBR_CITY_ADM },
	{ "ст", ABBR_STATION },
	{ "қ", ABBR_CITY },
	{ "а", ABBR_VILLAGE },
	{ "к", ABBR_SETTLEMENT },
	{ NULL, ABBR_NONE }
};

/* Why a row has no type, for the parse error. */
enum kato_why {
	WHY_NO_ABBR,		/* no abbreviation that fits the code's level */
	WHY_ADM_AT_LOCALITY,	/* an administration's abbreviation on a locality's code */
	WHY_REGION_CODE,	/* CD 00 but EF or HIJ not zero */
	WHY_UNUSED_EF,		/* EF 01-09 at HIJ 000 */
};

/* One CSV field: a piece of the buffer, with its quotes removed but "" still doubled. */
struct kato_field {
	const char	*s;
	size_t		 len;
	bool		 esc;	/* contains "" to be undoubled */
	bool		 brk;	/* quoted, with line breaks inside (a cell of several lines) */
};

/*
 * The file as a spreadsheet saved it. Excel writes CRLF, LibreOffice LF, old Mac tools a
 * lone CR; Excel in a Russian locale separates with ';'. Both are read off the header.
 */
struct kato_csv {
	const char	*p, *end;
	const char	*fname;
	unsigned	 line;	/* physical line of p */
	char		 sep;	/* ',' or ';' */
	bool		 cr;	/* lines end in a lone CR */
};

/* Name: the abbreviation at the start, written "ab." (or "ab " for "с.о Х"). */
static bool
kato_abbr_prefix(const char *name, const char *ab)
{
	size_t n = strlen(ab);

	if (strncmp(name, ab, n) != 0)
		return false;
	if (name[n] == '.')
		return true;
	/* A single letter and a space is a word, not an abbreviation. */
	return name[n] == ' ' && strchr(ab, '.') != NULL;
}

/* Name: the abbreviation at the end (already trimmed to end), after a space or a dot. */
static bool
kato_abbr_suffix(const char *name, size_t end, const char *ab)
{
	size_t n = strlen(ab);
	char c;

	if (end <= n || memcmp(name + end - n, ab, n) != 0)
		return false;
	c = name[end - n - 1];
	return c == ' ' || c == '.';
}

/* The abbreviation in a name, from the start or else the end; *which (if given) gets it. */
static enum kato_abbr
kato_abbr_find(const char *name, const struct kato_abbr_entry *tab, const char **which)
{
	const struct kato_abbr_entry *a;
	size_t end = strlen(name);

	for (a = tab; a->s != NULL; a++) {
		if (kato_abbr_prefix(name, a->s)) {
			if (which != NULL)
				*which = a->s;
			return a->a;
		}
	}
	/* Trailing dots and spaces go: "с.о", "с.о." and "а.о ." all end in the same. */
	while (end > 0 && (name[end - 1] == '.' || name[end - 1] == ' '))
		end--;
	for (a = tab; a->s != NULL; a++) {
		if (kato_abbr_suffix(name, end, a->s)) {
			if (which != NULL)
				*which = a->s;
			return a->a;
		}
	}
	return ABBR_NONE;
}

/* A whole word: "район" in "Абайский район", "ауданы" in "Мүсірепов атын.ауданы". */
static bool
kato_has_word(const char *name, const char *w)
{
	size_t n = strlen(w);
	const char *p;

	for (p = strstr(name, w); p != NULL; p = strstr(p + 1, w)) {
		if (p != name && p[-1] != ' ' && p[-1] != '.')
			continue;
		if (p[n] == '\0' || p[n] == ' ' || p[n] == ',' || p[n] == '.')
			return true;
	}
	return false;
}

static int
kato_seg(const char *code, int off, int len)
{
	int v = 0;

	for (int i = 0; i < len; i++)
		v = v * 10 + (code[off + i] - '0');
	return v;
}

static enum unit_type
kato_type(const char *code, int k, const char *kk, const char *ru, enum kato_why *why)
{
	enum kato_abbr a;
	int cd, ef, hij;
	bool adm, district;

	*why = WHY_NO_ABBR;
	if (!unit_code_valid(code))
		return UNIT_UNKNOWN;
	cd = kato_seg(code, 2, 2);
	ef = kato_seg(code, 4, 2);
	hij = kato_seg(code, 6, 3);
	adm = hij == 0;

	a = kato_abbr_find(ru, kato_abbr_ru, NULL);
	if (a == ABBR_NONE)
		a = kato_abbr_find(kk, kato_abbr_kk, NULL);
	/* Only districts' levels need the word; most rows are localities. */
	district = (ef == 0 || (ef >= 10 && ef <= 19)) &&
	    (kato_has_word(ru, "район") || kato_has_word(ru, "Район") ||
	    kato_has_word(kk, "ауданы"));

	if (cd == 0) {
		if (ef != 0 || hij != 0) {
			*why = WHY_REGION_CODE;
			return UNIT_UNKNOWN;
		}
		if (a == ABBR_CITY)
			return UNIT_CITY_REP;
		if (k == 0 || kato_has_word(ru, "область") || kato_has_word(kk, "облысы"))
			return UNIT_REGION;
		return UNIT_UNKNOWN;
	}
	if (ef == 0 && adm) {
		if (a == ABBR_CITY_ADM)
			return UNIT_CITY_REG;
		if (district)
			return UNIT_DISTRICT;
		return UNIT_UNKNOWN;
	}
	if (ef >= 10 && ef <= 19) {
		/* "а.ә." here is Karaganda's district administration in Kazakh. */
		if (district || a == ABBR_DISTRICT_ADM ||
		    (adm && ef != 10 && a == ABBR_VILLAGE_ADM))
			return UNIT_CITY_DISTRICT;
		if (adm && ef == 10 && a == ABBR_CITY)
			return UNIT_CITY;
		if (adm)
			return UNIT_UNKNOWN;
		/* A locality under a city district: as any other below. */
	}
	if (adm) {
		if (ef < 10) {
			*why = WHY_UNUSED_EF;
			return UNIT_UNKNOWN;
		}
		switch (a) {
		case ABBR_CITY_ADM:
			return UNIT_CITY_DIST;
		case ABBR_OKRUG:
			return UNIT_RURAL_OKRUG;
		case ABBR_VILLAGE_ADM:
			return UNIT_VILLAGE;
		case ABBR_SETTLEMENT_ADM:
			return UNIT_SETTLEMENT;
		default:
			return UNIT_UNKNOWN;
		}
	}
	switch (a) {
	case ABBR_CITY:
		return UNIT_CITY;
	case ABBR_VILLAGE:
		return UNIT_VILLAGE_LOC;
	case ABBR_SETTLEMENT:
		return UNIT_SETTLEMENT_LOC;
	case ABBR_STATION:
	case ABBR_NONE:
		return UNIT_OTHER_LOC;
	default:
		*why = WHY_ADM_AT_LOCALITY;
		return UNIT_UNKNOWN;
	}
}

enum unit_type
kato_classify(const char *code, int k, const char *name_kk, const char *name_ru)
{
	enum kato_why why;

	return kato_type(code, k, name_kk, name_ru, &why);
}

/*
 * The parent: the nearest existing code among AB CD EF H00, AB CD EF 000, AB CD 00 000 and
 * AB 00 00 000, other than the unit itself (README). Many localities hang under their main
 * village, not under the okrug: the H00 candidate comes first.
 */
size_t
kato_parent_candidates(const char *code, char cand[4][10])
{
	static const int keep[4] = { 7, 6, 4, 2 };	/* digits kept of the code */
	size_t n = 0;

	for (int i = 0; i < 4; i++) {
		memcpy(cand[n], code, keep[i]);
		memset(cand[n] + keep[i], '0', UNIT_CODE_LEN - keep[i]);
		cand[n][UNIT_CODE_LEN] = '\0';
		if (strcmp(cand[n], code) == 0)
			continue;
		if (n > 0 && strcmp(cand[n], cand[n - 1]) == 0)
			continue;	/* H00 and EF 000 are the same when H is 0 */
		n++;
	}
	return n;
}

static int
kato_cmp_unit(const void *a, const void *b)
{
	const struct kato_unit *ua = a, *ub = b;
	int c = memcmp(ua->code, ub->code, UNIT_CODE_LEN);

	if (c != 0)
		return c;
	return ua->line < ub->line ? -1 : ua->line > ub->line;
}

const struct kato_unit *
kato_find(const struct kato_table *t, const char *code)
{
	size_t lo = 0, hi = t->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(t->units[mid].code, code);

		if (c == 0)
			return &t->units[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

void
kato_table_free(struct kato_table *t)
{
	for (size_t i = 0; i < t->n; i++) {
		free(t->units[i].name_kk);
		free(t->units[i].name_ru);
	}
	free(t->units);
	t->units = NULL;
	t->n = t->cap = 0;
}

/*
 * The length of the line end at p, 0 if there is none: LF after any CRs (CRLF, and the
 * CRCRLF of a CRLF file converted once more), CRs at the very end of the file, and in a
 * file whose lines end in CR, one CR. Elsewhere a CR is a character of the field, which
 * the name check then refuses with its position.
 */
static size_t
kato_eol(const struct kato_csv *c, const char *p)
{
	const char *q = p;

	if (p == c->end || (*p != '\r' && *p != '\n'))
		return 0;
	while (q < c->end && *q == '\r')
		q++;
	if (q < c->end && *q == '\n')
		return (size_t)(q + 1 - p);
	if (q == c->end)
		return (size_t)(q - p);
	return c->cr ? 1 : 0;
}

/*
 * Reads one record at c->p into f (at most maxf fields kept, all counted in *nf). Returns 1
 * for a record, 0 at the end (nothing but blank lines left), -1 on a syntax error.
 */
static int
kato_csv_record(struct kato_csv *c, struct kato_field *f, size_t maxf, size_t *nf,
    struct kz_error *e)
{
	const char *p = c->p, *end = c->end;
	unsigned first = c->line;
	size_t eol;

	*nf = 0;
	if (p == end)
		return 0;
	if (kato_eol(c, p) > 0) {
		const char *q = p;

		/* Blank lines end the file; one in the middle is a mistake. */
		while (q < end && (*q == '\r' || *q == '\n'))
			q++;
		if (q == end) {
			c->p = end;
			return 0;
		}
		return kz_fail(e, KZ_EINVAL, _("%s:%u: empty line"), c->fname, first);
	}
	for (;;) {
		struct kato_field fld = { NULL, 0, false, false };

		if (p < end && *p == '"') {
			unsigned open = c->line;

			fld.s = ++p;
			for (;;) {
				if (p == end) {
					return kz_fail(e, KZ_EINVAL,
					    _("%s:%u: quoted field is not closed"), c->fname,
					    open);
				}
				if (*p == '"') {
					if (p + 1 < end && p[1] == '"') {
						fld.esc = true;
						p += 2;
						continue;
					}
					break;
				}
				if (*p == '\r' || *p == '\n') {
					/* A cell of several lines, or a stray quote: see below. */
					fld.brk = true;
					if ((eol = kato_eol(c, p)) > 0) {
						c->line++;
						p += eol;
						continue;
					}
				}
				p++;
			}
			fld.len = (size_t)(p - fld.s);
			p++;
			if (p < end && *p != c->sep && kato_eol(c, p) == 0) {
				/*
				 * A quote that ran over lines to the next quote in the file
				 * was most likely a stray one: say where it opened.
				 */
				if (open != c->line) {
					return kz_fail(e, KZ_EINVAL,
					    _("%s:%u: column %zu opens a quote that closes only "
					    "on line %u, followed by text: a stray quote?"),
					    c->fname, open, *nf + 1, c->line);
				}
				return kz_fail(e, KZ_EINVAL,
				    _("%s:%u: text after the closing quote of column %zu"),
				    c->fname, c->line, *nf + 1);
			}
		} else {
			fld.s = p;
			while (p < end && *p != c->sep) {
				if (*p == '"') {
					return kz_fail(e, KZ_EINVAL,
					    _("%s:%u: quote inside unquoted column %zu"),
					    c->fname, c->line, *nf + 1);
				}
				if ((*p == '\r' || *p == '\n') && kato_eol(c, p) > 0)
					break;
				p++;
			}
			fld.len = (size_t)(p - fld.s);
		}
		if (*nf < maxf)
			f[*nf] = fld;
		(*nf)++;
		if (p < end && *p == c->sep) {
			p++;
			continue;
		}
		if ((eol = kato_eol(c, p)) > 0) {
			p += eol;
			c->line++;
		}
		c->p = p;
		return 1;
	}
}

/*
 * Copies a field, undoubling its quotes, into dst (NUL-terminated); returns its length.
 * Line breaks inside a quoted field (a cell of several lines) become one space, and none
 * at its ends: names are shown on one line, and the break was only the cell's layout.
 */
static size_t
kato_field_copy(const struct kato_field *f, char *dst)
{
	size_t n = 0;

	if (!f->esc && !f->brk) {
		memcpy(dst, f->s, f->len);
		dst[f->len] = '\0';
		return f->len;
	}
	for (size_t i = 0; i < f->len; i++) {
		if (f->s[i] == '\r' || f->s[i] == '\n') {
			while (i + 1 < f->len && (f->s[i + 1] == '\r' || f->s[i + 1] == '\n'))
				i++;
			if (n > 0 && dst[n - 1] != ' ' && i + 1 < f->len && f->s[i + 1] != ' ')
				dst[n++] = ' ';
			continue;
		}
		dst[n++] = f->s[i];
		if (f->esc && f->s[i] == '"')
			i++;
	}
	dst[n] = '\0';
	return n;
}

static char *
kato_field_dup(const struct kato_field *f, size_t *len)
{
	char *s = xmalloc(f->len + 1);

	*len = kato_field_copy(f, s);
	return s;
}

/* A short field (code, segment, k) as a C string; longer ones are cut, which is wrong anyway. */
static void
kato_field_small(const struct kato_field *f, char *dst, size_t size)
{
	struct kato_field g = *f;

	if (g.len > size - 1)
		g.len = size - 1;
	kato_field_copy(&g, dst);
}

/* Any bytes made fit for a one-line message: what is not printable ASCII becomes '?'. */
static const char *
kato_show(const char *s, char *buf, size_t size)
{
	size_t n = 0;

	if (*s == '\0')
		return "(empty)";
	for (; *s != '\0' && n + 4 < size; s++)
		buf[n++] = (*s > ' ' && *s < 0x7f) ? *s : '?';
	if (*s != '\0') {
		memcpy(buf + n, "...", 3);
		n += 3;
	}
	buf[n] = '\0';
	return buf;
}

/* How many bytes of a checked UTF-8 name to show without cutting a character. */
static int
kato_shown_len(const char *s)
{
	size_t n = strlen(s);

	if (n <= KATO_SHOWN)
		return (int)n;
	n = KATO_SHOWN;
	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	return (int)n;
}

/* Names are shown on one line everywhere: text_check_name, with the row in front. */
static int
kato_check_name(const char *s, size_t n, const char *col, const char *fname, unsigned line,
    struct kz_error *e)
{
	if (text_check_name(col, s, n, KATO_NAME_MAX, e) != 0)
		return kz_prefix(e, "%s:%u: ", fname, line);
	return 0;
}

static bool
kato_digits(const char *s, size_t n)
{
	if (strlen(s) != n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/* Checks one row's fields and fills u; on error u owns nothing. */
static int
kato_row(const struct kato_field *f, size_t nf, const char *fname, unsigned line,
    struct kato_unit *u, struct kz_error *e)
{
	static const int seglen[4] = { 2, 2, 2, 3 };
	char te[32], seg[4][32], k[32], show[40], show2[40];
	size_t nkk, nru;
	enum kato_why why;
	const char *abbr = NULL;

	if (nf != KATO_NCOL) {
		return kz_fail(e, KZ_EINVAL, _("%s:%u: expected %d columns, found %zu"), fname,
		    line, KATO_NCOL, nf);
	}
	kato_field_small(&f[0], te, sizeof te);
	if (!unit_code_valid(te)) {
		return kz_fail(e, KZ_EINVAL, _("%s:%u: code %s is not nine digits"), fname, line,
		    kato_show(te, show, sizeof show));
	}
	/* The Government's code is built in (unit.c); a row may not rename or retype it. */
	if (unit_is_government(te)) {
		return kz_fail(e, KZ_EINVAL, _("%s:%u: code %s is the Government's, built into "
		    "kezdesu; KATO has no such row"), fname, line, te);
	}
	for (int i = 0, off = 0; i < 4; off += seglen[i], i++) {
		kato_field_small(&f[1 + i], seg[i], sizeof seg[i]);
		if (!kato_digits(seg[i], (size_t)seglen[i]) ||
		    memcmp(seg[i], te + off, (size_t)seglen[i]) != 0) {
			return kz_fail(e, KZ_EINVAL, _("%s:%u: %s is %s, not %.*s as in code %s"),
			    fname, line, kato_columns[1 + i], kato_show(seg[i], show, sizeof show),
			    seglen[i], te + off, te);
		}
	}
	kato_field_small(&f[5], k, sizeof k);
	if (strlen(k) != 1 || k[0] < '0' || k[0] > '4') {
		return kz_fail(e, KZ_EINVAL, _("%s:%u: k is %s, not a digit 0 to 4"), fname, line,
		    kato_show(k, show2, sizeof show2));
	}

	memset(u, 0, sizeof *u);
	memcpy(u->code, te, sizeof u->code);
	u->k = k[0] - '0';
	u->line = line;
	u->name_kk = kato_field_dup(&f[6], &nkk);
	u->name_ru = kato_field_dup(&f[7], &nru);
	if (kato_check_name(u->name_kk, nkk, "kaz_name", fname, line, e) != 0 ||
	    kato_check_name(u->name_ru, nru, "rus_name", fname, line, e) != 0)
		goto fail;

	u->type = kato_type(u->code, u->k, u->name_kk, u->name_ru, &why);
	if (u->type != UNIT_UNKNOWN)
		return 0;
	switch (why) {
	case WHY_REGION_CODE:
		kz_fail(e, KZ_EINVAL, _("%s:%u: unknown type of unit: code %s has CD 00 but is "
		    "not a region's"), fname, line, u->code);
		break;
	case WHY_UNUSED_EF:
		kz_fail(e, KZ_EINVAL, _("%s:%u: unknown type of unit: code %s has EF %.2s, which "
		    "KATO does not use"), fname, line, u->code, u->code + 4);
		break;
	case WHY_ADM_AT_LOCALITY:
		kato_abbr_find(u->name_ru, kato_abbr_ru, &abbr);
		if (abbr == NULL)
			kato_abbr_find(u->name_kk, kato_abbr_kk, &abbr);
		kz_fail(e, KZ_EINVAL, _("%s:%u: unknown type of unit: locality's code %s with "
		    "an administration's abbreviation %s. in \"%.*s\" / \"%.*s\""), fname, line,
		    u->code, abbr != NULL ? abbr : "?", kato_shown_len(u->name_ru), u->name_ru,
		    kato_shown_len(u->name_kk), u->name_kk);
		break;
	default:
		kz_fail(e, KZ_EINVAL, _("%s:%u: unknown type of unit: no abbreviation in "
		    "\"%.*s\" / \"%.*s\" that fits code %s"), fname, line,
		    kato_shown_len(u->name_ru), u->name_ru, kato_shown_len(u->name_kk),
		    u->name_kk, u->code);
		break;
	}
fail:
	free(u->name_kk);
	free(u->name_ru);
	u->name_kk = u->name_ru = NULL;
	return -1;
}

/*
 * The separator and the line ends, from the header line: ';' when it has more of them than
 * commas, and lone CRs when its end is a CR with no LF after it.
 */
static void
kato_dialect(struct kato_csv *c)
{
	size_t commas = 0, semis = 0;
	const char *q;

	for (q = c->p; q < c->end && *q != '\r' && *q != '\n'; q++) {
		commas += *q == ',';
		semis += *q == ';';
	}
	c->sep = semis > commas ? ';' : ',';
	while (q < c->end && *q == '\r')
		q++;
	c->cr = q > c->p && q[-1] == '\r' && q < c->end && *q != '\n';
}

static int
kato_header(struct kato_csv *c, struct kz_error *e)
{
	struct kato_field f[KATO_NCOL + 1];
	char name[16];
	size_t nf;
	int r;

	if ((r = kato_csv_record(c, f, KATO_NCOL + 1, &nf, e)) < 0)
		return -1;
	if (r == 1 && nf == KATO_NCOL) {
		size_t i;

		for (i = 0; i < KATO_NCOL; i++) {
			kato_field_small(&f[i], name, sizeof name);
			if (f[i].len >= sizeof name || strcmp(name, kato_columns[i]) != 0)
				break;
		}
		if (i == KATO_NCOL)
			return 0;
	}
	return kz_fail(e, KZ_EINVAL,
	    _("%s:1: the header must be te,ab,cd,ef,hij,k,kaz_name,rus_name"), c->fname);
}

/*
 * After sorting: finds duplicates, fills every unit's parent and types the cities that are
 * their own administration. Of the rows found wrong only now, the one nearest the top of
 * the file is reported, as a reader fixing the file from the top would expect.
 */
static int
kato_link(struct kato_table *t, const char *fname, struct kz_error *e)
{
	const struct kato_unit *dup = NULL, *first = NULL, *orphan = NULL;
	char cand[4][10];
	size_t i, j, n;

	for (i = 1; i < t->n; i++) {
		if (strcmp(t->units[i].code, t->units[i - 1].code) != 0)
			continue;
		/* Sorted by code, then line: the group's first row came first. */
		for (j = i - 1; j > 0 && strcmp(t->units[j - 1].code, t->units[i].code) == 0;)
			j--;
		if (dup == NULL || t->units[i].line < dup->line) {
			dup = &t->units[i];
			first = &t->units[j];
		}
	}
	for (i = 0; i < t->n; i++) {
		struct kato_unit *u = &t->units[i];
		const struct kato_unit *p = NULL;

		if (u->type == UNIT_REGION || u->type == UNIT_CITY_REP)
			continue;
		n = kato_parent_candidates(u->code, cand);
		for (j = 0; j < n && p == NULL; j++)
			p = kato_find(t, cand[j]);
		if (p == NULL) {
			if (orphan == NULL || u->line < orphan->line)
				orphan = u;
			continue;
		}
		memcpy(u->parent, p->code, sizeof u->parent);
		/* See the top of the file: a city with no "г.а." row is its own administration. */
		if (u->type == UNIT_CITY && p->type == UNIT_DISTRICT)
			u->type = UNIT_CITY_DIST;
	}
	if (dup != NULL && (orphan == NULL || dup->line < orphan->line)) {
		return kz_fail(e, KZ_EINVAL, _("%s:%u: code %s appears twice (first on line %u)"),
		    fname, dup->line, dup->code, first->line);
	}
	if (orphan != NULL) {
		char list[64] = "";

		n = kato_parent_candidates(orphan->code, cand);
		for (j = 0; j < n; j++) {
			strcat(list, j == 0 ? "" : j + 1 == n ? " or " : ", ");
			strcat(list, cand[j]);
		}
		return kz_fail(e, KZ_EINVAL, _("%s:%u: code %s has no parent: no row %s"), fname,
		    orphan->line, orphan->code, list);
	}
	return 0;
}

int
kato_parse(const char *buf, size_t len, const char *fname, struct kato_table *t,
    struct kz_error *e)
{
	struct kato_csv c = { buf, buf + len, fname, 1, ',', false };
	struct kato_field f[KATO_NCOL + 1];
	size_t nf, lines = 0;
	int r;

	memset(t, 0, sizeof *t);
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		c.p += 3;
	kato_dialect(&c);
	if (kato_header(&c, e) != 0)
		return -1;
	/* One row a line, near enough: size the array once instead of doubling it. */
	for (const char *q = c.p; (q = memchr(q, c.cr ? '\r' : '\n', (size_t)(c.end - q))) != NULL;
	    q++)
		lines++;
	t->units = xgrow(NULL, &t->cap, lines + 1, sizeof *t->units);
	for (;;) {
		unsigned line = c.line;

		if ((r = kato_csv_record(&c, f, KATO_NCOL + 1, &nf, e)) < 0)
			goto fail;
		if (r == 0)
			break;
		t->units = xgrow(t->units, &t->cap, t->n + 1, sizeof *t->units);
		if (kato_row(f, nf, fname, line, &t->units[t->n], e) != 0)
			goto fail;
		t->n++;
	}
	/* Importing no units would retire every unit the store has. */
	if (t->n == 0) {
		kz_fail(e, KZ_EINVAL, _("%s:%u: no units after the header: the file is empty"),
		    fname, c.line);
		goto fail;
	}
	/*
	 * Rows come in any order; parents and duplicates are found in code order. The
	 * published file is already in it, so look before paying for a sort.
	 */
	for (size_t i = 1; i < t->n; i++) {
		if (kato_cmp_unit(&t->units[i - 1], &t->units[i]) > 0) {
			qsort(t->units, t->n, sizeof *t->units, kato_cmp_unit);
			break;
		}
	}
	if (kato_link(t, fname, e) != 0)
		goto fail;
	return 0;

fail:
	kato_table_free(t);
	return -1;
}
