"""Benchmarks of factsheet-pdf against its peers (Typst, WeasyPrint), in one interleaved run.

Usage::

    python bench/run.py [--quick] [--only NAME ...] [--peers DIR] [--reps N]

Input: this checkout (its ``src/`` is put first on the import path, so the code benchmarked is
the code next to this script), its workspace (``content/``, ``locales/``, optional ``sites/`` and
``factsheet.toml``, copied to a temporary folder so the checkout is never written), and the
peers' sources (``--peers``, default ``../shared/peers`` from the repository root).
Output: a Markdown report on stdout (progress on stderr) and the raw numbers as JSON under
``bench/results/``.

Sections (``--only`` takes these names): inproc, process, help, matrix, noop, msgstr, watch,
tagging, layouts, scale, size. Each section alternates its contenders (A B A B ...) so machine drift
hits all of them alike. Peak RSS comes from ``os.wait4`` of each fresh process (the largest
process of its tree: main or worker); for in-process figures, from a fresh child running the
same in-process loop. The CLI is always run as ``python -m factsheet_pdf`` with this
interpreter, and its features (``--root``, ``--force``, ``--jobs``) are read from its help.

Internal: ``--child inproc --tool ours|typst|weasyprint`` runs one in-process loop and prints
one JSON line (used for in-process peak RSS and for tagging on/off).
"""

from __future__ import annotations

import argparse
import datetime as _dt
import inspect
import io
import itertools
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

try:
    import resource
except ImportError:  # Windows: no RSS figures
    resource = None

REPO = Path(__file__).resolve().parent.parent
SRC = REPO / "src"
HERE = Path(__file__).resolve()
NOTO = Path("/usr/share/fonts/truetype/noto")
SECTIONS = ("inproc", "process", "help", "matrix", "noop", "msgstr", "watch", "tagging",
            "layouts", "scale", "size")
TYPST_VARIANT = {"standard": "regular", "large-print": "large"}
WP_CSS = {"standard": "factsheet-fillauto.css", "large-print": "factsheet-large.css"}
UNTAGGED_ENV = "FACTSHEET_UNTAGGED"
_counter = itertools.count(int(time.time() * 1000) % 10_000_000)


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def use_checkout() -> None:
    """Import factsheet_pdf from this checkout's src/ (and make child processes do the same)."""
    if (SRC / "factsheet_pdf").is_dir():
        if str(SRC) not in sys.path:
            sys.path.insert(0, str(SRC))
        pp = os.environ.get("PYTHONPATH", "")
        if not pp.split(os.pathsep)[0] == str(SRC):
            os.environ["PYTHONPATH"] = str(SRC) + (os.pathsep + pp if pp else "")


# ----------------------------------------------------------------------------- statistics

def stats(xs):
    xs = [x for x in xs if x is not None]
    if not xs:
        return None
    return {"median": statistics.median(xs), "min": min(xs), "max": max(xs), "n": len(xs)}


def fmt_ms(st, unit="ms"):
    if st is None:
        return "–"
    scale = 1000.0 if unit == "ms" else 1.0
    m, lo, hi = st["median"] * scale, st["min"] * scale, st["max"] * scale
    dig = 0 if m >= 100 else 1
    if unit == "s":
        dig = 2 if m < 10 else 1
    return f"{m:,.{dig}f} ({lo:,.{dig}f}–{hi:,.{dig}f})"


def fmt_mib(kib):
    if kib is None:
        return "–"
    if isinstance(kib, dict):
        kib = kib["median"]
    return f"{kib / 1024:.0f} MiB"


def ratio(a, b):
    if a is None or b is None:
        return "–"
    a = a["median"] if isinstance(a, dict) else a
    b = b["median"] if isinstance(b, dict) else b
    return f"{a / b:.2f}×" if b else "–"


def rss_kib(ru_maxrss: int) -> int:
    return ru_maxrss // 1024 if sys.platform == "darwin" else ru_maxrss


# ----------------------------------------------------------------------------- processes

# A small launcher runs each measured command: on Linux a process keeps, across exec, the peak
# RSS of the process it was forked from, so children forked straight from this (large) process
# would all report at least its size. The launcher is a fresh small Python; it forks the
# command, times it, and reads its peak RSS from os.wait4.
_LAUNCHER = r"""
import json, os, subprocess, sys, time
t0 = time.perf_counter()
p = subprocess.Popen(sys.argv[2:])
if hasattr(os, "wait4"):
    _, status, ru = os.wait4(p.pid, 0)
    rc, rss = os.waitstatus_to_exitcode(status), ru.ru_maxrss
else:
    rc, rss = p.wait(), None
dt = time.perf_counter() - t0
with open(sys.argv[1], "w") as f:
    json.dump({"seconds": dt, "rc": rc, "maxrss": rss}, f)
"""


class TreeWatch(threading.Thread):
    """Linux: poll /proc for the peak RSS (VmHWM) of the command's main process and of each of
    its worker processes, so 'peak RSS per worker' is the worker's own, not the tree's."""

    def __init__(self, launcher_pid: int, period=0.05):
        super().__init__(daemon=True)
        self.root, self.period = launcher_pid, period
        self.hwm = {}  # pid -> (depth below the command's main process, peak KiB)
        self.stop = threading.Event()

    @staticmethod
    def _ppids():
        out = {}
        for d in os.listdir("/proc"):
            if d.isdigit():
                try:
                    with open(f"/proc/{d}/stat", "rb") as f:
                        stat = f.read()
                    out[int(d)] = int(stat[stat.rindex(b")") + 2:].split()[1])
                except (OSError, ValueError, IndexError):
                    pass
        return out

    def run(self):
        while not self.stop.is_set():
            ppid = self._ppids()
            depth = {self.root: -1}
            changed = True
            while changed:
                changed = False
                for pid, pp in ppid.items():
                    if pid not in depth and pp in depth:
                        depth[pid] = depth[pp] + 1
                        changed = True
            for pid, dep in depth.items():
                if dep < 0:
                    continue
                try:
                    with open(f"/proc/{pid}/status") as f:
                        for line in f:
                            if line.startswith("VmHWM:"):
                                kib = int(line.split()[1])
                                old = self.hwm.get(pid, (dep, 0))[1]
                                self.hwm[pid] = (dep, max(old, kib))
                                break
                except (OSError, ValueError):
                    pass
            self.stop.wait(self.period)

    def result(self):
        main = max((k for d, k in self.hwm.values() if d == 0), default=None)
        workers = [k for d, k in self.hwm.values() if d > 0]
        return {"main_kib": main, "worker_max_kib": max(workers, default=None),
                "workers": len(workers)}


def run_proc(cmd, cwd=None, env=None, timeout=900, watch=None):
    """Run a command; return (seconds, returncode, peak RSS KiB or None, stdout, stderr).

    `watch`, a dict, receives per-process peaks (main, largest worker) on Linux."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.TemporaryDirectory(prefix="bench-launch-") as d:
        status = Path(d) / "status.json"
        p = subprocess.Popen([sys.executable, "-c", _LAUNCHER, str(status), *cmd], cwd=cwd,
                             env=env, stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                             start_new_session=hasattr(os, "killpg"))

        def kill():
            try:
                os.killpg(p.pid, 9) if hasattr(os, "killpg") else p.kill()
            except OSError:
                pass
        timer = threading.Timer(timeout, kill)
        timer.start()
        tw = None
        if watch is not None and os.path.isdir("/proc/self"):
            tw = TreeWatch(p.pid)
            tw.start()
        try:
            p.wait()
        finally:
            timer.cancel()
            if tw:
                tw.stop.set()
                tw.join()
                watch.update(tw.result())
        out.seek(0)
        err.seek(0)
        o, e = out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace")
        try:
            st = json.loads(status.read_text())
        except (OSError, ValueError):
            return (None, p.returncode or -1, None, o, e + "\n(bench: launcher failed)")
        rss = rss_kib(st["maxrss"]) if st["maxrss"] is not None else None
        return st["seconds"], st["rc"], rss, o, e


def py(*args):
    return [sys.executable, *args]


class Cli:
    """The factsheet command line of this checkout, its features read from --help."""

    def __init__(self):
        _, rc, _, top, e1 = run_proc(py("-m", "factsheet_pdf", "--help"))
        _, rc2, _, bh, e2 = run_proc(py("-m", "factsheet_pdf", "build", "--help"))
        if rc2 != 0:
            raise RuntimeError(f"`factsheet build --help` failed: {e2.strip()[-500:]}")
        self.help_top, self.help_build = top, bh
        self.root_global = "--root" in top
        self.root_build = "--root" in bh and not self.root_global
        self.force = "--force" in bh
        self.jobs = "--jobs" in bh
        self.quiet = "--quiet" in bh

    def features(self):
        return {"--root": "global" if self.root_global else ("build" if self.root_build
                                                             else "no (cwd)"),
                "--force": self.force, "--jobs": self.jobs, "--quiet": self.quiet}

    def build_cmd(self, ws: Path, *args, force=False, jobs=None):
        cmd = py("-m", "factsheet_pdf")
        if self.root_global:
            cmd += ["--root", str(ws)]
        cmd.append("build")
        if self.root_build:
            cmd += ["--root", str(ws)]
        cmd += list(args)
        if force and self.force:
            cmd.append("--force")
        if jobs is not None and self.jobs:
            cmd += ["--jobs", str(jobs)]
        return cmd

    def build(self, ws: Path, *args, force=False, jobs=None, env=None, watch=None):
        dt, rc, rss, out, err = run_proc(self.build_cmd(ws, *args, force=force, jobs=jobs),
                                         cwd=ws, env=env, watch=watch)
        if rc != 0:
            raise RuntimeError(f"factsheet build {' '.join(args)} exited {rc}: "
                               f"{(err or out).strip()[-800:]}")
        return dt, rss, out, err


# ----------------------------------------------------------------------------- workspaces

def copy_workspace(dest: Path) -> Path:
    """Copy this checkout's workspace (not its fonts: the package ships them) to dest."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("content", "locales", "sites"):
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, dest / name)
    for name in ("factsheet.toml",):
        if (REPO / name).is_file():
            shutil.copy2(REPO / name, dest / name)
    return dest


def sheet_ids(ws: Path):
    ids = []
    for p in sorted((ws / "content").glob("*.yaml")):
        m = re.search(r"^sheet:\s*([\w.-]+)\s*$", p.read_text(encoding="utf-8"), re.M)
        ids.append(m.group(1) if m else p.stem)
    return ids


def scale_workspace(dest: Path, copies: int) -> list[str]:
    """A workspace with `copies` renamed copies of the first shipped sheet and its catalogs."""
    copy_workspace(dest)
    src_id = sheet_ids(dest)[0]
    originals = [p for p in list(dest.rglob("*")) if p.is_file() and p.stem == src_id]
    ids = [f"{src_id}-{i:02d}" for i in range(1, copies + 1)]
    for p in originals:
        text = p.read_bytes()
        for new in ids:
            data = text
            if p.suffix in (".yaml", ".yml"):
                data = re.sub(rb"(?m)^sheet:\s*\S+", b"sheet: " + new.encode(), text, count=1)
            (p.parent / (new + p.suffix)).write_bytes(data)
        p.unlink()
    return ids


def pdf_snapshot(out: Path):
    snap = {}
    if out.is_dir():
        for p in out.rglob("*.pdf"):
            st = p.stat()
            snap[p.relative_to(out).as_posix()] = (st.st_ino, st.st_mtime_ns, st.st_size)
    return snap


def changed(before, after):
    return sorted(k for k, v in after.items() if before.get(k) != v)


# ----------------------------------------------------------------------------- in-process

def _untagged_param(fn):
    try:
        params = inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return None
    for name in ("tagged", "tag", "tagging"):
        if name in params:
            return name
    return None


def tagging_switch():
    """How this checkout renders untagged: 'param:<name>', 'env', or None."""
    use_checkout()
    try:
        from factsheet_pdf.render.pdf import render
        name = _untagged_param(render)
        if name:
            return f"param:{name}"
    except Exception:
        pass
    for p in (SRC / "factsheet_pdf").rglob("*.py"):
        if UNTAGGED_ENV in p.read_text(encoding="utf-8", errors="replace"):
            return "env"
    return None


def _translated(ws: Path, sheet, lang: str):
    """The sheet in ``lang`` through the build's own translation step."""
    from factsheet_pdf import workspace
    from factsheet_pdf.build import prepare
    out, problems = prepare(workspace.find(ws), sheet, lang, False)
    if any(getattr(d, "severity", "error") == "error" for d in problems):
        raise RuntimeError(f"{lang}: {problems[0]}")
    return out


def _edited(sheet, k: int):
    """The sheet with its first paragraph changed (a word appended): every call renders a
    changed input, as the Typst row's does (its ``sys_inputs`` change), so that no memory of
    an earlier call can stand in for this one's work; None when the model has no such
    paragraph (an older checkout)."""
    import dataclasses
    try:
        from factsheet_pdf.model import Paragraph
        for si, sec in enumerate(sheet.sections):
            for bi, b in enumerate(sec.blocks):
                if isinstance(b, Paragraph):
                    unit = dataclasses.replace(b.unit, text=f"{b.unit.text} {k}")
                    blocks = (*sec.blocks[:bi], Paragraph(unit), *sec.blocks[bi + 1:])
                    sections = (*sheet.sections[:si], dataclasses.replace(sec, blocks=blocks),
                                *sheet.sections[si + 1:])
                    return dataclasses.replace(sheet, sections=sections)
    except Exception:
        return None
    return None


def make_ours(ws: Path, variant="standard", paper="letter", untagged=False, lang="en"):
    """(how, fn): fn() renders one PDF (of a changed input, :func:`_edited`) in this process
    and returns its bytes."""
    use_checkout()
    sheet_path = sorted((ws / "content").glob("*.yaml"))[0]
    try:
        from factsheet_pdf.render.pdf import render_sheet as render
        from factsheet_pdf.load import load_sheet
        kw = {}
        pname = _untagged_param(render)
        if untagged and pname:
            kw[pname] = False
        sheet = load_sheet(sheet_path)
        if lang != "en":
            sheet = _translated(ws, sheet, lang)
        render(sheet, variant, paper, **kw).data  # noqa: B018 (probe the signature)
        if _edited(sheet, 0) is None:
            return ("render.pdf.render_sheet() (input unchanged)",
                    lambda: render(sheet, variant, paper, **kw).data)
        return ("render.pdf.render_sheet() (input changed)",
                lambda: render(_edited(sheet, next(_counter)), variant, paper, **kw).data)
    except Exception as e:  # the API moved: fall back to the CLI, in this process
        log(f"render.pdf.render_sheet() not usable ({type(e).__name__}: {e}); timing cli.main() instead")
    from factsheet_pdf import cli
    c = Cli()
    tmp = Path(tempfile.mkdtemp(prefix="bench-inproc-"))
    ids = sheet_ids(ws)

    def via_cli():
        out = tmp / str(next(_counter))
        argv = c.build_cmd(ws, ids[0], "--lang", "en", "--variant", variant, "--paper", paper,
                           "--out", str(out), force=True)[3:]
        cwd = os.getcwd()
        os.chdir(ws)
        try:
            with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()):
                rc = cli.main(argv)
        finally:
            os.chdir(cwd)
        if rc:
            raise RuntimeError(f"cli.main exited {rc}")
        pdfs = sorted(out.rglob("*.pdf"))
        return pdfs[0].read_bytes()
    via_cli()
    return "cli.main() build", via_cli


def typst_args(peers: Path, variant: str):
    fonts = [str(NOTO)] if NOTO.is_dir() else []
    return dict(font_paths=fonts, ignore_system_fonts=bool(fonts), pdf_standards="ua-1",
                sys_inputs={"variant": TYPST_VARIANT[variant]})


def make_typst(peers: Path, variant="standard"):
    import typst
    src = str(peers / "typst" / "factsheet.typ")
    base = typst_args(peers, variant)

    def f():
        kw = dict(base, sys_inputs=dict(base["sys_inputs"], bench=str(next(_counter))))
        return typst.compile(src, **kw)
    f()
    return "typst.compile() (input changed)", f


def make_wp(peers: Path, variant="standard"):
    import weasyprint
    html = str(peers / "weasyprint" / "factsheet.html")
    css = [str(peers / "weasyprint" / WP_CSS[variant])]

    def f():
        return weasyprint.HTML(filename=html).write_pdf(stylesheets=css, pdf_variant="pdf/ua-1")
    f()
    return f"HTML().write_pdf() ({WP_CSS[variant]})", f


def peer_status(peers: Path):
    st = {}
    for tool, mod, sub in (("typst", "typst", "typst/factsheet.typ"),
                           ("weasyprint", "weasyprint", "weasyprint/factsheet.html")):
        probe = run_proc(py("-c", f"import {mod}; print({mod}.__version__)"))
        if probe[1] != 0:
            st[tool] = {"ok": False, "why": "not installed"}
        elif not (peers / sub).is_file():
            st[tool] = {"ok": False, "why": "peer sources not found (--peers)",
                        "missing": str(peers / sub)}
        else:
            st[tool] = {"ok": True, "version": probe[3].strip()}
    return st


def child_main(args) -> int:
    """One in-process loop in this fresh process: JSON with times, peak RSS and PDF size."""
    ws, peers = Path(args.ws), Path(args.peers)
    if args.tool == "ours":
        how, f = make_ours(ws, args.variant, args.paper, untagged=args.untagged,
                           lang=args.lang)
    elif args.tool == "typst":
        how, f = make_typst(peers, args.variant)
    else:
        how, f = make_wp(peers, args.variant)
    times, data = [], b""
    for _ in range(args.n):
        t0 = time.perf_counter()
        data = f()
        times.append(time.perf_counter() - t0)
    rss = rss_kib(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss) if resource else None
    print(json.dumps({"how": how, "times": times, "maxrss_kib": rss, "bytes": len(data),
                      "tagged": b"/StructTreeRoot" in data}))
    return 0


def run_child(tool, ws, peers, n, variant="standard", paper="letter", untagged=False, env=None,
              lang="en"):
    cmd = py(str(HERE), "--child", "inproc", "--tool", tool, "--ws", str(ws), "--peers",
             str(peers), "--n", str(n), "--variant", variant, "--paper", paper)
    if untagged:
        cmd.append("--untagged")
    if lang != "en":
        cmd += ["--lang", lang]
    dt, rc, rss, out, err = run_proc(cmd, env=env)
    if rc != 0:
        raise RuntimeError(f"child {tool} exited {rc}: {err.strip()[-800:]}")
    return json.loads(out.strip().splitlines()[-1])


def git_commit() -> str:
    """The checkout's commit at the start of the run, marked when src/ has local changes."""
    try:
        commit = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
                                capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(REPO), "status", "--porcelain", "--", "src"],
                               capture_output=True, text=True).stdout.strip()
    except OSError:
        return "?"
    return (commit or "?") + (" (src modified)" if dirty else "")


# ----------------------------------------------------------------------------- the benchmark

class Bench:
    def __init__(self, args):
        self.args = args
        self.quick = args.quick
        self.reps = args.reps
        self.peers = Path(args.peers).resolve()
        self.tmp = Path(tempfile.mkdtemp(prefix="factsheet-bench-"))
        self.ws = copy_workspace(self.tmp / "ws")
        self.ids = sheet_ids(self.ws)
        self.cli = Cli()
        self.peer = peer_status(self.peers)
        self.cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") \
            else os.cpu_count()
        self.res = {}
        self.load_start = os.getloadavg() if hasattr(os, "getloadavg") else None
        self.commit = git_commit()
        self.env = dict(os.environ)
        self.env.pop(UNTAGGED_ENV, None)

    def n(self, full, quick):
        return self.reps or (quick if self.quick else full)

    def ok(self, tool):
        return tool == "ours" or self.peer.get(tool, {}).get("ok", False)

    def fresh(self, name):
        return Path(tempfile.mkdtemp(prefix=name + "-", dir=self.tmp))

    # -- one PDF in-process --------------------------------------------------------------
    def inproc(self):
        """One PDF in this process, warm: en standard (against Typst and WeasyPrint), and in
        the same interleaved loop en large print (against Typst's large print) and zh-Hans
        standard (against Typst's standard: the issue's reference), stored as the sections
        ``inproc_lp`` and ``inproc_zh``."""
        n = self.n(20, 5)
        fns, hows = {}, {}
        hows["ours"], fns["ours"] = make_ours(self.ws)
        for tool, make in (("typst", make_typst), ("weasyprint", make_wp)):
            if self.ok(tool):
                hows[tool], fns[tool] = make(self.peers)
        extra = {}
        try:
            extra["ours-lp"] = make_ours(self.ws, "large-print")[1]
            extra["ours-zh"] = make_ours(self.ws, lang="zh-Hans")[1]
            if self.ok("typst"):
                extra["typst-lp"] = make_typst(self.peers, "large-print")[1]
        except Exception as e:
            log(f"inproc: large print / zh-Hans rows skipped ({type(e).__name__}: {e})")
        every = {**fns, **extra}
        times = {t: [] for t in every}
        for _ in range(n):
            for t, f in every.items():
                t0 = time.perf_counter()
                f()
                times[t].append(time.perf_counter() - t0)
        rss = {}
        for t in fns:  # peak RSS: a fresh process running the same loop
            rss[t] = run_child(t, self.ws, self.peers, min(n, 5), env=self.env)["maxrss_kib"]
        for sec, ours, peer in (("inproc_lp", "ours-lp", "typst-lp"),
                                ("inproc_zh", "ours-zh", "typst")):
            if ours in times:
                got = {"ours": times[ours], **({"typst": times[peer]} if peer in times else {})}
                self.res[sec] = {"times": got, "stats": {t: stats(v) for t, v in got.items()}}
        if "ours-zh" in times:
            zh = run_child("ours", self.ws, self.peers, min(n, 5), env=self.env, lang="zh-Hans")
            self.res["inproc_zh"]["rss_kib"] = {"ours": zh["maxrss_kib"],
                                                "typst": rss.get("typst")}
        return {"how": hows, "times": {t: times[t] for t in fns},
                "stats": {t: stats(times[t]) for t in fns}, "rss_kib": rss}

    # -- one PDF, whole process -----------------------------------------------------------
    def _typst_script(self, variant, count, outdir):
        a = typst_args(self.peers, variant)
        return ("import typst\n"
                f"for i in range({count}):\n"
                f"    v = {TYPST_VARIANT['standard']!r} if i % 2 == 0 or {count} == 1 "
                f"else {TYPST_VARIANT['large-print']!r}\n"
                f"    typst.compile({str(self.peers / 'typst' / 'factsheet.typ')!r}, "
                f"output={str(outdir)!r} + '/ty%d.pdf' % i, font_paths={a['font_paths']!r}, "
                f"ignore_system_fonts={a['ignore_system_fonts']!r}, pdf_standards='ua-1', "
                f"sys_inputs={{'variant': v, 'bench': str(i) + '-{next(_counter)}'}})\n")

    def _wp_script(self, count, outdir):
        w = self.peers / "weasyprint"
        return ("import weasyprint\n"
                f"for i in range({count}):\n"
                f"    css = {WP_CSS['standard']!r} if i % 2 == 0 or {count} == 1 "
                f"else {WP_CSS['large-print']!r}\n"
                f"    weasyprint.HTML(filename={str(w / 'factsheet.html')!r}).write_pdf("
                f"{str(outdir)!r} + '/wp%d.pdf' % i, stylesheets=[{str(w)!r} + '/' + css], "
                f"pdf_variant='pdf/ua-1')\n")

    def _peer_proc(self, tool, count):
        out = self.fresh(tool)
        code = self._typst_script("standard", count, out) if tool == "typst" \
            else self._wp_script(count, out)
        dt, rc, rss, _, err = run_proc(py("-c", code), env=self.env)
        if rc != 0:
            raise RuntimeError(f"{tool} process exited {rc}: {err.strip()[-500:]}")
        return dt, rss

    def process(self):
        n = self.n(10, 3)
        runs = {t: [] for t in ("ours", "typst", "weasyprint") if self.ok(t)}
        args = (self.ids[0], "--lang", "en", "--variant", "standard", "--paper", "letter")
        if "--formats" in self.cli.help_build:  # a PDF against a PDF: no web page, no shelf
            args += ("--formats", "pdf")
        for _ in range(n):
            for t in runs:
                if t == "ours":
                    dt, rss, _, _ = self.cli.build(self.ws, *args, "--out",
                                                   str(self.fresh("one")), force=True,
                                                   env=self.env)
                else:
                    dt, rss = self._peer_proc(t, 1)
                runs[t].append((dt, rss))
        return self._pack(runs)

    @staticmethod
    def _pack(runs):
        return {"times": {t: [r[0] for r in v] for t, v in runs.items()},
                "stats": {t: stats([r[0] for r in v]) for t, v in runs.items()},
                "rss_kib": {t: max((r[1] for r in v if r[1] is not None), default=None)
                            for t, v in runs.items()}}

    # -- factsheet --help ---------------------------------------------------------------
    def help(self):
        n = self.n(10, 5)
        runs = {"ours": [], "python": []}
        for _ in range(n):
            dt, rc, rss, _, _ = run_proc(py("-m", "factsheet_pdf", "--help"), env=self.env)
            runs["ours"].append((dt, rss))
            dt, rc, rss, _, _ = run_proc(py("-c", "pass"), env=self.env)
            runs["python"].append((dt, rss))
        return self._pack(runs)

    # -- the default matrix -----------------------------------------------------------------
    def matrix(self):
        n = self.n(5, 2)
        probe = self.fresh("matrix")
        self.cli.build(self.ws, "--out", str(probe), force=True, jobs=self.cores, env=self.env)
        count = len(pdf_snapshot(probe))
        contenders = {"ours": None}
        if self.cli.jobs:  # the default is the usable cores where the CLI is parallel by default
            default_parallel = "usable cores" in " ".join(self.cli.help_build.split())
            contenders["ours --jobs 1" if default_parallel else
                       f"ours --jobs {self.cores}"] = 1 if default_parallel else self.cores
        for t in ("typst", "weasyprint"):
            if self.ok(t) and not (t == "weasyprint" and self.quick):
                contenders[t] = None
        wp_reps = min(n, 3)
        runs = {t: [] for t in contenders}
        workers = {}
        for i in range(n):
            for t, jobs in contenders.items():
                if t == "weasyprint" and i >= wp_reps:
                    continue
                if t.startswith("ours"):
                    watch = {}
                    dt, rss, _, _ = self.cli.build(self.ws, "--out", str(self.fresh("matrix")),
                                                   force=True, jobs=jobs, env=self.env,
                                                   watch=watch)
                    workers[t] = watch
                else:
                    dt, rss = self._peer_proc(t, count)
                runs[t].append((dt, rss))
        r = self._pack(runs)
        r["pdfs"] = count
        r["per_process"] = workers
        r["weasyprint_skipped"] = self.quick and self.ok("weasyprint")
        return r

    # -- incremental rebuilds ---------------------------------------------------------------
    def noop(self):
        n = self.n(5, 2)
        out = self.fresh("noop")
        self.cli.build(self.ws, "--out", str(out), env=self.env)  # the same command as timed
        runs, rebuilt = [], []
        for _ in range(n):
            before = pdf_snapshot(out)
            dt, rss, _, _ = self.cli.build(self.ws, "--out", str(out), env=self.env)
            after = pdf_snapshot(out)
            runs.append((dt, rss))
            rebuilt.append(len(changed(before, after)))
        r = self._pack({"ours": runs})
        r.update(pdfs=len(pdf_snapshot(out)), rebuilt=rebuilt)
        return r

    def _toggle(self, ws: Path):
        """The Spanish catalog's first one-line, non-empty msgstr with an 'e' outside markup,
        as (catalog, its text, where the msgstr starts, [it, it with e -> é]); or why not."""
        po = next(iter(sorted(ws.glob(f"locales/es/LC_MESSAGES/{self.ids[0]}.po"))), None)
        if po is None:
            return "no es catalog in the workspace"
        text = po.read_text(encoding="utf-8")
        m = re.search(r'(?m)^msgstr "([^"\\]*e[^"\\]*)"$', text)
        if m is None:
            return "no suitable msgstr found"
        old = m.group(1)
        i = old.index("e")
        return po, text, m.start(1), [old, old[:i] + "é" + old[i + 1:]]

    def msgstr(self):
        n = self.n(3, 1)
        ws = copy_workspace(self.tmp / "ws-msgstr")
        found = self._toggle(ws)
        if isinstance(found, str):
            return {"error": found}
        po, text, start, variants = found
        old = variants[0]
        out = self.fresh("msgstr")
        self.cli.build(ws, "--out", str(out), env=self.env)  # the same command as timed
        total = len(pdf_snapshot(out))
        runs, rebuilt, langs = [], [], []
        for k in range(n):
            new = variants[(k + 1) % 2]
            text = text[:start] + new + text[start + len(variants[k % 2]):]
            po.write_text(text, encoding="utf-8")
            before = pdf_snapshot(out)
            dt, rss, cout, cerr = self.cli.build(ws, "--out", str(out), env=self.env)
            ch = changed(before, pdf_snapshot(out))
            runs.append((dt, rss))
            rebuilt.append(len(ch))
            langs.append(sorted({Path(c).name.split(".")[1] for c in ch if c.count(".") >= 4}))
        r = self._pack({"ours": runs})
        r.update(pdfs=total, rebuilt=rebuilt, langs=langs, changed_msgstr=old,
                 catalog=po.relative_to(ws).as_posix())
        return r

    # -- factsheet watch: a catalog save to its outputs landed -----------------------------
    def watch(self):
        """Seconds from writing a catalog (one msgstr toggled, as in ``msgstr``) to the end of
        the warm rebuild of that language's outputs (``watch`` prints ``factsheet: watching``
        when a rebuild ends); includes the 200 ms coalescing wait."""
        if "watch" not in self.cli.help_top:
            return {"available": False}
        n = self.n(10, 3)
        ws = copy_workspace(self.tmp / "ws-watch")
        found = self._toggle(ws)
        if isinstance(found, str):
            return {"error": found}
        po, text, start, variants = found
        out = self.fresh("watch")
        cmd = py("-m", "factsheet_pdf", "--root", str(ws), "watch", "--out", str(out), "--quiet")
        proc = subprocess.Popen(cmd, cwd=ws, env=dict(self.env, PYTHONUNBUFFERED="1"),
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        lines: list[tuple[float, str]] = []
        cond = threading.Condition()

        def read():
            for line in proc.stderr:
                with cond:
                    lines.append((time.perf_counter(), line.rstrip("\n")))
                    cond.notify_all()

        threading.Thread(target=read, daemon=True).start()

        def wait_for(pattern, after, timeout=300):
            end = time.perf_counter() + timeout
            with cond:
                while True:
                    for t, line in lines[after:]:
                        if re.match(pattern, line):
                            return t
                    if time.perf_counter() > end or proc.poll() is not None:
                        raise RuntimeError("watch: no line " + pattern + ": "
                                           + " | ".join(x for _, x in lines[-5:]))
                    cond.wait(0.5)

        try:
            wait_for(r"factsheet: watching \S+ for changes", 0)
            total = len(pdf_snapshot(out))
            runs, rebuilt = [], []
            for k in range(n):
                before = pdf_snapshot(out)
                new = variants[(k + 1) % 2]
                text = text[:start] + new + text[start + len(variants[k % 2]):]
                seen = len(lines)
                t0 = time.perf_counter()
                po.write_text(text, encoding="utf-8")
                t1 = wait_for(r"factsheet: watching$", seen)
                runs.append(t1 - t0)
                rebuilt.append(len(changed(before, pdf_snapshot(out))))
                time.sleep(0.5)
        finally:
            proc.send_signal(2)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
        return {"seconds": stats(runs), "runs": runs, "pdfs": total, "rebuilt": rebuilt,
                "catalog": po.relative_to(ws).as_posix()}

    # -- tagging on vs off ----------------------------------------------------------------
    def tagging(self):
        how = tagging_switch()
        if how is None:
            return {"available": False}
        rounds, k = self.n(4, 2), 5
        data = {"on": [], "off": []}
        info = {}
        for _ in range(rounds):
            for mode in ("on", "off"):
                env = dict(self.env)
                if mode == "off" and how == "env":
                    env[UNTAGGED_ENV] = "1"
                r = run_child("ours", self.ws, self.peers, k, untagged=(mode == "off"), env=env)
                data[mode] += r["times"][1:]  # the first render warms caches
                info[mode] = {"bytes": r["bytes"], "tagged": r["tagged"],
                              "rss_kib": r["maxrss_kib"]}
        return {"available": True, "how": how, "times": data,
                "stats": {m: stats(v) for m, v in data.items()}, "info": info}

    # -- full layouts per PDF -----------------------------------------------------------------
    def layouts(self):
        out = self.fresh("layouts")
        argv = self.cli.build_cmd(self.ws, "--out", str(out), force=True,
                                  jobs=1 if self.cli.jobs else None)[3:]
        code = ("import io, sys, contextlib\n"
                "from reportlab.platypus import doctemplate as d\n"
                "n = [0]; orig = d.BaseDocTemplate.build\n"
                "def build(self, *a, **k):\n"
                "    n[0] += 1; return orig(self, *a, **k)\n"
                "d.BaseDocTemplate.build = build\n"
                "e = [0]\n"
                "try:\n"
                "    from factsheet_pdf.render.pdf import fit as _fit\n"
                "    _est = _fit._estimate_over\n"
                "    def _counted(*a, **k):\n"
                "        e[0] += 1; return _est(*a, **k)\n"
                "    _fit._estimate_over = _counted\n"
                "except Exception:\n"
                "    e[0] = -1\n"
                "from factsheet_pdf import cli\n"
                "with contextlib.redirect_stdout(io.StringIO()), "
                "contextlib.redirect_stderr(io.StringIO()):\n"
                f"    rc = cli.main({argv!r})\n"
                "print(rc, n[0], e[0])\n")
        dt, rc, rss, o, err = run_proc(py("-c", code), cwd=self.ws, env=self.env)
        if rc != 0:
            raise RuntimeError(err.strip()[-500:])
        status, builds, estimates = map(int, o.split()[-3:])
        pdfs = len(pdf_snapshot(out))
        return {"exit": status, "doc_builds": builds, "pdfs": pdfs,
                "per_pdf": builds / pdfs if pdfs else None,
                "estimates": estimates if estimates >= 0 else None}

    # -- scale -------------------------------------------------------------------------------
    def scale(self):
        copies = 5 if self.quick else 20
        ws = self.tmp / "ws-scale"
        ids = scale_workspace(ws, copies)
        jobs = self.cores if self.cli.jobs else None
        steps = sorted({max(1, copies // 4), max(1, copies // 2), copies})
        rows = []
        for k in steps:
            out = self.fresh(f"scale{k}")
            watch = {}
            dt, rss, _, _ = self.cli.build(ws, *ids[:k], "--out", str(out), force=True,
                                           jobs=jobs, env=self.env, watch=watch)
            pdfs = len(pdf_snapshot(out))
            rows.append({"copies": k, "pdfs": pdfs, "seconds": dt, "pdfs_per_s": pdfs / dt,
                         "ms_per_pdf": 1000 * dt / pdfs if pdfs else None, "rss_kib": rss,
                         **watch})
            log(f"scale: {k} copies, {pdfs} PDFs in {dt:.1f} s")
        return {"copies": copies, "jobs": jobs, "rows": rows}

    # -- sizes ---------------------------------------------------------------------------------
    def size(self):
        r = {}
        from factsheet_pdf.variants import VARIANT_NAMES

        for variant in VARIANT_NAMES:
            row = {"ours": len(make_ours(self.ws, variant)[1]())}
            if self.ok("typst"):
                row["typst"] = len(make_typst(self.peers, variant)[1]())
            if self.ok("weasyprint"):
                row["weasyprint"] = len(make_wp(self.peers, variant)[1]())
            r[variant] = row
        return r

    def run(self, only):
        for name in SECTIONS:
            if only and name not in only:
                continue
            log(f"{name} ...")
            t0 = time.perf_counter()
            try:
                self.res[name] = getattr(self, name)()
            except Exception as e:  # one broken section must not lose the others
                self.res[name] = {"error": f"{type(e).__name__}: {e}"}
                log(f"{name}: ERROR {type(e).__name__}: {e}")
            self.res.setdefault(name, {})["section_seconds"] = time.perf_counter() - t0
        shutil.rmtree(self.tmp, ignore_errors=True)


# ----------------------------------------------------------------------------- report

def machine(bench: Bench):
    use_checkout()
    import factsheet_pdf
    try:
        import reportlab
        rl = reportlab.Version
    except Exception:
        rl = "?"
    return {"date": _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
            "cores": bench.cores, "cpu_count": os.cpu_count(),
            "cpu": platform.processor() or platform.machine(),
            "os": platform.platform(), "python": platform.python_version(),
            "loadavg": os.getloadavg() if hasattr(os, "getloadavg") else None,
            "loadavg_start": bench.load_start,
            "factsheet_pdf": getattr(factsheet_pdf, "__version__", "?"),
            "factsheet_pdf_from": str(Path(factsheet_pdf.__file__).parent),
            "commit": bench.commit, "reportlab": rl,
            "peers": bench.peer, "cli": bench.cli.features(), "quick": bench.quick}


def report(bench: Bench, mach) -> str:
    R, P = bench.res, bench.peer
    L = []
    w = L.append

    def peer_name(t):
        p = P.get(t, {})
        label = {"typst": "Typst", "weasyprint": "WeasyPrint"}[t]
        return f"{label} {p['version']}" if p.get("ok") else f"{label}"

    def cell(sec, t, unit="ms"):
        p = P.get(t, {})
        if t != "ours" and not p.get("ok"):
            return p.get("why", "not installed")
        st = R.get(sec, {}).get("stats", {}).get(t)
        return fmt_ms(st, unit) if st else "–"

    def get(sec, t):
        return R.get(sec, {}).get("stats", {}).get(t)

    w(f"# factsheet-pdf benchmarks{' (--quick)' if bench.quick else ''}")
    w("")
    def la(v):
        return "/".join(f"{x:.1f}" for x in v) if v else "?"
    w(f"Machine: {mach['cores']} usable cores ({mach['cpu']}), {mach['os']}, Python "
      f"{mach['python']}, {mach['date']}; load average (1/5/15 min) {la(mach['loadavg_start'])}"
      f" at the start, {la(mach['loadavg'])} at the end. factsheet-pdf "
      f"{mach['factsheet_pdf']} ({mach['commit']}), ReportLab {mach['reportlab']}. CLI "
      f"features: " + ", ".join(f"{k} {v}" for k, v in mach["cli"].items()) + ".")
    w("")
    w("Medians, (min–max) over the runs; contenders alternate within each row. Ratios are "
      "factsheet-pdf ÷ peer (below 1 is faster or smaller).")
    w("")
    w(f"| | factsheet-pdf | {peer_name('typst')} | {peer_name('weasyprint')} | ÷ Typst | "
      "÷ WeasyPrint |")
    w("|---|---|---|---|---|---|")

    def row(label, sec, unit="ms", ours="ours"):
        if "error" in R.get(sec, {}):
            w(f"| {label} | error: {R[sec]['error'][:120]} | | | | |")
            return
        if sec not in R:
            return
        o = get(sec, ours)
        w(f"| {label} | {cell(sec, ours, unit)} | {cell(sec, 'typst', unit)} | "
          f"{cell(sec, 'weasyprint', unit)} | {ratio(o, get(sec, 'typst'))} | "
          f"{ratio(o, get(sec, 'weasyprint'))} |")
        rss = R[sec].get("rss_kib", {})
        if rss:
            w(f"| ↳ peak RSS | {fmt_mib(rss.get(ours))} | {fmt_mib(rss.get('typst'))} | "
              f"{fmt_mib(rss.get('weasyprint'))} | {ratio(rss.get(ours), rss.get('typst'))} | "
              f"{ratio(rss.get(ours), rss.get('weasyprint'))} |")

    row("one PDF (en, standard, Letter) in-process, warm, ms", "inproc")
    row("one PDF (en, large print, Letter) in-process, warm, ms (÷ Typst's large print)",
        "inproc_lp")
    row("one PDF (zh-Hans, standard, Letter) in-process, warm, ms (÷ Typst's en standard)",
        "inproc_zh")
    row("one PDF, whole process, ms", "process")
    if "help" in R and "error" not in R["help"]:
        h = R["help"]
        w(f"| `factsheet --help`, whole process, ms | {fmt_ms(h['stats']['ours'])} | – | – | "
          f"| |")
        w(f"| ↳ peak RSS | {fmt_mib(h['rss_kib']['ours'])} | | | | |")
        w(f"| (bare `python -c pass`, ms) | {fmt_ms(h['stats']['python'])} | | | | |")
    elif "help" in R:
        row("`factsheet --help`, ms", "help")
    if "matrix" in R:
        m = R["matrix"]
        if "error" in m:
            row("default matrix", "matrix")
        else:
            wp = "skipped (--quick)" if m.get("weasyprint_skipped") else None
            o = get("matrix", "ours")
            w(f"| default matrix ({m['pdfs']} PDFs, `--force`, default jobs), s | "
              f"{cell('matrix', 'ours', 's')} | {cell('matrix', 'typst', 's')} | "
              f"{wp or cell('matrix', 'weasyprint', 's')} | {ratio(o, get('matrix', 'typst'))}"
              f" | {ratio(o, get('matrix', 'weasyprint'))} |")
            rss = m["rss_kib"]
            pp = m.get("per_process", {})

            def split(t):
                d = pp.get(t) or {}
                if not d.get("workers"):
                    return ""
                return (f" (main {fmt_mib(d.get('main_kib'))}, largest of {d['workers']} "
                        f"workers {fmt_mib(d.get('worker_max_kib'))})")
            w(f"| ↳ peak RSS (largest process) | {fmt_mib(rss.get('ours'))}{split('ours')} | "
              f"{fmt_mib(rss.get('typst'))} | {fmt_mib(rss.get('weasyprint'))} | "
              f"{ratio(rss.get('ours'), rss.get('typst'))} | "
              f"{ratio(rss.get('ours'), rss.get('weasyprint'))} |")
            for t in m["stats"]:
                if t.startswith("ours --jobs"):
                    o2 = m["stats"][t]
                    w(f"| default matrix, `{t[5:]}`, s | {fmt_ms(o2, 's')} | | | "
                      f"{ratio(o2, get('matrix', 'typst'))} | "
                      f"{ratio(o2, get('matrix', 'weasyprint'))} |")
                    w(f"| ↳ peak RSS (largest process) | {fmt_mib(rss.get(t))}{split(t)} | | | | |")
    if "size" in R:
        s = R["size"]
        if "error" in s:
            w(f"| PDF size | error: {s['error'][:120]} | | | | |")
        else:
            for v in [k for k in s if isinstance(s[k], dict)]:
                r = s[v]
                f = (lambda t: f"{r[t]:,} B" if t in r else P.get(t, {}).get("why", "–"))
                w(f"| {v} PDF size (en, Letter) | {f('ours')} | {f('typst')} | "
                  f"{f('weasyprint')} | {ratio(r.get('ours'), r.get('typst'))} | "
                  f"{ratio(r.get('ours'), r.get('weasyprint'))} |")
    w("")
    w("Ours only:")
    w("")
    w("| | result | peak RSS |")
    w("|---|---|---|")
    for sec, label in (("noop", "no-op rebuild (second build into the same folder), ms"),
                       ("msgstr", "one msgstr changed in the es catalog, rebuild, ms")):
        if sec not in R:
            continue
        r = R[sec]
        if "error" in r:
            w(f"| {label} | error: {r['error'][:150]} | |")
            continue
        extra = f"; rebuilt {', '.join(map(str, r['rebuilt']))} of {r['pdfs']} PDFs"
        if sec == "msgstr":
            ls = sorted({x for l in r["langs"] for x in l})
            extra += f" (languages: {', '.join(ls) or 'none'})"
        w(f"| {label} | {fmt_ms(r['stats']['ours'])}{extra} | {fmt_mib(r['rss_kib']['ours'])} |")
    if "watch" in R:
        r = R["watch"]
        label = "`factsheet watch`: a catalog save to its outputs landed, ms"
        if "error" in r:
            w(f"| {label} | error: {r['error'][:150]} | |")
        elif r.get("available") is False:
            w(f"| {label} | not available (no `watch` command) | |")
        else:
            w(f"| {label} | {fmt_ms(r['seconds'])}; rebuilt "
              f"{', '.join(map(str, r['rebuilt']))} of {r['pdfs']} PDFs | |")
    if "tagging" in R:
        t = R["tagging"]
        if "error" in t:
            w(f"| tagging on vs off | error: {t['error'][:150]} | |")
        elif not t.get("available"):
            w(f"| tagging on vs off | not available (no `tagged=` parameter on "
              f"`layout.render`, no `{UNTAGGED_ENV}` in the source) | |")
        else:
            on, off = t["stats"]["on"], t["stats"]["off"]
            i = t["info"]
            how = f"`{UNTAGGED_ENV}=1`" if t["how"] == "env" else t["how"]
            note = "" if not i["off"]["tagged"] else " (WARNING: the 'off' PDF is still tagged)"
            w(f"| one PDF in-process, tagged vs untagged ({how}), ms | {fmt_ms(on)} vs "
              f"{fmt_ms(off)}: tagging adds {100 * (on['median'] / off['median'] - 1):+.0f} %; "
              f"{i['on']['bytes']:,} vs {i['off']['bytes']:,} B{note} | "
              f"{fmt_mib(i['on']['rss_kib'])} vs {fmt_mib(i['off']['rss_kib'])} |")
    if "layouts" in R:
        r = R["layouts"]
        if "error" in r:
            w(f"| full layouts per PDF | error: {r['error'][:150]} | |")
        else:
            w(f"| full layouts per PDF over the default matrix (ReportLab `doc.build` calls, "
              f"`--jobs 1`) | {r['doc_builds']} for {r['pdfs']} PDFs = {r['per_pdf']:.2f} | |")
            if r.get("estimates") is not None:
                w(f"| ↳ fit estimates (a candidate's story measured, no PDF) | "
                  f"{r['estimates']} = {r['estimates'] / r['pdfs']:.2f} per PDF | |")
    if "scale" in R:
        s = R["scale"]
        w("")
        if "error" in s:
            w(f"Scale run: error: {s['error']}")
        else:
            jobs = f", `--jobs {s['jobs']}`" if s["jobs"] else ""
            w(f"Scale run: a generated workspace of {s['copies']} copies of the sheet (own ids "
              f"and catalogs) × all languages × variants × papers, `--force`{jobs}; "
              "one run per row:")
            w("")
            w("| copies | PDFs | wall s | PDFs/s | ms per PDF | peak RSS: largest process | "
              "main process | largest worker (workers seen) |")
            w("|---|---|---|---|---|---|---|---|")
            for r in s["rows"]:
                nw = f" ({r['workers']})" if r.get("workers") else ""
                w(f"| {r['copies']} | {r['pdfs']} | {r['seconds']:.1f} | {r['pdfs_per_s']:.1f} | "
                  f"{r['ms_per_pdf']:.0f} | {fmt_mib(r['rss_kib'])} | "
                  f"{fmt_mib(r.get('main_kib'))} | {fmt_mib(r.get('worker_max_kib'))}{nw} |")
    w("")
    hows = R.get("inproc", {}).get("how")
    if hows:
        w("In-process calls timed: " + "; ".join(f"{k}: {v}" for k, v in hows.items()) + ".")
    return "\n".join(L)


def default_peers() -> Path:
    """../shared/peers from the repository root (from the main checkout for a git worktree)."""
    first = REPO.parent / "shared" / "peers"
    if first.is_dir():
        return first
    common = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--path-format=absolute",
                             "--git-common-dir"], capture_output=True, text=True).stdout.strip()
    if common:
        other = Path(common).parent.parent / "shared" / "peers"
        if other.is_dir():
            return other
    return first


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="fewer runs, 5-copy scale run, "
                    "no WeasyPrint matrix (about 3 minutes)")
    ap.add_argument("--only", nargs="+", choices=SECTIONS, metavar="NAME",
                    help=f"run only these sections: {', '.join(SECTIONS)}")
    ap.add_argument("--peers", default=str(default_peers()),
                    help="the peers' folder (typst/, weasyprint/); default ../shared/peers")
    ap.add_argument("--reps", type=int, help="runs per contender (overrides the defaults)")
    ap.add_argument("--results", default=str(REPO / "bench" / "results"),
                    help="where the JSON goes (default bench/results/)")
    ap.add_argument("--child", choices=["inproc"], help=argparse.SUPPRESS)
    ap.add_argument("--tool", help=argparse.SUPPRESS)
    ap.add_argument("--ws", help=argparse.SUPPRESS)
    ap.add_argument("--n", type=int, default=5, help=argparse.SUPPRESS)
    ap.add_argument("--variant", default="standard", help=argparse.SUPPRESS)
    ap.add_argument("--paper", default="letter", help=argparse.SUPPRESS)
    ap.add_argument("--untagged", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--lang", default="en", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    use_checkout()
    if args.child:
        return child_main(args)
    t0 = time.perf_counter()
    bench = Bench(args)
    log(f"peers: {bench.peer}; CLI: {bench.cli.features()}; temp: {bench.tmp}")
    bench.run(set(args.only or ()))
    mach = machine(bench)
    results = Path(args.results)
    results.mkdir(parents=True, exist_ok=True)
    stamp = _dt.datetime.now(_dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    path = results / f"bench-{stamp}{'-quick' if args.quick else ''}.json"
    path.write_text(json.dumps({"machine": mach, "results": bench.res,
                                "total_seconds": time.perf_counter() - t0}, indent=1,
                               default=str), encoding="utf-8")  # first: a report bug loses no run
    print(report(bench, mach))
    log(f"done in {time.perf_counter() - t0:.0f} s; raw numbers: {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
