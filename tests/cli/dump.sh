#!/bin/sh
# kezdesu dump: the whole state as canonical text, the same bytes for the same state, and
# only printable ASCII; kezdesu conflicts lists nothing in a store that made every change.
. "$(dirname "$0")/lib/lib.sh"

D=$T/store
kz --db "$D" init --unit $DISTRICT
rc_is 0 "init"
kz --db "$D" units import "$SAMPLE"
rc_is 0 "units import"
V=$("$KZ" --db "$D" visit add --akim $DISTRICT --target 613633000 --date 2026-12-08 --time 10:00)
kz --db "$D" question add --visit "$V" --asker citizen "Ауыз су қашан келеді?"
rc_is 0 "a question"
kz --db "$D" dump
rc_is 0 "dump exits 0"
cp "$T/out" "$T/dump1"
like "$(grep -c '^question ' "$T/dump1")" "[1-9]*" "the question is in the dump"
check "the dump is printable ASCII only" sh -c "! LC_ALL=C grep -q '[^ -~]' '$T/dump1'"
kz --db "$D" question list --visit "$V"
kz --db "$D" check 2026
kz --db "$D" dump
cmp -s "$T/out" "$T/dump1" && ok "reading commands leave the dump as it was" ||
    not_ok "reading commands leave the dump as it was"
kz --db "$D" visit set "$V" --venue "Мәдениет үйі"
kz --db "$D" dump
cmp -s "$T/out" "$T/dump1" && not_ok "a change shows in the dump" || ok "a change shows in the dump"
kz --db "$D" conflicts
rc_is 0 "conflicts exits 0"
is "$(nlines "$T/out")" 0 "one office alone has no conflicts"
I=$("$KZ" --db "$D" issue add --title "Ағыбет: ауыз су" --unit 613633000)
kz --db "$D" issue set "$I" --step "Жоба" --status in-work
kz --db "$D" issue show "$I"
check "issue show for people numbers steps and history, without their element ids" \
    sh -c "grep -q '^steps 1:' '$T/out' && ! grep -q 'eid' '$T/out'"
kz --db "$D" issue show "$I" --format json
like "$(out)" '*"eid":"*' "JSON keeps the element ids, for programs"
kz --db "$D" dump extra
rc_is 2 "dump takes no operands"
done_testing
