"""Incremental and parallel builds: what is rebuilt, what is not, and what a no-op imports.

Each test builds a scratch copy of the repository's workspace (en, es, fr: 12 PDFs) and
compares the output folder before and after: file identity (inode, mtime, size) of every PDF
and the manifest's bytes. No timing is asserted.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SHEET, make_workspace, run_cli

import factsheet_pdf

LANGS = "en,es,fr"
SRC = str(Path(factsheet_pdf.__file__).resolve().parent.parent)


@pytest.fixture
def ws(tmp_path) -> Path:
    return make_workspace(tmp_path)


def build(ws: Path, out: Path, *args: str) -> tuple[int, str, str]:
    return run_cli("--root", str(ws), "build", "--lang", LANGS, "--out", str(out), *args,
                   cwd=ws)


def snapshot(out: Path) -> dict[str, tuple[int, int, int]]:
    snap = {}
    for p in out.rglob("*.pdf"):
        st = p.stat()
        snap[p.relative_to(out).as_posix()] = (st.st_ino, st.st_mtime_ns, st.st_size)
    return snap


def changed(before: dict, after: dict) -> set[str]:
    return {k for k, v in after.items() if before.get(k) != v} | (set(before) - set(after))


def summary(stdout: str) -> tuple[int, int]:
    m = re.search(r"(\d+) built, \d+ failed, \d+ stale, (\d+) up to date", stdout)
    assert m, stdout
    return int(m[1]), int(m[2])


@pytest.fixture
def built(ws, tmp_path) -> Path:
    out = tmp_path / "out"
    code, stdout, err = build(ws, out, "--jobs", "2")
    assert code == 0, err
    assert summary(stdout) == (12, 0)
    return out


def test_second_build_writes_nothing(ws, built):
    before, manifest = snapshot(built), (built / "manifest.json").read_bytes()
    code, stdout, err = build(ws, built)
    assert code == 0, err
    assert summary(stdout) == (0, 12)
    assert snapshot(built) == before
    assert (built / "manifest.json").read_bytes() == manifest
    entries = json.loads(manifest)["outputs"]
    assert len(entries) == 12 and all(len(e["fingerprint"]) == 64 for e in entries)


def test_one_msgstr_rebuilds_exactly_that_language(ws, built):
    po = ws / "locales" / "es" / "LC_MESSAGES" / f"{SHEET}.po"
    text = po.read_text(encoding="utf-8")
    assert 'msgstr "Fracaso del tratamiento contra el VIH"' in text
    po.write_text(text.replace('msgstr "Fracaso del tratamiento contra el VIH"',
                               'msgstr "Fracaso del tratamiento del VIH"'), encoding="utf-8")
    before = snapshot(built)
    code, stdout, err = build(ws, built)
    assert code == 0, err
    assert summary(stdout) == (4, 8)
    assert changed(before, snapshot(built)) == {
        f"{SHEET}.es.{v}.{p}.pdf" for v in ("standard", "large-print") for p in ("letter", "a4")}
    out = subprocess.run(["pdftotext", str(built / f"{SHEET}.es.standard.letter.pdf"), "-"],
                         capture_output=True, text=True, check=True).stdout
    assert "Fracaso del tratamiento del VIH" in " ".join(out.split())


def test_settings_and_draft_rebuild_everything(ws, built):
    before = snapshot(built)
    cfg = ws / "factsheet.toml"
    cfg.write_text(cfg.read_text(encoding="utf-8") + "\n# a comment is a change too\n",
                   encoding="utf-8")
    code, stdout, err = build(ws, built)
    assert code == 0, err
    assert summary(stdout) == (12, 0)
    assert changed(before, snapshot(built)) == set(before)

    before = snapshot(built)
    code, stdout, err = build(ws, built, "--draft")  # another option: another fingerprint
    assert code == 0, err
    assert summary(stdout) == (12, 0)
    assert changed(before, snapshot(built)) == set(before)
    code, stdout, err = build(ws, built, "--draft")
    assert summary(stdout) == (0, 12)


def test_site_files_rebuild_that_site(ws, tmp_path):
    out = tmp_path / "out"
    site = ["--site", "sites/riverside.yaml"]
    code, stdout, err = build(ws, out, *site)
    assert code == 0, err
    assert summary(stdout) == (12, 0)
    code, stdout, err = build(ws, out, *site)
    assert summary(stdout) == (0, 12)
    before = snapshot(out)
    logo = ws / "sites" / "riverside-logo.png"
    logo.write_bytes(logo.read_bytes() + b"\0")  # trailing bytes after IEND: still a PNG
    code, stdout, err = build(ws, out, *site)
    assert code == 0, err
    assert summary(stdout) == (12, 0)
    assert changed(before, snapshot(out)) == set(before)
    assert all(k.startswith("riverside/") for k in before)


def test_force_rebuilds_all(ws, built):
    before = snapshot(built)
    code, stdout, err = build(ws, built, "--force")
    assert code == 0, err
    assert summary(stdout) == (12, 0)
    assert changed(before, snapshot(built)) == set(before)


def test_a_pdf_changed_on_disk_is_rebuilt(ws, built):
    victim = built / f"{SHEET}.fr.standard.a4.pdf"
    good = victim.read_bytes()
    victim.write_bytes(good[:-10])
    code, stdout, err = build(ws, built)
    assert code == 0, err
    assert summary(stdout) == (1, 11)
    assert victim.read_bytes() == good


def test_job_count_does_not_change_the_bytes(ws, tmp_path):
    one, three = tmp_path / "one", tmp_path / "three"
    assert build(ws, one, "--jobs", "1")[0] == 0
    assert build(ws, three, "--jobs", "3")[0] == 0
    names = sorted(p.name for p in one.glob("*.pdf"))
    assert len(names) == 12 and names == sorted(p.name for p in three.glob("*.pdf"))
    for n in names:
        assert (one / n).read_bytes() == (three / n).read_bytes(), n

    def outputs(d):
        return [{k: v for k, v in e.items() if k != "built"}
                for e in json.loads((d / "manifest.json").read_text())["outputs"]]
    assert outputs(one) == outputs(three)


def test_jobs_is_capped(ws, tmp_path):
    code, stdout, err = run_cli("--root", str(ws), "build", "--lang", "en", "--variant",
                                "standard", "--out", str(tmp_path / "o"), "--jobs", "10000")
    assert code == 0, err
    from factsheet_pdf.build import WORKER_MIB, usable_cores

    # the cap is what the build read of the memory (it changes from one moment to the next):
    # the notice states it, and the cap must follow from it
    m = re.search(r"--jobs 10000 lowered to (\d+) \(this machine has (\d+) usable cores and "
                  r"([\d,]+) MiB of memory available, for about (\d+) workers of", err)
    assert m, err
    cap, cores, mib, workers = int(m[1]), int(m[2]), int(m[3].replace(",", "")), int(m[4])
    assert cores == usable_cores() and workers == mib // WORKER_MIB
    assert cap == max(cores, workers) < 10000
    assert summary(stdout) == (2, 0)
    code, _, err = run_cli("--root", str(ws), "build", "--jobs", "0", "--out",
                           str(tmp_path / "o"))
    assert code == 2 and "argument --jobs: must be at least 1" in err


def test_progress_lines_and_quiet(ws, tmp_path):
    code, stdout, err = build(ws, tmp_path / "a", "--jobs", "2")
    assert code == 0
    lines = [ln for ln in err.splitlines() if ln.startswith("[")]
    assert len(lines) == 12 and lines[-1].startswith("[12/12] ")
    code, stdout, err = build(ws, tmp_path / "b", "--quiet")
    assert code == 0 and stdout == "" and err == ""


def _modules_after(code: str, cwd: Path) -> set[str]:
    env = dict(os.environ, PYTHONPATH=SRC + os.pathsep + os.environ.get("PYTHONPATH", ""))
    script = (code + "\nimport sys, json\n"
              "ld = sys.modules.get('babel.localedata')\n"
              "print(json.dumps({'mods': sorted(sys.modules), "
              "'cldr': sorted(getattr(ld, '_cache', {}) or {})}))\n")
    r = subprocess.run([sys.executable, "-c", script], cwd=cwd, env=env, capture_output=True,
                       text=True, check=False)
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout.strip().splitlines()[-1])
    assert data["cldr"] == [], data["cldr"]  # no CLDR locale data loaded
    return {m.split(".")[0] for m in data["mods"]}


def test_help_and_noop_build_do_not_import_reportlab(ws, built):
    mods = _modules_after("from factsheet_pdf.cli import main\nmain(['--help'])", ws)
    assert "factsheet_pdf" in mods
    assert not mods & {"reportlab", "fontTools", "babel", "yaml", "PIL"}
    code = (f"from factsheet_pdf.cli import main\n"
            f"rc = main(['--root', {str(ws)!r}, 'build', '--lang', {LANGS!r}, '--out', "
            f"{str(built)!r}])\nassert rc == 0, rc")
    mods = _modules_after(code, ws)
    assert "factsheet_pdf" in mods
    assert not mods & {"reportlab", "fontTools", "PIL", "pyphen"}, mods & {"reportlab"}


def test_one_tag_to_folder_mapping_for_the_build_and_its_fingerprints():
    """The fingerprints find catalogs through the same mapping as the build (factsheet_pdf.tags),
    one to one and case-canonical, without Babel."""
    from factsheet_pdf import fingerprint, languages, tags
    from factsheet_pdf.languages import LANGUAGES

    assert fingerprint.catalog_folder is tags.catalog_folder is languages.catalog_folder
    for tag in [*LANGUAGES, "tl", "de"]:
        assert tags.tag_for_folder(tags.catalog_folder(tag)) == tag
    assert tags.catalog_folder("pt-br") == "pt_BR" and tags.catalog_folder("ZH-hans") == "zh_Hans"


def test_content_change_rebuilds_and_a_damaged_cache_is_ignored(ws, tmp_path):
    out = tmp_path / "out"
    en = ("--lang", "en")

    def run(*args):
        code, stdout, err = run_cli("--root", str(ws), "build", *en, "--out", str(out), *args,
                                    cwd=ws)
        assert code == 0, err
        return summary(stdout)

    assert run() == (4, 0)
    cache = out / ".factsheet-cache" / "build.pickle"
    assert cache.is_file()
    cache.write_bytes(b"not a pickle")
    assert run() == (0, 4)
    content = ws / "content" / f"{SHEET}.yaml"
    text = content.read_text(encoding="utf-8")
    assert "text: HIV Treatment Failure}" in text
    content.write_text(text.replace("text: HIV Treatment Failure}",
                                    "text: HIV Treatment Failures}"), encoding="utf-8")
    assert run() == (4, 0)
    pdf = out / f"{SHEET}.en.standard.letter.pdf"
    txt = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    assert "HIV Treatment Failures" in " ".join(txt.split())


@pytest.mark.skipif(not hasattr(os, "killpg"), reason="POSIX process groups")
def test_sigterm_stops_the_workers_and_keeps_the_folder_sound(ws, tmp_path):
    import signal
    import time

    out = tmp_path / "out"
    env = dict(os.environ, PYTHONPATH=SRC + os.pathsep + os.environ.get("PYTHONPATH", ""))
    p = subprocess.Popen([sys.executable, "-m", "factsheet_pdf", "--root", str(ws), "build",
                          "--lang", LANGS, "--out", str(out), "--jobs", "2"], cwd=ws, env=env,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                         start_new_session=True)
    assert p.stderr is not None
    for line in p.stderr:
        if line.startswith("[1/"):
            break
    p.send_signal(signal.SIGTERM)  # the main process only, as a service manager would
    rest = p.stderr.read()
    assert p.wait(timeout=120) == 143, rest
    for _ in range(100):  # the workers end with their parent
        try:
            os.killpg(p.pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.1)
    else:
        os.killpg(p.pid, signal.SIGKILL)
        pytest.fail("worker processes outlived the build")
    assert "Traceback" not in rest
    entries = json.loads((out / "manifest.json").read_text())["outputs"]
    assert 1 <= len(entries) < 12
    assert {e["path"] for e in entries} == {q.name for q in out.glob("*.pdf")}
    assert not list(out.glob(".factsheet-tmp-*")) and not (out / ".manifest.journal").exists()
    code, stdout, err = build(ws, out)  # the next build makes only what is missing
    assert code == 0, err
    assert summary(stdout) == (12 - len(entries), len(entries))
