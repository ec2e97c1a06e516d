"""Catalogs for content files: template, new catalog, the msgctxt-keyed merge, update, status.

Input: the template's messages (from :mod:`.extract`) and the PO files under ``locales/``.
Output: PO files in GNU gettext's own form (:mod:`.pofile`: ``msgcat`` leaves them unchanged,
``msgfmt --check`` accepts them) and status figures. GNU gettext is not needed at run time.

Public API (used by ``cli.py``, ``build.py``, ``translate.py``):

* ``template_path(root, domain) -> Path``: ``locales/<domain>.pot``
* ``catalog_path(root, domain, tag) -> Path``: ``locales/<folder>/LC_MESSAGES/<domain>.po``, the
  folder from :func:`factsheet_pdf.languages.catalog_folder` (``pt-BR`` -> ``pt_BR``)
* ``make_template(domain, messages) -> PoFile``
* ``read(path) -> PoFile``: strict (errors at their line, see :mod:`.pofile`). A
  :class:`~.pofile.PoFile` is a ``polib.POFile``: iterate it for :class:`~.pofile.Entry`
  objects (``msgctxt``/``context``, ``msgid``/``id``, ``msgstr``/``string``, ``fuzzy``,
  ``obsolete``, ``lineno``, ``translator_comments``, ``extracted_comments``, ``occurrences``,
  ``flags``, ``previous_msgid``...); ``po.live()`` gives the entries that are not obsolete;
  ``po.headers`` the header fields in file order (``X-Review-Status``...); ``po.path``.
* ``write(path, catalog) -> bool`` (defined in :mod:`.pofile`, beside the encoding): atomic and
  durable (:func:`factsheet_pdf.write.atomic_write`; a new file gets mode 0666 less the umask,
  a rewritten one keeps its mode); returns False and leaves the file untouched when nothing
  changes.
* ``new_catalog(template, tag, headers=None) -> PoFile``: empty translations, our header fields
  (``headers`` are added after them, e.g. :data:`NEW_HEADERS`).
* ``merge(template, old) -> PoFile``: see below.
* ``update(path, template) -> Updated``: read, convert to UTF-8 if needed, merge, write;
  ``Updated.changed`` and ``Updated.notices`` (one line per conversion).
* ``status(tag, po, template=None) -> Status``: counts, the ids still untranslated or fuzzy,
  the percentage rounded down, the review status and whether a strict build can use it;
  ``Status.to_json()``.

The merge is keyed on msgctxt (our units' stable ids), where ``msgmerge`` matches on the English
text and guesses fuzzy matches across entries. For entries whose msgctxt did not change, both give
the same result (``tests/test_catalogs.py`` compares them): same English -> kept as it is;
changed English -> the old translation marked fuzzy with the old text as ``#| msgctxt``/``#|
msgid``; unit gone -> obsolete ``#~`` entry with its comments. Differences: (1) a new unit never
gets a fuzzy guess from a similar English text in another unit (msgmerge does that; we leave it
untranslated, because a guess from another unit is a wrong translation of a medical text until
a translator looks at it); (2) a unit whose msgctxt came back revives its obsolete entry even
when the English changed (msgmerge only revives on equal msgid, else it guesses); (3) an entry
already fuzzy keeps its first ``#|`` previous text, like msgmerge, but we also keep it when the
English changes again; (4) a removed unit without a translation is dropped with its comments
(gettext never writes an obsolete entry without a translation either). Translator comments and
flags of an entry always survive; extracted comments and references come from the template.
"""

from __future__ import annotations

import copy
import math
import re
import textwrap
from dataclasses import dataclass, field
from pathlib import Path


from .. import __version__
from ..errors import Diagnostic
from ..model import SourceLoc
from ..languages import catalog_folder
from .extract import Extracted
from .pofile import Entry, PoFile, read_path, write  # noqa: F401 (write: the API's)

PROJECT = "factsheet-pdf"
FIXED_DATE = "2026-01-01 00:00+0000"
TRANSLATOR = "FULL NAME <EMAIL@ADDRESS>"
"""gettext's placeholder for a new catalog's Last-Translator (msginit writes the same)."""
PLACEHOLDER_DATE = "YEAR-MO-DA HO:MI+ZONE"
"""gettext's placeholder PO-Revision-Date of a catalog no translator has dated yet."""
BUGS = "the factsheet-pdf issue tracker"
COMMENT_WIDTH = 79
_PLACEHOLDER = re.compile(r"\{[a-z_]+\}")  # as translate.py; msgfmt --check then checks them

NEW_HEADERS = {
    "X-Review-Status": "unreviewed",
    "X-Translation-Checks": "none yet",
}

__all__ = [
    "NEW_HEADERS",
    "Entry",
    "PoFile",
    "Status",
    "Updated",
    "catalog_path",
    "make_template",
    "merge",
    "new_catalog",
    "read",
    "status",
    "template_path",
    "update",
    "write",
]


def template_path(root: Path, domain: str) -> Path:
    return root / "locales" / f"{domain}.pot"


def catalog_path(root: Path, domain: str, tag: str) -> Path:
    return root / "locales" / catalog_folder(tag) / "LC_MESSAGES" / f"{domain}.po"


def read(path: Path) -> PoFile:
    """A catalog file -> :class:`PoFile`; any problem is a located :class:`FactsheetError`."""
    return read_path(Path(path))


def _base_headers(domain: str) -> dict[str, str]:
    return {
        "Project-Id-Version": f"{PROJECT} {__version__}",
        "Report-Msgid-Bugs-To": BUGS,
        "POT-Creation-Date": FIXED_DATE,
        "PO-Revision-Date": FIXED_DATE,
    }


def _tail_headers() -> dict[str, str]:
    return {
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=utf-8",
        "Content-Transfer-Encoding": "8bit",
        "Generated-By": f"{PROJECT} {__version__}",
    }


def make_template(domain: str, messages: list[Extracted]) -> PoFile:
    """The template (``.pot``) for a sheet's messages, in reading order."""
    pot = PoFile()
    pot.header = (f"Translation template for the fact sheet '{domain}'.\n"
                  "Generated by `factsheet i18n extract`; do not edit.\n")
    pot.metadata = {**_base_headers(domain),
                    "Last-Translator": "FULL NAME <EMAIL@ADDRESS>",
                    "Language-Team": "LANGUAGE <LL@li.org>",
                    **_tail_headers()}
    for m in messages:
        e = Entry(msgctxt=m.context, msgid=m.text, msgstr="",
                  occurrences=[(m.path, str(m.line))],
                  flags=["python-brace-format"] if _PLACEHOLDER.search(m.text) else [])
        # Long extracted comments are wrapped once, here (gettext never rewraps comments).
        e.extracted_comments = [line for c in m.comments for line in (
            textwrap.wrap(c, COMMENT_WIDTH, break_long_words=False,
                                   break_on_hyphens=False) or [""])]
        pot.append(e)
    return pot


def new_catalog(template: PoFile, tag: str, headers: dict[str, str] | None = None) -> PoFile:
    """A catalog for language ``tag`` with every template entry untranslated."""
    from ..languages import language

    lang = language(tag)
    domain = _domain(template)
    what = ("factsheet-pdf's shared strings" if domain == "common"
            else f"the fact sheet '{domain}'")
    po = PoFile()
    po.header = (f"{lang.english} translation of {what}.\n"
                 "See X-Review-Status for how it was checked.\n")
    po.metadata = {**_base_headers(domain),
                   # gettext's placeholders until a translator (or their editor) fills them
                   "PO-Revision-Date": PLACEHOLDER_DATE,
                   "Last-Translator": TRANSLATOR,
                   "Language": catalog_folder(tag),
                   "Language-Team": f"{lang.english} <none>",
                   "Plural-Forms": lang.plural_forms,
                   **_tail_headers(),
                   **(headers or {})}
    for t in template.live():
        po.append(_from_template(t))
    return po


def _domain(template: PoFile) -> str:
    if "shared strings" in template.header:
        return "common"
    m = re.search(r"fact sheet '([^']+)'", template.header)
    return m.group(1) if m else (template.path.stem if template.path else "messages")


def _from_template(t: Entry) -> Entry:
    e = Entry(msgctxt=t.msgctxt, msgid=t.msgid, msgstr="", occurrences=list(t.occurrences),
              flags=[f for f in t.flags if f.endswith("-format")])
    e.extracted_comments = list(t.extracted_comments)
    if t.msgid_plural:
        e.msgid_plural = t.msgid_plural
        e.msgstr_plural = {i: "" for i in sorted(t.msgstr_plural or {0: "", 1: ""})}
    return e


def _translated(e: Entry) -> bool:
    if e.msgid_plural:
        return any(e.msgstr_plural.values())
    return bool(e.msgstr)


def _key(e: Entry):
    return e.msgctxt if e.msgctxt is not None else (None, e.msgid)


def merge(template: PoFile, old: PoFile) -> PoFile:
    """The template's entries with the old catalog's translations, keyed on msgctxt.

    Never loses a translation: changed English keeps it as fuzzy (``#|`` previous text), a
    removed unit keeps it as an obsolete ``#~`` entry. See the module docstring.
    """
    by_key: dict = {}
    for e in old:  # live entries first, an obsolete one only where it has more to give
        k = _key(e)
        cur = by_key.get(k)
        if cur is None or (e.obsolete is False and cur.obsolete) or (
                not _translated(cur) and _translated(e)):
            by_key[k] = e
    new = PoFile(old.path)
    new.header_entry = copy.deepcopy(old.header_entry)
    new.metadata = dict(old.metadata)
    new._raw_header = old._raw_header
    new.charset_line = old.charset_line
    new.encoding = old.encoding
    used = set()
    for t in template.live():
        e = _from_template(t)
        prev = by_key.get(_key(t))
        if prev is not None:
            used.add(id(prev))
            e.translator_comments = list(prev.translator_comments)
            # Format flags come from the template (as msgmerge does), the rest from the translator.
            e.flags += [f for f in prev.flags if f != "fuzzy" and not f.endswith("-format")]
            if e.msgid_plural and prev.msgid_plural:
                e.msgstr_plural = dict(prev.msgstr_plural)
            elif not e.msgid_plural:
                e.msgstr = prev.msgstr
            was_fuzzy = "fuzzy" in prev.flags and _translated(prev)
            changed = prev.msgid != t.msgid or (prev.msgid_plural or None) != (
                t.msgid_plural or None)
            if _translated(e) and (changed or was_fuzzy):
                e.flags.insert(0, "fuzzy")
                if was_fuzzy and prev.previous_msgid is not None:
                    e.previous_msgctxt = prev.previous_msgctxt
                    e.previous_msgid = prev.previous_msgid
                    e.previous_msgid_plural = prev.previous_msgid_plural
                elif changed:
                    e.previous_msgctxt = prev.msgctxt
                    e.previous_msgid = prev.msgid
                    e.previous_msgid_plural = prev.msgid_plural or None
        new.append(e)
    live = {(e.msgctxt, e.msgid) for e in new}
    gone = [e for e in old if id(e) not in used and not e.obsolete and _translated(e)]
    kept = [e for e in old if id(e) not in used and e.obsolete and _translated(e)]
    for e in gone + kept:
        if (e.msgctxt, e.msgid) in live:
            continue
        o = copy.deepcopy(e)
        o.obsolete = True
        o.occurrences = []
        new.append(o)
        live.add((e.msgctxt, e.msgid))
    return new


def to_utf8(po: PoFile) -> Diagnostic | None:
    """Declare UTF-8 in the header (the text is already decoded); a notice if it changed (at
    the ``Content-Type`` line)."""
    cs = po.charset
    if cs.replace("-", "").replace("_", "").lower() == "utf8":
        return None
    ct = po.metadata.get("Content-Type") or "text/plain"
    if "charset=" in ct:
        ct = re.sub(r"charset=[^\s;]*", "charset=UTF-8", ct)
    else:
        ct += "; charset=UTF-8"
    po.metadata["Content-Type"] = ct
    po.encoding = "UTF-8"
    where = SourceLoc(str(po.path), po.charset_line or 1) if po.path else None
    return Diagnostic(where, f"converted from {cs} to UTF-8 (Content-Type header changed to "
                             "match)", severity="notice")


@dataclass(frozen=True, slots=True)
class Updated:
    path: Path
    changed: bool
    notices: tuple[Diagnostic, ...] = ()


def update(path: Path, template: PoFile) -> Updated:
    """Merge the template into the catalog at ``path``, in UTF-8 and LF line ends."""
    old = read(path)
    notice = to_utf8(old)
    merged = merge(template, old)
    return Updated(Path(path), write(path, merged), (notice,) if notice else ())


@dataclass(frozen=True, slots=True)
class Status:
    tag: str
    path: str
    translated: int
    fuzzy: int
    untranslated: int
    obsolete: int
    review: str
    untranslated_ids: tuple[str, ...] = ()
    fuzzy_ids: tuple[str, ...] = ()
    problems: tuple[str, ...] = field(default=())
    """Why a strict build cannot use the catalog, beyond untranslated and fuzzy entries."""

    @property
    def total(self) -> int:
        return self.translated + self.fuzzy + self.untranslated

    @property
    def percent(self) -> int:
        """Translated share, rounded down: 53 of 56 is 94, and only a complete catalog is 100."""
        return math.floor(100 * self.translated / self.total) if self.total else 0

    @property
    def strict_ok(self) -> bool:
        return not (self.fuzzy or self.untranslated or self.problems)

    def to_json(self) -> dict:
        return {"lang": self.tag, "path": self.path, "translated": self.translated,
                "fuzzy": self.fuzzy, "untranslated": self.untranslated,
                "obsolete": self.obsolete, "total": self.total, "percent": self.percent,
                "review": self.review, "strict_ok": self.strict_ok,
                "untranslated_ids": list(self.untranslated_ids),
                "fuzzy_ids": list(self.fuzzy_ids), "problems": list(self.problems)}


def status(tag: str, po: PoFile, template: PoFile | None = None) -> Status:
    """Status figures of a catalog; with the template, entries it lacks count as untranslated
    and entries that translate an older English text as fuzzy (both as a strict build sees)."""
    live = po.live()
    fuzzy_ids, untranslated_ids = [], []
    translated = 0
    wanted = {e.msgctxt: e for e in template.live()} if template is not None else None
    for e in live:
        name = e.msgctxt if e.msgctxt is not None else e.msgid
        if wanted is not None and e.msgctxt not in wanted:
            continue
        if not _translated(e):
            untranslated_ids.append(name)
        elif "fuzzy" in e.flags or (wanted is not None and wanted[e.msgctxt].msgid != e.msgid):
            fuzzy_ids.append(name)
        else:
            translated += 1
    problems = []
    if wanted is not None:
        have = {e.msgctxt for e in live}
        missing = [c for c in wanted if c not in have]
        untranslated_ids += missing
        extra = [e.msgctxt for e in live if e.msgctxt not in wanted]
        if extra:
            problems.append(f"{len(extra)} entries not in the template "
                            "(run `factsheet i18n update`)")
    return Status(tag, str(po.path) if po.path else "", translated, len(fuzzy_ids),
                  len(untranslated_ids), sum(1 for e in po if e.obsolete),
                  po.metadata.get("X-Review-Status") or "?", tuple(untranslated_ids),
                  tuple(fuzzy_ids), tuple(problems))
