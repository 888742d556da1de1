#!/bin/sh
# Text from the store never reaches the terminal raw: a venue holding an escape sequence
# (clear screen, red) and a bidi override is shown as visible escapes, the frame intact.
. "$(dirname "$0")/lib/tui.sh"
tui_store

venue=$(printf 'Зал\033[2J\033[31mRED\342\200\256desrever')
kz --db "$D" visit add --akim "$DISTRICT" --target 613633100 --date 2026-12-03 --time 09:00 \
    --venue "$venue"
rc_is 0 "a visit whose venue holds ESC [2J, ESC [31m and U+202E"
tui_start 80 24 KEZDESU_NOW=$KEZDESU_NOW -- --db "$D"
shows 'venue: Зал\x1B[2J\x1B[31mRED\u202Edesrever' "the venue shown with its escapes visible"
check "the status line is still there (no clear screen reached the terminal)" \
    grep -q "613600000 Бәйдібек ауданы" "$T/screen"
tmux_ capture-pane -p -e >"$T/attrs"
esc=$(printf '\033')
check "no red reached the terminal (the escape sequence is text)" \
    sh -c "! grep -qF '${esc}[31mRED' '$T/attrs'"
keys Enter
shows 'venue: Зал\x1B[2J' "Intake's details show it escaped too"
keys F10
tui_exit "F10 quits with status 0" 0
done_testing
