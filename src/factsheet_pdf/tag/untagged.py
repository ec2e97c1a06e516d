"""The same pages with no tagging at all, to measure what tagging costs (``bench/run.py``).

``FACTSHEET_UNTAGGED=1`` makes the layout draw with :class:`UntaggedCanvas`: no marked
content, no artifacts, no structure tree, no ParentTree. Its PDFs are not PDF/UA: this is a
benchmark baseline, never an option of the command line.
"""

from __future__ import annotations

from contextlib import nullcontext

from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject

from .canvas import TaggingCanvas


class UntaggedCanvas(TaggingCanvas):
    def current_element(self):
        return None

    def begin_tag(self, element) -> None:
        pass

    def end_tag(self, element) -> None:
        pass

    def _cb_push(self, canvas, kind, label) -> None:
        pass

    def _cb_pop(self, canvas, kind, label) -> None:
        pass

    def begin_figure(self, element) -> None:
        pass

    def end_figure(self) -> None:
        pass

    def pagination(self, subtype: str = "Footer"):
        return nullcontext()

    def beginText(self, x=0, y=0, direction=None):
        return PDFTextObject(self, x, y, direction=direction)

    def drawText(self, aTextObject):
        Canvas.drawText(self, aTextObject)

    def linkURL(self, url, rect, relative=0, thickness=0, color=None, dashArray=None,
                kind="URI", **kw):
        Canvas.linkURL(self, url, rect, relative, thickness, color, dashArray, kind, **kw)

    def page_finished(self, page):
        pass

    def save(self):
        self.finish_pages()
        self.showOutline()
        Canvas.save(self)


for _name in ("rect", "roundRect", "line", "lines", "grid", "circle", "ellipse", "wedge",
              "arc", "bezier", "drawPath", "drawImage", "drawInlineImage", "doForm"):
    setattr(UntaggedCanvas, _name, getattr(Canvas, _name))
