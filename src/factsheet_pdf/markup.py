"""Inline markup: ``**bold**``, ``*italic*``, ``[link text](address)``; everything else literal.

The same small syntax is used in content files and in PO translations. :func:`parse` turns a
string into a tree of :class:`Span` nodes or raises :class:`MarkupError` with the 1-based column
of the problem; :func:`signature` is what a translation must keep (same kinds, same count, same
addresses; order may change). A backslash escapes ``*``, ``[``, ``]``, ``(``, ``)`` and ``\\``.

>>> parse('see **this** [site](http://x.org)')
[Span(kind='text', text='see ', ...), Span(kind='bold', ...), ...]
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

KINDS = ("text", "bold", "italic", "link", "field")


@dataclass(frozen=True, slots=True)
class Span:
    """The one inline type of the pipeline: parsed markup, composed text, a clinic's data.

    ``field`` spans are values only a renderer knows (``text`` names them: ``page``,
    ``pages``); markup never produces them."""

    kind: str
    text: str = ""
    """Literal text of a ``text`` span (the field's name of a ``field`` span)."""
    children: tuple[Span, ...] = ()
    href: str = ""
    """Address of a ``link`` span: a URL, or a sibling output's relative file name."""
    lang: str = ""
    """BCP 47 tag of the run when it differs from its paragraph's ("": the paragraph's)."""
    dir: str = ""
    """``ltr`` or ``rtl`` when the run's direction differs from its paragraph's."""


class MarkupError(ValueError):
    def __init__(self, column: int, message: str):
        super().__init__(message)
        self.column = column
        self.message = message


_ESCAPABLE = set("*[]()\\")
MAX_DEPTH = 16
"""Nesting limit of bold, italic and link spans (work is bounded; real text nests 2 or 3)."""


class _Parser:
    def __init__(self, source: str):
        self.s = source
        self.i = 0
        self.depth = 0

    def parse(self, closer: str | None = None, opened_at: int = 0) -> list[Span]:
        if closer is not None:
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise MarkupError(opened_at + 1, f"inline markup nested more than {MAX_DEPTH} "
                                                 "levels deep")
        try:
            return self._parse(closer, opened_at)
        finally:
            if closer is not None:
                self.depth -= 1

    def _parse(self, closer: str | None, opened_at: int) -> list[Span]:
        out: list[Span] = []
        buf: list[str] = []

        def flush() -> None:
            if buf:
                out.append(Span("text", "".join(buf)))
                buf.clear()

        s = self.s
        while self.i < len(s):
            c = s[self.i]
            if c == "\\" and self.i + 1 < len(s) and s[self.i + 1] in _ESCAPABLE:
                buf.append(s[self.i + 1])
                self.i += 2
                continue
            if closer and s.startswith(closer, self.i) and not (
                closer == "*" and s.startswith("**", self.i)
            ):
                flush()
                self.i += len(closer)
                return out
            if closer == "]" and c == "]":
                flush()
                self.i += 1
                return out
            if s.startswith("**", self.i):
                start = self.i
                self.i += 2
                flush()
                kids = self.parse("**", start)
                if not kids:
                    raise MarkupError(start + 1, "empty bold span '****'")
                out.append(Span("bold", children=tuple(kids)))
                continue
            if c == "*":
                start = self.i
                self.i += 1
                flush()
                kids = self.parse("*", start)
                if not kids:
                    raise MarkupError(start + 1, "empty italic span '**'")
                out.append(Span("italic", children=tuple(kids)))
                continue
            if c == "[":
                start = self.i
                self.i += 1
                flush()
                kids = self.parse("]", start)
                if not s.startswith("(", self.i):
                    raise MarkupError(
                        start + 1, "link text '[...]' must be followed by '(address)'"
                    )
                end = _address_end(s, self.i + 1)
                if end < 0:
                    raise MarkupError(self.i + 1, "unclosed link address '('")
                href = s[self.i + 1 : end].strip()
                if not href or any(ch.isspace() for ch in href):
                    raise MarkupError(self.i + 2, f"invalid link address {href!r}")
                if not kids:
                    raise MarkupError(start + 1, "empty link text '[]'")
                self.i = end + 1
                out.append(Span("link", children=tuple(kids), href=href))
                continue
            if c == "]":
                raise MarkupError(self.i + 1, "unmatched ']'")
            buf.append(c)
            self.i += 1
        if closer:
            what = {"**": "bold '**'", "*": "italic '*'", "]": "link '['"}[closer]
            raise MarkupError(opened_at + 1, f"unclosed {what}")
        flush()
        return out


def _address_end(s: str, i: int) -> int:
    """Index of the ')' that closes a link address starting at ``i`` (balanced parentheses
    inside it are part of it, as in ``https://en.wikipedia.org/wiki/HIV_(virus)``), or -1."""
    depth = 0
    while i < len(s):
        c = s[i]
        if c == "(":
            depth += 1
        elif c == ")":
            if depth == 0:
                return i
            depth -= 1
        elif c.isspace():
            break
        i += 1
    return s.find(")", i)


def parse(text: str) -> list[Span]:
    """Parse inline markup; raise :class:`MarkupError` (1-based column) when unbalanced."""
    return _Parser(text).parse()


def plain(spans: list[Span] | tuple[Span, ...]) -> str:
    """The text a reader sees, without markup."""
    return "".join(s.text if s.kind == "text" else plain(s.children) for s in spans)


def plain_text(text: str) -> str:
    """The text a reader sees of a markup string (which must parse)."""
    return plain(parse(text))


def substitute(spans: list[Span], values: dict[str, list[Span]]) -> list[Span]:
    """Replace ``{name}`` in text spans by the spans given for it (links stay in place)."""
    pattern = re.compile("(" + "|".join(re.escape("{" + k + "}") for k in values) + ")")
    out: list[Span] = []
    for s in spans:
        if s.kind != "text":
            out.append(replace(s, children=tuple(substitute(list(s.children), values))))
            continue
        for part in pattern.split(s.text):
            if part[1:-1] in values and part.startswith("{"):
                out.extend(values[part[1:-1]])
            elif part:
                out.append(Span("text", part))
    return out


def signature(spans: list[Span] | tuple[Span, ...]) -> Counter[tuple[str, str]]:
    """What a translation must keep: the multiset of (kind, address) of non-text spans."""
    sig: Counter[tuple[str, str]] = Counter()
    for s in spans:
        if s.kind != "text":
            sig[(s.kind, s.href)] += 1
            sig += signature(s.children)
    return sig


def describe(sig: Counter[tuple[str, str]]) -> str:
    if not sig:
        return "no markup"
    parts = []
    for (kind, href), n in sorted(sig.items()):
        name = f"link to {href}" if kind == "link" else kind
        parts.append(f"{n} × {name}")
    return ", ".join(parts)


_INVISIBLE = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"}


def has_visible_text(text: str) -> bool:
    """True when the text shows something: not only whitespace or zero-width characters."""
    return any(not c.isspace() and c not in _INVISIBLE for c in text)


def links(spans: list[Span] | tuple[Span, ...]) -> list[str]:
    """Every link address, in order."""
    out: list[str] = []
    for s in spans:
        if s.kind == "link":
            out.append(s.href)
        out += links(s.children)
    return out


ALLOWED_SCHEMES = ("https", "http", "mailto", "tel")


def check_address(href: str) -> str | None:
    """Why a link address is not allowed, or None: only https, http, mailto and tel links, a
    tel link a valid global number (``tel:+1-206-555-0199``: :func:`.phone.check_tel`).

    Links to sibling sheets go through the cross-reference (``xref: {sheet: id}``), never a
    file name or an anchor.
    """
    scheme, sep, rest = href.partition(":")
    if not sep or scheme.lower() not in ALLOWED_SCHEMES:
        return (f"link address {href!r} is not allowed: use an https:, http:, mailto: or tel: "
                "address (a sibling sheet is linked with `xref: {sheet: ID}`)")
    if scheme.lower() in ("http", "https") and not rest.startswith("//"):
        return f"link address {href!r} is not a web address (expected {scheme}://...)"
    if not rest.strip("/"):
        return f"link address {href!r} is empty after '{scheme}:'"
    if scheme.lower() == "tel":
        from .phone import check_tel

        return check_tel(href)
    return None
