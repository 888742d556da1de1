#!/bin/sh
# The status line's obligations (compliance_due_count, which reads the issues and the
# meetings one at a time) are what `kezdesu due` lists: its pending and its overdue rows,
# on a store with issues in many states (a deadline past, within the 30 days, beyond them,
# none; steps done and not; financing before and after its session, decided; resolved;
# central) and meetings past and ahead; and they follow another process's commit.
. "$(dirname "$0")/lib/tui.sh"
tui_store

add() {	# add TITLE [ARGS...]: an issue of Ағыбет; its UUID in $I
	t=$1
	shift
	kz --db "$D" issue add --title "$t" --unit 613633100 "$@"
	I=$(cat "$T/out")
	[ -n "$I" ] || bail_out "setup: issue add $t"
}
add "Жол" --deadline 2026-11-01
add "Көпір" --deadline 2026-12-15
add "Мектеп" --deadline 2027-03-01
add "Су құбыры"
add "Газ" --deadline 2026-10-01 --needs-session yes --amount 5000000 --session-date 2026-12-20
add "Аурухана" --deadline 2026-12-20 --needs-session yes --amount 900000 \
    --session-date 2026-11-20
add "Спорт залы" --deadline 2026-12-25 --needs-session yes --amount 700000 \
    --session-date 2026-11-10
kz --db "$D" issue set "$I" --decision "Қаржыландыру бөлінді"
add "Жарық" --deadline 2027-01-20
kz --db "$D" issue set "$I" --step "Жобалау" --step-deadline 2026-11-15 \
    --step "Құрылыс" --step-deadline 2026-12-05 --step "Қабылдау" --step-deadline 2026-11-25
kz --db "$D" issue set "$I" --step-done 3
add "Шешілген" --deadline 2026-09-01
kz --db "$D" issue set "$I" --status resolved
add "Теміржол" --level central --deadline 2026-11-30

# what due lists: its rows by status (the fifth column)
kz --db "$D" due --format tsv
P=$(cut -f5 "$T/out" | grep -cx pending)
O=$(cut -f5 "$T/out" | grep -cx overdue)
check "due lists several of each: $P pending, $O overdue" [ "$P" -ge 4 ] && [ "$O" -ge 4 ]

tui_start 80 24 KEZDESU_NOW=$KEZDESU_NOW -- --db "$D"
shows "| due $P, overdue $O |" "the status line counts what due lists"
kz --db "$D" issue add --title "Арық" --unit 613633100 --deadline 2026-11-02
shows "| due $P, overdue $((O + 1)) |" "another process's overdue issue is counted" 3
keys F10
tui_exit "F10 quits" 0
kz --db "$D" due --format tsv
is "$(cut -f5 "$T/out" | grep -cx overdue)" $((O + 1)) "and due lists it too"
done_testing
