"""The done screen's QR codes as PNG `data:` URLs, from the same matrix as the printed code."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from kiosk.qt.data_url import png_url

QR_SIDE = 360  # pixels: the code of one visitor (ui/screens/DoneScreen.qml, qrImage)
GROUP_QR_SIDE = 220  # each person's code on a group's done screen (qrImage_<n>)


def qr_url(payload: str, side: int = QR_SIDE) -> str:
    """A black-on-white code with its quiet zone, whole pixels per module, at most `side` pixels
    wide: QML shows it with `smooth: false`, so the module edges stay sharp for a scanner."""
    from kiosk.pdf.qrdraw import QUIET_ZONE, qr_matrix  # only the done screen draws a code

    matrix = qr_matrix(payload) if payload else ((False,),)
    count = len(matrix) + 2 * QUIET_ZONE
    blank = b"\xff" * count
    rows = [blank] * QUIET_ZONE
    margin = b"\xff" * QUIET_ZONE
    rows += [margin + bytes(0 if dark else 255 for dark in row) + margin for row in matrix]
    rows += [blank] * QUIET_ZONE
    data = b"".join(rows)
    modules = QImage(data, count, count, count, QImage.Format.Format_Grayscale8).copy()  # one pixel a module
    scale = max(1, side // count)
    image = modules.scaled(count * scale, count * scale, Qt.AspectRatioMode.IgnoreAspectRatio,
                           Qt.TransformationMode.FastTransformation)  # fmt: skip
    return png_url(image)
