"""Unicode braille cells <-> North American Braille ASCII, the characters of a BRF file.

Each of the 64 six-dot cells is one printable ASCII character (the mapping embossers, braille
displays and liblouis's ``en-us-brf.dis`` share): the blank cell is a space, dot 1 is ``A``,
dots 3-4-5-6 ``#``... Letters are written in capitals, as liblouis writes them.
"""

from __future__ import annotations

ASCII = " A1B'K2L@CIF/MSP\"E3H9O6R^DJG>NTQ,*5<-U8V.%[$+X!&;:4\\0Z7(_?W]#Y)="
"""The character of each cell by its dots (bit 0 = dot 1 ... bit 5 = dot 6)."""

_FROM = {c: i for i, c in enumerate(ASCII)}


def to_ascii(cells: str) -> str:
    """Unicode braille (dots 1-6 only) as braille ASCII; ValueError on any other character."""
    out = []
    for c in cells:
        dots = ord(c) - 0x2800
        if not 0 <= dots < 64:
            raise ValueError(f"not a six-dot braille cell: {c!r}")
        out.append(ASCII[dots])
    return "".join(out)


def to_unicode(text: str) -> str:
    """Braille ASCII (either case) as Unicode braille cells; other characters kept."""
    return "".join(chr(0x2800 + _FROM[c]) if c in _FROM else c for c in text.upper())
