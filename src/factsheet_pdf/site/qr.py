"""QR code of the clinic's web address: URL -> module matrix -> filled rectangles on a canvas.

The matrix comes from ReportLab's own encoder (``reportlab.graphics.barcode.qrencoder``,
byte mode, UTF-8, error correction level M): ReportLab is already a pinned dependency, so no
new package is needed, and the test decodes the drawn code with an independent reader
(``zbarimg``). We do not use ReportLab's ``QrCodeWidget``: it draws through a Drawing, one
rect per run, outside our control; here everything is drawn by one callable,
:meth:`QrCode.draw`, as a single filled path, so the tagging layer can wrap it in ONE
marked-content sequence (a ``Figure`` with alternative text).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from reportlab.graphics.barcode.qrencoder import QR8bitByte, QRCode, QRErrorCorrectLevel
from reportlab.lib.units import inch

MIN_SIZE = 0.8 * inch
"""Smallest side (points, quiet zone included) at which the code may be printed: what phones
scan reliably from a printed page. Layout may shrink the code down to this, never below."""
QUIET_ZONE = 4
"""Light modules around the symbol, part of the drawn size (ISO/IEC 18004)."""


def qr_matrix(data: str) -> tuple[tuple[bool, ...], ...]:
    """The QR symbol's modules for ``data`` (True = dark), row by row from the top."""
    code = QRCode(None, QRErrorCorrectLevel.M)
    code.addData(QR8bitByte(data))
    code.make()
    return tuple(tuple(bool(m) for m in row) for row in code.modules)


@dataclass(frozen=True)
class QrCode:
    """A QR code for ``data``, drawable at any size from :data:`MIN_SIZE` up."""

    data: str

    @cached_property
    def matrix(self) -> tuple[tuple[bool, ...], ...]:
        return qr_matrix(self.data)

    @property
    def modules(self) -> int:
        """Modules per side, quiet zone included."""
        return len(self.matrix) + 2 * QUIET_ZONE

    def runs(self) -> list[tuple[int, int, int]]:
        """Dark runs as (row, first column, length), row 0 at the top, without quiet zone."""
        out = []
        for r, row in enumerate(self.matrix):
            c = 0
            while c < len(row):
                if row[c]:
                    start = c
                    while c < len(row) and row[c]:
                        c += 1
                    out.append((r, start, c - start))
                else:
                    c += 1
        return out

    def draw(self, canvas, x: float, y: float, size: float, background: bool = True) -> None:
        """Draw the code with its lower-left corner at (x, y), ``size`` points square
        (quiet zone included): a white square (unless ``background`` is False) and the dark
        modules as one filled path. Saves and restores the graphics state."""
        if size < MIN_SIZE - 1e-6:
            raise ValueError(f"QR code of {size:.1f} pt is below the minimum {MIN_SIZE:.1f} pt")
        unit = size / self.modules
        top = y + size - QUIET_ZONE * unit
        left = x + QUIET_ZONE * unit
        canvas.saveState()
        if background:
            canvas.setFillColorRGB(1, 1, 1)
            canvas.rect(x, y, size, size, stroke=0, fill=1)
        canvas.setFillColorRGB(0, 0, 0)
        path = canvas.beginPath()
        for r, c, n in self.runs():
            path.rect(left + c * unit, top - (r + 1) * unit, n * unit, unit)
        canvas.drawPath(path, stroke=0, fill=1)
        canvas.restoreState()
