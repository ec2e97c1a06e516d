"""Located YAML reading: a file path -> its bytes and PyYAML node tree, and a reader that
validates nodes into values while collecting located :class:`Diagnostic` values.

PyYAML's ``compose`` keeps every node's line and column. Files are opened without blocking and
must be regular files (a FIFO or a device never hangs the build), and are read up to a limit.
"""

from __future__ import annotations

import difflib
import os
import stat
import unicodedata

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode

from ..errors import Diagnostic, FactsheetError
from ..model import SourceLoc

BIDI_CONTROLS = frozenset("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


class NotRegularFile(OSError):
    """The path names a directory, FIFO, device or socket."""


class TooLarge(OSError):
    """The file is larger than the limit."""


def read_regular(path: str | os.PathLike, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes (OSError otherwise)."""
    # O_NONBLOCK: a FIFO opens without waiting for a writer (POSIX); O_BINARY: no newline
    # translation (Windows). Each is 0 where the platform has no such flag.
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise NotRegularFile(f"{os.fspath(path)} is not a regular file")
        if st.st_size > limit:
            raise TooLarge(st.st_size)
        with os.fdopen(fd, "rb", closefd=False) as f:
            data = f.read(limit + 1)
    finally:
        os.close(fd)
    if len(data) > limit:
        raise TooLarge(len(data))
    return data


def suggest(word: str, choices: tuple[str, ...] | list[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest choice, or an empty string."""
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def compose_file(path: str, what: str, limit: int) -> tuple[bytes, Node | None]:
    """A YAML file's bytes and node tree; one located FactsheetError when unreadable."""
    try:
        data = read_regular(path, limit)
    except NotRegularFile:
        raise FactsheetError(Diagnostic(None, f"{path}: {what} is not a regular file")) from None
    except TooLarge:
        raise FactsheetError(
            Diagnostic(SourceLoc(path, 1, 1), f"{what} is larger than {limit // 1024} KB")
        ) from None
    except OSError as e:
        raise FactsheetError(
            Diagnostic(None, f"{path}: cannot read {what}: {e.strerror}")
        ) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        col = e.start - (data.rfind(b"\n", 0, e.start) + 1) + 1
        raise FactsheetError(
            Diagnostic(SourceLoc(path, line, col), f"not UTF-8 text: {e.reason}")
        ) from None
    try:
        return data, yaml.compose(text)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        loc = SourceLoc(path, mark.line + 1, mark.column + 1) if mark else SourceLoc(path, 1, 1)
        msg = " ".join(filter(None, [e.context, e.problem]))
        raise FactsheetError(Diagnostic(loc, f"invalid YAML: {msg}")) from None
    except yaml.reader.ReaderError as e:  # a control character in the raw text
        pos = e.position
        line = text.count("\n", 0, pos) + 1
        col = pos - (text.rfind("\n", 0, pos) + 1) + 1
        char = e.character if isinstance(e.character, int) else ord(str(e.character)[:1] or " ")
        raise FactsheetError(Diagnostic(
            SourceLoc(path, line, col), f"invalid YAML: control character U+{char:04X}"
        )) from None
    except yaml.YAMLError as e:  # anything else PyYAML raises: never a traceback
        raise FactsheetError(Diagnostic(SourceLoc(path, 1, 1), f"invalid YAML: {e}")) from None


class Reader:
    """Turns nodes into values; every problem becomes a located Diagnostic in ``diags``."""

    def __init__(self, path: str):
        self.path = path
        self.diags: list[Diagnostic] = []
        self.locs: dict[str, SourceLoc] = {}

    def loc(self, node: Node, offset: int = 0) -> SourceLoc:
        m = node.start_mark
        return SourceLoc(self.path, m.line + 1, m.column + 1 + offset)

    def err(self, node: Node, msg: str, offset: int = 0, hint: str | None = None) -> None:
        self.diags.append(Diagnostic(self.loc(node, offset), msg, hint=hint))

    def mapping(self, node: Node, what: str, required: tuple[str, ...], optional=()) -> dict:
        if not isinstance(node, MappingNode):
            self.err(node, f"{what} must be a mapping of keys to values")
            return {}
        allowed = required + tuple(optional)
        out: dict[str, Node] = {}
        for k, v in node.value:
            key = k.value if isinstance(k, ScalarNode) else None
            if key is None:
                self.err(k, f"keys in {what} must be plain names")
            elif key in out:
                self.err(k, f"duplicate key {key!r} in {what}")
            elif key not in allowed:
                self.err(
                    k, f"unknown key {key!r} in {what}{suggest(key, allowed)}",
                    hint="keys: " + ", ".join(allowed),
                )
            else:
                out[key] = v
        for key in required:
            if key not in out:
                self.err(node, f"{what} is missing the required key {key!r}")
        return out

    def text(self, node: Node | None, what: str, lines: bool = False) -> str | None:
        """A scalar as text; whitespace runs collapsed (per line when ``lines``)."""
        if node is None:
            return None
        if not isinstance(node, ScalarNode) or node.tag.endswith(":null"):
            self.err(node, f"{what} must be text")
            return None
        raw = node.value
        for i, c in enumerate(raw):
            if (unicodedata.category(c) == "Cc" and c not in "\t\n") or c in BIDI_CONTROLS:
                self.err(node, f"{what} contains the control character U+{ord(c):04X}",
                         offset=self._offset(node, i))
                return None
        if lines:
            text = "\n".join(" ".join(line.split()) for line in raw.splitlines() if line.strip())
        else:
            text = " ".join(raw.split())
        if not text:
            self.err(node, f"{what} is empty")
            return None
        return text

    @staticmethod
    def _offset(node: ScalarNode, index: int) -> int:
        """Column offset of character ``index`` where it is exact (one-line plain/'quoted')."""
        if node.start_mark.line != node.end_mark.line or node.style not in (None, "'"):
            return 0
        return index + (1 if node.style == "'" else 0)
