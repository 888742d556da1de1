#!/bin/sh
# Publications (issue 9), the second half: kezdesu report calendar (K-1, K-3, G-1),
# report central (G-2, G-3) and report financing (A-2).
#
#  - golden files: the demo store's three reports (KEZDESU_NOW fixed; its calendar of 2026
#    approved, notified, submitted and revised on days given) in md, html and csv, in kk, ru
#    and en, compared byte for byte with tests/report/golden/{calendar,central,financing}.*
#    To remake them after a deliberate change: sh tests/cli/report_more.sh --update (then
#    read the diff);
#  - every HTML through tests/report/check_html.py (python3's html.parser, strict tag
#    balance, self-contained), every CSV through check_csv.py (the csv module, RFC 4180);
#  - what each document says checked against the commands that list the same data
#    (check, calendar show, central, financing);
#  - the Government's store: the regions' calendars together, G-1 and G-2;
#  - personal data: a planted name and contact on questions of the issues never appear;
#  - usage: what these reports do not take.
. "$(dirname "$0")/lib/lib.sh"
. "$(dirname "$0")/lib/report_lib.sh"

report_setup "$@"
# The calendar's lifecycle, on days given (each before the demo's today): approved,
# the maslikhat notified, submitted, corrected once (K-2) and that notified, corrected again
# and not notified yet.
at_step() {
	kz --db "$D" calendar "$@"
	[ "$rc" -eq 0 ] || bail_out "setup: calendar $*: $(err)"
}
at_step approve 2026 --date 2026-01-09
at_step notify 2026 --date 2026-01-12
at_step submit 2026 --date 2026-01-16
at_step revise 2026 --date 2026-05-04 --reason "Жамбыл а.о. кездесуі көшірілді"
at_step notify 2026 --revision 1 --date 2026-05-11
at_step revise 2026 --date 2026-10-02 --reason "Бөген а.о. кездесулері қосылды"

# ---- golden files, the HTML parsed, the CSV loaded ----
for lang in kk ru en; do
	for fmt in md html csv; do
		for rep in calendar central financing; do
			case $rep in
			calendar) set -- calendar 2026 ;;
			central) set -- central 2026 ;;
			financing) set -- financing ;;
			esac
			report_golden report_more.sh $rep $lang $fmt "$@"
		done
	done
done
[ $UPDATE = yes ] && done_testing

# The document's language: headings, dates, units' names.
check "kk: the calendar's dates with Kazakh months" grep -qF "9 қаңтар 2026 ж." "$T/calendar.kk.md"
check "ru: with Russian months in the genitive" grep -qF "9 января 2026 г." "$T/calendar.ru.md"
check "kk: units named in Kazakh" grep -qF "Бәйдібек ауданы" "$T/calendar.kk.md"
check "ru: units named in Russian" grep -qF "район Байдибека" "$T/calendar.ru.md"
kz --db "$D" report calendar 2026 --format csv --lang ru
check "without -o the document goes to standard output" cmp -s "$T/out" "$T/calendar.ru.csv"
kz --db "$D" report financing --format csv --lang kk --bom -o "$T/bom.csv"
"$PY" "$top/tests/report/check_csv.py" "$T/bom.csv" --bom >"$T/chk" 2>&1
check "--bom: the CSV starts with a byte order mark and loads" [ ! -s "$T/chk" ]

# ---- K-1, K-3: the calendar ----
# The coverage as check judges it: the Total row is check's own count of the year.
kz --db "$D" check 2026
summary=$(sed -n 's/^  \([0-9]*\) targets and periods: \([0-9]*\) held, \([0-9]*\) planned ahead, \([0-9]*\) past.*, \([0-9]*\) open, \([0-9]*\) missing$/\1 \2 \3 \4 \5 \6/p' "$T/out")
[ -n "$summary" ] || bail_out "setup: check 2026 prints no summary line"
total=$(grep '^| \*\*Total\*\* |  | ' "$T/calendar.en.md" | sed 's/\*//g; s/|/ /g' | awk '{ print $2, $3, $4, $5, $6, $7 }')
is "$total" "$summary" "K-1: the coverage's total row is check's (targets and periods, held, planned ahead, past, open, missing)"
gaps=$(sed -n '/^Targets and periods not covered yet:/,/^## /p' "$T/calendar.en.md" | grep -c '^| C-')
is "$gaps" "$(echo "$summary" | awk '{ print $4 + $5 + $6 }')" \
    "every target and period not covered is listed (past, open and missing)"
kz --db "$D" calendar show 2026
meetings=$(sed -n 's/^meetings now: //p' "$T/out")
like "$(grep -F -- '- **Meetings:**' "$T/calendar.en.md")" "- \*\*Meetings:\*\* $meetings" \
    "the meetings are calendar show's (not unscheduled, not cancelled)"
is "$(grep -c '^| [0-9][0-9]* | [^|]* | [^|]* | [0-9]* [A-Z][a-z]* 2026 | ' "$T/calendar.en.md")" "$meetings" \
    "one row per meeting, with its akim, place and date"
# The rows are by akim and target: the akim column never comes back to an akim left.
akims=$(grep '^| [0-9][0-9]* | [^|]* | [^|]* | [0-9]* [A-Z][a-z]* 2026 | ' "$T/calendar.en.md" | cut -d'|' -f3 | uniq | wc -l | tr -d ' ')
is "$akims" "$(grep '^| [0-9][0-9]* | [^|]* | [^|]* | [0-9]* [A-Z][a-z]* 2026 | ' "$T/calendar.en.md" | cut -d'|' -f3 | sort -u | wc -l | tr -d ' ')" \
    "the meetings are grouped by akim"
like "$(grep -F -- '- **Akims:**' "$T/calendar.en.md")" "- \*\*Akims:\*\* $akims" "and the akims counted ($akims)"
for w in "| The calendar approved (K-1) | — | 9 January 2026 |" \
    "| The maslikhat notified of the approval (K-1) | — | 12 January 2026 |" \
    "| The calendar submitted to the Government (K-3) | — | 16 January 2026 |" \
    "- **Status of the calendar:** approved and submitted to the Government" \
    "| 1 | 4 May 2026 | Жамбыл а.о. кездесуі көшірілді | $meetings | 11 May 2026 |" \
    "| 2 | 2 October 2026 | Бөген а.о. кездесулері қосылды | $meetings | not yet |" \
    "| 0 | 9 January 2026 | the approval of the calendar | $meetings | 12 January 2026 |"; do
	check "the calendar shows '$w'" grep -qF -- "$w" "$T/calendar.en.md"
done
# A revision: the meetings as it recorded them, and what they plan.
kz --db "$D" report calendar 2026 --revision 1 --lang en
rc_is 0 "report calendar --revision 1"
like "$(sed -n 4p "$T/out")" "As corrected by revision 1 of 4 May 2026*" "named in the subtitle"
check "a revision's coverage is what it plans" grep -q '^| Rule | What it asks | Targets and periods | planned | not planned |$' "$T/out"
is "$(grep -c '^| [0-9][0-9]* | [^|]* | [^|]* | [0-9]* [A-Z][a-z]* 2026 |$' "$T/out")" "$meetings" \
    "its meetings, without the status of today"
kz --db "$D" report calendar 2026 --revision 0 --lang ru
like "$(sed -n 4p "$T/out")" "В редакции, утверждённой 9 января 2026 г. (редакция 0)*" "--revision 0: the approved calendar"
kz --db "$D" report calendar 2026 --revision 3
fails 1 "there is no revision 3 (it has 3)" "a revision that does not exist"
kz --db "$D" report calendar 2031 --lang en
rc_is 0 "a year with no calendar yet: a draft"
like "$(out)" "*The calendar has no meeting.*" "that says it has no meeting"

# ---- G-2, G-3: the central issues ----
kz --db "$D" central --format tsv
is "$(grep -c '^| [0-9]* | ' "$T/central.en.md")" "$(nlines "$T/out")" \
    "G-3: every open central issue of the year is in the document (those of kezdesu central)"
cut -f1 "$T/out" | sort -u >"$T/bodies"
while read -r body; do
	check "a section for the body «$body»" grep -qxF "## $body" "$T/central.kk.md"
done <"$T/bodies"
check "G-3: the progress notes, by quarter in the document's language" \
    grep -qF "2026 жылғы 3-тоқсан: " "$T/central.kk.md"
check "G-2: the proposals are the action plan's steps, with their executors" \
    grep -qF "Провести обследование и подготовить смету — Отдел пассажирского транспорта и автомобильных дорог (done 30 January 2026)" "$T/central.en.md"
kz --db "$D" report central 2025 --lang en
rc_is 0 "report central of a year with no central issue"
like "$(out)" "*No problem issue of this year is in the competence of a central*" "says there is none"
# A solved one stays, one with no body goes last, one raised in 2025 is not of 2026.
kz --db "$D" issue add --title "Тестовый: мост" --unit 613630000 --level central \
    --body "ҚР Көлік министрлігі, «ҚазАвтоЖол» ҰК АҚ" --deadline 2027-03-01
I1=$(out)
kz --db "$D" issue set "$I1" --status resolved
kz --db "$D" issue add --title "Тестовый: без органа" --unit 613630000 --level central
I2=$(out)
kz --db "$D" report central 2026 --lang en -o "$T/c2.md"
rc_is 0 "report central with a solved issue and one with no body"
check "G-2: a solved issue of the year stays in, with its status" \
    grep -q '^| 2 | Тестовый: мост | .* | solved | ' "$T/c2.md"
is "$(grep '^## ' "$T/c2.md" | tail -n 1)" "## No body recorded" "the issues with no body recorded last"
like "$(grep -F '| **Total** |' "$T/c2.md")" "| \*\*Total\*\* | \*\*4\*\* | \*\*1\*\* | \*\*3\*\* | \*\*0\*\* | \*\*0\*\* |" \
    "the summary counts them: 4 issues, 1 solved, 3 in work"
KEZDESU_NOW=2027-01-05T10:00 kz --db "$D" report central 2027 --lang en
is "$rc $(grep -c '^| [0-9]* | ' "$T/out")" "0 0" "an issue recorded in 2026 is not of reporting year 2027"
like "$(out)" "*No problem issue of this year is in the competence*" "so 2027's list is empty"

# ---- A-2: financing ----
kz --db "$D" financing --format tsv
tsv_total=$(awk -F'\t' '{ s += $3 } END { print s }' "$T/out")
tsv_n=$(nlines "$T/out")
like "$(grep -F 'Issues that need financing, no decision yet:' "$T/financing.en.md")" "*yet:\*\* $tsv_n" \
    "A-2: the issues owed a decision are those of kezdesu financing"
doc_total=$(grep -F 'Financing they need in all, tenge:' "$T/financing.en.md" | sed 's/.*:\*\* //; s/ //g')
is "$doc_total" "$tsv_total" "A-2: the total in all is the sum of their amounts"
next=$(awk -F'\t' '$4 >= "2026-11-20" { print $4 }' "$T/out" | sort | head -n 1)
like "$(sed -n 4p "$T/financing.en.md")" "For the session of the maslikhat of *" "the next session is named"
n_next=$(awk -F'\t' -v d="$next" '$4 == d' "$T/out" | wc -l | tr -d ' ')
like "$(grep -F 'Issues for this session:' "$T/financing.en.md")" "*session:\*\* $n_next" \
    "A-2: the next session is the earliest set from today on ($next), with its issues"
sum_next=$(awk -F'\t' -v d="$next" '$4 == d { s += $3 } END { print s }' "$T/out")
like "$(sed -n '/^## For the session of/,/^## /p' "$T/financing.en.md" | grep -F '**Total**')" \
    "*\*\*$(echo "$sum_next" | sed ':a; s/\([0-9]\)\([0-9]\{3\}\)\($\| \)/\1 \2\3/; ta')\*\* |" \
    "the session's total row sums its amounts («100 000 000»)"
check "the issues with no session date are listed apart" grep -qx "## No session date set yet" "$T/financing.en.md"
# A later session asked for: the next one's issues are then of an earlier session.
kz --db "$D" report financing --session 2026-12-20 --lang en
rc_is 0 "report financing --session D"
like "$(sed -n 4p "$T/out")" "For the session of the maslikhat of 20 December 2026*" "the session asked for"
check "the issues of the earlier session, still without a decision, carried over" \
    grep -qx "## Carried over: sessions held, no decision recorded" "$T/out"
check "and this session has none" grep -qx "No issue is set for this session." "$T/out"
# An issue decided drops out.
kz --db "$D" financing --format tsv
first=$(awk -F'\t' -v d="$next" '$4 == d { print $1; exit }' "$T/out")
# (a decision is recorded once the session has decided: its session moved to a past day)
kz --db "$D" issue set "$first" --session-date 2026-11-18 --decision "Бюджетке енгізілді"
rc_is 0 "setup: the maslikhat's decision recorded"
kz --db "$D" report financing --lang en
like "$(grep -F 'Issues that need financing, no decision yet:' "$T/out")" "*yet:\*\* $((tsv_n - 1))" \
    "an issue with the maslikhat's decision recorded is no longer listed"

# ---- personal data: none of the citizens' names or contacts ----
NAME="Plantedname Zhumabekova"
PHONE="+7 701 555 0199"
V=$("$KZ" --db "$D" visit list --from 2026-09-01 --to 2026-09-30 --format tsv | awk -F'\t' '$6 == "held" { print $1; exit }')
kz --db "$D" question add --visit "$V" --topic Roads --name "$NAME" --contact "$PHONE" "Planted secret question"
Q=$(out)
kz --db "$D" issue link "$I1" "$Q"
rc_is 0 "setup: a question with a name and contact tied to a central issue"
leaks=""
for lang in kk ru en; do
	for fmt in md html csv; do
		for rep in "calendar 2026" "central 2026" "financing"; do
			# shellcheck disable=SC2086
			"$KZ" --db "$D" report $rep --format $fmt --lang $lang >"$T/p" 2>&1 ||
			    leaks="$leaks [$rep $lang $fmt: exit $?]"
			for s in "$NAME" "Plantedname" "$PHONE" "555 0199" "secret question"; do
				grep -qF "$s" "$T/p" && leaks="$leaks [$rep $lang $fmt: $s]"
			done
		done
	done
done
is "$leaks" "" "no planted name, contact or question text in any of the three, format or language"

# ---- the Government's store: the regions' calendars together, G-1, G-2 ----
[ -r "$KATO_FULL" ] || bail_out "the classifier $KATO_FULL is missing"
G=$T/gov
KEZDESU_NOW=2027-01-05T10:00 kz --db "$G" init --unit 000000000
kz --db "$G" units import "$KATO_FULL"
[ "$rc" -eq 0 ] || bail_out "setup: the Government's store"
export KEZDESU_NOW=2027-01-10T10:00
kz --db "$G" visit add --akim 100000000 --target 103200000 --date 2026-03-10 --status held
kz --db "$G" visit add --akim 710000000 --target 711110000 --date 2026-04-14 --status held
kz --db "$G" visit add --akim 710000000 --target 711210000 --date 2026-09-14 --status held
kz --db "$G" calendar forward 2026 --date 2027-01-09
kz --db "$G" calendar collect 2026 --half 1 --date 2027-01-10
kz --db "$G" report calendar 2026 --lang kk -o "$T/gov.kk.html" --format html
rc_is 0 "report calendar in the Government's store"
"$PY" "$top/tests/report/check_html.py" kk "$T/gov.kk.html" >"$T/chk" 2>&1
check "its HTML is well formed" [ ! -s "$T/chk" ] || diag_file "$T/chk"
kz --db "$G" report calendar 2026 --lang en
like "$(sed -n 3p "$T/out")" "Правительство Республики Казахстан*" "the Government's calendar"
check "G-1: the regions' calendars submitted, late: due 31 January 2026" \
    grep -qF "| The regions' calendars submitted to the Administration of the President (G-1) | 31 January 2026 | 9 January 2027 | done late (days: 343) |" "$T/out"
is "$(grep -c '^## .*: the calendar$' "$T/out")" 2 "a section for each region with meetings, two"
check "Abai region's, one meeting" grep -q '^## область Абай: the calendar$' "$T/out"
check "Astana's, two" sh -c "sed -n '/^## г.Астана: the calendar/,\$p' '$T/out' | grep -qF -- '- **Meetings:** 2'"
is "$(sed -n '/^| Region | /,/^$/p' "$T/out" | grep -c '^| [^*-]')" 21 \
    "the coverage by region: a row for each of the 17 regions and 3 cities, and the header"
check "and no list of the republic's targets not covered" sh -c "grep -q '^| Region | ' '$T/out' && ! grep -q 'not covered yet' '$T/out'"
kz --db "$G" report central 2026 --lang en
rc_is 0 "report central in the Government's store"
check "G-2: February's list of reporting year 2026 collected" \
    grep -qF -- "- **List collected in February (G-2):** 10 January 2027 (due by 14 February 2027)" "$T/out"
check "G-2: August's not yet" \
    grep -qF -- "- **List collected in August (G-2):** not yet (due by 14 August 2027)" "$T/out"
export KEZDESU_NOW=2026-11-20T10:00

# ---- usage ----
kz --db "$D" report calendar
fails 2 "which year?" "report calendar without a year"
kz --db "$D" report calendar 2026 2027
fails 2 "one year at a time" "two years"
kz --db "$D" report central 26
fails 2 "YEAR" "a year that is no year"
kz --db "$D" report calendar 2026 --publish
fails 2 "--publish is for report results and report quarterly" "--publish: these mark nothing"
kz --db "$D" report central 2026 --revision 1
fails 2 "--revision is for report calendar" "--revision elsewhere"
kz --db "$D" report calendar 2026 --session 2026-12-08
fails 2 "--session is for report financing" "--session elsewhere"
kz --db "$D" report financing --period 2026-01-01..2026-02-01
fails 2 "--period is for report results" "--period elsewhere"
kz --db "$D" report financing 2026
fails 2 "unexpected argument '2026'" "report financing takes no operand"
kz --db "$D" report financing --session tomorrow
fails 2 "not a date" "--session that is no date"
kz --db "$D" report calendar 2026 --revision -1
fails 2 "--revision" "a negative revision"

done_testing
