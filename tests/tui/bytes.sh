#!/bin/sh
# No full redraw per key: the bytes the interface writes to the terminal for a move in a
# list (tmux pipe-pane) stay far below a screen's worth, and nothing is written while idle.
. "$(dirname "$0")/lib/tui.sh"
tui_store
i=1
while [ "$i" -le 15 ]; do
	kz --db "$D" visit add --akim "$DISTRICT" --target 613633100 --date "2026-12-$((10 + i))" \
	    --time 10:00
	i=$((i + 1))
done

tui_start 80 24 KEZDESU_NOW=$KEZDESU_NOW -- --db "$D"
shows "2026-12-25 10:00" "the list"
: >"$T/bytes"
tmux_ pipe-pane -o "cat >>'$T/bytes'"
sleep 1.2
is "$(wc -c <"$T/bytes" | tr -d ' ')" 0 "nothing is written while idle (two input timeouts)"
n=10
while [ "$n" -gt 0 ]; do
	keys Down
	sleep 0.05
	n=$((n - 1))
done
wait_for "2026-12-25 10:00"
sleep 0.3
b=$(wc -c <"$T/bytes" | tr -d ' ')
diag "10 moves down: $b bytes, $((b / 10)) a key (80x24 is 1920 cells)"
check "a move down costs under 300 bytes (the two lines that changed)" [ "$b" -gt 0 -a "$b" -lt 3000 ]
keys F10
tui_exit "F10 quits" 0
done_testing
