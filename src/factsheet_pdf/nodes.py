"""Located values -> checked values: the one validator of content files, site profiles and
settings, with one set of messages.

:class:`NodeReader` walks a PyYAML node tree (``yaml.compose`` keeps every node's line and
column) and collects a located :class:`~factsheet_pdf.errors.Diagnostic` for each problem
instead of stopping at the first: content files (:mod:`factsheet_pdf.load`, which adds the
translatable units) and site profiles (:mod:`factsheet_pdf.site.profile`) read through it.
Settings (``factsheet.toml``, read with ``tomllib``, which keeps no positions) locate their keys
themselves and word their problems with the same functions (:func:`unknown`,
:func:`must_be_list`...), so a problem reads the same whichever file it is in:

* ``unknown key 'paragraf' in block (did you mean 'paragraph'?)`` / hint ``keys: ...``
* ``unknown setting 'paper' (did you mean 'papers'?)`` / hint ``settings: ...``
* ``fact sheet is missing the required key 'title'``
* ``block must be a mapping of keys to values``; ``sections must be a non-empty list``;
  ``papers must be a list of names, or "all"``; ``name must be text``; ``name is empty``
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Sequence

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .chars import describe as describe_char
from .errors import Diagnostic
from .model import SourceLoc

_FAST = getattr(yaml, "CSafeLoader", None)
"""libyaml's loader when PyYAML was built with it (the wheels are); about 4 times faster."""


def _as_pure(node: Node | None, text: str) -> None:
    """What libyaml's tree lacks beside the pure loader's: a plain scalar's style is None
    (libyaml says ``''``), and every mark has the text and its place in it (``buffer``,
    ``pointer``: libyaml's ``index`` counts characters, as the pointer does), which locate a
    character inside a quoted scalar."""
    stack, seen = [node], set()
    while stack:
        n = stack.pop()
        if n is None or id(n) in seen:  # an alias (even a recursive one) is visited once
            continue
        seen.add(id(n))
        a, b = n.start_mark, n.end_mark  # libyaml's marks are read-only: pure ones instead
        n.start_mark = yaml.Mark(a.name, a.index, a.line, a.column, text, a.index)
        n.end_mark = yaml.Mark(b.name, b.index, b.line, b.column, text, b.index)
        if isinstance(n, ScalarNode):
            if n.style == "":
                n.style = None
        elif isinstance(n, SequenceNode):
            stack.extend(n.value)
        elif isinstance(n, MappingNode):
            for k, v in n.value:
                stack += (k, v)


def parse_nodes(text: str) -> Node | None:
    """``text``'s YAML node tree, with every node's line and column. libyaml reads it when it
    is there; on any error the pure-Python loader reads it again, so an error's message and
    location are the ones it gives (tests/test_nodes.py: both trees are the same)."""
    if _FAST is not None:
        try:
            root = yaml.compose(text, Loader=_FAST)
        except yaml.YAMLError:
            pass
        else:
            _as_pure(root, text)
            return root
    return yaml.compose(text, Loader=yaml.SafeLoader)


LIMITS = {
    "file_bytes": 1_000_000,
    "unit_chars": 5_000,
    "units": 2_000,
    "depth": 12,
    "pages": 20,
    "table_columns": 6,
}
"""Content limits: bytes per content file, characters per unit, units per sheet, YAML
nesting depth, page budget, table columns."""

SLUG = re.compile(r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?")

_YAML_ESCAPE_DIGITS = {"x": 2, "u": 4, "U": 8}
"""Hex digits after a double-quoted YAML escape (``\\x1b``, ``\\u202e``, ``\\U0001F600``)."""

BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e")
"""Bidi embeddings and overrides: refused (marks and isolates are allowed)."""
"""Invisible direction controls: refused in site profile text (they reorder what prints)."""


# -- the messages -----------------------------------------------------------------------------

def suggest(word: str, choices: Sequence[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest choice, or an empty string."""
    close = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def unknown(noun: str, name: object, allowed: Sequence[str], where: str = "") -> tuple[str, str]:
    """Message and hint for a name that is not one of ``allowed``:
    ``unknown key 'x' in block (did you mean 'y'?)``, hint ``keys: a, b``."""
    inside = f" in {where}" if where else ""
    return (f"unknown {noun} {name!r}{inside}{suggest(str(name), allowed)}",
            f"{noun}s: " + ", ".join(allowed))


def missing(what: str, key: str) -> str:
    return f"{what} is missing the required key {key!r}"


def must_be_mapping(what: str) -> str:
    return f"{what} must be a mapping of keys to values"


def must_be_list(what: str, of: str | None = None) -> str:
    return f"{what} must be a list of {of}" if of else f"{what} must be a non-empty list"


def must_be_text(what: str) -> str:
    return f"{what} must be text"


def is_empty(what: str) -> str:
    return f"{what} is empty"


# -- the reader -------------------------------------------------------------------------------

class NodeReader:
    """Turns nodes into values; every problem becomes a located Diagnostic in ``diags``.

    ``path`` is the file as messages print it. ``locs`` records where named values were read
    (a site profile keeps them for later checks, such as glyphs missing from the fonts).
    """

    def __init__(self, path: str):
        self.path = path
        self.diags: list[Diagnostic] = []
        self.locs: dict[str, SourceLoc] = {}

    def loc(self, node: Node, offset: int = 0) -> SourceLoc:
        m = node.start_mark
        return SourceLoc(self.path, m.line + 1, m.column + 1 + offset)

    def err(self, node: Node | None, msg: str, offset: int = 0, hint: str | None = None) -> None:
        """A problem at ``node`` (``offset`` columns in), or at the file's start."""
        loc = self.loc(node, offset) if node is not None else SourceLoc(self.path, 1, 1)
        self.diags.append(Diagnostic(loc, msg, hint=hint))

    def mapping(self, node: Node, what: str, required: tuple[str, ...],
                optional: Sequence[str] = ()) -> dict[str, Node]:
        """The known keys' value nodes; unknown, duplicate, non-plain and missing keys are
        problems."""
        if not isinstance(node, MappingNode):
            self.err(node, must_be_mapping(what))
            return {}
        allowed = tuple(required) + tuple(optional)
        out: dict[str, Node] = {}
        for k, v in node.value:
            key = k.value if isinstance(k, ScalarNode) else None
            if key is None:
                self.err(k, f"keys in {what} must be plain names")
            elif key in out:
                self.err(k, f"duplicate key {key!r} in {what}")
            elif key not in allowed:
                msg, hint = unknown("key", key, allowed, what)
                self.err(k, msg, hint=hint)
            else:
                out[key] = v
        for key in required:
            if key not in out:
                self.err(node, missing(what, key))
        return out

    def sequence(self, node: Node | None, what: str, of: str | None = None) -> list[Node]:
        """The items of a non-empty sequence (``of`` says what its items are, for the message)."""
        if node is None:
            return []
        if not isinstance(node, SequenceNode) or not node.value:
            self.err(node, must_be_list(what, of))
            return []
        return node.value

    def scalar_node(self, node: Node | None, what: str) -> ScalarNode | None:
        """``node`` if it is a (non-null) scalar, else a problem."""
        if node is None:
            return None
        if not isinstance(node, ScalarNode) or node.tag.endswith(":null"):
            self.err(node, must_be_text(what))
            return None
        return node

    def text(self, node: Node | None, what: str, lines: bool = False) -> str | None:
        """A scalar as plain text (no control characters, no direction controls); whitespace
        runs collapsed (per line when ``lines``)."""
        node = self.scalar_node(node, what)
        if node is None:
            return None
        raw = node.value
        if not self.no_controls(node, what):
            return None
        if lines:
            text = "\n".join(" ".join(line.split()) for line in raw.splitlines() if line.strip())
        else:
            text = " ".join(raw.split())
        if not text:
            self.err(node, is_empty(what))
            return None
        return text

    def no_controls(self, node: ScalarNode, what: str) -> bool:
        """Whether the scalar's value is free of control characters (tab and line feed aside)
        and bidi embeddings and overrides; the first one is a problem at its column (an escape
        such as ``"\\0"`` gives them where the file's bytes have none)."""
        for i, c in enumerate(node.value):
            if (unicodedata.category(c) == "Cc" and c not in "\t\n") or c in BIDI_CONTROLS:
                kind = ("bidi embedding or override" if c in BIDI_CONTROLS
                        else "control character")
                self.err(node, f"{what} contains the {kind} {describe_char(c)}",
                         offset=self._offset(node, i),
                         hint="use the isolates U+2066-U+2069 or the marks U+200E/U+200F"
                         if c in BIDI_CONTROLS else None)
                return False
        return True

    @staticmethod
    def _offset(node: ScalarNode, index: int) -> int:
        """Column offset of character ``index`` of the value from the scalar's start, where it
        can be told exactly: one-line plain, 'single-quoted' (``''`` is one character) and
        "double-quoted" scalars (an escape such as ``\\0``, ``\\x1b`` or ``\\u202e`` is one
        character); 0 (the scalar's start) otherwise."""
        if node.start_mark.line != node.end_mark.line or node.style not in (None, "'", '"'):
            return 0
        if node.style is None:
            return index
        buf = getattr(node.start_mark, "buffer", None)
        if not isinstance(buf, str):
            return 0
        start = node.start_mark.pointer
        i, k = start + 1, 0
        while k < index and i < node.end_mark.pointer:
            if node.style == "'":
                i += 2 if buf.startswith("''", i) else 1
            elif buf[i] == "\\":
                i += 2 + _YAML_ESCAPE_DIGITS.get(buf[i + 1:i + 2], 0)
            else:
                i += 1
            k += 1
        return i - start
