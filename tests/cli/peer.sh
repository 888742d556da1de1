#!/bin/sh
# Identity files and trusted peers (issue 10, "Identity and peers"): identity export, its
# fingerprint recomputed here from docs' definition, peer add (--yes, on a terminal, and
# refused without one), list and remove; refusals (a unit beside, this office itself, a
# changed key, broken identity files named FILE:LINE) leave the peers as they were; peers
# never reach the change log; sync status counts what waits to go up and down by scope.
. "$(dirname "$0")/lib/lib.sh"

tab=$(printf '\t')
D=$T/district	# 613600000 Бәйдібек ауданы, the sample district imported
O=$T/okrug	# 613633000 Ағыбет а.о., below it
R=$T/region	# 610000000 Түркістан облысы, above it
G=$T/gov	# 000000000 the Government, above everything
X=$T/beside	# 613800000, another district of the region: beside
make_store "$D"
for s in "$O:613633000" "$R:610000000" "$G:000000000" "$X:613800000"; do
	kz --db "${s%%:*}" init --unit "${s#*:}"
	[ "$rc" -eq 0 ] || bail_out "setup: init ${s#*:}"
done

# ---- identity export ---------------------------------------------------------------------
kz --db "$D" identity export -o "$T/d.id"
rc_is 0 "identity export -o FILE"
fp=$(sed -n 's/^fingerprint //p' "$T/d.id")
is "$(cat "$T/out")" "identity of unit 613600000 written to $T/d.id
fingerprint: $fp" "it says where it wrote and the fingerprint to read aloud"
is "$(head -n 1 "$T/d.id")" "kezdesu-identity 1" "the file starts with its format and version"
like "$(sed -n 2p "$T/d.id")" "node [0-9a-f]*-*-*-*-*" "then the node's UUID"
is "$(sed -n 3,5p "$T/d.id")" "unit 613600000
name-kk Бәйдібек ауданы
name-ru район Байдибека" "the unit, with its names from the store's classifier"
like "$(sed -n 6p "$T/d.id")" "key ed25519 ????????????????????????????????????????????????????????????????" \
    "the Ed25519 public key as 64 hex digits"
check "the fingerprint is five groups of five digits" \
    sh -c "printf '%s\n' '$fp' | grep -Eqx '[0-9]{5}( [0-9]{5}){4}'"

# The fingerprint from its definition in core/identity.h, by another implementation:
# BLAKE2b-256 of "kezdesu-identity-1", node (16 bytes), unit (9 digits), key (32 bytes);
# each group five bytes big-endian modulo 100000.
cat >"$T/fp.py" <<'PY'
import hashlib, sys, uuid
f = {}
for line in open(sys.argv[1], encoding="utf-8").read().splitlines()[1:]:
    if line and not line.startswith("#"):
        k, v = line.split(" ", 1)
        f[k] = v
key = bytes.fromhex(f["key"].split(" ", 1)[1])
d = hashlib.blake2b(b"kezdesu-identity-1" + uuid.UUID(f["node"]).bytes +
                    f["unit"].encode() + key, digest_size=32).digest()
print(" ".join("%05d" % (int.from_bytes(d[g * 5:g * 5 + 5], "big") % 100000) for g in range(5)))
PY
is "$("$PY" "$T/fp.py" "$T/d.id")" "$fp" "the fingerprint is what docs define (recomputed in python)"

kz --db "$D" identity export
is "$(cat "$T/out")" "$(cat "$T/d.id")" "without -o the same text goes to standard output"
for s in O R G X; do
	eval "kz --db \"\$$s\" identity export -o \"\$T/$s.id\""
	[ "$rc" -eq 0 ] || bail_out "setup: identity export of $s"
done
is "$(sed -n 3p "$T/G.id"; grep -c '^name-' "$T/O.id")" "unit 000000000
0" "the Government's file names it; a store without a classifier gives no names"

# ---- peer add ------------------------------------------------------------------------------
dump_before=$(
	"$KZ" --db "$D" dump
)
kz --db "$D" peer add "$T/O.id" --yes
rc_is 0 "peer add FILE --yes: a unit below"
is "$(tail -n 1 "$T/out")" "peer added: unit 613633000, below this office" "it says added, below"
like "$(head -n 1 "$T/out")" "unit:*613633000 Ағыбет а.о. (below this office)" \
    "it shows the unit with the name this store knows"
is "$(sed -n 's/^fingerprint: *//p' "$T/out")" "$(sed -n 's/^fingerprint //p' "$T/O.id")" \
    "and the fingerprint of the file"
kz --db "$D" peer add "$T/R.id" --yes
rc_is 0 "peer add: the region above"
kz --db "$D" peer add "$T/G.id" --yes
rc_is 0 "peer add: the Government, above everything"
kz --db "$D" peer list
rc_is 0 "peer list"
onode=$(sed -n 's/^node //p' "$T/O.id")
rnode=$(sed -n 's/^node //p' "$T/R.id")
is "$(cut -f 1,2,3 "$T/out")" "000000000${tab}up${tab}$(sed -n 's/^node //p' "$T/G.id")
610000000${tab}up${tab}$rnode
613633000${tab}down${tab}$onode" "peer list: unit, up or down, node, in unit order"
is "$(grep 613633000 "$T/out" | cut -f 4,5)" \
    "$(sed -n 's/^fingerprint //p' "$T/O.id")${tab}Ағыбет а.о." "then fingerprint and name"
cp "$T/out" "$T/peers"

kz --db "$D" peer add "$T/O.id" --yes
rc_is 0 "the same node with the same key again"
is "$(cat "$T/out")" "unit 613633000 (node $onode) is a peer already, with this key: nothing changed" \
    "is a no-op that says so"
kz --db "$D" peer add "$T/O.id"
rc_is 0 "a known peer needs no confirmation either"

# Peers are local: no record changed, so no log entry (dump prints every record's stamps).
is "$("$KZ" --db "$D" dump)" "$dump_before" "peer add changed no record: the dump is the same"
kz --db "$O" peer add "$T/d.id" --yes
kz --db "$O" undo
like "$(cat "$T/err")" "kezdesu: undo: * has no change left to undo in this store" \
    "in a store with no changes of its own, undo finds none after peer add: no log entry"
is "$("$KZ" --db "$O" dump)" "" "and the okrug's dump is still empty"

# ---- refusals: the peers stay as they were -------------------------------------------------
peers_same() {
	"$KZ" --db "$D" peer list >"$T/peers.now" 2>&1
	if cmp -s "$T/peers" "$T/peers.now"; then
		ok "$1"
	else
		not_ok "$1"
		diff "$T/peers" "$T/peers.now" | sed 's/^/#   /'
	fi
}

kz --db "$D" peer add "$T/X.id" --yes
fails 1 "unit 613800000 is neither above nor below this office's unit 613600000 in the KATO tree" \
    "a district beside this one is refused"
peers_same "and nothing was added"
kz --db "$D" peer add "$T/d.id" --yes
fails 1 "is this office's own" "this office's own identity is refused"
D2=$T/district2
kz --db "$D2" init --unit 613600000
kz --db "$D2" identity export -o "$T/d2.id"
kz --db "$D" peer add "$T/d2.id" --yes
fails 1 "unit 613600000 is this office's own unit" "another store of this office's unit is refused"

# A reinstalled okrug laptop: a new node and key for a known unit.
O2=$T/okrug2
kz --db "$O2" init --unit 613633000
kz --db "$O2" identity export -o "$T/O2.id"
kz --db "$D" peer add "$T/O2.id" --yes
fails 1 "key changed: remove the peer and add it again" "a known unit with another node and key is refused"
peers_same "and the known peer is kept"
# The same node with another key (a forged or regenerated file): fingerprint made to match.
sed "s/^key .*/$(sed -n 's/^key //p' "$T/O2.id" | sed 's/^/key /')/" "$T/O.id" |
    grep -v '^fingerprint' >"$T/O3.id"
echo "fingerprint $("$PY" "$T/fp.py" "$T/O3.id")" >>"$T/O3.id"
kz --db "$D" peer add "$T/O3.id" --yes
fails 1 "key changed: remove the peer and add it again" "a known node with another key is refused"
peers_same "and nothing changed"

# Broken identity files: FILE:LINE and the reason.
broken() {	# NAME WANT: the file $T/NAME.bad is refused with WANT
	kz --db "$D" peer add "$T/$1.bad" --yes
	fails 1 "$T/$1.bad$2" "$3"
}
sed '1s/.*/kezdesu-identity 2/' "$T/O.id" >"$T/v2.bad"
broken v2 ":1: identity format 2 is not one this kezdesu reads (it reads 1)" "a newer format is refused, naming it"
sed '1s/.*/hello/' "$T/O.id" >"$T/magic.bad"
broken magic ":1: not a kezdesu identity file" "a file that is not an identity file, line 1"
sed 's/^node .*/node 12345/' "$T/O.id" >"$T/node.bad"
broken node ":2: node '12345' is not a UUID" "a bad node UUID, its line"
sed 's/^unit .*/unit 613633001/' "$T/O.id" >"$T/tampered.bad"
broken tampered ":5: the fingerprint does not match the node, unit and key" \
    "a changed unit no longer matches the fingerprint, named at the fingerprint's line"
sed 's/^key ed25519 ./key ed25519 x/' "$T/O.id" >"$T/hex.bad"
broken hex ":4: key: '" "a key that is not hex, its line"
grep -v '^key' "$T/O.id" >"$T/nokey.bad"
broken nokey ": no 'key' line" "a missing key"
{ cat "$T/O.id"; sed -n 2p "$T/O.id"; } >"$T/twice.bad"
broken twice ":6: a second 'node' line" "a field given twice"
head -c 70 "$T/O.id" >"$T/short.bad"
broken short ":3: unit '6136' is not a nine-digit KATO code" "a file cut short"
printf 'kezdesu-identity 1\nnode \377\n' >"$T/bin.bad"
broken bin ": byte 25 is not UTF-8" "bytes that are not UTF-8"
: >"$T/empty.bad"
broken empty ": empty: not an identity file" "an empty file"
kz --db "$D" peer add "$T/none.id" --yes
fails 1 "$T/none.id: No such file or directory" "a missing file"
peers_same "none of them changed the peers"
# CRLF line ends (a file sent by mail) and comments and unknown fields are read.
{ sed -n 1p "$T/O.id"; echo "# from the okrug"; echo "future-field whatever"; sed 1d "$T/O.id"; } |
    sed 's/$/\r/' >"$T/crlf.id"
kz --db "$D" peer add "$T/crlf.id" --yes
rc_is 0 "CRLF line ends, comments and a later version's field are read"

# ---- confirming -------------------------------------------------------------------------------
kz --db "$D" peer remove 613633000
rc_is 0 "peer remove UNIT"
is "$(cat "$T/out")" "peer removed: unit 613633000 (node $onode)" "says which"
kz_in /dev/null --db "$D" peer add "$T/O.id"
fails 2 "pass --yes" "without a terminal and without --yes: refused, saying to pass --yes"
check "and not added" sh -c "! '$KZ' --db '$D' peer list | grep -q 613633000"
if command -v script >/dev/null 2>&1; then
	printf 'n\n' | script -qec "'$KZ' --db '$D' peer add '$T/O.id'" /dev/null >"$T/tty" 2>&1
	like "$(cat "$T/tty")" "*fingerprint: *Does the other office read you the same fingerprint?*not confirmed: nothing changed*" \
	    "on a terminal it asks; n adds nothing"
	check "and not added" sh -c "! '$KZ' --db '$D' peer list | grep -q 613633000"
	printf 'y\n' | script -qec "'$KZ' --db '$D' peer add '$T/O.id'" /dev/null >"$T/tty" 2>&1
	like "$(cat "$T/tty")" "*peer added: unit 613633000, below this office*" "y adds it"
else
	kz --db "$D" peer add "$T/O.id" --yes
	ok "# SKIP no script(1) for a terminal"
fi
# A reinstalled laptop: remove the old peer by its node, add the new one.
kz --db "$D" peer remove "$onode"
rc_is 0 "peer remove NODE"
kz --db "$D" peer add "$T/O2.id" --yes
rc_is 0 "after the removal the okrug's new key is trusted"
kz --db "$D" peer remove 613633000
kz --db "$D" peer remove 613633000
fails 1 "no peer 613633000" "removing an unknown peer says so"
kz --db "$D" peer remove nonsense
fails 1 "'nonsense' is neither a unit's nine digits nor a node's UUID" "and a bad operand too"
kz --db "$D" peer add "$T/O.id" --yes

# ---- sync status -----------------------------------------------------------------------------
kz --db "$D" sync status
rc_is 0 "sync status"
is "$(sed -n 1,4p "$T/out")" "000000000 Қазақстан Республикасының Үкіметі (above this office)
  last sent:     never
  last received: never
  changes waiting to go: 0" "per peer: unit, name, direction, never exchanged, nothing waits (KATO units never go)"
# The district's meeting in the okrug's village, a question with the asker's name, an
# issue of the okrug, a meeting in another okrug, a day off.
V=$("$KZ" --db "$D" visit add --akim 613600000 --target 613633100 --date 2026-12-20)
"$KZ" --db "$D" question add --visit "$V" --name "Иван" "Су жоқ" >/dev/null
"$KZ" --db "$D" issue add --title "Жол" --unit 613633100 >/dev/null
"$KZ" --db "$D" visit add --akim 613600000 --target 613630100 --date 2026-12-21 >/dev/null
"$KZ" --db "$D" holiday add 2026-12-31 --off --name "x" >/dev/null
kz --db "$D" sync status --format tsv
is "$(cut -f 1-5 "$T/out")" "000000000${tab}up${tab}0${tab}0${tab}4
610000000${tab}up${tab}0${tab}0${tab}4
613633000${tab}down${tab}0${tab}0${tab}4" \
    "up: both meetings, the question and the issue; down: the okrug's meeting, its question, its issue, the day off"
kz --db "$O" sync status --format tsv
is "$(cut -f 1-5 "$T/out")" "613600000${tab}up${tab}0${tab}0${tab}0" "the okrug has nothing to send yet"
"$KZ" --db "$O" units import "$SAMPLE" >/dev/null
"$KZ" --db "$O" visit add --akim 613633000 --target 613633000 --date 2026-12-22 >/dev/null
kz --db "$O" sync status
is "$(sed -n 4p "$T/out")" "  changes waiting to go: 1" "its own meeting waits to go up"
done_testing
