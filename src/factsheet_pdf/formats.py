"""Output formats: what a build can write, declared once, as plain data.

Read by the command line (``--formats``), the settings (``formats`` in ``factsheet.toml``),
the build (which renderer makes an output, and its file name) and the manifest (each entry's
``format``). Nothing here imports a renderer.

``pdf``: the tagged PDF, one per variant and paper (:mod:`.render.pdf`); ``html``: the web
edition, one per variant (:mod:`.render.html`). Braille comes with its own issue.
"""

from __future__ import annotations

FORMAT_NAMES: tuple[str, ...] = ("pdf", "html")
"""Every format a build can write, in build order."""

DEFAULT_FORMATS: tuple[str, ...] = ("pdf", "html")
"""What a build writes when neither ``--formats`` nor the settings say."""

PER_PAPER: dict[str, bool] = {"pdf": True, "html": False}
"""Whether a format makes one file per paper (a web page has no paper)."""


def output_name(sheet: str, lang: str, variant: str, paper: str | None = None,
                fmt: str = "pdf") -> str:
    """The file name of one output.

    >>> output_name("tf", "es", "large-print", "letter")
    'tf.es.large-print.letter.pdf'
    >>> output_name("tf", "es", "standard", fmt="html"), output_name("tf", "es", "large-print", fmt="html")
    ('tf.es.html', 'tf.es.large-print.html')
    """
    if fmt == "pdf":
        return f"{sheet}.{lang}.{variant}.{paper}.pdf"
    from .variants import VARIANT_NAMES

    middle = "" if variant == VARIANT_NAMES[0] else f".{variant}"
    return f"{sheet}.{lang}{middle}.{fmt}"


def format_of(path: str) -> str:
    """An output's format from its file name (``.html`` -> ``html``; anything else ``pdf``)."""
    return "html" if path.lower().endswith(".html") else "pdf"
