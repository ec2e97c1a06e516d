"""Blocks of text -> braille cells, by liblouis (:mod:`factsheet_pdf.louis`), one table.

Input: a :class:`~.text.Block` and the table list. Output: the block's braille as words of
Unicode braille cells (a line may break between two words, never inside one: a no-break space
joins its neighbours), plus the problems found.

Before liblouis sees the text: format characters (bidi isolates and marks, zero-width joiners,
soft hyphens) are dropped, as they draw nothing; no-break spaces become spaces that do not
break; a punctuation mark the table does not define is replaced by its plain form when the
table has that (:data:`FALLBACK`: guillemets and curly quotes by straight ones, dashes by a
hyphen, the Devanagari danda by a full stop; a bullet the table lacks is left out). A character
the table still does not define is left out (liblouis's ``\\xHHHH`` escape for it may need
dots 7 and 8) and reported as a warning at its source line; a cell with dots 7 or 8 cannot be
held by a BRF file (6-dot braille) and is an error.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from ...errors import Diagnostic
from ...louis import NO_CONTRACT, Louis
from .text import Block

BLANK = "\u2800"
DIVIDE_AFTER = set("/.-@_?&=#:")
"""Characters after which a word longer than a line (an address) may be divided."""


class Word(str):
    """A word's cells, and where it may be divided (cell indexes a new line may start at)."""

    cuts: tuple[int, ...] = ()

    @classmethod
    def of(cls, cells: str, cuts: tuple[int, ...] = ()) -> Word:
        w = cls(cells)
        w.cuts = cuts
        return w
NO_BREAK = {"\u00a0", "\u202f", "\u2007", "\u2060"}
"""Spaces that join (a phone number's, French punctuation's); U+2060 is dropped."""

FALLBACK: dict[str, str] = {
    "«": '"', "»": '"', "“": '"', "”": '"', "„": '"', "‟": '"', "‹": "'", "›": "'",
    "‘": "'", "’": "'", "‚": "'", "–": "-", "—": "-", "‒": "-", "―": "-", "−": "-",
    "…": "...", "।": ".", "॥": ".", "፦": ":", "៖": ":", "•": "",
}
"""Plain forms of punctuation, for a table that lacks the print form (only then)."""


def _drop(c: str) -> bool:
    """Draws nothing: a format character (Cf: bidi controls, ZWJ/ZWNJ, soft hyphen)."""
    return unicodedata.category(c) == "Cf"


@dataclass
class Problems:
    warnings: list[Diagnostic] = field(default_factory=list)
    errors: list[Diagnostic] = field(default_factory=list)


class Brailler:
    """Translates blocks with one table list; remembers which characters it defines."""

    def __init__(self, louis: Louis, table: str, lang: str):
        self.louis = louis
        self.table = table
        self.lang = lang
        self._defined: dict[str, bool] = {}
        self._emph = {name: louis.emphasis(table, name) for name in ("italic", "bold")}
        self.problems = Problems()
        self._seen: set[tuple[str, str]] = set()

    def defined(self, c: str) -> bool:
        """Whether the table has braille for ``c`` (alone)."""
        if c not in self._defined:
            a, _ = self.louis.translate(self.table, c)
            b, _ = self.louis.translate(self.table, c, undefined=True)
            self._defined[c] = a == b
        return self._defined[c]

    def prepare(self, b: Block) -> tuple[str, list[int], list[bool]]:
        """The text liblouis gets, its typeform, and which of its characters join (no-break)."""
        chars: list[str] = []
        typeform: list[int] = []
        joins: list[bool] = []
        for i, c in enumerate(b.text):
            tf = self._emph.get(b.emphasis[i], 0) if b.emphasis else 0
            if b.uncontracted and b.uncontracted[i]:
                tf |= NO_CONTRACT
            join = c in NO_BREAK
            if join:
                c = " "
            if c != " " and (_drop(c) or (c in FALLBACK and not self.defined(c))):
                sub = FALLBACK.get(c, "")
                if sub and not all(self.defined(x) for x in sub):
                    sub = ""
                if not _drop(c) and not sub and c != "•":
                    sub = c  # nothing better: left out by liblouis, reported below
                for x in sub:
                    chars.append(x)
                    typeform.append(tf)
                    joins.append(False)
                continue
            chars.append(c)
            typeform.append(tf)
            joins.append(join)
        return "".join(chars), typeform, joins

    def words(self, b: Block) -> list[Word]:
        """The block in braille, as words (runs of cells between breakable blank cells)."""
        text, typeform, joins = self.prepare(b)
        if not text.strip():
            return []
        for c in sorted(set(text) - {" "}):
            if not self.defined(c):
                self._warn(b, c)
        cells, pos = self.louis.translate(self.table, text, typeform)
        eight = sorted({text[p] for cell, p in zip(cells, pos)
                        if (ord(cell) - 0x2800) & 0xC0 and 0 <= p < len(text)})
        if eight:
            shown = ", ".join(f"{c!r} U+{ord(c):04X}" for c in eight[:6])
            self.problems.errors.append(Diagnostic(
                b.loc, f"liblouis's table {self.table} writes {shown} in 8-dot braille, which "
                   f"a BRF file (6 dots) cannot hold",
                hint=f"name a 6-dot table for {self.lang} under [braille] in factsheet.toml"))
        out: list[Word] = []
        word: list[str] = []
        cuts: list[int] = []
        for i, (cell, p) in enumerate(zip(cells, pos)):
            if cell == BLANK and not (0 <= p < len(joins) and joins[p]):
                if word:
                    out.append(Word.of("".join(word), tuple(cuts)))
                    word, cuts = [], []
                continue
            word.append(cell)
            last = i + 1 == len(pos) or pos[i + 1] != p
            if last and 0 <= p < len(text) and text[p] in DIVIDE_AFTER:
                cuts.append(len(word))
        if word:
            out.append(Word.of("".join(word), tuple(cuts)))
        return out

    def _warn(self, b: Block, c: str) -> None:
        key = (str(b.loc), c)
        if key in self._seen:
            return
        self._seen.add(key)
        self.problems.warnings.append(Diagnostic(
            b.loc, f"braille: liblouis's table {self.table} has no braille for {c!r} "
                   f"U+{ord(c):04X}: left out of the BRF",
            severity="warning"))

    def number(self, n: int) -> str:
        """A page number in the table's braille (its number sign and digits)."""
        cells, _ = self.louis.translate(self.table, str(n))
        return cells.strip(BLANK)
