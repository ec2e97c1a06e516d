"""One located-node validator (factsheet_pdf.nodes) for content, site profiles and settings."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from factsheet_pdf import load, nodes
from factsheet_pdf.errors import FactsheetError
from factsheet_pdf.site import profile
from factsheet_pdf.workspace import read_settings

ROOT = Path(__file__).resolve().parent.parent


def test_content_and_site_profiles_share_the_reader():
    assert issubclass(load._Reader, nodes.NodeReader)
    assert profile.NodeReader is nodes.NodeReader


def _problems(tmp_path, name: str, text: str, reader) -> list[str]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FactsheetError) as e:
        reader(str(path))
    return [d.message for d in e.value.diagnostics]


def test_one_wording_for_content_and_site_profiles(tmp_path):
    content = _problems(tmp_path, "c.yaml", "sheet: x\nlang: en\nsections: [a]\ntitel: y\n",
                        load.load_sheet)
    site = _problems(tmp_path, "s.yaml", "id: x\nname: y\nphone: '+1 555 0100'\nregion: US\n"
                     "hours: 3\nnmae: z\n", profile.load_site)
    assert "unknown key 'titel' in fact sheet (did you mean 'title'?)" in content
    assert "fact sheet is missing the required key 'title'" in content
    assert "section must be a mapping of keys to values" in content
    assert "unknown key 'nmae' in site profile (did you mean 'name'?)" in site
    assert "hours must be a list of {days, open, close} entries" in site


def test_reader_messages():
    r = nodes.NodeReader("f.yaml")
    root = yaml.compose("a: 1\nb: [x]\nb: 2\n? [k]\n: v\nc:\n")
    m = r.mapping(root, "thing", ("a",), ("b", "c"))
    assert set(m) == {"a", "b", "c"}
    assert r.sequence(m["b"], "b") == m["b"].value
    assert r.text(m["c"], "c") is None
    assert r.sequence(m["a"], "a", "names") == []
    assert [str(d) for d in r.diags] == [
        "f.yaml:3:1: error: duplicate key 'b' in thing",
        "f.yaml:4:3: error: keys in thing must be plain names",
        "f.yaml:6:3: error: c must be text",
        "f.yaml:1:4: error: a must be a list of names",
    ]
    assert nodes.unknown("setting", "paper", ("papers", "out")) == (
        "unknown setting 'paper' (did you mean 'papers'?)", "settings: papers, out")


# -- settings keep their line numbers --------------------------------------------------------

SETTINGS = 'languages = "all"\nvariants = "all"\npapers = [\n  "a4",\n  "letter",\n]\nout = "d"\n'


@pytest.mark.parametrize("old, new, where, message", [
    ('out = "d"', 'otu = "d"', "7:1", "unknown setting 'otu' (did you mean 'out'?)"),
    ('out = "d"', "out = 3", "7:7", "out must be text"),
    ('out = "d"', 'out = " "', "7:7", "out is empty"),
    ('"all"\nvariants', '3\nvariants', "1:13", 'languages must be a list of names, or "all"'),
    ('"letter"', '"legal"', "5:3", "unknown paper 'legal'"),
    ('variants = "all"', 'variants = ["standard", "huge"]', "2:25", "unknown variant 'huge'"),
    ('variants = "all"', '"variants" = "standard,hug"', "2:24", "unknown variant 'hug'"),
    ('out = "d"', '[output]\nx = 1', "7:2", "unknown setting 'output' (did you mean 'out'?)"),
    ('out = "d"', '[out]\nx = 1', "7:2", "out must be text"),
    ('out = "d"', 'source_language = "fr"', "7:19",
     "only English ('en') source content is supported yet"),
])
def test_every_settings_error_has_its_line(tmp_path, old, new, where, message):
    path = tmp_path / "factsheet.toml"
    path.write_text(SETTINGS.replace(old, new), encoding="utf-8")
    with pytest.raises(FactsheetError) as e:
        read_settings(path)
    d = e.value.diagnostics[0]
    assert (str(d.loc), d.message) == (f"{path}:{where}", message)


def test_settings_know_where_their_values_are(tmp_path):
    path = tmp_path / "factsheet.toml"
    path.write_text('languages = ["en",\n  "xx"]\npapers = "a4"\n', encoding="utf-8")
    st = read_settings(path)
    assert str(st.loc("languages", "xx")) == f"{path}:2:3"
    assert str(st.loc("papers")) == f"{path}:3:10"
    assert st.papers == ("a4",)
