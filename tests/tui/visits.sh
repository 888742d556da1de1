#!/bin/sh
# The Visits pane's actions: cancel (asks, then one write through core, refused with
# --read-only), the year's coverage view in words, pages through a long list; and input:
# a paste arrives as one text, Escape then a key is Meta.
. "$(dirname "$0")/lib/tui.sh"
tui_store

tui_start 100 24 KEZDESU_NOW=$KEZDESU_NOW -- --read-only --db "$D"
shows "READ-ONLY" "--read-only is on the status line"
keys Down c
shows "visit-cancel: refused, the store is open read-only (--read-only)" \
    "--read-only refuses a writing action with a message"
keys F10
tui_exit "F10 quits" 0
kz --db "$D" visit show "$V2" --format json
like "$(out)" '*"status":"planned"*' "the meeting is still planned"

tui_start 100 24 KEZDESU_NOW=$KEZDESU_NOW -- --db "$D"
shows "Ағыбет а. (613633100)" "the list"
keys Down c
shows "Cancel the selected meeting? (y/n)" "c asks first"
keys n
shows "not done" "n leaves it"
keys c
wait_for "(y/n)"
keys y
shows "the meeting is cancelled (saved)" "y cancels it"
shows "2026-12-10 15:00 cancelled" "the list shows it cancelled"
kz --db "$D" visit show "$V2" --format json
like "$(out)" '*"status":"cancelled"*' "the store has it cancelled"

keys y
shows "Coverage 2026 (C-1..C-5)" "y shows the year's coverage"
check "a target's row: its half-years' states in words" \
    grep -Eq "^C-[1-5] +- +(held|planned|PAST, NOT HELD|open|MISSING) +(held|planned|PAST, NOT HELD|open|MISSING) +Ағыбет" \
    "$T/screen"
keys y
shows "date       time  status" "y again: back to the list"

# a paste in bracketed-paste mode: one text to the pane, not keys (q inside it quits nothing)
tmux_ set-buffer "quit? q q"
tmux_ paste-buffer -p
shows "pasted 9 bytes: nothing here takes text" "a bracketed paste arrives as one text"
keys Escape x
shows "M-x: no action here" "Escape then x is M-x"
keys F10
tui_exit "F10 quits with status 0" 0

# P-3, P-4: the announcement, its channels marked in a chooser, then its day
tui_start 100 24 KEZDESU_NOW=$KEZDESU_NOW -- --db "$D"
shows "Ағыбет а.о. (613633000)" "the list again"
kz --db "$D" visit add --akim "$DISTRICT" --target 613633100 --date 2026-12-12 --time 11:00
V3=$(cat "$T/out")
shows "2026-12-12 11:00 planned" "a new meeting to announce"
keys Down Down a
shows "Announced through (P-3):" "a opens the channels"
check "none marked yet, in words" grep -q "^\[ \] " "$T/screen"
keys Enter
shows "P-3" "Enter with none marked: core's one line, the chooser stays"
check "still the chooser" grep -q "Announced through" "$T/screen"
keys Space Down Down Space
# the keys are handled one by one: wait for the second mark, not only the first
_k=0
while [ "$(screen | grep -c '^\[x\]')" -lt 2 ] && [ "$_k" -lt 100 ]; do
	sleep 0.05
	_k=$((_k + 1))
done
check "two marked" [ "$(grep -c '^\[x\]' "$T/screen")" -eq 2 ]
keys Enter
shows "Announced (P-4) on: Enter saves" "Enter asks the day"
check "today to start with" grep -q "\[2026-12-01" "$T/screen"
keys Enter
shows "announced today through regional print, official web resources (saved)" "Enter saves them"
shows "2026-12-12 11:00 announced" "the meeting is announced in the list"
kz --db "$D" visit show "$V3" --format json
like "$(out)" '*"status":"announced"*"announced_on":"2026-12-01"*"channels":"print,web"*' \
    "the store has the announcement of today with the channels"
keys a
shows "[x] " "a again: the recorded channels are marked"
keys Escape
shows "left: nothing saved" "Escape leaves the chooser"
keys F10
tui_exit "F10 quits" 0

# pages: 40 meetings, the pane shows a page; End and Home reach the ends
i=1
while [ "$i" -le 40 ]; do
	d=$(printf '2027-%02d-%02d' $((1 + (i - 1) / 20)) $((1 + (i - 1) % 20)))
	kz --db "$D" visit add --akim "$DISTRICT" --target 613633100 --date "$d" --time 10:00
	i=$((i + 1))
done
tui_start 100 24 KEZDESU_NOW=$KEZDESU_NOW -- --db "$D"
shows "2026-12-10" "the page around today"
shows "2027-01-10 10:00" "a full page"
check "not the last meetings" sh -c "! grep -q '2027-02-20' '$T/screen'"
keys End
shows "2027-02-20 10:00" "End: the last page"
keys Home
shows "2026-11-20 10:00" "Home: the first page"
keys PageDown
shows "2027-01-1" "PageDown pages forward"
keys PageUp
shows "2026-11-20 10:00" "PageUp back"
keys F10
tui_exit "F10 quits" 0
done_testing
