#!/bin/sh
# Bad input and damaged stores: a NUL byte in a line from the hall, a truncated data.mdb,
# a file-size limit, an error path that once printed an empty message. Each is refused
# with one line saying what and where, and nothing crashes.
. "$(dirname "$0")/lib/lib.sh"

S=$T/store
make_store "$S"
kz --db "$S" visit add --akim "$DISTRICT" --target 613637000 --date 2026-12-10
V=$(out)
is_uuid "$V" || bail_out "setup: visit add"

# A NUL byte in a line: C strings end there, so the question would be cut silently.
printf 'Бірінші\nАуыз\000су\nЕкінші\n' >"$T/in"
kz_in "$T/in" --db "$S" question add --visit "$V" -
rc_is 1 "question add - exits 1 when a line holds a NUL byte"
is "$(err)" "kezdesu: stdin:2: a NUL byte at column 5; the line was not saved" \
    "the NUL line is refused as stdin:2 with its column (in characters)"
is "$(grep -c '^saved ' "$T/out")" 2 "the lines around it are saved"
kz --db "$S" question list --visit "$V"
is "$(cut -f7 "$T/out" | tr '\n' '|')" "Бірінші|Екінші|" "and nothing of the NUL line is stored"
# request add - reads its lines through the same loop (cli_add_lines): the same message.
printf 'Бір\nАуыз\000су\n' >"$T/in"
kz_in "$T/in" --db "$S" request add --visit "$V" --channel letter -
rc_is 1 "request add - exits 1 when a line holds a NUL byte"
is "$(err)" "kezdesu: stdin:2: a NUL byte at column 5; the line was not saved" \
    "request add - names the NUL line's column too (P-2)"

# ---- a truncated data.mdb (a backup copied onto a full USB stick) ----
# LMDB maps the file and trusts its header: a read past the end died with SIGBUS.
kz --db "$S" question add --visit "$V" 'Ауыз су қашан келеді?'
size=$(stat -c %s "$S/data.mdb")
C=$T/cut
for cut in $((size / 2)) 4096; do
	rm -rf "$C"
	cp -a "$S" "$C"
	truncate -s "$cut" "$C/data.mdb"
	for cmd in "units list" "visit list" "question list" "issue list" "due" ""; do
		# shellcheck disable=SC2086
		kz --db "$C" $cmd
		fails 1 "$C/data.mdb is cut short: $cut bytes where its header says *backup" \
		    "${cmd:-the overview} on a data.mdb cut to $cut of $size bytes says so, no crash"
	done
	kz --db "$C" question add --visit "$V" 'Сұрақ'
	fails 1 "$C/data.mdb is cut short" "question add on a data.mdb cut to $cut bytes too"
	check "and leaves the file as it was" [ "$(stat -c %s "$C/data.mdb")" -eq "$cut" ]
done
truncate -s 100 "$C/data.mdb"
kz --db "$C" visit list
fails 1 "$C/data.mdb is not a store" "a data.mdb too short for its header is not a store"
truncate -s 0 "$C/data.mdb"
kz --db "$C" visit list
fails 1 "$C/data.mdb is empty*kezdesu init" "an empty data.mdb says so"

# ---- a file-size limit (ulimit -f) ----
# A write past RLIMIT_FSIZE raised SIGXFSZ, which killed the process without a word.
snapshot "$S" "$T/snap"
size=$(stat -c %s "$S/data.mdb")
# POSIX counts ulimit -f in 512-byte blocks (dash does): the limit is the file's size, and
# a long question needs new pages past it.
limit=$((size / 512))
long=$(printf '%16000s' '' | tr ' ' 'q')
(
	ulimit -f "$limit"
	"$KZ" --db "$S" question add --visit "$V" "$long" >"$T/out" 2>"$T/err"
	echo $? >"$T/rc"
)
rc=$(cat "$T/rc")
fails 1 "no room left on the disk; nothing was saved" \
    "question add under ulimit -f fails with 'nothing was saved', not SIGXFSZ"
printf '%s\n%s\n' "$long" "$long" >"$T/in"
(
	ulimit -f "$limit"
	"$KZ" --db "$S" question add --visit "$V" - <"$T/in" >"$T/out" 2>"$T/err"
	echo $? >"$T/rc"
)
rc=$(cat "$T/rc")
like "$rc:$(err)" "1:kezdesu: stdin:1: *nothing was saved" \
    "question add - under ulimit -f stops at the first line with 'nothing was saved'"
is "$(out)" "" "and reports nothing saved"
unchanged "$S" "$T/snap" "the store is as it was"
kz --db "$S" question add --visit "$V" 'Кейін'
rc_is 0 "without the limit the store takes writes again"
(
	ulimit -f 8
	"$KZ" --db "$T/small" init --unit "$DISTRICT" >"$T/out" 2>"$T/err"
	echo $? >"$T/rc"
)
rc=$(cat "$T/rc")
fails 1 "no room left on the disk" "init under ulimit -f 8 fails with a message, not SIGXFSZ"
kz --db "$T/small" init --unit "$DISTRICT"
rc_is 0 "init works once the limit is gone"

# ---- init on a full file system ----
# lock.mdb is mapped and written through the map: on a full disk its first page found no
# block and init died with SIGBUS. A tiny tmpfs needs a mount namespace (root, as in CI).
FULL=$T/fullfs
mkdir "$FULL"
if unshare -m sh -c "mount -t tmpfs -o size=64k tmpfs '$FULL'" 2>/dev/null; then
	unshare -m sh -c "mount -t tmpfs -o size=64k tmpfs '$FULL' &&
		dd if=/dev/zero of='$FULL/fill' bs=1k count=64 2>/dev/null
		'$KZ' --db '$FULL/s' init --unit $DISTRICT >'$T/out' 2>'$T/err'
		echo \$? >'$T/rc'"
	rc=$(cat "$T/rc")
	fails 1 "store $FULL/s: *no room left on the disk" \
	    "init on a full file system says the disk is full, no SIGBUS"
	unshare -m sh -c "mount -t tmpfs -o size=64k tmpfs '$FULL' &&
		dd if=/dev/zero of='$FULL/fill' bs=1k count=56 2>/dev/null
		'$KZ' --db '$FULL/s' init --unit $DISTRICT >/dev/null 2>&1
		'$KZ' --db '$FULL/s' visit list >'$T/out' 2>'$T/err'
		echo \$? >'$T/rc'"
	rc=$(cat "$T/rc")
	like "$rc:$(err)" "1:kezdesu: store $FULL/s: *" \
	    "the next command on what an init on a full disk left says what is wrong"
else
	echo "ok $((_n + 1)) # skip no mount namespace here (unshare -m needs root)"
	echo "ok $((_n + 2)) # skip no mount namespace here (unshare -m needs root)"
	_n=$((_n + 2))
fi

done_testing
