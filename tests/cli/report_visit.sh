#!/bin/sh
# report results (A-3) lists the problem issues raised at its meetings: those added with
# --visit and no question linked too (issue 9), read through core's index of issues by
# meeting, not only those the meetings' questions are linked to. Before, such an issue
# was left out of the meeting's published results.
. "$(dirname "$0")/lib/lib.sh"

D=$T/demo
export KEZDESU_NOW=2026-11-20T10:00
kz --db "$D" --demo
[ "$rc" -eq 0 ] || bail_out "setup: kezdesu --demo"
line=$("$KZ" --db "$D" visit list | awk -F'\t' '$6 == "held" && $2 >= "2026-10-01" { print; exit }')
V=$(printf '%s\n' "$line" | cut -f1)
U=$(printf '%s\n' "$line" | cut -f5)
[ -n "$V" ] || bail_out "setup: no meeting held in 2026-Q4 in the demo"

kz --db "$D" report results "$V" --lang en
cp "$T/out" "$T/before.md"
n0=$(grep -c '^| [0-9][0-9]* | ' "$T/before.md")

kz --db "$D" issue add --title "Көпір: жөндеу" --unit "$U" --executor "ТҚШ бөлімі" \
    --deadline 2027-03-01 --visit "$V"
[ "$rc" -eq 0 ] || bail_out "setup: issue add: $(cat "$T/err")"
A=$(cat "$T/out")
kz --db "$D" issue set "$A" --step "Жобалау-сметалық құжаттаманы әзірлеу" --step-deadline 2027-01-15
[ "$rc" -eq 0 ] || bail_out "setup: issue set --step: $(cat "$T/err")"
kz --db "$D" question list --issue "$A"
is "$(wc -l <"$T/out" | tr -d ' ')" "0" "setup: no question is linked to the issue"

kz --db "$D" report results "$V" --lang en
cp "$T/out" "$T/after.md"
check "A-3: an issue raised at the meeting with no question linked is in its results" \
    grep -qF "| Көпір: жөндеу |" "$T/after.md"
check "... and in the action plan, with its measure and deadline" \
    grep -qF "Көпір: жөндеу | Жобалау-сметалық құжаттаманы әзірлеу | 15 January 2027 |" "$T/after.md"
n1=$(grep -c '^| [0-9][0-9]* | ' "$T/after.md")
is "$n1" "$((n0 + 1))" "one more problem issue than before, listed once"
kz --db "$D" report results --period 2026-10-01..2026-11-20 --lang en --format csv
check "in a period's results too" grep -qF "Көпір: жөндеу" "$T/out"

# Another meeting's results do not list it.
W=$("$KZ" --db "$D" visit list | awk -F'\t' -v v="$V" '$6 == "held" && $1 != v { print $1; exit }')
kz --db "$D" report results "$W" --lang en
check "another meeting's results do not list it" sh -c "! grep -qF 'Көпір: жөндеу' '$T/out'"

# Withdrawn (kezdesu undo): no longer listed.
kz --db "$D" issue add --title "Көпір: қате" --unit "$U" --visit "$V"
[ "$rc" -eq 0 ] || bail_out "setup: issue add: $(cat "$T/err")"
kz --db "$D" undo
like "$(cat "$T/out" "$T/err")" "*issue*withdrawn*" "setup: undo withdraws the issue just added"
kz --db "$D" report results "$V" --lang en
check "an issue withdrawn is not listed" sh -c "! grep -qF 'Көпір: қате' '$T/out'"
check "the first is still there" grep -qF "| Көпір: жөндеу |" "$T/out"

# A store opened read-only reads the index too.
kz --db "$D" --read-only report results "$V" --lang en
check "--read-only: the same results" grep -qF "| Көпір: жөндеу |" "$T/out"
done_testing
