#!/bin/sh
# The one display sanitiser (core/text.c, text_escape) on every output path: text holding
# every class of character that steers a terminal (C0 and C1 controls, DEL, the
# bidirectional marks, embeddings, overrides and isolates, the line and paragraph
# separators) and, where the program can be given it, bytes that are not UTF-8, is saved
# and then printed by records in tsv, json and text, by the overview, by messages and by
# usage errors. No output may carry one of them raw; tsv keeps one record a line and
# unescapes to the exact text; json parses and reads back the exact text.
. "$(dirname "$0")/lib/lib.sh"

S=$T/store
make_store "$S"

# Everything runs in python: it can pass any bytes as arguments and look at the bytes out.
# One line "pass|fail NAME" each, details as "# ..." lines.
"$PY" - "$KZ" "$S" "$T" >"$T/results" 2>&1 <<'EOF'
import json, re, subprocess, sys

kz, store, tmp = sys.argv[1], sys.argv[2], sys.argv[3]

# Every character class the sanitiser must escape, one of each, between letters.
CLASSES = {
    "C0 SOH": "\x01", "ESC": "\x1b", "CSI sequence": "\x1b[31m", "BEL": "\x07",
    "TAB": "\t", "LF": "\n", "CR": "\r", "DEL": "\x7f", "C1 NEL": "\u0085",
    "C1 CSI": "\u009b", "LRM": "\u200e", "RLM": "\u200f", "ALM": "\u061c",
    "LRE": "\u202a", "RLE": "\u202b", "PDF": "\u202c", "LRO": "\u202d", "RLO": "\u202e",
    "LRI": "\u2066", "RLI": "\u2067", "FSI": "\u2068", "PDI": "\u2069",
    "LINE SEPARATOR": "\u2028", "PARAGRAPH SEPARATOR": "\u2029",
}
EVIL = "Қ" + "".join("%s%d" % (c, i) for i, c in enumerate(CLASSES.values())) + " \\ жол"
# Bytes that are not UTF-8, only where the program takes them (arguments, file names).
BAD = [b"\xff", b"\xc3", b"\xe2\x80", b"\xc0\xaf", b"\xed\xa0\x80"]
EVIL_BYTES = EVIL.encode() + b"".join(BAD) + b"end"
STEER = set(range(0x20)) | set(range(0x7f, 0xa0)) | {0x61c, 0x200e, 0x200f, 0x2028, 0x2029} \
    | set(range(0x202a, 0x202f)) | set(range(0x2066, 0x206a))

def result(ok, name, details=()):
    print(("pass " if ok else "fail ") + name)
    for d in ([] if ok else list(details)[:8]):
        print("# " + d)

def raw(b, allowed="\n"):
    """What in b would reach a terminal raw: invalid UTF-8, or a steering character."""
    try:
        s = b.decode("utf-8")
    except UnicodeDecodeError as e:
        return ["byte %d is not UTF-8: %r" % (e.start, b[max(0, e.start - 10):e.start + 4])]
    return ["U+%04X at %d: %r" % (ord(c), i, s[max(0, i - 10):i + 4])
            for i, c in enumerate(s) if ord(c) in STEER and c not in allowed]

def kz_run(*args, db=True):
    argv = [kz] + (["--db", store] if db else []) + list(args)
    p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return p.returncode, p.stdout, p.stderr

def setup(name, *args):
    rc, out, err = kz_run(*args)
    if rc != 0:
        print("fail setup: %s (exit %d: %r)" % (name, rc, err[:200]))
        sys.exit(0)
    return out.decode().strip()

def unescape(b):
    out, i = bytearray(), 0
    while i < len(b):
        c = b[i]
        if c == 0x5c and i + 1 < len(b):
            n = b[i + 1]
            if n == 0x78:
                out.append(int(b[i + 2:i + 4], 16)); i += 4; continue
            if n == 0x75:
                out += chr(int(b[i + 2:i + 6], 16)).encode("utf-8"); i += 6; continue
            out.append({0x74: 9, 0x6e: 10, 0x72: 13, 0x5c: 0x5c}.get(n, n)); i += 2; continue
        out.append(c); i += 1
    return bytes(out)

V = setup("visit add", "visit", "add", "--akim", "613600000", "--target", "613637000",
          "--date", "2026-12-10", "--venue", EVIL)
setup("question add", "question", "add", "--visit", V, "--topic", EVIL, "--", EVIL)
I = setup("issue add", "issue", "add", "--title", EVIL, "--executor", EVIL,
          "--unit", "613637000", "--deadline", "2026-12-30")
setup("issue set", "issue", "set", I, "--note", EVIL, "--step", EVIL)

# Records in every format.
for what, args, ncols, textcol in [
        ("question list", ["question", "list"], 7, 6),
        # issue: 7 columns and the unit's name; visit: 10 and the akim's and target's names
        ("issue show", ["issue", "show", I], 8, 6),
        ("issue list", ["issue", "list"], 8, 6),
        ("visit show", ["visit", "show", V], 12, None)]:
    for fmt in ("tsv", "json", "text"):
        rc, out, err = kz_run(*(args + ["--format", fmt]))
        name = "%s --format %s" % (what, fmt)
        if rc != 0:
            result(False, name + " works", ["exit %d: %r" % (rc, err[:200])])
            continue
        bad = raw(out, "\n\t" if fmt == "tsv" else "\n")
        result(not bad, name + ": no raw control, bidi or separator character", bad)
        if fmt == "tsv":
            rows = out.split(b"\n")[:-1]
            bad = ["%d fields: %r" % (len(r.split(b"\t")), r[:60]) for r in rows
                   if len(r.split(b"\t")) != ncols]
            result(len(rows) == 1 and not bad, name + ": one record, one line, %d fields"
                   % ncols, ["%d lines" % len(rows)] + bad)
            if textcol is not None and rows:
                got = unescape(rows[0].split(b"\t")[textcol])
                result(got == EVIL.encode(), name + ": the text unescapes to what was saved",
                       ["got %r" % got])
        elif fmt == "json":
            try:
                v = json.loads(out.decode("utf-8"))
                obj = v[0] if isinstance(v, list) else v
                texts = [obj.get(k) for k in ("text", "title", "venue") if k in obj]
                ok = texts and all(t == EVIL for t in texts)
                result(ok, name + ": json parses and reads back the exact text",
                       ["got %r" % texts])
            except Exception as e:
                result(False, name + ": json parses", [str(e), repr(out[:200])])
        else:
            bad = [repr(l[:60]) for l in out.decode("utf-8", "replace").split("\n")
                   if l and not re.match(r"^ *[a-z_]+( \d+)?:( |$)", l)]
            result(not bad, name + ": every line is one 'field: value'", bad)
            result(b"\\u202E" in out,
                   name + ": the override shows as \\u202E", [repr(out[:120])])

# The overview and other text that is not a record.
rc, out, err = kz_run()
bad = raw(out)
result(rc == 0 and not bad, "the overview (kezdesu without a command) has no raw character",
       bad or ["exit %d: %r" % (rc, err[:200])])
result(b"\\u202E" in out, "the overview shows the issue's title with its override escaped")

rc, _, err = kz_run("calendar", "approve", "2026", "--date", "2026-01-12")
rc2, _, err2 = kz_run("calendar", "revise", "2026", "--date", "2026-03-01", "--reason", EVIL)
result(rc == 0 and rc2 == 0, "calendar approve and revise with the text as reason",
       [repr(err[:200]), repr(err2[:200])])
for fmt in ("text", "tsv", "json"):
    rc, out, err = kz_run("calendar", "show", "2026", "--revision", "1", "--format", fmt)
    bad = raw(out, "\n\t" if fmt != "json" else "\n")
    result(rc == 0 and not bad, "calendar show --revision 1 --format %s: no raw character" % fmt,
           bad or ["exit %d: %r" % (rc, err[:200])])
    if fmt == "json":
        try:
            r = json.loads(out.decode()).get("reason")
        except Exception as e:
            r = str(e)
        result(r == EVIL, "calendar show --revision 1 --format json reads back the reason",
               ["got %r" % r])

rc, out, err = kz_run("holiday", "add", "2026-12-31", "--off", "--name", EVIL)
rc2, out2, err2 = kz_run("holiday", "list", "--year", "2026")
bad = raw(out2, "\n\t")
result(rc == 0 and rc2 == 0 and not bad, "holiday list: no raw character in a day's name",
       bad or [repr(err[:200]), repr(err2[:200])])
rc, out, err = kz_run("official", EVIL)
rc2, out2, err2 = kz_run("official")
result(rc == 0 and rc2 == 0 and not raw(out2) and out2.count(b"\n") == 1,
       "official: the name is shown on one line, escaped", raw(out2) or [repr(out2[:100])])

# Messages: a file name and arguments the program echoes, with bytes that are not UTF-8.
def one_line_message(name, want_rc, args, db=True):
    rc, out, err = kz_run(*args, db=db)
    bad = raw(err)
    ok = rc == want_rc and not bad and err.count(b"\n") == 1 and err.startswith(b"kezdesu: ")
    result(ok, name, bad + ["exit %d (want %d), stderr %r" % (rc, want_rc, err[:300])])
    return err

missing = tmp.encode() + b"/no such " + EVIL_BYTES + b".csv"
err = one_line_message("an error message naming a file shows its name escaped", 1,
                       [b"units", b"import", missing])
result(b"\\xFF" in err and b"\\u202E" in err and b"\\x1B[31m" in err,
       "the message shows the bytes as \\xFF, \\x1B and \\u202E", [repr(err[:300])])
for name, args in [
        ("usage error: a bad UUID echoed", [b"question", b"list", b"--visit", EVIL_BYTES]),
        ("usage error: a bad date echoed", [b"due", b"--date", EVIL_BYTES]),
        ("usage error: a bad number echoed", [b"calendar", b"show", b"2026", b"--revision",
                                              EVIL_BYTES]),
        ("usage error: an unknown value echoed", [b"question", b"add", b"--asker", EVIL_BYTES,
                                                  b"x"]),
        ("usage error: an unknown option echoed", [b"visit", b"list", b"--" + EVIL_BYTES]),
        ("usage error: an unexpected argument echoed", [b"visit", b"list", EVIL_BYTES]),
        ("usage error: an unknown command echoed", [EVIL_BYTES]),
        ("usage error: an unknown format echoed", [b"issue", b"list", b"--format",
                                                   EVIL_BYTES])]:
    err = one_line_message(name, 2, args)
    result(b"\\u202E" in err, name + ": the override shows as \\u202E", [repr(err[:300])])
one_line_message("usage error: an unknown global option echoed", 2, [b"--" + EVIL_BYTES],
                 db=False)
# A message longer than any fixed buffer is escaped whole, to its end.
err = one_line_message("usage error: a 3000-byte argument echoed", 2,
                       [b"visit", b"list", b"q" * 3000 + b"\xe2\x80\xae\x1b."])
result(err.endswith(b"q" * 100 + b"\\u202E\\x1B.'\n"),
       "usage error: a 3000-byte argument is shown whole, escaped", [repr(err[-80:])])
EOF
while read -r st name; do
	case $st in
	pass) ok "$name" ;;
	fail) not_ok "$name" ;;
	*) printf '%s %s\n' "$st" "$name" ;;
	esac
done <"$T/results"

# units import --edition: the edition is echoed in the summary line.
ED=$(printf '2026\033[2J\342\200\256\342\200\250\177\302\205')
kz --db "$S" units import "$SAMPLE" --edition "$ED"
rc_is 0 "units import with an edition holding control characters"
c0=$(LC_ALL=C tr -d '\n' <"$T/out" | LC_ALL=C tr -dc '\000-\037\177' | wc -c | tr -d ' ')
is "$c0" 0 "units import --edition: the summary has no raw control byte"
like "$(out)" '*edition 2026\\x1B\[2J\\u202E\\u2028\\x7F\\u0085:*' \
    "units import --edition: the edition shows escaped"

done_testing
