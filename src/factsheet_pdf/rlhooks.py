"""Line breaking on top of ReportLab's paragraphs (tests/test_internals.py).

Input: ReportLab paragraphs (``Paragraph.breakLines`` output, ``blPara``). Output: the same
line structures, corrected. What it does:

The ReportLab internals it needs are behind :mod:`factsheet_pdf.rlseam`.

* :func:`install` (idempotent) has :func:`.rlseam.install_line_breaking` patch ReportLab's
  line-breaking globals: its word splitter, so that U+00A0 and U+202F (French spacing) never
  break a line; its hyphenation letter set, so that Russian words with ё/Ё are offered to the
  hyphenation hook (ReportLab's own lacks them); its table of characters that cannot start a
  line, completed with the Chinese closing punctuation; its rejoining of split words, which
  keeps a hard hyphen. (No space added at the line ends of a split piece:
  :class:`.rlseam.Paragraph`, for our paragraphs only.) And, through
  :func:`.rlseam.install_address_breaking`, a web or e-mail address breaks only where
  :mod:`factsheet_pdf.text.addresses` allows, never with a hyphen added.
* :func:`finish_lines` walks wrapped lines against the paragraph's source text: a hyphen
  ReportLab inserted at a line end becomes U+00AD (a hard hyphen the source has stays
  U+002D), and a line that ends where the source had whitespace ends with one space, so the
  text layer and the tagged text read exactly as the source.
* :func:`break_lines` re-breaks a paragraph until the line-level hyphenation rules hold (at
  most 2 hyphenated lines in a row, none on the second-to-last line, none where the line
  would be full enough without it: the hyphenation zone, :data:`HYPHENATION_ZONE`).
* :func:`cjk_lines` is the Chinese line breaker: no line starts with closing or middle
  punctuation, none ends with opening punctuation, Latin words and numbers stay whole.
"""

from __future__ import annotations

import re

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import paragraph as _paragraph

from . import rlseam
from .hyphenate import SOFT_HYPHEN, blocked, word_key
from .text import addresses

NO_BREAK_SPACES = "\u00a0\u202f\u2007\u2060"
HYPHENATION_ZONE = 3.5
"""The hyphenation zone of ragged-right setting, in ems of the line's type: a word is
hyphenated only when the line without its head would end more than this short of the
measure (the rag it saves is worth a hyphen); otherwise the whole word goes to the next
line. A hard-hyphen break adds no hyphen and is not held to the zone."""
CJK_CANNOT_START = ("，。、：；！？）》」』】〕〉〗〙〛…·％‰,.:;!?)]}\u201d\u2019"
                    # Japanese (JIS X 4051): small kana, the prolonged sound mark, iteration
                    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ"
                    "ーゝゞヽヾ々・")
CJK_CANNOT_END = "（《「『【〔〈〖〘〚([{\u201c\u2018"
_ZERO_WIDTH = ("", "\u200b")
_BREAKABLE = "".join(c for c in rlseam.WHITESPACE if c not in NO_BREAK_SPACES)
_split_re = re.compile(f"[{re.escape(_BREAKABLE)}]+")


FR_NO_BREAK_BEFORE = ";:!?»"


def _split(text, delim=None) -> list[str]:
    """``paragraph.split`` that never breaks at a no-break space, nor at a space before
    ; : ! ? » or after « (French spacing, when a catalog has a plain space there)."""
    if isinstance(text, bytes):
        text = text.decode("utf8")
    if delim is not None:
        return text.split(delim)
    out: list[str] = []
    for w in _split_re.split(text):
        if out and out[-1] and w and (w[0] in FR_NO_BREAK_BEFORE or out[-1][-1] == "«"):
            out[-1] = out[-1] + " " + w
        else:
            out.append(w)
    return out


def install() -> None:
    """Patch ReportLab's line-breaking globals (see the module docstring); safe to call many
    times."""
    rlseam.install_line_breaking(_split, "\u0401\u0451", CJK_CANNOT_START)
    rlseam.install_address_breaking(addresses.split_pairs, addresses.plan_cuts)
    rlseam.install_justification(cjk_justify)


# -- lines --------------------------------------------------------------------------------
def line_text(bl, line) -> str:
    if isinstance(line, tuple):  # kind 0 (also inside a split piece's "kind 1" blPara)
        return " ".join(line[1])
    return "".join(getattr(f, "text", "") or "" for f in line.words)


def rejoin_words(words) -> list[str]:
    """Words of a kind-0 piece with hyphenated words rejoined (ReportLab's own rejoining)."""
    return rlseam.rejoin_words(words)


def strip_word_ends(words) -> list:
    """Words of a split piece without the line-end spaces :func:`finish_lines` added."""
    return [type(w)(w.rstrip(" ")) if isinstance(w, str) and w.endswith(" ") else w
            for w in words]


def _set_last(bl, line, fn) -> None:
    """Apply ``fn`` to the text of the line's last non-empty word (its class kept: ReportLab
    rejoins a split word's head and tail by their classes)."""
    if isinstance(line, tuple):
        words = line[1]
        for i in range(len(words) - 1, -1, -1):
            if words[i]:
                w = words[i]
                new = fn(str(w))
                words[i] = type(w)(new) if type(w) is not str else new
                return
        return
    for k in range(len(line.words) - 1, -1, -1):
        f = line.words[k]
        if getattr(f, "text", ""):
            # a copy: ReportLab's lines may share fragment objects with the paragraph
            line.words[k] = f.clone(text=fn(f.text))
            return


def source_text(para) -> str:
    """The paragraph's text from its fragments, raw or as ReportLab's breakLines left them
    (lists ``[width, (frag, text), ...]``; hanging-space ones are followed by a space)."""
    cached = getattr(para, "_source_text", None)
    if cached is not None:
        return cached
    out = []
    for f in para.frags:
        if isinstance(f, list):
            word = "".join(t for _, t in f[1:] if isinstance(t, str))
            if rlseam.is_hyphen_split_word(f) and word.endswith("-"):
                word = word[:-1]  # a hyphen ReportLab added at an earlier break
            out.append(word)
            if rlseam.is_hanging_space_word(f):
                out.append(" ")
        elif getattr(f, "text", None) is None and getattr(f, "words", None) is not None:
            out.append(" ".join(rejoin_words(f.words)))
        else:
            out.append(getattr(f, "text", "") or "")
    text = "".join(out)
    para._source_text = text
    return text


def finish_lines(para, bl) -> list[str | None]:
    """Fix line ends in place (see module docstring); return each line's break word key
    (the hyphenated word, soft or hard) or None."""
    src = source_text(para)
    lines = bl.lines
    texts = [line_text(bl, ln) for ln in lines]
    i = 0
    n = len(src)
    keys: list[str | None] = []
    softs: list[bool] = []
    ends: list[int] = []
    bl.src_ends = ends
    """Source position after each line (split pieces take their source text from it)."""
    for k, t in enumerate(texts):
        soft = False
        for j, ch in enumerate(t):
            if ch in _ZERO_WIDTH[1]:
                continue
            if ch.isspace() and ch not in NO_BREAK_SPACES:
                while i < n and src[i].isspace() and src[i] not in NO_BREAK_SPACES:
                    i += 1
                continue
            while i < n and src[i] != ch and (src[i].isspace() or src[i] == "\u200b") \
                    and src[i] not in NO_BREAK_SPACES:
                i += 1
            if i < n and src[i] == ch:
                i += 1
            elif ch in ("-", SOFT_HYPHEN) and j == len(t) - 1:
                soft = True
            else:  # cannot align (unexpected): leave the lines as they are
                bl.src_ends = None
                return [None] * len(lines)
        last = k == len(lines) - 1
        key = None
        if soft:
            _set_last(bl, lines[k], lambda s: s[:-1] + SOFT_HYPHEN)
            key = _break_key(t, texts[k + 1] if not last else "", hard=False)
        elif t.endswith("-") and not last and i < n and not src[i].isspace():
            key = _break_key(t, texts[k + 1], hard=True)
        if not last and i < n and src[i].isspace() and src[i] not in NO_BREAK_SPACES \
                and not t.endswith(" "):
            _set_last(bl, lines[k], lambda s: s + " ")
        keys.append(key)
        softs.append(soft)
        ends.append(i)
    bl.break_keys = keys
    bl.soft_breaks = softs
    return keys


def piece_sources(para, first_lines: int) -> tuple[str, str] | None:
    """Source texts of the two pieces of ``para`` split after ``first_lines`` lines."""
    ends = getattr(para.blPara, "src_ends", None)
    if not ends or first_lines > len(ends):
        return None
    src = source_text(para)
    cut = ends[first_lines - 1]
    return src[:cut], src[cut:].lstrip(_BREAKABLE)


def _break_key(line: str, next_line: str, *, hard: bool) -> str:
    head = line.rstrip().split()[-1] if line.strip() else ""
    tail = next_line.split()[0] if next_line.strip() else ""
    return word_key(head.rstrip("-" + SOFT_HYPHEN) + ("-" if hard else "") + tail)


def rule_violations(keys: list[str | None]) -> set[str]:
    """Words whose break breaks a line-level rule: a third hyphenated line in a row, or a
    hyphen on the second-to-last line (a lone fragment on the last)."""
    bad: set[str] = set()
    run = 0
    for k, key in enumerate(keys):
        run = run + 1 if key else 0
        if key and run >= 3:
            bad.add(key)
    if len(keys) >= 2 and keys[-2]:
        bad.add(keys[-2])
    return bad


def _line_font(para, bl, line) -> tuple[str, float]:
    if isinstance(line, tuple):
        return para.style.fontName, para.style.fontSize
    last = next((f for f in reversed(line.words) if getattr(f, "text", "")), None)
    if last is None:
        return para.style.fontName, para.style.fontSize
    return last.fontName, last.fontSize


def _extra_space(line) -> float | None:
    if isinstance(line, tuple):
        return line[0]
    return getattr(line, "extraSpace", None)


def zone_violations(para, bl, zone: float | None = None) -> set[str]:
    """Words softly hyphenated at a line end although the line, with the whole word moved to
    the next line, would still end within ``zone`` ems of the measure."""
    keys = getattr(bl, "break_keys", None) or []
    softs = getattr(bl, "soft_breaks", None) or []
    zone = HYPHENATION_ZONE if zone is None else zone
    bad: set[str] = set()
    for line, key, soft in zip(bl.lines, keys, softs):
        extra = _extra_space(line)
        if not (key and soft) or extra is None:
            continue
        text = line_text(bl, line).rstrip()
        parts = text.split()
        if len(parts) < 2:  # the word starts the line: moving it saves nothing
            continue
        font, size = _line_font(para, bl, line)
        head = parts[-1][:-1] + "-"
        blank = extra + stringWidth(head, font, size) + stringWidth(" ", font, size)
        if blank <= zone * size:
            bad.add(key)
    return bad


def break_lines(para, width, base, no_hyphen: set[str]):
    """``base(width)`` (ReportLab's breakLines) repeated with offending words blocked until the
    line-level rules hold; soft hyphens and line-end spaces fixed (:func:`finish_lines`)."""
    for _ in range(8):
        with blocked(no_hyphen):
            bl = base(width)
        keys = finish_lines(para, bl)
        bad = (rule_violations(keys) | zone_violations(para, bl)) - no_hyphen
        if not bad:
            break
        no_hyphen |= bad
    return bl


def line_break_key(bl, n: int) -> str | None:
    """The word hyphenated (softly or at a hard hyphen) at the end of line ``n`` of ``bl``."""
    keys = getattr(bl, "break_keys", None)
    if keys and n < len(keys):
        return keys[n]
    return None


# -- Chinese ------------------------------------------------------------------------------
def _latin(c: str) -> bool:
    return bool(c) and ord(c) < 0x2E80 and not c.isspace() and c not in CJK_CANNOT_START \
        and c not in CJK_CANNOT_END


def _can_break(U, p: int, start: int, spans=(), allowed=frozenset()) -> bool:
    """May a line end between U[p-1] and U[p]? Inside a web or e-mail address (``spans``)
    only at its ``allowed`` breaks (:mod:`factsheet_pdf.text.addresses`)."""
    if spans and addresses.inside(spans, p) is not None:
        return p in allowed
    a = p - 1
    while a > start and U[a] in _ZERO_WIDTH:
        a -= 1
    b = p
    while b < len(U) - 1 and U[b] in _ZERO_WIDTH:
        b += 1
    before, after = str(U[a]), str(U[b])
    if after.isspace():
        return False
    if before.isspace():
        return True
    if after in CJK_CANNOT_START or before in CJK_CANNOT_END:
        return False
    return not (_latin(before) and _latin(after))


def cjk_lines(frags, max_widths, calc_bounds=False):
    """Break CJK text (see module docstring); returns ReportLab's ``ParaLines`` (kind 1).
    A paragraph never ends on a line of one character (with its punctuation: "一。"): the
    line before gives it one more."""
    U = []
    for f in frags:
        text = f.text or ""
        if text:
            U.extend(_paragraph.cjkU(t, f, "utf8") for t in text)
        else:
            U.append(_paragraph.cjkU(text, f, "utf8"))
    bounds: list[tuple[int, int]] = []
    start = i = 0
    used = 0.0
    max_w = max_widths[0]
    n = len(U)
    text = "".join(str(u) if len(str(u)) == 1 else "\u200b" for u in U)
    spans = addresses.find(text)
    allowed = {a + k for a, b in spans for k in addresses.breaks(text[a:b])}
    fallback = {a + k for a, b in spans for k in addresses.fallback_breaks(text[a:b])}
    while i < n:
        u = U[i]
        w = u.width
        if used + w > max_w + 1e-8 and i > start and not str(u).isspace():
            p = i
            while p > start + 1 and not _can_break(U, p, start, spans, allowed):
                p -= 1
            if p <= start + 1 and not _can_break(U, p, start, spans, allowed):
                # an address longer than the line: its host breaks before a dot, else
                # the line ends where it is full
                p = next((q for q in range(i, start + 1, -1) if q in fallback), i)
            bounds.append((start, p))
            max_w = max_widths[min(len(bounds), len(max_widths) - 1)]
            start = i = p
            used = 0.0
            continue
        used += w
        i += 1
    if start < n:
        bounds.append((start, n))
    if len(bounds) >= 2 and _lone(text, *bounds[-1]):
        (a, p), (_, e) = bounds[-2], bounds[-1]
        for q in range(p - 1, a + 1, -1):  # the break one character (or more) earlier
            if _can_break(U, q, a, spans, allowed) and not _lone(text, q, e):
                bounds[-2:] = [(a, q), (q, e)]
                break
    lines = []
    for k, (a, e) in enumerate(bounds):
        max_w = max_widths[min(k, len(max_widths) - 1)]
        end = e
        while end > a and str(U[end - 1]).isspace():  # a line-end space takes no room (it
            end -= 1  # would make the line overfull: ReportLab then squeezes its spaces)
        width = sum(x.width for x in U[a:end])
        lines.append(_paragraph.makeCJKParaLine(U[a:e], max_w, width, max_w - width, False,
                                                calc_bounds))
    return _paragraph.ParaLines(kind=1, lines=lines)


def _lone(text: str, a: int, e: int) -> bool:
    """Whether ``text[a:e]`` (a paragraph's last line) holds one character at most, not
    counting punctuation and spaces."""
    return sum(1 for c in text[a:e] if not c.isspace() and c not in _ZERO_WIDTH[1]
               and c not in CJK_CANNOT_START and c not in CJK_CANNOT_END) <= 1


COMPRESSED_FONTS = ("wqy-",)
"""Fonts whose full-width punctuation is compressed where two marks meet (tag.canvas)."""
CJK_CLOSING = "，。、：；！？）」』】》〕〉"
CJK_OPENING = "（「『【《〔〈"


def compressions(text: str) -> list[int]:
    """Positions k where full-width punctuation text[k-1] (closing or middle) meets another
    mark (text[k]): the first mark's blank half is taken out when drawn (CLREQ 3.1.6)."""
    return [k for k in range(1, len(text))
            if text[k - 1] in CJK_CLOSING and text[k] in CJK_CLOSING + CJK_OPENING]


def first_baseline(para) -> float:
    """Distance from a wrapped paragraph's top to its first baseline, as ``drawPara`` puts it."""
    from reportlab.rl_config import paraFontSizeHeightOffset

    bl = para.blPara
    f = bl if bl.kind == 0 else bl.lines[0]
    if paraFontSizeHeightOffset:
        return f.fontSize
    return getattr(f, "ascent", f.fontSize)


# -- Chinese justification --------------------------------------------------------------
MAX_CHAR_SPACE = 0.5
"""Ems: a line that would need more space between its characters is left flush left."""


def cjk_justify(tx, offset, line, last) -> bool:
    """Draw a line of a justified Chinese paragraph (``wordWrap`` CJK) flush at both ends by
    inter-character spacing (``Tc``), the way Chinese is set: its extra space (and what the
    compressed punctuation gives back) is shared between the gaps after its CJK characters;
    Latin runs in another font keep their own spacing (:meth:`TaggedTextObject.font_changed`
    sets ``Tc`` per font). The last line of a paragraph, and a line ended by a hard break, stay
    flush left. Returns False for every other line (ReportLab's justification)."""
    style = rlseam.paragraph_style(tx)
    if getattr(style, "wordWrap", None) != "CJK" or last or getattr(line, "lineBreak", False):
        return False
    extra = getattr(line, "extraSpace", 0.0)
    if extra <= 0.01:
        return False
    own = style.fontName.rsplit("-", 1)[0] + "-"
    chars: list[bool] = []
    give_back = 0.0
    for w in line.words:
        if hasattr(w, "cbDefn"):
            continue
        text = getattr(w, "text", "") or ""
        mine = w.fontName.startswith(own)
        if mine and w.fontName.startswith(COMPRESSED_FONTS):
            give_back += len(compressions(text)) * 0.5 * w.fontSize
        chars += [mine for c in text if not c.isspace() and c not in _ZERO_WIDTH[1] + SOFT_HYPHEN]
    gaps = sum(chars) - (1 if chars and chars[-1] else 0)
    if gaps <= 0:
        return False
    space = (extra + give_back) / gaps
    if space > MAX_CHAR_SPACE * style.fontSize:
        return False
    tx.cjk_spacing = (own, space)
    current = rlseam.text_font(tx)[0] or line.words[0].fontName
    rlseam.emit(tx, f"{space if current.startswith(own) else 0:.4f} Tc")
    try:
        rlseam.put_line(tx, offset, line, last)
    finally:
        tx.cjk_spacing = None
        rlseam.emit(tx, "0 Tc")
    return True
