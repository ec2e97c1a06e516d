"""Braille words in blocks -> pages of 25 lines of 40 cells, as a BRF file.

Input: each block's style (:data:`.text.STYLES`) and words (:mod:`.cells`), the running head
and the page numbers in braille. Output: the pages (lists of lines of Unicode braille) and the
BRF bytes.

Geometry (BANA *Braille Formats*): 40 cells a line, 25 lines a page. The braille page number
is at the right end of line 25, which holds nothing else; from page 2 on, line 1 is the
running head (the title, centred). Lines break between words; a word longer than a line (a
long web address) is divided after a slash, dot or other punctuation of it, else at the line's
end, with nothing added. Centred lines leave at
least 3 blank cells on each side. A heading never ends a page: it moves to the next one with
the line that follows it; no page starts with a blank line. Box lines (a note) are full lines
of dots 2-3-5-6. Lines end with CR LF; a form feed separates pages.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .cells import Word
from .text import STYLES

WIDTH = 40
LINES = 25
CENTRE_MARGIN = 3
BLANK = "\u2800"
BOX = "\u2836"  # dots 2-3-5-6


@dataclass(frozen=True)
class Line:
    cells: str = ""
    keep: bool = False
    """Stays on the page of the line after it (a heading, a top box line)."""


def wrap(words: Sequence[str], first: int, runover: int, width: int = WIDTH) -> list[str]:
    """Words as lines: the first starting ``first`` cells in, the others ``runover``. A word
    longer than its line is divided where its :class:`~.cells.Word` allows (after an
    address's punctuation that leaves at least half the line filled), else at the line's
    end."""
    lines: list[str] = []
    cur: list[str] = []
    indent = first
    used = indent

    def flush() -> None:
        nonlocal cur, indent, used
        lines.append(BLANK * indent + BLANK.join(cur))
        cur, indent = [], runover
        used = indent

    for w in words:
        while True:
            need = len(w) + (1 if cur else 0)
            if used + need <= width:
                cur.append(w)
                used += need
                break
            if cur:
                flush()
                continue
            # a word longer than a line (an address): divided after its last punctuation
            # that fits (a slash, a dot...), else at the line's end; nothing is added
            room = width - used
            cuts = [c for c in getattr(w, "cuts", ()) if 0 < c <= room]
            at = max(cuts) if cuts and max(cuts) >= room // 2 else room
            rest = w[at:]
            rest_cuts = tuple(c - at for c in getattr(w, "cuts", ()) if c > at)
            cur.append(w[:at])
            used = width
            flush()
            if not rest:
                break
            w = Word.of(rest, rest_cuts)
    if cur:
        flush()
    return lines


def centre(words: Sequence[str], width: int = WIDTH) -> list[str]:
    """Centred lines, each at most ``width - 2 * CENTRE_MARGIN`` cells."""
    inner = width - 2 * CENTRE_MARGIN
    return [BLANK * ((width - len(s)) // 2) + s for s in wrap(words, 0, 0, inner)]


def block_lines(style: str, words: Sequence[str]) -> list[Line]:
    """One block's lines, with the blank lines its format puts around it."""
    st = STYLES[style]
    if style == "blank":
        return [Line()]
    if style in ("box", "box-end"):
        return [Line(BOX * WIDTH, keep=style == "box")]
    body = centre(words) if st.centred else wrap(words, st.first, st.runover)
    out = [Line()] if st.blank_before else []
    for i, s in enumerate(body):
        # a heading keeps with the line after it (all its own lines, then the text's first)
        out.append(Line(s, keep=st.keep_with_next))
    if st.blank_after:
        out.append(Line())
    return out


def chunks(lines: list[Line]) -> list[list[Line]]:
    """Lines grouped as they must stay: each run of kept lines with the line after it."""
    out: list[list[Line]] = []
    cur: list[Line] = []
    for ln in lines:
        cur.append(ln)
        if not ln.keep:
            out.append(cur)
            cur = []
    if cur:
        out.append(cur)
    return out


def paginate(lines: list[Line], head: str, number) -> list[list[str]]:
    """Pages of exactly :data:`LINES` lines: text, blank padding, the page number last.
    ``head``: the running head's cells (pages 2 on; "" for none); ``number(n)``: page ``n``'s
    number in braille."""
    pages: list[list[str]] = []
    cur: list[str] = []

    def capacity() -> int:
        return LINES - 1 - (1 if head and pages else 0)

    def break_page() -> None:
        nonlocal cur
        pages.append(cur)
        cur = []

    def put(ln: Line) -> None:
        if not ln.cells and not cur:
            return  # no page starts with a blank line
        if len(cur) >= capacity():
            break_page()
            if not ln.cells:
                return
        cur.append(ln.cells)

    for chunk in chunks(lines):
        body = chunk
        if not cur:
            while body and not body[0].cells:
                body = body[1:]
        rest = capacity() - len(cur)
        if len(body) > rest and cur and len(body) <= LINES - 2:
            break_page()
        for ln in body:
            put(ln)
    if cur or not pages:
        pages.append(cur)
    out = []
    for k, page in enumerate(pages, 1):
        text = ([head] if head and k > 1 else []) + [s.rstrip(BLANK) for s in page]
        text += [""] * (LINES - 1 - len(text))
        num = number(k)
        out.append(text + [BLANK * (WIDTH - len(num)) + num])
    return out


def brf(pages: list[list[str]], to_ascii) -> bytes:
    """The BRF file: lines in braille ASCII ending CR LF, a form feed between pages."""
    return "\f".join("".join(to_ascii(s.rstrip(BLANK)) + "\r\n" for s in page)
                     for page in pages).encode("ascii")
