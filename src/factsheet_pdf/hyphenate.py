"""Hyphenation with Pyphen under the sheet's word-level rules; returns ReportLab hooks.

Input: a Pyphen language (``en_US``, ``es``...). Output: a callable ReportLab's line breaker
calls with one word; it yields (head, tail) pairs, longest head first, and ReportLab takes the
first that fits the line. Word-level rules (DESIGN.md, "Variants and papers"):

* only words of :data:`MIN_WORD` (7) letters or more;
* at least ``left``/``right`` letters each side of a break (3, or more where a language's
  convention says so: :data:`MINIMA`; Pyphen ignores the dictionaries' own minimums);
* a break after a hard hyphen needs no added hyphen and is tried first, but only in a compound
  whose parts each side of it have 7 letters or more
  (:func:`factsheet_pdf.text.addresses.compound_break_ok`: "anti-VIH" and "anti-HIV" stay
  whole, and a compound is never hyphenated inside its parts);
* words the current paragraph has blocked (:func:`blocked`) are never split: the line-level
  rules (no 3 hyphenated lines in a row, none on a paragraph's second-to-last line or at a
  column end) are enforced after wrapping by :mod:`factsheet_pdf.rlhooks`, which re-breaks a
  paragraph with the offending words blocked.

ReportLab appends U+002D to a head; :mod:`factsheet_pdf.rlhooks` turns it into U+00AD in the
wrapped lines (fonts.register draws U+00AD with the hyphen's glyph), so the text layer and
the tagged text hold a soft hyphen at every hyphenation break.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache

import pyphen

from .text.addresses import compound_break_ok

SOFT_HYPHEN = "\u00ad"
MIN_WORD = 7
"""Shortest word (in letters) that may be hyphenated."""
MINIMA: dict[str, tuple[int, int]] = {
    # (left, right): letters kept before and after a break. 3/3 everywhere; raise per language
    # where typographic convention asks for more.
    "en_US": (3, 3),
    "es": (3, 3),
    "fr": (3, 3),
    "pt_BR": (3, 3),
    "ru": (3, 3),
}
_DEFAULT_MINIMA = (3, 3)
_BLOCKED: ContextVar[frozenset[str]] = ContextVar("blocked_words", default=frozenset())
_EDGE = re.compile(r"^\W+|\W+$")


def word_key(word: str) -> str:
    """The form a word is blocked under: without surrounding punctuation or soft hyphens."""
    return _EDGE.sub("", word.replace(SOFT_HYPHEN, "")).casefold()


@contextmanager
def blocked(words):
    """While active, the hyphenators never split these words (see :func:`word_key`)."""
    token = _BLOCKED.set(frozenset(word_key(w) for w in words))
    try:
        yield
    finally:
        _BLOCKED.reset(token)


@cache
def _dictionary(lang: str) -> pyphen.Pyphen:
    if lang not in pyphen.LANGUAGES:
        raise ValueError(f"no hyphenation dictionary for {lang!r}")
    left, right = MINIMA.get(lang, _DEFAULT_MINIMA)
    return pyphen.Pyphen(lang=lang, left=left, right=right)


def _letters(s: str) -> int:
    return sum(c.isalpha() for c in s)


def no_hyphenation(word: str):
    """The hyphenator of text that is never hyphenated (large print, headings, languages
    without a dictionary): no pair, ever. Given to ReportLab all the same, so that its line
    breaker still offers a web address's breaks (:mod:`factsheet_pdf.text.addresses`)."""
    return iter(())


@cache
def hyphenator(lang: str):
    """A ReportLab hyphenation callable for a Pyphen language (``en_US``, ``es``...)."""
    dic = _dictionary(lang)
    left, right = MINIMA.get(lang, _DEFAULT_MINIMA)

    def pairs(word: str):
        if SOFT_HYPHEN in word or word_key(word) in _BLOCKED.get():
            return
        if "-" in word:
            # Hard hyphens: break after one (longest head first), never add a hyphen; not in
            # a short compound ("anti-|HIV").
            parts = word.split("-")
            for i in range(len(parts) - 1, 0, -1):
                head, tail = "-".join(parts[:i]) + "-", "-".join(parts[i:])
                if compound_break_ok(head, tail):
                    yield head, tail
            return
        if _letters(word) < MIN_WORD or not word.isalpha():
            return
        for head, tail in dic.iterate(word):
            if len(head) >= left and len(tail) >= right:
                yield head, tail

    return pairs
