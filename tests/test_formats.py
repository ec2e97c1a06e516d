"""Formats: ``--formats`` and the ``formats`` setting, and the manifest's schema 2 (a
``format`` per entry; schema 1 still read)."""

from __future__ import annotations

import json

import pytest
from conftest import make_workspace, run_cli

from factsheet_pdf import manifest as mf
from factsheet_pdf.formats import format_of, output_name
from factsheet_pdf.workspace import read_settings


def test_output_names():
    assert output_name("tf", "es", "standard", "a4") == "tf.es.standard.a4.pdf"
    assert output_name("tf", "es", "standard", fmt="html") == "tf.es.html"
    assert output_name("tf", "zh-Hans", "large-print", fmt="html") == "tf.zh-Hans.large-print.html"
    assert format_of("x/tf.es.html") == "html" and format_of("tf.es.standard.a4.pdf") == "pdf"
    assert output_name("tf", "es", "braille", fmt="braille") == "braille/tf.es.brf"
    assert format_of("riverside/braille/tf.es.brf") == "braille"


def test_formats_setting(tmp_path):
    toml = tmp_path / "factsheet.toml"
    toml.write_text('formats = ["pdf"]\n')
    assert read_settings(toml).formats == ("pdf",)
    toml.write_text('formats = "all"\n')
    assert read_settings(toml).formats == "all"
    toml.write_text("")
    assert read_settings(toml).formats == ("pdf", "html")


def test_an_unknown_format_in_the_settings_is_located(tmp_path):
    ws = make_workspace(tmp_path)
    (ws / "factsheet.toml").write_text('out = "dist"\nformats = ["pdf", "epub"]\n')
    code, _, err = run_cli("build", cwd=ws)
    assert code == 1
    assert err.strip() == ("factsheet.toml:2:19: error: unknown format 'epub'\n"
                           '  hint: formats: pdf, html, braille, or "all"'), err


def test_an_unknown_format_on_the_command_line_is_a_usage_error(tmp_path, capsys):
    ws = make_workspace(tmp_path)
    code, _, err = run_cli("build", "--formats", "pdf,epub", cwd=ws)  # argparse's message
    assert code == 2
    assert "unknown format 'epub' (choose from: pdf, html, braille, or all)" in err
    assert "Traceback" not in err


def test_manifest_schema_2_and_format_field():
    entries = {"a.en.standard.letter.pdf": {"path": "a.en.standard.letter.pdf"},
               "a.en.html": {"path": "a.en.html", "format": "html"}}
    doc = json.loads(mf.dump(entries))
    assert doc["schema"] == 2 and "version" not in doc
    assert [(e["path"], e["format"]) for e in doc["outputs"]] == [
        ("a.en.html", "html"), ("a.en.standard.letter.pdf", "pdf")]
    assert list(doc["outputs"][0]) == list(mf.FIELDS)


def test_schema_1_manifest_is_read():
    old = {"version": 1, "outputs": [{"path": "a.en.standard.letter.pdf", "sheet": "a",
                                      "lang": "en", "variant": "standard", "paper": "letter",
                                      "pages": 2, "bytes": 10, "sha256": "0" * 64}]}
    entries = mf.parse(json.dumps(old).encode())
    e = entries["a.en.standard.letter.pdf"]
    assert e["format"] == "pdf" and e["pages"] == 2 and e["sheet"] == "a"


@pytest.mark.parametrize("doc", [{"schema": 3, "outputs": []}, {"version": 2, "outputs": []}])
def test_unknown_schema_is_damaged(doc):
    with pytest.raises(mf.DamagedManifest):
        mf.parse(json.dumps(doc).encode())
