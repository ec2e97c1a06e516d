"""The tagged structure, read back from the written PDF with pikepdf and poppler."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import matrix, pdf, tool
from pdfread import struct_lines, unmarked_operations

GOLDEN = Path(__file__).parent / "golden"


@pytest.mark.parametrize("paper", matrix("paper", lang="en", variant="standard"))
def test_structure_snapshot(dist, paper, request):
    """The whole tree (roles, /Lang, text) matches the reviewed snapshot; both papers alike."""
    got = "\n".join(struct_lines(pdf(dist, paper=paper))) + "\n"
    golden = GOLDEN / f"treatment-failure.en.standard.{paper}.tags.txt"
    if request.config.getoption("--update-golden") or os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(got, encoding="utf-8")
    assert got == golden.read_text(encoding="utf-8")


def test_tree_shape(dist):
    lines = struct_lines(pdf(dist))
    top = [ln.split(" ")[2] for ln in lines if ln.startswith("  ") and not ln.startswith("    ")]
    assert top == ["P", "H1", "P", "Sect", "Sect", "Sect", "Sect", "Sect", "Sect"]
    assert lines[0] == "Document"
    text = "\n".join(lines)
    # sections in reading order, then the glossary, then the contact footer
    order = ["What is treatment failure?", "What are risk factors", "What happens if my",
             "What is drug resistance testing?", "Terms Used in This Fact Sheet",
             "For more information"]
    positions = [text.index(s) for s in order]
    assert positions == sorted(positions)
    assert sum(1 for ln in lines if ln.strip().startswith("LI")) == 16
    assert sum(1 for ln in lines if ln.strip().startswith('Lbl "•"')) == 8


def test_split_paragraph_is_one_element(dist):
    """Each paragraph is one P, whatever the columns did to it; nothing is read twice."""
    lines = struct_lines(pdf(dist))
    ps = [ln for ln in lines if ln.strip().startswith('P "Your doctor will help you find ways')]
    assert len(ps) == 1
    assert "Talk to your doctor. He or she can help you" in ps[0]


def test_pdfinfo_struct_text_reading_order(dist):
    out = tool("pdfinfo", "-struct-text", str(pdf(dist)))
    flat = " ".join(out.split())
    assert "Talk to your doctor." in flat
    assert flat.index("Changing My HIV Treatment Regimen") < flat.index("Terms Used in This")
    assert flat.index("Virologic failure:") < flat.index("For more information")


@pytest.mark.parametrize("lang,variant", [("en", "standard"), ("en", "large-print"),
                                          pytest.param("es", "large-print", marks=pytest.mark.slow),
                                          ("zh-Hans", "standard")])
def test_everything_is_tagged_or_artifact(dist, lang, variant):
    assert unmarked_operations(pdf(dist, lang, variant)) == []


def test_untagged_baseline_for_benchmarks_has_no_structure(tmp_path, monkeypatch):
    """FACTSHEET_UNTAGGED=1 (bench/run.py's 'tagging off' row) draws the same pages untagged."""
    import pikepdf
    from factsheet_pdf.render.pdf import render_sheet as render
    from factsheet_pdf.load import load_sheet

    from conftest import WORKSPACE

    sheet = load_sheet(WORKSPACE / "content" / "treatment-failure.yaml")
    tagged = render(sheet, "standard", "letter")
    monkeypatch.setenv("FACTSHEET_UNTAGGED", "1")
    untagged = render(sheet, "standard", "letter")
    assert untagged.pages == tagged.pages
    path = tmp_path / "u.pdf"
    path.write_bytes(untagged.data)
    with pikepdf.open(path) as pdf:
        assert "/StructTreeRoot" not in pdf.Root
    assert "HIV Treatment Failure" in tool("pdftotext", str(path), "-")
