"""Camera frames to RGB: YUYV (numpy, vectorised) and motion JPEG (Pillow), no Qt.

Motion JPEG frames from many UVC webcams carry no Huffman tables (DHT): the camera relies on the
standard ones of the JPEG specification (ITU T.81 Annex K.3, as the AVI1/MJPEG convention says).
`with_huffman_tables` puts those in front of the first scan when a frame has none, so any JPEG
decoder reads it (libjpeg-turbo, in Pillow's and Qt's wheels, falls back to them by itself; IJG
libjpeg and others refuse such a frame). Called on the camera's worker thread.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import numpy as np
from PIL import Image


@dataclass(frozen=True)
class RgbFrame:
    """A frame as packed 8-bit RGB rows (width * 3 bytes each)."""

    width: int
    height: int
    data: bytes


class BadFrame(ValueError):
    """A frame that cannot be decoded (truncated, corrupt, the wrong size)."""


# The standard tables (ITU T.81 K.3): DC luminance, AC luminance, DC chrominance, AC chrominance,
# each as (class << 4 | id), 16 code-length counts, then the symbols.
_DC_COUNTS = (bytes([0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0]),
              bytes([0, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0]))  # fmt: skip
_DC_SYMBOLS = bytes(range(12))
_AC_LUMA_COUNTS = bytes([0, 2, 1, 3, 3, 2, 4, 3, 5, 5, 4, 4, 0, 0, 1, 0x7D])
_AC_LUMA_SYMBOLS = bytes.fromhex(
    "01020300041105122131410613516107227114328191a1082342b1c11552d1f02433627282090a161718191a25262728"
    "292a3435363738393a434445464748494a535455565758595a636465666768696a737475767778797a83848586878889"
    "8a92939495969798999aa2a3a4a5a6a7a8a9aab2b3b4b5b6b7b8b9bac2c3c4c5c6c7c8c9cad2d3d4d5d6d7d8d9dae1e2"
    "e3e4e5e6e7e8e9eaf1f2f3f4f5f6f7f8f9fa"
)
_AC_CHROMA_COUNTS = bytes([0, 2, 1, 2, 4, 4, 3, 4, 7, 5, 4, 4, 0, 1, 2, 0x77])
_AC_CHROMA_SYMBOLS = bytes.fromhex(
    "000102031104052131061241510761711322328108144291a1b1c109233352f0156272d10a162434e125f11718191a26"
    "2728292a35363738393a434445464748494a535455565758595a636465666768696a737475767778797a828384858687"
    "88898a92939495969798999aa2a3a4a5a6a7a8a9aab2b3b4b5b6b7b8b9bac2c3c4c5c6c7c8c9cad2d3d4d5d6d7d8d9da"
    "e2e3e4e5e6e7e8e9eaf2f3f4f5f6f7f8f9fa"
)
_TABLES = (
    (0x00, _DC_COUNTS[0], _DC_SYMBOLS), (0x10, _AC_LUMA_COUNTS, _AC_LUMA_SYMBOLS),
    (0x01, _DC_COUNTS[1], _DC_SYMBOLS), (0x11, _AC_CHROMA_COUNTS, _AC_CHROMA_SYMBOLS),
)  # fmt: skip
_BODY = b"".join(bytes([tc]) + counts + symbols for tc, counts, symbols in _TABLES)
STANDARD_DHT = b"\xff\xc4" + (len(_BODY) + 2).to_bytes(2, "big") + _BODY


def _segments(jpeg: bytes) -> tuple[bool, int]:
    """(has a DHT segment, offset of the first SOS marker or -1), walking the marker segments."""
    pos, size = 2, len(jpeg)
    while pos + 4 <= size:
        if jpeg[pos] != 0xFF:
            return False, -1  # not at a marker: corrupt, let the decoder say so
        marker = jpeg[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker == 0xC4:
            return True, -1
        if marker == 0xDA:
            return False, pos
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:  # no length
            pos += 2
            continue
        pos += 2 + int.from_bytes(jpeg[pos + 2 : pos + 4], "big")
    return False, -1


def with_huffman_tables(jpeg: bytes) -> bytes:
    """The frame with the standard Huffman tables inserted before its first scan if it has none."""
    if not jpeg.startswith(b"\xff\xd8"):
        return jpeg
    has_dht, sos = _segments(jpeg)
    if has_dht or sos < 0:
        return jpeg
    return jpeg[:sos] + STANDARD_DHT + jpeg[sos:]


def decode_jpeg(jpeg: bytes) -> RgbFrame:
    """A motion-JPEG frame (tables added when missing) as RGB, with Pillow (releases the GIL)."""
    try:
        with Image.open(io.BytesIO(with_huffman_tables(jpeg))) as image:
            image.load()
            rgb = image if image.mode == "RGB" else image.convert("RGB")
            return RgbFrame(rgb.width, rgb.height, rgb.tobytes())
    except (OSError, ValueError, SyntaxError) as exc:  # Pillow's errors for bad data
        raise BadFrame(f"JPEG frame: {type(exc).__name__}") from exc


# BT.601 limited range in 8-bit fixed point (the usual integer form: 298, 409, 100, 208, 516 / 256),
# one table per term, so a frame is table look-ups and int16 additions.
_I = np.arange(256)
_Y = np.rint((_I - 16) * 298 / 256).astype(np.int16)
_RV = np.rint((_I - 128) * 409 / 256).astype(np.int16)
_GU = np.rint((_I - 128) * -100 / 256).astype(np.int16)
_GV = np.rint((_I - 128) * -208 / 256).astype(np.int16)
_BU = np.rint((_I - 128) * 516 / 256).astype(np.int16)


def decode_yuyv(data: bytes, width: int, height: int, bytesperline: int = 0) -> RgbFrame:
    """YUYV 4:2:2 (Y0 U Y1 V per two pixels, BT.601 limited range) as RGB, vectorised."""
    stride = bytesperline or width * 2
    if width < 2 or width % 2 or height < 1 or stride < width * 2 or len(data) < stride * height:
        raise BadFrame(f"YUYV frame: {len(data)} bytes for {width}x{height}")
    quads = np.frombuffer(data, np.uint8, count=stride * height).reshape(height, stride)
    quads = quads[:, : width * 2].reshape(height, width // 2, 4)
    y, u, v = _Y[quads[:, :, 0::2]], quads[:, :, 1], quads[:, :, 3]  # y: (h, w/2, 2) for Y0, Y1
    out = np.empty((height, width // 2, 2, 3), np.int16)
    np.add(y, _RV[v][:, :, None], out=out[..., 0])
    np.add(y, (_GU[u] + _GV[v])[:, :, None], out=out[..., 1])
    np.add(y, _BU[u][:, :, None], out=out[..., 2])
    np.clip(out, 0, 255, out=out)
    return RgbFrame(width, height, out.astype(np.uint8).tobytes())


def encode_yuyv(rgb: np.ndarray) -> bytes:
    """An RGB array (h, w, 3; even w) as YUYV, BT.601 limited range (tests and benchmarks)."""
    f = rgb.astype(np.float64)
    r, g, b = f[..., 0], f[..., 1], f[..., 2]
    y = 16 + 0.2568 * r + 0.5041 * g + 0.0979 * b
    u = 128 - 0.1482 * r - 0.2910 * g + 0.4392 * b
    v = 128 + 0.4392 * r - 0.3678 * g - 0.0714 * b
    u2 = (u[:, 0::2] + u[:, 1::2]) / 2
    v2 = (v[:, 0::2] + v[:, 1::2]) / 2
    out = np.stack([y[:, 0::2], u2, y[:, 1::2], v2], axis=-1)
    return bytes(np.clip(np.rint(out), 0, 255).astype(np.uint8).tobytes())


def decode_frame(jpeg: bool, data: bytes, width: int, height: int, bytesperline: int = 0) -> RgbFrame:
    """A frame of the camera's mode (motion JPEG, else YUYV) as RGB; BadFrame when it cannot be."""
    return decode_jpeg(data) if jpeg else decode_yuyv(data, width, height, bytesperline)
