"""The msgctxt-keyed merge, update and status, checked with GNU gettext (msgfmt, msgcat,
msgmerge --previous) as the oracle, and a property test over generated catalogs."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factsheet_pdf.i18n import catalogs, pofile
from factsheet_pdf.i18n.extract import Extracted

from conftest import WORKSPACE

ES = WORKSPACE / "locales" / "es" / "LC_MESSAGES" / "treatment-failure.po"
POT = WORKSPACE / "locales" / "treatment-failure.pot"

pytestmark = pytest.mark.skipif(
    any(shutil.which(t) is None for t in ("msgfmt", "msgcat", "msgmerge")),
    reason="GNU gettext (msgfmt, msgcat, msgmerge) is the oracle")


def gnu(*args) -> subprocess.CompletedProcess:
    return subprocess.run(args, check=False, capture_output=True, text=True)


def accepted(path: Path) -> None:
    """msgfmt --check passes and msgcat leaves the file unchanged (msgcat writes nothing at
    all for a catalog without messages, where we keep the header)."""
    r = gnu("msgfmt", "--check", "-o", os.devnull, str(path))
    assert r.returncode == 0, r.stderr
    if not catalogs.read(path).live():
        return
    assert subprocess.run(["msgcat", str(path)], capture_output=True,
                          check=True).stdout == path.read_bytes()


def messages_from(pot: pofile.PoFile) -> list[Extracted]:
    return [Extracted(e.msgctxt, e.msgid, *e.occurrences[0][:1], int(e.occurrences[0][1]),
                      tuple(e.extracted_comments)) for e in pot.live()]


def edited_template(changes: dict[str, str], removed: set[str],
                    added: list[tuple[str, str]]) -> pofile.PoFile:
    msgs = []
    for m in messages_from(catalogs.read(POT)):
        if m.context in removed:
            continue
        msgs.append(Extracted(m.context, changes.get(m.context, m.text), m.path, m.line,
                              m.comments))
    msgs += [Extracted(c, t, "content/treatment-failure.yaml", 999, ("New.",)) for c, t in added]
    return catalogs.make_template("treatment-failure", msgs)


CHANGED = {"failure.heading": "What does treatment failure mean?",
           "series": "HIV treatment"}
REMOVED = {"testing.see-also"}
ADDED = [("glossary.refill.term", "Pharmacy refill schedule for antiretroviral medicines")]


def test_scripted_edits_merge_and_gettext_accepts(tmp_path):
    old = catalogs.read(ES)
    e = next(e for e in old if e.msgctxt == "title")
    e.translator_comments = ["Checked against the CDC glossary."]
    template = edited_template(CHANGED, REMOVED, ADDED)
    merged = catalogs.merge(template, old)
    out = tmp_path / "es.po"
    assert catalogs.write(out, merged) is True
    accepted(out)
    back = {e.msgctxt: e for e in catalogs.read(out)}
    h = back["failure.heading"]
    assert h.fuzzy and h.msgstr == "¿Qué es el fracaso del tratamiento?"
    assert h.previous_msgid == "What is treatment failure?"
    assert h.previous_msgctxt == "failure.heading"
    assert back["title"].translator_comments == ["Checked against the CDC glossary."]
    assert not back["title"].fuzzy
    gone = back["testing.see-also"]
    assert gone.obsolete and gone.msgstr.startswith("(Vea la hoja informativa")
    assert not back["glossary.refill.term"].msgstr and not back["glossary.refill.term"].fuzzy
    # the fuzzy entry keeps its first previous text when the English changes again
    again = edited_template({**CHANGED, "failure.heading": "When does treatment fail?"},
                            REMOVED, ADDED)
    twice = catalogs.merge(again, catalogs.read(out))
    h2 = next(e for e in twice if e.msgctxt == "failure.heading")
    assert h2.previous_msgid == "What is treatment failure?" and h2.fuzzy
    # and a unit that comes back is revived from its obsolete entry
    back_again = catalogs.merge(catalogs.read(POT), catalogs.read(out))
    see = next(e for e in back_again if e.msgctxt == "testing.see-also")
    assert not see.obsolete and not see.fuzzy and see.msgstr == gone.msgstr
    assert catalogs.write(out, catalogs.merge(template, catalogs.read(out))) is False


def _state(e) -> tuple:
    if e.obsolete:
        return ("obsolete", e.msgstr)
    if not e.msgstr:
        return ("untranslated",)
    if e.fuzzy:
        return ("fuzzy", e.msgstr, e.previous_msgctxt, e.previous_msgid)
    return ("translated", e.msgstr)


def test_merge_agrees_with_msgmerge_previous_on_unchanged_contexts(tmp_path):
    template = edited_template(CHANGED, REMOVED, ADDED)
    pot = tmp_path / "new.pot"
    catalogs.write(pot, template)
    theirs_path = tmp_path / "theirs.po"
    r = gnu("msgmerge", "--previous", "-q", "-o", str(theirs_path), str(ES), str(pot))
    assert r.returncode == 0, r.stderr
    theirs = {(e.msgctxt, e.obsolete): e for e in catalogs.read(theirs_path)}
    ours = {(e.msgctxt, e.obsolete): e for e in catalogs.merge(template, catalogs.read(ES))}
    old_contexts = {e.msgctxt for e in catalogs.read(ES)}
    compared = [k for k in theirs if k[0] in old_contexts]
    assert len(compared) == 43
    for key in compared:
        assert key in ours, key
        assert _state(ours[key]) == _state(theirs[key]), key
    states = {_state(ours[k])[0] for k in compared}
    assert states == {"translated", "fuzzy", "obsolete"}


def test_update_converts_charset_and_line_ends(tmp_path):
    template = catalogs.read(POT)
    latin = tmp_path / "latin1.po"
    text = ES.read_text(encoding="utf-8").replace("charset=utf-8", "charset=ISO-8859-1")
    text = text.translate(str.maketrans({"’": "'", "“": "«", "”": "»", "–": "-", "—": "-",
                                         "…": "..."}))
    latin.write_bytes(text.replace("\n", "\r\n").encode("latin-1", errors="strict"))
    res = catalogs.update(latin, template)
    assert res.changed and len(res.notices) == 1
    assert "converted from ISO-8859-1 to UTF-8" in str(res.notices[0])
    assert str(res.notices[0]).startswith(f"{latin}:")
    data = latin.read_bytes()
    assert b"\r" not in data and b"charset=UTF-8" in data
    po = catalogs.read(latin)
    assert [k for k in po.headers if k.startswith("X-")] == [
        "X-Review-Status", "X-Review-Round", "X-Translation-Method", "X-Translation-Checks"]
    assert next(e for e in po if e.msgctxt == "title").msgstr == (
        "Fracaso del tratamiento contra el VIH")
    accepted(latin)
    before = os.stat(latin)
    again = catalogs.update(latin, template)
    assert not again.changed and not again.notices
    assert os.stat(latin).st_mtime_ns == before.st_mtime_ns


@pytest.mark.parametrize("charset", ["ISO-8859-1", "CP1252", "KOI8-R", "GB18030"])
def test_a_utf8_file_with_a_legacy_header_is_refused_not_converted(tmp_path, charset):
    """Issue 22: the header claims a legacy charset while the bytes are UTF-8 (an editor saved
    UTF-8 and kept the header). Update refused it at the Content-Type line and left it as it
    was; it used to decode it as the header said and write mojibake (``Ã‰chec``), exit 0."""
    template = catalogs.read(POT)
    po = tmp_path / "es.po"
    po.write_bytes(ES.read_bytes().replace(b"charset=utf-8", f"charset={charset}".encode()))
    before = po.read_bytes()
    with pytest.raises(pofile.FactsheetError) as e:
        catalogs.update(po, template)
    (d,) = e.value.diagnostics
    assert (d.loc.path, d.loc.line) == (str(po), 15)
    assert f"declares charset={charset}, but the file is UTF-8" in d.message
    assert "UTF-8" in d.hint
    assert po.read_bytes() == before
    # GNU gettext agrees that the file is not what its header says (or converts it wrongly):
    # msgconv to UTF-8 of what we refused never gives the original text
    r = subprocess.run(["msgconv", "--to-code=UTF-8", str(po)], capture_output=True)
    assert r.returncode != 0 or r.stdout != before.replace(
        f"charset={charset}".encode(), b"charset=UTF-8")


def test_an_ascii_catalog_with_a_legacy_header_is_read(tmp_path):
    """Pure ASCII is the same in every ASCII-compatible charset: nothing to refuse."""
    po = tmp_path / "x.po"
    po.write_bytes(b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=ISO-8859-1\\n"\n\n'
                   b'msgctxt "a"\nmsgid "Hello"\nmsgstr "Hola"\n')
    assert next(e for e in catalogs.read(po) if e.msgctxt == "a").msgstr == "Hola"


def test_write_is_atomic_and_follows_umask(tmp_path):
    po = catalogs.new_catalog(catalogs.read(POT), "de", dict(catalogs.NEW_HEADERS))
    path = tmp_path / "de" / "LC_MESSAGES" / "treatment-failure.po"
    old = os.umask(0o027)
    try:
        assert catalogs.write(path, po) is True
    finally:
        os.umask(old)
    assert oct(os.stat(path).st_mode & 0o777) == oct(0o640)
    assert [p.name for p in path.parent.iterdir()] == [path.name]
    accepted(path)
    headers = catalogs.read(path).headers
    assert headers["Language"] == "de" and headers["X-Review-Status"] == "unreviewed"
    assert headers["Plural-Forms"] == "nplurals=2; plural=(n != 1);"
    inode = os.stat(path).st_ino
    assert catalogs.write(path, catalogs.read(path)) is False
    assert os.stat(path).st_ino == inode


def test_status_rounds_down_and_lists_ids():
    template = catalogs.read(POT)
    po = catalogs.read(ES)
    entries = {e.msgctxt: e for e in po}
    entries["series"].msgstr = ""
    entries["title"].flags.append("fuzzy")
    entries["source"].msgstr = ""
    po.remove(entries["contact.text"])
    st_ = catalogs.status("es", po, template)
    assert (st_.translated, st_.fuzzy, st_.untranslated) == (39, 1, 3)
    assert st_.untranslated_ids == ("series", "source", "contact.text")
    assert st_.fuzzy_ids == ("title",)
    assert st_.percent == 90 and not st_.strict_ok  # 39/43 = 90.7
    assert catalogs.Status("es", "", 53, 1, 2, 0, "unreviewed").percent == 94  # 53/56 = 94.6
    assert catalogs.Status("es", "", 55, 0, 1, 0, "unreviewed").percent == 98
    full = catalogs.status("es", catalogs.read(ES), template)
    assert full.percent == 100 and full.strict_ok and full.review == "unreviewed"
    j = st_.to_json()
    assert j["percent"] == 90 and j["untranslated_ids"] == ["series", "source", "contact.text"]


# ------------------------------------------------------------------ property: update is safe

# msgfmt --check wants msgid and msgstr to agree on a leading/trailing newline: none here.
_word = st.text(alphabet="abcdefghijklmnopqrstuvwxyz áéñçü病毒，。“”\"\\\n\t-",
                min_size=1, max_size=60).map(lambda s: s.strip("\n") or "x")
_ids = st.lists(st.from_regex(r"[a-z]{1,6}(\.[a-z]{1,6})?", fullmatch=True), min_size=1,
                max_size=10, unique=True)


@st.composite
def scenarios(draw):
    ids = draw(_ids)
    english = {i: draw(_word) for i in ids}
    old_msgs = [Extracted(i, english[i], "content/x.yaml", n + 1, (f"Where {i} is.",))
                for n, i in enumerate(ids)]
    translations = {i: draw(st.one_of(st.just(""), _word)) for i in ids}
    comments = {i: draw(st.lists(st.text(alphabet="abc xyz", max_size=20), max_size=2))
                for i in ids}
    fuzzy = {i: draw(st.booleans()) for i in ids}
    removed = set(draw(st.lists(st.sampled_from(ids), max_size=len(ids), unique=True)))
    changed = {i: draw(_word) for i in draw(st.lists(st.sampled_from(ids), max_size=len(ids),
                                                      unique=True))}
    added = [i for i in draw(_ids) if i not in english]
    new_msgs = [Extracted(m.context, changed.get(m.context, m.text), m.path, m.line, m.comments)
                for m in old_msgs if m.context not in removed]
    new_msgs += [Extracted(i, draw(_word), "content/x.yaml", 100 + n, ())
                 for n, i in enumerate(added)]
    return old_msgs, translations, comments, fuzzy, new_msgs


def _check_update(tmp_path: Path, scenario) -> None:
    old_msgs, translations, comments, fuzzy, new_msgs = scenario
    old = catalogs.new_catalog(catalogs.make_template("x", old_msgs), "es")
    for e in old:
        e.msgstr = translations[e.msgctxt]
        e.translator_comments = comments[e.msgctxt]
        if fuzzy[e.msgctxt] and e.msgstr:
            e.flags.append("fuzzy")
    path = tmp_path / "x.po"
    path.unlink(missing_ok=True)
    catalogs.write(path, old)
    catalogs.update(path, catalogs.make_template("x", new_msgs))
    accepted(path)
    after = catalogs.read(path)
    live = {e.msgctxt: e for e in after.live()}
    obsolete = {e.msgctxt: e for e in after if e.obsolete}
    for m in old_msgs:
        i = m.context
        keeper = live.get(i) or obsolete.get(i)
        if translations[i]:
            assert keeper is not None and keeper.msgstr == translations[i], i
            assert keeper.translator_comments == comments[i], i
        if i in live:
            assert live[i].translator_comments == comments[i], i
    assert [e.msgctxt for e in after.live()] == [m.context for m in new_msgs]
    # a second update changes nothing
    assert catalogs.update(path, catalogs.make_template("x", new_msgs)).changed is False


@settings(max_examples=200, deadline=None, suppress_health_check=[
    HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(scenarios())
def test_update_never_loses_a_translation_or_comment(tmp_path, scenario):
    _check_update(tmp_path, scenario)


@pytest.mark.slow
@settings(max_examples=10_000, deadline=None, suppress_health_check=[
    HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(scenarios())
def test_update_never_loses_a_translation_or_comment_10k(tmp_path, scenario):
    _check_update(tmp_path, scenario)
