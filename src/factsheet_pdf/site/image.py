"""Images: file bytes -> (kind, width, height) from the header; then every pixel decoded.

Used to vet a site profile's logo: only PNG and baseline/progressive JPEG are accepted, told
apart by their magic bytes (not by the file name), and the pixel size is read from the PNG
``IHDR`` chunk or the JPEG ``SOFn`` segment (:func:`image_size`, before anything is decoded, so
a header that claims 100,000 x 100,000 pixels costs nothing). :func:`decode` then reads all the
pixels with Pillow (what ReportLab draws the logo with), so a damaged file is refused by
``site check`` and before a build, never halfway through one.
"""

from __future__ import annotations

import struct

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
JPEG_MAGIC = b"\xff\xd8\xff"
# SOF0..SOF15 carry the frame size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but do not.
_SOF = {0xC0 + i for i in range(16)} - {0xC4, 0xC8, 0xCC}


class ImageError(ValueError):
    """The bytes are not a PNG or JPEG whose size can be read."""


def image_size(data: bytes) -> tuple[str, int, int]:
    """Return ``("png" | "jpeg", width, height)`` read from the header of ``data``."""
    if data.startswith(PNG_MAGIC):
        if len(data) < 24 or data[12:16] != b"IHDR":
            raise ImageError("PNG file has no IHDR header")
        width, height = struct.unpack(">II", data[16:24])
        return "png", width, height
    if data.startswith(JPEG_MAGIC):
        return ("jpeg", *_jpeg_size(data))
    raise ImageError("not a PNG or JPEG image")


def _jpeg_size(data: bytes) -> tuple[int, int]:
    i = 2
    while i + 4 <= len(data):
        if data[i] != 0xFF:
            raise ImageError("JPEG file is damaged (no segment marker)")
        marker = data[i + 1]
        if marker == 0xFF:  # fill byte
            i += 1
            continue
        if marker in (0x01, *range(0xD0, 0xD8)):  # markers without a length
            i += 2
            continue
        (length,) = struct.unpack(">H", data[i + 2 : i + 4])
        if marker in _SOF:
            if i + 9 > len(data):
                break
            height, width = struct.unpack(">HH", data[i + 5 : i + 9])
            return width, height
        if marker == 0xDA or length < 2:  # start of scan before any frame header
            break
        i += 2 + length
    raise ImageError("JPEG file has no frame header with its size")


def decode(data: bytes, kind: str) -> None:
    """Decode every pixel of a PNG or JPEG (``kind`` from :func:`image_size`); raise
    :class:`ImageError` saying what is wrong when the file is damaged or truncated."""
    import io
    import warnings

    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=["PNG" if kind == "png" else "JPEG"]) as im:
                im.load()
                if kind == "png":  # the checksums of every chunk, the IEND included
                    with Image.open(io.BytesIO(data), formats=["PNG"]) as again:
                        again.verify()
    except Exception as e:  # Pillow raises OSError, SyntaxError, ValueError, struct.error...
        reason = " ".join(str(e).split()) or type(e).__name__
        raise ImageError(f"{kind.upper()} image is damaged and cannot be decoded "
                         f"({reason})") from None
