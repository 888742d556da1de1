#!/bin/sh
# Who may read a store: private stores are the user's alone, group stores the group's; a
# store opened up to others is reported; init does not overwrite; a missing store says how
# to make one; --read-only writes nothing.
. "$(dirname "$0")/lib/lib.sh"

# others_bits DIR: "path mode" of the directory and each file in it that others may use.
others_bits() {
	for f in "$1" "$1"/*; do
		[ -e "$f" ] || continue
		m=$(stat -c %a "$f")
		case $m in
		*0) ;;
		*) echo "$f:$m" ;;
		esac
	done
}

umask 022
P=$T/private
kz --db "$P" init --unit "$DISTRICT"
rc_is 0 "init makes a private store"
is "$(others_bits "$P")" "" "no file of a store made by init is open to others (umask 022)"
is "$(stat -c %a "$P") $(stat -c %a "$P/data.mdb") $(stat -c %a "$P/lock.mdb") $(stat -c %a "$P/node.key")" "700 600 600 600" \
    "a private store is 0700 with files 0600"

umask 000
P0=$T/private-umask0
kz --db "$P0" init --unit "$DISTRICT"
kz --db "$P0" units import "$SAMPLE"
is "$(others_bits "$P0")" "" "not even under umask 000 (init and import)"
mkdir -m 777 "$T/wide"
kz --db "$T/wide" init --unit "$DISTRICT"
is "$(others_bits "$T/wide")" "" "init in an existing world-writable directory closes it"
umask 022

G=$(id -gn)
GS=$T/group
kz --db "$GS" init --unit "$DISTRICT" --group "$G"
rc_is 0 "init --group $G exits 0"
like "$(out)" "*shared by group $G*" "init --group says the store is shared by the group"
is "$(stat -c %a "$GS")" 2770 "a group store's directory is setgid and group-writable (2770)"
is "$(stat -c %a "$GS/data.mdb") $(stat -c %a "$GS/lock.mdb")" "660 660" "a group store's files are 0660"
is "$(stat -c %G "$GS") $(stat -c %G "$GS/data.mdb")" "$G $G" "the directory and data.mdb belong to the group"
is "$(stat -c '%a %G' "$GS/node.key")" "640 $G" "a group store's signing key is the group's to read, not to change (0640)"
is "$(others_bits "$GS")" "" "a group store is closed to others"
# lock.mdb is made again by the next process when it is gone; under a strict umask it
# must still be usable by the group.
rm -f "$GS/lock.mdb"
umask 077
kz --db "$GS" units import "$SAMPLE"
umask 022
rc_is 0 "a group store works after its lock file was removed"
is "$(stat -c %a "$GS/lock.mdb")" 660 "the lock file made again under umask 077 is 0660"
kz --db "$T/nogroup" init --unit "$DISTRICT" --group no-such-group-kz
fails 1 "no-such-group-kz" "init --group with an unknown group fails and names it"
check "and makes no store" [ ! -e "$T/nogroup/data.mdb" ]

# A store opened to others is reported on every command, naming the file.
S=$T/store
make_store "$S"
kz --db "$S" units list
cp "$T/out" "$T/units"
is "$(err)" "" "a private store opens without a warning"
chmod o+r "$S/data.mdb"
kz --db "$S" units list
rc_is 0 "a store with data.mdb readable by others still works"
like "$(err)" "kezdesu: warning: *$S/data.mdb*" "the next command warns on stderr naming data.mdb"
is "$(nlines "$T/err")" 1 "the warning is one line"
check "the warning leaves stdout alone" cmp -s "$T/out" "$T/units"
chmod o-r "$S/data.mdb"
chmod o+rx "$S"
kz --db "$S" units list
like "$(err)" "kezdesu: warning: *$S*" "a directory open to others is reported too"
chmod o-rx "$S"
kz --db "$S" units list
is "$(err)" "" "the warning goes once the store is closed again"

# init twice
snapshot "$S" "$T/snap"
kz --db "$S" init --unit "$DISTRICT"
fails 1 "already initialised" "init on an existing store fails with a clear message"
kz --db "$S" init --unit 613637000
fails 1 "already initialised" "init with another unit on an existing store fails too"
unchanged "$S" "$T/snap" "the store is unchanged by the second init"

# A store that is not there.
M=$T/missing
kz --db "$M" units list
fails 1 "kezdesu init" "a command on a missing store says to run kezdesu init"
check "and does not make the store" [ ! -e "$M" ]
KEZDESU_DB=$M kz question add --visit 01234567-89ab-7def-8123-456789abcdef 'Сұрақ'
fails 1 "kezdesu init" "the same through KEZDESU_DB, for a write"
check "and the write does not make the store either" [ ! -e "$M" ]
mkdir "$T/empty"
kz --db "$T/empty" visit list
fails 1 "kezdesu init" "an empty directory is not a store: it says to run kezdesu init"
check "and gets no data.mdb" [ ! -e "$T/empty/data.mdb" ]

# --read-only
kz --db "$S" visit add --akim "$DISTRICT" --target 613637000 --date 2026-12-10
V=$(out)
snapshot "$S" "$T/snap"
kz --db "$S" --read-only question add --visit "$V" 'Сұрақ'
fails 1 "read-only" "--read-only refuses question add"
kz --db "$S" --read-only visit add --akim "$DISTRICT" --target 613637000 --date 2026-12-11
fails 1 "read-only" "--read-only refuses visit add"
kz --db "$S" --read-only units import "$SAMPLE"
fails 1 "read-only" "--read-only refuses units import"
kz --db "$S" --read-only issue add --title 'Су'
fails 1 "read-only" "--read-only refuses issue add"
kz --db "$S" --read-only visit set "$V" --status held
fails 1 "read-only" "--read-only refuses visit set"
printf 'Бірінші\nЕкінші\n' >"$T/in"
kz_in "$T/in" --db "$S" --read-only question add --visit "$V" -
check "--read-only question add - saves nothing (exit $rc)" [ "$rc" -ne 0 -a ! -s "$T/out" ]
unchanged "$S" "$T/snap" "the refused writes changed nothing"
kz --db "$S" --read-only units list
check "--read-only still reads" cmp -s "$T/out" "$T/units"
kz --db "$T/ro-new" --read-only init --unit "$DISTRICT"
check "--read-only init makes no store (exit $rc)" [ "$rc" -ne 0 -a ! -e "$T/ro-new/data.mdb" ]

done_testing
