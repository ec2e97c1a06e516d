"""A small ctypes binding to liblouis, the braille translator of NVDA, JAWS, BrailleBlaster and
Orca (the C library ``liblouis.so.20``; the PyPI package named ``louis`` is an unrelated
placeholder, and Debian's python3-louis serves only the system Python).

Input: a liblouis table list (``"en-ueb-g2.ctb"``) and text. Output: braille as Unicode braille
cells (U+2800 block, dots 1-8), with the input position of each cell; text back-translated from
cells; whether a table compiles. liblouis's messages are captured with
``lou_registerLogCallback`` (never printed to stderr): :attr:`Louis.messages` holds those of the
last call.

The library is found with ``ctypes.util.find_library("louis")``, else by the name
``liblouis.so.20`` (``FACTSHEET_LIBLOUIS`` names another file; an empty or missing file is
"not installed"). Wide characters are ``lou_charSize()`` bytes: UCS-4 on Debian, UTF-16 in
some builds (a character outside the BMP is then two units). Nothing else here: the braille
renderer (:mod:`.render.braille`) decides which table and what text.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import threading
from collections.abc import Sequence
from functools import cache

LIB_ENV = "FACTSHEET_LIBLOUIS"
"""A liblouis shared library to load instead of the one the system finds."""

INSTALL = "apt-get install liblouis20 liblouis-data, or brew install liblouis"

# translationModes (liblouis.h)
NO_CONTRACTIONS = 1
DOTS_IO = 4
UC_BRL = 64
NO_UNDEFINED = 128
# typeforms (liblouis.h): formtype is an unsigned short
PLAIN = 0
NO_CONTRACT = 0x1000
"""Letters written out, without contractions (web and e-mail addresses)."""

LOG_WARN, LOG_ERROR = 30000, 40000
BRAILLE_ROW = 0x2800

_LogCallback = ctypes.CFUNCTYPE(None, ctypes.c_int, ctypes.c_char_p)


class Missing(Exception):
    """liblouis cannot be loaded (the message says what to install)."""


class Louis:
    """The loaded library. One per process (:func:`load`); calls are serialised."""

    def __init__(self, path: str):
        try:
            lib = ctypes.CDLL(path)
            lib.lou_version.restype = ctypes.c_char_p
            lib.lou_version.argtypes = []
            lib.lou_charSize.restype = ctypes.c_int
            for f in ("lou_translate", "lou_backTranslate"):
                getattr(lib, f).restype = ctypes.c_int
            lib.lou_checkTable.restype = ctypes.c_int
            lib.lou_checkTable.argtypes = [ctypes.c_char_p]
            lib.lou_getTypeformForEmphClass.restype = ctypes.c_ushort
            lib.lou_getTypeformForEmphClass.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
            lib.lou_registerLogCallback.argtypes = [_LogCallback]
            lib.lou_setLogLevel.argtypes = [ctypes.c_int]
        except (OSError, AttributeError) as e:
            raise Missing(f"liblouis cannot be loaded from {path} ({e})") from None
        self.path = path
        self._lib = lib
        self._lock = threading.Lock()
        self.messages: list[tuple[int, str]] = []
        """liblouis's messages (level, text) during the last call."""
        self._callback = _LogCallback(self._log)  # kept: liblouis holds only the pointer
        lib.lou_registerLogCallback(self._callback)
        lib.lou_setLogLevel(LOG_WARN)
        self.version: str = lib.lou_version().decode("ascii", "replace")
        self.char_size: int = lib.lou_charSize()
        if self.char_size not in (2, 4):
            raise Missing(f"liblouis at {path} has a wide-character size of "
                          f"{self.char_size} bytes (2 or 4 expected)")
        self._ctype = ctypes.c_uint16 if self.char_size == 2 else ctypes.c_uint32

    def _log(self, level: int, message: bytes | None) -> None:
        self.messages.append((int(level), (message or b"").decode("utf-8", "replace")))

    # -- wide strings ------------------------------------------------------------------------
    def _to_units(self, text: str) -> tuple[list[int], list[int]]:
        """Code units of ``text`` and, for each unit, the index of its character."""
        if self.char_size == 4:
            return [ord(c) for c in text], list(range(len(text)))
        units: list[int] = []
        owner: list[int] = []
        for i, c in enumerate(text):
            cp = ord(c)
            if cp > 0xFFFF:
                cp -= 0x10000
                units += [0xD800 + (cp >> 10), 0xDC00 + (cp & 0x3FF)]
                owner += [i, i]
            else:
                units.append(cp)
                owner.append(i)
        return units, owner

    def _from_units(self, units: Sequence[int]) -> str:
        if self.char_size == 4:
            return "".join(chr(u) for u in units)
        raw = b"".join(int(u).to_bytes(2, "little") for u in units)
        return raw.decode("utf-16-le", "replace")

    def _call(self, fn, tables: str, text: str, typeform: Sequence[int] | None, mode: int
              ) -> tuple[list[int], list[int]]:
        """Run ``lou_translate`` or ``lou_backTranslate``: (output units, input unit index of
        each output unit); the output buffer grows until every input unit is consumed."""
        units, _ = self._to_units(text)
        n = len(units)
        if n == 0:
            return [], []
        cap = max(64, n * 4)
        while True:
            inbuf = (self._ctype * n)(*units)
            outbuf = (self._ctype * cap)()
            inlen, outlen = ctypes.c_int(n), ctypes.c_int(cap)
            inpos = (ctypes.c_int * cap)()
            tf = None
            if typeform is not None:
                # liblouis writes back into typeform up to the output's length
                tf = (ctypes.c_ushort * max(cap, n))(*typeform)
            ok = fn(tables.encode("utf-8"), inbuf, ctypes.byref(inlen), outbuf,
                    ctypes.byref(outlen), tf, None, None, inpos, None, mode)
            if not ok:
                raise LouisError(tables, self.messages)
            if inlen.value >= n or cap >= n * 64 + 4096:
                m = outlen.value
                return list(outbuf[:m]), list(inpos[:m])
            cap *= 2

    # -- the calls ---------------------------------------------------------------------------
    def translate(self, tables: str, text: str, typeform: Sequence[int] | None = None, *,
                  undefined: bool = False) -> tuple[str, list[int]]:
        """``text`` in braille: Unicode braille cells (U+2800-U+28FF; a blank cell is U+2800)
        and, for each cell, the index of the character of ``text`` it comes from.
        ``typeform``: one value per character (:data:`NO_CONTRACT`...). Characters the table
        does not define are left out, unless ``undefined`` (then liblouis writes their
        ``\\xHHHH`` escape in braille). Raises :class:`LouisError` when the table does not
        compile."""
        units, owner = self._to_units(text)
        if typeform is not None and len(units) != len(text):
            typeform = [typeform[i] for i in owner]
        mode = DOTS_IO | UC_BRL | (0 if undefined else NO_UNDEFINED)
        with self._lock:
            self.messages = []
            out, pos = self._call(self._lib.lou_translate, tables, text, typeform, mode)
        cells = self._from_units(out)
        if self.char_size == 2:
            pos = [owner[p] if 0 <= p < len(owner) else 0 for p in pos]
        return cells, pos

    def back_translate(self, tables: str, cells: str, *, contractions: bool = True) -> str:
        """Unicode braille cells back into text with the same table (what a reader's braille
        display would give). Raises :class:`LouisError` when the table does not compile."""
        with self._lock:
            self.messages = []
            out, _ = self._call(self._lib.lou_backTranslate, tables, cells, None,
                                0 if contractions else NO_CONTRACTIONS)
        return self._from_units(out)

    def emphasis(self, tables: str, name: str) -> int:
        """The typeform bit of the table's emphasis class ``name`` (``italic``, ``bold``,
        ``underline``), 0 when the table has none."""
        with self._lock:
            self.messages = []
            return int(self._lib.lou_getTypeformForEmphClass(tables.encode("utf-8"),
                                                               name.encode("ascii")))

    def check(self, tables: str) -> str | None:
        """None when the table list compiles, else liblouis's reason (its error messages)."""
        with self._lock:
            self.messages = []
            ok = self._lib.lou_checkTable(tables.encode("utf-8"))
            errors = _reasons(self.messages)
        return None if ok else errors


class LouisError(Exception):
    """A liblouis call failed (its table list does not compile)."""

    def __init__(self, tables: str, messages: list[tuple[int, str]]):
        self.tables = tables
        self.reason = _reasons(messages)
        super().__init__(f"braille table {tables!r}: {self.reason}")


def _reasons(messages: list[tuple[int, str]]) -> str:
    """liblouis's error messages, without its tallies ("1 errors found.")."""
    errors = [m.strip() for lvl, m in messages if lvl >= LOG_ERROR
              and not m.rstrip(".").endswith(("errors found", "could not be compiled"))]
    return "; ".join(dict.fromkeys(errors)) or "liblouis cannot compile it"


def library_path() -> str | None:
    """The liblouis file to load: ``$FACTSHEET_LIBLOUIS``, else what the system finds."""
    given = os.environ.get(LIB_ENV)
    if given is not None:
        return given or None
    return ctypes.util.find_library("louis") or "liblouis.so.20"


def load() -> Louis:
    """The process's liblouis; :class:`Missing` (saying what to install) when it cannot be
    loaded."""
    path = library_path()
    if path is None or (os.sep in path and not os.path.isfile(path)):
        raise Missing(f"liblouis is not installed ({INSTALL})")
    return _load(path, os.environ.get(LIB_ENV) is not None)


@cache
def _load(path: str, given: bool) -> Louis:
    try:
        return Louis(path)
    except Missing as e:
        if not given and "cannot be loaded" in str(e):
            raise Missing(f"liblouis is not installed ({INSTALL})") from None
        raise


def available() -> Louis | None:
    """:func:`load`, or None when liblouis is missing."""
    try:
        return load()
    except Missing:
        return None


def cell_dots(cell: str) -> int:
    """The dots of a Unicode braille cell as liblouis numbers them (bit 0 = dot 1)."""
    return ord(cell) - BRAILLE_ROW
