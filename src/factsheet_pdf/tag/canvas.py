"""A ReportLab canvas that writes tagged (PDF/UA-1) content streams.

Flowables call :meth:`TaggingCanvas.begin_tag` / :meth:`end_tag` around their drawing. Text
drawn while an element is current is wrapped in ``/Role <</MCID n>> BDC ... EMC`` inside its
text object; text drawn with no element current (page marks, markers) and every path or image
is wrapped in ``/Artifact BMC ... EMC`` (page marks, inside :meth:`TaggingCanvas.pagination`:
``/Artifact <</Type /Pagination /Subtype /Footer>> BDC``). Inside a paragraph, ``<onDraw name="tag_push"
label="N"/>`` and ``<onDraw name="tag_pop"/>`` switch to an inline element (a Link, a glossary
term's Lbl) at exactly that point of the text.
"""

from __future__ import annotations

from contextlib import contextmanager

from reportlab.pdfbase.pdfdoc import PDFName, PDFObject, PDFString
from reportlab.pdfgen.canvas import Canvas

from .. import rlseam
from ..rlhooks import COMPRESSED_FONTS, compressions
from ..rlseam import emit
from .structure import MCR, OBJR, Element, StructTree

CJK_FONT_PREFIXES = COMPRESSED_FONTS
"""Fonts whose full-width punctuation is compressed when two marks meet."""

FAKE_BOLD: set[str] = set()
"""Font names drawn emboldened by stroking (see TaggedTextObject._emboldened)."""

# Text that ends a drawn line and needs no space after it to rejoin the next line.
_JOINERS = (" ", "\xad", "\u00a0")


class LazyNumber(PDFObject):
    """An integer known only when the document is saved (annotation /StructParent keys)."""

    def __init__(self) -> None:
        self.value = -1

    def format(self, document) -> bytes:
        return str(self.value).encode("ascii")


class TaggedTextObject(rlseam.TextObject):
    """A text object that opens and closes marked content lazily, around real text only."""

    def __init__(self, canvas: TaggingCanvas, x=0, y=0, direction=None):
        super().__init__(canvas, x, y, direction=direction)
        self.tagging_canvas = canvas
        self.tag_want: Element | None = canvas.current_element()
        self.tag_open: Element | None = None
        self.tagged = self.tag_want is not None
        self.line_join = canvas.line_join

    def _sync(self) -> None:
        want = self.tag_want
        if want is self.tag_open:
            return
        if self.tag_open is not None:
            emit(self, "EMC")
            self.tag_open = None
        if want is not None:
            mcid = self.tagging_canvas.new_mcid(want)
            emit(self, f"/{want.role} <</MCID {mcid}>> BDC")
            self.tag_open = want

    def text_run(self, text, TStar=0):
        if text and self.tagged:
            self._sync()
        font = rlseam.text_font(self)[0]
        cuts = compressions(text) if font.startswith(CJK_FONT_PREFIXES) else []
        if cuts:
            # Adjacent full-width punctuation ("。）", "），"): the blank half of the first
            # mark is taken out with a TJ adjustment; the text itself is unchanged.
            start = 0
            for k in cuts:
                self._textOut_tagged(text[start:k], 0)
                emit(self, "[500] TJ")
                start = k
            self._textOut_tagged(text[start:], TStar)
            return
        self._textOut_tagged(text, TStar)

    def _textOut_tagged(self, text, TStar=0):
        if text and self.tagged:
            self._sync()
            # Line ends are fixed in the paragraph's lines (rlhooks.finish_lines: soft
            # hyphens, the space ReportLab drops); line_join is for other callers.
            if TStar and self.line_join and not text.endswith(_JOINERS):
                text += self.line_join
        self.write_run(text, TStar)

    def setFont(self, psfontname, size, leading=None):
        super().setFont(psfontname, size, leading)
        self._emboldened(psfontname)

    def font_changed(self, psfontname, size):
        self._emboldened(psfontname)
        spacing = getattr(self, "cjk_spacing", None)
        if spacing is not None:  # a justified Chinese line: space after its own characters
            own, space = spacing
            emit(self, f"{space if psfontname.startswith(own) else 0:.4f} Tc")

    def _emboldened(self, psfontname) -> None:
        """A family without a bold face (WenQuanYi Micro Hei) draws its '-bold' face by
        stroking the outlines too (text render mode 2, a stroke of 3.5 % of the size, in the
        text colour): visibly heavier, same glyphs, same text."""
        want = psfontname in FAKE_BOLD
        if want:
            size = rlseam.text_font(self)[1]
            emit(self, f"2 Tr {size * 0.035:.3f} w")
            self._stroke_bold = True
            fill = getattr(self, "_last_fill", None)
            if fill is not None:
                super().setStrokeColor(*fill)
        elif getattr(self, "_stroke_bold", False):
            emit(self, "0 Tr")
            self._stroke_bold = False

    def setFillColor(self, aColor, alpha=None):
        super().setFillColor(aColor, alpha)
        self._last_fill = (aColor, alpha)
        if getattr(self, "_stroke_bold", False):
            super().setStrokeColor(aColor, alpha)

    def textOut(self, text):
        if text and self.tagged:
            self._sync()
        super().textOut(text)

    def textLine(self, text=""):
        if text and self.tagged:
            self._sync()
        super().textLine(text)

    def getCode(self):
        if self.tag_open is not None:
            emit(self, "EMC")
            self.tag_open = None
        return super().getCode()


def _artifact(method_name: str):
    base = getattr(Canvas, method_name)

    def method(self, *args, **kwargs):
        self._artifact_depth += 1
        if self._artifact_depth == 1:
            emit(self, self._artifact_open())
        try:
            return base(self, *args, **kwargs)
        finally:
            if self._artifact_depth == 1:
                emit(self, "EMC")
            self._artifact_depth -= 1

    method.__name__ = method_name
    method.__doc__ = f"{base.__doc__ or ''}\n\n(Painted as an /Artifact.)"
    return method


class TaggingCanvas(rlseam.Canvas):
    """Canvas for ``BaseDocTemplate.build(canvasmaker=...)``; see the module docstring."""

    def __init__(self, *args, tree: StructTree, line_join: str = " ",
                 identity: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.tree = tree
        self.identity = dict(identity or {})
        """The output's identity, written into the XMP metadata (see manifest.identity_xml)."""
        self.line_join = line_join
        """Added at the end of each drawn line ('' where lines break between characters)."""
        self._stack: list[Element] = []
        self._artifact_depth = 0
        self._page_elements: list[Element] = []
        self.parent_arrays: list[list[Element]] = []
        self.page_refs: list[object] = []
        self.annotations: list[tuple[LazyNumber, Element]] = []
        self._recent_links: dict[str, Element] = {}
        self.deferred: list = []
        """Called with the canvas when it is saved, after the last page: what can only be
        drawn once the page count is known (form XObjects the pages already show)."""
        self.setNamedCB("tag_push", self._cb_push)
        self.setNamedCB("tag_pop", self._cb_pop)

    # -- artifacts -------------------------------------------------------------------------
    def _artifact_open(self) -> str:
        props = getattr(self, "_artifact_props", None)
        return f"/Artifact {props} BDC" if props else "/Artifact BMC"

    @contextmanager
    def pagination(self, subtype: str = "Footer"):
        """Everything drawn inside is a pagination artifact (page marks):
        ``/Artifact <</Type /Pagination /Subtype /Footer>> BDC``."""
        old = getattr(self, "_artifact_props", None)
        self._artifact_props: str | None = f"<</Type /Pagination /Subtype /{subtype}>>"
        try:
            yield
        finally:
            self._artifact_props = old

    # -- the flowables' API ------------------------------------------------------------
    def current_element(self) -> Element | None:
        return self._stack[-1] if self._stack else None

    def begin_tag(self, element: Element) -> None:
        self._stack.append(element)
        self._stack.extend(element.resume)
        element.resume = []

    def end_tag(self, element: Element) -> None:
        i = self._stack.index(element)
        element.resume = self._stack[i + 1 :]
        del self._stack[i:]

    def new_mcid(self, element: Element) -> int:
        page = len(self.parent_arrays)
        mcid = len(self._page_elements)
        self._page_elements.append(element)
        element.kids.append(MCR(page, mcid))
        if element.page is None:
            element.page = page
        return mcid

    # -- paragraph callbacks (<onDraw name="tag_push" label="N"/>) -------------------
    def _cb_push(self, canvas, kind, label) -> None:
        element = self.tree.inline[int(label)]
        parent = element.parent
        if parent is not None and not element.has_content():
            # /K in reading order: an inline element follows the content drawn before it.
            parent.kids.remove(element)
            parent.kids.append(element)
        self._stack.append(element)
        if element.href:
            self._recent_links[element.href] = element
        rlseam.current_text_object(self).tag_want = element

    def _cb_pop(self, canvas, kind, label) -> None:
        self._stack.pop()
        rlseam.current_text_object(self).tag_want = self.current_element()

    # -- shaped text (render/pdf/shaped.py) ----------------------------------------------
    def set_inline(self, text_object: TaggedTextObject, element: Element | None) -> None:
        """What ``text_object`` draws next belongs to ``element`` (the paragraph's own
        element or one of its inline elements: a Link, a glossary term's Lbl)."""
        if element is None or not text_object.tagged:
            return
        parent = element.parent
        current = self.current_element()
        if element is not current and parent is not None and not element.has_content() \
                and element in parent.kids:
            parent.kids.remove(element)
            parent.kids.append(element)
        if element.href:
            self._recent_links[element.href] = element
        text_object.tag_want = element

    def begin_actual_text(self, text_object: TaggedTextObject, text: str) -> None:
        """Glyphs that follow stand for ``text`` together (``/Span <</ActualText>> BDC``)."""
        if text_object.tagged:
            text_object._sync()
        hexs = ("FEFF" + text.encode("utf-16-be").hex()).upper()
        emit(text_object, f"/Span <</ActualText <{hexs}>>> BDC")

    def end_actual_text(self, text_object: TaggedTextObject) -> None:
        emit(text_object, "EMC")

    def link_run(self, url: str, href: str, rect) -> None:
        """A link annotation over a shaped run, for the Link element of ``href``."""
        kind = "URI"
        if url.startswith("pdf:"):
            kind, url = "GoToR", url[4:]
        element = self._recent_links.get(href)
        if element is not None:
            self._recent_links.setdefault(url, element)
        self.linkURL(url, rect, relative=1, kind=kind)

    # -- text ----------------------------------------------------------------------------
    def beginText(self, x=0, y=0, direction=None):
        return TaggedTextObject(self, x, y, direction=direction)

    def drawText(self, aTextObject):
        if getattr(aTextObject, "tagged", False):
            super().drawText(aTextObject)
        else:
            emit(self, self._artifact_open())
            super().drawText(aTextObject)
            emit(self, "EMC")

    # -- links ---------------------------------------------------------------------------
    def linkURL(self, url, rect, relative=0, thickness=0, color=None, dashArray=None,
                kind="URI", **kw):
        element = self._recent_links.get(url)
        if element is None:
            raise RuntimeError(f"link to {url!r} drawn outside a tagged Link element")
        key = LazyNumber()
        self.annotations.append((key, element))
        kw.update(StructParent=key, F=4, Contents=PDFString(element.alt or url))
        super().linkURL(url, rect, relative, thickness, color, dashArray, kind, **kw)
        ref = rlseam.last_annotation_ref(self)
        element.kids.append(OBJR(ref, len(self.parent_arrays)))

    # -- pages ---------------------------------------------------------------------------
    def page_finished(self, page):
        """Called by showPage for each finished page: record its ParentTree entry."""
        rlseam.allow_page_keys(page, "StructParents", "Tabs")
        page.StructParents = len(self.parent_arrays)
        page.Tabs = PDFName("S") if rlseam.page_has_annotations(self) else None
        self.parent_arrays.append(self._page_elements)
        self.page_refs.append(rlseam.canvas_document(self).thisPageRef())
        self._page_elements = []

    def finish_pages(self) -> None:
        """The last page finished, then what waited for the page count (:attr:`deferred`)."""
        if rlseam.has_content(self):
            self.showPage()
        for draw in self.deferred:
            draw(self)

    def save(self):
        from .pdfobjects import write_structure

        self.finish_pages()
        write_structure(self)
        # Print as designed: no "fit to page" shrinking; duplex for more than one page.
        self.setViewerPreference("PrintScaling", PDFName("None"))
        if len(self.parent_arrays) > 1:
            self.setViewerPreference("Duplex", PDFName("DuplexFlipLongEdge"))
        self.showOutline()
        super().save()

    # -- figures (a clinic's logo and QR code) -------------------------------------------
    def begin_figure(self, element: Element) -> None:
        """Paint what follows (paths, images) as ``element``'s marked content
        (``/Figure <</MCID n>> BDC``) instead of ``/Artifact``, until :meth:`end_figure`."""
        if self._artifact_depth:
            raise RuntimeError(f"{element!r} begun inside an artifact or another figure")
        mcid = self.new_mcid(element)
        emit(self, f"/{element.role} <</MCID {mcid}>> BDC")
        self._artifact_depth += 1  # the painting methods add no /Artifact inside a figure

    def end_figure(self) -> None:
        self._artifact_depth -= 1
        emit(self, "EMC")


for _name in ("rect", "roundRect", "line", "lines", "grid", "circle", "ellipse", "wedge",
              "arc", "bezier", "drawPath", "drawImage", "drawInlineImage", "doForm"):
    setattr(TaggingCanvas, _name, _artifact(_name))
