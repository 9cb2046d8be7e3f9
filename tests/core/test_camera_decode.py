"""Camera frame decoding on real data: YUYV made from a known picture, motion JPEG from Pillow with
and without its Huffman tables (kiosk/camera/decode.py)."""

from __future__ import annotations

import datetime as dt
import io

import numpy as np
import pytest
from PIL import Image

from kiosk.camera.decode import (
    STANDARD_DHT,
    BadFrame,
    decode_frame,
    decode_jpeg,
    decode_yuyv,
    encode_yuyv,
    with_huffman_tables,
)  # fmt: skip
from tests.support.jpeg import without_dht
from tests.support.passport_pages import Augment, make_page


def picture() -> np.ndarray:
    page = make_page(2, today=dt.date(2026, 1, 15), fmt="TD3", augment=Augment(fill=0.85))
    return np.asarray(page.image.convert("RGB").resize((640, 360)))


def jpeg_of(rgb: np.ndarray, quality: int = 85) -> bytes:
    out = io.BytesIO()
    Image.fromarray(rgb).save(out, "JPEG", quality=quality)
    return out.getvalue()


def as_array(frame: object) -> np.ndarray:
    return np.frombuffer(frame.data, np.uint8).reshape(frame.height, frame.width, 3)  # type: ignore[attr-defined]


def test_yuyv_of_a_known_picture_decodes_back_to_it() -> None:
    rgb = picture()
    frame = decode_yuyv(encode_yuyv(rgb), 640, 360)
    diff = np.abs(as_array(frame).astype(int) - rgb.astype(int))
    # 4:2:2 halves the colour resolution: edges differ a little, the picture as a whole does not.
    assert (frame.width, frame.height) == (640, 360)
    assert diff.mean() < 2.0 and np.percentile(diff, 99) < 40


def test_yuyv_matches_the_bt601_formula_on_flat_colours() -> None:
    for color in ((255, 255, 255), (0, 0, 0), (200, 30, 90), (20, 160, 240)):
        rgb = np.full((4, 8, 3), color, np.uint8)
        got = as_array(decode_yuyv(encode_yuyv(rgb), 8, 4))
        assert np.abs(got.astype(int) - np.array(color)).max() <= 2, color


def test_yuyv_rows_with_padding_are_read_with_their_stride() -> None:
    rgb = picture()[:16, :32]
    packed = np.frombuffer(encode_yuyv(rgb), np.uint8).reshape(16, 64)
    padded = np.concatenate([packed, np.full((16, 16), 77, np.uint8)], axis=1).tobytes()
    assert decode_yuyv(padded, 32, 16, bytesperline=80) == decode_yuyv(packed.tobytes(), 32, 16)


def test_a_short_yuyv_frame_is_a_bad_frame() -> None:
    with pytest.raises(BadFrame, match="YUYV frame: 100 bytes for 640x360"):
        decode_yuyv(b"\0" * 100, 640, 360)


def test_motion_jpeg_decodes_like_pillow_does() -> None:
    rgb = picture()
    data = jpeg_of(rgb)
    frame = decode_frame(True, data, 0, 0)
    assert np.array_equal(as_array(frame), np.asarray(Image.open(io.BytesIO(data)).convert("RGB")))


def huffman_tables(jpeg: bytes) -> bytes:
    """The bodies of every DHT segment before the first scan, in order."""
    tables, pos = b"", 2
    while jpeg[pos + 1] != 0xDA:
        length = int.from_bytes(jpeg[pos + 2 : pos + 4], "big")
        if jpeg[pos + 1] == 0xC4:
            tables += jpeg[pos + 4 : pos + 2 + length]
        pos += 2 + length
    return tables


def test_a_frame_without_huffman_tables_gets_the_standard_ones() -> None:
    data = jpeg_of(picture())
    bare = without_dht(data)
    assert huffman_tables(bare) == b""
    fixed = with_huffman_tables(bare)
    # Pillow's encoder (no optimisation) writes the standard tables: the fixed frame carries
    # exactly the original's tables, just before its scan, and decodes to the same pixels.
    assert huffman_tables(fixed) == huffman_tables(data)
    assert fixed.index(STANDARD_DHT) + len(STANDARD_DHT) == fixed.index(b"\xff\xda")
    assert np.array_equal(as_array(decode_jpeg(bare)), as_array(decode_jpeg(data)))


def test_the_standard_tables_are_the_ones_libjpeg_writes() -> None:
    assert huffman_tables(jpeg_of(np.zeros((8, 8, 3), np.uint8))) == STANDARD_DHT[4:]


def test_a_frame_with_tables_is_left_as_it_is() -> None:
    data = jpeg_of(picture())
    assert with_huffman_tables(data) is data
    assert with_huffman_tables(b"not a jpeg") == b"not a jpeg"


def test_a_truncated_jpeg_is_a_bad_frame() -> None:
    data = jpeg_of(picture())
    with pytest.raises(BadFrame, match="JPEG frame"):
        decode_jpeg(data[: len(data) // 2])
    with pytest.raises(BadFrame):
        decode_jpeg(b"")
