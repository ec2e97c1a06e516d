"""The data that flows between the pipeline's stages: plain frozen dataclasses.

``load`` builds a :class:`Sheet` from a content file; ``translate`` returns another Sheet in a
target language; ``layout`` reads it. Every translatable unit is a :class:`Unit`, which knows
its stable id (the gettext ``msgctxt``), its inline-markup text, where it came from and the
language its text is actually in (English when a draft build fell back).

A sheet's shape is content: any number of sections of blocks (paragraph, bulleted or numbered
list, table, note, cross-reference), an optional glossary and an optional contact block.
:func:`map_units` rebuilds a sheet with every unit replaced, so stages that work unit by unit
(translation, checks, extraction) never need to know the shape; each block class has its
``map_units`` (the unit walk its record in :mod:`.kinds` names).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .errors import Diagnostic


@dataclass(frozen=True, slots=True)
class SourceLoc:
    """A place in a file: the one location type of every diagnostic that has a file at fault.
    ``line`` and ``column`` are 1-based, as editors count; ``line`` None is the whole file (a file
    that cannot be read or written, a catalog that is missing), printed as the bare path."""

    path: str
    line: int | None
    column: int | None = None

    @classmethod
    def file(cls, path: object) -> SourceLoc:
        """The whole file (or folder) at ``path``, as messages print it."""
        return cls(str(path), None)

    def __str__(self) -> str:
        if self.line is None:
            return self.path
        if self.column is None:
            return f"{self.path}:{self.line}"
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True, slots=True)
class Unit:
    """One translatable piece of text (a heading, a paragraph, a list item, a label...)."""

    id: str
    """Stable id, used as ``msgctxt``; does not change when the English wording does."""
    text: str
    """Text with inline markup (``**bold**``, ``*italic*``, ``[text](address)``)."""
    loc: SourceLoc
    """Where this text was read: the content file, the shared catalog, or the PO entry."""
    lang: str = "en"
    """BCP 47 tag of the language ``text`` is in."""
    comment: str = ""
    """Where the text appears and what must not change, for translators (``#.``)."""
    domain: str = ""
    """Gettext domain the unit belongs to: the sheet id, or ``common`` for shared strings."""


UnitFn = Callable[[Unit], Unit]


@dataclass(frozen=True, slots=True)
class Paragraph:
    unit: Unit

    def map_units(self, fn: UnitFn) -> Paragraph:
        return Paragraph(fn(self.unit))


@dataclass(frozen=True, slots=True)
class CrossRef:
    """A pointer to a related fact sheet.

    ``sheet`` names a sheet of the workspace (its title is taken in the current language and
    the PDF links to the sibling file); without it, ``unit`` is free text (a sheet elsewhere).
    With ``sheet``, ``unit`` is the sentence around the title, with a ``{title}`` placeholder.
    """

    unit: Unit
    sheet: str | None = None
    loc: SourceLoc | None = None

    def map_units(self, fn: UnitFn) -> CrossRef:
        return dataclasses.replace(self, unit=fn(self.unit))


@dataclass(frozen=True, slots=True)
class ListItem:
    id: str
    paragraphs: tuple[Unit, ...]
    """One or more paragraphs; the label (bullet or number) goes with the first."""


@dataclass(frozen=True, slots=True)
class ItemList:
    """A bulleted (``numbered=False``) or numbered list."""

    id: str
    items: tuple[ListItem, ...]
    loc: SourceLoc
    numbered: bool = False

    def map_units(self, fn: UnitFn) -> ItemList:
        return dataclasses.replace(self, items=tuple(
            ListItem(i.id, tuple(fn(p) for p in i.paragraphs)) for i in self.items))


@dataclass(frozen=True, slots=True)
class TableRow:
    id: str
    cells: tuple[Unit, ...]


@dataclass(frozen=True, slots=True)
class Table:
    """A simple table: one header row and rows of short text cells, all the same width."""

    id: str
    header: tuple[Unit, ...]
    rows: tuple[TableRow, ...]
    loc: SourceLoc

    def map_units(self, fn: UnitFn) -> Table:
        header = tuple(fn(u) for u in self.header)
        return dataclasses.replace(self, header=header, rows=tuple(
            TableRow(r.id, tuple(fn(u) for u in r.cells)) for r in self.rows))


@dataclass(frozen=True, slots=True)
class Note:
    """A callout box (tagged ``Sect``, drawn like the glossary box)."""

    id: str
    heading: Unit | None
    paragraphs: tuple[Unit, ...]
    loc: SourceLoc

    def map_units(self, fn: UnitFn) -> Note:
        heading = fn(self.heading) if self.heading is not None else None
        return dataclasses.replace(self, heading=heading,
                                   paragraphs=tuple(fn(p) for p in self.paragraphs))


Block = Paragraph | CrossRef | ItemList | Table | Note


@dataclass(frozen=True, slots=True)
class Section:
    id: str
    heading: Unit
    blocks: tuple[Block, ...]


@dataclass(frozen=True, slots=True)
class GlossaryEntry:
    id: str
    term: Unit
    definition: Unit


@dataclass(frozen=True, slots=True)
class Glossary:
    id: str
    heading: Unit
    entries: tuple[GlossaryEntry, ...]


@dataclass(frozen=True, slots=True)
class Contact:
    """The contact block; a clinic's site profile replaces it."""

    heading: Unit
    text: Unit
    """Sentence with ``{phone}`` and ``{web}`` placeholders (either may be absent)."""
    phone: str | None
    web: str | None
    loc: SourceLoc
    phone_loc: SourceLoc | None = None
    """Where ``phone``'s value is (its problems are located there)."""
    vanity: bool = False
    """``vanity: yes``: the number's letters are dialled by their keypad digits."""
    tel: str | None = None
    """The phone's ``tel:+...`` link once checked for the workspace's region
    (:func:`factsheet_pdf.library.dial`); None: not checked, printed without a link."""


@dataclass(frozen=True, slots=True)
class Sheet:
    id: str
    """Sheet id, e.g. ``treatment-failure``: file names use it."""
    lang: str
    """BCP 47 tag of the sheet's language."""
    path: str
    title: Unit
    series: Unit | None = None
    source: Unit | None = None
    sections: tuple[Section, ...] = ()
    glossary: Glossary | None = None
    contact: Contact | None = None
    labels: tuple[Unit, ...] = ()
    """Shared strings (page labels, notices...): the common domain's, or the sheet's override."""
    pages: int | None = 2
    """Page budget of the standard variant (a maximum); large print is never limited."""
    revised: str | None = None
    """When the text was last reviewed, ``YYYY-MM`` (None: undated source)."""
    catalog_date: int | None = None
    """The latest ``PO-Revision-Date`` of the catalogs that translated it (Unix time; None:
    the English original, or undated catalogs)."""
    title_en: str = ""
    """The English title as plain text (page marks: staff sort handouts without the language)."""
    short_title: str | None = None
    """A shorter English title for the page marks (``short_title:``), or None: the marks then
    shorten :attr:`title_en` with an ellipsis where it does not fit their one line."""
    review_status: str = "source"
    """``source`` for the English original, else the catalog's ``X-Review-Status``."""
    fallbacks: tuple[str, ...] = field(default=())
    """Ids of units that fell back to English in a draft build."""
    label_problems: tuple[tuple[str, tuple[Diagnostic, ...]], ...] = ()
    """Shared strings whose translation cannot be used: (id, its problems). They stop a
    build only where a variant prints the string (compose reports them)."""

    def label(self, name: str) -> Unit:
        for unit in self.labels:
            if unit.id == f"label.{name}":
                return unit
        raise KeyError(name)

    def shared(self, uid: str) -> Unit:
        """A shared string by its full id (``site.call``, ``day.mon.abbr``...)."""
        for unit in self.labels:
            if unit.id == uid:
                return unit
        raise KeyError(uid)

    def own_units(self) -> list[Unit]:
        """The sheet's own units (its catalog), in reading order."""
        return [u for u in self.units() if u.domain != "common"]

    def units(self) -> list[Unit]:
        """Every translatable unit in reading order (the catalog's order), labels last."""
        return list(_walk(self))


def _walk(sheet: Sheet) -> Iterator[Unit]:
    out: list[Unit] = []

    def collect(u: Unit) -> Unit:
        out.append(u)
        return u

    map_units(sheet, collect)
    yield from out


def map_units(sheet: Sheet, fn: Callable[[Unit], Unit]) -> Sheet:
    """The sheet with every unit replaced by ``fn(unit)``, called in reading order."""

    def opt(u: Unit | None) -> Unit | None:
        return fn(u) if u is not None else None

    def block(b: Block) -> Block:
        return b.map_units(fn)  # each kind's unit walk (its record in kinds.py names it)

    series = opt(sheet.series)
    title = fn(sheet.title)
    source = opt(sheet.source)
    sections = []
    for s in sheet.sections:
        heading = fn(s.heading)
        sections.append(Section(s.id, heading, tuple(block(b) for b in s.blocks)))
    glossary = None
    if sheet.glossary is not None:
        g = sheet.glossary
        gh = fn(g.heading)
        glossary = Glossary(g.id, gh, tuple(
            GlossaryEntry(e.id, fn(e.term), fn(e.definition)) for e in g.entries))
    contact = None
    if sheet.contact is not None:
        c = sheet.contact
        ch = fn(c.heading)
        contact = dataclasses.replace(c, heading=ch, text=fn(c.text))
    labels = tuple(fn(u) for u in sheet.labels)
    return dataclasses.replace(sheet, series=series, title=title, source=source,
                               sections=tuple(sections), glossary=glossary, contact=contact,
                               labels=labels)
