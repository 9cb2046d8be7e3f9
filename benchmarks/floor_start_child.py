"""Child of bench_ui.py: the floor — a bare QML window with Qt Quick Controls and the virtual
keyboard, nothing of the kiosk — offscreen, reporting when its first frame is drawn."""

import time

T0 = time.perf_counter()

import os  # noqa: E402
import sys  # noqa: E402

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")
os.environ.setdefault("QT_IM_MODULE", "qtvirtualkeyboard")
os.environ.setdefault("QT_QUICK_CONTROLS_STYLE", "Basic")

from PySide6.QtCore import QByteArray, QUrl  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402
from PySide6.QtQml import QQmlApplicationEngine  # noqa: E402

QML = b"""
import QtQuick
import QtQuick.Controls
import QtQuick.VirtualKeyboard
ApplicationWindow {
    width: 1920; height: 1080; visible: true
    Button { anchors.centerIn: parent; text: "Touch to start" }
    InputPanel { width: parent.width; y: parent.height }
}
"""

app = QGuiApplication(sys.argv)
engine = QQmlApplicationEngine()
engine.loadData(QByteArray(QML), QUrl("floor.qml"))
window = engine.rootObjects()[0]


def drawn() -> None:
    print(f"attract_ms {(time.perf_counter() - T0) * 1000:.0f}", flush=True)
    app.quit()


window.frameSwapped.connect(drawn)
app.exec()
