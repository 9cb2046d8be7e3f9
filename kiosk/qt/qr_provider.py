"""`image://qr/<payload>`: QR codes for QML, drawn from the same matrix as the printed one."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtQuick import QQuickImageProvider


class QrImageProvider(QQuickImageProvider):
    def __init__(self) -> None:
        super().__init__(QQuickImageProvider.ImageType.Image)

    def requestImage(self, payload: str, size: QSize, requested: QSize) -> QImage:  # noqa: N802
        from kiosk.pdf.qrdraw import QUIET_ZONE, qr_matrix  # only the done screen draws a code

        matrix = qr_matrix(payload) if payload else [[False]]
        count = len(matrix) + 2 * QUIET_ZONE
        side = max(requested.width(), requested.height(), 0) or count * 8
        scale = max(1, side // count)
        image = QImage(count * scale, count * scale, QImage.Format.Format_RGB32)
        image.fill(Qt.GlobalColor.white)
        painter = QPainter(image)
        black = QColor("black")
        for r, row in enumerate(matrix):
            for c, dark in enumerate(row):
                if dark:
                    x, y = (c + QUIET_ZONE) * scale, (r + QUIET_ZONE) * scale
                    painter.fillRect(x, y, scale, scale, black)
        painter.end()
        if size is not None:
            size.setWidth(image.width())
            size.setHeight(image.height())
        return image
