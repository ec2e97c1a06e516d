"""The package's shape: no import cycle among factsheet_pdf modules.

A module-level cycle is the error this guards against first: imports a module runs when it is
imported (not those under ``if TYPE_CHECKING:``). Imports inside functions are lazy imports
(ReportLab, Babel's CLDR data, the renderer: loaded only when a command needs them); they are
not cycles at import time, but one that closes a cycle only hides it (``PoFile.save`` importing
``catalogs.write`` did), so a second test checks the graph with them too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import factsheet_pdf

PACKAGE = Path(factsheet_pdf.__file__).parent


def _modules() -> dict[str, tuple[Path, bool]]:
    mods = {}
    for p in sorted(PACKAGE.rglob("*.py")):
        parts = ["factsheet_pdf", *p.relative_to(PACKAGE).with_suffix("").parts]
        is_pkg = parts[-1] == "__init__"
        if is_pkg:
            parts = parts[:-1]
        mods[".".join(parts)] = (p, is_pkg)
    return mods


def _targets(mod: str, is_pkg: bool, node: ast.Import | ast.ImportFrom, known) -> set[str]:
    if isinstance(node, ast.Import):
        names = [a.name for a in node.names]
    else:
        if node.level:
            base = mod.split(".") if is_pkg else mod.split(".")[:-1]
            base = base[: len(base) - (node.level - 1)]
            pkg = ".".join(base + ([node.module] if node.module else []))
        else:
            pkg = node.module or ""
        names = [pkg] + [f"{pkg}.{a.name}" for a in node.names]
    return {n for n in names if n in known and n != mod}


def _is_type_checking(node: ast.If) -> bool:
    t = node.test
    return (isinstance(t, ast.Name) and t.id == "TYPE_CHECKING") or (
        isinstance(t, ast.Attribute) and t.attr == "TYPE_CHECKING")


def module_level_imports(lazy: bool = False) -> dict[str, set[str]]:
    """Each module -> the package modules it imports when it is itself imported (``lazy``:
    also those its functions import when called)."""
    mods = _modules()
    graph: dict[str, set[str]] = {}
    for mod, (path, is_pkg) in mods.items():
        found: set[str] = set()

        def visit(node: ast.AST) -> None:
            for child in ast.iter_child_nodes(node):
                if not lazy and isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef,
                                                   ast.Lambda)):
                    continue  # a lazy import: runs when called, not when imported
                if isinstance(child, ast.If) and _is_type_checking(child):
                    for c in child.orelse:
                        visit(ast.Module(body=[c], type_ignores=[]))
                    continue
                if isinstance(child, (ast.Import, ast.ImportFrom)):
                    found.update(_targets(mod, is_pkg, child, mods))
                visit(child)

        visit(ast.parse(path.read_text(encoding="utf-8"), str(path)))
        graph[mod] = found
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []

    def strong(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            strong(v)
    return out


def test_no_module_level_import_cycle():
    graph = module_level_imports()
    assert len(graph) > 40  # the scan found the package
    assert cycles(graph) == []


def test_no_import_cycle_through_lazy_imports():
    assert cycles(module_level_imports(lazy=True)) == []


def test_the_scan_sees_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_relative_imports_resolve():
    graph = module_level_imports()
    assert "factsheet_pdf.i18n.pofile" in graph["factsheet_pdf.i18n.catalogs"]
    assert "factsheet_pdf.errors" in graph["factsheet_pdf.i18n.pofile"]
    assert "factsheet_pdf.load" not in graph["factsheet_pdf.library"]  # imported in a function
    assert "factsheet_pdf.load" in module_level_imports(lazy=True)["factsheet_pdf.library"]
