#!/bin/sh
# The Visits pane's forms (issue 8, "Visits"): a meeting added through the form and read back
# with `kezdesu visit show`; a date refused by core (K-2 after an approved calendar) shows
# core's line with the form kept as typed, then saved as a revision; edit; move within an
# approved calendar with its reason (K-2); mark held with the T-1 times and the report's share.
. "$(dirname "$0")/lib/tui.sh"
tui_store

tui_start 100 24 KEZDESU_NOW=$KEZDESU_NOW -- --db "$D"
shows "Ағыбет а. (613633100)" "the list"
keys n
shows "New meeting (Enter saves, Escape leaves)" "n opens the new meeting's form"
check "the akim is the office's unit" grep -q "\[$DISTRICT" "$T/screen"
keys -l 613633100
keys Tab
keys -l 2026-12-2x
keys Tab
keys -l 11:00
keys Enter
shows "Date: '2026-12-2x' not a date (YYYY-MM-DD)" "a bad date: the form's line"
check "the form stays" grep -q "New meeting" "$T/screen"
keys BSpace
keys -l 0
keys Enter
shows "the meeting is added (saved)" "Enter saves the meeting"
shows "2026-12-20 11:00 planned" "the list shows it"
kz --db "$D" visit list --from 2026-12-20 --to 2026-12-20 --format tsv
V3=$(cut -f1 "$T/out" | tail -n 1)
kz --db "$D" visit show "$V3" --format json
like "$(out)" "*\"date\":\"2026-12-20\"*\"time\":\"11:00\"*" "visit show: the date and time typed"
like "$(out)" "*\"akim\":\"$DISTRICT\"*\"target\":\"613633100\"*" "visit show: the akim and the place"
like "$(out)" '*"duration_min":90*"field":true*' \
    "visit show: 90 minutes, a field meeting (away from the akim's unit)"
keys F10
tui_exit "F10 quits" 0

# K-2: after the calendar's approval, a plain meeting is refused by core, the form kept
kz --db "$D" calendar approve 2026 --date 2026-01-12
rc_is 0 "setup: 2026's calendar approved"
tui_start 100 24 KEZDESU_NOW=$KEZDESU_NOW -- --db "$D"
shows "2026-12-20 11:00" "the list again"
keys n
wait_for "New meeting"
keys -l 613633100
keys Tab
keys -l 2026-12-22
keys Tab
keys -l 09:30
keys Enter
shows "approved on 2026-01-12" "core's refusal on the message line (K-2)"
check "the form stays with the date typed" grep -q "2026-12-22" "$T/screen"
keys Tab Tab Tab Space
shows "< a revision (K-2) >" "the form asks which: a revision"
keys Enter
shows "needs its reason" "a revision without a reason is refused"
keys Tab
keys -l "ауыл тұрғындарының ұсынысы"
keys Enter
shows "the meeting is added (saved)" "saved as a revision"
kz --db "$D" calendar show 2026 --format json
like "$(out)" '*"reason":"ауыл тұрғындарының ұсынысы"*' "the calendar's revision holds the reason"
kz --db "$D" visit list --from 2026-12-22 --to 2026-12-22 --format tsv
is "$(nlines "$T/out")" 1 "one meeting on 2026-12-22"

# edit: time, duration, venue of the selected meeting (V2, 2026-12-10)
keys Home Down e
shows "The meeting's time, duration and venue" "e opens the edit form"
keys C-u
keys -l 16:00
keys Tab C-u
keys -l 60
keys Tab C-u
keys -l "Ағыбет клубы"
keys Enter
shows "the meeting is changed (saved)" "edit saved"
kz --db "$D" visit show "$V2" --format json
like "$(out)" '*"time":"16:00"*"duration_min":60*"venue":"Ағыбет клубы"*' \
    "visit show: the new time, duration and venue"

# move within the approved calendar: the reason is asked by core (K-2)
keys m
shows "Move the meeting" "m opens the move form"
keys -l 2026-12-11
keys Enter
shows "is moved with its reason" "a move without its reason: core's line"
check "the form stays with the date" grep -q "2026-12-11" "$T/screen"
keys Tab
keys -l "су тасқыны"
keys Enter
shows "the meeting is moved to 2026-12-11 (saved)" "moved with its reason"
kz --db "$D" visit show "$V2" --format json
like "$(out)" '*"date":"2026-12-11"*' "visit show: the new date"
like "$(out)" '*"status":"moved"*' "visit show: shown as moved"
like "$(out)" '*"moved_from":"2026-12-10"*"moved_reason":"су тасқыны"*' \
    "visit show: where from and why"

# mark held (V1, 2026-11-20 at 10:00, 90 minutes planned): T-1's times and share
keys Home M
shows "Mark the meeting held" "M opens the held form"
keys -l 10:00
keys Tab
keys -l 10:30
keys Tab
keys -l 11:40
keys Tab Tab Tab Tab
keys -l "нет связи в селе"
keys Tab
keys -l 2026-11-23
keys Enter
shows "the report took 33% of the planned time, more than a quarter" \
    "saved; the report's share said, a warning past a quarter (T-1)"
shows "2026-11-20 10:00 held" "the list shows it held"
kz --db "$D" visit show "$V1" --format json
like "$(out)" '*"status":"held"*' "visit show: held"
like "$(out)" '*"started":"2026-11-20 10:00"*"report_end":"2026-11-20 10:30"*"ended":"2026-11-20 11:40"*' \
    "visit show: the times in local time"
like "$(out)" '*"published_on":"2026-11-23"*' "visit show: published (A-3)"
like "$(out)" '*"no_broadcast":"нет связи в селе"*' "visit show: why no broadcast (B-1)"
keys M
shows "[10:30" "M again: the recorded times are in the form"
keys Escape
shows "left: nothing saved" "Escape leaves"

# M-2: attendance by category and whom the office invited
keys A
shows "Attendance by category (M-2)" "A opens the attendance form"
keys -l 40
keys Tab
keys -l 3x
keys Enter
shows "Maslikhat deputies: '3x' not a whole number" "a bad count: the form's line"
check "the form stays" grep -q "Attendance by category" "$T/screen"
keys BSpace
keys Tab Tab Tab Tab Tab Tab Tab Tab
keys -l y
keys Tab Tab Tab
keys -l y
keys Enter
shows "attendance saved (M-2)" "attendance saved"
kz --db "$D" visit show "$V1" --format json
like "$(out)" '*"attendance":?{"category":"citizen","count":40,*},{"category":"deputy","count":3,*}?*' \
    "visit show: the attendance by category"
check "the empty fields saved nothing" sh -c "! grep -q '\"category\":\"party\"' '$T/out'"
like "$(out)" '*"invited":"deputy,opposition"*' "visit show: whom the office invited"

# A-1: a personal reception after the held meeting
keys r
shows "Personal reception after the meeting (A-1)" "r opens the reception form"
check "today's date to start with" grep -q "\[2026-12-01" "$T/screen"
keys Tab
keys -l y
keys Tab Tab Tab
keys -l y
keys Enter
shows "Citizens received: how many citizens were received (A-1)" \
    "no count: the form's line, the form kept"
keys -l 12
keys Enter
shows "the personal reception is saved (A-1)" "the reception is saved"
kz --db "$D" reception list --visit "$V1" --format tsv
like "$(out)" "*2026-12-01*akimat,deputies*12*" "reception list: the date, who received, how many"
keys Down r
wait_for "Personal reception"
keys Tab
keys -l y
keys Tab Tab Tab Tab Tab Tab
keys -l 5
keys Enter
shows "not held" "a reception after a meeting not held: core's line"
check "the form stays" grep -q "Personal reception after the meeting" "$T/screen"
keys Escape
shows "left: nothing saved" "Escape leaves"
keys F10
tui_exit "F10 quits" 0

# who holds each meeting: a district's list mixes the district akim's and the okrug akims'
kz --db "$D" visit add --akim 613633000 --target 613633100 --date 2026-12-15 --time 12:00 \
    --unscheduled "ауыл жиыны"
rc_is 0 "setup: a meeting of the okrug akim"
tui_start 120 24 KEZDESU_NOW=$KEZDESU_NOW -- --db "$D"
shows "2026-12-15 12:00 planned" "the okrug akim's meeting is listed"
check "its row names the okrug akim" \
    grep -Eq "^2026-12-15 12:00 planned +Ағыбет а\. \(613633100\).*  akim: Ағыбет а\.о\.\$" \
    "$T/screen"
check "the district akim's row names the district" \
    grep -Eq "^2026-12-22 09:30 planned +Ағыбет а\. \(613633100\).*  akim: Бәйдібек ауданы\$" \
    "$T/screen"
keys y
shows "Coverage 2026" "the year view"
check "the year view's rows name the akim too" \
    grep -Eq "^C-[1-5] .*\([0-9]{9}\)  akim: (Бәйдібек ауданы|Ағыбет а\.о\.)\$" "$T/screen"
keys F10
tui_exit "F10 quits" 0

# P-2: the request pool of a meeting ahead (V3, 2026-12-20)
tui_start 120 24 KEZDESU_NOW=$KEZDESU_NOW -- --db "$D"
shows "2026-12-20 11:00 planned" "the list"
keys Home Down Down Down p
shows "Request pool of the meeting (P-2): 0 requests" "p opens the meeting's pool"
keys Enter
shows "A request for the meeting's pool (P-2)" "its first line: a request's form"
keys -l "Мектепке жол жөндеу керек"
keys Tab Left Left Left
shows "< none >" "the channel: none"
keys Enter
shows "channel" "no channel: core's line, the form kept"
check "the text is kept" grep -q "Мектепке жол" "$T/screen"
keys Right Right Right
shows "< e-Otinish >" "the channel: e-Otinish"
keys Enter
shows "the request is saved to the meeting's pool (P-2)" "the request is saved"
kz --db "$D" request list --visit "$V3" --format tsv
like "$(out)" "*e-otinish*Мектепке жол жөндеу керек*" "request list: the request with its channel"
keys p
shows "Request pool of the meeting (P-2): 1 requests" "p again: one request"
check "listed with its date and channel" grep -q "2026-12-01 e-Otinish: Мектепке жол" "$T/screen"
keys Escape
shows "left: nothing saved" "Escape leaves the pool"
keys F10
tui_exit "F10 quits" 0

# P-4: an announcement recorded late, on the day it went out (V3, 2026-12-20)
tui_start 120 24 KEZDESU_NOW=$KEZDESU_NOW -- --db "$D"
shows "2026-12-20 11:00 planned" "the list"
keys Home Down Down Down a
shows "Announced through (P-3):" "a: the channels"
keys Down Down Space Enter
shows "Announced (P-4) on: Enter saves" "then the day"
keys C-u
keys -l 2026-12-25
keys Enter
shows "Announced on: a day ahead of today" "a day ahead of today is refused"
check "the form stays" grep -q "Announced (P-4) on" "$T/screen"
keys C-u
keys -l 2026-11-28
keys Enter
shows "announced on 2026-11-28 through official web resources (saved)" "another day than today is saved"
kz --db "$D" visit show "$V3" --format json
like "$(out)" '*"status":"announced"*"announced_on":"2026-11-28"*"channels":"web"*' \
    "visit show: announced on that day through the channel"
keys F10
tui_exit "F10 quits" 0

# T-1: a start recorded by meeting mode's C-t keeps its seconds when the held form is saved
XDG_STATE_HOME=$T/state
export XDG_STATE_HOME
kz --db "$D" visit add --akim "$DISTRICT" --target 613633000 --date 2026-12-01 --time 11:00 \
    --unscheduled "су тасқыны"
V4=$(cat "$T/out")
tui_start 100 30 KEZDESU_NOW=2026-12-01T06:00:30 XDG_STATE_HOME=$XDG_STATE_HOME -- --db "$D" \
    meet "$V4"
shows "C-t records the start" "meeting mode on today's meeting"
keys C-t
shows "T-1: the meeting started at 11:00 (saved)" "C-t records the start, at 30 seconds"
keys F10
tui_exit "F10 quits" 0
kz --db "$D" visit show "$V4" --format json
like "$(out)" '*"started_ms":1796104830000*' "the start with its seconds"
tui_start 100 24 KEZDESU_NOW=2026-12-01T07:30 -- --db "$D"
shows "2026-12-01 11:00" "the list"
keys Home Down M
shows "Mark the meeting held" "the held form"
check "the start shown as typed" grep -q "\[11:00" "$T/screen"
keys Tab Tab Tab Tab Tab Tab Tab
keys -l 2026-12-01
keys Enter
shows "marked held (saved)" "saved"
kz --db "$D" visit show "$V4" --format json
like "$(out)" '*"status":"held"*"started_ms":1796104830000*' \
    "the start left as it was keeps its seconds"
like "$(out)" '*"published_on":"2026-12-01"*' "and the publication is saved"
keys F10
tui_exit "F10 quits" 0

# --read-only refuses the forms' actions
tui_start 100 24 KEZDESU_NOW=$KEZDESU_NOW -- --read-only --db "$D"
shows "READ-ONLY" "read-only"
keys n
shows "visit-add: refused, the store is open read-only (--read-only)" "--read-only refuses n"
keys F10
tui_exit "F10 quits" 0
done_testing
