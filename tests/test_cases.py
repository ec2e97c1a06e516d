"""The bad-input and fault corpus: every ``tests/cases/*.yaml`` is one case, run here.

A case copies a fixture workspace (``workspace: workspace``, the default -- tests/fixtures/workspace,
the frozen example: factsheet.toml, content/, locales/, sites/ -- or ``library``, the fixture in
tests/fixtures/library, or ``empty``), never the repository's own,
optionally builds first (``prebuild: [argv]``), breaks it (``setup:`` steps), runs the command
(``argv``) in-process or as a child process (``run: subprocess``, through
``tests/cases/child.py``; with ``inject:`` an OSError, ``nobody: true`` without root's
privileges, ``font_dir:`` fonts from a (broken) folder, ``stdout: closed|head`` a reader that
left, ``signal:`` a signal once stderr shows a pattern, ``concurrent:`` a second command at
the same time, ``tmpfs:`` a small file system as the output folder) and checks the exit
status, the message (``stderr:`` regexes, ``location:`` the ``file:line[:col]`` that must start
an ``error:`` line) and the files (``files:``). Every case checks there is no traceback and
no temp file left. ``xfail:`` says why a case fails today and the fix it needs.

Setup steps (one key each): ``replace: {file, old, new[, encoding]}``,
``write: {file, text[, encoding]}``, ``generate: {file, head, repeat, times, tail}`` (``{n}``
in repeat counts 0, 1, 2...), ``mkfifo``, ``mkdir``, ``remove``, ``copy: {from, to}``,
``symlink: {path, to}``, ``chmod: {path, mode}``. ``{ws}`` in any string is the workspace.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
import yaml
from conftest import make_workspace, run_cli

import factsheet_pdf
from factsheet_pdf.write import TMP_PREFIX

CASES = Path(__file__).parent / "cases"
SRC = os.path.dirname(os.path.dirname(factsheet_pdf.__file__))
KEYS = {"family", "about", "workspace", "prebuild", "setup", "argv", "run", "inject", "nobody",
        "stdout", "signal", "concurrent", "exit", "stderr", "location", "out_stdout", "files",
        "xfail", "timeout", "slow", "tmpfs", "font_dir"}
FAMILIES = ("yaml", "content", "catalog", "site", "settings", "usage", "fault")


def load_cases() -> list:
    params = []
    for path in sorted(CASES.glob("*.yaml")):
        case = yaml.safe_load(path.read_text(encoding="utf-8"))
        unknown = set(case) - KEYS
        assert not unknown, f"{path.name}: unknown keys {unknown}"
        assert case["family"] in FAMILIES, path.name
        marks = []
        if case.get("xfail"):
            marks.append(pytest.mark.xfail(strict=True, reason=case["xfail"]))
        if case.get("slow"):
            marks.append(pytest.mark.slow)
        params.append(pytest.param(path.stem, case, id=path.stem, marks=marks))
    return params


# -- workspace -------------------------------------------------------------------------------

def case_workspace(kind: str, base: Path) -> Path:
    """The case's workspace at base/ws: a copy of a fixture workspace (never of the
    repository's own content/, locales/, sites/), or an empty folder."""
    if kind == "empty":
        ws = base / "ws"
        ws.mkdir()
        return ws
    return make_workspace(base, kind)


def sub(value, ws: Path):
    if isinstance(value, str):
        return value.replace("{ws}", str(ws))
    if isinstance(value, list):
        return [sub(v, ws) for v in value]
    if isinstance(value, dict):
        return {k: sub(v, ws) for k, v in value.items()}
    return value


def apply_step(step: dict, ws: Path) -> None:
    (action, arg), = step.items()
    arg = sub(arg, ws)
    if action == "replace":
        f = ws / arg["file"]
        text = f.read_text(encoding="utf-8")
        assert arg["old"] in text, f"setup: {arg['old']!r} not in {arg['file']}"
        f.write_bytes(text.replace(arg["old"], arg["new"], arg.get("count", 1))
                      .encode(arg.get("encoding", "utf-8")))
    elif action == "write":
        f = ws / arg["file"]
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_bytes(arg["text"].encode(arg.get("encoding", "utf-8")))
    elif action == "generate":
        f = ws / arg["file"]
        body = ("".join(arg["repeat"].replace("{n}", str(n)) for n in range(arg["times"]))
                if "{n}" in arg["repeat"] else arg["repeat"] * arg["times"])
        f.write_text(arg.get("head", "") + body + arg.get("tail", ""), encoding="utf-8")
    elif action == "mkfifo":
        (ws / arg).unlink(missing_ok=True)
        os.mkfifo(ws / arg)
    elif action == "mkdir":
        p = ws / arg
        if p.is_file():
            p.unlink()
        p.mkdir(parents=True, exist_ok=True)
    elif action == "remove":
        p = ws / arg
        shutil.rmtree(p) if p.is_dir() else p.unlink()
    elif action == "symlink":
        os.symlink(arg["to"], ws / arg["path"])
    elif action == "copy":
        shutil.copy(ws / arg["from"], ws / arg["to"])
    elif action == "chmod":
        os.chmod(ws / arg["path"], int(str(arg["mode"]), 8))
    else:
        raise AssertionError(f"unknown setup step {action!r}")


# -- output folder ---------------------------------------------------------------------------

def snapshot(folder: Path) -> dict[str, str]:
    if not folder.is_dir():
        return {}
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def pdfs(folder: Path) -> dict[str, str]:
    return {k: v for k, v in snapshot(folder).items()
            if k.endswith(".pdf") and not Path(k).name.startswith(".")}


def manifest_entries(out: Path) -> dict[str, dict]:
    doc = json.loads((out / "manifest.json").read_text())
    return {e["path"]: e for e in doc["outputs"]}


# -- running ---------------------------------------------------------------------------------

def child_cmd(case: dict, argv: list[str]) -> list[str]:
    spec = {"argv": argv, "inject": case.get("inject"), "nobody": case.get("nobody", False),
            "font_dir": case.get("font_dir")}
    return [sys.executable, str(CASES / "child.py"), json.dumps(spec)]


def child_env() -> dict:
    return dict(os.environ, PYTHONPATH=SRC, PYTHONDONTWRITEBYTECODE="1")


def run_child(case: dict, argv: list[str], ws: Path) -> tuple[int, str, str]:
    timeout = case.get("timeout", 120)
    if "signal" in case:
        return run_signalled(case, argv, ws, timeout)
    if case.get("concurrent"):
        other = sub(case["concurrent"], ws)
        procs = [subprocess.Popen(child_cmd(case, a), cwd=ws, env=child_env(), text=True,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                 for a in (argv, other)]
        outs = [p.communicate(timeout=timeout) for p in procs]
        codes = {p.returncode for p in procs}
        code = max(codes, key=abs)
        return code, "".join(o for o, _ in outs), "".join(e for _, e in outs)
    if case.get("stdout") == "closed":
        r, w = os.pipe()
        os.close(r)  # the reader left before the first line (`| head -0`, or a closed pager)
        try:
            proc = subprocess.run(child_cmd(case, argv), cwd=ws, env=child_env(), text=True,
                                  stdout=w, stderr=subprocess.PIPE, timeout=timeout)
        finally:
            os.close(w)
        return proc.returncode, "", proc.stderr
    if case.get("stdout") == "head":
        cmd = " ".join(map(_quote, child_cmd(case, argv))) + " | head -1"
        proc = subprocess.run(["sh", "-c", cmd], cwd=ws, env=child_env(), text=True,
                              capture_output=True, timeout=timeout)
        return proc.returncode, proc.stdout, proc.stderr
    proc = subprocess.run(child_cmd(case, argv), cwd=ws, env=child_env(), text=True,
                          capture_output=True, timeout=timeout)
    return proc.returncode, proc.stdout, proc.stderr


def _quote(s: str) -> str:
    import shlex

    return shlex.quote(s)


def run_signalled(case: dict, argv: list[str], ws: Path, timeout: float):
    sig = getattr(signal, case["signal"]["send"])
    pattern = re.compile(case["signal"]["after"])
    proc = subprocess.Popen(child_cmd(case, argv), cwd=ws, env=child_env(), text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    seen = []
    deadline = time.monotonic() + timeout
    for line in proc.stderr:
        seen.append(line)
        if pattern.search(line):
            proc.send_signal(sig)
            break
        assert time.monotonic() < deadline, "no line matched before the timeout"
    else:
        raise AssertionError("the child ended before the signal: " + "".join(seen))
    out, err = proc.communicate(timeout=timeout)
    return proc.returncode, out, "".join(seen) + err


@pytest.mark.parametrize("name, case", load_cases())
def test_case(name, case, tmp_path):
    base = Path(tempfile.mkdtemp(prefix=f"fs-case-{name}-")) if case.get("nobody") else tmp_path
    try:
        _run_case(case, base)
    finally:
        if case.get("nobody"):
            for p in [base, *base.rglob("*")]:
                if p.is_dir() and not p.is_symlink():
                    p.chmod(0o755)
            shutil.rmtree(base)


def _run_case(case: dict, base: Path) -> None:
    if case.get("nobody"):
        base.chmod(0o755)
    ws = case_workspace(case.get("workspace", "workspace"), base)
    out = ws / "dist"
    if case.get("tmpfs"):
        mount_tmpfs(out, case["tmpfs"])
        try:
            return _run_in(case, base, ws, out)
        finally:
            subprocess.run(["umount", str(out)], check=True)
    return _run_in(case, base, ws, out)


def mount_tmpfs(where: Path, size: str) -> None:
    """A small file system of its own: a real 'No space left on device' (needs root)."""
    where.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root (tests/cases/fault-disk-full-injected.yaml "
                    "covers disk full without it)")
    proc = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {proc.stderr.strip()}")


def _run_in(case: dict, base: Path, ws: Path, out: Path) -> None:
    if case.get("prebuild"):
        code, _, err = run_cli(*sub(case["prebuild"], ws), cwd=ws)
        assert code == 0, err
    before = snapshot(out)
    trees = {d: snapshot(ws / d) for d in case.get("files", {}).get("tree_unchanged", [])}
    for step in case.get("setup", []):
        apply_step(step, ws)
    argv = sub(case["argv"], ws)
    if case.get("run") == "subprocess":
        code, stdout, stderr = run_child(case, argv, ws)
    else:
        assert not ({"inject", "nobody", "signal", "concurrent", "stdout"} & set(case)), \
            "these need run: subprocess"
        code, stdout, stderr = run_cli(*argv, cwd=ws)
    report = f"exit {code}\n--- stderr:\n{stderr}\n--- stdout:\n{stdout}"
    assert "Traceback" not in stderr + stdout, report
    assert code == case["exit"], report
    for pattern in case.get("stderr", []):
        assert re.search(pattern, stderr, re.M), f"no /{pattern}/ in\n{report}"
    for pattern in case.get("out_stdout", []):
        assert re.search(pattern, stdout, re.M), f"no /{pattern}/ in\n{report}"
    if case.get("location"):
        loc = re.escape(case["location"])
        assert re.search(rf"^{loc}: error: ", stderr, re.M), f"not at {case['location']}\n{report}"
    if code == 1 and not case.get("signal") and case.get("stdout") != "closed":
        assert re.search(r"^\S.*: error: ", stderr, re.M), f"no error line\n{report}"
    if case.get("nobody"):
        for p in [base, *base.rglob("*")]:
            if p.is_dir():
                p.chmod(0o755)
    check_files(case.get("files", {}), ws, out, before, trees, report)


def check_files(want: dict, ws: Path, out: Path, before: dict, trees: dict, report: str):
    leftovers = [os.path.join(d, f) for d, _, files in os.walk(ws) for f in files
                 if f.startswith(TMP_PREFIX)]
    assert leftovers == [], f"temp files left: {leftovers}"
    after = snapshot(out)
    if want.get("previous_unchanged"):
        assert before, "nothing was built before"
        kept = {k: v for k, v in before.items() if k.endswith(".pdf")}
        assert {k: after.get(k) for k in kept} == kept, "a previous PDF changed or went"
    for name in want.get("stale", []):
        entry = manifest_entries(out)[name]
        assert entry.get("stale"), f"{name} not marked stale: {entry}"
        assert entry["stale"].get("reason") and entry["stale"].get("last_good"), entry
    if want.get("manifest_matches_disk"):
        listed = {k: v["sha256"] for k, v in manifest_entries(out).items()}
        assert listed == pdfs(out), f"manifest {sorted(listed)} != disk {sorted(pdfs(out))}"
    if "pdf_count" in want:
        assert len(pdfs(out)) == want["pdf_count"], sorted(pdfs(out))
    for pattern in want.get("present", []):
        assert list(ws.glob(pattern)), f"no {pattern}\n{report}"
    for pattern in want.get("absent", []):
        assert not list(ws.glob(pattern)), f"{pattern} exists: {list(ws.glob(pattern))}"
    for d, snap in trees.items():
        assert snapshot(ws / d) == snap, f"{d}/ changed"
    for pattern in want.get("manifest_has", []):
        assert any(re.search(pattern, k) for k in manifest_entries(out)), pattern


def test_corpus_size_and_families():
    cases = [c.values[1] for c in load_cases()]
    by_family = {f: sum(c["family"] == f for c in cases) for f in FAMILIES}
    assert len(cases) >= 60, by_family
    assert all(by_family.values()), by_family
