#!/bin/sh
# LMDB gives each process that reads a slot in lock.mdb (126 of them) and frees it when the
# process closes the store. A process killed with -9 leaves its slot taken; while another
# process holds the store open the lock file is never made afresh, so after about 126 such
# kills every command would fail with MDB_READERS_FULL unless the slots of dead processes
# are cleared (mdb_reader_check at open). Kill 140 while one process holds the store.
. "$(dirname "$0")/lib/lib.sh"

S=$T/store
make_store "$S"
kz --db "$S" visit add --akim "$DISTRICT" --target 613637000 --date 2026-12-10
V=$(out)
is_uuid "$V" || bail_out "setup: visit add"

# wait_saved FILE PID: until FILE says "saved" (the process has the store open and has
# written), or PID is gone, or 10 s have passed. 0 when saved.
wait_saved() {
	_i=0
	while [ $_i -lt 1000 ]; do
		grep -q '^saved ' "$1" 2>/dev/null && return 0
		kill -0 "$2" 2>/dev/null || return 1
		sleep 0.01
		_i=$((_i + 1))
	done
	return 1
}

# The holder: a meeting's question window left open, reading stdin from a fifo.
mkfifo "$T/hold" "$T/feed"
"$KZ" --db "$S" question add --visit "$V" - <"$T/hold" >"$T/hold.out" 2>"$T/hold.err" &
holder=$!
KZ_PIDS="$KZ_PIDS $holder"
exec 3>"$T/hold"
echo 'Ұстаушы сұрақ' >&3
wait_saved "$T/hold.out" "$holder"
check "the holder has the store open" [ $? -eq 0 ]

# 140 processes that open the store, read and write a question, and are killed with -9
# while they wait for the next line.
killed=0
lost=""
n=0
while [ $n -lt 140 ]; do
	n=$((n + 1))
	# Gone before the next process starts, so that the last one's "saved" is not taken
	# for this one's.
	rm -f "$T/k.out"
	"$KZ" --db "$S" question add --visit "$V" - <"$T/feed" >"$T/k.out" 2>"$T/k.err" &
	pid=$!
	exec 4>"$T/feed"
	echo "Сұрақ $n" >&4
	if wait_saved "$T/k.out" "$pid"; then
		kill -9 "$pid" 2>/dev/null && killed=$((killed + 1))
	else
		[ -n "$lost" ] || lost="process $n: $(head -c 200 "$T/k.err")"
	fi
	exec 4>&-
	wait "$pid" 2>/dev/null
done
is "$lost" "" "each of the 140 processes could open the store and save its question"
is "$killed" 140 "all 140 were killed with -9 in the middle"

kz --db "$S" question add --visit "$V" 'Соңғы сұрақ'
rc_is 0 "after 140 kills, with the holder still there, a write succeeds"
kz --db "$S" question list --visit "$V"
rc_is 0 "and a read"
is "$(nlines "$T/out")" 142 "every saved question is there (holder's, 140, the last)"

# The holder is still alive and can go on.
echo 'Ұстаушының екінші сұрағы' >&3
exec 3>&-
wait "$holder"
is "$?:$(grep -c '^saved ' "$T/hold.out")" "0:2" "the holder saves its next line and exits 0"

done_testing
