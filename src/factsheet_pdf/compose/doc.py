"""The composed document: format-neutral, frozen data every renderer reads.

A :class:`Doc` is one sheet in one language and one variant, decided: its metadata, its
regions (title band, body, glossary, contact block) in reading order, and the page marks'
texts. Each :class:`Node` has a role (the PDF structure type it is tagged as, which an HTML
or braille renderer maps to its own), a ``kind`` that says what the node is in the sheet
(``title``, ``heading``, ``item``, ``term``...: renderers style by it), a language and a
direction, alternative text where it has one, and the source location of the content or
catalog entry its text came from. Inline text is a tuple of :class:`~factsheet_pdf.markup.Span`
(the one inline type: text, bold, italic, link, field), with placeholders already filled.

No ReportLab, no fonts: :func:`factsheet_pdf.compose.compose` builds it, ``factsheet show``
prints it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from ..markup import Span
from ..model import SourceLoc

Spans = tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class Node:
    """One element of the document, in reading order."""

    role: str
    """Structure type: ``P``, ``H1``-``H3``, ``Sect``, ``L``, ``LI``, ``Lbl``, ``LBody``,
    ``Table``, ``THead``, ``TBody``, ``TR``, ``TH``, ``TD``, ``Figure``."""
    kind: str = ""
    """What the node is in the sheet (``series``, ``title``, ``source``, ``notice``,
    ``section``, ``heading``, ``paragraph``, ``xref``, ``list``, ``item``, ``table``,
    ``table-groups``, ``note``, ``glossary``, ``entry``, ``term``, ``definition``,
    ``contact``, ``clinic``, ``call``, ``address``..., ``logo``, ``qr``)."""
    lang: str = ""
    """BCP 47 tag of the node's text."""
    dir: str = "ltr"
    spans: Spans = ()
    """Inline text (leaf nodes)."""
    children: tuple[Node, ...] = ()
    alt: str | None = None
    """Alternative text (figures)."""
    target: str | None = None
    """What a figure stands for: the logo's image file, the QR code's address."""
    px: tuple[int, int] | None = None
    """A figure's intrinsic size in pixels (the logo), where it has one."""
    attrs: tuple[tuple[str, str], ...] = ()
    """Structure attributes (``("ListNumbering", "Decimal")``, ``("Scope", "Column")``)."""
    loc: SourceLoc | None = None
    """Where the node's text came from (content file or catalog entry)."""

    def walk(self) -> Iterator[Node]:
        yield self
        for c in self.children:
            yield from c.walk()

    def attr(self, name: str) -> str | None:
        for k, v in self.attrs:
            if k == name:
                return v
        return None


@dataclass(frozen=True, slots=True)
class MarkLine:
    """The running foot line's parts, so a renderer can hold it on one line: the language's
    own name and its English name (None where the same), ``title`` (the sheet's short title,
    else its English title: the part a renderer may shorten with an ellipsis), ``revision``
    (the month, or None) and ``revision_short`` (the same, abbreviated)."""

    native: str
    english: str | None
    title: str
    revision: str | None = None
    revision_short: str | None = None

    def text(self, title: str | None = None, short_month: bool = False,
             native_only: bool = False) -> str:
        """The line with ``title`` for the title (default: the whole one), the month
        abbreviated, or the language's own name alone."""
        rev = self.revision_short if short_month and self.revision_short else self.revision
        parts = [self.native, None if native_only else self.english,
                 self.title if title is None else title, rev]
        return SEPARATOR.join(p for p in parts if p)

    def __str__(self) -> str:
        return self.text()


SEPARATOR = " \u00b7 "


@dataclass(frozen=True, slots=True)
class Marks:
    """The page marks' texts (artifacts: furniture, not content)."""

    line: MarkLine
    """Language, English title, revision month: the running foot line without the page."""
    page: Spans
    """The page label, with ``field`` spans ``page`` and ``pages`` a renderer fills in."""
    turn_over: str | None
    continued: str | None
    draft: str | None
    """The DRAFT mark, or None."""


@dataclass(frozen=True, slots=True)
class Meta:
    sheet: str
    lang: str
    dir: str
    variant: str
    title: str
    """The document title (with the variant's label and the draft prefix)."""
    subject: str
    author: str
    """Who publishes the handout: the clinic's name, else the workspace's ``publisher``; empty
    when neither is known (never a label of the sheet)."""
    series: str | None
    title_en: str
    revised: str | None
    """``YYYY-MM``."""
    draft: bool
    review_notice: bool
    """The band carries the review notice (the translation is not reviewed)."""
    budget: int | None
    """Page budget (None: unbounded)."""
    date: int | None = None
    """Creation and modification date (Unix time): the latest of the sheet's ``revised``
    month and its catalogs' ``PO-Revision-Date`` (:mod:`factsheet_pdf.metadata`)."""


@dataclass(frozen=True, slots=True)
class Doc:
    meta: Meta
    band: tuple[Node, ...]
    """Series label, title, source line, review notice."""
    body: tuple[Node, ...]
    """The sections."""
    glossary: Node | None
    contact: Node | None
    marks: Marks
    continued: str | None = None
    """The glossary's continuation label (``glossary-continued``, heading filled): the one
    label of every part that continues it, in every language and variant."""
    fallbacks: tuple[str, ...] = field(default=())
    labels: tuple[tuple[str, str], ...] = ()
    """Texts only some formats print, by name: the web edition's ``skip-to-content`` link."""

    def label(self, name: str, default: str = "") -> str:
        for k, v in self.labels:
            if k == name:
                return v
        return default

    def regions(self) -> Iterator[tuple[str, tuple[Node, ...]]]:
        """(name, nodes) in reading order."""
        yield "band", self.band
        yield "body", self.body
        if self.glossary is not None:
            yield "glossary", (self.glossary,)
        if self.contact is not None:
            yield "contact", (self.contact,)

    def nodes(self) -> Iterator[Node]:
        """Every node in reading order."""
        for _, nodes in self.regions():
            for n in nodes:
                yield from n.walk()
