"""Fixtures: one full build of every shipped PDF per test session, read by independent tools."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest

from factsheet_pdf.cli import main

ROOT = Path(__file__).resolve().parents[1]


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite the golden files (tests/golden/) instead of comparing")
SHEET = "treatment-failure"


def run_cli(*argv: str, cwd: Path = ROOT) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    import os

    old = os.getcwd()
    os.chdir(cwd)
    try:
        code = main(list(argv), stdout=out, stderr=err)
    finally:
        os.chdir(old)
    return code, out.getvalue(), err.getvalue()


def tool(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="session")
def dist(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    code, stdout, stderr = run_cli("build", "--out", str(out))
    assert code == 0, stderr
    return out


def pdf(dist: Path, lang="en", variant="standard", paper="letter") -> Path:
    return dist / f"{SHEET}.{lang}.{variant}.{paper}.pdf"


@pytest.fixture
def repo_copy(tmp_path) -> Path:
    """A scratch copy of content/ and locales/ to break on purpose."""
    for d in ("content", "locales"):
        shutil.copytree(ROOT / d, tmp_path / d)
    shutil.copy(ROOT / "factsheet.toml", tmp_path / "factsheet.toml")
    return tmp_path
