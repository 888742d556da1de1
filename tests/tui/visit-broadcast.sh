#!/bin/sh
# B-1 in Visits (issue 8): the held form records the broadcast's links, its comments open
# and the videoconference (read back with `kezdesu visit show`); the broadcast's comments
# are typed one by one in a form that stays open, each saved as a question of source
# broadcast (read back byte for byte with `kezdesu question list`); a refusal of core's
# (the broadcast taken away by another process) is one line, the comment kept as typed.
. "$(dirname "$0")/lib/tui.sh"
tui_store

tui_start 100 24 KEZDESU_NOW=$KEZDESU_NOW -- --db "$D"
shows "2026-11-20 10:00 planned" "the list"
# V1, 2026-11-20, not held yet: no comments to take
keys Home b
shows "comments from its broadcast come once it is held (B-1)" \
    "B-1: b on a meeting not held says why, before anything is typed"
check "no form opened" sh -c "! grep -q 'Comments from the broadcast' '$T/screen'"

# the held form: times, the broadcast's link, comments open, a videoconference
keys M
shows "Videoconference (B-1)" "B-1: the held form asks for the videoconference"
keys -l 10:00
keys Tab
keys -l 10:20
keys Tab
keys -l 11:30
keys Tab
keys -l "https://instagram.com/bayd_akimat/live1"
keys Tab Space
shows "< open to comments >" "B-1: the comments open"
keys Tab
keys -l y
keys Enter
shows "marked held (saved)" "saved"
kz --db "$D" visit show "$V1" --format json
like "$(out)" '*"status":"held"*' "visit show: held"
like "$(out)" '*"broadcast":"https://instagram.com/bayd_akimat/live1"*' "visit show: the broadcast's link"
like "$(out)" '*"videoconf":true*' "B-1: visit show: a videoconference"
like "$(out)" '*"comments":"open"*' "B-1: visit show: comments open"
# the form shows what was recorded, and the videoconference can be taken back
keys M
shows "Mark the meeting held" "M again"
check "the videoconference shown as recorded" grep -Eq "Videoconference \(B-1\) +\[x\] yes" "$T/screen"
keys Tab Tab Tab Tab Tab
keys -l n
keys Enter
shows "marked held (saved)" "saved again"
kz --db "$D" visit show "$V1" --format json
check "B-1: visit show: no videoconference now" sh -c "! grep -q '\"videoconf\":true' '$T/out'"
like "$(out)" '*"broadcast":"https://instagram.com/bayd_akimat/live1"*"comments":"open"*' \
    "the broadcast and its comments kept"

# the broadcast's comments, one save each, the form open between them
keys b
shows "Comments from the broadcast (B-1) as questions" "B-1: b opens the comments' form"
keys -l "Ағыбетте жол қашан жөнделеді?"
keys Tab
keys -l "aigul_87"
keys Enter
shows "saved as a question from the broadcast (B-1), 1 here: Ағыбетте жол қашан жөнделеді?" \
    "the first comment is saved, said with its text"
shows "Comments from the broadcast (B-1), 1 saved" "the form stays open, counting"
check "the fields are empty for the next" sh -c "! grep -q 'aigul_87' '$T/screen'"
keys -l "Когда построят школу в Ағыбет?"
keys Enter
shows "saved as a question from the broadcast (B-1), 2 here" "the second comment is saved"
keys Enter
shows "Comment: empty, nothing saved" "an empty comment saves nothing"
kz --db "$D" question list --visit "$V1" --format json
like "$(out)" '*"text":"Ағыбетте жол қашан жөнделеді?","source":"broadcast"*' \
    "question list: the first comment, byte for byte, of source broadcast"
like "$(out)" '*"text":"Когда построят школу в Ағыбет?","source":"broadcast"*' \
    "question list: the second comment, of source broadcast"
is "$(grep -c '"source":"broadcast"' "$T/out")" 2 "two questions from the broadcast, no more"
Q1=$(grep 'Ағыбетте жол' "$T/out" | grep -o '"id":"[^"]*"' | head -n 1 | cut -d'"' -f4)
kz --db "$D" question show "$Q1" --format json
like "$(out)" '*"asker_name":"aigul_87"*' "the commenter's name kept (personal data)"

# another process takes the broadcast away: core refuses the next comment in one line
kz --db "$D" visit set "$V1" --no-broadcast "байланыс үзілді"
rc_is 0 "setup: the broadcast replaced by the reason there was none"
keys -l "Су құбыры туралы"
keys Enter
shows "has no broadcast recorded" "core's refusal on the message line"
check "the comment stays as typed" grep -q "Су құбыры туралы" "$T/screen"
keys Escape
shows "left: nothing saved" "Escape leaves"
kz --db "$D" question list --visit "$V1" --format json
is "$(grep -c '"source":"broadcast"' "$T/out")" 2 "the refused comment saved nothing"
keys b
shows "this meeting has no broadcast recorded" "b on a held meeting without a broadcast says why"
keys F10
tui_exit "F10 quits" 0

# --read-only refuses it
tui_start 100 24 KEZDESU_NOW=$KEZDESU_NOW -- --read-only --db "$D"
shows "READ-ONLY" "read-only"
keys Home b
shows "visit-comments: refused, the store is open read-only (--read-only)" "--read-only refuses b"
keys F10
tui_exit "F10 quits" 0
done_testing
