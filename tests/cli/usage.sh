#!/bin/sh
# The command line itself: --help, --version, bad usage (exit 2, "kezdesu:" messages), where
# the store is looked for, and --demo (built once, shown again without rebuilding).
. "$(dirname "$0")/lib/lib.sh"

D=$T/store
kz --help
rc_is 0 "--help exits 0"
like "$(out)" "usage: kezdesu *" "--help prints the usage on stdout"
is "$(err)" "" "--help prints nothing on stderr"
missing=""
for c in init official "units import" "units list" "units add" visit question issue; do
	grep -q "^  $c" "$T/out" || missing="$missing '$c'"
done
is "$missing" "" "--help lists every command"
kz -h
check "-h is --help" [ "$rc" -eq 0 -a -s "$T/out" ]
kz --version
rc_is 0 "--version exits 0"
is "$(out)" "kezdesu $(cat "$top/VERSION")" "--version prints kezdesu and the VERSION file's version"

# Bad usage: exit 2, a "kezdesu:" message, nothing on stdout, no store made.
kz --db "$D" frobnicate
rc_is 2 "an unknown command exits 2"
like "$(tail -n 1 "$T/err")" "kezdesu: unknown command 'frobnicate'*" \
    "an unknown command is named in a 'kezdesu: ' message"
is "$(nlines "$T/err")" 1 "an unknown command gives one line on stderr"
is "$(nlines "$T/out")" 0 "an unknown command prints nothing on stdout"
kz --db "$D" --frobnicate units list
rc_is 2 "an unknown global option exits 2"
like "$(tail -n 1 "$T/err")" "kezdesu: *--frobnicate*" "the unknown global option is named"
is "$(nlines "$T/err")" 1 "an unknown global option gives one line on stderr"
kz --db "$D" units list --bogus
fails 2 "units list: unknown option '--bogus'" "an unknown option of a command: exit 2, named"
kz --db "$D" visit list --from 2026-01-01 --color
fails 2 "--color" "an unknown option after good ones is still refused"
kz --db
fails 2 "--db needs a value" "--db without a value: exit 2"
kz --db "$D" visit add --akim
fails 2 "option '--akim' needs a value" "a command's option without its value: exit 2"
kz --db "$D" question list --limit
fails 2 "--limit" "question list --limit without a value: exit 2"
kz --db "$D" visit list --format xml
fails 2 "xml" "an unknown --format: exit 2"
kz --db "$D" question list --limit 0
fails 2 "--limit" "--limit 0: exit 2"
kz --db "$D" units
fails 2 "usage" "units without a subcommand: exit 2 with its usage"
kz --db "$D" issue frob
fails 2 "usage" "issue with an unknown subcommand: exit 2"
kz --db "$D" units list extra
fails 2 "extra" "an unexpected argument: exit 2"
kz --db "" units list
fails 2 "--db" "an empty --db: exit 2"
check "bad usage makes no store" [ ! -e "$D" ]

# Where the store is: --db, else KEZDESU_DB, else $XDG_DATA_HOME/kezdesu.
E=$T/env-store
KEZDESU_DB=$E kz init --unit "$DISTRICT"
check "KEZDESU_DB names the store when there is no --db" [ "$rc" -eq 0 -a -e "$E/data.mdb" ]
KEZDESU_DB=$E kz --db "$T/db-store" init --unit "$DISTRICT"
check "--db wins over KEZDESU_DB" [ "$rc" -eq 0 -a -e "$T/db-store/data.mdb" ]
kz --db="$T/eq-store" init --unit "$DISTRICT"
check "--db=DIR works too" [ "$rc" -eq 0 -a -e "$T/eq-store/data.mdb" ]
kz init --unit "$DISTRICT"
check "without either, the store is \$XDG_DATA_HOME/kezdesu" [ "$rc" -eq 0 -a -e "$XDG_DATA_HOME/kezdesu/data.mdb" ]
kz --db "$T/дерекқор бар" init --unit "$DISTRICT"
check "a store path with Cyrillic letters and a space works" [ "$rc" -eq 0 -a -e "$T/дерекқор бар/data.mdb" ]
unset XDG_DATA_HOME
kz init --unit "$DISTRICT"
check "without XDG_DATA_HOME, it is ~/.local/share/kezdesu" \
    [ "$rc" -eq 0 -a -e "$HOME/.local/share/kezdesu/data.mdb" ]
XDG_DATA_HOME=$T/xdg
export XDG_DATA_HOME

# Without a command: the overview, which needs a store.
kz --db "$T/none"
fails 1 "kezdesu init" "the overview of a missing store says to run kezdesu init"

# --demo, on a fixed day (the demo's meetings lie around "today"; some days near the end of
# a half-year would have no upcoming ones).
KEZDESU_NOW=2026-03-16
export KEZDESU_NOW
Demo=$T/demo
kz --db "$Demo" --demo
rc_is 0 "--demo exits 0"
cp "$T/out" "$T/demo1"
like "$(head -n 1 "$T/demo1")" "demo store made in $Demo" "--demo says it made the store"
check "--demo shows upcoming visits" grep -q '^Upcoming visits' "$T/demo1"
check "--demo shows open issues" grep -q '^Open issues' "$T/demo1"
nv=$(sed -n '/^Upcoming visits/,/^$/p' "$T/demo1" | grep -c ' → ')
ni=$(sed -n '/^Open issues/,/^$/p' "$T/demo1" | grep -c '^  [0-9]')
check "the overview lists some visits ($nv) and some issues ($ni)" [ "$nv" -gt 0 -a "$ni" -gt 0 ]
kz --db "$Demo" units list
is "$(nlines "$T/out")" 75 "the demo store has the 75 units of the sample district"
counts() {
	printf '%s ' $("$KZ" --db "$1" visit list | wc -l) $("$KZ" --db "$1" question list | wc -l) \
	    $("$KZ" --db "$1" issue list | wc -l)
}
c1=$(counts "$Demo")
check "the demo store has visits, questions and issues ($c1)" sh -c "set -- $c1; [ \$1 -gt 0 -a \$2 -gt 0 -a \$3 -gt 0 ]"
snapshot "$Demo" "$T/demo.snap"
kz --db "$Demo" --demo
rc_is 0 "--demo again exits 0"
check "--demo again does not say it made a store" sh -c "! grep -q 'demo store made' '$T/out'"
is "$(counts "$Demo")" "$c1" "--demo again: the same counts"
unchanged "$Demo" "$T/demo.snap" "--demo again: not rebuilt (the same records)"
cp "$T/out" "$T/demo2"
kz --db "$Demo"
check "kezdesu without a command shows the same overview" cmp -s "$T/out" "$T/demo2"
# Without --db the demo goes beside the default store, never into it.
snapshot "$XDG_DATA_HOME/kezdesu" "$T/default.snap"
kz --demo
rc_is 0 "--demo without --db"
like "$(head -n 1 "$T/out")" "demo store made in $XDG_DATA_HOME/kezdesu-demo" \
    "--demo without --db makes \$XDG_DATA_HOME/kezdesu-demo"
unchanged "$XDG_DATA_HOME/kezdesu" "$T/default.snap" "... and leaves the default store \$XDG_DATA_HOME/kezdesu as it was"
unset KEZDESU_NOW

# A fixed clock that cannot be read is refused, not silently replaced by the real one.
KEZDESU_NOW=garbage kz --version
rc_is 2 "KEZDESU_NOW that is no date and time is a usage error"
like "$(err)" "*KEZDESU_NOW: 'garbage' is not a date and time*" "and says so"
done_testing
