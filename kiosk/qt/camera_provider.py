"""`image://camera/<n>`: the camera preview (or the still being checked) for QML.

Holds one downscaled picture at a time; `clear()` drops it (the pop-up closed or the visit was
wiped). QML asks again whenever CameraBackend.frameId changes. Thread-safe: image requests may
come from QML's loader thread.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage
from PySide6.QtQuick import QQuickImageProvider

PREVIEW_MAX = 960  # pixels on the long side: enough for a preview, cheap to draw


class CameraImageProvider(QQuickImageProvider):
    def __init__(self) -> None:
        super().__init__(QQuickImageProvider.ImageType.Image)
        self._lock = threading.Lock()
        self._image: QImage | None = None

    def _set(self, image: QImage | None, mirrored: bool) -> None:
        if image is not None and not image.isNull():
            if max(image.width(), image.height()) > PREVIEW_MAX:
                image = image.scaled(PREVIEW_MAX, PREVIEW_MAX, Qt.AspectRatioMode.KeepAspectRatio,
                                     Qt.TransformationMode.FastTransformation)  # fmt: skip
            image = image.flipped(Qt.Orientation.Horizontal) if mirrored else image.copy()
        else:
            image = None
        with self._lock:
            self._image = image

    def set_live(self, image: QImage, mirrored: bool = False) -> None:
        self._set(image, mirrored)

    def set_still(self, image: QImage, mirrored: bool = False) -> None:
        self._set(image, mirrored)

    def clear(self) -> None:
        with self._lock:
            self._image = None

    def requestImage(self, _id: str, size: QSize, requested: QSize) -> QImage:  # noqa: N802
        with self._lock:
            image = self._image
        if image is None:
            image = QImage(16, 9, QImage.Format.Format_RGB32)
            image.fill(Qt.GlobalColor.black)
        if size is not None:
            size.setWidth(image.width())
            size.setHeight(image.height())
        return image
