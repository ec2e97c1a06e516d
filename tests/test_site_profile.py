"""Site profiles: the shipped sample, a minimal and a full profile load; every family of bad
input gives one error located at the site file's line and column."""

from __future__ import annotations

import datetime
import os
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image

from factsheet_pdf.errors import FactsheetError
from factsheet_pdf.site.profile import load_site

from conftest import WORKSPACE


MINIMAL = """\
id: minimal
name: Minimal Clinic
phone: (206) 555-0100
region: US
"""

FULL = """\
id: full-clinic-2
name: "Full Service Clinic"
phone: +1 (617) 555-0142
region: US
url: https://full.example/care
email: desk@full.example
address: |
  Full Service Clinic
  1 Main  Street
  Boston, MA 02101
hours:
  - {days: mon-fri, open: "08:30", close: "17:00"}
  - {days: "sat,sun", open: "09:00", close: "12:30"}
  - days: mon,wed,fri
    open: 8:00
    close: "20:15"
languages: [en, es, zh-Hans]
logo: logo.png
logo_alt: Full Service Clinic logo
also: no
"""


def write(tmp_path: Path, text: str, name: str = "site.yaml") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def png(path: Path, size=(40, 20)) -> Path:
    Image.new("RGB", size, "teal").save(path)
    return path


def where(text: str, needle: str) -> tuple[int, int]:
    """1-based line and column of the first occurrence of ``needle`` in ``text``."""
    i = text.index(needle)
    return text.count("\n", 0, i) + 1, i - (text.rfind("\n", 0, i) + 1) + 1


def one_error(path: Path) -> tuple[int, int | None, str]:
    with pytest.raises(FactsheetError) as e:
        load_site(path)
    (d,) = e.value.diagnostics
    assert d.loc is not None and d.loc.path == str(path)
    assert str(d).startswith(f"{path}:{d.loc.line}")
    return d.loc.line, d.loc.column, d.message


def test_sample_profile_loads():
    p = load_site(WORKSPACE / "sites" / "riverside.yaml")
    assert p.id == "riverside" and p.region == "US"
    assert "555" in p.phones[0].shown and p.url and p.url.startswith("https://") and ".example" in p.url
    assert p.logo is not None and p.logo.is_file() and p.logo_alt_in("en")
    assert len(p.address) == 3 and len(p.hours) == 2 and p.also is True


def test_minimal(tmp_path):
    p = load_site(write(tmp_path, MINIMAL))
    assert (p.id, p.name, p.region) == ("minimal", "Minimal Clinic", "US")
    assert [(n.written, n.shown, n.tel) for n in p.phones] == [
        ("(206) 555-0100", "(206) 555-0100", "tel:+1-206-555-0100")]
    assert p.url is None and p.address == () and p.hours == () and p.logo is None
    assert p.also is False and p.fingerprint.startswith("sha256:")


def test_full(tmp_path):
    png(tmp_path / "logo.png", (40, 20))
    p = load_site(write(tmp_path, FULL))
    assert p.id == "full-clinic-2"
    assert p.address == ("Full Service Clinic", "1 Main Street", "Boston, MA 02101")
    assert [h.days for h in p.hours] == [((0, 4),), ((5, 5), (6, 6)), ((0, 0), (2, 2), (4, 4))]
    assert p.hours[0].open == datetime.time(8, 30) and p.hours[2].open == datetime.time(8, 0)
    assert p.languages == ("en", "es", "zh-Hans")
    assert p.logo == tmp_path / "logo.png" and p.logo_px == (40, 20)
    assert [n.tel for n in p.phones] == ["tel:+1-617-555-0142"]
    assert p.loc("email").line == where(FULL, "desk@")[0]


def test_fingerprint_covers_profile_and_logo(tmp_path):
    png(tmp_path / "logo.png", (40, 20))
    site = write(tmp_path, FULL)
    first = load_site(site).fingerprint
    assert load_site(site).fingerprint == first
    png(tmp_path / "logo.png", (41, 20))
    assert load_site(site).fingerprint != first
    png(tmp_path / "logo.png", (40, 20))
    site.write_text(FULL + "\n# comment\n")
    assert load_site(site).fingerprint != first


@pytest.mark.parametrize("phone,extra,shown,uri", [
    ("1-800-HIV-0440", "vanity: yes\n", "1-800-HIV-0440", "tel:+1-800-448-0440"),
    ("1-800-hiv-0440", "vanity: yes\n", "1-800-hiv-0440", "tel:+1-800-448-0440"),
    ("+1 (617) 555-0142", "", "(617) 555-0142", "tel:+1-617-555-0142"),
    ("+33 1.23.45.67.89", "", "+33 1 23 45 67 89", "tel:+33-1-23-45-67-89"),
    ("01 23 45 67 89", "region: FR\n", "01 23 45 67 89", "tel:+33-1-23-45-67-89"),
    ("206-555-0199 ext. 12", "", "(206) 555-0199 ext. 12", "tel:+1-206-555-0199;ext=12"),
    ("206.555.0199 x12", "", "(206) 555-0199 ext. 12", "tel:+1-206-555-0199;ext=12"),
])
def test_phone_as_printed_and_dialled(tmp_path, phone, extra, shown, uri):
    text = MINIMAL.replace("(206) 555-0100", f'"{phone}"')
    if "region" in extra:
        text = text.replace("region: US\n", "")
    p = load_site(write(tmp_path, text + extra))
    assert [(n.shown, n.tel) for n in p.phones] == [(shown, uri)]


def test_region_defaults_to_the_workspace_s(tmp_path):
    text = MINIMAL.replace("(206) 555-0100", '"01 23 45 67 89"').replace("region: US\n", "")
    p = load_site(write(tmp_path, text), default_region="FR")
    assert p.region == "FR" and p.phones[0].tel == "tel:+33-1-23-45-67-89"
    line, col, msg = one_error(write(tmp_path, text))  # US by default: not a US number
    assert "'01 23 45 67 89'" in msg and (line, col) == where(text, '"01')


def test_two_numbers_are_a_list(tmp_path):
    text = MINIMAL.replace("(206) 555-0100", '["206 555 0199", "206.555.0100"]')
    p = load_site(write(tmp_path, text))
    assert [n.tel for n in p.phones] == ["tel:+1-206-555-0199", "tel:+1-206-555-0100"]


# (old text in FULL, new text, needle locating the error in the new file, message part)
BAD = [
    ("phone: +1 (617) 555-0142\n", "", "id:", "missing the required key 'phone'"),
    ("phone: +1 (617) 555-0142", 'phone: "206.555.0199 or 206.555.0100"', '"206.555',
     "holds 2 phone numbers"),
    ("phone: +1 (617) 555-0142", "phone: 555-01", "555-01", "'555-01' has too few digits"),
    ("phone: +1 (617) 555-0142", "phone: 555-0142", "555-0142", "local number"),
    ("phone: +1 (617) 555-0142", "phone: 999-555-0142", "999-555", "not a valid number"),
    ("phone: +1 (617) 555-0142", "phone: 1-800-FLOWERS", "FLOWERS", "contains letters"),
    ("phone: +1 (617) 555-0142", "phone: 206-555-01AB", "AB", "contains letters"),
    ("phone: +1 (617) 555-0142", "phone: [206 555 0199, 555-01]", "555-01", "too few digits"),
    ("phone: +1 (617) 555-0142", "phone: []", "[]", "phone must be a list"),
    ("also: no", "aslo: no", "aslo", "unknown key 'aslo' in site profile (did you mean 'also'?)"),
    ("logo: logo.png", "logo: nologo.png", "nologo.png", "No such file"),
    ("logo: logo.png", "logo: notes.png", "notes.png", "not a PNG or JPEG"),
    ("phone: +1 (617) 555-0142", "phone: +1 (617) 555-0142 *12", "*12", "contains '*'"),
    ("phone: +1 (617) 555-0142", "phone: +1 (617) 555_0142", "_0142", "contains '_'"),
    ("id: full-clinic-2", "id: ../evil", "../evil", "not a plain slug"),
    ("id: full-clinic-2", "id: -dash", "-dash", "not a plain slug"),
    ("id: full-clinic-2", "id: Big", "Big", "not a plain slug"),
    ("id: full-clinic-2", "id: all", "all", "not a plain slug"),  # --site all
    ("id: full-clinic-2", "id: a.b", "a.b", "not a plain slug"),
    ("url: https://full.example/care", "url: ftp://full.example/care", "ftp:", "http(s)://"),
    ("url: https://full.example/care", "url: javascript:alert(1)", "javascript", "http(s)://"),
    ("email: desk@full.example", "email: desk@full.example: x", ": x", "invalid YAML"),
    ("region: US", "region: XX", "XX", "not an ISO 3166 country code"),
    ("region: US", "region: Us", "Us", "(did you mean 'US'?)"),
    ('close: "17:00"', 'close: "07:00"', '"07:00"', "close (07:00) must be after open (08:30)"),
    ('open: "08:30"', 'open: "25:30"', '"25:30"', "24-hour time"),
    ("days: mon-fri", "days: mon-fir", "mon-fir", "unknown day 'fir' (did you mean 'fri'?)"),
    ("days: mon-fri", "days: fri-mon", "fri-mon", "must run from Monday"),
    ("languages: [en, es, zh-Hans]", "languages: [en, xx-Fake]", "xx-Fake", "not a BCP 47 tag"),
    ("logo_alt: Full Service Clinic logo", "logo_alt: {en: A, xx-Fake: B}", "xx-Fake",
     "not a BCP 47 language tag"),
    ("also: no", "also: maybe", "maybe", "yes or no"),
    ("days: mon-fri,", "days: mon,wed,", "wed", "day 'wed' was read as a key"),
    ("email: desk@full.example", "email: desk", "desk", "not an e-mail address"),
    # an escape is at its own column (issue 22: it was the scalar's start)
    ('name: "Full Service Clinic"', 'name: "Full \\u202eService Clinic"', '\\u202e',
     "U+202E RIGHT-TO-LEFT OVERRIDE"),
    ('name: "Full Service Clinic"', 'name: "Full \\x07Service"', '\\x07', "U+0007 ALERT"),
]


@pytest.mark.parametrize("old,new,needle,message", BAD, ids=lambda v: str(v)[:24])
def test_bad_profile(tmp_path, old, new, needle, message):
    png(tmp_path / "logo.png")
    (tmp_path / "notes.png").write_text("not an image at all\n")
    assert old in FULL
    text = FULL.replace(old, new, 1)
    line, col, msg = one_error(write(tmp_path, text))
    assert message in msg
    assert (line, col) == where(text, needle), msg


def test_raw_control_character_is_located(tmp_path):
    text = MINIMAL.replace("Minimal Clinic", "Minimal\x07Clinic")
    line, col, msg = one_error(write(tmp_path, text))
    assert (line, col) == where(text, "\x07") and "U+0007" in msg


def test_not_utf8_is_located(tmp_path):
    p = tmp_path / "site.yaml"
    p.write_bytes(MINIMAL.replace("Minimal Clinic", "Clinique \xe9t\xe9").encode("latin-1"))
    line, col, msg = one_error(p)
    assert line == 2 and col == 16 and "UTF-8" in msg


def test_all_problems_are_collected(tmp_path):
    text = MINIMAL.replace("555-0100", "555*0100").replace("id: minimal", "id: a/b")
    text += "colour: red\n"
    with pytest.raises(FactsheetError) as e:
        load_site(write(tmp_path, text))
    assert len(e.value.diagnostics) == 3


@pytest.mark.parametrize("size,message", [((4001, 10), "4001 x 10 pixels"),
                                          ((10, 4500), "10 x 4500")])
def test_logo_too_many_pixels(tmp_path, size, message):
    # A PNG header claiming the size is enough: the loader must not decode the image.
    ihdr = struct.pack(">IIBBBBB", *size, 8, 0, 0, 0, 0)
    chunk = b"IHDR" + ihdr
    data = b"\x89PNG\r\n\x1a\n" + struct.pack(">I", len(ihdr)) + chunk
    data += struct.pack(">I", zlib.crc32(chunk)) + b"\0" * 16
    (tmp_path / "logo.png").write_bytes(data)
    line, col, msg = one_error(write(tmp_path, FULL))
    assert message in msg and (line, col) == where(FULL, "logo.png")


def test_logo_huge_jpeg_by_pixels(tmp_path):
    Image.new("L", (4100, 8)).save(tmp_path / "logo.png", "JPEG")  # JPEG under a .png name
    line, col, msg = one_error(write(tmp_path, FULL))
    assert "4100 x 8 pixels" in msg and (line, col) == where(FULL, "logo.png")


def test_logo_over_2mb(tmp_path):
    with open(tmp_path / "logo.png", "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.truncate(2 * 1024 * 1024 + 1)
    line, col, msg = one_error(write(tmp_path, FULL))
    assert "limit is 2 MB" in msg and (line, col) == where(FULL, "logo.png")


def test_jpeg_logo_loads(tmp_path):
    Image.new("RGB", (64, 32), "navy").save(tmp_path / "logo.jpg", "JPEG")
    p = load_site(write(tmp_path, FULL.replace("logo.png", "logo.jpg")))
    assert p.logo_px == (64, 32)


def test_logo_is_a_directory(tmp_path):
    (tmp_path / "logo.png").mkdir()
    line, col, msg = one_error(write(tmp_path, FULL))
    assert "not a regular file" in msg


POSIX_ONLY = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")


@POSIX_ONLY
def test_profile_fifo_does_not_hang(tmp_path):
    fifo = tmp_path / "site.yaml"
    os.mkfifo(fifo)
    with pytest.raises(FactsheetError) as e:
        load_site(fifo)
    assert "not a regular file" in str(e.value)


@POSIX_ONLY
def test_logo_fifo_does_not_hang(tmp_path):
    os.mkfifo(tmp_path / "logo.png")
    line, col, msg = one_error(write(tmp_path, FULL))
    assert "not a regular file" in msg


def test_missing_and_empty_file(tmp_path):
    with pytest.raises(FactsheetError, match="cannot read site profile"):
        load_site(tmp_path / "none.yaml")
    with pytest.raises(FactsheetError, match="empty"):
        load_site(write(tmp_path, "# nothing\n"))
    with pytest.raises(FactsheetError, match="not a regular file"):
        load_site(tmp_path)
    line, col, msg = one_error(write(tmp_path, "- a list\n"))
    assert "must be a mapping" in msg


def test_names_are_plain_text(tmp_path):
    text = MINIMAL.replace("Minimal Clinic", '"**Dr. <b>Smith</b>** & [Sons](x)"')
    assert load_site(write(tmp_path, text)).name == "**Dr. <b>Smith</b>** & [Sons](x)"
