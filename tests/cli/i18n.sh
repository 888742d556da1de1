#!/bin/sh
# Languages (issue 8): every string a user reads in Kazakh, Russian and English through
# gettext (po/*.po, compiled into BUILD/locale), chosen by --lang kk|ru|en or the locale
# (LANGUAGE, LC_ALL, LC_MESSAGES, LANG), also when the locale asked for is not installed;
# machine formats (tsv, json, dump) the same in every language; the catalogs complete.
. "$(dirname "$0")/lib/lib.sh"

PO=$top/po

# ---- the catalogs: every message of the sources translated, none fuzzy, all compiling ----
# The messages are extracted afresh from the sources (not the committed .pot), so a string
# wrapped later without its translations fails here, named.
# gaps PO POT: the messages of POT that PO lacks, leaves empty or marks fuzzy, each named by
# its msgid (merged as `make pot` would, then what is left untranslated or fuzzy). Fails when
# there is one.
gaps() {
	msgmerge --quiet --no-fuzzy-matching -o "$T/merged.po" "$1" "$2" 2>"$T/merge.err" ||
	    { cat "$T/merge.err"; return 1; }
	{ msgattrib --untranslated --no-obsolete "$T/merged.po"
	  msgattrib --only-fuzzy --no-obsolete "$T/merged.po"; } |
	    awk '/^msgid / { m = 1; s = $0; next } m && /^"/ { s = s " " $0; next }
		m { if (s != "msgid \"\"") print s; m = 0 }' >"$T/gaps"
	cat "$T/gaps"
	[ ! -s "$T/gaps" ]
}
if ! command -v xgettext >/dev/null || ! command -v msgcmp >/dev/null; then
	not_ok "gettext's tools (xgettext, msgcmp, msgfmt) are installed"
else
	# shellcheck disable=SC2046
	(cd "$top" && xgettext --from-code=UTF-8 --language=C --keyword=_ --keyword=N_ \
	    --keyword=ngettext:1,2 --keyword=text_check:1 --keyword=text_check_name:1 -o "$T/fresh.pot" $(ls src/*.c src/*/*.c src/*/*.h)) 2>"$T/xg.err"
	check "xgettext extracts the messages of src/ (src/ui/ too)" [ -s "$T/fresh.pot" ]
	n=$(grep -c '^msgid ' "$T/fresh.pot")
	check "more than 350 messages are marked for translation (got $n)" [ "$n" -gt 350 ]
	for l in kk ru en; do
		gaps "$PO/$l.po" "$T/fresh.pot" >"$T/cmp.$l"
		if check "po/$l.po translates every message of the sources, none empty or fuzzy" \
		    [ "$?" -eq 0 ]; then :; else
			diag_file "$T/cmp.$l" 40
		fi
		msgfmt --check -o /dev/null "$PO/$l.po" >"$T/fmt.$l" 2>&1
		check "po/$l.po compiles with msgfmt --check" [ "$?" -eq 0 ] || diag_file "$T/fmt.$l"
		check "BUILD/locale/$l/LC_MESSAGES/kezdesu.mo is built" \
		    [ -s "$(dirname "$KZ")/locale/$l/LC_MESSAGES/kezdesu.mo" ]
	done
	# The check itself fails on a message added without translations, and names it.
	printf '%s\n' '#include "util/i18n.h"' \
	    'const char *f(void); const char *f(void) { return _("a message nobody translated"); }' \
	    >"$T/new.c"
	(cd "$top" && xgettext --from-code=UTF-8 --language=C --keyword=_ --keyword=N_ \
	    --keyword=ngettext:1,2 --keyword=text_check:1 --keyword=text_check_name:1 -o "$T/new.pot" $(ls src/*.c src/*/*.c src/*/*.h) "$T/new.c") \
	    2>/dev/null
	gaps "$PO/kk.po" "$T/new.pot" >"$T/cmp.new"
	check "a message added untranslated fails the check" [ "$?" -ne 0 ]
	is "$(cat "$T/cmp.new")" 'msgid "a message nobody translated"' "... and the failure names it"
fi

# ---- a message (stderr), in each language, by --lang and by the environment ----
msg_of() {
	"$@" bogus >/dev/null 2>"$T/err"
	cat "$T/err"
}
EN="kezdesu: unknown command 'bogus' (kezdesu --help lists them)"
KK="kezdesu: белгісіз команда 'bogus' (kezdesu --help тізімін береді)"
RU="kezdesu: неизвестная команда 'bogus' (список: kezdesu --help)"
is "$(msg_of "$KZ" --lang en)" "$EN" "a message in English (--lang en)"
is "$(msg_of "$KZ" --lang kk)" "$KK" "a message in Kazakh (--lang kk)"
is "$(msg_of "$KZ" --lang ru)" "$RU" "a message in Russian (--lang ru)"
is "$(msg_of "$KZ" --lang=ru)" "$RU" "a message in Russian (--lang=ru)"
is "$(msg_of "$KZ")" "$EN" "the tests' own environment (LC_ALL=C.UTF-8): English"
is "$(msg_of env LANGUAGE=kk "$KZ")" "$KK" "LANGUAGE=kk with LC_ALL=C.UTF-8: Kazakh"
is "$(msg_of env LANGUAGE=ru:kk "$KZ")" "$RU" "LANGUAGE=ru:kk: Russian, the first"
is "$(msg_of env LANGUAGE=de:kk "$KZ")" "$KK" "LANGUAGE=de:kk: Kazakh, the first of ours"
is "$(msg_of env LC_ALL=C LANGUAGE=kk "$KZ")" "$EN" \
    "LANGUAGE is ignored in the C locale, as gettext does"
is "$(msg_of env -u LC_ALL LANG=ru_RU.UTF-8 "$KZ")" "$RU" \
    "LANG=ru_RU.UTF-8: Russian (installed or not: $(locale -a 2>/dev/null | grep -ci '^ru_RU') such locales here)"
is "$(msg_of env -u LC_ALL LANG=kk_KZ.UTF-8 "$KZ")" "$KK" "LANG=kk_KZ.UTF-8: Kazakh"
is "$(msg_of env -u LC_ALL LC_MESSAGES=kk_KZ.UTF-8 LANG=ru_RU.UTF-8 "$KZ")" "$KK" \
    "LC_MESSAGES before LANG"
is "$(msg_of env LC_ALL=ru_RU.UTF-8 "$KZ" --lang kk)" "$KK" "--lang kk wins over LC_ALL"
is "$(msg_of env LANGUAGE=kk "$KZ" --lang en)" "$EN" "--lang en wins over LANGUAGE"
is "$(msg_of env -u LC_ALL LANG=de_DE.UTF-8 "$KZ")" "$EN" "a language without a catalog: English"
for l in kk_KZ.UTF-8 ru_RU.UTF-8; do
	if locale -a 2>/dev/null | grep -qi "^$(echo "$l" | sed 's/\.UTF-8/.utf-\\?8/')"; then
		want=$KK
		[ "$l" = ru_RU.UTF-8 ] && want=$RU
		is "$(msg_of env LC_ALL="$l" "$KZ")" "$want" "LC_ALL=$l (installed here)"
	else
		ok "# SKIP LC_ALL=$l: the locale is not installed here (LANG= above covers it)"
	fi
done
# A message made below the command line (the store's, through core), in each language.
kz --lang kk --db "$T/none" visit list
is "$(err)" "kezdesu: $T/none қоймасы жоқ (орындаңыз: kezdesu init --unit CODE)" \
    "the store's message in Kazakh"
kz --lang ru --db "$T/none" visit list
is "$(err)" "kezdesu: хранилище $T/none не существует (выполните: kezdesu init --unit CODE)" \
    "the store's message in Russian"
kz --lang en --db "$T/none" visit list
is "$(err)" "kezdesu: store $T/none: no such store (run: kezdesu init --unit CODE)" \
    "the store's message in English"
kz --lang de
rc_is 2 "--lang de is bad usage"
is "$(err)" "kezdesu: --lang: unknown value 'de' (one of: kk, ru, en)" "--lang de: says which"

# ---- help: the lines of --help and of a command's --help, translated ----
kz --lang kk --help
like "$(out)" "*қолданылуы: kezdesu \[--db DIR\]*" "--help in Kazakh: the usage line"
like "$(out)" "*  issue add            проблемалық мәселе қосу; UUID-ін шығарады*" \
    "--help in Kazakh: a command's line"
kz --lang ru --help
like "$(out)" "*  issue add            добавить проблемный вопрос; печатает его UUID*" \
    "--help in Russian: a command's line"
kz --lang en --help
like "$(out)" "*  issue add            add a problem issue; prints its UUID*" \
    "--help in English: a command's line"
kz --lang ru check --help
like "$(out)" "*Охват и правила Указа для каждой встречи.*" \
    "check --help in Russian: the sentence, capitalised"
like "$(out)" "использование: kezdesu check YEAR \[--planned|--held\]*" \
    "... the usage's syntax stays as it is"
kz --lang kk plan --help
like "$(out)" "*C-1..C-5 талап ететін кездесулерді ұсыну.*" \
    "plan --help in Kazakh: rule IDs stay as they are"
kz --lang kk units --help
like "$(out)" "*  import     ӘАОЖ (КАТО) сыныптауышын импорттау (CSV)*" \
    "units --help in Kazakh: the subcommands"

# ---- text output: statuses and rule descriptions; machine formats the same in every language ----
S=$T/store
NOW=2026-03-01
export KEZDESU_NOW=$NOW
make_store "$S"
kz --db "$S" visit add --akim "$DISTRICT" --target 613633000 --date 2026-02-10
rc_is 0 "a meeting on 2026-02-10, not marked held by $NOW"
V=$(out)
kz --db "$S" issue add --title "Ауыз су" --unit 613633000 --deadline 2026-02-20 --executor "ТКШ"
rc_is 0 "an issue past its deadline"

kz --db "$S" --lang en due
like "$(out)" "*M-1  2026-H1  overdue  *(19 days ago, still planned)*" "due in English: status and days"
like "$(out)" "*its date has passed and it is still planned: mark it held, moved or cancelled*" \
    "due in English: the rule's description"
kz --db "$S" --lang kk due
like "$(out)" "*M-1  2026-H1  мерзімі өтті *(19 күн бұрын, әлі жоспарланған)*" \
    "due in Kazakh: status and days"
like "$(out)" "*күні өтті, бірақ әлі жоспарланған күйде: өткізілді, ауыстырылды не болдырылмады деп белгілеңіз*" \
    "due in Kazakh: the rule's description"
like "$(out)" "*Бәйдібек ауданы → Ағыбет а.о.*" "due in Kazakh: units named in Kazakh"
kz --db "$S" --lang ru due
like "$(out)" "*M-1  2026-H1  просрочено *(19 дней назад, всё ещё запланирована)*" \
    "due in Russian: status and days (plural of 19)"
like "$(out)" "*дата прошла, а встреча всё ещё запланирована*" "due in Russian: the rule's description"
like "$(out)" "*район Байдибека → Агыбетский с.о.*" "due in Russian: units named in Russian"
kz --db "$S" --lang en check 2026
like "$(out)" "*C-3  2026-H1  past-not-held *" "check in English: a coverage status"
kz --db "$S" --lang kk check 2026
like "$(out)" "*C-3  2026-H1  өткізілмеді *" "check in Kazakh: a coverage status"
like "$(out)" "*C-3  2026-H2  ашық     Бәйдібек*" "check in Kazakh: a short status padded by columns"
kz --db "$S" --lang ru check 2026
like "$(out)" "*C-3  2026-H1  не проведена *" "check in Russian: a coverage status"
kz --db "$S" --lang kk
like "$(out)" "*Ашық проблемалық мәселелер, мерзімі бойынша:*2026-02-20  жаңа      Ауыз су — ТКШ (9 күнге кешікті)*" \
    "the overview in Kazakh: a label, an issue's status, its delay"
kz --db "$S" --lang ru holiday list --year 2026
like "$(out)" "*2026-03-22	holiday (weekend)	Наурыз мейрамы*" "holiday names in Russian"
kz --db "$S" --lang kk holiday list --year 2026
like "$(out)" "*2026-12-16	holiday	Тәуелсіздік күні*" "holiday names in Kazakh"

# Scripts read tsv, json and dump: the same bytes whatever the language (--lang, LANGUAGE).
same=""
for c in "check 2026 --format tsv" "check 2026 --format json" "due --format tsv" \
    "due --format json" "dump" "question list --format json" "search су --format tsv" \
    "question list --format tsv"; do
	# shellcheck disable=SC2086
	"$KZ" --db "$S" --lang en $c >"$T/en" 2>/dev/null
	for l in kk ru; do
		# shellcheck disable=SC2086
		"$KZ" --db "$S" --lang $l $c >"$T/$l" 2>/dev/null
		cmp -s "$T/en" "$T/$l" || same="$same '$l $c'"
	done
	# shellcheck disable=SC2086
	env LANGUAGE=kk "$KZ" --db "$S" $c >"$T/env" 2>/dev/null
	cmp -s "$T/en" "$T/env" || same="$same 'LANGUAGE=kk $c'"
done
is "$same" "" "tsv, json and dump are byte-identical in kk, ru and en"
"$KZ" --db "$S" --lang kk check 2026 --format tsv >"$T/kk"
"$KZ" --db "$S" --lang en check 2026 --format tsv >"$T/en"
check "check --format tsv: --lang kk is byte-identical to --lang en" cmp -s "$T/kk" "$T/en"
check "... and it is not empty" [ -s "$T/en" ]
# Lists carry unit names beside codes, in the language of names: only those differ.
names_blank() { sed 's/\("[a-z_]*_name"\):"[^"]*"/\1:""/g' "$1"; }
for c in "visit list" "issue list"; do
	# shellcheck disable=SC2086
	"$KZ" --db "$S" --lang en $c --format json >"$T/en"
	# shellcheck disable=SC2086
	"$KZ" --db "$S" --lang kk $c --format json >"$T/kk"
	is "$(names_blank "$T/kk")" "$(names_blank "$T/en")" \
	    "$c --format json: keys, codes and statuses the same in kk and en"
done

# show's text gives a status in the language shown; its json keeps the status's name.
kz --db "$S" --lang ru visit show "$V"
like "$(out)" "*статус: запланирована*" "visit show in Russian: the status"
kz --db "$S" --lang kk visit show "$V"
like "$(out)" "*мәртебесі: жоспарланған*" "visit show in Kazakh: the status"
"$KZ" --db "$S" --lang kk visit show "$V" --format json >"$T/kk"
"$KZ" --db "$S" --lang en visit show "$V" --format json >"$T/en"
like "$(cat "$T/kk")" '*"status":"planned"*' "visit show --format json in Kazakh: the status's name"
is "$(names_blank "$T/kk")" "$(names_blank "$T/en")" "visit show --format json: the same in kk and en"

done_testing
