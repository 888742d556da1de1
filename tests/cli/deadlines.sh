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
kz --db "$R" calendar progress 2026 --quarter 4 --date 2027-01-20
KEZDESU_NOW=2027-01-26 kz --db "$R" due --format tsv
is "$(rows A-4)" "" "26 Jan 2027: Q4 2026 recorded on the 20th, not due"

done_testing
