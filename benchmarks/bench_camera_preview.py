"""The camera preview's cost per frame: encoding a frame as a JPEG data URL (kiosk.qt.camera_preview,
on a worker thread) and QML showing it (the GUI thread's CPU time from setting the URL to the
Image being ready, software renderer, offscreen). Frames: a 1280x720 synthetic passport page and
1280x720 noise (the worst case for JPEG).

    PYTHONPATH=. .venv/bin/python benchmarks/bench_camera_preview.py [--frames 40]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")

from headline import headline  # noqa: E402
from PySide6.QtCore import QUrl  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage  # noqa: E402
from PySide6.QtQml import QQmlApplicationEngine  # noqa: E402

import kiosk.qt  # noqa: E402, F401 - the None guard first (kiosk/qt/none_guard.py)
from kiosk.qt.camera_preview import preview_url  # noqa: E402
from tests.support.passport_pages import Augment, make_page  # noqa: E402

# The preview Image as ui/controls/CameraPopup.qml has it.
QML = b"""
import QtQuick
Window {
    id: win; width: 1280; height: 800; visible: true
    property string src: ""
    property int status: preview.status
    Image {
        id: preview; anchors.fill: parent; fillMode: Image.PreserveAspectFit
        cache: false; asynchronous: false; sourceSize.width: 960; sourceSize.height: 960
        source: win.src
    }
}
"""


def frames() -> dict[str, QImage]:
    page = make_page(2, today=date(2026, 1, 1), fmt="TD3", augment=Augment(fill=0.85)).image
    rgb = page.convert("RGB").resize((1280, 720))
    passport = QImage(rgb.tobytes(), 1280, 720, 3 * 1280, QImage.Format.Format_RGB888).copy()
    noise = random.Random(0).randbytes(1280 * 720 * 4)
    return {"page": passport, "noise": QImage(noise, 1280, 720, QImage.Format.Format_RGB32).copy()}


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[int(p * (len(ordered) - 1))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--frames", type=int, default=40)
    args = parser.parse_args()
    app = QGuiApplication(sys.argv[:1])
    engine = QQmlApplicationEngine()
    engine.loadData(QML, QUrl("bench.qml"))
    window = engine.rootObjects()[0]
    encode_ms: dict[str, list[float]] = {}
    show_ms: dict[str, list[float]] = {}
    for name, frame in frames().items():
        urls = []
        for _ in range(args.frames):
            start = time.perf_counter()
            urls.append(preview_url(frame))
            encode_ms.setdefault(name, []).append((time.perf_counter() - start) * 1000)
        for n in range(args.frames):
            cpu = time.thread_time()
            window.setProperty("src", urls[n])  # emptied after each: every frame is a new source
            while window.property("status") != 1:  # Image.Ready
                app.processEvents()
                time.sleep(0.001)  # CPU time of this thread only: waiting does not count
            app.processEvents()
            show_ms.setdefault(name, []).append((time.thread_time() - cpu) * 1000)
            window.setProperty("src", "")
            app.processEvents()
        print(f"{name}: encode median {statistics.median(encode_ms[name]):.1f} ms, "
              f"p90 {pct(encode_ms[name], 0.9):.1f} ms, URL {len(urls[0]) / 1000:.0f} kB; "
              f"GUI thread to show it: median {statistics.median(show_ms[name]):.1f} ms, "
              f"p90 {pct(show_ms[name], 0.9):.1f} ms")  # fmt: skip
    del window
    engine.deleteLater()
    headline("camera_preview_encode_median", statistics.median(encode_ms["page"]), "ms", "<=15")
    headline("camera_preview_encode_noise_p90", pct(encode_ms["noise"], 0.9), "ms")
    headline("camera_preview_show_gui_median", statistics.median(show_ms["page"]), "ms", "<=5")


if __name__ == "__main__":
    main()
