"""The one module that touches ReportLab internals (contract tests: tests/test_rlseam.py).

ReportLab is pinned exactly; everything below is a private attribute, a private method we
override, or a module global we patch. Each sits behind a small named function or a base
class, and each has a contract test that fails naming the ReportLab version when an upgrade
changes it. No other module of factsheet_pdf may touch a ReportLab private name or patch a
ReportLab global (``tests/test_rlseam.py::test_no_reportlab_internals_outside_the_seam``).
This module imports nothing from factsheet_pdf.render or factsheet_pdf.tag (both import it).

Scoped to our own objects (subclasses):

* :class:`Paragraph` (base of ``TaggedParagraph``): ``Paragraph._get_split_blParaFunc`` returns
  :func:`_split_hard` instead of ``paragraph._split_blParaHard``;
  :func:`split_piece_lines` reads ``_splitpara``.
* :class:`TextObject` (base of ``TaggedTextObject``): ``PDFTextObject._textOut`` calls
  :meth:`TextObject.text_run`, ``PDFTextObject._setFont`` calls :meth:`TextObject.font_changed`.
* :class:`Canvas` (base of ``TaggingCanvas``): ``Canvas._setAnnotations`` calls
  :meth:`Canvas.page_finished`.

Process-wide (module globals read by ReportLab's own module-level functions, which have no
hook and no per-object setting; :func:`install_line_breaking`, idempotent):

* ``paragraph.split``: called by ``_getFragWords``, ``Paragraph.breakLines`` and
  ``Paragraph.minWidth`` as a bare module name.
* ``paragraph._hy_letters`` / ``_hy_letters_pat`` / ``_hy_shy_letters_pat``: read by
  ``_hyGenPair`` / ``_hyGenFragsPair`` before our hyphenator is ever called.
* ``textsplit.ALL_CANNOT_START`` / ``paragraph.ALL_CANNOT_START``: read by ``wordSplit`` and
  ``cjkFragSplit`` (the plain header copies of a Chinese table break lines with them).
* ``paragraph._shyUnsplit``: called by ``_getFragWords``, ``_rejoinSplitFragWords`` and
  ``_rejoinSplitWords``.

Read-only accessors: the paragraph module's whitespace set and fragment classes, frame
positions, a table's cells and column widths, a text object's or canvas's content stream,
font and document, the current text object of a paragraph being drawn, the last annotation,
a page's written keys (``PDFPage.__NoDefault__``) and the document time stamp.
"""

from __future__ import annotations

import re
import weakref
from collections import OrderedDict

import reportlab
from reportlab.lib import textsplit as _textsplit
from reportlab.pdfbase.pdfdoc import PDFPage
from reportlab.pdfgen.canvas import Canvas as _RLCanvas
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import paragraph as _paragraph

VERSION = reportlab.Version
"""The ReportLab version this seam was written against is pinned in pyproject.toml."""

# -- the paragraph module (read) ----------------------------------------------------------
WHITESPACE: str = _paragraph._wsc
"""Every character ReportLab's ``paragraph.split`` breaks words at (``paragraph._wsc``)."""


def rejoin_words(words) -> list[str]:
    """Words of a kind-0 line with hyphenated words rejoined, as ReportLab rejoins them
    (``paragraph._yieldBLParaWords``)."""
    return [str(w) for w in _paragraph._yieldBLParaWords(
        _paragraph.ParaLines(lines=[(0, list(words))]), 0, 1)]


def is_hyphen_split_word(frag) -> bool:
    """A processed word ReportLab split at a hyphen (``paragraph._SplitFragHY``)."""
    return isinstance(frag, _paragraph._SplitFragHY)


def is_hanging_space_word(frag) -> bool:
    """A processed word followed by a space (``paragraph._HSFrag``)."""
    return isinstance(frag, _paragraph._HSFrag)


def long_words_split(para) -> int:
    """How many words longer than a line the paragraph's last line breaking cut
    (``Paragraph._splitLongWordCount``, set by ``breakLines``)."""
    return getattr(para, "_splitLongWordCount", 0) or 0


def split_piece_lines(para):
    """The lines of a piece made by ``Paragraph.split`` (``_splitpara``; it keeps them), or
    None for a paragraph that breaks its own lines."""
    if getattr(para, "_splitpara", 0) and hasattr(para, "blPara"):
        return para.blPara
    return None


def _split_hard(blPara, start, stop):
    """``paragraph._split_blParaHard`` without the space it appends to every line: the lines
    already end with a space exactly where the source has one (``rlhooks.finish_lines``); its
    own put spaces into Chinese text at every line break of a split paragraph."""
    frags = []
    for line in blPara.lines[start:stop]:
        frags.extend(line.words)
    return frags


class Paragraph(_paragraph.Paragraph):
    """A Paragraph whose split pieces of kind-1 lines take their fragments from
    :func:`_split_hard` (ReportLab's ``_get_split_blParaFunc`` overridden, for our paragraphs
    only, instead of patching ``paragraph._split_blParaHard``)."""

    def _get_split_blParaFunc(self):
        func = super()._get_split_blParaFunc()
        return _split_hard if func is _paragraph._split_blParaHard else func

    def _setup(self, text, style, bulletText, frags, cleaner):
        """ReportLab's parse of ``text`` in ``style``, done once per (text, style) and
        process: the fragments are copied for each paragraph (``ParaFrag.clone``: the copy
        a split makes of them too). Every fit candidate and every rebuild in a warm process
        makes the same paragraphs again."""
        if frags is not None or bulletText is not None:
            return super()._setup(text, style, bulletText, frags, cleaner)
        key = (text, self.caseSensitive, style_key(style))
        known = _PARSED.get(key)
        if known is None:
            super()._setup(text, style, bulletText, frags, cleaner)
            if self.style is style and self.bulletText is None:
                _PARSED[key] = (self.text, [f.clone() for f in self.frags])
                if len(_PARSED) > PARSED_LIMIT:
                    _PARSED.popitem(last=False)
            return None
        _PARSED.move_to_end(key)
        self.text, template = known
        self.frags = [f.clone() for f in template]
        self.style = style
        self.bulletText = None
        self.debug = 0
        return None


PARSED_LIMIT = 20_000
"""Paragraph parses remembered (least recently used dropped first)."""
_PARSED: OrderedDict = OrderedDict()


def style_key(style) -> tuple:
    """What of a paragraph style its parse, line breaking and height depend on: every
    attribute but the space around it, its keep rule and its parent (their values are copied
    into it). Worked out once per style object: our styles are not changed once made (but for
    their keep rule)."""
    try:
        return _STYLE_KEYS[style]
    except (KeyError, TypeError):
        pass
    key = tuple((k, repr(v)) for k, v in sorted(style.__dict__.items())
                if k not in _NOT_IN_KEY and not k.startswith("_"))
    try:
        _STYLE_KEYS[style] = key
    except TypeError:  # (not weakly referable)
        pass
    return key


_STYLE_KEYS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


_NOT_IN_KEY = frozenset({"spaceBefore", "spaceAfter", "keepWithNext", "parent"})


# -- the paragraph module (patched, process-wide) ---------------------------------------
_orig_shy_unsplit = _paragraph._shyUnsplit
_installed = False


def _shy_unsplit(s, ss=None):
    """``paragraph._shyUnsplit`` that keeps a hard hyphen when it rejoins a word ReportLab
    split after it (its own strips every trailing '-': "T-|cells" came back "Tcells")."""
    if ss is None or isinstance(s, _paragraph._SHYIndexedStr) or hasattr(ss, "_shyIndices"):
        return _orig_shy_unsplit(s, ss)
    return s + ss


def install_line_breaking(split, letters: str, cannot_start: str) -> None:
    """Patch ReportLab's line-breaking globals (see the module docstring for why these cannot
    be scoped); safe to call many times (the first call wins).

    ``split``: replaces ``paragraph.split`` (signature ``(text, delim=None)``); ``letters``:
    added to the letters offered to the hyphenator; ``cannot_start``: characters added to
    ``ALL_CANNOT_START`` of both modules."""
    global _installed
    if _installed:
        return
    _paragraph.split = split
    all_letters = _paragraph._hy_letters + letters
    _paragraph._hy_letters = all_letters
    _paragraph._hy_letters_pat = re.compile(f"^[{all_letters}]+$")
    _paragraph._hy_shy_letters_pat = re.compile(f"^[{_paragraph._hy_shy}{all_letters}]+$")
    for module in (_textsplit, _paragraph):
        missing = "".join(c for c in cannot_start if c not in module.ALL_CANNOT_START)
        module.ALL_CANNOT_START = module.ALL_CANNOT_START + missing
    _paragraph._shyUnsplit = _shy_unsplit
    _installed = True


# -- embedded font programs ---------------------------------------------------------
KEPT_NAMES = (0, 1, 2, 3, 4, 5, 6, 13, 14)
"""Name records an embedded subset keeps (Windows platform): copyright, family, style,
unique id, full name, version, PostScript name, licence and licence URL."""

HINTING_TABLES = ("fpgm", "prep", "cvt ", "hdmx", "LTSH", "VDMX", "gasp")


def slim_subsets(face) -> None:
    """Embed ``face``'s subsets without TrueType hinting: ``TTFontFace.makeSubset`` (called by
    ``addSubsetObjects`` for every subset a document embeds) is wrapped on this one face.

    Hinting (the glyphs' instructions and the ``fpgm``/``prep``/``cvt`` programs) fits
    outlines to a screen's pixel grid; printers and poppler rasterise without it (PDFium draws
    stems a little softer on screen), and it was half of each subset (Noto Sans: 19.3 KB ->
    9.7 KB). The outlines, advance widths, cmap and glyph order are ReportLab's own
    (tests/test_rlseam.py)."""
    if getattr(face, "_factsheet_slim", False):
        return
    make = face.makeSubset

    def slim(subset):
        key = (id(face), tuple(subset))
        known = _SUBSETS.get(key)
        if known is not None and known[0] is face:
            _SUBSETS.move_to_end(key)
            return known[1]
        data = slim_font_program(make(subset))
        _remember_subset(key, face, data)
        return data

    face.makeSubset = slim
    face._factsheet_slim = True


def drop_glyph_to_char(face) -> None:
    """Forget ``face.glyphToChar``, the reverse of its cmap that ``TTFontFile.extractInfo``
    builds: only ReportLab's own HarfBuzz path (``style.shaping``, which we never set: our
    shaping is :mod:`factsheet_pdf.text`) reads it, and it falls back to its private
    characters when a glyph is missing. A CJK face's is 4 MB of lists."""
    face.glyphToChar = {}


SUBSET_BYTES = 8 << 20
"""Embedded font programs remembered, in bytes (least recently used dropped first): a
subset is a function of the face and its characters, and a warm process embeds the same
ones again (a Chinese PDF's four 256-glyph subsets of WenQuanYi took a tenth of its time)."""
_SUBSETS: OrderedDict = OrderedDict()


def _remember_subset(key, face, data: bytes) -> None:
    _SUBSETS[key] = (face, data)
    total = sum(len(v[1]) for v in _SUBSETS.values())
    while total > SUBSET_BYTES and len(_SUBSETS) > 1:
        _, (_, old) = _SUBSETS.popitem(last=False)
        total -= len(old)


def slim_font_program(data: bytes) -> bytes:
    """A TrueType program without hinting and with only :data:`KEPT_NAMES` (deterministic:
    fontTools keeps the head table's dates)."""
    import io

    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(data), recalcTimestamp=False, recalcBBoxes=False)
    for tag in HINTING_TABLES:
        if tag in font:
            del font[tag]
    glyf = font["glyf"]
    for glyph in glyf.glyphs.values():  # not glyf[name], which decodes every outline
        glyph.trim(remove_hinting=True)  # on the glyph's bytes: outlines not re-encoded
    maxp = font["maxp"]
    for attr in ("maxFunctionDefs", "maxInstructionDefs", "maxStackElements",
                 "maxSizeOfInstructions", "maxStorage", "maxTwilightPoints"):
        if hasattr(maxp, attr):
            setattr(maxp, attr, 0)
    maxp.maxZones = 1
    if "name" in font:
        names = font["name"]
        names.names = [r for r in names.names if r.platformID == 3 and r.nameID in KEPT_NAMES]
    out = io.BytesIO()
    font.save(out, reorderTables=True)
    return out.getvalue()


# -- the paragraph module: web and e-mail addresses (patched, process-wide) ---------------
_orig_uri_split_pairs = _paragraph._uri_split_pairs
_orig_split_word = _paragraph._splitWord
_orig_split_frag_word = _paragraph._splitFragWord
_orig_hy_gen_pair = _paragraph._hyGenPair
_orig_hy_gen_frags_pair = _paragraph._hyGenFragsPair
_address_plan = None
_address_pairs = None


def _hy_gen_pair(hyphenator, s, ww, newWidth, maxWidth, *rest):
    """``paragraph._hyGenPair``: a word holding an address that is longer than the whole line
    is left to :func:`_split_word` (which cuts it for every line it takes), not split once
    here (ReportLab never cuts the tail of such a split again)."""
    if ww > maxWidth and _address_pairs is not None and _address_pairs(str(s)) is not None:
        return None
    return _orig_hy_gen_pair(hyphenator, s, ww, newWidth, maxWidth, *rest)


def _hy_gen_frags_pair(hyphenator, FW, newWidth, maxWidth, *rest):
    """``paragraph._hyGenFragsPair``, as :func:`_hy_gen_pair` for a word of fragments."""
    if FW[0] > maxWidth and _address_pairs is not None:
        rep = _paragraph._fragWordSplitRep(FW)
        if rep is not None and _address_pairs(rep[0]) is not None:
            return None
    return _orig_hy_gen_frags_pair(hyphenator, FW, newWidth, maxWidth, *rest)


def _split_word(w, lineWidth, maxWidths, lineno, fontName, fontSize, encoding="utf8"):
    """``paragraph._splitWord`` (a word longer than a line, cut into pieces) that cuts a word
    holding an address where the planner says; other words as ReportLab cuts them."""
    text = w.decode(encoding) if isinstance(w, bytes) else w
    if _address_plan is None or _paragraph.isBidiStr(w):
        return _orig_split_word(w, lineWidth, maxWidths, lineno, fontName, fontSize, encoding)
    last = len(maxWidths) - 1
    widths = [_paragraph.stringWidth(c, fontName, fontSize, encoding) for c in text]
    cuts = _address_plan(text, widths, lambda n: maxWidths[min(last, lineno + n)]
                         - (lineWidth if n == 0 else 0.0))
    if cuts is None:
        return _orig_split_word(w, lineWidth, maxWidths, lineno, fontName, fontSize, encoding)
    bounds = [0, *cuts, len(text)]
    pieces = [text[a:b] for a, b in zip(bounds, bounds[1:])]
    # heads (_SplitWordH): a piece that does not fit beside the one before it goes to the
    # next line whole, never hyphenated ("guide-lines" of an address's path)
    return [*map(_paragraph._SplitWordH, pieces[:-1]), _paragraph._SplitWordEnd(pieces[-1])]


def _split_frag_word(w, maxWidth, maxWidths, lineno):
    """``paragraph._splitFragWord`` (the same for a word of several fragments: a link) that
    cuts a word holding an address where the planner says (ReportLab's loop, with its
    "too long" test replaced by the planned cuts)."""
    items = list(_paragraph._fragWordIter(w))
    text = "".join(c if isinstance(c, str) and len(c) == 1 else "\u200b" for _, _, c in items)
    last = len(maxWidths) - 1
    cuts = None if _address_plan is None else _address_plan(
        text, [cw for _, cw, _ in items],
        lambda n: maxWidth if n == 0 else maxWidths[min(last, lineno + n)])
    if cuts is None:
        return _orig_split_frag_word(w, maxWidth, maxWidths, lineno)
    cut_at = set(cuts)
    out: list = []
    count = 0

    def close(piece) -> None:
        # each piece ends its line: ReportLab puts a break after the first, we after the rest
        nonlocal count
        if count >= 2:
            out.append(_paragraph._InjectedFrag(
                [0, (piece[1][0].clone(_fkind=_paragraph._FK_BREAK, text=""), "")]))
        out.append(piece)
        count += 1

    parts, frag_text, width = [], "", 0
    f = w[1][0]
    for k, (g, cw, c) in enumerate(items):
        cut = k in cut_at
        if g is not f or cut:
            f = f.clone()
            if hasattr(f, "text"):
                f.text = frag_text
            parts.append((f, frag_text))
            if cut:
                close(_paragraph._SplitFrag([width, *parts]))
                parts, width = [], 0
            frag_text = ""
            f = g
        width += cw
        frag_text += c
    parts.append((f, frag_text))
    end = _paragraph._SplitFragHS if isinstance(w, _paragraph._HSFrag) else _paragraph._SplitFragH
    close(end([width, *parts]))
    return out


def install_address_breaking(pairs, plan) -> None:
    """Patch how ReportLab breaks inside a word that holds a web or e-mail address
    (process-wide, idempotent): ``paragraph._uri_split_pairs`` (called by name from
    ``_hyGenPair`` and ``_hyGenFragsPair``: a URL's (head, tail) pairs, tried before the
    hyphenator and only for a word that overflows the line or leaves it ``uriWasteReduce``
    empty) becomes ``pairs(word)``; ``paragraph._splitWord`` and ``_splitFragWord`` (a word
    longer than a whole line, cut anywhere) cut such a word at ``plan(text, widths, room)``'s
    positions instead (see :func:`factsheet_pdf.text.addresses.plan_cuts`), and
    ``_hyGenPair`` / ``_hyGenFragsPair`` (called by name from ``_hyphenateWord`` and
    ``_hyphenateFragWord``) leave such a word to them when it is longer than the line."""
    global _address_plan, _address_pairs
    _address_plan, _address_pairs = plan, pairs
    _paragraph._uri_split_pairs = pairs
    _paragraph._hyGenPair = _hy_gen_pair
    _paragraph._hyGenFragsPair = _hy_gen_frags_pair
    _paragraph._splitWord = _split_word
    _paragraph._splitFragWord = _split_frag_word


_orig_justify_line = _paragraph._justifyDrawParaLineX
_justify_hook = None


def _justify_line(tx, offset, line, last=0):
    """``paragraph._justifyDrawParaLineX`` (a justified line, called by name from
    ``Paragraph.drawPara`` and ``_justifyDrawParaLineXRTL``): our hook draws the line when it
    says so (a Chinese line justified by inter-character spacing), else ReportLab does."""
    if _justify_hook is not None and not isinstance(line, tuple) \
            and _justify_hook(tx, offset, line, last):
        return
    _orig_justify_line(tx, offset, line, last)


def put_line(tx, offset, line, last) -> None:
    """Draw one kind-1 line of fragments at ``offset`` as ReportLab's line drawers do
    (``paragraph._putFragLine`` between two ``setXPos``)."""
    _paragraph.setXPos(tx, offset)
    _paragraph._putFragLine(offset, tx, line, last, "justify")
    _paragraph.setXPos(tx, -offset)


def paragraph_style(tx):
    """The style of the paragraph a text object is drawing (``tx.XtraState.style``)."""
    xs = getattr(tx, "XtraState", None)
    return getattr(xs, "style", None)


def install_justification(hook) -> None:
    """Patch ``paragraph._justifyDrawParaLineX`` (process-wide, idempotent): ``hook(tx,
    offset, line, last)`` draws a justified line itself and returns True, or returns False
    for ReportLab's word-space justification. (Our layouts justify only Chinese paragraphs:
    :func:`factsheet_pdf.rlhooks.cjk_justify`.)"""
    global _justify_hook
    _justify_hook = hook
    _paragraph._justifyDrawParaLineX = _justify_line


# -- content streams ------------------------------------------------------------------
def emit(obj, operator: str) -> None:
    """Append ``operator`` to the content stream of a text object or canvas (``_code``)."""
    obj._code.append(operator)


def has_content(canvas) -> bool:
    """Has anything been drawn on the canvas's current page (``Canvas._code``)?"""
    return bool(len(canvas._code))


def text_font(text_object) -> tuple[str, float]:
    """The text object's current font name and size (``_fontname``, ``_fontsize``)."""
    return text_object._fontname, text_object._fontsize


class TextObject(PDFTextObject):
    """A text object whose private hooks call public methods: ``_textOut`` (every run of text
    written, by ``textOut``, ``textLine`` and paragraph drawing) calls :meth:`text_run`,
    ``_setFont`` (font changes inside a paragraph) calls :meth:`font_changed`."""

    def _textOut(self, text, TStar=0):
        self.text_run(text, TStar)

    def text_run(self, text, TStar=0) -> None:
        """A run of text to write; the default writes it (:meth:`write_run`)."""
        self.write_run(text, TStar)

    def write_run(self, text, TStar=0) -> None:
        """Write a run of text as ReportLab does (``PDFTextObject._textOut``)."""
        PDFTextObject._textOut(self, text, TStar)

    def _setFont(self, psfontname, size):
        PDFTextObject._setFont(self, psfontname, size)
        self.font_changed(psfontname, size)

    def font_changed(self, psfontname, size) -> None:
        """Called after ReportLab's ``_setFont`` (not after the public ``setFont``)."""


class Canvas(_RLCanvas):
    """A canvas whose ``_setAnnotations`` (called by ``showPage`` for each finished page,
    before the page is written) calls :meth:`page_finished`; ``endForm`` calls it for a form
    XObject too, which is not a page (no call then)."""

    def _setAnnotations(self, page):
        super()._setAnnotations(page)
        if isinstance(page, PDFPage):
            self.page_finished(page)

    def page_finished(self, page) -> None:
        """Called for each finished page, after ReportLab set its /Annots."""


def current_text_object(canvas):
    """The text object of the paragraph being drawn, inside an ``<onDraw>`` callback
    (``canvas._curr_tx_info["tx"]``, set by ``paragraph._putFragLine``)."""
    return canvas._curr_tx_info["tx"]


def canvas_document(canvas):
    """The canvas's ``PDFDocument`` (``Canvas._doc``)."""
    return canvas._doc


def last_annotation_ref(canvas):
    """A reference to the annotation the canvas made last (``linkURL`` names it
    ``NUMBER<_annotationCount>``)."""
    return canvas._doc.refAnnotation(f"NUMBER{canvas._annotationCount}")


def page_has_annotations(canvas) -> bool:
    """Does the page being finished have annotations (``Canvas._annotationrefs``)?"""
    return bool(canvas._annotationrefs)


def allow_page_keys(page, *keys: str) -> None:
    """Let ``page`` write the entries ``keys`` (``PDFPage.__NoDefault__`` lists the entries a
    page writes; the list is extended on the page object, not the class)."""
    page.__NoDefault__ = PDFPage.__NoDefault__ + list(keys)


def document_timestamp(doc):
    """The document's time stamp (``PDFDocument._timeStamp``: ``.YMDhms``, invariant-aware)."""
    return doc._timeStamp


# -- frames ------------------------------------------------------------------------------
def frame_at_top(frame) -> bool:
    """Has nothing been added to the frame yet (``Frame._atTop``)?"""
    return bool(frame._atTop)


def frame_cursor(frame) -> float:
    """The frame's current y position: where the next flowable's top goes (``Frame._y``)."""
    return frame._y


def frame_used_height(frame) -> float:
    """Height used in the frame, top padding included (``Frame._y2 - Frame._y``)."""
    return frame._y2 - frame._y


def frame_available(frame) -> tuple[float, float]:
    """The frame's width and height inside its padding (``Frame._aW``, ``Frame._aH``)."""
    return frame._aW, frame._aH


def flowable_frame(flowable):
    """The frame a flowable is being added to or split in (``flowable._frame``), or None."""
    return getattr(flowable, "_frame", None)


# -- tables ------------------------------------------------------------------------------
def table_rows(table) -> list:
    """The table's rows of cell values, the live list (``Table._cellvalues``)."""
    return table._cellvalues


def table_geometry(table) -> tuple[list[float], list[float], list[float], list[float]]:
    """A wrapped table's column x positions (left to right, the right edge last), row y
    positions (top to bottom, the bottom edge last), column widths and row heights
    (``Table._colpositions``, ``_rowpositions``, ``_colWidths``, ``_rowHeights``)."""
    return (list(table._colpositions), list(table._rowpositions), list(table._colWidths),
            list(table._rowHeights))


def set_column_widths(table, widths: list[float]) -> None:
    """Set the column widths the next ``wrap`` uses (``Table._argW``, ``_colWidths``)."""
    table._argW = list(widths)
    table._colWidths = list(widths)


# -- Shaped glyphs (render/pdf/shaped.py): a TrueType font addressed by glyph id --

class GlyphFont:
    """A font face drawn by glyph id, with the text each glyph stands for.

    ReportLab's TTFont reaches glyphs through characters (its ``charToGlyph``), so a shaped
    glyph with no character of its own (a ligature, a conjunct, a joining form) gets a private
    code (plane 15) mapped to its glyph id in this font's own copy of the face; the PDF
    subset's ToUnicode map gives each code the characters of its cluster, so text extraction
    reads the text as written, not private-use codes. Internals used: ``TTFont``,
    ``TTFont.State``, ``face.charToGlyph``/``charWidths``, ``face.name`` (the
    registry's alias key),
    ``face.addSubsetObjects``.
    """

    FIRST = 0xF0000

    def __init__(self, name: str, path: str, index: int = 0):
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        outer = self

        class _Font(TTFont):
            def addObjects(self, doc):
                outer._add_objects(self, doc)

        self.font = _Font(name, path, subfontIndex=index)
        self.name = name
        self._codes: dict[tuple[int, str], int] = {}
        self.texts: dict[int, str] = {}
        self._next = self.FIRST
        # registerFont aliases a second font of the same face name to the first one
        # (``pdfmetrics._dynFaceNames``): register under a name of its own, then restore it
        face_name = self.font.face.name
        self.font.face.name = face_name + b"#" + name.encode()
        try:
            pdfmetrics.registerFont(self.font)
        finally:
            self.font.face.name = face_name

    def char(self, gid: int, text: str, advance_1000: float) -> str:
        """The character that draws glyph ``gid`` standing for ``text``."""
        key = (gid, text)
        code = self._codes.get(key)
        if code is None:
            code = self._codes[key] = self._next
            self._next += 1
            face = self.font.face
            face.charToGlyph[code] = gid
            face.charWidths[code] = advance_1000
            self.texts[code] = text
        return chr(code)

    def _add_objects(self, font, doc) -> None:
        from reportlab.pdfbase import pdfdoc

        state = font.state.get(doc) or font._assignState(doc)
        state.frozen = 1
        for n, subset in enumerate(state.subsets):
            internal = font.getSubsetInternalName(n, doc)[1:]
            base = (b"".join((_subset_tag(font.fontName, n), b"+", font.face.name,
                              font.face.subfontNameX))).decode("pdfdoc")
            pdf_font = pdfdoc.PDFTrueTypeFont()
            pdf_font.__Comment__ = f"Font {font.fontName} subset {n}"
            pdf_font.Name = internal
            pdf_font.BaseFont = base
            pdf_font.FirstChar = 0
            pdf_font.LastChar = len(subset) - 1
            pdf_font.Widths = pdfdoc.PDFArray(list(map(font.face.getCharWidth, subset)))
            cmap = pdfdoc.PDFStream()
            cmap.content = _to_unicode_cmap(base, [self.texts.get(c, chr(c)) for c in subset])
            if doc.compression:
                cmap.filters = [pdfdoc.PDFZCompress]
            pdf_font.ToUnicode = doc.Reference(cmap, "toUnicodeCMap:" + base)
            pdf_font.FontDescriptor = font.face.addSubsetObjects(doc, base, subset)
            doc.Reference(pdf_font, internal)
            doc.idToObject["BasicFonts"].dict[internal] = pdf_font
        del font.state[doc]


def _subset_tag(font_name: str, n: int) -> bytes:
    """A subset's six-letter tag, its own (ReportLab's ``AAAAAA``, ``AAAAAB``... would name
    the objects of the same face's plain TTFont subsets: the document refuses the clash)."""
    import hashlib

    digest = hashlib.sha1(f"{font_name}:{n}".encode()).digest()
    return bytes(65 + b % 26 for b in digest[:6])


def _to_unicode_cmap(name: str, texts: list[str]) -> str:
    """A ToUnicode CMap: code i -> texts[i] (UTF-16BE, several characters where a glyph
    stands for several)."""
    def hexs(t: str) -> str:
        return t.encode("utf-16-be").hex().upper()

    pairs = [f"<{i:02X}> <{hexs(t)}>" for i, t in enumerate(texts)]
    return "\n".join([
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
        "/CIDSystemInfo", f"<< /Registry ({name})", f"/Ordering ({name})", "/Supplement 0",
        ">> def", f"/CMapName /{name} def", "/CMapType 2 def", "1 begincodespacerange",
        f"<00> <{len(texts) - 1:02X}>", "endcodespacerange", f"{len(pairs)} beginbfchar",
        *pairs, "endbfchar", "endcmap", "CMapName currentdict /CMap defineresource pop",
        "end", "end"])
