"""Page templates: frames for each variant and the page marks, drawn as artifacts.

Standard: page 1 has the title band across the top and two columns; page 2 two columns above
the contact footer band, which is drawn after the page's other content so the reading order
stays body, glossary, contact. Large print: one column, 1 in margins, "Page N of M" in the
bottom margin and the staff marker in the top margin.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from .inline import fill
from .styles import DRAFT, MUTED, RULE, Params, Variant


@dataclass(frozen=True, slots=True)
class Marks:
    """Text of the page marks (artifacts), already translated and filled in."""

    page: str
    """Template with {page} and {pages}."""
    turn_over: str | None
    marker: str
    draft: str | None
    font: str
    bold_font: str
    size: float
    color: object = MUTED


class SheetDoc(BaseDocTemplate):
    """Doc template that records where flowables land (for the fit search and errors)."""

    def __init__(self, filename, *, variant: Variant, params: Params, marks: Marks,
                 band_height: float, footer: list, footer_height: float, total_pages: int,
                 hang: float = 0.0, **kw):
        self.variant = variant
        self.params = params
        self.marks = marks
        self.band_height = band_height
        self.footer = footer
        self.footer_height = footer_height
        self.total_pages = total_pages
        self.hang = hang
        """Room kept at the right for CJK punctuation that hangs past the line end."""
        self.overflow = 0.0
        """Height of content that landed beyond the page limit."""
        super().__init__(filename, **kw)
        w, h = self.pagesize
        m = params.margin
        if variant.columns == 2:
            self._two_column_templates(w, h, m)
        else:
            self._one_column_template(w, h, m)

    # -- frames ----------------------------------------------------------------------
    def _frame(self, fid, x, y, w, h) -> Frame:
        return Frame(x, y, w, h, id=fid, leftPadding=0, rightPadding=0, topPadding=0,
                     bottomPadding=0, showBoundary=0)

    def _two_column_templates(self, w, h, m):
        p = self.params
        marks_band = self.marks.size * 2.4
        col_w = (w - 2 * m - p.gutter) / 2
        bottom = m + marks_band
        band_gap = p.body * 0.9
        top1 = h - m - self.band_height - band_gap
        first = PageTemplate("first", [
            self._frame("band", m, h - m - self.band_height, w - 2 * m, self.band_height),
            self._frame("c1", m, bottom, col_w, top1 - bottom),
            self._frame("c2", m + col_w + p.gutter, bottom, col_w, top1 - bottom),
        ], onPage=self._marks, autoNextPageTemplate="second")
        foot_top = bottom + self.footer_height
        c_bottom = foot_top + p.body * 1.2
        second = PageTemplate("second", [
            self._frame("c1", m, c_bottom, col_w, h - m - c_bottom),
            self._frame("c2", m + col_w + p.gutter, c_bottom, col_w, h - m - c_bottom),
        ], onPage=self._marks, onPageEnd=self._draw_footer, autoNextPageTemplate="second")
        self._footer_box = (m, bottom, w - 2 * m, self.footer_height)
        self.addPageTemplates([first, second])

    def _one_column_template(self, w, h, m):
        # A little top padding keeps tall glyphs' boxes (Noto's ascent) inside the 1 in margin.
        frame = Frame(m, m, w - 2 * m, h - 2 * m, id="c1", leftPadding=0, rightPadding=self.hang,
                      topPadding=self.params.body * 0.3, bottomPadding=0)
        lp = PageTemplate("lp", [frame],
                          onPage=self._marks, autoNextPageTemplate="lp")
        self.addPageTemplates([lp])

    # -- drawing ---------------------------------------------------------------------
    def _draw_footer(self, canv, doc):
        if canv.getPageNumber() != 2 or not self.footer:
            return
        x, y, fw, fh = self._footer_box
        canv.saveState()
        canv.setStrokeColor(RULE)
        canv.setLineWidth(1)
        canv.line(x, y + fh + self.params.body * 0.6, x + fw, y + fh + self.params.body * 0.6)
        canv.restoreState()
        frame = self._frame("footer", x, y, fw, fh)
        frame.addFromList(list(self.footer), canv)

    def _marks(self, canv, doc):
        mk = self.marks
        w, h = self.pagesize
        m = self.params.margin
        n = canv.getPageNumber()
        page = fill(mk.page, page=str(n), pages=str(self.total_pages))
        canv.saveState()
        canv.setFillColor(mk.color)
        if self.variant.columns == 2:
            y = m
            canv.setFont(mk.font, mk.size)
            canv.drawString(m, y, mk.marker)
            right = page
            if n == 1 and mk.turn_over:
                right = f"{mk.turn_over} \u203a   {page}"
            canv.setFont(mk.bold_font, mk.size)
            canv.drawRightString(w - m, y, right)
            if mk.draft:
                canv.setFillColor(DRAFT)
                canv.setFont(mk.bold_font, 10)
                canv.drawCentredString(w / 2, h - m * 0.6, mk.draft)
        else:
            canv.setFont(mk.font, mk.size)
            canv.drawString(m, h - m + mk.size * 0.8, mk.marker)
            canv.setFont(mk.bold_font, mk.size)
            canv.drawRightString(w - m, m - mk.size * 1.6, page)
            if mk.draft:
                canv.setFillColor(DRAFT)
                canv.drawString(m, m - mk.size * 1.6, mk.draft)
        canv.restoreState()

    def afterFlowable(self, flowable):
        limit = self.variant.max_pages
        if limit and self.page > limit:
            self.overflow += getattr(flowable, "height", 0) or 0
