"""The print shelf's page: every output of a folder, for a person at a front desk.

Self-contained (inline style and script, allowed by hash in the Content-Security-Policy),
so it works opened from disk, from a USB stick or from any static web server; the listing is
plain HTML (with scripts off everything is listed and every link works), the filter a small
script. Each output: variant, paper, pages, size, the sheet's revision month, a lazily loaded
first-page thumbnail, the PDF ("Print": the PDF itself), the web page and the braille file
(BRF, for an embosser or a braille display). Drafts and stale
outputs carry a visible label. The text is the source language's (English); titles and
language names are in their own language and script, with ``lang`` and ``dir``.
"""

from __future__ import annotations

from collections.abc import Callable

from .. import shared
from ..render.html.escape import esc, safe_href
from ..variants import VARIANTS
from .rows import Row, Sheet, human_size
from .script import CSP, SCRIPT, STYLE

DIGEST_META = "factsheet:shelf"


def variant_title(name: str) -> str:
    v = VARIANTS.get(name)
    if v is not None and v.label:
        return shared.unit(f"label.{v.label}").text
    return name.replace("-", " ").capitalize()


def paper_title(name: str | None) -> str:
    return "" if not name else name.upper() if len(name) <= 2 else name.capitalize()


def _href(path: str, prefix: str) -> str | None:
    """An entry's path as a link from the shelf (``prefix``: the shelf folder's, stripped)."""
    rel = path[len(prefix):] if prefix and path.startswith(prefix) else path
    return safe_href(rel)


class _Shelf:
    def __init__(self, prefix: str, thumb: Callable[[dict], tuple[str, int, int] | None]):
        self.prefix = prefix
        self.thumb = thumb

    def row(self, r: Row) -> str:
        cls = " ".join(c for c, on in (("draft", r.draft), ("stale", r.stale)) if on)
        badges = ""
        if r.draft:
            badges += '<br><span class="b">Draft: not for patients</span>'
        if r.stale:
            badges += '<br><span class="b">Out of date: its last build failed</span>'
        img = ""
        t = self.thumb(r.pdf) if r.pdf is not None else None
        if t is not None:
            src, w, h = t
            img = (f'<img src="{esc(src)}" alt="" width="{w}" height="{h}" loading="lazy">')
        links = []
        if r.pdf is not None and (href := _href(r.pdf["path"], self.prefix)):
            links.append(f'<a href="{esc(href)}">Print (PDF)</a>')
        if r.web is not None and (href := _href(r.web["path"], self.prefix)):
            links.append(f'<a href="{esc(href)}">Web page</a>')
        if r.brf is not None and (href := _href(r.brf["path"], self.prefix)):
            links.append(f'<a href="{esc(href)}" type="text/plain">Braille (BRF)</a>')
        e = r.pdf or r.web or r.brf or {}
        where = paper_title(r.paper) or ("braille file" if r.pdf is None and r.web is None
                                         else "web page")
        pages = e.get("pages")
        return (f'<tr{f" class={chr(34)}{cls}{chr(34)}" if cls else ""}><td>{img}</td>'
                f'<td>{esc(variant_title(r.variant))}{badges}</td>'
                f'<td>{esc(where)}</td>'
                f'<td>{pages if pages else ""}</td>'
                f'<td>{esc(human_size(e.get("bytes")))}</td>'
                f'<td>{{rev}}</td><td class="o">{" ".join(links)}</td></tr>')

    def sheet(self, s: Sheet, n: int) -> list[str]:
        out = [f'<section class="sheet" aria-labelledby="s{n}">',
               f'<h2 id="s{n}">{esc(s.title)} <span class="id">({esc(s.id)})</span></h2>']
        for lang in s.languages:
            nm = lang.names
            q = " ".join((nm.native, nm.english, nm.tag, lang.title, s.title, s.id))
            native = (f'<span lang="{esc(nm.tag)}" dir="{esc(nm.dir)}">{esc(nm.native)}</span>')
            head = native if nm.native.casefold() == nm.english.casefold() else \
                f"{native} · {esc(nm.english)}"
            tl = lang.title_lang
            out += [f'<section data-lang="{esc(nm.tag)}" data-sheet="{esc(s.id)}" '
                    f'data-n="{len(lang.rows)}" data-q="{esc(q)}">',
                    f"<h3>{head}</h3>",
                    f'<p class="lt" lang="{esc(tl)}" '
                    f'dir="{esc(nm.dir if tl == nm.tag else "ltr")}">{esc(lang.title)}</p>',
                    "<table><thead><tr><th scope=\"col\">Preview</th><th scope=\"col\">Edition"
                    "</th><th scope=\"col\">Paper</th><th scope=\"col\">Pages</th>"
                    "<th scope=\"col\">Size</th><th scope=\"col\">Revised</th>"
                    "<th scope=\"col\">Open</th></tr></thead><tbody>"]
            rev = esc(lang.revised)
            out += [self.row(r).replace("{rev}", rev) for r in lang.rows]
            out.append("</tbody></table></section>")
        out.append("</section>")
        return out


def render_shelf(sheets: list[Sheet], *, digest: str, prefix: str = "", heading: str,
                 thumb: Callable[[dict], tuple[str, int, int] | None],
                 clinics: tuple[tuple[str, str], ...] = ()) -> bytes:
    """The shelf page. ``prefix``: the folder's path in the manifest (``riverside/``);
    ``thumb(entry)`` -> (address, width, height) of a PDF's thumbnail or None; ``clinics``:
    (address of a clinic's shelf, its name) to link to."""
    shelf = _Shelf(prefix, thumb)
    total = sum(s.count for s in sheets)
    langs: dict[str, tuple[str, str]] = {}
    for s in sheets:
        for lg in s.languages:
            langs[lg.names.tag] = (lg.names.english, lg.names.native)
    lang_opts = "".join(
        f'<option value="{esc(t)}">{esc(en)}'
        f'{"" if en.casefold() == nat.casefold() else " · " + esc(nat)}</option>'
        for t, (en, nat) in sorted(langs.items(), key=lambda kv: (kv[1][0].casefold(), kv[0])))
    sheet_opts = "".join(f'<option value="{esc(s.id)}">{esc(s.title)}</option>' for s in sheets)
    languages = len(langs)
    body = [
        "<!DOCTYPE html>", '<html lang="en" dir="ltr">', "<head>", '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta http-equiv="Content-Security-Policy" content="{esc(CSP)}">',
        '<meta name="referrer" content="no-referrer">',
        f'<meta name="{DIGEST_META}" content="{esc(digest)}">',
        f"<title>{esc(heading)}</title>", f"<style>{STYLE}</style>", "</head>", "<body>",
        '<a class="skip" href="#list">Skip to the list</a>',
        "<header>", f"<h1>{esc(heading)}</h1>",
        f"<p>{len(sheets)} sheet{'s' if len(sheets) != 1 else ''} in {languages} "
        f"language{'s' if languages != 1 else ''}: {total} file{'s' if total != 1 else ''}. "
        "To print a handout, open its PDF and print it at actual size (100 %).</p>",
    ]
    if clinics:
        body.append('<nav aria-label="Clinic editions"><p>Editions with a clinic’s own '
                    "contact details:</p><ul>")
        body += [f'<li><a href="{esc(h)}">{esc(name)}</a></li>' for h, name in clinics]
        body.append("</ul></nav>")
    body += [
        "</header>", '<main id="list" tabindex="-1">',
        '<div id="filter" class="filter" role="search" hidden>',
        '<label>Search sheet, title or language<input id="q" type="search" autocomplete="off">'
        "</label>",
        f'<label>Language<select id="fl"><option value="">All languages</option>{lang_opts}'
        "</select></label>",
        f'<label>Sheet<select id="fs"><option value="">All sheets</option>{sheet_opts}'
        "</select></label>",
        f'<p id="shown" data-total="{total}" aria-live="polite"></p>', "</div>",
    ]
    if not sheets:
        body.append("<p>No handouts have been built into this folder yet.</p>")
    for n, s in enumerate(sheets, 1):
        body += shelf.sheet(s, n)
    body += ["</main>", f"<script>{SCRIPT}</script>", "</body>", "</html>", ""]
    return "\n".join(body).encode("utf-8")


def digest_in(data: bytes) -> str | None:
    """The digest a shelf page records (what it was made of)."""
    mark = f'<meta name="{DIGEST_META}" content="'.encode()
    at = data.find(mark)
    if at < 0:
        return None
    end = data.find(b'"', at + len(mark))
    return data[at + len(mark):end].decode("ascii", "replace") if end > 0 else None
