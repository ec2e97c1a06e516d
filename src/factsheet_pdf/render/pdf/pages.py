"""Page templates, the last page's contact block and balanced columns, and the page marks.

Input: the story's flowables (from render) and the page-mark texts (:class:`Marks`). Output:
pages drawn on the tagging canvas.

Standard: the first page has the title band across the top, every page two columns. At the
start of each page the remaining story is measured: when it fits this page, the page is the
last one: its columns stop above the contact block (drawn at the page's end, after the
columns, so the paint order is the reading order) and, when the rest is one flow, the first
column is shortened so the two columns end within a line or two of each other.
Large print: one column, the contact block in the flow, never split.

Page marks (artifacts /Pagination /Footer, drawn at the end of each page, when it is known
whether a next page follows):

* standard: one line at the foot, ``<language> [· <English name>] · <English title> [·
  <revision>] · <page>/<pages>`` at 8 pt (no page count on a one-page sheet); on its own at
  the right, bold 9.5 pt, the cue "turn over" (odd pages with a next page) or "continued"
  (even pages with a next page) followed by a vector arrow;
* large print: the same line at 18 pt with "Page N of M".

The line is held to one line in every language: the sheet's ``short_title`` where it has one,
else its English title, shortened with an ellipsis until it fits (:func:`_shortened`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate
from reportlab.platypus.doctemplate import ActionFlowable

from ... import rlseam
from .flowables import GlossaryBox, NotAtTopFrameBreak
from .inline import plain_fields
from ...compose.doc import SEPARATOR
from ...variants import Variant
from .styles import ACCENT, DRAFT, MUTED, RULE, Params


@dataclass(frozen=True, slots=True)
class Marks:
    """Text of the page marks (artifacts), already translated and filled in."""

    line: Any
    """Language, English title, revision: the running foot line without the page number
    (a :class:`~factsheet_pdf.compose.doc.MarkLine`, held to one line by the page)."""
    page: tuple
    """The page label's spans, with ``field`` spans ``page`` and ``pages``."""
    turn_over: str | None
    continued: str | None
    draft: str | None
    font: str
    bold_font: str
    size: float
    cue_size: float
    color: object = MUTED
    rtl: bool = False
    """Right-to-left page: columns, marks and cue mirrored."""
    writer: Any = None
    """Draws a mark line that needs shaping or font fallback (:class:`.shaped.LineWriter`)."""


def _starts_glossary_part(f) -> bool:
    """Whether a flowable starts with a glossary entry that continues the glossary (large
    print: the page it starts gets the continuation label)."""
    while f is not None:
        if getattr(f, "continues_glossary", False):
            return True
        parts = getattr(f, "parts", None)
        f = parts[0] if parts else None
    return False


def stack_height(flowables, width: float) -> float:
    total = 0.0
    first = True
    for f in flowables:
        if not isinstance(f, Flowable) or isinstance(f, (NotAtTopFrameBreak, ActionFlowable)):
            continue
        _, h = f.wrap(width, 10_000)
        total += h + (0 if first else f.getSpaceBefore()) + f.getSpaceAfter()
        first = False
    return total


def fill_columns(flowables, width: float, columns: list[float], slack: float) -> float:
    """Pour the flowables into these columns as continuous heights (each column ``slack``
    shorter for line and keep losses; a pending column break starts a new column). Returns
    the height left over (> 0: does not fit) or minus the room left in the last column."""
    col, used = 0, 0.0
    for f in flowables:
        if isinstance(f, NotAtTopFrameBreak):
            if used > 0:
                col, used = col + 1, 0.0
            continue
        if not isinstance(f, Flowable) or isinstance(f, ActionFlowable):
            continue
        if isinstance(f, GlossaryBox):  # breaks only between entries (exact heights: the
            units, per_break = f.units(width)  # slack is for paragraphs' line losses)
            for u in units:
                while col < len(columns) and used + u > columns[col]:
                    col, used = col + 1, per_break
                    if col < len(columns) and used + u <= columns[col]:
                        break
                if col >= len(columns):
                    return u
                used += u
            continue
        _, h = f.wrap(width, 10_000)
        h += f.getSpaceAfter() + (f.getSpaceBefore() if used else 0)
        while col < len(columns) and used + h > columns[col] - slack:
            h -= max(columns[col] - slack - used, 0)
            col, used = col + 1, 0.0
        if col >= len(columns):
            return h
        used += h
    if col >= len(columns):
        return 0.0
    return -(columns[col] - slack - used) - sum(c - slack for c in columns[col + 1:])


def fits_columns(flowables, width: float, columns: list[float], slack: float) -> bool:
    return fill_columns(flowables, width, columns, slack) <= 0


class SheetDoc(BaseDocTemplate):
    """Doc template that places the contact block on the last page and draws page marks."""

    def __init__(self, filename, *, variant: Variant, params: Params, marks: Marks,
                 band_height: float, footer: list, footer_height: float,
                 hang: float = 0.0, glossary_label: str | None = None, **kw):
        self.variant = variant
        self.params = params
        self.marks = marks
        self.band_height = band_height
        self.footer = footer
        self.footer_height = footer_height
        self.total_pages = 0
        """Page count printed in the marks: the document's, set when the marks are drawn,
        after the last page (:meth:`_defer_marks`)."""
        self.hang = hang
        self.glossary_label = glossary_label
        """Large print: the continuation label at the top of a page the glossary goes on on."""
        """Room kept at the right for CJK punctuation that hangs past the line end."""
        self.overflow = 0.0
        """Height of content that landed beyond the page limit."""
        self.footer_page: int | None = None
        self.footer_missing = False
        self.column_heights: dict[int, list[float]] = {}
        self._story: list = []
        self._last = False
        self.budget: int | None = None
        """Page budget: content beyond it counts as overflow."""
        self.balance_shift = 0.0
        """Added to the balanced first column of the last page (render's balancing pass)."""
        self.short_pages: dict[int, float] = {}
        """page -> points: that page's text ends this much higher (one column)."""
        self._line: str | None = None
        """The foot line as it fits (:meth:`_fitted_line`), once per document."""
        self.balanced_page: int | None = None
        self._marked: list[tuple[int, bool]] = []
        """(page, whether a page follows) of each page whose marks are yet to be drawn."""
        self.last_lows: tuple[float, float] | None = None
        """Where the balanced page's two columns ended (frame y, pt from the page foot)."""
        super().__init__(filename, **kw)
        w, h = self.pagesize
        m = params.margin
        if variant.columns == 2:
            self._two_column_templates(w, h, m)
        else:
            self._one_column_template(w, h, m)

    def build(self, flowables, **kw):
        self._story = flowables
        super().build(flowables, **kw)

    # -- frames ----------------------------------------------------------------------
    def _frame(self, fid, x, y, w, h) -> Frame:
        return Frame(x, y, w, h, id=fid, leftPadding=0, rightPadding=0, topPadding=0,
                     bottomPadding=0, showBoundary=0)

    def _two_column_templates(self, w, h, m):
        p = self.params
        self.marks_band = self.marks.cue_size * 2.6
        self.col_w = (w - 2 * m - p.gutter) / 2
        self.col_bottom = m + self.marks_band
        band_gap = p.body * 0.9
        self.top_first = h - m - self.band_height - band_gap
        self.top_next = h - m
        self.footer_gap = p.body * 1.2
        x1, x2 = m, m + self.col_w + p.gutter
        if self.marks.rtl:  # the first column read is the right one
            x1, x2 = x2, x1
        first = PageTemplate("first", [
            self._frame("band", m, h - m - self.band_height, w - 2 * m, self.band_height),
            self._frame("c1", x1, self.col_bottom, self.col_w, self.top_first - self.col_bottom),
            self._frame("c2", x2, self.col_bottom, self.col_w, self.top_first - self.col_bottom),
        ], onPage=self._page_begin, onPageEnd=self._page_end, autoNextPageTemplate="next")
        nxt = PageTemplate("next", [
            self._frame("c1", x1, self.col_bottom, self.col_w, self.top_next - self.col_bottom),
            self._frame("c2", x2, self.col_bottom, self.col_w, self.top_next - self.col_bottom),
        ], onPage=self._page_begin, onPageEnd=self._page_end, autoNextPageTemplate="next")
        self._footer_box = (m, self.col_bottom, w - 2 * m, self.footer_height)
        self.addPageTemplates([first, nxt])

    def _one_column_template(self, w, h, m):
        # A little top padding keeps tall glyphs' boxes (Noto's ascent) inside the 1 in margin.
        frame = Frame(m, m, w - 2 * m, h - 2 * m, id="c1", leftPadding=0, rightPadding=self.hang,
                      topPadding=self.params.body * 0.3, bottomPadding=0)
        self._flow_frame = (m, h - 2 * m)
        lp = PageTemplate("lp", [frame], onPage=self._flow_page_begin, onPageEnd=self._page_end,
                          autoNextPageTemplate="lp")
        self.addPageTemplates([lp])

    def _flow_page_begin(self, canv, doc):
        """One column: the whole frame, or on a page of :attr:`short_pages` a frame ending
        higher, so that lines move on to the page after (large print's fill rule)."""
        frame = self.pageTemplate.frames[0]
        y1, height = self._flow_frame
        cut = min(self.short_pages.get(self.page, 0.0), height * 0.6)
        label = self._continued_lines(frame) if self._story and _starts_glossary_part(
            self._story[0]) else []
        top = self._label_height(label)
        frame.y1, frame.height = y1 + cut, height - cut - top
        if label:
            mk = self.marks
            with canv.pagination("Header"):
                canv.saveState()
                canv.setFillColor(ACCENT)
                y = y1 + height - self.params.body * 0.3 - mk.size * 1.1  # (inside the margin)
                for ln in label:
                    x = frame.x1 + frame.width if mk.rtl else frame.x1
                    self.mark_text(canv, ln, x, y, mk.bold_font, mk.size,
                                   "right" if mk.rtl else "left")
                    y -= mk.size * 1.25
                canv.restoreState()

    def _continued_lines(self, frame) -> list[str]:
        """The glossary's continuation label broken to the column's width (large print)."""
        text = self.glossary_label
        if not text:
            return []
        mk = self.marks
        lines: list[str] = []
        for w in text.split():
            if lines and self.mark_width(f"{lines[-1]} {w}", mk.bold_font, mk.size) \
                    <= frame.width:
                lines[-1] = f"{lines[-1]} {w}"
            else:
                lines.append(w)
        return lines

    def _label_height(self, lines: list[str]) -> float:
        return len(lines) * self.marks.size * 1.25 + self.marks.size * 0.6 if lines else 0.0

    @property
    def flow_height(self) -> float:
        """Height of a whole page's text area (one column)."""
        return self._flow_frame[1]

    def fill(self, page: int) -> float:
        """How much of the page's text area its text takes (0 to 1; one column)."""
        used = self.column_heights.get(page, [0.0])
        return sum(used) / self._flow_frame[1] if self.variant.columns == 1 else 1.0

    def column_plan(self, pages: int) -> list[float]:
        """Heights of the columns of a ``pages``-page layout, in order (standard variant)."""
        foot_top = self.col_bottom + self.footer_height + self.footer_gap
        cols = []
        for n in range(1, pages + 1):
            top = self.top_first if n == 1 else self.top_next
            bottom = foot_top if n == pages else self.col_bottom
            cols += [top - bottom, top - bottom]
        return cols

    # -- the last page -----------------------------------------------------------------
    def _page_begin(self, canv, doc):
        """Set the columns of this page: full, or (last page) above the contact block and
        balanced."""
        first = self.page == 1
        top = self.top_first if first else self.top_next
        cols = [f for f in self.pageTemplate.frames if f.id in ("c1", "c2")]
        for f in cols:
            f.y1, f.height = self.col_bottom, top - self.col_bottom
        story = self._story
        if first:  # the title band's flowables go before the first frame break
            cut = next((i for i, f in enumerate(story) if isinstance(f, ActionFlowable)), -1)
            story = story[cut + 1:]
        foot_top = self.col_bottom + self.footer_height + self.footer_gap
        col_h = top - foot_top
        line = self.params.body * self.params.leading
        self._last = bool(self.footer) and fits_columns(story, self.col_w, [col_h, col_h],
                                                         slack=line * 1.5)
        if not self._last:
            return
        for f in cols:
            f.y1, f.height = foot_top, col_h
        pending_break = any(isinstance(f, NotAtTopFrameBreak) for f in story[1:])
        if not pending_break:
            # half the rest, plus what a break costs the second column: the glossary box's
            # padding and "continued" label, or the lines widow/orphan control moves over
            half = stack_height(story, self.col_w) / 2 + line * 1.6
            rest = [f for f in story if isinstance(f, Flowable)
                    and not isinstance(f, (NotAtTopFrameBreak, ActionFlowable))]
            if rest and isinstance(rest[-1], GlossaryBox):
                # the glossary ends the sheet on this page: it balances its two parts itself
                # and both reach the columns' foot (no column is shortened)
                rest[-1].on_last_page = True
                return
            half += self.balance_shift
            if half < col_h:
                cols[0].y1, cols[0].height = top - half, half
                self.balanced_page = self.page

    def _draw_footer(self, canv):
        x, y, fw, fh = self._footer_box
        canv.saveState()
        canv.setStrokeColor(RULE)
        canv.setLineWidth(1)
        rule_y = y + fh + self.params.body * 0.6
        canv.line(x, rule_y, x + fw, rule_y)
        canv.restoreState()
        frame = self._frame("footer", x, y, fw, fh)
        frame.addFromList(list(self.footer), canv)
        self.footer_page = self.page

    def _page_end(self, canv, doc):
        has_next = any(isinstance(f, Flowable) and not isinstance(
            f, (NotAtTopFrameBreak, ActionFlowable)) for f in self._story)
        if self.variant.columns == 1:
            self.column_heights[self.page] = [
                rlseam.frame_used_height(self.pageTemplate.frames[0])]
        if self.variant.columns == 2:
            self.column_heights[self.page] = [
                rlseam.frame_used_height(f) for f in self.pageTemplate.frames
                if f.id in ("c1", "c2")]
            if self.page == self.balanced_page:
                c1, c2 = (f for f in self.pageTemplate.frames if f.id in ("c1", "c2"))
                self.last_lows = (rlseam.frame_cursor(c1), rlseam.frame_cursor(c2))
            if not has_next and self.footer and self.footer_page is None:
                foot_top = self.col_bottom + self.footer_height + self.footer_gap
                cols = [f for f in self.pageTemplate.frames if f.id in ("c1", "c2")]
                if self._last or all(rlseam.frame_cursor(f) >= foot_top for f in cols):
                    self._draw_footer(canv)
                else:
                    self.footer_missing = True
        self._defer_marks(canv, has_next)

    # -- page marks ----------------------------------------------------------------------
    def _defer_marks(self, canv, has_next: bool) -> None:
        """The page shows its marks as a form XObject (``fsMarksN``, inside the pagination
        artifact) drawn when the canvas is saved (:meth:`_draw_marks_forms`): only then is the
        page count known, so a layout is never repeated to print it right."""
        if not self._marked:
            canv.deferred.append(self._draw_marks_forms)
        with canv.pagination("Footer"):
            canv.doForm(f"fsMarks{self.page}")
        self._marked.append((self.page, has_next))

    def _draw_marks_forms(self, canv) -> None:
        self.total_pages = len(self._marked)
        w, h = self.pagesize
        for page, has_next in self._marked:
            canv.beginForm(f"fsMarks{page}", 0, 0, w, h)
            self._marks(canv, has_next, page)
            canv.endForm()

    def _page_label(self, page: int) -> str:
        mk = self.marks
        return plain_fields(mk.page, {"page": str(page), "pages": str(self.total_pages)})

    def _foot_text(self, page: int) -> str:
        line = self._fitted_line()
        if self.total_pages <= 1:
            return line
        return f"{line}{SEPARATOR}{self._page_label(page)}"

    def _fitted_line(self) -> str:
        """The foot line without the page label, held to one line on every page: the title
        (the sheet's short title, else its English title) shortened (:func:`_shortened`)
        until the line with the widest page label (and, standard, the cue beside it) fits the
        page's width."""
        if self._line is not None:
            return self._line
        mk = self.marks
        w, _ = self.pagesize
        room = w - 2 * self.params.margin
        cues = [c for c in (mk.turn_over, mk.continued) if c]
        if self.variant.columns == 2 and cues and self.total_pages > 1:
            cue = max(self.mark_width(c, mk.bold_font, mk.cue_size) for c in cues)
            room -= mk.cue_size * 1.1 + cue + mk.cue_size * 0.3 + mk.size
        page = (SEPARATOR + self._page_label(self.total_pages)) if self.total_pages > 1 else ""
        line = mk.line
        if isinstance(line, str):  # (a caller's own text)
            self._line = line
            return line
        text = line.text()
        for text in _shortened(line):
            if self.mark_width(text + page, mk.font, mk.size) <= room:
                break
        self._line = text
        return text

    def _cue(self, has_next: bool, page: int) -> str | None:
        if not has_next or self.total_pages <= 1:
            return None
        return self.marks.turn_over if page % 2 else self.marks.continued

    def _arrow(self, canv, x, y, size, left: bool = False):
        """A small arrow pointing along the reading direction (right, or left on a
        right-to-left page), drawn as vector paths (an artifact)."""
        canv.saveState()
        canv.setStrokeColor(self.marks.color)
        canv.setFillColor(self.marks.color)
        canv.setLineWidth(size * 0.09)
        mid = y + size * 0.32
        if left:  # mirrored about the arrow's box
            canv.translate(2 * x + size * 0.95, 0)
            canv.scale(-1, 1)
        canv.line(x, mid, x + size * 0.75, mid)
        p = canv.beginPath()
        p.moveTo(x + size * 0.95, mid)
        p.lineTo(x + size * 0.55, mid + size * 0.25)
        p.lineTo(x + size * 0.55, mid - size * 0.25)
        p.close()
        canv.drawPath(p, stroke=0, fill=1)
        canv.restoreState()

    def _marks(self, canv, has_next: bool, page: int):
        with canv.pagination("Footer"):
            self._draw_marks(canv, has_next, page)

    def mark_text(self, canv, text, x, y, font, size, align="left"):
        writer = self.marks.writer
        if writer is not None:
            writer.draw(canv, text, x, y, font, size, align)
            return
        canv.setFont(font, size)
        {"left": canv.drawString, "right": canv.drawRightString,
         "center": canv.drawCentredString}[align](x, y, text)

    def mark_width(self, text, font, size) -> float:
        writer = self.marks.writer
        return (writer.width(text, font, size) if writer is not None
                else stringWidth(text, font, size))

    def _draw_marks(self, canv, has_next: bool, page: int):
        mk = self.marks
        w, h = self.pagesize
        m = self.params.margin
        rtl = mk.rtl
        text = self._foot_text(page)
        cue = self._cue(has_next, page)
        canv.saveState()
        canv.setFillColor(mk.color)
        if self.variant.columns == 2:
            y = m
            self.mark_text(canv, text, w - m if rtl else m, y, mk.font, mk.size,
                       "right" if rtl else "left")
            if cue:
                arrow = mk.cue_size * 1.1
                cw = self.mark_width(cue, mk.bold_font, mk.cue_size)
                tw = self.mark_width(text, mk.font, mk.size)
                if w - 2 * m - arrow - cw - mk.cue_size * 0.3 < tw + mk.size:
                    y += mk.cue_size * 1.4  # no room beside the foot line: a line above it
                if rtl:  # the cue at the left, its arrow pointing left
                    self._arrow(canv, m, y, mk.cue_size, left=True)
                    self.mark_text(canv, cue, m + arrow + mk.cue_size * 0.3, y, mk.bold_font,
                               mk.cue_size)
                else:
                    x = w - m - arrow - cw - mk.cue_size * 0.3
                    self.mark_text(canv, cue, x, y, mk.bold_font, mk.cue_size)
                    self._arrow(canv, w - m - arrow, y, mk.cue_size)
            if mk.draft:
                canv.setFillColor(DRAFT)
                self.mark_text(canv, mk.draft, w / 2, h - m * 0.6, mk.bold_font, 10, "center")
        else:
            lines = _wrap(text, self.mark_width, mk.font, mk.size, w - 2 * m)
            lead = mk.size * 1.2
            y = m - mk.size * 1.3
            for ln in lines:
                self.mark_text(canv, ln, w - m if rtl else m, y, mk.font, mk.size,
                           "right" if rtl else "left")
                y -= lead
            if mk.draft:
                canv.setFillColor(DRAFT)
                self.mark_text(canv, mk.draft, w - m if rtl else m, h - m + mk.size * 0.8,
                           mk.bold_font, mk.size, "right" if rtl else "left")
        canv.restoreState()

    def afterFlowable(self, flowable):
        limit = self.budget
        if limit and self.page > limit:  # (a glossary part's text, not its stretched ground)
            self.overflow += getattr(flowable, "natural_height", None) or getattr(
                flowable, "height", 0) or 0


ELLIPSIS = "\u2026"


def _shortened(line) -> list[str]:
    """The foot line's texts from the whole one to the shortest: the month abbreviated
    first (it loses nothing), then the title cut word by word with an ellipsis ("Growing
    Food in a…", ..., "Growing Food…"), then the same with the language's own name alone
    (its English name left out), then the title's first word alone. The title is never
    dropped: staff sort handouts by it."""
    words = line.title.split()
    titles = [line.title] + [" ".join(words[:k]).rstrip(",;:-\u2013\u2014") + ELLIPSIS
                             for k in range(len(words) - 1, 0, -1)]
    short = bool(line.revision_short)
    # two words of the title or more before the English name goes, then one word
    longer, shortest = titles[:max(len(titles) - 1, 1)], titles[max(len(titles) - 1, 1):]
    out = [line.text()]
    for group in (longer, shortest):
        out += [line.text(t, short_month=short) for t in group]
        if line.english:
            out += [line.text(t, short_month=short, native_only=True) for t in group]
    return out


def _wrap(text: str, width_of, font: str, size: float, width: float) -> list[str]:
    """Break a page-mark line at its " · " separators (then at spaces) to fit ``width``."""
    if width_of(text, font, size) <= width:
        return [text]
    parts = text.split(" \u00b7 ")
    for i in range(len(parts) - 1, 0, -1):
        a, b = " \u00b7 ".join(parts[:i]), " \u00b7 ".join(parts[i:])
        if width_of(a, font, size) <= width:
            return [a, b]
    return [text]
