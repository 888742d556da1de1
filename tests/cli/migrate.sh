#!/bin/sh
# A store of format 1, made before the replicated log (tests/fixtures/format1): refused untouched by
# every command but migrate, which keeps a copy of it and rewrites it in format 2 with
# every unit, meeting, question, issue, holiday and calendar as they were.
. "$(dirname "$0")/lib/lib.sh"

D=$T/old
mkdir -p "$D"
cp "$top/tests/fixtures/format1/data.mdb" "$D/data.mdb"
chmod 700 "$D"
chmod 600 "$D/data.mdb"
before=$(cksum <"$D/data.mdb")

kz --db "$D" question list
rc_is 1 "a command on a store of format 1 fails"
like "$(err)" "*made in format 1 by an earlier kezdesu*run kezdesu --db $D migrate*" \
    "and says to migrate it"
is "$(cksum <"$D/data.mdb")" "$before" "the store is left as it was"
kz --db "$D" --read-only migrate
rc_is 2 "migrate refuses --read-only"

kz --db "$D" migrate
rc_is 0 "migrate exits 0"
like "$(out)" "migrated $D to format 2: 82 records; the store as it was is kept in $D/format-1-copy" \
    "migrate says what it did and where the copy is"
is "$(stat -c %a "$D/format-1-copy") $(stat -c %a "$D/format-1-copy/data.mdb")" "700 600" \
    "the copy is as private as the store"
kz --db "$D/format-1-copy" units list
like "$(err)" "*made in format 1*" "the copy is the old store, in format 1"
is "$(stat -c %a "$D/node.key")" 600 "the signing key is in node.key (0600)"

kz --db "$D" units list
is "$(nlines "$T/out")" 75 "all 75 units are there"
kz --db "$D" question list
is "$(cut -f7 "$T/out" | sort | tr '\n' '|')" \
    "Ауыз су қашан келеді?|Жол жөндеу керек|Когда будет газ?|" "all three questions, their texts as they were"
I=$(cut -f6 "$T/out" | grep . | head -n 1)
V=$(cut -f3 "$T/out" | head -n 1)
kz --db "$D" visit show "$V" --format json
check "the meeting keeps its venue and time" python3 -c '
import json, sys
v = json.load(open(sys.argv[1]))
v = v[0] if isinstance(v, list) else v
assert v["venue"] == "Мәдениет үйі" and v["time"] == "10:00" and v["date"] == "2026-12-08", v
att = {a["category"]: a["count"] for a in v["attendance"]}
# 0.1.0 kept only the last --attendance given (the bug issue 6 names): deputy=2 alone.
assert att == {"deputy": 2}, att
' "$T/out"
kz --db "$D" visit set "$V" --attendance party=3 --attendance citizen=120
kz --db "$D" visit show "$V" --format json
check "attendance merges per category after the migration (M-2)" python3 -c '
import json, sys
v = json.load(open(sys.argv[1]))
v = v[0] if isinstance(v, list) else v
att = {a["category"]: a["count"] for a in v["attendance"]}
assert att == {"citizen": 120, "deputy": 2, "party": 3}, att
' "$T/out"
kz --db "$D" issue show "$I" --format json
check "the issue keeps its title, executor, deadline, step, status and history" python3 -c '
import json, sys
i = json.load(open(sys.argv[1]))
i = i[0] if isinstance(i, list) else i
assert i["title"] == "Ағыбет: ауыз су" and i["executor"] == "ТКШ бөлімі", i
assert i["deadline"] == "2027-06-01" and i["status"] == "in-work", i
assert [s["text"] for s in i["steps"]] == ["Жоба"], i["steps"]
assert [h["status"] for h in i["history"]] == ["new", "in-work"], i["history"]
' "$T/out"
kz --db "$D" issue set "$I" --step-done 1
rc_is 0 "its step can be marked done"
kz --db "$D" holiday list --year 2027
like "$(out)" "*2027-05-17*Құрбан айт*" "the recorded day off is there"
kz --db "$D" calendar show 2027
like "$(out)" "*status: approved*" "the calendar is still approved"
kz --db "$D" question add --visit "$V" "Мектепке автобус керек"
rc_is 0 "a new question is saved after the migration"
kz --db "$D" question list --visit "$V"
is "$(nlines "$T/out")" 4 "and listed with the others"
kz --db "$D" dump
rc_is 0 "dump reads the migrated store"
kz --db "$D" migrate
rc_is 1 "migrating again fails"
like "$(err)" "*already in format 2*" "and says the store is already migrated"
done_testing
