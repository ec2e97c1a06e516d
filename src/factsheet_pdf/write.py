"""Stage 5, write: PDF bytes -> files in an output folder, and the folder's ``manifest.json``.

Input: the PDFs a build makes (bytes plus the manifest fields the build knows) and the ones
that fail. Output: the folder, where nothing built before is lost.

``with OutputFolder(out) as folder:``

- takes an exclusive lock, ``out/.factsheet.lock`` (``filelock``: flock on POSIX, msvcrt on
  Windows). A second build into the same folder waits for the first to end (a message says so;
  the wait is bounded by ``wait`` seconds, then a one-line error): builds into one folder run one
  after the other, so neither loses the other's entries;
- removes temp files a killed process left (only names starting with :data:`TMP_PREFIX`);
- replays a leftover journal (the last build was killed) and checks every entry against the
  file on disk (sha256); rebuilds a damaged ``manifest.json`` from the identity each PDF carries
  in its XMP (warning once); lists PDFs without an entry from their identity;
- ``land`` writes one PDF atomically and durably (temp file in the same folder, fsync, rename,
  fsync of the folder; mode 0o666 less the umask) and appends one fsync'ed line to
  ``out/.manifest.journal``: the cost of a landing does not grow with the library;
- ``fail`` keeps the previous PDF untouched and marks its entry stale; ``remove`` deletes an
  output (a draft superseded by a final build);
- ``reread`` makes an entry again from its PDF when the build found the PDF's bytes are not
  those the entry records (:func:`.fingerprint.pdf_matches`);
- on exit, also after an exception or an interrupt, compacts the journal into ``manifest.json``
  (atomic write), deletes the journal and releases the lock.

Every OSError becomes one line, ``<path>: error: cannot write: <cause>``.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import secrets
import sys
from collections.abc import Callable
from pathlib import Path

import filelock

from . import manifest as mf
from . import regular
from .errors import Diagnostic, FactsheetError
from .formats import output_name  # noqa: F401  (the one naming rule, re-exported)
from .interrupts import deferred
from .model import SourceLoc

TMP_PREFIX = ".factsheet-tmp-"
ASSETS = "assets"
"""The web pages' shared files (style sheet, fonts, the shelf's thumbnails): not outputs."""
SHELF = "index.html"
LOCK = ".factsheet.lock"
JOURNAL = ".manifest.journal"
MANIFEST = mf.MANIFEST




def cannot(path: Path, exc: OSError, what: str = "write") -> FactsheetError:
    """The one-line error for a file-system fault: ``<path>: error: cannot write: <cause>``."""
    cause = exc.strerror or str(exc) or type(exc).__name__
    return FactsheetError(Diagnostic(SourceLoc.file(path), f"cannot {what}: {cause}"))


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        n = os.write(fd, view)
        view = view[n:]


def fsync_dir(path: Path) -> None:
    """Make a rename in ``path`` durable (POSIX; Windows has no directory handles for this)."""
    if os.name != "posix":
        return
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    except OSError as e:  # some file systems cannot sync a directory
        if e.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EBADF):
            raise
    finally:
        os.close(fd)


def atomic_write(path: Path | str, data: bytes, *, mode: int | None = None) -> None:
    """Write ``data`` to ``path`` atomically and durably: the one writer of every file the tool
    makes (PDFs, ``manifest.json``, catalogs and templates, ``factsheet init``'s files).

    A temp file in the same folder (named :data:`TMP_PREFIX`..., which an output folder's
    opening sweeps away), written, fsync'ed, renamed over ``path`` (``os.replace``), then the
    folder fsync'ed (POSIX; Windows cannot, and a rename there is durable once it returns).
    Mode 0o666 less the umask, as for any new file, or exactly ``mode`` (a file rewritten in
    place keeps its own). Raises OSError naming ``path``, never the temp file; on any failure
    or interrupt the temp file is removed and ``path`` is as it was.
    """
    path = Path(path)
    tmp = path.parent / f"{TMP_PREFIX}{secrets.token_hex(4)}-{path.name}"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    try:
        # the kernel applies the umask to 0o666; an explicit mode is set once the file is ours
        fd = os.open(tmp, flags, 0o666 if mode is None else 0o600)
        try:
            try:
                if mode is not None:
                    if hasattr(os, "fchmod"):
                        os.fchmod(fd, mode)
                    else:  # Windows before Python 3.13
                        os.chmod(tmp, mode)
                _write_all(fd, data)
                os.fsync(fd)
            finally:
                os.close(fd)
            os.replace(tmp, path)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
        fsync_dir(path.parent)
    except OSError as e:
        if e.filename in (str(tmp), tmp):
            e.filename = str(path)
        e.filename2 = None
        raise


def is_output_name(name: str) -> bool:
    """A file name an output of ours can have: ``*.pdf``, ``*.brf``, or ``*.html`` but the
    shelf's."""
    low = name.lower()
    return not name.startswith(".") and (low.endswith((".pdf", ".brf")) or (
        low.endswith(".html") and name != SHELF))


def _check_relpath(relpath: str) -> None:
    parts = relpath.split("/")
    if (not relpath or "\\" in relpath or relpath == MANIFEST
            or any(p in ("", ".", "..") or p.startswith(".") for p in parts)):
        raise ValueError(f"not a plain relative output path: {relpath!r}")


class OutputFolder:
    """An output folder and its manifest, open for one build (see the module docstring)."""

    def __init__(self, out: Path, *, wait: float = 600.0,
                 log: Callable[[str], None] | None = None):
        self.out = Path(out)
        self.wait = wait
        self.log = log or (lambda msg: print(msg, file=sys.stderr))
        self.manifest_path = self.out / MANIFEST
        self.journal_path = self.out / JOURNAL
        self.lock_path = self.out / LOCK
        self.notices: list[Diagnostic] = []  # warnings from opening (a rebuilt manifest)
        self._entries: dict[str, dict] = {}
        self.shard: dict | None = None
        """A shard build's record of its share (:mod:`.shards`), written into the manifest."""
        self._lock: filelock.BaseFileLock | None = None
        self._jfd: int | None = None
        self._torn = False

    # -- opening -------------------------------------------------------------------------

    def __enter__(self) -> OutputFolder:
        out = self.out
        try:
            if os.path.lexists(out) and not out.is_dir():
                raise FactsheetError(Diagnostic(SourceLoc.file(out), "cannot write: not a folder"))
            out.mkdir(parents=True, exist_ok=True)
        except (FileExistsError, NotADirectoryError):
            raise FactsheetError(Diagnostic(
                SourceLoc.file(out), "cannot write: a file is in the way of this folder")) from None
        except OSError as e:
            raise cannot(out, e) from None
        if self.manifest_path.is_dir():
            raise FactsheetError(Diagnostic(
                SourceLoc.file(self.manifest_path), "cannot write: is a folder, not a file"))
        self._acquire()
        try:
            self._open()
        except BaseException:
            self._release()
            raise
        return self

    def _acquire(self) -> None:
        lock = filelock.FileLock(str(self.lock_path))
        try:
            try:
                lock.acquire(timeout=0)
            except filelock.Timeout:
                self.log(f"{self.out}: waiting for another build into this folder to end "
                         f"(at most {self.wait:.0f} s)")
                lock.acquire(timeout=self.wait)
        except filelock.Timeout:
            raise FactsheetError(Diagnostic(
                SourceLoc.file(self.out), "another build is still writing into this folder "
                      f"(lock {self.lock_path}); build again when it has ended, or into "
                      f"another --out")) from None
        except OSError as e:  # the first file we create: name the folder, with the cause
            raise cannot(self.out, e) from None
        self._lock = lock

    def _release(self) -> None:
        if self._jfd is not None:
            try:
                os.close(self._jfd)
            except OSError:
                pass
            self._jfd = None
        if self._lock is not None:
            try:
                self._lock.release()
            except OSError:
                pass
            self._lock = None

    def _open(self) -> None:
        for tmp in self._walk(temps=True):
            try:
                (self.out / tmp).unlink()
            except FileNotFoundError:
                pass
            except OSError as e:
                raise cannot(self.out / tmp, e, "remove") from None
        damaged = None
        try:
            self._entries = mf.parse(regular.read_regular(self.manifest_path))
        except FileNotFoundError:
            self._entries = {}
        except mf.DamagedManifest as e:
            damaged, self._entries = str(e), {}
        except OSError as e:
            raise cannot(self.manifest_path, e, "read") from None
        unclean = False
        try:
            leftover = regular.read_regular(self.journal_path)
            unclean = True
            mf.replay(leftover, self._entries)
        except FileNotFoundError:
            pass
        except OSError as e:
            raise cannot(self.journal_path, e, "read") from None
        changed = self._reconcile(verify=unclean)
        if damaged is not None:
            msg = (f"{MANIFEST} was damaged ({damaged}); rebuilt from the "
                   f"{len(self._entries)} PDF(s) in the folder")
            d = Diagnostic(SourceLoc.file(self.manifest_path), msg, severity="warning")
            self.notices.append(d)
            self.log(str(d))
        if changed or unclean or damaged is not None:
            self._write_manifest()
        if unclean:
            self._unlink_journal()
        flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_BINARY", 0)
        try:
            self._jfd = os.open(self.journal_path, flags, 0o666)
            fsync_dir(self.out)
        except OSError as e:
            raise cannot(self.journal_path, e) from None

    def _walk(self, temps: bool = False):
        """Relative paths ('/' separators) of our outputs (PDFs and web pages, not the shelf's
        ``index.html`` nor ``assets/``), or of our temp files, under ``out``."""
        for top, dirs, files in os.walk(self.out):
            rel = Path(top).relative_to(self.out).as_posix()
            dirs[:] = sorted(d for d in dirs if not d.startswith(".")
                             and not (rel == "." and d == ASSETS))
            prefix = "" if rel == "." else rel + "/"
            for name in sorted(files):
                if temps:
                    if name.startswith(TMP_PREFIX):
                        yield prefix + name
                elif is_output_name(name) and os.path.isfile(os.path.join(top, name)):
                    yield prefix + name  # a FIFO or device named like an output is not one

    def _reconcile(self, verify: bool) -> bool:
        """Entries == PDFs on disk: drop the gone, recover the unlisted, re-read the changed
        (by size, or by sha256 when ``verify``). Returns whether anything changed."""
        changed = False
        on_disk = set(self._walk())
        for rel in list(self._entries):
            if rel not in on_disk:
                del self._entries[rel]
                changed = True
        for rel in sorted(on_disk):
            e = self._entries.get(rel)
            path = self.out / rel
            try:
                if e is not None:
                    size = path.stat().st_size
                    if size == e["bytes"] and not verify:
                        continue
                    if size == e["bytes"] and _sha256(path) == e["sha256"]:
                        continue
                fresh = mf.entry_from_file(self.out, rel)
            except OSError as exc:
                raise cannot(path, exc, "read") from None
            # Unlisted, or replaced by a landing that was killed before its journal line:
            # what the PDF says about itself wins.
            self._entries[rel] = fresh
            changed = True
        return changed

    # -- the build's operations -----------------------------------------------------------

    def land(self, relpath: str, data: bytes, entry: dict) -> dict:
        """Write one PDF and record it; returns its manifest entry.

        ``entry`` holds the fields the build knows: sheet, lang, variant, paper, site, draft,
        fingerprint, pages, warnings. A FactsheetError (one line) if the file cannot be written;
        the previous PDF at ``relpath`` is then unchanged.
        """
        _check_relpath(relpath)
        unknown = set(entry) - mf.META_FIELDS
        if unknown:
            raise ValueError(f"not manifest fields: {sorted(unknown)}")
        path = self.out / relpath
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise cannot(path.parent, e) from None
        with deferred():  # a signal now is raised after the PDF and its record are down
            try:
                atomic_write(path, data)
            except OSError as e:
                raise cannot(path, e) from None
            landed = mf.normalize({**entry, "path": relpath, "bytes": len(data),
                                   "sha256": hashlib.sha256(data).hexdigest(),
                                   "built": mf.utc_now(), "stale": None})
            self._entries[relpath] = landed
            self._append(mf.record("land", entry=landed))
        return dict(landed)

    def fail(self, relpath: str, reason: str) -> bool:
        """The output at ``relpath`` failed: keep its previous PDF and mark its entry stale.

        Returns whether a previous good PDF exists (and is kept).
        """
        _check_relpath(relpath)
        path = self.out / relpath
        if not path.is_file():
            return False
        with deferred():
            if relpath not in self._entries:
                try:
                    self._entries[relpath] = mf.entry_from_file(self.out, relpath)
                except OSError as e:
                    raise cannot(path, e, "read") from None
                self._append(mf.record("land", entry=self._entries[relpath]))
            rec = {"op": "stale", "path": relpath, "reason": reason, "since": mf.utc_now()}
            mf.apply(self._entries, rec)
            self._append(mf.record(**rec))
        return True

    def reread(self, relpath: str) -> dict | None:
        """The PDF at ``relpath`` does not have the bytes its entry records (the PDF or the
        entry was changed behind the tool's back): its entry is made again from the PDF
        itself, as at opening (what the PDF says about itself wins; a stale mark is kept).
        The build then rebuilds it when it selects it. Returns the new entry (None: the PDF
        is gone, and so is its entry)."""
        _check_relpath(relpath)
        path = self.out / relpath
        with deferred():
            try:
                fresh = mf.entry_from_file(self.out, relpath)
            except FileNotFoundError:
                self._entries.pop(relpath, None)
                self._append(mf.record("remove", path=relpath))
                return None
            except OSError as e:
                raise cannot(path, e, "read") from None
            old = self._entries.get(relpath)
            if old is not None and old.get("stale"):
                fresh["stale"] = old["stale"]
            self._entries[relpath] = fresh
            self._append(mf.record("land", entry=fresh))
        return dict(fresh)

    def remove(self, relpath: str) -> None:
        """Delete an output and its entry (a draft superseded by a final build)."""
        _check_relpath(relpath)
        path = self.out / relpath
        with deferred():
            try:
                path.unlink(missing_ok=True)
            except OSError as e:
                raise cannot(path, e, "remove") from None
            if path.parent != self.out:
                try:
                    path.parent.rmdir()  # only when empty
                except OSError:
                    pass
            self._entries.pop(relpath, None)
            self._append(mf.record("remove", path=relpath))

    def entries(self) -> dict[str, dict]:
        """Every entry by path (copies), as the manifest will list them."""
        return {k: json.loads(json.dumps(v)) for k, v in self._entries.items()}

    def get(self, relpath: str) -> dict | None:
        e = self._entries.get(relpath)
        return None if e is None else json.loads(json.dumps(e))

    def stale(self) -> list[dict]:
        """The entries marked stale, by path (for the build's summary)."""
        return [json.loads(json.dumps(self._entries[k])) for k in sorted(self._entries)
                if self._entries[k]["stale"]]

    # -- journal and compaction -----------------------------------------------------------

    def _append(self, line: bytes) -> None:
        if self._jfd is None:
            raise RuntimeError("OutputFolder is not open")
        try:
            _write_all(self._jfd, (b"\n" if self._torn else b"") + line)
            self._torn = False
            os.fsync(self._jfd)
        except OSError as e:
            self._torn = True
            raise cannot(self.journal_path, e) from None

    def _write_manifest(self) -> None:
        try:
            atomic_write(self.manifest_path, mf.dump(self._entries, self.shard))
        except OSError as e:
            raise cannot(self.manifest_path, e) from None

    def _unlink_journal(self) -> None:
        try:
            self.journal_path.unlink(missing_ok=True)
            fsync_dir(self.out)
        except OSError as e:
            raise cannot(self.journal_path, e, "remove") from None

    def close(self) -> None:
        """Compact the journal into ``manifest.json`` and release the folder."""
        if self._lock is None:
            return
        try:
            with deferred():
                if self._jfd is not None:
                    os.close(self._jfd)
                    self._jfd = None
                self._reconcile(verify=False)
                self._write_manifest()
                self._unlink_journal()
        finally:
            self._release()

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            self.close()
        except FactsheetError as e:
            if exc_type is None:
                raise
            self.log(str(e))  # do not hide the exception that is unwinding the build


def _sha256(path: Path) -> str:
    return regular.sha256_regular(path)
