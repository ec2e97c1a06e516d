"""What a build (or ``factsheet check``) needs before any BRF is made: liblouis, and each
language's table, checked once.

Input: the workspace (its ``[braille]`` overrides), the languages, whether braille was named
on the command line. Output: a :class:`BrailleSetup`: the loaded library (or None), the table
of each language that has one (checked by liblouis when a BRF is to be made with it), the
problems of the others, and the part of each BRF's fingerprint that is liblouis's (its version
and the digests of the table files used).

Outcomes, each one line: liblouis missing is an error when ``--formats`` names braille (the
other formats are still built; exit 1) and a warning when it comes from the ``formats``
setting or ``all``; a language with no table is a warning (no BRF for it); a table liblouis
cannot read is an error at its line of ``factsheet.toml`` (a default table that does not
compile, with an older liblouis-data, is an error without one).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from . import braille_tables as bt
from .errors import Diagnostic

if TYPE_CHECKING:
    from .fingerprint import Digests
    from .louis import Louis
    from .workspace import Settings, Workspace



@dataclass
class BrailleSetup:
    louis: Louis | None = None
    tables: dict[str, str] = field(default_factory=dict)
    """Language -> its table list (languages that have one)."""
    failed: dict[str, list[Diagnostic]] = field(default_factory=dict)
    """Language -> why liblouis cannot use its table (its BRF fails); filled by
    :meth:`usable`."""
    warnings: list[Diagnostic] = field(default_factory=list)
    errors: list[Diagnostic] = field(default_factory=list)
    overrides: tuple[tuple[str, str], ...] = ()
    settings: Settings | None = None
    _parts: dict[str, str] = field(default_factory=dict)
    _checked: set[str] = field(default_factory=set)

    def usable(self, tag: str) -> bool:
        """Whether liblouis compiles the language's table (checked once; the reason in
        :attr:`failed`: at the table's line of factsheet.toml for an override)."""
        if tag not in self.tables or self.louis is None:
            return False
        if tag not in self._checked:
            self._checked.add(tag)
            table = self.tables[tag]
            why = self.louis.check(table)
            if why is not None:
                given = any(t == tag for t, _ in self.overrides)
                st = self.settings
                loc = st.braille_loc(tag) if given and st is not None else None
                what = "" if given else " (the default; is liblouis-data older than 3.24?)"
                self.failed[tag] = [Diagnostic(
                    loc, f"braille table {table!r} for {tag}{what} cannot be read by liblouis "
                         f"{self.louis.version}: {why}")]
        return tag not in self.failed

    def fingerprint(self, tag: str, digests: Digests) -> str:
        """liblouis's part of a BRF's fingerprint: its version, the table list and the bytes
        of every table file it reads (names, not paths: the same on every machine)."""
        if tag not in self._parts:
            from .fingerprint import combine

            assert self.louis is not None
            table = self.tables[tag]
            files = bt.table_files(table, bt.search_path(self.louis.path))
            self._parts[tag] = combine(f"liblouis {self.louis.version}", table,
                                       *(f"{f.name}:{digests.file(f)}" for f in files))
        return self._parts[tag]


def english_name(tag: str) -> str:
    """The language's English name (a declaration's, else CLDR's through Babel's Locale: not
    :mod:`.languages`, whose import costs a no-op build more than everything else)."""
    from . import declared

    d = declared.get(tag)
    if d is not None:
        return d.english
    try:
        from babel import Locale

        return Locale.parse(tag, sep="-").get_display_name("en") or tag
    except (ValueError, LookupError, TypeError):
        return tag


def setup(ws: Workspace, langs: list[str], *, named: bool, check_only: bool = False
          ) -> BrailleSetup:
    """liblouis and the tables of ``langs``; ``named``: braille was named on the command line
    (a missing liblouis is then an error). Tables are checked by liblouis when
    :meth:`BrailleSetup.usable` asks (an up-to-date BRF's table was checked when it was
    built: its fingerprint covers the table's name and files)."""
    from . import louis as lou

    res = BrailleSetup(overrides=ws.settings.braille, settings=ws.settings)
    try:
        res.louis = lou.load()
    except lou.Missing as e:
        if not check_only:
            said = Diagnostic(None, f"braille: {e}; no BRF made", "error" if named else
                              "warning")
            (res.errors if named else res.warnings).append(said)
        else:
            res.warnings.append(Diagnostic(None, f"braille: {e}; braille tables not checked",
                                           "warning"))
        return res
    for tag in langs:
        table = bt.table_for(tag, res.overrides)
        if table is None:
            res.warnings.append(Diagnostic(
                None, f"braille: no braille table for {tag} ({english_name(tag)}): no BRF "
                      f"for it (name a liblouis table under [braille] in factsheet.toml)",
                "warning"))
            continue
        res.tables[tag] = table
    if check_only:
        for tag in list(res.tables):
            res.usable(tag)
    return res
