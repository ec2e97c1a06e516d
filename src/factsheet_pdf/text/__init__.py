"""Text layout for every script, without ReportLab: itemise, choose fonts, shape, break, order.

The pipeline for one paragraph (DESIGN.md "World scripts"):

1. :mod:`.runs`: the paragraph's characters, each with its style (bold, italic, link), are
   itemised into runs of one script, one language, one bidi level and one style; each run
   gets a font face from the fallback chain (:mod:`.chain`).
2. :mod:`.shaping`: each run is shaped with HarfBuzz, direction, script and language set
   explicitly; the shaped advances measure the text.
3. :mod:`.icu`: line-break opportunities by UAX #14 with ICU's dictionaries (Thai, Lao,
   Khmer, Burmese), the Japanese rules (small kana never start a line); the Unicode
   Bidirectional Algorithm (ICU's ``Bidi``: ``setPara`` for the paragraph, ``setLine`` for
   each line).
4. :mod:`.lines`: lines broken in logical order, then each line's runs ordered for display;
   glyph positions in points. The PDF renderer draws them (render/pdf/shaped.py).
"""
