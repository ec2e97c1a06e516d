"""Diagnostics: every problem the tool finds, with the place it was found.

Stages collect :class:`Diagnostic` values and raise one :class:`FactsheetError` carrying all
of them, so a user sees every problem in a file at once (Typst's ``SourceResult``, Babel's
``Message.check()``). The CLI prints them as ``file:line[:col]: error: message``; a problem
with a whole file (it cannot be read or written) has ``SourceLoc.file(path)`` and prints as
``file: error: message``. Only problems no file is at fault for (a language tag or a sheet
asked for on the command line, a worker that died) have no location: ``factsheet: error: ...``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .model import SourceLoc


@dataclass(frozen=True, slots=True)
class Diagnostic:
    loc: SourceLoc | None
    message: str
    severity: str = "error"
    hint: str | None = None

    def __str__(self) -> str:
        where = f"{self.loc}: " if self.loc else "factsheet: "
        text = f"{where}{self.severity}: {self.message}"
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text


class FactsheetError(Exception):
    """One or more diagnostics that stop a stage (content, catalog, font or layout errors)."""

    def __init__(self, diagnostics: list[Diagnostic] | Diagnostic):
        if isinstance(diagnostics, Diagnostic):
            diagnostics = [diagnostics]
        self.diagnostics = list(diagnostics)
        super().__init__("\n".join(str(d) for d in self.diagnostics))


def error(loc: SourceLoc | None, message: str, hint: str | None = None) -> FactsheetError:
    return FactsheetError(Diagnostic(loc, message, hint=hint))


class Report:
    """Prints diagnostics for one command run, each distinct hint only the first time: a strict
    build of a new language has one "use --draft" hint, not one per missing translation."""

    def __init__(self) -> None:
        self.hints: set[str] = set()

    def __call__(self, d: object, file) -> None:
        hint = d.hint if isinstance(d, Diagnostic) else None
        if isinstance(d, Diagnostic) and hint is not None:
            if hint in self.hints:
                d = replace(d, hint=None)
            else:
                self.hints.add(hint)
        print(d, file=file)


_run = Report()


def new_run() -> Report:
    """Start a command run (:func:`report` prints each hint once per run)."""
    global _run
    _run = Report()
    return _run


def report(d: object, file) -> None:
    """Print a diagnostic (or any line) to ``file``; a hint already printed in this run is left
    out."""
    _run(d, file)
