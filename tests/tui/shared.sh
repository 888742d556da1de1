#!/bin/sh
# A shared store: another process adds a meeting while the interface shows the list; it
# appears within a second or two without a key pressed (the generation, polled each turn).
. "$(dirname "$0")/lib/tui.sh"
tui_store

tui_start 80 24 KEZDESU_NOW=$KEZDESU_NOW -- --db "$D"
shows "Ағыбет а. (613633100)" "the list is shown"
check "the new meeting is not there yet" sh -c "! grep -q '2026-12-14' '$T/screen'"
kz --db "$D" visit add --akim "$DISTRICT" --target 613633000 --date 2026-12-14 --time 11:00
rc_is 0 "another process adds a meeting"
start=$(now_ms)
shows "2026-12-14 11:00 planned    Ағыбет а.о. (613633000)" "it appears without a key" 3
diag "appeared after $(($(now_ms) - start)) ms"
check "within two seconds" [ $(($(now_ms) - start)) -le 2000 ]
kz --db "$D" issue add --title "Жол жөндеу" --unit 613633100 --executor "ТКШ бөлімі" \
    --deadline 2026-11-01
keys F4
shows "OVERDUE" "Triage shows an issue another process added, its deadline past marked OVERDUE"
keys F10
tui_exit "F10 quits with status 0" 0
done_testing
