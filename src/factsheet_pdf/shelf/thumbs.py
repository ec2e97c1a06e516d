"""First-page thumbnails of the PDFs we wrote, rendered by PDFium (pypdfium2).

Each thumbnail is ``assets/thumbs/<first 16 hex digits of the PDF's sha256>.png`` in the output
folder: named by the bytes it shows, so an unchanged PDF keeps its thumbnail and a no-op build
renders nothing; a PDF's new bytes get a new file, and the files no PDF of the manifest has
any more are removed when the shelf is made again. The same PDF, the same PNG bytes.
"""

from __future__ import annotations

import io
import struct
from pathlib import Path

from .. import regular
from ..write import ASSETS, atomic_write

THUMBS = "thumbs"
WIDTH = 120
"""Thumbnail width in pixels (the shelf shows it at this size)."""


def thumb_name(sha256: str) -> str:
    return f"{ASSETS}/{THUMBS}/{sha256[:16]}.png"


def render(pdf: Path, width: int = WIDTH) -> bytes:
    """The PDF's first page as a PNG ``width`` pixels wide."""
    import pypdfium2 as pdfium  # type: ignore[import-untyped]

    doc = pdfium.PdfDocument(str(pdf))
    try:
        page = doc[0]
        w, _ = page.get_size()
        image = page.render(scale=width / w).to_pil().convert("RGB")
        page.close()
    finally:
        doc.close()
    buf = io.BytesIO()
    image.save(buf, format="PNG", optimize=True)
    return buf.getvalue()


def size_of(png: Path) -> tuple[int, int] | None:
    """(width, height) from a PNG's header, or None."""
    try:
        head = regular.read_head(png, 24)
    except OSError:
        return None
    if len(head) < 24 or head[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    w, h = struct.unpack(">II", head[16:24])
    return int(w), int(h)


def ensure(out: Path, pdfs: dict[str, str]) -> list[str]:
    """Render the thumbnail of every PDF (path relative to ``out`` -> sha256) that has none;
    returns the files written. A PDF PDFium cannot read gets no thumbnail."""
    written = []
    for rel, sha in sorted(pdfs.items()):
        name = thumb_name(sha)
        target = out / name
        if target.is_file():
            continue
        try:
            data = render(out / rel)
        except Exception:  # PDFium's errors for a damaged file: the shelf shows no preview
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(target, data)
        written.append(name)
    return written


def prune(out: Path, keep: set[str]) -> None:
    """Remove the thumbnails whose name is not in ``keep`` (names as :func:`thumb_name`)."""
    folder = out / ASSETS / THUMBS
    if not folder.is_dir():
        return
    for p in folder.iterdir():
        if p.suffix == ".png" and f"{ASSETS}/{THUMBS}/{p.name}" not in keep:
            p.unlink(missing_ok=True)
