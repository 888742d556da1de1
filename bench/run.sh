#!/bin/sh
# Runs every benchmark built in BUILD_DIR/bench and prints what they measure. Not part of
# `make check`: bench_store builds a store of about a gigabyte and drops the page cache.
# Usage: bench/run.sh BUILD_DIR
#
# bench_ui (the interface in a pseudo-terminal) runs on bench_store's store of a million
# questions: this script keeps it (KEEP=1) for bench_ui and removes it afterwards unless
# KEEP=1 was given. Alone, on a store kept earlier:
#   KEEP=1 make bench                 # once: builds and keeps build/bench-store
#   build/bench/bench_ui build/bench-ui build/kezdesu KATO_CSV
# (BENCH_UI_STORE=DIR names another store; BENCH_UI_RUNS, BENCH_UI_QUESTIONS the sizes.)
#
# Each bench_NAME is run as `bench_NAME DIR KEZDESU_BINARY KATO_CSV`, with DIR its own
# scratch directory BUILD_DIR/bench-NAME (a bench may remove and recreate it): in the build
# directory, so on the disk whose latency is measured. Sizes and switches are environment
# variables the benches read (e.g. BENCH_QUESTIONS=100000; see bench/bench_store.c).
B=${1:-build}
top=$(cd "$(dirname "$0")/.." && pwd)
KZ_SHARED=${KZ_SHARED:-$top/../shared}
kato="$KZ_SHARED/data/kato/kato-2026-07-17.csv"
bin="$top/$B/kezdesu"
# The benches decide the clock, the store and read-ahead themselves.
unset KEZDESU_DB KEZDESU_NOW KEZDESU_READAHEAD
# bench_store's search part runs SQLite FTS5 on the same texts through this script.
BENCH_FTS5="$top/bench/fts5.py"
export BENCH_FTS5

if [ ! -r "$kato" ]; then
	echo "bench/run.sh: the classifier $kato is missing;" \
	    "set KZ_SHARED to the shared directory that holds data/kato/" >&2
	exit 1
fi
if [ ! -x "$bin" ]; then
	echo "bench/run.sh: $bin is not built (make B=$B bench)" >&2
	exit 1
fi

rc=0
failed=""
keep=${KEEP:-0}
# bench_store's store outlives it when bench_ui is to run on it.
[ -x "$top/$B/bench/bench_ui" ] && [ -x "$top/$B/bench/bench_store" ] && KEEP=1
export KEEP
for b in "$top/$B"/bench/bench_*; do
	[ -x "$b" ] || continue
	name=$(basename "$b")
	echo "== $name"
	if ! "$b" "$top/$B/$(echo "$name" | tr _ -)" "$bin" "$kato"; then
		rc=1
		failed="$failed $name"
	fi
	echo
done
store="$top/$B/bench-store"
if [ "$keep" != 1 ] && [ "$KEEP" = 1 ] && [ -d "$store" ]; then
	# only the files a bench store holds, as bench_store's own removal
	rm -f "$store/data.mdb" "$store/lock.mdb" "$store/node.key" "$store/bench-sync.tmp"
	rmdir "$store" && echo "store $store removed after bench_ui (KEEP=1 keeps it)"
fi
[ -n "$failed" ] && echo "bench/run.sh: failed:$failed" >&2
exit $rc
