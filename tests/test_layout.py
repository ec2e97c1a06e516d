"""Every language fits its page budget (two pages) on both papers; body text 12-14 pt."""

from __future__ import annotations

from collections import Counter

import pytest
from conftest import pdf, tool
from pdfread import font_sizes

from factsheet_pdf.languages import LANGUAGES


@pytest.mark.parametrize("paper", ["letter", "a4"])
@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_standard_two_pages_body_size(dist, lang, paper):
    path = pdf(dist, lang, "standard", paper)
    assert "Pages:           2" in tool("pdfinfo", str(path))
    sizes = Counter(font_sizes(path))
    body = sizes.most_common(1)[0][0]
    assert 12 <= body <= 14


def test_reproducible(dist, tmp_path):
    from conftest import run_cli

    code, _, err = run_cli("build", "--lang", "en,zh-Hans", "--out", str(tmp_path))
    assert code == 0, err
    for f in tmp_path.glob("*.pdf"):
        assert f.read_bytes() == (dist / f.name).read_bytes(), f.name
