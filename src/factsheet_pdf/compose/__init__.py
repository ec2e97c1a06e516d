"""Stage 3, compose: the document itself, decided once, as format-neutral frozen data.

:func:`compose` turns one translated sheet in one variant into a :class:`Doc`
(:mod:`.doc`); every renderer (:mod:`factsheet_pdf.render`) reads it and decides only
geometry and ink. :func:`outline` prints it (``factsheet show``). Nothing here imports
ReportLab or fontTools.
"""

from .compose import compose
from .doc import Doc, Marks, Meta, Node
from .outline import outline

__all__ = ["Doc", "Marks", "Meta", "Node", "compose", "outline"]
