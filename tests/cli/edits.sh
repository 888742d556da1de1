#!/bin/sh
# Edits that must keep what they do not name (issue 6): visit set changes only the fields
# given, attendance merges per category, several --step options make several steps, a link
# that would move a question asks for --move, the issue's origin meeting stays, a deadline
# extension stays in the history, undo, withdrawal and --clear.
. "$(dirname "$0")/lib/lib.sh"

S=$T/store
make_store "$S"

# jq_py FILE EXPR: prints EXPR evaluated with r = the first record of the JSON list in FILE.
jq_py() {
	"$PY" -c '
import json, sys
r = json.load(open(sys.argv[1], encoding="utf-8"))[0]
print(eval(sys.argv[2]))' "$1" "$2" 2>&1
}

# ---- visit set: only the fields given ----
kz --db "$S" visit add --akim "$DISTRICT" --target 613637000 --date 2026-12-10 --venue 'Мектеп'
V=$(out)
is_uuid "$V" || bail_out "setup: visit add"
kz --db "$S" visit set "$V" --channels 'аудандық газет'
kz --db "$S" visit set "$V" --venue 'Мәдениет үйі'
kz --db "$S" visit show "$V" --format json
is "$(jq_py "$T/out" 'r.get("venue"), r.get("channels")')" "('Мәдениет үйі', 'аудандық газет')" \
    "visit set: two edits of different fields both stay"

# ---- attendance: merged per category ----
kz --db "$S" visit set "$V" --attendance citizen=40,deputy=2
kz --db "$S" visit set "$V" --attendance business=5
rc_is 0 "visit set --attendance of another category exits 0"
kz --db "$S" visit set "$V" --attendance citizen=45
kz --db "$S" visit show "$V" --format json
is "$(jq_py "$T/out" '",".join("%s=%d" % (a["category"], a["count"]) for a in sorted(r.get("attendance", []), key=lambda a: a["category"]))')" \
    "business=5,citizen=45,deputy=2" \
    "--attendance keeps the categories recorded before and replaces the one given again"

done_testing
