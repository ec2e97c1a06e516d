"""The translator workflow: extraction, update round trip, fuzzy, status, strict and draft."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest
from babel.messages.pofile import read_po
from conftest import ROOT, make_workspace, run_cli, tool
from pdfread import struct_lines

# What ships: every catalog in the repository's locales/, whatever sheets and languages it holds.
POS = sorted((ROOT / "locales").glob("*/LC_MESSAGES/*.po"))
ES = Path("locales/es/LC_MESSAGES/treatment-failure.po")


@pytest.mark.parametrize("po", POS, ids=lambda p: p.relative_to(ROOT / "locales").as_posix())
def test_msgfmt_check(po, tmp_path):
    """Every shipped catalog passes msgfmt --check."""
    subprocess.run(["msgfmt", "--check", "-o", str(tmp_path / "x.mo"), str(po)], check=True)


def test_shipped_templates_are_current(tmp_path):
    """Every shipped template is what `factsheet i18n extract` makes of the shipped content
    (checked on a copy: extraction writes templates)."""
    ws = tmp_path / "ws"
    for d in ("content", "locales"):
        shutil.copytree(ROOT / d, ws / d, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "factsheet.toml", ws / "factsheet.toml")
    pots = {p.name: p.read_bytes() for p in (ws / "locales").glob("*.pot")}
    assert pots
    code, _, err = run_cli("i18n", "extract", cwd=ws)
    assert code == 0, err
    assert {n: (ws / "locales" / n).read_bytes() for n in pots} == pots


def test_template_is_current_and_pybabel_agrees(tmp_path):
    ws = make_workspace(tmp_path)
    pot = ws / "locales" / "treatment-failure.pot"
    before = pot.read_bytes()
    code, _, err = run_cli("i18n", "extract", cwd=ws)
    assert code == 0, err
    assert pot.read_bytes() == before
    cfg = tmp_path / "babel.cfg"
    cfg.write_text("[factsheet: **.yaml]\n")
    out = tmp_path / "pybabel.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "-F", str(cfg),
                    "-o", str(out), "--no-wrap", "content"], cwd=ws, check=True,
                   capture_output=True)

    def msgs(path):
        with open(path, "rb") as f:
            return {(m.context, m.id, tuple(m.locations), " ".join(m.auto_comments))
                    for m in read_po(f) if m.id}

    ours, theirs = msgs(pot), msgs(out)
    assert len(ours) == 43  # the sheet's own units; labels are shared strings
    assert ours == theirs


def test_update_round_trip_is_byte_identical(repo_copy):
    before = {p: p.read_bytes() for p in repo_copy.glob("locales/**/*.po*")}
    code, out, err = run_cli("i18n", "update", cwd=repo_copy)
    assert code == 0, err
    assert all("unchanged" in ln for ln in out.splitlines())
    assert {p: p.read_bytes() for p in before} == before


def test_changed_english_kept_as_fuzzy_removed_obsolete(repo_copy):
    content = repo_copy / "content" / "treatment-failure.yaml"
    text = content.read_text()
    text = text.replace("heading: What is treatment failure?",
                        "heading: What does treatment failure mean?")
    text = text.replace("      - id: testing.see-also\n        xref: (See fact sheet on Changing "
                        "My HIV Treatment Regimen.)\n", "")
    content.write_text(text)
    assert run_cli("i18n", "update", cwd=repo_copy)[0] == 0
    po = (repo_copy / ES).read_text()
    entry = po.split('\nmsgctxt "failure.heading"')[1].split("\n\n")[0]
    assert "#, fuzzy" in po.split('\nmsgctxt "failure.heading"')[0].rsplit("\n\n", 1)[1]
    assert '#| msgid "What is treatment failure?"' in po
    assert "¿Qué es el fracaso del tratamiento?" in entry
    assert '#~ msgctxt "testing.see-also"' in po
    code, out, _ = run_cli("i18n", "status", cwd=repo_copy)
    row = next(ln.split() for ln in out.splitlines() if ln.split()[:1] == ["es"])
    assert row[1:5] == ["41", "1", "0", "1"]
    # strict build fails for es at the fuzzy entry's PO line, others still build
    code, out, err = run_cli("build", "--lang", "es,en", "--variant", "standard", "--paper",
                             "letter", "--out", str(repo_copy / "dist"), cwd=repo_copy)
    assert code == 1
    assert f"{ES}:" in err and "fuzzy translation for 'failure.heading'" in err
    assert not (repo_copy / "dist" / "treatment-failure.es.standard.letter.pdf").exists()
    assert (repo_copy / "dist" / "treatment-failure.en.standard.letter.pdf").exists()


def test_draft_falls_back_to_english_tagged_and_marked(repo_copy):
    po = repo_copy / ES
    text = po.read_text()
    text = text.replace('msgstr "Tratamiento del VIH"', 'msgstr ""')
    po.write_text(text)
    out_dir = repo_copy / "dist"
    code, out, err = run_cli("build", "--lang", "es", "--variant", "standard", "--paper", "a4",
                             "--draft", "--out", str(out_dir), cwd=repo_copy)
    assert code == 0, err
    assert "warning: missing translation for 'series'" in err
    path = out_dir / "drafts" / "treatment-failure.es.standard.a4.pdf"
    assert not (out_dir / "treatment-failure.es.standard.a4.pdf").exists()
    lines = struct_lines(path)
    assert lines[1] == '  P [en] "HIV Treatment"'
    assert "BORRADOR" in tool("pdftotext", str(path), "-")
    import json

    manifest = json.loads((out_dir / "manifest.json").read_text())
    assert manifest["outputs"][0]["draft"] is True
    assert manifest["outputs"][0]["path"] == "drafts/treatment-failure.es.standard.a4.pdf"
    with pikepdf.open(path) as p:
        assert str(p.Root.Lang) == "es"
        assert str(p.docinfo["/Title"]).startswith("Borrador: ")
    # a complete language built with --draft is final: no mark, not in drafts/
    code, out, err = run_cli("build", "--lang", "fr", "--variant", "standard", "--paper", "a4",
                             "--draft", "--out", str(out_dir), cwd=repo_copy)
    final = out_dir / "treatment-failure.fr.standard.a4.pdf"
    assert code == 0 and final.exists()
    assert "BROUILLON" not in tool("pdftotext", str(final), "-")
    # a later final build of the same output removes its draft
    po.write_text(po.read_text().replace('msgid "HIV Treatment"\nmsgstr ""',
                                         'msgid "HIV Treatment"\nmsgstr "Tratamiento del VIH"'))
    code, _, err = run_cli("build", "--lang", "es", "--variant", "standard", "--paper", "a4",
                           "--out", str(out_dir), cwd=repo_copy)
    assert code == 0, err
    assert not path.exists() and (out_dir / path.name).exists()


@pytest.mark.parametrize("bad,problem", [
    ('<b>Tratamiento</b> del VIH', None),
    ('[Tratamiento](http://evil.example) del VIH', "inline markup differs"),
    ('**Tratamiento del VIH', "unclosed bold"),
])
def test_translation_is_data_not_markup(repo_copy, bad, problem):
    po = repo_copy / ES
    po.write_text(po.read_text().replace('msgstr "Tratamiento del VIH"', f'msgstr "{bad}"'))
    out_dir = repo_copy / "dist"
    code, _, err = run_cli("build", "--lang", "es", "--variant", "standard", "--paper",
                           "letter", "--out", str(out_dir), cwd=repo_copy)
    if problem is None:  # ReportLab tags print literally
        assert code == 0, err
        raw = tool("pdftotext", str(out_dir / "treatment-failure.es.standard.letter.pdf"), "-")
        assert "<b>Tratamiento</b> del VIH" in raw
    else:
        assert code == 1 and problem in err and f"{ES}:" in err


def test_placeholders_and_numbers_checked(repo_copy):
    po = repo_copy / ES
    head, entry = po.read_text().split('msgctxt "contact.text"')
    msgid, rest = entry.split("msgstr", 1)
    text = head + 'msgctxt "contact.text"' + msgid + "msgstr" + rest.replace(
        "{phone}", "1-800-000-0000", 1)
    text = text.replace("48 semanas", "40 semanas")
    po.write_text(text)
    code, _, err = run_cli("check", "--lang", "es", cwd=repo_copy)
    assert code == 1
    assert "placeholders differ" in err and "numbers changed or missing: 48" in err


def test_package_shared_strings_are_current_complete_and_in_gettext_form(tmp_path):
    """data/common.pot is what tools/update_common.py makes of common.yaml; every shipped
    common.po translates every entry and is what msgcat would write."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("update_common",
                                                  ROOT / "tools" / "update_common.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    from factsheet_pdf.i18n import catalogs, pofile

    data = ROOT / "src" / "factsheet_pdf" / "data"
    assert pofile.encode(mod.template()) == (data / "common.pot").read_bytes()
    pos = sorted(data.glob("locales/*/LC_MESSAGES/common.po"))
    assert len(pos) == 12  # the shipped languages but English
    for po in pos:
        st = catalogs.status("x", catalogs.read(po), mod.template())
        assert st.fuzzy == st.untranslated == 0, (po, st)
        cat = subprocess.run(["msgcat", str(po)], capture_output=True, check=True).stdout
        assert cat == po.read_bytes(), po
        subprocess.run(["msgfmt", "--check", "-o", str(tmp_path / "x.mo"), str(po)], check=True)
