"""The running foot line of the page marks: language, English title, revision month.

``<language> [· <English name>] · <English title> [· <revision month>]``: the language's own
name (and its English name when different), the sheet's English title (front-desk staff sort
handouts by it without reading the language; its ``short_title:`` where it has one) and the
``revised:`` month formatted per language by CLDR (Babel). The page number is added by the
renderer, which knows it, and which holds the line on one line (:class:`.doc.MarkLine`).
"""

from __future__ import annotations

from datetime import date

from .. import markup
from ..model import Sheet
from .doc import MarkLine


def revision_text(revised: str | None, lang: str, skeleton: str = "yMMMM") -> str | None:
    """``YYYY-MM`` -> month and year in the language (Babel/CLDR), e.g. "marzo de 2024"
    (``skeleton`` "yMMM": abbreviated, "mar 2024")."""
    if not revised:
        return None
    from babel import Locale
    from babel.dates import format_skeleton

    year, month = (int(x) for x in revised.split("-")[:2])
    return format_skeleton(skeleton, date(year, month, 1), locale=Locale.parse(lang, sep="-"))


def mark_line(sheet: Sheet) -> MarkLine:
    """The running foot line without the page number: the sheet's ``short_title`` where it has
    one, else its English title (which the renderer shortens where it does not fit)."""
    from ..languages import names

    native, english = names(sheet.lang)
    title = sheet.short_title or sheet.title_en or markup.plain_text(sheet.title.text)
    full = revision_text(sheet.revised, sheet.lang)
    short = revision_text(sheet.revised, sheet.lang, "yMMM")
    return MarkLine(native, None if native.casefold() == english.casefold() else english,
                    title, full, short if short != full else None)
