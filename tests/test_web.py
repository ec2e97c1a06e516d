"""The web edition and the print shelf, read back without a browser (tests/test_browser.py
opens them in one): structure (html.parser), escaping of hostile text, lang/dir, the CSP, the
manifest's web entries, links that resolve, incremental and byte-identical rebuilds, the shelf
at 10,000 outputs, ``factsheet clean``.

Fixtures: ``web_dist`` (tests/fixtures/web built: en, es, zh-Hans as a draft; a clinic and a
hostile clinic) and ``library_web`` (tests/fixtures/library: a table, a numbered list, a note,
a cross-reference), in conftest.py.
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import SHEET, make_workspace, run_cli

import factsheet_pdf
from factsheet_pdf.render.html import CSP
from factsheet_pdf.render.html.escape import esc, inline_json, safe_href
from factsheet_pdf.shelf.page import render_shelf
from factsheet_pdf.shelf.rows import Names, group

VOID = {"meta", "link", "img", "br", "input", "hr", "source", "wbr"}
SRC = str(Path(factsheet_pdf.__file__).resolve().parent.parent)


class Tree(HTMLParser):
    """Elements as (tag, attrs, parents); fails on a tag closed out of order or left open."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict]] = []
        self.elements: list[tuple[str, dict, tuple[str, ...]]] = []
        self.text: list[tuple[str, tuple[str, ...], str]] = []  # (text, parents, lang)
        self.errors: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        self.elements.append((tag, a, tuple(t for t, _ in self.stack)))
        if tag not in VOID:
            self.stack.append((tag, a))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1][0] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1][0] if self.stack else None}")
            return
        self.stack.pop()

    def handle_data(self, data):
        lang = next((a["lang"] for _, a in reversed(self.stack) if "lang" in a), "")
        self.text.append((data, tuple(t for t, _ in self.stack), lang))


def parse(path: Path) -> Tree:
    t = Tree()
    t.feed(path.read_text(encoding="utf-8"))
    t.close()
    assert not t.errors, (path, t.errors)
    assert not t.stack, (path, t.stack)
    return t


def tags(t: Tree, name: str) -> list[dict]:
    return [a for tag, a, _ in t.elements if tag == name]


def pages(out: Path) -> list[Path]:
    return sorted(p for p in out.rglob("*.html") if p.name != "index.html")


def manifest(out: Path) -> dict[str, dict]:
    doc = json.loads((out / "manifest.json").read_text())
    assert doc["schema"] == 2
    return {e["path"]: e for e in doc["outputs"]}


# -- the web edition ------------------------------------------------------------------------------

def test_every_page_is_listed_with_its_format(web_dist):
    entries = manifest(web_dist)
    web = {p for p, e in entries.items() if e["format"] == "html"}
    assert web == {p.relative_to(web_dist).as_posix() for p in pages(web_dist)}
    assert {f"{SHEET}.en.html", f"{SHEET}.es.large-print.html",
            f"drafts/{SHEET}.zh-Hans.html", f"hostile/{SHEET}.es.html"} <= web
    for p in web:
        e = entries[p]
        assert e["pages"] is None and e["paper"] is None and len(e["sha256"]) == 64
        assert e["draft"] == ("drafts/" in p)
    assert all(e["format"] == "pdf" for p, e in entries.items() if p.endswith(".pdf"))


@pytest.mark.parametrize("name", [f"{SHEET}.en.html", f"{SHEET}.es.large-print.html",
                                  f"drafts/{SHEET}.zh-Hans.html",
                                  f"riverside/{SHEET}.es.html", f"hostile/{SHEET}.en.html"])
def test_structure(web_dist, name):
    t = parse(web_dist / name)
    order = [tag for tag, _, _ in t.elements]
    assert order[:2] == ["html", "head"]
    assert [tag for tag in order if tag in ("header", "main", "aside", "footer")] == [
        "header", "main", "aside", "footer"]
    first_link = next(a for tag, a, _ in t.elements if tag == "a")
    assert first_link == {"class": "skip", "href": "#main"}
    assert tags(t, "main") == [{"id": "main", "tabindex": "-1"}]
    levels = [int(tag[1]) for tag, _, _ in t.elements if re.fullmatch(r"h[1-6]", tag)]
    assert levels.count(1) == 1 and levels[0] == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:])), levels
    # the glossary: a dl of dt/dd pairs inside the aside
    dl = [(tag, parents) for tag, _, parents in t.elements if tag in ("dt", "dd")]
    assert dl and all("aside" in parents and parents[-1] == "dl" for _, parents in dl)
    assert [tag for tag, _ in dl] == ["dt", "dd"] * (len(dl) // 2)
    assert tags(t, "ul") and all(parents[-1] in ("ul", "ol") for tag, _, parents in t.elements
                                 if tag == "li")
    assert not tags(t, "script") and not tags(t, "style")
    assert not [a for _, a, _ in t.elements if "style" in a or any(k.startswith("on") for k in a)]
    assert {"http-equiv": "Content-Security-Policy", "content": CSP} in tags(t, "meta")
    ids = [a["id"] for _, a, _ in t.elements if "id" in a]
    assert len(ids) == len(set(ids))


def test_contact_block_is_an_address_with_tel_mailto_and_the_qr_target(web_dist):
    t = parse(web_dist / f"riverside/{SHEET}.es.html")
    inside = [a["href"] for tag, a, parents in t.elements if tag == "a" and "address" in parents]
    assert "tel:+1-617-555-0142" in inside
    assert "mailto:info@riverside-health.example" in inside
    assert "https://riverside-health.example/hiv" in inside  # the QR code's target
    img = tags(t, "img")
    assert len(img) == 1 and img[0]["src"].startswith("data:image/png;base64,")
    # the profile's logo_alt is English; a Spanish page reads the shared string site.logo-alt
    assert img[0]["alt"] == "Logotipo de Riverside Community Health Center"


def test_tables_numbered_lists_notes_and_sibling_links(library_web):
    t = parse(library_web / "alpha.en.html")
    assert tags(t, "ol") and tags(t, "section")
    assert any(a.get("class") == "note" for a in tags(t, "section"))
    hrefs = [a["href"] for a in tags(t, "a")]
    assert "beta.en.html" in hrefs  # the cross-reference: the sibling's web page
    assert (library_web / "beta.en.html").is_file()
    beta = parse(library_web / "beta.en.html")
    ths = tags(beta, "th")
    assert ths and all(a == {"scope": "col"} for a in ths)
    assert tags(beta, "td")
    large = parse(library_web / "beta.en.large-print.html")
    assert not tags(large, "table") and any(a.get("class") == "groups" for a in tags(large, "ul"))


def test_lang_and_dir(web_dist):
    t = parse(web_dist / f"{SHEET}.es.html")
    html = tags(t, "html")[0]
    assert (html["lang"], html["dir"]) == ("es", "ltr")
    assert "v-standard" in html["class"] and "f-noto-sans" in html["class"]
    zh = parse(web_dist / f"drafts/{SHEET}.zh-Hans.large-print.html")
    assert (tags(zh, "html")[0]["lang"], tags(zh, "html")[0]["dir"]) == ("zh-Hans", "ltr")
    fallback = [text for text, _, lang in zh.text if "Treatment failure happens" in text]
    assert fallback and all(lang == "en" for text, _, lang in zh.text
                            if "Treatment failure happens" in text)
    assert [a for a in tags(zh, "p") if a.get("class") == "draft-mark"]
    assert tags(zh, "title") == [{}]
    assert "large-print.css" in [a["href"].rsplit("/", 1)[-1] for a in tags(zh, "link")]


def test_hostile_text_shows_literally_and_injects_nothing(web_dist):
    for p in [*pages(web_dist), *web_dist.rglob("index.html")]:
        raw = p.read_text(encoding="utf-8")
        t = parse(p)
        assert all(not k.startswith("on") for _, a, _ in t.elements for k in a), p
        assert [a.get("src", "") for a in tags(t, "img") if "src" in a] == [
            a["src"] for a in tags(t, "img")] and "src=x" not in [
            f"src={a['src']}" for a in tags(t, "img")], p
        assert all(not a.get("href", "").startswith("javascript") for a in tags(t, "a")), p
        if p.name != "index.html":
            assert "<script" not in raw, p
    es = parse(web_dist / f"hostile/{SHEET}.es.html")
    text = "".join(x for x, _, _ in es.text)
    assert "<script>alert('x')</script> \"><img src=x onerror=alert('y')> & </p>" in text
    assert "Clinic </script><script>alert('name')</script>" in text
    assert "\"><img src=x onerror=alert('address')>" in text
    assert "<a href=\"javascript:alert('link')\">click</a> & more" in text
    shelf = (web_dist / "hostile" / "index.html").read_text(encoding="utf-8")
    assert shelf.count("<script>") == 1  # the filter, and nothing else


def test_escaping_functions():
    assert esc("<a href=\"x\">&'") == "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
    assert inline_json({"a": "</script><!--&"}) == '{"a":"\\u003c/script\\u003e\\u003c!--\\u0026"}'
    for good in ("https://x.org/a?b=c", "mailto:a@b.org", "tel:+1-617-555-0142", "x.en.html",
                 "../x.en.standard.letter.pdf", "assets/thumbs/0123.png"):
        assert safe_href(good) == good, good
    for bad in ("javascript:alert(1)", "JavaScript:alert(1)", "file:///etc/passwd", "//evil.org/x",
                "/etc/passwd", "data:text/html,x", "x.html\" onclick=\"y", "../../../x.pdf",
                "vbscript:x", "http:/x", " https://x.org", "x.exe"):
        assert safe_href(bad) is None, bad


def test_web_text_is_the_composed_documents(web_dist):
    """Every unit's text of the composed document is in the page (the same Doc)."""
    from factsheet_pdf.build import prepare
    from factsheet_pdf.compose import compose
    from factsheet_pdf.library import load_library
    from factsheet_pdf.markup import plain
    from factsheet_pdf.workspace import find

    ws = find(web_dist.parent)
    lib = load_library(ws)
    for lang in ("en", "es"):
        sheet, _ = prepare(ws, lib.sheets[SHEET], lang, False)
        for variant, suffix in (("standard", ""), ("large-print", ".large-print")):
            doc = compose(sheet, variant, fmt="html")
            t = parse(web_dist / f"{SHEET}.{lang}{suffix}.html")
            text = " ".join("".join(x for x, _, _ in t.text).split())
            for node in doc.nodes():
                if node.spans and node.kind != "marker":
                    want = " ".join(plain(node.spans).split())
                    assert want in text, (lang, variant, node.kind, want)


# -- assets ---------------------------------------------------------------------------------------

def test_assets_are_written_once_with_woff2_subsets(web_dist):
    assets = web_dist / "assets"
    css = (assets / "factsheet.css").read_text()
    fonts = sorted(p.name for p in (assets / "fonts").iterdir())
    assert {"noto-sans-regular.woff2", "noto-sans-bold.woff2", "atkinson-regular.woff2",
            "wqy-microhei-regular.woff2"} <= set(fonts)
    for name in fonts:
        assert (assets / "fonts" / name).read_bytes()[:4] == b"wOF2"
        assert f'url("fonts/{name}")' in css
    assert "@media print" in css and ".v-large-print em{font-style:normal" in css
    assert not list((web_dist / "riverside").glob("assets")) and not (
        web_dist / "drafts" / "assets").exists()
    from fontTools.ttLib import TTFont

    font = TTFont(str(assets / "fonts" / "wqy-microhei-regular.woff2"))
    cmap = font.getBestCmap()
    assert ord("治") in cmap and len(cmap) < 2000  # a subset, not the whole font


# -- the print shelf ------------------------------------------------------------------------------

def shelf_links(path: Path) -> list[str]:
    return [a["href"] for a in tags(parse(path), "a") if not a["href"].startswith("#")]


@pytest.mark.parametrize("shelf", ["index.html", "riverside/index.html", "hostile/index.html"])
def test_every_shelf_link_resolves(web_dist, shelf):
    path = web_dist / shelf
    links = shelf_links(path)
    assert links
    for href in links:
        assert (path.parent / href).is_file(), href
    for img in tags(parse(path), "img"):
        assert (path.parent / img["src"]).is_file() and img["loading"] == "lazy"
        assert img["alt"] == "" and int(img["width"]) == 120


def test_the_root_shelf_lists_its_outputs_and_the_clinics(web_dist):
    entries = manifest(web_dist)
    path = web_dist / "index.html"
    links = shelf_links(path)
    mine = {p for p, e in entries.items() if e["site"] is None}
    assert {h for h in links if not h.endswith("index.html")} == mine
    assert {"riverside/index.html", "hostile/index.html"} <= set(links)
    t = parse(path)
    groups = [a for a in tags(t, "section") if "data-lang" in a]
    # sorted by language name in English: Chinese, English, Spanish
    assert [g["data-lang"] for g in groups] == ["zh-Hans", "en", "es"]
    es = next(g for g in groups if g["data-lang"] == "es")
    assert "español" in es["data-q"].lower() and "spanish" in es["data-q"].lower()
    assert "Fracaso del tratamiento contra el VIH" in es["data-q"]
    spans = [a for a in tags(t, "span") if a.get("lang") == "zh-Hans"]
    assert spans and spans[0]["dir"] == "ltr"
    raw = path.read_text(encoding="utf-8")
    assert raw.count("Draft: not for patients") == 2  # the Chinese PDF rows
    assert 'class="draft"' in raw


def test_shelf_marks_stale_and_draft_and_stays_small_at_10000_outputs():
    entries = []
    for s in range(50):
        for i in range(50):
            for v in ("standard", "large-print"):
                for p in ("letter", "a4"):
                    path = f"s{s:03d}.l{i}.{v}.{p}.pdf"
                    entries.append(dict(path=path, format="pdf", sheet=f"s{s:03d}",
                                        lang=f"l{i}", variant=v, paper=p, site=None,
                                        draft=(i == 0), stale={"reason": "x"} if i == 1 else None,
                                        pages=2, bytes=95_000,
                                        sha256=hashlib.sha256(path.encode()).hexdigest()))
    assert len(entries) == 10_000
    sheets = group(entries, names=lambda t: Names(t, f"Native {t}", f"English {t}"),
                   title=lambda s, t: (f"The title of sheet {s} in language {t}", t),
                   revised=lambda s: "2024-03")
    data = render_shelf(sheets, digest="d", heading="Fact sheets",
                        thumb=lambda e: (f"assets/thumbs/{e['sha256'][:16]}.png", 120, 155))
    assert len(data) <= 5_000_000, len(data)
    text = data.decode()
    assert text.count('loading="lazy"') == 10_000
    assert text.count("Draft: not for patients") == 50 * 4
    assert text.count("Out of date: its last build failed") == 50 * 4
    assert text.count("March 2024") == 10_000


# -- incremental, reproducible, clean -----------------------------------------------------------

def _state(out: Path) -> dict[str, tuple[int, int]]:
    return {p.relative_to(out).as_posix(): (p.stat().st_mtime_ns, p.stat().st_ino)
            for p in out.rglob("*") if p.is_file() and ".factsheet" not in p.as_posix()
            and p.name != ".factsheet.lock"}


def test_noop_rebuild_writes_and_renders_nothing(tmp_path):
    ws = make_workspace(tmp_path, "web")
    args = ("--root", str(ws), "build", "--lang", "en,es", "--quiet")
    assert run_cli(*args, cwd=ws)[0] == 0
    before = _state(ws / "dist")
    listed = (ws / "dist" / "manifest.json").read_bytes()
    assert any(k.startswith("assets/thumbs/") for k in before)
    code = (f"from factsheet_pdf.cli import main\nrc = main({list(args)!r})\nassert rc == 0\n"
            "import sys, json\nprint(json.dumps(sorted(sys.modules)))")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ws,
                       env={"PYTHONPATH": SRC, "PATH": "/usr/bin:/bin"})
    assert r.returncode == 0, r.stderr
    mods = {m.split(".")[0] for m in json.loads(r.stdout.strip().splitlines()[-1])}
    assert not mods & {"pypdfium2", "PIL", "fontTools", "reportlab", "brotli"}, mods
    after = _state(ws / "dist")
    after.pop("manifest.json"), before.pop("manifest.json")  # rewritten as it was (bytes)
    assert after == before and (ws / "dist" / "manifest.json").read_bytes() == listed
    # a second folder from scratch: the same bytes
    other = tmp_path / "again"
    assert run_cli("--root", str(ws), "build", "--lang", "en,es", "--quiet", "--out",
                   str(other), cwd=ws)[0] == 0
    for rel in before:
        if rel != "manifest.json":
            assert (other / rel).read_bytes() == (ws / "dist" / rel).read_bytes(), rel


def test_formats_pdf_builds_no_web_page_and_keeps_the_shelf(tmp_path):
    ws = make_workspace(tmp_path, "web")
    assert run_cli("--root", str(ws), "build", "--formats", "pdf", "--lang", "en", "--quiet",
                   cwd=ws)[0] == 0
    out = ws / "dist"
    assert not pages(out) and not (out / "assets" / "factsheet.css").exists()
    assert (out / "index.html").is_file() and "Web page" not in (out / "index.html").read_text()


def test_a_deleted_clinic_is_orphaned_then_cleaned(tmp_path):
    ws = make_workspace(tmp_path, "web")
    base = ("--root", str(ws))
    assert run_cli(*base, "build", "--site", "all", "--lang", "en", "--variant", "standard",
                   "--formats", "html", "--quiet", cwd=ws)[0] == 0
    out = ws / "dist"
    assert (out / "hostile" / "index.html").is_file()
    (ws / "sites" / "hostile.yaml").unlink()
    code, _, err = run_cli(*base, "build", "--site", "all", "--lang", "en", "--variant",
                           "standard", "--formats", "html", cwd=ws)
    assert code == 0, err
    assert "dist/hostile: warning: orphaned: its site profile is no longer in sites/" in err
    assert "hostile/index.html" not in shelf_links(out / "index.html")
    code, stdout, _ = run_cli(*base, "clean", "--dry-run", cwd=ws)
    assert code == 0 and f"would remove dist/hostile/{SHEET}.en.html" in stdout
    assert (out / "hostile").is_dir()
    code, stdout, _ = run_cli(*base, "clean", cwd=ws)
    assert code == 0 and f"removed dist/hostile/{SHEET}.en.html" in stdout
    assert "removed dist/hostile\n" in stdout
    assert not (out / "hostile").exists() and (out / "riverside" / "index.html").is_file()
    assert not [p for p in manifest(out) if p.startswith("hostile/")]
    code, stdout, _ = run_cli(*base, "clean", cwd=ws)
    assert stdout.startswith("nothing to remove")


def test_an_edit_recuts_only_the_font_subsets_whose_characters_changed(tmp_path, monkeypatch):
    """fontTools' subsetter is the slowest step of a build: a Spanish edit that adds no new
    character cuts nothing again, and never the Chinese subset; the files stay as a build from
    scratch makes them."""
    from factsheet_pdf.render.html import assets

    ws = make_workspace(tmp_path, "web")
    args = ("--root", str(ws), "build", "--lang", "es,zh-Hans", "--formats", "html", "--draft",
            "--quiet")
    assert run_cli(*args, cwd=ws)[0] == 0
    fonts = ws / "dist" / "assets" / "fonts"
    zh = {p.name: p.read_bytes() for p in fonts.iterdir() if p.name.startswith("wqy")}
    assert zh, sorted(p.name for p in fonts.iterdir())
    cut: list[str] = []
    real = assets.subset
    monkeypatch.setattr(assets, "subset", lambda path, i, chars: cut.append(Path(path).name)
                        or real(path, i, chars))
    po = ws / "locales" / "es" / "LC_MESSAGES" / f"{SHEET}.po"
    text = po.read_text(encoding="utf-8")
    old = 'msgstr "Fracaso del tratamiento contra el VIH"'
    assert old in text
    po.write_text(text.replace(old, 'msgstr "Fracaso del tratamiento del VIH"'), encoding="utf-8")
    assert run_cli(*args, cwd=ws)[0] == 0
    assert cut == []  # the page changed, its family's characters did not
    po.write_text(text.replace(old, 'msgstr "Fracaso del tratamiento del VIH ÿ"'), encoding="utf-8")
    assert run_cli(*args, cwd=ws)[0] == 0
    assert cut and all(n.startswith(("Noto", "Atkinson")) for n in cut), cut  # Latin only
    assert {n: (fonts / n).read_bytes() for n in zh} == zh
    other = tmp_path / "again"
    assert run_cli(*args, "--out", str(other), cwd=ws)[0] == 0
    for p in sorted((ws / "dist" / "assets").rglob("*")):
        if p.is_file():
            assert (other / "assets" / p.relative_to(ws / "dist" / "assets")).read_bytes() \
                == p.read_bytes(), p
