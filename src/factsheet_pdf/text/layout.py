"""A paragraph laid out into lines of positioned glyphs, for any script and direction.

Input: pieces of text, each with a style key (opaque to this module: the renderer's bold,
italic, link, structure element), the paragraph's language and base direction, the font
chain, a size and a width. Output: :class:`Line` values, each with its runs in drawing order
(logical order, so the content stream reads as the text is written) and each glyph's
position in points from the line's start edge.

Lines are broken in logical order at ICU's break opportunities (spaces, or dictionary word
boundaries in Thai, Lao, Khmer and Burmese) using the shaped widths, then each line is
reordered for display by the Unicode Bidirectional Algorithm (:class:`.icu.Paragraph`), and
its runs are shaped again as they stand on the line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any


from ..fonts import Face
from ..scripts import script
from . import addresses, icu, shaping
from .chain import FontChain, resolve_scripts

RTL_SCRIPTS = frozenset({"Arab", "Hebr", "Syrc", "Thaa", "Nkoo", "Adlm", "Mand", "Samr",
                         "Rohg", "Yezi", "Sogd", "Mend"})
DICTIONARY_SCRIPTS = frozenset({"Thai", "Laoo", "Khmr", "Mymr", "Tale", "Talu", "Lana"})
LINE_HEIGHT = {"Mymr": 1.85, "Khmr": 1.6, "Laoo": 1.55, "Thai": 1.45, "Tibt": 1.7}
"""Least line height (times the size) for scripts whose letters stack above and below (the
fonts' own ascent and descent: Noto Sans Myanmar 2.18 em, Lao 1.65, Thai 1.51)."""
SPACES = frozenset(" \u00a0\u2009\u202f\u200b")
HARD_BREAKS = frozenset("\n\u2028")


SHAPING_SCRIPTS = frozenset({
    "Deva", "Beng", "Guru", "Gujr", "Orya", "Taml", "Telu", "Knda", "Mlym", "Sinh", "Tibt",
    "Mong", "Bali", "Java", "Sund", "Cham", "Tglg", "Bugi", "Lepc", "Limb", "Mtei", "Newa",
    "Olck", "Saur", "Tirh", "Takr", "Shrd", "Modi", "Khoj", "Sind", "Gran", "Dogr", "Gonm",
    "Gong", "Kthi", "Sylo"})
ENGINE_SCRIPTS = RTL_SCRIPTS | DICTIONARY_SCRIPTS | SHAPING_SCRIPTS
"""Scripts ReportLab's Paragraph cannot draw (one glyph per character, left to right)."""


def needs_engine(text: str, rtl: bool) -> bool:
    """Whether a paragraph needs this module (else ReportLab's Paragraph draws it)."""
    return rtl or bool(scripts_of(text) & ENGINE_SCRIPTS)


def needs_icu(text: str, rtl: bool) -> bool:
    return rtl or any(s in RTL_SCRIPTS or s in DICTIONARY_SCRIPTS for s in scripts_of(text))


def scripts_of(text: str) -> set[str]:
    return {script(c) for c in text} - {"Zyyy", "Zinh", "Zzzz"}


@dataclass(frozen=True, slots=True)
class Run:
    """A logical run: one style, script, bidi level and font face."""

    start: int
    end: int
    style: Any
    script: str
    rtl: bool
    family: str | None
    face: Face | None


@dataclass
class Placed:
    """A run's glyphs on a line, in logical order, with their x from the line's left edge."""

    run: Run
    glyphs: list[tuple[int, float, float, str]] = field(default_factory=list)
    """``(gid, x, dy, text)``; ``text`` is the cluster's characters on its first glyph and
    "" on the cluster's further glyphs."""
    clusters: list[tuple[str, list[int]]] = field(default_factory=list)
    """Each cluster's text and its glyphs' indices into ``glyphs`` (logical order)."""
    x0: float = 0.0
    x1: float = 0.0
    start: int = 0
    """Index of the placed piece's first character (drawing order)."""


@dataclass
class Line:
    start: int
    end: int
    width: float
    """Width without the line's trailing spaces."""
    placed: list[Placed]
    trail: float = 0.0
    """Width of the trailing spaces."""


class Paragraph:
    """One paragraph's text, runs and widths; :meth:`lines` for a given width."""

    def __init__(self, pieces: Sequence[tuple[str, Any]], lang: str, rtl: bool,
                 chain: FontChain, size: float, face_of, bold_of):
        """``face_of(family, style) -> Face``; ``bold_of(style) -> bool`` (for the chain's
        faces)."""
        self.text = "".join(t for t, _ in pieces)
        self.lang = lang
        self.rtl = rtl
        self.size = size
        self.chain = chain
        style_at: list[Any] = []
        for t, st in pieces:
            style_at += [st] * len(t)
        scripts = resolve_scripts(self.text)
        self.bidi = (icu.Paragraph(self.text, rtl) if needs_icu(self.text, rtl)
                     else None)
        levels = self.bidi.levels if self.bidi else (0,) * len(self.text)
        # runs: style, script and level change points, then families within each
        runs: list[Run] = []
        i, n = 0, len(self.text)
        while i < n:
            j = i + 1
            while (j < n and style_at[j] is style_at[i] and scripts[j] == scripts[i]
                   and levels[j] == levels[i]):
                j += 1
            sub = self.text[i:j]
            for a, b, fam in chain.split(sub, scripts[i]):
                face = face_of(fam, style_at[i]) if fam else None
                runs.append(Run(i + a, i + b, style_at[i], scripts[i], levels[i] % 2 == 1,
                                fam, face))
            i = j
        self.runs = runs
        self.line_height = max((LINE_HEIGHT.get(r.script, 0.0) for r in runs), default=0.0)
        self.missing = [self.text[r.start:r.end] for r in runs if r.face is None]
        # per-character advances (points), from shaping each run in context
        adv = [0.0] * n
        for r in runs:
            for g, _ in self._shaped(r, r.start, r.end):
                adv[g.cluster] += g.advance
        self.adv = adv

    def _shaped(self, r: Run, a: int, b: int):
        """Glyphs of ``text[a:b]`` of run ``r`` with their scale (pt per font unit)."""
        if r.face is None:
            return []
        face = r.face
        scale = self.size / shaping.units_per_em(str(face.path), face.index)
        glyphs = shaping.shape(self.text, a, b, str(face.path), face.index, r.rtl,
                               r.script, self.lang)
        return [(shaping.Glyph(g.gid, g.cluster, g.advance * scale, g.dx * scale,
                               g.dy * scale), scale) for g in glyphs]

    # -- line breaking -----------------------------------------------------------------
    def breaks(self) -> list[int]:
        """Break opportunities: ICU's (UAX #14), but inside a web or e-mail address only the
        address's own (:mod:`.addresses`), and none at the hyphen of a short compound."""
        text = self.text
        if icu.available():
            ops = list(icu.line_breaks(text, self.lang))
        else:
            ops = [i + 1 for i, c in enumerate(text) if c == " " and i + 1 < len(text)]
            ops.append(len(text))
        spans = addresses.find(text)
        regular = {a + k for a, b in spans for k in addresses.breaks(text[a:b])}
        self.address_spans = spans
        self.address_breaks = regular
        self.address_fallback = {a + k for a, b in spans
                                 for k in addresses.fallback_breaks(text[a:b])} - regular
        out = []
        for b in ops:
            if addresses.inside(spans, b) is not None:
                continue
            if 0 < b < len(text) and text[b - 1] in "-\u2010" and not text[b].isspace() \
                    and not addresses.compound_break_ok(text[:b], text[b:]):
                continue
            out.append(b)
        return sorted(set(out) | regular)

    def text_width(self, a: int, b: int) -> float:
        while b > a and self.text[b - 1] in SPACES | HARD_BREAKS:
            b -= 1
        return sum(self.adv[a:b])

    def lines(self, width: float, first_width: float | None = None) -> list[Line]:
        text = self.text
        ops = self.breaks()
        hard = {i + 1 for i, c in enumerate(text) if c in HARD_BREAKS}
        ops = sorted(set(ops) | hard)
        out: list[Line] = []
        start, k = 0, 0
        while start < len(text):
            avail = first_width if (first_width is not None and not out) else width
            best = None
            while k < len(ops) and ops[k] <= start:
                k += 1
            j = k
            while j < len(ops):
                b = ops[j]
                if self.text_width(start, b) <= avail + 0.01 or best is None:
                    best = b
                    if b in hard:
                        break
                    j += 1
                    if best is not None and self.text_width(start, best) > avail + 0.01:
                        break  # a word longer than the line: it overflows alone
                else:
                    break
            end = best if best is not None else len(text)
            end = self._address_end(start, end, avail, ops)
            out.append(self._line(start, end))
            start = end
        return out

    def _address_end(self, start: int, end: int, avail: float, ops: list[int]) -> int:
        """The line's end moved for an address: before the address rather than inside it
        unless that leaves the line more than :data:`.addresses.WASTE` empty; inside the host
        (a fallback break) when the address's first part is wider than the whole line."""
        span = addresses.inside(self.address_spans, end)
        if span is not None and span[0] > start and span[0] in ops \
                and self.text_width(start, span[0]) >= (1 - addresses.WASTE) * avail:
            return span[0]
        if self.text_width(start, end) > avail + 0.01:
            fits = [q for q in self.address_fallback | self.address_breaks
                    if start < q < end and self.text_width(start, q) <= avail + 0.01]
            if fits:
                return max(fits)
        return end

    def _line(self, a: int, b: int) -> Line:
        """Reorder the line for display (bidi), shape its runs as they stand, place glyphs."""
        visual = (self.bidi.visual_runs(a, b) if self.bidi
                  else [(a, b, False)])
        pieces: list[tuple[Run, int, int]] = []
        for va, vb, vrtl in visual:
            inside = [(r, max(r.start, va), min(r.end, vb)) for r in self.runs
                      if r.start < vb and r.end > va]
            if vrtl:
                inside.reverse()
            pieces += inside
        x = 0.0
        placed_all: list[Placed] = []
        for r, pa, pb in pieces:
            p = Placed(r)
            p.x0 = x
            glyphs = self._shaped(r, pa, pb)
            vis: list[tuple[int, float, float, int]] = []
            spacing: set[int] = set()  # clusters with a glyph that advances
            for g, _ in glyphs:  # visual order
                vis.append((g.gid, x + g.dx, g.dy, g.cluster))
                if g.advance:
                    spacing.add(g.cluster)
                x += g.advance
            p.x1 = x
            # clusters in logical order, with their text; a cluster of zero-width glyphs only
            # (a mark, the second half of a lam-alef) joins the one before it, so a text
            # extractor reads the pair from one span (/ActualText), not two glyphs that
            # share a position
            starts = sorted({c for *_, c in vis})
            owner: dict[int, int] = {}
            kept: list[int] = []
            for c in starts:
                if kept and c not in spacing:
                    owner[c] = kept[-1]
                else:
                    owner[c] = c
                    kept.append(c)
            starts = kept
            bounds = dict(zip(starts, starts[1:] + [pb]))
            seen: dict[int, list[int]] = {}  # cluster -> its glyphs (visual order)
            for i, v in enumerate(vis):
                seen.setdefault(owner[v[3]], []).append(i)
            for c in starts:
                idx = sorted(seen[c])
                ctext = self.text[c:bounds[c]]
                first = len(p.glyphs)
                for n_, i in enumerate(idx):
                    gid, gx, gy, _ = vis[i]
                    p.glyphs.append((gid, gx, gy, ctext if n_ == 0 else ""))
                p.clusters.append((ctext, list(range(first, len(p.glyphs)))))
            p.start = pa
            placed_all.append(p)
        placed_all.sort(key=lambda p: p.start)  # drawn in logical order
        width = self.text_width(a, b)
        return Line(a, b, width, placed_all, sum(self.adv[a:b]) - width)

