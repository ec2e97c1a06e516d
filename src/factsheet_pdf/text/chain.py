"""The font fallback chain: which family draws each run of text.

For a run of one script: the families preferred for that script (:data:`SCRIPT_FONTS`; for
Han, the one the language's readers expect: Japanese IPAGothic, Korean NanumGothic, Chinese
WenQuanYi Micro Hei), then, for a script of the document's own language, the document's
family (so a Vietnamese or Russian sheet keeps one face for its letters), then for Latin,
Greek and Cyrillic the variant's families (Noto Sans, Atkinson Hyperlegible), then every
other family of the library. The first family whose faces draw every character of the run
wins; a run no family covers is split character by character, and a character no family draws
is reported (:meth:`FontChain.missing`) — never dropped.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache


from ..fonts import IGNORABLE, FontLibrary
from ..scripts import script

SCRIPT_FONTS: dict[str, tuple[str, ...]] = {
    "Arab": ("noto-naskh-arabic",), "Hebr": ("noto-sans-hebrew",),
    "Deva": ("noto-sans-devanagari",), "Beng": ("noto-sans-bengali",),
    "Guru": ("noto-sans-gurmukhi",), "Ethi": ("noto-sans-ethiopic",),
    "Mymr": ("noto-sans-myanmar",), "Khmr": ("noto-sans-khmer",),
    "Thai": ("noto-sans-thai",), "Laoo": ("noto-sans-lao",),
    "Hang": ("nanum-gothic",),
    "Hani": ("wqy-microhei",), "Hira": ("ipagothic",), "Kana": ("ipagothic",),
    "Bopo": ("wqy-microhei",),
}
"""Families preferred for a script's characters (hand-written: CLDR has no fonts)."""

HAN_BY_LANGUAGE = {"ja": ("ipagothic",), "ko": ("nanum-gothic",)}
"""Han characters take the glyph forms their language's readers expect (not the Chinese
face for Japanese and Korean)."""

SIMPLE_LATIN = ("Latn", "Grek", "Cyrl")


def resolve_scripts(text: str) -> list[str]:
    """Each character's script, Common and Inherited ones taking their neighbour's."""
    raw = [script(c) for c in text]
    out = list(raw)
    last = None
    for i, s in enumerate(raw):
        if s in ("Zyyy", "Zinh", "Zzzz"):
            out[i] = last or ""
        else:
            last = s
    nxt = None
    for i in range(len(out) - 1, -1, -1):
        if out[i]:
            nxt = out[i]
        else:
            out[i] = nxt or "Zyyy"
    return out



def preferred(script: str, lang: str) -> tuple[str, ...]:
    base = lang.split("-")[0]
    if script == "Hani" and base in HAN_BY_LANGUAGE:
        return HAN_BY_LANGUAGE[base]
    if script in ("Hira", "Kana") and base == "ja":
        return ("ipagothic",)
    return SCRIPT_FONTS.get(script, ())


class FontChain:
    """Family choice for one document: its language, its own family, its variant's families."""

    def __init__(self, library: FontLibrary, lang: str, own: str, own_scripts: Sequence[str],
                 variant_fonts: Sequence[str], faces: Sequence[str] = ("regular",)):
        self.lib = library
        self.lang = lang
        self.own = own
        self.own_scripts = frozenset(own_scripts)
        self.variant_fonts = tuple(variant_fonts)
        self.faces = tuple(faces)
        self._order = lru_cache(maxsize=None)(self._order_for)
        self._registered: set[str] = set()
        self.on_register = None
        """Called with each family :meth:`register` registers (the renderer's faux bold)."""

    def register(self, key: str) -> None:
        """Register a fallback family with the PDF renderer's font registry, once."""
        if key not in self._registered:
            self._registered.add(key)
            fam = self.lib.register(key)
            if self.on_register is not None:
                self.on_register(fam)

    def _order_for(self, script: str) -> tuple[str, ...]:
        fams = self.lib.families()
        order = list(preferred(script, self.lang))
        if script in self.own_scripts or script not in SIMPLE_LATIN:
            order.append(self.own)
        if script in SIMPLE_LATIN:
            order += self.variant_fonts
        order += [self.own, *self.variant_fonts, *fams]
        return tuple(k for k in dict.fromkeys(order) if k in fams)

    def _covers(self, key: str, text: str) -> bool:
        covs = [self.lib.coverage(key, f) for f in self.faces]
        return all(ord(c) in cov or ord(c) in IGNORABLE for c in text for cov in covs)

    def covers(self, key: str, text: str) -> bool:
        """Whether family ``key``'s faces draw all of ``text``."""
        return self._covers(key, text)

    def family(self, text: str, script: str) -> str | None:
        """The family drawing all of ``text`` (one script's run), or None."""
        for key in self._order(script):
            if self._covers(key, text):
                return key
        return None

    def split(self, text: str, script: str) -> list[tuple[int, int, str | None]]:
        """``text`` as ``(start, end, family)`` pieces: one piece when a family draws it all,
        else character by character (None: no family draws the character)."""
        key = self.family(text, script)
        if key is not None or not text:
            return [(0, len(text), key)]
        out: list[tuple[int, int, str | None]] = []
        for i, ch in enumerate(text):
            k = self.family(ch, script)
            if out and out[-1][2] == k:
                out[-1] = (out[-1][0], i + 1, k)
            else:
                out.append((i, i + 1, k))
        return out

    def missing(self, text: str, script: str) -> list[str]:
        return [text[a:b] for a, b, k in self.split(text, script) if k is None]

    def undrawable(self, text: str) -> list[str]:
        """The characters of ``text`` (any mix of scripts) that no family of the chain draws,
        each once, in order of appearance."""
        scripts = resolve_scripts(text)
        out: dict[str, None] = {}
        i = 0
        while i < len(text):
            j = i + 1
            while j < len(text) and scripts[j] == scripts[i]:
                j += 1
            for m in self.missing(text[i:j], scripts[i]):
                out.update(dict.fromkeys(m))
            i = j
        return [c for c in out if not c.isspace()]
