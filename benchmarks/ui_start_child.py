"""Child of bench_ui.py: start the kiosk offscreen and report when the attract screen is drawn."""

import time

T0 = time.perf_counter()

import os  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")

from kiosk.qt.bootstrap import prepare_environment  # noqa: E402

prepare_environment()
from PySide6.QtGui import QGuiApplication  # noqa: E402

from kiosk.config import KioskConfig  # noqa: E402
from kiosk.qt.app import create_window  # noqa: E402
from kiosk.qt.quick import signal  # noqa: E402

app = QGuiApplication(sys.argv)
# KIOSK_BENCH_DATA: a kiosk's data folder from an earlier start (a restart: the queue exists);
# otherwise a first start on a new folder (the queue file is created and migrated).
data = os.environ.get("KIOSK_BENCH_DATA") or tempfile.mkdtemp()
kw = create_window(KioskConfig(data_dir=Path(data), demo=True))
window = kw.window
window.resize(1920, 1080)


def drawn() -> None:
    print(f"attract_ms {(time.perf_counter() - T0) * 1000:.0f}", flush=True)
    app.quit()


signal(window, "frameSwapped").connect(drawn)
window.show()
app.exec()
