"""Reading typeset lines back from a PDF's glyph positions (pdfplumber), for the typography
tests: visual line segments, the lines of one paragraph, and where addresses were cut."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from urllib.parse import urlsplit

import pdfplumber


@dataclass
class Segment:
    """Glyphs on one baseline with no gap wider than ~2 em between them (one column's line)."""

    page: int
    baseline: float
    """From the page's top (pdfplumber's ``bottom`` of the line's glyphs, rounded)."""
    x0: float
    x1: float
    size: float
    text: str
    chars: list


def segments(path, *, gap: float = 1.6) -> list[Segment]:
    """Every visual line segment of every page, top to bottom, left to right."""
    out: list[Segment] = []
    with pdfplumber.open(path) as doc:
        for n, page in enumerate(doc.pages):
            rows: dict = {}
            for c in page.chars:
                key = round((page.height - c["matrix"][5]) * 2) / 2
                rows.setdefault(key, []).append(c)
            for base, cs in sorted(rows.items()):
                cs.sort(key=lambda c: c["x0"])
                run: list = []
                for c in cs:
                    if run and c["x0"] - run[-1]["x1"] > gap * max(c["size"], 1):
                        out.append(_segment(n, base, run))
                        run = []
                    run.append(c)
                if run:
                    out.append(_segment(n, base, run))
    return out


def _segment(n, base, cs) -> Segment:
    size = Counter(round(c["size"], 2) for c in cs).most_common(1)[0][0]
    return Segment(n, base, cs[0]["x0"], cs[-1]["x1"], size, "".join(c["text"] for c in cs), cs)


def next_line(segs: list[Segment], s: Segment) -> Segment | None:
    """The line that continues ``s``'s paragraph: the nearest segment below it, on the same
    page, of the same size, starting within 2 em of its start (or at the next column's top)."""
    below = [t for t in segs if t.page == s.page and 0 < t.baseline - s.baseline <= 2 * s.size
             and abs(t.x0 - s.x0) <= 2 * s.size and abs(t.size - s.size) < 0.2]
    return min(below, key=lambda t: t.baseline) if below else None


@dataclass
class Cut:
    address: str
    at: int
    """Characters of the address on the first line."""
    hyphen: bool
    """The first line ends with a hyphen (U+002D or U+00AD) after the address's head."""
    head_line: Segment
    tail_line: Segment


def address_cuts(segs: list[Segment], addresses: list[str]) -> list[Cut]:
    """Where one of ``addresses`` is cut between a line and the next line of its paragraph
    (the longest head that matches, per line and address)."""
    out = []
    for s in segs:
        end = s.text.rstrip(" ")
        hyphen = end.endswith(("-", "\xad"))
        text = end[:-1] if hyphen else end
        t = next_line(segs, s)
        if t is None:
            continue
        nxt = t.text.lstrip()
        for a in addresses:
            for line_end, added in ((end, False), (text, hyphen)):
                heads = [k for k in range(1, len(a))
                         if line_end.endswith(a[:k]) and nxt.startswith(a[k:k + 12])]
                if heads:
                    out.append(Cut(a, max(heads), added, s, t))
                    break
    return out


def address_parts(address: str) -> tuple[int, int]:
    """(end of the scheme with its "//", end of the host) of an address, by urllib (an
    e-mail address: (0, its length): all of it is "host")."""
    if "@" in address and "://" not in address:
        return 0, len(address)
    parts = urlsplit(address if "://" in address else "//" + address)
    scheme_end = len(parts.scheme) + 3 if parts.scheme else 0
    return scheme_end, scheme_end + len(parts.netloc)


HEADING_TAGS = ("H1", "H2", "H3")


def heading_lines(path) -> list[tuple[int, str, list[float]]]:
    """Every heading's line widths, per page piece: (page, its text, widths), from its glyphs
    (marked content tagged H1, H2 or H3), lines grouped by baseline, top to bottom."""
    out = []
    with pdfplumber.open(path) as doc:
        for n, page in enumerate(doc.pages):
            pieces: dict = {}
            for c in page.chars:
                if c.get("tag") in HEADING_TAGS and c.get("mcid") is not None:
                    pieces.setdefault(c["mcid"], []).append(c)
            for _, cs in sorted(pieces.items()):
                rows: dict = {}
                for c in cs:
                    rows.setdefault(round(page.height - c["matrix"][5]), []).append(c)
                lines = [rows[k] for k in sorted(rows)]
                text = " ".join("".join(c["text"] for c in sorted(ln, key=lambda c: c["x0"]))
                                for ln in lines)
                widths = [max(c["x1"] for c in ln if c["text"].strip())
                          - min(c["x0"] for c in ln if c["text"].strip()) for ln in lines
                          if any(c["text"].strip() for c in ln)]
                out.append((n, text, widths))
    return out


def glossary_entries(path) -> list[tuple[str, set[tuple[int, int]]]]:
    """Each glossary entry (an LI whose label is a term, not a list marker) as (its term, its
    marked content as {(page index, MCID)}), from the structure tree (pikepdf)."""
    import pikepdf

    out = []
    with pikepdf.open(path) as doc:
        pages = {p.objgen: i for i, p in enumerate(doc.pages)}
        from pdfread import mcid_texts

        texts = mcid_texts(doc)

        def mcids(e, pg=None):
            kids = e.K if isinstance(e.get("/K"), pikepdf.Array) else [e.get("/K")]
            pg = e.get("/Pg", pg)
            for k in kids:
                if isinstance(k, int):
                    yield (pages[pg.objgen], k), texts.get((pg.objgen, k), "")
                elif isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/MCR":
                    yield (pages[k.Pg.objgen], int(k.MCID)), texts.get((k.Pg.objgen,
                                                                         int(k.MCID)), "")
                elif isinstance(k, pikepdf.Dictionary) and "/S" in k:
                    yield from mcids(k, pg)

        def walk(e):
            if str(e.get("/S")) == "/LI":
                kids = [k for k in (e.K if isinstance(e.K, pikepdf.Array) else [e.K])
                        if isinstance(k, pikepdf.Dictionary) and "/S" in k]
                if kids and str(kids[0].S) == "/Lbl":
                    term = "".join(t for _, t in mcids(kids[0])).strip()
                    if len(term) > 2:  # a term, not "•" or "1."
                        out.append((term, {key for key, _ in mcids(e)}))
                return
            kids = e.get("/K")
            for k in (kids if isinstance(kids, pikepdf.Array) else [kids]):
                if isinstance(k, pikepdf.Dictionary) and "/S" in k:
                    walk(k)

        walk(doc.Root.StructTreeRoot)
    return out


SHADE = (0.827, 0.871, 0.925)
"""The glossary's ground, #d3deec (render/pdf/styles.py)."""


def shaded_parts(page) -> list[dict]:
    """The glossary parts' grounds on a pdfplumber page: rectangles filled with SHADE that
    are a column wide or more."""
    out = []
    for r in page.rects:
        color = r.get("non_stroking_color")
        if not r.get("fill") or not color or len(color) != 3:
            continue
        if all(abs(a - b) < 0.01 for a, b in zip(color, SHADE)) and r["width"] > 100:
            out.append(r)
    return out
