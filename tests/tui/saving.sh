#!/bin/sh
# Shared store (issue 8): a save that waits behind another writer (another SSH user, an
# import) says at once that it is saving and keeps the line as typed until the commit
# returns; then the question is saved once. A form's save does the same.
. "$(dirname "$0")/lib/tui.sh"
tui_store
XDG_STATE_HOME=$T/state
export XDG_STATE_HOME
kz --db "$D" visit add --akim "$DISTRICT" --target 613633000 --date 2026-12-01 --time 10:00
V3=$(cat "$T/out")

tui_start 100 30 KEZDESU_NOW=$KEZDESU_NOW XDG_STATE_HOME=$XDG_STATE_HOME -- --db "$D" meet
shows "question>" "meeting mode is open"
keys -l "Жол қашан жөнделеді?"
shows "question> Жол қашан жөнделеді?" "the line is typed"

# Another process takes the store's write lock for 3 seconds.
python3 "$here/lib/hold_writer.py" "$D" 3 >"$T/hold" 2>&1 &
KZ_PIDS="$KZ_PIDS $!"
wait_for_file() { # the holder says it has the lock
	_k=0
	while ! grep -q held "$T/hold" 2>/dev/null && [ "$_k" -lt 100 ]; do
		sleep 0.05
		_k=$((_k + 1))
	done
}
wait_for_file
check "another process holds the write lock" grep -q held "$T/hold"
keys Enter
shows "saving..." "Enter while another writer holds the store: it says it is saving" 2
check "... and the line stays as typed while it waits" \
    grep -q "question> Жол қашан жөнделеді?" "$T/screen"
shows "question saved" "once the other writer is done, the question is saved" 8
kz --db "$D" question list --visit "$V3" --format tsv
is "$(awk -F '\t' '{ print $NF }' "$T/out")" "Жол қашан жөнделеді?" "stored once, as typed"

# A form (Triage's issue form) waits the same way, and stays open as typed meanwhile.
kz --db "$D" issue add --title "Көпір жөндеу" --unit 613633000 --deadline 2027-03-01
keys F4
shows "Көпір жөндеу" "Triage lists the issue"
keys Enter
keys e
shows "Executor" "the issue form is open"
: >"$T/hold"
python3 "$here/lib/hold_writer.py" "$D" 3 >"$T/hold" 2>&1 &
KZ_PIDS="$KZ_PIDS $!"
wait_for_file
keys Enter
shows "saving..." "a form's save behind another writer says it is saving" 2
check "... with the form still open" grep -q "Executor" "$T/screen"
shows "issue saved" "then the issue is saved" 8
keys F10
tui_exit "F10 quits with status 0" 0
done_testing
