"""Structure goldens: ``pdfinfo -struct-text`` (followed by the ``Pages:`` line of ``pdfinfo``)
of the fixture workspace's PDFs equals tests/golden/struct/ exactly.

By default, the session's PDFs (``conftest.DEFAULT``); under ``-m slow``, all 32 default PDFs
and the 32 of ``--site all`` (the fixture's riverside profile). ``pytest --update-golden``
rewrites the files instead of comparing (review the diff before committing it).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import MATRIX, SHEET, build_pdfs, make_workspace, matrix, pdf, tool

GOLDEN = Path(__file__).parent / "golden" / "struct"
SITES = ("riverside",)


def struct_text(path: Path) -> str:
    pages = re.search(r"^Pages:.*$", tool("pdfinfo", str(path)), re.M)
    assert pages, path
    return tool("pdfinfo", "-struct-text", str(path)) + pages.group(0) + "\n"


def golden_name(lang: str, variant: str, paper: str, site: str = "") -> str:
    name = f"{SHEET}.{lang}.{variant}.{paper}.pdf.txt"
    return f"{site}__{name}" if site else name


def compare(path: Path, golden: Path, request) -> None:
    got = struct_text(path)
    if request.config.getoption("--update-golden"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(got, encoding="utf-8")
        return
    assert golden.is_file(), f"no golden {golden.name} (pytest --update-golden writes it)"
    want = golden.read_text(encoding="utf-8")
    if got != want:
        import difflib

        diff = "".join(difflib.unified_diff(want.splitlines(True), got.splitlines(True),
                                            "golden", "built", n=2))
        pytest.fail(f"{path.name}: structure differs from {golden.name}\n{diff[:6000]}")


@pytest.fixture(scope="session")
def site_dist(tmp_path_factory) -> Path:
    """All 32 PDFs of every site profile in the fixture workspace (``--site all``)."""
    base = tmp_path_factory.mktemp("site-golden-ws")
    ws = make_workspace(base)
    out = tmp_path_factory.mktemp("site-golden-dist")
    build_pdfs(ws, out, MATRIX, "--site", "all")
    return out


@pytest.mark.parametrize("lang,variant,paper", matrix("lang", "variant", "paper"))
def test_struct_text_equals_golden(dist, lang, variant, paper, request):
    compare(pdf(dist, lang, variant, paper), GOLDEN / golden_name(lang, variant, paper), request)


@pytest.mark.slow
@pytest.mark.parametrize("site", SITES)
@pytest.mark.parametrize("lang,variant,paper", MATRIX, ids="-".join)
def test_site_struct_text_equals_golden(site_dist, site, lang, variant, paper, request):
    compare(site_dist / site / f"{SHEET}.{lang}.{variant}.{paper}.pdf",
            GOLDEN / golden_name(lang, variant, paper, site), request)


def test_every_golden_has_its_pdf():
    """No golden is left over from a PDF that is no longer compared."""
    want = {golden_name(*c) for c in MATRIX} | {golden_name(*c, s) for c in MATRIX for s in SITES}
    assert {p.name for p in GOLDEN.glob("*.txt")} == want
