#!/bin/sh
# P-1: the commission that collects the population's requests before the meetings, with
# members of community assemblies and public councils (RULES.md P-1), per office and year:
# commission add|list|remove, its line in check, its obligation in due, its paths in dump.
#
# The office of Бәйдібек ауданы (613600000, the sample district). Today is Monday 20 April
# 2026; the akim's first meeting of the year is on Tuesday 5 May at Шаян (613630000).
. "$(dirname "$0")/lib/lib.sh"

export KEZDESU_NOW=2026-04-20
S=$T/commission
make_store "$S"

# ---- the commands ----
kz --db "$S" commission add 2026 --category community "Асанов Серік"
rc_is 0 "P-1: a member of a community assembly joins the commission of 2026"
kz --db "$S" commission add 2026 --category public-council "Омаров Ерлан"
rc_is 0 "P-1: a member of a public council joins"
kz --db "$S" commission add 2026 --category akimat "Serik Ospanov"
rc_is 0 "P-1: a member of the akimat's staff joins"
kz --db "$S" commission add 2026 --category mayor "Бекова Айгүл"
fails 2 "--category: unknown value 'mayor' (one of: community, public-council, akimat, other)" \
    "P-1: an unknown category is refused, naming the valid ones"
kz --db "$S" commission add 2026 "Бекова Айгүл"
fails 2 "--category is required" "P-1: the category is required"
kz --db "$S" commission add 1999 --category other "Бекова Айгүл"
fails 2 "YEAR" "P-1: a year out of range is refused"
kz --db "$S" commission add 2026 --category other "АСАНОВ СЕРІК"
fails 1 "commission 2026: Асанов Серік is a member already (number 1, community)" \
    "P-1: a member already there (in another case) is refused, naming the member"
kz --db "$S" commission add 2026 --category other "  "
fails 1 "member's name" "P-1: an empty name is refused"

kz --db "$S" commission list 2026 --format tsv
is "$(out)" "2026	1	community	Асанов Серік
2026	2	public-council	Омаров Ерлан
2026	3	akimat	Serik Ospanov" "P-1: commission list: year, number, category, name, in the order added"
kz --db "$S" commission list
like "$(out)" "Commission of 2026 (P-1): 3 members*1. community*Асанов Серік*" \
    "P-1: commission list without a year shows this year's, as text"
check "P-1: nothing lacks with both bodies" sh -c "! grep -q '^missing' '$T/out'"
kz --db "$S" commission list 2026 --format json
check "P-1: commission list --format json parses" json_ok "$T/out"
like "$(out)" '*{"year":2026,"n":2,"category":"public-council","name":"Омаров Ерлан"}*' \
    "P-1: json names every field"
kz --db "$S" commission list 2027 --format tsv
is "$(out)$(err)" "" "P-1: another year's commission is its own (empty)"

# dump: the members are paths of the calendar record of 2026 (a set).
hex=$(printf 'Serik Ospanov' | od -An -tx1 | tr -d ' \n')
kz --db "$S" dump
check "P-1: dump shows a member's name in the calendar record" grep -q "^calendar .*$hex" "$T/out"
kz --db "$S" commission remove 2026 3
rc_is 0 "P-1: a member leaves by number"
kz --db "$S" dump
# The element's id path (its tag 15 last) is a tombstone: removal travels like any change.
id_path=$(grep "^calendar .*$hex" "$T/out" | cut -d' ' -f3 | sed 's/01$/0f/')
check "P-1: dump shows the member removed as a tombstone of its element" \
    grep -q "^calendar [0-9a-f]* $id_path [^ ]* -\$" "$T/out"
kz --db "$S" commission remove 2026 "асанов серік"
rc_is 0 "P-1: a member leaves by name, in any case"
kz --db "$S" commission remove 2026 "Nobody"
fails 1 "commission 2026: no member named Nobody" "P-1: removing a member not there is refused"
kz --db "$S" commission remove 2026 7
fails 1 "commission 2026: there is no member 7 (it has 1)" "P-1: a number past the list"
kz --db "$S" commission list 2026
like "$(out)" "*1 member*Омаров Ерлан*missing: a member of a community assembly (P-1*" \
    "P-1: commission list says which body the commission lacks"

# ---- check and due ----
kz --db "$S" visit add --akim "$DISTRICT" --target 613630000 --date 2026-05-05
rc_is 0 "the akim's first meeting of 2026 on 5 May"
V=$(out)
kz --db "$S" check 2026 --format tsv
is "$(awk -F'\t' '$1 == "P-1" { print $2, $5, $6, $8, $9 }' "$T/out")" \
    "613600000 pending $V 2026-05-05 15" \
    "P-1 check: pending, due at the first meeting, 15 days left"
kz --db "$S" check 2026
like "$(out)" "*Before the meetings (P-1), as of today:
  P-1  2026-H1  pending  Бәйдібек ауданы, meeting of 2026-05-05, due 2026-05-05 (15 days left)
         form the commission before the meeting: no member of a community assembly (P-1)*" \
    "P-1 check's text says which body is lacking"
kz --db "$S" due
like "$(out)" "*P-1  2026-H1  pending  Бәйдібек ауданы → Шаян а.о., meeting of 2026-05-05, due 2026-05-05 (15 days left)
         form the commission before the meeting: no member of a community assembly (P-1)*" \
    "P-1 due: form the commission before the meeting ahead"
KEZDESU_NOW=2026-05-06 kz --db "$S" check 2026 --format tsv
is "$(awk -F'\t' '$1 == "P-1" { print $5 }' "$T/out")" missing \
    "P-1 check: the first meeting passed without the commission: missing"
is "$rc" 1 "P-1 check: a missing commission is a breach (exit 1)"

kz --db "$S" commission add 2026 --category community "Асанов Серік"
kz --db "$S" check 2026 --format tsv
is "$(awk -F'\t' '$1 == "P-1" { print $5 }' "$T/out")" ok \
    "P-1 check: members of both bodies: ok"
kz --db "$S" due --format tsv
is "$(awk -F'\t' '$1 == "P-1"' "$T/out")" "" "P-1 due: nothing owed once formed"
kz --db "$S" check 2027 --format tsv
is "$(awk -F'\t' '$1 == "P-1" { print $5, $6 }' "$T/out")" "pending " \
    "P-1 check 2027: no meeting yet, no commission: pending"
done_testing
