"""ICU, behind three functions: line-break opportunities, bidi levels, a line's visual runs.

ICU comes from the PyPI wheel ``pyicu-wheels`` (imports as ``icu``), a dependency on Linux and
Windows; elsewhere it is the extra ``factsheet-pdf[icu]`` (or PyICU built against the system's
ICU). Without it, every Latin, Cyrillic, Greek and CJK sheet builds as before; a paragraph that
needs ICU (right to left, complex shaping, dictionary breaking) is one clear error naming the
extra (:func:`require`).

ICU counts UTF-16 code units; every function here takes and returns Python string indices.
"""

from __future__ import annotations

from functools import cache, lru_cache

from ..errors import Diagnostic, FactsheetError

INSTALL_HINT = ("install ICU for Python: pip install 'factsheet-pdf[icu]' (the pyicu-wheels "
                "wheel), or PyICU built against your system's ICU")

# Japanese line-breaking rules (JIS X 4051 "gyoto kinsoku"): these never start a line.
# ICU's default (normal) strictness allows small kana and the prolonged sound mark at a line
# start; Japanese typesetting does not.
JA_NO_START = frozenset(
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿｧｨｩｪｫｯｬｭｮ"
    "ーｰ々〻ゝゞヽヾ・：；、。，．）」』】〕〉》〙〗！？‼⁇⁈⁉")


@cache
def _icu():
    try:
        import icu
    except ImportError:
        return None
    return icu


def available() -> bool:
    return _icu() is not None


def require(what: str) -> None:
    """Raise one FactsheetError (naming the extra) when ICU is not installed."""
    if _icu() is None:
        raise FactsheetError(Diagnostic(None, f"{what} needs ICU, which is not installed",
                                        hint=INSTALL_HINT))


def _u16_map(text: str) -> list[int] | None:
    """UTF-16 offset -> Python index, or None when they are the same (no astral characters)."""
    if all(ord(c) < 0x10000 for c in text):
        return None
    out = []
    for i, c in enumerate(text):
        out.append(i)
        if ord(c) >= 0x10000:
            out.append(i)
    out.append(len(text))
    return out


@lru_cache(maxsize=2048)
def line_breaks(text: str, lang: str) -> tuple[int, ...]:
    """Indices where a line may start (UAX #14, ICU's dictionaries for th, lo, km, my), in
    order, ``len(text)`` last; Japanese rules applied for ``ja``."""
    icu = _icu()
    require("line breaking")
    base = lang.split("-")[0]
    bi = icu.BreakIterator.createLineInstance(icu.Locale(base))
    bi.setText(text)
    m = _u16_map(text)
    out = []
    for b in bi:
        i = m[b] if m else b
        if base == "ja" and i < len(text) and text[i] in JA_NO_START:
            continue
        out.append(i)
    if not out or out[-1] != len(text):
        out.append(len(text))
    return tuple(out)


class Paragraph:
    """One paragraph's bidi resolution (``setPara``), for its lines (``setLine``)."""

    def __init__(self, text: str, rtl: bool):
        icu = _icu()
        require("right-to-left text")
        self.text = text
        self._m = _u16_map(text)
        self._bidi = icu.Bidi()
        self._u = icu.UnicodeString(text)  # ICU keeps a pointer to it: keep it alive
        self._bidi.setPara(self._u, 1 if rtl else 0)
        levels = self._bidi.getLevels()
        if self._m:
            # one level per Python character (the first code unit's)
            seen, lv = set(), []
            for u, i in enumerate(self._m[:-1]):
                if i not in seen:
                    seen.add(i)
                    lv.append(levels[u])
            levels = lv
        self.levels: tuple[int, ...] = tuple(levels)

    def _u16(self, i: int) -> int:
        return self._m.index(i) if self._m else i

    def visual_runs(self, start: int, end: int) -> list[tuple[int, int, bool]]:
        """The line ``text[start:end]`` as runs in display order (left to right):
        ``(start, end, rtl)`` in Python indices (trailing spaces at the paragraph level)."""
        if end <= start:
            return []
        line = self._bidi.setLine(self._u16(start), self._u16(end))
        out = []
        for k in range(line.countRuns()):
            s, n, d = line.getVisualRun(k)
            a, b = self._u16(start) + s, self._u16(start) + s + n
            if self._m:
                a, b = self._m[a], self._m[b]
            out.append((a, b, bool(d)))
        return out
