"""Stage 4, tag: the PDF/UA-1 tagging layer ReportLab does not have.

* :mod:`.structure`: the structure tree, built in reading order before layout; each leaf
  flowable carries its element.
* :mod:`.canvas`: a ReportLab canvas that wraps each drawn text run in ``/Tag <</MCID n>> BDC
  ... EMC``, everything else in ``/Artifact``, and puts back the inter-word space ReportLab
  drops at every line end.
* :mod:`.pdfobjects`: writes StructTreeRoot, ParentTree, MarkInfo and XMP when the canvas saves.

This layer relies on ReportLab internals, all reached through :mod:`factsheet_pdf.rlseam`
(ReportLab is pinned exactly; tests/test_rlseam.py has a contract test for each, failing loudly
with the ReportLab version when one changes): the content stream of a text object and of a
canvas (``_code``, through ``rlseam.emit``), a text object's font (``_fontname``, ``_fontsize``:
``rlseam.text_font``), ``PDFTextObject._textOut`` / ``_setFont`` (overridden in
``rlseam.TextObject``, which calls ``text_run`` / ``font_changed``), ``Canvas._setAnnotations``
(overridden in ``rlseam.Canvas``, which calls ``page_finished``), the text object of the paragraph
being drawn in an onDraw callback (``_curr_tx_info``: ``rlseam.current_text_object``), the last
annotation (``_annotationCount``: ``rlseam.last_annotation_ref``), a page's annotations
(``_annotationrefs``: ``rlseam.page_has_annotations``), the entries a page writes
(``PDFPage.__NoDefault__``: ``rlseam.allow_page_keys``), the canvas's document (``_doc``:
``rlseam.canvas_document``) and its time stamp (``_timeStamp``: ``rlseam.document_timestamp``).
The onDraw callback protocol of paragraphs (``setNamedCB``) is public.
"""

from .canvas import TaggingCanvas
from .structure import Element, StructTree

__all__ = ["Element", "StructTree", "TaggingCanvas"]
