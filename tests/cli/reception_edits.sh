#!/bin/sh
# A-1 (RULES.md 3.5), the rest: a meeting held owes a personal reception, in check (pending
# while its A-3 window runs, missing after), in due (by its A-3 date) and in the overview;
# a reception entered with a mistake is corrected (reception set) or withdrawn (reception
# withdraw), and its meeting's receptions_end (from which A-3 counts) follows.
#
# The office of Бәйдібек ауданы (613600000); its akim meets at Шаян (613630000) on
# Friday 10 April 2026 and at Ағыбет (613633000) on Monday 13 April. Today is Monday
# 20 April 2026: the meeting of 10 April's A-3 date.
. "$(dirname "$0")/lib/lib.sh"

export KEZDESU_NOW=2026-04-20
S=$T/reception-edits
make_store "$S"

# finding RULE VISIT [DATE]: "status due days" of the meeting's RULE finding in check's tsv.
finding() {
	KEZDESU_NOW=${3:-2026-04-20} kz --db "$S" check 2026 --held --format tsv
	awk -F'\t' -v r="$1" -v v="$2" '$1 == r && $6 == v {print $5 " " $8 " " $9}' "$T/out"
}
# due_a1 VISIT [DATE]: the same from due's tsv.
due_a1() {
	KEZDESU_NOW=${2:-2026-04-20} kz --db "$S" due --format tsv
	awk -F'\t' -v v="$1" '$1 == "A-1" && $6 == v {print $5 " " $8 " " $9}' "$T/out"
}
# end VISIT: the meeting's receptions_end as visit show prints it ("" when unset).
end() {
	kz --db "$S" visit show "$1"
	sed -n 's/^receptions_end: //p' "$T/out"
}

kz --db "$S" visit add --akim "$DISTRICT" --target 613630000 --date 2026-04-10
V=$(out)
kz --db "$S" visit add --akim "$DISTRICT" --target 613633000 --date 2026-04-13
V2=$(out)
kz --db "$S" visit set "$V" --status held
kz --db "$S" visit set "$V2" --status held

# ---- A-1 in check, due and the overview, with no reception recorded ----
is "$(finding A-1 "$V")" "pending 2026-04-20 0" \
    "a1_check_pending: on its A-3 date a meeting held with no reception is pending (A-1)"
is "$(finding A-1 "$V" 2026-04-21)" "missing 2026-04-20 " \
    "a1_check_missing: the day after, missing (A-1)"
is "$(due_a1 "$V")" "pending 2026-04-20 0" "a1_due: due lists the reception by its A-3 date"
is "$(due_a1 "$V" 2026-04-22)" "overdue 2026-04-20 2" "a1_due: overdue after it"
is "$(due_a1 "$V2")" "pending 2026-04-23 3" "a1_due: the meeting of 13 April by 23 April"
kz --db "$S" due
like "$(out)" "*A-1  2026-H1  pending  Бәйдібек ауданы → Шаян*meeting of 2026-04-10, due 2026-04-20 (today)
         a personal reception of citizens after the meeting (A-1)*" \
    "due's text names the meeting and says what is owed"
kz --db "$S"
like "$(out)" "*Receptions due after meetings held (A-1; kezdesu reception add):
  meeting of 2026-04-10 Бәйдібек ауданы → Шаян*reception by 2026-04-20 (today)
  meeting of 2026-04-13 Бәйдібек ауданы → Ағыбет*reception by 2026-04-23 (3 days left)*" \
    "a1_overview: the overview shows the receptions due"

# ---- recorded: A-1 ok ----
kz --db "$S" reception add --visit "$V" --date 2026-04-12 --received-by akimat --citizens 5
R1=$(out)
kz --db "$S" reception add --visit "$V" --date 2026-04-14 --received-by police --citizens 2
R2=$(out)
is "$(finding A-1 "$V" 2026-04-21)" "ok  " "a reception recorded: A-1 ok"
is "$(due_a1 "$V")" "" "and no longer due"
is "$(end "$V")" "2026-04-14" "receptions_end: the later reception"
kz --db "$S"
check "the overview lists only the meeting still owed one" \
    sh -c "! grep -q '2026-04-10.*reception by' '$T/out' &&
    grep -q '2026-04-13.*reception by' '$T/out'"

# ---- reception set ----
kz --db "$S" reception set "$R2" --date 2026-04-13 --citizens 3 --received-by deputies,police
rc_is 0 "reception set: date, citizens, who received"
kz --db "$S" reception list --visit "$V" --format tsv
is "$(sed -n 2p "$T/out")" "$R2	$V	2026-04-13	police,deputies	3" \
    "reception set: the fields given, who received in A-1's order"
is "$(end "$V")" "2026-04-13" "a1_set_moves_end: receptions_end follows the corrected date"
kz --db "$S" reception set "$R2" --date 2026-04-09
fails 1 "reception $R2: reception on 2026-04-09: before its meeting of 2026-04-10" \
    "reception set: checked as reception add checks (A-1)"
kz --db "$S" reception set "$R2" --received-by mayor
fails 1 "'mayor' is not one of those who receive" "reception set: an unknown category"
kz --db "$S" reception set "$R2"
fails 2 "nothing to change" "reception set with nothing to change"
kz --db "$S" reception set 019da82f-d400-7152-86ad-e186f6d0d8d0 --citizens 1
fails 1 "reception 019da82f-d400-7152-86ad-e186f6d0d8d0: not found" "reception set: unknown"
is "$(end "$V")" "2026-04-13" "the refused edits changed nothing"

# moved to the other meeting: both meetings' receptions_end follow
kz --db "$S" reception set "$R2" --visit "$V2"
rc_is 0 "reception set --visit: it followed the other meeting"
is "$(end "$V") $(end "$V2")" "2026-04-12 2026-04-13" \
    "a1_set_visit: the meeting it left and the one it joined both recomputed"
kz --db "$S" reception set "$R2" --visit "$V"

# ---- reception withdraw ----
kz --db "$S" reception withdraw "$R2"
rc_is 0 "reception withdraw"
kz --db "$S" reception list --format tsv
is "$(cut -f1 "$T/out")" "$R1" "a1_withdraw: a withdrawn reception is in no list"
is "$(end "$V")" "2026-04-12" "a1_withdraw_end: receptions_end recomputed without it"
is "$(finding A-3 "$V")" "pending 2026-04-22 2" "A-3 counts from the reception left"
# undo takes back the withdrawal (the reception's change) but not the meeting's
# receptions_end written before it: A-3 still counts from the receptions themselves.
kz --db "$S" undo
rc_is 0 "undo right after reception withdraw"
kz --db "$S" reception list --visit "$V" --format tsv
is "$(nlines "$T/out")" 2 "the reception is back in the list"
is "$(finding A-3 "$V")" "pending 2026-04-23 3" \
    "a1_undo_withdraw: A-3 counts from the reception brought back, not a stale receptions_end"
kz --db "$S" reception withdraw "$R2"
kz --db "$S" reception withdraw "$R2"
fails 1 "reception $R2 is withdrawn already" "withdrawing twice is refused"
kz --db "$S" reception set "$R2" --citizens 9
fails 1 "reception $R2 was withdrawn" "a withdrawn reception is not edited"
kz --db "$S" question add --reception "$R2" "Су жоқ"
fails 1 "reception $R2 was withdrawn" "no question is added to a withdrawn reception"
kz --db "$S" dump
is "$(grep -c "^reception $(echo "$R2" | tr -d -) 0c " "$T/out")" 1 \
    "dump holds the withdrawn reception with its withdrawn_on"
kz --db "$S" reception withdraw "$R1"
is "$(end "$V")" "" "the last reception withdrawn: receptions_end unset"
is "$(finding A-1 "$V" 2026-04-21)" "missing 2026-04-20 " \
    "a meeting whose receptions were all withdrawn is owed one again (A-1)"
kz --db "$S" reception withdraw
fails 2 "usage: kezdesu reception withdraw UUID" "reception withdraw without a UUID"
done_testing
