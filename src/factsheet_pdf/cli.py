"""Command line: ``factsheet init | build | check | i18n ... | site check``.

Exit status: 0 success, 1 content/catalog/font/layout problems (each printed as
``file:line[:col]: error: message``), 2 usage errors. Bad input never ends in a traceback
(``--debug`` shows one, for bug reports). Heavy modules are imported by the command that
needs them, so ``--help`` and ``--version`` start fast.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from . import __version__
from .errors import new_run, report
from .formats import FORMAT_NAMES as FORMATS
from .variants import PAPER_NAMES as PAPERS
from .variants import VARIANT_NAMES as VARIANTS


class _Usage(Exception):
    pass


def _choices(value: str, allowed, what: str) -> tuple[str, ...] | str:
    """A comma-separated list of names from ``allowed`` (any case), or ``all``."""
    if value.strip().lower() == "all":
        return "all"
    items = tuple(v.strip().lower() for v in value.split(",") if v.strip())
    bad = [v for v in items if v not in allowed]
    if bad or not items:
        raise argparse.ArgumentTypeError(
            f"unknown {what} {', '.join(map(repr, bad)) or repr(value)} "
            f"(choose from: {', '.join(allowed)}, or all)")
    return tuple(dict.fromkeys(items))


def _one(value: str, allowed, what: str) -> str:
    """One name from ``allowed``, in any case."""
    v = value.strip().lower()
    if v not in allowed:
        raise argparse.ArgumentTypeError(f"unknown {what} {value!r} (choose from: "
                                         f"{', '.join(allowed)})")
    return v


def _langs(value: str) -> tuple[str, ...] | str:
    if value.strip().lower() == "all":
        return "all"
    items = tuple(v.strip() for v in value.split(",") if v.strip())
    if not items:
        raise argparse.ArgumentTypeError("no language given")
    return items


def _shard(value: str) -> tuple[int, int]:
    from .shards import parse_spec

    try:
        return parse_spec(value)
    except ValueError as e:
        raise argparse.ArgumentTypeError(f"{e}, not {value!r}") from None


def _jobs(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number, not {value!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {n}")
    return n


LANG_HELP = ("comma-separated BCP 47 tags (any case: pt-br is pt-BR), e.g. es,pt-BR,zh-Hans, "
             "or all: English and every language with a catalog")
SHEET_HELP = "sheet ids or content files (default: every sheet of the workspace)"


def _build_options(b, variants: str, papers: str) -> None:
    """The options of build and watch (watch takes them all, and builds with them)."""
    b.add_argument("sheets", nargs="*", metavar="SHEET", help=SHEET_HELP)
    b.add_argument("--lang", type=_langs, metavar="LANG[,LANG...]|all",
                   help=LANG_HELP + " (default: factsheet.toml, else all)")
    b.add_argument("--variant", type=lambda v: _choices(v, VARIANTS, "variant"),
                   metavar=f"{{{variants}}}[,...]|all",
                   help=f"comma-separated, any case: {', '.join(VARIANTS)}, or all "
                        "(default: factsheet.toml, else all)")
    b.add_argument("--paper", type=lambda v: _choices(v, PAPERS, "paper"),
                   metavar=f"{{{papers}}}[,...]|all",
                   help=f"comma-separated, any case: {', '.join(PAPERS)}, or all "
                        "(default: factsheet.toml, else all)")
    b.add_argument("--out", type=Path, metavar="DIR",
                   help="output folder (default: factsheet.toml, else dist)")
    b.add_argument("--formats", type=lambda v: _choices(v, FORMATS, "format"),
                   metavar="{pdf|html|braille}[,...]|all",
                   help="comma-separated: pdf (the printable handouts), html (the web "
                        "edition), braille (BRF files, by liblouis), or all (default: "
                        "factsheet.toml, else pdf,html)")
    b.add_argument("--draft", action="store_true",
                   help="build unfinished translations: missing text falls back to English; "
                        "such PDFs go to <out>/drafts/ and are marked DRAFT")
    b.add_argument("--site", action="append", metavar="FILE|all",
                   help="a clinic's site profile (repeatable; all: every profile in sites/)")
    b.add_argument("--jobs", type=_jobs, metavar="N",
                   help="worker processes, 1 or more (default: the usable cores, as many as the "
                        "memory holds at 200 MiB each)")
    b.add_argument("--force", action="store_true",
                   help="rebuild every PDF, also those whose inputs have not changed, "
                        "reading and parsing every input again (no cache)")
    b.add_argument("--quiet", "-q", action="store_true",
                   help="print only errors (no progress, no summary)")


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="factsheet",
        description="Accessible (PDF/UA-1), multilingual patient fact sheets from structured "
                    "content and gettext catalogs.")
    p.add_argument("--version", action="store_true", help="print the version and exit "
                   "(with --verbose: ReportLab's and the fonts' versions, and the workspace)")
    p.add_argument("--verbose", action="store_true",
                   help="with --version: ReportLab's and the fonts' versions, and the workspace")
    p.add_argument("--root", type=Path, metavar="DIR",
                   help="the workspace folder (default: the nearest folder upward that holds "
                        "factsheet.toml)")
    p.add_argument("--debug", action="store_true", help="show a traceback on failure "
                   "(for bug reports)")
    sub = p.add_subparsers(dest="command", metavar="COMMAND",
                           help="init, build, clean, check, show, i18n or site")

    n = sub.add_parser("init", help="create a new workspace (with the example sheet)")
    n.add_argument("dir", type=Path, metavar="DIR",
                   help="the new workspace's folder (created if missing; must not hold "
                        "a workspace, content/ or locales/)")
    n.add_argument("--empty", action="store_true", help="the skeleton, without the example")

    variants, papers = "|".join(VARIANTS), "|".join(PAPERS)
    b = sub.add_parser("build", help="build PDFs (default: into dist/)")
    _build_options(b, variants, papers)
    b.add_argument("--shard", type=_shard, metavar="K/N",
                   help="plan the whole build, write only share K of N (1 <= K <= N), for "
                        "one of N machines; `factsheet merge` joins the shards")
    m = sub.add_parser("merge", help="join the output folders of `build --shard K/N` runs "
                                      "into one (as one build makes it)")
    m.add_argument("shards", nargs="+", type=Path, metavar="DIR",
                   help="a shard's output folder (every shard of one plan, each once)")
    m.add_argument("--out", type=Path, metavar="DIR",
                   help="the merged output folder (default: factsheet.toml, else dist)")
    b = sub.add_parser("watch", help="build, then rebuild what each save in the workspace affects, until Ctrl-C")
    _build_options(b, variants, papers)

    k = sub.add_parser("clean", help="remove the outputs the workspace no longer produces "
                                     "(a deleted clinic profile's folder, a removed language)")
    k.add_argument("--out", type=Path, metavar="DIR",
                   help="output folder (default: factsheet.toml, else dist)")
    k.add_argument("--dry-run", action="store_true", help="list what would be removed")

    c = sub.add_parser("check", help="check content, catalogs, fonts and the default site "
                                     "profile; write no PDF")
    c.add_argument("sheets", nargs="*", metavar="SHEET", help=SHEET_HELP)
    c.add_argument("--lang", type=_langs, metavar="LANG[,LANG...]|all",
                   help=LANG_HELP + " (default: factsheet.toml, else all)")

    w = sub.add_parser("show", help="print a sheet's composed document as an outline in "
                                    "reading order (what a screen reader will read)")
    w.add_argument("sheet", metavar="SHEET", help="a sheet id or content file")
    w.add_argument("--lang", default=None, metavar="LANG",
                   help="BCP 47 tag (default: the workspace's source language, en)")
    w.add_argument("--variant", default=VARIANTS[0], metavar=f"{{{variants}}}",
                   type=lambda v: _one(v, VARIANTS, "variant"),
                   help=f"one of: {', '.join(VARIANTS)}, any case (default: {VARIANTS[0]})")
    w.add_argument("--site", metavar="FILE", help="a clinic's site profile for the contact block")
    w.add_argument("--draft", action="store_true",
                   help="show an unfinished translation (missing text in English)")
    w.add_argument("--locations", action="store_true",
                   help="with each node, the file and line its text comes from")

    i = sub.add_parser("i18n", help="translation catalogs")
    isub = i.add_subparsers(dest="action", required=True, metavar="ACTION",
                            help="extract, update, status, init or override")
    a = isub.add_parser("extract", help="write locales/<sheet>.pot for every sheet")
    a.add_argument("sheets", nargs="*", metavar="SHEET", help=SHEET_HELP)
    a = isub.add_parser("update", help="merge the templates into every catalog (keyed on "
                                       "msgctxt), the shared strings' included")
    a.add_argument("sheets", nargs="*", metavar="SHEET", help=SHEET_HELP)
    a = isub.add_parser("status", help="translated / fuzzy / untranslated per language")
    a.add_argument("sheets", nargs="*", metavar="SHEET", help=SHEET_HELP)
    a.add_argument("--verbose", action="store_true", help="list the untranslated and fuzzy ids")
    a.add_argument("--check", action="store_true",
                   help="exit 1 unless every catalog can build strict (for a team's CI)")
    a.add_argument("--json", action="store_true", help="machine-readable output")
    a = isub.add_parser("init", help="start a language: a catalog for every sheet, pre-filled "
                                     "from the workspace's other catalogs (marked fuzzy)")
    a.add_argument("lang", metavar="LANG",
                   help="a BCP 47 tag CLDR knows (any case), e.g. de, pt-BR, zh-Hant; not one "
                        "that is an existing language by CLDR's likely subtags (zh for zh-Hans)")
    a.add_argument("sheets", nargs="*", metavar="SHEET", help=SHEET_HELP)
    sc = sub.add_parser("site", help="clinic site profiles")
    ssub = sc.add_subparsers(dest="action", required=True, metavar="ACTION", help="check")
    a = ssub.add_parser("check", help="validate site profiles; render nothing")
    a.add_argument("files", nargs="+", metavar="FILE",
                   help="site profile files (YAML), e.g. sites/riverside.yaml")
    a = isub.add_parser("override", help="copy one shared string into the workspace's "
                                         "common.po for LANG, to reword it there")
    a.add_argument("lang", metavar="LANG", help="a BCP 47 tag (any case), e.g. es, pt-BR")
    a.add_argument("ids", nargs="+", metavar="ID",
                   help="a shared string's msgctxt, as in the package's common.pot, e.g. "
                        "label.turn-over, site.call")
    return p


def _workspace(args):
    from .workspace import find

    return find(args.root)


def _settings_list(value, setting, allowed: tuple[str, ...], what: str):
    """Command line first, then factsheet.toml; 'all' -> allowed."""
    v = value if value is not None else setting
    if v == "all":
        return tuple(allowed)
    bad = [x for x in v if x not in allowed]
    if bad:
        raise _Usage(f"unknown {what} {bad[0]!r} (choose from: {', '.join(allowed)}, or all)")
    return tuple(v)


def _sites(ws, given: list[str], err) -> tuple[tuple, list]:
    """Site profiles to build for, files or ``all`` (every profile in sites/), and those that
    did not load, as (site id or None, problems): each bad profile stops only its own outputs.
    No profile: ((None,), []) and one warning (the sheets' own contact blocks are printed)."""
    if not given:
        print("factsheet: warning: no site profile (--site, or `site` in factsheet.toml): the "
              "handouts show each sheet's own contact block (for the shipped sheet, the "
              "AIDSinfo service, retired in 2020)", file=err)
        return (None,), []
    from .errors import FactsheetError
    from .site.profile import guess_id, load_site  # Babel's CLDR data: only with a profile

    paths: list[Path] = []
    for g in given:
        if g == "all":
            found = sorted(ws.sites.glob("*.yaml")) if ws.sites.is_dir() else []
            if not found:
                raise _Usage(f"--site all: no profiles in {ws.rel(ws.sites)}/")
            paths += found
        else:
            p = Path(g)
            paths.append(p if p.exists() or p.is_absolute() else ws.root / p)
    profiles, bad = [], []
    seen: dict[str, str] = {}  # site id -> its profile's path
    for p in paths:
        shown = Path(ws.rel(p)) if p.exists() else p
        # relative to the workspace where that names the same file from here (--root)
        name = shown if shown.exists() and shown.resolve() == p.resolve() else p
        try:
            prof = load_site(name, default_region=ws.settings.region)
        except FactsheetError as e:
            bad.append((guess_id(name), e.diagnostics))
            continue
        if prof.id in seen:
            if seen[prof.id] != str(p):
                raise _Usage(f"site id {prof.id!r} is used by {seen[prof.id]} and {p}")
            continue
        seen[prof.id] = str(p)
        profiles.append(prof)
    return tuple(profiles), bad


def _settings_site(ws) -> list[str]:
    """The default profile of factsheet.toml (``site``), relative to the workspace: [] when
    none is set; an error at the setting when the file is missing or not a regular file."""
    st = ws.settings
    if not st.site:
        return []
    if st.site == "all":
        return ["all"]
    import stat

    from .errors import Diagnostic, FactsheetError

    path = Path(st.site) if Path(st.site).is_absolute() else ws.root / st.site
    try:
        regular = stat.S_ISREG(path.stat().st_mode)
        why = "is not a regular file"
    except OSError as e:
        regular, why = False, f"cannot be read: {e.strerror}"
    if not regular:
        raise FactsheetError(Diagnostic(st.loc("site"), f"site profile {st.site!r} {why}",
                                        hint="a profile file relative to the workspace, e.g. "
                                             "\"sites/riverside.yaml\", or \"all\""))
    return [str(path)]


def _have_langs(ws) -> set[str]:
    """English and the languages the workspace has catalogs for (no CLDR data needed)."""
    from .tags import tag_for_folder

    have = {"en"}
    if ws.locales.is_dir():
        have |= {tag_for_folder(p.name) for p in ws.locales.iterdir() if p.is_dir()}
    return have


def _check_langs(ws, langs, from_settings: bool = False):
    """The language tags asked for, in BCP 47's case (``PT-br`` is ``pt-BR``). A tag that is
    one the workspace has by CLDR's likely subtags (``zh`` for ``zh-Hans``) or that CLDR does
    not know is a usage error (on the command line) or an error at its place in
    factsheet.toml. English and the workspace's languages are known without loading CLDR
    data (a no-op build stays lean)."""
    if langs == "all":
        return langs
    from .tags import canonical_tag

    have = _have_langs(ws)
    tags = tuple(dict.fromkeys(canonical_tag(t) for t in langs))
    unknown = [(given, t) for given, t in zip(langs, tags) if t not in have]
    if not unknown:
        return tags
    from . import shared
    from .errors import Diagnostic, FactsheetError
    from .tagmatch import did_you_mean, language_problem

    shipped = sorted(have) + [f.replace("_", "-") for f in shared.package_folders()]
    for given, tag in unknown:
        where = ws.settings.loc("languages", given) if from_settings else None
        problem = did_you_mean(tag, shipped)
        if problem and from_settings:
            raise FactsheetError(Diagnostic(where, problem))
        if problem:
            raise _Usage(problem)
        problem = language_problem(tag)
        if problem and from_settings:
            message, _, hint = problem.partition("; ")
            raise FactsheetError(Diagnostic(where, message, hint=hint or None))
        if problem:
            raise _Usage(problem)
    return tags


def cmd_init(args, out, err) -> int:
    from .workspace import init

    written = init(args.dir, empty=args.empty)
    print(f"{args.dir}: new workspace ({len(written)} files)"
          + ("" if args.empty else ", with the example sheet"), file=out)
    print(f"next: cd {args.dir} && factsheet build", file=out)
    return 0


def cmd_build(args, out, err, stop=None) -> int:
    from .build import BuildOptions, build, cap_jobs, default_jobs
    from .progress import for_stream

    ws = _workspace(args)
    st = ws.settings
    quiet = args.quiet
    sites, bad_sites = _sites(ws, args.site if args.site else _settings_site(ws),
                              _Quiet(err) if quiet else err)
    jobs, notice = cap_jobs(args.jobs if args.jobs is not None else default_jobs())
    if notice and not quiet:
        print(notice, file=err)
    langs = args.lang if args.lang is not None else st.languages
    langs = _check_langs(ws, langs, from_settings=args.lang is None)
    out_dir = args.out if args.out is not None else ws.root / st.out
    opts = BuildOptions(
        sheets=tuple(args.sheets), langs=None if langs == "all" else tuple(langs),
        variants=_settings_list(args.variant, st.variants, VARIANTS, "variant"),
        papers=_settings_list(args.paper, st.papers, PAPERS, "paper"),
        formats=_settings_list(args.formats, st.formats, FORMATS, "format"),
        named_formats=args.formats if isinstance(args.formats, tuple) else (),
        out=out_dir, draft=args.draft, jobs=jobs, sites=sites, force=args.force,
        bad_sites=tuple(bad_sites), stop=stop, shard=getattr(args, "shard", None))
    progress = for_stream(err, quiet)
    res = build(ws, opts, log=progress.write, progress=progress)
    for d in res.problems:
        report(d, err)
    if not quiet:
        for w in res.warnings:
            report(w, err)
    for _, diags in res.failed:
        for d in diags:
            report(d, err)
    for n in res.notices:
        if not quiet or getattr(n, "severity", "error") == "error":
            report(n, err)
    if quiet:
        return 1 if res.failed or res.problems else 0
    rows = [(e["path"], "-" if e["pages"] is None else str(e["pages"]), f"{e['bytes']:,}",
             str(len(e["warnings"]))
             + (" (draft)" if e["draft"] else "")) for e in res.entries]
    rows += [(name, "-", "-", "FAILED") for name, _ in res.failed]
    if rows:
        head = ("file", "pages", "size", "warnings")
        widths = [max(len(r[i]) for r in rows + [head]) for i in range(4)]
        for r in [head, tuple("-" * w for w in widths), *rows]:
            print("  ".join(c.ljust(w) if i in (0, 3) else c.rjust(w)
                            for i, (c, w) in enumerate(zip(r, widths))).rstrip(), file=out)
    for e in res.stale:
        print(f"{out_dir / e['path']}: stale: kept from the build of {e['stale']['last_good']} "
              f"({e['stale']['reason']})", file=err)
    print(f"{len(res.entries)} built, {len(res.failed)} failed, {len(res.stale)} stale, "
          f"{res.up_to_date} up to date; manifest: {out_dir / 'manifest.json'}", file=out)
    return 1 if res.failed or res.problems else 0


class _Quiet:
    """A stream that drops what is written to it (warnings under --quiet)."""

    def __init__(self, stream):
        self.stream = stream

    def write(self, s: str) -> int:
        return len(s)

    def flush(self) -> None:
        pass


def cmd_watch(args, out, err) -> int:
    from .watch import watch

    ws = _workspace(args)
    out_dir = args.out if args.out is not None else ws.root / ws.settings.out
    state = {"force": args.force}
    if args.jobs is None:
        args.jobs = 1  # every rebuild in this warm process (workers would start cold)

    def build_once(stop) -> int:
        """One build as ``factsheet build`` would run it; bad input is reported, never fatal."""
        from .errors import FactsheetError
        from .workspace import UsageError

        new_run()  # each rebuild prints its own hints
        args.force, state["force"] = state["force"], False  # --force: the first build only
        try:
            return cmd_build(args, out, err, stop=stop)
        except (UsageError, _Usage) as e:
            print(f"factsheet: error: {e}", file=err)
        except FactsheetError as e:
            for d in e.diagnostics:
                report(d, err)
        return 1

    return watch(build_once, ws.root, (out_dir,), err)


def cmd_merge(args, out, err) -> int:
    from .merge import merge

    ws = _workspace(args)
    out_dir = args.out if args.out is not None else ws.root / ws.settings.out
    n, notices = merge(ws, list(args.shards), out_dir, log=lambda m: print(m, file=err))
    for d in notices:
        report(d, err)
    print(f"{n} outputs merged from {len(args.shards)} shards; manifest: "
          f"{out_dir / 'manifest.json'}", file=out)
    return 0


def cmd_clean(args, out, err) -> int:
    from .clean import clean

    ws = _workspace(args)
    out_dir = args.out if args.out is not None else ws.root / ws.settings.out
    res = clean(ws, out_dir, dry_run=args.dry_run, log=lambda m: print(m, file=err))
    verb = "would remove" if args.dry_run else "removed"
    for rel in res.removed:
        print(f"{verb} {out_dir / rel}", file=out)
    n = len(res.removed)
    print(f"{n} {'would be removed' if args.dry_run else 'removed'}" if n else
          f"nothing to remove in {out_dir}", file=out)
    return 0


def cmd_check(args, out, err) -> int:
    from .build import check

    ws = _workspace(args)
    langs = args.lang if args.lang is not None else ws.settings.languages
    langs = _check_langs(ws, langs, from_settings=args.lang is None)
    problems = check(ws, tuple(args.sheets), None if langs == "all" else tuple(langs),
                     VARIANTS)
    given = _settings_site(ws)
    if given:  # the default profile (factsheet.toml's site), as the build would read it
        for _, diags in _sites(ws, given, _Quiet(err))[1]:
            problems += diags
    notes = _braille_check(ws, langs)
    problems += [d for d in notes if d.severity == "error"]
    for d in problems:
        report(d, err)
    for d in notes:
        if d.severity != "error":
            report(d, err)
    print(f"{len(problems)} problem(s)", file=out)
    return 1 if problems else 0


def _braille_check(ws, langs) -> list:
    """The braille tables of the languages checked: one that liblouis cannot read is an error
    at its line of factsheet.toml; a language with no table is listed (a warning). Without
    liblouis, a warning only when the settings' formats include braille."""
    from .braille_setup import setup
    from .library import workspace_languages

    tags = workspace_languages(ws) if langs == "all" else list(langs)
    res = setup(ws, tags, named=False, check_only=True)
    wanted = ws.settings.formats == "all" or "braille" in ws.settings.formats
    out = [d for diags in res.failed.values() for d in diags]
    if res.louis is None:
        return res.warnings if wanted else []
    return out + res.warnings


def cmd_show(args, out, err) -> int:
    """The composed document as an outline: no ReportLab, no fontTools (tests/test_compose)."""
    from .build import prepare, select
    from .compose import compose, outline
    from .errors import FactsheetError
    from .library import load_library, title_in, xref_targets

    ws = _workspace(args)
    lib = load_library(ws)
    ids, failed, problems = select(ws, lib, (args.sheet,))
    if problems:
        raise _Usage(problems[0].message)
    if not ids:
        raise FactsheetError(lib.problems or [])
    sheet = lib.sheets[ids[0]]
    (tag,) = _check_langs(ws, (args.lang or sheet.lang,))
    site = None
    if args.site:
        (sites, bad) = _sites(ws, [args.site], err)
        if bad:
            raise FactsheetError(bad[0][1])
        site = sites[0]
    from .library import dial

    translated, warnings = prepare(ws, dial(sheet, ws.settings.region), tag, args.draft)
    for w in warnings:
        report(w, err)
    links = {x: (title_in(ws, lib.sheets[x], tag), "") for x in xref_targets(sheet)}
    doc = compose(translated, args.variant, site=site, xrefs=links,
                  publisher=ws.settings.publisher)
    out.write(outline(doc, locations=args.locations))
    return 0


def cmd_i18n(args, out, err) -> int:
    from .i18n import commands

    return commands.run(_workspace(args), args, out, err)


def cmd_site(args, out, err) -> int:
    from .site.check import run_check
    from .workspace import UsageError

    try:  # the workspace's region for a profile without one; outside a workspace, US
        region = _workspace(args).settings.region
    except UsageError:
        region = "US"
    return run_check(args.files, out, err, region=region)


def _version(verbose: bool, root: Path | None, out) -> int:
    print(f"factsheet-pdf {__version__}", file=out)
    if verbose:
        import platform

        from reportlab import Version

        from . import fonts
        from .workspace import UsageError, find

        print(f"Python {platform.python_version()}; ReportLab {Version}", file=out)
        for name, version in getattr(fonts, "font_versions", lambda: [])():
            print(f"font {name}: {version}", file=out)
        try:
            ws = find(root)
            print(f"workspace: {ws.root.resolve()}", file=out)
        except UsageError:
            print("workspace: none (not inside a folder with factsheet.toml)", file=out)
    return 0


def main(argv: list[str] | None = None, *, stdout=None, stderr=None) -> int:
    err = stderr or sys.stderr
    try:
        return _main(argv, stdout or sys.stdout, err)
    except KeyboardInterrupt:  # Ctrl-C before the signal handlers are in place (imports...)
        print("factsheet: interrupted", file=err)
        return 130


def _main(argv: list[str] | None, out, err) -> int:
    new_run()  # each hint printed once in this run
    parser = _parser()
    import contextlib

    try:  # usage errors and --help to the streams given (the tests' in-process runs)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            args = parser.parse_args(argv)
    except SystemExit as e:
        return int(e.code or 0)
    if args.version:
        return _version(args.verbose, args.root, out)
    if args.debug:
        import os

        os.environ["FACTSHEET_DEBUG"] = "1"
    if not args.command:
        parser.print_usage(err)
        print("factsheet: error: a command is required (init, build, watch, merge, clean, check, "
              "show, i18n, site)",
              file=err)
        return 2
    from .errors import FactsheetError
    from .workspace import UsageError

    handlers: dict[str, Callable[..., int]] = {
        "init": cmd_init, "build": cmd_build, "watch": cmd_watch, "merge": cmd_merge,
        "clean": cmd_clean,
        "check": cmd_check, "show": cmd_show, "i18n": cmd_i18n, "site": cmd_site}
    handler = handlers[args.command]
    from .interrupts import Terminated, exit_code, handle_signals

    try:
        with handle_signals():
            return handler(args, out, err)
    except (KeyboardInterrupt, Terminated) as e:
        print("factsheet: interrupted", file=err)
        return exit_code(e)
    except (UsageError, _Usage) as e:
        print(f"factsheet: error: {e}", file=err)
        return 2
    except FactsheetError as e:
        for d in e.diagnostics:
            report(d, err)
        return 1
    except RecursionError:
        if args.debug:
            raise
        print("factsheet: error: input nested too deeply", file=err)
        return 1
    except BrokenPipeError:  # `factsheet i18n status | head`: the reader left; say nothing
        import os

        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        return 1
    except OSError as e:
        if args.debug:
            raise
        where = e.filename or "factsheet"
        print(f"{where}: error: {e.strerror or e}", file=err)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
