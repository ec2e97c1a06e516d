"""Fonts: the shipped TrueType families plus a workspace's own, their coverage, ReportLab setup.

Input: the package data ``factsheet_pdf.fontdata`` (the repository's top-level ``fonts/``,
found with :mod:`importlib.resources`) and, optionally, a workspace's ``fonts/`` folder of
extra or replacement TrueType fonts (``.ttf``, ``.otf`` with TrueType outlines, ``.ttc``).
Output: :class:`Family` values (four faces each: regular, bold, italic, bold italic, falling
back to another face where the family has none: WenQuanYi Micro Hei has one weight), which
characters each face covers, and ReportLab registration for the layout stage.

Coverage is read with fontTools (the ``cmap`` table) and cached by the sha256 of the font
file's bytes, in memory and, when a cache folder is given, on disk as one small JSON per
font: commands that do not lay out pages never import ReportLab. ReportLab is imported only
by :meth:`FontLibrary.register`.

A workspace font joins the family named in its ``name`` table (legacy family, ID 1); its face
comes from the legacy subfamily (ID 2: Regular, Bold, Italic, Bold Italic). A workspace
family with the same name as a shipped one ("Noto Sans") replaces the faces it provides.

U+00AD SOFT HYPHEN (our hyphenation break) is drawn with the hyphen's glyph: many fonts leave
it blank. The text layer keeps U+00AD through the subset's ToUnicode map.
"""

from __future__ import annotations

import copy
import hashlib
import gc
import io
import json
import os
import re
from collections.abc import Iterable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from . import regular
from .errors import Diagnostic, FactsheetError
from .model import SourceLoc
from .write import atomic_write

FACES = ("regular", "bold", "italic", "bold_italic")
FONT_SUFFIXES = (".ttf", ".otf", ".ttc")
IGNORABLE = frozenset({0x0A, 0x0D, 0x200B, 0x2060, 0xFEFF, 0x00AD, 0x200C, 0x200D, 0x200E,
                       0x200F, 0x061C, 0x2066, 0x2067, 0x2068, 0x2069})
"""Characters that need no glyph (line ends, zero-width break opportunities, BOM, soft
hyphen, joiners, bidi marks and isolates: HarfBuzz draws them as nothing)."""


def font_error(path, message: str, hint: str | None = None) -> FactsheetError:
    return FactsheetError(Diagnostic(SourceLoc.file(path), message, hint=hint))


# -- The shipped families: what data cannot give (which file is which face, our short keys) --

@dataclass(frozen=True, slots=True)
class Shipped:
    name: str
    """The family name in the fonts' ``name`` table (a workspace font of that name replaces)."""
    files: tuple[str, str, str, str]
    """Regular, bold, italic, bold italic: paths inside ``factsheet_pdf.fontdata``."""
    has_bold: bool = True


SHIPPED: dict[str, Shipped] = {
    "noto-sans": Shipped("Noto Sans", (
        "noto-sans/NotoSans-Regular.ttf", "noto-sans/NotoSans-Bold.ttf",
        "noto-sans/NotoSans-Italic.ttf", "noto-sans/NotoSans-Bold.ttf")),
    "atkinson": Shipped("Atkinson Hyperlegible", (
        "atkinson-hyperlegible/AtkinsonHyperlegible-Regular.ttf",
        "atkinson-hyperlegible/AtkinsonHyperlegible-Bold.ttf",
        "atkinson-hyperlegible/AtkinsonHyperlegible-Regular.ttf",
        "atkinson-hyperlegible/AtkinsonHyperlegible-Bold.ttf")),
    "wqy-microhei": Shipped("WenQuanYi Micro Hei", ("wqy-microhei/wqy-microhei.ttc",) * 4,
                            has_bold=False),
    **{key: Shipped(name, (f"{key}/{stem}-Regular.ttf", f"{key}/{stem}-Bold.ttf",
                           f"{key}/{stem}-Regular.ttf", f"{key}/{stem}-Bold.ttf"))
       for key, name, stem in (
           ("noto-naskh-arabic", "Noto Naskh Arabic", "NotoNaskhArabic"),
           ("noto-sans-hebrew", "Noto Sans Hebrew", "NotoSansHebrew"),
           ("noto-sans-devanagari", "Noto Sans Devanagari", "NotoSansDevanagari"),
           ("noto-sans-bengali", "Noto Sans Bengali", "NotoSansBengali"),
           ("noto-sans-gurmukhi", "Noto Sans Gurmukhi", "NotoSansGurmukhi"),
           ("noto-sans-ethiopic", "Noto Sans Ethiopic", "NotoSansEthiopic"),
           ("noto-sans-myanmar", "Noto Sans Myanmar", "NotoSansMyanmar"),
           ("noto-sans-khmer", "Noto Sans Khmer", "NotoSansKhmer"),
           ("noto-sans-thai", "Noto Sans Thai", "NotoSansThai"),
           ("noto-sans-lao", "Noto Sans Lao", "NotoSansLao"))},
    "ipagothic": Shipped("IPAGothic", ("ipagothic/ipag.ttf",) * 4, has_bold=False),
    "nanum-gothic": Shipped("NanumGothic", (
        "nanum-gothic/NanumGothic.ttf", "nanum-gothic/NanumGothicBold.ttf",
        "nanum-gothic/NanumGothic.ttf", "nanum-gothic/NanumGothicBold.ttf")),
}

_data_stack = ExitStack()  # keeps as_file() extractions alive for the process (zip installs)


def shipped_font_dir() -> Path:
    """The folder of the shipped fonts (package data ``factsheet_pdf.fontdata``)."""
    root = resources.files("factsheet_pdf.fontdata")
    if isinstance(root, Path):
        return root
    return _data_stack.enter_context(resources.as_file(root))


# -- Reading fonts (fontTools), cached by content hash --

@dataclass(frozen=True, slots=True)
class FontInfo:
    """What fontTools tells about one font (one member of a .ttc)."""

    index: int
    family: str
    subfamily: str
    outlines: str
    """``TrueType``, ``CFF`` or ``none``."""
    embeddable: bool
    cmap: frozenset[int]
    version: str = ""
    """The ``name`` table's version string (ID 5)."""


_by_hash: dict[str, tuple[FontInfo, ...]] = {}
_hash_of: dict[tuple, str] = {}


def _ranges(codes: Iterable[int]) -> list[list[int]]:
    out: list[list[int]] = []
    for c in sorted(codes):
        if out and out[-1][1] == c - 1:
            out[-1][1] = c
        else:
            out.append([c, c])
    return out


def _parse(data: bytes) -> tuple[FontInfo, ...]:
    """Read every font in a file's bytes with fontTools (raises on a broken file)."""
    from fontTools.ttLib import TTCollection, TTFont

    bio = io.BytesIO(data)
    fonts = TTCollection(bio, lazy=True).fonts if data[:4] == b"ttcf" else [TTFont(bio, lazy=True)]
    infos = tuple(_font_info(i, f) for i, f in enumerate(fonts))
    del fonts, bio
    gc.collect()  # fontTools' tables and fonts refer to each other: free them now
    return infos


def _font_info(index: int, f) -> FontInfo:
    # glyphs numbered, not named: the names (the post table, 30,000 strings for a CJK font)
    # are never needed here, only which characters the cmap maps
    f.setGlyphOrder([f"g{g}" for g in range(f["maxp"].numGlyphs)])
    cmap = set(f["cmap"].getBestCmap() or {})
    if 0x2D in cmap:
        cmap.add(0xAD)  # drawn with the hyphen's glyph (see register)
    names = f["name"]
    outlines = ("CFF" if "CFF " in f or "CFF2" in f else "TrueType" if "glyf" in f else "none")
    if outlines == "TrueType":
        check_glyf(f)
    fs_type = f["OS/2"].fsType if "OS/2" in f else 0
    return FontInfo(index, names.getDebugName(1) or "", names.getDebugName(2) or "Regular",
                    outlines, (fs_type & 0x000F) != 0x0002, frozenset(cmap),
                    names.getDebugName(5) or "")


_MORE_COMPONENTS, _ARGS_ARE_WORDS = 0x0020, 0x0001
_HAVE_SCALE, _HAVE_XY_SCALE, _HAVE_2X2 = 0x0008, 0x0040, 0x0080


def check_glyf(font) -> None:
    """Raise ValueError naming the glyph when the ``loca``/``glyf`` tables cannot be read the
    way ReportLab's subsetter reads them: every offset inside ``glyf`` and in order, every
    composite glyph's component records inside the glyph and naming glyphs that exist.

    The raw table bytes are walked (no outline is decompiled: 20,000 glyphs take a few
    milliseconds); a damaged ``glyf`` table otherwise passes the reading of ``cmap`` and
    ``name`` and ends in an ``IndexError`` inside a worker when the PDF's subset is made.
    """
    import struct

    n = font["maxp"].numGlyphs
    long = font["head"].indexToLocFormat == 1
    loca_raw, glyf = font.reader["loca"], font.reader["glyf"]
    count = n + 1
    need = count * (4 if long else 2)
    if len(loca_raw) < need:
        raise ValueError(f"the loca table has {len(loca_raw)} bytes; {n} glyphs need {need}")
    loca = struct.unpack(f">{count}{'I' if long else 'H'}", loca_raw[:need])
    if not long:
        loca = tuple(2 * x for x in loca)
    for gid in range(n):
        start, end = loca[gid], loca[gid + 1]
        if end < start or end > len(glyf):
            raise ValueError(f"glyph {gid}: its data ({start}-{end}) is outside the glyf "
                             f"table ({len(glyf)} bytes)")
        if end - start < 10:
            if end != start:
                raise ValueError(f"glyph {gid}: {end - start} bytes, too short for a glyph")
            continue
        (contours,) = struct.unpack_from(">h", glyf, start)
        if contours >= 0:
            continue
        pos, flags = start + 10, _MORE_COMPONENTS
        while flags & _MORE_COMPONENTS:
            if pos + 4 > end:
                raise ValueError(f"glyph {gid}: a component runs past the glyph's end")
            flags, component = struct.unpack_from(">HH", glyf, pos)
            if component >= n:
                raise ValueError(f"glyph {gid}: a component names glyph {component}, "
                                 f"but the font has {n} glyphs")
            pos += 4 + (4 if flags & _ARGS_ARE_WORDS else 2)
            pos += (2 if flags & _HAVE_SCALE else 4 if flags & _HAVE_XY_SCALE
                    else 8 if flags & _HAVE_2X2 else 0)
        if pos > end:
            raise ValueError(f"glyph {gid}: a component runs past the glyph's end")


def _to_json(infos: tuple[FontInfo, ...]) -> str:
    return json.dumps([dict(index=i.index, family=i.family, subfamily=i.subfamily,
                            outlines=i.outlines, embeddable=i.embeddable,
                            cmap=_ranges(i.cmap), version=i.version) for i in infos])


def _from_json(text: str) -> tuple[FontInfo, ...]:
    return _from_records(json.loads(text))


def _from_records(records: list) -> tuple[FontInfo, ...]:
    """:func:`_to_json`'s records, read back."""
    out = []
    for d in records:
        cmap = frozenset(c for a, b in d["cmap"] for c in range(a, b + 1))
        out.append(FontInfo(d["index"], d["family"], d["subfamily"], d["outlines"],
                            d["embeddable"], cmap, d.get("version", "")))
    return tuple(out)


def font_info(path: Path, cache_dir: Path | None = None, shown: str | None = None
              ) -> tuple[FontInfo, ...]:
    """Every font in the file ``path`` (cached by the sha256 of its bytes).

    Raises a located :class:`FactsheetError` (``<shown>: error: cannot read font: ...``) for a
    missing, unreadable or corrupt file.
    """
    shown = shown or str(path)
    shipped = _shipped_info(path)
    if shipped is not None:
        return shipped
    data = None
    try:
        st = regular.check_regular(path)
        key = (str(path), st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev)
        digest = _hash_of.get(key)
        if digest is None:
            data = regular.read_regular(path)
            digest = _hash_of[key] = hashlib.sha256(data).hexdigest()
    except FileNotFoundError:
        raise font_error(shown, "font file is missing") from None
    except OSError as e:
        raise font_error(shown, f"cannot read font: {e.strerror or e}") from None
    if digest in _by_hash:
        return _by_hash[digest]
    cached = cache_dir / f"font-{digest}.json" if cache_dir else None
    if cached is not None and cached.is_file():
        try:
            infos = _from_json(regular.read_text(cached))
            _by_hash[digest] = infos
            return infos
        except (OSError, ValueError, KeyError, TypeError):
            pass  # a damaged cache entry is rebuilt
    try:
        infos = _parse(data if data is not None else regular.read_regular(path))
    except OSError as e:
        raise font_error(shown, f"cannot read font: {e.strerror or e}") from None
    except Exception as e:  # fontTools raises many kinds of errors for broken files
        detail = str(e) or type(e).__name__
        raise font_error(shown, f"cannot read font: {detail}",
                         hint="replace it with an intact TrueType font file") from None
    _by_hash[digest] = infos
    if cached is not None:
        try:
            cached.parent.mkdir(parents=True, exist_ok=True)  # cache_dir
            atomic_write(cached, _to_json(infos).encode("utf-8"))
        except OSError:
            pass  # the cache is an optimisation only
    return infos


SHIPPED_INFO = "font-info.json"
"""The shipped fonts' :class:`FontInfo`, made by ``tools/font_info.py`` from the files with
:func:`_parse` (tests/test_fonts.py holds them equal): ``{relative path: [size, [info...]]}``.
A build reads it instead of parsing 25 MB of fonts with fontTools (a WenQuanYi parse peaks at
30 MB)."""
_shipped: dict[str, tuple[int, list]] | None = None


def _shipped_info(path: Path) -> tuple[FontInfo, ...] | None:
    """A shipped font's information from :data:`SHIPPED_INFO`, or None (not a shipped file,
    or not the size recorded for it: parsed like any other)."""
    global _shipped
    base = shipped_font_dir()
    try:
        rel = Path(path).relative_to(base).as_posix()
    except ValueError:
        return None
    if _shipped is None:
        try:
            raw = json.loads((base / SHIPPED_INFO).read_text(encoding="utf-8"))
            _shipped = {k: (v[0], v[1]) for k, v in raw.items()}
        except (OSError, ValueError, TypeError, IndexError):
            _shipped = {}
    known = _shipped.get(rel)
    if known is None:
        return None
    key = f"shipped:{rel}"
    if key in _by_hash:
        return _by_hash[key]
    try:
        if Path(path).stat().st_size != known[0]:
            return None
    except OSError:
        return None
    infos = _by_hash[key] = _from_records(known[1])
    return infos


def _same_bytes(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b) or regular.same_contents(a, b)
    except OSError:
        return False


# -- Families --

@dataclass(frozen=True, slots=True)
class Face:
    path: Path
    index: int
    shown: str
    """The path as messages print it (relative to the workspace for workspace fonts)."""


@dataclass(frozen=True, slots=True)
class Family:
    key: str
    """Short name, also the ReportLab family name (faces are ``<key>-regular`` ...)."""
    name: str
    faces: dict[str, Face] = field(hash=False)
    has_bold: bool = True
    origin: str = "shipped"
    """``shipped``, ``workspace`` or ``replaced`` (shipped family with workspace faces)."""

    @property
    def regular(self) -> Face:
        return self.faces["regular"]

    @property
    def bold(self) -> Face:
        return self.faces["bold"]

    @property
    def italic(self) -> Face:
        return self.faces["italic"]

    @property
    def bold_italic(self) -> Face:
        return self.faces["bold_italic"]


def face_name(family: str, face: str) -> str:
    """ReportLab font name of a face: ``noto-sans-bold``."""
    return f"{family}-{face}"


def slug(name: str) -> str:
    """``Noto Sans Ethiopic`` -> ``noto-sans-ethiopic``."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "font"


def _face_of(subfamily: str) -> str:
    s = subfamily.strip().lower()
    bold, italic = "bold" in s, "italic" in s or "oblique" in s
    if bold:
        return "bold_italic" if italic else "bold"
    return "italic" if italic else "regular"


def _fill(found: dict[str, Face]) -> tuple[dict[str, Face], bool]:
    """Four faces from those a family has: italic -> regular, bold italic -> bold -> regular."""
    regular = found.get("regular") or next(iter(found.values()))
    bold = found.get("bold")
    faces = {
        "regular": regular,
        "bold": bold or regular,
        "italic": found.get("italic") or regular,
        "bold_italic": found.get("bold_italic") or bold or regular,
    }
    return faces, bold is not None


class FontLibrary:
    """The shipped families plus those of a workspace's ``fonts/`` folder.

    ``workspace_fonts``: the folder (may be absent); ``cache_dir``: where to keep the coverage
    JSON (None: in memory only); ``display_root``: workspace root, so messages print paths
    relative to it. The folder is scanned on first use, so a command that needs no fonts never
    reads one.
    """

    def __init__(self, workspace_fonts: Path | None = None, cache_dir: Path | None = None,
                 display_root: Path | None = None):
        self.workspace_fonts = workspace_fonts
        self.cache_dir = cache_dir
        self.display_root = display_root
        self._families: dict[str, Family] | None = None
        self._registered: dict[str, Face] = {}

    def _shown(self, path: Path) -> str:
        if self.display_root is not None:
            try:
                return str(path.relative_to(self.display_root))
            except ValueError:
                pass
        return str(path)

    def info(self, face: Face) -> FontInfo:
        infos = font_info(face.path, self.cache_dir, face.shown)
        if face.index >= len(infos):
            raise font_error(face.shown, f"cannot read font: no font number {face.index} "
                                         f"in a collection of {len(infos)}")
        return infos[face.index]

    def families(self) -> dict[str, Family]:
        """Every family by key: shipped ones first (in :data:`SHIPPED` order), then the
        workspace's (by name). Raises FactsheetError listing every unusable workspace font."""
        if self._families is None:
            self._families = self._scan()
        return self._families

    def _scan(self) -> dict[str, Family]:
        base = shipped_font_dir()
        fams: dict[str, Family] = {}
        by_name: dict[str, str] = {}
        for key, s in SHIPPED.items():
            found = {face: Face(base / rel, 0, str(base / rel))
                     for face, rel in zip(FACES, s.files)}
            fams[key] = Family(key, s.name, found, s.has_bold)
            by_name[slug(s.name)] = key
        if self.workspace_fonts is None or not self.workspace_fonts.is_dir():
            return fams
        shipped_files = {rel for s in SHIPPED.values() for rel in s.files}
        problems: list[Diagnostic] = []
        groups: dict[str, tuple[str, dict[str, Face]]] = {}
        files = sorted(p for p in self.workspace_fonts.rglob("*")
                       if p.suffix.lower() in FONT_SUFFIXES and not p.is_dir())
        for path in files:
            shown = self._shown(path)
            if not path.is_file():  # a FIFO, device or socket: refused unopened
                try:
                    regular.check_regular(path)
                except OSError as e:
                    problems.append(Diagnostic(SourceLoc.file(shown),
                                               f"cannot read font: {e.strerror}"))
                continue
            rel = path.relative_to(self.workspace_fonts).as_posix()
            if rel in shipped_files and _same_bytes(path, base / rel):
                continue  # this workspace's fonts/ is the shipped folder (the repository)
            try:
                infos = font_info(path, self.cache_dir, shown)
            except FactsheetError as e:
                problems += e.diagnostics
                continue
            for info in infos:
                if info.outlines != "TrueType":
                    what = ("PostScript (CFF) outlines" if info.outlines == "CFF"
                            else "no glyph outlines")
                    problems.append(Diagnostic(
                        SourceLoc.file(shown), f"font '{info.family}' has {what}, which ReportLab "
                                        "cannot embed",
                        hint="use the TrueType build of the font (.ttf, with glyf outlines)"))
                    continue
                if not info.embeddable:
                    problems.append(Diagnostic(
                        SourceLoc.file(shown), f"font '{info.family}' does not allow embedding "
                                        "(its licence flags, OS/2 fsType, are restricted)"))
                    continue
                name = info.family or path.stem
                _, faces = groups.setdefault(slug(name), (name, {}))
                faces.setdefault(_face_of(info.subfamily), Face(path, info.index, shown))
        if problems:
            raise FactsheetError(problems)
        for sl, (name, found) in groups.items():
            skey = by_name.get(sl)
            if skey is not None:  # replaces faces of a shipped family
                old = fams[skey]
                # keep the shipped faces that are real faces, not fallbacks to another file
                own = SHIPPED[skey].files
                merged = {f: old.faces[f] for i, f in enumerate(FACES)
                          if own[i] not in own[:i]}
                merged.update(found)
                faces, has_bold = _fill(merged)
                fams[skey] = Family(skey, old.name, faces, has_bold, "replaced")
            else:
                faces, has_bold = _fill(found)
                k = sl if sl not in fams else f"workspace-{sl}"
                fams[k] = Family(k, name, faces, has_bold, "workspace")
        return fams

    def family(self, key: str) -> Family:
        fams = self.families()
        if key not in fams:
            raise FactsheetError(Diagnostic(
                None, f"unknown font family {key!r} (known: {', '.join(fams)})"))
        return fams[key]

    def coverage(self, key: str, face: str = "regular") -> frozenset[int]:
        """Code points the face draws with a real glyph (U+00AD included with the hyphen)."""
        return self.info(self.family(key).faces[face]).cmap

    def missing(self, text: str, key: str, faces: Sequence[str] = ("regular",)) -> list[str]:
        """Characters of ``text`` (distinct, in order) that some of the faces cannot draw."""
        covs = [self.coverage(key, f) for f in faces]
        out: list[str] = []
        for ch in dict.fromkeys(text):
            cp = ord(ch)
            if cp not in IGNORABLE and any(cp not in c for c in covs):
                out.append(ch)
        return out

    def choose(self, text: str, preferred: Sequence[str] = (),
               faces: Sequence[str] = ("regular",)) -> tuple[str, list[str]]:
        """The first family (``preferred`` ones first, then the rest in library order) whose
        faces draw every character of ``text``: ``(key, [])``. When none does, the family that
        misses the fewest and the characters it misses."""
        fams = self.families()
        order = [k for k in dict.fromkeys(preferred) if k in fams]
        order += [k for k in fams if k not in order]
        best: tuple[str, list[str]] | None = None
        for key in order:
            miss = self.missing(text, key, faces)
            if not miss:
                return key, []
            if best is None or len(miss) < len(best[1]):
                best = (key, miss)
        assert best is not None
        return best

    def register(self, key: str) -> Family:
        """Register a family's four faces with ReportLab and return it."""
        from reportlab.lib.fonts import addMapping
        from reportlab.pdfbase import pdfmetrics

        fam = self.family(key)
        for face in FACES:
            name = face_name(key, face)
            src = fam.faces[face]
            if _REGISTERED.get(name) != src:
                self.info(src)  # a located error for a broken file, before ReportLab
                pdfmetrics.registerFont(_ttf(src, name))
                _REGISTERED[name] = src
        r, b, i, bi = (face_name(key, f) for f in FACES)
        pdfmetrics.registerFontFamily(key, normal=r, bold=b, italic=i, boldItalic=bi)
        for bold, italic, name in ((0, 0, r), (1, 0, b), (0, 1, i), (1, 1, bi)):
            addMapping(key, bold, italic, name)
        return fam


_REGISTERED: dict[str, Face] = {}
"""ReportLab's font registry is per process: which file each registered name has."""


_PARSED: dict[tuple[str, int], Any] = {}
"""ReportLab's TTFont per font file member, parsed once per process and shared by every face
name that uses it (a CJK family's four faces are one file: ReportLab would parse it four
times, then keep the first; ``registerFont`` maps a face name it knows to that font)."""


def _ttf(src: Face, name: str):
    from reportlab.pdfbase.ttfonts import TTFont

    from . import rlseam

    known = _PARSED.get((str(src.path), src.index))
    if known is not None:
        alias = copy.copy(known)  # shares the parsed face; registerFont keeps the first font
        alias.fontName = name
        return alias
    try:
        font = TTFont(name, str(src.path), subfontIndex=src.index)
    except Exception as e:  # ReportLab raises TTFError and plain errors for broken files
        raise font_error(src.shown, f"cannot read font: {e}") from None
    face = font.face
    rlseam.slim_subsets(face)  # embedded without hinting: half the bytes, the same glyphs
    rlseam.drop_glyph_to_char(face)
    if 0x2D in face.charToGlyph:
        face.charToGlyph[0xAD] = face.charToGlyph[0x2D]
        face.charWidths[0xAD] = face.charWidths[0x2D]
    _PARSED[(str(src.path), src.index)] = font
    return font


# -- The process's library (the CLI configures it once with the workspace's fonts/) --

_library = FontLibrary()


def configure(workspace_fonts: Path | None = None, cache_dir: Path | None = None,
              display_root: Path | None = None) -> FontLibrary:
    """Set (and return) the library the rest of the process uses."""
    global _library
    _library = FontLibrary(workspace_fonts, cache_dir, display_root)
    return _library


def library() -> FontLibrary:
    return _library


def font_versions() -> list[tuple[str, str]]:
    """``(family name, version)`` of every family (regular face), for ``--version --verbose``."""
    out = []
    for fam in _library.families().values():
        info = _library.info(fam.regular)
        out.append((f"{fam.name} ({fam.origin})" if fam.origin != "shipped" else fam.name,
                    info.version.split(";")[0].strip()))
    return out


def register(family_key: str) -> Family:
    """Register a family of the process's library with ReportLab (see :func:`configure`)."""
    return _library.register(family_key)


def coverage(family_key: str, face: str = "regular") -> frozenset[int]:
    return _library.coverage(family_key, face)


def missing_glyphs(text: str, family_key: str, faces: Sequence[str] = ("regular",)) -> list[str]:
    """Characters of ``text`` that some face of the family cannot draw."""
    return _library.missing(text, family_key, faces)
