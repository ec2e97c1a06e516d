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
    """Title 32 pt, every heading 24 pt, everything else 18 pt; the page marks sit at the
    foot; no page but the last has fewer than 6 lines of text."""
    path = pdf(dist, lang, "large-print", paper)
    assert set(font_sizes(path)) == {18.0, 24.0, 32.0}
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


# -- no lonely pages, the hierarchy, the contact block kept (issue 21) -----------------------------
def page_fills(path) -> list[float]:
    """Per page, the share of the text area (1 in margins) down to the page's lowest glyph of
    text (the page marks, artifacts in the margin, left out)."""
    import pdfplumber

    out = []
    with pdfplumber.open(path) as doc:
        for page in doc.pages:
            text = [c for c in page.chars if c.get("tag") != "Artifact" and c["text"].strip()]
            low = max((c["bottom"] for c in text), default=72.0)
            out.append((low - 72) / (page.height - 144))
    return out


def _lp_paths(dist, shapes_dist):
    from conftest import built, shape_pdfs

    paths = [pdf(dist, *c) for c in built(dist) if c[1] == "large-print"]
    return paths + [p for p in shape_pdfs(shapes_dist) if ".large-print." in p.name]


def test_no_page_holds_less_than_a_third_of_a_page(dist, shapes_dist):
    """Every page of every large-print PDF (default build; shapes fixture with and without a
    clinic) but an only page holds a third of a page of text or more."""
    bad = []
    for path in _lp_paths(dist, shapes_dist):
        fills = page_fills(path)
        if len(fills) > 1:
            bad += [f"{path.name} p{n}: {f:.2f}" for n, f in enumerate(fills, 1) if f < 1 / 3]
    assert not bad, bad


def test_contact_block_stays_with_what_precedes_it(dist, shapes_dist):
    """The page that holds the contact block's heading holds body text above it."""
    import pdfplumber

    for path in _lp_paths(dist, shapes_dist):
        with pdfplumber.open(path) as doc:
            # the contact block is last and starts with its H2: the last heading of the PDF
            page = next(pg for pg in reversed(doc.pages)
                        if any(c.get("tag") == "H2" for c in pg.chars))
            heads = [c for c in page.chars if c.get("tag") == "H2"]
            body = [c for c in page.chars if c.get("tag") in ("P", "LBody", "Lbl")]
            contact_top = max(c["top"] for c in heads)
            assert any(c["bottom"] < contact_top for c in body), path.name


def test_large_print_title_rule(dist):
    """A rule under the title block (series, title, source line, notice): a long horizontal
    line on the first page, below the title's glyphs and above the first section heading."""
    import pdfplumber

    for path in [pdf(dist, *c) for c in matrix_built(dist) if c[1] == "large-print"]:
        with pdfplumber.open(path) as doc:
            page = doc.pages[0]
            title = [c for c in page.chars if c.get("tag") == "H1"]
            h2 = [c for c in page.chars if c.get("tag") == "H2"]
            rules = [ln for ln in page.lines + page.rects if ln["x1"] - ln["x0"] > page.width / 2]
            assert title and rules, path.name
            y = rules[0]["top"]
            assert max(c["bottom"] for c in title) < y, path.name
            assert not h2 or min(c["top"] for c in h2) > y, path.name
            assert round(max(c["size"] for c in title), 1) == 32.0


def matrix_built(dist):
    from conftest import built

    return built(dist)
