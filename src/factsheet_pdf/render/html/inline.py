"""Inline spans -> HTML: ``strong``, ``em``, links and runs in another language or direction.

Text is data, never markup: every character goes through :func:`.escape.esc`. A link whose
address does not pass :func:`.escape.safe_href` is shown as its text alone. A span whose
``lang`` or ``dir`` differs from the text around it carries its own ``lang``/``dir``.
"""

from __future__ import annotations

from collections.abc import Iterable

from ...markup import Span
from .escape import esc, safe_href


def lang_attrs(lang: str, dir_: str, outer_lang: str, outer_dir: str) -> str:
    """`` lang=".." dir=".."`` where they differ from the enclosing element's."""
    out = ""
    if lang and lang != outer_lang:
        out += f' lang="{esc(lang)}"'
    if dir_ and dir_ != outer_dir:
        out += f' dir="{esc(dir_)}"'
    return out


def spans_html(spans: Iterable[Span], lang: str, dir_: str, *, emphasis: str = "em") -> str:
    """Spans as HTML inside an element whose language is ``lang`` and direction ``dir_``.

    ``emphasis``: the element for ``*italic*`` (``em``; large print styles it underlined)."""
    out: list[str] = []
    for s in spans:
        if s.kind == "text":
            out.append(esc(s.text))
            continue
        if s.kind == "field":
            continue  # page numbers: a web page has none
        attrs = lang_attrs(s.lang, s.dir, lang, dir_)
        inner = spans_html(s.children, s.lang or lang, s.dir or dir_, emphasis=emphasis)
        if s.kind == "bold":
            out.append(f"<strong{attrs}>{inner}</strong>")
        elif s.kind == "italic":
            out.append(f"<{emphasis}{attrs}>{inner}</{emphasis}>")
        elif s.kind == "link":
            href = safe_href(s.href)
            if href is None:
                out.append(f"<span{attrs}>{inner}</span>" if attrs else inner)
            else:
                out.append(f'<a href="{esc(href)}"{attrs}>{inner}</a>')
        else:
            out.append(inner)
    return "".join(out)


def links_in(spans: Iterable[Span]) -> set[str]:
    """Every link address among the spans."""
    found: set[str] = set()
    for s in spans:
        if s.kind == "link":
            found.add(s.href)
        found |= links_in(s.children)
    return found
