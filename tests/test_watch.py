"""``factsheet watch``: a real process on a fixture workspace, driven by real saves.

It builds, then picks up a catalog change and a content change (the new text in the PDF, read
by pdftotext), survives a bad edit (located error, the last good PDF kept), coalesces a burst of
saves into one rebuild, leaves the output folder unlocked between rebuilds (a `factsheet build`
from elsewhere works) and ends on Ctrl-C with 130 and no traceback. Not timed: the latency is
measured by bench/.
"""

from __future__ import annotations

import hashlib
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time

import pytest

from conftest import make_workspace, run_cli, tool

SHEET = "treatment-failure"


class Watch:
    """``factsheet watch`` in a subprocess, its stderr read line by line."""

    def __init__(self, ws, *argv: str):
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "factsheet_pdf", "watch", *argv], cwd=ws, env=env,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        self.out: list[str] = []
        threading.Thread(target=self._read, args=(self.proc.stderr, self.lines),
                         daemon=True).start()
        threading.Thread(target=lambda: self.out.extend(self.proc.stdout),
                         daemon=True).start()

    @staticmethod
    def _read(stream, q):
        for line in stream:
            q.put(line.rstrip("\n"))

    def wait_for(self, pattern: str, timeout: float = 90) -> str:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            try:
                line = self.lines.get(timeout=0.2)
            except queue.Empty:
                if self.proc.poll() is not None:
                    break
                continue
            self.seen.append(line)
            if re.search(pattern, line):
                return line
        raise AssertionError(f"no line matching {pattern!r}; stderr so far:\n"
                             + "\n".join(self.seen))

    def rebuilt(self) -> None:
        """Wait for one change to be heard and its build to end."""
        self.wait_for(r"^factsheet: changed: ")
        self.wait_for(r"^factsheet: watching$")

    def drain(self, seconds: float) -> list[str]:
        end, got = time.monotonic() + seconds, []
        while time.monotonic() < end:
            try:
                got.append(self.lines.get(timeout=0.1))
            except queue.Empty:
                pass
        self.seen += got
        return got

    def stop(self) -> int:
        self.proc.send_signal(signal.SIGINT)
        try:
            return self.proc.wait(timeout=30)
        finally:
            self.drain(0.3)


def _text(pdf) -> str:
    return " ".join(tool("pdftotext", "-enc", "UTF-8", str(pdf), "-").split())


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child process")
def test_watch_rebuilds_what_a_save_changes_and_survives_bad_input(tmp_path):
    ws = make_workspace(tmp_path)
    en = ws / "dist" / f"{SHEET}.en.standard.letter.pdf"
    es = ws / "dist" / f"{SHEET}.es.standard.letter.pdf"
    w = Watch(ws, "--lang", "en,es", "--variant", "standard", "--paper", "letter",
              "--formats", "pdf", "--jobs", "1")
    try:
        w.wait_for(r"^factsheet: watching \S+ for changes")
        assert en.is_file() and es.is_file()

        # A catalog edit (as Poedit saves: a new file renamed over the old one).
        po = ws / "locales" / "es" / "LC_MESSAGES" / f"{SHEET}.po"
        text = po.read_text(encoding="utf-8")
        old = 'msgstr "Fracaso del tratamiento contra el VIH"'
        assert old in text
        before_en = _digest(en)
        tmp = po.with_name(po.name + "~new")
        tmp.write_text(text.replace(old, 'msgstr "Fracaso terapéutico del VIH"'), encoding="utf-8")
        os.replace(tmp, po)
        w.rebuilt()
        assert "Fracaso terapéutico del VIH" in _text(es)
        assert _digest(en) == before_en  # only the language that changed

        # A content edit.
        content = ws / "content" / f"{SHEET}.yaml"
        good = content.read_text(encoding="utf-8")
        sentence = "Treatment failure"
        assert sentence in good
        content.write_text(good.replace(sentence, "Failure of treatment", 1), encoding="utf-8")
        w.rebuilt()
        assert "Failure of treatment" in _text(en)
        good = content.read_text(encoding="utf-8")

        # A bad edit: reported at its line, the last good PDF kept, the watch goes on.
        kept = _digest(en)
        content.write_text(good + "title: [unclosed\n", encoding="utf-8")
        line = w.wait_for(r"error: ")
        assert re.search(rf"{SHEET}\.yaml:\d+:\d+: error: invalid YAML", line), line
        w.wait_for(r"^factsheet: watching$")
        assert _digest(en) == kept
        assert w.proc.poll() is None

        # A burst of saves within the coalescing window: one rebuild.
        content.write_text(good, encoding="utf-8")
        for i in range(5):
            with content.open("a", encoding="utf-8") as f:
                f.write(f"# save {i}\n")
            time.sleep(0.02)
        w.rebuilt()
        assert not [s for s in w.drain(1.5) if s.startswith("factsheet: changed:")]

        # Between rebuilds the output folder is not locked.
        code, _, err = run_cli("build", "--lang", "en", "--variant", "standard", "--paper",
                               "letter", "--formats", "pdf", "-q", cwd=ws)
        assert code == 0, err
        assert not [s for s in w.drain(1.0) if s.startswith("factsheet: changed:")]
    finally:
        code = w.stop()
    assert code == 130, "\n".join(w.seen)
    assert "Traceback" not in "\n".join(w.seen) and "Exception ignored" not in "\n".join(w.seen)
