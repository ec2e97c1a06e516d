"""Command-line values (issue 22): language tags in any case and matched by CLDR's likely
subtags (never a silent duplicate catalog), papers and variants in any case, --jobs at least 1,
and every option and argument with help text and its allowed values."""

from __future__ import annotations

import argparse

import pytest
from conftest import SHEET, make_workspace, run_cli

from factsheet_pdf.cli import _parser

ONE = ("--variant", "standard", "--paper", "letter", "--out", "dist", "-q")


@pytest.mark.parametrize("given,meant", [("zh", "zh-Hans"), ("pt", "pt-BR"),
                                         ("zh-CN", "zh-Hans"), ("ZH", "zh-Hans")])
def test_likely_subtags_suggest_the_shipped_tag(tmp_path, given, meant):
    ws = make_workspace(tmp_path)
    code, _, err = run_cli("build", "--lang", given, *ONE, cwd=ws)
    assert code == 2 and f"did you mean {meant}?" in err, err
    code, _, err = run_cli("check", "--lang", given, cwd=ws)
    assert code == 2 and f"did you mean {meant}?" in err, err
    assert not (ws / "dist").exists()


def test_tags_in_any_case_are_the_same_language(tmp_path):
    ws = make_workspace(tmp_path)
    code, _, err = run_cli("build", "--lang", "PT-br,EN", *ONE, cwd=ws)
    assert code == 0, err
    names = sorted(p.name for p in (ws / "dist").glob("*.pdf"))
    assert names == [f"{SHEET}.en.standard.letter.pdf", f"{SHEET}.pt-BR.standard.letter.pdf"]


def test_a_tag_cldr_knows_only_with_its_script(tmp_path):
    ws = make_workspace(tmp_path)
    code, _, err = run_cli("build", "--lang", "zh-TW", *ONE, cwd=ws)
    assert code == 2 and "write zh-Hant-TW" in err and "Traceback" not in err


def test_settings_language_suggestion_is_located(tmp_path):
    ws = make_workspace(tmp_path)
    (ws / "factsheet.toml").write_text('languages = ["en", "zh"]\n', encoding="utf-8")
    code, _, err = run_cli("build", *ONE, cwd=ws)
    assert code == 1 and "factsheet.toml:1:20: error: language 'zh' is not in this " \
                         "workspace: did you mean zh-Hans?" in err, err


@pytest.mark.parametrize("given,meant", [("zh", "zh-Hans"), ("pt", "pt-BR"),
                                         ("zh-hans-cn", "zh-Hans"), ("en-US", "en")])
def test_i18n_init_never_duplicates_a_language(tmp_path, given, meant):
    ws = make_workspace(tmp_path)
    before = sorted(p.name for p in (ws / "locales").iterdir())
    code, _, err = run_cli("i18n", "init", given, cwd=ws)
    assert code == 2 and f"use {meant}" in err, err
    assert sorted(p.name for p in (ws / "locales").iterdir()) == before


def test_i18n_init_of_another_script_is_a_new_language(tmp_path):
    ws = make_workspace(tmp_path)
    code, out, err = run_cli("i18n", "init", "ZH-hant", cwd=ws)
    assert code == 0, err
    assert (ws / "locales" / "zh_Hant" / "LC_MESSAGES" / f"{SHEET}.po").is_file()


def test_papers_and_variants_in_any_case(tmp_path):
    ws = make_workspace(tmp_path)
    code, _, err = run_cli("build", "--lang", "en", "--variant", "STANDARD", "--paper",
                           "A4", "--out", "dist", "-q", cwd=ws)
    assert code == 0, err
    assert (ws / "dist" / f"{SHEET}.en.standard.a4.pdf").is_file()
    code, _, err = run_cli("show", SHEET, "--variant", "Large-Print", cwd=ws)
    assert code == 0, err


@pytest.mark.parametrize("jobs,message", [("0", "must be at least 1, not 0"),
                                          ("-2", "must be at least 1, not -2"),
                                          ("two", "must be a whole number, not 'two'")])
def test_jobs_at_least_one(tmp_path, jobs, message):
    ws = make_workspace(tmp_path)
    code, _, err = run_cli("build", "--jobs", jobs, *ONE, cwd=ws)
    assert code == 2 and f"argument --jobs: {message}" in err, err
    assert not (ws / "dist").exists()


def _actions(parser: argparse.ArgumentParser, path: str = "factsheet"):
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _actions(sub, f"{path} {name}")
        elif not isinstance(action, argparse._HelpAction):
            yield path, action


def test_every_option_and_argument_has_help_and_its_values():
    seen = 0
    for path, action in _actions(_parser()):
        name = "/".join(action.option_strings) or action.dest
        assert action.help != argparse.SUPPRESS, (path, name)  # every option is listed
        assert action.help and action.help.strip(), f"{path} {name}: no help"
        takes_value = action.nargs != 0 and not isinstance(
            action, (argparse._StoreTrueAction, argparse._StoreFalseAction))
        if takes_value:
            assert action.metavar or action.choices, f"{path} {name}: no metavar or choices"
        seen += 1
    assert seen > 30
    for option in ("--variant", "--paper"):
        build = next(a for p, a in _actions(_parser())
                     if p == "factsheet build" and option in a.option_strings)
        assert "|" in build.metavar and "all" in build.metavar
