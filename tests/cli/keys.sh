#!/bin/sh
# kezdesu keys: the interface's bindings (the defaults, the user's keymap, --keymap) and
# --check FILE, which reports each error of a keymap as FILE:LINE: reason and exits 1.
. "$(dirname "$0")/lib/lib.sh"

kz keys
rc_is 0 "keys exits 0"
like "$(grep '^global	F10	' "$T/out")" "global	F10	quit	quit*" "keys lists F10 quit with its help"
like "$(grep '^list	Enter	' "$T/out")" "list	Enter	open	*" "keys lists Enter open in lists"
check "the defaults have no vi keys" sh -c "! grep -q '^list	j	' '$T/out'"

kz --keymap vi keys
rc_is 0 "--keymap vi keys exits 0"
like "$(grep '^list	j	' "$T/out")" "list	j	down	*" "the vi keymap adds j"

mkdir -p "$T/xdg-config/kezdesu"
printf '# mine\nbind global x quit\nunbind global q\n' >"$T/xdg-config/kezdesu/keymap"
XDG_CONFIG_HOME=$T/xdg-config kz keys
like "$(grep '^global	x	' "$T/out")" "global	x	quit	*" "the user's XDG keymap is read"
check "its unbind is applied" sh -c "! grep -q '^global	q	' '$T/out'"

kz keys --check "$T/xdg-config/kezdesu/keymap"
rc_is 0 "--check of a good file exits 0"
is "$(cat "$T/out" "$T/err")" "" "and prints nothing"

printf 'bind global x quit\nbind global Nope quit\nbind nowhere y quit\nbind global x help\n' \
    >"$T/bad.keymap"
kz keys --check "$T/bad.keymap"
rc_is 1 "--check of a broken file exits 1"
is "$(cat "$T/err")" "$T/bad.keymap:2: unknown key name 'Nope'
$T/bad.keymap:3: unknown context 'nowhere' (global, list, visits, intake, triage, help, editor, choose, form)
$T/bad.keymap:4: global x is bound already on line 1" "each error as FILE:LINE: reason"

kz keys --check "$T/none.keymap"
rc_is 1 "--check of a missing file exits 1"
like "$(cat "$T/err")" "$T/none.keymap: cannot read it: *" "naming the file"

kz keys --bogus
rc_is 2 "keys with a bad option is a usage error"
done_testing
