"""A build's progress, as each PDF lands: a bar on a terminal, plain lines otherwise.

Input: the build's events (how many PDFs it will make and how many are up to date; each PDF
landed or failed; messages). Output: text on a stream (the command line gives stderr).

Modes (:func:`for_stream`): ``bar`` when the stream is a terminal (tqdm: small, no further
dependencies, imported only when there is something to build), ``lines`` otherwise (one line
per PDF, for logs and CI), ``quiet`` (nothing: the command line prints only errors).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TextIO


class Progress:
    def __init__(self, stream: TextIO | None = None, mode: str = "lines",
                 emit: Callable[[str], None] | None = None):
        """``emit``: where lines and messages go instead of ``stream`` (a build's ``log``)."""
        if mode not in ("bar", "lines", "quiet"):
            raise ValueError(f"unknown progress mode {mode!r}")
        self.stream = stream if stream is not None else sys.stderr
        self.emit = emit
        self.mode = mode
        self.total = 0
        self.count = 0
        self._bar = None

    def start(self, total: int, up_to_date: int = 0) -> None:
        """``total`` PDFs to build; ``up_to_date`` skipped because their inputs are unchanged."""
        self.total, self.count = total, 0
        if self.mode == "bar" and total > 0:
            from tqdm import tqdm

            self._bar = tqdm(total=total, file=self.stream, unit="PDF", leave=False,
                             dynamic_ncols=True, desc="building")

    def landed(self, rel: str, detail: str = "") -> None:
        self._step(f"{rel}: {detail}" if detail else rel)

    def failed(self, rel: str) -> None:
        self._step(f"{rel}: FAILED")

    def _step(self, text: str) -> None:
        self.count += 1
        if self._bar is not None:
            self._bar.update(1)
        elif self.mode == "lines":
            self._print(f"[{self.count}/{self.total}] {text}")

    def _print(self, msg: str) -> None:
        if self.emit is not None:
            self.emit(msg)
        else:
            print(msg, file=self.stream, flush=True)

    def write(self, msg: str) -> None:
        """A message (a notice, a warning) that must not be drawn over by the bar."""
        if self.mode == "quiet":
            return
        if self._bar is not None:
            self._bar.write(msg, file=self.stream)
        else:
            self._print(msg)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None


def for_stream(stream: TextIO, quiet: bool = False) -> Progress:
    """The progress for ``stream``: quiet, a bar on a terminal, else plain lines."""
    if quiet:
        return Progress(stream, "quiet")
    try:
        tty = stream.isatty()
    except (AttributeError, ValueError):
        tty = False
    return Progress(stream, "bar" if tty else "lines")
