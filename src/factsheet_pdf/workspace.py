"""Workspaces: the folder that holds an organisation's sheets, found the way git finds a repository.

A workspace is a folder with a ``factsheet.toml`` (settings; every key optional) and
``content/`` (one YAML file per sheet), ``locales/`` (catalogs), optionally ``sites/`` (clinic
profiles) and ``fonts/`` (extra or replacement fonts). Commands use ``--root DIR`` if given, else
the nearest folder upward from the current one that holds ``factsheet.toml``. A bare
``content/`` folder is not a workspace: too many other tools use that name.

:func:`init` creates a new workspace from the package's template and example (the example
sheet, its translations and a site profile are the repository's own ``content/``, ``locales/``
and ``sites/``, shipped in the wheel as ``factsheet_pdf.example``).
"""

from __future__ import annotations

import os
import re
import stat
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from . import regular
from .errors import Diagnostic, FactsheetError
from .model import SourceLoc
from .tags import SOURCE_LANG
from .formats import DEFAULT_FORMATS, FORMAT_NAMES
from .variants import PAPER_NAMES as PAPERS
from .variants import VARIANT_NAMES as VARIANTS
from .nodes import is_empty, must_be_list, must_be_text, unknown
from .declared import Declared
from .declared import parse as parse_declared
from .declared import register as register_declared
from .write import atomic_write

CONFIG = "factsheet.toml"
RESERVED_IDS = ("common",)
"""Sheet ids that name something else (``common`` is the shared-strings domain)."""

# key -> (kind, default). "list" values also accept "all" or a comma-separated string.
SETTINGS = {
    "languages": ("list", "all"),
    "variants": ("list", "all"),
    "papers": ("list", "all"),
    "formats": ("list", ",".join(DEFAULT_FORMATS)),
    "out": ("str", "dist"),
    "site": ("str", None),
    "source_language": ("str", "en"),
    "region": ("str", "US"),
    "publisher": ("str", None),
}
CHOICES = {"variants": VARIANTS, "papers": PAPERS, "formats": FORMAT_NAMES}
"""The settings whose names are checked when the settings are read (languages need CLDR's data:
the build checks those, at their place here too: :meth:`Settings.loc`)."""


class UsageError(Exception):
    """A problem with how the command was called (exit status 2): one line, no location."""


@dataclass(frozen=True)
class Settings:
    languages: tuple[str, ...] | str = "all"
    variants: tuple[str, ...] | str = "all"
    papers: tuple[str, ...] | str = "all"
    formats: tuple[str, ...] | str = DEFAULT_FORMATS
    """``pdf``, ``html`` (:mod:`.formats`), or "all"."""
    out: str = "dist"
    site: str | None = None
    source_language: str = "en"
    region: str = "US"
    """ISO 3166 country of the workspace's phone numbers (a sheet's own contact block, and a
    site profile without ``region``)."""
    publisher: str | None = None
    """Who publishes the handouts (the PDFs' Author) when no clinic profile is built for."""
    declared: tuple[Declared, ...] = ()
    """Languages declared in ``[language.TAG]`` tables (:mod:`.declared`)."""
    braille: tuple[tuple[str, str], ...] = ()
    """``[braille]``: (language, liblouis table list) overriding a language's default table
    (:mod:`.braille_tables`)."""
    where: _Positions | None = field(default=None, compare=False, repr=False)
    """Where each setting is in factsheet.toml (None: the defaults, no file)."""

    def loc(self, key: str, item: str | None = None) -> SourceLoc | None:
        """Where setting ``key`` (or the name ``item`` in its list) is in factsheet.toml."""
        if self.where is None:
            return None
        return self.where.item(key, item) if item is not None else self.where.value(key)

    def braille_loc(self, tag: str) -> SourceLoc | None:
        """Where ``[braille]``'s table for ``tag`` is in factsheet.toml."""
        if self.where is None:
            return None
        given = next((raw for raw, t in self.braille_keys if t == tag), tag)
        return self.where.in_section("braille", given)

    @property
    def braille_keys(self) -> tuple[tuple[str, str], ...]:
        """(the key as written, its tag) of each ``[braille]`` entry."""
        return self.where.braille_keys if self.where is not None else ()


@dataclass(frozen=True)
class Workspace:
    root: Path
    """The workspace folder, as the user can read it (relative to the current folder if below)."""
    settings: Settings = field(default_factory=Settings)

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def locales(self) -> Path:
        return self.root / "locales"

    @property
    def sites(self) -> Path:
        return self.root / "sites"

    @property
    def fonts(self) -> Path:
        return self.root / "fonts"

    @property
    def config(self) -> Path:
        return self.root / CONFIG

    def rel(self, path: Path | str) -> str:
        """A path as messages print it: relative to the workspace root when inside it."""
        p = Path(path)
        try:  # lexically first: a symbolic link (even a loop) is named as the user named it
            return Path(os.path.abspath(p)).relative_to(os.path.abspath(self.root)).as_posix()
        except ValueError:
            pass
        try:
            return p.resolve().relative_to(self.root.resolve()).as_posix()
        except (ValueError, OSError, RuntimeError):
            return str(path)

    def sheet_files(self) -> list[Path]:
        """Every content file, sorted (``.yaml`` and ``.yml``)."""
        if not self.content.is_dir():
            return []
        return sorted(p for p in self.content.iterdir()
                      if p.suffix in (".yaml", ".yml") and not p.name.startswith("."))


def _display(path: Path) -> Path:
    """``path`` relative to the current folder when it is below it (messages stay short)."""
    try:
        rel = path.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return path.resolve()
    return rel if rel.parts else Path(".")


def _odd_config(folder: Path) -> str:
    """``; <folder>/factsheet.toml is not a regular file (...)`` when something that is not a
    file has the settings' name there (it is never opened), else ``""``."""
    try:
        mode = os.stat(folder / CONFIG).st_mode
    except OSError:
        return ""
    if stat.S_ISREG(mode):
        return ""
    return f"; {_display(folder) / CONFIG} is not a regular file ({regular.kind(mode)})"


def find(root: Path | None = None, start: Path | None = None) -> Workspace:
    """The workspace: ``root`` if given, else the nearest folder upward holding factsheet.toml."""
    if root is not None:
        if not (root / CONFIG).is_file():
            raise UsageError(f"{root}: not a factsheet workspace (no {CONFIG}"
                             f"{_odd_config(root)}); create one with `factsheet init {root}`")
        return Workspace(_display(root), read_settings(_display(root) / CONFIG))
    here = (start or Path.cwd()).resolve()
    odd = ""
    for folder in (here, *here.parents):
        if (folder / CONFIG).is_file():
            shown = _display(folder)
            return Workspace(shown, read_settings(shown / CONFIG))
        odd = odd or _odd_config(folder)
    raise UsageError(f"not inside a factsheet workspace (no {CONFIG} in this folder or any "
                     f"above it{odd}); create one with `factsheet init DIR`, or pass --root DIR")


_TOML_AT = re.compile(r"\(at line (\d+), column (\d+)\)")


def _open_quote(line: str) -> int | None:
    """1-based column of a quote that is not closed on its line, or None."""
    quote, at, i = None, 0, 0
    while i < len(line):
        c = line[i]
        if quote is None:
            if c == "#":
                return None
            if c in "\"'":
                quote, at = c, i
        elif c == "\\" and quote == '"':
            i += 1
        elif c == quote:
            quote = None
        i += 1
    return at + 1 if quote else None


def read_settings(path: Path) -> Settings:
    """Read factsheet.toml; every problem is a located error."""
    shown = str(path)
    try:
        raw = regular.read_regular(path)
    except OSError as e:
        raise FactsheetError(Diagnostic(SourceLoc.file(shown), f"cannot read settings: {e.strerror}"))
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise FactsheetError(Diagnostic(SourceLoc(shown, line), "not UTF-8 text"))
    except tomllib.TOMLDecodeError as e:
        m = _TOML_AT.search(str(e))
        loc = SourceLoc(shown, int(m[1]), int(m[2])) if m else SourceLoc(shown, 1)
        msg = _TOML_AT.sub('', str(e)).strip()
        if m and "Illegal character '\\n'" in msg:  # a string that runs to the end of its line
            text = raw.decode("utf-8").splitlines()[int(m[1]) - 1]
            col = _open_quote(text)
            if col is not None:
                loc, msg = SourceLoc(shown, loc.line, col), "unterminated string (no closing quote)"
        raise FactsheetError(Diagnostic(loc, f"invalid TOML: {msg}"))
    where = _Positions(shown, raw.decode("utf-8"))
    problems: list[Diagnostic] = []
    values: dict[str, object] = {}
    for key, value in data.items():
        if key == "language" and isinstance(value, dict):
            values["declared"], found = parse_declared(value, where.in_table)
            problems += found
            continue
        if key == "braille":
            values["braille"], found = _braille(value, where)
            problems += found
            continue
        if key not in SETTINGS:
            msg, hint = unknown("setting", key, tuple(SETTINGS))
            if key == "language":
                hint += "; a language CLDR does not know is declared as a table: [language.TAG]"
            problems.append(Diagnostic(where.key(key), msg, hint=hint))
            continue
        kind, _ = SETTINGS[key]
        if kind == "list":
            if isinstance(value, str):
                value = "all" if value.strip() == "all" else tuple(
                    v.strip() for v in value.split(",") if v.strip())
            elif isinstance(value, list) and all(isinstance(v, str) for v in value):
                value = tuple(value)
            else:
                problems.append(Diagnostic(where.value(key),
                                           must_be_list(key, 'names, or "all"')))
                continue
            if not value:
                problems.append(Diagnostic(where.value(key), must_be_list(key),
                                           hint=f'{key} = "all", or a list of names'))
                continue
            choices = CHOICES.get(key)
            bad = [v for v in value if v not in choices] if choices and value != "all" else []
            if bad and choices:
                noun = key[:-1]  # variants -> variant
                msg, _ = unknown(noun, bad[0], choices)
                problems.append(Diagnostic(where.item(key, bad[0]), msg,
                                           hint=f"{key}: {', '.join(choices)}, or \"all\""))
                continue
        elif not isinstance(value, str):
            problems.append(Diagnostic(where.value(key), must_be_text(key)))
            continue
        elif not value.strip():
            problems.append(Diagnostic(where.value(key), is_empty(key)))
            continue
        values[key] = value
    if "region" in values and not _is_region(str(values["region"])):
        region = str(values["region"])
        close = f" (did you mean {region.upper()!r}?)" if _is_region(region.upper()) else ""
        problems.append(Diagnostic(where.value("region"), f"region {region!r} is not an ISO "
                                   f"3166 country code{close}", hint="two capital letters, "
                                   "e.g. US, FR, BR (the country of the phone numbers)"))
    if values.get("source_language", SOURCE_LANG) != SOURCE_LANG:
        problems.append(Diagnostic(where.value("source_language"),
                                   "only English ('en') source content is supported yet"))
    if problems:
        raise FactsheetError(problems)
    settings = Settings(**values, where=where)  # type: ignore[arg-type]
    register_declared(settings.declared)
    return settings


def _braille(value: object, where: _Positions) -> tuple[tuple[tuple[str, str], ...],
                                                        list[Diagnostic]]:
    """``[braille]``: ``TAG = "table"`` lines (the table is checked by liblouis when braille
    is built or checked: :mod:`.braille_setup`)."""
    from .tags import canonical_tag

    example = 'e.g. [braille] with es = "es-g2.ctb" (a liblouis table) on a line of its own'
    if not isinstance(value, dict):
        return (), [Diagnostic(where.key("braille"), "braille must be a table: [braille]",
                               hint=example)]
    out: list[tuple[str, str]] = []
    problems: list[Diagnostic] = []
    for raw, table in value.items():
        if not re.fullmatch(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*", raw):
            problems.append(Diagnostic(where.in_section("braille", raw, key_col=True),
                                       f"braille: {raw!r} is not a BCP 47 language tag",
                                       hint=example))
            continue
        if not isinstance(table, str) or not table.strip() or "\n" in table:
            problems.append(Diagnostic(where.in_section("braille", raw),
                                       f"braille.{raw} must be a liblouis table name",
                                       hint=example))
            continue
        tag = canonical_tag(raw)
        where.braille_keys += ((raw, tag),)
        out.append((tag, table.strip()))
    return tuple(out), problems


def _is_region(value: str) -> bool:
    """A country libphonenumber knows (imported only when a workspace names its region)."""
    import phonenumbers

    return value in phonenumbers.SUPPORTED_REGIONS


_BARE_KEY = r"[A-Za-z0-9_-]+"
_KEY_LINE = re.compile(rf"""[ \t]*(?P<key>{_BARE_KEY}|"(?:[^"\\]|\\.)*"|'[^']*')[ \t]*=[ \t]*""")
_TABLE_LINE = re.compile(rf"""[ \t]*\[\[?[ \t]*(?P<key>{_BARE_KEY}|"[^"]*"|'[^']*')""")


class _Positions:
    """Where each top-level key of a TOML text is, found from the text (``tomllib`` keeps no
    positions): ``key = value`` lines before the first table, and ``[table]`` headers."""

    def __init__(self, path: str, text: str):
        self.path = path
        self.lines = text.splitlines()
        self.braille_keys: tuple[tuple[str, str], ...] = ()
        self._keys: dict[str, tuple[int, int, int | None]] = {}  # key -> line, key col, value col
        in_table = False
        for n, line in enumerate(self.lines, 1):
            t = _TABLE_LINE.match(line)
            if t and line.lstrip().startswith("["):
                in_table = True
                self._keys.setdefault(t["key"].strip("\"'"), (n, t.start("key") + 1, None))
                continue
            m = _KEY_LINE.match(line)
            if m and not in_table:
                self._keys.setdefault(m["key"].strip("\"'"), (n, m.start("key") + 1, m.end() + 1))

    def in_table(self, tag: str | None, key: str | None) -> SourceLoc:
        """Where ``[language.TAG]`` is, or its ``key = ...`` line (the ``[language]`` table
        itself when ``tag`` is None)."""
        header = None
        for n, line in enumerate(self.lines, 1):
            s = line.strip().replace(" ", "").replace('"', "").replace("'", "")
            if header is None:
                if s.startswith("[language") if tag is None else \
                        s == f"[language.{tag.replace(' ', '')}]":
                    header = n
                    if key is None:
                        return SourceLoc(self.path, n, line.index("[") + 1)
            elif s.startswith("["):
                break
            elif key is not None and (m := _KEY_LINE.match(line)) and \
                    m["key"].strip("\"'") == key:
                return SourceLoc(self.path, n, m.end() + 1)
        return SourceLoc(self.path, header) if header else self.key("language")

    def in_section(self, section: str, key: str, *, key_col: bool = False) -> SourceLoc:
        """Where ``key = ...`` is in the ``[section]`` table (its value, or with ``key_col``
        the key); the table's header, else the section's key, when it cannot be found."""
        header = None
        for n, line in enumerate(self.lines, 1):
            s = line.strip().replace(" ", "")
            if header is None:
                if s.split("#")[0] in (f"[{section}]", f'["{section}"]'):
                    header = n
            elif s.startswith("["):
                break
            elif (m := _KEY_LINE.match(line)) and m["key"].strip("\"'") == key:
                return SourceLoc(self.path, n, (m.start("key") if key_col else m.end()) + 1)
        return SourceLoc(self.path, header) if header else self.key(section)

    def key(self, key: str) -> SourceLoc:
        """The key's line and column; the file's first line if it cannot be found."""
        line, col, _ = self._keys.get(key, (1, None, None))
        return SourceLoc(self.path, line, col)

    def value(self, key: str) -> SourceLoc:
        """Where the key's value starts."""
        line, col, vcol = self._keys.get(key, (1, None, None))
        return SourceLoc(self.path, line, vcol or col)

    def item(self, key: str, item: str) -> SourceLoc:
        """Where the string ``item`` is in the key's value (a list may span lines)."""
        if key not in self._keys:
            return self.key(key)
        line, _, vcol = self._keys[key]
        start = (vcol or 1) - 1
        for n in range(line, len(self.lines) + 1):
            text = self.lines[n - 1]
            if n > line and _KEY_LINE.match(text):
                break
            for q in ('"', "'"):
                at = text.find(f"{q}{item}{q}", start if n == line else 0)
                if at >= 0:
                    return SourceLoc(self.path, n, at + 1)
            if n == line and item in text[start:]:  # "a4,legal": a comma-separated string
                return SourceLoc(self.path, n, text.index(item, start) + 1)
        return self.value(key)


# -- factsheet init ---------------------------------------------------------------------------

def _copy_tree(src, dest: Path, *, skip=("__init__.py", "__pycache__")) -> list[Path]:
    written = []
    for item in src.iterdir():
        if item.name in skip or item.name.startswith(".") or item.suffix == ".py":
            continue
        target = dest / item.name
        if item.is_dir():
            written += _copy_tree(item, target, skip=skip)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(target, item.read_bytes())
            written.append(target)
    return written


def init(dest: Path, *, empty: bool = False) -> list[Path]:
    """Create a workspace in ``dest`` (which must not hold one); return the files written."""
    if (dest / CONFIG).exists():
        raise UsageError(f"{dest / CONFIG} exists already: {dest} is a workspace")
    if dest.exists() and not dest.is_dir():
        raise UsageError(f"{dest} exists and is not a folder")
    if dest.is_dir() and any(p.name in ("content", "locales") for p in dest.iterdir()):
        raise UsageError(f"{dest} already has content/ or locales/; refusing to mix a new "
                         "workspace into it")
    template = resources.files("factsheet_pdf.data") / "workspace"
    written: list[Path] = []
    try:
        dest.mkdir(parents=True, exist_ok=True)
        written += _copy_tree(template, dest)
        for sub in ("content", "locales", "sites", "fonts"):
            (dest / sub).mkdir(exist_ok=True)
        if not empty:
            for part in ("content", "locales", "sites"):
                written += _copy_tree(resources.files(f"factsheet_pdf.example.{part}"),
                                      dest / part)
    except OSError as e:
        raise FactsheetError(Diagnostic(SourceLoc.file(e.filename or dest),
                                        f"cannot create workspace: {e.strerror}"))
    return written
