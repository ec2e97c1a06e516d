"""``factsheet clean``: remove the outputs a folder's manifest lists that the workspace's plan no
longer produces (a deleted clinic profile's folder, a removed language, sheet, variant, paper or
format), and say what it removed.

Input: the workspace (its sheets, the languages, variants, papers and formats of its settings,
the site profiles in ``sites/`` and the settings' ``site``) and an output folder. Output: the
files and folders removed (or, with ``dry_run``, those that would be). Only what the manifest
lists is removed, and the shelf and folders of a clinic that is gone; the shelves are then
written again. A sheet whose content file no longer loads keeps its outputs (it is still in
the workspace).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .build import DRAFTS
from .errors import FactsheetError
from .formats import FOLDER, FORMAT_NAMES, PER_VARIANT
from .library import load_library, workspace_languages
from .variants import PAPER_NAMES, VARIANT_NAMES
from .workspace import Workspace
from .write import ASSETS, SHELF, OutputFolder, cannot


@dataclass(frozen=True)
class Plan:
    sheets: frozenset[str]
    langs: frozenset[str]
    variants: frozenset[str]
    papers: frozenset[str]
    formats: frozenset[str]
    sites: frozenset[str | None]

    def produces(self, e: dict) -> bool:
        return (e["sheet"] in self.sheets and e["lang"] in self.langs
                and (e["variant"] in self.variants if PER_VARIANT.get(e["format"], True)
                     else True) and e["format"] in self.formats
                and (e["paper"] in self.papers if e["format"] == "pdf" else True)
                and e["site"] in self.sites)


def _all(value, allowed) -> frozenset[str]:
    return frozenset(allowed if value == "all" else value)


def plan(ws: Workspace) -> Plan:
    """What the workspace produces: every sheet (those that do not load too), the languages,
    variants, papers and formats of the settings, no site and every profile in ``sites/``."""
    from .site.profile import load_site

    lib = load_library(ws, report=set())
    sheets = set(lib.files) | {Path(f).stem for f in lib.failed}
    st = ws.settings
    langs = workspace_languages(ws) if st.languages == "all" else list(st.languages)
    sites: set[str | None] = {None}
    for p in (sorted(ws.sites.glob("*.yaml")) if ws.sites.is_dir() else []):
        try:
            sites.add(load_site(p).id)
        except FactsheetError:
            sites.add(p.stem)  # a profile being edited keeps its folder
    return Plan(frozenset(sheets), frozenset(langs), _all(st.variants, VARIANT_NAMES),
                _all(st.papers, PAPER_NAMES), _all(st.formats, FORMAT_NAMES), frozenset(sites))


@dataclass
class Cleaned:
    removed: list[str] = field(default_factory=list)
    """Paths relative to the output folder (a folder ends with '/')."""


def clean(ws: Workspace, out: Path, *, dry_run: bool = False, log=None) -> Cleaned:
    """Remove what ``out``'s manifest lists and the plan no longer produces."""
    want = plan(ws)
    res = Cleaned()
    if not (out / "manifest.json").is_file():
        return res
    with OutputFolder(out, log=log) as folder:
        entries = folder.entries()
        gone = sorted(r for r, e in entries.items() if not want.produces(e))
        res.removed += gone
        left_sites = {e["site"] for r, e in entries.items() if r not in gone}
        orphans = sorted({e["site"] for e in entries.values() if e["site"]} - left_sites
                         - set(s for s in want.sites if s))
        for s in orphans:
            if (out / s / SHELF).is_file():
                res.removed.append(f"{s}/{SHELF}")
            res.removed.append(f"{s}/")
        if dry_run:
            return res
        for rel in gone:
            folder.remove(rel)
        for s in orphans:
            _remove_folder(out / s)
        from . import fingerprint as fpr
        from .build import publish

        lib = load_library(ws, report=set())
        publish(ws, folder, fpr.Digests(ws.root), lib, ())
    return res


def _remove_folder(path: Path) -> None:
    """A clinic's folder once its outputs are gone: its shelf, then the folder if empty."""
    try:
        (path / SHELF).unlink(missing_ok=True)
        subs = [path / f / DRAFTS for f in FOLDER.values()] + [path / f for f in FOLDER.values()]
        for sub in (*subs, path / DRAFTS, path / ASSETS, path):
            if sub.is_dir() and not any(sub.iterdir()):
                sub.rmdir()
    except OSError as e:
        raise cannot(path, e, "remove") from None
