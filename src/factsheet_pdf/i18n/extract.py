"""Content file -> gettext messages: one per translatable unit, msgctxt = its stable id.

Each message carries a ``#:`` reference to the content file and line and ``#.`` comments that
say where the text appears, what must not change, and which glossary terms it uses.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from ..load import load_sheet
from ..model import Sheet, Unit


@dataclass(frozen=True, slots=True)
class Extracted:
    context: str
    text: str
    path: str
    line: int | None
    comments: tuple[str, ...]


def _glossary_hint(sheet: Sheet, unit: Unit) -> str | None:
    if sheet.glossary is None or unit.id.startswith(f"{sheet.glossary.id}."):
        return None
    used = []
    for e in sheet.glossary.entries:
        term = e.term.text
        if re.search(rf"\b{re.escape(term)}\b", unit.text, re.IGNORECASE):
            used.append(f"“{term}” ({e.term.id})")
    if not used:
        return None
    return "Glossary terms used here, translate as in the glossary: " + ", ".join(used) + "."


def messages(sheet: Sheet, relpath: str | None = None) -> list[Extracted]:
    """The template's messages for a sheet, in reading order."""
    path = relpath or sheet.path
    out = []
    for unit in sheet.own_units():
        comments = [unit.comment] if unit.comment else []
        hint = _glossary_hint(sheet, unit)
        if hint:
            comments.append(hint)
        out.append(Extracted(unit.id, unit.text, path, unit.loc.line, tuple(comments)))
    return out


def babel_extract(fileobj, keywords, comment_tags, options):
    """Babel extractor (entry point ``babel.extractors: factsheet``) for content YAML files.

    Yields ``(lineno, 'pgettext', (msgctxt, msgid), comments)`` tuples.
    """
    path = getattr(fileobj, "name", None)
    if not path:
        return
    sheet = load_sheet(os.fsdecode(path))
    for m in messages(sheet):
        yield m.line, "pgettext", (m.context, m.text), list(m.comments)
