"""Camera frames for the staff console tests, made without a camera: a QR code on a desk, as
QVideoFrames in the pixel formats cameras deliver (NV12) or Qt images convert to (RGB).
"""

from __future__ import annotations

import qrcode
from PIL import Image, ImageFilter
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage
from PySide6.QtMultimedia import QVideoFrame, QVideoFrameFormat

HD = (1280, 720)


def qr(text: str, module_px: int = 4) -> Image.Image:
    """The QR code of `text` as the kiosk prints it (error correction M, 4-module quiet zone)."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=module_px, border=4)
    code.add_data(text)
    return code.make_image().get_image().convert("L")


def scene(code: Image.Image | None = None, size: tuple[int, int] = HD, blur: float = 0.0) -> Image.Image:
    """A grey desk (a little noise, as a sensor gives) with `code` a third of the way in."""
    desk = Image.merge("L", [Image.effect_noise(size, 12).point(lambda v: v // 4 + 150)])
    if code is not None:
        desk.paste(code, (size[0] // 3, size[1] // 4))
    return desk.filter(ImageFilter.GaussianBlur(blur)) if blur else desk


def tiny(code: Image.Image, side: int) -> Image.Image:
    """The code photographed from too far: `side` pixels across."""
    return code.resize((side, side), Image.Resampling.BILINEAR)


def to_qimage(grey: Image.Image) -> QImage:
    data = grey.tobytes()
    return QImage(data, grey.width, grey.height, grey.width, QImage.Format.Format_Grayscale8).copy()


def rgb_frame(grey: Image.Image) -> QVideoFrame:
    """A frame holding an RGB image (QVideoFrame(QImage), Qt's own conversion)."""
    return QVideoFrame(to_qimage(grey).convertToFormat(QImage.Format.Format_RGB32))


def nv12_frame(grey: Image.Image) -> QVideoFrame:
    """A frame in NV12, what most USB cameras deliver: the picture as luma, neutral chroma."""
    width, height = grey.size
    frame = QVideoFrame(QVideoFrameFormat(QSize(width, height), QVideoFrameFormat.PixelFormat.Format_NV12))
    assert frame.map(QVideoFrame.MapMode.WriteOnly)
    luma, chroma = memoryview(frame.bits(0)), memoryview(frame.bits(1))
    stride_y, stride_uv = frame.bytesPerLine(0), frame.bytesPerLine(1)
    pixels = grey.tobytes()
    for row in range(height):
        luma[row * stride_y : row * stride_y + width] = pixels[row * width : (row + 1) * width]
    chroma[: stride_uv * (height // 2)] = b"\x80" * (stride_uv * (height // 2))
    frame.unmap()
    return frame
