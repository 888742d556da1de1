#!/bin/sh
# kezdesu search: case folded in Kazakh, Russian and Latin letters whatever the locale,
# words as prefixes, every word needed, newest first, pages, tsv and json, a read-only store.
. "$(dirname "$0")/lib/lib.sh"

S=$T/store
make_store "$S"
tab=$(printf '\t')
LC_ALL=C
export LC_ALL

# add TEXT: a pool question; its id in the variable named by $2.
add() {
	kz --db "$S" question add --source pool --channel blog "$1"
	[ "$rc" -eq 0 ] || bail_out "setup: question add '$1'"
	eval "$2=\$(out)"
}

add 'Ауылдағы жол бұзылған' Q1
add 'ЖОЛДЫ ЖӨНДЕУ КЕРЕК' Q2
add 'ауылдан қалаға автобус жоқ' Q3
add 'Дорога в село разбита, ЁЛКУ не поставили' Q4
add 'The INTERNET in Almaty district is slow' Q5
kz --db "$S" issue add --title 'Жол жөндеу: Алғабас'
[ "$rc" -eq 0 ] || bail_out "setup: issue add"
I1=$(out)

kz --db "$S" search ЖОЛ
rc_is 0 "search exits 0"
is "$(cut -f2 "$T/out" | tr '\n' ' ')" "$I1 $Q2 $Q1 " \
    "«ЖОЛ» finds «жол», «ЖОЛДЫ» and the issue's «Жол», newest first, in the C locale"
is "$(cut -f1 "$T/out" | tr '\n' ' ')" "issue question question " "each hit with its kind"
is "$(sed -n 3p "$T/out" | cut -f3)" "Ауылдағы жол бұзылған" "each hit with its text"
kz --db "$S" search Қ
is "$(cut -f2 "$T/out")" "$Q3" "«Қ» finds «қалаға» and not «К» (a letter of its own)"
kz --db "$S" search қАЛ
is "$(cut -f2 "$T/out")" "$Q3" "«қАЛ»: mixed case folds too"
kz --db "$S" search елку
is "$(cut -f2 "$T/out")" "$Q4" "«елку» finds «ЁЛКУ» (ё is е)"
kz --db "$S" search internet ALM
is "$(cut -f2 "$T/out")" "$Q5" "Latin words, every word a prefix"
kz --db "$S" search жол ауыл
is "$(cut -f2 "$T/out")" "$Q1" "two words: only the record that has both"
kz --db "$S" search 'жол, ЖӨН!'
is "$(cut -f2 "$T/out" | tr '\n' ' ')" "$I1 $Q2 " "punctuation in the query splits words"
kz --db "$S" search жолдар
is "$(out)" "" "no hit: no output"
rc_is 0 "no hit: exit 0"

# ---- formats ----
kz --db "$S" search жол --format json
check "--format json parses" json_ok "$T/out"
is "$("$PY" -c 'import json,sys
h = json.load(sys.stdin)
print(" ".join(x["kind"] + ":" + x["id"] for x in h), h[2]["text"])' <"$T/out")" \
    "issue:$I1 question:$Q2 question:$Q1 Ауылдағы жол бұзылған" \
    "json: kind, id and text of each hit"
kz --db "$S" search жол --format tsv
is "$(awk -F"$tab" '{ print NF }' "$T/out" | sort -u)" "4" "tsv: kind, id, text and pos"

# ---- pages ----
kz --db "$S" search жол --limit 2
is "$(cut -f2 "$T/out" | tr '\n' ' ')" "$I1 $Q2 " "--limit 2: the newest two"
pos=$(tail -n 1 "$T/out" | cut -f4)
kz --db "$S" search жол --limit 2 --before "$pos"
is "$(cut -f2 "$T/out" | tr '\n' ' ')" "$Q1 " "--before POS: the page after"

# ---- what the index has not seen ----
add 'Жолаушылар аялдамасы жоқ' Q6
kz --db "$S" --read-only search ЖОЛ
is "$(cut -f2 "$T/out" | tr '\n' ' ')" "$Q6 $I1 $Q2 $Q1 " \
    "a read-only store finds a question saved after the last search"
kz --db "$S" search ЖОЛ
is "$(cut -f2 "$T/out" | tr '\n' ' ')" "$Q6 $I1 $Q2 $Q1 " "and the writer indexes it"

# ---- a question logged by mistake ----
kz --db "$S" question withdraw "$Q6"
[ "$rc" -eq 0 ] || bail_out "question withdraw"
kz --db "$S" search ЖОЛ
is "$(cut -f2 "$T/out" | tr '\n' ' ')" "$I1 $Q2 $Q1 " "a withdrawn question is found no more"

# ---- the sanitiser ----
add "$(printf 'Жарық \342\200\256жоқ')" Q7
kz --db "$S" search жарық
is "$(cut -f3 "$T/out")" 'Жарық \u202Eжоқ' "a bidirectional override in a hit is escaped"
kz --db "$S" search жарық --format json
check "and JSON with it parses" json_ok "$T/out"

# ---- usage ----
kz --db "$S" search ' -- ,'
fails 2 "no words" "a query without words is refused"
kz --db "$S" search
fails 2 "usage" "no query: usage"
kz --db "$S" search жол --limit 0
fails 2 "--limit" "--limit 0 is refused"

done_testing
