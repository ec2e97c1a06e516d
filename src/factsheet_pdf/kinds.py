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

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from yaml.nodes import MappingNode, Node, ScalarNode

from . import shared
from .markup import Span
from .model import CrossRef, ItemList, ListItem, Note, Paragraph, Table, TableRow, UnitFn
from .nodes import LIMITS, SLUG

if TYPE_CHECKING:
    from .compose.compose import Composer
    from .compose.doc import Node as DocNode
    from .load import _Reader as Reader



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
    compose: Callable[[Composer, Any], tuple[DocNode, ...]]
    produces: tuple[str, ...]
    """Node kinds the composer makes (a renderer draws each)."""


# -- loaders (YAML node -> model; problems reported through the content reader) ------------

def load_list(r: Reader, node: Node, bid: str, sid: str, key: str) -> ItemList | None:
    numbered = key == "numbered"
    kind = "numbered list" if numbered else "bulleted list"
    items: list[ListItem] = []
    ok = True
    for i in r.sequence(node, f"{kind} items"):
        m = r.mapping(i, "list item", ("id",), ("text", "paragraphs"))
        iid = r.ident(m.get("id"), "list item id")
        body = [k for k in ("text", "paragraphs") if k in m]
        if len(body) != 1:
            if isinstance(i, MappingNode):
                r.err(i, "a list item needs exactly one of: text, paragraphs")
            ok = False
            continue
        if iid is None:
            ok = False
            continue
        paras = r.texts(m[body[0]], iid, "list item",
                        f"{kind.capitalize()} item in section '{sid}'.")
        if not paras:
            ok = False
            continue
        items.append(ListItem(iid, tuple(paras)))
    if not ok or not items:
        return None
    return ItemList(bid, tuple(items), r.loc(node), numbered=numbered)


def load_table(r: Reader, node: Node, bid: str, sid: str, key: str = "table") -> Table | None:
    m = r.mapping(node, "table", ("header", "rows"))
    header_nodes = r.sequence(m.get("header"), "table header")
    if len(header_nodes) > LIMITS["table_columns"]:
        r.err(m["header"], f"a table may have at most {LIMITS['table_columns']} columns")
        return None
    header = [r.unit(h, f"{bid}.head.{i}", "table header cell",
                     f"Column heading of a table in section '{sid}'.")
              for i, h in enumerate(header_nodes, 1)]
    rows: list[TableRow] = []
    ok = all(header) and bool(header)
    for rn in r.sequence(m.get("rows"), "table rows"):
        rm = r.mapping(rn, "table row", ("id", "cells"))
        rid = r.ident(rm.get("id"), "table row id")
        cells_n = r.sequence(rm.get("cells"), "table row cells")
        if rm.get("cells") is not None and len(cells_n) != len(header_nodes) and cells_n:
            r.err(rm["cells"], f"this row has {len(cells_n)} cells; the header has "
                               f"{len(header_nodes)}")
            ok = False
            continue
        cells = [r.unit(c, f"{bid}.{rid}.{i}" if rid else None, "table cell",
                        f"Table cell in section '{sid}' (keep it short).")
                 for i, c in enumerate(cells_n, 1)]
        if rid is None or not cells or not all(cells):
            ok = False
            continue
        rows.append(TableRow(rid, tuple(c for c in cells if c)))
    if not ok or not rows:
        return None
    return Table(bid, tuple(h for h in header if h), tuple(rows), r.loc(node))


def load_note(r: Reader, node: Node, bid: str, sid: str, key: str = "note") -> Note | None:
    if isinstance(node, ScalarNode):
        u = r.unit(node, bid, "note", f"Note (a box) in section '{sid}'.")
        return Note(bid, None, (u,), r.loc(node)) if u else None
    m = r.mapping(node, "note", ("text",), ("heading",))
    heading = None
    if "heading" in m:
        heading = r.unit(m["heading"], f"{bid}.heading", "note heading",
                         f"Heading of a note (a box) in section '{sid}'.")
        if heading is None:
            return None
    if "text" not in m:
        return None
    paras = r.texts(m["text"], bid, "note", f"Note (a box) in section '{sid}'.")
    return Note(bid, heading, tuple(paras), r.loc(node)) if paras else None


def load_xref(r: Reader, node: Node, bid: str, sid: str = "", key: str = "xref"
              ) -> CrossRef | None:
    if isinstance(node, ScalarNode):
        u = r.unit(node, bid, "cross-reference",
                   "Cross-reference to a fact sheet that is not in this library: translate "
                   "its title; it is not a link.")
        return CrossRef(u) if u else None
    m = r.mapping(node, "cross-reference", ("sheet",), ("text",))
    target = r.scalar(m.get("sheet"), "cross-referenced sheet id")
    if target is not None and not SLUG.fullmatch(target):
        r.err(m["sheet"], f"sheet id {target!r} is not a plain slug (lowercase letters, digits "
                          "and '-')")
        return None
    if "text" in m:
        u = r.unit(m["text"], bid, "cross-reference",
                   "Sentence around another sheet's title: keep {title}, where the build puts "
                   "that sheet's title (a link to its PDF).")
        if u and u.text.count("{title}") != 1:
            r.err(m["text"], "cross-reference text must contain {title} exactly once")
            return None
    else:
        u = shared.unit("xref.sheet")
    if target is None or u is None:
        return None
    return CrossRef(u, sheet=target, loc=r.loc(m["sheet"]))


def load_paragraph(r: Reader, node: Node, bid: str, sid: str, key: str = "paragraph"
                   ) -> Paragraph | None:
    u = r.unit(node, bid, "paragraph", f"Paragraph in section '{sid}'.")
    return Paragraph(u) if u else None



# -- paragraph ----------------------------------------------------------------------------------

def _compose_paragraph(c: Composer, b: Paragraph) -> tuple[DocNode, ...]:
    return (c.para(b.unit),)


# -- cross-reference --------------------------------------------------------------------------

def _compose_xref(c: Composer, b: CrossRef) -> tuple[DocNode, ...]:
    """Free text, or a sheet of the workspace by its title in this language (a link to its
    output in the same format when that exists, never a dead link)."""
    if b.sheet is None:
        return (c.para(b.unit, "xref"),)
    found = c.xrefs.get(b.sheet)
    if found is None:
        raise ValueError(f"no title for cross-referenced sheet {b.sheet!r}")
    title, href = found
    value = c.spans(title)
    if href:
        value = (Span("link", children=value, href=href,
                      lang=title.lang if title.lang != b.unit.lang else ""),)
    return (c.node("P", "xref", b.unit, spans=c.fill(c.spans(b.unit), title=value)),)


# -- lists ----------------------------------------------------------------------------------------

def _compose_list(c: Composer, b: ItemList) -> tuple[DocNode, ...]:
    """L > LI > Lbl ("•" or "1.") + LBody (> P when an item has several paragraphs)."""
    items = []
    for n, item in enumerate(b.items, 1):
        first = item.paragraphs[0]
        label = c.node("Lbl", "marker", spans=c.literal(f"{n}." if b.numbered else "\u2022"),
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

def _compose_table(c: Composer, b: Table) -> tuple[DocNode, ...]:
    """A real table (Table > THead/TBody > TR > TH /Scope Column | TD), or, where the variant
    says so (large print), one labelled group per row: L > LI > Lbl (the first cell) + LBody
    (a "header: value" paragraph per other cell)."""
    if c.variant.tables == "groups":
        rows = []
        for row in b.rows:
            label = c.node("Lbl", "row-label", row.cells[0],
                           spans=(Span("bold", children=c.spans(row.cells[0])),))
            pairs = tuple(
                c.node("P", "pair", cell, spans=(*c.term_label(c.spans(h)), Span("text", " "),
                                                 *c.spans(cell)))
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


# -- notes ------------------------------------------------------------------------------------------

def _compose_note(c: Composer, b: Note) -> tuple[DocNode, ...]:
    """A callout box: Sect (with an H3 when it has a heading) and its paragraphs."""
    kids = [c.para(b.heading, "heading", "H3")] if b.heading is not None else []
    kids += [c.para(p) for p in b.paragraphs]
    return (c.node("Sect", "note", loc=b.loc, children=tuple(kids)),)


KINDS: tuple[BlockKind, ...] = (
    BlockKind(("paragraph",), Paragraph, load_paragraph, Paragraph.map_units,
              _compose_paragraph, ("paragraph",)),
    BlockKind(("list", "numbered"), ItemList, load_list, ItemList.map_units, _compose_list,
              ("list", "numbered", "item", "item-body", "marker")),
    BlockKind(("table",), Table, load_table, Table.map_units, _compose_table,
              ("table", "table-head", "table-body", "table-row", "header-cell", "cell",
               "table-groups", "row", "row-label", "row-body", "pair")),
    BlockKind(("note",), Note, load_note, Note.map_units, _compose_note,
              ("note", "heading", "paragraph")),
    BlockKind(("xref",), CrossRef, load_xref, CrossRef.map_units, _compose_xref, ("xref",)),
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


def compose_block(c: Composer, block: object) -> tuple[DocNode, ...]:
    return kind_of(block).compose(c, block)
