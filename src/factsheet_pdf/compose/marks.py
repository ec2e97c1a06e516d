"""The running foot line of the page marks: language, English title, revision month.

``<language> [· <English name>] · <English title> [· <revision month>]``: the language's own
name (and its English name when different), the sheet's English title (front-desk staff sort
handouts by it without reading the language) and the ``revised:`` month formatted per language
by CLDR (Babel). The page number is added by the renderer, which knows it.
"""

from __future__ import annotations

from datetime import date

from .. import markup
from ..model import Sheet

SEPARATOR = " \u00b7 "


def revision_text(revised: str | None, lang: str) -> str | None:
    """``YYYY-MM`` -> month and year in the language (Babel/CLDR), e.g. "marzo de 2024"."""
    if not revised:
        return None
    from babel import Locale
    from babel.dates import format_skeleton

    year, month = (int(x) for x in revised.split("-")[:2])
    return format_skeleton("yMMMM", date(year, month, 1), locale=Locale.parse(lang, sep="-"))


def mark_line(sheet: Sheet) -> str:
    """The running foot line without the page number."""
    from ..languages import names

    native, english = names(sheet.lang)
    parts = [native] if native.casefold() == english.casefold() else [native, english]
    parts.append(sheet.title_en or markup.plain_text(sheet.title.text))
    rev = revision_text(sheet.revised, sheet.lang)
    if rev:
        parts.append(rev)
    return SEPARATOR.join(parts)
