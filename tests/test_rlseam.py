"""The ReportLab seam (factsheet_pdf.rlseam): a contract test for every ReportLab internal it
uses, and a source check that no other module touches one.

Each contract test asserts the internal still has the shape the seam relies on and fails with
the ReportLab version in its message, so that an upgrade that changes one is caught here, not
in a PDF.
"""

from __future__ import annotations

import ast
import functools
import importlib
import inspect
import re
import types
from pathlib import Path

import pytest
import reportlab
from reportlab.lib import textsplit
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfdoc import PDFDocument, PDFPage
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import Frame, Spacer, Table, paragraph
from reportlab.platypus import Paragraph as RLParagraph

import factsheet_pdf
from factsheet_pdf import rlseam

ROOT = Path(__file__).resolve().parent.parent

SRC = Path(factsheet_pdf.__file__).parent
SEAM = SRC / "rlseam.py"
RL = Path(reportlab.__file__).parent


def contract(ok, internal: str, seam: str) -> None:
    """Fail loudly: which internal changed, in which ReportLab, behind which seam function."""
    if not ok:
        pytest.fail(f"ReportLab {reportlab.Version}: the internal {internal} changed (or is "
                    f"gone); factsheet_pdf.rlseam.{seam} relies on it. Adapt the seam.",
                    pytrace=False)


def params(fn) -> list[str]:
    return list(inspect.signature(fn).parameters)


def _module_function_source(module, name: str) -> str:
    """The source of ``module``'s own ``def name`` (as shipped, whatever is patched now)."""
    tree = ast.parse(inspect.getsource(module))
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == name:
            return ast.get_source_segment(inspect.getsource(module), node)
    return ""


def _canvas(tmp_path, cls=Canvas):
    return cls(str(tmp_path / "t.pdf"))


# -- the paragraph module --------------------------------------------------------------
def test_whitespace_set():
    contract(isinstance(paragraph._wsc, str) and " " in paragraph._wsc
             and "\u202f" in paragraph._wsc and rlseam.WHITESPACE == paragraph._wsc,
             "paragraph._wsc", "WHITESPACE")
    contract("_wsc_re_split(text)" in _module_function_source(paragraph, "split"),
             "paragraph._wsc (used by split)", "WHITESPACE")


def test_rejoin_words():
    contract(hasattr(paragraph, "_yieldBLParaWords")
             and params(paragraph._yieldBLParaWords) == ["blPara", "start", "stop"]
             and hasattr(paragraph, "ParaLines"), "paragraph._yieldBLParaWords", "rejoin_words")
    contract(rlseam.rejoin_words(["one", "two"]) == ["one", "two"],
             "paragraph._yieldBLParaWords", "rejoin_words")


def test_fragment_classes():
    for name, seam in (("_SplitFragHY", "is_hyphen_split_word"),
                       ("_HSFrag", "is_hanging_space_word")):
        cls = getattr(paragraph, name, None)
        contract(isinstance(cls, type) and issubclass(cls, list), f"paragraph.{name}", seam)
        contract(getattr(rlseam, seam)(cls([0])) and not getattr(rlseam, seam)([0]),
                 f"paragraph.{name}", seam)
    src = inspect.getsource(paragraph._getFragWords)
    contract("_HSFrag" in src and "_SplitFragHY" in inspect.getsource(paragraph),
             "paragraph._getFragWords making _HSFrag/_SplitFragHY", "is_hanging_space_word")


def test_split_pieces_carry_splitpara():
    style = ParagraphStyle("t", fontName="Helvetica", fontSize=10, leading=12)
    p = RLParagraph(" ".join(["word"] * 200), style)
    p.wrap(100, 1000)
    pieces = p.split(100, 60)
    contract(len(pieces) == 2 and rlseam.split_piece_lines(pieces[0]) is pieces[0].blPara
             and rlseam.split_piece_lines(p) is None,
             "Paragraph.split setting _splitpara on its first piece", "split_piece_lines")
    contract("_splitpara" in inspect.getsource(paragraph.Paragraph.breakLinesCJK),
             "Paragraph.breakLinesCJK reusing a piece's lines (_splitpara)", "split_piece_lines")


def test_split_blpara_func_is_overridden_for_our_paragraphs():
    fn = getattr(paragraph.Paragraph, "_get_split_blParaFunc", None)
    contract(fn is not None and params(fn) == ["self"],
             "Paragraph._get_split_blParaFunc", "Paragraph")
    contract("_get_split_blParaFunc()" in inspect.getsource(paragraph.Paragraph.split)
             and "_split_blParaHard" in inspect.getsource(fn),
             "Paragraph.split -> _get_split_blParaFunc -> _split_blParaHard", "Paragraph")
    contract(params(paragraph._split_blParaHard) == ["blPara", "start", "stop"],
             "paragraph._split_blParaHard", "Paragraph")
    # kind-1 lines of raw fragments (the Chinese line breaker's): ours picks the seam's
    style = ParagraphStyle("t", fontName="Helvetica", fontSize=10, leading=12)
    ours, theirs = rlseam.Paragraph("a <b>b</b>", style), RLParagraph("a <b>b</b>", style)
    for p in (ours, theirs):
        p.blPara = paragraph.ParaLines(kind=1, lines=[])
    contract(not paragraph._processed_frags(ours.frags)
             and theirs._get_split_blParaFunc() is paragraph._split_blParaHard
             and ours._get_split_blParaFunc() is rlseam._split_hard,
             "Paragraph._get_split_blParaFunc for kind-1 lines of raw fragments", "Paragraph")
    line = paragraph.ParaLines(words=[ours.frags[0]])
    contract(rlseam._split_hard(paragraph.ParaLines(lines=[line]), 0, 1) == [ours.frags[0]],
             "the lines of a kind-1 ParaLines (.lines[i].words)", "Paragraph")


def test_paragraph_parse_is_remembered_and_copied(tmp_path):
    """``Paragraph._setup(text, style, bulletText, frags, cleaner)`` sets ``text``, ``frags``,
    ``style``, ``bulletText`` and ``debug``; the seam's copy of a remembered parse gives a
    paragraph that breaks and draws as a freshly parsed one, and its fragments are its own."""
    src = inspect.getsource(paragraph.Paragraph._setup)
    contract(params(paragraph.Paragraph._setup) == ["self", "text", "style", "bulletText",
                                                     "frags", "cleaner"]
             and all(f"self.{a} =" in src for a in ("text", "frags", "style", "bulletText")),
             "Paragraph._setup(text, style, bulletText, frags, cleaner)", "Paragraph._setup")
    from reportlab.platypus.paraparser import ParaFrag

    contract(hasattr(ParaFrag, "clone"), "ParaFrag.clone", "Paragraph._setup")
    style = ParagraphStyle("memo-test", fontName="Helvetica", fontSize=10, leading=12)
    text = ('Call <b>the clinic</b> &amp; <a href="https://x.example/">ask</a> '
            + "word " * 40)
    rlseam._PARSED.clear()
    first = rlseam.Paragraph(text, style)
    again = rlseam.Paragraph(text, ParagraphStyle("memo-test", fontName="Helvetica",
                                                  fontSize=10, leading=12))
    fresh = RLParagraph(text, style)
    assert len(rlseam._PARSED) == 1
    assert again.frags is not first.frags and all(a is not b for a, b in zip(again.frags,
                                                                             first.frags))
    assert [f.__dict__ for f in again.frags] == [f.__dict__ for f in fresh.frags]
    assert again.text == fresh.text
    again.frags[0].text = "changed"  # a paragraph's own copy: the memory is untouched
    assert rlseam.Paragraph(text, style).frags[0].text == fresh.frags[0].text
    pdfs = []
    for i, p in enumerate((rlseam.Paragraph(text, style), fresh)):
        c = Canvas(str(tmp_path / f"p{i}.pdf"), invariant=1)
        p.wrapOn(c, 200, 1000)
        p.drawOn(c, 20, 20)
        c.save()
        pdfs.append((tmp_path / f"p{i}.pdf").read_bytes())
    assert pdfs[0] == pdfs[1]
    bigger = rlseam.Paragraph(text, ParagraphStyle("memo-test", fontName="Helvetica",
                                                   fontSize=12, leading=14))
    assert {f.fontSize for f in bigger.frags} == {12}  # another style: parsed again


# -- the paragraph module: the process-wide patches -----------------------------------
def test_line_breaking_globals_before_the_patch():
    src = inspect.getsource(paragraph)
    contract(_module_function_source(paragraph, "split").startswith(
        "def split(text, delim=None)") and re.search(r"\bS = split\(text\)", src),
             "paragraph.split (called by name from _getFragWords)", "install_line_breaking")
    contract(all(isinstance(getattr(paragraph, n, None), str) for n in ("_hy_letters", "_hy_shy"))
             and all(isinstance(getattr(paragraph, n, None), re.Pattern)
                     for n in ("_hy_letters_pat", "_hy_shy_letters_pat"))
             and "_hy_letters_pat.match(" in _module_function_source(paragraph, "_hyGenPair")
             and "_hy_shy_letters_pat.match(" in _module_function_source(paragraph,
                                                                         "_hyGenFragsPair"),
             "paragraph._hy_letters / _hy_shy / _hy_letters_pat / _hy_shy_letters_pat",
             "install_line_breaking")
    contract(isinstance(textsplit.ALL_CANNOT_START, str)
             and isinstance(paragraph.ALL_CANNOT_START, str)
             and "ALL_CANNOT_START" in inspect.getsource(paragraph.cjkFragSplit)
             and "ALL_CANNOT_START" in inspect.getsource(textsplit.dumbSplit),
             "textsplit/paragraph.ALL_CANNOT_START", "install_line_breaking")
    contract(params(rlseam._orig_shy_unsplit) == ["s", "ss"]
             and "_shyUnsplit(" in inspect.getsource(paragraph._getFragWords)
             and isinstance(getattr(paragraph, "_SHYIndexedStr", None), type)
             and "_shyIndices" in src,
             "paragraph._shyUnsplit / _SHYIndexedStr / _shyIndices", "install_line_breaking")
    contract(rlseam._orig_shy_unsplit("T-", "cells") == "Tcells",
             "paragraph._shyUnsplit (strips the hyphen it rejoins at)", "install_line_breaking")


def test_line_breaking_globals_after_the_patch():
    from factsheet_pdf import rlhooks

    rlhooks.install()
    rlhooks.install()  # idempotent
    contract(paragraph.split is rlhooks._split, "paragraph.split", "install_line_breaking")
    contract(paragraph._hy_letters_pat.match("ёлка") and paragraph._hy_shy_letters_pat.match(
        "ёл\u00adка") and paragraph._hy_letters.count("\u0451") == 1,
        "paragraph._hy_letters_pat", "install_line_breaking")
    for module in (textsplit, paragraph):
        contract(all(c in module.ALL_CANNOT_START for c in rlhooks.CJK_CANNOT_START)
                 and module.ALL_CANNOT_START.count("，") == 1,
                 f"{module.__name__}.ALL_CANNOT_START", "install_line_breaking")
    contract(paragraph._shyUnsplit is rlseam._shy_unsplit
             and paragraph._shyUnsplit("T-", "cells") == "T-cells",
             "paragraph._shyUnsplit", "install_line_breaking")
    contract(paragraph._split_blParaHard is not rlseam._split_hard,
             "paragraph._split_blParaHard (no longer patched: scoped to rlseam.Paragraph)",
             "Paragraph")


def test_address_breaking_internals_before_the_patch():
    """What install_address_breaking replaces, as ReportLab ships it."""
    contract(params(rlseam._orig_uri_split_pairs) == ["uri"]
             and "_uri_split_pairs(s)" in _module_function_source(paragraph, "_hyGenPair")
             and "_uri_split_pairs(s)" in _module_function_source(paragraph, "_hyGenFragsPair"),
             "paragraph._uri_split_pairs (called by name from _hyGenPair/_hyGenFragsPair)",
             "install_address_breaking")
    contract(params(rlseam._orig_split_word) == ["w", "lineWidth", "maxWidths", "lineno",
                                                 "fontName", "fontSize", "encoding"]
             and params(rlseam._orig_split_frag_word) == ["w", "maxWidth", "maxWidths",
                                                          "lineno"]
             and "_splitWord(word," in inspect.getsource(paragraph.Paragraph.breakLines),
             "paragraph._splitWord / _splitFragWord", "install_address_breaking")
    contract("_splitFragWord(w," in inspect.getsource(paragraph.Paragraph.breakLines),
             "paragraph._splitFragWord (called by name from breakLines)",
             "install_address_breaking")
    contract(params(rlseam._orig_hy_gen_pair)[:5] == ["hyphenator", "s", "ww", "newWidth",
                                                      "maxWidth"]
             and params(rlseam._orig_hy_gen_frags_pair)[:4] == ["hyphenator", "FW",
                                                                "newWidth", "maxWidth"]
             and "_hyGenPair(" in _module_function_source(paragraph, "_hyphenateWord")
             and "_hyGenFragsPair(" in _module_function_source(paragraph,
                                                               "_hyphenateFragWord"),
             "paragraph._hyGenPair / _hyGenFragsPair (called by name)",
             "install_address_breaking")
    for name in ("_SplitWordH", "_SplitWordEnd", "_SplitFrag", "_SplitFragH", "_SplitFragHS",
                 "_HSFrag", "_InjectedFrag", "_FK_BREAK", "_fragWordIter", "_fragWordSplitRep",
                 "isBidiStr", "stringWidth"):
        contract(hasattr(paragraph, name), f"paragraph.{name}", "install_address_breaking")
    contract(issubclass(paragraph._SplitWordH, paragraph._SplitWord)
             and "_FK_BREAK" in inspect.getsource(paragraph.Paragraph.breakLines),
             "paragraph._SplitWordH / _FK_BREAK", "install_address_breaking")


def test_table_geometry():
    from factsheet_pdf.fonts import register

    register("noto-sans")
    t = Table([["a", "b"], ["c", "d"]], colWidths=[50, 70])
    t.wrap(120, 500)
    cols, rows, widths, heights = rlseam.table_geometry(t)
    contract(cols[0] == 0 and abs(cols[-1] - 120) < 0.01 and widths == [50, 70]
             and len(rows) == 3 and rows[0] > rows[-1] and len(heights) == 2
             and abs(rows[0] - rows[1] - heights[0]) < 0.01,
             "Table._colpositions / _rowpositions / _colWidths / _rowHeights",
             "table_geometry")


def test_justification_internals():
    """install_justification: ReportLab's justified-line drawer, the line putter it uses and
    the style it leaves on the text object."""
    contract(params(rlseam._orig_justify_line) == ["tx", "offset", "line", "last"]
             and "_justifyDrawParaLineX" in inspect.getsource(paragraph.Paragraph.drawPara)
             and "_justifyDrawParaLineX)(" in _module_function_source(
                 paragraph, "_justifyDrawParaLineXRTL"),
             "paragraph._justifyDrawParaLineX (called by name from drawPara)",
             "install_justification")
    contract(params(paragraph._putFragLine) == ["cur_x", "tx", "line", "last", "pKind"]
             and params(paragraph.setXPos) == ["tx", "dx"],
             "paragraph._putFragLine / setXPos", "put_line")
    contract("xs.style = style" in inspect.getsource(paragraph.Paragraph.drawPara),
             "the text object's XtraState.style (set by drawPara)", "paragraph_style")
    from factsheet_pdf import rlhooks

    rlhooks.install()
    contract(paragraph._justifyDrawParaLineX is rlseam._justify_line,
             "paragraph._justifyDrawParaLineX", "install_justification")


def test_long_words_split_count():
    from factsheet_pdf.fonts import register

    register("noto-sans")
    st = ParagraphStyle("t", fontName="noto-sans-regular", fontSize=12, leading=15,
                        splitLongWords=1)
    p = RLParagraph("Antidisestablishmentarianism", st)
    p.wrap(60, 1000)
    contract("_splitLongWordCount" in inspect.getsource(paragraph.Paragraph.breakLines)
             and rlseam.long_words_split(p) >= 1,
             "Paragraph._splitLongWordCount", "long_words_split")
    p.wrap(400, 1000)
    contract(rlseam.long_words_split(p) == 0, "Paragraph._splitLongWordCount",
             "long_words_split")


def test_address_breaking_after_the_patch():
    """The patched functions are ours, and a paragraph breaks an address at its path."""
    from factsheet_pdf import rlhooks
    from factsheet_pdf.fonts import register
    from factsheet_pdf.hyphenate import no_hyphenation

    rlhooks.install()
    contract(paragraph._uri_split_pairs is not rlseam._orig_uri_split_pairs
             and paragraph._splitWord is rlseam._split_word
             and paragraph._splitFragWord is rlseam._split_frag_word
             and paragraph._hyGenPair is rlseam._hy_gen_pair
             and paragraph._hyGenFragsPair is rlseam._hy_gen_frags_pair,
             "paragraph._uri_split_pairs / _splitWord / _splitFragWord / _hyGenPair",
             "install_address_breaking")
    register("noto-sans")
    st = ParagraphStyle("t", fontName="noto-sans-regular", fontSize=12, leading=15,
                        hyphenationLang=no_hyphenation, uriWasteReduce=0.3, splitLongWords=1)
    for markup in ("See https://clinic.example/hiv-care/index.html now",
                   'See <a href="https://clinic.example/hiv-care/index.html">'
                   "https://clinic.example/hiv-care/index.html</a> now"):
        p = RLParagraph(markup, st)
        p.wrap(110, 1000)
        lines = ["".join(getattr(w, "text", "") for w in ln.words)
                 if not isinstance(ln, tuple) else " ".join(ln[1]) for ln in p.blPara.lines]
        joined = "".join(x.strip() for x in lines)
        contract("clinic.example/hiv-care" in joined.replace(" ", "") and all(
            ln.strip() not in ("", "htt", "https:") for ln in lines) and not any(
            ln.rstrip().endswith("-") for ln in lines),
            f"an address broken where it may be ({lines})", "install_address_breaking")


# -- text objects -------------------------------------------------------------------------
def test_text_object_content_stream_and_font(tmp_path):
    c = _canvas(tmp_path)
    t = c.beginText(0, 0)
    contract(isinstance(t._code, list) and t._code[:1] == ["BT"], "PDFTextObject._code", "emit")
    rlseam.emit(t, "/P <</MCID 0>> BDC")
    t.textOut("x")
    code = t.getCode()
    contract(code.startswith("BT") and "/P <</MCID 0>> BDC" in code
             and code.index("BDC") < code.index("(x) Tj"), "PDFTextObject._code", "emit")
    t.setFont("Courier", 9)
    contract(rlseam.text_font(t) == ("Courier", 9),
             "PDFTextObject._fontname/_fontsize", "text_font")


def test_text_object_hooks(tmp_path):
    calls = []

    class T(rlseam.TextObject):
        def text_run(self, text, TStar=0):
            calls.append((text, TStar))
            super().text_run(text, TStar)

        def font_changed(self, psfontname, size):
            calls.append(("font", psfontname, size))

    class C(Canvas):
        def beginText(self, x=0, y=0, direction=None):
            return T(self, x, y, direction=direction)

    contract(params(PDFTextObject._textOut) == ["self", "text", "TStar"]
             and params(PDFTextObject._setFont) == ["self", "psfontname", "size"],
             "PDFTextObject._textOut/_setFont signatures", "TextObject")
    c = _canvas(tmp_path, C)
    p = RLParagraph("plain <b>bold</b>", ParagraphStyle("t", fontName="Helvetica"))
    p.wrap(200, 100)
    p.drawOn(c, 0, 0)
    runs = "".join(x[0] for x in calls if x[0] != "font")
    contract("plain" in runs and "bold" in runs,
             "paragraph drawing writing text through tx._textOut", "TextObject")
    contract(("font", "Helvetica-Bold", 10) in calls,
             "paragraph drawing changing fonts through tx._setFont", "TextObject")
    calls.clear()
    t = T(c, 0, 0)
    t._textOut("a", 1)
    contract(calls == [("a", 1)] and "(a) Tj T*" in t.getCode(), "PDFTextObject._textOut",
             "TextObject")


# -- canvases -----------------------------------------------------------------------------
def test_canvas_content_stream(tmp_path):
    c = _canvas(tmp_path)
    contract(isinstance(c._code, list) and not rlseam.has_content(c),
             "Canvas._code", "has_content")
    rlseam.emit(c, "/Artifact BMC")
    contract(rlseam.has_content(c) and c._code[-1] == "/Artifact BMC", "Canvas._code", "emit")


def test_canvas_page_hook_and_annotations(tmp_path):
    seen = []

    class C(rlseam.Canvas):
        def page_finished(self, page):
            seen.append((page, rlseam.page_has_annotations(self), len(page.Annots or [])))
            rlseam.allow_page_keys(page, "StructParents")
            page.StructParents = 7

    contract(params(Canvas._setAnnotations) == ["self", "page"]
             and "_setAnnotations(page)" in inspect.getsource(Canvas.showPage),
             "Canvas.showPage -> _setAnnotations(page)", "Canvas")
    c = _canvas(tmp_path, C)
    c.drawString(10, 10, "x")
    c.linkURL("https://example.org", (0, 0, 10, 10))
    ref = rlseam.last_annotation_ref(c)
    contract(c._annotationCount == 1 and ref.name == c._annotationrefs[-1].name,
             "Canvas._annotationCount / the NUMBER<n> annotation names of linkURL",
             "last_annotation_ref")
    c.showPage()
    contract(len(seen) == 1 and isinstance(seen[0][0], PDFPage) and seen[0][1:] == (True, 1),
             "Canvas._setAnnotations / _annotationrefs", "page_has_annotations")
    # a form XObject (the page marks, drawn after the last page) is not a finished page
    contract("_setAnnotations(form)" in inspect.getsource(Canvas.endForm),
             "Canvas.endForm -> _setAnnotations(form)", "Canvas")
    c.beginForm("f", 0, 0, 10, 10)
    c.drawString(1, 1, "f")
    c.endForm()
    assert len(seen) == 1
    contract(isinstance(PDFPage.__NoDefault__, list) and "Annots" in PDFPage.__NoDefault__
             and "StructParents" not in PDFPage.__NoDefault__
             and seen[0][0].__NoDefault__[-1] == "StructParents",
             "PDFPage.__NoDefault__", "allow_page_keys")
    contract("__NoDefault__" in inspect.getsource(reportlab.pdfbase.pdfdoc.PDFDictionary)
             or "__NoDefault__" in inspect.getsource(reportlab.pdfbase.pdfdoc),
             "PDFPage.__NoDefault__ (read when a page is written)", "allow_page_keys")
    doc = rlseam.canvas_document(c)
    contract(isinstance(doc, PDFDocument) and doc is c._doc, "Canvas._doc", "canvas_document")
    ts = rlseam.document_timestamp(doc)
    contract(len(ts.YMDhms) == 6, "PDFDocument._timeStamp.YMDhms", "document_timestamp")
    c.save()
    data = (tmp_path / "t.pdf").read_bytes()
    contract(b"/StructParents 7" in data, "PDFPage.__NoDefault__", "allow_page_keys")


def test_current_text_object_in_an_ondraw_callback(tmp_path):
    got = []
    c = _canvas(tmp_path)
    c.setNamedCB("probe", lambda canv, kind, label: got.append(rlseam.current_text_object(canv)))
    p = RLParagraph('one <onDraw name="probe" label="x"/>two', ParagraphStyle("t"))
    p.wrap(200, 100)
    p.drawOn(c, 0, 0)
    contract(len(got) == 1 and isinstance(got[0], PDFTextObject),
             "Canvas._curr_tx_info['tx'] during onDraw callbacks", "current_text_object")


# -- frames and tables ----------------------------------------------------------------------
def test_frame_positions(tmp_path):
    c = _canvas(tmp_path)
    f = Frame(0, 0, 100, 200, leftPadding=5, rightPadding=5, topPadding=4, bottomPadding=6)
    contract(rlseam.frame_at_top(f) and rlseam.frame_available(f) == (90, 190)
             and rlseam.frame_used_height(f) == 4 and rlseam.frame_cursor(f) == 196,
             "Frame._atTop/_aW/_aH/_y/_y2", "frame_available")
    s = Spacer(10, 30)
    f.add(s, c)
    contract(not rlseam.frame_at_top(f) and rlseam.frame_cursor(f) == 166
             and rlseam.frame_used_height(f) == 34, "Frame._atTop/_y/_y2", "frame_cursor")
    seen = []

    class F(Spacer):
        def split(self, availWidth, availHeight):
            seen.append(rlseam.flowable_frame(self))
            return []

    f.split(F(10, 500), c)
    contract(seen == [f] and rlseam.flowable_frame(Spacer(1, 1)) is None,
             "flowable._frame (set by Frame.split while the flowable splits)", "flowable_frame")


def test_table_cells_and_column_widths():
    t = Table([["a", "b"], ["c", "d"]])
    rows = rlseam.table_rows(t)
    contract(rows == [["a", "b"], ["c", "d"]] and rows is t._cellvalues,
             "Table._cellvalues", "table_rows")
    rlseam.set_column_widths(t, [30, 70])
    w, _ = t.wrap(500, 500)
    contract(w == 100 and t._colWidths == [30, 70] and t._argW == [30, 70],
             "Table._argW/_colWidths (read by wrap)", "set_column_widths")
    t = Table([["head"], ["a"], ["b"], ["c"]], repeatRows=1)
    t.wrap(100, 1000)
    pieces = t.split(100, 40)
    contract(len(pieces) == 2 and rlseam.table_rows(pieces[1])[0] == ["head"]
             and rlseam.table_rows(pieces[1])[-1] == ["c"],
             "Table._cellvalues of a split piece (the repeated header row first)", "table_rows")


# -- no ReportLab internal outside the seam -------------------------------------------------
_PYTHON_DUNDERS = {n for t in (object, type, int, str, list, dict, tuple, set, Exception,
                               property, types.FunctionType, types.ModuleType,
                               types.MethodType) for n in dir(t)} | {
    "__all__", "__version__", "__author__", "__date__", "__credits__", "__file__",
    "__path__", "__builtins__", "__cached__", "__slots__", "__annotations__", "__origin__"}

OUR_OWN = {
    # our private names that ReportLab happens to define too, each in the modules that own it
    "_base": {"fingerprint.py"},
    "_bottom": {"render/pdf/contact.py"},
    "_catalog": {"build.py"},
    "_code": {"fingerprint.py"},
    "_entries": {"write.py"},
    "_frame": {"render/pdf/pages.py"},
    "_stack": {"tag/canvas.py"},
}
"""ReportLab private names that are also our own private names in the listed modules."""


@functools.lru_cache(maxsize=None)
def reportlab_private_names() -> frozenset[str]:
    """Every private name ReportLab's own source defines: attributes it assigns on any object
    (``self._x = ...``, ``flowable._frame = ...``), module- and class-level names, functions,
    classes and imported aliases."""
    names: set[str] = set()

    def add(n):
        if n.startswith("_") and n != "_" and not (n.startswith("__") and n.endswith("__")
                                                    and n in _PYTHON_DUNDERS):
            names.add(n)

    for path in RL.rglob("*.py"):
        try:
            tree = ast.parse(path.read_text(encoding="utf-8", errors="replace"))
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and isinstance(node.ctx, (ast.Store, ast.Del)):
                add(node.attr)
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                    and node.func.id == "setattr" and len(node.args) >= 2 \
                    and isinstance(node.args[1], ast.Constant) \
                    and isinstance(node.args[1].value, str):
                add(node.args[1].value)
        for scope in [tree] + [n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)]:
            for stmt in scope.body:
                if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                    if not (stmt.name.startswith("__") and stmt.name.endswith("__")):
                        add(stmt.name)
                    continue
                if isinstance(stmt, (ast.Import, ast.ImportFrom)):
                    for a in stmt.names:
                        add((a.asname or a.name).split(".")[0])
                    continue
                targets = stmt.targets if isinstance(stmt, ast.Assign) else (
                    [stmt.target] if isinstance(stmt, (ast.AnnAssign, ast.AugAssign)) else [])
                for t in targets:
                    for n in ast.walk(t):
                        if isinstance(n, ast.Name):
                            add(n.id)
    return frozenset(names)


def _reportlab_bound_names(tree) -> set[str]:
    """Names a module binds to ReportLab objects (modules, classes, functions, globals)."""
    bound = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                if a.name.split(".")[0] == "reportlab":
                    bound.add((a.asname or a.name).split(".")[0])
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "reportlab":
            for a in node.names:
                bound.add(a.asname or a.name)
    return bound


def _root_name(node):
    while isinstance(node, (ast.Attribute, ast.Subscript)):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def violations(source: str, rel: str, private: set[str]) -> list[str]:
    """What in ``source`` (module ``rel``) touches a ReportLab internal or patches a global."""
    tree = ast.parse(source)
    bound = _reportlab_bound_names(tree)
    out = []

    def is_private(name: str) -> bool:
        return name in private and rel not in OUR_OWN.get(name, ())

    for node in ast.walk(tree):
        line = getattr(node, "lineno", 0)
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            mods = ([node.module or ""] if isinstance(node, ast.ImportFrom)
                    else [a.name for a in node.names])
            if not any(m.split(".")[0] == "reportlab" for m in mods):
                continue
            parts = [p for m in mods for p in m.split(".")]
            if isinstance(node, ast.ImportFrom):
                parts += [a.name for a in node.names]
            out += [f"{rel}:{line}: imports ReportLab's private {p}" for p in parts
                    if p.startswith("_")]
        elif isinstance(node, ast.ClassDef):
            out += [f"{rel}:{d.lineno}: overrides ReportLab's private method {d.name}"
                    for d in node.body if isinstance(d, (ast.FunctionDef, ast.AsyncFunctionDef))
                    and is_private(d.name)]
        elif isinstance(node, ast.Attribute) and is_private(node.attr):
            out.append(f"{rel}:{line}: uses ReportLab's private name .{node.attr}")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                and node.func.id in ("getattr", "hasattr", "setattr", "delattr") \
                and len(node.args) >= 2:
            arg = node.args[1]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str) \
                    and is_private(arg.value):
                out.append(f"{rel}:{line}: {node.func.id}(..., {arg.value!r}): a ReportLab "
                           "private name")
            if node.func.id in ("setattr", "delattr") and _root_name(node.args[0]) in bound:
                out.append(f"{rel}:{line}: {node.func.id} on ReportLab's "
                           f"{_root_name(node.args[0])}")
        if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Delete)):
            targets = (node.targets if isinstance(node, (ast.Assign, ast.Delete))
                       else [node.target])
            for t in targets:
                for sub in ast.walk(t):
                    if isinstance(sub, (ast.Attribute, ast.Subscript)) \
                            and _root_name(sub) in bound:
                        out.append(f"{rel}:{line}: patches ReportLab's {_root_name(sub)}")
                        break
    return out


def test_the_source_check_catches_internals():
    private = reportlab_private_names()
    for name in ("_wsc", "_atTop", "_aH", "_y2", "_cellvalues", "_textOut", "_setAnnotations",
                 "_code", "_doc", "_timeStamp", "_curr_tx_info", "__NoDefault__", "_splitpara",
                 "_shyUnsplit", "_split_blParaHard", "_HSFrag", "_frame", "_argW"):
        assert name in private, name
    assert "__init__" not in private and "__doc__" not in private
    bad = """
from reportlab.platypus import paragraph
from reportlab.platypus.paragraph import _HSFrag
from reportlab.pdfgen.canvas import Canvas
import reportlab.rl_config
x = frame._atTop
y = getattr(para, "_splitpara", 0)
paragraph.split = str.split
setattr(paragraph, "ALL_CANNOT_START", "")
Canvas.drawText = None
reportlab.rl_config.invariant = 1
class C(Canvas):
    def _setAnnotations(self, page):
        pass
"""
    found = violations(bad, "x.py", private)
    for what in ("private _HSFrag", "._atTop", "'_splitpara'", "patches ReportLab's paragraph",
                 "setattr on ReportLab's paragraph", "patches ReportLab's Canvas",
                 "patches ReportLab's reportlab", "private method _setAnnotations"):
        assert any(what in v for v in found), (what, found)
    ok = """
from reportlab.platypus import Paragraph
class P(Paragraph):
    def __init__(self):
        self._source_text = ""
        self.x = 1
def f(p):
    return p._offset, p._frags0
"""
    assert violations(ok, "x.py", private) == []


def test_no_reportlab_internals_outside_the_seam():
    private = reportlab_private_names()
    found, used_own = [], set()
    for path in sorted(SRC.rglob("*.py")):
        if path == SEAM:
            continue
        rel = path.relative_to(SRC).as_posix()
        source = path.read_text(encoding="utf-8")
        found += violations(source, rel, private)
        for name, owners in OUR_OWN.items():
            if rel in owners and re.search(rf"\b{name}\b", source):
                used_own.add(name)
    assert not found, "ReportLab internals outside factsheet_pdf/rlseam.py:\n" + "\n".join(found)
    stale = set(OUR_OWN) - used_own
    assert not stale, f"OUR_OWN entries no longer needed: {sorted(stale)}"
    for name, owners in OUR_OWN.items():
        assert name in private, f"{name} is no longer a ReportLab name: drop it from OUR_OWN"


def test_the_seam_imports_neither_render_nor_tag():
    tree = ast.parse(SEAM.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            mod = ("." * node.level) + (node.module or "")
            assert not re.match(r"(\.|factsheet_pdf\.)(render|tag)\b", mod), mod
            assert not (node.level and not node.module
                        and {a.name for a in node.names} & {"render", "tag"}), mod
        elif isinstance(node, ast.Import):
            for a in node.names:
                assert not a.name.startswith(("factsheet_pdf.render", "factsheet_pdf.tag")), a.name
    importlib.import_module("factsheet_pdf.rlseam")


def test_slim_subsets_wraps_the_subset_every_embedded_font_is_made_by():
    """``addSubsetObjects`` calls ``self.makeSubset(subset)``: the wrapped subset has no
    hinting and fewer name records, and the same glyphs (outlines, advance widths, cmap)."""
    import io

    from fontTools.ttLib import TTFont
    from reportlab.pdfbase import ttfonts

    assert "self.makeSubset(subset)" in inspect.getsource(ttfonts.TTFontFace.addSubsetObjects)
    path = ROOT / "fonts" / "noto-sans" / "NotoSans-Regular.ttf"
    plain = ttfonts.TTFontFace(str(path))
    slim = ttfonts.TTFontFace(str(path))
    rlseam.slim_subsets(slim)
    rlseam.slim_subsets(slim)  # idempotent
    subset = [0] + [slim.charToGlyph[ord(c)] for c in "Hello, HIV — ünï"]
    subset = list(dict.fromkeys(subset))
    a = TTFont(io.BytesIO(plain.makeSubset(subset)))
    b = TTFont(io.BytesIO(slim.makeSubset(subset)))
    assert "fpgm" in a and not {"fpgm", "prep", "cvt "} & set(b.keys())
    assert a.getGlyphOrder() == b.getGlyphOrder()
    assert a["hmtx"].metrics == b["hmtx"].metrics
    assert a["cmap"].getBestCmap() == b["cmap"].getBestCmap()
    for name in a.getGlyphOrder():
        ga, gb = a["glyf"][name], b["glyf"][name]
        assert ga.getCoordinates(a["glyf"])[0] == gb.getCoordinates(b["glyf"])[0], name
        assert not (getattr(gb, "program", None) and gb.program.getBytecode())
    assert {r.nameID for r in b["name"].names} <= set(rlseam.KEPT_NAMES)
    assert b["name"].getDebugName(0) == a["name"].getDebugName(0)  # the copyright stays
    assert len(slim.makeSubset(subset)) < 0.7 * len(plain.makeSubset(subset))
    # remembered per (face, characters): the same bytes again, another subset made afresh
    rlseam._SUBSETS.clear()
    first = slim.makeSubset(subset)
    assert slim.makeSubset(list(subset)) is first and len(rlseam._SUBSETS) == 1
    other = slim.makeSubset(subset[:5])
    assert other != first and len(rlseam._SUBSETS) == 2
    assert rlseam.slim_font_program(plain.makeSubset(subset[:5])) == other


def test_reportlab_runs_with_its_c_accelerator():
    """rl_accel is a pinned dependency: ReportLab's string widths and number formatting run in
    C (``reportlab.lib.rl_accel`` falls back to Python functions named ``_py_*`` without it),
    and the fingerprint names its version."""
    from reportlab.lib import rl_accel

    from factsheet_pdf.fingerprint import versions

    contract(rl_accel.fp_str is not getattr(rl_accel, "_py_fp_str", None)
             and rl_accel.instanceStringWidthTTF is not getattr(
                 rl_accel, "_py_instanceStringWidthTTF", None),
             "reportlab.lib.rl_accel importing _rl_accel", "(the rl_accel dependency)")
    assert "; rl_accel 0.9.1" in versions()


def test_glyph_to_char_is_read_only_by_reportlab_shaping():
    """``drop_glyph_to_char``: ReportLab reads ``face.glyphToChar`` only where it builds it
    (``TTFontFile.extractInfo``) and in its own HarfBuzz path (``TTFont.__addPrivate``,
    ``shapeFragWord``), which a style without ``shaping`` never takes; the subsets of a face
    without it are the same."""
    from reportlab.pdfbase import ttfonts

    tree = ast.parse(inspect.getsource(ttfonts))
    users = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and \
                "glyphToChar" in ast.get_source_segment(inspect.getsource(ttfonts), node):
            users.add(node.name)
    contract(users <= {"extractInfo", "__addPrivate", "shapeFragWord"},
             f"face.glyphToChar readers ({sorted(users)})", "drop_glyph_to_char")
    style = ParagraphStyle("t")
    contract(not getattr(style, "shaping", 0), "ParagraphStyle.shaping off by default",
             "drop_glyph_to_char")
    path = ROOT / "fonts" / "noto-sans" / "NotoSans-Regular.ttf"
    a, b = ttfonts.TTFontFace(str(path)), ttfonts.TTFontFace(str(path))
    rlseam.drop_glyph_to_char(b)
    subset = [0] + [a.charToGlyph[ord(c)] for c in "Hello"]
    assert b.glyphToChar == {} and a.makeSubset(subset) == b.makeSubset(subset)
