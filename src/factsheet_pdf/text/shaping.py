"""HarfBuzz shaping (uharfbuzz): one run of one font, direction, script and language.

Input: the run's text (with its paragraph as context), a font file (path, collection index),
direction, ISO 15924 script, BCP 47 language. Output: glyphs in visual order for that run's
direction, each with its glyph id, cluster (index into the paragraph), advance and offsets in
font units; :func:`units_per_em` scales them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import uharfbuzz as hb

from .. import regular

FEATURES = {"kern": True, "liga": True}


@dataclass(frozen=True, slots=True)
class Glyph:
    gid: int
    cluster: int
    """Index (in the paragraph) of the first character of the glyph's cluster."""
    advance: float
    """In font units as shaped; in points once scaled (text.layout)."""
    dx: float
    dy: float


@lru_cache(maxsize=64)
def _face(path: str, index: int) -> hb.Face:
    return hb.Face(hb.Blob(regular.read_regular(path)), index)


@lru_cache(maxsize=64)
def font(path: str, index: int) -> hb.Font:
    return hb.Font(_face(path, index))


def units_per_em(path: str, index: int) -> int:
    return _face(path, index).upem


def nominal_advance(path: str, index: int, gid: int) -> int:
    return font(path, index).get_glyph_h_advance(gid)


_HB_SCRIPT = {"Zyyy": "Zyyy", "Zinh": "Zinh"}


@lru_cache(maxsize=8192)
def shape(context: str, start: int, end: int, path: str, index: int, rtl: bool, script: str,
          lang: str) -> tuple[Glyph, ...]:
    """Shape ``context[start:end]`` (the rest of ``context`` is pre/post context)."""
    buf = hb.Buffer()
    buf.add_codepoints([ord(c) for c in context], start, end - start)
    buf.direction = "rtl" if rtl else "ltr"
    buf.script = _HB_SCRIPT.get(script, script)
    buf.language = lang
    buf.cluster_level = hb.BufferClusterLevel.MONOTONE_CHARACTERS
    hb.shape(font(path, index), buf, FEATURES)
    return tuple(Glyph(i.codepoint, i.cluster, p.x_advance, p.x_offset, p.y_offset)
                 for i, p in zip(buf.glyph_infos, buf.glyph_positions))
