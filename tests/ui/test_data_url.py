"""Pictures handed to QML as data: URLs (kiosk/qt/data_url.py): the QR code a scanner reads, the
thumbnail, the camera preview, and the self-test line that fails without Qt's JPEG plugin."""

from __future__ import annotations

import base64
import io
import subprocess
import sys
from pathlib import Path

import zxingcpp
from PIL import Image
from PySide6.QtGui import QColor, QImage

from kiosk.qt.camera_preview import PREVIEW_MAX, preview_url
from kiosk.qt.data_url import encoded, thumbnail_url
from kiosk.qt.qr_image import QR_SIDE, qr_url
from kiosk.qt.selftest_visit import check_jpeg

ROOT = Path(__file__).resolve().parents[2]


def _picture(url: str, mime: str) -> Image.Image:
    head, _, body = url.partition(",")
    assert head == f"data:{mime};base64"
    return Image.open(io.BytesIO(base64.b64decode(body)))


def test_the_qr_code_reads_back_with_whole_pixels_per_module() -> None:
    payload = "K7Q2M9XW~3f9a1c0b7e"
    picture = _picture(qr_url(payload), "image/png")
    assert picture.width == picture.height and QR_SIDE * 0.75 < picture.width <= QR_SIDE
    assert set(picture.convert("L").tobytes()) == {0, 255}, "black and white only: no blurred edges"
    assert [code.text for code in zxingcpp.read_barcodes(picture)] == [payload]


def test_a_thumbnail_is_small_and_a_broken_picture_gives_none() -> None:
    frame = QImage(1280, 720, QImage.Format.Format_RGB32)
    frame.fill(QColor("#3070b0"))
    thumb = _picture(thumbnail_url(encoded(frame, "JPEG", 90), 240), "image/jpeg")
    assert thumb.size == (240, 135)
    assert thumbnail_url(b"not a picture", 240) == ""


def test_the_preview_is_at_most_preview_max_pixels_and_a_null_frame_shows_nothing() -> None:
    frame = QImage(1920, 1080, QImage.Format.Format_RGB32)
    frame.fill(QColor("#808080"))
    assert _picture(preview_url(frame), "image/jpeg").size == (PREVIEW_MAX, 540)
    assert preview_url(QImage()) == ""


def test_the_self_test_says_when_qt_cannot_read_jpeg() -> None:
    assert "JPEG" in check_jpeg()
    code = ("import kiosk.qt; from PySide6.QtCore import QCoreApplication; "
            "QCoreApplication.setLibraryPaths(['/nonexistent']); "  # no imageformats plugins
            "from kiosk.selftest import timed; from kiosk.qt.selftest_visit import check_jpeg; "
            "print(timed('jpeg', check_jpeg).line())")  # fmt: skip
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                          timeout=60, check=True)  # fmt: skip
    assert done.stdout.startswith("FAIL") and "qjpeg plugin is missing" in done.stdout
