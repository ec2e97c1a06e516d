"""Inline markup spans -> ReportLab paragraph markup, escaping everything else.

Text is data, never markup: ``<``, ``&`` and ReportLab tags in content or translations are
escaped here, so they print literally. Links become ``<a>`` wrapped in tagging callbacks that
switch the structure element to a Link (see tag.canvas).
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from ... import markup
from ...tag import Element, StructTree
from .styles import LINK


def push(tree: StructTree, element: Element) -> str:
    return f'<onDraw name="tag_push" label="{tree.register_inline(element)}"/>'


POP = '<onDraw name="tag_pop" label="-"/>'


def to_rl(spans, *, tree: StructTree, parent: Element, italic_as: str) -> str:
    """Render spans; each link gets a Link element under ``parent`` (in reading order)."""
    out = []
    for s in spans:
        if s.kind == "text":
            out.append(escape(s.text))
        elif s.kind == "bold":
            out.append(f"<b>{to_rl(s.children, tree=tree, parent=parent, italic_as=italic_as)}</b>")
        elif s.kind == "italic":
            inner = to_rl(s.children, tree=tree, parent=parent, italic_as=italic_as)
            out.append(f"<{italic_as}>{inner}</{italic_as}>")
        elif s.kind == "link":
            label = markup.plain(s.children)
            alt = label if label == s.href else f"{label} ({s.href})"
            link = parent.add("Link", alt=alt, href=s.href)
            inner = to_rl(s.children, tree=tree, parent=link, italic_as=italic_as)
            out.append(
                f"{push(tree, link)}<a href={quoteattr(s.href)} color=\"#{LINK.hexval()[2:]}\">"
                f"<u>{inner}</u></a>{POP}"
            )
    return "".join(out)


def fill(template: str, **values: str) -> str:
    """Fill ``{name}`` placeholders of a label/contact text (values are markup already)."""
    out = template
    for k, v in values.items():
        out = out.replace("{" + k + "}", v)
    return out
