"""``factsheet i18n extract | update | init | status | override`` over a whole workspace.

Every command walks every sheet (or the ones named), reports each sheet's problems and goes on
with the others. The shared strings (the ``common`` domain) are handled like a sheet: the
package's ``common.pot`` is the template, and the workspace's ``common.po`` files (the only
``common`` files these commands write; never the package's) are merged with it.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from .. import shared
from ..errors import FactsheetError
from ..errors import report as show
from ..languages import SOURCE_LANG, catalog_folder, tag_for_folder
from ..tags import canonical_tag
from ..library import load_library
from ..workspace import UsageError, Workspace
from . import catalogs
from .extract import messages


def _sheets(ws: Workspace, names: list[str], err):
    """(id, sheet) of the sheets asked for (all by default); problems printed, others go on."""
    lib = load_library(ws)
    for d in lib.problems:
        show(d, err)
    if names:
        unknown = [n for n in names if n not in lib.sheets and n not in lib.files]
        for n in unknown:
            print(f"factsheet: error: unknown or broken sheet {n!r}", file=err)
        picked = [(i, lib.sheets[i]) for i in names if i in lib.sheets]
        return picked, bool(lib.problems) or bool(unknown)
    return sorted(lib.sheets.items()), bool(lib.problems)


def _template(ws: Workspace, sheet):
    return catalogs.make_template(sheet.id, messages(sheet, ws.rel(sheet.path)))


def _catalog_files(ws: Workspace, domain: str) -> list[Path]:
    return sorted(ws.locales.glob(f"*/LC_MESSAGES/{domain}.po"))


def _common_template():
    return catalogs.read(shared.package_template())


def _memory(ws: Workspace, tag: str, exclude: str) -> dict[str, tuple[str, str]]:
    """English text -> (translation, file) from the workspace's other catalogs in ``tag``."""
    mem: dict[str, tuple[str, str]] = {}
    folder = ws.locales / catalog_folder(tag) / "LC_MESSAGES"
    for path in sorted(folder.glob("*.po")) if folder.is_dir() else []:
        if path.stem == exclude:
            continue
        try:
            po = catalogs.read(path)
        except FactsheetError:
            continue
        for m in po.live():
            if m.id and m.string and not m.fuzzy and m.id not in mem:
                mem[m.id] = (m.string, ws.rel(path))
    pkg = shared.package_catalog(catalog_folder(tag))
    if pkg is not None and exclude != shared.DOMAIN:
        for m in catalogs.read(pkg).live():
            if m.id and m.string and not m.fuzzy and m.id not in mem:
                mem[m.id] = (m.string, "the shared strings")
    return mem


def _prefill(cat, mem: dict[str, tuple[str, str]]) -> int:
    n = 0
    for m in cat.live():
        if m.msgid and not m.msgstr and m.msgid in mem:
            m.msgstr, source = mem[m.msgid]
            m.flags.append("fuzzy")
            note = f"Translation memory: from {source}; check it, then remove the fuzzy flag."
            m.tcomment = f"{m.tcomment}\n{note}" if m.tcomment else note
            n += 1
    return n


def run(ws: Workspace, args, out, err) -> int:
    action = args.action
    if action == "init":
        return _init(ws, args, out, err)
    if action == "override":
        return _override(ws, args, out, err)
    picked, failed = _sheets(ws, args.sheets, err)
    if action == "extract":
        for sid, sheet in picked:
            template = _template(ws, sheet)
            pot = catalogs.template_path(ws.root, sid)
            changed = catalogs.write(pot, template)
            print(f"{ws.rel(pot)}: {len(template)} messages"
                  f"{'' if changed else ' (unchanged)'}", file=out)
    elif action == "update":
        todo = [(sid, _template(ws, sheet)) for sid, sheet in picked]
        if not args.sheets:
            todo.append((shared.DOMAIN, None))
        for sid, template in todo:
            if template is not None:
                catalogs.write(catalogs.template_path(ws.root, sid), template)
            else:
                template = _common_template()
            for po_path in _catalog_files(ws, sid):
                try:
                    res = catalogs.update(po_path, template)
                except FactsheetError as e:
                    for d in e.diagnostics:
                        show(d, err)
                    failed = True
                    continue
                for n in res.notices:
                    if n.loc is not None:
                        n = replace(n, loc=replace(n.loc, path=ws.rel(n.loc.path)))
                    show(n, err)
                print(f"{ws.rel(po_path)}: {'updated' if res.changed else 'unchanged'}",
                      file=out)
    elif action == "status":
        return _status(ws, picked, args, out, err) or int(failed)
    return 1 if failed else 0


def _new_catalog_tag(ws: Workspace, given: str) -> str:
    """The canonical tag ``given`` names, for a command that may create its catalogs; a usage
    error when it is the source language or, by CLDR's likely subtags, a language the
    workspace or the package has under another tag (``zh`` where ``zh-Hans`` is): a catalog
    for it would silently duplicate that one."""
    from ..tagmatch import same_language

    tag = canonical_tag(given)
    if tag == SOURCE_LANG:
        raise UsageError("English is the source language; it has no catalog")
    have = [tag_for_folder(p.name) for p in sorted(ws.locales.iterdir()) if p.is_dir()] \
        if ws.locales.is_dir() else []
    match = same_language(tag, [SOURCE_LANG, *have,
                                *(tag_for_folder(f) for f in shared.package_folders())])
    if match is not None and catalog_folder(tag) not in map(catalog_folder, have):
        where = ("the source language" if match == SOURCE_LANG else
                 "its catalogs exist already" if match in have else "the package ships it")
        raise UsageError(f"{given} is {match} by CLDR's likely subtags ({where}): a "
                         f"catalog for {tag} would duplicate it; use {match}"
                         + ("" if match == SOURCE_LANG else
                            f" (`factsheet i18n init {match}` starts its missing catalogs, "
                            "`factsheet i18n update` merges new text)"))
    return tag


def _init(ws: Workspace, args, out, err) -> int:
    from ..languages import check_language, font_warning
    from ..tagmatch import language_problem

    tag = _new_catalog_tag(ws, args.lang)
    problem = language_problem(tag)
    if problem:
        raise UsageError(problem)
    check_language(tag)  # a script we cannot lay out: one clear error, exit 1
    warning = font_warning(tag)
    if warning:
        print(warning, file=err)
    picked, failed = _sheets(ws, args.sheets, err)
    folder = catalog_folder(tag)
    todo = [(sid, _template(ws, sheet)) for sid, sheet in picked]
    if shared.package_catalog(folder) is None:
        todo.append((shared.DOMAIN, _common_template()))
    for sid, template in todo:
        path = catalogs.catalog_path(ws.root, sid, tag)
        if path.exists():
            print(f"{ws.rel(path)}: exists; use `factsheet i18n update`", file=out)
            continue
        cat = catalogs.new_catalog(template, tag, dict(catalogs.NEW_HEADERS))
        n = _prefill(cat, _memory(ws, tag, sid))
        catalogs.write(path, cat)
        print(f"{ws.rel(path)}: created ({len(template)} messages"
              + (f", {n} pre-filled from translation memory (fuzzy)" if n else "") + ")",
              file=out)
    return 1 if failed else 0


def _override(ws: Workspace, args, out, err) -> int:
    from ..tagmatch import language_problem

    tag = _new_catalog_tag(ws, args.lang)
    problem = language_problem(tag)
    if problem:
        raise UsageError(problem)
    template = _common_template()
    known = {m.context: m for m in template.live()}
    bad = [i for i in args.ids if i not in known]
    if bad:
        raise UsageError(f"unknown shared string {bad[0]!r} (known: {', '.join(sorted(known))})")
    path = catalogs.catalog_path(ws.root, shared.DOMAIN, tag)
    if path.exists():
        cat = catalogs.read(path)
    else:
        cat = catalogs.new_catalog(template, tag, dict(catalogs.NEW_HEADERS))
    pkg = shared.package_catalog(catalog_folder(tag))
    base = {m.context: m.string for m in catalogs.read(pkg).live()} if pkg else {}
    for m in cat.live():
        if m.msgctxt in args.ids and not m.msgstr:
            m.msgstr = base.get(m.msgctxt, "")
            note = "Workspace override of the shared string: reword it here."
            m.tcomment = f"{m.tcomment}\n{note}" if m.tcomment else note
    catalogs.write(path, cat)
    print(f"{ws.rel(path)}: {', '.join(args.ids)} ready to edit", file=out)
    return 0


def _status(ws: Workspace, picked, args, out, err) -> int:
    domains = [(sid, _template(ws, sheet)) for sid, sheet in picked]
    if not args.sheets:
        domains.append((shared.DOMAIN, _common_template()))
    report = {}
    problems = False
    for domain, template in domains:
        rows = []
        for po_path in _catalog_files(ws, domain):
            tag = tag_for_folder(po_path.parent.parent.name)
            try:
                st = catalogs.status(tag, catalogs.read(po_path), template)
            except FactsheetError as e:
                for d in e.diagnostics:
                    show(d, err)
                problems = True
                continue
            rows.append(st)
        report[domain] = rows
    if args.json:
        print(json.dumps({d: [r.to_json() for r in rows] for d, rows in report.items()},
                         indent=2, ensure_ascii=False), file=out)
    else:
        for domain, rows in report.items():
            if domain == shared.DOMAIN and not rows:
                continue
            print(f"{domain}:", file=out)
            head = ("lang", "translated", "fuzzy", "untranslated", "obsolete", "percent",
                    "review")
            print("  ".join(f"{h:>12}" for h in head), file=out)
            for st in rows:
                cells = (st.tag, st.translated, st.fuzzy, st.untranslated, st.obsolete,
                         f"{st.percent}%", st.review)
                print("  ".join(f"{str(c):>12}" for c in cells), file=out)
                if args.verbose:
                    for what, ids in (("untranslated", st.untranslated_ids),
                                      ("fuzzy", st.fuzzy_ids)):
                        for i in ids:
                            print(f"    {what}: {i}", file=out)
    incomplete = any(st.fuzzy or st.untranslated for rows in report.values() for st in rows)
    if args.check and (incomplete or problems):
        print("factsheet: error: not every catalog can build strict", file=err)
        return 1
    return 1 if problems else 0


__all__ = ["run"]
