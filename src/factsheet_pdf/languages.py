"""The shipped languages and everything the pipeline needs to know about each.

User-facing tags are BCP 47 (``pt-BR``, ``zh-Hans``): command line, file names, manifest,
``/Lang``. Catalog folders use Babel's locale identifiers (``pt_BR``, ``zh_Hans``).
:func:`catalog_folder` is the one mapping between them. Language names come from Babel's CLDR
data, never from a hand-written table.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from babel import Locale


@dataclass(frozen=True, slots=True)
class Language:
    tag: str
    """BCP 47 tag."""
    hyphenation: str | None
    """Pyphen dictionary name, or None where there is none (ht, vi) or none is wanted (zh)."""
    standard_font: str
    """Font family for the standard variant (see fonts.FAMILIES)."""
    large_font: str
    """Font family for the large-print variant: Atkinson Hyperlegible where it covers the script."""
    cjk: bool = False
    """Break lines between characters (no spaces between words)."""
    direction: str = "LTR"


LANGUAGES: dict[str, Language] = {
    lang.tag: lang
    for lang in (
        Language("en", "en_US", "noto-sans", "atkinson"),
        Language("es", "es", "noto-sans", "atkinson"),
        Language("fr", "fr", "noto-sans", "atkinson"),
        Language("pt-BR", "pt_BR", "noto-sans", "atkinson"),
        Language("ht", None, "noto-sans", "atkinson"),
        Language("vi", None, "noto-sans", "noto-sans"),
        Language("ru", "ru", "noto-sans", "noto-sans"),
        Language("zh-Hans", None, "wqy-microhei", "wqy-microhei", cjk=True),
    )
}
SOURCE_LANG = "en"


def catalog_folder(tag: str) -> str:
    """BCP 47 tag -> Babel locale identifier used for ``locales/<folder>/``.

    >>> catalog_folder('pt-BR'), catalog_folder('zh-Hans'), catalog_folder('es')
    ('pt_BR', 'zh_Hans', 'es')
    """
    return str(Locale.parse(tag, sep="-"))


def tag_for_folder(folder: str) -> str:
    """Babel locale identifier -> BCP 47 tag (inverse of :func:`catalog_folder`)."""
    return folder.replace("_", "-")


@cache
def names(tag: str) -> tuple[str, str]:
    """The language's name in itself and in English, from Babel's CLDR data.

    >>> names('es')
    ('Español', 'Spanish')
    """
    locale = Locale.parse(tag, sep="-")
    native = locale.get_display_name(locale) or tag
    english = locale.get_display_name("en") or tag
    return native[:1].upper() + native[1:], english


def known_language(tag: str) -> str | None:
    """Why ``tag`` cannot be used, or None."""
    from babel.core import UnknownLocaleError

    try:
        Locale.parse(tag, sep="-")
    except (ValueError, TypeError, UnknownLocaleError) as e:
        return f"unknown language {tag!r}: give a BCP 47 tag that CLDR knows ({e})"
    if tag not in LANGUAGES:
        return f"no language data for {tag!r} yet (shipped: {', '.join(LANGUAGES)})"
    return None
