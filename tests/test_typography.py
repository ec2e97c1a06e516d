"""Typesetting measured on the shipped PDFs (pdfplumber glyph positions, pikepdf structure).

Word gaps, hyphenation statistics, keep rules, the last page's blank share, Chinese and
French line breaking, tagged text equal to the source text, paint order equal to the
structure tree's order, the page marks and the viewer preferences.
"""

from __future__ import annotations

import re
from collections import Counter

import pdfplumber
import pikepdf
import pytest
from conftest import ROOT, WORKSPACE, built, matrix, pdf
from pdfread import mcid_texts

from factsheet_pdf import markup
from factsheet_pdf.languages import LANGUAGES

SHY = "\xad"
CJK_NO_START = "，。、：；！？）」』】》"
CJK_NO_END = "（「『【《"


# -- reading lines ------------------------------------------------------------------------
def page_lines(page, min_size: float = 0.0, columns: int = 2):
    """Text lines of a page as (column, top, bottom, size, text, chars), two columns split at
    the page's middle; a line is the chars sharing a baseline in one column."""
    mid = page.width / 2 if columns == 2 else page.width
    rows: dict = {}
    for c in page.chars:
        if c["size"] < min_size - 0.01:  # (sizes carry float noise: 8.999999999999886)
            continue
        col = 0 if c["x0"] < mid else 1
        key = (col, round(c["matrix"][5] * 2) / 2)  # the baseline (mixed fonts' bottoms differ)
        rows.setdefault(key, []).append(c)
    out = []
    for (col, _), cs in sorted(rows.items(), key=lambda kv: (kv[0][0], -kv[0][1])):
        cs.sort(key=lambda c: c["x0"])
        size = Counter(round(c["size"], 2) for c in cs).most_common(1)[0][0]
        out.append((col, min(c["top"] for c in cs), max(c["bottom"] for c in cs), size,
                    "".join(c["text"] for c in cs), cs))
    return out


def body_size(path) -> float:
    with pdfplumber.open(path) as doc:
        return Counter(round(c["size"], 2) for p in doc.pages for c in p.chars).most_common(1)[0][0]


def footer_top(page) -> float:
    """Top of the contact block: the rule drawn above it (last page only), else the marks."""
    rules = [ln["top"] for ln in page.lines if ln["x1"] - ln["x0"] > page.width * 0.6]
    return min(rules) if rules else page.height - 40


def column_lines(path, *, min_size=None):
    """Per page, per column, the text lines above the contact block and the page marks."""
    size = body_size(path) if min_size is None else min_size
    with pdfplumber.open(path) as doc:
        pages = []
        for page in doc.pages:
            limit = footer_top(page)
            lines = [ln for ln in page_lines(page, size - 0.01) if ln[2] < limit]
            pages.append(([ln for ln in lines if ln[0] == 0], [ln for ln in lines if ln[0] == 1]))
        return pages


# -- word spacing and hyphenation -------------------------------------------------------
@pytest.mark.parametrize("lang,paper", [p for p in matrix("lang", "paper", variant="standard")
                                        if p.values[0] != "zh-Hans"])
def test_word_gaps_at_most_one_and_a_half_spaces(dist, lang, paper):
    size = body_size(pdf(dist, lang, "standard", paper))
    worst = 0.0
    with pdfplumber.open(pdf(dist, lang, "standard", paper)) as doc:
        for page in doc.pages:
            for *_, sz, text, cs in page_lines(page, size - 0.01):
                if abs(sz - size) > 0.01:
                    continue
                for i in range(1, len(cs) - 1):
                    if cs[i]["text"] == " " and cs[i - 1]["text"] != " " \
                            and cs[i + 1]["text"] != " ":
                        space = cs[i]["x1"] - cs[i]["x0"]
                        gap = cs[i + 1]["x0"] - cs[i - 1]["x1"]
                        worst = max(worst, gap / space)
    assert 0.9 < worst <= 1.5, worst


def _letters(s: str) -> int:
    return sum(ch.isalpha() for ch in s)


HYPHENATED = ("en", "es", "fr", "pt-BR", "ru")


@pytest.mark.parametrize("lang,paper", [p for p in matrix("lang", "paper", variant="standard")
                                        if p.values[0] in HYPHENATED])
def test_hyphenation_statistics(dist, lang, paper):
    pages = column_lines(pdf(dist, lang, "standard", paper))
    total = hyphenated = 0
    for cols in pages:
        for lines in cols:
            texts = [ln[4].rstrip(" ") for ln in lines]
            run = 0
            for i, t in enumerate(texts):
                total += 1
                soft = t.endswith(SHY)
                assert not (t.endswith("-") and i + 1 < len(texts) and t[-2:-1].isalpha()
                            and texts[i + 1][:1].islower() and _letters(t.split()[-1]) < 3), t
                if soft or t.endswith("-"):
                    run += 1
                    assert run <= 2, ("3 hyphenated lines in a row", texts[i - 2:i + 1])
                else:
                    run = 0
                if soft:
                    hyphenated += 1
                    assert i + 1 < len(texts), ("hyphen at a column or page end", t)
                    head = t.split()[-1]
                    tail = re.sub(r"\W+$", "", texts[i + 1].split()[0])
                    assert _letters(head) >= 3 and _letters(tail) >= 3, (head, tail)
                    assert i + 1 < len(texts)
    assert total > 50
    assert hyphenated / total < 0.15, hyphenated / total


def test_no_hyphen_before_a_paragraphs_last_line(dist):
    """The tagged text of a paragraph never has its last word split (no lone fragment)."""
    combos = [c for c in built(dist) if c[0] in HYPHENATED and c[1] == "standard"]
    assert combos
    for lang, _, paper in combos:
        for role, text in tagged_elements(pdf(dist, lang, "standard", paper)):
            if role in ("P", "LBody"):
                words = text.split()
                assert not (len(words) > 1 and SHY in words[-1]), (lang, text[-40:])


def test_glossary_terms_and_headings_never_hyphenated(dist):
    combos = [c for c in built(dist) if c[0] in HYPHENATED and c[1] == "standard"]
    assert combos
    for lang, _, paper in combos:
        for role, text in tagged_elements(pdf(dist, lang, "standard", paper)):
            if role in ("Lbl", "H1", "H2"):
                assert SHY not in text, (lang, text)


# -- keeping and filling ------------------------------------------------------------------
@pytest.mark.parametrize("lang,paper", matrix("lang", "paper", variant="standard"))
def test_no_heading_ends_a_column(dist, lang, paper):
    path = pdf(dist, lang, "standard", paper)
    size = body_size(path)
    for n, cols in enumerate(column_lines(path), 1):
        for lines in cols:
            if lines:
                assert lines[-1][3] <= size + 0.01, (n, lines[-1][4])


@pytest.mark.parametrize("lang,paper", matrix("lang", "paper", variant="standard"))
def test_last_page_blank_share(dist, lang, paper):
    """Body 12-14 pt; the last page's columns leave at most a quarter of their area blank
    (unless the text is already at 14 pt) and end within 2 lines of each other when the
    content is one flow."""
    from glyphs import shaded_parts

    from conftest import BELOW_12

    path = pdf(dist, lang, "standard", paper)
    size = body_size(path)
    assert (11 <= size < 12) if (lang, paper) in BELOW_12 else (12 <= size <= 14), size
    with pdfplumber.open(path) as doc:
        page = doc.pages[-1]
        bottom = footer_top(page) - size
        lines = [ln for ln in page_lines(page, size - 0.01) if ln[2] < bottom + size]
        top = min(ln[1] for ln in lines)
        grounds = shaded_parts(page)
        blank, lows = [], []
        for col in (0, 1):
            low = max((ln[2] for ln in lines if ln[0] == col), default=top)
            # a column that ends with a glossary part ends where its ground ends (the parts
            # end level; their entries are whole, spread within the ground)
            for g in grounds:
                if (g["x0"] + g["x1"]) / 2 < page.width / 2 if col == 0 else \
                        (g["x0"] + g["x1"]) / 2 > page.width / 2:
                    if g["top"] <= low <= g["bottom"] + 1:
                        low = max(low, g["bottom"])
            lows.append(low)
            blank.append(max(bottom - low, 0) / (bottom - top))
    share = sum(blank) / 2
    if size < 14:
        assert share <= 0.25, (share, blank)
        assert abs(lows[0] - lows[1]) <= 2 * size * 1.3 + 1, lows  # balanced: within 2 lines


# -- Chinese and French ---------------------------------------------------------------------
@pytest.mark.parametrize("variant,paper", matrix("variant", "paper", lang="zh-Hans"))
def test_chinese_line_start_and_end(dist, variant, paper):
    path = pdf(dist, "zh-Hans", variant, paper)
    with pdfplumber.open(path) as doc:
        for page in doc.pages:
            for line in page_lines(page, 9, 2 if variant == "standard" else 1):
                text = line[4].strip()
                if not text:
                    continue
                assert text[0] not in CJK_NO_START, text
                assert text[-1] not in CJK_NO_END, text


def test_chinese_glossary_terms_emboldened(dist):
    """No bold CJK face ships: terms are drawn with text render mode 2 (fill and stroke)."""
    with pikepdf.open(pdf(dist, "zh-Hans")) as doc:
        ops = [str(op) for p in doc.pages for _, op in pikepdf.parse_content_stream(p)]
        modes = [operands for p in doc.pages for operands, op in pikepdf.parse_content_stream(p)
                 if str(op) == "Tr"]
    assert "Tr" in ops and any(int(m[0]) == 2 for m in modes)


@pytest.mark.parametrize("variant,paper", matrix("variant", "paper", lang="fr"))
def test_french_no_break_spaces_hold(dist, variant, paper):
    with pdfplumber.open(pdf(dist, "fr", variant, paper)) as doc:
        for page in doc.pages:
            for line in page_lines(page, 9, 2 if variant == "standard" else 1):
                text = line[4].strip()
                if text:
                    assert text[0] not in "?:;!»", text
                    assert text[-1] != "«", text


# -- what the reader hears ------------------------------------------------------------------
def tagged_elements(path):
    """(role, text) of every structure element, its text gathered from its own marked content
    and its descendants' in /K order."""
    out = []
    with pikepdf.open(path) as doc:
        texts = mcid_texts(doc)

        def walk(e):
            kids = e.K if isinstance(e.K, pikepdf.Array) else [e.K]
            pg = e.get("/Pg")
            parts = []
            for k in kids:
                if isinstance(k, int):
                    parts.append(texts.get((pg.objgen, k), ""))
                elif isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/MCR":
                    parts.append(texts.get((k.Pg.objgen, int(k.MCID)), ""))
                elif isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/OBJR":
                    continue
                elif isinstance(k, pikepdf.Dictionary):
                    parts.append(walk(k))
            text = "".join(parts)
            out.append((str(e.S)[1:], text))
            return text

        root = doc.Root.StructTreeRoot
        for k in (root.K if isinstance(root.K, pikepdf.Array) else [root.K]):
            walk(k)
    return out


def norm(s: str) -> str:
    return " ".join(s.replace(SHY, "").split())


def source_units(lang: str):
    """Plain source texts of one language (contact placeholders filled)."""
    from factsheet_pdf.build import prepare
    from factsheet_pdf.load import load_sheet
    from factsheet_pdf.model import ItemList, Paragraph
    from factsheet_pdf.workspace import find

    src = load_sheet(WORKSPACE / "content" / "treatment-failure.yaml")
    sheet, _ = prepare(find(WORKSPACE), src, lang, False)
    plain = lambda u: markup.plain_text(u.text)
    units = [plain(sheet.series), plain(sheet.title), plain(sheet.source)]
    for section in sheet.sections:
        units.append(plain(section.heading))
        for block in section.blocks:
            if isinstance(block, ItemList):
                units += [plain(p) for i in block.items for p in i.paragraphs]
            elif isinstance(block, Paragraph) or hasattr(block, "unit"):
                units.append(plain(block.unit))
    units.append(plain(sheet.glossary.heading))
    term = plain(sheet.label("glossary-term"))
    for e in sheet.glossary.entries:
        units += [term.replace("{term}", plain(e.term)), plain(e.definition)]
    c = sheet.contact
    units += [plain(c.heading),
              plain(c.text).replace("{phone}", c.phone).replace("{web}", c.web)]
    return units


@pytest.mark.parametrize("lang,variant,paper", matrix("lang", "variant", "paper"))
def test_tagged_text_equals_source_text(dist, lang, variant, paper):
    """Every unit is read exactly as written: soft hyphens removed and whitespace runs
    collapsed, nothing else changed (a space inserted at a line break fails)."""
    got = Counter(norm(t) for _, t in tagged_elements(pdf(dist, lang, variant, paper)))
    cjk = LANGUAGES[lang].cjk
    for unit in source_units(lang):
        want = norm(unit)
        if cjk:  # a glossary entry's "：" is not followed by a space in Chinese
            want = want.replace("： ", "：")
        assert got[want] >= 1, want


def test_tagged_text_catches_an_inserted_space():
    assert norm("treat\xadment") == "treatment" and norm("treat\xad ment") != "treatment"


# -- paint order, page marks, printing -----------------------------------------------------
@pytest.mark.parametrize("lang,variant,paper", [p for p in matrix("lang", "variant", "paper")
                                                if p.values[0] in ("en", "ru", "zh-Hans")])
def test_paint_order_is_tree_order(dist, lang, variant, paper):
    from pdfread import paint_order_problems

    assert paint_order_problems(pdf(dist, lang, variant, paper)) == []


def test_page_marks_standard(dist):
    with pdfplumber.open(pdf(dist, "es")) as doc:
        texts = [page.extract_text() for page in doc.pages]
        cue_sizes = [c["size"] for c in doc.pages[0].chars if c["bottom"] > doc.pages[0].height
                     - 60 and c["fontname"].endswith("Bold")]
    assert "Español · Spanish · " in texts[0] and "1/2" in texts[0] and "2/2" in texts[1]
    assert "treatment-failure" not in texts[0]
    assert "voltee" in texts[0].lower() and "voltee" not in texts[1].lower()
    assert cue_sizes and min(cue_sizes) >= 9
    with pdfplumber.open(pdf(dist, "en")) as doc:
        first = doc.pages[0].extract_text()
    assert "English · HIV Treatment Failure · 1/2" in first
    assert "English · English" not in first and "\u2192" not in first


def test_contact_block_on_last_page_whole(dist):
    assert built(dist)
    for lang, variant, paper in built(dist):
        with pdfplumber.open(pdf(dist, lang, variant, paper)) as doc:
            last = doc.pages[-1].extract_text()
            assert "1-800-448-0440" in last and "aidsinfo.nih.gov" in last, (lang, variant)


@pytest.mark.parametrize("variant", ["standard", "large-print"])
def test_viewer_preferences(dist, variant):
    combos = [c for c in built(dist) if c[1] == variant]
    assert combos
    for lang, _, paper in combos:
        with pikepdf.open(pdf(dist, lang, variant, paper)) as doc:
            vp = doc.Root.ViewerPreferences
            assert isinstance(vp.PrintScaling, pikepdf.Name)
            assert str(vp.PrintScaling) == "/None"
            if len(doc.pages) > 1:
                assert str(vp.Duplex) == "/DuplexFlipLongEdge"


def test_one_page_budget_has_no_page_count_and_no_cue(tmp_path):
    """A one-page sheet (short text) shows no page count and no cue."""
    import dataclasses

    from factsheet_pdf.render.pdf import render_sheet as render
    from factsheet_pdf.load import load_sheet

    sheet = load_sheet(WORKSPACE / "content" / "treatment-failure.yaml")
    glossary = dataclasses.replace(sheet.glossary, entries=sheet.glossary.entries[:2])
    short = dataclasses.replace(sheet, sections=sheet.sections[:1], glossary=glossary, pages=1,
                                revised="2024-03", title_en="HIV Treatment Failure")
    out = render(short, "standard", "letter")
    path = tmp_path / "one.pdf"
    path.write_bytes(out.data)
    with pdfplumber.open(path) as doc:
        assert len(doc.pages) == 1
        text = doc.pages[0].extract_text()
    assert "English · HIV Treatment Failure · March 2024" in text
    assert "1/1" not in text and "turn over" not in text
    assert "1-800-448-0440" in text


def test_chinese_adjacent_punctuation_compressed(dist):
    """"。）" and the like: a TJ adjustment takes out the first mark's blank half."""
    def adjustments(path):
        n = 0
        with pikepdf.open(path) as doc:
            for page in doc.pages:
                for operands, op in pikepdf.parse_content_stream(page):
                    if str(op) == "TJ" and all(not isinstance(x, pikepdf.String)
                                               for x in operands[0]):
                        n += 1
        return n

    assert adjustments(pdf(dist, "zh-Hans")) > 3
    assert adjustments(pdf(dist, "en")) == 0


@pytest.mark.parametrize("variant,paper", matrix("variant", "paper", lang="es"))
def test_page_marks_are_pagination_footer_artifacts(dist, variant, paper):
    """The foot line's text is painted inside /Artifact <</Type /Pagination /Subtype
    /Footer>>, and the tagged text never contains it."""
    with pikepdf.open(pdf(dist, "es", variant, paper)) as doc:
        for page in doc.pages:
            kinds = []
            for operands, op in pikepdf.parse_content_stream(page):
                if str(op) == "BDC" and str(operands[0]) == "/Artifact":
                    props = operands[1]
                    kinds.append((str(props.get("/Type")), str(props.get("/Subtype"))))
            assert ("/Pagination", "/Footer") in kinds
    texts = " ".join(t for _, t in tagged_elements(pdf(dist, "es", variant, paper)))
    assert "Spanish" not in texts


def test_page_count_is_drawn_after_the_last_page(tmp_path):
    """Each page shows its marks as a form XObject inside the pagination artifact, drawn when
    the document is saved: "Page N of M" is right on every page from one layout per setting
    tried (the page count is never guessed and laid out again)."""
    import subprocess

    from factsheet_pdf.compose import compose
    from factsheet_pdf.load import load_sheet
    from factsheet_pdf.render.pdf import fit

    doc = compose(load_sheet(WORKSPACE / "content" / "treatment-failure.yaml"), "large-print")
    builds = []
    real = fit._layout

    def counted(*a, **k):
        builds.append(1)
        return real(*a, **k)

    fit._layout = counted
    try:
        rendered = fit.render(doc, "letter")
    finally:
        fit._layout = real
    assert rendered.layouts == len(builds)
    tried = list(fit.LARGE_PRINT_STEPS).index(rendered.params) + 1
    assert len(builds) == tried  # one layout per setting tried, none to fix the count
    path = tmp_path / "marks.pdf"
    path.write_bytes(rendered.data)
    with pikepdf.open(path) as pdf_:
        for page in pdf_.pages:
            ops = [(str(op), operands) for operands, op in pikepdf.parse_content_stream(page)]
            i = next(k for k, (op, args) in enumerate(ops) if op == "Do"
                     and "/Pagination" in str(ops[k - 1][1]))
            assert ops[i - 1][0] == "BDC" and ops[i + 1][0] == "EMC"
        pages = len(pdf_.pages)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True).stdout
    assert rendered.pages == pages > 1
    found = re.findall(r"Page (\d+) of (\d+)", text)
    assert found == [(str(n), str(pages)) for n in range(1, pages + 1)]


# -- the hyphenation zone (rlhooks.zone_violations) -----------------------------------------
def _wrapped(text: str, width: float, lang: str = "en_US"):
    from reportlab.lib.styles import ParagraphStyle

    from factsheet_pdf import rlhooks
    from factsheet_pdf.fonts import register
    from factsheet_pdf.hyphenate import hyphenator
    from factsheet_pdf.render.pdf.flowables import TaggedParagraph

    rlhooks.install()
    register("noto-sans")
    st = ParagraphStyle("body", fontName="noto-sans-regular", fontSize=12, leading=15,
                        hyphenationLang=hyphenator(lang), embeddedHyphenation=0,
                        uriWasteReduce=0, allowWidows=0, allowOrphans=0)
    p = TaggedParagraph(text, st)
    p.wrap(width, 10_000)
    return p, [rlhooks.line_text(p.blPara, ln) for ln in p.blPara.lines]


ZONE_TEXT = ("Immunological failure and virological failure are established by repeated "
             "laboratory measurements; recommendations about antiretroviral combinations "
             "follow resistance testing, documentation and individualised counselling.")


def test_hyphenation_zone_holds(monkeypatch):
    """No soft hyphen where the line, with the whole word moved on, would still end within
    the zone; with no zone the same text does hyphenate (the test can fail)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from factsheet_pdf import rlhooks

    hyphens_without_zone = 0
    monkeypatch.setattr(rlhooks, "HYPHENATION_ZONE", 0.0)
    for width in range(120, 260, 7):
        _, lines = _wrapped(ZONE_TEXT, width)
        hyphens_without_zone += sum(ln.rstrip().endswith(SHY) for ln in lines)
    assert hyphens_without_zone > 0
    monkeypatch.setattr(rlhooks, "HYPHENATION_ZONE", 3.5)
    for width in range(120, 260, 7):
        p, lines = _wrapped(ZONE_TEXT, width)
        assert " ".join("".join(lines).replace(SHY, "").split()) == ZONE_TEXT
        for ln in lines:
            text = ln.rstrip()
            if text.endswith(SHY) and len(text.split()) > 1:
                rest = text[: -len(text.split()[-1])].rstrip()
                blank = width - stringWidth(rest, "noto-sans-regular", 12)
                assert blank > 3.5 * 12, (width, ln)


# -- the clinic block's fit steps in the fit loop ------------------------------------------
def test_tall_clinic_block_gives_way_before_the_last_resort(tmp_path):
    """A clinic block too tall for 12 pt: the QR code shrinks, then the logo goes (with the
    contact.logo_dropped_warning in the manifest), before the body falls below 12 pt."""
    import json
    import shutil

    from conftest import run_cli

    # The full example profile on A4 in Brazilian Portuguese: its block (12 pt text, logo,
    # QR code and caption, the national line kept) is too tall for 12 pt body text until the
    # logo goes. (A taller block than this one now needs the last resort: the block's text is
    # never below 12 pt.)
    site = tmp_path / "site"
    shutil.copytree(WORKSPACE / "sites", site)
    out = tmp_path / "out"
    code, _, err = run_cli("build", "--out", str(out), "--variant", "standard", "--lang",
                           "pt-BR", "--paper", "a4", "--site", str(site / "riverside.yaml"))
    assert code == 0, err
    [entry] = json.loads((out / "manifest.json").read_text())["outputs"]
    assert entry["pages"] == 2
    assert any("logo was left out" in w for w in entry["warnings"]), entry["warnings"]
    assert not any("below the 12 pt" in w for w in entry["warnings"]), entry["warnings"]
    path = out / entry["path"]
    assert body_size(path) == 12.0
    with pikepdf.open(path) as doc:
        figures = [e for _, e in _struct_walk(doc.Root.StructTreeRoot) if str(e.S) == "/Figure"]
    assert len(figures) == 1  # the QR code; no logo


def _struct_walk(e, depth=0):
    kids = e.K if isinstance(e.get("/K"), pikepdf.Array) else [e.get("/K")]
    for k in kids:
        if isinstance(k, pikepdf.Dictionary) and "/S" in k:
            yield depth, k
            yield from _struct_walk(k, depth + 1)


# -- web and e-mail addresses (issue 21) ----------------------------------------------------
SHEET_ADDRESSES = ["http://aidsinfo.nih.gov/guidelines", "http://aidsinfo.nih.gov"]
SHAPE_ADDRESSES = ["https://garden-network.example/guides/plots-and-tools",
                   "https://garden-network.example/plots/apply?season=spring#form",
                   "https://garden-network.example/rules", "https://garden-network.example",
                   "https://garden-network.example/news/repairs-2025",
                   "care@garden-network.example", "https://harborlights-clinic.example/hiv-care",
                   "appointments@harborlights-clinic.example"]


def _cut_problems(path, addresses) -> list[str]:
    """Cuts inside a scheme, or inside a host whose part on the next line would have fitted
    whole on the line it starts, or with a hyphen added; each as a readable line."""
    from glyphs import address_cuts, address_parts, segments

    segs = segments(path)
    bad = []
    for cut in address_cuts(segs, sorted(addresses, key=len, reverse=True)):
        a, k = cut.address, cut.at
        scheme_end, host_end = address_parts(a)
        where = f"{path.name} p{cut.head_line.page + 1}: {a[:k]!r} | {a[k:]!r}"
        if cut.hyphen:
            bad.append(f"{where}: a hyphen added")
        if 0 < k < scheme_end:
            bad.append(f"{where}: inside the scheme")
        elif scheme_end < k <= host_end:
            # a host may break (before . - @) only when it does not fit the column
            col = max(s.x1 - s.x0 for s in segs if s.page == cut.head_line.page
                      and abs(s.x0 - cut.tail_line.x0) < 2 and abs(s.size - cut.head_line.size)
                      < 0.2)
            tail = cut.tail_line
            host_rest = a[k:host_end]
            rest_w = sum(c["x1"] - c["x0"] for c in tail.chars[:len(host_rest)])
            head_host = a[scheme_end:k]
            head_w = sum(c["x1"] - c["x0"] for c in
                         cut.head_line.chars[len(cut.head_line.text.rstrip(" ")) - len(
                             head_host):])
            if head_w + rest_w <= col + 0.5 or a[k] not in ".-@/":
                bad.append(f"{where}: inside the host")
        elif k > host_end and not (a[k - 1] == "/" or a[k] in ".?#-&="):
            bad.append(f"{where}: inside a path segment")
    return bad


def test_addresses_break_only_where_they_may(dist, shapes_dist):
    """Every address cut at a line end, in every PDF of the default build and of the shapes
    fixture (with and without a clinic profile), is after the scheme or a "/", or before a
    ".", "?", "#" or "-" of the path, never with a hyphen; a host breaks only when it cannot
    fit the column."""
    from conftest import shape_pdfs

    problems = []
    for c in built(dist):
        problems += _cut_problems(pdf(dist, *c), SHEET_ADDRESSES)
    for path in shape_pdfs(shapes_dist):
        problems += _cut_problems(path, SHAPE_ADDRESSES)
    assert not problems, "\n".join(problems)


def test_the_address_check_can_fail():
    """The measurement sees a cut inside a host and a hyphen added (a PDF set without the
    address rules)."""
    from glyphs import Segment, address_cuts

    def seg(y, text, x0=72.0):
        chars = [{"x0": x0 + 6 * i, "x1": x0 + 6 * i + 6, "text": ch} for i, ch in
                 enumerate(text)]
        return Segment(0, y, x0, x0 + 6 * len(text), 12.0, text, chars)

    segs = [seg(100, "visit https://harbor-"), seg(115, "lights-clinic.example/hiv-care"),
            seg(200, "at http:"), seg(215, "//aidsinfo.nih.gov")]
    cuts = {(c.address, c.at, c.hyphen) for c in address_cuts(
        segs, ["https://harborlights-clinic.example/hiv-care", "http://aidsinfo.nih.gov"])}
    assert ("https://harborlights-clinic.example/hiv-care", 14, True) in cuts
    assert ("http://aidsinfo.nih.gov", 5, False) in cuts


@pytest.mark.parametrize("word", ["anti-HIV", "anti-VIH", "HIV-related", "self-watering"])
def test_short_compounds_never_break_at_their_hyphen(word):
    from factsheet_pdf.hyphenate import hyphenator

    for lang in ("en_US", "es", "fr"):
        assert list(hyphenator(lang)(word)) == [], (lang, word)
    assert list(hyphenator("en_US")("antiretroviral-resistance")) == [
        ("antiretroviral-", "resistance")]


def test_no_line_ends_at_a_short_compounds_hyphen(dist, shapes_dist):
    from conftest import shape_pdfs
    from glyphs import next_line, segments

    paths = [pdf(dist, *c) for c in built(dist)] + shape_pdfs(shapes_dist)
    bad = []
    for path in paths:
        segs = segments(path)
        for s in segs:
            words = s.text.rstrip().split()
            if not words or not words[-1].endswith("-") or next_line(segs, s) is None:
                continue
            head = words[-1][:-1].split("-")[-1]
            tail = next_line(segs, s).text.split()[0].split("-")[0] if next_line(
                segs, s).text.split() else ""
            if head.isalpha() and tail[:1].isalpha() and (
                    _letters(head) < 7 or _letters(tail) < 7):
                bad.append(f"{path.name}: {s.text[-20:]!r} | {tail!r}")
    assert not bad, bad


# -- what patients act on is not the smallest print (issue 21) --------------------------------
def _last_sect(doc):
    kids = doc.Root.StructTreeRoot.K
    kids = kids if isinstance(kids, pikepdf.Array) else [kids]
    document = kids[0]
    sects = [k for k in document.K if isinstance(k, pikepdf.Dictionary)
             and k.get("/S") == "/Sect"]
    return sects[-1]


def _mcids(e):
    kids = e.K if isinstance(e.K, pikepdf.Array) else [e.K]
    pg = e.get("/Pg")
    for k in kids:
        if isinstance(k, int):
            yield (pg.objgen, k)
        elif isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/MCR":
            yield (k.Pg.objgen, int(k.MCID))
        elif isinstance(k, pikepdf.Dictionary) and "/S" in k:
            yield from _mcids(k)


def test_contact_block_and_review_notice_sizes(dist):
    """The sheet's contact block: 12 pt or more (standard), the body size or more (large
    print); the review notice (every unreviewed translation): at the body size, upright."""
    from pdfread import mcid_fonts

    from factsheet_pdf.site.strings import package_translator

    for lang, variant, paper in built(dist):
        path = pdf(dist, lang, variant, paper)
        body = body_size(path)
        with pikepdf.open(path) as doc:
            fonts_at = mcid_fonts(doc)
            sizes = [sz for key in _mcids(_last_sect(doc)) for sz, _ in fonts_at.get(key, [])]
            assert sizes and min(sizes) >= (body if variant == "large-print" else 12.0), (
                lang, variant, min(sizes))
            if lang == "en":
                continue
            notice = norm(package_translator(lang)("label.review-notice", ""))
            texts = mcid_texts(doc)
            found = []
            for role, text in tagged_elements(path):
                if role == "P" and norm(text) == notice:
                    found.append(text)
            assert found, (lang, variant)
            ps = [e for e in _walk_elements(doc) if str(e.S) == "/P" and norm("".join(
                texts.get(k, "") for k in _mcids(e))) == notice]
            used = [f for key in _mcids(ps[0]) for f in fonts_at.get(key, [])]
            assert {round(sz, 2) for sz, _ in used} == {round(body, 2)}, (lang, variant, used)
            assert not any("Italic" in name or "Oblique" in name for _, name in used), used


def _walk_elements(doc):
    def walk(e):
        yield e
        kids = e.K if isinstance(e.get("/K"), pikepdf.Array) else [e.get("/K")]
        for k in kids:
            if isinstance(k, pikepdf.Dictionary) and "/S" in k:
                yield from walk(k)

    root = doc.Root.StructTreeRoot
    for k in (root.K if isinstance(root.K, pikepdf.Array) else [root.K]):
        yield from walk(k)


# -- page marks on one line (issue 21) --------------------------------------------------------
def _foot_marks(page):
    """The foot line's glyphs: artifact text in the page's lowest eighth (the page marks
    and the standard variant's cue)."""
    return [c for c in page.chars if c.get("tag") == "Artifact" and c["top"] > page.height * 7 / 8]


def test_page_marks_on_one_line(dist, shapes_dist):
    """Every page of every PDF (default build, shapes fixture with and without a clinic):
    the foot marks sit on one baseline, inside the page's margins."""
    from conftest import shape_pdfs

    paths = [pdf(dist, *c) for c in built(dist)] + shape_pdfs(shapes_dist)
    for path in paths:
        with pdfplumber.open(path) as doc:
            for n, page in enumerate(doc.pages, 1):
                chars = _foot_marks(page)
                assert chars, (path.name, n)
                baselines = {round(c["matrix"][5]) for c in chars}
                assert len(baselines) == 1, (path.name, n, "".join(c["text"] for c in chars))
                assert min(c["x0"] for c in chars) >= 0.5 * 72 - 1
                assert max(c["x1"] for c in chars) <= page.width - 0.5 * 72 + 1, (path.name, n)


def test_page_marks_use_the_short_title_else_shorten_the_title(shapes_dist):
    """garden has ``short_title: Shared Garden Plots``: its marks say it; notice has none: its
    large-print marks shorten its English title with an ellipsis (a prefix of the title), its
    standard ones keep it whole."""
    def foot(path, page=0):
        with pdfplumber.open(path) as doc:
            chars = sorted(_foot_marks(doc.pages[page]), key=lambda c: c["x0"])
            return "".join(c["text"] for c in chars)

    for variant in ("standard", "large-print"):
        text = foot(shapes_dist / f"garden.en.{variant}.letter.pdf")
        assert "Shared Garden Plots" in text and "Growing Food" not in text, text
    title = "The Garden Is Closed for Repairs This Week"
    assert title in foot(shapes_dist / "notice.en.standard.letter.pdf")
    text = foot(shapes_dist / "notice.en.large-print.letter.pdf")
    head = text.split(" \u00b7 ")[1]
    assert head.endswith("\u2026") and title.startswith(head[:-1]) and len(head) < len(title)


# -- balanced headings (issue 21) ---------------------------------------------------------------
def _unbalanced(paths) -> list[str]:
    from glyphs import heading_lines

    bad = []
    for path in paths:
        for page, text, widths in heading_lines(path):
            if len(widths) >= 2 and widths[-1] < widths[-2] / 3 - 0.5:
                bad.append(f"{path.name} p{page + 1}: {text!r} {[round(w) for w in widths]}")
    return bad


def test_headings_balanced(dist, shapes_dist):
    """No heading (title, section, glossary or contact heading) ends on a line shorter than a
    third of the line above it: default build and shapes fixture, from glyph positions."""
    from conftest import shape_pdfs

    paths = [pdf(dist, *c) for c in built(dist)] + shape_pdfs(shapes_dist)
    assert not _unbalanced(paths), "\n".join(_unbalanced(paths))


def test_balancing_keeps_words_and_line_count():
    """balanced_width narrows the measure only while the line count holds, and never for a
    heading already balanced; a Chinese heading leaves more than one character on its last
    line."""
    from factsheet_pdf.render.pdf.balance import balanced_width, is_balanced

    def widths_at(text_widths):
        def at(measure):
            lines, cur = [], 0.0
            for w in text_widths:
                if cur and cur + 4 + w > measure:
                    lines.append(cur)
                    cur = w
                else:
                    cur = cur + 4 + w if cur else w
            return lines + [cur]
        return at

    words = [60, 60, 60, 30, 20]  # at 240: two lines, the last one word of 20
    at = widths_at(words)
    assert not is_balanced(at(240))
    m = balanced_width(at, 240)
    assert len(at(m)) == len(at(240)) and is_balanced(at(m)) and m < 240
    assert balanced_width(at, 1000) == 1000  # one line
    assert balanced_width(widths_at([50, 50, 50]), 160) == 160  # already balanced


def test_balancing_never_cuts_a_word():
    """The large-print Russian title: balanced without cutting "Неэффективность" (the
    narrowest measure that keeps two lines is narrower than the word)."""
    from reportlab.lib.styles import ParagraphStyle

    from factsheet_pdf import rlhooks
    from factsheet_pdf.fonts import register
    from factsheet_pdf.hyphenate import no_hyphenation
    from factsheet_pdf.render.pdf.flowables import TaggedParagraph

    rlhooks.install()
    register("noto-sans")
    st = ParagraphStyle("title", fontName="noto-sans-bold", fontSize=32, leading=36.8,
                        hyphenationLang=no_hyphenation, splitLongWords=1, balance=1)
    p = TaggedParagraph("Неэффективность лечения ВИЧ", st)
    p.wrap(468, 1000)
    lines = [rlhooks.line_text(p.blPara, ln).strip() for ln in p.blPara.lines]
    assert lines == ["Неэффективность", "лечения ВИЧ"], lines


# -- the glossary sidebar (issue 21) ---------------------------------------------------------
def _all_pdfs(dist, shapes_dist):
    from conftest import shape_pdfs

    return [pdf(dist, *c) for c in built(dist)] + shape_pdfs(shapes_dist)


def test_glossary_entries_never_split(dist, shapes_dist):
    """Every glossary entry's glyphs are on one page and, in the standard variant, in one
    column (structure tree for what belongs to the entry, glyph positions for where)."""
    from glyphs import glossary_entries

    bad = []
    for path in _all_pdfs(dist, shapes_dist):
        entries = glossary_entries(path)
        if "notice." not in path.name:
            assert entries, path.name
        with pdfplumber.open(path) as doc:
            xs: dict = {}
            for n, page in enumerate(doc.pages):
                for c in page.chars:
                    if c.get("mcid") is not None and c["text"].strip():
                        xs.setdefault((n, c["mcid"]), []).append((c["x0"] + c["x1"]) / 2)
            mid = doc.pages[0].width / 2
        for term, keys in entries:
            pages = {p for p, _ in keys}
            if len(pages) > 1:
                bad.append(f"{path.name}: {term!r} on pages {sorted(pages)}")
                continue
            if ".standard." in path.name:
                centres = [x for k in keys for x in xs.get(k, [])]
                if centres and min(centres) < mid < max(centres):
                    bad.append(f"{path.name}: {term!r} across the columns")
    assert not bad, "\n".join(bad)


def test_glossary_parts_end_level(dist, shapes_dist):
    """Where the glossary has two parts on one page (standard), their grounds end within one
    line of each other."""
    from glyphs import shaded_parts

    seen = 0
    for path in _all_pdfs(dist, shapes_dist):
        if ".standard." not in path.name:
            continue
        size = body_size(path)
        with pdfplumber.open(path) as doc:
            for n, page in enumerate(doc.pages, 1):
                parts = shaded_parts(page)
                if len(parts) == 2:
                    seen += 1
                    lows = [p["bottom"] for p in parts]
                    assert abs(lows[0] - lows[1]) <= size * 1.3, (path.name, n, lows)
    assert seen


def _squash(s: str) -> str:
    """Text without white space (the label's lines are drawn one by one)."""
    return re.sub(r"\s", "", s)


def test_glossary_continued_label_is_the_shared_string(dist, shapes_dist):
    """A part that continues the glossary starts with label.glossary-continued in the sheet's
    language (heading filled in), in both variants: artifact text at the top of the part
    (standard: inside its ground; large print: at the top of the page)."""
    from glyphs import glossary_entries, shaded_parts

    from factsheet_pdf.site.strings import package_translator

    checked = 0
    for path in _all_pdfs(dist, shapes_dist):
        lang = path.name.split(".")[1]
        t = package_translator(lang)
        want = t("label.glossary-continued", "{heading} (continued)").replace(
            "{heading}", t("glossary.heading", "Terms Used in This Fact Sheet"))
        entries = glossary_entries(path)
        pages = sorted({p for _, keys in entries for p, _ in keys})
        with pdfplumber.open(path) as doc:
            for n in pages[1:] if ".large-print." in path.name else pages:
                page = doc.pages[n]
                if ".large-print." in path.name:
                    zone = [c for c in page.chars if c.get("tag") == "Artifact"
                            and c["top"] < 72 + 60]
                    label = "".join(c["text"] for c in sorted(zone, key=lambda c: (
                        round(c["top"]), c["x0"])))
                    assert _squash(label) == _squash(want), (path.name, n, label)
                    checked += 1
                    continue
                for part in shaded_parts(page):
                    inside = [c for c in page.chars if c.get("tag") == "Artifact"
                              and part["x0"] <= c["x0"] <= part["x1"]
                              and part["top"] <= c["top"] <= part["bottom"]]
                    if inside:
                        label = "".join(c["text"] for c in sorted(inside, key=lambda c: (
                            round(c["top"]), c["x0"])))
                        assert _squash(label) == _squash(want), (path.name, n, label)
                        checked += 1
    assert checked


# -- Chinese set justified by inter-character spacing (issue 21) -------------------------------
def _cjk_lines(path):
    """Per (page, column, MCID piece): its body-size lines as (x0, x1, text), top to bottom
    (P and LBody text only: paragraphs, list items, glossary definitions)."""
    out: dict = {}
    size = body_size(path)
    with pdfplumber.open(path) as doc:
        for n, page in enumerate(doc.pages):
            for c in page.chars:
                if c.get("tag") not in ("P", "LBody") or abs(c["size"] - size) > 0.01 \
                        or not c["text"].strip():
                    continue
                col = 0 if c["x0"] < page.width / 2 else 1
                base = round(page.height - c["matrix"][5])
                out.setdefault((n, col, c["mcid"]), {}).setdefault(base, []).append(c)
    pieces = {}
    for key, rows in out.items():
        pieces[key] = [(min(c["x0"] for c in cs), max(c["x1"] for c in cs),
                        "".join(c["text"] for c in sorted(cs, key=lambda c: c["x0"])))
                       for _, cs in sorted(rows.items())]
    return pieces, size


def _poppler_words(path) -> dict:
    """page index -> [(yMin, xMin, xMax, text)] of every word, from pdftotext -bbox
    (poppler: it advances the text position by Tc after a string's last glyph, as viewers
    do; pdfminer does not)."""
    from conftest import tool

    out: dict = {}
    pages = tool("pdftotext", "-bbox", str(path), "-").split("<page ")[1:]
    for n, chunk in enumerate(pages):
        for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                             r'yMax="[\d.]+">([^<]*)</word>', chunk):
            out.setdefault(n, []).append((float(m.group(2)), float(m.group(1)),
                                          float(m.group(3)), m.group(4)))
    return out


@pytest.mark.parametrize("paper", matrix("paper", lang="zh-Hans", variant="standard"))
def test_chinese_lines_justified(dist, paper):
    """Every line of a Chinese paragraph but its last ends within 0.1 em of its column's
    other such lines (inter-character spacing), in the standard variant: which lines are a
    paragraph's from the marked content (pdfplumber), where they end from poppler."""
    path = pdf(dist, "zh-Hans", "standard", paper)
    pieces, size = _cjk_lines(path)
    words = _poppler_words(path)
    with pdfplumber.open(path) as doc:
        width = doc.pages[0].width
        tops = {}
        for n, page in enumerate(doc.pages):
            for c in page.chars:
                if c["text"].strip():
                    key = (n, c["mcid"], round(page.height - c["matrix"][5]))
                    tops[key] = min(tops.get(key, 1e9), c["top"])
    ends: dict = {}
    for (page, col, mcid), lines in pieces.items():
        if lines and max(x1 for _, x1, _ in lines) > width / 2 + 2 and col == 0:
            continue  # across both columns: the title band's notice, not a column's text
        bases = sorted(b for (n, m, b) in tops if n == page and m == mcid)
        for (x0, _, text), base in zip(lines[:-1], bases):
            top = tops[(page, mcid, base)]
            # where poppler's words on that line, in that column, end
            same = [w for w in words.get(page, []) if abs(w[0] - top) < 3
                    and x0 - 1 <= w[1] < (width / 2 if col == 0 else width)]
            if same:
                ends.setdefault((page, col, round(x0)), []).append((max(w[2] for w in same),
                                                                    text))
    assert ends
    for key, xs in ends.items():
        right = [x for x, _ in xs]
        assert max(right) - min(right) <= 0.1 * size + 0.01, (key, sorted(xs)[:2],
                                                              sorted(xs)[-1:])


def test_no_chinese_paragraph_ends_on_one_character(dist):
    """The last line of a Chinese paragraph holds two characters or more (punctuation not
    counted): never "一。" alone."""
    for c in built(dist):
        if c[0] != "zh-Hans":
            continue
        pieces, _ = _cjk_lines(pdf(dist, *c))
        for key, lines in pieces.items():
            text = lines[-1][2]
            chars = [ch for ch in text if ch not in CJK_NO_START + CJK_NO_END + "。，"]
            assert len(lines) == 1 or len(chars) >= 2, (c, key, text)


def test_chinese_large_print_flush_left(tmp_path):
    """Large print is never justified: no character spacing in its content streams."""
    from conftest import build_pdfs, make_workspace

    out = tmp_path / "out"
    build_pdfs(make_workspace(tmp_path), out, [("zh-Hans", "large-print", "letter")])
    with pikepdf.open(pdf(out, "zh-Hans", "large-print", "letter")) as doc:
        tc = [float(ops[0]) for page in doc.pages
              for ops, op in pikepdf.parse_content_stream(page) if str(op) == "Tc"]
    assert not any(tc), tc


def test_every_pdf_paints_in_tree_order(dist, shapes_dist):
    """Every page of every PDF (the default build; the shapes fixture with and without a
    clinic): marked content painted in the structure tree's order (content streams read with
    pikepdf), so a reader that ignores the tags still reads in order."""
    from conftest import shape_pdfs
    from pdfread import paint_order_problems

    paths = [pdf(dist, *c) for c in built(dist)] + shape_pdfs(shapes_dist)
    assert len(paths) >= len(built(dist)) + 8
    problems = [p for path in paths for p in paint_order_problems(path)]
    assert not problems, "\n".join(problems)
