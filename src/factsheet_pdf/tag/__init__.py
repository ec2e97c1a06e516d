"""Stage 4, tag: the PDF/UA-1 tagging layer ReportLab does not have.

* :mod:`.structure`: the structure tree, built in reading order before layout; each leaf
  flowable carries its element.
* :mod:`.canvas`: a ReportLab canvas that wraps each drawn text run in ``/Tag <</MCID n>> BDC
  ... EMC``, everything else in ``/Artifact``, and puts back the inter-word space ReportLab
  drops at every line end.
* :mod:`.pdfobjects`: writes StructTreeRoot, ParentTree, MarkInfo and XMP when the canvas saves.

This layer relies on ReportLab internals (PDFTextObject._code, Canvas._setAnnotations, the
onDraw callback protocol of paragraphs, PDFPage.__NoDefault__): ReportLab is pinned exactly, and
tests/test_reportlab_internals.py fails loudly if any of them change.
"""

from .canvas import TaggingCanvas
from .structure import Element, StructTree

__all__ = ["Element", "StructTree", "TaggingCanvas"]
