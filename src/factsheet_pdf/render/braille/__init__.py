"""The braille renderer: a composed document -> a BRF file (North American braille ASCII,
40 cells a line, 25 lines a page), translated by liblouis.

:func:`render_brf` is the entry point: :mod:`.text` walks the document into blocks in the
formats of BANA's *Braille Formats*, :mod:`.cells` translates each with the language's table
(:mod:`factsheet_pdf.braille_tables`), :mod:`.pages` lays the words out in lines and pages
and :mod:`.brf` writes the cells as braille ASCII. Raises
:class:`~factsheet_pdf.errors.FactsheetError` for text a BRF cannot hold.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ...compose.doc import Doc
from ...errors import FactsheetError
from ...louis import Louis
from . import brf, pages
from .cells import Brailler
from .text import STYLES, Block, doc_blocks


@dataclass(frozen=True)
class Rendered:
    data: bytes
    pages: int
    warnings: tuple[str, ...]
    lines: tuple[tuple[str, ...], ...]
    """Every page's lines in Unicode braille (what the BRF holds, for a person to look at)."""


def running_head(words: Sequence[str]) -> str:
    """The title, centred, cut after the last word that fits (furniture: never wraps)."""
    inner = pages.WIDTH - 2 * pages.CENTRE_MARGIN
    kept: list[str] = []
    for w in words:
        if len(pages.BLANK.join(kept + [w])) > inner:
            break
        kept.append(w)
    if not kept and words:
        kept = [words[0][:inner]]
    s = pages.BLANK.join(kept)
    return pages.BLANK * ((pages.WIDTH - len(s)) // 2) + s if s else ""


def transcriber_note(doc: Doc) -> str:
    """The transcriber's note: the shared string ``label.transcriber-note``, its ``{title}``
    filled by compose."""
    return doc.label("transcriber-note")


def render_brf(doc: Doc, louis: Louis, table: str) -> Rendered:
    """The BRF file of ``doc`` in ``table`` (a liblouis table list)."""
    b = Brailler(louis, table, doc.meta.lang)
    blocks = doc_blocks(doc, transcriber_note(doc))
    lines: list[pages.Line] = []
    title_words: Sequence[str] = []
    box = pages.BOX * pages.WIDTH
    for blk in blocks:
        words: Sequence[str] = b.words(blk) if blk.text else []
        if blk.style == "centred-top" and not title_words and blk.kind == "title":
            title_words = words
        for ln in pages.block_lines(blk.style, words):
            # never two blank lines in a row, nor one beside a box line
            if not ln.cells and lines and lines[-1].cells in ("", box):
                continue
            if ln.cells == box and lines and not lines[-1].cells:
                lines.pop()
            lines.append(ln)
    if b.problems.errors:
        raise FactsheetError(b.problems.errors)
    head = running_head(title_words)
    laid = pages.paginate(lines, head, b.number)
    data = pages.brf(laid, brf.to_ascii)
    return Rendered(data, len(laid), tuple(str(w) for w in b.problems.warnings),
                    tuple(tuple(p) for p in laid))


__all__ = ["STYLES", "Block", "Rendered", "doc_blocks", "render_brf", "transcriber_note"]
