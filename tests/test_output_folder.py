"""The output folder keeps everything: atomic landings, journal, stale entries, repair after
kills and damage, locks between builds, one-line errors for file-system faults.

CI runs as root, which ignores permission bits: permission tests drop privileges in a
subprocess (or inject the OSError); disk full is an injected ENOSPC.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import WORKSPACE, run_cli

import factsheet_pdf
from factsheet_pdf import manifest as mf
from factsheet_pdf.errors import FactsheetError
from factsheet_pdf.interrupts import Terminated, deferred, exit_code, handle_signals
from factsheet_pdf.tag.pdfobjects import xmp_packet
from factsheet_pdf.write import JOURNAL, TMP_PREFIX, OutputFolder

SRC = os.path.dirname(os.path.dirname(factsheet_pdf.__file__))
META = dict(sheet="s", lang="en", variant="standard", paper="letter", site=None, draft=False,
            fingerprint="fp", pages=1, warnings=[])


def fake_pdf(identity: dict | None, body: bytes = b"") -> bytes:
    """A small file shaped like our PDFs: the real XMP packet, with or without identity."""
    info = SimpleNamespace(title="T", subject="S", producer="P", creator="C")
    doc = SimpleNamespace(info=info, _timeStamp=SimpleNamespace(YMDhms=(2026, 1, 2, 3, 4, 5)))
    canvas = SimpleNamespace(tree=SimpleNamespace(lang="en"), parent_arrays=[[], []])
    if identity is not None:
        canvas.identity = identity
    return b"%PDF-1.7\n" + xmp_packet(canvas, doc) + body + b"\n%%EOF\n"


def ident(i: int, **kw) -> dict:
    return {"sheet": f"sheet{i}", "lang": "fr", "variant": "large-print", "paper": "a4",
            "site": "", "fingerprint": f"fp{i}", **kw}


def temps(out: Path) -> list[Path]:
    return [p for p in out.rglob("*") if p.name.startswith(TMP_PREFIX)]


def pdfs_on_disk(out: Path) -> dict[str, str]:
    return {p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in out.rglob("*.pdf") if not p.name.startswith(".")}


def manifest(out: Path) -> dict[str, dict]:
    doc = json.loads((out / "manifest.json").read_text())
    assert doc["schema"] == 2 and "version" not in doc
    paths = [e["path"] for e in doc["outputs"]]
    assert paths == sorted(paths)
    return {e["path"]: e for e in doc["outputs"]}


def assert_consistent(out: Path) -> dict[str, dict]:
    """The manifest lists exactly the PDFs on disk, with their real sha256; no leftovers."""
    m = manifest(out)
    assert {k: v["sha256"] for k, v in m.items()} == pdfs_on_disk(out)
    assert temps(out) == []
    assert not (out / JOURNAL).exists()
    return m


# -- landing -------------------------------------------------------------------------------

def test_landing_is_atomic_and_journalled_one_line_each(tmp_path):
    out = tmp_path / "dist"
    with OutputFolder(out) as folder:
        for i in range(6):
            data = fake_pdf(ident(i))
            folder.land(f"sub/{i}.pdf" if i % 2 else f"{i}.pdf", data, META)
            lines = (out / JOURNAL).read_bytes().splitlines()
            assert len(lines) == i + 1  # one line per landing, never a rewrite of everything
            assert json.loads(lines[-1])["entry"]["sha256"] == hashlib.sha256(data).hexdigest()
            assert not (out / "manifest.json").exists()
            assert temps(out) == []
    m = assert_consistent(out)
    assert len(m) == 6
    e = m["sub/1.pdf"]
    assert set(e) == set(mf.FIELDS)
    assert e["stale"] is None and e["fingerprint"] == "fp" and e["built"].endswith("Z")


@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_files_get_the_mode_of_the_umask(tmp_path, umask, mode):
    old = os.umask(umask)
    try:
        with OutputFolder(tmp_path) as folder:
            folder.land("a.pdf", fake_pdf(None), META)
    finally:
        os.umask(old)
    assert (tmp_path / "a.pdf").stat().st_mode & 0o777 == mode
    assert (tmp_path / "manifest.json").stat().st_mode & 0o777 == mode


# -- failures keep the previous PDF ----------------------------------------------------------

def test_fail_keeps_previous_pdf_and_marks_it_stale(tmp_path):
    old = fake_pdf(ident(1))
    with OutputFolder(tmp_path) as folder:
        built = folder.land("a.pdf", old, META)["built"]
    with OutputFolder(tmp_path) as folder:
        assert folder.fail("a.pdf", "fr: missing translation") is True
        assert folder.fail("never-built.pdf", "broken") is False
        assert [e["path"] for e in folder.stale()] == ["a.pdf"]
    assert (tmp_path / "a.pdf").read_bytes() == old
    stale = assert_consistent(tmp_path)["a.pdf"]["stale"]
    assert stale["reason"] == "fr: missing translation"
    assert stale["last_good"] == built and stale["since"] >= built
    # A second failure keeps the first 'since'; a good build clears the mark.
    with OutputFolder(tmp_path) as folder:
        folder.fail("a.pdf", "another reason")
        assert folder.get("a.pdf")["stale"]["since"] == stale["since"]
        folder.land("a.pdf", fake_pdf(ident(1)), META)
    assert manifest(tmp_path)["a.pdf"]["stale"] is None


def test_fail_of_an_unlisted_pdf_recovers_it_first(tmp_path):
    (tmp_path / "x.pdf").write_bytes(fake_pdf(ident(7)))
    with OutputFolder(tmp_path) as folder:
        assert folder.fail("x.pdf", "broken") is True
    e = manifest(tmp_path)["x.pdf"]
    assert e["sheet"] == "sheet7" and e["stale"]["reason"] == "broken"


def test_remove_drops_file_and_entry(tmp_path):
    with OutputFolder(tmp_path) as folder:
        folder.land("drafts/a.pdf", fake_pdf(None), dict(META, draft=True))
        folder.land("a.pdf", fake_pdf(None), META)
        folder.remove("drafts/a.pdf")
    assert list(assert_consistent(tmp_path)) == ["a.pdf"]
    assert not (tmp_path / "drafts").exists()


# -- identity and repair -----------------------------------------------------------------------

def test_identity_round_trip_and_unchanged_xmp_without_identity():
    data = fake_pdf(ident(3, site="clinic-a"))
    got = mf.identity_in(data)
    assert got == {**{k: str(v) for k, v in ident(3, site="clinic-a").items()}, "pages": "2"}
    plain = fake_pdf(None)
    assert mf.identity_in(plain) is None and b"xmlns:fs" not in plain
    assert b"<pdfuaid:part>1</pdfuaid:part>" in plain
    assert mf.identity_in(fake_pdf({"sheet": "a<b&c"}))["sheet"] == "a<b&c"


@pytest.mark.parametrize("damage", [b"{", b"[]", b'{"version": 1, "outputs": [1]}', b"\xff"])
def test_damaged_manifest_is_rebuilt_from_the_pdfs(tmp_path, damage):
    with OutputFolder(tmp_path) as folder:
        for i in range(3):
            folder.land(f"sheet{i}.fr.large-print.a4.pdf", fake_pdf(ident(i)),
                        dict(META, sheet=f"sheet{i}", fingerprint=f"fp{i}"))
        folder.land("clinic-a/z.pdf", fake_pdf(ident(9, site="clinic-a")), META)
    (tmp_path / "foreign.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Page >> endobj\n")
    before = manifest(tmp_path)
    (tmp_path / "manifest.json").write_bytes(damage)
    said = []
    with OutputFolder(tmp_path, log=said.append) as folder:
        assert len(folder.notices) == 1
    assert len([s for s in said if "damaged" in s]) == 1, said
    m = assert_consistent(tmp_path)
    assert set(m) == set(before) | {"foreign.pdf"}
    for i in range(3):
        e = m[f"sheet{i}.fr.large-print.a4.pdf"]
        assert (e["sheet"], e["lang"], e["variant"], e["paper"], e["fingerprint"], e["pages"]) \
            == (f"sheet{i}", "fr", "large-print", "a4", f"fp{i}", 2)
        assert e["site"] is None
    assert m["clinic-a/z.pdf"]["site"] == "clinic-a"
    foreign = m["foreign.pdf"]
    assert foreign["sheet"] is None and foreign["fingerprint"] == "" and foreign["pages"] == 1
    assert foreign["bytes"] == (tmp_path / "foreign.pdf").stat().st_size


def test_leftovers_of_a_killed_landing_are_repaired(tmp_path):
    """Killed after the rename, before the journal line: the entry is re-read from the PDF."""
    with OutputFolder(tmp_path) as folder:
        folder.land("a.pdf", fake_pdf(ident(1)), META)
    new = fake_pdf(ident(2))
    (tmp_path / "a.pdf").write_bytes(new)                  # same size, other content
    (tmp_path / JOURNAL).write_bytes(b'{"op": "land", "entry": {"pa')  # torn line
    (tmp_path / f"{TMP_PREFIX}dead-b.pdf").write_bytes(b"half")
    (tmp_path / ".keep-me").write_bytes(b"not ours")
    with OutputFolder(tmp_path) as folder:
        assert folder.get("a.pdf")["sha256"] == hashlib.sha256(new).hexdigest()
        assert folder.get("a.pdf")["fingerprint"] == "fp2"
    assert_consistent(tmp_path)
    assert (tmp_path / ".keep-me").exists()


def test_gone_files_are_dropped_and_unlisted_recovered(tmp_path):
    with OutputFolder(tmp_path) as folder:
        folder.land("a.pdf", fake_pdf(None), META)
        folder.land("b.pdf", fake_pdf(None), META)
    (tmp_path / "a.pdf").unlink()
    (tmp_path / "c.pdf").write_bytes(fake_pdf(ident(3)))
    with OutputFolder(tmp_path):
        pass
    assert set(assert_consistent(tmp_path)) == {"b.pdf", "c.pdf"}


def test_real_pdf_carries_its_identity_in_uncompressed_xmp(tmp_path, monkeypatch):
    pikepdf = pytest.importorskip("pikepdf")
    from factsheet_pdf.render.pdf import render_sheet as render
    from factsheet_pdf.load import load_sheet

    identity = {"sheet": "treatment-failure", "lang": "en", "variant": "standard",
                "paper": "letter", "site": "", "fingerprint": "abc123"}
    rendered = render(load_sheet(WORKSPACE / "content/treatment-failure.yaml"), "standard", "letter",
                      identity=identity)
    path = tmp_path / "t.pdf"
    path.write_bytes(rendered.data)
    assert mf.read_identity(path) == {**identity, "pages": str(rendered.pages)}
    with pikepdf.open(path) as pdf:
        stream = pdf.Root.Metadata
        assert "/Filter" not in stream
        meta = pdf.open_metadata()
        assert meta[f"{{{mf.IDENTITY_NS}}}fingerprint"] == "abc123"
        assert meta["pdfuaid:part"] == "1"


# -- processes: kill, terminate, two builds at once -----------------------------------------------

CHILD = textwrap.dedent("""
    import os, signal, sys, time
    from pathlib import Path
    signal.signal(signal.SIGINT, signal.default_int_handler)
    from factsheet_pdf.interrupts import Terminated, exit_code, handle_signals
    from factsheet_pdf.manifest import identity_xml
    from factsheet_pdf.write import OutputFolder
    out, prefix, n, size, delay = Path(sys.argv[1]), sys.argv[2], *map(float, sys.argv[3:6])
    try:
        with handle_signals(), OutputFolder(out, wait=120) as folder:
            print("open", flush=True)
            for i in range(int(n)):
                ident = {"sheet": f"{prefix}{i}", "lang": "en", "fingerprint": f"{prefix}fp{i}"}
                data = (b"%PDF-1.7\\n" + identity_xml(ident).encode() + os.urandom(int(size))
                        + b"\\n%%EOF\\n")
                folder.land(f"{prefix}{i}.pdf", data, {"sheet": f"{prefix}{i}",
                            "fingerprint": f"{prefix}fp{i}"})
                time.sleep(delay)
    except (KeyboardInterrupt, Terminated) as e:
        sys.exit(exit_code(e))
""")


def child(out: Path, prefix: str, n: int, size: int, delay: float, **kw) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=SRC)
    return subprocess.Popen([sys.executable, "-c", CHILD, str(out), prefix, str(n), str(size),
                             str(delay)], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, **kw)


def wait_for_pdfs(proc: subprocess.Popen, out: Path, n: int) -> None:
    assert proc.stdout.readline().strip() == "open"
    for _ in range(6000):
        if len(pdfs_on_disk(out)) >= n or proc.poll() is not None:
            return
        time.sleep(0.01)


def test_sigkill_mid_loop_leaves_a_repairable_folder(tmp_path):
    out = tmp_path / "dist"
    proc = child(out, "k", 400, 200_000, 0.0)
    wait_for_pdfs(proc, out, 15)
    proc.kill()
    proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL, "the child finished before it was killed"
    n = len(pdfs_on_disk(out))
    with OutputFolder(out) as folder:
        assert len(folder.entries()) == n
        assert all(e["fingerprint"] == f"kfp{e['path'][1:-4]}"
                   for e in folder.entries().values())
    assert len(assert_consistent(out)) == n >= 15


@pytest.mark.parametrize("sig, status", [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_signal_ends_the_build_cleanly(tmp_path, sig, status):
    out = tmp_path / "dist"
    proc = child(out, "t", 2000, 1000, 0.02)
    wait_for_pdfs(proc, out, 5)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == status, err
    assert "Traceback" not in err
    m = assert_consistent(out)
    assert 5 <= len(m) < 2000


def test_two_builds_into_one_folder_keep_all_entries(tmp_path):
    out = tmp_path / "dist"
    procs = [child(out, p, 20, 2000, 0.005) for p in ("a", "b")]
    for p in procs:
        _, err = p.communicate(timeout=240)
        assert p.returncode == 0, err
    m = assert_consistent(out)
    assert len(m) == 40
    assert {e["sheet"] for e in m.values()} == {f"{p}{i}" for p in "ab" for i in range(20)}


def test_deferred_holds_a_signal_until_the_landing_is_done():
    done = []
    with pytest.raises(Terminated) as info, handle_signals():
        with deferred():
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(0.05)
            done.append(True)
    assert done == [True] and exit_code(info.value) == 143


# -- file-system faults: one line, previous PDF intact ------------------------------------------

def test_disk_full_is_one_line_and_keeps_the_previous_pdf(tmp_path, monkeypatch):
    old = fake_pdf(ident(1))
    with OutputFolder(tmp_path) as folder:
        folder.land("a.pdf", old, META)

    def full(fd, data):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with OutputFolder(tmp_path) as folder:
        with monkeypatch.context() as m:
            m.setattr(os, "write", full)
            with pytest.raises(FactsheetError) as info:
                folder.land("a.pdf", fake_pdf(ident(2), b"x" * 1000), META)
        assert str(info.value) == (f"{tmp_path / 'a.pdf'}: error: cannot write: "
                                   f"No space left on device")
        assert temps(tmp_path) == []
    assert (tmp_path / "a.pdf").read_bytes() == old
    assert manifest(tmp_path)["a.pdf"]["sha256"] == hashlib.sha256(old).hexdigest()


def test_disk_full_through_the_cli(tmp_path, monkeypatch):
    def full(fd, data):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "write", full)
    code, _, err = run_cli("build", "--lang", "en", "--variant", "standard", "--paper",
                           "letter", "--out", str(tmp_path / "dist"))
    assert code == 1
    assert "No space left on device" in err and "Traceback" not in err
    assert temps(tmp_path / "dist") == []


def test_permission_denied_injected(tmp_path, monkeypatch):
    real_open = os.open

    def denied(path, flags, mode=0o777, **kw):
        if Path(path).name.startswith(TMP_PREFIX):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_open(path, flags, mode, **kw)

    with OutputFolder(tmp_path) as folder:
        monkeypatch.setattr(os, "open", denied)
        with pytest.raises(FactsheetError) as info:
            folder.land("a.pdf", b"%PDF", META)
        monkeypatch.undo()
    assert str(info.value).endswith("a.pdf: error: cannot write: Permission denied")


@pytest.mark.parametrize("where", ["folder", "under-private"])
def test_permission_denied_for_another_user(tmp_path, where):
    """A folder another user owns, and one inside a folder we cannot even enter."""
    base = Path(tempfile.mkdtemp(prefix="fs-perm-"))
    base.chmod(0o755 if where == "folder" else 0o700)
    out = base / "ro"
    out.mkdir()
    # The interpreter may live where 'nobody' cannot read (/root): drop privileges in the child
    # after its imports.
    script = ("import os, sys; from pathlib import Path\n"
              "from factsheet_pdf.errors import FactsheetError\n"
              "from factsheet_pdf.write import OutputFolder\n"
              "if os.geteuid() == 0:\n    os.setgid(65534); os.setuid(65534)\n"
              "try:\n    OutputFolder(Path(sys.argv[1])).__enter__()\n"
              "except FactsheetError as e:\n    print(e, file=sys.stderr); sys.exit(1)\n")
    if os.geteuid() != 0:
        (out if where == "folder" else base).chmod(0o555 if where == "folder" else 0)
    try:
        proc = subprocess.run([sys.executable, "-c", script, str(out)], capture_output=True,
                              text=True, env=dict(os.environ, PYTHONPATH=SRC), timeout=60)
        assert proc.returncode == 1, proc.stderr
        lines = proc.stderr.strip().splitlines()
        assert lines == [f"{out}: error: cannot write: Permission denied"]
        base.chmod(0o700)
        out.chmod(0o700)
        assert list(out.iterdir()) == []
    finally:
        base.chmod(0o700)
        shutil.rmtree(base)


def test_manifest_path_that_is_a_folder(tmp_path):
    (tmp_path / "manifest.json").mkdir()
    with pytest.raises(FactsheetError) as info:
        OutputFolder(tmp_path).__enter__()
    assert str(info.value) == (f"{tmp_path / 'manifest.json'}: error: cannot write: "
                               f"is a folder, not a file")


@pytest.mark.parametrize("where", ["file", "under-file"])
def test_out_naming_a_file(tmp_path, where):
    f = tmp_path / "notes.txt"
    f.write_text("keep me")
    out = f if where == "file" else f / "dist"
    code, _, err = run_cli("build", "--lang", "en", "--variant", "standard", "--paper",
                           "letter", "--out", str(out))
    assert code == 1
    lines = [ln for ln in err.strip().splitlines() if ": warning: " not in ln]
    assert lines == [lines[0]] and lines[0].startswith(f"{out}: error: cannot write")
    assert f.read_text() == "keep me"


def test_a_held_lock_makes_the_next_build_wait_then_give_up(tmp_path):
    said = []
    with OutputFolder(tmp_path) as first:
        first.land("a.pdf", fake_pdf(None), META)
        with pytest.raises(FactsheetError) as info:
            OutputFolder(tmp_path, wait=0.3, log=said.append).__enter__()
    assert len(said) == 1 and "waiting for another build" in said[0]
    assert "another build is still writing into this folder" in str(info.value)
    assert len(str(info.value).splitlines()) == 1
    assert list(assert_consistent(tmp_path)) == ["a.pdf"]


@pytest.mark.parametrize("code", [errno.EROFS, errno.EACCES, errno.ENOSPC])
def test_unwritable_folder_injected(tmp_path, monkeypatch, code):
    real_open = os.open

    def refuse(path, flags, *a, **kw):
        if str(path).startswith(str(tmp_path)) and flags & os.O_CREAT:
            raise OSError(code, os.strerror(code), str(path))
        return real_open(path, flags, *a, **kw)

    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(FactsheetError) as info:
        OutputFolder(tmp_path).__enter__()
    assert str(info.value) == f"{tmp_path}: error: cannot write: {os.strerror(code)}"
