#!/bin/sh
# M-2 (RULES.md 1): "a broad audience: maslikhat deputies, representatives of parties,
# public organizations and the opposition". Issue 7 asks for a notice when they were
# neither invited nor present: visit set --invited records whom the office invited, and
# check's second M-2 finding fires only when none of the four was present and none was
# invited. Also the old free-text per-meeting commission (P-1 is now the year's members,
# kezdesu commission): its options are gone, with one line saying where it went.
#
# The office of Бәйдібек ауданы (613600000); its akim meets at Шаян (613630000) on
# Friday 10 April 2026. Today is Monday 20 April 2026.
. "$(dirname "$0")/lib/lib.sh"

export KEZDESU_NOW=2026-04-20
S=$T/invited
make_store "$S"

# m2 VISIT: the meeting's M-2 findings in check's json, "status: what" a line.
m2() {
	kz --db "$S" check 2026 --held --format json
	"$PY" -c '
import json, sys
for f in json.load(open(sys.argv[1])):
    if f.get("rule") == "M-2" and f.get("visit") == sys.argv[2]:
        print(f["status"] + ": " + f["what"])' "$T/out" "$1"
}

kz --db "$S" visit add --akim "$DISTRICT" --target 613630000 --date 2026-04-10
V=$(out)
kz --db "$S" visit set "$V" --status held --attendance citizen=40,deputy=0
rc_is 0 "held, 40 citizens and no deputy"
is "$(m2 "$V")" "ok: attendance recorded by category
missing: maslikhat deputies, parties, public organisations or the opposition neither invited nor present" \
    "m2_neither_invited_nor_present: none of the four came, none invited: the notice"

# ---- --invited: names of the broad audience, kept once each in the list's order ----
kz --db "$S" visit set "$V" --invited "opposition, deputy,opposition"
rc_is 0 "visit set --invited opposition,deputy"
is "$(m2 "$V")" "ok: attendance recorded by category" \
    "m2_invited_not_present: invited deputies and the opposition, none came: no notice"
kz --db "$S" visit show "$V"
check "visit show: whom the office invited, in the list's order" \
    grep -Fqx "invited: maslikhat deputy, opposition" "$T/out"
kz --db "$S" visit show "$V" --format json
like "$(out)" '*"invited":"deputy,opposition"*' "visit show --format json: invited"
kz --db "$S" dump
is "$(grep -c "^visit $(echo "$V" | tr -d -) 54 " "$T/out")" 1 \
    "dump: invited at its own path (tag 42)"

kz --db "$S" visit set "$V" --invited citizen
fails 1 "invited 'citizen' is not of the broad audience (M-2: deputy, party, public-org, opposition)" \
    "a category outside the broad audience is refused, naming the four"
kz --db "$S" visit set "$V" --invited ""
fails 1 "--invited names no one (M-2" "an empty list is refused"
kz --db "$S" visit show "$V" --format json
like "$(out)" '*"invited":"deputy,opposition"*' "a refused --invited loses nothing"

kz --db "$S" visit set "$V" --clear invited
rc_is 0 "visit set --clear invited"
is "$(m2 "$V" | sed -n 2p)" \
    "missing: maslikhat deputies, parties, public organisations or the opposition neither invited nor present" \
    "cleared: the notice is back"
kz --db "$S" visit set "$V" --attendance party=2
is "$(m2 "$V")" "ok: attendance recorded by category" \
    "m2_present_not_invited: a party came: no notice"

kz --db "$S" visit add --akim "$DISTRICT" --target 613633000 --date 2026-04-24 \
    --invited public-org
rc_is 0 "visit add --invited"
kz --db "$S" visit show "$(out)"
check "visit add keeps invited" grep -Fqx "invited: public organisation" "$T/out"

# ---- P-1: the per-meeting commission is gone from the command line ----
kz --db "$S" visit set "$V" --commission "Асанов, Бекова"
fails 2 "--commission is no longer a meeting's field*kezdesu commission add YEAR" \
    "visit set --commission is a usage error naming kezdesu commission add"
kz --db "$S" visit set "$V" --clear commission
fails 2 "--clear commission: a meeting has no commission*kezdesu commission add" \
    "visit set --clear commission is a usage error too"
kz --db "$S" visit add --akim "$DISTRICT" --target 613633000 --date 2026-04-27 \
    --commission X
fails 2 "--commission is no longer a meeting's field" "so is visit add --commission"
kz visit set --help
like "$(out)" "*--invited LIST*" "visit set --help shows --invited"
case $(out) in
*--commission*) not_ok "visit set --help no longer shows --commission" ;;
*) ok "visit set --help no longer shows --commission" ;;
esac
done_testing
