#!/bin/sh
# Exchanging bundles (issue 10, "Export", "Import", "Bad input"): an okrug, its district,
# the region and the Government, identities exchanged with peer add --yes; round trips up
# and down, an okrug's changes relayed to the Government with their origins and stamps,
# personal data kept back unless --include-personal, receipts (the sender stops re-sending
# what was acknowledged, and re-sends what was not), a lost laptop rebuilt with --full;
# every bad bundle refused with one line and its own exit status, the store unchanged.
. "$(dirname "$0")/lib/lib.sh"

[ -n "$PY" ] || bail_out "no python3"
KZB="$PY $top/tests/cli/lib/kzb.py"
CORPUS=$top/tests/fuzz/corpus/bundle
O=$T/okrug	# 613633000 Ағыбет а.о.
D=$T/district	# 613600000 Бәйдібек ауданы
R=$T/region	# 610000000 Түркістан облысы
G=$T/gov	# 000000000 the Government
for s in "$O:613633000" "$D:613600000" "$R:610000000" "$G:000000000"; do
	kz --db "${s%%:*}" init --unit "${s#*:}"
	[ "$rc" -eq 0 ] || bail_out "setup: init ${s#*:}"
	kz --db "${s%%:*}" units import "$SAMPLE" --edition 2026-07-17
	[ "$rc" -eq 0 ] || bail_out "setup: units import in ${s#*:}"
	kz --db "${s%%:*}" identity export -o "${s%%:*}.id"
	[ "$rc" -eq 0 ] || bail_out "setup: identity export of ${s#*:}"
done
# trust A B: store A trusts the office of store B.
trust() {
	kz --db "$1" peer add "$2.id" --yes
	[ "$rc" -eq 0 ] || bail_out "setup: peer add $2.id in $1: $(err)"
}
trust "$O" "$D"; trust "$D" "$O"; trust "$D" "$R"; trust "$R" "$D"; trust "$R" "$G"
trust "$G" "$R"

# send FROM TO FILE DEST: export from FROM for TO into FILE, import it into DEST; the
# import's line is in $T/out.
send() {
	kz --db "$1" export --to "$2" -o "$3"
	[ "$rc" -eq 0 ] || bail_out "export from $1 to $2: $(err)"
	kz --db "$4" import "$3"
	[ "$rc" -eq 0 ] || bail_out "import of $3 into $4: $(err)"
}
# lines KIND UUID DB: the dump's lines of one record.
lines() {
	"$KZ" --db "$3" dump | grep "^$1 $(printf '%s' "$2" | tr -d -) "
}
# held DB: the dump without the classifier's units (each office imports KATO itself) and
# without citizens' names and contacts (a question's paths 10 and 12: tags 8 and 9).
held() {
	"$KZ" --db "$1" dump | grep -v '^unit ' | grep -Ev '^question [0-9a-f]+ 1[02] '
}
# status DB: the peers' exchange state (sync status as tsv).
status() {
	"$KZ" --db "$1" sync status --format tsv
}

# ---- up: okrug -> district -> region -> Government, origins kept ----------------------------
VO=$("$KZ" --db "$O" visit add --akim 613633000 --target 613633100 --date 2026-12-22)
QO=$("$KZ" --db "$O" question add --visit "$VO" --name "Иван Петров" --contact "+77011234567" \
    "Су жоқ")
VD=$("$KZ" --db "$D" visit add --akim 613600000 --target 613630100 --date 2026-12-23)
is_uuid "$VO" && is_uuid "$QO" && is_uuid "$VD" || bail_out "setup: visits and questions"

kz --db "$O" export --to up -o "$T/o1.kzb"
rc_is 0 "export --to up: the okrug's one peer above"
is "$(out)" "$T/o1.kzb: for unit 613600000: changes: 2, bytes: $(wc -c <"$T/o1.kzb" | tr -d ' '); personal data left out of changes: 1 (--include-personal sends it)" \
    "export says where it went, for whom, how many changes and bytes, and what it kept back"
check "the bundle is in place, no .part left" test -f "$T/o1.kzb" -a ! -e "$T/o1.kzb.part"
kz --db "$D" import "$T/o1.kzb"
rc_is 0 "import at the district"
is "$(out)" "$T/o1.kzb: from unit 613633000: added: 2, changed: 0, skipped (already here): 0, conflicts held: 0, clock ahead: 0" \
    "import says what it added, changed, skipped and held"
is "$(lines visit "$VO" "$D")" "$(lines visit "$VO" "$O")" \
    "the okrug's meeting is at the district with the same stamps and values"
kz --db "$D" question show "$QO" --format json
like "$(out)" '*"text":"Су жоқ"*' "its question too"
check "without the asker's name or contact (personal data does not go up)" \
    sh -c "! grep -q 'Иван\|77011234567' '$T/out'"
before=$(status "$D")
kz --db "$D" import "$T/o1.kzb"
rc_is 0 "the same bundle again"
is "$(out)" "$T/o1.kzb: from unit 613633000: already here, nothing changed (changes: 2)" \
    "a bundle applied twice changes nothing and says so"
is "$(status "$D")" "$before" "and does not touch the exchange state"

send "$D" up "$T/d1.kzb" "$R"
is "$(out)" "$T/d1.kzb: from unit 613600000: added: 3, changed: 0, skipped (already here): 0, conflicts held: 0, clock ahead: 0" \
    "the district relays the okrug's changes with its own to the region"
send "$R" up "$T/r1.kzb" "$G"
is "$(lines visit "$VO" "$G")" "$(lines visit "$VO" "$O")" \
    "the okrug's meeting reaches the Government, origin and stamps unchanged"
is "$(lines question "$QO" "$G" | grep -Ev '^question [0-9a-f]+ 1[02] ')" \
    "$(lines question "$QO" "$O" | grep -Ev '^question [0-9a-f]+ 1[02] ')" \
    "its question too, all but the asker's name and contact"
is "$(lines question "$QO" "$G" | grep -Ec '^question [0-9a-f]+ 1[02] ')" 0 \
    "which the Government never got"
is "$(lines visit "$VD" "$G")" "$(lines visit "$VD" "$D")" "and the district's own meeting"

# ---- down: the region's decision and the Government's holiday reach the okrug ---------------
I=$("$KZ" --db "$R" issue add --title "Су құбыры" --unit 613633000 --level region)
is_uuid "$I" || bail_out "setup: issue add in the region: $I"
"$KZ" --db "$R" issue set "$I" --executor "Облыс ТКШ басқармасы" --deadline 2027-03-01 \
    >/dev/null || bail_out "setup: issue set"
"$KZ" --db "$G" holiday add 2027-03-23 --off --name "Наурыз (ауыстыру)" >/dev/null ||
    bail_out "setup: holiday add"
send "$G" 610000000 "$T/g1.kzb" "$R"
like "$(out)" "*added: 1,*" "the Government's holiday comes down to the region"
send "$R" 613600000 "$T/r2.kzb" "$D"
send "$D" 613633000 "$T/d2.kzb" "$O"
like "$(out)" "*from unit 613600000: added: 2, changed: 1,*" \
    "the district relays the region's issue (made, then changed) and the holiday to the okrug"
is "$(lines issue "$I" "$O")" "$(lines issue "$I" "$R")" \
    "the okrug holds the region's decision as the region does"
kz --db "$O" holiday list --year 2027
like "$(out)" "*2027-03-23*" "and the holiday"
is "$("$KZ" --db "$O" dump | grep -c "^visit $(printf %s "$VD" | tr -d -) ")" 0 \
    "but not the district's meeting in another okrug (out of its scope)"

# ---- receipts ------------------------------------------------------------------------------
# The okrug's last bundle from the district acknowledged o1: nothing of it goes again. What
# the district sent down (the region's issue) the district never acknowledged from the okrug:
# a peer holds what it acknowledged from us (docs/architecture.md, "What a peer holds"), so it
# goes up once, and the district skips it by its log.
kz --db "$O" export --to up -o "$T/o2.kzb"
is "$(out)" "$T/o2.kzb: for unit 613600000: changes: 2, bytes: $(wc -c <"$T/o2.kzb" | tr -d ' ')" \
    "after the district's receipt, nothing of o1 goes up again; the region's issue goes back once"
kz --db "$D" import "$T/o2.kzb"
like "$(out)" "*added: 0, changed: 0, skipped (already here): 2,*" \
    "  ... which the district skips"
send "$D" 613633000 "$T/d2b.kzb" "$O"
kz --db "$O" export --to up -o "$T/o2b.kzb"
like "$(out)" "*changes: 0,*" "once the district's receipt covers it, nothing goes up again"
"$KZ" --db "$O" question add --visit "$VO" "Жол жөндеу" >/dev/null
kz --db "$O" export --to up -o "$T/o3a.kzb"
like "$(out)" "*changes: 1,*" "a new question: one change"
"$KZ" --db "$O" question add --visit "$VO" "Мектеп" >/dev/null
kz --db "$O" export --to up -o "$T/o3b.kzb"
like "$(out)" "*changes: 2,*" \
    "not heard back: the next bundle carries the unacknowledged change again, and the new one"
kz --db "$D" import "$T/o3b.kzb"
like "$(out)" "*added: 2,*" "the district imports the later bundle: both"
"$KZ" --db "$D" dump >"$T/dump.before"
kz --db "$D" import "$T/o3a.kzb"
is "$(out)" "$T/o3a.kzb: from unit 613633000: added: 0, changed: 0, skipped (already here): 1, conflicts held: 0, clock ahead: 0" \
    "the earlier one, arriving late, is read (another bundle) and its change skipped"
check "  ... the store unchanged" sh -c "'$KZ' --db '$D' dump | cmp -s - '$T/dump.before'"
kz --db "$D" import "$T/o3a.kzb"
is "$(out)" "$T/o3a.kzb: from unit 613633000: already here, nothing changed (changes: 1)" \
    "the same bundle again: already here, by its hash"
send "$D" 613633000 "$T/d3.kzb" "$O"
kz --db "$O" export --to up -o "$T/o4.kzb"
like "$(out)" "*changes: 0,*" "the district's receipt came back: nothing is re-sent"
"$KZ" --db "$O" question add --visit "$VO" "Аурухана" >/dev/null
kz --db "$O" export --to up -o "$T/o5.kzb"
like "$(out)" "*changes: 1,*" "the next bundle holds only the new change"
kz --db "$O" sync status --format tsv
like "$(out)" "613600000${tab:=	}up	[1-9]*	[1-9]*	1	*" \
    "sync status: last sent, last received and the one change waiting"
kz --db "$D" import "$T/o5.kzb"

# ---- personal data on request ----------------------------------------------------------------
Q2=$("$KZ" --db "$O" question add --visit "$VO" --name "Айгүл" --contact "+77020000000" "Жарық")
kz --db "$O" export --to up --include-personal -o "$T/o6.kzb"
like "$(out)" "*changes: 2,*" \
    "--include-personal: the new change as it is (and o5's again: not acknowledged yet)"
check "with nothing kept back" sh -c "! grep -q 'personal data' '$T/out'"
kz --db "$D" import "$T/o6.kzb"
kz --db "$D" question show "$Q2" --format json
like "$(out)" '*"asker_name":"Айгүл"*' "the district gets the asker's name"

# ---- a conflict and its resolution, which syncs -----------------------------------------------
send "$O" up "$T/o7.kzb" "$D"
send "$D" 613633000 "$T/d5.kzb" "$O"
"$KZ" --db "$O" issue set "$I" --executor "Ауыл әкімі" >/dev/null
"$KZ" --db "$D" issue set "$I" --executor "Аудан ТКШ бөлімі" >/dev/null
send "$O" up "$T/o8.kzb" "$D"
like "$(out)" "*changed: 1, skipped (already here): 0, conflicts held: 1,*" \
    "the okrug and the district changed one field at once: a conflict held"
send "$D" 613633000 "$T/d6.kzb" "$O"
"$KZ" --db "$D" conflicts >"$T/c.d"
"$KZ" --db "$O" conflicts >"$T/c.o"
is "$(nlines "$T/c.d")" 1 "the district lists it"
is "$(cat "$T/c.o")" "$(cat "$T/c.d")" "the okrug lists the same"
CID=$(cut -f 8 "$T/c.d")
is_uuid "$CID" && ok "its id is the last column" || not_ok "its id is the last column"
# executor DB: the issue's executor there.
executor() {
	"$KZ" --db "$1" issue show "$I" --format json | "$PY" -c 'import json,sys; d=json.load(sys.stdin); d=d[0] if isinstance(d, list) else d; print(d["executor"])'
}
winner=$(executor "$D")
case $winner in
"Ауыл әкімі") loser="Аудан ТКШ бөлімі" ;;
*) loser="Ауыл әкімі" ;;
esac
is "$(executor "$O")" "$winner" "both hold the same winner meanwhile"
kz --db "$D" conflicts resolve "$CID" --keep theirs
rc_is 0 "conflicts resolve ID --keep theirs"
is "$(out)" "conflict $CID resolved" "it says so"
kz --db "$D" conflicts
is "$(nlines "$T/out")" 0 "resolved: no longer listed"
kz --db "$D" conflicts resolve "$CID" --keep mine
fails 1 "already resolved (theirs)" "resolving it again is refused"
send "$D" 613633000 "$T/d7.kzb" "$O"
like "$(out)" "*changed: 2,*" "the resolution travels down: the value chosen and the mark"
is "$(lines issue "$I" "$O")" "$(lines issue "$I" "$D")" "both hold the value chosen, stamps and all"
is "$(executor "$O")" "$loser" "  ... the executor is the value that had lost"
kz --db "$O" conflicts
is "$(nlines "$T/out")" 0 "the okrug lists nothing either"
kz --db "$D" conflicts resolve 01a23332-8c33-76b6-99bd-a7e923463623 --keep mine
fails 1 "not found" "an unknown conflict id"
kz --db "$D" conflicts resolve "$CID"
rc_is 2 "resolve without --keep is bad usage"
# A second conflict, settled with the value the district holds, relayed up and down.
"$KZ" --db "$O" issue set "$I" --deadline 2027-04-01 >/dev/null
"$KZ" --db "$D" issue set "$I" --deadline 2027-05-01 >/dev/null
send "$O" up "$T/o9.kzb" "$D"
CID2=$("$KZ" --db "$D" conflicts | cut -f 8)
is_uuid "$CID2" || bail_out "setup: a second conflict"
kz --db "$D" conflicts resolve "$CID2" --keep mine
rc_is 0 "conflicts resolve ID --keep mine"
is "$("$KZ" --db "$D" issue show "$I" --format json | "$PY" -c 'import json,sys; d=json.load(sys.stdin); d=d[0] if isinstance(d, list) else d; print(d["deadline"])')" \
    2027-05-01 "  ... keeps the value held"
send "$D" up "$T/d8.kzb" "$R"
kz --db "$R" conflicts
is "$(out)" "" "the region, getting both conflicts and their marks, lists nothing"
send "$D" 613633000 "$T/d9.kzb" "$O"
kz --db "$O" conflicts
is "$(out)" "" "nor does the okrug"
is "$(lines issue "$I" "$O")" "$(lines issue "$I" "$R")" "the okrug and the region hold the same issue"

# ---- a lost laptop rebuilt with --full --------------------------------------------------------
# Two rounds, so that the district holds what the others noticed importing its changes.
for round in 1 2; do
	send "$O" up "$T/o-r$round.kzb" "$D"
	send "$D" up "$T/d-r$round.kzb" "$R"
	send "$R" 613600000 "$T/r-old.kzb" "$D"	# the last made for the old laptop, kept
	send "$D" 613633000 "$T/d-o$round.kzb" "$O"
done
send "$D" up "$T/d4.kzb" "$R"
held "$D" >"$T/d.held"
D2=$T/district2
kz --db "$D2" init --unit 613600000
kz --db "$D2" units import "$SAMPLE" --edition 2026-07-17
kz --db "$D2" identity export -o "$D2.id"
[ "$rc" -eq 0 ] || bail_out "setup: the new laptop"
kz --db "$R" import "$T/d4.kzb"	# already here: nothing changes
kz --db "$R" peer add "$D2.id" --yes
fails 1 "key changed: remove the peer and add it again" \
    "the region refuses the new laptop's identity until the old one is removed"
"$KZ" --db "$R" peer remove 613600000 >/dev/null && trust "$R" "$D2"
"$KZ" --db "$O" peer remove 613600000 >/dev/null && trust "$O" "$D2"
trust "$D2" "$O"; trust "$D2" "$R"
# The okrug's first: a change already here is skipped whole, so the names it carries must
# come with its first arrival (the region never had them).
kz --db "$O" export --to up --full --include-personal -o "$T/o-full.kzb"
rc_is 0 "export --full --include-personal from the okrug"
kz --db "$D2" import "$T/o-full.kzb"
rc_is 0 "imported by the new laptop"
kz --db "$R" export --to 613600000 --full -o "$T/r-full.kzb"
rc_is 0 "export --full from the region"
kz --db "$D2" import "$T/r-full.kzb"
like "$(out)" "*skipped (already here): [1-9]*" \
    "imported too: the okrug's changes it relays are already here"
held "$D2" >"$T/d2.held"
if cmp -s "$T/d.held" "$T/d2.held"; then
	ok "the rebuilt laptop's dump equals the lost one's (units and names aside)"
else
	not_ok "the rebuilt laptop's dump equals the lost one's (units and names aside)"
	diff "$T/d.held" "$T/d2.held" | head -10 | sed 's/^/#   /'
fi
kz --db "$D2" question show "$Q2" --format json
like "$(out)" '*"asker_name":"Айгүл"*' "the okrug's names came back with --include-personal"

# ---- bad bundles: one line each, the store and its exchange state unchanged ---------------------
"$KZ" --db "$O" question add --visit "$VO" "Газ" >/dev/null
kz --db "$O" export --to up -o "$T/good.kzb"
[ "$rc" -eq 0 ] || bail_out "setup: a good bundle"
"$KZ" --db "$D2" dump >"$T/dump.before"
status "$D2" >"$T/status.before"
# refused STATUS PATTERN FILE NAME: importing FILE into D2 fails with STATUS and one line,
# and D2's dump and exchange state stay as they were.
refused() {
	kz --db "$D2" import "$3"
	fails "$1" "$2" "$4"
	"$KZ" --db "$D2" dump >"$T/dump.now"
	status "$D2" >"$T/status.now"
	check "  ... the store unchanged" cmp -s "$T/dump.before" "$T/dump.now"
	check "  ... its exchange state unchanged" cmp -s "$T/status.before" "$T/status.now"
}
size=$(wc -c <"$T/good.kzb" | tr -d ' ')
head -c $((size - 10)) "$T/good.kzb" >"$T/cut.kzb"
refused 4 "cut.kzb: truncated" "$T/cut.kzb" "truncated: exit 4"
cp "$T/good.kzb" "$T/flip.kzb"
printf '\377' | dd of="$T/flip.kzb" bs=1 seek=$((size - 100)) conv=notrunc 2>/dev/null
refused 5 "flip.kzb: corrupted" "$T/flip.kzb" "corrupted (a byte of the body): exit 5"
cp "$T/good.kzb" "$T/nosig.kzb"
dd if=/dev/zero of="$T/nosig.kzb" bs=1 seek=$((size - 64)) count=64 conv=notrunc 2>/dev/null
refused 6 "nosig.kzb: bad signature" "$T/nosig.kzb" "unsigned (the signature zeroed): exit 6"
kz --db "$T/x" init --unit 613630000
kz --db "$T/x" identity export -o "$T/x.id"
# Re-signed by another key, the header still naming the okrug's key: a bad signature.
$KZB resign "$T/good.kzb" "$T/resigned.kzb" "$T/x/node.key" "body=$T/o5.kzb" ||
    bail_out "kzb.py resign"
refused 6 "resigned.kzb: bad signature" "$T/resigned.kzb" \
    "tampered (other changes, re-signed by another key): exit 6"
# ... or naming the other key: not the key trusted for the okrug.
$KZB resign "$T/good.kzb" "$T/rekeyed.kzb" "$T/x/node.key" "5=@$T/x/node.key"
refused 11 "rekeyed.kzb: untrusted: peer * (unit 613633000) signs with another key now" \
    "$T/rekeyed.kzb" "tampered with the header's key replaced: exit 11, key changed"
kz --db "$T/x" peer add "$D2.id" --yes
kz --db "$T/x" export --to up -o "$T/x.kzb"
refused 11 "x.kzb: untrusted: node * (unit 613630000) is not a peer of this office" \
    "$T/x.kzb" "from an office that is not a peer: exit 11"
kz --db "$T/o-new" init --unit 613633000
kz --db "$T/o-new" identity export -o "$T/o-new.id"
kz --db "$T/o-new" peer add "$D2.id" --yes
kz --db "$T/o-new" export --to up -o "$T/o-new.kzb"
refused 11 "untrusted: unit 613633000's peer is another node and key" "$T/o-new.kzb" \
    "from a peer whose key changed (the okrug's laptop set up again): exit 11"
refused 7 "bundle format 2.0 is newer" "$CORPUS/major-2.kzb" "an unknown version: exit 7"
refused 12 "r-old.kzb: addressed to node * of unit 613600000, not to this office's node" \
    "$T/r-old.kzb" "made for the lost laptop (another node of this unit): exit 12"
kz --db "$T/beside" init --unit 613800000
kz --db "$T/beside" identity export -o "$T/beside.id"
trust "$R" "$T/beside"
kz --db "$R" export --to 613800000 -o "$T/r-beside.kzb"
refused 12 "r-beside.kzb: addressed to unit 613800000, not to this office (613600000)" \
    "$T/r-beside.kzb" "replayed from another office (the region's bundle for another district): exit 12"
$KZB resign "$T/good.kzb" "$T/bomb.kzb" "$O/node.key" "body=$CORPUS/zip-bomb-inflates.kzb"
refused 9 "bomb.kzb: refused as a zip bomb: it unpacks beyond" "$T/bomb.kzb" \
    "a zip bomb signed by the trusted okrug (inflating beyond what it declares): exit 9"
$KZB resign "$T/good.kzb" "$T/bomb2.kzb" "$O/node.key" "body=$CORPUS/zip-bomb-declared.kzb"
refused 9 "bomb2.kzb: refused as a zip bomb" "$T/bomb2.kzb" \
    "a zip bomb declaring a terabyte: exit 9"
# An older bundle from the region, replayed: nothing to do, the receipts not moved back.
send "$R" 613600000 "$T/r3.kzb" "$D2"
status "$D2" >"$T/status.before"
"$KZ" --db "$D2" dump >"$T/dump.before"
kz --db "$D2" import "$T/r-full.kzb"
is "$(out)" "$T/r-full.kzb: from unit 610000000: already here, nothing changed (changes: $("$KZ" bundle show "$T/r-full.kzb" | head -n 1 | "$PY" -c 'import json,sys; print(json.load(sys.stdin)["changes"])'))" \
    "an older bundle from a peer replayed: a no-op"
check "  ... the store unchanged" sh -c "'$KZ' --db '$D2' dump | cmp -s - '$T/dump.before'"
is "$(status "$D2")" "$(cat "$T/status.before")" "  ... the receipts not moved back"

kz --db "$D2" import "$T/cut.kzb" "$T/good.kzb"
is "$rc" 4 "several files: the first refusal's status"
is "$(nlines "$T/err")" 1 "one line for the bad file"
like "$(out)" "$T/good.kzb: from unit 613633000: added: 1,*" "and the good one applied"

# ---- one origin's changes by two paths: nothing lost (issue 10) ------------------------------
# A district that also exchanges with the Government directly relays the Government's issue
# about its okrug up to the region before the Government's holiday (a change the region
# should hold, with a lower sequence) reaches the region. The region's version vector then
# covers the holiday; export counting that vector as held never sent it. A peer holds what
# it acknowledged from us (docs/architecture.md, "What a peer holds").
for s in "$T/sc-d:613600000" "$T/sc-r:610000000" "$T/sc-g:000000000"; do
	kz --db "${s%%:*}" init --unit "${s#*:}"
	kz --db "${s%%:*}" units import "$SAMPLE" --edition 2026-07-17
	kz --db "${s%%:*}" identity export -o "${s%%:*}.id"
	[ "$rc" -eq 0 ] || bail_out "setup: the two-path offices: ${s#*:}"
done
for p in "d r" "r d" "r g" "g r" "d g" "g d"; do
	trust "$T/sc-${p% *}" "$T/sc-${p#* }"
done
"$KZ" --db "$T/sc-g" holiday add 2027-06-14 --off --name "Демалыс күні" >/dev/null &&
    "$KZ" --db "$T/sc-g" issue add --title "Су" --unit 613633000 --level central >/dev/null ||
    bail_out "setup: the Government's holiday and issue"
send "$T/sc-g" 613600000 "$T/sc-g1.kzb" "$T/sc-d"
send "$T/sc-d" 610000000 "$T/sc-d1.kzb" "$T/sc-r"
like "$(out)" "*added: 1,*" "the district relays the Government's issue about its okrug to the region"
send "$T/sc-r" up "$T/sc-r1.kzb" "$T/sc-g"
send "$T/sc-g" 610000000 "$T/sc-g2.kzb" "$T/sc-r"
like "$(out)" "*added: 1, changed: 0, skipped (already here): 1,*" \
    "the Government's holiday still reaches the region (the issue, not acknowledged from here, skipped)"
kz --db "$T/sc-r" holiday list --year 2027
like "$(out)" "*2027-06-14*Демалыс күні*" "  ... and the region holds it"
kz --db "$T/sc-g" export --to 610000000 --full -o "$T/sc-g3.kzb"
kz --db "$T/sc-r" import "$T/sc-g3.kzb"
like "$(out)" "*added: 0, changed: 0, skipped (already here): [1-9]*" \
    "a --full bundle is read and applied, not taken for one applied before"

# ---- a stale acknowledgement after a late arrival: nothing lost (issue 10) -------------------
# The region sends the district the Government's issue (relayed up to it by the district,
# from an okrug that also exchanges with the Government directly); the Government's
# holiday, a lower sequence, then reaches the region late; the district's next bundle
# acknowledges the region's earlier bundle, the issue's sequence. Taken as it came, that
# acknowledgement covered the holiday, which then never went down to the district. The
# region keeps it capped until the district answers a bundle made after the holiday arrived
# (docs/architecture.md, "What a peer holds").
for s in "$T/sa-k:613633000" "$T/sa-d:613600000" "$T/sa-r:610000000" "$T/sa-g:000000000"; do
	kz --db "${s%%:*}" init --unit "${s#*:}"
	kz --db "${s%%:*}" units import "$SAMPLE" --edition 2026-07-17
	kz --db "${s%%:*}" identity export -o "${s%%:*}.id"
	[ "$rc" -eq 0 ] || bail_out "setup: the late-arrival offices: ${s#*:}"
done
for p in "k d" "d k" "d r" "r d" "r g" "g r" "g k" "k g"; do
	trust "$T/sa-${p% *}" "$T/sa-${p#* }"
done
"$KZ" --db "$T/sa-g" holiday add 2027-06-14 --off --name "Демалыс күні" >/dev/null &&
    "$KZ" --db "$T/sa-g" issue add --title "Су" --unit 613633000 --level central >/dev/null ||
    bail_out "setup: the Government's holiday and issue"
send "$T/sa-g" 613633000 "$T/sa-g1.kzb" "$T/sa-k"
send "$T/sa-k" 613600000 "$T/sa-k1.kzb" "$T/sa-d"
send "$T/sa-d" 610000000 "$T/sa-d1.kzb" "$T/sa-r"
send "$T/sa-r" 613600000 "$T/sa-r1.kzb" "$T/sa-d"
like "$(out)" "*added: 0, changed: 0, skipped (already here): 1,*" \
    "the region's first bundle to the district: the Government's issue back, without the holiday"
send "$T/sa-g" 610000000 "$T/sa-g2.kzb" "$T/sa-r"
like "$(out)" "*added: 1, changed: 0, skipped (already here): 1,*" \
    "the Government's holiday reaches the region, after the issue of a higher sequence"
send "$T/sa-d" 610000000 "$T/sa-d2.kzb" "$T/sa-r"
send "$T/sa-r" 613600000 "$T/sa-r2.kzb" "$T/sa-d"
like "$(out)" "*added: 1,*" \
    "the district's acknowledgement of the earlier bundle does not cover the holiday: it goes down"
kz --db "$T/sa-d" holiday list --year 2027
like "$(out)" "*2027-06-14*Демалыс күні*" "  ... and the district holds it"
"$KZ" --db "$T/sa-r" bundle show "$T/sa-d2.kzb" | head -1 >"$T/out"
like "$(out)" "*\"answers\":\"$("$KZ" --db "$T/sa-r" bundle show "$T/sa-r1.kzb" | head -1 |
    sed 's/.*"hash":"\([0-9a-f]*\)".*/\1/')\"*" \
    "the district's bundle names the region's bundle its acknowledgements answer"
send "$T/sa-d" 610000000 "$T/sa-d3.kzb" "$T/sa-r"
kz --db "$T/sa-r" export --to 613600000 -o "$T/sa-r3.kzb"
like "$(out)" "*changes: 0,*" "once it answers the later bundle, nothing is re-sent"

# ---- a bundle larger than the store's map: grown in the middle of the import -----------------
# A fresh store's map is 1 MiB; the import's transaction runs again from the start after
# each growth, the bundle read (and verified) again: all of it lands once.
O3=$T/okrug3; D3=$T/district3
kz --db "$O3" init --unit 613630000
kz --db "$O3" units import "$SAMPLE" --edition 2026-07-17
kz --db "$D3" init --unit 613600000
kz --db "$O3" identity export -o "$O3.id"
kz --db "$D3" identity export -o "$D3.id"
trust "$O3" "$D3"; trust "$D3" "$O3"
V3=$("$KZ" --db "$O3" visit add --akim 613630000 --target 613630100 --date 2026-12-22)
"$PY" -c 'for i in range(1500): print("Сұрақ %d: " % i + "жол жөндеу, су, жарық " * 40)' |
    "$KZ" --db "$O3" question add --visit "$V3" - >/dev/null || bail_out "setup: 1500 questions"
kz --db "$O3" export --to up -o "$T/big.kzb"
like "$(out)" "*changes: 1501,*" "a bundle of 1501 changes"
kz --db "$D3" import "$T/big.kzb"
is "$(out)" "$T/big.kzb: from unit 613630000: added: 1501, changed: 0, skipped (already here): 0, conflicts held: 0, clock ahead: 0" \
    "imported into a fresh store, each change once"
check "  ... whose data file outgrew the first map (1 MiB) meanwhile" \
    test "$(wc -c <"$D3/data.mdb")" -gt 1048576
is "$(held "$D3")" "$(held "$O3")" "  ... holding what the okrug holds"

# ---- usage ---------------------------------------------------------------------------------
kz --db "$D2" export
rc_is 2 "export without --to is bad usage"
kz --db "$D2" export --to 613630000
fails 1 "no peer 613630000" "export to a unit that is not a peer"
kz --db "$G" export --to up
fails 1 "no peer above this office" "export up without a peer above (the Government)"
kz --db "$R" peer add "$T/beside.id" --yes
kz --db "$T/beside" peer add "$R.id" --yes
kz --db "$T/beside" peer add "$G.id" --yes
kz --db "$T/beside" export --to up
fails 1 "several peers above this office: name one (000000000, 610000000)" \
    "export up with two peers above: refused, naming them"
kz --db "$T/beside" export --to 000000000 -o "$T/b.kzb"
rc_is 0 "  ... naming one works"
kz --db "$D2" import
rc_is 2 "import without a file is bad usage"
kz --db "$D2" import "$T/none.kzb"
fails 1 "none.kzb: cannot open" "a missing file: exit 1"
(cd "$T" && "$KZ" --db "$O" export --to up >"$T/out" 2>"$T/err")
like "$(out)" "613633000-to-613600000-????????-??????.kzb: for unit 613600000: changes: *" \
    "without -o: FROM-to-TO-DATE-TIME.kzb in the current directory"
check "  ... which is there" sh -c "ls '$T'/613633000-to-613600000-*.kzb >/dev/null"

done_testing
