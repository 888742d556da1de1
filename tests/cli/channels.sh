#!/bin/sh
# P-3: where a meeting was announced, from the decree's list of mass media (RULES.md P-3):
# visit set --channels takes names of the list, shown as words by visit show, and check
# asks every announced meeting for its channels.
#
# The office of Бәйдібек ауданы (613600000, the sample district). Today is Monday 20 April
# 2026; the akim meets at Шаян (613630000) on 5 May and at Ағыбет (613633000) on 6 May.
. "$(dirname "$0")/lib/lib.sh"

export KEZDESU_NOW=2026-04-20
S=$T/channels
make_store "$S"

kz --db "$S" visit add --akim "$DISTRICT" --target 613630000 --date 2026-05-05
V=$(out)
is_uuid "$V" || bail_out "setup: visit add"
kz --db "$S" visit add --akim "$DISTRICT" --target 613633000 --date 2026-05-06
V2=$(out)

LIST="print, radio, web, egov, open-data, social, public-places, other"
before=$("$KZ" --db "$S" dump | cksum)
kz --db "$S" visit set "$V" --channels 'аудандық газет'
fails 1 "visit: channel 'аудандық газет' is not in the decree's list (P-3: $LIST)" \
    "P-3: a channel outside the decree's list is refused, naming the valid ones"
kz --db "$S" visit set "$V" --channels 'radio,TV'
fails 1 "channel 'TV' is not in the decree's list" "P-3: one unknown name refuses the list"
kz --db "$S" visit set "$V" --channels ''
fails 1 "--channels names no channel (P-3: one or more of $LIST)" \
    "P-3: an empty list is refused"
kz --db "$S" visit add --akim "$DISTRICT" --target 613630000 --date 2026-05-07 --channels x
fails 1 "channel 'x' is not in the decree's list" "P-3: visit add checks the channels too"
is "$("$KZ" --db "$S" dump | cksum)" "$before" "P-3: nothing refused was written"
kz --db "$S" visit show "$V" --format json
like "$(out)" "*\"$V\"*" "P-3: the meeting shows"
check "P-3: ... with no channels" sh -c "! grep -q channels '$T/out'"

kz --db "$S" visit set "$V" --channels 'social, print,radio,social' --announced 2026-04-20
rc_is 0 "P-3: channels of the decree's list, in any order, once or twice"
kz --db "$S" visit show "$V" --format json
like "$(out)" '*"channels":"print,radio,social"*' \
    "P-3: kept each once, in the list's order"
kz --db "$S" visit show "$V"
like "$(out)" "*
announced through (P-3): regional print, radio, akimat's social accounts" \
    "P-3: visit show says the channels as words"

# ---- check: an announced meeting records where ----
kz --db "$S" visit set "$V2" --announced 2026-04-20
kz --db "$S" check 2026 --format tsv
is "$(awk -F'\t' '$1 == "P-3" { print $5, $6 }' "$T/out")" "ok $V
missing $V2" "P-3 check: channels recorded (ok), announced without them (missing)"
kz --db "$S" check 2026
like "$(out)" "*P-3  2026-H1  missing  Бәйдібек ауданы → Ағыбет а.о., meeting of 2026-05-06
         the announcement's channels recorded (P-3: *" \
    "P-3 check's text names the meeting announced without channels"
kz --db "$S" visit set "$V" --clear channels
kz --db "$S" check 2026 --format tsv
is "$(awk -F'\t' -v v="$V" '$1 == "P-3" && $6 == v { print $5 }' "$T/out")" missing \
    "P-3 check: the channels cleared, the announcement lacks them again"
kz --db "$S" visit add --akim "$DISTRICT" --target 613630000 --date 2026-05-08
V3=$(out)
kz --db "$S" check 2026 --format tsv
is "$(awk -F'\t' -v v="$V3" '$1 == "P-3" && $6 == v' "$T/out")" "" \
    "P-3 check: a meeting not announced yet has no P-3 finding (P-4 asks for the notice)"
done_testing
