#!/bin/sh
# P-2: the pool of requests and proposals collected before a meeting, each with the channel
# it came through (RULES.md P-2): request add|list|assign, the link to problem issues, and
# P-2's finding in check for every held calendar meeting.
#
# The office of Бәйдібек ауданы (613600000, the sample district); its akim met the people
# of Шаян (613630000) on Friday 10 April 2026. Today is Monday 20 April 2026.
. "$(dirname "$0")/lib/lib.sh"

export KEZDESU_NOW=2026-04-20
S=$T/pool
make_store "$S"

kz --db "$S" visit add --akim "$DISTRICT" --target 613630000 --date 2026-04-10
V=$(out)
is_uuid "$V" || bail_out "setup: visit add"

# ---- a request says how it came ----
kz --db "$S" request add --visit "$V" --date 2026-04-01 "Ауызсу жоқ"
fails 1 "request: how it came is required (P-2: --channel open-data, blog, e-otinish, letter, in-person or other)" \
    "P-2: a request without a channel is refused, in one line"
kz --db "$S" question add --source pool "Ауызсу жоқ"
fails 1 "how it came is required (P-2" "P-2: a question of the pool without a channel too"
kz --db "$S" request add --visit "$V" --channel radio "Ауызсу жоқ"
fails 2 "--channel: unknown value 'radio'" "P-2: an unknown channel is refused"
kz --db "$S" request add --visit "$V" --channel open-data --date 2026-04-01 --topic "Су" \
    "Ауызсу жоқ"
rc_is 0 "P-2: a request from the open data portal for the meeting of 10 April"
R1=$(out)
check "request add prints the request's id" is_uuid "$R1"
kz --db "$S" request add --visit "$V" --channel letter --date 2026-04-11 "Жол"
fails 1 "request of 2026-04-11: after its meeting of 2026-04-10 (P-2" \
    "P-2: a request dated after its meeting is refused"
kz --db "$S" request add --visit "$V" --channel letter --date 2026-04-21 "Жол"
fails 1 "request of 2026-04-21: a date in the future" "P-2: a request dated tomorrow is refused"
kz --db "$S" request add --channel blog "Жол"
fails 1 "say which meeting it is for (--visit UUID) or*(--unit CODE)" \
    "P-2: a request names its meeting or its unit"
kz --db "$S" request add --unit 999999999 --channel blog "Жол"
fails 1 "unit 999999999: not found" "P-2: an unknown unit is refused"
printf 'Мектеп жөндеуі\nСпорт алаңы\n' >"$T/in"
kz_in "$T/in" --db "$S" request add --visit "$V" --channel e-otinish --date 2026-04-02 -
is "$(grep -c '^saved ' "$T/out")" 2 "P-2: requests a line at a time from stdin"

# ---- before its meeting is chosen: a unit, then assign ----
kz --db "$S" request add --unit 613633000 --channel in-person --asker deputy "Көпір"
rc_is 0 "P-2: a request taken in person before its meeting is chosen, for a unit"
R2=$(out)
kz --db "$S" dump
unit_hex=$(printf 613633000 | od -An -tx1 | tr -d ' \n')
check "P-2: dump shows the request's unit (tag 17, path 22)" \
    grep -q "^question [0-9a-f]* 22 [^ ]* [0-9a-f]*$unit_hex\$" "$T/out"
kz --db "$S" request list --unassigned --format tsv
is "$(cut -f1,4,5,6,9,10 "$T/out")" "$R2	613633000	in-person	deputy	Көпір	Ағыбет а.о." \
    "request list --unassigned: the request with its unit (and the unit's name) and channel"
kz --db "$S" request assign "$R2" --visit "$V"
fails 1 "request of 2026-04-20: after its meeting of 2026-04-10" \
    "P-2: a request is not assigned to a meeting held before it came"
kz --db "$S" visit add --akim "$DISTRICT" --target 613633000 --date 2026-05-12
V2=$(out)
kz --db "$S" request assign "$R2" --visit "$V2"
rc_is 0 "P-2: the request assigned to its meeting of 12 May"
kz --db "$S" request list --unassigned
is "$(out)" "" "request list --unassigned: none left"
kz --db "$S" request list --visit "$V2" --format tsv
is "$(cut -f1,3 "$T/out")" "$R2	$V2" "request list --visit: the meeting's requests"
kz --db "$S" question add --visit "$V" "Залда қойылған сұрақ"
Q=$(out)
kz --db "$S" request assign "$Q" --visit "$V2"
fails 1 "question $Q is meeting, not a request of the pool (P-2)" \
    "P-2: a question asked in the hall is no request to assign"
kz --db "$S" request list --format tsv
is "$(cut -f5 "$T/out" | sort | tr '\n' ' ')" "e-otinish e-otinish in-person open-data " \
    "request list: every request, the hall's question not among them"
kz --db "$S" request list --format json
check "request list --format json parses" json_ok "$T/out"

# ---- requests link to problem issues as questions do ----
kz --db "$S" issue add --title "Шаян: ауызсу" --unit 613630000 --deadline 2026-09-01
I=$(out)
kz --db "$S" issue link "$I" "$R1" "$R2"
rc_is 0 "P-2: issue link ties requests to a problem issue"
kz --db "$S" question list --issue "$I" --format tsv
is "$(cut -f1 "$T/out" | sort | tr '\n' ' ')" "$(printf '%s\n' "$R1" "$R2" | sort | tr '\n' ' ')" \
    "P-2: the issue's questions are its requests"
kz --db "$S" request list --visit "$V" --format tsv
is "$(awk -F'\t' -v r="$R1" '$1 == r { print $8 }' "$T/out")" "$I" \
    "P-2: request list shows the request's issue"

# ---- P-2 in check: per held calendar meeting ----
kz --db "$S" visit set "$V" --status held
kz --db "$S" visit add --akim "$DISTRICT" --target 613633000 --date 2026-04-15 --status held
V3=$(out)
kz --db "$S" check 2026 --format tsv
is "$(awk -F'\t' '$1 == "P-2" { print $5, $6 }' "$T/out")" "ok $V
missing $V3" "P-2 check: requests collected (ok), none recorded (missing)"
kz --db "$S" check 2026 --format json
check "check --format json parses" json_ok "$T/out"
like "$(out)" "*\"rule\":\"P-2\",*\"status\":\"ok\",\"visit\":\"$V\",*\"requests\":3}*" \
    "P-2 check json: the meeting's requests counted, as a number"
kz --db "$S" check 2026
like "$(out)" "*P-2  2026-H1  missing  Бәйдібек ауданы → Ағыбет а.о., meeting of 2026-04-15
         requests and proposals collected before the meeting (P-2: the pool)*" \
    "P-2 check's text: a held meeting without requests"
kz --db "$S" visit set "$V2" --unscheduled "Халықтың өтініші бойынша"
KEZDESU_NOW=2026-05-13 kz --db "$S" check 2026 --format tsv
is "$(awk -F'\t' -v v="$V2" '$1 == "P-2" && $6 == v' "$T/out")" "" \
    "P-2 check: an unscheduled meeting (U-1) has no pool finding"
done_testing
