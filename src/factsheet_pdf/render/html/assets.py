"""The assets folder of an output folder: ``assets/factsheet.css`` and the WOFF2 font subsets.

Input: the web pages an output folder lists (its manifest's ``html`` entries) and the font
library (shipped fonts and the workspace's ``fonts/``). Output: ``<out>/assets/`` with the style
sheet (:mod:`.style`), ``large-print.css``, and for each font family a page uses one WOFF2
file per real face (regular, bold, italic where the family has them), subset (fontTools with
brotli) to the characters of every page set in it. Pages in ``drafts/`` and in a clinic's
folder use the same files (``../assets/``): they are written once per output folder.

A page names its family in the class of its ``<html>`` element (``f-noto-sans``); its text is
read back from the page itself, so the subsets always match the pages on disk, whichever build
wrote them. The files are rewritten only when the pages or the fonts changed: the style sheet's
first line records a digest of both (:func:`digest`), and a no-op build reads nothing else;
each font file is cut again only when its own family's characters or font changed (the style
sheet records what each was cut for, :func:`subset_key`), so a Spanish edit does not re-cut the
Chinese, Arabic or Devanagari subsets (fontTools' subsetter is the slowest step of a build).
Same pages, same bytes (a rebuild is byte-identical).
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Iterable
from html.parser import HTMLParser
from pathlib import Path

from ... import regular
from ...write import atomic_write
from . import style

ASSETS = "assets"
FONTS = "fonts"
CSS = "factsheet.css"
EXTRA = "\u00a0\u00ad\u2022\u2013\u2014\u2019\u201c\u201d" + "".join(
    chr(c) for c in range(0x20, 0x7F))
"""Characters every subset keeps: ASCII (list numbers, the style sheet's own), no-break space,
soft hyphen, bullets, dashes and quotes."""
FACE_STYLE = {"regular": (400, "normal"), "bold": (700, "normal"), "italic": (400, "italic"),
              "bold_italic": (700, "italic")}
_FILE = re.compile(r"[a-z0-9-]+-(regular|bold|italic|bold_italic)\.woff2\Z")


def digest(base: str, pages: Iterable[tuple[str, str]]) -> str:
    """What the assets are made of: ``base`` (the tool's code and the workspace's fonts) and
    each page's (path, sha256)."""
    h = hashlib.sha256(f"assets/1\0{base}\0".encode())
    for path, sha in sorted(pages):
        h.update(f"{path}\0{sha}\0".encode())
    return h.hexdigest()


def current(out: Path, want: str) -> bool:
    """The assets in ``out`` were made for ``want`` and are all there."""
    css = out / ASSETS / CSS
    try:
        text = regular.read_regular(css).decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    if text.split("\n", 1)[0].strip() != f"/* factsheet-assets {want} */":
        return False
    names = re.findall(r'url\("fonts/([^"]+)"\)', text)
    return all((out / ASSETS / FONTS / n).is_file() for n in names) and \
        (out / ASSETS / "large-print.css").is_file()


class _Text(HTMLParser):
    """A page's font family (the class of ``<html>``) and every character it shows."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.family: str | None = None
        self.chars: set[str] = set()
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "html":
            for cls in (a.get("class") or "").split():
                if cls.startswith("f-"):
                    self.family = cls[2:]
        if tag in ("style", "script"):
            self._skip += 1
        if tag == "img" and a.get("alt"):
            self.chars.update(a["alt"] or "")  # shown where the image cannot be

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.chars.update(data)


def page_text(data: bytes) -> tuple[str | None, set[str]]:
    p = _Text()
    p.feed(data.decode("utf-8", "replace"))
    p.close()
    return p.family, p.chars


def subset(path: Path, index: int, chars: Iterable[str]) -> bytes:
    """The font at ``path`` (member ``index`` of a collection) cut to ``chars``, as WOFF2."""
    import logging

    from fontTools import subset as ftsubset
    from fontTools.ttLib import TTFont

    logging.getLogger("fontTools.subset").setLevel(logging.ERROR)  # "FFTM NOT subset": fine

    opts = ftsubset.Options()
    opts.flavor = "woff2"
    opts.layout_features = ["*"]
    opts.name_IDs = ["*"]  # keep the copyright and licence records (SIL OFL, Apache 2.0)
    opts.name_languages = ["*"]
    opts.hinting = False
    opts.desubroutinize = True
    opts.notdef_outline = True
    # lazy: tables the subsetter never touches are not decoded (the same bytes, half the time)
    font = TTFont(str(path), fontNumber=index, lazy=None, recalcTimestamp=False)
    sub = ftsubset.Subsetter(opts)
    sub.populate(unicodes={ord(c) for c in chars})
    sub.subset(font)
    buf = io.BytesIO()
    font.flavor = "woff2"
    font.save(buf, reorderTables=False)
    return buf.getvalue()


_SUBSET = re.compile(r"/\* subset ([a-z0-9_.-]+) ([0-9a-f]{64}) \*/")


def subset_key(path: Path, index: int, chars: Iterable[str]) -> str:
    """What a subset is made of: the font file's bytes, its member and the characters."""
    h = hashlib.sha256(b"subset/1\0")
    h.update(regular.sha256_regular(path).encode())
    h.update(f"\0{index}\0".encode())
    h.update("".join(sorted(set(chars))).encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def _made(base: Path) -> dict[str, str]:
    """The subsets the folder's style sheet says its font files were cut for: name -> key."""
    try:
        return dict(_SUBSET.findall(regular.read_regular(base / CSS).decode("utf-8")))
    except (OSError, UnicodeDecodeError):
        return {}


def _write_if_changed(path: Path, data: bytes) -> bool:
    try:
        if regular.read_regular(path) == data:
            return False
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, data)
    return True


def write_assets(out: Path, pages: dict[str, bytes], want: str) -> list[str]:
    """Make ``out/assets/`` for ``pages`` (path relative to ``out`` -> the page's bytes);
    ``want``: their :func:`digest`. Returns the files written (relative to ``out``)."""
    from ... import fonts

    lib = fonts.library()
    by_family: dict[str, set[str]] = {}
    for data in pages.values():
        family, chars = page_text(data)
        if family is not None:
            by_family.setdefault(family, set(EXTRA)).update(chars)
    written: list[str] = []
    faces_css, families_css, keep = [], [], set()
    base = out / ASSETS
    made = _made(base)
    for key in sorted(by_family):
        try:
            fam = lib.family(key)
        except Exception:  # a family no longer in the library: the page falls back to sans-serif
            continue
        css_family = f"fs-{key}"
        seen: set[tuple[str, int]] = set()
        for face in ("regular", "bold", "italic", "bold_italic"):
            f = fam.faces[face]
            if (str(f.path), f.index) in seen:
                continue  # a fallback to another face: the browser synthesises it
            seen.add((str(f.path), f.index))
            name = f"{key}-{face}.woff2"
            keep.add(name)
            cut = subset_key(f.path, f.index, by_family[key])
            if made.get(name) != cut or not (base / FONTS / name).is_file():
                # cut again only when the family's characters or its font changed (another
                # language's page changing leaves this family's subset as it is)
                if _write_if_changed(base / FONTS / name, subset(f.path, f.index,
                                                                 by_family[key])):
                    written.append(f"{ASSETS}/{FONTS}/{name}")
            weight, fstyle = FACE_STYLE[face]
            faces_css.append(f"/* subset {name} {cut} */\n"
                             + style.face_rule(css_family, f"{FONTS}/{name}", weight, fstyle))
        families_css.append(style.family_rule(key, css_family))
    for name, text in ((CSS, style.stylesheet("".join(faces_css), "".join(families_css), want)),
                       ("large-print.css", style.LARGE_PRINT)):
        if _write_if_changed(base / name, text.encode("utf-8")):
            written.append(f"{ASSETS}/{name}")
    if (base / FONTS).is_dir():
        for p in sorted((base / FONTS).iterdir()):
            if _FILE.match(p.name) and p.name not in keep:
                p.unlink(missing_ok=True)
    return written
