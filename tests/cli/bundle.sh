#!/bin/sh
# kezdesu bundle write-all|show|verify (docs/bundle-format.md): a store's whole log as one
# signed bundle, shown as JSON lines with its values decoded, verified with the key in its
# header or a key given; every bad bundle refused with one line and its own exit status
# (docs/kezdesu.1, "bundle verify"). The bundles a store cannot make (a newer major version,
# an unknown required feature, zip bombs) are the fuzz target's seeds, signed by a fixed key.
. "$(dirname "$0")/lib/lib.sh"

CORPUS=$top/tests/fuzz/corpus/bundle
D=$T/store
make_store "$D"
V=$("$KZ" --db "$D" visit add --akim $DISTRICT --target 613633000 --date 2026-12-08 --time 10:00)
kz --db "$D" question add --visit "$V" --asker citizen --name "Иванов И." "Ауыз су қашан келеді?"
rc_is 0 "a question with the asker's name"
I=$("$KZ" --db "$D" issue add --title "Ағыбет: ауыз су" --unit 613633000)
kz --db "$D" issue set "$I" --step "Жоба" --status in-work
rc_is 0 "an issue with a plan step"
snapshot "$D" "$T/before"

kz --db "$D" bundle write-all -o "$T/all.kzb" --to 610000000
rc_is 0 "bundle write-all exits 0"
like "$(err)" "changes written: [1-9]*" "it says how many changes it wrote"
check "the bundle is there, and no .part file beside it" \
    sh -c "[ -s '$T/all.kzb' ] && [ ! -e '$T/all.kzb.part' ]"
unchanged "$D" "$T/before" "writing a bundle changes nothing in the store"

kz bundle verify "$T/all.kzb"
rc_is 0 "bundle verify of a whole bundle exits 0 (no store needed)"
like "$(out)" "$T/all.kzb: ok: changes: [1-9]*, from *-*-*-*-* (unit $DISTRICT); signed with the key in its header*" \
    "verify names the count, the origin and which key it checked with"

kz bundle show "$T/all.kzb"
rc_is 0 "bundle show exits 0"
cp "$T/out" "$T/show"
check "every line of show is JSON" "$PY" -c '
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    json.loads(line)
' "$T/show"
head -n 1 "$T/show" >"$T/header.json"
n=$("$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))["changes"])' "$T/header.json")
is "$(($(nlines "$T/show") - 1))" "$n" "one line per change after the header, as many as it declares"
is "$("$PY" -c 'import json,sys; h=json.load(open(sys.argv[1])); print(h["format"], h["origin_unit"], h["destination_unit"], h["version_vector"][0]["seq"])' "$T/header.json")" \
    "1.0 $DISTRICT 610000000 $n" "the header: format, origin unit, destination, version vector"
check "the question's text is shown decoded, in its field" \
    grep -q '"field":"text","value":"Ауыз су қашан келеді?"' "$T/show"
check "a plan step is shown as a set element's field" \
    grep -q '"field":"steps","element":"[0-9a-f]*","element_field":"text","value":"Жоба"' "$T/show"
check "every value also as hex" grep -q '"hex":"[0-9a-f]*"' "$T/show"

# The key: the one in the header, and one known otherwise.
KEY=$("$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))["origin_key"])' "$T/header.json")
kz bundle verify "$T/all.kzb" --key "$KEY"
rc_is 0 "verify --key with the origin's key"
like "$(out)" "*signed with the key given" "it says the key given was used"
kz bundle verify "$T/all.kzb" --key 0000000000000000000000000000000000000000000000000000000000000000
fails 11 "all.kzb: signed by another key than the one given" \
    "another key: exit 11, one line"
kz bundle verify "$T/all.kzb" --key abc
fails 2 "--key takes the public key as 64 hex digits" "a key that is not 64 hex digits is bad usage"
kz bundle show "$T/all.kzb" --key 0000000000000000000000000000000000000000000000000000000000000000
fails 11 "signed by another key" "show checks the key given too, and prints nothing"

# bad_copy NAME OFFSET BYTE: all.kzb with one byte replaced (BYTE in octal).
bad_copy() {
	cp "$T/all.kzb" "$T/$1"
	printf "\\$3" | dd of="$T/$1" bs=1 seek="$2" conv=notrunc 2>/dev/null
}
size=$(wc -c <"$T/all.kzb" | tr -d ' ')

head -c $((size - 10)) "$T/all.kzb" >"$T/cut.kzb"
kz bundle verify "$T/cut.kzb"
fails 4 "cut.kzb: truncated" "truncated: exit 4"
head -c 5 "$T/all.kzb" >"$T/cut5.kzb"
kz bundle verify "$T/cut5.kzb"
fails 4 "truncated" "cut inside the magic: still truncated, not 'not a bundle'"
bad_copy body.kzb $((size - 100)) 377
kz bundle verify "$T/body.kzb"
fails 5 "body.kzb: corrupted: its hash does not match" "a byte of the body changed: exit 5"
bad_copy sig.kzb $((size - 1)) 000
cmp -s "$T/sig.kzb" "$T/all.kzb" && bad_copy sig.kzb $((size - 1)) 001
kz bundle verify "$T/sig.kzb"
fails 6 "sig.kzb: bad signature" "a byte of the signature changed: exit 6"
printf 'code,name\n' >"$T/text.kzb"
kz bundle verify "$T/text.kzb"
fails 3 "not a kezdesu bundle" "a text file: exit 3"
kz bundle verify "$CORPUS/major-2.kzb"
fails 7 "bundle format 2.0 is newer than this program reads" "a newer major version: exit 7"
kz bundle verify "$CORPUS/required-feature.kzb"
fails 8 "requires the feature 'time-travel'" "an unknown required feature: exit 8, named"
kz bundle verify "$CORPUS/optional-feature.kzb"
rc_is 0 "an unknown optional feature is skipped"
kz bundle verify "$CORPUS/zip-bomb-declared.kzb"
fails 9 "zip bomb" "a tiny file declaring a terabyte: exit 9"
kz bundle verify "$CORPUS/zip-bomb-inflates.kzb"
fails 9 "zip bomb: it unpacks beyond" "a file inflating beyond what it declares: exit 9"
kz bundle show "$CORPUS/zip-bomb-inflates.kzb"
is "$rc" 9 "show refuses it with the same status"
# A header of 4 MiB + 1: the preamble alone (magic, 1.0, header length, body length).
printf '\211KZB\r\n\032\n\000\001\000\000\000\100\000\001\000\000\000\000\000\000\000\000' \
    >"$T/big.kzb"
kz bundle verify "$T/big.kzb"
fails 10 "header of 4194305 bytes is larger" "an oversize header: exit 10"
kz bundle verify "$T/none.kzb"
fails 1 "none.kzb: cannot open" "a missing file: exit 1"
kz bundle verify
rc_is 2 "verify without a file is bad usage"
kz bundle
rc_is 2 "bundle without a subcommand is bad usage"

# Nothing of it touched the store.
unchanged "$D" "$T/before" "no bundle command changed the store"
kz --db "$D" bundle write-all --to 61
rc_is 2 "write-all without -o, or with a bad --to, is bad usage"
"$KZ" --db "$D" bundle write-all -o - 2>/dev/null >"$T/stdout.kzb"
kz bundle verify "$T/stdout.kzb"
rc_is 0 "write-all -o - writes the bundle to stdout, whole"
done_testing
