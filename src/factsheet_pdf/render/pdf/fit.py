"""The fit search: a Sheet in one language -> PDF bytes that fill the page budget.

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
apart, the page is laid out again with the first column shifted (:func:`_balance`). Large print: one setting, laid out with the page count
estimated and again only when the count printed in "Page N of M" was wrong.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass, replace
from datetime import date
from functools import partial

from babel import Locale
from babel.dates import format_skeleton
from reportlab.platypus import FrameBreak
from reportlab.platypus.doctemplate import LayoutError

from ... import __version__, markup, rlhooks
from ...errors import Diagnostic, FactsheetError
from ...fonts import register
from ...hyphenate import hyphenator
from ...languages import font_for, language, names
from ...model import Sheet, Unit
from ...rlseam import frame_available
from ...tag import TaggingCanvas
from ...tag.canvas import FAKE_BOLD
from .contact import FIT_STEPS, logo_dropped_warning
from .flowables import GlossaryBox, NotAtTopFrameBreak, Unsplit, apply_keep_rules
from .pages import Marks, SheetDoc, fill_columns, stack_height
from .story import Story, build_story
from .styles import (
    ACCENT,
    BODY_SIZES,
    LARGE_PRINT,
    LAST_RESORT_CANDIDATES,
    PAPERS,
    SETTINGS,
    STANDARD_CANDIDATES,
    VARIANTS,
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


def _plain(unit: Unit) -> str:
    return markup.plain_text(unit.text)


def _label(sheet: Sheet, name: str) -> str | None:
    try:
        return _plain(sheet.label(name))
    except KeyError:
        return None


def revision_text(revised: str | None, lang: str) -> str | None:
    """``YYYY-MM`` -> month and year in the language (Babel/CLDR), e.g. "marzo de 2024"."""
    if not revised:
        return None
    year, month = (int(x) for x in revised.split("-")[:2])
    return format_skeleton("yMMMM", date(year, month, 1), locale=Locale.parse(lang, sep="-"))


def mark_line(sheet: Sheet) -> str:
    """The running foot line without the page number (see pages.py for the spec)."""
    native, english = names(sheet.lang)
    parts = [native] if native.casefold() == english.casefold() else [native, english]
    parts.append(sheet.title_en or _plain(sheet.title))
    rev = revision_text(sheet.revised, sheet.lang)
    if rev:
        parts.append(rev)
    return " \u00b7 ".join(parts)


def _measure(flowables, width: float) -> float:
    total = 0.0
    for i, f in enumerate(flowables):
        _, h = f.wrap(width, 10_000)
        total += h + (f.getSpaceBefore() if i else 0) + f.getSpaceAfter()
    return total


@dataclass
class _Prepared:
    """One candidate's story, styles and document, ready to be measured or laid out."""

    sheet: Sheet
    variant: str
    paper: str
    p: Params
    draft: bool
    story: Story
    flow: list
    doc_kw: dict
    line_join: str
    identity: dict | None = None
    """The output's identity for the XMP metadata (see :mod:`factsheet_pdf.manifest`)."""


def _prepare(sheet: Sheet, variant_name: str, paper: str, p: Params, draft: bool,
             identity: dict | None = None) -> _Prepared:
    rlhooks.install()
    variant = VARIANTS[variant_name]
    lang = language(sheet.lang)
    large = variant_name == "large-print"
    font = font_for(sheet.lang, variant_name, "\n".join(_plain(u) for u in sheet.units()))
    family = register(font)
    if not family.has_bold:
        FAKE_BOLD.add(f"{font}-bold")
    hy = hyphenator(lang.hyphenation) if lang.hyphenation else None
    styles = make_styles(variant, p, font, hy, lang.cjk, family.has_bold)
    notice = sheet.label("review-notice") if sheet.review_status == "unreviewed" else None
    story = build_story(sheet, variant, p, styles, font, notice)

    turn_over = _label(sheet, "turn-over")
    marks = Marks(
        line=mark_line(sheet),
        page=_plain(sheet.label("page-n-of-m" if large else "page-mark")),
        turn_over=None if large else turn_over,
        continued=None if large else (_label(sheet, "continued") or turn_over),
        draft=_plain(sheet.label("draft-mark")) if draft else None,
        font=f"{font}-regular",
        bold_font=f"{font}-bold",
        size=max(styles.mark.fontSize, variant.min_text_size),
        cue_size=max(styles.cue.fontSize, variant.min_text_size),
    )
    w, _ = PAPERS[paper]
    title = _plain(sheet.title)
    if large:
        title = f"{title} ({_plain(sheet.label('large-print'))})"
    if draft:
        title = f"{_plain(sheet.label('draft'))}: {title}"
    subject = _plain(sheet.label("subject"))
    if sheet.series is not None:
        subject = f"{_plain(sheet.series)}: {subject}"
    full_w = w - 2 * p.margin
    band_h = _measure(story.band, full_w) if not large else 0.0
    footer_h = _measure(story.footer, full_w) if not large else 0.0
    if large:
        body = apply_keep_rules([*story.body, *story.glossary])
        flow = [*story.band, *body, *([Unsplit(list(story.footer))] if story.footer else [])]
    else:
        glossary = ([_glossary_box(sheet, story, styles, font)]
                    if sheet.glossary is not None else [])
        brk = NotAtTopFrameBreak() if p.sidebar == "column" and glossary else None
        flow = [*story.band, FrameBreak, *apply_keep_rules(story.body),
                *([brk] if brk else []), *glossary]
    doc_kw = {
        "variant": variant, "params": p, "marks": marks, "band_height": band_h,
        "footer": [] if large else story.footer, "footer_height": footer_h,
        "hang": p.body if lang.cjk and large else 0.0,
        "pagesize": PAPERS[paper], "invariant": 1, "title": title, "subject": subject,
        "author": _plain(sheet.series) if sheet.series else "",
        "creator": f"factsheet-pdf {__version__}",
        "producer": f"factsheet-pdf {__version__} (ReportLab)", "lang": sheet.lang,
        "displayDocTitle": 1, "initialFontName": f"{font}-regular", "pageCompression": 1,
        "leftMargin": p.margin, "rightMargin": p.margin, "topMargin": p.margin,
        "bottomMargin": p.margin,
    }
    return _Prepared(sheet, variant_name, paper, p, draft, story, flow, doc_kw,
                     "" if lang.cjk else " ", identity)


def _glossary_box(sheet: Sheet, story: Story, styles, font: str) -> GlossaryBox:
    """The story's shaded glossary pieces as one box that pads and labels its breaks."""
    items = [getattr(f, "inner", f) for f in story.glossary]
    for f in items:
        if getattr(f.style, "name", "") == "gloss_h":
            f.style.keepWithNext = 0
    gloss = styles.gloss
    label = _label(sheet, "glossary-continued")
    if label:
        label = label.replace("{heading}", _plain(sheet.glossary.heading))
    return GlossaryBox(items, pad=gloss.fontSize * 0.8, gap=gloss.leading * 0.45,
                       label=label, short_label=_label(sheet, "continued"),
                       label_font=f"{font}-bold", label_size=max(gloss.fontSize * 0.8, 9.0),
                       label_color=ACCENT)


def _doc(prep: _Prepared, total_pages: int, buf=None) -> SheetDoc:
    return SheetDoc(buf if buf is not None else io.BytesIO(), total_pages=total_pages,
                    **prep.doc_kw)


def _estimate_over(prep: _Prepared, budget: int) -> float:
    """Measured demand minus capacity over ``budget`` pages, in pt (> 0: does not fit)."""
    doc = _doc(prep, budget)
    body = prep.flow[prep.flow.index(FrameBreak) + 1:]
    line = prep.p.body * prep.p.leading
    return fill_columns(body, doc.col_w, doc.column_plan(budget), slack=line)


def _layout(prep: _Prepared, total_pages: int, budget: int | None,
            balance_shift: float = 0.0) -> tuple[bytes, SheetDoc]:
    # The story's flowables are re-used by a second layout: build a fresh story then.
    buf = io.BytesIO()
    doc = _doc(prep, total_pages, buf)
    doc.budget = budget
    doc.balance_shift = balance_shift
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
    return _prepare(prep.sheet, prep.variant, prep.paper, prep.p, prep.draft, prep.identity)


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
            d2, doc2 = _layout(_fresh(prep), doc.page, budget, balance_shift=k * diff)
        except LayoutError:
            continue
        finally:
            layouts += 1
        if doc2.page == doc.page and not doc2.footer_missing and doc2.last_lows is not None \
                and abs(_imbalance(doc2)) < best[0]:
            best = (abs(_imbalance(doc2)), d2, doc2)
    return best[1], best[2], layouts


def render(sheet: Sheet, variant: str, paper: str, *, draft: bool = False,
           identity: dict | None = None) -> Rendered:
    """Lay out, tag and serialise one PDF; raise FactsheetError when it cannot fit."""
    if variant == "large-print":
        return _render_large(sheet, paper, draft, identity)
    budget = sheet.pages or 2
    correction = 0.0
    layouts = 0
    best_over = None
    last_error = ""
    candidates, groups = _candidates(sheet.site is not None)
    preps: dict[int, _Prepared] = {}
    estimates: dict[int, float] = {}

    def estimate(i: int) -> float:
        if i not in estimates:
            preps[i] = _prepare(sheet, variant, paper, candidates[i], draft, identity)
            estimates[i] = _estimate_over(preps[i], budget)
        return estimates[i]

    def fits(i: int) -> bool:
        return i == len(candidates) - 1 or estimate(i) + correction <= 0

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
            data, doc = _layout(chosen, budget, budget)
            layouts += 1
        except LayoutError as e:
            layouts += 1
            last_error = str(e)
            continue
        if doc.page <= budget and not doc.footer_missing:
            if doc.page != budget:  # the marks printed the wrong page count
                data, doc = _layout(_prepare(sheet, variant, paper, p, draft, identity),
                                    doc.page, budget)
                layouts += 1
            data, doc, extra = _balance(
                _prepare(sheet, variant, paper, p, draft, identity), data, doc, budget)
            layouts += extra
            warnings: tuple[str, ...] = ()
            if p.body < BODY_SIZES[-1]:
                warnings = ((f"{sheet.lang} {paper}: body text set at {p.body:g} pt, below "
                             f"the 12 pt minimum, to fit {budget} page(s)"),)
            if p.contact is not None and not p.contact.logo:
                block = chosen.story.contact_block
                dropped = logo_dropped_warning(block) if block is not None else None
                if dropped:
                    warnings += (dropped,)
            return Rendered(data, doc.page, p, warnings, layouts)
        over = max(doc.overflow, p.body * p.leading)
        correction = max(correction, over - estimates[i])
        best_over = over if best_over is None else min(best_over, over)
    tightest = candidates[-1]
    if best_over is None:
        msg = f"layout failed: {last_error}"
    else:
        lines = best_over / (tightest.body * tightest.leading)
        msg = (f"{sheet.lang} does not fit {budget} pages on {paper}: about "
               f"{best_over:.0f} pt (~{lines:.0f} lines of body text) over, even at the tightest "
               f"setting ({tightest.describe()})")
    raise FactsheetError(Diagnostic(
        sheet.title.loc if sheet.lang == "en" else None, msg,
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


def _render_large(sheet: Sheet, paper: str, draft: bool, identity: dict | None) -> Rendered:
    p = LARGE_PRINT
    prep = _prepare(sheet, "large-print", paper, p, draft, identity)
    doc = _doc(prep, 1)
    frame = doc.pageTemplates[0].frames[0]
    frame_w, frame_h = frame_available(frame)
    usable = frame_h - p.body * p.leading
    guess = max(1, -int(-stack_height(prep.flow, frame_w) // usable))
    try:
        data, doc = _layout(prep, guess, None)
        layouts = 1
        if doc.page != guess:
            data, doc = _layout(_fresh(prep), doc.page, None)
            layouts = 2
    except LayoutError as e:
        raise FactsheetError(Diagnostic(None, f"layout failed: {e}")) from None
    return Rendered(data, doc.page, p, (), layouts)
