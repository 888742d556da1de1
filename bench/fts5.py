#!/usr/bin/env python3
"""The anchor for make bench's search: SQLite FTS5 on the same texts.

Usage: fts5.py TEXTS_FILE DB_FILE RUNS LIMIT NAME=QUERY...

TEXTS_FILE holds one record a line, tab-separated: the text shown, then the other searched
fields (a question's topic; an issue's topic and executor), in the order kezdesu numbered
them, so that rowid order is kezdesu's "newest first". Each query's words become FTS5 prefix
terms ("w"*), all of them required, newest LIMIT first, with the text, as kezdesu answers.
Prints "load SECONDS BYTES ROWS SQLITE_VERSION", then "query NAME MEDIAN_MS P99_MS HITS" a query.
"""
import os
import sqlite3
import sys
import time


def main():
    texts, db, runs, limit = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    queries = [a.split("=", 1) for a in sys.argv[5:]]
    if os.path.exists(db):
        os.unlink(db)
    con = sqlite3.connect(db)
    con.execute("PRAGMA journal_mode=OFF")
    con.execute("PRAGMA synchronous=OFF")
    # unicode61 folds case in every script; remove_diacritics 0 keeps ё and the Kazakh
    # letters apart from е, к, г..., as kezdesu does.
    con.execute("CREATE VIRTUAL TABLE t USING fts5(text, other, "
                "tokenize='unicode61 remove_diacritics 0')")
    t0 = time.perf_counter()
    rows = 0
    with open(texts, encoding="utf-8") as f:
        batch = []
        for line in f:
            parts = line.rstrip("\n").split("\t", 1)
            batch.append((parts[0], parts[1] if len(parts) > 1 else ""))
            if len(batch) == 10000:
                con.executemany("INSERT INTO t(text, other) VALUES (?, ?)", batch)
                rows += len(batch)
                batch = []
        if batch:
            con.executemany("INSERT INTO t(text, other) VALUES (?, ?)", batch)
            rows += len(batch)
    con.commit()
    con.execute("INSERT INTO t(t) VALUES ('optimize')")
    con.commit()
    load = time.perf_counter() - t0
    print("load %.2f %d %d %s" % (load, os.path.getsize(db), rows, sqlite3.sqlite_version),
          flush=True)
    sql = "SELECT rowid, text FROM t WHERE t MATCH ? ORDER BY rowid DESC LIMIT %d" % limit
    for name, q in queries:
        match = " ".join('"%s"*' % w.replace('"', '""') for w in q.split())
        ms = []
        hits = 0
        for _ in range(runs):
            t0 = time.perf_counter()
            hits = len(con.execute(sql, (match,)).fetchall())
            ms.append((time.perf_counter() - t0) * 1000)
        ms.sort()
        p99 = ms[min(len(ms) - 1, max(0, int(0.99 * len(ms) + 0.999999) - 1))]
        print("query %s %.3f %.3f %d" % (name, ms[(len(ms) + 1) // 2 - 1], p99, hits),
              flush=True)
    con.close()
    os.unlink(db)


if __name__ == "__main__":
    main()
