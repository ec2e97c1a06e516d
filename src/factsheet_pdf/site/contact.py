"""Contact block: (SiteProfile, sheet language, translate, has_glyph) -> :class:`ContactBlock`.

A pure function that decides what the clinic's contact block says, in the sheet's language,
without drawing anything: a heading, lines of :class:`~factsheet_pdf.markup.Span` (plain
text, or a link with its target: ``tel:``, ``https:``, ``mailto:``), the QR code's target and
alternative text, and the logo. Compose (:mod:`factsheet_pdf.compose`) turns it into nodes.
A layout renders it without knowing about profiles.

The sentences around the data are shared catalog strings with named placeholders
(``site.call``: ``Call {name} at {phone}.``); the data (name, phone, address, addresses) is
inserted as written, never translated and never parsed as markup. A translation whose
placeholders differ from the English text's is not used (the English one is): the catalog
checks report it, and the block never loses the phone number.

Reading order: heading, logo, then the lines in order, then the QR code.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from babel import Locale
from babel.lists import format_list

from ..markup import Span, plain, substitute

from .hours import (HasGlyph, Translate, fit_spaces, format_hours, has_own_day_names,
                    hours_locale)
from .profile import SiteProfile
from .strings import placeholders

# msgctxt -> English source text (data/common.yaml has the same; a test compares them).
STRINGS = {
    "site.heading": "Your clinic",
    "site.call": "Call {name} at {phone}.",
    "site.address": "Address:",
    "site.hours": "Opening hours:",
    "site.web": "Website: {url}",
    "site.email": "E-mail: {email}",
    "site.interpreter": "You can ask for an interpreter when you call.",
    "site.qr-alt": "QR code: opens {url}",
    "site.qr-caption": "Scan to open the clinic's web page",
    "site.logo-alt": "Logo of {name}",
}


@dataclass(frozen=True, slots=True)
class Line:
    """One line (or paragraph) of the block. ``role`` lets a layout style it:
    ``call``, ``address-label``, ``address``, ``hours-label``, ``hours``, ``web``, ``email``,
    ``interpreter`` or ``also`` (the sheet's own national contact, kept as a second contact)."""

    role: str
    spans: tuple[Span, ...]

    @property
    def text(self) -> str:
        return plain(self.spans)


@dataclass(frozen=True, slots=True)
class ContactBlock:
    lang: str
    heading: str
    lines: tuple[Line, ...]
    qr: tuple[str, str] | None = None
    """(url, alternative text) of the QR code, or None without a url."""
    logo: tuple[Path, str] | None = None
    """(image file, alternative text), or None without a logo: the profile's ``logo_alt`` for
    the language, else the shared string ``site.logo-alt`` with the clinic's name."""
    qr_caption: str | None = None
    """What the printed QR code opens, said under it (``site.qr-caption``), or None."""

    @property
    def text(self) -> str:
        """Plain text in reading order (what the tagged PDF's text should read)."""
        return "\n".join([self.heading, *(line.text for line in self.lines)])


def fill(template: str, values: dict[str, Span | list[Span]]) -> tuple[Span, ...]:
    """``template``'s ``{placeholders}`` replaced by the given spans; the rest is literal text
    (never markup)."""
    return tuple(substitute([Span("text", template)],
                            {k: v if isinstance(v, list) else [v] for k, v in values.items()}))


def alternatives(items: Sequence[Span], lang: str, region: str) -> list[Span]:
    """Spans joined as alternatives in ``lang`` (CLDR's "or" list: ``A, B, or C``); where the
    locale's data is another language's (Haitian Creole's is French), with the list's
    punctuation only (``A, B, C``)."""
    if len(items) < 2:
        return list(items)
    locale = hours_locale(lang, region)
    marks = [f"\x00{i}\x00" for i in range(len(items))]
    if has_own_day_names(locale):
        text = format_list(marks, style="or", locale=locale)
    else:
        middle = locale.list_patterns["standard"]["middle"]
        text = marks[0]
        for m in marks[1:]:
            text = middle.replace("{0}", text).replace("{1}", m)
    out: list[Span] = []
    for n, part in enumerate(text.split("\x00")):
        if n % 2:
            out.append(items[int(part)])
        elif part:
            out.append(Span("text", part))
    return out


def data(text: str, href: str | None = None) -> Span:
    """The clinic's own data, shown as written: a text span, or a link around one."""
    shown = Span("text", text)
    return Span("link", children=(shown,), href=href) if href else shown


def speaks(languages: Sequence[str], lang: str) -> bool:
    """Whether a clinic speaking ``languages`` speaks ``lang`` (same language subtag:
    ``pt`` covers ``pt-BR``, ``zh`` covers ``zh-Hans``)."""
    want = Locale.parse(lang, sep="-").language
    return any(Locale.parse(tag, sep="-").language == want for tag in languages)


def contact_block(
    profile: SiteProfile,
    lang: str,
    translate: Translate,
    has_glyph: HasGlyph,
    national: Sequence[Span] | None = None,
    printed: bool = True,
) -> ContactBlock:
    """The clinic's contact block for a sheet in ``lang`` (BCP 47).

    ``translate(msgctxt, english)`` looks up the shared catalog; ``has_glyph(char)`` tells
    whether the block's font has a character (for CLDR's thin spaces); ``national`` is the
    sheet's own contact line, already translated and filled, shown after the clinic's lines
    when the profile says ``also: yes``; ``printed``: the block is printed (a PDF), so its QR
    code is drawn and captioned (the web edition links the address instead).
    """

    def t(msgctxt: str) -> str:
        english = STRINGS[msgctxt]
        text = translate(msgctxt, english)
        if sorted(placeholders(text)) != sorted(placeholders(english)):
            text = english
        return fit_spaces(text, has_glyph)

    values: dict[str, Span | list[Span]] = {
        "name": data(profile.name),
        "phone": alternatives([data(p.shown, p.tel) for p in profile.phones], lang,
                              profile.region),
    }
    if profile.url:
        values["url"] = data(profile.url, profile.url)
    if profile.email:
        values["email"] = data(profile.email, f"mailto:{profile.email}")

    lines = [Line("call", fill(t("site.call"), values))]
    if profile.address:
        lines.append(Line("address-label", (data(t("site.address")),)))
        lines += [Line("address", (data(a),)) for a in profile.address]
    if profile.hours:
        lines.append(Line("hours-label", (data(t("site.hours")),)))
        hours = format_hours(profile.hours, lang, profile.region, translate, has_glyph)
        lines += [Line("hours", (data(h),)) for h in hours]
    if profile.url:
        lines.append(Line("web", fill(t("site.web"), values)))
    if profile.email:
        lines.append(Line("email", fill(t("site.email"), values)))
    if profile.languages and not speaks(profile.languages, lang):
        lines.append(Line("interpreter", (data(t("site.interpreter")),)))
    if profile.also and national:
        lines.append(Line("also", tuple(national)))

    qr = caption = None
    if profile.url:
        alt = plain(fill(t("site.qr-alt"), {"url": data(profile.url)}))
        qr = (profile.url, alt)
        caption = t("site.qr-caption") if printed else None
    logo = None
    if profile.logo:
        alt = profile.logo_alt_in(lang) or plain(fill(t("site.logo-alt"), {"name": data(
            profile.name)}))
        logo = (profile.logo, alt)
    return ContactBlock(lang, t("site.heading"), tuple(lines), qr, logo, qr_caption=caption)
