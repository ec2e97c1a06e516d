"""The structure tree: elements in reading order, filled with marked content while drawing.

Leaf elements (P, H1, Lbl...) receive marked-content references (MCR) as their flowables are
drawn; a paragraph split across columns or pages stays ONE element with several MCRs.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class MCR:
    """A marked-content sequence: ``page`` (0-based index) and its ``mcid``."""

    page: int
    mcid: int


@dataclass(frozen=True, slots=True)
class OBJR:
    """An annotation that belongs to an element (a Link's annotation)."""

    ref: object
    page: int


class Element:
    """One structure element. Mutable only while the PDF is being drawn."""

    __slots__ = ("role", "lang", "title", "alt", "href", "attrs", "kids", "parent", "page",
                 "resume", "name")

    def __init__(self, role: str, parent: Element | None = None, *, lang: str | None = None,
                 title: str | None = None, alt: str | None = None, href: str | None = None,
                 attrs: dict[str, str] | None = None):
        self.role = role
        self.attrs = attrs or {}
        """Attribute object (/A): owner ``O`` and names, e.g. {"O": "Table", "Scope": "Column"}."""
        self.href = href
        """Address of a Link element (its annotation is matched on it)."""
        self.lang = lang
        self.title = title
        self.alt = alt
        self.kids: list[Element | MCR | OBJR] = []
        self.parent = parent
        self.page: int | None = None
        """Page of the first marked content, written as /Pg."""
        self.resume: list[Element] = []
        """Inline elements still open when a split piece ended (a link across a column)."""
        self.name = ""
        if parent is not None:
            parent.kids.append(self)

    def add(self, role: str, **kw) -> Element:
        return Element(role, self, **kw)

    def walk(self):
        yield self
        for k in self.kids:
            if isinstance(k, Element):
                yield from k.walk()

    def has_content(self) -> bool:
        return any(not isinstance(k, Element) or k.has_content() for k in self.kids)

    def __repr__(self) -> str:
        return f"<{self.role}{' ' + self.title if self.title else ''}>"


class StructTree:
    """The document's tree, with a registry for inline elements drawn through callbacks."""

    def __init__(self, lang: str):
        self.lang = lang
        self.root = Element("Document")
        self.inline: list[Element] = []

    def register_inline(self, element: Element) -> int:
        """Make an element reachable from paragraph markup (``<onDraw label=N>``)."""
        self.inline.append(element)
        return len(self.inline) - 1

    def empty_elements(self) -> list[Element]:
        """Elements that received no content: something was not drawn."""
        return [e for e in self.root.walk() if not e.has_content()]
