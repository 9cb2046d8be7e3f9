"""UI numbers: cold start to an interactive attract screen (target ≤ 1.5 s) and a step change
(target ≤ 50 ms), offscreen with the software renderer. Run: .venv/bin/python benchmarks/bench_ui.py"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from headline import headline

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def cold_start(runs: int = 5) -> list[float]:
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "ui_start_child.py")],
                              capture_output=True, text=True, timeout=60, cwd=ROOT)  # fmt: skip
        wall = (time.perf_counter() - t0) * 1000
        line = [ln for ln in proc.stdout.splitlines() if ln.startswith("attract_ms")]
        if not line:
            raise SystemExit(f"start failed: {proc.stderr[-2000:]}")
        out.append(float(line[0].split()[1]))
        print(f"  run: in-process {out[-1]:.0f} ms, process wall {wall:.0f} ms")
    return out


def step_changes() -> list[float]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QT_QUICK_BACKEND", "software")
    from kiosk.qt.app import prepare_environment

    prepare_environment()
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtGui import QGuiApplication

    from kiosk.config import KioskConfig
    from kiosk.forms import load_forms
    from kiosk.forms.samples import load_sample
    from kiosk.qt.app import create_window

    app = QGuiApplication.instance() or QGuiApplication(sys.argv)
    kw = create_window(KioskConfig(data_dir=Path(tempfile.mkdtemp()), demo=True))
    kw.window.resize(1920, 1080)
    kw.window.show()
    sample = load_sample(load_forms()["temporary-residence"])
    visit, session = kw.visit, kw.visit.session
    times = []
    for _round in range(5):
        visit.start()
        visit.setLanguage("fr")
        visit.chooseService("temporary-residence")
        visit.acceptConsent()
        session.answers.update(sample)
        while session.screen.value == "step":
            app.processEvents()
            loop = QEventLoop()
            kw.window.frameSwapped.connect(loop.quit)
            QTimer.singleShot(2000, loop.quit)
            t0 = time.perf_counter()
            visit.next()
            kw.window.update()
            loop.exec()
            times.append((time.perf_counter() - t0) * 1000)
            kw.window.frameSwapped.disconnect(loop.quit)
        visit.finish()
    kw.close()
    return times


def main() -> None:
    starts = cold_start()
    print(f"cold start to attract screen drawn: median {statistics.median(starts):.0f} ms, "
          f"max {max(starts):.0f} ms over {len(starts)} runs (target ≤ 1500 ms)")  # fmt: skip
    headline("cold_start_median", statistics.median(starts), "ms", "<=1500")
    steps = step_changes()
    print(f"step change (Next → next step drawn): median {statistics.median(steps):.1f} ms, "
          f"max {max(steps):.1f} ms over {len(steps)} changes (target ≤ 50 ms)")  # fmt: skip
    headline("step_change_median", statistics.median(steps), "ms", "<=50")


if __name__ == "__main__":
    main()
