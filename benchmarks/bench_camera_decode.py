"""The V4L2 camera's frame decoding (kiosk/camera/decode.py): median ms per frame, 20 runs after 2.

A synthetic passport page (tests/support/passport_pages.py, seed 2, a fixed date) at 1280x720 and
scaled to 1920x1080, as YUYV (numpy) and as motion JPEG at quality 80 (Pillow in the core, against
Qt's QImage.loadFromData with its JPEG plugin, measured for the choice; the lobby bundle leaves
Qt's JPEG plugin out). Also: a JPEG without its Huffman tables (the standard ones put back), and
the capture thread's whole work per frame (Pillow's decode + the QImage copy handed to the GUI).
Run: .venv/bin/python benchmarks/bench_camera_decode.py [--runs 20]
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import sys
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout, not installed

import numpy as np
from timing import median_ms

from kiosk.camera.decode import decode_jpeg, decode_yuyv, encode_yuyv
from tests.support.jpeg import without_dht
from tests.support.passport_pages import Augment, make_page


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    from PySide6.QtGui import QGuiApplication, QImage

    from kiosk.qt.v4l2_source import to_qimage

    _app = QGuiApplication.instance() or QGuiApplication(["bench"])
    page = make_page(2, today=dt.date(2026, 1, 15), fmt="TD3", augment=Augment(fill=0.85))
    picture_720p = page.image.convert("RGB")
    for width, height in ((1280, 720), (1920, 1080)):
        picture = picture_720p.resize((width, height))
        yuyv = encode_yuyv(np.asarray(picture))
        buffer = io.BytesIO()
        picture.save(buffer, "JPEG", quality=80)
        jpeg = buffer.getvalue()
        bare = without_dht(jpeg)

        def thread_work(data: bytes) -> None:
            to_qimage(decode_jpeg(data))

        def qt_jpeg(data: bytes = jpeg) -> None:
            image = QImage()
            assert image.loadFromData(data, "JPEG")
            image.convertToFormat(QImage.Format.Format_RGB888)

        rows = {
            "YUYV (numpy)": median_ms(partial(decode_yuyv, yuyv, width, height), args.runs),
            "MJPEG (Pillow)": median_ms(partial(decode_jpeg, jpeg), args.runs),
            "MJPEG without DHT (Pillow)": median_ms(partial(decode_jpeg, bare), args.runs),
            "MJPEG (QImage.loadFromData)": median_ms(qt_jpeg, args.runs),
            "MJPEG (Pillow) + QImage copy": median_ms(partial(thread_work, jpeg), args.runs),
        }
        for name, ms in rows.items():
            print(f"{width}x{height}  {name:<30} median {ms:6.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
