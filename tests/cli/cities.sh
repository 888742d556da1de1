#!/bin/sh
# The targets of a city's akim through plan and check (issue 7): C-4 read literally
# (RULES.md: the districts of the city, every village and settlement of its territory,
# also inside its rural okrugs, never the okrug itself; a city wholly divided into
# districts is no target itself) and one akim for a city district the classifier lists
# twice (Karaganda: "One akim, one duty"). The units are real: each store imports an
# extract of the classifier ($KATO_FULL) made here, never a copy kept in the repository.
# The required meetings are counted by hand in the comments; rule IDs are RULES.md's.
. "$(dirname "$0")/lib/lib.sh"

[ -r "$KATO_FULL" ] || bail_out "no classifier at $KATO_FULL"

# extract FILE CODE-REGEX: the classifier's header and the rows whose code matches.
extract() {
	{
		head -n1 "$KATO_FULL"
		grep -E "^($2)," "$KATO_FULL"
	} >"$1"
}

# city_store DIR UNIT CSV: a store for UNIT with the extract CSV imported.
city_store() {
	kz --db "$1" init --unit "$2"
	[ "$rc" -eq 0 ] || bail_out "setup: kezdesu init --unit $2"
	kz --db "$1" units import "$3" --edition 2026-07-17
	[ "$rc" -eq 0 ] || bail_out "setup: kezdesu units import $3"
}

# rows FILE RULE CODE...: how many rows of a check tsv have that rule and every CODE
# in some column (codes are looked for in any column, not at a fixed position).
rows() {
	_f=$1
	_r=$2
	shift 2
	awk -F'\t' -v r="$_r" -v codes="$*" '
		$1 != r { next }
		{
			n = split(codes, c, " ")
			for (i = 1; i <= n; i++) {
				found = 0
				for (k = 2; k <= NF; k++)
					if ($k == c[i])
						found = 1
				if (!found)
					next
			}
			hits++
		}
		END { print hits + 0 }' "$_f"
}

# ---- Karaganda: wholly divided into districts, each listed twice ----
# The classifier's rows 3510: Караганда Г.А. 351000000, the city proper 351010000, and
# two city districts, each as an administration and a "район" row under it: 351011000
# "Әлихан Бөкейхан р.а." / 351011100 "район Әлихан Бөкейхан", 351013000 "р.а. им.Казыбек
# би" / 351013100 "район им.Казыбек би". By hand: C-4 of the city akim, 2 districts x 2
# half-years = 4 (the city proper is no target); C-5, 2 district akims x 2 = 4: 8 a year.
# The code before counted 14: the city proper as a third C-4 target and four C-5 akims.
extract "$T/karaganda.csv" '350000000|3510[0-9]{5}'
is "$(nlines "$T/karaganda.csv")" 8 "the extract holds the header, the region and Karaganda's 6 rows"
K=$T/karaganda
city_store "$K" 351000000 "$T/karaganda.csv"
kz --db "$K" plan 2026
rc_is 0 "plan 2026 for Karaganda city"
like "$(out)" "*8 meetings required by C-1..C-5, 8 added*" \
    "Karaganda city: 8 meetings a year (C-4 2 x 2, C-5 2 x 2)"
KEZDESU_NOW=2026-01-05 kz --db "$K" check 2026 --planned --format tsv
cp "$T/out" "$T/k.tsv"
is "$(rows "$T/k.tsv" C-4 351000000)" 4 "C-4: the city akim has 4 rows (2 districts x 2 half-years)"
is "$(rows "$T/k.tsv" C-4 351011000)" 2 "C-4: Әлихан Бөкейхан is one target ..."
is "$(rows "$T/k.tsv" C-4 351013000)" 2 "... and Қазыбек би another"
is "$(rows "$T/k.tsv" C-5 351011000)" 2 "C-5: one akim for Әлихан Бөкейхан ..."
is "$(rows "$T/k.tsv" C-5 351013000)" 2 "... and one for Қазыбек би"
is "$(grep -c '351010000' "$T/k.tsv")" 0 "the city proper is no target: the city is wholly divided"
is "$(grep -c '351011100\|351013100' "$T/k.tsv")" 0 "the \"район\" rows are no akims of their own"

# Either code names the one akim and the one target.
KH=$T/karaganda-held
city_store "$KH" 351000000 "$T/karaganda.csv"
kz --db "$KH" visit add --akim 351000000 --target 351011100 --date 2026-03-10 --field
rc_is 0 "the city akim's meeting at the \"район\" row is recorded"
kz --db "$KH" visit set "$(out)" --status held
kz --db "$KH" visit add --akim 351013100 --target 351013100 --date 2026-09-15 --no-field
rc_is 0 "a meeting of the district akim named by its \"район\" row is recorded"
kz --db "$KH" visit set "$(out)" --status held
KEZDESU_NOW=2027-01-10 kz --db "$KH" check 2026 --held --format tsv
cp "$T/out" "$T/kh.tsv"
is "$(rows "$T/kh.tsv" C-4 351000000 351011000 2026-H1 held)" 1 \
    "C-4: the meeting at the \"район\" row covers Әлихан Бөкейхан in H1"
is "$(rows "$T/kh.tsv" C-5 351013000 2026-H2 held)" 1 \
    "C-5: the meeting of akim 351013100 is Қазыбек би's akim's, for H2"
is "$(rows "$T/kh.tsv" C-4)$(rows "$T/kh.tsv" C-5)" 44 "still 4 C-4 and 4 C-5 rows"

# The region's store: C-1 asks 1 meeting in the city, then the city's 8: 9 a year.
R=$T/karaganda-region
city_store "$R" 350000000 "$T/karaganda.csv"
kz --db "$R" plan 2026
like "$(out)" "*9 meetings required by C-1..C-5, 9 added*" \
    "Karaganda region with the city's rows: C-1 1 + 8 = 9 meetings"

# ---- Aktobe and Taraz: one "район" row per district ----
# 151000000 Актобе Г.А.: the city proper 151010000 and the districts 151011100 "район
# Астана", 151013100 "район Алматы"; Taraz 311000000 likewise (311011100, 311013100).
# By hand: C-4 2 x 2 + C-5 2 x 2 = 8 each (the code before: 10, the city proper a target).
extract "$T/aktobe.csv" '150000000|1510[0-9]{5}'
A=$T/aktobe
city_store "$A" 151000000 "$T/aktobe.csv"
kz --db "$A" plan 2026
like "$(out)" "*8 meetings required by C-1..C-5, 8 added*" "Aktobe city: 8 meetings a year"
extract "$T/taraz.csv" '310000000|3110[0-9]{5}'
Z=$T/taraz
city_store "$Z" 311000000 "$T/taraz.csv"
kz --db "$Z" plan 2026
like "$(out)" "*8 meetings required by C-1..C-5, 8 added*" "Taraz city: 8 meetings a year"

# ---- Arys: rural okrugs under the city ----
# Арысь Г.А. 611600000: the city proper 611610000 (no districts, no microdistricts) and 6
# rural okrugs with 2 + 3 + 7 + 2 + 8 + 5 = 27 villages. By hand: C-4 of the city akim
# (1 + 27) x 2 = 56, of the 6 okrug akims 27 x 2 = 54: 110 a year. The okrugs are no
# targets of the city akim (the code before had 7 city targets: 14 + 54 = 68).
extract "$T/arys.csv" '610000000|6116[0-9]{5}'
Y=$T/arys
city_store "$Y" 611600000 "$T/arys.csv"
kz --db "$Y" plan 2026
like "$(out)" "*110 meetings required by C-1..C-5, 110 added*" "Arys city: 110 meetings a year"
KEZDESU_NOW=2026-01-05 kz --db "$Y" check 2026 --planned --format tsv
cp "$T/out" "$T/y.tsv"
is "$(rows "$T/y.tsv" C-4 611600000)" 56 "C-4: the city akim has the city proper and 27 villages, x 2"
is "$(rows "$T/y.tsv" C-4 611600000 611633000)" 0 "C-4: the okrug Акдалинский is no target of the city akim"
is "$(rows "$T/y.tsv" C-4 611600000 611633300)" 2 "C-4: its village Пакентай Арапов is, each half-year"
is "$(rows "$T/y.tsv" C-4 611633000 611633300)" 2 "C-4: ... and of the okrug's akim too"

# ---- Stepnogorsk: villages and settlements inside administrations ----
# Степногорск Г.А. 111800000: the city proper; 4 settlement administrations with п.Аксу,
# п.Бестобе, п.Заводской, п.Шантобе and с.Новокронштадка; 3 village administrations with
# с.Карабулак (and under it с.Коксал, с.Первомайка), с.Изобильное, с.Кырыккудык; the okrug
# Богембайский with с.Байконыс, с.Богембай. By hand: C-4 of the city 1 + 12 = 13 targets
# x 2 = 26; C-5 of the 7 administrations x 2 = 14; C-4 of the okrug 2 x 2 = 4: 44 (the
# code before: the city proper, 7 administrations and the okrug, 9 x 2 + 14 + 4 = 36).
extract "$T/stepnogorsk.csv" '110000000|1118[0-9]{5}'
G=$T/stepnogorsk
city_store "$G" 111800000 "$T/stepnogorsk.csv"
kz --db "$G" plan 2026
like "$(out)" "*44 meetings required by C-1..C-5, 44 added*" "Stepnogorsk city: 44 meetings a year"
KEZDESU_NOW=2026-01-05 kz --db "$G" check 2026 --planned --format tsv
cp "$T/out" "$T/g.tsv"
is "$(rows "$T/g.tsv" C-4 111800000 111843107)" 2 \
    "C-4: с.Первомайка, under с.Карабулак of its village administration, is a target of the city"
is "$(rows "$T/g.tsv" C-4 111800000 111843000)$(rows "$T/g.tsv" C-5 111843000)" 02 \
    "C-4: the village administration is no target of the city; its akim has C-5"

done_testing
