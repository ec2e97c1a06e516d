"""Issue 22: a FIFO (or a folder, or a device) in the place of any file the tool reads is refused
before it is opened, with the path in a one-line error; it never hangs a command.

Each case replaces one path of a built copy of the fixture workspace by a FIFO and runs a
command in a child process with a timeout, so a regression (a blocking ``open``) fails instead
of hanging the suite. Inputs (content, catalogs, shared strings, settings, fonts, profile,
logo), the output folder's own files (manifest, journal, build cache, an output, the shelf,
the assets) and the i18n commands are all covered.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import make_workspace

import factsheet_pdf
from factsheet_pdf.fonts import shipped_font_dir

SRC = os.path.dirname(os.path.dirname(factsheet_pdf.__file__))
BUILD = ["build", "--lang", "en,fr", "--variant", "standard", "--paper", "letter",
         "--formats", "pdf", "--jobs", "1", "--quiet"]
PO = "locales/fr/LC_MESSAGES/treatment-failure.po"
NOT_REGULAR = r"not a regular file \(a FIFO\)"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    ws = make_workspace(tmp_path_factory.mktemp("nonregular"))
    (ws / "fonts").mkdir()
    shutil.copy(shipped_font_dir() / "noto-sans" / "NotoSans-Regular.ttf",
                ws / "fonts" / "Extra.ttf")
    code, _, err = _run(ws, BUILD)
    assert code == 0, err
    code, _, err = _run(ws, ["build", "--lang", "en", "--variant", "standard", "--paper",
                             "letter", "--formats", "pdf,html", "--site", "sites/riverside.yaml",
                             "--jobs", "1", "--quiet"])
    assert code == 0, err
    return ws


def _run(ws: Path, argv: list[str], timeout: float = 90) -> tuple[int, str, str]:
    env = {**os.environ, "PYTHONPATH": SRC}
    p = subprocess.run([sys.executable, "-m", "factsheet_pdf", *argv], cwd=ws, env=env,
                       capture_output=True, text=True, timeout=timeout)
    return p.returncode, p.stdout, p.stderr


SITE = ["--site", "sites/riverside.yaml"]
CASES = [
    # (path made a FIFO, command, exit status, pattern of the error line)
    ("content/treatment-failure.yaml", BUILD, 1,
     rf"^content/treatment-failure.yaml: error: content file is {NOT_REGULAR}$"),
    ("content/treatment-failure.yaml", ["check"], 1,
     rf"^content/treatment-failure.yaml: error: content file is {NOT_REGULAR}$"),
    (PO, BUILD, 1, rf"^{PO}: error: cannot read catalog: {NOT_REGULAR}$"),
    (PO, ["check", "--lang", "fr"], 1, rf"^{PO}: error: cannot read catalog: {NOT_REGULAR}$"),
    (PO, ["i18n", "update"], 1, rf"^{PO}: error: cannot read catalog: {NOT_REGULAR}$"),
    (PO, ["i18n", "status"], 1, rf"^{PO}: error: cannot read catalog: {NOT_REGULAR}$"),
    ("locales/fr/LC_MESSAGES/common.po", BUILD, 1,
     rf"^locales/fr/LC_MESSAGES/common.po: error: cannot read catalog: {NOT_REGULAR}$"),
    ("locales/treatment-failure.pot", ["i18n", "extract"], 1,
     rf"^locales/treatment-failure.pot: error: cannot write catalog: {NOT_REGULAR}$"),
    ("fonts/Extra.ttf", BUILD, 1, rf"^fonts/Extra.ttf: error: cannot read font: {NOT_REGULAR}$"),
    ("sites/riverside.yaml", BUILD + SITE, 1,
     rf"^sites/riverside.yaml: error: site profile is {NOT_REGULAR}$"),
    ("sites/riverside.yaml", ["site", "check", "sites/riverside.yaml"], 1,
     r"^sites/riverside.yaml: error: .*not a regular file"),
    ("sites/riverside-logo.png", BUILD + SITE, 1,
     r"^sites/riverside.yaml:\d+:\d+: error: logo 'riverside-logo.png' is not a regular file"),
    ("dist/manifest.json", BUILD, 1, rf"^dist/manifest.json: error: cannot read: {NOT_REGULAR}$"),
    ("dist/.manifest.journal", BUILD, 1,
     rf"^dist/.manifest.journal: error: cannot read: {NOT_REGULAR}$"),
    ("factsheet.toml", ["check"], 2, rf"factsheet.toml is {NOT_REGULAR}"),
    # The output folder's own files: a FIFO there is not an output; the build replaces it.
    ("dist/treatment-failure.en.standard.letter.pdf", BUILD, 0, None),
    ("dist/.factsheet-cache/build.pickle", BUILD, 0, None),
    ("dist/index.html", BUILD, 0, None),
    ("dist/assets/factsheet.css", BUILD[:-4] + ["pdf,html", "--jobs", "1"], 0, None),
    ("dist/riverside/index.html", BUILD + SITE, 0, None),
]


@pytest.mark.parametrize("rel, argv, status, pattern", CASES,
                         ids=[f"{c[0]}-{'-'.join(c[1][:2])}" for c in CASES])
def test_a_fifo_is_refused_unopened(built, tmp_path, rel, argv, status, pattern):
    import re

    ws = tmp_path / "ws"
    shutil.copytree(built, ws, symlinks=True)
    target = ws / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():
        target.unlink()
    os.mkfifo(target)
    code, out, err = _run(ws, argv)
    assert "Traceback" not in err and "Exception ignored" not in err, err
    assert code == status, err
    if pattern is not None:
        assert re.search(pattern, err, re.MULTILINE), err
    if status == 0:  # the FIFO was replaced by the file the build writes there
        assert target.is_file() or not target.exists(), rel


def test_a_folder_named_like_a_font_is_no_font(built, tmp_path):
    """A folder under fonts/ whose name ends in .ttf is a folder (its fonts are read), not a
    font file that cannot be read."""
    ws = tmp_path / "ws"
    shutil.copytree(built, ws, symlinks=True)
    (ws / "fonts" / "more.ttf").mkdir()
    code, _, err = _run(ws, BUILD)
    assert code == 0, err
