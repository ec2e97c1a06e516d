"""The compose stage: the document decided once, as data, without ReportLab or fontTools.

Snapshots of ``factsheet show`` (the composed document as an outline) for every fixture sheet
in every shipped language and both variants, made in a child process where importing
ReportLab or fontTools fails (a ``sys.meta_path`` hook): compose and ``show`` must not need
them. ``pytest --update-golden`` rewrites the snapshots.
"""

from __future__ import annotations

import ast
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from factsheet_pdf.languages import SHIPPED_LANGUAGES
from factsheet_pdf.variants import VARIANT_NAMES

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "golden" / "outline"
SRC = Path(__import__("factsheet_pdf").__file__).resolve().parent

BLOCKED = ("reportlab", "fontTools")

CHILD = r'''
import io, json, sys

BLOCKED = %r

class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in BLOCKED:
            raise ImportError(f"{name} imported while composing")
        return None

sys.meta_path.insert(0, Block())
from factsheet_pdf.cli import main

out = {}
for key, argv in json.loads(sys.argv[1]):
    o, e = io.StringIO(), io.StringIO()
    code = main(argv, stdout=o, stderr=e)
    out[key] = [code, o.getvalue(), e.getvalue()]
print(json.dumps(out))
'''


def fixture_workspaces() -> dict[str, Path]:
    """Fixture workspace -> its folder (each holds its own sheets and catalogs)."""
    fx = HERE / "fixtures"
    return {p.name: p for p in sorted(fx.iterdir()) if (p / "factsheet.toml").is_file()}


def _jobs(tmp_path: Path) -> list[tuple[str, list[str]]]:
    jobs = []
    for name, folder in fixture_workspaces().items():
        ws = tmp_path / name
        shutil.copytree(folder, ws)
        for content in sorted((ws / "content").glob("*.yaml")):
            sheet = content.stem
            for lang in SHIPPED_LANGUAGES:
                for variant in VARIANT_NAMES:
                    argv = ["--root", str(ws), "show", sheet, "--lang", lang, "--variant",
                            variant, "--draft"]
                    jobs.append((f"{name}.{sheet}.{lang}.{variant}", argv))
        sites = sorted((ws / "sites").glob("*.yaml")) if (ws / "sites").is_dir() else []
        for site in sites:
            for lang in ("en", "es"):
                argv = ["--root", str(ws), "show", sorted((ws / "content").glob("*.yaml"))[0]
                        .stem, "--lang", lang, "--site", str(site), "--draft"]
                jobs.append((f"{name}.site-{site.stem}.{lang}", argv))
    return jobs


@pytest.fixture(scope="module")
def outlines(tmp_path_factory) -> dict[str, list]:
    tmp = tmp_path_factory.mktemp("compose")
    jobs = _jobs(tmp)
    proc = subprocess.run([sys.executable, "-c", CHILD % (BLOCKED,), json.dumps(jobs)],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    got = json.loads(proc.stdout)
    return {k: [c, o.replace(str(tmp), "<tmp>"), e] for k, (c, o, e) in got.items()}


def test_show_needs_neither_reportlab_nor_fonttools(outlines):
    bad = {k: e for k, (c, _, e) in outlines.items() if c != 0}
    assert not bad, bad


def test_outline_snapshots(outlines, request):
    update = request.config.getoption("--update-golden", default=False)
    GOLDEN.mkdir(parents=True, exist_ok=True)
    mismatched = []
    for key, (_, text, _) in sorted(outlines.items()):
        path = GOLDEN / f"{key}.txt"
        if update:
            path.write_text(text, encoding="utf-8")
        elif not path.exists() or path.read_text(encoding="utf-8") != text:
            mismatched.append(key)
    assert not mismatched, f"outline differs from tests/golden/outline for {mismatched[:5]} " \
                           f"({len(mismatched)} in all; pytest --update-golden rewrites)"


def test_outline_reads_in_order_with_roles(outlines):
    """The English outline has the document's parts in reading order."""
    key = next(k for k in outlines if k.endswith(".en.standard"))
    text = outlines[key][1]
    order = [text.index(x) for x in ("[band]", "H1 (title)", "[body]", "Sect (section)")]
    assert order == sorted(order)


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.add(node.module)
    return out


def test_compose_and_variants_import_no_reportlab():
    """The composed document stays format-neutral: nothing under compose/ (nor the variant
    table, nor the block kinds) imports ReportLab or fontTools, at any level."""
    files = [*sorted((SRC / "compose").glob("*.py")), SRC / "variants.py", SRC / "kinds.py"]
    for f in files:
        bad = {m for m in _imports(f) if m.split(".")[0] in BLOCKED}
        assert not bad, f"{f.name} imports {bad}"


def test_a_sheet_needs_only_the_shared_strings_it_prints():
    """A shared string whose translation cannot be used stops a document only where the
    variant prints it: the glossary's continuation label blocks a sheet with a glossary, never
    one without; the large-print label blocks large print only."""
    import dataclasses

    from factsheet_pdf.compose import compose
    from factsheet_pdf.errors import Diagnostic, FactsheetError
    from factsheet_pdf.load import load_sheet
    from factsheet_pdf.model import SourceLoc

    sheet = load_sheet(HERE / "fixtures" / "workspace" / "content" / "treatment-failure.yaml")

    def broken(uid: str):
        d = Diagnostic(SourceLoc("locales/de/LC_MESSAGES/common.po", 7), f"missing {uid}")
        return ((uid, (d,)),)

    no_glossary = dataclasses.replace(sheet, glossary=None,
                                      label_problems=broken("label.glossary-continued"))
    for variant in VARIANT_NAMES:
        compose(no_glossary, variant)  # the label is not printed: no error
    with pytest.raises(FactsheetError, match="missing label.glossary-continued"):
        compose(dataclasses.replace(no_glossary, glossary=sheet.glossary), VARIANT_NAMES[0])
    large = dataclasses.replace(sheet, label_problems=broken("label.large-print"))
    compose(large, "standard")
    with pytest.raises(FactsheetError, match="missing label.large-print"):
        compose(large, "large-print")
