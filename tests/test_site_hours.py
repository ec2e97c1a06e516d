"""Opening hours per language: expected strings come from Babel's CLDR data, not typed here."""

from __future__ import annotations

import datetime

import pytest
from babel import Locale
from babel.dates import format_time, get_day_names

from factsheet_pdf.model import SourceLoc
from factsheet_pdf.site.hours import (
    fit_spaces,
    format_hours,
    has_own_day_names,
    hours_locale,
    uses_12_hour_clock,
)
from factsheet_pdf.site.profile import OpeningHours

LOC = SourceLoc("site.yaml", 1, 1)
WEEKDAYS = OpeningHours(((0, 4),), datetime.time(8, 30), datetime.time(17, 0), LOC)
SATURDAY = OpeningHours(((5, 5),), datetime.time(9, 0), datetime.time(12, 30), LOC)


def no_catalog(msgctxt: str, english: str) -> str:
    raise AssertionError(f"catalog asked for {msgctxt} where CLDR has the day names")


def every_glyph(ch: str) -> bool:
    return True


# sheet language, clinic region -> CLDR locale, 12-hour clock?
CASES = [
    ("en", "US", "en_US", True),
    ("es", "US", "es_US", True),   # a US clinic's Spanish sheet: 12-hour clock
    ("es", "ES", "es_ES", False),
    ("fr", "FR", "fr_FR", False),  # a French clinic: 24-hour clock
    ("ru", "US", "ru", False),     # CLDR has no ru_US: the language's own conventions
    ("zh-Hans", "US", "zh_Hans", False),
    ("vi", "US", "vi", False),
    ("pt-BR", "US", "pt_BR", False),
]


@pytest.mark.parametrize("lang,region,locale_id,twelve", CASES)
def test_hours_from_cldr(lang, region, locale_id, twelve):
    locale = hours_locale(lang, region)
    assert str(locale) == locale_id
    assert uses_12_hour_clock(locale) is twelve
    assert has_own_day_names(locale)
    line_1, line_2 = format_hours([WEEKDAYS, SATURDAY], lang, region, no_catalog, every_glyph)
    # Times: each opening and closing time as the locale's own short time format writes it.
    for entry, line in ((WEEKDAYS, line_1), (SATURDAY, line_2)):
        for t in (entry.open, entry.close):
            assert format_time(t, "short", locale=locale_id) in line, line
    assert ("PM" in line_1 or "p.m." in line_1) is twelve or lang in ("ru", "zh-Hans", "vi")
    # Days: CLDR's abbreviated names, a range joined by the locale's interval pattern.
    names = get_day_names("abbreviated", context="stand-alone", locale=locale_id)
    mon_fri = Locale.parse(locale_id).interval_formats[None].format(names[0], names[4])
    assert mon_fri in line_1
    assert names[5] in line_2 and names[0] not in line_2


def test_twelve_hour_clock_for_us_spanish_only():
    es_us = format_hours([WEEKDAYS], "es", "US", no_catalog, every_glyph)[0]
    fr_fr = format_hours([WEEKDAYS], "fr", "FR", no_catalog, every_glyph)[0]
    assert format_time(datetime.time(17, 0), "short", locale="es_US") in es_us
    assert "17:00" not in es_us and "5:00" in es_us
    assert "17:00" in fr_fr and "5:00" not in fr_fr


def test_day_lists_use_the_locale_list_pattern():
    entry = OpeningHours(((0, 0), (2, 2), (4, 4)), datetime.time(9), datetime.time(12), LOC)
    from babel.lists import format_list

    for lang, locale_id in (("en", "en_US"), ("ru", "ru"), ("zh-Hans", "zh_Hans")):
        names = get_day_names("abbreviated", context="stand-alone", locale=locale_id)
        expected = format_list([names[0], names[2], names[4]], locale=locale_id)
        (line,) = format_hours([entry], lang, "US", no_catalog, every_glyph)
        assert expected in line


def test_haitian_creole_day_names_come_from_the_catalog():
    locale = hours_locale("ht", "US")
    assert not has_own_day_names(locale)  # CLDR's ht day names are French (fr_HT)
    asked = []

    def translate(msgctxt, english):
        asked.append((msgctxt, english))
        return f"<{english.lower()}>"

    line_1, line_2 = format_hours([WEEKDAYS, SATURDAY], "ht", "US", translate, every_glyph)
    assert ("day.mon.abbr", "Mon") in asked and ("day.sat.abbr", "Sat") in asked
    assert locale.interval_formats[None].format("<mon>", "<fri>") in line_1
    assert "<sat>" in line_2
    french = get_day_names("abbreviated", context="stand-alone", locale="fr")
    assert not any(name in line_1 + line_2 for name in french.values())
    for t in (WEEKDAYS.open, WEEKDAYS.close):
        assert format_time(t, "short", locale=locale) in line_1
    # No French conjunction in a list of days either.
    entry = OpeningHours(((0, 0), (2, 2)), datetime.time(9), datetime.time(12), LOC)
    (line,) = format_hours([entry], "ht", "US", translate, every_glyph)
    assert " et " not in line and "<mon>" in line and "<wed>" in line


def test_thin_spaces_only_where_the_font_has_them():
    (line,) = format_hours([WEEKDAYS], "en", "US", no_catalog, every_glyph)
    assert "\u202f" in line and "\u2009" in line  # CLDR's spaces, kept when the font has them
    no_narrow = format_hours([WEEKDAYS], "en", "US", no_catalog, lambda c: c != "\u202f")[0]
    assert "\u202f" not in no_narrow and "\u00a0" in no_narrow and "\u2009" in no_narrow
    assert no_narrow == line.replace("\u202f", "\u00a0")
    bare = fit_spaces(line, lambda c: c not in "\u202f\u2009\u00a0")
    assert bare == line.replace("\u202f", " ").replace("\u2009", " ")


def test_real_fonts_lacking_narrow_no_break_space():
    from factsheet_pdf import fonts

    cov = fonts.coverage("atkinson")
    assert 0x202F not in cov  # the premise; if a font update adds it, revisit
    (line,) = format_hours([WEEKDAYS], "en", "US", no_catalog, lambda c: ord(c) in cov)
    assert all(ord(c) in cov for c in line)
