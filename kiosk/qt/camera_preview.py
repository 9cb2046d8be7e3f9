"""The camera preview for QML: a frame as a JPEG `data:` URL of at most PREVIEW_MAX pixels.

Encoding a 960-pixel frame takes ~5-11 ms (benchmarks/bench_camera_preview.py), too much for
the GUI thread 15 times a second: CameraBackend runs `preview_url` on a worker thread (QImage
scaling and writing are reentrant, and PySide6 lets the GIL go while Qt encodes) and shows the
result only if the capture it belongs to is still the current one.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from kiosk.qt.data_url import data_url, jpeg_url

PREVIEW_MAX = 960  # pixels on the long side: enough for a preview, cheap to encode and draw
PREVIEW_QUALITY = 80  # JPEG quality of the live preview (never stored; the still is Pillow's)


def preview_url(image: QImage) -> str:
    """The frame, downscaled, as a JPEG data URL ("" for a null frame)."""
    if image.isNull():
        return ""
    if max(image.width(), image.height()) > PREVIEW_MAX:
        image = image.scaled(PREVIEW_MAX, PREVIEW_MAX, Qt.AspectRatioMode.KeepAspectRatio,
                             Qt.TransformationMode.FastTransformation)  # fmt: skip
    return jpeg_url(image, PREVIEW_QUALITY)


def still_url(jpeg: bytes) -> str:
    """The still being checked: already a JPEG (kiosk.photos.to_jpeg), shown as it is."""
    return data_url(jpeg, "image/jpeg") if jpeg else ""
