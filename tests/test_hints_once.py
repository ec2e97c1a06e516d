"""A hint is printed once per run, not after every error (issue 22); weekday names are needed
in a catalog only where a clinic's opening hours are printed in that language."""

from __future__ import annotations

import polib
from conftest import make_workspace, run_cli

from factsheet_pdf.errors import Diagnostic, Report
from factsheet_pdf.model import SourceLoc

ONE = ("--variant", "standard", "--paper", "letter", "--out", "dist", "-q")


def test_report_prints_each_hint_once(capsys):
    import sys

    r = Report()
    for line in (1, 2, 3):
        r(Diagnostic(SourceLoc("a.po", line), "missing", hint="use --draft"), sys.stderr)
    r(Diagnostic(SourceLoc("a.po", 4), "other", hint="another hint"), sys.stderr)
    err = capsys.readouterr().err
    assert err.count("hint: use --draft") == 1 and err.count("hint: another hint") == 1
    assert err.count(": error: ") == 4


def test_strict_build_of_a_new_language_hints_once(tmp_path):
    ws = make_workspace(tmp_path)
    code, _, err = run_cli("i18n", "init", "de", cwd=ws)
    assert code == 0, err
    code, _, err = run_cli("build", "--lang", "de", *ONE, cwd=ws)
    assert code == 1 and err.count(": error: missing translation") > 20
    assert err.count("hint: use --draft to build anyway") == 1, err
    code, _, err = run_cli("build", "--lang", "de", *ONE, cwd=ws)  # a new run: hinted again
    assert err.count("hint: use --draft to build anyway") == 1


def _translate_all_but_days(ws, tag: str) -> None:
    for po_path in (ws / "locales" / tag / "LC_MESSAGES").glob("*.po"):
        po = polib.pofile(str(po_path))
        for e in po:
            if not e.msgctxt.startswith("day."):
                e.msgstr = e.msgid
            if "fuzzy" in e.flags:
                e.flags.remove("fuzzy")
        po.save(str(po_path))


def test_weekday_names_only_where_hours_are_printed(tmp_path):
    """nb: CLDR's Norwegian Bokmål day names are inherited (no), so a clinic's hours use the
    catalog's day.* strings; without a clinic, or with one without hours, they are not needed."""
    ws = make_workspace(tmp_path)
    code, _, err = run_cli("i18n", "init", "nb", cwd=ws)
    assert code == 0, err
    _translate_all_but_days(ws, "nb")
    code, _, err = run_cli("build", "--lang", "nb", *ONE, cwd=ws)
    assert code == 0, err
    site = ws / "sites" / "riverside.yaml"
    text = site.read_text(encoding="utf-8")
    site.write_text(text[:text.index("hours:")] + text[text.index("languages:"):],
                    encoding="utf-8")
    code, _, err = run_cli("build", "--lang", "nb", "--site", "sites/riverside.yaml", *ONE,
                           cwd=ws)
    assert code == 0, err
    site.write_text(text, encoding="utf-8")
    code, _, err = run_cli("build", "--lang", "nb", "--site", "sites/riverside.yaml", *ONE,
                           cwd=ws)
    assert code == 1 and "missing translation for 'day.mon.abbr'" in err, err
