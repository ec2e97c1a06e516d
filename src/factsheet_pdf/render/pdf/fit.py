"""The fit search: a composed document -> PDF bytes that fill its page budget.

Standard variant: body sizes from 14 pt down to 12 pt (0.5 pt steps) and, at each size,
leading, spacing, margins and sidebar placement from roomiest to tightest
(:data:`.styles.STANDARD_CANDIDATES`); the first setting that fits the sheet's page budget
wins. Each candidate's story is measured first (paragraphs wrapped, no PDF written) and only
a candidate whose measured demand fits is laid out in full; when a full layout overflows, the
error of the estimate corrects the estimates of the candidates after it. With a clinic's
contact block, the tightest 12 pt setting is then tried with the block's
:data:`.contact.FIT_STEPS` (QR code down to 0.8 in, then no logo, with
:func:`.contact.logo_dropped_warning`). Below 12 pt only as the last resort (the block at its
tightest), with a warning. When the last page's balanced columns end more than 1.5 lines
apart, the page is laid out again with the first column shifted (:func:`_balance`). Large print:
the roomiest spacing that needs the fewest pages a short page allows (:func:`_render_flow`).
The page count the marks print ("1/2", "Page N of M") is drawn after the last page
(:meth:`.pages.SheetDoc._defer_marks`): a layout is never repeated to print it.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass, replace
from functools import partial

from reportlab.platypus import FrameBreak
from reportlab.platypus.doctemplate import LayoutError

from ... import __version__, rlhooks
from ...compose.doc import Doc
from ...errors import Diagnostic, FactsheetError
from ...fonts import coverage, register
from ...hyphenate import hyphenator
from ...languages import chain_for, language
from ...markup import plain
from ...model import SourceLoc
from ...site.hours import THIN_SPACES
from ...tag import TaggingCanvas
from ...tag.canvas import FAKE_BOLD
from ...variants import VARIANTS
from .contact import FIT_STEPS, logo_dropped_warning
from .flowables import (GlossaryBox, KeepWithLast, NotAtTopFrameBreak, Rule, Unsplit,
                        apply_keep_rules)
from .measure import estimating
from .pages import Marks, SheetDoc, fill_columns
from .shaped import LineWriter
from ...text.layout import LINE_HEIGHT
from .story import Story, build_story
from .styles import (
    ACCENT,
    BODY_SIZES,
    LARGE_PRINT_STEPS,
    LAST_RESORT_CANDIDATES,
    PAPERS,
    SETTINGS,
    STANDARD_CANDIDATES,
    Params,
    make_styles,
)


@dataclass(frozen=True, slots=True)
class Rendered:
    data: bytes
    pages: int
    params: Params
    warnings: tuple[str, ...]
    layouts: int = 1
    """Full layouts this PDF took (the fit search's cost)."""


def doc_text(doc: Doc) -> str:
    """The document's text as plain text: what the font chosen for it must cover. CLDR's
    thin spaces do not count (drawn as a space the font has where it lacks them:
    :func:`factsheet_pdf.site.hours.fit_spaces`), nor do the list markers and the page
    marks, furniture drawn in that font whatever it covers (per-run font fallback is the
    world-scripts work)."""
    parts = [doc.meta.title, *(plain(n.spans) for n in doc.nodes() if n.kind != "marker")]
    text = "\n".join(parts)
    for ch in THIN_SPACES:
        text = text.replace(ch, " ")
    return text


def _measure(flowables, width: float) -> float:
    total = 0.0
    for i, f in enumerate(flowables):
        _, h = f.wrap(width, 10_000)
        total += h + (f.getSpaceBefore() if i else 0) + f.getSpaceAfter()
    return total


@dataclass
class _Prepared:
    """One candidate's story, styles and document, ready to be measured or laid out."""

    doc: Doc
    paper: str
    p: Params
    story: Story
    flow: list
    doc_kw: dict
    line_join: str
    identity: dict | None = None
    """The output's identity for the XMP metadata (see :mod:`factsheet_pdf.manifest`)."""


def _prepare(doc: Doc, paper: str, p: Params, identity: dict | None = None) -> _Prepared:
    rlhooks.install()
    meta = doc.meta
    variant = VARIANTS[meta.variant]
    lang = language(meta.lang)
    flowing = variant.contact == "flow"
    font, chain = chain_for(meta.lang, variant.name, doc_text(doc))
    chain.on_register = _fake_bold
    family = register(font)
    _fake_bold(family)
    hy = hyphenator(lang.hyphenation) if lang.hyphenation else None
    styles = make_styles(variant, p, font, hy, lang.cjk, family.has_bold)
    cov = coverage(font, "regular") if doc.contact is not None else frozenset()
    writer = _mark_writer(meta.lang, meta.dir == "rtl", font, chain)
    story = build_story(doc, variant, p, styles, font, lambda ch: ord(ch) in cov, chain,
                        writer)
    if story.missing:
        raise FactsheetError([Diagnostic(node.loc, f"{meta.lang} {variant.name}: no font "
                                                   f"draws {_describe(text)}")
                              for node, text in story.missing])

    mk = doc.marks
    marks = Marks(
        line=mk.line, page=mk.page, turn_over=mk.turn_over, continued=mk.continued,
        draft=mk.draft, font=f"{font}-regular", bold_font=f"{font}-bold",
        size=max(styles.mark.fontSize, variant.min_text_size),
        cue_size=max(styles.cue.fontSize, variant.min_text_size),
        rtl=meta.dir == "rtl", writer=writer,
    )
    w, _ = PAPERS[paper]
    full_w = w - 2 * p.margin
    with estimating():  # the title band's paragraphs are wrapped again in their frame
        band_h = _measure(story.band, full_w) if not flowing else 0.0
    footer_h = _measure(story.footer, full_w) if not flowing else 0.0
    if flowing:
        body = apply_keep_rules([*story.body, *story.glossary])
        if story.footer and body:  # the contact block stays with what precedes it
            body[-1] = KeepWithLast(body[-1], [Unsplit(list(story.footer))])
        elif story.footer:
            body = [Unsplit(list(story.footer))]
        rule = Rule(color=ACCENT, width=1.5, before=p.body * 0.2, after=p.body * 0.9)
        flow = [*story.band, rule, *body]
    else:
        glossary = ([_glossary_box(doc, story, styles, font, writer)]
                    if doc.glossary is not None else [])
        brk = NotAtTopFrameBreak() if p.sidebar == "column" and glossary else None
        flow = [*story.band, FrameBreak, *apply_keep_rules(story.body),
                *([brk] if brk else []), *glossary]
    doc_kw = {
        "variant": variant, "params": p, "marks": marks, "band_height": band_h,
        "footer": [] if flowing else story.footer, "footer_height": footer_h,
        "hang": p.body if lang.cjk and flowing else 0.0,
        "glossary_label": doc.continued if flowing else None,
        "pagesize": PAPERS[paper], "invariant": 1, "title": meta.title,
        "subject": meta.subject, "author": meta.author,
        "creator": f"factsheet-pdf {__version__}",
        "producer": f"factsheet-pdf {__version__} (ReportLab)", "lang": meta.lang,
        "displayDocTitle": 1, "initialFontName": f"{font}-regular", "pageCompression": 1,
        "leftMargin": p.margin, "rightMargin": p.margin, "topMargin": p.margin,
        "bottomMargin": p.margin,
    }
    return _Prepared(doc, paper, p, story, flow, doc_kw, "" if lang.cjk else " ", identity)


def _mark_writer(lang: str, rtl: bool, font: str, chain) -> LineWriter:
    regular, bold = coverage(font, "regular"), coverage(font, "bold")
    both = regular if regular is bold else _BOTH.get((font, id(regular), id(bold)))
    if both is None:
        both = _BOTH[font, id(regular), id(bold)] = regular & bold
    return LineWriter(lang, rtl, chain, lambda ch: ord(ch) in both)


_BOTH: dict[tuple, frozenset[int]] = {}
"""A family's characters drawn by both its regular and bold faces, per process (the marks'
writer asks for every fit candidate; a CJK family's set is 4 MB)."""


def _fake_bold(family) -> None:
    """A family without a bold face is drawn emboldened (tag.canvas.FAKE_BOLD)."""
    if not family.has_bold:
        FAKE_BOLD.add(f"{family.key}-bold")


def _describe(text: str) -> str:
    return ", ".join(f"{c!r} U+{ord(c):04X}" for c in dict.fromkeys(text))


def _glossary_box(doc: Doc, story: Story, styles, font: str, writer=None) -> GlossaryBox:
    """The story's shaded glossary pieces as one box that pads and labels its breaks."""
    items = [getattr(f, "inner", f) for f in story.glossary]
    for f in items:
        if getattr(f.style, "name", "") == "gloss_h":
            f.style.keepWithNext = 0
    gloss = styles.gloss
    return GlossaryBox(items, pad=gloss.fontSize * 0.8, gap=gloss.leading * 0.45,
                       label=doc.continued, label_font=f"{font}-bold",
                       label_size=max(gloss.fontSize * 0.8, 9.0), label_color=ACCENT,
                       writer=writer)


def _doc(prep: _Prepared, buf=None) -> SheetDoc:
    return SheetDoc(buf if buf is not None else io.BytesIO(), **prep.doc_kw)


def _estimate_over(prep: _Prepared, budget: int) -> float:
    """Measured demand minus capacity over ``budget`` pages, in pt (> 0: does not fit)."""
    doc = _doc(prep)
    body = prep.flow[prep.flow.index(FrameBreak) + 1:]
    line = prep.p.body * prep.p.leading
    with estimating():
        return fill_columns(body, doc.col_w, doc.column_plan(budget), slack=line)


def _layout(prep: _Prepared, budget: int | None, balance_shift: float = 0.0,
            short_pages: dict[int, float] | None = None) -> tuple[bytes, SheetDoc]:
    # The story's flowables are re-used by a second layout: build a fresh story then.
    buf = io.BytesIO()
    doc = _doc(prep, buf)
    doc.budget = budget
    doc.balance_shift = balance_shift
    doc.short_pages = dict(short_pages or {})
    canvas = TaggingCanvas
    if os.environ.get("FACTSHEET_UNTAGGED") == "1":  # benchmark baseline (bench/run.py)
        from ...tag.untagged import UntaggedCanvas as canvas
    canvasmaker = partial(canvas, tree=prep.story.tree, line_join="", identity=prep.identity)
    try:
        doc.build(list(prep.flow), canvasmaker=canvasmaker)
    except RuntimeError:
        if doc.footer_missing:  # the contact block found no room on the last page
            return b"", doc
        raise
    return buf.getvalue(), doc


def _fresh(prep: _Prepared) -> _Prepared:
    return _prepare(prep.doc, prep.paper, prep.p, prep.identity)


BALANCE_TRIES = (0.5, 1.0, 0.25, 0.75)
"""Fractions of the columns' difference tried as a shift of the balanced first column."""


def _imbalance(doc: SheetDoc) -> float:
    """How much lower the second column of the balanced last page ends than the first (pt;
    negative: the first ends lower); 0 when the last page was not balanced."""
    if doc.last_lows is None:
        return 0.0
    c1, c2 = doc.last_lows
    return c1 - c2


def _balance(prep: _Prepared, data: bytes, doc: SheetDoc, budget: int
             ) -> tuple[bytes, SheetDoc, int]:
    """Re-lay the sheet with the balanced first column shifted while the last page's columns
    end more than 1.5 lines apart (the estimate in pages.py cannot see where a glossary box
    or a kept group will split); keep the best layout. Returns (data, doc, extra layouts)."""
    line = prep.p.body * prep.p.leading
    diff = _imbalance(doc)
    layouts = 0
    best = (abs(diff), data, doc)
    for k in BALANCE_TRIES:
        if best[0] <= 1.5 * line:
            break
        try:
            d2, doc2 = _layout(_fresh(prep), budget, balance_shift=k * diff)
        except LayoutError:
            continue
        finally:
            layouts += 1
        if doc2.page == doc.page and not doc2.footer_missing and doc2.last_lows is not None \
                and abs(_imbalance(doc2)) < best[0]:
            best = (abs(_imbalance(doc2)), d2, doc2)
    return best[1], best[2], layouts


def title_loc(doc: Doc) -> SourceLoc | None:
    """Where a layout problem of the whole document is reported: its title, in the content
    file (English) or in the language's catalog."""
    return next((n.loc for n in doc.band if n.role == "H1"), None)


def render(doc: Doc, paper: str, *, identity: dict | None = None) -> Rendered:
    """Lay out, tag and serialise one PDF; raise FactsheetError when it cannot fit."""
    budget = doc.meta.budget
    if budget is None:
        return _render_flow(doc, paper, identity)
    lang = doc.meta.lang
    if any(s in LINE_HEIGHT for s in language(lang).scripts):
        budget += 1  # stacked scripts (Burmese, Khmer, Lao, Thai) need taller lines
    correction = 0.0
    layouts = 0
    best_over = None
    last_error = ""
    clinic = doc.contact if doc.contact is not None and doc.contact.kind == "clinic" else None
    candidates, groups = _candidates(clinic is not None)
    preps: dict[int, _Prepared] = {}
    estimates: dict[int, float] = {}

    def estimate(i: int) -> float:
        if i not in estimates:
            preps[i] = _prepare(doc, paper, candidates[i], identity)
            estimates[i] = _estimate_over(preps[i], budget)
        return estimates[i]

    # the tightest 12 pt settings are laid out whatever the estimate says (it errs on the
    # safe side: a glossary that breaks only between entries, the keep rules) before the
    # body goes below 12 pt
    always = {groups[len(BODY_SIZES) - 1][1] - 1}
    if clinic is not None and len(groups) > len(BODY_SIZES):
        always.add(groups[len(BODY_SIZES)][1] - 1)

    def fits(i: int) -> bool:
        return i == len(candidates) - 1 or i in always or estimate(i) + correction <= 0

    def first_fit(lo: int) -> int:
        """The first candidate from ``lo`` whose corrected estimate fits. Candidates come in
        (column, flow) pairs per setting, in groups (a body size's settings roomiest first;
        the clinic block's fit steps): within a group the demand falls monotonically, so one
        estimate of a group's tightest flow setting rules the group out, and the first
        fitting setting is found by bisection."""
        for start, end in groups:
            if end <= lo or not fits(end - 1):
                continue
            a, b = max((lo - start) // 2, 0), (end - start) // 2 - 1
            while a < b:  # first setting whose flow variant fits
                mid = (a + b) // 2
                if fits(start + 2 * mid + 1):
                    b = mid
                else:
                    a = mid + 1
            col = start + 2 * a
            return col if col >= lo and fits(col) else max(col + 1, lo)
        return len(candidates) - 1

    lo = 0
    while lo < len(candidates):
        i = first_fit(lo)
        estimate(i)
        p = candidates[i]
        lo = i + 1
        try:
            chosen = preps.pop(i)
            data, laid = _layout(chosen, budget)
            layouts += 1
        except LayoutError as e:
            layouts += 1
            last_error = str(e)
            continue
        if laid.page <= budget and not laid.footer_missing:
            data, laid, extra = _balance(_prepare(doc, paper, p, identity), data, laid, budget)
            layouts += extra
            warnings: tuple[str, ...] = ()
            if p.body < BODY_SIZES[-1]:
                warnings = ((f"{lang} {paper}: body text set at {p.body:g} pt, below "
                             f"the 12 pt minimum, to fit {budget} page(s)"),)
            if p.contact is not None and not p.contact.logo:
                dropped = logo_dropped_warning(clinic, lang) if clinic is not None else None
                if dropped:
                    warnings += (dropped,)
            return Rendered(data, laid.page, p, warnings, layouts)
        over = max(laid.overflow, p.body * p.leading)
        correction = max(correction, over - estimates[i])
        best_over = over if best_over is None else min(best_over, over)
    tightest = candidates[-1]
    if best_over is None:
        msg = f"layout failed: {last_error}"
    else:
        lines = best_over / (tightest.body * tightest.leading)
        msg = (f"{lang} does not fit {budget} pages on {paper}: about "
               f"{best_over:.0f} pt (~{lines:.0f} lines of body text) over, even at the tightest "
               f"setting ({tightest.describe()})")
    raise FactsheetError(Diagnostic(
        title_loc(doc), msg,
        hint="shorten the text, or check the translation for untranslated or doubled text",
    ))


def _candidates(site: bool) -> tuple[tuple[Params, ...], list[tuple[int, int]]]:
    """The standard fit loop's settings in order, and its groups as (start, end) ranges: the
    body sizes 14-12 pt; with a clinic block, the tightest 12 pt setting with the block's
    :data:`~.contact.FIT_STEPS` (QR code smaller, then no logo); then the last resort below
    12 pt (with the block at its tightest)."""
    per_size = 2 * len(SETTINGS)
    standard = list(STANDARD_CANDIDATES)
    last = list(LAST_RESORT_CANDIDATES)
    extra: list[Params] = []
    if site:
        tight = STANDARD_CANDIDATES[-2:]  # the tightest 12 pt setting: (column, flow)
        extra = [replace(q, contact=fit) for fit in FIT_STEPS[1:] for q in tight]
        last = [replace(q, contact=FIT_STEPS[-1]) for q in last]
    sizes = [per_size] * (len(standard) // per_size)
    sizes += [len(extra)] if extra else []
    sizes += [per_size] * (len(last) // per_size)
    groups, start = [], 0
    for n in sizes:
        groups.append((start, start + n))
        start += n
    return tuple(standard + extra + last), groups


MIN_FILL = 1 / 3
"""Large print: no page but an only one holds less than this share of a page of text."""
TRY_TIGHTER = 0.5
"""Large print: a last page less full than this is worth trying tighter spacing for (it may
save the page: spacing is tightened before a page is added)."""



def _flow_layout(doc: Doc, paper: str, p: Params, identity: dict | None,
                 short_pages: dict[int, float] | None = None) -> tuple[bytes, SheetDoc]:
    """One large-print layout at ``p`` (the page count in "Page N of M" is drawn after the
    last page: :meth:`.pages.SheetDoc._defer_marks`)."""
    return _layout(_prepare(doc, paper, p, identity), None, short_pages=short_pages)


def _short(laid: SheetDoc) -> list[int]:
    """Pages (after the first) with less than a third of a page of text."""
    if laid.page == 1:
        return []
    return [n for n in range(2, laid.page + 1) if laid.fill(n) < MIN_FILL]


def _render_flow(doc: Doc, paper: str, identity: dict | None) -> Rendered:
    """A variant without a page budget (large print): as many pages as needed, none but an only
    one with less than a third of a page of text. The roomiest setting that needs the fewest
    pages a short page allows (:data:`.styles.LARGE_PRINT_STEPS`: spacing is tightened before
    a page is added); a page still short then takes lines from the page before it (whose text
    ends higher: :attr:`.pages.SheetDoc.short_pages`)."""
    layouts = 0
    try:
        p = LARGE_PRINT_STEPS[0]
        data, laid = _flow_layout(doc, paper, p, identity)
        layouts += 1
        if _short(laid) or (laid.page > 1 and laid.fill(laid.page) < TRY_TIGHTER):
            for q in LARGE_PRINT_STEPS[1:]:
                d2, l2 = _flow_layout(doc, paper, q, identity)
                layouts += 1
                if l2.page < laid.page:  # tighter spacing saves the short page
                    p, data, laid = q, d2, l2
                    break
        if _short(laid):
            data, laid, n = _fill_short_pages(doc, paper, p, identity, data, laid)
            layouts += n
    except LayoutError as e:
        raise FactsheetError(Diagnostic(title_loc(doc), f"layout failed: {e}")) from None
    return Rendered(data, laid.page, p, (), layouts)


def _fill_short_pages(doc: Doc, paper: str, p: Params, identity, data: bytes,
                      laid: SheetDoc) -> tuple[bytes, SheetDoc, int]:
    """The page before a short page ends higher, by what the short page lacks and then a few
    lines more, until no page but the first is short (same page count; each page that gives
    lines keeps a third of a page)."""
    pages = laid.page
    line = p.body * p.leading
    cuts: dict[int, float] = {}
    layouts = 0
    for _ in range(6):
        short = _short(laid)
        if not short:
            break
        k = short[0]
        lack = (MIN_FILL - laid.fill(k)) * laid.flow_height
        free = max(0.0, 1.0 - laid.fill(k - 1)) * laid.flow_height - cuts.get(k - 1, 0.0)
        for extra in (1, 2, 3, 5):
            trial = {**cuts, k - 1: cuts.get(k - 1, 0.0) + max(free, 0.0) + lack + extra * line}
            d2, l2 = _flow_layout(doc, paper, p, identity, trial)
            layouts += 1
            if l2.page == pages and k not in _short(l2) and l2.fill(k - 1) >= MIN_FILL:
                cuts, data, laid = trial, d2, l2
                break
        else:
            break
    return data, laid, layouts
