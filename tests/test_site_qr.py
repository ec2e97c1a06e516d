"""The QR code decodes back to the URL, read by an independent reader (zbarimg) from a PNG of
the module matrix and from the PDF that QrCode.draw writes, at the minimum printed size."""

from __future__ import annotations

import os
import shutil
import subprocess

import pikepdf
import pytest
from PIL import Image
from reportlab.pdfgen.canvas import Canvas

from factsheet_pdf.site.profile import MAX_URL_BYTES
from factsheet_pdf.site.qr import MIN_SIZE, QUIET_ZONE, QrCode, qr_matrix

URLS = [
    "https://riverside-health.example/hiv",
    "http://a.example/",
    "https://clinic.example/" + "x" * (MAX_URL_BYTES - len("https://clinic.example/")),
]


def zbarimg(png) -> str:
    if shutil.which("zbarimg") is None:
        if os.environ.get("CI"):
            pytest.fail("zbarimg is missing: CI must install zbar-tools")
        pytest.skip("zbarimg is not installed (apt-get install zbar-tools)")
    r = subprocess.run(["zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", str(png)],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    return r.stdout.rstrip("\n")


@pytest.mark.parametrize("url", URLS, ids=len)
def test_matrix_decodes(tmp_path, url):
    matrix = qr_matrix(url)
    n = len(matrix) + 2 * QUIET_ZONE
    img = Image.new("1", (n, n), 1)
    for r, row in enumerate(matrix):
        for c, dark in enumerate(row):
            if dark:
                img.putpixel((c + QUIET_ZONE, r + QUIET_ZONE), 0)
    img = img.resize((n * 8, n * 8), Image.NEAREST)
    img.save(tmp_path / "qr.png")
    assert zbarimg(tmp_path / "qr.png") == url


def test_longest_url_fits_version_6():
    assert len(qr_matrix(URLS[2])) <= 41  # version 6: modules stay about 0.4 mm at MIN_SIZE


@pytest.mark.parametrize("url", URLS, ids=len)
def test_drawn_code_decodes_at_minimum_size(tmp_path, url):
    pdf = tmp_path / "qr.pdf"
    c = Canvas(str(pdf), pagesize=(144, 144))
    c.setFillColorRGB(0.85, 0.9, 0.95)  # a shaded box behind it, as in a sidebar
    c.rect(0, 0, 144, 144, stroke=0, fill=1)
    QrCode(url).draw(c, 20, 30, MIN_SIZE)
    c.save()
    subprocess.run(["pdftoppm", "-r", "300", "-png", "-singlefile", str(pdf),
                    str(tmp_path / "page")], check=True)
    assert zbarimg(tmp_path / "page.png") == url


def test_one_path_in_one_graphics_state(tmp_path):
    """Everything is drawn inside q...Q: a white square and one filled path of modules."""
    pdf = tmp_path / "qr.pdf"
    c = Canvas(str(pdf), pagesize=(144, 144), pageCompression=0)
    QrCode(URLS[0]).draw(c, 10, 10, 100)
    c.save()
    with pikepdf.open(pdf) as doc:
        ops = [str(op) for _, op in pikepdf.parse_content_stream(doc.pages[0])]
    start = ops.index("q")
    body = ops[start: len(ops) - ops[::-1].index("Q")]
    fills = [op for op in body if op in ("f", "f*", "F")]
    assert len(fills) == 2 and body.count("q") == 1 and body.count("Q") == 1
    assert set(body) <= {"q", "Q", "rg", "re", "f", "f*", "n"}, set(body)


def test_never_below_minimum_size():
    with pytest.raises(ValueError):
        QrCode(URLS[0]).draw(None, 0, 0, MIN_SIZE - 1)
    assert MIN_SIZE == pytest.approx(57.6)  # 0.8 in
