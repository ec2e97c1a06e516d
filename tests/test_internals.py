"""ReportLab internals the tagging layer relies on, and colour contrast (WCAG AAA)."""

from __future__ import annotations

import inspect

import reportlab
from reportlab.pdfbase.pdfdoc import PDFPage
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import paragraph

from factsheet_pdf.layout.styles import BACKGROUNDS, TEXT_COLOURS


def test_reportlab_version_pinned():
    assert reportlab.Version == "5.1.0"


def test_private_names_still_there():
    assert "_textOut" in vars(PDFTextObject) and "getCode" in vars(PDFTextObject)
    assert "_setAnnotations" in vars(Canvas) and "_annotationrefs" in inspect.getsource(Canvas)
    assert "getNamedCB" in vars(Canvas) and "_curr_tx_info" in inspect.getsource(paragraph)
    assert isinstance(PDFPage.__NoDefault__, list)
    assert hasattr(paragraph, "ALL_CANNOT_START")
    assert "refAnnotation" in inspect.getsource(reportlab.pdfbase.pdfdoc)


def _lum(c):
    def ch(v):
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
    return 0.2126 * ch(c.red) + 0.7152 * ch(c.green) + 0.0722 * ch(c.blue)


def test_text_contrast_at_least_7_to_1():
    for name, fg in TEXT_COLOURS.items():
        for bg_name, bg in BACKGROUNDS.items():
            a, b = sorted((_lum(fg), _lum(bg)), reverse=True)
            ratio = (a + 0.05) / (b + 0.05)
            assert ratio >= 7, (name, bg_name, ratio)
