#!/bin/sh
# Visits, questions and issues through the command line: round trips, errors that leave the
# store unchanged, ordering and filters, Kazakh and Russian text byte for byte.
. "$(dirname "$0")/lib/lib.sh"

S=$T/store
make_store "$S"
tab=$(printf '\t')

# field_is FILE NAME VALUE TESTNAME: FILE (visit/issue show text) has the line "NAME: VALUE".
field_is() {
	if grep -Fqx "$2: $3" "$1"; then
		ok "$4"
	else
		not_ok "$4"
		diag "  no line '$2: $3'; the $2 lines are:"
		grep "^ *$2:" "$1" | sed 's/^/#   /'
	fi
}

# ---- visits ----
kz --db "$S" visit add --akim "$DISTRICT" --target 613637000 --date 2026-12-10 --time 10:30 \
    --duration 120 --venue 'Алғабас ауылы, мәдениет үйі'
rc_is 0 "visit add exits 0"
V1=$(out)
check "visit add prints the new visit's UUID" is_uuid "$V1"
kz --db "$S" visit show "$V1"
cp "$T/out" "$T/v1.txt"
field_is "$T/v1.txt" akim "$DISTRICT Бәйдібек ауданы" "visit show: akim as set, with its name"
field_is "$T/v1.txt" target "613637000 Алғабас а.о." "visit show: target as set, with its name"
field_is "$T/v1.txt" date 2026-12-10 "visit show: date as set"
field_is "$T/v1.txt" time 10:30 "visit show: time as set"
field_is "$T/v1.txt" duration_min 120 "visit show: duration as set"
field_is "$T/v1.txt" venue 'Алғабас ауылы, мәдениет үйі' "visit show: Kazakh venue byte for byte"
field_is "$T/v1.txt" status planned "visit show: a new visit is planned"
field_is "$T/v1.txt" field yes "visit show: a visit away from the akim's unit is a field visit"
kz --db "$S" visit show "$V1" --format json
check "visit show --format json parses" json_ok "$T/out"
kz --db "$S" visit show "$V1" --format tsv
is "$(out)" "$V1${tab}2026-12-10${tab}10:30${tab}$DISTRICT${tab}613637000${tab}planned${tab}yes${tab}no${tab}${tab}${tab}Бәйдібек ауданы${tab}Алғабас а.о." \
    "visit show --format tsv: the columns of visit list, then the units' names"

kz --db "$S" visit add --akim "$DISTRICT" --target "$DISTRICT" --date 2026-12-20
V2=$(out)
kz --db "$S" visit show "$V2"
field_is "$T/out" field no "a visit in the akim's own unit is not a field visit"
field_is "$T/out" duration_min 90 "the duration defaults to 90 minutes"
kz --db "$S" visit add --akim "$DISTRICT" --target 613637000 --date 2026-12-11 --no-field \
    --unscheduled 'Су тасқыны: шұғыл кездесу'
rc_is 0 "an unscheduled visit with its reason is added"
V3=$(out)
kz --db "$S" visit show "$V3"
cp "$T/out" "$T/v3.txt"
field_is "$T/v3.txt" unscheduled yes "the visit is marked unscheduled"
field_is "$T/v3.txt" reason 'Су тасқыны: шұғыл кездесу' "the reason is kept byte for byte"
field_is "$T/v3.txt" field no "--no-field is kept"

# On 21 December: its announcement and publication (20 December) are behind.
KEZDESU_NOW=2026-12-21 kz --db "$S" visit set "$V1" --date 2026-12-15 --status announced --announced 2026-12-01 \
    --published 2026-12-20 --attendance citizen=40,deputy=2 --channels 'radio,print'
rc_is 0 "visit set exits 0"
kz --db "$S" visit show "$V1"
cp "$T/out" "$T/v1b.txt"
field_is "$T/v1b.txt" date 2026-12-15 "visit set: the new date shows"
field_is "$T/v1b.txt" moved_from 2026-12-10 "visit set: a date change records moved_from"
field_is "$T/v1b.txt" status announced "visit set: the status shows"
field_is "$T/v1b.txt" announced_on 2026-12-01 "visit set: the announcement date shows"
field_is "$T/v1b.txt" published_on 2026-12-20 "visit set: the publication date shows"
field_is "$T/v1b.txt" channels 'regional print, radio' "visit set: the channels show, in P-3's order"
field_is "$T/v1b.txt" venue 'Алғабас ауылы, мәдениет үйі' "visit set keeps what it did not change"
kz --db "$S" visit show "$V1" --format json
att=$("$PY" -c 'import json,sys; v=json.load(sys.stdin)[0]
print(",".join("%s=%d" % (a["category"], a["count"]) for a in v.get("attendance", [])))' \
    <"$T/out" 2>&1)
is "$att" "citizen=40,deputy=2" "visit set: attendance by category"
# Marked held after its date of 15 December (never before it, M-1), on a day when its
# publication of 20 December is in the past (a publication is recorded once it is made).
KEZDESU_NOW=2026-12-21 kz --db "$S" visit set "$V1" --status held
kz --db "$S" visit show "$V1"
field_is "$T/out" date 2026-12-15 "a change without --date leaves the date"
field_is "$T/out" status held "the status changes again"

kz --db "$S" visit list
cp "$T/out" "$T/visits"
is "$(cut -f1,2 "$T/visits" | tr '\n' ' ')" \
    "$V3${tab}2026-12-11 $V1${tab}2026-12-15 $V2${tab}2026-12-20 " "visit list is in date order"
kz --db "$S" visit list --from 2026-12-15 --to 2026-12-15
is "$(cut -f1 "$T/out")" "$V1" "visit list --from D --to D gives the visits of that day (inclusive)"
kz --db "$S" visit list --from 2026-12-12 --to 2026-12-14
is "$(nlines "$T/out")" 0 "visit list of days without visits is empty"
kz --db "$S" visit list --format json
check "visit list --format json parses" json_ok "$T/out"

snapshot "$S" "$T/snap"
kz --db "$S" visit add --akim "$DISTRICT" --target 613699999 --date 2026-12-10
fails 1 "613699999*not found" "visit add: unknown target unit is refused"
kz --db "$S" visit add --akim 613699999 --target 613637000 --date 2026-12-10
fails 1 "613699999*not found" "visit add: unknown akim unit is refused"
kz --db "$S" visit add --akim 613637000 --target 613633100 --date 2026-12-10
fails 1 "613633100 is not in the territory of unit 613637000" \
    "visit add: a target outside the akim's territory is refused"
kz --db "$S" visit add --akim 613637100 --target 613637100 --date 2026-12-10
fails 1 "no akim" "visit add: a unit without an akim cannot hold a visit"
kz --db "$S" visit add --akim "$DISTRICT" --target 613637000 --date 2026-12-10 --unscheduled
fails 2 "--unscheduled' needs a value" "visit add: --unscheduled without a reason is bad usage"
kz --db "$S" visit add --akim "$DISTRICT" --target 613637000 --date 2026-12-10 --unscheduled ''
fails 1 "reason" "visit add: --unscheduled with an empty reason is refused"
kz --db "$S" visit add --akim "$DISTRICT" --target 613637000 --date 2026-02-30
fails 2 "2026-02-30" "visit add: date 2026-02-30 is bad usage (exit 2)"
kz --db "$S" visit add --akim "$DISTRICT" --target 613637000 --date 2026-12-10 --time 25:00
fails 2 "25:00" "visit add: time 25:00 is bad usage"
kz --db "$S" visit add --akim "$DISTRICT" --target 613637000
fails 2 "usage" "visit add without --date is bad usage"
kz --db "$S" visit set "$V1" --date 2026-02-30
fails 2 "2026-02-30" "visit set: a bad date is bad usage"
kz --db "$S" visit set "$V1" --status postponed
fails 2 "postponed" "visit set: an unknown status is bad usage"
kz --db "$S" visit set "$V1" --target 610000000
fails 1 "610000000 is not in the territory" "visit set: a target outside the territory is refused"
kz --db "$S" visit show 01234567-89ab-7def-8123-456789abcdef
fails 1 "not found" "visit show of an unknown visit fails"
kz --db "$S" visit show not-a-uuid
fails 2 "not-a-uuid" "visit show of a malformed UUID is bad usage"
unchanged "$S" "$T/snap" "the refused visit commands changed nothing"

# ---- questions ----
QKK='Ауыл орталығындағы жол қашан жөнделеді? «Ақ жол» бағдарламасы қайда?'
QRU='Когда проведут газ в село Шақпақ? Ждём уже третий год — «обещали».'
QRU2='Школьный автобус ходит раз в день; ученики 5–11 классов опаздывают.'
kz --db "$S" question add --visit "$V1" --topic жол --asker deputy "$QKK"
rc_is 0 "question add exits 0"
Q1=$(out)
check "question add prints the new question's UUID" is_uuid "$Q1"
kz --db "$S" question add --visit "$V1" "$QRU"
Q2=$(out)
kz --db "$S" question add --visit "$V3" --topic 'образование' -- "$QRU2"
Q3=$(out)
check "three questions added" [ -n "$Q1" -a -n "$Q2" -a -n "$Q3" ]

kz --db "$S" question list
cp "$T/out" "$T/q.all"
is "$(cut -f1 "$T/q.all" | tr '\n' ' ')" "$Q3 $Q2 $Q1 " "question list: newest first"
check "question list: newest first (asked, local time, descends)" sh -c "cut -f2 '$T/q.all' | LC_ALL=C sort -c -r"
is "$(awk -F'\t' -v id="$Q1" '$1 == id { print $7 }' "$T/q.all")" "$QKK" \
    "question list: Kazakh text byte for byte (tsv)"
is "$(awk -F'\t' -v id="$Q2" '$1 == id { print $7 }' "$T/q.all")" "$QRU" \
    "question list: Russian text byte for byte (tsv)"
is "$(awk -F'\t' -v id="$Q1" '$1 == id { print $3 "|" $4 "|" $5 "|" $6 }' "$T/q.all")" \
    "$V1|deputy|жол|" "question list: visit, asker and topic columns"
kz --db "$S" question list --format json
printf '%s\n%s\n%s\n' "$QRU2" "$QRU" "$QKK" >"$T/q.want"
"$PY" -c 'import json,sys
for q in json.load(sys.stdin): sys.stdout.buffer.write(q["text"].encode() + b"\n")' \
    <"$T/out" >"$T/q.got" 2>&1
check "question list --format json: texts byte for byte" cmp -s "$T/q.got" "$T/q.want"
kz --db "$S" question list --limit 2
is "$(cut -f1 "$T/out" | tr '\n' ' ')" "$Q3 $Q2 " "question list --limit 2 gives the two newest"
kz --db "$S" question list --visit "$V1"
is "$(cut -f1 "$T/out" | sort | tr '\n' ' ')" "$(printf '%s\n%s\n' "$Q1" "$Q2" | sort | tr '\n' ' ')" \
    "question list --visit gives that visit's questions only"
kz --db "$S" question list --visit "$V2"
is "$(nlines "$T/out")" 0 "question list --visit of a visit without questions is empty"
kz --db "$S" question list --visit "$V1" --limit 1
is "$(nlines "$T/out")" 1 "question list --visit V --limit 1 gives one question"

snapshot "$S" "$T/snap"
kz --db "$S" question add --visit 01234567-89ab-7def-8123-456789abcdef 'Сұрақ'
fails 1 "not found" "question add to an unknown visit is refused"
kz --db "$S" question add 'Сұрақ'
fails 2 "--visit" "question add without --visit is bad usage"
kz --db "$S" question add --visit "$V1" --asker king 'Сұрақ'
fails 2 "king" "question add with an unknown asker category is bad usage"
kz --db "$S" question add --visit "$V1" '   '
fails 1 "empty" "an empty question is refused"
unchanged "$S" "$T/snap" "the refused questions changed nothing"

printf 'Бірінші сұрақ\n   \nЕкінші сұрақ\n' >"$T/in"
kz_in "$T/in" --db "$S" question add --visit "$V2" -
rc_is 1 "question add - exits 1 when a line was refused"
is "$(grep -c '^saved ' "$T/out")" 2 "question add -: the good lines are saved"
fails_line=$(grep -c '^kezdesu: stdin:2: ' "$T/err")
is "$fails_line" 1 "question add -: the blank line is refused as stdin:2"
kz --db "$S" question list --visit "$V2"
is "$(cut -f7 "$T/out" | tr '\n' '|')" "Бірінші сұрақ|Екінші сұрақ|" \
    "question add -: the saved lines are in the store in order"

# Lines from a Windows editor (CRLF) and a last line without its newline.
printf 'Үшінші сұрақ\r\nТөртінші сұрақ' >"$T/in"
kz_in "$T/in" --db "$S" question add --visit "$V3" -
rc_is 0 "question add - takes CRLF lines and a last line without newline"
kz --db "$S" question list --visit "$V3"
is "$(cut -f7 "$T/out" | tr '\n' '|')" "$QRU2|Үшінші сұрақ|Төртінші сұрақ|" \
    "question add -: no carriage return is stored, the unterminated line is saved"

# ---- issues ----
kz --db "$S" issue add --title 'Шақпақ ауылында ауыз су жоқ' --unit 613637100 --level district \
    --executor 'Тұрғын үй-коммуналдық шаруашылығы бөлімі' --deadline 2027-03-01 --visit "$V1"
rc_is 0 "issue add exits 0"
I1=$(out)
check "issue add prints the new issue's UUID" is_uuid "$I1"
kz --db "$S" issue add --title 'Дорога до села разбита'
I2=$(out)
kz --db "$S" issue show "$I1"
cp "$T/out" "$T/i1.txt"
field_is "$T/i1.txt" title 'Шақпақ ауылында ауыз су жоқ' "issue show: title byte for byte"
field_is "$T/i1.txt" unit "613637100 Шақпақ а." "issue show: unit, with its name"
field_is "$T/i1.txt" level 'district level' "issue show: level, in words"
field_is "$T/i1.txt" executor 'Тұрғын үй-коммуналдық шаруашылығы бөлімі' "issue show: executor"
field_is "$T/i1.txt" deadline 2027-03-01 "issue show: deadline"
field_is "$T/i1.txt" visit "$V1" "issue show: the visit it came from"
field_is "$T/i1.txt" status new "issue show: a new issue is new"

kz --db "$S" issue set "$I1" --status in-work --note 'Мердігер анықталды'
rc_is 0 "issue set --status --note exits 0"
kz --db "$S" issue set "$I1" --step 'Жобалау-сметалық құжаттама' --step-executor 'ПИР' \
    --step-deadline 2027-01-15
kz --db "$S" issue set "$I1" --step 'Құрылыс'
KEZDESU_NOW=2026-10-05 "$KZ" --db "$S" issue set "$I1" --step-done 1 >"$T/out" 2>"$T/err"
rc=$?
rc_is 0 "issue set --step-done exits 0"
kz --db "$S" issue set "$I1" --progress '2026-Q4:Құбыр тартылып жатыр'
rc_is 0 "issue set --progress exits 0"
kz --db "$S" issue show "$I1" --format json
cp "$T/out" "$T/i1.json"
check "issue show --format json parses" json_ok "$T/i1.json"
summary() {
	"$PY" -c '
import json, sys
i = json.load(open(sys.argv[1], encoding="utf-8"))[0]
what = sys.argv[2]
if what == "history":
    print(" ".join("%s:%s" % (e["status"], e.get("note", "")) for e in i.get("history", [])))
elif what == "steps":
    print(" | ".join("%s;%s;%s;%s;%s" % (s["text"], s.get("executor", ""), s.get("deadline", ""),
          s.get("done"), s.get("done_on", "")) for s in i.get("steps", [])))
elif what == "progress":
    print(" | ".join("%s;%s" % (p["quarter"], p["text"]) for p in i.get("progress", [])))
' "$T/i1.json" "$1" 2>&1
}
is "$(summary history)" "new: in-work:Мердігер анықталды" "issue: status history with the note"
is "$(summary steps)" \
    "Жобалау-сметалық құжаттама;ПИР;2027-01-15;True;2026-10-05 | Құрылыс;;;False;" \
    "issue: action plan steps, the first done today"
is "$(summary progress)" "2026-Q4;Құбыр тартылып жатыр" "issue: quarterly progress note"

snapshot "$S" "$T/snap"
kz --db "$S" issue set "$I1" --step-done 5
fails 1 "no step 5" "issue set --step-done of a missing step is refused"
kz --db "$S" issue set "$I1" --progress '2026-Q5:x'
fails 2 "2026-Q5" "issue set --progress with a bad quarter is bad usage"
kz --db "$S" issue set "$I1" --status forgotten
fails 2 "forgotten" "issue set with an unknown status is bad usage"
kz --db "$S" issue add --level own
fails 2 "usage" "issue add without --title is bad usage"
kz --db "$S" issue add --title 'x' --unit 613699999
fails 1 "613699999" "issue add with an unknown unit is refused"
kz --db "$S" issue show 01234567-89ab-7def-8123-456789abcdef
fails 1 "not found" "issue show of an unknown issue fails"
unchanged "$S" "$T/snap" "the refused issue commands changed nothing"

kz --db "$S" issue list
cp "$T/out" "$T/i.all"
is "$(grep "^$I1" "$T/i.all")" \
    "$I1${tab}in-work${tab}2027-03-01${tab}district${tab}613637100${tab}Тұрғын үй-коммуналдық шаруашылығы бөлімі${tab}Шақпақ ауылында ауыз су жоқ${tab}Шақпақ а." \
    "issue list: the issue's row, then the unit's name"
is "$(nlines "$T/i.all")" 2 "issue list lists both issues"
kz --db "$S" issue list --status in-work
is "$(cut -f1 "$T/out")" "$I1" "issue list --status in-work"
kz --db "$S" issue list --status new
is "$(cut -f1 "$T/out")" "$I2" "issue list --status new"
kz --db "$S" issue set "$I1" --status resolved
kz --db "$S" issue list --status in-work
is "$(nlines "$T/out")" 0 "a resolved issue leaves the in-work list"
kz --db "$S" issue list --status resolved
is "$(cut -f1 "$T/out")" "$I1" "and shows in the resolved list"
kz --db "$S" issue show "$I1" --format json
cp "$T/out" "$T/i1.json"
is "$(summary history)" "new: in-work:Мердігер анықталды resolved:" "the history keeps every status"

# issue link: all or nothing.
kz --db "$S" issue link "$I2" "$Q1" 01234567-89ab-7def-8123-456789abcdef
fails 1 "not found" "issue link with an unknown question fails"
kz --db "$S" question list
is "$(awk -F'\t' -v id="$Q1" '$1 == id { print "[" $6 "]" }' "$T/out")" "[]" \
    "issue link with one unknown question links nothing"
kz --db "$S" issue link 01234567-89ab-7def-8123-456789abcdef "$Q1"
fails 1 "not found" "issue link to an unknown issue fails"
kz --db "$S" issue link "$I2" "$Q1" "$Q2"
rc_is 0 "issue link of two questions exits 0"
kz --db "$S" question list
is "$(awk -F'\t' -v a="$Q1" -v b="$Q2" '$1 == a || $1 == b { print $6 }' "$T/out" | tr '\n' ' ')" \
    "$I2 $I2 " "both questions now belong to the issue"

# An issue that names a visit the store does not have (in a store of its own, so that a
# wrongly added issue does not disturb the lists above).
S2=$T/store2
make_store "$S2"
snapshot "$S2" "$T/snap2"
kz --db "$S2" issue add --title 'x' --visit 01234567-89ab-7def-8123-456789abcdef
fails 1 "not found" "issue add with an unknown visit is refused"
unchanged "$S2" "$T/snap2" "and adds nothing"

# official
kz --db "$S" official 'Асқар Оспанұлы'
rc_is 0 "official NAME exits 0"
kz --db "$S" official
is "$(out)" "Асқар Оспанұлы" "official shows the name set"

done_testing
