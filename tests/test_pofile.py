"""The PO reader and writer against GNU gettext: msgcat leaves our output unchanged, msgfmt
accepts it, and malformed catalogs fail on the line msgfmt names."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factsheet_pdf.errors import FactsheetError
from factsheet_pdf.i18n import catalogs, pofile

ROOT = Path(__file__).resolve().parent.parent
CASES = Path(__file__).resolve().parent / "po_cases"
SHIPPED = sorted((ROOT / "locales").glob("**/*.po")) + sorted((ROOT / "locales").glob("*.pot"))

pytestmark = pytest.mark.skipif(shutil.which("msgfmt") is None or shutil.which("msgcat") is None,
                                reason="GNU gettext (msgfmt, msgcat) is the oracle")


def msgcat(path: Path) -> bytes:
    return subprocess.run(["msgcat", str(path)], check=True, capture_output=True).stdout


def msgfmt_check(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["msgfmt", "--check", "-o", os.devnull, str(path)],
                          check=False, capture_output=True, text=True)


def first_error_line(stderr: str) -> int:
    m = re.search(r":(\d+):(?:\d+:)? (?!warning)", stderr)
    assert m, stderr
    return int(m.group(1))


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.parent.parent.name + "/" + p.name)
def test_shipped_catalog_written_as_msgcat_writes_it(path, tmp_path):
    po = catalogs.read(path)
    ours = pofile.encode(po)
    assert ours == msgcat(path)
    out = tmp_path / path.name
    out.write_bytes(ours)
    assert msgfmt_check(out).returncode == 0
    assert pofile.encode(catalogs.read(out)) == ours  # idempotent
    assert catalogs.write(out, catalogs.read(out)) is False


def test_rich_catalog_keeps_everything(tmp_path):
    po = catalogs.read(CASES / "rich.po")
    ours = pofile.encode(po)
    assert ours == msgcat(CASES / "rich.po")
    out = tmp_path / "rich.po"
    out.write_bytes(ours)
    assert msgcat(out) == ours
    assert msgfmt_check(out).returncode == 0
    assert list(po.headers)[-4:] == ["X-Review-Status", "X-Translation-Method",
                                     "X-Translation-Checks", "X-New-Field"]
    assert po.metadata_is_fuzzy
    e = next(e for e in po if e.msgctxt == "zh.long")
    assert e.fuzzy and "python-brace-format" in e.flags
    assert e.previous_msgctxt == "zh.long"
    assert e.previous_msgid.startswith("The viral load test") and "{name}" in e.previous_msgid
    assert e.translator_comments == ["translator comment", "", " indented translator comment"]
    assert e.extracted_comments[1] == ""
    assert ("content/c.yaml", "3") in e.occurrences and e.lineno == 30
    gone = next(e for e in po if e.msgctxt == "gone")
    assert gone.obsolete and gone.previous_msgid.startswith("The old English")
    text = ours.decode()
    assert '#~| msgid ""\n#~| "The old English text' in text and "\r" not in text
    plural = next(e for e in po if e.msgctxt == "plural")
    assert plural.msgid_plural == "{n} pills" and plural.msgstr_plural == {0: "{n} 片药"}


def test_crlf_and_latin1(tmp_path):
    crlf = tmp_path / "crlf.po"
    crlf.write_bytes((CASES / "rich.po").read_bytes().replace(b"\n", b"\r\n"))
    po = catalogs.read(crlf)
    assert po.headers["X-Review-Status"].startswith("reviewed")
    assert pofile.encode(po) == msgcat(CASES / "rich.po")
    latin = tmp_path / "latin1.po"
    latin.write_bytes('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=ISO-8859-1\\n"\n\n'
                      'msgctxt "a"\nmsgid "Coffee"\nmsgstr "Café très fort, déjà prêt"\n'
                      .encode("latin-1"))
    po = catalogs.read(latin)
    assert po.live()[0].msgstr == "Café très fort, déjà prêt"
    assert pofile.encode(po) == msgcat(latin)


MALFORMED = {
    "unterminated": 'msgctxt "t"\nmsgid "x"\nmsgstr "Fracaso contra el VIH\n\nmsgctxt "u"\n'
                    'msgid "y"\nmsgstr "z"\n',
    "unterminated-continuation": 'msgctxt "t"\nmsgid "x"\nmsgstr ""\n"abc\n',
    "unterminated-previous": '#| msgid "old\nmsgctxt "t"\nmsgid "x"\nmsgstr "y"\n',
    "unterminated-obsolete": '#~ msgctxt "t"\n#~ msgid "x\n#~ msgstr "y"\n',
    "bad-escape": 'msgctxt "t"\nmsgid "x"\nmsgstr "a\\qb"\n',
    "stray-keyword": 'msgctxt "t"\nmsgid "x"\nmsgstrr "y"\n',
    "garbage": 'msgctxt "t"\nmsgid "x"\nmsgstr "y"\nfoo bar\n',
    "missing-msgstr": 'msgctxt "t"\nmsgid "x"\n\nmsgctxt "u"\nmsgid "y"\nmsgstr "z"\n',
    "duplicate": 'msgctxt "t"\nmsgid "x"\nmsgstr "y"\n\n# again\nmsgctxt "t"\nmsgid "x"\n'
                 'msgstr "w"\n',
}
HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


@pytest.mark.parametrize("name", sorted(MALFORMED))
def test_malformed_catalog_fails_on_msgfmts_line(name, tmp_path):
    path = tmp_path / f"{name}.po"
    path.write_text(HEADER + MALFORMED[name], encoding="utf-8")
    gnu = msgfmt_check(path)
    assert gnu.returncode != 0
    with pytest.raises(FactsheetError) as exc:
        catalogs.read(path)
    diags = exc.value.diagnostics
    assert diags[0].loc.path == str(path)
    assert diags[0].loc.line == first_error_line(gnu.stderr), (str(exc.value), gnu.stderr)
    assert re.search(r"msgfmt: found \d+ fatal error", gnu.stderr)
    words = {"unterminated": "end-of-line within string", "bad-escape": "invalid control",
             "stray-keyword": 'keyword "msgstrr" unknown', "garbage": 'keyword "foo" unknown',
             "missing-msgstr": "missing 'msgstr' section", "duplicate": "duplicate message"}
    for key, word in words.items():
        if name.startswith(key):
            assert word in str(exc.value)
            assert word.split()[0] in gnu.stderr
    if name == "bad-escape":  # msgfmt: "file:7:10: invalid control sequence"
        col = re.search(r":\d+:(\d+): invalid control sequence", gnu.stderr)
        assert col and diags[0].loc.column == int(col.group(1))
    if name == "duplicate":
        assert [d.loc.line for d in diags] == [11, 7]  # second msgid, first definition


@pytest.mark.parametrize("charset", ["FOO-9", "UTF-16"])
def test_bad_charset_is_located_at_the_header(charset, tmp_path):
    path = tmp_path / "cs.po"
    path.write_text(f'# c\nmsgid ""\nmsgstr ""\n"Project-Id-Version: x\\n"\n'
                    f'"Content-Type: text/plain; charset={charset}\\n"\n\nmsgid "a"\nmsgstr "b"\n')
    with pytest.raises(FactsheetError) as exc:
        catalogs.read(path)
    d = exc.value.diagnostics[0]
    assert d.loc.line == 5 and charset in d.message
    assert str(d).startswith(f"{path}:5: error:")


def test_non_regular_paths_are_refused_without_opening(tmp_path):
    fifo = tmp_path / "pipe.po"
    os.mkfifo(fifo)
    result = {}

    def run():
        try:
            catalogs.read(fifo)
        except FactsheetError as e:
            result["error"] = str(e)

    t = threading.Thread(target=run, daemon=True)
    t.start()
    t.join(30)
    assert "not a regular file" in result.get("error", "hung")
    with pytest.raises(FactsheetError, match="a folder"):
        catalogs.read(tmp_path)
    with pytest.raises(FactsheetError, match="cannot read catalog"):
        catalogs.read(tmp_path / "missing.po")


# Random text from the scripts we ship (Latin with diacritics, Cyrillic, Vietnamese, CJK and
# their punctuation), checked against msgcat: the writer wraps exactly as gettext does.
_ALPHABET = ("abcdefghij ABC 0123456789 ,.;:!?-–—/()[]{}%$+'\"\\\t\n«»“”‘’…¿¡·éàçñãõêôơưđẠỹ"
             "ДЖЯжыщ 病毒载量检测，。、：；（）《》「」！？ｱｲｳ\u00a0\u200b\u0301")
_texts = st.text(alphabet=_ALPHABET, max_size=200)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(_texts, _texts, st.booleans()), min_size=1, max_size=12))
def test_random_text_wraps_like_msgcat(tmp_path_factory, items):
    po = pofile.PoFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    for i, (msgid, msgstr, obsolete) in enumerate(items):
        e = pofile.Entry(msgctxt=f"c{i}", msgid=msgid or "x", msgstr=msgstr or "y",
                         obsolete=obsolete)
        if i % 3 == 0:
            e.flags = ["fuzzy"]
            e.previous_msgid = msgstr + " " + msgid
        po.append(e)
    path = tmp_path_factory.mktemp("wrap") / "r.po"
    data = pofile.encode(po)
    path.write_bytes(data)
    assert msgcat(path) == data
    assert pofile.encode(catalogs.read(path)) == data
