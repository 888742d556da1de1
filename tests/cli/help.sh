#!/bin/sh
# Help from the command table (src/cli/cmd_table.c): `kezdesu COMMAND [SUBCOMMAND] --help`
# for every row, `kezdesu --help` listing every row, and docs/kezdesu.1 naming every row (so
# the man page cannot drift from the table).
. "$(dirname "$0")/lib/lib.sh"

MAN=$top/docs/kezdesu.1
kz help --man-synopsis
rc_is 0 "help --man-synopsis exits 0"
cp "$T/out" "$T/syn"
check "help --man-synopsis prints one 'kezdesu ...' line per row" \
    sh -c "[ -s '$T/syn' ] && ! grep -v '^kezdesu [a-z]' '$T/syn'"

# A floor: the commands that exist today are all rows (a dropped row is caught).
missing=""
for w in init official "units import" "units list" "units add" "visit add" "visit list" \
    "visit show" "visit set" "question add" "question list" "question show" "question set" \
    "question withdraw" "issue add" "issue list" "issue show" "issue link" "issue set" search \
    plan check due "calendar show" "calendar approve" "calendar notify" "calendar submit" \
    "calendar revise" "calendar progress" "calendar forward" "calendar collect" \
    "holiday list" "holiday add" "holiday remove" dump migrate conflicts undo help; do
	grep -q "^kezdesu $w\( \|\$\)" "$T/syn" || missing="$missing '$w'"
done
is "$missing" "" "the table has a row for every command and subcommand"

# The rows: "NAME SUB" or "NAME" (a second word of lower-case letters and inner hyphens,
# as "write-all", is a subcommand).
sed 's/^kezdesu //' "$T/syn" | awk '{ if ($2 ~ /^[a-z]+(-[a-z]+)*$/) print $1 " " $2; else print $1 }' \
    >"$T/rows"
kz --help
rc_is 0 "--help exits 0"
cp "$T/out" "$T/help"
# The man page's COMMANDS entries: each tag line (after .TP) without fonts, quotes and
# bars, as words.
sed -n '/^\.SH COMMANDS/,/^\.SH /p' "$MAN" | awk 'prev == ".TP" { print } { prev = $0 }' |
    sed 's/\\f[BIRP]//g; s/\\-/-/g; s/^\.[BIR]* *//; s/[]["|]/ /g' >"$T/mantags"

# The usage --help printed: its first lines up to a blank one, joined (it wraps long lines).
usage_block() {
	sed '/^$/,$d' "$T/out" | tr '\n' ' ' | sed 's/  */ /g; s/ $//'
}
nohelp="" badhelp="" notlisted="" noman=""
while read -r name sub; do
	words="$name${sub:+ $sub}"
	line=$(grep "^kezdesu $words\( \|\$\)" "$T/syn" | head -n 1)
	kz $words --help
	if [ "$rc" -ne 0 ] || [ -s "$T/err" ]; then
		nohelp="$nohelp '$words'"
	elif [ "$(usage_block)" != "usage: $line" ]; then
		badhelp="$badhelp '$words'"
	fi
	grep -q "^  $words  " "$T/help" || notlisted="$notlisted '$words'"
	awk -v n="$name" -v s="$sub" 'BEGIN { f = 1 }
	    $1 == n {
		if (s == "") { f = 0; exit }
		for (i = 2; i <= NF; i++) if ($i == s) { f = 0; exit }
	    }
	    END { exit f }' "$T/mantags" || noman="$noman '$words'"
done <"$T/rows"
is "$nohelp" "" "COMMAND [SUBCOMMAND] --help exits 0, on stdout only, for every row"
is "$badhelp" "" "COMMAND [SUBCOMMAND] --help prints the row's usage line"
is "$notlisted" "" "kezdesu --help lists every row"
is "$noman" "" "docs/kezdesu.1 has a COMMANDS entry for every row"

# A command's own --help lists its subcommands' usage; -h is --help.
kz visit --help
rc_is 0 "visit --help exits 0"
n=$(grep -c '^ *\(usage: \)\{0,1\}kezdesu visit [a-z]' "$T/out")
is "$n" "$(grep -c '^visit ' "$T/rows")" "visit --help gives the usage of each visit subcommand"
kz issue link -h
rc_is 0 "issue link -h exits 0"
like "$(head -n 1 "$T/out")" "usage: kezdesu issue link *ISSUE QUESTION*" "-h is --help"
like "$(out)" "*Tie questions to an issue*" "... with what the subcommand does"
kz help issue link
is "$(usage_block)" "$(grep '^kezdesu issue link' "$T/syn" | sed 's/^/usage: /')" \
    "help COMMAND SUBCOMMAND is COMMAND SUBCOMMAND --help"

# --help needs no store, and makes none.
D=$T/none
kz --db "$D" calendar show --help
check "calendar show --help needs no store and makes none" [ "$rc" -eq 0 -a ! -e "$D" ]

# Bad usage gives the table's usage line.
kz --db "$D" visit frob
fails 2 "visit: usage: kezdesu visit add|list|show|set ..." "an unknown subcommand: the subcommands"
kz --db "$D" help frob
fails 2 "unknown command 'frob'" "help of an unknown command: exit 2"
# A subcommand's bad usage: its usage line from the table, word for word.
usage_from_table() {
	kz --db "$D" "$@"
	want="kezdesu: $1 $2: usage: $(grep "^kezdesu $1 $2 " "$T/syn")"
	if [ "$rc" -eq 2 ] && [ ! -s "$T/out" ] && grep -qxF "$want (kezdesu $1 $2 --help)" "$T/err"
	then
		ok "$1 $2: bad usage prints the row's usage line"
	else
		not_ok "$1 $2: bad usage prints the row's usage line"
		diag "want: $want" && diag_file "$T/err" 3
	fi
}
usage_from_table visit show
usage_from_table issue add --unit 613600000
usage_from_table calendar revise
usage_from_table holiday add
usage_from_table question add --topic roads
kz --db "$D" plan
fails 2 "plan: usage: kezdesu plan YEAR (kezdesu plan --help)" "plan without a year: its usage"
check "bad usage makes no store" [ ! -e "$D" ]
# The man page's KEYS are the action table's and the default keymap's (kezdesu help --man-keys):
# a binding or an action's help changed without the man page fails here.
kz help --man-keys
rc_is 0 "help --man-keys exits 0"
sed -n '/^\.\\" keys begin$/,/^\.\\" keys end$/p' "$MAN" | sed '1d;$d' >"$T/mankeys"
check "the man page's KEYS section is what help --man-keys prints" cmp -s "$T/out" "$T/mankeys" ||
    diff "$T/out" "$T/mankeys" | head -10 | sed 's/^/#   /'
check "KEYS lists F10 quit and Tab next-pane" sh -c "grep -q '^\.B global F10\$' '$T/out' &&
    grep -q '^\.B global Tab\$' '$T/out'"
done_testing
