"""Decode untrusted picture bytes safely and re-encode them as small, metadata-free JPEGs.

Every picture a camera (or a test, or a hostile file) hands the kiosk goes through `decode`:
size and pixel limits are checked on the header, before any pixel is decompressed, and any
mode (palette, alpha, 16-bit, CMYK) comes out as plain RGB. `to_jpeg` writes what is sealed:
no EXIF, no ICC profile, no comment, the longest side at most MAX_SIDE.
"""

from __future__ import annotations

import io
import struct
import warnings

from PIL import Image, ImageOps

MAX_BYTES = 20 * 1024 * 1024  # a camera frame is 0.2-3 MB; nothing legitimate is near this
MAX_PIXELS = 40_000_000  # 8K x 5K: above any kiosk camera; a decompression bomb is far above
MIN_SIDE = 32  # smaller is no picture of a document or a face
MAX_SIDE = 1600  # longest side kept: a passport page stays readable, a file stays small
JPEG_QUALITY = 80
MAX_JPEG_BYTES = 600 * 1024
_LOWER_QUALITIES = (70, 60, 50, 40)


class UnreadableImage(ValueError):
    """Bytes that are not a picture the kiosk accepts. The message is English, for logs/tests;
    it never holds picture content."""


def decode(data: bytes | Image.Image) -> Image.Image:
    """An RGB image from untrusted bytes (or a PIL image from the camera). Raises UnreadableImage."""
    if isinstance(data, Image.Image):
        return _checked(data)
    if len(data) > MAX_BYTES:
        raise UnreadableImage(f"larger than {MAX_BYTES // (1024 * 1024)} MB")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            img = Image.open(io.BytesIO(data))
            _check_size(img.size)  # the header only: nothing decompressed yet
            img.load()
            return _checked(img)
    except UnreadableImage:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise UnreadableImage("too many pixels") from None
    except (OSError, SyntaxError, ValueError, EOFError, MemoryError, struct.error) as exc:
        raise UnreadableImage(f"not a readable picture ({type(exc).__name__})") from None


def _check_size(size: tuple[int, int]) -> None:
    w, h = size
    if w * h > MAX_PIXELS:
        raise UnreadableImage("too many pixels")
    if min(w, h) < MIN_SIDE:
        raise UnreadableImage(f"smaller than {MIN_SIDE} pixels")


def _checked(img: Image.Image) -> Image.Image:
    _check_size(img.size)
    img = ImageOps.exif_transpose(img) or img  # a phone-style rotation flag, applied then dropped
    if img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info):
        rgba = img.convert("RGBA")
        flat = Image.new("RGB", img.size, (255, 255, 255))
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    if img.mode in ("I;16", "I;16B", "I;16L", "I"):
        img = img.point(lambda v: v / 256).convert("L")
    return img.convert("RGB") if img.mode != "RGB" else img


def fit(img: Image.Image, max_side: int = MAX_SIDE) -> Image.Image:
    """The image scaled down (never up) so its longest side is at most `max_side`."""
    w, h = img.size
    if max(w, h) <= max_side:
        return img
    scale = max_side / max(w, h)
    return img.resize((max(1, round(w * scale)), max(1, round(h * scale))), Image.Resampling.LANCZOS)


def to_jpeg(img: Image.Image) -> bytes:
    """A baseline JPEG, no metadata at all, longest side <= MAX_SIDE, <= MAX_JPEG_BYTES when
    any quality down to 40 gets there (a 1600 px page of fine print may stay a little above)."""
    clean = fit(decode(img))
    # A fresh image: no EXIF, ICC profile, comment or any other info travels with the pixels.
    bare = Image.new("RGB", clean.size)
    bare.paste(clean)
    out = b""
    for quality in (JPEG_QUALITY, *_LOWER_QUALITIES):
        buffer = io.BytesIO()
        bare.save(buffer, format="JPEG", quality=quality, optimize=True)
        out = buffer.getvalue()
        if len(out) <= MAX_JPEG_BYTES:
            break
    return out
