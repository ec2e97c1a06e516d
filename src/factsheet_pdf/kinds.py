"""Block kinds: each one record, in one place.

A block kind (``paragraph``, ``list``, ``table``...) is a :class:`BlockKind`: the content
keys that select it, its loader (YAML node -> model), its model class, its unit walk (the
block rebuilt with every translatable unit replaced: translation, checks and extraction use
it, in reading order), its composer (model -> document nodes) and the node kinds it composes
to (what a renderer must know to draw it; a test checks every renderer knows every kind).
The list of kinds, the loader's error message that names them and the walks are derived from
:data:`KINDS`; a block of a class no record names is an error, never a silent fallthrough.

A new block kind is a record here (its loader beside the others in :mod:`.load`), its strings
and a test. A kind that composes to existing node kinds needs no renderer change.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from . import load
from .markup import Span
from .model import CrossRef, ItemList, ListItem, Note, Paragraph, Table, TableRow, Unit

if TYPE_CHECKING:
    from .compose.compose import Composer
    from .compose.doc import Node

UnitFn = Callable[[Unit], Unit]


@dataclass(frozen=True)
class BlockKind:
    names: tuple[str, ...]
    """Content keys that select the kind (``list`` and ``numbered`` share one model)."""
    model: type
    load: Callable[..., Any]
    """``load(reader, node, block_id, section_id, key)`` -> the model, or None (problems
    reported through the reader)."""
    map: Callable[[Any, UnitFn], Any]
    """The block with every unit replaced by ``fn(unit)``, called in reading order."""
    compose: Callable[[Composer, Any], tuple[Node, ...]]
    produces: tuple[str, ...]
    """Node kinds the composer makes (a renderer draws each)."""


# -- paragraph ----------------------------------------------------------------------------------

def _compose_paragraph(c: Composer, b: Paragraph) -> tuple[Node, ...]:
    return (c.para(b.unit),)


# -- cross-reference --------------------------------------------------------------------------

def _compose_xref(c: Composer, b: CrossRef) -> tuple[Node, ...]:
    """Free text, or a sheet of the workspace by its title in this language (a link to its
    output in the same format when that exists, never a dead link)."""
    from .compose.compose import fill, spans_of

    if b.sheet is None:
        return (c.para(b.unit, "xref"),)
    found = c.xrefs.get(b.sheet)
    if found is None:
        raise ValueError(f"no title for cross-referenced sheet {b.sheet!r}")
    title, href = found
    value = spans_of(title)
    if href:
        value = (Span("link", children=value, href=href,
                      lang=title.lang if title.lang != b.unit.lang else ""),)
    return (c.node("P", "xref", b.unit, spans=fill(spans_of(b.unit), title=value)),)


# -- lists ----------------------------------------------------------------------------------------

def _map_list(b: ItemList, fn: UnitFn) -> ItemList:
    return dataclasses.replace(b, items=tuple(
        ListItem(i.id, tuple(fn(p) for p in i.paragraphs)) for i in b.items))


def _compose_list(c: Composer, b: ItemList) -> tuple[Node, ...]:
    """L > LI > Lbl ("•" or "1.") + LBody (> P when an item has several paragraphs)."""
    from .compose.compose import literal

    items = []
    for n, item in enumerate(b.items, 1):
        first = item.paragraphs[0]
        label = c.node("Lbl", "marker", spans=literal(f"{n}." if b.numbered else "\u2022"),
                       lang=first.lang)
        if len(item.paragraphs) == 1:
            body = c.node("LBody", "item", first)
        else:
            body = c.node("LBody", "item-body", lang=first.lang, children=tuple(
                c.para(p, "item") for p in item.paragraphs))
        items.append(c.node("LI", "item", lang=first.lang, loc=first.loc,
                            children=(label, body)))
    return (c.node("L", "numbered" if b.numbered else "list", loc=b.loc, children=tuple(items),
                   attrs=(("ListNumbering", "Decimal" if b.numbered else "Disc"),)),)


# -- tables -----------------------------------------------------------------------------------------

def _map_table(b: Table, fn: UnitFn) -> Table:
    header = tuple(fn(u) for u in b.header)
    return dataclasses.replace(b, header=header, rows=tuple(
        TableRow(r.id, tuple(fn(u) for u in r.cells)) for r in b.rows))


def _compose_table(c: Composer, b: Table) -> tuple[Node, ...]:
    """A real table (Table > THead/TBody > TR > TH /Scope Column | TD), or, where the variant
    says so (large print), one labelled group per row: L > LI > Lbl (the first cell) + LBody
    (a "header: value" paragraph per other cell)."""
    if c.variant.tables == "groups":
        rows = []
        for row in b.rows:
            label = c.node("Lbl", "row-label", row.cells[0],
                           spans=(Span("bold", children=_spans(row.cells[0])),))
            pairs = tuple(
                c.node("P", "pair", cell, spans=(*c.term_label(_spans(h)), Span("text", " "),
                                                 *_spans(cell)))
                for h, cell in zip(b.header[1:], row.cells[1:]))
            rows.append(c.node("LI", "row", loc=row.cells[0].loc, children=(
                label, c.node("LBody", "row-body", children=pairs))))
        return (c.node("L", "table-groups", loc=b.loc, children=tuple(rows)),)
    head = c.node("THead", "table-head", children=(c.node("TR", "table-row", children=tuple(
        c.node("TH", "header-cell", u, attrs=(("Scope", "Column"),)) for u in b.header)),))
    body = c.node("TBody", "table-body", children=tuple(
        c.node("TR", "table-row", children=tuple(c.node("TD", "cell", u) for u in row.cells))
        for row in b.rows))
    return (c.node("Table", "table", loc=b.loc, children=(head, body)),)


def _spans(unit: Unit):
    from .compose.compose import spans_of

    return spans_of(unit)


# -- notes ------------------------------------------------------------------------------------------

def _map_note(b: Note, fn: UnitFn) -> Note:
    heading = fn(b.heading) if b.heading is not None else None
    return dataclasses.replace(b, heading=heading, paragraphs=tuple(fn(p) for p in b.paragraphs))


def _compose_note(c: Composer, b: Note) -> tuple[Node, ...]:
    """A callout box: Sect (with an H3 when it has a heading) and its paragraphs."""
    kids = [c.para(b.heading, "heading", "H3")] if b.heading is not None else []
    kids += [c.para(p) for p in b.paragraphs]
    return (c.node("Sect", "note", loc=b.loc, children=tuple(kids)),)


KINDS: tuple[BlockKind, ...] = (
    BlockKind(("paragraph",), Paragraph, load.load_paragraph,
              lambda b, fn: Paragraph(fn(b.unit)), _compose_paragraph, ("paragraph",)),
    BlockKind(("list", "numbered"), ItemList, load.load_list, _map_list, _compose_list,
              ("list", "numbered", "item", "item-body", "marker")),
    BlockKind(("table",), Table, load.load_table, _map_table, _compose_table,
              ("table", "table-head", "table-body", "table-row", "header-cell", "cell",
               "table-groups", "row", "row-label", "row-body", "pair")),
    BlockKind(("note",), Note, load.load_note, _map_note, _compose_note,
              ("note", "heading", "paragraph")),
    BlockKind(("xref",), CrossRef, load.load_xref,
              lambda b, fn: dataclasses.replace(b, unit=fn(b.unit)), _compose_xref, ("xref",)),
)

NAMES: tuple[str, ...] = tuple(n for k in KINDS for n in k.names)
"""Every content key that selects a block kind, in the order error messages list them."""


def by_name(name: str) -> BlockKind:
    for k in KINDS:
        if name in k.names:
            return k
    raise KeyError(f"unknown block kind {name!r} (known: {', '.join(NAMES)})")


def kind_of(block: object) -> BlockKind:
    """The record of a block's model class; TypeError for a class no record names."""
    for k in KINDS:
        if type(block) is k.model:
            return k
    raise TypeError(f"unknown block kind {type(block).__name__} (known: "
                    f"{', '.join(k.model.__name__ for k in KINDS)})")


def map_block(block: object, fn: UnitFn) -> object:
    return kind_of(block).map(block, fn)


def compose_block(c: Composer, block: object) -> tuple[Node, ...]:
    return kind_of(block).compose(c, block)
