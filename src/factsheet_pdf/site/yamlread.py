"""Located YAML reading for site profiles: a file path -> its bytes and PyYAML node tree (the
reading content files use, :mod:`factsheet_pdf.load`), and a reader that validates nodes into
values while collecting located :class:`Diagnostic` values.
"""

from __future__ import annotations

import difflib
import unicodedata

from yaml.nodes import MappingNode, Node, ScalarNode

from ..errors import Diagnostic
from ..model import SourceLoc

BIDI_CONTROLS = frozenset("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def suggest(word: str, choices: tuple[str, ...] | list[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest choice, or an empty string."""
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def compose_file(path: str, what: str, limit: int) -> tuple[bytes, Node | None]:
    """A YAML file's bytes and node tree; one located FactsheetError when unreadable (the same
    reading as content files: :func:`factsheet_pdf.load.compose_input`)."""
    from ..load import compose_input

    return compose_input(path, what, limit)


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
