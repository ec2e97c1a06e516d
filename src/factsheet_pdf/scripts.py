"""Writing systems: which scripts a text uses, and which of them we cannot lay out correctly.

Input: a string (catalog or content text) or an ISO 15924 script code (``Latn``, ``Arab``).
Output: the scripts the text's characters belong to (Unicode's Script property, read with
``fontTools.unicodedata``: Python's standard library has none), and the reasons a script is
refused.

ReportLab draws one glyph per character, left to right, and breaks lines at spaces (or, in
CJK mode, between any two characters). That is right for Latin, Cyrillic, Greek, Armenian,
Georgian, Ethiopic, Cherokee, Canadian Syllabics, Hangul, Han and Kana. It is wrong, and
silently so, for three kinds of script, which are therefore refused at ``i18n init`` and at
build, one message per language (:data:`PROBLEMS`):

=================  ===========================================================================
right to left      Arab, Hebr, Syrc, Thaa, Nkoo, Adlm, Mand, Samr, Rohg, Yezi, Sogd, Mend
                   (needs the bidirectional algorithm and mirrored layout; Arabic, Syriac,
                   N'Ko, Adlam, Mandaic, Hanifi Rohingya also need joining)
complex shaping    Deva, Beng, Guru, Gujr, Orya, Taml, Telu, Knda, Mlym, Sinh, Tibt, Mong,
                   Bali, Java, Sund, Cham, Tglg, Bugi, Lepc, Limb, Mtei, Newa, Olck, Saur,
                   Tirh, Takr, Shrd, Modi, Khoj, Sind, Gran, Dogr, Gonm, Gong, Kthi, Sylo
                   (reordering, conjuncts, mark positioning: needs an OpenType shaper)
dictionary breaks  Thai, Laoo, Khmr, Mymr, Tale, Talu, Lana
                   (no spaces between words: lines break only with a word dictionary;
                   these also position marks with OpenType)
=================  ===========================================================================

Characters of the Common and Inherited scripts (digits, punctuation, combining accents) belong
to whatever text they are in and are ignored.
"""

from __future__ import annotations

from functools import lru_cache

# fontTools' Unicode data is imported by the functions that read it: knowing a language (its
# names, direction, script subtag) does not need it (``factsheet show`` imports no fontTools).

RTL = "is written right to left"
SHAPING = "needs complex text shaping"
DICTIONARY = "needs dictionary-based line breaking"

PROBLEMS: dict[str, str] = {
    **dict.fromkeys(
        ("Arab", "Hebr", "Syrc", "Thaa", "Nkoo", "Adlm", "Mand", "Samr", "Rohg", "Yezi",
         "Sogd", "Mend"), RTL),
    **dict.fromkeys(
        ("Deva", "Beng", "Guru", "Gujr", "Orya", "Taml", "Telu", "Knda", "Mlym", "Sinh",
         "Tibt", "Mong", "Bali", "Java", "Sund", "Cham", "Tglg", "Bugi", "Lepc", "Limb",
         "Mtei", "Newa", "Olck", "Saur", "Tirh", "Takr", "Shrd", "Modi", "Khoj", "Sind",
         "Gran", "Dogr", "Gonm", "Gong", "Kthi", "Sylo"), SHAPING),
    **dict.fromkeys(("Thai", "Laoo", "Khmr", "Mymr", "Tale", "Talu", "Lana"), DICTIONARY),
}
"""Script code -> why factsheet-pdf cannot lay it out correctly yet."""

BREAK_ANYWHERE = frozenset({"Hani", "Hira", "Kana", "Bopo", "Yiii"})
"""Scripts written without spaces whose lines break between any two characters (``cjk``)."""

COMPOUND = {
    "Hans": ("Hani",), "Hant": ("Hani",), "Hanb": ("Hani", "Bopo"),
    "Jpan": ("Hani", "Hira", "Kana"), "Kore": ("Hang", "Hani"),
}
"""ISO 15924 codes that name a writing system of several Unicode scripts."""

IGNORED = frozenset({"Zyyy", "Zinh", "Zzzz"})


def components(code: str) -> tuple[str, ...]:
    """The Unicode scripts a (possibly compound) ISO 15924 code stands for.

    >>> components('Jpan'), components('Latn')
    (('Hani', 'Hira', 'Kana'), ('Latn',))
    """
    return COMPOUND.get(code, (code,))


def name(code: str) -> str:
    """English name of a script: ``Arab`` -> ``Arabic``."""
    from fontTools import unicodedata as ucd

    return ucd.script_name(code, default=code).replace("_", " ")


@lru_cache(maxsize=None)
def script(ch: str) -> str:
    """A character's Unicode script code (fontTools' data), remembered per character: the
    layout asks about every character of every run, some 50,000 times a PDF."""
    from fontTools import unicodedata as ucd

    return ucd.script(ch)


def of_text(text: str) -> dict[str, list[str]]:
    """Scripts used by ``text``, each with its distinct characters in order of appearance.

    >>> of_text('Hi, мир 1!')
    {'Latn': ['H', 'i'], 'Cyrl': ['м', 'и', 'р']}
    """
    out: dict[str, list[str]] = {}
    seen: set[str] = set()
    for ch in text:
        if ch in seen:
            continue
        seen.add(ch)
        sc = script(ch)
        if sc not in IGNORED:
            out.setdefault(sc, []).append(ch)
    return out


def problem(scripts) -> str | None:
    """One sentence saying why these scripts cannot be laid out, or None when all can.

    >>> problem(['Latn', 'Arab'])
    'Arabic script is written right to left'
    """
    reasons = [f"{name(s)} script {PROBLEMS[s]}" for s in dict.fromkeys(scripts) if s in PROBLEMS]
    return " and ".join(reasons) or None


def refusal(tag: str, scripts) -> str | None:
    """The one message for a language whose scripts we cannot draw correctly, else None."""
    why = problem(scripts)
    if why is None:
        return None
    return f"{tag}: {why}; factsheet-pdf cannot lay it out correctly yet"


def describe_chars(chars, limit: int = 5) -> str:
    """``'ሰ' U+1230, 'ላ' U+120B`` (the first ``limit``, then ``and N more``)."""
    chars = list(chars)
    text = ", ".join(f"'{c}' U+{ord(c):04X}" for c in chars[:limit])
    if len(chars) > limit:
        text += f" and {len(chars) - limit} more"
    return text
