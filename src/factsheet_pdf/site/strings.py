"""The contact block's shared strings: ``data/site-strings.yaml`` -> lookups.

The fragment lists each string's id (its msgctxt), English text, translator comment and
translations; the lead merges it into the ``common`` gettext domain. Until then, and in tests,
:func:`fragment_translator` gives a ``translate(msgctxt, english)`` function straight from the
fragment. :func:`placeholders` is the check every translation must pass: the same named
placeholders as the English text.
"""

from __future__ import annotations

import re
from functools import cache
from importlib.resources import files

import yaml

from .hours import Translate

FRAGMENT = "site-strings.yaml"
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def placeholders(text: str) -> list[str]:
    """Named placeholders in order: ``'Call {name} at {phone}.'`` -> ``['name', 'phone']``."""
    return _PLACEHOLDER.findall(text)


@cache
def fragment() -> tuple[dict, ...]:
    """The fragment's entries, as written (``id``, ``text``, ``comment``, ``translations``)."""
    text = files("factsheet_pdf.data").joinpath(FRAGMENT).read_text(encoding="utf-8")
    return tuple(yaml.safe_load(text))


def fragment_translator(lang: str) -> Translate:
    """``translate(msgctxt, english)`` from the fragment's ``lang`` translations (English
    text where the language or the entry is missing)."""
    table = {e["id"]: e["translations"].get(lang) for e in fragment()}

    def translate(msgctxt: str, english: str) -> str:
        return table.get(msgctxt) or english

    return translate
