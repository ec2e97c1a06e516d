"""The contact block's sentences from the shared ``common`` gettext domain -> lookups.

The strings (``site.heading``, ``site.call``, ... and the day names ``day.*.abbr``) live in
``data/common.yaml`` and each language's ``common.po``. A translated Sheet carries them:
:func:`sheet_translator` gives the ``translate(msgctxt, english)`` function the contact block
and the opening hours take. Without a sheet (``factsheet site check``, tests),
:func:`package_translator` reads the package's ``common.po`` for a language.
:func:`placeholders` is the check every translation must pass: the same named placeholders as
the English text.
"""

from __future__ import annotations

import re
from functools import cache

from ..tags import SOURCE_LANG
from .hours import Translate

_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def placeholders(text: str) -> list[str]:
    """Named placeholders in order: ``'Call {name} at {phone}.'`` -> ``['name', 'phone']``."""
    return _PLACEHOLDER.findall(text)


def sheet_translator(sheet) -> Translate:
    """``translate(msgctxt, english)`` from a (translated) Sheet's shared strings; the English
    text for a string the sheet does not carry."""

    def translate(msgctxt: str, english: str) -> str:
        try:
            return sheet.shared(msgctxt).text
        except KeyError:
            return english

    return translate


@cache
def _package_table(lang: str) -> dict[str, str]:
    from ..i18n.catalogs import read
    from ..languages import catalog_folder
    from ..shared import package_catalog

    path = package_catalog(catalog_folder(lang)) if lang != SOURCE_LANG else None
    if path is None:
        return {}
    return {m.context: m.string for m in read(path).live()
            if m.context and m.string and not m.fuzzy}


def package_translator(lang: str) -> Translate:
    """``translate(msgctxt, english)`` from the package's ``common.po`` for ``lang`` (the
    English text where it has no usable translation)."""
    table = _package_table(lang)

    def translate(msgctxt: str, english: str) -> str:
        return table.get(msgctxt) or english

    return translate
