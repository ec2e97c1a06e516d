"""Reading files that must be regular files, without ever blocking on one that is not.

Input: a path. Output: its bytes (:func:`read_regular`) or their sha256 (:func:`sha256_regular`),
or :class:`NotRegularFile` (an ``OSError``) for a folder, FIFO, device or socket in the place of
a file, :class:`TooLarge` past a limit.

Every path the tool reads (content files, catalogs, templates, shared strings, site profiles and
logos, ``factsheet.toml``, fonts, the manifest and its journal, the build cache, the outputs
themselves) goes through here. The path is stat'ed first and a file that is not regular is
refused before it is opened: opening a FIFO for reading waits for a writer forever, and opening
a device can have effects. The file is then opened with ``O_NONBLOCK`` and checked again on the
open descriptor (``fstat``), so a path swapped for a FIFO between the two calls cannot block
either. Nothing here imports anything heavier than the standard library.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from typing import BinaryIO

_FLAGS = (os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
          | getattr(os, "O_CLOEXEC", 0))
"""O_NONBLOCK: a FIFO opens without waiting for a writer (POSIX); O_BINARY: no newline
translation (Windows). Each is 0 where the platform has no such flag."""


class NotRegularFile(OSError):
    """The path names a folder, FIFO, device or socket (``strerror`` says which)."""


class TooLarge(OSError):
    """The file is larger than the limit (``args[0]``: its size, as far as it was read)."""


def kind(mode: int) -> str:
    """What a file that is not regular is, in words."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _refuse(path: str | os.PathLike, mode: int) -> NotRegularFile:
    what = kind(mode)
    text = what if what == "not a regular file" else f"not a regular file ({what})"
    return NotRegularFile(0, text, os.fspath(path))


def check_regular(path: str | os.PathLike) -> os.stat_result:
    """The stat data of ``path`` (following symbolic links), or :class:`NotRegularFile`."""
    st = os.stat(path)
    if not stat.S_ISREG(st.st_mode):
        raise _refuse(path, st.st_mode)
    return st


def open_regular(path: str | os.PathLike) -> int:
    """A read-only descriptor of the regular file ``path`` (the caller closes it)."""
    check_regular(path)
    fd = os.open(path, _FLAGS)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise _refuse(path, st.st_mode)
    except BaseException:
        os.close(fd)
        raise
    return fd


@contextmanager
def reading(path: str | os.PathLike) -> Iterator[BinaryIO]:
    """The regular file ``path`` open for reading (:func:`open_regular`), closed after."""
    with os.fdopen(open_regular(path), "rb") as f:
        yield f


def read_regular(path: str | os.PathLike, limit: int | None = None) -> bytes:
    """The bytes of the regular file ``path`` (of at most ``limit`` bytes, when given)."""
    with reading(path) as f:
        if limit is not None and os.fstat(f.fileno()).st_size > limit:
            raise TooLarge(os.fstat(f.fileno()).st_size)
        data = f.read() if limit is None else f.read(limit + 1)
    if limit is not None and len(data) > limit:
        raise TooLarge(len(data))
    return data


def read_head(path: str | os.PathLike, n: int) -> bytes:
    """The first ``n`` bytes (or fewer) of the regular file ``path``."""
    fd = open_regular(path)
    try:
        return os.read(fd, n)
    finally:
        os.close(fd)


def read_text(path: str | os.PathLike, encoding: str = "utf-8") -> str:
    """:func:`read_regular`, decoded."""
    return read_regular(path).decode(encoding)


def sha256_regular(path: str | os.PathLike) -> str:
    """The sha256 (hex) of the regular file ``path``, read in chunks."""
    h = hashlib.sha256()
    with reading(path) as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def same_contents(a: str | os.PathLike, b: str | os.PathLike, chunk: int = 1 << 16) -> bool:
    """Whether two regular files hold the same bytes, compared a chunk at a time (a
    workspace's copy of a 5 MB shipped font is not read whole, twice, to find it the same)."""
    with reading(a) as x, reading(b) as y:
        if os.fstat(x.fileno()).st_size != os.fstat(y.fileno()).st_size:
            return False
        while True:
            p, q = x.read(chunk), y.read(chunk)
            if p != q:
                return False
            if not p:
                return True
