"""``factsheet site check FILE``: a site profile -> the problems found in it (renders nothing).

:func:`check_site` loads and validates the profile (:func:`~.profile.load_site`), then checks
that every character the contact block shows from the profile (name, phone, address lines,
web and e-mail addresses, and the opening hours as formatted in each shipped language) can be
drawn by the fonts each language's sheets use, in both variants. Problems are located at the
profile key (or hours entry) they come from. The opening hours are formatted with the day
names of the package's shared catalog (``common.po``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from ..chars import describe as describe_char
from ..chars import find as find_char
from ..errors import Diagnostic, FactsheetError, report
from ..languages import FONT_HINT, LANGUAGES
from ..model import SourceLoc
from .hours import HasGlyph, fit_spaces, format_hours
from .profile import SiteProfile, load_site
from .strings import package_translator

GlyphSource = Callable[[str], list[tuple[str, HasGlyph]]]
"""``lang -> [(font description, has_glyph), ...]``: the fonts a language's sheets use."""

_IGNORABLE = set(" \n\u00a0")


def _has_glyph(cov: frozenset[int]) -> HasGlyph:
    return lambda ch: ord(ch) in cov


def project_fonts(lang: str) -> list[tuple[str, HasGlyph]]:
    """The shipped fonts of ``lang``'s standard and large-print sheets (regular and bold)."""
    from .. import fonts  # registers fonts with ReportLab: only when asked

    out: list[tuple[str, HasGlyph]] = []
    language = LANGUAGES[lang]
    # the font chain draws a character any family has (text.chain): the others' coverage too
    others = frozenset().union(*(fonts.coverage(k, "regular") & fonts.coverage(k, "bold")
                                 for k in fonts.library().families()))
    for family in dict.fromkeys((language.standard_font, language.large_font)):
        cov = fonts.coverage(family, "regular") & fonts.coverage(family, "bold")
        out.append((family, _has_glyph(cov | others)))
    return out


def _texts(
    profile: SiteProfile, lang: str, has_glyph: HasGlyph
) -> Iterable[tuple[SourceLoc, str, str]]:
    """(location, what, text) of everything the block shows from the profile in ``lang``."""
    yield profile.loc("name"), "name", profile.name
    for phone in profile.phones:
        yield profile.loc("phone"), "phone", phone.shown
    for line in profile.address:
        yield profile.loc("address"), "address", line
    if profile.url:
        yield profile.loc("url"), "url", profile.url
    if profile.email:
        yield profile.loc("email"), "email", profile.email
    translate = package_translator(lang)
    for entry in profile.hours:
        (line,) = format_hours([entry], lang, profile.region, translate, has_glyph)
        yield entry.loc, f"opening hours ({lang})", line


def glyph_problems(profile: SiteProfile, fonts_for: GlyphSource,
                   langs: Iterable[str] = LANGUAGES) -> list[Diagnostic]:
    """One error per (place, character) that some language's font cannot draw."""
    missing: dict[tuple[SourceLoc, str, str], dict[str, list[str]]] = {}
    for lang in langs:
        for font, has_glyph in fonts_for(lang):
            for loc, what, text in _texts(profile, lang, has_glyph):
                text = fit_spaces(text, has_glyph)
                for ch in dict.fromkeys(text):
                    if ch not in _IGNORABLE and not has_glyph(ch):
                        langs_of = missing.setdefault((loc, what, ch), {}).setdefault(font, [])
                        if lang not in langs_of:
                            langs_of.append(lang)
    return [
        Diagnostic(find_char(loc, ch), f"{what}: {describe_char(ch)} is not in the fonts: "
                   + "; ".join(f"{font} ({', '.join(langs_of)})"
                               for font, langs_of in fonts.items()),
                   hint=FONT_HINT)
        for (loc, what, ch), fonts in missing.items()
    ]


def check_site(path: str | Path, fonts_for: GlyphSource | None = project_fonts,
               langs: Iterable[str] = LANGUAGES, region: str = "US") -> list[Diagnostic]:
    """Every problem in the profile at ``path``; an empty list when it is fine.

    ``fonts_for=None`` skips the glyph check (with a note among the diagnostics); ``region``
    is the workspace's, for a profile without one.
    """
    try:
        profile = load_site(path, default_region=region)
    except FactsheetError as e:
        return e.diagnostics
    if fonts_for is None:
        return [Diagnostic(SourceLoc.file(path), "fonts were not checked", severity="note")]
    try:
        return glyph_problems(profile, fonts_for, langs)
    except FactsheetError as e:  # a font that cannot be loaded
        return [*e.diagnostics,
                Diagnostic(SourceLoc.file(path), "fonts were not checked", severity="note")]


def run_check(paths: Iterable[str], out, err, region: str = "US") -> int:
    """CLI body of ``factsheet site check FILE...``: print problems to ``err``, return 0 or 1."""
    status = 0
    for path in paths:
        diags = check_site(path, region=region)
        for d in diags:
            report(d, err)
        if any(d.severity == "error" for d in diags):
            status = 1
        else:
            print(f"{path}: site profile is valid", file=out)
    return status
