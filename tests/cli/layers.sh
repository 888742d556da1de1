#!/bin/sh
# The layers of docs/architecture.md, checked on the source: every #include "..." in src/
# goes down, never up, and the clients (cli/, ui/) never reach the store.
#
#   util < store < core < sync, report < cli, ui < main.c
#
# store/ knows no domain (no core/); cli/ and ui/ include nothing from store/ and name none
# of its functions, constants or databases (they hold a core/office.h context); only store/
# includes lmdb.h and only ui/ curses. A violation is named FILE:LINE.
#
# Usage: tests/cli/layers.sh [SRC_DIR]   (default: this tree's src/)
. "$(dirname "$0")/lib/lib.sh"

SRC=${1:-$top/src}

# scan DIR: one line per violation, "RULE<TAB>FILE:LINE: what", FILE relative to DIR.
scan() {
	find "$1" -name '*.[ch]' | LC_ALL=C sort | xargs awk -v dir="$1" '
	function rank(l) {
		if (l == "util") return 0
		if (l == "store") return 1
		if (l == "core") return 2
		if (l == "sync" || l == "report") return 3
		if (l == "cli" || l == "ui") return 4
		if (l == "main") return 5
		return -1
	}
	function bad(rule, msg) {
		printf "%s\t%s:%d: %s\n", rule, rel, FNR, msg
	}
	FNR == 1 {
		rel = substr(FILENAME, length(dir) + 2)
		layer = index(rel, "/") ? substr(rel, 1, index(rel, "/") - 1) : "main"
		comment = 0
		if (rank(layer) < 0)
			bad("unknown", "a folder that is no layer of docs/architecture.md")
	}
	/^[ \t]*#[ \t]*include[ \t]*"/ {
		inc = $0
		sub(/^[^"]*"/, "", inc)
		sub(/".*$/, "", inc)
		ninc++
		if (!index(inc, "/"))
			next
		to = substr(inc, 1, index(inc, "/") - 1)
		if (rank(to) < 0)
			bad("unknown", "includes " inc ": " to "/ is no layer")
		else if ((layer == "cli" || layer == "ui") && to == "store")
			bad("client", "includes " inc ": " layer "/ never includes the store (core/office.h)")
		else if (rank(to) > rank(layer))
			bad(layer == "sync" || layer == "report" ? "middle" : layer, \
			    "includes " inc ": " layer "/ is below " to "/")
		next
	}
	/^[ \t]*#[ \t]*include[ \t]*<(lmdb\.h|lmdb\/)/ && layer != "store" {
		bad("lmdb", "includes lmdb.h: only store/ does")
	}
	/^[ \t]*#[ \t]*include[ \t]*<(n?curses|ncursesw\/|panel\.h|term\.h)/ && layer != "ui" {
		bad("curses", "includes curses: only ui/ does")
	}
	(layer == "cli" || layer == "ui") {
		# The code without comments and strings: a name in a comment is no use of it.
		line = $0
		out = ""
		while (line != "") {
			if (comment) {
				if (!(i = index(line, "*/"))) { line = ""; break }
				line = substr(line, i + 2)
				comment = 0
			} else if (match(line, /\/\*|\/\/|"([^"\\]|\\.)*"/)) {
				out = out substr(line, 1, RSTART - 1) " "
				tok = substr(line, RSTART, 2)
				if (tok == "//") { line = ""; break }
				line = substr(line, RSTART + (tok == "/*" ? 2 : RLENGTH))
				if (tok == "/*") comment = 1
			} else {
				out = out line
				line = ""
			}
		}
		if (match(out, /(^|[^A-Za-z0-9_])(store_[a-z0-9_]+|STORE_[A-Z0-9_]+|DB_[A-Z0-9_]+|mdb_[a-z0-9_]+|MDB_[A-Z0-9_]+)/)) {
			name = substr(out, RSTART, RLENGTH)
			sub(/^[^A-Za-z0-9_]/, "", name)
			bad("names", "uses " name ": the store is core'\''s, " layer "/ holds an office")
		}
	}
	END { printf "count\t%d\n", ninc }'
}

# report RULE NAME: ok when scan found no violation of RULE, else every one as a comment.
report() {
	if grep -q "^$1	" "$T/found"; then
		not_ok "$2"
		grep "^$1	" "$T/found" | cut -f 2- | sed 's/^/#   src\//'
	else
		ok "$2"
	fi
}

# The checker itself: a tree with one violation of each kind planted must show each.
mkdir -p "$T/planted/util" "$T/planted/store" "$T/planted/core" "$T/planted/cli" \
    "$T/planted/ui" "$T/planted/sync" "$T/planted/extra"
printf '#include "util/log.h"\n#include "core/date.h"\n' >"$T/planted/util/a.c"
printf '/* ok */\n#include "store/codec.h"\n#include "core/date.h"\n' >"$T/planted/store/a.c"
printf '#include <lmdb.h>\n#include "cli/out.h"\n' >"$T/planted/core/a.c"
printf '#include "core/office.h"\n  #  include "store/store.h"\n' >"$T/planted/cli/a.c"
printf '/* store_write() is fine here */\nint x = f("store_read"); // STORE_CREATE\n' \
    >"$T/planted/cli/b.c"
printf 'static int f(void)\n{\n\treturn store_write(s);\n}\n' >"$T/planted/ui/a.c"
printf '#include <curses.h>\n#include "ui/pane.h"\n' >"$T/planted/sync/a.c"
printf '#include "nowhere/x.h"\n' >"$T/planted/extra/a.c"
scan "$T/planted" >"$T/planted.out"
want='core	core/a.c:2: includes cli/out.h: core/ is below cli/
lmdb	core/a.c:1: includes lmdb.h: only store/ does
client	cli/a.c:2: includes store/store.h: cli/ never includes the store (core/office.h)
store	store/a.c:3: includes core/date.h: store/ is below core/
util	util/a.c:2: includes core/date.h: util/ is below core/
names	ui/a.c:3: uses store_write: the store is core'"'"'s, ui/ holds an office
curses	sync/a.c:1: includes curses: only ui/ does
middle	sync/a.c:2: includes ui/pane.h: sync/ is below ui/
unknown	extra/a.c:1: a folder that is no layer of docs/architecture.md
unknown	extra/a.c:1: includes nowhere/x.h: nowhere/ is no layer'
is "$(grep -v '^count' "$T/planted.out" | LC_ALL=C sort)" "$(echo "$want" | LC_ALL=C sort)" \
    "the checker finds each kind of planted violation, and nothing in comments or strings"

scan "$SRC" >"$T/found"
n=$(sed -n 's/^count	//p' "$T/found")
check "the source has includes to check ($n)" [ "${n:-0}" -gt 50 ]
report util "util/ includes nothing above it"
report store "store/ includes nothing from core/ and above: it knows no domain"
report core "core/ includes nothing from sync/, report/, ui/ or cli/"
report middle "sync/ and report/ include nothing from ui/ or cli/"
report client "cli/ and ui/ include nothing from store/"
report names "cli/ and ui/ name no store function, constant or database"
report lmdb "only store/ includes lmdb.h"
report curses "only ui/ includes curses"
report unknown "every folder and every include is a layer of docs/architecture.md"
done_testing
