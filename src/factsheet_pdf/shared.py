"""The shared strings: the ``common`` gettext domain every sheet uses, and how it is layered.

The English source is the package's ``data/common.yaml``; the package ships ``common.pot`` and
a ``common.po`` for every shipped language (``data/locales/<folder>/LC_MESSAGES/``). Layers,
strongest first, for one language:

1. a sheet's own ``labels:`` (a unit of that sheet's catalog, with the same id);
2. the workspace's ``locales/<folder>/LC_MESSAGES/common.po``, entry by entry (an entry counts
   when it is translated and not fuzzy) — the only ``common`` file the i18n commands write;
3. the package's ``common.po`` (never written by the tool).

``common`` is a reserved sheet id.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from importlib import resources
from pathlib import Path

from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from .model import SourceLoc, Unit
from .nodes import parse_nodes

DOMAIN = "common"
RESERVED_IDS = (DOMAIN,)
SOURCE_PATH = "factsheet_pdf/data/common.yaml"
"""How messages name the shared strings' English source."""


_ASCII_SPACE = re.compile(r"[ \t\r\n\f\v]+")


def normalise(text: str) -> str:
    """Text as the pipeline keeps it: Unicode NFC (decomposed marks would stack unpositioned),
    runs of ASCII white space folded to one space; no-break spaces (U+00A0, U+202F: French
    punctuation) are kept, so they never break."""
    return _ASCII_SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


@cache
def source_units() -> tuple[Unit, ...]:
    """The shared strings in English, in file order (domain ``common``)."""
    text = (resources.files("factsheet_pdf.data") / "common.yaml").read_text(encoding="utf-8")
    root = parse_nodes(text)
    assert isinstance(root, SequenceNode)
    out = []
    for node in root.value:
        assert isinstance(node, MappingNode)
        m = {k.value: v for k, v in node.value if isinstance(k, ScalarNode)}
        line = node.start_mark.line + 1
        out.append(Unit(m["id"].value, normalise(m["text"].value),
                        SourceLoc(SOURCE_PATH, line), comment=" ".join(m["comment"].value.split()),
                        domain=DOMAIN))
    return tuple(out)


def unit(uid: str) -> Unit:
    for u in source_units():
        if u.id == uid:
            return u
    raise KeyError(uid)


@cache
def label_names() -> tuple[str, ...]:
    """Names of the page labels and notices (``label.<name>`` ids) a sheet may override."""
    return tuple(u.id[len("label."):] for u in source_units() if u.id.startswith("label."))


STRUCTURAL = ("glossary.heading", "contact.heading", "xref.sheet")
"""Shared strings that stand in the sheet's structure (a default heading...), not its labels."""


def labels_with(own: list[Unit]) -> tuple[Unit, ...]:
    """Every shared string a sheet may print (page labels, notices, the contact block's
    sentences, day names), with the sheet's own overrides in place of the shared ones."""
    mine = {u.id: u for u in own}
    return tuple(mine.get(u.id, u) for u in source_units() if u.id not in STRUCTURAL)


def package_template() -> Path:
    return Path(str(resources.files("factsheet_pdf.data") / "common.pot"))


def package_catalog(folder: str) -> Path | None:
    """The package's common.po for a catalog folder (``pt_BR``), or None if none ships."""
    p = resources.files("factsheet_pdf.data") / "locales" / folder / "LC_MESSAGES" / "common.po"
    return Path(str(p)) if p.is_file() else None


def package_folders() -> tuple[str, ...]:
    base = resources.files("factsheet_pdf.data") / "locales"
    if not base.is_dir():
        return ()
    return tuple(sorted(p.name for p in base.iterdir() if (p / "LC_MESSAGES").is_dir()))
