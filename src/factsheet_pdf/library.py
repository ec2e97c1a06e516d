"""A workspace's library: every sheet, loaded and checked together, and each one's catalogs.

:func:`load_library` loads every content file, reports each file's problems and goes on with
the others; it checks what only the whole library can check: sheet ids unique across the
workspace (an error naming both files) and cross-references that name a sheet of the workspace.
:func:`catalogs` gives one sheet's translations for one language with the shared strings'
layers (:mod:`.shared`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from . import regular
from .errors import Diagnostic, FactsheetError
from .model import CrossRef, Sheet, SourceLoc
from .tags import SOURCE_LANG
from .workspace import Workspace

if TYPE_CHECKING:
    from .translate import Catalog, Catalogs

# Loading a sheet (PyYAML), reading a catalog (Babel) and the shared strings are imported by
# the functions that need them: a no-op build reads none of them.


@dataclass
class Library:
    sheets: dict[str, Sheet] = field(default_factory=dict)
    """Sheets that loaded, by id."""
    files: dict[str, str] = field(default_factory=dict)
    """Sheet id -> content file (as printed)."""
    problems: list[Diagnostic] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    """Content files that did not load."""


def xrefs(sheet: Sheet) -> list[CrossRef]:
    return [b for s in sheet.sections for b in s.blocks
            if isinstance(b, CrossRef) and b.sheet is not None]


def xref_targets(sheet: Sheet) -> list[str]:
    """The ids of the sheets ``sheet`` cross-references, in reading order."""
    return [x.sheet for x in xrefs(sheet) if x.sheet is not None]


def load_library(ws: Workspace, report: set[str] | None = None, load=None) -> Library:
    """Load every content file of the workspace and check ids and cross-references.

    Every file is read (ids and titles are needed across the library); problems are reported
    for the files in ``report`` (as printed, relative to the workspace), or for all. ``load``
    (``(path, shown) -> Sheet``, default :func:`.load.load_sheet`) lets the build read sheets
    through its cache.
    """
    if load is None:
        from .load import load_sheet as load

    lib = Library()
    for path in ws.sheet_files():
        shown = ws.rel(path)
        try:
            sheet = load(path, shown)
        except FactsheetError as e:
            lib.failed.append(shown)
            if report is None or shown in report:
                lib.problems += e.diagnostics
            continue
        if sheet.id in lib.files:
            # Neither file is built: either would overwrite the other's PDFs.
            first = lib.files[sheet.id]
            for here, other, p in ((shown, first, path), (first, shown, None)):
                if here in lib.failed:
                    continue
                lib.failed.append(here)
                if report is None or here in report:
                    lib.problems.append(Diagnostic(
                        _sheet_line(p if p is not None else ws.root / here, here),
                        f"sheet id {sheet.id!r} is used by {other} too; sheet ids must be "
                        "unique in a workspace"))
            lib.sheets.pop(sheet.id, None)
            continue
        lib.files[sheet.id] = shown
        lib.sheets[sheet.id] = sheet
    for sheet in list(lib.sheets.values()):
        for x in xrefs(sheet):
            if x.sheet not in lib.files:
                known = ", ".join(sorted(lib.files)) or "none"
                lib.failed.append(sheet.path)
                del lib.sheets[sheet.id]
                if report is None or sheet.path in report:
                    lib.problems.append(Diagnostic(x.loc, f"cross-reference to unknown sheet "
                                                          f"{x.sheet!r} (sheets here: {known})"))
                break
    return lib


def dial(sheet: Sheet, region: str) -> Sheet:
    """The sheet with its own contact phone checked as a number of ``region`` (the workspace's
    ``region``) and linked as a global ``tel:+...`` number; raise FactsheetError at the
    phone's place when it is not one valid number (:func:`.phone.parse_phone`)."""
    c = sheet.contact
    if c is None or c.phone is None or c.tel is not None:
        return sheet
    from .phone import PhoneError, parse_phone

    try:
        number = parse_phone(c.phone, region, c.vanity)
    except PhoneError as e:
        loc = c.phone_loc or c.loc
        if e.index is not None and loc.column is not None:
            loc = SourceLoc(loc.path, loc.line, loc.column + e.index)
        raise FactsheetError(Diagnostic(loc, e.message, hint=e.hint)) from None
    return replace(sheet, contact=replace(c, tel=number.tel))


def dial_all(lib: Library, region: str, ids) -> dict[str, list[Diagnostic]]:
    """:func:`dial` for the sheets ``ids`` of the library, each replaced by its dialled form;
    the problems of those whose phone is not valid, by sheet id (they stay as loaded, so a
    cross-reference to one still finds its title)."""
    problems: dict[str, list[Diagnostic]] = {}
    for sid in ids:
        try:
            lib.sheets[sid] = dial(lib.sheets[sid], region)
        except FactsheetError as e:
            problems[sid] = e.diagnostics
    return problems


def _sheet_line(path: Path, shown: str) -> SourceLoc:
    """Where a content file says ``sheet:`` (line 1 when it cannot be found)."""
    try:
        for i, line in enumerate(regular.read_text(path).splitlines(), 1):
            if line.startswith("sheet:"):
                return SourceLoc(shown, i, 8)
    except (OSError, UnicodeDecodeError):
        pass
    return SourceLoc(shown, 1)


def _read(path: Path, shown: str) -> Catalog:
    from .i18n import catalogs as po  # Babel: only when a catalog is read
    from .translate import catalog_from_po

    return catalog_from_po(po.read(path), shown)


def workspace_languages(ws: Workspace) -> list[str]:
    """BCP 47 tags of every language with a catalog in the workspace (English first)."""
    from .tags import tag_for_folder

    tags = set()
    if ws.locales.is_dir():
        for folder in ws.locales.iterdir():
            if folder.is_dir() and any((folder / "LC_MESSAGES").glob("*.po")):
                tags.add(tag_for_folder(folder.name))
    tags.discard("en")
    return ["en", *sorted(tags)]


def catalogs(ws: Workspace, sheet_id: str, tag: str, read=None) -> Catalogs:
    """The sheet's catalog for ``tag`` (None when none exists) and the shared strings' layers.

    ``read`` (``(path, shown) -> Catalog``, default: read the file) lets the build read each
    catalog once per process."""
    read = read or _read
    from . import shared
    from .i18n import catalogs as po
    from .tags import catalog_folder
    from .translate import Catalogs

    folder = catalog_folder(tag)
    sheet_path = po.catalog_path(ws.root, sheet_id, tag)
    sheet_cat = read(sheet_path, ws.rel(sheet_path)) if sheet_path.exists() else None
    layers = []
    ws_common = po.catalog_path(ws.root, shared.DOMAIN, tag)
    if ws_common.exists():
        layers.append(read(ws_common, ws.rel(ws_common)))
    pkg = shared.package_catalog(folder)
    if pkg is not None:
        layers.append(read(pkg, f"factsheet_pdf/data/locales/{folder}/LC_MESSAGES/common.po"))
    return Catalogs(sheet_cat, ws.rel(sheet_path), tuple(layers), ws.rel(ws_common))


def title_in(ws: Workspace, sheet: Sheet, tag: str, read=None):
    """A sheet's title unit in ``tag``: translated when its catalog has it, else English
    (``read`` as for :func:`catalogs`)."""
    if tag == SOURCE_LANG:
        return sheet.title
    from . import shared
    from .i18n import catalogs as po

    path = po.catalog_path(ws.root, sheet.id, tag)
    if not path.exists():
        return sheet.title
    try:
        cat = (read or _read)(path, ws.rel(path))
    except FactsheetError:
        return sheet.title
    e = cat.entries.get(sheet.title.id)
    if e is None or e.fuzzy or not e.msgstr or e.msgid != sheet.title.text:
        return sheet.title
    return replace(sheet.title, text=shared.normalise(e.msgstr), lang=tag,
                   loc=SourceLoc(cat.path, e.loc.line))
