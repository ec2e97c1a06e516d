"""Hyphenation with Pyphen; the break is a soft hyphen in the text layer.

ReportLab asks the style's ``hyphenationLang`` callable for (head, tail) pairs and appends
U+002D to the head. The tagging text object (tag.canvas) draws U+00AD in its place, and
fonts.register maps U+00AD to the font's hyphen glyph, so the page shows a hyphen while
extraction and screen readers rejoin the word. Words that already contain a hyphen are never
split (a line never ends in a real hyphen, so every line-final hyphen is ours).
Dictionaries are loaded once per process.
"""

from __future__ import annotations

from functools import cache

import pyphen

SOFT_HYPHEN = "\u00ad"


@cache
def _dictionary(lang: str) -> pyphen.Pyphen:
    if lang not in pyphen.LANGUAGES:
        raise ValueError(f"no hyphenation dictionary for {lang!r}")
    return pyphen.Pyphen(lang=lang, left=2, right=3)


@cache
def hyphenator(lang: str):
    """A ReportLab hyphenation callable for a Pyphen language (``en_US``, ``es``...)."""
    dic = _dictionary(lang)

    def pairs(word: str):
        if "-" in word or SOFT_HYPHEN in word:
            return
        yield from dic.iterate(word)

    return pairs
