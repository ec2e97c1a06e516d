"""Command line: ``factsheet build | check | i18n extract|update|init|status``.

Exit status: 0 success, 1 content/catalog/font/layout problems (each printed as
``file:line[:col]: error: message``), 2 usage errors. Bad input never ends in a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__
from .build import ROOT, BuildOptions, build, glyph_problems, prepare
from .errors import Diagnostic, FactsheetError
from .languages import LANGUAGES, SOURCE_LANG, tag_for_folder
from .layout.styles import PAPERS, VARIANTS
from .load import load_sheet


def _choices(value: str, allowed, what: str) -> tuple[str, ...]:
    if value == "all":
        return tuple(allowed)
    items = tuple(v.strip() for v in value.split(",") if v.strip())
    bad = [v for v in items if v not in allowed]
    if bad or not items:
        raise argparse.ArgumentTypeError(
            f"unknown {what} {', '.join(map(repr, bad)) or repr(value)} "
            f"(choose from: {', '.join(allowed)}, or all)")
    return items


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="factsheet", description=__doc__.splitlines()[0])
    p.add_argument("--version", action="version", version=f"factsheet-pdf {__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", help="build PDFs into dist/")
    b.add_argument("sheets", nargs="*", metavar="SHEET",
                   help="sheet ids (content/<id>.yaml) or content files; default: all")
    b.add_argument("--lang", default="all",
                   type=lambda v: _choices(v, LANGUAGES, "language"),
                   help="comma-separated BCP 47 tags, or all (default)")
    b.add_argument("--variant", default="all",
                   type=lambda v: _choices(v, VARIANTS, "variant"))
    b.add_argument("--paper", default="all", type=lambda v: _choices(v, PAPERS, "paper"))
    b.add_argument("--out", type=Path, default=Path("dist"))
    b.add_argument("--draft", action="store_true",
                   help="build unfinished translations: missing text falls back to English "
                        "and every page is marked DRAFT")
    b.add_argument("--site", type=Path, help="a clinic's contact details (not supported yet)")
    b.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")

    c = sub.add_parser("check", help="check content, catalogs and fonts; write no PDF")
    c.add_argument("sheets", nargs="*", metavar="SHEET")
    c.add_argument("--lang", default="all", type=lambda v: _choices(v, LANGUAGES, "language"))

    i = sub.add_parser("i18n", help="translation catalogs")
    isub = i.add_subparsers(dest="action", required=True)
    for name, helptext in (("extract", "write locales/<sheet>.pot"),
                           ("update", "merge the template into every catalog (keyed on msgctxt)"),
                           ("status", "translated / fuzzy / untranslated per language")):
        a = isub.add_parser(name, help=helptext)
        a.add_argument("sheets", nargs="*", metavar="SHEET")
    a = isub.add_parser("init", help="start a catalog for a language")
    a.add_argument("lang", type=lambda v: _choices(v, LANGUAGES, "language"))
    a.add_argument("sheets", nargs="*", metavar="SHEET")
    return p


def _sheet_paths(root: Path, names: list[str]) -> tuple[Path, ...]:
    if not names:
        found = tuple(sorted((root / "content").glob("*.yaml")))
        if not found:
            raise FactsheetError(Diagnostic(None, f"no content files in {root / 'content'}"))
        return found
    out = []
    for n in names:
        p = Path(n)
        out.append(p if p.suffix in (".yaml", ".yml") or p.exists() else
                   root / "content" / f"{n}.yaml")
    return tuple(out)


def _root() -> Path:
    """The repository: the working directory when it has content/ (paths then print short)."""
    return Path(".") if Path("content").is_dir() else ROOT


def cmd_build(args, out, err) -> int:
    root = _root()
    if args.site:
        print("factsheet: error: --site is not supported yet (planned: site profiles)", file=err)
        return 2
    if args.jobs < 1:
        print("factsheet: error: --jobs must be at least 1", file=err)
        return 2
    opts = BuildOptions(sheets=_sheet_paths(root, args.sheets), langs=args.lang,
                        variants=args.variant, papers=args.paper, out=args.out, root=root,
                        draft=args.draft, jobs=args.jobs)
    res = build(opts, log=lambda m: print(m, file=err))
    for w in res.warnings:
        print(w, file=err)
    for _, diags in res.failed:
        for d in diags:
            print(d, file=err)
    rows = [(e.path, str(e.pages), f"{e.bytes:,}", str(len(e.warnings)) + (" (draft)" if e.draft
             else "")) for e in res.entries]
    rows += [(name, "-", "-", "FAILED") for name, _ in res.failed]
    if rows:
        widths = [max(len(r[i]) for r in rows + [("file", "pages", "size", "warnings")])
                  for i in range(4)]
        head = ("file", "pages", "size", "warnings")
        for r in [head, tuple("-" * w for w in widths), *rows]:
            print("  ".join(c.ljust(w) if i in (0, 3) else c.rjust(w)
                            for i, (c, w) in enumerate(zip(r, widths))).rstrip(), file=out)
    print(f"{len(res.entries)} built, {len(res.failed)} failed; manifest: "
          f"{args.out / 'manifest.json'}", file=out)
    return 1 if res.failed else 0


def cmd_check(args, out, err) -> int:
    root = _root()
    problems: list[Diagnostic] = []
    for path in _sheet_paths(root, args.sheets):
        try:
            sheet = load_sheet(path)
        except FactsheetError as e:
            problems += e.diagnostics
            continue
        opts = BuildOptions(sheets=(path,), langs=args.lang, variants=tuple(VARIANTS),
                            papers=(), out=Path("dist"), root=root)
        for tag in args.lang:
            try:
                translated, _ = prepare(opts, sheet, tag)
            except FactsheetError as e:
                problems += e.diagnostics
                continue
            for v in VARIANTS:
                problems += glyph_problems(translated, v)
    for d in problems:
        print(d, file=err)
    print(f"{len(problems)} problem(s)", file=out)
    return 1 if problems else 0


def cmd_i18n(args, out, err) -> int:
    from .i18n import catalogs
    from .i18n.extract import messages

    root = _root()
    for path in _sheet_paths(root, args.sheets):
        sheet = load_sheet(path)
        resolved, base = path.resolve(), root.resolve()
        rel = resolved.relative_to(base).as_posix() if resolved.is_relative_to(base) else str(path)
        template = catalogs.make_template(sheet.id, messages(sheet, rel))
        pot = catalogs.template_path(root, sheet.id)
        if args.action == "extract":
            changed = catalogs.write(pot, template)
            print(f"{pot}: {len(template)} messages"
                  f"{'' if changed else ' (unchanged)'}", file=out)
        elif args.action == "init":
            for tag in args.lang:
                if tag == SOURCE_LANG:
                    print("factsheet: error: English is the source language", file=err)
                    return 2
                path_po = catalogs.catalog_path(root, sheet.id, tag)
                if path_po.exists():
                    print(f"{path_po}: error: catalog exists; use `factsheet i18n update`",
                          file=err)
                    return 1
                catalogs.write(path_po, catalogs.new_catalog(template, tag,
                                                             dict(catalogs.NEW_HEADERS)))
                print(f"{path_po}: created", file=out)
        elif args.action == "update":
            catalogs.write(pot, template)
            for po_path in sorted((root / "locales").glob(f"*/LC_MESSAGES/{sheet.id}.po")):
                res = catalogs.update(po_path, template)
                for notice in res.notices:
                    print(notice, file=err)
                print(f"{po_path}: {'updated' if res.changed else 'unchanged'}",
                      file=out)
        elif args.action == "status":
            rows = []
            for po_path in sorted((root / "locales").glob(f"*/LC_MESSAGES/{sheet.id}.po")):
                tag = tag_for_folder(po_path.parent.parent.name)
                st = catalogs.status(tag, catalogs.read(po_path), template)
                rows.append((tag, st.translated, st.fuzzy, st.untranslated, st.obsolete,
                             f"{st.percent}%", st.review))
            print(f"{sheet.id}:", file=out)
            head = ("lang", "translated", "fuzzy", "untranslated", "obsolete", "percent",
                    "review")
            print("  ".join(f"{h:>12}" for h in head), file=out)
            for r in rows:
                print("  ".join(f"{str(c):>12}" for c in r), file=out)
    return 0


def main(argv: list[str] | None = None, *, stdout=None, stderr=None) -> int:
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    try:
        args = _parser().parse_args(argv)
    except SystemExit as e:
        return int(e.code or 0)
    try:
        handler = {"build": cmd_build, "check": cmd_check, "i18n": cmd_i18n}[args.command]
        return handler(args, out, err)
    except FactsheetError as e:
        for d in e.diagnostics:
            print(d, file=err)
        return 1
    except KeyboardInterrupt:
        print("factsheet: interrupted", file=err)
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
