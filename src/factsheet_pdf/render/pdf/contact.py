"""A clinic's contact block on the page: (its composed node, styles, fit) -> tagged flowables.

Input: the composed ``clinic`` node (what the block says, in the sheet's language: compose
made it from the profile, :func:`factsheet_pdf.site.contact.contact_block`), the story
builder (the structure tree, styles and fonts), and a
:class:`ContactFit` (how big the QR code is and whether the logo is shown). Output: flowables
that tag everything they draw, in reading order: ``Sect > H2, Figure (logo), P (one per line
of the block: call, address..., hours..., web, e-mail, interpreter, the national line),
Figure (QR code)``. The Figures carry alternative text (the profile's ``logo_alt``; the QR
code's says where it leads) and their drawing is their marked content
(:meth:`~factsheet_pdf.tag.canvas.TaggingCanvas.begin_figure`), never an untagged path.

Standard variant: ONE flowable (:class:`ContactPanel`) the page template puts in the footer
band of page 2: the logo at the left, the text in two balanced sub-columns under the heading
(the national line across), the QR code at the right, so the band stays a few lines high.
Large print: separate flowables, flush left, 18 pt text, a larger logo and QR code.

What gives way when a language is tight (issue 10), after the sidebar's width: the QR code's
size (:data:`FIT_STEPS`, never below :data:`~factsheet_pdf.site.qr.MIN_SIZE`), then the logo
(dropped, with :func:`logo_dropped_warning`); the fit loop (render/pdf/fit.py) walks the steps.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.units import inch
from reportlab.platypus import Flowable

from ...compose.doc import Node
from ...markup import Span, plain
from ...site.hours import fit_spaces
from ...site.qr import MIN_SIZE, QrCode
from ...tag import Element
from .flowables import TaggedParagraph

QR_STANDARD = 1.0 * inch
QR_LARGE = 1.5 * inch
LOGO_STANDARD = (0.65 * inch, 1.3 * inch)
"""The logo's height and greatest width in the standard variant, beside the text: 0.65 in
tall (a logo up to 2:1)."""
LOGO_WIDE = (0.5 * inch, 3.0 * inch)
"""A wide logo (2:1 or wider) in the standard variant, above the text: 0.5 in tall up to 6:1,
3 in wide beyond."""
LOGO_LARGE = (1.25 * inch, 5.0 * inch)
"""Large print: 1.25 in tall up to 4:1, 5 in wide beyond (1 in tall at 5:1)."""
WIDE = 2.0
"""Width to height from which a logo is wide (set above the block's text)."""


@dataclass(frozen=True, slots=True)
class ContactFit:
    """How much room the clinic's block takes in the standard variant.

    ``qr_size``: side of the QR code in points, quiet zone included (>= MIN_SIZE);
    ``logo``: whether the logo is drawn (large print always draws it)."""

    qr_size: float = QR_STANDARD
    logo: bool = True


FIT_STEPS: tuple[ContactFit, ...] = (
    ContactFit(QR_STANDARD, True),
    ContactFit(0.9 * inch, True),
    ContactFit(MIN_SIZE, True),
    ContactFit(MIN_SIZE, False),
)
"""The block's settings from roomiest to tightest, in the order things give way: the QR
code's size down to MIN_SIZE, then the logo."""


def logo_dropped_warning(clinic: Node, lang: str) -> str | None:
    """The warning a build prints when the fit loop had to drop the logo (None: no logo)."""
    if not any(n.kind == "logo" for n in clinic.children):
        return None
    return (f"{lang} standard: the clinic's logo was left out of the contact block to "
            f"fit the page budget")


# -- figures ---------------------------------------------------------------------------------

class Figure(Flowable):
    """Something drawn (``paint(canvas, width, height)``) as the marked content of a Figure
    element; the element's /Alt says what it shows."""

    def __init__(self, element: Element, width: float, height: float,
                 paint: Callable[[object, float, float], None]):
        super().__init__()
        self.element = element
        self.width = width
        self.height = height
        self.paint = paint

    def wrap(self, availWidth, availHeight):
        return self.width, self.height

    def draw(self):
        canv = self.canv
        canv.begin_figure(self.element)
        try:
            self.paint(canv, self.width, self.height)
        finally:
            canv.end_figure()


def qr_figure(parent: Element, url: str, alt: str, size: float) -> Figure:
    code = QrCode(url)
    el = parent.add("Figure", alt=alt)
    return Figure(el, size, size, lambda canv, w, h: code.draw(canv, 0, 0, w))


def logo_size(px: tuple[int, int] | None, box: tuple[float, float]) -> tuple[float, float]:
    """(width, height) of a logo of ``px`` pixels in a ``box`` of (height, greatest width):
    as tall as the box, or as wide as it allows, aspect ratio kept."""
    pw, ph = px or (1, 1)
    height, widest = box
    h = min(height, widest * ph / pw)
    return h * pw / ph, h


def logo_figure(parent: Element, path, alt: str, px: tuple[int, int] | None,
                box: tuple[float, float]) -> Figure:
    """The logo at :func:`logo_size` in ``box``."""
    w, h = logo_size(px, box)
    el = parent.add("Figure", alt=alt)

    def paint(canv, w, h):
        canv.drawImage(str(path), 0, 0, w, h, mask="auto")

    return Figure(el, w, h, paint)


# -- text ------------------------------------------------------------------------------------

LABELS = ("address-label", "hours-label")


def _groups(lines: list[Node]) -> list[list[Node]]:
    """Lines that stay together in a sub-column: a label with the lines it introduces."""
    out: list[list[Node]] = []
    for line in lines:
        if out and out[-1][0].kind in LABELS and line.kind == out[-1][0].kind[:-len("-label")]:
            out[-1].append(line)
        else:
            out.append([line])
    return out


def _fitted(spans, has_glyph) -> tuple[Span, ...]:
    """CLDR's thin and narrow no-break spaces replaced where the font lacks them."""
    return tuple(replace(s, text=fit_spaces(s.text, has_glyph),
                         children=_fitted(s.children, has_glyph)) for s in spans)


@dataclass
class _Built:
    heading: TaggedParagraph
    logo: Figure | None
    groups: list[list[TaggedParagraph]]
    national: TaggedParagraph | None
    qr: Figure | None
    caption: TaggedParagraph | None = None
    """What the QR code opens, printed under it."""


def _build(node: Node, builder, *, fit: ContactFit, large: bool) -> _Built:
    """Structure elements in reading order and the flowables that fill them."""
    st = builder.st
    sect = builder.element(node, builder.tree.root)
    kids = {k: [c for c in node.children if c.kind == k]
            for k in ("clinic-heading", "logo", "qr", "also")}
    heading_style = st.contact_h.clone("site_h", keepWithNext=1) if large else st.contact_h
    head = kids["clinic-heading"][0]
    h2 = builder.element(head, sect)
    heading = TaggedParagraph(builder.rl(head, h2), heading_style, element=h2,
                              outline=(plain(head.spans), 1))
    logo = None
    if kids["logo"] and (fit.logo or large):
        n = kids["logo"][0]
        wide = n.px is not None and n.px[0] >= WIDE * n.px[1]
        logo = logo_figure(sect, n.target, n.alt or "", n.px, LOGO_LARGE if large else
                           LOGO_WIDE if wide else LOGO_STANDARD)
    gap = st.contact.leading * (0.5 if large else 0.2)
    body = st.contact.clone("site_p", spaceAfter=0)
    label = body.clone("site_label", fontName=st.contact_h.fontName)
    lines = [c for c in node.children if c.role == "P" and c.kind not in ("also", "qr-caption")]
    groups = []
    for group in _groups(lines):
        paras = []
        for i, line in enumerate(group):
            p = builder.element(line, sect)
            fitted = replace(line, spans=_fitted(line.spans, builder.has_glyph))
            style = label if line.kind in LABELS else body
            if i == len(group) - 1:
                style = style.clone(style.name + "_end", spaceAfter=gap)
            if large and line.kind in LABELS:
                style = style.clone(style.name + "_keep", keepWithNext=1)
            paras.append(TaggedParagraph(builder.rl(fitted, p), style, element=p))
        groups.append(paras)
    nat = None
    if kids["also"]:
        n = kids["also"][0]
        p = builder.element(n, sect)
        nat = TaggedParagraph(builder.rl(n, p), body.clone("site_nat", spaceAfter=gap),
                              element=p)
    qr = None
    if kids["qr"]:
        n = kids["qr"][0]
        qr = qr_figure(sect, n.target or "", n.alt or "",
                       max(QR_LARGE if large else fit.qr_size, MIN_SIZE))
    caption = None
    captions = [c for c in node.children if c.kind == "qr-caption"]
    if qr is not None and captions:
        p = builder.element(captions[0], sect)
        style = body.clone("site_caption", alignment=TA_CENTER if not large else TA_LEFT,
                           spaceBefore=gap * 0.5)
        caption = TaggedParagraph(builder.rl(captions[0], p), style, element=p)
    return _Built(heading, logo, groups, nat, qr, caption)


def contact_flowables(node: Node, *, builder, large: bool = False,
                      fit: ContactFit = ContactFit()) -> list[Flowable]:
    """The clinic's block as flowables (see the module docstring)."""
    b = _build(node, builder, fit=fit, large=large)
    if not large:
        return [ContactPanel(b)]
    out: list[Flowable] = [b.heading]
    gap = builder.st.contact.leading * 0.5
    if b.logo is not None:
        out.append(_Spaced(b.logo, gap))
    for g in b.groups:
        out += g
    if b.national is not None:
        out.append(b.national)
    if b.qr is not None:
        out.append(_Spaced(b.qr, gap if b.caption is None else 0.0))
        if b.caption is not None:
            out.append(b.caption)
    return out


class _Spaced(Flowable):
    """A figure with space after it (flush left in its frame)."""

    def __init__(self, inner: Figure, after: float):
        super().__init__()
        self.inner = inner
        self.after = after

    def wrap(self, availWidth, availHeight):
        self.width, self.height = self.inner.width, self.inner.height
        return self.width, self.height

    def getSpaceAfter(self):
        return self.after

    def draw(self):
        self.inner.drawOn(self.canv, 0, 0)


class ContactPanel(Flowable):
    """Standard variant: logo | heading over two sub-columns of text (+ national line) | QR
    code with its caption; a wide logo (:data:`WIDE`) above the heading instead.

    Never splits: the page template reserves a footer band as high as :meth:`wrap` says."""

    def __init__(self, built: _Built):
        super().__init__()
        self.b = built
        self._layout: tuple | None = None

    def _gap(self) -> float:
        return self.b.heading.style.fontSize * 1.2

    def _qr_column(self) -> tuple[float, float]:
        """(width, height) of the right column: the QR code and the caption under it (as
        wide as the code, or up to 1.6 in for a caption that would take more than 4 lines)."""
        b = self.b
        if b.qr is None:
            return 0.0, 0.0
        if b.caption is None:
            return b.qr.width, b.qr.height
        width = b.qr.width
        natural = _natural_width([b.caption])
        b.caption.wrap(width, 10_000)
        if len(b.caption.blPara.lines) > 4:  # (a long word: wider, up to 1.6 in)
            width = max(width, min(natural, 1.6 * inch))
        _, h = b.caption.wrap(width, 10_000)
        return width, b.qr.height + b.caption.getSpaceBefore() + h

    def _wide_logo(self) -> bool:
        b = self.b
        return b.logo is not None and b.logo.width >= WIDE * b.logo.height - 0.01

    def wrap(self, availWidth, availHeight):
        b, gap = self.b, self._gap()
        wide = self._wide_logo()
        left = b.logo.width + gap if b.logo is not None and not wide else 0.0
        above = b.logo.height + b.heading.style.fontSize * 0.5 if wide else 0.0
        right_w, right_h = self._qr_column()
        right = right_w + gap if b.qr is not None else 0.0
        text_w = availWidth - left - right
        _, head_h = b.heading.wrap(text_w, 10_000)
        head_h += b.heading.getSpaceAfter() + b.heading.style.fontSize * 0.3
        a_w, b_w, k = self._columns(text_w - gap)
        cols = ([p for g in b.groups[:k] for p in g], [p for g in b.groups[k:] for p in g])
        cols_h = max(_stack_height(cols[0], a_w), _stack_height(cols[1], b_w))
        nat_h = 0.0
        if b.national is not None:
            _, nat_h = b.national.wrap(text_w, 10_000)
            nat_h += b.national.style.fontSize * 0.4
        self.height = max(above + head_h + cols_h + nat_h, right_h,
                          b.logo.height if b.logo else 0.0)
        self.width = availWidth
        if b.caption is not None:
            b.caption.wrap(right_w, 10_000)
        # Each paragraph keeps the result of its last wrap: wrap it at its drawn width last.
        for col, w in zip(cols, (a_w, b_w)):
            for p in col:
                p.wrap(w, 10_000)
        b.heading.wrap(text_w, 10_000)
        self._layout = (left, a_w, gap, head_h, cols, right_w, above)
        return self.width, self.height

    def _columns(self, room: float) -> tuple[float, float, int]:
        """(first width, second width, groups in the first sub-column) giving the lowest
        block: all in one sub-column, or the groups split in two (the second may take the
        width its longest line needs: a web or e-mail address is better unbroken, within
        30-65 % of the room)."""
        groups = self.b.groups
        best = None
        for k in range(len(groups), 0, -1):
            first = [p for g in groups[:k] for p in g]
            second = [p for g in groups[k:] for p in g]
            if not second:  # one sub-column across the room
                best = (_stack_height(first, room), room, 0.0, k)
                continue
            widths = [room / 2]
            natural = _natural_width(second)
            if room * 0.3 <= natural <= room * 0.65:
                widths.insert(0, natural)
            for w2 in widths:
                w1 = room - w2
                h = max(_stack_height(first, w1), _stack_height(second, w2))
                if best is None or h < best[0] - 0.01:
                    best = (h, w1, w2, k)
        if best is None:
            return room / 2, room / 2, 0
        return best[1], best[2], best[3]

    def split(self, availWidth, availHeight):
        return []

    def draw(self):
        b, canv = self.b, self.canv
        if self._layout is None:
            self.wrap(self.width, self.height)
        left, a_w, gap, head_h, cols, right_w, above = self._layout
        top = self.height
        # Reading order: heading, logo, the columns' lines, the national line, the QR code (a
        # wide logo is drawn above the heading, after it)
        b.heading.drawOn(canv, left, top - above - b.heading.height)
        if b.logo is not None:
            b.logo.drawOn(canv, 0, top - b.logo.height)
        y0 = top - above - head_h
        for i, col in enumerate(cols):
            x = left + i * (a_w + gap)
            y = y0
            for p in col:
                y -= p.height
                p.drawOn(canv, x, y)
                y -= p.getSpaceAfter()
        if b.national is not None:
            col_bottom = min(self._bottom(c, y0) for c in cols) if any(cols) else y0
            b.national.drawOn(canv, left, col_bottom - b.national.style.fontSize * 0.4
                              - b.national.height)
        if b.qr is not None:
            x = self.width - right_w
            b.qr.drawOn(canv, x + (right_w - b.qr.width) / 2, top - b.qr.height)
            if b.caption is not None:
                y = top - b.qr.height - b.caption.getSpaceBefore() - b.caption.height
                b.caption.drawOn(canv, x, y)

    @staticmethod
    def _bottom(col, y0: float) -> float:
        y = y0
        for i, p in enumerate(col):
            y -= p.height + (p.getSpaceAfter() if i < len(col) - 1 else 0)
        return y


def _stack_height(paras, width: float) -> float:
    total = 0.0
    for i, p in enumerate(paras):
        _, h = p.wrap(width, 10_000)
        total += h + (p.getSpaceAfter() if i < len(paras) - 1 else 0)
    return total


def _natural_width(paras) -> float:
    """Width of the longest line of the paragraphs, unwrapped (hard breaks kept)."""
    widest = 0.0
    for p in paras:
        p.wrap(10_000, 10_000)
        widest = max(widest, *p.getActualLineWidths0(), 0.0)
    return widest + 1.0
