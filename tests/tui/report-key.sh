#!/bin/sh
# The report key (issue 9, "In the interface"): w in Visits writes the selected meeting's
# results (A-3), w in Triage the progress of the last quarter ended (A-4: published by the
# 25th of the month after it; on 2026-12-01 that is 2026-Q3), as HTML in the
# interface's language, into the documents folder ($XDG_DOCUMENTS_DIR, else
# XDG_DOCUMENTS_DIR of ~/.config/user-dirs.dirs, else the home folder), a new file each
# time; the message line says where. A meeting not held is refused with core's line.
. "$(dirname "$0")/lib/tui.sh"
tui_store
kz --db "$D" visit set "$V1" --status held
[ "$rc" -eq 0 ] || bail_out "setup: visit set --status held: $(err)"
printf '%s\n' "Ауылдағы жол жөндеу керек" | "$KZ" --db "$D" question add --visit "$V1" - >"$T/q" ||
    bail_out "setup: question add"
kz --db "$D" issue add --title "Ағыбет: жол" --unit 613633000 --executor "ТҚШ бөлімі" \
    --deadline 2027-03-01 --visit "$V1"
[ "$rc" -eq 0 ] || bail_out "setup: issue add"

DOCS=$T/docs
mkdir -p "$DOCS"
tui_start 160 24 KEZDESU_NOW=$KEZDESU_NOW XDG_DOCUMENTS_DIR=$DOCS -- --lang ru --db "$D"
shows "Ағыбет" "Visits lists the meetings"
keys Up w
F=$DOCS/kezdesu-results-2026-11-20.html
shows "$F" "w in Visits: the message line says where the results went"
check "the file is there" [ -s "$F" ]
"$PY" "$top/tests/report/check_html.py" ru "$F" >"$T/chk" 2>&1
check "it is the results as HTML in the interface's language (ru), well formed" [ ! -s "$T/chk" ] ||
    diag_file "$T/chk"
check "the A-3 document of that meeting" grep -qF "Итоги встреч акима с населением" "$F"
cp "$F" "$T/first.html"
keys w
shows "$DOCS/kezdesu-results-2026-11-20-2.html" "w again: a new file, the first one kept"
check "the first copy is as it was" cmp -s "$F" "$T/first.html"
keys Down w
shows "не проведена" "a meeting not held: core's refusal on the message line"
check "and no file for it" [ "$(ls "$DOCS" | wc -l | tr -d ' ')" -eq 2 ]
keys F4
shows "Ағыбет: жол" "Triage"
keys w
Q=$DOCS/kezdesu-quarterly-2026-Q3.html
shows "$Q" "w in Triage: the last ended quarter's progress (A-4), not the current one's"
"$PY" "$top/tests/report/check_html.py" ru "$Q" >"$T/chk" 2>&1
check "well formed, in Russian" [ ! -s "$T/chk" ] || diag_file "$T/chk"
check "A-4 of 2026-Q3, from 1 July to 30 September" grep -qF "30 сентября 2026" "$Q"
check "an issue raised in November is not in it" sh -c "! grep -qF 'Ағыбет: жол' '$Q'"
keys F10
tui_exit "F10 quits" 0

# No XDG_DOCUMENTS_DIR: the user-dirs.dirs folder, when it exists; else the home folder.
mkdir -p "$HOME/.config" "$HOME/Құжаттар"
printf '# xdg-user-dirs\nXDG_DESKTOP_DIR="$HOME/Desktop"\nXDG_DOCUMENTS_DIR="$HOME/Құжаттар"\n' \
    >"$HOME/.config/user-dirs.dirs"
tui_start 160 24 KEZDESU_NOW=$KEZDESU_NOW -- --lang kk --db "$D"
shows "Ағыбет" "the interface in Kazakh"
keys Up w
shows "$HOME/Құжаттар/kezdesu-results-2026-11-20.html" "the documents folder of ~/.config/user-dirs.dirs"
"$PY" "$top/tests/report/check_html.py" kk "$HOME/Құжаттар/kezdesu-results-2026-11-20.html" >"$T/chk" 2>&1
check "in Kazakh" [ ! -s "$T/chk" ] || diag_file "$T/chk"
keys F10
tui_exit "F10 quits" 0
rm -r "$HOME/Құжаттар"
tui_start 160 24 KEZDESU_NOW=$KEZDESU_NOW -- --db "$D"
shows "Ағыбет" "again, the folder named there gone"
keys Up w
shows "$HOME/kezdesu-results-2026-11-20.html" "then the home folder"
keys F10
tui_exit "F10 quits" 0

# A folder that cannot be written: the message says so, naming the file.
if [ "$(id -u)" != 0 ]; then
	chmod 555 "$DOCS"
	tui_start 160 24 KEZDESU_NOW=$KEZDESU_NOW XDG_DOCUMENTS_DIR=$DOCS -- --db "$D"
	shows "Ағыбет" "the interface"
	keys Up w
	shows "cannot write $DOCS/kezdesu-results-2026-11-20-3.html" "a folder that cannot be written: said, naming the file"
	keys F10
	tui_exit "F10 quits" 0
	chmod 755 "$DOCS"
fi
done_testing
