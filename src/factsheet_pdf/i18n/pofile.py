"""PO files: a strict reader and a writer in GNU gettext's own form, on polib's data model.

Input: the bytes of a ``.po``/``.pot`` file. Output: a :class:`PoFile` (a ``polib.POFile`` whose
items are :class:`Entry`, a ``polib.POEntry``), and back: :func:`render` gives the text that
``msgcat`` (GNU gettext, default options, width 79) would write for the same catalog, so that
``msgcat FILE`` leaves a file we wrote unchanged, byte for byte.

Why our own reader and writer: polib reads an unterminated string without complaint, drops
``#~|`` lines, and its writer differs from gettext (no wrapping of headers or CJK text, rewrapped
comments). polib's objects are still the in-memory model (``msgctxt``, ``msgid``, ``msgstr``,
``flags``, ``occurrences``, ``previous_msgid``...), so code written for polib works on ours.
Comments are kept as lists (``translator_comments``, ``extracted_comments``) because polib's
joined strings cannot tell a lone ``#`` line from no comment; ``tcomment``/``comment`` are views.

What the reader keeps: translator (``#``), extracted (``#.``) comments, references (``#:``),
flags (``#,``), previous msgctxt/msgid/msgid_plural (``#|``, also continued over several
``#| "..."`` lines), obsolete entries (``#~``) with their ``#~|`` lines, plural forms, header
fields in their order. It reads the declared charset (``ISO-8859-1``, ``GB18030``...), accepts
CRLF line ends and a UTF-8 byte-order mark. Errors are :class:`~factsheet_pdf.errors.FactsheetError`
at the line (and column) ``msgfmt`` names: ``end-of-line within string``, ``invalid control
sequence``, ``keyword "x" unknown``, ``syntax error``, ``missing 'msgstr' section``,
``duplicate message definition`` (with the first definition's line), an unknown or
unsupported charset (at the ``Content-Type`` line; msgfmt only warns there), and a legacy
charset declared for bytes that are UTF-8 (there too: decoding them as declared would be
mojibake).

What the writer does as gettext does (``write-po.c``): comment order ``#``, ``#.``, ``#:``,
``#,``, ``#|``; references wrapped at 79 columns and deduplicated; flags in gettext's order
(``fuzzy``, format flags, ``range:``, ``no-wrap``; ``fuzzy`` is dropped on an empty msgstr and
``wrap`` is dropped as the default); strings split after each ``\\n`` and wrapped by
:mod:`.linebreak` (UAX #14, East-Asian width) so that no line passes 79 columns, with an empty
first line (``msgid ""``) when a string needs more than one line; obsolete entries last, and
obsolete entries without a translation left out. Known differences from gettext: unknown flags
are kept (gettext drops them), and breaks inside printf-style directives of ``c-format`` etc.
entries are not prevented (our catalogs have none).
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from pathlib import Path

import polib

from .. import regular
from ..errors import Diagnostic, FactsheetError
from ..model import SourceLoc
from ..write import atomic_write
from .linebreak import PROHIBITED, UNDEFINED, width_breaks

PAGE_WIDTH = 79

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "f": "\f", "v": "\v",
            "\\": "\\", '"': '"', "'": "'", "?": "?"}
_ESCAPE_OUT = {"\a": "a", "\b": "b", "\f": "f", "\n": "n", "\r": "r", "\t": "t", "\v": "v",
               "\\": "\\", '"': '"'}
_KEYWORD = re.compile(r"([A-Za-z_]\w*)(?:\s*\[\s*(\d+)\s*\])?")
# msgfmt reports an unterminated string on the line after it (its lexer has read the newline);
# we use the same line number and name the string's own line.
_EOL = "end-of-line within string (the string on line {} has no closing quote)"
_KEYWORDS = ("msgctxt", "msgid", "msgid_plural", "msgstr")
# gettext 0.21's format flag order (format.h), used to order "#," flags as msgcat does.
_FORMATS = (
    "c", "objc", "python", "python-brace", "java", "csharp", "javascript", "scheme", "lisp",
    "elisp", "librep", "ruby", "sh", "awk", "lua", "pascal", "smalltalk", "qt", "qt-plural",
    "kde", "kde-kuit", "boost", "tcl", "perl", "perl-brace", "php", "gcc-internal",
    "gfc-internal", "ycp",
)


class Entry(polib.POEntry):
    """One message. polib's fields, plus list-valued comments and the lines it was read at."""

    def __init__(self, *args, **kwargs) -> None:
        self.translator_comments: list[str] = []
        self.extracted_comments: list[str] = []
        self.msgstr_lineno = 0
        self.msgstr_pieces: tuple[tuple[int, int, str], ...] = ()
        """Where the msgstr is in the file, for :func:`locate`: each quoted piece's line, first
        column and text as written."""
        super().__init__(*args, **kwargs)

    # polib joins comment lines with "\n"; these views keep code written for polib working.
    @property
    def tcomment(self) -> str:
        return "\n".join(self.translator_comments)

    @tcomment.setter
    def tcomment(self, value: str) -> None:
        self.translator_comments = value.split("\n") if value else []

    @property
    def comment(self) -> str:
        return "\n".join(self.extracted_comments)

    @comment.setter
    def comment(self, value: str) -> None:
        self.extracted_comments = value.split("\n") if value else []

    # The names the rest of the pipeline (and Babel) use.
    @property
    def context(self) -> str | None:
        return self.msgctxt

    @property
    def id(self) -> str:
        return self.msgid

    @property
    def string(self) -> str:
        return self.msgstr

    @property
    def lineno(self) -> int:
        return self.linenum

    def __str__(self) -> str:
        return "\n".join(entry_lines(self, "utf-8"))


class PoFile(polib.POFile):
    """A catalog: the entries (header excluded), ``metadata`` (ordered header fields) and path."""

    def __init__(self, path: Path | str | None = None):
        self.header_entry = Entry(msgid="", msgstr="")
        self._raw_header: tuple[str, dict] | None = None
        super().__init__(wrapwidth=PAGE_WIDTH, encoding="utf-8")
        self.path = Path(path) if path is not None else None
        self.charset_line = 0

    @property
    def header(self) -> str:  # polib: the header's translator comments
        return "\n".join(self.header_entry.translator_comments)

    @header.setter
    def header(self, value: str) -> None:
        self.header_entry.translator_comments = value.split("\n") if value else []

    @property
    def metadata_is_fuzzy(self) -> bool:
        return "fuzzy" in self.header_entry.flags

    @metadata_is_fuzzy.setter
    def metadata_is_fuzzy(self, value) -> None:
        flags = [f for f in self.header_entry.flags if f != "fuzzy"]
        self.header_entry.flags = (["fuzzy"] if value else []) + flags

    @property
    def headers(self) -> dict[str, str]:
        """The header fields in file order (same object as polib's ``metadata``)."""
        return self.metadata

    @property
    def charset(self) -> str:
        m = re.search(r"charset=([^\s;]+)", self.metadata.get("Content-Type", ""))
        name = m.group(1) if m else "UTF-8"
        return "UTF-8" if name.upper() == "CHARSET" else name

    def header_msgstr(self) -> str:
        if self._raw_header is not None and self._raw_header[1] == self.metadata:
            return self._raw_header[0]
        return "".join(f"{k}: {v}\n" if v is not None else f"{k}\n"
                       for k, v in self.metadata.items())

    def live(self) -> list[Entry]:
        return [e for e in self if not e.obsolete]

    def __str__(self) -> str:
        return render(self)

    def save(self, fpath=None, repr_method="__str__", newline=None):  # polib's API
        write(Path(fpath) if fpath else self.path, self)


# ------------------------------------------------------------------------------------ reading


class _Syntax(Exception):
    def __init__(self, line: int, message: str, col: int | None = None):
        super().__init__(message)
        self.line, self.col, self.message = line, col, message


def _loc(path: str, line: int, col: int | None = None) -> SourceLoc:
    return SourceLoc(path, line, col)


def _strings(text: str, pos: int, lineno: int, col0: int,
             where: list[tuple[int, int, str]] | None = None) -> list[str]:
    """The quoted strings in ``text[pos:]``; anything else is a syntax error. ``where`` gets
    each string's line, the column of its first character and its text as written (escapes
    and all), for :func:`locate`."""
    out: list[str] = []
    n = len(text)
    while True:
        while pos < n and text[pos] in " \t\r\f\v":
            pos += 1
        if pos >= n:
            return out
        if text[pos] != '"':
            raise _Syntax(lineno, "syntax error", col0 + pos + 1)
        pos += 1
        start = pos
        buf = []
        while True:
            if pos >= n:
                raise _Syntax(lineno + 1, _EOL.format(lineno))
            c = text[pos]
            if c == '"':
                if where is not None:
                    where.append((lineno, col0 + start + 1, text[start:pos]))
                pos += 1
                break
            if c == "\\":
                pos += 1
                if pos >= n:
                    raise _Syntax(lineno + 1, _EOL.format(lineno))
                e = text[pos]
                if e in _ESCAPES:
                    buf.append(_ESCAPES[e])
                    pos += 1
                elif e in "01234567":
                    m = re.match(r"[0-7]{1,3}", text[pos:])
                    assert m is not None  # text[pos] is an octal digit
                    buf.append(chr(int(m.group(0), 8)))
                    pos += len(m.group(0))
                elif e == "x" and pos + 1 < n and text[pos + 1] in "0123456789abcdefABCDEF":
                    m = re.match(r"[0-9a-fA-F]+", text[pos + 1:])
                    assert m is not None  # text[pos + 1] is a hex digit
                    buf.append(chr(int(m.group(0), 16)))
                    pos += 1 + len(m.group(0))
                else:
                    raise _Syntax(lineno, "invalid control sequence", col0 + pos + 1)
            else:
                buf.append(c)
                pos += 1
        out.append("".join(buf))


def _token_end(raw: str, i: int) -> int:
    """The end of the character or escape sequence at ``raw[i]`` (one character of the value)."""
    if raw[i] != "\\" or i + 1 >= len(raw):
        return i + 1
    e = raw[i + 1]
    if e in "01234567":
        m = re.match(r"[0-7]{1,3}", raw[i + 1:])
        return i + 1 + len(m.group(0)) if m else i + 2
    if e == "x":
        m = re.match(r"[0-9a-fA-F]+", raw[i + 2:])
        return i + 2 + (len(m.group(0)) if m else 0)
    return i + 2


def locate(pieces, offset: int) -> tuple[int, int] | None:
    """Line and column (1-based, in characters of the file's text) of character ``offset`` of a
    string read from ``pieces`` (each quoted piece's line, first column and text as written:
    :attr:`Entry.msgstr_pieces`); None past its end. Each character and each escape sequence
    (``\\0``, ``\\x1b``, ``\\n``) is one character of the value."""
    k = 0
    for line, col, raw in pieces:
        i = 0
        while i < len(raw):
            if k == offset:
                return line, col + i
            i = _token_end(raw, i)
            k += 1
    return None


class _Builder:
    """Collects the lines of one entry; ``finish`` turns them into an :class:`Entry`."""

    def __init__(self) -> None:
        self.tc: list[str] = []
        self.ec: list[str] = []
        self.refs: list[tuple[str, str]] = []
        self.flags: list[str] = []
        self.prev: dict[str, list[str]] = {}
        self.fields: dict[str, list[str]] = {}
        self.lines: dict[str, int] = {}
        self.pieces: dict[str, list[tuple[int, int, str]]] = {}
        self.order: list[str] = []
        self.obsolete = False
        self.first_line = 0
        self.current: tuple[dict, str] | None = None

    def has_comments(self) -> bool:
        return bool(self.tc or self.ec or self.refs or self.flags or self.prev)

    def empty(self) -> bool:
        return not self.fields and not self.has_comments()


def _decode(raw: bytes, path: str) -> tuple[str, str, int]:
    """Bytes -> text with the charset the header declares; the charset and its line."""
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[3:]
    charset, line = "UTF-8", 0
    m = re.search(rb'^[ \t]*"Content-Type:[^"\n]*?charset=([^\s\\"]*)', raw, re.MULTILINE)
    if m:
        line = raw.count(b"\n", 0, m.start()) + 1
        name = m.group(1).decode("ascii", "replace")
        if name and name.upper() != "CHARSET":
            charset = name
    try:
        info = codecs.lookup(charset)
    except LookupError:
        raise FactsheetError(Diagnostic(_loc(path, line or 1),
                                        f"unknown charset {charset!r} in the Content-Type "
                                        "header", hint="use charset=UTF-8")) from None
    if info.name.startswith(("utf-16", "utf-32")) or b'"' != '"'.encode(info.name):
        raise FactsheetError(Diagnostic(_loc(path, line or 1),
                                        f"unsupported charset {charset!r}: a PO file's charset "
                                        "must contain ASCII", hint="use charset=UTF-8"))
    if info.name != "utf-8":
        _check_not_utf8(raw, charset, path, line)
    try:
        text = raw.decode(info.name)
    except UnicodeDecodeError as e:
        bad = raw.count(b"\n", 0, e.start) + 1
        raise FactsheetError(Diagnostic(_loc(path, bad), f"invalid {charset} byte sequence "
                                        f"(the header declares charset={charset})")) from None
    return text, charset, line


def _check_not_utf8(raw: bytes, charset: str, path: str, line: int) -> None:
    """A catalog whose header declares a legacy charset while its bytes are UTF-8 (an editor
    saved UTF-8 and kept the header) is an error at the ``Content-Type`` line, never decoded
    into mojibake (``Ã‰chec``) and silently converted.

    Text in ISO-8859-1, Windows-1252, KOI8-R, GB18030... whose non-ASCII bytes all happen to
    form valid UTF-8 sequences does not occur in practice (``Ã©`` would have to be written on
    purpose), so valid UTF-8 with non-ASCII bytes is taken as UTF-8."""
    if raw.isascii():
        return
    try:
        as_utf8 = raw.decode("utf-8")
    except UnicodeDecodeError:
        return  # not UTF-8: the declared charset is believed
    first = next(i for i, c in enumerate(as_utf8) if ord(c) > 0x7F)
    at = as_utf8.count("\n", 0, first) + 1
    col = first - (as_utf8.rfind("\n", 0, first) + 1) + 1
    ch = as_utf8[first]
    seq = " ".join(f"{b:02X}" for b in ch.encode("utf-8"))
    raise FactsheetError(Diagnostic(
        _loc(path, line or 1),
        f"the header declares charset={charset}, but the file is UTF-8 ({ch!r} at line {at}, "
        f"column {col}, is the UTF-8 bytes {seq}, which {charset} reads as other text)",
        hint="change the header to charset=UTF-8 (and check the text is what you meant)"))


def parse(text: str, path: str = "<string>") -> PoFile:
    """PO text -> :class:`PoFile`; every syntax error raises at its line."""
    po = PoFile(path)
    errors: list[Diagnostic] = []
    entries: list[Entry] = []
    b = _Builder()

    def flush(lineno: int) -> None:
        nonlocal b
        if b.empty():
            b = _Builder()
            return
        if not b.fields:
            if b.obsolete or not b.has_comments():
                b = _Builder()
                return
            raise _Syntax(lineno, "syntax error")
        if "msgid" not in b.fields:
            raise _Syntax(b.first_line, "syntax error")
        if not any(k.startswith("msgstr") for k in b.fields):
            raise _Syntax(b.lines["msgid"], "missing 'msgstr' section")
        f = {k: "".join(v) for k, v in b.fields.items()}
        e = Entry(msgid=f["msgid"], msgctxt=f.get("msgctxt"), obsolete=b.obsolete,
                  linenum=b.lines["msgid"], occurrences=list(b.refs), flags=list(b.flags))
        e.translator_comments, e.extracted_comments = list(b.tc), list(b.ec)
        plural = {int(k[7:-1]): v for k, v in f.items() if k.startswith("msgstr[")}
        if "msgid_plural" in f:
            e.msgid_plural = f["msgid_plural"]
            e.msgstr_plural = dict(sorted(plural.items()))
        e.msgstr = f.get("msgstr", plural.get(0, "") if "msgid_plural" not in f else "")
        e.msgstr_lineno = next(v for k, v in b.lines.items() if k.startswith("msgstr"))
        e.msgstr_pieces = tuple(b.pieces.get("msgstr", b.pieces.get("msgstr[0]", ())))
        p = {k: "".join(v) for k, v in b.prev.items()}
        e.previous_msgctxt = p.get("msgctxt")
        e.previous_msgid = p.get("msgid")
        e.previous_msgid_plural = p.get("msgid_plural")
        entries.append(e)
        b = _Builder()

    def keyword_line(body: str, lineno: int, col0: int, target: str) -> None:
        """A line of PO syntax (after any ``#~``/``#|`` prefix) into the builder."""
        s = body.lstrip(" \t\r\f\v")
        col0 += len(body) - len(s)
        if not s:
            return
        if s[0] == '"':
            where: list[tuple[int, int, str]] = []
            strings = _strings(s, 0, lineno, col0, where)
            if b.current is None:
                raise _Syntax(lineno, "syntax error", col0 + 1)
            b.current[0][b.current[1]].extend(strings)
            if b.current[0] is b.fields:
                b.pieces.setdefault(b.current[1], []).extend(where)
            return
        m = _KEYWORD.match(s)
        if not m:
            raise _Syntax(lineno, "syntax error", col0 + 1)
        if m.group(1) not in _KEYWORDS:
            if m.group(1) == "domain":
                raise _Syntax(lineno, "'domain' directives are not supported")
            raise _Syntax(lineno, f'keyword "{m.group(1)}" unknown')
        kw = m.group(1) + (f"[{m.group(2)}]" if m.group(2) is not None else "")
        if m.group(2) is not None and m.group(1) != "msgstr":
            raise _Syntax(lineno, "syntax error", col0 + 1)
        where = []
        strings = _strings(s, m.end(), lineno, col0, where)
        if not strings:
            raise _Syntax(lineno, "syntax error", col0 + len(s) + 1)
        if target == "prev":
            if kw not in ("msgctxt", "msgid", "msgid_plural") or kw in b.prev:
                raise _Syntax(lineno, "syntax error", col0 + 1)
            b.prev[kw] = strings
            b.current = (b.prev, kw)
            return
        has_str = any(k.startswith("msgstr") for k in b.fields)
        if kw in ("msgctxt", "msgid"):
            if has_str or "msgid" in b.fields or (b.fields and b.obsolete != (
                    target == "obsolete")):
                flush(lineno)  # raises "missing 'msgstr' section" for an incomplete entry
            elif kw in b.fields:
                raise _Syntax(lineno, "syntax error", col0 + 1)
        elif kw == "msgid_plural":
            if "msgid" not in b.fields or has_str or kw in b.fields:
                raise _Syntax(lineno, "syntax error", col0 + 1)
        else:  # msgstr, msgstr[n]
            if "msgid" not in b.fields or kw in b.fields or (
                    ("msgid_plural" in b.fields) != kw.startswith("msgstr[")):
                raise _Syntax(lineno, "syntax error", col0 + 1)
        if not b.fields and not b.has_comments():
            b.first_line = lineno
        if b.fields and b.obsolete != (target == "obsolete"):
            raise _Syntax(lineno, "syntax error", col0 + 1)
        b.obsolete = target == "obsolete"
        b.fields[kw] = strings
        b.pieces[kw] = where
        b.lines[kw] = lineno
        b.current = (b.fields, kw)

    for lineno, line in enumerate(text.split("\n"), 1):
        line = line.removesuffix("\r")
        try:
            stripped = line.lstrip(" \t\f\v")
            if not stripped:
                continue
            if stripped.startswith("#"):
                col0 = len(line) - len(stripped)
                if stripped.startswith("#~|"):
                    if b.fields:
                        flush(lineno)
                    b.obsolete = True
                    keyword_line(stripped[3:], lineno, col0 + 3, "prev")
                    continue
                if stripped.startswith("#~"):
                    keyword_line(stripped[2:], lineno, col0 + 2, "obsolete")
                    continue
                if stripped.startswith("#|"):
                    if b.fields:
                        flush(lineno)
                    keyword_line(stripped[2:], lineno, col0 + 2, "prev")
                    continue
                # A comment after an entry's keywords starts the next entry.
                if b.fields:
                    flush(lineno)
                b.current = None
                kind, rest = stripped[1:2], stripped[2:]
                if kind == ".":
                    b.ec.append(rest.removeprefix(" "))
                elif kind == ":":
                    for ref in _references(rest):
                        if ref not in b.refs:
                            b.refs.append(ref)
                elif kind == ",":
                    for flag in rest.split(","):
                        flag = flag.strip()
                        if flag and flag not in b.flags:
                            b.flags.append(flag)
                else:
                    body = stripped[1:]
                    b.tc.append(body.removeprefix(" "))
                continue
            if b.current is not None and b.current[0] is b.prev and stripped[0] == '"':
                raise _Syntax(lineno, "syntax error", len(line) - len(stripped) + 1)
            keyword_line(line, lineno, 0, "live")
        except _Syntax as err:
            errors.append(Diagnostic(_loc(path, err.line, err.col), err.message))
            b = _Builder()
    if not errors:
        try:
            flush(len(text.split("\n")))
        except _Syntax as err:
            errors.append(Diagnostic(_loc(path, err.line, err.col), err.message))
    if errors:
        raise FactsheetError(errors)

    seen: dict[tuple[str | None, str], Entry] = {}
    for e in entries:
        if e.obsolete:
            continue
        key = (e.msgctxt, e.msgid)
        if key in seen:
            first = seen[key]
            what = f"msgctxt {e.msgctxt!r}" if e.msgctxt is not None else f"msgid {e.msgid!r}"
            errors.append(Diagnostic(_loc(path, e.linenum),
                                     f"duplicate message definition ({what}); first defined at "
                                     f"line {first.msgstr_lineno}"))
            errors.append(Diagnostic(_loc(path, first.msgstr_lineno),
                                     "...this is the location of the first definition", "note"))
        else:
            seen[key] = e
    if errors:
        raise FactsheetError(errors)

    for i, e in enumerate(entries):
        if not e.obsolete and e.msgctxt is None and e.msgid == "":
            po.header_entry = entries.pop(i)
            break
    po.extend(entries)
    meta: dict[str, str | None] = {}
    for line in po.header_entry.msgstr.split("\n"):
        if not line:
            continue
        key, sep, value = line.partition(":")
        if sep:
            meta[key.strip()] = value.strip()
        else:
            meta[line] = None
    po.metadata = meta
    po._raw_header = (po.header_entry.msgstr, dict(meta))
    return po


def _references(rest: str) -> list[tuple[str, str]]:
    out = []
    for m in re.finditer(r"\u2068([^\u2069]*)\u2069(?::(\d+))?|(\S+)", rest):
        if m.group(3) is not None:
            name, _, line = m.group(3).rpartition(":")
            if not (name and line.isdigit()):
                name, line = m.group(3), ""
        else:
            name, line = m.group(1), m.group(2) or ""
        out.append((name, line))
    return out


MAX_BYTES = 2_000_000
"""Largest catalog read (a fact sheet's catalog is a few tens of kilobytes)."""


def read_path(path: Path) -> PoFile:
    """Read a catalog file. A path that is not a regular file is refused without opening it."""
    spath = str(path)
    try:
        raw = regular.read_regular(path, MAX_BYTES)
    except regular.TooLarge as e:
        raise FactsheetError(Diagnostic(SourceLoc(spath, 1), f"catalog is larger than "
                                        f"{MAX_BYTES:,} bytes ({e.args[0]:,})")) from None
    except OSError as e:
        raise FactsheetError(Diagnostic(SourceLoc.file(spath), "cannot read catalog: "
                                        f"{e.strerror}")) from None
    text, charset, line = _decode(raw, spath)
    po = parse(text, spath)
    po.charset_line = line
    po.encoding = charset
    return po


# ------------------------------------------------------------------------------------ writing


def wrap(name: str, value: str, prefix: str = "", do_wrap: bool = True,
         page_width: int = PAGE_WIDTH) -> list[str]:
    """``name "value"`` as lines, split and wrapped as gettext's ``wrap()`` does."""
    lines: list[str] = []
    after_break = len(prefix) + 1
    width = (page_width if do_wrap else 1 << 30) - 1 - after_break
    first = True
    portions = re.findall(r"[^\n]*\n|[^\n]+", value) or [""]
    for k, portion in enumerate(portions):
        more = k + 1 < len(portions)
        cells: list[str] = []
        overrides: list[int] = []
        for c in portion:
            esc = _ESCAPE_OUT.get(c)
            if esc is not None:
                cells += ["\\", esc]
                overrides += [UNDEFINED, PROHIBITED]
            else:
                cells.append(c)
                overrides.append(UNDEFINED)
        if portion.endswith("\n"):
            overrides[-2] = PROHIBITED
        text = "".join(cells)
        while True:
            start = (len(name) + 1 if first else 0) + 1 + len(prefix) - after_break
            breaks = width_breaks(text, width, start, overrides)
            if first and text and (more or start > width or breaks):
                lines.append(f'{prefix}{name} ""')
                first = False
                continue
            break
        head = f"{prefix}{name} " if first else prefix
        first = False
        pieces, last = [], 0
        for i in breaks:
            pieces.append(text[last:i])
            last = i
        pieces.append(text[last:])
        lines.append(f'{head}"{pieces[0]}"')
        lines += [f'{prefix}"{p}"' for p in pieces[1:]]
    return lines


def _flags_line(e: Entry, obsolete: bool) -> str | None:
    flags = [f.strip() for f in e.flags]
    out = []
    has_text = bool(e.msgstr or any(e.msgstr_plural.values())) if e.msgid_plural else bool(
        e.msgstr)
    if "fuzzy" in flags and (has_text or obsolete):
        out.append("fuzzy")
    formats = {}
    for f in flags:
        m = re.fullmatch(r"(no-|possible-)?(.+)-format", f)
        if m and m.group(2) in _FORMATS:
            formats[m.group(2)] = "no-" if m.group(1) == "no-" else ""
    out += [f"{formats[n]}{n}-format" for n in _FORMATS if n in formats]
    if not obsolete:
        out += [f for f in flags if f.startswith("range:")]
    if "no-wrap" in flags:
        out.append("no-wrap")
    known = set(out) | {"fuzzy", "wrap", "no-wrap"}
    out += [f for f in flags if f not in known and not f.startswith("range:")
            and not re.fullmatch(r"(no-|possible-)?(.+)-format", f)]
    return "#, " + ", ".join(out) if out else None


def _references_lines(e: Entry, page_width: int) -> list[str]:
    if not e.occurrences:
        return []
    lines, cur, column = [], "#:", 2
    seen = set()
    for name, line in e.occurrences:
        if (name, line) in seen:
            continue
        seen.add((name, line))
        while name.startswith("./"):
            name = name[2:]
        text = f"{name}:{line}" if line not in ("", None) else name
        if " " in name:
            text = f"\u2068{name}\u2069" + (f":{line}" if line not in ("", None) else "")
        width = len(text) + 1
        if column > 2 and column + width > page_width:
            lines.append(cur)
            cur, column = "#:", 2
        cur += " " + text
        column += width
    lines.append(cur)
    return lines


def entry_lines(e: Entry, charset: str = "utf-8", page_width: int = PAGE_WIDTH,
                msgstr: str | None = None) -> list[str]:
    """One entry as gettext writes it (no blank line around)."""
    obsolete = bool(e.obsolete)
    lines = ["#" + (f" {c}" if c else "") for c in e.translator_comments]
    lines += ["#." + (f" {c}" if c else "") for c in e.extracted_comments]
    lines += _references_lines(e, page_width)
    flags = _flags_line(e, obsolete)
    if flags:
        lines.append(flags)
    do_wrap = "no-wrap" not in e.flags
    pp = "#~| " if obsolete else "#| "
    for name, value in (("msgctxt", e.previous_msgctxt), ("msgid", e.previous_msgid),
                        ("msgid_plural", e.previous_msgid_plural)):
        if value is not None:
            lines += wrap(name, value, pp, do_wrap, page_width)
    fp = "#~ " if obsolete else ""
    if e.msgctxt is not None:
        lines += wrap("msgctxt", e.msgctxt, fp, do_wrap, page_width)
    lines += wrap("msgid", e.msgid, fp, do_wrap, page_width)
    if e.msgid_plural:
        lines += wrap("msgid_plural", e.msgid_plural, fp, do_wrap, page_width)
        forms = e.msgstr_plural or {0: ""}
        for i in sorted(forms):
            lines += wrap(f"msgstr[{i}]", forms[i], fp, do_wrap, page_width)
    else:
        lines += wrap("msgstr", e.msgstr if msgstr is None else msgstr, fp, do_wrap, page_width)
    return lines


def render(po: PoFile, page_width: int = PAGE_WIDTH) -> str:
    """The catalog as the text ``msgcat`` writes for it."""
    blocks: list[list[str]] = []
    if po.metadata or po.header_entry.translator_comments or po.header_entry.flags:
        blocks.append(entry_lines(po.header_entry, po.charset, page_width,
                                  msgstr=po.header_msgstr()))
    for e in po:
        if not e.obsolete:
            blocks.append(entry_lines(e, po.charset, page_width))
    for e in po:
        if e.obsolete and (e.msgstr or any((e.msgstr_plural or {}).values())):
            blocks.append(entry_lines(e, po.charset, page_width))
    return "\n".join("\n".join(b) + "\n" for b in blocks)


def encode(po: PoFile) -> bytes:
    """:func:`render` in the catalog's declared charset."""
    text = render(po)
    try:
        return text.encode(codecs.lookup(po.charset).name)
    except (LookupError, UnicodeEncodeError) as e:
        where = _loc(str(po.path), po.charset_line or 1) if po.path else None
        raise FactsheetError(Diagnostic(where, f"cannot write the catalog in charset "
                                        f"{po.charset}: {e}", hint="use charset=UTF-8"))


def write(path: Path, catalog: PoFile) -> bool:
    """Write ``catalog`` in gettext's form (:func:`factsheet_pdf.write.atomic_write`: atomic and
    durable; a catalog rewritten keeps its mode); False (file untouched) if unchanged."""
    path = Path(path)
    data = encode(catalog)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        st = None
    except OSError as e:
        raise FactsheetError(Diagnostic(SourceLoc.file(path), f"cannot write catalog: {e.strerror}"))
    if st is not None:
        if not stat.S_ISREG(st.st_mode):
            raise FactsheetError(Diagnostic(SourceLoc.file(path), "cannot write catalog: "
                                            f"not a regular file ({regular.kind(st.st_mode)})"))
        try:
            if regular.read_regular(path) == data:
                return False
        except OSError as e:
            raise FactsheetError(Diagnostic(SourceLoc.file(path),
                                            f"cannot read catalog: {e.strerror}")) from None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, data, mode=(st.st_mode & 0o7777) if st else None)
    except OSError as e:
        raise FactsheetError(Diagnostic(SourceLoc.file(path), f"cannot write catalog: {e.strerror}"))
    return True
