"""One atomic, durable writer (:func:`factsheet_pdf.write.atomic_write`) for every file the tool
writes: PDFs, manifest.json, catalogs and templates, ``factsheet init``'s files, the font cache."""

from __future__ import annotations

import ast
import os
import shutil
import stat
from pathlib import Path

import pytest

import factsheet_pdf
from factsheet_pdf import fonts, workspace
from factsheet_pdf import write as w
from factsheet_pdf.i18n import catalogs, pofile
from factsheet_pdf.write import TMP_PREFIX, OutputFolder, atomic_write

ROOT = Path(__file__).resolve().parent.parent
POT = ROOT / "locales" / "treatment-failure.pot"


@pytest.fixture
def fsyncs(monkeypatch):
    """Every os.fsync: ("dir", path) for a folder, ("file", size) for a file."""
    calls: list[tuple[str, object]] = []
    real = os.fsync

    def record(fd):
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            calls.append(("dir", os.path.realpath(f"/proc/self/fd/{fd}")
                          if os.path.exists("/proc/self/fd") else None))
        else:
            calls.append(("file", st.st_size))
        return real(fd)

    monkeypatch.setattr(os, "fsync", record)
    return calls


def temps(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.name.startswith(TMP_PREFIX)]


@pytest.mark.skipif(os.name != "posix", reason="folders are fsync'ed on POSIX only")
def test_fsyncs_the_file_then_its_folder(tmp_path, fsyncs):
    atomic_write(tmp_path / "a.bin", b"12345")
    assert (tmp_path / "a.bin").read_bytes() == b"12345"
    assert fsyncs[0] == ("file", 5)
    assert fsyncs[-1][0] == "dir"
    if fsyncs[-1][1] is not None:
        assert Path(fsyncs[-1][1]) == tmp_path.resolve()
    assert temps(tmp_path) == []


@pytest.mark.parametrize("where", ["replace", "write", "fsync"])
@pytest.mark.parametrize("exc", [OSError(28, "No space left on device"), KeyboardInterrupt()])
def test_a_failure_leaves_no_temp_and_the_old_file(tmp_path, monkeypatch, where, exc):
    path = tmp_path / "manifest.json"
    path.write_bytes(b"old")

    def fail(*a, **k):
        raise exc

    monkeypatch.setattr({"replace": os, "fsync": os, "write": w}[where],
                        {"replace": "replace", "fsync": "fsync", "write": "_write_all"}[where],
                        fail)
    with pytest.raises(type(exc)) as info:
        atomic_write(path, b"new")
    monkeypatch.undo()
    assert path.read_bytes() == b"old"
    assert temps(tmp_path) == []
    if isinstance(exc, OSError) and info.value.filename is not None:
        assert info.value.filename == str(path)  # never the temp file's name


def test_an_error_names_the_file_not_the_temp(tmp_path):
    with pytest.raises(OSError) as info:
        atomic_write(tmp_path / "missing-folder" / "a.pdf", b"x")
    assert info.value.filename == str(tmp_path / "missing-folder" / "a.pdf")


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_mode_follows_the_umask_or_is_given(tmp_path):
    old = os.umask(0o027)
    try:
        atomic_write(tmp_path / "a", b"x")
        atomic_write(tmp_path / "b", b"x", mode=0o604)
    finally:
        os.umask(old)
    assert (tmp_path / "a").stat().st_mode & 0o777 == 0o640
    assert (tmp_path / "b").stat().st_mode & 0o777 == 0o604


# -- every writer is this one -----------------------------------------------------------------

@pytest.fixture
def landed(monkeypatch):
    """The paths atomic_write wrote, through whichever module called it."""
    paths: list[Path] = []
    real = w.atomic_write

    def spy(path, data, *, mode=None):
        paths.append(Path(path))
        return real(path, data, mode=mode)

    for mod in (w, workspace, fonts, pofile):
        monkeypatch.setattr(mod, "atomic_write", spy)
    return paths


def test_catalogs_keep_their_mode_and_fsync_their_folder(tmp_path, landed, fsyncs):
    po = catalogs.new_catalog(catalogs.read(POT), "de", dict(catalogs.NEW_HEADERS))
    path = tmp_path / "de" / "LC_MESSAGES" / "x.po"
    assert catalogs.write(path, po) is True
    os.chmod(path, 0o600)
    po.metadata["X-Review-Round"] = "again"
    assert catalogs.write(path, po) is True
    assert landed == [path, path]
    assert path.stat().st_mode & 0o777 == 0o600
    if os.name == "posix":
        assert sum(1 for kind, _ in fsyncs if kind == "dir") == 2
    assert temps(tmp_path) == []


def test_init_and_output_folder_write_through_it(tmp_path, landed):
    written = workspace.init(tmp_path / "ws")
    assert set(written) <= set(landed) and written
    with OutputFolder(tmp_path / "out") as folder:
        folder.land("a.pdf", b"%PDF-1.7\n%%EOF\n", {"sheet": "s", "lang": "en"})
    assert tmp_path / "out" / "a.pdf" in landed
    assert tmp_path / "out" / "manifest.json" in landed


def test_the_font_cache_writes_through_it(tmp_path, landed, monkeypatch):
    font = tmp_path / "font.ttf"  # (not a shipped path: those come from font-info.json)
    shutil.copy(next((ROOT / "fonts").rglob("*.ttf")), font)
    monkeypatch.setattr(fonts, "_by_hash", {})
    fonts.font_info(font, tmp_path / "cache")
    assert [p.parent for p in landed] == [tmp_path / "cache"]


def test_no_other_writer_in_the_package():
    """Only write.py opens files for writing or renames them into place (the build cache in
    build.py, an optimisation that may be lost, is the one exception)."""
    allowed = {"write.py", "build.py"}
    found = []
    pkg = Path(factsheet_pdf.__file__).parent
    for p in sorted(pkg.rglob("*.py")):
        rel = p.relative_to(pkg).as_posix()
        if rel in allowed:
            continue
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            f = node.func
            name = f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", "")
            if name in ("write_bytes", "write_text", "replace", "rename", "mkstemp") and (
                    name not in ("replace",) or (isinstance(f, ast.Attribute)
                                                 and getattr(f.value, "id", "") == "os")):
                found.append(f"{rel}:{node.lineno}: {name}")
            if name == "open" and len(node.args) > 1 and isinstance(node.args[1], ast.Constant) \
                    and any(c in str(node.args[1].value) for c in "wax+"):
                found.append(f"{rel}:{node.lineno}: open(..., {node.args[1].value!r})")
    assert found == []
