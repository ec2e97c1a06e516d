"""The ctypes binding to liblouis (src/factsheet_pdf/louis.py): what it calls, what it returns,
and that liblouis's messages never reach stderr. Skipped where liblouis is not installed
(.ci/run installs Debian's liblouis20 and liblouis-data)."""

from __future__ import annotations

import ctypes
import subprocess

import pytest

from factsheet_pdf import louis
from factsheet_pdf.render.braille import brf

L = louis.available()
pytestmark = pytest.mark.skipif(L is None, reason="liblouis is not installed "
                                "(apt-get install liblouis20 liblouis-data)")
UEB = "en-ueb-g2.ctb"


def test_version_and_char_size_come_from_the_library():
    assert L.version.count(".") == 2 and L.char_size in (2, 4)
    if _have("lou_translate"):
        shown = subprocess.run(["lou_translate", "--version"], capture_output=True,
                               text=True).stdout
        assert L.version in shown.splitlines()[0]


def _have(cmd: str) -> bool:
    import shutil

    return shutil.which(cmd) is not None


def test_forward_translation_is_unicode_braille_with_input_positions():
    cells, pos = L.translate(UEB, "Call 1-800")
    assert cells == "⠠⠉⠁⠇⠇⠀⠼⠁⠤⠼⠓⠚⠚"
    assert len(pos) == len(cells) and pos[0] == 0 and pos[-1] == len("Call 1-800") - 1
    assert all(0x2800 <= ord(c) <= 0x28FF for c in cells)


@pytest.mark.skipif(not _have("lou_translate"), reason="liblouis-bin's lou_translate")
def test_same_cells_as_liblouis_own_command_line_tool():
    text = "Treatment failure happens when medications can’t control your infection."
    cells, _ = L.translate(UEB, text)
    ascii_ = subprocess.run(["lou_translate", "--forward", f"en-us-brf.dis,{UEB}"],
                            input=text, capture_output=True, text=True).stdout.strip()
    assert brf.to_ascii(cells) == ascii_


def test_back_translation_and_no_contractions():
    cells, _ = L.translate(UEB, "information", [louis.NO_CONTRACT] * len("information"))
    assert cells == "⠊⠝⠋⠕⠗⠍⠁⠞⠊⠕⠝"  # letter by letter
    assert L.translate(UEB, "information")[0] != cells  # contracted otherwise
    assert L.back_translate(UEB, L.translate(UEB, "See your doctor.")[0]) == "See your doctor."


def test_undefined_characters_are_left_out_unless_asked_for():
    plain, _ = L.translate(UEB, "a\u2066b")
    escaped, _ = L.translate(UEB, "a\u2066b", undefined=True)
    assert len(escaped) > len(plain)


def test_table_check_and_messages_are_captured_not_printed(capfd):
    assert L.check(UEB) is None
    why = L.check("no-such-table.ctb")
    assert "no-such-table.ctb" in why and "errors found" not in why
    with pytest.raises(louis.LouisError) as e:
        L.translate("no-such-table.ctb", "x")
    assert "no-such-table.ctb" in str(e.value)
    out, err = capfd.readouterr()
    assert out == err == ""  # liblouis's logging went to our callback


def test_emphasis_classes_are_the_tables():
    assert L.emphasis(UEB, "italic") and L.emphasis(UEB, "bold")
    assert L.emphasis("es-g1.ctb", "bold") == 0


def test_braille_ascii_is_liblouis_own_north_american_display_table():
    """brf.ASCII against liblouis's en-us-brf.dis, cell by cell (lou_dotsToChar)."""
    lib = L._lib
    unit = ctypes.c_uint32 if L.char_size == 4 else ctypes.c_uint16
    cells = [0x8000 | d for d in range(64)]
    inbuf, outbuf = (unit * 64)(*cells), (unit * 64)()
    assert lib.lou_dotsToChar(b"en-us-brf.dis", inbuf, outbuf, 64, 0) == 1
    theirs = "".join(chr(outbuf[i]) for i in range(64))
    assert theirs.upper() == brf.ASCII
    assert brf.to_unicode(brf.ASCII) == "".join(chr(0x2800 + d) for d in range(64))


def test_missing_library_says_what_to_install(monkeypatch):
    monkeypatch.setenv(louis.LIB_ENV, "/nonexistent/liblouis.so.20")
    with pytest.raises(louis.Missing) as e:
        louis.load()
    assert "apt-get install liblouis20 liblouis-data" in str(e.value)
    assert "brew install liblouis" in str(e.value)
    monkeypatch.delenv(louis.LIB_ENV)
    assert louis.load() is L
