"""A build split across machines: ``factsheet build --shard K/N`` and ``factsheet merge``.

Every shard plans the whole build, exactly as one build would (the same outputs, the same
fingerprints, the same cross-reference links: a sibling is linked because it is planned, not
because it is on this machine), then writes only its share. The share is a partition of the
plan's (clinic, sheet, language) groups by a cost estimate computed from the plan alone (the
formats, variants and papers of each group and how its script is laid out), never from a
local cache or timing, so every runner computes the same partition. Each shard's manifest
records the partition (``"shard"``: its index, the shard count, the plan's digest and the
outputs it owns); the shared files (the web pages' assets, thumbnails, the print shelf) are
made by the merge, from all the outputs.

``factsheet merge DIR...`` checks that the shards are of one plan (same digest and count, each
index once), that every planned output is in exactly one of them and that its bytes are the
ones its shard's manifest records, then lands every output in the output folder as a build
would and makes the shared files. The merged folder is byte-identical to one build's but for
each manifest entry's ``built`` time.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .errors import Diagnostic
from .model import SourceLoc

WEIGHT = {("pdf", "standard"): 1.0, ("pdf", "large-print"): 1.3, ("html", None): 0.15,
          ("braille", None): 0.3}
"""Relative cost of one output by format (and variant for PDFs), as measured in bench/: a
standard PDF's fit search against large print's longer single layout; a web page or a BRF is
a fraction of either."""

SCRIPT_COST = 1.5
"""Shaped or dictionary-broken scripts (and CJK) cost about half again as much per PDF."""


def parse_spec(value: str) -> tuple[int, int]:
    """``K/N`` (1 <= K <= N) -> (K - 1, N): shard numbers are 1-based on the command line, as
    CI matrices and Kubernetes' JOB_COMPLETION_INDEX + 1 give them."""
    m = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", value)
    if not m or not 1 <= int(m[1]) <= int(m[2]):
        raise ValueError("must be K/N with 1 <= K <= N, e.g. 2/4")
    return int(m[1]) - 1, int(m[2])


@dataclass(frozen=True)
class Group:
    """One (clinic, sheet, language) of the plan and its planned outputs (paths and
    fingerprints)."""

    site: str | None
    sheet: str
    lang: str
    outputs: tuple[tuple[str, str], ...]
    cost: float


def cost(outputs: Iterable[tuple[str, str | None]], heavy_script: bool) -> float:
    """The estimate of one group: its outputs' (format, variant) weights."""
    total = 0.0
    for fmt, variant in outputs:
        w = WEIGHT.get((fmt, variant if fmt == "pdf" else None), 1.0)
        total += w * (SCRIPT_COST if heavy_script and fmt == "pdf" else 1.0)
    return total


def partition(groups: list[Group], n: int) -> list[int]:
    """The shard of each group: longest first to the least loaded shard (ties: the lower
    index), in an order every runner computes alike."""
    order = sorted(range(len(groups)), key=lambda i: (-groups[i].cost, groups[i].site or "",
                                                      groups[i].sheet, groups[i].lang))
    load = [0.0] * n
    shard = [0] * len(groups)
    for i in order:
        k = min(range(n), key=lambda j: (load[j], j))
        shard[i] = k
        load[k] += groups[i].cost
    return shard


def plan_digest(groups: list[Group], n: int) -> str:
    h = hashlib.sha256(f"plan/1\0{n}\0".encode())
    for g in sorted(groups, key=lambda g: (g.site or "", g.sheet, g.lang)):
        for path, fp in g.outputs:
            h.update(f"{path}\0{fp}\0".encode())
    return h.hexdigest()


def record(groups: list[Group], mine: list[bool], index: int, n: int,
           sites: dict[str, str]) -> dict:
    """What a shard's manifest says of its share (``"shard"``)."""
    return {"index": index, "of": n, "plan": plan_digest(groups, n),
            "outputs": sorted(p for g, m in zip(groups, mine) if m for p, _ in g.outputs),
            "sites": dict(sorted(sites.items()))}


# -- merge ---------------------------------------------------------------------------------

@dataclass
class Shard:
    folder: Path
    info: dict
    entries: dict[str, dict]


def read_shards(folders: list[Path]) -> tuple[list[Shard], list[Diagnostic]]:
    """The shards' manifests, and every reason they cannot be merged."""
    from . import manifest as mf
    from . import regular

    shards: list[Shard] = []
    problems: list[Diagnostic] = []
    for d in folders:
        path = d / mf.MANIFEST
        try:
            data = regular.read_regular(path)
            entries = mf.parse(data)
            info = json.loads(data.decode("utf-8")).get("shard")
        except (OSError, mf.DamagedManifest, ValueError) as e:
            problems.append(Diagnostic(SourceLoc.file(path), f"cannot read the shard: {e}"))
            continue
        if not isinstance(info, dict) or not {"index", "of", "plan", "outputs"} <= set(info):
            problems.append(Diagnostic(SourceLoc.file(path), "not a shard's manifest (built "
                                       "without --shard K/N)"))
            continue
        shards.append(Shard(d, info, entries))
    if problems:
        return shards, problems
    if not shards:
        return shards, problems
    first = shards[0]
    for s in shards[1:]:
        if (s.info["plan"], s.info["of"]) != (first.info["plan"], first.info["of"]):
            problems.append(Diagnostic(
                SourceLoc.file(s.folder / "manifest.json"),
                f"the shards are of different plans (other inputs, options or shard counts): "
                f"this is {s.info['index'] + 1}/{s.info['of']} of plan {s.info['plan'][:12]}, "
                f"{first.folder} is {first.info['index'] + 1}/{first.info['of']} of plan "
                f"{first.info['plan'][:12]}"))
    if problems:
        return shards, problems
    n = shards[0].info["of"] if shards else 0
    seen: dict[int, Path] = {}
    unique = []
    for s in shards:
        k = s.info["index"]
        if k in seen:
            problems.append(Diagnostic(SourceLoc.file(s.folder), f"shard {k + 1}/{n} given "
                                       f"twice (also {seen[k]})"))
            continue
        seen[k] = s.folder
        unique.append(s)
    absent = [str(k + 1) for k in range(n) if k not in seen]
    if absent:
        problems.append(Diagnostic(None, f"shards missing: {', '.join(absent)} of {n}"))
    owner: dict[str, Path] = {}
    for s in unique:
        for out in s.info["outputs"]:
            if out in owner:
                problems.append(Diagnostic(SourceLoc.file(s.folder / "manifest.json"),
                                           f"{out} is built by this shard and by {owner[out]}"))
            owner[out] = s.folder
            if out not in s.entries and _draft(out) not in s.entries:
                problems.append(Diagnostic(SourceLoc.file(s.folder / out), "missing from its "
                                           "shard (its build failed there?)"))
    return shards, problems


def _draft(rel: str) -> str:
    from .formats import draft_path

    return draft_path(rel)
