"""Where a web or e-mail address may end a line: (text) -> addresses and their break points.

Patients type addresses from paper, so an address breaks only where a reader sees that it
goes on (the Chicago Manual's rule, and the one Typst and WeasyPrint follow for URLs):

* after the scheme (``https://`` | ``example.org``) and after a ``/`` of the path;
* before a ``.``, ``?``, ``#``, ``-``, ``&`` or ``=`` of the path (the mark starts the next
  line, so it is not read as a hyphen or a full stop);
* never inside the scheme (``http:`` | ``//``) or the host name, and never before the first
  ``/`` of the path: those are :func:`fallback_breaks`, for a host name (or an e-mail
  address) too long for a whole line, where the address breaks before a ``.``, ``-`` or
  ``@`` of its host rather than anywhere;
* no hyphen is ever added at such a break.

Line breakers (ReportLab's, through :mod:`factsheet_pdf.rlhooks`; the Chinese one; the
shaping engine's, :mod:`.layout`) use these positions in place of their own inside an
address, and prefer moving a whole address to the next line unless that would leave the line
more than :data:`WASTE` empty.

Also here: the compound rule, :func:`compound_break_ok` (no break at the hyphen of a compound
unless both its sides have :data:`COMPOUND_SIDE` letters or more: "anti-VIH" stays whole).
"""

from __future__ import annotations

import re

WASTE = 0.3
"""A break inside an address (rather than before it) only when the line would otherwise be
left more than this share of its width empty."""
COMPOUND_SIDE = 7
"""Letters each side of a hard hyphen needs before a line may break there."""

_TRAIL = ".,;:!?»\"'’”、，。：；！？）》」』】"
ADDRESS = re.compile(
    r"(?:(?:https?|ftp)://|www\.)[^\s<>\"\u200b\u2066-\u2069（）「」《》，。、：；！？]+"  # scheme, www.
    r"|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"  # e-mail
    r"|(?<![A-Za-z0-9_@./-])(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}"  # host
    r"(?:/[^\s<>\"\u200b\u2066-\u2069（）「」《》，。、：；！？]*)?",  # and its path
)
_SCHEME = re.compile(r"(?:https?|ftp)://|mailto:", re.I)


def _trim(text: str, start: int, end: int) -> int:
    """The end of an address without the punctuation that closes the sentence around it (a
    ``)`` only where the address has no ``(`` of its own)."""
    while end > start:
        c = text[end - 1]
        if c in _TRAIL:
            end -= 1
        elif c == ")" and text.count("(", start, end) < text.count(")", start, end):
            end -= 1
        else:
            break
    return end


def find(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every web or e-mail address in ``text`` (a bare host name counts
    when it has a dot and a top-level domain of letters: ``aidsinfo.nih.gov``)."""
    out = []
    for m in ADDRESS.finditer(text):
        end = _trim(text, m.start(), m.end())
        s = text[m.start():end]
        if "." not in s or end - m.start() < 4:
            continue
        if not _SCHEME.match(s) and not s.lower().startswith("www.") and "@" not in s \
                and "/" not in s and not _plausible_host(s):
            continue
        out.append((m.start(), end))
    return out


def _plausible_host(s: str) -> bool:
    """A bare name such as ``aidsinfo.nih.gov``, not an abbreviation (``e.g``, ``i.e``)."""
    labels = s.split(".")
    return len(labels) >= 2 and len(labels[-1]) >= 2 and all(labels) and \
        sum(len(x) for x in labels[:-1]) >= 3


def _host_span(addr: str) -> tuple[int, int]:
    """(host start, host end) inside an address: after its scheme, up to its path."""
    m = _SCHEME.match(addr)
    start = m.end() if m else 0
    if "@" in addr and not addr.lower().startswith(("http", "ftp")):
        return 0, len(addr)  # an e-mail address is all "host"
    end = start
    while end < len(addr) and addr[end] not in "/?#":
        end += 1
    return start, end


def breaks(addr: str) -> list[int]:
    """Offsets inside ``addr`` (0 < k < len) where a line may end: after the scheme, after a
    ``/`` of the path, before a ``.``, ``?``, ``#``, ``-``, ``&`` or ``=`` of the path."""
    h0, h1 = _host_span(addr)
    out = set()
    if 0 < h0 < len(addr) and addr[h0 - 1] == "/":
        out.add(h0)
    for k in range(h1, len(addr)):
        c = addr[k]
        if c == "/" and k + 1 < len(addr) and addr[k + 1] != "/":
            out.add(k + 1)
        elif c in ".?#-&=" and k > h1:
            out.add(k)
    return sorted(k for k in out if 0 < k < len(addr))


def fallback_breaks(addr: str) -> list[int]:
    """Offsets for an address whose host (or whole e-mail address) does not fit a line:
    before a ``.``, ``-`` or ``@`` of the host, and before the path's first ``/``."""
    h0, h1 = _host_span(addr)
    out = {k for k in range(h0 + 1, h1) if addr[k] in ".-@"}
    if h0 < h1 < len(addr):
        out.add(h1)
    return sorted(k for k in out if 0 < k < len(addr))


def inside(spans: list[tuple[int, int]], pos: int) -> tuple[int, int] | None:
    """The address whose inside (not its ends) holds position ``pos``, or None."""
    for a, b in spans:
        if a < pos < b:
            return a, b
    return None


def _letters(s: str) -> int:
    return sum(c.isalpha() for c in s)


def compound_break_ok(head: str, tail: str) -> bool:
    """May a line break after the hard hyphen that ends ``head``? Only when the compound's
    part before it and the part after it (up to the next hyphen) have :data:`COMPOUND_SIDE`
    letters or more each: "anti-|HIV" never, "antiretroviral-|resistance" yes."""
    before = re.split(r"[-\s]", head.rstrip("-"))[-1]
    after = re.split(r"[-\s]", tail)[0]
    return _letters(before) >= COMPOUND_SIDE and _letters(after) >= COMPOUND_SIDE


def word_breaks(word: str) -> tuple[set[int], set[int]] | None:
    """(regular, fallback) break positions inside a word holding addresses, or None when it
    holds none."""
    spans = find(word)
    if not spans:
        return None
    regular: set[int] = set()
    fallback: set[int] = set()
    for a, b in spans:
        addr = word[a:b]
        regular |= {a + k for k in breaks(addr)}
        fallback |= {a + k for k in fallback_breaks(addr)}
    return regular, fallback - regular


def split_pairs(word: str) -> list[tuple[str, str]] | None:
    """(head, tail) pairs of a word at its addresses' regular breaks, longest head first, for a
    line breaker that takes the first head that fits; None: the word holds no address (an
    empty list: it holds one that has no break, and is not hyphenated either)."""
    found = word_breaks(word)
    if found is None:
        return None
    return [(word[:k], word[k:]) for k in sorted(found[0], reverse=True)]


def plan_cuts(text: str, widths: list[float], room) -> list[int] | None:
    """Where a word holding an address is cut into pieces, one per line, when it does not fit
    the line it is on: ``room(n)`` is the width of the n-th line (the first: what is left of
    the current one). Returns the cut positions (a cut at 0: the word starts on the next line),
    or None when the word holds no address (the line breaker's own splitting then applies).

    Each piece is cut at the last regular break that fits; where none does, the word moves to
    the next line (when it does not start this one), then a fallback break, then, for a part
    no line can hold, the last character that fits."""
    found = word_breaks(text)
    if found is None:
        return None
    regular, fallback = found
    prefix = [0.0]
    for w in widths:
        prefix.append(prefix[-1] + w)

    def width(i: int, j: int) -> float:
        return prefix[j] - prefix[i]

    n = len(text)
    cuts: list[int] = []
    start, line = 0, 0
    moved = False
    while width(start, n) > room(line) + 1e-6 and len(cuts) < n:
        avail = room(line)
        fits = [k for k in regular if start < k < n and width(start, k) <= avail + 1e-6]
        if fits:
            k = max(fits)
        elif start == 0 and not moved and line == 0 and avail < room(1) - 1e-6:
            k, moved = 0, True
        else:
            fits = [k for k in regular | fallback if start < k < n
                    and width(start, k) <= avail + 1e-6]
            if fits:
                k = max(fits)
            else:
                k = start + 1
                while k < n and width(start, k + 1) <= avail + 1e-6:
                    k += 1
        cuts.append(k)
        start, line = k, line + 1
    return cuts
