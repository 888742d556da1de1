#!/usr/bin/env python3
"""Checks a report's HTML with a real parser (python3's html.parser) and a strict tag balance.

Usage: check_html.py LANG FILE [--text]
Exit 0 and nothing printed when FILE is a well-formed, self-contained report in LANG; else
one line per problem. With --text, prints the text a reader sees (entities decoded), for
greps of planted personal data.

Checked: a doctype; <html lang=LANG>; every element closed in order (void elements
excepted, SVG's self-closing ones allowed); nothing outside <html>; no script, link, iframe,
object, embed or img, no src/href attribute, no url( or @import in the style (one file, no
external resources); each table's rows have as many cells as its header; the print CSS
(A4, repeated headers, page breaks); every chart an inline SVG with its numbers as text.
"""
import sys
from html.parser import HTMLParser

VOID = {"meta", "br", "hr", "img", "input", "link", "area", "base", "col", "embed",
        "source", "track", "wbr"}
SVG_EMPTY = {"rect", "line", "path", "circle"}
FORBIDDEN = {"script", "link", "iframe", "object", "embed", "img", "frame", "base"}


class Checker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []
        self.problems = []
        self.doctype = False
        self.lang = None
        self.text = []
        self.style = []
        self.closed_html = False
        self.tables = []  # [header cells, [row cells...]]
        self.row = None
        self.in_thead = False
        self.svgs = 0
        self.svg_texts = 0

    def problem(self, msg):
        self.problems.append("line %d: %s" % (self.getpos()[0], msg))

    def handle_decl(self, decl):
        if decl.lower() == "doctype html":
            self.doctype = True

    def attrs_ok(self, tag, attrs):
        for name, value in attrs:
            if name in ("src", "href", "xlink:href", "srcset", "action"):
                self.problem("<%s %s=...>: a reference outside the file" % (tag, name))
            if value and "url(" in value:
                self.problem("<%s %s>: url( in an attribute" % (tag, name))
            if name.startswith("on"):
                self.problem("<%s %s>: an event handler" % (tag, name))

    def handle_starttag(self, tag, attrs):
        if self.closed_html:
            self.problem("<%s> after </html>" % tag)
        if not self.stack and tag != "html":
            self.problem("<%s> outside <html>" % tag)
        if tag in FORBIDDEN:
            self.problem("<%s>: not in a self-contained report" % tag)
        self.attrs_ok(tag, attrs)
        if tag == "html":
            self.lang = dict(attrs).get("lang")
        if tag == "table":
            self.tables.append([None, []])
        if tag == "thead":
            self.in_thead = True
        if tag == "tr":
            self.row = 0
        if tag in ("td", "th") and self.row is not None:
            self.row += 1
        if tag == "svg":
            self.svgs += 1
        if tag == "text" and "svg" in self.stack:
            self.svg_texts += 1
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.attrs_ok(tag, attrs)
        if tag not in VOID and not (tag in SVG_EMPTY and "svg" in self.stack):
            self.problem("<%s/>: self-closed, but not a void or SVG element" % tag)

    def handle_endtag(self, tag):
        if tag in VOID:
            self.problem("</%s>: a void element has no end tag" % tag)
            return
        if not self.stack:
            self.problem("</%s> with nothing open" % tag)
            return
        if self.stack[-1] != tag:
            self.problem("</%s> closes <%s> (open: %s)" % (tag, self.stack[-1],
                                                         " ".join(self.stack)))
            return
        self.stack.pop()
        if tag == "html":
            self.closed_html = True
        if tag == "thead":
            self.in_thead = False
        if tag == "tr" and self.tables:
            t = self.tables[-1]
            if self.in_thead:
                t[0] = self.row
            else:
                t[1].append(self.row)
            self.row = None

    def handle_data(self, data):
        if self.stack and self.stack[-1] == "style":
            self.style.append(data)
        elif self.stack and self.stack[-1] != "title":
            self.text.append(data)
        elif not self.stack and data.strip():
            self.problem("text outside <html>: %r" % data.strip()[:40])


def main():
    if len(sys.argv) < 3:
        print(__doc__)
        return 2
    lang, path = sys.argv[1], sys.argv[2]
    with open(path, encoding="utf-8") as f:
        src = f.read()
    c = Checker()
    c.feed(src)
    c.close()
    if not c.doctype:
        c.problems.append("no <!DOCTYPE html>")
    if c.lang != lang:
        c.problems.append("<html lang=%r>, want %r" % (c.lang, lang))
    if c.stack:
        c.problems.append("not closed at the end: %s" % " ".join(c.stack))
    if not c.closed_html:
        c.problems.append("no </html>")
    style = "".join(c.style)
    for need in ("size: A4", "thead { display: table-header-group; }", "break-before: page"):
        if need not in style:
            c.problems.append("the print CSS lacks %r" % need)
    if "url(" in style or "@import" in style:
        c.problems.append("the style refers to another file")
    for i, (head, rows) in enumerate(c.tables):
        if head is None:
            c.problems.append("table %d has no header row" % (i + 1))
        for n in rows:
            if n != head:
                c.problems.append("table %d: a row of %d cells under %s header cells"
                                  % (i + 1, n, head))
                break
    if c.svgs and c.svg_texts == 0:
        c.problems.append("a chart without its numbers written as text")
    for p in c.problems:
        print("%s: %s" % (path, p))
    if "--text" in sys.argv[3:]:
        sys.stdout.write("\n".join(c.text))
    return 1 if c.problems else 0


if __name__ == "__main__":
    sys.exit(main())
