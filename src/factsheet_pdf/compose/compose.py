"""Stage 3, compose: a translated Sheet x variant x site x cross-references -> :class:`Doc`.

Every decision about the document and not about ink on a page is made here: which blocks a
variant has, in what reading order, with what text, language and direction; the title band
(series label, title, source line, review notice), the sections and their blocks (each kind
composed by its record in :mod:`factsheet_pdf.kinds`), the glossary (a list of term/definition
pairs), the contact block (the sheet's own, or a clinic's), the document title, subject and
the page marks' texts. Placeholders (``{term}``, ``{title}``, ``{phone}``, ``{web}``,
``{heading}``, ``{page}``) are filled here, on spans.

A sheet needs only the shared strings it prints: each label is looked up when a variant uses
it, and a label with a translation problem is an error only then (all of them reported
together).

No ReportLab and no fonts are imported here (a test enforces it): ``factsheet show`` prints
the result without either.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from functools import cache
from typing import TYPE_CHECKING, Any

from .. import markup
from ..errors import Diagnostic, FactsheetError
from ..kinds import compose_block
from ..markup import Span
from .isolate import isolate
from ..model import Contact, Glossary, Sheet, SourceLoc, Unit
from ..variants import EDITIONS, Variant
from .doc import Doc, Marks, Meta, Node, Spans

if TYPE_CHECKING:
    from ..site.profile import SiteProfile

FORMAT_LABELS: dict[str, tuple[str, ...]] = {"html": ("skip-to-content",),
                                             "braille": ("transcriber-note",)}
"""Shared labels (``label.<name>``) only a format prints: looked up, and their translation
problems reported, only for a document of that format (a ``{title}`` in one is filled with
the sheet's title)."""

PHONE_SPACE = "\u00a0"
"""A phone number's spaces: no-break, so a number is never broken across lines."""


@cache
def direction(tag: str) -> str:
    """``ltr`` or ``rtl`` for a BCP 47 tag (CLDR's character order)."""
    from ..languages import language

    try:
        return language(tag).direction
    except FactsheetError:
        return "ltr"


def spans_of(unit: Unit) -> Spans:
    """A unit's inline markup as spans."""
    return tuple(markup.parse(unit.text))


def literal(text: str) -> Spans:
    """Text that is data, never markup (a label with placeholders, a clinic's name)."""
    return (Span("text", text),) if text else ()


def fill(spans: Spans, **values: Spans) -> Spans:
    """Placeholders ``{name}`` in text spans replaced by spans (the one filler)."""
    return tuple(markup.substitute(list(spans), {k: list(v) for k, v in values.items()}))


class Composer:
    """Composes one Doc; collects the problems of the labels it uses."""

    def __init__(self, sheet: Sheet, variant: Variant, *, site: SiteProfile | None,
                 xrefs: Mapping[str, tuple[Unit, str]], draft: bool,
                 publisher: str | None = None, fmt: str = "pdf"):
        self.sheet = sheet
        self.publisher = publisher
        self.variant = variant
        self.site = site
        self.xrefs = xrefs
        self.draft = draft
        self.fmt = fmt
        self.lang = sheet.lang
        self.problems: list[Diagnostic] = []
        self._problems = dict(sheet.label_problems)

    # -- labels ------------------------------------------------------------------------------
    def shared(self, uid: str) -> Unit:
        """A shared string by its full id; its translation problems become this Doc's."""
        found = self._problems.pop(uid, None)
        if found:
            self.problems.extend(found)
        return self.sheet.shared(uid)

    def label(self, name: str) -> Unit:
        return self.shared(f"label.{name}")

    def label_text(self, name: str) -> str:
        return markup.plain_text(self.label(name).text)

    def translate(self, msgctxt: str, english: str) -> str:
        """``translate(msgctxt, english)`` for the clinic block and its opening hours."""
        try:
            return self.shared(msgctxt).text
        except KeyError:
            return english

    # -- nodes --------------------------------------------------------------------------------
    def node(self, role: str, kind: str, unit: Unit | None = None, *, spans: Spans | None = None,
             children: tuple[Node, ...] = (), lang: str | None = None,
             loc: SourceLoc | None = None, **kw: Any) -> Node:
        tag = lang or (unit.lang if unit is not None else self.lang)
        if spans is None and unit is not None:
            spans = spans_of(unit)
        dir_ = direction(tag)
        if dir_ == "rtl" and spans:
            spans = isolate(spans)
        return Node(role, kind, tag, dir_, spans or (), children,
                    loc=unit.loc if unit is not None else loc, **kw)

    def para(self, unit: Unit, kind: str = "paragraph", role: str = "P") -> Node:
        return self.node(role, kind, unit)

    # The span helpers, for the block kinds' composers (kinds.py does not import compose).
    @staticmethod
    def spans(unit: Unit) -> Spans:
        return spans_of(unit)

    @staticmethod
    def literal(text: str) -> Spans:
        return literal(text)

    @staticmethod
    def fill(spans: Spans, **values: Spans) -> Spans:
        return fill(spans, **values)

    def term_label(self, term: Spans) -> Spans:
        """The glossary-term label (``{term}:``) around a term, as one bold span."""
        label = self.label("glossary-term")
        return (Span("bold", children=fill(literal(label.text), term=term)),)

    def compose(self) -> Doc:
        s = self.sheet
        band: list[Node] = []
        if s.series is not None:
            band.append(self.para(s.series, "series"))
        band.append(self.para(s.title, "title", "H1"))
        if s.source is not None:
            band.append(self.para(s.source, "source"))
        review = s.review_status == "unreviewed"
        if review:
            band.append(self.para(self.label("review-notice"), "notice"))
        body = tuple(
            self.node("Sect", "section", children=(
                self.para(sec.heading, "heading", "H2"),
                *(n for b in sec.blocks for n in compose_block(self, b))))
            for sec in s.sections)
        glossary = self.glossary(s.glossary) if s.glossary is not None else None
        contact = self.clinic() if self.site is not None else (
            self.contact(s.contact) if s.contact is not None else None)
        continued = None
        if s.glossary is not None:
            heading = spans_of(s.glossary.heading)
            continued = markup.plain(fill(literal(self.label("glossary-continued").text),
                                          heading=heading)) or None
        labels = tuple((name, markup.plain(fill(spans_of(self.label(name)),
                                                title=spans_of(s.title))))
                       for name in FORMAT_LABELS.get(self.fmt, ()))
        doc = Doc(self.meta(review), tuple(band), body, glossary, contact, self.marks(),
                  continued, s.fallbacks, labels)
        if self.problems:
            raise FactsheetError(self.problems)
        return doc

    def meta(self, review: bool) -> Meta:
        s, v = self.sheet, self.variant
        title = markup.plain_text(s.title.text)
        if v.label:
            title = f"{title} ({self.label_text(v.label)})"
        if self.draft:
            title = f"{self.label_text('draft')}: {title}"
        subject = self.label_text("subject")
        series = markup.plain_text(s.series.text) if s.series is not None else None
        if series is not None:
            subject = f"{series}: {subject}"
        from ..metadata import document_date

        author = self.site.name if self.site is not None else (self.publisher or "")
        return Meta(s.id, self.lang, direction(self.lang), v.name, title, subject,
                    author, series, s.title_en or markup.plain_text(s.title.text),
                    s.revised, self.draft, review, (s.pages or 2) if v.budget else None,
                    document_date(s.revised, [s.catalog_date]))

    def marks(self) -> Marks:
        from .marks import mark_line

        v = self.variant
        page = fill(literal(self.label_text(v.page_label)), page=(Span("field", "page"),),
                    pages=(Span("field", "pages"),))
        turn_over = self.label_text("turn-over") if v.cues else None
        continued = (self.label_text("continued") or turn_over) if v.cues else None
        draft = self.label_text("draft-mark") if self.draft else None
        return Marks(mark_line(self.sheet), page, turn_over, continued, draft)

    # -- glossary -------------------------------------------------------------------------------
    def glossary(self, g: Glossary) -> Node:
        """Sect > H2 + L > LI > Lbl (the term, in the glossary-term label) + LBody."""
        label = self.label("glossary-term").text
        # No space after a full-width colon ("术语：定义"): it carries its own spacing.
        sep = "" if label.rstrip()[-1:] >= "\u3000" else " "
        entries = []
        for e in g.entries:
            term = self.node("Lbl", "term", e.term, spans=self.term_label(spans_of(e.term)))
            definition = self.node("LBody", "definition", e.definition,
                                   spans=literal(sep) + spans_of(e.definition))
            entries.append(self.node("LI", "entry", children=(term, definition),
                                     loc=e.term.loc))
        return self.node("Sect", "glossary", children=(
            self.para(g.heading, "heading", "H2"),
            self.node("L", "glossary-list", children=tuple(entries))))

    # -- contact --------------------------------------------------------------------------------
    def national(self, c: Contact) -> Node:
        """The sheet's own contact sentence with its phone number (as written; a ``tel:`` link
        once :func:`~factsheet_pdf.library.dial` has checked it) and web address filled."""
        values: dict[str, Spans] = {}
        if c.phone is not None:
            shown = literal(c.phone.replace(" ", PHONE_SPACE))
            values["phone"] = (Span("link", children=shown, href=c.tel),) if c.tel else shown
        if c.web is not None:
            values["web"] = (Span("link", children=literal(c.web), href=c.web),)
        spans = spans_of(c.text)
        if values:
            spans = fill(spans, **values)
        return self.node("P", "also", c.text, spans=spans)

    def contact(self, c: Contact) -> Node:
        return self.node("Sect", "contact", loc=c.loc, children=(
            self.para(c.heading, "contact-heading", "H2"),
            self.node("P", "contact-text", c.text, spans=self.national(c).spans)))

    def clinic(self) -> Node:
        """A clinic's block (:func:`factsheet_pdf.site.contact.contact_block`): heading, logo,
        its lines, the sheet's own line when the profile keeps it, the QR code and, in a PDF,
        the caption under it saying what it opens."""
        from ..site.contact import contact_block

        profile = self.site
        assert profile is not None  # called only for a site
        block = contact_block(profile, self.lang, self.translate, lambda ch: True,
                              printed=self.fmt == "pdf")
        kids: list[Node] = [self.node("H2", "clinic-heading", spans=literal(block.heading))]
        if block.logo is not None:
            path, alt = block.logo
            kids.append(self.node("Figure", "logo", alt=alt, target=str(path),
                                  px=getattr(profile, "logo_px", None)))
        for line in block.lines:
            kids.append(self.node("P", line.role, spans=tuple(_line_spans(line.spans))))
        if getattr(profile, "also", False) and self.sheet.contact is not None:
            kids.append(self.national(self.sheet.contact))
        if block.qr is not None:
            url, alt = block.qr
            kids.append(self.node("Figure", "qr", alt=alt, target=url))
            if block.qr_caption:
                kids.append(self.node("P", "qr-caption", spans=literal(block.qr_caption)))
        return self.node("Sect", "clinic", children=tuple(kids))


def _line_spans(spans: Spans) -> list[Span]:
    """A clinic line's spans, a phone number's spaces made no-break (never broken)."""
    out = []
    for s in spans:
        if s.kind == "link" and s.href.startswith("tel:"):
            s = replace(s, children=tuple(replace(c, text=c.text.replace(" ", PHONE_SPACE))
                                          for c in s.children))
        out.append(s)
    return out


def compose(sheet: Sheet, variant: str | Variant, *, site: SiteProfile | None = None,
            xrefs: Mapping[str, tuple[Unit, str]] | None = None, draft: bool | None = None,
            publisher: str | None = None, fmt: str = "pdf") -> Doc:
    """The document for one sheet (translated) in one variant.

    ``site``: a clinic's :class:`~factsheet_pdf.site.profile.SiteProfile` (its block replaces
    the sheet's contact block); ``xrefs``: cross-referenced sheet id -> (its title in this
    language, the relative address of its output in the same format, or "": the title alone);
    ``draft``: the draft marks (default: the sheet fell back to English somewhere);
    ``publisher``: the document's author without a site (the workspace's setting); ``fmt``:
    the format the document is for (its own labels, :data:`FORMAT_LABELS`). Raises
    :class:`FactsheetError` with every problem of the shared strings the document uses.
    """
    v = EDITIONS[variant] if isinstance(variant, str) else variant
    return Composer(sheet, v, site=site, xrefs=xrefs or {},
                    draft=bool(sheet.fallbacks) if draft is None else draft,
                    publisher=publisher, fmt=fmt).compose()

