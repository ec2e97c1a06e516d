"""Paragraphs of any script: laid out by :mod:`factsheet_pdf.text`, drawn glyph by glyph.

ReportLab's Paragraph draws one glyph per character, left to right, with one font: right for
Latin, Cyrillic, Greek and CJK text (which keep it, with per-run font fallback in
:mod:`.inline`), wrong for right-to-left, complex and dictionary-broken scripts. A paragraph
with any such character is a :class:`ShapedParagraph`: its lines come from
:class:`factsheet_pdf.text.layout.Paragraph` (shaped widths, ICU breaks, bidi order), and
its glyphs are drawn through :class:`factsheet_pdf.rlseam.GlyphFont` in logical order, each
at its display position, inside the paragraph's structure element: the content stream, the
structure tree and text extraction all read the text as written. A cluster of several glyphs
(a Devanagari vowel sign drawn before its consonant) is one ``/Span <</ActualText ...>>``.
"""

from __future__ import annotations

import hashlib

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from ... import markup
from ...fonts import Face, face_name, library
from ...rlseam import GlyphFont
from ...tag import Element
from ...tag.canvas import FAKE_BOLD
from ...text import layout
from ...text.chain import FontChain
from .balance import balanced_measures
from .styles import LINK

ISOLATE_LTR, POP_ISOLATE = "\u2066", "\u2069"
BIDI_CONTROLS = frozenset("\u2066\u2067\u2068\u2069\u200e\u200f\u061c")


class Style:
    """What a run of text is drawn with (compared by value; the element by identity)."""

    __slots__ = ("bold", "italic", "href", "element", "key")

    def __init__(self, bold: bool, italic: bool, href: str | None, element: Element | None):
        self.bold, self.italic, self.href, self.element = bold, italic, href, element
        self.key = (bold, italic, href, id(element))

    def __eq__(self, other):
        return isinstance(other, Style) and self.key == other.key

    def __hash__(self):
        return hash(self.key)


def pieces(spans, *, tree, parent: Element, lang: str, bold=False, italic=False,
           href=None, element=None) -> list[tuple[str, Style]]:
    """Spans -> ``(text, Style)`` pieces; links get their Link element (as in .inline.to_rl),
    and a phone number, e-mail or web address is a left-to-right isolate."""
    out: list[tuple[str, Style]] = []
    for s in spans:
        if s.kind == "text" and s.dir == "ltr":  # compose.isolate: an address, a number
            st = Style(bold, italic, href, element)
            out += [(ISOLATE_LTR, st), (s.text, st), (POP_ISOLATE, st)]
        elif s.kind == "text":
            out.append((s.text, Style(bold, italic, href, element)))
        elif s.kind == "bold":
            out += pieces(s.children, tree=tree, parent=parent, lang=lang, bold=True,
                          italic=italic, href=href, element=element)
        elif s.kind == "italic":
            out += pieces(s.children, tree=tree, parent=parent, lang=lang, bold=bold,
                          italic=True, href=href, element=element)
        elif s.kind == "link":
            label = markup.plain(s.children)
            alt = label if label == s.href else f"{label} ({s.href})"
            run_lang = s.lang if s.lang and s.lang != lang else None
            link = (element or parent).add("Link", alt=alt, href=s.href, lang=run_lang)
            inner = pieces(s.children, tree=tree, parent=link, lang=run_lang or lang,
                           bold=bold, italic=italic, href=s.href, element=link)
            if s.dir == "ltr":
                st = Style(bold, italic, None, element)
                inner = [(ISOLATE_LTR, st), *inner, (POP_ISOLATE, st)]
            out += inner
    return out


_glyph_fonts: dict[tuple, GlyphFont] = {}


def glyph_font(face: Face, bold_wanted: bool, has_bold: bool) -> GlyphFont:
    key = (str(face.path), face.index)
    gf = _glyph_fonts.get(key)
    if gf is None:
        digest = hashlib.sha1(f"{face.path}:{face.index}".encode()).hexdigest()[:10]
        gf = _glyph_fonts[key] = GlyphFont(f"g-{digest}", str(face.path), face.index)
    if bold_wanted and not has_bold:
        # a family without a bold face: drawn emboldened by stroking (tag.canvas)
        fake = key + ("fake-bold",)
        gf2 = _glyph_fonts.get(fake)
        if gf2 is None:
            digest = hashlib.sha1(f"{face.path}:{face.index}:b".encode()).hexdigest()[:10]
            gf2 = _glyph_fonts[fake] = GlyphFont(f"g-{digest}-b", str(face.path), face.index)
            FAKE_BOLD.add(gf2.name)
        return gf2
    return gf


def make_chain(lang: str, own: str, own_scripts, variant_fonts, faces) -> FontChain:
    return FontChain(library(), lang, own, own_scripts, variant_fonts, faces)


def _face_of(chain: FontChain, italic_ok: bool):
    lib = chain.lib

    def face_of(family: str, style: Style) -> Face:
        fam = lib.family(family)
        face = ("bold_italic" if style.bold and style.italic and italic_ok else
                "bold" if style.bold else "italic" if style.italic and italic_ok
                else "regular")
        return fam.faces[face]
    return face_of


class ShapedParagraph(Flowable):
    """A paragraph of shaped text in its structure element (ReportLab's wrap/split/draw)."""

    def __init__(self, parts: list[tuple[str, Style]], style, *, element: Element | None,
                 lang: str, rtl: bool, chain: FontChain, outline=None, italic_ok=True,
                 _lines=None, _para=None):
        super().__init__()
        self.parts = parts
        self.style = style
        self.element = element
        self.lang = lang
        self.rtl = rtl
        self.chain = chain
        self.outline = outline
        self.italic_ok = italic_ok
        self.para = _para or layout.Paragraph(
            self.para_parts(), lang, rtl, chain, style.fontSize, _face_of(chain, italic_ok),
            None)
        self.laid_lines = _lines
        self._fixed = _lines is not None

    @property
    def leading(self) -> float:
        """The style's leading, or more for scripts whose stacked letters need it
        (:data:`factsheet_pdf.text.layout.LINE_HEIGHT`)."""
        return max(self.style.leading, self.style.fontSize * self.para.line_height)

    @property
    def lift(self) -> float:
        """Baseline moved down by half the extra leading: the tall script's line stays
        centred on its line box."""
        return (self.leading - self.style.leading) / 2

    def untagged(self) -> ShapedParagraph:
        """A look-alike drawn as an artifact (a table's repeated header row)."""
        parts = [(t, Style(s.bold, s.italic, None, None)) for t, s in self.parts]
        return ShapedParagraph(parts, self.style, element=None, lang=self.lang, rtl=self.rtl,
                               chain=self.chain, italic_ok=self.italic_ok)

    @property
    def missing(self) -> list[str]:
        return self.para.missing

    def para_parts(self) -> list[tuple[str, Style]]:
        """The parts, bold throughout where the style's font is bold (headings)."""
        if self.style.fontName.endswith("-bold"):
            return [(t, Style(True, s.italic, s.href, s.element)) for t, s in self.parts]
        return self.parts

    def _avail(self, width: float) -> float:
        return width - self.style.leftIndent - self.style.rightIndent

    def wrap(self, availWidth, availHeight):
        if self.para.size != self.style.fontSize and not self._fixed:  # restyled
            self.para = layout.Paragraph(self.para_parts(), self.lang, self.rtl, self.chain,
                                         self.style.fontSize,
                                         _face_of(self.chain, self.italic_ok), None)
        if not self._fixed:
            avail = self._avail(availWidth)
            ms = [avail]
            if getattr(self.style, "balance", 0):  # a heading: balanced lines
                ms = balanced_measures(self._widths_at, avail)
            self.laid_lines = self._lines_at(ms)
        self.width = availWidth
        self.height = len(self.laid_lines) * self.leading
        return availWidth, self.height

    def _widths_at(self, measures: list[float]) -> list[float]:
        """Line widths at ``measures``; a word wider than its line counts as too many lines
        (the measure is too narrow for the heading's longest word)."""
        lines = self._lines_at(measures)
        widths = [ln.width for ln in lines]
        if any(w > measures[min(i, len(measures) - 1)] + 0.5 for i, w in enumerate(widths)):
            return widths + [0.0] * 1000
        return widths

    def _lines_at(self, measures: list[float]):
        """Lines broken at ``measures``: the first line's, then every other line's."""
        return self.para.lines(measures[-1], measures[0] if len(measures) > 1 else None)

    def getSpaceBefore(self):
        return self.style.spaceBefore

    def getSpaceAfter(self):
        return self.style.spaceAfter

    def split(self, availWidth, availHeight):
        self.wrap(availWidth, availHeight)
        n = int((availHeight + 1e-6) // self.leading)
        lines = self.laid_lines
        if n >= len(lines):
            return [self]
        if n < 1:
            return []
        if n == len(lines) - 1 and n > 1:
            n -= 1  # no widow line alone at the top of the next column
        a = ShapedParagraph(self.parts, self.style, element=self.element, lang=self.lang,
                            rtl=self.rtl, chain=self.chain, outline=self.outline,
                            italic_ok=self.italic_ok, _lines=lines[:n], _para=self.para)
        b = ShapedParagraph(self.parts, self.style.clone("cont", spaceBefore=0),
                            element=self.element, lang=self.lang, rtl=self.rtl,
                            chain=self.chain, italic_ok=self.italic_ok, _lines=lines[n:],
                            _para=self.para)
        return [a, b]

    def draw(self):
        canv = self.canv
        st = self.style
        if self.outline:
            title, level = self.outline
            key = f"o{id(self.element)}"
            canv.bookmarkHorizontal(key, 0, self.height)
            canv.addOutlineEntry(title, key, level=level, closed=False)
        tagged = self.element is not None
        if tagged:
            canv.begin_tag(self.element)
        try:
            avail = self._avail(self.width)
            for i, line in enumerate(self.laid_lines):
                y = self.height - i * self.leading - st.fontSize - self.lift
                align = st.alignment
                if align == TA_CENTER:
                    x0 = st.leftIndent + (avail - line.width) / 2
                elif align == TA_RIGHT or self.rtl:
                    x0 = st.leftIndent + avail - line.width
                else:
                    x0 = st.leftIndent
                self._draw_line(canv, line, x0, y)
        finally:
            if tagged:
                canv.end_tag(self.element)

    def _draw_line(self, canv, line, x0: float, y: float) -> None:
        st = self.style
        size = st.fontSize
        if self.rtl:
            x0 -= line.trail  # trailing spaces sit at the line's left end
        tx = canv.beginText()
        color = st.textColor
        tx.setFillColor(color)
        links: list[tuple[str, float, float]] = []
        for p in line.placed:
            run = p.run
            if run.face is None or not p.glyphs:
                continue
            s: Style = run.style
            fam = self.chain.lib.family(run.family)
            gf = glyph_font(run.face, s.bold, fam.has_bold)
            upem = layout.shaping.units_per_em(str(run.face.path), run.face.index)
            tx.setFont(gf.name, size)
            canv.set_inline(tx, s.element or self.element)
            tx.setFillColor(LINK if s.href else color)
            for text, idxs in p.clusters:
                if text and all(c in BIDI_CONTROLS for c in text):
                    continue
                for k in idxs:
                    gid, gx, gy, gtext = p.glyphs[k]
                    adv = layout.shaping.nominal_advance(str(run.face.path), run.face.index,
                                                         gid) * 1000 / upem
                    tx.setTextOrigin(x0 + gx, y + gy * 1.0)
                    tx.textOut(gf.char(gid, gtext, adv))
            if s.href and self.element is not None:
                links.append((s.href, x0 + p.x0, x0 + p.x1))
        canv.set_inline(tx, self.element)
        canv.drawText(tx)
        for href, a, b in links:
            canv.saveState()
            canv.setStrokeColor(LINK)
            canv.setLineWidth(max(0.5, size * 0.05))
            canv.line(a, y - size * 0.12, b, y - size * 0.12)
            canv.restoreState()
            url = href if ":" in href.split("/", 1)[0] else f"pdf:{href}"
            canv.link_run(url, href, (a, y - size * 0.25, b, y + size * 0.9))


def _mark_para(text: str, *, lang: str, rtl: bool, chain: FontChain, size: float,
               bold: bool) -> ShapedParagraph:
    from reportlab.lib.styles import ParagraphStyle

    style = ParagraphStyle("mark", fontName="x-bold" if bold else "x-regular",
                           fontSize=size, leading=size * 1.2)
    return ShapedParagraph([(text, Style(bold, False, None, None))], style, element=None,
                           lang=lang, rtl=rtl, chain=chain)


def shaped_width(text: str, *, lang: str, rtl: bool, chain: FontChain, size: float,
                 bold=False) -> float:
    """The width of one line of ``text`` as :func:`draw_text_line` draws it."""
    para = _mark_para(text, lang=lang, rtl=rtl, chain=chain, size=size, bold=bold)
    return para.para.text_width(0, len(para.para.text))


def draw_text_line(canv, text: str, x: float, y: float, *, lang: str, rtl: bool,
                   chain: FontChain, size: float, bold=False, align="left") -> float:
    """One line of text (page marks, list markers) drawn shaped, untagged (an artifact when
    no element is current), from ``x`` (its left end, right end or centre by ``align``).
    Returns its width."""
    para = _mark_para(text, lang=lang, rtl=rtl, chain=chain, size=size, bold=bold)
    lines = para.para.lines(1e6)
    if not lines:
        return 0.0
    line = lines[0]
    x0 = x - line.width if align == "right" else x - line.width / 2 if align == "center" \
        else x
    if rtl:
        x0 += line.trail  # _draw_line moves a right-to-left line by its trailing spaces
    para.canv = canv
    para._draw_line(canv, line, x0, y)
    return line.width


class LineWriter:
    """One-line texts (page marks, list markers) in any script: ReportLab's drawString where
    the document's own font draws the text one glyph per character (``covered``), else
    shaped (right to left, complex scripts, characters of another script's font)."""

    def __init__(self, lang: str, rtl: bool, chain, covered):
        self.lang, self.rtl, self.chain, self.covered = lang, rtl, chain, covered

    def plain(self, text: str) -> bool:
        return not layout.needs_engine(text, self.rtl) and all(
            self.covered(c) or c.isspace() for c in text)

    def width(self, text: str, font: str, size: float) -> float:
        if self.plain(text):
            return stringWidth(text, font, size)
        return shaped_width(text, lang=self.lang, rtl=self.rtl, chain=self.chain, size=size,
                            bold=font.endswith("-bold"))

    def draw(self, canv, text: str, x: float, y: float, font: str, size: float,
             align: str = "left") -> None:
        if self.plain(text):
            canv.setFont(font, size)
            {"left": canv.drawString, "right": canv.drawRightString,
             "center": canv.drawCentredString}[align](x, y, text)
            return
        draw_text_line(canv, text, x, y, lang=self.lang, rtl=self.rtl, chain=self.chain,
                       size=size, bold=font.endswith("-bold"), align=align)
