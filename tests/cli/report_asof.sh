#!/bin/sh
# report quarterly (A-4) as at the quarter's end (issue 9): each issue's status, deadline,
# "overdue" and what remains are those of the quarter's last day, read from its dated
# history, and a change after the quarter is written beside the status; the summary
# counts the statuses at the quarter's end. Before, the statuses were those of the day
# the report was made: an issue solved in January showed as solved in Q4's report.
. "$(dirname "$0")/lib/lib.sh"

D=$T/demo
export KEZDESU_NOW=2026-11-20T10:00
kz --db "$D" --demo
[ "$rc" -eq 0 ] || bail_out "setup: kezdesu --demo"
# A meeting held in 2026-Q4, at a village.
V=$("$KZ" --db "$D" visit list | awk -F'\t' '$6 == "held" && $2 >= "2026-10-01" { print $1; exit }')
U=$("$KZ" --db "$D" visit list | awk -F'\t' '$6 == "held" && $2 >= "2026-10-01" { print $5; exit }')
[ -n "$V" ] || bail_out "setup: no meeting held in 2026-Q4 in the demo"

# Raised on 21 November 2026, in work in December, solved on 12 January 2027.
export KEZDESU_NOW=2026-11-21T10:00
kz --db "$D" issue add --title "Көпір: жөндеу" --unit "$U" --executor "ТҚШ бөлімі" \
    --deadline 2026-12-20 --visit "$V"
[ "$rc" -eq 0 ] || bail_out "setup: issue add: $(cat "$T/err")"
A=$(cat "$T/out")
# Raised the same day, its deadline in the quarter, moved after it (to March 2027).
kz --db "$D" issue add --title "Көпір: жарық" --unit "$U" --executor "ТҚШ бөлімі" \
    --deadline 2026-12-15 --visit "$V"
[ "$rc" -eq 0 ] || bail_out "setup: issue add: $(cat "$T/err")"
B=$(cat "$T/out")
export KEZDESU_NOW=2026-12-02T10:00
kz --db "$D" issue set "$A" --status in-work
[ "$rc" -eq 0 ] || bail_out "setup: issue set: $(cat "$T/err")"
kz --db "$D" issue set "$B" --status in-work
[ "$rc" -eq 0 ] || bail_out "setup: issue set: $(cat "$T/err")"
export KEZDESU_NOW=2027-01-12T10:00
kz --db "$D" issue set "$A" --status resolved
[ "$rc" -eq 0 ] || bail_out "setup: issue set: $(cat "$T/err")"
kz --db "$D" issue set "$B" --deadline 2027-03-01
[ "$rc" -eq 0 ] || bail_out "setup: issue set: $(cat "$T/err")"

export KEZDESU_NOW=2027-01-20T10:00
kz --db "$D" report quarterly 2026-Q4 --lang en
[ "$rc" -eq 0 ] || bail_out "report quarterly: $(cat "$T/err")"
cp "$T/out" "$T/q4.md"
rowA=$(grep -F '| Көпір: жөндеу |' "$T/q4.md")
rowB=$(grep -F '| Көпір: жарық |' "$T/q4.md")
like "$rowA" "*| 20 December 2026 (overdue) | in work; after the quarter: solved (12 January 2027) |*" \
    "A-4: solved in January, in work and overdue at the quarter's end: so shown, the change beside it"
like "$rowB" "*| 15 December 2026 (overdue) | in work; after the quarter: deadline 1 March 2027 |*" \
    "A-4: its deadline at the quarter's end, overdue then; moved after it: said beside the status"
check "the document says which date the statuses are of" \
    grep -qF "Statuses, deadlines and what remains are as at 31 December 2026" "$T/q4.md"

# The summary counts the statuses at the quarter's end: one more in work than today's.
kz --db "$D" report quarterly 2026-Q4 --lang en --format csv
work=$(sed -n 's/^In work,\([0-9]*\).$/\1/p' "$T/out")
solved=$(sed -n 's/^Solved,\([0-9]*\).$/\1/p' "$T/out")
# The status column of the table (the sixth): "in work", "in work; after the quarter: ...";
# "in work" in the summary is every status not closed (new and passed higher too).
nwork=$(awk -F' [|] ' '/^[|] [0-9]+ [|] / && $6 !~ /^(solved|explained|rejected)/' "$T/q4.md" |
    wc -l | tr -d ' ')
nsolved=$(awk -F' [|] ' '/^[|] [0-9]+ [|] / && $6 ~ /^solved/' "$T/q4.md" | wc -l | tr -d ' ')
is "$work $solved" "$nwork $nsolved" "A-4: the summary counts the statuses at the quarter's end, as the table shows them"

# In the quarter after, the issue is solved, with no note; in Russian and Kazakh too.
kz --db "$D" report quarterly 2027-Q1 --lang en
like "$(grep -F '| Көпір: жөндеу |' "$T/out")" "*| solved | status: solved (12 January 2027) | — |" \
    "A-4 of 2027-Q1: solved in it, and so shown"
kz --db "$D" report quarterly 2026-Q4 --lang ru
like "$(grep -F '| Көпір: жөндеу |' "$T/out")" "*| в работе; после квартала: решён (12 января 2027 г.) |*" \
    "the note in Russian"
kz --db "$D" report quarterly 2026-Q4 --lang kk
like "$(grep -F '| Көпір: жөндеу |' "$T/out")" "*| жұмыста; тоқсаннан кейін: шешілді (12 қаңтар 2027 ж.) |*" \
    "the note in Kazakh"
done_testing
