"""Opening hours: :class:`~.profile.OpeningHours` entries -> one line of text each, per language.

Everything comes from Babel's CLDR data, nothing is written per language here:

- the locale is the sheet's language plus the clinic's region where CLDR has that locale
  (a US clinic's Spanish sheet: ``es_US``), else the sheet's own locale (``ru``, ``zh_Hans``);
- day names are the locale's abbreviated stand-alone names; a day range joins two of them with
  the locale's interval fallback pattern (``{0} – {1}``), and a list of days with the locale's
  list pattern (Babel has no weekday-range formatter);
- times are ``babel.dates.format_interval`` with skeleton ``hm`` or ``Hm``, whichever the
  locale's short time format uses (12- or 24-hour clock);
- days and times are joined with the locale's date-time pattern (``{1}, {0}``).

Where the locale's day names are inherited from another language (Haitian Creole ``ht``
inherits French ones through ``fr_HT``), the day names come from ``translate`` instead, with
msgctxt ``day.<mon>.abbr`` (the shared catalog), and lists are joined with the list pattern's
punctuation only (its conjunction would be the other language's).

CLDR's thin and narrow no-break spaces are kept only where the font has them
(:func:`fit_spaces`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.dates import format_interval
from babel.lists import format_list

from .profile import DAYS, OpeningHours

Translate = Callable[[str, str], str]
"""``translate(msgctxt, english) -> text``: a gettext ``pgettext`` lookup."""
HasGlyph = Callable[[str], bool]
"""``has_glyph(char) -> bool``: whether the font that draws the text has this character."""

DAY_ABBR_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
"""English source strings of the catalog's day names (msgctxt :func:`day_msgctxt`)."""

THIN_SPACES = {"\u202f": "\u00a0", "\u2009": " "}
"""CLDR space -> what is drawn when the font lacks it: the narrow no-break space stays
unbreakable (U+00A0), the thin space around the interval dash may break (a space)."""


def day_msgctxt(day: int) -> str:
    """Catalog msgctxt of a day's abbreviated name: 0 -> ``day.mon.abbr``."""
    return f"day.{DAYS[day]}.abbr"


def hours_locale(lang: str, region: str) -> Locale:
    """The CLDR locale for a sheet in ``lang`` (BCP 47) for a clinic in ``region``.

    >>> str(hours_locale('es', 'US')), str(hours_locale('ru', 'US')), str(hours_locale('fr', 'FR'))
    ('es_US', 'ru', 'fr_FR')
    """
    base = Locale.parse(lang, sep="-")
    if base.territory:
        return base
    try:
        return Locale(base.language, territory=region, script=base.script)
    except UnknownLocaleError:
        return base


def _parent(name: str) -> str:
    """CLDR parent locale id (babel.localedata's rule, without loading unmerged data)."""
    exception = get_global("parent_exceptions").get(name)
    if exception:
        return exception
    parts = name.split("_")
    return "root" if len(parts) == 1 else "_".join(parts[:-1])


def _abbr(locale: Locale) -> tuple[str, ...]:
    names = locale.days["stand-alone"]["abbreviated"]
    return tuple(names[i] for i in range(7))


@cache
def has_own_day_names(locale: Locale) -> bool:
    """False when the locale's day names are another language's (inherited through CLDR)."""
    own = _abbr(locale)
    name = _parent(str(locale))
    while name != "root":
        parent = Locale.parse(name)
        if parent.language != locale.language and _abbr(parent) == own:
            return False
        name = _parent(name)
    return True


def day_names(locale: Locale, translate: Translate) -> tuple[str, ...]:
    """Abbreviated day names, Monday first: CLDR's, or the catalog's where CLDR falls back."""
    if has_own_day_names(locale):
        return _abbr(locale)
    return tuple(translate(day_msgctxt(i), DAY_ABBR_EN[i]) for i in range(7))


def uses_12_hour_clock(locale: Locale) -> bool:
    """Whether the locale's short time format is on a 12-hour clock (``h`` or ``K``)."""
    pattern = re.sub(r"'[^']*'", "", locale.time_formats["short"].pattern)
    return "h" in pattern or "K" in pattern


def format_days(days: Sequence[tuple[int, int]], locale: Locale, names: Sequence[str],
                own_language: bool = True) -> str:
    """``((0, 4),)`` -> ``Mon – Fri``; ``((0, 0), (2, 2))`` -> ``Mon and Wed``."""
    interval = locale.interval_formats[None]
    parts = [
        names[a] if a == b else interval.replace("{0}", names[a]).replace("{1}", names[b])
        for a, b in days
    ]
    if own_language:
        return format_list(parts, style="standard", locale=locale)
    middle = locale.list_patterns["standard"]["middle"]
    text = parts[0]
    for part in parts[1:]:
        text = middle.replace("{0}", text).replace("{1}", part)
    return text


def format_entry(entry: OpeningHours, locale: Locale, names: Sequence[str],
                 own_language: bool = True) -> str:
    """One hours entry as a line: days and times joined by the locale's date-time pattern."""
    skeleton = "hm" if uses_12_hour_clock(locale) else "Hm"
    times = format_interval(entry.open, entry.close, skeleton, locale=locale)
    days = format_days(entry.days, locale, names, own_language)
    return str(locale.datetime_formats["medium"]).replace("{1}", days).replace("{0}", times)


def fit_spaces(text: str, has_glyph: HasGlyph) -> str:
    """Replace U+202F and U+2009 by a space the font has, where the font lacks them."""
    for char, fallback in THIN_SPACES.items():
        if char in text and not has_glyph(char):
            text = text.replace(char, fallback if has_glyph(fallback) else " ")
    return text


def format_hours(hours: Sequence[OpeningHours], lang: str, region: str,
                 translate: Translate, has_glyph: HasGlyph) -> list[str]:
    """The profile's opening hours in ``lang`` for a clinic in ``region``: one line per entry."""
    locale = hours_locale(lang, region)
    own = has_own_day_names(locale)
    names = day_names(locale, translate)
    return [fit_spaces(format_entry(e, locale, names, own), has_glyph) for e in hours]
