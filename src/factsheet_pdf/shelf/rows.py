"""What a print shelf lists: the manifest's entries of one output folder, grouped the way a
person looks (sheet by title, then language by name), with the facts the shelf shows.

Input: manifest entries (paths relative to the manifest), each sheet's title per language and
revision month, and the languages' names. Output: :class:`Sheet` groups of :class:`Language`
groups of :class:`Row` (one per PDF; a variant with a web page and no PDF gets one row too;
each row of a language links its BRF, and a language with only a BRF gets a row for it).
Nothing here reads a file or imports Babel: :mod:`.facts` gathers the names and titles.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ..variants import PAPER_NAMES, VARIANT_NAMES

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def month(revised: str | None) -> str:
    """``2024-03`` -> ``March 2024`` (the shelf's own language, English); "" if undated."""
    try:
        year, mon = (int(x) for x in (revised or "").split("-")[:2])
        return f"{MONTHS[mon - 1]} {year}"
    except (ValueError, IndexError):
        return ""


def human_size(n: int | None) -> str:
    if not n:
        return ""
    if n < 1000:
        return f"{n} bytes"
    if n < 1_000_000:
        return f"{round(n / 1000)} KB"
    return f"{n / 1_000_000:.1f} MB"


@dataclass(frozen=True)
class Names:
    """A language's names: in itself (and its direction) and in the source language."""

    tag: str
    native: str
    english: str
    dir: str = "ltr"


@dataclass
class Row:
    variant: str
    paper: str | None
    pdf: dict | None
    web: dict | None
    brf: dict | None = None
    """The language's braille edition (one per sheet and language, linked on every row)."""

    @property
    def draft(self) -> bool:
        return any(e is not None and e["draft"] for e in (self.pdf, self.web, self.brf))

    @property
    def stale(self) -> bool:
        return any(e is not None and e["stale"] for e in (self.pdf, self.web, self.brf))


@dataclass
class Language:
    names: Names
    title: str
    title_lang: str
    revised: str
    rows: list[Row] = field(default_factory=list)


@dataclass
class Sheet:
    id: str
    title: str
    """In the source language (the shelf's)."""
    languages: list[Language] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(len(lang.rows) for lang in self.languages)


def _order(values: Iterable[str | None], known: tuple[str, ...]) -> list[str | None]:
    vals = set(values)
    ordered: list[str | None] = [v for v in known if v in vals]
    return ordered + sorted(v for v in vals if v not in known and v)


def group(entries: Iterable[dict], *, names: Callable[[str], Names],
          title: Callable[[str, str], tuple[str, str]], revised: Callable[[str], str | None]
          ) -> list[Sheet]:
    """The shelf's groups. ``names(tag)``; ``title(sheet, tag)`` -> (title, its language);
    ``revised(sheet)`` -> ``YYYY-MM`` or None."""
    by: dict[str, dict[str, list[dict]]] = {}
    for e in entries:
        if not e.get("sheet") or not e.get("lang"):
            continue
        by.setdefault(e["sheet"], {}).setdefault(e["lang"], []).append(e)
    sheets = []
    for sid, langs in by.items():
        sheet = Sheet(sid, title(sid, "en")[0])
        for tag, es in langs.items():
            t, t_lang = title(sid, tag)
            lang = Language(names(tag), t, t_lang, month(revised(sid)))
            for v in _order((e["variant"] for e in es), VARIANT_NAMES):
                mine = [e for e in es if e["variant"] == v]
                webs = sorted((e for e in mine if e["format"] == "html"), key=lambda e: e["path"])
                pdfs = [e for e in mine if e["format"] == "pdf"]
                for p in _order((e["paper"] for e in pdfs), PAPER_NAMES):
                    for e in sorted((e for e in pdfs if e["paper"] == p), key=lambda e: e["path"]):
                        web = next((w for w in webs if w["draft"] == e["draft"]), None) or \
                            (webs[0] if webs else None)
                        lang.rows.append(Row(str(v), p, e, web))
                if not pdfs:
                    lang.rows += [Row(str(v), None, None, w) for w in webs]
            brfs = sorted((e for e in es if e["format"] == "braille"), key=lambda e: e["path"])
            for r in lang.rows:
                draft = (r.pdf or r.web or {}).get("draft")
                r.brf = next((b for b in brfs if b["draft"] == draft), None) or \
                    (brfs[0] if brfs else None)
            if not lang.rows:
                lang.rows += [Row("braille", None, None, None, b) for b in brfs]
            sheet.languages.append(lang)
        sheet.languages.sort(key=lambda lg: (lg.names.english.casefold(), lg.names.tag))
        sheets.append(sheet)
    sheets.sort(key=lambda s: (s.title.casefold(), s.id))
    return sheets
