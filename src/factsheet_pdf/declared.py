"""Languages a workspace declares in ``factsheet.toml``, for tags CLDR does not know (S'gaw
Karen ``ksw``, Hmong ``hmn``) or whose CLDR names no shipped font draws (``hnj-Latn``)::

    [language.ksw]
    name = "ကညီကျိာ်"              # the language's name in itself (page marks, shelf)
    english = "S'gaw Karen"
    script = "Mymr"                # ISO 15924: the script the text is written in
    direction = "ltr"              # or "rtl" (default: ltr)
    plural_forms = "nplurals=1; plural=0;"   # the catalogs' Plural-Forms (default: English's)

A declaration takes precedence over CLDR for its tag (:func:`.languages.language` asks here
first). Read with the settings (no Babel, no fonts); registered for the process by
:func:`register`, which the build's worker processes call again from the settings they get.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import Diagnostic, SourceLoc
from .tags import canonical_tag

DEFAULT_PLURALS = "nplurals=2; plural=(n != 1);"
KEYS = ("name", "english", "script", "direction", "plural_forms")
_TAG = re.compile(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*")
_PLURALS = re.compile(r"nplurals=\s*[1-6]\s*;\s*plural=\s*[^;]+;?")


@dataclass(frozen=True, slots=True)
class Declared:
    tag: str
    native: str
    english: str
    script: str
    direction: str = "ltr"
    plural_forms: str = DEFAULT_PLURALS


_REGISTRY: dict[str, Declared] = {}


def register(declared: tuple[Declared, ...]) -> None:
    """Make ``declared`` the languages this process knows besides CLDR's."""
    _REGISTRY.clear()
    _REGISTRY.update((d.tag, d) for d in declared)


def get(tag: str) -> Declared | None:
    """The declaration of ``tag`` (any case), or None."""
    return _REGISTRY.get(canonical_tag(tag)) if _REGISTRY else None


def _known_script(code: str) -> bool:
    """An ISO 15924 code Unicode (or our compound codes such as Jpan) knows."""
    from fontTools import unicodedata as ucd

    from .scripts import COMPOUND

    return code in COMPOUND or (re.fullmatch(r"[A-Z][a-z]{3}", code) is not None
                                and ucd.script_name(code, default=None) is not None)


def parse(table: object, where) -> tuple[tuple[Declared, ...], list[Diagnostic]]:
    """The ``[language.TAG]`` tables of factsheet.toml; ``where(tag, key)`` locates a
    problem. Every problem is reported, none stops the others."""
    problems: list[Diagnostic] = []
    out: list[Declared] = []

    def err(loc: SourceLoc | None, msg: str, hint: str | None = None) -> None:
        problems.append(Diagnostic(loc, msg, hint=hint))

    example = ('declare a language as: [language.ksw] with name = "ကညီကျိာ်", '
               'english = "S\'gaw Karen", script = "Mymr" (ISO 15924) on lines of their own')
    if not isinstance(table, dict):
        err(where(None, None), "language must be a table of languages: [language.TAG]",
            hint=example)
        return (), problems
    for raw, spec in table.items():
        if not _TAG.fullmatch(raw):
            err(where(raw, None), f"language {raw!r} is not a BCP 47 tag", hint=example)
            continue
        if not isinstance(spec, dict):
            err(where(raw, None), f"language.{raw} must be a table", hint=example)
            continue
        bad = False
        for key in spec:
            if key not in KEYS:
                err(where(raw, key), f"language.{raw}: unknown key {key!r}",
                    hint=f"keys: {', '.join(KEYS)}")
                bad = True
        values: dict[str, str] = {}
        for key in KEYS:
            v = spec.get(key)
            if v is None:
                continue
            if not isinstance(v, str) or not v.strip():
                err(where(raw, key), f"language.{raw}: {key} must be a non-empty text")
                bad = True
                continue
            values[key] = v.strip()
        for key in ("name", "english", "script"):
            if key not in spec:
                err(where(raw, None), f"language.{raw}: {key} is missing", hint=example)
                bad = True
        script = values.get("script", "Latn")
        if "script" in values and not _known_script(script):
            err(where(raw, "script"), f"language.{raw}: unknown script {script!r}",
                hint="an ISO 15924 code such as Latn, Mymr, Arab, Ethi, Deva")
            bad = True
        direction = values.get("direction", "ltr")
        if direction not in ("ltr", "rtl"):
            err(where(raw, "direction"), f"language.{raw}: direction must be ltr or rtl")
            bad = True
        plurals = values.get("plural_forms", DEFAULT_PLURALS)
        if not _PLURALS.fullmatch(plurals):
            err(where(raw, "plural_forms"), f"language.{raw}: plural_forms is not a gettext "
                "Plural-Forms value", hint='e.g. "nplurals=1; plural=0;"')
            bad = True
        if not bad:
            if not plurals.endswith(";"):
                plurals += ";"
            out.append(Declared(canonical_tag(raw), values["name"], values["english"], script,
                                direction, plurals))
    return tuple(out), problems
