"""Characters named for people: ``'😀' U+1F600 GRINNING FACE``, ``U+0000 NULL``.

Input: one character. Output: the words a message uses for it. Control characters have no
Unicode name (``unicodedata.name`` knows none); they take their name alias from Unicode's
NameAliases.txt (the C0 set, DEL and the C1 set's common ones).
"""

from __future__ import annotations

import unicodedata

_C0 = ("NULL", "START OF HEADING", "START OF TEXT", "END OF TEXT", "END OF TRANSMISSION",
       "ENQUIRY", "ACKNOWLEDGE", "ALERT", "BACKSPACE", "CHARACTER TABULATION", "LINE FEED",
       "LINE TABULATION", "FORM FEED", "CARRIAGE RETURN", "SHIFT OUT", "SHIFT IN",
       "DATA LINK ESCAPE", "DEVICE CONTROL ONE", "DEVICE CONTROL TWO", "DEVICE CONTROL THREE",
       "DEVICE CONTROL FOUR", "NEGATIVE ACKNOWLEDGE", "SYNCHRONOUS IDLE",
       "END OF TRANSMISSION BLOCK", "CANCEL", "END OF MEDIUM", "SUBSTITUTE", "ESCAPE",
       "INFORMATION SEPARATOR FOUR", "INFORMATION SEPARATOR THREE",
       "INFORMATION SEPARATOR TWO", "INFORMATION SEPARATOR ONE")
_OTHER = {0x7F: "DELETE", 0x85: "NEXT LINE", 0xA0: "NO-BREAK SPACE"}


def name(c: str) -> str:
    """The character's Unicode name, or its alias for a control character ("" if none)."""
    cp = ord(c)
    if cp < 0x20:
        return _C0[cp]
    if cp in _OTHER:
        return _OTHER[cp]
    if 0x80 <= cp <= 0x9F:
        return "C1 CONTROL"
    return unicodedata.name(c, "")


def describe(c: str) -> str:
    """``U+1F600 GRINNING FACE ('😀')`` (no glyph shown for a control or format character)."""
    words = f"U+{ord(c):04X}"
    if name(c):
        words += f" {name(c)}"
    if unicodedata.category(c)[0] not in "CZ":
        words += f" ({c!r})"
    return words


def find(loc, ch: str):
    """The place of the first ``ch`` in ``loc``'s file at or after ``loc`` (a
    :class:`~factsheet_pdf.model.SourceLoc`: a unit's start, or a catalog entry's msgstr line),
    with its column; ``loc`` itself when the file has no such character there (normalised to
    NFC, or written as an escape) or cannot be read."""
    from dataclasses import replace

    from . import regular

    if loc is None or loc.line is None:
        return loc
    try:
        text = regular.read_regular(loc.path, 2_000_000).decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return loc
    start = 0
    for _ in range(loc.line - 1):
        start = text.find("\n", start) + 1
        if start == 0:
            return loc
    at = text.find(ch, start + (loc.column or 1) - 1)
    if at < 0:
        return loc
    line = loc.line + text.count("\n", start, at)
    return replace(loc, line=line, column=at - (text.rfind("\n", 0, at) + 1) + 1)
