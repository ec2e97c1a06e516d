"""Composed document -> structure tree + flowables, for one (variant, params, font).

A walk over the :class:`~factsheet_pdf.compose.Doc`: each node becomes its structure element
(in reading order, separately from the story) and the flowables that draw it; each leaf
flowable carries its element. What the document says (its nodes, their order, roles, text and
languages) is compose's; here only styles and geometry are chosen. The flowables come in four
groups the page templates place: the title band, the body, the glossary and the contact block.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from reportlab.platypus import Flowable

from ...compose.doc import Doc, Node
from ...markup import plain
from ...tag import Element, StructTree
from ...variants import Variant
from .flowables import BulletItem, Shaded, TaggedParagraph
from ...text.chain import FontChain
from ...text.layout import needs_engine
from .inline import style_face, to_rl
from .shaped import ShapedParagraph
from .shaped import pieces as shaped_pieces
from .styles import INK, Params, Styles
from .tables import TaggedTable

OUTLINE_LEVEL = {"H1": 0, "H2": 1, "H3": 2}
"""Bookmark level of each heading role."""


@dataclass
class Story:
    tree: StructTree
    band: list[Flowable]
    body: list[Flowable]
    glossary: list[Flowable]
    footer: list[Flowable]
    missing: list = field(default_factory=list)
    """``(node, text)`` that no font draws (see _Builder.missing)."""


def effective_lang(el: Element | None, default: str) -> str:
    """The language an element's content is in: its own /Lang or its nearest ancestor's."""
    while el is not None:
        if el.lang:
            return el.lang
        el = el.parent
    return default


class _Builder:
    def __init__(self, doc: Doc, variant: Variant, params: Params, styles: Styles, font: str,
                 has_glyph: Callable[[str], bool], chain: FontChain | None = None,
                 writer=None):
        self.doc = doc
        self.variant = variant
        self.p = params
        self.st = styles
        self.font = font
        self.has_glyph = has_glyph
        self.italic_as = "i" if variant.emphasis == "italic" else "u"
        self.tree = StructTree(doc.meta.lang)
        self.sidebar = variant.glossary == "sidebar"
        self.chain = chain
        self.rtl = doc.meta.dir == "rtl"
        self.writer = writer
        self.missing: list[tuple[Node, str]] = []
        """Text no font draws, by node (a located error at build: never a silent drop)."""

    # -- elements and text ---------------------------------------------------------------
    def element(self, node: Node, parent: Element, role: str | None = None, **kw) -> Element:
        """``node``'s structure element under ``parent``: /Lang only where it differs from
        the language the element inherits."""
        lang = node.lang if node.lang != effective_lang(parent, self.doc.meta.lang) else None
        attrs = {k: v for k, v in node.attrs}
        if attrs:
            owner = {"L": "List", "TH": "Table", "TD": "Table"}.get(role or node.role)
            attrs = {"O": owner, **attrs} if owner else attrs
        return parent.add(role or node.role, lang=lang, attrs=attrs or None, **kw)

    def rl(self, node: Node, el: Element, style=None) -> str:
        bold, italic = style_face(style.fontName) if style is not None else (False, False)
        return to_rl(node.spans, tree=self.tree, parent=el, italic_as=self.italic_as,
                     lang=effective_lang(el, self.doc.meta.lang), chain=self.chain,
                     own=self.font, bold=bold, italic=italic)

    def shaped(self, parts: list[tuple[Node, Element | None]]) -> bool:
        """Whether these nodes' text needs the shaping engine (right to left, complex
        shaping, dictionary breaks): :mod:`.shaped`; else ReportLab's Paragraph."""
        text = "".join(plain(n.spans) for n, _ in parts)
        return self.chain is not None and needs_engine(text, self.rtl)

    def text(self, parts: list[tuple[Node, Element | None]], style, el: Element,
             outline=None) -> Flowable:
        """One paragraph of ``parts`` (a node's spans, each in its own inline element or in
        the paragraph's ``el``)."""
        if self.chain is not None and self.shaped(parts):
            lang = effective_lang(el, self.doc.meta.lang)
            pieces: list = []
            for node, inline in parts:
                pieces += shaped_pieces(node.spans, tree=self.tree, parent=inline or el,
                                        lang=lang, element=inline)
            para = ShapedParagraph(pieces, style, element=el, lang=lang, rtl=self.rtl,
                                   chain=self.chain, outline=outline,
                                   italic_ok=self.italic_as == "i")
            self.missing += [(parts[0][0], m) for m in para.missing]
            return para
        if len(parts) == 1 and parts[0][1] is None:
            return TaggedParagraph(self.rl(parts[0][0], el, style), style, element=el,
                                   outline=outline)
        from .inline import POP, push

        markup_ = "".join(f"{push(self.tree, inline)}{self.rl(node, inline, style)}{POP}"
                          if inline is not None else self.rl(node, el, style)
                          for node, inline in parts)
        return TaggedParagraph(markup_, style, element=el, outline=outline)

    def para(self, node: Node, parent: Element, style) -> Flowable:
        el = self.element(node, parent)
        outline = None
        level = OUTLINE_LEVEL.get(node.role)
        if level is not None:
            outline = (plain(node.spans), level)
        return self.text([(node, None)], style, el, outline)

    # -- blocks -------------------------------------------------------------------------------
    def block(self, node: Node, parent: Element) -> list[Flowable]:
        st = self.st
        draw = {
            "heading": lambda: [self.para(node, parent, st.h2)],
            "paragraph": lambda: [self.para(node, parent, st.body)],
            "xref": lambda: [self.para(node, parent, st.xref)],
            "list": lambda: self.item_list(node, parent),
            "numbered": lambda: self.item_list(node, parent),
            "table": lambda: self.table(node, parent),
            "table-groups": lambda: self.table_groups(node, parent),
            "note": lambda: self.note(node, parent),
        }.get(node.kind)
        if draw is None:
            raise ValueError(f"the PDF renderer cannot draw a {node.kind!r} node")
        return draw()

    def item_list(self, node: Node, parent: Element) -> list[Flowable]:
        """L > LI > Lbl + LBody (LBody > P when an item has several paragraphs), the marker
        drawn at a hanging indent."""
        lst = self.element(node, parent)
        out: list[Flowable] = []
        size = self.st.item.fontSize
        numbered = node.attr("ListNumbering") == "Decimal"
        indent = size * (1.9 if numbered and len(node.children) > 9 else
                         1.5 if numbered else 1.1)
        for item in node.children:
            marker, body_node = item.children
            li = self.element(item, lst)
            lbl = self.element(marker, li)
            body = self.element(body_node, li)
            paras = body_node.children or (body_node,)
            first = paras[0]
            target = self.element(first, body) if body_node.children else body
            para = self.text([(first, None)], self.st.item, target)
            out.append(BulletItem(plain(marker.spans), para, label=lbl, indent=indent,
                                  font=f"{self.font}-bold", size=size, color=INK,
                                  rtl=self.rtl, writer=self.writer))
            for more in paras[1:]:
                el = self.element(more, body)
                style = self.st.item.clone(
                    "item_more", **{"rightIndent" if self.rtl else "leftIndent": indent})
                out.append(self.text([(more, None)], style, el))
        return out

    def table(self, node: Node, parent: Element) -> list[Flowable]:
        """Table > THead/TBody > TR > TH /Scope /Column | TD; a header row repeated after a
        break is drawn untagged (an artifact)."""
        tbl = self.element(node, parent)
        head_node, body_node = node.children
        st = self.st
        hstyle = st.item.clone("th", fontName=f"{self.font}-bold")
        rows = []
        for part, style in ((head_node, hstyle), (body_node, st.item)):
            group = self.element(part, tbl)
            for tr_node in part.children:
                tr = self.element(tr_node, group)
                cells = [self.text([(c, None)], style, el)
                         for c in tr_node.children for el in [self.element(c, tr)]]
                rows.append(cells[::-1] if self.rtl else cells)
        return [TaggedTable(rows, pad=st.item.fontSize * 0.3, rtl=self.rtl,
                            font=f"{self.font}-regular")]

    def table_groups(self, node: Node, parent: Element) -> list[Flowable]:
        """One labelled group per row: L > LI > Lbl (the first cell) + LBody (pairs)."""
        lst = self.element(node, parent)
        out: list[Flowable] = []
        st = self.st
        for row in node.children:
            label, body_node = row.children
            li = self.element(row, lst)
            lbl = self.element(label, li)
            out.append(self.text([(label, None)], st.item.clone("row_lbl", keepWithNext=1),
                                 lbl))
            body = self.element(body_node, li)
            side = "rightIndent" if self.rtl else "leftIndent"
            for pair in body_node.children:
                el = self.element(pair, body)
                out.append(self.text([(pair, None)], st.item.clone(
                    "row_pair", **{side: st.item.fontSize}), el))
        return out

    def note(self, node: Node, parent: Element) -> list[Flowable]:
        """A callout box: Sect (H3 when it has a heading), drawn like the glossary."""
        sect = self.element(node, parent)
        st = self.st
        inner = [self.para(c, sect, st.gloss_h if c.kind == "heading" else st.gloss)
                 for c in node.children]
        return self.boxed(inner)

    def boxed(self, inner: list) -> list[Flowable]:
        """Flowables on the shaded ground, padded at the top and bottom of the box."""
        st = self.st
        gap = st.gloss.leading * 0.45
        pad = st.gloss.fontSize * 0.8
        out: list[Flowable] = []
        for i, f in enumerate(inner):
            last = i == len(inner) - 1
            out.append(Shaded(f, pad_x=pad, pad_top=pad if i == 0 else gap,
                              pad_bottom=pad if last else 0))
        return out

    # -- regions -----------------------------------------------------------------------------
    BAND_STYLES = {"series": "series", "title": "title", "source": "source",
                   "notice": "notice"}

    def build(self) -> Story:
        doc, st, root = self.doc, self.st, self.tree.root
        band = [self.para(n, root, getattr(st, self.BAND_STYLES[n.kind])) for n in doc.band]
        body: list[Flowable] = []
        for section in doc.body:
            sect = self.element(section, root)
            for child in section.children:
                body.extend(self.block(child, sect))
        glossary = self.glossary(doc.glossary) if doc.glossary is not None else []
        footer: list[Flowable] = []
        if doc.contact is not None:
            footer = (self.clinic if doc.contact.kind == "clinic" else self.contact)(doc.contact)
        return Story(self.tree, band, body, glossary, footer)

    def glossary(self, node: Node) -> list[Flowable]:
        st, root = self.st, self.tree.root
        gsect = self.element(node, root)
        heading, entries = node.children
        ghead = self.para(heading, gsect, st.gloss_h if self.sidebar else st.h2)
        glst = self.element(entries, gsect)
        paras = [self.glossary_entry(e, glst) for e in entries.children]
        if self.sidebar:
            return self.boxed([ghead, *paras])
        # the glossary as its own section (large print): an entry never breaks across pages,
        # and a page it goes on on starts with the continuation label (pages.SheetDoc)
        from .flowables import Unsplit

        out: list[Flowable] = [ghead]
        for i, e in enumerate(paras):
            e.style = st.body.clone("gloss_lp", spaceAfter=st.body.spaceAfter)
            whole = Unsplit([e])
            whole.continues_glossary = i > 0
            out.append(whole)
        return out

    def glossary_entry(self, node: Node, lst: Element) -> Flowable:
        """One paragraph: the term (Lbl) run in before its definition (LBody)."""
        term, definition = node.children
        li = self.element(node, lst)
        lbl = self.element(term, li)
        body = self.element(definition, li)
        return self.text([(term, lbl), (definition, body)], self.st.gloss, li)

    def contact(self, node: Node) -> list[Flowable]:
        """The sheet's own contact block: its heading and sentence."""
        st = self.st
        csect = self.element(node, self.tree.root)
        heading, text = node.children
        return [self.para(heading, csect, st.contact_h), self.para(text, csect, st.contact)]

    def clinic(self, node: Node) -> list[Flowable]:
        from .contact import ContactFit, contact_flowables

        return contact_flowables(
            node, builder=self, large=self.variant.contact == "flow",
            fit=getattr(self.p, "contact", None) or ContactFit())


def build_story(doc: Doc, variant: Variant, params: Params, styles: Styles, font: str,
                has_glyph: Callable[[str], bool] = lambda ch: True,
                chain: FontChain | None = None, writer=None) -> Story:
    """``writer``: list markers the document's font cannot draw (:class:`.shaped.LineWriter`)."""
    b = _Builder(doc, variant, params, styles, font, has_glyph, chain, writer)
    story = b.build()
    story.missing = b.missing
    return story
