#!/bin/sh
# The Government's store (RULES.md: "The Government is a unit above the 17 regions and 3
# cities of republican significance, built into the program (code 000000000); its store
# holds G-1..G-3"): init --unit 000000000 with the real classifier, every command after
# it, G-1 and G-2 in due against dates worked out by hand, G-3's central issues, and
# calendar forward / collect refused in any other store.
. "$(dirname "$0")/lib/lib.sh"

GOV=000000000
GOV_KK="Қазақстан Республикасының Үкіметі"
GOV_RU="Правительство Республики Казахстан"
tab=$(printf '\t')
[ -r "$KATO_FULL" ] || bail_out "the classifier $KATO_FULL is missing"

# Deadlines with RULES.md's strict reading of «до 1 февраля» / «до 15 февраля и 15
# августа» (K-1's interpretation): the last day on time is the day before the named date.
# The one switch is strict_before in core/rules.c; the inclusive reading would make these
# 2027-02-01, 2027-02-15 and 2027-08-15, one day more left and one day less late below.
G1_2027=2027-01-31
G2_FEB_2026=2027-02-14	# reporting year 2026, collected in February 2027
G2_AUG_2026=2027-08-14	# reporting year 2026, collected in August 2027

# at DATE ARGS...: kz on that day (KEZDESU_NOW), so that no step is dated after "today".
at() {
	_day=$1
	shift
	KEZDESU_NOW=$_day kz "$@"
}

# ---- The store: made on 5 January 2027 -------------------------------------------------
G=$T/gov
at 2027-01-05 --db "$G" init --unit "$GOV"
rc_is 0 "init --unit 000000000 makes the Government's store"
kz --db "$G" units import "$KATO_FULL"
rc_is 0 "the real classifier imports into it"

kz --db "$G" units list --under "$GOV"
rc_is 0 "units list --under 000000000 works (it was 'unit 000000000: not found')"
is "$(head -n 1 "$T/out")" "$GOV${tab}${tab}GOVERNMENT${tab}$GOV_KK${tab}$GOV_RU" \
    "the Government is built in, with its Kazakh and Russian names, and has no parent"
is "$(nlines "$T/out")" 15595 "under it: the Government and the 15,594 units of the classifier"
is "$(awk -F'\t' -v g="$GOV" '$2 == g { print $3 }' "$T/out" | sort | uniq -c |
    awk '{ printf "%s %s,", $1, $2 }')" \
    "3 CITY_REP,17 REGION," "its children are the 17 regions and the 3 cities of republican significance"

# A classifier row with the Government's code would overwrite the built-in unit: refused,
# naming the file and line, and nothing is imported.
{ head -n 2 "$KATO_FULL"; printf '000000000,00,00,00,000,0,Үкімет,Правительство\n'; } \
    >"$T/gov-row.csv"
G2=$T/gov2
kz --db "$G2" init --unit "$GOV"
kz --db "$G2" units import "$T/gov-row.csv"
fails 1 "gov-row.csv:3: code 000000000 is the Government's, built into kezdesu" \
    "a classifier row coded 000000000 is refused with FILE:LINE"
kz --db "$G2" units list
is "$rc:$(out)" "0:" "and nothing of it was stored"

# ---- G-1, G-2 in due -----------------------------------------------------------------------
# 10 January 2027: G-1 of 2027 (the regional calendars to the Administration of the
# President before 1 February 2027: by 31 January) has 21 days left (11 to 31 January).
# G-2 of reporting year 2026 (by 14 February 2027) is 35 days away: past the 30 shown. G-2
# of 2025 (14 August 2026) fell due before the store was made: not listed.
at 2027-01-10 --db "$G" due --format tsv
rc_is 0 "due works in the Government's store"
is "$(out)" "G-1${tab}$GOV${tab}${tab}2027${tab}pending${tab}${tab}${tab}$G1_2027${tab}21${tab}${tab}" \
    "10 Jan 2027: G-1 of 2027 pending, 21 days left; nothing else"
at 2027-01-10 --db "$G" due --ahead 40 --format tsv
is "$(cut -f1,4,5,8,9 "$T/out" | tr '\t\n' ' |')" \
    "G-1 2027 pending $G1_2027 21|G-2 2026 pending $G2_FEB_2026 35|" \
    "--ahead 40: G-2 of reporting year 2026, due 14 Feb 2027, labelled 2026, 35 days left"

at 2027-01-10 --db "$G" due
like "$(out)" "*G-1  2027     pending  $GOV_KK, due $G1_2027 (21 days left)*Administration of the President*" \
    "the text names the Government in Kazakh"
at 2027-01-10 --db "$G" --lang ru due
like "$(out)" "*G-1  2027     ожидается $GOV_RU, срок $G1_2027*" \
    "and in Russian with --lang ru (the messages too)"

at 2027-01-10 --db "$G"
like "$rc:$(out)" "0:*office of $GOV_KK ($GOV)*Due in 30 days*G-1  2027     pending  $GOV_KK, due $G1_2027 (21 days left)*" \
    "the overview names the Government's office and shows G-1"

# 10 February 2027: G-1 is 10 days late, G-2 of 2026 has 4 days left.
at 2027-02-10 --db "$G" due --format tsv
is "$(cut -f1,4,5,8,9 "$T/out" | tr '\t\n' ' |')" \
    "G-1 2027 overdue $G1_2027 10|G-2 2026 pending $G2_FEB_2026 4|" \
    "10 Feb 2027: G-1 overdue by 10 days, G-2 of 2026 pending with 4 days left"

at 2027-01-30 --db "$G" calendar forward 2027 --date 2027-01-30
rc_is 0 "calendar forward 2027 is recorded in the Government's store (G-1)"
at 2027-02-14 --db "$G" calendar collect 2026 --half 1 --date 2027-02-14
rc_is 0 "calendar collect 2026 --half 1 records February's list of reporting year 2026 (G-2)"
kz --db "$G" calendar show 2026
like "$(out)" "*collected_feb: 2027-02-14*" "the list is kept in the calendar of the reporting year"
at 2027-02-14 --db "$G" due --format tsv
is "$rc:$(out)" "0:" "14 Feb 2027: nothing due once G-1 and February's G-2 are recorded on time"
# 20 July 2027: August's list of 2026 has 25 days left (11 to 31 July, 14 in August).
at 2027-07-20 --db "$G" due --format tsv
is "$(cut -f1,4,5,8,9 "$T/out" | tr '\t\n' ' |')" "G-2 2026 pending $G2_AUG_2026 25|" \
    "20 Jul 2027: G-2 of 2026, the August list, 25 days left"
at 2027-08-20 --db "$G" due --format tsv
is "$(cut -f1,4,5,8,9 "$T/out" | tr '\t\n' ' |')" "G-2 2026 overdue $G2_AUG_2026 6|" \
    "20 Aug 2027: the August list of 2026 overdue by 6 days"
at 2027-08-21 --db "$G" calendar collect 2026 --half 2 --date 2027-08-21
rc_is 0 "the August list of 2026 is recorded (late)"

# ---- The regions' meetings in the Government's store -------------------------------------
# A held field meeting of Abai region's akim in Abai district (C-1) in 2026.
at 2027-01-10 --db "$G" visit add --akim 100000000 --target 103200000 \
    --date 2026-05-12 --time 10:00 --field --status held
rc_is 0 "a region's meeting can be recorded in the Government's store"
at 2027-01-10 --db "$G" calendar show 2026
like "$(out)" "*meetings now: 1*100000000${tab}103200000*" \
    "the Government's calendar view holds the regions' meetings (every unit is inside it)"
at 2027-01-10 --db "$G" check 2026 --format tsv
is "$rc:$(err)" "1:" "check 2026 works in the Government's store (exit 1: what is missing)"
is "$(awk -F'\t' '$1 == "C-1"' "$T/out" | wc -l | tr -d ' ')" 209 \
    "C-1 of every region: 170 districts and 39 cities of regional significance"
is "$(awk -F'\t' '$1 == "C-2"' "$T/out" | wc -l | tr -d ' ')" 19 \
    "C-2 of Astana, Almaty and Shymkent: their 19 city districts"
is "$(awk -F'\t' '$1 == "C-1" && $3 == "103200000" { print $2, $5 == "missing" ? "missing" : "covered" }' "$T/out")" \
    "100000000 covered" "Abai district is covered by the region's held meeting"
is "$(awk -F'\t' '$1 == "C-1" && $3 == "101000000" { print $2, $5 }' "$T/out")" \
    "100000000 missing" "Semey, without a meeting, is missing"

kz --db "$G" plan 2027
fails 1 "the Government's store plans no meetings" "plan is refused in the Government's store, in one line"
at 2027-03-10 --db "$G" visit add --akim "$GOV" --target 100000000 --date 2027-03-10
fails 1 "000000000 is a GOVERNMENT, which has no akim" "the Government is no akim of a meeting"

# ---- G-3: issues in central bodies' competence --------------------------------------------
kz --db "$G" issue add --title "Аягөз–Бақты темір жолы" --unit 100000000 --level central \
    --executor "Көлік министрлігі"
rc_is 0 "an issue of central competence is added"
central=$(out)
kz --db "$G" issue add --title "Республикалық жолдар: жөндеу" --unit "$GOV" --level central
rc_is 0 "an issue can concern the Government's unit itself"
central2=$(out)
kz --db "$G" issue add --title "Семей: аудандық жол" --unit 101000000 --level region
rc_is 0 "an issue of a region's competence is added"
kz --db "$G" issue list --level central
is "$(cut -f1,4,5 "$T/out" | tr '\t\n' ' |')" \
    "$central central 100000000|$central2 central $GOV|" "issue list --level central lists G-3's issues only"
kz --db "$G" issue list
is "$(nlines "$T/out")" 3 "issue list without --level lists all three"
kz --db "$G" issue list --unit "$GOV"
is "$(nlines "$T/out")" 3 "issue list --unit 000000000: every unit lies under the Government"
kz --db "$G" issue list --unit 100000000 --level central
is "$(cut -f1 "$T/out")" "$central" "--level combines with the other filters"
kz --db "$G" issue list --level ministry
fails 2 "--level: unknown value 'ministry'" "an unknown level is refused, naming it"

# ---- calendar forward / collect elsewhere --------------------------------------------------
R=$T/region
kz --db "$R" init --unit 100000000
at 2027-01-30 --db "$R" calendar forward 2027 --date 2027-01-30
fails 1 "G-1 is the Government's" "calendar forward is refused in a region's store, in one line"
at 2027-02-14 --db "$R" calendar collect 2026 --half 1 --date 2027-02-14
fails 1 "G-2 is the Government's" "calendar collect is refused in a region's store, in one line"
kz --db "$R" calendar show 2027
case $(out) in
*forwarded*) not_ok "nothing was forwarded in the region's store" ;;
*) ok "nothing was forwarded in the region's store" ;;
esac
D=$T/district
make_store "$D"
kz --db "$D" calendar forward 2027
fails 1 "only its store (kezdesu init --unit 000000000)" "and in a district's store, saying where it belongs"

done_testing
