"""A composed document as an indented outline, in reading order (``factsheet show``).

What a screen reader will read, for authors and translators to check without a PDF viewer:
one line per node (role, kind, language and direction where they change, alternative text,
figure targets, source location with ``locations=True``) and its text, with links as
``[text](address)``, bold as ``**text**``, italic as ``*text*`` and renderer fields as
``{page}``. The metadata and the page marks come first.
"""

from __future__ import annotations

from pathlib import PurePath

from ..markup import Span
from .doc import Doc, Node


def spans_text(spans: tuple[Span, ...] | list[Span], lang: str = "") -> str:
    out = []
    for s in spans:
        if s.kind == "text":
            out.append(s.text)
        elif s.kind == "field":
            out.append("{" + s.text + "}")
        elif s.kind == "bold":
            out.append(f"**{spans_text(s.children)}**")
        elif s.kind == "italic":
            out.append(f"*{spans_text(s.children)}*")
        elif s.kind == "link":
            extra = f" lang={s.lang}" if s.lang and s.lang != lang else ""
            out.append(f"[{spans_text(s.children)}]({s.href}{extra})")
    return "".join(out)


def _node(n: Node, depth: int, lang: str, dir_: str, locations: bool, out: list[str]) -> None:
    head = [n.role]
    if n.kind and n.kind != n.role.lower():
        head.append(f"({n.kind})")
    if n.lang != lang:
        head.append(f"lang={n.lang}")
    if n.dir != dir_:
        head.append(f"dir={n.dir}")
    head += [f"{k}={v}" for k, v in n.attrs]
    if n.alt is not None:
        head.append(f"alt={n.alt!r}")
    if n.target is not None:  # a file by its name (no machine's folders in the outline)
        head.append(f"target={n.target if ':' in n.target else PurePath(n.target).name}")
    if locations and n.loc is not None:
        head.append(f"@ {n.loc}")
    text = spans_text(n.spans, n.lang)
    line = "  " * depth + " ".join(head)
    out.append(f"{line}: {text}" if text else line)
    for c in n.children:
        _node(c, depth + 1, n.lang, n.dir, locations, out)


def outline(doc: Doc, *, locations: bool = False) -> str:
    """The document as text (see the module docstring)."""
    m = doc.meta
    out = [f"Document lang={m.lang} dir={m.dir} variant={m.variant}",
           f"  title: {m.title}", f"  subject: {m.subject}"]
    if m.author:
        out.append(f"  author: {m.author}")
    if m.budget is not None:
        out.append(f"  pages: at most {m.budget}")
    if m.draft:
        out.append("  draft: yes")
    mk = doc.marks
    out.append(f"  marks: {mk.line} · {spans_text(mk.page)}"
               + (f" | {mk.turn_over} | {mk.continued}" if mk.turn_over else "")
               + (f" | {mk.draft}" if mk.draft else ""))
    for name, nodes in doc.regions():
        out.append(f"[{name}]")
        for n in nodes:
            _node(n, 1, m.lang, m.dir, locations, out)
    return "\n".join(out) + "\n"
