"""Stage 2, translate: Sheet (English) x PO catalog -> Sheet in the target language.

Strict by default: a missing, fuzzy or outdated translation is an error at its PO line.
With ``draft=True`` such units fall back to English (``Unit.lang = 'en'``, so the tagging
layer marks them ``/Lang en``) and each fallback is a warning. A translation whose inline
markup, placeholders or numbers differ from the English is always an error: it is never
rendered.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter

from . import markup
from .errors import Diagnostic, FactsheetError
from .i18n.catalogs import PoFile
from .model import (
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

_PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
_NUMBER = re.compile(r"\d+")


def check_translation(source: str, translation: str) -> list[str]:
    """Problems that make a translation unusable (markup, placeholders, numbers)."""
    problems = []
    try:
        spans = markup.parse(translation)
    except markup.MarkupError as e:
        return [f"inline markup: {e.message} (column {e.column} of the translation)"]
    want = markup.signature(markup.parse(source))
    got = markup.signature(spans)
    if want != got:
        problems.append(f"inline markup differs from the English: expected {markup.describe(want)},"
                        f" found {markup.describe(got)}")
    pw, pg = Counter(_PLACEHOLDER.findall(source)), Counter(_PLACEHOLDER.findall(translation))
    if pw != pg:
        problems.append(f"placeholders differ: expected {sorted(pw.elements())}, "
                        f"found {sorted(pg.elements())}")
    missing = Counter(_NUMBER.findall(markup.plain(markup.parse(source))))
    missing -= Counter(_NUMBER.findall(markup.plain(spans)))
    if missing:
        problems.append("numbers changed or missing: " + ", ".join(sorted(missing)))
    return problems


def translate(sheet: Sheet, tag: str, po: PoFile, *, draft: bool = False
              ) -> tuple[Sheet, list[Diagnostic]]:
    by_ctx = {m.context: m for m in po.live()}
    errors: list[Diagnostic] = []
    warnings: list[Diagnostic] = []
    fallbacks: list[str] = []
    path = str(po.path)

    def tr(unit: Unit) -> Unit:
        msg = by_ctx.get(unit.id)
        loc = SourceLoc(path, msg.lineno) if msg is not None and msg.lineno else SourceLoc(path, 1)
        problem = None
        if msg is None:
            problem = f"no entry for msgctxt {unit.id!r} (run `factsheet i18n update`)"
        elif msg.id != unit.text:
            problem = (f"entry {unit.id!r} translates an older English text "
                       f"(run `factsheet i18n update`)")
        elif not msg.string:
            problem = f"missing translation for {unit.id!r}"
        elif msg.fuzzy:
            problem = f"fuzzy translation for {unit.id!r}"
        if problem:
            if draft:
                warnings.append(Diagnostic(loc, problem + "; using English (draft)", "warning"))
                fallbacks.append(unit.id)
                return unit
            errors.append(Diagnostic(loc, problem, hint="use --draft to build anyway"))
            return unit
        for p in check_translation(unit.text, msg.string):
            errors.append(Diagnostic(loc, f"{unit.id}: {p}"))
        text = " ".join(msg.string.split())
        return dataclasses.replace(unit, text=text, loc=loc, lang=tag)

    def block(b):
        if isinstance(b, Paragraph):
            return Paragraph(tr(b.unit))
        if isinstance(b, CrossRef):
            return CrossRef(tr(b.unit))
        return BulletList(b.id, tuple(tr(i) for i in b.items), b.loc)

    g = sheet.glossary
    c = sheet.contact
    out = dataclasses.replace(
        sheet,
        lang=tag,
        series=tr(sheet.series),
        title=tr(sheet.title),
        source=tr(sheet.source),
        sections=tuple(Section(s.id, tr(s.heading), tuple(block(b) for b in s.blocks))
                       for s in sheet.sections),
        glossary=Glossary(g.id, tr(g.heading), tuple(
            GlossaryEntry(e.id, tr(e.term), tr(e.definition)) for e in g.entries)),
        contact=Contact(tr(c.heading), tr(c.text), c.phone, c.web, c.loc),
        labels=tuple(tr(u) for u in sheet.labels),
        review_status=po.headers.get("X-Review-Status") or "unreviewed",
        fallbacks=tuple(fallbacks),
    )
    if errors:
        raise FactsheetError(errors)
    return out, warnings
