"""Write fonts/font-info.json: each shipped font file's size and font information (family,
style, outlines, embedding, the characters its cmap maps), read with fontTools by
factsheet_pdf.fonts._parse. A build reads this file instead of parsing the shipped fonts.

Run after adding or replacing a shipped font: ``python tools/font_info.py``;
tests/test_fonts.py fails while the file and the fonts disagree.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from factsheet_pdf import fonts  # noqa: E402


def shipped_info() -> dict:
    base = ROOT / "fonts"
    out = {}
    for rel in sorted({r for s in fonts.SHIPPED.values() for r in s.files}):
        data = (base / rel).read_bytes()
        out[rel] = [len(data), json.loads(fonts._to_json(fonts._parse(data)))]
    return out


def main() -> int:
    path = ROOT / "fonts" / fonts.SHIPPED_INFO
    text = json.dumps(shipped_info(), separators=(",", ":"), sort_keys=True) + "\n"
    path.write_text(text, encoding="utf-8")
    print(f"{path.relative_to(ROOT)}: {len(text):,} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
