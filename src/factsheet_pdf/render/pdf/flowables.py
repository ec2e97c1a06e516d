"""Flowables that know their structure element and tag what they draw.

Each keeps ReportLab's protocol (wrap, split, draw); ``split`` copies the element onto the
pieces it returns, so a paragraph split across columns or pages is one element with several
marked-content pieces.
"""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable
from reportlab.platypus.doctemplate import FrameActionFlowable, FrameBreak

from ... import rlhooks, rlseam
from ...hyphenate import word_key
from ...tag import Element
from .balance import balanced_measures
from .measure import active as measuring
from .measure import lookup as known_height
from .measure import paragraph_key
from .measure import remember as remember_height
from .styles import SHADE


def _copy_frags(frags) -> list:
    """A copy of a paragraph's fragments (raw ParaFrags or ReportLab's processed words)."""
    return [type(f)(f) if isinstance(f, list) else f.clone() for f in frags]


class TaggedParagraph(rlseam.Paragraph):
    """A Paragraph drawn inside its structure element; optional outline entry (headings).

    Line breaking goes through :mod:`factsheet_pdf.rlhooks`: soft hyphens and line-end spaces
    in the text layer, the line-level hyphenation rules, no hyphen at a column end, the
    Chinese line-breaking rules, and no hyphenation of glossary terms (the bold words of a
    glossary entry).
    """

    def __init__(self, text, style, *args, element: Element | None = None,
                 outline: tuple[str, int] | None = None, no_hyphen=(), **kwargs):
        super().__init__(text, style, *args, **kwargs)
        self.element = element
        self.outline = outline
        self.no_hyphen = set(no_hyphen)
        if style.name.startswith("gloss"):
            for f in self.frags:
                if getattr(f, "fontName", "").endswith("-bold") and getattr(f, "text", ""):
                    self.no_hyphen.update(word_key(w) for w in f.text.split())
        if getattr(style, "wordWrap", None) == "CJK":
            # ReportLab's CJK line breaker calls ord() on every fragment's text and fails on
            # the empty text of <onDraw> callbacks; a zero-width space is never drawn for them.
            for f in self.frags:
                if hasattr(f, "cbDefn") and not f.text:
                    f.text = "\u200b"
        rlhooks.source_text(self)  # kept: ReportLab's breakLines rewrites self.frags
        self._frags0 = _copy_frags(self.frags)

    def wrap(self, availWidth, availHeight):
        """A heading style (``balance``) is broken at its balanced measures
        (:func:`.balance.balanced_measures`) and still takes the whole width. While the fit
        search estimates, the height comes from :mod:`.measure` when it is known; else a wrap
        at the width of the last one, with nothing changed since, keeps its lines (a layout
        wraps a paragraph several times at one width: the page's measuring, the frame, a
        keep rule's split)."""
        if rlseam.split_piece_lines(self) is not None:
            return self._wrap_at(availWidth, availHeight)
        if not measuring():
            last = self.__dict__.get("_last_wrap")
            if last is not None and last[0] == self._wrap_state(availWidth) \
                    and all(a is b for a, b in zip(last[2], self._wrap_objects())):
                self.width, self.height = availWidth, last[1]
                return availWidth, last[1]
            w, h = self._wrap_at(availWidth, availHeight)
            self._last_wrap = (self._wrap_state(availWidth), h, self._wrap_objects())
            return w, h
        key = paragraph_key(self, availWidth)
        known = known_height(key)
        if known is not None:
            self.no_hyphen |= known[1]
            self.__dict__.pop("blPara", None)  # (lines of another width: wrap to draw)
            self.width, self.height = availWidth, known[0]
            return availWidth, known[0]
        before = set(self.no_hyphen)
        w, h = self._wrap_at(availWidth, availHeight)
        remember_height(key, h, frozenset(self.no_hyphen - before))
        return w, h

    def _wrap_state(self, width: float) -> tuple:
        """What a wrap's lines depend on besides the text and :meth:`_wrap_objects`: the
        width, the words not to hyphenate, the style's size and leading."""
        return (width, frozenset(self.no_hyphen), self.style.fontSize, self.style.leading)

    def _wrap_objects(self) -> tuple:
        """The objects a wrap leaves (compared by identity, and kept alive by the memory so
        an identity is never another's): the fragments (ReportLab replaces them as it
        breaks and splits), the style, the lines."""
        return (self.frags, self.style, self.__dict__.get("blPara"))

    def _wrap_at(self, availWidth, availHeight):
        if not getattr(self.style, "balance", 0) or rlseam.split_piece_lines(self) is not None:
            return super().wrap(availWidth, availHeight)
        cache = self.__dict__.setdefault("_balanced", {})
        measures = cache.get(availWidth)
        if measures is None:  # (a heading's measures, by content: :mod:`.measure`)
            key = ("balanced", *paragraph_key(self, availWidth))
            known = known_height(key)
            if known is not None:
                measures, blocked = known
                self.no_hyphen |= blocked
            else:
                before = set(self.no_hyphen)
                measures = balanced_measures(
                    lambda ms: self._widths_at(ms, availWidth, availHeight), availWidth)
                remember_height(key, measures, frozenset(self.no_hyphen - before))
            cache[availWidth] = measures
        self._measures = measures
        try:
            return super().wrap(availWidth, availHeight)
        finally:
            self._measures = None

    def _widths_at(self, measures: list[float], width: float, height: float) -> list[float]:
        """The line widths of this paragraph broken at ``measures`` (one per line)."""
        self._measures = measures
        try:
            super().wrap(width, height)
        finally:
            self._measures = None
        bl = self.blPara
        out = []
        for i, line in enumerate(bl.lines):
            extra = line.extraSpace if bl.kind else line[0]
            out.append(measures[min(i, len(measures) - 1)] - extra)
        if rlseam.long_words_split(self) or any(
                w > measures[min(i, len(measures) - 1)] + 0.5 for i, w in enumerate(out)):
            return out + [0.0] * 1000  # a word cut or overflowing: too narrow a measure
        return out

    def breakLines(self, width):
        if rlseam.split_piece_lines(self) is not None:
            return self.blPara
        if getattr(self, "_measures", None):
            width = list(self._measures)  # a heading's balanced measures
        return rlhooks.break_lines(self, width, super().breakLines, self.no_hyphen)

    def breakLinesCJK(self, maxWidths):
        if rlseam.split_piece_lines(self) is not None:
            return self.blPara
        if getattr(self, "_measures", None):
            maxWidths = list(self._measures)
        if not isinstance(maxWidths, (list, tuple)):
            maxWidths = [maxWidths]
        if not self.frags:
            return super().breakLinesCJK(maxWidths)
        bl = rlhooks.cjk_lines(self.frags, maxWidths)
        rlhooks.finish_lines(self, bl)
        return bl

    def _split(self, availWidth, availHeight):
        pieces = super().split(availWidth, availHeight)
        bl = getattr(self, "blPara", None)
        sources = (rlhooks.piece_sources(self, len(pieces[0].blPara.lines))
                   if len(pieces) == 2 and bl is not None else None)
        if len(pieces) == 2 and bl is not None and bl.kind == 0:
            # ReportLab labels the first piece's kind-0 lines "kind 1"; it re-breaks them in
            # wrap, we keep them (they carry our line ends): give them their real kind.
            pieces[0].blPara = bl.clone(lines=pieces[0].blPara.lines)
            for f in pieces[1].frags:
                if getattr(f, "words", None) is not None:
                    f.words = rlhooks.strip_word_ends(f.words)
        if sources is not None:
            pieces[0]._source_text, pieces[1]._source_text = sources
        return pieces

    def split(self, availWidth, availHeight):
        self.__dict__.pop("_last_wrap", None)
        pieces = self._split(availWidth, availHeight)
        rewrapped = False
        for _ in range(6):  # no hyphenated word across a column or page
            if len(pieces) < 2:
                break
            key = rlhooks.line_break_key(self.blPara, len(pieces[0].blPara.lines) - 1)
            if key is None or (key in self.no_hyphen and rewrapped):
                break
            rewrapped = True  # (the lines may predate a word blocked since)
            self.no_hyphen.add(key)
            if hasattr(self, "blPara"):
                del self.blPara
            # ReportLab's split marks the fragment it ended on as "forced to end in a
            # hyphen" in self.frags: start again from the fragments as they came.
            self.frags = _copy_frags(self._frags0)
            self.wrap(availWidth, availHeight)
            pieces = self._split(availWidth, availHeight)
        for p in pieces:
            p.element = self.element
            p.outline = None
            p.no_hyphen = set(self.no_hyphen)
        if pieces:
            pieces[0].outline = self.outline
        return pieces

    def draw(self):
        canv = self.canv
        if self.outline:
            title, level = self.outline
            key = f"o{id(self.element)}"
            canv.bookmarkHorizontal(key, 0, self.height)
            canv.addOutlineEntry(title, key, level=level, closed=False)
        canv.begin_tag(self.element)
        try:
            super().draw()
        finally:
            canv.end_tag(self.element)


class BulletItem(Flowable):
    """A list item: a bullet (Lbl) and a paragraph (LBody) at a hanging indent."""

    def __init__(self, bullet: str, body: TaggedParagraph, *, label: Element | None,
                 indent: float, font: str, size: float, color, continued: bool = False,
                 rtl: bool = False, writer=None):
        """``rtl``: the marker on the right, the body at its left; ``writer`` draws the
        marker where the font cannot (:class:`.shaped.LineWriter`)."""
        super().__init__()
        self.rtl = rtl
        self.writer = writer
        self.bullet = bullet
        self.body = body
        self.label = label
        self.indent = indent
        self.font = font
        self.size = size
        self.color = color
        self.continued = continued

    def wrap(self, availWidth, availHeight):
        _, h = self.body.wrap(availWidth - self.indent, availHeight)
        self.width, self.height = availWidth, h
        return availWidth, h

    def getSpaceBefore(self):
        return self.body.getSpaceBefore()

    def getSpaceAfter(self):
        return self.body.getSpaceAfter()

    def split(self, availWidth, availHeight):
        pieces = self.body.split(availWidth - self.indent, availHeight)
        if len(pieces) < 2:
            return []
        first, rest = pieces[0], pieces[1:]
        out = [BulletItem(self.bullet, first, label=self.label, indent=self.indent,
                          font=self.font, size=self.size, color=self.color,
                          continued=self.continued, rtl=self.rtl, writer=self.writer)]
        for p in rest:
            out.append(BulletItem(self.bullet, p, label=self.label, indent=self.indent,
                                  font=self.font, size=self.size, color=self.color,
                                  continued=True, rtl=self.rtl, writer=self.writer))
        return out

    def draw(self):
        canv = self.canv
        if not self.continued:
            style = self.body.style
            y = self.height - style.fontSize
            if getattr(self.body, "blPara", None) is not None and self.body.blPara.lines:
                y = self.height - rlhooks.first_baseline(self.body)
            canv.begin_tag(self.label)
            canv.saveState()
            canv.setFillColor(self.color)
            x, align = (self.width, "right") if self.rtl else (0, "left")
            if self.writer is not None:
                self.writer.draw(canv, self.bullet, x, y, self.font, self.size, align)
            else:
                canv.setFont(self.font, self.size)
                (canv.drawRightString if self.rtl else canv.drawString)(x, y, self.bullet)
            canv.restoreState()
            canv.end_tag(self.label)
        self.body.drawOn(canv, 0 if self.rtl else self.indent, 0)


class Shaded(Flowable):
    """A flowable on a shaded ground with padding (the glossary sidebar, piece by piece)."""

    def __init__(self, inner: Flowable, *, pad_x: float, pad_top: float, pad_bottom: float,
                 color=SHADE):
        super().__init__()
        self.inner = inner
        self.pad_x = pad_x
        self.pad_top = pad_top
        self.pad_bottom = pad_bottom
        self.color = color

    def wrap(self, availWidth, availHeight):
        _, h = self.inner.wrap(availWidth - 2 * self.pad_x,
                               max(availHeight - self.pad_top - self.pad_bottom, 0))
        self.width = availWidth
        self.height = h + self.pad_top + self.pad_bottom
        return self.width, self.height

    def getKeepWithNext(self):
        return getattr(self.inner.style, "keepWithNext", 0) if hasattr(self.inner, "style") else 0

    def split(self, availWidth, availHeight):
        inner_h = availHeight - self.pad_top - self.pad_bottom
        pieces = self.inner.split(availWidth - 2 * self.pad_x, inner_h)
        if len(pieces) < 2:
            return []
        return [Shaded(p, pad_x=self.pad_x, pad_top=self.pad_top, pad_bottom=self.pad_bottom,
                       color=self.color) for p in pieces]

    def draw(self):
        canv = self.canv
        canv.saveState()
        canv.setFillColor(self.color)
        canv.rect(0, 0, self.width, self.height, stroke=0, fill=1)
        canv.restoreState()
        self.inner.drawOn(canv, self.pad_x, self.pad_bottom)


class NotAtTopFrameBreak(FrameActionFlowable):
    """Move to the next column unless the current one is still empty."""

    locChanger = 1

    def __init__(self) -> None:
        pass

    def frameAction(self, frame):
        if not rlseam.frame_at_top(frame):
            frame.add_generated_content(FrameBreak)


def _stack_height(flowables, width) -> float:
    """Height of flowables stacked in a frame (space before the first not counted)."""
    total = 0.0
    for i, f in enumerate(flowables):
        _, h = f.wrap(width, 10_000)
        total += h + (f.getSpaceBefore() if i else 0) + (
            f.getSpaceAfter() if i < len(flowables) - 1 else 0)
    return total


class _Group(Flowable):
    """Flowables kept together by a rule; drawn one below the other, split by the rule."""

    def __init__(self, parts: list[Flowable]):
        super().__init__()
        self.parts = parts

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        self.height = _stack_height(self.parts, availWidth)
        return availWidth, self.height

    def getSpaceBefore(self):
        return self.parts[0].getSpaceBefore()

    def getSpaceAfter(self):
        return self.parts[-1].getSpaceAfter()

    def draw(self):
        y = self.height
        for i, f in enumerate(self.parts):
            if i:
                y -= f.getSpaceBefore()
            _, h = f.wrap(self.width, 10_000)
            y -= h
            f.drawOn(self.canv, 0, y)
            y -= f.getSpaceAfter()


class Unsplit(_Group):
    """Flowables never split (the contact block), unless the group is taller than a whole
    frame (a clinic's large-print block with logo, QR code and hours at 18 pt can be): then,
    at the top of a fresh frame, its parts flow one by one rather than fail the layout, the
    first two and the last three kept together (no page holds only the heading or only the QR
    code and its caption)."""

    def split(self, availWidth, availHeight):
        frame = rlseam.flowable_frame(self)
        if frame is not None and rlseam.frame_at_top(frame) and len(self.parts) > 1:
            return self.flowing()
        return []

    def flowing(self) -> list[Flowable]:
        """The parts as they flow one by one, none alone at either end: the heading stays
        with what follows it, the last parts (the QR code and its caption) with the line
        before them."""
        parts = list(self.parts)
        if len(parts) >= 5:
            return [Unsplit(parts[:2]), *parts[2:-3], Unsplit(parts[-3:])]
        if len(parts) >= 4:
            return [Unsplit(parts[:2]), *parts[2:-2], Unsplit(parts[-2:])]
        return parts


class KeepWithFirstLines(_Group):
    """A heading (or headings) kept with the first lines of what follows: the follower's own
    split decides how many lines may stay (2: ReportLab's widow/orphan control)."""

    def __init__(self, heads: list[Flowable], follower: Flowable):
        super().__init__([*heads, follower])
        self.heads = heads
        self.follower = follower

    def split(self, availWidth, availHeight):
        head_h = _stack_height(self.heads, availWidth) + self.heads[-1].getSpaceAfter()
        room = availHeight - head_h - self.follower.getSpaceBefore() - 0.5
        if room <= 0:
            return []
        pieces = self.follower.split(availWidth, room)
        if len(pieces) < 2:
            return []
        return [*self.heads, *pieces]


class KeepTail(_Group):
    """A list intro kept with its first items: the intro may split, but its last part goes
    with the items."""

    def __init__(self, lead: Flowable, tail: list[Flowable]):
        super().__init__([lead, *tail])
        self.lead = lead
        self.tail = tail

    def split(self, availWidth, availHeight):
        pieces = self.lead.split(availWidth, availHeight)
        if len(pieces) < 2:
            return []
        return [pieces[0], KeepTail(pieces[1], self.tail)]


class KeepWithLast(_Group):
    """The contact block (``tail``) kept with what precedes it (``lead``): where both do not
    fit, the lead's last lines (two or more) go over with the block, or the whole lead when
    it cannot split (large print: the block never stands alone on a page)."""

    def __init__(self, lead: Flowable, tail: list[Flowable]):
        super().__init__([lead, *tail])
        self.lead = lead
        self.tail = tail

    def split(self, availWidth, availHeight):
        _, h = self.lead.wrap(availWidth, availHeight)
        room = availHeight
        if h <= availHeight:  # the lead fits whole, the block does not: keep 2 lines for it
            lead = getattr(getattr(self.lead, "style", None), "leading", 0) or 0
            room = h - 2 * lead - 0.5
        pieces = self.lead.split(availWidth, room) if room > 0 else []
        if len(pieces) >= 2:
            return [*pieces[:-1], KeepWithLast(pieces[-1], self.tail)]
        frame = rlseam.flowable_frame(self)
        if frame is not None and rlseam.frame_at_top(frame):
            # the lead and the block are more than a page (a clinic's block with its logo and
            # QR code at 18 pt nearly fills one): the block follows the lead on this page and
            # goes on on the next, its heading with what follows it, its QR code with the line
            # before it (:meth:`Unsplit.flowing`), rather than stand alone on a page
            out: list[Flowable] = [self.lead]
            for t in self.tail:
                out += t.flowing() if isinstance(t, Unsplit) else [t]
            return out
        return []


class Rule(Flowable):
    """A horizontal rule across the frame (an artifact: the tagging canvas marks what is not
    text as one), with space above and below: under large print's title block."""

    def __init__(self, *, color, width: float, before: float, after: float):
        super().__init__()
        self.color, self.line_width = color, width
        self.before, self.after = before, after

    def wrap(self, availWidth, availHeight):
        self.width, self.height = availWidth, self.line_width
        return self.width, self.height

    def getSpaceBefore(self):
        return self.before

    def getSpaceAfter(self):
        return self.after

    def draw(self):
        canv = self.canv
        canv.saveState()
        canv.setStrokeColor(self.color)
        canv.setLineWidth(self.line_width)
        canv.line(0, self.line_width / 2, self.width, self.line_width / 2)
        canv.restoreState()


def _is_heading(f) -> bool:
    inner = getattr(f, "inner", f)
    return getattr(getattr(inner, "style", None), "name", "") in ("h2", "gloss_h")


def apply_keep_rules(flowables: list[Flowable]) -> list[Flowable]:
    """Replace keep-with-next by the keep rules: a heading with the first 2 lines of what
    follows; a list intro with its first 2 items."""
    def unit(i):
        f = flowables[i]
        if isinstance(f, TaggedParagraph) and i + 1 < len(flowables) \
                and isinstance(flowables[i + 1], BulletItem):
            items = []
            for g in flowables[i + 1:i + 3]:
                if not isinstance(g, BulletItem):
                    break
                items.append(g)
            return KeepTail(f, items), i + 1 + len(items)
        return f, i + 1

    out: list[Flowable] = []
    i = 0
    while i < len(flowables):
        f = flowables[i]
        if _is_heading(f):
            getattr(f, "inner", f).style.keepWithNext = 0
            if i + 1 < len(flowables):
                nxt, i = unit(i + 1)
                out.append(KeepWithFirstLines([f], nxt))
                continue
        u, i = unit(i)
        out.append(u)
    return out


class GlossaryBox(Flowable):
    """The shaded glossary sidebar: heading and entries on one shaded ground, padded.

    It breaks only between entries (an entry is never split; the heading goes with the first
    one); a part that continues it starts with the one continuation label (an artifact,
    ``label.glossary-continued``, wrapped to the box). A part that goes on elsewhere, and the
    glossary's last part, reach the foot of their column (the ground, and the entries spread
    by up to :data:`SPREAD` lines each): the sidebar fills its column. On the page where it ends
    the sheet its two parts are balanced and end level (:attr:`on_last_page`): where the
    longer one's text ends, or at the foot when that is near it.
    """

    SPREAD = 2.0
    """Most extra space between two entries where a part is stretched, in lines."""
    TO_FOOT = 4.0
    """Lines: two parts that would end this close to their columns' foot reach it."""

    def __init__(self, items: list[Flowable], *, pad: float, gap: float, label: str | None,
                 label_font: str, label_size: float, label_color, continued: bool = False,
                 color=SHADE, writer=None, target: float | None = None,
                 fill: bool = True):
        super().__init__()
        self.items = items
        self.pad = pad
        self.gap = gap
        self.label = label
        self.label_font = label_font
        self.label_size = label_size
        self.label_color = label_color
        self.continued = continued
        self.color = color
        self.writer = writer
        """Draws the label in any script (:class:`.shaped.LineWriter`), or None."""
        self.target = target
        """The height this part is stretched to (parts that end level), or None."""
        self.fill = fill
        """Stretch to the foot of the column when this is the glossary's last part."""
        self.on_last_page = False
        """Set by the page: the glossary ends the sheet on this page, so where it goes on in
        the next column its two parts are balanced (with the text above the first) and both
        reach the columns' foot, level."""

    def _clone(self, items, continued, target=None):
        return GlossaryBox(items, pad=self.pad, gap=self.gap, label=self.label,
                           label_font=self.label_font, label_size=self.label_size,
                           label_color=self.label_color, continued=continued, color=self.color,
                           writer=self.writer, target=target, fill=self.fill)

    # -- measuring ----------------------------------------------------------------------
    def _label_lines(self, width: float) -> list[str]:
        """The continuation label broken into lines that fit the box (by words)."""
        if not (self.continued and self.label):
            return []
        room = width - 2 * self.pad
        lines: list[str] = []
        for w in self.label.split():
            if lines and self._text_width(f"{lines[-1]} {w}") <= room:
                lines[-1] = f"{lines[-1]} {w}"
            else:
                lines.append(w)
        return lines

    def _text_width(self, text: str) -> float:
        if self.writer is not None:
            return self.writer.width(text, self.label_font, self.label_size)
        return stringWidth(text, self.label_font, self.label_size)

    def _label_h(self, width: float) -> float:
        n = len(self._label_lines(width))
        return n * self.label_size * 1.25 + self.label_size * 0.5 if n else 0.0

    def _heights(self, width):
        """Each entry's height at the box's inner width. An entry is wrapped once per width
        (every part of one glossary is measured at its column's width, several times per
        layout: natural height, units, balance, split, draw), and it is drawn at that width."""
        inner = width - 2 * self.pad
        out = []
        for f in self.items:
            memo = f.__dict__.setdefault("_factsheet_heights", {})
            if inner not in memo:
                memo[inner] = f.wrap(inner, 10_000)[1]
            elif getattr(f, "_factsheet_wrapped", None) != inner:
                f.wrap(inner, 10_000)  # drawn after a wrap at another width: wrap again
            # (an estimate's wrap may leave the lines of an earlier one: measure.py)
            f._factsheet_wrapped = None if measuring() else inner
            out.append(memo[inner])
        return out

    def _natural(self, width: float, hs=None) -> float:
        hs = self._heights(width) if hs is None else hs
        return 2 * self.pad + self._label_h(width) + sum(hs) + self.gap * (len(hs) - 1)

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        frame = rlseam.flowable_frame(self)
        if self.on_last_page and frame is not None and getattr(frame, "id", "") == "c1" \
                and availHeight < 5_000:
            # ending the sheet in the first column: taller than it, so that :meth:`split`
            # balances it over both columns (or moves it whole to the second)
            self.height = availHeight + 1
            return availWidth, self.height
        natural = self.natural_height = self._natural(availWidth)
        height = natural
        if self.target is not None:
            height = max(natural, self.target)
        elif self.fill and natural <= availHeight < 5_000:  # the last part: to the foot
            height = availHeight
        self.height = height
        return availWidth, height

    def units(self, width: float) -> tuple[list[float], float]:
        """The heights of what cannot be split (the heading with the first entry, each
        further entry with the gap before it), the first with the box's top padding and the
        last with its bottom one; and what a break adds (the next part's padding and label)."""
        hs = self._heights(width)
        out: list[float] = []
        for i, (f, h) in enumerate(zip(self.items, hs)):
            if i and _is_heading(self.items[i - 1]):
                out[-1] += self.gap + h
            else:
                out.append(h + (self.gap if i else self.pad))
        if out:
            out[-1] += self.pad
        label = self._clone([], True)._label_h(width)
        return out, 2 * self.pad + label

    def balanced_cut(self, width: float) -> float:
        """The first part's height that splits this box into two parts of the most equal
        heights, at an entry boundary (the heading stays with the first entry)."""
        hs = self._heights(width)
        best = None
        for j in range(2, len(hs)):  # the first part: items[:j] (heading and an entry at least)
            if _is_heading(self.items[j - 1]):
                continue
            first = self._clone(self.items[:j], self.continued)._natural(width, hs[:j])
            second = self._clone(self.items[j:], True)._natural(width, hs[j:])
            if best is None or abs(first - second) < abs(best[0] - best[1]):
                best = (first, second)
        return best[0] + 0.5 if best else 0.0

    # -- breaking -----------------------------------------------------------------------
    def split(self, availWidth, availHeight):
        hs = self._heights(availWidth)
        fits = [j for j in range(1, len(self.items) + 1)
                if self._clone(self.items[:j], self.continued)._natural(availWidth, hs[:j])
                <= availHeight + 1e-6 and not _is_heading(self.items[j - 1])]
        frame = rlseam.flowable_frame(self)
        if not fits:
            if frame is None or not rlseam.frame_at_top(frame):
                return []
            return self._split_entry(availWidth, availHeight)  # an entry taller than a column
        same_page = frame is not None and getattr(frame, "id", "") == "c1"
        column = rlseam.frame_available(frame)[1] if frame is not None else availHeight
        if self.on_last_page and same_page:
            # the glossary ends the sheet here: the part in this column (below the text above
            # it) and the part in the next as equal as whole entries allow, both to the foot;
            # or, where the text above leaves too little for that, all of it in the next column
            # (a sidebar column of its own)
            above = column - availHeight
            want = (self._natural(availWidth, hs) - above) / 2
            smallest = self._clone(self.items[:fits[0]], self.continued)._natural(
                availWidth, hs[:fits[0]])
            if want < smallest / 2 and self._natural(availWidth, hs) <= column + 1e-6:
                return []
            whole = [j for j in fits if self._clone(self.items[j:], True)._natural(availWidth)
                     <= column - 1.0]  # the next column holds the rest
            if not whole:
                whole = [fits[-1]]
            k = min(whole, key=lambda j: self._level_cost(j, hs, availWidth, above, column))
        elif fits[-1] >= len(self.items):
            return [self]
        else:
            k = fits[-1]
        if k >= len(self.items):
            k = len(self.items) - 1
            if k < 1 or _is_heading(self.items[k - 1]):
                return [self._clone(self.items, self.continued, target=availHeight)]
        first = self._clone(self.items[:k], self.continued, target=availHeight)
        rest = self._clone(self.items[k:], True)
        if self.on_last_page and same_page:
            # level: both parts end where the longer one's text ends (measured from the
            # columns' top), or at the columns' foot when that is within a few lines of it
            above = column - availHeight
            low = self._level(above + first._natural(availWidth, hs[:k]),
                              rest._natural(availWidth), column)
            # (column - 1: the next column may be a hair shorter)
            first.target, rest.target = min(low - above, availHeight), min(low, column - 1.0)
            rest.fill = False
            return [first, NotAtTopFrameBreak(), rest]  # the rest in the next column only
        return [first, rest]

    def _lead(self) -> float:
        return max((getattr(getattr(f, "style", None), "leading", 0) or 0)
                   for f in self.items) or self.gap

    def _level(self, a: float, b: float, column: float) -> float:
        """Where two parts ending at ``a`` and ``b`` (from the columns' top) end level."""
        low = max(a, b)
        return column - 1.0 if column - low <= self.TO_FOOT * self._lead() else low

    def _level_cost(self, j: int, hs, width: float, above: float, column: float):
        """How well a cut before item ``j`` lets the two parts end level: the space their
        entries' spreading cannot take up, then the difference of their natural ends."""
        first = self._clone(self.items[:j], self.continued)
        rest = self._clone(self.items[j:], True)
        a, b = above + first._natural(width, hs[:j]), rest._natural(width)
        low = self._level(a, b, column)
        cap = self.SPREAD * self._lead()
        gaps1 = sum(1 for i in range(1, j) if not _is_heading(self.items[i - 1]))
        gaps2 = len(self.items) - j - 1
        deficit = max(0.0, low - a - cap * gaps1) + max(0.0, low - b - cap * gaps2)
        return (round(deficit, 1), abs(a - b))

    def _split_entry(self, availWidth, availHeight):
        """Last resort, at the top of a column: an entry taller than the whole column is split
        (rather than fail the layout)."""
        inner = availWidth - 2 * self.pad
        room = availHeight - 2 * self.pad - self._label_h(availWidth)
        idx = 1 if _is_heading(self.items[0]) and len(self.items) > 1 else 0
        head = self.items[:idx]
        used = sum(f.wrap(inner, 10_000)[1] for f in head) + self.gap * len(head)
        pieces = self.items[idx].split(inner, room - used) if room - used > 0 else []
        if len(pieces) < 2:
            return []
        return [self._clone([*head, pieces[0]], self.continued, target=availHeight),
                self._clone([*pieces[1:], *self.items[idx + 1:]], True)]

    # -- drawing ------------------------------------------------------------------------
    def draw(self):
        canv = self.canv
        canv.saveState()
        canv.setFillColor(self.color)
        canv.rect(0, 0, self.width, self.height, stroke=0, fill=1)
        y = self.height - self.pad
        lines = self._label_lines(self.width)
        if lines:
            canv.setFillColor(self.label_color)
            for ln in lines:
                y -= self.label_size * 1.25
                if self.writer is not None:
                    rtl = getattr(self.writer, "rtl", False)
                    self.writer.draw(canv, ln, self.width - self.pad if rtl else self.pad,
                                     y + self.label_size * 0.25, self.label_font,
                                     self.label_size, "right" if rtl else "left")
                else:
                    canv.setFont(self.label_font, self.label_size)
                    canv.drawString(self.pad, y + self.label_size * 0.25, ln)
            y -= self.label_size * 0.5
        canv.restoreState()
        hs = self._heights(self.width)
        extra = 0.0
        if len(hs) > 1 and self.height > self._natural(self.width, hs) + 0.5:
            lead = max((getattr(getattr(f, "style", None), "leading", 0) or 0)
                       for f in self.items) or self.gap
            extra = min((self.height - self._natural(self.width, hs)) / (len(hs) - 1),
                        self.SPREAD * lead)
        for i, (f, h) in enumerate(zip(self.items, hs)):
            if i:
                y -= self.gap + (extra if not _is_heading(self.items[i - 1]) else 0.0)
            y -= h
            f.drawOn(canv, self.pad, y)
