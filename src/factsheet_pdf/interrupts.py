"""SIGINT/SIGTERM during a build: exceptions at safe points, and exit statuses 130/143.

Input: the signals a user or a service manager sends (Ctrl-C, ``kill``, ``systemctl stop``).
Output: an exception in the main thread — ``KeyboardInterrupt`` for SIGINT, :class:`Terminated`
for SIGTERM — so ``with OutputFolder(...)`` blocks unwind, the manifest is compacted and no
temp file is left; :func:`exit_code` maps it to the status a shell expects (128 + signal).

Usage (the build loop)::

    try:
        with handle_signals(), OutputFolder(out) as folder:
            for ...:
                folder.land(...)          # a landing is never cut in half (see deferred())
    except (KeyboardInterrupt, Terminated) as e:
        return exit_code(e)

:func:`deferred` holds a signal that arrives during a critical section (one landing: temp
file, rename, journal line) and raises it when the section ends, so the PDF in flight is
finished and recorded. Outside :func:`handle_signals` (or off the main thread), both are no-ops
and Python's default SIGINT behaviour applies. Windows has only SIGINT (and SIGBREAK, treated
like SIGTERM); SIGKILL cannot be caught anywhere: the next ``OutputFolder`` repairs after it.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

SIGINT_STATUS = 130
SIGTERM_STATUS = 143


class Terminated(BaseException):
    """SIGTERM (or SIGBREAK/SIGHUP) arrived: stop the build cleanly and exit with 128 + signum."""

    def __init__(self, signum: int = signal.SIGTERM):
        self.signum = int(signum)
        self.exit_code = 128 + (15 if self.signum == getattr(signal, "SIGBREAK", -1)
                                else self.signum)
        super().__init__(f"terminated by signal {self.signum}")


_pending: list[int] = []   # signals held back by deferred(), main thread only
_depth = [0]               # nesting of deferred()
_installed = [False]


def _raise_for(signum: int) -> None:
    if signum == signal.SIGINT:
        raise KeyboardInterrupt
    raise Terminated(signum)


def _handler(signum, frame) -> None:
    if _depth[0] > 0:
        if signum not in _pending:
            _pending.append(signum)
        return
    _raise_for(signum)


def _signals() -> list[int]:
    names = ["SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK"]
    return [getattr(signal, n) for n in names if hasattr(signal, n)]


@contextmanager
def handle_signals() -> Iterator[None]:
    """Turn SIGINT/SIGTERM (and SIGHUP, SIGBREAK where they exist) into exceptions.

    Signals that were ignored when we started (``nohup``, a background job) stay ignored.
    Previous handlers come back on exit.
    """
    if threading.current_thread() is not threading.main_thread() or _installed[0]:
        yield
        return
    previous = {}
    for sig in _signals():
        try:
            old = signal.getsignal(sig)
            if old is signal.SIG_IGN:
                continue
            signal.signal(sig, _handler)
            previous[sig] = old
        except (OSError, ValueError):  # not settable on this platform
            continue
    _installed[0] = True
    try:
        yield
    finally:
        _installed[0] = False
        for sig, old in previous.items():
            signal.signal(sig, old if old is not None else signal.SIG_DFL)
        _pending.clear()


@contextmanager
def deferred() -> Iterator[None]:
    """A critical section: a signal arriving inside is raised when it ends (outermost only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    _depth[0] += 1
    try:
        yield
    finally:
        _depth[0] -= 1
        if _depth[0] == 0 and _pending:
            signum = _pending.pop(0)
            _pending.clear()
            _raise_for(signum)


def exit_code(exc: BaseException) -> int:
    """Exit status for an interrupt: 130 for SIGINT, 143 for SIGTERM (128 + signal number)."""
    if isinstance(exc, Terminated):
        return exc.exit_code
    if isinstance(exc, KeyboardInterrupt):
        return SIGINT_STATUS
    return 1
