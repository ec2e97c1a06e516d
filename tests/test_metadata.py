"""PDF metadata (issue 22): the Author is who publishes (the clinic, or the workspace's
``publisher``), never a label; the dates come from SOURCE_DATE_EPOCH, else from the sheet's
``revised:`` month and its catalogs' PO-Revision-Date, never a file's time; a new catalog has
gettext's placeholders for its translator and revision date."""

from __future__ import annotations

import calendar
import os
import subprocess
from pathlib import Path

import pikepdf
import pytest
from conftest import SHEET, make_workspace, run_cli

from factsheet_pdf.metadata import document_date, month_date, po_date

ONE = ("--variant", "standard", "--paper", "letter", "--out", "dist", "-q")


def utc(*ymdhms: int) -> int:
    return calendar.timegm((*ymdhms, *(0,) * (6 - len(ymdhms))))


def test_dates_from_their_sources():
    assert po_date("2025-03-14 09:30+0100") == utc(2025, 3, 14, 8, 30)
    assert po_date("2026-01-01 00:00+0000") == utc(2026, 1, 1)
    assert po_date("YEAR-MO-DA HO:MI+ZONE") is None and po_date(None) is None
    assert po_date("2025-02-30 00:00+0000") is None
    assert month_date("2025-03") == utc(2025, 3, 1) and month_date(None) is None
    assert document_date("2025-03", [utc(2024, 5, 1), None]) == utc(2025, 3, 1)
    assert document_date("2025-03", [utc(2026, 1, 1)]) == utc(2026, 1, 1)
    assert document_date(None, []) is None


def info(path: Path) -> dict[str, str]:
    with pikepdf.open(path) as pdf:
        meta = pdf.open_metadata()
        return {"author": str(pdf.docinfo.get("/Author", "")),
                "created": str(pdf.docinfo.get("/CreationDate", "")),
                "modified": str(pdf.docinfo.get("/ModDate", "")),
                "xmp": str(meta.get("xmp:CreateDate", ""))}


def out(ws: Path, lang: str, site: str = "") -> Path:
    return ws / "dist" / site / f"{SHEET}.{lang}.standard.letter.pdf"


@pytest.fixture
def ws(tmp_path) -> Path:
    ws = make_workspace(tmp_path)
    content = ws / "content" / f"{SHEET}.yaml"
    text = content.read_text(encoding="utf-8")
    content.write_text(text.replace("lang: en\n", 'lang: en\nrevised: "2025-03"\n', 1),
                       encoding="utf-8")
    po = ws / "locales" / "es" / "LC_MESSAGES" / f"{SHEET}.po"
    text = po.read_text(encoding="utf-8")
    assert "PO-Revision-Date: 2026-01-01 00:00+0000" in text
    po.write_text(text.replace("PO-Revision-Date: 2026-01-01 00:00+0000",
                               "PO-Revision-Date: 2026-02-14 09:30+0100"), encoding="utf-8")
    return ws


def test_dates_and_author_without_a_site(ws, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    os.utime(ws / "content" / f"{SHEET}.yaml", (2_000_000_000, 2_000_000_000))  # a file time
    code, _, err = run_cli("build", "--lang", "en,es", *ONE, cwd=ws)
    assert code == 0, err
    en, es = info(out(ws, "en")), info(out(ws, "es"))
    assert en["created"].startswith("D:20250301000000") and en["modified"] == en["created"]
    assert en["xmp"].startswith("2025-03-01T00:00:00")
    # the catalog's PO-Revision-Date (the package's common.po says 2026-01-01: earlier)
    assert es["created"].startswith("D:20260214083000"), es
    assert es["xmp"].startswith("2026-02-14T08:30:00")
    assert en["author"] == es["author"] == ""  # no clinic, no publisher: not the series label


def test_publisher_setting_and_site_name_are_the_author(ws):
    (ws / "factsheet.toml").write_text('publisher = "Example Health Network"\n',
                                       encoding="utf-8")
    code, _, err = run_cli("build", "--lang", "es", *ONE, cwd=ws)
    assert code == 0, err
    assert info(out(ws, "es"))["author"] == "Example Health Network"
    code, _, err = run_cli("build", "--lang", "es", "--site", "sites/riverside.yaml", *ONE,
                           cwd=ws)
    assert code == 0, err
    assert info(out(ws, "es", "riverside"))["author"] == "Riverside Community Health Center"


def test_source_date_epoch_wins_and_rebuilds(ws, monkeypatch):
    code, _, err = run_cli("build", "--lang", "en", *ONE, cwd=ws)
    assert code == 0, err
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(utc(2024, 7, 4, 12)))
    code, stdout, err = run_cli("build", "--lang", "en", "--variant", "standard", "--paper",
                                "letter", "--out", "dist", cwd=ws)
    assert code == 0 and "1 built" in stdout, stdout
    assert info(out(ws, "en"))["created"].startswith("D:20240704120000")


def test_new_catalog_has_gettext_placeholders(tmp_path):
    ws = make_workspace(tmp_path)
    code, _, err = run_cli("i18n", "init", "de", cwd=ws)
    assert code == 0, err
    for po in (ws / "locales" / "de" / "LC_MESSAGES").glob("*.po"):
        text = po.read_text(encoding="utf-8")
        assert '"PO-Revision-Date: YEAR-MO-DA HO:MI+ZONE\\n"' in text
        assert '"Last-Translator: FULL NAME <EMAIL@ADDRESS>\\n"' in text
        assert "invalid" not in text
        subprocess.run(["msgfmt", "--check", "-o", os.devnull, str(po)], check=True,
                       capture_output=True)
