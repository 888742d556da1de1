#!/bin/sh
# G-3 (RULES.md 4): central executive bodies, national holdings and companies publish, and
# update quarterly, the list of problem issues in their competence raised at akims'
# meetings, with the ways of solving them and progress. The body of an issue (issue
# add|set --body), issue list --body, the listing by body (kezdesu central), and in the
# Government's store (000000000) G-3 in due for each open central issue with no progress
# note for the last quarter ended, due by the 25th of the month after it (interpretation:
# A-4's day).
. "$(dirname "$0")/lib/lib.sh"

export KEZDESU_NOW=2026-04-20
S=$T/central
make_store "$S"
ENERGY="Энергетика министрлігі"
KTZ="«ҚТЖ» ҰК АҚ"

kz --db "$S" issue add --title "Шаян: электр желісі" --unit 613630000 --body "$ENERGY" \
    --deadline 2026-12-01
rc_is 0 "issue add --body NAME"
GRID=$(out)
kz --db "$S" issue show "$GRID" --format json
like "$(out)" "*\"level\":\"central\"*\"body\":\"$ENERGY\"*" \
    "g3_body_makes_central: naming a central body makes the issue of level central"
kz --db "$S" issue add --title "Ағыбет: теміржол өткелі" --unit 613633000 --level central \
    --deadline 2026-10-01 --step "Өткел жобасы" --step-executor "$KTZ" \
    --step-deadline 2026-06-01
RAIL=$(out)
kz --db "$S" issue set "$RAIL" --body "$KTZ" --progress "2026-Q1:Жоба сараптамада"
rc_is 0 "issue set --body on an issue of level central, with a progress note"
kz --db "$S" issue add --title "Шаян: қосалқы станция" --unit 613630000 --body "$ENERGY"
STATION=$(out)
kz --db "$S" issue add --title "Шаян: аудандық жол" --unit 613630000 --level region \
    --body "$ENERGY"
fails 1 "a central body ($ENERGY) names the competence of an issue of level central, not region (G-3)" \
    "g3_body_needs_central: a body on an issue of another level is refused"
kz --db "$S" issue add --title "Шаян: жол" --unit 613630000 --level central
NOBODY=$(out)
kz --db "$S" issue add --title "Шаян: мектеп" --unit 613630000 --body ""
fails 2 "--body: the name of the central executive body" "an empty body is refused"

# ---- issue list --body ----
kz --db "$S" issue list --body "энергетика"
is "$(cut -f1 "$T/out" | sort | tr '\n' ' ')" "$(printf '%s\n' "$GRID" "$STATION" | sort | tr '\n' ' ')" \
    "g3_list_body: issue list --body, a part of the name in any case"
kz --db "$S" issue list --level central --body "ҚТЖ"
is "$(cut -f1 "$T/out")" "$RAIL" "--body combines with --level"

# ---- kezdesu central: by body, each with its steps and latest progress ----
kz --db "$S" issue set "$RAIL" --progress "2025-Q4:Өтінім берілді"
kz --db "$S" issue set "$STATION" --status resolved
kz --db "$S" central
rc_is 0 "kezdesu central"
is "$(out)" "Open issues in the competence of central executive bodies, national holdings and companies (G-3), by body:
$KTZ (1 issue)
  613633000 Ағыбет а.о.  new  «Ағыбет: теміржол өткелі», deadline 2026-10-01
    $RAIL
    step 1: Өткел жобасы — $KTZ, by 2026-06-01
    progress 2026-Q1: Жоба сараптамада

$ENERGY (1 issue)
  613630000 Шаян а.о.  new  «Шаян: электр желісі», deadline 2026-12-01
    $GRID
    no way of solving recorded (issue set UUID --step TEXT)
    no progress note yet (issue set UUID --progress YYYY-QN:TEXT)

(no body recorded: issue set UUID --body NAME) (1 issue)
  613630000 Шаян а.о.  new  «Шаян: жол», deadline none
    $NOBODY
    no way of solving recorded (issue set UUID --step TEXT)
    no progress note yet (issue set UUID --progress YYYY-QN:TEXT)" \
    "g3_central_by_body: open issues grouped by body, steps, the latest quarter's note"
kz --db "$S" central --body ҚТЖ --format tsv
is "$(out)" "$KTZ	$RAIL	613633000	Ағыбет а.о.	new	2026-10-01	1	2026-Q1	Жоба сараптамада	Ағыбет: теміржол өткелі" \
    "central --format tsv: body, id, unit, its name, status, deadline, steps, latest quarter and note, title"
kz --db "$S" central --format json
check "central --format json parses" json_ok "$T/out"
is "$(grep -c '"level":"central"' "$T/out")" 3 "json: the three open central issues"

# ---- G-3 in due: only the Government's store ----
kz --db "$S" due --format tsv
is "$(grep -c '^G-3' "$T/out")" 0 "a district's store owes no G-3"

G=$T/gov
KEZDESU_NOW=2026-01-05 kz --db "$G" init --unit 000000000
rc_is 0 "the Government's store"
# g3 ISSUE DATE: "status due days period" of the issue's G-3 finding in due's tsv.
g3() {
	KEZDESU_NOW=$2 kz --db "$G" due --format tsv
	awk -F'\t' -v i="$1" '$1 == "G-3" && $10 == i {print $5 " " $8 " " $9 " " $4}' "$T/out"
}
KEZDESU_NOW=2026-02-10 kz --db "$G" issue add --title "Республикалық жол" --unit 000000000 \
    --body "Көлік министрлігі"
ROAD=$(out)
KEZDESU_NOW=2026-02-10 kz --db "$G" issue add --title "Газ құбыры" --unit 000000000 \
    --body "«ҚазМұнайГаз» ҰК АҚ"
GAS=$(out)
KEZDESU_NOW=2026-04-02 kz --db "$G" issue add --title "Байланыс" --unit 000000000 \
    --body "Цифрлық даму министрлігі"
LATE=$(out)
is "$(g3 "$ROAD" 2026-04-20)" "pending 2026-04-25 5 2026-Q1" \
    "g3_due_pending: no note for 2026-Q1, due 25 April (A-4's day)"
is "$(g3 "$ROAD" 2026-04-27)" "overdue 2026-04-25 2 2026-Q1" "g3_due_overdue: after it"
is "$(g3 "$LATE" 2026-04-20)" "" "an issue recorded after the quarter ended owes nothing for it"
KEZDESU_NOW=2026-04-20 kz --db "$G" due
like "$(out)" "*G-3  2026-Q1  pending  Қазақстан Республикасының Үкіметі, issue «Республикалық жол», due 2026-04-25 (5 days left)
         progress of the issue in central competence, updated quarterly (G-3)*" \
    "due's text: the quarter, the issue and what is owed"
KEZDESU_NOW=2026-04-21 kz --db "$G" issue set "$GAS" --progress "2026-Q1:Жұмыс басталды"
is "$(g3 "$GAS" 2026-04-27)" "" "g3_due_noted: a progress note for the quarter: nothing due"
is "$(g3 "$GAS" 2026-07-20)" "pending 2026-07-25 5 2026-Q2" "the next quarter is owed its own"
KEZDESU_NOW=2026-04-21 kz --db "$G" issue set "$ROAD" --status resolved
is "$(g3 "$ROAD" 2026-04-27)" "" "a resolved issue owes no progress"

kz central --help
like "$(out)" "usage: kezdesu central ?--body NAME? ?--format text|tsv|json?*" \
    "central --help from the command table"
done_testing
