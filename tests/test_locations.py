"""One error-location type: every diagnostic with a file at fault carries a SourceLoc (line None
for the whole file), never the path in its message text."""

from __future__ import annotations

import ast
from pathlib import Path

import factsheet_pdf
from factsheet_pdf.errors import Diagnostic, FactsheetError
from factsheet_pdf.model import SourceLoc
from factsheet_pdf.write import OutputFolder

PACKAGE = Path(factsheet_pdf.__file__).parent

WITHOUT_A_FILE = {
    # module: at most how many Diagnostic(None, ...) it makes, and why none has a file at fault
    "build.py": 3,  # a font that cannot draw a language's name; an unknown sheet on the command
                    # line; a worker process that died
    "languages.py": 5,  # a language tag (command line) CLDR does not know, or whose script we
                        # cannot lay out; no font (of all) draws a language, and its warning
    "fonts.py": 1,  # an unknown font family key (asked by the program, not read from a file)
    "render/pdf/fit.py": 1,  # "layout failed": the compose stage's own (left to its engineer)
    "text/icu.py": 1,  # ICU is not installed (the machine, not a file)
    "shards.py": 1,  # a shard missing from a merge (no folder given is at fault)
    "braille_setup.py": 3,  # liblouis is not installed (build, check: the machine, not a
                            # file); a language has no braille table (no file names one)
}


def _unlocated() -> dict[str, list[ast.Call]]:
    found: dict[str, list[ast.Call]] = {}
    for p in sorted(PACKAGE.rglob("*.py")):
        rel = p.relative_to(PACKAGE).as_posix()
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", None) in (
                    "Diagnostic", "error") and node.args
                    and isinstance(node.args[0], ast.Constant) and node.args[0].value is None):
                found.setdefault(rel, []).append(node)
    return found


def test_only_global_diagnostics_have_no_location():
    counts = {rel: len(calls) for rel, calls in _unlocated().items()}
    assert {rel: n for rel, n in counts.items() if n > WITHOUT_A_FILE.get(rel, 0)} == {}


def test_no_message_starts_with_a_path():
    """``f"{path}: ..."`` as a message is a location in the wrong place."""
    bad = []
    for rel, calls in _unlocated().items():
        for call in calls:
            msg = call.args[1] if len(call.args) > 1 else None
            if isinstance(msg, ast.JoinedStr) and len(msg.values) > 1:
                first, second = msg.values[0], msg.values[1]
                if (isinstance(first, ast.FormattedValue) and isinstance(second, ast.Constant)
                        and str(second.value).startswith(": ")
                        and any(w in ast.unparse(first.value).lower()
                                for w in ("path", "shown", "out", "dest", "file"))):
                    bad.append(f"{rel}:{call.lineno}")
    assert bad == []


def test_no_second_location_type():
    for p in PACKAGE.rglob("*.py"):
        assert "class FileLoc" not in p.read_text(encoding="utf-8"), p


def test_a_whole_file_prints_as_its_path():
    loc = SourceLoc.file(Path("dist") / "manifest.json")
    assert (str(loc), loc.line) == ("dist/manifest.json", None)
    assert str(Diagnostic(loc, "cannot write: is a folder, not a file")) == (
        "dist/manifest.json: error: cannot write: is a folder, not a file")
    assert str(SourceLoc("a.yaml", 3)) == "a.yaml:3" and str(SourceLoc("a.yaml", 3, 4)) == "a.yaml:3:4"


def test_a_file_fault_is_located(tmp_path):
    (tmp_path / "manifest.json").mkdir()
    try:
        OutputFolder(tmp_path).__enter__()
    except FactsheetError as e:
        d = e.diagnostics[0]
    assert d.loc == SourceLoc.file(tmp_path / "manifest.json")
    assert d.message == "cannot write: is a folder, not a file"
