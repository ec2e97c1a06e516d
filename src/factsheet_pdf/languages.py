"""Languages as data: any BCP 47 tag that CLDR (Babel) knows, and how to draw its text.

Input: a BCP 47 tag as the user gives it (``de``, ``pt-BR``, ``zh-Hans``, ``tl``).
Output: a :class:`Language` (names, plural forms, text direction, script, hyphenation
dictionary, line-breaking mode) from Babel's CLDR data and pyphen's dictionary list; and, for a
text in that language, the font family that draws it (:func:`font_for`) or a clear refusal.

User-facing tags are BCP 47 (command line, file names, manifest, ``/Lang``); the catalog
folder is the tag with ``_`` for ``-`` (:func:`catalog_folder`, one to one and reversible by
:func:`tag_for_folder`). Babel's own identifiers are never used for folders: Babel turns
``tl`` into ``fil_PH``, and the user's tag must survive. Tags are only case-normalised
(``pt-br`` -> ``pt-BR``), as BCP 47 allows.

The script comes from the tag's script subtag or CLDR's likely subtags (``ar`` -> ``Arab``) at
``i18n init``, and from the characters actually in the text at build (:mod:`.scripts`, which
also holds the table of scripts we refuse). The only hand-written data is what CLDR cannot
give: which font family each variant prefers (:data:`VARIANT_FONTS`, :data:`SCRIPT_FONTS`).
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

import pyphen
from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.messages.plurals import get_plural

from . import declared, scripts
from .tags import (  # noqa: F401 (re-exported)
    SOURCE_LANG,
    canonical_tag,
    catalog_folder,
    tag_for_folder,
)
from .errors import Diagnostic, FactsheetError
from .variants import VARIANT_NAMES, VARIANTS

SHIPPED_LANGUAGES = ("en", "es", "fr", "pt-BR", "ht", "vi", "ru", "zh-Hans", "ar", "fa", "hi", "am", "my")

VARIANT_FONTS: dict[str, tuple[str, ...]] = {n: v.fonts for n, v in VARIANTS.items()}
"""Preferred families per variant (:mod:`.variants`), tried in order; the first that covers
the text draws it (large print prefers Atkinson Hyperlegible wherever it covers the text)."""


VARIANT_FACES: dict[str, tuple[str, ...]] = {n: v.faces for n, v in VARIANTS.items()}
"""Faces per variant (:mod:`.variants`: large print never uses italic)."""

FONT_HINT = ("put a TrueType font (.ttf) that covers them in the workspace's fonts/ folder; "
             "Noto fonts (https://notofonts.github.io) cover most scripts")


@dataclass(frozen=True, slots=True)
class Language:
    tag: str
    """BCP 47 tag, as the user gave it (case-normalised)."""
    native: str
    """Name in the language itself, capitalised: ``Deutsch``."""
    english: str
    plural_forms: str
    """The ``Plural-Forms`` header value: ``nplurals=2; plural=(n != 1);``."""
    direction: str
    """``ltr`` or ``rtl`` (CLDR's character order)."""
    script: str
    """ISO 15924 code from the tag or CLDR's likely subtags; may be compound (Hans, Jpan)."""
    hyphenation: str | None
    """Pyphen dictionary name, or None where there is none (ht, vi) or none is wanted (zh)."""
    cjk: bool
    """Break lines between characters (no spaces between words)."""

    @property
    def folder(self) -> str:
        return catalog_folder(self.tag)

    @property
    def scripts(self) -> tuple[str, ...]:
        """The Unicode scripts the language is written in (``Kore`` -> Hang, Hani)."""
        return scripts.components(self.script)

    # Compatibility with callers that predate font_for(): the font for the language's names.
    @property
    def standard_font(self) -> str:
        return font_for(self.tag, VARIANT_NAMES[0], "")

    @property
    def large_font(self) -> str:
        return font_for(self.tag, VARIANT_NAMES[-1], "")


def _suggest(tag: str) -> str:
    wanted = tag.strip().lower()
    en = Locale("en")
    hits = [code for code, name in en.languages.items() if name.lower() == wanted]
    if hits:
        return f"did you mean {hits[0]!r} ({en.languages[hits[0]]})? "
    return ""


def _unknown(tag: str) -> FactsheetError:
    return FactsheetError(Diagnostic(
        None, f"unknown language {tag!r}: not a BCP 47 tag that CLDR knows",
        hint=f"{_suggest(tag)}use a tag such as de, pt-BR, zh-Hans or sw; every tag CLDR knows "
             "is listed by: python -c \"import babel.localedata as d; "
             "print(*d.locale_identifiers())\" (write _ as -); a language CLDR does not know "
             "is declared in factsheet.toml: [language.TAG] with name, english and script"))


def _parse(tag: str) -> Locale:
    if not re.fullmatch(r"[A-Za-z]{2,8}([-_][A-Za-z0-9]{1,8})*", tag.strip()):
        raise _unknown(tag)
    try:
        return Locale.parse(canonical_tag(tag), sep="-")
    except (UnknownLocaleError, ValueError, TypeError):
        raise _unknown(tag) from None


def _likely(key: str) -> list[str] | None:
    value = get_global("likely_subtags").get(key)
    return value.split("_") if value else None


def language(tag: str) -> Language:
    """Everything the pipeline needs to know about the language of ``tag``: the workspace's
    declaration of it (:mod:`.declared`), else CLDR's data.

    Raises FactsheetError for a tag CLDR does not know (``xx``, ``english``) and the
    workspace does not declare, saying how to find a valid one or declare it. Does not refuse
    scripts we cannot lay out: see :func:`check_language`.
    """
    d = declared.get(tag)
    if d is not None:
        return _declared_language(d)
    return _cldr_language(tag)


@cache
def _declared_language(d: declared.Declared) -> Language:
    cjk = any(s in scripts.BREAK_ANYWHERE for s in scripts.components(d.script)) \
        and "Hang" not in scripts.components(d.script)
    hyph = next((c for c in (catalog_folder(d.tag), d.tag.split("-")[0])
                 if not cjk and c in pyphen.LANGUAGES), None)
    return Language(tag=d.tag, native=d.native, english=d.english,
                    plural_forms=d.plural_forms, direction=d.direction, script=d.script,
                    hyphenation=hyph, cjk=cjk)


@cache
def _cldr_language(tag: str) -> Language:
    loc = _parse(tag)
    tag = canonical_tag(tag)
    subtags = tag.split("-")
    given_script = next((p for p in subtags[1:] if len(p) == 4 and p.isalpha()), None)
    given_region = next((p for p in subtags[1:] if len(p) in (2, 3) and not p.islower()), None)
    # Names of what the user asked for, not of what Babel added (tl -> fil_PH: "Filipino").
    named = Locale(loc.language, territory=loc.territory if given_region else None,
                   script=loc.script if given_script else None, variant=loc.variant)
    native = named.get_display_name(named) or tag
    english = named.get_display_name("en") or tag
    lang = subtags[0]
    likely = (_likely(f"{lang}_{given_region}") if given_region else None) or _likely(lang) \
        or _likely(loc.language) or [lang, "Latn"]
    likely_script = next((p for p in likely[1:] if len(p) == 4), "Latn")
    script = given_script or likely_script
    cjk = any(s in scripts.BREAK_ANYWHERE for s in scripts.components(script)) \
        and "Hang" not in scripts.components(script)
    hyph = None
    if not cjk:
        region = next((p for p in likely[1:] if len(p) in (2, 3) and p.isupper()), None)
        candidates = [catalog_folder(tag)] if len(subtags) > 1 else []
        if given_script:
            candidates.append(f"{lang}_{given_script}")
        if script == likely_script:  # a dictionary of the language's usual script
            candidates += [f"{lang}_{region}", lang] if region else [lang]
        hyph = next((c for c in candidates if c in pyphen.LANGUAGES), None)
    return Language(
        tag=tag,
        native=native[:1].upper() + native[1:],
        english=english,
        plural_forms=get_plural(loc).plural_forms,
        direction=loc.text_direction,
        script=script,
        hyphenation=hyph,
        cjk=cjk,
    )


def names(tag: str) -> tuple[str, str]:
    """The language's name in itself and in English, from Babel's CLDR data.

    >>> names('es')
    ('Español', 'Spanish')
    """
    lang = language(tag)
    return lang.native, lang.english


def known_language(tag: str) -> str | None:
    """Why ``tag`` cannot be used (unknown to CLDR), or None. Command-line validation."""
    try:
        language(tag)
    except FactsheetError as e:
        d = e.diagnostics[0]
        return f"{d.message}; {d.hint}" if d.hint else d.message
    return None


def check_language(tag: str) -> Language:
    """The language of ``tag``, or FactsheetError when a library it needs is missing (ICU,
    for right-to-left scripts and dictionary line breaking), used at ``i18n init``."""
    lang = language(tag)
    check_text(tag, lang.native)
    return lang


def check_text(tag: str, text: str) -> None:
    """Refuse (FactsheetError, one message) a text that needs ICU when ICU is missing."""
    from .text import icu
    from .text.layout import needs_icu

    lang = language(tag)
    if needs_icu(text, lang.direction == "rtl") and not icu.available():
        why = scripts.problem(list(lang.scripts) + list(scripts.of_text(text)))
        raise FactsheetError(Diagnostic(
            None, f"{lang.tag}: {why or 'right-to-left text'} needs ICU, which is not installed",
            hint=icu.INSTALL_HINT))


def own_text(tag: str, text: str) -> str:
    """The characters of ``text`` in the language's own scripts, plus its names: what the
    document's own family must draw (other scripts fall back, run by run)."""
    lang = language(tag)
    own = set(lang.scripts)
    kept = "".join(c for c in text if scripts.script(c) in own)
    return f"{kept}{lang.native}"


def font_for(tag: str, variant: str, text: str, library=None) -> str:
    """The document's own family: the one that draws ``text``'s characters of the language's
    own scripts (and its name), in ``variant``.

    Families preferred for the language's scripts come first, then the variant's, then every
    other shipped or workspace family. Characters of other scripts are drawn by the font
    chain (:mod:`factsheet_pdf.text.chain`), run by run. Raises FactsheetError when no family
    covers the language's own text (naming the characters, first few, and the fonts/ folder).
    """
    from . import fonts

    lib = library or fonts.library()
    memo = _CHOSEN.setdefault(lib, {})
    key = (tag, variant, text)
    if key not in memo:  # asked for every output and check of a sheet: chosen once
        memo[key] = _font_for(tag, variant, text, lib)
    return memo[key]


_CHOSEN: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
"""font_for's answers per font library (a new library, a new workspace's fonts: asked anew)."""


def _font_for(tag: str, variant: str, text: str, lib) -> str:
    from .text.chain import preferred as script_preferred

    lang = language(tag)
    check_text(tag, text)
    full = own_text(tag, text)
    used = scripts.of_text(full)
    wanted = [f for s in (*lang.scripts, *used) for f in script_preferred(s, tag)]
    wanted += VARIANT_FONTS.get(variant, ())
    key, miss = lib.choose(full, wanted, VARIANT_FACES.get(variant, ("regular",)))
    if miss:
        by_script = scripts.of_text("".join(miss))
        parts = [f"{scripts.name(s)} characters {scripts.describe_chars(chs)}"
                 for s, chs in by_script.items()]
        grouped = {c for chs in by_script.values() for c in chs}
        other = [c for c in miss if c not in grouped]
        if other:
            parts.append(f"characters {scripts.describe_chars(other)}")
        hint = FONT_HINT
        if declared.get(lang.tag) is None and set(miss) <= set(lang.native):
            hint += (f"; the characters are in CLDR's name of the language ({lang.native}): "
                     f"if its readers write it in another script, declare it in "
                     f"factsheet.toml: [language.{lang.tag}] with name, english and script")
        raise FactsheetError(Diagnostic(
            None, f"{lang.tag} {variant}: no font draws {'; '.join(parts)}", hint=hint))
    return key


def chain_for(tag: str, variant: str, text: str, library=None):
    """The document's own family and its font chain (:class:`factsheet_pdf.text.chain.
    FontChain`): the family per run of any script in ``text``."""
    from . import fonts
    from .text.chain import FontChain

    own = font_for(tag, variant, text, library)
    lib = library or fonts.library()
    key = (id(lib), tag, own, variant)
    chain = _CHAINS.get(key)
    if chain is None or chain.lib is not lib:
        chain = _CHAINS[key] = FontChain(lib, tag, own, language(tag).scripts,
                                         VARIANT_FONTS[variant], VARIANT_FACES[variant])
    return own, chain


_CHAINS: dict[tuple, Any] = {}
"""One font chain per (font library, language, family, variant) and process: a chain is a
function of those, and what it has worked out (each script's family order, the fallback markup
of each text: :func:`factsheet_pdf.render.pdf.inline.fallback_text`) serves every fit candidate,
sheet and rebuild of a warm process."""


def font_warning(tag: str, library=None) -> Diagnostic | None:
    """At ``i18n init``: a warning when no font draws the language's own name (so its script),
    naming the characters and the fonts/ folder; None when one does."""
    try:
        font_for(tag, VARIANT_NAMES[0], "", library)
    except FactsheetError as e:
        d = e.diagnostics[0]
        msg = d.message.replace(f"{tag} standard: ", f"{tag}: ", 1)
        return Diagnostic(None, f"{msg} (needed to build PDFs)", "warning", d.hint)
    return None


class _Shipped(Mapping[str, Language]):
    """The shipped languages, each read from CLDR when first asked for (reading all 13 at
    import loaded 17 CLDR locales, 12 MiB, into every build of one language)."""

    def __getitem__(self, tag: str) -> Language:
        if tag not in SHIPPED_LANGUAGES:
            raise KeyError(tag)
        return language(tag)

    def __iter__(self) -> Iterator[str]:
        return iter(SHIPPED_LANGUAGES)

    def __len__(self) -> int:
        return len(SHIPPED_LANGUAGES)


LANGUAGES: Mapping[str, Language] = _Shipped()
"""The shipped languages (those with translations in this repository)."""
