"""Draws kimdesk's application icon (PNG sizes + Windows .ico) into resources/icons/.

Run by hand when the design changes: ``.venv/bin/python scripts/make_icon.py``. The result is committed,
so the build needs no drawing step. Pillow is already a dependency of ReportLab.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "icons"
MASTER = 1024  # draw large, scale down with a good filter
BLUE = (31, 78, 140, 255)  # a sober municipal blue
PAPER = (250, 250, 247, 255)
FOLD = (205, 214, 228, 255)
LINE = (120, 136, 160, 255)
GREEN = (46, 139, 87, 255)


def draw(size: int = MASTER) -> Image.Image:
    s = size / 1024
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.rounded_rectangle((40 * s, 40 * s, 984 * s, 984 * s), radius=190 * s, fill=BLUE)
    # the Vorlage: a sheet with a folded corner
    left, top, right, bottom, fold = 270 * s, 170 * s, 754 * s, 854 * s, 150 * s
    d.polygon(
        [(left, top), (right - fold, top), (right, top + fold), (right, bottom), (left, bottom)],
        fill=PAPER,
    )
    d.polygon([(right - fold, top), (right - fold, top + fold), (right, top + fold)], fill=FOLD)
    # text lines of the form
    for i, width in enumerate((300, 380, 380, 250)):
        y = 330 * s + i * 78 * s
        d.rounded_rectangle((340 * s, y, (340 + width) * s, y + 30 * s), radius=15 * s, fill=LINE)
    # the sign-off tick
    d.line(
        [(420 * s, 735 * s), (500 * s, 805 * s), (660 * s, 640 * s)],
        fill=GREEN,
        width=int(62 * s),
        joint="curve",
    )
    return img


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    master = draw()
    sizes = (16, 24, 32, 48, 64, 128, 256, 512)
    for px in sizes:
        master.resize((px, px), Image.Resampling.LANCZOS).save(OUT / f"kimdesk-{px}.png", optimize=True)
    master.resize((256, 256), Image.Resampling.LANCZOS).save(OUT / "kimdesk.png", optimize=True)
    master.save(OUT / "kimdesk.ico", sizes=[(px, px) for px in sizes if px <= 256])
    print(f"Icons geschrieben nach {OUT}")


if __name__ == "__main__":
    main()
