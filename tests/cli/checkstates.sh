#!/bin/sh
# check, due and the overview in the middle of a year (issue 7): a past date counts only
# when the meeting is marked held, a half-year still running is open, not missing, a
# meeting past its date and still planned is said to be so (M-1), and the deadlines of
# problem issues and of their plans' steps are obligations (A-3). Rule IDs are those of
# ../shared/decree/RULES.md. Every expected value is worked out by hand below.
#
# The office of Бәйдібек ауданы (613600000), 11 rural okrugs with 50 villages (the sample
# district): C-3 asks the district akim for 11 targets x 2 half-years = 22 rows, C-4 the
# okrug akims for 50 x 2 = 100; 122 in all. Today is Wednesday 15 July 2026.
. "$(dirname "$0")/lib/lib.sh"

NOW=2026-07-15
S=$T/midyear
KEZDESU_NOW=2026-01-01 kz --db "$S" init --unit "$DISTRICT"
[ "$rc" -eq 0 ] || bail_out "setup: init"
kz --db "$S" units import "$SAMPLE" --edition 2026-07-17
[ "$rc" -eq 0 ] || bail_out "setup: units import"

# add VAR STATUS DATE TARGET: a district akim's field meeting, its id into VAR.
add() {
	KEZDESU_NOW=$NOW kz --db "$S" visit add --akim "$DISTRICT" --target "$4" --date "$3" \
	    --duration 120
	[ "$rc" -eq 0 ] || { not_ok "visit add $*"; diag_file "$T/err"; }
	eval "$1=\$(out)"
	if [ "$2" != planned ]; then
		KEZDESU_NOW=$NOW kz --db "$S" visit set "$(out)" --status "$2"
		[ "$rc" -eq 0 ] || { not_ok "visit set --status $2"; diag_file "$T/err"; }
	fi
}
# Three held in the first half-year (Шаян, Ағыбет, Ақбастау).
add V1 held 2026-03-10 613630000
add V2 held 2026-04-14 613633000
add V3 held 2026-05-05 613635000
# Past their date, never marked held: Алғабас planned for 20 May (56 days ago: 11 days
# of May, 30 of June, 15 of July), Алмалы announced for 30 June (15 days ago), and
# Боралдай planned for 14 July, in the half-year still running (1 day ago).
add V4 planned 2026-05-20 613637000
add V5 announced 2026-06-30 613639000
add V6 planned 2026-07-14 613645000
# Ahead: Шаян today (not past: it may be this afternoon) and Ағыбет in September.
add V7 planned 2026-07-15 613630000
add V8 planned 2026-09-01 613633000

KEZDESU_NOW=$NOW kz --db "$S" check 2026 --format tsv
check_rc=$rc
cp "$T/out" "$T/check.tsv"
cov() { # cov TARGET PERIOD: status and visit of the district akim's C-3 row
	awk -F'\t' -v t="$1" -v p="$2" '$1 == "C-3" && $3 == t && $4 == p {print $5 " " $6}' \
	    "$T/check.tsv"
}
is "$(cov 613630000 2026-H1)" "held $V1" "C-3 Шаян H1: held"
is "$(cov 613633000 2026-H1)" "held $V2" "C-3 Ағыбет H1: held"
is "$(cov 613635000 2026-H1)" "held $V3" "C-3 Ақбастау H1: held"
is "$(cov 613637000 2026-H1)" "past-not-held $V4" \
    "C-3 Алғабас H1: planned for 20 May, not marked held: past-not-held, not covered"
is "$(cov 613639000 2026-H1)" "past-not-held $V5" "C-3 Алмалы H1: announced for 30 June, not held"
is "$(cov 613645000 2026-H2)" "past-not-held $V6" \
    "C-3 Боралдай H2: planned for yesterday, not held, though the half-year runs on"
is "$(cov 613630000 2026-H2)" "planned $V7" "C-3 Шаян H2: planned for today is ahead, not past"
is "$(cov 613633000 2026-H2)" "planned $V8" "C-3 Ағыбет H2: planned for September"
is "$(cov 613647000 2026-H1) / $(cov 613647000 2026-H2)" "missing  / open " \
    "C-3 Борлысай: nothing in H1, which is over: missing; nothing yet in H2, still running: open"
states() { # states RULE: how many rows of each coverage state, in a fixed order
	for st in held planned past-not-held open missing; do
		printf '%s=%s ' "$st" "$(awk -F'\t' -v r="$1" -v s="$st" '$1 == r && $5 == s' \
		    "$T/check.tsv" | wc -l | tr -d ' ')"
	done
}
# H1: 3 held, 2 past, 11 - 5 = 6 missing; H2: 1 past, 2 planned, 11 - 3 = 8 open.
is "$check_rc $(states C-3)" "1 held=3 planned=2 past-not-held=3 open=8 missing=6 " \
    "C-3: 22 rows as 3 held, 2 planned ahead, 3 past-not-held, 8 open, 6 missing"
is "$(states C-4)" "held=0 planned=0 past-not-held=0 open=50 missing=50 " \
    "C-4: the okrug akims held nothing: H1 missing, H2 open for all 50 villages"
is "$(awk -F'\t' '$1 ~ /^C-/ && $5 == "ok"' "$T/check.tsv" | wc -l | tr -d ' ')" 0 \
    "no coverage row says just ok"
m1() { # m1 VISIT: status and days of the M-1 row of a visit
	awk -F'\t' -v v="$1" '$1 == "M-1" && $6 == v {print $5 " " $9}' "$T/check.tsv"
}
is "$(m1 "$V4")" "overdue 56" "M-1: the meeting of 20 May is 56 days past its date, still planned"
is "$(m1 "$V5")" "overdue 15" "M-1: the one of 30 June (announced) 15 days"
is "$(m1 "$V6")|$(m1 "$V7")$(m1 "$V8")$(m1 "$V1")" "overdue 1|" \
    "M-1: the one of 14 July 1 day; nothing for today's, September's or a held meeting"
is "$(awk -F'\t' '{print NF}' "$T/check.tsv" | sort -u | tr '\n' ' ')" "11 " \
    "tsv: the nine columns, then issue and step"

KEZDESU_NOW=$NOW kz --db "$S" check 2026
cp "$T/out" "$T/check.txt"
like "$(cat "$T/check.txt")" \
    "*122 targets and periods: 3 held, 2 planned ahead, 3 past their date and not marked held, 58 open, 56 missing*" \
    "check's text counts each state (C-3 and C-4 together), never \"122 of 122 covered\""
like "$(cat "$T/check.txt")" "*M-1 * overdue * Бәйдібек ауданы → Алғабас а.о., meeting of 2026-05-20 (56 days ago, still planned)*" \
    "check's text says the meeting's date has passed and it is still planned"
like "$(cat "$T/check.txt")" "*M-1 * Алмалы а.о., meeting of 2026-06-30 (15 days ago, still announced)*" \
    "... or still announced"
like "$(cat "$T/check.txt")" "*C-3 * past-not-held * Бәйдібек ауданы → Алғабас а.о.*" \
    "check's text lists the target covered only by a past meeting not held"

# --held: only held covers, and the plan ahead is no breach yet; one more held meeting
# where the past one was turns its rows held and its M-1 away.
KEZDESU_NOW=$NOW kz --db "$S" visit set "$V4" --status held
KEZDESU_NOW=$NOW kz --db "$S" check 2026 --format tsv
cp "$T/out" "$T/check.tsv"
is "$(cov 613637000 2026-H1)|$(m1 "$V4")" "held $V4|" \
    "marked held afterwards: C-3 Алғабас H1 held, and no M-1 for it any more"

# ---- due: M-1 and the deadlines of problem issues and steps (A-3) ----
issue() { # issue VAR ARGS...: issue add, its id into VAR
	_v=$1
	shift
	KEZDESU_NOW=$NOW kz --db "$S" issue add "$@"
	[ "$rc" -eq 0 ] || { not_ok "issue add $*"; diag_file "$T/err"; }
	eval "$_v=\$(out)"
}
issue I1 --title "Шаян: су" --unit 613630000 --executor "ТКШ бөлімі" --deadline 2026-06-01 \
    --step "смета" --step-deadline 2026-05-01 --step "құрылыс" --step-deadline 2026-08-10
issue I2 --title "Ағыбет: жол" --unit 613633000 --executor "Жол бөлімі" --deadline 2026-07-30
issue I3 --title "Ақбастау: мектеп" --unit 613635000
issue I4 --title "Алмалы: газ" --unit 613639000 --deadline 2026-05-01
KEZDESU_NOW=$NOW kz --db "$S" issue set "$I4" --status resolved
issue I5 --title "Боралдай: көпір" --unit 613645000 --deadline 2025-03-01

KEZDESU_NOW=$NOW kz --db "$S" due --format tsv
due_rc=$rc
cp "$T/out" "$T/due.tsv"
di() { # di ISSUE [STEP]: status, due and days of an issue's (or its step's) row
	awk -F'\t' -v i="$1" -v s="$2" '$1 == "A-3" && $10 == i && $11 == s {print $5 " " $8 " " $9}' \
	    "$T/due.tsv"
}
is "$due_rc $(di "$I1")" "0 overdue 2026-06-01 44" "A-3: issue due 1 June, open on 15 July: overdue 44 days"
is "$(di "$I1" 1)" "overdue 2026-05-01 75" "A-3: its step 1 due 1 May: overdue 75 days"
is "$(di "$I1" 2)" "pending 2026-08-10 26" "A-3: its step 2 due 10 August: 26 days left"
is "$(di "$I2")|$(di "$I4")" "pending 2026-07-30 15|" \
    "A-3: an issue due 30 July: 15 days left; a resolved one owes nothing"
is "$(di "$I3")|$(awk -F'\t' -v i="$I3" '$10 == i {print $4}' "$T/due.tsv")" "missing  |" \
    "A-3: an open issue with no deadline is listed as missing one, in no period"
is "$(di "$I5")" "overdue 2025-03-01 501" \
    "A-3: an issue overdue for more than a year (501 days) stays listed"
is "$(awk -F'\t' '$1 == "A-3" && $10 == "'"$I1"'" {print $3}' "$T/due.tsv" | sort -u)" 613630000 \
    "the issue's unit is the row's target"
is "$(tail -n1 "$T/due.tsv" | cut -f10)" "$I3" "the issue without a deadline comes last"
dm() { awk -F'\t' -v v="$1" '$1 == "M-1" && $6 == v {print $5 " " $8 " " $9}' "$T/due.tsv"; }
is "$(dm "$V5")" "overdue 2026-06-30 15" "due: M-1 for the meeting of 30 June still announced"
is "$(dm "$V6")|$(dm "$V4")" "overdue 2026-07-14 1|" \
    "due: M-1 for the meeting of 14 July still planned, nothing for the one marked held since"
KEZDESU_NOW=$NOW kz --db "$S" due --format json
json_ok "$T/out" || not_ok "due --format json is JSON"
like "$(out)" "*\"rule\":\"A-3\",*\"issue\":\"$I1\",\"step\":\"1\",*" "due's JSON names the issue and the step"
KEZDESU_NOW=$NOW kz --db "$S" due
like "$(out)" "*A-3 * overdue * Бәйдібек ауданы → Шаян а.о., issue «Шаян: су», step 1 «смета», due 2026-05-01 (75 days late)*" \
    "due's text names the issue and its step"
like "$(out)" "*issue «Ақбастау: мектеп», no deadline*" "due's text says an issue has no deadline"
like "$(out)" "*M-1 * Боралдай а.о., meeting of 2026-07-14 (1 day ago, still planned)*" \
    "due's text says the meeting's date has passed and it is still planned"

# ---- the overview ----
KEZDESU_NOW=$NOW kz --db "$S"
[ "$rc" -eq 0 ] || { not_ok "the overview runs"; diag_file "$T/err"; }
cp "$T/out" "$T/overview"
like "$(cat "$T/overview")" "*Meetings past their date, not marked held*2026-06-30 announced Бәйдібек ауданы → Алмалы а.о., 15 days ago*2026-07-14 planned   Бәйдібек ауданы → Боралдай а.о., 1 day ago*" \
    "the overview lists the meetings past their date still planned"
like "$(cat "$T/overview")" "*2025-03-01  new       Боралдай: көпір (overdue by 501 days)*" \
    "the overview marks an overdue issue with its days"
like "$(cat "$T/overview")" "*2026-06-01  new       Шаян: су — ТКШ бөлімі (overdue by 44 days) (step 1 overdue by 75 days)*" \
    "... and an overdue step of its plan"
like "$(cat "$T/overview")" "*2026-07-30  new       Ағыбет: жол — Жол бөлімі
  no deadline new       Ақбастау: мектеп
*" "an issue with no deadline is shown as such, last"
like "$(cat "$T/overview")" "*  4 open, 2 overdue, 1 without a deadline*" "the overview counts the open issues"
# More than fifteen: the overview says how many it did not show.
i=0
while [ $i -lt 16 ]; do
	i=$((i + 1))
	issue X --title "Шаян: шағым $i" --unit 613630000 --deadline 2026-12-$((10 + i))
done
KEZDESU_NOW=$NOW kz --db "$S"
like "$(out)" "*… and 5 more (kezdesu issue list); of all 20 open, 2 overdue, 1 without a deadline*" \
    "the overview says how many open issues it did not show, and how many are overdue"

done_testing
