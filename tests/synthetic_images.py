"""Synthetic pictures for the photo checks: a drawn face, a document page, blank and text images.

No photographs are kept in the repository: every test draws what it needs with Pillow.
"""

from __future__ import annotations

from PIL import Image, ImageDraw, ImageFilter

SKIN = (224, 172, 140)
HAIR = (52, 36, 28)


def draw_face(
    draw: ImageDraw.ImageDraw, cx: float, cy: float, size: float, skin: tuple[int, int, int] = SKIN
) -> None:
    """A frontal face of height ``size`` centred on (cx, cy): hair, skin, eyes, brows, nose, mouth."""
    w, h = size * 0.78, size
    # hair behind and above the head
    draw.ellipse((cx - w * 0.58, cy - h * 0.62, cx + w * 0.58, cy + h * 0.15), fill=HAIR)
    # neck and shoulders
    draw.rectangle((cx - w * 0.2, cy + h * 0.35, cx + w * 0.2, cy + h * 0.7), fill=skin)
    draw.ellipse((cx - w * 1.2, cy + h * 0.55, cx + w * 1.2, cy + h * 1.4), fill=(60, 70, 110))
    # the face
    draw.ellipse((cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2), fill=skin)
    # fringe
    draw.chord((cx - w * 0.5, cy - h * 0.56, cx + w * 0.5, cy - h * 0.05), 180, 360, fill=HAIR)
    ey = cy - h * 0.08
    for side in (-1, 1):
        ex = cx + side * w * 0.2
        # brow
        draw.line(
            (ex - w * 0.1, ey - h * 0.09, ex + w * 0.1, ey - h * 0.1), fill=HAIR, width=max(1, int(h * 0.025))
        )
        # eye white, iris, pupil
        draw.ellipse((ex - w * 0.1, ey - h * 0.035, ex + w * 0.1, ey + h * 0.035), fill=(245, 245, 240))
        draw.ellipse((ex - w * 0.04, ey - h * 0.035, ex + w * 0.04, ey + h * 0.035), fill=(90, 60, 40))
        draw.ellipse((ex - w * 0.015, ey - h * 0.015, ex + w * 0.015, ey + h * 0.015), fill=(10, 10, 10))
    # nose shading
    shade = tuple(max(0, c - 40) for c in skin)
    draw.polygon(
        [(cx, ey + h * 0.02), (cx - w * 0.07, cy + h * 0.14), (cx + w * 0.07, cy + h * 0.14)], fill=shade
    )
    # mouth
    draw.chord((cx - w * 0.15, cy + h * 0.2, cx + w * 0.15, cy + h * 0.3), 0, 180, fill=(160, 60, 60))


def portrait(
    size: tuple[int, int] = (1280, 720),
    centre: tuple[float, float] = (0.5, 0.5),
    face_height: float = 0.55,
    faces: int = 1,
    background: tuple[int, int, int] = (200, 205, 210),
    blur: float = 1.5,
) -> Image.Image:
    """A frame with ``faces`` drawn faces; ``centre`` and ``face_height`` are fractions of the frame."""
    img = Image.new("RGB", size, background)
    draw = ImageDraw.Draw(img)
    w, h = size
    fh = face_height * h
    for i in range(faces):
        offset = (i - (faces - 1) / 2) * fh * 1.3
        draw_face(draw, centre[0] * w + offset, centre[1] * h, fh)
    return img.filter(ImageFilter.GaussianBlur(blur)) if blur else img


def document(size: tuple[int, int] = (1280, 720), blur: float = 0.0) -> Image.Image:
    """A white page with lines of dark 'text' blocks and a photo box: sharp edges, good contrast."""
    img = Image.new("RGB", size, (120, 110, 100))
    draw = ImageDraw.Draw(img)
    w, h = size
    page = (int(w * 0.1), int(h * 0.08), int(w * 0.9), int(h * 0.92))
    draw.rectangle(page, fill=(235, 235, 228))
    y = page[1] + 30
    row = 0
    while y < page[3] - 30:
        x = page[0] + 30
        while x < page[2] - 60:
            word = 20 + (row * 37 + x) % 70
            draw.rectangle((x, y, x + word, y + 14), fill=(30, 30, 40))
            x += word + 14
        y += 34
        row += 1
    draw.text((page[0] + 40, page[1] + 8), "RESIDENCE DOCUMENT", fill=(0, 0, 0))
    return img.filter(ImageFilter.GaussianBlur(blur)) if blur else img


def blank(size: tuple[int, int] = (1280, 720), colour: tuple[int, int, int] = (200, 200, 200)) -> Image.Image:
    return Image.new("RGB", size, colour)


def text_page(size: tuple[int, int] = (1280, 720)) -> Image.Image:
    img = Image.new("RGB", size, (250, 250, 250))
    draw = ImageDraw.Draw(img)
    for i in range(0, size[1] - 20, 24):
        draw.text((20, i + 4), "Lorem ipsum dolor sit amet 0123456789 " * 4, fill=(0, 0, 0))
    return img
