"""The braille edition (issue 20): BRF files read back independently.

Each BRF is parsed as a file (form feeds, CR LF lines, braille ASCII), its cells compared with
liblouis's own forward translation of the composed document's text with the same table (no
word lost, none added), English back-translated by liblouis and compared word for word with
the composed text, its geometry measured (40 cells, 25 lines, page numbers in sequence). And
the outcomes: liblouis missing (simulated with ``FACTSHEET_LIBLOUIS``), a bad table, a language
without a table, incremental builds, a repaired manifest. The default run builds English and
Spanish; the other languages with a table are marked slow.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import SHEET, make_workspace, run_cli

from factsheet_pdf import louis
from factsheet_pdf.render.braille import brf
from factsheet_pdf.render.braille.cells import FALLBACK

L = louis.available()
pytestmark = pytest.mark.skipif(L is None, reason="liblouis is not installed "
                                "(apt-get install liblouis20 liblouis-data)")
TABLES = {"en": "en-ueb-g2.ctb", "es": "es-g1.ctb", "fr": "fr-bfu-comp6.utb",
          "pt-BR": "pt-pt-g1.utb", "ru": "ru-litbrl.ctb", "vi": "vi-vn-g1.ctb",
          "zh-Hans": "zhcn-g1.ctb"}
"""The fixture workspace's languages with a default table (ht has none)."""
BLANK = "\u2800"
PDF = f"{SHEET}.en.standard.letter.pdf"


def brf_path(out: Path, lang: str) -> Path:
    return out / "braille" / f"{SHEET}.{lang}.brf"


def build(ws: Path, *args: str):
    return run_cli("--root", str(ws), "build", "--quiet", *args, cwd=ws)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The fixture workspace: English and Spanish BRFs and the English standard letter PDF."""
    ws = make_workspace(tmp_path_factory.mktemp("braille"))
    code, _, err = build(ws, "--formats", "braille,pdf", "--lang", "en,es", "--variant",
                         "standard", "--paper", "letter")
    assert code == 0, err
    return ws


# -- reading a BRF, independently of the renderer --------------------------------------------

def pages_of(data: bytes) -> list[list[str]]:
    """Pages (form feed separated) of lines (CR LF terminated), in braille ASCII."""
    text = data.decode("ascii")
    pages = text.split("\f")
    out = []
    for p in pages:
        assert p.endswith("\r\n"), "every line ends with CR LF"
        lines = p[:-2].split("\r\n")
        assert not any("\n" in ln or "\r" in ln for ln in lines)
        out.append(lines)
    return out


def body_lines(pages: list[list[str]]) -> list[str]:
    """The text lines in Unicode braille: without the page number (line 25), the running head
    (line 1 from page 2) and box lines."""
    out = []
    for k, lines in enumerate(pages, 1):
        body = lines[:24]
        if k > 1:
            body = body[1:]
        for ln in body:
            cells = brf.to_unicode(ln).strip(" " + BLANK)
            if cells and set(cells) != {"⠶"}:
                out.append(cells)
    return out


def words(cells: str) -> list[str]:
    return [w for w in re.split(f"[ {BLANK}]+", cells) if w]


def same_words(got: list[str], want: list[str]) -> None:
    """``got`` is ``want`` but for words divided at a line's end (a long address): each
    wanted word is one got word or several in a row, joined."""
    i = 0
    for w in want:
        part = got[i] if i < len(got) else ""
        i += 1
        while part != w and len(part) < len(w) and i < len(got) and w.startswith(part):
            part += got[i]
            i += 1
        assert part == w, (part, w, i)
    assert i == len(got), got[i:]


# -- the composed text, walked here (not with the renderer's walk) ----------------------------

def composed(ws: Path, lang: str, sid: str = SHEET):
    from factsheet_pdf.build import prepare
    from factsheet_pdf.compose import compose
    from factsheet_pdf.library import dial, load_library
    from factsheet_pdf.workspace import find

    w = find(ws)
    lib = load_library(w)
    sheet, _ = prepare(w, dial(lib.sheets[sid], w.settings.region), lang, False)
    return compose(sheet, "braille", fmt="braille")


def runs(spans, emphasis: str | None = "") -> list[tuple[str, bool, str]]:
    """(text, uncontracted, emphasis) of spans: web and e-mail addresses are written letter
    by letter; a link whose text is not its address is followed by it in brackets; print
    emphasis is kept (``emphasis=None``: not, as in headings)."""
    out: list[tuple[str, bool, str]] = []
    for s in spans:
        if s.kind == "text":
            out.append((s.text, False, emphasis or ""))
        elif s.kind in ("bold", "italic"):
            out += runs(s.children, None if emphasis is None else s.kind)
        elif s.kind == "link" and s.href.startswith(("http:", "https:", "mailto:")):
            text = "".join(t for t, _, _ in runs(s.children))
            address = s.href.removeprefix("mailto:")
            e = emphasis or ""
            if text.rstrip("/") in (address.rstrip("/"), address.split("://")[-1]):
                out += [(t, True, e) for t, _, e in runs(s.children, emphasis)]
            else:
                out += runs(s.children, emphasis) + [(" (", False, e), (address, True, e),
                                                     (")", False, e)]
        else:
            out += runs(s.children, emphasis)
    return out


def pieces(doc) -> list[list[tuple[str, bool]]]:
    """The document's text in reading order: series, title, the transcriber's note, the rest
    of the band, the sections (list items with their markers), the glossary (each term with
    its definition), the contact block (its figures left out)."""
    band = [n for n in doc.band if n.kind in ("series", "title")]
    out = [runs(n.spans, None) for n in band]
    out.append([(doc.label("transcriber-note"), False, "")])
    out += [runs(n.spans) for n in doc.band if n not in band]

    def walk(n, plain: bool = False) -> None:
        if n.role == "Figure":
            return
        if n.kind == "entry":
            term, definition = n.children
            out.append(runs(term.spans, None) + runs(definition.spans))
        elif n.role == "LI" and n.children and n.children[0].kind == "marker":
            marker, body = n.children
            mark = [("".join(t for t, _, _ in runs(marker.spans)) + " ", False, "")]
            paras = [body] if body.spans else list(body.children)
            out.append(mark + runs(paras[0].spans))
            out.extend(runs(p.spans) for p in paras[1:])
        elif n.spans:
            headed = n.role in ("H1", "H2", "H3") or plain
            out.append(runs(n.spans, None if headed else ""))
        else:
            for c in n.children:
                walk(c, plain or n.kind == "table-groups")

    for region, nodes in doc.regions():
        if region != "band":
            for top in nodes:
                walk(top)
    return out


def liblouis_cells(table: str, piece: list[tuple[str, bool, str]]) -> str:
    """liblouis's translation of one piece (characters the table lacks in their plain form,
    format characters dropped, no-break spaces as spaces: the renderer's documented input;
    addresses uncontracted, emphasis in the table's emphasis classes)."""
    import unicodedata

    text, typeform = "", []
    for t, plain, emph in piece:
        bits = (louis.NO_CONTRACT if plain else 0) | (L.emphasis(table, emph) if emph else 0)
        for c in t:
            if unicodedata.category(c) == "Cf":
                continue
            c = " " if c in "\u00a0\u202f" else c
            if c in FALLBACK and L.translate(table, c)[0] != L.translate(table, c,
                                                                            undefined=True)[0]:
                c = FALLBACK[c]
            text += c
            typeform += [bits] * len(c)
    lead = len(text) - len(text.lstrip())
    return L.translate(table, text.strip(), typeform[lead:lead + len(text.strip())])[0]


def lang_params():
    return [pytest.param(lang, marks=() if lang in ("en", "es") else pytest.mark.slow)
            for lang in TABLES]


@pytest.fixture(scope="module")
def all_langs(tmp_path_factory) -> Path:
    ws = make_workspace(tmp_path_factory.mktemp("braille-all"))
    code, _, err = build(ws, "--formats", "braille", "--lang", ",".join(TABLES))
    assert code == 0, err
    return ws


def workspace_for(lang: str, request) -> Path:
    return request.getfixturevalue("built" if lang in ("en", "es") else "all_langs")


# -- the tests -----------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", lang_params())
def test_brf_text_is_liblouis_translation_of_the_composed_text(lang, request):
    ws = workspace_for(lang, request)
    data = brf_path(ws / "dist", lang).read_bytes()
    got = words(BLANK.join(body_lines(pages_of(data))))
    doc = composed(ws, lang)
    want = words(BLANK.join(liblouis_cells(TABLES[lang], p) for p in pieces(doc)))
    same_words(got, want)  # no word lost, none added, none moved


@pytest.mark.parametrize("lang", lang_params())
def test_geometry(lang, request):
    ws = workspace_for(lang, request)
    data = brf_path(ws / "dist", lang).read_bytes()
    assert all(0x20 <= b <= 0x5F or b in b"\r\n\f" for b in data), "braille ASCII only"
    assert not data.endswith(b"\f") and b"\r\n\f" in data
    pages = pages_of(data)
    assert len(pages) >= 2
    for k, lines in enumerate(pages, 1):
        assert len(lines) == 25, k
        assert all(len(ln) <= 40 for ln in lines), k
        number = brf.to_ascii(L.translate(TABLES[lang], str(k))[0])
        assert lines[24] == number.rjust(40), (k, lines[24])  # bottom right
        if k > 1:  # the running head: the title, centred
            assert lines[0].strip() and lines[0].startswith("   ")
    entry = json.loads((ws / "dist" / "manifest.json").read_text())["outputs"]
    e = next(e for e in entry if e["path"] == f"braille/{SHEET}.{lang}.brf")
    assert (e["format"], e["variant"], e["paper"], e["pages"]) == ("braille", None, None,
                                                                    len(pages))


def test_first_page_formats(built):
    """Title centred on line 2 below the series, the transcriber's note in 7-5 after a blank
    line, the source line as a paragraph (cell 3), a centred heading with blank lines."""
    page = pages_of(brf_path(built / "dist", "en").read_bytes())[0]

    def ascii_(text: str) -> str:
        return brf.to_ascii(L.translate("en-ueb-g2.ctb", text)[0])

    title = ascii_("HIV Treatment Failure")
    assert page[1] == " " * ((40 - len(title)) // 2) + title
    assert page[2] == ""
    assert page[3].startswith(" " * 6 + ascii_("Transcriber’s"))
    assert page[4].startswith(" " * 4) and page[4][4] != " "
    heading = ascii_("What is treatment failure?")
    at = next(i for i, ln in enumerate(page) if ln.strip() == heading)
    assert page[at - 1] == page[at + 1] == "" and page[at + 2].startswith("  ,")


def test_english_back_translation_matches_the_composed_text(built):
    """liblouis reads the English BRF back word for word (apostrophes normalised); phone
    numbers and web addresses exactly."""
    data = brf_path(built / "dist", "en").read_bytes()
    cells = BLANK.join(body_lines(pages_of(data)))
    back = L.back_translate("en-ueb-g2.ctb", cells)
    doc = composed(built, "en")
    text = " ".join("".join(t for t, _, _ in p) for p in pieces(doc))
    addresses = [t for p in pieces(doc) for t, plain, _ in p if plain]
    assert "http://aidsinfo.nih.gov" in addresses
    norm = str.maketrans({"’": "'", "\u00a0": " "})
    # liblouis 3.24 reads UEB's colon after a letter (http:) as the cc groupsign and the S of
    # "U.S." as the wordsign "so" (the README lists both); the addresses are checked below
    known = {"U.So.": "U.S."}
    got = [known.get(w, w) for w in back.translate(norm).split()]
    want = text.translate(norm).split()
    assert len(got) == len(want)
    diff = [(g, w) for g, w in zip(got, want) if g != w]
    assert all(any(a in w for a in addresses) for _, w in diff), diff
    assert "1-800-448-0440" in got
    for address in addresses:  # written uncontracted: read back letter for letter
        mine = L.translate("en-ueb-g2.ctb", address, [louis.NO_CONTRACT] * len(address))[0]
        assert mine in cells
        assert L.back_translate("en-ueb-g1.ctb", mine) == address


def test_rebuild_skips_and_a_changed_catalog_rebuilds_the_brf(tmp_path):
    ws = make_workspace(tmp_path)
    args = ("--formats", "braille", "--lang", "en,es")
    assert build(ws, *args)[0] == 0
    es, en = brf_path(ws / "dist", "es"), brf_path(ws / "dist", "en")
    before = {p: p.stat().st_mtime_ns for p in (es, en)}
    code, out, _ = run_cli("--root", str(ws), "build", *args, cwd=ws)
    assert code == 0 and "0 built" in out and "2 up to date" in out
    po = ws / "locales" / "es" / "LC_MESSAGES" / f"{SHEET}.po"
    po.write_text(po.read_text().replace("Fracaso del tratamiento", "Fallo del tratamiento"))
    code, out, _ = run_cli("--root", str(ws), "build", *args, cwd=ws)
    assert code == 0 and "1 built" in out
    assert en.stat().st_mtime_ns == before[en] and es.stat().st_mtime_ns != before[es]
    # same inputs, same bytes
    first = es.read_bytes()
    assert build(ws, *args, "--force")[0] == 0
    assert es.read_bytes() == first


def test_a_brf_missing_from_a_repaired_manifest_is_rebuilt(tmp_path):
    ws = make_workspace(tmp_path)
    args = ("--formats", "braille,pdf", "--lang", "en", "--variant", "standard", "--paper",
            "letter")
    assert build(ws, *args)[0] == 0
    (ws / "dist" / "manifest.json").write_text("{ damaged")
    code, out, err = run_cli("--root", str(ws), "build", *args, cwd=ws)
    assert code == 0, err
    assert "was damaged" in err
    assert f"braille/{SHEET}.en.brf" in out  # built again: a BRF carries no identity
    entries = json.loads((ws / "dist" / "manifest.json").read_text())["outputs"]
    assert {e["path"]: e["fingerprint"] != "" for e in entries} == {
        f"braille/{SHEET}.en.brf": True, PDF: True}


def test_missing_liblouis_named_on_the_command_line_is_one_error_after_the_pdfs(
        tmp_path, monkeypatch):
    ws = make_workspace(tmp_path)
    monkeypatch.setenv(louis.LIB_ENV, str(tmp_path / "no-liblouis.so.20"))
    code, out, err = run_cli("--root", str(ws), "build", "--formats", "pdf,braille", "--lang",
                             "en", "--variant", "standard", "--paper", "letter", cwd=ws)
    assert code == 1
    lines = [ln for ln in err.splitlines() if "braille" in ln or "liblouis" in ln]
    assert lines == ["factsheet: error: braille: liblouis is not installed (apt-get install "
                     "liblouis20 liblouis-data, or brew install liblouis); no BRF made"], err
    assert (ws / "dist" / PDF).is_file() and not (ws / "dist" / "braille").exists()


def test_missing_liblouis_from_the_settings_is_a_warning(tmp_path, monkeypatch):
    ws = make_workspace(tmp_path)
    toml = ws / "factsheet.toml"
    text = re.sub(r"(?m)^formats = .*$", "", toml.read_text())
    toml.write_text(text + '\nformats = ["pdf", "braille"]\n')
    monkeypatch.setenv(louis.LIB_ENV, str(tmp_path / "no-liblouis.so.20"))
    code, out, err = run_cli("--root", str(ws), "build", "--lang", "en", "--variant",
                             "standard", "--paper", "letter", cwd=ws)
    assert code == 0, err
    assert "factsheet: warning: braille: liblouis is not installed" in err
    assert (ws / "dist" / PDF).is_file()


def test_a_bad_table_is_an_error_at_its_line_and_the_pdfs_are_intact(tmp_path):
    ws = make_workspace(tmp_path)
    args = ("--formats", "braille,pdf", "--lang", "en,es", "--variant", "standard",
            "--paper", "letter")
    assert build(ws, *args)[0] == 0
    pdf_before = (ws / "dist" / PDF).read_bytes()
    es_before = brf_path(ws / "dist", "es").read_bytes()
    toml = ws / "factsheet.toml"
    lines = toml.read_text().splitlines() + ["", "[braille]", 'es = "es-g9.ctb"']
    toml.write_text("\n".join(lines) + "\n")
    for command in (("build", *args), ("check", "--lang", "en,es")):
        code, _, err = run_cli("--root", str(ws), *command, cwd=ws)
        assert code == 1
        assert f"factsheet.toml:{len(lines)}:6: error: braille table 'es-g9.ctb' for es " \
               "cannot be read by liblouis" in err, err
    assert (ws / "dist" / PDF).read_bytes()[:5] == b"%PDF-" != pdf_before[:0]  # rebuilt (the
    # settings are an input of every output), not failed
    assert brf_path(ws / "dist", "es").read_bytes() == es_before  # kept, marked stale
    entry = next(e for e in json.loads((ws / "dist" / "manifest.json").read_text())["outputs"]
                 if e["path"] == f"braille/{SHEET}.es.brf")
    assert entry["stale"] and "es-g9.ctb" in entry["stale"]["reason"]


def test_an_override_is_used_and_fingerprinted(tmp_path):
    ws = make_workspace(tmp_path)
    args = ("--formats", "braille", "--lang", "es")
    assert build(ws, *args)[0] == 0
    g1 = brf_path(ws / "dist", "es").read_bytes()
    toml = ws / "factsheet.toml"
    toml.write_text(toml.read_text() + '\n[braille]\nes = "es-g2.ctb"\n')
    code, out, err = run_cli("--root", str(ws), "build", *args, cwd=ws)
    assert code == 0 and "1 built" in out, err
    assert brf_path(ws / "dist", "es").read_bytes() != g1


def test_a_language_without_a_table_is_said_in_one_line(tmp_path):
    ws = make_workspace(tmp_path)
    code, out, err = run_cli("--root", str(ws), "build", "--formats", "braille,pdf", "--lang",
                             "en,ht", "--variant", "standard", "--paper", "letter", cwd=ws)
    assert code == 0, err
    said = [ln for ln in err.splitlines() if "ht" in ln and "braille" in ln]
    assert said == ["factsheet: warning: braille: no braille table for ht (Haitian Creole): "
                    "no BRF for it (name a liblouis table under [braille] in factsheet.toml)"]
    assert not brf_path(ws / "dist", "ht").exists() and brf_path(ws / "dist", "en").exists()
    assert (ws / "dist" / f"{SHEET}.ht.standard.letter.pdf").is_file()
    code, out, err = run_cli("--root", str(ws), "check", cwd=ws)
    assert code == 0 and "no braille table for ht (Haitian Creole)" in err


SCRIPTS = {"ar": "ar-ar-g1.utb", "hi": "hi-in-g1.utb", "am": "ethio-g1.ctb", "my": "my-g1.utb",
           "bn": "be-in-g1.utb", "he": "he-IL.utb", "km": "km-g1.utb", "ko": "ko-g2.ctb",
           "ne": "np-in-g1.utb", "pa": "pu-in-g1.utb", "zh-Hans": "zhcn-g1.ctb"}
"""tests/fixtures/scripts' languages with a default table (fa, ur, th, lo, ja have none)."""


@pytest.fixture(scope="module")
def scripts(tmp_path_factory) -> Path:
    ws = make_workspace(tmp_path_factory.mktemp("braille-scripts"), "scripts")
    code, _, err = build(ws, "--formats", "braille")
    assert code == 0, err
    return ws


@pytest.mark.slow
@pytest.mark.parametrize("lang", SCRIPTS)
def test_every_script_language_with_a_table(lang, scripts):
    """The shipped languages of other scripts (and more): the BRF is liblouis's translation,
    within the geometry; right-to-left text is brailled in logical order (braille reads
    left to right)."""
    data = (scripts / "dist" / "braille" / f"mixed.{lang}.brf").read_bytes()
    pages = pages_of(data)
    assert all(len(p) == 25 and all(len(ln) <= 40 for ln in p) for p in pages)
    got = words(BLANK.join(body_lines(pages)))
    want = words(BLANK.join(liblouis_cells(SCRIPTS[lang], p)
                            for p in pieces(composed(scripts, lang, "mixed"))))
    same_words(got, want)


def test_tables_numbered_lists_and_notes(tmp_path):
    """tests/fixtures/library: a table as labelled rows, a numbered list with an item of two
    paragraphs, a note between box lines, a cross-reference; the text is liblouis's."""
    ws = make_workspace(tmp_path, "library")
    code, _, err = build(ws, "--formats", "braille", "--lang", "en")
    assert code == 0, err
    for sid in ("alpha", "beta"):
        pages = pages_of((ws / "dist" / "braille" / f"{sid}.en.brf").read_bytes())
        got = words(BLANK.join(body_lines(pages)))
        from factsheet_pdf.build import prepare
        from factsheet_pdf.compose import compose
        from factsheet_pdf.library import load_library
        from factsheet_pdf.workspace import find

        lib = load_library(find(ws))
        sheet, _ = prepare(find(ws), lib.sheets[sid], "en", False)
        doc = compose(sheet, "braille", fmt="braille",
                      xrefs={"beta": (lib.sheets["beta"].title, "")})
        same_words(got, words(BLANK.join(liblouis_cells(TABLES["en"], p)
                                         for p in pieces(doc))))
        lines = [ln for page in pages for ln in page]
        if sid == "alpha":
            boxes = [i for i, ln in enumerate(lines) if ln == "7" * 40]
            assert len(boxes) == 2 and lines[boxes[0] + 1] == "    ,REMEMB]"  # cell 5
            assert any(ln.startswith("#C4 ,ASK") for ln in lines)  # 1-3, with its number
        else:
            assert " ,R1D+ ROOM" in [f" {ln}" for ln in lines]  # a row's label in cell 1
            assert "  ,OP5+ H\\RS3 #I AM TO #E PM" in lines  # its cells in 3-5


def test_the_shelf_links_the_brf(built):
    shelf = (built / "dist" / "index.html").read_text()
    assert f'href="braille/{SHEET}.en.brf" type="text/plain">Braille (BRF)</a>' in shelf
    assert f'href="braille/{SHEET}.es.brf"' in shelf  # a language with only its BRF


def test_clinic_and_draft_paths(tmp_path):
    ws = make_workspace(tmp_path)
    code, _, err = build(ws, "--formats", "braille", "--lang", "en", "--site",
                         "sites/riverside.yaml")
    assert code == 0, err
    lines = body_lines(pages_of(brf_path(ws / "dist" / "riverside", "en").read_bytes()))
    back = L.back_translate("en-ueb-g2.ctb", BLANK.join(lines))
    assert "(617) 555-0142" in back  # the clinic's block, complete
    url = "https://riverside-health.example/hiv"
    cells = L.translate("en-ueb-g2.ctb", url, [louis.NO_CONTRACT] * len(url))[0]
    assert cells in "".join(lines)  # divided after a slash: the line ends with it
    assert any(ln.endswith("⠸⠌") and cells.startswith(ln.split(BLANK)[-1]) for ln in lines)
    email = "info@riverside-health.example"
    assert L.translate("en-ueb-g2.ctb", email, [louis.NO_CONTRACT] * len(email))[0] in \
        BLANK.join(lines)
    # a draft's BRF goes to drafts/ beside the final one's place
    po = ws / "locales" / "es" / "LC_MESSAGES" / f"{SHEET}.po"
    po.write_text(po.read_text().replace('msgstr "Fracaso del tratamiento contra el VIH"',
                                         'msgstr ""'))
    code, _, err = build(ws, "--formats", "braille", "--lang", "es", "--draft")
    assert code == 0, err
    assert (ws / "dist" / "braille" / "drafts" / f"{SHEET}.es.brf").is_file()
    shutil.rmtree(ws / "dist")


def test_braille_settings_are_checked_where_they_are(tmp_path):
    from factsheet_pdf.errors import FactsheetError
    from factsheet_pdf.workspace import read_settings

    toml = tmp_path / "factsheet.toml"
    toml.write_text('out = "dist"\n\n[braille]\nes = "es-g2.ctb"\npt-br = "pt-pt-g2.ctb"\n')
    st = read_settings(toml)
    assert st.braille == (("es", "es-g2.ctb"), ("pt-BR", "pt-pt-g2.ctb"))
    assert str(st.braille_loc("pt-BR")) == f"{toml}:5:9"
    toml.write_text('[braille]\nes = 3\n"not a tag" = "x.ctb"\n')
    with pytest.raises(FactsheetError) as e:
        read_settings(toml)
    said = [str(d) for d in e.value.diagnostics]
    assert said[0].startswith(f"{toml}:2:6: error: braille.es must be a liblouis table name")
    assert said[1].startswith(f"{toml}:3:1: error: braille: 'not a tag' is not a BCP 47")


def test_lines_and_pages_unit():
    from factsheet_pdf.render.braille import pages
    from factsheet_pdf.render.braille.cells import Word

    cell = "⠁"
    url = Word.of(cell * 30 + "⠸⠌" + cell * 10, (32,))
    lines = pages.wrap([cell * 5, url], 2, 2)
    assert lines == [BLANK * 2 + cell * 5, BLANK * 2 + cell * 30 + "⠸⠌",
                     BLANK * 2 + cell * 10]  # divided after its slash, nothing added
    assert all(len(ln) <= 40 for ln in pages.wrap([cell * 95], 0, 0))
    centred = pages.centre([cell * 20] * 3)
    assert all(len(ln) - len(ln.lstrip(BLANK)) >= 3 for ln in centred)
    # a heading on what would be the page's last line moves with the text after it
    text = [pages.Line(cell * 10)] * 23 + [pages.Line(cell * 8, keep=True), pages.Line(cell)]
    laid = pages.paginate(text, "", lambda n: "⠼" + "⠁⠃"[n - 1])
    assert laid[0][23] == "" and laid[1][0] == cell * 8 and laid[1][1] == cell
    assert all(len(p) == 25 for p in laid) and laid[1][24].endswith("⠼⠃")
