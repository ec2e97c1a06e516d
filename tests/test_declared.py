"""Languages a workspace declares in factsheet.toml (``[language.TAG]``): a tag CLDR does not
know (S'gaw Karen ``ksw``) becomes a language like any other, a declaration overrides CLDR's
data (Green Hmong in Latin letters, whose CLDR name is in Nyiakeng Puachue Hmong script, which
no shipped font draws), and every fault in a declaration is located (issue 18)."""

from __future__ import annotations

import pikepdf
import pytest
from conftest import make_workspace, run_cli, tool

ONE = ("--variant", "standard", "--paper", "letter", "--formats", "pdf", "--out", "dist",
       "--draft", "-q")

KSW = """
[language.ksw]
name = "ကညီကျိာ်"
english = "S'gaw Karen"
script = "Mymr"
plural_forms = "nplurals=1; plural=0;"
"""

HNJ = """
[language.hnj-Latn]
name = "Hmoob Ntsuab"
english = "Green Hmong"
script = "Latn"
"""


def declare(ws, text: str) -> None:
    path = ws / "factsheet.toml"
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_undeclared_tag_hints_at_declaring(tmp_path):
    ws = make_workspace(tmp_path)
    code, _, err = run_cli("i18n", "init", "ksw", cwd=ws)
    assert code == 2 and "unknown language 'ksw'" in err, err  # a command-line value
    assert "[language.TAG]" in err


def test_declared_language_initialises_and_builds(tmp_path):
    ws = make_workspace(tmp_path)
    declare(ws, KSW)
    code, _, err = run_cli("i18n", "init", "ksw", cwd=ws)
    assert code == 0, err
    header = (ws / "locales/ksw/LC_MESSAGES/common.po").read_text(encoding="utf-8")
    assert '"Language: ksw\\n"' in header
    assert '"Plural-Forms: nplurals=1; plural=0;\\n"' in header
    assert "S'gaw Karen" in header
    tool("msgfmt", "--check", "-o", "/dev/null", str(ws / "locales/ksw/LC_MESSAGES/common.po"))

    code, _, err = run_cli("build", "--lang", "ksw", *ONE, cwd=ws)
    assert code == 0, err
    (pdf,) = (ws / "dist").rglob("*.ksw.standard.letter.pdf")
    text = tool("pdftotext", str(pdf), "-")
    assert "ကညီကျိာ် · S'gaw Karen" in text  # the page marks, in the Myanmar font
    with pikepdf.open(pdf) as doc:
        assert str(doc.Root.Lang) == "ksw"
    fonts = tool("pdffonts", str(pdf))
    assert "Myanmar" in fonts, fonts


def test_declaration_overrides_cldr_name_no_font_draws(tmp_path):
    ws = make_workspace(tmp_path)
    assert run_cli("i18n", "init", "hnj-Latn", cwd=ws)[0] == 0
    code, _, err = run_cli("build", "--lang", "hnj-Latn", *ONE, cwd=ws)
    assert code == 1 and "no font draws Nyiakeng Puachue Hmong characters" in err, err
    assert "declare it in factsheet.toml: [language.hnj-Latn]" in err

    declare(ws, HNJ)
    code, _, err = run_cli("build", "--lang", "hnj-Latn", *ONE, cwd=ws)
    assert code == 0, err
    (pdf,) = (ws / "dist").rglob("*.hnj-Latn.standard.letter.pdf")
    assert "Hmoob Ntsuab · Green Hmong" in tool("pdftotext", str(pdf), "-")


@pytest.mark.parametrize("table,where,message", [
    ('[language."k s w"]\nname = "x"\nenglish = "x"\nscript = "Latn"\n', "2:1",
     "language 'k s w' is not a BCP 47 tag"),
    ('[language.ksw]\nname = "x"\nenglish = "x"\nscript = "Latn"\ncolour = "red"\n', "6:10",
     "language.ksw: unknown key 'colour'"),
    ('[language.ksw]\nenglish = "x"\nscript = "Latn"\n', "2:1",
     "language.ksw: name is missing"),
    ('[language.ksw]\nname = ""\nenglish = "x"\nscript = "Latn"\n', "3:8",
     "language.ksw: name must be a non-empty text"),
    ('[language.ksw]\nname = "x"\nenglish = "x"\nscript = "Karen"\n', "5:10",
     "language.ksw: unknown script 'Karen'"),
    ('[language.ksw]\nname = "x"\nenglish = "x"\nscript = "Mymr"\ndirection = "up"\n',
     "6:13", "language.ksw: direction must be ltr or rtl"),
    ('[language.ksw]\nname = "x"\nenglish = "x"\nscript = "Mymr"\nplural_forms = "one"\n',
     "6:16", "language.ksw: plural_forms is not a gettext Plural-Forms value"),
    ('language = "ksw"\n', "2:1", "unknown setting 'language' (did you mean 'languages'?)"),
])
def test_bad_declaration_is_located(tmp_path, table, where, message):
    ws = make_workspace(tmp_path)
    (ws / "factsheet.toml").write_text(f"# settings\n{table}", encoding="utf-8")
    for argv in (("check", "--lang", "en"), ("build", "--lang", "en", *ONE)):
        code, _, err = run_cli(*argv, cwd=ws)
        assert code == 1 and "Traceback" not in err, err
        assert f"factsheet.toml:{where}: error: {message}" in err, err
    assert not (ws / "dist").exists()
