#!/bin/sh
# The Sync screen (issue 10, "Interface"): an okrug and its district, identities exchanged
# with the command line; the okrug's interface exports a bundle for the district to a
# directory (no stick mounted here: the path typed), the district's interface lists the
# directory's bundles and imports it, and the command line sees what arrived (question
# list, sync status); bad bundles beside it are refused with their one line and the store
# unchanged; the status line's "sent up" changes with the export; the conflicts kept for
# review are listed with the value that lost, and one is resolved; help comes from the action table; F6, S and
# meeting mode's M-s reach the screen; --read-only refuses export and import.
. "$(dirname "$0")/lib/tui.sh"

KEZDESU_NOW=2026-12-01T06:00	# 11:00 in Kazakhstan
export KEZDESU_NOW
D=$T/district	# 613600000 Бәйдібек ауданы
O=$T/okrug	# 613633000 Ағыбет а.о., below it
STICK=$T/stick
# no /media/USER for this user: the directory is typed
NOBODY=kz-nobody-$$
make_store "$D"
kz --db "$O" init --unit 613633000
[ "$rc" -eq 0 ] || bail_out "setup: init the okrug"
kz --db "$O" units import "$SAMPLE" --edition 2026-07-17
[ "$rc" -eq 0 ] || bail_out "setup: units import in the okrug"
kz --db "$D" identity export -o "$T/d.id"
kz --db "$O" identity export -o "$T/o.id"
kz --db "$D" peer add "$T/o.id" --yes
[ "$rc" -eq 0 ] || bail_out "setup: the district trusts the okrug"
kz --db "$O" peer add "$T/d.id" --yes
[ "$rc" -eq 0 ] || bail_out "setup: the okrug trusts the district"
kz --db "$O" visit add --akim 613633000 --target 613633100 --date 2026-12-08 --time 10:00
V=$(cat "$T/out")
kz --db "$O" question add --visit "$V" "Ауыз су қашан келеді?"
[ "$rc" -eq 0 ] || bail_out "setup: a question at the okrug"
mkdir -p "$STICK"
B=$STICK/613633000-to-613600000-20261201-110000.kzb

# ---- the okrug: export up ------------------------------------------------------------------
tui_start 120 30 KEZDESU_NOW=$KEZDESU_NOW USER=$NOBODY -- --db "$O"
shows "| sent up: never" "the status line: the okrug has never sent up"
keys F6
shows "Exchange with other offices" "F6 shows the Sync screen"
shows "613600000 Бәйдібек ауданы (above)" "the peer: its unit, its name, its direction"
check "the last exchange each way and what waits to go to it" \
    grep -q "sent never | received never | waiting 2" "$T/screen"
check "what waits up and down, and the conflicts" \
    grep -q "Waiting to go up: 2, down: 0. Conflicts to review: 0" "$T/screen"
keys F1
shows "Keys of the Sync pane" "F1: the Sync screen's help"
check "help from the action table: export's line" \
    grep -q "^e  *export  *write a bundle for the selected peer" "$T/screen"
check "and import's" grep -q "^i  *import  *list the bundles (\*.kzb) of a directory" "$T/screen"
keys Escape
wait_gone "Keys of the Sync pane"
keys e
shows "Export: the directory to write the bundle to" "e asks where (no stick mounted: a path)"
keys C-u
keys -l "$T/nowhere"
keys Enter
shows "$T/nowhere: No such file or directory" "a directory that is not there: one line"
check "the form stays, as typed" grep -q "Directory .*nowhere" "$T/screen"
check "and no bundle anywhere" [ -z "$(ls "$STICK")" ]
keys C-u
keys -l "$STICK"
keys Enter
shows "exported 2 changes for 613600000 to $B" "the message line: how many changes, and where"
check "the bundle is there" [ -s "$B" ]
check "nothing else (no .part left)" [ "$(ls "$STICK")" = "$(basename "$B")" ]
shows "| sent up: 11:00" "the status line: sent up today (the date beside it), at 11:00 (Kazakhstan time)"
check "the screen too" grep -q "sent 2026-12-01 11:00 | received never" "$T/screen"
kz --db "$O" sync status
like "$(out)" "*last sent:     2026-12-01 11:00*" "sync status: the okrug sent at 11:00"
"$KZ" bundle verify "$B" >/dev/null 2>&1
check "the bundle verifies" [ $? -eq 0 ]
# meeting mode's F-keys are topics: M-s leaves for the Sync screen
keys F2
shows "▶ Visits" "F2: Visits"
keys Enter
shows "Meeting 2026-12-08" "Enter opens the meeting in meeting mode"
keys M-s
shows "Exchange with other offices" "M-s in meeting mode shows the Sync screen"
keys F10
tui_exit "F10 quits" 0

# ---- the district: import --------------------------------------------------------------------
printf 'not a bundle\n' >"$STICK/bad.kzb"
head -c 200 "$B" >"$STICK/cut.kzb"
tui_start 120 30 KEZDESU_NOW=$KEZDESU_NOW USER=$NOBODY -- --db "$D"
shows "| sync: no peer above" "the district has no peer above: said so"
keys S
shows "613633000 Ағыбет а.о. (below)" "S shows the Sync screen too: the okrug below"
keys i
shows "Import: the directory holding the bundles" "i asks where the bundles are"
keys C-u
keys -l "$STICK"
keys Enter
shows "Bundles in $STICK: 3" "the directory's bundles are listed"
check "each by its name" sh -c "grep -q '> .*$(basename "$B")' '$T/screen' &&
    grep -q ' bad.kzb' '$T/screen' && grep -q ' cut.kzb' '$T/screen'"
keys Enter
shows "$(basename "$B") from 613633000: added 2, changed 0, skipped 0, conflicts 0" \
    "Enter imports the selected bundle: the counts line"
kz --db "$D" question list --format tsv
like "$(out)" "*Ауыз су қашан келеді?*" "question list: the okrug's question is in the district"
kz --db "$D" sync status
like "$(out)" "*last received: 2026-12-01 11:00*" "sync status: received from the okrug"
keys Enter
shows "from 613633000: already here, nothing changed" "the same bundle again: nothing changed"
snapshot "$D" "$T/before"
keys Down Enter
shows "error: $STICK/bad.kzb: not a kezdesu bundle (no bundle magic)" \
    "a file that is no bundle: refused with its one line"
keys Down Enter
shows "error: $STICK/cut.kzb: truncated" "a bundle cut short: refused with its one line"
snapshot "$D" "$T/after"
check "the store is unchanged by the refusals" cmp -s "$T/before" "$T/after"
keys Escape
shows "Waiting to go up: 0" "Escape: back to the peers"
keys F10
tui_exit "F10 quits" 0

# ---- conflicts: both offices changed the meeting's venue; the okrug's later edit wins -------
kz --db "$D" visit set "$V" --venue "Аудан әкімдігі" --time 11:00
KEZDESU_NOW=2026-12-01T06:20 "$KZ" --db "$O" visit set "$V" --venue "Ағыбет мектебі" \
    --time 12:00 >/dev/null
KEZDESU_NOW=2026-12-01T06:30 "$KZ" --db "$O" export --to 613600000 -o "$T/b2.kzb" >/dev/null
KEZDESU_NOW=2026-12-01T06:30 "$KZ" --db "$D" import "$T/b2.kzb" >/dev/null
kz --db "$D" conflicts
[ "$(grep -c '	venue	' "$T/out")" -eq 1 ] && [ "$(grep -c '	time	' "$T/out")" -eq 1 ] ||
    bail_out "setup: conflicts over the venue and the time"
# listed in the order of their ids (a hash), as kezdesu conflicts lists them
first=$(head -n 1 "$T/out" | cut -f 3)
tui_start 120 30 KEZDESU_NOW=$KEZDESU_NOW USER=$NOBODY -- --db "$D"
keys F6
shows "Conflicts to review: 2 (c lists them)" "the Sync screen counts the conflicts"
keys c
shows "Conflicts kept for review: 2" "c lists the conflicts"
check "the record and its field, as kezdesu conflicts" grep -q "> visit $V $first" "$T/screen"
check "the other one" grep -q "  visit $V $([ "$first" = venue ] && echo time || echo venue)" \
    "$T/screen"
check "the time that lost" grep -q 'lost: "11:00" (this office, ' "$T/screen"
# the venue's conflict selected
[ "$first" = venue ] || keys Down
check "the value that lost, decoded, who wrote it and when" \
    grep -q 'lost: "Аудан әкімдігі" (this office, 2026-12-01 11:00)' "$T/screen"
keys m
shows "keep the value $V venue has now, and drop \"Аудан әкімдігі\"? (y/n)" "m asks first"
keys n
shows "not done" "n: nothing done"
kz --db "$D" conflicts
is "$(grep -c '	venue	' "$T/out")" 1 "the conflict is still there"
keys t
shows "write back \"Аудан әкімдігі\" into venue $V? (y/n)" "t asks before writing the value back"
keys y
shows "conflict resolved: the value that lost is written back" "y resolves it"
shows "Conflicts kept for review: 1" "and it leaves the list"
kz --db "$D" visit show "$V" --format json
like "$(out)" '*"venue":"Аудан әкімдігі"*' "visit show: the value that lost is the venue again"
kz --db "$D" conflicts
is "$(grep -c '	venue	' "$T/out")" 0 "kezdesu conflicts: resolved, no longer listed"
keys v
shows "Another value for visit time" "v on the one left asks for another value"
keys -l 13:30
keys Enter
shows "conflict resolved: the value given is written" "Enter writes it"
shows "Conflicts kept for review: 0" "no conflict left"
kz --db "$D" visit show "$V" --format json
like "$(out)" '*"time":"13:30"*' "visit show: the value given"
keys F10
tui_exit "F10 quits" 0

# ---- read-only: export and import refused -----------------------------------------------------
tui_start 120 30 KEZDESU_NOW=$KEZDESU_NOW USER=$NOBODY -- --read-only --db "$O"
keys F6
shows "613600000 Бәйдібек ауданы (above)" "read-only: the Sync screen shows"
keys e
shows "sync-export: refused, the store is open read-only" "read-only: export refused"
keys i
shows "sync-import: refused, the store is open read-only" "read-only: import refused"
keys F10
tui_exit "F10 quits" 0
done_testing
