"""A library of sheets of any shape (tests/fixtures/library), read back from the PDFs.

alpha: one page, numbered list with a two-paragraph item, a note, a cross-reference to beta;
no glossary, no contact block. beta: up to three pages, series and source, a table, a glossary,
a contact block without a web address. Neither is the shipped sheet.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pikepdf
import pytest
from conftest import run_cli, tool
from pdfread import struct_lines

FIXTURE = Path(__file__).parent / "fixtures" / "library"


@pytest.fixture
def lib(tmp_path) -> Path:
    dest = tmp_path / "lib"
    shutil.copytree(FIXTURE, dest)
    return dest


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    dest = tmp_path_factory.mktemp("built") / "lib"
    shutil.copytree(FIXTURE, dest)
    code, out, err = run_cli("build", "--lang", "en", cwd=dest)
    assert code == 0, err
    return dest / "dist"


def _elements(path: Path):
    """(role, attributes dict, /Alt) of every structure element, in tree order."""
    out = []
    with pikepdf.open(path) as pdf:
        def walk(e):
            if not isinstance(e, pikepdf.Dictionary) or "/S" not in e:
                return
            a = e.get("/A")
            attrs = {str(k): str(v) for k, v in a.items()} if a is not None else {}
            out.append((str(e.S), attrs, str(e.get("/Alt", ""))))
            kids = e.get("/K")
            for k in (kids if isinstance(kids, pikepdf.Array) else [kids]):
                walk(k)
        walk(pdf.Root.StructTreeRoot.K[0] if isinstance(pdf.Root.StructTreeRoot.K, pikepdf.Array)
             else pdf.Root.StructTreeRoot.K)
    return out


def test_page_budgets(built):
    for paper in ("letter", "a4"):
        assert tool("pdfinfo", str(built / f"alpha.en.standard.{paper}.pdf")).count(
            "Pages:           1") == 1
        pages = int(tool("pdfinfo", str(built / f"beta.en.standard.{paper}.pdf")).split(
            "Pages:")[1].split()[0])
        assert 1 <= pages <= 3


def test_numbered_list_and_note(built):
    els = _elements(built / "alpha.en.standard.letter.pdf")
    lists = [a for r, a, _ in els if r == "/L"]
    assert {"/O": "/List", "/ListNumbering": "/Decimal"} in lists
    lines = struct_lines(built / "alpha.en.standard.letter.pdf")
    text = "\n".join(lines)
    assert 'Lbl "1."' in text and 'Lbl "3."' in text
    # the third item's two paragraphs are two P under one LBody
    i = next(n for n, ln in enumerate(lines) if 'Lbl "3."' in ln)
    assert lines[i + 1].strip() == "LBody"
    assert lines[i + 2].strip().startswith('P "Ask a staff member')
    assert lines[i + 3].strip().startswith('P "They will bring them')
    assert any(ln.strip() == 'H3 "Remember"' for ln in lines)


def test_table_is_tagged_as_a_table(built):
    els = _elements(built / "beta.en.standard.letter.pdf")
    roles = [r for r, _, _ in els]
    for role in ("/Table", "/THead", "/TBody", "/TR", "/TH", "/TD"):
        assert role in roles
    ths = [a for r, a, _ in els if r == "/TH"]
    assert len(ths) == 3 and all(a.get("/Scope") == "/Column" for a in ths)
    assert roles.count("/TD") == 9


def test_large_print_table_is_one_labelled_group_per_row(built):
    text = "\n".join(struct_lines(built / "beta.en.large-print.letter.pdf"))
    assert "Table" not in text
    assert 'Lbl "Reading room"' in text
    assert 'P "Opening hours: 9 am to 5 pm"' in text


def test_no_empty_elements_and_everything_tagged(built):
    from pdfread import unmarked_operations

    for pdf in sorted(built.glob("*.pdf")):
        assert unmarked_operations(pdf) == [], pdf.name
        with pikepdf.open(pdf) as p:
            def walk(e, path="Document"):
                if not isinstance(e, pikepdf.Dictionary) or "/S" not in e:
                    return
                kids = e.get("/K")
                assert kids is not None and (not isinstance(kids, pikepdf.Array) or len(kids)), \
                    f"{pdf.name}: empty {e.S}"
                for k in (kids if isinstance(kids, pikepdf.Array) else [kids]):
                    walk(k)
            walk(p.Root.StructTreeRoot.K)


def test_cross_reference_links_the_sibling_pdf(built):
    path = built / "alpha.en.standard.letter.pdf"
    with pikepdf.open(path) as pdf:
        annots = [a for page in pdf.pages for a in page.get("/Annots", [])]
        gotor = [a for a in annots if a.A.S == "/GoToR"]
        assert len(gotor) == 1
        assert str(gotor[0].A.F) == "beta.en.standard.letter.pdf"
        assert "Beta Test Sheet" in str(gotor[0].Contents)
    assert (built / "beta.en.standard.letter.pdf").exists()
    text = " ".join(tool("pdftotext", str(path), "-").split())
    assert "See the fact sheet: Beta Test Sheet" in text


def test_cross_reference_without_sibling_is_title_only(lib):
    code, _, err = run_cli("build", "alpha", "--lang", "en", "--variant", "standard",
                           "--paper", "a4", cwd=lib)
    assert code == 0, err
    path = lib / "dist" / "alpha.en.standard.a4.pdf"
    with pikepdf.open(path) as pdf:
        assert not [a for page in pdf.pages for a in page.get("/Annots", [])]
    assert "Beta Test Sheet" in tool("pdftotext", str(path), "-")


def test_unknown_cross_reference_is_an_error_at_its_line(lib):
    f = lib / "content" / "alpha.yaml"
    f.write_text(f.read_text().replace("xref: {sheet: beta}", "xref: {sheet: gamma}"))
    code, _, err = run_cli("build", "--lang", "en", "--variant", "standard", "--paper", "a4",
                           cwd=lib)
    assert code == 1
    assert "content/alpha.yaml:26:23:" in err and "unknown sheet 'gamma'" in err
    assert (lib / "dist" / "beta.en.standard.a4.pdf").exists()  # the others still build


def test_duplicate_sheet_ids_name_both_files(lib):
    shutil.copy(lib / "content" / "beta.yaml", lib / "content" / "beta-copy.yaml")
    code, _, err = run_cli("check", cwd=lib)
    assert code == 1
    assert "content/beta.yaml" in err and "sheet ids must be unique" in err


def test_pdfua_clean(built):
    from test_pdfua import pdfua_findings

    for name in ("alpha.en.standard.letter.pdf", "beta.en.standard.a4.pdf",
                 "beta.en.large-print.letter.pdf"):
        assert pdfua_findings(built / name) == [], name


def test_new_sheet_without_catalogs_builds_as_draft_and_strict_says_so_once(lib):
    fr = lib / "locales" / "fr" / "LC_MESSAGES"
    fr.mkdir(parents=True)
    (fr / "placeholder.po").write_text("")  # the workspace has a French folder
    code, _, err = run_cli("build", "alpha", "--lang", "fr", "--variant", "standard",
                           "--paper", "a4", cwd=lib)
    assert code == 1
    assert err.count("no fr catalog for sheet 'alpha'") == 1
    code, _, err = run_cli("build", "alpha", "--lang", "fr", "--draft", "--variant", "standard",
                           "--paper", "a4", cwd=lib)
    assert code == 0, err
    path = lib / "dist" / "drafts" / "alpha.fr.standard.a4.pdf"
    with pikepdf.open(path) as pdf:
        assert str(pdf.docinfo["/Title"]).startswith("Brouillon: ")
    manifest = json.loads((lib / "dist" / "manifest.json").read_text())
    entry = next(e for e in manifest["outputs"] if e["path"] == "drafts/alpha.fr.standard.a4.pdf")
    assert entry["draft"] is True and entry["site"] is None and entry["stale"] is None
    assert set(entry) >= {"path", "sheet", "lang", "variant", "paper", "site", "draft", "stale",
                          "fingerprint", "pages", "bytes", "sha256", "warnings"}


def test_init_language_uses_translation_memory(lib):
    assert run_cli("i18n", "extract", cwd=lib)[0] == 0
    code, out, err = run_cli("i18n", "init", "es", "beta", cwd=lib)
    assert code == 0, err
    po = lib / "locales" / "es" / "LC_MESSAGES" / "beta.po"
    text = po.read_text()
    # translate beta's "Room" header and title in es, then start alpha in es: nothing shared
    # with alpha but the cross-reference default... so give alpha a unit beta translated.
    text = text.replace('msgid "Library card"\nmsgstr ""', 'msgid "Library card"\n'
                        'msgstr "Tarjeta de la biblioteca"')
    po.write_text(text)
    alpha = lib / "content" / "alpha.yaml"
    alpha.write_text(alpha.read_text().replace(
        "      - id: steps.see\n",
        "      - id: steps.card\n        paragraph: Library card\n      - id: steps.see\n"))
    code, out, err = run_cli("i18n", "init", "es", "alpha", cwd=lib)
    assert code == 0, err
    assert "1 pre-filled from translation memory" in out
    text = (lib / "locales" / "es" / "LC_MESSAGES" / "alpha.po").read_text()
    entry = text.split('msgctxt "steps.card"')[0].rsplit("\n\n", 1)[1]
    assert "#, fuzzy" in entry and "Translation memory: from locales/es/LC_MESSAGES/beta.po" \
        in entry
    assert 'msgstr "Tarjeta de la biblioteca"' in text


def test_commands_report_every_sheet_and_go_on(lib):
    (lib / "content" / "broken.yaml").write_text("sheet: broken\nlang: en\ntitle: [\n")
    code, out, err = run_cli("build", "--lang", "en", "--variant", "standard", "--paper",
                             "letter", cwd=lib)
    assert code == 1
    assert "content/broken.yaml:" in err and "invalid YAML" in err
    assert (lib / "dist" / "alpha.en.standard.letter.pdf").exists()
    code, out, err = run_cli("i18n", "extract", cwd=lib)
    assert code == 1 and "content/broken.yaml:" in err
    assert (lib / "locales" / "alpha.pot").exists() and (lib / "locales" / "beta.pot").exists()


def test_common_is_a_reserved_sheet_id(lib):
    f = lib / "content" / "alpha.yaml"
    f.write_text(f.read_text().replace("sheet: alpha", "sheet: common"))
    code, _, err = run_cli("check", cwd=lib)
    assert code == 1 and "reserved" in err


def test_workspace_common_po_overrides_a_shared_string(lib):
    code, out, err = run_cli("i18n", "override", "es", "label.subject", cwd=lib)
    assert code == 0, err
    po = lib / "locales" / "es" / "LC_MESSAGES" / "common.po"
    text = po.read_text()
    assert 'msgctxt "label.subject"' in text
    # translators reword it; only that entry changes, the rest still comes from the package
    import re

    text = re.sub(r'(msgctxt "label.subject"\nmsgid "Patient fact sheet"\nmsgstr )"[^"]*"',
                  r'\1"Hoja para pacientes de la biblioteca"', text)
    po.write_text(text)
    assert run_cli("i18n", "init", "es", "alpha", cwd=lib)[0] == 0
    alpha_po = lib / "locales" / "es" / "LC_MESSAGES" / "alpha.po"
    alpha_po.write_text(alpha_po.read_text().replace("#, fuzzy\n", ""))
    code, _, err = run_cli("build", "alpha", "--lang", "es", "--draft", "--variant", "standard",
                           "--paper", "a4", cwd=lib)
    assert code == 0, err
    path = next((lib / "dist").rglob("alpha.es.standard.a4.pdf"))
    with pikepdf.open(path) as pdf:
        assert "Hoja para pacientes de la biblioteca" in str(pdf.docinfo["/Subject"])
        assert (lib / "locales" / "es" / "LC_MESSAGES" / "common.po").exists()
