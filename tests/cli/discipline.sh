#!/bin/sh
# The calendar's discipline (issue 7, RULES.md K-2 and U-1): once the calendar of a year is
# approved, a meeting added to it is either a revision (K-2) or unscheduled with its reason
# (U-1), never silently added; a meeting of it that moves keeps its reason and is shown as
# moved. Rule IDs are those of ../shared/decree/RULES.md.
#
# The office of Бәйдібек ауданы (613600000, the sample district); its akim meets at Шаян
# (613630000) and Ағыбет (613633000). Today is Monday 2 February 2026.
. "$(dirname "$0")/lib/lib.sh"

NOW=2026-02-02
export KEZDESU_NOW=$NOW
S=$T/discipline
make_store "$S"

# field_is FILE NAME VALUE TESTNAME: FILE (visit show text) has the line "NAME: VALUE".
field_is() {
	if grep -Fqx "$2: $3" "$1"; then
		ok "$4"
	else
		not_ok "$4"
		diag "  no line '$2: $3'; the $2 lines are:"
		grep "^ *$2:" "$1" | sed 's/^/#   /'
	fi
}

# ---- a draft is changed freely ----
kz --db "$S" visit add --akim "$DISTRICT" --target 613630000 --date 2026-03-10
rc_is 0 "a meeting added to the draft calendar"
V1=$(out)
kz --db "$S" visit set "$V1" --date 2026-03-11
rc_is 0 "a meeting of the draft moved without a reason"
kz --db "$S" visit show "$V1"
field_is "$T/out" status planned "a move within the draft is editing: still planned"
kz --db "$S" visit add --akim "$DISTRICT" --target 613633000 --date 2026-04-14 --revise "x"
fails 1 "draft" "--revise on a draft calendar is refused: nothing to revise"

kz --db "$S" calendar approve 2026 --date 2026-01-12
rc_is 0 "the calendar of 2026 approved on 12 January (K-1)"

# ---- K-2 / U-1: no meeting silently added ----
kz --db "$S" visit add --akim "$DISTRICT" --target 613633000 --date 2026-04-14
fails 1 "approved on 2026-01-12*--revise REASON*calendar revise*--unscheduled REASON" \
    "a plain meeting added to the approved calendar is refused, naming both ways (K-2, U-1)"
kz --db "$S" visit list --format tsv
is "$(nlines "$T/out")" 1 "the refused meeting was not written"
kz --db "$S" visit add --akim "$DISTRICT" --target 613633000 --date 2026-04-14 \
    --unscheduled "тұрғындардың өтініші"
rc_is 0 "an unscheduled meeting with its reason is added (U-1)"
kz --db "$S" visit add --akim "$DISTRICT" --target 613633000 --date 2026-05-12 \
    --revise "ауыл тұрғындарының ұсынысы"
rc_is 0 "a meeting added as a revision (K-2)"
V3=$(out)
kz --db "$S" calendar show 2026 --revision 1 --format tsv
like "$(out)" "*2026-05-12*$V3*" "revision 1 holds the added meeting"
kz --db "$S" calendar show 2026 --revision 0 --format tsv
is "$(grep -c "$V3" "$T/out")" 0 "revision 0, the approved calendar, does not"
kz --db "$S" calendar show 2026 --format json
like "$(out)" '*"number":1,"date":"2026-02-02","reason":"ауыл тұрғындарының ұсынысы"*' \
    "the revision is dated today with its reason"
kz --db "$S" visit add --akim "$DISTRICT" --target 613633000 --date 2026-05-13 \
    --revise "x" --unscheduled "y"
fails 2 "exclude each other" "--revise and --unscheduled together are bad usage"
kz --db "$S" visit add --akim "$DISTRICT" --target 613633000 --date 2027-05-13
rc_is 0 "a meeting of 2027, whose calendar is a draft, is added freely"

# ---- a moved meeting keeps its reason and is shown as moved ----
kz --db "$S" visit set "$V1" --date 2026-03-17
fails 1 "moved with its reason (--reason TEXT, K-2)" \
    "a meeting of the approved calendar is not moved without a reason"
kz --db "$S" visit show "$V1"
field_is "$T/out" date 2026-03-11 "the refused move changed nothing"
kz --db "$S" visit set "$V1" --reason "су тасқыны"
fails 2 "with --date" "--reason without --date is bad usage"
kz --db "$S" visit set "$V1" --date 2026-03-17 --reason "су тасқыны"
rc_is 0 "moved with its reason"
kz --db "$S" visit show "$V1"
cp "$T/out" "$T/v1.txt"
field_is "$T/v1.txt" status moved "the moved meeting is shown as moved"
field_is "$T/v1.txt" moved_from 2026-03-11 "it keeps the date it was moved from"
field_is "$T/v1.txt" moved_reason "су тасқыны" "and the reason"
kz --db "$S" visit list --format tsv
like "$(out)" "*2026-03-17*moved*" "visit list shows it as moved"
kz --db "$S" visit set "$V1" --date 2026-03-18
fails 1 "reason" "moving it again needs a reason again, not the earlier one"
kz --db "$S" visit set "$V1" --status held
fails 1 "marked held, but its date 2026-03-17 is after today" \
    "a meeting is not marked held before its date (M-1)"
KEZDESU_NOW=2026-03-17 kz --db "$S" visit set "$V1" --status held
rc_is 0 "the moved meeting is held on its day"
KEZDESU_NOW=2026-03-20 kz --db "$S" check 2026 --format tsv
is "$(awk -F'\t' '$1 == "C-3" && $3 == "613630000" && $4 == "2026-H1" {print $5}' "$T/out")" \
    held "held after the move, it covers its target (C-3)"

# ---- no edit slips a meeting into the approved calendar or out of it ----
kz --db "$S" visit set "$V1" --unscheduled "аким шақырды"
fails 1 "does not become unscheduled: cancel it" \
    "a meeting of the approved calendar is not made unscheduled by an edit (K-2, U-1)"
kz --db "$S" visit set "$V3" --status cancelled
rc_is 0 "a meeting of the approved calendar is cancelled"
kz --db "$S" visit set "$V3" --status planned
fails 1 "does not add a meeting to the calendar of 2026*visit add --revise REASON" \
    "a cancelled meeting does not rejoin the approved calendar by an edit (K-2)"
kz --db "$S" visit show "$V3"
field_is "$T/out" status cancelled "it stays cancelled"

# ---- dates sanity-checked (issue 7) ----
kz --db "$S" visit add --akim "$DISTRICT" --target 613633000 --date 2026-02-20 \
    --unscheduled "шұғыл" --status held
fails 1 "marked held, but its date 2026-02-20 is after today (2026" \
    "visit add --status held for a date ahead is refused (M-1)"
kz --db "$S" calendar submit 2026 --date 2026-02-03
fails 1 "2026-02-03 is after today (2026-02-02)" \
    "a submission dated tomorrow is refused (K-3)"
kz --db "$S" calendar notify 2026 --date 2026-02-10
fails 1 "after today" "a maslikhat notice dated ahead is refused (K-1)"
kz --db "$S" calendar approve 2027 --date 2027-01-10
fails 1 "after today" "an approval dated ahead is refused (K-1)"
kz --db "$S" calendar progress 2026 --quarter 1 --date 2026-04-20
fails 1 "after today" "a publication of progress dated ahead is refused (A-4)"
kz --db "$S" calendar submit 2026 --date 2026-02-02
rc_is 0 "a submission dated today is recorded (K-3)"
kz --db "$S" visit add --akim "$DISTRICT" --target 613633000 --date 2025-11-11
V9=$(out)
kz --db "$S" plan 2025
fails 1 "plan 2025: the year is over (today is 2026-02-02)" \
    "plan for a year already over is refused in one line"
kz --db "$S" visit list --from 2025-01-01 --to 2025-12-31 --format tsv
is "$(cut -f1 "$T/out")" "$V9" "and adds nothing to it"
KEZDESU_NOW=2025-12-31 kz --db "$S" plan 2025
rc_is 0 "plan 2025 on its last day is accepted (the year still runs)"

# ---- the movable days asked for (issue 7): Kurban Ait and the Government's transfers ----
H=$T/holidays
make_store "$H"
kz --db "$H" plan 2026
rc_is 0 "plan 2026 in a store with no day recorded"
like "$(out)" "*notice: 2026: the first day of Kurban Ait is not recorded*" \
    "plan says Kurban Ait of 2026 is not recorded"
like "$(out)" "*notice: 2026: no day off transferred by the Government*" \
    "plan says no transfer of 2026 is recorded"
kz --db "$H" due
like "$(out)" "*notice: 2026: the first day of Kurban Ait*notice: 2026: no day off transferred*Due on*" \
    "due says both before its list"
kz --db "$H" holiday add 2026-05-27 --off --name "Құрбан айт"
kz --db "$H" plan 2026
is "$(grep -c "Kurban" "$T/out")" 0 "Kurban Ait recorded (by its Kazakh name): plan no longer asks for it"
is "$(grep -c "transferred" "$T/out")" 1 "but still for the transfers"
kz --db "$H" holiday add 2026-01-02 --off --name "демалыс күнін ауыстыру"
kz --db "$H" due --date 2026-02-02
is "$(grep -c "notice" "$T/out")" 0 "both recorded: due says nothing of 2026"
kz --db "$H" due --date 2026-12-10 --format tsv
is "$(grep -c "notice" "$T/out")" 0 "due --format tsv keeps its rows clean"
like "$(err)" "*notice: 2027: the first day of Kurban Ait*notice: 2027: no day off*" \
    "its next 30 days reach into 2027, whose days are not recorded: said on stderr"
kz --db "$H" holiday add 2027-05-16 --off --name "Kurban Ait"
kz --db "$H" holiday add 2027-01-02 --workday
kz --db "$H" due --date 2026-12-10
is "$(grep -c "notice" "$T/out")" 0 "2027 recorded too (Latin name, a working Saturday): nothing said"

done_testing
