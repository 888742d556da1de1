#!/bin/sh
# make bench's hooks (bench/bench_ui.c): KEZDESU_BENCH_KEYS=FILE makes the interface time
# each key from its read to the end of the screen update that shows it, written to FILE at
# exit, one "KIND CODE NANOSECONDS WRITE_NANOSECONDS" line a key ('c' a character, 'k' a
# curses key; F10, which ends the loop before a draw, has none; the second number the part
# of the first spent in the store's write, for a save its durable commit, else 0). Unset,
# no file is written. And the status
# line's obligations, counted after the first frame when no key waits, still show, and
# follow another process's commit.
. "$(dirname "$0")/lib/tui.sh"
tui_store

tui_start 80 24 KEZDESU_NOW=$KEZDESU_NOW "KEZDESU_BENCH_KEYS=$T/keys" -- --db "$D"
shows "| due 1, overdue 1 | sync: none" "the obligations counted after the first frame"
shows "Ағыбет а. (613633100)" "the units named as the list shows them"
keys Down
wait_for "Ағыбет мектебі"
keys Up
keys a
sleep 0.3
keys F10
tui_exit "F10 quits" 0
is "$(wc -l <"$T/keys" | tr -d ' ')" 3 "three keys recorded (Down, Up, a), F10 not"
is "$(cut -c1 "$T/keys" | tr -d '\n')" kkc "Down and Up are curses keys, a a character"
is "$(sed -n 3p "$T/keys" | cut -d' ' -f2)" 97 "a's code is U+0061"
check "each time is a number of nanoseconds above 0 and under 2 seconds" awk '
	NF != 4 || $3 !~ /^[0-9]+$/ || $3 <= 0 || $3 >= 2e9 { bad = 1 } END { exit bad }' "$T/keys"
check "no write in moving and typing a key nowhere" awk '$4 != 0 { bad = 1 } END { exit bad }' \
    "$T/keys"

# meeting mode: Enter's time holds its durable commit, told apart
tui_start 80 24 KEZDESU_NOW=$KEZDESU_NOW "XDG_STATE_HOME=$T/state" "KEZDESU_BENCH_KEYS=$T/keys" \
    -- --db "$D" meet "$V1"
shows "question>" "meeting mode"
keys -l "жол"
wait_for "question> жол"
keys Enter
shows "question saved" "Enter saves"
keys F10
tui_exit "F10 quits" 0
is "$(awk '$4 != 0' "$T/keys" | wc -l | tr -d ' ')" 1 "one key wrote: the Enter"
check "its write is above 0 and within its whole time" awk '
	$4 != 0 { if ($2 != 13 || $4 !~ /^[0-9]+$/ || $4 > $3) bad = 1 } END { exit bad }' \
    "$T/keys"

tui_start 80 24 KEZDESU_NOW=$KEZDESU_NOW -- --db "$D"
shows "| due 1, overdue 1 |" "without KEZDESU_BENCH_KEYS"
kz --db "$D" issue add --title "Жол жөндеу" --unit 613633100 --executor "ТКШ бөлімі" \
    --deadline 2026-11-01
shows "| due 1, overdue 2 |" "another process's overdue issue counted without a key" 3
keys F10
tui_exit "F10 quits" 0
done_testing
