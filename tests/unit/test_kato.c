#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/kato.h"
#include "util/xmalloc.h"

/* data/sample-district.csv, compiled into the library for the demo (see the Makefile). */
extern const char demo_units_csv[];

/*
 * The full classifier must parse well under 100 ms; AddressSanitizer's allocator and
 * checks make the same work several times slower, so its build gets more room.
 */
#if defined(__SANITIZE_ADDRESS__)
#define PARSE_MS_MAX	500.0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define PARSE_MS_MAX	500.0
#endif
#endif
#ifndef PARSE_MS_MAX
#define PARSE_MS_MAX	100.0
#endif

#define KATO_FILE	"/data/kato/kato-2026-07-17.csv"
#define BLNS_FILE	"/data/naughty-strings/blns.txt"

#define HEADER		"te,ab,cd,ef,hij,k,kaz_name,rus_name\n"
#define ROWS_OK \
	"610000000,61,00,00,000,0,Түркістан облысы,Туркестанская область\n" \
	"613600000,61,36,00,000,2,Бәйдібек ауданы,район Байдибека\n" \
	"613630000,61,36,30,000,2,Шаян а.о.,Шаянский с.о.\n"

/* Reads a file under $KZ_SHARED; the shared data is required, so its absence fails. */
static char *
read_shared(const char *rel, size_t *len)
{
	const char *top = getenv("KZ_SHARED");
	char path[1024];
	FILE *f;
	char *buf;
	long n;

	if (top == NULL)
		fail_msg("KZ_SHARED is not set (tests/run.sh sets it)");
	snprintf(path, sizeof path, "%s%s", top, rel);
	if ((f = fopen(path, "rb")) == NULL)
		fail_msg("cannot open %s: the shared data is required", path);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n >= 0);
	rewind(f);
	buf = xmalloc((size_t)n + 1);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	*len = (size_t)n;
	return buf;
}

/* The whole classifier, parsed once for the tests that look things up in it. */
static struct kato_table full;
static double full_ms;

static const struct kato_table *
full_table(void)
{
	struct kz_error e = { 0 };
	struct timespec t0, t1;
	size_t len;
	char *buf;
	int rc;

	if (full.n != 0)
		return &full;
	buf = read_shared(KATO_FILE, &len);
	/* Process CPU time: other builds on the machine do not make us slow. */
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t0);
	rc = kato_parse(buf, len, "kato-2026-07-17.csv", &full, &e);
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t1);
	free(buf);
	if (rc != 0)
		fail_msg("%s", e.msg);
	full_ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
	return &full;
}

static int
parse_str(const char *csv, struct kato_table *t, struct kz_error *e)
{
	return kato_parse(csv, strlen(csv), "t.csv", t, e);
}

static void
count_types(const struct kato_table *t, size_t count[UNIT_TYPE_COUNT])
{
	memset(count, 0, UNIT_TYPE_COUNT * sizeof count[0]);
	for (size_t i = 0; i < t->n; i++)
		count[t->units[i].type]++;
}

/*
 * The counts per type were derived from the file with awk, not from this code. With
 * R() { tr -d '\r' < kato-2026-07-17.csv | tail -n +2 | mawk -F, "$1"; } and $8/$NF the
 * Russian name (the 20 quoted rows hold commas only in two "зимовка" names, which no
 * pattern below matches, and one name starting `"с.`, matched by `^"?с\.`):
 *
 *   REGION          17  R '$3=="00" && $6==0' (all "облысы"/"область")
 *   CITY_REP         3  R '$3=="00" && $6!=0 && $8 ~ /^г\./' (71, 75, 79)
 *   CITY_REG        39  R '$3!="00" && $4=="00" && $5=="000" && $8 ~ /Г\.А\.$/'
 *   DISTRICT       170  R '$3!="00" && $4=="00" && $5=="000" && $8 ~ /[Рр]айон/'
 *   CITY_DISTRICT   27  R '$3!="00" && $4>=10 && $4<=19 && ($NF ~ /[Рр]айон/ ||
 *                       $NF ~ /р\.а\./)': 19 districts of Astana, Almaty and Shymkent at
 *                       EF 10, 2+2 of Aktobe and Taraz, 2 "р.а." + 2 "район" of Karaganda
 *   RURAL_OKRUG   2108  R '$4>=20 && $5=="000" && $NF ~ /с\.о/'
 *   VILLAGE        108  R '$4>=20 && $5=="000" && $NF ~ /с\.а/'
 *   SETTLEMENT      71  R '$4>=20 && $5=="000" && $NF ~ /п\.а/'
 *   CITY_DIST       48  R '$4>=20 && $5=="000" && $NF ~ /г\.а/' gives the 32 "г.а." rows;
 *                       plus 16 "г." rows at HIJ>000 whose AB CD EF 000 row does not exist
 *                       (two passes of awk over the codes: 32 have it, 16 do not), so their
 *                       parent is the district (kato.c: a city that is its own administration)
 *   CITY            71  R '$3!="00" && ($4=="10" || $5!="000") && $NF ~ /^г\./ &&
 *                       $NF !~ /^г\.а/' gives 87: 39 at EF 10 + 48 at HIJ>000, less those 16
 *   VILLAGE_LOC   9551  R '$5!="000" && ($NF ~ /^"?с\./ || $NF ~ / с\.?$/)'
 *   SETTLEMENT_LOC  88  R '$5!="000" && ($NF ~ /^п\./ || $NF ~ / п\.?$/)'
 *   OTHER_LOC     3293  the rest of the 12,986 rows with HIJ>000 (R '$5!="000"'):
 *                       12986 - 48 "г." - 6 "район" at EF 11-19 - 9551 - 88
 *
 * The 2,608 rows with HIJ 000 add up: 17+3+39+170 + 39 "г." at EF 10 + 19 + 2 "р.а." +
 * 32+2108+108+71; the okrug, village and settlement patterns match no row twice (their sum,
 * 2,287, is the number of rows with EF>=30 and HIJ 000), and all 15,594 rows are covered.
 */
static void
test_kato_full_classifier(void **state)
{
	static const size_t want[UNIT_TYPE_COUNT] = {
		[UNIT_REGION] = 17,
		[UNIT_CITY_REP] = 3,
		[UNIT_CITY_REG] = 39,
		[UNIT_DISTRICT] = 170,
		[UNIT_CITY_DISTRICT] = 27,
		[UNIT_RURAL_OKRUG] = 2108,
		[UNIT_VILLAGE] = 108,
		[UNIT_SETTLEMENT] = 71,
		[UNIT_CITY_DIST] = 48,
		[UNIT_CITY] = 71,
		[UNIT_VILLAGE_LOC] = 9551,
		[UNIT_SETTLEMENT_LOC] = 88,
		[UNIT_OTHER_LOC] = 3293,
	};
	const struct kato_table *t = full_table();
	size_t count[UNIT_TYPE_COUNT], sum = 0;

	(void)state;
	printf("# kato: parsed %zu units in %.1f ms of CPU\n", t->n, full_ms);
	assert_true(full_ms < PARSE_MS_MAX);
	assert_int_equal(t->n, 15594);
	count_types(t, count);
	for (int i = 0; i < UNIT_TYPE_COUNT; i++) {
		if (count[i] != want[i])
			fail_msg("%s: %zu units, want %zu", unit_type_name((enum unit_type)i),
			    count[i], want[i]);
		sum += want[i];
	}
	assert_int_equal(sum, 15594);
	for (size_t i = 0; i < t->n; i++) {
		const struct kato_unit *u = &t->units[i];

		if (i > 0)
			assert_true(strcmp(t->units[i - 1].code, u->code) < 0);
		assert_ptr_equal(kato_find(t, u->code), u);
		if (u->type == UNIT_REGION || u->type == UNIT_CITY_REP)
			assert_string_equal(u->parent, "");
		else
			assert_non_null(kato_find(t, u->parent));
	}
	assert_null(kato_find(t, "999999999"));
	assert_null(kato_find(t, "000000000"));
}

static void
test_kato_hand_picked_units(void **state)
{
	static const struct {
		const char *code;
		enum unit_type type;
		const char *parent;
		const char *name_ru;
	} want[] = {
		/* Turkistan region and the city of Arys. */
		{ "610000000", UNIT_REGION, "", "Туркестанская область" },
		{ "611600000", UNIT_CITY_REG, "610000000", "Арысь Г.А." },
		{ "611610000", UNIT_CITY, "611600000", "г.Арысь" },
		/* An okrug under a city administration, the abbreviation written first. */
		{ "611635000", UNIT_RURAL_OKRUG, "611600000", "с.о.Байыркумский" },
		{ "611635300", UNIT_VILLAGE_LOC, "611635000", "с.Жосалы" },
		/* Bäidibek district, an okrug, its main village, a village under that. */
		{ "613600000", UNIT_DISTRICT, "610000000", "район Байдибека" },
		{ "613630000", UNIT_RURAL_OKRUG, "613600000", "Шаянский с.о." },
		{ "613630100", UNIT_VILLAGE_LOC, "613630000", "с.Шаян" },
		{ "613639180", UNIT_VILLAGE_LOC, "613639100", "с.Байжансай" },
		{ "613637103", UNIT_OTHER_LOC, "613637100", "Чабанский жил.дом" },
		/* The okrug's final dot is missing. */
		{ "103233000", UNIT_RURAL_OKRUG, "103200000", "Кенгирбайбийский с.о" },
		/* Cities of republican significance and their districts. */
		{ "750000000", UNIT_CITY_REP, "", "г.Алматы" },
		{ "751110000", UNIT_CITY_DISTRICT, "750000000", "Алмалинский район" },
		{ "751910000", UNIT_CITY_DISTRICT, "750000000", "Турксибский район" },
		{ "711110000", UNIT_CITY_DISTRICT, "710000000", "район Алматы" },
		/* Districts inside Karaganda (administration and district) and Aktobe. */
		{ "351013000", UNIT_CITY_DISTRICT, "351000000", "р.а. им.Казыбек би" },
		{ "351013100", UNIT_CITY_DISTRICT, "351013000", "район им.Казыбек би" },
		{ "151011100", UNIT_CITY_DISTRICT, "151000000", "район Астана" },
		/* Village administrations, before and after the name. */
		{ "612033000", UNIT_VILLAGE, "612000000", "с.а.Ачисай" },
		{ "111843000", UNIT_VILLAGE, "111800000", "Карабулакская с.а." },
		/* A settlement administration and its settlement ("п. " with a space). */
		{ "613843000", UNIT_SETTLEMENT, "613800000", "Асыкатинская п.а." },
		{ "613843100", UNIT_SETTLEMENT_LOC, "613843000", "п. Асыката" },
		{ "351600200", UNIT_SETTLEMENT_LOC, "351600000", "п.Конырат" },
		/* Cities of district significance: with an administration, and without. */
		{ "103620000", UNIT_CITY_DIST, "103600000", "Аягоз г.а." },
		{ "103620100", UNIT_CITY, "103620000", "г.Аягоз" },
		{ "634820000", UNIT_CITY_DIST, "634800000", "г.а.Алтай" },
		{ "113820100", UNIT_CITY_DIST, "113800000", "г.Атбасар" },
		{ "615420100", UNIT_CITY_DIST, "615400000", "г.Сарыагаш" },
		/* A station, a siding, a locality with the word spelled out, a farm. */
		{ "103685200", UNIT_OTHER_LOC, "103685000", "ст.Акбулак" },
		{ "104221315", UNIT_OTHER_LOC, "104221300", "рзд.6" },
		{ "103841103", UNIT_OTHER_LOC, "103841100", "Поселок ХПП" },
		{ "636237105", UNIT_OTHER_LOC, "636237100", "Заимка в с. Алмасай" },
		/* The abbreviation after the name; a village right under a city administration. */
		{ "395431100", UNIT_VILLAGE_LOC, "395431000", "Заречное с." },
		{ "631000200", UNIT_VILLAGE_LOC, "631000000", "с.Ахмирово" },
		/* Quoted fields: doubled quotes, a comma. */
		{ "552244200", UNIT_VILLAGE_LOC, "552244000", "с.\"Қоянды\"" },
		{ "623865204", UNIT_OTHER_LOC, "623865200", "зимовка Басбулак 1,2" },
	};
	const struct kato_table *t = full_table();
	bool seen[UNIT_TYPE_COUNT] = { false };

	(void)state;
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		const struct kato_unit *u = kato_find(t, want[i].code);

		if (u == NULL)
			fail_msg("%s is missing", want[i].code);
		if (u->type != want[i].type)
			fail_msg("%s: %s, want %s", want[i].code, unit_type_name(u->type),
			    unit_type_name(want[i].type));
		assert_string_equal(u->parent, want[i].parent);
		assert_string_equal(u->name_ru, want[i].name_ru);
		seen[want[i].type] = true;
	}
	for (int i = UNIT_REGION; i <= UNIT_OTHER_LOC; i++)
		if (!seen[i])
			fail_msg("no hand-picked unit of type %s", unit_type_name((enum unit_type)i));
	assert_string_equal(kato_find(t, "611600000")->name_kk, "Арыс Қ.Ә.");
	assert_int_equal(kato_find(t, "611600000")->k, 3);
	assert_int_equal(kato_find(t, "610000000")->line, 12735);
}

static void
test_kato_classify_abbreviations(void **state)
{
	(void)state;
	/* Russian first, before or after the name, with or without the final dot. */
	assert_int_equal(kato_classify("613633000", 2, "Ағыбет а.о.", "Агыбетский с.о."),
	    UNIT_RURAL_OKRUG);
	assert_int_equal(kato_classify("613633000", 2, "Ағыбет а.о", "Агыбетский с.о"),
	    UNIT_RURAL_OKRUG);
	assert_int_equal(kato_classify("613633000", 2, "Бурыл а.о .", "с.о. Бурыл"),
	    UNIT_RURAL_OKRUG);
	/* The Kazakh name when the Russian has none. */
	assert_int_equal(kato_classify("613633000", 2, "Ағыбет а.о.", "Агыбет"), UNIT_RURAL_OKRUG);
	assert_int_equal(kato_classify("613633000", 2, "Ағыбет а.ә.", "Агыбет"), UNIT_VILLAGE);
	assert_int_equal(kato_classify("613633100", 2, "Ағыбет а.", "Агыбет"), UNIT_VILLAGE_LOC);
	assert_int_equal(kato_classify("613633100", 2, "Ағыбет к.", "Агыбет"),
	    UNIT_SETTLEMENT_LOC);
	/* The same Kazakh "а.ә." is a city district's administration at EF 11-19. */
	assert_int_equal(kato_classify("351011000", 3, "Әлихан Бөкейхан а.ә.", "Әлихан Бөкейхан"),
	    UNIT_CITY_DISTRICT);
	/* Case and word boundaries matter. */
	assert_int_equal(kato_classify("613633100", 2, "Х", "с.О.Жандосова"), UNIT_VILLAGE_LOC);
	assert_int_equal(kato_classify("613633100", 2, "Х", "сад Осиновка"), UNIT_OTHER_LOC);
	assert_int_equal(kato_classify("613633100", 2, "Х", "Отд. 2"), UNIT_OTHER_LOC);
	assert_int_equal(kato_classify("613633100", 2, "Ауыл ст.", "ст.Аул"), UNIT_OTHER_LOC);
	/* An administration needs its abbreviation; a locality does not. */
	assert_int_equal(kato_classify("613633000", 2, "Ағыбет", "Агыбет"), UNIT_UNKNOWN);
	assert_int_equal(kato_classify("613633000", 2, "Ағыбет а.", "с.Агыбет"), UNIT_UNKNOWN);
	assert_int_equal(kato_classify("613633100", 2, "Ағыбет а.о.", "Агыбетский с.о."),
	    UNIT_UNKNOWN);
	assert_int_equal(kato_classify("613600000", 2, "Бәйдібек", "Байдибек"), UNIT_UNKNOWN);
	assert_int_equal(kato_classify("610000000", 1, "Түркістан", "Туркестан"), UNIT_UNKNOWN);
	assert_int_equal(kato_classify("710000000", 1, "Астана қ.", "г.Астана"), UNIT_CITY_REP);
	assert_int_equal(kato_classify("61000000", 0, "Түркістан облысы", "область"),
	    UNIT_UNKNOWN);
	assert_int_equal(kato_classify("61000000x", 0, "Түркістан облысы", "область"),
	    UNIT_UNKNOWN);
}

static void
test_kato_errors(void **state)
{
	static const struct {
		const char *csv;
		const char *msg;
	} cases[] = {
		{ HEADER ROWS_OK "61163300,61,16,33,00,2,Х а.,с.Х\n",
		  "t.csv:5: code 61163300 is not nine digits" },
		{ HEADER ROWS_OK "6136301OO,61,36,30,1OO,2,Х а.,с.Х\n",
		  "t.csv:5: code 6136301OO is not nine digits" },
		{ HEADER ROWS_OK ",61,36,30,100,2,Х а.,с.Х\n",
		  "t.csv:5: code (empty) is not nine digits" },
		{ HEADER ROWS_OK "613630100,61,36,30,101,2,Х а.,с.Х\n",
		  "t.csv:5: hij is 101, not 100 as in code 613630100" },
		{ HEADER ROWS_OK "613630100,61,63,30,100,2,Х а.,с.Х\n",
		  "t.csv:5: cd is 63, not 36 as in code 613630100" },
		{ HEADER ROWS_OK "613630000,61,36,30,000,2,Шаян а.о.,Шаянский с.о.\n",
		  "t.csv:5: code 613630000 appears twice (first on line 4)" },
		{ HEADER ROWS_OK "613630100,61,36,30,100,2,Х а.\n",
		  "t.csv:5: expected 8 columns, found 7" },
		{ HEADER ROWS_OK "613630100,61,36,30,100,2,Х а.,с.Х,\n",
		  "t.csv:5: expected 8 columns, found 9" },
		{ HEADER ROWS_OK "613633000,61,36,33,000,2,Ағыбет,Агыбетский\n",
		  "t.csv:5: unknown type of unit: no abbreviation in \"Агыбетский\" / \"Ағыбет\" "
		  "that fits code 613633000" },
		{ HEADER ROWS_OK "613630150,61,36,30,150,2,Х а.о.,Х с.о.\n",
		  "t.csv:5: unknown type of unit: locality's code 613630150 with an "
		  "administration's abbreviation с.о. in \"Х с.о.\" / \"Х а.о.\"" },
		{ HEADER ROWS_OK "613605000,61,36,05,000,2,Х а.о.,Х с.о.\n",
		  "t.csv:5: unknown type of unit: code 613605000 has EF 05, which KATO does not "
		  "use" },
		{ HEADER ROWS_OK "610000100,61,00,00,100,2,Х а.,с.Х\n",
		  "t.csv:5: unknown type of unit: code 610000100 has CD 00 but is not a region's" },
		{ HEADER ROWS_OK "613630100,61,36,30,100,5,Х а.,с.Х\n",
		  "t.csv:5: k is 5, not a digit 0 to 4" },
		{ HEADER ROWS_OK "613630100,61,36,30,100,,Х а.,с.Х\n",
		  "t.csv:5: k is (empty), not a digit 0 to 4" },
		{ HEADER ROWS_OK "613630100,61,36,30,100,2,,с.Х\n",
		  "t.csv:5: kaz_name is empty" },
		{ HEADER ROWS_OK "613630100,61,36,30,100,2,Х а.,\"\"\n",
		  "t.csv:5: rus_name is empty" },
		{ HEADER ROWS_OK "613630100,61,36,30,100,2,Х а.,с.\xd0\n",
		  "t.csv:5: rus_name is not valid UTF-8 at byte 4" },
		{ HEADER ROWS_OK "613630100,61,36,30,100,2,Х а.,с.\xc0\xae\n",
		  "t.csv:5: rus_name is not valid UTF-8 at byte 4" },
		{ HEADER ROWS_OK "613630100,61,36,30,100,2,Х а.,с.\xed\xa0\x80\n",
		  "t.csv:5: rus_name is not valid UTF-8 at byte 4" },
		{ HEADER ROWS_OK "613630100,61,36,30,100,2,Х\x07 а.,с.Х\n",
		  "t.csv:5: kaz_name has control character U+0007 at byte 3" },
		{ HEADER ROWS_OK "613630100,61,36,30,100,2,Х а.,с.Х\xc2\x85\n",
		  "t.csv:5: rus_name has control character U+0085 at byte 6" },
		{ HEADER ROWS_OK "613630100,61,36,30,100,2,Х а.,с.\xe2\x80\xaeХ\n",
		  "t.csv:5: rus_name has control character U+202E at byte 4" },
		{ HEADER ROWS_OK "613630100,61,36,30,100,2,Х а.,с.Х\rY\n",
		  "t.csv:5: rus_name has control character U+000D at byte 6" },
		{ HEADER ROWS_OK "623733100,62,37,33,100,2,Х а.,с.Х\n",
		  "t.csv:5: code 623733100 has no parent: no row 623733000, 623700000 or "
		  "620000000" },
		{ HEADER ROWS_OK "623733150,62,37,33,150,2,Х а.,с.Х\n",
		  "t.csv:5: code 623733150 has no parent: no row 623733100, 623733000, "
		  "623700000 or 620000000" },
		{ HEADER ROWS_OK "613630100,61,36,30,100,2,Х а.,\"с.Х\n",
		  "t.csv:5: quoted field is not closed" },
		{ HEADER ROWS_OK "613630100,61,36,30,100,2,\"Х а.,с.Х\n"
		  "613630200,61,36,30,200,2,\"Y\" а.,с.Y\n",
		  "t.csv:5: column 7 opens a quote that closes only on line 6, followed by text: "
		  "a stray quote?" },
		{ HEADER ROWS_OK "613630100,61,36,30,100,2,Х а.,\"\r\n\"\n",
		  "t.csv:5: rus_name is empty" },
		{ HEADER ROWS_OK "613630100,61,36,30,100,2,\"Х\" а.,с.Х\n",
		  "t.csv:5: text after the closing quote of column 7" },
		{ HEADER ROWS_OK "613630100,61,36,30,100,2,Х а.,с.\"Х\"\n",
		  "t.csv:5: quote inside unquoted column 8" },
		{ HEADER ROWS_OK "\n613630100,61,36,30,100,2,Х а.,с.Х\n",
		  "t.csv:5: empty line" },
		{ HEADER "\r\n" ROWS_OK, "t.csv:2: empty line" },
		/* A header alone would retire every unit of the store. */
		{ HEADER, "t.csv:2: no units after the header: the file is empty" },
		{ HEADER "\r\n\n", "t.csv:2: no units after the header: the file is empty" },
		{ "te;ab;cd;ef;hij;k;kaz_name;rus_name\r\n",
		  "t.csv:2: no units after the header: the file is empty" },
		{ "te,ab,cd,ef,hij,k,kaz_name,rus_name\r\r",
		  "t.csv:2: no units after the header: the file is empty" },
		{ "", "t.csv:1: the header must be te,ab,cd,ef,hij,k,kaz_name,rus_name" },
		{ "\n\n", "t.csv:1: the header must be te,ab,cd,ef,hij,k,kaz_name,rus_name" },
		{ "te,ab,cd,ef,hij,k,kaz_name\n" ROWS_OK,
		  "t.csv:1: the header must be te,ab,cd,ef,hij,k,kaz_name,rus_name" },
		{ "te,ab,cd,ef,hij,k,rus_name,kaz_name\n" ROWS_OK,
		  "t.csv:1: the header must be te,ab,cd,ef,hij,k,kaz_name,rus_name" },
		{ "TE,AB,CD,EF,HIJ,K,KAZ_NAME,RUS_NAME\n" ROWS_OK,
		  "t.csv:1: the header must be te,ab,cd,ef,hij,k,kaz_name,rus_name" },
		{ ROWS_OK, "t.csv:1: the header must be te,ab,cd,ef,hij,k,kaz_name,rus_name" },
		/* The row nearest the top wins among those found only once all are read. */
		{ HEADER "623733100,62,37,33,100,2,Х а.,с.Х\n" ROWS_OK
		  "613630000,61,36,30,000,2,Шаян а.о.,Шаянский с.о.\n",
		  "t.csv:2: code 623733100 has no parent: no row 623733000, 623700000 or "
		  "620000000" },
		{ HEADER ROWS_OK "613630000,61,36,30,000,2,Шаян а.о.,Шаянский с.о.\n"
		  "613630000,61,36,30,000,2,Шаян а.о.,Шаянский с.о.\n",
		  "t.csv:5: code 613630000 appears twice (first on line 4)" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct kato_table t = { NULL, 7, 7 };
		struct kz_error e = { 0 };

		if (parse_str(cases[i].csv, &t, &e) != -1)
			fail_msg("case %zu parsed, want \"%s\"", i, cases[i].msg);
		if (strcmp(e.msg, cases[i].msg) != 0)
			fail_msg("case %zu:\n  got  \"%s\"\n  want \"%s\"", i, e.msg, cases[i].msg);
		assert_int_equal(e.code, KZ_EINVAL);
		assert_null(t.units);
		assert_int_equal(t.n, 0);
		assert_int_equal(t.cap, 0);
	}
}

static void
test_kato_crlf_bom_quotes_order(void **state)
{
	/* Children before parents, a BOM, CRLF, quoted header and fields, no final newline. */
	static const char *const csvs[] = {
		"\xef\xbb\xbf\"te\",ab,cd,ef,hij,k,\"kaz_name\",rus_name\r\n"
		"613630100,61,36,30,100,2,\"Шаян, а.\",\"с.\"\"Шаян\"\"\"\r\n"
		"613630000,61,36,30,000,2,Шаян а.о.,Шаянский с.о.\r\n"
		"613600000,61,36,00,000,2,Бәйдібек ауданы,район Байдибека\r\n"
		"610000000,61,00,00,000,0,Түркістан облысы,Туркестанская область\r\n"
		"\r\n",
		"te,ab,cd,ef,hij,k,kaz_name,rus_name\n"
		"613630100,61,36,30,100,2,\"Шаян, а.\",\"с.\"\"Шаян\"\"\"\n"
		"613630000,61,36,30,000,2,Шаян а.о.,Шаянский с.о.\n"
		"613600000,61,36,00,000,2,Бәйдібек ауданы,район Байдибека\r\n"
		"610000000,61,00,00,000,0,Түркістан облысы,Туркестанская область",
		"te,ab,cd,ef,hij,k,kaz_name,rus_name\r\n"
		"613630100,61,36,30,100,2,\"Шаян, а.\",\"с.\"\"Шаян\"\"\"\r\n"
		"613630000,61,36,30,000,2,Шаян а.о.,Шаянский с.о.\n"
		"613600000,61,36,00,000,2,Бәйдібек ауданы,район Байдибека\r\n"
		"610000000,61,00,00,000,0,Түркістан облысы,Туркестанская область\r\n\r\n\n",
		/* Excel in a Russian locale: ';' between columns, commas in names unquoted. */
		"te;ab;cd;ef;hij;k;kaz_name;rus_name\r\n"
		"613630100;61;36;30;100;2;Шаян, а.;\"с.\"\"Шаян\"\"\"\r\n"
		"613630000;61;36;30;000;2;Шаян а.о.;Шаянский с.о.\r\n"
		"613600000;61;36;00;000;2;Бәйдібек ауданы;район Байдибека\r\n"
		"610000000;61;00;00;000;0;Түркістан облысы;Туркестанская область\r\n",
		/* Old Mac line ends, a CRCRLF file (CRLF converted twice), cells of two lines. */
		"te,ab,cd,ef,hij,k,kaz_name,rus_name\r"
		"613630100,61,36,30,100,2,\"Шаян, а.\",\"с.\"\"Шаян\"\"\"\r"
		"613630000,61,36,30,000,2,Шаян а.о.,Шаянский с.о.\r"
		"613600000,61,36,00,000,2,Бәйдібек ауданы,район Байдибека\r"
		"610000000,61,00,00,000,0,Түркістан облысы,Туркестанская область\r\r",
		"te,ab,cd,ef,hij,k,kaz_name,rus_name\r\r\n"
		"613630100,61,36,30,100,2,\"Шаян, а.\",\"с.\"\"Шаян\"\"\"\r\r\n"
		"613630000,61,36,30,000,2,Шаян а.о.,Шаянский с.о.\r\r\n"
		"613600000,61,36,00,000,2,Бәйдібек ауданы,район Байдибека\r\r\n"
		"610000000,61,00,00,000,0,Түркістан облысы,Туркестанская область\r\r\n",
		"te,ab,cd,ef,hij,k,kaz_name,rus_name\r\n"
		"613630100,61,36,30,100,2,\"Шаян, а.\r\n\",\"с.\"\"Шаян\"\"\"\r\n"
		"613630000,61,36,30,000,2,Шаян а.о.,Шаянский с.о.\r\n"
		"613600000,61,36,00,000,2,Бәйдібек ауданы,район Байдибека\r\n"
		"610000000,61,00,00,000,0,Түркістан облысы,Туркестанская область\r\n",
	};
	/* Where the row of 610000000 starts: later when a cell above takes two lines. */
	static const unsigned line5[] = { 5, 5, 5, 5, 5, 5, 6 };

	(void)state;
	assert_int_equal(sizeof line5 / sizeof line5[0], sizeof csvs / sizeof csvs[0]);
	for (size_t i = 0; i < sizeof csvs / sizeof csvs[0]; i++) {
		struct kato_table t;
		struct kz_error e = { 0 };
		const struct kato_unit *u;

		if (parse_str(csvs[i], &t, &e) != 0)
			fail_msg("csv %zu: %s", i, e.msg);
		assert_int_equal(t.n, 4);
		assert_string_equal(t.units[0].code, "610000000");
		assert_string_equal(t.units[3].code, "613630100");
		u = kato_find(&t, "613630100");
		assert_non_null(u);
		assert_string_equal(u->name_kk, "Шаян, а.");
		assert_string_equal(u->name_ru, "с.\"Шаян\"");
		assert_int_equal(u->type, UNIT_VILLAGE_LOC);
		assert_string_equal(u->parent, "613630000");
		assert_int_equal(u->line, 2);
		assert_int_equal(u->k, 2);
		u = kato_find(&t, "610000000");
		assert_string_equal(u->name_ru, "Туркестанская область");	/* no CR kept */
		assert_int_equal(u->line, line5[i]);
		assert_string_equal(kato_find(&t, "613630000")->parent, "613600000");
		assert_string_equal(kato_find(&t, "613600000")->parent, "610000000");
		assert_null(kato_find(&t, "613630200"));
		kato_table_free(&t);
		assert_null(t.units);
		assert_int_equal(t.n, 0);
	}
}

/*
 * buf[0..len) with every "from" replaced by "to" (all of them, or only the first), in a new
 * NUL-terminated buffer of *outlen bytes.
 */
static char *
replace(const char *buf, size_t len, const char *from, const char *to, bool all,
    size_t *outlen)
{
	size_t nf = strlen(from), nt = strlen(to), n = 0, hits = 0;
	char *out;

	for (size_t i = 0; i + nf <= len; i++)
		hits += memcmp(buf + i, from, nf) == 0;
	if (hits == 0)
		fail_msg("\"%s\" is not in the classifier", from);
	out = xmalloc(len + hits * nt + 1);
	for (size_t i = 0; i < len;) {
		if ((all || hits > 0) && i + nf <= len && memcmp(buf + i, from, nf) == 0) {
			memcpy(out + n, to, nt);
			n += nt;
			i += nf;
			hits = all ? hits : 0;
			continue;
		}
		out[n++] = buf[i++];
	}
	out[n] = '\0';
	*outlen = n;
	return out;
}

/* The same file with ';' between columns, as Excel writes it in a Russian locale. */
static char *
semicolons(const char *buf, size_t len)
{
	char *out = xmalloc(len + 1);
	bool quoted = false;

	for (size_t i = 0; i < len; i++) {
		if (buf[i] == '"')
			quoted = !quoted;	/* "" toggles twice */
		out[i] = buf[i] == ',' && !quoted ? ';' : buf[i];
	}
	out[len] = '\0';
	return out;
}

/* Parses a derived classifier; every unit must be the full one's, line included. */
static void
assert_same_as_full(const char *what, const char *buf, size_t len)
{
	const struct kato_table *f = full_table();
	struct kato_table t;
	struct kz_error e = { 0 };

	if (kato_parse(buf, len, "k.csv", &t, &e) != 0)
		fail_msg("%s: %s", what, e.msg);
	assert_int_equal(t.n, f->n);
	for (size_t i = 0; i < t.n; i++) {
		const struct kato_unit *a = &t.units[i], *b = &f->units[i];

		if (strcmp(a->code, b->code) != 0 || strcmp(a->parent, b->parent) != 0 ||
		    a->type != b->type || a->k != b->k || a->line != b->line ||
		    strcmp(a->name_kk, b->name_kk) != 0 || strcmp(a->name_ru, b->name_ru) != 0)
			fail_msg("%s: line %u (%s) differs from the classifier's line %u (%s)",
			    what, a->line, a->code, b->line, b->code);
	}
	kato_table_free(&t);
}

/*
 * The classifier as spreadsheets save it: LF, lone CRs (old Mac), CRCRLF (a CRLF file
 * converted again), and ';' between columns (Russian-locale Excel) with either line end.
 * The shared file itself has CRLF.
 */
static void
test_kato_line_ends_and_separators(void **state)
{
	static const struct {
		const char *what, *to;
		bool semi;
	} v[] = {
		{ "CRLF", "\r\n", false }, { "LF", "\n", false }, { "CR", "\r", false },
		{ "CRCRLF", "\r\r\n", false }, { "CRLF with ;", "\r\n", true },
		{ "CR with ;", "\r", true },
	};
	size_t len, n;
	char *buf = read_shared(KATO_FILE, &len), *d, *sd;

	(void)state;
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
		d = replace(buf, len, "\r\n", v[i].to, true, &n);
		if (v[i].semi) {
			sd = semicolons(d, n);
			free(d);
			d = sd;
		}
		assert_same_as_full(v[i].what, d, n);
		free(d);
	}
	free(buf);
}

/*
 * Cells of several lines, as Excel writes a cell with a line break in it (here with CRLF
 * inside a name and at the end of one): the break is one space, none at the ends, and the
 * rows below keep their line numbers.
 */
static void
test_kato_multiline_cells(void **state)
{
	static const char *const to[] = { "\r\n", "\n" };
	size_t len, n1, n2;
	char *buf = read_shared(KATO_FILE, &len), *d1, *d2;

	(void)state;
	for (size_t i = 0; i < 2; i++) {
		struct kato_table t;
		struct kz_error e = { 0 };
		const struct kato_unit *u;
		char *end = xasprintf("ортал%s\"", to[i]);
		char *mid = xasprintf("центр%s\"\"Сункар\"\"\"", to[i]);

		d1 = replace(buf, len, "ортал\"", end, false, &n1);	/* line 2188 */
		d2 = replace(d1, n1, "центр\"\"Сункар\"\"\"", mid, false, &n2);	/* 2192 */
		if (kato_parse(d2, n2, "k.csv", &t, &e) != 0)
			fail_msg("break %zu: %s", i, e.msg);
		assert_int_equal(t.n, 15594);
		u = kato_find(&t, "115630103");
		assert_string_equal(u->name_kk, "\"ЗЕРЕН\"балалар сауықтыру ортал");
		assert_int_equal(u->line, 2188);
		u = kato_find(&t, "115630111");
		assert_string_equal(u->name_ru, "оздоровит. центр \"Сункар\"");
		assert_int_equal(u->line, 2193);
		assert_int_equal(kato_find(&t, "115630107")->line, 2191);
		assert_int_equal(kato_find(&t, "635857105")->line, 15347);
		kato_table_free(&t);
		free(d1);
		free(d2);
		free(end);
		free(mid);
	}
	free(buf);
}

/*
 * One quote too many on line 300 opens a field that runs to the next quote in the file,
 * on line 2188: the message names line 300, in a CRLF and in a CR-only file. In the CR-only
 * file a bad row on line 15345 is reported there, not as a column of line 1.
 */
static void
test_kato_stray_quote_and_cr_lines(void **state)
{
	static const char *const ends[] = { "\r\n", "\r" };
	size_t len, n1, n2;
	char *buf = read_shared(KATO_FILE, &len), *d1, *d2;

	(void)state;
	for (size_t i = 0; i < 2; i++) {
		struct kato_table t;
		struct kz_error e = { 0 };

		d1 = replace(buf, len, "\r\n", ends[i], true, &n1);
		d2 = replace(d1, n1, ",2,Елеусіз а.,", ",2,\"Елеусіз а.,", false, &n2);
		assert_int_equal(kato_parse(d2, n2, "k.csv", &t, &e), -1);
		assert_string_equal(e.msg, "k.csv:300: column 7 opens a quote that closes only on "
		    "line 2188, followed by text: a stray quote?");
		assert_null(t.units);
		free(d2);
		d2 = replace(d1, n1, ",2,Сарашы а.,с.Сарашы", ",9,Сарашы а.,с.Сарашы", false, &n2);
		assert_int_equal(kato_parse(d2, n2, "k.csv", &t, &e), -1);
		assert_string_equal(e.msg, "k.csv:15345: k is 9, not a digit 0 to 4");
		free(d2);
		free(d1);
	}
	free(buf);
}

/* A message is one printable line: no control characters reach the screen. */
static void
assert_clean_message(const char *msg, const char *prefix)
{
	size_t n = strlen(prefix);

	if (strncmp(msg, prefix, n) != 0)
		fail_msg("\"%s\" does not start with \"%s\"", msg, prefix);
	msg += n;
	while (*msg >= '0' && *msg <= '9')
		msg++;
	if (strncmp(msg, ": ", 2) != 0)
		fail_msg("no LINE: in \"%s\"", msg);
	for (; *msg != '\0'; msg++)
		if ((unsigned char)*msg < 0x20 || *msg == 0x7f)
			fail_msg("control byte 0x%02x in a message", (unsigned char)*msg);
}

static void
blns_try(const char *csv, size_t want_n, const char *want_ru)
{
	struct kato_table t;
	struct kz_error e = { 0 };

	if (kato_parse(csv, strlen(csv), "blns.csv", &t, &e) == 0) {
		assert_int_equal(t.n, want_n);
		if (want_ru != NULL)
			assert_string_equal(kato_find(&t, "613630150")->name_ru, want_ru);
		kato_table_free(&t);
	} else {
		assert_clean_message(e.msg, "blns.csv:");
		assert_null(t.units);
	}
}

/*
 * The Big List of Naughty Strings, each line put into a row three ways: as a properly
 * quoted name (accepted as it is, or refused with FILE:LINE), raw into the CSV (whatever
 * it breaks, a clean message), and as the code.
 */
static void
test_kato_naughty_strings(void **state)
{
	size_t len, tried = 0;
	char *buf = read_shared(BLNS_FILE, &len), *line, *next;

	(void)state;
	for (line = buf; line < buf + len; line = next + 1) {
		size_t n, q = 0;
		char *quoted, *csv;

		if ((next = memchr(line, '\n', (size_t)(buf + len - line))) == NULL)
			next = buf + len;
		*next = '\0';
		n = strlen(line);
		quoted = xmalloc(2 * n + 3);
		quoted[q++] = '"';
		for (size_t i = 0; i < n; i++) {
			if (line[i] == '"')
				quoted[q++] = '"';
			quoted[q++] = line[i];
		}
		quoted[q++] = '"';
		quoted[q] = '\0';

		csv = xasprintf(HEADER ROWS_OK "613630150,61,36,30,150,2,Х,%s\n", quoted);
		blns_try(csv, 4, line);
		free(csv);
		csv = xasprintf(HEADER ROWS_OK "613630150,61,36,30,150,2,Х,%s\n"
		    "613630200,61,36,30,200,2,Y а.,с.Y\n", line);
		blns_try(csv, 5, NULL);
		free(csv);
		csv = xasprintf(HEADER ROWS_OK "%s,61,36,30,150,2,Х,с.Х\n", line);
		blns_try(csv, 4, NULL);
		free(csv);
		free(quoted);
		tried++;
	}
	assert_true(tried > 500);
	free(buf);
}

/*
 * data/sample-district.csv: the header, Turkistan region and all of Bäidibek district.
 * Counted with grep on the file: 75 rows; 11 ending "с.о.", 50 with ",с." (every other
 * row's Russian name starts "с."), 12 "Чабанский жил.дом", the district and the region.
 */
static void
test_kato_sample_district(void **state)
{
	struct kato_table t;
	struct kz_error e = { 0 };
	size_t count[UNIT_TYPE_COUNT];

	(void)state;
	if (parse_str(demo_units_csv, &t, &e) != 0)
		fail_msg("%s", e.msg);
	assert_int_equal(t.n, 75);
	count_types(&t, count);
	assert_int_equal(count[UNIT_REGION], 1);
	assert_int_equal(count[UNIT_DISTRICT], 1);
	assert_int_equal(count[UNIT_RURAL_OKRUG], 11);
	assert_int_equal(count[UNIT_VILLAGE_LOC], 50);
	assert_int_equal(count[UNIT_OTHER_LOC], 12);
	assert_string_equal(kato_find(&t, "613600000")->parent, "610000000");
	assert_string_equal(kato_find(&t, "613645580")->parent, "613645500");
	/* Every row is as in the full classifier. */
	for (size_t i = 0; i < t.n; i++) {
		const struct kato_unit *u = &t.units[i];
		const struct kato_unit *f = kato_find(full_table(), u->code);

		assert_non_null(f);
		assert_string_equal(u->name_kk, f->name_kk);
		assert_string_equal(u->name_ru, f->name_ru);
		assert_string_equal(u->parent, f->parent);
		assert_int_equal(u->type, f->type);
		assert_int_equal(u->k, f->k);
	}
	kato_table_free(&t);
}

static int
teardown_full(void **state)
{
	(void)state;
	kato_table_free(&full);
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kato_full_classifier),
		cmocka_unit_test(test_kato_hand_picked_units),
		cmocka_unit_test(test_kato_classify_abbreviations),
		cmocka_unit_test(test_kato_errors),
		cmocka_unit_test(test_kato_crlf_bom_quotes_order),
		cmocka_unit_test(test_kato_line_ends_and_separators),
		cmocka_unit_test(test_kato_multiline_cells),
		cmocka_unit_test(test_kato_stray_quote_and_cr_lines),
		cmocka_unit_test(test_kato_naughty_strings),
		cmocka_unit_test(test_kato_sample_district),
	};
	return cmocka_run_group_tests(tests, NULL, teardown_full);
}
