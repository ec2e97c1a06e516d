"""Composed document -> one web page (semantic HTML5), deciding only markup and classes.

A walk over the :class:`~factsheet_pdf.compose.Doc`, as :mod:`factsheet_pdf.render.pdf.story`
walks it for the PDF: the title band becomes the ``header`` (series, ``h1``, source line, review
notice, and the draft mark of a draft), the sections the ``main`` landmark (``section`` > ``h2``,
paragraphs, ``ul``/``ol``, ``table`` with ``th scope="col"``, notes with their ``h3``), the
glossary an ``aside`` with a ``dl``, the contact block the ``footer`` with an ``address``
(``tel:`` and ``mailto:`` links; the QR code's target as a link). A skip link comes first.
``lang`` and ``dir`` are on ``<html>`` and on every element or run whose language or direction
differs from its parent's. No script; the style sheet and fonts are in ``assets/``.
"""

from __future__ import annotations

import base64
from collections.abc import Iterator
from pathlib import Path

from ... import regular
from ...compose.doc import Doc, Node
from ...markup import Span
from .escape import esc, inline_json
from .inline import lang_attrs, links_in, spans_html

CSP = ("default-src 'none'; style-src 'self'; font-src 'self'; img-src 'self' data:; "
       "base-uri 'none'; form-action 'none'")
"""The page's Content-Security-Policy: its style sheet and fonts from its own origin, images
inline (the clinic's logo) or from there; no script at all, no base, no form."""

IDENTITY = "factsheet:identity"
"""The ``<meta name>`` carrying the page's identity (as a PDF carries it in its XMP)."""

_IMAGE_TYPES = {b"\x89PNG": "image/png", b"\xff\xd8\xff": "image/jpeg"}


def _logo_uri(path: str) -> str | None:
    """The logo file as a ``data:`` address (PNG or JPEG), or None if it cannot be read."""
    try:
        data = regular.read_regular(path)
    except OSError:
        return None
    mime = next((m for sig, m in _IMAGE_TYPES.items() if data.startswith(sig)), None)
    if mime is None:
        return None
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


class _Page:
    def __init__(self, doc: Doc, *, assets: str, family: str):
        self.doc = doc
        self.assets = assets
        self.family = family
        self.emphasis = "em"  # large print draws it underlined (the style sheet), never italic
        self.ids: set[str] = set()

    # -- elements ----------------------------------------------------------------------------
    def attrs(self, node: Node, lang: str, dir_: str) -> str:
        return lang_attrs(node.lang, node.dir, lang, dir_)

    def inline(self, node: Node, lang: str, dir_: str) -> str:
        return spans_html(node.spans, node.lang or lang, node.dir or dir_, emphasis=self.emphasis)

    def leaf(self, tag: str, node: Node, lang: str, dir_: str, cls: str = "",
             extra: str = "") -> str:
        c = f' class="{esc(cls)}"' if cls else ""
        return (f"<{tag}{c}{extra}{self.attrs(node, lang, dir_)}>"
                f"{self.inline(node, lang, dir_)}</{tag}>")

    def new_id(self, base: str) -> str:
        n, i = base, 1
        while n in self.ids:
            i += 1
            n = f"{base}-{i}"
        self.ids.add(n)
        return n

    # -- the regions --------------------------------------------------------------------------
    def header(self) -> Iterator[str]:
        doc, lang, d = self.doc, self.doc.meta.lang, self.doc.meta.dir
        yield "<header>"
        if doc.marks.draft:
            yield f'<p class="draft-mark"><strong>{esc(doc.marks.draft)}</strong></p>'
        for n in doc.band:
            if n.role == "H1":
                yield self.leaf("h1", n, lang, d)
            else:
                yield self.leaf("p", n, lang, d, n.kind)
        yield "</header>"

    def body(self) -> Iterator[str]:
        lang, d = self.doc.meta.lang, self.doc.meta.dir
        yield '<main id="main" tabindex="-1">'
        for section in self.doc.body:
            yield f"<section{self.attrs(section, lang, d)}>"
            inner_lang, inner_dir = section.lang or lang, section.dir or d
            for child in section.children:
                yield from self.block(child, inner_lang, inner_dir)
            yield "</section>"
        yield "</main>"

    def block(self, node: Node, lang: str, d: str) -> Iterator[str]:
        k = node.kind
        if k == "heading":
            yield self.leaf("h3" if node.role == "H3" else "h2", node, lang, d)
        elif k in ("paragraph", "xref", "item"):
            yield self.leaf("p", node, lang, d, "" if k == "paragraph" else k)
        elif k in ("list", "numbered"):
            yield from self.item_list(node, lang, d)
        elif k == "table":
            yield from self.table(node, lang, d)
        elif k == "table-groups":
            yield from self.table_groups(node, lang, d)
        elif k == "note":
            yield f'<section class="note"{self.attrs(node, lang, d)}>'
            for c in node.children:
                yield from self.block(c, node.lang or lang, node.dir or d)
            yield "</section>"
        else:
            raise ValueError(f"the HTML renderer cannot draw a {k!r} node")

    def item_list(self, node: Node, lang: str, d: str) -> Iterator[str]:
        tag = "ol" if node.attr("ListNumbering") == "Decimal" else "ul"
        yield f"<{tag}{self.attrs(node, lang, d)}>"
        ll, ld = node.lang or lang, node.dir or d
        for item in node.children:
            _marker, body = item.children  # the marker is the list's own (ul/ol)
            il, idr = item.lang or ll, item.dir or ld
            if body.children:
                paras = "".join(self.leaf("p", p, il, idr) for p in body.children)
                yield f"<li{self.attrs(item, ll, ld)}>{paras}</li>"
            else:
                yield f"<li{self.attrs(item, ll, ld)}>{self.inline(body, il, idr)}</li>"
        yield f"</{tag}>"

    def table(self, node: Node, lang: str, d: str) -> Iterator[str]:
        head, body = node.children
        tl, td_ = node.lang or lang, node.dir or d
        yield f"<table{self.attrs(node, lang, d)}><thead>"
        for tr in head.children:
            cells = "".join(self.leaf("th", c, tl, td_, extra=' scope="col"')
                            for c in tr.children)
            yield f"<tr>{cells}</tr>"
        yield "</thead><tbody>"
        for tr in body.children:
            yield f"<tr>{''.join(self.leaf('td', c, tl, td_) for c in tr.children)}</tr>"
        yield "</tbody></table>"

    def table_groups(self, node: Node, lang: str, d: str) -> Iterator[str]:
        """Large print: one labelled group per row (the first cell, then header: value)."""
        yield f'<ul class="groups"{self.attrs(node, lang, d)}>'
        gl, gd = node.lang or lang, node.dir or d
        for row in node.children:
            label, body = row.children
            pairs = "".join(self.leaf("p", p, gl, gd, "pair") for p in body.children)
            yield (f"<li{self.attrs(row, gl, gd)}>{self.leaf('p', label, gl, gd, 'row-label')}"
                   f"{pairs}</li>")
        yield "</ul>"

    def glossary(self) -> Iterator[str]:
        g = self.doc.glossary
        if g is None:
            return
        lang, d = self.doc.meta.lang, self.doc.meta.dir
        heading, entries = g.children
        hid = self.new_id("glossary-heading")
        yield f'<aside class="glossary" aria-labelledby="{hid}"{self.attrs(g, lang, d)}>'
        gl, gd = g.lang or lang, g.dir or d
        yield self.leaf("h2", heading, gl, gd, extra=f' id="{hid}"')
        yield f"<dl{self.attrs(entries, gl, gd)}>"
        for e in entries.children:
            term, definition = e.children
            yield self.leaf("dt", term, gl, gd)
            text = spans_html(_lstrip(definition.spans), definition.lang or gl,
                              definition.dir or gd, emphasis=self.emphasis)
            yield f"<dd{self.attrs(definition, gl, gd)}>{text}</dd>"
        yield "</dl></aside>"

    def contact(self) -> Iterator[str]:
        c = self.doc.contact
        if c is None:
            return
        lang, d = self.doc.meta.lang, self.doc.meta.dir
        cl, cd = c.lang or lang, c.dir or d
        yield "<footer>"
        hid = self.new_id("contact-heading")
        yield f'<section class="{esc(c.kind)}" aria-labelledby="{hid}"{self.attrs(c, lang, d)}>'
        heading, *rest = c.children
        yield self.leaf("h2", heading, cl, cd, extra=f' id="{hid}"')
        linked = set().union(*(links_in(n.spans) for n in rest))
        lines: list[str] = []
        for n in rest:
            if n.kind == "logo":
                uri = _logo_uri(n.target or "")
                if uri is not None:
                    size = f' width="{n.px[0]}" height="{n.px[1]}"' if n.px else ""
                    yield (f'<p class="logo"><img src="{esc(uri)}" alt="{esc(n.alt or "")}"'
                           f"{size}></p>")
            elif n.kind == "qr":
                if n.target and n.target not in linked:
                    link = Span("link", children=(Span("text", n.target),), href=n.target)
                    lines.append(f'<p class="qr">{spans_html((link,), cl, cd)}</p>')
            else:
                lines.append(self.leaf("p", n, cl, cd, n.kind))
        yield f"<address>{''.join(lines)}</address>"
        yield "</section></footer>"

    # -- the page ---------------------------------------------------------------------------------
    def html(self, identity: dict[str, str]) -> str:
        m = self.doc.meta
        skip = self.doc.label("skip-to-content") or "Skip to main content"
        head = [
            "<!DOCTYPE html>",
            f'<html lang="{esc(m.lang)}" dir="{esc(m.dir)}" '
            f'class="f-{esc(self.family)} v-{esc(m.variant)}">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f'<meta http-equiv="Content-Security-Policy" content="{esc(CSP)}">',
            '<meta name="referrer" content="no-referrer">',
            f'<meta name="{IDENTITY}" content="{esc(inline_json(identity))}">',
            f"<title>{esc(m.title)}</title>",
            f'<meta name="description" content="{esc(m.subject)}">',
            f'<link rel="stylesheet" href="{esc(self.assets)}factsheet.css">',
            *([f'<link rel="stylesheet" href="{esc(self.assets)}large-print.css">']
              if m.variant != "standard" else []),
            "</head>",
            "<body>",
            f'<a class="skip" href="#main">{esc(skip)}</a>',
        ]
        parts = [*head, *self.header(), '<div class="sheet">', *self.body(),
                 *self.glossary(), "</div>", *self.contact(), "</body>", "</html>", ""]
        return "\n".join(parts)


def _lstrip(spans):
    """The spans without the white space at their start (a definition's separator)."""
    from dataclasses import replace

    if spans and spans[0].kind == "text":
        first = replace(spans[0], text=spans[0].text.lstrip())
        return ((first,) if first.text else ()) + tuple(spans[1:])
    return spans


def render_page(doc: Doc, *, family: str, assets: str = "assets/",
                identity: dict[str, str] | None = None) -> bytes:
    """The web page of a composed document, as UTF-8 bytes.

    ``family``: the font family key the page is set in (the one the PDF of the same variant
    uses: :func:`factsheet_pdf.languages.font_for`); ``assets``: the address of the assets
    folder relative to the page (``../assets/`` for a draft); ``identity``: what the page
    says about itself (sheet, lang, variant, site, fingerprint, draft), as a PDF does in its
    XMP, so a lost manifest is rebuilt from the pages."""
    return _Page(doc, assets=assets, family=family).html(identity or {}).encode("utf-8")
