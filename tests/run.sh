#!/bin/sh
# Runs every test: the cmocka unit tests (tests/unit) and the command-line scripts
# (tests/cli) and the interface's scripts in a real terminal (tests/tui, in private tmux
# servers), each speaking TAP, and ends with one line "N passed, N failed".
# Usage: tests/run.sh BUILD_DIR
B=${1:-build}
top=$(cd "$(dirname "$0")/.." && pwd)
KEZDESU_BIN="$top/$B/kezdesu"
export KEZDESU_BIN
export CMOCKA_MESSAGE_OUTPUT=TAP
KZ_SHARED=${KZ_SHARED:-$top/../shared}
export KZ_SHARED
unset KEZDESU_DB KEZDESU_NOW
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
passed=0
failed=0
failures=""

run_one() {
	name=$1
	shift
	start=$(date +%s)
	"$@" >"$tmp/out" 2>&1
	rc=$?
	p=$(grep -c '^ok ' "$tmp/out")
	f=$(grep -c '^not ok ' "$tmp/out")
	# A crash or non-zero exit with no "not ok" line still counts as a failure.
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1
	fi
	if [ "$p" -eq 0 ] && [ "$f" -eq 0 ]; then
		f=1
		echo "no test ran" >>"$tmp/out"
	fi
	passed=$((passed + p))
	failed=$((failed + f))
	printf '%-40s %4d passed %3d failed  (%ss)\n' "$name" "$p" "$f" "$(($(date +%s) - start))"
	if [ "$f" -ne 0 ]; then
		failures="$failures $name"
		grep -v '^ok ' "$tmp/out" | sed 's/^/    /' | head -60
	fi
}

for t in "$top/$B"/tests/test_*; do
	[ -x "$t" ] || continue
	run_one "$(basename "$t")" sh -c 'cd "$1" && "$2"' _ "$tmp" "$t"
done
for t in "$top"/tests/cli/*.sh; do
	[ -f "$t" ] || continue
	run_one "cli/$(basename "$t" .sh)" sh "$t"
done

for t in "$top"/tests/tui/*.sh; do
	[ -f "$t" ] || continue
	run_one "tui/$(basename "$t" .sh)" sh "$t"
done

[ -n "$failures" ] && echo "failed:$failures"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
