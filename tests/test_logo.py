"""A clinic's logo is decoded in full when its profile is read (issue 22): a damaged image is an
error at the profile's ``logo:`` line in ``site check`` and before any build, and nothing of a
library's internals (object representations) ever reaches the user."""

from __future__ import annotations

import io
import re

import pytest
from conftest import make_workspace, run_cli
from PIL import Image

from factsheet_pdf.build import drawing_problem
from factsheet_pdf.site.profile import load_site


def logo_line(ws) -> tuple[int, int]:
    text = (ws / "sites" / "riverside.yaml").read_text(encoding="utf-8")
    i = text.index("riverside-logo.png")
    return text.count("\n", 0, i) + 1, i - text.rfind("\n", 0, i)


def scrambled(data: bytes) -> bytes:
    """The header kept, the compressed pixels garbled (a bad copy, a disk error)."""
    return data[:60] + bytes(b ^ 0x5A for b in data[60:-20]) + data[-20:]


def jpeg(size=(64, 32)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, "navy").save(buf, "JPEG")
    return buf.getvalue()


@pytest.mark.parametrize("damage", ["scrambled", "truncated", "jpeg-truncated"])
def test_damaged_logo_is_located_in_site_check_and_build(tmp_path, damage):
    ws = make_workspace(tmp_path)
    logo = ws / "sites" / "riverside-logo.png"
    data = logo.read_bytes()
    logo.write_bytes({"scrambled": scrambled(data), "truncated": data[:len(data) // 2],
                      "jpeg-truncated": jpeg()[:400]}[damage])
    line, col = logo_line(ws)
    for argv in (("site", "check", "sites/riverside.yaml"),
                 ("build", "--site", "sites/riverside.yaml", "--lang", "en", "--variant",
                  "standard", "--paper", "letter", "--out", "dist")):
        code, _, err = run_cli(*argv, cwd=ws)
        assert code == 1, err
        assert re.search(rf"^sites/riverside.yaml:{line}:{col}: error: logo "
                         r"'riverside-logo.png': (PNG|JPEG) image is damaged", err, re.M), err
        assert "0x" not in err and "Traceback" not in err and "ImageReader" not in err
    assert not list((ws / "dist").rglob("*.pdf"))


def test_good_logos_load(tmp_path):
    ws = make_workspace(tmp_path)
    assert load_site(ws / "sites" / "riverside.yaml").logo_px
    (ws / "sites" / "riverside-logo.png").write_bytes(jpeg())  # a JPEG under a .png name
    assert load_site(ws / "sites" / "riverside.yaml").logo_px == (64, 32)


def test_a_drawing_error_never_shows_an_object_repr(tmp_path):
    ws = make_workspace(tmp_path)
    site = load_site(ws / "sites" / "riverside.yaml")
    e = OSError("\nidentity=[ImageReader@0x7f115ee5c490] broken data stream when reading "
                "image file")
    d = drawing_problem(e, site, "en standard letter")
    assert "0x" not in str(d) and "identity" not in str(d)
    assert d.loc == site.loc("logo") and "broken data stream" in d.message
    d = drawing_problem(OSError("<foo.Bar object at 0xdeadbeef> went wrong"), None, "en")
    assert str(d) == "factsheet: error: en: cannot draw the PDF (went wrong)"
