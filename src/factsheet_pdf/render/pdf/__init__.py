"""The PDF renderer: a composed document -> a tagged PDF/UA-1 for one paper.

:func:`render` is the entry point; it tries the variant's settings (:mod:`.styles`) until the
document fits its page budget (:mod:`.fit`), turning the document's nodes into flowables and
structure elements (:mod:`.story`) on page templates (:mod:`.pages`) drawn on the tagging
canvas (:mod:`factsheet_pdf.tag`). It decides only geometry and ink.
"""

from .fit import Rendered, render


def render_sheet(sheet, variant: str, paper: str, *, draft: bool = False,
                 identity: dict | None = None) -> Rendered:
    """Compose a (translated) sheet in ``variant`` and render it (tests, benchmarks)."""
    from ...compose import compose

    return render(compose(sheet, variant, draft=draft or None), paper, identity=identity)


__all__ = ["Rendered", "render", "render_sheet"]
