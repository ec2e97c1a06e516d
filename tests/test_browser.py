"""The web edition and the print shelf in a real browser: Debian's Chromium driven by
Playwright (``executable_path``: the system browser, never a downloaded one), one browser for
the whole run. axe-core (tests/assets/axe.min.js, 4.14.1) reports no WCAG 2.2 AA violation,
nor of the 7:1 contrast rule, on the web edition in English, Spanish and Chinese and on the
shelf; the shelf's filter works opened from ``file://``; with scripts off every output is
listed; the hostile clinic's and catalog's text runs no script and injects no element; no
horizontal scrolling at 320 CSS px; Tab reaches every link in reading order with a visible
focus ring. Screenshots land in the test's temp folder (``FACTSHEET_SCREENSHOTS=DIR`` keeps
them there instead) to be looked at.

Skipped, with the reason, only when /usr/bin/chromium is not installed (``.ci/run`` installs
it).
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest
from conftest import ROOT, SHEET

CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / "tests" / "assets" / "axe.min.js"
AXE_SHA256 = "29348999450cdf2849a8e70b7912fc2da85a849da39c0d0d5394f51d4a9ed95c"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
AXE_OPTIONS = {"runOnly": {"type": "tag",
                           "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
               "rules": {"color-contrast-enhanced": {"enabled": True}}}

pytestmark = pytest.mark.skipif(not CHROMIUM.is_file(),
                                reason="Debian's chromium is not installed (/usr/bin/chromium; "
                                       "`apt-get install chromium`, as .ci/run does)")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    ctx = browser.new_context(viewport={"width": 1200, "height": 900})
    pg = ctx.new_page()
    pg.dialogs = []  # type: ignore[attr-defined]
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    yield pg
    ctx.close()


@pytest.fixture(scope="session")
def shots(tmp_path_factory) -> Path:
    keep = os.environ.get("FACTSHEET_SCREENSHOTS")
    folder = Path(keep) if keep else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def url(path: Path) -> str:
    return path.resolve().as_uri()


def axe(pg) -> dict:
    src = AXE.read_text(encoding="utf-8")
    pg.evaluate(src + "\n;0")  # DevTools evaluation: the page's CSP allows no script
    return pg.evaluate("async (o) => { const r = await axe.run(document, o); return "
                       "{violations: r.violations.map(v => ({id: v.id, nodes: v.nodes.map("
                       "n => n.target.join(' ') + ': ' + n.failureSummary)})), "
                       "ran: [...r.passes, ...r.incomplete, ...r.violations].map(x => x.id)}; }",
                       AXE_OPTIONS)


def test_axe_is_the_pinned_file():
    assert hashlib.sha256(AXE.read_bytes()).hexdigest() == AXE_SHA256


WEB = [f"{SHEET}.en.html", f"{SHEET}.en.large-print.html", f"{SHEET}.es.html",
       f"{SHEET}.es.large-print.html", f"drafts/{SHEET}.zh-Hans.html",
       f"drafts/{SHEET}.zh-Hans.large-print.html", f"riverside/{SHEET}.es.html",
       f"hostile/{SHEET}.en.html", "index.html", "riverside/index.html", "hostile/index.html"]


@pytest.mark.parametrize("name", WEB)
def test_no_axe_violation_no_script_no_scrolling(page, web_dist, shots, name):
    failed: list[str] = []
    page.on("requestfailed", lambda r: failed.append(r.url))
    page.goto(url(web_dist / name))
    assert page.evaluate("document.fonts.ready.then(() => true)")
    assert failed == [] and page.dialogs == []  # (axe's own fetch of the CSS is refused)
    result = axe(page)
    assert result["violations"] == [], json.dumps(result["violations"], indent=1)
    assert {"color-contrast", "color-contrast-enhanced", "html-has-lang",
            "html-lang-valid"} <= set(result["ran"])
    page.screenshot(path=str(shots / (name.replace("/", "_") + ".png")))
    page.set_viewport_size({"width": 320, "height": 700})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.screenshot(path=str(shots / (name.replace("/", "_") + ".320.png")))


def test_web_page_uses_its_fonts_and_large_print_sizes(page, web_dist):
    page.goto(url(web_dist / f"{SHEET}.es.large-print.html"))
    page.evaluate("document.fonts.ready.then(() => true)")
    loaded = page.evaluate("[...document.fonts].filter(f => f.status == 'loaded')"
                           ".map(f => f.family)")
    assert "fs-atkinson" in loaded
    smallest = page.evaluate("Math.min(...[...document.querySelectorAll('body *')]"
                             ".filter(e => e.textContent.trim() && e.offsetParent !== null)"
                             ".map(e => parseFloat(getComputedStyle(e).fontSize)))")
    assert smallest >= 24  # 18 pt
    italics = page.evaluate("[...document.querySelectorAll('body *')].filter(e => "
                            "getComputedStyle(e).fontStyle == 'italic').length")
    assert italics == 0


def test_hostile_text_runs_nothing_and_shows_literally(page, web_dist):
    for name in (f"hostile/{SHEET}.es.html", "hostile/index.html"):
        page.goto(url(web_dist / name))
        page.wait_for_timeout(100)
        assert page.dialogs == []
        assert page.evaluate("document.querySelectorAll('img[onerror], [onclick], a[href^="
                             "\"javascript\"]').length") == 0
        scripts = page.evaluate("document.scripts.length")
        assert scripts == (1 if name.endswith("index.html") else 0)
    page.goto(url(web_dist / f"hostile/{SHEET}.es.html"))
    text = page.inner_text("body")
    assert "Clinic </script><script>alert('name')</script>" in text
    assert "<script>alert('x')</script> \"><img src=x onerror=alert('y')> & </p>" in text


def test_tab_reaches_every_link_in_reading_order_with_a_visible_focus(page, web_dist):
    page.goto(url(web_dist / f"riverside/{SHEET}.en.html"))
    links = page.evaluate("[...document.querySelectorAll('a[href]')].map(a => a.href)")
    seen = []
    for _ in links:
        page.keyboard.press("Tab")
        focus = page.evaluate("(() => { const e = document.activeElement; const s = "
                              "getComputedStyle(e); return [e.href, s.outlineStyle, "
                              "s.outlineWidth]; })()")
        seen.append(focus[0])
        assert focus[1] != "none" and float(focus[2].rstrip("px")) >= 2, focus
    assert seen == links


def _visible(pg) -> list[str]:
    return pg.evaluate("[...document.querySelectorAll('section[data-lang]')]"
                       ".filter(s => s.offsetParent !== null).map(s => s.dataset.lang)")


def test_shelf_filter_from_file(page, web_dist):
    page.goto(url(web_dist / "index.html"))
    assert page.is_visible("#filter")
    assert _visible(page) == ["zh-Hans", "en", "es"]
    rows = json.loads((web_dist / "manifest.json").read_text())["outputs"]
    es_pdfs = [e for e in rows if e["site"] is None and e["lang"] == "es" and e["format"] == "pdf"]
    page.select_option("#fl", "es")
    assert _visible(page) == ["es"]
    shown = page.evaluate("[...document.querySelectorAll('section[data-lang]:not([hidden]) "
                          "a[href$=\".pdf\"]')].map(a => a.getAttribute('href'))")
    assert sorted(shown) == sorted(e["path"] for e in es_pdfs)
    total = page.get_attribute("#shown", "data-total")
    assert page.inner_text("#shown") == f"{len(es_pdfs)} of {total} files shown"
    page.select_option("#fl", "")
    page.fill("#q", "espanol")  # no accent, the language's own name
    assert _visible(page) == ["es"]
    page.fill("#q", "chinese")
    assert _visible(page) == ["zh-Hans"]
    page.fill("#q", "失败")  # the title in Chinese
    assert _visible(page) == ["zh-Hans"]
    page.fill("#q", "no such thing")
    assert _visible(page) == [] and not page.is_visible("section.sheet")
    page.fill("#q", "")
    page.select_option("#fs", SHEET)
    assert _visible(page) == ["zh-Hans", "en", "es"]


def test_shelf_with_scripts_off_lists_everything(browser, web_dist):
    ctx = browser.new_context(java_script_enabled=False)
    try:
        pg = ctx.new_page()
        pg.goto(url(web_dist / "index.html"))
        assert not pg.is_visible("#filter")
        assert _visible(pg) == ["zh-Hans", "en", "es"]
        hrefs = pg.evaluate("[...document.querySelectorAll('main a[href]')].map(a => a.href)")
        assert hrefs and all(Path(h.removeprefix("file://")).is_file() for h in hrefs)
        entries = json.loads((web_dist / "manifest.json").read_text())["outputs"]
        assert len(hrefs) == len([e for e in entries if e["site"] is None])
    finally:
        ctx.close()
