"""The contact block description and its shared strings (data/site-strings.yaml)."""

from __future__ import annotations

import subprocess
from collections import Counter
from pathlib import Path

import pytest
from babel import Locale
from babel.dates import get_day_names

from factsheet_pdf import fonts
from factsheet_pdf.languages import LANGUAGES
from factsheet_pdf.site.contact import STRINGS, Span, contact_block
from factsheet_pdf.site.hours import DAY_ABBR_EN, day_msgctxt, format_hours, has_own_day_names
from factsheet_pdf.site.profile import load_site
from factsheet_pdf.site.strings import fragment, fragment_translator, placeholders

ROOT = Path(__file__).resolve().parents[1]
TARGETS = [tag for tag in LANGUAGES if tag != "en"]


def every_glyph(ch: str) -> bool:
    return True


@pytest.fixture(scope="module")
def riverside():
    return load_site(ROOT / "sites" / "riverside.yaml")


def test_english_block(riverside):
    b = contact_block(riverside, "en", fragment_translator("en"), every_glyph)
    assert b.heading == "Your clinic"
    roles = [line.role for line in b.lines]
    assert roles == ["call", "address-label", "address", "address", "address", "hours-label",
                     "hours", "hours", "web", "email"]  # en is spoken there: no interpreter line
    call = b.lines[0]
    assert call.text == f"Call {riverside.name} at {riverside.phone}."
    (phone,) = [s for s in call.spans if s.href]
    assert phone.text == riverside.phone and phone.href == riverside.tel_uri() == "tel:6175550142"
    links = {s.href for line in b.lines for s in line.spans if s.href}
    assert links == {"tel:6175550142", riverside.url, f"mailto:{riverside.email}"}
    assert [line.text for line in b.lines if line.role == "address"] == list(riverside.address)
    assert b.qr == (riverside.url, f"QR code: opens {riverside.url}")
    assert b.logo == (riverside.logo, riverside.logo_alt)
    hours = format_hours(riverside.hours, "en", "US", fragment_translator("en"), every_glyph)
    assert [line.text for line in b.lines if line.role == "hours"] == hours


@pytest.mark.parametrize("lang", TARGETS)
def test_translated_block(riverside, lang):
    translate = fragment_translator(lang)
    b = contact_block(riverside, lang, translate, every_glyph, national=[Span("AIDSinfo")])
    assert b.heading == translate("site.heading", "")
    assert riverside.name in b.lines[0].text and riverside.phone in b.lines[0].text
    english = STRINGS["site.call"].format(name=riverside.name, phone=riverside.phone)
    assert b.lines[0].text != english
    interpreter = [line.text for line in b.lines if line.role == "interpreter"]
    if lang in ("es", "vi"):  # spoken at the clinic (languages: en, es, vi)
        assert interpreter == []
    else:
        assert interpreter == [translate("site.interpreter", "")]
    assert b.lines[-1].role == "also" and b.lines[-1].text == "AIDSinfo"
    assert b.qr and riverside.url in b.qr[1] and b.qr[1] != f"QR code: opens {riverside.url}"


def test_optional_parts(tmp_path):
    p = tmp_path / "s.yaml"
    p.write_text("id: s\nname: S\nphone: 555-0100\nregion: US\nlanguages: [pt]\n")
    profile = load_site(p)
    b = contact_block(profile, "pt-BR", fragment_translator("pt-BR"), every_glyph,
                      national=[Span("AIDSinfo")])
    assert [line.role for line in b.lines] == ["call"]  # pt covers pt-BR; also: no
    assert b.qr is None and b.logo is None
    ru = contact_block(profile, "ru", fragment_translator("ru"), every_glyph)
    assert [line.role for line in ru.lines] == ["call", "interpreter"]


def test_broken_translation_keeps_the_phone(riverside):
    def translate(msgctxt, english):
        return "Appelez {nom}." if msgctxt == "site.call" else english

    b = contact_block(riverside, "fr", translate, every_glyph)
    assert b.lines[0].text == f"Call {riverside.name} at {riverside.phone}."


def test_data_is_never_markup(tmp_path):
    p = tmp_path / "s.yaml"
    p.write_text('id: s\nname: "**A** <b>&</b> [B](x) {phone}"\nphone: 555-0100\nregion: US\n')
    b = contact_block(load_site(p), "en", fragment_translator("en"), every_glyph)
    assert b.lines[0].spans[1] == Span("**A** <b>&</b> [B](x) {phone}", data=True)


# --- the strings fragment ---------------------------------------------------------------------

def test_fragment_shape():
    entries = fragment()
    assert 8 <= len([e for e in entries if e["id"].startswith("site.")]) <= 12
    ids = [e["id"] for e in entries]
    assert len(ids) == len(set(ids))
    for e in entries:
        assert set(e) == {"id", "text", "comment", "translations"}, e["id"]
        assert set(e["translations"]) == set(TARGETS), e["id"]
        assert e["comment"].strip()
        for lang, text in e["translations"].items():
            assert text.strip()
            assert text != e["text"] or (lang, text) == ("pt-BR", "E-mail: {email}")
            assert Counter(placeholders(text)) == Counter(placeholders(e["text"])), (e["id"], lang)


def test_fragment_matches_the_code():
    texts = {e["id"]: e["text"] for e in fragment()}
    assert {k: v for k, v in texts.items() if k.startswith("site.")} == STRINGS
    assert [texts[day_msgctxt(i)] for i in range(7)] == list(DAY_ABBR_EN)


@pytest.mark.parametrize("lang", TARGETS)
def test_fragment_day_names_match_cldr(lang):
    """Where CLDR has the language's own day names, the catalog's are the same."""
    locale = Locale.parse(lang, sep="-")
    translate = fragment_translator(lang)
    ours = [translate(day_msgctxt(i), DAY_ABBR_EN[i]) for i in range(7)]
    if has_own_day_names(locale):
        cldr = get_day_names("abbreviated", context="stand-alone", locale=locale)
        assert ours == [cldr[i] for i in range(7)]
    else:
        french = set(get_day_names("abbreviated", context="stand-alone", locale="fr").values())
        assert not french & set(ours) and len(set(ours)) == 7


@pytest.mark.parametrize("lang", TARGETS)
def test_fragment_drawable_by_the_language_fonts(lang):
    text = "".join(e["translations"][lang] for e in fragment())
    language = LANGUAGES[lang]
    for family in {language.standard_font, language.large_font}:
        assert fonts.missing_glyphs(text, family, ("regular", "bold")) == [], (lang, family)


def test_fragment_passes_msgfmt(tmp_path):
    """Each language as a PO file: msgfmt --check compares the python-brace-format placeholders."""

    def q(s: str) -> str:
        return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'

    for lang in TARGETS:
        po = ['msgid ""', 'msgstr ""', '"Content-Type: text/plain; charset=UTF-8\\n"', ""]
        for e in fragment():
            if placeholders(e["text"]):
                po.append("#, python-brace-format")
            po += [f"msgctxt {q(e['id'])}", f"msgid {q(e['text'])}",
                   f"msgstr {q(e['translations'][lang])}", ""]
        path = tmp_path / f"{lang}.po"
        path.write_text("\n".join(po), encoding="utf-8")
        subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], check=True,
                       capture_output=True)
    # and it can fail: a dropped placeholder
    good = path.read_text(encoding="utf-8")
    call = fragment_translator(lang)("site.call", "")
    assert f"msgstr {q(call)}" in good
    path.write_text(good.replace(f"msgstr {q(call)}", f"msgstr {q(call.replace('{phone}', ''))}"),
                    encoding="utf-8")
    r = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True)
    assert r.returncode != 0
