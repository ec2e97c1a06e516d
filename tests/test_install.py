"""Installed like any Python tool: the wheel carries what a build needs; workspaces anywhere.

The slow part (a fresh virtual environment with the wheel and its dependencies from PyPI) is
done once per test session; the README's "Using it for your own sheets" section is run line by
line in a shell, as a user would type it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pikepdf
import pytest
from conftest import ROOT, WORKSPACE, run_cli, tool


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VIRTUAL_ENV", "PYTHON"))}
    env["HOME"] = str(home)
    env.setdefault("PIP_CACHE_DIR", str(Path.home() / ".cache" / "pip"))
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep)
                                  if ".venv" not in p)
    return env


@pytest.fixture(scope="session")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    # from a clean copy: setuptools' build/ in a checkout keeps files since removed from it
    src = tmp_path_factory.mktemp("wheel-src") / "factsheet-pdf"
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns(
        ".git", ".venv", "dist", "build", "*.egg-info", "__pycache__", ".pytest_cache",
        ".hypothesis", "bench"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(out),
                    str(src)], check=True, capture_output=True)
    return next(out.glob("factsheet_pdf-*.whl"))


@pytest.fixture(scope="session")
def installed(tmp_path_factory, wheel) -> Path:
    """A fresh virtual environment outside the repository with the wheel installed."""
    base = tmp_path_factory.mktemp("venv")
    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run([str(venv / "bin" / "pip"), "install", "-q", str(wheel)], check=True,
                   capture_output=True, env=_env(base))
    return venv / "bin" / "factsheet"


def test_wheel_carries_fonts_licences_shared_strings_and_example(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for font in ("noto-sans/NotoSans-Regular.ttf", "noto-sans/OFL.txt",
                 "atkinson-hyperlegible/AtkinsonHyperlegible-Bold.ttf",
                 "atkinson-hyperlegible/OFL.txt", "wqy-microhei/wqy-microhei.ttc",
                 "wqy-microhei/LICENSE-Apache-2.0.txt", "README.md"):
        assert f"factsheet_pdf/fontdata/{font}" in names
    assert "factsheet_pdf/data/common.yaml" in names
    assert "factsheet_pdf/data/common.pot" in names
    for folder in ("es", "fr", "pt_BR", "ht", "vi", "ru", "zh_Hans"):
        assert f"factsheet_pdf/data/locales/{folder}/LC_MESSAGES/common.po" in names
    # the example is whatever the repository's content/, locales/ and sites/ hold
    shipped = [p for d in ("content", "locales", "sites") for p in sorted((ROOT / d).rglob("*"))
               if p.is_file() and p.suffix in (".yaml", ".pot", ".po", ".png", ".jpg")]
    assert any(p.parent.name == "content" for p in shipped)
    for p in shipped:
        assert "factsheet_pdf/example/" + p.relative_to(ROOT).as_posix() in names, p
    assert "factsheet_pdf/data/workspace/factsheet.toml" in names
    # the repository's fonts/ is the one copy of the files: nothing else holds a font
    fonts = [n for n in names if n.endswith((".ttf", ".ttc", ".otf"))]
    assert all(n.startswith("factsheet_pdf/fontdata/") for n in fonts)
    assert not list((ROOT / "src").rglob("*.tt[fc]"))


def test_installed_tool_inits_and_builds_anywhere(installed, tmp_path):
    env = _env(tmp_path)
    run = lambda *a, cwd=tmp_path: subprocess.run(  # noqa: E731
        [str(installed), *a], cwd=cwd, capture_output=True, text=True, env=env)
    res = run("--version")
    assert res.returncode == 0 and res.stdout.startswith("factsheet-pdf ")
    res = run("init", "my-sheets")
    assert res.returncode == 0, res.stderr
    ws = tmp_path / "my-sheets"
    assert (ws / "factsheet.toml").is_file() and (ws / "README.md").is_file()
    sheets = sorted(p.name for p in (ROOT / "content").glob("*.yaml"))
    assert sheets and sorted(p.name for p in (ws / "content").glob("*.yaml")) == sheets
    sites = sorted(p.name for p in (ROOT / "sites").glob("*.yaml"))
    assert sorted(p.name for p in (ws / "sites").glob("*.yaml")) == sites
    assert not list(ws.rglob("__init__.py"))
    # --draft: whatever sheets ship, a language some sheet has no catalog for still builds
    # (into dist/drafts/), so every shipped sheet gives its 2 variants in both languages
    res = run("build", "--lang", "en,zh-Hans", "--paper", "a4", "--draft", cwd=ws)
    assert res.returncode == 0, res.stderr
    pdfs = sorted((ws / "dist").rglob("*.pdf"))
    assert len(pdfs) == 4 * len(sheets)
    import yaml

    budget = {(d := yaml.safe_load(p.read_text(encoding="utf-8")))["sheet"]: d.get("pages", 2)
              for p in (ws / "content").glob("*.yaml")}
    for path in pdfs:
        with pikepdf.open(path) as pdf:
            assert pdf.Root.MarkInfo.Marked and "/StructTreeRoot" in pdf.Root
            if ".standard." in path.name:  # within its sheet's page budget
                assert 1 <= len(pdf.pages) <= budget[path.name.split(".")[0]], path.name
        fonts = tool("pdffonts", str(path)).splitlines()[2:]
        assert fonts and all(ln.split()[-5] == "yes" for ln in fonts), fonts  # embedded
    # from a subfolder of the workspace
    res = run("check", "--lang", "en", cwd=ws / "content")
    assert res.returncode == 0, res.stderr
    # --version --verbose names ReportLab, the fonts and the workspace
    res = run("--version", "--verbose", cwd=ws / "content")
    assert "ReportLab" in res.stdout and str(ws.resolve()) in res.stdout
    assert "Noto Sans" in res.stdout or "noto-sans" in res.stdout


def test_outside_a_workspace_one_line_exit_2(tmp_path):
    code, out, err = run_cli("build", cwd=tmp_path)
    assert code == 2
    assert err.count("\n") == 1 and "not inside a factsheet workspace" in err
    assert "factsheet init" in err and "Traceback" not in err
    # a bare content/ folder is not a workspace
    (tmp_path / "content").mkdir()
    assert run_cli("check", cwd=tmp_path)[0] == 2


def test_root_option_and_subfolder(tmp_path):
    code, _, err = run_cli("init", str(tmp_path / "ws"), "--empty", cwd=tmp_path)
    assert code == 0, err
    ws = tmp_path / "ws"
    assert sorted(p.name for p in ws.iterdir()) == ["README.md", "content", "factsheet.toml",
                                                    "fonts", "locales", "sites"]
    code, out, err = run_cli("--root", str(ws), "i18n", "status", cwd=tmp_path)
    assert code == 0, err
    (ws / "content" / "deep" / "er").mkdir(parents=True)
    code, out, err = run_cli("i18n", "status", cwd=ws / "content" / "deep" / "er")
    assert code == 0, err
    # init refuses to overwrite a workspace
    code, _, err = run_cli("init", str(ws), cwd=tmp_path)
    assert code == 2 and "exists already" in err


def test_settings_are_checked_with_their_line(tmp_path):
    run_cli("init", str(tmp_path / "ws"), "--empty", cwd=tmp_path)
    cfg = tmp_path / "ws" / "factsheet.toml"
    cfg.write_text(cfg.read_text() + '\nlanguage = ["es"]\n')
    code, _, err = run_cli("build", cwd=tmp_path / "ws")
    assert code == 1
    assert re.search(r"factsheet.toml:\d+:1: error: unknown setting 'language' \(did you mean "
                     r"'languages'\?\)", err), err


def _readme_section() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Using it for your own sheets", 1)[1].split("\n## ", 1)[0]
    block = section.split("```sh", 1)[1].split("```", 1)[0]
    return [ln for ln in block.strip().splitlines() if ln.strip() and not ln.startswith("#")]


def test_readme_section_runs_line_by_line(tmp_path):
    """Every line of "Using it for your own sheets", in one shell, as a user types them."""
    lines = _readme_section()
    assert any("pip install" in ln for ln in lines)
    assert any(ln.startswith("factsheet init") for ln in lines)
    assert lines[-1].startswith("factsheet build")
    checkout = tmp_path / "factsheet-pdf"
    shutil.copytree(ROOT, checkout, ignore=shutil.ignore_patterns(
        ".git", ".venv", "dist", "build", "*.egg-info", "__pycache__", ".pytest_cache",
        "bench"))
    # the checkout's example (what `factsheet init` copies) is the tests' own fixture
    # workspace, so the README's build line does not depend on what content/ holds today
    for d in ("content", "locales", "sites"):
        keep = {p.name: p.read_bytes() for p in (checkout / d).glob("__init__.py")}
        shutil.rmtree(checkout / d)
        shutil.copytree(WORKSPACE / d, checkout / d)
        for name, data in keep.items():
            (checkout / d / name).write_bytes(data)
    script = "set -e\n" + "\n".join(lines) + "\n"
    res = subprocess.run(["bash", "-c", script], cwd=tmp_path, capture_output=True, text=True,
                         env=_env(tmp_path), timeout=900)
    assert res.returncode == 0, res.stdout[-2000:] + res.stderr[-4000:]
    assert list((tmp_path / "my-sheets" / "dist").glob("*.pdf"))
