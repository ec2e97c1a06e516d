"""Left-to-right isolates in right-to-left text: phone numbers, e-mail and web addresses.

By the Unicode Bidirectional Algorithm a phone number inside Arabic-script text is a run of
Arabic numbers separated by neutral hyphens, so "1-800-448-0440" displays as
"0440-448-800-1": the reader would dial a different number from the one the ``tel:`` link
dials. Compose marks each such run as its own span with ``dir="ltr"``, which renderers draw
as a left-to-right isolate (U+2066 ... U+2069 in the PDF's layout, ``<bdi dir="ltr">`` or
``dir`` on a span in HTML). Numbers alone ("48", "CD4") are left to the algorithm, which
already shows them left to right.
"""

from __future__ import annotations

import re

from ..markup import Span, plain

ADDRESS = re.compile(
    r"(?:https?://|www\.)[^\s<>]*[^\s<>.,;:!?)\]»،؛۔।]"  # web address
    r"|[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"  # e-mail address
    r"|\+?[0-9][0-9().\- ]{5,}[0-9]"  # phone number: 7 or more digits with separators
)


def _is_phone(text: str) -> bool:
    return text[0] in "+0123456789" and sum(c.isdigit() for c in text) >= 7


def _pieces(text: str) -> list[Span]:
    out: list[Span] = []
    pos = 0
    for m in ADDRESS.finditer(text):
        s = m.group(0)
        if s[0].isdigit() or s[0] == "+":
            if not _is_phone(s):
                continue
        if m.start() > pos:
            out.append(Span("text", text[pos:m.start()]))
        out.append(Span("text", s, dir="ltr"))
        pos = m.end()
    if pos < len(text):
        out.append(Span("text", text[pos:]))
    return out


def isolate(spans: tuple[Span, ...]) -> tuple[Span, ...]:
    """``spans`` of right-to-left text with its addresses and phone numbers as ``ltr`` runs
    (a link whose text is an address is marked as a whole)."""
    out: list[Span] = []
    for s in spans:
        if s.kind == "text" and not s.dir:
            out += _pieces(s.text)
        elif s.kind == "link":
            label = plain(s.children)
            m = ADDRESS.fullmatch(label.strip())
            if m and not s.dir:
                out.append(Span("link", children=s.children, href=s.href, lang=s.lang,
                                dir="ltr"))
            else:
                out.append(Span("link", children=isolate(s.children), href=s.href,
                                lang=s.lang, dir=s.dir))
        elif s.children:
            out.append(Span(s.kind, s.text, isolate(s.children), s.href, s.lang, s.dir))
        else:
            out.append(s)
    return tuple(out)
