"""``factsheet merge DIR...``: the shards of one plan (``build --shard K/N``) into one output
folder, as one build makes it (:mod:`.shards` says how a plan is shared and checked)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from .errors import Diagnostic, FactsheetError
from .formats import draft_path
from .model import SourceLoc
from .shards import read_shards


def merge(ws, folders: list[Path], out: Path, log=None) -> tuple[int, list[Diagnostic]]:
    """Land every shard's outputs in ``out`` and make the shared files; (outputs landed,
    notices). Raises FactsheetError with every problem when the shards cannot be merged
    (nothing is written then)."""
    from . import manifest as mf
    from . import regular
    from .build import BuildCache, load_library_cached, publish
    from .write import OutputFolder

    shards, problems = read_shards(folders)
    if problems:
        raise FactsheetError(problems)
    copies: list[tuple[str, bytes, dict]] = []
    for s in shards:
        owned = set(s.info["outputs"]) | {draft_path(o) for o in s.info["outputs"]}
        for rel, entry in sorted(s.entries.items()):
            if rel not in owned:
                continue  # an earlier build's, in a reused folder: not this shard's share
            try:
                data = regular.read_regular(s.folder / rel)
            except OSError as e:
                problems.append(Diagnostic(SourceLoc.file(s.folder / rel), f"cannot read: {e}"))
                continue
            if hashlib.sha256(data).hexdigest() != entry["sha256"] or entry["stale"]:
                problems.append(Diagnostic(SourceLoc.file(s.folder / rel), "not the bytes its "
                                           "shard's manifest records (damaged, or stale)"))
                continue
            meta = {k: entry[k] for k in mf.META_FIELDS if k in entry}
            copies.append((rel, data, meta))
    if problems:
        raise FactsheetError(problems)
    sites: dict[str, str] = {}
    for s in shards:
        sites.update(s.info.get("sites") or {})
    with OutputFolder(out, log=log) as folder:
        for rel, data, meta in sorted(copies):
            folder.land(rel, data, meta)
        cache = BuildCache(folder.out, ws.root)
        lib = load_library_cached(ws, cache)
        notices = publish(ws, folder, cache.digests, lib,
                          tuple(_Site(i, n) for i, n in sorted(sites.items())) or (None,))
        cache.save(set(lib.files.values()) | set(lib.failed))
    return len(copies), notices


@dataclass(frozen=True)
class _Site:
    """A clinic as the shelf names it (the merge has the shards' record, not the profile)."""

    id: str
    name: str
