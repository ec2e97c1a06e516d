"""Inline spans -> ReportLab paragraph markup, escaping everything else.

Text is data, never markup: ``<``, ``&`` and ReportLab tags in content or translations are
escaped here, so they print literally. Links become ``<a>`` wrapped in tagging callbacks that
switch the structure element to a Link (see tag.canvas); a link to a sibling output (a
relative file name) becomes ReportLab's ``pdf:`` link to that file.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from ... import markup
from ...tag import Element, StructTree
from .styles import LINK


def push(tree: StructTree, element: Element) -> str:
    return f'<onDraw name="tag_push" label="{tree.register_inline(element)}"/>'


POP = '<onDraw name="tag_pop" label="-"/>'


def is_sibling(href: str) -> bool:
    """A relative link to another output of the build (no scheme)."""
    return ":" not in href.split("/", 1)[0]


def fallback_text(text: str, chain, own: str) -> str:
    """Escaped text, runs of another script than the document family draws wrapped in
    ``<font name="family-regular">`` (ReportLab maps bold and italic through the family)."""
    if chain is None:
        return escape(text)
    from ...text.layout import resolve_scripts

    scripts = resolve_scripts(text)
    out = []
    i = 0
    while i < len(text):
        j = i + 1
        while j < len(text) and scripts[j] == scripts[i]:
            j += 1
        for a, b, fam in chain.split(text[i:j], scripts[i]):
            piece = escape(text[i + a:i + b])
            # the document's own family keeps what it draws (a CJK font's Latin: ReportLab's
            # CJK line rules work within one font's runs)
            if fam is None or fam == own or chain.covers(own, text[i + a:i + b]):
                out.append(piece)
            else:
                chain.register(fam)
                out.append(f'<font name="{fam}-regular">{piece}</font>')
        i = j
    return "".join(out)


def to_rl(spans, *, tree: StructTree, parent: Element, italic_as: str, lang: str = "",
          chain=None, own: str = "") -> str:
    """Render spans; each link gets a Link element under ``parent`` (in reading order), with
    /Lang where its run's language differs from ``lang`` (the parent's); with a font
    ``chain``, runs the document family ``own`` cannot draw in another family."""
    out = []
    kw = {"chain": chain, "own": own}
    for s in spans:
        if s.kind == "text":
            out.append(fallback_text(s.text, chain, own))
        elif s.kind == "bold":
            out.append(f"<b>{to_rl(s.children, tree=tree, parent=parent, italic_as=italic_as, lang=lang, **kw)}</b>")
        elif s.kind == "italic":
            inner = to_rl(s.children, tree=tree, parent=parent, italic_as=italic_as, lang=lang,
                          **kw)
            out.append(f"<{italic_as}>{inner}</{italic_as}>")
        elif s.kind == "link":
            label = markup.plain(s.children)
            alt = label if label == s.href else f"{label} ({s.href})"
            run_lang = s.lang if s.lang and s.lang != lang else None
            link = parent.add("Link", alt=alt, href=s.href, lang=run_lang)
            inner = to_rl(s.children, tree=tree, parent=link, italic_as=italic_as,
                          lang=run_lang or lang, **kw)
            href = f"pdf:{s.href}" if is_sibling(s.href) else s.href
            out.append(
                f"{push(tree, link)}<a href={quoteattr(href)} color=\"#{LINK.hexval()[2:]}\">"
                f"<u>{inner}</u></a>{POP}"
            )
    return "".join(out)


def plain_fields(spans, fields: dict[str, str]) -> str:
    """Spans as plain text with their fields filled (page marks)."""
    return "".join(s.text if s.kind == "text" else fields.get(s.text, "") if s.kind == "field"
                   else plain_fields(s.children, fields) for s in spans)
