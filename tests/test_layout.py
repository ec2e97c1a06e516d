"""Every language fits its page budget (two pages) on both papers; body text 12-14 pt."""

from __future__ import annotations

from collections import Counter

import pytest
from conftest import build_pdfs, built, make_workspace, matrix, pdf, tool
from pdfread import font_sizes


@pytest.mark.parametrize("lang,paper", matrix("lang", "paper", variant="standard"))
def test_standard_two_pages_body_size(dist, lang, paper):
    path = pdf(dist, lang, "standard", paper)
    assert "Pages:           2" in tool("pdfinfo", str(path))
    sizes = Counter(font_sizes(path))
    body = sizes.most_common(1)[0][0]
    from conftest import BELOW_12

    assert (11 <= body < 12) if (lang, paper) in BELOW_12 else (12 <= body <= 14), body


def test_reproducible(dist, tmp_path):
    """The session's English and Chinese PDFs again, from another copy of the workspace."""
    combos = [c for c in built(dist) if c[0] in ("en", "zh-Hans")]
    assert combos
    out = tmp_path / "out"
    build_pdfs(make_workspace(tmp_path), out, combos)
    for c in combos:
        assert pdf(out, *c).read_bytes() == pdf(dist, *c).read_bytes(), pdf(out, *c).name
