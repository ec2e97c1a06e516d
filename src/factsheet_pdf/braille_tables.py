"""Which liblouis table writes each language's braille, as data.

Input: a BCP 47 tag and the workspace's ``[braille]`` overrides (:mod:`.workspace`). Output:
the table name liblouis resolves (``en-ueb-g2.ctb``), or None when the language has no table
(it then gets no BRF, and ``factsheet check`` and the build say so). Also the files a table
reads (its ``include`` lines followed), whose digests go into each BRF's fingerprint.

The default is the code a reader of the language is taught and most often reads: contracted
where adult readers of the language read contracted braille (English: UEB grade 2, German
Kurzschrift, Korean), uncontracted where that is the everyday code (Spanish, Portuguese,
Russian, Arabic, the Bharati-braille languages, Amharic, Burmese...). French is set in its
uncontracted *braille intégral*, which every French braille reader reads (many adults also
read the contracted *abrégé*: ``fr = "fr-bfu-g2.ctb"`` in ``[braille]``). Chinese is written
by sound: mainland China's current braille with tones (``zhcn-g1.ctb``).

Left without a default, though liblouis 3.24 has a table: Persian (``fa-ir-g1.utb`` writes
Latin letters, as in HIV, in 8-dot cells, which a BRF cannot hold), Urdu (``ur-pk-g1.utb``
has no Latin letters nor ASCII punctuation), Italian and Greek (their tables lack the hyphen
or the question mark). Haitian Creole, Thai, Lao and Japanese kana-kanji text have no table.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Table:
    tag: str
    """The language (BCP 47); a tag matches it when equal, or by its language subtag alone
    (``pt-BR`` -> ``pt``, ``fa-AF`` -> ``fa``)."""
    table: str
    """liblouis table list."""
    name: str
    """What the table is, in English (README, ``factsheet check``)."""


DEFAULTS: tuple[Table, ...] = (
    Table("en", "en-ueb-g2.ctb", "Unified English Braille, grade 2 (contracted)"),
    Table("es", "es-g1.ctb", "Spanish, uncontracted (grade 1)"),
    Table("fr", "fr-bfu-comp6.utb", "French, uncontracted (braille intégral)"),
    Table("pt", "pt-pt-g1.utb", "Portuguese, uncontracted (grade 1; one code for Brazil and "
                                "Portugal)"),
    Table("de", "de-g2.ctb", "German, contracted (Kurzschrift)"),
    Table("nl", "nl-NL-g0.utb", "Dutch, uncontracted"),
    Table("ru", "ru-litbrl.ctb", "Russian literary braille, uncontracted"),
    Table("uk", "uk.utb", "Ukrainian, uncontracted"),
    Table("vi", "vi-vn-g1.ctb", "Vietnamese, partially contracted (grade 1)"),
    Table("zh-Hans", "zhcn-g1.ctb", "Mandarin, mainland China current braille with tones "
                                    "(phonetic)"),
    Table("zh-Hant", "zh-tw.ctb", "Mandarin, Taiwan bopomofo braille (phonetic)"),
    Table("ar", "ar-ar-g1.utb", "Arabic, uncontracted (grade 1)"),
    Table("hi", "hi-in-g1.utb", "Hindi, Bharati braille, uncontracted"),
    Table("ne", "np-in-g1.utb", "Nepali, Bharati braille, uncontracted"),
    Table("bn", "be-in-g1.utb", "Bengali, Bharati braille, uncontracted"),
    Table("pa", "pu-in-g1.utb", "Punjabi, Bharati braille, uncontracted"),
    Table("am", "ethio-g1.ctb", "Amharic, Ethiopic braille"),
    Table("ti", "ethio-g1.ctb", "Tigrinya, Ethiopic braille"),
    Table("my", "my-g1.utb", "Burmese, uncontracted"),
    Table("km", "km-g1.utb", "Khmer, uncontracted"),
    Table("ko", "ko-g2.ctb", "Korean, contracted"),
    Table("he", "he-IL.utb", "Hebrew (Israel), uncontracted"),
    Table("sw", "sw-ke-g1.utb", "Swahili, uncontracted"),
)
"""Every language with a default table; any other has none until ``[braille]`` names one."""

_BY_TAG = {t.tag: t for t in DEFAULTS}


def default(tag: str) -> Table | None:
    """The default table of a language (its whole tag, else its language subtag)."""
    return _BY_TAG.get(tag) or _BY_TAG.get(tag.split("-")[0])


def table_for(tag: str, overrides: tuple[tuple[str, str], ...] = ()) -> str | None:
    """The table list for ``tag``: the workspace's override, else the default, else None."""
    for t, table in overrides:
        if t == tag:
            return table
    d = default(tag)
    return d.table if d is not None else None


# -- the files a table reads (for fingerprints) -------------------------------------------------

_INCLUDE = re.compile(rb"^[ \t]*include[ \t]+(\S+)", re.MULTILINE)
"""A table's ``include`` line (liblouis's opcode; the file name is its first operand)."""

SYSTEM_DIRS = ("/usr/share/liblouis/tables", "/usr/local/share/liblouis/tables",
               "/opt/homebrew/share/liblouis/tables")


def search_path(library: str | None = None) -> list[Path]:
    """Where liblouis looks for tables: ``LOUIS_TABLEPATH``, the data folder next to the
    library (``<prefix>/share/liblouis/tables``), then the usual system folders."""
    dirs = [Path(p) for p in os.environ.get("LOUIS_TABLEPATH", "").split(os.pathsep) if p]
    if library and os.sep in library:
        prefix = Path(library).resolve().parent
        for up in (prefix.parent, prefix.parent.parent):
            dirs.append(up / "share" / "liblouis" / "tables")
    dirs += [Path(d) for d in SYSTEM_DIRS]
    return list(dict.fromkeys(d for d in dirs))


def table_files(tables: str, path: list[Path]) -> list[Path]:
    """Every file the table list reads, as far as this walk finds them: each table of the
    list, then each file its ``include`` lines name (relative to the including file, then
    the search path), once each, in the order met. A name not found is left out (liblouis
    then reports it when the table is checked)."""
    found: list[Path] = []
    seen: set[Path] = set()

    def resolve(name: str, base: Path | None) -> Path | None:
        p = Path(name)
        if p.is_absolute():
            return p if p.is_file() else None
        for d in ([base] if base is not None else []) + path:
            if (d / name).is_file():
                return d / name
        return None

    def walk(name: str, base: Path | None) -> None:
        f = resolve(name, base)
        if f is None or f in seen:
            return
        seen.add(f)
        found.append(f)
        try:
            data = f.read_bytes()
        except OSError:
            return
        for included in _INCLUDE.findall(data):
            walk(included.decode("utf-8", "replace"), f.parent)

    for t in tables.split(","):
        if t.strip():
            walk(t.strip(), None)
    return found
