"""The print shelf: ``index.html`` in each output folder, listing every handout for a person.

Input: the output folder's manifest entries, the library (each sheet's title per language and
revision month), the site profiles still in the workspace. Output: ``<out>/index.html``
(the outputs without a clinic, and links to the clinics' shelves) and ``<out>/<site>/index.html``
for each clinic whose profile is still in ``sites/`` (or built now); the PDFs' first-page
thumbnails in ``<out>/assets/thumbs/`` (:mod:`.thumbs`).

A shelf records a digest of what it was made of (the entries, the sheets, the site profiles,
the tool's code); a build that changed none of them rewrites nothing and imports neither
PDFium nor Babel. A clinic whose profile has gone from ``sites/`` is left off the shelves and
reported as orphaned: ``factsheet clean`` removes its folder.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from .. import regular
from ..errors import Diagnostic
from ..model import SourceLoc
from ..write import SHELF, atomic_write
from . import thumbs

if TYPE_CHECKING:
    from ..fingerprint import Digests
    from ..library import Library
    from ..workspace import Workspace
    from ..write import OutputFolder

HEADING = "Fact sheets: the print shelf"
_FIELDS = ("path", "format", "sheet", "lang", "variant", "paper", "site", "draft", "pages",
           "bytes", "sha256")


def digest(entries: dict[str, dict], code: str, sheets: Iterable[tuple[str, str]],
           sites: Iterable[str]) -> str:
    """What the shelves of a folder are made of (no build time: a rebuild is byte-identical)."""
    h = hashlib.sha256(f"shelf/1\0{code}\0".encode())
    for rel in sorted(entries):
        e = entries[rel]
        h.update(repr([e.get(k) for k in _FIELDS] + [bool(e.get("stale"))]).encode() + b"\0")
    h.update(repr(sorted(sheets)).encode() + b"\0" + repr(sorted(sites)).encode())
    return h.hexdigest()


def _current(path: Path, want: str) -> bool:
    from .page import digest_in

    try:
        return digest_in(regular.read_head(path, 4096)) == want
    except OSError:
        return False


def site_profiles(ws: Workspace) -> list[Path]:
    return sorted(ws.sites.glob("*.yaml")) if ws.sites.is_dir() else []


def _site_names(ws: Workspace, built: dict[str, str]) -> dict[str, str]:
    """Site id -> name of every profile in ``sites/`` that loads, and those built now."""
    from ..errors import FactsheetError
    from ..site.profile import load_site

    found = dict(built)
    for p in site_profiles(ws):
        try:
            prof = load_site(p)
        except FactsheetError:
            continue
        found.setdefault(prof.id, prof.name)
    return found


def write_shelves(ws: Workspace, folder: OutputFolder, digests: Digests, lib: Library,
                  built_sites: dict[str, str]) -> list[Diagnostic]:
    """Write the folder's shelves when what they list changed (and each PDF's thumbnail when
    it has none); returns the notices (orphaned clinic folders)."""
    out = folder.out
    entries = folder.entries()
    pdfs = {r: e["sha256"] for r, e in entries.items() if e["format"] == "pdf" and e["sha256"]}
    thumbs.ensure(out, pdfs)
    profiles = [(ws.rel(p), digests.file(p)) for p in site_profiles(ws)]
    want = digest(entries, digests.code(), [*lib.files.items(), *profiles],
                  sorted(built_sites))
    in_folders = sorted({e["site"] for e in entries.values() if e["site"]})
    if _current(out / SHELF, want) and all(
            _current(out / s / SHELF, want) for s in in_folders if s in built_sites):
        return []
    names = _site_names(ws, built_sites)
    notices = [Diagnostic(SourceLoc.file(out / s), "orphaned: its site profile is no longer in "
                          f"{ws.rel(ws.sites)}/; `factsheet clean` removes this folder",
                          severity="warning") for s in in_folders if s not in names]
    from .facts import Facts
    from .page import render_shelf

    facts = Facts(ws, lib)
    clinics = tuple((f"{s}/{SHELF}", names[s]) for s in in_folders if s in names)
    shelves = [("", None, clinics)] + [(f"{s}/", s, ()) for s in in_folders if s in names]
    for prefix, site, links in shelves:
        mine = [e for e in entries.values() if e["site"] == site]
        up = "../" if prefix else ""

        def thumb(e: dict, up: str = up) -> tuple[str, int, int] | None:
            name = thumbs.thumb_name(e["sha256"] or "")
            size = thumbs.size_of(out / name)
            return None if size is None else (up + name, *size)

        heading = HEADING if site is None else f"{HEADING}, {names[site]}"
        data = render_shelf(facts.group(mine), digest=want, prefix=prefix, heading=heading,
                            thumb=thumb, clinics=links)
        target = out / prefix / SHELF
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(target, data)
    thumbs.prune(out, {thumbs.thumb_name(sha) for sha in pdfs.values()})
    return notices
