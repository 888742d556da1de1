#!/bin/sh
# The Triage pane (issue 8, "Triage"): search as you type (a Kazakh word, any case), two
# questions marked and made a new issue (checked with `kezdesu issue show`), the issue
# form (executor and deadline), a status change with its note, a refusal kept as typed,
# escalation, filters; and the Obligations view leading to the issue and the meeting.
. "$(dirname "$0")/lib/tui.sh"
tui_store

# two questions about a road at the first meeting, one about water
for text in "Ауылдағы ЖОЛ жөндеу керек" "Мектепке баратын жол қараңғы" "Ауыз су жоқ"; do
	printf '%s\n' "$text" | "$KZ" --db "$D" question add --visit "$V1" - >"$T/q" ||
	    bail_out "setup: question add"
done
kz --db "$D" issue add --title "Ауыз су құбыры" --unit 613633000 --executor "ТҚШ бөлімі" \
    --deadline 2026-11-15
IW=$(cat "$T/out")
[ -n "$IW" ] || bail_out "setup: issue add"

tui_start 100 30 KEZDESU_NOW=$KEZDESU_NOW -- --db "$D"
shows "Visits" "the interface is up"
keys F4
shows "Ауыз су құбыры" "Triage lists the issue"
shows "OVERDUE" "past its deadline and open: OVERDUE in words"

# search as you type: a Kazakh word in another case finds both road questions
keys /
shows "Search:" "/ opens the search line"
keys -l "жол"
shows "Ауылдағы ЖОЛ жөндеу керек" "a Kazakh word finds the question (any case)"
shows "Мектепке баратын жол қараңғы" "and the other one"
check "the water question is not among them" sh -c "! grep -q 'Ауыз су жоқ' '$T/screen'"
keys BSpace BSpace BSpace
keys -l "СУ"
shows "Ауыз су құбыры" "the issue is found by a word of its title"
keys BSpace BSpace
keys -l "жол"
shows "Ауылдағы ЖОЛ" "the road questions again"

# mark both (Down to the results, Space marks and moves on), make them an issue
keys Down Space Space
shows "2 marked" "two questions marked"
keys n
shows "New issue of the marked questions" "n opens the new issue's form"
keys C-u
keys -l "Ауыл жолы"
keys Tab
keys -l "Құрылыс бөлімі"
keys Tab
keys -l "2027-03-01"
keys Enter
shows "new issue of 2 questions saved" "Enter saves the issue and links both"
NI=$("$KZ" --db "$D" issue list --format tsv | awk -F'\t' '$0 ~ /Ауыл жолы/ { print $1 }')
check "the issue is in the store" [ -n "$NI" ]
kz --db "$D" issue show "$NI"
like "$(out)" "*Ауылдағы ЖОЛ жөндеу керек*" "issue show lists the first question"
like "$(out)" "*Мектепке баратын жол қараңғы*" "and the second"
like "$(out)" "*Құрылыс бөлімі*" "with its executor"

# the issue form: a bad deadline is refused, the form keeps what was typed
keys e
shows "Issue (Enter saves" "e opens the issue form"
keys C-u
keys -l "Әкімдік ЖКШ бөлімі"
keys Tab C-u
keys -l "2027-02-30"
keys Enter
shows "Deadline: '2027-02-30' not a date" "a bad date: one line saying what"
check "the form is still open" grep -q "Issue (Enter saves" "$T/screen"
check "and keeps the executor typed" grep -q "Әкімдік ЖКШ бөлімі" "$T/screen"
keys C-u
keys -l "2027-04-15"
keys Enter
shows "issue saved" "a good date saves"
shows "deadline 2027-03-01 -> 2027-04-15" "the history shows the deadline moved"
kz --db "$D" issue show "$NI" --format json
like "$(out)" '*"executor":"Әкімдік ЖКШ бөлімі"*' "the executor is saved"
like "$(out)" '*"deadline":"2027-04-15"*' "the deadline is saved"

# a status change with its note, in the history
keys s
shows "Status of the issue" "s opens the status form"
keys Space Tab
keys -l "мердігер табылды"
keys Enter
shows "status changed to in-work" "the status changes"
shows "мердігер табылды" "the note shows in the history"
kz --db "$D" issue show "$NI" --format json
like "$(out)" '*"status":"in-work"*' "the store has the new status"
like "$(out)" '*мердігер табылды*' "and the note"

# escalation: the level above, status escalated
keys E
shows "escalate to the district? (y/n)" "E asks first"
keys y
shows "escalated: district level" "y escalates"
kz --db "$D" issue show "$NI" --format json
like "$(out)" '*"status":"escalated"*' "the store has it escalated"
like "$(out)" '*"level":"district"*' "one level up"

# back to the list; a filter on the executor leaves only the water issue
keys Escape
shows "status     deadline" "Escape: back to the list"
keys f
shows "Filters of the issues" "f opens the filters"
keys Tab Tab Tab Tab Tab
keys -l "тқш"
keys Enter
shows "filters: executor тқш" "the filter is shown"
check "the road issue is filtered out" sh -c "! grep -q 'Ауыл жолы' '$T/screen'"
check "the water issue stays" grep -q "Ауыз су құбыры" "$T/screen"

# a marked question added to an existing issue (the filtered list's only one)
keys / C-u
keys -l "су жоқ"
shows "Ауыз су жоқ" "the water question found"
keys Down Space
shows "1 marked" "marked"
keys Escape
wait_for "Search:" 2
sleep 0.1
keys Escape
shows "status     deadline" "back to the filtered list"
keys a
shows "add the 1 marked questions to this issue? (y/n)" "a asks first"
keys y
shows "1 questions added to the issue" "y adds it"
kz --db "$D" question list --issue "$IW" --format tsv
like "$(out)" "*Ауыз су жоқ*" "the store has the question in the water issue"

# Obligations: what `due` lists, from any pane; Enter leads to the issue it concerns
keys o
shows "Obligations due within 30 days and overdue" "o shows the Obligations view"
shows "A-3  OVERDUE 16d 2026-11-15 issue «Ауыз су құбыры»" "the water issue's overdue deadline, in words"
kz --db "$D" due --format tsv
N=$(grep -n "$IW" "$T/out" | head -1 | cut -d: -f1)
check "due lists the water issue" [ -n "$N" ]
keys Home
i=1
while [ "$i" -lt "${N:-1}" ]; do
	keys Down
	i=$((i + 1))
done
keys Enter
shows "History:" "Enter leads to the issue, opened in Triage"
check "the water issue" grep -q "^Ауыз су құбыры" "$T/screen"
check "in Triage" grep -q "▶ Triage" "$T/screen"
# and the meeting past its date, not marked held (M-1), leads to Visits
keys F5
shows "M-1" "F5 shows the Obligations view too"
N=$(grep -n "^M-1" "$T/out" | head -1 | cut -d: -f1)
keys Home
i=1
while [ "$i" -lt "${N:-1}" ]; do
	keys Down
	i=$((i + 1))
done
keys Enter
shows "▶ Visits" "Enter on a meeting's obligation leads to Visits"
# the meeting is the selected line (reverse video), not the one around today
tmux_ capture-pane -e -p >"$T/screen.e"
check "with that meeting (2026-11-20) selected" sh -c "grep -a '2026-11-20' '$T/screen.e' | grep -aq \"\$(printf '\\033')\\[7m2026-11-20\""
keys F10
tui_exit "F10 quits" 0

# at 60x20: the opened issue's plan step, the step done, the quarter's progress note (A-4);
# a status core refuses (the same one) is its one line, the form kept; a resize with it open
tui_start 60 20 KEZDESU_NOW=$KEZDESU_NOW -- --db "$D"
shows "Visits" "60x20: the interface is up"
keys F4 /
keys -l "ауыл жолы"
shows "issue    Ауыл жолы" "the issue found by its title"
keys Down Enter
shows "History:" "Enter on the issue found opens it"
check "it is the road issue" grep -q "^Ауыл жолы" "$T/screen"
keys p
shows "A step of the action plan" "p opens the step form"
keys -l "Сметаны дайындау"
keys Tab Tab
keys -l "2026-12-20"
keys Enter
shows "step added to the plan" "the step is saved"
shows "1. [ ] Сметаны дайындау" "and shown in the plan"
keys d
shows "A step done today" "d asks the step's number"
keys -l "2"
keys Enter
shows "issue: there is no step 2 (it has 1)" "a step that is not there: core's one line"
check "the form stays" grep -q "A step done today" "$T/screen"
keys BSpace
keys -l "1"
keys Enter
shows "step marked done today" "step 1 done"
shows "1. [x] Сметаны дайындау" "shown done"
keys r
shows "A quarter's progress note (A-4)" "r opens the progress form"
shows "2026-Q4" "the current quarter filled in"
keys -l "Смета дайын"
keys Enter
shows "progress note saved (A-4)" "the note is saved"
kz --db "$D" issue show "$NI" --format json
like "$(out)" '*"done":true*' "the store has the step done"
like "$(out)" '*"quarter":"2026-Q4"*' "and the progress note's quarter"
like "$(out)" '*Смета дайын*' "and its text"
# A-2: financing at the maslikhat in the issue form; needing a session without an amount is refused
keys e
shows "Issue (Enter saves" "the issue form again"
keys Tab Tab Tab Tab Space
shows "[x] yes" "needs a session: yes"
keys Enter
shows "A-2: a session's financing needs its amount" "no amount: refused in one line"
keys C-u
keys -l "45000000"
keys Tab
keys -l "2026-12-25"
keys Tab
keys -l "Бюджетке енгізілді"
keys Enter
shows "error: issue: a decision of the session of 2026-12-25" "a decision of a session still to come: core's one line"
check "the decision typed is kept" grep -q "Бюджетке енгізілді" "$T/screen"
keys BTab C-u
keys -l "2026-11-25"
keys Enter
shows "issue saved" "the financing is saved"
shows "A-2 financing: needs a session, 45000000 tenge" "and shown on the issue"
kz --db "$D" issue show "$NI" --format json
like "$(out)" '*"needs_session":true*' "the store: needs a session"
like "$(out)" '*"amount":45000000*' "the amount"
like "$(out)" '*"decision":"Бюджетке енгізілді"*' "the decision"
keys s
shows "Status of the issue" "the status form"
keys Tab
keys -l "сол күйі"
keys BTab Enter
shows "issue: the status is escalated already" "the same status: core's one line"
check "the note typed is kept" grep -q "сол күйі" "$T/screen"
tmux_ resize-window -x 80 -y 24 2>/dev/null || tmux_ resize-pane -x 80 -y 24
shows "сол күйі" "a resize while the form is open keeps it"
keys F2
shows "a form is open: Enter saves it, Escape leaves it" "no pane switch while a form is open"
keys Escape
shows "left: nothing saved" "Escape leaves the form"
keys F10
tui_exit "F10 quits" 0

# --read-only: the writing keys of Triage are refused
tui_start 80 24 KEZDESU_NOW=$KEZDESU_NOW -- --read-only --db "$D"
shows "sync: none | READ" "read-only"
keys F4 e
shows "triage-edit: refused, the store is open read-only (--read-only)" "e is refused"
keys /
keys -l "жол"
shows "Ауылдағы ЖОЛ" "search works read-only"
keys F10
tui_exit "F10 quits" 0
done_testing
