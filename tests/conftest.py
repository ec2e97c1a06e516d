"""Fixtures: fixture workspaces of the tests' own (tests/fixtures/), copied before use, and one
session build of their PDFs, read by independent tools.

No test depends on what the repository's own workspace (content/, locales/, sites/) holds:
adding a sheet there breaks nothing. The few tests of what ships (tests/test_review.py,
tests/test_install.py, the catalog checks of tests/test_i18n.py and tests/test_pofile.py) read
the shipped files and iterate over whatever is there.

The session ``dist`` holds, by default, the PDFs of ``DEFAULT`` (one variant and paper per
fixture language, rotating so every variant and paper is covered, plus English large print);
when a selected test using it is marked ``slow`` (``-m slow``, or ``-m ''``), the full matrix
(``MATRIX``, 8 languages x 2 variants x 2 papers). ``matrix()`` parametrizes a test over the
matrix with every combination outside ``DEFAULT`` marked slow.
"""

from __future__ import annotations

import atexit
import io
import os
import shutil
import subprocess
import tempfile
from itertools import product
from pathlib import Path

import pytest

from factsheet_pdf.cli import main

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
# The tests' own copy of the example as shipped when the goldens were made (tests/golden/ is
# of this sheet): factsheet.toml, content/, locales/, sites/.
WORKSPACE = FIXTURES / "workspace"
SHEET = "treatment-failure"

# The fixture workspace's languages (its catalogs plus English), variants and papers.
LANGS = ("en", "es", "fr", "ht", "pt-BR", "ru", "vi", "zh-Hans")
VARIANTS = ("standard", "large-print")
PAPERS = ("letter", "a4")
MATRIX = tuple(product(LANGS, VARIANTS, PAPERS))
# The default run's PDFs: each (variant, paper) for two or three languages; the ones tests read
# by name (English, Spanish and Chinese standard letter, English large print) among them.
DEFAULT = (
    ("en", "standard", "letter"),
    ("en", "large-print", "letter"),
    ("es", "standard", "letter"),
    ("fr", "standard", "a4"),
    ("ht", "large-print", "a4"),
    ("pt-BR", "large-print", "letter"),
    ("ru", "standard", "a4"),
    ("vi", "large-print", "a4"),
    ("zh-Hans", "standard", "letter"),
)
_FIELDS = ("lang", "variant", "paper")
BELOW_12 = {("ru", "letter")}
"""Standard outputs of the fixture set below 12 pt, the last resort (with the warning): Russian
on Letter, since the glossary breaks only between entries, the contact block is 12 pt and the
review notice at the body size (README, Known limits)."""


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite the golden files (tests/golden/) instead of comparing")


def make_workspace(base: Path, kind: str = "workspace", name: str = "ws") -> Path:
    """A scratch copy of the fixture workspace tests/fixtures/<kind> at base/<name>."""
    ws = base / name
    shutil.copytree(FIXTURES / kind, ws)
    return ws


_shared: dict[str, Path] = {}


def shared_workspace() -> Path:
    """One copy of the fixture workspace per test session for commands that only read it
    (``run_cli`` without ``cwd``); tests that change files make their own copy."""
    if "ws" not in _shared:
        base = Path(tempfile.mkdtemp(prefix="factsheet-tests-"))
        atexit.register(shutil.rmtree, base, True)
        _shared["ws"] = make_workspace(base)
    return _shared["ws"]


def run_cli(*argv: str, cwd: Path | None = None) -> tuple[int, str, str]:
    """The CLI in-process, in ``cwd`` (default: the session's copy of the fixture workspace)."""
    out, err = io.StringIO(), io.StringIO()
    old = os.getcwd()
    os.chdir(cwd if cwd is not None else shared_workspace())
    try:
        code = main(list(argv), stdout=out, stderr=err)
    finally:
        os.chdir(old)
    return code, out.getvalue(), err.getvalue()


def tool(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def matrix(*fields: str, **fixed: str) -> list:
    """pytest params over ``fields`` of the matrix where ``fixed`` holds; a combination with no
    PDF in ``DEFAULT`` is marked slow. ``matrix("lang", "paper", variant="standard")``."""
    assert set(fields) | set(fixed) <= set(_FIELDS), (fields, fixed)
    rows = [dict(zip(_FIELDS, combo)) for combo in MATRIX]
    rows = [r for r in rows if all(r[k] == v for k, v in fixed.items())]
    default = [dict(zip(_FIELDS, combo)) for combo in DEFAULT]
    params, seen = [], set()
    for r in rows:
        values = tuple(r[f] for f in fields)
        if values in seen:
            continue
        seen.add(values)
        lean = any(all(d[f] == r[f] for f in fields) and all(d[k] == v for k, v in fixed.items())
                   for d in default)
        params.append(pytest.param(*values, id="-".join(values),
                                   marks=() if lean else pytest.mark.slow))
    return params


def build_pdfs(ws: Path, out: Path, combos, *extra: str) -> None:
    """Build ``combos`` ((lang, variant, paper) triples) of ws into out, one build per
    (variant, paper); PDFs only unless ``extra`` names ``--formats``."""
    if "--formats" not in extra:
        extra = ("--formats", "pdf", *extra)
    groups: dict[tuple[str, str], list[str]] = {}
    for lang, variant, paper in combos:
        groups.setdefault((variant, paper), []).append(lang)
    for (variant, paper), langs in groups.items():
        code, _, err = run_cli("--root", str(ws), "build", "--out", str(out), "--lang",
                               ",".join(langs), "--variant", variant, "--paper", paper,
                               "--quiet", *extra, cwd=ws)
        assert code == 0, err


def full_matrix_wanted(request, fixture: str) -> bool:
    """Whether a selected test that uses ``fixture`` is marked slow (then: all 32 PDFs)."""
    return any(item.get_closest_marker("slow") and fixture in getattr(item, "fixturenames", ())
               for item in request.session.items)


@pytest.fixture(scope="session")
def dist(request, tmp_path_factory) -> Path:
    """The fixture workspace's PDFs: ``DEFAULT``, or all of ``MATRIX`` for slow tests."""
    base = tmp_path_factory.mktemp("dist-ws")
    ws = make_workspace(base)
    out = tmp_path_factory.mktemp("dist")
    build_pdfs(ws, out, MATRIX if full_matrix_wanted(request, "dist") else DEFAULT)
    return out


SHAPES = ("garden", "notice")
"""tests/fixtures/shapes: five sections with a nine-term glossary; one page, no glossary."""


@pytest.fixture(scope="session")
def shapes_dist(request, tmp_path_factory) -> Path:
    """tests/fixtures/shapes built in both variants, without a clinic profile (``dist/``) and
    with ``harbor`` (``dist/harbor/``): letter paper, or both papers for slow tests."""
    ws = make_workspace(tmp_path_factory.mktemp("shapes-ws"), "shapes")
    papers = "letter,a4" if full_matrix_wanted(request, "shapes_dist") else "letter"
    for extra in ((), ("--site", "sites/harbor.yaml")):
        code, _, err = run_cli("--root", str(ws), "build", "--quiet", "--paper", papers,
                               *extra, cwd=ws)
        assert code == 0, err
    return ws / "dist"


def shape_pdfs(shapes_dist: Path) -> list[Path]:
    """Every PDF of the shapes build (with and without the clinic profile)."""
    return sorted(shapes_dist.rglob("*.pdf"))


def built(dist: Path) -> list[tuple[str, str, str]]:
    """The (lang, variant, paper) of every PDF in dist, in matrix order."""
    return [c for c in MATRIX if pdf(dist, *c).is_file()]


def pdf(dist: Path, lang="en", variant="standard", paper="letter") -> Path:
    return dist / f"{SHEET}.{lang}.{variant}.{paper}.pdf"


@pytest.fixture
def repo_copy(tmp_path) -> Path:
    """A scratch copy of the fixture workspace to break on purpose."""
    return make_workspace(tmp_path)


# -- the web edition and the print shelf (tests/test_web.py, tests/test_browser.py) ------------

WEB_LANGS = ("en", "es", "zh-Hans")


@pytest.fixture(scope="session")
def web_dist(tmp_path_factory) -> Path:
    """tests/fixtures/web built: every language and variant on letter, as PDF and web page
    (Chinese as a draft, into drafts/), and the standard variant in English and Spanish for
    the clinic ``riverside`` and the hostile profile ``hostile``."""
    ws = make_workspace(tmp_path_factory.mktemp("web-ws"), "web")
    out = ws / "dist"
    for extra in (("--draft",), ("--site", "all", "--lang", "en,es", "--variant", "standard")):
        code, _, err = run_cli("--root", str(ws), "build", "--quiet", *extra, cwd=ws)
        assert code == 0, err
    return out


@pytest.fixture(scope="session")
def library_web(tmp_path_factory) -> Path:
    """tests/fixtures/library's web pages (a table, a numbered list, a note, a cross-reference)."""
    ws = make_workspace(tmp_path_factory.mktemp("lib-ws"), "library")
    code, _, err = run_cli("--root", str(ws), "build", "--quiet", "--formats", "html",
                           "--lang", "en", cwd=ws)
    assert code == 0, err
    return ws / "dist"
