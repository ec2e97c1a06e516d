"""After a build's outputs have landed: what the web pages of an output folder share.

Input: the output folder (its manifest's ``html`` entries) and the build's digests. Output:
``<out>/assets/`` (:mod:`.render.html.assets`), rewritten only when a page or a font changed;
a folder without web pages gets none. Every failure is one located line.
"""

from __future__ import annotations

from . import fingerprint as fpr
from . import regular
from .errors import FactsheetError
from .workspace import Workspace
from .write import ASSETS, OutputFolder, cannot


def assets_base(ws: Workspace, digests: fpr.Digests) -> str:
    """What the assets depend on besides the pages: the tool's code and the workspace's
    fonts (the shipped fonts go with the tool's version)."""
    return fpr.combine(fpr.versions(), digests.code(), digests.tree(ws.fonts))


def write_web_assets(ws: Workspace, folder: OutputFolder, digests: fpr.Digests) -> list[str]:
    """Make ``assets/`` for the folder's web pages when they or the fonts changed; returns
    the files written (relative to the folder)."""
    pages = {rel: e for rel, e in folder.entries().items() if e["format"] == "html"}
    if not pages:
        return []
    from .render.html import assets

    want = assets.digest(assets_base(ws, digests), ((r, e["sha256"] or "")
                                                     for r, e in pages.items()))
    if assets.current(folder.out, want):
        return []
    from . import fonts

    fonts.configure(ws.fonts, display_root=ws.root)
    data: dict[str, bytes] = {}
    for rel in pages:
        try:
            data[rel] = regular.read_regular(folder.out / rel)
        except OSError as e:
            raise cannot(folder.out / rel, e, "read") from None
    try:
        return assets.write_assets(folder.out, data, want)
    except OSError as e:
        raise cannot(folder.out / ASSETS, e) from None
    except FactsheetError:
        raise
