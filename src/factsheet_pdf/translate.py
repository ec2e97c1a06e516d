"""Stage 2, translate: Sheet (English) x catalogs -> Sheet in the target language.

Each unit is looked up in its domain: the sheet's own catalog, or for shared strings (domain
``common``) the workspace's ``common.po`` then the package's (see :mod:`.shared`).

Strict by default: a missing catalog, a missing, fuzzy or outdated translation is an error at
its PO line (a missing catalog once, for the language). With ``draft=True`` such units fall
back to English (``Unit.lang = 'en'``, so the tagging layer marks them ``/Lang en``) and each
fallback is a warning. A translation whose inline markup, placeholders, numbers or contact
addresses differ from the English is always an error: it is never rendered.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from . import markup
from .chars import describe as describe_char
from .errors import Diagnostic, FactsheetError
from .model import Sheet, SourceLoc, Unit, map_units
from .shared import DOMAIN, normalise

_PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
_NUMBER = re.compile(r"\d+")
_URL = re.compile(r"\b(?:https?://|www\.)[A-Za-z0-9\-._~:/?#@!$&*+;=%]*[A-Za-z0-9/#=_-]", re.I)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"\+?\d[\d\s().\-/]{5,}\d")


@dataclass(frozen=True, slots=True)
class Entry:
    """One translation as the build needs it."""

    msgid: str
    msgstr: str
    fuzzy: bool
    loc: SourceLoc
    pieces: tuple = ()
    """Where each quoted piece of the msgstr is (:attr:`.pofile.Entry.msgstr_pieces`)."""

    def at(self, offset: int) -> SourceLoc:
        """The file, line and column of character ``offset`` of the msgstr (its line when the
        column cannot be told)."""
        from .i18n.pofile import locate

        found = locate(self.pieces, offset)
        return SourceLoc(self.loc.path, *found) if found else self.loc


@dataclass(frozen=True)
class Catalog:
    """One catalog's entries by msgctxt, with where it was read and its review status."""

    path: str
    entries: dict[str, Entry]
    review_status: str = "unreviewed"
    revised: int | None = None
    """``PO-Revision-Date`` as a Unix time (None: gettext's placeholder, or none)."""


@dataclass(frozen=True)
class Catalogs:
    """Everything a language needs: the sheet's catalog (None: none exists yet) and the
    shared strings' layers, strongest first (workspace, then package)."""

    sheet: Catalog | None
    sheet_path: str
    common: tuple[Catalog, ...] = ()
    common_path: str = "locales/<lang>/LC_MESSAGES/common.po"
    """Where the workspace's common.po for the language is (or would be)."""


def _digits(s: str) -> str:
    return _ascii_digits(re.sub(r"\D", "", s))


def _ascii_digits(s: str) -> str:
    """Decimal digits of any script (Arabic-Indic, Persian, Burmese, Devanagari...: CLDR's
    numbering systems) as ASCII digits, so "٤٨" and "48" are the same number."""
    return "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in s)


BIDI_OVERRIDES = re.compile("[\u202a-\u202e]")
CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""C0 controls but tab and line feed, DEL and the C1 controls: never text (a NUL dropped at
drawing made "fin\\0oculto" print as "finoculto")."""


def refused_characters(text: str) -> list[tuple[int, str]]:
    """(offset, problem) of each control character and bidi embedding or override in a
    translation: located errors at the character's line and column in the catalog."""
    out = []
    for m in CONTROLS.finditer(text):
        out.append((m.start(), f"control character {describe_char(m[0])} in the translation"))
    for m in BIDI_OVERRIDES.finditer(text):
        out.append((m.start(), f"bidi embedding or override {describe_char(m[0])} in the "
                               "translation: use the isolates U+2066-U+2069 or the marks "
                               "U+200E/U+200F"))
    return sorted(out)


def check_translation(source: str, translation: str) -> list[str]:
    """Problems that make a translation unusable (markup, placeholders, numbers, addresses)."""
    if not markup.has_visible_text(translation):
        return ["the translation is empty (only spaces or invisible characters)"]
    problems = []
    try:
        spans = markup.parse(translation)
    except markup.MarkupError as e:
        # (the placeholders too: a dropped one can be what left the markup broken)
        return [f"inline markup: {e.message} (column {e.column} of the translation)",
                *_placeholder_problems(source, translation)]
    src_spans = markup.parse(source)
    want = markup.signature(src_spans)
    got = markup.signature(spans)
    if want != got:
        problems.append(f"inline markup differs from the English: expected {markup.describe(want)},"
                        f" found {markup.describe(got)}")
    problems += _placeholder_problems(source, translation)
    src_plain, tr_plain = markup.plain(src_spans), markup.plain(spans)
    missing = (Counter(map(_ascii_digits, _NUMBER.findall(src_plain)))
               - Counter(map(_ascii_digits, _NUMBER.findall(tr_plain))))
    if missing:
        problems.append("numbers changed or missing: " + ", ".join(sorted(missing)))
    src_text = _outside_links(src_spans)  # a link's text may be translated; its address stays
    tr_text = _outside_links(spans)
    for what, rx, key in (("web address", _URL, str.lower), ("e-mail address", _EMAIL, str.lower),
                          ("phone number", _PHONE, _digits)):
        known = {key(x) for x in rx.findall(src_plain)}
        found = rx.findall(tr_plain)
        added = [x for x in found if key(x) not in known]
        if added:
            problems.append(f"the translation adds {_a(what)} the English does not have: "
                            f"{added[0]!r}")
        kept = {key(x) for x in found} | {key(x) for x in rx.findall(tr_text)}
        dropped = [x for x in rx.findall(src_text) if key(x) not in kept]
        if dropped:
            problems.append(f"the translation drops {_a(what)} of the English: {dropped[0]!r}")
    return problems


def _placeholder_problems(source: str, translation: str) -> list[str]:
    pw, pg = Counter(_PLACEHOLDER.findall(source)), Counter(_PLACEHOLDER.findall(translation))
    if pw == pg:
        return []
    return [f"placeholders differ: expected {sorted(pw.elements())}, "
            f"found {sorted(pg.elements())}"]


ZAWGYI_HINT = ("convert the catalog to Unicode Burmese (e.g. with Rabbit or Google's "
               "myanmar-tools converters) and check it with a Unicode Myanmar font")


def zawgyi(text: str) -> bool:
    """Whether Burmese text is in the Zawgyi font encoding (Zawgyi reuses Unicode's Myanmar
    code points for other letters: garbled in any Unicode font): Google's myanmartools
    detector says so, and the text is not well-formed Unicode Burmese
    (:func:`unicode_burmese_problem`). The detector alone misjudges short texts ("{name} ၏
    လိုဂို", "Logo of {name}", scores 0.96); a text that is valid Unicode reads correctly in a
    Unicode font whatever it scores."""
    if not any("\u1000" <= c <= "\u109f" for c in text):
        return False
    from myanmartools import ZawgyiDetector

    return (ZawgyiDetector().get_zawgyi_probability(text) > 0.95
            and unicode_burmese_problem(text) is not None)


_MY_CONSONANT = re.compile("[\u1000-\u102a\u103f\u104e]")
_MY_MEDIAL = "\u103b\u103c\u103d\u103e"


def unicode_burmese_problem(text: str) -> int | None:
    """The index of the first character Unicode's Burmese spelling does not allow where it
    stands, or None: the vowel sign E (U+1031) is stored after its consonant (Zawgyi stores it
    before, as it is seen), the virama U+1039 stacks a consonant on the next one (Zawgyi uses it
    as the asat), and the code points U+1060-U+109F, other languages' letters in Unicode, are
    Zawgyi's stacked and variant forms in a Burmese text."""
    for i, c in enumerate(text):
        prev = text[i - 1] if i else ""
        if c == "\u1031" and not (_MY_CONSONANT.match(prev) or (prev and prev in _MY_MEDIAL)):
            return i
        if c == "\u1039" and not (i + 1 < len(text) and _MY_CONSONANT.match(text[i + 1])):
            return i
        if "\u1060" <= c <= "\u109f":
            return i
    return None


def _a(what: str) -> str:
    return ("an " if what[0] in "aeiou" else "a ") + what


def _outside_links(spans) -> str:
    """The text a reader sees, without the text of links."""
    return "".join(s.text if s.kind == "text" else "" if s.kind == "link"
                   else _outside_links(s.children) for s in spans)


def translate(sheet: Sheet, tag: str, cats: Catalogs, *, draft: bool = False
              ) -> tuple[Sheet, list[Diagnostic]]:
    errors: list[Diagnostic] = []
    warnings: list[Diagnostic] = []
    fallbacks: list[str] = []
    if cats.sheet is None:
        hint = f"start it with `factsheet i18n init {tag}`, or build with --draft"
        if not draft:
            raise FactsheetError(Diagnostic(SourceLoc.file(cats.sheet_path), f"no {tag} catalog "
                                                  f"for sheet '{sheet.id}'", hint=hint))
        warnings.append(Diagnostic(SourceLoc.file(cats.sheet_path), f"no {tag} catalog for "
                                   f"sheet '{sheet.id}'; using English (draft)", "warning"))
    if not cats.common:
        msg = f"no {tag} translation of the shared strings"
        hint = f"start it with `factsheet i18n init {tag}`"
        if not draft:
            raise FactsheetError(Diagnostic(SourceLoc.file(cats.common_path), msg, hint=hint))
        warnings.append(Diagnostic(SourceLoc.file(cats.common_path), msg + "; using English "
                                   "(draft)", "warning"))

    def lookup(unit: Unit) -> tuple[Entry | None, str]:
        if unit.domain == DOMAIN:
            found: tuple[Entry | None, str] = (None, cats.common_path)
            for layer in cats.common:
                e = layer.entries.get(unit.id)
                if e is None:
                    continue
                if e.msgstr and not e.fuzzy and e.msgid == unit.text:
                    return e, layer.path
                if found[0] is None:
                    found = (e, layer.path)
            return found
        if cats.sheet is None:
            return None, cats.sheet_path
        return cats.sheet.entries.get(unit.id), cats.sheet.path

    def tr(unit: Unit) -> Unit:
        entry, path = lookup(unit)
        loc = entry.loc if entry is not None else SourceLoc(path, 1)
        problem = None
        if entry is None:
            if (cats.sheet is None and unit.domain != DOMAIN) or (
                    unit.domain == DOMAIN and not cats.common):
                fallbacks.append(unit.id)
                return unit
            problem = f"no entry for msgctxt {unit.id!r} (run `factsheet i18n update`)"
        elif entry.msgid != unit.text:
            problem = (f"entry {unit.id!r} translates an older English text "
                       f"(run `factsheet i18n update`)")
        elif not entry.msgstr:
            problem = f"missing translation for {unit.id!r}"
        elif entry.fuzzy:
            problem = f"fuzzy translation for {unit.id!r}"
        # A shared string's problem stops a build only where a variant prints it: it is
        # kept with the sheet (Sheet.label_problems) and compose reports it when used.
        sink = label_problems.setdefault(unit.id, []) if unit.id in label_ids else errors
        if problem:
            if draft:
                warnings.append(Diagnostic(loc, problem + "; using English (draft)", "warning"))
                fallbacks.append(unit.id)
                return unit
            sink.append(Diagnostic(loc, problem, hint="use --draft to build anyway"))
            return unit
        assert entry is not None
        refused = refused_characters(entry.msgstr)
        if refused:
            sink.extend(Diagnostic(entry.at(at), f"{unit.id}: {p}") for at, p in refused)
            return unit
        bad = [Diagnostic(loc, f"{unit.id}: {p}") for p in check_translation(unit.text,
                                                                             entry.msgstr)]
        if tag.split("-")[0] == "my" and zawgyi(entry.msgstr):
            bad.append(Diagnostic(loc, f"{unit.id}: the translation is in the Zawgyi encoding, "
                                       "not Unicode Burmese", hint=ZAWGYI_HINT))
        if bad:
            sink.extend(bad)
            return unit
        text = normalise(entry.msgstr)
        return dataclasses.replace(unit, text=text, loc=loc, lang=tag)

    label_problems: dict[str, list[Diagnostic]] = {}
    label_ids = {u.id for u in sheet.labels if u.domain == DOMAIN}
    out = map_units(sheet, tr)
    if errors:
        raise FactsheetError(errors)
    status = cats.sheet.review_status if cats.sheet is not None else "unreviewed"
    dates = [c.revised for c in (cats.sheet, *cats.common) if c is not None and c.revised]
    return dataclasses.replace(
        out, lang=tag, review_status=status, fallbacks=tuple(fallbacks),
        catalog_date=max(dates) if dates else None,
        label_problems=tuple((k, tuple(v)) for k, v in label_problems.items() if v)), warnings


def catalog_from_po(po, shown: str | Path) -> Catalog:
    """Adapt a read PO file (:func:`factsheet_pdf.i18n.catalogs.read`) to a :class:`Catalog`."""
    shown = str(shown)
    entries: dict[str, Entry] = {}
    first: dict[str, int] = {}
    problems = []
    for m in po.live():
        if m.context is None:
            continue
        if m.context in entries:
            problems.append(Diagnostic(SourceLoc(shown, m.lineno or 1),
                                       f"duplicate msgctxt {m.context!r} (first at line "
                                       f"{first[m.context]})"))
            continue
        first[m.context] = m.lineno or 1
        line = getattr(m, "msgstr_lineno", 0) or m.lineno or 1  # where the translator edits
        entries[m.context] = Entry(m.id, m.string, m.fuzzy, SourceLoc(shown, line),
                                   tuple(getattr(m, "msgstr_pieces", ())))
    if problems:
        raise FactsheetError(problems)
    from .metadata import po_date

    return Catalog(shown, entries, po.headers.get("X-Review-Status") or "unreviewed",
                   po_date(po.headers.get("PO-Revision-Date")))
