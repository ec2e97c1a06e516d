"""Print a BRF file as Unicode braille (U+2800 block), one line per braille line, with a rule
between pages: to look at a braille edition without an embosser or a braille display.

    python tools/brf_to_unicode.py dist/braille/treatment-failure.en.brf [--pages 1,2]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from factsheet_pdf.render.braille.brf import to_unicode


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("brf", type=Path)
    p.add_argument("--pages", help="comma-separated page numbers (default: all)")
    args = p.parse_args()
    pages = args.brf.read_bytes().decode("ascii").split("\f")
    wanted = [int(n) for n in args.pages.split(",")] if args.pages else range(1, len(pages) + 1)
    for n in wanted:
        for line in pages[n - 1].split("\r\n")[:-1]:
            print(to_unicode(line).rstrip("\u2800"))
        print(f"{'-' * 36} {n:>3}")


if __name__ == "__main__":
    main()
