"""Safe by construction: the one escaping function, the link check and inline JSON.

Translations and clinic profiles are untrusted text. Every text and attribute value of a page
we write goes through :func:`esc`; every ``href`` through :func:`safe_href` (https, http,
mailto, tel, or a relative link to a sibling output; never ``file:``, ``javascript:``, a
protocol-relative or an absolute path); JSON placed in a page through :func:`inline_json`,
which escapes ``<``, ``>`` and ``&`` so no text can close the element it is in.
"""

from __future__ import annotations

import json
import re

from ...markup import check_address

_ESC = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"})
_SIBLING = re.compile(r"(\.\./){0,2}[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)*"
                      r"\.(html|pdf|png|brf)\Z")


def esc(text: object) -> str:
    """Text or an attribute value, escaped for HTML (``&``, ``<``, ``>``, both quotes)."""
    return str(text).translate(_ESC)


def safe_href(href: str) -> str | None:
    """``href`` if it may be a link in our pages, else None (the text is then shown unlinked).

    Allowed: an https, http, mailto or tel address (the content's own rule,
    :func:`factsheet_pdf.markup.check_address`), or a relative path to a sibling output
    (``name.html``, ``../name.pdf``: plain names, no scheme, no ``//``)."""
    if any(c.isspace() or ord(c) < 0x20 or c in "\\<>\"'`" for c in href):
        return None
    if ":" in href.split("/", 1)[0]:
        return href if check_address(href) is None else None
    return href if _SIBLING.match(href) else None


def inline_json(value: object) -> str:
    """JSON to place inside an HTML element: ``<``, ``>`` and ``&`` as ``\\u003c``,
    ``\\u003e``, ``\\u0026`` (and the line separators JavaScript rejects)."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))
