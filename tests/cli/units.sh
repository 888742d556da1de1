#!/bin/sh
# Administrative units: init, KATO import (sample district and the full classifier), list,
# --under, json, idempotent re-import, broken CSVs, local microdistricts, new editions.
. "$(dirname "$0")/lib/lib.sh"

S=$T/sample
kz --db "$S" init --unit "$DISTRICT"
rc_is 0 "init exits 0"
like "$(out)" "initialised store $S for unit $DISTRICT (node *)" "init names the store and the unit"

kz --db "$S" units import "$SAMPLE" --edition 2026-07-17
rc_is 0 "sample district imports"
is "$(out)" "imported 75 units of edition 2026-07-17: 75 new, 0 changed, 0 unchanged, 0 retired" \
    "import reports 75 new units"

kz --db "$S" units list
cp "$T/out" "$T/list.before"
is "$(nlines "$T/list.before")" 75 "units list shows the 75 units"
tab=$(printf '\t')
row_present() {
	if grep -Fqx "$1" "$T/list.before"; then
		ok "$2"
	else
		not_ok "$2"
		diag "  no line '$1' in:"
		grep -F "${1%%"$tab"*}" "$T/list.before" | sed 's/^/#   /'
	fi
}
row_present "610000000${tab}${tab}REGION${tab}Түркістан облысы${tab}Туркестанская область" \
    "row of the region (no parent)"
row_present "613600000${tab}610000000${tab}DISTRICT${tab}Бәйдібек ауданы${tab}район Байдибека" \
    "row of the district"
row_present "613637000${tab}613600000${tab}RURAL_OKRUG${tab}Алғабас а.о.${tab}Алгабасский с.о." \
    "row of a rural okrug"
row_present "613637100${tab}613637000${tab}VILLAGE_LOC${tab}Шақпақ а.${tab}с.Шакпак" \
    "row of a village"
row_present "613637103${tab}613637100${tab}OTHER_LOC${tab}Шопан үйі${tab}Чабанский жил.дом" \
    "row of a wintering ground under its village"
bad=$(awk -F'\t' 'NF != 5' "$T/list.before" | head -3)
is "$bad" "" "every tsv row has the five columns code parent type name_kk name_ru"
check "rows are in code order" sh -c "cut -f1 '$T/list.before' | sort -c"

kz --db "$S" units list --under 613637000
is "$(cut -f1 "$T/out" | tr '\n' ' ')" \
    "613637000 613637100 613637103 613637200 613637300 613637303 613637400 " \
    "--under a rural okrug gives the okrug and its villages"
kz --db "$S" units list --under 613637100
is "$(cut -f1 "$T/out" | tr '\n' ' ')" "613637100 613637103 " "--under a village gives it and its wintering ground"
kz --db "$S" units list --under "$DISTRICT"
is "$(nlines "$T/out")" 74 "--under the district gives the 74 units of the district"
kz --db "$S" units list --under 613699999
fails 1 "613699999" "--under an unknown unit fails and names it"

kz --db "$S" units list --format json
cp "$T/out" "$T/list.json"
check "units list --format json parses" json_ok "$T/list.json"
same=$("$PY" -c '
import json, sys
rows = json.load(open(sys.argv[1], encoding="utf-8"))
tsv = [l.rstrip("\n").split("\t") for l in open(sys.argv[2], encoding="utf-8")]
js = [[u.get("code", ""), u.get("parent", ""), u.get("type", ""), u.get("name_kk", ""),
       u.get("name_ru", "")] for u in rows]
print("same" if js == tsv else "differ: %d json rows, %d tsv rows" % (len(js), len(tsv)))
' "$T/list.json" "$T/list.before" 2>&1)
is "$same" same "json and tsv list the same units with the same fields"

kz --db "$S" units import "$SAMPLE" --edition 2026-07-17
is "$(out)" "imported 75 units of edition 2026-07-17: 0 new, 0 changed, 75 unchanged, 0 retired" \
    "re-import of the same file is idempotent (0 new)"
kz --db "$S" units list
check "re-import leaves units list byte-identical" cmp -s "$T/out" "$T/list.before"

# Broken classifiers: a rename on line 4 (which must not be applied) and a bad row on
# line N; the import fails with "FILE:N:" and the store keeps what it had.
broken() { # broken NAME LINE WHAT AWK-PROGRAM
	f=$T/$1.csv
	sed -e '4s/,Шаян а\.о\.,/,Өзгерген а.о.,/' "$SAMPLE" | awk "$4" >"$f"
	kz --db "$S" units import "$f" --edition 2027-01-01
	fails 1 "" "broken CSV ($3) fails with one error line"
	like "$(err)" "kezdesu: $f:$2: *" "broken CSV ($3): the message starts with FILE:$2:"
	kz --db "$S" units list
	check "broken CSV ($3): units list byte-identical to before" cmp -s "$T/out" "$T/list.before"
}
broken columns 40 "wrong column count" 'NR == 40 { $0 = $0 ",лишний" } { print }'
broken badcode 52 "bad code" 'NR == 52 { sub(/,/, "X,") } { print }'
broken shortcode 30 "eight-digit code" 'NR == 30 { sub(/[0-9],/, ",") } { print }'
broken duplicate 60 "duplicate code" 'NR == 10 { d = $0 } NR == 60 { print d } { print }'
# The same rename without a bad row does import: the checks above could see it.
sed -e '4s/,Шаян а\.о\.,/,Өзгерген а.о.,/' "$SAMPLE" >"$T/renamed.csv"
kz --db "$S" units import "$T/renamed.csv" --edition 2027-01-01
is "$(out)" "imported 75 units of edition 2027-01-01: 0 new, 1 changed, 74 unchanged, 0 retired" \
    "control: the rename alone imports as one change"
kz --db "$S" units list --under 613630000
like "$(out)" "613630000${tab}613600000${tab}RURAL_OKRUG${tab}Өзгерген а.о.${tab}*" \
    "control: the renamed okrug shows its new name"
# A classifier saved by a spreadsheet starts with a byte order mark.
B=$T/bom
kz --db "$B" init --unit "$DISTRICT"
printf '\357\273\277' >"$T/bom.csv"
cat "$SAMPLE" >>"$T/bom.csv"
kz --db "$B" units import "$T/bom.csv" --edition 2026-07-17
rc_is 0 "a classifier with a UTF-8 byte order mark imports"
kz --db "$B" units list
check "and gives the same units as without it" cmp -s "$T/out" "$T/list.before"
kz --db "$S" units import "$T/no-such-file.csv"
fails 1 "no-such-file.csv" "import of a missing file fails and names it"

# ---- the full classifier ----
F=$T/full
kz --db "$F" init --unit "$DISTRICT"
t0=$(now_ms)
kz --db "$F" units import "$KATO_FULL"
t1=$(now_ms)
diag "full classifier (15594 rows) imported in $((t1 - t0)) ms"
rc_is 0 "the full classifier imports"
is "$(out)" "imported 15594 units of edition 2026-07-17: 15594 new, 0 changed, 0 unchanged, 0 retired" \
    "the full import reports 15594 new units (edition from the file name)"
check "the full classifier imports in under 2 s ($((t1 - t0)) ms)" [ $((t1 - t0)) -lt 2000 ]
kz --db "$F" units list
cp "$T/out" "$T/full.before"
is "$(nlines "$T/out")" 15594 "units list shows 15594 units"
kz --db "$F" units list --format json
check "the full list as json parses" json_ok "$T/out"

# Local microdistricts: under a city, not under a village.
kz --db "$F" units add --parent 611010000 --type MICRODISTRICT --name-kk 'Шұғыла ш.а.' \
    --name-ru 'мкр. Шугыла'
rc_is 0 "units add of a microdistrict under a city works"
md1=$(out)
like "$md1" "611010[0-9][0-9][0-9]" "the new microdistrict's code is in the city's range"
kz --db "$F" units add --parent 611010000 --type MICRODISTRICT --name-kk 'Жаңа ш.а.' \
    --name-ru 'мкр. Жана'
md2=$(out)
check "a second microdistrict gets another code" [ "$rc" -eq 0 -a -n "$md2" -a "$md2" != "$md1" ]
kz --db "$F" units list --under 611010000
row=$(grep "^$md1$tab" "$T/out")
is "$row" "$md1${tab}611010000${tab}MICRODISTRICT${tab}Шұғыла ш.а.${tab}мкр. Шугыла" \
    "the microdistrict is listed under its city with its names"
kz --db "$F" units list
cp "$T/out" "$T/full.local"
kz --db "$F" units add --parent 613637100 --type MICRODISTRICT --name-kk 'x' --name-ru 'y'
fails 1 "city" "units add under a village is refused (microdistricts belong to cities)"
kz --db "$F" units add --parent 611010000 --type VILLAGE_LOC --name-kk 'x' --name-ru 'y'
fails 1 "MICRODISTRICT" "units add of another type than MICRODISTRICT is refused"
kz --db "$F" units add --parent 699999999 --type MICRODISTRICT --name-kk 'x' --name-ru 'y'
fails 1 "699999999" "units add under an unknown parent is refused"
esc=$(printf 'мкр.\033[31mҚызыл')
kz --db "$F" units add --parent 611010000 --type MICRODISTRICT --name-kk "$esc" --name-ru 'y'
fails 1 "control character U+001B" "a name with a terminal escape is refused, as in an import"
# The same microdistrict twice under one city: by either name, whatever the case and the
# blanks around it.
kz --db "$F" units add --parent 611010000 --type MICRODISTRICT --name-kk ' ШҰҒЫЛА Ш.А. ' \
    --name-ru 'мкр. Другой'
fails 1 "unit 611010000 already has the local unit $md1 (Шұғыла ш.а. / мкр. Шугыла) with the same Kazakh name" \
    "units add of a microdistrict whose Kazakh name its city already has is refused"
kz --db "$F" units add --parent 611010000 --type MICRODISTRICT --name-kk 'Басқа ш.а.' \
    --name-ru 'МКР. шугыла'
fails 1 "already has the local unit $md1 (Шұғыла ш.а. / мкр. Шугыла) with the same Russian name" \
    "units add of a microdistrict whose Russian name its city already has is refused"
kz --db "$F" units list
check "refused units add change nothing" cmp -s "$T/out" "$T/full.local"

# A classifier that claims a local unit's code is a bad row too.
clash=$T/clash.csv
cp "$KATO_FULL" "$clash"
printf '%s,61,10,10,%s,2,Жаңа а.,с.Жана\r\n' "$md1" "${md1#611010}" >>"$clash"
kz --db "$F" units import "$clash" --edition 2027-02-02
rc_is 1 "a classifier row with a local unit's code is refused"
clash_err=$(err)
like "$clash_err" "kezdesu: $clash:15596: *" "the clash is reported as FILE:LINE:"
like "$clash_err" "*мкр. Шугыла*" "the clash message names the local unit it collides with"
kz --db "$F" units list
check "the refused import changes nothing" cmp -s "$T/out" "$T/full.local"

# A newer edition: 613637200 renamed, 613637400 dropped. A visit names the dropped one.
kz --db "$F" visit add --akim 613637000 --target 613637400 --date 2026-09-10
rc_is 0 "a visit to a village of the old edition is added"
vid=$(out)
ed=$T/kato-2027-01-01.csv
sed -e 's/^\(613637200,.*\),Қазата а\.,с\.Казата/\1,Жаңа Қазата а.,с.Новая Казата/' \
    -e '/^613637400,/d' "$KATO_FULL" >"$ed"
kz --db "$F" units import "$ed"
rc_is 0 "the newer edition imports"
is "$(out)" "imported 15593 units of edition 2027-01-01: 0 new, 1 changed, 15592 unchanged, 1 retired" \
    "the newer edition changes one unit and retires one"
kz --db "$F" units list
cp "$T/out" "$T/full.new"
is "$(grep '^613637200' "$T/full.new")" \
    "613637200${tab}613637000${tab}VILLAGE_LOC${tab}Жаңа Қазата а.${tab}с.Новая Казата" \
    "the renamed unit shows its new names"
is "$(grep '^613637400' "$T/full.new")" \
    "613637400${tab}613637000${tab}VILLAGE_LOC${tab}Үсіктас а.${tab}с.Усиктас" \
    "the dropped unit is still listed (kept for old visits)"
is "$(nlines "$T/full.new")" 15596 "no unit disappeared (15594 + 2 local)"
kz --db "$F" units list --under 613637000 --format json
flags=$("$PY" -c '
import json, sys
for u in json.load(sys.stdin):
    if u["code"] in ("613637200", "613637400"):
        print(u["code"], u.get("retired"), u.get("edition"))
' <"$T/out" 2>&1 | tr '\n' ';')
is "$flags" "613637200 False 2027-01-01;613637400 True 2026-07-17;" \
    "json marks the dropped unit retired and the renamed one with the new edition"
kz --db "$F" units list --under 611010000 --format json
loc=$("$PY" -c '
import json, sys
print(sorted((u["code"], u.get("local"), u.get("retired")) for u in json.load(sys.stdin)
             if u.get("local")))' <"$T/out" 2>&1)
is "$loc" "[('$md2', True, False), ('$md1', True, False)]" \
    "local microdistricts survive the new edition, not retired"
kz --db "$F" visit show "$vid" --format tsv
like "$(out)" "$vid${tab}2026-09-10${tab}*${tab}613637000${tab}613637400${tab}*" \
    "the visit to the dropped unit still shows"
kz --db "$F" visit list
check "the visit to the dropped unit is still in visit list" grep -q "^$vid$tab" "$T/out"

kz --db "$F" units import "$KATO_FULL"
is "$(out)" "imported 15594 units of edition 2026-07-17: 0 new, 2 changed, 15592 unchanged, 0 retired" \
    "re-importing the older edition brings the unit back and the old name"
kz --db "$F" units list
check "after that the list is the one before the newer edition" cmp -s "$T/out" "$T/full.local"

# ---- the classifier as spreadsheets save it, derived from the real one ----
unchanged="imported 15594 units of edition 2026-07-17: 0 new, 0 changed, 15594 unchanged, 0 retired"
# Excel in a Russian locale: ';' between columns, a byte order mark, CRLF.
"$PY" -c '
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
with open(sys.argv[2], "w", newline="", encoding="utf-8-sig") as f:
    csv.writer(f, delimiter=";", lineterminator="\r\n").writerows(rows)
' "$KATO_FULL" "$T/semicolon.csv"
kz --db "$F" units import "$T/semicolon.csv" --edition 2026-07-17
is "$(out)" "$unchanged" "a classifier with ';' between columns imports, the same units"
# Old Mac line ends: a lone CR.
tr -d '\n' <"$KATO_FULL" >"$T/cr.csv"
kz --db "$F" units import "$T/cr.csv" --edition 2026-07-17
is "$(out)" "$unchanged" "a classifier with CR line ends imports, the same units"
# Cells of several lines: CRLF at the end of a name on line 2188, inside one on line 2192.
"$PY" -c '
import sys
b = open(sys.argv[1], "rb").read()
for old, new in (("ортал\",ДОЦ ЗЕРЕН", "ортал\r\n\",ДОЦ ЗЕРЕН"),
                 ("центр\"\"Сункар\"\"\"", "центр\r\n\"\"Сункар\"\"\"")):
    old, new = old.encode(), new.encode()
    assert b.count(old) == 1, old
    b = b.replace(old, new)
open(sys.argv[2], "wb").write(b)
' "$KATO_FULL" "$T/cells.csv"
kz --db "$F" units import "$T/cells.csv" --edition 2026-07-17
is "$(out)" "imported 15594 units of edition 2026-07-17: 0 new, 1 changed, 15593 unchanged, 0 retired" \
    "a classifier with CRLF inside and at the end of quoted names imports"
kz --db "$F" units list --under 115630000
is "$(grep -E '^115630(103|111)' "$T/out" | cut -f4,5)" \
    "$(printf '"ЗЕРЕН"балалар сауықтыру ортал\tДОЦ ЗЕРЕН\n"Сұңқар" сауықтыру орталығы\tоздоровит. центр "Сункар"')" \
    "a line break in a cell is one space in the name, none at its end"
kz --db "$F" units import "$KATO_FULL"
kz --db "$F" units list
check "the list is the same as before these imports" cmp -s "$T/out" "$T/full.local"

# A stray quote on line 300 is reported there, not where the next quote closes it (2188).
sed '300s/,2,/,2,"/' "$KATO_FULL" >"$T/quote.csv"
kz --db "$F" units import "$T/quote.csv"
fails 1 "$T/quote.csv:300: column 7 opens a quote that closes only on line 2188, followed by text: a stray quote?" \
    "a stray quote is reported at the line where it opened"

# ---- an import that would wipe the tree ----
head -n 1 "$KATO_FULL" >"$T/header.csv"
kz --db "$F" units import "$T/header.csv"
fails 1 "$T/header.csv:2: no units after the header: the file is empty" \
    "a classifier with only the header row is refused"
head -n 1001 "$KATO_FULL" >"$T/kato-2027-02-02.csv"
kz --db "$F" units import "$T/kato-2027-02-02.csv"
fails 1 "$T/kato-2027-02-02.csv: this edition would retire 14594 of the 15594 units in the store, more than a tenth; nothing was imported. If the file is right, import it with --force" \
    "a classifier cut short (1000 rows) is refused: how many would be retired, and --force"
# The bound: a tenth (1559 of 15594) goes through, one more does not. The file is cut at
# its end, where no row is another's parent.
awk 'NR <= 15595 - 1560' "$KATO_FULL" >"$T/less1560.csv"
kz --db "$F" units import "$T/less1560.csv" --edition 2027-03-03
fails 1 "would retire 1560 of the 15594 units in the store" "retiring 1560 of 15594 is refused"
kz --db "$F" units list
check "the refused imports change nothing" cmp -s "$T/out" "$T/full.local"
awk 'NR <= 15595 - 1559' "$KATO_FULL" >"$T/less1559.csv"
kz --db "$F" units import "$T/less1559.csv" --edition 2027-03-03
is "$(out)" "imported 14035 units of edition 2027-03-03: 0 new, 0 changed, 14035 unchanged, 1559 retired" \
    "retiring 1559 of 15594 (a tenth) needs no --force"
kz --db "$F" units import "$KATO_FULL"
is "$(out)" "imported 15594 units of edition 2026-07-17: 0 new, 1559 changed, 14035 unchanged, 0 retired" \
    "the full classifier brings them back"
kz --db "$F" units import "$T/kato-2027-02-02.csv" --force
is "$(out)" "imported 1000 units of edition 2027-02-02: 0 new, 0 changed, 1000 unchanged, 14594 retired" \
    "with --force the cut classifier imports and retires the rest"
kz --db "$F" units import "$KATO_FULL"
kz --db "$F" units list
check "after the full classifier again the list is the one before" cmp -s "$T/out" "$T/full.local"

# The same name under another city is another microdistrict.
kz --db "$F" units add --parent 611610000 --type MICRODISTRICT --name-kk 'Шұғыла ш.а.' \
    --name-ru 'мкр. Шугыла'
like "$(out)" "611610[0-9][0-9][0-9]" "a microdistrict's name may repeat under another city"

done_testing
