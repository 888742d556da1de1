#!/bin/sh
# Issue 8, "Languages" and "Default keys": the interface's words. The key-hint line gives
# each action's short label, translated, not its kebab-case name; F1 inside a form shows
# the form's keys (its own bindings and the editor's editing keys its fields follow, a
# user's rebinding included), not the pane's; a refusal longer than the message line is
# shown whole at 60x20; issue levels and categories are words in the user's language.
. "$(dirname "$0")/lib/tui.sh"
tui_store
kz --db "$D" issue add --title "Ағыбет: жол" --unit 613633000 --executor "Құрылыс бөлімі" \
    --deadline 2027-03-01 --level district
[ -n "$(out)" ] || bail_out "setup: issue add"

# hint: the last line but one, the key-hint line
hint() {
	screen >/dev/null
	tail -n 2 "$T/screen" | head -n 1
}

# ---- the key-hint line: labels, not names ----
tui_start 80 24 KEZDESU_NOW=$KEZDESU_NOW -- --db "$D" --lang en
shows "▶ Visits" "the interface is up"
like "$(hint)" "F1 help*n new meeting*" "hint_labels_en: Visits' hint line says 'n new meeting'"
check "hint_labels_en: no kebab-case action name on the hint line" \
    sh -c "! tail -n 2 '$T/screen' | head -n 1 | grep -Eq '[a-z]+-[a-z]+'"
keys F10
tui_exit "F10 quits" 0

tui_start 80 24 KEZDESU_NOW=$KEZDESU_NOW -- --db "$D" --lang ru
shows "▶ Встречи" "ru: the interface is up"
shows "[P-1 срок 9 дн.]" "days_ru: a meeting's mark counts its days in Russian (9 дн.), not 9d"
like "$(hint)" "F1 справка*n новая встреча*" "hint_labels_ru: the hint line in Russian"
keys F4
shows "▶ Разбор" "ru: Triage"
like "$(hint)" "F1 справка*/ поиск*" "hint_labels_ru: Triage's hint line in Russian"

# ---- codes in words: the issue's level in Russian (list, detail, form, filter) ----
keys Enter
shows "районный уровень" "labels_ui_ru: the issue's level in Russian, not 'district'"
check "labels_ui_ru: no code 'district' left" sh -c "! grep -q 'district' '$T/screen'"
keys e
shows "< районный уровень >" "labels_ui_ru: the form's level choice in Russian"
keys Escape
sleep 0.3	# Escape then a key at once is Meta
keys F10
tui_exit "F10 quits" 0

# ---- F1 in a form: the form's keys; a user's editor binding edits its fields ----
mkdir -p "$T/cfg/kezdesu"
printf 'bind editor C-o editor-home\n' >"$T/cfg/kezdesu/keymap"
tui_start 100 40 KEZDESU_NOW=$KEZDESU_NOW XDG_CONFIG_HOME=$T/cfg -- --db "$D" --lang en
shows "▶ Visits" "a user's keymap: the frame"
keys F4
shows "Ағыбет: жол" "Triage lists the issue"
keys Enter e
shows "Issue (Enter saves" "e opens the issue form"
keys F1
shows "Keys of the form" "form_help: F1 in a form shows the form's keys"
check "form_help: not the pane's keys" sh -c "! grep -q 'Keys of the Triage pane' '$T/screen'"
check "form_help: Tab, the next field" grep -q "^Tab  *next field" "$T/screen"
check "form_help: Escape leaves the form" grep -q "^Escape  *leave" "$T/screen"
check "form_help: the fields' editing keys, from the editor's bindings" \
    grep -q "^C-w  *delete word back" "$T/screen"
check "form_help: the user's editor binding too" grep -q "^C-o  *line start" "$T/screen"
check "form_help: no Triage action offered" sh -c "! grep -q 'triage-search' '$T/screen'"
check "form_help: a letter is typed in a form, not quit" sh -c "! grep -q '^q  ' '$T/screen'"
keys Escape
wait_gone "Keys of the form" 3
check "Escape closes the help" [ $? -eq 0 ]
shows "Issue (Enter saves" "the form is there"
sleep 0.3
keys C-u
keys -l "бөлім"
keys C-o
keys -l "ТКШ "
shows "[ТКШ бөлім" "form_edit: C-o (bound by the user to editor-home) moves to the start"
keys Escape
sleep 0.3	# Escape then a key at once is Meta
keys F10
tui_exit "F10 quits" 0

# ---- a long refusal at 60x20: every word shown, then the hint line again ----
tui_start 60 20 KEZDESU_NOW=$KEZDESU_NOW -- --db "$D" --lang en
shows "(613633100)" "60x20: the visits are listed"
keys Down M
shows "Mark the meeting held" "M opens the form of a meeting ahead"
keys Enter
shows "or correct the date" "long_refusal: the end of core's refusal shows at 60 columns"
check "long_refusal: and its beginning" grep -q "error: visit: marked held" "$T/screen"
check "long_refusal: the form is kept" grep -q "Mark the meeting held" "$T/screen"
keys Right
wait_gone "or correct the date" 3
check "long_refusal: the next key takes it away" [ $? -eq 0 ]
like "$(hint)" "F1 help*" "long_refusal: the hint line is back"
keys Escape
sleep 0.3	# Escape then a key at once is Meta
keys F10
tui_exit "F10 quits" 0

done_testing
