#!/bin/sh
# The frame on each terminal type the offices use, with and without colour (NO_COLOR: the
# states are words, not colours), and F10 or q quitting with status 0 on each.
. "$(dirname "$0")/lib/tui.sh"
tui_store

for term in xterm-256color screen-256color tmux-256color linux vt100; do
	tui_start 80 24 KEZDESU_NOW=$KEZDESU_NOW TERM=$term -- --db "$D"
	shows "▶ Visits" "TERM=$term: the frame"
	check "TERM=$term: the M-1 state in words" grep -q "\[M-1 not held 11d\]" "$T/screen"
	keys Down
	sleep 0.1
	# vt100 has no F10 in its terminfo: q is the key that always quits outside the editor
	keys q
	tui_exit "TERM=$term: q quits with status 0" 0
done

# The offices' locales; one not installed on this machine still shows Kazakh letters.
for loc in kk_KZ.UTF-8 ru_RU.UTF-8 C.UTF-8; do
	tui_start 80 24 KEZDESU_NOW=$KEZDESU_NOW LANG=$loc LC_ALL=$loc -- --db "$D"
	# The interface speaks the locale's language (po/), also where it is not installed.
	case $loc in
	kk_*) venue="орны:" ;;
	ru_*) venue="место:" ;;
	*) venue="venue:" ;;
	esac
	shows "$venue Ағыбет мектебі" "LC_ALL=$loc: Kazakh letters shown, labels in its language"
	case $loc in
	ru_*) want="613600000 район Байдибека" ;;
	*) want="613600000 Бәйдібек ауданы" ;;
	esac
	check "LC_ALL=$loc: the unit names in the locale's language" grep -q "$want" "$T/screen"
	keys F10
	tui_exit "LC_ALL=$loc: F10 quits with status 0" 0
done

# The panes' words in the language chosen: an issue's status, a rule's description.
kz --db "$D" issue add --title "Жол жөндеу" --unit 613633000 --deadline 2026-11-01
tui_start 100 24 KEZDESU_NOW=$KEZDESU_NOW -- --lang ru --db "$D"
keys F4
shows "новый" "--lang ru: Triage gives an issue's status in Russian"
check "--lang ru: ... and OVERDUE too" grep -q "ПРОСРОЧЕНО" "$T/screen"
keys F5
shows "проблемный вопрос решается в срок" "--lang ru: Obligations give the rule's description in Russian"
keys F10
tui_exit "--lang ru: F10 quits with status 0" 0

tui_start 80 24 KEZDESU_NOW=$KEZDESU_NOW NO_COLOR=1 -- --db "$D"
shows "[M-1 not held 11d]" "NO_COLOR: the states are words"
keys F4
shows "▶ Triage" "NO_COLOR: F4"
keys F10
tui_exit "NO_COLOR: F10 quits with status 0" 0
done_testing
