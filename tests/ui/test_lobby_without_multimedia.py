"""The Linux lobby bundle carries no Qt Multimedia back end and no QtMultimedia binding (kiosk.spec):
the window, its virtual keyboard and the camera choice work without them (a subprocess with the
binding blocked and Qt's multimedia plugin folder hidden, as in the bundle)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = textwrap.dedent(
    """
    import json, os, sys
    sys.modules["PySide6.QtMultimedia"] = None  # what kiosk.spec excludes: importing it fails
    from PySide6.QtCore import QCoreApplication, QLibraryInfo
    plugins = QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)
    folder = sys.argv[1]
    os.makedirs(folder + "/plugins")
    for name in os.listdir(plugins):
        if name != "multimedia":  # what kiosk.spec leaves out of the lobby bundle
            os.symlink(os.path.join(plugins, name), os.path.join(folder, "plugins", name))
    QCoreApplication.setLibraryPaths([folder + "/plugins"])
    from kiosk.qt.bootstrap import prepare_environment
    prepare_environment()
    from pathlib import Path
    from PySide6.QtGui import QGuiApplication
    app = QGuiApplication(sys.argv[:1])
    from kiosk.config import KioskConfig
    from kiosk.qt.app import create_window
    from tests.ui.qml_driver import Driver
    kw = create_window(KioskConfig(data_dir=Path(folder) / "data", demo=True), sync=False)
    numpy_at_start = "numpy" in sys.modules  # the V4L2 source's decoders load when the camera opens
    kw.window.resize(1280, 800)
    kw.window.show()
    d = Driver(kw.window)
    d.process(200)
    d.click("startButton")
    d.click("lang_en")
    d.click("service_temporary-residence")
    d.accept_consent()
    d.click("input_given_names")
    d.process(300)
    maps = open("/proc/self/maps").read()
    print(json.dumps({
        "keyboard": bool(d.find("inputPanel").property("active")),
        "camera": type(kw.camera._source).__name__,
        "numpy_at_start": numpy_at_start,
        "binding": sys.modules.get("PySide6.QtMultimedia") is not None,
        "qt_multimedia_lib": "libQt6Multimedia.so" in maps,
        "ffmpeg": "libavcodec" in maps or "ffmpegmediaplugin" in maps,
    }))
    sys.stdout.flush()
    os._exit(0)  # the window's background jobs need no orderly end here
    """
)


def test_the_window_keyboard_and_camera_choice_need_no_qt_multimedia_back_end(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_QUICK_BACKEND": "software"}
    env["PYTHONPATH"] = str(ROOT)
    env.pop("KIOSK_CAMERA_FEED", None)
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=180)  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result == {
        "keyboard": True,  # the keyboard's QML imports QtMultimedia (key sounds): it still loads
        "camera": "V4l2CameraSource",  # Linux without the binding: V4L2, even before a camera is there
        "numpy_at_start": False,  # creating it imports no numpy (start-up time, docs/deploy.md)
        "binding": False,
        "qt_multimedia_lib": True,  # Qt's own library stays in the bundle (the keyboard links it)
        "ffmpeg": False,
    }
    assert "QtMultimedia" not in done.stderr, done.stderr[-3000:]
