"""Machine-checkable Matterhorn conditions that apply to our documents, and the pdfua checker."""

from __future__ import annotations

import re
import subprocess
import sys

import pikepdf
import pytest
from conftest import matrix, pdf, tool

# The session's PDFs by default, all 32 under -m slow.
CASES = matrix("lang", "variant", "paper")


@pytest.mark.parametrize("lang,variant,paper", CASES)
def test_catalog_and_metadata(dist, lang, variant, paper):
    with pikepdf.open(pdf(dist, lang, variant, paper)) as p:
        root = p.Root
        assert str(root.Lang) == lang                                   # 11-001
        assert bool(root.MarkInfo.Marked) is True                       # 01-001
        assert bool(root.ViewerPreferences.DisplayDocTitle) is True     # 07-001/002
        assert "/StructTreeRoot" in root and "/Outlines" in root        # 01, bookmarks
        xmp = root.Metadata.read_bytes().decode("utf-8")
        assert re.search(r"<pdfuaid:part>1</pdfuaid:part>", xmp)        # 06-002
        title = str(p.docinfo.Title)
        assert title and f">{title}<" in xmp.replace("&amp;", "&")      # 06-003
        if variant == "large-print":
            assert "(" in title                                          # variant in the title
        for page in p.pages:
            assert "/StructParents" in page


@pytest.mark.parametrize("lang,variant,paper", CASES)
def test_fonts_embedded_subset_unicode(dist, lang, variant, paper):
    out = tool("pdffonts", str(pdf(dist, lang, variant, paper)))
    rows = out.splitlines()[2:]
    assert rows
    for row in rows:
        cols = row.split()
        name, emb, sub, uni = cols[0], cols[-5], cols[-4], cols[-3]
        assert (emb, sub, uni) == ("yes", "yes", "yes"), row             # 31-001..
        assert "+" in name


def test_headings_and_links(dist):
    with pikepdf.open(pdf(dist)) as p:
        roles = []

        def walk(e):
            roles.append(str(e.S))
            kids = e.K if isinstance(e.K, pikepdf.Array) else [e.K]
            for k in kids:
                if isinstance(k, pikepdf.Dictionary) and "/S" in k:
                    walk(k)

        for k in p.Root.StructTreeRoot.K:
            walk(k)
        heads = [r for r in roles if re.fullmatch(r"/H\d", r)]
        assert heads[0] == "/H1" and set(heads[1:]) == {"/H2"}          # 14-002/003
        annots = [a for page in p.pages for a in page.get("/Annots", [])]
        # the source's guidelines address, the contact line's phone number (tel:) and web site
        assert len(annots) == 3 and roles.count("/Link") == 3
        for page in p.pages:
            if "/Annots" in page:
                assert page.Tabs == "/S"                                  # 28-011? Tabs
        for a in annots:
            assert a.Subtype == "/Link" and int(a.F) & 4                 # print flag
            assert str(a.Contents)                                        # 28-004
            assert "/StructParent" in a                                   # 28-002 (via OBJR)


def pdfua_findings(path) -> list[str]:
    """What the pdfua checker from PyPI says of a PDF: [] when no errors and no warnings."""
    res = subprocess.run([sys.executable, "-m", "pdfua", "check", str(path)],
                         capture_output=True, text=True)
    if res.returncode == 0 and "errors=0 warnings=0" in res.stdout:
        return []
    return [res.stdout + res.stderr]


@pytest.mark.parametrize("lang,variant,paper", CASES)
def test_pdfua_checker_no_findings(dist, lang, variant, paper):
    """The pdfua checker from PyPI: no errors and, stricter than it is, no warnings."""
    assert pdfua_findings(pdf(dist, lang, variant, paper)) == []
