#!/bin/sh
# Deadlines over the turn of the year and what is left of a step done late (RULES.md K-1..K-3,
# A-4): a region's office (Turkistan, 610000000) made on 1 January 2026, every date hand-worked.
. "$(dirname "$0")/lib/lib.sh"

R=$T/region
KEZDESU_NOW=2026-01-01 kz --db "$R" init --unit 610000000
kz --db "$R" units import "$SAMPLE" --edition 2026-07-17
rc_is 0 "the region's store"

# rows RULE: rule, year, quarter, status, due and days of due's tsv rows of that rule.
rows() { awk -F'\t' -v r="$1" '$1 == r {print $4 " " $5 " " $8 " " $9}' "$T/out" |
    tr '\n' '|'; }

# ---- A-4 of the fourth quarter across New Year ----
# Q4 2025's progress is due 25 January 2026 and published on the 20th; Q1..Q3 of 2026 on
# time. On 10 January 2027 the window reaches back 365 days, to 10 January 2026, so Q4
# 2025's deadline (25 January 2026) is inside it: it was recorded, it is not owed.
kz --db "$R" calendar progress 2025 --quarter 4 --date 2026-01-20
rc_is 0 "A-4: Q4 2025 recorded as published on 20 January 2026"
for q in 1 2 3; do
	kz --db "$R" calendar progress 2026 --quarter $q --date 2026-$(printf %02d $((3 * q + 1)))-20
done
KEZDESU_NOW=2027-01-10 kz --db "$R" due --format tsv
is "$(rows A-4)" "2026-Q4 pending 2027-01-25 15|" \
    "10 Jan 2027: Q4 2025, published, is not overdue again; Q4 2026 has 15 days left"
# Q4 2026 published on 20 January 2027: nothing of A-4 left on the 26th.
KEZDESU_NOW=2027-01-20 kz --db "$R" calendar progress 2026 --quarter 4 --date 2027-01-20
KEZDESU_NOW=2027-01-26 kz --db "$R" due --format tsv
is "$(rows A-4)" "" "26 Jan 2027: Q4 2026 recorded on the 20th, not due"

# ---- A step done late leaves a trace: ok, late, pending, overdue ----
# 2026's calendar approved and the maslikhat notified on 12 January (K-1, by the 14th:
# on time), submitted to the Government on 21 January (K-3, by the 19th: 2 days late);
# Q1's progress published on 27 April (A-4, by 25 April: 2 days late).
Y=$T/year
KEZDESU_NOW=2026-01-01 kz --db "$Y" init --unit 610000000
kz --db "$Y" units import "$SAMPLE" --edition 2026-07-17
# Two meetings of the calendar, recorded before its approval (an approved calendar takes
# new meetings only as revisions, K-2); their steps are checked below, on 16 May.
KEZDESU_NOW=2026-05-16 kz --db "$Y" visit add --akim 610000000 --target 613600000 \
    --date 2026-04-10 --field --status held --published 2026-04-25
rc_is 0 "a held meeting published late"
KEZDESU_NOW=2026-05-16 kz --db "$Y" visit add --akim 610000000 --target 613600000 \
    --date 2026-05-27 --field --announced 2026-05-15
rc_is 0 "a meeting announced late"
kz --db "$Y" calendar approve 2026 --date 2026-01-12
kz --db "$Y" calendar notify 2026 --date 2026-01-12
kz --db "$Y" calendar submit 2026 --date 2026-01-21
rc_is 0 "K-3: the calendar submitted on 21 January"
KEZDESU_NOW=2026-01-22 kz --db "$Y" due --format tsv
is "$(rows K-3)" "2026 late 2026-01-19 2|" "due on 22 Jan: K-3 is still there, done 2 days late"
is "$(rows K-1)" "" "due: K-1, done on time, is not listed"
kz --db "$Y" calendar progress 2026 --quarter 1 --date 2026-04-27
KEZDESU_NOW=2026-05-01 kz --db "$Y" due --format tsv
is "$(rows A-4)" "2025-Q4 overdue 2026-01-25 96|2026-Q1 late 2026-04-25 2|" \
    "due on 1 May: Q4 2025 never recorded (96 days), Q1 2026 done 2 days late"
KEZDESU_NOW=2026-05-01 kz --db "$Y" check 2026 --format tsv
is "$rc" 1 "check exits 1: two steps were late"
is "$(rows K-1)$(rows K-3)$(rows A-4)" \
    "2026 ok 2026-01-14 |2026 ok 2026-01-14 |2026 late 2026-01-19 2|2026-Q1 late 2026-04-25 2|2026-Q2 pending 2026-07-25 85|2026-Q3 pending 2026-10-25 177|2026-Q4 pending 2027-01-25 269|" \
    "check 2026: K-1 ok (twice: approval, notice), K-3 late 2, A-4 Q1 late 2, Q2..Q4 pending"
is "$(awk -F'\t' '$1 == "K-3" {print NF}' "$T/out")" 11 "the rows keep check's 11 tsv columns"
KEZDESU_NOW=2026-05-01 kz --db "$Y" check 2026
like "$(out)" "*Deadlines of the office*K-3  2026     late     *due 2026-01-19 (2 days late)*submit the approved calendar*7 deadlines, 2 of them breaches*" \
    "check's text shows K-3 done 2 days late"
# Nothing recorded for Q2 by 1 August: overdue by 7 days (25 July + 7).
KEZDESU_NOW=2026-08-01 kz --db "$Y" check 2026 --format tsv
is "$(awk -F'\t' '$1 == "A-4" && $4 == "2026-Q2" {print $5, $9}' "$T/out")" "overdue 7" \
    "check on 1 Aug: Q2's progress not recorded, 7 days overdue"

# Meetings' steps too (P-4, A-3): a field meeting of the region's akim in Baidibek district
# on 10 April 2026, held, its results published on 25 April (A-3: 10 days, by 20 April: 5
# days late); another there on Wednesday 27 May announced on 15 May (P-4: 14 days, by 13
# May: 2 days late). On 16 May due lists both as late, check too (check also has P-4 of
# the April meeting, never announced: missing).
KEZDESU_NOW=2026-05-16 kz --db "$Y" due --format tsv
is "$(rows A-3)$(rows P-4)" "2026-H1 late 2026-04-20 5|2026-H1 late 2026-05-13 2|" \
    "due on 16 May: A-3 published 5 days late, P-4 announced 2 days late"
KEZDESU_NOW=2026-05-16 kz --db "$Y" check 2026 --format tsv
is "$(rows A-3)$(rows P-4)" "2026-H1 late 2026-04-20 5|2026-H1 missing 2026-03-27 |2026-H1 late 2026-05-13 2|" \
    "check on 16 May: the same, and the April meeting's notice missing"

# ---- K-2: a revision is owed its maslikhat notice until it is notified ----
# 2026's calendar of the store above was approved on 12 January; revision 1 on 2 March.
# On 5 March its notice is 3 days overdue (due on the revision's day: «последующим» sets
# no term); it stays in due until recorded, and in check as overdue, then ok.
KEZDESU_NOW=2026-03-02 kz --db "$Y" calendar revise 2026 --date 2026-03-02 --reason "аким іссапарда"
rc_is 0 "K-2: revision 1 on 2 March"
KEZDESU_NOW=2026-03-02 kz --db "$Y" due --format tsv
is "$(rows K-2)" "2026 pending 2026-03-02 0|" "due on the revision's day: its notice is due today"
is "$(awk -F'\t' '$1 == "K-2" {print $11}' "$T/out")" 1 "the step column names revision 1"
KEZDESU_NOW=2026-03-05 kz --db "$Y" due
like "$(out)" "*K-2  2026     overdue  Түркістан облысы, revision 1, due 2026-03-02 (3 days late)*notify the maslikhat*" \
    "due's text on 5 March: revision 1 not notified, 3 days"
KEZDESU_NOW=2027-03-05 kz --db "$Y" due --format tsv
is "$(rows K-2)" "2026 overdue 2026-03-02 368|" "a year on, still owed (it does not lapse)"
KEZDESU_NOW=2026-03-05 kz --db "$Y" check 2026 --format tsv
is "$(rows K-2)" "2026 overdue 2026-03-02 3|" "check lists the revision's notice as overdue"
KEZDESU_NOW=2026-03-06 kz --db "$Y" calendar notify 2026 --revision 1 --date 2026-03-06
rc_is 0 "the maslikhat notified of revision 1 on 6 March"
KEZDESU_NOW=2026-03-06 kz --db "$Y" due --format tsv
is "$(rows K-2)" "" "notified: no longer due"
KEZDESU_NOW=2026-03-06 kz --db "$Y" check 2026 --format tsv
is "$(rows K-2)" "2026 ok 2026-03-02 |" "and check says ok"

# ---- K-1: the maslikhat notified before the approval or on its day ----
N=$T/notice
KEZDESU_NOW=2026-01-01 kz --db "$N" init --unit 610000000
kz --db "$N" units import "$SAMPLE" --edition 2026-07-17
kz --db "$N" calendar notify 2026 --date 2026-01-09
rc_is 0 "K-1: the maslikhat notified on 9 January, before the approval"
kz --db "$N" calendar approve 2026 --date 2026-01-12
rc_is 0 "approved on 12 January"
kz --db "$N" calendar show 2026
like "$(out)" "*status: notified*notified_on: 2026-01-09*" "the notice before the approval is kept"
KEZDESU_NOW=2026-01-13 kz --db "$N" check 2026 --format tsv
is "$(rows K-1)" "2026 ok 2026-01-14 |2026 ok 2026-01-14 |" "K-1: approval and notice both on time"
kz --db "$T/notice2" init --unit 610000000
kz --db "$T/notice2" units import "$SAMPLE" --edition 2026-07-17
kz --db "$T/notice2" calendar approve 2026 --date 2026-01-12
kz --db "$T/notice2" calendar notify 2026 --date 2026-01-11
rc_is 0 "the notice recorded after the approval, dated the day before it, is accepted"
kz --db "$T/notice2" calendar notify 2026 --date 2026-01-12
rc_is 0 "and on the approval's day"

done_testing
