#!/bin/sh
# Meeting mode's ways in and its other destinations: `meet` with no meeting today leaves
# Visits to choose from, Enter there opens meeting mode; C-p saves the line to the request
# pool (P-2, channel in-person, for the meeting's place); C-r to the meeting's personal
# reception (A-1), refused with the line kept while it has none.
. "$(dirname "$0")/lib/tui.sh"
tui_store
XDG_STATE_HOME=$T/state
export XDG_STATE_HOME

tui_start 100 30 KEZDESU_NOW=$KEZDESU_NOW XDG_STATE_HOME=$XDG_STATE_HOME -- --db "$D" meet
shows "no meeting of the office today: choose one (Enter opens it in meeting mode)" \
    "meet with no meeting today says so"
check "Visits is shown to choose from" grep -q "▶ Visits" "$T/screen"
keys Down Enter
shows "Meeting 2026-12-10 15:00" "Enter opens the meeting"
shows "question>" "in meeting mode"
keys -l "Су құбыры ескірген"
keys C-p
shows "saved to the request pool (P-2, in person)" "C-p saves the line to the pool"
kz --db "$D" request list --format tsv
like "$(out)" "*613633100*in-person*Су құбыры ескірген*" "a P-2 request of the meeting's place, in person"
kz --db "$D" question list --visit "$V2" --format tsv
is "$(out)" "" "not a question of the meeting"
keys -l "Қабылдауға"
keys C-r
shows "not saved: this meeting has no personal reception (A-1)" "C-r without a reception: refused"
check "the line is kept" grep -q "question> Қабылдауға *$" "$T/screen"
keys F10
tui_exit "F10 quits" 0

# a meeting held, with its reception (A-1)
kz --db "$D" visit set "$V1" --status held --started 10:00 --ended 11:30
rc_is 0 "the meeting of 20 November held"
kz --db "$D" reception add --visit "$V1" --date 2026-11-21 --received-by akimat --citizens 3
rc_is 0 "its reception"
tui_start 100 30 KEZDESU_NOW=$KEZDESU_NOW XDG_STATE_HOME=$XDG_STATE_HOME -- --db "$D" meet "$V1"
shows "Meeting 2026-11-20 10:00" "meet UUID opens that meeting"
keys -l "Жеке қабылдауда айтылды"
keys C-r
shows "saved to the personal reception (A-1)" "C-r saves it to the reception"
kz --db "$D" question list --visit "$V1" --format json
like "$(out)" '*"text":"Жеке қабылдауда айтылды","source":"reception"*' "a question of the reception"
keys F10
tui_exit "F10 quits" 0

tui_start 100 30 KEZDESU_NOW=$KEZDESU_NOW XDG_STATE_HOME=$XDG_STATE_HOME -- --db "$D" meet nope
shows "meet: nope is not a meeting's UUID" "a bad UUID: one line"
keys F10
tui_exit "F10 quits" 0
done_testing
