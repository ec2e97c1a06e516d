"""Measuring for the fit search: a paragraph's height at a width, remembered by its content.

The fit search (:mod:`.fit`) estimates several candidate settings before it lays one out, and
each candidate's story is a fresh set of flowables: without a memory every estimate would
break every paragraph's lines again, though most candidates share a body size and a column
width with another (the settings of one size differ mostly in leading and spacing), and a
warm process (``factsheet watch``, a library build) renders the same paragraphs again and
again. While :func:`estimating` is active, a paragraph's height at a width is looked up by
what determines it (its markup, its style, the width, the words it must not hyphenate) and
only computed on a miss. The line breaking's own lasting effect on the paragraph (the words it
blocks from hyphenation, :func:`factsheet_pdf.rlhooks.break_lines`) is replayed on a hit, so
the paragraph is left as a real measurement would leave it.

Only heights are remembered, never lines: a layout (and the page template's own measuring
inside it) breaks lines for real, so what is drawn is never taken from the memory. A hit
drops the paragraph's last lines (``blPara``): whoever draws a paragraph wraps it first
(:meth:`.flowables.GlossaryBox._heights` is told by :func:`active`). The same memory keeps,
in and out of estimates, the measures a balanced heading is broken at
(:func:`.balance.balanced_measures`: a bisection of a dozen line breakings, a function of the
same key); the heading's lines are then broken at them for real.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from contextlib import contextmanager

from ...rlseam import style_key

LIMIT = 20_000
"""Heights remembered (least recently used dropped first): a 1,600-PDF library's distinct
paragraphs at the widths the fit search tries are well within it."""

_active = 0
_heights: OrderedDict[tuple, tuple] = OrderedDict()
stats = {"hits": 0, "misses": 0}

_LABEL = re.compile(r'(<onDraw name="tag_(?:push|pop)" label=")[^"]*"')
"""A tagging callback's label names a structure element: it draws nothing."""


@contextmanager
def estimating():
    """Heights measured inside come from, and go to, the memory."""
    global _active
    _active += 1
    try:
        yield
    finally:
        _active -= 1


def active() -> bool:
    return _active > 0


def paragraph_key(para, width: float) -> tuple:
    """A ReportLab paragraph's height at ``width`` is a function of this."""
    return (type(para).__name__, _LABEL.sub(r"\1", para.text), style_key(para.style), width,
            frozenset(getattr(para, "no_hyphen", ())))


def lookup(key: tuple) -> tuple | None:
    got = _heights.get(key)
    if got is None:
        stats["misses"] += 1
        return None
    stats["hits"] += 1
    _heights.move_to_end(key)
    return got


def remember(key: tuple, height, blocked: frozenset[str]) -> None:
    """``height`` (or, for a balanced heading, its measures) and the words the measuring
    blocked from hyphenation."""
    _heights[key] = (height, blocked)
    if len(_heights) > LIMIT:
        _heights.popitem(last=False)


def forget() -> None:
    """Drop every remembered height (tests)."""
    _heights.clear()
    stats.update(hits=0, misses=0)
