#!/usr/bin/env python3
"""Checks a report's CSV with python3's csv module.

Usage: check_csv.py FILE [--bom]
Exit 0 and nothing printed when FILE is UTF-8 (with a byte order mark exactly when --bom),
RFC 4180 (every line ends in CRLF; quotes balanced: the csv module reads it in strict
mode), and no cell would be read by a spreadsheet as a formula (= + - @ first). Prints the
number of rows with --count.
"""
import csv
import io
import sys


def main():
    path = sys.argv[1]
    bom = "--bom" in sys.argv[2:]
    problems = []
    raw = open(path, "rb").read()
    if raw.startswith(b"\xef\xbb\xbf") != bom:
        problems.append("a byte order mark %s" % ("missing" if bom else "not asked for"))
        raw = raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw
    elif bom:
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        print("%s: not UTF-8: %s" % (path, e))
        return 1
    # Every line end is CRLF (a line end inside a quoted field is the field's own).
    rows = []
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error as e:
        problems.append("csv: %s" % e)
    if text and not text.endswith("\r\n"):
        problems.append("the last line does not end in CRLF")
    if "\n" in text.replace("\r\n", ""):
        problems.append("a bare LF line end")
    for i, row in enumerate(rows):
        for cell in row:
            if cell[:1] in ("=", "+", "-", "@"):
                problems.append("row %d: a cell a spreadsheet reads as a formula: %r"
                                % (i + 1, cell[:30]))
    if not rows or not rows[0] or not rows[0][0]:
        problems.append("no title in the first row")
    for p in problems:
        print("%s: %s" % (path, p))
    if "--count" in sys.argv[2:]:
        print(len(rows))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
