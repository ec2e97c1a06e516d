"""Flowables that know their structure element and tag what they draw.

Each keeps ReportLab's protocol (wrap, split, draw); ``split`` copies the element onto the
pieces it returns, so a paragraph split across columns or pages is one element with several
marked-content pieces.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph
from reportlab.platypus.doctemplate import FrameActionFlowable, FrameBreak

from ..tag import Element
from .styles import SHADE


class TaggedParagraph(Paragraph):
    """A Paragraph drawn inside its structure element; optional outline entry (headings)."""

    def __init__(self, text, style, *args, element: Element | None = None,
                 outline: tuple[str, int] | None = None, **kwargs):
        super().__init__(text, style, *args, **kwargs)
        self.element = element
        self.outline = outline
        if getattr(style, "wordWrap", None) == "CJK":
            # ReportLab's CJK line breaker calls ord() on every fragment's text and fails on
            # the empty text of <onDraw> callbacks; a zero-width space is never drawn for them.
            for f in self.frags:
                if hasattr(f, "cbDefn") and not f.text:
                    f.text = "\u200b"

    def split(self, availWidth, availHeight):
        pieces = super().split(availWidth, availHeight)
        for p in pieces:
            p.element = self.element
            p.outline = None
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
                 indent: float, font: str, size: float, color, continued: bool = False):
        super().__init__()
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
                          continued=self.continued)]
        for p in rest:
            out.append(BulletItem(self.bullet, p, label=self.label, indent=self.indent,
                                  font=self.font, size=self.size, color=self.color,
                                  continued=True))
        return out

    def draw(self):
        canv = self.canv
        if not self.continued:
            style = self.body.style
            y = self.height - style.fontSize * 1.0  # first baseline (approximately ascent)
            bl = getattr(self.body, "blPara", None)
            if bl is not None and getattr(bl, "ascent", None):
                y = self.height - bl.ascent
            canv.begin_tag(self.label)
            canv.saveState()
            canv.setFont(self.font, self.size)
            canv.setFillColor(self.color)
            canv.drawString(0, y, self.bullet)
            canv.restoreState()
            canv.end_tag(self.label)
        self.body.drawOn(canv, self.indent, 0)


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
        if not frame._atTop:
            frame.add_generated_content(FrameBreak)
