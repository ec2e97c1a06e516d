"""The clinic's contact block in real PDFs (issue 10): built with the CLI, read back with
pikepdf, poppler (pdfinfo, pdftoppm) and zbarimg.

Two sample profiles: the shipped full one (sites/riverside.yaml) and a minimal one
(tests/sites/minimal.yaml); a long one (tests/sites/long.yaml) for the page budget.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest
from conftest import LANGS as FIXTURE_LANGS
from conftest import ROOT, SHEET, WORKSPACE, run_cli, tool
from pdfread import font_sizes, mcid_fonts, mcid_texts, unmarked_operations

from factsheet_pdf import fonts, shared
from factsheet_pdf.languages import LANGUAGES
from factsheet_pdf.site.hours import format_hours
from factsheet_pdf.site.profile import load_site
from factsheet_pdf.site.strings import package_translator

PROFILES = {
    "riverside": WORKSPACE / "sites" / "riverside.yaml",
    "minimal": ROOT / "tests" / "sites" / "minimal.yaml",
}
LONG = ROOT / "tests" / "sites" / "long.yaml"
LANGS = ("en", "es", "fr", "ru", "zh-Hans")
CASES = [(site, lang, variant) for site in PROFILES for lang in LANGS
         for variant in ("standard", "large-print")]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site-dist")
    args = ["build", "--out", str(out), "--lang", ",".join(LANGS), "--paper", "letter"]
    for path in PROFILES.values():
        args += ["--site", str(path)]
    code, _, err = run_cli(*args)
    assert code == 0, err
    return out


def output(dist: Path, site: str, lang: str, variant: str, paper: str = "letter") -> Path:
    return dist / site / f"{SHEET}.{lang}.{variant}.{paper}.pdf"


def family(lang: str, variant: str) -> str:
    language = LANGUAGES[lang]
    return language.large_font if variant == "large-print" else language.standard_font


def has_glyph_of(lang: str, variant: str):
    cov = fonts.coverage(family(lang, variant), "regular")
    return lambda ch: ord(ch) in cov


# -- reading the structure ---------------------------------------------------------------------

def _kids(e):
    k = e.get("/K")
    if k is None:
        return []
    return list(k) if isinstance(k, pikepdf.Array) else [k]


def _walk(e):
    yield e
    for k in _kids(e):
        if isinstance(k, pikepdf.Dictionary) and "/S" in k:
            yield from _walk(k)


def contact_sect(pdf, heading: str):
    """The Sect whose H2 reads ``heading`` (the contact block's)."""
    texts = mcid_texts(pdf)
    for e in _walk(pdf.Root.StructTreeRoot.K[0]):
        if e.S == "/Sect":
            h = next((k for k in _kids(e) if isinstance(k, pikepdf.Dictionary)
                      and k.get("/S") == "/H2"), None)
            if h is not None and squash(element_text(h, texts)) == squash(heading):
                return e, texts
    raise AssertionError(f"no Sect with heading {heading!r}")


def marked(e, texts) -> list[tuple[tuple[int, int], str]]:
    """((page number, MCID), text) of every marked-content sequence under ``e``."""
    out = []
    pg = e.get("/Pg")
    for k in _kids(e):
        if isinstance(k, int):
            out.append(((pg.objgen, k), texts.get((pg.objgen, k), "")))
        elif isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/MCR":
            out.append(((k.Pg.objgen, int(k.MCID)), texts.get((k.Pg.objgen, int(k.MCID)), "")))
        elif isinstance(k, pikepdf.Dictionary) and "/S" in k:
            out += marked(k, texts)
    return out


def element_text(e, texts) -> str:
    return "".join(t for _, t in sorted(marked(e, texts)))


def squash(text: str) -> str:
    """Text without white space or soft hyphens (line ends differ between scripts)."""
    return re.sub(r"[\s\u00ad]", "", text)


def in_order(text: str, parts: list[str]) -> bool:
    pos = 0
    for p in parts:
        i = text.find(squash(p), pos)
        if i < 0:
            return False
        pos = i + len(squash(p))
    return True


# -- the tests -------------------------------------------------------------------------------

@pytest.mark.parametrize("site,lang,variant", CASES)
def test_block_text_in_reading_order(built, site, lang, variant):
    profile = load_site(PROFILES[site])
    translate = package_translator(lang)
    has_glyph = has_glyph_of(lang, variant)
    hours = format_hours(profile.hours, lang, profile.region, translate, has_glyph)
    heading = translate("site.heading", "Your clinic")
    with pikepdf.open(output(built, site, lang, variant)) as pdf:
        sect, texts = contact_sect(pdf, heading)
        text = squash("".join(t for _, t in sorted(marked(sect, texts))))
        roles = [str(k.S) for k in _kids(sect) if isinstance(k, pikepdf.Dictionary)]
        national = "1-800-448-0440"  # the sheet's own contact line (also: yes)
        assert in_order(text, [heading, profile.name, *(n.shown for n in profile.phones),
                               *profile.address, *hours,
                               *([profile.url] if profile.url else []),
                               *([national] if profile.also else [])]), text
        assert (national in text) == profile.also
        if site == "riverside":
            # the interpreter line only where the clinic does not speak the language
            interp = squash(translate("site.interpreter", shared.unit("site.interpreter").text))
            assert (interp in text) == (lang not in ("en", "es")), lang
            # the QR code, then its caption, last
            assert roles[0] == "/H2" and roles[-2:] == ["/Figure", "/P"], roles
            # the logo comes first, unless a tight language had to leave it out (a warning)
            logo_dropped = any("logo" in w for w in manifest_warnings(built, site, lang,
                                                                      variant))
            assert (roles[1] == "/Figure") != logo_dropped, roles
        else:
            assert roles == ["/H2", "/P"], roles
        # CLDR's narrow/thin spaces only where the font has them
        for ch in "\u202f\u2009":
            assert ch not in text or has_glyph(ch)
        # nothing the other sheets' contact block said is left but the national line
        assert ("AIDSinfo" in text) == profile.also


def manifest_warnings(built, site, lang, variant) -> list[str]:
    import json

    doc = json.loads((built / "manifest.json").read_text())
    return next(e["warnings"] for e in doc["outputs"]
                if e["site"] == site and e["lang"] == lang and e["variant"] == variant)


@pytest.mark.parametrize("lang", ["en", "ru", "zh-Hans"])
def test_sheet_own_block_replaced(built, lang):
    """With a profile the sheet's own contact block (its heading) is gone from the page."""
    with pikepdf.open(output(built, "minimal", lang, "standard")) as pdf:
        roles = [str(e.S) for e in _walk(pdf.Root.StructTreeRoot.K[0])]
        assert roles.count("/Sect") >= 1
        texts = mcid_texts(pdf)
        everything = squash("".join(texts.values()))
    assert "AIDSinfo" not in everything  # minimal: also is no


@pytest.mark.parametrize("site,lang,variant", CASES)
def test_links(built, site, lang, variant):
    profile = load_site(PROFILES[site])
    want = {n.tel for n in profile.phones}
    if profile.url:
        want |= {profile.url, f"mailto:{profile.email}"}
    found = {}
    with pikepdf.open(output(built, site, lang, variant)) as pdf:
        links = {}
        for e in _walk(pdf.Root.StructTreeRoot.K[0]):
            if e.S == "/Link":
                for k in _kids(e):
                    if isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/OBJR":
                        links[k.Obj.objgen] = e
        for page in pdf.pages:
            for a in page.get("/Annots", []):
                uri = str(a.A.URI)
                found[uri] = a
                assert str(a.Contents).strip()
                assert "/StructParent" in a
                assert a.objgen in links, uri  # the annotation belongs to a Link element
    assert want <= set(found), (want, set(found))
    tels = {n.tel for n in profile.phones}
    assert tels <= {"tel:+1-617-555-0142", "tel:+1-800-448-0440"}
    assert {u for u in found if u.startswith("tel:")} == tels | (
        {"tel:+1-800-448-0440"} if profile.also else set())  # the sheet's own number


def _figures(pdf):
    return [e for e in _walk(pdf.Root.StructTreeRoot.K[0]) if e.S == "/Figure"]


@pytest.mark.parametrize("lang,variant", [("en", "standard"), ("zh-Hans", "standard"),
                                          ("ru", "large-print")])
def test_figures_have_alt_and_marked_drawing(built, lang, variant):
    profile = load_site(PROFILES["riverside"])
    path = output(built, "riverside", lang, variant)
    with pikepdf.open(path) as pdf:
        figs = _figures(pdf)
        alts = [str(f.Alt) for f in figs]
        assert len(figs) == 2, alts
        translated = package_translator(lang)("site.logo-alt", "Logo of {name}")
        assert alts[0] == (profile.logo_alt_in(lang) or translated.replace("{name}",
                                                                           profile.name))
        assert lang == "en" or alts[0] != profile.logo_alt_in("en")  # never English elsewhere
        assert profile.url in alts[1] and alts[1] != profile.url
        assert alts[1] == package_translator(lang)("site.qr-alt", shared.unit("site.qr-alt").text).replace("{url}", profile.url)
        # each Figure's marked content paints something (an image, a filled path)
        for fig in figs:
            page = pikepdf.Page(fig.Pg)
            mcid = int(_kids(fig)[0])
            depth, inside, painted = 0, None, set()
            for operands, op in pikepdf.parse_content_stream(page):
                op = str(op)
                if op == "BDC" and isinstance(operands[1], pikepdf.Dictionary) \
                        and int(operands[1].get("/MCID", -1)) == mcid:
                    inside, depth = str(operands[0]), 1
                    continue
                if inside and op in ("BDC", "BMC"):
                    depth += 1
                elif inside and op == "EMC":
                    depth -= 1
                    if depth == 0:
                        break
                elif inside:
                    painted.add(op)
            assert inside == "/Figure"
            assert painted & {"f", "f*", "Do"}, painted
    assert unmarked_operations(path) == []


@pytest.mark.parametrize("lang,variant", [("en", "standard"), ("ru", "standard"),
                                          ("zh-Hans", "standard"), ("en", "large-print")])
def test_qr_code_decodes_to_the_url(built, lang, variant, tmp_path):
    if shutil.which("zbarimg") is None:
        if os.environ.get("CI"):
            pytest.fail("zbarimg (zbar-tools) is missing")
        pytest.skip("zbarimg (zbar-tools) is not installed")
    profile = load_site(PROFILES["riverside"])
    path = output(built, "riverside", lang, variant)
    last = int(re.search(r"Pages:\s+(\d+)", tool("pdfinfo", str(path))).group(1))
    tool("pdftoppm", "-r", "300", "-gray", "-f", str(last), "-l", str(last), "-png", str(path),
         str(tmp_path / "page"))
    (png,) = tmp_path.glob("page*.png")
    res = subprocess.run(["zbarimg", "--raw", "-q", "-Sdisable", "-Sqrcode.enable", str(png)],
                         capture_output=True, text=True, check=False)
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip().splitlines() == [profile.url]


@pytest.mark.parametrize("site", list(PROFILES))
def test_large_print_sizes(built, site):
    for lang in ("en", "ru", "zh-Hans"):
        sizes = font_sizes(output(built, site, lang, "large-print"))
        assert sizes and min(sizes) >= 18.0, (lang, min(sizes))


@pytest.mark.parametrize("site,lang,variant", [("riverside", "en", "standard"),
                                               ("riverside", "zh-Hans", "large-print"),
                                               ("minimal", "ru", "standard")])
def test_pdfua_checker(built, site, lang, variant):
    res = subprocess.run([sys.executable, "-m", "pdfua", "check",
                          str(output(built, site, lang, variant))],
                         capture_output=True, text=True, check=False)
    assert res.returncode == 0, res.stdout + res.stderr
    assert "errors=0 warnings=0" in res.stdout, res.stdout


def test_pages_in_the_manifest(built):
    manifest = json.loads((built / "manifest.json").read_text())
    entries = [e for e in manifest["outputs"] if e["variant"] == "standard"]
    assert len(entries) == len(PROFILES) * len(LANGS)
    assert {e["pages"] for e in entries} == {2}


def test_every_language_fits_with_the_full_and_a_long_profile(tmp_path):
    """The standard variant keeps its two pages in every shipped language, on both papers,
    with everything in the block (riverside) and with a long name, URL and address."""
    code, _, err = run_cli("build", "--out", str(tmp_path), "--variant", "standard",
                           "--site", str(PROFILES["riverside"]), "--site", str(LONG))
    assert code == 0, err
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    pages = {(e["site"], e["lang"], e["paper"]): e["pages"] for e in manifest["outputs"]}
    assert len(pages) == 2 * len(FIXTURE_LANGS) * 2
    assert set(pages.values()) == {2}, {k: v for k, v in pages.items() if v != 2}
    for lang in FIXTURE_LANGS:
        out = tool("pdfinfo", str(output(tmp_path, "long", lang, "standard", "a4")))
        assert re.search(r"Pages:\s+2\n", out)


def test_degrade_steps_shrink_the_block():
    """FIT_STEPS: the QR code shrinks to MIN_SIZE (never below), then the logo goes; each step
    leaves the panel no higher and the text no narrower than the one before."""
    import dataclasses

    from factsheet_pdf.build import prepare
    from factsheet_pdf.compose import compose
    from factsheet_pdf.load import load_sheet
    from factsheet_pdf.render.pdf.contact import FIT_STEPS, ContactPanel
    from factsheet_pdf.render.pdf.story import _Builder
    from factsheet_pdf.render.pdf.styles import STANDARD_CANDIDATES, make_styles
    from factsheet_pdf.site.qr import MIN_SIZE
    from factsheet_pdf.variants import VARIANTS
    from factsheet_pdf.workspace import find

    profile = load_site(PROFILES["riverside"])
    lang = "ru"
    font = family(lang, "standard")
    fonts.register(font)
    styles = make_styles(VARIANTS["standard"], STANDARD_CANDIDATES[0], font, None, False, True)
    ws = find(WORKSPACE)
    sheet, _ = prepare(ws, load_sheet(WORKSPACE / "content" / f"{SHEET}.yaml"), lang, False)
    doc = compose(sheet, "standard", site=profile)
    heights, roles = [], []
    for fit in FIT_STEPS:
        assert fit.qr_size >= MIN_SIZE
        params = dataclasses.replace(STANDARD_CANDIDATES[0], contact=fit)
        builder = _Builder(doc, VARIANTS["standard"], params, styles, font,
                           has_glyph_of(lang, "standard"))
        (panel,) = builder.clinic(doc.contact)
        assert isinstance(panel, ContactPanel)
        _, h = panel.wrap(7.3 * 72, 10_000)
        heights.append(h)
        roles.append([e.role for e in builder.tree.root.walk() if e.role == "Figure"])
        if panel.b.qr is not None:
            assert panel.b.qr.width == fit.qr_size
    assert heights == sorted(heights, reverse=True), heights
    assert roles[0] == ["Figure", "Figure"] and roles[-1] == ["Figure"]
    assert FIT_STEPS[-1].qr_size == MIN_SIZE and not FIT_STEPS[-1].logo


# -- what patients act on is not the smallest print (issue 21) -------------------------------

@pytest.mark.parametrize("site,lang,variant", CASES)
def test_contact_block_at_least_12_pt_or_the_body(built, site, lang, variant):
    """Every glyph of the clinic's block: 12 pt or more in the standard variant, the body
    size (18 pt) or more in large print."""
    heading = package_translator(lang)("site.heading", "Your clinic")
    with pikepdf.open(output(built, site, lang, variant)) as pdf:
        sect, _ = contact_sect(pdf, heading)
        fonts_at = mcid_fonts(pdf)
        sizes = [size for key, _ in marked(sect, {}) for size, _ in fonts_at.get(key, [])]
    assert sizes and min(sizes) >= (18.0 if variant == "large-print" else 12.0), min(sizes)


def _qr_box(page):
    """The QR code's bounding box on a pdfplumber page (its modules are small filled
    squares), or None."""
    mods = [r for r in page.rects if r["width"] < 6 and abs(r["width"] - r["height"]) < 0.01]
    if len(mods) < 50:
        return None
    return (min(r["x0"] for r in mods), min(r["top"] for r in mods),
            max(r["x1"] for r in mods), max(r["bottom"] for r in mods))


@pytest.mark.parametrize("lang,variant", [(lang, v) for lang in LANGS
                                          for v in ("standard", "large-print")])
def test_qr_code_captioned_in_the_sheets_language(built, lang, variant):
    """Under the QR code, the shared string site.qr-caption in the sheet's language (tagged
    as a P right after the code's Figure)."""
    import pdfplumber

    caption = package_translator(lang)("site.qr-caption", shared.unit("site.qr-caption").text)
    assert lang == "en" or caption != shared.unit("site.qr-caption").text
    path = output(built, "riverside", lang, variant)
    with pikepdf.open(path) as pdf:
        sect, texts = contact_sect(pdf, package_translator(lang)("site.heading", "Your clinic"))
        kids = [k for k in _kids(sect) if isinstance(k, pikepdf.Dictionary) and "/S" in k]
        assert [str(k.S) for k in kids[-2:]] == ["/Figure", "/P"]
        assert squash(element_text(kids[-1], texts)) == squash(caption)
    with pdfplumber.open(path) as doc:
        page = doc.pages[-1]
        box = _qr_box(page)
        assert box is not None
        x0, _, x1, bottom = box
        # standard: centred under the code, at most 1.6 in wide; large print: flush left
        mid, half = (x0 + x1) / 2, max(x1 - x0, 1.6 * 72) / 2 + 1
        under = [c for c in page.chars if bottom < c["top"] < bottom + 120 and (
            abs((c["x0"] + c["x1"]) / 2 - mid) < half if variant == "standard"
            else c["x0"] >= x0 - 18)]  # (the code has a quiet zone)
        under.sort(key=lambda c: (round(c["top"]), c["x0"]))
        assert squash("".join(c["text"] for c in under)).startswith(squash(caption)[:8]), (
            "".join(c["text"] for c in under))


def test_a_wide_logo_is_at_least_half_an_inch_tall(shapes_dist):
    """harbor's 600 x 200 px logo: 0.5 in tall or more in the standard variant (above the
    block's text), 1 in or more in large print."""
    import pdfplumber

    from conftest import shape_pdfs

    seen = 0
    for path in shape_pdfs(shapes_dist):
        if "harbor" not in path.parts:
            continue
        with pdfplumber.open(path) as doc:
            images = [im for page in doc.pages for im in page.images]
        assert len(images) == 1, path.name
        height = images[0]["height"]
        want = 72.0 if ".large-print." in path.name else 36.0
        assert height >= want - 0.01, (path.name, height)
        seen += 1
    assert seen >= 4
