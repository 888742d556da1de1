#!/bin/sh
# Edits that must keep what they do not name (issue 6): visit set changes only the fields
# given, attendance merges per category, several --step options make several steps, a link
# that would move a question asks for --move, the issue's origin meeting stays, a deadline
# extension stays in the history, undo, withdrawal and --clear.
. "$(dirname "$0")/lib/lib.sh"

S=$T/store
make_store "$S"

# jq_py FILE EXPR: prints EXPR evaluated with r = the first record of the JSON list in FILE.
jq_py() {
	"$PY" -c '
import json, sys
r = json.load(open(sys.argv[1], encoding="utf-8"))[0]
print(eval(sys.argv[2]))' "$1" "$2" 2>&1
}

# ---- visit set: only the fields given ----
kz --db "$S" visit add --akim "$DISTRICT" --target 613637000 --date 2026-12-10 --venue 'Мектеп'
V=$(out)
is_uuid "$V" || bail_out "setup: visit add"
kz --db "$S" visit set "$V" --channels print
kz --db "$S" visit set "$V" --venue 'Мәдениет үйі'
kz --db "$S" visit show "$V" --format json
is "$(jq_py "$T/out" 'r.get("venue"), r.get("channels")')" "('Мәдениет үйі', 'print')" \
    "visit set: two edits of different fields both stay"

# ---- attendance: merged per category ----
kz --db "$S" visit set "$V" --attendance citizen=40,deputy=2
kz --db "$S" visit set "$V" --attendance business=5
rc_is 0 "visit set --attendance of another category exits 0"
kz --db "$S" visit set "$V" --attendance citizen=45
kz --db "$S" visit show "$V" --format json
is "$(jq_py "$T/out" '",".join("%s=%d" % (a["category"], a["count"]) for a in sorted(r.get("attendance", []), key=lambda a: a["category"]))')" \
    "business=5,citizen=45,deputy=2" \
    "--attendance keeps the categories recorded before and replaces the one given again"

# ---- issue set: several --step options ----
kz --db "$S" issue add --title 'Ауыз су жоқ' --visit "$V" --deadline 2027-03-01
I=$(out)
is_uuid "$I" || bail_out "setup: issue add"
kz --db "$S" issue set "$I" --step 'Жоба' --step-executor 'ПИР' --step 'Құрылыс' \
    --step-deadline 2027-06-01
rc_is 0 "issue set with two --step options exits 0"
kz --db "$S" issue show "$I" --format json
steps() {
	jq_py "$T/out" '" | ".join("%s;%s;%s;%s" % (s["text"], s.get("executor", ""), s.get("deadline", ""), s.get("done")) for s in r.get("steps", []))'
}
is "$(steps)" "Жоба;ПИР;;False | Құрылыс;;2027-06-01;False" \
    "each --step is its own step with the options that follow it"
snapshot "$S" "$T/snap"
kz --db "$S" issue set "$I" --step-executor 'ПИР' --step 'Үшінші'
fails 2 "--step-executor goes after the --step" "--step-executor before any --step is refused"
kz --db "$S" issue set "$I" --step 'Үшінші' --step-deadline 2027-01-01 --step-deadline 2027-02-01
fails 2 "given twice for step 'Үшінші'" "two --step-deadline for one step are refused"
unchanged "$S" "$T/snap" "the refused --step commands changed nothing"

# Steps added one command at a time under one fixed clock keep the order they were added
# in, and --step-done N marks the step issue show numbers N.
for n in 3 4 5 6 7; do
	KEZDESU_NOW=2026-10-05 "$KZ" --db "$S" issue set "$I" --step "Қадам $n" >/dev/null 2>&1
done
KEZDESU_NOW=2026-10-05 "$KZ" --db "$S" issue set "$I" --step-done 5 >"$T/out" 2>"$T/err"
rc=$?
rc_is 0 "issue set --step-done 5 exits 0"
kz --db "$S" issue show "$I"
is "$(grep -A1 '^steps 5:' "$T/out" | tail -1)" "  text: Қадам 5" \
    "issue show lists the steps in the order they were added"
kz --db "$S" issue show "$I" --format json
is "$(jq_py "$T/out" '",".join(s["text"] for s in r["steps"] if s.get("done"))')" "Қадам 5" \
    "--step-done 5 marks the step shown as 5"

# ---- issue link: moving a question asks for --move ----
kz --db "$S" question add --visit "$V" 'Ауылда су жоқ'
Q=$(out)
kz --db "$S" issue add --title 'Екінші мәселе'
I2=$(out)
kz --db "$S" issue link "$I" "$Q"
rc_is 0 "issue link of a free question exits 0"
kz --db "$S" issue link "$I" "$Q"
rc_is 0 "linking it to the same issue again is fine"
snapshot "$S" "$T/snap"
kz --db "$S" issue link "$I2" "$Q"
fails 1 "question $Q is linked to issue $I: give --move" \
    "issue link of a question linked to another issue is refused, naming that issue"
unchanged "$S" "$T/snap" "and the question stays where it was"
kz --db "$S" issue link --move "$I2" "$Q"
rc_is 0 "issue link --move moves it"
kz --db "$S" question list --visit "$V"
is "$(awk -F'\t' -v id="$Q" '$1 == id { print $6 }' "$T/out")" "$I2" "the question now belongs to the other issue"

# ---- issue set --visit: the origin meeting stays, later ones are listed beside it ----
kz --db "$S" visit add --akim "$DISTRICT" --target 613637000 --date 2027-01-20
V2=$(out)
kz --db "$S" issue set "$I" --visit "$V2"
rc_is 0 "issue set --visit of a later meeting exits 0"
kz --db "$S" issue show "$I" --format json
is "$(jq_py "$T/out" 'r.get("visit")')" "$V" "issue set --visit keeps the meeting the issue came from"
kz --db "$S" issue set "$I" --visit "$V2"
kz --db "$S" issue set "$I" --visit "$V"
kz --db "$S" issue show "$I" --format json
is "$(jq_py "$T/out" '" ".join(x["visit"] for x in r.get("visits", []))')" "$V2" \
    "the later meeting is listed once beside it"
kz --db "$S" issue show "$I"
is "$(grep -A1 '^visits 1:' "$T/out" | tail -1)" "  visit: $V2" "issue show shows the later meeting"
kz --db "$S" issue set "$I" --visit 01234567-89ab-7def-8123-456789abcdef
fails 1 "not found" "issue set --visit of an unknown meeting is refused"

# ---- a deadline extension stays in the history, with the official's name ----
me=$(id -un)
kz --db "$S" official 'Айгерім Серікқызы'
kz --db "$S" issue set "$I" --deadline 2027-05-01 --note 'Мердігер кешікті'
rc_is 0 "issue set --deadline of an issue with a deadline exits 0"
kz --db "$S" issue show "$I" --format json
is "$(jq_py "$T/out" 'r["history"][-1].get("deadline_was"), r["history"][-1].get("deadline"), r["history"][-1].get("note")')" \
    "('2027-03-01', '2027-05-01', 'Мердігер кешікті')" "the history keeps the old deadline beside the new one"
is "$(jq_py "$T/out" 'r["history"][-1].get("user")')" "Айгерім Серікқызы" \
    "the history names the official, not the Unix user"
kz --db "$S" issue set "$I" --deadline 2027-05-01
kz --db "$S" issue show "$I" --format json
is "$(jq_py "$T/out" 'len([e for e in r["history"] if e.get("deadline_was")])')" 1 \
    "the same deadline again adds nothing to the history"
kz --db "$S" official ''
kz --db "$S" issue set "$I" --status in-work
kz --db "$S" issue show "$I" --format json
is "$(jq_py "$T/out" 'r["history"][-1].get("user")')" "$me" "without an official's name, the Unix user"

# ---- undo: your last change, then the one before ----
kz --db "$S" visit add --akim "$DISTRICT" --target 613637000 --date 2027-02-10 --venue 'A үйі'
VU=$(out)
kz --db "$S" visit set "$VU" --venue 'B үйі'
KEZDESU_NOW=2027-02-20 kz --db "$S" visit set "$VU" --venue 'C үйі' --channels print --published 2027-02-15
kz --db "$S" undo
rc_is 0 "undo exits 0"
is "$(out)" "undone: visit $VU: venue,channels,published_on restored" \
    "undo says what it took back"
kz --db "$S" visit show "$VU" --format json
is "$(jq_py "$T/out" 'r.get("venue"), r.get("channels"), r.get("published_on")')" \
    "('B үйі', None, None)" "undo writes back the values the last change replaced"
kz --db "$S" undo
is "$(out)" "undone: visit $VU: venue restored" "undo again goes one change further back"
kz --db "$S" visit show "$VU" --format json
is "$(jq_py "$T/out" 'r.get("venue")')" "A үйі" "the venue is the first one again"
kz --db "$S" undo extra
fails 2 "usage" "undo takes no argument"

# ---- question withdraw ----
kz --db "$S" question add --visit "$VU" 'Қате енгізілген сұрақ'
QW=$(out)
kz --db "$S" question add --visit "$VU" 'Дұрыс сұрақ'
QK=$(out)
kz --db "$S" question withdraw "$QW"
rc_is 0 "question withdraw exits 0"
kz --db "$S" question list --visit "$VU"
is "$(cut -f1 "$T/out")" "$QK" "a withdrawn question leaves the visit's list"
kz --db "$S" question list
is "$(grep -c "^$QW" "$T/out")" 0 "and the list of all questions"
kz --db "$S" question withdraw "$QW"
fails 1 "withdrawn already" "withdrawing it again is refused"
kz --db "$S" question withdraw 01234567-89ab-7def-8123-456789abcdef
fails 1 "not found" "question withdraw of an unknown question fails"
kz --db "$S" undo
is "$(out)" "undone: question $QW: withdrawn restored" "undo takes a withdrawal back"
kz --db "$S" question list --visit "$VU"
is "$(cut -f1 "$T/out" | sort | tr '\n' ' ')" "$(printf '%s\n%s\n' "$QW" "$QK" | sort | tr '\n' ' ')" \
    "the question is listed again"
kz --db "$S" question add --visit "$VU" 'Екі рет енгізілген'
QD=$(out)
kz --db "$S" undo
is "$(out)" "undone: question $QD added: now withdrawn" "undo of adding a question withdraws it"
kz --db "$S" question list --visit "$VU"
is "$(grep -c "^$QD" "$T/out")" 0 "and it leaves the lists"

kz --db "$S" issue add --title 'Қате мәселе'
IW=$(out)
kz --db "$S" undo
is "$(out)" "undone: issue $IW added: now withdrawn" "undo of adding an issue withdraws it"
kz --db "$S" issue list
is "$(grep -c "^$IW" "$T/out")" 0 "a withdrawn issue leaves issue list"
kz --db "$S" issue show "$IW"
like "$(grep '^withdrawn:' "$T/out")" "withdrawn: yes" "and stays in the store, marked withdrawn"

# ---- --clear: a wrong date or text removed ----
KEZDESU_NOW=2027-02-20 kz --db "$S" visit set "$VU" --published 2027-02-01 --receptions-end 2027-02-03
kz --db "$S" visit set "$VU" --clear published --clear receptions_end --clear venue
rc_is 0 "visit set --clear exits 0"
kz --db "$S" visit show "$VU" --format json
is "$(jq_py "$T/out" 'r.get("published_on"), r.get("receptions_end"), r.get("venue"), r.get("date")')" \
    "(None, None, None, '2027-02-10')" "visit set --clear removes the fields named and only them"
snapshot "$S" "$T/snap"
kz --db "$S" visit set "$VU" --clear date
fails 1 "a date is required" "visit set --clear date is refused"
kz --db "$S" visit set "$VU" --clear status
fails 1 "no date or text field 'status'" "visit set --clear of a field that is not a date or text is refused"
kz --db "$S" issue set "$I" --clear title
fails 1 "title is empty" "issue set --clear title is refused"
unchanged "$S" "$T/snap" "the refused --clear commands changed nothing"
kz --db "$S" issue set "$I" --clear executor --clear deadline
rc_is 0 "issue set --clear exits 0"
kz --db "$S" issue show "$I" --format json
is "$(jq_py "$T/out" 'r.get("executor"), r.get("deadline"), r["history"][-1].get("deadline_was")')" \
    "(None, None, '2027-05-01')" "issue set --clear deadline clears it, the history keeps the old one"

done_testing
