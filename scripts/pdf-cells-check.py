#!/usr/bin/env python3
"""Checks that no word of a table cell of an HTML report is broken in its printed PDF.

Usage: pdf-cells-check.py REPORT.html REPORT.pdf

Every cell (th, td) of the HTML is split into words at spaces, commas, slashes and hyphens
(where a line may legitimately break); each word of three characters or more must appear
whole in the text pdftotext extracts from the PDF (a word broken inside its cell, such as
"okit/am/a" or "1,300,0 | 00", appears only in pieces). Prints the broken words; exit 1 if any.
"""
import html.parser
import re
import subprocess
import sys


class Cells(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.depth = 0
        self.cells = []
        self.text = ""

    def handle_starttag(self, tag, attrs):
        if tag in ("td", "th"):
            self.depth += 1
            self.text = ""

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.depth:
            self.depth -= 1
            self.cells.append(self.text)

    def handle_data(self, data):
        if self.depth:
            self.text += data


def main():
    page, pdf = sys.argv[1], sys.argv[2]
    parser = Cells()
    parser.feed(open(page, encoding="utf-8").read())
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", pdf, "-"], capture_output=True, text=True, check=True).stdout
    # Whitespace in the PDF's text is where lines or cells end; a whole word has none inside.
    flat = re.sub(r"\s+", " ", text)
    words = set()
    for cell in parser.cells:
        for w in re.split(r"[\s,/\-–—()（）、。:;]+", cell):
            if len(w) >= 3:
                words.add(w)
    broken = sorted(w for w in words if w not in flat)
    for w in broken[:40]:
        print("broken in the PDF:", w)
    print(f"{len(words)} cell words, {len(broken)} broken")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
