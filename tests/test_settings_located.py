"""Every problem with factsheet.toml is reported at its line and column (issue 22), by build
and by check alike."""

from __future__ import annotations

import pytest
from conftest import make_workspace, run_cli

ONE = ("--lang", "en", "--variant", "standard", "--paper", "letter", "--out", "dist", "-q")


@pytest.mark.parametrize("setting,where,message", [
    ('papers = ["legal"]', "2:11", "unknown paper 'legal'"),
    ('papers = ["a4", "legal"]', "2:17", "unknown paper 'legal'"),
    ('variants = "standard,big"', "2:22", "unknown variant 'big'"),
    ("papers = []", "2:10", "papers must be a non-empty list"),
    ("languages = []", "2:13", "languages must be a non-empty list"),
    ("out = 3", "2:7", "out must be text"),
    ('region = "us"', "2:10", "region 'us' is not an ISO 3166 country code (did you mean 'US'?)"),
    ('site = "sites/none.yaml"', "2:8", "site profile 'sites/none.yaml' cannot be read"),
    ('site = "sites"', "2:8", "site profile 'sites' is not a regular file"),
    ('paper = "a4"', "2:1", "unknown setting 'paper' (did you mean 'papers'?)"),
])
@pytest.mark.parametrize("command", ["build", "check"])
def test_settings_problem_is_located(tmp_path, setting, where, message, command):
    ws = make_workspace(tmp_path)
    (ws / "factsheet.toml").write_text(f"# settings\n{setting}\n", encoding="utf-8")
    argv = ("build", *ONE) if command == "build" else ("check", "--lang", "en")
    code, _, err = run_cli(*argv, cwd=ws)
    assert code == 1 and "Traceback" not in err
    assert f"factsheet.toml:{where}: error: {message}" in err, err


def test_unknown_language_in_settings_is_located_by_check(tmp_path):
    ws = make_workspace(tmp_path)
    (ws / "factsheet.toml").write_text('languages = ["en", "xx"]\n', encoding="utf-8")
    code, _, err = run_cli("check", cwd=ws)
    assert code == 1 and "factsheet.toml:1:20: error: unknown language 'xx'" in err, err
