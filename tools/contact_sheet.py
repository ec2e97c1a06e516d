"""Draw docs/first-pages.png (or docs/last-pages.png): the first (or last) page of every shipped
PDF, side by side (a contact sheet).

    factsheet build --out dist && python tools/contact_sheet.py dist docs/first-pages.png
    python tools/contact_sheet.py dist docs/last-pages.png last

Needs poppler's pdftoppm; Pillow comes with ReportLab.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image, ImageDraw

from factsheet_pdf.languages import SHIPPED_LANGUAGES
from factsheet_pdf.variants import PAPER_NAMES, VARIANT_NAMES

LANGS = list(SHIPPED_LANGUAGES)
COLUMNS = [(v, p) for v in VARIANT_NAMES for p in PAPER_NAMES]


def _pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True,
                          text=True).stdout
    return int(next(ln.split()[1] for ln in info.splitlines() if ln.startswith("Pages:")))


def main(dist: Path, out: Path, sheet: str = "treatment-failure", dpi: int = 24,
         which: str = "first") -> None:
    thumbs = {}
    with tempfile.TemporaryDirectory() as tmp:
        for lang in LANGS:
            for variant, paper in COLUMNS:
                pdf = dist / f"{sheet}.{lang}.{variant}.{paper}.pdf"
                stem = Path(tmp) / f"{lang}-{variant}-{paper}"
                n = str(_pages(pdf) if which == "last" else 1)
                subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-f", n, "-l", n,
                                "-singlefile", str(pdf), str(stem)], check=True)
                thumbs[(lang, variant, paper)] = Image.open(f"{stem}.png").convert("RGB")
        w = max(t.width for t in thumbs.values())
        h = max(t.height for t in thumbs.values())
        pad, label = 6, 14
        sheet_img = Image.new("RGB", (len(COLUMNS) * (w + pad) + pad,
                                      len(LANGS) * (h + pad + label) + pad), "white")
        draw = ImageDraw.Draw(sheet_img)
        for r, lang in enumerate(LANGS):
            for c, (variant, paper) in enumerate(COLUMNS):
                x, y = pad + c * (w + pad), pad + r * (h + pad + label)
                draw.text((x, y), f"{lang} {variant} {paper}", fill="black")
                img = thumbs[(lang, variant, paper)]
                sheet_img.paste(img, (x, y + label))
                draw.rectangle([x, y + label, x + img.width - 1, y + label + img.height - 1],
                               outline="#999999")
    out.parent.mkdir(parents=True, exist_ok=True)
    sheet_img.quantize(colors=64).save(out, optimize=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), which=sys.argv[3] if len(sys.argv) > 3 else "first")
