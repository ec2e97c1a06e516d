"""Stage 4, render: a composed document -> an output format.

Each renderer is a subpackage that reads the composed document and decides only geometry and
ink: :mod:`.pdf` (ReportLab, tagged by :mod:`factsheet_pdf.tag`).
"""
