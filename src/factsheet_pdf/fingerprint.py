"""Input fingerprints: which outputs a build can skip, from the bytes of their inputs alone.

Input: the workspace, the loaded library (ids, content files, cross-references), the build's
options. Output: one sha256 hex string per output (sheet, language, variant, paper, site),
stored in the manifest entry's ``fingerprint`` field and in the PDF's XMP identity.

An output is a pure function of what its fingerprint covers:

- the sheet's content file and its catalog for the language;
- the shared strings for the language: the workspace's and the package's ``common.po``;
- for each sheet it cross-references: that sheet's content file and catalog for the language
  (its title, and whether it builds) and whether its PDF is expected (selected in this build,
  or already in the folder);
- the workspace's ``fonts/`` files (the shipped fonts are covered by the tool's version);
- the site profile and its logo (:attr:`SiteProfile.fingerprint`), ``factsheet.toml``;
- the options (language, variant, paper, ``--draft``) and the versions of factsheet-pdf and
  of ReportLab (read from the installed distribution's metadata, not by importing it).

Nothing here imports ReportLab, Babel or fontTools, translates or lays out: a build where
nothing changed costs reading these files and ``manifest.json``. Every file is read once per
build (:class:`Digests`). Paths are hashed relative to the workspace, so the same workspace in
another folder gives the same fingerprints (and the same PDF bytes).

Whether the PDF on disk is still the one the manifest lists is checked by size and
modification time (:func:`on_disk_matches`), not by hashing every PDF: hashing 3,600 PDFs would
cost more than the rest of a no-op build. A PDF changed behind the tool's back with the same
size and an mtime no later than its recorded build time is not noticed; ``--force`` rebuilds.
"""

from __future__ import annotations

import hashlib
import os
import time
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from . import __version__
from .tags import catalog_folder

SCHEME = "factsheet-fingerprint/1"
"""Bumped when what a fingerprint covers changes (every output then rebuilds once)."""

DOMAIN = "common"


@cache
def versions() -> str:
    """factsheet-pdf's and ReportLab's versions (the shipped fonts and data go with the tool)."""
    return f"factsheet-pdf {__version__}; reportlab {reportlab_version()}"


def reportlab_version() -> str:
    """ReportLab's version from its distribution metadata, without importing ReportLab.

    The ``METADATA`` file next to the package is read directly: ``importlib.metadata.version``
    gives the same answer but scans every path entry, which costs more (~0.1 s here) than the
    whole rest of a no-op build; it is the fallback.
    """
    import importlib.util

    spec = importlib.util.find_spec("reportlab")
    if spec is not None and spec.origin:
        site = Path(spec.origin).parent.parent
        for d in sorted(site.glob("reportlab-*.dist-info")):
            try:
                for line in (d / "METADATA").read_text(encoding="utf-8").splitlines():
                    if line.startswith("Version:"):
                        return line.split(":", 1)[1].strip()
                    if not line:
                        break
            except OSError:
                continue
    from importlib import metadata

    try:
        return metadata.version("reportlab")
    except metadata.PackageNotFoundError:  # pragma: no cover - ReportLab is a dependency
        return "?"


def package_dir() -> Path:
    """The installed package's folder (its code and ``data/``).

    :mod:`importlib.resources` gives the same folder for a regular install but costs more to
    import than a no-op build's whole work; it remains the fallback (a zip import has no
    folder: :func:`~importlib.resources.as_file` would then be needed, which we do not use).
    """
    import factsheet_pdf

    for entry in getattr(factsheet_pdf, "__path__", []):
        if os.path.isdir(entry):
            return Path(entry)
    from importlib import resources  # pragma: no cover

    return Path(str(resources.files("factsheet_pdf")))


def package_common_po(folder: str) -> Path:
    """The package's common.po for a catalog folder, as :func:`.shared.package_catalog` finds
    it (without importing :mod:`.shared`, which needs PyYAML); it may not exist."""
    return package_dir() / "data" / "locales" / folder / "LC_MESSAGES" / f"{DOMAIN}.po"


class Digests:
    """sha256 of files' bytes, each file read at most once (one instance per build).

    ``known``: digests from earlier builds by absolute path, with the size and mtime (ns) the
    file had (the build keeps them in its cache folder): a file whose size and mtime have not
    changed is not read again. The digest is still of the bytes, so the same files give the
    same fingerprints on every machine. As git does for its index, a file modified less than
    :data:`RACY` seconds before it was read is not remembered (an edit within the file
    system's timestamp granularity could keep its mtime).
    """

    RACY = 2.0

    def __init__(self, root: Path, known: dict[str, tuple[int, int, str]] | None = None):
        self.root = Path(root)
        self._memo: dict[Path, str] = {}
        self.known = known if known is not None else {}
        self._now = time.time()
        self._code: str | None = None

    def file(self, path: Path) -> str:
        """The file's digest, or ``-`` when it does not exist (absence is an input too)."""
        path = Path(path)
        d = self._memo.get(path)
        if d is None:
            try:
                st = path.stat()
                key = os.path.abspath(path)
                hit = self.known.get(key)
                if hit is not None and hit[:2] == (st.st_size, st.st_mtime_ns):
                    d = hit[2]
                else:
                    d = hashlib.sha256(path.read_bytes()).hexdigest()
                    if st.st_mtime < self._now - self.RACY:
                        self.known[key] = (st.st_size, st.st_mtime_ns, d)
                    else:
                        self.known.pop(key, None)
            except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
                d = "-"
            self._memo[path] = d
        return d

    def code(self) -> str:
        """The tool's own code: its Python files and the shared strings' English source. A
        development checkout changes them without a new version number, and an output must
        follow its code (the shipped fonts and common.po files go with the version and the
        language's fingerprint)."""
        if self._code is None:
            base = package_dir()
            h = hashlib.sha256()
            files = sorted(p for p in base.rglob("*.py") if "__pycache__" not in p.parts)
            for p in [*files, base / "data" / "common.yaml"]:
                h.update(p.relative_to(base).as_posix().encode() + b"\0")
                h.update(self.file(p).encode() + b"\0")
            self._code = h.hexdigest()
        return self._code

    def tree(self, folder: Path) -> str:
        """Every file below ``folder`` (names relative to it, and bytes), or ``-``."""
        folder = Path(folder)
        if not folder.is_dir():
            return "-"
        h = hashlib.sha256()
        for top, dirs, files in os.walk(folder):
            dirs.sort()
            for name in sorted(files):
                p = Path(top, name)
                h.update(p.relative_to(folder).as_posix().encode() + b"\0")
                h.update(self.file(p).encode() + b"\0")
        return h.hexdigest()


def _hash(*parts: object) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(str(part).encode("utf-8") + b"\0")
    return h.hexdigest()


class Fingerprints:
    """Fingerprints of one build's outputs.

    ``files``: sheet id -> content file relative to the workspace root; ``xrefs``: sheet id ->
    ids of the sheets it cross-references (in order); ``selected``: the (sheet, language)
    pairs this build makes; ``present``: output file names (``output_name``) the folder's
    manifest lists.
    """

    def __init__(self, root: Path, files: dict[str, str], xrefs: dict[str, list[str]], *,
                 draft: bool, selected: set[tuple[str, str]], present: set[str],
                 digests: Digests | None = None):
        self.root = Path(root)
        self.files = files
        self.xrefs = xrefs
        self.draft = draft
        self.selected = selected
        self.present = present
        self.digests = digests if digests is not None else Digests(self.root)
        self._sheet_lang: dict[tuple[str, str], str] = {}
        self._common: dict[str, str] = {}
        self._base: str | None = None

    # -- the parts -------------------------------------------------------------------------

    def base(self) -> str:
        """What every output depends on: versions, factsheet.toml, the workspace's fonts."""
        if self._base is None:
            d = self.digests
            self._base = _hash(SCHEME, versions(), d.code(),
                               d.file(self.root / "factsheet.toml"),
                               d.tree(self.root / "fonts"), f"draft={self.draft}")
        return self._base

    def common(self, tag: str) -> str:
        """The shared strings in ``tag``: the workspace's, then the package's common.po."""
        if tag not in self._common:
            if tag == "en":
                self._common[tag] = "-"
            else:
                folder = catalog_folder(tag)
                ws_po = self.root / "locales" / folder / "LC_MESSAGES" / f"{DOMAIN}.po"
                self._common[tag] = _hash(self.digests.file(ws_po),
                                          self.digests.file(package_common_po(folder)))
        return self._common[tag]

    def sheet_lang(self, sid: str, tag: str) -> str:
        """One sheet in one language: its content file and its catalog for ``tag``."""
        key = (sid, tag)
        if key not in self._sheet_lang:
            d = self.digests
            content = d.file(self.root / self.files[sid])
            cat = "-" if tag == "en" else d.file(
                self.root / "locales" / catalog_folder(tag) / "LC_MESSAGES" / f"{sid}.po")
            self._sheet_lang[key] = _hash(self.files[sid], content, cat)
        return self._sheet_lang[key]

    def sibling(self, target: str, tag: str, variant: str, paper: str) -> str:
        """A cross-referenced sheet: its title's inputs and whether its PDF is expected."""
        from .write import output_name  # no heavy imports: os, json, filelock

        expected = (target, tag) in self.selected or \
            output_name(target, tag, variant, paper) in self.present
        return _hash(target, self.sheet_lang(target, tag), self.common(tag), expected)

    # -- one output --------------------------------------------------------------------------

    def output(self, sid: str, tag: str, variant: str, paper: str,
               site_fingerprint: str = "", site_id: str | None = None) -> str:
        siblings = [self.sibling(t, tag, variant, paper) for t in self.xrefs.get(sid, [])]
        return _hash(self.base(), sid, tag, variant, paper, site_id or "", site_fingerprint,
                     self.sheet_lang(sid, tag), self.common(tag), *siblings)


def on_disk_matches(path: Path | str, entry: dict) -> bool:
    """The PDF at ``path`` is the one ``entry`` records: same size, not modified after the
    recorded build time (``built``, whole seconds UTC; one second of slack for rounding)."""
    try:
        st = os.stat(path)
    except OSError:
        return False
    if entry.get("bytes") is None or st.st_size != entry["bytes"]:
        return False
    built = entry.get("built")
    try:  # "2026-11-25T12:00:00Z" (no strptime: its import costs more than this build)
        when = datetime(int(built[0:4]), int(built[5:7]), int(built[8:10]), int(built[11:13]),
                        int(built[14:16]), int(built[17:19]), tzinfo=UTC).timestamp()
    except (TypeError, ValueError):
        return False
    return st.st_mtime < when + 2


def up_to_date(out: Path, entry: dict | None, fingerprint: str) -> bool:
    """Whether an output can be skipped: its entry has this fingerprint, is not stale, and
    its PDF is on disk as recorded."""
    return (entry is not None and bool(fingerprint) and entry.get("fingerprint") == fingerprint
            and not entry.get("stale")
            and on_disk_matches(os.path.join(out, *entry["path"].split("/")), entry))
