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


def _tree(node):
    """A node tree as plain data: kind, tag, value, start and end (line, column)."""
    if node is None:
        return None
    where = (node.start_mark.line, node.start_mark.column, node.start_mark.pointer,
             node.end_mark.line, node.end_mark.column, node.end_mark.pointer,
             type(node.start_mark.buffer).__name__)
    if isinstance(node, yaml.ScalarNode):
        return ("scalar", node.tag, node.value, node.style or None, where)
    if isinstance(node, yaml.SequenceNode):
        return ("seq", node.tag, where, [_tree(n) for n in node.value])
    return ("map", node.tag, where, [(_tree(k), _tree(v)) for k, v in node.value])


TRICKY = [
    "title: Ünïcödé ✔ 河畔诊所 😀\nbody: |\n  two\n  lines\n",
    "a: 1\r\nb: [x, 'y', \"z\\t\"]\r\nc: {d: e}\r\n",
    "- id: x\n  text: >-\n    folded\n    text\n- &a {k: v}\n- *a\n",
    "name: \"Full \\x07Service \\u202e x\"\nb: 'it''s'\n",
    "title: \"ملف\u200f\" # comment\nn: ~\nflag: yes\n",
]


@pytest.mark.skipif(nodes._FAST is None, reason="PyYAML built without libyaml")
@pytest.mark.parametrize("text", [*TRICKY, *[p.read_text(encoding="utf-8") for p in
                                             sorted((ROOT / "tests" / "fixtures").rglob("*.yaml"))]])
def test_libyaml_and_pure_loader_give_the_same_located_tree(text):
    """Content is read by libyaml when present; every location we report comes from these
    marks, so both loaders must agree on every node's line and column."""
    pure = _tree(yaml.compose(text, Loader=yaml.SafeLoader))
    assert _tree(nodes.parse_nodes(text)) == pure


def test_a_yaml_error_is_located_by_the_pure_loader(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("title: x\nsections:\n  - heading: [a, b\n", encoding="utf-8")
    with pytest.raises(FactsheetError) as e:
        load.compose(str(path), "content file")
    (d,) = e.value.diagnostics
    assert d.loc.line == 3 and "flow sequence" in d.message, d


def test_a_recursive_alias_does_not_hang(tmp_path):
    root = nodes.parse_nodes("a: &r [1, *r]\n")
    assert root is not None and root.value[0][1].value[1] is root.value[0][1]
