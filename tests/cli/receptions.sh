#!/bin/sh
# Personal receptions after the meetings (issue 7, RULES.md A-1) and what they feed: A-3's
# ten days count from the later of the meeting and its last reception. Rule IDs are those
# of ../shared/decree/RULES.md.
#
# The office of Бәйдібек ауданы (613600000, the sample district); its akim meets at Шаян
# (613630000) on Friday 10 April 2026. Today is Monday 20 April 2026.
. "$(dirname "$0")/lib/lib.sh"

export KEZDESU_NOW=2026-04-20
S=$T/receptions
make_store "$S"

# col FILE N: the N-th tsv column of FILE's lines, one a line.
col() {
	cut -f "$2" "$1"
}

kz --db "$S" visit add --akim "$DISTRICT" --target 613630000 --date 2026-04-10
rc_is 0 "a meeting at Шаян on 10 April"
V=$(out)

# ---- A-1: a reception follows a meeting held ----
kz --db "$S" reception add --visit "$V" --date 2026-04-11 --received-by akimat --citizens 3
fails 1 "is planned, not held*A-1*--status held" \
    "a reception after a meeting not marked held is refused, saying how to mark it (A-1)"
kz --db "$S" visit set "$V" --status held --started 10:00 --report-end 10:25 --ended 12:00 \
    --attendance citizen=60
rc_is 0 "the meeting marked held"

kz --db "$S" reception add --visit "$V" --date 2026-04-09 --received-by akimat --citizens 3
fails 1 "2026-04-09: before its meeting of 2026-04-10*A-1" \
    "a reception dated before its meeting is refused (A-1)"
kz --db "$S" reception add --visit "$V" --date 2026-04-21 --received-by akimat --citizens 3
fails 1 "2026-04-21: a date in the future" "a reception dated tomorrow is refused"
kz --db "$S" reception add --visit "$V" --date 2026-04-12 --received-by akimat,mayor \
    --citizens 3
fails 1 "'mayor' is not one of those who receive*akimat, prosecutor, police, deputies*" \
    "who received is one of A-1's list; an unknown category is named"
kz --db "$S" reception add --visit "$V" --date 2026-04-12 --received-by "" --citizens 3
fails 1 "who received is required" "who received cannot be empty (A-1)"
kz --db "$S" reception add --visit "$V" --date 2026-04-12 --received-by police --citizens -1
fails 2 "--citizens: '-1' is not a number" "a negative number of citizens is refused"
kz --db "$S" reception add --visit "$V" --date 2026-04-12 --received-by police
fails 2 "missing: --citizens" "--citizens is required"
kz --db "$S" reception add --visit 019da82f-d400-7152-86ad-e186f6d0d8d0 --date 2026-04-12 \
    --received-by police --citizens 1
fails 1 "019da82f-d400-7152-86ad-e186f6d0d8d0*not found" "a meeting that does not exist"
kz --db "$S" reception list
is "$(out)" "" "nothing refused was written"
kz --db "$S" visit show "$V"
like "$(out)" "id: $V*" "the meeting shows"
check "the refused receptions did not move receptions_end" \
    sh -c "! grep -q '^receptions_end: 2' '$T/out'"

# ---- recorded: several categories in the decree's order, on the meeting's day and after ----
kz --db "$S" reception add --visit "$V" --date 2026-04-10 \
    --received-by deputies,prosecutor,akimat --citizens 12
rc_is 0 "a reception on the meeting's day with deputies, the prosecutor's office, the akimat"
R1=$(out)
check "it prints the reception's id" is_uuid "$R1"
kz --db "$S" reception add --visit "$V" --date 2026-04-14 \
    --received-by intelligentsia,public-council,police,police --citizens 7
rc_is 0 "a second reception four days later"
R2=$(out)

kz --db "$S" reception list --format tsv
is "$(out)" "$R1	$V	2026-04-10	akimat,prosecutor,deputies	12
$R2	$V	2026-04-14	police,public-council,intelligentsia	7" \
    "reception list: by date, who received in A-1's order and each once, the citizens"
kz --db "$S" reception list --visit "$V" --format json
check "reception list --format json parses" json_ok "$T/out"
like "$(out)" "*\"id\":\"$R2\",\"visit\":\"$V\",\"date\":\"2026-04-14\",\
\"received_by\":\"police,public-council,intelligentsia\",\"citizens\":7}*" \
    "json: the citizens as a number"
kz --db "$S" reception list --visit 019da82f-d400-7152-86ad-e186f6d0d8d0
is "$(out)" "" "reception list --visit of another meeting lists nothing"

# ---- A-3: ten days from the last reception, not from the meeting ----
kz --db "$S" visit show "$V"
check "the meeting's receptions_end is the last reception's day" \
    grep -Fqx "receptions_end: 2026-04-14" "$T/out"
kz --db "$S" check 2026 --held --format tsv
a3=$(awk -F'\t' -v v="$V" '$1 == "A-3" && $6 == v {print $5 " " $8}' "$T/out")
is "$a3" "pending 2026-04-24" \
    "A-3 is due ten days after the last reception (14 + 10), not after the meeting (A-1, A-3)"
KEZDESU_NOW=2026-04-22 kz --db "$S" check 2026 --held --format tsv
a3=$(awk -F'\t' -v v="$V" '$1 == "A-3" && $6 == v {print $5}' "$T/out")
is "$a3" "pending" "on 22 April, past the meeting's ten days, A-3 is still pending"

# undo takes back the newest change only: never the receptions_end without its reception.
kz --db "$S" undo
fails 1 "adding a reception cannot be undone" "undo right after reception add is refused"
kz --db "$S" visit show "$V"
check "undo left receptions_end where the receptions are" \
    grep -Fqx "receptions_end: 2026-04-14" "$T/out"

# ---- questions asked at a reception ----
kz --db "$S" question add --reception "$R2" --name "Асқар Б." --contact "+7 701 000 00 00" \
    "Ауылға жол керек"
rc_is 0 "question add --reception"
Q=$(out)
kz --db "$S" question show "$Q" --format json
like "$(out)" "*\"visit\":\"$V\"*\"source\":\"reception\"*\"asker_name\":\"Асқар Б.\",\"asker_contact\":\"+7 701 000 00 00\"*\"reception\":\"$R2\"*" \
    "it is of the reception and its meeting, source reception, the asker's personal data in its own fields"
kz --db "$S" question list --visit "$V" --format tsv
is "$(col "$T/out" 1)" "$Q" "the meeting's questions include the reception's"
printf 'Су құбыры\nМектеп жөндеуі\n' >"$T/in"
kz_in "$T/in" --db "$S" question add --reception "$R1" -
is "$(grep -c '^saved ' "$T/out")" 2 "questions of a reception a line at a time from stdin"
kz --db "$S" question add --reception 019da82f-d400-7152-86ad-e186f6d0d8d0 "x"
fails 1 "reception 019da82f-d400-7152-86ad-e186f6d0d8d0: not found" \
    "a reception that does not exist"
kz --db "$S" question add --reception "$R1" --source pool "x"
fails 2 "--reception: the question's source is the reception, not pool" \
    "--reception with another source is refused"
kz --db "$S" question add --source reception "x"
fails 2 "--source reception needs --reception" "--source reception names its reception"
kz --db "$S" question list --visit "$V" --format tsv
is "$(nlines "$T/out")" 3 "the refused questions were not written"

# ---- dump holds them ----
kz --db "$S" dump
is "$(grep -c "^reception " "$T/out" | tr -d ' ')" 10 \
    "dump holds both receptions, five fields each"

# ---- M-2: a notice when no deputy, party, public organisation or opposition was there ----
# m2 VISIT: the statuses of the meeting's M-2 findings in check's tsv, with their lines.
m2() {
	KEZDESU_NOW=2026-04-20 kz --db "$S" check 2026 --held --format json
	"$PY" -c '
import json, sys
for f in json.load(open(sys.argv[1])):
    if f.get("rule") == "M-2" and f.get("visit") == sys.argv[2]:
        print(f["status"] + ": " + f["what"])' "$T/out" "$1"
}
is "$(m2 "$V")" "ok: attendance recorded by category
missing: maslikhat deputies, parties, public organisations or the opposition neither invited nor present" \
    "M-2: only citizens in the hall is a notice, missing, beside the attendance recorded"
kz --db "$S" check 2026 --held
like "$(out)" "*M-2  2026-H1  missing  *Шаян*meeting of 2026-04-10
         maslikhat deputies, parties, public organisations or the opposition neither invited nor present*" \
    "check's text says what the M-2 finding is about"
kz --db "$S" visit set "$V" --attendance deputy=0,party=0
is "$(m2 "$V" | grep -c missing)" 1 "a count of 0 deputies or parties is nobody there: still the notice"
for cat in deputy party public-org opposition; do
	kz --db "$S" visit set "$V" --attendance "$cat=1"
	is "$(m2 "$V")" "ok: attendance recorded by category" "M-2: one $cat present, no notice"
	kz --db "$S" visit set "$V" --attendance "$cat=0"
done
kz --db "$S" visit add --akim "$DISTRICT" --target 613633000 --date 2026-04-15
V2=$(out)
kz --db "$S" visit set "$V2" --status held
is "$(m2 "$V2")" "missing: attendance recorded by category" \
    "no attendance at all: the one M-2 finding says so, no second notice"

kz --db "$S" reception
fails 2 "usage: kezdesu reception add|list" "reception without a subcommand: its usage"
kz reception add --help
rc_is 0 "reception add --help"
like "$(out)" "usage: kezdesu reception add --visit UUID*--received-by*CAT*--citizens N*" \
    "its usage comes from the command table"
kz --help
like "$(out)" "*reception list*" "kezdesu --help lists reception's rows"
done_testing
