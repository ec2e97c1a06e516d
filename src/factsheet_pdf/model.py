"""The data that flows between the pipeline's stages: plain frozen dataclasses.

``load`` builds a :class:`Sheet` from a content file; ``translate`` returns another Sheet in a
target language; ``layout`` reads it. Every translatable unit is a :class:`Unit`, which knows
its stable id (the gettext ``msgctxt``), its inline-markup text, where it came from and the
language its text is actually in (English when a draft build fell back).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class SourceLoc:
    """A place in an input file. ``line`` and ``column`` are 1-based, as editors count."""

    path: str
    line: int
    column: int | None = None

    def __str__(self) -> str:
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
    """Where this text was read: the content file, or the PO entry of a translation."""
    lang: str = "en"
    """BCP 47 tag of the language ``text`` is in."""
    comment: str = ""
    """Where the text appears and what must not change, for translators (``#.``)."""


@dataclass(frozen=True, slots=True)
class Paragraph:
    unit: Unit


@dataclass(frozen=True, slots=True)
class CrossRef:
    """A pointer to a related fact sheet; plain text, since that sheet is not shipped."""

    unit: Unit


@dataclass(frozen=True, slots=True)
class BulletList:
    id: str
    items: tuple[Unit, ...]
    loc: SourceLoc


Block = Paragraph | CrossRef | BulletList


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
    """The contact footer, kept as a record so a clinic's site profile can replace it."""

    heading: Unit
    text: Unit
    """Sentence with ``{phone}`` and ``{web}`` placeholders."""
    phone: str
    web: str
    loc: SourceLoc


@dataclass(frozen=True, slots=True)
class Sheet:
    id: str
    """Sheet id, e.g. ``treatment-failure``: file names and the staff marker use it."""
    lang: str
    """BCP 47 tag of the sheet's language."""
    path: str
    series: Unit
    title: Unit
    source: Unit
    sections: tuple[Section, ...]
    glossary: Glossary
    contact: Contact
    labels: tuple[Unit, ...]
    pages: int | None = 2
    """Page budget of the standard variant (a maximum); large print is never limited."""
    revised: str | None = None
    """When the text was last reviewed, ``YYYY-MM`` (None: undated source)."""
    title_en: str = ""
    """The English title as plain text (page marks: staff sort handouts without the language)."""
    review_status: str = "source"
    """``source`` for the English original, else the catalog's ``X-Review-Status``."""
    fallbacks: tuple[str, ...] = field(default=())
    """Ids of units that fell back to English in a draft build."""

    def label(self, name: str) -> Unit:
        for unit in self.labels:
            if unit.id == f"label.{name}":
                return unit
        raise KeyError(name)

    def units(self) -> list[Unit]:
        """Every translatable unit in reading order (the catalog's order)."""
        out = [self.series, self.title, self.source]
        for section in self.sections:
            out.append(section.heading)
            for block in section.blocks:
                if isinstance(block, BulletList):
                    out.extend(block.items)
                else:
                    out.append(block.unit)
        out.append(self.glossary.heading)
        for entry in self.glossary.entries:
            out += [entry.term, entry.definition]
        out += [self.contact.heading, self.contact.text]
        out.extend(self.labels)
        return out
