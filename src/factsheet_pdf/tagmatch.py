"""Language tags as a user types them -> the tag the workspace has, or why not.

``--lang PT-br`` is ``pt-BR`` (BCP 47 is case-insensitive: :func:`.tags.canonical_tag`);
``--lang zh`` where ``zh-Hans`` exists is not a new language but the same one by CLDR's likely
subtags (``zh`` -> ``zh_Hans_CN`` <- ``zh-Hans``): the user is asked whether they meant
``zh-Hans`` instead of being offered an empty duplicate catalog. Tags that differ in script or
region once maximized (``zh-Hant``, ``pt-PT``, ``es-419``) are other languages.

Babel's likely-subtags table is read only when a tag is not one the workspace has (the no-op
build path loads no CLDR data).
"""

from __future__ import annotations

from collections.abc import Iterable

from .tags import canonical_tag


def maximize(tag: str) -> tuple[str, str, str]:
    """(language, script, region) of ``tag`` with CLDR's likely subtags filled in:
    ``zh`` -> ``('zh', 'Hans', 'CN')``, ``pt-BR`` -> ``('pt', 'Latn', 'BR')``."""
    from babel.core import get_global

    likely = get_global("likely_subtags")
    parts = canonical_tag(tag).split("-")
    lang = parts[0]
    script = next((p for p in parts[1:] if len(p) == 4 and p.isalpha()), "")
    region = next((p for p in parts[1:] if (len(p) == 2 and p.isalpha()) or
                   (len(p) == 3 and p.isdigit())), "")
    for key in (f"{lang}_{script}_{region}", f"{lang}_{region}", f"{lang}_{script}", lang):
        full = likely.get(key)
        if full and "__" not in key and not key.endswith("_"):
            bits = full.split("_")
            fscript = next((b for b in bits[1:] if len(b) == 4), "")
            fregion = next((b for b in bits[1:] if len(b) in (2, 3) and b != fscript), "")
            return lang, script or fscript, region or fregion
    return lang, script, region


def same_language(tag: str, candidates: Iterable[str]) -> str | None:
    """The first of ``candidates`` that is ``tag`` by likely subtags, other than ``tag``
    itself (``zh`` and ``zh-Hans``; ``pt`` and ``pt-BR``), or None."""
    want = maximize(tag)
    own = canonical_tag(tag)
    for c in candidates:
        if canonical_tag(c) != own and maximize(c) == want:
            return canonical_tag(c)
    return None


def did_you_mean(tag: str, candidates: Iterable[str]) -> str | None:
    """``unknown language 'zh' here: did you mean zh-Hans? ...`` when ``tag`` is one of
    ``candidates`` by CLDR's likely subtags, else None."""
    match = same_language(tag, candidates)
    if match is None:
        return None
    return (f"language {tag!r} is not in this workspace: did you mean {match}? (by CLDR's "
            f"likely subtags {tag} is {match}, which has catalogs here)")


def language_problem(tag: str) -> str | None:
    """Why ``tag`` cannot be used (:func:`.languages.known_language`), or None; a tag whose
    region CLDR knows only with a script (``zh-TW``: ``zh_Hant_TW``) is refused with the tag to
    write instead, never a traceback."""
    from babel import UnknownLocaleError

    from .languages import known_language

    try:
        return known_language(tag)
    except (UnknownLocaleError, ValueError):
        lang, script, region = maximize(tag)
        full = "-".join(p for p in (lang, script, region) if p)
        return (f"language {tag!r} cannot be used as written (CLDR knows it only with its "
                f"script): write {full}")
