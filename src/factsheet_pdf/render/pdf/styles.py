"""The typographic settings a PDF layout is built with, and its paragraph styles.

A :class:`~factsheet_pdf.variants.Variant` (plain data, declared once in
:mod:`factsheet_pdf.variants`) fixes what the guidelines fix (columns, sizes, emphasis); a
:class:`Params` is one point in the range DESIGN.md allows a long language to be fitted in
(body 14 down to 12 pt, 11 pt only as a last resort; leading 1.15-1.3, spacing, margins
>= 0.5 in, sidebar placement).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from reportlab.lib import colors
from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch

from ...hyphenate import no_hyphenation
from ...text.addresses import WASTE
from ...variants import PAPERS as PAPER_DATA
from ...variants import Variant

if TYPE_CHECKING:
    from .contact import ContactFit

PAPERS = {name: (p.width, p.height) for name, p in PAPER_DATA.items()}
"""Page sizes in pt as ReportLab takes them (``pagesize``), from :mod:`factsheet_pdf.variants`."""

# Colours (WCAG contrast >= 7:1 for all text on white and on SHADE; tests/test_contrast.py).
INK = colors.HexColor("#1a1a1a")
ACCENT = colors.HexColor("#1f3f6e")
LINK = colors.HexColor("#0b3d91")
MUTED = colors.HexColor("#3d3d3d")
SHADE = colors.HexColor("#d3deec")  # 1.36:1 against white: survives greyscale printing
RULE = colors.HexColor("#9fb6d3")
DRAFT = colors.HexColor("#800000")
TEXT_COLOURS = {"ink": INK, "accent": ACCENT, "link": LINK, "muted": MUTED, "draft": DRAFT}
BACKGROUNDS = {"white": colors.white, "shade": SHADE}


@dataclass(frozen=True, slots=True)
class Params:
    """One candidate setting for the fit search (standard) or the fixed large-print setting."""

    body: float
    leading: float
    """Baseline-to-baseline distance divided by font size."""
    space: float
    """Space between paragraphs, in lines of body text."""
    margin: float
    """Page margins in points."""
    sidebar: str = "column"
    """'column': the glossary starts a new column; 'flow': it follows the body at once."""
    gutter: float = 0.25 * inch
    contact: ContactFit | None = None
    """A clinic block's :class:`~factsheet_pdf.render.pdf.contact.ContactFit` (None: the roomiest;
    the fit loop's last steps before the last resort shrink it)."""

    def describe(self) -> str:
        text = (f"body {self.body:g} pt, leading {self.leading:g}, margins "
                f"{self.margin / inch:g} in, glossary {self.sidebar}")
        if self.contact is not None:
            text += (f", QR code {self.contact.qr_size / inch:g} in"
                     f"{'' if self.contact.logo else ', no logo'}")
        return text


# The settings of one body size, roomiest first (leading, paragraph space in lines, margin).
SETTINGS = (
    (1.3, 0.5, 0.6 * inch),
    (1.25, 0.45, 0.55 * inch),
    (1.25, 0.4, 0.5 * inch),
    (1.2, 0.35, 0.5 * inch),
    (1.15, 0.3, 0.5 * inch),
    (1.15, 0.2, 0.5 * inch),
)
BODY_SIZES = (14.0, 13.5, 13.0, 12.5, 12.0)
LAST_RESORT_SIZES = (11.5, 11.0)
"""Below 12 pt only when nothing else fits, with a warning."""


def _candidates(sizes):
    return tuple(
        Params(body, lead, space, margin, sidebar)
        for body in sizes
        for lead, space, margin in SETTINGS
        for sidebar in ("column", "flow")
    )


# Tried in order until the sheet fits its page budget: the roomiest (largest type) first; at
# each size a glossary sidebar that starts its own column before one that follows the body.
STANDARD_CANDIDATES = _candidates(BODY_SIZES)
LAST_RESORT_CANDIDATES = _candidates(LAST_RESORT_SIZES)
LARGE_PRINT = Params(18.0, 1.35, 0.75, 1.0 * inch, "none")
LARGE_PRINT_STEPS = (
    LARGE_PRINT,
    Params(18.0, 1.3, 0.6, 1.0 * inch, "none"),
    Params(18.0, 1.25, 0.5, 1.0 * inch, "none"),
    Params(18.0, 1.25, 0.4, 1.0 * inch, "none"),
)
"""Large print's settings, roomiest first: spacing (leading 1.35 down to 1.25, the guidelines'
floor, and the space between paragraphs) is tightened before a page is added."""


@dataclass(frozen=True, slots=True)
class Styles:
    series: ParagraphStyle
    title: ParagraphStyle
    source: ParagraphStyle
    notice: ParagraphStyle
    h2: ParagraphStyle
    body: ParagraphStyle
    item: ParagraphStyle
    xref: ParagraphStyle
    gloss_h: ParagraphStyle
    gloss: ParagraphStyle
    contact_h: ParagraphStyle
    contact: ParagraphStyle
    mark: ParagraphStyle
    cue: ParagraphStyle
    bullet_size: float


def make_styles(variant: Variant, p: Params, font: str, hyphenator, cjk: bool,
                has_bold: bool) -> Styles:
    """ParagraphStyles for one (variant, params, language) build."""
    bold = f"{font}-bold"
    regular = f"{font}-regular"
    italic = f"{font}-italic" if variant.emphasis == "italic" else regular
    wrap = "CJK" if cjk else None
    # Chinese (and Japanese) text in the standard variant is set justified by inter-character
    # spacing, as those scripts are (rlhooks.cjk_justify); everything else flush left, ragged
    # right (WCAG 1.4.8: no rivers can form where there are no word spaces to widen)
    align = TA_JUSTIFY if cjk and variant.cjk_justified else TA_LEFT
    space = p.space * p.body * p.leading
    sz = variant.sizes

    def style(name, size, *, face=regular, lead=p.leading, color=INK, before=0.0, after=0.0,
              alignment=TA_LEFT, hyph=None, **kw) -> ParagraphStyle:
        s = ParagraphStyle(
            name, fontName=face, fontSize=size, leading=round(size * lead, 2),
            textColor=color, spaceBefore=before, spaceAfter=after, alignment=alignment,
            allowWidows=0, allowOrphans=0, hyphenationLang=hyph or no_hyphenation,
            embeddedHyphenation=0, uriWasteReduce=waste, splitLongWords=1, **kw,
        )
        if wrap:
            s.wordWrap = wrap
        return s

    hy = hyphenator if variant.hyphenate else None
    # A web address breaks inside (at a "/"...) rather than move whole to the next line only
    # when that would leave the line more than WASTE empty; in large print only when it is
    # longer than a line (words are not split there unless unavoidable: UKAAF).
    waste = WASTE if variant.hyphenate else 0
    body = p.body
    h2_size = sz.heading if sz.heading is not None else round(body * 1.2, 1)
    small = sz.small
    muted = MUTED if variant.muted_small_print else INK
    slanted = italic if variant.italic_source else regular
    heading_face = bold  # a family without bold draws it emboldened (tag.canvas.FAKE_BOLD)
    h2 = dict(face=heading_face, lead=1.2, color=ACCENT, balance=1)  # balanced lines
    return Styles(
        series=style("series", sz.series, face=heading_face, color=ACCENT, after=2),
        title=style("title", sz.title, face=heading_face, lead=1.15, color=ACCENT,
                    after=space * 0.5, balance=1),
        source=style("source", small, face=slanted, lead=1.3, color=muted, after=space * 0.5),
        # the review notice: at the body size and upright, patients act on it
        notice=style("notice", body, lead=p.leading, color=INK, after=space * 0.5),
        h2=style("h2", h2_size, **h2, before=space * variant.heading_space, after=space * 0.4),
        body=style("body", body, alignment=align, after=space, hyph=hy),
        item=style("item", body, alignment=align, after=space * variant.item_space, hyph=hy),
        xref=style("xref", body, face=slanted, alignment=align, after=space),
        gloss_h=style("gloss_h", h2_size, **h2),
        gloss=style("gloss", body, alignment=align, hyph=hy),
        contact_h=(style("contact_h", h2_size, **h2, before=space * 1.4, after=space * 0.4)
                   if sz.contact_heading is None else
                   style("contact_h", sz.contact_heading, face=heading_face, color=ACCENT,
                         lead=1.25, balance=1)),
        contact=style("contact", sz.contact, lead=1.3 if sz.contact_heading is None else 1.15),
        mark=style("mark", sz.mark, color=muted),
        cue=style("cue", sz.cue, face=heading_face, color=muted),
        bullet_size=body,
    )
