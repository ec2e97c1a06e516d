"""Stage 5, write: PDF bytes -> ``<out>/<sheet>.<lang>.<variant>.<paper>.pdf`` and the manifest.

Files are written to a temporary name and renamed into place, so an interrupted or failed
build never leaves a half-written PDF under a good name. ``manifest.json`` describes every PDF
in the folder: entries of this run replace older ones, entries of files gone are dropped.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

MANIFEST = "manifest.json"


@dataclass(frozen=True, slots=True)
class Entry:
    path: str
    sheet: str
    lang: str
    variant: str
    paper: str
    pages: int
    bytes: int
    sha256: str
    draft: bool = False
    site: str | None = None
    stale: dict | None = None
    fingerprint: str = ""
    warnings: list[str] = field(default_factory=list)


def output_name(sheet: str, lang: str, variant: str, paper: str) -> str:
    return f"{sheet}.{lang}.{variant}.{paper}.pdf"


def atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_manifest(out: Path) -> dict[str, dict]:
    """The manifest's entries by path ({} when there is none or it is damaged)."""
    try:
        doc = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
        return {e["path"]: e for e in doc.get("outputs", [])}
    except (OSError, ValueError, AttributeError, KeyError, TypeError):
        return {}


def write_pdf(out: Path, name: str, data: bytes, **meta) -> Entry:
    atomic_write(out / name, data)
    return Entry(path=name, bytes=len(data), sha256=hashlib.sha256(data).hexdigest(), **meta)


def update_manifest(out: Path, entries: list[Entry], removed: list[str],
                    failed: list[str] = ()) -> Path:
    path = out / MANIFEST
    old = read_manifest(out)
    for name in removed:
        old.pop(name, None)
    for name in failed:
        if name in old and not old[name].get("stale"):
            old[name]["stale"] = {"reason": "the last build of this output failed"}
    for e in entries:
        old[e.path] = asdict(e)
    current = {k: v for k, v in old.items() if (out / k).is_file()}
    doc = {"outputs": [current[k] for k in sorted(current)]}
    atomic_write(path, (json.dumps(doc, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
    return path
