#!/bin/sh
# T-1 in meeting mode: C-t records the meeting's start, then the end of the report
# (visit_modify, seen by `kezdesu visit show`); the clock shows the report's share of
# the planned time and warns past a quarter; a third C-t is refused. And the bytes written
# to the terminal per typed character and per second of a running clock (tmux pipe-pane):
# a few cells, not a screen.
. "$(dirname "$0")/lib/tui.sh"
tui_store
XDG_STATE_HOME=$T/state
export XDG_STATE_HOME
kz --db "$D" visit add --akim "$DISTRICT" --target 613633000 --date 2026-12-01 --time 11:00 \
    --duration 60
V3=$(cat "$T/out")

tui_start 100 30 KEZDESU_NOW=2026-12-01T06:00 XDG_STATE_HOME=$XDG_STATE_HOME -- --db "$D" meet
shows "clock: not started (C-t records the start) | planned 60 min" "the clock before the start"
keys C-t
shows "T-1: the meeting started at 11:00 (saved)" "C-t records the start"
shows "clock 00:00:00 / 60 min | report running 0 min = 0% (T-1: 25% at most; C-t: its end)" \
    "the clock runs, the report with it"
kz --db "$D" visit show "$V3" --format json
like "$(out)" '*"started_ms":1796104800000*' "the start is in the store"
keys F10
tui_exit "F10 quits" 0

# 10 minutes later: 16% of 60, within T-1
tui_start 100 30 KEZDESU_NOW=2026-12-01T06:10 XDG_STATE_HOME=$XDG_STATE_HOME -- --db "$D" meet
shows "clock 00:10:00 / 60 min | report running 10 min = 16% (T-1: 25% at most" \
    "ten minutes in: no warning"
keys F10
tui_exit "F10 quits" 0
# 16 minutes later: past a quarter
tui_start 100 30 KEZDESU_NOW=2026-12-01T06:16 XDG_STATE_HOME=$XDG_STATE_HOME -- --db "$D" meet
shows "T-1 WARNING: the report is past a quarter | clock 00:16:00 / 60 min | report 16 min = 26%" \
    "sixteen minutes in: the warning, in words"
keys C-t
shows "T-1: the report ended at 11:16 (saved)" "C-t records the end of the report"
shows "T-1 WARNING: the report took more than a quarter | clock 00:16:00 / 60 min | report 16" \
    "the report's share stays, with the warning"
kz --db "$D" visit show "$V3" --format json
like "$(out)" '*"report_end_ms":1796105760000*' "the end of the report is in the store"
keys C-t
shows "T-1: the start and the end of the report are recorded already" "a third C-t is refused"
keys F10
tui_exit "F10 quits" 0

# bytes per typed character, while the clock is not running (a meeting not started)
tui_start 80 24 KEZDESU_NOW=$KEZDESU_NOW XDG_STATE_HOME=$XDG_STATE_HOME -- --db "$D" meet "$V2"
shows "question>" "meeting mode at 80x24"
: >"$T/bytes"
tmux_ pipe-pane -o "cat >>'$T/bytes'"
sleep 1.2
is "$(wc -c <"$T/bytes" | tr -d ' ')" 0 "nothing is written while idle"
for c in Ж о л ы д а ж ө н д е у ә і; do
	keys -l "$c"
	sleep 0.05
done
wait_for "question> Жолыдажөндеуәі"
sleep 0.3
b=$(wc -c <"$T/bytes" | tr -d ' ')
diag "14 typed characters (2 bytes of UTF-8 each): $b bytes, $((b / 14)) a character (80x24 is 1920 cells)"
check "a typed character costs under 20 bytes (the character, not a redraw)" \
    [ "$b" -gt 0 -a "$b" -lt 280 ]
: >"$T/bytes"
keys BSpace
sleep 0.3
b=$(wc -c <"$T/bytes" | tr -d ' ')
diag "Backspace: $b bytes"
check "Backspace costs under 20 bytes" [ "$b" -gt 0 -a "$b" -lt 20 ]
keys C-u F10
tui_exit "F10 quits" 0

# a running clock (the real time): each second redraws the clock's digits, not the screen
tui_start 80 24 KEZDESU_NOW= XDG_STATE_HOME=$XDG_STATE_HOME -- --db "$D" meet "$V2"
shows "question>" "meeting mode, the real clock"
keys -l "жазылып жатыр"
keys C-t
shows "T-1: the meeting started at" "C-t starts the clock"
shows "clock 00:00:01 / 90 min" "the clock ticks without a key"
: >"$T/bytes"
tmux_ pipe-pane -o "cat >>'$T/bytes'"
sleep 3
b=$(wc -c <"$T/bytes" | tr -d ' ')
diag "3 seconds of a running clock: $b bytes"
check "a second of clock costs under 60 bytes" [ "$b" -gt 0 -a "$b" -lt 180 ]
screen >/dev/null
check "the line being typed is untouched" grep -q "question> жазылып жатыр *$" "$T/screen" ||
    diag_file "$T/screen" 30
keys C-u F10
tui_exit "F10 quits" 0
done_testing
