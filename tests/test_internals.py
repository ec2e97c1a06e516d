"""ReportLab internals the tagging layer and rlhooks rely on (through factsheet_pdf.rlseam,
whose contract tests are in tests/test_rlseam.py), their behaviour, and colour contrast (WCAG
AAA text, the glossary shade against white)."""

from __future__ import annotations

import inspect

import reportlab
from reportlab.pdfbase.pdfdoc import PDFPage
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import paragraph

from factsheet_pdf.render.pdf.styles import BACKGROUNDS, SHADE, TEXT_COLOURS


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


def test_glossary_shade_survives_greyscale():
    white = _lum(BACKGROUNDS["white"])
    assert (white + 0.05) / (_lum(SHADE) + 0.05) >= 1.3


# -- rlhooks: every ReportLab internal it uses, and what it does with them ----------------
def test_rlhooks_internals_exist():
    from reportlab.lib import textsplit
    from reportlab.platypus import frames

    for name in ("split", "_wsc", "_hy_letters", "_hy_letters_pat", "_hy_shy_letters_pat",
                 "_hy_shy", "_shyUnsplit", "_split_blParaHard", "_yieldBLParaWords",
                 "ParaLines", "cjkU", "makeCJKParaLine", "_HSFrag", "_SplitFragHY",
                 "_SHYIndexedStr", "ALL_CANNOT_START"):
        assert hasattr(paragraph, name), name
    assert hasattr(textsplit, "ALL_CANNOT_START")
    src = inspect.getsource(paragraph.Paragraph)
    assert "_splitpara" in src and "blPara" in src and "breakLinesCJK" in src
    assert "hyphenationLang" in inspect.getsource(paragraph.Paragraph.breakLines)
    assert "_split_blParaHard" in inspect.getsource(paragraph.Paragraph._get_split_blParaFunc)
    assert "_shyUnsplit" in inspect.getsource(paragraph._getFragWords)
    assert "_y2" in inspect.getsource(frames.Frame._reset)
    from reportlab.platypus.doctemplate import BaseDocTemplate
    assert "onPage" in inspect.getsource(BaseDocTemplate.handle_pageBegin)


def _para(text, width, lang="en_US", style_name="body"):
    from reportlab.lib.styles import ParagraphStyle

    from factsheet_pdf import rlhooks
    from factsheet_pdf.fonts import register
    from factsheet_pdf.hyphenate import hyphenator
    from factsheet_pdf.render.pdf.flowables import TaggedParagraph

    rlhooks.install()
    register("noto-sans")
    st = ParagraphStyle(style_name, fontName="noto-sans-regular", fontSize=12, leading=15,
                        hyphenationLang=hyphenator(lang), embeddedHyphenation=0,
                        uriWasteReduce=0, allowWidows=0, allowOrphans=0)
    p = TaggedParagraph(text, st)
    p.wrap(width, 10_000)
    return p, [rlhooks.line_text(p.blPara, ln) for ln in p.blPara.lines]


def test_russian_yo_words_are_offered_to_the_hyphenator():
    from factsheet_pdf import rlhooks

    rlhooks.install()
    assert paragraph._hy_letters_pat.match("приёмлекарств")
    _, lines = _para("Приём " + "неэффективностьёмкость " * 6, 90, "ru")
    assert any(ln.rstrip().endswith("\xad") for ln in lines)


def test_no_break_spaces_never_break():
    for width in range(100, 240, 5):  # wider than the longest unbreakable group
        _, lines = _para("Est-ce un échec du traitement\u00a0? Oui\u202f! « Voir » fin :", width,
                         "fr")
        for ln in lines:
            assert not ln.strip().startswith(("?", "!", "»", ":")), lines
            assert not ln.rstrip().endswith("«"), lines


def test_soft_hyphen_in_the_lines_hard_hyphen_kept():
    text = ("Treatment failure happens when the anti-HIV medications you take cannot "
            "control your infection immunologically and virologically in combination.")
    from factsheet_pdf import rlhooks

    for width in range(80, 220, 6):
        p, lines = _para(text, width)
        joined = "".join(lines)
        assert "".join(joined.split()).replace("\xad", "") == "".join(text.split())
        assert " ".join(joined.replace("\xad", "").split()) == text
        for ln in lines[:-1]:
            if ln.rstrip().endswith("-"):
                assert ln.rstrip().endswith("anti-"), ln  # the only real hyphen
        keys = rlhooks.finish_lines(p, p.blPara)
        assert not rlhooks.rule_violations(keys), (width, lines)


def test_glossary_terms_never_hyphenated():
    text = "<b>Immunologically:</b> a definition that goes on for a while immunologically."
    for width in range(60, 200, 6):
        _, lines = _para(text, width, style_name="gloss")
        assert "\xad" not in lines[0].split(":")[0], lines


def test_chinese_lines_never_start_with_closing_or_end_with_opening():
    from factsheet_pdf import rlhooks

    rlhooks.install()
    from reportlab.lib.styles import ParagraphStyle

    from factsheet_pdf.fonts import register
    from factsheet_pdf.render.pdf.flowables import TaggedParagraph

    register("wqy-microhei")
    st = ParagraphStyle("body", fontName="wqy-microhei-regular", fontSize=12, leading=15,
                        wordWrap="CJK")
    text = "治疗失败（又称病毒学失败）是指药物无法控制感染。「耐药性」：病毒改变形式，HIV可能会突变。" * 3
    for width in range(50, 200, 7):
        p = TaggedParagraph(text, st)
        p.wrap(width, 10_000)
        lines = [rlhooks.line_text(p.blPara, ln) for ln in p.blPara.lines]
        assert "".join(lines) == text
        for ln in lines:
            assert ln[:1] not in rlhooks.CJK_CANNOT_START, lines
            assert ln[-1:] not in rlhooks.CJK_CANNOT_END, lines
            assert "HI" not in ln[-2:] or ln.endswith("HIV"), lines
