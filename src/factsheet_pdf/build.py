"""The pipeline: load -> translate -> layout (with tag) -> write, for every requested output.

Input: a workspace and :class:`BuildOptions`. Output: the PDFs in the output folder, its
manifest, and a :class:`Result` for the summary.

Incremental: each output's inputs are fingerprinted from their bytes (:mod:`.fingerprint`,
no translation, no layout, no ReportLab); an output whose manifest entry has the same
fingerprint, is not stale and whose PDF has the bytes the entry records (:func:`verify_outputs`:
by its stat record, else hashed) is skipped. ``force`` rebuilds every output, and reads and
parses every input again (no digest, no parsed sheet from the cache).

The rest is grouped by (site, sheet, language): one task translates once and renders every
variant and paper of that language. With ``jobs > 1`` tasks run in worker processes (SIGINT and
SIGTERM reset to their defaults there: the parent handles them); results are landed by the
parent through :class:`~.write.OutputFolder` as each task ends, so progress is live. Renders
are pure functions of their inputs, so the bytes do not depend on the job count; the manifest
is sorted by path.

One output's failure does not stop the others: the failed output's previous PDF is kept and
marked stale. Outputs with English fallbacks (``--draft``) go to ``drafts/``; a later final
build of the same output removes its draft.
"""

from __future__ import annotations

import os
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import fingerprint as fpr
from . import regular
from .errors import Diagnostic, FactsheetError
from .formats import DEFAULT_FORMATS, EDITION, FOLDER, PER_PAPER, PER_VARIANT, draft_path
from .library import (Library, dial_all, load_library, title_in, workspace_languages,
                      xref_targets)
from .model import Sheet, SourceLoc
from .tags import SOURCE_LANG
from .variants import PAPER_NAMES, VARIANT_NAMES
from .workspace import Workspace
from .write import JOURNAL, OutputFolder, cannot, output_name

if TYPE_CHECKING:
    from .site.profile import SiteProfile

DRAFTS = "drafts"
WORKER_MIB = 200
"""What one worker process may hold at its peak (ReportLab, the fonts of its languages, a
layout; the largest measured, a Chinese worker, is about 170 MiB)."""


def usable_cores() -> int:
    """CPUs this process may run on (affinity and, on 3.13+, the -X cpu_count override)."""
    if hasattr(os, "process_cpu_count"):
        n = os.process_cpu_count()
    elif hasattr(os, "sched_getaffinity"):
        n = len(os.sched_getaffinity(0))
    else:
        n = os.cpu_count()
    return max(1, n or 1)


def available_mib() -> int | None:
    """Memory the machine can give without swapping (Linux's MemAvailable; a container's
    cgroup limit when lower); None where it cannot be read."""
    best: int | None = None
    try:
        with open("/proc/meminfo", "rb") as f:
            for line in f:
                if line.startswith(b"MemAvailable:"):
                    best = int(line.split()[1]) // 1024
    except (OSError, ValueError, IndexError):
        pass
    for path in ("/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"):
        try:
            raw = Path(path).read_bytes().strip()
        except OSError:
            continue
        if raw.isdigit() and int(raw) < 1 << 60:
            limit = int(raw) // (1024 * 1024)
            best = limit if best is None else min(best, limit)
    return best


def max_jobs() -> int:
    """The most worker processes a build starts: as many as the machine's memory holds
    (:data:`WORKER_MIB` each), and never fewer than one per usable core."""
    return _job_cap(usable_cores(), available_mib())


def _job_cap(cores: int, mib: int | None) -> int:
    return max(cores, mib // WORKER_MIB) if mib is not None else cores * 4


def default_jobs() -> int:
    """One worker per usable core, as far as the memory holds them."""
    mib = available_mib()
    cores = usable_cores()
    return max(1, min(cores, mib // WORKER_MIB)) if mib is not None else cores


def cap_jobs(jobs: int) -> tuple[int, str | None]:
    """``jobs`` within 1..:func:`max_jobs`, with a notice when it was lowered."""
    cores, mib = usable_cores(), available_mib()  # (read once: the notice states them)
    cap = _job_cap(cores, mib)
    if jobs > cap:
        memory = (f"{mib:,} MiB of memory available, for about {mib // WORKER_MIB} workers of "
                  f"{WORKER_MIB} MiB" if mib is not None
                  else f"memory that cannot be read: {cap} workers at most")
        return cap, (f"factsheet: notice: --jobs {jobs} lowered to {cap} (this machine has "
                     f"{cores} usable cores and {memory})")
    return max(1, jobs), None


@dataclass(frozen=True)
class BuildOptions:
    sheets: tuple[str, ...] = ()
    """Sheet ids or content files; empty: every sheet of the workspace."""
    langs: tuple[str, ...] | None = None
    """BCP 47 tags; None: English and every language with a catalog in the workspace."""
    variants: tuple[str, ...] = VARIANT_NAMES
    papers: tuple[str, ...] = PAPER_NAMES
    formats: tuple[str, ...] = DEFAULT_FORMATS
    """``pdf``, ``html``, ``braille`` (:mod:`.formats`)."""
    named_formats: tuple[str, ...] = ()
    """The formats named on the command line: one that cannot be made (braille without
    liblouis) is then an error; from the settings or ``all``, a warning."""
    out: Path = Path("dist")
    draft: bool = False
    jobs: int | None = None
    """Worker processes; None: :func:`default_jobs`."""
    sites: tuple = (None,)
    """Site profiles (:class:`~factsheet_pdf.site.profile.SiteProfile`) to build for; None
    builds with each sheet's own contact block, into the output folder itself."""
    force: bool = False
    """Rebuild every output, even those whose inputs have not changed."""
    bad_sites: tuple = ()
    """Site profiles that did not load: (site id or None, problems). Their outputs fail (the
    previous PDFs kept, marked stale); the other profiles' are built."""
    shard: tuple[int, int] | None = None
    """(K, N), 0-based: plan the whole build, write only shard K of N (:mod:`.shards`); the
    shared files (assets, thumbnails, shelf) are left to ``factsheet merge``."""
    stop: Callable[[], bool] | None = None
    """Asked after each (sheet, language) lands: True ends the build there (``factsheet
    watch``, when a save comes in mid-build); what is not built yet keeps its manifest entry
    and is built by the next build."""


@dataclass
class Result:
    entries: list[dict] = field(default_factory=list)
    """Manifest entries of the PDFs this build wrote (sorted by path)."""
    failed: list[tuple[str, list[Diagnostic]]] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)
    """Problems that are not one output's (a content file that does not load...)."""
    stale: list[dict] = field(default_factory=list)
    """Outputs whose PDF is from an earlier build (their last build failed)."""
    notices: list[Diagnostic] = field(default_factory=list)
    up_to_date: int = 0
    """Outputs skipped: their inputs have not changed since their PDF was built."""


def glyph_problems(sheet: Sheet, variant: str) -> list[Diagnostic]:
    """Every character must have a real glyph: the document's own family draws the language's
    own scripts, and the font chain (:mod:`factsheet_pdf.text.chain`) some family each other
    character; what none draws is an error at the unit's file and line."""
    from . import chars, markup
    from .languages import FONT_HINT, chain_for

    try:
        family, chain = chain_for(sheet.lang, variant, sheet_text(sheet))
    except FactsheetError as e:
        return e.diagnostics
    out = []
    for unit in sheet.units():
        miss = chain.undrawable(markup.plain_text(unit.text))
        if miss:
            # at the first such character: its line and column in the content file or catalog
            words = ", ".join(chars.describe(c) for c in miss)
            out.append(Diagnostic(chars.find(unit.loc, miss[0]),
                                  f"{sheet.lang} {variant}: no font draws {words} in "
                                  f"{unit.id!r}", hint=FONT_HINT))
    return out


def sheet_text(sheet: Sheet) -> str:
    """All the sheet's text, as drawn (for script and font coverage checks)."""
    from . import markup

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
    if tag == SOURCE_LANG:
        return sheet, []
    from .library import catalogs
    from .translate import translate

    return translate(sheet, tag, catalogs(ws, sheet.id, tag), draft=draft)


# -- the library, with each content file's parse kept by its bytes ----------------------------

CACHE_DIR = ".factsheet-cache"
"""In the output folder (a dot folder: not an output, skipped by the manifest's walk)."""


class BuildCache:
    """What a build keeps for the next one, in ``<out>/.factsheet-cache/build.pickle``.

    - loaded sheets by their content file's bytes: parsing YAML with line numbers is the
      largest cost of a build where nothing changed; a sheet whose file has the same bytes (and
      the same tool code: :meth:`.fingerprint.Digests.code`) is taken from here;
    - the digests of input files by their stat data (:class:`.fingerprint.Digests`): the fonts
      and the tool's own code are not read again while their size, mtime, ctime, inode and
      device have not changed (and were not racy when recorded);
    - the stat data of each PDF in the folder when its bytes were known to hash to its
      manifest entry's sha256 (:func:`.fingerprint.pdf_matches`): a no-op build hashes only
      the PDFs whose stat data changed.

    ``force`` (``--force``): nothing is taken from here (every input is read and every sheet
    parsed again); what this build learns is still written for the next one.

    Disposable: unreadable or from other code, it is ignored and rewritten. Files that do not
    load are not kept (their problems are printed again).
    """

    FORMAT = "build-cache/2"

    def __init__(self, out: Path, root: Path, force: bool = False):
        self.path = Path(out) / CACHE_DIR / "build.pickle"
        self.salt = f"{self.FORMAT}; {fpr.SCHEME}; {fpr.versions()}"
        self.force = force
        self.sheets: dict[str, tuple[str, str, Sheet]] = {}
        """content file -> (its digest, the code's digest, the sheet)"""
        self.outputs: dict[str, tuple] = {}
        """PDF path (relative to the folder) -> (stat_key, sha256)"""
        known: dict = {}
        import pickle

        try:
            data = pickle.loads(regular.read_regular(self.path))
            if data.get("salt") == self.salt:
                self.sheets, known = data["sheets"], data["digests"]
                self.outputs = data["outputs"]
        except (OSError, EOFError, ValueError, TypeError, KeyError, AttributeError,
                ImportError, pickle.UnpicklingError):  # absent, damaged, other code: afresh
            self.sheets, known, self.outputs = {}, {}, {}
        self._dirty = False
        self._known = dict(known)
        self._outputs = dict(self.outputs)
        self.digests = fpr.Digests(root, known, trust=not force)

    def load(self, path: Path, shown: str) -> Sheet:
        digest, code = self.digests.file(path), self.digests.code()
        hit = self.sheets.get(shown)
        if not self.force and hit is not None and hit[:2] == (digest, code) and digest != "-":
            return hit[2]
        from .load import load_sheet

        sheet = load_sheet(path, shown)
        self.sheets[shown] = (digest, code, sheet)
        self._dirty = True
        return sheet

    def save(self, keep: set[str]) -> None:
        """Write the cache when it changed, keeping the sheets of the files in ``keep``."""
        for k in set(self.sheets) - keep:
            del self.sheets[k]
            self._dirty = True
        if not self._dirty and self.digests.known == self._known and \
                self.outputs == self._outputs:
            return
        import pickle

        try:
            self.path.parent.mkdir(exist_ok=True)
            tmp = self.path.with_name(f".tmp-{os.getpid()}-{self.path.name}")
            tmp.write_bytes(pickle.dumps({"salt": self.salt, "sheets": self.sheets,
                                          "digests": self.digests.known,
                                          "outputs": self.outputs},
                                         pickle.HIGHEST_PROTOCOL))
            os.replace(tmp, self.path)
            self._dirty = False
            self._known, self._outputs = dict(self.digests.known), dict(self.outputs)
        except OSError:
            pass  # a cache that cannot be written costs time next build, nothing else


def verify_outputs(folder: OutputFolder, cache: BuildCache) -> set[str]:
    """The listed PDFs whose bytes are those their entry records (:func:`.fingerprint.
    pdf_matches`: by their stat record, else by hashing them). The entry of any other is
    re-read from the PDF itself (:meth:`.write.OutputFolder.reread`): it then differs from
    the recorded one, so a build that selects it rebuilds it, and the manifest no longer
    lists a sha256 that is not the file's. ``cache.outputs`` keeps the records that still
    hold."""
    good: set[str] = set()
    fresh: dict[str, tuple] = {}
    for rel, e in folder.entries().items():
        ok, rec = fpr.pdf_matches(folder.out / rel, e, cache.outputs.get(rel))
        if ok:
            good.add(rel)
            if rec is not None:
                fresh[rel] = rec
        else:
            folder.reread(rel)
    cache.outputs = fresh
    return good


def load_library_cached(ws: Workspace, cache: BuildCache) -> Library:
    """:func:`.library.load_library`, each sheet from ``cache`` when its file is unchanged."""
    return load_library(ws, load=cache.load)


# -- tasks: one (site, sheet, language), translated once, rendered in every variant and paper --

@dataclass(frozen=True)
class Task:
    site: SiteProfile | None
    sheet: str
    lang: str
    outputs: tuple[tuple[str, str, str | None, str], ...]
    """(format, variant, paper or None, fingerprint) of each output to build."""


class Renderer:
    """Runs tasks: translation (each catalog read once), glyph checks and layout.

    One per process: the build's own with one job, one in each worker process otherwise (made
    by the pool's initializer). ``selected``: the (sheet, language) pairs of this build, made
    in ``formats``; ``present``: paths in the output folder's manifest (cross-references to
    outputs of an earlier build).
    """

    def __init__(self, ws: Workspace, sheets: dict[str, Sheet], draft: bool,
                 selected: frozenset, present: frozenset,
                 formats: tuple[str, ...] = DEFAULT_FORMATS,
                 braille: tuple[tuple[str, str], ...] = ()):
        from . import declared, fonts

        declared.register(ws.settings.declared)  # a spawned worker knows them too
        self.ws, self.sheets, self.draft = ws, sheets, draft
        self.selected, self.present, self.formats = selected, present, formats
        self.braille = dict(braille)
        """Language -> its braille table (checked by the build: :mod:`.braille_setup`)."""
        fonts.configure(ws.fonts, display_root=ws.root)  # the workspace's own fonts/ too
        self._read: dict[Path, object] = {}
        self._translated: dict[tuple[str, str], tuple] = {}
        self._titles: dict[tuple[str, str], object] = {}

    def _catalog(self, path: Path, shown: str):
        """A catalog, read once per process (``library``'s reader, cached)."""
        if path not in self._read:
            from .library import _read

            self._read[path] = _read(path, shown)
        return self._read[path]

    def catalogs(self, sid: str, tag: str):
        """:func:`.library.catalogs`, with each file read once per process."""
        from .library import catalogs

        return catalogs(self.ws, sid, tag, read=self._catalog)

    def translated(self, sid: str, tag: str) -> tuple[Sheet | None, list, list]:
        """(sheet in ``tag`` or None, warnings, errors), once per (sheet, language)."""
        key = (sid, tag)
        if key not in self._translated:
            source = self.sheets[sid]
            if tag == SOURCE_LANG:
                self._translated[key] = (source, [], [])
            else:
                from .translate import translate

                try:
                    sheet, warns = translate(source, tag, self.catalogs(sid, tag),
                                             draft=self.draft)
                    self._translated[key] = (sheet, warns, [])
                except FactsheetError as e:
                    self._translated[key] = (None, [], e.diagnostics)
        return self._translated[key]

    def title(self, target: str, tag: str):
        key = (target, tag)
        if key not in self._titles:
            self._titles[key] = title_in(self.ws, self.sheets[target], tag, read=self._catalog)
        return self._titles[key]

    def sibling(self, target: str, tag: str, variant: str, paper: str | None, draft: bool,
                fmt: str = "pdf") -> str:
        """The relative link to a cross-referenced sheet's output in the same format (built
        now, or in the folder already), or "" (its title alone: never a dead link)."""
        name = output_name(target, tag, variant, paper, fmt)
        built = False
        if (target, tag) in self.selected and fmt in self.formats and target in self.sheets:
            sheet, _, _ = self.translated(target, tag)
            built = sheet is not None and not sheet.fallbacks
        if built or name in self.present:
            return f"{'../' if draft else ''}{name}"
        return ""

    def run(self, task: Task) -> dict:
        """``{"errors": [...]}`` when the translation fails, else ``{"warnings": [...],
        "outputs": [(final path, path, meta, (bytes, pages, warnings) or None, errors)]}``."""
        sid, tag, site = task.sheet, task.lang, task.site
        sheet, warns, errors = self.translated(sid, tag)
        if sheet is None:
            return {"errors": errors}
        from .compose import compose

        draft = bool(sheet.fallbacks)
        where = f"{site.id}/" if site is not None else ""
        refs = xref_targets(self.sheets[sid])
        glyphs: dict[str, list[Diagnostic]] = {}
        outs: list[tuple[str, str, dict[str, Any], tuple[bytes, int | None, tuple[str, ...]] | None,
                         list[Diagnostic]]] = []
        for fmt, v, p, fp in task.outputs:
            name = output_name(sid, tag, v, p, fmt)
            final = f"{where}{name}"
            rel = draft_path(final) if draft else final
            meta: dict[str, Any]  # a manifest entry's fields
            meta = {"format": fmt, "sheet": sid, "lang": tag,
                    "variant": v if PER_VARIANT[fmt] else None, "paper": p, "draft": draft,
                    "site": site.id if site is not None else None, "fingerprint": fp,
                    "warnings": [str(w) for w in warns]}
            if fmt != "braille":  # a BRF has no fonts: its table decides what it can write
                if v not in glyphs:
                    glyphs[v] = glyph_problems(sheet, v)
                if glyphs[v]:
                    outs.append((final, rel, meta, None, glyphs[v]))
                    continue
            links = {x: (self.title(x, tag), self.sibling(x, tag, v, p, draft, fmt))
                     for x in refs}
            identity = {k: str(meta[k]) for k in ("sheet", "lang", "variant", "fingerprint")}
            if p is not None:
                identity["paper"] = p
            identity.update(site=meta["site"] or "", draft=str(draft).lower())
            try:
                doc = compose(sheet, v, site=site, xrefs=links, draft=draft,
                              publisher=self.ws.settings.publisher, fmt=fmt)
                made = render_output(doc, fmt, p, identity, rel, sheet,
                                     self.braille.get(tag))
            except FactsheetError as e:
                what = " ".join(x for x in (tag, v if PER_VARIANT[fmt] else "", p or fmt)
                                if x)
                outs.append((final, rel, meta, None, [
                    Diagnostic(d.loc, f"{what}: {d.message}", d.severity, d.hint)
                    for d in e.diagnostics]))
                continue
            except OSError as e:  # a file that reads but does not draw (checked at load: a net)
                if os.environ.get("FACTSHEET_DEBUG"):
                    raise
                what = " ".join(x for x in (tag, v, p or fmt) if x)
                outs.append((final, rel, meta, None, [drawing_problem(e, site, what)]))
                continue
            outs.append((final, rel, meta, made, []))
        return {"warnings": warns, "outputs": outs}


def render_output(doc, fmt: str, paper: str | None, identity: dict[str, str], rel: str,
                  sheet: Sheet, braille: str | None = None
                  ) -> tuple[bytes, int | None, tuple[str, ...]]:
    """One output's bytes, pages (None for a web page) and warnings, by its format's renderer
    (``braille``: the language's liblouis table, for a BRF). Raises FactsheetError (a layout
    that does not fit...)."""
    if fmt == "braille":
        from .louis import load
        from .render.braille import render_brf

        assert braille is not None  # planned only for a language with a table
        made = render_brf(doc, load(), braille)
        return made.data, made.pages, made.warnings
    if fmt == "html":
        from .languages import font_for
        from .render.html import render_page

        family = font_for(sheet.lang, doc.meta.variant, sheet_text(sheet))
        data = render_page(doc, family=family, assets="../" * rel.count("/") + "assets/",
                           identity=identity)
        return data, None, ()
    from .metadata import source_date
    from .render.pdf import render

    assert paper is not None  # a PDF is made for a paper (formats.PER_PAPER)
    with source_date(doc.meta.date):
        r = render(doc, paper, identity=identity)
    return r.data, r.pages, tuple(r.warnings)


_REPR = re.compile(r"\S+=\[\w+@0x[0-9a-fA-F]+\]|<[\w.]+ object at 0x[0-9a-fA-F]+>")


def drawing_problem(e: OSError, site: SiteProfile | None, what: str) -> Diagnostic:
    """An error met while drawing, in the user's words: no library's object representation,
    located at the site profile's logo when an image would not draw."""
    text = " ".join(_REPR.sub("", e.strerror or str(e)).split()) or type(e).__name__
    image = "ImageReader" in str(e) or "image" in text.lower()
    if image and site is not None and site.logo is not None:
        return Diagnostic(site.loc("logo"), f"{what}: logo {site.logo.name!r} cannot be "
                          f"drawn ({text})", hint="export the logo again as PNG or JPEG")
    where = SourceLoc.file(e.filename) if e.filename else None
    return Diagnostic(where, f"{what}: cannot draw the PDF ({text})")


def prepare_process(families: tuple[str, ...] = ()) -> None:
    """What every rendering process needs loaded the same way, whatever it rendered before.

    ReportLab's table of characters that cannot start a line is a process global that the
    layout extends for Chinese (:func:`.rlhooks.install`); it is extended up front so a
    PDF's bytes do not depend on which languages its process laid out before (the job count).
    ``families``: fonts to register now (before a fork, the workers share them).
    """
    from . import rlhooks
    from .fonts import register
    from .render.pdf import render  # noqa: F401  (the import is the point)

    rlhooks.install()
    for fam in families:
        register(fam)


_WORKER: Renderer | None = None


def _init_worker(families, *args) -> None:
    """Pool initializer: signals back to their defaults (the parent handles SIGINT/SIGTERM
    and stops the pool), then this process's :class:`Renderer`."""
    import signal

    for name in ("SIGINT", "SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            try:
                signal.signal(getattr(signal, name), signal.SIG_DFL)
            except (OSError, ValueError):
                pass
    global _WORKER
    _WORKER = Renderer(*args)
    prepare_process(families)


def _run_task(task: Task) -> dict:
    assert _WORKER is not None
    return _WORKER.run(task)


def _stop(pool) -> None:
    """Stop a pool now (an interrupt or an error in the parent): no task is waited for, but
    the pool's own threads are. Workers are terminated (killed after 5 s) and the pool's
    manager thread is joined before we return, so that none of its threads is still writing
    to a pipe when the interpreter closes it at exit (Python 3.11's ``shutdown(wait=False)``
    leaves them running: "Exception ignored ... OSError: [Errno 9] Bad file descriptor", now
    and then, after a Ctrl-C). A second signal during this is held until it is done."""
    from .interrupts import deferred

    with deferred():
        pool.shutdown(wait=False, cancel_futures=True)
        procs = list((getattr(pool, "_processes", None) or {}).values())
        for proc in procs:
            try:
                proc.terminate()
            except (OSError, AttributeError):
                pass
        for proc in procs:
            try:
                proc.join(5)
                if proc.is_alive():
                    proc.kill()
                    proc.join(5)
            except (OSError, AttributeError, ValueError):
                pass
        manager = getattr(pool, "_executor_manager_thread", None)
        if manager is not None:
            manager.join(10)


def _run(tasks: list[Task], jobs: int, args: tuple, handle,
         stop: Callable[[], bool] | None = None) -> None:
    """Run tasks (in ``jobs`` worker processes when > 1) and hand each result to ``handle``
    in this process, as it arrives; once ``stop()`` says so, no further task starts (those
    running land)."""
    workers = min(jobs, len(tasks))
    if workers <= 1:
        prepare_process()
        renderer = Renderer(*args)
        for t in tasks:
            handle(t, renderer.run(t))
            if stop is not None and stop():
                break
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool

    ctx = multiprocessing.get_context()
    if ctx.get_start_method() == "fork":
        # ReportLab and the layout, imported once here for every forked worker. Not the fonts:
        # a worker loads those of the languages it gets (WenQuanYi alone costs ~90 MiB and
        # 0.7 s to load; the Chinese tasks come last, often to a single worker).
        prepare_process()
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_init_worker,
                               initargs=((), *args))
    try:
        futures = {pool.submit(_run_task, t): t for t in tasks}
        for f in as_completed(list(futures)):
            task = futures.pop(f)  # a done future holds its PDFs: let them go once landed
            if f.cancelled():
                continue
            try:
                out = f.result()
            except BrokenProcessPool:
                raise FactsheetError(Diagnostic(
                    None, "a worker process ended unexpectedly (killed, or out of memory?); "
                          "build again, with fewer --jobs")) from None
            del f
            handle(task, out)
            del out
            if stop is not None and stop():
                for pending in futures:
                    pending.cancel()  # a running one cannot be cancelled: it lands
    except BaseException:
        _stop(pool)
        raise
    pool.shutdown(wait=True)


def build(ws: Workspace, opts: BuildOptions, log=None, progress=None) -> Result:
    """Build the outputs ``opts`` asks for into ``opts.out``.

    ``progress`` (:class:`.progress.Progress`) hears of each PDF as it lands; without it, one
    line per PDF goes to ``log`` (default: stderr).
    """
    from .progress import Progress

    if progress is None:
        progress = Progress(mode="lines", emit=log or (lambda m: print(m, file=sys.stderr)))
    log = log or progress.write
    recorded = _recorded(Path(opts.out))
    with OutputFolder(opts.out, log=log) as folder:
        try:
            res = _build(ws, opts, progress, folder, recorded)
        finally:
            progress.close()
        res.notices = list(folder.notices) + res.notices
        res.stale = folder.stale()
    return res


def _recorded(out: Path) -> dict[str, str]:
    """sha256 of each PDF as the manifest (and a leftover journal) recorded it, read before the
    folder is opened: opening re-reads a PDF whose size changed from the PDF itself, and such
    a PDF (damaged, or replaced behind the tool's back) must not count as up to date."""
    from . import manifest as mf

    try:
        entries = mf.parse(regular.read_regular(out / mf.MANIFEST))
    except (OSError, mf.DamagedManifest):
        return {}
    try:
        mf.replay(regular.read_regular(out / JOURNAL), entries)
    except OSError:
        pass
    return {k: e["sha256"] for k, e in entries.items() if e.get("sha256")}


def _current(previous: dict, recorded: dict[str, str], verified: set[str],
             rels: tuple[str, ...], fp: str) -> bool:
    """One of ``rels`` is up to date: its entry has the fingerprint ``fp``, is not stale, is
    the one the manifest listed before the folder was opened, and its PDF has the bytes the
    entry records (``verified``)."""
    for r in rels:
        e = previous.get(r)
        if e is not None and r in verified and recorded.get(r) == e["sha256"] and \
                fpr.up_to_date(e, fp):
            return True
    return False


def _build(ws: Workspace, opts: BuildOptions, progress, folder: OutputFolder,
           recorded: dict[str, str] | None = None) -> Result:
    res = Result()
    cache = BuildCache(folder.out, ws.root, force=opts.force)
    digests = cache.digests
    verified = verify_outputs(folder, cache)
    lib = load_library_cached(ws, cache)
    ids, failed_files, problems = select(ws, lib, opts.sheets)
    if not opts.sheets:
        res.problems += lib.problems
    else:
        wanted_files = {lib.files.get(i) for i in ids} | set(failed_files)
        res.problems += [d for d in lib.problems if d.loc is None or d.loc.path in wanted_files]
    res.problems += problems
    langs = list(opts.langs) if opts.langs is not None else workspace_languages(ws)
    previous = folder.entries()
    seen: set[str] = set()

    def once(diags: list[Diagnostic]) -> list[Diagnostic]:
        """Each problem printed once (sites share a sheet's translation and fonts)."""
        out = [d for d in diags if str(d) not in seen]
        seen.update(str(d) for d in out)
        return out

    def fail(names_: list[str], diags: list[Diagnostic]) -> None:
        reason = "; ".join(d.message for d in diags[:1]) or "the build of this output failed"
        diags = once(diags)
        for n in names_:
            res.failed.append((n, diags))
            diags = []  # print each problem once
            head, _, tail = n.rpartition("/")
            sub = ""
            if head.rpartition("/")[2] in FOLDER.values():  # braille/x.en.brf
                head, _, sub = head.rpartition("/")
                sub += "/"
            prefixes = [head + "/"] if head else [
                f"{s.id}/" if s is not None else "" for s in opts.sites]
            for pre in prefixes:
                for rel in (f"{pre}{sub}{tail}", f"{pre}{sub}{DRAFTS}/{tail}"):
                    folder.fail(rel, reason)

    braille = None
    formats = opts.formats
    if "braille" in formats:
        from .braille_setup import setup

        braille = setup(ws, langs, named="braille" in opts.named_formats)
        res.problems += braille.errors
        res.warnings += braille.warnings
        if braille.louis is None:
            formats = tuple(f for f in formats if f != "braille")
    plan = planned(opts, formats)
    for site_id, diags in opts.bad_sites:
        names = [f"{site_id}/{output_name(sid, t, v, p, fmt)}" for sid in ids for t in langs
                 for fmt, v, p in plan] if site_id is not None else []
        if names:
            fail(names, diags)
        else:
            res.problems += once(diags)

    for f in failed_files:
        stem = Path(f).stem
        fail([output_name(stem, t, v, p, fmt) for t in langs for fmt, v, p in plan], [])

    # What is up to date, from the inputs' bytes alone.
    selected = frozenset((sid, tag) for sid in ids for tag in langs)
    fps = fpr.Fingerprints(ws.root, dict(lib.files),
                           {sid: xref_targets(s) for sid, s in lib.sheets.items()},
                           draft=opts.draft, selected=set(selected), present=set(previous),
                           digests=digests, formats=formats,
                           braille=(lambda tag: braille.fingerprint(tag, digests))
                           if braille is not None else None)
    tasks: list[Task] = []
    groups = _groups(opts, ids, langs, plan, fps, braille)
    mine = _share(opts, groups, folder)
    for site, sid, tag, planned_outs in groups:
        if mine is not None and (site.id if site is not None else None, sid, tag) not in mine:
            continue  # another shard's
        outs = []
        for fmt, v, p, rel, fp in planned_outs:
            if not opts.force and _current(previous, recorded or {}, verified,
                                           (rel, draft_path(rel)), fp):
                res.up_to_date += 1
                continue
            if fmt == "braille" and braille is not None and not braille.usable(tag):
                fail([rel], braille.failed[tag])
                continue
            outs.append((fmt, v, p, fp))
        if outs:
            tasks.append(Task(site, sid, tag, tuple(outs)))
    keep = set(lib.files.values()) | set(lib.failed)
    cache.save(keep)
    tasks = _dial(tasks, lib, ws.settings.region, fail)
    progress.start(sum(len(t.outputs) for t in tasks), res.up_to_date)
    if not tasks:
        if opts.shard is None:
            res.notices += publish(ws, folder, digests, lib, opts.sites)
        return res

    def handle(task: Task, out: dict) -> None:
        where = f"{task.site.id}/" if task.site is not None else ""
        if "errors" in out:
            names_ = [f"{where}{output_name(task.sheet, task.lang, v, p, fmt)}"
                      for fmt, v, p, _ in task.outputs]
            for n in names_:
                progress.failed(n)
            fail(names_, out["errors"])
            return
        res.warnings += once(out["warnings"])
        for final, rel, meta, rendered, diags in out["outputs"]:
            if rendered is None:
                progress.failed(rel)
                fail([final], diags)
                continue
            data, pages, warnings = rendered
            meta["warnings"] = meta["warnings"] + list(warnings)
            entry = folder.land(rel, data, dict(meta, pages=pages))
            res.entries.append(entry)
            cache.outputs.pop(rel, None)
            try:
                landed[rel] = (fpr.stat_key(os.stat(folder.out / rel)), entry["sha256"])
            except OSError:
                pass
            draft_rel = draft_path(rel)
            if not meta["draft"] and folder.get(draft_rel) is not None:
                folder.remove(draft_rel)
            what = "web page" if pages is None else f"{pages} pages"
            progress.landed(rel, f"{what}, {len(data):,} bytes")

    landed: dict[str, tuple] = {}
    jobs, _ = cap_jobs(opts.jobs if opts.jobs is not None else default_jobs())
    tables = tuple((t, b) for t, b in braille.tables.items() if t not in braille.failed) \
        if braille is not None else ()
    _run(tasks, jobs, (ws, lib.sheets, opts.draft, selected, frozenset(previous), formats,
                       tables), handle, opts.stop)
    _record_landed(folder, cache, landed)
    cache.save(keep)
    if opts.shard is None:  # a shard's shared files are made by `factsheet merge`
        res.notices += publish(ws, folder, digests, lib, opts.sites)
    res.entries.sort(key=lambda e: e["path"])
    res.failed.sort(key=lambda f: f[0])
    return res


def _groups(opts: BuildOptions, ids: list[str], langs: list[str], plan, fps, braille
            ) -> list[tuple]:
    """The whole plan, once: per (clinic, sheet, language), its outputs as (format, variant,
    paper, path, fingerprint); a language without a braille table has no BRF (said once, by
    braille_setup)."""
    out = []
    for site in opts.sites:
        where = f"{site.id}/" if site is not None else ""
        site_fp = site.fingerprint if site is not None else ""
        site_id = site.id if site is not None else None
        for sid in ids:
            for tag in langs:
                outs = [(fmt, v, p, f"{where}{output_name(sid, tag, v, p, fmt)}",
                         fps.output(sid, tag, v, p or "", site_fp, site_id, fmt))
                        for fmt, v, p in plan
                        if not (fmt == "braille" and braille is not None
                                and tag not in braille.tables)]
                out.append((site, sid, tag, outs))
    return out


def _share(opts: BuildOptions, groups: list[tuple], folder: OutputFolder
           ) -> set[tuple[str | None, str, str]] | None:
    """With ``--shard K/N``: the (clinic, sheet, language) groups of shard K, from the whole
    plan (:func:`_groups`, :mod:`.shards`); the shard's record goes into its manifest. None
    without."""
    if opts.shard is None:
        return None
    from . import shards
    from .languages import language

    index, n = opts.shard
    planned = []
    for site, sid, tag, outs in groups:
        lang = language(tag)  # shaped, bidi, dictionary-broken or CJK: costlier
        heavy = any(s not in ("Latn", "Cyrl", "Grek") for s in lang.scripts)
        planned.append(shards.Group(site.id if site is not None else None, sid, tag,
                                    tuple((rel, fp) for _, _, _, rel, fp in outs),
                                    shards.cost([(fmt, v) for fmt, v, _, _, _ in outs], heavy)))
    owner = shards.partition(planned, n)
    mine = [k == index for k in owner]
    sites = {s.id: s.name for s in opts.sites if s is not None}
    folder.shard = shards.record(planned, mine, index, n, sites)
    return {(g.site, g.sheet, g.lang) for g, m in zip(planned, mine) if m}


def _dial(tasks: list[Task], lib: Library, region: str, fail) -> list[Task]:
    """The tasks whose sheet's own phone number is valid for ``region``
    (:func:`.library.dial_all`: checked only when something is built); the others' outputs
    are failed, each problem printed once."""
    bad = dial_all(lib, region, sorted({t.sheet for t in tasks}))
    for sid, diags in bad.items():
        fail([f"{t.site.id + '/' if t.site is not None else ''}"
              f"{output_name(t.sheet, t.lang, v, p, fmt)}"
              for t in tasks if t.sheet == sid for fmt, v, p, _ in t.outputs], diags)
    return [t for t in tasks if t.sheet not in bad]


def planned(opts: BuildOptions, formats: tuple[str, ...] | None = None
            ) -> list[tuple[str, str, str | None]]:
    """(format, variant or edition, paper or None) of every output one sheet makes in one
    language (``formats``: those that can be made, default ``opts.formats``)."""
    return [(fmt, v, p) for fmt in (opts.formats if formats is None else formats)
            for v in (opts.variants if PER_VARIANT[fmt] else (EDITION[fmt],))
            for p in (opts.papers if PER_PAPER[fmt] else (None,))]


def publish(ws: Workspace, folder: OutputFolder, digests: fpr.Digests, lib: Library,
            sites: tuple) -> list[Diagnostic]:
    """What the outputs share, once they have landed: the web pages' assets folder and the
    print shelves (:mod:`.shelf`). Returns notices (orphaned clinic folders)."""
    from .shelf import write_shelves
    from .web import write_web_assets

    write_web_assets(ws, folder, digests)
    built = {s.id: s.name for s in sites if s is not None}
    try:
        return write_shelves(ws, folder, digests, lib, built)
    except OSError as e:
        raise cannot(folder.out / "index.html", e) from None


def _record_landed(folder: OutputFolder, cache: BuildCache, landed: dict[str, tuple]) -> None:
    """Keep the stat data of the PDFs this build wrote, taken now (the record's time for the
    racy rule), when they are still those taken right after the PDF landed: a PDF landed
    within :data:`.fingerprint.RACY_NS` of now, or changed since, gets no record (the next
    build hashes it once)."""
    for rel, (key, sha) in landed.items():
        taken = time.time_ns()
        try:
            st = os.stat(folder.out / rel)
        except OSError:
            continue
        e = folder.get(rel)
        if e is not None and e["sha256"] == sha and fpr.stat_key(st) == key and \
                not fpr.racy(st, taken):
            cache.outputs[rel] = (key, sha)


def check(ws: Workspace, wanted: tuple[str, ...], langs: tuple[str, ...] | None,
          variants: tuple[str, ...]) -> list[Diagnostic]:
    """Every problem a build would find before layout: content, catalogs, fonts."""
    from . import fonts

    fonts.configure(ws.fonts, display_root=ws.root)
    lib = load_library(ws)
    ids, _, problems = select(ws, lib, wanted)
    problems = lib.problems + problems
    bad = dial_all(lib, ws.settings.region, ids)
    for sid in ids:
        if sid in bad:
            problems += bad[sid]
            continue
        for tag in (list(langs) if langs is not None else workspace_languages(ws)):
            try:
                translated, _ = prepare(ws, lib.sheets[sid], tag, False)
            except FactsheetError as e:
                problems += e.diagnostics
                # What a build would refuse next, once the translations are done (or with
                # --draft): the fonts and scripts of the text as far as it is translated.
                try:
                    translated, _ = prepare(ws, lib.sheets[sid], tag, True)
                except FactsheetError:
                    continue  # the catalog itself is unusable: nothing more to check
            for v in variants:
                problems += glyph_problems(translated, v)
    return list(dict.fromkeys(problems))  # a font fault is found once per language and variant


__all__ = ["BuildOptions", "Result", "SourceLoc", "build", "cap_jobs", "check",
           "default_jobs", "max_jobs", "prepare", "usable_cores"]
