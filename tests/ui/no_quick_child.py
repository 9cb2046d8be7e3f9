"""Run by tests/ui/test_no_quick_binding.py in a fresh interpreter, with PySide6.QtQuick and
PySide6.QtOpenGL unimportable (the lobby bundle has neither): the kiosk's start-up, the probe,
the lockdown, the camera preview and a whole visit to its QR code. Prints one JSON line.

Usage: python -m tests.ui.no_quick_child WORK_DIR
"""

from __future__ import annotations

import importlib.abc
import sys

BLOCKED = ("PySide6.QtQuick", "PySide6.QtOpenGL")


class _Blocker(importlib.abc.MetaPathFinder):
    def find_spec(self, name: str, path: object = None, target: object = None) -> None:
        if name in BLOCKED or name.startswith(tuple(b + "." for b in BLOCKED)):
            raise ImportError(f"{name} is not in the lobby bundle")
        return None


sys.meta_path.insert(0, _Blocker())  # before anything imports PySide6

import io  # noqa: E402
import json  # noqa: E402
import logging  # noqa: E402
import os  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402


def main(work: Path) -> dict[str, Any]:
    os.environ["KIOSK_PROBE_FILE"] = str(work / "probe.json")
    from PySide6.QtCore import QMetaObject
    from PySide6.QtGui import QColor, QGuiApplication, QImage

    from kiosk.config import KioskConfig
    from kiosk.qt import probe
    from kiosk.qt.app import create_window
    from kiosk.qt.camera_source import FeedSource
    from kiosk.qt.lockdown import Lockdown
    from kiosk.qt.quick import named
    from kiosk.qt.selftest_visit import VisitWalker, qt_application
    from kiosk.selftest import sample_answers

    qt_application()
    logs = io.StringIO()
    logging.getLogger("kiosk.qt.probe").addHandler(logging.StreamHandler(logs))
    logging.getLogger("kiosk.qt.probe").setLevel(logging.INFO)
    feed = FeedSource()
    config = KioskConfig(data_dir=work / "data", demo=True, printer="")
    kw = create_window(config, sync=False, camera_source=feed)
    out: dict[str, Any] = {}
    try:
        kw.window.resize(1280, 800)
        kw.window.show()
        probe.install(kw)
        lockdown = Lockdown(kw.window)
        walker = VisitWalker(kw, work / "shots")
        walker.expect("attract", "start")  # the walk finds the screen and grabs a frame
        walker.settle(400)  # the probe writes five times a second
        out["first_frame_logged"] = "attract screen shown" in logs.getvalue()
        out["probe_items"] = sorted(json.loads((work / "probe.json").read_text())["items"])

        visit = kw.visit
        visit.start()
        visit.setLanguage("en")
        visit.chooseService("temporary-residence")
        visit.acceptConsent()
        walker.expect("step", "lockdown")
        field = next(seen.item for seen in named(kw.window, "input_surname") if seen.shown)
        QMetaObject.invokeMethod(field, "forceActiveFocus")
        walker.settle()
        out["focus_is_text"] = lockdown._focus_is_text()
        out["select_by_mouse"] = field.property("selectByMouse")

        camera = kw.camera
        assert camera is not None
        camera.startPassport()
        frame = QImage(1280, 720, QImage.Format.Format_RGB32)
        frame.fill(QColor("#2050c0"))
        for _ in range(100):
            feed.push(frame)
            walker.settle(50)
            if camera.preview:
                break
        walker.settle(100)
        image = next(seen.item for seen in named(kw.window, "cameraPreview"))
        out["preview_source_is_jpeg"] = image.property("source").toString().startswith("data:image/jpeg")
        out["preview_painted"] = float(image.property("paintedWidth")) > 0
        visit.finish()  # the wipe: the camera closes, its picture goes
        walker.settle()
        out["preview_after_wipe"] = camera.preview
        out["preview_source_after_wipe"] = image.property("source").toString()

        form = kw.visit.session.forms["activity-signup"]  # the shortest form: two steps
        reference = walker.walk(form, "en", sample_answers(form.id, None))
        out["reference"] = reference
        out["shots"] = sorted(p.name for p in (work / "shots").glob("*.png"))
        out["window_is"] = type(kw.window).__name__
        lockdown.remove()
    finally:
        kw.close()
        QGuiApplication.processEvents()
    out["loaded"] = sorted(name for name in BLOCKED if name in sys.modules)
    return out


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]))))
