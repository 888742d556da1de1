#!/bin/sh
# kezdesu export-open (issue 9, "Open data"): the files load into SQLite from the layout
# docs/open-data.md documents, and hold what the store holds (issue list, visit list, due);
# JSON Lines carry the same rows; personal data planted in questions never comes out;
# naughty issue titles survive CSV and JSON round trips; bad usage and a directory that
# cannot be written give one line and leave nothing half written.
. "$(dirname "$0")/lib/lib.sh"

export KEZDESU_NOW=2026-12-01
DOC=$top/docs/open-data.md
S=$T/demo
kz --db "$S" --demo
[ "$rc" -eq 0 ] || bail_out "setup: kezdesu --demo"

# ---- personal data planted where the office keeps it: askers' names and contacts, and
# question texts (which are not exported either) ----
kz --db "$S" visit list --format tsv
V=$(head -n 1 "$T/out" | cut -f 1)
is_uuid "$V" || bail_out "setup: a meeting of the demo"
kz --db "$S" question add --visit "$V" --asker citizen --name "Зейнегүл Planted-Ақжолова" \
    --contact "+7 701 555 12 34" "Planted-question-text: су қашан келеді?"
Q1=$(out)
kz --db "$S" question add --visit "$V" --asker citizen --name "Ерболат Planted-Сейітов" \
    --contact "planted.mail@example.kz" "Жол жөнделсін"
Q2=$(out)
is_uuid "$Q1" && is_uuid "$Q2" || bail_out "setup: question add with a name and a contact"
kz --db "$S" issue add --title "Planted issue: ауыз су" --unit 613630000 --visit "$V" \
    --executor "ТКШ бөлімі" --deadline 2027-03-01
I=$(out)
is_uuid "$I" || bail_out "setup: issue add"
kz --db "$S" issue link "$I" "$Q1" "$Q2"
[ "$rc" -eq 0 ] || bail_out "setup: issue link"
# M-2: a meeting of two people is withheld (issue 9: a count below 3 is not shown).
kz --db "$S" visit add --akim 613600000 --target 613630000 --date 2026-11-20 \
    --unscheduled "өтініш бойынша"
W=$(out)
is_uuid "$W" || bail_out "setup: visit add --unscheduled"
kz --db "$S" visit set "$W" --status held --attendance citizen=1,deputy=1
[ "$rc" -eq 0 ] || bail_out "setup: visit set --attendance"

# ---- CSV into a directory ----
kz --db "$S" export-open --format csv -o "$T/csv"
rc_is 0 "export-open --format csv -o DIR exits 0"
is "$(cat "$T/out" "$T/err")" "" "and says nothing"
is "$(cd "$T/csv" && ls -A | tr '\n' ' ')" "issues.csv meetings.csv obligations.csv " \
    "DIR holds the three files and no temporary one"
kz --db "$S" export-open --format jsonl -o "$T/csv"
rc_is 0 "export-open --format jsonl -o DIR into the same directory"
is "$(cd "$T/csv" && ls -A | tr '\n' ' ')" \
    "issues.csv issues.jsonl meetings.csv meetings.jsonl obligations.csv obligations.jsonl " \
    "the jsonl files are beside the csv ones"

# What the store says, through the commands people and scripts already use.
kz --db "$S" issue list --format tsv
cp "$T/out" "$T/issues.tsv"
kz --db "$S" visit list --format tsv
cp "$T/out" "$T/visits.tsv"
kz --db "$S" due --format tsv
cp "$T/out" "$T/due.tsv"
kz --db "$S" question list --visit "$V" --format json
cp "$T/out" "$T/ql.json"
check "setup: the store has issues, meetings and obligations" \
    [ -s "$T/issues.tsv" ] && [ -s "$T/visits.tsv" ] && [ -s "$T/due.tsv" ]

# The checks that need SQL, CSV and JSON, in python; one line "pass|fail NAME" each,
# details as "# ..." lines.
"$PY" - "$DOC" "$T/csv" "$T/issues.tsv" "$T/visits.tsv" "$T/due.tsv" "$I" "$V" "$W" "$T/ql.json" \
    >"$T/results" 2>&1 <<'EOF'
import csv, json, re, sqlite3, sys

doc, d, issues_tsv, visits_tsv, due_tsv, planted_issue, planted_visit, small, qlist = \
    sys.argv[1:10]

def result(ok, name, details=()):
    print(("pass " if ok else "fail ") + name)
    for x in ([] if ok else list(details)[:10]):
        print("# " + str(x))

# The layout as docs/open-data.md documents it: "## NAME.csv, ..." then a table whose
# rows are | `column` | type | meaning | rule | example |.
layout, cur = {}, None
for line in open(doc, encoding="utf-8"):
    m = re.match(r"## (\w+)\.csv", line)
    if m:
        cur = m.group(1)
        layout[cur] = []
        continue
    m = re.match(r"\| `(\w+)` \| (\w+) \|", line)
    if m and cur:
        layout[cur].append((m.group(1), m.group(2)))
result(sorted(layout) == ["issues", "meetings", "obligations"]
       and all(len(c) > 5 for c in layout.values()),
       "docs/open-data.md documents the three files' columns",
       [repr(layout)])
sqltype = {"integer": "INTEGER", "bigint": "INTEGER", "boolean": "BOOLEAN", "text": "TEXT",
           "date": "DATE", "time": "TIME", "timestamptz": "TIMESTAMP", "uuid": "TEXT"}
result(all(t in sqltype for c in layout.values() for _, t in c),
       "every documented type is one of the page's types",
       [t for c in layout.values() for _, t in c if t not in sqltype])

db = sqlite3.connect(":memory:")
rows = {}
for name, cols in layout.items():
    db.execute("CREATE TABLE %s (%s)" % (name, ", ".join(
        '"%s" %s' % (c, sqltype.get(t, "TEXT")) for c, t in cols)))
    raw = open("%s/%s.csv" % (d, name), "rb").read()
    result(not raw.startswith(b"\xef\xbb\xbf") and b"\r\n" not in raw.replace(b'""', b"")
           .split(b'"')[0] and raw.endswith(b"\n"),
           "%s.csv: UTF-8 without a BOM, LF line ends, ends with a line end" % name)
    with open("%s/%s.csv" % (d, name), newline="", encoding="utf-8") as f:
        r = list(csv.reader(f))
    result(r[0] == [c for c, _ in cols], "%s.csv: the header is the documented columns, "
           "in order" % name, ["got  %s" % r[0], "want %s" % [c for c, _ in cols]])
    result(all(len(x) == len(cols) for x in r[1:]), "%s.csv: every row has every column" % name)
    # An empty field is NULL, as PostgreSQL's COPY reads an unquoted empty field.
    db.executemany("INSERT INTO %s VALUES (%s)" % (name, ",".join("?" * len(cols))),
                   [[v if v != "" else None for v in x] for x in r[1:]])
    rows[name] = r
    result(all(x[0] == "1" for x in r[1:]), "%s.csv: layout_version is 1 in every row" % name)

def count(t):
    return db.execute("SELECT count(*) FROM %s" % t).fetchone()[0]

def tsv(path):
    return [l.rstrip("\n").split("\t") for l in open(path, encoding="utf-8") if l.strip()]

it, vt, dt = tsv(issues_tsv), tsv(visits_tsv), tsv(due_tsv)
result(count("issues") == len(it), "issues: as many rows in SQLite as `issue list` lines "
       "(%d)" % len(it), ["sqlite %d" % count("issues")])
result(count("meetings") == len(vt), "meetings: as many rows as `visit list` lines (%d)"
       % len(vt), ["sqlite %d" % count("meetings")])
result(count("obligations") == len(dt), "obligations: as many rows as `due` lines (%d)"
       % len(dt), ["sqlite %d" % count("obligations")])

# issue list: id status deadline level unit executor title unit-name
bad = []
for x in it:
    got = db.execute("SELECT status, deadline, level, unit_kato, executor, title, unit_name_kk "
                     "FROM issues WHERE id = ?", (x[0],)).fetchone()
    want = tuple(v if v != "" else None for v in x[1:8])
    if got != want:
        bad.append("%s: %r != %r" % (x[0], got, want))
result(not bad, "issues: status, deadline, level, unit, executor, title and unit name "
       "are `issue list`'s", bad)
# visit list: id date time akim target status field unscheduled announced published ...
bad = []
for x in vt:
    got = db.execute("SELECT date, time, akim_kato, target_kato, status, field, unscheduled, "
                     "announced_on, published_on FROM meetings WHERE id = ?", (x[0],)).fetchone()
    want = (x[1], x[2] or None, x[3], x[4], x[5], "true" if x[6] == "yes" else "false",
            "true" if x[7] == "yes" else "false", x[8] or None, x[9] or None)
    if got != want:
        bad.append("%s: %r != %r" % (x[0], got, want))
result(not bad, "meetings: date, time, akim, target, status, field, unscheduled, announced "
       "and published are `visit list`'s", bad)
ids = [x[0] for x in db.execute("SELECT id FROM meetings ORDER BY rowid")]
result(ids == [x[0] for x in vt], "meetings are in `visit list`'s order (by date)")
# due: rule akim target period status visit date due days issue step
bad = []
got = db.execute("SELECT rule, akim_kato, target_kato, period, status, meeting_id, "
                 "meeting_date, due, days, issue_id, step FROM obligations ORDER BY rowid").fetchall()
for g, x in zip(got, dt):
    want = tuple(v if v != "" else None for v in (x + [""] * 11)[:11])
    g = tuple(str(v) if v is not None else None for v in g)
    if g != want:
        bad.append("%r != %r" % (g, want))
result(not bad and len(got) == len(dt), "obligations: rule, akim, target, period, status, "
       "meeting, due, days, issue and step are `due`'s, in its order", bad)
n = db.execute("SELECT count(DISTINCT id) FROM obligations").fetchone()[0]
result(n == count("obligations"), "obligations: every id is different (%d)" % n)

# The planted issue and meeting: counts of questions, attendance withheld.
q = db.execute("SELECT questions, meeting_id, overdue FROM issues WHERE id = ?",
               (planted_issue,)).fetchone()
result(q == (2, planted_visit, "false"), "issues: the planted issue counts its 2 questions",
       [repr(q)])
m = db.execute("SELECT attendance, attendance_below_3 FROM meetings WHERE id = ?",
               (small,)).fetchone()
result(m == (None, "true"), "meetings: an attendance of 2 is withheld (M-2, no one singled "
       "out)", [repr(m)])
# The meeting's questions as `question list` gives them: asked in the hall, answered on
# the spot, requests of the pool (P-2).
ql = json.load(open(qlist, encoding="utf-8"))
want = (sum(q["source"] == "meeting" for q in ql),
        sum(q["source"] == "meeting" and q["answered"] for q in ql),
        sum(q["source"] == "pool" for q in ql))
m = db.execute("SELECT questions, questions_answered, requests FROM meetings WHERE id = ?",
               (planted_visit,)).fetchone()
result(m == want and want[0] >= 2, "meetings: questions, answered and requests are "
       "`question list`'s (%d, %d, %d)" % want, [repr(m)])
m = db.execute("SELECT count(*) FROM meetings WHERE attendance >= 3").fetchone()[0]
result(m > 0, "meetings: attendances of 3 and more are there as numbers (%d)" % m)

# JSON Lines: the same keys in the same order and the same values, typed.
for name, cols in layout.items():
    lines = open("%s/%s.jsonl" % (d, name), encoding="utf-8").read().split("\n")
    result(lines[-1] == "", "%s.jsonl ends with a line end" % name)
    objs, bad = [], []
    for l in lines[:-1]:
        try:
            objs.append(json.loads(l, object_pairs_hook=lambda p: p))
        except ValueError as e:
            bad.append("%s: %s" % (e, l[:80]))
    result(not bad, "%s.jsonl: every line is one JSON object" % name, bad)
    result(all([k for k, _ in o] == [c for c, _ in cols] for o in objs),
           "%s.jsonl: every object has the documented keys, in order" % name)
    def text(v, t):
        if v is None:
            return ""
        if t == "boolean":
            return "true" if v is True else "false" if v is False else "?"
        if t in ("integer", "bigint"):
            return str(v) if type(v) is int else "?"
        return v
    bad = []
    for o, x in zip(objs, rows[name][1:]):
        got = [text(v, t) for (_, v), (_, t) in zip(o, cols)]
        if got != x:
            bad.append("%r != %r" % (got, x))
    result(not bad and len(objs) == len(rows[name]) - 1,
           "%s.jsonl: the same rows as %s.csv, numbers and booleans typed, none null"
           % (name, name), bad)
EOF
while read -r verdict name; do
	case $verdict in
	pass) ok "$name" ;;
	fail) not_ok "$name" ;;
	'#') diag "$name" ;;
	*) not_ok "python: $verdict $name" ;;
	esac
done <"$T/results"

# ---- no personal data, in any file or on standard output ----
for t in issues meetings obligations; do
	for f in csv jsonl; do
		"$KZ" --db "$S" export-open --format $f --table $t >>"$T/stdout.all" 2>>"$T/stdout.err"
	done
done
is "$(cat "$T/stdout.err")" "" "export-open --table T to standard output, each table and format"
cat "$T/csv"/* >"$T/files.all"
leaks=""
for p in Planted-Ақжолова Planted-Сейітов "701 555 12 34" planted.mail Planted-question-text \
    "Жол жөнделсін"; do
	grep -qF -- "$p" "$T/files.all" "$T/stdout.all" && leaks="$leaks '$p'"
done
is "$leaks" "" "no asker's name, contact or question text in any export"
check "the planted issue itself is exported (the check above looks at real output)" \
    grep -qF "Planted issue: ауыз су" "$T/files.all"

# ---- standard output is the file ----
kz --db "$S" export-open --format csv --table issues
check "--table issues on standard output is issues.csv byte for byte" cmp -s "$T/out" \
    "$T/csv/issues.csv"
kz --db "$S" export-open --format jsonl --table obligations
check "--table obligations --format jsonl is obligations.jsonl byte for byte" cmp -s \
    "$T/out" "$T/csv/obligations.jsonl"
kz --db "$S" export-open --format csv -o "$T/one" --table meetings
is "$rc:$(ls -A "$T/one" | tr '\n' ' ')" "0:meetings.csv " "-o DIR --table meetings writes that file only"

# ---- obligations' ids: two things owed under one rule (K-1: approve, notify) have two
# ids; the same obligation keeps its id from one day's export to the next ----
R=$T/region
KEZDESU_NOW=2026-01-05 kz --db "$R" init --unit 610000000
kz --db "$R" units import "$SAMPLE" --edition 2026-07-17
[ "$rc" -eq 0 ] || bail_out "setup: a region's store"
KEZDESU_NOW=2026-01-05 kz --db "$R" export-open --format csv --table obligations
grep '^1,[^,]*,"610000000","K-1"' "$T/out" | cut -d, -f2 >"$T/k1.a"
grep '^1,[^,]*,"610000000","K-1"' "$T/out" | cut -d, -f18 | tr '\n' ' ' >"$T/k1.days.a"
KEZDESU_NOW=2026-01-10 kz --db "$R" export-open --format csv --table obligations
grep '^1,[^,]*,"610000000","K-1"' "$T/out" | cut -d, -f2 >"$T/k1.b"
grep '^1,[^,]*,"610000000","K-1"' "$T/out" | cut -d, -f18 | tr '\n' ' ' >"$T/k1.days.b"
is "$(sort -u "$T/k1.a" | wc -l | tr -d ' ')" 2 "K-1's two obligations of a year have two ids"
is "$(cat "$T/k1.b")" "$(cat "$T/k1.a")" "and the same ids five days later"
is "$(cat "$T/k1.days.a")|$(cat "$T/k1.days.b")" "9 9 |4 4 " "while their days left change"

# ---- naughty strings as issue titles: CSV and JSON give back exactly what was saved ----
[ -r "$BLNS" ] || bail_out "no naughty strings at $BLNS"
N=$T/naughty
make_store "$N"
LC_ALL=C grep -av '^#' "$BLNS" | LC_ALL=C grep -av '^$' >"$T/strings"
: >"$T/saved"
while IFS= read -r s; do
	if id=$("$KZ" --db "$N" issue add --title "$s" --unit 613630000 2>/dev/null); then
		printf '%s\n' "$id" >>"$T/saved"
	else
		printf '%s\n' "-" >>"$T/saved"
	fi
done <"$T/strings"
diag "$(grep -c -v '^-$' "$T/saved") of $(nlines "$T/strings") naughty titles saved"
kz --db "$N" export-open --format csv -o "$T/n"
rc_is 0 "export-open --format csv after the naughty titles"
kz --db "$N" export-open --format jsonl -o "$T/n"
rc_is 0 "export-open --format jsonl after the naughty titles"
"$PY" - "$T/strings" "$T/saved" "$T/n" >"$T/results" 2>&1 <<'EOF'
import csv, json, sys

strings, saved, d = sys.argv[1:4]
lines = open(strings, "rb").read().split(b"\n")
if lines and lines[-1] == b"":
    lines.pop()
ids = open(saved).read().split()
want = {i: l.decode("utf-8", "surrogateescape") for i, l in zip(ids, lines) if i != "-"}
with open(d + "/issues.csv", newline="", encoding="utf-8") as f:
    r = list(csv.DictReader(f))
got_csv = {x["id"]: x["title"] for x in r}
got_json = {}
for l in open(d + "/issues.jsonl", encoding="utf-8").read().split("\n")[:-1]:
    o = json.loads(l)
    got_json[o["id"]] = o["title"]

def result(ok, name, details=()):
    print(("pass " if ok else "fail ") + name)
    for x in ([] if ok else list(details)[:10]):
        print("# " + str(x))

result(len(want) > 400, "most naughty strings were saved as titles (%d)" % len(want))
bad = ["%s: %r != %r" % (i, got_csv.get(i), s) for i, s in want.items() if got_csv.get(i) != s]
result(not bad and len(got_csv) == len(want),
       "issues.csv: every title read back by python's csv is the string saved", bad)
bad = ["%s: %r != %r" % (i, got_json.get(i), s) for i, s in want.items() if got_json.get(i) != s]
result(not bad and len(got_json) == len(want),
       "issues.jsonl: every title read back by python's json is the string saved", bad)
EOF
while read -r verdict name; do
	case $verdict in
	pass) ok "$name" ;;
	fail) not_ok "$name" ;;
	'#') diag "$name" ;;
	*) not_ok "python: $verdict $name" ;;
	esac
done <"$T/results"

# ---- PostgreSQL's COPY, as a national database would load the files, when a server can
# be started here (a private one: its own directory and socket, no TCP, stopped at exit) ----
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
PGD=
pg_stop() {
	[ -n "$PGD" ] || return 0
	$AS "$PGBIN/pg_ctl" -D "$PGD/data" -m immediate stop >/dev/null 2>&1
	rm -rf "$PGD"
	PGD=
}
trap 'pg_stop; kz_cleanup' EXIT
AS=
if [ -n "$PGBIN" ] && [ -x "$PGBIN/initdb" ] && command -v psql >/dev/null 2>&1; then
	PGD=$(mktemp -d /tmp/kezdesu-pg.XXXXXX)
	PGU=$(id -un)
	if [ "$(id -u)" -eq 0 ]; then
		AS="runuser -u postgres --"
		PGU=postgres
		chown postgres "$PGD"
	fi
	if $AS "$PGBIN/initdb" -D "$PGD/data" -E UTF8 --locale=C.UTF-8 -A trust \
	    >"$PGD.init" 2>&1 && $AS "$PGBIN/pg_ctl" -D "$PGD/data" -w -l "$PGD/data/log" \
	    -o "-k $PGD -c listen_addresses=''" start >>"$PGD.init" 2>&1; then
		:
	else
		diag "PostgreSQL would not start:"
		diag_file "$PGD.init" 5
		pg_stop
	fi
	rm -f "$PGD.init"
fi
if [ -n "$PGD" ]; then
	# The tables from docs/open-data.md's types as they are, and COPY ... (FORMAT csv,
	# HEADER true) of each file as it was written; the titles read back from the server.
	"$PY" - "$DOC" "$T/csv" "$T/n" "$T/pg-titles.csv" >"$T/load.sql" <<'EOF2'
import re, sys
doc, d, n, back = sys.argv[1:5]
layout, cur = {}, None
for line in open(doc, encoding="utf-8"):
    m = re.match(r"## (\w+)\.csv", line)
    if m:
        cur = m.group(1)
        layout[cur] = []
        continue
    m = re.match(r"\| `(\w+)` \| (\w+) \|", line)
    if m and cur:
        layout[cur].append((m.group(1), m.group(2)))
for t, cols in layout.items():
    print("CREATE TABLE %s (%s);" % (t, ", ".join("%s %s" % c for c in cols)))
    print("CREATE TABLE naughty_%s (LIKE %s);" % (t, t))
    print("\\copy %s FROM '%s/%s.csv' WITH (FORMAT csv, HEADER true)" % (t, d, t))
    print("SELECT '%s', count(*) FROM %s;" % (t, t))
print("\\copy naughty_issues FROM '%s/issues.csv' WITH (FORMAT csv, HEADER true)" % n)
print("\\copy (SELECT id, title FROM naughty_issues) TO '%s' WITH (FORMAT csv)" % back)
EOF2
	psql -h "$PGD" -U "$PGU" -d postgres -v ON_ERROR_STOP=1 -qtAX -f "$T/load.sql" \
	    >"$T/pg.out" 2>"$T/pg.err"
	is "$?:$(cat "$T/pg.err")" "0:" "PostgreSQL's COPY (FORMAT csv, HEADER true) loads the three files as they are"
	is "$(tr '\n' ' ' <"$T/pg.out")" \
	    "issues|$(nlines "$T/issues.tsv") meetings|$(nlines "$T/visits.tsv") obligations|$(nlines "$T/due.tsv") " \
	    "PostgreSQL holds as many rows as issue list, visit list and due"
	"$PY" - "$T/n/issues.csv" "$T/pg-titles.csv" >"$T/results" 2>&1 <<'EOF2'
import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    want = {x["id"]: x["title"] for x in csv.DictReader(f)}
with open(sys.argv[2], newline="", encoding="utf-8") as f:
    got = {x[0]: x[1] for x in csv.reader(f)}
bad = [i for i in want if got.get(i) != want[i]]
print(("pass " if not bad and len(got) == len(want) else "fail ") +
      "PostgreSQL gives back every naughty title exactly (%d)" % len(want))
for i in bad[:5]:
    print("# %s: %r != %r" % (i, got.get(i), want[i]))
EOF2
	while read -r verdict name; do
		case $verdict in
		pass) ok "$name" ;;
		fail) not_ok "$name" ;;
		'#') diag "$name" ;;
		*) not_ok "python: $verdict $name" ;;
		esac
	done <"$T/results"
	pg_stop
else
	ok "# SKIP PostgreSQL's COPY: no PostgreSQL server can be started here"
fi

# ---- bad usage: one line, exit 2, nothing written ----
kz --db "$S" export-open --table issues
fails 2 "export-open: --format csv or --format jsonl is needed" "no --format: one line, exit 2"
kz --db "$S" export-open --format xml --table issues
fails 2 "--format: unknown value 'xml' (one of: csv, jsonl)" "--format xml: one line, exit 2"
kz --db "$S" export-open --format csv
fails 2 "name the table for standard output" "neither --table nor -o: one line, exit 2"
kz --db "$S" export-open --format csv --table people
fails 2 "--table: unknown value 'people' (one of: issues, meetings, obligations)" \
    "--table people: one line, exit 2"
kz --db "$S" export-open --format csv --table issues extra
fails 2 "unexpected argument 'extra'" "an operand: one line, exit 2"
kz --db "$S" export-open --format csv -o
fails 2 "option '-o' needs a value" "-o without a directory: one line, exit 2"
kz --db "$S" export-open --format csv -o "$T/u1" -o "$T/u2"
fails 2 "-o given twice" "-o twice: one line, exit 2"
check "bad usage made no directory" [ ! -e "$T/u1" ] && [ ! -e "$T/u2" ]

# ---- a directory that cannot be written: one line, exit 1, nothing half written ----
printf 'x\n' >"$T/plain"
kz --db "$S" export-open --format csv -o "$T/plain/sub"
fails 1 "$T/plain/sub: cannot make the directory" "-o under a file: one line naming it, exit 1"
kz --db "$S" export-open --format csv -o "$T/plain"
fails 1 "$T/plain: not a directory" "-o a file: one line naming it, exit 1"
is "$(cat "$T/plain")" "x" "and the file is as it was"
if [ "$(id -u)" -ne 0 ]; then
	mkdir "$T/ro" && chmod 555 "$T/ro"
	kz --db "$S" export-open --format csv -o "$T/ro"
	fails 1 "$T/ro: cannot write there" "-o a directory without write permission: one line"
	is "$(ls -A "$T/ro")" "" "and nothing is left in it"
	chmod 755 "$T/ro"
else
	ok "# SKIP a directory without write permission (root writes anywhere)"
fi
# A write that fails half way (a file size limit; SIGXFSZ ignored, so write says EFBIG)
# over an earlier export: the earlier files stay whole, no temporary file is left.
cp -R "$T/csv" "$T/old"
(trap '' XFSZ; ulimit -f 40; exec "$KZ" --db "$S" export-open --format csv -o "$T/old") \
    >"$T/out" 2>"$T/err"
rc=$?
fails 1 "cannot write the export" "a write failing half way: one line, exit 1"
is "$(cd "$T/old" && ls -A | tr '\n' ' ')" \
    "issues.csv issues.jsonl meetings.csv meetings.jsonl obligations.csv obligations.jsonl " \
    "no temporary file is left"
same=yes
for f in "$T/csv"/*; do
	cmp -s "$f" "$T/old/${f##*/}" || same=no
done
is "$same" yes "the earlier export's files are as they were"
if [ -w /dev/full ]; then
	"$KZ" --db "$S" export-open --format csv --table issues >/dev/full 2>"$T/err"
	rc=$?
	: >"$T/out"
	fails 1 "issues: cannot write the export: No space left on device" \
	    "standard output that fills up: one line, exit 1"
else
	ok "# SKIP no /dev/full here"
fi
kz --db "$S" export-open --format csv -o "$T/new/sub"
fails 1 "$T/new/sub: cannot make the directory" "-o whose parent is missing: one line, exit 1"

done_testing
