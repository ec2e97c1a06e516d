"""Large print, measured on the written PDFs with poppler (character boxes) and pikepdf."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from conftest import matrix, pdf, tool
from pdfread import font_sizes


def lines(path):
    """(page, xMin, yMin, xMax, yMax, text) of every text line, from pdftotext -bbox-layout."""
    xml = tool("pdftotext", "-bbox-layout", str(path), "-")
    xml = re.sub(r"<!DOCTYPE[^>]*>", "", xml)
    root = ET.fromstring(xml)
    ns = {"x": "http://www.w3.org/1999/xhtml"}
    out = []
    for n, page in enumerate(root.iter("{http://www.w3.org/1999/xhtml}page"), 1):
        for line in page.iter("{http://www.w3.org/1999/xhtml}line"):
            words = [w.text or "" for w in line.findall("x:word", ns)]
            out.append((n, float(line.get("xMin")), float(line.get("yMin")),
                        float(line.get("xMax")), float(line.get("yMax")), " ".join(words),
                        float(page.get("width")), float(page.get("height"))))
    return out


@pytest.mark.parametrize("lang,paper", matrix("lang", "paper", variant="large-print"))
def test_large_print_rules(dist, lang, paper):
    path = pdf(dist, lang, "large-print", paper)
    assert min(font_sizes(path)) >= 18
    fonts = tool("pdffonts", str(path))
    assert "Italic" not in fonts and "Oblique" not in fonts
    raw = tool("pdftotext", str(path), "-")
    assert "\xad" not in raw
    assert not re.search(r"-\n", raw)
    ls = lines(path)
    body = []
    for page, x0, y0, x1, y1, text, w, h in ls:
        inside = x0 >= 72 - 0.5 and x1 <= w - 72 + 0.5 and y0 >= 72 - 0.5 and y1 <= h - 72 + 0.5
        if not inside:  # only the page marks' bands may use the margins
            assert y1 <= 72 + 0.5 or y0 >= h - 72 - 0.5, (page, text)
            continue
        body.append((page, x0, y0, y1))
    starts = sorted({round(x0) for _, x0, _, _ in body})
    # one left margin, plus the list text's hanging indent (and the bullets at the margin)
    assert starts[0] == 72 and len(starts) <= 2, starts
    # one column: no two lines side by side
    by_page = {}
    for page, x0, y0, y1 in body:
        for other in by_page.get(page, []):
            assert not (y0 < other[1] - 1 and other[0] < y1 - 1 and abs(other[2] - x0) > 30)
        by_page.setdefault(page, []).append((y0, y1, x0))


def test_large_print_page_n_of_m(dist):
    raw = tool("pdftotext", str(pdf(dist, "en", "large-print")), "-")
    pages = int(re.search(r"Pages:\s+(\d+)", tool("pdfinfo", str(pdf(dist, "en",
                                                                       "large-print")))).group(1))
    for n in range(1, pages + 1):
        assert f"Page {n} of {pages}" in raw


@pytest.mark.parametrize("lang,paper", matrix("lang", "paper", variant="large-print"))
def test_large_print_hierarchy_and_full_pages(dist, lang, paper):
    """Title 28 pt, every heading 24 pt, everything else 18 pt; the page marks sit at the
    foot; no page but the last has fewer than 6 lines of text."""
    path = pdf(dist, lang, "large-print", paper)
    assert set(font_sizes(path)) == {18.0, 24.0, 28.0}
    ls = lines(path)
    pages = max(ln[0] for ln in ls)
    for n in range(1, pages + 1):
        page = [ln for ln in ls if ln[0] == n]
        h = page[0][7]
        body = [ln for ln in page if 72 - 0.5 <= ln[2] and ln[4] <= h - 72 + 0.5]
        marks = [ln for ln in page if ln not in body]
        assert marks and all(ln[2] >= h - 72 for ln in marks), (n, marks)
        assert re.search(rf"(?<!\d){n}(?!\d)", " ".join(ln[5] for ln in marks)), marks
        if n < pages:
            assert len(body) >= 6, (n, len(body))
