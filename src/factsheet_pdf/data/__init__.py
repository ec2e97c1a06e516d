"""Data shipped with the package: the shared strings (common domain) and workspace templates."""
