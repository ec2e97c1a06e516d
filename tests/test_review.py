"""The 2026-11 translation review (issue 14), as it must stay in the catalogs.

Input: the seven ``locales/*/LC_MESSAGES/treatment-failure.po`` catalogs and the shared strings.
Checks: the three MAJOR ambiguities are gone (pt-BR ``failure.immunologic``, ht bare "rejim",
ht ``risks.poor-adherence``), every glossary term is used as the glossary spells it, each header
records the review round while keeping ``X-Review-Status: unreviewed``, and ``msgfmt --check``
accepts every catalog.
"""

from __future__ import annotations

import re
import subprocess

import pytest
from babel.messages.pofile import read_po
from conftest import ROOT

SHEET = "treatment-failure"
LANGS = ["es", "fr", "pt_BR", "ht", "vi", "ru", "zh_Hans"]


def po_path(lang: str):
    return ROOT / "locales" / lang / "LC_MESSAGES" / f"{SHEET}.po"


def messages(lang: str) -> dict:
    """msgctxt -> Message (Babel reads the PO; every unit has a msgctxt)."""
    with open(po_path(lang), "rb") as f:
        return {m.context: m for m in read_po(f) if m.id}


def header_fields(lang: str) -> list[tuple[str, str]]:
    """The header's fields in file order (our strict reader keeps them all, ``X-`` included)."""
    from factsheet_pdf.i18n import catalogs

    return list(catalogs.read(po_path(lang)).headers.items())


def flat(s: str) -> str:
    return re.sub(r"\s+", " ", s)


@pytest.mark.parametrize("lang", LANGS)
def test_msgfmt_check(lang):
    r = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(po_path(lang))],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr


@pytest.mark.parametrize("lang", LANGS)
def test_header_records_review_round_and_stays_unreviewed(lang):
    fields = header_fields(lang)
    names = [k for k, _ in fields]
    values = dict(fields)
    assert values.get("X-Review-Status") == "unreviewed"
    assert names.count("X-Review-Round") == 1
    assert names.index("X-Review-Round") == names.index("X-Review-Status") + 1
    rnd = values["X-Review-Round"]
    assert rnd.startswith("2026-11 ")
    assert "language model" in rnd and "not a qualified human translator" in rnd


def test_pt_br_immunologic_failure_keeps_both_criteria_unambiguous():
    s = flat(messages("pt_BR")["failure.immunologic"].string)
    # "não sobe ou cai" reads as "neither rises nor falls"
    assert not re.search(r"não sobe ou cai\b", s), s
    assert re.search(r"não sobe ou, então, cai\b", s), s


def test_pt_br_virologic_failure_same_fix():
    s = flat(messages("pt_BR")["failure.virologic"].string)
    assert "não cai ou volta" not in s
    assert "não cai ou, então, volta a subir" in s


def test_ht_regimen_is_never_bare_rejim():
    """In everyday Kreyòl "rejim" alone is a diet: always "rejim tretman"."""
    msgs = messages("ht")
    bare = {ctx: m.string for ctx, m in msgs.items()
            if re.search(r"\brejim\b(?! tretman\b)", flat(m.string), re.I)}
    assert not bare
    assert flat(msgs["fails.new-regimen"].string).count("rejim tretman") == 2
    assert flat(msgs["testing.adherence"].string).count("rejim tretman") == 3


def test_ht_poor_adherence_attaches_to_adherence():
    msgs = messages("ht")
    s = msgs["risks.poor-adherence"].string
    # "aderans nan tretman ki pa bon" read as "adherence to a treatment that is not good"
    assert "tretman ki pa bon" not in s
    assert s == "move aderans nan tretman"
    assert msgs["glossary.treatment-adherence.term"].string.lower() in s


def _term_pattern(term: str, lang: str) -> re.Pattern:
    """The glossary term as it must appear in the body; a parenthetical gloss after it is not
    repeated. Russian inflects: words of the term match by stem (case endings vary)."""
    term = re.sub(r"\s*[（(][^()（）]*[)）]\s*$", "", term).lower()
    if lang != "ru":
        return re.compile(re.escape(term))
    words = [re.escape(w[:-2] if len(w) > 4 else w) + r"\w*" for w in term.split()]
    return re.compile(r"\s+".join(words))


@pytest.mark.parametrize("lang", LANGS)
def test_glossary_terms_used_as_in_the_glossary(lang):
    msgs = messages(lang)
    missing = []
    for ctx, m in msgs.items():
        for ref in re.findall(r"\((glossary\.[a-z0-9-]+\.term)\)", " ".join(m.auto_comments)):
            if not _term_pattern(msgs[ref].string, lang).search(flat(m.string).lower()):
                missing.append((ctx, msgs[ref].string))
    assert not missing


def test_review_notice_says_computer_and_what_to_do_in_every_language():
    """The decision on the notice (review §3) lives in the shared strings: English in
    data/common.yaml, each language's in the package's common.po, none left untranslated."""
    from factsheet_pdf import shared
    from factsheet_pdf.i18n import catalogs

    text = shared.unit("label.review-notice").text
    assert "computer" in text and "doctor or nurse" in text and "not yet been checked" in text
    data = ROOT / "src" / "factsheet_pdf" / "data" / "locales"
    for lang in LANGS:
        po = catalogs.read(data / lang / "LC_MESSAGES" / "common.po")
        entry = next(e for e in po.live() if e.msgctxt == "label.review-notice")
        assert entry.msgid == text and entry.msgstr.strip() and not entry.fuzzy, lang
