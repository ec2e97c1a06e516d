"""Phone numbers (issue 22): read with libphonenumber for their region, refused with a located
error when they would dial something else, printed as the region writes them and linked as
global numbers (tel:+...) in every PDF."""

from __future__ import annotations

from pathlib import Path

import phonenumbers
import pikepdf
import pytest
from conftest import SHEET, make_workspace, run_cli

from factsheet_pdf.markup import check_address
from factsheet_pdf.phone import PhoneError, parse_phone


@pytest.mark.parametrize("written,region,vanity,shown,tel", [
    ("(617) 555-0142", "US", False, "(617) 555-0142", "tel:+1-617-555-0142"),
    ("617.555.0142", "US", False, "(617) 555-0142", "tel:+1-617-555-0142"),
    ("+1 617 555 0142", "US", False, "(617) 555-0142", "tel:+1-617-555-0142"),
    ("206-555-0199 ext. 12", "US", False, "(206) 555-0199 ext. 12", "tel:+1-206-555-0199;ext=12"),
    ("206 555 0199 x12", "US", False, "(206) 555-0199 ext. 12", "tel:+1-206-555-0199;ext=12"),
    ("206-555-0199 #12", "US", False, "(206) 555-0199 ext. 12", "tel:+1-206-555-0199;ext=12"),
    ("1-800-FLOWERS", "US", True, "1-800-FLOWERS", "tel:+1-800-356-9377"),
    ("01 23 45 67 89", "FR", False, "01 23 45 67 89", "tel:+33-1-23-45-67-89"),
    ("+33 1 23 45 67 89", "US", False, "+33 1 23 45 67 89", "tel:+33-1-23-45-67-89"),
])
def test_valid_numbers(written, region, vanity, shown, tel):
    p = parse_phone(written, region, vanity)
    assert (p.shown, p.tel) == (shown, tel)


@pytest.mark.parametrize("written,region,vanity,message,hint", [
    ("206.555.0199 or 206.555.0100", "US", False, "holds 2 phone numbers", "write a list"),
    ("206-555-0199, 206-555-0100", "US", False, "holds 2 phone numbers", "write a list"),
    ("555-01", "US", False, "too few digits", "(201) 555-0123"),
    ("555-0142", "US", False, "local number: add its area code", "as it is dialled"),
    ("999-555-0142", "US", False, "not a valid number", "region US"),
    ("1-800-FLOWERS", "US", False, "contains letters", "vanity: yes"),
    ("206-555-01AB", "US", False, "contains letters", "vanity: yes"),
    ("206-555-01AB", "US", True, "not a vanity number", None),
    ("206-555-0199 ext_12", "US", False, "contains '_'", None),
    ("1-800-448-0440", "FR", False, "too many digits for region FR", "01 23 45 67 89"),
])
def test_refused_numbers(written, region, vanity, message, hint):
    with pytest.raises(PhoneError) as e:
        parse_phone(written, region, vanity)
    assert message in e.value.message
    if hint:
        assert e.value.hint and hint in e.value.hint


def test_tel_links_in_content_must_be_global():
    assert check_address("tel:+1-206-555-0199") is None
    assert check_address("tel:+1-206-555-0199;ext=12") is None
    assert "global number" in check_address("tel:2065550199")
    assert "not a valid phone number" in check_address("tel:+1-999-555-0199")


# -- in a workspace -----------------------------------------------------------------------------

def _contact_phone(ws: Path, new: str) -> tuple[Path, int, int]:
    content = ws / "content" / f"{SHEET}.yaml"
    text = content.read_text(encoding="utf-8")
    old = "phone: 1-800-448-0440"
    assert old in text
    content.write_text(text.replace(old, f"phone: {new}"), encoding="utf-8")
    i = text.index(old) + len("phone: ")
    return content, text.count("\n", 0, i) + 1, i - text.rfind("\n", 0, i)


def test_sheet_phone_is_checked_for_the_workspace_region(tmp_path):
    ws = make_workspace(tmp_path)
    (ws / "factsheet.toml").write_text('languages = ["en"]\nregion = "FR"\n', encoding="utf-8")
    code, _, err = run_cli("check", cwd=ws)
    assert code == 1 and "Traceback" not in err
    line = next(n for n, t in enumerate(
        (ws / "content" / f"{SHEET}.yaml").read_text().splitlines(), 1) if "phone:" in t)
    assert f"content/{SHEET}.yaml:{line}:10: error: phone number '1-800-448-0440' has too " \
           "many digits for region FR (France)" in err, err


def test_sheet_phone_letters_need_vanity(tmp_path):
    ws = make_workspace(tmp_path)
    _, line, col = _contact_phone(ws, "1-800-HIV-0440")
    code, _, err = run_cli("check", "--lang", "en", cwd=ws)
    assert code == 1 and f"content/{SHEET}.yaml:{line}:{col + 6}: error: phone number " \
                         "'1-800-HIV-0440' contains letters" in err, err
    assert "hint: a vanity number" in err
    content = ws / "content" / f"{SHEET}.yaml"
    content.write_text(content.read_text().replace("HIV-0440", "HIV-0440\n  vanity: yes"))
    code, _, err = run_cli("check", "--lang", "en", cwd=ws)
    assert code == 0, err


def test_bad_sheet_phone_fails_its_outputs_located(tmp_path):
    ws = make_workspace(tmp_path)
    _, line, _ = _contact_phone(ws, "555-0142")
    code, out, err = run_cli("build", "--lang", "en", "--variant", "standard", "--paper",
                             "letter", "--out", "dist", cwd=ws)
    assert code == 1 and "Traceback" not in err
    assert f"content/{SHEET}.yaml:{line}:10: error: phone number '555-0142' is a local " \
           "number" in err, err
    assert err.count("is a local number") == 1
    assert "1 failed" in out
    assert not list((ws / "dist").glob("*.pdf"))


def test_bad_region_setting_is_located(tmp_path):
    ws = make_workspace(tmp_path)
    (ws / "factsheet.toml").write_text('languages = ["en"]\nregion = "USA"\n', encoding="utf-8")
    code, _, err = run_cli("check", cwd=ws)
    assert code == 1 and "factsheet.toml:2:10: error: region 'USA' is not an ISO 3166" in err


def test_site_without_region_takes_the_workspace_s(tmp_path):
    ws = make_workspace(tmp_path)
    (ws / "factsheet.toml").write_text('region = "FR"\n', encoding="utf-8")
    (ws / "sites" / "paris.yaml").write_text(
        "id: paris\nname: Clinique\nphone: 01 23 45 67 89\n", encoding="utf-8")
    code, out, err = run_cli("site", "check", "sites/paris.yaml", cwd=ws)
    assert code == 0, err


def tel_links(path: Path) -> list[str]:
    out = []
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            for a in page.get("/Annots", []):
                uri = str(a.get("/A", {}).get("/URI", ""))
                if uri.startswith("tel:"):
                    out.append(uri)
    return out


def test_every_tel_link_is_a_valid_global_number(tmp_path, dist):
    """The session's PDFs (the sheet's own number) and a clinic's (two numbers, one with an
    extension): every tel: annotation is +..., and valid for its region."""
    ws = make_workspace(tmp_path)
    site = ws / "sites" / "riverside.yaml"
    text = site.read_text(encoding="utf-8")
    site.write_text(text.replace("phone: (617) 555-0142",
                                 'phone: ["(617) 555-0142 ext. 12", "617.555.0100"]'),
                    encoding="utf-8")
    # a clinic of another region, and a vanity number
    (ws / "sites" / "paris.yaml").write_text(
        "id: paris\nname: Clinique\nregion: FR\nphone: [01 23 45 67 89, +1 206 555 0199]\n",
        encoding="utf-8")
    (ws / "sites" / "flowers.yaml").write_text(
        "id: flowers\nname: Flowers Clinic\nphone: 1-800-FLOWERS\nvanity: yes\n",
        encoding="utf-8")
    code, _, err = run_cli("build", "--site", "all", "--lang", "en,es",
                           "--variant", "standard", "--paper", "letter", "--out", "dist",
                           "--quiet", cwd=ws)
    assert code == 0, err
    pdfs = sorted(dist.glob("*.pdf")) + sorted((ws / "dist").rglob("*.pdf"))
    assert len(pdfs) > 6
    seen = set()
    for path in pdfs:
        for uri in tel_links(path):
            seen.add(uri)
            number = uri[len("tel:"):]
            assert number.startswith("+"), (path.name, uri)
            main, _, ext = number.partition(";ext=")
            n = phonenumbers.parse(main, None)
            region = phonenumbers.region_code_for_number(n)
            assert phonenumbers.is_valid_number_for_region(n, region), (path.name, uri)
            assert ext == "" or ext.isdigit()
    assert {"tel:+1-800-448-0440", "tel:+1-617-555-0142;ext=12", "tel:+1-617-555-0100",
            "tel:+33-1-23-45-67-89", "tel:+1-206-555-0199", "tel:+1-800-356-9377"} <= seen
