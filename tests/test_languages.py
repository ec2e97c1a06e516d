"""Languages are data: any tag CLDR knows resolves (names, plurals, script, direction,
hyphenation, font); scripts we cannot lay out are refused with one clear message."""

from __future__ import annotations

import dataclasses
import subprocess
import unicodedata

import pytest
from babel.core import get_global
from fontTools.ttLib import TTFont
from test_fonts import make_font

from factsheet_pdf import fonts
from factsheet_pdf.errors import FactsheetError
from factsheet_pdf.languages import (
    LANGUAGES, catalog_folder, check_language, check_text, font_for, font_warning, language,
    names, tag_for_folder,
)
from factsheet_pdf.shared import normalise

from conftest import WORKSPACE



@pytest.fixture
def workspace_fonts(tmp_path):
    """The process's font library with ``tmp_path/fonts`` as the workspace's folder."""
    (tmp_path / "fonts").mkdir()
    yield tmp_path / "fonts", fonts.configure(tmp_path / "fonts", display_root=tmp_path)
    fonts.configure()


def test_german_resolves_from_cldr():
    de = language("de")
    assert (de.tag, de.native, de.english) == ("de", "Deutsch", "German")
    assert de.plural_forms == "nplurals=2; plural=(n != 1);"
    assert (de.direction, de.script, de.cjk, de.hyphenation) == ("ltr", "Latn", False, "de_DE")
    assert de.folder == "de"
    text = "Überweisung zur Ärztin: Größe, Maß."
    assert font_for("de", "standard", text) == "noto-sans"
    assert font_for("de", "large-print", text) == "atkinson"


def test_plural_forms_and_direction_from_babel():
    assert language("ar").direction == "rtl" and language("ur").direction == "rtl"
    assert language("ar").plural_forms.startswith("nplurals=6;")
    assert language("ru").plural_forms.startswith("nplurals=3;")
    assert language("ko").plural_forms == "nplurals=1; plural=0;"
    assert language("sw").native == "Kiswahili" and language("fil").english == "Filipino"


# The shipped eight keep exactly what the hand-written table said.
SHIPPED = {
    "en": ("en_US", "noto-sans", "atkinson", False),
    "es": ("es", "noto-sans", "atkinson", False),
    "fr": ("fr", "noto-sans", "atkinson", False),
    "pt-BR": ("pt_BR", "noto-sans", "atkinson", False),
    "ht": (None, "noto-sans", "atkinson", False),
    "vi": (None, "noto-sans", "noto-sans", False),
    "ru": ("ru_RU", "noto-sans", "noto-sans", False),  # pyphen's ru is the ru_RU file
    "zh-Hans": (None, "wqy-microhei", "wqy-microhei", True),
}


@pytest.mark.parametrize("tag", list(SHIPPED))
def test_shipped_languages_unchanged(tag):
    lang = LANGUAGES[tag]
    assert (lang.hyphenation, lang.standard_font, lang.large_font, lang.cjk) == SHIPPED[tag]
    assert lang.direction == "ltr"
    assert set(LANGUAGES) == set(SHIPPED) | {"ar", "fa", "hi", "am", "my"}


def test_world_script_languages_ship():
    assert LANGUAGES["ar"].direction == LANGUAGES["fa"].direction == "rtl"
    assert font_for("ar", "standard", "مرحبا") == "noto-naskh-arabic"
    assert font_for("hi", "standard", "नमस्ते") == "noto-sans-devanagari"
    assert font_for("am", "standard", "ሰላም") == "noto-sans-ethiopic"
    assert font_for("my", "standard", "မင်္ဂလာပါ") == "noto-sans-myanmar"
    assert font_for("ja", "standard", "こんにちは") == "ipagothic"
    assert font_for("ko", "standard", "안녕하세요") == "nanum-gothic"


def test_pyphen_names_follow_cldr_likely_region():
    import pyphen

    assert pyphen.LANGUAGES["ru"] == pyphen.LANGUAGES["ru_RU"]
    assert language("en").hyphenation == "en_US"  # pyphen's bare en is British
    assert language("en-GB").hyphenation == "en_GB"
    assert language("sr-Latn").hyphenation == "sr_Latn"
    assert language("ja").hyphenation is None and language("ja").cjk


def test_korean_is_hangul_drawn_by_a_font_that_covers_it():
    ko = language("ko")
    assert ko.script == "Kore" and "Hang" in ko.scripts and not ko.cjk
    text = "치료 실패란 무엇입니까?"
    key = font_for("ko", "standard", text)
    face = fonts.library().family(key).regular
    cmap = TTFont(face.path, fontNumber=face.index)["cmap"].getBestCmap()
    assert all(ord(c) in cmap for c in text + ko.native if c not in " ?")


def test_script_no_font_draws_names_characters_and_fonts_folder():
    with pytest.raises(FactsheetError) as e:
        font_for("chr", "standard", "ᏣᎳᎩ")  # Cherokee: no shipped font
    msg = str(e.value)
    assert "no font draws Cherokee characters" in msg and "fonts/ folder" in msg
    warning = font_warning("chr")
    assert warning.severity == "warning" and "fonts/ folder" in warning.hint
    assert font_warning("de") is None and font_warning("am") is None


@pytest.mark.parametrize("tag", ["ar", "he", "hi", "th", "my", "km"])
def test_world_scripts_accepted_at_init(tag):
    assert check_language(tag).tag == tag


def test_text_in_any_script_accepted_whatever_the_tag():
    check_text("de", "Grüße, 中文, ሰላም, مرحبا")
    assert font_for("de", "standard", "Guten Tag مرحبا") == "noto-sans"  # Arabic: a fallback run


def test_i18n_init_accepts_arabic(repo_copy):
    from conftest import run_cli

    code, _, err = run_cli("i18n", "init", "ar", cwd=repo_copy)
    assert code == 0, err
    assert (repo_copy / "locales" / "ar").is_dir()


def test_tag_kept_as_given_and_folders_one_to_one():
    tl = language("tl")
    assert tl.tag == "tl" and tl.folder == "tl" and tl.native == "Filipino"
    assert catalog_folder("pt-BR") == "pt_BR" and catalog_folder("zh-Hans") == "zh_Hans"
    assert language("pt-br").tag == "pt-BR"  # only BCP 47 case conventions
    for tag in ("tl", "fil", "pt-BR", "zh-Hans", "zh-Hant-TW", "sr-Latn", "es-419", "en"):
        assert tag_for_folder(catalog_folder(tag)) == tag
        assert language(tag).tag == tag


@pytest.mark.parametrize("tag, script", [
    ("ko", "Kore"), ("am", "Ethi"), ("fil", "Latn"), ("sw", "Latn"), ("so", "Latn"),
    ("uk", "Cyrl"), ("el", "Grek"), ("hy", "Armn"), ("ka", "Geor"), ("ti", "Ethi"),
    ("ja", "Jpan"), ("zh-Hant", "Hant"), ("ps", "Arab"), ("ur", "Arab"), ("bn", "Beng"),
    ("my", "Mymr"), ("km", "Khmr"), ("pa-Arab", "Arab"), ("uz-Cyrl", "Cyrl"), ("haw", "Latn"),
])
def test_any_cldr_language_resolves(tag, script):
    lang = language(tag)
    likely = get_global("likely_subtags")[tag.split("-")[0]].split("_")[1]
    assert lang.tag == tag and lang.script == script
    assert lang.script == likely or "-" in tag
    assert lang.direction in ("ltr", "rtl") and lang.plural_forms.startswith("nplurals=")
    assert lang.native and lang.english


@pytest.mark.parametrize("tag", ["xx", "english", "pt_", "", "de--DE"])
def test_unknown_tag_is_a_clear_error(tag):
    with pytest.raises(FactsheetError) as e:
        language(tag)
    d = e.value.diagnostics[0]
    assert d.message.startswith(f"unknown language {tag!r}")
    assert "locale_identifiers" in d.hint


def test_unknown_english_name_suggests_tag():
    with pytest.raises(FactsheetError) as e:
        language("german")
    assert "did you mean 'de' (German)?" in e.value.diagnostics[0].hint


def test_names_from_cldr():
    assert names("es") == ("Español", "Spanish")
    assert names("pt-BR") == ("Português (Brasil)", "Portuguese (Brazil)")


def test_normalise_composes():
    decomposed = "Vie\u0323\u0302t Nam"
    assert len(normalise(decomposed)) == len("Việt Nam") and normalise(decomposed) == "Việt Nam"
    assert normalise("Việt") == "Việt"


def test_german_init_and_build_end_to_end(repo_copy):
    import pikepdf
    from conftest import run_cli, tool

    code, _, err = run_cli("i18n", "init", "de", cwd=repo_copy)
    assert code == 0, err
    po = (repo_copy / "locales/de/LC_MESSAGES/treatment-failure.po").read_text(encoding="utf-8")
    assert '"Language: de\\n"' in po and '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"' in po
    out = repo_copy / "dist"
    code, _, err = run_cli("build", "--lang", "de", "--draft", "--variant", "standard",
                           "--paper", "a4", "--out", str(out), cwd=repo_copy)
    assert code == 0, err
    path = out / "drafts" / "treatment-failure.de.standard.a4.pdf"  # draft: untranslated
    with pikepdf.open(path) as pdf:
        assert str(pdf.Root.Lang) == "de"
    assert "Deutsch" in tool("pdftotext", str(path), "-")
