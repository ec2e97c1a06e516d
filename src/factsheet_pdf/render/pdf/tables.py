"""A simple table whose cells carry their structure elements (TH / TD).

ReportLab's :class:`~reportlab.platypus.Table` draws the grid (an artifact, through the tagging
canvas) and then each cell's paragraph (tagged with its TH or TD); a right-to-left table's
cells are painted in reading order (right to left), so the content stream reads as the
structure tree does. When the table breaks across
a column or page, the header row is repeated on the next part; the repeated copy is drawn with
plain, untagged paragraphs, so it is an artifact and a screen reader hears the header once.
"""

from __future__ import annotations

import re

from reportlab.lib import colors
from reportlab.platypus import Paragraph, Table, TableStyle

from ... import rlseam
from .styles import RULE, SHADE


_CALLBACKS = re.compile(r"<onDraw [^>]*/>|</?a\b[^>]*>")


def _untagged(p):
    """A look-alike of a tagged paragraph that draws as an artifact (no element, no links)."""
    if hasattr(p, "untagged"):
        return p.untagged()
    return Paragraph(_CALLBACKS.sub("", p.text), p.style) if hasattr(p, "text") else p


class TaggedTable(Table):
    def __init__(self, rows, *args, pad: float | None = None, rtl: bool = False,
                 font: str | None = None, **kw):
        """``rows`` in display order (a right-to-left table's cells already reversed);
        ``font``: the cells' font (ReportLab sets it before each cell, default Helvetica,
        which would be an unembedded font in the PDF)."""
        kw.setdefault("repeatRows", 1)
        kw.setdefault("hAlign", "RIGHT" if rtl else "LEFT")
        super().__init__(rows, *args, **kw)
        self.pad = pad
        self.rtl = rtl
        if pad is None:  # a piece made by split(): ReportLab copies the style commands
            return
        self.setStyle(TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), pad),
            ("RIGHTPADDING", (0, 0), (-1, -1), pad),
            ("TOPPADDING", (0, 0), (-1, -1), pad * 0.6),
            ("BOTTOMPADDING", (0, 0), (-1, -1), pad * 0.9),
            ("BACKGROUND", (0, 0), (-1, 0), SHADE),
            ("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE),
            ("LINEABOVE", (0, 0), (-1, 0), 0.75, colors.black),
            *([("FONT", (0, 0), (-1, -1), font)] if font else []),
        ]))

    def wrap(self, availWidth, availHeight):
        rows = rlseam.table_rows(self)
        n = len(rows[0]) if rows else 1
        rlseam.set_column_widths(self, [availWidth / n] * n)
        return super().wrap(availWidth, availHeight)

    def split(self, availWidth, availHeight):
        pieces = super().split(availWidth, availHeight)
        for piece in pieces:
            piece.pad, piece.rtl = self.pad, self.rtl
        for piece in pieces[1:]:
            rows = rlseam.table_rows(piece)
            rows[0] = [_untagged(c) for c in rows[0]]
        return pieces

    def draw(self):
        """Right to left: the grid drawn by ReportLab, then the cells painted in reading order
        (right to left, as the structure tree has them), not in display order."""
        if not self.rtl or self.pad is None:
            super().draw()
            return
        rows = rlseam.table_rows(self)
        cells = [list(r) for r in rows]
        for r in rows:
            r[:] = [""] * len(r)
        try:
            super().draw()  # background, rules: artifacts
        finally:
            for r, saved in zip(rows, cells):
                r[:] = saved
        cols, tops, widths, heights = rlseam.table_geometry(self)
        pad = self.pad
        for i, row in enumerate(cells):
            for j in reversed(range(len(row))):  # display order reversed: reading order
                cell = row[j]
                flows = list(cell) if isinstance(cell, (tuple, list)) else [cell]
                y = tops[i] - pad * 0.6
                for f in flows:
                    if not hasattr(f, "wrap"):
                        continue
                    _, h = f.wrap(widths[j] - 2 * pad, heights[i])
                    y -= h
                    f.drawOn(self.canv, cols[j] + pad, y)
