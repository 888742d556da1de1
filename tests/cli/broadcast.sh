#!/bin/sh
# B-1 (RULES.md 3.2): "where technically possible, broadcast meetings online on official
# social media accounts with commenting open to the population; videoconference when
# necessary". What visit set records, visit show and dump hold, check's B-1 finding per
# meeting held, and comments from the broadcast taken as questions (source broadcast).
#
# The office of Бәйдібек ауданы (613600000); its akim meets at Шаян (613630000) on
# Friday 10 April 2026. Today is Monday 20 April 2026.
. "$(dirname "$0")/lib/lib.sh"

export KEZDESU_NOW=2026-04-20
S=$T/broadcast
make_store "$S"

# b1 VISIT: the meeting's B-1 findings in check's json, "status: what" a line.
b1() {
	kz --db "$S" check 2026 --held --format json
	"$PY" -c '
import json, sys
for f in json.load(open(sys.argv[1])):
    if f.get("rule") == "B-1" and f.get("visit") == sys.argv[2]:
        print(f["status"] + ": " + f["what"])' "$T/out" "$1"
}

# no_key KEY...: none of the JSON keys is in $T/out.
no_key() {
	for _k in "$@"; do
		grep -Fq "\"$_k\":" "$T/out" && return 1
	done
	return 0
}

kz --db "$S" visit add --akim "$DISTRICT" --target 613630000 --date 2026-04-10
V=$(out)
kz --db "$S" visit add --akim "$DISTRICT" --target 613633000 --date 2026-04-24
LATER=$(out)

# ---- comments from the broadcast are questions of a meeting held with a broadcast ----
kz --db "$S" question add --visit "$V" --source broadcast "Жол қашан жөнделеді?"
fails 1 "is planned, not held*B-1" \
    "b1_comment_before_held: a comment from the broadcast of a meeting not held is refused"
kz --db "$S" visit set "$V" --status held --attendance citizen=40
rc_is 0 "the meeting marked held"
is "$(b1 "$V")" "missing: broadcast online where technically possible, comments open (B-1)" \
    "b1_held_without_broadcast: a meeting held with neither a broadcast nor a reason is missing"
kz --db "$S" question add --visit "$V" --source broadcast "Жол қашан жөнделеді?"
fails 1 "has no broadcast recorded*--broadcast URL, B-1" \
    "b1_comment_without_broadcast: refused, one line saying how to record the broadcast"
kz --db "$S" question add --source broadcast "Жол қашан жөнделеді?"
fails 2 "--source broadcast needs --visit UUID" "a comment from the broadcast names its meeting"

# ---- recorded: links, comments, videoconference ----
kz --db "$S" visit set "$V" --comments open
fails 1 "comments open, but no broadcast is recorded*B-1" \
    "comments without a broadcast are refused"
kz --db "$S" visit set "$V" --comments maybe
fails 2 "--comments: unknown value 'maybe' (one of: open, closed)" "comments are open or closed"
kz --db "$S" visit set "$V" --videoconf perhaps
fails 2 "--videoconf: unknown value 'perhaps' (one of: no, yes)" "videoconf is yes or no"
kz --db "$S" visit set "$V" --no-broadcast ""
fails 2 "--no-broadcast: say why" "an empty reason is refused"
kz --db "$S" visit set "$V" --broadcast "https://instagram.com/p/1,https://facebook.com/v/2" \
    --comments closed --videoconf yes
rc_is 0 "visit set --broadcast URL,URL --comments closed --videoconf yes"
kz --db "$S" visit show "$V"
check "visit show: the links" grep -Fqx \
    "broadcast: https://instagram.com/p/1,https://facebook.com/v/2" "$T/out"
check "visit show: comments closed" grep -Fqx "comments: closed" "$T/out"
check "visit show: videoconference" grep -Fqx "videoconf: yes" "$T/out"
is "$(b1 "$V")" "ok: broadcast online where technically possible, comments open (B-1)
missing: the broadcast's comments were closed to the population (B-1)" \
    "b1_comments_closed: broadcast ok, comments closed its own missing notice"
kz --db "$S" check 2026 --held
like "$(out)" "*B-1  2026-H1  missing  *Шаян*meeting of 2026-04-10
         the broadcast's comments were closed to the population (B-1)*" \
    "check's text names the meeting and the notice"

kz --db "$S" visit set "$V" --comments open
rc_is 0 "comments open"
is "$(b1 "$V")" "ok: broadcast online where technically possible, comments open (B-1)" \
    "b1_broadcast_comments_open: ok, and nothing else"
kz --db "$S" question add --visit "$V" --source broadcast --topic жол "Жол қашан жөнделеді?"
rc_is 0 "a comment from the broadcast of a meeting held is a question"
Q=$(out)
kz --db "$S" question show "$Q" --format json
like "$(out)" "*\"visit\":\"$V\"*\"source\":\"broadcast\"*" "its source is broadcast"
printf 'Су\nЖарық\n' >"$T/in"
kz_in "$T/in" --db "$S" question add --visit "$LATER" --source broadcast -
like "$(err)" "kezdesu: stdin:1: visit $LATER is planned, not held*" \
    "a line at a time: each comment of a meeting not held refused with its line"

# ---- not technically possible: the reason, which replaces the links ----
kz --db "$S" visit set "$V" --broadcast "https://x" --no-broadcast "no network"
rc_is 0 "the reason given after the links replaces them"
kz --db "$S" visit show "$V" --format json
like "$(out)" "*\"no_broadcast\":\"no network\"*" "visit show: the reason"
check "the links went with them, and whether comments were open (not recorded: left out)" \
    no_key broadcast comments
is "$(b1 "$V")" "ok: broadcast online where technically possible, comments open (B-1)" \
    "b1_not_possible_with_reason: ok with the reason recorded"
kz --db "$S" question add --visit "$V" --source broadcast "x"
fails 1 "has no broadcast recorded" "no broadcast, no comments taken from one"
kz --db "$S" visit set "$V" --broadcast "https://instagram.com/p/1"
kz --db "$S" visit show "$V" --format json
like "$(out)" "*\"broadcast\":\"https://instagram.com/p/1\"*" "the links again"
check "and the reason went" no_key no_broadcast
is "$(b1 "$V" | sed -n 2p)" \
    "missing: the broadcast is recorded, but not whether its comments were open (B-1: visit set --comments open|closed)" \
    "a broadcast with comments not recorded either way is a notice"

# ---- dump holds the fields (paths by tag: comments 40, the reason 41) ----
kz --db "$S" dump
before=$(grep -c "^visit $(echo "$V" | tr -d -) " "$T/out")
kz --db "$S" visit set "$V" --comments open
kz --db "$S" dump
is "$(grep -c "^visit $(echo "$V" | tr -d -) 50 " "$T/out")" 1 "dump: the comments' path"
is "$(grep -c "^visit $(echo "$V" | tr -d -) " "$T/out")" "$before" \
    "dump: the comments' path was there as a tombstone after --no-broadcast, now a value"

# ---- a meeting not held owes no B-1 ----
is "$(b1 "$LATER")" "" "a meeting ahead has no B-1 finding"

kz visit set --help
like "$(out)" "*--no-broadcast REASON*--comments open|closed*--videoconf yes|no*" \
    "visit set --help shows the B-1 options"
done_testing
