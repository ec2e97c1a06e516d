"""The package type-checks: mypy (pinned in the test extras) with the project's configuration,
``[tool.mypy]`` in pyproject.toml (strict for the compose stage and the model), reports nothing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_mypy_is_clean():
    pytest.importorskip("mypy")
    config = ROOT / "pyproject.toml"
    if not config.is_file():
        pytest.skip("no pyproject.toml: not run from the repository")
    proc = subprocess.run([sys.executable, "-m", "mypy", "--config-file", str(config)],
                          cwd=ROOT, capture_output=True, text=True, timeout=900)
    output = proc.stdout + proc.stderr
    print(output)
    assert proc.returncode == 0, f"mypy failed (exit {proc.returncode}):\n{output}"
