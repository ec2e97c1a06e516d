"""Variants, papers and writing directions: what each is, declared once, as plain data.

Read by the command line (choices and help), compose (which blocks a variant has and how a
table or the glossary is structured), the renderers (sizes, columns, faces), ``bench/``,
``tools/`` and the tests (which take their output counts from here). Nothing here imports
ReportLab; sizes are in PostScript points (1/72 in).

A new variant is one :class:`Variant` record in :data:`VARIANTS` (and a test); nothing else
branches on a variant's name.
"""

from __future__ import annotations

from dataclasses import dataclass

INCH = 72.0
MM = 72.0 / 25.4


@dataclass(frozen=True, slots=True)
class Sizes:
    """Type sizes of the text a variant prints (pt); ``None``: the body size."""

    title: float
    heading: float | None
    """Section headings (H2), the glossary's and the contact block's in flow; None: 1.2 x body."""
    small: float
    """The source line and other small print (the review notice is set at the body size:
    patients act on it)."""
    series: float
    contact_heading: float | None
    """The contact block's heading in a footer band; None: like the section headings."""
    contact: float
    """The contact block's text: what patients act on, never smaller than 12 pt (standard)
    or the body (large print)."""
    mark: float
    """The running foot line (page marks)."""
    cue: float
    """The "turn over" / "continued" cue."""


@dataclass(frozen=True, slots=True)
class Variant:
    """One kind of output every sheet is made in."""

    name: str
    """As on the command line and in file names."""
    label: str | None
    """Shared string (``label.<name>``) added to the document title, or None."""
    columns: int
    """Text columns on a page (2: body and glossary sidebar; 1: one flow)."""
    glossary: str
    """``sidebar``: a shaded box beside the body; ``section``: a section after the body."""
    tables: str
    """``table``: a real table; ``groups``: one labelled group per row (large print)."""
    contact: str
    """``footer``: a band at the foot of the last page; ``flow``: the end of the flow."""
    budget: bool
    """True: the sheet's page budget (``pages:``) holds and the body size is fitted to it;
    False: as many pages as the text needs, at one setting."""
    hyphenate: bool
    emphasis: str
    """How ``*emphasis*`` is drawn: ``italic`` or ``underline`` (never italic in large print)."""
    min_text_size: float
    """Smallest size of any text, page marks included."""
    page_label: str
    """Shared string of the page number in the marks: ``page-mark`` ("2/3") or
    ``page-n-of-m`` ("Page 2 of 3")."""
    cues: bool
    """Whether pages that have a next page say "turn over" / "continued"."""
    sizes: Sizes
    fonts: tuple[str, ...]
    """Font families preferred, in order (the first that covers the text draws it)."""
    faces: tuple[str, ...]
    """Faces a sheet in this variant may use."""
    italic_source: bool
    """The source line, the review notice and a cross-reference set in italic (the standard
    variant's small print) rather than roman (the notice: bold)."""
    muted_small_print: bool
    """Small print (source line, page marks) in the muted grey rather than in ink."""
    heading_space: float
    """Space before a section heading, in paragraph spaces."""
    item_space: float
    """Space after a list item, in paragraph spaces."""
    cjk_justified: bool = False
    """Chinese and Japanese text set justified by inter-character spacing (their convention)
    rather than flush left."""


VARIANTS: dict[str, Variant] = {
    v.name: v for v in (
        Variant(
            name="standard", label=None, columns=2, glossary="sidebar", tables="table",
            contact="footer", budget=True, hyphenate=True, emphasis="italic",
            min_text_size=7.5, page_label="page-mark", cues=True,
            sizes=Sizes(title=24.0, heading=None, small=9.0, series=10.0,
                        contact_heading=12.5, contact=12.0, mark=8.0, cue=9.5),
            fonts=("noto-sans",), faces=("regular", "bold", "italic"), italic_source=True,
            muted_small_print=True, heading_space=1.2, item_space=0.25, cjk_justified=True),
        Variant(
            name="large-print", label="large-print", columns=1, glossary="section",
            tables="groups", contact="flow", budget=False, hyphenate=False,
            emphasis="underline", min_text_size=18.0, page_label="page-n-of-m", cues=False,
            sizes=Sizes(title=32.0, heading=24.0, small=18.0, series=18.0,
                        contact_heading=None, contact=18.0, mark=18.0, cue=18.0),
            fonts=("atkinson", "noto-sans"), faces=("regular", "bold"), italic_source=False,
            muted_small_print=False, heading_space=1.4, item_space=0.5),
    )
}
"""Every variant, in build order."""

VARIANT_NAMES: tuple[str, ...] = tuple(VARIANTS)

BRAILLE = Variant(
    name="braille", label=None, columns=1, glossary="section", tables="groups",
    contact="flow", budget=False, hyphenate=False, emphasis="italic", min_text_size=0.0,
    page_label="page-mark", cues=False, sizes=VARIANTS["large-print"].sizes, fonts=(),
    faces=("regular",), italic_source=False, muted_small_print=False, heading_space=1.0,
    item_space=0.0)
"""The braille edition's document (:mod:`.render.braille`): one flow, the glossary as a
section after the body, tables as labelled rows (as in large print), the contact block at the
end. Not a variant of the command line: a sheet has one braille edition per language, whatever
the variants built; its sizes and fonts are not used."""

EDITIONS: dict[str, Variant] = {**VARIANTS, BRAILLE.name: BRAILLE}
"""Every document compose makes: the variants and the braille edition."""


@dataclass(frozen=True, slots=True)
class Paper:
    name: str
    width: float
    height: float


PAPERS: dict[str, Paper] = {
    p.name: p for p in (
        Paper("letter", 8.5 * INCH, 11 * INCH),
        Paper("a4", 210 * MM, 297 * MM),
    )
}
PAPER_NAMES: tuple[str, ...] = tuple(PAPERS)


@dataclass(frozen=True, slots=True)
class Direction:
    """A writing direction and what it mirrors on a page."""

    name: str
    """``ltr`` or ``rtl`` (HTML's ``dir``; CLDR's character order)."""
    start: str
    """The side lines start on: ``left`` or ``right``."""
    mirrored: bool
    """Columns, the glossary's side, list markers, alignment and the page-mark cue are
    mirrored (right to left)."""


DIRECTIONS: dict[str, Direction] = {
    d.name: d for d in (Direction("ltr", "left", False), Direction("rtl", "right", True))
}


def variant(name: str) -> Variant:
    """The variant called ``name``; KeyError names the known ones."""
    try:
        return VARIANTS[name]
    except KeyError:
        raise KeyError(f"unknown variant {name!r} (known: {', '.join(VARIANT_NAMES)})") from None


def outputs_per_language(variants: tuple[str, ...] = VARIANT_NAMES,
                         papers: tuple[str, ...] = PAPER_NAMES) -> int:
    """How many PDFs one sheet in one language makes (tests take their counts from here)."""
    return len(variants) * len(papers)
