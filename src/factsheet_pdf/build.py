"""The pipeline: load -> translate -> layout (with tag) -> write, for every requested output.

One output's failure does not stop the others: they are built, and the failed output's
previous PDF is kept untouched and marked stale in the manifest. Each (sheet, language,
variant, paper) render is a pure function of its inputs, so ``jobs > 1`` runs them in worker
processes. Outputs with English fallbacks (``--draft``) go to ``drafts/`` under the output
folder; a later final build of the same output removes its draft.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__, fonts, markup
from .errors import Diagnostic, FactsheetError
from .fonts import missing_glyphs
from .languages import VARIANT_FACES, font_for, names
from .layout import render
from .library import Library, catalogs, load_library, title_in, workspace_languages, xrefs
from .model import Sheet, SourceLoc
from .translate import translate
from .workspace import Workspace
from .write import OutputFolder, output_name

DRAFTS = "drafts"


@dataclass(frozen=True)
class BuildOptions:
    sheets: tuple[str, ...] = ()
    """Sheet ids or content files; empty: every sheet of the workspace."""
    langs: tuple[str, ...] | None = None
    """BCP 47 tags; None: English and every language with a catalog in the workspace."""
    variants: tuple[str, ...] = ("standard", "large-print")
    papers: tuple[str, ...] = ("letter", "a4")
    out: Path = Path("dist")
    draft: bool = False
    jobs: int = 1
    sites: tuple = (None,)
    """Site profiles (:class:`~factsheet_pdf.site.profile.SiteProfile`) to build for; None
    builds with each sheet's own contact block, into the output folder itself."""


@dataclass
class Result:
    entries: list[dict] = field(default_factory=list)
    """Manifest entries of the PDFs this build wrote."""
    failed: list[tuple[str, list[Diagnostic]]] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)
    """Problems that are not one output's (a content file that does not load...)."""
    stale: list[dict] = field(default_factory=list)
    """Outputs whose PDF is from an earlier build (their last build failed)."""
    notices: list[str] = field(default_factory=list)


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


def select(ws: Workspace, lib: Library, wanted: tuple[str, ...]) -> tuple[list[str], list[str],
                                                                          list[Diagnostic]]:
    """Sheet ids to build and content files that failed to load, for the sheets asked for."""
    if not wanted:
        return sorted(lib.sheets), list(lib.failed), []
    ids, failed, problems = [], [], []
    by_file = {f: i for i, f in lib.files.items()}
    for w in wanted:
        p = Path(w)
        shown = ws.rel(p) if p.suffix in (".yaml", ".yml") else None
        if w in lib.sheets:
            ids.append(w)
        elif shown is not None and shown in by_file and by_file[shown] in lib.sheets:
            ids.append(by_file[shown])
        elif shown in lib.failed or f"content/{w}.yaml" in lib.failed:
            failed.append(shown or f"content/{w}.yaml")
        else:
            known = ", ".join(sorted(lib.files)) or "none"
            problems.append(Diagnostic(None, f"unknown sheet {w!r} (sheets in "
                                             f"{ws.rel(ws.content)}: {known})"))
    return ids, failed, problems


def prepare(ws: Workspace, sheet: Sheet, tag: str, draft: bool
            ) -> tuple[Sheet, list[Diagnostic]]:
    """The sheet in one language (strict unless draft)."""
    if tag == "en":
        return sheet, []
    return translate(sheet, tag, catalogs(ws, sheet.id, tag), draft=draft)


def _file_digest(*paths: Path) -> str:
    h = hashlib.sha256()
    for p in paths:
        h.update(str(p).encode())
        try:
            h.update(p.read_bytes())
        except OSError:
            h.update(b"-")
    return h.hexdigest()


def fingerprint(ws: Workspace, sheet: Sheet, tag: str, variant: str, paper: str,
                inputs: str) -> str:
    from reportlab import Version as rl_version

    h = hashlib.sha256()
    site = sheet.site.fingerprint if sheet.site is not None else ""
    for part in (__version__, rl_version, variant, paper, tag, inputs, site,
                 repr(sheet.xref_links)):
        h.update(str(part).encode("utf-8") + b"\0")
    return h.hexdigest()


def _render_task(args):
    sheet, variant, paper, identity = args
    try:
        return render(sheet, variant, paper, draft=bool(sheet.fallbacks),
                      identity=identity), None
    except FactsheetError as e:
        return None, e.diagnostics
    except Exception as e:  # a bug of ours: say so, keep building the other outputs
        if os.environ.get("FACTSHEET_DEBUG"):
            raise
        return None, [Diagnostic(None, f"internal error while laying out {sheet.id}: "
                                       f"{type(e).__name__}: {e}",
                                 hint="please report it; --debug shows the traceback")]


def build(ws: Workspace, opts: BuildOptions, log=None) -> Result:
    log = log or (lambda msg: print(msg, file=sys.stderr))
    fonts.configure(ws.fonts, display_root=ws.root)  # the workspace's own fonts/ too
    with OutputFolder(opts.out, log=log) as folder:
        res = _build(ws, opts, log, folder)
        res.notices = list(folder.notices)
        res.stale = folder.stale()
    return res


def _build(ws: Workspace, opts: BuildOptions, log, folder: OutputFolder) -> Result:
    res = Result()
    lib = load_library(ws)
    ids, failed_files, problems = select(ws, lib, opts.sheets)
    if not opts.sheets:
        res.problems += lib.problems
    else:
        wanted_files = {lib.files.get(i) for i in ids} | set(failed_files)
        res.problems += [d for d in lib.problems if d.loc is None or d.loc.path in wanted_files]
    res.problems += problems
    langs = list(opts.langs) if opts.langs is not None else workspace_languages(ws)
    previous = folder.entries()

    def fail(names_: list[str], diags: list[Diagnostic]) -> None:
        reason = "; ".join(d.message for d in diags[:1]) or "the build of this output failed"
        for n in names_:
            res.failed.append((n, diags))
            diags = []  # print each problem once
            head, _, tail = n.rpartition("/")
            prefixes = [head + "/"] if head else [
                f"{s.id}/" if s is not None else "" for s in opts.sites]
            for pre in prefixes:
                for rel in (f"{pre}{tail}", f"{pre}{DRAFTS}/{tail}"):
                    folder.fail(rel, reason)

    for f in failed_files:
        stem = Path(f).stem
        fail([output_name(stem, t, v, p) for t in langs for v in opts.variants
              for p in opts.papers], [])

    # Translate every (sheet, language) first: cross-references need to know what is built.
    prepared: dict[tuple[str, str], Sheet] = {}
    warned: dict[tuple[str, str], list[str]] = {}
    for sid in ids:
        source = lib.sheets[sid]
        for tag in langs:
            names_ = [output_name(sid, tag, v, p) for v in opts.variants for p in opts.papers]
            try:
                sheet, warns = prepare(ws, source, tag, opts.draft)
            except FactsheetError as e:
                fail(names_, e.diagnostics)
                continue
            res.warnings += warns
            prepared[(sid, tag)] = sheet
            warned[(sid, tag)] = [str(w) for w in warns]

    def sibling(target: str, tag: str, v: str, p: str, draft: bool) -> str:
        name = output_name(target, tag, v, p)
        built = (target, tag) in prepared and not prepared[(target, tag)].fallbacks
        if built or name in previous:
            return f"pdf:{'../' if draft else ''}{name}"
        return ""

    tasks = []  # (relpath, meta, args)
    for site, (sid, tag), sheet in ((site, key, sheet) for site in opts.sites
                                    for key, sheet in prepared.items()):
        sheet = dataclasses.replace(sheet, site=site)
        where = f"{site.id}/" if site is not None else ""
        source = lib.sheets[sid]
        draft = bool(sheet.fallbacks)
        digest = _file_digest(*(Path(ws.root, f) for f in [lib.files[sid]]))
        for v in opts.variants:
            problems = glyph_problems(sheet, v)
            if problems:
                fail([output_name(sid, tag, v, p) for p in opts.papers], problems)
                continue
            for p in opts.papers:
                links = tuple((x.sheet, title_in(ws, lib.sheets[x.sheet], tag),
                               sibling(x.sheet, tag, v, p, draft)) for x in xrefs(source))
                out_sheet = dataclasses.replace(sheet, xref_links=links)
                name = output_name(sid, tag, v, p)
                rel = f"{where}{DRAFTS}/{name}" if draft else f"{where}{name}"
                meta = dict(sheet=sid, lang=tag, variant=v, paper=p, draft=draft,
                            site=site.id if site is not None else None,
                            fingerprint=fingerprint(ws, out_sheet, tag, v, p, digest),
                            warnings=list(warned[(sid, tag)]))
                identity = {k: str(meta[k]) for k in ("sheet", "lang", "variant", "paper",
                                                      "fingerprint")}
                identity.update(site=meta["site"] or "", draft=str(draft).lower())
                tasks.append((rel, meta, (out_sheet, v, p, identity)))

    total = len(tasks)
    if opts.jobs > 1 and total > 1:
        with ProcessPoolExecutor(max_workers=min(opts.jobs, total)) as pool:
            results = list(pool.map(_render_task, [t[2] for t in tasks]))
    else:
        results = (_render_task(t[2]) for t in tasks)
    for i, ((rel, meta, _), (rendered, diags)) in enumerate(zip(tasks, results), 1):
        if rendered is None:
            log(f"[{i}/{total}] {rel}: FAILED")
            fail([rel], [Diagnostic(d.loc, f"{meta['lang']} {meta['variant']} {meta['paper']}: "
                                           f"{d.message}", d.severity, d.hint) for d in diags])
            continue
        meta["warnings"] = meta["warnings"] + list(rendered.warnings)
        res.entries.append(folder.land(rel, rendered.data, dict(meta, pages=rendered.pages)))
        draft_rel = "/".join([*rel.split("/")[:-1], DRAFTS, rel.split("/")[-1]])
        if not meta["draft"] and folder.get(draft_rel) is not None:
            folder.remove(draft_rel)
        log(f"[{i}/{total}] {rel}: {rendered.pages} pages, {len(rendered.data):,} bytes")
    return res


def check(ws: Workspace, wanted: tuple[str, ...], langs: tuple[str, ...] | None,
          variants: tuple[str, ...]) -> list[Diagnostic]:
    """Every problem a build would find before layout: content, catalogs, fonts."""
    fonts.configure(ws.fonts, display_root=ws.root)
    lib = load_library(ws)
    ids, _, problems = select(ws, lib, wanted)
    problems = lib.problems + problems
    for sid in ids:
        for tag in (list(langs) if langs is not None else workspace_languages(ws)):
            try:
                translated, _ = prepare(ws, lib.sheets[sid], tag, False)
            except FactsheetError as e:
                problems += e.diagnostics
                continue
            for v in variants:
                problems += glyph_problems(translated, v)
    return problems


__all__ = ["BuildOptions", "Result", "build", "check", "prepare", "SourceLoc"]
