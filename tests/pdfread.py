"""Independent readers of our PDFs: pikepdf for objects and content streams, poppler tools."""

from __future__ import annotations

from pathlib import Path

import pikepdf

PAINT = {"f", "F", "f*", "S", "s", "B", "B*", "b", "b*", "Do", "sh", "BI", "EI"}
SHOW = {"Tj", "TJ", "'", '"'}


def struct_lines(path: Path) -> list[str]:
    """The structure tree as indented text: role, /Lang if any, and the element's text."""
    with pikepdf.open(path) as pdf:
        texts = mcid_texts(pdf)
        root = pdf.Root.StructTreeRoot
        out: list[str] = []

        def walk(e, depth):
            role = str(e.S)[1:]
            lang = f" [{e.Lang}]" if "/Lang" in e else ""
            own = []
            kids = e.K if isinstance(e.K, pikepdf.Array) else [e.K]
            pg = e.get("/Pg")
            sub = []
            for k in kids:
                if isinstance(k, int):
                    own.append(texts.get((pg.objgen, k), ""))
                elif isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/MCR":
                    own.append(texts.get((k.Pg.objgen, int(k.MCID)), ""))
                elif isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/OBJR":
                    sub.append(("OBJR", None))
                elif isinstance(k, pikepdf.Dictionary):
                    sub.append(("E", k))
            text = " ".join("".join(own).split())
            out.append("  " * depth + role + lang + (f' "{text}"' if text else ""))
            for kind, k in sub:
                if kind == "OBJR":
                    out.append("  " * (depth + 1) + "OBJR")
                else:
                    walk(k, depth + 1)

        kids = root.K if isinstance(root.K, pikepdf.Array) else [root.K]
        for k in kids:
            walk(k, 0)
        return out


def _decode(font_cmap, operand) -> str:
    return font_cmap.decode(operand) if font_cmap else bytes(operand).decode("latin-1")


def mcid_texts(pdf) -> dict:
    """(page objgen, MCID) -> text, decoded through each font's ToUnicode map."""
    out = {}
    for page in pdf.pages:
        fonts = {}
        for name, font in page.Resources.get("/Font", {}).items():
            tu = font.get("/ToUnicode")
            fonts[name] = _ToUnicode(tu.read_bytes()) if tu is not None else None
        stack: list = []
        cur = None
        for operands, op in pikepdf.parse_content_stream(page):
            op = str(op)
            if op == "BDC":
                props = operands[1]
                mcid = int(props.MCID) if isinstance(props, pikepdf.Dictionary) and "/MCID" in props else None
                stack.append(mcid)
            elif op == "BMC":
                stack.append(None)
            elif op == "EMC":
                stack.pop()
            elif op == "Tf":
                cur = fonts.get(str(operands[0]))
            elif op in SHOW:
                mcid = next((m for m in reversed(stack) if m is not None), None)
                if mcid is None:
                    continue
                parts = operands[0] if op == "TJ" else [operands[-1]]
                s = "".join(_decode(cur, p) for p in parts if isinstance(p, pikepdf.String))
                key = (page.objgen, mcid)
                out[key] = out.get(key, "") + s
    return out


class _ToUnicode:
    def __init__(self, data: bytes):
        import re

        self.map = {}
        text = data.decode("latin-1")
        for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
            for src, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
                self.map[int(src, 16)] = bytes.fromhex(dst).decode("utf-16-be")
        for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
            for a, b, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>",
                                        block):
                start = int(dst, 16)
                for i, code in enumerate(range(int(a, 16), int(b, 16) + 1)):
                    self.map[code] = chr(start + i)

    def decode(self, s) -> str:
        return "".join(self.map.get(b, "\ufffd") for b in bytes(s))


def unmarked_operations(path: Path) -> list[str]:
    """Painting and text operators outside any marked-content sequence (must be none)."""
    bad = []
    with pikepdf.open(path) as pdf:
        for n, page in enumerate(pdf.pages, 1):
            depth = 0
            for operands, op in pikepdf.parse_content_stream(page):
                op = str(op)
                if op in ("BDC", "BMC"):
                    depth += 1
                elif op == "EMC":
                    depth -= 1
                elif (op in PAINT or op in SHOW) and depth == 0:
                    bad.append(f"page {n}: {op}")
    return bad


def font_sizes(path: Path, tagged_only: bool = False) -> list[float]:
    """Every Tf size used to show text (ReportLab draws with an unscaled text matrix)."""
    sizes = []
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            size = None
            for operands, op in pikepdf.parse_content_stream(page):
                op = str(op)
                if op == "Tf":
                    size = float(operands[1])
                elif op in SHOW and size is not None:
                    sizes.append(size)
    return sizes


def mcid_fonts(pdf) -> dict:
    """(page objgen, MCID) -> [(font size, BaseFont name)] of the text it shows."""
    out: dict = {}
    for page in pdf.pages:
        names = {str(name): str(font.get("/BaseFont", ""))
                 for name, font in page.Resources.get("/Font", {}).items()}
        stack: list = []
        font, size = "", None
        for operands, op in pikepdf.parse_content_stream(page):
            op = str(op)
            if op == "BDC":
                props = operands[1]
                stack.append(int(props.MCID) if isinstance(props, pikepdf.Dictionary)
                             and "/MCID" in props else None)
            elif op == "BMC":
                stack.append(None)
            elif op == "EMC":
                stack.pop()
            elif op == "Tf":
                font, size = names.get(str(operands[0]), ""), float(operands[1])
            elif op in SHOW:
                mcid = next((m for m in reversed(stack) if m is not None), None)
                if mcid is not None and size is not None:
                    out.setdefault((page.objgen, mcid), []).append((size, font))
    return out


def paint_order_problems(path: Path) -> list[str]:
    """Pages whose marked content (BDC with an MCID) is not painted in the structure tree's
    order, read from every page's content stream (pikepdf): one line per page at fault."""
    bad = []
    with pikepdf.open(path) as doc:
        pages = {p.objgen: i for i, p in enumerate(doc.pages)}
        tree: list[tuple[int, int]] = []

        def walk(e, pg=None):
            kids = e.K if isinstance(e.get("/K"), pikepdf.Array) else [e.get("/K")]
            pg = e.get("/Pg", pg)
            for k in kids:
                if isinstance(k, int):
                    tree.append((pages[pg.objgen], k))
                elif isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/MCR":
                    tree.append((pages[k.Pg.objgen], int(k.MCID)))
                elif isinstance(k, pikepdf.Dictionary) and "/S" in k:
                    walk(k, pg)

        root = doc.Root.StructTreeRoot
        for k in (root.K if isinstance(root.K, pikepdf.Array) else [root.K]):
            walk(k)
        for n, page in enumerate(doc.pages):
            painted = [int(ops[1].MCID) for ops, op in pikepdf.parse_content_stream(page)
                       if str(op) == "BDC" and isinstance(ops[1], pikepdf.Dictionary)
                       and "/MCID" in ops[1]]
            want = [m for p, m in tree if p == n]
            if painted != want:
                first = next((i for i, (a, b) in enumerate(zip(painted, want)) if a != b),
                             min(len(painted), len(want)))
                bad.append(f"{path.name} page {n + 1}: painted {painted[first:first + 5]} "
                           f"where the tree has {want[first:first + 5]} (at {first})")
    return bad
