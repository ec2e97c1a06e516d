"""factsheet site check: validation and glyph coverage, located at the profile's keys."""

from __future__ import annotations

import io

from factsheet_pdf.site.check import check_site, run_check

from conftest import WORKSPACE

SAMPLE = WORKSPACE / "sites" / "riverside.yaml"
MINIMAL = "id: m\nname: {name}\nphone: 206-555-0100\nregion: US\n"


def test_sample_is_clean():
    assert check_site(SAMPLE) == []
    out, err = io.StringIO(), io.StringIO()
    assert run_check([str(SAMPLE)], out, err) == 0 and "valid" in out.getvalue()


def test_han_name_is_drawn_by_the_font_chain(tmp_path):
    """A clinic name in Chinese characters on any sheet: the font chain draws it (wqy-microhei),
    so site check has nothing to say (it used to vanish from the PDF)."""
    p = tmp_path / "s.yaml"
    p.write_text(MINIMAL.format(name="診所 Clinic"), encoding="utf-8")
    assert check_site(p) == []


def test_character_missing_everywhere(tmp_path):
    p = tmp_path / "s.yaml"
    p.write_text(MINIMAL.format(name="Snow \U0001F9A0 Clinic"), encoding="utf-8")
    d = check_site(p)[0]
    # at the character's own column, named (issue 22: it was the scalar's start, unnamed)
    assert str(d).startswith(f"{p}:2:12: error: name: U+1F9A0 MICROBE ('\U0001F9A0') is not "
                             "in the fonts")
    assert "fonts/ folder" in d.hint
    out, err = io.StringIO(), io.StringIO()
    assert run_check([str(p)], out, err) == 1 and str(p) + ":2:12" in err.getvalue()


def test_invalid_profile_and_skipped_fonts(tmp_path):
    p = tmp_path / "s.yaml"
    p.write_text(MINIMAL.format(name="X").replace("region: US", "region: USA"))
    (d,) = check_site(p)
    assert d.loc.line == 4 and "ISO 3166" in d.message
    (note,) = check_site(SAMPLE, fonts_for=None)
    assert note.severity == "note" and "not checked" in note.message
