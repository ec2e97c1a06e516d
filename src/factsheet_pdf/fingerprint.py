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
- the options (format, language, variant, paper, ``--draft``), ``SOURCE_DATE_EPOCH`` and the
  versions of factsheet-pdf and of ReportLab (read from the installed distribution's metadata,
  not by importing it);
- for a BRF, liblouis's version and the bytes of the table files the language's table reads
  (:meth:`.braille_setup.BrailleSetup.fingerprint`).

Nothing here imports ReportLab, Babel or fontTools, translates or lays out: a build where
nothing changed costs reading these files and ``manifest.json``. Every file is read once per
build (:class:`Digests`). Paths are hashed relative to the workspace, so the same workspace in
another folder gives the same fingerprints (and the same PDF bytes).

Stat data never stands in for bytes it has not seen. A digest is reused from an earlier
build only while the file's stat data (:func:`stat_key`: size, mtime and ctime in nanoseconds,
inode, device) are those it had when it was hashed, and only if it was hashed when its mtime
and ctime were safely older (:data:`RACY_NS`) than the time of the record (git's racy rule:
an edit within the timestamp granularity could keep the stat data). Restoring an mtime
(``cp -p``, ``rsync -t``, ``tar x``, ``touch -d``) cannot restore the ctime nor the inode, so
such an edit is read. ``--force`` trusts no record (every input is read and parsed again).

Whether the PDF on disk is still the one the manifest lists is checked the same way
(:func:`pdf_matches`): a PDF whose stat data are those recorded for it (in the build cache,
not in the manifest) when its bytes were known to hash to the entry's sha256 is trusted;
any other is hashed, and a PDF whose sha256 is not its entry's (the PDF or the manifest was
changed behind the tool's back: the tool cannot tell which) is rebuilt; one the build does not
select gets its entry made again from the PDF itself, so the manifest's sha256 is corrected
either way. A no-op build hashes no PDF whose stat data have not changed (a PDF landed within
:data:`RACY_NS` of the end of its build, or without a record, is hashed once by the next).
"""

from __future__ import annotations

import hashlib
import os
import stat
import time
from functools import cache
from pathlib import Path

from . import __version__, regular
from .tags import SOURCE_LANG, catalog_folder

SCHEME = "factsheet-fingerprint/1"
"""Bumped when what a fingerprint covers changes (every output then rebuilds once)."""

DOMAIN = "common"


@cache
def versions() -> str:
    """factsheet-pdf's, ReportLab's and its accelerator's versions (the shipped fonts and data
    go with the tool; ReportLab formats a few numbers differently without its accelerator)."""
    return (f"factsheet-pdf {__version__}; reportlab {reportlab_version()}; "
            f"rl_accel {dist_version('rl_accel', '_rl_accel') or 'none'}")


def reportlab_version() -> str:
    """ReportLab's version from its distribution metadata, without importing ReportLab."""
    return dist_version("reportlab") or "?"


def dist_version(dist: str, module: str | None = None) -> str | None:
    """An installed distribution's version from its metadata, without importing it (None: not
    installed).

    The ``METADATA`` file next to the package is read directly: ``importlib.metadata.version``
    gives the same answer but scans every path entry, which costs more (~0.1 s here) than the
    whole rest of a no-op build; it is the fallback.
    """
    import importlib.util

    spec = importlib.util.find_spec(module or dist)
    if spec is None:
        return None
    if spec.origin:
        site = Path(spec.origin).parent
        if spec.submodule_search_locations:  # a package: its folder's parent
            site = site.parent
        for d in sorted(site.glob(f"{dist}-*.dist-info")):
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
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return None


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


RACY_NS = 2_000_000_000
"""A record of a file's stat data is trusted only if the file's mtime and ctime were at least
this much older than the moment the stat data were taken (2 s: FAT's granularity, far above
any other file system's)."""


def stat_key(st: os.stat_result) -> tuple[int, int, int, int, int]:
    """What a record compares, as git does for its index: size, mtime and ctime (ns), inode,
    device."""
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev)


def racy(st: os.stat_result, taken_ns: int) -> bool:
    """The stat data ``st``, taken at ``taken_ns`` (``time.time_ns()`` just before the stat),
    cannot vouch for the bytes: the file was modified or changed within :data:`RACY_NS` of
    the record, so a later edit could leave the same stat data."""
    return max(st.st_mtime_ns, st.st_ctime_ns) >= taken_ns - RACY_NS


class Digests:
    """sha256 of files' bytes, each file read at most once (one instance per build).

    ``known``: digests from earlier builds by absolute path, as ``(stat_key, digest)`` (the
    build keeps them in its cache folder): a file whose stat data are those recorded is not
    read again (``trust=False``, as for ``--force``: every file is read; the records are
    still refreshed). The digest is still of the bytes, so the same files give the same
    fingerprints on every machine. As git does for its index, a file whose mtime or ctime is
    within :data:`RACY_NS` of the moment it was read is not remembered (:func:`racy`).
    """

    def __init__(self, root: Path, known: dict[str, tuple] | None = None, *,
                 trust: bool = True):
        self.root = Path(root)
        self._memo: dict[Path, str] = {}
        self.known = known if known is not None else {}
        self.trust = trust
        self._code: str | None = None

    def file(self, path: Path) -> str:
        """The file's digest, or ``-`` when it does not exist (absence is an input too), or
        ``!<kind>`` for a folder, FIFO, device or socket in its place: that is never opened
        (a FIFO would block the build), and the stage that reads the file reports it."""
        path = Path(path)
        d = self._memo.get(path)
        if d is None:
            key = os.path.abspath(path)
            try:
                taken = time.time_ns()
                st = path.stat()
                hit = self.known.get(key) if self.trust else None
                if not stat.S_ISREG(st.st_mode):
                    self.known.pop(key, None)
                    d = "!" + regular.kind(st.st_mode)
                elif hit is not None and hit[0] == stat_key(st):
                    d = hit[1]
                else:
                    # Stat before reading: an edit after the stat changes the ctime, so the
                    # next build reads the file again.
                    d = regular.sha256_regular(path)
                    if racy(st, taken):
                        self.known.pop(key, None)
                    else:
                        self.known[key] = (stat_key(st), d)
            except (FileNotFoundError, NotADirectoryError):
                self.known.pop(key, None)
                d = "-"
            except regular.NotRegularFile as e:  # swapped for a FIFO since the stat
                self.known.pop(key, None)
                d = "!" + (e.strerror or "")
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


def combine(*parts: object) -> str:
    """One digest of ``parts`` (each as text, NUL-separated)."""
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
                 digests: Digests | None = None, formats: tuple[str, ...] = ("pdf",),
                 braille=None):
        self.root = Path(root)
        self.braille = braille
        """Language -> liblouis's part of a BRF's fingerprint (None: no braille)."""
        self.files = files
        self.xrefs = xrefs
        self.draft = draft
        self.selected = selected
        self.present = present
        self.formats = formats
        self.digests = digests if digests is not None else Digests(self.root)
        self._sheet_lang: dict[tuple[str, str], str] = {}
        self._common: dict[str, str] = {}
        self._base: str | None = None

    # -- the parts -------------------------------------------------------------------------

    def base(self) -> str:
        """What every output depends on: versions, factsheet.toml, the workspace's fonts."""
        if self._base is None:
            d = self.digests
            self._base = combine(SCHEME, versions(), d.code(),
                               d.file(self.root / "factsheet.toml"),
                               d.tree(self.root / "fonts"), f"draft={self.draft}",
                               # the PDFs' dates (metadata.py): set, it replaces the inputs'
                               f"SOURCE_DATE_EPOCH={os.environ.get('SOURCE_DATE_EPOCH', '')}")
        return self._base

    def common(self, tag: str) -> str:
        """The shared strings in ``tag``: the workspace's, then the package's common.po."""
        if tag not in self._common:
            if tag == SOURCE_LANG:
                self._common[tag] = "-"
            else:
                folder = catalog_folder(tag)
                ws_po = self.root / "locales" / folder / "LC_MESSAGES" / f"{DOMAIN}.po"
                self._common[tag] = combine(self.digests.file(ws_po),
                                          self.digests.file(package_common_po(folder)))
        return self._common[tag]

    def sheet_lang(self, sid: str, tag: str) -> str:
        """One sheet in one language: its content file and its catalog for ``tag``."""
        key = (sid, tag)
        if key not in self._sheet_lang:
            d = self.digests
            content = d.file(self.root / self.files[sid])
            cat = "-" if tag == SOURCE_LANG else d.file(
                self.root / "locales" / catalog_folder(tag) / "LC_MESSAGES" / f"{sid}.po")
            self._sheet_lang[key] = combine(self.files[sid], content, cat)
        return self._sheet_lang[key]

    def sibling(self, target: str, tag: str, variant: str, paper: str,
                fmt: str = "pdf") -> str:
        """A cross-referenced sheet: its title's inputs and whether its output in the same
        format is expected."""
        from .formats import output_name

        expected = ((target, tag) in self.selected and fmt in self.formats) or \
            output_name(target, tag, variant, paper or None, fmt) in self.present
        return combine(target, self.sheet_lang(target, tag), self.common(tag), expected)

    # -- one output --------------------------------------------------------------------------

    def output(self, sid: str, tag: str, variant: str, paper: str,
               site_fingerprint: str = "", site_id: str | None = None,
               fmt: str = "pdf") -> str:
        """``paper`` is "" for a format without papers (a web page)."""
        siblings = [self.sibling(t, tag, variant, paper, fmt) for t in self.xrefs.get(sid, [])]
        louis = self.braille(tag) if fmt == "braille" and self.braille is not None else ""
        return combine(self.base(), fmt, sid, tag, variant, paper, site_id or "",
                     site_fingerprint, self.sheet_lang(sid, tag), self.common(tag), *siblings,
                     *([louis] if louis else []))


def sha256_file(path: Path | str) -> str:
    """The sha256 of a regular file (:class:`~.regular.NotRegularFile` for any other)."""
    return regular.sha256_regular(path)


def pdf_matches(path: Path | str, entry: dict, record: tuple | None
                ) -> tuple[bool, tuple | None]:
    """Whether the PDF at ``path`` has the bytes ``entry`` records (``bytes``, ``sha256``),
    and the record to keep for it (None: none).

    ``record``: ``(stat_key, sha256)`` kept by an earlier build, taken (not racily) when the
    file's bytes were known to hash to that sha256. While the stat data and the entry's
    sha256 are those of the record, the PDF is not read; otherwise it is hashed, and a new
    record is returned when it matches and its stat data are not racy.
    """
    sha = entry.get("sha256")
    taken = time.time_ns()
    try:
        st = os.stat(path)
    except OSError:
        return False, None
    if not sha or st.st_size != entry.get("bytes"):
        return False, None
    if record is not None and tuple(record) == (stat_key(st), sha):
        return True, record
    try:
        if sha256_file(path) != sha:
            return False, None
    except OSError:
        return False, None
    return True, (None if racy(st, taken) else (stat_key(st), sha))


def up_to_date(entry: dict | None, fingerprint: str) -> bool:
    """Whether an output's entry allows skipping it: it has this fingerprint and is not stale
    (its PDF's bytes are checked apart: :func:`pdf_matches`)."""
    return (entry is not None and bool(fingerprint) and entry.get("fingerprint") == fingerprint
            and not entry.get("stale"))
