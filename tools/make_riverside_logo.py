"""Draw sites/riverside-logo.png, the fictional Riverside clinic's logo (Pillow).

Run from anywhere: ``python tools/make_riverside_logo.py``. The output is committed; the
script is here so the picture can be remade or changed.
"""

from pathlib import Path

from PIL import Image, ImageDraw

SIZE = 240
img = Image.new("RGB", (SIZE, SIZE), "white")
d = ImageDraw.Draw(img)
d.ellipse((8, 8, SIZE - 8, SIZE - 8), fill=(0, 94, 120))  # deep teal disc
for i, y in enumerate((120, 150, 180)):  # three river waves
    d.arc((30, y - 40, SIZE - 30, y + 10), start=20, end=160, fill="white", width=10 - 2 * i)
d.rectangle((104, 40, 136, 104), fill="white")  # a plus sign above the river
d.rectangle((88, 56, 152, 88), fill="white")
img.save(Path(__file__).parents[1] / "sites" / "riverside-logo.png", optimize=True)
