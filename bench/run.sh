#!/bin/sh
# Runs every benchmark built in BUILD_DIR/bench and prints what they measure. Not part of
# `make check`: bench_store builds a store of about a gigabyte and drops the page cache.
# Usage: bench/run.sh BUILD_DIR
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
[ -n "$failed" ] && echo "bench/run.sh: failed:$failed" >&2
exit $rc
