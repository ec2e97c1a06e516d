"""Write the structure tree into the document when the tagging canvas saves.

StructTreeRoot with the Document element, every StructElem with /P, /K, /Pg and /Lang where its
language differs from the document's, the ParentTree (a number tree: page -> MCID -> element,
annotation -> Link element), /MarkInfo /Marked true, and XMP metadata with dc:title,
dc:language and pdfuaid:part 1, plus the output's identity (``canvas.identity``: sheet, lang,
variant, paper, site, fingerprint, ...) in our own namespace, so that a damaged manifest can be
rebuilt from the PDFs (``factsheet_pdf.manifest.read_identity``). The XMP stream is never
compressed, whatever the document's default stream filters, so that a bytes search finds it.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.pdfbase.pdfdoc import (
    XMP,
    PDFArray,
    PDFDictionary,
    PDFName,
    PDFObjectReference,
    PDFString,
)

from ..manifest import identity_xml
from ..rlseam import canvas_document, document_timestamp
from .structure import MCR, OBJR, Element


class PlainXMP(XMP):
    """An XMP metadata stream written without filters (readable by a bytes search)."""

    def format(self, doc):
        saved = doc.defaultStreamFilters
        doc.defaultStreamFilters = None
        try:
            return super().format(doc)
        finally:
            doc.defaultStreamFilters = saved


def write_structure(canvas) -> None:
    doc = canvas_document(canvas)
    tree = canvas.tree
    empty = tree.empty_elements()
    if empty:
        raise RuntimeError(f"structure elements without content: {empty}")
    n_pages = len(canvas.parent_arrays)
    for i, (key, _) in enumerate(canvas.annotations):
        key.value = n_pages + i

    elements = list(tree.root.walk())
    for i, e in enumerate(elements):
        e.name = f"FSStructElem{i}"
    refs = {id(e): PDFObjectReference(e.name) for e in elements}
    root_name = "FSStructTreeRoot"

    def page_ref(page: int):
        return canvas.page_refs[page]

    for e in elements:
        d = {
            "Type": PDFName("StructElem"),
            "S": PDFName(e.role),
            "P": refs[id(e.parent)] if e.parent else PDFObjectReference(root_name),
        }
        if e.page is not None:
            d["Pg"] = page_ref(e.page)
        kids = []
        for k in e.kids:
            if isinstance(k, Element):
                kids.append(refs[id(k)])
            elif isinstance(k, MCR):
                if k.page == e.page:
                    kids.append(k.mcid)
                else:
                    kids.append(PDFDictionary(
                        {"Type": PDFName("MCR"), "Pg": page_ref(k.page), "MCID": k.mcid}
                    ))
            elif isinstance(k, OBJR):
                kids.append(PDFDictionary(
                    {"Type": PDFName("OBJR"), "Obj": k.ref, "Pg": page_ref(k.page)}
                ))
        d["K"] = PDFArray(kids)
        if e.lang and e.lang != tree.lang:
            d["Lang"] = PDFString(e.lang)
        if e.title:
            d["T"] = PDFString(e.title)
        if e.alt:
            d["Alt"] = PDFString(e.alt)
        if e.attrs:
            d["A"] = PDFDictionary({k: PDFName(v) for k, v in e.attrs.items()})
        doc.Reference(PDFDictionary(d), e.name)

    nums: list = []
    for page, arr in enumerate(canvas.parent_arrays):
        nums += [page, PDFArray([refs[id(e)] for e in arr])]
    for key, element in canvas.annotations:
        nums += [key.value, refs[id(element)]]
    parent_tree = doc.Reference(PDFDictionary({"Nums": PDFArray(nums)}), "FSParentTree")
    root = PDFDictionary({
        "Type": PDFName("StructTreeRoot"),
        "K": PDFArray([refs[id(tree.root)]]),
        "ParentTree": parent_tree,
        "ParentTreeNextKey": n_pages + len(canvas.annotations),
    })
    doc.Reference(root, root_name)
    catalog = doc.Catalog
    catalog.StructTreeRoot = PDFObjectReference(root_name)
    catalog.MarkInfo = PDFDictionary({"Marked": "true"})
    catalog.Metadata = PlainXMP(creator=lambda d: xmp_packet(canvas, d))


def xmp_packet(canvas, doc) -> bytes:
    """XMP metadata: title, description, language, dates, PDF/UA-1 identification, and the
    output's identity from ``canvas.identity`` (a dict of str; none when absent or empty), with
    the page count added."""
    info = doc.info
    ts = document_timestamp(doc)
    y, mo, d, h, mi, s = ts.YMDhms
    date = f"{y:04d}-{mo:02d}-{d:02d}T{h:02d}:{mi:02d}:{s:02d}Z"
    lang = escape(canvas.tree.lang)
    title = escape(info.title)
    subject = escape(info.subject)
    producer = escape(info.producer)
    creator = escape(info.creator)
    identity = dict(getattr(canvas, "identity", None) or {})
    if identity:
        identity.setdefault("pages", str(len(canvas.parent_arrays)))
    ident = identity_xml(identity)
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li><rdf:li xml:lang="{lang}">{title}</rdf:li></rdf:Alt></dc:title>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{subject}</rdf:li></rdf:Alt></dc:description>
   <dc:language><rdf:Bag><rdf:li>{lang}</rdf:li></rdf:Bag></dc:language>
   <xmp:CreateDate>{date}</xmp:CreateDate>
   <xmp:ModifyDate>{date}</xmp:ModifyDate>
   <xmp:MetadataDate>{date}</xmp:MetadataDate>
   <xmp:CreatorTool>{creator}</xmp:CreatorTool>
   <pdf:Producer>{producer}</pdf:Producer>
   <pdfuaid:part>1</pdfuaid:part>
  </rdf:Description>
{ident} </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>""".encode("utf-8")
