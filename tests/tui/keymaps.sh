#!/bin/sh
# Keymaps in the interface: a user's keymap that rebinds a key, a broken one (the default
# keys, and FILE:LINE: reason on the message line), the built-in vi keymap.
. "$(dirname "$0")/lib/tui.sh"
tui_store

mkdir -p "$T/cfg/kezdesu"
printf '# mine\nbind global x quit\nunbind global q\nbind global t pane-triage\n' \
    >"$T/cfg/kezdesu/keymap"
tui_start 80 24 KEZDESU_NOW=$KEZDESU_NOW XDG_CONFIG_HOME=$T/cfg -- --db "$D"
shows "▶ Visits" "the user's keymap: the frame"
keys t
shows "▶ Triage" "a key bound by the user works (t: Triage)"
keys q
shows "q: no action here" "a key the user unbound does nothing, and says so"
keys x
tui_exit "x, bound to quit by the user, quits with status 0" 0

printf 'bind global x quit\nbind global Nope quit\n' >"$T/broken.keymap"
tui_start 150 24 KEZDESU_NOW=$KEZDESU_NOW -- --db "$D" --keymap "$T/broken.keymap"
shows "$T/broken.keymap:2: unknown key name 'Nope'" "a broken keymap: FILE:LINE: reason on the message line"
check "and that the default keys are used" grep -q "the default keys are used" "$T/screen"
keys x
shows "x: no action here" "none of the broken file is applied"
keys F10
tui_exit "the default F10 quits" 0

tui_start 80 24 KEZDESU_NOW=$KEZDESU_NOW -- --keymap vi --db "$D"
shows "▶ Visits" "the vi keymap: the frame"
keys j l
shows "Meeting 2026-12-10 15:00" "vi: j moves down, l opens the meeting"
keys F2 /
shows "▶ Triage" "vi: / goes to Triage (from Visits: in meeting mode / is typed)"
keys F10
tui_exit "vi: F10 still quits" 0
done_testing
