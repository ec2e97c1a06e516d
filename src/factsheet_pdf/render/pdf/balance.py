"""Balanced headings: (a heading's line widths at given measures) -> the measures it is broken at.

A heading whose last line is short ("...my treatment / fails?", a Chinese heading with one
character on its second line) is broken again: first at the narrowest measure that keeps its
number of lines (found by bisection to :data:`PRECISION`), so its lines come out about equal;
where the words allow no such measure (a long word on the line above: "Термины, используемые
/ в этом информационном / листке"), with a narrower first line, so words move down a line
("Термины, / используемые в этом / информационном листке"). Words are never changed, only where
the lines end; the heading still occupies the whole column (flush left, or flush right on a
right-to-left page). Any script: the caller's ``widths_at`` breaks the heading with its own
line breaker (ReportLab's, the Chinese one, the shaping engine's), given one measure per line
(the last repeated); a measure too narrow for the heading's longest word reports more lines
(a word is never cut to balance a heading).
"""

from __future__ import annotations

from collections.abc import Callable

RATIO = 1 / 3
"""A last line shorter than this share of the line above it is too short."""
PRECISION = 1.0
"""Points: how close the bisection comes to the narrowest measure."""
FIRST_LINE_STEPS = 24
"""Narrower first lines tried, from the balanced measure down to 30 % of it."""

WidthsAt = Callable[[list[float]], list[float]]


def is_balanced(widths: list[float]) -> bool:
    """Whether lines of these widths end on a last line long enough."""
    return len(widths) < 2 or widths[-1] >= RATIO * widths[-2] - 0.01


def balanced_measures(widths_at: WidthsAt, width: float) -> list[float]:
    """The measures to break at (one per line, the last repeated): ``[width]`` when the
    heading has one line or is balanced already; else the narrowest measure (down to 40 % of
    ``width``) with no more lines than at ``width``; else that with a narrower first line."""
    widths = widths_at([width])
    n = len(widths)
    if is_balanced(widths):
        return [width]
    lo, hi = width * 0.4, width
    if len(widths_at([lo])) <= n:
        hi = lo
    else:
        while hi - lo > PRECISION:
            mid = (lo + hi) / 2
            if len(widths_at([mid])) <= n:
                hi = mid
            else:
                lo = mid
    if is_balanced(widths_at([hi])):
        return [hi]
    for k in range(1, FIRST_LINE_STEPS + 1):
        first = hi * (1 - 0.7 * k / FIRST_LINE_STEPS)
        got = widths_at([first, width])
        if len(got) <= n and is_balanced(got):
            return [first, width]
    return [hi]


def balanced_width(widths_at: Callable[[float], list[float]], width: float) -> float:
    """The one measure of :func:`balanced_measures` without its first-line step (tests)."""
    return balanced_measures(lambda ms: widths_at(ms[-1]), width)[-1]
