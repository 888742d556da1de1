#!/bin/sh
# Drafts (issue 8, Intake): the line being typed survives a dropped connection. tmux
# kill-server while typing (SIGHUP to the program), and kill-session after a pause (the
# draft written as the line changed): the draft is a 0600 file of that meeting under
# $XDG_STATE_HOME/kezdesu/, and the next start offers the line back with a message; a
# saved line removes it. A broken draft is reported and left as it is.
. "$(dirname "$0")/lib/tui.sh"
tui_store
XDG_STATE_HOME=$T/state
export XDG_STATE_HOME
draft=$XDG_STATE_HOME/kezdesu/draft-$V2

tui_start 100 30 KEZDESU_NOW=$KEZDESU_NOW XDG_STATE_HOME=$XDG_STATE_HOME -- --db "$D" meet "$V2"
shows "question>" "meeting mode"
keys -l "Жол жөндеу — дорога"
shows "question> Жол жөндеу — дорога" "typed"
# the connection dropped at once: the program gets SIGHUP and writes the draft on its way out
tmux_ kill-server
i=0
while [ ! -s "$draft" ] && [ "$i" -lt 40 ]; do
	sleep 0.05
	i=$((i + 1))
done
check "the draft file is there after kill-server" [ -s "$draft" ]
check "its mode is 0600" sh -c "ls -l '$draft' | grep -q '^-rw-------'"
check "its directory's 0700" sh -c "ls -ld '$XDG_STATE_HOME/kezdesu' | grep -q '^drwx------'"
check "it holds the meeting and the line" sh -c "grep -qx 'visit $V2' '$draft' &&
    grep -qx 'text Жол жөндеу — дорога' '$draft'"

tui_start 100 30 KEZDESU_NOW=$KEZDESU_NOW XDG_STATE_HOME=$XDG_STATE_HOME -- --db "$D" meet "$V2"
shows "question> Жол жөндеу — дорога" "the next start offers the line back"
shows "was kept as a draft: it is back" "with a message"
keys -l " жартылай"
sleep 0.6
# a kill after a pause: the draft was written as the line changed
tmux_ kill-session
sleep 0.3
check "the change is in the draft" grep -qx 'text Жол жөндеу — дорога жартылай' "$draft"

tui_start 100 30 KEZDESU_NOW=$KEZDESU_NOW XDG_STATE_HOME=$XDG_STATE_HOME -- --db "$D" meet "$V2"
shows "question> Жол жөндеу — дорога жартылай" "offered back again"
keys Enter
shows "11:00  Жол жөндеу — дорога жартылай" "Enter saves it"
sleep 0.6
check "a saved line removes the draft" [ ! -e "$draft" ]
kz --db "$D" question list --visit "$V2" --format tsv
like "$(out)" "*	Жол жөндеу — дорога жартылай" "stored as typed"
keys F10
tui_exit "F10 quits" 0

# SIGTERM (a shutdown) while typing: the same
tui_start 100 30 KEZDESU_NOW=$KEZDESU_NOW XDG_STATE_HOME=$XDG_STATE_HOME -- --db "$D" meet "$V2"
shows "question>" "meeting mode again"
keys -l "Тоқтатылды"
shows "question> Тоқтатылды" "typed"
pid=$(ps -o pid= --ppid "$(tmux_ list-panes -F '#{pane_pid}')" | tr -d ' ')
kill -TERM "$pid"
tui_exit "SIGTERM ends the program with status 0" 0
check "the line is the draft" grep -qx 'text Тоқтатылды' "$draft"
tui_start 100 30 KEZDESU_NOW=$KEZDESU_NOW XDG_STATE_HOME=$XDG_STATE_HOME -- --db "$D" meet "$V2"
shows "question> Тоқтатылды" "offered back"
keys C-u
sleep 0.6
check "C-u empties the line, and the draft is gone" [ ! -e "$draft" ]
keys F10
tui_exit "F10 quits" 0

# another meeting's draft is its own: none here
tui_start 100 30 KEZDESU_NOW=$KEZDESU_NOW XDG_STATE_HOME=$XDG_STATE_HOME -- --db "$D" meet "$V1"
shows "Meeting 2026-11-20" "another meeting"
check "its line is empty" grep -q "question> *$" "$T/screen"
keys F10
tui_exit "F10 quits" 0

# a broken draft: one line on the message line, the file left for the user
printf 'kezdesu-draft 1\nvisit %s\nsaved x\ntext y\n' "$V2" >"$draft"
tui_start 200 30 KEZDESU_NOW=$KEZDESU_NOW XDG_STATE_HOME=$XDG_STATE_HOME -- --db "$D" meet "$V2"
shows "draft-$V2:3: not a time in milliseconds; left as it is" "a broken draft is named with its line"
check "the line is empty" grep -q "question> *$" "$T/screen"
keys F10
tui_exit "F10 quits" 0
check "the broken draft is still there" grep -q "saved x" "$draft"
done_testing
