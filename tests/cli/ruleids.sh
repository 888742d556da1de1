#!/bin/sh
# docs/rules.md stays true: every rule of the decree (../shared/decree/RULES.md) has its
# section there, every source or test file a section names exists and cites the rule
# (code and tests cite rule IDs, so that a reader can trace a rule to the law), and every
# test function it names exists.
. "$(dirname "$0")/lib/lib.sh"

RULES=$KZ_SHARED/decree/RULES.md
DOC=$top/docs/rules.md

if [ ! -r "$RULES" ]; then
	not_ok "RULES.md readable at $RULES"
	done_testing
fi

# The IDs RULES.md defines: "- **K-1**" items and "| C-1 |" table rows.
ids=$( { grep -o '^- \*\*[A-Z]-[0-9]\*\*' "$RULES" | sed 's/^- \*\*//; s/\*\*$//'
	grep -o '^| [A-Z]-[0-9] |' "$RULES" | tr -d '| '; } | LC_ALL=C sort -u)
n=$(echo "$ids" | wc -l)
test "$n" -ge 20 && ok "RULES.md defines $n rule IDs" || not_ok "RULES.md defines only $n rule IDs"

# sections: one line per section, "IDS<TAB>BODY" (the heading's IDs, a range "C-1 .. C-5"
# expanded, and the section's text up to the next heading on one line).
awk '
function flush() {
	if (head != "")
		printf "%s\t%s\n", head, body
}
/^##+ / {
	flush()
	head = ""
	body = ""
	line = $0
	if (match(line, /[A-Z]-[0-9] \.\. [A-Z]-[0-9]/)) {
		r = substr(line, RSTART, RLENGTH)
		l = substr(r, 1, 1)
		for (k = substr(r, 3, 1) + 0; k <= substr(r, 10, 1) + 0; k++)
			head = head " " l "-" k
	} else {
		while (match(line, /[A-Z]-[0-9]/)) {
			head = head " " substr(line, RSTART, RLENGTH)
			line = substr(line, RSTART + RLENGTH)
		}
	}
	next
}
{ body = body " " $0 }
END { flush() }' "$DOC" >"$T/sections"

for id in $ids; do
	if grep -q "^[^	]* $id\( \|	\)" "$T/sections"; then
		ok "$id has its section in docs/rules.md"
	else
		not_ok "$id has no section in docs/rules.md"
	fi
done

bad=0
checked=0
while IFS='	' read -r head body; do
	test -n "$head" || continue
	for p in $(printf '%s\n' "$body" | grep -o '`\(src\|tests\)/[A-Za-z0-9_./-]*`' | tr -d '`' |
	    LC_ALL=C sort -u); do
		checked=$((checked + 1))
		if [ ! -f "$top/$p" ]; then
			diag "docs/rules.md, section$head: $p does not exist"
			bad=$((bad + 1))
			continue
		fi
		cited=0
		for id in $head; do
			grep -q -- "$id" "$top/$p" && cited=1
		done
		if [ "$cited" -eq 0 ]; then
			diag "docs/rules.md, section$head: $p does not cite$head"
			bad=$((bad + 1))
		fi
	done
	# Test functions: the words test_... outside the `paths` (tests/unit/test_rules.c).
	for f in $(printf '%s\n' "$body" | sed 's/`[^`]*`//g' | grep -o 'test_[a-z0-9_]*' |
	    LC_ALL=C sort -u); do
		checked=$((checked + 1))
		if ! grep -q "^$f(" "$top"/tests/unit/*.c; then
			diag "docs/rules.md, section$head: no test function $f in tests/unit"
			bad=$((bad + 1))
		fi
	done
done <"$T/sections"
test "$checked" -gt 50 && ok "docs/rules.md names $checked files and tests" ||
	not_ok "docs/rules.md names only $checked files and tests"
is "$bad" 0 "every file docs/rules.md names exists and cites its rule, every test exists"

done_testing
