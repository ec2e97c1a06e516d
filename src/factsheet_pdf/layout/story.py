"""Sheet -> structure tree + flowables, for one (variant, params, language).

The structure tree is built here in reading order, separately from the story; each leaf
flowable carries its element. The flowables come in four groups the page templates place:
the title band, the body, the glossary and the contact footer.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.platypus import Flowable

from .. import markup
from ..model import BulletList, CrossRef, Paragraph, Sheet, Unit
from ..tag import Element, StructTree
from .flowables import BulletItem, Shaded, TaggedParagraph
from .inline import POP, fill, push, to_rl
from .styles import INK, Params, Styles, Variant


@dataclass
class Story:
    tree: StructTree
    band: list[Flowable]
    body: list[Flowable]
    glossary: list[Flowable]
    footer: list[Flowable]


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

    def bullet_list(self, block: BulletList, parent: Element) -> list[Flowable]:
        lst = parent.add("L")
        out: list[Flowable] = []
        size = self.st.item.fontSize
        for item in block.items:
            li = lst.add("LI", lang=self.lang(item))
            lbl = li.add("Lbl")
            body = li.add("LBody")
            para = TaggedParagraph(self.rl(item, body), self.st.item, element=body)
            out.append(BulletItem("\u2022", para, label=lbl, indent=size * 1.1,
                                  font=f"{self.font}-bold", size=size, color=INK))
        return out

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
        band: list[Flowable] = [
            self.para(s.series, "P", doc, st.series),
            self.heading(s.title, "H1", doc, st.title, 0),
            self.para(s.source, "P", doc, st.source),
        ]
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
                    body.append(self.para(block.unit, "P", sect, st.xref))
                else:
                    body.extend(self.bullet_list(block, sect))

        g = s.glossary
        gsect = doc.add("Sect")
        ghead = self.heading(g.heading, "H2", gsect, st.gloss_h if self.variant.sidebar else st.h2,
                             1)
        glst = gsect.add("L")
        entries = [self.glossary_entry(e, glst) for e in g.entries]
        if self.variant.sidebar:
            gap = st.gloss.leading * 0.45
            pad = st.gloss.fontSize * 0.8
            ghead.style.keepWithNext = 1
            glossary: list[Flowable] = [Shaded(ghead, pad_x=pad, pad_top=pad, pad_bottom=gap)]
            for i, e in enumerate(entries):
                last = i == len(entries) - 1
                glossary.append(Shaded(e, pad_x=pad, pad_top=gap,
                                       pad_bottom=pad if last else 0))
        else:
            for e in entries:
                e.style = st.body.clone("gloss_lp", spaceAfter=st.body.spaceAfter)
            glossary = [ghead, *entries]

        c = s.contact
        csect = doc.add("Sect")
        footer: list[Flowable] = [self.heading(c.heading, "H2", csect, st.contact_h, 1)]
        cp = csect.add("P", lang=self.lang(c.text))
        web = markup.Span("link", children=(markup.Span("text", c.web),), href=c.web)
        spans = markup.substitute(markup.parse(c.text.text),
                                  {"phone": [markup.Span("text", c.phone)], "web": [web]})
        text = to_rl(spans, tree=self.tree, parent=cp, italic_as=self.variant.italic_as)
        footer.append(TaggedParagraph(text, st.contact, element=cp))
        return Story(self.tree, band, body, glossary, footer)


def build_story(sheet: Sheet, variant: Variant, params: Params, styles: Styles, font: str,
                notice: Unit | None) -> Story:
    return _Builder(sheet, variant, params, styles, font).build(notice)
