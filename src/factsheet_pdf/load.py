"""Stage 1, load: a content file (YAML) -> :class:`~factsheet_pdf.model.Sheet`.

PyYAML's ``compose`` keeps the line and column of every node, so every problem (broken YAML,
a missing field, an unknown block kind, unbalanced inline markup, a link address we do not
allow, a duplicate id) is reported as ``file:line:col: error: ...``; all problems in the file
are collected before raising. Work is bounded (see :data:`LIMITS`): a file, a paragraph, the
nesting or the number of units past a limit is a located error, never a hang.

The sheet's labels are the shared strings (:mod:`.shared`), overridden by the sheet's own
``labels:``; a glossary or contact block without a heading takes the shared one.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from . import markup, shared
from .chars import describe as describe_char
from .regular import NotRegularFile, TooLarge, read_regular
from .errors import Diagnostic, FactsheetError
from .kinds import NAMES, by_name
from .tags import SOURCE_LANG
from .model import (
    Block,
    Contact,
    Glossary,
    GlossaryEntry,
    Section,
    Sheet,
    SourceLoc,
    Unit,
)
from .nodes import LIMITS, SLUG, NodeReader, is_empty, parse_nodes

_REVISED = re.compile(r"(\d{4})-(0[1-9]|1[0-2])")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e]")
"""C0 controls, DEL, the C1 controls and the bidi embeddings and overrides (U+202A-U+202E: they can make a
phone number display differently from what its link dials; marks and isolates are
allowed)."""


def read_input(path: str, what: str, limit: int) -> tuple[bytes, str]:
    """A UTF-8 input file's bytes and text; located errors for a file that is not regular
    (refused without blocking: a FIFO would hang), size, bad bytes and control characters."""
    try:
        raw = read_regular(path, limit)
    except NotRegularFile as e:
        raise FactsheetError(Diagnostic(SourceLoc.file(path),
                                        f"{what} is {e.strerror}")) from None
    except TooLarge:
        raise FactsheetError(Diagnostic(SourceLoc(path, 1), f"{what} is larger than "
                                                            f"{limit:,} bytes")) from None
    except OSError as e:
        raise FactsheetError(Diagnostic(SourceLoc.file(path), f"cannot read {what}: {e.strerror}"))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        before = raw[: e.start]
        line = before.count(b"\n") + 1
        col = len(before.rsplit(b"\n", 1)[-1].decode("utf-8", "replace")) + 1
        raise FactsheetError(Diagnostic(SourceLoc(path, line, col),
                                        f"not UTF-8 text (byte 0x{raw[e.start]:02x})"))
    if text.startswith("\ufeff"):
        text = text[1:]
    m = _CONTROL.search(text)
    if m:
        line = text.count("\n", 0, m.start()) + 1
        col = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
        kind = ("bidi embedding or override" if "\u202a" <= m[0] <= "\u202e"
                else "control character")
        raise FactsheetError(Diagnostic(
            SourceLoc(path, line, col), f"{kind} {describe_char(m[0])} in {what}",
            hint="use the isolates U+2066-U+2069 or the marks U+200E/U+200F"
            if kind != "control character" else None))
    return raw, text


def compose(path: str, what: str, limit: int = LIMITS["file_bytes"]) -> Node | None:
    """Read a YAML file into a node tree with locations; every failure is a located error."""
    return compose_input(path, what, limit)[1]


def compose_input(path: str, what: str, limit: int) -> tuple[bytes, Node | None]:
    """A YAML input file's bytes and node tree (content files, site profiles)."""
    raw, text = read_input(path, what, limit)
    depth = _max_depth(text, LIMITS["depth"])
    if depth[0] > LIMITS["depth"]:
        raise FactsheetError(Diagnostic(SourceLoc(path, depth[1]), f"{what} is nested more "
                                        f"than {LIMITS['depth']} levels deep"))
    try:
        return raw, parse_nodes(text)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        if e.context_mark is not None and (e.context or "").startswith("while scanning"):
            mark = e.context_mark  # where the unclosed quote or block starts, not end of file
        loc = SourceLoc(path, mark.line + 1, mark.column + 1) if mark else SourceLoc(path, 1)
        msg = " ".join(filter(None, [e.context, e.problem]))
        found = e.problem_mark
        where = f" (at line {found.line + 1}, column {found.column + 1})" if found else ""
        quote = _runaway_quote(text, found.line if found else None)
        if quote is not None:  # an unclosed quote ends at the next quote, far below
            (line, col), q, end = quote
            loc = SourceLoc(path, line + 1, col + 1)
            msg = (f"this quoted text ({q}) runs on to line {end + 1}: is its closing {q} "
                   f"missing? Then: {msg}{where}")
        elif (e.context_mark is not None and found is not None
              and (e.context or "").startswith("while parsing a flow")
              and e.context_mark.line != found.line):
            loc = SourceLoc(path, e.context_mark.line + 1, e.context_mark.column + 1)
            construct = (e.context or "")[len("while parsing a "):]
            msg = f"this {construct} is not closed: {e.problem}{where}"
        if "\t" in msg or "'\\t'" in msg:
            msg += " (YAML does not allow tabs for indentation)"
        raise FactsheetError(Diagnostic(loc, f"invalid YAML: {msg}"))
    except yaml.YAMLError as e:  # ReaderError and other unmarked errors
        pos = getattr(e, "position", None)
        if pos is not None:
            line = text.count("\n", 0, pos) + 1
            col = pos - (text.rfind("\n", 0, pos) + 1) + 1
            raise FactsheetError(Diagnostic(SourceLoc(path, line, col), f"invalid YAML: {e}"))
        raise FactsheetError(Diagnostic(SourceLoc(path, 1), f"invalid YAML: {e}"))
    except RecursionError:
        raise FactsheetError(Diagnostic(SourceLoc(path, 1), f"{what} is nested too deeply"))


def _runaway_quote(text: str, error_line: int | None):
    """The last quoted scalar that spans lines before a YAML error: ((line, col), quote,
    end line), 0-based; None when there is none."""
    if error_line is None:
        return None
    last = None
    try:
        for tok in yaml.scan(text):
            if tok.start_mark.line > error_line:
                break
            if (isinstance(tok, yaml.ScalarToken) and tok.style in ("'", '"')
                    and tok.end_mark.line > tok.start_mark.line):
                last = ((tok.start_mark.line, tok.start_mark.column), tok.style,
                        tok.end_mark.line)
    except yaml.YAMLError:
        pass
    return last


def _max_depth(text: str, limit: int) -> tuple[int, int]:
    """A cheap upper bound of flow/block nesting, with the first line deeper than ``limit``
    (or where it peaks). Brackets inside quoted text, comments and plain text ("see [1]") do
    not count: only a ``[`` or ``{`` where YAML starts a flow collection."""
    depth = best = 0
    where = line = 1
    quote = None
    prev = ""  # the last non-blank character on this line ("" at the start of a line)
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "\n":
            line += 1
        if quote is not None:
            if ch == "\\" and quote == '"' and i + 1 < n:
                if text[i + 1] == "\n":
                    line += 1
                i += 2
                continue
            if ch == quote:
                if quote == "'" and text.startswith("'", i + 1):
                    i += 2
                    continue
                quote, prev = None, ch
            i += 1
            continue
        if ch == "#" and (i == 0 or text[i - 1] in " \t\n"):
            j = text.find("\n", i)
            i = n if j < 0 else j
            continue
        starts = prev in ("", ":", "-", "?", "[", "{", ",")
        if ch in "\"'" and starts:
            quote = ch
        elif ch in "[{" and (depth > 0 or starts):
            depth += 1
            if depth > best:
                if best <= limit:
                    where = line
                best = depth
        elif ch in "]}" and depth > 0:
            depth -= 1
        elif ch in "[{":
            ch = "x"  # a bracket in plain text
        if ch == "\n":
            prev = ""
        elif not ch.isspace():
            prev = ch
        i += 1
    indent_depth = 0
    for i, ln in enumerate(text.splitlines(), 1):
        stripped = ln.lstrip(" -")
        if stripped and not stripped.startswith("#"):
            d = (len(ln) - len(stripped)) // 2
            if d > indent_depth:
                indent_depth = d
                if d > best and best <= limit:
                    best, where = d, i
                elif d > best:
                    best = d
    return best, where


class _Reader(NodeReader):
    """The located-node validator (:class:`~factsheet_pdf.nodes.NodeReader`) plus what only
    content has: translatable units, their ids (unique in the sheet) and inline markup."""

    def __init__(self, path: str, sheet_id: str | None = None):
        super().__init__(path)
        self.domain = sheet_id or ""
        self.ids: dict[str, SourceLoc] = {}

    def scalar(self, node: Node | None, what: str) -> str | None:
        node = self.scalar_node(node, what)
        if node is None:
            return None
        if len(node.value) > LIMITS["unit_chars"]:
            self.err(node, f"{what} is longer than {LIMITS['unit_chars']:,} characters "
                           f"({len(node.value):,})")
            return None
        if not self.no_controls(node, what):
            return None
        text = shared.normalise(node.value)
        if not markup.has_visible_text(text):
            self.err(node, is_empty(what))
            return None
        return text

    def ident(self, node: Node | None, what: str) -> str | None:
        value = self.scalar(node, what)
        if value is None:
            return None
        if not all(c.isascii() and (c.isalnum() or c in "-._") for c in value):
            self.err(node, f"{what} {value!r} may contain only ASCII letters, digits, '-', '.', "
                           "'_'")
            return None
        return value

    def unit(self, node: Node | None, uid: str | None, what: str, comment: str = "") -> Unit | None:
        text = self.scalar(node, what)
        if text is None or uid is None:
            return None
        assert isinstance(node, ScalarNode)  # scalar() gave its text
        loc = self.loc(node)
        if uid in self.ids:
            self.err(node, f"duplicate id {uid!r} (first used at {self.ids[uid]})")
        self.ids[uid] = loc
        if len(self.ids) > LIMITS["units"]:
            if len(self.ids) == LIMITS["units"] + 1:
                self.err(node, f"more than {LIMITS['units']:,} translatable units in one sheet")
            return None
        try:
            spans = markup.parse(text)
        except markup.MarkupError as e:
            # Exact column for one-line scalars; the scalar's start otherwise.
            exact = node.style in (None, "'", '"') and node.start_mark.line == node.end_mark.line
            offset = e.column - 1 + (1 if node.style in ("'", '"') else 0) if exact else 0
            self.err(node, f"{what}: {e.message}", offset=offset)
        else:
            for href in markup.links(spans):
                problem = markup.check_address(href)
                if problem:
                    self.err(node, f"{what}: {problem}")
        return Unit(uid, text, loc, comment=comment, domain=self.domain)

    def id_text(self, node: Node | None, what: str, comment: str) -> Unit | None:
        if node is None:
            return None
        m = self.mapping(node, what, ("id", "text"))
        return self.unit(m.get("text"), self.ident(m.get("id"), f"{what} id"), what, comment)

    def texts(self, node: Node, base: str, what: str, comment: str) -> list[Unit]:
        """One text, or a sequence of texts (ids ``base``, ``base.2``, ``base.3``...)."""
        if isinstance(node, SequenceNode):
            nodes = self.sequence(node, what)
        else:
            nodes = [node]
        out = []
        for i, n in enumerate(nodes, 1):
            u = self.unit(n, base if i == 1 else f"{base}.{i}", what, comment)
            if u:
                out.append(u)
        return out if len(out) == len(nodes) else []


def _block(r: _Reader, node: Node, sid: str) -> Block | None:
    m = r.mapping(node, "block", ("id",), NAMES)
    keys = [k for k in NAMES if k in m]
    if len(keys) != 1:
        if isinstance(node, MappingNode):
            r.err(node, "a block needs exactly one of: " + ", ".join(NAMES))
        return None
    bid = r.ident(m.get("id"), "block id")
    if bid is None:
        return None
    return by_name(keys[0]).load(r, m[keys[0]], bid, sid, keys[0])


TOP_KEYS = ("sheet", "lang", "title", "sections", "series", "source", "revised", "pages",
            "short_title", "glossary", "contact", "labels")
SHORT_TITLE_CHARS = 40
"""Longest ``short_title``: the page marks hold it on one line with the language's name, the
revision month and the page number, at 8 pt (standard) and 18 pt (large print)."""


def load_sheet(path: str | Path, display: str | None = None) -> Sheet:
    """Read and validate a content file; raise FactsheetError listing every problem.

    ``display`` is the path messages print (relative to the workspace root).
    """
    path = str(path)
    shown = display or path
    try:
        root = compose(path, "content file")
    except FactsheetError as e:
        raise FactsheetError([_relocate(d, path, shown) for d in e.diagnostics]) from None
    r = _Reader(shown)
    if root is None:
        raise FactsheetError(Diagnostic(SourceLoc(shown, 1, 1), "content file is empty"))
    top = r.mapping(root, "fact sheet", ("sheet", "lang", "title", "sections"), TOP_KEYS[4:])
    sheet_id = r.scalar(top.get("sheet"), "sheet id")
    if sheet_id is not None:
        if not SLUG.fullmatch(sheet_id):
            r.err(top["sheet"], f"sheet id {sheet_id!r} must be a plain slug: lowercase letters, "
                                "digits and '-' (it becomes a file name)")
            sheet_id = None
        elif sheet_id in shared.RESERVED_IDS:
            r.err(top["sheet"], f"sheet id {sheet_id!r} is reserved (the shared strings' domain)")
            sheet_id = None
    r.domain = sheet_id or ""
    lang = r.scalar(top.get("lang"), "lang")
    if lang is not None and lang != SOURCE_LANG:
        r.err(top["lang"], f"source language must be {SOURCE_LANG!r}, not {lang!r}")
    series = r.id_text(top.get("series"), "series", "Series label above the title.")
    title = r.id_text(top.get("title"), "title", "Title of the fact sheet (also the PDF title).")
    source = r.id_text(
        top.get("source"), "source line",
        "Source line under the title. Keep the link: same address, link text may be translated.",
    )
    revised = None
    if "revised" in top:
        revised = r.scalar(top["revised"], "revised")
        if revised is not None and not _REVISED.fullmatch(revised):
            r.err(top["revised"], f"revised must be a year and month, YYYY-MM (not {revised!r})")
            revised = None
    short_title = None
    if "short_title" in top:
        short_title = r.scalar(top["short_title"], "short_title")
        if short_title is not None:
            short_title = " ".join(short_title.split())
            if not short_title:
                r.err(top["short_title"], "short_title is empty: leave the key out to have "
                                          "the page marks shorten the title")
                short_title = None
            elif len(short_title) > SHORT_TITLE_CHARS:
                r.err(top["short_title"], f"short_title must be {SHORT_TITLE_CHARS} characters "
                                          f"or fewer (it is {len(short_title)}): the page marks "
                                          "hold it on one line")
                short_title = None
    pages: int | None = 2
    if "pages" in top:
        raw = r.scalar(top["pages"], "pages")
        if raw is not None:
            if not raw.isdigit() or not 1 <= int(raw) <= LIMITS["pages"]:
                r.err(top["pages"], f"pages must be a whole number from 1 to {LIMITS['pages']}")
            else:
                pages = int(raw)

    sections: list[Section] = []
    for s in r.sequence(top.get("sections"), "sections"):
        m = r.mapping(s, "section", ("id", "heading", "blocks"))
        sid = r.ident(m.get("id"), "section id")
        heading = r.unit(
            m.get("heading"), f"{sid}.heading" if sid else None, "section heading",
            "Section heading.",
        )
        blocks = [_block(r, b, sid or "?") for b in r.sequence(m.get("blocks"), "blocks")]
        if sid and heading and blocks and all(blocks):
            sections.append(Section(sid, heading, tuple(b for b in blocks if b)))

    glossary = None
    gnode = top.get("glossary")
    if gnode is not None:
        g = r.mapping(gnode, "glossary", ("id", "entries"), ("heading",))
        gid = r.ident(g.get("id"), "glossary id")
        gheading = (r.unit(g["heading"], f"{gid}.heading" if gid else None, "glossary heading",
                           "Heading of the glossary box beside the text.")
                    if "heading" in g else shared.unit("glossary.heading"))
        entries: list[GlossaryEntry] = []
        for enode in r.sequence(g.get("entries"), "glossary entries"):
            em = r.mapping(enode, "glossary entry", ("id", "term", "definition"))
            eid = r.ident(em.get("id"), "glossary entry id")
            base = f"{gid}.{eid}" if gid and eid else None
            term = r.unit(
                em.get("term"), f"{base}.term" if base else None, "glossary term",
                "Glossary term (bold). Use this same translated term wherever the text uses it.",
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
        c = r.mapping(cnode, "contact", ("id", "text"), ("heading", "phone", "vanity", "web"))
        cid = r.ident(c.get("id"), "contact id")
        cheading = (r.unit(c["heading"], f"{cid}.heading" if cid else None, "contact heading",
                           "Heading of the contact block at the end of the sheet.")
                    if "heading" in c else shared.unit("contact.heading"))
        ctext = r.unit(
            c.get("text"), f"{cid}.text" if cid else None, "contact text",
            "Contact block. Keep {phone} and {web} exactly: the build fills them in.",
        )
        phone = r.scalar(c.get("phone"), "phone")
        vanity = _yes(r, c.get("vanity"), "vanity")
        web = r.scalar(c.get("web"), "web address")
        if web is not None and markup.check_address(web):
            r.err(c["web"], f"web address: {markup.check_address(web)}")
        if ctext:
            for ph, value, key in (("{phone}", phone, "phone"), ("{web}", web, "web")):
                n = ctext.text.count(ph)
                if n > 1 or (n == 1) != (value is not None):
                    r.err(c["text"], f"contact text must contain {ph} exactly once when "
                                     f"'{key}' is given, and not at all otherwise")
        if cheading and ctext:
            contact = Contact(cheading, ctext, phone, web, r.loc(cnode),
                              r.loc(c["phone"]) if "phone" in c else None, vanity)

    own_labels: list[Unit] = []
    lnode = top.get("labels")
    if lnode is not None:
        names = shared.label_names()
        lm = r.mapping(lnode, "labels", (), names)
        for name in names:
            if name in lm:
                shared_label = shared.unit(f"label.{name}")
                u = r.unit(lm[name], f"label.{name}", f"label {name!r}", shared_label.comment)
                if u:
                    own_labels.append(u)

    if r.diags:
        raise FactsheetError(r.diags)
    assert sheet_id and title
    return Sheet(
        id=sheet_id, lang="en", path=shown, series=series, title=title, source=source,
        sections=tuple(sections), glossary=glossary, contact=contact,
        labels=shared.labels_with(own_labels), pages=pages, revised=revised,
        title_en=markup.plain_text(title.text), short_title=short_title,
    )


def _yes(r, node, what: str) -> bool:
    """A yes/no value (YAML 1.1's words: yes, no, true, false, on, off)."""
    if node is None:
        return False
    value = node.value.lower() if isinstance(node, ScalarNode) else None
    if value in ("yes", "true", "on", "no", "false", "off"):
        return value in ("yes", "true", "on")
    r.err(node, f"{what} must be yes or no")
    return False


def _relocate(d: Diagnostic, path: str, shown: str) -> Diagnostic:
    """A diagnostic about ``path`` as the user should read it (``shown``)."""
    if d.loc is not None and d.loc.path == path:
        return Diagnostic(SourceLoc(shown, d.loc.line, d.loc.column), d.message, d.severity,
                          d.hint)
    return d
