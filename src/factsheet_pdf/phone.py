"""Phone numbers: text as written + region -> :class:`Phone` (printed form, ``tel:`` URI).

Parsing, validation and formatting are libphonenumber's (the ``phonenumbers`` package); what
is ours is the stricter reading of what a clinic wrote, so a number that would dial something
else is refused with its reason:

- two numbers in one string (``206.555.0199 or 206.555.0100``) are refused: a list has one
  number per entry;
- letters are refused unless the number is declared a vanity number (``vanity: yes``), where
  they are dialled by their keypad digits (``1-800-FLOWERS``); an extension (``ext. 12``,
  ``x12``, ``#12``) is not letters;
- a number that is impossible (too few or too many digits, a local number without its area
  code) or not valid for its region is refused.

A valid number is printed as its region writes it (national format; a number of another
country in international format; a vanity number as written) and linked as an RFC 3966
global number, ``tel:+1-206-555-0199;ext=12``. The package is imported by the functions
that need it, never on a build with nothing to do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PHONE_CHARS = frozenset("0123456789 +()-./")
"""Characters a number may be written with (besides letters of a vanity number and spaces)."""
_EXT = re.compile(r"(?i)\s*[,;]?\s*(?:ext(?:ension|n)?\s*[.=]?|x\.?|#)\s*(\d{1,7})\s*#?\s*\Z")
"""A trailing extension, as libphonenumber reads one (``ext. 12``, ``x12``, ``;ext=12``)."""


@dataclass(frozen=True, slots=True)
class Phone:
    written: str
    """As written in the file."""
    shown: str
    """As printed: the region's national format (or as written for a vanity number)."""
    tel: str
    """RFC 3966 global number: ``tel:+1-206-555-0199;ext=12``."""


class PhoneError(ValueError):
    """Why a number is refused: ``message``, ``hint`` and the index of the offending
    character in the written text (or None: the whole value)."""

    def __init__(self, message: str, hint: str | None = None, index: int | None = None):
        super().__init__(message)
        self.message, self.hint, self.index = message, hint, index


def region_name(region: str) -> str:
    """``region US (United States)``"""
    from babel import Locale

    return f"region {region} ({Locale('en').territories.get(region, region)})"


def example(region: str) -> str:
    """``(201) 555-0123``: how a number is written in ``region`` (libphonenumber's example)."""
    import phonenumbers as pn

    n = pn.example_number(region)
    if n is None:
        return "+1 201 555 0123"
    return (f"{pn.format_number(n, pn.PhoneNumberFormat.NATIONAL)} or "
            f"{pn.format_number(n, pn.PhoneNumberFormat.INTERNATIONAL)}")


def _hint(region: str) -> str:
    return f"write the number as it is dialled in {region_name(region)}, e.g. {example(region)}"


def parse_phone(written: str, region: str, vanity: bool = False) -> Phone:
    """The number ``written`` for a clinic in ``region`` (ISO 3166); raise :class:`PhoneError`
    when it is not one valid number."""
    import phonenumbers as pn

    text = written.strip()
    quoted = repr(text)
    matcher = pn.PhoneNumberMatcher(text, region, leniency=pn.Leniency.POSSIBLE)
    found = [m.raw_string for m in matcher]
    if len(found) > 1:
        items = ", ".join(f'"{f}"' for f in found)
        raise PhoneError(f"phone {quoted} holds {len(found)} phone numbers: give one number "
                         "per entry", hint=f"write a list: phone: [{items}]")
    ext = _EXT.search(text)
    main = text[:ext.start()] if ext else text
    for i, c in enumerate(main):
        if c not in PHONE_CHARS and not (c.isascii() and c.isalpha()) and not c.isspace():
            raise PhoneError(f"phone number contains {c!r}: use digits, spaces and +()-./ "
                             "(an extension as 'ext. 12')", index=i)
    if "+" in main.lstrip()[1:]:
        raise PhoneError("phone number: '+' may only start the number", index=main.rindex("+"))
    letters = [i for i, c in enumerate(main) if c.isascii() and c.isalpha()]
    if letters and not vanity:
        raise PhoneError(
            f"phone number {quoted} contains letters", index=letters[0],
            hint="a vanity number (1-800-FLOWERS) needs `vanity: yes` next to `phone:` "
                 "(it is dialled by its keypad digits); two numbers are a list: "
                 "phone: [\"...\", \"...\"]")
    if letters and not pn.is_alpha_number(text):
        raise PhoneError(f"phone number {quoted} is not a vanity number (at least 3 digits, "
                         "then 3 or more letters, as 1-800-FLOWERS)", index=letters[0])
    try:
        n = pn.parse(text, region)
    except pn.NumberParseException as e:
        raise PhoneError(_parse_problem(quoted, e), hint=_hint(region)) from None
    reason = pn.is_possible_number_with_reason(n)
    V = pn.ValidationResult
    if reason == V.IS_POSSIBLE_LOCAL_ONLY:
        raise PhoneError(f"phone number {quoted} is a local number: add its area code",
                         hint=_hint(region))
    if reason in (V.TOO_SHORT, V.INVALID_LENGTH) and len(pn.national_significant_number(n)) < 7:
        raise PhoneError(f"phone number {quoted} has too few digits", hint=_hint(region))
    if reason != V.IS_POSSIBLE:
        what = {V.TOO_SHORT: "has too few digits", V.TOO_LONG: "has too many digits",
                V.INVALID_COUNTRY_CODE: "has an unknown country code"}.get(
                    reason, "has the wrong number of digits")
        raise PhoneError(f"phone number {quoted} {what} for {_where(n, region)}",
                         hint=_hint(region))
    if not pn.is_valid_number(n):
        raise PhoneError(f"phone number {quoted} is not a valid number for {_where(n, region)} "
                         "(no such area code or number range)", hint=_hint(region))
    home = pn.region_code_for_number(n)
    same = home == region or n.country_code == pn.country_code_for_region(region)
    if letters:
        shown = " ".join(text.split())
    else:
        shown = pn.format_number(n, pn.PhoneNumberFormat.NATIONAL if same
                                 else pn.PhoneNumberFormat.INTERNATIONAL)
    return Phone(written, shown, pn.format_number(n, pn.PhoneNumberFormat.RFC3966))


def _where(n, region: str) -> str:
    import phonenumbers as pn

    home = pn.region_code_for_number(n)
    return region_name(home) if home and home != "ZZ" else region_name(region)


def _parse_problem(quoted: str, e) -> str:
    import phonenumbers as pn

    E = pn.NumberParseException
    return {
        E.INVALID_COUNTRY_CODE: f"phone number {quoted} has an unknown country code",
        E.NOT_A_NUMBER: f"{quoted} is not a phone number",
        E.TOO_SHORT_AFTER_IDD: f"phone number {quoted} has too few digits",
        E.TOO_SHORT_NSN: f"phone number {quoted} has too few digits",
        E.TOO_LONG: f"phone number {quoted} has too many digits",
    }.get(e.error_type, f"{quoted} is not a phone number")


def check_tel(href: str) -> str | None:
    """Why a ``tel:`` link address in content or a catalog is not allowed, or None: it must
    be a valid global number (``tel:+1-206-555-0199``), which dials the same everywhere."""
    import phonenumbers as pn

    number = href.partition(":")[2]
    if not number.startswith("+"):
        return (f"link address {href!r} is not a global number: write tel:+ and the country "
                "code, e.g. tel:+1-206-555-0199")
    main, _, params = number.partition(";")
    try:
        n = pn.parse(main, None)
    except pn.NumberParseException:
        return f"link address {href!r} is not a phone number"
    if not pn.is_valid_number(n):
        return f"link address {href!r} is not a valid phone number"
    if params and not re.fullmatch(r"ext=\d{1,7}", params):
        return f"link address {href!r}: only an extension (;ext=12) may follow the number"
    return None
