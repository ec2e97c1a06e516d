"""Output formats: what a build can write, declared once, as plain data.

Read by the command line (``--formats``), the settings (``formats`` in ``factsheet.toml``),
the build (which renderer makes an output, and its file name) and the manifest (each entry's
``format``). Nothing here imports a renderer.

``pdf``: the tagged PDF, one per variant and paper (:mod:`.render.pdf`); ``html``: the web
edition, one per variant (:mod:`.render.html`); ``braille``: a BRF file, one per sheet and
language whatever the variants (:mod:`.render.braille`), in ``braille/``.
"""

from __future__ import annotations

FORMAT_NAMES: tuple[str, ...] = ("pdf", "html", "braille")
"""Every format a build can write, in build order."""

DEFAULT_FORMATS: tuple[str, ...] = ("pdf", "html")
"""What a build writes when neither ``--formats`` nor the settings say (braille needs
liblouis, a system library, so it is asked for)."""

PER_PAPER: dict[str, bool] = {"pdf": True, "html": False, "braille": False}
"""Whether a format makes one file per paper (a web page has no paper)."""

PER_VARIANT: dict[str, bool] = {"pdf": True, "html": True, "braille": False}
"""Whether a format makes one file per variant; one that does not is composed as the
edition of :data:`EDITION` and its manifest entry has no variant."""

EDITION: dict[str, str] = {"braille": "braille"}
"""The document (:data:`.variants.EDITIONS`) of a format made once per sheet and language."""

FOLDER: dict[str, str] = {"braille": "braille"}
"""The subfolder a format's files go in (below the output folder, a clinic's or drafts')."""

SUFFIX: dict[str, str] = {"pdf": ".pdf", "html": ".html", "braille": ".brf"}


def output_name(sheet: str, lang: str, variant: str, paper: str | None = None,
                fmt: str = "pdf") -> str:
    """The file name of one output (with its format's subfolder).

    >>> output_name("tf", "es", "large-print", "letter")
    'tf.es.large-print.letter.pdf'
    >>> output_name("tf", "es", "standard", fmt="html"), output_name("tf", "es", "large-print", fmt="html")
    ('tf.es.html', 'tf.es.large-print.html')
    >>> output_name("tf", "es", "braille", fmt="braille")
    'braille/tf.es.brf'
    """
    if fmt == "pdf":
        return f"{sheet}.{lang}.{variant}.{paper}.pdf"
    if fmt == "braille":
        return f"{FOLDER[fmt]}/{sheet}.{lang}.brf"
    from .variants import VARIANT_NAMES

    middle = "" if variant == VARIANT_NAMES[0] else f".{variant}"
    return f"{sheet}.{lang}{middle}.{fmt}"


def format_of(path: str) -> str:
    """An output's format from its file name (``.html`` -> ``html``, ``.brf`` -> ``braille``;
    anything else ``pdf``)."""
    low = path.lower()
    for fmt, suffix in SUFFIX.items():
        if low.endswith(suffix):
            return fmt
    return "pdf"


def draft_path(final: str) -> str:
    """Where an output's draft goes: ``drafts/`` beside it (``riverside/drafts/x.pdf``,
    ``braille/drafts/x.en.brf``)."""
    head, _, name = final.rpartition("/")
    return f"{head}/drafts/{name}" if head else f"drafts/{name}"
