"""Pictures for QML as `data:` URLs, the kiosk's only way of handing QML an image.

An image provider (QQuickImageProvider) would need the PySide6.QtQuick binding, which the lobby
bundle leaves out (kiosk.qt.quick says why). QML's Image reads `data:image/...;base64,...` itself
(QQmlFile). Each picture is a string property or model role; emptying it ("") empties the Image,
and the pictures are private, so every Image showing one has `cache: false`. PNG is built into
QtGui; JPEG needs the `imageformats/qjpeg` plugin, which the bundles keep (kiosk.spec).
"""

from __future__ import annotations

import base64

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QImage, QImageReader


def data_url(data: bytes, mime: str) -> str:
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def encoded(image: QImage, fmt: str, quality: int = -1) -> bytes:
    """The image as a PNG or JPEG file in memory (reentrant: safe on a worker thread)."""
    array = QByteArray()
    buffer = QBuffer(array)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # PySide6 6.12 takes the format as str here; its stubs say bytes, which it refuses at run time.
    if not image.save(buffer, fmt, quality):  # type: ignore[call-overload]
        raise ValueError(f"Qt could not write {fmt} (is its image format plugin there?)")
    buffer.close()
    return bytes(array.data())


def png_url(image: QImage) -> str:
    return data_url(encoded(image, "PNG"), "image/png")


def jpeg_url(image: QImage, quality: int = 80) -> str:
    return data_url(encoded(image, "JPEG", quality), "image/jpeg")


def thumbnail_url(jpeg: bytes, side: int) -> str:
    """A JPEG shrunk to fit `side` pixels, as a JPEG data URL ("" when it does not decode).
    The decoder scales while it reads (a JPEG's DCT scaling), so a large photo costs little."""
    buffer = QBuffer()
    buffer.setData(jpeg)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer, b"jpeg")
    size = reader.size()
    if size.isValid() and max(size.width(), size.height()) > side:
        reader.setScaledSize(size.scaled(QSize(side, side), Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    return "" if image.isNull() else jpeg_url(image)
