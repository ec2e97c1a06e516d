"""Issue 22: a workspace font whose ``glyf`` table is damaged is one located error, never an
``IndexError`` traceback from a worker.

Copies of a shipped TrueType font are damaged with fontTools' help (it finds the tables and
glyphs; the bytes are then patched, as a bad download or disk would): a composite glyph naming
a glyph the font does not have, a ``glyf`` table cut short (offsets past its end), and bytes
overwritten all through ``glyf``. Cmap and names still read, so only reading the outlines the
way ReportLab's subsetter does finds the damage. Each is built in a child process with two
workers (the path that printed the traceback).
"""

from __future__ import annotations

import io
import os
import re
import struct
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import make_workspace
from fontTools.ttLib import TTFont

import factsheet_pdf
from factsheet_pdf import fonts
from factsheet_pdf.fonts import shipped_font_dir

SRC = os.path.dirname(os.path.dirname(factsheet_pdf.__file__))
FONT = shipped_font_dir() / "noto-sans" / "NotoSans-Regular.ttf"


def _table(data: bytes, tag: bytes) -> tuple[int, int, int]:
    """(directory record offset, table offset, length) of ``tag`` in an sfnt."""
    (count,) = struct.unpack_from(">H", data, 4)
    for i in range(count):
        rec = 12 + 16 * i
        t, _, off, length = struct.unpack_from(">4sIII", data, rec)
        if t == tag:
            return rec, off, length
    raise KeyError(tag)


def bad_component(data: bytes) -> bytes:
    """The first composite glyph's first component names glyph 65535."""
    font = TTFont(io.BytesIO(data))
    glyf, loca = font["glyf"], font["loca"]
    gid = next(i for i, name in enumerate(font.getGlyphOrder()) if glyf[name].isComposite())
    _, off, _ = _table(data, b"glyf")
    out = bytearray(data)
    struct.pack_into(">H", out, off + loca[gid] + 10 + 2, 0xFFFF)
    return bytes(out)


def cut_short(data: bytes) -> bytes:
    """The glyf table's length says half of what loca points into."""
    rec, _, length = _table(data, b"glyf")
    out = bytearray(data)
    struct.pack_into(">I", out, rec + 12, length // 2)
    return bytes(out)


def overwritten(data: bytes) -> bytes:
    """Every 7th byte of glyf set to 0xFF."""
    _, off, length = _table(data, b"glyf")
    out = bytearray(data)
    for i in range(off, off + length, 7):
        out[i] = 0xFF
    return bytes(out)


DAMAGE = {"bad-component": bad_component, "cut-short": cut_short, "overwritten": overwritten}


@pytest.mark.parametrize("kind", sorted(DAMAGE))
def test_check_glyf_names_the_damage(kind):
    data = DAMAGE[kind](FONT.read_bytes())
    with pytest.raises(ValueError, match=r"glyph \d+|loca table"):
        fonts.check_glyf(TTFont(io.BytesIO(data), lazy=True))


def test_intact_fonts_pass():
    for path in sorted(shipped_font_dir().rglob("*.tt[fc]")):
        for i, f in enumerate(fonts._parse(path.read_bytes())):
            assert f.outlines in ("TrueType", "CFF"), (path, i)


@pytest.mark.parametrize("kind", sorted(DAMAGE))
def test_a_damaged_workspace_font_is_one_located_error(tmp_path, kind):
    ws = make_workspace(tmp_path)
    (ws / "fonts").mkdir()
    (ws / "fonts" / "NotoSans-Regular.ttf").write_bytes(DAMAGE[kind](FONT.read_bytes()))
    argv = [sys.executable, "-m", "factsheet_pdf", "build", "--lang", "en,es", "--variant",
            "standard", "--paper", "letter", "--formats", "pdf", "--jobs", "2"]
    p = subprocess.run(argv, cwd=ws, env={**os.environ, "PYTHONPATH": SRC},
                       capture_output=True, text=True, timeout=300)
    assert "Traceback" not in p.stderr and "IndexError" not in p.stderr, p.stderr
    assert p.returncode == 1, p.stderr
    errors = re.findall(r"^.*: error: .*$", p.stderr, re.M)
    assert errors == [errors[0]] and re.match(
        r"fonts/NotoSans-Regular.ttf: error: cannot read font: (glyph \d+|the loca table)",
        errors[0]), p.stderr
    assert "hint: replace it with an intact TrueType font file" in p.stderr
    assert not list((ws / "dist").glob("*.pdf"))
    # check finds it too, once
    p = subprocess.run([sys.executable, "-m", "factsheet_pdf", "check", "--lang", "en"],
                       cwd=ws, env={**os.environ, "PYTHONPATH": SRC}, capture_output=True,
                       text=True, timeout=300)
    assert p.returncode == 1 and p.stderr.count(": error: ") == 1, p.stderr
    assert "fonts/NotoSans-Regular.ttf: error: cannot read font" in p.stderr
