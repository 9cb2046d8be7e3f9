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


def cold_start(child: str = "ui_start_child.py", runs: int = 5,
               env: dict[str, str] | None = None) -> list[float]:  # fmt: skip
    """In-process milliseconds from the child's first line to its first frame, per run."""
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / child)], capture_output=True,
                              text=True, timeout=60, cwd=ROOT, env={**os.environ, **(env or {})})  # fmt: skip
        wall = (time.perf_counter() - t0) * 1000
        line = [ln for ln in proc.stdout.splitlines() if ln.startswith("attract_ms")]
        if not line:
            raise SystemExit(f"start failed: {proc.stderr[-2000:]}")
        out.append(float(line[0].split()[1]))
        print(f"  {child}: in-process {out[-1]:.0f} ms, process wall {wall:.0f} ms")
    return out


def step_changes() -> list[float]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QT_QUICK_BACKEND", "software")
    from kiosk.qt.bootstrap import prepare_environment

    prepare_environment()
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtGui import QGuiApplication

    from kiosk.config import KioskConfig
    from kiosk.forms import load_forms
    from kiosk.forms.samples import load_sample
    from kiosk.qt.app import create_window
    from kiosk.qt.quick import redraw, signal

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
            signal(kw.window, "frameSwapped").connect(loop.quit)
            QTimer.singleShot(2000, loop.quit)
            t0 = time.perf_counter()
            visit.next()
            redraw(kw.window)
            loop.exec()
            times.append((time.perf_counter() - t0) * 1000)
            signal(kw.window, "frameSwapped").disconnect(loop.quit)
        visit.finish()
    kw.close()
    return times


def main() -> None:
    # A kiosk restart (its queue file exists, as every start but the first), the floor (a bare
    # Controls + virtual keyboard window) in the same run, interleaved, and a first start.
    data = tempfile.mkdtemp(prefix="bench-ui-")
    cold_start(runs=1, env={"KIOSK_BENCH_DATA": data})  # creates the queue: not counted
    starts, floor = [], []
    for _ in range(5):
        starts += cold_start(runs=1, env={"KIOSK_BENCH_DATA": data})
        floor += cold_start("floor_start_child.py", runs=1)
    first = cold_start(runs=3)
    ratio = statistics.median(starts) / statistics.median(floor)
    print(f"cold start to attract screen drawn (restart): median {statistics.median(starts):.0f} ms, "
          f"max {max(starts):.0f} ms over {len(starts)} runs (target ≤ 800 ms); first start on a new "
          f"data folder {statistics.median(first):.0f} ms; floor (bare Controls + virtual keyboard "
          f"window) {statistics.median(floor):.0f} ms: {ratio:.1f}× the floor")  # fmt: skip
    headline("cold_start_median", statistics.median(starts), "ms", "<=800")
    headline("cold_start_floor_ratio", ratio, "x")
    steps = step_changes()
    print(f"step change (Next → next step drawn): median {statistics.median(steps):.1f} ms, "
          f"max {max(steps):.1f} ms over {len(steps)} changes (target ≤ 50 ms)")  # fmt: skip
    headline("step_change_median", statistics.median(steps), "ms", "<=50")


if __name__ == "__main__":
    main()
