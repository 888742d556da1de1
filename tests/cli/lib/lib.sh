# Shared helpers of the command-line tests (tests/cli/*.sh), sourced by each of them.
# Not a test itself: tests/run.sh runs only tests/cli/*.sh, and this lives in lib/.
#
# Gives: KZ (the binary), SAMPLE, KATO_FULL, BLNS, T (a private temporary directory,
# removed at exit), TAP output (ok, not_ok, check, is, like, diag, done_testing), kz
# (runs the binary into $T/out and $T/err, status in $rc) and store helpers.
# POSIX sh (dash): no bashisms.

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
KZ=${KEZDESU_BIN:-$top/build/kezdesu}
KZ_SHARED=${KZ_SHARED:-$top/../shared}
SAMPLE=$top/data/sample-district.csv
KATO_FULL=$KZ_SHARED/data/kato/kato-2026-07-17.csv
BLNS=$KZ_SHARED/data/naughty-strings/blns.txt
DISTRICT=613600000
export KZ_SHARED
unset KEZDESU_DB KEZDESU_NOW KEZDESU_READAHEAD
# The tests read the program's English: the C.UTF-8 locale (always there, unlike kk_KZ or
# ru_RU) and no LANGUAGE give messages in English and units named in Kazakh, whatever the
# environment make check runs in. A test of another language says so (--lang ru, or
# LANGUAGE=kk, or env -u LC_ALL LANG=... as tests/cli/lang.sh and i18n.sh do).
LC_ALL=C.UTF-8
export LC_ALL
unset LANGUAGE

T=$(mktemp -d "${TMPDIR:-/tmp}/kezdesu-cli.XXXXXX") || {
	echo "not ok 1 - cannot make a temporary directory"
	exit 1
}
# The program must never reach the user's own store: point HOME and XDG_DATA_HOME into
# the temporary directory too, so that a bug that ignores --db lands there.
HOME=$T/home
XDG_DATA_HOME=$T/xdg
export HOME XDG_DATA_HOME
mkdir -p "$HOME"

# Background processes a test started; killed (by their own id) at exit.
KZ_PIDS=""
kz_cleanup() {
	for p in $KZ_PIDS; do
		kill -9 "$p" 2>/dev/null
	done
	rm -rf "$T"
}
trap 'kz_cleanup' EXIT
trap 'exit 130' INT TERM HUP

# ---- TAP ----
_n=0
_failed=0

ok() {
	_n=$((_n + 1))
	echo "ok $_n - $*"
}

not_ok() {
	_n=$((_n + 1))
	_failed=$((_failed + 1))
	echo "not ok $_n - $*"
}

# diag TEXT...: each line as a TAP comment.
diag() {
	printf '%s\n' "$*" | sed 's/^/# /'
}

# diag_file FILE [MAX]: the first MAX (20) lines of a file as TAP comments.
diag_file() {
	[ -f "$1" ] || return 0
	head -n "${2:-20}" "$1" | sed 's/^/#   /'
}

# check NAME CMD...: ok when CMD succeeds.
check() {
	_name=$1
	shift
	if "$@"; then
		ok "$_name"
	else
		not_ok "$_name"
		return 1
	fi
}

# is GOT WANT NAME
is() {
	if [ "$1" = "$2" ]; then
		ok "$3"
	else
		not_ok "$3"
		diag "   got: '$1'"
		diag "  want: '$2'"
		return 1
	fi
}

# like GOT GLOB NAME: GOT matches the shell pattern GLOB.
like() {
	case $1 in
	$2)
		ok "$3"
		;;
	*)
		not_ok "$3"
		diag "   got: '$1'"
		diag "  want: a match of '$2'"
		return 1
		;;
	esac
}

# Ends the script: prints the plan and exits 1 when something failed.
done_testing() {
	echo "1..$_n"
	[ "$_failed" -eq 0 ] && exit 0
	exit 1
}

# bail_out MSG: setup failed, nothing further makes sense.
bail_out() {
	not_ok "$*"
	diag_file "$T/err"
	done_testing
}

# ---- running the program ----

# kz ARGS...: runs kezdesu with stdout in $T/out, stderr in $T/err, status in $rc.
kz() {
	"$KZ" "$@" >"$T/out" 2>"$T/err"
	rc=$?
}

# kz_in FILE ARGS...: the same with stdin from FILE.
kz_in() {
	_in=$1
	shift
	"$KZ" "$@" <"$_in" >"$T/out" 2>"$T/err"
	rc=$?
}

out() { cat "$T/out"; }
err() { cat "$T/err"; }

# nlines FILE: the number of lines in FILE.
nlines() {
	wc -l <"$1" | tr -d ' '
}

# rc_is WANT NAME: the last kz's exit status.
rc_is() {
	if [ "$rc" = "$1" ]; then
		ok "$2"
	else
		not_ok "$2"
		diag "  exit status $rc, want $1; stderr:"
		diag_file "$T/err" 5
		return 1
	fi
}

# fails RC PATTERN NAME: the last kz exited RC with exactly one line on stderr,
# "kezdesu: ..." matching the glob *PATTERN*, and printed nothing on stdout.
fails() {
	_e=$(cat "$T/err")
	if [ "$rc" = "$1" ] && [ "$(nlines "$T/err")" -eq 1 ] && [ ! -s "$T/out" ]; then
		case $_e in
		"kezdesu: "*$2*)
			ok "$3"
			return 0
			;;
		esac
	fi
	not_ok "$3"
	diag "  exit status $rc (want $1), $(nlines "$T/err") line(s) on stderr, want one" \
	    "matching 'kezdesu: *$2*':"
	diag_file "$T/err" 5
	if [ -s "$T/out" ]; then
		diag "  and stdout was not empty:"
		diag_file "$T/out" 3
	fi
	return 1
}

# is_uuid S: S is a lower-case UUID.
is_uuid() {
	printf '%s\n' "$1" | grep -Eqx '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'
}

# now_ms: the wall clock in milliseconds.
now_ms() {
	echo $(($(date +%s%N) / 1000000))
}

# rand_below N: a random number from 0 to N-1 (from /dev/urandom; $RANDOM is bash's).
rand_below() {
	echo $(($(od -An -N2 -tu2 /dev/urandom) % $1))
}

# json_ok FILE: FILE parses as JSON.
json_ok() {
	"$PY" -c 'import json,sys; json.load(sys.stdin)' <"$1" 2>/dev/null
}

# ---- stores ----

# make_store DIR: a store for the Bäidibek district with the sample district imported
# (edition 2026-07-17). Bails out when that does not work.
make_store() {
	kz --db "$1" init --unit "$DISTRICT"
	[ "$rc" -eq 0 ] || bail_out "setup: kezdesu init --unit $DISTRICT in $1"
	kz --db "$1" units import "$SAMPLE" --edition 2026-07-17
	[ "$rc" -eq 0 ] || bail_out "setup: kezdesu units import $SAMPLE"
}

# snapshot DIR FILE: everything the command line shows of a store, for "unchanged" checks.
snapshot() {
	{
		"$KZ" --db "$1" units list --format json
		"$KZ" --db "$1" visit list --format json
		"$KZ" --db "$1" question list --format json
		"$KZ" --db "$1" issue list --format json
	} >"$2" 2>&1
}

# unchanged DIR BEFORE NAME: the store's snapshot is still BEFORE.
unchanged() {
	snapshot "$1" "$T/snap.now"
	if cmp -s "$2" "$T/snap.now"; then
		ok "$3"
	else
		not_ok "$3"
		diff "$2" "$T/snap.now" | head -10 | sed 's/^/#   /'
		return 1
	fi
}

# python3 checks JSON and bytes; a version manager's shim costs half a second a call, so
# find the interpreter itself once.
PY=
for p in /usr/bin/python3 /usr/local/bin/python3; do
	[ -x "$p" ] && PY=$p && break
done
[ -n "$PY" ] || PY=$(python3 -c 'import sys; print(sys.executable)' 2>/dev/null)
[ -n "$PY" ] || PY=python3

[ -x "$KZ" ] || bail_out "no kezdesu binary at $KZ (set KEZDESU_BIN)"
