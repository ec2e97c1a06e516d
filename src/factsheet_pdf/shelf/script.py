"""The print shelf's inline style and its small filter script (progressive enhancement).

Both are inline (the page is self-contained: it works opened from disk, ``file://``), and the
page's Content-Security-Policy allows exactly these two by their sha256 (:func:`csp_hash`).
Without the script the filter stays hidden and every output is listed.
"""

from __future__ import annotations

import base64
import hashlib

STYLE = """\
*,*::before,*::after{box-sizing:border-box}
body{margin:0 auto;max-width:72rem;padding:0 1rem 2rem;font-family:sans-serif;color:#111;
background:#fff;line-height:1.45;overflow-wrap:break-word}
[hidden]{display:none!important}
a{color:#0a3d75}
:focus-visible{outline:3px solid #111;outline-offset:2px}
.skip{position:absolute;left:.5rem;top:-10rem;background:#fff;padding:.5rem 1rem;border:2px solid #111}
.skip:focus{top:.5rem}
h1{font-size:1.75rem;margin:1rem 0 .25rem}
h2{font-size:1.375rem;margin:2rem 0 .25rem;border-bottom:2px solid #111}
h3{font-size:1.125rem;margin:1.25rem 0 .25rem}
.id{font-size:.875rem;font-weight:400}
.lt{margin:0 0 .5rem}
.filter{display:flex;flex-wrap:wrap;gap:.75rem 1.5rem;align-items:end;background:#eef2f7;
padding:.75rem 1rem;margin:1rem 0}
.filter label{display:flex;flex-direction:column;font-weight:700;gap:.25rem;max-width:100%}
.filter input,.filter select{font:inherit;padding:.3rem .4rem;border:2px solid #4a5568;
border-radius:.2rem;max-width:100%;min-width:min(12rem,100%);color:#111;background:#fff}
table{border-collapse:collapse;width:100%;margin:0 0 .5rem}
th,td{text-align:start;vertical-align:top;padding:.35rem .5rem;border-bottom:1px solid #4a5568}
thead th{background:#eef2f7;font-size:.875rem}
td img{display:block;border:1px solid #4a5568;background:#fff}
.b{display:inline-block;font-weight:700;border:2px solid #111;padding:0 .3rem;margin-top:.2rem}
.draft td,.stale td{background:#fff4d6}
.o a{display:inline-block;margin:0 .75rem .25rem 0}
nav ul{padding-inline-start:1.25rem}
@media (max-width:40rem){thead{display:none}table,tbody,tr,td{display:block}
tr{border-bottom:2px solid #4a5568;padding:.5rem 0}td{border:0;padding:.15rem 0}
td:nth-child(2)::before{content:"Edition: "}td:nth-child(3)::before{content:"Paper: "}
td:nth-child(4)::before{content:"Pages: "}td:nth-child(5)::before{content:"Size: "}
td:nth-child(6)::before{content:"Revised: "}td::before{font-weight:700}td:empty{display:none}}
"""

SCRIPT = """\
(function(){
var box=document.getElementById('filter');if(!box)return;box.hidden=false;
var q=document.getElementById('q'),fl=document.getElementById('fl'),fs=document.getElementById('fs'),
out=document.getElementById('shown'),total=+out.getAttribute('data-total');
var groups=[].slice.call(document.querySelectorAll('section[data-lang]'));
var sheets=[].slice.call(document.querySelectorAll('section.sheet'));
function norm(s){return s.normalize('NFD').replace(/[\\u0300-\\u036f]/g,'').toLowerCase();}
var keys=groups.map(function(g){return norm(g.getAttribute('data-q'));});
function run(){
var words=norm(q.value).split(/\\s+/).filter(Boolean),l=fl.value,s=fs.value,n=0;
groups.forEach(function(g,i){
var ok=(!l||g.getAttribute('data-lang')===l)&&(!s||g.getAttribute('data-sheet')===s)&&
words.every(function(w){return keys[i].indexOf(w)>=0;});
g.hidden=!ok;if(ok)n+=+g.getAttribute('data-n');});
sheets.forEach(function(x){x.hidden=!x.querySelector('section[data-lang]:not([hidden])');});
out.textContent=n+' of '+total+' files shown';}
q.addEventListener('input',run);fl.addEventListener('change',run);fs.addEventListener('change',run);
run();
})();
"""


def csp_hash(text: str) -> str:
    """``'sha256-...'`` of an inline element's text, for the Content-Security-Policy."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


CSP = (f"default-src 'none'; style-src {csp_hash(STYLE)}; img-src 'self'; "
       f"script-src {csp_hash(SCRIPT)}; base-uri 'none'; form-action 'none'")
