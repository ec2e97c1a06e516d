"""Bad input: file:line:col diagnostics, exit 1, no traceback, no PDF; usage errors exit 2."""

from __future__ import annotations

import pytest
from conftest import run_cli

CASES = [
    ("title: {id: title, text: HIV Treatment Failure}",
     "title: {id: title, text: [HIV Treatment Failure}", ":17:", "invalid YAML"),
    ("        paragraph: >-\n          Treatment failure happens",
     "        paragraf: >-\n          Treatment failure happens", ":30:", "unknown key 'paragraf'"),
    ("series: {id: series, text: HIV Treatment}",
     "series: {id: series, text: HIV **Treatment}", ":16:32", "unclosed bold"),
    ("  phone: 1-800-448-0440\n", "", ":", "contact text must contain {phone} exactly once"),
    # the page marks' short title (issue 21): validated like every key
    ("title: {id: title, text: HIV Treatment Failure}",
     "title: {id: title, text: HIV Treatment Failure}\nshort_title: " + "Treatment " * 5,
     ":18:14", "short_title must be 40 characters or fewer (it is 49)"),
    ("title: {id: title, text: HIV Treatment Failure}",
     "title: {id: title, text: HIV Treatment Failure}\nshort_title: '  '", ":18:14",
     "short_title is empty"),
    ("title: {id: title, text: HIV Treatment Failure}",
     "title: {id: title, text: HIV Treatment Failure}\nshorttitle: Failure", ":18:1",
     "unknown key 'shorttitle' in fact sheet (did you mean 'short_title'?)"),
]


@pytest.mark.parametrize("old,new,where,message", CASES, ids=lambda v: str(v)[:20])
def test_bad_content(repo_copy, old, new, where, message):
    f = repo_copy / "content" / "treatment-failure.yaml"
    text = f.read_text()
    assert old in text
    f.write_text(text.replace(old, new, 1))
    code, out, err = run_cli("build", "--lang", "en", "--out", str(repo_copy / "dist"),
                             cwd=repo_copy)
    assert code == 1
    assert "Traceback" not in err
    assert f"content/treatment-failure.yaml{where}" in err and "error:" in err
    assert message in err
    assert not list((repo_copy / "dist").glob("*.pdf"))


@pytest.mark.parametrize("argv", [["build", "--lang", "xx"], ["build", "--variant", "huge"],
                                  ["build", "--paper", "legal"], ["nonsense"]])
def test_usage_errors(argv):
    code, _, err = run_cli(*argv)
    assert code == 2


def test_failed_output_keeps_its_previous_pdf_marked_stale(repo_copy):
    out_dir = repo_copy / "dist"
    assert run_cli("build", "--lang", "fr", "--variant", "standard", "--paper", "a4",
                   "--out", str(out_dir), cwd=repo_copy)[0] == 0
    pdf = out_dir / "treatment-failure.fr.standard.a4.pdf"
    before = pdf.read_bytes()
    po = repo_copy / "locales/fr/LC_MESSAGES/treatment-failure.po"
    po.write_text(po.read_text().replace('msgctxt "series"\nmsgid "HIV Treatment"\nmsgstr',
                                         'msgctxt "series"\nmsgid "HIV Treatment"\n#, fuzzy\nmsgstr'
                                         ).replace("#, fuzzy\nmsgstr", "msgstr", 0))
    text = po.read_text()
    po.write_text(text.replace('msgstr "Traitement du VIH"', 'msgstr ""'))
    code, _, err = run_cli("build", "--lang", "fr", "--variant", "standard", "--paper", "a4",
                           "--out", str(out_dir), cwd=repo_copy)
    assert code == 1
    assert pdf.read_bytes() == before
    import json

    entry = json.loads((out_dir / "manifest.json").read_text())["outputs"][0]
    assert entry["path"] == pdf.name
    assert "missing 'msgstr'" in entry["stale"]["reason"]
    assert entry["stale"]["last_good"] == entry["built"]
    assert "stale: kept from the build of" in err
