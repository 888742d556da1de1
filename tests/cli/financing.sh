#!/bin/sh
# A-2 (RULES.md 3.5): "systematize the problem issues, considering whether they can be
# financed at a session of the maslikhat". The list for the next session (kezdesu
# financing: the issues that need financing with no decision yet, amounts, the total, unit
# names beside codes), the session's decision per issue recorded with the session's date,
# and in due: a session passed with no decision recorded is overdue, one ahead pending.
#
# The office of Бәйдібек ауданы (613600000). Today is Monday 20 April 2026.
. "$(dirname "$0")/lib/lib.sh"

export KEZDESU_NOW=2026-04-20
S=$T/financing
make_store "$S"

# a2 ISSUE [DATE]: "status due days" of the issue's A-2 finding in due's tsv.
a2() {
	KEZDESU_NOW=${2:-2026-04-20} kz --db "$S" due --format tsv
	awk -F'\t' -v i="$1" '$1 == "A-2" && $10 == i {print $5 " " $8 " " $9}' "$T/out"
}

kz --db "$S" issue add --title "Шаян: ауыз су құбыры" --unit 613630000 --deadline 2026-12-01 \
    --needs-session yes --amount 12500000 --session-date 2026-04-28
rc_is 0 "issue add with --needs-session yes --amount --session-date"
WATER=$(out)
kz --db "$S" issue add --title "Ағыбет: мектеп жөндеуі" --unit 613633000 \
    --deadline 2026-12-01 --needs-session yes --amount 3000000 --session-date 2026-03-10
SCHOOL=$(out)
kz --db "$S" issue add --title "Ағыбет: көше жарығы" --unit 613633000 --deadline 2026-12-01 \
    --needs-session yes --amount 750000
LIGHT=$(out)
kz --db "$S" issue add --title "Шаян: спорт алаңы" --unit 613630000 --deadline 2026-12-01 \
    --needs-session no --amount 900000 --session-date 2026-04-28
rc_is 0 "--needs-session no"
OWN=$(out)
kz --db "$S" issue set "$OWN" --needs-session maybe
fails 2 "--needs-session: unknown value 'maybe' (one of: no, yes)" \
    "--needs-session is yes or no"

# ---- the list for the session ----
kz --db "$S" financing
rc_is 0 "kezdesu financing"
is "$(out)" "Problem issues that need financing by the maslikhat, no decision yet (A-2):
  613633000 Ағыбет а.о.  3 000 000 tenge, session 2026-03-10  «Ағыбет: мектеп жөндеуі»
    $SCHOOL
  613630000 Шаян а.о.  12 500 000 tenge, session 2026-04-28  «Шаян: ауыз су құбыры»
    $WATER
  613633000 Ағыбет а.о.  750 000 tenge, session not set  «Ағыбет: көше жарығы»
    $LIGHT
  3 issues, total 16 250 000 tenge" \
    "a2_list: by session, unit names beside codes, amounts and the total; not the one without need"
kz --db "$S" financing --session 2026-04-28
like "$(out)" "Financing for the maslikhat's session of 2026-04-28 (A-2):
  613630000 Шаян а.о.  12 500 000 tenge, session 2026-04-28  «Шаян: ауыз су құбыры»
    $WATER
  1 issue, total 12 500 000 tenge
  1 more need financing with no session date set*
Decisions of the session of 2026-04-28:
  none recorded*" "a2_session: --session D lists that session's, and says what has no date"
kz --db "$S" financing --format tsv
is "$(cut -f1,2,3,4,8 "$T/out" | tr '\t\n' ' |')" \
    "$SCHOOL 613633000 3000000 2026-03-10 Ағыбет а.о.|$WATER 613630000 12500000 2026-04-28 Шаян а.о.|$LIGHT 613633000 750000  Ағыбет а.о.|" \
    "tsv: id, unit, amount (a number), session date, ..., the unit's name"
kz --db "$S" financing --format json
check "json parses" json_ok "$T/out"
like "$(out)" "*\"unit_name\":\"Шаян а.о.\"*\"amount\":12500000*" "json: the unit's name, the amount a number"

# ---- A-2 in due ----
is "$(a2 "$WATER")" "pending 2026-04-28 8" "a2_due_pending: the session ahead in the window"
is "$(a2 "$SCHOOL")" "overdue 2026-03-10 41" \
    "a2_due_overdue: a session passed with no decision recorded"
is "$(a2 "$SCHOOL" 2027-06-01)" "overdue 2026-03-10 448" \
    "still owed more than a year later: the store's own record"
is "$(a2 "$LIGHT")$(a2 "$OWN")" "" "no session date, or no need: nothing due"
kz --db "$S" due
like "$(out)" "*A-2  2026-H1  overdue  Бәйдібек ауданы → Ағыбет а.о., issue «Ағыбет: мектеп жөндеуі», due 2026-03-10 (41 days late)
         record the maslikhat's decision on financing the issue (A-2)*" \
    "due's text names the issue and says what to record"

# ---- the decision, with its session's date ----
kz --db "$S" issue set "$LIGHT" --decision "Қаржыландыру 2027 жылға"
fails 1 "decision is recorded with the date of its session (--session-date D, A-2)" \
    "a2_decision_needs_session: a decision without its session's date is refused"
kz --db "$S" issue set "$WATER" --decision "Қаржы бөлінді"
fails 1 "a decision of the session of 2026-04-28, which is after today" \
    "a decision of a session still ahead is refused"
kz --db "$S" issue set "$SCHOOL" --decision "Қаржы бөлінді: 3 000 000 теңге"
rc_is 0 "the decision of the session of 10 March"
kz --db "$S" issue show "$SCHOOL" --format json
like "$(out)" "*\"session_date\":\"2026-03-10\",\"decision\":\"Қаржы бөлінді: 3 000 000 теңге\"*" \
    "a2_decision_recorded: with the session's date"
is "$(a2 "$SCHOOL")" "" "a decision recorded: no longer due"
kz --db "$S" financing --session 2026-03-10
like "$(out)" "*Decisions of the session of 2026-03-10:
  613633000 Ағыбет а.о.  «Ағыбет: мектеп жөндеуі»: Қаржы бөлінді: 3 000 000 теңге
    $SCHOOL*" "financing --session lists the session's decisions"
kz --db "$S" financing
rc_is 0 "financing lists the issues still without a decision"
check "and the list for the next session no longer holds it" sh -c "! grep -q '$SCHOOL' '$T/out'"
kz --db "$S" issue set "$LIGHT" --session-date 2026-04-10 --decision "Бас тартылды"
rc_is 0 "the session's date and its decision given together"
kz --db "$S" issue set "$LIGHT" --clear session_date
fails 1 "decision is recorded with the date of its session" \
    "the session's date of a recorded decision is not cleared alone"

kz --db "$S" financing --session tomorrow
fails 2 "--session: 'tomorrow' is not a date" "a bad --session"
kz financing --help
like "$(out)" "usage: kezdesu financing ?--session D? ?--format text|tsv|json?*" \
    "financing --help from the command table"
done_testing
