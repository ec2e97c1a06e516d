"""The fit search's memory of paragraph heights (render/pdf/measure.py) and of parses
(rlseam.Paragraph._setup): what it gives equals what measuring again gives, it never serves a
changed text, and a PDF made with a warm memory is the PDF made with a cold one."""

from __future__ import annotations

import dataclasses

import pytest
from conftest import FIXTURES, WORKSPACE

from factsheet_pdf import rlseam
from factsheet_pdf.compose import compose
from factsheet_pdf.load import load_sheet
from factsheet_pdf.model import Paragraph
from factsheet_pdf.render.pdf import fit, measure
from factsheet_pdf.render.pdf.styles import STANDARD_CANDIDATES

SHEET = WORKSPACE / "content" / "treatment-failure.yaml"


def _estimates(doc, paper="letter", budget=2):
    return [fit._estimate_over(fit._prepare(doc, paper, p), budget)
            for p in STANDARD_CANDIDATES[::3]]


def _cold(doc, monkeypatch):
    with monkeypatch.context() as m:
        m.setattr(measure, "active", lambda: False)
        m.setattr("factsheet_pdf.render.pdf.flowables.measuring", lambda: False)
        return _estimates(doc)


def test_remembered_heights_equal_measured_ones(monkeypatch):
    doc = compose(load_sheet(SHEET), "standard")
    measure.forget()
    cold = _cold(doc, monkeypatch)
    warm_first = _estimates(doc)  # fills the memory (hits across candidates of one size)
    hits = measure.stats["hits"]
    warm_again = _estimates(doc)  # every paragraph from the memory
    assert cold == warm_first == warm_again
    assert measure.stats["hits"] > hits and hits > 0


def test_a_changed_paragraph_is_measured_again(monkeypatch):
    sheet = load_sheet(SHEET)
    measure.forget()
    _estimates(compose(sheet, "standard"))
    body = next(s for s in sheet.sections if isinstance(s.blocks[0], Paragraph))
    unit = body.blocks[0].unit
    longer = Paragraph(dataclasses.replace(unit, text=unit.text + " more words" * 40))
    changed = dataclasses.replace(sheet, sections=tuple(
        dataclasses.replace(body, blocks=(longer, *body.blocks[1:])) if s is body else s
        for s in sheet.sections))
    doc = compose(changed, "standard")
    assert _estimates(doc) == _cold(doc, monkeypatch) != _estimates(compose(sheet, "standard"))


@pytest.mark.parametrize("variant", ["standard", "large-print"])
def test_warm_memory_makes_the_same_pdf(variant):
    sheet = load_sheet(SHEET)
    measure.forget()
    rlseam._PARSED.clear()
    cold = fit.render(compose(sheet, variant), "letter")
    warm = fit.render(compose(sheet, variant), "letter")
    assert cold.data == warm.data and cold.params == warm.params


def test_world_scripts_sheet_same_pdf_warm():
    sheet = load_sheet(FIXTURES / "scripts" / "content" / "mixed.yaml")
    measure.forget()
    a = fit.render(compose(sheet, "standard"), "a4")
    b = fit.render(compose(sheet, "standard"), "a4")
    assert a.data == b.data
