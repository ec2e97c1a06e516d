"""Inline spans -> ReportLab paragraph markup, escaping everything else.

Text is data, never markup: ``<``, ``&`` and ReportLab tags in content or translations are
escaped here, so they print literally. Links become ``<a>`` wrapped in tagging callbacks that
switch the structure element to a Link (see tag.canvas); a link to a sibling output (a
relative file name) becomes ReportLab's ``pdf:`` link to that file.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape, quoteattr

from ... import markup
from ...text.chain import SIMPLE_LATIN
from ...tag import Element, StructTree
from .styles import LINK


def push(tree: StructTree, element: Element) -> str:
    return f'<onDraw name="tag_push" label="{tree.register_inline(element)}"/>'


POP = '<onDraw name="tag_pop" label="-"/>'


def is_sibling(href: str) -> bool:
    """A relative link to another output of the build (no scheme)."""
    return ":" not in href.split("/", 1)[0]


def fallback_text(text: str, chain, own: str, face: str = "regular") -> str:
    """Escaped text, runs the document family does not draw (or Latin, Greek and Cyrillic on
    a page of another script) wrapped in ``<font name="family-FACE">``: ``face`` is the
    style's and emphasis's (a font tag names one face; ReportLab would reset bold)."""
    if chain is None:
        return escape(text)
    memo = chain.__dict__.setdefault("_fallback_text", {})
    key = (text, own, face)
    known = memo.get(key)
    if known is None:
        if len(memo) >= FALLBACK_MEMO:
            memo.clear()
        known = memo[key] = _fallback_text(text, chain, own, face)
    out, families = known
    for fam in families:
        chain.register(fam)
    return out


FALLBACK_MEMO = 50_000
"""Texts whose fallback markup a font chain remembers (a chain serves one sheet's language and
variant: every fit candidate and every rebuild in a warm process asks again)."""


def _fallback_text(text: str, chain, own: str, face: str) -> tuple[str, tuple[str, ...]]:
    """:func:`fallback_text` computed: the markup and the families it names."""
    from ...text.layout import resolve_scripts

    scripts = latin_digits(text, resolve_scripts(text))
    if "italic" in face and _upright(chain, own):
        face = face.replace("_italic", "").replace("italic", "regular")
    out = []
    families: list[str] = []
    i = 0
    while i < len(text):
        j = i + 1
        while j < len(text) and scripts[j] == scripts[i]:
            j += 1
        for a, b, fam in chain.split(text[i:j], scripts[i]):
            piece = escape(text[i + a:i + b])
            # the document's own family keeps what it draws, except Latin, Greek and Cyrillic
            # text on a page of another script: a CJK font's Latin letters are full-width
            # forms ("St. Mary’ s"), so they take the Latin face
            if fam is None or fam == own or (scripts[i] not in SIMPLE_LATIN
                                              and chain.covers(own, text[i + a:i + b])):
                out.append(piece)
            else:
                families.append(fam)
                out.append(f'<font name="{fam}-{face}">{piece}</font>')
        i = j
    return "".join(out), tuple(dict.fromkeys(families))


def _upright(chain, own: str) -> bool:
    """Whether the document family has no italic of its own (CJK faces): its emphasis is
    upright, so Latin runs among its text stay upright too."""
    faces = chain.lib.family(own).faces
    return faces["italic"] == faces["regular"]


_LATIN_RUN = re.compile(r"\(?[0-9A-Za-z][0-9A-Za-z .,:;()/+\-–'’&%@#?=_~]*")


def latin_digits(text: str, scripts: list[str]) -> list[str]:
    """``scripts`` with each run of ASCII letters, digits and their punctuation (a phone
    number, "CD4", a web address between Chinese characters) marked Latin: it is drawn in the
    Latin face, not the surrounding script's (whose digits and Latin are full-width forms)."""
    out = list(scripts)
    for m in _LATIN_RUN.finditer(text):
        end = m.start() + len(m.group().rstrip(" "))
        out[m.start():end] = ["Latn"] * (end - m.start())
    return out


_FACE = {(False, False): "regular", (True, False): "bold", (False, True): "italic",
         (True, True): "bold_italic"}


def style_face(font_name: str) -> tuple[bool, bool]:
    """(bold, italic) of a paragraph style's face name (``noto-sans-bold`` ...)."""
    face = font_name.rsplit("-", 1)[-1]
    return face in ("bold", "bold_italic"), face in ("italic", "bold_italic")


def to_rl(spans, *, tree: StructTree, parent: Element, italic_as: str, lang: str = "",
          chain=None, own: str = "", bold: bool = False, italic: bool = False) -> str:
    """Render spans; each link gets a Link element under ``parent`` (in reading order), with
    /Lang where its run's language differs from ``lang`` (the parent's); with a font
    ``chain``, runs the document family ``own`` cannot draw in another family (in the face
    ``bold`` and ``italic`` give: the paragraph style's, then the emphasis spans')."""
    out = []
    kw = {"chain": chain, "own": own}
    for s in spans:
        if s.kind == "text":
            out.append(fallback_text(s.text, chain, own, _FACE[bold, italic]))
        elif s.kind == "bold":
            inner = to_rl(s.children, tree=tree, parent=parent, italic_as=italic_as, lang=lang,
                          bold=True, italic=italic, **kw)
            out.append(f"<b>{inner}</b>")
        elif s.kind == "italic":
            inner = to_rl(s.children, tree=tree, parent=parent, italic_as=italic_as, lang=lang,
                          bold=bold, italic=italic or italic_as == "i", **kw)
            out.append(f"<{italic_as}>{inner}</{italic_as}>")
        elif s.kind == "link":
            label = markup.plain(s.children)
            alt = label if label == s.href else f"{label} ({s.href})"
            run_lang = s.lang if s.lang and s.lang != lang else None
            link = parent.add("Link", alt=alt, href=s.href, lang=run_lang)
            inner = to_rl(s.children, tree=tree, parent=link, italic_as=italic_as,
                          lang=run_lang or lang, bold=bold, italic=italic, **kw)
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
