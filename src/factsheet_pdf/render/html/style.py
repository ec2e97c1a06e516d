"""The web edition's style sheet (``assets/factsheet.css``): screen and print.

Standard pages: flush left, ragged right, a readable measure, the glossary as a shaded box
beside the text on wide screens and after it on narrow ones (no horizontal scrolling at
320 CSS px), every text at least 7:1 against its ground (ink #111, links #0a3d75 on white
10.8:1 and on the glossary's #d3deec 8.0:1), a visible focus ring. Large print
(``v-large-print``) follows the large-print rules of the PDF variant (GUIDELINES.md §1): every
text 18 pt (24 CSS px) or larger, headings 24 pt, the title 32 pt, bold headings flush left,
one column, leading 1.35, no hyphenation, no italics (emphasis underlined). Print: the same
rules in points, 1 in margins for large print, no skip link.

:func:`font_faces` adds the ``@font-face`` rules of the families the pages use.
"""

from __future__ import annotations

BASE = """\
:root{color-scheme:light}
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;color:#111;background:#fff;font-family:sans-serif;line-height:1.5;
overflow-wrap:break-word;text-align:start}
header,.sheet,footer{max-width:72rem;margin:0 auto;padding:0 1rem}
header{padding-top:1rem}
h1,h2,h3{line-height:1.25;font-weight:700;text-align:start}
h1{font-size:2rem;margin:.25rem 0 .75rem}
h2{font-size:1.375rem;margin:1.5rem 0 .5rem}
h3{font-size:1.125rem;margin:1rem 0 .5rem}
p,li,dd,dt{max-width:70ch}
p{margin:0 0 .75rem}
main p,main li,aside dd{hyphens:auto}
a{color:#0a3d75;text-decoration:underline;text-underline-offset:.15em}
a:hover{text-decoration-thickness:.15em}
:focus-visible{outline:3px solid #111;outline-offset:2px;box-shadow:0 0 0 5px #fff}
main:focus{outline:none}
.skip{position:absolute;left:.5rem;top:-10rem;background:#fff;color:#0a3d75;padding:.5rem 1rem;
border:2px solid #111;z-index:1}
.skip:focus{top:.5rem}
.series{font-weight:700;margin:0}
.source{font-size:.9375rem}
.notice{font-weight:700;border-inline-start:4px solid #4a5568;padding-inline-start:.75rem}
.draft-mark{border:3px solid #111;padding:.5rem .75rem;font-size:1.125rem}
.sheet{display:grid;gap:0 2.5rem}
.sheet>*{min-width:0}
@media (min-width:60rem){.v-standard .sheet{grid-template-columns:minmax(0,2fr) minmax(0,1fr);
align-items:start}.v-standard aside.glossary{margin-top:1.5rem}}
ul,ol{padding-inline-start:1.5rem;margin:0 0 .75rem}
li{margin:0 0 .35rem}
li>p{margin:0 0 .35rem}
.groups{list-style:none;padding:0}
.groups>li{margin:0 0 1rem}
.row-label{margin:0}
.pair{margin:0;padding-inline-start:1rem}
table{border-collapse:collapse;width:100%;margin:0 0 1rem;table-layout:fixed}
th,td{text-align:start;vertical-align:top;padding:.4rem .5rem;border-bottom:1px solid #4a5568;
overflow-wrap:anywhere}
thead th{background:#d3deec;border-top:2px solid #111}
.note,aside.glossary{background:#d3deec;padding:.75rem 1.25rem;margin:0 0 1rem;
border-radius:.25rem}
.note>h3{margin-top:.25rem}
aside.glossary>h2{margin-top:.5rem;font-size:1.25rem}
dl{margin:0}
dt{margin-top:.75rem}
dd{margin:0}
footer{padding-bottom:2rem;margin-top:1.5rem}
footer>section{border-top:2px solid #111;padding-top:.25rem}
address{font-style:normal}
address p{margin:0 0 .35rem}
.address-label,.hours-label{margin-top:.75rem}
.logo img{max-width:12rem;height:auto}
.v-large-print{font-size:150%}
.v-large-print body{line-height:1.35}
.v-large-print header,.v-large-print .sheet,.v-large-print footer{max-width:42rem}
.v-large-print h1{font-size:1.7778rem}
.v-large-print h2,.v-large-print h3,.v-large-print aside.glossary>h2{font-size:1.3333rem}
.v-large-print .source,.v-large-print .draft-mark{font-size:1rem}
.v-large-print em{font-style:normal;text-decoration:underline}
.v-large-print main p,.v-large-print main li,.v-large-print aside dd{hyphens:manual}
@media print{
.skip{display:none}
body{background:#fff}
html{font-size:11pt}
.v-large-print{font-size:18pt}
header,.sheet,footer{max-width:none;padding:0}
a{color:#111}
.note,aside.glossary,thead th{-webkit-print-color-adjust:exact;print-color-adjust:exact}
h1,h2,h3,dt{break-after:avoid}
p,li,dd{orphans:2;widows:2}
footer{break-inside:avoid}
@page{margin:.6in}
}
@media print{.v-large-print .sheet{display:block}}
"""

LARGE_PRINT = "/* large print: 1 in margins on paper */\n@media print{@page{margin:1in}}\n"
"""``assets/large-print.css``, which large-print pages add (an ``@page`` rule cannot be
scoped to a class)."""


def face_rule(css_family: str, url: str, weight: int, style: str) -> str:
    return (f'@font-face{{font-family:"{css_family}";src:url("{url}") format("woff2");'
            f"font-weight:{weight};font-style:{style};font-display:swap}}\n")


def family_rule(key: str, css_family: str) -> str:
    """Pages whose ``<html>`` has the class ``f-<key>`` are set in the family."""
    return f'.f-{key} body{{font-family:"{css_family}",sans-serif}}\n'


def stylesheet(faces: str, families: str, digest: str) -> str:
    """The whole style sheet; ``digest`` (first line) says which pages it was made for."""
    return f"/* factsheet-assets {digest} */\n{faces}{BASE}{families}"
