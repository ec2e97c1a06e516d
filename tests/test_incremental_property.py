"""Issue 22, property: any sequence of edits, touches and builds ends with the PDF's text equal
to a clean build's from the same inputs.

A one-output workspace (one sheet, English, standard, letter: tests/fixtures/workspace built
with ``--lang en --variant standard --paper letter``). The content file's title takes one of
three versions, two of the same size; each edit writes a version in one of the ways file tools
do (a plain write; same size with the mtime restored, as ``cp -p``, ``rsync -t`` or ``tar x``
leave it; another size with the old mtime; a copy made with ``cp -p`` over it; a touch alone),
and builds are plain or ``--force``; a PDF touched on disk is in the mix too. After every build
the PDF's text (pdftotext) must be a clean build's for the inputs of that moment, and a final
build must be too.

As in tests/test_stale.py the racy window is 0 here, so every record a build takes is trusted
at once by the next and what is tested is the stat comparison itself (the racy rule has its
own test there). 25 examples by default; 200 under ``-m slow``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from conftest import SHEET, make_workspace, run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factsheet_pdf import fingerprint as fpr

PDF = f"{SHEET}.en.standard.letter.pdf"
TITLE = "text: HIV Treatment Failure}"
VERSIONS = ("HIV Treatment Failure", "HIV Treatment Outcome", "HIV Treatment Results Now")
# The riskiest first: hypothesis draws early elements more often, and shrinks towards them.
MODES = ("restored-mtime", "cp-p", "touch", "plain")

# ("edit", step, mode): the title becomes the version 1 + step after the current one (so an
# edit always changes the bytes, and the first, a same-size one, is the likeliest).
edit = st.tuples(st.just("edit"), st.integers(0, 1), st.sampled_from(MODES))
build_step = st.tuples(st.just("build"), st.booleans(), st.just(""))
touch_pdf = st.tuples(st.just("touch-pdf"), st.just(0), st.just(""))
steps = st.lists(st.one_of(edit, edit, build_step, touch_pdf), min_size=1, max_size=6).filter(
    lambda s: sum(x[0] == "build" for x in s) <= 3)


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    return make_workspace(tmp_path_factory.mktemp("incprop"))


_clean: dict[int, str] = {}


def text_of(pdf: Path) -> str:
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    return " ".join(out.split())


def build(ws: Path, out: Path, *extra: str) -> None:
    code, _, err = run_cli("--root", str(ws), "build", "--lang", "en", "--variant", "standard",
                           "--paper", "letter", "--formats", "pdf", "--out", str(out),
                           "--quiet", *extra, cwd=ws)
    assert code == 0, err


def clean_text(base: Path, version: int) -> str:
    """The PDF text of a clean build (fresh copy, fresh output folder) of ``version``."""
    if version not in _clean:
        with tempfile.TemporaryDirectory() as tmp:
            ws = Path(tmp) / "ws"
            shutil.copytree(base, ws)
            content = ws / "content" / f"{SHEET}.yaml"
            content.write_text(content.read_text(encoding="utf-8").replace(
                TITLE, f"text: {VERSIONS[version]}}}"), encoding="utf-8")
            build(ws, Path(tmp) / "out")
            _clean[version] = text_of(Path(tmp) / "out" / PDF)
    return _clean[version]


def write_version(content: Path, template: str, version: int, mode: str, tmp: Path) -> None:
    st_ = content.stat()
    data = template.replace(TITLE, f"text: {VERSIONS[version]}}}").encode("utf-8")
    if mode == "touch":
        os.utime(content)  # the bytes stay; only the times change
        return
    if mode == "cp-p":
        other = tmp / "prepared.yaml"
        other.write_bytes(data)
        os.utime(other, ns=(st_.st_atime_ns, st_.st_mtime_ns))
        shutil.copy2(other, content)  # cp -p: the bytes, then the old times
        return
    content.write_bytes(data)
    if mode == "restored-mtime":  # same size or not: the old mtime put back
        os.utime(content, ns=(st_.st_atime_ns, st_.st_mtime_ns))


def run_sequence(base: Path, sequence) -> None:
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        ws, out = tmp / "ws", tmp / "out"
        shutil.copytree(base, ws)
        content = ws / "content" / f"{SHEET}.yaml"
        template = content.read_text(encoding="utf-8")
        current = 0
        build(ws, out)
        for op, arg, mode in sequence:
            if op == "edit":
                if mode != "touch":
                    current = (current + 1 + arg) % len(VERSIONS)
                write_version(content, template, current, mode, tmp)
            elif op == "touch-pdf":
                os.utime(out / PDF)
            else:
                build(ws, out, *(["--force"] if arg else []))
                assert text_of(out / PDF) == clean_text(base, current), (sequence, current)
        build(ws, out)
        assert text_of(out / PDF) == clean_text(base, current), (sequence, current)


def _run(base, sequence):
    old = fpr.RACY_NS
    fpr.RACY_NS = 0
    try:
        run_sequence(base, sequence)
    finally:
        fpr.RACY_NS = old


COMMON = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                    HealthCheck.function_scoped_fixture,
                                                    HealthCheck.filter_too_much])


@settings(max_examples=25, **COMMON)
@given(sequence=steps)
def test_edits_touches_and_builds_end_in_a_clean_builds_text(base, sequence):
    _run(base, sequence)


@pytest.mark.slow
@settings(max_examples=200, **COMMON)
@given(sequence=steps)
def test_edits_touches_and_builds_end_in_a_clean_builds_text_slow(base, sequence):
    _run(base, sequence)


def test_the_versions_differ_in_the_pdf(base):
    """The property would be empty if the versions printed the same text."""
    texts = {clean_text(base, v) for v in range(len(VERSIONS))}
    assert len(texts) == len(VERSIONS)
    assert len(VERSIONS[0]) == len(VERSIONS[1]) != len(VERSIONS[2])
