"""Document dates: the sheet's ``revised:`` month and its catalogs' ``PO-Revision-Date`` -> the
PDF's creation and modification date, never a file's time, so builds are reproducible on any
clone (``SOURCE_DATE_EPOCH``, when set, wins: the reproducible-builds convention).

ReportLab stamps a document with ``SOURCE_DATE_EPOCH`` when that variable is set (its
``TimeStamp``), in the Info dictionary and, through :func:`.rlseam.document_timestamp`, in the
XMP packet; :func:`source_date` sets it around one render, from the date the inputs give, and
leaves a value the user set alone.
"""

from __future__ import annotations

import calendar
import contextlib
import datetime
import os
import re
from collections.abc import Iterable, Iterator

_PO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?\s*([+-]\d{4}|Z)?")
PLACEHOLDER_DATE = "YEAR-MO-DA HO:MI+ZONE"
"""gettext's PO-Revision-Date of a catalog no translator has dated yet."""


def po_date(value: str | None) -> int | None:
    """A ``PO-Revision-Date`` (``2025-03-14 09:30+0100``) as a Unix time; None for gettext's
    placeholder or anything else that is not a date."""
    m = _PO_DATE.fullmatch((value or "").strip())
    if not m:
        return None
    y, mo, d, h, mi = (int(m[i]) for i in range(1, 6))
    s = int(m[6] or 0)
    try:
        t = calendar.timegm(datetime.datetime(y, mo, d, h, mi, s).timetuple())
    except ValueError:
        return None
    zone = m[7]
    if zone and zone != "Z":
        sign = 1 if zone[0] == "+" else -1
        t -= sign * (int(zone[1:3]) * 3600 + int(zone[3:5]) * 60)
    return t


def month_date(revised: str | None) -> int | None:
    """``YYYY-MM`` -> the first second of that month, UTC."""
    m = re.fullmatch(r"(\d{4})-(\d{2})", revised or "")
    if not m or not 1 <= int(m[2]) <= 12:
        return None
    return calendar.timegm((int(m[1]), int(m[2]), 1, 0, 0, 0))


def document_date(revised: str | None, catalog_dates: Iterable[int | None] = ()) -> int | None:
    """The latest of the sheet's revision month and its catalogs' revision dates (None when
    none is known)."""
    known = [t for t in (month_date(revised), *catalog_dates) if t is not None]
    return max(known) if known else None


@contextlib.contextmanager
def source_date(epoch: int | None) -> Iterator[None]:
    """``SOURCE_DATE_EPOCH`` = ``epoch`` while a document is rendered (unless the user set
    it: theirs wins; None: nothing is set, ReportLab's fixed date stays)."""
    if epoch is None or os.environ.get("SOURCE_DATE_EPOCH", "").strip():
        yield
        return
    os.environ["SOURCE_DATE_EPOCH"] = str(int(epoch))
    try:
        yield
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH", None)
