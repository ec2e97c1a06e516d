"""The manifest schema, its journal records, and the identity each PDF carries in its XMP.

Input: ``manifest.json`` bytes, journal lines, PDF files. Output: entries (``dict`` per PDF,
keyed by path relative to the manifest) and the bytes to write back.

``manifest.json`` (one per output folder, covering its subfolders such as ``drafts/`` and
``<site-id>/``)::

    {"schema": 2, "outputs": [ {entry}, ... ]}          # sorted by path

A shard's manifest (``factsheet build --shard K/N``) also has ``"shard"``: ``{"index"`` (0-based),
``"of"``, ``"plan"`` (the whole plan's digest), ``"outputs"`` (the paths this shard owns),
``"sites"`` (clinic id -> name)``}``, which ``factsheet merge`` reads (:mod:`.shards`).

Each entry: ``path`` ('/' separators, relative to the manifest), ``format`` (``pdf``,
``html`` or ``braille``), ``sheet``, ``lang``, ``variant`` (null for a BRF), ``paper`` (null
for a web page or a BRF), ``site`` (null without a site profile), ``draft`` (bool), ``stale``
(null, or ``{"reason", "since", "last_good"}``, ISO-8601 UTC), ``fingerprint`` (of the inputs,
given by the build), ``pages``, ``bytes``, ``sha256``, ``warnings`` (list of str), ``built``
(ISO-8601 UTC of the good build). An entry recovered from a PDF without identity has null
identity fields it cannot derive from the file name, and an empty fingerprint.

Schema 1 (``{"version": 1, ...}``, before web pages) is read as well: its entries are PDFs
(``format`` is taken from the file name). A PDF's entry is the same in both schemas but for
``format``; a web page's ``pages`` is null.

Every PDF carries its identity (sheet, lang, variant, paper, site, fingerprint, draft, pages)
in its XMP packet, in the namespace :data:`IDENTITY_NS`; the XMP stream is written
uncompressed, so :func:`read_identity` is a bytes search, with no PDF library at run time.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, unescape

from . import regular
from .formats import FORMAT_NAMES, format_of

MANIFEST = "manifest.json"
SCHEMA = 2
"""What :func:`dump` writes (``"schema": 2``); :func:`parse` also reads schema 1."""
OLD_VERSION = 1
"""Schema 1 said ``"version": 1``."""
FIELDS = ("path", "format", "sheet", "lang", "variant", "paper", "site", "draft", "stale",
          "fingerprint", "pages", "bytes", "sha256", "warnings", "built")
#: Fields the build gives to ``OutputFolder.land``; the others are computed.
META_FIELDS = frozenset({"format", "sheet", "lang", "variant", "paper", "site", "draft",
                         "fingerprint", "pages", "warnings"})
DRAFTS = "drafts"

IDENTITY_NS = "https://factsheet-pdf.invalid/ns/1.0/"
_KEY = re.compile(r"[a-z][a-z0-9_]*\Z")


class DamagedManifest(ValueError):
    """``manifest.json`` is not JSON or not of the schema's shape (the message says which)."""


def utc_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def utc_of(timestamp: float) -> str:
    return datetime.fromtimestamp(timestamp, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def normalize(entry: dict) -> dict:
    """An entry with every schema field, in schema order (unknown fields dropped)."""
    e = {
        "path": entry["path"], "format": format_of(str(entry["path"])), "sheet": None,
        "lang": None, "variant": None, "paper": None,
        "site": None, "draft": False, "stale": None, "fingerprint": "", "pages": None,
        "bytes": None, "sha256": None, "warnings": [], "built": None,
    }
    e.update({k: v for k, v in entry.items() if k in e})
    if e["format"] not in FORMAT_NAMES:
        e["format"] = format_of(str(e["path"]))
    e["draft"] = bool(e["draft"])
    e["warnings"] = [str(w) for w in (e["warnings"] or [])]
    e["fingerprint"] = "" if e["fingerprint"] is None else str(e["fingerprint"])
    return e


# -- manifest.json -------------------------------------------------------------------------

def parse(data: bytes) -> dict[str, dict]:
    """Entries by path; :class:`DamagedManifest` when the bytes are not a manifest."""
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as e:
        raise DamagedManifest(f"not JSON ({e})") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("outputs"), list):
        raise DamagedManifest("not a manifest (no 'outputs' list)")
    if "schema" in doc:
        if doc["schema"] != SCHEMA:
            raise DamagedManifest(f"unknown manifest schema {doc['schema']!r}")
    elif doc.get("version", OLD_VERSION) != OLD_VERSION:
        raise DamagedManifest(f"unknown manifest version {doc.get('version')!r}")
    out: dict[str, dict] = {}
    for item in doc["outputs"]:
        if not isinstance(item, dict) or not isinstance(item.get("path"), str):
            raise DamagedManifest("an output without a 'path'")
        out[item["path"]] = normalize(item)
    return out


def dump(entries: dict[str, dict], shard: dict | None = None) -> bytes:
    """The manifest's bytes; a shard's (``factsheet build --shard``) also says which share of
    which plan it holds (:mod:`.shards`)."""
    doc: dict = {"schema": SCHEMA}
    if shard is not None:
        doc["shard"] = shard
    doc["outputs"] = [normalize(entries[k]) for k in sorted(entries)]
    return (json.dumps(doc, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


# -- journal ---------------------------------------------------------------------------------

def record(op: str, **fields) -> bytes:
    """One journal line: ``{"op": "land", "entry": {...}}``, ``{"op": "stale", "path",
    "reason", "since"}`` or ``{"op": "remove", "path"}``."""
    return (json.dumps({"op": op, **fields}, ensure_ascii=False) + "\n").encode("utf-8")


def apply(entries: dict[str, dict], rec: dict) -> None:
    """Replay one journal record onto ``entries`` (unknown or malformed records are skipped)."""
    op = rec.get("op") if isinstance(rec, dict) else None
    if op == "land" and isinstance(rec.get("entry"), dict) and "path" in rec["entry"]:
        entries[rec["entry"]["path"]] = normalize(rec["entry"])
    elif op == "stale" and rec.get("path") in entries:
        e = entries[rec["path"]]
        last_good = (e["stale"] or {}).get("last_good") or e.get("built")
        since = (e["stale"] or {}).get("since") or rec.get("since")
        e["stale"] = {"reason": str(rec.get("reason", "")), "since": since,
                      "last_good": last_good}
    elif op == "remove":
        path: Any = rec.get("path")  # a JSON value: whatever the record holds
        entries.pop(path, None)


def replay(data: bytes, entries: dict[str, dict]) -> int:
    """Apply every complete journal line; a torn last line (a kill mid-append) is ignored."""
    n = 0
    for line in data.splitlines():
        try:
            rec = json.loads(line.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            continue
        apply(entries, rec)
        n += 1
    return n


# -- identity in the PDF's XMP ---------------------------------------------------------------

def identity_xml(identity: dict) -> str:
    """An ``rdf:Description`` with the output's identity, for the XMP packet ('' if empty)."""
    if not identity:
        return ""
    lines = []
    for key, value in identity.items():
        if not _KEY.match(key):
            raise ValueError(f"identity key {key!r} is not a plain name")
        if value is None:
            text = ""
        else:
            text = str(value).lower() if isinstance(value, bool) else str(value)
        lines.append(f"   <fs:{key}>{escape(text)}</fs:{key}>\n")
    return (f'  <rdf:Description rdf:about=""\n    xmlns:fs="{IDENTITY_NS}">\n'
            + "".join(lines) + "  </rdf:Description>\n")


_NS_MARK = f'xmlns:fs="{IDENTITY_NS}"'.encode("ascii")
_FIELD = re.compile(rb"<fs:([a-z][a-z0-9_]*)>([^<]*)</fs:\1>")


def identity_in(data: bytes) -> dict[str, str] | None:
    """The identity in PDF bytes (the last XMP packet that has one, as after an update)."""
    at = data.rfind(_NS_MARK)
    if at < 0:
        return None
    end = data.find(b"</rdf:Description>", at)
    block = data[at:end if end >= 0 else at + 65536]
    found = {k.decode("ascii"): unescape(v.decode("utf-8", "replace"))
             for k, v in _FIELD.findall(block)}
    return found or None


def read_identity(pdf_path: Path) -> dict[str, str] | None:
    """The identity a PDF written by this tool carries, or None (another tool's PDF)."""
    return identity_in(regular.read_regular(pdf_path))


_PAGE = re.compile(rb"/Type\s*/Page(?![A-Za-z])")
_HTML_IDENTITY = re.compile(rb'<meta name="factsheet:identity" content="([^"]*)">')


def html_identity(data: bytes) -> dict[str, str] | None:
    """The identity a web page of ours carries in its ``<meta name="factsheet:identity">``."""
    import html

    m = _HTML_IDENTITY.search(data[:65536])
    if m is None:
        return None
    try:
        found = json.loads(html.unescape(m[1].decode("utf-8")))
    except (UnicodeDecodeError, ValueError):
        return None
    if not isinstance(found, dict):
        return None
    return {str(k): str(v) for k, v in found.items() if _KEY.match(str(k))}


def entry_from_file(root: Path, relpath: str) -> dict:
    """An entry for an output on disk (a PDF, a web page or a BRF) from the identity it
    carries."""
    fmt = format_of(relpath)
    if fmt == "html":
        return entry_from_html(root, relpath)
    if fmt == "braille":
        return entry_from_brf(root, relpath)
    return entry_from_pdf(root, relpath)


def entry_from_brf(root: Path, relpath: str) -> dict:
    """An entry for a BRF on disk. A BRF is braille ASCII and nothing else: it carries no
    identity, so the entry has what its path gives (``[site/]braille/[drafts/]sheet.lang.brf``)
    and no fingerprint: the next build that plans it makes it again."""
    path = root / relpath
    data = path.read_bytes()
    parts = relpath.split("/")
    name = parts[-1].split(".")
    e: dict = {"path": relpath, "format": "braille", "bytes": len(data),
               "sha256": hashlib.sha256(data).hexdigest(), "built": utc_of(os.stat(path).st_mtime),
               "draft": DRAFTS in parts[:-1], "fingerprint": "",
               "pages": data.count(b"\f") + 1 if data else None}
    if len(name) == 3 and all(name):
        e.update(sheet=name[0], lang=name[1])
    if len(parts) >= 3 and parts[0] not in ("braille", DRAFTS):
        e["site"] = parts[0]
    return normalize(e)


def entry_from_html(root: Path, relpath: str) -> dict:
    """An entry for a web page on disk from its identity, else what its name gives."""
    path = root / relpath
    data = regular.read_regular(path)
    ident = html_identity(data) or {}
    e: dict = {"path": relpath, "format": "html", "bytes": len(data),
               "sha256": hashlib.sha256(data).hexdigest(), "built": utc_of(os.stat(path).st_mtime)}
    for key in ("sheet", "lang", "variant", "fingerprint"):
        e[key] = ident.get(key)
    e["site"] = ident.get("site") or None
    e["draft"] = (ident["draft"] == "true" if "draft" in ident
                  else DRAFTS in relpath.split("/")[:-1])
    return normalize(e)


def entry_from_pdf(root: Path, relpath: str) -> dict:
    """An entry for a PDF on disk from its XMP identity, else what its name and bytes give."""
    path = root / relpath
    data = regular.read_regular(path)
    mtime = os.stat(path).st_mtime
    ident = identity_in(data) or {}
    e: dict = {"path": relpath, "format": "pdf", "bytes": len(data),
               "sha256": hashlib.sha256(data).hexdigest(),
               "built": utc_of(mtime)}
    if ident:
        for key in ("sheet", "lang", "variant", "paper", "fingerprint"):
            e[key] = ident.get(key)
        e["site"] = ident.get("site") or None
        e["draft"] = (ident["draft"] == "true" if "draft" in ident
                      else relpath.split("/", 1)[0] == DRAFTS)
    else:
        parts = relpath.rsplit("/", 1)[-1].split(".")
        if len(parts) == 5 and parts[-1] == "pdf" and all(parts[:4]):
            e.update(sheet=parts[0], lang=parts[1], variant=parts[2], paper=parts[3])
        e["draft"] = relpath.split("/", 1)[0] == DRAFTS
    pages = ident.get("pages")
    e["pages"] = int(pages) if pages and pages.isdigit() else len(_PAGE.findall(data)) or None
    return normalize(e)
