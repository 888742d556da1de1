#!/bin/sh
# The decree's rules through the command line (issue: calendar planning, coverage
# compliance, deadlines): plan, check, due, calendar, holiday. Every expected value is
# worked out by hand from the sample district (data/sample-district.csv: Бәйдібек ауданы,
# 11 rural okrugs with 50 villages, so C-3 asks 11 targets and C-4 50, each per half-year)
# and from the 2026 calendar; rule IDs are those of ../shared/decree/RULES.md.
. "$(dirname "$0")/lib/lib.sh"

S=$T/plan
make_store "$S"

# tsv_rows FILE RULE STATUS: how many rows of a check/due tsv have that rule and status.
tsv_rows() {
	awk -F'\t' -v r="$2" -v s="$3" '$1 == r && $5 == s' "$1" | wc -l | tr -d ' '
}

# ---- plan YEAR: C-3, C-4 ----
kz --db "$S" plan 2026
rc_is 0 "plan 2026 runs"
like "$(out)" "*122 meetings required by C-1..C-5, 122 added*" "plan 2026 adds 2 x (11 + 50) = 122 meetings"
kz --db "$S" plan 2026
like "$(out)" "*0 added*" "planning again adds nothing"
KEZDESU_NOW=2026-01-05 kz --db "$S" check 2026 --planned --format tsv
rc_is 0 "check --planned of an untouched plan exits 0"
cp "$T/out" "$T/check-planned"
is "$(tsv_rows "$T/check-planned" C-3 planned)" 22 "C-3: 11 okrugs x 2 half-years planned ahead"
is "$(tsv_rows "$T/check-planned" C-4 planned)" 100 "C-4: 50 villages x 2 half-years planned ahead"
is "$(awk -F'\t' '$1 ~ /^C-/ && $5 != "planned"' "$T/check-planned" | wc -l | tr -d ' ')" 0 \
    "no coverage row missing"
is "$(awk -F'\t' '$1 == "C-3" && $3 == "613630000" {print $4}' "$T/check-planned" | tr '\n' ' ')" \
    "2026-H1 2026-H2 " "the periods are written YYYY-H1 and YYYY-H2"
kz --db "$S" visit list --from 2026-01-01 --to 2026-12-31 --format tsv
cp "$T/out" "$T/planned"
weekend=0
for d in $(cut -f2 "$T/planned" | sort -u); do
	case $(date -u -d "$d" +%u) in 6|7) weekend=$((weekend + 1)) ;; esac
done
is "$weekend" 0 "no planned meeting on a Saturday or Sunday"
is "$(cut -f2,4 "$T/planned" | sort | uniq -d | wc -l | tr -d ' ')" 0 \
    "no akim has two meetings on one day"
for d in 2026-01-01 2026-01-02 2026-01-07 2026-03-09 2026-03-23 2026-03-24 2026-03-25 \
    2026-05-01 2026-05-07 2026-05-11 2026-07-06 2026-08-31 2026-10-26 2026-12-16; do
	grep -q "	$d	" "$T/planned" && not_ok "a meeting is planned on the day off $d" && continue
done
ok "no meeting on the days off of 2026 (New Year, Christmas, 8 March moved, Nauryz, 1/7/9 May, 6 Jul, 30 Aug moved, 25 Oct moved, 16 Dec)"
first=$(awk -F'\t' '$4 == "613600000"' "$T/planned" | cut -f2 | sort | head -n1)
like "$first" "2026-0[1-2]-*" "the district akim's first meeting is early in the year ($first)"
test "$(echo "$first" | tr -d -)" -ge 20260129 && ok "... but not before 29 January: 14 days' notice (P-4) after the 15 January approval (K-1)" ||
    not_ok "the district akim's first meeting $first is before 29 January"
first=$(awk -F'\t' '$4 != "613600000"' "$T/planned" | cut -f2 | sort | head -n1)
test "$(echo "$first" | tr -d -)" -ge 20260122 && ok "okrug akims' first meeting ($first) not before 22 January: 7 days' notice (P-4)" ||
    not_ok "an okrug akim's first meeting $first is before 22 January"
KEZDESU_NOW=2026-01-05 kz --db "$S" check 2026 --held --format tsv
rc_is 0 "check --held early in a year: nothing held yet, nothing past, no breach"
is "$(awk -F'\t' '$1 ~ /^C-/ && $5 == "planned"' "$T/out" | wc -l | tr -d ' ')" 122 \
    "--held on 5 January: all 122 targets and periods planned ahead, none held"
KEZDESU_NOW=2027-01-05 kz --db "$S" check 2026 --held --format tsv
rc_is 1 "check --held of a year none of whose meetings was marked held exits 1"
is "$(awk -F'\t' '$1 ~ /^C-/ && $5 == "past-not-held"' "$T/out" | wc -l | tr -d ' ')" 122 \
    "--held after the year: all 122 past their date and not marked held (C-1..C-5)"

# ---- movable days off ----
H=$T/holidays
make_store "$H"
kz --db "$H" holiday add 2026-05-27 --off --name "Құрбан айт"
rc_is 0 "holiday add records Kurban Ait"
kz --db "$H" holiday list --year 2026
like "$(out)" "*2026-05-27	off (recorded)	Құрбан айт*" "holiday list shows it"
like "$(out)" "*2026-03-21	holiday (weekend)	Nauryz*2026-03-24	off (moved)	Nauryz*2026-03-25	off (moved)	Nauryz*" \
    "holiday list: Nauryz on Saturday and Sunday 21-22 March 2026 moves its days off to 24 and 25 March"
kz --db "$H" plan 2026
kz --db "$H" visit list --from 2026-05-27 --to 2026-05-27
is "$(nlines "$T/out")" 0 "no meeting planned on the recorded day off"
kz --db "$H" holiday remove 2026-05-28
fails 1 "nothing is recorded" "removing a day that was never recorded is refused"

# ---- per-meeting rules and coverage edges, checked after the year (--held) ----
E=$T/edges
make_store "$E"
# add VAR ARGS...: visit add, the new id into VAR.
add() {
	_v=$1
	shift
	kz --db "$E" visit add "$@"
	[ "$rc" -eq 0 ] || { not_ok "visit add $*"; diag_file "$T/err"; }
	eval "$_v=\$(out)"
}
# P-4 for a district akim (14 days) and A-3 (10 days after the meeting).
add V1 --akim 613600000 --target 613630000 --date 2026-03-10 --duration 120
kz --db "$E" visit set "$V1" --status held --announced 2026-02-24 --published 2026-03-20 \
    --started 10:00 --report-end 10:30 --ended 12:00 --attendance citizen=80,deputy=2
add V2 --akim 613600000 --target 613633000 --date 2026-03-11 --duration 120
kz --db "$E" visit set "$V2" --status held --announced 2026-02-26 --published 2026-03-22 \
    --started 10:00 --report-end 10:31 --attendance citizen=40
# P-4 for an okrug akim (7 days); A-3 counted from the end of the receptions (A-1).
add V3 --akim 613633000 --target 613633200 --date 2026-04-14
kz --db "$E" visit set "$V3" --status held --announced 2026-04-07 --receptions-end 2026-04-17 \
    --published 2026-04-27 --attendance citizen=30
add V4 --akim 613633000 --target 613633300 --date 2026-04-15
kz --db "$E" visit set "$V4" --status held --announced 2026-04-09 --attendance citizen=25
# Half-year edges: 30 June counts for H1; a meeting moved from 30 June to 1 July for H2.
add V5 --akim 613600000 --target 613645000 --date 2026-06-30
kz --db "$E" visit set "$V5" --status held
add V6 --akim 613600000 --target 613647000 --date 2026-06-30
kz --db "$E" visit set "$V6" --date 2026-07-01 --status held
# 31 December counts for 2026-H2; 1 January 2027 not for 2026.
# Marked held after their day (a meeting is not held before its date, M-1): the clock of
# 1 February 2027, the day of the check below.
add V7 --akim 613600000 --target 613649000 --date 2026-12-31
KEZDESU_NOW=2027-02-01 kz --db "$E" visit set "$V7" --status held
add V8 --akim 613600000 --target 613653000 --date 2027-01-01
KEZDESU_NOW=2027-02-01 kz --db "$E" visit set "$V8" --status held
# A cancelled meeting covers nothing.
add V9 --akim 613600000 --target 613639000 --date 2026-02-10
kz --db "$E" visit set "$V9" --status cancelled
# Unscheduled meetings (U-1) count only as field meetings at the target.
add V10 --akim 613600000 --target 613635000 --date 2026-05-05 --no-field --unscheduled "су мәселесі"
kz --db "$E" visit set "$V10" --status held
add V11 --akim 613600000 --target 613637000 --date 2026-05-06 --field --unscheduled "жол"
kz --db "$E" visit set "$V11" --status held

KEZDESU_NOW=2027-02-01 kz --db "$E" check 2026 --held --format tsv
rc_is 1 "check --held with gaps exits 1"
cp "$T/out" "$T/edges.tsv"
row() { # row RULE VISIT: the status of that rule for that visit
	awk -F'\t' -v r="$1" -v v="$2" '$1 == r && $6 == v {print $5 ($9 != "" ? " " $9 : "")}' "$T/edges.tsv"
}
cov() { # cov TARGET PERIOD: the C-3 status of that target and period
	awk -F'\t' -v t="$1" -v p="$2" '$1 == "C-3" && $3 == t && $4 == p {print $5}' "$T/edges.tsv"
}
is "$(row P-4 "$V1")" "ok" "P-4: announced exactly 14 days before a district meeting is on time"
is "$(row P-4 "$V2")" "late 1" "P-4: 13 days before is 1 day late"
is "$(row P-4 "$V3")" "ok" "P-4: 7 days before an okrug meeting is on time"
is "$(row P-4 "$V4")" "late 1" "P-4: 6 days before an okrug meeting is 1 day late"
is "$(row A-3 "$V1")" "ok" "A-3: published on day 10 is on time"
is "$(row A-3 "$V2")" "late 1" "A-3: published on day 11 is 1 day late"
is "$(row A-3 "$V3")" "ok" "A-3: 10 days after the last reception is on time"
like "$(row A-3 "$V4")" "overdue *" "A-3: not published, past the deadline: overdue"
is "$(row T-1 "$V1")" "ok" "T-1: a report of exactly 30 of 120 minutes (25%) is fine"
is "$(row T-1 "$V2")" "over" "T-1: 31 of 120 minutes is over a quarter"
is "$(row M-2 "$V1")" "ok" "M-2: attendance recorded by category"
is "$(row M-2 "$V5")" "missing" "M-2: a held meeting without attendance"
is "$(row U-1 "$V10")" "ok" "U-1: the unscheduled meeting has its reason"
is "$(row P-4 "$V10")" "" "P-4 is not asked of an unscheduled meeting"
is "$(cov 613630000 2026-H1)" held "C-3: the March meeting covers its okrug in H1"
is "$(cov 613630000 2026-H2)" missing "C-3: ... and not in H2"
is "$(cov 613645000 2026-H1)" held "C-3: a meeting on 30 June counts for H1"
is "$(cov 613647000 2026-H1)" missing "C-3: a meeting moved from 30 June to 1 July leaves H1 ..."
is "$(cov 613647000 2026-H2)" held "... and covers H2"
is "$(cov 613649000 2026-H2)" held "C-3: a meeting on 31 December counts for 2026-H2"
is "$(cov 613653000 2026-H2)" missing "C-3: a meeting on 1 January 2027 does not count for 2026"
is "$(cov 613639000 2026-H1)" missing "C-3: a cancelled meeting covers nothing"
is "$(cov 613635000 2026-H1)" missing "C-3: an unscheduled meeting that is not a field meeting does not count"
is "$(cov 613637000 2026-H1)" held "C-3: an unscheduled field meeting at the target counts"
kz --db "$E" visit add --akim 613600000 --target 613630000 --date 2026-02-29
fails 2 "2026-02-29" "29 February 2026 is refused (not a leap year)"
kz --db "$E" visit add --akim 613600000 --target 613630000 --date 2028-02-29
rc_is 0 "29 February 2028 is a date (leap year)"
KEZDESU_NOW=2027-02-01 kz --db "$E" check 2026 --held --format json
json_ok "$T/out" && ok "check --format json is JSON" || not_ok "check --format json is JSON"
KEZDESU_NOW=2027-02-01 kz --db "$E" check 2026 --held
like "$(out)" "*C-3 * missing * Бәйдібек ауданы → *" "check's text names akims and targets"

# ---- due: K-1, K-3, A-4 for a region's office; local days; weekends ----
R=$T/region
# Made on 1 January: obligations due before a store existed are not reported.
KEZDESU_NOW=2026-01-01 kz --db "$R" init --unit 610000000
kz --db "$R" units import "$SAMPLE" --edition 2026-07-17
KEZDESU_NOW=2026-01-10T06:00 kz --db "$R" due --format tsv
rc_is 0 "due runs"
cp "$T/out" "$T/due"
dl() { awk -F'\t' -v r="$2" '$1 == r {print $8 " " $5 " " $9}' "$1" | head -n1; }
# K-1, K-3: «до 15 января», «до 20 января», read strictly (RULES.md K-1): 14 and 19 January.
is "$(dl "$T/due" K-1)" "2026-01-14 pending 4" "K-1: approval due 14 January (strict), 4 days left on the 10th"
is "$(dl "$T/due" K-3)" "2026-01-19 pending 9" "K-3: submission due 19 January (strict)"
is "$(dl "$T/due" A-4)" "2026-01-25 pending 15" "A-4: Q4 progress due 25 January"
is "$(awk -F'\t' '$1 == "K-1"' "$T/due" | wc -l | tr -d ' ')" 2 "K-1 lists the approval and the maslikhat notice"
# 19:00 UTC is midnight in Kazakhstan (UTC+5): the local day is already the next one.
KEZDESU_NOW=2026-01-13T18:59 kz --db "$R" due --format tsv
is "$(dl "$T/out" K-1)" "2026-01-14 pending 1" "at 23:59 local on the 13th: 1 day left"
KEZDESU_NOW=2026-01-13T19:00 kz --db "$R" due --format tsv
is "$(dl "$T/out" K-1)" "2026-01-14 pending 0" "at 00:00 local on the 14th: due today"
KEZDESU_NOW=2026-01-14T19:00 kz --db "$R" due --format tsv
is "$(dl "$T/out" K-1)" "2026-01-14 overdue 1" "on 15 January itself K-1 is a day late (strict reading)"
kz --db "$R" calendar approve 2026 --date 2026-01-14
rc_is 0 "calendar approve"
kz --db "$R" calendar notify 2026 --date 2026-01-14
rc_is 0 "calendar notify (the maslikhat)"
KEZDESU_NOW=2026-01-21 kz --db "$R" due --format tsv
is "$(awk -F'\t' '$1 == "K-1"' "$T/out" | wc -l | tr -d ' ')" 0 "K-1 done: no longer due"
is "$(dl "$T/out" K-3)" "2026-01-19 overdue 2" "K-3 not submitted on the 21st: 2 days overdue"
kz --db "$R" due --date 2026-04-20 --format tsv
is "$(awk -F'\t' '$1 == "A-4" && $8 == "2026-04-25" {print $5 " " $9}' "$T/out")" "pending 5" \
    "A-4 on Saturday 25 April 2026 is shown as the 25th"
is "$(awk -F'\t' '$1 == "A-4" && $8 == "2026-01-25" {print $5 " " $9}' "$T/out")" "overdue 85" \
    "A-4 for the fourth quarter, never recorded, stays listed as overdue"
kz --db "$R" calendar progress 2026 --quarter 1 --date 2026-04-24
kz --db "$R" due --date 2026-04-20 --format tsv
is "$(awk -F'\t' '$1 == "A-4" && $8 == "2026-04-25"' "$T/out" | wc -l | tr -d ' ')" 0 \
    "A-4 recorded as published: no longer due"
kz --db "$E" due --date 2026-01-10 --format tsv
is "$(awk -F'\t' '$1 == "K-1" || $1 == "K-3"' "$T/out" | wc -l | tr -d ' ')" 0 \
    "a district's office has no K-1 or K-3 of its own"
kz --db "$R" due --date 2026-13-01
fails 2 "not a date" "due --date with a bad date"

# ---- the calendar's lifecycle and revisions (K-1..K-3) ----
kz --db "$S" calendar approve 2026 --date 2026-01-12
rc_is 0 "approve the planned calendar"
kz --db "$S" calendar approve 2026 --date 2026-01-13
fails 1 "already approved" "a second approval is refused"
kz --db "$S" plan 2026
fails 1 "already approved" "plan refuses an approved calendar"
moved=$(awk -F'\t' '$4 == "613600000" && $5 == "613630000" && $2 < "2026-07-01" {print $1}' "$T/planned")
old=$(awk -F'\t' -v v="$moved" '$1 == v {print $2}' "$T/planned")
kz --db "$S" visit set "$moved" --date 2026-06-15 --reason "аким командировкада"
rc_is 0 "a meeting of the approved calendar moved with its reason (K-2)"
kz --db "$S" calendar revise 2026 --date 2026-03-01 --reason "аким командировкада"
rc_is 0 "calendar revise with a reason"
kz --db "$S" calendar revise 2026 --date 2026-03-02
fails 2 "reason" "a revision needs its reason (K-2)"
kz --db "$S" calendar notify 2026 --revision 1 --date 2026-02-28
fails 1 "before it was made" "the maslikhat is not notified of a revision before it"
kz --db "$S" calendar notify 2026 --revision 1 --date 2026-03-03
rc_is 0 "the maslikhat notified of revision 1 afterwards (K-2)"
kz --db "$S" calendar show 2026 --revision 0 --format tsv
is "$(awk -F'\t' -v v="$moved" '$4 == v {print $1}' "$T/out")" "$old" "revision 0 keeps the meeting's old date"
is "$(nlines "$T/out")" 122 "revision 0 holds the 122 approved meetings"
kz --db "$S" calendar show 2026 --revision 1 --format tsv
is "$(awk -F'\t' -v v="$moved" '$4 == v {print $1}' "$T/out")" 2026-06-15 "revision 1 has the new date"
kz --db "$S" calendar show 2026 --revision 2
fails 1 "no revision 2" "a revision that does not exist"
kz --db "$S" calendar show 2026 --format json
json_ok "$T/out" && ok "calendar show --format json" || not_ok "calendar show --format json"
like "$(out)" '*"status":"approved"*"notified_on":"2026-03-03"*' "the calendar's status and revision 1's notice"
kz --db "$S" calendar submit 2026 --date 2026-01-19
kz --db "$S" calendar show 2026
like "$(out)" "*status: submitted*submitted_on: 2026-01-19*" "submitted to the Government (K-3)"

done_testing
