"""Site profile: a clinic's profile file (YAML) -> :class:`SiteProfile`.

The file is read as content files are (:func:`factsheet_pdf.load.compose_input`: PyYAML's
``compose``, which keeps the line and column of every node) and validated by the one
located-node validator, :class:`factsheet_pdf.nodes.NodeReader`, so every problem is reported
as ``file:line:col: error: ...`` (a missing or unknown key, a bad phone number, a logo that is
missing or not an image, text with control characters, a file that is not YAML...). All problems in a file are collected and raised as one
:class:`~factsheet_pdf.errors.FactsheetError`.

Names, addresses and alternative texts are data: kept as plain text, never parsed as markup,
never translated. The profile's :attr:`SiteProfile.fingerprint` (sha256 over the profile's and
the logo's bytes) identifies it in the build manifest.
"""

from __future__ import annotations

import datetime
import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from babel import Locale, UnknownLocaleError
import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..errors import Diagnostic, FactsheetError
from ..model import SourceLoc
from ..phone import Phone, PhoneError, parse_phone
from .image import ImageError, decode, image_size
from ..load import compose_input
from ..regular import NotRegularFile, TooLarge, read_regular
from ..nodes import NodeReader, suggest

REQUIRED = ("id", "name", "phone")
OPTIONAL = (
    "region", "vanity", "url", "email", "address", "hours", "languages", "logo", "logo_alt",
    "also",
)
DEFAULT_REGION = "US"
"""A profile's region when neither it nor the workspace (``region`` in factsheet.toml) names
one."""
HOURS_KEYS = ("days", "open", "close")
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
"""Day keys in week order; their index is Python's ``date.weekday()``."""

MAX_PROFILE_BYTES = 256 * 1024
MAX_LOGO_BYTES = 2 * 1024 * 1024
MAX_LOGO_PIXELS = 4000
MAX_URL_BYTES = 106
"""Byte capacity of a version-6 QR code at error correction M (41 x 41 modules): the densest
code that still has modules of about 0.4 mm at the minimum printed size (qr.MIN_SIZE)."""

_SLUG = re.compile(r"[a-z0-9][a-z0-9-]*\Z")
# "all" means every profile on the command line; the others are reserved folder names on Windows.
_RESERVED = {"all", "con", "prn", "aux", "nul"} | {
    f"{p}{i}" for p in ("com", "lpt") for i in range(10)
}
_BUILD_FOLDERS = {"assets", "drafts", "braille"}
"""Folders of an output folder that are not a clinic's: the web pages' assets, the drafts,
the BRF files."""
_NOT_COUNTRIES = {"ZZ", "EU", "EZ", "UN", "QO"}
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+\Z")
_TIME = re.compile(r"(\d{1,2}):(\d{2})\Z")
_TRUE = ("yes", "true", "on")
_FALSE = ("no", "false", "off")


@dataclass(frozen=True, slots=True)
class OpeningHours:
    """One ``hours`` entry: on these days, open from ``open`` to ``close``."""

    days: tuple[tuple[int, int], ...]
    """Inclusive day ranges, 0 = Monday: ``mon-fri`` is ``((0, 4),)``, ``mon,wed`` is
    ``((0, 0), (2, 2))``."""
    open: datetime.time
    close: datetime.time
    loc: SourceLoc


@dataclass(frozen=True, slots=True)
class SiteProfile:
    """A validated site profile. Text fields are plain text exactly as written."""

    id: str
    """Plain slug; the output folder ``dist/<id>/``."""
    name: str
    phones: tuple[Phone, ...]
    """One or more numbers (``phone:`` a list): each printed as the region writes it and linked
    as a global ``tel:+...`` number (:mod:`factsheet_pdf.phone`)."""
    region: str
    """ISO 3166 alpha-2 code known to CLDR (``US``): decides clock and list conventions."""
    path: str
    """The profile file, as given."""
    fingerprint: str
    """``sha256:<hex>`` over the profile file's bytes and the logo's bytes."""
    url: str | None = None
    email: str | None = None
    address: tuple[str, ...] = ()
    """Address lines, in order."""
    hours: tuple[OpeningHours, ...] = ()
    languages: tuple[str, ...] = ()
    """BCP 47 tags of the languages spoken at the clinic; empty when not given."""
    logo: Path | None = None
    """Absolute path of a PNG or JPEG file."""
    logo_alt: tuple[tuple[str, str], ...] = ()
    """The logo's alternative text per language, (BCP 47 tag, text), as the profile gives it
    (``logo_alt: text`` is the source language's, English); a language without one reads the
    shared string ``site.logo-alt`` ("Logo of {name}") in its own language."""
    logo_px: tuple[int, int] | None = None
    """Logo width and height in pixels (read from the file header)."""
    also: bool = False
    """Keep the sheet's own (national) contact line as a second contact."""
    locs: tuple[tuple[str, SourceLoc], ...] = field(default=(), compare=False)
    """Where each key's value was read (for later checks such as missing glyphs)."""

    def logo_alt_in(self, lang: str) -> str | None:
        """The profile's own alternative text of the logo for ``lang``, or None."""
        return dict(self.logo_alt).get(lang)

    def loc(self, key: str) -> SourceLoc:
        """Location of ``key``'s value, or of the file's start."""
        return dict(self.locs).get(key, SourceLoc(self.path, 1, 1))


def _slug(r: NodeReader, node: Node | None) -> str | None:
    value = r.text(node, "site id")
    if value is None:
        return None
    assert node is not None
    if value in _BUILD_FOLDERS:
        r.err(node, f"site id {value!r} names a folder the build uses for itself "
                    f"({', '.join(sorted(_BUILD_FOLDERS))})", hint="choose another id")
        return None
    if not _SLUG.match(value) or value in _RESERVED or len(value) > 64:
        r.err(
            node, f"site id {value!r} is not a plain slug",
            hint="lowercase letters, digits and '-', not starting with '-' "
            "(it becomes a folder name)",
        )
        return None
    return value


def _phones(r: NodeReader, node: Node | None, region: str, vanity: bool
            ) -> tuple[Phone, ...]:
    """``phone:``: one number, or a list of numbers (never two in one string)."""
    if node is None:
        return ()
    items = (r.sequence(node, "phone", "phone numbers, one per entry")
             if isinstance(node, SequenceNode) else [node])
    out = []
    for item in items:
        value = r.text(item, "phone")
        if value is None:
            continue
        assert isinstance(item, ScalarNode)
        try:
            out.append(parse_phone(item.value, region, vanity))
        except PhoneError as e:
            offset = r._offset(item, e.index) if e.index is not None else 0
            r.err(item, e.message, offset=offset, hint=e.hint)
    return tuple(out)


def _region(r: NodeReader, node: Node | None) -> str | None:
    value = r.text(node, "region")
    if value is None:
        return None
    assert node is not None
    known = Locale("en").territories
    if (
        len(value) != 2 or not value.isascii() or not value.isalpha() or not value.isupper()
        or value not in known or value in _NOT_COUNTRIES
    ):
        codes = [c for c in known if isinstance(c, str) and len(c) == 2
                 and c not in _NOT_COUNTRIES]
        hint = suggest(value.upper(), codes)
        r.err(node, f"region {value!r} is not an ISO 3166 country code{hint}",
              hint="two capital letters, e.g. US, FR, BR")
        return None
    return value


def _url(r: NodeReader, node: Node | None) -> str | None:
    value = r.text(node, "url")
    if value is None:
        return None
    assert node is not None
    parts = urlsplit(value)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or " " in value:
        r.err(node, f"url {value!r} must be an http(s):// address (http:// or https://)")
        return None
    if len(value.encode("utf-8")) > MAX_URL_BYTES:
        r.err(node, f"url is longer than {MAX_URL_BYTES} bytes: too dense for a QR code "
                    "that phones can scan on paper", hint="use a shorter address")
        return None
    return value


def _email(r: NodeReader, node: Node | None) -> str | None:
    value = r.text(node, "email")
    if value is not None and not _EMAIL.match(value):
        assert node is not None
        r.err(node, f"email {value!r} is not an e-mail address")
        return None
    return value


def _address(r: NodeReader, node: Node | None) -> tuple[str, ...]:
    if node is None:
        return ()
    if isinstance(node, SequenceNode):
        lines = [r.text(n, "address line") for n in node.value]
        return tuple(line for line in lines if line)
    text = r.text(node, "address", lines=True)
    return tuple(text.split("\n")) if text else ()


def _time(r: NodeReader, node: Node | None, what: str) -> datetime.time | None:
    # The raw scalar, whatever YAML 1.1 would resolve it to (8:30 is a sexagesimal int there).
    if node is None:
        return None
    if not isinstance(node, ScalarNode):
        r.err(node, f"{what} must be a time like \"08:30\"")
        return None
    m = _TIME.match(node.value.strip())
    if not m or int(m[1]) > 23 or int(m[2]) > 59:
        r.err(node, f"{what} {node.value!r} must be a 24-hour time like \"08:30\"")
        return None
    return datetime.time(int(m[1]), int(m[2]))


def _days(r: NodeReader, node: Node | None) -> tuple[tuple[int, int], ...] | None:
    value = r.text(node, "days")
    if value is None:
        return None
    assert node is not None
    out: list[tuple[int, int]] = []
    for item in value.replace(" ", "").lower().split(","):
        ends = item.split("-")
        if len(ends) > 2 or not all(ends):
            r.err(node, f"days {value!r}: write a day, a range or a list: "
                        "mon-fri, sat, mon,wed,fri")
            return None
        for d in ends:
            if d not in DAYS:
                r.err(node, f"days: unknown day {d!r}{suggest(d, DAYS)}",
                      hint="days: " + " ".join(DAYS))
                return None
        a, b = DAYS.index(ends[0]), DAYS.index(ends[-1])
        if b < a:
            r.err(node, f"days: range {item!r} must run from Monday towards Sunday")
            return None
        out.append((a, b))
    return tuple(out)


def _hours(r: NodeReader, node: Node | None) -> tuple[OpeningHours, ...]:
    if node is None:
        return ()
    out = []
    for entry in r.sequence(node, "hours", "{days, open, close} entries"):
        if isinstance(entry, MappingNode) and _unquoted_day_list(r, entry):
            continue
        m = r.mapping(entry, "hours entry", HOURS_KEYS)
        days = _days(r, m.get("days"))
        opens = _time(r, m.get("open"), "open")
        closes = _time(r, m.get("close"), "close")
        if opens and closes and closes <= opens:
            r.err(m["close"], f"close ({closes:%H:%M}) must be after open ({opens:%H:%M})")
            continue
        if days and opens and closes:
            out.append(OpeningHours(days, opens, closes, r.loc(entry)))
    return tuple(out)


def _unquoted_day_list(r: NodeReader, entry: MappingNode) -> bool:
    """``{days: mon,wed,fri, ...}``: YAML reads ``wed`` and ``fri`` as keys. Say so."""
    for k, v in entry.value:
        if isinstance(k, ScalarNode) and k.value in DAYS and v.tag.endswith(":null"):
            r.err(k, f"day {k.value!r} was read as a key: inside {{...}}, quote a list of days",
                  hint='days: "mon,wed,fri"')
            return True
    return False


def _languages(r: NodeReader, node: Node | None) -> tuple[str, ...]:
    if node is None:
        return ()
    tags = []
    for n in r.sequence(node, "languages", "language tags, e.g. [en, es]"):
        tag = r.text(n, "language tag")
        if tag is None:
            continue
        try:
            Locale.parse(tag, sep="-")
        except (ValueError, UnknownLocaleError):
            r.err(n, f"language {tag!r} is not a BCP 47 tag known to CLDR",
                  hint="e.g. es, pt-BR, zh-Hans")
            continue
        tags.append(tag)
    return tuple(tags)


def _logo(r: NodeReader, node: Node | None, base: Path) -> tuple[Path, bytes, tuple[int, int]] | None:
    value = r.text(node, "logo")
    if value is None:
        return None
    assert node is not None
    path = (base / value).resolve() if not os.path.isabs(value) else Path(value)
    try:
        data = read_regular(path, MAX_LOGO_BYTES)
        kind, w, h = image_size(data)
    except NotRegularFile:
        r.err(node, f"logo {value!r} is not a regular file")
        return None
    except TooLarge as e:
        r.err(node, f"logo {value!r} is {e.args[0] / 2**20:.1f} MB; the limit is 2 MB")
        return None
    except OSError as e:
        r.err(node, f"logo {value!r}: {e.strerror} ({path})")
        return None
    except ImageError as e:
        r.err(node, f"logo {value!r}: {e}", hint="use a PNG or JPEG file")
        return None
    if w > MAX_LOGO_PIXELS or h > MAX_LOGO_PIXELS or not w or not h:
        r.err(node, f"logo {value!r} is {w} x {h} pixels; the limit is "
                    f"{MAX_LOGO_PIXELS} x {MAX_LOGO_PIXELS}")
        return None
    try:
        decode(data, kind)
    except ImageError as e:
        r.err(node, f"logo {value!r}: {e}", hint="export the logo again as PNG or JPEG")
        return None
    return path, data, (w, h)


def _logo_alt(r: NodeReader, node: Node | None) -> tuple[tuple[str, str], ...]:
    """``logo_alt``: a text (the source language's), or texts by language tag
    (``{en: ..., es: ...}``)."""
    from ..tags import SOURCE_LANG, canonical_tag

    if node is None:
        return ()
    if not isinstance(node, MappingNode):
        text = r.text(node, "logo_alt")
        return ((SOURCE_LANG, text),) if text else ()
    out = []
    for k, v in node.value:
        tag = k.value if isinstance(k, ScalarNode) else ""
        try:
            Locale.parse(tag, sep="-")
        except (ValueError, UnknownLocaleError):
            r.err(k, f"logo_alt: {tag!r} is not a BCP 47 language tag",
                  hint="logo_alt: {en: Riverside logo, es: Logotipo de Riverside}")
            continue
        text = r.text(v, f"logo_alt ({tag})")
        if text:
            out.append((canonical_tag(tag), text))
    return tuple(out)


def _bool(r: NodeReader, node: Node | None, what: str) -> bool:
    if node is None:
        return False
    if isinstance(node, ScalarNode) and node.value.lower() in _TRUE + _FALSE:
        return node.value.lower() in _TRUE
    r.err(node, f"{what} must be yes or no")
    return False


def guess_id(path: str | Path) -> str | None:
    """The site id of a profile that does not load, where it can still be read (its ``id``,
    else the file's name when that is a slug), so its outputs can be marked failed; or None."""
    try:
        data = yaml.safe_load(read_regular(Path(path), MAX_PROFILE_BYTES))
    except (OSError, NotRegularFile, TooLarge, yaml.YAMLError, ValueError, RecursionError):
        data = None
    value = data.get("id") if isinstance(data, dict) else None
    for candidate in (value, Path(path).stem):
        if isinstance(candidate, str) and _SLUG.match(candidate) and candidate not in _RESERVED:
            return candidate
    return None


def fingerprint(profile: bytes, logo: bytes | None) -> str:
    """``sha256:<hex>`` over the profile's bytes and the logo's bytes (length-prefixed)."""
    h = hashlib.sha256(b"factsheet-site-profile\0")
    for part in (profile, logo or b""):
        h.update(len(part).to_bytes(8, "big"))
        h.update(part)
    return "sha256:" + h.hexdigest()


def load_site(path: str | Path, default_region: str = DEFAULT_REGION) -> SiteProfile:
    """Read and validate a site profile; raise FactsheetError listing every problem.

    ``default_region``: the region of a profile without ``region`` (the workspace's)."""
    path = str(path)
    data, root = compose_input(path, "site profile", MAX_PROFILE_BYTES)
    if root is None:
        raise FactsheetError(Diagnostic(SourceLoc(path, 1, 1), "site profile is empty"))
    r = NodeReader(path)
    top = r.mapping(root, "site profile", REQUIRED, OPTIONAL)
    for key, node in top.items():
        r.locs[key] = r.loc(node)
    site_id = _slug(r, top.get("id"))
    name = r.text(top.get("name"), "name")
    region = _region(r, top.get("region")) if "region" in top else default_region
    vanity = _bool(r, top.get("vanity"), "vanity")
    phones = _phones(r, top.get("phone"), region or DEFAULT_REGION, vanity)
    url = _url(r, top.get("url"))
    email = _email(r, top.get("email"))
    address = _address(r, top.get("address"))
    hours = _hours(r, top.get("hours"))
    languages = _languages(r, top.get("languages"))
    logo = _logo(r, top.get("logo"), Path(path).resolve().parent)
    logo_alt = _logo_alt(r, top.get("logo_alt"))
    if "logo_alt" in top and "logo" not in top:
        r.err(top["logo_alt"], "logo_alt is given without a logo")
    also = _bool(r, top.get("also"), "also")
    if r.diags:
        raise FactsheetError(r.diags)
    assert site_id and name and phones and region
    return SiteProfile(
        id=site_id, name=name, phones=phones, region=region, path=path,
        fingerprint=fingerprint(data, logo[1] if logo else None),
        url=url, email=email, address=address, hours=hours, languages=languages,
        logo=logo[0] if logo else None, logo_alt=logo_alt if logo else (),
        logo_px=logo[2] if logo else None, also=also, locs=tuple(r.locs.items()),
    )
