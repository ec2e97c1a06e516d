"""A stale PDF never passes as current: inputs and PDFs are judged by their bytes.

Stat data (size, mtime and ctime in ns, inode, device) only let a build skip reading a file
whose record was taken, not racily, when its bytes were hashed (fingerprint.stat_key, racy).
Each input is changed in the ways file tools change files (same size with its mtime restored,
as ``cp -p``, ``rsync -t`` and ``tar x`` do; another size with the old mtime; a touch; a copy
with ``cp -p`` over it; v1 -> v2 -> v1), and exactly the affected PDFs must be rebuilt, with
the new text. Builds are small (``--lang en`` or ``en,es``, standard, letter: 2 PDFs).

The racy window is set to 0 here (``trusting`` fixture), so the records the first build takes
are trusted by the next one at once, and what is tested is the stat comparison itself, not
the racy rule's re-reading of files that were just written (the rule is tested on its own).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, SHEET, run_cli

from factsheet_pdf import fingerprint as fpr

EN = f"{SHEET}.en.standard.letter.pdf"
ES = f"{SHEET}.es.standard.letter.pdf"
OTHER = "second.en.standard.letter.pdf"
OLD_TITLE, NEW_TITLE = "text: HIV Treatment Failure}", "text: HIV Treatment Outcome}"
OLD_MSG, NEW_MSG = ('msgstr "Fracaso del tratamiento contra el VIH"',
                    'msgstr "Fracaso del tratamiento contra el HIV"')


@pytest.fixture
def trusting(monkeypatch):
    monkeypatch.setattr(fpr, "RACY_NS", 0)


@pytest.fixture
def ws(tmp_path, trusting) -> Path:
    """The shipped workspace and a second sheet (a copy under another id), so a content
    edit has an output it must not rebuild."""
    w = tmp_path / "ws"
    for d in ("content", "locales"):
        shutil.copytree(ROOT / d, w / d)
    shutil.copy(ROOT / "factsheet.toml", w / "factsheet.toml")
    text = (w / "content" / f"{SHEET}.yaml").read_text(encoding="utf-8")
    (w / "content" / "second.yaml").write_text(
        text.replace(f"sheet: {SHEET}", "sheet: second"), encoding="utf-8")
    return w


def build(ws: Path, out: Path, *args: str, langs: str = "en") -> tuple[int, int]:
    code, stdout, err = run_cli("--root", str(ws), "build", "--lang", langs, "--variant",
                                "standard", "--paper", "letter", "--formats", "pdf", "--out", str(out), *args,
                                cwd=ws)
    assert code == 0, err
    import re

    m = re.search(r"(\d+) built, \d+ failed, \d+ stale, (\d+) up to date", stdout)
    assert m, stdout
    return int(m[1]), int(m[2])


def snapshot(out: Path) -> dict[str, tuple[int, int, int]]:
    return {p.relative_to(out).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns,
                                            p.stat().st_size) for p in out.rglob("*.pdf")}


def changed(before: dict, after: dict) -> set[str]:
    return {k for k, v in after.items() if before.get(k) != v} | (set(before) - set(after))


def text_of(pdf: Path) -> str:
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    return " ".join(out.split())


def rewrite(path: Path, old: str, new: str, *, keep_mtime: bool = True) -> None:
    """Replace ``old`` by ``new`` in place, then put the old mtime (ns) back."""
    st = path.stat()
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    if keep_mtime:
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
        assert path.stat().st_mtime_ns == st.st_mtime_ns


@pytest.fixture
def en_built(ws, tmp_path) -> Path:
    out = tmp_path / "out"
    assert build(ws, out) == (2, 0)
    assert build(ws, out) == (0, 2)
    return out


def _content(ws: Path) -> Path:
    return ws / "content" / f"{SHEET}.yaml"


def _rebuilt_with(ws, out, before, expected_text) -> None:
    assert build(ws, out) == (1, 1)
    assert changed(before, snapshot(out)) == {EN}
    assert expected_text in text_of(out / EN)
    assert build(ws, out) == (0, 2)


def test_same_size_edit_with_its_mtime_restored_is_rebuilt(ws, en_built):
    before = snapshot(en_built)
    size = _content(ws).stat().st_size
    rewrite(_content(ws), OLD_TITLE, NEW_TITLE)
    assert _content(ws).stat().st_size == size
    _rebuilt_with(ws, en_built, before, "HIV Treatment Outcome")


def test_other_size_edit_with_the_old_mtime_is_rebuilt(ws, en_built):
    before = snapshot(en_built)
    rewrite(_content(ws), OLD_TITLE, "text: HIV Treatment Failures}")
    _rebuilt_with(ws, en_built, before, "HIV Treatment Failures")


def test_touch_alone_rebuilds_nothing(ws, en_built):
    before = snapshot(en_built)
    os.utime(_content(ws))
    os.utime(ws / "locales" / "es" / "LC_MESSAGES" / f"{SHEET}.po")
    assert build(ws, en_built) == (0, 2)
    assert snapshot(en_built) == before


def test_a_copy_made_with_cp_p_is_rebuilt(ws, en_built, tmp_path):
    prepared = tmp_path / "prepared.yaml"
    shutil.copy2(_content(ws), prepared)
    rewrite(prepared, OLD_TITLE, NEW_TITLE)
    os.utime(prepared, ns=(_content(ws).stat().st_atime_ns, _content(ws).stat().st_mtime_ns))
    before = snapshot(en_built)
    shutil.copy2(prepared, _content(ws))  # cp -p: the bytes, then the old times
    assert _content(ws).stat().st_mtime_ns == prepared.stat().st_mtime_ns
    _rebuilt_with(ws, en_built, before, "HIV Treatment Outcome")


def test_v1_v2_v1_rebuilds_each_time_and_ends_with_v1(ws, en_built):
    v1 = (en_built / EN).read_bytes()
    before = snapshot(en_built)
    rewrite(_content(ws), OLD_TITLE, NEW_TITLE)
    _rebuilt_with(ws, en_built, before, "HIV Treatment Outcome")
    before = snapshot(en_built)
    rewrite(_content(ws), NEW_TITLE, OLD_TITLE)
    _rebuilt_with(ws, en_built, before, "HIV Treatment Failure")
    assert (en_built / EN).read_bytes() == v1


def test_catalog_edit_with_its_mtime_restored_rebuilds_that_language(ws, tmp_path):
    out = tmp_path / "out"
    assert build(ws, out, SHEET, langs="en,es") == (2, 0)
    before = snapshot(out)
    po = ws / "locales" / "es" / "LC_MESSAGES" / f"{SHEET}.po"
    size = po.stat().st_size
    rewrite(po, OLD_MSG, NEW_MSG)
    assert po.stat().st_size == size
    assert build(ws, out, SHEET, langs="en,es") == (1, 1)
    assert changed(before, snapshot(out)) == {ES}
    assert "Fracaso del tratamiento contra el HIV" in text_of(out / ES)


def test_force_after_a_restored_mtime_edit_uses_the_new_text(ws, en_built):
    rewrite(_content(ws), OLD_TITLE, NEW_TITLE)
    po = ws / "locales" / "es" / "LC_MESSAGES" / f"{SHEET}.po"
    rewrite(po, OLD_MSG, NEW_MSG)
    assert build(ws, en_built, "--force") == (2, 0)
    assert "HIV Treatment Outcome" in text_of(en_built / EN)
    assert "HIV Treatment Failure" in text_of(en_built / OTHER)
    # The refreshed cache serves the next build.
    assert build(ws, en_built) == (0, 2)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def damage_sha256(out: Path, rel: str) -> Path:
    """Overwrite the manifest's sha256 of output ``rel``; the manifest's path."""
    manifest = out / "manifest.json"
    doc = json.loads(manifest.read_text(encoding="utf-8"))
    for e in doc["outputs"]:
        if e["path"] == rel:
            e["sha256"] = "0" * 64
    manifest.write_text(json.dumps(doc), encoding="utf-8")
    return manifest


def test_a_damaged_sha256_in_the_manifest_is_rebuilt_by_a_noop_build(ws, en_built):
    manifest = damage_sha256(en_built, EN)
    good = (en_built / EN).read_bytes()
    assert build(ws, en_built) == (1, 1)
    entries = {e["path"]: e for e in json.loads(manifest.read_text())["outputs"]}
    assert entries[EN]["sha256"] == _sha(en_built / EN)
    assert entries[OTHER]["sha256"] == _sha(en_built / OTHER)
    assert (en_built / EN).read_bytes() == good
    assert build(ws, en_built) == (0, 2)


def test_a_damaged_sha256_of_an_output_not_built_is_corrected(ws, en_built):
    """An output the build does not select: its entry is made again from the PDF."""
    manifest = damage_sha256(en_built, OTHER)
    assert build(ws, en_built, SHEET) == (0, 1)
    entries = {e["path"]: e for e in json.loads(manifest.read_text())["outputs"]}
    assert entries[OTHER]["sha256"] == _sha(en_built / OTHER)
    assert entries[OTHER]["sheet"] == "second"


def test_a_pdf_replaced_with_same_size_and_old_mtime_is_rebuilt(ws, en_built):
    pdf = en_built / EN
    good, st = pdf.read_bytes(), pdf.stat()
    at = good.index(b"%%EOF") - 40
    bad = good[:at] + bytes([good[at] ^ 0x20]) + good[at + 1:]
    assert len(bad) == len(good) and bad != good
    pdf.write_bytes(bad)
    os.utime(pdf, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert build(ws, en_built) == (1, 1)
    assert pdf.read_bytes() == good


def test_noop_hashes_no_pdf_and_a_touched_pdf_is_hashed_once(ws, en_built, monkeypatch):
    hashed: list[str] = []
    real = fpr.sha256_file

    def counting(path):
        hashed.append(Path(path).name)
        return real(path)

    monkeypatch.setattr(fpr, "sha256_file", counting)
    before = snapshot(en_built)
    assert build(ws, en_built) == (0, 2)
    assert hashed == []
    os.utime(en_built / EN)  # new stat data, same bytes: hashed, not rebuilt
    assert build(ws, en_built) == (0, 2)
    assert hashed == [EN]
    assert build(ws, en_built) == (0, 2)
    assert hashed == [EN]
    assert changed(before, snapshot(en_built)) == {EN}  # its mtime only
    assert (en_built / EN).stat().st_ino == before[EN][0]


def test_digest_records_follow_the_stat_data_and_the_racy_rule(tmp_path, monkeypatch):
    f = tmp_path / "a.txt"
    f.write_bytes(b"version one")
    st = f.stat()
    d = fpr.Digests(tmp_path)
    one = d.file(f)
    assert d.known == {}  # just written: racy, not remembered
    monkeypatch.setattr(fpr, "RACY_NS", 0)
    d = fpr.Digests(tmp_path)
    assert d.file(f) == one and str(f) in d.known
    f.write_bytes(b"version two")  # same size, the old mtime back: the ctime moved
    os.utime(f, ns=(st.st_atime_ns, st.st_mtime_ns))
    again = fpr.Digests(tmp_path, dict(d.known))
    assert again.file(f) == hashlib.sha256(b"version two").hexdigest()
    # A record is used only while its stat data hold, and never with trust=False.
    forged = {str(f): (fpr.stat_key(f.stat()), "forged")}
    assert fpr.Digests(tmp_path, dict(forged)).file(f) == "forged"
    assert fpr.Digests(tmp_path, dict(forged), trust=False).file(f) != "forged"
