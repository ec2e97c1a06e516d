"""The PDF renderer: a Sheet in one language -> a tagged PDF for (variant, paper).

:func:`render` is the entry point; it tries the variant's settings (:mod:`.styles`) until the
sheet fits its page limit, building the story (:mod:`.story`) on page templates
(:mod:`.pages`) with the tagging canvas (:mod:`factsheet_pdf.tag`).
"""

from .fit import Rendered, render

__all__ = ["Rendered", "render"]
