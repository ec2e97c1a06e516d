"""Chinese line breaking: complete ReportLab's table of characters that cannot start a line.

ReportLab's CJK breaker (``wordWrap='CJK'``) keeps Latin words whole and hangs a character
that cannot start a line, but its table (``reportlab.lib.textsplit.CANNOT_START_LINE``, copied
into ``ALL_CANNOT_START`` of textsplit and paragraph) lacks the full-width comma, colon,
semicolon, question and exclamation marks and several closing brackets used in Chinese text.
We add them (GB/T 15834 and the W3C "Requirements for Chinese Text Layout", 3.1.7). This is
the one ReportLab global we extend; tests/test_reportlab_internals.py checks it still exists.
"""

from __future__ import annotations

from reportlab.lib import textsplit as _textsplit
from reportlab.platypus import paragraph as _paragraph

CLOSING = "，。、：；！？）》」』】〕〉〗〙〛…—·％‰"


def install() -> None:
    """Extend the table in both modules that read it (idempotent)."""
    for module in (_textsplit, _paragraph):
        missing = "".join(c for c in CLOSING if c not in module.ALL_CANNOT_START)
        if missing:
            module.ALL_CANNOT_START = module.ALL_CANNOT_START + missing
