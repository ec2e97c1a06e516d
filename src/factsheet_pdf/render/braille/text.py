"""Composed document -> the braille edition's blocks of text, in reading order, each with the
format it is brailled in (Braille Authority of North America, *Braille Formats*).

Input: a :class:`~factsheet_pdf.compose.Doc` (composed for the braille edition: glossary as a
section, tables as labelled rows, the contact block in the flow) and the transcriber's note.
Output: :class:`Block` values: text (plain, as the reader gets it), a liblouis typeform per
character (addresses uncontracted, emphasis where print has it), the characters where a line
may not break (no-break spaces), the format and the source location.

Formats (cells counted from 1): the title and every section heading centred, with a blank line
before and after; a note's heading in cell 5; paragraphs in 3-1 (first line in cell 3,
runovers in cell 1); list items, glossary entries, a table's rows and the contact block's lines
in 1-3 (a row's label kept with its first cell); a row's cells in 3-5; the transcriber's note in 7-5; a note between box lines. A link
whose text is not its address is followed by the address in brackets (braille cannot be
clicked); web and e-mail addresses are written uncontracted, so they can be typed. The logo
and the QR code are left out (the web address is in the text). Nothing here calls liblouis.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ...compose.doc import Doc, Node
from ...markup import Span
from ...model import SourceLoc

# typeform bits: the emphasis ones are the table's (:meth:`..louis.Louis.emphasis`)
NO_CONTRACT = 0x1000


@dataclass(frozen=True, slots=True)
class Style:
    """How a block is laid out: where its first line and its runovers start (0-based cells),
    centred or not, and the blank lines around it."""

    name: str
    first: int = 0
    runover: int = 0
    centred: bool = False
    blank_before: bool = False
    blank_after: bool = False
    keep_with_next: bool = False
    heading: bool = False


STYLES: dict[str, Style] = {s.name: s for s in (
    Style("centred", centred=True, blank_before=True, blank_after=True, keep_with_next=True,
          heading=True),
    Style("centred-top", centred=True, keep_with_next=True, heading=True),
    Style("cell5", first=4, runover=4, blank_before=True, keep_with_next=True, heading=True),
    Style("para", first=2, runover=0),
    Style("item", first=0, runover=2),
    Style("row", first=0, runover=2, keep_with_next=True),
    Style("cells", first=2, runover=4),
    Style("more", first=2, runover=2),
    Style("note", first=6, runover=4, blank_before=True, blank_after=True),
    Style("box", keep_with_next=True),
    Style("box-end"),
    Style("blank"),
)}


@dataclass(frozen=True, slots=True)
class Block:
    style: str
    text: str = ""
    emphasis: tuple[str, ...] = ()
    """Per character: "" or the emphasis class (``bold``, ``italic``)."""
    uncontracted: tuple[bool, ...] = ()
    """Per character: written without contractions (an address)."""
    loc: SourceLoc | None = None
    kind: str = ""


@dataclass
class _Text:
    chars: list[str] = field(default_factory=list)
    emphasis: list[str] = field(default_factory=list)
    plain: list[bool] = field(default_factory=list)

    def add(self, text: str, emphasis: str = "", uncontracted: bool = False) -> None:
        self.chars += list(text)
        self.emphasis += [emphasis] * len(text)
        self.plain += [uncontracted] * len(text)


def _address(href: str) -> str | None:
    """The address a reader types, for a web or e-mail link (None for others)."""
    if href.startswith("mailto:"):
        return href[len("mailto:"):]
    if href.startswith(("http:", "https:")):
        return href
    return None


def _same_address(text: str, address: str) -> bool:
    t = text.strip().rstrip("/").casefold()
    a = address.rstrip("/").casefold()
    return t == a or t == a.split("://", 1)[-1]


def spans_text(spans: tuple[Span, ...], emphasis: bool = True) -> _Text:
    """Plain text of spans with the typeform information (see the module docstring)."""
    out = _Text()

    def walk(ss, emph: str, plain: bool) -> None:
        for s in ss:
            if s.kind == "text":
                out.add(s.text, emph, plain)
            elif s.kind in ("bold", "italic"):
                walk(s.children, s.kind if emphasis else emph, plain)
            elif s.kind == "link":
                address = _address(s.href)
                text = "".join(_flat(s.children))
                if address is None:
                    walk(s.children, emph, plain)
                elif _same_address(text, address):
                    walk(s.children, emph, True)
                else:
                    walk(s.children, emph, plain)
                    out.add(" (", emph, plain)
                    out.add(address, emph, True)
                    out.add(")", emph, plain)
            elif s.kind == "field":
                continue
            else:
                walk(s.children, emph, plain)

    walk(spans, "", False)
    return out


def _flat(spans) -> list[str]:
    out = []
    for s in spans:
        out.append(s.text if s.kind == "text" else "".join(_flat(s.children)))
    return out


def block(style: str, node: Node | None = None, *, spans: tuple[Span, ...] | None = None,
          prefix: str = "", text: str | None = None, kind: str = "",
          emphasis: bool = True, lead: tuple[Span, ...] = ()) -> Block:
    """A block of a node's spans (or of ``text``), with ``prefix`` (a list marker) and
    ``lead`` (a glossary term: its bold is the print's way of showing the term, which the
    braille format shows) first. Print emphasis is kept in running text, not in headings."""
    st = STYLES[style]
    t = _Text()
    if prefix:
        t.add(prefix)
    if lead:
        part = spans_text(lead, emphasis=False)
        t.chars += part.chars
        t.emphasis += part.emphasis
        t.plain += part.plain
    if text is not None:
        t.add(text)
    elif node is not None or spans is not None:
        body = spans_text(spans if spans is not None else node.spans,  # type: ignore[union-attr]
                          emphasis=emphasis and not st.heading)
        t.chars += body.chars
        t.emphasis += body.emphasis
        t.plain += body.plain
    # white space at the ends is not brailled (a definition's separator, a marker's)
    s = "".join(t.chars)
    start = len(s) - len(s.lstrip())
    end = len(s.rstrip())
    return Block(style, s[start:end], tuple(t.emphasis[start:end]), tuple(t.plain[start:end]),
                 node.loc if node is not None else None, kind or (node.kind if node else ""))


class _Walk:
    def __init__(self, doc: Doc, note: str):
        self.doc = doc
        self.note = note
        self.out: list[Block] = []

    def add(self, b: Block) -> None:
        if b.text or b.style in ("blank", "box", "box-end"):
            self.out.append(b)

    def band(self) -> None:
        doc = self.doc
        if doc.marks.draft:
            self.add(block("centred-top", text=doc.marks.draft, kind="draft"))
        rest: list[Node] = []
        for n in doc.band:
            if n.kind == "series" or n.role == "H1":
                self.add(block("centred-top", n))
            else:
                rest.append(n)
        self.add(block("note", text=self.note, kind="transcriber-note"))
        for n in rest:
            self.add(block("para", n))

    def blocks(self, nodes: tuple[Node, ...]) -> None:
        for n in nodes:
            self.node(n)

    def node(self, n: Node) -> None:
        k = n.kind
        if k in ("section",):
            self.blocks(n.children)
        elif k == "heading":
            self.add(block("cell5" if n.role == "H3" else "centred", n))
        elif k in ("paragraph", "xref", "item", "source", "notice"):
            self.add(block("para", n))
        elif k in ("list", "numbered"):
            self.add(Block("blank"))
            for item in n.children:
                marker, body = item.children
                mark = "".join(_flat(marker.spans))
                if body.children:
                    first, *more = body.children
                    self.add(block("item", first, prefix=_join(mark)))
                    for p in more:
                        self.add(block("more", p))
                else:
                    self.add(block("item", body, prefix=_join(mark)))
            self.add(Block("blank"))
        elif k == "table-groups":
            self.add(Block("blank"))
            for row in n.children:
                label, body = row.children
                self.add(block("row", label, emphasis=False))
                for pair in body.children:
                    self.add(block("cells", pair, emphasis=False))
            self.add(Block("blank"))
        elif k == "table":
            raise ValueError("the braille edition composes tables as labelled rows")
        elif k == "note":
            self.add(Block("box", kind="box"))
            self.blocks(n.children)
            self.add(Block("box-end", kind="box"))
        else:
            raise ValueError(f"the braille renderer cannot write a {k!r} node")

    def glossary(self) -> None:
        g = self.doc.glossary
        if g is None:
            return
        heading, entries = g.children
        self.add(block("centred", heading))
        for e in entries.children:
            term, definition = e.children
            self.add(block("item", e, lead=term.spans, spans=definition.spans, kind="entry"))

    def contact(self) -> None:
        c = self.doc.contact
        if c is None:
            return
        heading, *rest = c.children
        self.add(block("centred", heading))
        for n in rest:
            if n.role == "Figure":
                continue  # the logo; the QR code's address is the web line's
            self.add(block("item", n))

    def run(self) -> list[Block]:
        self.band()
        self.blocks(self.doc.body)
        self.glossary()
        self.contact()
        return self.out


def _join(marker: str) -> str:
    return f"{marker} " if marker else ""


def doc_blocks(doc: Doc, note: str) -> list[Block]:
    """The braille edition's blocks of ``doc`` in reading order; ``note``: the transcriber's
    note (filled in)."""
    return _Walk(doc, note).run()
