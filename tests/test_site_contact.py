"""The contact block description and its shared strings (the common domain: site.*, day.*)."""

from __future__ import annotations

import subprocess
from collections import Counter

import pytest
from babel import Locale
from babel.dates import get_day_names

from factsheet_pdf import fonts, shared
from factsheet_pdf.languages import LANGUAGES, catalog_folder
from factsheet_pdf.markup import Span, plain
from factsheet_pdf.site.contact import STRINGS, contact_block
from factsheet_pdf.site.hours import DAY_ABBR_EN, day_msgctxt, format_hours, has_own_day_names
from factsheet_pdf.site.profile import load_site
from factsheet_pdf.site.strings import package_translator, placeholders

from conftest import WORKSPACE

TARGETS = [tag for tag in LANGUAGES if tag != "en"]


def every_glyph(ch: str) -> bool:
    return True


@pytest.fixture(scope="module")
def riverside():
    return load_site(WORKSPACE / "sites" / "riverside.yaml")


def test_english_block(riverside):
    b = contact_block(riverside, "en", package_translator("en"), every_glyph)
    assert b.heading == "Your clinic"
    roles = [line.role for line in b.lines]
    assert roles == ["call", "address-label", "address", "address", "address", "hours-label",
                     "hours", "hours", "web", "email"]  # en is spoken there: no interpreter line
    call = b.lines[0]
    (number,) = riverside.phones
    assert call.text == f"Call {riverside.name} at {number.shown}."
    (phone,) = [s for s in call.spans if s.href]
    assert plain(phone.children) == number.shown and phone.href == "tel:+1-617-555-0142"
    links = {s.href for line in b.lines for s in line.spans if s.href}
    assert links == {"tel:+1-617-555-0142", riverside.url, f"mailto:{riverside.email}"}
    assert [line.text for line in b.lines if line.role == "address"] == list(riverside.address)
    assert b.qr == (riverside.url, f"QR code: opens {riverside.url}")
    assert b.logo == (riverside.logo, riverside.logo_alt_in("en"))
    assert riverside.logo_alt_in("en") == "Riverside Community Health Center logo"
    hours = format_hours(riverside.hours, "en", "US", package_translator("en"), every_glyph)
    assert [line.text for line in b.lines if line.role == "hours"] == hours


@pytest.mark.parametrize("lang", TARGETS)
def test_translated_block(riverside, lang):
    translate = package_translator(lang)
    b = contact_block(riverside, lang, translate, every_glyph, national=[Span("text", "AIDSinfo")])
    assert b.heading == translate("site.heading", "")
    shown = riverside.phones[0].shown
    assert riverside.name in b.lines[0].text and shown in b.lines[0].text
    english = STRINGS["site.call"].format(name=riverside.name, phone=shown)
    assert b.lines[0].text != english
    interpreter = [line.text for line in b.lines if line.role == "interpreter"]
    if lang in ("es", "vi"):  # spoken at the clinic (languages: en, es, vi)
        assert interpreter == []
    else:
        assert interpreter == [translate("site.interpreter", "")]
    assert b.lines[-1].role == "also" and b.lines[-1].text == "AIDSinfo"
    assert b.qr and riverside.url in b.qr[1] and b.qr[1] != f"QR code: opens {riverside.url}"
    # the logo's alternative text: the shared string in this language, with the clinic's name
    assert b.logo is not None and b.logo[1] == translate("site.logo-alt", "").replace(
        "{name}", riverside.name)
    assert riverside.name in b.logo[1] and b.logo[1] != riverside.logo_alt_in("en")


def test_optional_parts(tmp_path):
    p = tmp_path / "s.yaml"
    p.write_text("id: s\nname: S\nphone: 206-555-0100\nregion: US\nlanguages: [pt]\n")
    profile = load_site(p)
    b = contact_block(profile, "pt-BR", package_translator("pt-BR"), every_glyph,
                      national=[Span("text", "AIDSinfo")])
    assert [line.role for line in b.lines] == ["call"]  # pt covers pt-BR; also: no
    assert b.qr is None and b.logo is None
    ru = contact_block(profile, "ru", package_translator("ru"), every_glyph)
    assert [line.role for line in ru.lines] == ["call", "interpreter"]


def test_broken_translation_keeps_the_phone(riverside):
    def translate(msgctxt, english):
        return "Appelez {nom}." if msgctxt == "site.call" else english

    b = contact_block(riverside, "fr", translate, every_glyph)
    assert b.lines[0].text == f"Call {riverside.name} at {riverside.phones[0].shown}."


def test_data_is_never_markup(tmp_path):
    p = tmp_path / "s.yaml"
    p.write_text('id: s\nname: "**A** <b>&</b> [B](x) {phone}"\nphone: 206-555-0100\nregion: US\n')
    b = contact_block(load_site(p), "en", package_translator("en"), every_glyph)
    assert b.lines[0].spans[1] == Span("text", "**A** <b>&</b> [B](x) {phone}")


@pytest.mark.parametrize("lang, joined", [
    ("en", "(206) 555-0199 or (206) 555-0100"),
    ("es", "(206) 555-0199 o (206) 555-0100"),
    ("ht", "(206) 555-0199, (206) 555-0100"),  # CLDR's list words for ht are French: none
    ("zh-Hans", "(206) 555-0199或(206) 555-0100"),
])
def test_two_numbers_are_two_links_joined_as_alternatives(tmp_path, lang, joined):
    p = tmp_path / "s.yaml"
    p.write_text('id: s\nname: S\nphone: ["206 555 0199", "206.555.0100"]\nregion: US\n')
    b = contact_block(load_site(p), lang, package_translator(lang), every_glyph)
    assert joined in b.lines[0].text
    hrefs = [s.href for s in b.lines[0].spans if s.href]
    assert hrefs == ["tel:+1-206-555-0199", "tel:+1-206-555-0100"]


def test_logo_alt_per_language(tmp_path):
    from PIL import Image

    Image.new("RGB", (40, 20), "teal").save(tmp_path / "logo.png")
    p = tmp_path / "s.yaml"
    p.write_text('id: s\nname: Harbor\nphone: 206-555-0100\nlogo: logo.png\n'
                 'logo_alt: {en: A blue harbor, ES: Un puerto azul}\n')
    profile = load_site(p)
    alt = {lang: contact_block(profile, lang, package_translator(lang), every_glyph).logo[1]
           for lang in ("en", "es", "fr")}
    assert alt == {"en": "A blue harbor", "es": "Un puerto azul", "fr": "Logo de Harbor"}
    p.write_text('id: s\nname: Harbor\nphone: 206-555-0100\nlogo: logo.png\n')
    profile = load_site(p)
    assert contact_block(profile, "en", package_translator("en"), every_glyph).logo[1] == \
        "Logo of Harbor"


# --- the strings in the common domain ---------------------------------------------------------

SITE_IDS = [*STRINGS, *(day_msgctxt(i) for i in range(7))]


def test_common_domain_has_the_strings():
    units = {u.id: u for u in shared.source_units()}
    assert {k: units[k].text for k in STRINGS} == STRINGS
    assert [units[day_msgctxt(i)].text for i in range(7)] == list(DAY_ABBR_EN)
    for k in SITE_IDS:
        assert units[k].comment.strip(), k


@pytest.mark.parametrize("lang", TARGETS)
def test_every_language_translates_them(lang):
    translate = package_translator(lang)
    for k in SITE_IDS:
        english = shared.unit(k).text
        text = translate(k, "")
        assert text.strip(), (lang, k)
        assert Counter(placeholders(text)) == Counter(placeholders(english)), (lang, k)


@pytest.mark.parametrize("lang", TARGETS)
def test_day_names_match_cldr(lang):
    """Where CLDR has the language's own day names, the catalog's are the same."""
    locale = Locale.parse(lang, sep="-")
    translate = package_translator(lang)
    ours = [translate(day_msgctxt(i), DAY_ABBR_EN[i]) for i in range(7)]
    if has_own_day_names(locale):
        cldr = get_day_names("abbreviated", context="stand-alone", locale=locale)
        assert ours == [cldr[i] for i in range(7)]
    else:
        french = set(get_day_names("abbreviated", context="stand-alone", locale="fr").values())
        assert not french & set(ours) and len(set(ours)) == 7


@pytest.mark.parametrize("lang", TARGETS)
def test_strings_drawable_by_the_language_fonts(lang):
    translate = package_translator(lang)
    text = "".join(translate(k, "") for k in SITE_IDS)
    from factsheet_pdf.languages import chain_for

    for variant in ("standard", "large-print"):  # the font chain: own script, then Latin
        _, chain = chain_for(lang, variant, text)
        assert chain.undrawable(text) == [], (lang, variant)


def test_msgfmt_checks_the_placeholders(tmp_path):
    """msgfmt --check compares python-brace-format placeholders: the shipped catalogs pass, and
    a dropped {phone} fails."""
    for lang in TARGETS:
        path = shared.package_catalog(catalog_folder(lang))
        subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], check=True,
                       capture_output=True)
    good = path.read_text(encoding="utf-8")
    call = package_translator(lang)("site.call", "")
    line = 'msgstr "' + call.replace('"', '\\"') + '"'
    assert line in good
    broken = tmp_path / "broken.po"
    broken.write_text(good.replace(line, line.replace("{phone}", "")), encoding="utf-8")
    r = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(broken)], capture_output=True,
                       check=False)
    assert r.returncode != 0
