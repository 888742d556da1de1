#!/bin/sh
# The frame in a real terminal: 80x24, 60x20, 200x60 side by side, below 60x20 one clear
# line, a resize while running, panes by F2/F3/F4 and Tab, help, F10 quits with status 0.
. "$(dirname "$0")/lib/tui.sh"
tui_store

tui_start 80 24 KEZDESU_NOW=$KEZDESU_NOW -- --db "$D"
shows "613600000 Бәйдібек ауданы | 2026-12-01 | due 1, overdue 1 | sync: none" \
    "80x24: the status line: the office, today, the obligations due and overdue, sync"
shows "2026-12-10 15:00 planned    Ағыбет а. (613633100) [P-" \
    "80x24: a visit with its place named and its obligation before it marked"
check "80x24: the mark in words: due in N days" \
    grep -q "Ағыбет а. (613633100) \[P-[0-9] due [0-9]*d\]" "$T/screen"
check "80x24: a past meeting not marked held is said so (M-1)" \
    grep -q "2026-11-20 10:00 planned .*\[M-1 not held" "$T/screen"
check "80x24: the key-hint line" grep -q "F1 help" "$T/screen"
keys F4
shows "▶ Triage" "F4 shows Triage"
keys F3
shows "no meeting selected" "F3 shows Intake with no meeting yet"
keys Tab
shows "▶ Triage" "Tab goes to the next pane"
keys F2 Down Enter
shows "Meeting 2026-12-10 15:00 at Ағыбет а." "Enter on a meeting opens it in Intake with its details"
check "and its venue" grep -q "venue: Ағыбет мектебі" "$T/screen"
keys F1
shows "Keys of the Intake pane" "F1 shows the help of the current pane"
# (in meeting mode: the editor's keys first, F10 quit further down)
check "help is generated from the action table" \
    grep -q "Enter *save *save the line as a question" "$T/screen"
keys Escape
wait_gone "Keys of the Intake pane" 3
check "Escape closes the help" [ $? -eq 0 ]
keys F10
tui_exit "F10 quits with status 0" 0

tui_start 60 20 KEZDESU_NOW=$KEZDESU_NOW -- --db "$D"
shows "Ағыбет а. (613633100)" "60x20: the visits are listed"
check "60x20: no 'needs at least' line" sh -c "! grep -q 'needs at least' '$T/screen'"
keys q
tui_exit "q quits outside the editor" 0

tui_start 200 60 KEZDESU_NOW=$KEZDESU_NOW -- --db "$D"
shows "▶ Visits" "200x60: Visits"
check "200x60: Intake beside it" grep -q "▶ Visits .*  Intake" "$T/screen"
keys F4
wait_for "▶ Triage"
check "200x60: Triage beside Visits after F4" grep -q "  Visits .*▶ Triage" "$T/screen"
keys F10
tui_exit "200x60: F10 quits" 0

tui_start 50 15 KEZDESU_NOW=$KEZDESU_NOW -- --db "$D"
shows "kezdesu needs at least 60x20 (now 50x15)" "50x15: one clear line"
is "$(grep -c . "$T/screen")" 1 "50x15: and nothing else"
tmux_ resize-window -x 90 -y 25
shows "▶ Visits" "grown to 90x25 while running: the frame comes back"
tmux_ resize-window -x 55 -y 25
shows "kezdesu needs at least 60x20 (now 55x25)" "shrunk to 55x25: the line again"
tmux_ resize-window -x 100 -y 30
shows "▶ Visits" "and back"
keys F10
tui_exit "F10 after resizes quits with status 0" 0
# make run: --demo makes the demo store and opens the interface on a terminal
tui_start 100 30 -- --db "$T/demo" --demo
shows "613600000 Бәйдібек ауданы" "--demo on a terminal opens the interface on the demo store"
check "with its meetings" grep -q "Visits" "$T/screen"
keys F10
tui_exit "F10 quits with status 0" 0
done_testing
