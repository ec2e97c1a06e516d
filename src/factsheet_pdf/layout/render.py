"""The fit loop: build with each candidate setting until the sheet fits, then return bytes."""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import partial

from reportlab.platypus import FrameBreak
from reportlab.platypus.doctemplate import LayoutError

from .. import __version__, markup
from ..errors import Diagnostic, FactsheetError
from ..fonts import register
from ..hyphenate import hyphenator
from ..languages import font_for, language, names
from ..model import Sheet, Unit
from ..tag import TaggingCanvas
from . import cjk
from .flowables import NotAtTopFrameBreak
from .inline import fill
from .pages import Marks, SheetDoc
from .story import build_story
from .styles import LARGE_PRINT, PAPERS, STANDARD_CANDIDATES, VARIANTS, Params, make_styles


@dataclass(frozen=True, slots=True)
class Rendered:
    data: bytes
    pages: int
    params: Params
    warnings: tuple[str, ...]


def _plain(unit: Unit) -> str:
    return markup.plain_text(unit.text)


def _measure(flowables, width: float) -> float:
    total = 0.0
    for i, f in enumerate(flowables):
        _, h = f.wrap(width, 10_000)
        total += h + (f.getSpaceBefore() if i else 0) + f.getSpaceAfter()
    return total


def _build_once(sheet: Sheet, variant_name: str, paper: str, p: Params, draft: bool,
                total_pages: int, identity: dict | None = None) -> tuple[bytes, SheetDoc]:
    variant = VARIANTS[variant_name]
    lang = language(sheet.lang)
    family_key = font_for(sheet.lang, variant_name,
                          "\n".join(_plain(u) for u in sheet.units()))
    family = register(family_key)
    font = family_key
    hy = hyphenator(lang.hyphenation) if lang.hyphenation else None
    if lang.cjk:
        cjk.install()
    styles = make_styles(variant, p, font, hy, lang.cjk, family.has_bold)
    notice = sheet.label("review-notice") if sheet.review_status == "unreviewed" else None
    story = build_story(sheet, variant, p, styles, font, notice)

    native, english = names(sheet.lang)
    marker = fill(_plain(sheet.label("language-marker")), language=native, language_en=english,
                  sheet=sheet.id)
    large = variant_name == "large-print"
    marks = Marks(
        page=_plain(sheet.label("page-n-of-m" if large else "page-mark")),
        turn_over=None if large else _plain(sheet.label("turn-over")),
        marker=marker,
        draft=_plain(sheet.label("draft-mark")) if draft else None,
        font=f"{font}-regular",
        bold_font=f"{font}-bold",
        size=max(styles.mark.fontSize, variant.min_text_size),
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

    buf = io.BytesIO()
    full_w = w - 2 * p.margin
    band_h = _measure(story.band, full_w) if not large else 0.0
    footer_h = _measure(story.footer, full_w) if not large else 0.0
    doc = SheetDoc(
        buf, variant=variant, params=p, marks=marks, band_height=band_h,
        footer=story.footer, footer_height=footer_h, total_pages=total_pages,
        hang=p.body if lang.cjk and large else 0.0,
        pagesize=PAPERS[paper], invariant=1, title=title, subject=subject,
        author=_plain(sheet.series) if sheet.series else "", creator=f"factsheet-pdf {__version__}",
        producer=f"factsheet-pdf {__version__} (ReportLab)", lang=sheet.lang,
        displayDocTitle=1, initialFontName=f"{font}-regular", pageCompression=1,
        leftMargin=p.margin, rightMargin=p.margin, topMargin=p.margin, bottomMargin=p.margin,
    )
    if large:
        flow = [*story.band, *story.body, *story.glossary, *story.footer]
    else:
        brk = NotAtTopFrameBreak() if p.sidebar == "column" else None
        flow = [*story.band, FrameBreak, *story.body, *([brk] if brk else []), *story.glossary]
    canvasmaker = partial(TaggingCanvas, tree=story.tree, line_join="" if lang.cjk else " ",
                          identity=identity)
    doc.build(flow, canvasmaker=canvasmaker)
    return buf.getvalue(), doc


def render(sheet: Sheet, variant: str, paper: str, *, draft: bool = False,
           identity: dict | None = None) -> Rendered:
    """Lay out, tag and serialise one PDF; raise FactsheetError when it cannot fit."""
    v = VARIANTS[variant]
    candidates = STANDARD_CANDIDATES if variant == "standard" else (LARGE_PRINT,)
    best_over = None
    for p in candidates:
        try:
            data, doc = _build_once(sheet, variant, paper, p, draft, v.max_pages or 1,
                                    identity)
        except LayoutError as e:
            best_over = best_over if best_over is not None else float("inf")
            last_error = str(e)
            continue
        pages = doc.page
        if v.max_pages is None:
            if pages != 1:  # second pass with the real page count in "Page N of M"
                data, doc = _build_once(sheet, variant, paper, p, draft, pages, identity)
            return Rendered(data, doc.page, p, ())
        if pages <= v.max_pages:
            return Rendered(data, pages, p, ())
        best_over = doc.overflow if best_over is None else min(best_over, doc.overflow)
    tightest = candidates[-1]
    if best_over == float("inf"):
        msg = f"layout failed: {last_error}"
    else:
        lines = best_over / (tightest.body * tightest.leading)
        msg = (f"{sheet.lang} does not fit {v.max_pages} pages on {paper}: about "
               f"{best_over:.0f} pt (~{lines:.0f} lines of body text) over, even at the tightest "
               f"setting ({tightest.describe()})")
    raise FactsheetError(Diagnostic(
        sheet.title.loc if sheet.lang == "en" else None, msg,
        hint="shorten the text, or check the translation for untranslated or doubled text",
    ))
