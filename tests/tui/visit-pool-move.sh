#!/bin/sh
# P-2 in Visits (issue 8): a request of a meeting's pool moved to another meeting through
# core's request_assign (`kezdesu request assign`): Enter on the request in the pool, then
# the meeting in a chooser of the meetings it may go to (not its own, not a cancelled one,
# none before today); read back with `kezdesu request list`. A refusal of core's (the
# meeting cancelled meanwhile by another process) is one line and moves nothing.
. "$(dirname "$0")/lib/tui.sh"
tui_store
kz --db "$D" visit add --akim "$DISTRICT" --target 613633100 --date 2026-12-20 --time 11:00 \
    --unscheduled "ауыл жиыны"
V3=$(cat "$T/out")
kz --db "$D" visit add --akim "$DISTRICT" --target 613633000 --date 2026-12-15 --time 09:00 \
    --unscheduled "су мәселесі"
V4=$(cat "$T/out")
kz --db "$D" visit set "$V4" --status cancelled
rc_is 0 "setup: a cancelled meeting on 2026-12-15"
kz --db "$D" request add --visit "$V2" --channel blog --date 2026-11-28 "Ағыбетке жаңа көпір керек"
R1=$(cat "$T/out")
[ -n "$V3" ] && [ -n "$V4" ] && [ -n "$R1" ] || bail_out "setup: visits, a request"

tui_start 120 24 KEZDESU_NOW=$KEZDESU_NOW -- --db "$D"
shows "2026-12-20 11:00 planned" "the list"
# V2, 2026-12-10: its pool, then its first request
keys Home Down p
shows "Request pool of the meeting (P-2): 1 requests" "p opens V2's pool"
keys Down Enter
shows "Move the request to which meeting (P-2)? From 2026-12-01" \
    "P-2: Enter on a request asks which meeting"
check "the meeting ahead is offered" grep -q "2026-12-20 11:00 Ағыбет а. (613633100)" "$T/screen"
check "not its own meeting" sh -c "! grep -q '2026-12-10' '$T/screen'"
check "not a cancelled one" sh -c "! grep -q '2026-12-15' '$T/screen'"
check "not one before today" sh -c "! grep -q '2026-11-20' '$T/screen'"
keys Enter
shows "the request is moved (P-2, saved) to the meeting 2026-12-20 11:00 Ағыбет а. (613633100)" \
    "moved: said with the meeting"
kz --db "$D" request list --visit "$V3" --format tsv
like "$(out)" "$R1*blog*Ағыбетке жаңа көпір керек*" "P-2: request list: the request is V3's now"
is "$(nlines "$T/out")" 1 "V3 has that one request"
kz --db "$D" request list --visit "$V2" --format tsv
is "$(nlines "$T/out")" 0 "V2 has none left"
keys p
shows "Request pool of the meeting (P-2): 0 requests" "V2's pool: empty now"
keys Escape
shows "left: nothing saved" "Escape leaves the pool"
# another request of V2's (the pool is read when shown: the one request there)
kz --db "$D" request add --visit "$V2" --channel letter "Нужен фельдшерский пункт"
R2=$(cat "$T/out")
keys p
shows "Request pool of the meeting (P-2): 1 requests" "V2's pool: the new request"

# core refuses a meeting cancelled meanwhile: its line, the chooser kept, nothing moved
keys Down Enter
shows "Move the request to which meeting (P-2)?" "the meetings again"
kz --db "$D" visit set "$V3" --status cancelled
rc_is 0 "setup: V3 cancelled by another process"
keys Enter
shows "was cancelled: a request is for a meeting that takes place" "core's refusal in one line"
check "the chooser stays" grep -q "Move the request to which meeting" "$T/screen"
keys Escape
shows "left: nothing saved" "Escape leaves"
kz --db "$D" request list --visit "$V2" --format tsv
like "$(out)" "$R2*" "the request is still V2's"
is "$(nlines "$T/out")" 1 "nothing moved"

# no other meeting to go to: said in one line
keys p
wait_for "Request pool of the meeting"
keys Down Enter
shows "no other meeting from 2026-12-01 to move the request to" "no meeting ahead: said"
keys F10
tui_exit "F10 quits" 0
done_testing
