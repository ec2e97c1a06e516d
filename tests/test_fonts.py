"""Fonts: shipped as package data, workspace fonts picked up, coverage cached by content hash,
broken or CFF fonts reported with their path."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.t2CharStringPen import T2CharStringPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont

from factsheet_pdf import fonts
from factsheet_pdf.errors import FactsheetError
from factsheet_pdf.fonts import FontLibrary

ROOT = Path(__file__).resolve().parents[1]


def make_font(path: Path, family: str, chars, *, cff: bool = False, style: str = "Regular"):
    """A tiny real font (a box per character) drawing ``chars``, written to ``path``."""
    chars = sorted(set(chars))
    names = [".notdef"] + [f"u{ord(c):04X}" for c in chars]
    fb = FontBuilder(1000, isTTF=not cff)
    fb.setupGlyphOrder(names)
    fb.setupCharacterMap({ord(c): f"u{ord(c):04X}" for c in chars})
    if cff:
        strings = {}
        for n in names:
            pen = T2CharStringPen(600, None)
            pen.moveTo((50, 0)), pen.lineTo((50, 700)), pen.lineTo((550, 700))
            pen.lineTo((550, 0)), pen.closePath()
            strings[n] = pen.getCharString()
        fb.setupCFF(family.replace(" ", ""), {"FullName": family}, strings, {})
    else:
        glyphs = {}
        for n in names:
            pen = TTGlyphPen(None)
            pen.moveTo((50, 0)), pen.lineTo((50, 700)), pen.lineTo((550, 700))
            pen.lineTo((550, 0)), pen.closePath()
            glyphs[n] = pen.glyph()
        fb.setupGlyf(glyphs)
    fb.setupHorizontalMetrics({n: (600, 50) for n in names})
    fb.setupHorizontalHeader(ascent=800, descent=-200)
    fb.setupNameTable({"familyName": family, "styleName": style})
    fb.setupOS2(sTypoAscender=800, sTypoDescender=-200, usWinAscent=800, usWinDescent=200)
    fb.setupPost()
    path.parent.mkdir(parents=True, exist_ok=True)
    fb.save(str(path))
    return path


def shipped(rel: str) -> Path:
    return fonts.shipped_font_dir() / rel


def test_shipped_fonts_are_package_data():
    base = fonts.shipped_font_dir()
    assert (base / "noto-sans" / "NotoSans-Regular.ttf").is_file()
    from importlib.resources import files

    assert Path(str(files("factsheet_pdf.fontdata"))) == base
    source = (ROOT / "src/factsheet_pdf/fonts.py").read_text(encoding="utf-8")
    assert "__file__" not in source


def test_every_family_has_four_faces_with_fallbacks():
    lib = FontLibrary()
    fams = lib.families()
    assert list(fams)[:3] == ["noto-sans", "atkinson", "wqy-microhei"]
    assert {"noto-naskh-arabic", "noto-sans-devanagari", "noto-sans-myanmar", "ipagothic",
            "nanum-gothic"} <= set(fams)
    wqy = fams["wqy-microhei"]
    assert not wqy.has_bold and wqy.bold == wqy.regular == wqy.bold_italic
    atk = fams["atkinson"]
    assert atk.italic == atk.regular and atk.bold_italic == atk.bold != atk.regular
    for fam in fams.values():
        for face in fonts.FACES:
            assert fam.faces[face].path.is_file()


def test_coverage_matches_fonttools_and_soft_hyphen_uses_hyphen():
    lib = FontLibrary()
    cmap = TTFont(shipped("noto-sans/NotoSans-Regular.ttf"))["cmap"].getBestCmap()
    cov = lib.coverage("noto-sans")
    assert set(cmap) <= cov and cov - set(cmap) <= {0xAD}
    assert 0xAD in cov and ord("Ж") in cov and ord("中") not in cov
    assert ord("中") in lib.coverage("wqy-microhei")
    assert fonts.missing_glyphs("Añ\u00ad中ሰ\n", "noto-sans", ("regular", "bold")) == ["中", "ሰ"]


def test_registered_face_draws_soft_hyphen_with_hyphen_glyph():
    fam = fonts.register("noto-sans")
    from reportlab.pdfbase import pdfmetrics

    face = pdfmetrics.getFont(fonts.face_name(fam.key, "bold")).face
    assert face.charToGlyph[0xAD] == face.charToGlyph[0x2D]


def test_workspace_copy_of_shipped_font_replaces_its_face(tmp_path):
    ws = tmp_path / "fonts"
    ws.mkdir()
    shutil.copy(shipped("atkinson-hyperlegible/AtkinsonHyperlegible-Regular.ttf"),
                ws / "MyLegible.ttf")
    lib = FontLibrary(ws, display_root=tmp_path)
    fam = lib.family("atkinson")
    assert fam.origin == "replaced"
    assert fam.regular.path == ws / "MyLegible.ttf" and fam.regular.shown == "fonts/MyLegible.ttf"
    assert fam.bold.path.name == "AtkinsonHyperlegible-Bold.ttf"  # the shipped bold stays
    assert fam.italic == fam.regular
    # a new bold replaces the bold-italic fallback too (shipped Atkinson has no italics)
    shutil.copy(shipped("noto-sans/NotoSans-Bold.ttf"), ws / "x.ttf")
    tt = TTFont(ws / "x.ttf")
    for rec in tt["name"].names:
        if rec.nameID in (1, 16):
            rec.string = "Atkinson Hyperlegible"
    tt.save(ws / "x.ttf")
    fam = FontLibrary(ws, display_root=tmp_path).family("atkinson")
    assert fam.bold.shown == fam.bold_italic.shown == "fonts/x.ttf"
    assert fam.regular.shown == "fonts/MyLegible.ttf"


def test_workspace_font_is_a_new_family_chosen_by_coverage(tmp_path):
    ethiopic = "ሰላምአማርኛ"
    make_font(tmp_path / "fonts" / "sub" / "ethi.ttf", "Test Ethiopic",
              ethiopic + "abcdefghijklmnopqrstuvwxyz -")
    lib = FontLibrary(tmp_path / "fonts", display_root=tmp_path)
    assert "test-ethiopic" in lib.families()
    fam = lib.family("test-ethiopic")
    assert fam.origin == "workspace" and not fam.has_bold and fam.bold == fam.regular
    assert lib.choose("ሰላም abc", ["noto-sans"]) == ("test-ethiopic", [])
    key, miss = lib.choose("ሰላም ABC", ["noto-sans"])
    assert miss  # no family draws both: the one missing the fewest, with what it misses
    # ReportLab embeds it: draw a page and read the font back with an independent tool.
    from reportlab.pdfgen.canvas import Canvas

    lib.register("test-ethiopic")
    out = tmp_path / "t.pdf"
    c = Canvas(str(out))
    c.setFont("test-ethiopic-regular", 12)
    c.drawString(72, 720, "ሰላም abc")
    c.save()
    listing = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True).stdout
    assert re.search(r"\+\S*Ethiopic\S*\s+TrueType.*\byes yes\b", listing), listing  # subset


@pytest.mark.parametrize("data", [b"", b"\x00\x01\x00\x00garbage", "truncated"])
def test_corrupt_font_is_a_located_error(tmp_path, data):
    ws = tmp_path / "fonts"
    ws.mkdir()
    if data == "truncated":
        data = shipped("noto-sans/NotoSans-Regular.ttf").read_bytes()[:3000]
    (ws / "Broken.ttf").write_bytes(data)
    with pytest.raises(FactsheetError) as e:
        FontLibrary(ws, display_root=tmp_path).families()
    assert str(e.value).startswith("fonts/Broken.ttf: error: cannot read font: ")


def test_missing_font_file_is_a_located_error(tmp_path):
    with pytest.raises(FactsheetError, match=r"^/\S*nothere.ttf: error: font file is missing"):
        fonts.font_info(tmp_path / "nothere.ttf")


def test_cff_font_is_a_clear_error(tmp_path):
    make_font(tmp_path / "fonts" / "Post.otf", "Post Script", "abc", cff=True)
    with pytest.raises(FactsheetError) as e:
        FontLibrary(tmp_path / "fonts", display_root=tmp_path).families()
    msg = str(e.value)
    assert msg.startswith("fonts/Post.otf: error: font 'Post Script' has PostScript (CFF)")
    assert "TrueType" in msg


def test_coverage_is_cached_by_content_hash(tmp_path, monkeypatch):
    calls = []
    real = fonts._parse

    def counting(data):
        calls.append(hashlib.sha256(data).hexdigest())
        return real(data)

    monkeypatch.setattr(fonts, "_parse", counting)
    monkeypatch.setattr(fonts, "_by_hash", {})
    monkeypatch.setattr(fonts, "_hash_of", {})
    src = shipped("atkinson-hyperlegible/AtkinsonHyperlegible-Bold.ttf")
    a, b = tmp_path / "a" / "A.ttf", tmp_path / "b" / "Other name.ttf"
    for p in (a, b):
        p.parent.mkdir()
        shutil.copy(src, p)
    cache = tmp_path / "cache"
    first = fonts.font_info(a, cache)
    assert fonts.font_info(b, cache) == first  # same bytes, other path: not read again
    assert len(calls) == 1
    digest = hashlib.sha256(src.read_bytes()).hexdigest()
    stored = json.loads((cache / f"font-{digest}.json").read_text(encoding="utf-8"))
    assert stored[0]["family"] == "Atkinson Hyperlegible"
    monkeypatch.setattr(fonts, "_by_hash", {})  # a new process: the disk cache answers
    assert fonts.font_info(a, cache) == first
    assert len(calls) == 1
    b.write_bytes(shipped("noto-sans/NotoSans-Bold.ttf").read_bytes())  # new bytes: re-read
    assert fonts.font_info(b, cache)[0].family == "Noto Sans"
    assert len(calls) == 2


def test_coverage_and_languages_do_not_import_reportlab():
    code = ("import sys; from factsheet_pdf import languages as l, fonts as f; "
            "assert l.font_for('de', 'large-print', 'Grüße') == 'atkinson'; "
            "assert f.missing_glyphs('中', 'noto-sans') == ['中']; "
            "assert not [m for m in sys.modules if m.startswith('reportlab')], 'reportlab'")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                       env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"})
    assert r.returncode == 0, r.stderr


def test_repository_fonts_folder_is_not_a_second_copy():
    """This repository is a workspace whose fonts/ holds the shipped files: nothing replaced."""
    lib = FontLibrary(ROOT / "fonts", display_root=ROOT)
    assert {f.origin for f in lib.families().values()} == {"shipped"}


def test_font_versions_from_name_table():
    versions = dict(fonts.font_versions())
    assert set(versions) >= {"Noto Sans", "Atkinson Hyperlegible", "WenQuanYi Micro Hei"}
    expected = TTFont(shipped("noto-sans/NotoSans-Regular.ttf"))["name"].getDebugName(5)
    assert versions["Noto Sans"] == expected.split(";")[0] and ";" in expected


def test_a_font_file_is_parsed_once_per_process_for_all_its_faces():
    """The Chinese family's four faces are one .ttc member: ReportLab parses it once (it took
    26 MiB and 0.1 s a parse), and every face name draws with that one font."""
    code = """
import collections
from reportlab.pdfbase import pdfmetrics, ttfonts
seen = collections.Counter()
init = ttfonts.TTFontFace.__init__
def counting(self, filename, *a, **k):
    seen[str(filename)] += 1
    init(self, filename, *a, **k)
ttfonts.TTFontFace.__init__ = counting
from factsheet_pdf import fonts
lib = fonts.FontLibrary()
lib.register("wqy-microhei"); lib.register("noto-sans"); lib.register("wqy-microhei")
faces = {id(pdfmetrics.getFont(fonts.face_name("wqy-microhei", f))) for f in fonts.FACES}
print(max(seen.values()), len(faces))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["1", "1"], out


def test_shipped_font_info_is_what_the_fonts_say():
    """fonts/font-info.json (tools/font_info.py) holds, for every shipped font file, its size
    and what fontTools reads from it: a build uses it instead of parsing the shipped fonts."""
    import json

    base = fonts.shipped_font_dir()
    recorded = json.loads((base / fonts.SHIPPED_INFO).read_text(encoding="utf-8"))
    files = sorted({r for s in fonts.SHIPPED.values() for r in s.files})
    assert sorted(recorded) == files, "run python tools/font_info.py"
    for rel in files:
        data = (base / rel).read_bytes()
        size, infos = recorded[rel]
        assert size == len(data), f"{rel}: run python tools/font_info.py"
        assert fonts._from_json(json.dumps(infos)) == fonts._parse(data), rel


def test_a_shipped_font_is_not_parsed(monkeypatch, tmp_path):
    """Its information comes from font-info.json; a copy elsewhere (a workspace's fonts/) or a
    shipped path whose size changed is parsed as any font is."""
    import shutil

    def refuse(data):
        raise AssertionError("parsed")

    base = fonts.shipped_font_dir()
    rel = fonts.SHIPPED["noto-sans"].files[0]
    monkeypatch.setattr(fonts, "_by_hash", {})
    monkeypatch.setattr(fonts, "_hash_of", {})
    parse = fonts._parse
    monkeypatch.setattr(fonts, "_parse", refuse)
    info = fonts.font_info(base / rel)
    assert 0x41 in info[0].cmap and info[0].family == "Noto Sans"
    copy = tmp_path / "NotoSans-Regular.ttf"
    shutil.copy(base / rel, copy)
    with pytest.raises(fonts.FactsheetError, match="parsed"):
        fonts.font_info(copy)
    monkeypatch.setattr(fonts, "_parse", parse)
    assert fonts.font_info(copy) == info
