#!/bin/sh
# A store that may only be read (read-only media, 0400 files, an immutable file, a lock
# file or directory the user cannot write) is read without asking for --read-only, and a
# write is refused naming the file and the fix; a user outside a group store's group is
# told so, not to run init. The tests run as root in CI, and root passes permission bits:
# the other users' cases run as nobody through setpriv, read-only media in a private mount
# namespace; a case the machine cannot set up is skipped, saying why.
. "$(dirname "$0")/lib/lib.sh"

skip() {
	_n=$((_n + 1))
	echo "ok $_n # skip $*"
}

S=$T/store
make_store "$S"
kz --db "$S" visit add --akim "$DISTRICT" --target 613637000 --date 2026-12-10
V=$(out)
kz --db "$S" question add --visit "$V" 'Ауыз су қашан келеді?'
kz --db "$S" visit list
cp "$T/out" "$T/visits"
kz --db "$S" question list
cp "$T/out" "$T/questions"

# ---- read-only media: a read-only bind mount ----
RO=$T/ro
cp -a "$S" "$RO"
if unshare -m sh -c "mount --bind '$RO' '$RO' && mount -o remount,ro,bind '$RO'" 2>/dev/null
then
	# in_ro CMD...: runs kezdesu CMD on the store mounted read-only.
	in_ro() {
		unshare -m sh -c 'd=$1; shift; mount --bind "$d" "$d" &&
			mount -o remount,ro,bind "$d" && exec "$@"' _ "$RO" "$KZ" --db "$RO" "$@" \
		    >"$T/out" 2>"$T/err"
		rc=$?
	}
	in_ro visit list
	rc_is 0 "a store on read-only media is read without --read-only"
	check "and lists its visits" cmp -s "$T/out" "$T/visits"
	in_ro --read-only question list
	check "and with --read-only too (exit $rc)" cmp -s "$T/out" "$T/questions"
	in_ro question add --visit "$V" 'Сұрақ'
	fails 1 "$RO/data.mdb is on a read-only file system: copy the store to a writable disk*nothing was saved" \
	    "a write on read-only media names data.mdb and the fix"
	in_ro init --unit "$DISTRICT"
	fails 1 "$RO/data.mdb is on a read-only file system" "so does init"
else
	skip "no read-only bind mount here (unshare -m needs root)"
	skip "no read-only bind mount here (unshare -m needs root)"
	skip "no read-only bind mount here (unshare -m needs root)"
	skip "no read-only bind mount here (unshare -m needs root)"
	skip "no read-only bind mount here (unshare -m needs root)"
fi

# ---- an immutable data.mdb and lock.mdb: refused even to root ----
I=$T/immutable
cp -a "$S" "$I"
if chattr +i "$I/data.mdb" 2>/dev/null; then
	kz --db "$I" visit list
	rc_is 0 "an immutable data.mdb is read"
	check "and lists its visits" cmp -s "$T/out" "$T/visits"
	kz --db "$I" visit add --akim "$DISTRICT" --target 613637000 --date 2026-12-11
	fails 1 "$I/data.mdb cannot be changed: operation not permitted (immutable? see lsattr $I/data.mdb); nothing was saved" \
	    "a write names the immutable data.mdb"
	chattr -i "$I/data.mdb"
	chattr +i "$I/lock.mdb"
	kz --db "$I" question list
	check "an immutable lock.mdb: read without the lock (exit $rc)" cmp -s "$T/out" "$T/questions"
	kz --db "$I" question add --visit "$V" 'Сұрақ'
	fails 1 "$I/lock.mdb cannot be changed*nothing was saved" "a write names lock.mdb"
	chattr -i "$I/lock.mdb"
else
	for i in 1 2 3 4 5; do skip "chattr +i does not work on $T's file system"; done
fi

# ---- other users: run as nobody ----
NB=$(id -u nobody 2>/dev/null)
# as_nobody ARGS...: kezdesu ARGS as user nobody, in no group but its own.
as_nobody() {
	setpriv --reuid="$NB" --regid="$(id -g nobody)" --clear-groups -- "$KZ" "$@" \
	    >"$T/out" 2>"$T/err"
	rc=$?
}
chmod 711 "$T"
if [ -n "$NB" ] && [ "$(id -u)" -eq 0 ] && as_nobody --version && [ "$rc" -eq 0 ]; then
	# A store of nobody's own, its files made 0400 (a copy from a CD, a cautious user).
	N=$T/nobody
	cp -a "$S" "$N"
	chown -R nobody "$N"
	chmod 400 "$N/data.mdb" "$N/lock.mdb"
	as_nobody --db "$N" visit list
	rc_is 0 "0400 files are read without --read-only"
	check "and list the visits" cmp -s "$T/out" "$T/visits"
	as_nobody --db "$N" --read-only question list
	check "and with --read-only (exit $rc)" cmp -s "$T/out" "$T/questions"
	as_nobody --db "$N" question add --visit "$V" 'Сұрақ'
	fails 1 "permission denied on $N/data.mdb (mode 0400): it is yours; run: chmod u+rw $N/data.mdb; nothing was saved" \
	    "a write names data.mdb and the chmod that fixes it"
	# data.mdb writable, but lock.mdb not, and the directory not either.
	chmod 600 "$N/data.mdb"
	chmod 500 "$N"
	as_nobody --db "$N" question list
	check "a lock.mdb that cannot be written: read without the lock (exit $rc)" \
	    cmp -s "$T/out" "$T/questions"
	as_nobody --db "$N" question add --visit "$V" 'Сұрақ'
	fails 1 "permission denied on $N/lock.mdb*chmod u+rw $N/lock.mdb; nothing was saved" \
	    "a write names lock.mdb"
	# No lock.mdb at all, in a directory that cannot be written.
	chmod 700 "$N"
	rm -f "$N/lock.mdb"
	chmod 500 "$N"
	as_nobody --db "$N" question list
	check "no lock.mdb and a directory that cannot be written: read (exit $rc)" \
	    cmp -s "$T/out" "$T/questions"
	as_nobody --db "$N" visit add --akim "$DISTRICT" --target 613637000 --date 2026-12-11
	fails 1 "permission denied on $N (mode 0500): it is yours; run: chmod u+rwx $N; nothing was saved" \
	    "a write names the directory"
	chmod 700 "$N"

	# root's private store.
	as_nobody --db "$S" visit list
	fails 1 "permission denied on $S (owner root, group *, mode 0700): ask root for read access" \
	    "another user's private store: permission denied, naming the directory and its owner"

	# A group store of a group nobody is not in.
	G=$(id -gn)
	GS=$T/group
	kz --db "$GS" init --unit "$DISTRICT" --group "$G"
	for cmd in "visit list" "--read-only question list" "question add --visit $V Сұрақ"; do
		# shellcheck disable=SC2086
		as_nobody --db "$GS" $cmd
		fails 1 "permission denied on $GS (group $G, mode 2770): the store belongs to group $G and you are not in it; ask to be added to group $G" \
		    "outside the group, $cmd says so (not: run init)"
	done
	# A member of the group reads and writes as before.
	kz --db "$GS" units import "$SAMPLE"
	kz --db "$GS" visit add --akim "$DISTRICT" --target 613637000 --date 2026-12-10
	GV=$(out)
	is_uuid "$GV" || bail_out "setup: visit add in the group store"
	setpriv --reuid="$NB" --regid="$(id -g nobody)" --groups="$(id -g)" -- "$KZ" \
	    --db "$GS" question add --visit "$GV" 'Топтан сұрақ' >"$T/out" 2>"$T/err"
	rc=$?
	rc_is 0 "a member of the group writes to the group store"
	setpriv --reuid="$NB" --regid="$(id -g nobody)" --groups="$(id -g)" -- "$KZ" \
	    --db "$GS" question list >"$T/out" 2>"$T/err"
	rc=$?
	is "$rc:$(cut -f7 "$T/out")" "0:Топтан сұрақ" "and reads it"
else
	for i in $(seq 1 16); do skip "cannot run as user nobody here (setpriv, root)"; done
fi

done_testing
