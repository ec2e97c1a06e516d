"""Fonts: the TrueType families shipped under ``fonts/``, registered with ReportLab once.

Every family has regular, bold and italic faces (a face may reuse another file where the
family has no such face: WenQuanYi Micro Hei has one weight). :func:`missing_glyphs` is the
build-time check that every character is drawn with a real glyph, never ``.notdef``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from .errors import Diagnostic, FactsheetError

FONT_DIR = Path(__file__).resolve().parents[2] / "fonts"


@dataclass(frozen=True, slots=True)
class Family:
    key: str
    regular: str
    bold: str
    italic: str
    """Italic face; the large-print variant never uses it."""
    bold_italic: str
    has_bold: bool = True


FAMILIES = {
    "noto-sans": Family(
        "noto-sans", "noto-sans/NotoSans-Regular.ttf", "noto-sans/NotoSans-Bold.ttf",
        "noto-sans/NotoSans-Italic.ttf", "noto-sans/NotoSans-Bold.ttf",
    ),
    "atkinson": Family(
        "atkinson", "atkinson-hyperlegible/AtkinsonHyperlegible-Regular.ttf",
        "atkinson-hyperlegible/AtkinsonHyperlegible-Bold.ttf",
        "atkinson-hyperlegible/AtkinsonHyperlegible-Regular.ttf",
        "atkinson-hyperlegible/AtkinsonHyperlegible-Bold.ttf",
    ),
    "wqy-microhei": Family(
        "wqy-microhei", "wqy-microhei/wqy-microhei.ttc", "wqy-microhei/wqy-microhei.ttc",
        "wqy-microhei/wqy-microhei.ttc", "wqy-microhei/wqy-microhei.ttc", has_bold=False,
    ),
}


def face_name(family: str, face: str) -> str:
    """ReportLab font name of a face: ``noto-sans-bold``."""
    return f"{family}-{face}"


@cache
def _ttf(relpath: str, name: str) -> TTFont:
    path = FONT_DIR / relpath
    if not path.is_file():
        raise FactsheetError(
            Diagnostic(None, f"{path}: font file is missing", hint="fonts ship in the repository")
        )
    try:
        font = TTFont(name, str(path), subfontIndex=0)
    except Exception as e:  # ReportLab raises TTFError and plain errors for broken files
        raise FactsheetError(Diagnostic(None, f"{path}: cannot read font: {e}")) from None
    # Draw U+00AD SOFT HYPHEN (our hyphenation break) with the hyphen's glyph: many fonts
    # leave it blank. The text layer keeps U+00AD through the subset's ToUnicode map.
    face = font.face
    if 0x2D in face.charToGlyph:
        face.charToGlyph[0xAD] = face.charToGlyph[0x2D]
        face.charWidths[0xAD] = face.charWidths[0x2D]
    return font


@cache
def register(family_key: str) -> Family:
    """Register a family's faces with ReportLab (once per process) and return it."""
    fam = FAMILIES[family_key]
    for face in ("regular", "bold", "italic", "bold_italic"):
        name = face_name(family_key, face)
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(_ttf(getattr(fam, face), name))
    r, b, i, bi = (face_name(family_key, f) for f in ("regular", "bold", "italic", "bold_italic"))
    pdfmetrics.registerFontFamily(family_key, normal=r, bold=b, italic=i, boldItalic=bi)
    for bold, italic, name in ((0, 0, r), (1, 0, b), (0, 1, i), (1, 1, bi)):
        addMapping(family_key, bold, italic, name)
    return fam


@cache
def coverage(family_key: str, face: str = "regular") -> frozenset[int]:
    register(family_key)
    font = pdfmetrics.getFont(face_name(family_key, face))
    return frozenset(font.face.charToGlyph)


IGNORABLE = {0x0A, 0x0D, 0x200B, 0x2060, 0xFEFF}


def missing_glyphs(text: str, family_key: str, faces=("regular",)) -> list[str]:
    """Characters of ``text`` that some face of the family cannot draw."""
    missing = []
    for face in faces:
        cov = coverage(family_key, face)
        for ch in text:
            if ord(ch) not in cov and ord(ch) not in IGNORABLE and ch not in missing:
                missing.append(ch)
    return missing
