#!/bin/sh
# The Big List of Naughty Strings as questions from the hall: each string is saved and read
# back byte for byte, or refused with a stdin:N message; the store survives; the output
# never carries raw control characters to the terminal.
. "$(dirname "$0")/lib/lib.sh"

[ -r "$BLNS" ] || bail_out "no naughty strings at $BLNS"
S=$T/store
make_store "$S"
kz --db "$S" visit add --akim "$DISTRICT" --target 613637000 --date 2026-12-10
V=$(out)
is_uuid "$V" || bail_out "setup: visit add"
kz --db "$S" visit add --akim "$DISTRICT" --target 613633000 --date 2026-12-11
V2=$(out)
is_uuid "$V2" || bail_out "setup: second visit add"

# Every non-comment, non-empty line; then two long ones: exactly the limit (16384 bytes,
# saved) and one byte more (refused).
LC_ALL=C grep -av '^#' "$BLNS" | LC_ALL=C grep -av '^$' >"$T/strings"
nblns=$(nlines "$T/strings")
diag "$nblns naughty strings from $BLNS"
long=$(printf '%16384s' '' | tr ' ' 'q')
printf '%s\n%sq\n' "$long" "$long" >>"$T/strings"
total=$(nlines "$T/strings")

t0=$(now_ms)
kz_in "$T/strings" --db "$S" question add --visit "$V" -
t1=$(now_ms)
cp "$T/out" "$T/add.out"
cp "$T/err" "$T/add.err"
nsaved=$(grep -c '^saved ' "$T/add.out")
nrefused=$(grep -c '^kezdesu: stdin:' "$T/add.err")
diag "$total lines: $nsaved saved, $nrefused refused, in $((t1 - t0)) ms"
check "question add - survives every string (exit 0 or 1, not a crash; got $rc)" \
    [ "$rc" -eq 0 -o "$rc" -eq 1 ]
if [ "$nrefused" -gt 0 ]; then want_rc=1; else want_rc=0; fi
is "$rc" "$want_rc" "exit status 1 exactly when some line was refused"
bad=$(grep -v '^saved [0-9a-f-]\{36\}$' "$T/add.out" | head -3)
is "$bad" "" "stdout holds only 'saved UUID' lines"
bad=$(grep -v '^kezdesu: stdin:[0-9][0-9]*: ..*$' "$T/add.err" | head -3)
is "$bad" "" "stderr holds only 'kezdesu: stdin:N: reason' lines"

kz --db "$S" question list --visit "$V" --format json
cp "$T/out" "$T/list.json"
check "question list --format json parses" json_ok "$T/list.json"
kz --db "$S" question list --visit "$V" --format tsv
cp "$T/out" "$T/list.tsv"
rc_is 0 "question list --format tsv works after the naughty strings"

# The checks that need bytes and JSON, in python; one line "pass|fail NAME" each, details
# as "# ..." lines.
"$PY" - "$T/strings" "$T/add.out" "$T/add.err" "$T/list.json" "$T/list.tsv" \
    >"$T/results" 2>&1 <<'EOF'
import json, re, sys

strings_f, out_f, err_f, json_f, tsv_f = sys.argv[1:6]
lines = open(strings_f, "rb").read().split(b"\n")
if lines and lines[-1] == b"":
    lines.pop()
saved = [l.split()[1] for l in open(out_f, encoding="ascii").read().splitlines()
         if l.startswith("saved ")]
refused = {}
for l in open(err_f, "rb").read().decode("utf-8", "replace").splitlines():
    m = re.match(r"kezdesu: stdin:(\d+): (.*)$", l)
    if m:
        refused[int(m.group(1))] = m.group(2)

def result(ok, name, details=()):
    print(("pass " if ok else "fail ") + name)
    for d in ([] if ok else list(details)[:12]):
        print("# " + d)

# Which line each saved id belongs to: the lines not refused, in order.
kept = [i for i in range(1, len(lines) + 1) if i not in refused]
result(len(kept) == len(saved) and all(1 <= n <= len(lines) for n in refused),
       "every line is either saved or refused with stdin:N (%d + %d = %d)"
       % (len(saved), len(refused), len(lines)),
       ["%d lines not refused but %d saved" % (len(kept), len(saved))])
by_id = dict(zip(saved, kept))

try:
    rows = json.load(open(json_f, encoding="utf-8"))
except Exception as e:
    rows = []
got = {q["id"]: q.get("text", "").encode("utf-8") for q in rows}
bad = ["line %d (%r): %s" % (n, lines[n - 1][:40],
       "missing" if i not in got else "read back as %r" % got[i][:40])
       for i, n in by_id.items() if got.get(i) != lines[n - 1]]
result(not bad, "every saved string reads back byte for byte (json)", bad)
result(len(rows) == len(saved), "the visit holds exactly the saved questions (%d, want %d)"
       % (len(rows), len(saved)))

def unescape(b):
    out, i = bytearray(), 0
    while i < len(b):
        c = b[i]
        if c == 0x5c and i + 1 < len(b):
            n = b[i + 1]
            if n == 0x78 and i + 3 < len(b):
                out.append(int(b[i + 2:i + 4], 16)); i += 4; continue
            if n == 0x75 and i + 5 < len(b):
                out += chr(int(b[i + 2:i + 6], 16)).encode("utf-8"); i += 6; continue
            out.append({0x74: 9, 0x6e: 10, 0x72: 13, 0x5c: 0x5c}.get(n, n)); i += 2; continue
        out.append(c); i += 1
    return bytes(out)

tsv = {}
for row in open(tsv_f, "rb").read().split(b"\n"):
    if row:
        f = row.split(b"\t")
        tsv[f[0].decode()] = (len(f), unescape(f[6]) if len(f) > 6 else None)
bad = ["line %d (%r): %r" % (n, lines[n - 1][:40], tsv.get(i))
       for i, n in by_id.items() if tsv.get(i) != (7, lines[n - 1])]
result(not bad, "every saved string reads back byte for byte (tsv, unescaped, 7 columns)", bad)

n = len(lines)
result(n - 1 in by_id.values(), "a question of exactly 16384 bytes is saved")
result("too long" in refused.get(n, ""), "a question of 16385 bytes is refused as too long",
       ["stdin:%d: %s" % (n, refused.get(n, "(not refused)"))])
for k, v in sorted(refused.items()):
    if k < n:
        print("# refused stdin:%d %r: %s" % (k, lines[k - 1][:30], v))
EOF
while read -r st name; do
	case $st in
	pass) ok "$name" ;;
	fail) not_ok "$name" ;;
	*) echo "$st $name" ;;
	esac
done <"$T/results"

# Raw control bytes in what reaches a terminal.
c0=$(LC_ALL=C tr -d '\t\n' <"$T/list.tsv" | LC_ALL=C tr -dc '\000-\037\177' | wc -c | tr -d ' ')
is "$c0" 0 "question list tsv has no raw C0 control byte (or DEL) besides tab and newline"
esc=$(LC_ALL=C tr -dc '\033' <"$T/list.tsv" | wc -c | tr -d ' ')
is "$esc" 0 "question list tsv has no raw ESC"
c0=$(LC_ALL=C tr -d '\t\n' <"$T/add.err" | LC_ALL=C tr -dc '\000-\037\177' | wc -c | tr -d ' ')
is "$c0" 0 "the refusal messages have no raw control bytes"
kz --db "$S" question list --visit "$V" --format text
c0=$(LC_ALL=C tr -d '\n' <"$T/out" | LC_ALL=C tr -dc '\000-\037\177' | wc -c | tr -d ' ')
is "$c0" 0 "question list --format text has no raw control byte besides newline"
# C1 controls (U+0080..U+009F, UTF-8 C2 80..C2 9F: NEL, CSI...) steer terminals as well.
c1() {
	"$PY" -c 'import re,sys; print(len(re.findall(rb"\xc2[\x80-\x9f]", open(sys.argv[1], "rb").read())))' "$1"
}
is "$(c1 "$T/out")" 0 "question list --format text has no raw C1 control character"
is "$(c1 "$T/list.tsv")" 0 "question list tsv has no raw C1 control character"

# The store still opens and lists.
kz --db "$S" units list
is "$rc:$(nlines "$T/out")" "0:75" "the store still opens and lists its 75 units"
kz --db "$S" visit show "$V"
rc_is 0 "the visit still shows"
kz --db "$S" question list --limit 1
rc_is 0 "question list without --visit still works"

# The argument path: strings that look like options, and every tenth string, as TEXT
# after "--" (but "-" itself, which means "read stdin").
: >"$T/argv.results"
i=0
while IFS= read -r s; do
	i=$((i + 1))
	case $s in
	-) continue ;;
	-*) ;;
	*) [ $((i % 10)) -eq 0 ] || continue ;;
	esac
	[ "$i" -le "$nblns" ] || continue
	if id=$("$KZ" --db "$S" question add --visit "$V2" -- "$s" 2>"$T/argv.err" </dev/null); then
		echo "$i $id" >>"$T/argv.results"
	else
		echo "$i - $(head -1 "$T/argv.err")" >>"$T/argv.results"
	fi
done <"$T/strings"
kz --db "$S" question list --visit "$V2" --format json
"$PY" - "$T/strings" "$T/argv.results" "$T/out" >"$T/results" 2>&1 <<'EOF'
import json, sys
lines = open(sys.argv[1], "rb").read().split(b"\n")
got = {q["id"]: q["text"].encode("utf-8") for q in json.load(open(sys.argv[3], encoding="utf-8"))}
bad, n, nref = [], 0, 0
for l in open(sys.argv[2], encoding="utf-8", errors="replace").read().splitlines():
    num, rest = l.split(" ", 1)
    s = lines[int(num) - 1]
    n += 1
    if rest.startswith("- "):
        nref += 1
        if not rest.startswith("- kezdesu: "):
            bad.append("line %s %r refused without a kezdesu: message: %s" % (num, s[:30], rest))
    elif got.get(rest) != s:
        bad.append("line %s %r read back as %r" % (num, s[:30], got.get(rest, b"(missing)")[:30]))
print(("pass " if not bad and n > 0 else "fail ") +
      "strings as command-line TEXT (%d, %d refused) are saved byte for byte or refused" % (n, nref))
for b in bad[:12]:
    print("# " + b)
EOF
while read -r st name; do
	case $st in
	pass) ok "$name" ;;
	fail) not_ok "$name" ;;
	*) echo "$st $name" ;;
	esac
done <"$T/results"

done_testing
