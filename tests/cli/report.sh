#!/bin/sh
# Publications (issue 9): kezdesu report results (A-3) and report quarterly (A-4).
#
#  - golden files: the demo store's reports (KEZDESU_NOW fixed) in md, html and csv, in
#    kk, ru and en, compared byte for byte with tests/report/golden/. To remake them after
#    a deliberate change: sh tests/cli/report.sh --update (then read the diff).
#  - every HTML checked by a real parser with a strict tag balance
#    (tests/report/check_html.py), every CSV loaded by python3's csv module
#    (tests/report/check_csv.py);
#  - personal data: planted names, contacts, question texts and small numbers of one
#    village never appear, in every format and language;
#  - --publish: A-3 marks the meetings' publication date, A-4 the calendar's quarter, in
#    one core call; a date after today is refused and leaves no file and the store as it
#    was; without --publish nothing in the store changes;
#  - -o FILE is written atomically: a failure leaves FILE as it was and no temporary file.
. "$(dirname "$0")/lib/lib.sh"
. "$(dirname "$0")/lib/report_lib.sh"

report_setup "$@"

# The demo's September 2026 (9 meetings held) and its first quarter.
PERIOD=2026-09-01..2026-09-30
QUARTER=2026-Q1

# ---- golden files, the HTML parsed, the CSV loaded ----
for lang in kk ru en; do
	for fmt in md html csv; do
		for rep in results quarterly; do
			if [ $rep = results ]; then
				set -- results --period "$PERIOD"
			else
				set -- quarterly "$QUARTER"
			fi
			report_golden report.sh $rep $lang $fmt "$@"
		done
	done
done
[ $UPDATE = yes ] && done_testing

# The same document on standard output as in the file; --bom only starts it differently.
kz --db "$D" report results --period "$PERIOD" --format csv --lang ru
check "without -o the document goes to standard output" cmp -s "$T/out" "$T/results.ru.csv"
kz --db "$D" report results --period "$PERIOD" --format csv --lang ru --bom -o "$T/bom.csv"
"$PY" "$top/tests/report/check_csv.py" "$T/bom.csv" --bom >"$T/chk" 2>&1
check "--bom: the CSV starts with a byte order mark and loads" [ ! -s "$T/chk" ]
is "$(tail -c +4 "$T/bom.csv" | cmp - "$T/results.ru.csv" && echo same)" same \
    "--bom adds the mark and nothing else"

# A-3: the document's meetings are the period's held ones, and only those.
kz --db "$D" visit list --from 2026-09-01 --to 2026-09-30 --format tsv
held=$(awk -F'\t' '$6 == "held"' "$T/out" | wc -l | tr -d ' ')
like "$(sed -n 4p "$T/results.en.md")" "$held meetings held from 1 September 2026 to *" \
    "A-3: the period's meetings held, counted and dated in the document's language"
is "$(grep -c '^| [0-9]* September 2026 | ' "$T/results.en.md")" "$((held + held))" \
    "A-3: each meeting held has its row and its reception's (the demo has one each)"
for w in "## Meetings and receptions held" "## Attendance by category (M-2)" \
    "## Questions by topic" "## Problem issues" "## Action plan" "**Shares of the questions by topic**" \
    "- **Answered on the spot:** "; do
	check "A-3 has '$w'" grep -qF -- "$w" "$T/results.en.md"
done
check "kk: dates with Kazakh months («2 қыркүйек 2026 ж.»)" grep -qF "2 қыркүйек 2026 ж." "$T/results.kk.md"
check "ru: dates with Russian months in the genitive («2 сентября 2026 г.»)" \
    grep -qF "2 сентября 2026 г." "$T/results.ru.md"
check "kk: units named in Kazakh" grep -qF "Бәйдібек ауданы" "$T/results.kk.md"
check "ru and en: units named in Russian" sh -c "grep -qF 'район Байдибека' '$T/results.ru.md' && grep -qF 'район Байдибека' '$T/results.en.md'"
check "the HTML chart is inline SVG with its numbers beside the bars" \
    grep -q '<text x="[0-9.]*" y="[0-9]*">[0-9]* ([0-9]* %)</text>' "$T/results.ru.html"

# A-4: the quarter's counts agree with the table, solved + in work + explained + rejected.
rows=$(grep -c '^| [0-9][0-9]* | ' "$T/quarterly.en.md")
n=$(sed -n 's/^- \*\*Problem issues:\*\* //p' "$T/quarterly.en.md")
sum=0
for k in Solved "In work" Explained Rejected; do
	v=$(sed -n "s/^- \*\*$k:\*\* //p" "$T/quarterly.en.md")
	sum=$((sum + ${v:-0}))
done
is "$n $sum" "$rows $rows" "A-4: one row per issue; solved, in work, explained and rejected add up to them"
kz --db "$D" report quarterly 2026-Q3 --lang en
check "A-4: issues overdue at the quarter's end are marked (2026-Q3)" grep -q '(overdue) |' "$T/out"
check "A-4: what was done in the quarter, dated" grep -q '(done [0-9]* [A-Z][a-z]* 2026)' "$T/quarterly.en.md"
like "$(sed -n 4p "$T/quarterly.kk.md")" "2026 жылғы 1-тоқсан: 1 қаңтар 2026 ж. бастап 31 наурыз 2026 ж. дейін*" \
    "A-4: the quarter named in the document's language"

# The document's language is its own: messages stay in the user's.
kz --db "$D" --lang ru report quarterly 2026-Q9 --lang kk
fails 2 "не квартал" "--lang before the command: messages in Russian"
kz --db "$D" --lang ru report quarterly "$QUARTER" --lang en
check "--lang ru before the command, --lang en after: the document in English" \
    cmp -s "$T/out" "$T/quarterly.en.md"

# ---- nothing changes without --publish ----
"$KZ" --db "$D" dump >"$T/dump0"
kz --db "$D" report results --period 2026-11-01..2026-11-20 --format html -o "$T/nov.html"
"$KZ" --db "$D" dump >"$T/dump1"
check "without --publish the store is as it was" cmp -s "$T/dump0" "$T/dump1"

# ---- a date after today is refused: no file, the store as it was ----
echo "the office's earlier copy" >"$T/keep.html"
kz --db "$D" report results --period 2026-11-01..2026-11-20 --format html -o "$T/keep.html" \
    --publish 2026-11-21
fails 1 "after today" "--publish D after today is refused (as visit set --published)"
is "$(cat "$T/keep.html")" "the office's earlier copy" "a refused publication leaves -o FILE as it was"
is "$(ls "$T" | grep -c '^keep\.html\.')" 0 "and no temporary file beside it"
"$KZ" --db "$D" dump >"$T/dump1"
check "and the store as it was" cmp -s "$T/dump0" "$T/dump1"
kz --db "$D" report quarterly 2026-Q3 --publish 2027-01-05 -o "$T/q.md"
fails 1 "after today" "A-4: --publish D after today is refused"
check "A-4: no file" [ ! -e "$T/q.md" ]

# ---- A-3: --publish marks the meetings not yet published, in one change ----
kz --db "$D" visit list --from 2026-11-01 --to 2026-11-21 --format tsv
awk -F'\t' '$6 == "held"' "$T/out" >"$T/nov"
unpub=$(awk -F'\t' '$10 == ""' "$T/nov" | cut -f1)
[ -n "$unpub" ] || bail_out "setup: the demo has no meeting held in November without its publication"
kz --db "$D" report results --period 2026-11-01..2026-11-20 --format md -o "$T/nov.md" --publish
rc_is 0 "report results --publish (today)"
like "$(err)" "kezdesu: results published on 2026-11-20 (A-3), meetings marked: 1; * published before keep their date" \
    "says how many were marked and that those published before keep their date"
kz --db "$D" visit list --from 2026-11-01 --to 2026-11-21 --format tsv
is "$(awk -F'\t' -v id="$unpub" '$1 == id {print $10}' "$T/out")" "2026-11-20" \
    "A-3: the meeting not yet published now has its publication date"
is "$(awk -F'\t' '$6 == "held" && $1 != "'"$unpub"'" {print $1, $10}' "$T/out")" \
    "$(awk -F'\t' '$1 != "'"$unpub"'" {print $1, $10}' "$T/nov")" \
    "A-3: the meetings published before keep their dates"
"$KZ" --db "$D" dump >"$T/dump2"
is "$(diff "$T/dump1" "$T/dump2" | grep -c '^[<>]')" 1 \
    "one field of one record changed"
kz --db "$D" undo
rc_is 0 "the publication is one change: undo takes it back"
kz --db "$D" visit list --from 2026-11-01 --to 2026-11-21 --format tsv
is "$(awk -F'\t' -v id="$unpub" '$1 == id {print $10}' "$T/out")" "" "and the date is gone"
kz --db "$D" report results "$unpub" --publish 2026-11-19 -o "$T/one.md"
rc_is 0 "report results VISIT --publish D (a date given)"
kz --db "$D" visit show "$unpub" --format json
like "$(out)" '*"published_on":"2026-11-19"*' "A-3: the date given is recorded"
kz --db "$D" report results "$unpub" --publish=2026-11-20
kz --db "$D" visit show "$unpub" --format json
like "$(out)" '*"published_on":"2026-11-19"*' "A-3: published again, the first date is kept"

# ---- A-4: --publish marks the calendar's quarter ----
kz --db "$D" report quarterly 2026-Q3 --format html -o "$T/q3.html" --publish 2026-10-23
rc_is 0 "report quarterly --publish D"
like "$(err)" "kezdesu: the progress of 2026-Q3 marked published on 2026-10-23 (A-4)" "says what it marked"
kz --db "$D" calendar show 2026 --format json
like "$(out)" '*"progress_q3":"2026-10-23"*' "A-4: the calendar's progress date of the quarter"

# ---- -o: atomic ----
kz --db "$D" report quarterly "$QUARTER" -o "$T/no/such/dir/q.md"
fails 1 "cannot write $T/no/such/dir/q.md" "-o into a missing directory: one line naming the file"
mkdir "$T/adir"
"$KZ" --db "$D" dump >"$T/dump3"
kz --db "$D" report quarterly 2026-Q2 -o "$T/adir" --publish 2026-07-20
fails 2 "-o: $T/adir is a directory" "-o DIR: refused before anything is marked"
kz --db "$D" dump
check "and nothing was marked" cmp -s "$T/dump3" "$T/out"
chmod 555 "$T" 2>/dev/null
if [ "$(id -u)" != 0 ]; then
	kz --db "$D" report quarterly "$QUARTER" -o "$T/ro.md"
	fails 1 "cannot write" "-o in a directory that cannot be written: refused"
fi
chmod 755 "$T"
kz --db "$D" report quarterly "$QUARTER" -o "$T/quarterly.kk.md"
check "-o over an existing file replaces it whole" cmp -s "$T/quarterly.kk.md" "$GOLDEN/quarterly.kk.md"
is "$(stat -c %a "$T/quarterly.kk.md")" "$(: >"$T/m"; stat -c %a "$T/m")" \
    "-o FILE gets the mode a new file gets (a published document is for others to read)"

# ---- usage ----
kz --db "$D" report results
fails 2 "which meetings?" "report results without meetings or a period"
kz --db "$D" report results "$unpub" --period "$PERIOD"
fails 2 "not both" "meetings and --period together"
kz --db "$D" report results --period 2026-09-30..2026-09-01
fails 2 "is after" "a period that ends before it starts"
kz --db "$D" report results --period 2026-09-01
fails 2 "FROM..TO" "a period without its end"
kz --db "$D" report results --period 2030-01-01..2030-02-01
fails 1 "no meeting held from 2030-01-01 to 2030-02-01" "a period without meetings held"
kz --db "$D" report results 01234567-89ab-7def-8123-456789abcdef
fails 1 "not found" "a meeting that does not exist"
planned=$("$KZ" --db "$D" visit list --from 2026-12-01 --format tsv | head -n 1 | cut -f1)
kz --db "$D" report results "$planned"
fails 1 "not held (planned)" "a meeting not held: results are published for meetings held"
kz --db "$D" report results not-a-uuid
fails 2 "not a UUID" "a meeting that is no UUID"
kz --db "$D" report quarterly 2026-Q5
fails 2 "is not a quarter" "2026-Q5 is no quarter"
kz --db "$D" report quarterly 2026-Q1 2026-Q2
fails 2 "one quarter at a time" "two quarters"
kz --db "$D" report quarterly 2026-Q1 --format pdf
fails 2 "not md, html or csv" "--format pdf"
kz --db "$D" report quarterly 2026-Q1 --lang de
fails 2 "not kk, ru or en" "--lang de"
kz --db "$D" report quarterly 2026-Q1 --bom
fails 2 "--bom is for --format csv" "--bom without csv"
kz --db "$D" report quarterly 2026-Q1 --publish=yesterday
fails 2 "not a date" "--publish=yesterday"
kz --db "$D" report nothing
fails 2 "usage: kezdesu report results|quarterly" "an unknown report"

# ---- personal data: planted, never published (every format, every language) ----
export KEZDESU_NOW=2026-03-10T12:00
P=$T/planted
make_store "$P"
kz --db "$P" visit add --akim 613600000 --target 613630000 --date 2026-03-02 --time 10:00
V=$(out)
kz --db "$P" visit set "$V" --status held --attendance citizen=57,deputy=4,opposition=2,party=1
rc_is 0 "setup: a meeting held at a rural okrug, two categories of fewer than 3"
NAME="Plantedname Zhumabekova"
NAME_KK="Жұмабекова Плантаханым"
PHONE="+7 701 555 0199"
MAIL="planted.person@example.kz"
TEXT="Planted secret question 4711"
i=0
for topic in Roads Roads Roads Roads Water Water Pensions; do
	i=$((i + 1))
	kz --db "$P" question add --visit "$V" --topic $topic --name "$NAME" --contact "$PHONE" "$TEXT $i"
	q=$(out)
	[ $i = 7 ] && kz --db "$P" question add --visit "$V" --topic Roads --name "$NAME_KK" \
	    --contact "$MAIL" --asker opposition "$TEXT $NAME_KK" >/dev/null
done
kz --db "$P" question set "$q" --answered yes
kz --db "$P" issue add --title "Шаян: зейнетақы" --unit 613630000 --deadline 2026-06-01 --visit "$V"
I=$(out)
kz --db "$P" issue link "$I" "$q"
kz --db "$P" issue set "$I" --step "Аудандық бөлімге сұрау жіберу" --step-executor "Әлеуметтік бөлім" \
    --step-deadline 2026-04-01 --progress "2026-Q1:Сұрау жіберілді"
rc_is 0 "setup: the issue of one question, with its plan"
leaks=""
for lang in kk ru en; do
	for fmt in md html csv; do
		for rep in "results $V" "quarterly 2026-Q1"; do
			name=$(echo "$rep" | cut -d' ' -f1)
			f=$T/p.$name.$lang.$fmt
			# shellcheck disable=SC2086
			"$KZ" --db "$P" report $rep --format $fmt --lang $lang >"$f" 2>"$T/err" ||
			    leaks="$leaks [$name $lang $fmt: exit $?]"
			[ $fmt = html ] && "$PY" "$top/tests/report/check_html.py" $lang "$f" --text >>"$f.text"
			for s in "$NAME" "$NAME_KK" "Plantedname" "Плантаханым" "$PHONE" "5550199" "555 0199" \
			    "$MAIL" "example.kz" "$TEXT" "secret question"; do
				if grep -qF "$s" "$f" "$f.text" 2>/dev/null; then
					leaks="$leaks [$name $lang $fmt: $s]"
				fi
			done
		done
	done
done
is "$leaks" "" "no planted name, contact or question text in any report, format or language"
f=$T/p.results.en.csv
check "Roads (5 questions) is published with its number" grep -q '^Roads,5,100.$' "$f"
check "Water (2) and Pensions (1) show as <3" sh -c "grep -q '^Water,<3,' '$f' && grep -q '^Pensions,<3,' '$f'"
check "the opposition (2) and parties (1) show as <3" \
    sh -c "grep -q '^the opposition,<3,' '$f' && grep -q '^political parties,<3,' '$f'"
check "the totals leave the hidden counts out, marked *: 61* present, 5* questions" \
    sh -c "grep -q '^Total,61\*,100.\$' '$f' && grep -q '^Total,5\*,100.\$' '$f'"
check "answered on the spot (1) shows as <3" grep -q '^Answered on the spot,<3' "$f"
check "the true totals (64 present, 8 questions) appear nowhere" \
    sh -c "! grep -q '64\|,8\b\|,8,' '$f'" || grep -n '64\|,8\b\|,8,' "$f" | sed 's/^/# /'
check "a note says how small counts are shown" grep -q '<3' "$T/p.results.ru.md"
for lang in kk ru en; do
	for fmt in md html csv; do
		check "$lang $fmt: Pensions is <3 there too" sh -c "grep -q 'Pensions.*&lt;3\|Pensions.*\\\\<3\|Pensions,<3' '$T/p.results.$lang.$fmt'"
	done
done
check "the quarterly report names the issue and its plan, not who asked" \
    sh -c "grep -qF 'Шаян: зейнетақы' '$T/p.quarterly.ru.md' && grep -qF 'Сұрау жіберілді' '$T/p.quarterly.ru.md'"

done_testing
