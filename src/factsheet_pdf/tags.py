"""Language tags and catalog folders: the one mapping between them, as plain string rules.

User-facing tags are BCP 47 (``pt-BR``, ``zh-Hans``); catalog folders under ``locales/`` are
the same tag with ``_`` (``pt_BR``, ``zh_Hans``), one to one and reversible (Babel would turn
``tl`` into ``fil_PH``: we keep the user's tag). No Babel here, so the no-op build path can map
folders without loading CLDR data; :mod:`.languages` re-exports these.
"""

from __future__ import annotations

import re

SOURCE_LANG = "en"
"""The language content files are written in (their catalogs translate from it): its sheets
need no catalog."""


def canonical_tag(tag: str) -> str:
    """BCP 47 case conventions: ``pt-br`` -> ``pt-BR``, ``ZH-hans`` -> ``zh-Hans``."""
    parts = [p for p in re.split(r"[-_]", tag.strip())]
    out = [parts[0].lower()]
    for p in parts[1:]:
        if len(p) == 4 and p.isalpha():
            out.append(p.title())
        elif (len(p) == 2 and p.isalpha()) or (len(p) == 3 and p.isdigit()):
            out.append(p.upper())
        else:
            out.append(p.lower())
    return "-".join(out)


def catalog_folder(tag: str) -> str:
    """BCP 47 tag -> folder name under ``locales/`` (one to one: ``-`` becomes ``_``).

    >>> catalog_folder('pt-BR'), catalog_folder('zh-Hans'), catalog_folder('tl')
    ('pt_BR', 'zh_Hans', 'tl')
    """
    return canonical_tag(tag).replace("-", "_")


def tag_for_folder(folder: str) -> str:
    """Folder name under ``locales/`` -> BCP 47 tag (inverse of :func:`catalog_folder`)."""
    return folder.replace("_", "-")
