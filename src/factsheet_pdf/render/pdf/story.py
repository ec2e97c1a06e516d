"""Sheet -> structure tree + flowables, for one (variant, params, language).

The structure tree is built here in reading order, separately from the story; each leaf
flowable carries its element. The flowables come in four groups the page templates place:
the title band, the body, the glossary and the contact footer.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from reportlab.platypus import Flowable

from ... import markup
from ...model import CrossRef, ItemList, Note, Paragraph, Sheet, Table, Unit
from ...tag import Element, StructTree
from .flowables import BulletItem, Shaded, TaggedParagraph
from .tables import TaggedTable
from .inline import POP, fill, push, to_rl
from .styles import INK, LINK, Params, Styles, Variant


@dataclass
class Story:
    tree: StructTree
    band: list[Flowable]
    body: list[Flowable]
    glossary: list[Flowable]
    footer: list[Flowable]
    contact_block: object = None
    """The clinic's :class:`~factsheet_pdf.site.contact.ContactBlock` (None: no site)."""


class _Builder:
    def __init__(self, sheet: Sheet, variant: Variant, params: Params, styles: Styles,
                 font: str):
        self.sheet = sheet
        self.variant = variant
        self.p = params
        self.st = styles
        self.font = font
        self.tree = StructTree(sheet.lang)

    def lang(self, unit: Unit) -> str | None:
        return unit.lang if unit.lang != self.sheet.lang else None

    def rl(self, unit: Unit, parent: Element) -> str:
        spans = markup.parse(unit.text)
        return to_rl(spans, tree=self.tree, parent=parent, italic_as=self.variant.italic_as)

    def para(self, unit: Unit, role: str, parent: Element, style, *, outline=None
             ) -> TaggedParagraph:
        el = parent.add(role, lang=self.lang(unit))
        return TaggedParagraph(self.rl(unit, el), style, element=el, outline=outline)

    def heading(self, unit: Unit, role: str, parent: Element, style, level: int):
        title = markup.plain_text(unit.text)
        return self.para(unit, role, parent, style, outline=(title, level))

    def item_list(self, block: ItemList, parent: Element) -> list[Flowable]:
        """Bulleted or numbered list: L > LI > Lbl + LBody (LBody > P when an item has several
        paragraphs); a numbered list says so (/ListNumbering /Decimal)."""
        lst = parent.add("L", attrs={"O": "List", "ListNumbering":
                                     "Decimal" if block.numbered else "Disc"})
        out: list[Flowable] = []
        size = self.st.item.fontSize
        indent = size * (1.9 if block.numbered and len(block.items) > 9 else
                         1.5 if block.numbered else 1.1)
        for n, item in enumerate(block.items, 1):
            first = item.paragraphs[0]
            li = lst.add("LI", lang=self.lang(first))
            lbl = li.add("Lbl")
            body = li.add("LBody")
            target = body.add("P") if len(item.paragraphs) > 1 else body
            para = TaggedParagraph(self.rl(first, target), self.st.item, element=target)
            out.append(BulletItem(f"{n}." if block.numbered else "\u2022", para, label=lbl,
                                  indent=indent, font=f"{self.font}-bold", size=size, color=INK))
            for more in item.paragraphs[1:]:
                el = body.add("P", lang=self.lang(more) if more.lang != first.lang else None)
                style = self.st.item.clone("item_more", leftIndent=indent)
                out.append(TaggedParagraph(self.rl(more, el), style, element=el))
        return out

    def table(self, block: Table, parent: Element) -> list[Flowable]:
        """Standard: a real table (Table > THead/TBody > TR > TH /Scope /Column | TD); a header
        row repeated after a break is drawn untagged (an artifact). Large print: one labelled
        group per row (L > LI > Lbl (first cell) + LBody ("header: value" pairs))."""
        if not self.variant.sidebar:
            return self._table_as_list(block, parent)
        tbl = parent.add("Table")
        head = tbl.add("THead").add("TR")
        st = self.st
        hstyle = st.item.clone("th", fontName=f"{self.font}-bold")
        rows = [[TaggedParagraph(self.rl(u, el), hstyle, element=el)
                 for u in block.header
                 for el in [head.add("TH", attrs={"O": "Table", "Scope": "Column"},
                                     lang=self.lang(u))]]]
        tbody = tbl.add("TBody")
        for row in block.rows:
            tr = tbody.add("TR")
            rows.append([TaggedParagraph(self.rl(u, el), st.item, element=el)
                         for u in row.cells for el in [tr.add("TD", lang=self.lang(u))]])
        return [TaggedTable(rows, pad=st.item.fontSize * 0.3)]

    def _table_as_list(self, block: Table, parent: Element) -> list[Flowable]:
        lst = parent.add("L")
        out: list[Flowable] = []
        st = self.st
        term = self.sheet.label("glossary-term")
        for row in block.rows:
            li = lst.add("LI")
            lbl = li.add("Lbl", lang=self.lang(row.cells[0]))
            out.append(TaggedParagraph(f"<b>{self.rl(row.cells[0], lbl)}</b>",
                                       st.item.clone("row_lbl", keepWithNext=1), element=lbl))
            body = li.add("LBody")
            for h, c in zip(block.header[1:], row.cells[1:]):
                el = body.add("P", lang=self.lang(c))
                text = (f"<b>{fill(escape(term.text), term=self.rl(h, el))}</b> "
                        f"{self.rl(c, el)}")
                out.append(TaggedParagraph(text, st.item.clone("row_pair",
                                                               leftIndent=st.item.fontSize),
                                           element=el))
        return out

    def note(self, block: Note, parent: Element) -> list[Flowable]:
        """A callout box: Sect (with an H3 when it has a heading), drawn like the glossary."""
        sect = parent.add("Sect")
        st = self.st
        inner: list[TaggedParagraph] = []
        if block.heading is not None:
            inner.append(self.heading(block.heading, "H3", sect, st.gloss_h, 2))
        inner += [self.para(u, "P", sect, st.gloss) for u in block.paragraphs]
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

    def xref(self, block: CrossRef, parent: Element) -> TaggedParagraph:
        """A cross-reference: free text, or a sheet of the workspace by its title (a link to
        the sibling PDF when it is built)."""
        p = parent.add("P", lang=self.lang(block.unit))
        if block.sheet is None:
            return TaggedParagraph(self.rl(block.unit, p), self.st.xref, element=p)
        found = self.sheet.xref(block.sheet)
        if found is None:
            raise ValueError(f"no title for cross-referenced sheet {block.sheet!r}")
        title, href = found
        title_spans = markup.parse(title.text)
        if href:
            target = href[len("pdf:"):]
            alt = f"{markup.plain(title_spans)} ({target})"
            link_el = p.add("Link", alt=alt, href=target, lang=self.lang(title))
            label = to_rl(title_spans, tree=self.tree, parent=link_el,
                          italic_as=self.variant.italic_as)
            value = (f"{push(self.tree, link_el)}<a href={quoteattr(href)} "
                     f"color=\"#{LINK.hexval()[2:]}\"><u>{label}</u></a>{POP}")
        else:
            value = to_rl(title_spans, tree=self.tree, parent=p, italic_as=self.variant.italic_as)
        around = self.rl(block.unit, p)
        return TaggedParagraph(around.replace("{title}", value, 1), self.st.xref, element=p)

    def glossary_entry(self, entry, lst: Element) -> TaggedParagraph:
        li = lst.add("LI")
        lbl = li.add("Lbl", lang=self.lang(entry.term))
        body = li.add("LBody", lang=self.lang(entry.definition))
        term_label = self.sheet.label("glossary-term")
        term = fill(escape(term_label.text), term=self.rl(entry.term, lbl))
        # No space after a full-width colon ("术语：定义"): it carries its own spacing.
        sep = "" if term_label.text.rstrip()[-1:] >= "\u3000" else " "
        text = (f"{push(self.tree, lbl)}<b>{term}</b>{POP}"
                f"{push(self.tree, body)}{sep}{self.rl(entry.definition, body)}{POP}")
        return TaggedParagraph(text, self.st.gloss, element=li)

    def build(self, notice: Unit | None) -> Story:
        s, st, doc = self.sheet, self.st, self.tree.root
        band: list[Flowable] = []
        if s.series is not None:
            band.append(self.para(s.series, "P", doc, st.series))
        band.append(self.heading(s.title, "H1", doc, st.title, 0))
        if s.source is not None:
            band.append(self.para(s.source, "P", doc, st.source))
        if notice is not None:
            band.append(self.para(notice, "P", doc, st.notice))

        body: list[Flowable] = []
        for section in s.sections:
            sect = doc.add("Sect")
            body.append(self.heading(section.heading, "H2", sect, st.h2, 1))
            for block in section.blocks:
                if isinstance(block, Paragraph):
                    body.append(self.para(block.unit, "P", sect, st.body))
                elif isinstance(block, CrossRef):
                    body.append(self.xref(block, sect))
                elif isinstance(block, ItemList):
                    body.extend(self.item_list(block, sect))
                elif isinstance(block, Table):
                    body.extend(self.table(block, sect))
                else:
                    body.extend(self.note(block, sect))
        glossary = self.glossary() if s.glossary is not None else []
        footer = self.contact() if s.contact is not None or s.site is not None else []
        return Story(self.tree, band, body, glossary, footer,
                     getattr(self, "contact_block", None))

    def glossary(self) -> list[Flowable]:
        g = self.sheet.glossary
        assert g is not None
        st, doc = self.st, self.tree.root
        gsect = doc.add("Sect")
        ghead = self.heading(g.heading, "H2", gsect, st.gloss_h if self.variant.sidebar else st.h2,
                             1)
        glst = gsect.add("L")
        entries = [self.glossary_entry(e, glst) for e in g.entries]
        if self.variant.sidebar:
            return self.boxed([ghead, *entries])
        for e in entries:
            e.style = st.body.clone("gloss_lp", spaceAfter=st.body.spaceAfter)
        return [ghead, *entries]

    def contact(self) -> list[Flowable]:
        """The sheet's own contact block, or the clinic's when the sheet has a site profile
        (render/pdf/contact.py; ``params.contact``, a ContactFit, says how much room it takes)."""
        if self.sheet.site is not None:
            return self.site_contact()
        c = self.sheet.contact
        assert c is not None
        st, doc = self.st, self.tree.root
        csect = doc.add("Sect")
        footer: list[Flowable] = [self.heading(c.heading, "H2", csect, st.contact_h, 1)]
        cp = csect.add("P", lang=self.lang(c.text))
        footer.append(TaggedParagraph(self.national(cp), st.contact, element=cp))
        return footer

    def national(self, cp: Element) -> str:
        """The sheet's own contact sentence (phone and web filled in) into ``cp``."""
        c = self.sheet.contact
        assert c is not None
        values = {}
        if c.phone is not None:
            values["phone"] = [markup.Span("text", c.phone)]
        if c.web is not None:
            values["web"] = [markup.Span("link", children=(markup.Span("text", c.web),),
                                         href=c.web)]
        spans = markup.parse(c.text.text)
        if values:
            spans = markup.substitute(spans, values)
        return to_rl(spans, tree=self.tree, parent=cp, italic_as=self.variant.italic_as)

    def site_contact(self) -> list[Flowable]:
        from ...fonts import coverage
        from ...site.contact import contact_block
        from ...site.strings import sheet_translator
        from .contact import ContactFit, contact_flowables

        profile = self.sheet.site
        cov = coverage(self.font, "regular")
        block = contact_block(profile, self.sheet.lang, sheet_translator(self.sheet),
                              lambda ch: ord(ch) in cov)
        self.contact_block = block
        national = None
        if profile.also and self.sheet.contact is not None:
            def national(sect: Element) -> tuple[Element, str]:
                cp = sect.add("P", lang=self.lang(self.sheet.contact.text))
                return cp, self.national(cp)
        return contact_flowables(
            block, tree=self.tree, parent=self.tree.root, styles=self.st,
            italic_as=self.variant.italic_as, national=national,
            large=not self.variant.sidebar, fit=getattr(self.p, "contact", None) or ContactFit(),
            logo_px=profile.logo_px)

def build_story(sheet: Sheet, variant: Variant, params: Params, styles: Styles, font: str,
                notice: Unit | None) -> Story:
    return _Builder(sheet, variant, params, styles, font).build(notice)
