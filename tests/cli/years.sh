#!/bin/sh
# Hand-worked years (issue 7, "Tests"): a city of regional significance with rural okrugs
# (Kyzylorda), Karaganda city (its city districts listed twice), Astana (a city of
# republican significance, C-2, K-1, K-3) and the Government (G-1, G-2, C-1 over the
# regions). For each, the targets, the number of meetings, the coverage states (held,
# planned ahead, past-not-held, open, missing) at dates through the year and the deadlines
# (ok, late by N days, pending, overdue) are worked out by hand below from
# ../shared/decree/RULES.md and the classifier's rows, then compared with what plan, check
# and due print. Each store imports an extract of the real classifier ($KATO_FULL) made
# here; none of it is kept in the repository.
#
# check and due's tsv columns: 1 rule, 2 akim, 3 target, 4 period, 5 status, 6 visit,
# 7 meeting date, 8 due, 9 days, 10 issue, 11 step.
. "$(dirname "$0")/lib/lib.sh"

[ -r "$KATO_FULL" ] || bail_out "no classifier at $KATO_FULL"

# extract FILE CODE-REGEX: the classifier's header and the rows whose code matches.
extract() {
	{
		head -n1 "$KATO_FULL"
		grep -E "^($2)," "$KATO_FULL"
	} >"$1"
}

# new_store DIR UNIT CSV: a store for UNIT made on 1 January 2026, the extract imported.
new_store() {
	KEZDESU_NOW=2026-01-01 kz --db "$1" init --unit "$2"
	[ "$rc" -eq 0 ] || bail_out "setup: kezdesu init --unit $2"
	kz --db "$1" units import "$3" --edition 2026-07-17
	[ "$rc" -eq 0 ] || bail_out "setup: kezdesu units import $3"
}

# at DAY ARGS...: kz on that day (KEZDESU_NOW).
at() {
	_day=$1
	shift
	KEZDESU_NOW=$_day kz "$@"
}

# meet VAR DAY DB AKIM TARGET DATE [ARGS...]: visit add on DAY, the new id into VAR.
meet() {
	_var=$1
	_day=$2
	_db=$3
	_akim=$4
	_target=$5
	_date=$6
	shift 6
	at "$_day" --db "$_db" visit add --akim "$_akim" --target "$_target" --date "$_date" \
	    --duration 120 "$@"
	if [ "$rc" -ne 0 ]; then
		not_ok "visit add $*"
		diag_file "$T/err"
	fi
	eval "$_var=\$(out)"
}

# set_visit DAY DB VISIT ARGS...: visit set on DAY, a failure reported.
set_visit() {
	_day=$1
	_db=$2
	shift 2
	at "$_day" --db "$_db" visit set "$@"
	if [ "$rc" -ne 0 ]; then
		not_ok "visit set $*"
		diag_file "$T/err"
	fi
}

# states FILE RULE [AKIM]: how many coverage rows of RULE (of AKIM) are in each state.
states() {
	for _st in held planned past-not-held open missing; do
		printf '%s=%s ' "$_st" "$(awk -F'\t' -v r="$2" -v a="$3" -v s="$_st" \
		    '$1 == r && (a == "" || $2 == a) && $5 == s' "$1" | wc -l | tr -d ' ')"
	done
}

# cov FILE RULE AKIM TARGET PERIOD: the state and visit of one coverage row.
cov() {
	awk -F'\t' -v r="$2" -v a="$3" -v t="$4" -v p="$5" \
	    '$1 == r && $2 == a && $3 == t && $4 == p {print $5 " " $6}' "$1"
}

# dl FILE RULE VISIT: status, due and days of a visit's row of RULE ("|" after each).
dl() {
	awk -F'\t' -v r="$2" -v v="$3" '$1 == r && $6 == v {print $5 " " $8 " " $9}' "$1" |
	    tr '\n' '|'
}

# office FILE RULE: period, status, due and days of the office's rows of RULE.
office() {
	awk -F'\t' -v r="$2" '$1 == r {print $4 " " $5 " " $8 " " $9}' "$1" | tr '\n' '|'
}

# nrows FILE RULE [AKIM]: how many rows of RULE (of AKIM).
nrows() {
	awk -F'\t' -v r="$2" -v a="$3" '$1 == r && (a == "" || $2 == a)' "$1" | wc -l |
	    tr -d ' '
}

# ==== (a) Kyzylorda: a city of regional significance with rural okrugs ====================
# The classifier's rows 4310: Кызылорда Г.А. 431000000 (CITY_REG), the city proper
# 431010000 (no city districts, no microdistricts), 7 rural okrugs and 2 settlement
# administrations (п.а.) with their villages and settlements:
#   431033000 Акжарминский с.о.     с.Баймурат 431033100, с.Талдыарал 431033400
#   431035000 Аксуатский с.о.       с.Ж.Маханбетова 431035100
#   431037000 Белкольская п.а.      п.Белколь 431037100, с.Бирказан 431037200
#   431039000 Косшынырауский с.о.   с.Абай 431039100, с.Досан 431039200
#   431041000 Караултобинский с.о.  с.Караултобе 431041100
#   431043000 Кызылжарминский с.о.  с.Кызылжарма 431043100
#   431045000 Кызылозекский с.о.    с.Караозек 431045100, с.Айнаколь 431045200,
#                                   ст.Караозек 431045300 (a station: no target)
#   431046000 Талсуатский с.о.      с.Талсуат 431046100
#   431047000 Тасбугетская п.а.     п.Тасбугет 431047100, с.Ирколь 431047200
# By hand (RULES.md C-4, C-5, half-years):
#   C-4 of the city akim: the city proper and every village and settlement of its
#     territory, also inside the okrugs and administrations (10 + 2 + 2 = 14), never an
#     okrug or administration itself: 15 targets x 2 half-years = 30;
#   C-4 of the 7 okrug akims: their villages, 2 + 1 + 2 + 1 + 1 + 2 + 1 = 10, x 2 = 20;
#   C-5 of the 2 settlement administrations' akims: their own unit, 2 x 2 = 4.
#   54 meetings a year. A CITY_REG office has no K-1/K-3 (those are the regions').
CITY=431000000
extract "$T/kyzylorda.csv" '430000000|4310[0-9]{5}'
is "$(nlines "$T/kyzylorda.csv")" 28 "Kyzylorda's extract: the header, the region and the city's 26 rows"
Q=$T/kyzylorda
new_store "$Q" "$CITY" "$T/kyzylorda.csv"
kz --db "$Q" plan 2026
like "$(out)" "*54 meetings required by C-1..C-5, 54 added*" \
    "plan 2026 for Kyzylorda city: C-4 15 x 2 + C-4 10 x 2 + C-5 2 x 2 = 54"
at 2026-01-05 --db "$Q" check 2026 --planned --format tsv
cp "$T/out" "$T/q-plan.tsv"
is "$(nrows "$T/q-plan.tsv" C-4 "$CITY") $(nrows "$T/q-plan.tsv" C-4) $(nrows "$T/q-plan.tsv" C-5)" \
    "30 50 4" "C-4 of the city akim 30 rows, of all akims 50, C-5 4"
is "$(awk -F'\t' -v c="$CITY" '$1 == "C-4" && $2 == c && $4 == "2026-H1" {print $3}' \
    "$T/q-plan.tsv" | sort | tr '\n' ' ')" \
    "431010000 431033100 431033400 431035100 431037100 431037200 431039100 431039200 431041100 431043100 431045100 431045200 431046100 431047100 431047200 " \
    "C-4 of the city akim: the city proper and the 14 villages and settlements, no okrug, no station"
is "$(awk -F'\t' '$1 == "C-4" && $2 == "431045000" && $4 == "2026-H1" {print $3}' \
    "$T/q-plan.tsv" | sort | tr '\n' ' ')" "431045100 431045200 " \
    "C-4 of Кызылозекский с.о.: its two villages, not the station ст.Караозек"
is "$(awk -F'\t' '$1 == "C-5" && $4 == "2026-H2" {print $2 "=" $3}' "$T/q-plan.tsv" |
    sort | tr '\n' ' ')" "431037000=431037000 431047000=431047000 " \
    "C-5: each settlement administration's akim in its own unit"

# -- plan keeps the half-year of a meeting already recorded --
# A store with one meeting recorded first: the city akim at с.Баймурат on 10 March (H1).
# It covers (city, Баймурат, H1) only: plan adds the other 53, among them Баймурат's H2.
QP=$T/kyzylorda-plan
new_store "$QP" "$CITY" "$T/kyzylorda.csv"
meet VP 2026-01-05 "$QP" "$CITY" 431033100 2026-03-10 --field
at 2026-01-05 --db "$QP" plan 2026
like "$(out)" "*54 meetings required by C-1..C-5, 53 added as planned visits, 1 already planned*" \
    "plan with an H1 meeting recorded: 53 added, 1 already planned"
kz --db "$QP" visit list --format tsv
is "$(awk -F'\t' -v c="$CITY" '$4 == c && $5 == "431033100" {print ($2 < "2026-07-01") ? "H1" : "H2"}' \
    "$T/out" | sort | tr '\n' ' ')" "H1 H2 " \
    "a first-half meeting does not suppress the second-half one (Баймурат: one each)"

# -- the year, meeting by meeting (all made on 5 January 2026) --
#   V1 city akim at с.Баймурат, Tue 10 March, field; announced 24 Feb (P-4: 14 days, due
#      24 Feb: ok); held; published 20 March (A-3: 10 days, due 20 March: ok).
#   V2 Акжарма's akim at с.Талдыарал, Tue 14 April; announced 8 April (P-4: 7 days, due
#      7 April: 1 day late); held; published 27 April (A-3: due 24 April: 3 days late).
#   V3 Белколь's akim in Белкольская п.а., Tue 5 May, not a field meeting (C-5); never
#      announced (P-4 due 28 April), never held.
#   V4 city akim at п.Тасбугет, Tue 15 September; announced 3 September (P-4 due 1
#      September: 2 days late); held; never published (A-3 due 25 September).
#   V5 city akim in the city proper, Tue 10 February; cancelled on 9 February.
#   V6 Кызылозек's akim at с.Айнаколь, Mon 20 July; announced 10 July (P-4 due 13 July:
#      ok); never held.
#   V7 Караултобе's akim at с.Караултобе, Tue 20 October; never announced (P-4 due 13
#      October).
# The store above holds the plan's meetings: the year is followed in a store of these
# seven only.
Q7=$T/kyzylorda-year
new_store "$Q7" "$CITY" "$T/kyzylorda.csv"
meet V1 2026-01-05 "$Q7" "$CITY" 431033100 2026-03-10 --field
meet V2 2026-01-05 "$Q7" 431033000 431033400 2026-04-14 --field
meet V3 2026-01-05 "$Q7" 431037000 431037000 2026-05-05 --no-field
meet V4 2026-01-05 "$Q7" "$CITY" 431047100 2026-09-15 --field
meet V5 2026-01-05 "$Q7" "$CITY" 431010000 2026-02-10 --field
meet V6 2026-01-05 "$Q7" 431045000 431045200 2026-07-20 --field
meet V7 2026-01-05 "$Q7" 431041000 431041100 2026-10-20 --field
Q=$Q7

# 1 March: nothing is past. City H1: V1 planned, the city proper open (V5 cancelled
# covers nothing), 13 more open; H2: V4 planned, 14 open. Okrugs H1: V2 planned, 9 open;
# H2: V6 and V7 planned, 8 open. C-5 H1: V3 planned, Тасбугет open; H2: 2 open.
set_visit 2026-02-09 "$Q" "$V5" --status cancelled
set_visit 2026-02-24 "$Q" "$V1" --announced 2026-02-24
at 2026-03-01 --db "$Q" check 2026 --format tsv
cp "$T/out" "$T/q1.tsv"
is "$(states "$T/q1.tsv" C-4 "$CITY")" "held=0 planned=2 past-not-held=0 open=28 missing=0 " \
    "1 Mar: C-4 of the city akim: 2 planned ahead, 28 open"
is "$(cov "$T/q1.tsv" C-4 "$CITY" 431010000 2026-H1)" "open " \
    "1 Mar: the city proper's H1 is open: the cancelled meeting covers nothing"
is "$(states "$T/q1.tsv" C-4)" "held=0 planned=5 past-not-held=0 open=45 missing=0 " \
    "1 Mar: C-4 of all akims: 5 planned, 45 open"
is "$(states "$T/q1.tsv" C-5)" "held=0 planned=1 past-not-held=0 open=3 missing=0 " \
    "1 Mar: C-5: Белколь H1 planned, 3 open"

# 20 May: V1 held (10 March) and published 20 March; V2 announced 8 April, held 14 April,
# published 27 April; V3's date (5 May) has passed unheld: C-5 Белколь H1 past-not-held,
# M-1 15 days (5 to 20 May). Held 2, planned 3 (V4, V6, V7), past 1, open 48.
set_visit 2026-03-10 "$Q" "$V1" --status held
set_visit 2026-03-20 "$Q" "$V1" --published 2026-03-20
set_visit 2026-04-08 "$Q" "$V2" --announced 2026-04-08
# 10 April: V2 (14 April) was announced on 8 April, 1 day after its P-4 day: due lists it
# as late while the meeting is ahead.
at 2026-04-10 --db "$Q" due --format tsv
is "$(dl "$T/out" P-4 "$V2")" "late 2026-04-07 1|" "due 10 Apr: V2 announced 1 day late (P-4, 7 days)"
set_visit 2026-04-14 "$Q" "$V2" --status held
set_visit 2026-04-27 "$Q" "$V2" --published 2026-04-27
at 2026-05-20 --db "$Q" check 2026 --format tsv
cp "$T/out" "$T/q2.tsv"
is "$(states "$T/q2.tsv" C-4)$(states "$T/q2.tsv" C-5)" \
    "held=2 planned=3 past-not-held=0 open=45 missing=0 held=0 planned=0 past-not-held=1 open=3 missing=0 " \
    "20 May: C-4 2 held, 3 planned, 45 open; C-5 Белколь past-not-held, 3 open"
is "$(cov "$T/q2.tsv" C-4 "$CITY" 431033100 2026-H1)|$(cov "$T/q2.tsv" C-4 431033000 431033400 2026-H1)" \
    "held $V1|held $V2" "20 May: Баймурат (city) and Талдыарал (okrug) held in H1"
is "$(cov "$T/q2.tsv" C-5 431037000 431037000 2026-H1)|$(dl "$T/q2.tsv" M-1 "$V3")" \
    "past-not-held $V3|overdue 2026-05-05 15|" \
    "20 May: Белколь's meeting of 5 May not held: past-not-held, M-1 15 days"
at 2026-05-20 --db "$Q" due --format tsv
cp "$T/out" "$T/q2due.tsv"
is "$(dl "$T/q2due.tsv" P-4 "$V2")$(dl "$T/q2due.tsv" A-3 "$V2")" "late 2026-04-24 3|" \
    "due 20 May: V2 published 3 days late (A-3); its late notice is past with the meeting"
is "$(dl "$T/q2due.tsv" P-4 "$V1")$(dl "$T/q2due.tsv" A-3 "$V1")" "" \
    "due 20 May: V1 announced and published on the last day: nothing"
is "$(dl "$T/q2due.tsv" M-1 "$V3")$(dl "$T/q2due.tsv" P-4 "$V3")" "overdue 2026-05-05 15|" \
    "due 20 May: M-1 for V3; its notice is no longer owed (the meeting is past)"

# 25 July: H1 is over. City H1 1 held, 14 missing; H2 V4 planned, 14 open. Okrugs H1 1
# held, 9 missing; H2 V6 (20 July, announced, not held) past-not-held, V7 planned, 8 open.
# C-5 H1 Белколь past-not-held, Тасбугет missing; H2 2 open.
# Totals: 2 held, 2 planned, 2 past, 14 + 8 + 2 = 24 open, 14 + 9 + 1 = 24 missing: 54.
set_visit 2026-07-10 "$Q" "$V6" --announced 2026-07-10
at 2026-07-25 --db "$Q" check 2026 --format tsv
cp "$T/out" "$T/q3.tsv"
is "$(states "$T/q3.tsv" C-4 "$CITY")" "held=1 planned=1 past-not-held=0 open=14 missing=14 " \
    "25 Jul: C-4 of the city akim: H1 1 held 14 missing, H2 1 planned 14 open"
is "$(states "$T/q3.tsv" C-4)" "held=2 planned=2 past-not-held=1 open=22 missing=23 " \
    "25 Jul: C-4 of all akims: 2 held, 2 planned, 1 past-not-held, 22 open, 23 missing"
is "$(cov "$T/q3.tsv" C-4 431045000 431045200 2026-H2)|$(cov "$T/q3.tsv" C-5 431047000 431047000 2026-H1)" \
    "past-not-held $V6|missing " "25 Jul: Айнаколь H2 past-not-held (V6); Тасбугет's C-5 H1 missing"
at 2026-07-25 --db "$Q" check 2026
like "$(out)" "*54 targets and periods: 2 held, 2 planned ahead, 2 past their date and not marked held, 24 open, 24 missing*" \
    "25 Jul: check's text counts 54 targets and periods by state"

# 5 September: V4 (15 September, city akim) announced on 3 September: 2 days late, shown
# while the meeting is ahead.
set_visit 2026-09-03 "$Q" "$V4" --announced 2026-09-03
at 2026-09-05 --db "$Q" due --format tsv
is "$(dl "$T/out" P-4 "$V4")" "late 2026-09-01 2|" "due 5 Sep: V4 announced 2 days late (P-4, 14 days)"

# 20 October: V4 held on 15 September, never published: A-3 due 25 September, 25 days
# overdue (5 of September, 20 of October). V7 is today, never announced: P-4 due 13
# October, 7 days overdue (a meeting of today is still ahead and still owes its notice).
set_visit 2026-09-15 "$Q" "$V4" --status held
at 2026-10-13 --db "$Q" due --format tsv
is "$(dl "$T/out" P-4 "$V7")" "pending 2026-10-13 0|" "due 13 Oct: V7's notice is due today"
at 2026-10-20 --db "$Q" due --format tsv
cp "$T/out" "$T/q4due.tsv"
is "$(dl "$T/q4due.tsv" P-4 "$V7")" "overdue 2026-10-13 7|" \
    "due 20 Oct: the meeting of today with no announcement: P-4 overdue 7 days"
is "$(dl "$T/q4due.tsv" A-3 "$V4")" "overdue 2026-09-25 25|" "due 20 Oct: V4 unpublished, A-3 25 days overdue"
is "$(dl "$T/q4due.tsv" M-1 "$V6")$(dl "$T/q4due.tsv" M-1 "$V7")" "overdue 2026-07-20 92|" \
    "due 20 Oct: M-1 for V6 (92 days: 11 + 31 + 30 + 20), none for today's V7"
at 2026-10-20 --db "$Q" due
like "$(out)" "*P-4 *overdue *Қарауылтөбе а.о. → Қарауылтөбе а., meeting of 2026-10-20, *due 2026-10-13 (7 days late)*" \
    "due's text on 20 Oct names today's unannounced meeting"

# 10 January 2027: the year is over. V7 was never held. City H1 1 held 14 missing, H2 1
# held (V4) 14 missing; okrugs H1 1 held 9 missing, H2 V6 and V7 past-not-held, 8
# missing; C-5 H1 1 past 1 missing, H2 2 missing. Totals 3 held, 3 past, 48 missing.
at 2027-01-10 --db "$Q" check 2026 --format tsv
check_rc=$rc
cp "$T/out" "$T/q5.tsv"
is "$check_rc $(states "$T/q5.tsv" C-4 "$CITY")" "1 held=2 planned=0 past-not-held=0 open=0 missing=28 " \
    "after the year: C-4 of the city akim 2 held, 28 missing (exit 1)"
is "$(states "$T/q5.tsv" C-4)$(states "$T/q5.tsv" C-5)" \
    "held=3 planned=0 past-not-held=2 open=0 missing=45 held=0 planned=0 past-not-held=1 open=0 missing=3 " \
    "after the year: C-4 3 held, 2 past-not-held, 45 missing; C-5 1 past-not-held, 3 missing"
# Deadlines of the year's meetings (check lists every one; the cancelled V5 owes nothing):
#   P-4: V1 ok (24 Feb), V2 late 1, V3 missing (never announced, past), V4 late 2,
#        V6 ok (13 July), V7 missing; A-3: V1 ok (20 March), V2 late 3, V4 overdue 107
#        (25 Sep to 10 Jan 2027: 5 + 31 + 30 + 31 + 10).
is "$(dl "$T/q5.tsv" P-4 "$V1")$(dl "$T/q5.tsv" P-4 "$V2")$(dl "$T/q5.tsv" P-4 "$V3")$(dl "$T/q5.tsv" P-4 "$V4")$(dl "$T/q5.tsv" P-4 "$V6")$(dl "$T/q5.tsv" P-4 "$V7")" \
    "ok 2026-02-24 |late 2026-04-07 1|missing 2026-04-28 |late 2026-09-01 2|ok 2026-07-13 |missing 2026-10-13 |" \
    "check after the year: P-4 of each meeting ok, late by its days or missing"
is "$(dl "$T/q5.tsv" A-3 "$V1")$(dl "$T/q5.tsv" A-3 "$V2")$(dl "$T/q5.tsv" A-3 "$V4")" \
    "ok 2026-03-20 |late 2026-04-24 3|overdue 2026-09-25 107|" \
    "check after the year: A-3 ok, 3 days late, 107 days overdue"
is "$(awk -F'\t' -v v="$V5" '$6 == v' "$T/q5.tsv")" "" "the cancelled meeting owes nothing and covers nothing"

# ==== A rural okrug with a settlement in it ===============================================
# Дамсинский с.о. 116835000 of Шортандинский район: с.Дамса 116835100, п.Научный
# 116835400, с.Степное 116835600. C-4 of the okrug akim: 3 targets x 2 = 6 meetings; the
# settlement is a target as the villages are (RULES.md C-4: «селе, поселке»).
extract "$T/damsa.csv" '110000000|116800000|116835[0-9]{3}'
DM=$T/damsa
new_store "$DM" 116835000 "$T/damsa.csv"
kz --db "$DM" plan 2026
like "$(out)" "*6 meetings required by C-1..C-5, 6 added*" "Дамсинский с.о.: 3 targets x 2 = 6 meetings"
at 2026-01-05 --db "$DM" check 2026 --planned --format tsv
is "$(awk -F'\t' '$1 == "C-4" && $2 == "116835000" {print $3 " " $4}' "$T/out" | sort | tr '\n' '|')" \
    "116835100 2026-H1|116835100 2026-H2|116835400 2026-H1|116835400 2026-H2|116835600 2026-H1|116835600 2026-H2|" \
    "C-4 of the okrug akim: п.Научный, the settlement, each half-year, with the two villages"

# ==== (b) Karaganda city: its city districts listed twice ================================
# The classifier's rows 3510: Караганда Г.А. 351000000, the city proper 351010000 and two
# city districts, each an administration and a "район" row under it: 351011000 / 351011100
# (Әлихан Бөкейхан) and 351013000 / 351013100 (Қазыбек би): one akim each (RULES.md "One
# akim, one duty"). By hand: C-4 of the city akim, the 2 districts x 2 half-years = 4 (the
# city proper is no target: the city is wholly divided); C-5 of the 2 district akims x 2
# = 4: 8 meetings a year. P-4: 14 days for the city akim, 7 for a city district's akim.
extract "$T/karaganda.csv" '350000000|3510[0-9]{5}'
KP=$T/karaganda-plan
new_store "$KP" 351000000 "$T/karaganda.csv"
kz --db "$KP" plan 2026
like "$(out)" "*8 meetings required by C-1..C-5, 8 added*" "Karaganda city: 8 meetings a year"
K=$T/karaganda
new_store "$K" 351000000 "$T/karaganda.csv"
# The year (all made on 5 January 2026):
#   K1 city akim at 351011100 (the "район" row of Әлихан Бөкейхан), Tue 17 February;
#      announced 3 February (P-4 due 3 Feb: ok); held; published 27 February (A-3 due 27
#      Feb: ok).
#   K2 city akim at Қазыбек би 351013000, Tue 16 June; announced 1 June (due 2 June: ok);
#      never held.
#   K3 Әлихан Бөкейхан's akim in his district, Tue 7 April, not a field meeting; announced
#      1 April (P-4, 7 days, due 31 March: 1 day late); held; published 20 April (A-3 due
#      17 April: 3 days late).
#   K4 Қазыбек би's akim, named by the "район" row 351013100, in his district, Tue 6
#      October; announced 30 September (due 29 September: 1 day late); held; published 16
#      October (due 16 October: ok).
meet K1 2026-01-05 "$K" 351000000 351011100 2026-02-17 --field
meet K2 2026-01-05 "$K" 351000000 351013000 2026-06-16 --field
meet K3 2026-01-05 "$K" 351011000 351011000 2026-04-07 --no-field
meet K4 2026-01-05 "$K" 351013100 351013000 2026-10-06 --no-field
is "$rc" 0 "the akim named by the \"район\" row meets in the district named by its administration's code"
at 2026-01-05 --db "$K" check 2026 --format tsv
is "$(nrows "$T/out" C-4 351000000) $(nrows "$T/out" C-5 351011000) $(nrows "$T/out" C-5 351013000) $(nrows "$T/out" C-5)" \
    "4 2 2 4" "check: C-4 of the city akim 4 rows, C-5 2 per district akim, 4 in all"
is "$(awk -F'\t' '$1 ~ /^C-/ && ($2 ~ /^3510(10000|11100|13100)$/ || $3 ~ /^3510(10000|11100|13100)$/)' \
    "$T/out" | wc -l | tr -d ' ')" 0 "no coverage row for the city proper nor for the \"район\" rows"
set_visit 2026-02-03 "$K" "$K1" --announced 2026-02-03
set_visit 2026-02-17 "$K" "$K1" --status held
set_visit 2026-02-27 "$K" "$K1" --published 2026-02-27
set_visit 2026-04-01 "$K" "$K3" --announced 2026-04-01
set_visit 2026-04-07 "$K" "$K3" --status held
set_visit 2026-04-20 "$K" "$K3" --published 2026-04-20
set_visit 2026-06-01 "$K" "$K2" --announced 2026-06-01
# 1 September: C-4 H1 Әлихан Бөкейхан held (K1), Қазыбек би past-not-held (K2), H2 both
# open; C-5 Әлихан Бөкейхан H1 held (K3), H2 open; Қазыбек би H1 missing, H2 planned (K4).
# 8 rows: 2 held, 1 planned, 1 past-not-held, 3 open, 1 missing. M-1 for K2: 77 days
# (14 of June, 31 of July, 31 of August, 1 of September).
at 2026-09-01 --db "$K" check 2026 --format tsv
cp "$T/out" "$T/k1.tsv"
is "$(states "$T/k1.tsv" C-4)|$(states "$T/k1.tsv" C-5)" \
    "held=1 planned=0 past-not-held=1 open=2 missing=0 |held=1 planned=1 past-not-held=0 open=1 missing=1 " \
    "1 Sep: C-4 1 held, 1 past-not-held, 2 open; C-5 1 held, 1 planned, 1 open, 1 missing"
is "$(cov "$T/k1.tsv" C-4 351000000 351011000 2026-H1)|$(cov "$T/k1.tsv" C-5 351013000 351013000 2026-H2)" \
    "held $K1|planned $K4" \
    "1 Sep: the meeting at the \"район\" row covers the district; the \"район\" akim's is its akim's"
is "$(dl "$T/k1.tsv" M-1 "$K2")" "overdue 2026-06-16 77|" "1 Sep: M-1 for K2, 77 days past and still announced"
set_visit 2026-09-30 "$K" "$K4" --announced 2026-09-30
at 2026-10-01 --db "$K" due --format tsv
is "$(dl "$T/out" P-4 "$K4")" "late 2026-09-29 1|" "due 1 Oct: K4 announced 1 day late (P-4, 7 days)"
set_visit 2026-10-06 "$K" "$K4" --status held
set_visit 2026-10-16 "$K" "$K4" --published 2026-10-16
# 10 January 2027: C-4 H1 held and past-not-held, H2 2 missing; C-5 Әлихан Бөкейхан H1
# held, H2 missing; Қазыбек би H1 missing, H2 held: 3 held, 1 past-not-held, 4 missing.
at 2027-01-10 --db "$K" check 2026 --format tsv
cp "$T/out" "$T/k2.tsv"
is "$(states "$T/k2.tsv" C-4)|$(states "$T/k2.tsv" C-5)" \
    "held=1 planned=0 past-not-held=1 open=0 missing=2 |held=2 planned=0 past-not-held=0 open=0 missing=2 " \
    "after the year: C-4 1 held, 1 past-not-held, 2 missing; C-5 2 held, 2 missing"
is "$(dl "$T/k2.tsv" P-4 "$K1")$(dl "$T/k2.tsv" P-4 "$K2")$(dl "$T/k2.tsv" P-4 "$K3")$(dl "$T/k2.tsv" P-4 "$K4")" \
    "ok 2026-02-03 |ok 2026-06-02 |late 2026-03-31 1|late 2026-09-29 1|" \
    "after the year: P-4 ok, ok, 1 day late (7 days), 1 day late"
is "$(dl "$T/k2.tsv" A-3 "$K1")$(dl "$T/k2.tsv" A-3 "$K3")$(dl "$T/k2.tsv" A-3 "$K4")$(dl "$T/k2.tsv" A-3 "$K2")" \
    "ok 2026-02-27 |late 2026-04-17 3|ok 2026-10-16 |" \
    "after the year: A-3 ok, 3 days late, ok; nothing for the meeting not held"

# ==== (c) Astana: the capital, C-2 and its city districts ================================
# The classifier's rows 71: Астана 710000000 (CITY_REP) and 6 city districts 711110000
# Алматы, 711210000 Есиль, 711310000 Сарыарка, 711410000 Байқоңыр, 711510000 Нұра,
# 711610000 Сарайшық. By hand: C-2 of the city akim, each district once a year: 6; C-5 of
# the 6 district akims x 2 half-years = 12: 18 meetings. K-1 «до 15 января» read strictly:
# the last day on time is 14 January; K-3 «до 20 января»: 19 January. P-4: 14 days.
extract "$T/astana.csv" '71[0-9]{7}'
AP=$T/astana-plan
new_store "$AP" 710000000 "$T/astana.csv"
kz --db "$AP" plan 2026
like "$(out)" "*18 meetings required by C-1..C-5, 18 added*" "Astana: C-2 6 + C-5 6 x 2 = 18 meetings"
A=$T/astana
new_store "$A" 710000000 "$T/astana.csv"
#   A1 city akim in Алматы district, Tue 17 March, field; announced 3 March (due 3 March:
#      ok); held.
#   A2 city akim in Есиль, Tue 12 May, field; never announced (P-4 due 28 April), not held.
#   A3 Сарыарка's akim in his district, Tue 10 February, not a field meeting; held.
#   A4 city akim in Байқоңыр, Tue 10 November, field; planned, never held.
# All are made on 5 January, before the calendar is approved (after it, a new meeting is a
# revision, K-2, or unscheduled, U-1).
meet A1 2026-01-05 "$A" 710000000 711110000 2026-03-17 --field
meet A2 2026-01-05 "$A" 710000000 711210000 2026-05-12 --field
meet A3 2026-01-05 "$A" 711310000 711310000 2026-02-10 --no-field
meet A4 2026-01-05 "$A" 710000000 711410000 2026-11-10 --field
# 14 January, nothing recorded: K-1 (approval and the maslikhat's notice) due today, K-3
# in 5 days.
at 2026-01-14 --db "$A" due --format tsv
is "$(office "$T/out" K-1)$(office "$T/out" K-3)" \
    "2026 pending 2026-01-14 0|2026 pending 2026-01-14 0|2026 pending 2026-01-19 5|" \
    "14 Jan: K-1 approval and notice due today (strict «до 15 января»), K-3 in 5 days"
at 2026-01-14 --db "$A" calendar approve 2026 --date 2026-01-14
rc_is 0 "K-1: approved on 14 January, the last day on time"
at 2026-01-15 --db "$A" calendar notify 2026 --date 2026-01-15
rc_is 0 "K-1: the maslikhat notified on 15 January, a day late"
at 2026-01-15 --db "$A" due --format tsv
is "$(office "$T/out" K-1)$(office "$T/out" K-3)" \
    "2026 late 2026-01-14 1|2026 pending 2026-01-19 4|" \
    "15 Jan: K-1's notice done 1 day late (the approval on time is not listed), K-3 4 days left"
at 2026-01-20 --db "$A" calendar submit 2026 --date 2026-01-20
rc_is 0 "K-3: submitted on 20 January"
at 2026-01-21 --db "$A" check 2026 --format tsv
is "$(office "$T/out" K-1)$(office "$T/out" K-3)" \
    "2026 ok 2026-01-14 |2026 late 2026-01-14 1|2026 late 2026-01-19 1|" \
    "check 21 Jan: K-1 approval ok, notice 1 day late; K-3 on 20 January is 1 day late («до 20 января»)"
set_visit 2026-02-10 "$A" "$A3" --status held
set_visit 2026-03-03 "$A" "$A1" --announced 2026-03-03
set_visit 2026-03-17 "$A" "$A1" --status held
# 1 June: C-2 (a year): Алматы held, Есиль past-not-held, Байқоңыр planned, 3 open; C-5
# H1 (running until 30 June): Сарыарка held, 5 open; H2 6 open.
at 2026-06-01 --db "$A" check 2026 --format tsv
cp "$T/out" "$T/a1.tsv"
is "$(states "$T/a1.tsv" C-2)|$(states "$T/a1.tsv" C-5)" \
    "held=1 planned=1 past-not-held=1 open=3 missing=0 |held=1 planned=0 past-not-held=0 open=11 missing=0 " \
    "1 Jun: C-2 1 held, 1 planned, 1 past-not-held, 3 open; C-5 1 held, 11 open"
is "$(cov "$T/a1.tsv" C-2 710000000 711210000 2026)|$(cov "$T/a1.tsv" C-2 710000000 711510000 2026)" \
    "past-not-held $A2|open " "1 Jun: Есиль past-not-held; Нұра open while the year runs"
# 10 January 2027: C-2 1 held, 2 past-not-held (Есиль, Байқоңыр), 3 missing; C-5 1
# held, 11 missing.
at 2027-01-10 --db "$A" check 2026 --format tsv
cp "$T/out" "$T/a2.tsv"
is "$(states "$T/a2.tsv" C-2)|$(states "$T/a2.tsv" C-5)" \
    "held=1 planned=0 past-not-held=2 open=0 missing=3 |held=1 planned=0 past-not-held=0 open=0 missing=11 " \
    "after the year: C-2 1 held, 2 past-not-held, 3 missing; C-5 1 held, 11 missing"
is "$(dl "$T/a2.tsv" P-4 "$A1")$(dl "$T/a2.tsv" P-4 "$A2")" "ok 2026-03-03 |missing 2026-04-28 |" \
    "after the year: P-4 of A1 ok, of A2 missing (14 days before 12 May)"

# ==== (d) The Government: G-1, G-2 and C-1 over the regions ==============================
# An extract: the 17 regions and 3 cities of republican significance, Abai region's 2
# cities of regional significance and 10 districts (no rows under them), Astana's 6
# districts. By hand, check 2026 in the Government's store: C-1 of Abai's akim, 12
# targets once a year; C-2 of Astana's akim 6; C-4 of Семей and Курчатов (no rows under
# them: each city is its own target) 2 x 2 = 4; C-5 of Astana's district akims 6 x 2 = 12;
# no row for the other regions (nothing under them in the extract).
# G-1 of year Y by 31 January of Y; G-2 of reporting year Y by 14 February and 14 August
# of Y + 1 (strict «до»). The store is made on 5 January 2026: G-1 of 2026 and G-2 of 2025
# are owed.
extract "$T/gov.csv" '[0-9]{2}0000000|10[0-9]{2}00000|71[0-9]{7}'
is "$(nlines "$T/gov.csv")" 39 "the Government's extract: the header, 20 + 12 + 6 rows"
G=$T/gov
at 2026-01-05 --db "$G" init --unit 000000000
[ "$rc" -eq 0 ] || bail_out "setup: init --unit 000000000"
kz --db "$G" units import "$T/gov.csv" --edition 2026-07-17
[ "$rc" -eq 0 ] || bail_out "setup: units import gov.csv"
at 2026-01-20 --db "$G" due --ahead 30 --format tsv
is "$(office "$T/out" G-1)$(office "$T/out" G-2)" \
    "2026 pending 2026-01-31 11|2025 pending 2026-02-14 25|" \
    "20 Jan: G-1 of 2026 11 days left; G-2 of reporting year 2025, 25 days left"
at 2026-02-02 --db "$G" calendar forward 2026 --date 2026-02-02
rc_is 0 "G-1: the regions' calendars forwarded on 2 February"
at 2026-02-03 --db "$G" due --format tsv
is "$(office "$T/out" G-1)$(office "$T/out" G-2)" \
    "2026 late 2026-01-31 2|2025 pending 2026-02-14 11|" \
    "3 Feb: G-1 done 2 days late; G-2 of 2025 11 days left"
at 2026-02-14 --db "$G" calendar collect 2025 --half 1 --date 2026-02-14
rc_is 0 "G-2: February's list of 2025 collected on 14 February, the last day"
at 2026-08-20 --db "$G" due --format tsv
is "$(office "$T/out" G-2)" "2025 overdue 2026-08-14 6|" \
    "20 Aug: August's list of 2025 overdue by 6 days; February's, on time, is not listed"
at 2026-08-21 --db "$G" calendar collect 2025 --half 2 --date 2026-08-21
at 2026-08-22 --db "$G" check 2025 --format tsv
is "$(office "$T/out" G-2)" "2025 ok 2026-02-14 |2025 late 2026-08-14 7|" \
    "check 2025: G-2 February ok, August 7 days late"
# C-1 of Abai's akim: a held field meeting in Абай district (10 March), one planned in
# Семей on 12 May never held, one planned in Үржар on 10 November.
meet G1 2026-01-05 "$G" 100000000 103200000 2026-03-10 --field
meet G2 2026-01-05 "$G" 100000000 101000000 2026-05-12 --field
meet G3 2026-01-05 "$G" 100000000 104600000 2026-11-10 --field
set_visit 2026-03-10 "$G" "$G1" --status held
# 1 June: C-1 1 held, 1 past-not-held, 1 planned, 9 open; C-2 6 open.
at 2026-06-01 --db "$G" check 2026 --format tsv
cp "$T/out" "$T/g1.tsv"
is "$(nrows "$T/g1.tsv" C-1) $(nrows "$T/g1.tsv" C-2) $(nrows "$T/g1.tsv" C-4) $(nrows "$T/g1.tsv" C-5) $(nrows "$T/g1.tsv" C-3)" \
    "12 6 4 12 0" "check in the Government's store: C-1 12, C-2 6, C-4 4, C-5 12, C-3 none"
is "$(states "$T/g1.tsv" C-1 100000000)|$(states "$T/g1.tsv" C-2)" \
    "held=1 planned=1 past-not-held=1 open=9 missing=0 |held=0 planned=0 past-not-held=0 open=6 missing=0 " \
    "1 Jun: C-1 of Abai's akim 1 held, 1 planned, 1 past-not-held, 9 open; C-2 6 open"
is "$(office "$T/g1.tsv" G-1)$(office "$T/g1.tsv" G-2)" \
    "2026 late 2026-01-31 2|2026 pending 2027-02-14 258|2026 pending 2027-08-14 439|" \
    "check 2026 on 1 Jun: G-1 2 days late, G-2 of reporting year 2026 due in 2027"
# 10 January 2027: C-1 1 held, 2 past-not-held, 9 missing; C-2 6 missing.
at 2027-01-10 --db "$G" check 2026 --format tsv
cp "$T/out" "$T/g2.tsv"
is "$(states "$T/g2.tsv" C-1 100000000)|$(states "$T/g2.tsv" C-2)" \
    "held=1 planned=0 past-not-held=2 open=0 missing=9 |held=0 planned=0 past-not-held=0 open=0 missing=6 " \
    "after the year: C-1 1 held, 2 past-not-held, 9 missing; C-2 6 missing"
is "$(cov "$T/g2.tsv" C-1 100000000 103200000 2026)|$(cov "$T/g2.tsv" C-1 100000000 104600000 2026)" \
    "held $G1|past-not-held $G3" "after the year: Абай district held, Үржар past-not-held"

done_testing
