"""factsheet-pdf: accessible, multilingual patient fact sheets as tagged PDF/UA-1.

Pipeline (one module each): load -> translate -> layout -> tag -> write; ``build`` runs it.
"""

__version__ = "0.1.0"
