"""Extracted text (poppler's pdftotext): faithful, spaces at line ends, soft hyphens only."""

from __future__ import annotations

import re

import pytest
from conftest import WORKSPACE, matrix, pdf, tool

SEED_SENTENCES = [
    "Talk to your doctor. He or she can help you find the best regimen",
    "Factors that can increase the risk of treatment failure include:",
    "Contact an AIDSinfo Health Information Specialist at 1-800-448-0440 or "
    "http://aidsinfo.nih.gov. See your doctor for medical advice.",
    "(See fact sheet on Changing My HIV Treatment Regimen.)",
]


def text_of(path) -> str:
    return tool("pdftotext", str(path), "-")


def test_seed_text_whole(dist):
    flat = " ".join(text_of(pdf(dist)).replace("\xad\n", "").split())
    for s in SEED_SENTENCES:
        assert s in flat


@pytest.mark.parametrize("lang,paper", [p for p in matrix("lang", "paper", variant="standard")
                                        if p.values[0] in ("en", "es", "fr", "ru")])
def test_line_ends_keep_spaces_and_soft_hyphens(dist, lang, paper):
    raw = text_of(pdf(dist, lang, "standard", paper))
    # every hyphenation break is U+00AD, never U+002D, at a line end
    assert "\xad\n" in raw
    assert not re.search(r"[^\W\d_]-\n[^\W\d_]", raw)


def test_paragraph_text_exact(dist):
    """Each tagged paragraph's text is the source text: spaces put back at every line end,
    soft hyphens at hyphenation breaks (ignored when comparing)."""
    from pdfread import struct_lines

    from factsheet_pdf import markup
    from factsheet_pdf.load import load_sheet
    from factsheet_pdf.model import Paragraph

    sheet = load_sheet(WORKSPACE / "content" / "treatment-failure.yaml")
    got = {ln.strip()[3:-1].replace("\xad", "").strip()
           for ln in struct_lines(pdf(dist)) if ln.strip().startswith('P "')}
    for section in sheet.sections:
        for block in section.blocks:
            if isinstance(block, Paragraph):
                assert markup.plain(markup.parse(block.unit.text)) in got


def test_chinese_not_hyphenated_latin_whole(dist):
    raw = text_of(pdf(dist, "zh-Hans"))
    assert "\xad" not in raw
    flat = raw.replace("\n", "")
    for s in ("HIV", "CD4", "1-800-448-0440", "http://aidsinfo.nih.gov"):
        assert s in flat
    assert "http://aidsinfo.nih.gov/guidelines" in raw.replace("\n", "") and not re.search(
        r"http://aidsinfo\.nih\.go?\n", raw)
    # no line begins with closing punctuation (ReportLab hangs one such character only)
    starts = [ln[:1] for ln in raw.split("\n") if ln]
    assert sum(c in "，、：；！？" for c in starts) == 0
    # Chinese lines are joined without spaces
    assert "治疗失败" in flat


def test_language_marker_and_page_marks(dist):
    raw = text_of(pdf(dist, "es"))
    assert "Español · Spanish · HIV Treatment Failure · 1/2" in raw
    assert "2/2" in raw and "voltee" in raw.lower()
    assert "Esta traducción" in raw  # the unreviewed notice, in Spanish
