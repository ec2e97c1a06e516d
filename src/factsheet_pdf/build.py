"""The pipeline: load -> translate -> layout (with tag) -> write, for every requested output.

One output's failure does not stop the others; its previous PDF is removed so nothing stale
stays under a good name. Each (sheet, language, variant, paper) render is a pure function of
its inputs, so ``jobs > 1`` runs them in worker processes.
"""

from __future__ import annotations

import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from . import markup
from .errors import Diagnostic, FactsheetError
from .fonts import missing_glyphs
from .i18n.catalogs import catalog_path, read
from .languages import SOURCE_LANG, VARIANT_FACES, font_for, names
from .layout import render
from .load import load_sheet
from .model import Sheet
from .translate import translate
from .write import Entry, output_name, remove_stale, update_manifest, write_pdf

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class BuildOptions:
    sheets: tuple[Path, ...]
    langs: tuple[str, ...]
    variants: tuple[str, ...]
    papers: tuple[str, ...]
    out: Path
    root: Path = ROOT
    draft: bool = False
    jobs: int = 1


@dataclass
class Result:
    entries: list[Entry] = field(default_factory=list)
    failed: list[tuple[str, list[Diagnostic]]] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)


def glyph_problems(sheet: Sheet, variant: str) -> list[Diagnostic]:
    """Every character must have a real glyph in the font its variant uses for the language,
    and be in a script we can lay out (languages.font_for)."""
    try:
        family = font_for(sheet.lang, variant, sheet_text(sheet))
    except FactsheetError as e:
        return e.diagnostics
    faces = VARIANT_FACES[variant]
    out = []
    for unit in sheet.units():
        text = markup.plain_text(unit.text)
        miss = missing_glyphs(text, family, faces)
        if miss:
            chars = ", ".join(f"{c!r} U+{ord(c):04X}" for c in miss)
            out.append(Diagnostic(unit.loc, f"{sheet.lang} {variant}: font '{family}' has no "
                                            f"glyph for {chars} in {unit.id!r}"))
    native, english = names(sheet.lang)
    miss = missing_glyphs(native + english, family, faces)
    if miss:
        out.append(Diagnostic(None, f"{sheet.lang}: font '{family}' cannot draw the language "
                                    f"name {native!r}"))
    return out


def sheet_text(sheet: Sheet) -> str:
    """All the sheet's text, as drawn (for script and font coverage checks)."""
    return "\n".join(markup.plain_text(u.text) for u in sheet.units())


def prepare(opts: BuildOptions, sheet: Sheet, tag: str) -> tuple[Sheet, list[Diagnostic]]:
    """The sheet in one language (strict unless draft)."""
    if tag == SOURCE_LANG:
        return sheet, []
    po = read(catalog_path(opts.root, sheet.id, tag))
    return translate(sheet, tag, po, draft=opts.draft)


def _render_task(args):
    sheet, variant, paper, draft = args
    try:
        return render(sheet, variant, paper, draft=draft), None
    except FactsheetError as e:
        return None, e.diagnostics


def build(opts: BuildOptions, log=None) -> Result:
    log = log or (lambda msg: print(msg, file=sys.stderr))
    res = Result()
    tasks = []  # (name, meta, args)

    def fail(names_: list[str], diags: list[Diagnostic]) -> None:
        for n in names_:
            remove_stale(opts.out, n)
            res.failed.append((n, diags))
            diags = []  # print each problem once

    for path in opts.sheets:
        try:
            source = load_sheet(path)
        except FactsheetError as e:
            guess = path.stem
            fail([output_name(guess, t, v, p) for t in opts.langs for v in opts.variants
                  for p in opts.papers], e.diagnostics)
            continue
        for tag in opts.langs:
            names_ = [output_name(source.id, tag, v, p) for v in opts.variants for p in opts.papers]
            try:
                sheet, warns = prepare(opts, source, tag)
            except FactsheetError as e:
                fail(names_, e.diagnostics)
                continue
            res.warnings += warns
            for v in opts.variants:
                vnames = [output_name(source.id, tag, v, p) for p in opts.papers]
                problems = glyph_problems(sheet, v)
                if problems:
                    fail(vnames, problems)
                    continue
                for p in opts.papers:
                    meta = dict(sheet=source.id, lang=tag, variant=v, paper=p,
                                draft=bool(sheet.fallbacks),
                                warnings=[str(w) for w in warns])
                    tasks.append((output_name(source.id, tag, v, p), meta,
                                  (sheet, v, p, opts.draft)))

    total = len(tasks)
    if opts.jobs > 1 and total > 1:
        with ProcessPoolExecutor(max_workers=opts.jobs) as pool:
            results = pool.map(_render_task, [t[2] for t in tasks])
            results = list(results)
    else:
        results = (_render_task(t[2]) for t in tasks)
    for i, ((name, meta, _), (rendered, diags)) in enumerate(zip(tasks, results), 1):
        if rendered is None:
            log(f"[{i}/{total}] {name}: FAILED")
            fail([name], [Diagnostic(d.loc, f"{meta['lang']} {meta['variant']} {meta['paper']}: "
                                            f"{d.message}", d.severity, d.hint) for d in diags])
            continue
        entry = write_pdf(opts.out, name, rendered.data, pages=rendered.pages, **meta)
        res.entries.append(entry)
        log(f"[{i}/{total}] {name}: {rendered.pages} pages, {len(rendered.data):,} bytes")
    update_manifest(opts.out, res.entries, [n for n, _ in res.failed])
    return res
