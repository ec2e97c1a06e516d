"""Stage 1, load: a content file (YAML) -> :class:`~factsheet_pdf.model.Sheet`.

PyYAML's ``compose`` keeps the line and column of every node, so every problem (broken YAML,
a missing field, an unknown block type, unbalanced inline markup, a duplicate id) is reported
as ``file:line:col: error: ...``; all problems in the file are collected before raising.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from . import markup
from .errors import Diagnostic, FactsheetError
from .model import (
    Block,
    BulletList,
    Contact,
    CrossRef,
    Glossary,
    GlossaryEntry,
    Paragraph,
    Section,
    Sheet,
    SourceLoc,
    Unit,
)

BLOCK_KINDS = ("paragraph", "list", "xref")
LABELS = (
    "page-mark",
    "turn-over",
    "page-n-of-m",
    "language-marker",
    "glossary-term",
    "glossary-continued",
    "review-notice",
    "draft-mark",
    "large-print",
    "subject",
)
LABEL_COMMENTS = {
    "page-mark": "Page number at the foot of each standard page, e.g. 1/2.",
    "turn-over": "Printed at the foot of the front page of the two-page handout.",
    "page-n-of-m": "Page number on every large-print page.",
    "language-marker": "Small marker for clinic staff on every page; {language} is this "
    "language's own name, {language_en} its English name, {sheet} the sheet id.",
    "glossary-term": "How a glossary term is introduced before its definition.",
    "glossary-continued": "Heading repeated where the glossary box continues in the next column.",
    "review-notice": "Small print under the title while this translation is unreviewed.",
    "draft-mark": "Banner on every page of a draft build (untranslated text shown in English).",
    "large-print": "Name of the large-print edition (document metadata).",
    "subject": "Document subject (metadata).",
}


class _Reader:
    def __init__(self, path: str):
        self.path = path
        self.diags: list[Diagnostic] = []
        self.ids: dict[str, SourceLoc] = {}

    def loc(self, node: Node, offset: int = 0) -> SourceLoc:
        m = node.start_mark
        return SourceLoc(self.path, m.line + 1, m.column + 1 + offset)

    def err(self, node: Node | None, msg: str, offset: int = 0, hint: str | None = None) -> None:
        loc = self.loc(node, offset) if node is not None else SourceLoc(self.path, 1, 1)
        self.diags.append(Diagnostic(loc, msg, hint=hint))

    def mapping(self, node: Node, what: str, required: tuple[str, ...], optional=()) -> dict:
        if not isinstance(node, MappingNode):
            self.err(node, f"{what} must be a mapping")
            return {}
        out: dict[str, Node] = {}
        for k, v in node.value:
            key = k.value if isinstance(k, ScalarNode) else None
            if key in out:
                self.err(k, f"duplicate key {key!r} in {what}")
            elif key not in required and key not in optional:
                allowed = ", ".join(required + tuple(optional))
                self.err(k, f"unknown key {key!r} in {what} (expected: {allowed})")
            else:
                out[key] = v
        for key in required:
            if key not in out:
                self.err(node, f"{what} is missing {key!r}")
        return out

    def scalar(self, node: Node | None, what: str) -> str | None:
        if node is None:
            return None
        if not isinstance(node, ScalarNode) or node.tag.endswith(":null"):
            self.err(node, f"{what} must be text")
            return None
        text = " ".join(node.value.split())
        if not text:
            self.err(node, f"{what} is empty")
            return None
        return text

    def ident(self, node: Node | None, what: str) -> str | None:
        value = self.scalar(node, what)
        if value is None:
            return None
        if not all(c.isalnum() or c in "-._" for c in value):
            self.err(node, f"{what} {value!r} may contain only letters, digits, '-', '.', '_'")
        return value

    def unit(self, node: Node | None, uid: str | None, what: str, comment: str = "") -> Unit | None:
        text = self.scalar(node, what)
        if text is None or uid is None:
            return None
        assert node is not None
        loc = self.loc(node)
        if uid in self.ids:
            self.err(node, f"duplicate id {uid!r} (first used at {self.ids[uid]})")
        self.ids[uid] = loc
        try:
            markup.parse(text)
        except markup.MarkupError as e:
            # Exact column for one-line scalars; the scalar's start otherwise.
            exact = node.style in (None, "'", '"') and node.start_mark.line == node.end_mark.line
            offset = e.column - 1 + (1 if node.style in ("'", '"') else 0) if exact else 0
            self.err(node, f"{what}: {e.message}", offset=offset)
        return Unit(uid, text, loc, comment=comment)

    def id_text(self, node: Node | None, what: str, comment: str) -> Unit | None:
        if node is None:
            return None
        m = self.mapping(node, what, ("id", "text"))
        return self.unit(m.get("text"), self.ident(m.get("id"), f"{what} id"), what, comment)


def _block(r: _Reader, node: Node, sid: str) -> Block | None:
    m = r.mapping(node, "block", ("id",), BLOCK_KINDS)
    kinds = [k for k in BLOCK_KINDS if k in m]
    if len(kinds) != 1:
        if isinstance(node, MappingNode):
            r.err(node, "a block needs exactly one of: " + ", ".join(BLOCK_KINDS))
        return None
    bid = r.ident(m.get("id"), "block id")
    kind = kinds[0]
    if kind == "paragraph":
        u = r.unit(m[kind], bid, "paragraph", f"Paragraph in section '{sid}'.")
        return Paragraph(u) if u else None
    if kind == "xref":
        u = r.unit(
            m[kind], bid, "cross-reference",
            "Cross-reference to another fact sheet: translate its title; it is not a link.",
        )
        return CrossRef(u) if u else None
    seq = m[kind]
    if not isinstance(seq, SequenceNode) or not seq.value:
        r.err(seq, "list must be a non-empty sequence of items")
        return None
    items = [r.id_text(i, "list item", f"Bulleted list item in section '{sid}'.") for i in seq.value]
    if bid is None or any(i is None for i in items):
        return None
    return BulletList(bid, tuple(i for i in items if i), r.loc(seq))


def load_sheet(path: str | Path) -> Sheet:
    """Read and validate a content file; raise FactsheetError listing every problem."""
    path = str(path)
    r = _Reader(path)
    try:
        with open(path, encoding="utf-8") as f:
            root = yaml.compose(f)
    except OSError as e:
        raise FactsheetError(Diagnostic(None, f"{path}: cannot read content file: {e.strerror}"))
    except UnicodeDecodeError as e:
        raise FactsheetError(Diagnostic(SourceLoc(path, 1), f"not UTF-8 text: {e.reason}"))
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        loc = SourceLoc(path, mark.line + 1, mark.column + 1) if mark else SourceLoc(path, 1)
        msg = " ".join(filter(None, [e.context, e.problem]))
        raise FactsheetError(Diagnostic(loc, f"invalid YAML: {msg}"))
    if root is None:
        raise FactsheetError(Diagnostic(SourceLoc(path, 1, 1), "content file is empty"))
    top = r.mapping(
        root, "fact sheet",
        ("sheet", "lang", "series", "title", "source", "sections", "glossary", "contact", "labels"),
    )
    sheet_id = r.ident(top.get("sheet"), "sheet id")
    lang = r.scalar(top.get("lang"), "lang")
    if lang is not None and lang != "en":
        r.err(top["lang"], f"source language must be 'en', not {lang!r}")
    series = r.id_text(top.get("series"), "series", "Series label above the title.")
    title = r.id_text(top.get("title"), "title", "Title of the fact sheet (also the PDF title).")
    source = r.id_text(
        top.get("source"), "source line",
        "Source line under the title. Keep the link: same address, link text may be translated.",
    )

    sections: list[Section] = []
    snode = top.get("sections")
    if snode is not None and (not isinstance(snode, SequenceNode) or not snode.value):
        r.err(snode, "sections must be a non-empty sequence")
    elif snode is not None:
        for s in snode.value:
            m = r.mapping(s, "section", ("id", "heading", "blocks"))
            sid = r.ident(m.get("id"), "section id")
            heading = r.unit(
                m.get("heading"), f"{sid}.heading" if sid else None, "section heading",
                "Section heading (a question).",
            )
            bnode = m.get("blocks")
            blocks: list[Block | None] = []
            if bnode is not None and (not isinstance(bnode, SequenceNode) or not bnode.value):
                r.err(bnode, "blocks must be a non-empty sequence")
            elif bnode is not None:
                blocks = [_block(r, b, sid or "?") for b in bnode.value]
            if sid and heading and blocks and all(blocks):
                sections.append(Section(sid, heading, tuple(b for b in blocks if b)))

    glossary = None
    gnode = top.get("glossary")
    if gnode is not None:
        g = r.mapping(gnode, "glossary", ("id", "heading", "entries"))
        gid = r.ident(g.get("id"), "glossary id")
        gheading = r.unit(
            g.get("heading"), f"{gid}.heading" if gid else None, "glossary heading",
            "Heading of the glossary box beside the text.",
        )
        entries: list[GlossaryEntry] = []
        enode = g.get("entries")
        if enode is not None and (not isinstance(enode, SequenceNode) or not enode.value):
            r.err(enode, "glossary entries must be a non-empty sequence")
        elif enode is not None:
            for e in enode.value:
                em = r.mapping(e, "glossary entry", ("id", "term", "definition"))
                eid = r.ident(em.get("id"), "glossary entry id")
                base = f"{gid}.{eid}" if gid and eid else None
                term = r.unit(
                    em.get("term"), f"{base}.term" if base else None, "glossary term",
                    "Glossary term (bold). Use this same translated term wherever the text "
                    "uses it.",
                )
                definition = r.unit(
                    em.get("definition"), f"{base}.definition" if base else None,
                    "glossary definition", "Definition that follows the glossary term.",
                )
                if eid and term and definition:
                    entries.append(GlossaryEntry(eid, term, definition))
        if gid and gheading and entries:
            glossary = Glossary(gid, gheading, tuple(entries))

    contact = None
    cnode = top.get("contact")
    if cnode is not None:
        c = r.mapping(cnode, "contact", ("id", "heading", "text", "phone", "web"))
        cid = r.ident(c.get("id"), "contact id")
        cheading = r.unit(
            c.get("heading"), f"{cid}.heading" if cid else None, "contact heading",
            "Heading of the contact footer at the bottom of the last page.",
        )
        ctext = r.unit(
            c.get("text"), f"{cid}.text" if cid else None, "contact text",
            "Contact footer. Keep {phone} and {web} exactly: the build fills them in.",
        )
        phone = r.scalar(c.get("phone"), "phone")
        web = r.scalar(c.get("web"), "web address")
        if ctext:
            for ph in ("{phone}", "{web}"):
                if ctext.text.count(ph) != 1:
                    r.err(c["text"], f"contact text must contain {ph} exactly once")
        if cheading and ctext and phone and web:
            contact = Contact(cheading, ctext, phone, web, r.loc(cnode))

    labels: list[Unit] = []
    lnode = top.get("labels")
    if lnode is not None:
        lm = r.mapping(lnode, "labels", LABELS)
        for name in LABELS:
            if name in lm:
                u = r.unit(lm[name], f"label.{name}", f"label {name!r}", LABEL_COMMENTS[name])
                if u:
                    labels.append(u)

    if r.diags:
        raise FactsheetError(r.diags)
    assert sheet_id and series and title and source and glossary and contact
    return Sheet(
        id=sheet_id, lang="en", path=path, series=series, title=title, source=source,
        sections=tuple(sections), glossary=glossary, contact=contact, labels=tuple(labels),
    )
