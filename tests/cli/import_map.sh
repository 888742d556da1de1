#!/bin/sh
# kezdesu import of a bundle larger than the importing store's map (issue 10, "Benchmark"):
# the map is reserved for the bundle before its one transaction, so the changes are applied
# once, not again from the start at each doubling of the map (store_write runs its function
# again on MDB_MAP_FULL; a million changes were applied some ten times over). The -v log
# says when the map grew; the import's result is the same either way.
. "$(dirname "$0")/lib/lib.sh"

[ -n "$PY" ] || bail_out "no python3"
D=$T/district	# 613600000
R=$T/region	# 610000000, a new store: its map is 1 MiB
make_store "$D"
kz --db "$R" init --unit 610000000
[ "$rc" -eq 0 ] || bail_out "setup: init of the region"
kz --db "$D" identity export -o "$T/d.id"
[ "$rc" -eq 0 ] || bail_out "setup: identity export"
kz --db "$R" peer add "$T/d.id" --yes
[ "$rc" -eq 0 ] || bail_out "setup: peer add"
V=$("$KZ" --db "$D" visit add --akim $DISTRICT --target 613633000 --date 2026-12-08 --time 10:00)
is_uuid "$V" || bail_out "setup: a meeting"
# 120 questions of 7,000 letters each (12 KB) that zstd packs but the store keeps whole: the
# region's store ends near 3 MiB, beyond its first map.
n=0
while [ $n -lt 120 ]; do
	"$PY" -c 'import random, sys
r = random.Random(int(sys.argv[1]))
w = ["су", "жол", "мектеп", "газ", "көпір", "аурухана", "жарық", "бала", "ауыл", "егін"]
print(" ".join(r.choice(w) + str(r.randrange(1000)) for _ in range(1500))[:7000])' $n \
	    >"$T/q.txt"
	"$KZ" --db "$D" question add --visit "$V" "$(cat "$T/q.txt")" >/dev/null 2>"$T/err" ||
	    bail_out "setup: question $n"
	n=$((n + 1))
done
kz --db "$D" bundle write-all -o "$T/all.kzb" --to 610000000
rc_is 0 "bundle write-all of the district's store"

kz -v "$T/import.log" --db "$R" import "$T/all.kzb"
rc_is 0 "import into the new region store exits 0"
like "$(out)" "*added: *, changed: *" "it says what it added"
check "the region's store grew beyond its first map of 1 MiB" \
    sh -c "[ \$(wc -c <'$R/data.mdb') -gt 1048576 ]"
check "the map was reserved for the bundle before its transaction" \
    grep -q "map reserved" "$T/import.log"
if grep -q "map full" "$T/import.log"; then
	not_ok "the changes were applied once: the map never filled mid-import"
	diag_file "$T/import.log" 5
else
	ok "the changes were applied once: the map never filled mid-import"
fi
is "$("$KZ" --db "$R" question list --format tsv | grep -c .)" \
    "$("$KZ" --db "$D" question list --format tsv | grep -c .)" \
    "every question arrived"

kz --db "$R" import "$T/all.kzb"
rc_is 0 "the same bundle again"
like "$(out)" "*already here*" "it says it is here already"

done_testing
